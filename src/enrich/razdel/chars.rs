//! Character classes as Python's `re` and `str` methods define them.
//!
//! razdel is specified by Python regexes (`\w`, `\d`, `\s`, `[а-яё]` under
//! `re.I`, ...) and `str.isalpha()/isdigit()/islower()/isupper()/lower()`.
//! Rust's `char` predicates follow other Unicode properties and a newer
//! Unicode version, so every class comes from `tables.rs`, which
//! `src/enrich/razdel/gen_tables.py` measures from the reference interpreter itself.

use super::tables::{DIRECT, RANGES};

/// Atom classes of razdel's tokenizer regex `ATOM` (alternation order).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum AtomKind {
    /// Whitespace: matched by no alternative.
    Space = 0,
    /// `[а-яё]` with `re.I`.
    Ru = 1,
    /// `[a-z]` with `re.I`.
    Lat = 2,
    /// `\d`.
    Int = 3,
    /// One char of razdel's `PUNCTS`.
    Punct = 4,
    /// Any other `\S`.
    Other = 5,
}

const TYPE_MASK: u16 = 0b111;
const WORD: u16 = 1 << 3;
const DECIMAL: u16 = 1 << 4;
const ALPHA: u16 = 1 << 5;
const DIGIT: u16 = 1 << 6;
const LOWER: u16 = 1 << 7;
const UPPER: u16 = 1 << 8;
const TITLE: u16 = 1 << 9;
const SPACE: u16 = 1 << 10;

#[inline]
fn flags(c: char) -> u16 {
    let cp = c as u32;
    if (cp as usize) < DIRECT.len() {
        return DIRECT[cp as usize];
    }
    // RANGES[0] starts at U+0000, so the index is always >= 1.
    let i = RANGES.partition_point(|&(start, _)| start <= cp);
    RANGES[i - 1].1
}

#[inline]
pub(crate) fn atom_kind(c: char) -> AtomKind {
    match flags(c) & TYPE_MASK {
        1 => AtomKind::Ru,
        2 => AtomKind::Lat,
        3 => AtomKind::Int,
        4 => AtomKind::Punct,
        5 => AtomKind::Other,
        _ => AtomKind::Space,
    }
}

/// `re` `\s` (identical to `str.isspace()` / what `str.strip()` removes).
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    flags(c) & SPACE != 0
}

/// Token classes of the sentence splitter's `([^\W\d]+|\d+|[^\w\s])`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TokClass {
    /// `[^\W\d]`: word char that is not a decimal digit (letters, `_`, `²`...).
    Word,
    /// `\d`.
    Digit,
    /// `[^\w\s]`: one punctuation/symbol char.
    Sym,
    /// `\s`.
    Space,
}

#[inline]
pub(crate) fn tok_class(c: char) -> TokClass {
    let f = flags(c);
    if f & DECIMAL != 0 {
        TokClass::Digit
    } else if f & WORD != 0 {
        TokClass::Word
    } else if f & SPACE != 0 {
        TokClass::Space
    } else {
        TokClass::Sym
    }
}

/// `str.isalpha()`.
pub(crate) fn py_isalpha(s: &[char]) -> bool {
    !s.is_empty() && s.iter().all(|&c| flags(c) & ALPHA != 0)
}

/// `str.isdigit()` (wider than `\d`: includes `²`, `①`...).
pub(crate) fn py_isdigit(s: &[char]) -> bool {
    !s.is_empty() && s.iter().all(|&c| flags(c) & DIGIT != 0)
}

/// `str.islower()`: no upper/title-case char and at least one lower-case one.
pub(crate) fn py_islower(s: &[char]) -> bool {
    let mut cased = false;
    for &c in s {
        let f = flags(c);
        if f & (UPPER | TITLE) != 0 {
            return false;
        }
        cased |= f & LOWER != 0;
    }
    cased
}

/// `str.isupper()`, mirror of [`py_islower`].
pub(crate) fn py_isupper(s: &[char]) -> bool {
    let mut cased = false;
    for &c in s {
        let f = flags(c);
        if f & (LOWER | TITLE) != 0 {
            return false;
        }
        cased |= f & UPPER != 0;
    }
    cased
}

/// Python `c.lower()` restricted to what razdel compares against: returns the
/// lowered char when it is in a-z, а-я, ё or §, otherwise `None` (the char can
/// then never equal an abbreviation). The generator checked that no char
/// lowers to several alphabet chars; `tests` compare with `LOWER_MAP`.
#[inline]
pub(crate) fn lower_target(c: char) -> Option<char> {
    match c {
        'a'..='z' | 'а'..='я' | 'ё' | '§' => Some(c),
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        'А'..='Я' => char::from_u32(c as u32 + 0x20),
        'Ё' => Some('ё'),
        '\u{212A}' => Some('k'), // KELVIN SIGN lowers to ASCII 'k'
        _ => None,
    }
}

/// `s.lower() == target` for a target made of `lower_target` alphabet chars.
pub(crate) fn lower_eq(s: &[char], target: &str) -> bool {
    let mut t = target.chars();
    for &c in s {
        match (lower_target(c), t.next()) {
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
    t.next().is_none()
}

/// Lower-cases `s` into `buf` when every char maps into the abbreviation
/// alphabet; `false` means `s.lower()` cannot be in any razdel set.
pub(crate) fn lower_into(s: &[char], buf: &mut String) -> bool {
    buf.clear();
    for &c in s {
        match lower_target(c) {
            Some(l) => buf.push(l),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::tables::LOWER_MAP;
    use super::*;

    #[test]
    fn lower_target_matches_python_table() {
        // Every char other than the alphabet itself must map exactly as LOWER_MAP.
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let alphabet = matches!(c, 'a'..='z' | 'а'..='я' | 'ё' | '§');
            let expected = if alphabet {
                Some(c)
            } else {
                LOWER_MAP.iter().find(|(k, _)| *k == c).map(|&(_, v)| v)
            };
            assert_eq!(lower_target(c), expected, "U+{cp:04X}");
        }
    }

    #[test]
    fn direct_table_agrees_with_ranges() {
        for cp in 0..DIRECT.len() as u32 {
            let i = RANGES.partition_point(|&(start, _)| start <= cp);
            assert_eq!(DIRECT[cp as usize], RANGES[i - 1].1, "U+{cp:04X}");
        }
        assert_eq!(RANGES[0].0, 0);
        assert!(RANGES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    /// Compares every code point with what the reference interpreter says.
    /// Needs Python with razdel: `RAZDEL_PYTHON=/path/to/python cargo test -- --ignored`
    /// (default: target/tools/ru-reference/bin/python).
    #[test]
    #[ignore = "needs the Python razdel reference interpreter"]
    fn python_classification_parity() {
        let python = std::env::var("RAZDEL_PYTHON")
            .unwrap_or_else(|_| "target/tools/ru-reference/bin/python".into());
        let script = include_str!("testdata/dump_classes.py");
        let output = std::process::Command::new(&python)
            .arg("-c")
            .arg(script)
            .output();
        let output = match output {
            Ok(o) if o.status.success() => o,
            other => panic!("cannot run {python}: {other:?}"),
        };
        let dump = String::from_utf8(output.stdout).unwrap();
        let rows: Vec<(u32, Vec<&str>)> = dump
            .lines()
            .map(|l| {
                let mut f = l.split(' ');
                let cp = u32::from_str_radix(f.next().unwrap(), 16).unwrap();
                (cp, f.collect())
            })
            .collect();
        let mut checked = 0u32;
        for (k, (start, row)) in rows.iter().enumerate() {
            let end = rows.get(k + 1).map_or(0x110000, |r| r.0);
            for cp in *start..end {
                let Some(c) = char::from_u32(cp) else {
                    continue;
                };
                let atom = match atom_kind(c) {
                    AtomKind::Space => "SPACE",
                    AtomKind::Ru => "RU",
                    AtomKind::Lat => "LAT",
                    AtomKind::Int => "INT",
                    AtomKind::Punct => "PUNCT",
                    AtomKind::Other => "OTHER",
                };
                let tok = match tok_class(c) {
                    TokClass::Word => "W",
                    TokClass::Digit => "D",
                    TokClass::Sym => "P",
                    TokClass::Space => "S",
                };
                let b = |x: bool| if x { "1" } else { "0" };
                let lowered = lower_target(c).map_or("-".to_string(), String::from);
                let got = [
                    atom,
                    tok,
                    b(is_space(c)),
                    b(py_isalpha(&[c])),
                    b(py_isdigit(&[c])),
                    b(py_islower(&[c])),
                    b(py_isupper(&[c])),
                    lowered.as_str(),
                ];
                assert_eq!(got.as_slice(), row.as_slice(), "U+{cp:04X}");
                checked += 1;
            }
        }
        assert_eq!(checked, 0x110000 - 0x800); // every scalar value
    }

    #[test]
    fn spot_checks() {
        // re.I folding quirks that plain Rust predicates would miss.
        assert_eq!(atom_kind('ᲀ'), AtomKind::Ru); // rounded ve folds to в
        assert_eq!(atom_kind('İ'), AtomKind::Lat);
        assert_eq!(atom_kind('\u{212A}'), AtomKind::Lat);
        assert_eq!(atom_kind('№'), AtomKind::Punct);
        assert_eq!(atom_kind('\u{a0}'), AtomKind::Space);
        assert_eq!(atom_kind('\u{200b}'), AtomKind::Other); // ZWSP is not \s
        assert_eq!(tok_class('²'), TokClass::Word);
        assert_eq!(tok_class('_'), TokClass::Word);
        assert_eq!(tok_class('٣'), TokClass::Digit);
        assert!(py_isdigit(&['²']));
        assert!(py_islower(&['a', '1']));
        assert!(!py_islower(&['ǅ', 'a']));
        assert!(lower_eq(&['Т', 'Ы', 'С'], "тыс"));
        assert!(!lower_eq(&['İ'], "i"));
    }
}
