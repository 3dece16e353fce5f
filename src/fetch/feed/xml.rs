//! A forgiving XML reader for feeds, in the spirit of feedparser's loose parser: it never
//! fails. Unknown HTML entities decode, a `<` that starts no tag is text, an end tag closes
//! the elements left open inside it, a stray end tag is ignored, a tag cut by the end of the
//! document ends there, and undeclared namespace prefixes get their customary namespaces.
//! No strict XML parser recovers from these, and they are the faults publishers make.

use super::text::decode_entities;

/// Elements nested deeper than this are flattened into their parent (bounds recursion).
pub(super) const MAX_DEPTH: usize = 128;

/// Elements plus attributes a document may hold: a tree node costs ~100 bytes where its tag
/// may cost 4, so a 10 MiB body of `<a/>` would otherwise take ~250 MiB. The largest real
/// feeds (thousands of podcast episodes) stay below it; tags beyond it are skipped.
const MAX_MARKUP_NODES: usize = 150_000;

/// Attributes kept of one tag.
const MAX_ATTRIBUTES: usize = 32;

/// Namespace declarations kept of one tag.
const MAX_DECLARATIONS: usize = 8;

/// The namespaces feed reading cares about. Unprefixed elements in no (or an unknown)
/// namespace, and RSS's own namespaces, are `Core`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    Core,
    Atom,
    Dc,
    DcTerms,
    Content,
    Media,
    Rdf,
    Xhtml,
    Other,
}

/// How an element ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Closed {
    /// By its own end tag (or `/>`).
    Tag,
    /// By an enclosing end tag, or a start tag that cannot be its child.
    Implied,
    /// By the end of the document: it may be cut short.
    Eof,
}

#[derive(Debug)]
pub(super) struct Element {
    /// The name as written, with its prefix.
    pub name: String,
    /// The local name, lowercased: feeds are written in every case.
    pub local: String,
    pub ns: Ns,
    /// Attributes with lowercased names and decoded values.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub closed: Closed,
}

#[derive(Debug)]
pub(super) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `local` in one of `namespaces`.
    pub fn child(&self, namespaces: &[Ns], local: &str) -> Option<&Element> {
        self.elements()
            .find(|e| e.local == local && namespaces.contains(&e.ns))
    }

    /// All text inside, markup dropped.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) => element.collect_text(out),
            }
        }
    }

    /// The content as markup: child elements as tags (an end tag only where the document had
    /// one), text as decoded. For titles and summaries that embed HTML unescaped.
    pub fn inner_markup(&self) -> String {
        let mut out = String::new();
        self.write_children(&mut out);
        out
    }

    fn write_children(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) => {
                    out.push('<');
                    out.push_str(&element.name);
                    for (name, value) in &element.attrs {
                        out.push_str(&format!(" {name}=\"{}\"", value.replace('"', "&quot;")));
                    }
                    out.push('>');
                    element.write_children(out);
                    if element.closed == Closed::Tag && !element.children.is_empty() {
                        out.push_str(&format!("</{}>", element.name));
                    }
                }
            }
        }
    }
}

/// Feed elements that hold only text: a feed element starting inside one closes it, as when
/// a publisher forgets `</link>`.
const TEXT_FIELDS: &[&str] = &[
    "title",
    "link",
    "guid",
    "pubdate",
    "id",
    "updated",
    "published",
    "category",
    "comments",
    "author",
    "date",
    "issued",
    "modified",
    "created",
];

/// Feed elements whose start closes an open text field (see `TEXT_FIELDS`).
const FIELD_STARTS: &[&str] = &[
    "title",
    "link",
    "guid",
    "pubdate",
    "description",
    "id",
    "updated",
    "published",
    "summary",
    "content",
    "category",
    "comments",
    "enclosure",
    "item",
    "entry",
];

/// Elements of an entry that hold feed elements of their own.
const ENTRY_CONTAINERS: &[&str] = &["source", "author", "contributor"];

/// Parses `text` into a document node whose children are the top-level nodes.
pub(super) fn parse(text: &str) -> Element {
    let mut tree = TreeBuilder::new();
    let mut rest = text;
    // Once a comment is found never closed, no later one is: not searching again keeps a
    // document of many unclosed comments linear.
    let mut comments_close = true;
    while !rest.is_empty() {
        let Some(at) = rest.find('<') else {
            tree.text(rest);
            break;
        };
        tree.text(&rest[..at]);
        rest = &rest[at..];
        rest = if let Some(body) = rest.strip_prefix("<!--") {
            match comments_close.then(|| body.find("-->")).flatten() {
                Some(end) => &body[end + 3..],
                // Never closed: it was a tag that ends at the first `>`.
                None => {
                    comments_close = false;
                    after(body, ">")
                }
            }
        } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
            let end = body.find("]]>").unwrap_or(body.len());
            tree.raw_text(&body[..end]);
            after(body, "]]>")
        } else if let Some(body) = rest.strip_prefix("<!") {
            skip_declaration(body)
        } else if let Some(body) = rest.strip_prefix("<?") {
            // `?>`, or a `>` or the next tag when the `?` or the whole end is missing.
            let end = body.find(['>', '<']).unwrap_or(body.len());
            let skip = usize::from(body[end..].starts_with('>'));
            &body[end + skip..]
        } else if let Some(body) = rest.strip_prefix("</") {
            match end_tag(body) {
                Some((name, remaining)) => {
                    tree.close(name);
                    remaining
                }
                None => {
                    tree.text("</");
                    body
                }
            }
        } else {
            match start_tag(&rest[1..]) {
                Some((tag, remaining)) => {
                    tree.open(tag);
                    remaining
                }
                None => {
                    tree.text("<");
                    &rest[1..]
                }
            }
        };
    }
    tree.finish()
}

/// What follows the first `end` in `text`, or nothing.
fn after<'a>(text: &'a str, end: &str) -> &'a str {
    text.find(end).map_or("", |at| &text[at + end.len()..])
}

/// Skips `<!DOCTYPE …>` with its internal subset (`[…]`), which may contain `>`.
fn skip_declaration(body: &str) -> &str {
    let mut depth = 0usize;
    for (at, byte) in body.bytes().enumerate() {
        match byte {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'>' if depth == 0 => return &body[at + 1..],
            _ => {}
        }
    }
    ""
}

/// Any ASCII byte that cannot be part of an XML name ends one (`<item&>` is an `item`).
fn is_name_end(byte: u8) -> bool {
    byte.is_ascii() && !(byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_' | b':'))
}

/// `name …>` after `</`: the name and the rest after `>` (or before a `<` if `>` is missing).
fn end_tag(body: &str) -> Option<(&str, &str)> {
    let len = body.bytes().position(is_name_end).unwrap_or(body.len());
    if len == 0 {
        return None;
    }
    let tail = &body[len..];
    let stop = tail.find(['>', '<']).unwrap_or(tail.len());
    let skip = usize::from(tail[stop..].starts_with('>'));
    Some((&body[..len], &tail[stop + skip..]))
}

struct StartTag<'a> {
    name: &'a str,
    attrs: Vec<(String, String)>,
    self_closing: bool,
}

/// A start tag after its `<`, if a name starts there.
fn start_tag(body: &str) -> Option<(StartTag<'_>, &str)> {
    let first = body.chars().next()?;
    if !(first.is_alphabetic() || first == '_' || first == ':') {
        return None;
    }
    let len = body.bytes().position(is_name_end).unwrap_or(body.len());
    let mut tag = StartTag {
        name: &body[..len],
        attrs: Vec::new(),
        self_closing: false,
    };
    let mut rest = &body[len..];
    loop {
        rest = rest.trim_start();
        let Some(byte) = rest.bytes().next() else {
            return Some((tag, rest));
        };
        match byte {
            b'>' => return Some((tag, &rest[1..])),
            // A missing `>`: the next tag begins.
            b'<' => return Some((tag, rest)),
            b'/' => {
                rest = &rest[1..];
                if let Some(after) = rest.strip_prefix('>') {
                    tag.self_closing = true;
                    return Some((tag, after));
                }
            }
            _ if is_name_end(byte) => rest = &rest[1..],
            _ => {
                let name_len = rest.bytes().position(is_name_end).unwrap_or(rest.len());
                let name = rest[..name_len].to_ascii_lowercase();
                rest = rest[name_len..].trim_start();
                let mut value = String::new();
                if let Some(after_equals) = rest.strip_prefix('=') {
                    let (raw, remaining) = attribute_value(after_equals.trim_start());
                    value = decode_entities(raw).into_owned();
                    rest = remaining;
                }
                if tag.attrs.len() < MAX_ATTRIBUTES {
                    tag.attrs.push((name, value));
                }
            }
        }
    }
}

/// A quoted or bare attribute value and the rest of the tag. A quote left open ends at `>`.
fn attribute_value(text: &str) -> (&str, &str) {
    match text.bytes().next() {
        Some(quote @ (b'"' | b'\'')) => {
            let body = &text[1..];
            match body.find(quote as char) {
                Some(end) => (&body[..end], &body[end + 1..]),
                None => {
                    let end = body.find('>').unwrap_or(body.len());
                    (&body[..end], &body[end..])
                }
            }
        }
        _ => {
            let end = text
                .bytes()
                .position(|b| b.is_ascii_whitespace() || b == b'>')
                .unwrap_or(text.len());
            (&text[..end], &text[end..])
        }
    }
}

/// The open elements, innermost last, with the namespace declarations in scope of each.
struct TreeBuilder {
    open: Vec<Element>,
    /// `(prefix, namespace)` declared by each open element; `""` is the default namespace.
    scopes: Vec<Vec<(String, Ns)>>,
    /// Elements and attributes that may still be added (see `MAX_MARKUP_NODES`).
    budget: usize,
}

impl TreeBuilder {
    fn new() -> Self {
        let document = Element {
            name: String::new(),
            local: "#document".into(),
            ns: Ns::Other,
            attrs: Vec::new(),
            children: Vec::new(),
            closed: Closed::Tag,
        };
        TreeBuilder {
            open: vec![document],
            scopes: vec![Vec::new()],
            budget: MAX_MARKUP_NODES,
        }
    }

    fn text(&mut self, text: &str) {
        if !text.is_empty() {
            self.raw_text(&decode_entities(text));
        }
    }

    fn raw_text(&mut self, text: &str) {
        // Characters XML forbids (form feeds, NULs, …) are dropped.
        let allowed = |c: &char| {
            !(*c < ' ' && !matches!(c, '\t' | '\n' | '\r') || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        };
        let parent = self.open.last_mut().expect("the document stays open");
        if let Some(Node::Text(last)) = parent.children.last_mut() {
            last.extend(text.chars().filter(allowed));
        } else {
            parent
                .children
                .push(Node::Text(text.chars().filter(allowed).collect()));
        }
    }

    fn open(&mut self, tag: StartTag<'_>) {
        let local = local_name(tag.name).to_ascii_lowercase();
        self.close_implied_by(&local);
        let cost = 1 + tag.attrs.len();
        if self.open.len() > MAX_DEPTH || self.budget < cost {
            return;
        }
        self.budget -= cost;
        let declared: Vec<(String, Ns)> = tag
            .attrs
            .iter()
            .filter_map(|(name, uri)| {
                let prefix = match name.strip_prefix("xmlns") {
                    Some("") => "",
                    Some(prefixed) => prefixed.strip_prefix(':')?,
                    None => return None,
                };
                Some((prefix.to_string(), namespace_of(uri)))
            })
            // Other namespaces read as undeclared ones do; a few per tag is what feeds need
            // (and keeps each lookup short).
            .filter(|(_, ns)| *ns != Ns::Other)
            .take(MAX_DECLARATIONS)
            .collect();
        self.scopes.push(declared);
        let ns = self.resolve(tag.name);
        let element = Element {
            name: tag.name.to_string(),
            local,
            ns,
            attrs: tag.attrs,
            children: Vec::new(),
            closed: Closed::Eof,
        };
        self.open.push(element);
        if tag.self_closing {
            self.pop(Closed::Tag);
        }
    }

    /// Closes a text field left open when a feed element starts, and an entry left open when
    /// the next entry starts (entries do not nest).
    fn close_implied_by(&mut self, local: &str) {
        if !FIELD_STARTS.contains(&local) {
            return;
        }
        let innermost = self.open.last().expect("the document stays open");
        if self.open.len() > 1 && TEXT_FIELDS.contains(&innermost.local.as_str()) {
            self.pop(Closed::Implied);
        }
        // Inside an entry, a text field left open with markup in it (`<title>a <b>b<link>`),
        // or an unknown element (most often a broken tag: `<titl>`, `<title` without its `>`),
        // would swallow the entry's other fields: they end where a feed element starts.
        let entry = self
            .open
            .iter()
            .rposition(|e| matches!(e.local.as_str(), "item" | "entry"))
            .filter(|at| *at > 0);
        if let Some(entry) = entry
            && let Some(field) = self.open.get(entry + 1)
        {
            let name = field.local.as_str();
            let stray = field.ns == Ns::Core
                && !FIELD_STARTS.contains(&name)
                && !ENTRY_CONTAINERS.contains(&name);
            if stray || TEXT_FIELDS.contains(&name) {
                while self.open.len() > entry + 1 {
                    self.pop(Closed::Implied);
                }
            }
        }
        if local == "item" || local == "entry" {
            let open_entry = self
                .open
                .iter()
                .rposition(|e| e.local == local && e.ns != Ns::Media);
            if let Some(at) = open_entry.filter(|at| *at > 0) {
                while self.open.len() > at {
                    self.pop(Closed::Implied);
                }
            }
        }
    }

    fn close(&mut self, name: &str) {
        let Some(at) = self
            .open
            .iter()
            .rposition(|e| e.name.eq_ignore_ascii_case(name))
            .filter(|at| *at > 0)
        else {
            return;
        };
        while self.open.len() > at + 1 {
            self.pop(Closed::Implied);
        }
        self.pop(Closed::Tag);
    }

    fn pop(&mut self, how: Closed) {
        if self.open.len() < 2 {
            return;
        }
        let mut element = self.open.pop().expect("checked above");
        self.scopes.pop();
        element.closed = how;
        let parent = self.open.last_mut().expect("the document stays open");
        parent.children.push(Node::Element(element));
    }

    fn finish(mut self) -> Element {
        // The field being written inside an entry when the document was cut is cut short
        // itself (a link to the wrong page, half a title): it is dropped.
        let innermost = self.open.last().expect("the document stays open");
        let in_entry = self.open[..self.open.len() - 1]
            .iter()
            .any(|e| e.local == "item" || e.local == "entry");
        if in_entry && innermost.local != "item" && innermost.local != "entry" {
            self.open.pop();
            self.scopes.pop();
        }
        while self.open.len() > 1 {
            self.pop(Closed::Eof);
        }
        self.open.pop().expect("the document")
    }

    fn resolve(&self, name: &str) -> Ns {
        let prefix = name.rsplit_once(':').map_or("", |(prefix, _)| prefix);
        let declared = self
            .scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter())
            .find(|(p, _)| p.eq_ignore_ascii_case(prefix))
            .map(|(_, ns)| *ns);
        match (declared, prefix) {
            (Some(ns), _) if ns != Ns::Other => ns,
            (_, "") => Ns::Core,
            // Declared with a mistyped URI, or not at all.
            (_, prefix) => customary_namespace(prefix),
        }
    }
}

fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

fn namespace_of(uri: &str) -> Ns {
    let uri = uri.trim().trim_end_matches(['/', '#']).to_ascii_lowercase();
    let uri = uri
        .strip_prefix("http://")
        .or_else(|| uri.strip_prefix("https://"))
        .unwrap_or(&uri);
    if uri.starts_with("www.w3.org/2005/atom") || uri.starts_with("purl.org/atom/ns") {
        // Atom 1.0, 0.3 and the drafts between them (`…/ns#draft-ietf-atompub-format-09`).
        return Ns::Atom;
    }
    match uri {
        "purl.org/rss/1.0"
        | "my.netscape.com/rdf/simple/0.9"
        | "backend.userland.com/rss2"
        | "backend.userland.com/rss"
        | "blogs.law.harvard.edu/tech/rss" => Ns::Core,
        "purl.org/dc/elements/1.1" => Ns::Dc,
        "purl.org/dc/terms" => Ns::DcTerms,
        "purl.org/rss/1.0/modules/content" => Ns::Content,
        "search.yahoo.com/mrss" => Ns::Media,
        "www.w3.org/1999/02/22-rdf-syntax-ns" => Ns::Rdf,
        "www.w3.org/1999/xhtml" => Ns::Xhtml,
        _ => Ns::Other,
    }
}

/// The namespace a prefix customarily names, for documents that forget to declare it.
fn customary_namespace(prefix: &str) -> Ns {
    match prefix.to_ascii_lowercase().as_str() {
        "atom" | "atom10" | "atom03" | "a10" => Ns::Atom,
        "rss" => Ns::Core,
        "dc" => Ns::Dc,
        "dcterms" => Ns::DcTerms,
        "content" => Ns::Content,
        "media" => Ns::Media,
        "rdf" => Ns::Rdf,
        "xhtml" => Ns::Xhtml,
        _ => Ns::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Element {
        let mut document = parse(text);
        match document.children.pop() {
            Some(Node::Element(root)) => root,
            other => panic!("no root element: {other:?}"),
        }
    }

    #[test]
    fn unclosed_inline_tags_close_with_their_field() {
        let rss =
            root("<rss><item><title>Breaking <b>news</title><link>http://x/1</link></item></rss>");
        let item = rss.child(&[Ns::Core], "item").expect("item");
        assert_eq!(
            item.child(&[Ns::Core], "title").expect("title").text(),
            "Breaking news"
        );
        assert_eq!(
            item.child(&[Ns::Core], "link").expect("link").text(),
            "http://x/1"
        );
    }

    #[test]
    fn a_missing_end_tag_of_a_text_field_is_implied() {
        let rss = root("<rss><item><link>http://x/1<title>One</item><item><title>Two</rss>");
        let items: Vec<_> = rss.elements().collect();
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0].child(&[Ns::Core], "link").expect("link").text(),
            "http://x/1"
        );
        assert_eq!(items[0].closed, Closed::Tag);
        assert_eq!(items[1].closed, Closed::Implied);
    }

    #[test]
    fn stray_brackets_entities_and_a_cut_last_tag_are_text() {
        let rss = root("<rss><title>a < b &nbsp;&amp; c<![CDATA[ <i>d</i> ]]></title></rss");
        assert_eq!(rss.closed, Closed::Tag);
        assert_eq!(
            rss.child(&[Ns::Core], "title").expect("title").text(),
            "a < b \u{a0}& c <i>d</i> "
        );
    }

    #[test]
    fn undeclared_prefixes_get_their_customary_namespace() {
        let rss = root(
            r#"<rss xmlns:x="http://purl.org/dc/elements/1.1/"><x:date/><dc:creator/><foo:bar/><content:encoded/></rss>"#,
        );
        let namespaces: Vec<Ns> = rss.elements().map(|e| e.ns).collect();
        assert_eq!(namespaces, [Ns::Dc, Ns::Dc, Ns::Other, Ns::Content]);
    }

    #[test]
    fn markup_beyond_the_budget_is_skipped() {
        let flood = format!(
            "<rss>{}<item><title>late</title></item></rss>",
            "<a b c/>".repeat(100_000)
        );
        let rss = root(&flood);
        assert!(rss.elements().count() < MAX_MARKUP_NODES);
        assert_eq!(rss.text(), "late");
    }

    #[test]
    fn unclosed_comments_end_at_their_bracket() {
        let rss = root("<rss><!-- a > <title>kept</title><!-- b ></rss>");
        assert_eq!(
            rss.child(&[Ns::Core], "title").expect("title").text(),
            "kept"
        );
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let deep = "<a>".repeat(10_000);
        let mut depth = 0;
        let mut element = &parse(&deep);
        while let Some(child) = element.elements().next() {
            element = child;
            depth += 1;
        }
        assert!(depth <= MAX_DEPTH + 1, "{depth}");
    }
}
