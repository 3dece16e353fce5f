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

#[cfg(test)]
mod tests {
    use super::is_first_name;

    #[test]
    fn first_names_are_read_and_words_are_not() {
        assert!(is_first_name("Andrea"));
        assert!(is_first_name("Олександр"));
        assert!(!is_first_name("Santa"));
        assert!(!is_first_name("# First names"));
    }
}
