//! Arbitrary bytes through `parse_feed`: it must return items or an error, never panic or
//! hang. A first byte from 1 to 7 picks the Content-Type (with or without a charset) and is
//! not part of the document, so the seeds (the feed fixtures) are read as they are.

#![no_main]

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use newswire::fetch::parse_feed;
use url::Url;

const CONTENT_TYPES: [&str; 7] = [
    "application/rss+xml",
    "application/atom+xml; charset=utf-8",
    "text/xml; charset=windows-1251",
    "application/xml; charset=utf-16",
    "application/feed+json",
    "text/html; charset=iso-8859-1",
    "text/plain; charset=bogus",
];

static FEED_URL: LazyLock<Url> = LazyLock::new(|| {
    Url::parse("https://news.example/feeds/feed.xml").unwrap_or_else(|error| panic!("{error}"))
});

fuzz_target!(|data: &[u8]| {
    let (content_type, document) = match data.split_first() {
        Some((&pick @ 1..=7, rest)) => (Some(CONTENT_TYPES[usize::from(pick) - 1]), rest),
        _ => (None, data),
    };
    let now = DateTime::<Utc>::UNIX_EPOCH;
    if let Ok(feed) = parse_feed("fuzz", &FEED_URL, document, content_type, now) {
        // Every item has an identity.
        assert!(feed.items.iter().all(|item| !item.id.is_empty()));
    }
});
