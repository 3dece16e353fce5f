//! Patterns over tokens. Every parser starts at a token index and returns the
//! longest expression it recognises there; the caller keeps the longest overall.

mod cjk;
mod clock;
mod days;
mod periods;
mod ranges;
mod relative;
mod tense;
mod years;

use chrono::NaiveDate;

use super::Modifier;
use super::lexer::{Kind, Token, is_cjk};
use super::lexicon::{Deixis, Entry, Lexicon, Phrase, Role, Word, roman, zone};
use super::resolve::{Lean, Unit};
use super::value::Point;

/// A recognised expression ending before token `end`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Match {
    pub end: usize,
    pub point: Point,
    pub modifier: Option<Modifier>,
    pub end_point: Option<Point>,
    /// The year was written out, so the start of a range can borrow it.
    explicit_year: bool,
}

impl Match {
    fn new(end: usize, point: Point, explicit_year: bool) -> Match {
        Match {
            end,
            point,
            modifier: None,
            end_point: None,
            explicit_year,
        }
    }
}

fn longest(candidates: impl IntoIterator<Item = Option<Match>>) -> Option<Match> {
    candidates
        .into_iter()
        .flatten()
        .fold(None, |best: Option<Match>, m| match best {
            Some(b) if b.end >= m.end => Some(b),
            _ => Some(m),
        })
}

const DASHES: &str = "-–—‒";
/// Nouns of records and readings: a from-date after one says where they come from ("data from
/// Monday show"), so it keeps the tense of its sentence.
const RECORD_NOUNS: [&str; 16] = [
    "data",
    "figures",
    "numbers",
    "statistics",
    "results",
    "readings",
    "records",
    "footage",
    "images",
    "photos",
    "pictures",
    "video",
    "videos",
    "minutes",
    "polls",
    "surveys",
];
const ORDINAL_SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];
const YEAR_SUFFIXES: [&str; 10] = [
    "год",
    "года",
    "году",
    "годом",
    "годы",
    "годах",
    "годов",
    "годами",
    "г",
    "гг",
];
/// "every Monday", "каждый год" are recurring sets, not dates.
const RECURRING: [&str; 8] = [
    "every",
    "each",
    "каждый",
    "каждую",
    "каждое",
    "каждого",
    "каждом",
    "каждой",
];
/// Words that can open an expression although they have no class of their own.
const OPENERS: [&str; 24] = [
    "noon",
    "overnight",
    "fiscal",
    "fy",
    "turn",
    "midday",
    "midnight",
    "полдень",
    "полночь",
    "на",
    "the",
    "from",
    "between",
    "in",
    "past",
    "q",
    "h",
    "с",
    "со",
    "от",
    "между",
    "через",
    "настоящее",
    "последнее",
];

pub(super) struct Grammar<'a> {
    text: &'a str,
    tokens: &'a [Token<'a>],
    /// Lexicon entry of each token (empty for numbers and punctuation).
    entries: Vec<Entry>,
    anchor: NaiveDate,
    /// Read "03/04/2025" as 3 April (Russian, European) rather than 4 March (US).
    day_first: bool,
    lex: &'static Lexicon,
}

impl<'a> Grammar<'a> {
    pub(super) fn new(
        text: &'a str,
        tokens: &'a [Token<'a>],
        anchor: NaiveDate,
        day_first: bool,
        lex: &'static Lexicon,
    ) -> Self {
        let entries = tokens
            .iter()
            .map(|t| match t.kind {
                Kind::Word => lex.lookup(&t.lower),
                _ => Entry::default(),
            })
            .collect();
        Grammar {
            text,
            tokens,
            entries,
            anchor,
            day_first,
            lex,
        }
    }

    /// A preposition marks the date at `i`, perhaps with an article between: "im Juli",
    /// "in de winter", "verso le 22:00".
    fn context_before(&self, i: usize, role: Role) -> bool {
        self.role(i.wrapping_sub(1), role)
            || (self.table()
                && self.role(i.wrapping_sub(1), Role::Article)
                && self.role(i.wrapping_sub(2), role))
    }

    /// A Roman numeral at `i`, capitalised: "XX", and in a table language "XIXe".
    fn roman_at(&self, i: usize) -> Option<u32> {
        let token = self
            .tokens
            .get(i)
            .filter(|t| t.kind == Kind::Word && t.capitalized)?;
        let raw = self.raw(i);
        roman(raw).or_else(|| {
            let stem = raw
                .strip_suffix('e')
                .filter(|_| self.table() && token.len > 1)?;
            roman(stem)
        })
    }

    /// A language read from tables (not English or Russian).
    fn table(&self) -> bool {
        self.lex.table
    }

    /// A "last/next" word after a weekday, month or season ("lundi dernier", "el verano
    /// pasado"), in the languages read from tables; its lean.
    fn postposed_lean(&self, at: usize) -> Option<Lean> {
        match self.word(at) {
            Some(Word::Deixis(d)) if self.table() => deixis_lean(d),
            _ => None,
        }
    }

    /// The index after the first of `phrases` written at `i`.
    fn phrase_at(&self, i: usize, phrases: &[Phrase]) -> Option<usize> {
        phrases
            .iter()
            .find(|p| {
                p.iter().enumerate().all(|(k, w)| match w.as_str() {
                    "'" | "’" => self.punct(i + k, "'’"),
                    w => self.is(i + k, w),
                })
            })
            .map(|p| i + p.len())
    }

    /// Skips the links and articles a table language puts between the parts of a date
    /// ("de", "des", "dell'"), at most three tokens.
    fn skip_links(&self, mut i: usize) -> usize {
        for _ in 0..3 {
            let apostrophe = self.punct(i, "'’")
                && (self.role(i.wrapping_sub(1), Role::Article)
                    || self.role(i.wrapping_sub(1), Role::Link));
            if self.role(i, Role::Link) || self.role(i, Role::Article) || apostrophe {
                i += 1;
            } else {
                break;
            }
        }
        i
    }

    // ---- token helpers ----

    fn word(&self, i: usize) -> Option<Word> {
        self.entries.get(i).and_then(|e| e.word)
    }

    fn lower(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| &*t.lower)
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.lower(i) == s
    }

    fn is_any(&self, i: usize, options: &[&str]) -> bool {
        options.contains(&self.lower(i))
    }

    fn punct(&self, i: usize, chars: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && chars.contains(t.ch))
    }

    fn glued(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| !t.spaced)
    }

    fn number(&self, i: usize) -> Option<u32> {
        self.tokens
            .get(i)
            .filter(|t| t.kind == Kind::Number)
            .map(|t| t.num)
    }

    /// A number of at most `max_digits` digits.
    fn small_number(&self, i: usize, max_digits: usize) -> Option<u32> {
        self.tokens
            .get(i)
            .filter(|t| t.kind == Kind::Number && t.len <= max_digits)
            .map(|t| t.num)
    }

    /// A case suffix joined after an apostrophe marks the word as a date: "2024'te" (in 2024).
    fn suffixed(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.char_end - t.char_start > t.len)
    }

    fn role(&self, i: usize, role: Role) -> bool {
        self.entries.get(i).is_some_and(|e| e.has(role))
    }

    fn raw(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.text.get(t.byte_start..t.byte_end))
            .unwrap_or("")
    }

    /// English names need a capital ("May", not the verb "may"); other languages' do not.
    fn name_ok(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.capitalized || !t.lower.is_ascii() || self.table())
    }

    /// A full or abbreviated month name ("Aug." included) and the index after it.
    fn month_or_abbrev(&self, i: usize) -> Option<(u32, usize)> {
        match self.word(i) {
            Some(Word::Month(m)) if self.name_ok(i) => Some((m, i + 1)),
            Some(Word::MonthAbbrev(m)) if self.name_ok(i) => {
                let dot = self.punct(i + 1, ".") && self.glued(i + 1);
                Some((m, i + 1 + usize::from(dot)))
            }
            _ => None,
        }
    }

    /// No number or currency sign is glued to the left of the digit run at `i`
    /// ("2,000", "1.5", "$2025").
    fn free_left(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1) else {
            return true;
        };
        if !self.glued(i) {
            return true;
        }
        // A dash on the left is left to the range parser ("1918–1920", "25–27").
        let joined = self.punct(prev, ".,:/")
            && self.glued(prev)
            && prev
                .checked_sub(1)
                .is_some_and(|p| self.number(p).is_some());
        // "CS50", "FY2020": a code, not a number standing alone.
        // Chinese and Japanese glue numbers to the words around them ("于14:30").
        let coded = self.tokens.get(prev).is_some_and(|t| {
            t.kind == Kind::Word && !t.lower.chars().next_back().is_some_and(is_cjk)
        });
        !(joined || coded || self.punct(prev, "$€£₽¥#№"))
    }

    /// The digit run at `i` is not continued by another number ("495-12-34").
    fn free_right(&self, i: usize) -> bool {
        !(self.glued(i + 1)
            && self.punct(i + 1, ".,:/-–")
            && self.glued(i + 2)
            && self.number(i + 2).is_some())
    }

    /// The digit run at `i` is not part of a larger number.
    fn isolated(&self, i: usize) -> bool {
        self.free_left(i) && self.free_right(i)
    }

    /// The number ending at `end` counts something ("1917 people", "2025 рублей", "50%").
    fn quantity_follows(&self, end: usize) -> bool {
        self.role(end, Role::Quantity) || self.punct(end, "%")
    }

    fn sentence_break(&self, i: usize) -> bool {
        // "am 12. September", "vom 12. bis 15.": a German day number's dot ends no sentence.
        let ordinal_dot = self.table()
            && self.punct(i, ".")
            && self.glued(i)
            && self.small_number(i.wrapping_sub(1), 2).is_some()
            && (matches!(
                self.word(i + 1),
                Some(Word::Month(_) | Word::MonthAbbrev(_))
            ) || self.role(i + 1, Role::RangeTo));
        // "a.m. local time", "г. в Москве": an abbreviation's dot before a lower-case word.
        let abbreviation = self.punct(i, ".")
            && self.glued(i)
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == Kind::Word && !t.capitalized);
        // "Nov. 20", "ul. 11 Listopada", "г. 15", "o godz. 4.45": a month's, a clock word's or
        // a short lower-case word's abbreviation dot before a number.
        let before_number = self.punct(i, ".")
            && self.glued(i)
            && self.number(i + 1).is_some()
            && (matches!(self.word(i.wrapping_sub(1)), Some(Word::MonthAbbrev(_)))
                || self.role(i.wrapping_sub(1), Role::TimeContext)
                || self.role(i.wrapping_sub(1), Role::ClockWord)
                || self.tokens.get(i.wrapping_sub(1)).is_some_and(|t| {
                    t.kind == Kind::Word && !t.capitalized && t.lower.chars().count() <= 3
                }));
        // "8 p.m. Moscow time": a zone after the abbreviation.
        let zone_after = self.punct(i, ".")
            && self.glued(i)
            && self.is(i.wrapping_sub(1), "m")
            && zone(self.lower(i + 1), Some(self.lower(i + 2))).is_some();
        // "4.45", "1.500", "10.00 uur": a dot inside a number or a clock time.
        let inside_number = self.punct(i, ".")
            && self.glued(i)
            && self.glued(i + 1)
            && self.number(i.wrapping_sub(1)).is_some()
            && self.number(i + 1).is_some();
        // "11:40 p.m. Sunday": wire copy puts the day right after the abbreviation.
        let weekday_after = self.punct(i, ".")
            && self.glued(i)
            && self.is(i.wrapping_sub(1), "m")
            && matches!(self.word(i + 1), Some(Word::Weekday(_)));
        self.punct(i, ".!?")
            && !ordinal_dot
            && !abbreviation
            && !zone_after
            && !before_number
            && !inside_number
            && !weekday_after
    }

    fn sentence_initial(&self, i: usize) -> bool {
        i == 0 || self.sentence_break(i - 1) || self.tokens.get(i).is_some_and(|t| t.newline)
    }

    /// A capitalised English word that is not a date word: part of a name.
    fn name_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            t.kind == Kind::Word && t.capitalized && t.lower.is_ascii() && self.word(i).is_none()
        })
    }

    /// Past-preferring unless the sentence around the expression speaks of the future.
    fn lean(&self, start: usize, end: usize) -> Lean {
        // "by the end of October", "until June": a deadline ahead, unless the sentence
        // already speaks of it as done ("had been finished by June").
        let mut deadline_at = start.wrapping_sub(1);
        for _ in 0..3 {
            // "até ao dia 28 de fevereiro": the word "day" before a day number, too.
            let part = self.is_any(deadline_at, &["the", "of"])
                || matches!(
                    self.word(deadline_at),
                    Some(
                        Word::Modifier(_)
                            | Word::ModifierNoun(_)
                            | Word::Unit {
                                unit: Unit::Day,
                                plural: false
                            }
                    )
                );
            if !part {
                break;
            }
            deadline_at = deadline_at.wrapping_sub(1);
        }
        if self.deadline_word(deadline_at) {
            return self.deadline_lean(deadline_at);
        }
        // "seit Sonntag wird gestreikt", "since Monday": what began then is behind, whatever
        // the verb ("wird" is no future here).
        // "publicará el IPC de noviembre": the month figures are of is behind, whatever the verb.
        let month = matches!(
            self.word(start),
            Some(Word::Month(_) | Word::MonthAbbrev(_))
        );
        if self.table()
            && month
            && self.role(start.wrapping_sub(1), Role::Link)
            && self.role(start.wrapping_sub(2), Role::Record)
        {
            return Lean::Past;
        }
        // "данные об инфляции за сентябрь", "отчетность за третий квартал": the period figures
        // cover is behind, whatever the verb.
        if !self.table() && self.is(start.wrapping_sub(1), "за") {
            return Lean::Past;
        }
        let since = |k: usize| self.role(k, Role::Since) || (!self.table() && self.is(k, "since"));
        if since(start.wrapping_sub(1))
            || (self.role(start.wrapping_sub(1), Role::Article) && since(start.wrapping_sub(2)))
        {
            return Lean::Past;
        }
        // "The ban applies from Monday", "as of Jan. 1": from a day on, ahead unless its
        // sentence tells it in the past ("had $4 billion as of Sept. 30"). A bare month keeps
        // its tense ("figures from March show").
        // "Data from Monday show": after a noun of records, a from-date says where they come
        // from, not when something starts.
        // "the fiscal year beginning July 1", "starting Monday": what begins then, too.
        let from = (self.is(start.wrapping_sub(1), "from")
            && !self.is_any(start.wrapping_sub(2), &RECORD_NOUNS))
            || (self.is(start.wrapping_sub(1), "of") && self.is(start.wrapping_sub(2), "as"))
            || self.is_any(
                start.wrapping_sub(1),
                &["beginning", "starting", "effective"],
            );
        let day = matches!(self.word(start), Some(Word::Weekday(_)))
            || (matches!(
                self.word(start),
                Some(Word::Month(_) | Word::MonthAbbrev(_))
            ) && (self.number(start + 1).is_some() || self.number(start + 2).is_some()));
        if !self.table() && from && day && !self.past_sentence(start) {
            return Lean::Future;
        }
        // "The vote is on Nov. 4", "the deadline is in March": a present copula schedules.
        // "The deadline is midnight on Dec. 31": a named hour between.
        let hour = usize::from(self.is_any(start.wrapping_sub(2), &["midnight", "noon"]));
        if !self.table()
            && self.is_any(start.wrapping_sub(1), &["on", "in", "for"])
            && self.is_any(start.wrapping_sub(2 + hour), &["is", "are"])
        {
            return Lean::Future;
        }
        // "ahead of Thursday's vote": what a story waits for is still to come, whatever the
        // verb ("Lawmakers met ahead of").
        // "The forecast for March calls for rain": what a forecast is for is ahead, unless its
        // sentence tells it in the past.
        if !self.table()
            && self.is(start.wrapping_sub(1), "for")
            && self.is_any(start.wrapping_sub(2), &["forecast", "forecasts", "outlook"])
            && !self.past_sentence(start)
        {
            return Lean::Future;
        }
        // "ahead of the Nov. 3 election", too.
        let article = usize::from(self.is(start.wrapping_sub(1), "the"));
        if !self.table()
            && self.is(start.wrapping_sub(1 + article), "of")
            && self.is(start.wrapping_sub(2 + article), "ahead")
        {
            return Lean::Future;
        }
        // "The season opener is Sept. 12", "Election day is Tuesday": a day right after the
        // copula, too.
        if !self.table() && day && self.is_any(start.wrapping_sub(1), &["is", "are"]) {
            return Lean::Future;
        }
        // "ab dem 1. Januar gilt", "à partir du 1er janvier, le prix augmentera": from a date
        // on, ahead unless its sentence tells it in the past.
        if self.table() && self.starts_from(start) && !self.past_sentence(start) {
            return Lean::Future;
        }
        // "dal 1° luglio scatta", "entra in vigore dal 1° luglio": a from-word and a present
        // verb of starting in the clause.
        if self.table() && self.opens_with_start_verb(start, end) && !self.past_sentence(start) {
            return Lean::Future;
        }
        // "was postponed to Jan. 15", "pushed the vote back until March", "отложил
        // рассмотрение дела до 15 января", "verlängerte den Lockdown bis 30. Juni": put off to a
        // later date, the object between.
        let put_off = (self.is_any(deadline_at, &["to", "на"])
            || self.role(deadline_at, Role::RangeTo))
            && (1..=4)
                .map(|back| deadline_at.wrapping_sub(back))
                .take_while(|&k| self.tokens.get(k).is_some_and(|t| t.kind == Kind::Word))
                .any(|k| self.extends(k));
        if put_off {
            return Lean::Future;
        }
        let mut k = start;
        for _ in 0..20 {
            if k == 0 || self.tokens.get(k).is_some_and(|t| t.newline) {
                break;
            }
            k -= 1;
            if self.sentence_break(k) {
                break;
            }
            if self.future_cue(k) {
                return Lean::Future;
            }
        }
        // Look ahead only from the head of a sentence ("On Monday, the court will
        // rule"): mid-sentence, a later "will" belongs to another clause ("cut
        // rates in July and will meet again").
        // Table languages put the verb after the date ("ist für den 14. Oktober geplant",
        // "zaplanowano na 14 października"): look to the end of the clause.
        let heads_sentence = self.sentence_initial(start)
            || (start > 0 && self.sentence_initial(start - 1))
            || self.after_lead_in(start)
            || self.after_possessive_subject(start)
            || self.after_week_of_head(start)
            || self.after_subject_noun(start);
        if !heads_sentence && !self.table() {
            return if self.russian_verb_after_subject(start, end) {
                Lean::Future
            } else {
                Lean::Past
            };
        }
        let reach = if self.table() { 12 } else { 6 };
        for k in end..end + reach {
            // "Le 1er mai, les syndicats défileront": a comma right after a date that heads its
            // sentence opens the clause the date belongs to.
            let lead_comma = k == end && heads_sentence && self.punct(k, ",");
            let clause_end = self.table() && self.punct(k, ",;:") && !lead_comma;
            if self.sentence_break(k) || clause_end || self.tokens.get(k).is_none_or(|t| t.newline)
            {
                break;
            }
            // "On 2 July the ministry said talks would resume": a verb after the report
            // belongs to what was said, not to the date.
            if (!self.table() && self.is_any(k, &["said", "told", "announced", "added", "that"]))
                || self.role(k, Role::That)
            {
                break;
            }
            if self.future_cue(k) {
                return Lean::Future;
            }
        }
        if self.table()
            && (self.scheduled_by_copula(start, end)
                || self.present_tense(start, end)
                || self.present_have(start, end))
        {
            return Lean::Future;
        }
        Lean::Past
    }

    /// "Курс евро в среду может превысить", "ЦСКА в воскресенье сыграет": a Russian date
    /// between the subject and its verb, with no verb before it in the sentence, takes the
    /// tense of the first verb of its clause after it.
    fn russian_verb_after_subject(&self, start: usize, end: usize) -> bool {
        if self.table() || self.lower(start).is_ascii() {
            return false;
        }
        let mut k = start;
        while k > 0 && start - k < 12 && !self.sentence_initial(k) {
            k -= 1;
            if self.past_verb(k) || self.future_cue(k) || self.punct(k, ",;:") {
                return false;
            }
        }
        for k in end..end + 6 {
            if self.sentence_break(k)
                || self.punct(k, ",;:")
                || self.past_verb(k)
                || self.tokens.get(k).is_none_or(|t| t.newline)
            {
                return false;
            }
            if self.future_cue(k) {
                return true;
            }
        }
        false
    }

    /// "The week of Oct. 26 will bring": the day of a week that opens its sentence takes the
    /// verb after it, as the week does.
    fn after_week_of_head(&self, start: usize) -> bool {
        if self.table() || !self.is(start.wrapping_sub(1), "of") {
            return false;
        }
        let week = start.wrapping_sub(2);
        self.is(week, "week")
            && (self.sentence_initial(week)
                || (self.is(week.wrapping_sub(1), "the") && self.sentence_initial(week - 1)))
    }

    /// "The vote on Thursday is expected to be close": an English date after the noun that
    /// opens its sentence and a preposition is part of the subject, so the verb after it is
    /// its own.
    fn after_subject_noun(&self, start: usize) -> bool {
        if self.table() || !self.is_any(start.wrapping_sub(1), &["on", "in", "at", "for"]) {
            return false;
        }
        let article = start.wrapping_sub(3);
        let head = if self.is_any(article, &["the", "a", "an"]) {
            article
        } else {
            start.wrapping_sub(2)
        };
        let noun = start.wrapping_sub(2);
        self.sentence_initial(head)
            && self
                .tokens
                .get(noun)
                .is_some_and(|t| t.kind == Kind::Word && (head == noun || !t.capitalized))
            && self.word(noun).is_none()
            && !self.past_verb(noun)
            && !self.future_cue(noun)
    }

    /// "The Fed's Dec. 15-16 meeting is expected to", "Britain's May 4 vote will": an English
    /// date after the possessive that opens its sentence is part of the subject, so the verb
    /// after it is its own.
    fn after_possessive_subject(&self, start: usize) -> bool {
        if self.table() || !self.is(start.wrapping_sub(1), "s") || !self.glued(start - 1) {
            return false;
        }
        let apostrophe = start.wrapping_sub(2);
        if !self.punct(apostrophe, "'’") || apostrophe == 0 {
            return false;
        }
        let mut k = apostrophe - 1;
        for _ in 0..3 {
            let name = self.tokens.get(k).is_some_and(|t| t.capitalized);
            if !name && !self.is(k, "the") {
                return false;
            }
            if self.sentence_initial(k) {
                return true;
            }
            k = k.wrapping_sub(1);
        }
        false
    }

    /// "На следующей неделе, 22 декабря, пройдет", "В ночь на пятницу ожидаются", "В начале
    /// января [в Москве] ожидаются": the date follows only date words, short prepositions,
    /// "ночь" and commas from the head of its sentence, so the verb after is its own.
    fn after_lead_in(&self, start: usize) -> bool {
        let mut k = start;
        let mut words = 0;
        while k > 0 && !self.sentence_initial(k) {
            k -= 1;
            let short = self
                .tokens
                .get(k)
                .is_some_and(|t| t.kind == Kind::Word && t.len <= 2);
            let night = self.lower(k).starts_with("ноч") || self.role(k, Role::Night);
            // "С 1 по 10 июля [в Москве] пройдет": the day numbers of a range.
            let number = self.number(k).is_some();
            if !(self.word(k).is_some() || short || night || number || self.punct(k, ","))
                || words > 6
            {
                return false;
            }
            words += 1;
        }
        words > 0
    }

    /// A from-word before the date at `start`, over articles and links: "ab dem", "vanaf",
    /// "à partir du", "a partir de".
    fn starts_from(&self, start: usize) -> bool {
        let mut k = start.wrapping_sub(1);
        for _ in 0..2 {
            if self.role(k, Role::Article) || self.role(k, Role::Link) || self.punct(k, "'’") {
                k = k.wrapping_sub(1);
            }
        }
        self.role(k, Role::StartFrom)
    }

    /// A from-word before the date ("dal", "dall'") and a verb of starting in its clause.
    fn opens_with_start_verb(&self, start: usize, end: usize) -> bool {
        let mut k = start.wrapping_sub(1);
        if self.punct(k, "'’") {
            k = k.wrapping_sub(1);
        }
        if !self.role(k, Role::RangeFrom) {
            return false;
        }
        let (first, last) = self.clause_around(start, end);
        // "una parte dei fondi", "parte del personale": after an article or a count, or
        // before a link, the word is a noun.
        (first..last).any(|k| {
            self.role(k, Role::StartVerb)
                && !self.role(k.wrapping_sub(1), Role::Article)
                && !matches!(self.word(k.wrapping_sub(1)), Some(Word::Number(_)))
                && !self.role(k + 1, Role::Link)
        })
    }

    /// A past verb in the sentence around `at`.
    fn past_sentence(&self, at: usize) -> bool {
        let mut first = at;
        while first > 0 && at - first < 15 && !self.sentence_break(first - 1) {
            first -= 1;
        }
        let mut last = at;
        while last < at + 20 && last < self.tokens.len() && !self.sentence_break(last) {
            last += 1;
        }
        (first..last).any(|k| self.past_verb(k))
    }

    /// "De top is op 7 juni", "Der Gipfel ist am 7. Juni": a present copula in the date's
    /// clause and no participle to make it a perfect ("ist am 7. Juni gestorben").
    fn scheduled_by_copula(&self, start: usize, end: usize) -> bool {
        let (first, last) = self.clause_around(start, end);
        let copula = (first..last).any(|k| self.role(k, Role::Copula));
        let participle = (first..last).any(|k| {
            let t = self.lower(k);
            let ge = t.find("ge").is_some_and(|at| at <= 4);
            !self.tokens.get(k).is_some_and(|t| t.capitalized)
                && ge
                && t.len() >= 5
                && (t.ends_with('t') || t.ends_with('d') || t.ends_with("en"))
        });
        copula && !participle
    }

    /// "will", "next", "due", "будет"… but not the narrative "the next day" or
    /// "на следующий день", which count from the story's own events, nor the
    /// causal "due to".
    fn future_cue(&self, k: usize) -> bool {
        // "due to the storm" is a cause, "due to end" a schedule.
        let causal = self.is(k, "due")
            && self.is(k + 1, "to")
            && !self.is_any(
                k + 2,
                &[
                    "be", "end", "start", "begin", "open", "close", "arrive", "take", "meet",
                    "vote", "expire", "finish", "launch", "resume", "return", "appear", "speak",
                    "visit", "hold", "sign", "conclude", "leave", "report", "publish", "announce",
                    "rule", "testify", "deliver", "run", "go", "come", "travel", "stand", "face",
                ],
            );
        // "set for", "set to", "set a trial date of", but not "set up".
        let set_aside = self.is(k, "set")
            && !self.is_any(k + 1, &["for", "to"])
            && !(k + 1..k + 4).any(|t| self.is_any(t, &["date", "deadline", "hearing", "trial"]));
        // "должны были": what was due, told in the past.
        let was_due = self.lower(k).starts_with("долж") && self.lower(k + 1).starts_with("был");
        let narrative = causal
            || set_aside
            || was_due
            || (self.is(k, "next") && self.is(k.wrapping_sub(1), "the"))
            || matches!(self.unit_at(k + 1), Some((Unit::Day, _)))
            // "the budget for next year was approved on 5 November": "next year" is a
            // date of its own, not the tense of the clause.
            || (matches!(self.word(k), Some(Word::Deixis(_))) && self.unit_at(k + 1).is_some())
            || self.is_any(k + 1, &["morning", "evening", "утро", "утром", "вечером"]);
        let inflected = self.table()
            && self.tokens.get(k).is_some_and(|t| {
                t.len >= 5
                    && self
                        .lex
                        .future_suffixes
                        .iter()
                        .any(|s| t.lower.ends_with(s.as_str()))
            });
        // "la visita del Papa", "o debate do Orçamento": between an article and a link, a
        // cue shaped like a present verb is a noun.
        let noun = self.table()
            && self.role(k.wrapping_sub(1), Role::Article)
            && self.role(k + 1, Role::Link);
        (self.role(k, Role::FutureCue) && !noun || inflected || self.future_verb(k)) && !narrative
    }

    /// The longest expression starting at token `i`. `year_before` is the token
    /// index just after the previous mention when that mention was a year, so
    /// that "in 1918 and 1920" tags both.
    pub(super) fn best_at(&self, i: usize, year_before: Option<usize>) -> Option<Match> {
        let token = self.tokens.get(i)?;
        // "每周日", "毎週日曜日": also with the unit of the recurrence between.
        if self.is_any(i.wrapping_sub(1), &RECURRING)
            || self.role(i.wrapping_sub(1), Role::Recurring)
            || (self.role(i.wrapping_sub(2), Role::Recurring)
                && self.unit_at(i.wrapping_sub(1)).is_some())
            // "every other Saturday"
            || (self.is(i.wrapping_sub(1), "other") && self.is(i.wrapping_sub(2), "every"))
        {
            return None;
        }
        let plausible = match token.kind {
            Kind::Number => true,
            Kind::Punct => "'’‘".contains(token.ch),
            Kind::Word => {
                self.word(i).is_some()
                    || OPENERS.contains(&&*token.lower)
                    || [
                        Role::Opener,
                        Role::RangeFrom,
                        Role::Between,
                        Role::DecadeNoun,
                        Role::HourRange,
                        Role::Turn,
                    ]
                    .into_iter()
                    .any(|r| self.role(i, r))
                    || self.roman_at(i).is_some()
            }
        };
        if !plausible {
            return None;
        }
        let found = longest([
            self.numeric_date(i),
            self.day_month(i),
            self.deixis_day(i),
            self.month_day(i),
            self.weekday(i),
            self.month(i),
            self.year(i, false, year_before),
            self.decade(i),
            self.decade_noun(i),
            self.century(i),
            self.season(i),
            self.quarter(i),
            self.half(i),
            self.turn(i),
            self.relative(i),
            self.counted_from(i),
            self.vague(i),
            self.modified(i),
            self.time(i),
            self.clock_range(i),
            self.military_time(i),
            self.range(i),
            self.month_day_range(i),
            self.listed_day(i),
            self.case_range(i),
            self.cjk_date(i),
            self.cjk_time(i),
            self.cjk_century(i),
            self.fiscal_year(i),
            self.sport_season(i),
            self.week_of(i),
            self.turn_of_century(i),
            self.current_part(i),
        ])
        .map(|m| self.post_modifier(m));
        // Every parser consumes at least one token and stays inside the text.
        found.filter(|m| m.end > i && m.end <= self.tokens.len())
    }

    /// A part-of-period word after a month, season, year or longer: "eylül başında", "9月上旬".
    fn post_modifier(&self, mut m: Match) -> Match {
        let period = matches!(
            m.point,
            Point::Month(..)
                | Point::Season(..)
                | Point::Year(_)
                | Point::Decade(_)
                | Point::Century(_)
                | Point::Week(..)
        );
        if m.modifier.is_some() || m.end_point.is_some() {
            return m;
        }
        // "2025年上半年", "2025年下半期": a half of the year just named.
        if let Point::Year(year) = m.point
            && let Some(first) = match self.lower(m.end) {
                "上" => Some(1),
                "下" => Some(7),
                _ => None,
            }
            && self.is(m.end + 1, "半")
            && self.is_any(m.end + 2, &["年", "期"])
        {
            return Match {
                end: m.end + 3,
                point: Point::Month(year, first),
                end_point: Some(Point::Month(year, first + 5)),
                ..m
            };
        }
        // "去年年底", "上个月月底": Chinese and Japanese say the unit again before the part.
        let unit_again = self.lower(m.end).chars().next().is_some_and(is_cjk)
            && matches!(
                (m.point, self.unit_at(m.end)),
                (Point::Year(_), Some((Unit::Year, _)))
                    | (Point::Month(..), Some((Unit::Month, _)))
            );
        let at = m.end + usize::from(unit_again);
        if let Some(Word::PostModifier(modifier)) = self.word(at)
            && period
        {
            m.modifier = Some(modifier);
            m.end = at + 1;
        }
        m
    }
}

/// How "last/this/next" bends a weekday, month or season.
fn deixis_lean(d: Deixis) -> Option<Lean> {
    match d {
        Deixis::Last => Some(Lean::Last),
        Deixis::This => Some(Lean::This),
        Deixis::Next => Some(Lean::Next),
        Deixis::BeforeLast => None,
    }
}
