//! razdel `segmenters/sentenize.py`.
//!
//! Every candidate delimiter (`.?!…;`, quotes, closing brackets, smileys) is
//! a potential sentence end; the rules look at 10 chars of raw text on each
//! side of it (razdel's window, quirks included) and at the text accumulated
//! since the last break, and say "join" or leave it a break.

use super::chars::{
    TokClass, is_space, lower_eq, lower_into, lower_target, py_isalpha, py_isdigit, py_islower,
    py_isupper, tok_class,
};
use super::smile_at;
use super::sokr::{
    HEAD_PAIR_SOKRS, HEAD_SOKRS, INITIALS, PAIR_SOKRS, SOKRS, contains, contains_pair,
};

const WINDOW: usize = 10;
const ENDINGS: &[char] = &['.', '?', '!', '…'];
const DASHES: &[char] = &['‑', '–', '—', '−', '-'];
const CLOSE_QUOTES: &[char] = &['»', '”', '’'];
const GENERIC_QUOTES: &[char] = &['"', '„', '\''];
const CLOSE_BRACKETS: &[char] = &[')', ']', '}'];
/// ENDINGS + ';' + GENERIC_QUOTES + CLOSE_QUOTES + CLOSE_BRACKETS
const DELIMITERS: &[char] = &[
    '.', '?', '!', '…', ';', '"', '„', '\'', '»', '”', '’', ')', ']', '}',
];
const BULLET_CHARS: &[char] = &[
    '§', 'а', 'б', 'в', 'г', 'д', 'е', 'a', 'b', 'c', 'd', 'e', 'f',
];
const BULLET_SIZE: usize = 20;

/// razdel compares one-char tokens with `token in 'abc'`; for the tokens that
/// reach these checks that is plain membership of a single char.
fn one_of(token: &[char], set: &[char]) -> bool {
    matches!(token, [c] if set.contains(c))
}

/// Extent of the token class run around a token's first char: `[^\W\d]+`,
/// `\d+` are maximal runs, `[^\w\s]` is one char.
fn run_end(s: &[char], start: usize) -> usize {
    let class = tok_class(s[start]);
    if class == TokClass::Sym {
        return start + 1;
    }
    let mut i = start + 1;
    while i < s.len() && tok_class(s[i]) == class {
        i += 1;
    }
    i
}

/// `FIRST_TOKEN.match(s)`: `^\s*([^\W\d]+|\d+|[^\w\s])`.
fn first_token(s: &[char]) -> Option<&[char]> {
    let start = s.iter().position(|&c| !is_space(c))?;
    Some(&s[start..run_end(s, start)])
}

/// `LAST_TOKEN.search(s)`: `([^\W\d]+|\d+|[^\w\s])\s*$` — the leftmost match
/// is the whole last run before trailing whitespace.
fn last_token(s: &[char]) -> Option<&[char]> {
    let end = s.iter().rposition(|&c| !is_space(c))? + 1;
    let class = tok_class(s[end - 1]);
    if class == TokClass::Sym {
        return Some(&s[end - 1..end]);
    }
    let mut start = end - 1;
    while start > 0 && tok_class(s[start - 1]) == class {
        start -= 1;
    }
    Some(&s[start..end])
}

/// `WORD.search(s)`: first `[^\W\d]+` or `\d+` run.
fn first_word(s: &[char]) -> Option<&[char]> {
    let start = s
        .iter()
        .position(|&c| matches!(tok_class(c), TokClass::Word | TokClass::Digit))?;
    Some(&s[start..run_end(s, start)])
}

/// `PAIR_SOKR.search(s)`: `(\w)\s*\.\s*(\w)\s*$` — only one parse is possible,
/// anchored on the last non-space char.
fn pair_sokr(s: &[char]) -> Option<(char, char)> {
    let is_word = |c: char| matches!(tok_class(c), TokClass::Word | TokClass::Digit);
    let mut i = s.iter().rposition(|&c| !is_space(c))?;
    let b = s[i];
    if !is_word(b) {
        return None;
    }
    i = s[..i].iter().rposition(|&c| !is_space(c))?;
    if s[i] != '.' {
        return None;
    }
    i = s[..i].iter().rposition(|&c| !is_space(c))?;
    is_word(s[i]).then_some((s[i], b))
}

fn is_lower_alpha(token: &[char]) -> bool {
    py_isalpha(token) && py_islower(token)
}

/// razdel `is_sokr`: what may follow a tail abbreviation inside a sentence.
fn is_sokr(token: &[char]) -> bool {
    py_isdigit(token) || !py_isalpha(token) || py_islower(token)
}

/// `ROMAN.match`: `^[IVXML]+$`.
fn is_roman(token: &[char]) -> bool {
    !token.is_empty()
        && token
            .iter()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'M' | 'L'))
}

fn is_bullet(token: &[char]) -> bool {
    py_isdigit(token)
        || one_of(token, &['.', ')'])
        || matches!(token, [c] if lower_target(*c).is_some_and(|l| BULLET_CHARS.contains(&l)))
        || is_roman(token)
}

/// One candidate break (razdel `SentSplit`).
struct Split<'a> {
    /// Up to 10 chars before the delimiter.
    left: &'a [char],
    delimiter: &'a [char],
    /// Up to 10 chars after the delimiter.
    right: &'a [char],
    /// Text since the last break, up to the delimiter.
    buffer: &'a [char],
    left_token: &'a [char],
    right_token: &'a [char],
}

impl Split<'_> {
    fn delimiter_is(&self, c: char) -> bool {
        self.delimiter == [c]
    }

    fn join(&self) -> bool {
        // empty_side is handled by the caller (tokens must exist).
        self.no_space_prefix()
            || is_lower_alpha(self.right_token) // lower_right
            || self.delimiter_right()
            || self.sokr_left()
            || self.inside_pair_sokr()
            || self.initials_left()
            || self.list_item()
            || self.close_quote()
            || self.close_bracket()
            || self.dash_right()
    }

    fn no_space_prefix(&self) -> bool {
        !self.right.first().is_some_and(|&c| is_space(c))
    }

    /// Next token is itself a delimiter or smiley ("?!", "...", ":)").
    fn delimiter_right(&self) -> bool {
        let right = self.right_token;
        if one_of(right, GENERIC_QUOTES) {
            return false;
        }
        if one_of(right, DELIMITERS) {
            return true;
        }
        // SMILE_PREFIX: ^\s*smile, within the window.
        let start = self
            .right
            .iter()
            .position(|&c| !is_space(c))
            .unwrap_or(self.right.len());
        smile_at(self.right, start).is_some()
    }

    /// Abbreviation before the dot: "т. е.", "ул.", "руб." + lower-case.
    fn sokr_left(&self) -> bool {
        if !self.delimiter_is('.') {
            return false;
        }
        let mut buf = String::new();
        if let Some((a, b)) = pair_sokr(self.left) {
            let mut pa = String::new();
            if lower_into(&[a], &mut pa) && lower_into(&[b], &mut buf) {
                if contains_pair(&HEAD_PAIR_SOKRS, &pa, &buf) {
                    return true;
                }
                if contains_pair(&PAIR_SOKRS, &pa, &buf) {
                    // razdel returns here whatever is_sokr says.
                    return is_sokr(self.right_token);
                }
            }
        }
        if !lower_into(self.left_token, &mut buf) {
            return false;
        }
        contains(&HEAD_SOKRS, &buf) || (contains(&SOKRS, &buf) && is_sokr(self.right_token))
    }

    /// "т.|п." style pairs split by this dot.
    fn inside_pair_sokr(&self) -> bool {
        if !self.delimiter_is('.') {
            return false;
        }
        let (mut l, mut r) = (String::new(), String::new());
        lower_into(self.left_token, &mut l)
            && lower_into(self.right_token, &mut r)
            && contains_pair(&PAIR_SOKRS, &l, &r)
    }

    /// "Л. В. Щерба", "Дж. Филлипс".
    fn initials_left(&self) -> bool {
        if !self.delimiter_is('.') {
            return false;
        }
        let left = self.left_token;
        if left.len() == 1 && py_isupper(left) {
            return true;
        }
        INITIALS.iter().any(|w| lower_eq(left, w))
    }

    /// "1.", "2)", "IV.", "8.1." at the start of a short chunk.
    fn list_item(&self) -> bool {
        if !(self.delimiter_is('.') || self.delimiter_is(')')) {
            return false;
        }
        if self.buffer.len() > BULLET_SIZE {
            return false;
        }
        // all(...) over TOKEN.findall(buffer); true for a token-less buffer.
        let b = self.buffer;
        let mut i = 0;
        while i < b.len() {
            if is_space(b[i]) {
                i += 1;
                continue;
            }
            let end = run_end(b, i);
            if !is_bullet(&b[i..end]) {
                return false;
            }
            i = end;
        }
        true
    }

    fn close_bound(&self) -> bool {
        !one_of(self.left_token, ENDINGS)
    }

    fn close_quote(&self) -> bool {
        let [d] = self.delimiter else { return false };
        if CLOSE_QUOTES.contains(d) {
            return self.close_bound();
        }
        if GENERIC_QUOTES.contains(d) {
            // A space before a generic quote makes it an opening one.
            let space_before = self.left.last().is_some_and(|&c| is_space(c));
            return space_before || self.close_bound();
        }
        false
    }

    fn close_bracket(&self) -> bool {
        matches!(self.delimiter, [d] if CLOSE_BRACKETS.contains(d)) && self.close_bound()
    }

    /// Dialogue dash followed by a lower-case word continues the sentence.
    fn dash_right(&self) -> bool {
        one_of(self.right_token, DASHES) && first_word(self.right).is_some_and(is_lower_alpha)
    }
}

/// razdel `DELIMITER` regex `(smile|[delimiters])` at `i`: end of the match.
fn delimiter_at(chars: &[char], i: usize) -> Option<usize> {
    match chars[i] {
        '=' | ':' => smile_at(chars, i),
        ';' => smile_at(chars, i).or(Some(i + 1)),
        '.' | '?' | '!' | '…' | '"' | '„' | '\'' | '»' | '”' | '’' | ')' | ']' | '}' => {
            Some(i + 1)
        }
        _ => None,
    }
}

/// Sentence spans as code-point `(start, stop)` pairs.
pub(crate) fn spans(chars: &[char]) -> Vec<(usize, usize)> {
    // Raw chunks (before strip): [chunk_start, chunk_stop).
    let mut chunks = Vec::new();
    let mut buffer_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let Some(stop) = delimiter_at(chars, i) else {
            i += 1;
            continue;
        };
        let left = &chars[i.saturating_sub(WINDOW)..i];
        let right = &chars[stop..(stop + WINDOW).min(chars.len())];
        let join = match (last_token(left), first_token(right)) {
            // empty_side
            (None, _) | (_, None) => true,
            (Some(left_token), Some(right_token)) => Split {
                left,
                delimiter: &chars[i..stop],
                right,
                buffer: &chars[buffer_start..i],
                left_token,
                right_token,
            }
            .join(),
        };
        if !join {
            chunks.push((buffer_start, stop));
            buffer_start = stop;
        }
        i = stop;
    }
    chunks.push((buffer_start, chars.len()));

    // post: strip(); then find_substrings locates each stripped chunk from the
    // end of the previous one, so an all-space chunk becomes an empty span there.
    let mut out = Vec::with_capacity(chunks.len());
    let mut offset = 0;
    for (start, stop) in chunks {
        let chunk = &chars[start..stop];
        match chunk.iter().position(|&c| !is_space(c)) {
            Some(first) => {
                let last = chunk.iter().rposition(|&c| !is_space(c)).unwrap_or(first);
                offset = start + last + 1;
                out.push((start + first, offset));
            }
            None => out.push((offset, offset)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_fast_path_matches_delimiter_set() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(
                delimiter_at(&[c], 0).is_some(),
                DELIMITERS.contains(&c),
                "{c:?}"
            );
        }
        let s: Vec<char> = ";-)x:-x=((((".chars().collect();
        assert_eq!(delimiter_at(&s, 0), Some(3));
        assert_eq!(delimiter_at(&s, 4), None); // ":-x" is no smiley, ':' no delimiter
        assert_eq!(delimiter_at(&s, 7), Some(11)); // at most three parens
    }

    #[test]
    fn context_helpers() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(last_token(&c("ab 12cd  ")), Some(&c("cd")[..]));
        assert_eq!(last_token(&c("x 123\n")), Some(&c("123")[..]));
        assert_eq!(last_token(&c("x .  ")), Some(&c(".")[..]));
        assert_eq!(last_token(&c("   ")), None);
        assert_eq!(first_token(&c("  __x1")), Some(&c("__x")[..]));
        assert_eq!(first_word(&c("— ёж")), Some(&c("ёж")[..]));
        assert_eq!(pair_sokr(&c("к . п ")), Some(('к', 'п')));
        assert_eq!(pair_sokr(&c("к, п")), None);
    }
}
