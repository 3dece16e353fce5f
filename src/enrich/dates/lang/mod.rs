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
}

impl Lang {
    /// Every language with rules, in the order of [`Lang::code`].
    pub const ALL: [Lang; 10] = [
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
        }
    }

    /// The generated and the hand-written table of a table language; `None` for English and
    /// Russian, whose vocabulary is code.
    pub(super) fn tables(self) -> Option<[&'static str; 2]> {
        macro_rules! tables {
            ($code:literal) => {
                Some([
                    include_str!(concat!("../data/", $code, ".generated.tsv")),
                    include_str!(concat!($code, ".tsv")),
                ])
            };
        }
        match self {
            Lang::En | Lang::Ru => None,
            Lang::De => tables!("de"),
            Lang::Fr => tables!("fr"),
            Lang::Es => tables!("es"),
            Lang::It => tables!("it"),
            Lang::Pt => tables!("pt"),
            Lang::Nl => tables!("nl"),
            Lang::Uk => tables!("uk"),
            Lang::Pl => tables!("pl"),
        }
    }
}
