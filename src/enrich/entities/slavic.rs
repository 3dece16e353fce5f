//! Polish and Ukrainian organisation names built on a head noun: "Національний банк України",
//! "Спеціалізованою антикорупційною прокуратурою", "Верховна Рада", "Sąd Najwyższy", "Straż
//! Graniczna". A name of several words with such a head is an organisation, in whatever case
//! the sentence puts it. Ukrainian writes only the first word capitalised, so a model trained
//! on few sentences tags the first word alone: the phrase is read from the text.

use super::gazetteer;

/// Stems of organisation head nouns (lower case), matched with at most `MAX_ENDING` letters
/// after them: every case of "банк", "рада", "прокуратура"...
fn head_stems(language: &str) -> &'static [&'static str] {
    match language {
        "uk" => &[
            "агентств",
            "адміністраці",
            "академі",
            "асамбле",
            "асоціаці",
            "банк",
            "бюро",
            "департамент",
            "інспекці",
            "інститут",
            "комісі",
            "комітет",
            "компані",
            "конгрес",
            "корпораці",
            "міністерств",
            "організаці",
            "палат",
            "парті",
            "прокуратур",
            "рад",
            "служб",
            "сил",
            "спілк",
            "суд",
            "союз",
            "університет",
            "управлінн",
            "уряд",
            "федераці",
            "фонд",
        ],
        "pl" => &[
            "agencj",
            "bank",
            "biur",
            "fundacj",
            "instytut",
            "izb",
            "komisj",
            "komitet",
            "ministerstw",
            "partii",
            "parti",
            "prokuratur",
            "rad",
            "sąd",
            "straż",
            "trybunał",
            "uniwersytet",
            "urzęd",
            "urząd",
            "związk",
            "związek",
        ],
        _ => &[],
    }
}

const MAX_ENDING: usize = 4;

/// Adjective endings of the words before the head ("Національного", "антикорупційної").
fn adjective_endings(language: &str) -> &'static [&'static str] {
    match language {
        "uk" => &[
            "ий", "ій", "а", "я", "е", "є", "і", "ого", "ої", "ому", "им", "ою", "их", "ими", "ім",
            "ю",
        ],
        "pl" => &[
            "y", "i", "a", "e", "ego", "ej", "emu", "ym", "im", "ą", "ych", "ich", "ymi",
        ],
        _ => &[],
    }
}

fn is_head(word: &str, language: &str) -> bool {
    let lower = word.to_lowercase();
    head_stems(language).iter().any(|stem| {
        lower.strip_prefix(stem).is_some_and(|rest| {
            rest.chars().count() <= MAX_ENDING && rest.chars().all(char::is_alphabetic)
        })
    })
}

fn is_adjective(word: &str, language: &str) -> bool {
    word.chars().count() > 4
        && adjective_endings(language)
            .iter()
            .any(|ending| word.ends_with(ending))
}

/// A name of several words with an organisation head noun among them ("Верховна Рада",
/// "Sądu Najwyższego") is an organisation, unless the gazetteer knows it as a place
/// ("Південний Судан").
/// An acronym that is no place ("НБУ", "CBOS"; not "США") is an organisation too.
pub(super) fn organisation_evidence(language: &str, name: &str) -> Option<&'static str> {
    let mut words = name.split_whitespace();
    let several = words.clone().nth(1).is_some();
    let acronym = (2..=6).contains(&name.chars().count())
        && name.chars().all(|c| c.is_uppercase() && c.is_alphabetic());
    let headed = several && words.any(|w| is_head(w, language));
    ((headed || acronym) && gazetteer::lookup(name, language).is_none()).then_some("ORG")
}

/// Stems of common nouns that, right before a name, say it is an organisation's ("компанією
/// Orlen", "гурт Kalush", "koncern Volkswagen"), in any case.
fn apposition_stems(language: &str) -> &'static [&'static str] {
    match language {
        "uk" => &[
            "агентств",
            "видавництв",
            "видання",
            "гурт",
            "інтернет-видання",
            "клуб",
            "компані",
            "концерн",
            "корпораці",
            "оператор",
            "телеканал",
            "холдинг",
        ],
        "pl" => &[
            "agencj",
            "dziennik",
            "firm",
            "klub",
            "koncern",
            "operator",
            "portal",
            "producent",
            "spółk",
            "stacj",
            "telewizj",
            "tygodnik",
            "zespoł",
            "zespół",
        ],
        _ => &[],
    }
}

/// The word right before `start` (a single space apart) is an organisation noun.
pub(super) fn apposition_evidence(
    language: &str,
    chars: &[char],
    start: usize,
) -> Option<&'static str> {
    let (_, word) = super::word_before(chars, start, |c| c.is_alphabetic() || c == '-')?;
    apposition_stems(language)
        .iter()
        .any(|stem| {
            word.strip_prefix(stem)
                .is_some_and(|rest| rest.chars().count() <= MAX_ENDING)
        })
        .then_some("ORG")
}

/// Ukrainian names in guillemets of one to four words ("фонду «Повернись живим»",
/// "«Укрзалізниця»"): the press quotes the names of organisations, brands and clubs so.
/// (start, end) of the quoted text and of the quotes around it.
pub(super) fn quoted_names(
    language: &str,
    chars: &[char],
    tag_from: usize,
) -> Vec<((usize, usize), (usize, usize))> {
    if language != "uk" {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut at = tag_from;
    while at < chars.len() {
        if chars[at] != '«' {
            at += 1;
            continue;
        }
        let open = at;
        let Some(length) = chars[open + 1..].iter().take(60).position(|c| *c == '»') else {
            at += 1;
            continue;
        };
        let (start, end) = (open + 1, open + 1 + length);
        let inner: String = chars[start..end].iter().collect();
        let words = inner.split_whitespace().count();
        if (1..=4).contains(&words)
            && inner.starts_with(char::is_uppercase)
            && inner.trim() == inner
            && !inner.contains(['«', '.', ',', '!', '?'])
        {
            found.push(((start, end), (open, end + 1)));
        }
        at = end + 1;
    }
    found
}

/// Ukrainian organisation phrases in `chars` from `tag_from`: (start, end) in code points.
/// A phrase is a capitalised adjective, up to two lower-case adjectives, then a head noun
/// ("Міжнародний валютний фонд"), and a place in the genitive after it when the gazetteer knows
/// it ("Збройних сил України").
pub(super) fn organisation_phrases(
    language: &str,
    chars: &[char],
    tag_from: usize,
) -> Vec<(usize, usize)> {
    if language != "uk" {
        return Vec::new();
    }
    // Words as (start, end), split at anything but letters, digits, hyphens and apostrophes.
    let words = super::word_spans(chars, tag_from, |c| {
        c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | 'ʼ')
    });
    let text = |(s, e): (usize, usize)| -> String { chars[s..e].iter().collect() };
    let spaced = |a: (usize, usize), b: (usize, usize)| b.0 == a.1 + 1 && chars[a.1] == ' ';
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let first = text(words[i]);
        // A place in the genitive ("біля Херсона піднявся") has an adjective's ending too.
        if !first.starts_with(char::is_uppercase)
            || !is_adjective(&first, language)
            || gazetteer::lookup(&first, language).is_some()
        {
            i += 1;
            continue;
        }
        // Up to two lower-case adjectives, then the head.
        let mut j = i + 1;
        while j < words.len()
            && j <= i + 2
            && spaced(words[j - 1], words[j])
            && text(words[j]).starts_with(char::is_lowercase)
            && is_adjective(&text(words[j]), language)
            && !is_head(&text(words[j]), language)
        {
            j += 1;
        }
        let is_phrase =
            j < words.len() && spaced(words[j - 1], words[j]) && is_head(&text(words[j]), language);
        if !is_phrase {
            i += 1;
            continue;
        }
        let head = text(words[j]);
        let mut end = words[j].1;
        let mut place = false;
        if let Some(&next) = words.get(j + 1) {
            let name = text(next);
            if spaced(words[j], next)
                && name.starts_with(char::is_uppercase)
                && gazetteer::lookup(&name, language).is_some()
            {
                end = next.1;
                place = true;
            }
        }
        // At a sentence's start a capitalised adjective is any adjective ("Новий банк
        // відкрили"): there the phrase needs more than adjective and noun.
        let opens_sentence = chars[..words[i].0]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '«' | '"'));
        if opens_sentence && j == i + 1 && !place && !head.starts_with(char::is_uppercase) {
            i += 1;
            continue;
        }
        if place {
            j += 1;
        }
        found.push((words[i].0, end));
        i = j + 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(language: &str, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        organisation_phrases(language, &chars, 0)
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn ukrainian_organisations_run_to_their_head_noun() {
        assert_eq!(
            phrases(
                "uk",
                "Національний банк України залишив ставку. Справу веде Спеціалізована антикорупційна прокуратура."
            ),
            vec![
                "Національний банк України",
                "Спеціалізована антикорупційна прокуратура"
            ]
        );
        assert_eq!(
            phrases("uk", "Верховна Рада ухвалила закон."),
            vec!["Верховна Рада"]
        );
        // A person, a lower-case start, a capitalised word that is no adjective: nothing.
        assert!(phrases("uk", "Андрій Садовий заявив, що місто прийняло людей.").is_empty());
        assert!(phrases("uk", "Новий банк відкрили.").is_empty());
        assert_eq!(
            phrases("uk", "Вчора Новий банк відкрили."),
            vec!["Новий банк"]
        );
        assert!(phrases("uk", "новий банк України").is_empty());
        assert!(phrases("de", "Національний банк України").is_empty());
    }

    #[test]
    fn organisation_nouns_before_a_name() {
        let text: Vec<char> = "з польською компанією Orlen і Koncern Volkswagen"
            .chars()
            .collect();
        assert_eq!(apposition_evidence("uk", &text, 22), Some("ORG"));
        assert_eq!(apposition_evidence("pl", &text, 38), Some("ORG"));
        assert_eq!(apposition_evidence("uk", &text, 2), None);
        assert_eq!(apposition_evidence("de", &text, 22), None);
    }

    #[test]
    fn quoted_ukrainian_names() {
        let text: Vec<char> = "фонду «Повернись живим» і «що далі, невідомо»"
            .chars()
            .collect();
        let found = quoted_names("uk", &text, 0);
        assert_eq!(found, vec![((7, 22), (6, 23))]);
        assert!(quoted_names("fr", &text, 0).is_empty());
    }

    #[test]
    fn head_nouns_make_organisations() {
        assert_eq!(organisation_evidence("uk", "НБУ"), Some("ORG"));
        assert_eq!(organisation_evidence("uk", "США"), None);
        assert_eq!(organisation_evidence("pl", "Sądu Najwyższego"), Some("ORG"));
        assert_eq!(organisation_evidence("pl", "Straż Graniczna"), Some("ORG"));
        assert_eq!(organisation_evidence("uk", "Верховна Рада"), Some("ORG"));
        assert_eq!(organisation_evidence("pl", "Donald Tusk"), None);
        assert_eq!(organisation_evidence("pl", "Sąd"), None);
        assert_eq!(organisation_evidence("de", "Sąd Najwyższy"), None);
        assert!(phrases("pl", "Naczelny sąd orzekł.").is_empty());
    }
}
