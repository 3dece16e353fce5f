//! Lexical attributes NORM, PREFIX, SUFFIX, SHAPE exactly as spaCy computes
//! them (`spacy/lang/lex_attrs.py`, `Vocab` NORM lookups), and their ids.

use std::collections::HashMap;

use super::ModelError;
use super::format::LexemeData;
use super::hash::murmurhash64a;

/// Python's `str` character predicates, exported from CPython so that the
/// Unicode version matches the reference rather than Rust's.
struct CharClass(Vec<(u32, u32)>);

impl CharClass {
    fn contains(&self, c: char) -> bool {
        let cp = c as u32;
        let i = self.0.partition_point(|&(_, hi)| hi < cp);
        self.0.get(i).is_some_and(|&(lo, _)| lo <= cp)
    }
}

pub(crate) struct Lexicon {
    norm_table: HashMap<u64, String>,
    base_norms: HashMap<String, String>,
    symbols: HashMap<String, u64>,
    alpha: CharClass,
    digit: CharClass,
    space: CharClass,
    upper: CharClass,
    cased: CharClass,
    case_ignorable: CharClass,
    lower: HashMap<char, String>,
}

impl Lexicon {
    pub(crate) fn new(data: LexemeData) -> Result<Self, ModelError> {
        let bad = |m: String| ModelError::Format(m);
        let norm_table = data
            .norm_table
            .into_iter()
            .map(|(k, v)| {
                Ok((
                    k.parse::<u64>()
                        .map_err(|e| bad(format!("norm key {k}: {e}")))?,
                    v,
                ))
            })
            .collect::<Result<_, ModelError>>()?;
        let lower = data
            .lower
            .into_iter()
            .map(|(k, v)| {
                let c = k
                    .parse::<u32>()
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| bad(format!("bad code point {k}")))?;
                Ok((c, v))
            })
            .collect::<Result<_, ModelError>>()?;
        Ok(Self {
            norm_table,
            base_norms: data.base_norms,
            symbols: data.symbols,
            alpha: CharClass(data.alpha),
            digit: CharClass(data.digit),
            space: CharClass(data.space),
            upper: CharClass(data.upper),
            cased: CharClass(data.cased),
            case_ignorable: CharClass(data.case_ignorable),
            lower,
        })
    }

    pub(crate) fn is_space_char(&self, c: char) -> bool {
        if c.is_ascii() {
            matches!(
                c,
                ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f'
            )
        } else {
            self.space.contains(c)
        }
    }

    /// `str.isspace()`: non-empty and all whitespace (spaCy's IS_SPACE).
    pub(crate) fn is_space(&self, s: &str) -> bool {
        !s.is_empty() && s.chars().all(|c| self.is_space_char(c))
    }

    /// `StringStore.add`: 0 for "", the symbol id for reserved strings,
    /// otherwise MurmurHash64A of the UTF-8 bytes with seed 1.
    pub(crate) fn string_id(&self, s: &str) -> u64 {
        if s.is_empty() {
            0
        } else if let Some(&id) = self.symbols.get(s) {
            id
        } else {
            murmurhash64a(s.as_bytes(), 1)
        }
    }

    /// Python `str.lower()`: per-character mapping plus the Final_Sigma rule.
    fn lower(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        // Only a capital sigma needs context; collect chars just for it.
        let chars: Vec<char> = if s.contains('Σ') {
            s.chars().collect()
        } else {
            Vec::new()
        };
        for (i, c) in s.chars().enumerate() {
            if c == 'Σ' {
                out.push(if self.final_sigma(&chars, i) {
                    'ς'
                } else {
                    'σ'
                });
            } else if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if let Some(l) = self.lower.get(&c) {
                out.push_str(l);
            } else {
                out.push(c);
            }
        }
        out
    }

    /// CPython `handle_capital_sigma`: cased letter before (skipping
    /// case-ignorables) and no cased letter after.
    fn final_sigma(&self, chars: &[char], i: usize) -> bool {
        let skip = |c: &&char| self.case_ignorable.contains(**c);
        let before = chars[..i].iter().rev().find(|c| !skip(c));
        let after = chars[i + 1..].iter().find(|c| !skip(c));
        before.is_some_and(|c| self.cased.contains(*c))
            && !after.is_some_and(|c| self.cased.contains(*c))
    }

    /// Lexeme NORM: lexeme_norm table, then BASE_NORMS, then lower-case.
    fn norm(&self, orth: &str) -> String {
        if let Some(n) = self.norm_table.get(&self.string_id(orth)) {
            n.clone()
        } else if let Some(n) = self.base_norms.get(orth) {
            n.clone()
        } else {
            self.lower(orth)
        }
    }

    /// `spacy.lang.lex_attrs.word_shape`.
    fn shape(&self, s: &str) -> String {
        if s.chars().count() >= 100 {
            return "LONG".to_string();
        }
        let mut shape = String::new();
        let mut last = None;
        let mut seq = 0;
        for c in s.chars() {
            let sc = if self.is_alpha(c) {
                if self.is_upper(c) { 'X' } else { 'x' }
            } else if self.is_digit(c) {
                'd'
            } else {
                c
            };
            if Some(sc) == last {
                seq += 1;
            } else {
                seq = 0;
                last = Some(sc);
            }
            if seq < 4 {
                shape.push(sc);
            }
        }
        shape
    }

    fn is_alpha(&self, c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_alphabetic()
        } else {
            self.alpha.contains(c)
        }
    }

    fn is_upper(&self, c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            self.upper.contains(c)
        }
    }

    fn is_digit(&self, c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_digit()
        } else {
            self.digit.contains(c)
        }
    }

    /// Feature ids in the model's column order NORM, PREFIX, SUFFIX, SHAPE.
    /// `norm` is the token-level NORM a special case sets, if any.
    pub(crate) fn features(&self, orth: &str, norm: Option<&str>) -> [u64; 4] {
        let norm_id = match norm.map(|n| self.string_id(n)) {
            // Token.norm == 0 falls back to the lexeme's norm.
            Some(id) if id != 0 => id,
            _ => self.string_id(&self.norm(orth)),
        };
        let prefix_end = orth.char_indices().nth(1).map_or(orth.len(), |(i, _)| i);
        let n_chars = orth.chars().count();
        let suffix_start = orth
            .char_indices()
            .nth(n_chars.saturating_sub(3))
            .map_or(0, |(i, _)| i);
        [
            norm_id,
            self.string_id(&orth[..prefix_end]),
            self.string_id(&orth[suffix_start..]),
            self.string_id(&self.shape(orth)),
        ]
    }
}
