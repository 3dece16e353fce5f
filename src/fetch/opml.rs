//! OPML subscription lists (what feed readers export) to `[[feeds]]` TOML.

use std::collections::HashSet;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::LocalName;

/// One subscription of an OPML file.
#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    pub title: Option<String>,
    pub url: String,
    /// Titles of the folders (outlines without a feed URL) it sits in.
    pub folders: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("not a readable OPML document: {message} (near byte {position})")]
pub struct OpmlError {
    pub message: String,
    pub position: u64,
}

/// Every `<outline xmlUrl="…">` of an OPML document, in document order.
pub fn subscriptions(opml: &str) -> Result<Vec<Subscription>, OpmlError> {
    let mut reader = quick_xml::Reader::from_str(opml);
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut found = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| OpmlError {
            message: e.to_string(),
            position: reader.buffer_position(),
        })?;
        match event {
            Event::Start(outline) if is_outline(outline.local_name()) => {
                let (title, url) = outline_attributes(&outline);
                match url {
                    Some(url) => {
                        found.push(subscription(title, url, &folders));
                        folders.push(None);
                    }
                    None => folders.push(title),
                }
            }
            Event::Empty(outline) if is_outline(outline.local_name()) => {
                if let (title, Some(url)) = outline_attributes(&outline) {
                    found.push(subscription(title, url, &folders));
                }
            }
            Event::End(end) if is_outline(end.local_name()) => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(found)
}

fn is_outline(name: LocalName) -> bool {
    name.into_inner() == "outline"
}

fn subscription(title: Option<String>, url: String, folders: &[Option<String>]) -> Subscription {
    Subscription {
        title,
        url,
        folders: folders.iter().flatten().cloned().collect(),
    }
}

/// `(title or text, xmlUrl)` of an outline; unreadable attributes are skipped.
fn outline_attributes(outline: &BytesStart) -> (Option<String>, Option<String>) {
    let (mut title, mut text, mut url) = (None, None, None);
    for attribute in outline.attributes().flatten() {
        let Ok(value) = attribute.normalized_value(XmlVersion::Implicit1_0) else {
            continue;
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            continue;
        }
        match attribute.key.local_name().into_inner() {
            "title" => title = Some(value),
            "text" => text = Some(value),
            "xmlUrl" | "xmlurl" => url = Some(value),
            _ => {}
        }
    }
    (title.or(text), url)
}

/// The subscriptions as `[[feeds]]` tables, with ids made from titles (unique, valid).
pub fn to_feeds_toml(subscriptions: &[Subscription]) -> String {
    let mut used = HashSet::new();
    let mut out = String::new();
    for subscription in subscriptions {
        let base = feed_id(subscription);
        let mut id = base.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
        if let Some(title) = &subscription.title {
            out.push_str(&format!("# {}\n", title.replace('\n', " ")));
        }
        out.push_str(&format!(
            "[[feeds]]\nid = {}\nurl = {}\n",
            quoted(&id),
            quoted(&subscription.url)
        ));
        if !subscription.folders.is_empty() {
            let tags: Vec<String> = subscription.folders.iter().map(|f| quoted(f)).collect();
            out.push_str(&format!("tags = [{}]\n", tags.join(", ")));
        }
        out.push('\n');
    }
    out
}

/// A feed id (letters, digits, `-`) from the title, else from the URL's host and path.
fn feed_id(subscription: &Subscription) -> String {
    let slug = |s: &str| {
        let mut slug = String::new();
        for c in s.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') {
                slug.push('-');
            }
        }
        slug.trim_matches('-').chars().take(48).collect::<String>()
    };
    let from_title = subscription.title.as_deref().map(slug).unwrap_or_default();
    if !from_title.is_empty() {
        return from_title.trim_end_matches('-').to_string();
    }
    let without_scheme = subscription
        .url
        .split_once("://")
        .map_or(subscription.url.as_str(), |(_, rest)| rest);
    let from_url = slug(without_scheme);
    if from_url.is_empty() {
        "feed".into()
    } else {
        from_url.trim_end_matches('-').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
  <outline text="World">
    <outline type="rss" text="BBC World" title="BBC News - World" xmlUrl="https://feeds.example/bbc/world.xml"/>
    <outline type="rss" text="Новая газета" xmlUrl="https://novayagazeta.example/feed/rss?lang=ru&amp;x=1"/>
  </outline>
  <outline type="rss" text="BBC News - World" xmlUrl="https://feeds.example/bbc/world-2.xml"></outline>
  <outline text="Not a feed" htmlUrl="https://example.org/"/>
</body></opml>"#;

    #[test]
    fn outlines_with_feed_urls_become_subscriptions_with_their_folders() {
        let found = subscriptions(OPML).expect("parses");
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].title.as_deref(), Some("BBC News - World"));
        assert_eq!(found[0].folders, vec!["World"]);
        assert_eq!(
            found[1].url,
            "https://novayagazeta.example/feed/rss?lang=ru&x=1"
        );
        assert!(found[2].folders.is_empty());
    }

    #[test]
    fn toml_output_is_a_valid_config_with_unique_ids() {
        let toml = to_feeds_toml(&subscriptions(OPML).expect("parses"));
        assert!(toml.contains("id = \"bbc-news-world\""), "{toml}");
        assert!(toml.contains("id = \"bbc-news-world-2\""), "{toml}");
        assert!(
            toml.contains("id = \"novayagazeta-example-feed-rss-lang-ru-x-1\""),
            "{toml}"
        );
        assert!(toml.contains("tags = [\"World\"]"), "{toml}");
        let config = crate::config::Config::parse(&toml, std::path::Path::new("opml.toml"))
            .expect("the output is a valid config");
        assert_eq!(config.feeds.len(), 3);
    }

    #[test]
    fn broken_opml_is_an_error() {
        assert!(subscriptions("<opml><body><outline text=\"x\"></body>").is_err());
    }
}
