//! Expected values are natasha 1.6.0 outputs (natasha.norm.normalize with
//! MorphVocab) for the same tokens and tags.

use super::{TaggedWord, inflect_word, normalize};

fn feats(case: &str, gender: Option<&str>, number: &str) -> Vec<(String, String)> {
    let mut f = vec![
        ("Case".to_string(), case.to_string()),
        ("Number".to_string(), number.to_string()),
    ];
    if let Some(g) = gender {
        f.push(("Gender".to_string(), g.to_string()));
    }
    f
}

/// Normalise a span of (text, pos, case, gender, number) separated by one space.
fn norm(tokens: &[(&str, &str, &str, Option<&str>, &str)]) -> String {
    let fs: Vec<Vec<(String, String)>> = tokens.iter().map(|t| feats(t.2, t.3, t.4)).collect();
    let words: Vec<TaggedWord> = tokens
        .iter()
        .zip(&fs)
        .map(|(t, f)| TaggedWord {
            text: t.0,
            pos: t.1,
            feats: f,
        })
        .collect();
    let gaps = vec![" "; tokens.len().saturating_sub(1)];
    normalize(&words, &gaps)
}

fn one(text: &str, pos: &str, case: &str, gender: Option<&str>) -> String {
    norm(&[(text, pos, case, gender, "Sing")])
}

const M: Option<&str> = Some("Masc");
const F: Option<&str> = Some("Fem");
const N: Option<&str> = Some("Neut");

#[test]
fn surnames_by_gender() {
    assert_eq!(one("Алиева", "PROPN", "Gen", M), "Алиев");
    assert_eq!(one("Алиевой", "PROPN", "Gen", F), "Алиева");
    assert_eq!(one("Кравчуковой", "PROPN", "Gen", F), "Кравчукова");
    assert_eq!(
        norm(&[
            ("Марии", "PROPN", "Dat", F, "Sing"),
            ("Захаровой", "PROPN", "Dat", F, "Sing")
        ]),
        "Мария Захарова"
    );
}

#[test]
fn full_names() {
    assert_eq!(
        norm(&[
            ("Ильхамом", "PROPN", "Ins", M, "Sing"),
            ("Алиевым", "PROPN", "Ins", M, "Sing")
        ]),
        "Ильхам Алиев"
    );
    assert_eq!(
        norm(&[
            ("Владимиром", "PROPN", "Ins", M, "Sing"),
            ("Путиным", "PROPN", "Ins", M, "Sing")
        ]),
        "Владимир Путин"
    );
    assert_eq!(
        norm(&[
            ("Сергея", "PROPN", "Gen", M, "Sing"),
            ("Лаврова", "PROPN", "Gen", M, "Sing")
        ]),
        "Сергей Лавров"
    );
    assert_eq!(
        norm(&[
            ("Дмитрием", "PROPN", "Ins", M, "Sing"),
            ("Песковым", "PROPN", "Ins", M, "Sing")
        ]),
        "Дмитрий Песков"
    );
}

#[test]
fn places() {
    assert_eq!(one("Москве", "PROPN", "Loc", F), "Москва");
    assert_eq!(one("Азербайджана", "PROPN", "Gen", M), "Азербайджан");
    assert_eq!(one("Украине", "PROPN", "Loc", F), "Украина");
    assert_eq!(one("Киеве", "PROPN", "Loc", M), "Киев");
}

#[test]
fn hyphenated() {
    assert_eq!(one("Нью-Йорке", "PROPN", "Loc", M), "Нью-Йорк");
    assert_eq!(
        one("Санкт-Петербурге", "PROPN", "Loc", M),
        "Санкт-Петербург"
    );
    assert_eq!(
        one("Римского-Корсакова", "PROPN", "Gen", M),
        "Римский-Корсаков"
    );
    assert_eq!(
        one("Петропавловске-Камчатском", "PROPN", "Loc", M),
        "Петропавловск-Камчатский"
    );
    assert_eq!(one("Ростове-на-Дону", "PROPN", "Loc", M), "Ростов-на-Дону");
    // unknown double surnames: both parts inflect, unless the left one cannot
    assert_eq!(
        one("Салтыкова-Щедрина", "PROPN", "Gen", M),
        "Салтыков-Щедрин"
    );
    assert_eq!(
        one("Ивановой-Петровой", "PROPN", "Gen", F),
        "Иванова-Петрова"
    );
    assert_eq!(one("Кара-Мурзы", "PROPN", "Gen", M), "Кара-Мурза");
    assert_eq!(one("Бонч-Бруевича", "PROPN", "Gen", M), "Бонч-Бруевич");
}

#[test]
fn unknown_surnames() {
    // not in the dictionary: suffix fallback
    assert_eq!(one("Пашиняна", "PROPN", "Gen", M), "Пашинян");
    assert_eq!(one("Байдена", "PROPN", "Gen", M), "Байден");
    assert_eq!(one("Трампу", "PROPN", "Dat", M), "Трамп");
    assert_eq!(one("Эрдогана", "PROPN", "Gen", M), "Эрдоган");
    assert_eq!(one("Зеленского", "PROPN", "Gen", M), "Зеленский");
    assert_eq!(one("Шмыгалёва", "PROPN", "Gen", M), "Шмыгалев");
}

#[test]
fn tag_without_matching_parse_is_kept() {
    // female name mis-tagged Masc: pymorphy2 has no such parse, natasha keeps it
    assert_eq!(one("Евгению", "PROPN", "Acc", M), "Евгению");
}

#[test]
fn organisations() {
    assert_eq!(
        norm(&[
            ("Министерства", "NOUN", "Gen", N, "Sing"),
            ("иностранных", "ADJ", "Gen", None, "Plur"),
            ("дел", "NOUN", "Gen", N, "Plur"),
            ("России", "PROPN", "Gen", F, "Sing"),
        ]),
        "Министерство иностранные дела Россия"
    );
    assert_eq!(
        norm(&[
            ("Государственной", "ADJ", "Gen", F, "Sing"),
            ("думы", "PROPN", "Gen", F, "Sing")
        ]),
        "Государственная дума"
    );
    // "соединенных" is a participle in pymorphy2, so ADJ does not match
    assert_eq!(
        norm(&[
            ("Соединённых", "ADJ", "Gen", None, "Plur"),
            ("Штатов", "PROPN", "Gen", M, "Plur")
        ]),
        "Соединенных Штаты"
    );
}

#[test]
fn shapes() {
    assert_eq!(one("МОСКВЕ", "PROPN", "Loc", F), "МОСКВА");
    assert_eq!(one("ООН", "PROPN", "Gen", F), "ООН");
    // ё is folded to е like natasha does
    assert_eq!(one("Артёма", "PROPN", "Gen", M), "Артем");
    // mixed-case parts cannot be recovered: natasha returns the lowercase word
    assert_eq!(one("МакДональдса", "PROPN", "Gen", M), "макдональдс");
    assert_eq!(one("МИДа", "PROPN", "Gen", M), "мид");
}

#[test]
fn nominative_and_foreign_unchanged() {
    assert_eq!(
        norm(&[
            ("Владимир", "PROPN", "Nom", M, "Sing"),
            ("Путин", "PROPN", "Nom", M, "Sing")
        ]),
        "Владимир Путин"
    );
    assert_eq!(one("Instagram", "PROPN", "Gen", M), "Instagram");
    assert_eq!(one("2024", "NUM", "Gen", None), "2024");
}

#[test]
fn initials_are_kept() {
    let f = feats("Gen", M, "Sing");
    let p: Vec<(String, String)> = Vec::new();
    let words = [
        TaggedWord {
            text: "М",
            pos: "PROPN",
            feats: &f,
        },
        TaggedWord {
            text: ".",
            pos: "PUNCT",
            feats: &p,
        },
        TaggedWord {
            text: "А",
            pos: "PROPN",
            feats: &f,
        },
        TaggedWord {
            text: ".",
            pos: "PUNCT",
            feats: &p,
        },
        TaggedWord {
            text: "Лаврентьева",
            pos: "PROPN",
            feats: &f,
        },
    ];
    assert_eq!(normalize(&words, &["", " ", "", " "]), "М. А. Лаврентьев");
}

#[test]
fn gaps_become_spaces() {
    let f = feats("Gen", M, "Sing");
    let words = [
        TaggedWord {
            text: "Сергея",
            pos: "PROPN",
            feats: &f,
        },
        TaggedWord {
            text: "Лаврова",
            pos: "PROPN",
            feats: &f,
        },
    ];
    assert_eq!(normalize(&words, &["\n\n"]), "Сергей  Лавров");
    // missing gaps count as empty
    assert_eq!(normalize::<&str>(&words, &[]), "СергейЛавров");
}

#[test]
fn empty_and_odd_input_never_panics() {
    assert_eq!(normalize::<&str>(&[], &[]), "");
    let odd = [
        "",
        "-",
        "--",
        "^",
        "ё",
        "Ё",
        "а-",
        "-а",
        "ъъъ",
        "İstanbul",
        "ǅ",
        "💥",
        "а\u{301}лиева",
        "ʼ",
        "\u{0}",
        "Ωμέγα",
        "ß",
        "ﬃ",
    ];
    let mut all_keys = Vec::new();
    for pos in ["NOUN", "PROPN", "ADJ", "VERB", "X", ""] {
        for case in ["Gen", "Dat", "Acc", "Ins", "Loc", "Nom", "Par", ""] {
            for g in [M, F, N, None, Some("")] {
                for n in ["Sing", "Plur", ""] {
                    all_keys.push((pos, feats(case, g, n)));
                }
            }
        }
    }
    for text in odd {
        for (pos, f) in &all_keys {
            let w = TaggedWord {
                text,
                pos,
                feats: f,
            };
            let _ = inflect_word(&w);
            let _ = normalize(&[w, w], &["  "]);
        }
    }
}

#[test]
fn table_loads() {
    let t = super::table::table();
    for key in [
        "NOUN,Masc,Sing,Gen",
        "NOUN,Fem,Sing,Loc",
        "ADJ,-,Plur,Gen",
        "VERB,Masc,Sing,Ins",
    ] {
        assert!(t.has_key(key), "{key}");
    }
    assert!(!t.has_key("NOUN,Masc,Sing,Nom"));
    // digits inside dictionary words ("4-ого") are looked up too
    let f = feats("Acc", M, "Sing");
    assert_eq!(
        inflect_word(&TaggedWord {
            text: "4-ого",
            pos: "ADJ",
            feats: &f
        }),
        "4-й"
    );
}
