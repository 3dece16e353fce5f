//! A purpose-built HTML parser that emits the flat, pre-ordered tree [`super::dom::Dom`] walks.
//!
//! It follows the HTML tree-construction rules for everything pages do in practice (implied
//! html/head/body, void and raw-text elements, implied end tags, scopes, formatting elements
//! reopened after a block, tables, selects, templates) and builds nodes in document order, so
//! no second copy of the page is made. Two of the standard's error-recovery algorithms move
//! nodes that are already built (foster parenting of text inside a table, and the adoption
//! agency's re-parenting of misnested formatting elements); on a page that needs them
//! [`parse`] returns `None` and the caller parses it with html5ever instead.

mod entities;
pub mod parity;
mod tokenizer;
mod tree;

use std::ops::Range;

pub(super) use tree::FOREIGN_BREAKOUT;
pub use tree::parse;

/// A parsed page: nodes in document order, their strings in one buffer.
#[derive(Debug, Default)]
pub struct Parsed {
    strings: String,
    pub(super) nodes: Vec<ParsedNode>,
    /// Attribute names and values, as ranges of `strings`.
    attributes: Vec<(Range<usize>, Range<usize>)>,
    /// Where the content of each `<noscript>` and `<template>` is in the parsed markup, in
    /// document order.
    pub hidden_markup: Vec<Range<usize>>,
}

#[derive(Debug)]
pub(super) struct ParsedNode {
    pub parent: Option<usize>,
    pub kind: Kind,
}

#[derive(Debug)]
pub(super) enum Kind {
    Element {
        tag: Range<usize>,
        attributes: Range<usize>,
    },
    Text(Range<usize>),
    Other,
}

impl Parsed {
    pub(super) fn str(&self, range: &Range<usize>) -> &str {
        &self.strings[range.clone()]
    }

    pub(super) fn attributes(&self, range: &Range<usize>) -> impl Iterator<Item = (&str, &str)> {
        self.attribute_ranges(range)
            .iter()
            .map(|(name, value)| (self.str(name), self.str(value)))
    }

    /// The string buffer the ranges index.
    pub(super) fn strings(&self) -> &str {
        &self.strings
    }

    /// An element's attributes as (name, value) ranges of [`Parsed::strings`].
    pub(super) fn attribute_ranges(&self, range: &Range<usize>) -> &[(Range<usize>, Range<usize>)] {
        &self.attributes[range.clone()]
    }
}

#[cfg(test)]
mod tests {
    use super::parity::{Parity, parser_parity};

    /// Pages the standard's error recovery shapes; each must give html5ever's tree exactly.
    const TRICKY: &[&str] = &[
        "",
        "plain text, no markup",
        "<!DOCTYPE html><html lang=en><head><title>T &amp; U</title></head><body><p>x</p></body></html>",
        "<p>one<p>two<div>three</div>four",
        "<ul><li>a<li>b<ul><li>c</ul><li>d</ul><dl><dt>t<dd>d<dt>u</dl>",
        "<p><b>bold<i>both</p>after</i> plain</b> text",
        "<a href=1>one<a href=2>two</a>",
        "<b><span>x</b>y",
        "<b>1<b>2<b>3<b>4<p>reopened</p>",
        "<table><caption>c</caption><colgroup><col></colgroup><tr><td>a<td>b<tr><th>c</table>",
        "<table><tbody><tr><td><table><tr><td>inner</table></td></tr></tbody></table>after",
        "<p>in p<table><tr><td>cell</td></tr></table>",
        "<!doctype html><p>in p<table><tr><td>cell</td></tr></table>",
        "<select><option>a<option>b<optgroup><option>c</select>after",
        "<table><tr><td><select><option>x</td></tr></table>",
        "<h1>one<h2>two</h1>three</h2>",
        "<pre>\nfirst line kept\n</pre><textarea>\r\nx &lt; y</textarea>",
        "<script>if (a < b) { document.write('<p>') }</script><p>after",
        "<script><!-- <script> nested </script> still script --></script>text",
        "<style>p > a { color: red }</style><noscript><p>no js</p></noscript>",
        "<head><meta charset=utf-8></head> <link rel=x><body>text",
        "<title>x</title><meta name=a content=b><p>body",
        "text &eacute &notit; &#x41; &#150; &#0; &bogus; &amp",
        "<a href='?a=1&copy=2&amp;b'>q</a><img alt=\"&lt;&gt\" src=x>",
        "<svg viewBox='0 0 1 1'><path d=x/><title>t</title><foreignObject><p>html</p></foreignObject></svg><p>after",
        "<math><mi>x</mi><mtext><b>y</b></mtext></math>",
        "<svg><p>breaks out</svg>",
        "<template><p>inside</p><span>x</span></template><p>after",
        "<form><input type=text></form><form><p>second</form>",
        "<div><form>a<div>b</form>c</div>d",
        "<ruby>a<rb>b<rt>c<rp>d</ruby>",
        "<button>a<button>b</button>",
        "<object><b>x</object>y",
        "<p>a</br>b</p>",
        "</p>stray end",
        "<body class=a><p>x</p><body class=b id=c>",
        "<html><body><p>x</p></body></html><!-- after --> trailing",
        "<!-- before --><html><!-- in -->",
        "<p>a<!-->b<!--->c<!-- d --!>e<?pi x>f<!bogus>g</ bogus>h",
        "<div\nclass=\"a\"\r\nid=b/>text</div>",
        "<p>cr\r\nlf\rcr</p>",
        "<iframe><p>not markup</p></iframe><noembed>x</noembed>",
        "<xmp><b>raw</b></xmp><plaintext><p>all text",
        "<nobr>a<nobr>b</nobr>",
        "<dd>x<div>y<dt>z",
        "<li>a<div>b<li>c",
        "<table><tr><td>a</td></tr></tbody></table>",
        "<marquee><p>x</marquee>",
        "<frame><head><col><tr>ignored",
        "<p>unterminated <b attr='x",
        "<div a=1 a=2 A=3 b>dup</div>",
    ];

    /// Pages that need nodes moved after they are built.
    const HANDED_OVER: &[&str] = &[
        "<table>text in a table<tr><td>x</table>",
        "<a href=x><div>block in link</a>after</div>",
        "<table><div>foster</div></table>",
        "<frameset><frame></frameset>",
    ];

    #[test]
    fn trees_match_html5ever() {
        for page in TRICKY {
            assert_eq!(parser_parity(page), Parity::Same, "{page:?}");
        }
        for page in HANDED_OVER {
            assert_eq!(parser_parity(page), Parity::Html5everOnly, "{page:?}");
        }
    }

    /// Fragments that exercise the tree builder's recovery when dropped into a page.
    const FRAGMENTS: &[&str] = &[
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "</td>",
        "<th>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<a href=x>",
        "</a>",
        "<li>",
        "</li>",
        "<ul>",
        "</ul>",
        "<dd>",
        "<dt>",
        "<h2>",
        "</h3>",
        "<pre>\n",
        "<svg>",
        "</svg>",
        "<math>",
        "<mi>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<style>",
        "<textarea>",
        "</textarea>",
        "<title>",
        "<select>",
        "<option>",
        "<optgroup>",
        "<template>",
        "</template>",
        "<noscript>",
        "</noscript>",
        "<form>",
        "</form>",
        "<button>",
        "<nobr>",
        "<font size=1>",
        "<br/>",
        "</br>",
        "<hr>",
        "<img src=x>",
        "<head>",
        "</head>",
        "<body>",
        "</body>",
        "<html lang=x>",
        "</html>",
        "<!DOCTYPE html>",
        "<caption>",
        "<col>",
        "<colgroup>",
        "<tbody>",
        "</tbody>",
        "<![CDATA[x]]>",
        "&amp",
        "&#x",
        "&lt;",
        "\r\n",
        "\r",
        "\0",
        "<",
        ">",
        "\"",
        "'",
        "=",
        " ",
        "<foreignObject>",
        "<object>",
        "<ruby>",
        "<rt>",
        "<iframe>",
        "<input type=hidden>",
        "<xmp>",
    ];

    /// Mutated real pages (pieces cut, copied, fragments dropped in, truncated): the parser
    /// never panics and agrees with html5ever on every page it keeps.
    #[test]
    fn mutated_pages_match_html5ever() {
        let pages = [
            include_str!("../../../tests/fixtures/novayagazeta-aliyev.html"),
            include_str!("../../../tests/fixtures/page-types/live-blog.html"),
            include_str!("../../../tests/fixtures/page-types/gallery.html"),
            include_str!("../../../tests/fixtures/page-types/template-body.html"),
            include_str!("../../../tests/fuzz/seeds/tables.html"),
            include_str!("../../../tests/fuzz/seeds/broken.html"),
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut random = move |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below.max(1) as u64) as usize
        };
        let (mut same, mut handed_over) = (0, 0);
        for round in 0..3000 {
            let mut page = pages[round % pages.len()].to_string();
            for _ in 0..1 + random(6) {
                let at = floor_boundary(&page, random(page.len() + 1));
                match random(4) {
                    0 => page.insert_str(at, FRAGMENTS[random(FRAGMENTS.len())]),
                    1 => {
                        let end = floor_boundary(&page, at + random(200));
                        page.replace_range(at..end, "");
                    }
                    2 => {
                        let end = floor_boundary(&page, at + random(300));
                        let piece = page[at..end].to_string();
                        let to = floor_boundary(&page, random(page.len() + 1));
                        page.insert_str(to, &piece);
                    }
                    _ if random(8) == 0 => page.truncate(at),
                    _ => page.insert_str(at, FRAGMENTS[random(FRAGMENTS.len())]),
                }
            }
            match parser_parity(&page) {
                Parity::Same => same += 1,
                Parity::Html5everOnly => handed_over += 1,
                Parity::Differs(difference) => panic!("{difference}\n{page}"),
            }
        }
        assert!(same > handed_over, "{same} same, {handed_over} handed over");
    }

    fn floor_boundary(text: &str, mut at: usize) -> usize {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}
