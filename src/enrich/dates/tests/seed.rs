use chrono::NaiveDate;
use serde::Deserialize;

use super::super::{DateMention, Granularity, Modifier, tag_dates};

const SEED_TEXT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seed/novayagazeta-aliyev.txt"
));
const SEED_EXPECTED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seed/novayagazeta-aliyev.expected.json"
));

#[derive(Deserialize)]
struct ExpectedDate {
    text: String,
    value: String,
    granularity: Granularity,
    modifier: Option<Modifier>,
}

#[derive(Deserialize)]
struct Expected {
    required_dates: Vec<ExpectedDate>,
    optional_dates: Vec<ExpectedDate>,
}

fn seed_mentions() -> Vec<DateMention> {
    let anchor = NaiveDate::from_ymd_opt(2025, 8, 27).expect("valid date");
    tag_dates(SEED_TEXT, anchor, Some("en"))
}

fn missing<'a>(expected: &'a [ExpectedDate], found: &[DateMention]) -> Vec<&'a str> {
    expected
        .iter()
        .filter(|e| {
            !found.iter().any(|m| {
                m.text == e.text
                    && m.value == e.value
                    && m.granularity == e.granularity
                    && m.modifier == e.modifier
            })
        })
        .map(|e| e.text.as_str())
        .collect()
}

#[test]
fn seed_required_and_optional_dates() {
    let expected: Expected = serde_json::from_str(SEED_EXPECTED).expect("expected.json parses");
    let found = seed_mentions();
    for m in &found {
        println!("{m:?}");
    }
    assert!(
        missing(&expected.required_dates, &found).is_empty(),
        "missing required: {:?}",
        missing(&expected.required_dates, &found)
    );
    assert!(
        missing(&expected.optional_dates, &found).is_empty(),
        "missing optional: {:?}",
        missing(&expected.optional_dates, &found)
    );
}

#[test]
fn seed_offsets_slice_back_to_text() {
    for m in seed_mentions() {
        let slice: String = SEED_TEXT
            .chars()
            .skip(m.start)
            .take(m.end - m.start)
            .collect();
        assert_eq!(slice, m.text, "{m:?}");
    }
}

#[test]
fn seed_has_no_dates_from_counts() {
    for m in seed_mentions() {
        assert!(
            !["38", "67", "50"].iter().any(|n| m.text.contains(n)),
            "count tagged as a date: {m:?}"
        );
    }
}

#[test]
fn serialises_as_in_the_record_spec() {
    let mention = seed_mentions()
        .into_iter()
        .find(|m| m.text == "25 December")
        .expect("25 December is tagged");
    let json = serde_json::to_string(&mention).expect("serialises");
    assert_eq!(
        json,
        r#"{"text":"25 December","value":"2024-12-25","granularity":"day","start":1421,"end":1432}"#
    );
    let late_june = seed_mentions()
        .into_iter()
        .find(|m| m.text == "late June")
        .expect("late June is tagged");
    let json = serde_json::to_string(&late_june).expect("serialises");
    assert!(
        json.contains(r#""granularity":"month","modifier":"late""#),
        "{json}"
    );
    let back: DateMention = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, late_june);
}
