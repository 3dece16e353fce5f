//! Turning page and feed bytes into text, whatever charset the publisher used.
//!
//! Order of evidence, as browsers do it: byte-order mark, the HTTP `Content-Type` charset, the
//! document's own declaration (`<meta charset>`, http-equiv, `<?xml encoding?>`) in its first
//! kilobytes, then statistical detection (chardetng) for pages that say nothing or lie.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// How far into a document its charset declaration is looked for.
const PRESCAN_BYTES: usize = 4096;

/// Decodes `bytes` to UTF-8 text; malformed sequences become U+FFFD, never an error. Valid
/// UTF-8 read as UTF-8 (most pages) is borrowed, not copied.
pub fn decode<'b>(bytes: &'b [u8], content_type: Option<&str>) -> Cow<'b, str> {
    let declared = content_type
        .and_then(charset_param)
        .or_else(|| declared_in_document(bytes));
    // Validated once: most pages are UTF-8, and every rule below asks.
    let valid_utf8 = std::str::from_utf8(bytes).ok();
    let bom = Encoding::for_bom(bytes);
    let encoding = match (bom, declared) {
        (Some((bom, _)), _) => bom,
        // Text in a legacy encoding is practically never valid UTF-8 once it has non-ASCII
        // bytes, so such a page is UTF-8 mislabelled by its server or template.
        (None, Some(legacy))
            if legacy != encoding_rs::UTF_8
                && legacy.is_ascii_compatible()
                && !bytes.is_ascii()
                && valid_utf8.is_some() =>
        {
            encoding_rs::UTF_8
        }
        // A UTF-8 label on bytes that are mostly not UTF-8 (an archive's banner over a GB2312
        // page, a template that lies) loses to detection; a few stray bytes do not.
        (None, Some(utf8))
            if utf8 == encoding_rs::UTF_8 && valid_utf8.is_none() && contradicts_utf8(bytes) =>
        {
            detect(bytes)
        }
        (None, Some(declared)) => declared,
        // Most pages that declare nothing are UTF-8; checking is far cheaper than detecting.
        (None, None) if valid_utf8.is_some() => encoding_rs::UTF_8,
        (None, None) => detect(bytes),
    };
    match valid_utf8 {
        Some(text) if encoding == encoding_rs::UTF_8 && bom.is_none() => Cow::Borrowed(text),
        // decode() strips a BOM itself and handles BOM vs. label disagreement.
        _ => encoding.decode(bytes).0,
    }
}

/// The encoding named by a `charset=` parameter of a Content-Type value.
fn charset_param(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes())
    })
}

/// `<meta charset=…>`, `<meta http-equiv content="…charset=…">` or `<?xml … encoding="…"?>`.
fn declared_in_document(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    // Declarations are ASCII, so a lossy ASCII view is enough to find them.
    let head: Vec<u8> = head
        .iter()
        .map(|&b| {
            if b.is_ascii() {
                b.to_ascii_lowercase()
            } else {
                b' '
            }
        })
        .collect();
    let Ok(head) = String::from_utf8(head) else {
        return None;
    };
    for marker in ["encoding=", "charset="] {
        let mut rest = head.as_str();
        while let Some(at) = rest.find(marker) {
            rest = &rest[at + marker.len()..];
            let label: String = rest
                .trim_start_matches(['"', '\'', ' '])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
                .collect();
            if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
                // A page served as bytes cannot really be UTF-16 if it declares it in ASCII.
                if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                return Some(encoding);
            }
        }
    }
    None
}

/// Whether bytes labelled UTF-8, and not valid UTF-8, are mostly something else: many invalid
/// sequences, making up a real share of the non-ASCII bytes.
fn contradicts_utf8(bytes: &[u8]) -> bool {
    let invalid = bytes
        .utf8_chunks()
        .filter(|c| !c.invalid().is_empty())
        .count();
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    invalid > 16 && invalid * 20 > non_ascii
}

/// Detection reads at most this much: its cost is linear, and a megabyte of text settles it.
const DETECT_BYTES: usize = 1024 * 1024;

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins_over_detection() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Новости дня");
        assert_eq!(
            decode(&bytes, Some("text/html; charset=windows-1251")),
            "Новости дня"
        );
    }

    #[test]
    fn meta_and_xml_declarations_are_read() {
        let (body, _, _) = encoding_rs::KOI8_R.encode("<p>Москва</p>");
        let mut page = b"<html><head><meta charset=\"koi8-r\"></head><body>".to_vec();
        page.extend_from_slice(&body);
        assert!(decode(&page, Some("text/html")).contains("Москва"));

        let (title, _, _) = encoding_rs::WINDOWS_1251.encode("Главное");
        let mut feed = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><title>".to_vec();
        feed.extend_from_slice(&title);
        assert!(decode(&feed, None).contains("Главное"));
    }

    #[test]
    fn shift_jis_and_latin1_pages_decode() {
        let japanese = "東京都で新しい条例が成立した。";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
        assert_eq!(
            decode(&bytes, Some("text/html; charset=Shift_JIS")),
            japanese
        );
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=shift_jis\">".to_vec();
        page.extend_from_slice(&bytes);
        assert!(decode(&page, None).ends_with(japanese));
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Café à São Paulo");
        assert_eq!(
            decode(&latin, Some("text/html; charset=ISO-8859-1")),
            "Café à São Paulo"
        );
    }

    #[test]
    fn utf8_mislabelled_as_legacy_is_read_as_utf8() {
        let page = "<meta charset=\"iso-8859-1\"><p>Zürich – “quoted”</p>";
        assert!(decode(page.as_bytes(), None).contains("Zürich – “quoted”"));
        assert!(
            decode(page.as_bytes(), Some("text/html; charset=windows-1251")).contains("Zürich")
        );
    }

    #[test]
    fn undeclared_cyrillic_is_detected() {
        let text = "В Москве прошло заседание правительства, на котором обсуждали бюджет.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&bytes, None), text);
    }

    #[test]
    fn utf8_with_bom_and_garbage_never_fails() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello", None), "hello");
        assert!(
            !decode(
                &[0xff, 0xfe, 0x00, 0xd8],
                Some("text/html; charset=nonsense")
            )
            .is_empty()
        );
    }

    #[test]
    fn a_utf8_label_the_bytes_contradict_loses_to_detection() {
        let (body, _, _) =
            encoding_rs::GBK.encode("<p>北京市今天发布了新的交通规定，市民出行需要注意。</p>");
        let mut page = b"<html><head><meta charset=\"utf-8\"></head><body>".to_vec();
        for _ in 0..20 {
            page.extend_from_slice(&body);
        }
        let text = decode(&page, None);
        assert!(text.contains("北京市今天发布了新的交通规定"), "{text}");
        assert!(!text.contains('\u{FFFD}'));
    }

    #[test]
    fn a_few_stray_bytes_keep_the_utf8_label() {
        let mut page = "<meta charset=\"utf-8\"><p>Ünïcödé café – Привет</p>"
            .repeat(50)
            .into_bytes();
        page.extend_from_slice(b"\xff\xfe trailing junk");
        let text = decode(&page, None);
        assert!(text.contains("Ünïcödé café – Привет"), "{text}");
    }

    #[test]
    fn undeclared_valid_utf8_is_utf8() {
        let page = "<p>Ünïcödé café – Привет</p>".repeat(10);
        assert_eq!(decode(page.as_bytes(), None), page);
    }
}
