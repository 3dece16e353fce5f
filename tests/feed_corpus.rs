//! Feeds as they are found in the wild, odd and broken, one fixture per case in
//! `tests/fixtures/feeds/`: each document beside a `.expected.json` listing the items it must
//! give (link, GUID and title of each, and where given dates, authors, media, language), or
//! that it gives none and the feed is flagged (`warning`), or that it is no feed (`error`).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use newswire::fetch::{FeedItem, parse_feed};
use serde_json::Value;
use url::Url;

fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds");
    let mut cases: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?;
            let stem = name.strip_suffix(".expected.json")?;
            let document = ["xml", "json", "html"]
                .iter()
                .map(|ext| dir.join(format!("{stem}.{ext}")))
                .find(|p| p.exists())
                .unwrap_or_else(|| panic!("no document for {name}"));
            Some((document, path))
        })
        .collect();
    cases.sort();
    cases
}

/// What differs between the item and its expectation.
fn differences(item: &FeedItem, expected: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut check = |field: &str, actual: Value| {
        if let Some(wanted) = expected.get(field)
            && *wanted != actual
        {
            found.push(format!("{field}: {actual} (expected {wanted})"));
        }
    };
    let time = |t: Option<DateTime<Utc>>| t.map_or(Value::Null, |t| t.to_rfc3339().into());
    check("link", item.link.clone().into());
    check("guid", item.guid.clone().into());
    check("title", item.title.clone().into());
    check("published_at", time(item.published_at));
    check("updated_at", time(item.updated_at));
    check("authors", item.authors.clone().into());
    check("language", item.language.clone().into());
    check(
        "media",
        item.media
            .iter()
            .map(|m| m.url.clone())
            .collect::<Vec<_>>()
            .into(),
    );
    found
}

#[test]
fn every_fixture_gives_its_expected_items() {
    let url = Url::parse("https://news.example/feeds/feed.xml").expect("url");
    let now = DateTime::parse_from_rfc3339("2025-08-28T00:00:00Z")
        .expect("date")
        .with_timezone(&Utc);
    let cases = fixtures();
    assert!(cases.len() >= 30, "{} fixtures", cases.len());
    let mut failures = Vec::new();
    for (document, expected) in &cases {
        let name = document.file_name().expect("name").to_string_lossy();
        let bytes = std::fs::read(document).expect("read fixture");
        let expected: Value =
            serde_json::from_slice(&std::fs::read(expected).expect("read")).expect("JSON");
        let content_type = expected["content_type"].as_str();
        let parsed = parse_feed("corpus", &url, &bytes, content_type, now);
        let wants_error = expected["error"] == true;
        let feed = match (parsed, wants_error) {
            (Ok(feed), false) => feed,
            (Err(_), true) => continue,
            (Ok(feed), true) => {
                failures.push(format!(
                    "{name}: parsed ({} items), expected an error",
                    feed.items.len()
                ));
                continue;
            }
            (Err(error), false) => {
                failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        if feed.warning.is_some() != (expected["warning"] == true) {
            failures.push(format!("{name}: warning {:?}", feed.warning));
        }
        let wanted = expected["items"].as_array().expect("items");
        if feed.items.len() != wanted.len() {
            let got: Vec<_> = feed
                .items
                .iter()
                .map(|i| (&i.link, &i.guid, &i.title))
                .collect();
            failures.push(format!(
                "{name}: {} items, expected {}: {got:?}",
                got.len(),
                wanted.len()
            ));
            continue;
        }
        for (at, (item, wanted)) in feed.items.iter().zip(wanted).enumerate() {
            for difference in differences(item, wanted) {
                failures.push(format!("{name} item {at}: {difference}"));
            }
        }
        let mut ids: Vec<&str> = feed.items.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != feed.items.len() {
            failures.push(format!("{name}: two items share an id"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Shapes that make naive forgiving parsers quadratic or deep: each parses (1 MiB apiece) to
/// items or an error. Benchmarked at 10 MiB, the body cap: each under 0.4 s.
#[test]
fn pathological_documents_parse_to_items_or_an_error() {
    let url = Url::parse("https://news.example/feed.xml").expect("url");
    let size = 1024 * 1024;
    let cases = [
        ("<!--x>", 0),
        ("<a b=\"x>", 0),
        ("<a <", 0),
        ("&amp&#x;&", 0),
        ("<a>", 0),
        ("<![x[>", 0),
        ("<?x", 0),
        ("<item><title>t</title></item>", size / 29),
    ];
    for (shape, items) in cases {
        let document = format!("<rss><channel>{}", shape.repeat(size / shape.len()));
        let feed = parse_feed("worst", &url, document.as_bytes(), None, Utc::now())
            .unwrap_or_else(|e| panic!("{shape}: {e}"));
        assert_eq!(feed.items.len(), items, "{shape}");
    }
    let attributes = format!("<rss><item {}", "a=b ".repeat(size / 4));
    assert!(parse_feed("worst", &url, attributes.as_bytes(), None, Utc::now()).is_err());
}
