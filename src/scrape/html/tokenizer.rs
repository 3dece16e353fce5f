//! The HTML tokenizer: text runs, tags with attributes, comments, doctypes; character
//! references decoded, line breaks normalised, as the HTML standard's tokenization stage.

use std::ops::Range;

use super::entities;

/// What the tree builder makes of a doctype: only its quirks mode matters here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quirks {
    No,
    Yes,
    /// A doctype with public or system identifiers: the standard's long list decides, which
    /// this parser does not carry (it matters for one rule only, see the tree builder).
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Text straight from the input.
    Text(Range<usize>),
    /// Text in [`Tokenizer::decoded`] (a character reference, a normalised line break).
    Decoded,
    /// A tag: its name and attributes are in the tokenizer until the next token.
    StartTag {
        self_closing: bool,
    },
    EndTag,
    Comment,
    Doctype(Quirks),
    Eof,
}

/// How the tokenizer reads the content of the element just opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    Markup,
    /// Text with character references, up to the element's end tag (`title`, `textarea`).
    Rcdata,
    /// Text as it is, up to the element's end tag (`style`, `noscript`, `iframe`…).
    RawText,
    /// A script's text, with the standard's rules for `<!--` inside scripts.
    Script,
    /// Everything to the end is text.
    PlainText,
}

pub struct Tokenizer<'a> {
    input: &'a [u8],
    text: &'a str,
    position: usize,
    content: Content,
    /// The end tag that closes raw text: the last start tag's name.
    end_name: String,
    pub decoded: String,
    pub name: String,
    /// Attribute names and values, as ranges of `attribute_text`.
    pub attributes: Vec<(Range<usize>, Range<usize>)>,
    pub attribute_text: String,
    /// The tree builder's current node is SVG or MathML (CDATA sections are text there).
    pub in_foreign: bool,
    /// Where the last token started.
    pub token_start: usize,
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

impl<'a> Tokenizer<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            input: text.as_bytes(),
            text,
            position: 0,
            content: Content::Markup,
            end_name: String::new(),
            decoded: String::new(),
            name: String::new(),
            attributes: Vec::new(),
            attribute_text: String::new(),
            in_foreign: false,
            token_start: 0,
        }
    }

    pub fn position(&self) -> usize {
        self.position
    }

    pub fn text(&self, token: &Token) -> &str {
        match token {
            Token::Text(range) => &self.text[range.clone()],
            Token::Decoded => &self.decoded,
            _ => "",
        }
    }

    pub fn attribute(&self, index: usize) -> (&str, &str) {
        let (name, value) = &self.attributes[index];
        (
            &self.attribute_text[name.clone()],
            &self.attribute_text[value.clone()],
        )
    }

    pub fn attribute_value(&self, wanted: &str) -> Option<&str> {
        (0..self.attributes.len())
            .map(|index| self.attribute(index))
            .find(|(name, _)| *name == wanted)
            .map(|(_, value)| value)
    }

    /// Switches how the content after the start tag just read is tokenized.
    pub fn read_content_as(&mut self, content: Content) {
        self.content = content;
        if content != Content::Markup {
            self.end_name.clone_from(&self.name);
        }
    }

    pub fn next_token(&mut self) -> Token {
        loop {
            self.token_start = self.position;
            let Some(&byte) = self.input.get(self.position) else {
                return Token::Eof;
            };
            let token = match self.content {
                Content::Markup => match byte {
                    b'<' => self.markup(),
                    b'&' => self.character_reference(false),
                    b'\r' => self.line_break(),
                    // A NUL of its own: the tree builder drops it from HTML content and
                    // replaces it in SVG and MathML.
                    b'\0' => {
                        self.position += 1;
                        self.decoded.clear();
                        self.decoded.push('\0');
                        Some(Token::Decoded)
                    }
                    _ => Some(self.text_run()),
                },
                Content::Rcdata => match byte {
                    b'<' if self.at_end_tag() => self.markup(),
                    b'&' => self.character_reference(false),
                    _ => Some(self.raw_run(self.raw_text_end(true))),
                },
                Content::RawText => match byte {
                    b'<' if self.at_end_tag() => self.markup(),
                    _ => Some(self.raw_run(self.raw_text_end(false))),
                },
                Content::Script => {
                    if byte == b'<' && self.at_end_tag() {
                        self.markup()
                    } else {
                        Some(self.raw_run(self.script_end()))
                    }
                }
                Content::PlainText => Some(self.raw_run(self.input.len())),
            };
            if let Some(token) = token {
                return token;
            }
        }
    }

    /// Text up to the next '<', '&', carriage return or NUL.
    fn text_run(&mut self) -> Token {
        let start = self.position;
        let length = find_or_nul(b'<', b'&', b'\r', &self.input[start..])
            .unwrap_or(self.input.len() - start);
        self.position += length;
        Token::Text(start..self.position)
    }

    /// Raw text up to `end`, its line breaks normalised and NULs replaced.
    fn raw_run(&mut self, end: usize) -> Token {
        let start = self.position;
        self.position = end.max(start + 1).min(self.input.len());
        let raw = &self.input[start..self.position];
        if !raw.iter().any(|&b| b == b'\r' || b == b'\0') {
            return Token::Text(start..self.position);
        }
        self.decoded.clear();
        let text = &self.text[start..self.position];
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    chars.next_if_eq(&'\n');
                    self.decoded.push('\n');
                }
                '\0' => self.decoded.push('\u{fffd}'),
                c => self.decoded.push(c),
            }
        }
        // A "\r\n" split by `end` (never: `end` is before a `<` or the end of input).
        Token::Decoded
    }

    fn line_break(&mut self) -> Option<Token> {
        self.position += 1;
        if self.input.get(self.position) == Some(&b'\n') {
            self.position += 1;
        }
        self.decoded.clear();
        self.decoded.push('\n');
        Some(Token::Decoded)
    }

    fn character_reference(&mut self, in_attribute: bool) -> Option<Token> {
        self.decoded.clear();
        let used = entities::decode(
            &self.input[self.position + 1..],
            in_attribute,
            &mut self.decoded,
        );
        let start = self.position;
        if used == 0 {
            self.position += 1;
            return Some(Token::Text(start..self.position));
        }
        self.position += 1 + used;
        Some(Token::Decoded)
    }

    /// Whether the input at `position` is `</` + the raw-text element's name + a delimiter.
    fn at_end_tag(&self) -> bool {
        self.is_end_tag_at(self.position, &self.end_name)
    }

    fn is_end_tag_at(&self, at: usize, name: &str) -> bool {
        let rest = &self.input[at..];
        rest.len() > name.len() + 2
            && rest.starts_with(b"</")
            && rest[2..2 + name.len()].eq_ignore_ascii_case(name.as_bytes())
            && matches!(rest[2 + name.len()], b'/' | b'>') | is_space(rest[2 + name.len()])
    }

    /// Where raw text stops: before its end tag, a `\r`, a NUL or (RCDATA) a `&`.
    fn raw_text_end(&self, references: bool) -> usize {
        let mut at = self.position;
        while at < self.input.len() {
            match self.input[at] {
                b'<' if at > self.position && self.is_end_tag_at(at, &self.end_name) => return at,
                b'&' if references && at > self.position => return at,
                _ => at += 1,
            }
        }
        at
    }

    /// Where a script's text stops: its end tag outside a `<!-- <script> -->` section.
    fn script_end(&self) -> usize {
        #[derive(PartialEq)]
        enum Escape {
            None,
            Escaped,
            Double,
        }
        let mut escape = Escape::None;
        let mut dashes = 0;
        let mut at = self.position;
        let input = self.input;
        while at < input.len() {
            let byte = input[at];
            if byte == b'-' {
                dashes += 1;
                at += 1;
                continue;
            }
            let dashes_before = dashes;
            dashes = 0;
            match (&escape, byte) {
                (Escape::None, b'<') if input[at..].starts_with(b"<!--") => {
                    escape = Escape::Escaped;
                    dashes = 2;
                    at += 4;
                    continue;
                }
                (Escape::None | Escape::Escaped, b'<') if self.is_end_tag_at(at, "script") => {
                    return at;
                }
                (Escape::Escaped, b'<') if self.is_start_tag_at(at, "script") => {
                    escape = Escape::Double;
                    at += 7;
                    continue;
                }
                (Escape::Double, b'<') if self.is_end_tag_at(at, "script") => {
                    escape = Escape::Escaped;
                    at += 8;
                    continue;
                }
                (Escape::Escaped | Escape::Double, b'>') if dashes_before >= 2 => {
                    escape = Escape::None;
                }
                _ => {}
            }
            at += 1;
        }
        at
    }

    fn is_start_tag_at(&self, at: usize, name: &str) -> bool {
        let rest = &self.input[at..];
        rest.len() > name.len() + 1
            && rest[1..1 + name.len()].eq_ignore_ascii_case(name.as_bytes())
            && matches!(rest[1 + name.len()], b'/' | b'>') | is_space(rest[1 + name.len()])
    }

    /// At a `<`: a tag, a comment, a doctype, or the `<` as text.
    fn markup(&mut self) -> Option<Token> {
        let start = self.position;
        let next = self.input.get(start + 1).copied();
        match next {
            Some(byte) if byte.is_ascii_alphabetic() => {
                self.position += 1;
                self.tag(false)
            }
            Some(b'/') => match self.input.get(start + 2).copied() {
                Some(byte) if byte.is_ascii_alphabetic() => {
                    self.position += 2;
                    self.tag(true)
                }
                Some(b'>') => {
                    self.position += 3;
                    None
                }
                None => {
                    self.position = self.input.len();
                    Some(Token::Text(start..self.position))
                }
                Some(_) => Some(self.bogus_comment(start + 2)),
            },
            Some(b'!') => Some(self.declaration()),
            Some(b'?') => Some(self.bogus_comment(start + 1)),
            _ => {
                self.position += 1;
                Some(Token::Text(start..self.position))
            }
        }
    }

    fn bogus_comment(&mut self, from: usize) -> Token {
        self.position = match self.input[from..].iter().position(|&b| b == b'>') {
            Some(at) => from + at + 1,
            None => self.input.len(),
        };
        Token::Comment
    }

    /// After `<!`: a comment, a doctype, a CDATA section.
    fn declaration(&mut self) -> Token {
        let rest = &self.input[self.position + 2..];
        if rest.starts_with(b"--") {
            let body = self.position + 4;
            let content = &self.input[body..];
            self.position = if content.starts_with(b">") {
                body + 1
            } else if content.starts_with(b"->") {
                body + 2
            } else {
                comment_end(content).map_or(self.input.len(), |end| body + end)
            };
            return Token::Comment;
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            return self.doctype(self.position + 9);
        }
        if self.in_foreign && rest.starts_with(b"[CDATA[") {
            let body = self.position + 9;
            let end = find(&self.input[body..], b"]]>").map_or(self.input.len(), |at| body + at);
            self.position = body;
            let token = if end > body {
                self.raw_run(end)
            } else {
                Token::Text(body..body)
            };
            self.position = (end + 3).min(self.input.len());
            return token;
        }
        self.bogus_comment(self.position + 2)
    }

    fn doctype(&mut self, from: usize) -> Token {
        let end = self.input[from..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(self.input.len(), |at| from + at);
        self.position = (end + 1).min(self.input.len());
        let content = &self.input[from..end];
        let mut words = content
            .split(|&b| is_space(b))
            .filter(|word| !word.is_empty());
        let quirks = match (words.next(), words.next()) {
            (Some(name), None) if name.eq_ignore_ascii_case(b"html") => Quirks::No,
            (Some(name), Some(_)) if name.eq_ignore_ascii_case(b"html") => Quirks::Unknown,
            _ => Quirks::Yes,
        };
        Token::Doctype(quirks)
    }

    /// A tag from its name's first byte; `None` (dropped) when the input ends inside it.
    fn tag(&mut self, end: bool) -> Option<Token> {
        self.name.clear();
        self.attributes.clear();
        self.attribute_text.clear();
        let input = self.input;
        let start = self.position;
        let name_end = input[start..]
            .iter()
            .position(|&b| is_space(b) || b == b'/' || b == b'>')
            .map_or(input.len(), |at| start + at);
        push_lowercase(&mut self.name, &self.text[start..name_end]);
        self.position = name_end;
        let mut self_closing = false;
        loop {
            // Before an attribute name.
            let Some(&byte) = input.get(self.position) else {
                self.position = input.len();
                return None;
            };
            match byte {
                b'>' => {
                    self.position += 1;
                    break;
                }
                b'/' => {
                    self.position += 1;
                    if input.get(self.position) == Some(&b'>') {
                        self.position += 1;
                        self_closing = true;
                        break;
                    }
                }
                byte if is_space(byte) => self.position += 1,
                _ => {
                    if !self.read_attribute() {
                        self.position = input.len();
                        return None;
                    }
                }
            }
        }
        Some(if end {
            Token::EndTag
        } else {
            Token::StartTag { self_closing }
        })
    }

    /// One attribute, from its name's first byte; false when the input ends inside it.
    fn read_attribute(&mut self) -> bool {
        let input = self.input;
        let start = self.position;
        // The first byte may be `=`.
        let name_end = input[start + 1..]
            .iter()
            .position(|&b| is_space(b) || matches!(b, b'/' | b'>' | b'='))
            .map_or(input.len(), |at| start + 1 + at);
        let name_start = self.attribute_text.len();
        push_lowercase(&mut self.attribute_text, &self.text[start..name_end]);
        let name = name_start..self.attribute_text.len();
        self.position = name_end;
        while input.get(self.position).is_some_and(|&b| is_space(b)) {
            self.position += 1;
        }
        let value_start = self.attribute_text.len();
        if input.get(self.position) == Some(&b'=') {
            self.position += 1;
            while input.get(self.position).is_some_and(|&b| is_space(b)) {
                self.position += 1;
            }
            match input.get(self.position) {
                None => return false,
                Some(&quote @ (b'"' | b'\'')) => {
                    self.position += 1;
                    if !self.read_attribute_value(Some(quote), |b| b == quote) {
                        return false;
                    }
                    self.position += 1;
                }
                Some(b'>') => {}
                Some(_) => {
                    if !self.read_attribute_value(None, |b| is_space(b) || b == b'>') {
                        return false;
                    }
                }
            }
        }
        let value = value_start..self.attribute_text.len();
        let duplicate = self.attributes.iter().any(|(known, _)| {
            self.attribute_text[known.clone()] == self.attribute_text[name.clone()]
        });
        if duplicate {
            self.attribute_text.truncate(name.start);
        } else {
            self.attributes.push((name, value));
        }
        true
    }

    /// An attribute value up to the byte `stop` accepts (left unread), which is `quote` when
    /// the value is quoted; false at the end of the input.
    fn read_attribute_value(&mut self, quote: Option<u8>, stop: impl Fn(u8) -> bool) -> bool {
        let input = self.input;
        loop {
            let run_start = self.position;
            let rest = &input[run_start..];
            let run = match quote {
                Some(quote) => find_or_nul(quote, b'&', b'\r', rest),
                None => rest
                    .iter()
                    .position(|&b| stop(b) || matches!(b, b'&' | b'\r' | b'\0')),
            }
            .map_or(input.len(), |at| run_start + at);
            self.attribute_text.push_str(&self.text[run_start..run]);
            self.position = run;
            match input.get(run) {
                None => return false,
                Some(&b) if stop(b) => return true,
                Some(b'&') => {
                    let used = entities::decode(&input[run + 1..], true, &mut self.attribute_text);
                    if used == 0 {
                        self.attribute_text.push('&');
                    }
                    self.position = run + 1 + used;
                }
                Some(b'\r') => {
                    self.attribute_text.push('\n');
                    self.position += 1;
                    if input.get(self.position) == Some(&b'\n') {
                        self.position += 1;
                    }
                }
                Some(_) => {
                    self.attribute_text.push('\u{fffd}');
                    self.position += 1;
                }
            }
        }
    }
}

/// The end of a comment's body: after `-->` or `--!>`.
fn comment_end(content: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = find(&content[from..], b"--") {
        let dashes = from + at;
        let after = &content[dashes + 2..];
        if after.starts_with(b">") {
            return Some(dashes + 3);
        }
        if after.starts_with(b"!>") {
            return Some(dashes + 4);
        }
        from = dashes + 1;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Tag and attribute names: ASCII letters lower-cased, NULs replaced.
fn push_lowercase(out: &mut String, name: &str) {
    // Names are nearly always ASCII without NUL: copied whole and lower-cased in place.
    if name.bytes().all(|byte| byte.is_ascii() && byte != 0) {
        let start = out.len();
        out.push_str(name);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in name.chars() {
        out.push(match c {
            '\0' => '\u{fffd}',
            c => c.to_ascii_lowercase(),
        });
    }
}

/// Where the first `a`, `b`, `c` or NUL byte is: memchr for the three, then a NUL looked for
/// only before what it found.
fn find_or_nul(a: u8, b: u8, c: u8, bytes: &[u8]) -> Option<usize> {
    let found = memchr::memchr3(a, b, c, bytes);
    memchr::memchr(0, &bytes[..found.unwrap_or(bytes.len())]).or(found)
}
