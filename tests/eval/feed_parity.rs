//! How many of the entries feedparser finds newswire makes items of, on feed files dumped by
//! tests/eval/feed_reference.py (see there for the commands).
//!
//! Counts only feedparser entries that carry a link, a GUID or a title (the others cannot be
//! items). An entry is matched by an item with the same link, else GUID, else title (each item
//! matches once). Prints the files where newswire finds fewer, then the totals.

use std::collections::HashSet;

use chrono::Utc;
use newswire::fetch::{FeedItem, parse_feed};
use serde_json::Value;
use url::Url;

fn main() {
    let reference = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/feed-reference.jsonl".into());
    let text = std::fs::read_to_string(&reference).unwrap_or_else(|e| panic!("{reference}: {e}"));
    let url = Url::parse("https://news.example/feeds/feed.xml").expect("url");
    let (mut files, mut wanted, mut matched, mut errors) = (0, 0, 0, 0);
    for line in text.lines() {
        let record: Value = serde_json::from_str(line).expect("a JSON line");
        let path = record["file"].as_str().expect("file");
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let entries: Vec<&Value> = record["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .filter(|e| ["link", "guid", "title"].iter().any(|k| e[k].is_string()))
            .collect();
        files += 1;
        let items = match parse_feed("parity", &url, &bytes, None, Utc::now()) {
            Ok(feed) => feed.items,
            Err(error) => {
                if !entries.is_empty() {
                    errors += 1;
                    println!(
                        "{path}: error with {} feedparser entries: {error}",
                        entries.len()
                    );
                }
                Vec::new()
            }
        };
        let found = matches(&entries, &items);
        if found < entries.len() {
            println!("{path}: {found} of {} entries", entries.len());
        }
        wanted += entries.len();
        matched += found;
    }
    println!(
        "{files} files, {wanted} feedparser entries with a link, GUID or title: {matched} matched by an item ({:.1}%), {errors} files newswire rejects",
        100.0 * matched as f64 / wanted.max(1) as f64
    );
}

/// Entries matched one to one by an item with the same link, GUID or (folded) title.
fn matches(entries: &[&Value], items: &[FeedItem]) -> usize {
    // feedparser keeps HTML in titles; compare the words.
    let fold = |s: &str| {
        let mut words = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => words.push(c),
                _ => {}
            }
        }
        words.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut used = HashSet::new();
    let mut found = 0;
    for entry in entries {
        let same = |item: &FeedItem| {
            let equal = |key: &str, ours: &Option<String>| {
                entry[key]
                    .as_str()
                    .zip(ours.as_deref())
                    .is_some_and(|(a, b)| fold(a) == fold(b))
            };
            equal("link", &item.link) || equal("guid", &item.guid) || equal("title", &item.title)
        };
        if let Some(at) = (0..items.len()).find(|at| !used.contains(at) && same(&items[*at])) {
            used.insert(at);
            found += 1;
        }
    }
    found
}
