//! First names (`data/first_names.txt`, from the NER corpora; see `build_first_names.py`
//! there): a span the model typed as a place or organisation that is a first name and a
//! surname is a person ("Michele de Pascale" LOCATION), and a first name and surname at the end
//! of a longer span are the person after an organisation ("UniCredit Andrea Orcel").

use std::collections::HashSet;
use std::sync::LazyLock;

/// Hashed with foldhash: every capitalised word of a text may be asked.
static FIRST_NAMES: LazyLock<HashSet<&'static str, foldhash::fast::RandomState>> =
    LazyLock::new(|| {
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

/// Lower-case particles inside Dutch, German and Portuguese surnames ("van den Brink", "von der
/// Leyen", "do Rosário").
const PARTICLES: [&str; 12] = [
    "van", "von", "der", "den", "de", "ter", "ten", "zu", "do", "da", "dos", "das",
];

/// The word (letters, digits, hyphens) right after `end` and one space: (start, end).
pub(super) fn next_word(chars: &[char], end: usize) -> Option<(usize, usize)> {
    if chars.get(end) != Some(&' ') {
        return None;
    }
    let start = end + 1;
    let mut stop = start;
    while stop < chars.len() && (chars[stop].is_alphanumeric() || chars[stop] == '-') {
        stop += 1;
    }
    (stop > start).then_some((start, stop))
}

/// A person's mention grown to the whole name the model cut (Dutch, German, Portuguese): the
/// first name before it ("Karin Keller-Sutter"), the surname after a first name ("Dominik
/// Asam") or after particles ("Dolf van den Brink", "Ursula von der Leyen"). A place the
/// gazetteer knows is no surname.
pub(super) fn whole_name(
    language: &str,
    chars: &[char],
    mut start: usize,
    mut end: usize,
) -> (usize, usize) {
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let words = super::word_spans(&chars[..end], start, |c| c != ' ');
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return (start, end);
    };
    if !is_first_name(&text(first))
        && let Some((from, _)) = super::word_before(chars, start, char::is_alphabetic)
        && is_first_name(&text((from, start - 1)))
    {
        start = from;
    }
    let last = text(last);
    // Particles after a lone word ("Dolf van den Brink"); after a full name they start
    // something else ("Lando Norris van McLaren").
    let particle_next = words.len() == 1
        && next_word(chars, end).is_some_and(|w| PARTICLES.contains(&text(w).as_str()));
    if PARTICLES.contains(&last.as_str()) || particle_next || is_first_name(&last) {
        let mut at = end;
        while let Some(w) = next_word(chars, at) {
            let word = text(w);
            if PARTICLES.contains(&word.as_str()) {
                at = w.1;
                continue;
            }
            if chars[w.0].is_uppercase()
                && crate::enrich::gazetteer::lookup(&word, language).is_none()
            {
                end = w.1;
            }
            break;
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::{is_first_name, is_inflected_first_name, whole_name};

    fn grown(language: &str, text: &str, mention: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let start = text[..text.find(mention).unwrap()].chars().count();
        let (s, e) = whole_name(language, &chars, start, start + mention.chars().count());
        chars[s..e].iter().collect()
    }

    #[test]
    fn cut_names_grow_to_the_whole_name() {
        let text = "Topman Dolf van den Brink zei in Amsterdam dat";
        assert_eq!(grown("nl", text, "Dolf"), "Dolf van den Brink");
        let text = "presidente da Comissão, Ursula von der Leyen, disse";
        assert_eq!(grown("pt", text, "Ursula von der"), "Ursula von der Leyen");
        let text = "Bundespräsidentin Karin Keller-Sutter sagte";
        assert_eq!(grown("de", text, "Keller-Sutter"), "Karin Keller-Sutter");
        // A place after a first name is no surname; a verb after a surname stays out.
        assert_eq!(grown("de", "mit Karin in Berlin", "Karin"), "Karin");
        assert_eq!(grown("de", "sagte Karin Berlin", "Karin"), "Karin");
        assert_eq!(grown("nl", "Mark Rutte zei", "Mark Rutte"), "Mark Rutte");
        let text = "hield Lando Norris van McLaren achter zich";
        assert_eq!(grown("nl", text, "Lando Norris"), "Lando Norris");
    }

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
