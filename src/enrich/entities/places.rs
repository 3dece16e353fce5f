//! A name the gazetteer knows, right after a preposition of place ("w Warszawie", "у Києві",
//! "al Cairo"), is the place: the model's PERSON or ORG on it is overruled, and the place
//! is added when the model missed it. In Polish and Ukrainian, where a place in the genitive
//! follows a title ("Prezydent Ukrainy", "Президент Франції"), any capitalised name the model
//! left out that the gazetteer knows is added. Polish and Ukrainian names are looked up
//! through their nominatives (`gazetteer::lookup`).

use super::gazetteer;

/// Prepositions that put the next name in a place's role. Left out: those that also mean
/// "with" or govern people and clubs as often ("z Barceloną", "contro la Lazio").
fn place_prepositions(language: &str) -> &'static [&'static str] {
    match language {
        "pl" => &["w", "we", "do", "na", "pod", "nad", "koło", "przez"],
        "uk" => &[
            "у",
            "в",
            "до",
            "на",
            "під",
            "біля",
            "через",
            "поблизу",
            "з",
            "із",
            "зі",
        ],
        "it" => &["a", "ad", "in", "al", "nel", "verso", "sopra", "sotto"],
        "de" => &["in", "nach", "aus", "bei", "vor", "von", "zwischen"],
        "nl" => &["in", "naar", "uit"],
        "es" => &["en", "a", "hacia", "desde"],
        "pt" => &["em", "para"],
        "fr" => &["à", "en", "vers"],
        // Arabic: the prepositions written apart ("ب" and "ل" are printed onto the name).
        "ar" => &["في", "إلى", "الى", "من", "نحو"],
        _ => &[],
    }
}

/// The word before `start` is a preposition of place of `language` (any case: "W Gdańsku").
pub(super) fn after_place_preposition(language: &str, chars: &[char], start: usize) -> bool {
    let prepositions = place_prepositions(language);
    if prepositions.is_empty() {
        return false;
    }
    // Italian elides the article into the name's first letter ("dell'Egitto", "l'Italia",
    // "nell'Unione"); a club so named ("dell'Empoli") is told apart later by its article.
    if language == "it" && start > 1 && matches!(chars[start - 1], '\'' | '’') {
        let Some((from, word)) = super::romance::article_before(chars, start) else {
            return false;
        };
        let alone = from == 0 || !chars[from - 1].is_alphanumeric();
        return alone && ["l", "dell", "nell", "all", "dall", "sull"].contains(&word.as_str());
    }
    let Some((from, word)) = super::word_before(chars, start, char::is_alphabetic) else {
        return false;
    };
    // A word glued to digits ("3w") is no preposition.
    (from == 0 || !chars[from - 1].is_alphanumeric()) && prepositions.contains(&word.as_str())
}

/// Gazetteer places that no mention covers, right after a preposition of place (anywhere in
/// Polish and Ukrainian): (start, end) in code points. The name is the longest run of up to
/// three capitalised words the gazetteer knows ("Korei Południowej"); without a preposition,
/// the whole run of capitalised words up to a mention must be the place ("Polskie Koleje"
/// is no "Polska").
pub(super) fn places_after_prepositions(
    language: &str,
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    if place_prepositions(language).is_empty() {
        return Vec::new();
    }
    let anywhere = matches!(language, "pl" | "uk");
    let mut found = Vec::new();
    let mut at = tag_from;
    while at < chars.len() {
        let word_start = chars[at].is_uppercase() && (at == 0 || !chars[at - 1].is_alphanumeric());
        if !word_start || covered(at, at + 1) || super::spans::opens_sentence_word(chars, at) {
            at += 1;
            continue;
        }
        // A preposition opening a sentence ("In Breslau wurden ...") is no part of the run:
        // the name after it is read as after any preposition.
        let first_end = (at..chars.len())
            .find(|&i| !chars[i].is_alphabetic())
            .unwrap_or(chars.len());
        if chars.get(first_end) == Some(&' ')
            && after_place_preposition(language, chars, first_end + 1)
        {
            at = first_end + 1;
            continue;
        }
        // The run of capitalised words no mention covers, joined by single spaces: (start,
        // end) of each word, at most RUN of them.
        const RUN: usize = 6;
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut end = at;
        while words.len() < RUN && end < chars.len() && chars[end].is_uppercase() {
            if covered(end, end + 1) {
                break;
            }
            let word = end;
            while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '-') {
                end += 1;
            }
            words.push((word, end));
            if chars.get(end) != Some(&' ') {
                break;
            }
            end += 1;
        }
        let Some(&(_, run_end)) = words.last() else {
            at += 1;
            continue;
        };
        at = run_end;
        let known = |lookup: fn(&str, &str) -> Option<gazetteer::Place>, (start, end)| {
            let name: String = chars[start..end].iter().collect();
            lookup(&name, language).is_some()
        };
        // After a preposition: the run's longest first words that are a place, small towns
        // too ("uit Lieshout").
        let after = after_place_preposition(language, chars, words[0].0)
            .then(|| {
                (1..=words.len().min(3))
                    .rev()
                    .map(|n| (words[0].0, words[n - 1].1))
                    .find(|&span| known(gazetteer::lookup_with_towns, span))
            })
            .flatten();
        // Elsewhere (Polish, Ukrainian): the run's last words that are a place ("Prezydent
        // Ukrainy"), when the run ended by itself.
        let ended = words.len() < RUN;
        // A Polish word opening a sentence is read as written: a declined noun there
        // ("Mężczyźnie grozi") may match a place's declined form.
        if language == "pl"
            && after.is_none()
            && words.len() == 1
            && super::slavic::at_sentence_start(chars, words[0].0)
        {
            let word: String = chars[words[0].0..run_end].iter().collect();
            found.extend(gazetteer::as_written(&word, language).map(|_| words[0]));
            continue;
        }
        let last = (anywhere && ended && after.is_none())
            .then(|| {
                (0..words.len())
                    .skip(words.len().saturating_sub(3))
                    .map(|i| (words[i].0, run_end))
                    .find(|&span| known(gazetteer::lookup, span))
            })
            .flatten();
        found.extend(after.or(last));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(language: &str, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        places_after_prepositions(language, &chars, 0, |_, _| false)
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn declined_places_after_prepositions_are_found() {
        assert_eq!(
            names(
                "pl",
                "Spotkanie w Warszawie, potem lot do Korei Południowej."
            ),
            vec!["Warszawie", "Korei Południowej"]
        );
        assert_eq!(
            names("uk", "Зустріч у Києві, потім переговори з Україною."),
            vec!["Києві", "Україною"]
        );
        assert_eq!(names("it", "Il ministro è volato al Cairo."), vec!["Cairo"]);
        assert_eq!(names("it", "Al largo dell'Egitto."), vec!["Egitto"]);
        // A genitive after a title; a run of capitalised words that is no place as a whole.
        assert_eq!(
            names("pl", "Prezydent Ukrainy przyjechał."),
            vec!["Ukrainy"]
        );
        assert!(names("pl", "Kupią Polskie Koleje Państwowe.").is_empty());
        // Not after a preposition in Italian, no known place, another language: nothing.
        assert!(names("it", "Ha detto Parigi stessa.").is_empty());
        assert!(names("pl", "Mieszka w Kwzbrowie Dolnym.").is_empty());
        // A small town counts after a preposition.
        assert_eq!(names("pl", "Mieszka w Pcimiu Dolnym."), vec!["Pcimiu"]);
        assert_eq!(
            names("nl", "Bavaria uit Lieshout investeert."),
            vec!["Lieshout"]
        );
        assert_eq!(names("de", "Er war in Berlin."), vec!["Berlin"]);
        assert!(names("en", "He was in Berlin.").is_empty());
    }

    #[test]
    fn a_preposition_opening_a_sentence_is_no_part_of_the_name() {
        assert_eq!(
            names(
                "de",
                "Das Wasser stieg. In Breslau wurden Deiche verstärkt."
            ),
            vec!["Breslau"]
        );
    }

    #[test]
    fn the_preposition_must_be_a_whole_word() {
        let chars: Vec<char> = "Wszystko w Kijowie, nw Kijowie".chars().collect();
        assert!(after_place_preposition("pl", &chars, 11));
        assert!(!after_place_preposition("pl", &chars, 23));
        assert!(!after_place_preposition("pl", &chars, 0));
    }
}
