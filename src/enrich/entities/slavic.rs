//! Polish and Ukrainian organisation names built on a head noun: "Національний банк України",
//! "Спеціалізованою антикорупційною прокуратурою", "Верховна Рада", "Sąd Najwyższy", "Straż
//! Graniczna". A name of several words with such a head is an organisation, in whatever case
//! the sentence puts it. Ukrainian writes only the first word capitalised, so a model trained
//! on few sentences tags the first word alone: the phrase is read from the text.

use std::sync::LazyLock;

use super::gazetteer;
use super::names::is_first_name;
use super::spans::{Lexicon, capitalised, word_text};

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
            "церкв",
            "корпораці",
            "міністерств",
            "музе",
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
            "центр",
            "школ",
            "кабінет",
            "офіс",
            "парламент",
            "університет",
            "управлінн",
            "уряд",
            "федераці",
            "фонд",
        ],
        "pl" => &[
            "administracj",
            "agencj",
            "akademi",
            "bank",
            "biur",
            "dowództw",
            "dyrekcj",
            "fundacj",
            "inspekcj",
            "inspektorat",
            "instytut",
            "federacj",
            "fundusz",
            "gwardi",
            "kancelari",
            "kolej",
            "marynark",
            "muze",
            "ośrod",
            "policj",
            "politechnik",
            "służb",
            "szpital",
            "zakład",
            "zarząd",
            "żandarmeri",
            // A firm's designator, in English as Polish firms write it ("Mall Group").
            "group",
            "holding",
            "izb",
            "koalicj",
            "komend",
            "komisj",
            "komitet",
            "lini",
            "ministerstw",
            "parlament",
            "partii",
            "parti",
            "pogotowi",
            "prokuratur",
            "rad",
            "sąd",
            "sejm",
            "senat",
            "stowarzyszeni",
            "straż",
            "stronnictw",
            "trybunał",
            "uniwersytet",
            "urzęd",
            "urząd",
            "wojsk",
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

/// A Polish or Ukrainian adjective of a place ("Polskie", "Wojewódzki", "Харківська"), which
/// the gazetteer's declined forms may read as the place itself ("Polska").
pub(super) fn is_place_adjective(word: &str) -> bool {
    const ENDINGS: [&str; 16] = [
        "ski",
        "cki",
        "ska",
        "cka",
        "skie",
        "ckie",
        "skiego",
        "ckiego",
        "skiej",
        "ckiej",
        "skim",
        "ckim",
        "ська",
        "цька",
        "ський",
        "цький",
    ];
    let lower = word.to_lowercase();
    ENDINGS.iter().any(|ending| lower.ends_with(ending))
        || [
            "ską",
            "cką",
            "skich",
            "ckich",
            "ське",
            "цьке",
            "ської",
            "цької",
        ]
        .iter()
        .any(|ending| lower.ends_with(ending))
}

/// Each language's head stems, looked up by their first two letters (built once).
static HEAD_STEMS: LazyLock<[Lexicon; 2]> =
    LazyLock::new(|| ["uk", "pl"].map(|language| Lexicon::new(head_stems(language))));

pub(super) fn is_head(word: &str, language: &str) -> bool {
    let stems = match language {
        "uk" => &HEAD_STEMS[0],
        "pl" => &HEAD_STEMS[1],
        _ => return false,
    };
    let lowered = || word.chars().flat_map(char::to_lowercase);
    // Most words share their first two letters with no stem.
    let stems = stems.sharing_first_two(lowered());
    if stems.is_empty() {
        return false;
    }
    // Each stem read against the word lower-cased on the fly, up to its first difference.
    stems.iter().any(|stem| {
        let mut lower = lowered();
        let mut ending = 0;
        stem.iter().all(|&c| lower.next() == Some(c))
            && lower.all(|c| {
                ending += 1;
                ending <= MAX_ENDING && c.is_alphabetic()
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
/// An acronym that is no place ("НБУ", "CBOS"; not "США") is an organisation too, and so is a
/// Ukrainian name of several words ending in one ("Київської ОДА").
/// So is a Ukrainian compound of a state company's kind ("Укрзалізниця", "Ощадбанк",
/// "Нафтогаз", "Укренерго").
pub(super) fn organisation_evidence(language: &str, name: &str) -> Option<&'static str> {
    let mut words = name.split_whitespace();
    let several = words.clone().nth(1).is_some();
    // "Дніпропетровської ОВА", "Київської ОДА": a region's adjective and a body's acronym.
    let acronym_last = language == "uk" && several && words.clone().last().is_some_and(is_acronym);
    let headed = several && words.any(|w| is_head(w, language));
    ((headed
        || acronym_last
        || is_acronym(name)
        || is_company_compound(language, name)
        || is_seat_of_power(language, name))
        && gazetteer::lookup(name, language).is_none())
    .then_some("ORG")
}

/// The Russian presidency named by its seat, in any case ("У Кремлі заявили", "Кремль"): the
/// body that speaks, not the fortress.
/// So is a parliament the press names by its own word ("у Бундестазі", "Кнесет").
fn is_seat_of_power(language: &str, name: &str) -> bool {
    language == "uk"
        && [
            "Кремл",
            "Бундестаг",
            "Бундестаз",
            "Бундесрат",
            "Кнесет",
            "Європарламент",
        ]
        .iter()
        .any(|stem| {
            name.strip_prefix(stem).is_some_and(|rest| {
                rest.chars().count() <= 2 && rest.chars().all(char::is_alphabetic)
            })
        })
}

/// Acronyms that name no organisation: economic terms, weapons, kinds of plant, Russia's
/// short name.
const NOT_ORGANISATIONS: [&str; 24] = [
    "PKB", "VAT", "PIT", "CIT", "PLN", "USD", "EUR", "LNG", "OZE", "AGD", "RP", "ВВП", "ПДВ", "РФ",
    "ЗМІ", "ДТП", "ППО", "БПЛА", "РЕБ", "КАБ", "АЕС", "ТЕС", "ГЕС", "ТЕЦ",
];

/// A Polish economic or technical acronym the model may tag ("PKB", "VAT"): no name at all.
/// ("RP", the country's short name, is one.)
pub(super) fn is_polish_term(word: &str) -> bool {
    word != "RP" && word.is_ascii() && NOT_ORGANISATIONS.contains(&word)
}

/// An acronym: two to six letters, capitals but for at most one lower-case letter inside
/// ("НБУ", "CBOS", "PiS"), no Roman numeral ("XIV") and none of `NOT_ORGANISATIONS`.
pub(super) fn is_acronym(word: &str) -> bool {
    let count = word.chars().count();
    let lower = word.chars().filter(|c| c.is_lowercase()).count();
    (2..=6).contains(&count)
        && word.chars().all(char::is_alphabetic)
        && word.starts_with(char::is_uppercase)
        && word.ends_with(char::is_uppercase)
        && lower <= usize::from(count > 2)
        && !word.chars().all(|c| "IVXLCDM".contains(c))
        && !NOT_ORGANISATIONS.contains(&word)
}

/// A Ukrainian compound of a state company's kind ("Укрзалізниця", "Укроборонпрому",
/// "Ощадбанк", "Нафтогаз", "Укренерго"), its last part in any case and capitalised or not
/// ("ПриватБанку", "Нафтогазом"); "Україна" and its adjectives are none.
fn is_company_compound(language: &str, word: &str) -> bool {
    if language != "uk" || word.contains(' ') || word.chars().count() <= 6 {
        return false;
    }
    if (word.starts_with("Укр") && !word.starts_with("Украї")) || word.starts_with("Кабмін")
    {
        return true;
    }
    let lower = word.to_lowercase();
    ["банк", "газ", "енерго", "пошт"].iter().any(|part| {
        lower
            .rfind(part)
            .is_some_and(|at| at > 0 && lower[at + part.len()..].chars().count() <= 2)
    })
}

/// Acronyms and company compounds no mention covers ("Sondaż CBOS", "Posłowie PiS",
/// "Ексголові Укроборонпрому"): organisations wherever they stand, unless the gazetteer knows
/// them as places ("США"). (start, end) in code points.
pub(super) fn lone_organisation_words(
    language: &str,
    chars: &[char],
    tag_from: usize,
) -> Vec<(usize, usize)> {
    if !matches!(language, "pl" | "uk") {
        return Vec::new();
    }
    let words = super::word_spans(chars, tag_from, char::is_alphanumeric);
    let mut found: Vec<(usize, usize)> = words
        .iter()
        .copied()
        .filter(|&(s, e)| {
            // Capitals first: most words fail there without a look-up.
            if !chars[s].is_uppercase() {
                return false;
            }
            // Outside Ukrainian only an acronym of two to six letters, which ends in a
            // capital: no copy for the rest.
            if language != "uk" && (!(2..=6).contains(&(e - s)) || !chars[e - 1].is_uppercase()) {
                return false;
            }
            let word: String = chars[s..e].iter().collect();
            (is_acronym(&word) || is_company_compound(language, &word))
                && gazetteer::lookup(&word, language).is_none()
        })
        .collect();
    if language == "pl" {
        found.extend(polish_names_after_kind_nouns(chars, &words));
        found.extend(polish_parties(chars, &words));
        found.extend(polish_plural_bodies(chars, &words));
    }
    found
}

/// Stems of Polish parties and movements named by an ordinary noun ("Lewica", "z Lewicy",
/// "Konfederacja", "Solidarność"): capitalised, the noun names the organisation.
const PARTY_STEMS: [&str; 3] = ["lewic", "konfederacj", "solidarnoś"];

/// Polish parties named by an ordinary word, in any case: a capitalised word on
/// `PARTY_STEMS`, or "Razem" inside a sentence (at its start it is the adverb). An acronym
/// right before joins the name ("NSZZ Solidarność"). (start, end) in code points.
fn polish_parties(chars: &[char], words: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (i, &(s, e)) in words.iter().enumerate() {
        // Every stem and "razem" open with one of these letters: no copy for other words.
        if !capitalised(chars, (s, e))
            || !chars[s]
                .to_lowercase()
                .next()
                .is_some_and(|c| matches!(c, 'l' | 'k' | 's' | 'r'))
        {
            continue;
        }
        let lower = word_text(chars, (s, e)).to_lowercase();
        let party = PARTY_STEMS.iter().any(|stem| {
            lower
                .strip_prefix(stem)
                .is_some_and(|rest| rest.chars().count() <= 2)
        }) || (lower == "razem" && !at_sentence_start(chars, s));
        if !party {
            continue;
        }
        let start = match i.checked_sub(1).map(|j| words[j]) {
            Some((ps, pe))
                if pe + 1 == s && chars[pe] == ' ' && is_acronym(&word_text(chars, (ps, pe))) =>
            {
                ps
            }
            _ => s,
        };
        found.push((start, e));
    }
    found
}

/// Stems of plural nouns that, with a capitalised adjective after them, name a state body or
/// company ("Wody Polskie", "Lasów Państwowych", "Koleje Mazowieckie").
const PLURAL_BODY_STEMS: [&str; 7] = ["wod", "wód", "las", "kolej", "zakład", "stoczni", "kopalni"];

/// Endings of a Polish plural adjective in any case ("Polskie", "Państwowych", "Śląskim").
const PLURAL_ADJECTIVE_ENDINGS: [&str; 8] = ["ie", "we", "ne", "ich", "ych", "im", "ym", "mi"];

/// A capitalised plural noun of `PLURAL_BODY_STEMS` and a capitalised plural adjective after
/// it: a body named like a thing ("Wody Polskie ostrzegają", "Lasy Państwowe"), unless the
/// gazetteer knows the pair as a place. (start, end) in code points.
fn polish_plural_bodies(chars: &[char], words: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for pair in words.windows(2) {
        let ((s, e), (adjective_start, adjective_end)) = (pair[0], pair[1]);
        if !capitalised(chars, (s, e))
            || !capitalised(chars, (adjective_start, adjective_end))
            || adjective_start != e + 1
            || chars[e] != ' '
        {
            continue;
        }
        // Most capitalised words open with no stem's letter: no copy for them.
        let first = chars[s].to_lowercase().next();
        if !PLURAL_BODY_STEMS
            .iter()
            .any(|stem| stem.chars().next() == first)
        {
            continue;
        }
        let noun = word_text(chars, (s, e)).to_lowercase();
        let body_noun = PLURAL_BODY_STEMS.iter().any(|stem| {
            noun.strip_prefix(stem)
                .is_some_and(|rest| (1..=3).contains(&rest.chars().count()))
        });
        let adjective = word_text(chars, (adjective_start, adjective_end));
        if body_noun
            && PLURAL_ADJECTIVE_ENDINGS
                .iter()
                .any(|ending| adjective.ends_with(ending))
            && gazetteer::lookup(&word_text(chars, (s, adjective_end)), "pl").is_none()
        {
            found.push((s, adjective_end));
        }
    }
    found
}

/// Capitalised words right after a Polish noun of an organisation's kind ("koncern
/// Volkswagen", "spółki Allegro", "klubu Legia"): the organisation's name, up to a first name
/// or a lower-case word; none when its first word is a place the gazetteer knows or a first
/// name.
fn polish_names_after_kind_nouns(chars: &[char], words: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    // The word before, lower-cased into one buffer rather than a new string per word.
    let mut before = String::new();
    for (i, &(s, e)) in words.iter().enumerate() {
        if !capitalised(chars, (s, e)) {
            continue;
        }
        let Some(from) = super::start_of_word_before(chars, s, char::is_alphabetic) else {
            continue;
        };
        // A kind noun opens with a stem's first letter: most words before a capital do not.
        let first = chars[from].to_lowercase().next();
        if from + 1 >= s
            || !apposition_stems("pl")
                .iter()
                .any(|stem| stem.chars().next() == first)
        {
            continue;
        }
        before.clear();
        before.extend(chars[from..s - 1].iter().flat_map(|c| c.to_lowercase()));
        if !is_kind_noun("pl", &before) {
            continue;
        }
        let first = word_text(chars, (s, e));
        if super::names::is_inflected_first_name(&first, "pl")
            || gazetteer::lookup(&first, "pl").is_some()
        {
            continue;
        }
        let mut end = e;
        for &(next_start, next_end) in &words[i + 1..] {
            let word = word_text(chars, (next_start, next_end));
            if next_start != end + 1
                || chars[end] != ' '
                || !chars[next_start].is_uppercase()
                || super::names::is_inflected_first_name(&word, "pl")
            {
                break;
            }
            end = next_end;
        }
        found.push((s, end));
    }
    found
}

/// One lower-cased word that is a noun of an organisation's kind ("koncern", "spółki").
pub(super) fn is_kind_noun(language: &str, lower: &str) -> bool {
    apposition_stems(language).iter().any(|stem| {
        lower
            .strip_prefix(stem)
            .is_some_and(|rest| rest.chars().count() <= MAX_ENDING)
    })
}

/// Where a Polish or Ukrainian name starts once a noun of a trade or former office that the
/// model ran into its front is dropped: the sentence-opening word of a person's name of three
/// words or more when it is no first name, since names of two words are the rule
/// ("Astronauta Sławosz Uznański-Wiśniewski"), or a word of a former office ("Ексголові
/// Укроборонпрому"). `start` when there is none.
pub(super) fn after_opening_job_noun(
    language: &str,
    chars: &[char],
    (start, end): (usize, usize),
    person: bool,
) -> usize {
    if !matches!(language, "pl" | "uk") {
        return start;
    }
    let in_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'';
    // Read no further than one character past the name: a word crossing its end still ends
    // past it, and the scan stays the length of the name, not of the text.
    let words: Vec<(usize, usize)> =
        super::word_spans(&chars[..(end + 1).min(chars.len())], start, in_word)
            .into_iter()
            .take_while(|&(_, e)| e <= end)
            .take(3)
            .collect();
    let [first, second, ..] = words[..] else {
        return start;
    };
    let first_word = word_text(chars, first);
    let former_office =
        language == "uk" && first_word.starts_with("Екс") && first_word.chars().count() > 5;
    let trade = person
        && words.len() == 3
        && at_sentence_start(chars, start)
        && !first_word.contains('-')
        && !super::names::is_inflected_first_name(&first_word, language)
        && gazetteer::lookup(&first_word, language).is_none();
    if former_office || trade {
        second.0
    } else {
        start
    }
}

/// Endings of Polish nouns of a nationality or a town's people, in any case ("Amerykankę",
/// "Rosjanką", "Amerykanin", "Krakowianinem").
const POLISH_DEMONYM_ENDINGS: [&str; 9] = [
    "anka", "ankę", "anką", "anki", "ance", "anin", "anina", "aninem", "aninowi",
];

/// Where a Polish span starts after its first word when that word is a capitalised noun of a
/// nationality the gazetteer does not know as a place ("Amerykankę Jessicę Pegulę"): the next
/// word, or `end` when the noun is the whole span.
pub(super) fn after_polish_demonym(chars: &[char], start: usize, end: usize) -> Option<usize> {
    let first_end = chars[start..end]
        .iter()
        .position(|&c| c == ' ')
        .map_or(end, |at| start + at);
    if first_end - start <= 6 || !chars[start].is_uppercase() {
        return None;
    }
    let word: String = chars[start..first_end].iter().collect();
    let demonym = POLISH_DEMONYM_ENDINGS.iter().any(|e| word.ends_with(e))
        && gazetteer::lookup(&word, "pl").is_none()
        && !super::names::is_inflected_first_name(&word, "pl");
    demonym.then(|| (first_end + 1).min(end))
}

/// Endings of a Ukrainian surname of the adjective kind in any case ("Зеленському",
/// "Коцюбинського").
const SURNAME_ENDINGS: [&str; 8] = [
    "ський",
    "цький",
    "ського",
    "цького",
    "ському",
    "цькому",
    "ським",
    "цьким",
];

/// A lone Ukrainian word with a surname's adjective ending, no place the gazetteer knows and
/// no noun after it that it would qualify (a short word or punctuation follows): a person
/// ("доповів Зеленському про").
pub(super) fn ukrainian_lone_surname(
    language: &str,
    chars: &[char],
    end: usize,
    name: &str,
) -> Option<&'static str> {
    if language != "uk"
        || name.contains(' ')
        || !SURNAME_ENDINGS.iter().any(|ending| name.ends_with(ending))
        || gazetteer::lookup_with_towns(name, language).is_some()
    {
        return None;
    }
    let next: String = chars[end..]
        .iter()
        .skip_while(|c| **c == ' ')
        .take_while(|c| c.is_alphabetic())
        .collect();
    let followed_by_space = chars.get(end) == Some(&' ');
    (!followed_by_space || next.chars().count() <= 4).then_some("PERSON")
}

/// Prepositions that open Polish and Ukrainian sentences capitalised, which a model trained on
/// few sentences runs into the name after them ("Поблизу Куп'янська").
const OPENING_PREPOSITIONS: [&str; 34] = [
    "поблизу",
    "біля",
    "під",
    "над",
    "через",
    "після",
    "до",
    "від",
    "для",
    "без",
    "серед",
    "навколо",
    "неподалік",
    "у",
    "в",
    "на",
    "з",
    "із",
    "за",
    "при",
    "według",
    "obok",
    "koło",
    "pod",
    "nad",
    "przed",
    "po",
    "dla",
    "bez",
    "wśród",
    "podczas",
    "w",
    "we",
    "na",
];

/// Where a Polish or Ukrainian name in `start..end` starts: after the lower-case words the
/// model ran into its front ("premierem Donaldem Tuskiem", "przewodniczącym Rady Najwyższej
/// Ukrainy") and after a preposition opening the sentence ("Поблизу Куп'янська"); `start`
/// when no capitalised word follows them.
pub(super) fn name_start(language: &str, chars: &[char], start: usize, end: usize) -> usize {
    let words = super::word_spans(&chars[..end], start, |c| !c.is_whitespace());
    for (i, &(s, e)) in words.iter().enumerate() {
        if i + 1 == words.len() {
            break;
        }
        let lower = chars[s].is_lowercase();
        // Only a capitalised first word opening the sentence is read (and copied) further.
        let opening = || {
            if i > 0 || !at_sentence_start(chars, s) {
                return false;
            }
            let word: String = chars[s..e].iter().flat_map(|c| c.to_lowercase()).collect();
            OPENING_PREPOSITIONS.contains(&word.as_str())
                || opening_noun(language, &word, chars[e..].first())
                || ukrainian_opening_phrase(language, chars, &words)
                || ukrainian_people_plural(language, &word_text(chars, (s, e)))
        };
        if !lower && !opening() {
            return if i == 0 { start } else { s };
        }
    }
    // Every word lower-case but the last, or the name a preposition alone: the last word, if
    // capitalised (in Ukrainian also after its opening guillemet: "Енергетики «Укренерго").
    let quoted = |s: usize| {
        language == "uk" && chars[s] == '«' && chars.get(s + 1).is_some_and(|c| c.is_uppercase())
    };
    match words.last() {
        Some(&(s, _)) if words.len() > 1 && (chars[s].is_uppercase() || quoted(s)) => s,
        _ => start,
    }
}

/// A Ukrainian sentence that opens with a capitalised word and lower-case words before the
/// name ("Внаслідок обстрілу Запоріжжя", "Через обстріл Харкова"): the opening word is no
/// part of the name unless it is an adjective, an organisation's head or a first name
/// ("Державна податкова служба", "Служба безпеки України").
fn ukrainian_opening_phrase(language: &str, chars: &[char], words: &[(usize, usize)]) -> bool {
    let [first, second, .., last] = words else {
        return false;
    };
    let word = word_text(chars, *first);
    language == "uk"
        && chars[second.0].is_lowercase()
        && chars[last.0].is_uppercase()
        && !is_adjective(&word, language)
        && !is_head(&word, language)
        && !is_first_name(&word)
}

/// A Ukrainian plural noun of people that opens a sentence before a name ("Посли Франції",
/// "Енергетики «Укренерго»", "Археологи Інституту"): its endings, on a word that is no
/// organisation's head, first name or known place ("Чернівці").
fn ukrainian_people_plural(language: &str, word: &str) -> bool {
    const ENDINGS: [&str; 6] = ["ці", "ики", "ли", "оги", "ти", "ри"];
    language == "uk"
        && word.chars().count() >= 5
        && ENDINGS.iter().any(|ending| word.ends_with(ending))
        && !is_head(word, language)
        && !super::names::is_inflected_first_name(word, language)
        && gazetteer::lookup(word, language).is_none()
}

/// Nouns of the front that a place adjective describes ("напрямку", "ділянці").
const FRONT_NOUNS: [&str; 4] = ["напрям", "ділянц", "ділянк", "плацдарм"];

/// Plural nouns of regions: adjectives before them name several, none alone.
const PLURAL_REGION_NOUNS: [&str; 8] = [
    "областях",
    "областей",
    "областям",
    "областями",
    "районах",
    "районів",
    "районам",
    "районами",
];

/// A Ukrainian adjective alone before a noun of the front ("на Покровському напрямку") or
/// within three words of a plural region noun ("в Одеській та Миколаївській областях"): it
/// describes, it names nothing.
pub(super) fn ukrainian_adjective_alone(
    language: &str,
    chars: &[char],
    start: usize,
    end: usize,
) -> bool {
    if language != "uk" || chars.get(end) != Some(&' ') {
        return false;
    }
    let word: String = chars[start..end].iter().collect();
    let next: String = chars[end + 1..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let plural_regions = chars[end + 1..]
        .iter()
        .take(60)
        .collect::<String>()
        .split_whitespace()
        .take(3)
        .any(|w| PLURAL_REGION_NOUNS.contains(&w.trim_end_matches(|c: char| !c.is_alphabetic())));
    !word.contains(' ')
        && word.starts_with(char::is_uppercase)
        && is_adjective(&word, language)
        && (FRONT_NOUNS.iter().any(|noun| next.starts_with(noun))
            || (next.starts_with(char::is_lowercase) && plural_regions))
}

/// A Ukrainian region named by its own word that the model tagged: an oblast's informal name
/// ("Київщині", "Донеччини") or a land's collective name ("Закарпатті", "Приазов'я").
pub(super) fn region_evidence(language: &str, name: &str) -> Option<&'static str> {
    (language == "uk"
        && (super::regions::is_region_word(name, language)
            || super::regions::is_ukrainian_land(name)))
    .then_some("LOCATION")
}

/// A common noun that opens a sentence before a name: an organisation's kind that is no head
/// of its name ("Гурт", "Koncern", "Fabryka"; not "Agencja") or a Polish people's plural
/// ("Mieszkańcy"), lower-cased, not glued to the next word.
fn opening_noun(language: &str, lower: &str, after: Option<&char>) -> bool {
    if after != Some(&' ') || is_head(lower, language) {
        return false;
    }
    let kind = apposition_stems(language).iter().any(|stem| {
        lower
            .strip_prefix(stem)
            .is_some_and(|rest| rest.chars().count() <= MAX_ENDING)
    });
    let people = language == "pl"
        && ["cy", "owie", "iści", "yści"]
            .iter()
            .any(|ending| lower.ends_with(ending));
    kind || people
}

/// Nouns of settlements, rivers and ports that, right before a name, make it a place ("порту
/// Південний", "села Більськ", "w gminie Stronie", "rzeki Wisły").
const PLACE_NOUNS: [&str; 37] = [
    "місто",
    "міста",
    "місті",
    "містом",
    "село",
    "села",
    "селі",
    "селом",
    "селище",
    "селища",
    "селищі",
    "річка",
    "річки",
    "річці",
    "річку",
    "порт",
    "порту",
    "озеро",
    "озера",
    "miasto",
    "miasta",
    "mieście",
    "wieś",
    "wsi",
    "gmina",
    "gminy",
    "gminie",
    "rzeka",
    "rzeki",
    "rzece",
    "rzekę",
    "jezioro",
    "jeziora",
    "jeziorze",
    "port",
    "portu",
    "porcie",
];

/// The word right before `start` (a single space apart) is a noun of a settlement or river.
pub(super) fn place_noun_evidence(chars: &[char], start: usize) -> Option<&'static str> {
    let (_, word) = super::word_before(chars, start, char::is_alphabetic)?;
    PLACE_NOUNS.contains(&word.as_str()).then_some("LOCATION")
}

/// Polish people the model left out: a first name in the nominative and one capitalised
/// surname, with no capitalised word right before or after them ("Iga Świątek awansowała"),
/// neither word a place the gazetteer knows, the surname no acronym or organisation's head
/// noun. (start, end) in code points.
pub(super) fn people_missed(
    language: &str,
    chars: &[char],
    all: &[(usize, usize)],
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    if language != "pl" {
        return Vec::new();
    }
    let capital_at = |i: usize| all.get(i).is_some_and(|&w| chars[w.0].is_uppercase());
    let mut found = Vec::new();
    for i in 0..all.len().saturating_sub(1) {
        let (a, b) = (all[i], all[i + 1]);
        if !capital_at(i)
            || !capital_at(i + 1)
            || b.0 != a.1 + 1
            || chars[a.1] != ' '
            || (i > 0 && all[i - 1].1 + 1 == a.0 && capital_at(i - 1))
            || (all.get(i + 2).is_some_and(|c| c.0 == b.1 + 1) && capital_at(i + 2))
            || covered(a.0, b.1)
        {
            continue;
        }
        let (first, second) = (word_text(chars, a), word_text(chars, b));
        if is_first_name(&first)
            && !is_acronym(&second)
            && !is_head(&second, language)
            && gazetteer::lookup(&first, language).is_none()
            && gazetteer::lookup(&second, language).is_none()
        {
            found.push((a.0, b.1));
        }
    }
    found
}

/// Where a Ukrainian first name the model tagged alone ends with its surname ("Сергій" typed a
/// place in "Міський голова Сергій Моргунов подякував"): one capitalised word right after it
/// that no span covers and that is no acronym, organisation head noun or known place.
pub(super) fn ukrainian_surname_after(
    language: &str,
    chars: &[char],
    (start, end): (usize, usize),
    spans: &[super::NamedSpan],
) -> Option<usize> {
    if language != "uk" || chars.get(end) != Some(&' ') || chars[start..end].contains(&' ') {
        return None;
    }
    let next = end + 1;
    let stop = next
        + chars[next..]
            .iter()
            .take_while(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            .count();
    let surname = word_text(chars, (next, stop));
    let first = word_text(chars, (start, end));
    let taken = spans.iter().any(|s| s.start < stop && next < s.end);
    let fits = surname.starts_with(char::is_uppercase)
        && surname.chars().count() >= 3
        && !is_acronym(&surname)
        && !is_head(&surname, language)
        && !taken
        && super::names::is_inflected_first_name(&first, language)
        && gazetteer::lookup(&first, language).is_none()
        && gazetteer::lookup(&surname, language).is_none();
    fits.then_some(stop)
}

/// A weapon's or vehicle's model code ("F-16", "Су-34"): letters, a hyphen, digits.
pub(super) fn is_model_code(text: &str) -> bool {
    let Some((letters, digits)) = text.split_once('-') else {
        return false;
    };
    (1..=4).contains(&letters.chars().count())
        && letters.chars().all(char::is_alphabetic)
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
}

/// A one-word place the gazetteer knows, after a title and before a first name ("Kanclerz
/// Austrii Christian Stocker", "Burmistrz Kłodzka Michał Piszko"): the office's place, not the
/// person.
/// In Polish the title may be one of a town's or country's office ("prezydenta Sosnowca
/// Kazimierza Górskiego", "Prezydent Białegostoku Tadeusz Truskolaski"): the word between is
/// its place even where the gazetteer misses that declension.
pub(super) fn place_before_person(
    language: &str,
    name: &str,
    chars: &[char],
    (start, end): (usize, usize),
) -> bool {
    if name.contains(' ') || chars.get(end) != Some(&' ') {
        return false;
    }
    let next: String = chars[end + 1..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .collect();
    next.starts_with(char::is_uppercase)
        && super::names::is_inflected_first_name(&next, language)
        && (gazetteer::lookup(name, language).is_some()
            || (language == "pl" && after_polish_office_of_place(chars, start, name)))
}

/// Stems of Polish offices held over a town or a country, in any case ("prezydenta",
/// "burmistrzem", "wojewody").
const POLISH_OFFICES_OF_PLACES: [&str; 8] = [
    "prezydent",
    "premier",
    "burmistrz",
    "wójt",
    "starost",
    "wojewod",
    "kanclerz",
    "gubernator",
];

/// `name` at `start` follows a Polish office of a place and is no first name, surname of an
/// adjective's form, acronym or organisation's head ("Prezydent Białegostoku"; not "prezes
/// Orlenu", "Marszałek Sejmu", "Kanclerz Kowalski").
fn after_polish_office_of_place(chars: &[char], start: usize, name: &str) -> bool {
    let Some((_, word)) = super::word_before(chars, start, char::is_alphabetic) else {
        return false;
    };
    POLISH_OFFICES_OF_PLACES.iter().any(|stem| {
        word.strip_prefix(stem)
            .is_some_and(|rest| rest.chars().count() <= 3)
    }) && !super::names::is_inflected_first_name(name, "pl")
        && !is_place_adjective(name)
        && !is_acronym(name)
        && !is_head(name, "pl")
}

/// A club in a match report: in a sentence with a score ("2:1"), a name the model typed a
/// place that the gazetteer does not know ("Шахтар", "Динамо"), or a word and a town after it
/// ("Динамо Київ", "Raków Częstochowa"), is a club; not after a preposition of place, not a
/// first name and surname.
pub(super) fn club_evidence(
    language: &str,
    chars: &[char],
    (start, end): (usize, usize),
    name: &str,
    label: &str,
) -> Option<&'static str> {
    if !has_score(sentence_around(chars, start, end))
        || super::places::after_place_preposition(language, chars, start)
    {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let club = match words.as_slice() {
        [one] => {
            (label != "PERSON" || ukrainian_side_of_result(language, chars, start, end))
                && gazetteer::lookup(one, language).is_none()
        }
        [first, .., town] => {
            !super::names::is_inflected_first_name(first, language)
                && gazetteer::lookup(name, language).is_none()
                && (gazetteer::lookup(town, language).is_some()
                    // A Polish club named by a town's adjective ("Jastrzębskiego Węgla").
                    || (language == "pl" && is_place_adjective(first)))
        }
        [] => false,
    };
    club.then_some("ORG")
}

/// Past forms of Ukrainian verbs of a match's result ("переміг", "обіграли", "поступився").
const RESULT_VERBS: [&str; 7] = [
    "переміг",
    "перемогл",
    "обіграл",
    "обіграв",
    "розгроми",
    "здолал",
    "поступи",
];

/// A Ukrainian one-word name right before or after a verb of a match's result, in a sentence
/// with one score ("Шахтар переміг Динамо з рахунком 2:1"): a side of the match, a club even
/// where the model typed a person; not a first name, and not with a tennis match's scores of
/// several sets ("6:4, 6:3").
pub(super) fn ukrainian_side_of_result(
    language: &str,
    chars: &[char],
    start: usize,
    end: usize,
) -> bool {
    if language != "uk" || chars[start..end].contains(&' ') {
        return false;
    }
    let sentence = sentence_around(chars, start, end);
    let scores = sentence
        .windows(3)
        .filter(|w| w[0].is_ascii_digit() && w[1] == ':' && w[2].is_ascii_digit())
        .count();
    if scores != 1 {
        return false;
    }
    let is_result = |word: &str| RESULT_VERBS.iter().any(|verb| word.starts_with(verb));
    let after = super::names::next_word(chars, end).map(|w| word_text(chars, w));
    let before = super::word_before(chars, start, char::is_alphabetic).map(|(_, w)| w);
    (after.as_deref().is_some_and(is_result) || before.as_deref().is_some_and(is_result))
        && !super::names::is_inflected_first_name(&word_text(chars, (start, end)), language)
}

/// A one-word name right after a lower-case adjective of nationality or region ("z norweskim
/// Equinorem", "варшавську Легію"): a firm's or club's, not a person's (who is named with a
/// noun: "z amerykańskim prezydentem"); a place the gazetteer knows stays one.
pub(super) fn nationality_evidence(
    language: &str,
    chars: &[char],
    start: usize,
    name: &str,
) -> Option<&'static str> {
    if name.contains(' ') {
        return None;
    }
    let (_, word) = super::word_before(chars, start, char::is_alphabetic)?;
    let adjective = [
        "skim",
        "ckim",
        "skiego",
        "ckiego",
        "ską",
        "cką",
        "skiej",
        "ckiej",
        "ський",
        "цький",
        "ська",
        "цька",
        "ську",
        "цьку",
        "ським",
        "цьким",
        "ського",
        "цького",
        "ській",
        "цькій",
    ]
    .iter()
    .any(|ending| word.ends_with(ending));
    (adjective && chars[start].is_uppercase() && gazetteer::lookup(name, language).is_none())
        .then_some("ORG")
}

/// The sentence holding `start..end`, at most 300 characters either way.
fn sentence_around(chars: &[char], start: usize, end: usize) -> &[char] {
    let is_end = |c: &char| matches!(c, '.' | '!' | '?' | '\n');
    let from = chars[start.saturating_sub(300)..start]
        .iter()
        .rposition(is_end)
        .map_or(start.saturating_sub(300), |i| {
            start.saturating_sub(300) + i + 1
        });
    let to = chars[end..(end + 300).min(chars.len())]
        .iter()
        .position(is_end)
        .map_or((end + 300).min(chars.len()), |i| end + i);
    &chars[from..to]
}

/// A one-word Ukrainian name of a known place outside guillemets and match reports ("обстрілу
/// Нікополя"): the press quotes the clubs and firms named after a town ("«Олександрія»"), so
/// this is the town whatever the model typed.
pub(super) fn ukrainian_town_unquoted(
    language: &str,
    chars: &[char],
    start: usize,
    end: usize,
) -> bool {
    language == "uk"
        && !chars[start..end].contains(&' ')
        && (start == 0 || chars[start - 1] != '«')
        && chars.get(end) != Some(&'»')
        && !has_score(sentence_around(chars, start, end))
}

/// A match score: digits, a colon, digits ("2:1", "0:2").
fn has_score(sentence: &[char]) -> bool {
    sentence
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == ':' && w[2].is_ascii_digit())
}

/// One word after a title that is an organisation's head noun ("Marszałek Senatu", "голова
/// Верховної Ради" cut to its first word): the body, not a person.
pub(super) fn titled_organisation(language: &str, name: &str) -> bool {
    !name.contains(' ') && is_head(name, language) && !super::names::is_first_name(name)
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
            "місі",
            "оператор",
            "телеканал",
            "холдинг",
        ],
        "pl" => &[
            "agencj",
            "dziennik",
            "fabryk",
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

/// The word right before `start` (a single space apart) is an organisation noun; in Polish
/// not before a first name and surname, the firm's head ("Prezes koncernu Ireneusz Fąfara").
pub(super) fn apposition_evidence(
    language: &str,
    chars: &[char],
    start: usize,
) -> Option<&'static str> {
    let (_, word) = super::word_before(chars, start, |c| c.is_alphabetic() || c == '-')?;
    if !is_kind_noun(language, &word) {
        return None;
    }
    let first: String = chars[start..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let person = language == "pl"
        && chars.get(start + first.chars().count()) == Some(&' ')
        && super::names::is_inflected_first_name(&first, language);
    (!person).then_some("ORG")
}

/// A one-word Polish mention right after a capitalised first name no mention holds ("nad
/// Aryną Sabalenką", the surname typed a place): the start of the whole name, a person's.
pub(super) fn polish_first_name_before(chars: &[char], start: usize, end: usize) -> Option<usize> {
    // One word after a capitalised one, a space apart: most spans fail here, uncopied.
    if chars[start..end].contains(&' ') {
        return None;
    }
    let from = super::start_of_word_before(chars, start, char::is_alphabetic)?;
    if !chars[from].is_uppercase() {
        return None;
    }
    let name: String = chars[start..end].iter().collect();
    let before = word_text(chars, (from, start - 1));
    if !super::names::is_inflected_first_name(&before, "pl")
        || gazetteer::lookup(&name, "pl").is_some()
        || gazetteer::lookup(&before, "pl").is_some()
        || is_acronym(&name)
        || is_head(&name, "pl")
    {
        return None;
    }
    Some(from)
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

/// Lower-case Ukrainian words that end an organisation's name even in a genitive's shape:
/// times ("Верховна Рада минулого тижня") and adverbs.
const UKRAINIAN_PHRASE_STOPS: [&str; 27] = [
    "проти",
    "після",
    "щодо",
    "через",
    "серед",
    "навколо",
    "біля",
    "поблизу",
    "замість",
    "крім",
    "для",
    "без",
    "від",
    "минулого",
    "наступного",
    "цього",
    "того",
    "року",
    "тижня",
    "місяця",
    "дня",
    "вже",
    "ще",
    "також",
    "вчора",
    "сьогодні",
    "знову",
];

/// A lower-case Ukrainian word in the genitive that continues an organisation's name
/// ("охорони здоров'я", "економіки", "миру", "наук"); after a genitive plural adjective any
/// noun ("закордонних справ"). Verbs' endings ("заявила", "закликало", "ухвалили") end it.
fn continues_ukrainian_name(word: &str, after_plural_adjective: bool) -> bool {
    // Genitive plurals without a case ending of their own ("Академії наук", "Державного бюро
    // розслідувань").
    const GENITIVE_PLURALS: [&str; 6] = [
        "наук",
        "мистецтв",
        "розслідувань",
        "досліджень",
        "технологій",
        "інвестицій",
    ];
    if GENITIVE_PLURALS.contains(&word) {
        return true;
    }
    const GENITIVE: [&str; 13] = [
        "ого", "ої", "их", "ів", "ії", "ї", "у", "ю", "а", "я", "и", "і", "ей",
    ];
    const VERB: [&str; 8] = ["ла", "ло", "ли", "ся", "ть", "ме", "мо", "те"];
    word.chars().count() >= 3
        && word.starts_with(char::is_lowercase)
        && !UKRAINIAN_PHRASE_STOPS.contains(&word)
        && !VERB.iter().any(|ending| word.ends_with(ending))
        && (after_plural_adjective || GENITIVE.iter().any(|ending| word.ends_with(ending)))
}

/// Ukrainian organisation phrases in `chars` from `tag_from`: (start, end) in code points.
/// A phrase is a capitalised adjective, up to two lower-case adjectives, then a head noun
/// ("Міжнародний валютний фонд"), or a capitalised head noun alone ("Міністерство"); then up to
/// four lower-case words in the genitive ("Міністерство охорони здоров'я", "Державної служби з
/// надзвичайних ситуацій"), and a place in the genitive when the gazetteer knows it, or an
/// acronym and such a place ("Збройних сил України", "Інституту археології НАН України"). A
/// head noun alone needs the words after it.
pub(super) fn organisation_phrases(
    language: &str,
    chars: &[char],
    tag_from: usize,
    hyphenated_words: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    match language {
        "uk" => ukrainian_organisation_phrases(chars, tag_from),
        "pl" => polish_organisation_phrases(chars, hyphenated_words),
        _ => Vec::new(),
    }
}

fn ukrainian_organisation_phrases(chars: &[char], tag_from: usize) -> Vec<(usize, usize)> {
    let language = "uk";
    // Words as (start, end), split at anything but letters, digits, hyphens and apostrophes.
    let words = super::word_spans(chars, tag_from, |c| {
        c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | 'ʼ')
    });
    let text = |(s, e): (usize, usize)| -> String { chars[s..e].iter().collect() };
    let spaced = |a: (usize, usize), b: (usize, usize)| b.0 == a.1 + 1 && chars[a.1] == ' ';
    let known_place = |w: (usize, usize)| {
        let name = text(w);
        name.starts_with(char::is_uppercase) && gazetteer::lookup(&name, language).is_some()
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let first = text(words[i]);
        // A place in the genitive ("біля Херсона піднявся") has an adjective's ending too.
        if !first.starts_with(char::is_uppercase) || known_place(words[i]) {
            i += 1;
            continue;
        }
        let head_first = is_head(&first, language);
        // "Голова правління компанії": a title, with the adjective's ending of "голова".
        if (!head_first && !is_adjective(&first, language))
            || super::titles::is_title(language, &first)
        {
            i += 1;
            continue;
        }
        // Up to two lower-case adjectives, then the head.
        let mut j = i;
        if !head_first {
            j = i + 1;
            while j < words.len()
                && j <= i + 2
                && spaced(words[j - 1], words[j])
                && text(words[j]).starts_with(char::is_lowercase)
                && is_adjective(&text(words[j]), language)
                && !is_head(&text(words[j]), language)
            {
                j += 1;
            }
            let is_phrase = j < words.len()
                && spaced(words[j - 1], words[j])
                && is_head(&text(words[j]), language);
            if !is_phrase {
                i += 1;
                continue;
            }
        }
        let head = text(words[j]);
        // The genitive words after the head, then a place (or an acronym and a place).
        let mut last = j;
        let mut continued = 0;
        while continued < 4 {
            let Some(&next) = words.get(last + 1) else {
                break;
            };
            if !spaced(words[last], next) {
                break;
            }
            let word = text(next);
            let after_plural = text(words[last]).ends_with("их");
            // "з надзвичайних ситуацій": a preposition before a genitive plural adjective.
            let joined = word == "з"
                && words.get(last + 2).is_some_and(|&w| {
                    spaced(next, w)
                        && text(w).starts_with(char::is_lowercase)
                        && text(w).ends_with("их")
                });
            if joined {
                last += 2;
                continued += 2;
            } else if continues_ukrainian_name(&word, after_plural) {
                last += 1;
                continued += 1;
            } else {
                break;
            }
        }
        let mut place = false;
        if let Some(&next) = words.get(last + 1) {
            let name = text(next);
            let acronym = (2..=5).contains(&name.chars().count())
                && name.chars().all(|c| c.is_uppercase() && c.is_alphabetic());
            if spaced(words[last], next) && known_place(next) {
                last += 1;
                place = true;
            } else if spaced(words[last], next)
                && acronym
                && words
                    .get(last + 2)
                    .is_some_and(|&w| spaced(next, w) && known_place(w))
            {
                last += 2;
                place = true;
            }
        }
        // At a sentence's start a capitalised adjective is any adjective ("Новий банк
        // відкрили"): there the phrase needs more than adjective and noun.
        // A place's own adjective and noun ("Білої Церкви") are no organisation.
        if gazetteer::lookup(&text((words[i].0, words[last].1)), language).is_some() {
            i = last + 1;
            continue;
        }
        let opens_sentence = at_sentence_start(chars, words[i].0);
        let bare = !place && last == j;
        let short = opens_sentence && j == i + 1 && !head.starts_with(char::is_uppercase);
        if bare && (head_first || short) {
            i += 1;
            continue;
        }
        found.push((words[i].0, words[last].1));
        i = last + 1;
    }
    found
}

/// The word at `at` opens a sentence (or a quote).
pub(super) fn at_sentence_start(chars: &[char], at: usize) -> bool {
    super::spans::mark_before(chars, at).is_none_or(|c| matches!(c, '.' | '!' | '?' | '«' | '"'))
}

/// Polish organisation names capitalise every word ("Główny Inspektorat Ochrony Środowiska",
/// "Rządowej Agencji Rezerw Strategicznych"): a run of two or more capitalised words, joined
/// by single spaces or by "i" once the run has its head, with an organisation head noun among
/// them. A place the gazetteer knows or a title at the run's start is left out ("Białorusią
/// Straż Graniczna"), and the run ends before a first name ("Parlamentu Europejskiego Robertę
/// Metsolę").
fn polish_organisation_phrases(chars: &[char], words: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let language = "pl";
    let text = |(s, e): (usize, usize)| -> String { chars[s..e].iter().collect() };
    let spaced = |a: (usize, usize), b: (usize, usize)| b.0 == a.1 + 1 && chars[a.1] == ' ';
    let capital = |w: (usize, usize)| chars[w.0].is_uppercase();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !capital(words[i]) {
            i += 1;
            continue;
        }
        // The run from i: capitalised words, "i" inside once a head was seen.
        let mut run = vec![words[i]];
        let mut k = i + 1;
        while k < words.len() && spaced(words[k - 1], words[k]) {
            if capital(words[k]) {
                run.push(words[k]);
                k += 1;
            } else if chars[words[k].0..words[k].1] == ['i']
                && run.iter().any(|&w| is_head(&text(w), language))
                // A name ending in its adjective is whole: "PKO Bank Polski i Pekao" are two.
                && !run.last().is_some_and(|&w| is_place_adjective(&text(w)))
                && words
                    .get(k + 1)
                    .is_some_and(|&w| spaced(words[k], w) && capital(w))
            {
                run.push(words[k]);
                run.push(words[k + 1]);
                k += 2;
            } else {
                break;
            }
        }
        let next = k;
        // A phrase needs two words and a head noun: other runs (most are people's names)
        // need no look-ups.
        if run.len() < 2 || !run.iter().any(|&w| is_head(&text(w), language)) {
            i = next.max(i + 1);
            continue;
        }
        // Titles and known places at the start leave; a first name ends the run.
        let mut from = 0;
        while from < run.len() {
            let word = text(run[from]);
            let title =
                super::titles::after_leading_title(language, chars, run[from].0, run[from].1)
                    .is_some();
            // A capitalised preposition or adverb opening the sentence ("W Sądzie", "Według").
            let opener = from == 0
                && at_sentence_start(chars, run[0].0)
                && !is_head(&word, language)
                && !is_adjective(&word, language)
                && !is_acronym(&word);
            // A people's plural or an organisation's kind opening it ("Politycy Koalicji").
            let noun = from == 0
                && at_sentence_start(chars, run[0].0)
                && opening_noun(language, &word.to_lowercase(), Some(&' '));
            let place = !is_place_adjective(&word) && gazetteer::lookup(&word, language).is_some();
            if title || opener || noun || place {
                from += 1;
            } else {
                break;
            }
        }
        let to = (from..run.len())
            .find(|&w| {
                let word = text(run[w]);
                !is_head(&word, language) && super::names::is_inflected_first_name(&word, language)
            })
            .unwrap_or(run.len());
        let mut name = run.get(from..to).unwrap_or_default().to_vec();
        while name.last().is_some_and(|&w| text(w) == "i") {
            name.pop();
        }
        let headed = name.iter().any(|&w| is_head(&text(w), language));
        if name.len() >= 2 && headed {
            found.push((name[0].0, name[name.len() - 1].1));
        }
        i = next.max(i + 1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(language: &str, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let words = super::super::hyphenated_words(&chars, 0);
        organisation_phrases(language, &chars, 0, &words)
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
    fn organisation_names_run_on_through_genitive_words() {
        assert_eq!(
            phrases(
                "uk",
                "Міністерство охорони здоров'я закликало людей. Рятувальники Державної служби з надзвичайних ситуацій прибули."
            ),
            vec![
                "Міністерство охорони здоров'я",
                "Державної служби з надзвичайних ситуацій"
            ]
        );
        // A verb, a preposition and a time end the name; a head noun alone is none.
        assert_eq!(
            phrases("uk", "санкцій Європейського Союзу проти Росії"),
            vec!["Європейського Союзу"]
        );
        assert_eq!(
            phrases("uk", "Верховна Рада минулого тижня ухвалила"),
            vec!["Верховна Рада"]
        );
        assert!(phrases("uk", "Рада ухвалила закон.").is_empty());
    }

    #[test]
    fn polish_capitalised_runs_with_a_head_are_organisations() {
        assert_eq!(
            phrases(
                "pl",
                "Główny Inspektorat Ochrony Środowiska pobrał próbki, a Polskie Linie Lotnicze LOT latają."
            ),
            vec![
                "Główny Inspektorat Ochrony Środowiska",
                "Polskie Linie Lotnicze LOT"
            ]
        );
        // A place and a title leave the run, a first name ends it, a preposition opening the
        // sentence is no part of it; no head, no organisation.
        assert_eq!(
            phrases("pl", "z Białorusią Straż Graniczna zatrzymała"),
            vec!["Straż Graniczna"]
        );
        assert_eq!(
            phrases(
                "pl",
                "przewodniczącą Parlamentu Europejskiego Robertę Metsolę."
            ),
            vec!["Parlamentu Europejskiego"]
        );
        assert_eq!(
            phrases("pl", "W Sądzie Najwyższym orzekli."),
            vec!["Sądzie Najwyższym"]
        );
        assert!(phrases("pl", "Bliskiego Wschodu i Donald Tusk").is_empty());
        assert_eq!(
            phrases("pl", "Koalicji Obywatelskiej i Donald Tusk"),
            vec!["Koalicji Obywatelskiej"]
        );
        assert_eq!(
            phrases("pl", "Politycy Koalicji Obywatelskiej zapowiedzieli"),
            vec!["Koalicji Obywatelskiej"]
        );
        // An acronym opening the sentence is the name's; a name ending in its adjective is
        // whole before "i".
        assert_eq!(
            phrases("pl", "PKO Bank Polski i Pekao obniżyły marże."),
            vec!["PKO Bank Polski"]
        );
        assert_eq!(
            phrases("pl", "Instytut Meteorologii i Gospodarki Wodnej ostrzega."),
            vec!["Instytut Meteorologii i Gospodarki Wodnej"]
        );
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
    fn first_name_and_surname_the_model_left_out() {
        let text: Vec<char> = "Iga Świątek wygrała, a Prezes Anna Nowak Kowalska nie."
            .chars()
            .collect();
        let words = super::super::hyphenated_words(&text, 0);
        let found: Vec<String> = people_missed("pl", &text, &words, |_, _| false)
            .iter()
            .map(|&(s, e)| text[s..e].iter().collect())
            .collect();
        assert_eq!(found, ["Iga Świątek"]);
        assert!(people_missed("pl", &text, &words, |s, _| s == 0).is_empty());
        assert!(people_missed("uk", &text, &words, |_, _| false).is_empty());
    }

    #[test]
    fn acronyms_and_compounds_are_organisations_untagged() {
        let text: Vec<char> = "Sondaż CBOS i PiS. PKB, XIV, США, ЄС і Укроборонпрому, Україні."
            .chars()
            .collect();
        let words = |language| -> Vec<String> {
            lone_organisation_words(language, &text, 0)
                .iter()
                .map(|&(s, e)| text[s..e].iter().collect())
                .collect()
        };
        assert_eq!(words("pl"), vec!["CBOS", "PiS", "ЄС"]);
        assert_eq!(words("uk"), vec!["CBOS", "PiS", "ЄС", "Укроборонпрому"]);
        assert!(words("de").is_empty());
        assert!(!is_acronym("Pis") && !is_acronym("A") && !is_acronym("PKB"));
    }

    #[test]
    fn names_start_after_lower_case_words_and_sentence_openers() {
        let start = |language: &str, text: &str| -> String {
            let chars: Vec<char> = text.chars().collect();
            let from = name_start(language, &chars, 0, chars.len());
            chars[from..].iter().collect()
        };
        assert_eq!(
            start("pl", "premierem Donaldem Tuskiem"),
            "Donaldem Tuskiem"
        );
        assert_eq!(start("uk", "Поблизу Куп'янська"), "Куп'янська");
        assert_eq!(start("uk", "Гурт Kalush"), "Kalush");
        assert_eq!(start("pl", "Mieszkańcy Tarnobrzega"), "Tarnobrzega");
        // An organisation's own head, a first name, all lower case: unchanged.
        assert_eq!(start("pl", "Agencja Uzbrojenia"), "Agencja Uzbrojenia");
        assert_eq!(start("pl", "Donald Tusk"), "Donald Tusk");
        assert_eq!(start("pl", "dostawy gazu"), "dostawy gazu");
        // Inside a sentence a capitalised preposition is no opener.
        let chars: Vec<char> = "i Koło Naukowe".chars().collect();
        assert_eq!(name_start("pl", &chars, 2, chars.len()), 2);
        // A Ukrainian opening word before lower-case words, unless adjective, head or name.
        assert_eq!(start("uk", "Внаслідок обстрілу Запоріжжя"), "Запоріжжя");
        assert_eq!(start("uk", "Через обстріл Харкова"), "Харкова");
        assert_eq!(
            start("uk", "Служба безпеки України"),
            "Служба безпеки України"
        );
        assert_eq!(
            start("uk", "Державна податкова служба України"),
            "Державна податкова служба України"
        );
        assert_eq!(
            start("uk", "Офіс президента України"),
            "Офіс президента України"
        );
        // A plural noun of people opening the sentence, before a quoted name too.
        assert_eq!(start("uk", "Посли Франції"), "Франції");
        assert_eq!(start("uk", "Енергетики «Укренерго"), "«Укренерго");
        assert_eq!(start("uk", "Місія МАГАТЕ"), "МАГАТЕ");
        // Not an organisation's head, nor a town.
        assert_eq!(start("uk", "Сили оборони України"), "Сили оборони України");
        assert_eq!(start("uk", "Чернівці Буковини"), "Чернівці Буковини");
    }

    #[test]
    fn ukrainian_seats_towns_and_surnames() {
        assert_eq!(organisation_evidence("uk", "Кремлі"), Some("ORG"));
        assert_eq!(organisation_evidence("uk", "Кремлівський"), None);
        let text: Vec<char> = "внаслідок обстрілу Нікополя. Гравці «Олександрії» 1:0."
            .chars()
            .collect();
        assert!(ukrainian_town_unquoted("uk", &text, 19, 27));
        assert!(!ukrainian_town_unquoted("uk", &text, 37, 48));
        let text: Vec<char> = "Міський голова Сергій Моргунов подякував".chars().collect();
        assert_eq!(
            ukrainian_surname_after("uk", &text, (15, 21), &[]),
            Some(30)
        );
        let text: Vec<char> = "голова Сергій подякував".chars().collect();
        assert_eq!(ukrainian_surname_after("uk", &text, (7, 13), &[]), None);
    }

    #[test]
    fn ukrainian_adjectives_of_the_front_and_lands() {
        let alone = |text: &str, word: &str| {
            let chars: Vec<char> = text.chars().collect();
            let start = text.find(word).map(|b| text[..b].chars().count()).unwrap();
            ukrainian_adjective_alone("uk", &chars, start, start + word.chars().count())
        };
        assert!(alone("на Покровському напрямку", "Покровському"));
        assert!(!alone("подякував Зеленському за підтримку", "Зеленському"));
        assert!(alone("в Одеській та Миколаївській областях", "Одеській"));
        assert!(alone(
            "в Одеській та Миколаївській областях",
            "Миколаївській"
        ));
        assert_eq!(region_evidence("uk", "Закарпатті"), Some("LOCATION"));
        assert_eq!(region_evidence("uk", "Приазов'я"), Some("LOCATION"));
        assert_eq!(region_evidence("uk", "Донеччині"), Some("LOCATION"));
        assert_eq!(region_evidence("uk", "Ілля"), None);
    }

    #[test]
    fn clubs_in_match_reports() {
        let text: Vec<char> = "Шахтар переміг Динамо з рахунком 2:1 у Львові."
            .chars()
            .collect();
        let club = |from: usize, to: usize, label: &str| {
            let name: String = text[from..to].iter().collect();
            club_evidence("uk", &text, (from, to), &name, label)
        };
        assert_eq!(club(15, 21, "LOCATION"), Some("ORG"));
        // Next to a verb of the result even a name typed a person is a side of the match.
        assert_eq!(club(15, 21, "PERSON"), Some("ORG"));
        assert_eq!(club(0, 6, "PERSON"), Some("ORG"));
        let text: Vec<char> = "Гол забив Ванат, матч завершився 2:1.".chars().collect();
        assert_eq!(
            club_evidence("uk", &text, (10, 15), "Ванат", "PERSON"),
            None
        );
        let text: Vec<char> = "Світоліна перемогла Гофф 6:4, 6:3.".chars().collect();
        assert!(!ukrainian_side_of_result("uk", &text, 20, 24));
        // A town after a preposition stays one.
        assert_eq!(club(39, 45, "LOCATION"), None);
        let text: Vec<char> = "Raków Częstochowa pokonał Górnika 3:1.".chars().collect();
        let name: String = text[0..17].iter().collect();
        assert_eq!(
            club_evidence("pl", &text, (0, 17), &name, "LOCATION"),
            Some("ORG")
        );
        let text: Vec<char> = "Динамо відкрило сезон.".chars().collect();
        assert_eq!(
            club_evidence("uk", &text, (0, 6), "Динамо", "LOCATION"),
            None
        );
        assert!(is_model_code("F-16") && is_model_code("Су-34") && !is_model_code("Bielsko-Biała"));
    }

    #[test]
    fn a_one_word_name_after_an_adjective_of_nationality_is_a_firm() {
        let text: Vec<char> = "z norweskim Equinorem i polskim Krakowem".chars().collect();
        assert_eq!(
            nationality_evidence("pl", &text, 12, "Equinorem"),
            Some("ORG")
        );
        assert_eq!(nationality_evidence("pl", &text, 32, "Krakowem"), None);
        assert_eq!(nationality_evidence("pl", &text, 2, "norweskim"), None);
    }

    #[test]
    fn a_place_before_a_first_name_is_the_office_s_place() {
        let text: Vec<char> = "Kanclerz Austrii Christian Stocker".chars().collect();
        assert!(place_before_person("pl", "Austrii", &text, (9, 16)));
        assert!(!place_before_person("pl", "Austrii", &text[..16], (9, 16)));
        let text: Vec<char> = "Kanclerz Kowalski Christian".chars().collect();
        assert!(!place_before_person("pl", "Kowalski", &text, (9, 17)));
        let text: Vec<char> = "порту Південний".chars().collect();
        assert_eq!(place_noun_evidence(&text, 6), Some("LOCATION"));
        assert_eq!(place_noun_evidence(&text, 0), None);
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
        assert_eq!(organisation_evidence("pl", "Mall Group"), Some("ORG"));
        assert_eq!(organisation_evidence("uk", "Укрзалізниця"), Some("ORG"));
        assert_eq!(organisation_evidence("uk", "Ощадбанк"), Some("ORG"));
        assert_eq!(organisation_evidence("uk", "Ужгород"), None);
        assert!(titled_organisation("pl", "Senatu"));
        assert!(!titled_organisation("pl", "Kowalskiego"));
        assert_eq!(organisation_evidence("pl", "Sąd"), None);
        assert_eq!(organisation_evidence("de", "Sąd Najwyższy"), None);
        assert!(phrases("pl", "Naczelny sąd orzekł.").is_empty());
    }

    #[test]
    fn polish_offices_kind_nouns_and_split_surnames() {
        let at = |text: &str, word: &str| {
            let chars: Vec<char> = text.chars().collect();
            let start = text[..text.find(word).unwrap()].chars().count();
            (chars, start, start + word.chars().count())
        };
        // The place of a town's office, whatever the gazetteer knows of its declension; not a
        // firm after its head's title.
        let (chars, start, end) = at("Prezydent Białegostoku Tadeusz Truskolaski", "Białegostoku");
        assert!(place_before_person(
            "pl",
            "Białegostoku",
            &chars,
            (start, end)
        ));
        let (chars, start, end) = at("Prezes Orlenu Ireneusz Fąfara", "Orlenu");
        assert!(!place_before_person("pl", "Orlenu", &chars, (start, end)));
        // A name after a kind noun, not a person after it.
        let lone = |text: &str| -> Vec<String> {
            let chars: Vec<char> = text.chars().collect();
            lone_organisation_words("pl", &chars, 0)
                .iter()
                .map(|&(s, e)| chars[s..e].iter().collect())
                .collect()
        };
        assert_eq!(
            lone("Koncern Volkswagen zamyka fabrykę."),
            vec!["Volkswagen"]
        );
        assert!(lone("Prezes koncernu Ireneusz Fąfara mówi.").is_empty());
        let (chars, start, _) = at("Prezes koncernu Ireneusz Fąfara", "Ireneusz");
        assert_eq!(apposition_evidence("pl", &chars, start), None);
        // A surname the model typed a place joins its first name.
        let (chars, start, end) = at("po zwycięstwie nad Aryną Sabalenką.", "Sabalenką");
        assert_eq!(
            polish_first_name_before(&chars, start, end),
            Some(start - 6)
        );
        let (chars, start, end) = at("w Nowej Soli", "Soli");
        assert_eq!(polish_first_name_before(&chars, start, end), None);
        assert!(is_polish_term("PKB") && !is_polish_term("RP") && !is_polish_term("ВВП"));
    }
}
