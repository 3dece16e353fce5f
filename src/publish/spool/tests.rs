use std::io::Write;

use super::*;
use crate::publish::records::ITEM_SCHEMA;

fn frame(key: &str, size: usize) -> Vec<u8> {
    segment::encode(&Envelope {
        topic: "news.items".into(),
        key: key.into(),
        schema: ITEM_SCHEMA,
        feed_id: "desk".into(),
        payload: vec![b'x'; size],
    })
}

fn keys_from(log: &Log, from: u64) -> Vec<String> {
    let mut keys = Vec::new();
    let mut seq = from;
    while let Some(segment) = log.segment_from(seq) {
        let path = log.dir.join(segment::file_name(segment.first));
        let mut reader = segment::open_at(&path, 0).expect("open");
        let mut offset = 0;
        for n in 0..segment.records {
            match segment::read_frame(&mut reader, segment.bytes - offset).expect("read") {
                segment::Frame::Record(envelope, len) => {
                    offset += len;
                    if segment.first + n >= seq {
                        keys.push(envelope.key);
                    }
                }
                _ => panic!("damaged"),
            }
        }
        seq = segment.first + segment.records;
        if segment.records == 0 {
            break;
        }
    }
    keys
}

#[test]
fn a_full_spool_refuses_until_acknowledged_segments_leave() {
    let dir = tempfile::tempdir().expect("tempdir");
    let max = 64 << 10;
    let log = Log::open(dir.path(), max, SpoolMetrics::default()).expect("open");
    let mut appended = 0u64;
    while log
        .try_append(&frame(&format!("k{appended}"), 900))
        .expect("append")
        .is_some()
    {
        appended += 1;
        assert!(appended < 1_000, "the spool never filled");
    }
    assert!(*log.full.borrow());
    let bytes = log.state().disk_bytes;
    assert!(bytes <= max, "{bytes} bytes in a spool of {max}");
    assert!(log.state().segments.len() > 1, "no segment was closed");
    // Everything is still there, in order: the oldest was not dropped to make room.
    let expected: Vec<String> = (0..appended).map(|i| format!("k{i}")).collect();
    assert_eq!(keys_from(&log, 0), expected);

    // The broker acknowledged the first half: whole segments leave, and there is room again.
    log.set_acked(appended / 2).expect("acked");
    assert!(!*log.full.borrow());
    assert!(log.state().disk_bytes < bytes);
    assert!(
        log.try_append(&frame("after", 900))
            .expect("append")
            .is_some()
    );
    let on_disk: u64 = segment::list(dir.path())
        .expect("list")
        .iter()
        .map(|(_, path)| std::fs::metadata(path).expect("meta").len())
        .sum();
    assert_eq!(on_disk, log.state().disk_bytes);
}

#[test]
fn a_reopened_spool_resumes_after_the_acknowledged_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let log = Log::open(dir.path(), 32 << 10, SpoolMetrics::default()).expect("open");
        for i in 0..40 {
            log.try_append(&frame(&format!("k{i}"), 500))
                .expect("append");
        }
        log.set_acked(25).expect("acked");
    }
    let log = Log::open(dir.path(), 32 << 10, SpoolMetrics::default()).expect("reopen");
    assert_eq!(*log.acked.borrow(), 25);
    assert_eq!(log.unacked(), 15);
    let expected: Vec<String> = (25..40).map(|i| format!("k{i}")).collect();
    assert_eq!(keys_from(&log, 25), expected);
    // New records continue the sequence.
    assert_eq!(log.try_append(&frame("k40", 10)).expect("append"), Some(40));
}

#[test]
fn a_write_torn_by_a_crash_loses_only_the_torn_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let log = Log::open(dir.path(), 1 << 20, SpoolMetrics::default()).expect("open");
        for i in 0..5 {
            log.try_append(&frame(&format!("k{i}"), 100))
                .expect("append");
        }
    }
    // What a SIGKILL in the middle of a write leaves: half a frame after the last whole one.
    let (_, last) = segment::list(dir.path())
        .expect("list")
        .pop()
        .expect("a segment");
    let torn = frame("k5", 100);
    let mut file = OpenOptions::new().append(true).open(&last).expect("open");
    file.write_all(&torn[..torn.len() / 2]).expect("write");
    drop(file);

    let log = Log::open(dir.path(), 1 << 20, SpoolMetrics::default()).expect("reopen");
    assert_eq!(log.unacked(), 5);
    assert_eq!(keys_from(&log, 0), ["k0", "k1", "k2", "k3", "k4"]);
    assert_eq!(log.try_append(&frame("k5", 100)).expect("append"), Some(5));
    drop(log);
    let log = Log::open(dir.path(), 1 << 20, SpoolMetrics::default()).expect("reopen");
    assert_eq!(keys_from(&log, 0).len(), 6);
}

#[test]
fn a_record_larger_than_the_spool_goes_in_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = Log::open(dir.path(), 8 << 10, SpoolMetrics::default()).expect("open");
    assert!(
        log.try_append(&frame("big", 20 << 10))
            .expect("append")
            .is_some()
    );
    assert!(
        log.try_append(&frame("next", 10))
            .expect("append")
            .is_none()
    );
    log.set_acked(1).expect("acked");
    assert!(
        log.try_append(&frame("next", 10))
            .expect("append")
            .is_some()
    );
}

#[test]
fn the_forwarder_reads_every_record_once_in_order_while_segments_leave_behind_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = Log::open(dir.path(), 32 << 10, SpoolMetrics::default()).expect("open");
    let total = 60;
    let mut read = Vec::new();
    let mut reader = None;
    let mut next = 0;
    let mut appended = 0;
    while read.len() < total {
        // Appends and reads interleave, as when the broker is back and the pipeline runs.
        for _ in 0..7 {
            if appended < total
                && log
                    .try_append(&frame(&format!("k{appended}"), 400))
                    .expect("append")
                    .is_some()
            {
                appended += 1;
            }
        }
        let upto = *log.durable.borrow();
        let (kept, batch) = forward::read_batch(&log, reader, next, upto).expect("read");
        reader = kept;
        assert!(
            !batch.is_empty() || upto == next,
            "nothing read at {next} with records up to {upto}"
        );
        for (seq, envelope) in batch {
            assert_eq!(seq, next, "records skipped or read twice");
            read.push(envelope.key);
            next += 1;
        }
        log.set_acked(next).expect("acked");
    }
    let expected: Vec<String> = (0..total).map(|i| format!("k{i}")).collect();
    assert_eq!(read, expected);
    assert!(segment::list(dir.path()).expect("list").len() <= 2);
}
