//! The spool: a bounded write-ahead log on disk in front of the Kafka producer.
//!
//! Every record is appended to the spool and synced to disk before the pipeline counts it as
//! delivered; a forwarder sends the spooled records to the broker in the order they were
//! appended and removes them once acknowledged. Always spooling (not only once the broker
//! fails) keeps one order for every record, so a key's records reach the broker in the order
//! they were built whether or not an outage came between them, and the item is done as soon
//! as its records are safe on disk: a broker outage neither stalls the pipeline nor makes it
//! fetch pages again. The bound is on the segment files' bytes; when full, appends wait (the
//! oldest record is never dropped) and polling pauses until the broker takes records again.

mod forward;
mod segment;

use std::collections::VecDeque;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use tokio::sync::{Notify, watch};

use super::{Envelope, KafkaSink, SinkError};

/// The spool's size in `/metrics`.
#[derive(Clone, Default)]
pub struct SpoolMetrics {
    /// Bytes of the spool's segment files.
    pub bytes: Gauge,
    /// Records spooled and not yet acknowledged by the broker.
    pub records: Gauge,
    /// Records the broker refused for good (too large, not authorised): logged and removed.
    pub refused: Counter,
}

pub struct Spool {
    log: Arc<Log>,
    sink: Arc<KafkaSink>,
    forwarder: tokio::task::JoinHandle<()>,
}

impl Drop for Spool {
    fn drop(&mut self) {
        self.forwarder.abort();
    }
}

impl Spool {
    /// Opens (or creates) the spool in `dir`, recovers it after a crash and starts forwarding
    /// what it holds through `sink`.
    pub fn open(
        dir: &Path,
        max_bytes: u64,
        sink: KafkaSink,
        metrics: SpoolMetrics,
    ) -> Result<Spool, SinkError> {
        let log = Arc::new(
            Log::open(dir, max_bytes, metrics)
                .map_err(|e| SinkError::Refused(format!("spool {}: {e}", dir.display())))?,
        );
        let sink = Arc::new(sink);
        let forwarder = tokio::spawn(forward::run(log.clone(), sink.clone()));
        Ok(Spool {
            log,
            sink,
            forwarder,
        })
    }

    /// Resolves once the record is on disk, after waiting for room if the spool is full.
    pub async fn append(&self, envelope: Envelope) -> Result<(), SinkError> {
        // Refused now, while the item can still go to the dead-letter topic, not by the broker
        // once it is done.
        let size = envelope.payload.len() + envelope.key.len();
        if size > self.sink.max_message_bytes() {
            return Err(SinkError::Refused(format!(
                "topic {}: a record of {size} bytes is larger than message.max.bytes ({})",
                envelope.topic,
                self.sink.max_message_bytes()
            )));
        }
        let frame = Arc::new(segment::encode(&envelope));
        loop {
            let room = self.log.room.notified();
            tokio::pin!(room);
            room.as_mut().enable();
            let log = self.log.clone();
            let frame = frame.clone();
            let appended = tokio::task::spawn_blocking(move || log.try_append(&frame))
                .await
                .map_err(|e| SinkError::Retriable(format!("spool task failed: {e}")))?
                .map_err(|e| SinkError::Retriable(format!("spool write: {e}")))?;
            match appended {
                Some(_) => return Ok(()),
                None => room.await,
            }
        }
    }

    /// Resolves when the broker acknowledged every record appended so far.
    pub async fn broker_caught_up(&self) {
        let target = self.log.state().next;
        let mut acked = self.log.acked.subscribe();
        let _ = acked.wait_for(|acked| *acked >= target).await;
    }

    /// Resolves while the spool has room (at once when it has).
    pub async fn room(&self) {
        let mut full = self.log.full.subscribe();
        let _ = full.wait_for(|full| !full).await;
    }

    /// Waits for the spool to empty, at most `timeout`; what is left is sent after a restart.
    pub async fn flush(&self, timeout: Duration) -> Result<(), SinkError> {
        let target = self.log.state().next;
        let mut acked = self.log.acked.subscribe();
        let emptied = tokio::time::timeout(timeout, acked.wait_for(|acked| *acked >= target));
        if emptied.await.is_err() {
            let left = self.log.unacked();
            tracing::warn!(
                records = left,
                "records left in the spool at the stop; they are sent after the next start"
            );
            return Err(SinkError::Retriable(format!(
                "{left} records left in the spool"
            )));
        }
        Ok(())
    }

    pub fn describe(&self) -> String {
        format!(
            "kafka {} (spool {})",
            self.sink.bootstrap_servers(),
            self.log.dir.display()
        )
    }

    /// A full spool first (that is what pauses polling), then the broker's state.
    pub fn cannot_deliver(&self) -> Option<String> {
        let bytes = self.log.state().disk_bytes;
        if *self.log.full.borrow() {
            return Some(format!(
                "spool full: {bytes} bytes (limit {}); polling paused",
                self.log.max_bytes
            ));
        }
        self.sink.cannot_deliver().map(|problem| {
            format!(
                "{problem}; {} records ({bytes} bytes) wait in the spool",
                self.log.unacked()
            )
        })
    }
}

/// The segments and their bookkeeping, shared by the appenders and the forwarder.
struct Log {
    dir: PathBuf,
    max_bytes: u64,
    /// A segment is closed and a new one started past this size.
    segment_bytes: u64,
    state: Mutex<State>,
    /// One fsync at a time: appenders that wait for it usually find their record synced.
    syncing: Mutex<()>,
    /// Records below this sequence number are on disk (the forwarder sends only those).
    durable: watch::Sender<u64>,
    /// Records below this sequence number were acknowledged by the broker.
    acked: watch::Sender<u64>,
    /// Set while an append waits for room.
    full: watch::Sender<bool>,
    /// Woken when acknowledged segments were removed.
    room: Notify,
    metrics: SpoolMetrics,
}

struct State {
    /// The segment appended to: the last in `segments`.
    file: File,
    segments: VecDeque<Segment>,
    /// The sequence number of the next record appended.
    next: u64,
    disk_bytes: u64,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    first: u64,
    records: u64,
    bytes: u64,
}

const CURSOR: &str = "acked";
const MAX_SEGMENT_BYTES: u64 = 64 << 20;
const MIN_SEGMENT_BYTES: u64 = 4 << 10;

impl Log {
    fn open(dir: &Path, max_bytes: u64, metrics: SpoolMetrics) -> std::io::Result<Log> {
        std::fs::create_dir_all(dir)?;
        let acked = read_cursor(dir)?;
        let mut segments = VecDeque::new();
        for (first, path) in segment::list(dir)? {
            let scanned = segment::recover(&path)?;
            if let Some(why) = &scanned.cut {
                tracing::warn!(segment = %path.display(), kept = scanned.records, cut = %why, "spool segment cut after its last intact record (a write torn by a crash)");
            }
            if first + scanned.records <= acked {
                std::fs::remove_file(&path)?;
                continue;
            }
            segments.push_back(Segment {
                first,
                records: scanned.records,
                bytes: scanned.intact_bytes,
            });
        }
        let next = segments
            .back()
            .map_or(acked, |s| s.first + s.records)
            .max(acked);
        let file = match segments.back() {
            Some(last) => OpenOptions::new()
                .append(true)
                .open(dir.join(segment::file_name(last.first)))?,
            None => {
                segments.push_back(Segment {
                    first: next,
                    records: 0,
                    bytes: 0,
                });
                create_segment(dir, next)?
            }
        };
        let first = segments.front().map_or(next, |s| s.first);
        let disk_bytes = segments.iter().map(|s| s.bytes).sum();
        let log = Log {
            dir: dir.to_path_buf(),
            max_bytes,
            segment_bytes: (max_bytes / 8).clamp(MIN_SEGMENT_BYTES, MAX_SEGMENT_BYTES),
            state: Mutex::new(State {
                file,
                segments,
                next,
                disk_bytes,
            }),
            syncing: Mutex::new(()),
            durable: watch::Sender::new(next),
            acked: watch::Sender::new(acked.max(first)),
            full: watch::Sender::new(false),
            room: Notify::new(),
            metrics,
        };
        log.show();
        let waiting = log.unacked();
        if waiting > 0 {
            tracing::info!(
                records = waiting,
                bytes = disk_bytes,
                "records waiting in the spool from an earlier run"
            );
        }
        Ok(log)
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn unacked(&self) -> u64 {
        self.state().next.saturating_sub(*self.acked.borrow())
    }

    fn show(&self) {
        let (bytes, next) = {
            let state = self.state();
            (state.disk_bytes, state.next)
        };
        let records = next.saturating_sub(*self.acked.borrow());
        self.metrics
            .bytes
            .set(i64::try_from(bytes).unwrap_or(i64::MAX));
        self.metrics
            .records
            .set(i64::try_from(records).unwrap_or(i64::MAX));
    }

    /// Appends and syncs one frame; `None` when the spool has no room for it. A frame larger
    /// than the whole spool still goes in once everything before it is acknowledged.
    fn try_append(&self, frame: &[u8]) -> std::io::Result<Option<u64>> {
        let seq = {
            let mut state = self.state();
            let len = frame.len() as u64;
            let empty = state.next == *self.acked.borrow();
            if state.disk_bytes + len > self.max_bytes && !empty {
                self.full.send_replace(true);
                return Ok(None);
            }
            let current = *state.segments.back().expect("a current segment");
            if current.records > 0 && current.bytes + len > self.segment_bytes {
                // Closed segments are whole on disk before the next one starts.
                state.file.sync_data()?;
                self.durable.send_replace(state.next);
                state.file = create_segment(&self.dir, state.next)?;
                let next = state.next;
                state.segments.push_back(Segment {
                    first: next,
                    records: 0,
                    bytes: 0,
                });
            }
            state.file.write_all(frame)?;
            let current = state.segments.back_mut().expect("a current segment");
            current.records += 1;
            current.bytes += len;
            state.disk_bytes += len;
            state.next += 1;
            state.next - 1
        };
        self.sync(seq)?;
        self.show();
        Ok(Some(seq))
    }

    /// Makes record `seq` durable, with every record appended before it.
    fn sync(&self, seq: u64) -> std::io::Result<()> {
        if *self.durable.borrow() > seq {
            return Ok(());
        }
        let _turn = self.syncing.lock().unwrap_or_else(|p| p.into_inner());
        if *self.durable.borrow() > seq {
            return Ok(());
        }
        let (file, upto) = {
            let state = self.state();
            (state.file.try_clone()?, state.next)
        };
        file.sync_data()?;
        self.durable.send_if_modified(|durable| {
            let advanced = upto > *durable;
            *durable = (*durable).max(upto);
            advanced
        });
        Ok(())
    }

    /// The broker acknowledged every record below `acked`: records the cursor, removes the
    /// segments that hold nothing else and makes room.
    fn set_acked(&self, acked: u64) -> std::io::Result<()> {
        self.acked.send_replace(acked);
        let cursor = write_cursor(&self.dir, acked);
        let removed = {
            let mut state = self.state();
            let mut removed = Vec::new();
            while state.segments.len() > 1
                && state
                    .segments
                    .front()
                    .is_some_and(|s| s.first + s.records <= acked)
            {
                let done = state.segments.pop_front().expect("a segment");
                state.disk_bytes -= done.bytes;
                removed.push(done.first);
            }
            removed
        };
        for first in &removed {
            std::fs::remove_file(self.dir.join(segment::file_name(*first)))?;
        }
        if !removed.is_empty() || self.state().next == acked {
            self.full.send_replace(false);
            self.room.notify_waiters();
        }
        self.show();
        cursor
    }

    /// The segment that starts at `first`, as it is now.
    fn segment_at(&self, first: u64) -> Option<Segment> {
        self.state()
            .segments
            .iter()
            .find(|s| s.first == first)
            .copied()
    }

    /// The segment holding `seq`, or the first after it.
    fn segment_from(&self, seq: u64) -> Option<Segment> {
        self.state()
            .segments
            .iter()
            .find(|s| s.first + s.records > seq || s.first >= seq)
            .copied()
    }
}

fn create_segment(dir: &Path, first: u64) -> std::io::Result<File> {
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(segment::file_name(first)))?;
    // The new file's name must survive a crash as well as its records.
    File::open(dir)?.sync_all()?;
    Ok(file)
}

fn read_cursor(dir: &Path) -> std::io::Result<u64> {
    match std::fs::read_to_string(dir.join(CURSOR)) {
        Ok(text) => Ok(text.trim().parse().unwrap_or(0)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
        Err(e) => Err(e),
    }
}

/// Replaced whole (write, sync, rename): a crash leaves the old cursor or the new one. An old
/// one only means records sent again, never records lost.
fn write_cursor(dir: &Path, acked: u64) -> std::io::Result<()> {
    let temporary = dir.join(format!("{CURSOR}.new"));
    let mut file = File::create(&temporary)?;
    file.write_all(acked.to_string().as_bytes())?;
    file.sync_data()?;
    std::fs::rename(temporary, dir.join(CURSOR))
}

#[cfg(test)]
mod tests;
