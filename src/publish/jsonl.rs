//! The embedded default sink: one JSON Lines file per topic, each line one record exactly as it
//! would be published to Kafka. A record is acknowledged once its line is written and synced.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use tokio::sync::{mpsc, oneshot};

use super::{Envelope, SinkError};

type Ack = oneshot::Sender<Result<(), SinkError>>;

pub struct JsonlSink {
    dir: PathBuf,
    tx: mpsc::UnboundedSender<(Envelope, Ack)>,
}

/// The file that holds a topic's records.
pub fn jsonl_path(dir: &Path, topic: &str) -> PathBuf {
    dir.join(format!("{topic}.jsonl"))
}

impl JsonlSink {
    pub fn new(dir: &Path) -> Result<Self, SinkError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| SinkError::Refused(format!("cannot create {}: {e}", dir.display())))?;
        let (tx, mut rx) = mpsc::unbounded_channel::<(Envelope, Ack)>();
        let files_dir = dir.to_path_buf();
        std::thread::Builder::new()
            .name("jsonl-sink".into())
            .spawn(move || {
                let mut files: HashMap<String, File> = HashMap::new();
                let mut batch = Vec::new();
                // Write whatever queued up, sync once, then acknowledge the whole batch.
                while rx.blocking_recv_many(&mut batch, 1024) > 0 {
                    let mut results = Vec::with_capacity(batch.len());
                    let mut touched = Vec::new();
                    for (envelope, _) in &batch {
                        let result = write_line(&files_dir, &mut files, envelope);
                        if result.is_ok() && !touched.contains(&envelope.topic) {
                            touched.push(envelope.topic.clone());
                        }
                        results.push(result);
                    }
                    for topic in &touched {
                        if let Some(Err(e)) = files.get(topic).map(File::sync_data) {
                            let error = SinkError::Retriable(format!("sync {topic}: {e}"));
                            for (result, (envelope, _)) in results.iter_mut().zip(&batch) {
                                if &envelope.topic == topic {
                                    *result = Err(error.clone());
                                }
                            }
                        }
                    }
                    for (result, (_, ack)) in results.into_iter().zip(batch.drain(..)) {
                        let _ = ack.send(result);
                    }
                }
            })
            .map_err(|e| SinkError::Refused(format!("cannot start the JSON Lines writer: {e}")))?;
        Ok(JsonlSink {
            dir: dir.to_path_buf(),
            tx,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub async fn deliver(&self, envelope: Envelope) -> Result<(), SinkError> {
        let (ack, acked) = oneshot::channel();
        self.tx
            .send((envelope, ack))
            .map_err(|_| SinkError::Retriable("JSON Lines writer stopped".into()))?;
        acked
            .await
            .map_err(|_| SinkError::Retriable("JSON Lines writer stopped".into()))?
    }
}

fn write_line(
    dir: &Path,
    files: &mut HashMap<String, File>,
    envelope: &Envelope,
) -> Result<(), SinkError> {
    if envelope.payload.contains(&b'\n') {
        return Err(SinkError::Refused("record contains a raw newline".into()));
    }
    let file = match files.get_mut(&envelope.topic) {
        Some(file) => file,
        None => {
            let path = jsonl_path(dir, &envelope.topic);
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(|e| SinkError::Retriable(format!("open {}: {e}", path.display())))?;
            files.entry(envelope.topic.clone()).or_insert(file)
        }
    };
    let mut line = Vec::with_capacity(envelope.payload.len() + 1);
    line.extend_from_slice(&envelope.payload);
    line.push(b'\n');
    // One write per line, so a crash leaves at most one torn last line.
    file.write_all(&line)
        .map_err(|e| SinkError::Retriable(format!("write {}: {e}", envelope.topic)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn records_become_lines_of_their_topic_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sink = JsonlSink::new(dir.path()).expect("sink");
        for i in 0..3 {
            let envelope = Envelope::new(
                "news.items",
                &format!("k{i}"),
                "newswire.item.v1",
                "f",
                &serde_json::json!({"n": i}),
            )
            .expect("envelope");
            sink.deliver(envelope).await.expect("delivered");
        }
        let text = std::fs::read_to_string(jsonl_path(dir.path(), "news.items")).expect("file");
        assert_eq!(text, "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n");
    }
}
