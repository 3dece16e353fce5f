//! Date tagger of the enrich stage: finds date and time expressions in English
//! and Russian article text and normalises them to TIMEX3-style values,
//! resolved against the article's publication date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod en;
mod grammar;
mod lexer;
mod lexicon;
mod resolve;
mod ru;
mod value;

#[cfg(test)]
mod tests;

/// The unit a mention's `value` is precise to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
    Time,
    Vague,
}

/// Which part of the period is meant: "early 2024", "mid-March", "late June".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modifier {
    Early,
    Mid,
    Late,
}

/// One date or time expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// Surface text exactly as in the input slice.
    pub text: String,
    /// TIMEX3-style value: "2024-12-25", "2025-06", "2025-SU", "19", "PAST_REF", …
    pub value: String,
    pub granularity: Granularity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Modifier>,
    /// End of a range ("from 1918 to 1920" has value "1918", end_value "1920").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_value: Option<String>,
    /// Offset in Unicode code points into the text, inclusive.
    pub start: usize,
    /// Offset in Unicode code points, exclusive.
    pub end: usize,
}

/// Languages with date rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ru,
}

impl Lang {
    /// Reads an ISO 639-1 code ("en", "ru", "en-GB"); other languages have no rules.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }
}

/// Finds the date expressions of `text`, sorted by `start` and non-overlapping.
///
/// `anchor` is the article's publication date (else feed date, else fetch
/// date): partial and relative dates resolve against it, preferring the past.
/// `lang` is an ISO 639-1 code; with `None` (or another language) both English
/// and Russian rules apply. Both rule sets always run, since Russian articles
/// quote English dates and vice versa; the language only decides how an
/// ambiguous numeric date like "03/04/2025" reads.
pub fn tag_dates(text: &str, anchor: NaiveDate, lang: Option<&str>) -> Vec<DateMention> {
    let tokens = lexer::tokenize(text);
    let day_first = match lang.and_then(Lang::from_code) {
        Some(Lang::En) => false,
        Some(Lang::Ru) => true,
        None => mostly_cyrillic(&tokens),
    };
    let grammar = grammar::Grammar::new(text, &tokens, anchor, day_first);
    let mut mentions = Vec::new();
    let mut year_before = None;
    let mut i = 0;
    while i < tokens.len() {
        let found = grammar.best_at(i, year_before);
        let Some((found, first, last)) =
            found.and_then(|m| Some((m, tokens.get(i)?, tokens.get(m.end.checked_sub(1)?)?)))
        else {
            i += 1;
            continue;
        };
        year_before = matches!(found.point, value::Point::Year(_)).then_some(found.end);
        mentions.push(DateMention {
            text: text
                .get(first.byte_start..last.byte_end)
                .unwrap_or_default()
                .to_string(),
            value: found.point.value(),
            granularity: found.point.granularity(),
            modifier: found.modifier,
            end_value: found.end_point.map(|p| p.value()),
            start: first.char_start,
            end: last.char_end,
        });
        i = found.end;
    }
    mentions
}

/// Without a language hint, Cyrillic text reads numeric dates day first.
fn mostly_cyrillic(tokens: &[lexer::Token]) -> bool {
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for t in tokens
        .iter()
        .filter(|t| t.kind == lexer::Kind::Word)
        .take(500)
    {
        if t.lower.is_ascii() {
            latin += 1;
        } else {
            cyrillic += 1;
        }
    }
    cyrillic >= latin
}
