//! Throughput on the seed article repeated to about 5 MB. Run in release:
//! `cargo test --release -- --ignored --nocapture throughput`.

use std::time::Instant;

use chrono::NaiveDate;

use super::super::tag_dates;

#[test]
#[ignore = "timing; run in release"]
fn throughput() {
    let seed = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/novayagazeta-aliyev.txt"
    ));
    let text = seed.repeat(5_000_000 / seed.len() + 1);
    let anchor = NaiveDate::from_ymd_opt(2025, 8, 27).expect("valid date");
    tag_dates(seed, anchor, Some("en")); // build the lexicon outside the timing
    let started = Instant::now();
    let found = tag_dates(&text, anchor, Some("en"));
    let seconds = started.elapsed().as_secs_f64();
    let megabytes = text.len() as f64 / 1e6;
    println!(
        "{megabytes:.1} MB, {} mentions, {seconds:.3} s, {:.1} MB/s",
        found.len(),
        megabytes / seconds
    );
}
