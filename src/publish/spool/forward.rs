//! The forwarder: sends the spooled records to the broker in the order they were appended,
//! in batches, and marks each acknowledged prefix so that it leaves the spool.

use std::fs::File;
use std::io::BufReader;
use std::sync::Arc;
use std::time::Duration;

use super::segment::{self, Frame};
use super::{Log, Segment};
use crate::publish::{Envelope, KafkaSink, SinkError};

/// A batch is sent at once; librdkafka's idempotent producer keeps their order per partition.
const BATCH_RECORDS: usize = 500;
const BATCH_BYTES: u64 = 4 << 20;
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// Short: every attempt already lasts the producer's delivery timeout when the broker is away.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// Records read for one send, with their sequence numbers.
pub(super) type Batch = Vec<(u64, Envelope)>;

/// Where the forwarder reads: the next record of one segment.
pub(super) struct Reader {
    segment: u64,
    file: BufReader<File>,
    offset: u64,
    seq: u64,
}

pub(super) async fn run(log: Arc<Log>, sink: Arc<KafkaSink>) {
    let mut durable = log.durable.subscribe();
    let mut next = *log.acked.borrow();
    let mut reader = None;
    let mut backoff = FIRST_BACKOFF;
    loop {
        if durable.wait_for(|durable| *durable > next).await.is_err() {
            return;
        }
        let upto = *durable.borrow();
        let reading = {
            let log = log.clone();
            tokio::task::spawn_blocking(move || read_batch(&log, reader, next, upto)).await
        };
        let batch = match reading {
            Ok(Ok((kept, batch))) => {
                reader = kept;
                batch
            }
            Ok(Err(e)) => {
                tracing::error!(stage = "publish", error = %e, "cannot read the spool; retrying");
                reader = None;
                tokio::time::sleep(MAX_BACKOFF).await;
                continue;
            }
            Err(e) => {
                tracing::error!(stage = "publish", error = %e, "spool reader failed");
                return;
            }
        };
        let Some(&(first_seq, _)) = batch.first() else {
            match reader.as_ref().map(|r: &Reader| r.seq) {
                // The reader skipped damaged records (logged): they count as done.
                Some(skipped_to) if skipped_to > next => {
                    mark_acked(&log, skipped_to).await;
                    next = skipped_to;
                }
                _ => {
                    reader = None;
                    tokio::time::sleep(FIRST_BACKOFF).await;
                }
            }
            continue;
        };
        // Records skipped as damaged before this batch count as done.
        let mut acked_to = first_seq;
        let seqs: Vec<u64> = batch.iter().map(|(seq, _)| *seq).collect();
        let results =
            futures_util::future::join_all(batch.into_iter().map(|(_, e)| sink.deliver(e))).await;
        let mut failure = None;
        for (seq, result) in seqs.into_iter().zip(results) {
            match result {
                Ok(()) => acked_to = seq + 1,
                Err(SinkError::Refused(error)) => {
                    tracing::error!(stage = "publish", seq, error = %error, "the broker refused a spooled record for good; removed from the spool");
                    log.metrics.refused.inc();
                    acked_to = seq + 1;
                }
                Err(SinkError::Retriable(error)) => {
                    failure = Some(error);
                    break;
                }
            }
        }
        if acked_to > next {
            mark_acked(&log, acked_to).await;
            next = acked_to;
        }
        if let Some(error) = failure {
            tracing::warn!(stage = "publish", error = %error, waiting = log.unacked(), "spooled records not delivered; retrying in order");
            // The unacknowledged rest of the batch is read and sent again, from its first.
            if reader.as_ref().is_some_and(|r| r.seq != next) {
                reader = None;
            }
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(MAX_BACKOFF);
        } else {
            backoff = FIRST_BACKOFF;
        }
    }
}

async fn mark_acked(log: &Arc<Log>, acked: u64) {
    let log = log.clone();
    match tokio::task::spawn_blocking(move || log.set_acked(acked)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            tracing::warn!(stage = "publish", error = %e, "spool cursor or segment removal failed; records may be sent again after a restart")
        }
        Err(e) => tracing::error!(stage = "publish", error = %e, "spool task failed"),
    }
}

/// Reads the records from `next` on, below `upto`, up to a batch, within one segment.
pub(super) fn read_batch(
    log: &Log,
    reader: Option<Reader>,
    next: u64,
    upto: u64,
) -> std::io::Result<(Option<Reader>, Batch)> {
    let mut reader = match reader {
        Some(reader) if reader.seq == next => reader,
        _ => match open_reader(log, next)? {
            Some(reader) => reader,
            None => return Ok((None, Vec::new())),
        },
    };
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < BATCH_RECORDS && bytes < BATCH_BYTES && reader.seq < upto {
        let Some(segment) = log.segment_at(reader.segment) else {
            // Acknowledged and removed behind the reader: go on in the segment after it.
            if !batch.is_empty() {
                break;
            }
            match open_reader(log, reader.seq)? {
                Some(following) => reader = following,
                None => break,
            }
            continue;
        };
        if reader.seq >= segment.first + segment.records {
            // This segment is done; the next starts where it ended.
            if !batch.is_empty() {
                break;
            }
            match open_reader(log, reader.seq)? {
                Some(following) if following.segment != reader.segment => reader = following,
                _ => break,
            }
            continue;
        }
        match segment::read_frame(&mut reader.file, segment.bytes - reader.offset)? {
            Frame::Record(envelope, len) => {
                batch.push((reader.seq, envelope));
                bytes += len;
                reader.offset += len;
                reader.seq += 1;
            }
            Frame::End | Frame::Torn(_) => {
                tracing::error!(
                    segment = reader.segment,
                    seq = reader.seq,
                    "damaged spool segment; skipping the rest of it"
                );
                if !batch.is_empty() {
                    break;
                }
                reader.seq = segment.first + segment.records;
            }
        }
    }
    Ok((Some(reader), batch))
}

/// A reader at record `seq`, or at the first record after it that the spool holds.
fn open_reader(log: &Log, seq: u64) -> std::io::Result<Option<Reader>> {
    let Some(Segment { first, .. }) = log.segment_from(seq) else {
        return Ok(None);
    };
    let path = log.dir.join(segment::file_name(first));
    let mut reader = Reader {
        segment: first,
        file: segment::open_at(&path, 0)?,
        offset: 0,
        seq: first,
    };
    let bytes = log.segment_at(first).map_or(0, |s| s.bytes);
    while reader.seq < seq {
        match segment::read_frame(&mut reader.file, bytes - reader.offset)? {
            Frame::Record(_, len) => {
                reader.offset += len;
                reader.seq += 1;
            }
            Frame::End | Frame::Torn(_) => break,
        }
    }
    Ok(Some(reader))
}
