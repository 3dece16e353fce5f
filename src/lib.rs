//! newswire: a streaming news-ingestion daemon.
//!
//! config → fetch (feeds, pages) → scrape (HTML → Article) → enrich (language, entities, dates)
//! → publish (Kafka or JSON Lines), with the state store remembering what was acknowledged.

pub mod cluster;
pub mod config;
pub mod enrich;
pub mod fetch;
pub mod ops;
pub mod pipeline;
pub mod publish;
pub mod scrape;
pub mod state;
