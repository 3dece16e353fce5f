//! Date tagging throughput, single thread, with every language's lexicon loaded. Prints MB/s;
//! asserts no time.
//!
//! - the Zyte benchmark's ground-truth article bodies (mostly English), tagged as English;
//! - a mixed-language set: the text of Mozilla Readability's test pages (en, fr, es, de, cs, pt,
//!   zh, ja), each tagged in the language the enrich stage detects for it, with the speed per
//!   language (languages without rules of their own get the English and Russian ones).
//!
//!   cargo bench --bench dates

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::NaiveDate;
use newswire::enrich::dates::Lang;
use newswire::enrich::{detect_language, tag_dates};

const ROUNDS: usize = 20;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("dates benchmark: run with `cargo bench --bench dates`");
        return;
    }
    // The pages are from 2019; the anchor only changes values, not the work done.
    let anchor = NaiveDate::from_ymd_opt(2019, 6, 1).expect("date");
    for lang in Lang::ALL {
        tag_dates("1 2", anchor, Some(lang.code())); // build every lexicon outside the timing
    }
    let zyte = zyte_bodies();
    let english: Vec<(&str, Option<&str>)> =
        zyte.iter().map(|b| (b.as_str(), Some("en"))).collect();
    let (mentions, seconds) = time(&english, anchor);
    let bytes: usize = zyte.iter().map(String::len).sum();
    println!(
        "dates: {} article bodies, {:.2} MB, {} mentions; median of {ROUNDS} rounds {:.1} ms = {:.1} MB/s (single thread, all languages loaded)",
        zyte.len(),
        bytes as f64 / 1e6,
        mentions,
        seconds * 1e3,
        bytes as f64 / 1e6 / seconds
    );

    let mut by_lang: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for body in readability_texts() {
        let lang = detect_language(&body, None).unwrap_or_else(|| "none".to_string());
        by_lang.entry(lang).or_default().push(body);
    }
    println!("mixed-language set (Readability test pages' text, by detected language):");
    for (lang, bodies) in &by_lang {
        let hint = (lang != "none").then_some(lang.as_str());
        let rules = if hint.and_then(Lang::from_code).is_some() {
            lang.as_str()
        } else {
            "en+ru (no rules of its own)"
        };
        let items: Vec<(&str, Option<&str>)> = bodies.iter().map(|b| (b.as_str(), hint)).collect();
        let (mentions, seconds) = time(&items, anchor);
        let bytes: usize = bodies.iter().map(String::len).sum();
        println!(
            "  {lang:>4}: {:>3} bodies, {:>7.3} MB, {:>5} mentions, {:>6.1} MB/s  [{rules}]",
            bodies.len(),
            bytes as f64 / 1e6,
            mentions,
            bytes as f64 / 1e6 / seconds
        );
    }
}

/// Mentions found and the median seconds of a round over `items`.
fn time(items: &[(&str, Option<&str>)], anchor: NaiveDate) -> (usize, f64) {
    let mut mentions = 0;
    let mut seconds = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let started = Instant::now();
        mentions = items
            .iter()
            .map(|(text, lang)| tag_dates(text, anchor, *lang).len())
            .sum();
        seconds.push(started.elapsed().as_secs_f64());
    }
    seconds.sort_by(f64::total_cmp);
    (mentions, seconds[ROUNDS / 2])
}

fn zyte_bodies() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/datasets/article-extraction-benchmark/ground-truth.json"
    );
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")),
    )
    .expect("ground truth is JSON");
    truth
        .as_object()
        .expect("an object of pages")
        .values()
        .filter_map(|page| page["articleBody"].as_str().map(str::to_string))
        .collect()
}

/// The visible text of each Readability test page's reviewed extraction.
fn readability_texts() -> Vec<String> {
    use std::io::Read;
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/datasets/readability-test-pages"
    );
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path().join("expected.html.gz")))
        .filter(|p| p.exists())
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let mut html = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(p).ok()?)
                .read_to_string(&mut html)
                .ok()?;
            let doc = scraper::Html::parse_document(&html);
            let text: Vec<&str> = doc.root_element().text().collect();
            Some(text.join(" "))
        })
        .collect()
}
