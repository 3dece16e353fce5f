//! From the model's mention spans to entities: one entry per entity with all of its mentions,
//! one consistent type per document, and the corrections a reader would make.
//!
//! The small English model has well-known blind spots (it tags "Azerbaijan", or an agency name
//! it has not seen, as PERSON). Three kinds of evidence fix them without touching the model:
//! - the document: a name tagged GPE five times and PERSON twice is a place;
//! - appositions: "state agency Azertac", "media outlet Minval" name an organisation;
//!   "Syunik province", "the city of Aktau", "Zangezur, or what is now …" name a place;
//! - short forms: "Aliyev" after "Ilham Aliyev" is the same person; "USSR" is the Soviet Union;
//! - the gazetteer: "Azerbaijan" tagged PERSON is a country, unless the document shows the
//!   name as a person's ("Michael Jordan", "Mr Jordan").

use std::collections::{HashMap, HashSet};

mod arabic;
mod germanic;
mod key;
mod names;
mod places;
mod regions;
mod romance;
mod russian;
mod slavic;
mod spans;
mod titles;
mod turkish;

use super::gazetteer;
use super::ner::NamedSpan;
use super::{Entity, Mention};
pub(crate) use arabic::tag as arabic_tag;
use romance::{italian_start, places_after_phrases, romance_evidence, without_trailing_title};
use russian::russian_evidence;

/// Labels of quantities, not named things (dates have their own tagger).
const NUMERIC_LABELS: [&str; 7] = [
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
];

/// Nouns that, right before a name, say it is an organisation ("state agency Azertac").
const ORG_HEADS: [&str; 26] = [
    "agency",
    "outlet",
    "broadcaster",
    "newspaper",
    "channel",
    "company",
    "firm",
    "bank",
    "party",
    "ministry",
    "airline",
    "carrier",
    "publisher",
    "website",
    "magazine",
    "daily",
    "tabloid",
    "organisation",
    "organization",
    "association",
    "corporation",
    "conglomerate",
    "operator",
    "regulator",
    "watchdog",
    "insurer",
];

/// Nouns that, right after a name, say it is a place ("Syunik province").
const PLACE_HEADS_AFTER: [&str; 8] = [
    "province",
    "region",
    "oblast",
    "district",
    "county",
    "governorate",
    "krai",
    "prefecture",
];

/// Phrases that, right before a name, say it is a place ("the city of Aktau").
const PLACE_HEADS_BEFORE: [&str; 6] = [
    "city of",
    "town of",
    "village of",
    "region of",
    "province of",
    "port of",
];

/// "X, or what is now Y": X is the older name of the place Y.
const NOW_KNOWN_AS: [&str; 4] = [", or what is now", ", now", " (now", ", today"];

/// Well-known short forms, merged into the full name's entity when both occur.
const ALIASES: [(&str, &str); 8] = [
    ("USSR", "Soviet Union"),
    ("US", "United States"),
    ("U.S.", "United States"),
    ("USA", "United States"),
    ("UK", "United Kingdom"),
    ("EU", "European Union"),
    ("UN", "United Nations"),
    ("UAE", "United Arab Emirates"),
];

/// Words that, right before a name, say it is a person's ("Mr Jordan", "Queen Georgia").
const PERSON_TITLES: [&str; 24] = [
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lady",
    "lord",
    "prof",
    "professor",
    "president",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "judge",
    "rev",
    "king",
    "queen",
    "prince",
    "princess",
    "coach",
];

/// One mention on its way to an entity.
struct Candidate {
    start: usize,
    end: usize,
    /// The form the entity is named by: the text, or its nominative for Russian.
    name: String,
    label: String,
    /// A type the context proves, outweighing the model's label.
    evidence: Option<&'static str>,
}

/// The spec's entity type of a model label.
fn entity_type(label: &str) -> &'static str {
    match label {
        "PERSON" | "PER" => "PERSON",
        "ORG" => "ORG",
        "GPE" | "LOC" | "FAC" => "LOCATION",
        _ => "MISC",
    }
}

/// Groups `spans` of `text` (in `language`, an ISO 639-1 code) into entities. Spans starting
/// before `tag_from` (a code point offset: the rubric's section labels are not mentions) are
/// ignored.
pub fn group_entities(
    text: &str,
    spans: &[NamedSpan],
    tag_from: usize,
    language: &str,
) -> Vec<Entity> {
    group(text, spans, tag_from, language, true)
}

/// [`group_entities`] without the gazetteer: for measuring what the gazetteer changes.
#[doc(hidden)]
pub fn group_entities_without_gazetteer(
    text: &str,
    spans: &[NamedSpan],
    tag_from: usize,
    language: &str,
) -> Vec<Entity> {
    group(text, spans, tag_from, language, false)
}

fn group(
    text: &str,
    spans: &[NamedSpan],
    tag_from: usize,
    language: &str,
    use_gazetteer: bool,
) -> Vec<Entity> {
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize| -> String { chars[start..end].iter().collect() };
    let split;
    let spans = if language == "es" {
        split = spanish_misc_split(&chars, spans);
        &split
    } else {
        spans
    };
    let mut fixed = spans::fix_edges(language, &chars, spans);
    if matches!(language, "de" | "nl" | "pt") {
        fixed = germanic::fix_edges(language, &chars, &fixed);
    }
    if language == "tr" {
        fixed = turkish::without_suffixes(&chars, &fixed);
    }
    if language == "it" {
        fixed = romance::joined_at_capital_preposition(&chars, fixed);
        fixed = romance::parties_named_by_a_place(&chars, fixed);
        if use_gazetteer {
            fixed = romance::towns_named_in_full(&chars, fixed);
        }
    }
    let spans = &fixed;
    let mut candidates: Vec<Candidate> = Vec::new();
    for span in spans {
        if span.start < tag_from
            || span.end > chars.len()
            || NUMERIC_LABELS.contains(&span.label.as_str())
        {
            continue;
        }
        let (mut start, mut end) = trim_span(&chars, span.start, span.end, language);
        if entity_type(&span.label) == "PERSON" {
            end = without_trailing_title(language, &chars, start, end);
        }
        if language == "tr" {
            end = turkish::without_title_openers(&chars, start, end);
            start = turkish::after_sentence_opener(&chars, start, end);
        }
        let titled = if language == "tr" {
            turkish::after_title(&chars, start, end)
        } else {
            titles::after_leading_title(language, &chars, start, end)
        };
        start = titled.unwrap_or(start);
        if matches!(language, "pl" | "uk") {
            let person = entity_type(&span.label) == "PERSON";
            start = slavic::after_opening_job_noun(language, &chars, (start, end), person);
        }
        let first_name_before = if language == "it" {
            romance::first_name_after_title(&chars, start, end)
        } else {
            None
        };
        start = first_name_before.unwrap_or(start);
        // The Italian press writes a ministry lower-case ("il ministero dell'Interno").
        let ministry = language == "it" && slice(start, end).starts_with("ministero ");
        // A town with a lower-case word inside ("Reggio nell'Emilia") ends as it is.
        let town = language == "it"
            && use_gazetteer
            && slice(start, end).contains(' ')
            && gazetteer::lookup_with_towns(&slice(start, end), language).is_some();
        if matches!(language, "nl" | "pl" | "it" | "uk" | "es" | "tr" | "pt") && !ministry && !town
        {
            let trimmed = without_trailing_lower_case(&chars, start, end);
            // A headed name keeps the lower-case words of its own ("Corte dei conti"), not a
            // verb after them.
            end = romance::lower_case_words_of_name(language, &chars, start, trimmed, end);
        }
        if language == "it" {
            start = romance::with_capital_elision(&chars, start);
            start = italian_start(&chars, start, end, entity_type(&span.label) == "PERSON");
            start = romance::with_glued_plus(&chars, start);
            if entity_type(&span.label) == "ORG" {
                start = romance::with_sentence_opening_word(&chars, start, end);
            }
        }
        let mut clitic_free = None;
        if language == "ar" {
            if entity_type(&span.label) == "PERSON" {
                start = arabic::after_title(&chars, start, end);
            }
            let (from, name) = arabic::without_clitics(&chars, start, end);
            (start, clitic_free) = (from, Some(name));
        }
        // "AS Monaco": the model tags the town and leaves the club's abbreviation out.
        let club = if matches!(language, "fr" | "es" | "pt") {
            romance::club_abbreviation_before(&chars, start)
        } else {
            None
        };
        start = club.unwrap_or(start);
        // "Edmundo" + "González Urrutia": the first name the model left out of a person.
        let first_named = if language == "es" {
            romance::spanish_first_name_before(&chars, start, end)
        } else {
            None
        };
        start = first_named.unwrap_or(start);
        if language == "es" && romance::spanish_apposition(&chars, end) {
            start = romance::spanish_opening_word_before(&chars, start);
        }
        let surface = slice(start, end);
        // What is left of a span cut at its lower-case words may be an article or a
        // preposition alone ("Alla cerimonia c'" → "Alla").
        if language == "it" && romance::is_no_name(language, &chars[start..end]) {
            continue;
        }
        // A year or a number the model took for a name ("fino al 2032") names nothing.
        if !surface.chars().any(char::is_alphabetic)
            || (language == "pl"
                && (slavic::is_polish_term(&surface)
                    // A capitalised kind noun opening the sentence ("Koncern"), a word's
                    // capitalised first part ("Hat-tricka").
                    || slavic::is_kind_noun(language, &surface.to_lowercase())
                    || (chars.get(end) == Some(&'-')
                        && chars.get(end + 1).is_some_and(|c| c.is_lowercase()))))
            || (language == "tr"
                && (turkish::is_demonym(&surface)
                    || turkish::is_month(&surface)
                    || turkish::is_nickname(&chars, start, end)
                    || turkish::names_a_ministers_field(&chars, start, end)))
        {
            continue;
        }
        // "Kazakh city" describes a place; it does not name one. In Russian the head comes
        // first and the words after it are lower-case ("Министерство транспорта").
        let initial = |word: Option<&str>| word.and_then(|w| w.chars().next());
        let is_description = (initial(surface.split_whitespace().next())
            .is_none_or(char::is_lowercase)
            && !ministry)
            || (language == "en"
                && initial(surface.split_whitespace().last()).is_none_or(char::is_lowercase));
        if is_description {
            continue;
        }
        let name = match (&span.normal, clitic_free) {
            (_, Some(name)) => name,
            (Some(normal), None) if (start, end) == (span.start, span.end) => normal.clone(),
            _ => surface,
        };
        // The Turkish name's own head noun, the title after it, or the word after it.
        let turkish_evidence = if language == "tr" {
            turkish::head_evidence(&name)
                .or_else(|| turkish::before_a_title(&chars, &name, end))
                .or_else(|| turkish::word_after_evidence(&chars, end))
        } else {
            None
        };
        let evidence = match language {
            // "губернатора Астраханской области Андрей Кольцов": a first name and surname
            // are a person whatever noun comes before them.
            "ru" if entity_type(&span.label) == "PERSON" && name.contains(' ') => None,
            "ru" => russian_evidence(&chars, start),
            "tr" if entity_type(&span.label) == "LOCATION"
                && turkish::is_organisation_acronym(&name) =>
            {
                Some("ORG")
            }
            "tr" if turkish_evidence.is_some() => turkish_evidence,
            _ if club.is_some() => Some("ORG"),
            "de" if entity_type(&span.label) == "PERSON"
                && germanic::after_head_of(&chars, start) =>
            {
                Some("ORG")
            }
            "it" if name.starts_with('+') => Some("ORG"),
            "it" if romance::names_an_upper_or_lower_area(&name) => Some("LOCATION"),
            "it" if entity_type(&span.label) == "PERSON"
                && romance::firm_reporting_results(&chars, (start, end)) =>
            {
                Some("ORG")
            }
            _ if language != "en"
                && spans::is_first_and_last_name(language, &chars, start, end) =>
            {
                Some("PERSON")
            }
            "it" if titled.is_some() || first_name_before.is_some() => Some("PERSON"),
            "it" if entity_type(&span.label) == "PERSON"
                && romance::firm_named_by_a_first_name(&chars, (start, end), &name, spans) =>
            {
                Some("ORG")
            }
            "it" if entity_type(&span.label) == "LOCATION"
                && romance::italian_acronym_body(&chars, start, &name) =>
            {
                Some("ORG")
            }
            "it" if romance::names_an_italian_firm(&name) => Some("ORG"),
            "it" if romance::names_an_italian_event(&name) => Some("MISC"),
            "it" if !name.contains(' ') && romance::dedicated_to(&chars, start) => Some("PERSON"),
            "it" if entity_type(&span.label) != "PERSON"
                && romance::italian_river_or_volcano(&chars, end, &name) =>
            {
                Some("LOCATION")
            }
            "it" if entity_type(&span.label) != "PERSON"
                && romance::italian_company_context(&chars, (start, end), &name) =>
            {
                Some("ORG")
            }
            "it" if romance::is_italian_federation(&name)
                || romance::ITALIAN_LONE_BODIES.contains(&name.as_str()) =>
            {
                Some("ORG")
            }
            "it" if entity_type(&span.label) == "PERSON"
                && romance::is_town_with_elided_di(&name)
                && places::after_place_preposition(language, &chars, start) =>
            {
                Some("LOCATION")
            }
            "it" if entity_type(&span.label) == "ORG"
                && romance::after_italian_a(&chars, start) =>
            {
                Some("LOCATION")
            }
            "it" if entity_type(&span.label) == "PERSON"
                && titled.is_none()
                && romance::after_italian_al(&chars, start) =>
            {
                Some("LOCATION")
            }
            "it" if romance::after_place_phrase(language, &chars, start) => Some("LOCATION"),
            "es" if first_named.is_some() => Some("PERSON"),
            "es" if romance::names_a_spanish_award(&name) => Some("MISC"),
            "es" if entity_type(&span.label) != "ORG" && romance::is_spanish_acronym(&name) => {
                Some("ORG")
            }
            "es" if romance::spanish_apposition(&chars, end) => Some("ORG"),
            "es" if entity_type(&span.label) == "MISC"
                && (romance::spanish_surname_of(&name, &chars, spans)
                    || romance::spanish_full_name(&name)) =>
            {
                Some("PERSON")
            }
            "es" if entity_type(&span.label) == "MISC"
                && use_gazetteer
                && gazetteer::lookup(&name, language).is_some() =>
            {
                Some("LOCATION")
            }
            // Not Portuguese: its model types small towns as people ("bombeiros de Ourém").
            // After an Italian preposition of place such a word is a place ("nel Cilento",
            // "sull'Appennino"); "a" is also the dative of firms ("chiedono a Stellantis").
            "es" | "it" | "fr"
                if entity_type(&span.label) == "PERSON"
                    && titled.is_none()
                    && romance::lone_word_no_one_bears(language, &name, &chars, spans) =>
            {
                if language == "it"
                    && places::after_place_preposition(language, &chars, start)
                    && !romance::after_italian_a(&chars, start)
                {
                    Some("LOCATION")
                } else {
                    Some("ORG")
                }
            }
            "es" | "pt"
                if entity_type(&span.label) == "LOCATION"
                    && romance::company_in_place_of_town(language, &chars, (start, end), &name) =>
            {
                Some("ORG")
            }
            "fr" | "es" | "it" | "pt" => romance_evidence(language, &chars, start, &name),
            "pl" | "uk" if titled.is_some() && slavic::titled_organisation(language, &name) => {
                Some("ORG")
            }
            "pl" | "uk" if slavic::place_before_person(language, &name, &chars, (start, end)) => {
                Some("LOCATION")
            }
            _ if titled.is_some() => Some("PERSON"),
            "tr" if entity_type(&span.label) == "PERSON"
                && turkish::lone_word_no_one_bears(&name, &chars, spans) =>
            {
                Some("ORG")
            }
            "pl" | "uk" => slavic::organisation_evidence(language, &name)
                .or_else(|| slavic::apposition_evidence(language, &chars, start))
                .or_else(|| slavic::place_noun_evidence(&chars, start))
                .or_else(|| {
                    let label = entity_type(&span.label);
                    slavic::club_evidence(language, &chars, (start, end), &name, label)
                })
                .or_else(|| slavic::region_evidence(language, &name))
                .or_else(|| slavic::nationality_evidence(language, &chars, start, &name))
                .or_else(|| slavic::ukrainian_lone_surname(language, &chars, end, &name))
                .or_else(|| evidence_from_context(&chars, start, end, spans)),
            _ => evidence_from_context(&chars, start, end, spans),
        };
        // A company the model typed otherwise and the context retypes keeps the sentence's
        // opening word the model left out, as an organisation span does above.
        let (start, name) =
            if language == "it" && evidence == Some("ORG") && entity_type(&span.label) != "ORG" {
                let opened = romance::with_sentence_opening_word(&chars, start, end);
                (opened, chars[opened..end].iter().collect::<String>())
            } else {
                (start, name)
            };
        candidates.push(Candidate {
            start,
            end,
            name: normalise(&name),
            label: span.label.clone(),
            evidence,
        });
    }
    if matches!(language, "pl" | "uk") {
        join_split_names(&chars, &mut candidates, language);
    }
    if language == "uk" {
        surnames_named_again(&mut candidates);
    }
    if language == "pt" {
        without_nested(&mut candidates);
    }
    if language == "tr" {
        turkish::second_mentions(&mut candidates);
        turkish::add_missed_names(&chars, tag_from, &mut candidates);
    }
    // Words joined by hyphens, read once for the Polish and English passes that walk them.
    let words = if matches!(language, "pl" | "en") {
        hyphenated_words(&chars, tag_from)
    } else {
        Vec::new()
    };
    add_organisation_phrases(&chars, tag_from, &words, language, &mut candidates);
    if use_gazetteer {
        add_gazetteer_evidence(&chars, &mut candidates, language);
        if matches!(language, "es" | "it") {
            towns_and_clubs(&chars, &mut candidates, language);
        }
    }
    if language == "en" {
        candidates.extend(places_named_by_head(&chars, &words, &candidates));
    }
    // A span a correction found, as a candidate with its kind as evidence.
    let found = |(start, end, kind): (usize, usize, &'static str)| Candidate {
        start,
        end,
        name: slice(start, end),
        label: if kind == "LOCATION" { "LOC" } else { kind }.into(),
        evidence: Some(kind),
    };
    if matches!(language, "es" | "it") {
        let mask = coverage(&candidates, chars.len());
        let covered = covered_by(&candidates, &mask);
        let headed = romance::names_by_head(language, &chars, tag_from, covered);
        candidates.extend(headed.into_iter().map(found));
    }
    add_people_after_person_nouns(&chars, tag_from, language, &mut candidates);
    let mask = coverage(&candidates, chars.len());
    let covered = covered_by(&candidates, &mask);
    let named_places = places_after_phrases(language, &chars, tag_from, covered);
    candidates.extend(
        named_places
            .into_iter()
            .map(|(start, end)| found((start, end, "LOCATION"))),
    );
    if use_gazetteer {
        let mask = coverage(&candidates, chars.len());
        let covered = covered_by(&candidates, &mask);
        let declined = places::places_after_prepositions(language, &chars, tag_from, covered);
        candidates.extend(
            declined
                .into_iter()
                .map(|(start, end)| found((start, end, "LOCATION"))),
        );
    }
    let mask = coverage(&candidates, chars.len());
    let covered = covered_by(&candidates, &mask);
    let place_ends_at = |end: usize| {
        candidates.iter().any(|c| {
            c.end == end && (c.evidence == Some("LOCATION") || entity_type(&c.label) == "LOCATION")
        })
    };
    let mut missed = germanic::names_missed(language, &chars, tag_from, covered, place_ends_at);
    let people = slavic::people_missed(language, &chars, &words, covered);
    missed.extend(
        people
            .into_iter()
            .map(|(start, end)| (start, end, "PERSON")),
    );
    let acronyms = germanic::acronyms(language, &chars, tag_from, covered);
    missed.extend(acronyms.into_iter().map(|(start, end)| (start, end, "ORG")));
    let bodies = germanic::dutch_bodies(language, &chars, tag_from, covered);
    missed.extend(bodies.into_iter().map(|(start, end)| (start, end, "ORG")));
    if language == "it" {
        let bodies = romance::italian_bodies_missed(&chars, tag_from, covered);
        missed.extend(bodies.into_iter().map(|(start, end)| (start, end, "ORG")));
    }
    if language == "es" {
        let firms = romance::spanish_firms_opening_sentences(&chars, tag_from, covered);
        missed.extend(firms.into_iter().map(|(start, end)| (start, end, "ORG")));
        let bodies = romance::spanish_organisations_missed(&chars, tag_from, covered);
        let new = |b: &(usize, usize)| !missed.iter().any(|m| m.0 < b.1 && b.0 < m.1);
        let bodies: Vec<_> = bodies.into_iter().filter(new).collect();
        missed.extend(bodies.into_iter().map(|(start, end)| (start, end, "ORG")));
    }
    candidates.extend(missed.into_iter().map(found));
    if use_gazetteer && language == "tr" {
        let mask = coverage(&candidates, chars.len());
        let covered = covered_by(&candidates, &mask);
        let missed = turkish::places_missed(&chars, tag_from, covered);
        candidates.extend(
            missed
                .into_iter()
                .map(|(start, end)| found((start, end, "LOCATION"))),
        );
    }
    if use_gazetteer && language == "ar" {
        let mask = coverage(&candidates, chars.len());
        let covered = covered_by(&candidates, &mask);
        let place_end = |end: usize| {
            candidates.iter().any(|c| {
                c.end == end
                    && (c.evidence == Some("LOCATION") || entity_type(&c.label) == "LOCATION")
            })
        };
        let missed = arabic::places_missed(&chars, tag_from, covered, place_end);
        candidates.extend(missed.into_iter().map(|(start, end, name)| Candidate {
            start,
            end,
            name,
            label: "LOC".into(),
            evidence: Some("LOCATION"),
        }));
    }
    candidates.sort_by_key(|c| c.start);
    if language == "it" {
        let mentions: Vec<(usize, usize, &'static str)> = candidates
            .iter()
            .map(|c| (c.start, c.end, c.evidence.unwrap_or(entity_type(&c.label))))
            .collect();
        let listed = romance::italian_listed_names(&chars, &mentions);
        candidates.extend(listed.into_iter().map(found));
        // Names listed after "i sindacati" are organisations; a mention starting there keeps
        // its extent ("i partiti Fratelli d'Italia e Lega").
        for (start, end) in romance::italian_listed_after_noun(&chars, tag_from) {
            if let Some(c) = candidates.iter_mut().find(|c| c.start == start) {
                c.label = "ORG".into();
                c.evidence = Some("ORG");
            } else {
                candidates.retain(|c| c.end <= start || end <= c.start);
                candidates.push(found((start, end, "ORG")));
            }
        }
        // "Asl di Latina": an acronym's local office named by the place.
        let offices: Vec<(usize, usize)> = candidates
            .iter()
            .filter(|c| c.evidence.unwrap_or(entity_type(&c.label)) == "LOCATION")
            .filter_map(|c| {
                romance::italian_acronym_of_place(&chars, (c.start, c.end)).map(|s| (s, c.end))
            })
            .collect();
        for (start, end) in offices {
            candidates.retain(|c| c.end <= start || end <= c.start);
            candidates.push(found((start, end, "ORG")));
        }
        candidates.sort_by_key(|c| c.start);
    }

    // Group by surface name.
    let mut groups: Vec<(String, Vec<Candidate>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for candidate in candidates {
        let key = candidate.name.clone();
        match index.get(&key) {
            Some(&i) => groups[i].1.push(candidate),
            None => {
                index.insert(key.clone(), groups.len());
                groups.push((key, vec![candidate]));
            }
        }
    }
    let types: Vec<&'static str> = groups.iter().map(|(_, c)| vote(c)).collect();

    // Short forms join their full name: "Aliyev" → "Ilham Aliyev"; "USSR" → "Soviet Union".
    let mut target: Vec<usize> = (0..groups.len()).collect();
    for (i, (key, _)) in groups.iter().enumerate() {
        let alias = ALIASES
            .iter()
            .find(|(short, _)| short == key)
            .and_then(|(_, full)| index.get(&normalise(full)).copied());
        let surname = (types[i] == "PERSON" && !key.contains(' '))
            .then(|| {
                let fuller: Vec<usize> = groups
                    .iter()
                    .enumerate()
                    .filter(|(j, (other, _))| {
                        types[*j] == "PERSON"
                            && other.contains(' ')
                            && other.rsplit(' ').next() == Some(key.as_str())
                    })
                    .map(|(j, _)| j)
                    .collect();
                // Only an unambiguous surname: two Aliyevs in one story stay apart.
                (fuller.len() == 1).then(|| fuller[0])
            })
            .flatten();
        let inflected = (language == "ru" && target[i] == i)
            .then(|| same_word_inflected(&groups, &types, i))
            .flatten();
        if let Some(j) = alias.or(surname).or(inflected).filter(|&j| j != i) {
            target[i] = j;
        }
    }
    // A short form may point at a group that itself joined another: follow to the end.
    for i in 0..target.len() {
        let mut j = target[i];
        for _ in 0..target.len() {
            if target[j] == j {
                break;
            }
            j = target[j];
        }
        target[i] = j;
    }
    let keys: Vec<String> = groups.iter().map(|(key, _)| key.clone()).collect();
    let mut merged: Vec<(String, Vec<Candidate>)> = (0..groups.len())
        .map(|i| (keys[i].clone(), Vec::new()))
        .collect();
    for (i, (_, candidates)) in groups.into_iter().enumerate() {
        merged[target[i]].1.extend(candidates);
    }

    let mut entities: Vec<Entity> = merged
        .into_iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(name, mut candidates)| {
            candidates.sort_by_key(|c| c.start);
            let kind = vote(&candidates);
            let mut labels: Vec<String> = candidates.iter().map(|c| c.label.clone()).collect();
            labels.sort();
            labels.dedup();
            let mentions: Vec<Mention> = candidates
                .iter()
                .map(|c| Mention {
                    start: c.start,
                    end: c.end,
                    text: slice(c.start, c.end),
                })
                .collect();
            // The canonical name is the form of the group the others joined: the full name,
            // not the surname or the short form.
            Entity {
                key: key::entity_key(&name, kind, language),
                name,
                kind: kind.to_string(),
                labels,
                mentions,
            }
        })
        .collect();
    entities.sort_by_key(|e| e.mentions.first().map(|m| m.start));
    entities
}

/// The group a one-word Russian name whose nominative the dictionary could not give joins:
/// "Астраханью" → "Астрахань", "Гордеевой" → "Марина Гордеева". Both names must be the same
/// word but for an ending of at most two letters, share at least four letters, have the same
/// type, and the match must be the only one; the group joined has the fuller name, else more
/// mentions.
fn same_word_inflected(
    groups: &[(String, Vec<Candidate>)],
    types: &[&'static str],
    i: usize,
) -> Option<usize> {
    let key = &groups[i].0;
    if key.contains(' ') {
        return None;
    }
    let key_chars: Vec<char> = key.chars().collect();
    let matches: Vec<usize> = (0..groups.len())
        .filter(|&j| j != i && types[j] == types[i])
        .filter(|&j| {
            let other = &groups[j].0;
            // A person's surname is the last word of the full name.
            let word = match types[j] {
                "PERSON" => other.rsplit(' ').next().unwrap_or(other),
                _ if other.contains(' ') => return false,
                _ => other,
            };
            let word: Vec<char> = word.chars().collect();
            let shared = key_chars
                .iter()
                .zip(&word)
                .take_while(|(a, b)| a == b)
                .count();
            shared >= 4 && key_chars.len() - shared <= 2 && word.len() - shared <= 2
        })
        .filter(|&j| {
            let (mine, theirs) = (&groups[i], &groups[j]);
            (theirs.0.contains(' '), theirs.1.len(), std::cmp::Reverse(j))
                > (mine.0.contains(' '), mine.1.len(), std::cmp::Reverse(i))
        })
        .collect();
    match matches.as_slice() {
        [j] => Some(*j),
        _ => None,
    }
}

/// The type most of the evidence supports: proven context counts three times the model's word.
fn vote(candidates: &[Candidate]) -> &'static str {
    let mut votes: Vec<(&'static str, usize)> = Vec::new();
    for candidate in candidates {
        let (kind, weight) = match candidate.evidence {
            Some(kind) => (kind, 3),
            None => (entity_type(&candidate.label), 1),
        };
        match votes.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, count)) => *count += weight,
            None => votes.push((kind, weight)),
        }
    }
    // Ties go to the first type seen.
    votes
        .iter()
        .fold(
            None,
            |best: Option<(&'static str, usize)>, &(kind, count)| match best {
                Some((_, top)) if top >= count => best,
                _ => Some((kind, count)),
            },
        )
        .map_or("MISC", |(kind, _)| kind)
}

/// Spanish MISC spans that run over lower-case words, replaced by their capitalised parts
/// (`romance::spanish_misc_parts`), still MISC: the corrections type each part by itself.
fn spanish_misc_split(chars: &[char], spans: &[NamedSpan]) -> Vec<NamedSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let parts = (span.label == "MISC" && span.end <= chars.len())
            .then(|| romance::spanish_misc_parts(chars, span.start, span.end))
            .flatten();
        match parts {
            Some(parts) => out.extend(parts.into_iter().map(|(start, end)| NamedSpan {
                start,
                end,
                label: span.label.clone(),
                text: chars[start..end].iter().collect(),
                normal: None,
            })),
            None => out.push(span.clone()),
        }
    }
    out
}

/// Drops a leading "the", a trailing possessive and quotes at either end, which the model
/// sometimes includes. Italian has no possessive "'s": there it ends a brand ("Tod's").
fn trim_span(chars: &[char], mut start: usize, mut end: usize, language: &str) -> (usize, usize) {
    // Quotes the model ran into a name ("«Повернись"): the name is inside them.
    while start < end && matches!(chars[start], '«' | '"' | '„' | '“') {
        start += 1;
    }
    while end > start && matches!(chars[end - 1], '»' | '"' | '”' | '“') {
        end -= 1;
    }
    if start == end {
        return (start, end);
    }
    let word: String = chars[start..end.min(start + 4)].iter().collect();
    if (word == "the " || word == "The ") && end - start > 4 {
        start += 4;
    }
    if language != "it"
        && end - start > 2
        && matches!(chars[end - 2], '\'' | '’')
        && chars[end - 1] == 's'
    {
        end -= 2;
    }
    (start, end)
}

/// A type the words around a mention prove, if any. The text is read in place: most
/// mentions have none of these words around them.
fn evidence_from_context(
    chars: &[char],
    start: usize,
    end: usize,
    spans: &[NamedSpan],
) -> Option<&'static str> {
    let before = &chars[start.saturating_sub(40)..start];
    let after = &chars[end..(end + 40).min(chars.len())];
    // The noun must touch the name: "agency Azertac", not "agency. Azertac".
    if before.last() == Some(&' ') && org_head_at_end(before) {
        return Some("ORG");
    }
    if matches!(after.first(), Some(' ' | '\u{a0}')) {
        let word = after
            .iter()
            .skip_while(|c| matches!(c, ' ' | '\u{a0}'))
            .take_while(|c| c.is_alphanumeric());
        if PLACE_HEADS_AFTER
            .iter()
            .any(|head| head.chars().eq(word.clone().copied()))
        {
            return Some("LOCATION");
        }
    }
    // The phrases are ASCII and at most 11 letters: the last 12 characters hold them.
    // The text's last letter lower-cased must close a phrase before the text is copied.
    let closes_phrase = |c: &char| {
        let last = c.to_lowercase().last();
        PLACE_HEADS_BEFORE.iter().any(|p| p.chars().last() == last)
    };
    if let Some((' ', rest)) = before.split_last()
        && rest.last().is_some_and(closes_phrase)
    {
        let tail: String = rest[rest.len().saturating_sub(12)..].iter().collect();
        let tail = tail.to_lowercase();
        if PLACE_HEADS_BEFORE
            .iter()
            .any(|phrase| tail.ends_with(phrase))
        {
            return Some("LOCATION");
        }
    }
    if let Some(phrase) = NOW_KNOWN_AS.iter().find(|p| starts_with(after, p)) {
        let from = end + phrase.chars().count();
        let later_place = spans.iter().any(|s| {
            s.start >= from && s.start <= from + 40 && entity_type(&s.label) == "LOCATION"
        });
        let rest: String = chars[from.min(chars.len())..(from + 60).min(chars.len())]
            .iter()
            .collect();
        let later_head = rest
            .split_whitespace()
            .take(6)
            .any(|w| PLACE_HEADS_AFTER.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
        if later_place || later_head {
            return Some("LOCATION");
        }
    }
    None
}

/// A person's name the model cut in two ("Андрій" LOCATION, "Садовий" PERSON): two mentions
/// a single space apart, one tagged PERSON, the other one capitalised word that is neither
/// an acronym nor a place the gazetteer knows, become one PERSON mention.
/// A Ukrainian person named again by the surname alone, in another case ("Рустемом Умєровим"
/// ... "Умєров написав"): a lone word that shares all but its own last two letters and the
/// surname's last three with a person's surname before it is that person, whatever the model
/// typed it.
fn surnames_named_again(candidates: &mut [Candidate]) {
    for i in 1..candidates.len() {
        let lone = &candidates[i];
        if lone.name.contains(' ')
            || entity_type(&lone.label) == "PERSON"
            || lone.evidence.is_some()
        {
            continue;
        }
        let word: Vec<char> = lone.name.chars().collect();
        let named_before = candidates[..i].iter().any(|c| {
            let person = c.evidence == Some("PERSON")
                || (c.evidence.is_none() && entity_type(&c.label) == "PERSON");
            let Some((_, surname)) = c.name.rsplit_once(' ') else {
                return false;
            };
            let surname: Vec<char> = surname.chars().collect();
            let shared = word
                .iter()
                .zip(&surname)
                .take_while(|(a, b)| a == b)
                .count();
            person && shared >= 4 && shared + 2 >= word.len() && shared + 3 >= surname.len()
        });
        if named_before {
            candidates[i].evidence = Some("PERSON");
        }
    }
}

fn join_split_names(chars: &[char], candidates: &mut Vec<Candidate>, language: &str) {
    candidates.sort_by_key(|c| c.start);
    let plain_word = |c: &Candidate| {
        !c.name.contains(' ')
            && c.name.starts_with(char::is_uppercase)
            && !c.name.chars().all(|ch| !ch.is_lowercase())
            && gazetteer::lookup(&c.name, language).is_none()
    };
    let mut i = 0;
    while i + 1 < candidates.len() {
        let (a, b) = (&candidates[i], &candidates[i + 1]);
        let adjacent = b.start == a.end + 1 && chars[a.end] == ' ';
        let person = |c: &Candidate| entity_type(&c.label) == "PERSON" && c.evidence != Some("ORG");
        let joins = adjacent
            && a.evidence.is_none()
            && b.evidence.is_none()
            && ((person(b) && plain_word(a)) || (person(a) && plain_word(b)));
        if joins {
            let (start, end) = (a.start, b.end);
            candidates[i] = Candidate {
                start,
                end,
                name: normalise(&chars[start..end].iter().collect::<String>()),
                label: "PERSON".into(),
                evidence: None,
            };
            candidates.remove(i + 1);
        }
        i += 1;
    }
}

/// Drops a mention inside a longer one: the place of a Portuguese body's name that the model
/// cut short and the name was extended over ("Câmara Municipal de [Setúbal]", "Sporting de
/// [Braga]"). One pass over the mentions sorted by start, the longest first.
fn without_nested(candidates: &mut Vec<Candidate>) {
    candidates.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut reach: Option<(usize, usize)> = None;
    candidates.retain(|c| match reach {
        Some((start, end)) if c.end <= end && (start, end) != (c.start, c.end) => false,
        Some((_, end)) if c.end <= end => true,
        _ => {
            reach = Some((c.start, c.end));
            true
        }
    });
}

/// The organisation phrases of the text (`slavic::organisation_phrases`) as ORG mentions and
/// its region phrases (`regions::region_phrases`, `romance::region_names`) as places, in place of the mentions inside
/// them (the phrase's first word, or its place, tagged alone). A phrase that a mention
/// crosses is left to the model.
fn add_organisation_phrases(
    chars: &[char],
    tag_from: usize,
    hyphenated_words: &[(usize, usize)],
    language: &str,
    candidates: &mut Vec<Candidate>,
) {
    // A quoted name replaces what the model tagged within its quotes ("«Повернись").
    let organisations = slavic::organisation_phrases(language, chars, tag_from, hyphenated_words)
        .into_iter()
        .map(|span| (span, span))
        .chain(slavic::quoted_names(language, chars, tag_from))
        .chain(
            slavic::lone_organisation_words(language, chars, tag_from)
                .into_iter()
                .chain(germanic::organisation_phrases(language, chars, tag_from))
                .map(|span| (span, span)),
        )
        .map(|spans| (spans, "ORG"));
    let regions = regions::region_phrases(language, chars, tag_from)
        .into_iter()
        .chain(romance::region_names(language, chars, tag_from))
        .map(|span| ((span, span), "LOC"));
    for (((start, end), (outer_start, outer_end)), label) in organisations.chain(regions) {
        let crossed = candidates.iter().any(|c| {
            c.start < outer_end
                && outer_start < c.end
                && (c.start < outer_start || c.end > outer_end)
        });
        if crossed {
            continue;
        }
        candidates.retain(|c| c.end <= outer_start || c.start >= outer_end);
        candidates.push(Candidate {
            start,
            end,
            name: chars[start..end].iter().collect(),
            label: label.into(),
            evidence: Some(entity_type(label)),
        });
    }
}

/// The code points of `len` that a candidate covers, for [`covered_by`].
fn coverage(candidates: &[Candidate], len: usize) -> Vec<bool> {
    let mut mask = vec![false; len];
    for c in candidates {
        mask[c.start.min(len)..c.end.min(len)].fill(true);
    }
    mask
}

/// Whether a candidate already overlaps start..end: what the passes that add missed names
/// ask before adding one, word by word. `mask` is the candidates' [`coverage`]: it answers in
/// the length of the range, not the number of candidates (an empty range, inside a candidate
/// or not, needs the candidates themselves).
fn covered_by<'a>(
    candidates: &'a [Candidate],
    mask: &'a [bool],
) -> impl Fn(usize, usize) -> bool + Copy + 'a {
    move |start: usize, end: usize| {
        if start < end {
            mask[start.min(mask.len())..end.min(mask.len())].contains(&true)
        } else {
            candidates.iter().any(|c| c.start < end && start < c.end)
        }
    }
}

/// Full names after a person's office or trade (`romance::names_after_person_nouns`) as
/// PERSON mentions, in place of what the model tagged inside them ("Maria do Rosário" as a
/// place and "Palma Ramalho"); a name that a mention crosses is left to the model.
fn add_people_after_person_nouns(
    chars: &[char],
    tag_from: usize,
    language: &str,
    candidates: &mut Vec<Candidate>,
) {
    for (start, end) in romance::names_after_person_nouns(language, chars, tag_from) {
        // A MISC span around the name ("El juez Santiago Pedraz") gives way to it.
        let overlaps = |c: &Candidate| c.start < end && start < c.end;
        let crossed = candidates.iter().any(|c| {
            overlaps(c) && (c.start < start || c.end > end) && entity_type(&c.label) != "MISC"
        });
        if crossed {
            continue;
        }
        candidates.retain(|c| !overlaps(c));
        let name: String = chars[start..end].iter().collect();
        candidates.push(Candidate {
            start,
            end,
            name: normalise(&name),
            label: "PER".into(),
            evidence: Some("PERSON"),
        });
    }
}

/// Marks PERSON mentions of gazetteer places ("Azerbaijan", the small town "Cochem") as
/// places, unless the document uses the name as a person's: as part of a longer PERSON name
/// ("Michael Jordan", "Paris Hilton") or after a title ("Mr Jordan"). Only PERSON is
/// overruled, but for a place right after a preposition of place ("w Warszawie", "al
/// Cairo"), where ORG is overruled too: ORG on a place name is mostly right (the club
/// "Barcelona"), and contextual evidence already found is kept.
fn add_gazetteer_evidence(chars: &[char], candidates: &mut [Candidate], language: &str) {
    let person_names: Vec<Vec<&str>> = candidates
        .iter()
        .filter(|c| entity_type(&c.label) == "PERSON" && c.name.contains(' '))
        .map(|c| c.name.split(' ').collect())
        .collect();
    let titled: HashSet<&str> = candidates
        .iter()
        .filter(|c| after_person_title(chars, c.start))
        .map(|c| c.name.as_str())
        .collect();
    let is_place: Vec<bool> = candidates
        .iter()
        .map(|c| {
            if c.evidence.is_none() && matches!(entity_type(&c.label), "PERSON" | "ORG") {
                let place = gazetteer::lookup_with_towns(&c.name, language);
                // A country tagged ORG by a model trained here ("Polska otrzyma", "gegen die
                // Ukraine") is the country; a national team, the exception, is rarer in news.
                let country = matches!(language, "pl" | "uk" | "de" | "it" | "nl" | "pt" | "tr")
                    && place.is_some_and(|p| p.kind == gazetteer::PlaceKind::Country);
                if place.is_some()
                    && (country
                        || places::after_place_preposition(language, chars, c.start)
                        || slavic::ukrainian_town_unquoted(language, chars, c.start, c.end)
                        || (language == "tr" && turkish::locative_after(chars, c.end)))
                {
                    return true;
                }
            }
            if entity_type(&c.label) != "PERSON"
                || c.evidence.is_some()
                || gazetteer::lookup_with_towns(&c.name, language).is_none()
                || titled.contains(c.name.as_str())
            {
                return false;
            }
            let words: Vec<&str> = c.name.split(' ').collect();
            !person_names.iter().any(|person| {
                person.len() > words.len() && person.windows(words.len()).any(|w| w == words)
            })
        })
        .collect();
    for (candidate, is_place) in candidates.iter_mut().zip(is_place) {
        if is_place {
            candidate.evidence = Some("LOCATION");
        }
    }
}

/// Italian and Spanish towns and regions the model typed as places or organisations, retyped
/// by the article before them (`romance::town_or_club`); evidence the context gave is kept.
fn towns_and_clubs(chars: &[char], candidates: &mut [Candidate], language: &str) {
    for c in candidates.iter_mut() {
        if c.evidence.is_some() || !matches!(entity_type(&c.label), "ORG" | "LOCATION") {
            continue;
        }
        if let Some(from) = romance::place_with_article(language, chars, c.start, &c.name) {
            c.start = from;
            c.name = normalise(&chars[from..c.end].iter().collect::<String>());
            c.evidence = Some("LOCATION");
        } else if let Some(place) = gazetteer::lookup(&c.name, language) {
            c.evidence = romance::town_or_club(language, chars, c.start, &c.name, place.kind);
        } else if language == "it"
            && entity_type(&c.label) == "ORG"
            && romance::small_town_after_preposition(chars, c.start, &c.name)
        {
            c.evidence = Some("LOCATION");
        }
    }
}

/// `end` without the lower-case words a model trained on few sentences ran into a name's end
/// ("PVV van", "Ukrainy przyjechał"): names of these languages end in a capitalised word.
fn without_trailing_lower_case(chars: &[char], start: usize, mut end: usize) -> usize {
    loop {
        let Some(space) = chars[start..end].iter().rposition(|c| c.is_whitespace()) else {
            return end;
        };
        let last = start + space + 1;
        if !chars.get(last).is_some_and(|c| c.is_lowercase()) {
            return end;
        }
        end = start + space;
        while end > start && chars[end - 1].is_whitespace() {
            end -= 1;
        }
    }
}

/// Whether the word before `start`, lower-cased, without a trailing full stop ("Mr. " →
/// "mr"), is one of `PERSON_TITLES`: compared in place, as most words are none.
fn after_person_title(chars: &[char], start: usize) -> bool {
    let mut before = &chars[start.saturating_sub(20)..start];
    while let Some((c, rest)) = before.split_last()
        && c.is_whitespace()
    {
        before = rest;
    }
    while let Some(('.', rest)) = before.split_last() {
        before = rest;
    }
    let word = &before[word_start(before, before.len(), char::is_alphanumeric)..];
    if word.iter().all(char::is_ascii) {
        return PERSON_TITLES.iter().any(|title| ascii_word_is(word, title));
    }
    PERSON_TITLES.contains(&word.iter().collect::<String>().to_lowercase().as_str())
}

/// Whether the ASCII `word` lower-cased is `lower`.
fn ascii_word_is(word: &[char], lower: &str) -> bool {
    word.len() == lower.len()
        && lower
            .bytes()
            .zip(word)
            .all(|(b, c)| c.to_ascii_lowercase() == char::from(b))
}

/// Whether the last word of `chars` is one of `ORG_HEADS`: an ASCII word (most are) is
/// compared in place, any other lower-cased whole by `lower_word_at_end`.
fn org_head_at_end(chars: &[char]) -> bool {
    let mut end = chars.len();
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    let word = &chars[word_start(chars, end, char::is_alphanumeric)..end];
    if word.iter().all(char::is_ascii) {
        return ORG_HEADS.iter().any(|head| ascii_word_is(word, head));
    }
    ORG_HEADS.contains(&lower_word_at_end(chars).as_str())
}

/// The last word of `chars` after any whitespace, lower-cased: the last run of alphanumeric
/// characters of the lower-cased text (a letter may lower-case into more than one).
fn lower_word_at_end(chars: &[char]) -> String {
    let mut end = chars.len();
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    let word: String = chars[word_start(chars, end, char::is_alphanumeric)..end]
        .iter()
        .collect::<String>()
        .to_lowercase();
    match word.rsplit_once(|c: char| !c.is_alphanumeric()) {
        Some((_, last)) => last.to_string(),
        None => word,
    }
}

/// Whether `chars` start with `prefix`.
fn starts_with(chars: &[char], prefix: &str) -> bool {
    let mut chars = chars.iter();
    prefix.chars().all(|c| chars.next() == Some(&c))
}

/// The word that ends one space before `start` (a run of characters `in_word` accepts),
/// lower-cased, with the position it begins at; None unless `start` follows a space.
fn word_before(
    chars: &[char],
    start: usize,
    in_word: impl Fn(char) -> bool,
) -> Option<(usize, String)> {
    let from = start_of_word_before(chars, start, in_word)?;
    let word = chars[from..start - 1]
        .iter()
        .flat_map(|c| c.to_lowercase())
        .collect();
    Some((from, word))
}

/// Where the word that ends one space before `start` begins (`word_before` without the
/// copy, for loops over every word); None unless `start` follows a space.
fn start_of_word_before(
    chars: &[char],
    start: usize,
    in_word: impl Fn(char) -> bool,
) -> Option<usize> {
    if start == 0 || chars[start - 1] != ' ' {
        return None;
    }
    Some(word_start(chars, start - 1, in_word))
}

/// The start of the run of characters `in_word` accepts that ends at `end`.
fn word_start(chars: &[char], end: usize, in_word: impl Fn(char) -> bool) -> usize {
    let mut from = end;
    while from > 0 && in_word(chars[from - 1]) {
        from -= 1;
    }
    from
}

/// The words of `chars` from `from` as (start, end) in code points: maximal runs of
/// characters `in_word` accepts.
fn word_spans(chars: &[char], from: usize, in_word: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, &c) in chars.iter().enumerate().skip(from) {
        match (in_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, chars.len()));
    }
    words
}

/// The words from `from` on, letters, digits and hyphens each ("Bielsko-Biała").
fn hyphenated_words(chars: &[char], from: usize) -> Vec<(usize, usize)> {
    word_spans(chars, from, |c| c.is_alphanumeric() || c == '-')
}

/// Places the model missed but the text names by their head noun: "Syunik province".
fn places_named_by_head(
    chars: &[char],
    words: &[(usize, usize)],
    known: &[Candidate],
) -> Vec<Candidate> {
    let mut found = Vec::new();
    for pair in words.windows(2) {
        let ((name_start, name_end), (head_start, head_end)) = (pair[0], pair[1]);
        let joined_by_space = head_start == name_end + 1 && chars[name_end] == ' ';
        let capitalised = chars[name_start].is_uppercase();
        // The head is only copied out for a capitalised word right before it.
        if !(joined_by_space && capitalised) {
            continue;
        }
        let head: String = chars[head_start..head_end].iter().collect();
        let overlaps = known
            .iter()
            .any(|k| k.start < name_end && name_start < k.end);
        if PLACE_HEADS_AFTER.contains(&head.as_str()) && !overlaps {
            found.push(Candidate {
                start: name_start,
                end: name_end,
                name: chars[name_start..name_end].iter().collect(),
                label: "LOC".into(),
                evidence: Some("LOCATION"),
            });
        }
    }
    found
}

/// The grouping key of a surface form: whitespace folded, typographic apostrophes plain.
fn normalise(name: &str) -> String {
    // Most names are already so: single spaces between words, no typographic apostrophe.
    let plain = !name.starts_with(' ')
        && !name.ends_with(' ')
        && !name.contains("  ")
        && !name.contains(|c: char| c == '’' || (c.is_whitespace() && c != ' '));
    if plain {
        return name.to_string();
    }
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, surface: &str, nth: usize, label: &str) -> NamedSpan {
        let byte = text
            .match_indices(surface)
            .nth(nth)
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("{surface} #{nth} in test text"));
        let start = text[..byte].chars().count();
        NamedSpan {
            start,
            end: start + surface.chars().count(),
            label: label.into(),
            text: surface.into(),
            normal: None,
        }
    }

    #[test]
    fn surnames_join_the_full_name_and_the_document_decides_the_type() {
        let text = "Jane Roe met Kenya officials. Roe said Kenya would sign. Kenya agreed.";
        let spans = vec![
            span(text, "Jane Roe", 0, "PERSON"),
            span(text, "Kenya", 0, "PERSON"),
            span(text, "Roe", 1, "PERSON"),
            span(text, "Kenya", 1, "GPE"),
            span(text, "Kenya", 2, "GPE"),
        ];
        let entities = group_entities(text, &spans, 0, "en");
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[0].name, "Jane Roe");
        assert_eq!(entities[0].mentions.len(), 2);
        assert_eq!(entities[1].name, "Kenya");
        assert_eq!(entities[1].kind, "LOCATION");
        assert_eq!(entities[1].labels, vec!["GPE", "PERSON"]);
    }

    #[test]
    fn appositions_and_head_nouns_correct_the_model() {
        let text =
            "The news agency Tass reported it; Tass said so. Fighting reached Donetsk oblast.";
        let spans = vec![
            span(text, "Tass", 0, "PERSON"),
            span(text, "Tass", 1, "PERSON"),
        ];
        let entities = group_entities(text, &spans, 0, "en");
        assert_eq!(entities[0].name, "Tass");
        assert_eq!(entities[0].kind, "ORG");
        assert_eq!(entities[1].name, "Donetsk");
        assert_eq!(entities[1].kind, "LOCATION");
    }

    #[test]
    fn the_gazetteer_makes_a_country_tagged_person_a_place() {
        let text = "Azerbaijan said on Monday that Georgia had agreed.";
        let spans = vec![
            span(text, "Azerbaijan", 0, "PERSON"),
            span(text, "Georgia", 0, "PERSON"),
        ];
        let entities = group_entities(text, &spans, 0, "en");
        assert_eq!(entities[0].name, "Azerbaijan");
        assert_eq!(entities[0].kind, "LOCATION");
        assert_eq!(entities[0].labels, vec!["PERSON"]);
        // Georgia the country or the US state: a place either way.
        assert_eq!(entities[1].kind, "LOCATION");
        let without = group_entities_without_gazetteer(text, &spans, 0, "en");
        assert_eq!(without[0].kind, "PERSON");
    }

    #[test]
    fn the_gazetteer_leaves_peoples_names_alone() {
        let text = "Michael Jordan met Paris Hilton. Jordan and Paris laughed. Mr. Chad left, \
                    and Barcelona won.";
        let spans = vec![
            span(text, "Michael Jordan", 0, "PERSON"),
            span(text, "Paris Hilton", 0, "PERSON"),
            span(text, "Jordan", 1, "PERSON"),
            span(text, "Paris", 1, "PERSON"),
            span(text, "Chad", 0, "PERSON"),
            span(text, "Barcelona", 0, "ORG"),
        ];
        let entities = group_entities(text, &spans, 0, "en");
        let kind = |name: &str| {
            entities
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.kind.as_str())
        };
        assert_eq!(kind("Michael Jordan"), Some("PERSON"));
        assert_eq!(kind("Jordan"), None, "joined Michael Jordan: {entities:?}");
        assert_eq!(kind("Paris Hilton"), Some("PERSON"));
        assert_eq!(kind("Paris"), Some("PERSON"));
        assert_eq!(kind("Chad"), Some("PERSON"));
        assert_eq!(kind("Barcelona"), Some("ORG"));
    }

    #[test]
    fn trailing_lower_case_words_leave_the_name() {
        let cut = |span: &str| {
            let chars: Vec<char> = span.chars().collect();
            chars[..without_trailing_lower_case(&chars, 0, chars.len())]
                .iter()
                .collect::<String>()
        };
        assert_eq!(cut("PVV van"), "PVV");
        assert_eq!(cut("Ukrainy przyjechał do"), "Ukrainy");
        assert_eq!(
            cut("Rijksinstituut voor Volksgezondheid en Milieu"),
            "Rijksinstituut voor Volksgezondheid en Milieu"
        );
        assert_eq!(cut("Den Haag"), "Den Haag");
        assert_eq!(cut("ASML"), "ASML");
    }

    #[test]
    fn slavic_names_split_by_the_model_are_joined_and_phrases_replace_pieces() {
        let text = "Міський голова Андрій Садовий прибув до Києва. Національний банк України \
                    залишив ставку.";
        let spans = vec![
            span(text, "Андрій", 0, "LOC"),
            span(text, "Садовий", 0, "PER"),
            span(text, "Києва", 0, "PER"),
            span(text, "Національний", 0, "ORG"),
            span(text, "України", 0, "LOC"),
        ];
        let entities = group_entities(text, &spans, 0, "uk");
        let found: Vec<(&str, &str)> = entities
            .iter()
            .map(|e| (e.name.as_str(), e.kind.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Андрій Садовий", "PERSON"),
                ("Києва", "LOCATION"),
                ("Національний банк України", "ORG"),
            ]
        );
        assert_eq!(entities[1].key.as_deref(), Some("geonames:703448"));
        // A known place next to a person stays apart ("Prezydent Ukrainy Wołodymyr Zełenski").
        let text = "Prezydent Ukrainy Wołodymyr Zełenski przyjechał.";
        let spans = vec![span(text, "Wołodymyr Zełenski", 0, "PER")];
        let entities = group_entities(text, &spans, 0, "pl");
        let found: Vec<(&str, &str)> = entities
            .iter()
            .map(|e| (e.name.as_str(), e.kind.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![("Ukrainy", "LOCATION"), ("Wołodymyr Zełenski", "PERSON")]
        );
    }

    #[test]
    fn determiners_descriptions_numbers_and_the_rubric_are_not_entities() {
        let text =
            "World\n\nThe Soviet Union fell; the USSR was gone. A Kazakh city had 38 people.";
        let spans = vec![
            span(text, "World", 0, "ORG"),
            span(text, "The Soviet Union", 0, "GPE"),
            span(text, "USSR", 0, "GPE"),
            span(text, "Kazakh city", 0, "GPE"),
            span(text, "38", 0, "CARDINAL"),
        ];
        let entities = group_entities(text, &spans, 7, "en");
        assert_eq!(entities.len(), 1, "{entities:?}");
        assert_eq!(entities[0].name, "Soviet Union");
        let surfaces: Vec<&str> = entities[0]
            .mentions
            .iter()
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(surfaces, vec!["Soviet Union", "USSR"]);
    }
}
