//! Span edges the trained models get wrong in ways the text itself shows, fixed before the
//! mentions are typed: a place in the genitive run into the person after it ("Niemiec
//! Friedrich Merz", "Франції Емманюель Макрон"), a Polish or Ukrainian name run on into the
//! verb after it ("Дональд Туск заявив у Варшаві"), a Spanish article at a sentence's start
//! ("La Fiscalía"), and lone sentence-initial words of Polish and Ukrainian that are no names
//! ("Він", "Українські", "Начальник").

use super::gazetteer;
use super::NamedSpan;

/// Lower-case particles inside people's names ("Ursula von der Leyen", "Michele de Pascale").
const NAME_PARTICLES: [&str; 16] = [
    "von", "van", "der", "den", "de", "da", "di", "del", "du", "dos", "la", "le", "фон", "дер",
    "ван", "де",
];

/// Pronouns and adverbs that open Polish and Ukrainian sentences capitalised.
const SENTENCE_OPENERS: [&str; 22] = [
    "він", "вона", "воно", "вони", "це", "цей", "ця", "ці", "разом", "також", "проте", "однак",
    "on", "ona", "ono", "oni", "one", "to", "razem", "jednak", "także", "również",
];

/// Endings of Ukrainian and Polish adjectives in the nominative, which no one-word name has
/// ("Українські", "Переможний", "Polscy").
fn adjective_endings(language: &str) -> &'static [&'static str] {
    match language {
        "uk" => &["ий", "ій", "ські", "цькі", "ні", "ого", "ої", "ому", "ими"],
        "pl" => &["scy", "ccy", "skie", "ckie", "owy", "owe", "owi", "nych", "ego"],
        _ => &[],
    }
}

fn is_person(span: &NamedSpan) -> bool {
    matches!(span.label.as_str(), "PERSON" | "PER")
}

/// The words of `chars[start..end]` split at spaces: (start, end) each.
fn words(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = start;
    for i in start..=end {
        if i == end || chars[i] == ' ' {
            if from < i {
                out.push((from, i));
            }
            from = i + 1;
        }
    }
    out
}

fn capitalised(chars: &[char], (start, _): (usize, usize)) -> bool {
    chars[start].is_uppercase()
}

fn word_text(chars: &[char], (start, end): (usize, usize)) -> String {
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
            span.end = super::without_trailing_lower_case(chars, span.start, span.end);
            if is_person(&span) {
                span.end = before_run_on_words(chars, span.start, span.end);
            }
        }
        if language == "es" && !is_person(&span) {
            span.start = without_leading_article(language, chars, span.start, span.end);
        }
        if matches!(language, "pl" | "uk") && is_sentence_word(language, chars, &span, spans) {
            continue;
        }
        if !matches!(language, "en" | "ru") && is_person(&span) {
            if let Some((place, person)) = place_then_person(language, chars, &span) {
                out.push(place);
                out.push(person);
                continue;
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

/// `end` cut before the first lower-case word that follows two capitalised ones: "Дональд
/// Туск заявив у Варшаві" → "Дональд Туск". Particles of names are kept; a title with its
/// lower-case words ("Prezydent miasta Aleksandra Dulkiewicz") is left to the title rules.
fn before_run_on_words(chars: &[char], start: usize, end: usize) -> usize {
    let mut capitals = 0;
    for word in words(chars, start, end) {
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
    let article = ["El", "La", "Los", "Las"].contains(&word_text(chars, *first).as_str());
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
    let text: String = chars[span.start..span.end].iter().collect();
    if text.contains(' ') || text.chars().skip(1).any(char::is_uppercase) {
        return false;
    }
    let before = chars[..span.start].iter().rev().find(|c| !c.is_whitespace());
    if !before.is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '»' | '"')) {
        return false;
    }
    let lower = text.to_lowercase();
    if SENTENCE_OPENERS.contains(&lower.as_str())
        || adjective_endings(language)
            .iter()
            .any(|ending| lower.chars().count() > 4 && lower.ends_with(ending))
    {
        return true;
    }
    let stem: String = lower.chars().take(4).collect();
    let repeated = spans.iter().any(|other| {
        other.start != span.start
            && other.end <= chars.len()
            && chars[other.start..other.end]
                .iter()
                .collect::<String>()
                .to_lowercase()
                .split(' ')
                .any(|word| word.starts_with(&stem))
    });
    is_person(span) && !repeated && gazetteer::lookup(&text, language).is_none()
}

/// A PERSON span of three or more capitalised words whose first is a place the gazetteer
/// knows: the place (a country in the genitive after a title) and the person after it.
fn place_then_person(
    language: &str,
    chars: &[char],
    span: &NamedSpan,
) -> Option<(NamedSpan, NamedSpan)> {
    let all = words(chars, span.start, span.end);
    if all.len() < 3 || !all.iter().all(|&w| capitalised(chars, w)) {
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
