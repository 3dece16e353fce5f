//! The hand-written news paragraphs of `tests/fixtures/ner-news/` and the entities a reader
//! expects in them, read by the news-F1 test and the borrowed-model comparison.

use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
pub struct Sample {
    pub paragraphs: Vec<Paragraph>,
}

#[derive(Deserialize)]
pub struct Paragraph {
    pub text: String,
    /// Every PER/ORG/LOC mention: (exact text, type).
    pub gold: Vec<(String, String)>,
    /// Mentions that must be found with their type.
    pub required: Vec<(String, String)>,
    /// Texts that must not be tagged.
    pub forbidden: Vec<String>,
}

/// `tests/fixtures/ner-news/<name>`, e.g. `it.json` or `heldout2/pl.json`.
pub fn read(name: &str) -> Sample {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ner-news")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
