//! A flat, pre-ordered copy of the parsed page that every stage walks without recursion.
//!
//! Nodes are stored in document order, so a node's subtree is the index range
//! `index..subtree_end`, ancestors have smaller indices and skipping a subtree is one jump.

use std::collections::HashMap;
use std::ops::Range;

use scraper::{Html, Node, Selector};

use super::html::{self, Kind, Parsed};
use super::text::{BlockText, normalise_line};

/// A parsed page: by the page parser ([`html`]), or by html5ever (through scraper) for pages a
/// site rule's CSS selectors are matched on and pages that need html5ever's re-parenting.
pub enum Document {
    Parsed(Parsed),
    Html5ever(Html),
}

impl Document {
    /// Parses `markup` (already through `markup_limits`); `selectors`: the page is to be
    /// queried with CSS selectors.
    pub fn parse(markup: &str, selectors: bool) -> Self {
        let parsed = if selectors { None } else { html::parse(markup) };
        match parsed {
            Some(parsed) => Self::Parsed(parsed),
            None => Self::Html5ever(Html::parse_document(markup)),
        }
    }

    /// The flat tree, and the elements each group of `queries` matches (none without
    /// html5ever's tree).
    pub fn dom(&self, queries: &[&[Selector]]) -> (Dom<'_>, Vec<Vec<usize>>) {
        match self {
            Self::Parsed(parsed) => (Dom::from_parsed(parsed), vec![Vec::new(); queries.len()]),
            Self::Html5ever(html) => Dom::from_html(html, queries),
        }
    }

    /// The markup inside the page's `<noscript>` and `<template>` elements, in document
    /// order; `markup` is what was parsed.
    pub fn hidden_markup(&self, markup: &str) -> Vec<String> {
        match self {
            Self::Parsed(parsed) => parsed
                .hidden_markup
                .iter()
                .filter_map(|range| markup.get(range.clone()))
                .map(str::to_string)
                .collect(),
            // A `<noscript>`'s content is text to the parser: its markup is that text as
            // it is (serialising would escape it).
            Self::Html5ever(html) => Selector::parse("noscript, template")
                .map(|selector| {
                    html.select(&selector)
                        .map(|element| match element.value().name() {
                            "noscript" => element.text().collect(),
                            _ => element.inner_html(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// An element of the parsed page, borrowed from it (no copy of names, attributes or text).
#[derive(Debug)]
pub struct ElementData<'h> {
    /// The lower-case tag name (the HTML parser lower-cases HTML names).
    pub tag: &'h str,
    attributes: Attributes<'h>,
}

/// An element's attribute names and values.
#[derive(Debug)]
enum Attributes<'h> {
    /// The page parser's, borrowed as they are: no allocation per element.
    Ranges {
        strings: &'h str,
        ranges: &'h [(Range<usize>, Range<usize>)],
    },
    /// html5ever's, read once: looking names up in its atoms is slow.
    Pairs(Vec<(&'h str, &'h str)>),
}

impl<'h> ElementData<'h> {
    /// Every attribute, in page order (comparing trees; lookups use [`ElementData::attr`]).
    pub fn attributes(&self) -> Vec<(&'h str, &'h str)> {
        match &self.attributes {
            Attributes::Ranges { strings, ranges } => ranges
                .iter()
                .map(|(name, value)| (&strings[name.clone()], &strings[value.clone()]))
                .collect(),
            Attributes::Pairs(pairs) => pairs.clone(),
        }
    }

    pub fn attr(&self, name: &str) -> Option<&'h str> {
        match &self.attributes {
            Attributes::Ranges { strings, ranges } => ranges
                .iter()
                .find(|(key, _)| strings.as_bytes().get(key.clone()) == Some(name.as_bytes()))
                .map(|(_, value)| &strings[value.clone()]),
            Attributes::Pairs(pairs) => pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|&(_, value)| value),
        }
    }

    /// The words of the `class` and `id` attributes (split on `-`, `_`, spaces), as the page
    /// writes them: the vocabulary the heuristics read, compared ignoring ASCII case.
    pub fn hint_words(&self) -> impl Iterator<Item = &'h str> + use<'h> {
        [self.attr("class"), self.attr("id")]
            .into_iter()
            .flatten()
            .flat_map(|value| Words { rest: value })
    }

    /// True when one of the class/id words is in `vocabulary` (lower-case ASCII words).
    pub fn has_hint(&self, vocabulary: &[&str]) -> bool {
        self.hint_words().any(|word| {
            vocabulary
                .iter()
                .any(|known| known.eq_ignore_ascii_case(word))
        })
    }

    /// True when the author hid the element from readers.
    pub fn is_hidden(&self) -> bool {
        if self.attr("hidden").is_some() || self.attr("aria-hidden") == Some("true") {
            return true;
        }
        self.attr("style").is_some_and(|style| {
            // Compared without whitespace and case: "display : None".
            let compact: Vec<u8> = style
                .bytes()
                .filter(|byte| !byte.is_ascii_whitespace())
                .map(|byte| byte.to_ascii_lowercase())
                .collect();
            [b"display:none".as_slice(), b"visibility:hidden"]
                .iter()
                .any(|needle| {
                    compact
                        .windows(needle.len())
                        .any(|window| window == *needle)
                })
        })
    }
}

/// The non-empty runs of alphanumeric characters of a value, ASCII read bytewise: every
/// element's class and id go through here.
struct Words<'h> {
    rest: &'h str,
}

impl<'h> Iterator for Words<'h> {
    type Item = &'h str;

    fn next(&mut self) -> Option<&'h str> {
        let rest = self.rest;
        let bytes = rest.as_bytes();
        let mut start = 0;
        let mut at = 0;
        while at < bytes.len() {
            let (length, alphanumeric) = match bytes[at] {
                byte if byte.is_ascii() => (1, byte.is_ascii_alphanumeric()),
                _ => rest[at..]
                    .chars()
                    .next()
                    .map_or((1, false), |c| (c.len_utf8(), c.is_alphanumeric())),
            };
            if !alphanumeric {
                if start < at {
                    self.rest = &rest[at + length..];
                    return Some(&rest[start..at]);
                }
                start = at + length;
            }
            at += length;
        }
        self.rest = "";
        (start < bytes.len()).then(|| &rest[start..])
    }
}

#[derive(Debug)]
pub enum NodeData<'h> {
    Element(ElementData<'h>),
    Text(&'h str),
    Other,
}

#[derive(Debug)]
pub struct DomNode<'h> {
    pub parent: Option<usize>,
    /// Where its children's indices are in [`Dom::children`]'s list.
    children: std::ops::Range<usize>,
    pub subtree_end: usize,
    pub data: NodeData<'h>,
    /// Non-whitespace characters of visible text in the subtree.
    pub text_chars: usize,
    /// Of those, characters inside links.
    pub link_chars: usize,
}

/// The page as a flat list of nodes, borrowing names and text from the parsed page.
#[derive(Debug)]
pub struct Dom<'h> {
    pub nodes: Vec<DomNode<'h>>,
    /// Every node's children, node after node: one list, not one allocation per node.
    child_list: Vec<usize>,
}

impl<'h> Dom<'h> {
    /// Copies the parsed page and resolves each group of `queries` (CSS selectors) to the
    /// indices of the elements it matches, in document order.
    pub fn from_html(html: &'h Html, queries: &[&[Selector]]) -> (Self, Vec<Vec<usize>>) {
        // Pre-order walk: the open ancestors form a stack, so parents are found without a map.
        let mut ancestors: Vec<(_, usize)> = Vec::new();
        let mut ids = Vec::new();
        let mut nodes: Vec<DomNode> = Vec::new();
        for node in html.tree.root().descendants() {
            let index = nodes.len();
            let parent_id = node.parent().map(|parent| parent.id());
            while ancestors
                .last()
                .is_some_and(|&(id, _)| Some(id) != parent_id)
            {
                ancestors.pop();
            }
            let parent = ancestors.last().map(|&(_, parent)| parent);
            ancestors.push((node.id(), index));
            ids.push(node.id());
            let data = match node.value() {
                Node::Element(element) => NodeData::Element(ElementData {
                    tag: element.name(),
                    attributes: Attributes::Pairs(element.attrs().collect()),
                }),
                Node::Text(text) => NodeData::Text(text),
                _ => NodeData::Other,
            };
            nodes.push(DomNode {
                parent,
                children: 0..0,
                subtree_end: index + 1,
                data,
                text_chars: 0,
                link_chars: 0,
            });
        }
        let child_list = link_children(&mut nodes);
        let mut dom = Dom { nodes, child_list };
        dom.compute_subtree_figures();
        let index_of: HashMap<_, usize> = if queries.iter().any(|group| !group.is_empty()) {
            ids.into_iter()
                .enumerate()
                .map(|(index, id)| (id, index))
                .collect()
        } else {
            HashMap::new()
        };
        let matches = queries
            .iter()
            .map(|selectors| {
                let mut found: Vec<usize> = selectors
                    .iter()
                    .flat_map(|selector| html.select(selector))
                    .filter_map(|element| index_of.get(&element.id()).copied())
                    .collect();
                found.sort_unstable();
                found.dedup();
                found
            })
            .collect();
        (dom, matches)
    }

    /// The page parser's nodes, already flat and in document order.
    pub fn from_parsed(parsed: &'h Parsed) -> Self {
        let mut nodes: Vec<DomNode<'h>> = parsed
            .nodes
            .iter()
            .enumerate()
            .map(|(index, node)| DomNode {
                parent: node.parent,
                children: 0..0,
                subtree_end: index + 1,
                data: match &node.kind {
                    Kind::Element { tag, attributes } => NodeData::Element(ElementData {
                        tag: parsed.str(tag),
                        attributes: Attributes::Ranges {
                            strings: parsed.strings(),
                            ranges: parsed.attribute_ranges(attributes),
                        },
                    }),
                    Kind::Text(text) => NodeData::Text(parsed.str(text)),
                    Kind::Other => NodeData::Other,
                },
                text_chars: 0,
                link_chars: 0,
            })
            .collect();
        let child_list = link_children(&mut nodes);
        let mut dom = Dom { nodes, child_list };
        dom.compute_subtree_figures();
        dom
    }

    /// Children have larger indices than their parent, so one backward pass sums subtrees.
    fn compute_subtree_figures(&mut self) {
        for index in (0..self.nodes.len()).rev() {
            let (mut text_chars, mut link_chars, mut subtree_end) = (0, 0, index + 1);
            match &self.nodes[index].data {
                // Script and style bodies are most of a page's bytes and never counted.
                NodeData::Text(text) if !self.in_invisible_element(index) => {
                    text_chars = visible_chars(text);
                }
                NodeData::Text(_) => {}
                NodeData::Element(element) if is_invisible_tag(element.tag) => {
                    subtree_end = self.last_descendant_end(index);
                }
                NodeData::Element(element) => {
                    subtree_end = self.last_descendant_end(index);
                    for &child in self.children(index) {
                        text_chars += self.nodes[child].text_chars;
                        link_chars += self.nodes[child].link_chars;
                    }
                    if element.tag == "a" {
                        link_chars = text_chars;
                    }
                }
                NodeData::Other => {
                    subtree_end = self.last_descendant_end(index);
                    for &child in self.children(index) {
                        text_chars += self.nodes[child].text_chars;
                        link_chars += self.nodes[child].link_chars;
                    }
                }
            }
            let node = &mut self.nodes[index];
            node.text_chars = text_chars;
            node.link_chars = link_chars;
            node.subtree_end = subtree_end;
        }
    }

    fn in_invisible_element(&self, index: usize) -> bool {
        self.nodes[index]
            .parent
            .is_some_and(|parent| is_invisible_tag(self.tag(parent)))
    }

    fn last_descendant_end(&self, index: usize) -> usize {
        self.children(index)
            .last()
            .map_or(index + 1, |&child| self.nodes[child].subtree_end)
    }

    /// The node's children, in document order.
    pub fn children(&self, index: usize) -> &[usize] {
        &self.child_list[self.nodes[index].children.clone()]
    }

    pub fn element(&self, index: usize) -> Option<&ElementData<'h>> {
        match &self.nodes.get(index)?.data {
            NodeData::Element(element) => Some(element),
            _ => None,
        }
    }

    /// The element's tag name, or "" for other nodes.
    pub fn tag(&self, index: usize) -> &str {
        self.element(index).map_or("", |element| element.tag)
    }

    pub fn attr(&self, index: usize, name: &str) -> Option<&str> {
        self.element(index)?.attr(name)
    }

    pub fn elements(&self) -> impl Iterator<Item = (usize, &ElementData<'h>)> {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(index, node)| match &node.data {
                NodeData::Element(element) => Some((index, element)),
                _ => None,
            })
    }

    /// Elements of the subtree of `root` (itself included) with the given tag.
    pub fn descendants_tagged<'a>(
        &'a self,
        root: usize,
        tag: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        (root..self.nodes[root].subtree_end).filter(move |&index| self.tag(index) == tag)
    }

    pub fn is_ancestor(&self, ancestor: usize, descendant: usize) -> bool {
        ancestor < descendant && descendant < self.nodes[ancestor].subtree_end
    }

    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.nodes[index].parent, |&node| self.nodes[node].parent)
    }

    /// Raw text of the subtree, invisible elements skipped (for script bodies use
    /// [`Dom::raw_text`]).
    pub fn visible_text(&self, root: usize) -> String {
        let mut block = BlockText::new();
        self.walk_visible(root, |dom, index| match &dom.nodes[index].data {
            NodeData::Text(text) => block.push_str(text),
            NodeData::Element(element) if element.tag == "br" => block.push_line_break(),
            _ => {}
        });
        block.finish()
    }

    /// The subtree's visible text as one trimmed line.
    pub fn line_text(&self, root: usize) -> String {
        normalise_line(&self.visible_text(root))
    }

    /// The subtree's visible text trimmed at both ends, its `<br>`s kept as line breaks: a
    /// block of its own, such as a caption.
    pub fn trimmed_block_text(&self, root: usize) -> String {
        self.visible_text(root).trim_end().to_string()
    }

    /// Every text node of the subtree, invisible elements included (script bodies).
    pub fn raw_text(&self, root: usize) -> String {
        (root..self.nodes[root].subtree_end)
            .filter_map(|index| match &self.nodes[index].data {
                NodeData::Text(text) => Some(*text),
                _ => None,
            })
            .collect()
    }

    /// Visits the subtree of `root` in document order, skipping invisible and hidden elements.
    fn walk_visible(&self, root: usize, mut visit: impl FnMut(&Self, usize)) {
        let end = self.nodes[root].subtree_end;
        let mut index = root;
        while index < end {
            if let Some(element) = self.element(index)
                && (is_invisible_tag(element.tag) || element.is_hidden())
            {
                index = self.nodes[index].subtree_end;
                continue;
            }
            visit(self, index);
            index += 1;
        }
    }
}

/// Sets each node's range of children and returns the list the ranges index. Children come
/// after their parent in document order, so counting them places them.
fn link_children(nodes: &mut [DomNode]) -> Vec<usize> {
    let mut counts = vec![0usize; nodes.len()];
    for node in nodes.iter() {
        if let Some(parent) = node.parent {
            counts[parent] += 1;
        }
    }
    let mut start = 0;
    for (node, count) in nodes.iter_mut().zip(&counts) {
        node.children = start..start;
        start += count;
    }
    let mut child_list = vec![0; start];
    for index in 0..nodes.len() {
        if let Some(parent) = nodes[index].parent {
            let slot = nodes[parent].children.end;
            child_list[slot] = index;
            nodes[parent].children.end += 1;
        }
    }
    child_list
}

/// Non-whitespace characters of a text, counted bytewise when it is ASCII (most text).
fn visible_chars(text: &str) -> usize {
    if text.is_ascii() {
        // The ASCII characters of `char::is_whitespace`: tab to carriage return, space.
        text.bytes()
            .filter(|byte| !matches!(byte, b'\t'..=b'\r' | b' '))
            .count()
    } else {
        text.chars().filter(|c| !c.is_whitespace()).count()
    }
}

/// Elements whose content is never text a reader sees (a `match`: asked of every node).
pub fn is_invisible_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "canvas"
            | "select"
            | "option"
            | "textarea"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_words_are_the_alphanumeric_runs() {
        for value in [
            "",
            "-",
            "a",
            "--a__b  c-",
            "post-body_text2",
            "Ünïcode–dash·x",
            "日本語 ニュース",
            "a\u{a0}b",
        ] {
            let expected: Vec<&str> = value
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| !word.is_empty())
                .collect();
            assert_eq!(
                Words { rest: value }.collect::<Vec<_>>(),
                expected,
                "{value}"
            );
        }
    }

    #[test]
    fn subtree_ranges_and_text_figures() {
        let html = Html::parse_document("<body><p>ab <a href=x>cd</a></p><div>e</div></body>");
        let (dom, _) = Dom::from_html(&html, &[]);
        let paragraph = dom.elements().find(|(_, e)| e.tag == "p").map(|(i, _)| i);
        let paragraph = paragraph.unwrap_or_default();
        assert_eq!(dom.nodes[paragraph].text_chars, 4);
        assert_eq!(dom.nodes[paragraph].link_chars, 2);
        assert_eq!(dom.line_text(paragraph), "ab cd");
        let div = dom.descendants_tagged(0, "div").next().unwrap_or_default();
        assert!(!dom.is_ancestor(paragraph, div));
    }
}
