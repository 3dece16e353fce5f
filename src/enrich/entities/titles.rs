//! Titles the model runs into a person's name. German capitalises every noun, so "Bundespräsident
//! Frank-Walter Steinmeier" or "Generalsekretär António Guterres" come out as one name (even as
//! an ORG): the title is cut, and what remains of a "title + capitalised name" span is a person.
//! In Dutch, Polish, Italian and Ukrainian the title is capitalised at a sentence's start and
//! may take lower-case words ("Prezydent miasta Aleksandra Dulkiewicz", "Minister spraw
//! wewnętrznych"): those are cut too, and a span that was only a title is no name at all.

use std::sync::LazyLock;

use super::spans::Lexicon;

/// Title nouns of Dutch, Polish, Italian and Ukrainian news, lower-cased, by language.
const TITLES: [(&str, &[&str]); 4] = [
    (
        "nl",
        &[
            "premier",
            "minister",
            "minister-president",
            "staatssecretaris",
            "president",
            "koning",
            "koningin",
            "prins",
            "prinses",
            "burgemeester",
            "wethouder",
            "trainer",
            "bondscoach",
            "topman",
            "topvrouw",
            "directeur",
            "voorzitter",
            "fractievoorzitter",
            "partijleider",
            "lijsttrekker",
            "woordvoerder",
            "commissaris",
            "eurocommissaris",
            "ambassadeur",
            "generaal",
            "paus",
            "bondskanselier",
            "kanselier",
            "oud-premier",
            "oud-minister",
            "kamerlid",
            "europarlementariër",
            "rechter",
            "advocaat",
        ],
    ),
    (
        "pl",
        &[
            "prezydent",
            "prezydentka",
            "premier",
            "wicepremier",
            "minister",
            "ministra",
            "wiceminister",
            "marszałek",
            "marszałkini",
            "prezes",
            "prezeska",
            "rzecznik",
            "rzeczniczka",
            "trener",
            "burmistrz",
            "wojewoda",
            "poseł",
            "posłanka",
            "senator",
            "szef",
            "szefowa",
            "dyrektor",
            "dyrektorka",
            "rektor",
            "rektorka",
            "przewodniczący",
            "przewodnicząca",
            "ambasador",
            "generał",
            "sędzia",
            "prokurator",
            "biskup",
            "kardynał",
            "papież",
            "król",
            "królowa",
            "kanclerz",
            "sekretarz",
            "komisarz",
            "lider",
            "liderka",
            "europoseł",
            "europosłanka",
            "wiceprezes",
            "wicemarszałek",
            "starosta",
            "wójt",
        ],
    ),
    (
        "it",
        &[
            "presidente",
            "premier",
            "vicepremier",
            "ministro",
            "ministra",
            "viceministro",
            "sottosegretario",
            "sindaco",
            "sindaca",
            "segretario",
            "segretaria",
            "papa",
            "cardinale",
            "don",
            "suor",
            "allenatore",
            "tecnico",
            "cancelliere",
            "governatore",
            "governatrice",
            "senatore",
            "senatrice",
            "deputato",
            "deputata",
            "procuratore",
            "giudice",
            "generale",
            "ambasciatore",
            "direttore",
            "direttrice",
            "portavoce",
            "leader",
            "commissario",
            "assessore",
            "consigliere",
            "regista",
            "scrittore",
            "scrittrice",
        ],
    ),
    (
        "uk",
        &[
            "президент",
            "президентка",
            "прем'єр-міністр",
            "прем’єр-міністр",
            "прем'єр-міністерка",
            "прем’єр-міністерка",
            "прем'єр",
            "прем’єр",
            "міністр",
            "міністерка",
            "віцепрем'єр",
            "віцепрем’єр",
            "голова",
            "мер",
            "посол",
            "посолка",
            "речник",
            "речниця",
            "посланник",
            "спецпосланник",
            "спецпосланниця",
            "генерал",
            "депутат",
            "нардеп",
            "тренер",
            "спікер",
            "канцлер",
            "папа",
            "патріарх",
            "предстоятель",
            "митрополит",
            "губернатор",
            "очільник",
            "очільниця",
            "директор",
            "директорка",
            "генсек",
            "секретар",
            "командувач",
            "головнокомандувач",
            "лідер",
            "лідерка",
            "прокурор",
            "суддя",
            "король",
            "королева",
            "уповноважений",
            "уповноважена",
            "співголова",
            "заступник",
            "заступниця",
            "віцепрезидент",
            "єврокомісар",
            "єврокомісарка",
            "омбудсман",
        ],
    ),
];

/// The title nouns of `language` (none for a language without any).
pub(super) fn title_words(language: &str) -> &'static [&'static str] {
    TITLES
        .iter()
        .find(|(l, _)| *l == language)
        .map_or(&[], |(_, titles)| titles)
}

/// Endings of German title nouns, compounds included ("Minister|präsident", "Bahn|chef").
const GERMAN_TITLE_ENDINGS: [&str; 20] = [
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
    "vorstand",
    "kandidat",
    "leiter",
    "hauptmann",
];

/// `word` is a title noun of `language` ("Landeshauptmann", "Ministerpräsidentin",
/// "Burgemeester").
pub(super) fn is_title(language: &str, word: &str) -> bool {
    let word = word.to_lowercase();
    if language == "de" {
        GERMAN_TITLE_ENDINGS.iter().any(|ending| {
            word.ends_with(ending) || word.strip_suffix("in").is_some_and(|w| w.ends_with(ending))
        })
    } else {
        title_words(language).contains(&word.as_str())
    }
}

/// Where the name starts once a leading title word is dropped, or `None` when the span does
/// not start with a title followed by a capitalised word.
pub(super) fn after_leading_title(
    language: &str,
    chars: &[char],
    start: usize,
    end: usize,
) -> Option<usize> {
    if language != "de" {
        return after_title_words(language, chars, start, end);
    }
    let span: String = chars[start..end].iter().collect();
    let (first, rest) = span.split_once(' ')?;
    let is_title = is_title(language, first);
    let rest = rest.trim_start();
    (is_title && rest.starts_with(char::is_uppercase)).then(|| end - rest.chars().count())
}

/// Each language's title nouns, looked up by their first two letters (built once), in the
/// order of `TITLES`.
static TITLE_LEXICONS: LazyLock<Vec<Lexicon>> = LazyLock::new(|| {
    TITLES
        .iter()
        .map(|(_, titles)| Lexicon::new(titles))
        .collect()
});

/// A span opening with a title noun of `language`: where the capitalised name after the title
/// (and its lower-case words) starts, or `end` when there is none.
fn after_title_words(language: &str, chars: &[char], start: usize, end: usize) -> Option<usize> {
    let titles = &TITLE_LEXICONS[TITLES.iter().position(|(l, _)| *l == language)?];
    let mut words = chars[start..end].split(|&c| c == ' ');
    let first = words.next().unwrap_or_default();
    let lowered = || first.iter().flat_map(|c| c.to_lowercase());
    // Most spans share their first two letters with no title; the rest are compared with the
    // few that do, lower-cased on the fly.
    let titles = titles.sharing_first_two(lowered());
    if titles.is_empty() {
        return None;
    }
    if !titles
        .iter()
        .any(|title| title.iter().copied().eq(lowered()))
    {
        return None;
    }
    // A title's letters lower-case one to one: the span's words are counted in place.
    let mut at = start + first.len() + 1;
    for word in words {
        if word.first().is_some_and(|c| c.is_uppercase()) {
            return Some(at);
        }
        at += word.len() + 1;
    }
    Some(end)
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
        assert_eq!(cut("fr", "Ministre Barrot"), None);
    }

    #[test]
    fn titles_with_lower_case_words_are_cut_and_a_bare_title_is_no_name() {
        assert_eq!(
            cut("nl", "Minister Brekelmans").as_deref(),
            Some("Brekelmans")
        );
        assert_eq!(
            cut("pl", "Prezydent miasta Aleksandra Dulkiewicz").as_deref(),
            Some("Aleksandra Dulkiewicz")
        );
        assert_eq!(
            cut("pl", "Minister spraw wewnętrznych").as_deref(),
            Some("")
        );
        assert_eq!(
            cut("uk", "Президент Володимир Зеленський").as_deref(),
            Some("Володимир Зеленський")
        );
        assert_eq!(cut("it", "Giorgia Meloni"), None);
        assert_eq!(cut("pl", "Polska"), None);
    }
}
