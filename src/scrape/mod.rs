//! Placeholder until the scrape stage lands (same contract).
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadImage {
    pub url: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub url: String,
    pub canonical_url: Option<String>,
    pub title: String,
    pub rubric: Vec<String>,
    pub lead_image: Option<LeadImage>,
    pub authors: Vec<String>,
    pub published_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub updated_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    pub paragraphs: Vec<String>,
    pub text: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("no content")]
    NoContent,
}
#[derive(Debug, thiserror::Error)]
#[error("rules")]
pub struct RulesError;
#[derive(Debug, Clone, Default)]
pub struct SiteRules;
impl SiteRules {
    pub fn empty() -> Self {
        SiteRules
    }
    pub fn load_dir(_dir: &Path) -> Result<Self, RulesError> {
        Ok(SiteRules)
    }
}
pub fn extract(_html: &str, _url: &url::Url, _rules: &SiteRules) -> Result<Article, ExtractError> {
    Err(ExtractError::NoContent)
}
