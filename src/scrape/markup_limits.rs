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

use super::html::FOREIGN_BREAKOUT;

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

/// What the scan does with an element, by its (lower-case) tag name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagClass {
    /// Never has an end tag.
    Void,
    /// Its end tag may be omitted: sloppy pages leave thousands of them open, so they do
    /// not count towards the nesting depth.
    OptionalEnd,
    /// The parser reads its content as raw text, not markup.
    RawText,
    /// Its content is left as it is: the tokenizer reads it as text, or the fallback cascade
    /// reads it as markup (its length included).
    KeptContent,
    Other,
}

/// One `match` per tag instead of a look through each list.
fn tag_class(name: &str) -> TagClass {
    match name {
        "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta"
        | "source" | "track" | "wbr" | "param" | "keygen" => TagClass::Void,
        "html" | "head" | "body" | "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "thead"
        | "tbody" | "tfoot" | "option" | "optgroup" | "colgroup" | "caption" | "rb" | "rt"
        | "rp" => TagClass::OptionalEnd,
        "script" | "style" | "textarea" | "title" | "xmp" | "plaintext" => TagClass::RawText,
        "iframe" | "noembed" | "noframes" | "noscript" | "template" => TagClass::KeptContent,
        _ => TagClass::Other,
    }
}

/// Scripts and style sheets shorter than this are left alone: emptying them would copy the
/// page for little.
const MIN_EMPTIED_BYTES: usize = 512;

/// Which attributes the parser is to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attributes {
    /// Every attribute (a site rule's selectors may test any).
    All,
    /// Only those the extractor reads, and those that change how the page parses; comments
    /// go too.
    Read,
}

/// Whether the generic extractor reads the attribute (`Dom` users), or the HTML tree builder
/// looks at it (`type` of `<input>`, `<font>`'s `color`/`face`/`size`, `encoding` of
/// `<annotation-xml>`, `shadowrootmode` of `<template>`); names compared ignoring ASCII case.
/// The others (data-*, aria-*, event handlers, sizes…) are a good share of a page's markup
/// and cost the parser time and memory for nothing.
fn is_read_attribute(name: &[u8]) -> bool {
    let mut buffer = [0u8; 16];
    let Some(lower) = buffer.get_mut(..name.len()) else {
        return false;
    };
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"class"
            | b"id"
            | b"style"
            | b"hidden"
            | b"aria-hidden"
            | b"aria-label"
            | b"role"
            | b"itemprop"
            | b"itemtype"
            | b"content"
            | b"datetime"
            | b"lang"
            | b"xml:lang"
            | b"type"
            | b"rel"
            | b"href"
            | b"src"
            | b"srcset"
            | b"data-src"
            | b"data-lazy-src"
            | b"data-original"
            | b"property"
            | b"name"
            | b"http-equiv"
            | b"charset"
            | b"color"
            | b"face"
            | b"size"
            | b"encoding"
            | b"shadowrootmode"
    )
}

/// The page with the tags past the limits removed (their text kept), long scripts and style
/// sheets emptied and, with [`Attributes::Read`], comments and the attributes nobody reads
/// removed; the input itself (borrowed) when there is nothing to remove.
pub fn limit_markup(html: &str, attributes: Attributes) -> Cow<'_, str> {
    let mut open = OpenElements::default();
    let mut removed_ranges: Vec<(usize, usize)> = Vec::new();
    let max_elements = MIN_ELEMENTS.max(html.len() / BYTES_PER_ELEMENT);
    let mut elements = 0;
    let mut position = 0;
    // Where attributes and comments may be removed again: not inside an element whose content
    // is kept, nor inside a quoted value the approximate scan cut short.
    let mut keep_markup_until = 0;
    let mut name_buffer = [0u8; MAX_NAME_BYTES];
    // A page whose attributes are read is copied anyway: every script can go.
    let min_emptied = match attributes {
        Attributes::All => MIN_EMPTIED_BYTES,
        Attributes::Read => 1,
    };
    while let Some(offset) = memchr::memchr(b'<', &html.as_bytes()[position..]) {
        let start = position + offset;
        if !html
            .as_bytes()
            .get(start + 1)
            .is_some_and(|&next| next.is_ascii_alphabetic() || matches!(next, b'!' | b'/' | b'?'))
        {
            // A '<' that opens no tag is text: the tokenizer reads on right after it.
            position = start + 1;
            continue;
        }
        let Some(tag_end) =
            memchr::memchr(b'>', &html.as_bytes()[start..]).map(|end| start + end + 1)
        else {
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
            let closed_oddly = || html[start..position].contains("--!>");
            if over_budget
                || (attributes == Attributes::Read && start >= keep_markup_until && !closed_oddly())
            {
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
        if name_length == 0 {
            continue;
        }
        let long_name;
        let name = match lower_name(&unprefixed[..name_length], &mut name_buffer) {
            Some(name) => name,
            None => {
                long_name = unprefixed[..name_length].to_ascii_lowercase();
                long_name.as_str()
            }
        };
        let class = tag_class(name);
        // A '>' inside a quoted value ends the scan's tag early: the tokenizer reads on to the
        // real end, and nothing up to it is what the scan takes it for.
        let well_formed = closing || quotes_closed(inner.as_bytes());
        if !well_formed {
            keep_markup_until =
                keep_markup_until.max(quoted_tag_end(html, start).unwrap_or(html.len()));
        }
        // Below the usual size, emptying is for pages read in part, where the scan follows the
        // tokenizer.
        let min_emptied = if start < keep_markup_until {
            MIN_EMPTIED_BYTES
        } else {
            min_emptied
        };
        if class == TagClass::RawText && !closing && !inner.ends_with('/') {
            position = find_end_tag(html, tag_end, name).unwrap_or(html.len());
            if over_budget {
                // Its content would show as text without its tags: it goes too.
                removed_ranges.push((start, position));
            } else if well_formed
                && matches!(name, "script" | "style")
                && position - tag_end >= min_emptied
                && !contains_ignoring_case(inner, "ld+json")
                // A script with "<!--" may hide a "</script>" the tokenizer does not end on.
                && !(name == "script" && html[tag_end..position].contains("<!--"))
            {
                removed_ranges.push((tag_end, position));
            }
            continue;
        }
        if name == "svg" && well_formed && !closing && !over_budget && !inner.ends_with('/') {
            // An unclosed <svg> is left to the parser: the page's text may follow it; so is
            // one whose content the parser would not keep inside it.
            if let Some(end) = find_end_tag(html, tag_end, name)
                && end - tag_end >= min_emptied
                && !leaves_svg(&html[tag_end..end])
            {
                removed_ranges.push((tag_end, end));
                position = end;
                continue;
            }
        }
        if matches!(name, "svg" | "math") && !closing && !inner.ends_with('/') {
            // Inside foreign content the tokenizer reads <title>, <style> and comments otherwise
            // than the scan does: the rest of the page is left as it is.
            keep_markup_until = html.len();
        }
        if over_budget {
            removed_ranges.push((start, tag_end));
            continue;
        }
        if !closing {
            if let Some(cut) = attributes_past_limit(inner) {
                // Keep the name and the first attributes; the tag still ends with '>'.
                removed_ranges.push((start + 1 + cut, tag_end - 1));
            } else if attributes == Attributes::Read
                && start >= keep_markup_until
                && inner.as_bytes()[0].is_ascii_alphabetic()
            {
                unread_attributes(inner, start + 1, &mut removed_ranges);
            }
            if class == TagClass::KeptContent && !inner.ends_with('/') {
                keep_markup_until =
                    keep_markup_until.max(find_end_tag(html, tag_end, name).unwrap_or(html.len()));
            }
        }
        if matches!(class, TagClass::Void | TagClass::OptionalEnd) {
            continue;
        }
        if closing {
            // Close the nearest open element of that name; stray end tags are ignored.
            if open.close(name) == Some(true) {
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

/// Whether the content of an `<svg>` (up to the first `</svg`) may not be the element's whole
/// content as the parser reads it: it holds a tag that breaks out of foreign content, `</p>` or
/// `</br>`, a nested `<svg>` (whose end tag is the one found), a comment or CDATA section that
/// does not end in it (or ends oddly), a tag whose quoted value does not end in it, or a
/// `<title>`, `<desc>` or `<foreignObject>` it does not close. Such an
/// `<svg>` is not emptied.
fn leaves_svg(content: &str) -> bool {
    let mut buffer = [0u8; MAX_NAME_BYTES];
    let mut position = 0;
    // An SVG `<title>`, `<desc>` or `<foreignObject>` reads its content as HTML, where
    // `</svg>` cannot close it: one left open holds the rest of the page.
    let mut open_integration_points = 0usize;
    while let Some(offset) = memchr::memchr(b'<', &content.as_bytes()[position..]) {
        let start = position + offset;
        position = start + 1;
        let rest = &content[start + 1..];
        if rest.starts_with('!') {
            // A comment, CDATA section or declaration: it must end inside the content.
            let (opening, closing) = if rest.starts_with("!--") {
                ("<!--", "-->")
            } else if rest.starts_with("![CDATA[") {
                ("<![CDATA[", "]]>")
            } else {
                ("<!", ">")
            };
            let body = &content[start + opening.len()..];
            match body.find(closing) {
                Some(end) if !body[..end].contains("--!") && !body.starts_with('>') => {
                    position = start + opening.len() + end + closing.len();
                    continue;
                }
                _ => return true,
            }
        }
        let (closing, name_start) = match rest.strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, rest),
        };
        if !name_start.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let length = name_start
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        // The tag's name as the tokenizer reads it ends at whitespace, '/' or '>' only.
        let whole_name = name_start[length..]
            .starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>');
        let breaks_out = match lower_name(&name_start[..length], &mut buffer) {
            Some(name) if closing => {
                if whole_name && is_one_of(name, HTML_INTEGRATION_POINTS) {
                    open_integration_points = open_integration_points.saturating_sub(1);
                }
                matches!(name, "p" | "br")
            }
            Some(name) => {
                if is_one_of(name, HTML_INTEGRATION_POINTS) {
                    open_integration_points += 1;
                }
                // The start tags that end an <svg> early (the standard's "in foreign content"
                // rules); `font` counts whatever its attributes, which only keeps more markup.
                name == "svg" || name == "font" || is_one_of(name, FOREIGN_BREAKOUT)
            }
            None => false,
        };
        if breaks_out {
            return true;
        }
        match quoted_tag_end(content, start) {
            Some(end) => position = end,
            None => return true,
        }
    }
    open_integration_points > 0
}

/// The SVG elements whose content the parser reads as HTML (lower-cased).
const HTML_INTEGRATION_POINTS: &[&str] = &["title", "desc", "foreignobject"];

/// Tag names up to this long are lower-cased without allocating.
const MAX_NAME_BYTES: usize = 32;

/// The tag name (ASCII alphanumerics) lower-cased in `buffer`; `None` when longer than it.
fn lower_name<'a>(name: &str, buffer: &'a mut [u8; MAX_NAME_BYTES]) -> Option<&'a str> {
    let lower = buffer.get_mut(..name.len())?;
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok()
}

fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Reads the attributes of a start tag's inner text (`inner` starts at byte `offset` of the
/// page) the way the HTML tokenizer does, and adds the byte ranges of those not in
/// [`is_read_attribute`] to `removed`. The tag is well formed (its quoted values closed).
fn unread_attributes(inner: &str, offset: usize, removed: &mut Vec<(usize, usize)>) {
    let bytes = inner.as_bytes();
    let is_space = |byte: u8| matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    // The tag name runs to the first space or '/'.
    let mut at = bytes
        .iter()
        .position(|&byte| is_space(byte) || byte == b'/')
        .unwrap_or(bytes.len());
    while at < bytes.len() {
        if is_space(bytes[at]) || bytes[at] == b'/' {
            at += 1;
            continue;
        }
        // An attribute name: a leading '=' belongs to it.
        let name_start = at;
        at += 1;
        while at < bytes.len() && !is_space(bytes[at]) && !matches!(bytes[at], b'/' | b'=') {
            at += 1;
        }
        let name = &bytes[name_start..at];
        let mut value_end = at;
        let mut after_name = at;
        while after_name < bytes.len() && is_space(bytes[after_name]) {
            after_name += 1;
        }
        if bytes.get(after_name) == Some(&b'=') {
            at = after_name + 1;
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => match memchr::memchr(quote, &bytes[at + 1..]) {
                    Some(length) => at += length + 2,
                    None => return,
                },
                Some(_) => {
                    while at < bytes.len() && !is_space(bytes[at]) {
                        at += 1;
                    }
                }
                None => {}
            }
            value_end = at;
        }
        if !is_read_attribute(name) {
            removed.push((offset + name_start, offset + value_end));
        }
    }
}

/// Whether every quoted attribute value of a tag's inner text (up to its first '>') is closed
/// in it: then the tag ends where [`quoted_tag_end`] says. A quote opens a value only after
/// '=' (and spaces), as there; quotes are found with memchr, not byte by byte.
fn quotes_closed(inner: &[u8]) -> bool {
    let mut at = 0;
    while let Some(found) = memchr::memchr2(b'"', b'\'', &inner[at..]) {
        let quote = at + found;
        // Spaces back to the previous non-space: runs between quotes, so linear overall.
        let opens = inner[..quote]
            .iter()
            .rev()
            .find(|&&byte| !matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' '))
            == Some(&b'=');
        at = quote + 1;
        if opens {
            match memchr::memchr(inner[quote], &inner[at..]) {
                Some(length) => at += length + 1,
                None => return false,
            }
        }
    }
    true
}

/// The end (after its '>') of the tag starting at `start`, quoted attribute values honoured;
/// `None` when the text ends first.
fn quoted_tag_end(html: &str, start: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut quote = None;
    let mut after_equals = false;
    for (at, &byte) in bytes.iter().enumerate().skip(start + 1) {
        match quote {
            Some(open) if byte == open => quote = None,
            Some(_) => {}
            None => match byte {
                b'>' => return Some(at + 1),
                b'"' | b'\'' if after_equals => quote = Some(byte),
                b'=' => {
                    after_equals = true;
                    continue;
                }
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' => continue,
                _ => {}
            },
        }
        after_equals = false;
    }
    None
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
/// end tag finds its element in constant time however deep the stack. Names are interned:
/// a page has a few dozen distinct ones, and a string per element would cost an allocation.
#[derive(Default)]
struct OpenElements {
    /// (name id, its tags removed)
    stack: Vec<(usize, bool)>,
    /// Ids of the names [`common_name_id`] does not know, after its.
    ids: HashMap<String, usize>,
    /// Positions in `stack` of each name id.
    positions: Vec<Vec<usize>>,
}

/// How many ids [`common_name_id`] gives.
const COMMON_NAMES: usize = 40;

/// Ids of the elements most pages open, without hashing their names.
fn common_name_id(name: &str) -> Option<usize> {
    Some(match name {
        "div" => 0,
        "span" => 1,
        "a" => 2,
        "b" => 3,
        "i" => 4,
        "em" => 5,
        "strong" => 6,
        "section" => 7,
        "article" => 8,
        "main" => 9,
        "header" => 10,
        "footer" => 11,
        "nav" => 12,
        "aside" => 13,
        "ul" => 14,
        "ol" => 15,
        "form" => 16,
        "button" => 17,
        "label" => 18,
        "figure" => 19,
        "figcaption" => 20,
        "picture" => 21,
        "video" => 22,
        "table" => 23,
        "blockquote" => 24,
        "h1" => 25,
        "h2" => 26,
        "h3" => 27,
        "h4" => 28,
        "h5" => 29,
        "h6" => 30,
        "time" => 31,
        "small" => 32,
        "sup" => 33,
        "u" => 34,
        "svg" => 35,
        "g" => 36,
        "path" => 37,
        "select" => 38,
        "cite" => 39,
        _ => return None,
    })
}

impl OpenElements {
    fn depth(&self) -> usize {
        self.stack.len()
    }

    fn id(&self, name: &str) -> Option<usize> {
        common_name_id(name).or_else(|| self.ids.get(name).copied())
    }

    fn push(&mut self, name: &str, removed: bool) {
        let id = match self.id(name) {
            Some(id) => id,
            None => {
                let id = COMMON_NAMES + self.ids.len();
                self.ids.insert(name.to_string(), id);
                id
            }
        };
        if self.positions.len() <= id {
            self.positions.resize_with(id + 1, Vec::new);
        }
        self.positions[id].push(self.stack.len());
        self.stack.push((id, removed));
    }

    /// Closes the nearest open element named `name` and those opened inside it; whether its
    /// tags are removed, `None` when none is open.
    fn close(&mut self, name: &str) -> Option<bool> {
        let id = self.id(name)?;
        let at = *self.positions.get(id)?.last()?;
        let removed = self.stack[at].1;
        for (inner, _) in self.stack.drain(at..) {
            self.positions[inner].pop();
        }
        Some(removed)
    }
}

/// Where the end tag `</name` of a raw-text element starts, searching from `from`.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let name = name.as_bytes();
    let mut position = from;
    while let Some(offset) = memchr::memchr(b'<', &html.as_bytes()[position..]) {
        let start = position + offset;
        let candidate = &html.as_bytes()[start + 1..];
        // As the tokenizer's "appropriate end tag": the name, then whitespace, '/' or '>'.
        if candidate.first() == Some(&b'/')
            && candidate
                .get(1..=name.len())
                .is_some_and(|tag| tag.eq_ignore_ascii_case(name))
            && candidate
                .get(name.len() + 1)
                .is_some_and(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
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
        assert!(matches!(
            limit_markup(html, Attributes::All),
            Cow::Borrowed(_)
        ));
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
        assert_eq!(limit_markup(&html, Attributes::All), expected);
        let unclosed = format!("<svg><path d=\"{code}\"/><p>text</p>");
        assert!(matches!(
            limit_markup(&unclosed, Attributes::All),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn unread_attributes_comments_and_scripts_go_when_reading() {
        let html = concat!(
            "<div CLASS=\"a\" data-x='1 2' onclick=go() id=b/>",
            "<!-- note --><img data-src=\"i.jpg\"data-w=3 src=j.jpg alt>",
            "<script>x()</script><script type=\"application/ld+json\">{}</script>",
            "<svg><path d=\"M0\"/></svg><p =odd style='display:none'>t</p>"
        );
        assert_eq!(
            limit_markup(html, Attributes::Read),
            concat!(
                "<div CLASS=\"a\"   id=b/>",
                "<img data-src=\"i.jpg\" src=j.jpg >",
                "<script></script><script type=\"application/ld+json\">{}</script>",
                "<svg></svg><p  style='display:none'>t</p>"
            )
        );
        assert!(matches!(
            limit_markup(html, Attributes::All),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn markup_the_tokenizer_reads_as_text_is_left_alone() {
        // A '>' inside a quoted value: what follows up to the real end is that value.
        let quoted = "<a title=\"x>y <b data-z=1> <!--c-->\" data-q=2 href=h>t</a>";
        assert_eq!(
            limit_markup(quoted, Attributes::Read),
            "<a title=\"x>y <b data-z=1> <!--c-->\" data-q=2 href=h>t</a>"
        );
        let hidden = "<noscript><img data-x=1 src=a><!--c--></noscript><i data-y=2>t</i>";
        assert_eq!(
            limit_markup(hidden, Attributes::Read),
            "<noscript><img data-x=1 src=a><!--c--></noscript><i >t</i>"
        );
        let template = "<template><b data-x=1>t</b></template><b data-x=1>u</b>";
        assert_eq!(
            limit_markup(template, Attributes::Read),
            "<template><b data-x=1>t</b></template><b >u</b>"
        );
        let odd_comment = "<!-- a --!> b --><p>t</p>";
        assert!(matches!(
            limit_markup(odd_comment, Attributes::Read),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn svgs_and_scripts_the_parser_leaves_early_are_kept() {
        for html in [
            "<svg><title>t</title></p><path/></svg><p>text</p>",
            "<svg><svg><path/></svg><text>shown</text></svg>",
            "<svg><g><div>html</div></g></svg>",
            "<svg><title>a<!-- b</title></svg><p>c -->d</p>",
            "<svg><!-- a --!> b --></svg>",
            "<svg><text x=\"</svg>\">t</text></svg>",
            "<script><!--<script></script>x--></script><p>text</p>",
            // A title left open reads the rest as HTML, `</svg>` included.
            "<svg><title>t</titl</p>e><path/></svg><p>text</p>",
            "<svg><desc>d<path/></svg><p>text</p>",
            "<svg><foreignObject><b>x</b></svg>",
        ] {
            assert!(
                matches!(limit_markup(html, Attributes::Read), Cow::Borrowed(_)),
                "{html}"
            );
        }
        assert_eq!(
            limit_markup(
                "<svg><!-- made by --><title>t</title><path/></svg>",
                Attributes::Read
            ),
            "<svg></svg>"
        );
        assert_eq!(
            limit_markup(
                "<svg><desc>d</desc><title>t</title ><path/></svg>",
                Attributes::Read
            ),
            "<svg></svg>"
        );
        // After an <svg> left to the parser, nothing more is removed.
        assert_eq!(
            limit_markup(
                "<svg><p>a</svg><i data-x=1>b</i><!-- c -->",
                Attributes::Read
            ),
            "<svg><p>a</svg><i data-x=1>b</i><!-- c -->"
        );
    }

    #[test]
    fn an_end_tag_is_one_the_tokenizer_takes_for_one() {
        // "</scripts>" and "</title<" do not end the element: the real end tag is further on.
        assert_eq!(
            limit_markup("<script>a</scripts>b</script><p>c</p>", Attributes::Read),
            "<script></script><p>c</p>"
        );
        let title = "<title>a</title<!-->b</title><p data-x=1>c</p>";
        assert_eq!(
            limit_markup(title, Attributes::Read),
            "<title>a</title<!-->b</title><p >c</p>"
        );
    }

    #[test]
    fn quotes_closed_agrees_with_the_quoted_tag_end() {
        for tag in [
            "<a href=\"x\">",
            "<a title=\"x>y\" href=h>",
            "<a title = 'x>y'>",
            "<a b\"c>",
            "<a b=\"c\"'d>",
            "<a b=\"c=\" \"d>",
            "<a b==\"c\">",
            "<a b=\"c>",
            "<p class='a' id=\"b\" data-x='>'>",
            "<img alt=\"\" src='>",
            "<div\n class=\n\t'a>b'>",
        ] {
            let first_end = tag.find('>').map(|end| end + 1);
            let inner = &tag.as_bytes()[1..first_end.unwrap_or(tag.len()) - 1];
            assert_eq!(
                quotes_closed(inner),
                quoted_tag_end(tag, 0) == first_end,
                "{tag}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let depth = MAX_NESTING_DEPTH * 2;
        let html = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let flattened = limit_markup(&html, Attributes::All);
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
        let limited = limit_markup(&html, Attributes::All);
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
        let limited = limit_markup(&html, Attributes::All);
        assert_eq!(limited.matches("=\"x y\"").count(), MAX_ATTRIBUTES);
        assert!(limited.ends_with("\"x y\" >text</p>"), "{limited}");
    }

    #[test]
    fn stray_end_tags_under_deep_nesting_do_not_search_the_whole_stack() {
        let html = format!("{}text{}", "<div>".repeat(3), "</span>".repeat(5));
        assert!(matches!(
            limit_markup(&html, Attributes::All),
            Cow::Borrowed(_)
        ));
        let mut open = OpenElements::default();
        for name in ["div", "span", "div", "b"] {
            open.push(name, false);
        }
        assert_eq!(open.close("span"), Some(false));
        assert_eq!(open.depth(), 1);
        assert_eq!(open.close("b"), None);
        assert_eq!(open.close("div"), Some(false));
        assert_eq!(open.depth(), 0);
    }
}
