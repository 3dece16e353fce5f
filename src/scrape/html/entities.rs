//! Character references (`&amp;`, `&#233;`, `&eacute`), decoded as the HTML standard says,
//! with its table of named references as html5ever ships it.

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// Decodes the character reference at the start of `input` (just after its `&`) into `out`;
/// returns how many bytes of `input` it used, or 0 when there is none (the `&` is text).
/// `in_attribute`: a named reference without `;` followed by `=` or an alphanumeric is text
/// there.
pub fn decode(input: &[u8], in_attribute: bool, out: &mut String) -> usize {
    match input.first() {
        Some(b'#') => numeric(input, out),
        Some(byte) if byte.is_ascii_alphanumeric() => named(input, in_attribute, out),
        _ => 0,
    }
}

fn named(input: &[u8], in_attribute: bool, out: &mut String) -> usize {
    let mut best: Option<(usize, (u32, u32))> = None;
    let mut length = 0;
    while let Some(&byte) = input.get(length) {
        if !(byte.is_ascii_alphanumeric() || byte == b';') {
            break;
        }
        length += 1;
        // The input is UTF-8 and these bytes are ASCII.
        let Ok(name) = std::str::from_utf8(&input[..length]) else {
            break;
        };
        match NAMED_ENTITIES.get(name) {
            None => break,
            Some(&(0, 0)) => {}
            Some(&code_points) => best = Some((length, code_points)),
        }
        if byte == b';' {
            break;
        }
    }
    let Some((length, (first, second))) = best else {
        return 0;
    };
    if in_attribute
        && input[length - 1] != b';'
        && input
            .get(length)
            .is_some_and(|&next| next == b'=' || next.is_ascii_alphanumeric())
    {
        return 0;
    }
    for code_point in [first, second] {
        if let Some(c) = char::from_u32(code_point).filter(|_| code_point != 0) {
            out.push(c);
        }
    }
    length
}

fn numeric(input: &[u8], out: &mut String) -> usize {
    let (radix, start) = match input.get(1) {
        Some(b'x' | b'X') => (16, 2),
        _ => (10, 1),
    };
    let mut value: u32 = 0;
    let mut end = start;
    while let Some(digit) = input.get(end).and_then(|&b| (b as char).to_digit(radix)) {
        value = value.saturating_mul(radix).saturating_add(digit);
        end += 1;
    }
    if end == start {
        return 0;
    }
    if input.get(end) == Some(&b';') {
        end += 1;
    }
    let c = match value {
        0 | 0xD800..=0xDFFF | 0x110000.. => '\u{fffd}',
        0x80..=0x9F => C1_REPLACEMENTS[(value - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(value).unwrap_or('\u{fffd}')),
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    };
    out.push(c);
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(input: &str, in_attribute: bool) -> (String, usize) {
        let mut out = String::new();
        let used = decode(input.as_bytes(), in_attribute, &mut out);
        (out, used)
    }

    #[test]
    fn named_numeric_and_legacy_references() {
        assert_eq!(decoded("amp;x", false), ("&".to_string(), 4));
        assert_eq!(decoded("eacute rest", false), ("é".to_string(), 6));
        assert_eq!(decoded("notit;", false), ("¬".to_string(), 3));
        assert_eq!(decoded("#x41;", false), ("A".to_string(), 5));
        assert_eq!(decoded("#150", false), ("\u{2013}".to_string(), 4));
        assert_eq!(decoded("#xD800;", false), ("\u{fffd}".to_string(), 7));
        assert_eq!(decoded("#;", false), (String::new(), 0));
        assert_eq!(decoded("nosuch;", false), (String::new(), 0));
        // In an attribute a legacy reference followed by `=` stays text (query strings).
        assert_eq!(decoded("copy=2", true), (String::new(), 0));
        assert_eq!(decoded("copy=2", false), ("©".to_string(), 4));
    }
}
