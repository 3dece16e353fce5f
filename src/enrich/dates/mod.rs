//! Placeholder until the date tagger lands (same contract).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Time,
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
    Vague,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    pub value: String,
    pub granularity: Granularity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_value: Option<String>,
    pub start: usize,
    pub end: usize,
}

pub fn tag_dates(_text: &str, _anchor: chrono::NaiveDate, _lang: Option<&str>) -> Vec<DateMention> {
    Vec::new()
}
