//! The article text format (`shared/spec/article-text.md`): how blocks are normalised and joined.

/// Separator between rubric labels in the rubric block (U+00B7 MIDDLE DOT).
pub const RUBRIC_SEPARATOR: &str = " \u{b7} ";

/// Separator between the blocks of the rendered text: exactly one blank line.
const BLOCK_SEPARATOR: &str = "\n\n";

const NO_BREAK_SPACE: char = '\u{a0}';

/// Renders the article text: rubric labels joined by `" · "`, the headline, the lead image
/// caption and the body paragraphs, one block each, separated by one blank line, without a
/// trailing newline. Empty blocks (and an empty rubric) produce nothing.
pub fn render_text(
    rubric: &[String],
    title: &str,
    caption: Option<&str>,
    paragraphs: &[String],
) -> String {
    let rubric_line = rubric
        .iter()
        .filter(|label| !label.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(RUBRIC_SEPARATOR);
    let blocks = [rubric_line.as_str(), title, caption.unwrap_or_default()]
        .into_iter()
        .chain(paragraphs.iter().map(String::as_str))
        .filter(|block| !block.is_empty());
    let mut text = String::new();
    for block in blocks {
        if !text.is_empty() {
            text.push_str(BLOCK_SEPARATOR);
        }
        text.push_str(block);
    }
    text
}

/// Accumulates the text of one block as the page flows it (text nodes and `<br>`s) and
/// normalises its whitespace:
/// - every whitespace run inside the block (spaces, tabs, newlines, NO-BREAK SPACE) becomes
///   one U+0020 SPACE, and a run containing a `<br>` becomes a single `\n`;
/// - leading whitespace is dropped;
/// - trailing whitespace is kept as one character, because the page has it there: U+00A0
///   when the run contains a NO-BREAK SPACE (the golden seed keeps `&nbsp;` this way, as a
///   browser renders it), U+0020 otherwise. A trailing run ending a line (`<br>`) is dropped.
#[derive(Debug, Default)]
pub struct BlockText {
    text: String,
    pending_space: bool,
    pending_no_break_space: bool,
    pending_line_break: bool,
}

impl BlockText {
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the fragment a run at a time: whitespace runs set what is pending, visible runs
    /// are copied whole. ASCII is classified bytewise, the rest by `char::is_whitespace`.
    pub fn push_str(&mut self, fragment: &str) {
        let bytes = fragment.as_bytes();
        let mut at = 0;
        let mut run_start = 0;
        while at < bytes.len() {
            let (length, is_space) = match bytes[at] {
                // The ASCII characters of `char::is_whitespace`.
                b'\t'..=b'\r' | b' ' => (1, true),
                byte if byte.is_ascii() => (1, false),
                _ => fragment[at..]
                    .chars()
                    .next()
                    .map_or((1, false), |c| (c.len_utf8(), c.is_whitespace())),
            };
            if is_space {
                if run_start < at {
                    self.push_visible(&fragment[run_start..at]);
                }
                self.pending_space = true;
                self.pending_no_break_space |= fragment[at..].starts_with(NO_BREAK_SPACE);
                run_start = at + length;
            }
            at += length;
        }
        if run_start < bytes.len() {
            self.push_visible(&fragment[run_start..]);
        }
    }

    pub fn push_line_break(&mut self) {
        self.pending_line_break = true;
    }

    /// The text so far, without pending whitespace.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when text is followed by a line break and nothing visible yet: a second `<br>`
    /// here ends a paragraph.
    pub fn ends_with_line_break(&self) -> bool {
        self.pending_line_break && !self.text.is_empty()
    }

    /// True when nothing but whitespace has been pushed.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    fn push_visible(&mut self, run: &str) {
        if !self.text.is_empty() {
            if self.pending_line_break {
                self.text.push('\n');
            } else if self.pending_space {
                self.text.push(' ');
            }
        }
        self.pending_space = false;
        self.pending_no_break_space = false;
        self.pending_line_break = false;
        self.text.push_str(run);
    }

    /// The normalised block, trailing whitespace kept as described above.
    pub fn finish(mut self) -> String {
        if !self.text.is_empty() && self.pending_space && !self.pending_line_break {
            self.text.push(if self.pending_no_break_space {
                NO_BREAK_SPACE
            } else {
                ' '
            });
        }
        self.text
    }

    /// The normalised text without any trailing whitespace, for single-line values such as
    /// headlines, labels and captions; line breaks become spaces there.
    pub fn finish_line(self) -> String {
        let text = self.finish();
        text.trim_end().replace('\n', " ")
    }
}

/// Normalises a single-line value (headline, label, caption, metadata string).
pub fn normalise_line(raw: &str) -> String {
    let mut block = BlockText::new();
    block.push_str(raw);
    block.finish_line()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(fragments: &[Option<&str>]) -> String {
        let mut block = BlockText::new();
        for fragment in fragments {
            match fragment {
                Some(text) => block.push_str(text),
                None => block.push_line_break(),
            }
        }
        block.finish()
    }

    #[test]
    fn whitespace_runs_become_one_space() {
        assert_eq!(block(&[Some("a \t\n\u{a0} b")]), "a b");
        assert_eq!(block(&[Some("a"), Some("\u{a0}"), Some("b")]), "a b");
    }

    #[test]
    fn wide_spaces_are_whitespace_and_other_letters_are_kept() {
        assert_eq!(
            block(&[Some("東京\u{3000}大阪\u{2003}\u{a0}"), Some("Ünï·x ")]),
            "東京 大阪 Ünï·x "
        );
        assert_eq!(block(&[Some("end\u{2003}\u{a0}")]), "end\u{a0}");
    }

    #[test]
    fn leading_whitespace_is_dropped() {
        assert_eq!(block(&[Some("\n  \u{a0}word")]), "word");
        assert_eq!(block(&[None, Some(" word")]), "word");
    }

    #[test]
    fn trailing_whitespace_becomes_one_character() {
        assert_eq!(block(&[Some("end. \n\t ")]), "end. ");
        assert_eq!(block(&[Some("end.\u{a0}")]), "end.\u{a0}");
        assert_eq!(block(&[Some("end. \u{a0}\n")]), "end.\u{a0}");
    }

    #[test]
    fn line_break_becomes_single_newline() {
        assert_eq!(block(&[Some("one "), None, Some(" two")]), "one\ntwo");
        assert_eq!(block(&[Some("one"), None, None, Some("two")]), "one\ntwo");
        assert_eq!(block(&[Some("end"), None, Some(" ")]), "end");
    }

    #[test]
    fn blank_block_is_empty() {
        assert_eq!(block(&[Some(" \u{a0}\n"), None]), "");
    }

    #[test]
    fn single_line_values_are_trimmed() {
        assert_eq!(normalise_line("  Head\u{a0}line \n"), "Head line");
    }

    #[test]
    fn render_joins_blocks_with_blank_lines() {
        let rubric = ["News".to_string(), "Politics".to_string()];
        let paragraphs = ["First. ".to_string(), String::new(), "Second.".to_string()];
        assert_eq!(
            render_text(&rubric, "Title", Some("Caption"), &paragraphs),
            "News \u{b7} Politics\n\nTitle\n\nCaption\n\nFirst. \n\nSecond."
        );
    }

    #[test]
    fn render_omits_missing_blocks() {
        assert_eq!(render_text(&[], "Title", None, &[]), "Title");
        assert_eq!(
            render_text(&[], "", Some(""), &["Body".to_string()]),
            "Body"
        );
    }
}
