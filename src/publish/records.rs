//! The records newswire publishes: the contract with downstream consumers.
//!
//! The JSON Schema of each record lives beside this file (`schema/*.json`); tests check that
//! every record the pipeline publishes validates against it. Adding a field keeps a schema id;
//! renaming, removing or changing the meaning of one needs a new id.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::enrich::{DateMention, Entity};
use crate::fetch::{FeedItem, FeedRef};
use crate::scrape::{ExtractionMethod, LeadImage};

pub const ITEM_SCHEMA: &str = "newswire.item.v1";
pub const ARTICLE_SCHEMA: &str = "newswire.article.v1";
pub const DEAD_LETTER_SCHEMA: &str = "newswire.dead-letter.v1";

/// JSON Schemas of the records, by schema id.
pub const SCHEMAS: [(&str, &str); 3] = [
    (ITEM_SCHEMA, include_str!("schema/item.v1.json")),
    (ARTICLE_SCHEMA, include_str!("schema/article.v1.json")),
    (
        DEAD_LETTER_SCHEMA,
        include_str!("schema/dead-letter.v1.json"),
    ),
];

/// `news.items`: a feed entry, published as soon as it is discovered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRecord {
    pub schema: String,
    #[serde(flatten)]
    pub item: FeedItem,
}

impl ItemRecord {
    pub fn new(item: FeedItem) -> Self {
        ItemRecord {
            schema: ITEM_SCHEMA.into(),
            item,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub host: String,
    pub name: Option<String>,
}

/// `news.articles`: an article fetched, extracted and enriched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub schema: String,
    /// Hash of the canonical URL: stable across restarts, feeds and re-publishing.
    pub id: String,
    pub item_id: String,
    /// As fetched, after redirects.
    pub url: String,
    pub canonical_url: String,
    pub feed: FeedRef,
    pub site: Site,
    pub language: Option<String>,
    pub published_at: Option<DateTime<FixedOffset>>,
    pub updated_at: Option<DateTime<FixedOffset>>,
    pub fetched_at: DateTime<Utc>,
    pub rubric: Vec<String>,
    pub title: String,
    pub authors: Vec<String>,
    pub description: Option<String>,
    pub lead_image: Option<LeadImage>,
    pub paragraphs: Vec<String>,
    /// The article text format (README, "Article text").
    pub text: String,
    pub entities: Vec<Entity>,
    pub dates: Vec<DateMention>,
    /// Present when only part of `text` was enriched (`pipeline.max_enrich_chars`), or when
    /// the language has no entity model installed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrichment: Option<EnrichmentCoverage>,
    /// How the body was found (docs/records.md, "extraction").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction: Option<Extraction>,
    /// The feed's tags from the config.
    pub tags: Vec<String>,
    /// `sha256:<hex>` of `text`: consumers can tell an edited article from a re-send.
    pub content_hash: String,
}

/// How much of an article was enriched, when not all of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrichmentCoverage {
    /// Entities and dates were looked for only before this code point of `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated_at: Option<usize>,
    /// The article's language, which has no entity model installed (`enrich.models_dir`):
    /// entities were not looked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_model: Option<String>,
}

impl EnrichmentCoverage {
    /// `None` when the whole text was enriched with every tagger.
    pub fn of(truncated_at: Option<usize>, missing_model: Option<String>) -> Option<Self> {
        (truncated_at.is_some() || missing_model.is_some()).then_some(Self {
            truncated_at,
            missing_model,
        })
    }
}

/// How an article's body was found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub method: ExtractionMethod,
}

/// `news.dead-letter`: an item that failed a stage for good.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadLetterRecord {
    pub schema: String,
    pub item_id: String,
    /// `fetch`, `scrape`, `enrich` or `publish`.
    pub stage: String,
    pub error: String,
    pub attempts: u32,
    pub failed_at: DateTime<Utc>,
    pub item: FeedItem,
}
