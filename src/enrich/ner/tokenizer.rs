//! spaCy's rule-based tokenizer (`spacy/tokenizer.pyx`), driven by the
//! rules exported from the reference model.

use std::collections::HashMap;
use std::sync::RwLock;

use fancy_regex::Regex;

use super::ModelError;
use super::format::{AltPattern, TokenizerData};
use super::lexeme::Lexicon;

/// A regex `a|b|c|...` evaluated as consecutive groups of alternatives:
/// lookaround-free runs on the `regex` crate's automata, rewritten
/// lookaround alternatives (see [`AltPattern`]) on the same engine one by
/// one, the rest on `fancy_regex`'s backtracker. Matching follows Python
/// `re`: the leftmost match wins, and at equal starts the earlier
/// alternative (group).
struct Alternation {
    groups: Vec<Group>,
}

enum Group {
    Plain(regex::Regex),
    /// Group 1 is the match; the pattern consumes `behind` characters of
    /// left context before it.
    Context {
        re: regex::Regex,
        behind: usize,
    },
    Fancy(Regex),
}

impl Group {
    fn find_at(&self, hay: &str, start: usize) -> Option<(usize, usize)> {
        match self {
            Self::Plain(re) => re.find_at(hay, start).map(|m| (m.start(), m.end())),
            Self::Context { re, behind } => {
                // The context may begin up to `behind` chars before `start`;
                // skip matches whose group starts before it.
                let mut from = hay[..start]
                    .char_indices()
                    .rev()
                    .take(*behind)
                    .last()
                    .map_or(start, |(i, _)| i);
                while let Some(caps) = re.captures_at(hay, from) {
                    let (whole, m) = (caps.get(0)?, caps.get(1)?);
                    if m.start() >= start {
                        return Some((m.start(), m.end()));
                    }
                    from = whole.start()
                        + hay[whole.start()..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8);
                }
                None
            }
            // A backtracking-limit error counts as no match.
            Self::Fancy(re) => re
                .find_from_pos(hay, start)
                .ok()
                .flatten()
                .map(|m| (m.start(), m.end())),
        }
    }
}

impl Alternation {
    fn new(name: &str, alternatives: &[AltPattern]) -> Result<Self, ModelError> {
        let err = |e: String| ModelError::Format(format!("{name} regex: {e}"));
        let mut groups = Vec::new();
        let mut plain: Vec<&str> = Vec::new();
        let flush = |plain: &mut Vec<&str>, groups: &mut Vec<Group>| -> Result<(), ModelError> {
            if !plain.is_empty() {
                let re = regex::Regex::new(&plain.join("|")).map_err(|e| err(e.to_string()))?;
                groups.push(Group::Plain(re));
                plain.clear();
            }
            Ok(())
        };
        for alt in alternatives {
            if let Some(behind) = alt.behind {
                flush(&mut plain, &mut groups)?;
                let re = regex::Regex::new(&alt.re).map_err(|e| err(e.to_string()))?;
                groups.push(Group::Context { re, behind });
            } else if regex::Regex::new(&alt.re).is_ok() {
                plain.push(&alt.re);
            } else {
                flush(&mut plain, &mut groups)?;
                let re = Regex::new(&alt.re).map_err(|e| err(e.to_string()))?;
                groups.push(Group::Fancy(re));
            }
        }
        flush(&mut plain, &mut groups)?;
        Ok(Self { groups })
    }

    /// Leftmost match at or after `start` as byte range.
    fn find_at(&self, hay: &str, start: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for g in &self.groups {
            if let Some(m) = g.find_at(hay, start)
                && best.is_none_or(|b| m.0 < b.0)
            {
                best = Some(m);
            }
        }
        best
    }

    /// Non-overlapping matches left to right, like Python's `finditer`.
    /// Each group's next match stays valid until the scan passes its start,
    /// so a group is searched again only then (a single scan per group
    /// instead of one per match: long chunks would otherwise be quadratic).
    fn find_all(&self, hay: &str) -> Vec<(usize, usize)> {
        let mut next: Vec<Option<(usize, usize)>> =
            self.groups.iter().map(|g| g.find_at(hay, 0)).collect();
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            for (g, n) in self.groups.iter().zip(next.iter_mut()) {
                if n.is_some_and(|(s, _)| s < pos) {
                    *n = g.find_at(hay, pos);
                }
            }
            // min_by_key keeps the first of equal starts: the earlier group.
            let Some(&(s, e)) = next.iter().flatten().min_by_key(|m| m.0) else {
                break;
            };
            out.push((s, e));
            // Step past an empty match.
            pos = if e > s {
                e
            } else {
                e + hay[e..].chars().next().map_or(1, char::len_utf8)
            };
            if pos > hay.len() {
                break;
            }
        }
        out
    }

    fn match_len(&self, hay: &str) -> usize {
        self.find_at(hay, 0).map_or(0, |(s, e)| e - s)
    }
}

/// Bytes the compiled `token_match` automaton may take: the French pattern is 1.45 MB of
/// case-insensitive alternatives, far past the `regex` crate's default limit.
const TOKEN_MATCH_SIZE_LIMIT: usize = 512 << 20;

/// The `token_match` pattern anchored at the start, as Python's `re.match` applies it.
fn token_matcher(pattern: &str) -> Result<regex::Regex, ModelError> {
    regex::RegexBuilder::new(&format!("^(?:{pattern})"))
        .size_limit(TOKEN_MATCH_SIZE_LIMIT)
        .dfa_size_limit(TOKEN_MATCH_SIZE_LIMIT / 8)
        .build()
        .map_err(|e| ModelError::Format(format!("token_match regex: {e}")))
}

/// One token: byte offsets into the text, and the NORM a special case
/// assigns (spaCy's token-level `norm`), if any, as index for
/// [`Tokenizer::norm`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) norm: Option<u32>,
}

struct SpecialPiece {
    len: usize,
    norm: Option<u32>,
}

/// Whitespace-delimited chunks seen before, like spaCy's tokenizer cache:
/// news text repeats words, and the affix regexes dominate otherwise.
const CACHE_LIMIT: usize = 50_000;

pub(crate) struct Tokenizer {
    prefix: Alternation,
    suffix: Alternation,
    infix: Alternation,
    url: Regex,
    /// Strings kept whole before any affix or infix split (French "aujourd'hui", "c'est-à-dire").
    token_match: Option<regex::Regex>,
    specials: HashMap<String, Vec<SpecialPiece>>,
    norms: Vec<String>,
    /// Chunk text -> its tokens with offsets relative to the chunk.
    cache: RwLock<HashMap<Box<str>, Box<[Token]>>>,
    /// First token text -> (token texts) of special cases containing affixes.
    matcher: HashMap<String, Vec<Vec<String>>>,
}

impl Tokenizer {
    pub(crate) fn new(data: TokenizerData) -> Result<Self, ModelError> {
        let mut norms = Vec::new();
        let mut specials = HashMap::new();
        for (k, pieces) in data.specials {
            let pieces = pieces
                .into_iter()
                .map(|(orth, norm)| {
                    let norm = norm.map(|n| {
                        norms.push(n);
                        (norms.len() - 1) as u32
                    });
                    SpecialPiece {
                        len: orth.len(),
                        norm,
                    }
                })
                .collect();
            specials.insert(k, pieces);
        }
        let mut matcher: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for (_, toks) in data.special_matcher {
            if let Some(first) = toks.first() {
                matcher.entry(first.clone()).or_default().push(toks);
            }
        }
        Ok(Self {
            prefix: Alternation::new("prefix", &data.prefix)?,
            suffix: Alternation::new("suffix", &data.suffix)?,
            infix: Alternation::new("infix", &data.infix)?,
            url: Regex::new(&data.url)
                .map_err(|e| ModelError::Format(format!("url regex: {e}")))?,
            token_match: data.token_match.as_deref().map(token_matcher).transpose()?,
            specials,
            norms,
            cache: RwLock::new(HashMap::new()),
            matcher,
        })
    }

    pub(crate) fn norm(&self, idx: u32) -> &str {
        &self.norms[idx as usize]
    }

    /// Tokenize like `Tokenizer.__call__`: split on whitespace (a single ' '
    /// after a token is absorbed, other whitespace becomes tokens), split
    /// each chunk by special cases and affix rules, then re-apply special
    /// cases across the resulting tokens.
    pub(crate) fn tokenize(&self, text: &str, lex: &Lexicon) -> Vec<Token> {
        let mut tokens = Vec::new();
        let Some(first) = text.chars().next() else {
            return tokens;
        };
        let mut in_ws = lex.is_space_char(first);
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if lex.is_space_char(c) != in_ws {
                if start < i {
                    self.tokenize_chunk(text, start, i, &mut tokens);
                }
                start = if c == ' ' { i + 1 } else { i };
                in_ws = !in_ws;
            }
        }
        if start < text.len() {
            self.tokenize_chunk(text, start, text.len(), &mut tokens);
        }
        self.apply_special_matcher(text, tokens)
    }

    fn push_special(&self, key: &str, start: usize, out: &mut Vec<Token>) -> bool {
        let Some(pieces) = self.specials.get(key) else {
            return false;
        };
        let mut pos = start;
        for p in pieces {
            out.push(Token {
                start: pos,
                end: pos + p.len,
                norm: p.norm,
            });
            pos += p.len;
        }
        true
    }

    /// Tokenize text[start..end] through the cache.
    fn tokenize_chunk(&self, text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let chunk = &text[start..end];
        let shift = |t: &Token| Token {
            start: t.start + start,
            end: t.end + start,
            norm: t.norm,
        };
        // A poisoned lock only means another thread panicked mid-insert;
        // the map itself is still valid.
        let cache = self.cache.read().unwrap_or_else(|e| e.into_inner());
        if let Some(toks) = cache.get(chunk) {
            out.extend(toks.iter().map(shift));
            return;
        }
        let full = cache.len() >= CACHE_LIMIT;
        drop(cache);
        let first = out.len();
        self.split_chunk(chunk, out);
        let toks: Box<[Token]> = out[first..].to_vec().into_boxed_slice();
        for t in &mut out[first..] {
            *t = shift(t);
        }
        if !full {
            let mut cache = self.cache.write().unwrap_or_else(|e| e.into_inner());
            cache.insert(chunk.into(), toks);
        }
    }

    /// `_tokenize`: `_split_affixes` followed by `_attach_tokens`, with
    /// offsets relative to `chunk`.
    fn split_chunk(&self, text: &str, out: &mut Vec<Token>) {
        if self.push_special(text, 0, out) {
            return;
        }
        let (mut s, mut e) = (0, text.len());
        let mut prefixes: Vec<(usize, usize)> = Vec::new();
        let mut suffixes: Vec<(usize, usize)> = Vec::new();
        let mut last_size = usize::MAX;
        while s < e && e - s != last_size {
            let string = &text[s..e];
            if self.is_token_match(string) || self.specials.contains_key(string) {
                break;
            }
            last_size = e - s;
            let pre_len = self.prefix.match_len(string);
            if pre_len != 0 && s + pre_len < e && self.specials.contains_key(&text[s + pre_len..e])
            {
                prefixes.push((s, s + pre_len));
                s += pre_len;
                break;
            }
            let suf_len = self.suffix.match_len(&string[pre_len..]);
            if suf_len != 0 && e - suf_len > s && self.specials.contains_key(&text[s..e - suf_len])
            {
                suffixes.push((e - suf_len, e));
                e -= suf_len;
                break;
            }
            if pre_len != 0 && suf_len != 0 && pre_len + suf_len <= e - s {
                prefixes.push((s, s + pre_len));
                suffixes.push((e - suf_len, e));
                s += pre_len;
                e -= suf_len;
            } else if pre_len != 0 {
                prefixes.push((s, s + pre_len));
                s += pre_len;
            } else if suf_len != 0 {
                suffixes.push((e - suf_len, e));
                e -= suf_len;
            }
        }
        let plain = |(a, b): (usize, usize)| Token {
            start: a,
            end: b,
            norm: None,
        };
        out.extend(prefixes.into_iter().map(plain));
        if s < e {
            let string = &text[s..e];
            if !self.push_special(string, s, out) {
                // A backtracking-limit error counts as "not a URL".
                if self.is_token_match(string) || self.url.is_match(string).unwrap_or(false) {
                    out.push(plain((s, e)));
                } else {
                    self.split_infixes(string, s, out);
                }
            }
        }
        out.extend(suffixes.into_iter().rev().map(plain));
    }

    fn is_token_match(&self, string: &str) -> bool {
        self.token_match
            .as_ref()
            .is_some_and(|re| re.is_match(string))
    }

    fn split_infixes(&self, string: &str, offset: usize, out: &mut Vec<Token>) {
        let plain = |a: usize, b: usize| Token {
            start: offset + a,
            end: offset + b,
            norm: None,
        };
        let mut start = 0;
        for (ms, me) in self.infix.find_all(string) {
            // spaCy skips an infix at position 0 (it compares with the start
            // before any infix, which is 0).
            if ms != 0 {
                if ms != start {
                    out.push(plain(start, ms));
                }
                if ms != me {
                    out.push(plain(ms, me));
                }
                start = me;
            }
        }
        if start < string.len() {
            out.push(plain(start, string.len()));
        }
    }

    /// `_apply_special_cases`: find token sequences equal to the affix
    /// tokenization of a special case, keep the longest non-overlapping ones
    /// and replace them by the special case's tokens.
    fn apply_special_matcher(&self, text: &str, tokens: Vec<Token>) -> Vec<Token> {
        let mut matches: Vec<(usize, usize)> = Vec::new();
        for i in 0..tokens.len() {
            let t = tokens[i];
            let Some(cands) = self.matcher.get(&text[t.start..t.end]) else {
                continue;
            };
            for cand in cands {
                let j = i + cand.len();
                if j <= tokens.len()
                    && cand
                        .iter()
                        .zip(&tokens[i..j])
                        .all(|(c, t)| c.as_str() == &text[t.start..t.end])
                    && !matches.contains(&(i, j))
                {
                    matches.push((i, j));
                }
            }
        }
        if matches.is_empty() {
            return tokens;
        }
        // spaCy sorts by (length, start descending) and walks from the end,
        // so longer spans win and, among equal lengths, earlier ones.
        matches.sort_by(|a, b| (a.1 - a.0).cmp(&(b.1 - b.0)).then(b.0.cmp(&a.0)));
        let mut seen = vec![false; tokens.len()];
        let mut kept = Vec::new();
        for &(s, e) in matches.iter().rev() {
            if !seen[s] && !seen[e - 1] {
                kept.push((s, e));
            }
            seen[s..e].iter_mut().for_each(|x| *x = true);
        }
        kept.sort_unstable();
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        for (s, e) in kept {
            out.extend_from_slice(&tokens[i..s]);
            let (a, b) = (tokens[s].start, tokens[e - 1].end);
            // Only spans whose exact text is a special case are replaced
            // (spaCy looks the span text up again, whitespace included).
            if !self.push_special(&text[a..b], a, &mut out) {
                out.extend_from_slice(&tokens[s..e]);
            }
            i = e;
        }
        out.extend_from_slice(&tokens[i..]);
        out
    }
}
