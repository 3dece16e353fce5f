//! RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 documents, read from the forgiving tree of `xml`.
//! Entries are found wherever they are (`item` or `entry`, any case, any dialect), and each
//! field is looked for where any of the dialects puts it.

use url::Url;

use super::dates::parse_date;
use super::text::{fold_whitespace, html_to_text};
use super::xml::{self, Closed, Element, Ns};
use super::{Document, Entry, Media};

/// Atom, or an unprefixed element (which is Atom in an Atom document that forgot its
/// namespace, and RSS in RSS).
const CORE: &[Ns] = &[Ns::Core, Ns::Atom];

/// Link relations that name the article itself.
const ARTICLE_RELS: &[&str] = &["alternate"];

pub(super) fn read(text: &str, feed_url: &Url) -> Result<Document, String> {
    let document = xml::parse(text);
    let root = find(&document, &|e: &Element| {
        matches!(e.local.as_str(), "rss" | "rdf" | "feed" | "channel")
    })
    .or_else(|| find(&document, &is_entry).map(|_| &document))
    .ok_or("no RSS, RDF, Atom or JSON Feed root element")?;
    let channel = root.child(CORE, "channel").unwrap_or(root);
    let base = with_base(root, feed_url.clone());
    let base = with_base(channel, base);
    let feed_language = channel
        .child(CORE, "language")
        .or_else(|| channel.child(&[Ns::Dc], "language"))
        .map(|l| l.text())
        .or_else(|| root.attr("xml:lang").map(str::to_string));
    let mut entries = Vec::new();
    collect_entries(root, &base, &mut entries);
    Ok(Document {
        title: channel
            .child(CORE, "title")
            .map(|t| text_construct(t, root.local == "feed"))
            .filter(|t| !t.is_empty()),
        ttl_minutes: channel
            .child(CORE, "ttl")
            .and_then(|t| t.text().trim().parse().ok()),
        entries: entries
            .into_iter()
            .map(|(entry, base)| read_entry(entry, &base, feed_language.as_deref()))
            .collect(),
    })
}

fn is_entry(element: &Element) -> bool {
    (element.local == "item" || element.local == "entry") && CORE.contains(&element.ns)
}

/// The first element, depth first, that `wanted` accepts.
fn find<'a>(element: &'a Element, wanted: &dyn Fn(&Element) -> bool) -> Option<&'a Element> {
    element.elements().find_map(|child| {
        if wanted(child) {
            Some(child)
        } else {
            find(child, wanted)
        }
    })
}

/// Every entry below `element` with the base URL its links resolve against.
fn collect_entries<'a>(element: &'a Element, base: &Url, out: &mut Vec<(&'a Element, Url)>) {
    for child in element.elements() {
        let base = with_base(child, base.clone());
        if is_entry(child) {
            out.push((child, base));
        } else {
            collect_entries(child, &base, out);
        }
    }
}

/// `base` moved by the element's `xml:base`, if it has a usable one.
fn with_base(element: &Element, base: Url) -> Url {
    element
        .attr("xml:base")
        .and_then(|b| base.join(b.trim()).ok())
        .unwrap_or(base)
}

fn read_entry(entry: &Element, base: &Url, feed_language: Option<&str>) -> Entry {
    let atom = entry.local == "entry";
    Entry {
        link: article_link(entry, base),
        guid: guid(entry),
        title: entry
            .child(CORE, "title")
            .or_else(|| entry.child(&[Ns::Dc], "title"))
            .map(|t| text_construct(t, atom))
            .filter(|t| !t.is_empty()),
        summary: entry
            .child(CORE, "description")
            .or_else(|| entry.child(CORE, "summary"))
            .or_else(|| entry.child(&[Ns::Dc], "description"))
            .map(|t| text_construct(t, atom))
            .filter(|t| !t.is_empty()),
        published_at: first_date(entry, PUBLISHED),
        updated_at: first_date(entry, UPDATED),
        categories: categories(entry),
        authors: authors(entry),
        media: media(entry, base),
        language: entry
            .attr("xml:lang")
            .map(str::to_string)
            .or_else(|| entry.child(&[Ns::Dc], "language").map(|l| l.text()))
            .or_else(|| feed_language.map(str::to_string))
            .map(|l| l.trim().to_ascii_lowercase())
            .filter(|l| !l.is_empty()),
        truncated: entry.closed == Closed::Eof,
    }
}

/// A title or summary as text. Atom's `type="text"` (its default) is plain text; anything else
/// (RSS, Atom `html` and `xhtml`, or a type nobody knows) may hold HTML, escaped or not.
fn text_construct(element: &Element, atom: bool) -> String {
    let kind = element.attr("type").map(str::to_ascii_lowercase);
    let plain = atom
        && element.attr("mode") != Some("escaped")
        && matches!(kind.as_deref(), None | Some("text" | "text/plain"))
        && element.elements().next().is_none();
    if plain {
        fold_whitespace(&element.text())
    } else {
        html_to_text(&element.inner_markup())
    }
}

/// A link element: RSS's text `<link>`, or Atom's `<link rel href>` (in either dialect).
struct Link<'a> {
    href: String,
    rel: String,
    element: &'a Element,
}

fn links(entry: &Element) -> impl Iterator<Item = Link<'_>> {
    entry
        .elements()
        .filter(|e| e.local == "link" && CORE.contains(&e.ns))
        .filter_map(|element| {
            let href = match element.attr("href") {
                Some(href) => href.trim().to_string(),
                None => element.text().trim().to_string(),
            };
            let rel = element
                .attr("rel")
                .map_or("alternate".to_string(), |r| r.trim().to_ascii_lowercase());
            (!href.is_empty()).then_some(Link { href, rel, element })
        })
}

/// The article's URL: an alternate link; else a GUID that is a permalink (RSS 2.0 says a
/// GUID is one unless `isPermaLink="false"`; only a URL is taken for it then); else RSS 1.0's
/// `rdf:about`, or the `href` of a CDF `<item>`. License, enclosure, self, related, via and
/// comments links never are.
fn article_link(entry: &Element, base: &Url) -> Option<Url> {
    let alternate = links(entry)
        .filter(|l| ARTICLE_RELS.contains(&l.rel.as_str()))
        .find_map(|l| with_base(l.element, base.clone()).join(&l.href).ok());
    alternate
        .or_else(|| {
            let guid = entry.child(&[Ns::Core], "guid")?;
            let text = guid.text();
            match guid
                .attr("ispermalink")
                .map(|p| p.trim().to_ascii_lowercase())
            {
                Some(p) if p == "true" => base.join(text.trim()).ok(),
                None => absolute_http(&text),
                Some(_) => None,
            }
        })
        .or_else(|| absolute_http(about(entry)?))
        .or_else(|| base.join(entry.attr("href")?.trim()).ok())
}

fn about(entry: &Element) -> Option<&str> {
    entry.attr("rdf:about").or_else(|| entry.attr("about"))
}

fn absolute_http(text: &str) -> Option<Url> {
    Url::parse(text.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

fn guid(entry: &Element) -> Option<String> {
    entry
        .child(&[Ns::Core], "guid")
        .or_else(|| entry.child(CORE, "id"))
        .map(|g| g.text().trim().to_string())
        .filter(|g| !g.is_empty())
        .or_else(|| about(entry).map(|a| a.trim().to_string()))
        .filter(|g| !g.is_empty())
}

/// Where each dialect puts an entry's dates, most specific first.
const PUBLISHED: &[(Ns, &str)] = &[
    (Ns::Core, "pubdate"),
    (Ns::Atom, "published"),
    (Ns::Core, "published"),
    (Ns::Dc, "date"),
    (Ns::DcTerms, "issued"),
    (Ns::DcTerms, "created"),
    (Ns::DcTerms, "date"),
    (Ns::Atom, "issued"),
    (Ns::Core, "issued"),
    (Ns::Atom, "created"),
    (Ns::Core, "created"),
];

const UPDATED: &[(Ns, &str)] = &[
    (Ns::Atom, "updated"),
    (Ns::Core, "updated"),
    (Ns::DcTerms, "modified"),
    (Ns::Atom, "modified"),
    (Ns::Core, "modified"),
];

fn first_date(entry: &Element, fields: &[(Ns, &str)]) -> Option<chrono::DateTime<chrono::Utc>> {
    fields.iter().find_map(|(ns, local)| {
        entry
            .elements()
            .filter(|e| e.ns == *ns && e.local == *local)
            .find_map(|e| parse_date(&e.text()))
    })
}

fn categories(entry: &Element) -> Vec<String> {
    entry
        .elements()
        .filter_map(|e| match (e.ns, e.local.as_str()) {
            (Ns::Core | Ns::Atom, "category") => Some(
                e.attr("label")
                    .or_else(|| e.attr("term"))
                    .map_or_else(|| e.text(), str::to_string),
            ),
            (Ns::Dc, "subject") => Some(e.text()),
            _ => None,
        })
        .map(|c| html_to_text(&c))
        .filter(|c| !c.is_empty())
        .collect()
}

fn authors(entry: &Element) -> Vec<String> {
    entry
        .elements()
        .filter_map(|e| match (e.ns, e.local.as_str()) {
            // Atom's person construct, or RSS's `jane@example.org (Jane Roe)`.
            (Ns::Core | Ns::Atom, "author") => Some(match e.child(CORE, "name") {
                Some(name) => name.text(),
                None => person_name(&e.text()),
            }),
            (Ns::Dc, "creator") => Some(e.text()),
            _ => None,
        })
        .map(|name| fold_whitespace(&name))
        .filter(|name| !name.is_empty())
        .collect()
}

fn person_name(text: &str) -> String {
    let text = text.trim();
    match text.split_once('(') {
        Some((email, name)) if email.contains('@') => name.trim_end_matches(')').to_string(),
        _ => text.to_string(),
    }
}

/// MediaRSS content (also inside `media:group`), RSS enclosures and Atom enclosure links.
fn media(entry: &Element, base: &Url) -> Vec<Media> {
    let media_title = |e: &Element| {
        e.child(&[Ns::Media], "title")
            .map(|t| html_to_text(&t.text()))
    };
    let mut found = Vec::new();
    let mut media_content = |e: &Element, group_title: Option<String>| {
        if let Some(url) = e.attr("url").and_then(|u| base.join(u.trim()).ok()) {
            found.push(Media {
                url: url.to_string(),
                mime_type: e.attr("type").map(str::to_string),
                title: media_title(e).or(group_title),
            });
        }
    };
    let entry_title = media_title(entry);
    for child in entry.elements().filter(|e| e.ns == Ns::Media) {
        match child.local.as_str() {
            "content" => media_content(child, entry_title.clone()),
            "group" => {
                let title = media_title(child).or(entry_title.clone());
                for content in child
                    .elements()
                    .filter(|e| e.ns == Ns::Media && e.local == "content")
                {
                    media_content(content, title.clone());
                }
            }
            _ => {}
        }
    }
    let enclosures = entry
        .elements()
        .filter(|e| e.local == "enclosure" && e.ns == Ns::Core)
        .filter_map(|e| {
            Some(Media {
                url: base.join(e.attr("url")?.trim()).ok()?.to_string(),
                mime_type: e.attr("type").map(str::to_string),
                title: None,
            })
        });
    let enclosure_links = links(entry)
        .filter(|l| l.rel == "enclosure")
        .filter_map(|l| {
            Some(Media {
                url: with_base(l.element, base.clone())
                    .join(&l.href)
                    .ok()?
                    .to_string(),
                mime_type: l.element.attr("type").map(str::to_string),
                title: l.element.attr("title").map(str::to_string),
            })
        });
    found.extend(enclosures);
    found.extend(enclosure_links);
    found
}
