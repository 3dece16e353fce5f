//! German and Dutch corrections. German capitalises every noun, so the capital letter says
//! little: organisations are found by their head nouns ("Bundesverfassungsgericht",
//! "Landgericht Frankfurt", "der Autobauer Volkswagen"). Dutch names carry particles ("Eddie
//! van Marum") the model cuts off, and a capitalised nationality adjective ("de Franse
//! president") or a sentence's article ("De Partij voor de Dieren") that the model takes for a
//! name. Acronyms the model left out ("ASML", "VNO-NCW", "IG BCE") are organisations. People's
//! names the model cut grow to the whole name here for Portuguese too (`names::whole_name`).

use super::NamedSpan;
use super::gazetteer;
use super::names::{is_first_name, next_word};
use super::spans::{capitalised, is_person, word_text, words};

/// Conjunctions between two places ("Hannover und Osnabrück", "Venlo en Roermond").
const AND: [&str; 2] = ["und", "en"];

/// German articles and prepositions fused with one, before a name.
const ARTICLES: [&str; 12] = [
    "der", "die", "das", "dem", "den", "des", "im", "am", "vom", "zum", "zur", "beim",
];

/// "Deutsche Bahn", "des Deutschen Bundestages", "die Europäische Zentralbank": a capitalised
/// "deutsch" or "europäisch" after an article opens a name (the adjective is lower-case
/// elsewhere), mostly a body's or a company's; the sentence's first word is left out.
fn is_national_adjective(word: &str) -> bool {
    ["deutsch", "europäisch"].iter().any(|stem| {
        word.strip_prefix(stem)
            .is_some_and(|ending| matches!(ending, "e" | "en" | "er" | "es"))
    })
}

/// Endings of German nouns for organisations, compounds included, that the model runs into the
/// name after them ("Chemiekonzern BASF", "Umweltverband BUND").
const GERMAN_ORG_HEADS: [&str; 12] = [
    "konzern",
    "verband",
    "unternehmen",
    "gewerkschaft",
    "partei",
    "hersteller",
    "bauer",
    "riese",
    "versicherer",
    "sender",
    "zeitung",
    "verein",
];

/// German federal bodies named "Bundes" + a noun ("Bundesrat", "Bundeswehr"), inflected forms
/// included; not "Bundesregierung" or "Bundesland", which name no one body.
const FEDERAL_BODIES: [&str; 9] = [
    "rat",
    "rats",
    "rates",
    "tag",
    "tags",
    "tages",
    "wehr",
    "bank",
    "versammlung",
];

/// Endings of the compound names of German federal bodies after "Bundes"
/// ("Bundesverfassungsgericht", "Bundespolizei", "Bundesamt für ..."), inflected forms included.
const FEDERAL_BODY_ENDINGS: [&str; 16] = [
    "gericht",
    "gerichts",
    "gerichtshof",
    "gerichtshofs",
    "amt",
    "amts",
    "amtes",
    "anwaltschaft",
    "polizei",
    "agentur",
    "anstalt",
    "rechnungshof",
    "ministerium",
    "ministeriums",
    "dienst",
    "dienstes",
];

/// Endings of the names of the Länder's bodies after "Landes", which need their complement to
/// be one body ("Landesamt für Umwelt", "Landesbetrieb für Küstenschutz"): alone they are any
/// Land's.
const STATE_BODY_ENDINGS: [&str; 4] = ["amt", "amts", "betrieb", "anstalt"];

/// German bodies named by their seat ("Landgericht Frankfurt", "Staatsanwaltschaft Oldenburg"):
/// alone they are common nouns, with the place after them one organisation.
const SEATED_BODIES: [&str; 22] = [
    "landgericht",
    "amtsgericht",
    "oberlandesgericht",
    "verwaltungsgericht",
    "oberverwaltungsgericht",
    "arbeitsgericht",
    "sozialgericht",
    "staatsanwaltschaft",
    "generalstaatsanwaltschaft",
    "landeskriminalamt",
    "landeskriminalamts",
    "polizeipräsidium",
    "stadtwerke",
    "landratsamt",
    "polizeidirektion",
    "polizeiinspektion",
    "landesgericht",
    "bezirksgericht",
    "klinikum",
    "universitätsklinikum",
    "universität",
    "stiftung",
];

/// Endings of the names of German institutes, which take a complement ("Max-Planck-Institut
/// für Astronomie") or a founder's name before a hyphen ("Robert-Koch-Institut").
const INSTITUTES: [&str; 3] = ["institut", "instituts", "institutes"];

/// Dutch nouns that open an organisation's name ("ministerie van Justitie", "Partij voor de
/// Dieren", "Waterschap Limburg").
const DUTCH_ORG_HEADS: [&str; 17] = [
    "ministerie",
    "rijksinstituut",
    "instituut",
    "partij",
    "stichting",
    "universiteit",
    "hogeschool",
    "raad",
    "vereniging",
    "federatie",
    "waterschap",
    "hoogheemraadschap",
    "veiligheidsregio",
    "gerechtshof",
    "rechtbank",
    // Capitalised, the body ("Provincie Zeeland"); lower-case, the place ("de provincie
    // Utrecht").
    "provincie",
    "gemeente",
];

/// Heads of `DUTCH_ORG_HEADS` that open a body's name only when capitalised.
const DUTCH_CAPITALISED_HEADS: [&str; 2] = ["provincie", "gemeente"];

/// Endings of Dutch nouns that describe the organisation named after them ("vakbond FNV",
/// "chipfabrikant ASML"): not part of its name.
const DUTCH_DESCRIPTORS: [&str; 9] = [
    "vakbond",
    "organisatie",
    "fabrikant",
    "concern",
    "bedrijf",
    "omroep",
    "krant",
    "ploeg",
    "concurrent",
];

/// English last words of company names ("Tata Steel", "Brainport Development"), which the
/// model takes for surnames.
const COMPANY_WORDS: [&str; 12] = [
    "Steel",
    "Development",
    "Group",
    "Energy",
    "Systems",
    "Technologies",
    "Pharma",
    "Airlines",
    "Logistics",
    "Capital",
    "Partners",
    "Media",
];

/// Dutch verbs of reporting put before their subject ("meldt de Stentor", "aldus RTV Drenthe"):
/// the subject is a person or a body, never a place.
const DUTCH_REPORTING_VERBS: [&str; 7] = [
    "meldt", "meldde", "melden", "schrijft", "schreef", "bericht", "aldus",
];

/// Last words that make a name a company's: legal forms ("Robert Bosch GmbH", "Porsche AG",
/// "Koninklijke Philips N.V.").
const LEGAL_FORMS: [&str; 12] = [
    "GmbH", "AG", "SE", "KG", "KGaA", "mbH", "e.V.", "N.V.", "NV", "B.V.", "BV", "Holding",
];

/// Dutch nouns of nationality the model runs into the name after them ("de Belg Wout van
/// Aert"): the person is the name alone.
const DUTCH_DEMONYMS: [&str; 24] = [
    "Belg",
    "Nederlander",
    "Duitser",
    "Fransman",
    "Française",
    "Brit",
    "Amerikaan",
    "Italiaan",
    "Spanjaard",
    "Portugees",
    "Noor",
    "Zweed",
    "Deen",
    "Fin",
    "Pool",
    "Rus",
    "Oekraïner",
    "Zwitser",
    "Oostenrijker",
    "Australiër",
    "Colombiaan",
    "Sloveen",
    "Slowaak",
    "Tsjech",
];

/// Last parts of Dutch compound titles after a party's or a body's name ("MR-voorzitter",
/// "NAVO-chef") besides the title nouns themselves.
const DUTCH_COMPOUND_TITLES: [&str; 4] = ["leider", "chef", "baas", "kopstuk"];

/// Last words that make a name a place: stadiums and arenas ("Allianz Arena", "Philips
/// Stadion"), whatever the sponsor's name before them.
const VENUES: [&str; 3] = ["arena", "stadion", "stadium"];

/// Endings of one-word names of venues ("Elfstedenhal", "Westfalenhalle", "Weserstadion"):
/// places, where the model often says organisation.
const VENUE_ENDINGS: [&str; 5] = ["stadion", "arena", "halle", "hal", "sporthal"];

/// Endings of Dutch nouns for a place after which a name is that place ("het dorp Lieshout",
/// "de rivier de Eem", "de luchthaven Schiphol"), compounds included ("havenstad").
const DUTCH_PLACE_NOUNS: [&str; 11] = [
    "rivier",
    "dorp",
    "dorpje",
    "stad",
    "stadje",
    "plaats",
    "plaatsje",
    "gehucht",
    "eiland",
    "luchthaven",
    "vliegveld",
];

/// Dutch nouns of water and its banks after which a preposition, an article and a name name a
/// river or a lake ("het water van de IJssel", "hoogwater op de Maas", "de dijken langs het
/// IJsselmeer").
const DUTCH_WATER_NOUNS: [&str; 12] = [
    "water",
    "waterstand",
    "hoogwater",
    "oever",
    "oevers",
    "kade",
    "kades",
    "dijk",
    "dijken",
    "monding",
    "bedding",
    "stroom",
];

/// Dutch nouns for the people living in a place: "van" and a name after one name a place
/// ("bewoners van Venlo", "Inwoners van Valkenburg").
const DUTCH_RESIDENT_NOUNS: [&str; 3] = ["inwoners", "bewoners", "buurtbewoners"];

/// Acronyms that are no organisation: countries, titles, events, things.
const NOT_ORGANISATIONS: [&str; 22] = [
    "USA", "US", "UK", "VS", "VAE", "UAE", "DDR", "BRD", "NRW", "CEO", "TV", "KI", "AI", "EM",
    "WM", "DNA", "CO2", "AG", "SE", "DAX", "BIP", "GMBH",
];

/// German and Dutch `spans` with their edges and types fixed; a span may go.
pub(super) fn fix_edges(language: &str, chars: &[char], spans: &[NamedSpan]) -> Vec<NamedSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for original in spans {
        if original.end > chars.len() || original.start >= original.end {
            out.push(original.clone());
            continue;
        }
        let mut span = original.clone();
        if language == "de" {
            if is_lone_org_head(chars, &span) || is_lone_title(chars, &span) {
                continue;
            }
            if let Some(parts) = parenthesised_acronym(chars, &span) {
                for (start, end) in parts {
                    out.push(NamedSpan {
                        start,
                        end,
                        label: span.label.clone(),
                        text: chars[start..end].iter().collect(),
                        normal: None,
                    });
                }
                continue;
            }
            span.start = after_german_org_head(chars, span.start, span.end);
        }
        if matches!(language, "de" | "nl") {
            if let Some(at) = place_of_title(language, chars, &span) {
                span.start = at;
                if is_person(&span) {
                    span.label = "LOC".into();
                }
            }
            if let Some((river, town)) = place_near_place(chars, &span) {
                for (start, end) in [river, town] {
                    out.push(NamedSpan {
                        start,
                        end,
                        label: "LOC".into(),
                        text: chars[start..end].iter().collect(),
                        normal: None,
                    });
                }
                continue;
            }
        }
        if language == "nl" {
            if let Some(at) = after_dutch_residents(chars, &span) {
                span.start = at;
                span.label = "LOC".into();
            }
            if after_dutch_place_noun(chars, span.start) || is_road_number(chars, &span) {
                span.label = "LOC".into();
            }
            span.end = before_compound_tail(chars, &span);
            let before = before_article(chars, span.start);
            if span.label == "LOC" && before.as_deref().is_some_and(is_reporting_verb) {
                span.label = "ORG".into();
            }
            if before.as_deref().is_some_and(is_dutch_descriptor) && !is_person(&span) {
                span.label = "ORG".into();
            }
            if opens_with_nationality_adjective(chars, &span) {
                continue;
            }
            if let Some(at) = after_dutch_person_noun(chars, &span) {
                span.start = at;
                span.label = "PER".into();
            }
            span.start = after_place_adjective(chars, span.start, span.end);
            span.start = after_sentence_article(chars, span.start, span.end);
            span.end = before_inner_article(chars, &span);
            let described = after_dutch_descriptor(chars, span.start, span.end);
            if described != span.start {
                span.start = described;
                if is_person(&span) {
                    span.label = "ORG".into();
                }
            }
            let first = words(chars, span.start, span.end);
            let head = first.first().map(|&w| word_text(chars, w).to_lowercase());
            let capitalised_only = head
                .as_ref()
                .is_some_and(|h| DUTCH_CAPITALISED_HEADS.contains(&h.as_str()));
            if first.len() >= 2
                && head.is_some_and(|h| DUTCH_ORG_HEADS.contains(&h.as_str()))
                && (!capitalised_only || capitalised(chars, first[0]))
            {
                span.label = "ORG".into();
            }
        }
        if is_person(&span) {
            (span.start, span.end) =
                super::names::whole_name(language, chars, span.start, span.end);
            // A title the model took for a name, grown by its "von" ("Landeshauptmann" +
            // "von Tirol"): the place is the name.
            if matches!(language, "de" | "nl")
                && let Some(at) = place_of_title(language, chars, &span)
            {
                span.start = at;
                span.label = "LOC".into();
            }
        } else if span.label == "ORG" {
            span.start = after_acronym(chars, span.start);
            if language == "de" {
                span.end = before_trailing_noun(chars, &span);
            }
        }
        let all = words(chars, span.start, span.end);
        let last = all.last().map(|&w| word_text(chars, w));
        if all.len() >= 2
            && last
                .as_ref()
                .is_some_and(|w| VENUES.contains(&w.to_lowercase().as_str()))
        {
            span.label = "LOC".into();
        }
        if matches!(language, "de" | "nl")
            && all.len() >= 2
            && last.as_ref().is_some_and(|w| {
                LEGAL_FORMS.contains(&w.as_str())
                    || (language == "nl" && COMPANY_WORDS.contains(&w.as_str()))
            })
        {
            span.label = "ORG".into();
        }
        // A compound name of a venue ("Jan Breydelstadion").
        if language == "nl"
            && all.len() >= 2
            && last.is_some_and(|w| {
                let w = w.to_lowercase();
                VENUE_ENDINGS
                    .iter()
                    .any(|e| w.len() > e.len() + 3 && w.ends_with(e))
            })
        {
            span.label = "LOC".into();
        }
        if matches!(language, "de" | "nl") && all.len() == 1 && span.label == "ORG" {
            let word = word_text(chars, all[0]).to_lowercase();
            let venue = VENUE_ENDINGS
                .iter()
                .any(|e| word.len() > e.len() + 3 && word.ends_with(e));
            if venue {
                span.label = "LOC".into();
            }
        }
        if (span.start, span.end) != (original.start, original.end) {
            span.text = chars[span.start..span.end].iter().collect();
            span.normal = None;
        }
        out.push(span);
    }
    out
}

/// A one-word German span that is an organisation noun ("Handelsverbands" before "HDE"): a
/// description of the name after it, not a name.
fn is_lone_org_head(chars: &[char], span: &NamedSpan) -> bool {
    let all = words(chars, span.start, span.end);
    let [only] = all.as_slice() else {
        return false;
    };
    let word = word_text(chars, *only).to_lowercase();
    let stem = word
        .strip_suffix("es")
        .or_else(|| word.strip_suffix('s'))
        .unwrap_or(&word);
    is_german_org_head(stem) && next_word(chars, span.end).is_some_and(|w| capitalised(chars, w))
}

/// Endings of German body nouns after which a name takes no further noun but its seat
/// ("Zürcher Kantonalbank", "Deutsche Wetterdienst").
const BODY_NOUN_ENDINGS: [&str; 6] = ["bank", "dienst", "verein", "verband", "konzern", "kasse"];

/// Where a German organisation ends when the model ran it into the noun after its head
/// ("Zürcher Kantonalbank Mängel bei", "Deutsche Wetterdienst Böen von"): a last word that
/// is no place, acronym or legal form, before a lower-case word, is left out.
fn before_trailing_noun(chars: &[char], span: &NamedSpan) -> usize {
    let all = words(chars, span.start, span.end);
    let [.., head, last] = all.as_slice() else {
        return span.end;
    };
    let head = word_text(chars, *head).to_lowercase();
    let tail = word_text(chars, *last);
    let trailing = BODY_NOUN_ENDINGS.iter().any(|e| head.ends_with(e))
        && last.1 == span.end
        && capitalised(chars, *last)
        && !is_acronym(&tail)
        && !LEGAL_FORMS.contains(&tail.as_str())
        && gazetteer::lookup(&tail, "de").is_none()
        && next_word(chars, span.end).is_some_and(|w| chars[w.0].is_lowercase());
    if trailing {
        (span.start..last.0 - 1)
            .rev()
            .find(|&i| chars[i].is_alphanumeric())
            .map_or(span.end, |i| i + 1)
    } else {
        span.end
    }
}

/// A one-word German person that is a title before a name ("Landeshauptmann" before "Peter
/// Kaiser"): an office, not a name.
fn is_lone_title(chars: &[char], span: &NamedSpan) -> bool {
    let all = words(chars, span.start, span.end);
    let [only] = all.as_slice() else {
        return false;
    };
    is_person(span)
        && super::titles::is_title("de", &word_text(chars, *only))
        && next_word(chars, span.end).is_some_and(|w| capitalised(chars, w))
}

/// A German name with its short form in brackets taken as one span ("Eidgenössische
/// Finanzmarktaufsicht (Finma)"): the name and the short form, (start, end) each.
fn parenthesised_acronym(chars: &[char], span: &NamedSpan) -> Option<[(usize, usize); 2]> {
    if chars[span.end - 1] != ')' {
        return None;
    }
    let open = (span.start..span.end).rfind(|&i| chars[i] == '(')?;
    let inner = (open + 1, span.end - 1);
    let one_word = inner.1 > inner.0 + 1
        && chars[inner.0].is_uppercase()
        && chars[inner.0..inner.1]
            .iter()
            .all(|c| c.is_alphanumeric() || *c == '-');
    (one_word && open > span.start + 1 && chars[open - 1] == ' ')
        .then_some([(span.start, open - 1), inner])
}

/// Where the place starts in a span of a title, "von"/"van" and a place ("Landeshauptmann von
/// Tirol", "Ministerpräsidentin von Mecklenburg-Vorpommern"): the title names an office, the
/// place after it is the only name.
fn place_of_title(language: &str, chars: &[char], span: &NamedSpan) -> Option<usize> {
    let mut all = words(chars, span.start, span.end);
    // The article that opens a sentence ("Der Landeshauptmann von Tirol").
    if all.first().is_some_and(|&w| {
        let article = word_text(chars, w).to_lowercase();
        ARTICLES.contains(&article.as_str()) || matches!(article.as_str(), "de" | "het")
    }) {
        all.remove(0);
    }
    let [title, of, place, ..] = all.as_slice() else {
        return None;
    };
    let of = word_text(chars, *of);
    (super::titles::is_title(language, &word_text(chars, *title))
        && matches!(of.as_str(), "von" | "van")
        && capitalised(chars, *place))
    .then_some(place.0)
}

/// The two places of a span "place bei/bij place" that is no person ("Dommel bij Boxtel",
/// "Mosel bei Cochem"): a river or a district near a town, two names.
fn place_near_place(chars: &[char], span: &NamedSpan) -> Option<((usize, usize), (usize, usize))> {
    if is_person(span) {
        return None;
    }
    let all = words(chars, span.start, span.end);
    let at = all
        .iter()
        .position(|&w| matches!(word_text(chars, w).as_str(), "bei" | "bij"))?;
    let (before, after) = (all[..at].to_vec(), all[at + 1..].to_vec());
    let capitals =
        |ws: &[(usize, usize)]| !ws.is_empty() && ws.iter().all(|&w| capitalised(chars, w));
    (capitals(&before) && capitals(&after)).then(|| {
        (
            (before[0].0, before[before.len() - 1].1),
            (after[0].0, after[after.len() - 1].1),
        )
    })
}

/// Where the person's name starts in a Dutch span opening with a noun of nationality ("Belg
/// Wout van Aert") or a compound title ("MR-voorzitter Georges-Louis Bouchez").
fn after_dutch_person_noun(chars: &[char], span: &NamedSpan) -> Option<usize> {
    let all = words(chars, span.start, span.end);
    let [first, second, ..] = all.as_slice() else {
        return None;
    };
    let word = word_text(chars, *first);
    let compound_title = word.rsplit_once('-').is_some_and(|(_, tail)| {
        let tail = tail.to_lowercase();
        super::titles::title_words("nl").contains(&tail.as_str())
            || DUTCH_COMPOUND_TITLES.contains(&tail.as_str())
    });
    ((DUTCH_DEMONYMS.contains(&word.as_str()) || compound_title) && capitalised(chars, *second))
        .then_some(second.0)
}

/// A Dutch name at `start` after a lower-case noun for a place, the article between optional
/// ("het dorp Lieshout", "de rivier de Eem"), or after a noun of water, a preposition and an
/// article ("het water van de IJssel"): the name is a place.
fn after_dutch_place_noun(chars: &[char], start: usize) -> bool {
    let before = |at: usize| {
        super::word_before(chars, at, char::is_alphanumeric)
            .filter(|&(from, _)| chars[from].is_lowercase())
    };
    let Some((from, word)) = before(start) else {
        return false;
    };
    let place_noun = |w: &str| DUTCH_PLACE_NOUNS.iter().any(|n| w.ends_with(n));
    // "bewoners van Venlo", "inwoners van de Achterhoek".
    let residents_of = |from: usize, word: &str| {
        word == "van"
            && super::word_before(chars, from, char::is_alphanumeric).is_some_and(|(_, noun)| {
                DUTCH_RESIDENT_NOUNS.contains(&noun.to_lowercase().as_str())
            })
    };
    if place_noun(&word) || residents_of(from, &word) {
        return true;
    }
    if !matches!(word.as_str(), "de" | "het") {
        return false;
    }
    let Some((from, word)) = before(from) else {
        return false;
    };
    if residents_of(from, &word) {
        return true;
    }
    if word == "rivier" {
        return true;
    }
    matches!(
        word.as_str(),
        "van" | "op" | "in" | "langs" | "aan" | "over"
    ) && before(from).is_some_and(|(_, noun)| DUTCH_WATER_NOUNS.contains(&noun.as_str()))
}

/// Where the place starts in a Dutch span that opens a sentence with a noun for residents and
/// "van" ("Inwoners van Valkenburg"): the model took the capitalised noun into the name.
fn after_dutch_residents(chars: &[char], span: &NamedSpan) -> Option<usize> {
    let all = words(chars, span.start, span.end);
    let [noun, van, place, ..] = all.as_slice() else {
        return None;
    };
    let noun = word_text(chars, *noun).to_lowercase();
    (DUTCH_RESIDENT_NOUNS.contains(&noun.as_str())
        && word_text(chars, *van) == "van"
        && capitalised(chars, *place))
    .then_some(place.0)
}

/// The lower-case word before `start`, past an article ("meldt de" before "Stentor").
fn before_article(chars: &[char], start: usize) -> Option<String> {
    let lower = |(from, word): (usize, String)| chars[from].is_lowercase().then_some((from, word));
    let (from, word) = super::word_before(chars, start, char::is_alphanumeric).and_then(lower)?;
    if matches!(word.as_str(), "de" | "het") {
        super::word_before(chars, from, char::is_alphanumeric)
            .and_then(lower)
            .map(|(_, w)| w)
    } else {
        Some(word)
    }
}

fn is_reporting_verb(word: &str) -> bool {
    DUTCH_REPORTING_VERBS.contains(&word)
}

/// A noun that describes the name after it ("de vakbond FNV", "zijn ploeg Alpecin-Deceuninck").
fn is_dutch_descriptor(word: &str) -> bool {
    DUTCH_DESCRIPTORS.iter().any(|d| word.ends_with(d))
}

/// A road's number ("A28", "N34"): a place, where the model says organisation.
fn is_road_number(chars: &[char], span: &NamedSpan) -> bool {
    let word: String = chars[span.start..span.end].iter().collect();
    let mut rest = word.chars();
    matches!(rest.next(), Some('A' | 'N' | 'E'))
        && (2..=4).contains(&word.chars().count())
        && rest.all(|c| c.is_ascii_digit())
}

/// `end` before the lower-case tail of a compound of an acronym ("KNVB-bestuur", "NAVO-top"):
/// the acronym is the name.
fn before_compound_tail(chars: &[char], span: &NamedSpan) -> usize {
    let word: String = chars[span.start..span.end].iter().collect();
    match word.split_once('-') {
        Some((head, tail))
            if is_acronym(head) && tail.chars().all(char::is_lowercase) && !tail.is_empty() =>
        {
            span.start + head.chars().count()
        }
        _ => span.end,
    }
}

/// Where a Dutch name starts after an adjective of the town it is from ("Eindhovense" before
/// "VDL Groep"): the adjective is the town's name and "-se"; a country's adjective can open a
/// name ("Nederlandse Spoorwegen") and stays.
fn after_place_adjective(chars: &[char], start: usize, end: usize) -> usize {
    let all = words(chars, start, end);
    let [first, second, ..] = all.as_slice() else {
        return start;
    };
    let word = word_text(chars, *first);
    let town = word
        .strip_suffix("se")
        .and_then(|t| gazetteer::lookup(t, "nl"))
        .is_some_and(|p| p.kind == gazetteer::PlaceKind::City);
    if town && capitalised(chars, *second) {
        second.0
    } else {
        start
    }
}

/// Where an organisation's name starts with the acronym before it the model left out ("IG" +
/// "BCE").
fn after_acronym(chars: &[char], start: usize) -> usize {
    match super::word_before(chars, start, char::is_alphanumeric) {
        Some((from, _)) if is_acronym(&chars[from..start - 1].iter().collect::<String>()) => from,
        _ => start,
    }
}

/// A capital first and a capital right after a small letter: brands and parties write so
/// ("GroenLinks", "PostNL", "TenneT"), not a legal form ("GmbH"); surnames with such a prefix ("McIlroy", "DiCaprio",
/// "LaGuardia") are left to the person rules.
fn is_camel_case(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.first().is_some_and(|c| c.is_uppercase())
        && chars
            .windows(2)
            .any(|p| p[0].is_lowercase() && p[1].is_uppercase())
        && !word.ends_with("mbH")
        && !["Mc", "Mac", "De", "Di", "Da", "Le", "La", "Van", "O'"]
            .iter()
            .any(|prefix| word.starts_with(prefix))
}

/// More capitals than small letters, two at least, and a capital first: "ASML", "AfD",
/// "VNO-NCW"; not "GmbH", "PvdA", "McLaren" or a roman numeral.
fn is_acronym(word: &str) -> bool {
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    let small = word.chars().filter(|c| c.is_lowercase()).count();
    capitals >= 2
        && capitals > small
        && word.starts_with(char::is_uppercase)
        && !word.ends_with('-')
        && !word.chars().all(|c| "IVXLC".contains(c))
        && !NOT_ORGANISATIONS.contains(&word)
}

/// Where the name starts after a German organisation noun the model ran into it.
fn after_german_org_head(chars: &[char], start: usize, end: usize) -> usize {
    let all = words(chars, start, end);
    let [first, second, ..] = all.as_slice() else {
        return start;
    };
    if is_german_org_head(&word_text(chars, *first)) && capitalised(chars, *second) {
        second.0
    } else {
        start
    }
}

fn is_german_org_head(word: &str) -> bool {
    let word = word.to_lowercase();
    GERMAN_ORG_HEADS
        .iter()
        .any(|ending| word.ends_with(ending) && word.len() > ending.len())
}

/// A span opening with a capitalised Dutch adjective of nationality or place ("Franse
/// president", "Duitse" before "bondskanselier"): the adjective is no name.
fn opens_with_nationality_adjective(chars: &[char], span: &NamedSpan) -> bool {
    let all = words(chars, span.start, span.end);
    let Some(&first) = all.first() else {
        return false;
    };
    let word = word_text(chars, first);
    let adjective = word.chars().count() > 4
        && capitalised(chars, first)
        && (word.ends_with("se") || word.ends_with("sche"));
    let noun_after = all
        .get(1)
        .copied()
        .or_else(|| next_word(chars, span.end))
        .is_some_and(|w| chars[w.0].is_lowercase());
    adjective && noun_after && gazetteer::lookup(&word, "nl").is_none()
}

/// Where a Dutch name starts without the article that opens its sentence ("De Partij voor de
/// Dieren"), unless the gazetteer knows the whole ("Den Haag").
fn after_sentence_article(chars: &[char], start: usize, end: usize) -> usize {
    let all = words(chars, start, end);
    let [first, second, ..] = all.as_slice() else {
        return start;
    };
    let article = matches!(word_text(chars, *first).as_str(), "De" | "Het");
    let opens =
        super::spans::mark_before(chars, start).is_none_or(|c| matches!(c, '.' | '!' | '?'));
    let whole: String = chars[start..end].iter().collect();
    if article && opens && capitalised(chars, *second) && gazetteer::lookup(&whole, "nl").is_none()
    {
        second.0
    } else {
        start
    }
}

/// `end` before an article inside a span that is no person's name ("Den Haag de Franse",
/// "Nederland de NAVO-norm"): a name's own article follows a preposition ("Partij voor de
/// Dieren") or a first name ("Luuk de Jong").
fn before_inner_article(chars: &[char], span: &NamedSpan) -> usize {
    if is_person(span) {
        return span.end;
    }
    let all = words(chars, span.start, span.end);
    for pair in all.windows(2) {
        let (before, word) = (pair[0], pair[1]);
        let name_before = capitalised(chars, before) && !is_first_name(&word_text(chars, before));
        if matches!(word_text(chars, word).as_str(), "de" | "het") && name_before {
            return before.1;
        }
    }
    span.end
}

/// Where the name starts after a Dutch noun that describes it ("Vakbond FNV").
fn after_dutch_descriptor(chars: &[char], start: usize, end: usize) -> usize {
    let all = words(chars, start, end);
    let [first, second, ..] = all.as_slice() else {
        return start;
    };
    let head = word_text(chars, *first).to_lowercase();
    let describes = DUTCH_DESCRIPTORS.iter().any(|d| head.ends_with(d));
    if describes && capitalised(chars, *second) {
        second.0
    } else {
        start
    }
}

/// Organisation names the model missed or cut, found by their form: German federal bodies
/// ("Bundespolizei", "Bundesamt für Migration und Flüchtlinge"), bodies with their seat
/// ("Landgericht Frankfurt"), names after a German organisation noun ("der Autobauer
/// Volkswagen"), Dutch bodies by their head ("ministerie van Justitie en Veiligheid") and
/// French ministries ("ministère des Armées"): (start, end) in code points.
pub(super) fn organisation_phrases(
    language: &str,
    chars: &[char],
    tag_from: usize,
) -> Vec<(usize, usize)> {
    if !matches!(language, "de" | "nl" | "fr") {
        return Vec::new();
    }
    let all = super::word_spans(chars, tag_from, |c| c.is_alphanumeric() || c == '-');
    let mut found = Vec::new();
    for (i, &word) in all.iter().enumerate() {
        let lower = word_text(chars, word).to_lowercase();
        let next = all.get(i + 1).copied().filter(|n| n.0 == word.1 + 1);
        let phrase = match language {
            "de" => {
                let federal = lower.strip_prefix("bundes").is_some_and(|rest| {
                    FEDERAL_BODIES.contains(&rest)
                        || FEDERAL_BODY_ENDINGS.iter().any(|b| rest.ends_with(b))
                }) && capitalised(chars, word);
                let state = lower
                    .strip_prefix("landes")
                    .is_some_and(|rest| STATE_BODY_ENDINGS.iter().any(|b| rest.ends_with(b)))
                    && !SEATED_BODIES.contains(&lower.as_str())
                    && capitalised(chars, word);
                if federal {
                    Some((
                        word.0,
                        with_complement(chars, word.1, &["für", "der", "des"]),
                    ))
                } else if state {
                    let end = with_complement(chars, word.1, &["für"]);
                    (end > word.1).then_some((word.0, end))
                } else if SEATED_BODIES.contains(&lower.as_str()) {
                    // The seat, or an adjective in -er and a noun ("Stiftung Preußischer
                    // Kulturbesitz").
                    let after = next.and_then(|n| all.get(i + 2).map(|&w| (n, w)));
                    let adjective_and_noun = after.filter(|&(n, w)| {
                        word_text(chars, n).ends_with("er")
                            && capitalised(chars, n)
                            && w.0 == n.1 + 1
                            && ends_a_name(chars, w)
                    });
                    next.filter(|&n| ends_a_name(chars, n))
                        .or(adjective_and_noun.map(|(_, w)| w))
                        .map(|n| (word.0, n.1))
                } else if capitalised(chars, word) && INSTITUTES.iter().any(|e| lower.ends_with(e))
                {
                    let end = with_complement(chars, word.1, &["für"]);
                    let founder = lower.contains('-');
                    (end > word.1 || founder).then_some((word.0, end))
                } else if is_national_adjective(&lower)
                    && capitalised(chars, word)
                    && i > 0
                    && ARTICLES.contains(&word_text(chars, all[i - 1]).to_lowercase().as_str())
                {
                    // The noun may be an organisation noun itself ("Der Deutsche Alpenverein").
                    next.filter(|&n| {
                        ends_a_name(chars, n)
                            || (is_german_org_head(&word_text(chars, n))
                                && next_word(chars, n.1).is_none_or(|w| !capitalised(chars, w)))
                    })
                    .map(|n| (word.0, n.1))
                } else if is_german_org_head(&lower) {
                    next.filter(|&n| ends_a_name(chars, n)).map(|n| (n.0, n.1))
                } else {
                    None
                }
            }
            // French writes ministries lower-case ("le ministère des Armées").
            "fr" if lower == "ministère" => {
                Some(with_complement(chars, word.1, &["de", "des", "du"]))
                    .filter(|&end| end > word.1)
                    .map(|end| (word.0, end))
            }
            "fr" => super::romance::french_court(chars, word),
            // A lower-case head is a common noun ("de partij van Wilders"), but for ministries.
            // A capitalised head without a complement takes its seat ("Veiligheidsregio
            // Twente", "Universiteit Leiden").
            _ => (DUTCH_ORG_HEADS.contains(&lower.as_str())
                && (capitalised(chars, word) || lower == "ministerie"))
                .then(|| with_complement(chars, word.1, &["van", "voor"]))
                .and_then(|end| {
                    if end > word.1 {
                        Some(end)
                    } else {
                        next.filter(|&n| capitalised(chars, word) && ends_a_name(chars, n))
                            .map(|n| n.1)
                    }
                })
                .map(|end| (word.0, end)),
        };
        found.extend(phrase);
    }
    found
}

/// A capitalised word the next word of which is lower-case or a mark: the last word of a name.
fn ends_a_name(chars: &[char], (start, end): (usize, usize)) -> bool {
    chars[start].is_uppercase()
        && !is_german_org_head(&word_text(chars, (start, end)))
        && chars
            .get(end..end + 2)
            .is_none_or(|after| after[0] != ' ' || !after[1].is_uppercase())
}

/// `end` past a complement of a body's name: one of `prepositions`, an optional article, and
/// capitalised words joined by "und"/"en" ("für Migration und Flüchtlinge", "van Justitie en
/// Veiligheid", "voor de Dieren"); `end` itself when none follows.
fn with_complement(chars: &[char], end: usize, prepositions: &[&str]) -> usize {
    let Some(p) = next_word(chars, end) else {
        return end;
    };
    if !prepositions.contains(&word_text(chars, p).as_str()) {
        return end;
    }
    let mut at = p.1;
    if let Some(a) = next_word(chars, at)
        && matches!(
            word_text(chars, a).as_str(),
            "de" | "het" | "der" | "die" | "das" | "la"
        )
    {
        at = a.1;
    }
    let mut last = end;
    for _ in 0..4 {
        let Some(w) = next_word(chars, at) else { break };
        if !capitalised(chars, w) {
            break;
        }
        last = w.1;
        match next_word(chars, w.1) {
            Some(and) if matches!(word_text(chars, and).as_str(), "und" | "en") => at = and.1,
            _ => break,
        }
    }
    last
}

/// All-capital words ("ASML", "VNO-NCW", "IG BCE") and words with a capital inside after a
/// small letter ("GroenLinks-PvdA", "PostNL", "BioNTech") that no mention covers, joined when
/// adjacent: organisations, unless a country or a thing ("USA", "CEO") or a place the
/// gazetteer knows.
pub(super) fn acronyms(
    language: &str,
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    if !matches!(language, "de" | "nl") {
        return Vec::new();
    }
    let is_acronym = |w: (usize, usize)| {
        let word = word_text(chars, w);
        (is_acronym(&word) || is_camel_case(&word)) && gazetteer::lookup(&word, language).is_none()
    };
    let all = super::word_spans(chars, tag_from, |c| c.is_alphanumeric() || c == '-');
    let mut found: Vec<(usize, usize)> = Vec::new();
    for &w in &all {
        if !is_acronym(w) || covered(w.0, w.1) {
            continue;
        }
        match found.last_mut() {
            Some(last) if last.1 + 1 == w.0 && chars[last.1] == ' ' => last.1 = w.1,
            _ => found.push(w),
        }
    }
    found
}

/// Endings of Dutch compound nouns for bodies ("Rabobank", "Concertgebouworkest",
/// "Wereldgezondheidsorganisatie"): capitalised inside a sentence, such a word is a name.
const DUTCH_BODY_ENDINGS: [&str; 6] = [
    "bank",
    "orkest",
    "organisatie",
    "omroep",
    "maatschappij",
    "autoriteit",
];

/// Dutch bodies named by one compound word no mention covers, capitalised inside a sentence
/// (Dutch writes common nouns lower-case): (start, end) in code points.
pub(super) fn dutch_bodies(
    language: &str,
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    if language != "nl" {
        return Vec::new();
    }
    super::word_spans(chars, tag_from, |c| c.is_alphanumeric() || c == '-')
        .into_iter()
        .filter(|&w| {
            let word = word_text(chars, w).to_lowercase();
            capitalised(chars, w)
                && !covered(w.0, w.1)
                && !super::spans::mark_before(chars, w.0)
                    .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':'))
                && DUTCH_BODY_ENDINGS
                    .iter()
                    .any(|e| word.len() > e.len() + 2 && word.ends_with(e))
        })
        .collect()
}

/// Royal titles before a one-word name ("koningin Máxima", "König Charles").
const ROYAL_TITLES: [&str; 8] = [
    "koning",
    "koningin",
    "prins",
    "prinses",
    "könig",
    "königin",
    "prinz",
    "prinzessin",
];

/// Nouns for the head of a firm or body that "von" follows: the name after them is what
/// they lead ("der frühere Chef von Liqui Moly"), not a person.
const HEADS_OF: [&str; 10] = [
    "Chef",
    "Chefin",
    "Vorstandschef",
    "Vorstandschefin",
    "Konzernchef",
    "Konzernchefin",
    "Gründer",
    "Gründerin",
    "Mitgründer",
    "Eigentümer",
];

/// A German "Chef von" (or another noun of [`HEADS_OF`]) right before `start`.
pub(super) fn after_head_of(chars: &[char], start: usize) -> bool {
    let before: String = chars[start.saturating_sub(24)..start].iter().collect();
    let Some(rest) = before.strip_suffix(" von ") else {
        return false;
    };
    HEADS_OF.iter().any(|head| {
        rest.strip_suffix(head)
            .is_some_and(|b| b.is_empty() || b.ends_with(|c: char| !c.is_alphanumeric()))
    })
}

/// People the model left out, written as a first name and one capitalised surname before a
/// lower-case word or a mark ("Deniz Undav erzielte", "Björn Höcke sprach") or as one name after
/// a royal title ("Koning Willem-Alexander"), and places after a
/// place and "und"/"en" ("Hannover und Osnabrück"; in German, where every noun is capitalised,
/// only a place the gazetteer knows): (start, end, label) in code points.
pub(super) fn names_missed(
    language: &str,
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
    place_ends_at: impl Fn(usize) -> bool,
) -> Vec<(usize, usize, &'static str)> {
    if !matches!(language, "de" | "nl") {
        return Vec::new();
    }
    let all = super::word_spans(chars, tag_from, |c| c.is_alphanumeric() || c == '-');
    let mut found = Vec::new();
    for (i, pair) in all.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        if b.0 != a.1 + 1 || chars[a.1] != ' ' || covered(a.0, b.1) || !ends_a_name(chars, b) {
            continue;
        }
        let (first, second) = (word_text(chars, a), word_text(chars, b));
        let known = |w: &str| gazetteer::lookup(w, language).is_some();
        if ROYAL_TITLES.contains(&first.to_lowercase().as_str()) {
            found.push((b.0, b.1, "PERSON"));
        } else if is_first_name(&first) && !known(&second) && !is_acronym(&second) {
            found.push((a.0, b.1, "PERSON"));
        } else if AND.contains(&first.as_str())
            && i > 0
            && place_ends_at(all[i - 1].1)
            && (language == "nl" || known(&second))
        {
            found.push((b.0, b.1, "LOCATION"));
        }
    }
    if language == "de" {
        found.extend(companies_named_again(chars, &all, &covered));
        found.extend(places_in_the_genitive(chars, &all, &covered));
    }
    if language == "nl" {
        // Names after a noun for a place ("het dorp Lieshout", "de rivier de Eem") or for a
        // body ("zijn ploeg Alpecin-Deceuninck").
        for &w in &all {
            if !capitalised(chars, w) || covered(w.0, w.1) {
                continue;
            }
            if after_dutch_place_noun(chars, w.0) {
                found.push((w.0, w.1, "LOCATION"));
            } else if before_article(chars, w.0).is_some_and(|b| is_dutch_descriptor(&b)) {
                found.push((w.0, w.1, "ORG"));
            }
        }
    }
    found
}

/// A German place in the genitive before the noun it governs ("Österreichs Bundeskanzler",
/// "Bayerns Ministerpräsident"): the word less its "-s" is a country or a city the gazetteer
/// knows (small towns left out: "-s" cut from a common noun may spell one).
fn places_in_the_genitive(
    chars: &[char],
    all: &[(usize, usize)],
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    for pair in all.windows(2) {
        let (word, noun) = (pair[0], pair[1]);
        if word.1 - word.0 < 5
            || chars[word.1 - 1] != 's'
            || !capitalised(chars, word)
            || noun.0 != word.1 + 1
            || !capitalised(chars, noun)
            || covered(word.0, word.1)
        {
            continue;
        }
        let stem: String = chars[word.0..word.1 - 1].iter().collect();
        if gazetteer::lookup(&stem, "de").is_some() {
            found.push((word.0, word.1, "LOCATION"));
        }
    }
    found
}

/// Endings of German nouns that take up a company named in the sentence before, after an
/// article and at most one adjective ("Das Unternehmen aus Berlin", "Der Münchner Konzern",
/// "Das Familienunternehmen", "Das Drohnen-Start-up").
const COMPANY_REFERENCES: [&str; 7] = [
    "unternehmen",
    "konzern",
    "firma",
    "hersteller",
    "händler",
    "start-up",
    "startup",
];

/// The next sentence after `from` opens with an article and a noun for a company (one
/// adjective may come between: "Der Münchner Konzern").
fn next_sentence_names_a_company(chars: &[char], from: usize) -> bool {
    let Some(stop) = (from..chars.len()).find(|&i| matches!(chars[i], '.' | '!' | '?')) else {
        return false;
    };
    let Some(start) = (stop + 1..chars.len()).find(|&i| !chars[i].is_whitespace()) else {
        return false;
    };
    let mut end = start;
    while end < chars.len() && chars[end].is_alphabetic() {
        end += 1;
    }
    if !matches!(
        word_text(chars, (start, end)).as_str(),
        "Das" | "Der" | "Die"
    ) {
        return false;
    }
    let mut at = end;
    for _ in 0..2 {
        let Some(w) = next_word(chars, at) else {
            return false;
        };
        let noun = word_text(chars, w).to_lowercase();
        if COMPANY_REFERENCES.iter().any(|r| noun.ends_with(r)) {
            return true;
        }
        at = w.1;
    }
    false
}

/// A German sentence that opens with one or two bare capitalised words and a lower-case verb,
/// and whose next sentence opens with a noun for a company ("Zalando streicht Stellen. Das
/// Unternehmen ..."): the words are the company. A common noun opening a sentence takes an
/// article, and the place and first-name checks keep "Berlin" or "Siemens-Chef" out.
fn companies_named_again(
    chars: &[char],
    all: &[(usize, usize)],
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    for (i, &word) in all.iter().enumerate() {
        let opens =
            super::spans::mark_before(chars, word.0).is_none_or(|c| matches!(c, '.' | '!' | '?'));
        let first = word_text(chars, word);
        if !opens
            || !capitalised(chars, word)
            || word.1 - word.0 < 3
            || ARTICLES.contains(&first.to_lowercase().as_str())
            || covered(word.0, word.1)
        {
            continue;
        }
        // A second capitalised word belongs to the name ("Quantum Systems hat").
        let mut name = word;
        if let Some(&second) = all.get(i + 1)
            && second.0 == word.1 + 1
            && chars[word.1] == ' '
            && capitalised(chars, second)
            && !covered(second.0, second.1)
        {
            name.1 = second.1;
        }
        let Some(&verb) = all.iter().skip(i).find(|w| w.0 > name.1) else {
            continue;
        };
        if verb.0 != name.1 + 1 || chars[name.1] != ' ' || !chars[verb.0].is_lowercase() {
            continue;
        }
        let known = words(chars, name.0, name.1)
            .iter()
            .any(|&w| gazetteer::lookup(&word_text(chars, w), "de").is_some());
        if !is_first_name(&first) && !known && next_sentence_names_a_company(chars, verb.1) {
            found.push((name.0, name.1, "ORG"));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    fn texts(chars: &[char], found: &[(usize, usize)]) -> Vec<String> {
        found
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    /// The (text, label) pairs `fix_edges` makes of the mention `mention` of `text`.
    fn fixed(language: &str, text: &str, mention: &str, label: &str) -> Vec<(String, String)> {
        let c = chars(text);
        let start = text[..text.find(mention).unwrap()].chars().count();
        let span = NamedSpan {
            start,
            end: start + mention.chars().count(),
            label: label.into(),
            text: mention.into(),
            normal: None,
        };
        fix_edges(language, &c, &[span])
            .iter()
            .map(|s| (c[s.start..s.end].iter().collect(), s.label.clone()))
            .collect()
    }

    fn one(text: &str, label: &str) -> Vec<(String, String)> {
        vec![(text.to_string(), label.to_string())]
    }

    #[test]
    fn camel_case_words_are_organisations_and_royals_people() {
        assert!(is_camel_case("GroenLinks-PvdA") && is_camel_case("PostNL"));
        assert!(!is_camel_case("McIlroy") && !is_camel_case("Amsterdam"));
        assert!(!is_camel_case("ASML") && !is_camel_case("iPhone"));
        let c = chars("Ook GroenLinks-PvdA stemde tegen.");
        assert_eq!(
            texts(&c, &acronyms("nl", &c, 0, |_, _| false)),
            vec!["GroenLinks-PvdA"]
        );
        let c = chars("Koning Willem-Alexander en koningin Máxima waren er.");
        let found = names_missed("nl", &c, 0, |_, _| false, |_| false);
        let names: Vec<String> = found
            .iter()
            .map(|&(s, e, _)| c[s..e].iter().collect())
            .collect();
        assert_eq!(names, vec!["Willem-Alexander", "Máxima"]);
    }

    #[test]
    fn dutch_residents_of_a_name_make_it_a_place() {
        let text = "Inwoners van Valkenburg en bewoners van Venlo moesten weg.";
        assert_eq!(
            fixed("nl", text, "Inwoners van Valkenburg", "ORG"),
            one("Valkenburg", "LOC")
        );
        assert_eq!(fixed("nl", text, "Venlo", "ORG"), one("Venlo", "LOC"));
        let text = "Klanten van Rabobank moesten wachten.";
        assert_eq!(fixed("nl", text, "Rabobank", "ORG"), one("Rabobank", "ORG"));
    }

    #[test]
    fn dutch_spans_lose_articles_adjectives_and_descriptors() {
        let text = "Premier Dick Schoof heeft in Den Haag de Franse president ontvangen.";
        assert_eq!(
            fixed("nl", text, "Den Haag de Franse", "LOC"),
            one("Den Haag", "LOC")
        );
        assert!(fixed("nl", text, "Franse president", "ORG").is_empty());
        let text = "De Partij voor de Dieren en de SP dienden een motie in.";
        assert_eq!(fixed("nl", text, "De Partij", "ORG"), one("Partij", "ORG"));
        let text = "Ook Vakbond FNV en Waterschap Limburg reageerden.";
        assert_eq!(fixed("nl", text, "Vakbond FNV", "PER"), one("FNV", "ORG"));
        assert_eq!(
            fixed("nl", text, "Waterschap Limburg", "PER"),
            one("Waterschap Limburg", "ORG")
        );
        // A first name's particle is the person's: "Luuk de Jong" stays whole.
        let text = "Daarna scoorde Luuk de Jong twee keer.";
        assert_eq!(
            fixed("nl", text, "Luuk de Jong", "ORG"),
            one("Luuk de Jong", "ORG")
        );
    }

    #[test]
    fn legal_forms_titles_of_places_and_places_near_places() {
        let text = "Die Robert Bosch GmbH spart, Landeshauptmann von Tirol spricht.";
        assert_eq!(
            fixed("de", text, "Robert Bosch GmbH", "PER"),
            one("Robert Bosch GmbH", "ORG")
        );
        assert_eq!(
            fixed("de", text, "Landeshauptmann von Tirol", "PER"),
            one("Tirol", "LOC")
        );
        let text = "De Dommel bij Boxtel steeg, zei de Belg Wout van Aert.";
        assert_eq!(
            fixed("nl", text, "Dommel bij Boxtel", "ORG"),
            [one("Dommel", "LOC"), one("Boxtel", "LOC")].concat()
        );
        assert_eq!(
            fixed("nl", text, "Belg Wout van Aert", "ORG"),
            one("Wout van Aert", "PER")
        );
        let text = "Ook MR-voorzitter Georges-Louis Bouchez en het Eindhovense VDL Groep.";
        assert_eq!(
            fixed("nl", text, "MR-voorzitter Georges-Louis Bouchez", "ORG"),
            one("Georges-Louis Bouchez", "PER")
        );
        assert_eq!(
            fixed("nl", text, "Eindhovense VDL Groep", "ORG"),
            one("VDL Groep", "ORG")
        );
        let text = "Der Umsatz des Handelsverbands HDE stieg.";
        assert!(fixed("de", text, "Handelsverbands", "PER").is_empty());
    }

    #[test]
    fn seated_bodies_institutes_and_dutch_compound_bodies() {
        let text = "Die Polizeidirektion Göttingen, die Stiftung Preußischer Kulturbesitz und \
                    das Max-Planck-Institut für Astronomie melden sich.";
        let c = chars(text);
        assert_eq!(
            texts(&c, &organisation_phrases("de", &c, 0)),
            [
                "Polizeidirektion Göttingen",
                "Stiftung Preußischer Kulturbesitz",
                "Max-Planck-Institut für Astronomie"
            ]
        );
        let text = "De Veiligheidsregio Twente en de Rabobank reageerden. Spaarbank is een woord.";
        let c = chars(text);
        assert_eq!(
            texts(&c, &organisation_phrases("nl", &c, 0)),
            ["Veiligheidsregio Twente"]
        );
        assert_eq!(
            texts(&c, &dutch_bodies("nl", &c, 0, |_, _| false)),
            ["Rabobank"]
        );
    }

    #[test]
    fn german_heads_acronyms_and_venues() {
        let text = "Der Chemiekonzern BASF und die Gewerkschaft IG BCE verhandeln.";
        assert_eq!(
            fixed("de", text, "Chemiekonzern BASF", "ORG"),
            one("BASF", "ORG")
        );
        assert_eq!(fixed("de", text, "BCE", "ORG"), one("IG BCE", "ORG"));
        let text = "Der FC Bayern gewann in der Allianz Arena.";
        assert_eq!(
            fixed("de", text, "Allianz Arena", "ORG"),
            one("Allianz Arena", "LOC")
        );
    }

    #[test]
    fn bodies_are_found_by_their_head_nouns() {
        let text = "Das Bundesamt für Migration und Flüchtlinge und das Landgericht Frankfurt \
                    widersprachen, die Bundesregierung schwieg. Der Autobauer Volkswagen will \
                    sparen, die Staatsanwaltschaft ermittelt.";
        let c = chars(text);
        assert_eq!(
            texts(&c, &organisation_phrases("de", &c, 0)),
            [
                "Bundesamt für Migration und Flüchtlinge",
                "Landgericht Frankfurt",
                "Volkswagen"
            ]
        );
        let text = "Het ministerie van Justitie en Veiligheid en de partij van Wilders reageerden.";
        let c = chars(text);
        assert_eq!(
            texts(&c, &organisation_phrases("nl", &c, 0)),
            ["ministerie van Justitie en Veiligheid"]
        );
        assert!(organisation_phrases("es", &c, 0).is_empty());
        let text = "Le ministère des Armées et le ministère de la Culture ont répondu.";
        let c = chars(text);
        assert_eq!(
            texts(&c, &organisation_phrases("fr", &c, 0)),
            ["ministère des Armées", "ministère de la Culture"]
        );
    }

    #[test]
    fn acronyms_no_mention_covers_are_organisations() {
        let text = "ASML, VNO-NCW en de AfD; niet de USA, de CEO, de GmbH of Karel II.";
        let c = chars(text);
        let found = acronyms("nl", &c, 0, |s, _| s == 0);
        assert_eq!(texts(&c, &found), ["VNO-NCW", "AfD"]);
    }

    #[test]
    fn names_after_dutch_nouns_for_places_and_water_are_places() {
        let text = "Langs de rivier de Eem bij het dorp Lieshout steeg het water van de IJssel.";
        assert_eq!(fixed("nl", text, "Eem", "ORG"), one("Eem", "LOC"));
        assert_eq!(fixed("nl", text, "IJssel", "PER"), one("IJssel", "LOC"));
        let c = chars(text);
        let found: Vec<String> = names_missed("nl", &c, 0, |_, _| false, |_| false)
            .into_iter()
            .map(|(s, e, _)| c[s..e].iter().collect())
            .collect();
        assert_eq!(found, ["Eem", "Lieshout", "IJssel"]);
        // A name after other words is left to the model.
        let text = "De Raad van de Europese Unie en het bestuur van de Staat.";
        let c = chars(text);
        assert!(names_missed("nl", &c, 0, |_, _| false, |_| false).is_empty());
    }

    #[test]
    fn first_names_with_surnames_and_places_after_and() {
        let text = "Deniz Undav erzielte zwei Tore in Hannover und Osnabrück, nicht in Berlin und \
                    Umgebung.";
        let c = chars(text);
        let place_ends = |end: usize| {
            ["Hannover", "Berlin"].iter().any(|p| {
                text.find(p)
                    .map(|at| text[..at].chars().count() + p.chars().count())
                    == Some(end)
            })
        };
        let found: Vec<(String, &str)> = names_missed("de", &c, 0, |_, _| false, place_ends)
            .into_iter()
            .map(|(s, e, kind)| (c[s..e].iter().collect(), kind))
            .collect();
        assert_eq!(
            found,
            [
                ("Deniz Undav".to_string(), "PERSON"),
                ("Osnabrück".to_string(), "LOCATION")
            ]
        );
    }

    #[test]
    fn a_national_adjective_after_an_article_opens_a_name() {
        let text = "Die Deutsche Bahn hat gesperrt. Deutsche Urlauber sind da, sagt die Europäische Zentralbank.";
        let c = chars(text);
        assert_eq!(
            texts(&c, &organisation_phrases("de", &c, 0)),
            ["Deutsche Bahn", "Europäische Zentralbank"]
        );
    }

    #[test]
    fn a_company_taken_up_by_the_next_sentence_and_a_place_in_the_genitive_are_found() {
        let c = chars(
            "Zalando streicht Stellen. Das Unternehmen aus Berlin schließt ein Lager. \
             Österreichs Bundeskanzler reiste ab.",
        );
        let found: Vec<(String, &str)> = names_missed("de", &c, 0, |_, _| false, |_| false)
            .into_iter()
            .map(|(s, e, kind)| (c[s..e].iter().collect(), kind))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Zalando".to_string(), "ORG"),
                ("Österreichs".to_string(), "LOCATION")
            ]
        );
        // A sentence the next one does not take up as a company.
        let c = chars("Experten warnen vor Hitze. Die Stadt reagiert.");
        assert!(names_missed("de", &c, 0, |_, _| false, |_| false).is_empty());
        // Two words, and a company noun after an adjective; an article opens no name.
        let c = chars(
            "Quantum Systems hat Geld eingesammelt. Das Drohnen-Start-up wächst. \
             Der Vorstandschef von Siemens sprach. Der Münchner Konzern wächst.",
        );
        assert_eq!(
            texts(
                &c,
                &names_missed("de", &c, 0, |_, _| false, |_| false)
                    .into_iter()
                    .map(|(s, e, _)| (s, e))
                    .collect::<Vec<_>>()
            ),
            ["Quantum Systems"]
        );
    }

    #[test]
    fn german_spans_drawn_too_wide_and_bodies_by_their_form() {
        let text = "Die Eidgenössische Finanzmarktaufsicht (Finma) wirft der Zürcher \
                    Kantonalbank Mängel bei der Prüfung vor. Landeshauptmann Peter Kaiser sprach.";
        assert_eq!(
            fixed(
                "de",
                text,
                "Eidgenössische Finanzmarktaufsicht (Finma)",
                "ORG"
            ),
            vec![
                (
                    "Eidgenössische Finanzmarktaufsicht".to_string(),
                    "ORG".to_string()
                ),
                ("Finma".to_string(), "ORG".to_string())
            ]
        );
        assert_eq!(
            fixed("de", text, "Zürcher Kantonalbank Mängel", "ORG"),
            one("Zürcher Kantonalbank", "ORG")
        );
        assert!(fixed("de", text, "Landeshauptmann", "PER").is_empty());
        let text = "Der Bundesnachrichtendienst und der Landesbetrieb für Küstenschutz warnen, \
                    das Landesamt schweigt. Der Deutsche Alpenverein warnt.";
        let c = chars(text);
        assert_eq!(
            texts(&c, &organisation_phrases("de", &c, 0)),
            [
                "Bundesnachrichtendienst",
                "Landesbetrieb für Küstenschutz",
                "Deutsche Alpenverein"
            ]
        );
    }
}
