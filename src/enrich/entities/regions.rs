//! Polish and Ukrainian regions named by an adjective and a region noun: "Харківська область",
//! "у Бучанському районі", "w województwie śląskim", "powiatu kłodzkiego". The gazetteer holds
//! no such phrases and the models tag the adjective alone, if at all; the noun makes the phrase
//! a place. Ukrainian puts the capitalised adjective first, Polish the noun first and the
//! adjective in lower case. Plural nouns ("в Одеській та Миколаївській областях") name no
//! single region and are left alone.

/// (stem, singular endings) of the region nouns of `language`.
fn region_nouns(language: &str) -> &'static [(&'static str, &'static [&'static str])] {
    match language {
        "uk" => &[
            ("област", &["ь", "і", "ю"]),
            ("район", &["", "у", "і", "ом"]),
            ("громад", &["а", "и", "і", "у", "ою"]),
        ],
        "pl" => &[
            ("województw", &["o", "a", "ie", "em"]),
            ("powiat", &["", "u", "em"]),
            ("powieci", &["e"]),
        ],
        _ => &[],
    }
}

fn is_region_noun(word: &str, language: &str) -> bool {
    // Most words fail on their first letter: no lower-casing for them.
    let first = word.chars().next().and_then(|c| c.to_lowercase().next());
    let nouns = region_nouns(language);
    if !nouns.iter().any(|(stem, _)| stem.chars().next() == first) {
        return false;
    }
    let lower = word.to_lowercase();
    nouns.iter().any(|(stem, endings)| {
        lower
            .strip_prefix(stem)
            .is_some_and(|rest| endings.contains(&rest))
    })
}

/// A Ukrainian adjective of a place in any case ("Харківська", "Бучанському", "Чернігівського").
fn is_ukrainian_place_adjective(word: &str) -> bool {
    const ENDINGS: [&str; 12] = [
        "ька",
        "ької",
        "ькій",
        "ьку",
        "ькою",
        "ький",
        "ького",
        "ькому",
        "ьким",
        "ькім",
        "ська",
        "ське",
    ];
    word.starts_with(char::is_uppercase)
        && word.chars().count() > 5
        && ENDINGS.iter().any(|ending| word.ends_with(ending))
}

/// A Polish adjective of a place in any case, the region's own word ("śląskie", "kłodzkiego",
/// "warmińsko-mazurskim"): a -ski/-cki/-dzki adjective.
fn is_polish_place_adjective(word: &str) -> bool {
    const ENDINGS: [&str; 6] = ["kie", "kiego", "kim", "ki", "kiej", "ką"];
    word.chars().count() > 4
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
        && ENDINGS.iter().any(|ending| word.ends_with(ending))
}

/// Endings of the one-word names of historical regions and oblasts ("Харківщина", "на
/// Київщині", "Донеччини"; "Lubelszczyzna", "nad Białostocczyzną"), derived from a town's name.
fn region_word_endings(language: &str) -> &'static [&'static str] {
    match language {
        "uk" => &[
            "щина",
            "щини",
            "щині",
            "щину",
            "щиною",
            "ччина",
            "ччини",
            "ччині",
            "ччину",
        ],
        "pl" => &["czyzna", "czyzny", "czyźnie", "czyznę", "czyzną"],
        _ => &[],
    }
}

pub(super) fn is_region_word(word: &str, language: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && word.chars().count() > 6
        && region_word_endings(language)
            .iter()
            .any(|ending| word.ends_with(ending))
        && !(language == "pl" && NOT_POLISH_REGIONS.iter().any(|stem| word.starts_with(stem)))
}

/// Polish common nouns with a region's ending, capitalised when they open a sentence
/// ("Mężczyźnie grozi", "Ojczyzna", "Polszczyzna" the language).
const NOT_POLISH_REGIONS: [&str; 3] = ["Mężczy", "Ojczy", "Polszczy"];

/// A Ukrainian land's collective name: "За-", "При-" or "По-" and a neuter ending after a
/// doubled consonant or an apostrophe ("Закарпатті", "Прикарпаття", "Поділля", "Приазов'я").
pub(super) fn is_ukrainian_land(word: &str) -> bool {
    let lower = word.to_lowercase();
    word.starts_with(char::is_uppercase)
        && ["за", "при", "по"].iter().any(|p| lower.starts_with(p))
        && lower.chars().count() > 6
        && ["тт", "жж", "лл", "сс", "в'", "м'"].iter().any(|pair| {
            lower
                .rfind(pair)
                .is_some_and(|at| ["я", "і", "ї", "ю", "ям"].contains(&&lower[at + pair.len()..]))
        })
}

/// Region phrases in `chars` from `tag_from`: (start, end) in code points; one-word region
/// names too (a Ukrainian land's only inside a sentence: "Покриття" may open one).
pub(super) fn region_phrases(
    language: &str,
    chars: &[char],
    tag_from: usize,
) -> Vec<(usize, usize)> {
    if region_nouns(language).is_empty() {
        return Vec::new();
    }
    let words = super::word_spans(chars, tag_from, |c| {
        c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | 'ʼ')
    });
    // A word's text is copied out only for words that pass the checks on its letters in
    // place: most words are no region and get no copy.
    let text = |(start, end): (usize, usize)| -> String { chars[start..end].iter().collect() };
    let capital = |(start, _): (usize, usize)| chars[start].is_uppercase();
    let spaced = |a: (usize, usize), b: (usize, usize)| b.0 == a.1 + 1 && chars[a.1] == ' ';
    let mut found: Vec<(usize, usize)> = words
        .iter()
        .copied()
        .filter(|&(start, end)| {
            // Region words and lands are capitalised; a region word has over six letters.
            if !capital((start, end)) || (language != "uk" && end - start <= 6) {
                return false;
            }
            let word = text((start, end));
            is_region_word(&word, language)
                || (language == "uk"
                    && is_ukrainian_land(&word)
                    && super::spans::mark_before(chars, start)
                        .is_some_and(|c| !matches!(c, '.' | '!' | '?' | '«' | '"')))
        })
        .collect();
    let nouns = region_nouns(language);
    for pair in words.windows(2) {
        let (first, second) = (pair[0], pair[1]);
        if !spaced(first, second) {
            continue;
        }
        let is_region = match language {
            // "Харківська область", "Бучанському районі": a capitalised adjective of over
            // five letters.
            "uk" => {
                capital(first)
                    && first.1 - first.0 > 5
                    && is_ukrainian_place_adjective(&text(first))
                    && is_region_noun(&text(second), language)
            }
            // "województwie śląskim", "powiatu kłodzkiego" (the adjective in lower case, or
            // capitalised in an official name: "Województwo Śląskie"). The noun opens with a
            // region noun's first letter.
            _ => {
                let initial = chars[first.0].to_lowercase().next();
                nouns.iter().any(|(stem, _)| stem.chars().next() == initial)
                    && is_region_noun(&text(first), language)
                    && is_polish_place_adjective(&text(second).to_lowercase())
                    && (chars[second.0].is_lowercase() || capital(first))
            }
        };
        if is_region {
            found.push((first.0, second.1));
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::region_phrases;

    fn regions(language: &str, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        region_phrases(language, &chars, 0)
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn adjective_and_region_noun_make_a_place() {
        assert_eq!(
            regions("uk", "У Харківській області та Бучанському районі тихо."),
            vec!["Харківській області", "Бучанському районі"]
        );
        assert_eq!(
            regions("pl", "W województwie śląskim i powiecie kłodzkim pada."),
            vec!["województwie śląskim", "powiecie kłodzkim"]
        );
        assert_eq!(
            regions("uk", "На Харківщині та Донеччині"),
            vec!["Харківщині", "Донеччині"]
        );
        assert_eq!(regions("pl", "nad Lubelszczyzną"), vec!["Lubelszczyzną"]);
        assert!(regions("pl", "Mężczyźnie grozi kara.").is_empty());
        // Plural nouns, a lower-case Ukrainian adjective, a noun alone, another language.
        assert!(regions("uk", "в Одеській та Миколаївській областях").is_empty());
        assert!(regions("uk", "у харківській області").is_empty());
        assert!(regions("pl", "w województwie było zimno").is_empty());
        assert!(regions("pl", "w województwach śląskim").is_empty());
        assert!(regions("de", "W województwie śląskim").is_empty());
    }
}
