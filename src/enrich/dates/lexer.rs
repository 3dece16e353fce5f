//! Splits text into words, digit runs and single punctuation characters, keeping
//! both byte offsets (for slicing) and code-point offsets (for the record).

use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    pub kind: Kind,
    pub byte_start: usize,
    pub byte_end: usize,
    pub char_start: usize,
    pub char_end: usize,
    /// Lower-cased word, borrowed from the text when it already is; empty for
    /// other kinds.
    pub lower: Cow<'a, str>,
    /// Numeric value of a digit run (saturating); 0 for other kinds.
    pub num: u32,
    /// Number of characters of the word or digit run (a suffix joined after an apostrophe,
    /// Turkish "2024'te", not counted).
    pub len: usize,
    /// Whitespace (or the start of text) precedes the token.
    pub spaced: bool,
    /// A line break precedes the token.
    pub newline: bool,
    /// The word starts with an upper-case letter.
    pub capitalized: bool,
    /// The punctuation character, `'\0'` for other kinds.
    pub ch: char,
}

/// Value of a decimal digit: ASCII, Arabic-Indic ("١٩٩٠"), Persian and full-width ("２０２４").
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '٠'..='٩' => Some(c as u32 - '٠' as u32),
        '۰'..='۹' => Some(c as u32 - '۰' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Han and kana: written without spaces, so each character is a token of its own and the
/// lexicon joins the characters of its words (`Lexicon::join_compounds`).
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c, '々' | '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Value of a Han numeral character: "二〇二四" is read digit by digit, "二十一" with 十 as ten.
fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// A run of Han numerals right before 年, 月, 日 or 号 ("二〇二四年", "十二月", "二十一日"):
/// its byte length, character count and value. Elsewhere (一些, 十分) they are words.
fn han_number(rest: &str) -> Option<(usize, usize, u32)> {
    let mut run = [0; 5];
    let (mut count, mut bytes) = (0, 0);
    for c in rest.chars().take(5) {
        match han_digit(c) {
            Some(d) => {
                run[count] = d;
                count += 1;
                bytes += c.len_utf8();
            }
            None => break,
        }
    }
    let digits = &run[..count];
    let unit = rest[bytes..].chars().next()?;
    if digits.is_empty() || !matches!(unit, '年' | '月' | '日' | '号') {
        return None;
    }
    let value = match digits.iter().position(|&d| d == 10) {
        // 十, 十二, 二十, 二十一: tens and units.
        Some(ten) if digits.len() <= 3 && digits.iter().filter(|&&d| d == 10).count() == 1 => {
            let tens = if ten == 0 { 1 } else { digits[0] };
            let units = digits.get(ten + 1).copied().unwrap_or(0);
            if ten > 1 || tens > 9 || units > 9 {
                return None;
            }
            tens * 10 + units
        }
        Some(_) => return None,
        None => digits.iter().fold(0, |acc, d| acc * 10 + d),
    };
    Some((bytes, digits.len(), value))
}

fn kind_of(c: char) -> Option<Kind> {
    // ASCII digits first: `digit` compares other scripts' ranges too.
    if c.is_ascii_digit() || (!c.is_ascii() && digit(c).is_some()) {
        Some(Kind::Number)
    } else if c.is_ascii_alphabetic() || matches!(c, 'А'..='я' | 'Ё' | 'ё') || c.is_alphabetic()
    {
        // (English and Russian letters first: `is_alphabetic` searches a table for them.)
        Some(Kind::Word)
    } else if c.is_whitespace() {
        None
    } else {
        Some(Kind::Punct)
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, 'Ѐ'..='ӿ')
}

pub(super) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut spaced = true;
    let mut newline = false;
    let mut char_pos = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((byte_start, c)) = iter.next() {
        let char_start = char_pos;
        char_pos += 1;
        if let Some((bytes, chars, num)) = (!c.is_ascii())
            .then(|| han_digit(c).and_then(|_| han_number(&text[byte_start..])))
            .flatten()
        {
            for _ in 1..chars {
                iter.next();
            }
            char_pos += chars - 1;
            tokens.push(Token {
                kind: Kind::Number,
                byte_start,
                byte_end: byte_start + bytes,
                char_start,
                char_end: char_pos,
                lower: Cow::Borrowed(""),
                num,
                // As many digits as the number has, so "二十一" reads like "21".
                len: num.to_string().len(),
                spaced,
                newline,
                capitalized: false,
                ch: '\0',
            });
            spaced = false;
            newline = false;
            continue;
        }
        let Some(kind) = kind_of(c) else {
            spaced = true;
            newline |= c == '\n';
            continue;
        };
        let mut byte_end = byte_start + c.len_utf8();
        let mut prev = c;
        if kind != Kind::Punct && !is_cjk(c) {
            while let Some(&(b, next)) = iter.peek() {
                // Ukrainian "п'ятниця": an apostrophe between Cyrillic letters is part of the word.
                let apostrophe = kind == Kind::Word
                    && matches!(next, '\'' | '’')
                    && is_cyrillic(prev)
                    && text[b + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_cyrillic);
                if (kind_of(next) != Some(kind) || is_cjk(next)) && !apostrophe {
                    break;
                }
                prev = next;
                byte_end = b + next.len_utf8();
                char_pos += 1;
                iter.next();
            }
        }
        let raw = &text[byte_start..byte_end];
        let (lower, num) = match kind {
            // Most words are already lower case: borrow them instead of allocating.
            Kind::Word if !raw.chars().any(char::is_uppercase) => (Cow::Borrowed(raw), 0),
            Kind::Word => (Cow::Owned(raw.to_lowercase()), 0),
            Kind::Number => (
                Cow::Borrowed(""),
                raw.chars().fold(0u32, |acc, c| {
                    acc.saturating_mul(10)
                        .saturating_add(digit(c).unwrap_or_default())
                }),
            ),
            Kind::Punct => (Cow::Borrowed(""), 0),
        };
        tokens.push(Token {
            kind,
            byte_start,
            byte_end,
            char_start,
            char_end: char_pos,
            lower,
            num,
            len: char_pos - char_start,
            spaced,
            newline,
            capitalized: kind == Kind::Word && c.is_uppercase(),
            ch: if kind == Kind::Punct { c } else { '\0' },
        });
        spaced = false;
        newline = false;
    }
    tokens
}
