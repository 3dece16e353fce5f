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

/// Parses a feed document fetched from `url` (after redirects: relative links resolve against
/// it). The bytes are decoded to UTF-8 first (whatever the Content-Type or the XML prolog
/// declares); a document that does not parse is repaired (stray control characters, bare `&`)
/// and parsed once more.
pub fn parse_feed(
    feed_id: &str,
    url: &Url,
    bytes: &[u8],
    content_type: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ParsedFeed, FeedParseError> {
    let text = to_utf8(bytes, content_type);
    let parse = |text: &str| {
        feed_rs::parser::Builder::new()
            .base_uri(Some(url.as_str()))
            // An empty id marks an entry without a GUID; we derive identity ourselves.
            .id_generator(|_, _, _| String::new())
            .build()
            .parse(text.as_bytes())
    };
    let feed = match parse(&text) {
        Ok(feed) => feed,
        Err(error) => {
            let repaired = repair_xml(&text);
            match (repaired != text).then(|| parse(&repaired)) {
                Some(Ok(feed)) => {
                    tracing::info!(feed = %feed_id, url = %url, error = %error, "malformed feed parsed after repair");
                    feed
                }
                _ => {
                    return Err(FeedParseError {
                        url: url.to_string(),
                        message: error.to_string(),
                    });
                }
            }
        }
    };
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

/// The document as UTF-8 text, its XML declaration rewritten to say so: feed-rs would otherwise
/// trust a `windows-1251` or `koi8-r` label on text that is no longer in it.
fn to_utf8(bytes: &[u8], content_type: Option<&str>) -> String {
    let text = super::charset::decode(bytes, content_type);
    let Some(rest) = text.trim_start().strip_prefix("<?xml") else {
        return text;
    };
    let Some(end) = rest.find("?>") else {
        return text;
    };
    let declaration = &rest[..end];
    let Some(at) = declaration.find("encoding") else {
        return text;
    };
    // `encoding = "label"` with either quote, spaces allowed around `=`.
    let after = declaration[at + "encoding".len()..].trim_start();
    let Some(value) = after.strip_prefix('=').map(str::trim_start) else {
        return text;
    };
    let Some(quote) = value.chars().next().filter(|q| *q == '"' || *q == '\'') else {
        return text;
    };
    let Some(len) = value[1..].find(quote) else {
        return text;
    };
    let label = &value[1..1 + len];
    let offset = text.len() - rest.len();
    let label_start = offset + (value.as_ptr() as usize - rest.as_ptr() as usize) + 1;
    let mut utf8 = String::with_capacity(text.len());
    utf8.push_str(&text[..label_start]);
    utf8.push_str("UTF-8");
    utf8.push_str(&text[label_start + label.len()..]);
    utf8
}

/// A lenient second chance for broken XML: characters XML 1.0 forbids are dropped and a `&`
/// that starts no reference is escaped, the two commonest faults of hand-made feeds.
fn repair_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (at, c) in text.char_indices() {
        match c {
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            '&' if !starts_reference(&text[at + 1..]) => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// `name;`, `#123;` or `#x1F;` follows.
fn starts_reference(rest: &str) -> bool {
    let Some(end) = rest.find(';').filter(|&end| end <= 32) else {
        return false;
    };
    let body = &rest[..end];
    if let Some(number) = body.strip_prefix('#') {
        match number.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
        }
    } else {
        body.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && body
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
    }
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
    fn repair_escapes_only_bare_ampersands() {
        assert_eq!(
            repair_xml("a & b &amp; &#38; &#x26; &lt;"),
            "a &amp; b &amp; &#38; &#x26; &lt;"
        );
        assert_eq!(repair_xml("x\u{0}y\u{1F}z\tw"), "xyz\tw");
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
}
