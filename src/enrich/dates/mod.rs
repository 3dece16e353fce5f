//! Date tagger of the enrich stage: finds date and time expressions in article text and
//! normalises them to TIMEX3-style values, resolved against the article's publication date.
//!
//! How it is laid out:
//!
//! - shared by every language: `lexer` (words, numbers, punctuation), `lexicon` (word classes
//!   and roles: a word is looked up once), `grammar/` (patterns over classes and roles: days,
//!   months, relatives, ranges, clock times…), `resolve` (news semantics: past-preferring
//!   anchoring) and `value` (TIMEX3 values);
//! - per language, in `lang/`: English and Russian vocabulary as code (`en.rs`, `ru.rs`), and
//!   for every other language two tables: `data/<code>.generated.tsv`, generated from Unicode
//!   CLDR, dateparser and number-parser by `data/generate.py`, and the hand-written
//!   `lang/<code>.tsv` (case forms, seasons, part-of-period words, prepositions, future cues;
//!   `lang/table.rs` lists the row classes);
//! - to add a language: add its code to `data/generate.py` and run it, write `lang/<code>.tsv`,
//!   add the code to [`Lang`], its lexicon to `lexicon::for_lang`, and a `tests/cases_<code>.tsv`
//!   with a held-out `tests/holdout/<code>.tsv`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod grammar;
mod lang;
mod lexer;
mod lexicon;
mod resolve;
mod value;

pub use lang::Lang;

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

/// Finds the date expressions of `text`, sorted by `start` and non-overlapping.
///
/// `anchor` is the article's publication date (else feed date, else fetch
/// date): partial and relative dates resolve against it, preferring the past.
/// `lang` is an ISO 639-1 code. English and Russian rules run together, since Russian
/// articles quote English dates and vice versa (the language only decides how an ambiguous
/// numeric date like "03/04/2025" reads); they are also what a text of no known language gets.
/// Every other language with rules ([`Lang`]) gets its own, reading numeric dates day first.
pub fn tag_dates(text: &str, anchor: NaiveDate, lang: Option<&str>) -> Vec<DateMention> {
    let lang = lang.and_then(Lang::from_code);
    let lexicon = lexicon::for_lang(lang);
    let tokens = lexicon.join(lexer::tokenize(text));
    let day_first = match lang {
        Some(Lang::En) => false,
        Some(_) => true,
        None => mostly_cyrillic(&tokens),
    };
    let grammar = grammar::Grammar::new(text, &tokens, anchor, day_first, lexicon);
    let mut mentions = Vec::new();
    let mut year_before = None;
    // The day the story named last, for "the next day" (and the token after its mention).
    let mut told: Option<(NaiveDate, usize)> = None;
    let mut i = 0;
    while i < tokens.len() {
        let found = grammar.best_at(i, year_before).or_else(|| match told {
            Some((date, end)) => grammar.narrative_day(i, date, end, false),
            // "Накануне президент подписал указ": before any day is told, the eve is the
            // publication day's.
            None if tokens.get(i).is_some_and(|t| lexicon.eve_word(&t.lower)) => grammar
                .narrative_day(i, anchor, i, true)
                .filter(|m| m.point == value::Point::Day(anchor - chrono::Days::new(1))),
            None => None,
        });
        let Some((found, first, last)) =
            found.and_then(|m| Some((m, tokens.get(i)?, tokens.get(m.end.checked_sub(1)?)?)))
        else {
            i += 1;
            continue;
        };
        year_before = matches!(found.point, value::Point::Year(_)).then_some(found.end);
        if let value::Point::Day(date) | value::Point::Time { date, .. } = found.point {
            told = Some((date, found.end));
        }
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
