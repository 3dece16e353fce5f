//! Compares the date tagger with Duckling (PyPI `pyduckling-native-phihos`, BSD-3) on the
//! sentences of the date case tables and held-out sets, when Duckling is installed; a test-time
//! tool, never a dependency of the binary.
//!
//! ```text
//! python3 -m venv target/tools/duckling-venv
//! target/tools/duckling-venv/bin/pip install pyduckling-native-phihos==0.3.0
//! cargo run --release --example dates_oracle [-- --show N]
//! ```
//!
//! The Python is `NEWSWIRE_DUCKLING_PYTHON`, else `target/tools/duckling-venv/bin/python`.
//! For each of newswire's mentions whose span Duckling also tags, the two values are compared
//! at newswire's granularity (day, month, year, time, week); per language it prints how many
//! agree, how many differ (those where Duckling's date is later, as it prefers the future,
//! counted apart) and the mentions only one of them found, then the first N differences.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use chrono::{Datelike, NaiveDate};
use newswire::enrich::dates::Granularity;
use newswire::enrich::tag_dates;

const TABLES: [(&str, &str); 18] = [
    (
        "en",
        include_str!("../../src/enrich/dates/tests/cases_en.tsv"),
    ),
    (
        "ru",
        include_str!("../../src/enrich/dates/tests/cases_ru.tsv"),
    ),
    (
        "de",
        include_str!("../../src/enrich/dates/tests/cases_de.tsv"),
    ),
    (
        "fr",
        include_str!("../../src/enrich/dates/tests/cases_fr.tsv"),
    ),
    (
        "es",
        include_str!("../../src/enrich/dates/tests/cases_es.tsv"),
    ),
    (
        "it",
        include_str!("../../src/enrich/dates/tests/cases_it.tsv"),
    ),
    (
        "pt",
        include_str!("../../src/enrich/dates/tests/cases_pt.tsv"),
    ),
    (
        "nl",
        include_str!("../../src/enrich/dates/tests/cases_nl.tsv"),
    ),
    (
        "uk",
        include_str!("../../src/enrich/dates/tests/cases_uk.tsv"),
    ),
    (
        "pl",
        include_str!("../../src/enrich/dates/tests/cases_pl.tsv"),
    ),
    (
        "de",
        include_str!("../../src/enrich/dates/tests/holdout/de.tsv"),
    ),
    (
        "fr",
        include_str!("../../src/enrich/dates/tests/holdout/fr.tsv"),
    ),
    (
        "es",
        include_str!("../../src/enrich/dates/tests/holdout/es.tsv"),
    ),
    (
        "it",
        include_str!("../../src/enrich/dates/tests/holdout/it.tsv"),
    ),
    (
        "pt",
        include_str!("../../src/enrich/dates/tests/holdout/pt.tsv"),
    ),
    (
        "nl",
        include_str!("../../src/enrich/dates/tests/holdout/nl.tsv"),
    ),
    (
        "uk",
        include_str!("../../src/enrich/dates/tests/holdout/uk.tsv"),
    ),
    (
        "pl",
        include_str!("../../src/enrich/dates/tests/holdout/pl.tsv"),
    ),
];

#[derive(Default)]
struct Tally {
    compared: usize,
    agree: usize,
    differ: usize,
    differ_later: usize,
    only_newswire: usize,
    only_duckling: usize,
}

fn main() {
    let show: usize = std::env::args()
        .skip_while(|a| a != "--show")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let python = std::env::var("NEWSWIRE_DUCKLING_PYTHON").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/target/tools/duckling-venv/bin/python"
        )
        .to_string()
    });
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eval/dates_duckling.py");
    let installed = Command::new(&python)
        .args(["-c", "import duckling"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        println!("Duckling is not installed for {python}: nothing compared (see the doc comment)");
        return;
    }
    // Unique (lang, anchor, sentence) triples, in table order.
    let mut items: Vec<(&str, NaiveDate, &str)> = Vec::new();
    for (lang, table) in TABLES {
        for row in table
            .lines()
            .filter(|r| !r.starts_with('#') && !r.trim().is_empty())
        {
            let cols: Vec<&str> = row.split('\t').collect();
            let Some(anchor) = cols.get(1).and_then(|a| a.parse().ok()) else {
                continue;
            };
            let item = (lang, anchor, cols[0]);
            if !items.contains(&item) {
                items.push(item);
            }
        }
    }
    let mut child = Command::new(&python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start Duckling");
    let mut stdin = child.stdin.take().expect("stdin");
    let input: String = items
        .iter()
        .map(|(lang, anchor, text)| {
            serde_json::json!({"lang": lang, "anchor": anchor.to_string(), "text": text})
                .to_string()
                + "\n"
        })
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let lines: Vec<String> = BufReader::new(child.stdout.take().expect("stdout"))
        .lines()
        .map_while(Result::ok)
        .collect();
    writer.join().expect("writer").expect("write to Duckling");
    child.wait().expect("Duckling exits");
    assert_eq!(
        lines.len(),
        items.len(),
        "one line of Duckling output per sentence"
    );

    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut differences = Vec::new();
    for ((lang, anchor, text), line) in items.iter().zip(&lines) {
        let duckling: Vec<serde_json::Value> = serde_json::from_str(line).expect("JSON");
        let ours = tag_dates(text, *anchor, Some(lang));
        let tally = tallies.entry(lang).or_default();
        let overlaps = |d: &serde_json::Value, start: usize, end: usize| {
            let (s, e) = (
                d["start"].as_u64().unwrap_or(0) as usize,
                d["end"].as_u64().unwrap_or(0) as usize,
            );
            s < end && start < e
        };
        for m in &ours {
            let Some(d) = duckling.iter().find(|d| overlaps(d, m.start, m.end)) else {
                tally.only_newswire += 1;
                continue;
            };
            let theirs = d["value"].as_str().unwrap_or("");
            let Some(their_value) = at_granularity(theirs, m.granularity) else {
                continue; // decades, seasons, vague references: no common ground
            };
            tally.compared += 1;
            if their_value == m.value {
                tally.agree += 1;
            } else {
                tally.differ += 1;
                if their_value > m.value {
                    tally.differ_later += 1;
                }
                let (s, e) = (
                    d["start"].as_u64().unwrap_or(0) as usize,
                    d["end"].as_u64().unwrap_or(0) as usize,
                );
                let span: String = text.chars().skip(s).take(e.saturating_sub(s)).collect();
                differences.push(format!(
                    "{lang} {anchor} {text}\n    newswire {:?} = {}   duckling {span:?} = {theirs}",
                    m.text, m.value
                ));
            }
        }
        tally.only_duckling += duckling
            .iter()
            .filter(|d| !ours.iter().any(|m| overlaps(d, m.start, m.end)))
            .count();
    }
    println!(
        "newswire vs Duckling on {} sentences (values compared at newswire's granularity)",
        items.len()
    );
    println!("lang  compared  agree  differ  (duckling later)  only newswire  only duckling");
    for (lang, t) in &tallies {
        println!(
            "{lang:>4}  {:>8}  {:>5}  {:>6}  {:>16}  {:>13}  {:>13}",
            t.compared, t.agree, t.differ, t.differ_later, t.only_newswire, t.only_duckling
        );
    }
    for d in differences.iter().take(show) {
        println!("{d}");
    }
}

/// Duckling's ISO value ("2025-08-29T00:00:00.000+00:00") written as newswire writes a value of
/// `granularity`, when the two can be compared.
fn at_granularity(value: &str, granularity: Granularity) -> Option<String> {
    let date: NaiveDate = value.get(..10)?.parse().ok()?;
    Some(match granularity {
        Granularity::Day => value.get(..10)?.to_string(),
        Granularity::Month => value.get(..7)?.to_string(),
        Granularity::Year => value.get(..4)?.to_string(),
        Granularity::Time => value.get(..16)?.to_string(),
        Granularity::Week => {
            let week = date.iso_week();
            format!("{:04}-W{:02}", week.year(), week.week())
        }
        _ => return None,
    })
}
