//! Port of slovnet.shape.word_shape: a coarse orthographic class per token.
//!
//! Python semantics matter here: the type regex is matched at the start of
//! the word with re.IGNORECASE, and str.isupper/islower use Unicode's
//! Uppercase/Lowercase properties plus the titlecase (Lt) category.

/// Characters that form the PUNCT class, in slovnet's order.
pub(crate) const PUNCTS: &str = "!#$%&()[]\\/*+,.:;<=>?@^_{|}~-‐−‒⁃–—―`\"'«»„“ʼʻ”№…";

/// Unicode decimal digits (category Nd) as Python 3.11's `\d` sees them
/// (Unicode 14). Generated from the reference interpreter.
const DECIMAL_DIGITS: &[(u32, u32)] = &[
    (0x30, 0x39),
    (0x660, 0x669),
    (0x6F0, 0x6F9),
    (0x7C0, 0x7C9),
    (0x966, 0x96F),
    (0x9E6, 0x9EF),
    (0xA66, 0xA6F),
    (0xAE6, 0xAEF),
    (0xB66, 0xB6F),
    (0xBE6, 0xBEF),
    (0xC66, 0xC6F),
    (0xCE6, 0xCEF),
    (0xD66, 0xD6F),
    (0xDE6, 0xDEF),
    (0xE50, 0xE59),
    (0xED0, 0xED9),
    (0xF20, 0xF29),
    (0x1040, 0x1049),
    (0x1090, 0x1099),
    (0x17E0, 0x17E9),
    (0x1810, 0x1819),
    (0x1946, 0x194F),
    (0x19D0, 0x19D9),
    (0x1A80, 0x1A89),
    (0x1A90, 0x1A99),
    (0x1B50, 0x1B59),
    (0x1BB0, 0x1BB9),
    (0x1C40, 0x1C49),
    (0x1C50, 0x1C59),
    (0xA620, 0xA629),
    (0xA8D0, 0xA8D9),
    (0xA900, 0xA909),
    (0xA9D0, 0xA9D9),
    (0xA9F0, 0xA9F9),
    (0xAA50, 0xAA59),
    (0xABF0, 0xABF9),
    (0xFF10, 0xFF19),
    (0x104A0, 0x104A9),
    (0x10D30, 0x10D39),
    (0x11066, 0x1106F),
    (0x110F0, 0x110F9),
    (0x11136, 0x1113F),
    (0x111D0, 0x111D9),
    (0x112F0, 0x112F9),
    (0x11450, 0x11459),
    (0x114D0, 0x114D9),
    (0x11650, 0x11659),
    (0x116C0, 0x116C9),
    (0x11730, 0x11739),
    (0x118E0, 0x118E9),
    (0x11950, 0x11959),
    (0x11C50, 0x11C59),
    (0x11D50, 0x11D59),
    (0x11DA0, 0x11DA9),
    (0x16A60, 0x16A69),
    (0x16AC0, 0x16AC9),
    (0x16B50, 0x16B59),
    (0x1D7CE, 0x1D7FF),
    (0x1E140, 0x1E149),
    (0x1E2F0, 0x1E2F9),
    (0x1E950, 0x1E959),
    (0x1FBF0, 0x1FBF9),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outline {
    X,
    LowerX,
    XX,
    LowerXX,
    Xx,
    XxDashXx,
    Other,
}

impl Outline {
    pub(crate) fn suffix(self) -> &'static str {
        match self {
            Outline::X => "X",
            Outline::LowerX => "x",
            Outline::XX => "XX",
            Outline::LowerXX => "xx",
            Outline::Xx => "Xx",
            Outline::XxDashXx => "Xx-Xx",
            Outline::Other => "OTHER",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Ru(Outline),
    En(Outline),
    /// A single punctuation character from PUNCTS.
    Punct(char),
    PunctOther,
    Num,
    Other,
}

impl Shape {
    /// The vocabulary string, e.g. "RU_Xx" or "PUNCT_,".
    pub(crate) fn name(self) -> String {
        match self {
            Shape::Ru(o) => format!("RU_{}", o.suffix()),
            Shape::En(o) => format!("EN_{}", o.suffix()),
            Shape::Punct(c) => format!("PUNCT_{c}"),
            Shape::PunctOther => "PUNCT_OTHER".to_string(),
            Shape::Num => "NUM".to_string(),
            Shape::Other => "OTHER".to_string(),
        }
    }
}

fn is_decimal(c: char) -> bool {
    let cp = c as u32;
    DECIMAL_DIGITS.iter().any(|&(lo, hi)| lo <= cp && cp <= hi)
}

/// `[а-яё]` under IGNORECASE, including the odd case-fold partners
/// (U+1C80..U+1C86 upper-case to letters inside А-Я).
fn is_ru(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | '\u{1C80}'..='\u{1C86}')
}

/// `[a-z]` under IGNORECASE: also İ, ı, ſ and the Kelvin sign.
fn is_en(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | '\u{130}' | '\u{131}' | '\u{17F}' | '\u{212A}')
}

fn is_punct(c: char) -> bool {
    PUNCTS.contains(c)
}

/// Unicode general category Lt (titlecase letters).
fn is_titlecase(c: char) -> bool {
    matches!(c as u32,
        0x01C5 | 0x01C8 | 0x01CB | 0x01F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F
        | 0x1FA8..=0x1FAF | 0x1FBC | 0x1FCC | 0x1FFC)
}

/// Python's str.isupper.
fn py_isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        if c.is_uppercase() {
            cased = true;
        }
    }
    cased
}

/// Python's str.islower.
fn py_islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_uppercase() || is_titlecase(c) {
            return false;
        }
        if c.is_lowercase() {
            cased = true;
        }
    }
    cased
}

fn is_title(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    // len(word) > 1 and word[0].isupper() and word[1:].islower()
    !rest.is_empty() && first.is_uppercase() && py_islower(rest)
}

fn is_dash_title(s: &str) -> bool {
    match s.split_once('-') {
        Some((left, right)) => is_title(left) && is_title(right),
        None => false,
    }
}

fn outline(word: &str) -> Outline {
    let mut chars = word.chars();
    let single = chars.next().is_some() && chars.next().is_none();
    if single {
        if py_isupper(word) {
            Outline::X
        } else {
            Outline::LowerX
        }
    } else if py_isupper(word) {
        Outline::XX
    } else if py_islower(word) {
        Outline::LowerXX
    } else if is_title(word) {
        Outline::Xx
    } else if is_dash_title(word) {
        Outline::XxDashXx
    } else {
        Outline::Other
    }
}

pub(crate) fn word_shape(word: &str) -> Shape {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Shape::Other;
    };
    if is_ru(first) {
        return Shape::Ru(outline(word));
    }
    if is_en(first) {
        return Shape::En(outline(word));
    }
    let second = chars.next();
    let numeric =
        is_decimal(first) || (matches!(first, '+' | '-') && second.is_some_and(is_decimal));
    if numeric {
        return Shape::Num;
    }
    if is_punct(first) {
        return if second.is_none() {
            Shape::Punct(first)
        } else {
            Shape::PunctOther
        };
    }
    Shape::Other
}
