//! Date tagging throughput on real article bodies (the Zyte benchmark's ground-truth texts),
//! single thread. Prints MB/s; asserts no time.
//!
//!   cargo bench --bench dates

use std::time::Instant;

use chrono::NaiveDate;
use newswire::enrich::tag_dates;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("dates benchmark: run with `cargo bench --bench dates`");
        return;
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/datasets/article-extraction-benchmark/ground-truth.json"
    );
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")),
    )
    .expect("ground truth is JSON");
    let bodies: Vec<&str> = truth
        .as_object()
        .expect("an object of pages")
        .values()
        .filter_map(|page| page["articleBody"].as_str())
        .collect();
    let bytes: usize = bodies.iter().map(|b| b.len()).sum();
    // The pages are from 2019; the anchor only changes values, not the work done.
    let anchor = NaiveDate::from_ymd_opt(2019, 6, 1).expect("date");
    let rounds = 20;
    let mut mentions = 0;
    let mut seconds = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let started = Instant::now();
        mentions = bodies
            .iter()
            .map(|b| tag_dates(b, anchor, Some("en")).len())
            .sum();
        seconds.push(started.elapsed().as_secs_f64());
    }
    seconds.sort_by(f64::total_cmp);
    let median = seconds[rounds / 2];
    println!(
        "dates: {} article bodies, {:.2} MB, {} mentions; median of {rounds} rounds {:.1} ms = {:.1} MB/s (single thread)",
        bodies.len(),
        bytes as f64 / 1e6,
        mentions,
        median * 1e3,
        bytes as f64 / 1e6 / median
    );
}
