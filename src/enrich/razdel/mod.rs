//! Port of razdel 0.5.0 (Russian tokenizer and sentence splitter) to plain
//! Rust, std only.
//!
//! Behaviour follows the Python reference rule for rule, including its quirks
//! (e.g. 10-char context windows in `sentenize`, an abbreviation pair lost to
//! a missing comma upstream). Character classes reproduce Python 3.11 `re`
//! and `str` semantics (Unicode 14.0) through generated tables, see
//! `chars.rs` and `src/enrich/razdel/gen_tables.py`.
//!
//! Offsets are code-point indices into the input, as Python indexes `str`.

mod chars;
mod sentenize;
mod sokr;
#[rustfmt::skip]
mod tables;
mod tokenize;

/// Unicode version of the Python `unicodedata` the character tables mirror.
pub use tables::UNICODE_VERSION;

/// A span of the input text; `start`/`stop` are code-point offsets, `stop`
/// exclusive, and `text` is that slice.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Substring {
    pub start: usize,
    pub stop: usize,
    pub text: String,
}

/// razdel `tokenize`: words, numbers, punctuation and "other" symbols.
pub fn tokenize(text: &str) -> Vec<Substring> {
    let chars: Vec<char> = text.chars().collect();
    substrings(text, &tokenize::spans(&chars))
}

/// razdel `sentenize`. Like razdel, an empty or whitespace-only text yields
/// one empty sentence (`Substring { start: 0, stop: 0, text: "" }`).
pub fn sentenize(text: &str) -> Vec<Substring> {
    let chars: Vec<char> = text.chars().collect();
    substrings(text, &sentenize::spans(&chars))
}

/// Span-only variants: `(start, stop)` code-point offsets, no string copies.
pub fn tokenize_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    tokenize::spans(&chars)
}

/// See [`tokenize_spans`].
pub fn sentenize_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    sentenize::spans(&chars)
}

/// Attaches text to sorted, non-overlapping code-point spans, converting to
/// byte offsets in one forward pass so each text is a plain `str` copy.
fn substrings(text: &str, spans: &[(usize, usize)]) -> Vec<Substring> {
    // Byte offset of code point 0, 1, ..., n (n = one past the end).
    let mut bounds = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let mut cp = 0;
    let mut byte = bounds.next().unwrap_or(0);
    let mut byte_at = |target: usize| {
        debug_assert!(target >= cp, "spans must be sorted");
        while cp < target {
            byte = bounds.next().unwrap_or(text.len());
            cp += 1;
        }
        byte
    };
    spans
        .iter()
        .map(|&(start, stop)| {
            let (a, b) = (byte_at(start), byte_at(stop));
            Substring {
                start,
                stop,
                text: text[a..b].to_string(),
            }
        })
        .collect()
}

/// Shared by both segmenters: razdel's `SMILES` regex `[=:;]-?[)(]{1,3}`
/// matched at `at`; returns the end offset.
pub(crate) fn smile_at(s: &[char], at: usize) -> Option<usize> {
    if !matches!(s.get(at), Some('=' | ':' | ';')) {
        return None;
    }
    let is_paren = |i: usize| matches!(s.get(i), Some(')' | '('));
    // `-?` is greedy but gives the dash back if no paren follows it.
    let mut i = at + 1;
    if s.get(i) == Some(&'-') && is_paren(i + 1) {
        i += 1;
    }
    let first = i;
    while i < first + 3 && is_paren(i) {
        i += 1;
    }
    (i > first).then_some(i)
}

#[cfg(test)]
mod tests;
