//! First names (`data/first_names.txt`, from the NER corpora; see `build_first_names.py`
//! there): a span the model typed as a place or organisation that is a first name and a
//! surname is a person ("Michele de Pascale" LOCATION), and a first name and surname at the end
//! of a longer span are the person after an organisation ("UniCredit Andrea Orcel").

use std::collections::HashSet;
use std::sync::LazyLock;

static FIRST_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("data/first_names.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

pub(super) fn is_first_name(word: &str) -> bool {
    FIRST_NAMES.contains(word)
}

/// (case ending, nominative endings) of Polish and Ukrainian first names: "Włodzimierzowi",
/// "Robertę", "Bradem"; "Борисом", "Олексію", "Юлією".
fn first_name_cases(language: &str) -> &'static [(&'static str, &'static [&'static str])] {
    match language {
        "pl" => &[
            ("owi", &[""]),
            ("em", &[""]),
            ("ie", &["", "a"]),
            ("a", &[""]),
            ("u", &[""]),
            ("ę", &["a"]),
            ("ą", &["a"]),
            ("y", &["a"]),
            ("i", &["a"]),
        ],
        "uk" => &[
            ("ові", &[""]),
            ("еві", &["ь", ""]),
            ("єві", &["й"]),
            ("ом", &[""]),
            ("ем", &["ь", ""]),
            ("єм", &["й"]),
            ("ою", &["а"]),
            ("єю", &["я"]),
            ("ею", &["я"]),
            ("а", &["", "о"]),
            ("я", &["й", "ь"]),
            ("у", &["", "а"]),
            ("ю", &["й", "ь", "я"]),
            ("і", &["а", "я", "ій"]),
            ("и", &["а"]),
            ("ї", &["я"]),
        ],
        _ => &[],
    }
}

/// A first name in any case of `language` (the nominative list read through case endings).
pub(super) fn is_inflected_first_name(word: &str, language: &str) -> bool {
    is_first_name(word)
        || crate::enrich::gazetteer::inflection::any_nominative(
            word,
            first_name_cases(language),
            is_first_name,
        )
}

#[cfg(test)]
mod tests {
    use super::{is_first_name, is_inflected_first_name};

    #[test]
    fn first_names_in_other_cases() {
        assert!(is_inflected_first_name("Włodzimierzowi", "pl"));
        assert!(is_inflected_first_name("Barbarą", "pl"));
        assert!(is_inflected_first_name("Сергієм", "uk"));
        assert!(is_inflected_first_name("Олександра", "uk"));
        assert!(!is_inflected_first_name("Sejmu", "pl"));
        assert!(!is_inflected_first_name("Włodzimierzowi", "de"));
    }

    #[test]
    fn first_names_are_read_and_words_are_not() {
        assert!(is_first_name("Andrea"));
        assert!(is_first_name("Олександр"));
        assert!(!is_first_name("Santa"));
        assert!(!is_first_name("# First names"));
    }
}
