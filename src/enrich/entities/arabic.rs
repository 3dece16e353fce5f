//! Arabic: the text as the model's training data wrote it, and names without the clitics
//! printed onto them.
//!
//! Arabic writes the conjunctions `و` `ف` and the prepositions `ب` `ل` `ك` as one word with
//! the next ("وبيروت", "لحزب الله"); the tokenizer keeps such a word whole, so the model's
//! span starts at the clitic. The name starts after it when the rest of the word is known to
//! begin a name: an article-prefixed noun ("والسودان"), a gazetteer place ("وأنقرة"), an
//! organisation's head noun ("لحزب"), a common first name ("ومحمد"), or the same word written
//! alone elsewhere in the text. A name that merely starts with one of those letters
//! ("واشنطن", "بيروت", "لبنان") is left whole. `ل` before the article drops the article's alif
//! ("للأمم المتحدة"): the mention keeps the printed word, the name gets its alif back.

use super::super::gazetteer;
use super::super::ner::{NamedSpan, NerModel};

/// `model`'s spans in `text`, read as its corpus wrote Arabic: hamzated alifs as bare alif,
/// alif maqsura as ya (one character for one), and without the vowel marks and tatweel the
/// corpus never has. The spans' offsets are mapped back to `text`; a name's trailing marks
/// stay in it.
pub(crate) fn tag(model: &NerModel, text: &str) -> Vec<NamedSpan> {
    let chars: Vec<char> = text.chars().collect();
    let mut read = String::with_capacity(text.len());
    // The position in `text` of each character of `read`.
    let mut origin = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if let Some(c) = as_the_corpus_wrote(c) {
            read.push(c);
            origin.push(i);
        }
    }
    let at = |k: usize| origin.get(k).copied().unwrap_or(chars.len());
    model
        .tag(&read)
        .into_iter()
        .map(|span| {
            let (start, end) = (at(span.start), at(span.end));
            NamedSpan {
                start,
                end,
                text: chars[start..end].iter().collect(),
                ..span
            }
        })
        .collect()
}

/// A character as NewsFANE writes it, `None` for one it leaves out.
fn as_the_corpus_wrote(c: char) -> Option<char> {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ى' => Some('ي'),
        // Tanween, harakat, shadda, sukun, the dagger alif, tatweel.
        '\u{64b}'..='\u{652}' | '\u{670}' | '\u{640}' => None,
        c => Some(c),
    }
}

/// Conjunctions that come first, then prepositions.
const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
const PREPOSITIONS: [char; 3] = ['ب', 'ل', 'ك'];

/// Nouns that open an organisation's name.
const ORG_HEADS: [&str; 24] = [
    "حزب",
    "حركة",
    "وزارة",
    "شركة",
    "منظمة",
    "مجلس",
    "جامعة",
    "بنك",
    "صندوق",
    "حلف",
    "اتحاد",
    "هيئة",
    "وكالة",
    "جمعية",
    "مؤسسة",
    "مجموعة",
    "جبهة",
    "تيار",
    "نادي",
    "محكمة",
    "مصرف",
    "لجنة",
    "قوات",
    "جيش",
];

/// Frequent first names and name openers ("عبد الله").
const FIRST_NAMES: [&str; 20] = [
    "محمد",
    "أحمد",
    "علي",
    "عبد",
    "حسن",
    "حسين",
    "خالد",
    "عمر",
    "يوسف",
    "إبراهيم",
    "مصطفى",
    "محمود",
    "سعيد",
    "فيصل",
    "سلمان",
    "طارق",
    "نبيه",
    "جمال",
    "عادل",
    "سامي",
];

/// Titles and offices a model may run into a person's name ("محافظه حسن عبد الله").
const TITLES: [&str; 30] = [
    "الرئيس",
    "رئيس",
    "الملك",
    "ملك",
    "الأمير",
    "أمير",
    "الشيخ",
    "الشيخة",
    "الوزير",
    "وزير",
    "المحافظ",
    "محافظ",
    "السفير",
    "سفير",
    "الجنرال",
    "اللواء",
    "العميد",
    "العقيد",
    "الدكتور",
    "المستشار",
    "النائب",
    "الأمين",
    "المتحدث",
    "الإمام",
    "البابا",
    "العاهل",
    "المبعوث",
    "نظير",
    "السيد",
    "السيدة",
];

/// Where a person's name starts when the mention `chars[start..end]` opens with a title,
/// possibly with a pronoun ending ("محافظه", "نظيره"), followed by more words.
pub(super) fn after_title(chars: &[char], start: usize, end: usize) -> usize {
    let span: String = chars[start..end].iter().collect();
    let Some((first, rest)) = span.split_once(' ') else {
        return start;
    };
    let bare = ["ها", "هم", "ه"]
        .iter()
        .find_map(|ending| first.strip_suffix(ending).filter(|b| TITLES.contains(b)))
        .unwrap_or(first);
    if TITLES.contains(&bare) && !rest.trim().is_empty() {
        end - rest.trim_start().chars().count()
    } else {
        start
    }
}

/// The name of the mention `chars[start..end]` and where it starts, with the clitics printed
/// onto its first word left out when the rest is known to begin a name (module doc).
/// Vowel marks and tatweel are left out of the name ("عمّان" is named "عمان").
pub(super) fn without_clitics(chars: &[char], start: usize, end: usize) -> (usize, String) {
    let (from, name) = clitic_free(chars, start, end);
    let unmarked = name
        .chars()
        .filter(|&c| as_the_corpus_wrote(c).is_some())
        .collect();
    (from, unmarked)
}

fn clitic_free(chars: &[char], start: usize, end: usize) -> (usize, String) {
    let whole = || (start, chars[start..end].iter().collect::<String>());
    let mut cut = 0;
    while cut < 2 && start + cut < end {
        let c = chars[start + cut];
        let allowed = if cut == 0 {
            CONJUNCTIONS.contains(&c) || PREPOSITIONS.contains(&c)
        } else {
            CONJUNCTIONS.contains(&chars[start]) && PREPOSITIONS.contains(&c)
        };
        if !allowed {
            break;
        }
        cut += 1;
        let rest: String = chars[start + cut..end].iter().collect();
        let first = rest.split(' ').next().unwrap_or_default();
        if first.chars().count() < 2 {
            break;
        }
        // A conjunction before a word that starts with و ("وواشنطن"), unless the whole is a
        // place ("ووهان").
        let doubled =
            c == 'و' && first.starts_with('و') && gazetteer::lookup(&whole().1, "ar").is_none();
        let known = doubled
            || (first.starts_with("ال") && first.chars().count() >= 4)
            || ORG_HEADS.contains(&first)
            || FIRST_NAMES.contains(&first)
            || (gazetteer::lookup(&rest, "ar").is_some()
                && gazetteer::lookup(&whole().1, "ar").is_none())
            || written_alone(chars, start, &rest);
        if known {
            return (start + cut, rest);
        }
        // "للأمم" (not "للبنان", known above): the preposition took the article's alif.
        if c == 'ل' && first.starts_with('ل') && first.chars().count() >= 4 {
            return (start, format!("ا{rest}"));
        }
    }
    whole()
}

/// Whether `name` stands elsewhere in the text as a word of its own, not after a letter.
fn written_alone(chars: &[char], at: usize, name: &str) -> bool {
    let name: Vec<char> = name.chars().collect();
    let is_letter = |i: usize| chars.get(i).is_some_and(|c| c.is_alphabetic());
    chars.windows(name.len()).enumerate().any(|(i, window)| {
        window == name.as_slice()
            && (i < at || i > at + 2)
            && (i == 0 || !is_letter(i - 1))
            && !is_letter(i + name.len())
    })
}

/// Gazetteer places no mention covers (`covered`), as a word of their own or with the
/// clitics printed onto them: after a preposition of place ("في صفاقس"), with "ب" or "ل"
/// printed on ("ببيروت"), or joined by "و" to a place mention that ends at `place_end`
/// ("دمشق وبيروت"). Up to three words ("الدار البيضاء"). (start, end, name) in code points.
pub(super) fn places_missed(
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
    place_end: impl Fn(usize) -> bool,
) -> Vec<(usize, usize, String)> {
    let words = super::word_spans(chars, tag_from, char::is_alphabetic);
    let mut found = Vec::new();
    for (i, &(start, end)) in words.iter().enumerate() {
        if covered(start, end) {
            continue;
        }
        let after_place = i > 0 && {
            let (_, previous_end) = words[i - 1];
            chars[previous_end..start].iter().all(|c| *c == ' ') && place_end(previous_end)
        };
        for cut in 0..=2.min(end - start - 1) {
            let prefix = &chars[start..start + cut];
            let valid = match prefix {
                [] => super::places::after_place_preposition("ar", chars, start),
                [c] => PLACE_CLITICS.contains(c) || (*c == 'و' && after_place),
                [c, d] => CONJUNCTIONS.contains(c) && PLACE_CLITICS.contains(d),
                _ => false,
            };
            if !valid {
                continue;
            }
            let named = (1..=3.min(words.len() - i)).rev().find_map(|n| {
                let last = words[i + n - 1].1;
                let joined = words[i..i + n]
                    .windows(2)
                    .all(|w| chars[w[0].1..w[1].0] == [' ']);
                let name: String = chars[start + cut..last]
                    .iter()
                    .filter(|&&c| as_the_corpus_wrote(c).is_some())
                    .collect();
                (joined && !covered(start, last) && gazetteer::lookup(&name, "ar").is_some())
                    .then_some((start + cut, last, name))
            });
            if let Some(place) = named {
                found.push(place);
                break;
            }
        }
    }
    found
}

/// The prepositions printed onto a place's name: "in" and "to".
const PLACE_CLITICS: [char; 2] = ['ب', 'ل'];

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str, mention: &str) -> (String, String) {
        let chars: Vec<char> = text.chars().collect();
        let byte = text.find(mention).expect("mention in text");
        let start = text[..byte].chars().count();
        let end = start + mention.chars().count();
        let (from, name) = without_clitics(&chars, start, end);
        (chars[from..end].iter().collect(), name)
    }

    #[test]
    fn text_is_read_as_the_corpus_wrote_it() {
        let read: String = "إنّ الأمينَ زار آسيا وعاد إلى القاهرةِ"
            .chars()
            .filter_map(as_the_corpus_wrote)
            .collect();
        assert_eq!(read, "ان الامين زار اسيا وعاد الي القاهرة");
    }

    #[test]
    fn clitics_before_known_names_are_left_out() {
        // (text, the model's mention, the mention without the clitic, the name)
        let cases = [
            // an article-prefixed noun
            (
                "زار الوفد الخرطوم والسودان",
                "والسودان",
                "السودان",
                "السودان",
            ),
            // an organisation's head noun
            (
                "غارات على مواقع لحزب الله",
                "لحزب الله",
                "حزب الله",
                "حزب الله",
            ),
            // a first name
            (
                "والتقى الوزير ومحمد بن سلمان",
                "ومحمد بن سلمان",
                "محمد بن سلمان",
                "محمد بن سلمان",
            ),
            // the word alone elsewhere in the text
            ("وصل إلى رفح، وفي ورفح", "ورفح", "رفح", "رفح"),
            // the conjunction before a word starting with و
            ("وفد من الدوحة وواشنطن", "وواشنطن", "واشنطن", "واشنطن"),
            // the preposition took the article's alif: the printed mention, the name restored
            (
                "قال الأمين العام للأمم المتحدة",
                "للأمم المتحدة",
                "للأمم المتحدة",
                "الأمم المتحدة",
            ),
        ];
        for (text, mention, without, named) in cases {
            assert_eq!(
                name(text, mention),
                (without.to_string(), named.to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn titles_are_cut_from_person_names() {
        let cut = |span: &str| {
            let chars: Vec<char> = span.chars().collect();
            chars[after_title(&chars, 0, chars.len())..]
                .iter()
                .collect::<String>()
        };
        assert_eq!(cut("محافظه حسن عبد الله"), "حسن عبد الله");
        assert_eq!(cut("الرئيس قيس سعيد"), "قيس سعيد");
        assert_eq!(cut("حسن عبد الله"), "حسن عبد الله");
        assert_eq!(cut("الرئيس"), "الرئيس");
    }

    #[test]
    fn places_the_model_missed_are_found_by_context() {
        let missed = |text: &str, place_ends: &[usize]| {
            let chars: Vec<char> = text.chars().collect();
            places_missed(&chars, 0, |_, _| false, |end| place_ends.contains(&end))
                .into_iter()
                .map(|(s, e, name)| (chars[s..e].iter().collect::<String>(), name))
                .collect::<Vec<_>>()
        };
        let pair = |a: &str| (a.to_string(), a.to_string());
        assert_eq!(
            missed("احتجاجات في القاهرة وصلت ببيروت", &[]),
            vec![pair("القاهرة"), pair("بيروت")]
        );
        assert_eq!(missed("في الدار البيضاء", &[]), vec![pair("الدار البيضاء")]);
        // "و" joins a place only to a place mention.
        let text = "زار دمشق وبيروت";
        assert_eq!(missed(text, &[8]), vec![pair("بيروت")]);
        assert!(missed(text, &[]).is_empty());
        // A known place without a preposition of place is left to the model.
        assert!(missed("القاهرة مدينة كبيرة", &[]).is_empty());
    }

    #[test]
    fn names_starting_with_a_clitic_letter_stay_whole() {
        let owned = |(a, b): (&str, &str)| (a.to_string(), b.to_string());
        for place in ["واشنطن", "بيروت", "لبنان", "فرنسا", "كندا", "بغداد"]
        {
            let text = format!("زار الوزير {place} أمس");
            assert_eq!(name(&text, place), owned((place, place)));
        }
    }
}
