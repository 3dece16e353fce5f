//! Word classes shared by every language's grammar: a word is looked up once per token, so
//! patterns compare small enums instead of strings. One lexicon per language (English and
//! Russian share one, as their texts quote each other).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use chrono::Weekday;

use std::borrow::Cow;

use super::Modifier;
use super::lang::{Lang, en, ru, table};
use super::lexer::{Kind, Token};
use super::resolve::{Unit, Zone};
use super::value::{Season, VagueRef};

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
    /// The second word of a hyphenated weekday: "feira" in "quarta-feira".
    WeekdayTail,
    Season(Season),
    Unit {
        unit: Unit,
        plural: bool,
    },
    Deixis(Deixis),
    /// "yesterday" = -1 day.
    Relative(i64),
    /// Ukrainian "торік" (last year) = -1 year: a year told in one word.
    RelativeYear(i64),
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
    /// A decade named in words, by its last two digits: "девяностые" 90.
    DecadeName(u32),
    /// "полгода": six months.
    HalfYear,
    /// Two of a unit in one word: Arabic "سنتين" (two years).
    Dual(Unit),
    /// A part-of-period word after its period: Turkish "[eylül] başında", "[9月]上旬".
    PostModifier(Modifier),
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
    /// Opens a range: "vom", "du", "desde", "od".
    RangeFrom,
    /// Closes a range: "bis", "au", "hasta", "do".
    RangeTo,
    /// Opens a range closed by `And`: "zwischen", "entre", "między".
    Between,
    And,
    /// Joins the parts of a date and may be skipped: "de" in "3 de mayo de 2022", "di".
    Link,
    /// An article a part-of-period phrase may carry: "des" Jahres, "l'" année.
    Article,
    /// Follows a year number: "року", "roku", "r.".
    YearSuffix,
    /// Follows a clock time: "Uhr", "uur", "h", "heures".
    ClockWord,
    /// Opens a decade: "années" 1990, "años" 90, "latach" 90.
    DecadeNoun,
    /// Follows a day or century number glued: "1er", "20e", "1º".
    OrdinalSuffix,
    /// "jeden", "chaque", "cada": a recurring set, not a date.
    Recurring,
    /// A month or season word that is a date without a preposition: "влітку", "latem".
    SelfStanding,
    /// Can start an expression although it has no date meaning of its own.
    Opener,
    /// Makes a decade of the year before it: Turkish "[1990]'larda", "[90]年代".
    DecadeSuffix,
    /// A weekday name that is also an ordinal: Portuguese "segunda" (Monday, second).
    OrdinalWeekday,
    /// "nuit", "Nacht": in "la nuit de samedi à dimanche" the night is of the first day.
    Night,
    /// A verb whose object is a part-of-period noun, not a date's part: "a pris fin", "mettre fin".
    TakesObject,
    /// A present copula: "der Gipfel ist am 7. Juni" schedules ahead unless a participle makes
    /// it a perfect ("ist am 7. Juni gestorben").
    Copula,
    /// A season of sport: the year or pair of years after it is the season's ("W sezonie
    /// 2024", "in der Saison 2024/25").
    SportSeason,
    /// A bare hour after it is a clock time: "alle [18]", "a las [9]", "às [21]".
    HourContext,
    /// A past-tense verb or auxiliary: "war", "blieb", "was" (a deadline after it is behind).
    PastCue,
    /// Closes a span at a deadline: "bis", "tot", "jusqu'", "hasta", "fino", "até", "до", "do".
    Until,
    /// From a date on: "ab", "vanaf", "à partir du", "a partir de" (not "since": "seit").
    StartFrom,
    /// A part of the day before noon after an hour: "de la mañana", "da madrugada", "abends".
    Morning,
    /// A part of the day after noon after an hour: "de la noche", "du soir", "вечора".
    Evening,
    /// A part of the day between a day and its clock time: "ieri sera alle 22.30".
    DayPart,
    /// Half of a year: "Halbjahr", "semestre", "полугодие", "półrocze".
    HalfYear,
    /// Half of anything: "half", "Hälfte", "helft", "половина"; a half of a year only when the
    /// year follows ("the first half of 2025", "второй половине года").
    Half,
    /// The turn of two periods: Polish "[na] przełomie [marca i kwietnia]".
    Turn,
    /// A present-tense verb of starting: "scatta", "entra" (in vigore); a date after a from-word
    /// in its clause is ahead ("dal 1° luglio scatta").
    StartVerb,
    /// Opens a range of hours: "dalle" 9 alle 13, "das" 9h às 13h, "godz." 9-13.
    HourRange,
    /// Since a date: "seit", "sinds"; what follows has begun, so it is behind.
    Since,
    /// A year after it names the year of the noun before it: "la crisis de 2008", "o Orçamento
    /// para 2027" (not after a number or a word of amount: "de 1500 para 2000", "más de 2000").
    YearOf,
    /// An auxiliary of a compound past: "a", "ont", "ha", "hanno" ("a annoncé mardi").
    PastAux,
    /// A noun of figures: a month after it and a link is the month the figures are of, so
    /// behind ("el IPC de noviembre", "les chiffres de mars"), whatever the verb.
    Record,
    /// An indefinite article: after a `PastAux` it makes the auxiliary the present "has" ("a
    /// un match samedi"), which schedules, not a compound past.
    Indefinite,
    /// A word of amount before "de": "cerca", "menos", "total"; a number after them is a count.
    Amount,
    /// Opens a reported or relative clause: "dass", "dat", "що"; a verb after it is not the
    /// tense of a date before it ("maakte dinsdag bekend dat de accijns omhoog gaat").
    That,
    /// A word of "next" that names the nearest weekend to come, not the one after it:
    /// "am kommenden Wochenende", "het komende weekend" said on a Thursday.
    Upcoming,
}

impl Role {
    // A bit of a u64: there are more than 32 roles.
    fn bit(self) -> u64 {
        1 << self as u64
    }
}

/// What the lexicon knows about one word.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Entry {
    pub word: Option<Word>,
    roles: u64,
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

/// Words as the lexer splits them: "il y a" is `["il", "y", "a"]`.
pub(super) type Phrase = Vec<String>;

/// How a language's verb form tells a perfective non-past (a future): a prefix, a non-past
/// ending, and none of the imperfective marks or roots.
#[derive(Default)]
pub(super) struct Aspect {
    pub prefixes: Vec<String>,
    pub endings: Vec<String>,
    pub marks: Vec<String>,
    pub stems: Vec<String>,
}

#[derive(Default)]
pub(super) struct Lexicon {
    entries: HashMap<String, Entry, BuildHasherDefault<FxHasher>>,
    /// Stems whose every form has a role ("рубл" for "рублей", "рубля").
    pub(super) role_stems: Vec<(String, Role)>,
    /// "vor" [3 Tagen], "il y a" [3 jours]: a count and unit after these is in the past.
    pub(super) ago_prefixes: Vec<Phrase>,
    /// "in", "dans", "dentro de", "через": a count and unit after these is in the future.
    pub(super) in_prefixes: Vec<Phrase>,
    /// Word endings of future-tense verbs: "-ra" (il signera), "-rá" (firmará).
    pub(super) future_suffixes: Vec<String>,
    /// Word endings of past-tense verbs: "-ait" (restait), "-ó" (prorrogó), "-ły" (były).
    pub(super) past_suffixes: Vec<String>,
    /// Endings of a past participle after a `PastAux`: "annoncé", "annunciato".
    pub(super) participle_suffixes: Vec<String>,
    /// Endings of a present-tense finite verb ("-t": entscheidet, beslist) and of the weak
    /// preterite that shares them ("-te", "-ten"): German and Dutch speak of what is scheduled
    /// in the present.
    pub(super) present_suffixes: Vec<String>,
    pub(super) preterite_suffixes: Vec<String>,
    /// Starts of verbs that move a deadline later: "verläng", "prolong", "prorrog".
    pub(super) extend_stems: Vec<String>,
    /// Words of several tokens by their first token, longest first: Levantine "كانون الثاني",
    /// and every Han or kana word ("星 期 四"), whose characters the lexer splits.
    pub(super) compounds: HashMap<String, Vec<Phrase>, BuildHasherDefault<FxHasher>>,
    /// Zone phrases of a table language ("heure de paris", "deutscher zeit"; `None` for local
    /// time), matched word by word after a clock time.
    pub(super) zones: Vec<(Phrase, Option<Zone>)>,
    /// "al día siguiente" (+1), "la veille" (-1): a day counted from the day the story named
    /// last.
    pub(super) narrative_days: Vec<(Phrase, i64)>,
    /// Verb aspect by form, for the tense of a clause (Ukrainian): see `Aspect`.
    pub(super) aspect: Aspect,
    /// Words that are a plural unit only after a count, another word alone: Polish "lata".
    pub(super) count_units: HashMap<String, Unit, BuildHasherDefault<FxHasher>>,
    /// Month names are written lower-case, so a capitalised one after a day number names a
    /// street or a holiday ("вулиця 8 Березня", "ulica 11 Listopada").
    pub(super) lower_case_months: bool,
    /// Turkish: a suffix after an apostrophe belongs to the word ("Mart'ta", "2024'te").
    pub(super) apostrophe_suffixes: bool,
    /// A table language: names need no capital, deictic words may follow the unit
    /// ("l'année dernière"), and its own prepositions mark dates.
    pub(super) table: bool,
}

impl Lexicon {
    pub(super) fn add_word(&mut self, word: &str, class: Word) {
        self.entries.entry(word.to_string()).or_default().word = Some(class);
    }

    pub(super) fn add_role(&mut self, word: &str, role: Role) {
        self.entries.entry(word.to_string()).or_default().roles |= role.bit();
    }

    /// Records a word of several tokens ("كانون الثاني", "星 期 四").
    pub(super) fn add_compound(&mut self, words: Phrase) {
        let Some(first) = words.first().cloned() else {
            return;
        };
        let phrases = self.compounds.entry(first).or_default();
        if !phrases.contains(&words) {
            phrases.push(words);
            phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
    }

    /// Joins the tokens of the lexicon's compound words into one token each, and a Turkish
    /// apostrophe suffix into its word; other languages' tokens pass through unchanged.
    pub(super) fn join<'a>(&self, mut tokens: Vec<Token<'a>>) -> Vec<Token<'a>> {
        if self.compounds.is_empty() && !self.apostrophe_suffixes {
            return tokens;
        }
        // Compacted in place: `kept` tokens are done, those from `i` on are still to read.
        let mut kept = 0;
        let mut i = 0;
        while i < tokens.len() {
            let compound = (tokens[i].kind == Kind::Word)
                .then(|| self.compounds.get(&*tokens[i].lower))
                .flatten()
                .and_then(|phrases| {
                    phrases.iter().find(|p| {
                        p.iter().enumerate().skip(1).all(|(k, w)| {
                            // A hyphen glued inside counts: "week-end".
                            tokens.get(i + k).is_some_and(|t| {
                                (t.kind == Kind::Word && t.lower == w.as_str())
                                    || (t.kind == Kind::Punct && !t.spaced && w.chars().eq([t.ch]))
                            })
                        })
                    })
                });
            let at = i;
            if let Some(phrase) = compound {
                let last = &tokens[i + phrase.len() - 1];
                let (byte_end, char_end) = (last.byte_end, last.char_end);
                let token = &mut tokens[at];
                token.byte_end = byte_end;
                token.char_end = char_end;
                token.len = char_end - token.char_start;
                token.lower = Cow::Owned(phrase.join(" "));
                i += phrase.len();
            } else {
                i += 1;
            }
            // "Mart'ta", "2024'te", but not "1990'larda", which makes a decade.
            if self.apostrophe_suffixes
                && tokens[at].kind != Kind::Punct
                && let (Some(mark), Some(suffix)) = (tokens.get(i), tokens.get(i + 1))
                && matches!(mark.ch, '\'' | '’')
                && !mark.spaced
                && !suffix.spaced
                && suffix.kind == Kind::Word
                && !suffix.capitalized
                && !self.lookup(&suffix.lower).has(Role::DecadeSuffix)
            {
                let (byte_end, char_end) = (suffix.byte_end, suffix.char_end);
                tokens[at].byte_end = byte_end;
                tokens[at].char_end = char_end;
                i += 2;
            }
            tokens.swap(kept, at);
            kept += 1;
        }
        tokens.truncate(kept);
        tokens
    }

    /// Every weekday name with its day.
    pub(super) fn weekday_names(&self) -> Vec<(String, Weekday)> {
        self.entries
            .iter()
            .filter_map(|(w, e)| match e.word {
                Some(Word::Weekday(d)) => Some((w.clone(), d)),
                _ => None,
            })
            .collect()
    }

    /// A one-word eve ("накануне", "напередодні"): before the story names a day, the day
    /// before publication.
    pub(super) fn eve_word(&self, lower: &str) -> bool {
        lower == "накануне"
            || self
                .narrative_days
                .iter()
                .any(|(phrase, days)| *days == -1 && phrase.len() == 1 && phrase[0] == lower)
    }

    /// The entry of a lower-cased word, with the roles its stem gives it.
    pub(super) fn lookup(&self, lower: &str) -> Entry {
        let mut entry = self.entries.get(lower).copied().unwrap_or_default();
        if self.table || !lower.is_ascii() {
            for (stem, role) in &self.role_stems {
                if lower.starts_with(stem.as_str()) {
                    entry.roles |= role.bit();
                }
            }
        }
        entry
    }
}

/// English and Russian, from their code.
fn english_and_russian() -> Lexicon {
    let mut lexicon = Lexicon::default();
    let words = en::words()
        .into_iter()
        .chain(ru::words())
        .map(|(w, class)| (w.to_string(), class))
        .chain(ru::inflected_words())
        .chain(ru::decade_words());
    for (word, class) in words {
        lexicon.add_word(&word, class);
    }
    for (word, role) in en::roles().into_iter().chain(ru::roles()) {
        lexicon.add_role(word, role);
    }
    lexicon.role_stems = ru::role_stems()
        .into_iter()
        .map(|(s, r)| (s.to_string(), r))
        .collect();
    lexicon
}

static ENGLISH_AND_RUSSIAN: LazyLock<Lexicon> = LazyLock::new(english_and_russian);

macro_rules! table_lexicon {
    ($lang:expr) => {{
        static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| table::lexicon($lang));
        &LEXICON
    }};
}

/// The lexicon of a language; English and Russian (and text of no known language) share one.
pub(super) fn for_lang(lang: Option<Lang>) -> &'static Lexicon {
    match lang {
        None | Some(Lang::En | Lang::Ru) => &ENGLISH_AND_RUSSIAN,
        Some(Lang::De) => table_lexicon!(Lang::De),
        Some(Lang::Fr) => table_lexicon!(Lang::Fr),
        Some(Lang::Es) => table_lexicon!(Lang::Es),
        Some(Lang::It) => table_lexicon!(Lang::It),
        Some(Lang::Pt) => table_lexicon!(Lang::Pt),
        Some(Lang::Nl) => table_lexicon!(Lang::Nl),
        Some(Lang::Uk) => table_lexicon!(Lang::Uk),
        Some(Lang::Pl) => table_lexicon!(Lang::Pl),
        Some(Lang::Tr) => table_lexicon!(Lang::Tr),
        Some(Lang::Ar) => table_lexicon!(Lang::Ar),
        Some(Lang::Zh) => table_lexicon!(Lang::Zh),
        Some(Lang::Ja) => table_lexicon!(Lang::Ja),
    }
}

/// Time zone named by one or two lower-cased words ("moscow time", "мск",
/// "по московскому времени" arrives as "московскому" + "времени").
pub(super) fn zone(first: &str, second: Option<&str>) -> Option<(Option<Zone>, usize)> {
    match first {
        // German abbreviations of CET and CEST.
        "mez" => Some((Some(Zone::Fixed(60)), 1)),
        "mesz" => Some((Some(Zone::Fixed(120)), 1)),
        _ => en::zone(first, second).or_else(|| ru::zone(first, second)),
    }
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
