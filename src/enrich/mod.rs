//! The enrich stage: language, named entities and dates of an article's text.
//!
//! Offsets everywhere are Unicode code points into the article `text`, end exclusive, as
//! Python and most JSON consumers index strings.

pub mod dates;
pub mod dense;
mod entities;
pub mod gazetteer;
mod language;
mod limit;
pub mod ner;
pub mod nominative;
pub mod razdel;
pub mod russian;
pub mod slovnet;

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use dates::{DateMention, tag_dates};
pub use entities::{group_entities, group_entities_without_gazetteer};
pub use language::detect_language;
pub use limit::{DEFAULT_MAX_ENRICH_CHARS, enrichable_prefix};

/// The default of `enrich.models_dir` (relative to the config file's directory).
pub const DEFAULT_MODELS_DIR: &str = "models";

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A named entity with all of its mentions in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name (the longest full form in the article).
    pub name: String,
    /// `PERSON`, `ORG` or `LOCATION` (`MISC` for other labels).
    #[serde(rename = "type")]
    pub kind: String,
    /// The tagger's own labels (e.g. `GPE`, `NORP`) when they say more than `type`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// The same key in every language and script: `geonames:<id>` for a place the gazetteer
    /// knows, `iso3166:<code>` for a country, else `name:<words>`, transliterated and folded
    /// (the surname first for people: `name:aliyev-ilham`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub mentions: Vec<Mention>,
}

/// What enrichment adds to an article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Enrichment {
    pub language: Option<String>,
    pub entities: Vec<Entity>,
    pub dates: Vec<DateMention>,
    /// Set when the text was longer than the enrichment cap: entities and dates were looked
    /// for only before this code point (a paragraph or sentence boundary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated_at: Option<usize>,
    /// Set to the language when it has no entity model installed (`enrich.models_dir`): the
    /// empty `entities` then mean "not looked for", not "none found".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_model: Option<String>,
}

/// Enriches `text`. `anchor` is the date partial and relative dates resolve against (the
/// article's publication date, else the feed's, else the fetch date). Entities are not looked
/// for before the code point `tag_from` (the rubric block: section labels are not mentions).
/// Only the first `max_chars` code points or so are tagged (see [`enrichable_prefix`]): the
/// taggers' time grows with the text, and a page of megabytes is not an article to read whole.
/// Entity models of languages other than English and Russian are read from `models_dir`.
pub fn enrich(
    text: &str,
    anchor: NaiveDate,
    language_hint: Option<&str>,
    tag_from: usize,
    max_chars: usize,
    models_dir: &Path,
) -> Enrichment {
    let (text, truncated_at) = enrichable_prefix(text, max_chars);
    let language = detect_language(text, language_hint);
    let dates = tag_dates(text, anchor, language.as_deref());
    let mut missing_model = None;
    let entities = match language.as_deref() {
        Some(l) => match entity_spans(text, l, models_dir) {
            Some(Ok(spans)) => group_entities(text, &spans, tag_from, l),
            Some(Err(e)) => {
                tracing::error!(stage = "enrich", language = l, error = %e, "NER model unusable");
                Vec::new()
            }
            None => {
                missing_model = Some(l.to_string());
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    Enrichment {
        language,
        entities,
        dates,
        truncated_at,
        missing_model,
    }
}

/// The entity mentions the `language` model finds in `text`, before grouping: `None` when the
/// language has no model in `models_dir`, an error when its model is unusable. Public so that
/// benchmarks can time the enrich stage part by part.
pub fn entity_spans(
    text: &str,
    language: &str,
    models_dir: &Path,
) -> Option<Result<Vec<ner::NamedSpan>, &'static str>> {
    Some(match language {
        "en" => ner::english().map(|model| model.tag(text)),
        "ru" => russian::named_spans(text),
        other => {
            let model = ner::model_for(models_dir, other)?;
            Ok(match other {
                "ar" => entities::arabic_tag(&model, text),
                _ => model.tag(&as_the_model_read(text, other)),
            })
        }
    })
}

/// The text as a model's training data wrote it, code point for code point (so offsets stay
/// valid): French corpora elide with `'`, and the French tokenizer splits "l'" from "l’Élysée"
/// only with the straight apostrophe. (Arabic: `entities::arabic_tag`.)
fn as_the_model_read<'t>(text: &'t str, language: &str) -> std::borrow::Cow<'t, str> {
    const TYPOGRAPHIC: [char; 2] = ['\u{2019}', '\u{02bc}'];
    if language == "fr" && text.contains(TYPOGRAPHIC) {
        text.replace(TYPOGRAPHIC, "'").into()
    } else {
        text.into()
    }
}

/// Where the body starts in an article text whose first block is the rubric.
pub fn after_rubric(text: &str, has_rubric: bool) -> usize {
    match (has_rubric, text.find("\n\n")) {
        (true, Some(at)) => text[..at].chars().count() + 2,
        _ => 0,
    }
}
