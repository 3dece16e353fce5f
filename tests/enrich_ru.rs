//! A Russian article (`tests/fixtures/ru-article.txt`, written for this project in the style of
//! a regional news site) against the entities a reader expects of it
//! (`ru-article.expected.json`): names in the nominative although the text mostly uses other
//! cases, the type, at least the number of mentions the text has of each name, and nothing
//! forbidden (capitalised words that name nothing).

use std::path::Path;

use chrono::NaiveDate;
use newswire::enrich::{DEFAULT_MAX_ENRICH_CHARS, DEFAULT_MODELS_DIR, enrich};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn russian_article_yields_the_expected_entities_in_the_nominative() {
    let text = fixture("ru-article.txt");
    let expected: Value =
        serde_json::from_str(&fixture("ru-article.expected.json")).expect("expected JSON");
    let published = NaiveDate::from_ymd_opt(2024, 3, 15).expect("date");
    let result = enrich(
        &text,
        published,
        None,
        0,
        DEFAULT_MAX_ENRICH_CHARS,
        Path::new(DEFAULT_MODELS_DIR),
    );
    assert_eq!(result.language.as_deref(), Some("ru"));

    let chars: Vec<char> = text.chars().collect();
    for entity in &result.entities {
        for mention in &entity.mentions {
            let slice: String = chars[mention.start..mention.end].iter().collect();
            assert_eq!(slice, mention.text, "offsets are code points into the text");
        }
    }
    let found: Vec<(&str, &str, usize)> = result
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.kind.as_str(), e.mentions.len()))
        .collect();

    let mut wrong = Vec::new();
    for required in expected["required_entities"]
        .as_array()
        .expect("required_entities")
    {
        let name = required["name"].as_str().expect("name");
        let kind = required["type"].as_str().expect("type");
        let min = required["min_mentions"].as_u64().unwrap_or(1) as usize;
        match result.entities.iter().find(|e| e.name == name) {
            None => wrong.push(format!("{name}: not found")),
            Some(e) if e.kind != kind => wrong.push(format!("{name}: {} not {kind}", e.kind)),
            Some(e) if e.mentions.len() < min => wrong.push(format!(
                "{name}: {} mentions, expected at least {min}",
                e.mentions.len()
            )),
            Some(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}\nfound: {found:#?}");

    for forbidden in expected["forbidden_entities"]
        .as_array()
        .expect("forbidden_entities")
    {
        let word = forbidden["name"].as_str().expect("name");
        for entity in &result.entities {
            assert!(
                !entity.name.starts_with(word)
                    && entity.mentions.iter().all(|m| !m.text.starts_with(word)),
                "forbidden entity {word} tagged: {entity:?}"
            );
        }
    }
}
