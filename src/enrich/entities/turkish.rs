//! Turkish: names without their case suffixes and titles.
//!
//! Turkish writes a proper name's case suffix after an apostrophe ("Ankara'da", "Erdoğan'ın",
//! "TBMM'de"); spaCy's Turkish tokenizer keeps it in the word, so the model's span ends after
//! it. The mention and the name end before the apostrophe: a reader names the place "Ankara".
//! Titles stand between an organisation or a country and the person ("Azerbaycan
//! Cumhurbaşkanı İlham Aliyev", "CHP Genel Başkanı Özgür Özel"): the person starts after the
//! last title word.

use super::super::gazetteer;
use super::super::ner::NamedSpan;

const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{02bc}'];

/// Title words of Turkish news, lower-cased the Turkish way (`lower`).
const TITLES: [&str; 44] = [
    "cumhurbaşkanı",
    "cumhurbaşkanımız",
    "başbakan",
    "başbakanı",
    "bakan",
    "bakanı",
    "başkan",
    "başkanı",
    "eşbaşkanı",
    "vali",
    "valisi",
    "kaymakamı",
    "sayın",
    "sözcüsü",
    "direktörü",
    "sekreteri",
    "yardımcısı",
    "milletvekili",
    "büyükelçisi",
    "müdürü",
    "komutanı",
    "savcısı",
    "başsavcısı",
    "rektörü",
    "lideri",
    "temsilcisi",
    "danışmanı",
    "başdanışmanı",
    "kralı",
    "kraliçesi",
    "prensi",
    "patriği",
    "antrenörü",
    "kaptanı",
    "hocası",
    "yöneticisi",
    "kurucusu",
    "ortağı",
    "prof.",
    "doç.",
    "dr.",
    "av.",
    "ceo'su",
    "emekli",
];

/// Nationality adjectives that a model tags as a place or an organisation on their own ("Türk
/// iş insanları", "Alman hükümeti"): an adjective names no place.
const DEMONYMS: [&str; 32] = [
    "türk",
    "alman",
    "rus",
    "amerikan",
    "fransız",
    "ingiliz",
    "yunan",
    "italyan",
    "ispanyol",
    "arap",
    "kürt",
    "azeri",
    "ermeni",
    "gürcü",
    "iranlı",
    "iraklı",
    "suriyeli",
    "ukraynalı",
    "israilli",
    "filistinli",
    "çinli",
    "japon",
    "hollandalı",
    "belçikalı",
    "avrupalı",
    "amerikalı",
    "lübnanlı",
    "mısırlı",
    "bulgar",
    "macar",
    "polonyalı",
    "avusturyalı",
];

/// `word` lower-cased as Turkish does it: `I` is `ı`, `İ` is `i`.
fn lower(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'I' => 'ı',
            'İ' => 'i',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// The apostrophe of a case suffix in `chars[start..end]`: an apostrophe after a letter or
/// digit, followed by lower-case letters up to the word's end ("Ankara'da", "2025'te").
fn suffix_apostrophe(chars: &[char], start: usize, end: usize) -> Option<usize> {
    (start + 1..end).find(|&i| {
        if !APOSTROPHES.contains(&chars[i]) || !chars[i - 1].is_alphanumeric() {
            return false;
        }
        let suffix = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_alphabetic())
            .count();
        suffix > 0
            && chars[i + 1..i + 1 + suffix]
                .iter()
                .all(|c| c.is_lowercase())
    })
}

/// The end of the word that starts at or after `from`.
fn word_end(chars: &[char], from: usize) -> usize {
    (from..chars.len())
        .find(|&i| chars[i].is_whitespace())
        .unwrap_or(chars.len())
}

/// `spans` with each one cut before its case suffixes: a span with a suffix inside
/// ("Kahramanmaraş'ın Elbistan") becomes two names, one ending at the apostrophe.
pub(super) fn without_suffixes(chars: &[char], spans: &[NamedSpan]) -> Vec<NamedSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let (mut start, end) = (span.start, span.end.min(chars.len()));
        let mut cut = false;
        while start < end {
            let Some(at) = suffix_apostrophe(chars, start, end) else {
                break;
            };
            out.push(piece(chars, span, start, at));
            cut = true;
            start = word_end(chars, at);
            while start < end && chars[start].is_whitespace() {
                start += 1;
            }
        }
        if !cut {
            out.push(span.clone());
        } else if start < end {
            out.push(piece(chars, span, start, end));
        }
    }
    out
}

fn piece(chars: &[char], span: &NamedSpan, start: usize, end: usize) -> NamedSpan {
    NamedSpan {
        start,
        end,
        label: span.label.clone(),
        text: chars[start..end].iter().collect(),
        normal: None,
    }
}

/// Where the name starts after the last title word of `chars[start..end]` that a capitalised
/// word follows, or `end` when the span ends in a title ("Hazine ve Maliye Bakanı" is no
/// name); `None` without a title.
pub(super) fn after_title(chars: &[char], start: usize, end: usize) -> Option<usize> {
    let mut found = None;
    let mut at = start;
    let span: String = chars[start..end].iter().collect();
    let words: Vec<&str> = span.split(' ').collect();
    for (i, word) in words.iter().enumerate() {
        at += word.chars().count() + 1;
        if TITLES.contains(&lower(word).as_str()) {
            let next = words.get(i + 1);
            found = Some(if next.is_some_and(|w| w.starts_with(char::is_uppercase)) {
                at
            } else {
                end
            });
        }
    }
    found.map(|f| f.min(end))
}

/// A nationality adjective alone ("Türk", "Alman"): no place, no organisation.
pub(super) fn is_demonym(surface: &str) -> bool {
    DEMONYMS.contains(&lower(surface).as_str())
}

/// A locative suffix right after `end` ("Ankara'da", "Rize'deki"): the name is where
/// something happens, a place rather than a person or a club when the gazetteer knows it.
pub(super) fn locative_after(chars: &[char], end: usize) -> bool {
    if !chars.get(end).is_some_and(|c| APOSTROPHES.contains(c)) {
        return false;
    }
    let suffix: String = chars[end + 1..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .collect();
    matches!(
        suffix.as_str(),
        "da" | "de" | "ta" | "te" | "daki" | "deki" | "taki" | "teki"
    )
}

/// Gazetteer places the model missed, written with a case suffix ("Malatya ve Adıyaman'da"):
/// (start, end) of the name in code points. A word after a capitalised one is left alone: it
/// may end a person's name ("Ali Aydın'ın").
pub(super) fn places_missed(
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = tag_from;
    while i < chars.len() {
        let starts_word =
            i == 0 || !chars[i - 1].is_alphanumeric() && !APOSTROPHES.contains(&chars[i - 1]);
        if !starts_word || !chars[i].is_uppercase() {
            i += 1;
            continue;
        }
        let end = word_end(chars, i);
        let after_name = i >= 2 && chars[i - 1] == ' ' && chars[i - 2].is_alphabetic() && {
            let from = (0..i - 1)
                .rfind(|&k| !chars[k].is_alphabetic())
                .map_or(0, |k| k + 1);
            chars[from].is_uppercase()
        };
        if let Some(at) = suffix_apostrophe(chars, i, end) {
            let name: String = chars[i..at].iter().collect();
            if !after_name && !covered(i, at) && gazetteer::lookup(&name, "tr").is_some() {
                found.push((i, at));
            }
        }
        i = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, name: &str, label: &str) -> NamedSpan {
        let start = text
            .find(name)
            .map(|b| text[..b].chars().count())
            .expect("in text");
        NamedSpan {
            start,
            end: start + name.chars().count(),
            label: label.into(),
            text: name.into(),
            normal: None,
        }
    }

    #[test]
    fn suffixes_are_cut_and_split_names() {
        let text = "Kahramanmaraş'ın Elbistan ilçesinde ve TBMM’de, Erdoğan'ın sözleri.";
        let chars: Vec<char> = text.chars().collect();
        let spans = [
            span(text, "Kahramanmaraş'ın Elbistan", "LOC"),
            span(text, "TBMM’de", "ORG"),
            span(text, "Erdoğan'ın", "PER"),
        ];
        let texts: Vec<String> = without_suffixes(&chars, &spans)
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(texts, ["Kahramanmaraş", "Elbistan", "TBMM", "Erdoğan"]);
    }

    #[test]
    fn titles_are_cut() {
        let cut = |span: &str| {
            let chars: Vec<char> = span.chars().collect();
            after_title(&chars, 0, chars.len()).map(|s| chars[s..].iter().collect::<String>())
        };
        assert_eq!(
            cut("Azerbaycan Cumhurbaşkanı İlham Aliyev").as_deref(),
            Some("İlham Aliyev")
        );
        assert_eq!(cut("Sayın Özgür Özel").as_deref(), Some("Özgür Özel"));
        assert_eq!(cut("Hazine ve Maliye Bakanı").as_deref(), Some(""));
        assert_eq!(cut("Merkez Bankası"), None);
        assert_eq!(cut("İlham Aliyev"), None);
    }

    #[test]
    fn demonyms_and_locatives() {
        assert!(is_demonym("Türk"));
        assert!(is_demonym("İngiliz"));
        assert!(!is_demonym("Türkiye"));
        let chars: Vec<char> = "Rize'deki ve Rize'nin".chars().collect();
        assert!(locative_after(&chars, 4));
        assert!(!locative_after(&chars, 17));
    }

    #[test]
    fn places_written_with_a_suffix_are_found() {
        let text = "Deprem Malatya ve Adıyaman'da hissedildi; Ali Aydın'ın evi yıkıldı.";
        let chars: Vec<char> = text.chars().collect();
        let found: Vec<String> = places_missed(&chars, 0, |_, _| false)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect();
        assert_eq!(found, ["Adıyaman"]);
    }
}
