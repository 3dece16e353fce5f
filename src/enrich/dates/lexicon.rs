//! Word classes shared by the English and Russian grammars: a word is looked up
//! once per token, so patterns compare small enums instead of strings.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use chrono::Weekday;

use super::Modifier;
use super::resolve::{Unit, Zone};
use super::value::{Season, VagueRef};
use super::{en, ru};

/// Deictic adjectives: "last"/"прошлый", "this"/"этот", "next"/"следующий".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Deixis {
    BeforeLast,
    Last,
    This,
    Next,
}

/// The date meaning of a word, in either language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
    Month(u32),
    /// "Aug", "Sept": a month only next to a day or year.
    MonthAbbrev(u32),
    Weekday(Weekday),
    Season(Season),
    Unit {
        unit: Unit,
        plural: bool,
    },
    Deixis(Deixis),
    /// "yesterday" = -1 day.
    Relative(i64),
    Ago,
    Modifier(Modifier),
    /// "beginning", "end": a modifier in "the end of June".
    ModifierNoun(Modifier),
    Number(u32),
    /// "several", "a few", "несколько": a count too vague to resolve.
    Several,
    Ordinal(u32),
    /// "recent", "последние": with a plural unit, a vague past.
    Recent,
    /// "coming", "ближайшие": with a plural unit, a vague future.
    Coming,
    /// "recently", "currently".
    Vague(VagueRef),
    /// "earlier", "later": kept in the mention without changing its value.
    Hedge,
}

/// What a word says about the numbers and dates around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Marks a following bare number as a year ("in", "since", "в", "до").
    YearContext,
    /// Marks a following clock time ("at", "около").
    TimeContext,
    /// Counts, money and units: a number before one is not a year ("people", "рублей").
    Quantity,
    /// The sentence speaks of the future ("will", "будет").
    FutureCue,
}

impl Role {
    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// What the lexicon knows about one word.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Entry {
    pub word: Option<Word>,
    roles: u8,
}

impl Entry {
    pub(super) fn has(&self, role: Role) -> bool {
        self.roles & role.bit() != 0
    }
}

/// FxHash: the words are trusted constants, so a fast non-keyed hash suits
/// the one lookup done per word of text.
#[derive(Default)]
pub(super) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) struct Lexicon {
    entries: HashMap<String, Entry, BuildHasherDefault<FxHasher>>,
    /// Russian stems whose every form has a role ("рубл" for "рублей", "рубля").
    role_stems: Vec<(&'static str, Role)>,
}

pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut entries: HashMap<String, Entry, BuildHasherDefault<FxHasher>> = HashMap::default();
    let words = en::words()
        .into_iter()
        .chain(ru::words())
        .map(|(w, class)| (w.to_string(), class))
        .chain(ru::inflected_words());
    for (word, class) in words {
        entries.entry(word).or_default().word = Some(class);
    }
    for (word, role) in en::roles().into_iter().chain(ru::roles()) {
        entries.entry(word.to_string()).or_default().roles |= role.bit();
    }
    Lexicon {
        entries,
        role_stems: ru::role_stems(),
    }
});

impl Lexicon {
    /// The entry of a lower-cased word, with the roles its stem gives it.
    pub(super) fn lookup(&self, lower: &str) -> Entry {
        let mut entry = self.entries.get(lower).copied().unwrap_or_default();
        if !lower.is_ascii() {
            for &(stem, role) in &self.role_stems {
                if lower.starts_with(stem) {
                    entry.roles |= role.bit();
                }
            }
        }
        entry
    }
}

/// Time zone named by one or two lower-cased words ("moscow time", "мск",
/// "по московскому времени" arrives as "московскому" + "времени").
pub(super) fn zone(first: &str, second: Option<&str>) -> Option<(Option<Zone>, usize)> {
    en::zone(first, second).or_else(|| ru::zone(first, second))
}

/// Value of a Roman numeral written with Latin letters or their Cyrillic
/// look-alikes ("XX", "ХХ"), as Russian texts write centuries.
pub(super) fn roman(raw: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in raw.chars().rev() {
        let v = match c {
            'I' | 'І' => 1,
            'V' => 5,
            'X' | 'Х' => 10,
            'L' => 50,
            'C' | 'С' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (1..=30).contains(&total).then_some(total)
}
