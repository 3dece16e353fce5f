//! Feed documents (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed) to `FeedItem`s.

mod dates;
mod decode;
mod json;
mod rss_atom;
mod text;
mod xml;

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
    /// Why a feed that parsed gave no items: a health warning, not a failure.
    pub warning: Option<String>,
}

/// What a feed document says, whatever its format.
struct Document {
    title: Option<String>,
    ttl_minutes: Option<u32>,
    entries: Vec<Entry>,
}

/// One entry as the document has it, before it has an identity.
struct Entry {
    link: Option<Url>,
    guid: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    published_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
    categories: Vec<String>,
    authors: Vec<String>,
    media: Vec<Media>,
    language: Option<String>,
    /// The document ended inside it (the field it ended in is dropped).
    truncated: bool,
}

/// Parses a feed document fetched from `url` (after redirects: relative links resolve against
/// it), as leniently as feedparser: broken markup costs the entries it breaks, not the feed.
/// It fails only on what is not a feed at all, or a document cut short inside its only entries.
pub fn parse_feed(
    feed_id: &str,
    url: &Url,
    bytes: &[u8],
    content_type: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ParsedFeed, FeedParseError> {
    let error = |message: String| FeedParseError {
        url: url.to_string(),
        message,
    };
    let text = decode::to_text(bytes, content_type);
    let document = match text.trim_start().chars().next() {
        None => return Err(error("empty document".into())),
        Some('{') => json::read(&text, url),
        Some(_) => rss_atom::read(&text, url),
    }
    .map_err(error)?;
    let feed_ref = FeedRef {
        id: feed_id.to_string(),
        url: url.to_string(),
        title: document.title.clone(),
    };
    let found = document.entries.len();
    let truncated = document.entries.iter().any(|e| e.truncated);
    let items: Vec<FeedItem> = document
        .entries
        .into_iter()
        .filter_map(|entry| entry.into_item(&feed_ref, now))
        .collect();
    if items.is_empty() && truncated {
        return Err(error(
            "the document ends inside its entry: cut short".into(),
        ));
    }
    let warning = match (items.len(), found) {
        (0, 0) => Some("the feed lists no entries".to_string()),
        (0, found) => Some(format!(
            "none of the feed's {found} entries has a link, GUID or title"
        )),
        _ => None,
    };
    Ok(ParsedFeed {
        title: document.title,
        ttl_minutes: document.ttl_minutes,
        items,
        warning,
    })
}

/// What identifies a linked entry: its canonical link, except that a local file a local feed
/// links to is named by its path from the feed, so a feed copied or checked out elsewhere keeps
/// its items' ids.
fn identity(canonical: &Url, feed_url: &str) -> String {
    let local_feed = Url::parse(feed_url).ok().filter(|f| f.scheme() == "file");
    match local_feed {
        Some(feed) if canonical.scheme() == "file" => match feed.make_relative(canonical) {
            Some(relative) => format!("local:{relative}"),
            None => canonical.to_string(),
        },
        _ => canonical.to_string(),
    }
}

impl Entry {
    fn into_item(self, feed: &FeedRef, now: DateTime<Utc>) -> Option<FeedItem> {
        let canonical = self.link.as_ref().map(canonicalize);
        let published_at = self.published_at.or(self.updated_at);
        let id = if let Some(canonical) = &canonical {
            stable_id(&identity(canonical, &feed.url))
        } else if let Some(guid) = &self.guid {
            stable_id(&format!("guid:{}:{guid}", feed.id))
        } else {
            // Nothing identifies it but what it says; an entry without a title is not an item.
            let title = self.title.as_deref()?;
            let date = published_at.map(|d| d.to_rfc3339()).unwrap_or_default();
            stable_id(&format!("title:{}:{title}:{date}", feed.id))
        };
        Some(FeedItem {
            id,
            feed: feed.clone(),
            guid: self.guid,
            link: self.link.map(|l| l.to_string()),
            canonical_url: canonical.map(|c| c.to_string()),
            title: self.title,
            summary: self.summary,
            published_at,
            updated_at: self.updated_at.or(self.published_at),
            categories: self.categories,
            authors: self.authors,
            media: self.media,
            language: self.language,
            discovered_at: now,
        })
    }
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
        let feed = parse_feed("desk", &url, rss, None, now()).expect("parses");
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
        let feed = parse_feed("atom", &url, atom, None, now()).expect("parses");
        assert_eq!(feed.items.len(), 1);
        assert_eq!(feed.items[0].authors, vec!["Jane Roe"]);
        assert_eq!(feed.items[0].guid.as_deref(), Some("urn:a"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let url = Url::parse("https://example.org/feed").expect("url");
        let err = parse_feed("x", &url, b"\x00\x01 not a feed <<<", None, now());
        assert!(err.is_err());
    }

    /// A Russian RSS document in `encoding`, declaring `declared` in its prolog.
    fn russian_rss(encoding: &'static encoding_rs::Encoding, declared: &str) -> Vec<u8> {
        let text = russian_rss_text(declared);
        let (bytes, _, _) = encoding.encode(&text);
        bytes.into_owned()
    }

    fn russian_rss_text(encoding: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<rss version=\"2.0\"><channel><title>Новости</title>\
             <item><title>Заседание правительства</title><link>https://news.example/ru/1</link></item></channel></rss>"
        )
    }

    #[test]
    fn windows_1251_feed_declared_in_the_prolog_is_decoded() {
        let bytes = russian_rss(encoding_rs::WINDOWS_1251, "windows-1251");
        let url = Url::parse("https://news.example/rss").expect("url");
        let feed =
            parse_feed("ru", &url, &bytes, Some("application/rss+xml"), now()).expect("parses");
        assert_eq!(feed.title.as_deref(), Some("Новости"));
        assert_eq!(
            feed.items[0].title.as_deref(),
            Some("Заседание правительства")
        );
    }

    #[test]
    fn koi8_r_feed_is_decoded_from_the_prolog_or_the_content_type() {
        let url = Url::parse("https://news.example/rss").expect("url");
        let bytes = russian_rss(encoding_rs::KOI8_R, "KOI8-R");
        let feed = parse_feed("ru", &url, &bytes, None, now()).expect("parses");
        assert_eq!(
            feed.items[0].title.as_deref(),
            Some("Заседание правительства")
        );
        // The header names the charset, the prolog lies (says UTF-8): the header wins.
        let bytes = russian_rss(encoding_rs::KOI8_R, "UTF-8");
        let feed = parse_feed("ru", &url, &bytes, Some("text/xml; charset=koi8-r"), now())
            .expect("parses");
        assert_eq!(feed.title.as_deref(), Some("Новости"));
    }

    #[test]
    fn malformed_xml_is_repaired_once() {
        let broken = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Arts & Culture\u{0B}</title>\
            <item><title>Q&A: a \u{01}director &amp; her film &#8212; &copy;</title><link>https://news.example/a?x=1&y=2</link></item>\
            </channel></rss>";
        let url = Url::parse("https://news.example/rss").expect("url");
        let feed = parse_feed("arts", &url, broken.as_bytes(), None, now()).expect("repaired");
        assert_eq!(feed.title.as_deref(), Some("Arts & Culture"));
        assert_eq!(feed.items.len(), 1);
        assert_eq!(
            feed.items[0].link.as_deref(),
            Some("https://news.example/a?x=1&y=2")
        );
        assert!(
            feed.items[0]
                .title
                .as_deref()
                .is_some_and(|t| t.starts_with("Q&A: a director & her film")),
            "{:?}",
            feed.items[0].title
        );
    }

    #[test]
    fn rewritten_guids_and_dates_keep_the_item_id() {
        let url = Url::parse("https://news.example/rss").expect("url");
        let poll = |guid: &str, date: &str| {
            let rss = format!(
                "<rss version=\"2.0\"><channel><title>Churn</title><item><title>Story</title>\
                 <link>https://news.example/story?utm_source=rss&amp;utm_medium={guid}</link>\
                 <guid>{guid}</guid><pubDate>{date}</pubDate></item></channel></rss>"
            );
            parse_feed("churn", &url, rss.as_bytes(), None, now())
                .expect("parses")
                .items[0]
                .id
                .clone()
        };
        assert_eq!(
            poll("g-1", "Wed, 27 Aug 2025 09:00:00 GMT"),
            poll("g-2", "Wed, 27 Aug 2025 11:00:00 GMT")
        );
    }

    #[test]
    fn the_same_article_in_two_feeds_is_one_item() {
        let rss = br#"<rss version="2.0"><channel><title>World</title><item><title>Talks</title><link>https://News.Example/world/talks?utm_campaign=world#top</link><guid>world-1</guid></item></channel></rss>"#;
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Europe</title><id>urn:e</id><updated>2025-08-27T10:00:00Z</updated><entry><title>Talks resume</title><id>urn:europe:9</id><link href="https://news.example/world/talks?fbclid=abc"/><updated>2025-08-27T10:00:00Z</updated></entry></feed>"#;
        let world = parse_feed(
            "world",
            &Url::parse("https://news.example/world.rss").expect("url"),
            rss,
            None,
            now(),
        )
        .expect("rss");
        let europe = parse_feed(
            "europe",
            &Url::parse("https://news.example/europe.atom").expect("url"),
            atom,
            None,
            now(),
        )
        .expect("atom");
        assert_eq!(world.items[0].id, europe.items[0].id);
    }

    #[test]
    fn a_local_feeds_items_keep_their_ids_wherever_it_lies() {
        let now = Utc::now();
        let ids: Vec<String> = ["/home/a/checkout", "/srv/b"]
            .iter()
            .map(|root| {
                let feed_url = Url::parse(&format!("file://{root}/demo/feed.xml")).expect("url");
                let xml = format!(
                    "<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><link>file://{root}/demo/pages/x.html</link></item></channel></rss>"
                );
                let parsed = parse_feed("demo", &feed_url, xml.as_bytes(), None, now).expect("parse");
                parsed.items[0].id.clone()
            })
            .collect();
        assert_eq!(ids[0], ids[1]);
        assert_eq!(ids[0], stable_id("local:pages/x.html"));
    }
}
