//! Generic main-content extraction: finds the container of the article body by scoring
//! paragraphs (readability-style) and emits its blocks in reading order without boilerplate.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::dom::{Dom, ElementData, NodeData, is_invisible_tag};
use super::names::{Names, TemplateHasher, template};
use super::text::BlockText;

/// Paragraphs shorter than this (non-space characters) do not vote for a container.
const MIN_PARAGRAPH_CHARS: usize = 25;

/// How many ancestor levels a paragraph's score reaches.
const SCORE_PROPAGATION_LEVELS: usize = 5;

/// Inserts ("read also", teasers) are short; longer elements are never dropped by label.
const MAX_INSERT_CHARS: usize = 600;

/// Below this many characters a body found with class/id hints is suspect: the page may
/// have put its article inside an element named like furniture ("content-with-sidebar").
const MIN_CONFIDENT_BODY_CHARS: usize = 500;

/// Elements with this much text, hardly linked, are prose whatever their class/id says.
const MIN_PROSE_CHARS: usize = 1000;

/// Sections of a split body score at least this share of the best one.
const REPEATED_SECTION_SHARE: f64 = 0.3;

/// Tags never part of the body text (a `match`: asked of every element walked).
fn is_non_body_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav"
            | "footer"
            | "aside"
            | "button"
            | "figure"
            | "figcaption"
            | "menu"
            | "dialog"
            | "input"
            | "label"
            | "picture"
            | "video"
            | "audio"
            | "img"
            | "fieldset"
    )
}

/// Tags that start and end a block of text (a `match`: asked of every element walked).
fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "form"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "body"
            | "html"
            | "hgroup"
            | "fieldset"
    )
}

/// Labels that open "read also" inserts and similar teasers, compared lower-cased.
const INSERT_LABELS: &[&str] = &[
    "read also",
    "read more",
    "also read",
    "see also",
    "related:",
    "related articles",
    "related stories",
    "related coverage",
    "more on this",
    "you may also like",
    "you might also like",
    "recommended",
    "most read",
    "most popular",
    "advertisement",
    "читайте также",
    "читать также",
    "смотрите также",
    "также читайте",
    "по теме",
    "ещё по теме",
    "еще по теме",
    "реклама",
    "lesen sie auch",
    "lire aussi",
    "à lire aussi",
    "leer también",
];

/// Short lines that close articles on many sites ("Share this article", "Follow us…").
const BOILERPLATE_OPENINGS: &[&str] = &[
    "share this",
    "share on",
    "follow us",
    "sign up",
    "subscribe to",
    "click here",
    "advertisement",
    "поделиться",
    "подписывайтесь",
    "подпишитесь",
];

/// What [`ContentFinder::find_body`] found.
pub struct FoundBody {
    pub containers: Vec<usize>,
    pub blocks: Vec<Block>,
    /// Found with class/id words ignored (the retry).
    pub lenient: bool,
}

/// One block of body text and where it came from.
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    /// The element that opened the block.
    pub node: usize,
}

/// The whole-page context the heuristics need.
pub struct ContentFinder<'a> {
    dom: &'a Dom<'a>,
    /// Nodes that are never body text: removed by a site rule, invisible, inside navigation,
    /// footers, menus, comments or recommendations.
    furniture: Vec<bool>,
    /// Nodes that usually are not body text: inside elements named like furniture (share,
    /// sidebar, widget…), hidden ones, `<header>` and `<aside>`.
    furniture_by_name: Vec<bool>,
    /// What each element's class/id words say.
    names: Vec<Names>,
    /// Templates (see [`template`]) of elements holding long prose: their other instances
    /// are text too, however they are named.
    prose_templates: HashSet<u64, TemplateHasher>,
    /// Whether class/id words count; turned off for the second, lenient attempt.
    use_names: Cell<bool>,
}

impl<'a> ContentFinder<'a> {
    /// `removed` marks nodes a site rule dropped.
    pub fn new(dom: &'a Dom<'a>, removed: &[bool]) -> Self {
        let prose_templates = prose_templates(dom);
        let mut names_of = vec![Names::default(); dom.nodes.len()];
        let mut scratch = Vec::new();
        let mut furniture = vec![false; dom.nodes.len()];
        let mut furniture_by_name = vec![false; dom.nodes.len()];
        for index in 0..dom.nodes.len() {
            let parent = dom.nodes[index].parent;
            let mut own = removed.get(index).copied().unwrap_or(false);
            let mut named = false;
            if let Some(element) = dom.element(index) {
                let tag = element.tag;
                let names = Names::of(element, &mut scratch);
                names_of[index] = names;
                let structural = matches!(tag, "html" | "body" | "article" | "main");
                own |= !structural
                    && (is_invisible_tag(tag)
                        || matches!(tag, "nav" | "footer" | "menu")
                        || element.attr("role").is_some_and(|role| {
                            matches!(role, "navigation" | "complementary" | "contentinfo")
                        })
                        || (names.has(Names::OTHER_CONTENT) && !names.has(Names::BODY))
                        || is_overlay(element));
                // Names, hiding, <header> and <aside> usually mark furniture, but some pages
                // put the article in a "content-with-sidebar" wrapper, a <header>, or a hidden
                // element that scripts reveal; the lenient attempt ignores them.
                named = !structural
                    && ((names.has(Names::UNLIKELY)
                        && !names.has(Names::BODY)
                        && !reads_as_text(dom, &prose_templates, index, element))
                        || element.is_hidden()
                        || tag == "aside"
                        // Some pages wrap the whole article in a <header>.
                        || (tag == "header" && !is_prose(dom, index)));
            }
            furniture[index] = own || parent.is_some_and(|parent| furniture[parent]);
            furniture_by_name[index] =
                named || parent.is_some_and(|parent| furniture_by_name[parent]);
        }
        Self {
            dom,
            furniture,
            furniture_by_name,
            names: names_of,
            prose_templates,
            use_names: Cell::new(true),
        }
    }

    pub fn is_unlikely(&self, index: usize) -> bool {
        let furniture = self.furniture.get(index).copied().unwrap_or(true);
        let named =
            self.use_names.get() && self.furniture_by_name.get(index).copied().unwrap_or(true);
        furniture || named
    }

    /// The body containers and their blocks. Class/id words first; when that finds little
    /// text, again without them (readability's retry), keeping the longer result; `lenient`
    /// tells which one was kept.
    pub fn find_body(&self) -> FoundBody {
        let attempt = |use_names: bool| {
            self.use_names.set(use_names);
            let containers = self.find_containers();
            let blocks = self.blocks(&containers);
            let chars: usize = blocks.iter().map(|block| block.text.chars().count()).sum();
            (containers, blocks, chars)
        };
        let (containers, blocks, chars) = attempt(true);
        if chars >= MIN_CONFIDENT_BODY_CHARS {
            return FoundBody {
                containers,
                blocks,
                lenient: false,
            };
        }
        let (lenient_containers, lenient_blocks, lenient_chars) = attempt(false);
        self.use_names.set(true);
        if lenient_chars > chars {
            FoundBody {
                containers: lenient_containers,
                blocks: lenient_blocks,
                lenient: true,
            }
        } else {
            FoundBody {
                containers,
                blocks,
                lenient: false,
            }
        }
    }

    /// The baseline of the fallback cascade: the largest run of consecutive text blocks of
    /// the page outside navigation and footers, class/id words ignored (jusText's idea: body
    /// paragraphs come in clusters, boilerplate in short linked lines).
    pub fn text_cluster(&self) -> Vec<Block> {
        /// Short blocks allowed inside a run (sub-headings, a caption).
        const MAX_GAP: usize = 2;
        let Some(body) = self.fallback_container() else {
            return Vec::new();
        };
        self.use_names.set(false);
        let blocks = self.blocks(&[body]);
        self.use_names.set(true);
        let (mut best, mut best_chars) = (0..0, 0);
        // The run being read: where it starts, its text, the short blocks since its last
        // paragraph (a run begins at the first paragraph: the gap starts past the limit).
        let (mut start, mut chars, mut gap) = (0, 0, MAX_GAP + 1);
        for (index, block) in blocks.iter().enumerate() {
            if is_text_block(&block.text) {
                if gap > MAX_GAP {
                    (start, chars) = (index, 0);
                }
                chars += visible_len(&block.text);
                gap = 0;
                if chars > best_chars {
                    (best, best_chars) = (start..index + 1, chars);
                }
            } else {
                gap += 1;
            }
        }
        blocks
            .into_iter()
            .skip(best.start)
            .take(best.len())
            .collect()
    }

    /// The containers holding the article body, in document order: the best-scoring element
    /// plus its siblings that carry body paragraphs too.
    fn find_containers(&self) -> Vec<usize> {
        let scores = self.score_candidates();
        let dom = self.dom;
        let final_score = |index: usize, score: f64| {
            let node = &dom.nodes[index];
            let link_density = node.link_chars as f64 / node.text_chars.max(1) as f64;
            score * (1.0 - link_density)
        };
        let mut ranked: Vec<(usize, f64)> = scores
            .iter()
            .enumerate()
            .filter_map(|(index, score)| Some((index, final_score(index, (*score)?))))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let Some(&(best, best_score)) = ranked.first() else {
            return self.fallback_container().into_iter().collect();
        };
        let top = self
            .repeated_sections(best, best_score, &ranked)
            .or_else(|| self.repeated_runners_up(best, best_score, &ranked))
            .unwrap_or_else(|| {
                self.promote_top_candidate(best, best_score, &ranked, |index| {
                    scores[index].map(|score| final_score(index, score))
                })
            });
        let top = self.sectioned_ancestor(top);
        let top_score =
            scores[top].map_or(best_score, |score| final_score(top, score).max(best_score));
        let Some(parent) = dom.nodes[top].parent else {
            return vec![top];
        };
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = dom.attr(top, "class");
        dom.children(parent)
            .iter()
            .copied()
            .filter(|&sibling| {
                if sibling == top {
                    return true;
                }
                if self.is_unlikely(sibling) || dom.element(sibling).is_none() {
                    return false;
                }
                let bonus = if top_class.is_some() && dom.attr(sibling, "class") == top_class {
                    top_score * 0.2
                } else {
                    0.0
                };
                let score = scores[sibling].map_or(0.0, |s| final_score(sibling, s));
                score + bonus >= threshold || self.is_body_paragraph(sibling)
            })
            .collect()
    }

    /// Readability's corrections to the best-scoring element, for bodies split over many
    /// small wrappers (one `<div>` per paragraph):
    /// - an ancestor shared by at least three close runners-up replaces it;
    /// - an ancestor scoring higher on the way up replaces it;
    /// - a wrapper holding nothing else replaces it.
    fn promote_top_candidate(
        &self,
        best: usize,
        best_score: f64,
        ranked: &[(usize, f64)],
        score_of: impl Fn(usize) -> Option<f64>,
    ) -> usize {
        const RUNNERS_UP: usize = 5;
        const SHARED_BY: usize = 3;
        let dom = self.dom;
        let below_body = |index: &usize| !matches!(dom.tag(*index), "body" | "html" | "");
        let close_runners_up: Vec<usize> = ranked
            .iter()
            .skip(1)
            .take(RUNNERS_UP - 1)
            .filter(|(_, score)| *score >= best_score * 0.75)
            .map(|&(index, _)| index)
            .collect();
        if close_runners_up.len() >= SHARED_BY {
            let shared = dom
                .ancestors(best)
                .take_while(below_body)
                .find(|&ancestor| {
                    close_runners_up
                        .iter()
                        .filter(|&&runner_up| dom.is_ancestor(ancestor, runner_up))
                        .count()
                        >= SHARED_BY
                });
            if let Some(shared) = shared {
                return self.only_child_wrapper(shared);
            }
        }
        let mut top = best;
        let mut last_score = best_score;
        for ancestor in dom.ancestors(best).take_while(below_body) {
            let Some(score) = score_of(ancestor) else {
                continue;
            };
            if score < best_score / 3.0 {
                break;
            }
            if score > last_score {
                top = ancestor;
                break;
            }
            last_score = score;
        }
        self.only_child_wrapper(top)
    }

    /// Bodies split into sections of one template (a listicle's items, a long read's
    /// chapters): when other well-scoring elements share the best one's tag and class,
    /// their lowest common ancestor holds the body, headings between the sections included.
    fn repeated_sections(
        &self,
        best: usize,
        best_score: f64,
        ranked: &[(usize, f64)],
    ) -> Option<usize> {
        let dom = self.dom;
        let signature = |index: usize| {
            let class = dom.attr(index, "class")?.trim();
            (!class.is_empty()).then(|| (dom.tag(index), class))
        };
        let wanted = signature(best)?;
        let is_twin = |index: usize| {
            dom.nodes[index].text_chars == dom.nodes[best].text_chars
                && dom.visible_text(index) == dom.visible_text(best)
        };
        let peers: Vec<usize> = ranked
            .iter()
            .filter(|&&(index, score)| {
                index != best
                    && score >= best_score * REPEATED_SECTION_SHARE
                    && !dom.is_ancestor(index, best)
                    && !dom.is_ancestor(best, index)
                    && signature(index) == Some(wanted)
                    // A twin is a copy of the body (a gated or mobile version).
                    && !is_twin(index)
            })
            .map(|&(index, _)| index)
            .collect();
        if peers.is_empty() {
            return None;
        }
        self.sections_ancestor(best, &peers)
    }

    /// Listicles whose items outscore nothing alone: when at least three close runners-up
    /// share one template and an ancestor with the best element, that ancestor is the body.
    fn repeated_runners_up(
        &self,
        best: usize,
        best_score: f64,
        ranked: &[(usize, f64)],
    ) -> Option<usize> {
        const CONSIDERED: usize = 10;
        const MIN_ITEMS: usize = 3;
        let dom = self.dom;
        let close: Vec<usize> = ranked
            .iter()
            .skip(1)
            .take(CONSIDERED)
            .filter(|&&(index, score)| {
                score >= best_score * 0.5
                    && !dom.is_ancestor(index, best)
                    && !dom.is_ancestor(best, index)
            })
            .map(|&(index, _)| index)
            .collect();
        let class_of = |index: usize| {
            dom.attr(index, "class")
                .map(str::trim)
                .filter(|c| !c.is_empty())
        };
        close.iter().find_map(|&item| {
            let class = class_of(item)?;
            let items: Vec<usize> = close
                .iter()
                .copied()
                .filter(|&other| dom.tag(other) == dom.tag(item) && class_of(other) == Some(class))
                .collect();
            // Teasers of other articles are short: the items must hold at least as much
            // text as the best element.
            let item_chars: usize = items.iter().map(|&index| dom.nodes[index].text_chars).sum();
            (items.len() >= MIN_ITEMS && item_chars >= dom.nodes[best].text_chars)
                .then(|| self.sections_ancestor(best, &items))
                .flatten()
        })
    }

    /// The lowest common ancestor of `anchor` and `sections`, when it is mostly made of them
    /// and not a list of links (nor the whole page).
    fn sections_ancestor(&self, anchor: usize, sections: &[usize]) -> Option<usize> {
        let dom = self.dom;
        let common = dom.ancestors(anchor).find(|&ancestor| {
            sections
                .iter()
                .all(|&section| dom.is_ancestor(ancestor, section))
        })?;
        if matches!(dom.tag(common), "body" | "html" | "") {
            return None;
        }
        let node = &dom.nodes[common];
        let section_chars: usize = std::iter::once(anchor)
            .chain(sections.iter().copied())
            .map(|index| dom.nodes[index].text_chars)
            .sum();
        let link_density = node.link_chars as f64 / node.text_chars.max(1) as f64;
        let mostly_sections = section_chars as f64 >= node.text_chars as f64 * 0.4;
        (mostly_sections && link_density < 0.35).then(|| self.only_child_wrapper(common))
    }

    /// Guides, listicles and long reads split into `<section>`s (or heading-led blocks) of
    /// which one outscores the rest: the highest close ancestor made of such sections is
    /// the body, all of them in order.
    fn sectioned_ancestor(&self, top: usize) -> usize {
        /// How far above the best element the sections' parent may sit.
        const MAX_LEVELS: usize = 6;
        let dom = self.dom;
        let mut found = top;
        let mut child = top;
        for ancestor in dom.ancestors(top).take(MAX_LEVELS) {
            // A page's <main> made of sections is a page builder's layout: the article is
            // one of its sections, the others are its furniture.
            if matches!(dom.tag(ancestor), "main" | "body" | "html" | "")
                || self.is_unlikely(ancestor)
            {
                break;
            }
            if self.is_section(child) && self.is_made_of_sections(ancestor) {
                found = ancestor;
            }
            child = ancestor;
        }
        found
    }

    /// Whether most of an element's text is in at least two sections and it is no link list.
    fn is_made_of_sections(&self, index: usize) -> bool {
        const MIN_SECTIONS: usize = 2;
        const MIN_SECTIONS_SHARE: f64 = 0.7;
        let dom = self.dom;
        let node = &dom.nodes[index];
        if node.link_chars * 4 >= node.text_chars {
            return false;
        }
        let (count, chars) = dom
            .children(index)
            .iter()
            .filter(|&&child| self.is_section(child))
            .fold((0, 0), |(count, chars), &child| {
                (count + 1, chars + dom.nodes[child].text_chars)
            });
        count >= MIN_SECTIONS && chars as f64 >= node.text_chars as f64 * MIN_SECTIONS_SHARE
    }

    /// A `<section>`, or a block opened by a sub-heading, holding hardly linked text. Not an
    /// `<article>`: sibling articles are other stories (infinite scroll, teasers).
    fn is_section(&self, index: usize) -> bool {
        /// Shorter sections are labels or buttons.
        const MIN_SECTION_CHARS: usize = 150;
        let dom = self.dom;
        let node = &dom.nodes[index];
        if node.text_chars < MIN_SECTION_CHARS
            || node.link_chars * 4 >= node.text_chars
            || self.is_unlikely(index)
        {
            return false;
        }
        match dom.tag(index) {
            "section" => true,
            "div" => dom
                .children(index)
                .iter()
                .find(|&&child| dom.element(child).is_some())
                .is_some_and(|&first| matches!(dom.tag(first), "h2" | "h3" | "h4")),
            _ => false,
        }
    }

    /// Climbs while the parent wraps nothing but this element.
    fn only_child_wrapper(&self, mut top: usize) -> usize {
        let dom = self.dom;
        while let Some(parent) = dom.nodes[top].parent {
            let element_children = dom
                .children(parent)
                .iter()
                .filter(|&&child| dom.element(child).is_some())
                .count();
            if element_children != 1 || matches!(dom.tag(parent), "body" | "html" | "") {
                break;
            }
            top = parent;
        }
        top
    }

    /// A stand-alone `<p>` sibling that reads like body text.
    fn is_body_paragraph(&self, index: usize) -> bool {
        let node = &self.dom.nodes[index];
        if self.dom.tag(index) != "p" || node.text_chars == 0 {
            return false;
        }
        let link_density = node.link_chars as f64 / node.text_chars as f64;
        if node.text_chars >= 80 {
            return link_density < 0.25;
        }
        let text = self.dom.line_text(index);
        link_density == 0.0 && text.ends_with(['.', '!', '?', '"', '\u{201d}', '\u{bb}'])
    }

    /// Without scored paragraphs the whole `<body>` is the container.
    fn fallback_container(&self) -> Option<usize> {
        self.dom
            .elements()
            .find(|(_, element)| element.tag == "body")
            .map(|(index, _)| index)
    }

    /// Readability-style scores: each paragraph votes for its ancestors by its length and
    /// punctuation; containers start from a tag and class/id prior. Indexed by node: no hashing
    /// on the page's hottest loop.
    fn score_candidates(&self) -> Vec<Option<f64>> {
        let dom = self.dom;
        let mut scores: Vec<Option<f64>> = vec![None; dom.nodes.len()];
        for (index, element) in dom.elements() {
            if self.is_unlikely(index) {
                continue;
            }
            let Some(paragraph_chars) = self.paragraph_chars(index, element.tag) else {
                continue;
            };
            let text = self.direct_or_full_text(index);
            // A consent banner, a disclosure or a login prompt is not the article, however
            // many commas it has.
            if is_notice(&text, paragraph_chars) {
                continue;
            }
            let commas = text.matches([',', '\u{060c}', '\u{ff0c}']).count();
            let vote = 1.0 + commas as f64 + (paragraph_chars as f64 / 100.0).floor().min(3.0);
            // Text written straight into a <div> is a paragraph of that <div> (readability
            // wraps it in a <p>), so the <div> itself gets the first vote.
            let first_voter = if matches!(element.tag, "p" | "pre" | "td") {
                dom.nodes[index].parent
            } else {
                Some(index)
            };
            let voters = first_voter.into_iter().chain(
                first_voter
                    .into_iter()
                    .flat_map(|voter| dom.ancestors(voter)),
            );
            for (level, ancestor) in voters.take(SCORE_PROPAGATION_LEVELS).enumerate() {
                if dom.element(ancestor).is_none() {
                    break;
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    _ => level as f64 * 3.0,
                };
                let score = scores[ancestor].get_or_insert_with(|| self.prior(ancestor));
                *score += vote / divider;
            }
        }
        scores
    }

    /// Characters of a paragraph-like element: `<p>`/`<pre>`/`<td>` text, or the text a
    /// `<div>` holds directly (pages that separate paragraphs with `<br>`).
    fn paragraph_chars(&self, index: usize, tag: &str) -> Option<usize> {
        let chars = match tag {
            "p" | "pre" | "td" => self.dom.nodes[index].text_chars,
            "div" | "section" | "article" | "span" => self.direct_text_chars(index),
            _ => return None,
        };
        (chars >= MIN_PARAGRAPH_CHARS).then_some(chars)
    }

    fn direct_text_chars(&self, index: usize) -> usize {
        self.dom
            .children(index)
            .iter()
            .filter(|&&child| matches!(self.dom.nodes[child].data, NodeData::Text(_)))
            .map(|&child| self.dom.nodes[child].text_chars)
            .sum()
    }

    fn direct_or_full_text(&self, index: usize) -> String {
        if matches!(self.dom.tag(index), "p" | "pre" | "td") {
            return self.dom.visible_text(index);
        }
        self.dom
            .children(index)
            .iter()
            .filter_map(|&child| match &self.dom.nodes[child].data {
                NodeData::Text(text) => Some(*text),
                _ => None,
            })
            .collect()
    }

    /// The score a container starts with, from its tag and class/id words.
    fn prior(&self, index: usize) -> f64 {
        let Some(element) = self.dom.element(index) else {
            return 0.0;
        };
        let tag_prior = match element.tag {
            "div" | "article" | "main" => 5.0,
            "pre" | "td" | "blockquote" | "section" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        let names = self.names[index];
        let mut class_prior = 0.0;
        if names.has(Names::BODY) {
            class_prior += 25.0;
        }
        let furniture_named = names.has(Names::UNLIKELY) || names.has(Names::NON_BODY);
        if furniture_named
            && self.use_names.get()
            && !reads_as_text(self.dom, &self.prose_templates, index, element)
        {
            class_prior -= 25.0;
        }
        if element.attr("itemprop") == Some("articleBody") {
            class_prior += 50.0;
        }
        tag_prior + class_prior
    }

    /// The body blocks of `containers` in reading order.
    pub fn blocks(&self, containers: &[usize]) -> Vec<Block> {
        let mut blocks = Vec::new();
        for &container in containers {
            self.collect_blocks(container, &mut blocks);
        }
        blocks
    }

    /// Walks a container without recursion: a stack of open elements tells when a block
    /// ends and whether text sits in a link or a `<time>`; skipped subtrees are jumped over.
    fn collect_blocks(&self, container: usize, blocks: &mut Vec<Block>) {
        let dom = self.dom;
        let end = dom.nodes[container].subtree_end;
        let container_chars = dom.nodes[container].text_chars;
        let mut open: Vec<OpenElement> = Vec::new();
        let (mut links_open, mut times_open) = (0usize, 0usize);
        let mut current = BlockBuilder::new(container);
        let mut index = container;
        while index < end {
            while let Some(closed) = open.pop_if(|element| element.end <= index) {
                links_open -= usize::from(closed.is_link);
                times_open -= usize::from(closed.is_time);
                if closed.is_block {
                    current.flush(blocks, index);
                }
            }
            match &dom.nodes[index].data {
                NodeData::Text(text) => current.push_text(text, links_open > 0, times_open > 0),
                NodeData::Element(element) => {
                    let tag = element.tag;
                    let is_block = is_block_tag(tag);
                    if index != container && self.is_skipped(index, container_chars) {
                        if is_block {
                            current.flush(blocks, dom.nodes[index].subtree_end);
                        }
                        index = dom.nodes[index].subtree_end;
                        continue;
                    }
                    if tag == "br" && current.text.ends_with_line_break() {
                        // `<br><br>` separates paragraphs: never a blank line inside one.
                        current.flush(blocks, index);
                    } else if tag == "br" {
                        current.text.push_line_break();
                    } else if is_block {
                        current.flush(blocks, index);
                    }
                    let opened = OpenElement {
                        end: dom.nodes[index].subtree_end,
                        is_block,
                        is_link: tag == "a",
                        is_time: tag == "time",
                    };
                    links_open += usize::from(opened.is_link);
                    times_open += usize::from(opened.is_time);
                    open.push(opened);
                }
                NodeData::Other => {}
            }
            index += 1;
        }
        current.flush(blocks, end);
    }

    /// Elements inside the body container that are not article text.
    fn is_skipped(&self, index: usize, container_chars: usize) -> bool {
        let dom = self.dom;
        let Some(element) = dom.element(index) else {
            return false;
        };
        let tag = element.tag;
        let strict = self.use_names.get();
        if is_invisible_tag(tag)
            || (is_non_body_tag(tag) && !self.is_table_figure(index))
            || (strict && element.is_hidden())
        {
            return true;
        }
        let node = &dom.nodes[index];
        // Never drop what holds most of the body, whatever its class says.
        let dominant = node.text_chars * 2 >= container_chars;
        if dominant {
            return false;
        }
        // Forms are newsletter boxes and headers carry bylines, unless the page wraps its
        // article in them (ASP.NET forms, headers as sections).
        if self.is_unlikely(index) || matches!(tag, "form" | "header") {
            return true;
        }
        let names = self.names[index];
        if strict
            && (names.has(Names::NON_BODY) || names.has(Names::UNLIKELY))
            && !reads_as_text(self.dom, &self.prose_templates, index, element)
        {
            return true;
        }
        if names.has(Names::INSERT) {
            return true;
        }
        let linked = node.link_chars * 10 >= node.text_chars * 3;
        node.text_chars <= MAX_INSERT_CHARS
            && linked
            && is_block_tag(tag)
            && starts_with_any(&self.opening_text(index), INSERT_LABELS)
    }

    /// A `<figure>` that presents a table (a data table of the article), not an image.
    fn is_table_figure(&self, index: usize) -> bool {
        let dom = self.dom;
        dom.tag(index) == "figure"
            && dom.descendants_tagged(index, "table").next().is_some()
            && !["img", "picture", "video", "iframe"]
                .iter()
                .any(|&media| dom.descendants_tagged(index, media).next().is_some())
    }

    /// The first few words of an element's visible text, lower-cased.
    fn opening_text(&self, index: usize) -> String {
        let mut opening = String::new();
        let end = self.dom.nodes[index].subtree_end;
        let mut position = index;
        while position < end && opening.chars().count() < 40 {
            match &self.dom.nodes[position].data {
                NodeData::Text(text) => opening.push_str(text),
                NodeData::Element(element) if is_invisible_tag(element.tag) => {
                    position = self.dom.nodes[position].subtree_end;
                    continue;
                }
                _ => {}
            }
            position += 1;
        }
        super::text::normalise_line(&opening).to_lowercase()
    }
}

/// Stems of the words of cookie and consent banners, legal and advertiser disclosures,
/// subscription and login prompts, in the languages of the pages met, compared lower-cased.
const NOTICE_STEMS: &[&str] = &[
    "cookie",
    "consent",
    "privacy",
    "gdpr",
    "personal data",
    "third part",
    "partner",
    "accept",
    "preferences",
    "opt out",
    "opt-out",
    "terms of",
    "affiliate",
    "commission",
    "advertis",
    "sign in",
    "log in",
    "password",
    "subscri",
    "datenschutz",
    "einwillig",
    "zustimm",
    "personenbezogen",
    "drittanbieter",
    "akzeptier",
    "werbung",
    "widerruf",
    "anmelden",
    "passwort",
    "confidentialité",
    "consentement",
    "données",
    "accepter",
    "partenaires",
    "publicité",
    "mot de passe",
    "connexion",
    "privacidad",
    "consentimiento",
    "datos personales",
    "aceptar",
    "socios",
    "publicidad",
    "contraseña",
    "iniciar sesión",
    "consenso",
    "dati personali",
    "accett",
    "pubblicità",
    "privacidade",
    "consentimento",
    "dados pessoais",
    "aceitar",
    "parceiros",
    "senha",
    "конфиденциальн",
    "согласи",
    "персональн",
    "файлы",
    "реклам",
    "пароль",
    "войти",
    "подписк",
    "隐私",
    "同意",
    "个人信息",
    "登录",
    "密码",
    "广告",
    "プライバシー",
    "個人情報",
    "ログイン",
    "パスワード",
    "広告",
];

/// Paragraphs longer than this are prose, whatever words they use.
const MAX_NOTICE_CHARS: usize = 800;

/// Whether a paragraph is mostly notice vocabulary: three different stems, or two in a
/// short one.
fn is_notice(text: &str, chars: usize) -> bool {
    /// The stems, and the non-ASCII ones capitalised (ASCII case is ignored anyway).
    static STEMS: LazyLock<Option<(AhoCorasick, Vec<usize>)>> = LazyLock::new(|| {
        let mut patterns = Vec::new();
        let mut stem_of = Vec::new();
        for (index, stem) in NOTICE_STEMS.iter().enumerate() {
            patterns.push(stem.to_string());
            stem_of.push(index);
            let mut letters = stem.chars();
            if let Some(first) = letters.next().filter(|c| !c.is_ascii()) {
                patterns.push(first.to_uppercase().chain(letters).collect());
                stem_of.push(index);
            }
        }
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .ok()?;
        Some((matcher, stem_of))
    });
    let Some((matcher, stem_of)) = &*STEMS else {
        return false;
    };
    if chars > MAX_NOTICE_CHARS {
        return false;
    }
    let mut seen = 0u128;
    for found in matcher.find_overlapping_iter(text) {
        seen |= 1 << (stem_of[found.pattern().as_usize()] % 128);
        if seen.count_ones() >= 3 {
            return true;
        }
    }
    seen.count_ones() >= 2 && chars < 150
}

/// A dialog, or a box fixed over the page (banners, pop-ups): not where the article is.
fn is_overlay(element: &ElementData) -> bool {
    if element.tag == "dialog"
        || element
            .attr("role")
            .is_some_and(|role| matches!(role, "dialog" | "alertdialog"))
    {
        return true;
    }
    // "fixed" first: most styles have none, and the compact copy is only made for those.
    element.attr("style").is_some_and(|style| {
        if !style.contains("fixed") && !style.contains("FIXED") {
            return false;
        }
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.contains("position:fixed")
    })
}

/// A paragraph of prose rather than a label, a link line or a button: long enough, or a
/// sentence (CJK sentences are short in characters).
fn is_text_block(text: &str) -> bool {
    let chars = visible_len(text);
    chars >= 60
        || (chars >= 15
            && text
                .trim_end()
                .ends_with(['.', '!', '?', '。', '！', '？', '؟']))
}

/// Non-whitespace characters, the unit of every length here (CJK has no spaces).
pub fn visible_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// A long stretch of hardly linked text: body text whatever its class/id says (a section
/// whose id comes from its heading, "menu-innovation-strategies"; a page builder's
/// "text-editor widget").
fn is_prose(dom: &Dom, index: usize) -> bool {
    let node = &dom.nodes[index];
    node.text_chars >= MIN_PROSE_CHARS && node.link_chars * 10 < node.text_chars
}

/// Templates of elements that hold text whatever their class/id says: those of long prose,
/// and those repeated at least three times with a paragraph or more of hardly linked text
/// each (a guide's items built by a "product-widget": the template is the page's own).
fn prose_templates(dom: &Dom) -> HashSet<u64, TemplateHasher> {
    const MIN_ITEM_CHARS: usize = 200;
    const MIN_ITEMS: usize = 3;
    let mut templates = HashSet::default();
    let mut items: HashMap<u64, usize, TemplateHasher> = HashMap::default();
    for (index, element) in dom.elements() {
        let node = &dom.nodes[index];
        if node.text_chars < MIN_ITEM_CHARS || node.link_chars * 5 >= node.text_chars {
            continue;
        }
        let Some(name) = template(element) else {
            continue;
        };
        if is_prose(dom, index) {
            templates.insert(name);
        } else {
            let count = items.entry(name).or_default();
            *count += 1;
        }
    }
    templates.extend(
        items
            .into_iter()
            .filter(|&(_, count)| count >= MIN_ITEMS)
            .map(|(name, _)| name),
    );
    templates
}

/// True when the element is long prose, or built from the same template as some.
fn reads_as_text(
    dom: &Dom,
    prose_templates: &HashSet<u64, TemplateHasher>,
    index: usize,
    element: &ElementData,
) -> bool {
    is_prose(dom, index) || template(element).is_some_and(|key| prose_templates.contains(&key))
}

fn starts_with_any(text: &str, openings: &[&str]) -> bool {
    openings.iter().any(|opening| text.starts_with(opening))
}

/// An element being walked through by [`ContentFinder::collect_blocks`].
struct OpenElement {
    /// Where its subtree ends.
    end: usize,
    is_block: bool,
    is_link: bool,
    is_time: bool,
}

/// The block being read, with the figures needed to judge it when it ends.
struct BlockBuilder {
    text: BlockText,
    node: usize,
    chars: usize,
    link_chars: usize,
    time_chars: usize,
}

impl BlockBuilder {
    fn new(node: usize) -> Self {
        Self {
            text: BlockText::new(),
            node,
            chars: 0,
            link_chars: 0,
            time_chars: 0,
        }
    }

    fn push_text(&mut self, text: &str, in_link: bool, in_time: bool) {
        let visible = text.chars().filter(|c| !c.is_whitespace()).count();
        self.chars += visible;
        if in_link {
            self.link_chars += visible;
        }
        if in_time {
            self.time_chars += visible;
        }
        self.text.push_str(text);
    }

    /// Ends the current block (keeping it when it reads as body text) and starts the next
    /// one at `next_node`.
    fn flush(&mut self, blocks: &mut Vec<Block>, next_node: usize) {
        let finished = std::mem::replace(self, Self::new(next_node));
        if finished.text.is_blank() || !finished.is_body_text() {
            return;
        }
        blocks.push(Block {
            text: finished.text.finish(),
            node: finished.node,
        });
    }

    fn is_body_text(&self) -> bool {
        let link_density = self.link_chars as f64 / self.chars.max(1) as f64;
        if link_density > 0.8 || (link_density > 0.5 && self.chars < 300) {
            return false;
        }
        if self.time_chars * 10 >= self.chars * 9 {
            return false;
        }
        // Only short blocks can be teasers or furniture: the others are not lower-cased.
        if self.chars >= 200 {
            return true;
        }
        let opening = self.text.as_str().to_lowercase();
        let teaser = starts_with_any(&opening, INSERT_LABELS);
        let furniture = self.chars < 120 && starts_with_any(&opening, BOILERPLATE_OPENINGS);
        !teaser && !furniture
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(text: &str) -> bool {
        is_notice(text, visible_len(text))
    }

    #[test]
    fn banners_in_several_languages_are_notices() {
        assert!(notice(
            "We and our partners use cookies to personalise ads. Accept to continue."
        ));
        assert!(notice(
            "Nous et nos partenaires utilisons des cookies. Votre consentement nous permet de mesurer la publicité."
        ));
        assert!(notice(
            "Реклама. Мы используем файлы cookie; продолжая, вы даёте согласие на обработку персональных данных."
        ));
        assert!(notice(
            "当サイトではCookieを使用し、個人情報を広告に利用します。同意してください。"
        ));
        assert!(notice("Sign in. Forgot your password?"));
    }

    #[test]
    fn news_prose_is_not_a_notice() {
        assert!(!notice(
            "The council said the new library would open in the spring, with a children's room and an archive."
        ));
        // One notice word is a topic, not a banner.
        assert!(!notice(
            "The regulator fined the bank for failing to protect its customers' privacy, the third such fine this year."
        ));
        let long = "The court heard that consent was never given, that privacy was breached and that cookies tracked the claimants. ".repeat(12);
        assert!(!notice(&long), "long paragraphs are prose");
    }
}
