//! The fallback cascade: the main content-scoring pass is judged, and when its body is
//! implausible (too short, mostly links, a sliver of a long page) the alternatives are tried in
//! a fixed order and the best one is kept. Plausible pages pay nothing more.
//!
//! Order: the lenient retry of the scoring pass (class/id words ignored), the JSON-LD
//! `articleBody`, the markup inside `<noscript>` and `<template>`, the largest cluster of text
//! blocks of the page, the captions of a gallery, and last the longest description the page
//! gives (video, audio and product pages), so that a page with a body is never left empty.

use serde::{Deserialize, Serialize};

use super::content::{Block, ContentFinder, visible_len};
use super::dom::{Document, Dom};
use super::markup_limits;
use super::metadata::PageMetadata;
use super::text::normalise_line;

/// Bodies shorter than this (non-space characters) are implausible.
const MIN_BODY_CHARS: usize = 250;

/// The same for text mostly in CJK scripts, denser per character.
const MIN_CJK_BODY_CHARS: usize = 100;

/// Bodies more linked than this are link lists, not prose.
const MAX_LINK_DENSITY: f64 = 0.5;

/// A body holding less than this share of a long page's text is likely one box of it.
const MIN_PAGE_SHARE: f64 = 0.05;

/// Pages with at least this much text are long enough for the share to mean something.
const MIN_CHARS_FOR_SHARE: usize = 8000;

/// An alternative replaces the body found so far only when this many times longer: a longer
/// text is not a better one, and the main pass knows the page's structure.
const MIN_GAIN: f64 = 2.0;

/// A gallery has at least this many captioned figures.
const MIN_GALLERY_CAPTIONS: usize = 3;

/// At most this many `<noscript>` / `<template>` variants are parsed, the longest first.
const MAX_HIDDEN_VARIANTS: usize = 3;

/// Variants shorter than this (bytes of markup) cannot hold a body.
const MIN_VARIANT_BYTES: usize = 500;

/// Which path of the cascade produced an article's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtractionMethod {
    /// A site rule's `body` selector.
    SiteRule,
    /// The content-scoring pass.
    Main,
    /// The content-scoring pass with class/id words ignored.
    Lenient,
    /// The JSON-LD `articleBody`.
    StructuredData,
    /// The markup inside `<noscript>` or `<template>`.
    HiddenMarkup,
    /// The largest cluster of text blocks of the page.
    TextCluster,
    /// The captions of a gallery or slideshow.
    Captions,
    /// The page's description (video, audio, product pages).
    Description,
}

impl ExtractionMethod {
    pub const ALL: [ExtractionMethod; 8] = [
        ExtractionMethod::SiteRule,
        ExtractionMethod::Main,
        ExtractionMethod::Lenient,
        ExtractionMethod::StructuredData,
        ExtractionMethod::HiddenMarkup,
        ExtractionMethod::TextCluster,
        ExtractionMethod::Captions,
        ExtractionMethod::Description,
    ];

    /// The name in records and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            ExtractionMethod::SiteRule => "site_rule",
            ExtractionMethod::Main => "main",
            ExtractionMethod::Lenient => "lenient",
            ExtractionMethod::StructuredData => "structured_data",
            ExtractionMethod::HiddenMarkup => "hidden_markup",
            ExtractionMethod::TextCluster => "text_cluster",
            ExtractionMethod::Captions => "captions",
            ExtractionMethod::Description => "description",
        }
    }

    /// Whether the blocks are the page's own text elements, in their place (a lead figure can
    /// be looked for before them).
    pub fn reads_page_markup(self) -> bool {
        matches!(
            self,
            ExtractionMethod::SiteRule
                | ExtractionMethod::Main
                | ExtractionMethod::Lenient
                | ExtractionMethod::TextCluster
        )
    }
}

/// The article body and how it was found.
pub struct Body {
    pub containers: Vec<usize>,
    pub blocks: Vec<Block>,
    pub method: ExtractionMethod,
}

/// The body of a page without a site rule: the main pass, or the best alternative when the
/// main pass is implausible.
pub fn find_body(
    hidden_markup: impl FnOnce() -> Vec<String>,
    dom: &Dom,
    finder: &ContentFinder,
    metadata: &PageMetadata,
) -> Body {
    let found = finder.find_body();
    let main = Body {
        method: if found.lenient {
            ExtractionMethod::Lenient
        } else {
            ExtractionMethod::Main
        },
        containers: found.containers,
        blocks: found.blocks,
    };
    if is_plausible(dom, &main) {
        return main;
    }
    let mut best = main;
    let mut consider = |candidate: Body| {
        if chars(&candidate.blocks) as f64 > chars(&best.blocks) as f64 * MIN_GAIN {
            best = candidate;
        }
    };
    if let Some(text) = &metadata.structured_body {
        consider(foreign(text_blocks(text), ExtractionMethod::StructuredData));
    }
    if let Some(blocks) = hidden_markup_body(hidden_markup) {
        consider(foreign(blocks, ExtractionMethod::HiddenMarkup));
    }
    consider(Body {
        containers: Vec::new(),
        blocks: finder.text_cluster(),
        method: ExtractionMethod::TextCluster,
    });
    consider(foreign(
        gallery_captions(dom, finder),
        ExtractionMethod::Captions,
    ));
    if let Some(description) = &metadata.longest_description {
        consider(foreign(
            text_blocks(description),
            ExtractionMethod::Description,
        ));
    }
    best
}

/// Whether a body looks like an article's: long enough, not a link list, and not a sliver of
/// a long page.
fn is_plausible(dom: &Dom, body: &Body) -> bool {
    let body_chars = chars(&body.blocks);
    let text: String = body
        .blocks
        .iter()
        .map(|block| block.text.as_str())
        .collect();
    let min_chars = if is_mostly_cjk(&text) {
        MIN_CJK_BODY_CHARS
    } else {
        MIN_BODY_CHARS
    };
    if body_chars < min_chars {
        return false;
    }
    let (text_chars, link_chars) =
        body.containers
            .iter()
            .fold((0, 0), |(text, links), &container| {
                let node = &dom.nodes[container];
                (text + node.text_chars, links + node.link_chars)
            });
    if text_chars > 0 && link_chars as f64 > text_chars as f64 * MAX_LINK_DENSITY {
        return false;
    }
    let page_chars = dom.nodes.first().map_or(0, |root| root.text_chars);
    page_chars < MIN_CHARS_FOR_SHARE || body_chars as f64 >= page_chars as f64 * MIN_PAGE_SHARE
}

/// Han, kana and hangul make up most of the letters.
fn is_mostly_cjk(text: &str) -> bool {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        cjk += usize::from(matches!(c,
            '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
                | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}'));
    }
    cjk * 2 > letters
}

fn chars(blocks: &[Block]) -> usize {
    blocks.iter().map(|block| visible_len(&block.text)).sum()
}

/// A body read from text that is not an element of the page.
fn foreign(blocks: Vec<Block>, method: ExtractionMethod) -> Body {
    Body {
        containers: Vec::new(),
        blocks,
        method,
    }
}

/// The captions of the page's figures, in order, when there are enough for a gallery.
fn gallery_captions(dom: &Dom, finder: &ContentFinder) -> Vec<Block> {
    let captions: Vec<Block> = dom
        .elements()
        .filter(|&(index, element)| element.tag == "figcaption" && !finder.is_unlikely(index))
        .map(|(index, _)| Block {
            text: dom.trimmed_block_text(index),
            node: index,
        })
        .filter(|block| !block.text.is_empty())
        .collect();
    if captions.len() < MIN_GALLERY_CAPTIONS {
        return Vec::new();
    }
    captions
}

/// Plain text (JSON-LD, a description) as blocks: one per non-empty line. They are no
/// element of the page (`node` 0, never read: the method does not read page markup).
fn text_blocks(text: &str) -> Vec<Block> {
    text.lines()
        .map(normalise_line)
        .filter(|line| !line.is_empty())
        .map(|text| Block { text, node: 0 })
        .collect()
}

/// The longest body found in the markup of the page's `<noscript>` and `<template>`
/// elements (their content is not part of the rendered page until a script runs).
fn hidden_markup_body(hidden_markup: impl FnOnce() -> Vec<String>) -> Option<Vec<Block>> {
    let mut variants: Vec<String> = hidden_markup()
        .into_iter()
        .filter(|markup| markup.len() >= MIN_VARIANT_BYTES && markup.contains('<'))
        .collect();
    variants.sort_by_key(|markup| std::cmp::Reverse(markup.len()));
    variants
        .iter()
        .take(MAX_HIDDEN_VARIANTS)
        .map(|markup| {
            let markup = markup_limits::limit_markup(markup, markup_limits::Attributes::Read);
            let variant = Document::parse(&markup, false);
            let (dom, _) = variant.dom(&[]);
            let finder = ContentFinder::new(&dom, &vec![false; dom.nodes.len()]);
            finder.find_body().blocks
        })
        .max_by_key(|blocks| chars(blocks))
        .filter(|blocks| !blocks.is_empty())
}
