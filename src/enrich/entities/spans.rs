//! Span edges the trained models get wrong in ways the text itself shows, fixed before the
//! mentions are typed: a place in the genitive run into the person after it ("Niemiec
//! Friedrich Merz", "Франції Емманюель Макрон"), a Polish or Ukrainian name run on into the
//! verb after it ("Дональд Туск заявив у Варшаві"), a Spanish article at a sentence's start
//! ("La Fiscalía"), and lone sentence-initial words of Polish and Ukrainian that are no names
//! ("Він", "Українські", "Начальник").

use super::NamedSpan;
use super::gazetteer;
use super::names::is_first_name;

/// Lower-case particles inside people's names ("Ursula von der Leyen", "Michele de Pascale").
const NAME_PARTICLES: [&str; 16] = [
    "von", "van", "der", "den", "de", "da", "di", "del", "du", "dos", "la", "le", "фон", "дер",
    "ван", "де",
];

/// Conjunctions between two places the model took as one ("Kempten und Lindau").
const AND: [&str; 9] = ["und", "e", "y", "i", "та", "і", "й", "en", "et"];

/// Pronouns and adverbs that open Polish and Ukrainian sentences capitalised.
const SENTENCE_OPENERS: [&str; 33] = [
    "він",
    "ним",
    "йому",
    "його",
    "їй",
    "її",
    "їм",
    "ними",
    "jemu",
    "jego",
    "jej",
    "nim",
    "вона",
    "воно",
    "вони",
    "це",
    "цей",
    "ця",
    "ці",
    "разом",
    "також",
    "проте",
    "однак",
    "on",
    "ona",
    "ono",
    "oni",
    "one",
    "to",
    "razem",
    "jednak",
    "także",
    "również",
];

/// Endings of Ukrainian and Polish adjectives in the nominative, which no one-word name has
/// ("Українські", "Переможний", "Polscy").
fn adjective_endings(language: &str) -> &'static [&'static str] {
    match language {
        "uk" => &[
            "ий", "ій", "ські", "цькі", "ні", "ого", "ої", "ому", "ими", "ське", "цьке",
        ],
        "pl" => &[
            "scy", "ccy", "skie", "ckie", "owy", "owe", "owi", "nych", "ego",
        ],
        _ => &[],
    }
}

/// A Ukrainian feminine adjective ("Українська", "Наступною"), which a lone name that is no
/// person's or place's ("Україною") does not end like (a woman's surname does: "Ковальська").
fn ukrainian_feminine_adjective(language: &str, lower: &str) -> bool {
    language == "uk"
        && lower.chars().count() > 5
        && ["ська", "цька", "зька", "ною"]
            .iter()
            .any(|ending| lower.ends_with(ending))
}

pub(super) fn is_person(span: &NamedSpan) -> bool {
    matches!(span.label.as_str(), "PERSON" | "PER")
}

/// The words of `chars[start..end]` split at spaces: (start, end) each.
pub(super) fn words(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    word_iter(chars, start, end).collect()
}

/// `words` one by one, for the checks that need no more than a count or the first few.
fn word_iter(chars: &[char], start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> {
    let chars = &chars[..end];
    let mut at = start;
    std::iter::from_fn(move || {
        while at < end && chars[at] == ' ' {
            at += 1;
        }
        if at >= end {
            return None;
        }
        let from = at;
        while at < end && chars[at] != ' ' {
            at += 1;
        }
        Some((from, at))
    })
}

/// Lower-case words (or stems) sorted as characters, so that a word is compared with only the
/// few that share its first two letters, found by binary search, and is lower-cased whole only
/// then. Every entry has two letters or more. The first two letters of each entry are kept
/// beside the entries, in one block, so that the search reads no entry's own memory.
pub(super) struct Lexicon {
    entries: Vec<Vec<char>>,
    firsts: Vec<[char; 2]>,
}

impl Lexicon {
    pub(super) fn new(words: &[&str]) -> Self {
        let mut entries: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
        debug_assert!(entries.iter().all(|e| e.len() >= 2));
        entries.sort_unstable();
        let firsts = entries.iter().map(|e| [e[0], e[1]]).collect();
        Self { entries, firsts }
    }

    /// The entries whose first two letters are those of `lower` (a word lower-cased, read
    /// lazily); none for a word of fewer letters.
    pub(super) fn sharing_first_two(&self, mut lower: impl Iterator<Item = char>) -> &[Vec<char>] {
        let (Some(a), Some(b)) = (lower.next(), lower.next()) else {
            return &[];
        };
        let prefix = [a, b];
        let from = self.firsts.partition_point(|f| *f < prefix);
        let to = from + self.firsts[from..].partition_point(|f| *f == prefix);
        &self.entries[from..to]
    }
}

pub(super) fn capitalised(chars: &[char], (start, _): (usize, usize)) -> bool {
    chars[start].is_uppercase()
}

pub(super) fn word_text(chars: &[char], (start, end): (usize, usize)) -> String {
    chars[start..end].iter().collect()
}

/// `spans` with their edges fixed; a span may become two (place, person) or none.
pub(super) fn fix_edges(language: &str, chars: &[char], spans: &[NamedSpan]) -> Vec<NamedSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        if span.end > chars.len() || span.start >= span.end {
            out.push(span.clone());
            continue;
        }
        let original = span;
        let mut span = span.clone();
        if matches!(language, "pl" | "uk") {
            // The hyphenated half a span before took in ("ZAKSĘ Kędzierzyn" + "-Koźle").
            if out
                .last()
                .is_some_and(|p: &NamedSpan| p.start <= span.start && span.end <= p.end)
            {
                continue;
            }
            span.end =
                without_trailing_marks(chars, span.start, with_double_surname(chars, span.end));
            span.start = after_plural_subject(language, chars, span.start, span.end);
            span.start = super::slavic::name_start(language, chars, span.start, span.end);
            span.end = super::without_trailing_lower_case(chars, span.start, span.end);
            if language == "pl"
                && let Some(from) = super::slavic::after_polish_demonym(chars, span.start, span.end)
            {
                // "z Rosjanką Mirrą Andriejewą": the nationality is no name; the two words
                // after it are the person.
                if from == span.end {
                    continue;
                }
                span.start = from;
                if words(chars, from, span.end).len() == 2 {
                    span.label = "PER".into();
                }
            }
            if is_person(&span) {
                span.end = before_run_on_words(chars, span.start, span.end);
            }
            let first_name = (span.start, span.end);
            if let Some(end) =
                super::slavic::ukrainian_surname_after(language, chars, first_name, spans)
            {
                span.end = end;
                span.label = "PER".into();
            }
            if language == "pl"
                && !is_person(&span)
                && let Some(from) =
                    super::slavic::polish_first_name_before(chars, span.start, span.end)
                && !spans.iter().any(|s| s.start < span.start && s.end > from)
            {
                span.start = from;
                span.label = "PER".into();
            }
        }
        if language == "es" && !is_person(&span) {
            span.start = without_leading_article(language, chars, span.start, span.end);
            span.start = super::romance::spanish_with_capital_article(chars, span.start);
        }
        if matches!(language, "es" | "it" | "pt")
            && (super::romance::is_no_name(language, &chars[span.start..span.end])
                || super::romance::names_a_portfolio(language, chars, span.start, span.end))
        {
            continue;
        }
        if language == "fr" && !is_person(&span) {
            span.start = super::romance::french_start(chars, span.start, span.end);
        }
        if language == "pt" && span.label == "ORG" {
            span.end = super::romance::with_governed_place(language, chars, span.start, span.end);
        }
        // Italian spans still carry a leading article here ("La Corte"): the head comes after it.
        let from = match language {
            "it" => super::italian_start(chars, span.start, span.end, is_person(&span)),
            _ => span.start,
        };
        if matches!(language, "es" | "it")
            && let Some((start, end, label)) = super::romance::head_noun_name(
                language,
                chars,
                from,
                span.end,
                is_person(&span),
                is_first_name,
            )
        {
            (span.start, span.end) = (start, end);
            if let Some(label) = label {
                span.label = label.into();
            }
        }
        if matches!(language, "pl" | "uk")
            && (is_sentence_word(language, chars, &span, spans)
                || !chars[span.start..span.end]
                    .iter()
                    .any(|c| c.is_alphabetic())
                // The second half of a hyphenated common word ("суддя-доповідач").
                || chars[span.start] == '-'
                // Only a hyphenated span can be a model code: no copy for the others.
                || (chars[span.start..span.end].contains(&'-')
                    && super::slavic::is_model_code(&word_text(chars, (span.start, span.end))))
                || super::slavic::ukrainian_adjective_alone(language, chars, span.start, span.end))
        {
            continue;
        }
        // The words of the span as it now stands, which every split below reads (none runs
        // in English and Russian).
        let all = if matches!(language, "en" | "ru") {
            Vec::new()
        } else {
            words(chars, span.start, span.end)
        };
        if matches!(language, "pl" | "uk") {
            if let Some(parts) = place_then_organisation(language, chars, &span, &all) {
                out.extend(parts);
                continue;
            }
            if let Some(parts) = genitive_then_person(language, chars, &span, &all) {
                out.extend(parts);
                continue;
            }
            if let Some(parts) = organisation_then_seat(language, chars, &span, &all) {
                out.extend(parts);
                continue;
            }
        }
        if !matches!(language, "en" | "ru") {
            if let Some(parts) = places_joined_by_and(language, chars, &span, &all) {
                out.extend(parts);
                continue;
            }
            if let Some(parts) = person_at_the_end(language, chars, &span, &all) {
                out.extend(parts);
                continue;
            }
        }
        let place_and_person = (!matches!(language, "en" | "ru") && is_person(&span))
            .then(|| place_then_person(language, chars, &span, &all))
            .flatten();
        if let Some((place, person)) = place_and_person {
            out.push(place);
            out.push(person);
            continue;
        }
        if (span.start, span.end) != (original.start, original.end) {
            span.text = chars[span.start..span.end].iter().collect();
            span.normal = None;
        }
        out.push(span);
    }
    if matches!(language, "es" | "it") {
        // A head noun the model tagged alone is now inside the name it heads.
        drop_nested(&mut out);
    }
    out
}

/// Drops every span lying inside another, longer one: what a widened name took in.
pub(super) fn drop_nested(spans: &mut Vec<NamedSpan>) {
    let inside = |s: &NamedSpan| {
        spans
            .iter()
            .any(|o| o.start <= s.start && s.end <= o.end && (o.start, o.end) != (s.start, s.end))
    };
    let nested: Vec<bool> = spans.iter().map(inside).collect();
    let mut nested = nested.into_iter();
    spans.retain(|_| !nested.next().unwrap_or(false));
}

/// `end` before the full stop or opening quote a model trained on few sentences took with a
/// name ("Південний.", "Партія «").
fn without_trailing_marks(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start + 1 && matches!(chars[end - 1], '.' | ',' | ':' | ';' | '«' | '„' | ' ') {
        end -= 1;
    }
    end
}

/// Nothing but spaces between `at` and the previous sentence's end (or the text's start).
fn opens_sentence_at(chars: &[char], at: usize) -> bool {
    mark_before(chars, at).is_none_or(|c| matches!(c, '.' | '!' | '?' | ':'))
}

/// The last character before `at` that is not a space (`None` at the text's start): what the
/// sentence-start tests of every language read, each with the marks it takes as an end.
pub(super) fn mark_before(chars: &[char], at: usize) -> Option<char> {
    chars[..at]
        .iter()
        .rev()
        .copied()
        .find(|c| !c.is_whitespace())
}

/// The verb after `end` is a plural one ("обговорили", "тривали", "układają", "zapowiedzieli"):
/// the subject before it is plural, which a one-word name of a person, party or firm is not.
fn plural_verb_after(language: &str, chars: &[char], end: usize) -> bool {
    let rest = chars.get(end..).unwrap_or_default();
    if rest.first() != Some(&' ') {
        return false;
    }
    let word: String = rest[1..].iter().take_while(|c| c.is_alphabetic()).collect();
    let endings: &[&str] = match language {
        "uk" => &["ли", "ють", "ять", "уть", "ать"],
        _ => &["li", "ły", "ją"],
    };
    word.starts_with(char::is_lowercase)
        && word.chars().count() > 4
        && endings.iter().any(|ending| word.ends_with(ending))
}

/// Where a span starts without the plural common noun that opens its sentence and a plural
/// verb follows ("Прокурори САП просили", "Mieszkańcy Tarnobrzega układają"): the rest, an
/// acronym or a place the gazetteer knows, is the name; a whole name the gazetteer knows
/// ("Stany Zjednoczone") stays.
fn after_plural_subject(language: &str, chars: &[char], start: usize, end: usize) -> usize {
    let mut all = word_iter(chars, start, end);
    let (Some(first), Some(second)) = (all.next(), all.next()) else {
        return start;
    };
    // Ukrainian also before a place of several words ("Мешканці Білої Церкви протестують").
    if language != "uk" && all.next().is_some() {
        return start;
    }
    // Most spans fail the cheap tests: the look-ups come last.
    if !opens_sentence_at(chars, start) || !plural_verb_after(language, chars, end) {
        return start;
    }
    let rest: String = chars[second.0..end].iter().collect();
    let whole: String = chars[start..end].iter().collect();
    let acronym = rest.chars().count() >= 2 && rest.chars().all(|c| c.is_uppercase());
    let is_name = acronym || gazetteer::lookup(&rest, language).is_some();
    if is_name
        && !is_first_name(&word_text(chars, first))
        && gazetteer::lookup(&whole, language).is_none()
    {
        second.0
    } else {
        start
    }
}

/// `end` past the second half of a double surname the model's tokens cut at the hyphen
/// ("Kosiniak" + "-Kamysz", "Kidawa" + "-Błońska").
fn with_double_surname(chars: &[char], mut end: usize) -> usize {
    if end + 1 < chars.len() && chars[end] == '-' && chars[end + 1].is_uppercase() {
        end += 1;
        while end < chars.len() && chars[end].is_alphabetic() {
            end += 1;
        }
    }
    end
}

/// `end` cut before the first lower-case word that follows two capitalised ones: "Дональд
/// Туск заявив у Варшаві" → "Дональд Туск". Particles of names are kept; a title with its
/// lower-case words ("Prezydent miasta Aleksandra Dulkiewicz") is left to the title rules.
fn before_run_on_words(chars: &[char], start: usize, end: usize) -> usize {
    let mut capitals = 0;
    for word in word_iter(chars, start, end) {
        if capitalised(chars, word) {
            capitals += 1;
        } else if capitals >= 2 && !NAME_PARTICLES.contains(&word_text(chars, word).as_str()) {
            let mut cut = word.0;
            while cut > start && chars[cut - 1] == ' ' {
                cut -= 1;
            }
            return cut;
        }
    }
    end
}

/// Where a Spanish name starts without the article the model took with it at a sentence's
/// start ("La Fiscalía", "El Instituto"), unless the article belongs to a place's name the
/// gazetteer knows ("El Salvador", "La Paz").
fn without_leading_article(language: &str, chars: &[char], start: usize, end: usize) -> usize {
    let all = words(chars, start, end);
    let [first, second, ..] = all.as_slice() else {
        return start;
    };
    // Inside a sentence a capitalised article belongs to the name ("de La Libertad Avanza").
    let article = ["El", "La", "Los", "Las"].contains(&word_text(chars, *first).as_str())
        && opens_sentence_at(chars, start);
    let whole: String = chars[start..end].iter().collect();
    if article && capitalised(chars, *second) && gazetteer::lookup(&whole, language).is_none() {
        second.0
    } else {
        start
    }
}

/// A one-word span at a sentence's start that is a pronoun or an adjective, or a PERSON the
/// gazetteer does not know and no other span repeats: a capitalised common word, not a name
/// (a person is introduced by full name before a sentence opens with the surname).
fn is_sentence_word(language: &str, chars: &[char], span: &NamedSpan, spans: &[NamedSpan]) -> bool {
    // Only a lone word at a sentence's start, read in place: most spans are copied no further.
    let word = &chars[span.start..span.end];
    if word.contains(&' ') || word.iter().skip(1).any(|c| c.is_uppercase()) {
        return false;
    }
    let before = mark_before(chars, span.start);
    if !before.is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '»' | '"')) {
        return false;
    }
    let text: String = word.iter().collect();
    // A company compound ("Нафтогаз уклав угоду") is a name wherever it stands, and so is a
    // side of a match's result ("Шахтар переміг Динамо 2:1").
    if super::slavic::organisation_evidence(language, &text).is_some()
        || super::slavic::ukrainian_side_of_result(language, chars, span.start, span.end)
    {
        return false;
    }
    let lower = text.to_lowercase();
    // A plural subject ("Сторони обговорили"; Polish people's plurals: "Związkowcy",
    // "Ekonomiści") or a lone organisation noun ("Партія «...»") is a common word.
    let plural = plural_verb_after(language, chars, span.end)
        || (language == "pl"
            && ["cy", "owie", "iści", "yści"]
                .iter()
                .any(|e| lower.ends_with(e)));
    if (plural || super::slavic::is_head(&text, language))
        && gazetteer::lookup(&text, language).is_none()
    {
        return true;
    }
    if SENTENCE_OPENERS.contains(&lower.as_str())
        || ukrainian_common_noun(language, &lower, is_person(span))
        || adjective_endings(language)
            .iter()
            .any(|ending| lower.chars().count() > 4 && lower.ends_with(ending))
        || (!is_person(span)
            && ukrainian_feminine_adjective(language, &lower)
            && gazetteer::lookup(&text, language).is_none())
    {
        return true;
    }
    // Only a lone person's word is checked against every other span.
    if !is_person(span) {
        return false;
    }
    let stem: String = lower.chars().take(4).collect();
    // Only the capitalised words of the other spans: a lower-case word of a phrase
    // ("наукового" in "...наукового центру") is no second mention of the name.
    let repeated = spans.iter().any(|other| {
        other.start != span.start
            && other.end <= chars.len()
            && chars[other.start..other.end]
                .split(|&c| c == ' ')
                .filter(|word| word.first().is_some_and(|c| c.is_uppercase()))
                .any(|word| starts_with_stem(word, &stem))
    });
    !repeated && gazetteer::lookup(&text, language).is_none()
}

/// Endings of Ukrainian nouns of actions and states ("евакуація", "розслідування",
/// "діяльність").
const UKRAINIAN_ACTION_ENDINGS: [&str; 6] = ["ація", "яція", "ення", "ання", "іння", "ість"];

/// A lower-cased Ukrainian word of more than six letters that is a noun of an action or state,
/// or, outside a person's span, of an agent ("спецпосланник"; "Мельник" may be a surname): a
/// common word, no name, at a sentence's start ("Евакуація триває").
fn ukrainian_common_noun(language: &str, lower: &str, person: bool) -> bool {
    language == "uk"
        && lower.chars().count() > 6
        && (UKRAINIAN_ACTION_ENDINGS.iter().any(|e| lower.ends_with(e))
            || (!person && lower.ends_with("ник")))
        && gazetteer::lookup(lower, language).is_none()
}

/// Whether `word` lower-cased starts with `stem`. Its first letter lower-cased alone is
/// what the whole word's lower-casing begins with, so it rules out most words without a copy.
fn starts_with_stem(word: &[char], stem: &str) -> bool {
    let first = word.first().and_then(|c| c.to_lowercase().next());
    if stem.chars().next().is_some_and(|s| first != Some(s)) {
        return false;
    }
    word.iter()
        .collect::<String>()
        .to_lowercase()
        .starts_with(stem)
}

/// A PERSON span of three or more capitalised words whose first is a place the gazetteer
/// knows: the place (a country in the genitive after a title) and the person after it.
/// In Polish and Ukrainian also two words, the place and a first name, where the model left
/// the surname after them out ("Естонії Крістен" before "Міхал").
fn place_then_person(
    language: &str,
    chars: &[char],
    span: &NamedSpan,
    all: &[(usize, usize)],
) -> Option<(NamedSpan, NamedSpan)> {
    let first_name_cut = || {
        matches!(language, "pl" | "uk")
            && super::names::is_inflected_first_name(&word_text(chars, all[1]), language)
            && super::names::next_word(chars, span.end).is_some_and(|w| capitalised(chars, w))
    };
    if all.len() < 2
        || (all.len() == 2 && !first_name_cut())
        || !all.iter().all(|&w| capitalised(chars, w))
    {
        return None;
    }
    let first = word_text(chars, all[0]);
    gazetteer::lookup(&first, language)?;
    let place = NamedSpan {
        start: all[0].0,
        end: all[0].1,
        label: "LOC".into(),
        text: first,
        normal: None,
    };
    let person = NamedSpan {
        start: all[1].0,
        end: span.end,
        label: span.label.clone(),
        text: chars[all[1].0..span.end].iter().collect(),
        normal: None,
    };
    Some((place, person))
}

/// "A und B" as one span, both single capitalised words, one a place the gazetteer knows (or
/// the span tagged a place): the two places. Ukrainian joins a route's ends by a dash too
/// ("трасі Київ — Чоп").
fn places_joined_by_and(
    language: &str,
    chars: &[char],
    span: &NamedSpan,
    all: &[(usize, usize)],
) -> Option<Vec<NamedSpan>> {
    let [a, and, b] = all else {
        return None;
    };
    let joint = word_text(chars, *and);
    let dash = language == "uk" && matches!(joint.as_str(), "—" | "–");
    if !(AND.contains(&joint.as_str()) || dash)
        || !capitalised(chars, *a)
        || !capitalised(chars, *b)
    {
        return None;
    }
    let known = |w: (usize, usize)| gazetteer::lookup(&word_text(chars, w), language).is_some();
    let is_place = matches!(span.label.as_str(), "LOC" | "GPE") || known(*a) || known(*b);
    is_place.then(|| {
        [*a, *b]
            .into_iter()
            .map(|w| NamedSpan {
                start: w.0,
                end: w.1,
                label: "LOC".into(),
                text: word_text(chars, w),
                normal: None,
            })
            .collect()
    })
}

/// A span of three or more words ending in a first name and one surname after other words:
/// the words before (kept with the model's label unless it said PERSON, when they were a
/// title or a common noun) and the person.
fn person_at_the_end(
    language: &str,
    chars: &[char],
    span: &NamedSpan,
    all: &[(usize, usize)],
) -> Option<Vec<NamedSpan>> {
    let n = all.len();
    if n < 3 || !capitalised(chars, all[n - 1]) || !is_first_name(&word_text(chars, all[n - 2])) {
        return None;
    }
    if is_first_name(&word_text(chars, all[n - 3])) {
        return None;
    }
    // A title before the name ("Generalsekretär António Guterres") is the title rules' part
    // (looked for last: few spans get this far).
    if super::titles::after_leading_title(language, chars, span.start, span.end).is_some() {
        return None;
    }
    let person = NamedSpan {
        start: all[n - 2].0,
        end: span.end,
        label: "PER".into(),
        text: chars[all[n - 2].0..span.end].iter().collect(),
        normal: None,
    };
    if is_person(span) {
        return Some(vec![person]);
    }
    let before = NamedSpan {
        start: span.start,
        end: all[n - 3].1,
        label: span.label.clone(),
        text: chars[span.start..all[n - 3].1].iter().collect(),
        normal: None,
    };
    Some(vec![before, person])
}

/// A Polish or Ukrainian span of three or more capitalised words whose first is a place the
/// gazetteer knows and whose rest holds an organisation's head noun ("Białorusią Straż
/// Graniczna"): the place and the organisation.
fn place_then_organisation(
    language: &str,
    chars: &[char],
    span: &NamedSpan,
    all: &[(usize, usize)],
) -> Option<Vec<NamedSpan>> {
    if all.len() < 3 || !all.iter().all(|&w| capitalised(chars, w)) {
        return None;
    }
    let whole: String = chars[span.start..span.end].iter().collect();
    let first = word_text(chars, all[0]);
    let headed = all[1..]
        .iter()
        .any(|&w| super::slavic::is_head(&word_text(chars, w), language));
    if !headed
        || super::slavic::is_place_adjective(&first)
        || gazetteer::lookup(&first, language).is_none()
        || gazetteer::lookup(&whole, language).is_some()
    {
        return None;
    }
    Some(vec![
        part(chars, all[0].0, all[0].1, "LOC"),
        part(chars, all[1].0, span.end, "ORG"),
    ])
}

/// A Polish span of an organisation and the town it sits in ("Wojewódzki Sąd Administracyjny
/// w Krakowie", "Prokuratura Regionalna w Białymstoku"): the organisation and the place, which
/// the press names apart.
fn organisation_then_seat(
    language: &str,
    chars: &[char],
    span: &NamedSpan,
    all: &[(usize, usize)],
) -> Option<Vec<NamedSpan>> {
    if language != "pl" || is_person(span) {
        return None;
    }
    let n = all.len();
    if n < 3 || !matches!(word_text(chars, all[n - 2]).as_str(), "w" | "we") {
        return None;
    }
    let (last, before) = (all[n - 1], all[n - 3]);
    let headed = all[..n - 2]
        .iter()
        .any(|&w| super::slavic::is_head(&word_text(chars, w), language));
    if !headed || !capitalised(chars, last) || !capitalised(chars, all[0]) {
        return None;
    }
    Some(vec![
        part(chars, span.start, before.1, &span.label),
        part(chars, last.0, last.1, "LOC"),
    ])
}

/// A piece of a span split in two, with its own label.
fn part(chars: &[char], start: usize, end: usize, label: &str) -> NamedSpan {
    NamedSpan {
        start,
        end,
        label: label.into(),
        text: chars[start..end].iter().collect(),
        normal: None,
    }
}

/// A Polish or Ukrainian span of capitalised words ending in a first name in any case and one
/// surname, after a name in the genitive ("Sejmu Włodzimierz Czarzasty", "Parlamentu
/// Europejskiego Robertę Metsolę", "szefem Microsoftu Bradem Smithem"): the person, and the
/// words before as a place when the gazetteer knows them, else as an organisation (the body the
/// person speaks for); a title before them is left out, and so is a lone word opening the
/// sentence ("Mieszkańcy").
fn genitive_then_person(
    language: &str,
    chars: &[char],
    span: &NamedSpan,
    whole: &[(usize, usize)],
) -> Option<Vec<NamedSpan>> {
    // The words after a title are the last words of the whole span: a span of fewer than
    // three words, or whose last but one is no first name, spares the title look-up
    // (Ukrainian takes it: an acronym may stand before a first name the lists lack).
    let n = whole.len();
    if n < 3 || (language != "uk" && !is_candidate_first_name(language, chars, whole[n - 2])) {
        return None;
    }
    let from = super::titles::after_leading_title(language, chars, span.start, span.end)
        .unwrap_or(span.start);
    let all = words(chars, from, span.end);
    let n = all.len();
    if n < 3 || !all.iter().all(|&w| capitalised(chars, w)) {
        return None;
    }
    let first = all[n - 2];
    // "РНБО Рустемом Умєровим": a body's acronym before two words the model took for a
    // person, whose first name the lists may lack.
    let acronym_before = language == "uk"
        && n == 3
        && is_person(span)
        && super::slavic::is_acronym(&word_text(chars, all[0]))
        && gazetteer::lookup(&word_text(chars, all[0]), language).is_none();
    if !(acronym_before || is_candidate_first_name(language, chars, first))
        || super::names::is_inflected_first_name(&word_text(chars, all[n - 3]), language)
    {
        return None;
    }
    let person = NamedSpan {
        start: first.0,
        end: span.end,
        label: "PER".into(),
        text: chars[first.0..span.end].iter().collect(),
        normal: None,
    };
    let (start, end) = (all[0].0, all[n - 3].1);
    let before: String = chars[start..end].iter().collect();
    if opens_sentence_at(chars, start) && n == 3 {
        return Some(vec![person]);
    }
    let label = if gazetteer::lookup(&before, language).is_some() {
        "LOC"
    } else {
        "ORG"
    };
    let before = NamedSpan {
        start,
        end,
        label: label.into(),
        text: before,
        normal: None,
    };
    Some(vec![before, person])
}

/// Whether the word at `word` is a first name in any case that can open a person after a
/// genitive: "-ie" is a plural's ending as often as a name's locative ("Polskie Linie Lotnicze").
fn is_candidate_first_name(language: &str, chars: &[char], word: (usize, usize)) -> bool {
    let name = word_text(chars, word);
    !(language == "pl" && name.ends_with("ie"))
        && super::names::is_inflected_first_name(&name, language)
}

/// A mention that is a first name, name particles and one capitalised surname ("Salvador
/// Illa", "Michele de Pascale"), and no place the gazetteer knows: a person, whatever the model
/// or a noun before it said.
pub(super) fn is_first_and_last_name(
    language: &str,
    chars: &[char],
    start: usize,
    end: usize,
) -> bool {
    // The word count first, without a copy: it spares most spans the first-name look-up.
    if !(2..=4).contains(&word_iter(chars, start, end).count()) {
        return false;
    }
    let all = words(chars, start, end);
    let n = all.len();
    // The closing capital before any copy.
    if !capitalised(chars, all[n - 1]) {
        return false;
    }
    let first = word_text(chars, all[0]);
    let first_name = if matches!(language, "pl" | "uk") {
        super::names::is_inflected_first_name(&first, language)
    } else {
        is_first_name(&first)
    };
    if !first_name {
        return false;
    }
    let particles = all[1..n - 1]
        .iter()
        .all(|&w| NAME_PARTICLES.contains(&word_text(chars, w).as_str()));
    particles && gazetteer::lookup(&word_text(chars, (start, end)), language).is_none()
}

/// The word at `at` is a pronoun or adverb that opens Polish and Ukrainian sentences ("Разом
/// із ..."), which the gazetteer's declined forms may take for a place.
pub(super) fn opens_sentence_word(chars: &[char], at: usize) -> bool {
    let word: String = chars[at..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect();
    SENTENCE_OPENERS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, label: &str) -> (Vec<char>, NamedSpan) {
        let chars: Vec<char> = text.chars().collect();
        let span = NamedSpan {
            start: 0,
            end: chars.len(),
            label: label.into(),
            text: text.into(),
            normal: None,
        };
        (chars, span)
    }

    /// The (text, label) pairs `fix_edges` makes of one span covering `text`.
    fn fixed(language: &str, text: &str, label: &str) -> Vec<(String, String)> {
        let (chars, s) = span(text, label);
        fix_edges(language, &chars, std::slice::from_ref(&s))
            .iter()
            .map(|s| (chars[s.start..s.end].iter().collect(), s.label.clone()))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(t, l)| (t.to_string(), l.to_string()))
            .collect()
    }

    #[test]
    fn a_genitive_name_before_a_person_is_split_off() {
        assert_eq!(
            fixed("pl", "Marszałek Sejmu Włodzimierz Czarzasty", "PER"),
            pairs(&[("Sejmu", "ORG"), ("Włodzimierz Czarzasty", "PER")])
        );
        assert_eq!(
            fixed("uk", "Прем'єр Польщі Дональдом Туском", "PER"),
            pairs(&[("Польщі", "LOC"), ("Дональдом Туском", "PER")])
        );
        assert_eq!(
            fixed("pl", "Białorusią Straż Graniczna", "ORG"),
            pairs(&[("Białorusią", "LOC"), ("Straż Graniczna", "ORG")])
        );
        // A place adjective is no place; a first name and surname alone stay whole.
        assert_eq!(
            fixed("pl", "Polskie Linie Lotnicze", "ORG"),
            pairs(&[("Polskie Linie Lotnicze", "ORG")])
        );
        assert_eq!(
            fixed("pl", "Robert Lewandowski", "PER"),
            pairs(&[("Robert Lewandowski", "PER")])
        );
    }

    #[test]
    fn an_organisation_and_its_seat_are_two() {
        assert_eq!(
            fixed("pl", "Wojewódzki Sąd Administracyjny w Krakowie", "ORG"),
            pairs(&[
                ("Wojewódzki Sąd Administracyjny", "ORG"),
                ("Krakowie", "LOC")
            ])
        );
        // No head noun, or a person: one span.
        assert_eq!(
            fixed("pl", "Galeria Sztuki w Łodzi", "ORG"),
            pairs(&[("Galeria Sztuki w Łodzi", "ORG")])
        );
        assert_eq!(
            fixed("uk", "Wojewódzki Sąd Administracyjny w Krakowie", "ORG").len(),
            1
        );
        // Model codes and numbers are no names.
        assert!(fixed("uk", "F-16", "LOC").is_empty());
        assert!(fixed("uk", "13", "LOC").is_empty());
    }

    #[test]
    fn plural_subjects_and_trailing_marks_are_no_names() {
        let fix = |language: &str, text: &str, surface: &str| -> Vec<String> {
            let chars: Vec<char> = text.chars().collect();
            let start = text
                .find(surface)
                .map(|b| text[..b].chars().count())
                .unwrap_or(0);
            let span = NamedSpan {
                start,
                end: start + surface.chars().count(),
                label: "ORG".into(),
                text: surface.into(),
                normal: None,
            };
            fix_edges(language, &chars, &[span])
                .iter()
                .map(|s| chars[s.start..s.end].iter().collect())
                .collect()
        };
        assert!(fix("uk", "Сторони обговорили план.", "Сторони").is_empty());
        assert!(fix("pl", "Związkowcy z NSZZ protestują.", "Związkowcy").is_empty());
        assert_eq!(
            fix("uk", "Прокурори САП просили арешту.", "Прокурори САП"),
            ["САП"]
        );
        assert_eq!(
            fix("uk", "по порту Південний.", "Південний."),
            ["Південний"]
        );
        assert_eq!(
            fix("pl", "Minister Kosiniak-Kamysz przyjechał.", "Kosiniak"),
            ["Kosiniak-Kamysz"]
        );
        // A singular verb after a one-word name leaves it alone.
        assert_eq!(fix("pl", "Orlen podpisał umowę.", "Orlen"), ["Orlen"]);
    }

    #[test]
    fn a_name_ends_before_the_verb_after_it() {
        assert_eq!(
            fixed("uk", "Дональд Туск заявив у Варшаві", "PER"),
            pairs(&[("Дональд Туск", "PER")])
        );
        // Particles stay; a title's lower-case words are the title rules' part.
        let (chars, s) = span("Ursula von der Leyen", "PER");
        assert_eq!(before_run_on_words(&chars, 0, s.end), s.end);
        let (chars, s) = span("Prezydent miasta Aleksandra Dulkiewicz", "PER");
        assert_eq!(before_run_on_words(&chars, 0, s.end), s.end);
    }

    #[test]
    fn a_spanish_article_at_a_sentence_start_is_cut_unless_the_place_has_it() {
        assert_eq!(
            fixed("es", "La Fiscalía", "ORG"),
            pairs(&[("Fiscalía", "ORG")])
        );
        assert_eq!(
            fixed("es", "El Salvador", "LOC"),
            pairs(&[("El Salvador", "LOC")])
        );
    }

    #[test]
    fn places_joined_by_and_are_two_and_a_party_is_one() {
        assert_eq!(
            fixed("de", "Kempten und Lindau", "LOC"),
            pairs(&[("Kempten", "LOC"), ("Lindau", "LOC")])
        );
        assert_eq!(
            fixed("pl", "Prawo i Sprawiedliwość", "ORG"),
            pairs(&[("Prawo i Sprawiedliwość", "ORG")])
        );
    }

    #[test]
    fn a_first_name_and_surname_end_an_organisation_span() {
        assert_eq!(
            fixed("it", "UniCredit Andrea Orcel", "ORG"),
            pairs(&[("UniCredit", "ORG"), ("Andrea Orcel", "PER")])
        );
        let (chars, s) = span("Michele de Pascale", "LOC");
        assert!(is_first_and_last_name("it", &chars, 0, s.end));
        let (chars, s) = span("Santa Fe", "LOC");
        assert!(!is_first_and_last_name("es", &chars, 0, s.end));
    }

    #[test]
    fn lone_sentence_openers_are_no_names() {
        assert!(fixed("uk", "Він", "ORG").is_empty());
        assert_eq!(
            fixed("uk", "Укрзалізниця", "ORG"),
            pairs(&[("Укрзалізниця", "ORG")])
        );
        let chars: Vec<char> = "Він прибув. Разом".chars().collect();
        assert!(opens_sentence_word(&chars, 12));
        assert_eq!(
            fixed("uk", "Київ — Чоп", "PER"),
            pairs(&[("Київ", "LOC"), ("Чоп", "LOC")])
        );
        // A feminine adjective is no name ("Українська тенісистка"); a country is one.
        assert!(fixed("uk", "Українська", "ORG").is_empty());
        assert!(fixed("uk", "Наступною", "ORG").is_empty());
        assert_eq!(
            fixed("uk", "Україною", "LOC"),
            pairs(&[("Україною", "LOC")])
        );
        // The first name the model tagged alone takes the surname after it.
        let chars: Vec<char> = "Голова Сергій Моргунов подякував".chars().collect();
        let span = NamedSpan {
            start: 7,
            end: 13,
            label: "LOC".into(),
            text: "Сергій".into(),
            normal: None,
        };
        let spans = fix_edges("uk", &chars, &[span]);
        assert_eq!(
            (spans[0].text.as_str(), spans[0].label.as_str()),
            ("Сергій Моргунов", "PER")
        );
    }
}
