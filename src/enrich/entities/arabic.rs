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

/// The corpus the model learnt from writes hamzated alifs as bare alif and alif maqsura
/// as ya; one character for one, so offsets stay valid.
pub(crate) fn as_the_model_read(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            c => c,
        })
        .collect()
}

/// Conjunctions that come first, then prepositions.
const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
const PREPOSITIONS: [char; 3] = ['ب', 'ل', 'ك'];

/// Nouns that open an organisation's name.
const ORG_HEADS: [&str; 24] = [
    "حزب", "حركة", "وزارة", "شركة", "منظمة", "مجلس", "جامعة", "بنك", "صندوق", "حلف", "اتحاد",
    "هيئة", "وكالة", "جمعية", "مؤسسة", "مجموعة", "جبهة", "تيار", "نادي", "محكمة", "مصرف",
    "لجنة", "قوات", "جيش",
];

/// Frequent first names and name openers ("عبد الله").
const FIRST_NAMES: [&str; 20] = [
    "محمد", "أحمد", "علي", "عبد", "حسن", "حسين", "خالد", "عمر", "يوسف", "إبراهيم", "مصطفى",
    "محمود", "سعيد", "فيصل", "سلمان", "طارق", "نبيه", "جمال", "عادل", "سامي",
];

/// The name of the mention `chars[start..end]` and where it starts, with the clitics printed
/// onto its first word left out when the rest is known to begin a name (module doc).
pub(super) fn without_clitics(chars: &[char], start: usize, end: usize) -> (usize, String) {
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
        let known = (first.starts_with("ال") && first.chars().count() >= 4)
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
    fn model_text_keeps_offsets() {
        let text = "قال إنّ الأمين العام زار آسيا وعاد إلى القاهرة";
        let read = as_the_model_read(text);
        assert_eq!(read.chars().count(), text.chars().count());
        assert!(read.contains("الامين") && read.contains("اسيا") && read.contains("الي"));
    }

    #[test]
    fn clitics_before_known_names_are_left_out() {
        let owned = |(a, b): (&str, &str)| (a.to_string(), b.to_string());
        // Article-prefixed noun, organisation head, first name, the word alone elsewhere.
        let text = "زار الوفد الخرطوم والسودان";
        assert_eq!(name(text, "والسودان"), owned(("السودان", "السودان")));
        let text = "غارات على مواقع لحزب الله في البقاع";
        assert_eq!(name(text, "لحزب الله"), owned(("حزب الله", "حزب الله")));
        let text = "والتقى الوزير ومحمد بن سلمان";
        assert_eq!(name(text, "ومحمد بن سلمان"), owned(("محمد بن سلمان", "محمد بن سلمان")));
        let text = "وصل إلى رفح. وقالت مصادر في رفح إن المعبر مغلق، وفي ورفح";
        assert_eq!(name(text, "ورفح"), owned(("رفح", "رفح")));
        // The preposition took the article's alif: the printed mention, the name restored.
        let text = "قال الأمين العام للأمم المتحدة";
        assert_eq!(
            name(text, "للأمم المتحدة"),
            owned(("للأمم المتحدة", "الأمم المتحدة"))
        );
    }

    #[test]
    fn names_starting_with_a_clitic_letter_stay_whole() {
        let owned = |(a, b): (&str, &str)| (a.to_string(), b.to_string());
        for place in ["واشنطن", "بيروت", "لبنان", "فرنسا", "كندا", "بغداد"] {
            let text = format!("زار الوزير {place} أمس");
            assert_eq!(name(&text, place), owned((place, place)));
        }
    }
}
