//! JSON Feed 1.0 and 1.1, read field by field so that one odd field (a numeric `id`, a missing
//! `version`, `author` as a string) costs that field, not the feed.

use serde_json::Value;
use url::Url;

use super::dates::parse_date;
use super::text::{fold_whitespace, html_to_text};
use super::{Document, Entry, Media};

pub(super) fn read(text: &str, feed_url: &Url) -> Result<Document, String> {
    let feed: Value = serde_json::from_str(text).map_err(|e| format!("not a JSON Feed: {e}"))?;
    let feed = feed.as_object().ok_or("not a JSON Feed: not an object")?;
    let language = string(feed.get("language"));
    let items = match feed.get("items") {
        Some(Value::Array(items)) => items.as_slice(),
        Some(_) => &[],
        None if feed.contains_key("version") || feed.contains_key("title") => &[],
        None => return Err("not a JSON Feed: no items".into()),
    };
    Ok(Document {
        title: string(feed.get("title")).map(|t| fold_whitespace(&t)),
        ttl_minutes: None,
        entries: items
            .iter()
            .filter_map(Value::as_object)
            .map(|item| read_item(item, feed_url, language.as_deref()))
            .collect(),
    })
}

/// A string, or a number written where a string belongs.
fn string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

fn read_item(
    item: &serde_json::Map<String, Value>,
    feed_url: &Url,
    feed_language: Option<&str>,
) -> Entry {
    let resolve = |value: Option<&Value>| feed_url.join(value?.as_str()?.trim()).ok();
    let authors = match (item.get("authors"), item.get("author")) {
        (Some(Value::Array(authors)), _) => authors.iter().collect(),
        (_, Some(author)) => vec![author],
        _ => Vec::new(),
    };
    Entry {
        link: resolve(item.get("url")).or_else(|| resolve(item.get("external_url"))),
        guid: string(item.get("id")),
        title: string(item.get("title")).map(|t| html_to_text(&t)),
        summary: string(item.get("summary"))
            .map(|s| html_to_text(&s))
            .filter(|s| !s.is_empty()),
        published_at: string(item.get("date_published")).and_then(|d| parse_date(&d)),
        updated_at: string(item.get("date_modified")).and_then(|d| parse_date(&d)),
        categories: match item.get("tags") {
            Some(Value::Array(tags)) => tags.iter().filter_map(|t| string(Some(t))).collect(),
            _ => Vec::new(),
        },
        authors: authors
            .into_iter()
            .filter_map(|a| match a {
                Value::Object(person) => string(person.get("name")),
                other => string(Some(other)),
            })
            .collect(),
        media: match item.get("attachments") {
            Some(Value::Array(attachments)) => attachments
                .iter()
                .filter_map(|a| {
                    Some(Media {
                        url: resolve(a.get("url"))?.to_string(),
                        mime_type: string(a.get("mime_type")),
                        title: string(a.get("title")),
                    })
                })
                .collect(),
            _ => Vec::new(),
        },
        language: string(item.get("language"))
            .or_else(|| feed_language.map(str::to_string))
            .map(|l| l.to_ascii_lowercase()),
        truncated: false,
    }
}
