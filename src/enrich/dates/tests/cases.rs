//! Table-driven cases: each row of `cases_*.tsv` is
//! `sentence, anchor, text, value, granularity, modifier, end_value`, with `-`
//! for "none". Consecutive rows with the same sentence and anchor list all the
//! mentions expected in it, in order; a `text` of `-` expects no mention at all.
//!
//! `holdout/<code>.tsv` has the same rows: sentences written before the rules of the
//! language and never used to tune them. Their test prints strict precision, recall and F1
//! (a mention counts when its text, value, granularity, modifier and end all match).

use chrono::NaiveDate;

use super::super::{DateMention, tag_dates};

const CASES_EN: &str = include_str!("cases_en.tsv");
const CASES_RU: &str = include_str!("cases_ru.tsv");
/// English and Russian held-out sentences, written before the tense rules.
const HELD_OUT_EN_RU: [(&str, &str); 2] = [
    ("en", include_str!("holdout/en.tsv")),
    ("ru", include_str!("holdout/ru.tsv")),
];
/// The table languages' cases and held-out sentences.
const TABLE_CASES: [(&str, &str, &str); 12] = [
    (
        "de",
        include_str!("cases_de.tsv"),
        include_str!("holdout/de.tsv"),
    ),
    (
        "fr",
        include_str!("cases_fr.tsv"),
        include_str!("holdout/fr.tsv"),
    ),
    (
        "es",
        include_str!("cases_es.tsv"),
        include_str!("holdout/es.tsv"),
    ),
    (
        "it",
        include_str!("cases_it.tsv"),
        include_str!("holdout/it.tsv"),
    ),
    (
        "pt",
        include_str!("cases_pt.tsv"),
        include_str!("holdout/pt.tsv"),
    ),
    (
        "nl",
        include_str!("cases_nl.tsv"),
        include_str!("holdout/nl.tsv"),
    ),
    (
        "uk",
        include_str!("cases_uk.tsv"),
        include_str!("holdout/uk.tsv"),
    ),
    (
        "pl",
        include_str!("cases_pl.tsv"),
        include_str!("holdout/pl.tsv"),
    ),
    (
        "tr",
        include_str!("cases_tr.tsv"),
        include_str!("holdout/tr.tsv"),
    ),
    (
        "ar",
        include_str!("cases_ar.tsv"),
        include_str!("holdout/ar.tsv"),
    ),
    (
        "zh",
        include_str!("cases_zh.tsv"),
        include_str!("holdout/zh.tsv"),
    ),
    (
        "ja",
        include_str!("cases_ja.tsv"),
        include_str!("holdout/ja.tsv"),
    ),
];

struct Case {
    line: usize,
    sentence: String,
    anchor: NaiveDate,
    expected: Vec<String>,
}

/// One mention as a comparable line, e.g. `25 December => 2024-12-25 day - -`.
fn describe(m: &DateMention) -> String {
    let modifier = m.modifier.map_or("-".to_string(), |x| {
        serde_json::to_string(&x)
            .unwrap_or_default()
            .replace('"', "")
    });
    let granularity = serde_json::to_string(&m.granularity)
        .unwrap_or_default()
        .replace('"', "");
    format!(
        "{} => {} {} {} {}",
        m.text,
        m.value,
        granularity,
        modifier,
        m.end_value.as_deref().unwrap_or("-")
    )
}

fn parse(table: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (index, row) in table.lines().enumerate() {
        if row.trim().is_empty() || row.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(
            cols.len(),
            7,
            "line {}: expected 7 columns: {row}",
            index + 1
        );
        let anchor = NaiveDate::parse_from_str(cols[1], "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("line {}: bad anchor: {e}", index + 1));
        let expected = (cols[2] != "-").then(|| {
            format!(
                "{} => {} {} {} {}",
                cols[2], cols[3], cols[4], cols[5], cols[6]
            )
        });
        match cases.last_mut() {
            Some(last) if last.sentence == cols[0] && last.anchor == anchor => {
                last.expected.extend(expected)
            }
            _ => cases.push(Case {
                line: index + 1,
                sentence: cols[0].to_string(),
                anchor,
                expected: expected.into_iter().collect(),
            }),
        }
    }
    cases
}

/// Runs every case of a table, prints each failure, and returns
/// (rows, expected mentions, failures).
fn run(table: &str, lang: &str) -> (usize, usize, usize) {
    let (cases, mentions, failures, _) = score(table, lang, true);
    (cases, mentions, failures)
}

/// Strict counts of a table: (sentences, expected mentions, failing sentences,
/// [true positives, found, expected]).
fn score(table: &str, lang: &str, print: bool) -> (usize, usize, usize, [usize; 3]) {
    let cases = parse(table);
    let mut failures = 0;
    let mut counts = [0; 3];
    for case in &cases {
        let found = tag_dates(&case.sentence, case.anchor, Some(lang));
        for m in &found {
            let slice: String = case
                .sentence
                .chars()
                .skip(m.start)
                .take(m.end - m.start)
                .collect();
            assert_eq!(slice, m.text, "offsets of {m:?} in {:?}", case.sentence);
        }
        let found: Vec<String> = found.iter().map(describe).collect();
        counts[0] += found.iter().filter(|f| case.expected.contains(f)).count();
        counts[1] += found.len();
        counts[2] += case.expected.len();
        if found != case.expected {
            failures += 1;
            if print {
                println!(
                    "FAIL {lang} line {}: {}\n  expected: {:?}\n  found:    {:?}",
                    case.line, case.sentence, case.expected, found
                );
            }
        }
    }
    let mentions = cases.iter().map(|c| c.expected.len()).sum();
    (cases.len(), mentions, failures, counts)
}

fn f1([hits, found, expected]: [usize; 3]) -> (f64, f64, f64) {
    let precision = if found == 0 {
        1.0
    } else {
        hits as f64 / found as f64
    };
    let recall = if expected == 0 {
        1.0
    } else {
        hits as f64 / expected as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}

#[test]
fn table_driven_cases() {
    let (en_cases, en_mentions, en_fail) = run(CASES_EN, "en");
    let (ru_cases, ru_mentions, ru_fail) = run(CASES_RU, "ru");
    println!("en: {en_cases} sentences, {en_mentions} mentions, {en_fail} failing");
    println!("ru: {ru_cases} sentences, {ru_mentions} mentions, {ru_fail} failing");
    assert!(en_cases >= 150 && ru_cases >= 150, "too few cases");
    assert_eq!(en_fail + ru_fail, 0, "failing cases (see output above)");
}

#[test]
fn table_language_cases() {
    let mut failing = 0;
    for (lang, cases, _) in TABLE_CASES {
        let (sentences, mentions, failures) = run(cases, lang);
        println!("{lang}: {sentences} sentences, {mentions} mentions, {failures} failing");
        assert!(sentences >= 60, "{lang}: too few cases");
        failing += failures;
    }
    assert_eq!(failing, 0, "failing cases (see output above)");
}

/// One later held-out set: the files `holdout/<set>/<lang>.tsv` of the languages listed.
macro_rules! held_out_set {
    ($set:literal: $($lang:literal),+) => {
        (
            $set,
            &[$(($lang, include_str!(concat!("holdout/", $set, "/", $lang, ".tsv")))),+]
                as &[(&str, &str)],
        )
    };
}

/// The later held-out sets, each written before the rules of its round; like the first set,
/// never printed sentence by sentence.
const LATER_HELD_OUT: [(&str, &[(&str, &str)]); 12] = [
    // 22 to 24 sentences each, before the generality rules.
    held_out_set!("second": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl"),
    // New anchors and constructions: 30-odd English and Russian sentences, 20-odd per language.
    held_out_set!("third": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl"),
    // The press style of each country, on anchors of its own (30 en and ru, 15 each other).
    held_out_set!("fourth": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl"),
    // Wire and paper style on three anchors of its own (the same sizes).
    held_out_set!("fifth": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl"),
    // Each language's wire services and papers on three anchors of its own (30 en and ru, 15
    // each first-wave language, 12 each for tr, ar, zh, ja).
    held_out_set!(
        "sixth": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl", "tr", "ar", "zh", "ja"
    ),
    // Wire and paper style on three new anchors, with clock times, ranges, decades and
    // numbers that are no dates (30-odd en and ru, 20 each first-wave language, 12 each other).
    held_out_set!(
        "seventh": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl", "tr", "ar", "zh", "ja"
    ),
    // Wire and press copy on new anchors: deixis of the month and year, halves, fiscal years,
    // deadlines, ranges, clock times and zones, bare weekdays in reports, and numbers that are
    // no dates (scores, articles, laws, routes, street names).
    held_out_set!(
        "eighth": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl", "tr", "ar", "zh", "ja"
    ),
    // Wire and paper copy on new anchors: future by the governing verb, nights between two
    // days, weekdays with clock times and parts of the day, ranges with their prepositions and
    // across months, ends and middles of periods, quarters and halves, decades, weekends, zones,
    // and street names that are no dates (32 en and ru, 20-odd per other first-wave language).
    held_out_set!(
        "ninth": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl"
    ),
    // Wire and paper copy on new anchors: datelines, deixis of the week, month and year,
    // nights between two days, ends of the month and year, weekdays of this week said with
    // "este"/"nesta", "passado dia", small hours, from-dates, quarters, halves and fiscal years,
    // seasons of sport, weekends, ranges, zones, decades, law numbers, and participles that do
    // not make a date future (32 en and ru, 20-odd per other first-wave language).
    held_out_set!(
        "tenth": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl"
    ),
    // Wire and paper copy on three new anchors per language group: past tenses of each
    // language with bare weekdays, possessive and late weekdays, deixis inside the week, month
    // and year, nights before a day, the day before yesterday, weeks ago, weekends, deadlines
    // put off, ends, starts and middles of months and years, quarters, halves, seasons, ranges,
    // clock times with their day, decades, historic dates, and law and article numbers that
    // are no dates (32-odd en and ru, 20-odd for each other language).
    held_out_set!(
        "eleventh": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl"
    ),
    // Wire and paper copy on new anchors: possessive weekdays ahead, late weekdays, the coming
    // days, irregular and compound pasts before bare weekdays, nights between two days and the
    // night just past, parts of a weekday in one word, "courant", "mi-", "metà", "meados",
    // fiscal years, halves, quarters, starts, middles and ends of periods, deadlines put off,
    // from-years, ranges, seasons of sport, decades, clock times with their day, and street,
    // law and article numbers that are no dates (32 en and ru, 22-24 per other language).
    held_out_set!(
        "twelfth": "en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl"
    ),
    // English and Russian only: AP, Reuters, Bloomberg, local-paper, TASS, Interfax, RBC and
    // Kommersant copy on three new anchors each (courts, markets, sport fixtures, weather,
    // elections, earnings calendars, obituaries, culture listings), with trial and hearing
    // dates, possessive years, clock times before their weekday, figures of a past quarter
    // announced ahead, ranges across the new year, and article and round numbers that are no
    // dates (32 sentences each).
    held_out_set!("thirteenth": "en", "ru"),
];

/// The held-out sentences: their figures, printed per set and language; failures are not
/// printed, as they are not for tuning. The bar the tagger is measured against is strict F1
/// 0.95 on English and Russian and 0.90 on each other language; the test fails below 0.75,
/// a regression floor (a dozen or two sentences per language give coarse steps).
/// `cargo test --release --lib dates::tests::cases::held_out -- --nocapture`
#[test]
fn held_out() {
    let mut below = Vec::new();
    let first = HELD_OUT_EN_RU.into_iter().chain(
        TABLE_CASES
            .into_iter()
            .map(|(lang, _, held_out)| (lang, held_out)),
    );
    let sets = first.map(|(lang, text)| ("first", lang, text)).chain(
        LATER_HELD_OUT
            .into_iter()
            .flat_map(|(set, langs)| langs.iter().map(move |&(lang, text)| (set, lang, text))),
    );
    for (set, lang, held_out) in sets {
        let (sentences, _, failures, counts) = score(held_out, lang, false);
        let (p, r, f) = f1(counts);
        println!(
            "held-out {set} {lang}: {sentences} sentences, {failures} failing; strict P {p:.3} R {r:.3} F1 {f:.3}"
        );
        if f < 0.75 {
            below.push(format!("{set} {lang}"));
        }
    }
    assert!(below.is_empty(), "held-out F1 below 0.75: {below:?}");
}
