//! Per-language vocabulary. English and Russian are written as code (`en.rs`, `ru.rs`); every
//! other language is two tables read into the same word classes: `data/<code>.generated.tsv`
//! (CLDR, dateparser and number-parser, written by `data/generate.py`) and the hand-written
//! `lang/<code>.tsv` (case forms, seasons, part-of-period words, prepositions, future cues).

pub(super) mod en;
pub(super) mod ru;
pub(super) mod table;

/// Languages with date rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ru,
    De,
    Fr,
    Es,
    It,
    Pt,
    Nl,
    Uk,
    Pl,
    Tr,
    Ar,
    Zh,
    Ja,
}

impl Lang {
    /// Every language with rules, in the order of [`Lang::code`].
    pub const ALL: [Lang; 14] = [
        Lang::En,
        Lang::Ru,
        Lang::De,
        Lang::Fr,
        Lang::Es,
        Lang::It,
        Lang::Pt,
        Lang::Nl,
        Lang::Uk,
        Lang::Pl,
        Lang::Tr,
        Lang::Ar,
        Lang::Zh,
        Lang::Ja,
    ];

    /// Reads an ISO 639-1 code ("en", "de", "pt-BR"); other languages have no rules.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        let primary = primary.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Pt => "pt",
            Lang::Nl => "nl",
            Lang::Uk => "uk",
            Lang::Pl => "pl",
            Lang::Tr => "tr",
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::Ja => "ja",
        }
    }

    /// The generated and the hand-written table of a table language; `None` for English and
    /// Russian, whose vocabulary is code.
    pub(super) fn tables(self) -> Option<[&'static str; 2]> {
        match self {
            Lang::En | Lang::Ru => None,
            Lang::De => Some([
                include_str!("../data/de.generated.tsv"),
                include_str!("de.tsv"),
            ]),
            Lang::Fr => Some([
                include_str!("../data/fr.generated.tsv"),
                include_str!("fr.tsv"),
            ]),
            Lang::Es => Some([
                include_str!("../data/es.generated.tsv"),
                include_str!("es.tsv"),
            ]),
            Lang::It => Some([
                include_str!("../data/it.generated.tsv"),
                include_str!("it.tsv"),
            ]),
            Lang::Pt => Some([
                include_str!("../data/pt.generated.tsv"),
                include_str!("pt.tsv"),
            ]),
            Lang::Nl => Some([
                include_str!("../data/nl.generated.tsv"),
                include_str!("nl.tsv"),
            ]),
            Lang::Uk => Some([
                include_str!("../data/uk.generated.tsv"),
                include_str!("uk.tsv"),
            ]),
            Lang::Pl => Some([
                include_str!("../data/pl.generated.tsv"),
                include_str!("pl.tsv"),
            ]),
            Lang::Tr => Some([
                include_str!("../data/tr.generated.tsv"),
                include_str!("tr.tsv"),
            ]),
            Lang::Ar => Some([
                include_str!("../data/ar.generated.tsv"),
                include_str!("ar.tsv"),
            ]),
            Lang::Zh => Some([
                include_str!("../data/zh.generated.tsv"),
                include_str!("zh.tsv"),
            ]),
            Lang::Ja => Some([
                include_str!("../data/ja.generated.tsv"),
                include_str!("ja.tsv"),
            ]),
        }
    }
}
