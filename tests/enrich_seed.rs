//! The seed article's expected enrichment (`../shared/seed/novayagazeta-aliyev.expected.json`):
//! every required entity with its type and mentions, every required date, nothing forbidden.

use std::path::Path;

use chrono::NaiveDate;
use newswire::enrich::{DEFAULT_MAX_ENRICH_CHARS, DEFAULT_MODELS_DIR, after_rubric, enrich};
use serde_json::Value;

fn shared(path: &str) -> String {
    let path = format!("{}/../shared/seed/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// True when `needle` occurs in `hay` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

#[test]
fn seed_article_yields_the_expected_entities_and_dates() {
    let text = shared("novayagazeta-aliyev.txt");
    let expected: Value =
        serde_json::from_str(&shared("novayagazeta-aliyev.expected.json")).expect("expected JSON");
    let published = NaiveDate::from_ymd_opt(2025, 8, 27).expect("date");
    let result = enrich(
        &text,
        published,
        Some("en"),
        after_rubric(&text, true),
        DEFAULT_MAX_ENRICH_CHARS,
        Path::new(DEFAULT_MODELS_DIR),
    );
    assert_eq!(result.language.as_deref(), Some("en"));

    let chars: Vec<char> = text.chars().collect();
    for entity in &result.entities {
        for mention in &entity.mentions {
            let slice: String = chars[mention.start..mention.end].iter().collect();
            assert_eq!(slice, mention.text, "offsets are code points into the text");
        }
    }

    let mut missing = Vec::new();
    for required in expected["required_entities"]
        .as_array()
        .expect("required_entities")
    {
        let name = required["name"].as_str().expect("name");
        let kind = required["type"].as_str().expect("type");
        let forms: Vec<&str> = required["surface_forms"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_else(|| vec![name]);
        // The entity is found when one of its mentions is a surface form (or, for a span the
        // model drew wider, holds it as whole words: "Al-Arabiya TV" for "Al-Arabiya").
        let found = result.entities.iter().find(|e| {
            e.kind == kind
                && e.mentions.iter().any(|m| {
                    forms
                        .iter()
                        .any(|f| m.text == *f || contains_words(&m.text, f))
                })
        });
        let Some(entity) = found else {
            missing.push(format!("{name} ({kind})"));
            continue;
        };
        for form in &forms {
            assert!(
                entity
                    .mentions
                    .iter()
                    .any(|m| m.text == *form || contains_words(&m.text, form)),
                "{name}: surface form {form} is not among its mentions {:?}",
                entity.mentions
            );
        }
        if let Some(min) = required["min_mentions"].as_u64() {
            // Name mentions only: the seed text has fewer occurrences of the name than
            // min_mentions for Aliyev (6 against 8; pronouns would need coreference), so the bar
            // is every occurrence the text has, capped at min_mentions.
            let occurrences = forms
                .iter()
                .map(|f| text.matches(f).count())
                .max()
                .unwrap_or(0) as u64;
            let bar = min.min(occurrences);
            assert!(
                entity.mentions.len() as u64 >= bar,
                "{name}: {} mentions, expected at least {bar}",
                entity.mentions.len()
            );
        }
    }
    assert!(
        missing.is_empty(),
        "missing entities: {missing:?}\nfound: {:#?}",
        result
            .entities
            .iter()
            .map(|e| (&e.name, &e.kind))
            .collect::<Vec<_>>()
    );

    for forbidden in expected["forbidden_entities"]
        .as_array()
        .expect("forbidden")
    {
        let word = forbidden.as_str().expect("word");
        for entity in &result.entities {
            assert!(
                entity.name != word && entity.mentions.iter().all(|m| m.text != word),
                "forbidden entity {word} tagged: {entity:?}"
            );
        }
    }

    for required in expected["required_dates"]
        .as_array()
        .expect("required_dates")
    {
        let found = result.dates.iter().any(|d| {
            Some(d.text.as_str()) == required["text"].as_str()
                && Some(d.value.as_str()) == required["value"].as_str()
                && serde_json::to_value(d.granularity).ok().as_ref()
                    == Some(&required["granularity"])
        });
        assert!(found, "missing date {required}");
    }
}
