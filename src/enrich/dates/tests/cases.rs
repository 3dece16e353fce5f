//! Table-driven cases: each row of `cases_*.tsv` is
//! `sentence, anchor, text, value, granularity, modifier, end_value`, with `-`
//! for "none". Consecutive rows with the same sentence and anchor list all the
//! mentions expected in it, in order; a `text` of `-` expects no mention at all.

use chrono::NaiveDate;

use super::super::{DateMention, tag_dates};

const CASES_EN: &str = include_str!("cases_en.tsv");
const CASES_RU: &str = include_str!("cases_ru.tsv");

struct Case {
    line: usize,
    sentence: String,
    anchor: NaiveDate,
    expected: Vec<String>,
}

/// One mention as a comparable line, e.g. `25 December => 2024-12-25 day - -`.
fn describe(m: &DateMention) -> String {
    let modifier = m.modifier.map_or("-".to_string(), |x| {
        serde_json::to_string(&x)
            .unwrap_or_default()
            .replace('"', "")
    });
    let granularity = serde_json::to_string(&m.granularity)
        .unwrap_or_default()
        .replace('"', "");
    format!(
        "{} => {} {} {} {}",
        m.text,
        m.value,
        granularity,
        modifier,
        m.end_value.as_deref().unwrap_or("-")
    )
}

fn parse(table: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (index, row) in table.lines().enumerate() {
        if row.trim().is_empty() || row.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(
            cols.len(),
            7,
            "line {}: expected 7 columns: {row}",
            index + 1
        );
        let anchor = NaiveDate::parse_from_str(cols[1], "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("line {}: bad anchor: {e}", index + 1));
        let expected = (cols[2] != "-").then(|| {
            format!(
                "{} => {} {} {} {}",
                cols[2], cols[3], cols[4], cols[5], cols[6]
            )
        });
        match cases.last_mut() {
            Some(last) if last.sentence == cols[0] && last.anchor == anchor => {
                last.expected.extend(expected)
            }
            _ => cases.push(Case {
                line: index + 1,
                sentence: cols[0].to_string(),
                anchor,
                expected: expected.into_iter().collect(),
            }),
        }
    }
    cases
}

/// Runs every case of a table, prints each failure, and returns
/// (rows, expected mentions, failures).
fn run(table: &str, lang: &str) -> (usize, usize, usize) {
    let cases = parse(table);
    let mut failures = 0;
    for case in &cases {
        let found = tag_dates(&case.sentence, case.anchor, Some(lang));
        for m in &found {
            let slice: String = case
                .sentence
                .chars()
                .skip(m.start)
                .take(m.end - m.start)
                .collect();
            assert_eq!(slice, m.text, "offsets of {m:?} in {:?}", case.sentence);
        }
        let found: Vec<String> = found.iter().map(describe).collect();
        if found != case.expected {
            failures += 1;
            println!(
                "FAIL {lang} line {}: {}\n  expected: {:?}\n  found:    {:?}",
                case.line, case.sentence, case.expected, found
            );
        }
    }
    let mentions = cases.iter().map(|c| c.expected.len()).sum();
    (cases.len(), mentions, failures)
}

#[test]
fn table_driven_cases() {
    let (en_cases, en_mentions, en_fail) = run(CASES_EN, "en");
    let (ru_cases, ru_mentions, ru_fail) = run(CASES_RU, "ru");
    println!("en: {en_cases} sentences, {en_mentions} mentions, {en_fail} failing");
    println!("ru: {ru_cases} sentences, {ru_mentions} mentions, {ru_fail} failing");
    assert!(en_cases >= 150 && ru_cases >= 150, "too few cases");
    assert_eq!(en_fail + ru_fail, 0, "failing cases (see output above)");
}
