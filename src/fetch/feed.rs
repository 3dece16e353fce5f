//! Feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed) to `FeedItem`s, via feed-rs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use super::url::{canonicalize, stable_id};

/// The feed an item came from, as records name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedRef {
    pub id: String,
    pub url: String,
    pub title: Option<String>,
}

/// An enclosure or media:content of an entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Media {
    pub url: String,
    pub mime_type: Option<String>,
    pub title: Option<String>,
}

/// One feed entry, as the feed describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    /// Item id: the article id of the canonical link when there is one, so the same article in
    /// two feeds, or in a feed that rewrites its GUIDs, is one item; else the GUID; else a hash
    /// of title and date.
    pub id: String,
    pub feed: FeedRef,
    pub guid: Option<String>,
    pub link: Option<String>,
    pub canonical_url: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub categories: Vec<String>,
    pub authors: Vec<String>,
    pub media: Vec<Media>,
    pub language: Option<String>,
    pub discovered_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
#[error("feed {url} could not be parsed: {message}")]
pub struct FeedParseError {
    pub url: String,
    pub message: String,
}

/// A parsed feed: its title and entries.
pub struct ParsedFeed {
    pub title: Option<String>,
    pub ttl_minutes: Option<u32>,
    pub items: Vec<FeedItem>,
}

/// Parses a feed document fetched from `url` (after redirects: relative links resolve against it).
pub fn parse_feed(
    feed_id: &str,
    url: &Url,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<ParsedFeed, FeedParseError> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(url.as_str()))
        // An empty id marks an entry without a GUID; we derive identity ourselves.
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser.parse(bytes).map_err(|e| FeedParseError {
        url: url.to_string(),
        message: e.to_string(),
    })?;
    let title = feed.title.as_ref().map(|t| clean(&t.content));
    let feed_ref = FeedRef {
        id: feed_id.to_string(),
        url: url.to_string(),
        title: title.clone(),
    };
    let items = feed
        .entries
        .into_iter()
        .filter_map(|entry| item_from_entry(entry, &feed_ref, feed.language.as_deref(), url, now))
        .collect();
    Ok(ParsedFeed {
        title,
        ttl_minutes: feed.ttl,
        items,
    })
}

fn item_from_entry(
    entry: feed_rs::model::Entry,
    feed: &FeedRef,
    feed_language: Option<&str>,
    feed_url: &Url,
    now: DateTime<Utc>,
) -> Option<FeedItem> {
    // The article link: rel=alternate (or no rel) first, as Atom defines it.
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .and_then(|l| resolve(&l.href, entry.base.as_deref(), feed_url));
    let canonical = link.as_ref().map(canonicalize);
    let guid = Some(entry.id.trim().to_string()).filter(|g| !g.is_empty());
    let title = entry
        .title
        .as_ref()
        .map(|t| clean(&t.content))
        .filter(|t| !t.is_empty());
    let published_at = entry.published.or(entry.updated);
    let id = if let Some(canonical) = &canonical {
        stable_id(canonical.as_str())
    } else if let Some(guid) = &guid {
        stable_id(&format!("guid:{}:{guid}", feed.id))
    } else {
        // Nothing identifies it but what it says; an empty entry is not an item.
        let title = title.as_deref()?;
        let date = published_at.map(|d| d.to_rfc3339()).unwrap_or_default();
        stable_id(&format!("title:{}:{title}:{date}", feed.id))
    };
    let media = entry
        .media
        .iter()
        .flat_map(|m| {
            let title = m.title.as_ref().map(|t| clean(&t.content));
            m.content.iter().filter_map(move |c| {
                Some(Media {
                    url: c.url.as_ref()?.to_string(),
                    mime_type: c.content_type.as_ref().map(|t| t.to_string()),
                    title: title.clone(),
                })
            })
        })
        .chain(
            entry
                .links
                .iter()
                .filter(|l| l.rel.as_deref() == Some("enclosure"))
                .filter_map(|l| {
                    Some(Media {
                        url: resolve(&l.href, entry.base.as_deref(), feed_url)?.to_string(),
                        mime_type: l.media_type.clone(),
                        title: l.title.clone(),
                    })
                }),
        )
        .collect();
    Some(FeedItem {
        id,
        feed: feed.clone(),
        guid,
        link: link.map(|l| l.to_string()),
        canonical_url: canonical.map(|c| c.to_string()),
        title,
        summary: entry
            .summary
            .as_ref()
            .map(|s| clean(&s.content))
            .filter(|s| !s.is_empty()),
        published_at,
        updated_at: entry.updated,
        categories: entry
            .categories
            .iter()
            .map(|c| clean(c.label.as_deref().unwrap_or(&c.term)))
            .filter(|c| !c.is_empty())
            .collect(),
        authors: entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().map(clean))
            .filter(|n| !n.is_empty())
            .collect(),
        media,
        language: entry
            .language
            .as_deref()
            .or(feed_language)
            .map(|l| l.to_ascii_lowercase()),
        discovered_at: now,
    })
}

/// An entry link made absolute against the entry's xml:base, else the feed's URL.
fn resolve(href: &str, entry_base: Option<&str>, feed_url: &Url) -> Option<Url> {
    let base = entry_base
        .and_then(|b| feed_url.join(b).ok())
        .unwrap_or_else(|| feed_url.clone());
    base.join(href.trim()).ok()
}

/// Feed text with markup tags removed and whitespace folded.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-08-27T12:00:00Z")
            .expect("date")
            .with_timezone(&Utc)
    }

    #[test]
    fn rss_items_resolve_relative_links_and_strip_tracking() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
            <item><title>One</title><link>/news/1?utm_source=rss</link><guid>g1</guid>
              <pubDate>Wed, 27 Aug 2025 09:00:00 GMT</pubDate><category>Politics</category></item>
            <item><title>No link</title><guid isPermaLink="false">g2</guid></item>
            <item><description>nothing identifies me</description></item>
            </channel></rss>"#;
        let url = Url::parse("https://example.org/feeds/rss.xml").expect("url");
        let feed = parse_feed("desk", &url, rss, now()).expect("parses");
        assert_eq!(feed.title.as_deref(), Some("Desk"));
        assert_eq!(feed.items.len(), 2);
        let one = &feed.items[0];
        assert_eq!(
            one.link.as_deref(),
            Some("https://example.org/news/1?utm_source=rss")
        );
        assert_eq!(
            one.canonical_url.as_deref(),
            Some("https://example.org/news/1")
        );
        assert_eq!(one.id, stable_id("https://example.org/news/1"));
        assert_eq!(one.categories, vec!["Politics"]);
        assert_eq!(
            one.published_at.map(|d| d.to_rfc3339()).as_deref(),
            Some("2025-08-27T09:00:00+00:00")
        );
        assert_eq!(feed.items[1].guid.as_deref(), Some("g2"));
        assert_eq!(feed.items[1].link, None);
    }

    #[test]
    fn atom_entries_parse() {
        let atom = br#"<?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title><id>urn:x</id>
            <updated>2025-08-27T10:00:00Z</updated>
            <entry><title>A</title><id>urn:a</id><link rel="alternate" href="https://example.org/a"/>
              <updated>2025-08-27T10:00:00Z</updated><author><name>Jane Roe</name></author></entry>
            </feed>"#;
        let url = Url::parse("https://example.org/atom").expect("url");
        let feed = parse_feed("atom", &url, atom, now()).expect("parses");
        assert_eq!(feed.items.len(), 1);
        assert_eq!(feed.items[0].authors, vec!["Jane Roe"]);
        assert_eq!(feed.items[0].guid.as_deref(), Some("urn:a"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let url = Url::parse("https://example.org/feed").expect("url");
        let err = parse_feed("x", &url, b"\x00\x01 not a feed <<<", now());
        assert!(err.is_err());
    }
}
