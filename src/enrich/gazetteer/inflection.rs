//! Nominative candidates of inflected Polish and Ukrainian place names. The gazetteer holds
//! nominatives ("Warszawa", "Київ"); texts decline them ("w Warszawie", "do Kijowa",
//! "у Києві", "з України"). Each rule swaps a case ending for the nominative endings it may
//! come from; the gazetteer then says which candidate, if any, is a place. Rules overlap on
//! purpose: a wrong candidate finds nothing.

/// (case ending, nominative endings) of Polish nouns and adjectives, longest endings first
/// within each family.
const POLISH: &[(&str, &[&str])] = &[
    // Kijów, Kraków, Rzeszów: the ó of the nominative is o in every other case.
    ("owie", &["ów"]),
    ("owa", &["ów"]),
    ("owem", &["ów"]),
    ("owi", &["ów"]),
    // Madryt → Madrycie, Praga → Pradze, Polska → Polsce, Ameryka → Ameryce.
    ("cie", &["t"]),
    ("dzie", &["da", "ga", "d"]),
    ("sce", &["ska"]),
    ("ce", &["ka", "ca"]),
    ("rze", &["ra", "r"]),
    ("le", &["ła", "ł"]),
    // Poznań → Poznania, Poznaniu; Wrocław → Wrocławia, Wrocławiu.
    ("niu", &["ń"]),
    ("nia", &["ń", "nia"]),
    ("niem", &["ń"]),
    ("iu", &["", "ia"]),
    ("ia", &[""]),
    ("iem", &[""]),
    // Francja → Francji, Hiszpania → Hiszpanii, Rosja → Rosji.
    ("ji", &["ja"]),
    ("ii", &["ia"]),
    ("ją", &["ja"]),
    ("ję", &["ja"]),
    ("ią", &["ia"]),
    // Soft stems: Białoruś → Białorusi, Białorusią; Bydgoszcz stays hard.
    ("sią", &["ś"]),
    ("si", &["ś", "sa", "sia"]),
    ("cią", &["ć"]),
    ("zią", &["ź"]),
    ("ię", &["ia"]),
    // Warszawa → Warszawy, Warszawie, Warszawą, Warszawę; Berlin → Berlina, Berlinie, Berlinem.
    ("ie", &["", "a"]),
    ("y", &["a", "y"]),
    ("i", &["a", "", "ia"]),
    ("ą", &["a"]),
    ("ę", &["a"]),
    // Neuter towns: Kłodzko → Kłodzka, Kłodzku; Opole → Opola, Opolu.
    ("u", &["", "o", "e"]),
    ("a", &["", "o", "e"]),
    ("em", &["", "o", "e"]),
    // Adjectives of multi-word names: Korei Południowej → Korea Południowa.
    ("ej", &["a"]),
    ("iej", &["ia"]),
    ("ego", &["y", "e"]),
    ("im", &["i"]),
    ("ym", &["y"]),
    // Plural names: Niemcy → Niemiec, Niemczech; Węgry → Węgier, Węgrzech; Włochy → Włoch,
    // Włoszech; Stany Zjednoczone → Stanów Zjednoczonych, Stanach Zjednoczonych.
    ("iec", &["cy"]),
    ("ier", &["ry"]),
    ("czech", &["cy"]),
    ("rzech", &["ry"]),
    ("szech", &["chy"]),
    ("ach", &["y"]),
    ("ów", &["y"]),
    ("ych", &["e"]),
    ("", &["y"]),
];

/// (case ending, nominative endings) of Ukrainian nouns and adjectives.
const UKRAINIAN: &[(&str, &[&str])] = &[
    // Київ → Києва, Києві; Львів → Львова; Харків → Харкова: і/ї of the nominative's last
    // syllable is о/е/є elsewhere.
    ("єва", &["їв"]),
    ("єві", &["їв"]),
    ("євом", &["їв"]),
    ("єву", &["їв"]),
    ("ова", &["ів"]),
    ("ові", &["ів"]),
    ("овом", &["ів"]),
    ("ову", &["ів"]),
    ("ева", &["ів"]),
    ("еві", &["ів"]),
    // Росія → Росії, Росію, Росією; Франція → Франції.
    ("ії", &["ія"]),
    ("ію", &["ія"]),
    ("ією", &["ія"]),
    ("єю", &["я"]),
    // Білорусь → Білоруссю: a soft-sign noun doubles its consonant before "ю".
    ("ссю", &["сь"]),
    // Україна → України, Україні, Україну, Україною; Одеса → Одеси; Брюссель → Брюсселі.
    ("ою", &["а"]),
    ("ею", &["я", "а"]),
    ("и", &["а", "и"]),
    ("і", &["а", "", "ь", "я", "о", "е"]),
    ("у", &["а", "", "о"]),
    ("ю", &["я", "ь"]),
    ("ом", &["", "о"]),
    ("ем", &["ь", ""]),
    ("я", &["ь"]),
    ("а", &["", "о"]),
    // Adjectives: Великої Британії → Велика Британія; Чорним морем → Чорне море.
    ("ої", &["а"]),
    ("ій", &["а", "ий"]),
    ("ого", &["ий", "е"]),
    ("ому", &["ий", "е"]),
    ("им", &["ий", "е"]),
    ("их", &["і"]),
    // Plural names: Сполучені Штати → Сполучених Штатів; Нідерланди → Нідерландів.
    ("ів", &["и"]),
    ("ах", &["и"]),
];

/// At most this many candidates per word, and per name of several words.
const MAX_PER_WORD: usize = 12;
const MAX_PER_NAME: usize = 64;

/// The nominative forms `word` may be an inflection of, the word itself first. Empty for
/// languages without rules here.
pub(super) fn word_candidates(word: &str, language: &str) -> Vec<String> {
    let rules = match language {
        "pl" => POLISH,
        "uk" => UKRAINIAN,
        _ => return Vec::new(),
    };
    let mut out = vec![word.to_string()];
    // GeoNames writes many Ukrainian names without the apostrophe ("Купянськ" for
    // "Куп'янськ") and CLDR with the modifier letter ("Обʼєднані Арабські Емірати"): the word
    // is read without it and with that letter too.
    let (bare, modifier) = if language == "uk" && word.contains(APOSTROPHES) {
        (
            Some(word.replace(APOSTROPHES, "")),
            Some(word.replace(APOSTROPHES, "ʼ")),
        )
    } else {
        (None, None)
    };
    for form in std::iter::once(word)
        .chain(bare.as_deref())
        .chain(modifier.as_deref())
    {
        if form != word {
            out.push(form.to_string());
        }
        // `true` stops the walk once the list is full.
        any_nominative(form, rules, |candidate| {
            if out.len() >= MAX_PER_WORD {
                return true;
            }
            if !out.iter().any(|c| c == candidate) {
                out.push(candidate.to_string());
            }
            false
        });
    }
    out
}

/// The apostrophes Ukrainian is written with.
const APOSTROPHES: [char; 3] = ['\'', '’', 'ʼ'];

/// Whether `found` holds for one of the nominatives `word` may be an inflection of by `rules`
/// ((case ending, nominative endings) pairs), tried in the rules' order. Shared with the
/// first-name rules of `entities::names`, which read first names through their own endings.
pub(crate) fn any_nominative(
    word: &str,
    rules: &[(&str, &[&str])],
    mut found: impl FnMut(&str) -> bool,
) -> bool {
    // One buffer for the nominatives tried.
    let mut candidate = String::new();
    rules
        .iter()
        .any(|(ending, nominatives)| match word.strip_suffix(ending) {
            // A stem of one letter is no name: "Ui" is not "Ua" declined.
            Some(stem) if stem.chars().count() >= 2 => nominatives.iter().any(|nominative| {
                candidate.clear();
                candidate.push_str(stem);
                candidate.push_str(nominative);
                found(&candidate)
            }),
            _ => false,
        })
}

/// The first of the nominative forms a name of one or more words (single spaces) may be an
/// inflection of for which `found` answers, every word declined alike (bounded); the name itself
/// is not tried. The forms are tried in order, the first word's varying slowest, and built one
/// at a time: most names stop at an early form, so the others are never written.
pub(super) fn first_candidate<T>(
    name: &str,
    language: &str,
    mut found: impl FnMut(&str) -> Option<T>,
) -> Option<T> {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() > 3 {
        return None;
    }
    let mut forms = Vec::with_capacity(words.len());
    for word in &words {
        let word_forms = word_candidates(word, language);
        if word_forms.is_empty() {
            return None;
        }
        forms.push(word_forms);
    }
    let total = forms
        .iter()
        .map(Vec::len)
        .product::<usize>()
        .min(MAX_PER_NAME);
    let mut candidate = String::with_capacity(name.len() + 8);
    for mut k in 0..total {
        // k in mixed radix, the last word's digit lowest.
        let mut picks = [0; 3];
        for (pick, word_forms) in picks[..forms.len()].iter_mut().zip(&forms).rev() {
            *pick = k % word_forms.len();
            k /= word_forms.len();
        }
        candidate.clear();
        for (i, (word_forms, &pick)) in forms.iter().zip(&picks).enumerate() {
            if i > 0 {
                candidate.push(' ');
            }
            candidate.push_str(&word_forms[pick]);
        }
        if candidate != name
            && let Some(answer) = found(&candidate)
        {
            return Some(answer);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(word: &str, language: &str, nominative: &str) -> bool {
        first_candidate(word, language, |c| (c == nominative).then_some(())).is_some()
    }

    #[test]
    fn polish_cases_lead_back_to_the_nominative() {
        for (inflected, nominative) in [
            ("Warszawie", "Warszawa"),
            ("Warszawy", "Warszawa"),
            ("Warszawą", "Warszawa"),
            ("Kijowa", "Kijów"),
            ("Kijowie", "Kijów"),
            ("Berlinie", "Berlin"),
            ("Londynu", "Londyn"),
            ("Madrycie", "Madryt"),
            ("Polsce", "Polska"),
            ("Francji", "Francja"),
            ("Hiszpanii", "Hiszpania"),
            ("Ukrainy", "Ukraina"),
            ("Korei Południowej", "Korea Południowa"),
            ("Niemiec", "Niemcy"),
            ("Niemczech", "Niemcy"),
            ("Węgier", "Węgry"),
            ("Włoch", "Włochy"),
            ("Stanów Zjednoczonych", "Stany Zjednoczone"),
        ] {
            assert!(
                has(inflected, "pl", nominative),
                "{inflected} → {nominative}"
            );
        }
    }

    #[test]
    fn ukrainian_names_are_read_without_their_apostrophe_too() {
        assert!(has("Куп'янська", "uk", "Купянськ"));
        assert!(has("Куп’янська", "uk", "Купянськ"));
        assert!(has("Об'єднаних", "uk", "Обʼєднані"));
        assert!(!has("Куп'янська", "pl", "Купянськ"));
    }

    #[test]
    fn ukrainian_cases_lead_back_to_the_nominative() {
        for (inflected, nominative) in [
            ("Києві", "Київ"),
            ("Києва", "Київ"),
            ("Львові", "Львів"),
            ("Харкова", "Харків"),
            ("України", "Україна"),
            ("Україною", "Україна"),
            ("Росії", "Росія"),
            ("Брюсселі", "Брюссель"),
            ("Парижі", "Париж"),
            ("Дніпра", "Дніпро"),
            ("Великої Британії", "Велика Британія"),
            ("Сполучених Штатів", "Сполучені Штати"),
        ] {
            assert!(
                has(inflected, "uk", nominative),
                "{inflected} → {nominative}"
            );
        }
    }

    #[test]
    fn bounded_and_only_for_declining_languages() {
        let all = |name: &str, language: &str| {
            let mut tried = Vec::new();
            first_candidate(name, language, |c| {
                tried.push(c.to_string());
                None::<()>
            });
            tried
        };
        assert!(all("Warszawie", "de").is_empty());
        assert!(all("A B C D", "pl").is_empty());
        assert!(all("Ua", "uk").iter().all(|c| c != "Ua"));
        let many = all("Korei Południowej Wschodniej", "pl");
        assert!(many.len() <= MAX_PER_NAME, "{}", many.len());
    }
}
