//! Tree construction: the HTML standard's insertion modes, building nodes in document order.

use std::ops::Range;

use super::tokenizer::{Content, Quirks, Token, Tokenizer};
use super::{Kind, Parsed, ParsedNode};

/// The page needs an algorithm that moves built nodes: html5ever parses it instead.
#[derive(Debug)]
struct Bail;

type Step = Result<(), Bail>;

/// Parses a page; `None` when it needs foster parenting or the adoption agency's re-parenting.
pub fn parse(markup: &str) -> Option<Parsed> {
    let mut tokenizer = Tokenizer::new(markup);
    let mut builder = Builder::new(markup.len());
    loop {
        let token = tokenizer.next_token();
        builder.position = tokenizer.token_start;
        builder.content_start = tokenizer.position();
        let ignore_lf = std::mem::take(&mut builder.ignore_lf);
        let token = match &token {
            Token::Eof => break,
            Token::Text(_) | Token::Decoded => {
                let mut text = tokenizer.text(&token);
                if ignore_lf {
                    text = text.strip_prefix('\n').unwrap_or(text);
                }
                if text.is_empty() {
                    continue;
                }
                Tok::Text(text)
            }
            Token::StartTag { self_closing } => Tok::Start {
                self_closing: *self_closing,
            },
            Token::EndTag => Tok::End,
            Token::Comment => Tok::Comment,
            Token::Doctype(quirks) => Tok::Doctype(*quirks),
        };
        builder.process(&tokenizer, &token).ok()?;
        if let Some(content) = builder.content.take() {
            tokenizer.read_content_as(content);
        }
        tokenizer.in_foreign = builder.adjusted_current_is_foreign();
    }
    builder.finish().ok()?;
    let mut parsed = builder.out;
    for range in &mut parsed.hidden_markup {
        if range.end < range.start {
            range.end = markup.len();
        }
    }
    Some(parsed)
}

#[derive(Debug, Clone, Copy)]
enum Tok<'t> {
    Text(&'t str),
    Start { self_closing: bool },
    End,
    Comment,
    Doctype(Quirks),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    Html,
    Svg,
    MathMl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    Text,
    InTable,
    InCaption,
    InColumnGroup,
    InTableBody,
    InRow,
    InCell,
    InTemplate,
    AfterBody,
    AfterAfterBody,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

#[derive(Debug, Clone)]
struct Open {
    node: usize,
    tag: Range<usize>,
    ns: Ns,
    /// Where children go: the element, or a template's content fragment.
    target: usize,
    /// Index in `hidden_markup` of a `<noscript>` or `<template>`.
    hidden: Option<usize>,
}

#[derive(Debug, Clone)]
enum Formatting {
    Marker,
    Element {
        node: usize,
        tag: Range<usize>,
        attributes: Range<usize>,
    },
}

fn is_implied_end(name: &str) -> bool {
    matches!(
        name,
        "dd" | "dt" | "li" | "optgroup" | "option" | "p" | "rb" | "rp" | "rt" | "rtc"
    )
}
const IMPLIED_END_THOROUGH: &[&str] = &[
    "caption", "colgroup", "dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc",
    "tbody", "td", "tfoot", "th", "thead", "tr",
];
fn is_special_name(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "applet"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "iframe"
            | "img"
            | "input"
            | "isindex"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
    )
}
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}
/// Start tags that close an open `<p>` and open a block.
fn is_block_start(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
    )
}
/// End tags that close their element when it is in scope.
fn is_block_end(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "button"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "pre"
            | "search"
            | "section"
            | "select"
            | "summary"
            | "ul"
    )
}
fn is_head_element(name: &str) -> bool {
    matches!(
        name,
        "base"
            | "basefont"
            | "bgsound"
            | "link"
            | "meta"
            | "noframes"
            | "script"
            | "style"
            | "template"
            | "title"
    )
}
/// Start tags that leave SVG or MathML content (`font` too, with color, face or size).
pub(in crate::scrape) const FOREIGN_BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];
const TABLE_SECTIONS: &[&str] = &["tbody", "tfoot", "thead"];
const CELLS: &[&str] = &["td", "th"];

fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' ')
}

struct Builder {
    out: Parsed,
    open: Vec<Open>,
    formatting: Vec<Formatting>,
    mode: Mode,
    original_mode: Mode,
    template_modes: Vec<Mode>,
    head: Option<usize>,
    form: Option<usize>,
    quirks: Quirks,
    ignore_lf: bool,
    /// Whitespace after `</head>`: it goes after the head, which may still take elements.
    space_after_head: String,
    /// Comments after `</body>` (under the html element, true) or `</html>` (under the
    /// document): they follow everything the body still takes, so they are added last.
    comments_after_body: Vec<bool>,
    /// How the tokenizer is to read what follows the token just processed.
    content: Option<Content>,
    /// Where the token being processed starts, and where the next one starts.
    position: usize,
    content_start: usize,
    max_nodes: usize,
}

impl Builder {
    fn new(input_bytes: usize) -> Self {
        let mut out = Parsed::default();
        out.nodes.push(ParsedNode {
            parent: None,
            kind: Kind::Other,
        });
        Self {
            out,
            open: Vec::new(),
            formatting: Vec::new(),
            mode: Mode::Initial,
            original_mode: Mode::Initial,
            template_modes: Vec::new(),
            head: None,
            form: None,
            quirks: Quirks::Yes,
            ignore_lf: false,
            space_after_head: String::new(),
            comments_after_body: Vec::new(),
            content: None,
            position: 0,
            content_start: 0,
            // Every node but the implied html/head/body and reopened formatting elements
            // takes at least a byte of markup.
            max_nodes: 64 + input_bytes * 2,
        }
    }

    // ---- the tree ----

    fn tag(&self, entry: &Open) -> &str {
        &self.out.strings[entry.tag.clone()]
    }

    fn current(&self) -> Option<&Open> {
        self.open.last()
    }

    fn current_is(&self, name: &str) -> bool {
        self.current()
            .is_some_and(|entry| entry.ns == Ns::Html && self.tag(entry) == name)
    }

    fn current_in(&self, names: &[&str]) -> bool {
        self.current()
            .is_some_and(|entry| entry.ns == Ns::Html && names.contains(&self.tag(entry)))
    }

    fn target(&self) -> usize {
        self.current().map_or(0, |entry| entry.target)
    }

    /// Adds a node under `parent`; only the open spine of the tree takes children, which
    /// keeps the nodes in document order.
    fn add_node(&mut self, parent: usize, kind: Kind) -> Result<usize, Bail> {
        if self.out.nodes.len() >= self.max_nodes {
            return Err(Bail);
        }
        if parent != self.target() {
            let last = self.out.nodes.len() - 1;
            let on_spine = std::iter::successors(Some(last), |&node| self.out.nodes[node].parent)
                .any(|node| node == parent);
            if !on_spine {
                return Err(Bail);
            }
        }
        self.out.nodes.push(ParsedNode {
            parent: Some(parent),
            kind,
        });
        Ok(self.out.nodes.len() - 1)
    }

    fn add_text(&mut self, parent: usize, text: &str) -> Step {
        let last = self.out.nodes.len() - 1;
        if let ParsedNode {
            parent: Some(last_parent),
            kind: Kind::Text(range),
        } = &self.out.nodes[last]
            && *last_parent == parent
        {
            let mut range = range.clone();
            if range.end != self.out.strings.len() {
                let start = self.out.strings.len();
                self.out.strings.extend_from_within(range.clone());
                range = start..self.out.strings.len();
            }
            self.out.strings.push_str(text);
            range.end = self.out.strings.len();
            self.out.nodes[last].kind = Kind::Text(range);
            return Ok(());
        }
        let start = self.out.strings.len();
        self.out.strings.push_str(text);
        let range = start..self.out.strings.len();
        self.add_node(parent, Kind::Text(range)).map(|_| ())
    }

    fn insert_text(&mut self, text: &str) -> Step {
        self.add_text(self.target(), text)
    }

    fn insert_comment(&mut self, parent: usize) -> Step {
        self.add_node(parent, Kind::Other).map(|_| ())
    }

    /// Copies the token's name and attributes into the tree and adds the element under the
    /// current node, without opening it.
    fn create_element(&mut self, tokenizer: &Tokenizer, parent: usize) -> Result<usize, Bail> {
        let start = self.out.strings.len();
        self.out.strings.push_str(&tokenizer.name);
        let tag = start..self.out.strings.len();
        let first = self.out.attributes.len();
        for index in 0..tokenizer.attributes.len() {
            let (name, value) = tokenizer.attribute(index);
            let name = self.push_string(name);
            let value = self.push_string(value);
            self.out.attributes.push((name, value));
        }
        let attributes = first..self.out.attributes.len();
        self.add_node(parent, Kind::Element { tag, attributes })
    }

    fn push_string(&mut self, text: &str) -> Range<usize> {
        let start = self.out.strings.len();
        self.out.strings.push_str(text);
        start..self.out.strings.len()
    }

    fn element_tag(&self, node: usize) -> Range<usize> {
        match &self.out.nodes[node].kind {
            Kind::Element { tag, .. } => tag.clone(),
            _ => 0..0,
        }
    }

    fn open_element(&mut self, node: usize, ns: Ns) -> Result<usize, Bail> {
        let tag = self.element_tag(node);
        let name = &self.out.strings[tag.clone()];
        let mut target = node;
        let mut hidden = None;
        if ns == Ns::Html && (name == "template" || name == "noscript") {
            hidden = Some(self.out.hidden_markup.len());
            // The end is set when the element closes.
            self.out
                .hidden_markup
                .push(self.content_start..self.content_start.saturating_sub(1));
        }
        if ns == Ns::Html && name == "template" {
            // The template's content is a fragment of its own, under the element.
            target = self.add_node(node, Kind::Other)?;
        }
        self.open.push(Open {
            node,
            tag,
            ns,
            target,
            hidden,
        });
        Ok(node)
    }

    fn insert_element(&mut self, tokenizer: &Tokenizer) -> Result<usize, Bail> {
        let node = self.create_element(tokenizer, self.target())?;
        self.open_element(node, Ns::Html)
    }

    fn insert_void(&mut self, tokenizer: &Tokenizer) -> Step {
        self.create_element(tokenizer, self.target()).map(|_| ())
    }

    /// An element the page implies (`html`, `head`, `body`, `tbody`, `tr`, `colgroup`, `p`).
    fn insert_implied(&mut self, name: &str) -> Result<usize, Bail> {
        let tag = self.push_string(name);
        let first = self.out.attributes.len();
        let node = self.add_node(
            self.target(),
            Kind::Element {
                tag,
                attributes: first..first,
            },
        )?;
        self.open_element(node, Ns::Html)
    }

    fn pop(&mut self) {
        if let Some(entry) = self.open.pop()
            && let Some(hidden) = entry.hidden
        {
            self.out.hidden_markup[hidden].end = self.position;
        }
    }

    fn pop_until(&mut self, name: &str) {
        while let Some(entry) = self.current() {
            let done = entry.ns == Ns::Html && self.tag(entry) == name;
            self.pop();
            if done {
                break;
            }
        }
    }

    fn pop_until_any(&mut self, names: &[&str]) {
        while let Some(entry) = self.current() {
            let done = entry.ns == Ns::Html && names.contains(&self.tag(entry));
            self.pop();
            if done {
                break;
            }
        }
    }

    /// Special elements are HTML ones (html5ever keeps no foreign element special).
    fn is_special(&self, entry: &Open) -> bool {
        entry.ns == Ns::Html && is_special_name(self.tag(entry))
    }

    fn is_scope_boundary(&self, entry: &Open, scope: Scope) -> bool {
        let tag = self.tag(entry);
        let html = entry.ns == Ns::Html;
        if scope == Scope::Table {
            return html && matches!(tag, "html" | "table" | "template");
        }
        let default = match entry.ns {
            Ns::Html => matches!(
                tag,
                "applet"
                    | "caption"
                    | "html"
                    | "table"
                    | "td"
                    | "th"
                    | "marquee"
                    | "object"
                    | "select"
                    | "template"
            ),
            Ns::MathMl => matches!(tag, "mi" | "mo" | "mn" | "ms" | "mtext"),
            Ns::Svg => matches!(tag, "foreignobject" | "desc" | "title"),
        };
        default
            || (scope == Scope::ListItem && html && matches!(tag, "ol" | "ul"))
            || (scope == Scope::Button && html && tag == "button")
    }

    fn in_scope_any(&self, names: &[&str], scope: Scope) -> bool {
        for entry in self.open.iter().rev() {
            if entry.ns == Ns::Html && names.contains(&self.tag(entry)) {
                return true;
            }
            if self.is_scope_boundary(entry, scope) {
                return false;
            }
        }
        false
    }

    fn in_scope(&self, name: &str, scope: Scope) -> bool {
        self.in_scope_any(&[name], scope)
    }

    fn on_stack(&self, name: &str) -> bool {
        self.open
            .iter()
            .any(|entry| entry.ns == Ns::Html && self.tag(entry) == name)
    }

    fn generate_implied_end(&mut self, except: Option<&str>) {
        while let Some(entry) = self.current() {
            let tag = self.tag(entry);
            if entry.ns != Ns::Html || !is_implied_end(tag) || Some(tag) == except {
                break;
            }
            self.pop();
        }
    }

    fn generate_implied_end_thoroughly(&mut self) {
        while self.current_in(IMPLIED_END_THOROUGH) {
            self.pop();
        }
    }

    fn close_p_in_button_scope(&mut self) {
        if self.in_scope("p", Scope::Button) {
            self.generate_implied_end(Some("p"));
            self.pop_until("p");
        }
    }

    // ---- active formatting elements ----

    fn same_attributes(&self, a: &Range<usize>, b: &Range<usize>) -> bool {
        a.len() == b.len()
            && self.out.attributes(a).all(|(name, value)| {
                self.out
                    .attributes(b)
                    .any(|(other_name, other_value)| name == other_name && value == other_value)
            })
    }

    fn push_formatting(&mut self, node: usize) {
        let Kind::Element { tag, attributes } = &self.out.nodes[node].kind else {
            return;
        };
        let (tag, attributes) = (tag.clone(), attributes.clone());
        // At most three identical elements since the last marker.
        let mut same = Vec::new();
        for (index, entry) in self.formatting.iter().enumerate().rev() {
            match entry {
                Formatting::Marker => break,
                Formatting::Element {
                    tag: other_tag,
                    attributes: other_attributes,
                    ..
                } => {
                    if self.out.strings[other_tag.clone()] == self.out.strings[tag.clone()]
                        && self.same_attributes(&attributes, other_attributes)
                    {
                        same.push(index);
                    }
                }
            }
        }
        if same.len() >= 3
            && let Some(&earliest) = same.last()
        {
            self.formatting.remove(earliest);
        }
        self.formatting.push(Formatting::Element {
            node,
            tag,
            attributes,
        });
    }

    fn is_open(&self, node: usize) -> bool {
        self.open.iter().rev().any(|entry| entry.node == node)
    }

    fn reconstruct_formatting(&mut self) -> Step {
        let Some(last) = self.formatting.last() else {
            return Ok(());
        };
        match last {
            Formatting::Marker => return Ok(()),
            Formatting::Element { node, .. } if self.is_open(*node) => return Ok(()),
            _ => {}
        }
        let mut first = self.formatting.len() - 1;
        while first > 0 {
            match &self.formatting[first - 1] {
                Formatting::Marker => break,
                Formatting::Element { node, .. } if self.is_open(*node) => break,
                _ => first -= 1,
            }
        }
        for index in first..self.formatting.len() {
            let Formatting::Element {
                tag, attributes, ..
            } = self.formatting[index].clone()
            else {
                continue;
            };
            let node = self.add_node(
                self.target(),
                Kind::Element {
                    tag: tag.clone(),
                    attributes: attributes.clone(),
                },
            )?;
            self.open_element(node, Ns::Html)?;
            self.formatting[index] = Formatting::Element {
                node,
                tag,
                attributes,
            };
        }
        Ok(())
    }

    fn clear_formatting_to_marker(&mut self) {
        while let Some(entry) = self.formatting.pop() {
            if matches!(entry, Formatting::Marker) {
                break;
            }
        }
    }

    fn remove_formatting(&mut self, node: usize) {
        self.formatting
            .retain(|entry| !matches!(entry, Formatting::Element { node: n, .. } if *n == node));
    }

    /// The adoption agency for an end tag (or a nested `<a>`/`<nobr>`), as far as it goes
    /// without moving built nodes; false when no formatting element matched ("any other end
    /// tag" applies).
    fn adoption_agency(&mut self, subject: &str) -> Result<bool, Bail> {
        if let Some(entry) = self.current()
            && entry.ns == Ns::Html
            && self.tag(entry) == subject
            && !self
                .formatting
                .iter()
                .any(|f| matches!(f, Formatting::Element { node, .. } if *node == entry.node))
        {
            self.pop();
            return Ok(true);
        }
        let mut element = None;
        for entry in self.formatting.iter().rev() {
            match entry {
                Formatting::Marker => break,
                Formatting::Element { node, tag, .. } => {
                    if &self.out.strings[tag.clone()] == subject {
                        element = Some(*node);
                        break;
                    }
                }
            }
        }
        let Some(element) = element else {
            return Ok(false);
        };
        let Some(position) = self.open.iter().position(|entry| entry.node == element) else {
            self.remove_formatting(element);
            return Ok(true);
        };
        // In scope: no boundary between it and the current node.
        if self.open[position + 1..]
            .iter()
            .any(|entry| self.is_scope_boundary(entry, Scope::Default))
        {
            return Ok(true);
        }
        if self.open[position + 1..]
            .iter()
            .any(|entry| self.is_special(entry))
        {
            return Err(Bail);
        }
        while self.open.len() > position {
            self.pop();
        }
        self.remove_formatting(element);
        Ok(true)
    }

    // ---- modes ----

    fn reset_mode(&mut self) -> Step {
        for (index, entry) in self.open.iter().enumerate().rev() {
            let last = index == 0;
            if entry.ns != Ns::Html {
                continue;
            }
            let mode = match self.tag(entry) {
                "td" | "th" if !last => Mode::InCell,
                "tr" => Mode::InRow,
                "tbody" | "thead" | "tfoot" => Mode::InTableBody,
                "caption" => Mode::InCaption,
                "colgroup" => Mode::InColumnGroup,
                "table" => Mode::InTable,
                "template" => *self.template_modes.last().ok_or(Bail)?,
                "head" if !last => Mode::InHead,
                "body" => Mode::InBody,
                "frameset" => return Err(Bail),
                "html" => {
                    if self.head.is_none() {
                        Mode::BeforeHead
                    } else {
                        Mode::AfterHead
                    }
                }
                _ if last => Mode::InBody,
                _ => continue,
            };
            self.mode = mode;
            return Ok(());
        }
        self.mode = Mode::InBody;
        Ok(())
    }

    fn adjusted_current_is_foreign(&self) -> bool {
        self.current().is_some_and(|entry| entry.ns != Ns::Html)
    }

    fn process(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        if let Some(entry) = self.current()
            && entry.ns != Ns::Html
        {
            let tag = self.tag(entry);
            let html_point = match entry.ns {
                Ns::Svg => matches!(tag, "foreignobject" | "desc" | "title"),
                _ => false,
            };
            let text_point =
                entry.ns == Ns::MathMl && matches!(tag, "mi" | "mo" | "mn" | "ms" | "mtext");
            let html_rules = match token {
                Tok::Text(_) => html_point || text_point,
                Tok::Start { .. } => {
                    html_point
                        || (text_point
                            && !matches!(tokenizer.name.as_str(), "mglyph" | "malignmark"))
                }
                _ => false,
            };
            if entry.ns == Ns::MathMl && tag == "annotation-xml" {
                return Err(Bail);
            }
            if !html_rules {
                return self.foreign(tokenizer, token);
            }
        }
        self.by_mode(tokenizer, token)
    }

    fn foreign(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        match *token {
            Tok::Text("\0") => self.insert_text("\u{fffd}"),
            Tok::Text(text) => self.insert_text(text),
            Tok::Comment => self.insert_comment(self.target()),
            Tok::Doctype(_) => Ok(()),
            Tok::Start { self_closing } => {
                let breaks_out = FOREIGN_BREAKOUT.contains(&name)
                    || (name == "font"
                        && ["color", "face", "size"]
                            .iter()
                            .any(|a| tokenizer.attribute_value(a).is_some()));
                if breaks_out {
                    self.leave_foreign();
                    return self.by_mode(tokenizer, token);
                }
                let ns = self.current().map_or(Ns::Html, |entry| entry.ns);
                let node = self.create_element(tokenizer, self.target())?;
                self.open_element(node, ns)?;
                if self_closing {
                    self.pop();
                }
                Ok(())
            }
            Tok::End if matches!(name, "br" | "p") => {
                self.leave_foreign();
                self.by_mode(tokenizer, token)
            }
            Tok::End => {
                let mut index = self.open.len() - 1;
                loop {
                    if index == 0 {
                        return Ok(());
                    }
                    let entry = &self.open[index];
                    if entry.ns != Ns::Html && self.tag(entry).eq_ignore_ascii_case(name) {
                        while self.open.len() > index {
                            self.pop();
                        }
                        return Ok(());
                    }
                    index -= 1;
                    if self.open[index].ns == Ns::Html {
                        return self.by_mode(tokenizer, token);
                    }
                }
            }
        }
    }

    /// Pops SVG and MathML elements up to HTML content or an integration point.
    fn leave_foreign(&mut self) {
        while let Some(entry) = self.current() {
            let tag = self.tag(entry);
            let html_content = match entry.ns {
                Ns::Svg => matches!(tag, "foreignobject" | "desc" | "title"),
                Ns::MathMl => matches!(tag, "mi" | "mo" | "mn" | "ms" | "mtext"),
                Ns::Html => true,
            };
            if html_content {
                break;
            }
            self.pop();
        }
    }

    fn by_mode(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        match self.mode {
            Mode::Initial => self.initial(tokenizer, token),
            Mode::BeforeHtml => self.before_html(tokenizer, token),
            Mode::BeforeHead => self.before_head(tokenizer, token),
            Mode::InHead => self.in_head(tokenizer, token),
            Mode::AfterHead => self.after_head(tokenizer, token),
            Mode::InBody => self.in_body(tokenizer, token),
            Mode::Text => self.text_mode(token),
            Mode::InTable => self.in_table(tokenizer, token),
            Mode::InCaption => self.in_caption(tokenizer, token),
            Mode::InColumnGroup => self.in_column_group(tokenizer, token),
            Mode::InTableBody => self.in_table_body(tokenizer, token),
            Mode::InRow => self.in_row(tokenizer, token),
            Mode::InCell => self.in_cell(tokenizer, token),
            Mode::InTemplate => self.in_template(tokenizer, token),
            Mode::AfterBody | Mode::AfterAfterBody => self.after_body(tokenizer, token),
        }
    }

    /// The end of input: the implied html, head and body are created if the page had none.
    fn finish(&mut self) -> Step {
        loop {
            match self.mode {
                Mode::Initial => self.mode = Mode::BeforeHtml,
                Mode::BeforeHtml => {
                    self.insert_implied("html")?;
                    self.mode = Mode::BeforeHead;
                }
                Mode::BeforeHead => {
                    let head = self.insert_implied("head")?;
                    self.head = Some(head);
                    self.mode = Mode::InHead;
                }
                Mode::InHead => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                }
                Mode::AfterHead => {
                    self.flush_space_after_head()?;
                    self.insert_implied("body")?;
                    self.mode = Mode::InBody;
                }
                Mode::Text => {
                    self.pop();
                    self.mode = self.original_mode;
                }
                // An open template closes, and the modes before it finish.
                _ if self.on_stack("template") => {
                    self.pop_until("template");
                    self.clear_formatting_to_marker();
                    self.template_modes.pop();
                    self.reset_mode()?;
                }
                _ => break,
            }
        }
        let html = self.open.first().map_or(0, |entry| entry.node);
        let comments = std::mem::take(&mut self.comments_after_body);
        for under_html in [true, false] {
            for _ in comments.iter().filter(|&&c| c == under_html) {
                let parent = if under_html { html } else { 0 };
                self.out.nodes.push(ParsedNode {
                    parent: Some(parent),
                    kind: Kind::Other,
                });
            }
        }
        Ok(())
    }

    /// Splits leading whitespace off a text token.
    fn split_space(text: &str) -> (&str, &str) {
        let rest = text.trim_start_matches(is_space);
        (&text[..text.len() - rest.len()], rest)
    }

    fn initial(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        match *token {
            Tok::Text(text) => {
                let (_, rest) = Self::split_space(text);
                if rest.is_empty() {
                    return Ok(());
                }
                self.mode = Mode::BeforeHtml;
                self.process(tokenizer, &Tok::Text(rest))
            }
            Tok::Comment => self.insert_comment(0),
            Tok::Doctype(quirks) => {
                self.add_node(0, Kind::Other)?;
                self.quirks = quirks;
                self.mode = Mode::BeforeHtml;
                Ok(())
            }
            _ => {
                self.mode = Mode::BeforeHtml;
                self.process(tokenizer, token)
            }
        }
    }

    fn before_html(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        match *token {
            Tok::Text(text) => {
                let (_, rest) = Self::split_space(text);
                if rest.is_empty() {
                    return Ok(());
                }
                self.insert_implied("html")?;
                self.mode = Mode::BeforeHead;
                self.process(tokenizer, &Tok::Text(rest))
            }
            Tok::Comment => self.insert_comment(0),
            Tok::Doctype(_) => Ok(()),
            Tok::Start { .. } if name == "html" => {
                self.insert_element(tokenizer)?;
                self.mode = Mode::BeforeHead;
                Ok(())
            }
            Tok::End if !matches!(name, "head" | "body" | "html" | "br") => Ok(()),
            _ => {
                self.insert_implied("html")?;
                self.mode = Mode::BeforeHead;
                self.process(tokenizer, token)
            }
        }
    }

    fn before_head(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        match *token {
            Tok::Text(text) => {
                let (_, rest) = Self::split_space(text);
                if rest.is_empty() {
                    return Ok(());
                }
                let head = self.insert_implied("head")?;
                self.head = Some(head);
                self.mode = Mode::InHead;
                self.process(tokenizer, &Tok::Text(rest))
            }
            Tok::Comment => self.insert_comment(self.target()),
            Tok::Doctype(_) => Ok(()),
            Tok::Start { .. } if name == "html" => self.in_body(tokenizer, token),
            Tok::Start { .. } if name == "head" => {
                let head = self.insert_element(tokenizer)?;
                self.head = Some(head);
                self.mode = Mode::InHead;
                Ok(())
            }
            Tok::End if !matches!(name, "head" | "body" | "html" | "br") => Ok(()),
            _ => {
                let head = self.insert_implied("head")?;
                self.head = Some(head);
                self.mode = Mode::InHead;
                self.process(tokenizer, token)
            }
        }
    }

    /// Opens an element whose content the tokenizer reads as text.
    fn insert_raw_text(&mut self, tokenizer: &Tokenizer, content: Content) -> Step {
        self.insert_element(tokenizer)?;
        self.content = Some(content);
        self.original_mode = self.mode;
        self.mode = Mode::Text;
        Ok(())
    }

    fn in_head(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        match *token {
            Tok::Text(text) => {
                let (space, rest) = Self::split_space(text);
                if !space.is_empty() {
                    self.insert_text(space)?;
                }
                if rest.is_empty() {
                    return Ok(());
                }
                self.pop();
                self.mode = Mode::AfterHead;
                self.process(tokenizer, &Tok::Text(rest))
            }
            Tok::Comment => self.insert_comment(self.target()),
            Tok::Doctype(_) => Ok(()),
            Tok::Start { .. } => match name {
                "html" => self.in_body(tokenizer, token),
                "base" | "basefont" | "bgsound" | "link" | "meta" => self.insert_void(tokenizer),
                "title" => self.insert_raw_text(tokenizer, Content::Rcdata),
                "noscript" | "noframes" | "style" => {
                    self.insert_raw_text(tokenizer, Content::RawText)
                }
                "script" => self.insert_raw_text(tokenizer, Content::Script),
                "template" => {
                    self.insert_element(tokenizer)?;
                    self.formatting.push(Formatting::Marker);
                    self.mode = Mode::InTemplate;
                    self.template_modes.push(Mode::InTemplate);
                    Ok(())
                }
                "head" => Ok(()),
                _ => self.leave_head(tokenizer, token),
            },
            Tok::End => match name {
                "head" => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                    Ok(())
                }
                "template" => self.end_template(),
                "body" | "html" | "br" => self.leave_head(tokenizer, token),
                _ => Ok(()),
            },
        }
    }

    fn leave_head(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        self.pop();
        self.mode = Mode::AfterHead;
        self.process(tokenizer, token)
    }

    fn end_template(&mut self) -> Step {
        if !self.on_stack("template") {
            return Ok(());
        }
        self.generate_implied_end_thoroughly();
        self.pop_until("template");
        self.clear_formatting_to_marker();
        self.template_modes.pop();
        self.reset_mode()
    }

    fn flush_space_after_head(&mut self) -> Step {
        if self.space_after_head.is_empty() {
            return Ok(());
        }
        let space = std::mem::take(&mut self.space_after_head);
        self.insert_text(&space)
    }

    fn after_head(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        let back_to_head = matches!(token, Tok::Start { .. }) && is_head_element(name);
        if !back_to_head && !matches!(token, Tok::Text(_)) {
            self.flush_space_after_head()?;
        }
        match *token {
            Tok::Text(text) => {
                let (space, rest) = Self::split_space(text);
                self.space_after_head.push_str(space);
                if rest.is_empty() {
                    return Ok(());
                }
                self.flush_space_after_head()?;
                self.insert_implied("body")?;
                self.mode = Mode::InBody;
                self.process(tokenizer, &Tok::Text(rest))
            }
            Tok::Comment => self.insert_comment(self.target()),
            Tok::Doctype(_) => Ok(()),
            Tok::Start { .. } => match name {
                "html" => self.in_body(tokenizer, token),
                "body" => {
                    self.insert_element(tokenizer)?;
                    self.mode = Mode::InBody;
                    Ok(())
                }
                "frameset" => Err(Bail),
                _ if is_head_element(name) => {
                    // Back into the head, which must still end the tree.
                    let head = self.head.ok_or(Bail)?;
                    let last = self.out.nodes.len() - 1;
                    let head_is_last =
                        std::iter::successors(Some(last), |&node| self.out.nodes[node].parent)
                            .any(|node| node == head);
                    if !head_is_last {
                        return Err(Bail);
                    }
                    let tag = self.element_tag(head);
                    let depth = self.open.len();
                    self.open.push(Open {
                        node: head,
                        tag,
                        ns: Ns::Html,
                        target: head,
                        hidden: None,
                    });
                    self.in_head(tokenizer, token)?;
                    // The head leaves the stack; a raw-text element opened in it stays.
                    if let Some(at) = self.open[depth..].iter().position(|e| e.node == head) {
                        self.open.remove(depth + at);
                    }
                    Ok(())
                }
                "head" => Ok(()),
                _ => self.enter_body(tokenizer, token),
            },
            Tok::End => match name {
                "template" => self.in_head(tokenizer, token),
                "body" | "html" | "br" => self.enter_body(tokenizer, token),
                _ => Ok(()),
            },
        }
    }

    fn enter_body(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        self.insert_implied("body")?;
        self.mode = Mode::InBody;
        self.process(tokenizer, token)
    }

    fn text_mode(&mut self, token: &Tok) -> Step {
        match *token {
            Tok::Text(text) => self.insert_text(text),
            _ => {
                self.pop();
                self.mode = self.original_mode;
                self.content = Some(Content::Markup);
                Ok(())
            }
        }
    }

    /// Adds the attributes of a second `<html>` or `<body>` tag the element lacks.
    fn merge_attributes(&mut self, tokenizer: &Tokenizer, node: usize) {
        let Kind::Element { attributes, .. } = &self.out.nodes[node].kind else {
            return;
        };
        let existing = attributes.clone();
        let mut merged: Vec<(Range<usize>, Range<usize>)> =
            self.out.attributes[existing.clone()].to_vec();
        let mut added = false;
        for index in 0..tokenizer.attributes.len() {
            let (name, value) = tokenizer.attribute(index);
            if self
                .out
                .attributes(&existing)
                .any(|(known, _)| known == name)
            {
                continue;
            }
            let name = self.push_string(name);
            let value = self.push_string(value);
            merged.push((name, value));
            added = true;
        }
        if added {
            let first = self.out.attributes.len();
            self.out.attributes.extend(merged);
            let range = first..self.out.attributes.len();
            if let Kind::Element { attributes, .. } = &mut self.out.nodes[node].kind {
                *attributes = range;
            }
        }
    }

    fn in_body(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        match *token {
            Tok::Text("\0") => Ok(()),
            Tok::Text(text) => {
                self.reconstruct_formatting()?;
                self.insert_text(text)
            }
            Tok::Comment => self.insert_comment(self.target()),
            Tok::Doctype(_) => Ok(()),
            Tok::Start { self_closing } => self.in_body_start(tokenizer, token, self_closing),
            Tok::End => self.in_body_end(tokenizer, token),
        }
    }

    fn in_body_start(&mut self, tokenizer: &Tokenizer, token: &Tok, self_closing: bool) -> Step {
        let name = tokenizer.name.as_str();
        match name {
            "html" => {
                if !self.on_stack("template")
                    && let Some(html) = self.open.first().map(|entry| entry.node)
                {
                    self.merge_attributes(tokenizer, html);
                }
                Ok(())
            }
            _ if is_head_element(name) => self.in_head(tokenizer, token),
            "body" => {
                let body = self.open.get(1).filter(|entry| self.tag(entry) == "body");
                if let Some(body) = body.map(|entry| entry.node)
                    && !self.on_stack("template")
                {
                    self.merge_attributes(tokenizer, body);
                }
                Ok(())
            }
            "frameset" => Err(Bail),
            _ if is_block_start(name) => {
                self.close_p_in_button_scope();
                self.insert_element(tokenizer).map(|_| ())
            }
            _ if HEADINGS.contains(&name) => {
                self.close_p_in_button_scope();
                if self.current_in(HEADINGS) {
                    self.pop();
                }
                self.insert_element(tokenizer).map(|_| ())
            }
            "pre" | "listing" => {
                self.close_p_in_button_scope();
                self.insert_element(tokenizer)?;
                self.ignore_lf = true;
                Ok(())
            }
            "form" => {
                let in_template = self.on_stack("template");
                if self.form.is_some() && !in_template {
                    return Ok(());
                }
                self.close_p_in_button_scope();
                let form = self.insert_element(tokenizer)?;
                if !in_template {
                    self.form = Some(form);
                }
                Ok(())
            }
            "li" | "dd" | "dt" => {
                let closes: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
                for index in (0..self.open.len()).rev() {
                    let entry = &self.open[index];
                    let tag = self.tag(entry);
                    if entry.ns == Ns::Html && closes.contains(&tag) {
                        let tag = tag.to_string();
                        self.generate_implied_end(Some(&tag));
                        self.pop_until(&tag);
                        break;
                    }
                    if self.is_special(entry)
                        && !(entry.ns == Ns::Html && matches!(tag, "address" | "div" | "p"))
                    {
                        break;
                    }
                }
                self.close_p_in_button_scope();
                self.insert_element(tokenizer).map(|_| ())
            }
            "plaintext" => {
                self.close_p_in_button_scope();
                self.insert_element(tokenizer)?;
                self.content = Some(Content::PlainText);
                Ok(())
            }
            "button" => {
                if self.in_scope("button", Scope::Default) {
                    self.generate_implied_end(None);
                    self.pop_until("button");
                }
                self.reconstruct_formatting()?;
                self.insert_element(tokenizer).map(|_| ())
            }
            "a" => {
                let open_a = self.formatting.iter().rev().find_map(|entry| match entry {
                    Formatting::Marker => Some(None),
                    Formatting::Element { node, tag, .. } => {
                        (&self.out.strings[tag.clone()] == "a").then_some(Some(*node))
                    }
                });
                if let Some(Some(a)) = open_a {
                    self.adoption_agency("a")?;
                    self.remove_formatting(a);
                    if let Some(at) = self.open.iter().position(|entry| entry.node == a) {
                        self.open.remove(at);
                    }
                }
                self.reconstruct_formatting()?;
                let node = self.insert_element(tokenizer)?;
                self.push_formatting(node);
                Ok(())
            }
            "nobr" => {
                self.reconstruct_formatting()?;
                if self.in_scope("nobr", Scope::Default) {
                    self.adoption_agency("nobr")?;
                    self.reconstruct_formatting()?;
                }
                let node = self.insert_element(tokenizer)?;
                self.push_formatting(node);
                Ok(())
            }
            _ if is_formatting(name) => {
                self.reconstruct_formatting()?;
                let node = self.insert_element(tokenizer)?;
                self.push_formatting(node);
                Ok(())
            }
            "applet" | "marquee" | "object" => {
                self.reconstruct_formatting()?;
                self.insert_element(tokenizer)?;
                self.formatting.push(Formatting::Marker);
                Ok(())
            }
            "table" => {
                if self.in_scope("p", Scope::Button) {
                    match self.quirks {
                        Quirks::No => self.close_p_in_button_scope(),
                        Quirks::Yes => {}
                        Quirks::Unknown => return Err(Bail),
                    }
                }
                self.insert_element(tokenizer)?;
                self.mode = Mode::InTable;
                Ok(())
            }
            "area" | "br" | "embed" | "img" | "keygen" | "wbr" => {
                self.reconstruct_formatting()?;
                self.insert_void(tokenizer)
            }
            "input" => {
                if self.in_scope("select", Scope::Default) {
                    self.pop_until("select");
                }
                self.reconstruct_formatting()?;
                self.insert_void(tokenizer)
            }
            "image" => Err(Bail),
            "param" | "source" | "track" => self.insert_void(tokenizer),
            "hr" => {
                self.close_p_in_button_scope();
                if self.in_scope("select", Scope::Default) {
                    self.generate_implied_end(None);
                }
                self.insert_void(tokenizer)
            }
            "textarea" => {
                self.insert_raw_text(tokenizer, Content::Rcdata)?;
                self.ignore_lf = true;
                Ok(())
            }
            "xmp" => {
                self.close_p_in_button_scope();
                self.reconstruct_formatting()?;
                self.insert_raw_text(tokenizer, Content::RawText)
            }
            "iframe" | "noembed" | "noscript" => self.insert_raw_text(tokenizer, Content::RawText),
            "select" => {
                if self.in_scope("select", Scope::Default) {
                    self.pop_until("select");
                    return Ok(());
                }
                self.reconstruct_formatting()?;
                self.insert_element(tokenizer).map(|_| ())
            }
            "option" | "optgroup" => {
                if self.in_scope("select", Scope::Default) {
                    let except = (name == "option").then_some("optgroup");
                    self.generate_implied_end(except);
                } else if self.current_is("option") {
                    self.pop();
                }
                self.reconstruct_formatting()?;
                self.insert_element(tokenizer).map(|_| ())
            }
            "rb" | "rtc" => {
                if self.in_scope("ruby", Scope::Default) {
                    self.generate_implied_end(None);
                }
                self.insert_element(tokenizer).map(|_| ())
            }
            "rp" | "rt" => {
                if self.in_scope("ruby", Scope::Default) {
                    self.generate_implied_end(Some("rtc"));
                }
                self.insert_element(tokenizer).map(|_| ())
            }
            "math" | "svg" => {
                self.reconstruct_formatting()?;
                let node = self.create_element(tokenizer, self.target())?;
                let ns = if name == "svg" { Ns::Svg } else { Ns::MathMl };
                self.open_element(node, ns)?;
                if self_closing {
                    self.pop();
                }
                Ok(())
            }
            "caption" | "col" | "colgroup" | "frame" | "head" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" => Ok(()),
            _ => {
                self.reconstruct_formatting()?;
                self.insert_element(tokenizer).map(|_| ())
            }
        }
    }

    fn in_body_end(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        match name {
            "template" => self.end_template(),
            "body" | "html" => {
                if !self.in_scope("body", Scope::Default) {
                    return Ok(());
                }
                self.mode = Mode::AfterBody;
                if name == "html" {
                    return self.process(tokenizer, token);
                }
                Ok(())
            }
            _ if is_block_end(name) => {
                if self.in_scope(name, Scope::Default) {
                    self.generate_implied_end(None);
                    self.pop_until(name);
                }
                Ok(())
            }
            "form" => {
                if self.on_stack("template") {
                    if self.in_scope("form", Scope::Default) {
                        self.generate_implied_end(None);
                        self.pop_until("form");
                    }
                    return Ok(());
                }
                let Some(form) = self.form.take() else {
                    return Ok(());
                };
                let in_scope = self.open.iter().rev().find_map(|entry| {
                    if entry.node == form {
                        Some(true)
                    } else if self.is_scope_boundary(entry, Scope::Default) {
                        Some(false)
                    } else {
                        None
                    }
                });
                if in_scope != Some(true) {
                    return Ok(());
                }
                self.generate_implied_end(None);
                if let Some(at) = self.open.iter().position(|entry| entry.node == form) {
                    self.open.remove(at);
                }
                Ok(())
            }
            "p" => {
                if !self.in_scope("p", Scope::Button) {
                    self.insert_implied("p")?;
                }
                self.generate_implied_end(Some("p"));
                self.pop_until("p");
                Ok(())
            }
            "li" => {
                if self.in_scope("li", Scope::ListItem) {
                    self.generate_implied_end(Some("li"));
                    self.pop_until("li");
                }
                Ok(())
            }
            "dd" | "dt" => {
                if self.in_scope(name, Scope::Default) {
                    self.generate_implied_end(Some(name));
                    self.pop_until(name);
                }
                Ok(())
            }
            _ if HEADINGS.contains(&name) => {
                if self.in_scope_any(HEADINGS, Scope::Default) {
                    self.generate_implied_end(None);
                    self.pop_until_any(HEADINGS);
                }
                Ok(())
            }
            _ if is_formatting(name) => {
                if self.adoption_agency(name)? {
                    return Ok(());
                }
                self.any_other_end(name);
                Ok(())
            }
            "applet" | "marquee" | "object" => {
                if self.in_scope(name, Scope::Default) {
                    self.generate_implied_end(None);
                    self.pop_until(name);
                    self.clear_formatting_to_marker();
                }
                Ok(())
            }
            "br" => {
                self.reconstruct_formatting()?;
                self.insert_implied("br")?;
                self.pop();
                Ok(())
            }
            _ => {
                self.any_other_end(name);
                Ok(())
            }
        }
    }

    fn any_other_end(&mut self, name: &str) {
        for index in (0..self.open.len()).rev() {
            let entry = &self.open[index];
            if entry.ns == Ns::Html && self.tag(entry) == name {
                self.generate_implied_end(Some(name));
                while self.open.len() > index {
                    self.pop();
                }
                return;
            }
            if self.is_special(entry) {
                return;
            }
        }
    }

    fn clear_to_context(&mut self, names: &[&str]) {
        while !self.current_in(names) && self.open.len() > 1 {
            self.pop();
        }
    }

    fn in_table(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        match *token {
            Tok::Text("\0") => Ok(()),
            Tok::Text(text) => {
                if text.chars().all(is_space)
                    && self.current_in(&["table", "tbody", "tfoot", "thead", "tr"])
                {
                    self.insert_text(text)
                } else {
                    // Text inside a table goes before it (foster parenting).
                    Err(Bail)
                }
            }
            Tok::Comment => self.insert_comment(self.target()),
            Tok::Doctype(_) => Ok(()),
            Tok::Start { .. } => match name {
                "caption" => {
                    self.clear_to_context(&["table", "template", "html"]);
                    self.formatting.push(Formatting::Marker);
                    self.insert_element(tokenizer)?;
                    self.mode = Mode::InCaption;
                    Ok(())
                }
                "colgroup" => {
                    self.clear_to_context(&["table", "template", "html"]);
                    self.insert_element(tokenizer)?;
                    self.mode = Mode::InColumnGroup;
                    Ok(())
                }
                "col" => {
                    self.clear_to_context(&["table", "template", "html"]);
                    self.insert_implied("colgroup")?;
                    self.mode = Mode::InColumnGroup;
                    self.process(tokenizer, token)
                }
                "tbody" | "tfoot" | "thead" => {
                    self.clear_to_context(&["table", "template", "html"]);
                    self.insert_element(tokenizer)?;
                    self.mode = Mode::InTableBody;
                    Ok(())
                }
                "td" | "th" | "tr" => {
                    self.clear_to_context(&["table", "template", "html"]);
                    self.insert_implied("tbody")?;
                    self.mode = Mode::InTableBody;
                    self.process(tokenizer, token)
                }
                "table" => {
                    if !self.in_scope("table", Scope::Table) {
                        return Ok(());
                    }
                    self.pop_until("table");
                    self.reset_mode()?;
                    self.process(tokenizer, token)
                }
                "style" | "script" | "template" => self.in_head(tokenizer, token),
                "input"
                    if tokenizer
                        .attribute_value("type")
                        .is_some_and(|kind| kind.eq_ignore_ascii_case("hidden")) =>
                {
                    self.insert_void(tokenizer)
                }
                "form" => {
                    if self.on_stack("template") || self.form.is_some() {
                        return Ok(());
                    }
                    let form = self.insert_element(tokenizer)?;
                    self.form = Some(form);
                    self.pop();
                    Ok(())
                }
                _ => Err(Bail),
            },
            Tok::End => match name {
                "table" => {
                    if self.in_scope("table", Scope::Table) {
                        self.pop_until("table");
                        self.reset_mode()?;
                    }
                    Ok(())
                }
                "body" | "caption" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot"
                | "th" | "thead" | "tr" => Ok(()),
                "template" => self.in_head(tokenizer, token),
                // Other end tags only close elements (none inside the table's context):
                // only `</p>` and `</br>` would insert one before the table.
                "p" | "br" => Err(Bail),
                _ => self.in_body(tokenizer, token),
            },
        }
    }

    fn in_caption(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        let closes_caption = match token {
            Tok::Start { .. } => matches!(
                name,
                "caption" | "col" | "colgroup" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr"
            ),
            Tok::End => name == "table",
            _ => false,
        };
        if matches!(token, Tok::End) && name == "caption" || closes_caption {
            if !self.in_scope("caption", Scope::Table) {
                return Ok(());
            }
            self.generate_implied_end(None);
            self.pop_until("caption");
            self.clear_formatting_to_marker();
            self.mode = Mode::InTable;
            if closes_caption {
                return self.process(tokenizer, token);
            }
            return Ok(());
        }
        if matches!(token, Tok::End)
            && matches!(
                name,
                "body"
                    | "col"
                    | "colgroup"
                    | "html"
                    | "tbody"
                    | "td"
                    | "tfoot"
                    | "th"
                    | "thead"
                    | "tr"
            )
        {
            return Ok(());
        }
        self.in_body(tokenizer, token)
    }

    fn in_column_group(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        match *token {
            Tok::Text(text) => {
                let (space, rest) = Self::split_space(text);
                if !space.is_empty() {
                    self.insert_text(space)?;
                }
                if rest.is_empty() {
                    return Ok(());
                }
                self.leave_column_group(tokenizer, &Tok::Text(rest))
            }
            Tok::Comment => self.insert_comment(self.target()),
            Tok::Doctype(_) => Ok(()),
            Tok::Start { .. } if name == "html" => self.in_body(tokenizer, token),
            Tok::Start { .. } if name == "col" => self.insert_void(tokenizer),
            Tok::Start { .. } if name == "template" => self.in_head(tokenizer, token),
            Tok::End if name == "colgroup" => {
                if self.current_is("colgroup") {
                    self.pop();
                    self.mode = Mode::InTable;
                }
                Ok(())
            }
            Tok::End if name == "col" => Ok(()),
            Tok::End if name == "template" => self.in_head(tokenizer, token),
            _ => self.leave_column_group(tokenizer, token),
        }
    }

    fn leave_column_group(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        if !self.current_is("colgroup") {
            return Ok(());
        }
        self.pop();
        self.mode = Mode::InTable;
        self.process(tokenizer, token)
    }

    fn in_table_body(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        let context = ["tbody", "tfoot", "thead", "template", "html"];
        match *token {
            Tok::Start { .. } if name == "tr" => {
                self.clear_to_context(&context);
                self.insert_element(tokenizer)?;
                self.mode = Mode::InRow;
                Ok(())
            }
            Tok::Start { .. } if CELLS.contains(&name) => {
                self.clear_to_context(&context);
                self.insert_implied("tr")?;
                self.mode = Mode::InRow;
                self.process(tokenizer, token)
            }
            Tok::End if TABLE_SECTIONS.contains(&name) => {
                if self.in_scope(name, Scope::Table) {
                    self.clear_to_context(&context);
                    self.pop();
                    self.mode = Mode::InTable;
                }
                Ok(())
            }
            Tok::Start { .. }
                if matches!(
                    name,
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead"
                ) =>
            {
                self.leave_table_body(tokenizer, token)
            }
            Tok::End if name == "table" => self.leave_table_body(tokenizer, token),
            Tok::End
                if matches!(
                    name,
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th" | "tr"
                ) =>
            {
                Ok(())
            }
            _ => self.in_table(tokenizer, token),
        }
    }

    fn leave_table_body(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        if !self.in_scope_any(TABLE_SECTIONS, Scope::Table) {
            return Ok(());
        }
        self.clear_to_context(&["tbody", "tfoot", "thead", "template", "html"]);
        self.pop();
        self.mode = Mode::InTable;
        self.process(tokenizer, token)
    }

    fn in_row(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        let context = ["tr", "template", "html"];
        match *token {
            Tok::Start { .. } if CELLS.contains(&name) => {
                self.clear_to_context(&context);
                self.insert_element(tokenizer)?;
                self.mode = Mode::InCell;
                self.formatting.push(Formatting::Marker);
                Ok(())
            }
            Tok::End if name == "tr" => {
                if self.in_scope("tr", Scope::Table) {
                    self.clear_to_context(&context);
                    self.pop();
                    self.mode = Mode::InTableBody;
                }
                Ok(())
            }
            Tok::Start { .. }
                if matches!(
                    name,
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" | "tr"
                ) =>
            {
                self.leave_row(tokenizer, token)
            }
            Tok::End if name == "table" => self.leave_row(tokenizer, token),
            Tok::End if TABLE_SECTIONS.contains(&name) => {
                if !self.in_scope(name, Scope::Table) {
                    return Ok(());
                }
                self.leave_row(tokenizer, token)
            }
            Tok::End
                if matches!(
                    name,
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th"
                ) =>
            {
                Ok(())
            }
            _ => self.in_table(tokenizer, token),
        }
    }

    fn leave_row(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        if !self.in_scope("tr", Scope::Table) {
            return Ok(());
        }
        self.clear_to_context(&["tr", "template", "html"]);
        self.pop();
        self.mode = Mode::InTableBody;
        self.process(tokenizer, token)
    }

    fn in_cell(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        match *token {
            Tok::End if CELLS.contains(&name) => {
                if self.in_scope(name, Scope::Table) {
                    self.generate_implied_end(None);
                    self.pop_until(name);
                    self.clear_formatting_to_marker();
                    self.mode = Mode::InRow;
                }
                Ok(())
            }
            Tok::Start { .. }
                if matches!(
                    name,
                    "caption"
                        | "col"
                        | "colgroup"
                        | "tbody"
                        | "td"
                        | "tfoot"
                        | "th"
                        | "thead"
                        | "tr"
                ) =>
            {
                if !self.in_scope_any(CELLS, Scope::Table) {
                    return Ok(());
                }
                self.close_cell();
                self.process(tokenizer, token)
            }
            Tok::End if matches!(name, "body" | "caption" | "col" | "colgroup" | "html") => Ok(()),
            Tok::End if matches!(name, "table" | "tbody" | "tfoot" | "thead" | "tr") => {
                if !self.in_scope(name, Scope::Table) {
                    return Ok(());
                }
                self.close_cell();
                self.process(tokenizer, token)
            }
            _ => self.in_body(tokenizer, token),
        }
    }

    fn close_cell(&mut self) {
        self.generate_implied_end(None);
        self.pop_until_any(CELLS);
        self.clear_formatting_to_marker();
        self.mode = Mode::InRow;
    }

    fn in_template(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        let name = tokenizer.name.as_str();
        match token {
            Tok::Start { .. } if is_head_element(name) => self.in_head(tokenizer, token),
            Tok::End if name == "template" => self.in_head(tokenizer, token),
            Tok::Start { .. }
                if matches!(
                    name,
                    "caption"
                        | "colgroup"
                        | "tbody"
                        | "tfoot"
                        | "thead"
                        | "col"
                        | "tr"
                        | "td"
                        | "th"
                ) =>
            {
                Err(Bail)
            }
            Tok::Start { .. } => {
                self.template_modes.pop();
                self.template_modes.push(Mode::InBody);
                self.mode = Mode::InBody;
                self.process(tokenizer, token)
            }
            Tok::End => Ok(()),
            _ => self.in_body(tokenizer, token),
        }
    }

    fn after_body(&mut self, tokenizer: &Tokenizer, token: &Tok) -> Step {
        match *token {
            Tok::Text(text) if text.chars().all(is_space) => self.in_body(tokenizer, token),
            Tok::Comment => {
                self.comments_after_body.push(self.mode == Mode::AfterBody);
                Ok(())
            }
            Tok::Doctype(_) => Ok(()),
            Tok::Start { .. } if tokenizer.name == "html" => self.in_body(tokenizer, token),
            Tok::End if tokenizer.name == "html" && self.mode == Mode::AfterBody => {
                self.mode = Mode::AfterAfterBody;
                Ok(())
            }
            _ => {
                self.mode = Mode::InBody;
                self.process(tokenizer, token)
            }
        }
    }
}
