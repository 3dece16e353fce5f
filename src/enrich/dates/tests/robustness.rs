//! Odd input must never panic, and offsets must stay in code points.

use chrono::NaiveDate;

use super::super::tag_dates;

fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 8, 27).expect("valid date")
}

#[test]
fn odd_inputs_do_not_panic() {
    let long_digits = "9".repeat(10_000);
    let long_dashes = "1-".repeat(5_000);
    let many_years = "в 1917 году, ".repeat(2_000);
    let inputs = [
        "",
        " ",
        "\n\n\n",
        "1",
        "0000",
        "99999999999999999999999999",
        long_digits.as_str(),
        long_dashes.as_str(),
        many_years.as_str(),
        "31.02.2025 29.02.2023 29.02.2024 00.00.0000 99/99/9999",
        "25:99 24:00 at 99:99 at 23:59 Moscow time",
        "the 99th century XXXXXXXXXX век 0th",
        "Ⅻ век ХХ век ХXI веке IIIIIIIII века",
        "2025-13-45 2025-02-30 1000-01-01 2100-12-31",
        "in 9999 years ago 99999 days ago через 999 лет",
        "from to between and с по 25– –27 December –",
        "日本 2025年8月27日 العربية ١٩٢٠ 🎉 2025 🎉 в 2025 🎉 году",
        "May May May March march 12 May 1 2 3",
        "'90s '9 's the ' the",
        "a.m. p.m. 3 p. at 3 p.m",
        "\u{0301}25\u{0301} декабря\u{200b}2024",
    ];
    for input in inputs {
        for lang in [
            None,
            Some("en"),
            Some("ru"),
            Some("de"),
            Some("fr"),
            Some("uk"),
            Some("pl"),
        ] {
            for m in tag_dates(input, anchor(), lang) {
                let slice: String = input.chars().skip(m.start).take(m.end - m.start).collect();
                assert_eq!(slice, m.text);
            }
        }
    }
    // Anchors at the edges of chrono's range must not overflow.
    for anchor in [NaiveDate::MIN, NaiveDate::MAX] {
        tag_dates(
            "yesterday, next week, 100 years ago, через 10 лет, 25 December, last summer, Monday",
            anchor,
            Some("en"),
        );
    }
}

#[test]
fn cyrillic_offsets_are_code_points() {
    let text = "Ещё в «апреле 1920 года» — и 25 декабря 2024 г. — всё изменилось 🙂 вчера.";
    let found = tag_dates(text, anchor(), Some("ru"));
    let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["апреле 1920 года", "25 декабря 2024 г.", "вчера"]);
    for m in &found {
        let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(slice, m.text);
    }
}

#[test]
fn every_language_reads_its_own_dates() {
    let cases = [
        (
            "de",
            "Am 15. März und im vergangenen Jahr.",
            ["2025-03-15", "2024"],
        ),
        ("fr", "Le 15 mars et l'an dernier.", ["2025-03-15", "2024"]),
        ("uk", "У середу і 12 березня.", ["2025-08-27", "2025-03-12"]),
    ];
    for (lang, text, values) in cases {
        let found: Vec<String> = tag_dates(text, anchor(), Some(lang))
            .into_iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(found, values, "{lang}: {text}");
    }
}

#[test]
fn language_decides_ambiguous_slash_dates() {
    let value = |lang| {
        tag_dates("Dated 03/04/2025.", anchor(), lang)
            .first()
            .map(|m| m.value.clone())
    };
    assert_eq!(value(Some("en")).as_deref(), Some("2025-03-04"));
    assert_eq!(value(Some("ru")).as_deref(), Some("2025-04-03"));
}

#[test]
fn without_a_language_both_rule_sets_apply() {
    let text = "Talks began on 25 December; переговоры начались 25 декабря. Dated 03/04/2025.";
    let found = tag_dates(text, anchor(), None);
    let values: Vec<&str> = found.iter().map(|m| m.value.as_str()).collect();
    // Mostly Latin script, so the slash date reads month first.
    assert_eq!(values, ["2024-12-25", "2024-12-25", "2025-03-04"]);
}

/// The table languages, on fragments of their own words: every language, no panic, offsets in
/// code points, mentions in order and apart.
#[test]
fn random_mixes_in_every_language_do_not_panic() {
    const PIECES: [&str; 36] = [
        "15",
        "2024",
        "1.",
        "12",
        ".",
        "-",
        "–",
        ",",
        "'",
        "’",
        " ",
        " ",
        "\n",
        "März",
        "mars",
        "marzo",
        "березня",
        "marcu",
        "vom",
        "bis",
        "du",
        "au",
        "de",
        "il y a",
        "vor",
        "hace",
        "fa",
        "тому",
        "temu",
        "Anfang",
        "fin",
        "XXe",
        "siècle",
        "16h30",
        "Uhr",
        "п'ятницю",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..4_000 {
        let len = next() % 12;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let lang = ["de", "fr", "es", "it", "pt", "nl", "uk", "pl"][round % 8];
        let found = tag_dates(&text, anchor(), Some(lang));
        for m in &found {
            let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(slice, m.text, "in {text:?} ({lang})");
            assert!(m.start < m.end, "empty mention in {text:?}");
        }
        for pair in found.windows(2) {
            assert!(pair[0].end <= pair[1].start, "overlap in {text:?} ({lang})");
        }
    }
}

#[test]
fn random_mixes_of_date_fragments_do_not_panic() {
    const PIECES: [&str; 40] = [
        "25",
        "1917",
        "2025",
        "12",
        "0",
        "99999",
        "-",
        "–",
        ".",
        ",",
        ":",
        "/",
        "'",
        "(",
        ")",
        " ",
        " ",
        "\n",
        "December",
        "декабря",
        "May",
        "the",
        "of",
        "in",
        "в",
        "с",
        "по",
        "году",
        "г.",
        "XX",
        "век",
        "last",
        "next",
        "ago",
        "назад",
        "s",
        "х",
        "p.m.",
        "Moscow time",
        "🎉",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        // xorshift64: deterministic, so a failure is reproducible.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3_000 {
        let len = next() % 12;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let found = tag_dates(&text, anchor(), None);
        for m in &found {
            let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(slice, m.text, "in {text:?}");
            assert!(m.start < m.end, "empty mention in {text:?}");
        }
        for pair in found.windows(2) {
            assert!(pair[0].end <= pair[1].start, "overlap in {text:?}");
        }
    }
}
