//! The enrichment cap: how much of a long text the taggers read.
//!
//! An article is 2–30k code points; a page of megabytes of paragraphs is a dump, an archive or
//! an attack, and tagging all of it costs time (and, in the taggers' batches, memory) for
//! nothing a reader wants. Only its first part is tagged, cut where a paragraph or sentence
//! ends so that no mention is cut in half.

/// The default of `pipeline.max_enrich_chars`, in code points: several times the longest
/// ordinary article.
pub const DEFAULT_MAX_ENRICH_CHARS: usize = 100_000;

/// The part of `text` enrichment reads: all of it when it has at most `max_chars` code points,
/// else a prefix of at most `max_chars` ending at the last paragraph break, else line break,
/// else sentence end, else space in the cap's second half (a hard cut if there is none), with
/// its length in code points.
pub fn enrichable_prefix(text: &str, max_chars: usize) -> (&str, Option<usize>) {
    let Some((limit, _)) = text.char_indices().nth(max_chars) else {
        return (text, None);
    };
    let head = &text[..limit];
    // A boundary in the first half would throw away more than it saves.
    let floor = head
        .char_indices()
        .nth(max_chars / 2)
        .map_or(0, |(at, _)| at);
    let tail = &head[floor..];
    let sentence_end = || {
        tail.match_indices(['.', '!', '?'])
            .filter(|(at, mark)| tail[at + mark.len()..].starts_with(char::is_whitespace))
            .map(|(at, mark)| at + mark.len())
            .next_back()
    };
    let cut = tail
        .rfind("\n\n")
        .or_else(|| tail.rfind('\n'))
        .or_else(sentence_end)
        .or_else(|| tail.rfind(char::is_whitespace))
        .map_or(limit, |at| floor + at);
    let prefix = &text[..cut];
    (prefix, Some(prefix.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_read_whole() {
        assert_eq!(enrichable_prefix("One. Two.", 9), ("One. Two.", None));
        assert_eq!(enrichable_prefix("", 0), ("", None));
    }

    #[test]
    fn long_texts_are_cut_at_the_last_paragraph_then_sentence_then_space() {
        let text = "First paragraph here.\n\nSecond one, longer than the rest of it.";
        assert_eq!(
            enrichable_prefix(text, 40),
            ("First paragraph here.", Some(21))
        );
        let text = "Крым. Второе предложение здесь и дальше";
        assert_eq!(
            enrichable_prefix(text, 30),
            ("Крым. Второе предложение", Some(24))
        );
        let text = "Once upon a time. And then there were more words";
        assert_eq!(enrichable_prefix(text, 25), ("Once upon a time.", Some(17)));
        let text = "word ".repeat(10);
        assert_eq!(enrichable_prefix(&text, 12), ("word word", Some(9)));
    }

    #[test]
    fn text_without_boundaries_is_cut_hard_on_a_code_point() {
        let text = "ж".repeat(100);
        let (prefix, at) = enrichable_prefix(&text, 10);
        assert_eq!((prefix.chars().count(), at), (10, Some(10)));
    }
}
