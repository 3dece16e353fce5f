//! The scrape stage: turns a fetched HTML page into an [`Article`] — metadata, lead image,
//! rubric, body paragraphs and the rendered article text (`shared/spec/article-text.md`).
//!
//! Site rules (`config/sites/*.toml`) can pin selectors for a host; everything they leave
//! out is found by the generic extractor, which needs no rule at all.

mod caption;
mod cascade;
mod content;
mod dom;
pub mod eval;
mod html;
mod markup_limits;
mod metadata;
mod names;
mod rubric;
mod rules;
mod text;

use chrono::{DateTime, FixedOffset};
use scraper::Selector;
use serde::{Deserialize, Serialize};
use url::Url;

use content::ContentFinder;
use dom::{Document, Dom};
use metadata::{PageMetadata, read_metadata};
use text::normalise_line;

pub use cascade::ExtractionMethod;
pub use rules::{RulesError, SiteRule, SiteRules};
pub use text::render_text;

/// Pages larger than this are refused rather than parsed.
pub const MAX_HTML_BYTES: usize = 64 * 1024 * 1024;

/// The share of control characters above which input is taken for binary data.
const MAX_CONTROL_CHAR_RATIO: f64 = 0.01;

/// An article extracted from one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The page URL as given (after redirects).
    pub url: String,
    /// `rel=canonical` / `og:url` / JSON-LD URL, absolute.
    pub canonical_url: Option<String>,
    /// The headline as displayed (not the `<title>` with the site name).
    pub title: String,
    /// Breadcrumb / section labels above the headline, in page order, without the home link.
    pub rubric: Vec<String>,
    pub lead_image: Option<LeadImage>,
    pub authors: Vec<String>,
    pub published_at: Option<DateTime<FixedOffset>>,
    pub updated_at: Option<DateTime<FixedOffset>>,
    /// ISO 639-1 code, lower-case, from the markup only.
    pub language: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    /// Body blocks (paragraphs, sub-headings, list items, quotes), each normalised.
    pub paragraphs: Vec<String>,
    /// The article text format: rubric, headline, lead caption and paragraphs.
    pub text: String,
    /// Which path of the extractor produced `paragraphs`.
    pub extraction_method: ExtractionMethod,
}

/// The article's lead image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadImage {
    pub url: Option<String>,
    /// The caption as displayed, credit included.
    pub caption: Option<String>,
    /// The credit alone ("Azertac" from "… Photo: Azertac").
    pub credit: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("the page is empty")]
    Empty,
    #[error("the page is not HTML ({0}); check the URL and the response's content type")]
    NotHtml(&'static str),
    #[error("the page is {size} bytes, more than the {limit} bytes the extractor accepts")]
    TooLarge { size: usize, limit: usize },
    #[error(
        "no article text found on the page; if it is an article, add a site rule with a `body` selector for its host"
    )]
    NoContent,
}

/// Indices into the selector groups of a site rule.
const RULE_BODY: usize = 0;
const RULE_TITLE: usize = 1;
const RULE_RUBRIC: usize = 2;
const RULE_CAPTION: usize = 3;
const RULE_DROP: usize = 4;

/// Extracts the article of `html` (already decoded), fetched from `page_url`.
pub fn extract(html: &str, page_url: &Url, rules: &SiteRules) -> Result<Article, ExtractError> {
    check_input(html)?;
    let rule = page_url.host_str().and_then(|host| rules.for_host(host));
    let queries: [&[Selector]; 5] = match rule {
        Some(rule) => [
            rule.body.as_slice(),
            rule.title.as_slice(),
            rule.rubric.as_slice(),
            rule.caption.as_slice(),
            rule.drop.as_slice(),
        ],
        None => [&[]; 5],
    };
    // Selectors may test any attribute; the generic extractor reads a known few.
    let attributes = if queries.iter().all(|group| group.is_empty()) {
        markup_limits::Attributes::Read
    } else {
        markup_limits::Attributes::All
    };
    let markup = markup_limits::limit_markup(html, attributes);
    let document = Document::parse(&markup, attributes == markup_limits::Attributes::All);
    let (dom, matches) = document.dom(&queries);
    let metadata = read_metadata(&dom, page_url);

    let mut removed = vec![false; dom.nodes.len()];
    for &root in &matches[RULE_DROP] {
        removed[root..dom.nodes[root].subtree_end].fill(true);
    }
    let kept = |nodes: &[usize]| -> Vec<usize> {
        nodes
            .iter()
            .copied()
            .filter(|&node| !removed[node])
            .collect()
    };
    let finder = ContentFinder::new(&dom, &removed);

    let headline = kept(&matches[RULE_TITLE])
        .first()
        .copied()
        .or_else(|| find_headline(&dom, &finder, &metadata));
    let title = headline
        .map(|node| dom.line_text(node))
        .filter(|title| !title.is_empty())
        .or_else(|| metadata.headline.clone())
        .or_else(|| {
            metadata
                .document_title
                .as_deref()
                .map(|title| strip_site_name(title, metadata.site_name.as_deref()))
        })
        .unwrap_or_default();

    let ruled_body = outermost(&dom, &kept(&matches[RULE_BODY]));
    let cascade::Body {
        containers,
        blocks,
        method,
    } = if ruled_body.is_empty() {
        cascade::find_body(|| document.hidden_markup(&markup), &dom, &finder, &metadata)
    } else {
        cascade::Body {
            blocks: finder.blocks(&ruled_body),
            containers: ruled_body,
            method: ExtractionMethod::SiteRule,
        }
    };

    // The lead figure sits before the body text; a headline inside the body is no body text.
    let first_block = blocks
        .iter()
        .filter(|_| method.reads_page_markup())
        .find(|block| normalise_line(&block.text) != title)
        .map(|block| block.node);
    let lead_image = match kept(&matches[RULE_CAPTION]).first() {
        Some(&caption) => Some(ruled_lead_image(&dom, caption, &metadata, page_url)),
        None => caption::find_lead_figure(&dom, headline, &containers, first_block)
            .map(|figure| lead_image_of(&dom, figure, None, &metadata, page_url))
            .or_else(|| metadata.image_url.clone().map(LeadImage::without_caption)),
    };
    let lead_caption = lead_image.as_ref().and_then(|image| image.caption.clone());
    let caption_line = lead_caption.as_deref().map(normalise_line);

    let ruled_rubric = kept(&matches[RULE_RUBRIC]);
    let rubric = if ruled_rubric.is_empty() {
        rubric::find_rubric(
            &dom,
            headline,
            &title,
            metadata.site_name.as_deref(),
            page_url,
            &metadata.breadcrumb,
        )
    } else {
        let labels = ruled_rubric
            .iter()
            .map(|&node| metadata::Crumb {
                name: dom.line_text(node),
                url: None,
            })
            .collect();
        rubric::clean_labels(labels, &title, metadata.site_name.as_deref(), page_url)
    };

    // The headline and the lead caption are blocks of their own; never repeat them.
    let paragraphs: Vec<String> = blocks
        .into_iter()
        .map(|block| block.text)
        .filter(|text| {
            let line = normalise_line(text);
            line != title && Some(&line) != caption_line.as_ref()
        })
        .collect();
    if paragraphs.is_empty() {
        return Err(ExtractError::NoContent);
    }

    let text = render_text(&rubric, &title, lead_caption.as_deref(), &paragraphs);
    let PageMetadata {
        canonical_url,
        authors,
        published_at,
        updated_at,
        language,
        description,
        site_name,
        ..
    } = metadata;
    Ok(Article {
        url: page_url.to_string(),
        canonical_url,
        title,
        rubric,
        lead_image,
        authors,
        published_at,
        updated_at,
        language,
        description,
        site_name,
        paragraphs,
        text,
        extraction_method: method,
    })
}

impl LeadImage {
    fn without_caption(url: String) -> Self {
        Self {
            url: Some(url),
            caption: None,
            credit: None,
        }
    }
}

/// The lead image whose caption a site rule points at: the caption's `<figure>` (or parent).
fn ruled_lead_image(
    dom: &Dom,
    caption: usize,
    metadata: &PageMetadata,
    page_url: &Url,
) -> LeadImage {
    let figure = dom
        .ancestors(caption)
        .find(|&ancestor| dom.tag(ancestor) == "figure")
        .or(dom.nodes[caption].parent)
        .unwrap_or(caption);
    lead_image_of(dom, figure, Some(caption), metadata, page_url)
}

/// The lead image of a figure; the page's declared image when the figure has none.
fn lead_image_of(
    dom: &Dom,
    figure: usize,
    caption: Option<usize>,
    metadata: &PageMetadata,
    page_url: &Url,
) -> LeadImage {
    let parts = caption::read_figure(dom, figure, caption, page_url);
    LeadImage {
        url: parts.image_url.or_else(|| metadata.image_url.clone()),
        caption: parts.caption,
        credit: parts.credit,
    }
}

/// Refuses input that cannot be a web page before parsing it.
fn check_input(html: &str) -> Result<(), ExtractError> {
    if html.len() > MAX_HTML_BYTES {
        return Err(ExtractError::TooLarge {
            size: html.len(),
            limit: MAX_HTML_BYTES,
        });
    }
    if html.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    let sample: Vec<char> = html.chars().take(8192).collect();
    let control = sample
        .iter()
        .filter(|&&c| (c.is_control() && !c.is_whitespace()) || c == '\u{fffd}')
        .count();
    if control as f64 > sample.len() as f64 * MAX_CONTROL_CHAR_RATIO {
        return Err(ExtractError::NotHtml("it contains binary data"));
    }
    if !html.contains('<') {
        return Err(ExtractError::NotHtml("it has no markup"));
    }
    Ok(())
}

/// Drops nodes nested inside other nodes of the list.
fn outermost(dom: &Dom, nodes: &[usize]) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::new();
    for &node in nodes {
        if !kept.iter().any(|&outer| dom.is_ancestor(outer, node)) {
            kept.push(node);
        }
    }
    kept
}

/// The displayed headline: the `<h1>` matching the page's structured headline or title,
/// else the first `<h1>` of the article, else the first `<h1>` outside page furniture.
fn find_headline(dom: &Dom, finder: &ContentFinder, metadata: &PageMetadata) -> Option<usize> {
    let candidates: Vec<(usize, String)> = dom
        .descendants_tagged(0, "h1")
        .filter(|&h1| {
            !dom.ancestors(h1)
                .any(|a| matches!(dom.tag(a), "nav" | "footer" | "aside"))
                && !dom.element(h1).is_some_and(|e| e.is_hidden())
        })
        .map(|h1| (h1, dom.line_text(h1)))
        .filter(|(_, text)| !text.is_empty() && Some(text) != metadata.site_name.as_ref())
        .collect();
    let known_titles: Vec<String> = [&metadata.headline, &metadata.document_title]
        .into_iter()
        .flatten()
        .map(|title| title.to_lowercase())
        .collect();
    let matching = candidates.iter().find(|(_, text)| {
        let text = text.to_lowercase();
        known_titles
            .iter()
            .any(|known| known.contains(&text) || text.contains(known.as_str()))
    });
    let in_article = || {
        candidates.iter().find(|(h1, _)| {
            !finder.is_unlikely(*h1)
                || dom
                    .ancestors(*h1)
                    .any(|a| matches!(dom.tag(a), "article" | "main"))
        })
    };
    matching
        .or_else(in_article)
        .or(candidates.first())
        .map(|(h1, _)| *h1)
}

/// "Headline — Site Name" → "Headline".
fn strip_site_name(document_title: &str, site_name: Option<&str>) -> String {
    const SEPARATORS: &[&str] = &[
        " | ",
        " \u{2014} ",
        " \u{2013} ",
        " - ",
        " :: ",
        " \u{b7} ",
        " / ",
    ];
    for separator in SEPARATORS {
        let parts: Vec<&str> = document_title.split(separator).collect();
        if parts.len() < 2 {
            continue;
        }
        let without_site: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|part| site_name.is_none_or(|site| !part.trim().eq_ignore_ascii_case(site)))
            .collect();
        if without_site.len() < parts.len() {
            return without_site.join(separator).trim().to_string();
        }
        let longest = parts
            .iter()
            .max_by_key(|part| part.chars().count())
            .copied()
            .unwrap_or(document_title);
        return longest.trim().to_string();
    }
    document_title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY_SENTENCE: &str = "The council voted on Tuesday, after a long debate, to approve the new budget for schools, roads and parks.";

    fn page_url() -> Url {
        Url::parse("https://news.example.org/politics/2024/03/05/budget")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn extract_page(html: &str) -> Article {
        extract(html, &page_url(), &SiteRules::empty()).unwrap_or_else(|error| panic!("{error}"))
    }

    fn article_page(body: &str) -> String {
        format!(
            r#"<html lang="en-GB"><head><title>Budget approved | Example News</title>
            <meta property="og:site_name" content="Example News"></head><body>
            <header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav></header>
            <main><article>
              <nav class="breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li>Budget approved</li></ol></nav>
              <h1>Budget approved</h1>
              <div class="byline">By <a href="/staff/jane">Jane Roe</a> <time datetime="2024-03-05T10:00:00Z">5 March</time></div>
              <figure><img src="/img/council.jpg"><figcaption>The council chamber. Photo: John Smith/Reuters</figcaption></figure>
              <div class="story-body">{body}</div>
              <ul class="tags"><li><a href="/t/budget">Budget</a></li><li><a href="/t/council">Council</a></li></ul>
            </article></main>
            <footer><p>© Example News, all rights reserved, reproduction forbidden without permission.</p></footer>
            </body></html>"#
        )
    }

    #[test]
    fn blocks_in_reading_order_without_boilerplate() {
        let body = format!(
            r#"<p>{BODY_SENTENCE}</p>
            <div class="share"><a href="https://facebook.com/x">Share on Facebook</a></div>
            <h2>What changes</h2>
            <ul><li>More teachers, in every district.</li><li>Fewer potholes.</li></ul>
            <blockquote><p>“It is a good day,” the mayor said.</p><p>“For everyone.”</p></blockquote>
            <div class="insert"><strong>Read also</strong> <a href="/other">Council elects a new chair</a></div>
            <figure><img src="/img/2.jpg"><figcaption>A chart of spending.</figcaption></figure>
            <p>Line one<br>line two, {BODY_SENTENCE}</p>
            <p><a href="/1">Related one</a> · <a href="/2">Related two</a></p>"#
        );
        let article = extract_page(&article_page(&body));
        assert_eq!(
            article.paragraphs,
            [
                BODY_SENTENCE.to_string(),
                "What changes".to_string(),
                "More teachers, in every district.".to_string(),
                "Fewer potholes.".to_string(),
                "“It is a good day,” the mayor said.".to_string(),
                "“For everyone.”".to_string(),
                format!("Line one\nline two, {BODY_SENTENCE}"),
            ]
        );
    }

    #[test]
    fn metadata_rubric_and_lead_image() {
        let article = extract_page(&article_page(&format!("<p>{BODY_SENTENCE}</p>").repeat(3)));
        assert_eq!(article.title, "Budget approved");
        assert_eq!(article.rubric, ["Politics"]);
        assert_eq!(article.language.as_deref(), Some("en"));
        assert_eq!(article.site_name.as_deref(), Some("Example News"));
        let published = article.published_at.map(|date| date.to_rfc3339());
        assert_eq!(published.as_deref(), Some("2024-03-05T10:00:00+00:00"));
        let image = article
            .lead_image
            .unwrap_or_else(|| panic!("no lead image"));
        assert_eq!(
            image.url.as_deref(),
            Some("https://news.example.org/img/council.jpg")
        );
        assert_eq!(
            image.caption.as_deref(),
            Some("The council chamber. Photo: John Smith/Reuters")
        );
        assert_eq!(image.credit.as_deref(), Some("John Smith/Reuters"));
        assert!(
            article
                .text
                .starts_with("Politics\n\nBudget approved\n\nThe council chamber.")
        );
    }

    #[test]
    fn headline_falls_back_to_title_without_site_name() {
        let html = format!(
            "<html><head><title>Budget approved — Example News</title></head><body><div><p>{BODY_SENTENCE}</p></div></body></html>"
        );
        assert_eq!(extract_page(&html).title, "Budget approved");
        assert_eq!(
            strip_site_name("A | B | Example News", Some("Example News")),
            "A | B"
        );
    }

    #[test]
    fn body_split_into_sections_of_one_template() {
        let section = |heading: &str| {
            format!(
                r#"<h2>{heading}</h2><div class="section-text"><p>{BODY_SENTENCE}</p><p>{heading}: {BODY_SENTENCE}</p></div>"#
            )
        };
        let html = format!(
            r#"<html><body><main><div class="chapters">{}{}{}</div></main>
            <div class="teasers"><p><a href="/a">Another story</a></p></div></body></html>"#,
            section("One"),
            section("Two"),
            section("Three")
        );
        let paragraphs = extract_page(&html).paragraphs;
        assert_eq!(paragraphs.len(), 9, "{paragraphs:?}");
        assert_eq!(paragraphs[3], "Two");
    }

    #[test]
    fn listicle_items_outweigh_the_intro() {
        let sentence = "A long sentence, with commas, clauses, asides, and enough words to count as a real paragraph of the story.";
        let intro = format!("<p>{sentence} {sentence}</p>");
        let item = |name: &str| {
            format!(
                r#"<h3>{name}</h3><div class="tile-summary"><p>{name}: {sentence} {sentence}</p><p>{sentence} {sentence} {name}.</p></div>"#
            )
        };
        let html = format!(
            r#"<html><body><main><div class="lede"><div class="article-intro">{intro}</div><div class="byline">By Jane Roe</div></div>
            <div class="tiles">{}{}{}</div></main></body></html>"#,
            item("One"),
            item("Two"),
            item("Three")
        );
        let paragraphs = extract_page(&html).paragraphs;
        assert_eq!(paragraphs.len(), 10, "{paragraphs:?}");
        assert_eq!(paragraphs[1], "One");
    }

    #[test]
    fn long_prose_is_kept_whatever_its_template_is_named() {
        let widget = |id: &str, repeat: usize| {
            format!(
                r#"<div class="builder-widget builder-widget-{id}"><p>{}</p></div>"#,
                BODY_SENTENCE.repeat(repeat)
            )
        };
        let html = format!(
            r#"<html><body><article>{}{}{}</article></body></html>"#,
            widget("a1", 12),
            widget("b2", 5),
            widget("c3", 4)
        );
        let paragraphs = extract_page(&html).paragraphs;
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    }

    #[test]
    fn site_rule_selectors_win() -> Result<(), RulesError> {
        let mut rules = SiteRules::empty();
        rules.add(SiteRule::parse(
            "host = \"example.org\"\nbody = \".story-body\"\nrubric = \".tags a\"\ndrop = [\".drop-me\"]",
            std::path::Path::new("example.org.toml"),
        )?)?;
        let body = format!(
            "<p>{BODY_SENTENCE}</p><p class=\"drop-me\">Dropped by the rule, although it is a sentence.</p>"
        );
        let article =
            extract(&article_page(&body), &page_url(), &rules).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(article.paragraphs, [BODY_SENTENCE]);
        assert_eq!(article.rubric, ["Budget", "Council"]);
        Ok(())
    }
}
