//! Feed bytes to text. Beyond the page rules of `charset` (BOM, header, declaration, detection),
//! XML allows UTF-16 and UTF-32 without a byte-order mark: their first characters are ASCII
//! markup, so the zero bytes around them tell the encoding (XML 1.0, appendix F).

use encoding_rs::Encoding;

/// How many leading bytes are examined for the zero-byte pattern of UTF-16 and UTF-32.
const SNIFF_BYTES: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wide {
    Utf16(&'static Encoding),
    Utf32 { big_endian: bool },
}

/// The document as text, without a byte-order mark; malformed sequences become U+FFFD.
pub(super) fn to_text(bytes: &[u8], content_type: Option<&str>) -> String {
    let text = match sniff_wide(bytes) {
        Some(Wide::Utf16(encoding)) => encoding.decode(bytes).0.into_owned(),
        Some(Wide::Utf32 { big_endian }) => decode_utf32(bytes, big_endian),
        // A UTF-16 or UTF-32 label on bytes without the zero pattern is a mislabel.
        None if content_type.is_some_and(names_wide_charset) => {
            super::super::charset::decode(bytes, None).into_owned()
        }
        None => super::super::charset::decode(bytes, content_type).into_owned(),
    };
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

fn names_wide_charset(content_type: &str) -> bool {
    let lower = content_type.to_ascii_lowercase();
    lower.contains("utf-16") || lower.contains("utf-32") || lower.contains("ucs-")
}

/// UTF-16 or UTF-32, by byte-order mark or by where the zero bytes of ASCII markup fall.
fn sniff_wide(bytes: &[u8]) -> Option<Wide> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => return Some(Wide::Utf32 { big_endian: false }),
        [0, 0, 0xFE, 0xFF, ..] => return Some(Wide::Utf32 { big_endian: true }),
        [0xFF, 0xFE, ..] => return Some(Wide::Utf16(encoding_rs::UTF_16LE)),
        [0xFE, 0xFF, ..] => return Some(Wide::Utf16(encoding_rs::UTF_16BE)),
        [0xEF, 0xBB, 0xBF, ..] => return None,
        _ => {}
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES) / 4 * 4];
    if head.len() < 4 {
        return None;
    }
    // Share of zero bytes at each position modulo 4.
    let mut zeros = [0usize; 4];
    for (at, byte) in head.iter().enumerate() {
        if *byte == 0 {
            zeros[at % 4] += 1;
        }
    }
    // Of `total` bytes, at least half (`mostly`: the rest is non-ASCII text, as Cyrillic in
    // UTF-16 is) or at most 10% (`rarely`) are zero. Eight-bit text has no zero bytes at all.
    let mostly = |zero: usize, total: usize| zero * 2 >= total;
    let rarely = |zero: usize, total: usize| zero * 10 <= total;
    let (quarter, half) = (head.len() / 4, head.len() / 2);
    let [z0, z1, z2, z3] = zeros;
    let utf32 = |high: [usize; 3], low: usize| {
        high.iter().all(|z| mostly(*z, quarter)) && rarely(low, quarter)
    };
    if utf32([z1, z2, z3], z0) {
        return Some(Wide::Utf32 { big_endian: false });
    }
    if utf32([z0, z1, z2], z3) {
        return Some(Wide::Utf32 { big_endian: true });
    }
    if mostly(z1 + z3, half) && rarely(z0 + z2, half) {
        return Some(Wide::Utf16(encoding_rs::UTF_16LE));
    }
    if mostly(z0 + z2, half) && rarely(z1 + z3, half) {
        return Some(Wide::Utf16(encoding_rs::UTF_16BE));
    }
    None
}

/// encoding_rs has no UTF-32 (browsers dropped it); it is four bytes a code point.
fn decode_utf32(bytes: &[u8], big_endian: bool) -> String {
    let body = match (big_endian, bytes) {
        (false, [0xFF, 0xFE, 0, 0, rest @ ..]) | (true, [0, 0, 0xFE, 0xFF, rest @ ..]) => rest,
        _ => bytes,
    };
    body.chunks(4)
        .map(|chunk| {
            let mut word = [0u8; 4];
            word[..chunk.len()].copy_from_slice(chunk);
            let value = if big_endian {
                u32::from_be_bytes(word)
            } else {
                u32::from_le_bytes(word)
            };
            char::from_u32(value).unwrap_or('\u{FFFD}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><title>Café</title></rss>";

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| {
                if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect()
    }

    fn utf32(text: &str, big_endian: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                if big_endian {
                    (c as u32).to_be_bytes()
                } else {
                    (c as u32).to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn wide_encodings_decode_with_or_without_a_byte_order_mark() {
        for big_endian in [false, true] {
            assert_eq!(to_text(&utf16(FEED, big_endian), None), FEED);
            assert_eq!(to_text(&utf32(FEED, big_endian), None), FEED);
            let marked = format!("\u{FEFF}{FEED}");
            assert_eq!(to_text(&utf16(&marked, big_endian), None), FEED);
            assert_eq!(to_text(&utf32(&marked, big_endian), None), FEED);
        }
    }

    #[test]
    fn a_utf16_label_on_eight_bit_bytes_is_ignored() {
        assert_eq!(
            to_text(FEED.as_bytes(), Some("text/xml; charset=utf-16")),
            FEED
        );
    }
}
