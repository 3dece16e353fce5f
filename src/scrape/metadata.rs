//! Page metadata: JSON-LD, OpenGraph / Twitter / Dublin Core `<meta>`, `<time>`, `rel=canonical`,
//! `<html lang>` and dates written in the URL path.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::Value;
use url::Url;

use super::dom::Dom;
use super::text::normalise_line;

/// Stops walking absurdly large JSON-LD documents.
const MAX_JSON_LD_VALUES: usize = 50_000;

/// What the page says about itself, before the body is looked at.
#[derive(Debug, Default)]
pub struct PageMetadata {
    pub canonical_url: Option<String>,
    /// Headline from structured data (JSON-LD headline, og:title, twitter:title).
    pub headline: Option<String>,
    /// The `<title>` element, usually with the site name appended.
    pub document_title: Option<String>,
    pub authors: Vec<String>,
    pub published_at: Option<DateTime<FixedOffset>>,
    pub updated_at: Option<DateTime<FixedOffset>>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    pub image_url: Option<String>,
    /// JSON-LD BreadcrumbList, in position order.
    pub breadcrumb: Vec<Crumb>,
    /// The article's text as JSON-LD gives it (`articleBody`, `text`), for pages whose
    /// markup holds no body.
    pub structured_body: Option<String>,
    /// The longest description the page gives (meta tags, JSON-LD of the article, web page
    /// or media object): the text of video, audio and product pages.
    pub longest_description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Crumb {
    pub name: String,
    pub url: Option<String>,
}

/// `<meta>` values keyed by lower-cased `property`, `name` or `itemprop`.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn read(dom: &Dom) -> Self {
        let mut tags = Vec::new();
        for (_, element) in dom.elements() {
            let value = match element.tag {
                "meta" => element.attr("content"),
                // Microdata dates live on any element: <time itemprop=datePublished datetime=…>.
                _ if element.attr("itemprop").is_some() => {
                    element.attr("content").or_else(|| element.attr("datetime"))
                }
                _ => None,
            };
            let Some(value) = value.map(str::trim).filter(|value| !value.is_empty()) else {
                continue;
            };
            for key_attribute in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(key) = element.attr(key_attribute) {
                    tags.push((key.trim().to_ascii_lowercase(), value.to_string()));
                }
            }
        }
        Self(tags)
    }

    /// The first value among `keys`, in order of the keys' preference.
    fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|key| {
            self.0
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value.as_str())
        })
    }

    fn all(&self, key: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }
}

/// The parts of JSON-LD the extractor uses.
#[derive(Debug, Default)]
struct JsonLd {
    article: Option<Value>,
    web_page: Option<Value>,
    /// The first video, audio, recipe or product object.
    media: Option<Value>,
    breadcrumb: Vec<Crumb>,
}

pub fn read_metadata(dom: &Dom, page_url: &Url) -> PageMetadata {
    let meta = MetaTags::read(dom);
    let json_ld = read_json_ld(dom);
    let article = json_ld.article.as_ref();
    let page = json_ld.web_page.as_ref();
    let ld_string = |key: &str| {
        [article, page]
            .into_iter()
            .flatten()
            .find_map(|object| json_string(object.get(key)?))
    };

    let canonical_url = canonical_link(dom)
        .or_else(|| meta.first(&["og:url"]).map(str::to_string))
        .or_else(|| article.and_then(|a| json_url(a.get("url")?)))
        .or_else(|| article.and_then(|a| json_url(a.get("mainEntityOfPage")?)))
        .and_then(|href| absolute_url(page_url, &href));

    let published_at = ld_string("datePublished")
        .and_then(|value| parse_datetime(&value))
        .or_else(|| {
            first_date(
                &meta,
                &[
                    "article:published_time",
                    "og:article:published_time",
                    "datepublished",
                    "article.published",
                    "og:published_time",
                    "published_time",
                    "pubdate",
                    "publishdate",
                    "publish-date",
                    "publication_date",
                    "date",
                    "dc.date.issued",
                    "dc.date",
                    "dcterms.issued",
                    "dcterms.created",
                    "sailthru.date",
                    "parsely-pub-date",
                    "citation_publication_date",
                    "datecreated",
                ],
            )
        })
        .or_else(|| first_time_element(dom))
        .or_else(|| date_in_url(page_url));
    let updated_at = ld_string("dateModified")
        .and_then(|value| parse_datetime(&value))
        .or_else(|| {
            first_date(
                &meta,
                &[
                    "article:modified_time",
                    "og:updated_time",
                    "datemodified",
                    "article.updated",
                    "last-modified",
                    "dcterms.modified",
                    "dc.date.modified",
                ],
            )
        });

    let language = dom
        .elements()
        .find(|(_, element)| element.tag == "html")
        .and_then(|(_, html)| html.attr("lang").or_else(|| html.attr("xml:lang")))
        .and_then(language_code)
        .or_else(|| ld_string("inLanguage").as_deref().and_then(language_code))
        .or_else(|| {
            meta.first(&["og:locale", "content-language", "language", "dc.language"])
                .and_then(language_code)
        });

    let site_name = meta
        .first(&["og:site_name"])
        .map(str::to_string)
        .or_else(|| {
            let publisher = article?.get("publisher")?;
            json_string(publisher.get("name").unwrap_or(publisher))
        })
        .or_else(|| meta.first(&["application-name"]).map(str::to_string))
        .map(|name| normalise_line(&name))
        .filter(|name| !name.is_empty());

    let headline = ld_string("headline")
        .or_else(|| {
            meta.first(&["og:title", "twitter:title"])
                .map(str::to_string)
        })
        .map(|headline| normalise_line(&headline))
        .filter(|headline| !headline.is_empty());
    let document_title = dom
        .elements()
        .find(|(_, element)| element.tag == "title")
        .map(|(index, _)| normalise_line(&dom.raw_text(index)))
        .filter(|title| !title.is_empty());
    let description = meta
        .first(&["og:description", "description", "twitter:description"])
        .map(str::to_string)
        .or_else(|| ld_string("description"))
        .map(|description| normalise_line(&description))
        .filter(|description| !description.is_empty());

    let structured_body = article
        .and_then(|a| json_string(a.get("articleBody").or_else(|| a.get("text"))?))
        .filter(|body| !body.trim().is_empty());
    let longest_description = ["og:description", "description", "twitter:description"]
        .iter()
        .flat_map(|key| meta.all(key).map(str::to_string))
        .chain(
            [article, page, json_ld.media.as_ref()]
                .into_iter()
                .flatten()
                .filter_map(|object| json_string(object.get("description")?)),
        )
        .map(|description| normalise_line(&description))
        .max_by_key(|description| description.chars().count())
        .filter(|description| !description.is_empty());

    let image_url = meta
        .first(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ])
        .map(str::to_string)
        .or_else(|| article.and_then(|a| json_url(a.get("image")?)))
        .or_else(|| ld_string("thumbnailUrl"))
        .and_then(|href| absolute_url(page_url, &href));

    let mut authors: Vec<String> = article
        .and_then(|a| a.get("author"))
        .map(json_names)
        .unwrap_or_default();
    if authors.is_empty() {
        let meta_authors = [
            "author",
            "article:author",
            "dc.creator",
            "citation_author",
            "parsely-author",
            "sailthru.author",
        ]
        .iter()
        .flat_map(|key| meta.all(key))
        .filter(|value| !value.contains("://") && !value.starts_with('/'))
        .map(str::to_string);
        authors.extend(meta_authors);
    }
    let mut seen = Vec::new();
    authors = authors
        .into_iter()
        .map(|author| strip_by_prefix(&normalise_line(&author)).to_string())
        .filter(|author| !author.is_empty() && author.chars().count() <= 100)
        .filter(|author| {
            let fresh = !seen.contains(author);
            seen.push(author.clone());
            fresh
        })
        .collect();

    PageMetadata {
        canonical_url,
        headline,
        document_title,
        authors,
        published_at,
        updated_at,
        language,
        description,
        site_name,
        image_url,
        breadcrumb: json_ld.breadcrumb,
        structured_body,
        longest_description,
    }
}

/// "By Jane Roe" → "Jane Roe": bylines copied into metadata keep their "By".
fn strip_by_prefix(author: &str) -> &str {
    match author.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("by ") => author[3..].trim_start(),
        _ => author,
    }
}

fn canonical_link(dom: &Dom) -> Option<String> {
    dom.elements()
        .find(|(_, element)| {
            element.tag == "link"
                && element.attr("rel").is_some_and(|rel| {
                    rel.split_ascii_whitespace()
                        .any(|token| token.eq_ignore_ascii_case("canonical"))
                })
        })
        .and_then(|(_, link)| link.attr("href"))
        .map(str::to_string)
}

fn first_date(meta: &MetaTags, keys: &[&str]) -> Option<DateTime<FixedOffset>> {
    keys.iter()
        .flat_map(|key| meta.all(key))
        .find_map(parse_datetime)
}

/// The first machine-readable `<time datetime>` of the page.
fn first_time_element(dom: &Dom) -> Option<DateTime<FixedOffset>> {
    dom.elements()
        .filter(|(_, element)| element.tag == "time")
        .find_map(|(_, time)| parse_datetime(time.attr("datetime")?))
}

/// Resolves `href` against the page URL; only web URLs are kept.
pub fn absolute_url(page_url: &Url, href: &str) -> Option<String> {
    let resolved = page_url.join(href.trim()).ok()?;
    matches!(resolved.scheme(), "http" | "https").then(|| resolved.to_string())
}

/// Parses the date forms pages use. A value without a zone is taken as UTC.
pub fn parse_datetime(raw: &str) -> Option<DateTime<FixedOffset>> {
    let value = raw.trim();
    if value.len() < 8 {
        return None;
    }
    if let Ok(parsed) = DateTime::parse_from_rfc3339(value) {
        return Some(parsed);
    }
    let with_zone = [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M%z",
        "%Y-%m-%d %H:%M:%S %z",
    ];
    for format in with_zone {
        if let Ok(parsed) = DateTime::parse_from_str(value, format) {
            return Some(parsed);
        }
    }
    if let Ok(parsed) = DateTime::parse_from_rfc2822(value) {
        return Some(parsed);
    }
    let utc = FixedOffset::east_opt(0)?;
    let zoneless = value.trim_end_matches(['Z', 'z']);
    let without_zone = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y%m%dT%H%M%S",
    ];
    for format in without_zone {
        if let Ok(parsed) = NaiveDateTime::parse_from_str(zoneless, format) {
            return Some(utc.from_utc_datetime(&parsed));
        }
    }
    // A bare date, possibly followed by something unparseable ("2025-08-27, 16:05").
    let date_part: String = value.chars().take(10).collect();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"]
        .iter()
        .find_map(|format| {
            let date = NaiveDate::parse_from_str(date_part.trim(), format).ok()?;
            Some(utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0)?))
        })
}

/// A date written in the URL path: `/2025/08/27/` or `/2025-08-27-slug`.
pub fn date_in_url(page_url: &Url) -> Option<DateTime<FixedOffset>> {
    let segments: Vec<&str> = page_url.path_segments()?.collect();
    let number = |segment: &str, digits: usize| {
        (segment.len() == digits && segment.bytes().all(|b| b.is_ascii_digit()))
            .then(|| segment.parse::<u32>().ok())
            .flatten()
    };
    let from_parts = |year: u32, month: u32, day: u32| {
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        let midnight = date.and_hms_opt(0, 0, 0)?;
        (1990..=2100)
            .contains(&year)
            .then(|| Utc.from_utc_datetime(&midnight).fixed_offset())
    };
    for window in segments.windows(3) {
        if let (Some(year), Some(month), Some(day)) = (
            number(window[0], 4),
            number(window[1], 2),
            number(window[2], 2),
        ) && let Some(date) = from_parts(year, month, day)
        {
            return Some(date);
        }
    }
    segments.iter().find_map(|segment| {
        let prefix = segment.get(..10)?;
        let mut parts = prefix.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        from_parts(number(year, 4)?, number(month, 2)?, number(day, 2)?)
    })
}

/// "en-GB", "en_US", "EN" → "en"; anything else is not a language code.
fn language_code(raw: &str) -> Option<String> {
    let primary = raw.trim().split(['-', '_']).next()?;
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

fn read_json_ld(dom: &Dom) -> JsonLd {
    let mut found = JsonLd::default();
    let scripts = dom.elements().filter(|(_, element)| {
        element.tag == "script"
            && element
                .attr("type")
                .is_some_and(|kind| kind.to_ascii_lowercase().contains("ld+json"))
    });
    for (index, _) in scripts {
        for document in parse_json_lenient(&dom.raw_text(index)) {
            collect_json_ld(&document, &mut found);
        }
    }
    found
}

/// Parses JSON-LD the way browsers' consumers tolerate it: HTML comments and CDATA wrappers,
/// raw control characters inside strings, trailing commas and several concatenated values.
fn parse_json_lenient(raw: &str) -> Vec<Value> {
    let trimmed = raw.trim();
    if let Ok(value) = serde_json::from_str(trimmed) {
        return vec![value];
    }
    let mut cleaned = String::with_capacity(trimmed.len());
    let mut in_string = false;
    let mut escaped = false;
    let unwrapped = ["<!--", "-->", "<![CDATA[", "]]>", "//<![CDATA[", "//]]>"]
        .iter()
        .fold(trimmed.to_string(), |text, wrapper| {
            text.replace(wrapper, "")
        });
    let characters: Vec<char> = unwrapped.chars().collect();
    for (position, &character) in characters.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if character == '\\' {
                escaped = true;
            } else if character == '"' {
                in_string = false;
            }
            cleaned.push(if character.is_control() {
                ' '
            } else {
                character
            });
            continue;
        }
        if character == '"' {
            in_string = true;
        }
        if character == ',' {
            let next = characters[position + 1..]
                .iter()
                .find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        cleaned.push(character);
    }
    serde_json::Deserializer::from_str(&cleaned)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect()
}

fn type_names(object: &Value) -> Vec<&str> {
    match object.get("@type") {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(name: &str) -> bool {
    let name = name.rsplit(['/', ':']).next().unwrap_or(name);
    name.ends_with("Article")
        || matches!(
            name,
            "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting" | "Posting"
        )
}

/// Objects whose description is the text of a page without an article.
fn is_media_type(name: &str) -> bool {
    matches!(
        name.rsplit(['/', ':']).next().unwrap_or(name),
        "VideoObject" | "AudioObject" | "PodcastEpisode" | "Episode" | "Recipe" | "Product"
    )
}

/// Walks every object of a JSON-LD document (`@graph`, arrays, nested `mainEntity`…)
/// without recursion, keeping the first article, web page and breadcrumb list.
fn collect_json_ld(document: &Value, found: &mut JsonLd) {
    let mut pending = vec![document];
    let mut visited = 0;
    while let Some(value) = pending.pop() {
        visited += 1;
        if visited > MAX_JSON_LD_VALUES {
            break;
        }
        match value {
            Value::Array(items) => pending.extend(items.iter().rev()),
            Value::Object(map) => {
                let types = type_names(value);
                if types.iter().any(|name| is_article_type(name)) {
                    // Prefer the article that has a headline (pages also describe teasers).
                    let better = found.article.as_ref().is_none_or(|known| {
                        known.get("headline").is_none() && value.get("headline").is_some()
                    });
                    if better {
                        found.article = Some(value.clone());
                    }
                } else if types.iter().any(|name| name.ends_with("WebPage")) {
                    found.web_page.get_or_insert_with(|| value.clone());
                } else if types.iter().any(|name| is_media_type(name)) {
                    found.media.get_or_insert_with(|| value.clone());
                } else if types.contains(&"BreadcrumbList") && found.breadcrumb.is_empty() {
                    found.breadcrumb = breadcrumb_items(value);
                }
                pending.extend(map.values().rev());
            }
            _ => {}
        }
    }
}

fn breadcrumb_items(list: &Value) -> Vec<Crumb> {
    let Some(Value::Array(items)) = list.get("itemListElement") else {
        return Vec::new();
    };
    let mut crumbs: Vec<(i64, Crumb)> = items
        .iter()
        .enumerate()
        .filter_map(|(order, item)| {
            let position = item
                .get("position")
                .and_then(|p| p.as_i64().or_else(|| p.as_str()?.trim().parse().ok()))
                .unwrap_or(i64::try_from(order).unwrap_or(i64::MAX));
            let target = item.get("item");
            let name = item
                .get("name")
                .or_else(|| target?.get("name"))
                .and_then(json_string)?;
            let url = target.and_then(json_url);
            Some((
                position,
                Crumb {
                    name: normalise_line(&name),
                    url,
                },
            ))
        })
        .collect();
    crumbs.sort_by_key(|(position, _)| *position);
    crumbs.into_iter().map(|(_, crumb)| crumb).collect()
}

fn json_string(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
        Value::Array(items) => items.iter().find_map(json_string),
        _ => None,
    }
}

/// A URL given as a string, an object (`url`, `contentUrl`, `@id`) or a list of those.
fn json_url(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Array(items) => items.iter().find_map(json_url),
        Value::Object(map) => ["url", "contentUrl", "@id"]
            .iter()
            .find_map(|key| json_url(map.get(*key)?)),
        _ => None,
    }
}

/// Names of authors given as strings, objects with `name`, or lists of those.
fn json_names(value: &Value) -> Vec<String> {
    match value {
        Value::String(name) => vec![name.clone()],
        Value::Array(items) => items.iter().flat_map(json_names).collect(),
        Value::Object(map) => map.get("name").and_then(json_string).into_iter().collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str) -> Url {
        Url::parse(url).unwrap_or_else(|error| panic!("{url}: {error}"))
    }

    #[test]
    fn dates_with_and_without_zone() {
        let cases = [
            ("2025-08-27T16:05:00+03:00", "2025-08-27T16:05:00+03:00"),
            ("2025-08-27T16:05:00.123Z", "2025-08-27T16:05:00.123+00:00"),
            ("2025-08-27T16:05:00+0300", "2025-08-27T16:05:00+03:00"),
            ("2025-08-27T16:05:00", "2025-08-27T16:05:00+00:00"),
            ("2025-08-27 16:05", "2025-08-27T16:05:00+00:00"),
            ("2025-08-27", "2025-08-27T00:00:00+00:00"),
            ("Wed, 27 Aug 2025 16:05:00 GMT", "2025-08-27T16:05:00+00:00"),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                parse_datetime(raw).map(|d| d.to_rfc3339()).as_deref(),
                Some(expected),
                "{raw}"
            );
        }
        assert_eq!(parse_datetime("yesterday"), None);
    }

    #[test]
    fn dates_in_url_paths() {
        let date = |url: &str| date_in_url(&page(url)).map(|d| d.date_naive().to_string());
        assert_eq!(
            date("https://a.org/articles/2025/08/27/slug").as_deref(),
            Some("2025-08-27")
        );
        assert_eq!(
            date("https://a.org/news/2025-08-27-slug").as_deref(),
            Some("2025-08-27")
        );
        assert_eq!(date("https://a.org/2025/13/40/slug"), None);
        assert_eq!(date("https://a.org/news/slug"), None);
    }

    #[test]
    fn lenient_json_ld() {
        let broken = "<!-- {\"@type\": \"NewsArticle\", \"headline\": \"Line\nbreak\",} -->";
        let values = parse_json_lenient(broken);
        assert_eq!(values.len(), 1);
        assert_eq!(values[0]["headline"], "Line break");
        assert!(parse_json_lenient("{not json").is_empty());
    }

    #[test]
    fn json_ld_graph_article_and_breadcrumb() {
        let document: Value = serde_json::from_str(
            r#"{"@graph": [
                {"@type": "BreadcrumbList", "itemListElement": [
                    {"@type": "ListItem", "position": 2, "item": {"@id": "/news", "name": "News"}},
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": "/"}]},
                {"@type": ["NewsArticle"], "headline": "H", "author": [{"name": "A"}, "B"]}]}"#,
        )
        .unwrap_or_default();
        let mut found = JsonLd::default();
        collect_json_ld(&document, &mut found);
        let names: Vec<_> = found.breadcrumb.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Home", "News"]);
        let authors = found
            .article
            .as_ref()
            .and_then(|a| a.get("author"))
            .map(json_names);
        assert_eq!(authors, Some(vec!["A".to_string(), "B".to_string()]));
    }

    #[test]
    fn language_codes() {
        assert_eq!(language_code("en-GB").as_deref(), Some("en"));
        assert_eq!(language_code("RU_ru").as_deref(), Some("ru"));
        assert_eq!(language_code("english"), None);
    }
}
