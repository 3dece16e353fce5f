//! Russian appositions: the noun right before a name says what it names ("агентство
//! Азертадж", "порта Актау"). Russian nouns inflect, so a head is a stem plus a short ending.

/// Stems of nouns that, right before a name, say it is an organisation.
const ORG_STEMS: [&str; 20] = [
    "агентств",
    "информагентств",
    "компани",
    "авиакомпани",
    "госкорпораци",
    "корпораци",
    "концерн",
    "холдинг",
    "издани",
    "газет",
    "телеканал",
    "радиостанци",
    "банк",
    "министерств",
    "ведомств",
    "парти",
    "организаци",
    "фонд",
    "завод",
    "комбинат",
];

/// Stems of nouns that, right before a name, say it is a place.
const PLACE_STEMS: [&str; 13] = [
    "город",
    "сел",
    "посёлок",
    "посёлк",
    "поселок",
    "поселк",
    "деревн",
    "столиц",
    "порт",
    "област",
    "республик",
    "регион",
    "район",
];

/// Case endings of those nouns ("агентств" + "ом"); a stem followed by anything else is
/// another word ("порт" + "рет").
const ENDINGS: [&str; 30] = [
    "", "а", "я", "о", "у", "ю", "е", "ы", "и", "ь", "ом", "ем", "ём", "ой", "ей", "ов", "ев",
    "ам", "ям", "ах", "ях", "ью", "ами", "ями", "ий", "ия", "ие", "ии", "ию", "ией",
];

/// The type the noun right before `start` proves, if any. The noun must touch the name (one
/// space, or an opening quote: «агентство «Интерфакс»»).
pub(super) fn russian_evidence(chars: &[char], start: usize) -> Option<&'static str> {
    let mut end = start;
    while end > 0 && matches!(chars[end - 1], '«' | '"' | '„' | '“') {
        end -= 1;
    }
    if end == 0 || !matches!(chars[end - 1], ' ' | '\u{a0}') {
        return None;
    }
    end -= 1;
    let from = super::word_start(chars, end, char::is_alphabetic);
    let word: String = chars[from..end]
        .iter()
        .flat_map(|c| c.to_lowercase())
        .collect();
    let headed_by = |stems: &[&str]| {
        stems.iter().any(|stem| {
            word.strip_prefix(stem)
                .is_some_and(|ending| ENDINGS.contains(&ending))
        })
    };
    if headed_by(&ORG_STEMS) {
        Some("ORG")
    } else if headed_by(&PLACE_STEMS) {
        Some("LOCATION")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(text: &str, name: &str) -> Option<&'static str> {
        let chars: Vec<char> = text.chars().collect();
        let byte = text.find(name).expect("name in text");
        russian_evidence(&chars, text[..byte].chars().count())
    }

    #[test]
    fn inflected_heads_before_a_name() {
        assert_eq!(
            evidence(
                "опубликовало государственное агентство Азертадж",
                "Азертадж"
            ),
            Some("ORG")
        );
        assert_eq!(
            evidence("по данным агентства «Интерфакс»", "Интерфакс"),
            Some("ORG")
        );
        assert_eq!(
            evidence("директор морского порта Актау", "Актау"),
            Some("LOCATION")
        );
        assert_eq!(evidence("в городе Актау", "Актау"), Some("LOCATION"));
    }

    #[test]
    fn no_head_no_evidence() {
        assert_eq!(evidence("сообщил Алиев", "Алиев"), None);
        assert_eq!(evidence("Алиев сказал", "Алиев"), None);
        // A longer word that merely starts like a head is not one: "портрет", "банкротство".
        assert_eq!(evidence("портрет Алиева", "Алиева"), None);
        assert_eq!(evidence("банкротство Евросети", "Евросети"), None);
        // Not touching: a full stop between.
        assert_eq!(evidence("это агентство. Азертадж", "Азертадж"), None);
    }
}
