//! Limits on the markup the HTML parser sees, so that hostile pages parse in time and memory
//! linear in their size, a small multiple of it, however they are built.
//!
//! The parser's own costs grow with the square of the nesting depth (its stacks of open and
//! formatting elements) and of one tag's attribute count (duplicates are looked up), and its
//! tree takes some 250 bytes per element: a page of a million empty `<p>` would take 250 MB.
//! A light scan (no full tokenizer: approximate, which is enough to bound what the parser
//! sees) removes the tags past each limit and keeps their text. Ordinary pages stay far below
//! every limit.
//!
//! The same scan empties the scripts, style sheets and inline SVG images longer than a few
//! hundred bytes, JSON-LD excepted: the extractor never reads them, yet they are over half of a
//! news page's bytes, which the parsed tree would otherwise copy (peak heap of the largest Zyte
//! page: 3.9 MB instead of 6.1 MB).

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements nested deeper than this lose their tags.
const MAX_NESTING_DEPTH: usize = 512;

/// Elements (start tags and comments) a page may have: one per this many bytes of it, so
/// that the parsed tree (some 250 bytes an element) stays within about ten times the page;
/// after them the page is text only. Real pages have one per 15–50 bytes of markup but most
/// of their bytes are text and scripts: the largest of the 2,468 pages of the shared
/// datasets has under 10,000 start tags in 138 kB.
const BYTES_PER_ELEMENT: usize = 24;

/// ... but never fewer than this many elements.
const MIN_ELEMENTS: usize = 50_000;

/// Attributes kept on one element; the rest are removed. Real elements carry a few dozen.
const MAX_ATTRIBUTES: usize = 256;

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

/// Scripts and style sheets shorter than this are left alone: emptying them would copy the
/// page for little.
const MIN_EMPTIED_BYTES: usize = 512;

/// Elements whose content the parser reads as raw text, not markup.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];

/// The page with the tags past the limits removed (their text kept); the input itself
/// (borrowed) when no limit is reached.
pub fn limit_markup(html: &str) -> Cow<'_, str> {
    let mut open = OpenElements::default();
    let mut removed_ranges: Vec<(usize, usize)> = Vec::new();
    let max_elements = MIN_ELEMENTS.max(html.len() / BYTES_PER_ELEMENT);
    let mut elements = 0;
    let mut position = 0;
    while let Some(offset) = html[position..].find('<') {
        let start = position + offset;
        let Some(tag_end) = html[start..].find('>').map(|end| start + end + 1) else {
            break;
        };
        position = tag_end;
        let inner = &html[start + 1..tag_end - 1];
        if !inner.starts_with('/') {
            elements += 1;
        }
        let over_budget = elements > max_elements;
        if let Some(comment) = inner.strip_prefix("!--") {
            // Comments may contain '>' before their real end.
            if !comment.ends_with("--") {
                position = html[start..]
                    .find("-->")
                    .map_or(html.len(), |e| start + e + 3);
            }
            if over_budget {
                removed_ranges.push((start, position));
            }
            continue;
        }
        let closing = inner.starts_with('/');
        let unprefixed = inner.trim_start_matches('/');
        let name_length = unprefixed
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let name = unprefixed[..name_length].to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if is_one_of(&name, RAW_TEXT_TAGS) && !closing && !inner.ends_with('/') {
            position = find_end_tag(html, tag_end, &name).unwrap_or(html.len());
            if over_budget {
                // Its content would show as text without its tags: it goes too.
                removed_ranges.push((start, position));
            } else if matches!(name.as_str(), "script" | "style")
                && position - tag_end >= MIN_EMPTIED_BYTES
                && !inner.to_ascii_lowercase().contains("ld+json")
            {
                removed_ranges.push((tag_end, position));
            }
            continue;
        }
        if name == "svg" && !closing && !over_budget && !inner.ends_with('/') {
            // An unclosed <svg> is left to the parser: the page's text may follow it.
            if let Some(end) = find_end_tag(html, tag_end, &name)
                && end - tag_end >= MIN_EMPTIED_BYTES
            {
                removed_ranges.push((tag_end, end));
                position = end;
                continue;
            }
        }
        if over_budget {
            removed_ranges.push((start, tag_end));
            continue;
        }
        if !closing && let Some(cut) = attributes_past_limit(inner) {
            // Keep the name and the first attributes; the tag still ends with '>'.
            removed_ranges.push((start + 1 + cut, tag_end - 1));
        }
        if is_one_of(&name, VOID_TAGS) || is_one_of(&name, OPTIONAL_END_TAGS) {
            continue;
        }
        if closing {
            // Close the nearest open element of that name; stray end tags are ignored.
            if open.close(&name) == Some(true) {
                removed_ranges.push((start, tag_end));
            }
            continue;
        }
        if inner.ends_with('/') {
            continue;
        }
        let too_deep = open.depth() >= MAX_NESTING_DEPTH;
        if too_deep {
            removed_ranges.push((start, tag_end));
        }
        open.push(name, too_deep);
    }
    if removed_ranges.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut limited = String::with_capacity(html.len());
    let mut copied_up_to = 0;
    for (start, end) in removed_ranges {
        limited.push_str(&html[copied_up_to..start]);
        copied_up_to = end;
    }
    limited.push_str(&html[copied_up_to..]);
    Cow::Owned(limited)
}

fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.contains(&name)
}

/// Where, in a tag's inner text (name and attributes), the attribute past
/// [`MAX_ATTRIBUTES`] starts, if there is one: a space outside quotes begins an attribute.
fn attributes_past_limit(inner: &str) -> Option<usize> {
    // Few tags have even this many bytes: most are skipped without a look.
    if inner.len() < MAX_ATTRIBUTES * 2 {
        return None;
    }
    let mut quote = None;
    let mut attributes = 0;
    let mut after_space = false;
    for (at, byte) in inner.bytes().enumerate() {
        match (quote, byte) {
            (Some(q), _) if byte == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, _) if byte.is_ascii_whitespace() => after_space = true,
            (None, b'=') => after_space = false,
            (None, _) => {
                if after_space {
                    attributes += 1;
                    if attributes > MAX_ATTRIBUTES {
                        return Some(at);
                    }
                }
                after_space = false;
            }
        }
    }
    None
}

/// The stack of open elements the scan keeps, with each name's positions in it, so that an
/// end tag finds its element in constant time however deep the stack.
#[derive(Default)]
struct OpenElements {
    /// (lower-case name, its tags removed)
    stack: Vec<(String, bool)>,
    by_name: HashMap<String, Vec<usize>>,
}

impl OpenElements {
    fn depth(&self) -> usize {
        self.stack.len()
    }

    fn push(&mut self, name: String, removed: bool) {
        self.by_name
            .entry(name.clone())
            .or_default()
            .push(self.stack.len());
        self.stack.push((name, removed));
    }

    /// Closes the nearest open element named `name` and those opened inside it; whether its
    /// tags are removed, `None` when none is open.
    fn close(&mut self, name: &str) -> Option<bool> {
        let at = *self.by_name.get(name)?.last()?;
        let removed = self.stack[at].1;
        for (inner, _) in self.stack.drain(at..) {
            if let Some(positions) = self.by_name.get_mut(&inner) {
                positions.pop();
            }
        }
        Some(removed)
    }
}

/// Where the end tag `</name` of a raw-text element starts, searching from `from`.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let name = name.as_bytes();
    let mut position = from;
    while let Some(offset) = html[position..].find('<') {
        let start = position + offset;
        let candidate = &html.as_bytes()[start + 1..];
        if candidate.first() == Some(&b'/')
            && candidate
                .get(1..=name.len())
                .is_some_and(|tag| tag.eq_ignore_ascii_case(name))
        {
            return Some(start);
        }
        position = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_not_rewritten() {
        let html = "<div><p>a<br>b</p><script>if (a<b) {}</script><!-- <x> --></div>";
        assert!(matches!(limit_markup(html), Cow::Borrowed(_)));
    }

    #[test]
    fn long_scripts_styles_and_svgs_are_emptied_but_json_ld_kept() {
        let code = "x".repeat(MIN_EMPTIED_BYTES);
        let html = format!(
            "<script>{code}</script><style>{code}</style><script type=\"application/ld+json\">{code}</script><svg><path d=\"{code}\"/></svg><p>text</p>"
        );
        let expected = format!(
            "<script></script><style></style><script type=\"application/ld+json\">{code}</script><svg></svg><p>text</p>"
        );
        assert_eq!(limit_markup(&html), expected);
        let unclosed = format!("<svg><path d=\"{code}\"/><p>text</p>");
        assert!(matches!(limit_markup(&unclosed), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let depth = MAX_NESTING_DEPTH * 2;
        let html = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let flattened = limit_markup(&html);
        assert_eq!(flattened.matches("<div>").count(), MAX_NESTING_DEPTH);
        assert_eq!(flattened.matches("</div>").count(), MAX_NESTING_DEPTH);
        assert!(flattened.contains("<p>deep</p>"));
    }

    #[test]
    fn markup_past_the_element_budget_becomes_text_and_scripts_go() {
        let html = format!(
            "<article>{}<script>var x = '<b>';</script><!-- note --><b>tail</b></article>",
            "<p>para".repeat(MIN_ELEMENTS)
        );
        assert!(html.len() / BYTES_PER_ELEMENT < MIN_ELEMENTS);
        let limited = limit_markup(&html);
        assert_eq!(limited.matches("<p>").count(), MIN_ELEMENTS - 1);
        assert!(
            limited.ends_with("paratail"),
            "{}",
            &limited[limited.len() - 40..]
        );
    }

    #[test]
    fn attributes_past_the_limit_are_removed() {
        let attributes: Vec<String> = (0..MAX_ATTRIBUTES * 3)
            .map(|i| format!("data-a{i}=\"x y\""))
            .collect();
        let html = format!("<p {}>text</p>", attributes.join(" "));
        let limited = limit_markup(&html);
        assert_eq!(limited.matches("=\"x y\"").count(), MAX_ATTRIBUTES);
        assert!(limited.ends_with("\"x y\" >text</p>"), "{limited}");
    }

    #[test]
    fn stray_end_tags_under_deep_nesting_do_not_search_the_whole_stack() {
        let html = format!("{}text{}", "<div>".repeat(3), "</span>".repeat(5));
        assert!(matches!(limit_markup(&html), Cow::Borrowed(_)));
        let mut open = OpenElements::default();
        for name in ["div", "span", "div", "b"] {
            open.push(name.into(), false);
        }
        assert_eq!(open.close("span"), Some(false));
        assert_eq!(open.depth(), 1);
        assert_eq!(open.close("b"), None);
        assert_eq!(open.close("div"), Some(false));
        assert_eq!(open.depth(), 0);
    }
}
