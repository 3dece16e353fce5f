//! A flat, pre-ordered copy of the parsed page that every stage walks without recursion.
//!
//! Nodes are stored in document order, so a node's subtree is the index range
//! `index..subtree_end`, ancestors have smaller indices and skipping a subtree is one jump.

use std::borrow::Cow;
use std::collections::HashMap;

use scraper::{Html, Node, Selector};

use super::text::{BlockText, normalise_line};

/// Elements whose content is never text a reader sees.
const INVISIBLE_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object",
    "canvas", "select", "option", "textarea",
];

/// Elements nested deeper than this are flattened away before parsing: real pages stay far
/// below it, and the HTML parser's cost grows with the square of the nesting depth.
const MAX_NESTING_DEPTH: usize = 512;

/// Elements that never have an end tag.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// Elements whose end tag may be omitted: sloppy pages leave thousands of them open, so they
/// do not count towards the nesting depth.
const OPTIONAL_END_TAGS: &[&str] = &[
    "html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
    "option", "optgroup", "colgroup", "caption", "rb", "rt", "rp",
];

/// Elements whose content the parser reads as raw text, not markup.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];

#[derive(Debug)]
pub struct ElementData {
    pub tag: String,
    attributes: Vec<(String, String)>,
}

impl ElementData {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Lower-cased words of the `class` and `id` attributes (split on `-`, `_`, spaces),
    /// the vocabulary the content heuristics read.
    pub fn hint_words(&self) -> Vec<String> {
        let mut words = Vec::new();
        for name in ["class", "id"] {
            if let Some(value) = self.attr(name) {
                words.extend(
                    value
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|word| !word.is_empty())
                        .map(str::to_lowercase),
                );
            }
        }
        words
    }

    /// True when the author hid the element from readers.
    pub fn is_hidden(&self) -> bool {
        if self.attr("hidden").is_some() || self.attr("aria-hidden") == Some("true") {
            return true;
        }
        self.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
    }
}

#[derive(Debug)]
pub enum NodeData {
    Element(ElementData),
    Text(String),
    Other,
}

#[derive(Debug)]
pub struct DomNode {
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub subtree_end: usize,
    pub data: NodeData,
    /// Non-whitespace characters of visible text in the subtree.
    pub text_chars: usize,
    /// Of those, characters inside links.
    pub link_chars: usize,
}

#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<DomNode>,
}

impl Dom {
    /// Copies the parsed page and resolves each group of `queries` (CSS selectors) to the
    /// indices of the elements it matches, in document order.
    pub fn from_html(html: &Html, queries: &[&[Selector]]) -> (Self, Vec<Vec<usize>>) {
        let mut index_of = HashMap::new();
        let mut nodes: Vec<DomNode> = Vec::new();
        for node in html.tree.root().descendants() {
            let index = nodes.len();
            index_of.insert(node.id(), index);
            let parent = node
                .parent()
                .and_then(|parent| index_of.get(&parent.id()).copied());
            if let Some(parent) = parent {
                nodes[parent].children.push(index);
            }
            let data = match node.value() {
                Node::Element(element) => NodeData::Element(ElementData {
                    tag: element.name().to_ascii_lowercase(),
                    attributes: element
                        .attrs()
                        .map(|(key, value)| (key.to_ascii_lowercase(), value.to_string()))
                        .collect(),
                }),
                Node::Text(text) => NodeData::Text(text.to_string()),
                _ => NodeData::Other,
            };
            nodes.push(DomNode {
                parent,
                children: Vec::new(),
                subtree_end: index + 1,
                data,
                text_chars: 0,
                link_chars: 0,
            });
        }
        let mut dom = Dom { nodes };
        dom.compute_subtree_figures();
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

    /// Children have larger indices than their parent, so one backward pass sums subtrees.
    fn compute_subtree_figures(&mut self) {
        for index in (0..self.nodes.len()).rev() {
            let (mut text_chars, mut link_chars, mut subtree_end) = (0, 0, index + 1);
            match &self.nodes[index].data {
                NodeData::Text(text) => {
                    text_chars = text.chars().filter(|c| !c.is_whitespace()).count();
                }
                NodeData::Element(element) if INVISIBLE_TAGS.contains(&element.tag.as_str()) => {
                    subtree_end = self.last_descendant_end(index);
                }
                NodeData::Element(element) => {
                    subtree_end = self.last_descendant_end(index);
                    for &child in &self.nodes[index].children {
                        text_chars += self.nodes[child].text_chars;
                        link_chars += self.nodes[child].link_chars;
                    }
                    if element.tag == "a" {
                        link_chars = text_chars;
                    }
                }
                NodeData::Other => {
                    subtree_end = self.last_descendant_end(index);
                    for &child in &self.nodes[index].children {
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

    fn last_descendant_end(&self, index: usize) -> usize {
        self.nodes[index]
            .children
            .last()
            .map_or(index + 1, |&child| self.nodes[child].subtree_end)
    }

    pub fn element(&self, index: usize) -> Option<&ElementData> {
        match &self.nodes.get(index)?.data {
            NodeData::Element(element) => Some(element),
            _ => None,
        }
    }

    /// The element's tag name, or "" for other nodes.
    pub fn tag(&self, index: usize) -> &str {
        self.element(index)
            .map_or("", |element| element.tag.as_str())
    }

    pub fn attr(&self, index: usize, name: &str) -> Option<&str> {
        self.element(index)?.attr(name)
    }

    pub fn elements(&self) -> impl Iterator<Item = (usize, &ElementData)> {
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

    /// Every text node of the subtree, invisible elements included (script bodies).
    pub fn raw_text(&self, root: usize) -> String {
        (root..self.nodes[root].subtree_end)
            .filter_map(|index| match &self.nodes[index].data {
                NodeData::Text(text) => Some(text.as_str()),
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
                && (INVISIBLE_TAGS.contains(&element.tag.as_str()) || element.is_hidden())
            {
                index = self.nodes[index].subtree_end;
                continue;
            }
            visit(self, index);
            index += 1;
        }
    }
}

pub fn is_invisible_tag(tag: &str) -> bool {
    INVISIBLE_TAGS.contains(&tag)
}

/// Removes the tags of elements nested deeper than [`MAX_NESTING_DEPTH`], keeping their text,
/// so that pathological pages parse in linear time. Returns the input unchanged (borrowed) for
/// every ordinary page. The scan is approximate (no full tokenizer), which is enough to bound
/// the depth the parser sees.
pub fn limit_nesting(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut open_tags: Vec<(String, bool)> = Vec::new();
    let mut removed_ranges: Vec<(usize, usize)> = Vec::new();
    let mut position = 0;
    while let Some(offset) = bytes[position..].iter().position(|&b| b == b'<') {
        let start = position + offset;
        let Some(tag_end) = bytes[start..]
            .iter()
            .position(|&b| b == b'>')
            .map(|e| start + e + 1)
        else {
            break;
        };
        position = tag_end;
        let inner = &html[start + 1..tag_end - 1];
        if let Some(comment) = inner.strip_prefix("!--") {
            // Comments may contain '>' before their real end.
            if !comment.ends_with("--") {
                position = html[start..]
                    .find("-->")
                    .map_or(bytes.len(), |e| start + e + 3);
            }
            continue;
        }
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty()
            || VOID_TAGS.contains(&name.as_str())
            || OPTIONAL_END_TAGS.contains(&name.as_str())
        {
            continue;
        }
        if closing {
            // Close the nearest open element of that name; stray end tags are ignored.
            if let Some(depth) = open_tags.iter().rposition(|(open, _)| *open == name) {
                if open_tags[depth].1 {
                    removed_ranges.push((start, tag_end));
                }
                open_tags.truncate(depth);
            }
            continue;
        }
        if inner.ends_with('/') {
            continue;
        }
        if RAW_TEXT_TAGS.contains(&name.as_str()) {
            let close = format!("</{name}");
            position = find_ascii_case_insensitive(html, tag_end, &close).unwrap_or(bytes.len());
            continue;
        }
        let too_deep = open_tags.len() >= MAX_NESTING_DEPTH;
        if too_deep {
            removed_ranges.push((start, tag_end));
        }
        open_tags.push((name, too_deep));
    }
    if removed_ranges.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut flattened = String::with_capacity(html.len());
    let mut copied_up_to = 0;
    for (start, end) in removed_ranges {
        flattened.push_str(&html[copied_up_to..start]);
        copied_up_to = end;
    }
    flattened.push_str(&html[copied_up_to..]);
    Cow::Owned(flattened)
}

fn find_ascii_case_insensitive(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.as_bytes()[from..]
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
        .map(|offset| from + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_not_rewritten() {
        let html = "<div><p>a<br>b</p><script>if (a<b) {}</script><!-- <x> --></div>";
        assert!(matches!(limit_nesting(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let depth = MAX_NESTING_DEPTH * 2;
        let html = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let flattened = limit_nesting(&html);
        assert_eq!(flattened.matches("<div>").count(), MAX_NESTING_DEPTH);
        assert_eq!(flattened.matches("</div>").count(), MAX_NESTING_DEPTH);
        assert!(flattened.contains("<p>deep</p>"));
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
