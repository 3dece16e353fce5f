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
    word.chars().map(lower_char).collect()
}

fn lower_char(c: char) -> char {
    match c {
        'I' => 'ı',
        'İ' => 'i',
        c => c.to_lowercase().next().unwrap_or(c),
    }
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
    for span in &with_heads(chars, &at_titles(chars, &without_brackets(chars, spans))) {
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

/// `spans` split at brackets: "Cumhuriyet Halk Partisi (CHP)" is a name and its acronym, two
/// mentions; a bracket the model ran into ("(AFAD)", "TİM)") is no part of the name.
fn without_brackets(chars: &[char], spans: &[NamedSpan]) -> Vec<NamedSpan> {
    let bracket = |c: char| matches!(c, '(' | ')' | '[' | ']');
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let end = span.end.min(chars.len());
        if !chars[span.start..end].iter().any(|&c| bracket(c)) {
            out.push(span.clone());
            continue;
        }
        let mut from = span.start;
        for at in span.start..=end {
            if at == end || bracket(chars[at]) {
                let (mut a, mut b) = (from, at);
                while a < b && chars[a].is_whitespace() {
                    a += 1;
                }
                while b > a && chars[b - 1].is_whitespace() {
                    b -= 1;
                }
                if a < b {
                    out.push(piece(chars, span, a, b));
                }
                from = at + 1;
            }
        }
    }
    out
}

/// `spans` split around a title inside them: "ABD Dışişleri Bakanı Marco Rubio" is a country
/// ("ABD") and a person ("Marco Rubio"); the title and its opening words are neither. The
/// words before the title keep the span's label (the corrections type them), the name after
/// it is a person.
fn at_titles(chars: &[char], spans: &[NamedSpan]) -> Vec<NamedSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let end = span.end.min(chars.len());
        let Some(name_from) = after_title(chars, span.start, end).filter(|&s| s < end) else {
            out.push(span.clone());
            continue;
        };
        // The words before the title: back from the person over title words and openers.
        let words = word_offsets(chars, span.start, name_from);
        let mut head_end = span.start;
        for &(a, b) in words.iter().rev() {
            let word: String = chars[a..b].iter().collect();
            let word = lower(&word);
            if !TITLES.contains(&word.as_str()) && !TITLE_OPENERS.contains(&word.as_str()) {
                head_end = b;
                break;
            }
        }
        if head_end > span.start {
            out.push(piece(chars, span, span.start, head_end));
        }
        let mut person = piece(chars, span, name_from, end);
        person.label = "PER".into();
        out.push(person);
    }
    out
}

/// `spans` with a lone organisation head noun joined to the name right before it ("Milliyetçi
/// Hareket" + "Partisi"): one organisation.
fn with_heads(chars: &[char], spans: &[NamedSpan]) -> Vec<NamedSpan> {
    let mut out: Vec<NamedSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        let head = ORGANISATION_HEADS.contains(&lower(&span.text).as_str());
        match out.last_mut() {
            Some(before)
                if head
                    && before.end < span.start
                    && chars[before.end..span.start].iter().all(|&c| c == ' ') =>
            {
                *before = piece(chars, before, before.start, span.end);
                before.label = "ORG".into();
            }
            _ => out.push(span.clone()),
        }
    }
    out
}

/// (start, end) of the space-separated words of `chars[start..end]`.
fn word_offsets(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut from = None;
    let ends = chars[start..end]
        .iter()
        .map(|c| c.is_whitespace())
        .chain([true]);
    for (i, space) in (start..).zip(ends) {
        match (from, space) {
            (None, false) => from = Some(i),
            (Some(a), true) => {
                words.push((a, i));
                from = None;
            }
            _ => {}
        }
    }
    words
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
    // Called on every span: one buffer for the lower-cased words, no copy of the span.
    let words: Vec<&[char]> = chars[start..end].split(|&c| c == ' ').collect();
    let mut lowered = String::new();
    for (i, word) in words.iter().enumerate() {
        at += word.len() + 1;
        lowered.clear();
        lowered.extend(word.iter().map(|&c| lower_char(c)));
        if TITLES.contains(&lowered.as_str()) {
            let next = words.get(i + 1);
            found = Some(
                if next.is_some_and(|w| w.first().is_some_and(|c| c.is_uppercase())) {
                    at
                } else {
                    end
                },
            );
        }
    }
    found.map(|f| f.min(end))
}

/// Last words that make a name an organisation's ("Milli Eğitim Bakanlığı", "Ziraat Bankası",
/// "Yapı Kredi Yayınları") or a place's ("Marmara Denizi", "Karadeniz Sahil Yolu").
const ORGANISATION_HEADS: [&str; 40] = [
    "bakanlığı",
    "başkanlığı",
    "müdürlüğü",
    "valiliği",
    "kaymakamlığı",
    "başsavcılığı",
    "komutanlığı",
    "partisi",
    "parti",
    "bankası",
    "belediyesi",
    "üniversitesi",
    "holding",
    "yayınları",
    "meclisi",
    "platformu",
    "derneği",
    "vakfı",
    "kurumu",
    "kurulu",
    "odası",
    "barosu",
    "federasyonu",
    "konfederasyonu",
    "sendikası",
    "birliği",
    "mahkemesi",
    "komisyonu",
    "konseyi",
    "örgütü",
    "teşkilatı",
    "ajansı",
    "kulübü",
    "grubu",
    "şirketi",
    "enstitüsü",
    "akademisi",
    "fonu",
    "ittifakı",
    "hastanesi",
];
const PLACE_HEADS: [&str; 16] = [
    "denizi",
    "gölü",
    "nehri",
    "ırmağı",
    "dağı",
    "dağları",
    "körfezi",
    "boğazı",
    "adası",
    "yarımadası",
    "ovası",
    "yolu",
    "caddesi",
    "meydanı",
    "mahallesi",
    "köyü",
];

/// The type a name's last word gives it: an organisation's head noun or a place's.
pub(super) fn head_evidence(name: &str) -> Option<&'static str> {
    let last = lower(name.split_whitespace().last()?);
    if name.split_whitespace().count() < 2 && last != "holding" {
        return None;
    }
    if ORGANISATION_HEADS.contains(&last.as_str()) {
        Some("ORG")
    } else if PLACE_HEADS.contains(&last.as_str()) {
        Some("LOCATION")
    } else {
        None
    }
}

/// Words that open a title before its title noun ("Devlet Başkanı", "Genel Başkanı",
/// "Teknik Direktörü", "Dışişleri Bakanı").
const TITLE_OPENERS: [&str; 14] = [
    "devlet",
    "genel",
    "teknik",
    "yönetim",
    "kurulu",
    "grup",
    "belediye",
    "büyükşehir",
    "dışişleri",
    "içişleri",
    "bakan",
    "il",
    "onursal",
    "kulüp",
];

/// The `index`th word after `end` (words split at spaces, commas cut off).
fn word_after(chars: &[char], end: usize, index: usize) -> Option<String> {
    let rest: String = chars[end.min(chars.len())..].iter().take(200).collect();
    rest.split_whitespace()
        .nth(index)
        .map(|w| lower(w.trim_end_matches([',', '.', ';', ':'])))
}

/// `end` without the title's opening words a model ran into a name's end ("Ukrayna Devlet"
/// before "Başkanı").
pub(super) fn without_title_openers(chars: &[char], start: usize, mut end: usize) -> usize {
    loop {
        let span: String = chars[start..end].iter().collect();
        let Some((head, last)) = span.rsplit_once(' ') else {
            return end;
        };
        let opens_title = TITLE_OPENERS.contains(&lower(last).as_str())
            && word_after(chars, end, 0).is_some_and(|w| {
                TITLES.contains(&w.as_str()) || TITLE_OPENERS.contains(&w.as_str())
            });
        if !opens_title {
            return end;
        }
        end = start + head.trim_end().chars().count();
    }
}

/// A minister's field, not a name: the words before "Bakanı" in "Tarım ve Orman Bakanı",
/// "Sanayi ve Teknoloji Bakanı" (the ministry itself is "… Bakanlığı").
pub(super) fn names_a_ministers_field(chars: &[char], start: usize, end: usize) -> bool {
    let span: String = chars[start..end].iter().collect();
    // "ABD Dışişleri Bakanı": a country or an acronym before the field is a name.
    if head_evidence(&span).is_some()
        || gazetteer::lookup(&span, "tr").is_some()
        || !span.chars().any(char::is_lowercase)
    {
        return false;
    }
    let rest: String = chars[end.min(chars.len())..].iter().take(120).collect();
    for raw in rest.split_whitespace().take(6) {
        let word = lower(raw.trim_end_matches([',', '.', ';', ':']));
        if matches!(word.as_str(), "bakanı" | "bakan" | "bakanları") {
            return true;
        }
        if word != "ve" && !raw.starts_with(char::is_uppercase) {
            return false;
        }
    }
    false
}

/// Where a name starts once a common noun with a case ending that opens the sentence is left
/// out ("Törene Gaziantep Valisi", "Toplantıya Türkiye İhracatçılar Meclisi"): a proper name
/// takes its case ending after an apostrophe, a capitalised word with one fused is a common
/// noun capitalised by the sentence. Short words and gazetteer places stay ("Almanya").
pub(super) fn after_sentence_opener(chars: &[char], start: usize, end: usize) -> usize {
    let opens_sentence = super::spans::mark_before(chars, start)
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '“'));
    let Some(&(a, b)) = word_offsets(chars, start, end).first() else {
        return start;
    };
    if !opens_sentence || b >= end || b - a < 6 {
        return start;
    }
    let word: String = chars[a..b].iter().collect();
    let lowered = lower(&word);
    let case_ending = [
        "ya", "ye", "da", "de", "ta", "te", "na", "ne", "dan", "den", "tan", "ten",
    ]
    .iter()
    .any(|e| lowered.ends_with(e));
    if !case_ending || word.contains(APOSTROPHES) || gazetteer::lookup(&word, "tr").is_some() {
        return start;
    }
    (b..end).find(|&i| !chars[i].is_whitespace()).unwrap_or(end)
}

/// A one-word name that is the last word of a person named in full in the same text is that
/// person on a second mention ("Devlet Bahçeli … Bahçeli, …"), whatever the model said.
pub(super) fn second_mentions(candidates: &mut [super::Candidate]) {
    let surnames: Vec<String> = candidates
        .iter()
        .filter(|c| super::entity_type(&c.label) == "PERSON" || c.evidence == Some("PERSON"))
        .filter_map(|c| c.name.rsplit_once(' ').map(|(_, last)| last.to_string()))
        .collect();
    for c in candidates.iter_mut() {
        if !c.name.contains(' ') && surnames.contains(&c.name) {
            c.evidence = Some("PERSON");
        }
    }
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
    fn brackets_split_a_name_from_its_acronym() {
        let text = "Cumhuriyet Halk Partisi (CHP) Genel Başkanı";
        let chars: Vec<char> = text.chars().collect();
        let spans = [span(text, "Cumhuriyet Halk Partisi (CHP)", "ORG")];
        let texts: Vec<String> = without_suffixes(&chars, &spans)
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(texts, ["Cumhuriyet Halk Partisi", "CHP"]);
    }

    #[test]
    fn heads_titles_and_fields() {
        assert_eq!(head_evidence("Ziraat Bankası"), Some("ORG"));
        assert_eq!(head_evidence("Karadeniz Sahil Yolu"), Some("LOCATION"));
        assert_eq!(head_evidence("Ahmet Yılmaz"), None);
        let text =
            "Ukrayna Devlet Başkanı Volodimir Zelenski ile Tarım ve Orman Bakanı İbrahim Yumaklı";
        let chars: Vec<char> = text.chars().collect();
        let end = without_title_openers(&chars, 0, "Ukrayna Devlet".chars().count());
        assert_eq!(chars[..end].iter().collect::<String>(), "Ukrayna");
        let tarim = text
            .find("Tarım")
            .map(|b| text[..b].chars().count())
            .expect("in text");
        assert!(names_a_ministers_field(&chars, tarim, tarim + 5));
        assert!(!names_a_ministers_field(&chars, 0, 7));
        let text = "ABD Dışişleri Bakanı Marco Rubio";
        let chars: Vec<char> = text.chars().collect();
        assert!(!names_a_ministers_field(&chars, 0, 3));
    }

    #[test]
    fn titles_inside_a_span_split_it() {
        let text = "Washington'da ABD Dışişleri Bakanı Marco Rubio ile";
        let chars: Vec<char> = text.chars().collect();
        let spans = [span(text, "ABD Dışişleri Bakanı Marco Rubio", "ORG")];
        let found: Vec<(String, String)> = without_suffixes(&chars, &spans)
            .into_iter()
            .map(|s| (s.text, s.label))
            .collect();
        assert_eq!(
            found,
            [
                ("ABD".into(), "ORG".into()),
                ("Marco Rubio".into(), "PER".into())
            ]
        );
    }

    #[test]
    fn a_case_marked_sentence_opener_is_no_name() {
        let text = "Oldu. Törene Gaziantep Valisi katıldı. Almanya Hükümeti";
        let chars: Vec<char> = text.chars().collect();
        let at = |s: &str| {
            text.find(s)
                .map(|b| text[..b].chars().count())
                .expect("in text")
        };
        let start = at("Törene");
        let end = start + "Törene Gaziantep".chars().count();
        assert_eq!(after_sentence_opener(&chars, start, end), at("Gaziantep"));
        let start = at("Almanya");
        assert_eq!(after_sentence_opener(&chars, start, chars.len()), start);
    }

    #[test]
    fn a_lone_head_noun_ends_the_name_before_it() {
        let text = "Milliyetçi Hareket Partisi Genel Başkanı";
        let chars: Vec<char> = text.chars().collect();
        let spans = [
            span(text, "Milliyetçi Hareket", "PER"),
            span(text, "Partisi", "ORG"),
        ];
        let found: Vec<(String, String)> = without_suffixes(&chars, &spans)
            .into_iter()
            .map(|s| (s.text, s.label))
            .collect();
        assert_eq!(found, [("Milliyetçi Hareket Partisi".into(), "ORG".into())]);
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
