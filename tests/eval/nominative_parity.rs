//! Span-level parity with natasha: reads the dump written by
//! tests/eval/nominative_reference.py and compares `normalize` with natasha's
//! `span.normal`.
//!
//! cargo run --example nominative_parity -- ref/natasha_spans.jsonl [SHOW] [TYPE]
//! (SHOW: how many differences to list, default 20; TYPE: only list that type)

use newswire::enrich::nominative::{TaggedWord, normalize};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Token {
    text: String,
    pos: String,
    feats: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct Span {
    source: String,
    #[serde(rename = "type")]
    kind: String,
    text: String,
    tokens: Vec<Token>,
    gaps: Vec<String>,
    normal: String,
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "ref/natasha_spans.jsonl".to_string());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let show: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let only = std::env::args().nth(3);
    let mut by_type: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut diffs = Vec::new();
    let mut mismatches = 0usize;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let span: Span = serde_json::from_str(line).expect("bad json line");
        let words: Vec<TaggedWord> = span
            .tokens
            .iter()
            .map(|t| TaggedWord {
                text: &t.text,
                pos: &t.pos,
                feats: &t.feats,
            })
            .collect();
        let got = normalize(&words, &span.gaps);
        let entry = by_type.entry(span.kind.clone()).or_default();
        entry.0 += 1;
        if got == span.normal {
            entry.1 += 1;
            continue;
        }
        mismatches += 1;
        if only.as_ref().is_none_or(|t| *t == span.kind) {
            let tags: Vec<String> = span
                .tokens
                .iter()
                .map(|t| {
                    let f: Vec<String> = t.feats.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    format!("{}/{}/{}", t.text, t.pos, f.join("|"))
                })
                .collect();
            diffs.push(format!(
                "[{}] {} {:?}: natasha {:?}, rust {:?}  ({})",
                span.source,
                span.kind,
                span.text,
                span.normal,
                got,
                tags.join(" ")
            ));
        }
    }
    let (mut total, mut ok) = (0, 0);
    for (kind, (n, k)) in &by_type {
        println!(
            "{kind}: {k}/{n} = {:.2}%",
            100.0 * *k as f64 / (*n).max(1) as f64
        );
        total += n;
        ok += k;
    }
    println!(
        "ALL: {ok}/{total} = {:.2}%",
        100.0 * ok as f64 / total.max(1) as f64
    );
    println!(
        "differences: {mismatches} (listing {} of {})",
        diffs.len().min(show),
        diffs.len()
    );
    for d in diffs.iter().take(show) {
        println!("  {d}");
    }
}
