//! The spool's file format: append-only segments of checksummed frames.
//!
//! A frame is `body length: u32 LE | CRC-32 of the body: u32 LE | body`; the body holds the
//! envelope's fields, each as `length: u32 LE | bytes`: topic, key, schema, feed id, payload.
//! A segment is named after the sequence number of its first record. A SIGKILL can leave a
//! torn last frame; reading stops at the first frame that is short or fails its checksum, and
//! the segment is cut there, so every complete frame before it is kept.

use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::publish::Envelope;
use crate::publish::records::{ARTICLE_SCHEMA, DEAD_LETTER_SCHEMA, ITEM_SCHEMA};

const HEADER: usize = 8;
const SUFFIX: &str = ".seg";

/// The schemas a spooled record can carry (an envelope's schema is a static name).
const SCHEMAS: [&str; 3] = [ITEM_SCHEMA, ARTICLE_SCHEMA, DEAD_LETTER_SCHEMA];

pub fn file_name(first_seq: u64) -> String {
    format!("{first_seq:020}{SUFFIX}")
}

/// The first sequence number of a segment file, from its name.
pub fn first_seq(path: &Path) -> Option<u64> {
    path.file_name()?
        .to_str()?
        .strip_suffix(SUFFIX)?
        .parse()
        .ok()
}

/// The segments in `dir`, oldest first.
pub fn list(dir: &Path) -> io::Result<Vec<(u64, PathBuf)>> {
    let mut segments = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if let Some(first) = first_seq(&path) {
            segments.push((first, path));
        }
    }
    segments.sort();
    Ok(segments)
}

/// One envelope as a frame.
pub fn encode(envelope: &Envelope) -> Vec<u8> {
    let fields: [&[u8]; 5] = [
        envelope.topic.as_bytes(),
        envelope.key.as_bytes(),
        envelope.schema.as_bytes(),
        envelope.feed_id.as_bytes(),
        &envelope.payload,
    ];
    let body_len: usize = fields.iter().map(|f| 4 + f.len()).sum();
    let mut frame = Vec::with_capacity(HEADER + body_len);
    frame.extend_from_slice(&(body_len as u32).to_le_bytes());
    frame.extend_from_slice(&[0; 4]);
    for field in fields {
        frame.extend_from_slice(&(field.len() as u32).to_le_bytes());
        frame.extend_from_slice(field);
    }
    let crc = crc32fast::hash(&frame[HEADER..]);
    frame[4..HEADER].copy_from_slice(&crc.to_le_bytes());
    frame
}

fn decode_body(body: &[u8]) -> Option<Envelope> {
    let mut rest = body;
    let mut field = || -> Option<&[u8]> {
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let value = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some(value)
    };
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).ok();
    let topic = text(field()?)?;
    let key = text(field()?)?;
    let schema_name = field()?;
    let schema = SCHEMAS.into_iter().find(|s| s.as_bytes() == schema_name)?;
    let feed_id = text(field()?)?;
    let payload = field()?.to_vec();
    rest.is_empty().then_some(Envelope {
        topic,
        key,
        schema,
        feed_id,
        payload,
    })
}

/// What the next frame of a segment is.
pub enum Frame {
    /// A whole, intact record, and its frame's length.
    Record(Envelope, u64),
    /// The segment ends cleanly here.
    End,
    /// The bytes from here are no record: a torn write or damage.
    Torn(String),
}

/// Reads the frame at the reader's position; `left` is what the segment holds from there.
pub fn read_frame(reader: &mut impl Read, left: u64) -> io::Result<Frame> {
    if left == 0 {
        return Ok(Frame::End);
    }
    if left < HEADER as u64 {
        return Ok(Frame::Torn(format!("{left} bytes of a frame header")));
    }
    let mut header = [0; HEADER];
    reader.read_exact(&mut header)?;
    let len = u32::from_le_bytes([header[0], header[1], header[2], header[3]]);
    let crc = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
    // The length is checked against the file before anything is allocated for it.
    if u64::from(len) > left - HEADER as u64 {
        return Ok(Frame::Torn(format!(
            "a frame of {len} bytes with {} left in the segment",
            left - HEADER as u64
        )));
    }
    let mut body = vec![0; len as usize];
    reader.read_exact(&mut body)?;
    if crc32fast::hash(&body) != crc {
        return Ok(Frame::Torn(format!(
            "a frame of {len} bytes fails its checksum"
        )));
    }
    match decode_body(&body) {
        Some(envelope) => Ok(Frame::Record(envelope, HEADER as u64 + u64::from(len))),
        None => Ok(Frame::Torn(format!(
            "a frame of {len} bytes holds no record"
        ))),
    }
}

/// A segment as found on disk.
#[derive(Debug, PartialEq, Eq)]
pub struct Scanned {
    pub records: u64,
    /// Length of the intact frames from the start.
    pub intact_bytes: u64,
    /// Why the rest of the file was cut, if there was a rest.
    pub cut: Option<String>,
}

/// Reads a segment from the start and cuts off whatever follows its last intact frame.
pub fn recover(path: &Path) -> io::Result<Scanned> {
    let file = OpenOptions::new().read(true).write(true).open(path)?;
    let len = file.metadata()?.len();
    let mut reader = BufReader::new(&file);
    let mut scanned = Scanned {
        records: 0,
        intact_bytes: 0,
        cut: None,
    };
    loop {
        match read_frame(&mut reader, len - scanned.intact_bytes)? {
            Frame::Record(_, frame_len) => {
                scanned.records += 1;
                scanned.intact_bytes += frame_len;
            }
            Frame::End => break,
            Frame::Torn(why) => {
                scanned.cut = Some(why);
                break;
            }
        }
    }
    if scanned.cut.is_some() {
        file.set_len(scanned.intact_bytes)?;
        file.sync_all()?;
    }
    Ok(scanned)
}

/// Opens a segment for reading at `offset`.
pub fn open_at(path: &Path, offset: u64) -> io::Result<BufReader<File>> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    Ok(BufReader::new(file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn envelope(key: &str, payload: &str) -> Envelope {
        Envelope {
            topic: "news.articles".into(),
            key: key.into(),
            schema: ARTICLE_SCHEMA,
            feed_id: "desk".into(),
            payload: payload.as_bytes().to_vec(),
        }
    }

    fn write_segment(path: &Path, frames: &[Vec<u8>]) {
        let mut file = File::create(path).expect("create");
        for frame in frames {
            file.write_all(frame).expect("write");
        }
    }

    #[test]
    fn a_frame_reads_back_as_the_same_envelope() {
        let sent = envelope("a-1", "{\"n\":1}");
        let frame = encode(&sent);
        match read_frame(&mut frame.as_slice(), frame.len() as u64).expect("read") {
            Frame::Record(read, len) => {
                assert_eq!(len, frame.len() as u64);
                assert_eq!(
                    (
                        read.topic,
                        read.key,
                        read.schema,
                        read.feed_id,
                        read.payload
                    ),
                    (
                        sent.topic,
                        sent.key,
                        sent.schema,
                        sent.feed_id,
                        sent.payload
                    )
                );
            }
            _ => panic!("no record"),
        }
    }

    #[test]
    fn a_torn_tail_is_cut_and_the_frames_before_it_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(file_name(0));
        let frames: Vec<Vec<u8>> = (0..3)
            .map(|i| encode(&envelope(&format!("k{i}"), "{}")))
            .collect();
        let whole: u64 = frames.iter().map(|f| f.len() as u64).sum();
        // Every length of torn last frame: a part of its header, a part of its body.
        for torn_len in 1..frames[2].len() {
            let mut written = frames[..2].to_vec();
            written.push(frames[2][..torn_len].to_vec());
            write_segment(&path, &written);
            let scanned = recover(&path).expect("recover");
            assert_eq!(scanned.records, 2, "torn after {torn_len} bytes");
            assert!(scanned.cut.is_some());
            assert_eq!(
                std::fs::metadata(&path).expect("meta").len(),
                whole - frames[2].len() as u64
            );
        }
        write_segment(&path, &frames);
        assert_eq!(
            recover(&path).expect("recover"),
            Scanned {
                records: 3,
                intact_bytes: whole,
                cut: None
            }
        );
    }

    #[test]
    fn a_flipped_byte_fails_the_checksum_and_ends_the_segment_there() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(file_name(7));
        let frames: Vec<Vec<u8>> = (0..3)
            .map(|i| encode(&envelope(&format!("k{i}"), "{\"text\":\"harbour\"}")))
            .collect();
        let mut damaged = frames.clone();
        let last = damaged[1].len() - 2;
        damaged[1][last] ^= 0x20;
        write_segment(&path, &damaged);
        let scanned = recover(&path).expect("recover");
        assert_eq!(scanned.records, 1);
        assert!(
            scanned
                .cut
                .as_deref()
                .is_some_and(|c| c.contains("checksum")),
            "{scanned:?}"
        );
        assert_eq!(first_seq(&path), Some(7));
    }

    #[test]
    fn a_huge_length_is_torn_not_allocated() {
        let mut frame = encode(&envelope("k", "{}"));
        frame[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            read_frame(&mut frame.as_slice(), frame.len() as u64).expect("read"),
            Frame::Torn(_)
        ));
    }
}
