//! One key per entity across languages and scripts: a place the gazetteer knows by its
//! GeoNames id (`geonames:703448`, small towns too) or a country by its ISO 3166 code
//! (`iso3166:AZ`); any other name by its transliterated, folded words (`name:aliyev-ilham`),
//! the surname first for people. Cyrillic follows BGN/PCGN (Russian; Ukrainian for `uk`): Алиев → aliyev.

use unicode_normalization::UnicodeNormalization;

use super::super::gazetteer;

/// The key of an entity named `name`, of spec type `kind`, in a text in `language`.
pub(super) fn entity_key(name: &str, kind: &str, language: &str) -> Option<String> {
    if kind == "LOCATION"
        && let Some(place) = gazetteer::lookup_with_towns(name, language)
    {
        return Some(place.key());
    }
    // The folded words side by side in one buffer, each word its range in it.
    let mut folded = String::with_capacity(name.len());
    let mut words: Vec<std::ops::Range<usize>> = Vec::new();
    for word in name.split(|c: char| c.is_whitespace() || c == '-') {
        let start = folded.len();
        fold(word, language, &mut folded);
        if folded.len() > start {
            words.push(start..folded.len());
        }
    }
    if words.is_empty() {
        return None;
    }
    if kind == "PERSON" {
        words.rotate_right(1);
    }
    let mut key = String::with_capacity(5 + folded.len() + words.len());
    key.push_str("name:");
    for (i, word) in words.into_iter().enumerate() {
        if i > 0 {
            key.push('-');
        }
        key.push_str(&folded[word]);
    }
    Some(key)
}

/// Appends `word` to `out` in lower-case ASCII letters and digits: Cyrillic transliterated,
/// accents dropped, punctuation (apostrophes, the soft sign's ') removed.
fn fold(word: &str, language: &str, out: &mut String) {
    let mut previous: Option<char> = None;
    for c in word.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match cyrillic(lower, previous, language) {
            Some(latin) => out.push_str(latin),
            // ASCII is its own decomposition.
            None if lower.is_ascii() => {
                if lower.is_ascii_alphanumeric() {
                    out.push(lower.to_ascii_lowercase());
                }
            }
            None => match latin_base(lower) {
                Some(base) => out.push_str(base),
                None => out.extend(
                    std::iter::once(lower)
                        .nfd()
                        .filter(|c| c.is_ascii_alphanumeric())
                        .map(|c| c.to_ascii_lowercase()),
                ),
            },
        }
        previous = Some(lower);
    }
}

/// Letters NFD does not take apart, in lower-case ASCII.
fn latin_base(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// BGN/PCGN romanisation of one lower-case Cyrillic letter; `е` (and Ukrainian `є`) is `ye`
/// at the start of a word and after a vowel or a sign.
fn cyrillic(c: char, previous: Option<char>, language: &str) -> Option<&'static str> {
    // Most letters of most texts are no Cyrillic ones.
    if !('\u{400}'..='\u{4ff}').contains(&c) && !matches!(c, '\'' | '’') {
        return None;
    }
    let after_vowel = previous.is_none_or(|p| "аеёиоуыэюяйъьіїє".contains(p));
    let ukrainian = language == "uk";
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' if ukrainian => "h",
        'г' => "g",
        'ґ' => "g",
        'д' => "d",
        'е' if ukrainian => "e",
        'е' | 'ё' if after_vowel => "ye",
        'е' | 'ё' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' if ukrainian => "y",
        'и' => "i",
        'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' | '\'' | '’' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_keyed_surname_first_across_scripts() {
        assert_eq!(
            entity_key("Алиев", "PERSON", "ru").as_deref(),
            Some("name:aliyev")
        );
        assert_eq!(
            entity_key("Aliyev", "PERSON", "en").as_deref(),
            Some("name:aliyev")
        );
        assert_eq!(
            entity_key("Ilham Aliyev", "PERSON", "en").as_deref(),
            Some("name:aliyev-ilham")
        );
        assert_eq!(
            entity_key("Зеленский", "PERSON", "ru").as_deref(),
            Some("name:zelenskiy")
        );
        assert_eq!(
            entity_key("Володимир Зеленський", "PERSON", "uk").as_deref(),
            Some("name:zelenskyy-volodymyr")
        );
        assert_eq!(
            entity_key("Kylian Mbappé", "PERSON", "fr").as_deref(),
            Some("name:mbappe-kylian")
        );
        assert_eq!(
            entity_key("Łukasz Dąbrowski", "PERSON", "pl").as_deref(),
            Some("name:dabrowski-lukasz")
        );
    }

    #[test]
    fn places_by_geonames_countries_by_iso_organisations_by_name() {
        assert_eq!(
            entity_key("Allemagne", "LOCATION", "fr").as_deref(),
            Some("iso3166:DE")
        );
        assert_eq!(
            entity_key("Азербайджан", "LOCATION", "ru").as_deref(),
            Some("iso3166:AZ")
        );
        assert_eq!(
            entity_key("Киев", "LOCATION", "ru"),
            entity_key("Kyiv", "LOCATION", "en")
        );
        // A person named like a place keeps a name key.
        assert_eq!(
            entity_key("Paris", "PERSON", "en").as_deref(),
            Some("name:paris")
        );
        assert_eq!(
            entity_key("Banco de España", "ORG", "es").as_deref(),
            Some("name:banco-de-espana")
        );
        assert_eq!(
            entity_key("Coeur-de-Loire", "LOCATION", "fr").as_deref(),
            Some("name:coeur-de-loire")
        );
        assert_eq!(entity_key("’", "ORG", "fr"), None);
    }
}
