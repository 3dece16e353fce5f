//! Feed text as readers see it: character references decoded (all of HTML's, since feeds use
//! `&nbsp;` without declaring it), markup of HTML elements removed, whitespace folded.

use std::borrow::Cow;

/// HTML elements whose tags are removed from titles and summaries. Anything else between `<`
/// and `>` is text: "Vec<T> in Rust" keeps its `<T>`, as feedparser keeps it.
#[rustfmt::skip]
const HTML_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo",
    "big", "blockquote", "body", "br", "button", "caption", "center", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "embed", "fieldset",
    "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li",
    "link", "main", "mark", "meta", "nav", "noscript", "object", "ol", "p", "picture", "pre", "q",
    "s", "samp", "script", "section", "small", "source", "span", "strike", "strong", "style",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt",
    "u", "ul", "var", "video", "wbr",
];

/// Inline elements: their tags join the words around them without a space.
#[rustfmt::skip]
const INLINE_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "del", "dfn", "em", "font",
    "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
    "sup", "time", "tt", "u", "var",
];

/// Decodes `&name;`, `&#123;` and `&#x1F;`; anything else that starts with `&` stays as it is.
pub(super) fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(&rest[1..]) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[1 + len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The text of the reference at the start of `rest` (after its `&`) and its length with `;`.
fn reference(rest: &str) -> Option<(Cow<'static, str>, usize)> {
    let end = rest.bytes().take(34).position(|b| b == b';')?;
    let body = &rest[..end];
    let decoded = if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        Cow::Owned(numeric_reference(value).to_string())
    } else {
        Cow::Borrowed(quick_xml::escape::resolve_html5_entity(body)?)
    };
    Some((decoded, end + 1))
}

/// The character of `&#value;`: 128–159 are windows-1252, as browsers (and feedparser) read
/// them; NUL, surrogates and values past Unicode are U+FFFD.
fn numeric_reference(value: u32) -> char {
    if (0x80..=0x9F).contains(&value) {
        let byte = [value as u8];
        let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        return decoded.chars().next().unwrap_or('\u{FFFD}');
    }
    match char::from_u32(value) {
        Some('\0') | None => '\u{FFFD}',
        Some(c) => c,
    }
}

/// Text with whitespace runs folded to one space and trimmed.
pub(super) fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markup to plain text: HTML tags and comments removed, references decoded, whitespace folded.
pub(super) fn html_to_text(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        match html_tag(rest) {
            Some((len, inline)) => {
                if !inline {
                    out.push(' ');
                }
                rest = &rest[len..];
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    fold_whitespace(&decode_entities(&out))
}

/// The length of the HTML tag at the start of `text` and whether its element is inline.
fn html_tag(text: &str) -> Option<(usize, bool)> {
    let body = text.strip_prefix('<')?;
    let body = body.strip_prefix('/').unwrap_or(body);
    let name_len = body
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = body[..name_len].to_ascii_lowercase();
    let after = body[name_len..].chars().next();
    if !HTML_ELEMENTS.contains(&name.as_str())
        || !after.is_some_and(|c| c.is_whitespace() || c == '>' || c == '/')
    {
        return None;
    }
    let end = text.find('>').map_or(text.len(), |end| end + 1);
    Some((end, INLINE_ELEMENTS.contains(&name.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_numeric_references_decode_and_strays_stay() {
        assert_eq!(
            decode_entities("a&nbsp;b &amp; &#8212; &#x41; &#150; & &bogus; &#xZZ;"),
            "a\u{a0}b & — A – & &bogus; &#xZZ;"
        );
    }

    #[test]
    fn only_html_tags_are_stripped() {
        assert_eq!(html_to_text("Vec<T> in Rust"), "Vec<T> in Rust");
        assert_eq!(html_to_text("a < b and c > d"), "a < b and c > d");
        assert_eq!(
            html_to_text("<p>Hello <b>World</b>!</p><!-- x --><br/>AT&amp;T"),
            "Hello World! AT&T"
        );
    }
}
