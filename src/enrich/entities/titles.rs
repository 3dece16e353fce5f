//! Titles the model runs into a person's name. German capitalises every noun, so "Bundespräsident
//! Frank-Walter Steinmeier" or "Generalsekretär António Guterres" come out as one name (even as
//! an ORG): the title is cut, and what remains of a "title + capitalised name" span is a person.

/// Endings of German title nouns, compounds included ("Minister|präsident", "Bahn|chef").
const GERMAN_TITLE_ENDINGS: [&str; 16] = [
    "präsident",
    "kanzler",
    "minister",
    "sekretär",
    "bürgermeister",
    "chef",
    "trainer",
    "senator",
    "sprecher",
    "direktor",
    "vorsitzende",
    "vorsitzender",
    "botschafter",
    "papst",
    "könig",
    "kommissar",
];

/// Where the name starts once a leading title word is dropped, or `None` when the span does
/// not start with a title followed by a capitalised word.
pub(super) fn after_leading_title(
    language: &str,
    chars: &[char],
    start: usize,
    end: usize,
) -> Option<usize> {
    if language != "de" {
        return None;
    }
    let span: String = chars[start..end].iter().collect();
    let (first, rest) = span.split_once(' ')?;
    let first = first.to_lowercase();
    let is_title = GERMAN_TITLE_ENDINGS.iter().any(|ending| {
        first.ends_with(ending)
            || first
                .strip_suffix("in")
                .is_some_and(|f| f.ends_with(ending))
    });
    let rest = rest.trim_start();
    (is_title && rest.starts_with(char::is_uppercase)).then(|| end - rest.chars().count())
}

#[cfg(test)]
mod tests {
    use super::after_leading_title;

    fn cut(language: &str, span: &str) -> Option<String> {
        let chars: Vec<char> = span.chars().collect();
        after_leading_title(language, &chars, 0, chars.len())
            .map(|start| chars[start..].iter().collect())
    }

    #[test]
    fn german_titles_are_cut_from_names() {
        assert_eq!(
            cut("de", "Bundespräsident Frank-Walter Steinmeier").as_deref(),
            Some("Frank-Walter Steinmeier")
        );
        assert_eq!(
            cut("de", "Generalsekretär António Guterres").as_deref(),
            Some("António Guterres")
        );
        assert_eq!(
            cut("de", "Ministerpräsidentin Manuela Schwesig").as_deref(),
            Some("Manuela Schwesig")
        );
        // Not a title, a lower-case rest, a one-word span, another language: kept.
        assert_eq!(cut("de", "Deutsche Bahn"), None);
        assert_eq!(cut("de", "Präsident der"), None);
        assert_eq!(cut("de", "Bundeskanzler"), None);
        assert_eq!(cut("nl", "Minister Brekelmans"), None);
    }
}
