//! The embedded default sink: one JSON Lines file per topic, each line one record exactly as it
//! would be published to Kafka. A record is acknowledged once its line is written and synced.
//!
//! A kill or a failed write can leave a torn last line. It is cut off when the file is opened
//! and after every failed write, so the next record starts on a line of its own instead of being
//! glued to the torn one (where a reader would skip it, although it was acknowledged).

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::{mpsc, oneshot};

use super::{Envelope, SinkError};

type Ack = oneshot::Sender<Result<(), SinkError>>;

pub struct JsonlSink {
    dir: PathBuf,
    tx: mpsc::UnboundedSender<(Envelope, Ack)>,
    /// The last batch failed to be written or synced (disk full, read-only, …).
    failing: Arc<AtomicBool>,
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
        let failing = Arc::new(AtomicBool::new(false));
        let writer_failing = failing.clone();
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
                    let failed = results
                        .iter()
                        .any(|r| matches!(r, Err(SinkError::Retriable(_))));
                    writer_failing.store(failed, Ordering::Relaxed);
                    for (result, (_, ack)) in results.into_iter().zip(batch.drain(..)) {
                        let _ = ack.send(result);
                    }
                }
            })
            .map_err(|e| SinkError::Refused(format!("cannot start the JSON Lines writer: {e}")))?;
        Ok(JsonlSink {
            dir: dir.to_path_buf(),
            tx,
            failing,
        })
    }

    pub fn cannot_deliver(&self) -> Option<String> {
        if self.tx.is_closed() {
            return Some("the JSON Lines writer stopped".into());
        }
        self.failing
            .load(Ordering::Relaxed)
            .then(|| format!("writes to {} are failing", self.dir.display()))
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
            let mut file = OpenOptions::new()
                .create(true)
                .read(true)
                .append(true)
                .open(&path)
                .map_err(|e| SinkError::Retriable(format!("open {}: {e}", path.display())))?;
            cut_torn_line(&mut file)
                .map_err(|e| SinkError::Retriable(format!("repair {}: {e}", path.display())))?;
            files.entry(envelope.topic.clone()).or_insert(file)
        }
    };
    let mut line = Vec::with_capacity(envelope.payload.len() + 1);
    line.extend_from_slice(&envelope.payload);
    line.push(b'\n');
    // One write per line, so a crash leaves at most one torn last line.
    let Err(e) = file.write_all(&line) else {
        return Ok(());
    };
    // Part of the line may be on disk: cut it, or forget the file so that the next record
    // reopens (and repairs) it.
    if cut_torn_line(file).is_err() {
        files.remove(&envelope.topic);
    }
    Err(SinkError::Retriable(format!(
        "write {}: {e}",
        envelope.topic
    )))
}

/// Truncates the file to just after its last newline (to nothing if it has none).
fn cut_torn_line(file: &mut File) -> std::io::Result<()> {
    const CHUNK: u64 = 64 * 1024;
    let len = file.metadata()?.len();
    let mut end = len;
    let mut buf = vec![0u8; CHUNK as usize];
    // Backwards, a chunk at a time: only a torn line is read, however long the file.
    let keep = loop {
        if end == 0 {
            break 0;
        }
        let start = end.saturating_sub(CHUNK);
        let chunk = &mut buf[..(end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(chunk)?;
        if let Some(at) = chunk.iter().rposition(|&b| b == b'\n') {
            break start + at as u64 + 1;
        }
        end = start;
    };
    if keep < len {
        tracing::warn!(
            bytes = len - keep,
            "cut a torn last line off a JSON Lines file"
        );
        file.set_len(keep)?;
    }
    Ok(())
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

    #[test]
    fn a_torn_last_line_is_cut_and_whole_lines_stay() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.jsonl");
        // Longer than one read chunk, so the scan back has to cross chunks.
        let torn = "x".repeat(200 * 1024);
        for (content, kept) in [
            (
                format!("{{\"a\":1}}\n{{\"b\":2}}\n{torn}"),
                "{\"a\":1}\n{\"b\":2}\n",
            ),
            ("{\"a\":1}\n".to_string(), "{\"a\":1}\n"),
            (torn.clone(), ""),
            (String::new(), ""),
        ] {
            std::fs::write(&path, &content).expect("write");
            let mut file = OpenOptions::new()
                .read(true)
                .append(true)
                .open(&path)
                .expect("open");
            cut_torn_line(&mut file).expect("cut");
            assert_eq!(std::fs::read_to_string(&path).expect("read"), kept);
        }
    }
}
