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
//! counted apart) and the mentions only one of them found, for the tune tables and for every
//! held-out set, then the first N differences on the tune tables (held-out ones are never
//! printed).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use chrono::{Datelike, NaiveDate};
use newswire::enrich::dates::Granularity;
use newswire::enrich::tag_dates;

/// The languages of the case tables, each `src/enrich/dates/tests/cases_<code>.tsv`.
const LANGS: [&str; 14] = [
    "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl", "tr", "ar", "zh", "ja",
];

/// One table of sentences: its language, whether it is held out, and its rows.
struct Table {
    lang: String,
    held_out: bool,
    text: String,
}

/// The tune tables, then every held-out set: `holdout/<code>.tsv` (the first) and
/// `holdout/<set>/<code>.tsv`, read at run time so a new set is compared without a change here.
fn tables() -> Vec<Table> {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/enrich/dates/tests"
    ));
    let read = |path: std::path::PathBuf| std::fs::read_to_string(path).ok();
    let mut tables: Vec<Table> = LANGS
        .iter()
        .filter_map(|lang| {
            Some(Table {
                lang: lang.to_string(),
                held_out: false,
                text: read(dir.join(format!("cases_{lang}.tsv")))?,
            })
        })
        .collect();
    let holdout = dir.join("holdout");
    let mut sets: Vec<std::path::PathBuf> = std::fs::read_dir(&holdout)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    sets.sort();
    for set in std::iter::once(holdout).chain(sets) {
        for lang in LANGS {
            if let Some(text) = read(set.join(format!("{lang}.tsv"))) {
                tables.push(Table {
                    lang: lang.to_string(),
                    held_out: true,
                    text,
                });
            }
        }
    }
    tables
}

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
    // Unique (lang, anchor, sentence, held out) items, in table order.
    let tables = tables();
    let mut items: Vec<(&str, NaiveDate, &str, bool)> = Vec::new();
    for table in &tables {
        let lang = table.lang.as_str();
        for row in table
            .text
            .lines()
            .filter(|r| !r.starts_with('#') && !r.trim().is_empty())
        {
            let cols: Vec<&str> = row.split('\t').collect();
            let Some(anchor) = cols.get(1).and_then(|a| a.parse().ok()) else {
                continue;
            };
            let item = (lang, anchor, cols[0], table.held_out);
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
        .map(|(lang, anchor, text, _)| {
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

    // Tune and held-out sentences are tallied apart; a held-out difference is counted, never
    // printed, as the held-out sets are not for tuning.
    let mut tallies: BTreeMap<(bool, &str), Tally> = BTreeMap::new();
    let mut differences = Vec::new();
    for ((lang, anchor, text, held_out), line) in items.iter().zip(&lines) {
        let duckling: Vec<serde_json::Value> = serde_json::from_str(line).expect("JSON");
        let ours = tag_dates(text, *anchor, Some(lang));
        let tally = tallies.entry((*held_out, lang)).or_default();
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
                if *held_out {
                    continue;
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
    println!(
        "set       lang  compared  agree  differ  (duckling later)  only newswire  only duckling"
    );
    for ((held_out, lang), t) in &tallies {
        let set = if *held_out { "held-out" } else { "tune" };
        println!(
            "{set:<8}  {lang:>4}  {:>8}  {:>5}  {:>6}  {:>16}  {:>13}  {:>13}",
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
