//! Expressions relative to the anchor ("yesterday", "last week", "три года назад"),
//! vague references ("recent months") and early/mid/late modifiers.

use chrono::Datelike;

use super::super::Modifier;
use super::super::lexer::{Kind, is_cjk};
use super::super::lexicon::{Deixis, Role, Word};
use super::super::resolve::{self, Lean, Unit};
use super::super::value::{Point, VagueRef};
use super::{DASHES, Grammar, Match, longest};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartOfDay {
    Morning,
    Night,
}

impl Grammar<'_> {
    fn part_of_day(&self, i: usize) -> Option<PartOfDay> {
        match self.lower(i) {
            "morning" | "afternoon" | "evening" | "утром" | "днём" | "вечером" => {
                Some(PartOfDay::Morning)
            }
            "night" | "ночью" => Some(PartOfDay::Night),
            _ => None,
        }
    }

    /// A count before a unit: "two", "3", "a", or none for Russian "год назад".
    pub(super) fn count(&self, i: usize) -> Option<(Option<u32>, usize)> {
        if let Some(n) = self.small_number(i, 3).filter(|_| self.free_left(i)) {
            return Some((Some(n), i + 1));
        }
        // "a few", "een paar", "ein paar": one word for "a" before "few".
        let a = self.is(i, "a") || self.word(i) == Some(Word::Number(1));
        if a && matches!(self.word(i + 1), Some(Word::Several)) {
            return Some((None, i + 2));
        }
        match self.word(i) {
            // "trent'anni fa": an elided number word before its unit
            Some(Word::Number(n)) if self.punct(i + 1, "'’") && self.glued(i + 1) => {
                Some((Some(n), i + 2))
            }
            Some(Word::Number(n)) => Some((Some(n), i + 1)),
            Some(Word::Several) => Some((None, i + 1)),
            // "سنتين": the count is in the unit word itself.
            Some(Word::Dual(_)) => Some((Some(2), i)),
            _ => None,
        }
    }

    pub(super) fn unit_at(&self, i: usize) -> Option<(Unit, bool)> {
        match self.word(i) {
            Some(Word::Unit { unit, plural }) => Some((unit, plural)),
            Some(Word::Dual(unit)) => Some((unit, true)),
            // Polish "lata" is "summer's" alone and "years" after a count ("trzy lata temu").
            _ => {
                let counted = self.number(i.wrapping_sub(1)).is_some()
                    || matches!(self.word(i.wrapping_sub(1)), Some(Word::Number(_)));
                let unit = *self.lex.count_units.get(self.lower(i))?;
                counted.then_some((unit, true))
            }
        }
    }

    /// "a week from Friday", "two weeks from today": days or weeks counted from a day ahead
    /// (said of what is to come; "a week after Friday" tells the past).
    pub(super) fn counted_from(&self, i: usize) -> Option<Match> {
        if self.table() {
            return None;
        }
        let (Some(n), at) = self.count(i)? else {
            return None;
        };
        let days = match self.unit_at(at)? {
            (Unit::Day, _) => i64::from(n),
            (Unit::Week, _) => 7 * i64::from(n),
            _ => return None,
        };
        if !self.is(at + 1, "from") {
            return None;
        }
        let base = match self.word(at + 2)? {
            Word::Weekday(day) => match resolve::weekday(self.anchor, day, Lean::Future)? {
                Point::Day(date) => date,
                _ => return None,
            },
            Word::Relative(shift) => resolve::shift_days(self.anchor, shift)?,
            _ => return None,
        };
        let date = resolve::shift_days(base, days)?;
        Some(self.day_match(at + 3, date, false))
    }

    /// "yesterday", "last week", "в прошлом году", "two days ago", "in three weeks",
    /// "через неделю", "earlier this year".
    pub(super) fn relative(&self, i: usize) -> Option<Match> {
        let j = i + usize::from(matches!(self.word(i), Some(Word::Hedge)));
        // "yesterday", "вчера"
        if let Some(Word::Relative(days)) = self.word(j) {
            // A capitalised "Today" inside a sentence names something ("USA Today").
            let capitalised = self.tokens.get(j).is_some_and(|t| t.capitalized);
            if capitalised && !self.sentence_initial(j) && self.lower(j).is_ascii() && !self.table()
            {
                return None;
            }
            // "früh am Morgen", "am frühen Morgen": a capitalised day word after a lower-case
            // word inside a sentence is a noun (the morning), not "morgen" (tomorrow).
            if self.table()
                && capitalised
                && !self.sentence_initial(j)
                && self
                    .tokens
                    .get(j.wrapping_sub(1))
                    .is_some_and(|t| t.kind == Kind::Word && !t.capitalized)
            {
                return None;
            }
            let date = resolve::shift_days(self.anchor, days)?;
            // "aujourd'hui": the rest of a word the lexer split at its apostrophe.
            let rest = self.table()
                && self.punct(j + 1, "'’")
                && self.glued(j + 1)
                && self.glued(j + 2)
                && self.tokens.get(j + 2).is_some_and(|t| t.kind == Kind::Word);
            return Some(self.day_match(j + 1 + 2 * usize::from(rest), date, false));
        }
        // "торік": last year in one word.
        if let Some(Word::RelativeYear(years)) = self.word(j) {
            return Some(Match::new(
                j + 1,
                resolve::shift(self.anchor, Unit::Year, years)?,
                false,
            ));
        }
        // "last night", "this morning", "прошлой ночью": a part of a nearby day.
        if let Some(Word::Deixis(d @ (Deixis::Last | Deixis::This))) = self.word(j)
            && let Some(part) = self.part_of_day(j + 1)
        {
            let days = match (d, part) {
                (Deixis::Last, PartOfDay::Night) => -1,
                (Deixis::This, _) => 0,
                _ => return None,
            };
            let date = resolve::shift_days(self.anchor, days)?;
            return Some(Match::new(j + 2, Point::Day(date), false));
        }
        // "Russia launched 50 drones overnight": the night just past, as "last night"; the coming
        // one in future talk. Not "almost overnight" or "overnight rates" (suddenly, a kind).
        if !self.table() && self.is(j, "overnight") && j == i {
            let figurative = self.is_any(
                i.wrapping_sub(1),
                &[
                    "almost",
                    "virtually",
                    "practically",
                    "literally",
                    "seemingly",
                    "an",
                    "the",
                ],
            );
            let adverb = self
                .tokens
                .get(i + 1)
                .is_none_or(|t| t.kind == Kind::Punct || t.newline || t.capitalized)
                || self.is_any(
                    i + 1,
                    &[
                        "in", "at", "and", "as", "after", "near", "across", "from", "while", "but",
                        "to", "into", "amid",
                    ],
                );
            if figurative || !adverb {
                return None;
            }
            let days = if self.lean(i, i + 1) == Lean::Future {
                0
            } else {
                -1
            };
            let date = resolve::shift_days(self.anchor, days)?;
            return Some(Match::new(i + 1, Point::Day(date), false));
        }
        // "over the weekend": the latest weekend, or the next one in future talk; so is a
        // table language's weekend after an article or preposition: "Am Wochenende", "El fin
        // de semana", "w weekend", "на вихідних".
        let weekend = |k: usize| matches!(self.unit_at(k), Some((Unit::Weekend, false)));
        // "the coming weekend", "komend weekend", "am kommenden Wochenende": the next one to come.
        let coming = |k: usize| {
            (self.word(k) == Some(Word::Coming) || self.role(k, Role::Upcoming)) && weekend(k + 1)
        };
        let weekend_end = if self.is(j, "the") && coming(j + 1) {
            Some(j + 3)
        } else if coming(j) || (self.is(j, "the") && weekend(j + 1)) {
            Some(j + 2)
        } else if weekend(j)
            && !matches!(self.word(j + 1), Some(Word::Deixis(_)))
            && ((self.table()
                && [Role::Article, Role::YearContext, Role::TimeContext]
                    .into_iter()
                    .any(|r| self.role(j.wrapping_sub(1), r)))
                || self.is_any(j.wrapping_sub(1), &["в", "во", "на"])
                || self.deadline_word(j.wrapping_sub(1)))
        {
            Some(j + 1)
        } else {
            None
        };
        if let Some(end) = weekend_end {
            let started = self.anchor.weekday().number_from_monday() >= 6;
            let upcoming = coming(j) || (self.is(j, "the") && coming(j + 1));
            // "até ao fim de semana": a deadline leans by its verb, ahead unless told as past.
            let lean = if self.deadline_word(j.wrapping_sub(1)) {
                self.deadline_lean(j.wrapping_sub(1))
            } else {
                self.lean(j, end)
            };
            let step = match (lean, started) {
                _ if upcoming => i64::from(started),
                (Lean::Future, _) | (_, true) => 0,
                _ => -1,
            };
            return Some(Match::new(
                end,
                resolve::shift(self.anchor, Unit::Weekend, step)?,
                false,
            ));
        }
        // "the day before yesterday" / "the day after tomorrow"
        if self.is(j, "the") && self.is(j + 1, "day") && self.is_any(j + 2, &["before", "after"]) {
            let days = match self.word(j + 3) {
                Some(Word::Relative(-1)) if self.is(j + 2, "before") => -2,
                Some(Word::Relative(1)) if self.is(j + 2, "after") => 2,
                _ => return None,
            };
            let date = resolve::shift_days(self.anchor, days)?;
            return Some(self.day_match(j + 4, date, false));
        }
        // "this past weekend": the one just gone.
        if self.word(j) == Some(Word::Deixis(Deixis::This))
            && self.is(j + 1, "past")
            && let Some((unit @ (Unit::Week | Unit::Weekend), false)) = self.unit_at(j + 2)
        {
            return Some(Match::new(
                j + 3,
                resolve::shift(self.anchor, unit, -1)?,
                false,
            ));
        }
        // "last week", "this year", "the coming week", "в позапрошлом году"
        let k =
            j + usize::from(self.is(j, "the") && matches!(self.word(j + 1), Some(Word::Coming)));
        let step = match self.word(k) {
            Some(Word::Deixis(Deixis::BeforeLast)) => Some(-2),
            Some(Word::Deixis(Deixis::Last)) => Some(-1),
            Some(Word::Deixis(Deixis::This)) => Some(0),
            Some(Word::Deixis(Deixis::Next) | Word::Coming) => Some(1),
            _ => None,
        };
        // "следующей недели": "недели" is also a plural, but a singular adjective decides.
        let singular_adjective = !self.lower(k).is_ascii()
            && !["ые", "ие", "ых", "их", "ыми", "ими"]
                .iter()
                .any(|e| self.lower(k).ends_with(e));
        // "kommenden Wochen", "próximas semanas": a span, read by `vague`.
        let span = |unit: Unit, plural: bool| {
            self.table() && plural && unit != Unit::Weekend && self.latin(k)
        };
        if let Some(step) = step
            && let Some((unit, plural)) = self.unit_at(k + 1)
            && !(unit == Unit::Weekend
                && (self.word(k) == Some(Word::Coming) || self.role(k, Role::Upcoming)))
            && (!plural || singular_adjective)
            && !span(unit, plural)
            && unit != Unit::Day
            && !(step < 0 && unit == Unit::Decade)
        {
            // "Este fin de semana se registraron 40 incendios", said on a weekday: the weekend
            // just gone, when a past verb says so (no verb is the coming one).
            let step = if step == 0
                && unit == Unit::Weekend
                && self.table()
                && self.anchor.weekday().number_from_monday() < 6
                && self.past_sentence(k)
            {
                -1
            } else {
                step
            };
            return Some(Match::new(
                k + 2,
                resolve::shift(self.anchor, unit, step)?,
                false,
            ));
        }
        // "mois dernier", "año pasado", "anno scorso"
        if self.table()
            && let Some((unit, false)) = self.unit_at(k)
            && unit != Unit::Day
            && let Some(Word::Deixis(d)) = self.word(k + 1)
        {
            let step = match d {
                Deixis::BeforeLast => -2,
                Deixis::Last => -1,
                Deixis::This => 0,
                Deixis::Next => 1,
            };
            return Some(Match::new(
                k + 2,
                resolve::shift(self.anchor, unit, step)?,
                false,
            ));
        }
        // "later in the week", "earlier in the year": this period, as "later this week".
        if j != i
            && !self.table()
            && self.is(j, "in")
            && self.is(j + 1, "the")
            && let Some((unit @ (Unit::Week | Unit::Month | Unit::Year), false)) =
                self.unit_at(j + 2)
        {
            return Some(Match::new(
                j + 3,
                resolve::shift(self.anchor, unit, 0)?,
                false,
            ));
        }
        if j != i {
            return None; // a hedge only goes with "this/last/next …"
        }
        // "полгода назад", "через полгода"
        if self.word(i) == Some(Word::HalfYear) && self.word(i + 1) == Some(Word::Ago) {
            return Some(Match::new(
                i + 2,
                resolve::shift(self.anchor, Unit::Month, -6)?,
                false,
            ));
        }
        if self.is(i, "через") && self.word(i + 1) == Some(Word::HalfYear) {
            return Some(Match::new(
                i + 2,
                resolve::shift(self.anchor, Unit::Month, 6)?,
                false,
            ));
        }
        // "vor drei Tagen", "il y a deux ans", "dentro de tres semanas", "через тиждень"
        if self.table() {
            for (phrases, sign) in [(&self.lex.ago_prefixes, -1), (&self.lex.in_prefixes, 1)] {
                let Some(after) = self.phrase_at(i, phrases) else {
                    continue;
                };
                let (count, k) = self.count(after).unwrap_or((Some(1), after));
                let Some((unit, _)) = self.unit_at(k) else {
                    continue;
                };
                if k == after && self.lower(k).is_ascii() {
                    continue; // "in Jahren" is no date; Slavic "через тиждень" is.
                }
                if self.year_number(k + 1).is_some() {
                    continue; // "منذ عام 2010": since the year 2010, not a year ago.
                }
                let point = match count {
                    Some(n) => resolve::shift_count(self.anchor, unit, sign * i64::from(n))?,
                    None if sign < 0 => Point::Vague(VagueRef::Past),
                    None => Point::Vague(VagueRef::Future),
                };
                return Some(Match::new(k + 1, point, false));
            }
        }
        // "two days ago", "a few years ago", "год назад"
        let (count, k) = self.count(i).unwrap_or((Some(1), i));
        if let Some((unit, plural)) = self.unit_at(k)
            && matches!(self.word(k + 1), Some(Word::Ago))
            // Without a count only Russian and the table languages read a singular unit as
            // one ("год назад", "Rok temu"); "1,5 года назад" has one.
            && (k > i
                || ((!self.lower(k).is_ascii() || (self.table() && !plural))
                    && self.number(i.wrapping_sub(1)).is_none()))
        {
            let point = match count {
                Some(n) => resolve::shift_count(self.anchor, unit, -i64::from(n))?,
                None => Point::Vague(VagueRef::Past),
            };
            // "two years ago this week": this week's number, that many years back.
            if let (Point::Year(year), Some(Word::Deixis(Deixis::This))) = (point, self.word(k + 2))
                && matches!(self.unit_at(k + 3), Some((Unit::Week, false)))
            {
                let week = self.anchor.iso_week().week();
                let week = resolve::week_of(chrono::NaiveDate::from_isoywd_opt(
                    year,
                    week.min(52),
                    chrono::Weekday::Mon,
                )?);
                return Some(Match::new(k + 4, week, false));
            }
            return Some(Match::new(k + 2, point, false));
        }
        // "in three weeks", "через две недели"
        if self.is_any(i, &["in", "через"]) && !self.table() {
            let (count, k) = self.count(i + 1).unwrap_or((Some(1), i + 1));
            let (unit, _) = self.unit_at(k)?;
            // "in a day" is a rate and "in two days of talks" a duration.
            let english_count = k > i + 1 && !self.is_any(i + 1, &["a", "an"]);
            // "in three weeks' time", "in a week's time": the span takes the "time".
            let possessive = self.punct(k + 1, "'’") && self.glued(k + 1);
            let time_end = match (possessive, self.is(k + 2, "s")) {
                (true, false) if self.is(k + 2, "time") => Some(k + 3),
                (true, true) if self.is(k + 3, "time") => Some(k + 4),
                _ => None,
            };
            let english_count = english_count || time_end.is_some();
            if (self.is(i, "in") && !english_count)
                || (time_end.is_none() && self.is_any(k + 1, &["of", "'", "’", "ago"]))
            {
                return None;
            }
            let point = match count {
                Some(n) => resolve::shift_count(self.anchor, unit, i64::from(n))?,
                None => Point::Vague(VagueRef::Future),
            };
            return Some(Match::new(time_end.unwrap_or(k + 1), point, false));
        }
        None
    }

    /// The word at `k` is written in the Latin script.
    fn latin(&self, k: usize) -> bool {
        let word = self.lower(k);
        !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_alphabetic() && u32::from(c) < 0x250)
    }

    /// "recent months", "the coming weeks", "recently", "the past", "в последние годы",
    /// "в настоящее время".
    pub(super) fn vague(&self, i: usize) -> Option<Match> {
        if let Some(Word::Vague(v)) = self.word(i) {
            return Some(Match::new(i + 1, Point::Vague(v), false));
        }
        // "на днях": in the last few days.
        if self.is(i, "на") && self.is(i + 1, "днях") {
            return Some(Match::new(i + 2, Point::Vague(VagueRef::Past), false));
        }
        let j = i + usize::from(self.is(i, "the"));
        // Chinese and Japanese mark no plural: "今後数日".
        let plural_unit = |k: usize| match self.unit_at(k) {
            Some((_, plural)) => plural || self.lower(k).chars().next().is_some_and(is_cjk),
            None => false,
        };
        // "the next few days", "the coming several weeks"
        if matches!(
            self.word(j),
            Some(Word::Deixis(Deixis::Next) | Word::Coming)
        ) && matches!(self.word(j + 1), Some(Word::Several))
            && plural_unit(j + 2)
        {
            return Some(Match::new(j + 3, Point::Vague(VagueRef::Future), false));
        }
        // "последние 12 месяцев", "ближайшие две недели"
        if let Some(v) = match self.word(j) {
            Some(Word::Recent) => Some(VagueRef::Past),
            Some(Word::Coming) => Some(VagueRef::Future),
            _ => None,
        } && let Some((Some(n), k)) = self.count(j + 1)
            && n > 1
            && k > j + 1
            // Russian counts two to four with the genitive singular: "ближайшие два года".
            && (plural_unit(k) || (self.unit_at(k).is_some() && !self.lower(k).is_ascii()))
        {
            return Some(Match::new(k + 1, Point::Vague(v), false));
        }
        // "kommenden Wochen", "ultimi dodici mesi", "douze derniers mois": a span before or
        // after now, in the table languages.
        if self.table() {
            let counted = |at: usize| match self.count(at) {
                Some((Some(n), k)) if n > 1 && k > at => Some(k),
                _ => None,
            };
            let deixis_at = counted(i).unwrap_or(i);
            let v = match self.word(deixis_at) {
                Some(Word::Recent | Word::Deixis(Deixis::Last)) => Some(VagueRef::Past),
                Some(Word::Coming | Word::Deixis(Deixis::Next)) => Some(VagueRef::Future),
                _ => None,
            };
            let unit_at = if deixis_at > i {
                deixis_at + 1
            } else {
                counted(i + 1).unwrap_or(i + 1)
            };
            // Without a count, a Slavic or CJK unit may look plural in a singular phrase
            // ("наступного місяця"): those stay with `relative`.
            let with_count = unit_at > deixis_at + 1 || deixis_at > i;
            if let Some(v) = v
                && let Some((unit, plural)) = self.unit_at(unit_at)
                && unit != Unit::Weekend
                && (with_count || (plural && self.latin(deixis_at)))
            {
                return Some(Match::new(unit_at + 1, Point::Vague(v), false));
            }
            // "الأيام المقبلة", "الأشهر الماضية": a plural unit with its deixis after it.
            if let Some((unit, true)) = self.unit_at(i)
                && unit != Unit::Weekend
                && let Some(v) = match self.word(i + 1) {
                    Some(Word::Deixis(Deixis::Last)) => Some(VagueRef::Past),
                    Some(Word::Deixis(Deixis::Next)) => Some(VagueRef::Future),
                    _ => None,
                }
            {
                return Some(Match::new(i + 2, Point::Vague(v), false));
            }
        }
        match self.word(j) {
            Some(Word::Recent) if plural_unit(j + 1) => {
                return Some(Match::new(j + 2, Point::Vague(VagueRef::Past), false));
            }
            Some(Word::Coming) if plural_unit(j + 1) => {
                return Some(Match::new(j + 2, Point::Vague(VagueRef::Future), false));
            }
            _ => {}
        }
        // "the past few weeks", "the last several years"
        if self.is_any(j, &["past", "last"])
            && matches!(self.word(j + 1), Some(Word::Several))
            && plural_unit(j + 2)
        {
            return Some(Match::new(j + 3, Point::Vague(VagueRef::Past), false));
        }
        // "the past 12 months", "the next five years": a span reaching to or from now.
        if self.is(i, "the")
            && let Some(v) = match self.lower(i + 1) {
                "past" | "last" => Some(VagueRef::Past),
                "next" | "coming" => Some(VagueRef::Future),
                _ => None,
            }
            && let Some((Some(n), k)) = self.count(i + 2)
            && n > 1
            // "the past 24 hours": wire copy's span of a storm or a count, too.
            && (plural_unit(k) || self.is(k, "hours"))
            && !self.is(k + 1, "of")
        {
            return Some(Match::new(k + 1, Point::Vague(v), false));
        }
        // "the past year", "the past decade": the span up to now, not the calendar period.
        if self.is(i, "the")
            && self.is(i + 1, "past")
            && matches!(self.unit_at(i + 2), Some((_, false)))
        {
            return Some(Match::new(i + 3, Point::Vague(VagueRef::Past), false));
        }
        let lone = |k: usize| self.unit_at(k).is_none() && self.word(k) != Some(Word::Several);
        // "in the past", "in the future"
        if self.is(i, "the")
            && self.is(i.wrapping_sub(1), "in")
            && lone(i + 2)
            && self.number(i + 2).is_none()
        {
            let v = match self.lower(i + 1) {
                "past" => VagueRef::Past,
                "future" => VagueRef::Future,
                _ => return None,
            };
            return Some(Match::new(i + 2, Point::Vague(v), false));
        }
        // "в прошлом", "в будущем", "в последнее время", "в настоящее время"
        if self.is_any(i.wrapping_sub(1), &["в", "во"]) {
            let v = match self.lower(i) {
                "прошлом" if lone(i + 1) && self.word(i + 1).is_none() => VagueRef::Past,
                "будущем" if lone(i + 1) && self.word(i + 1).is_none() => VagueRef::Future,
                "последнее" if self.is(i + 1, "время") => VagueRef::Past,
                "настоящее" if self.is(i + 1, "время") => VagueRef::Present,
                _ => return None,
            };
            let end = i + 1 + usize::from(self.is(i + 1, "время"));
            return Some(Match::new(end, Point::Vague(v), false));
        }
        None
    }

    /// "the day before", "the next day", "two days later", "a week earlier", "на следующий день":
    /// counted from `told` (the publication day when `from_publication`),
    /// the day the story named last (its mention ending at token `told_end`, in the same
    /// paragraph), not from the publication date.
    pub(in super::super) fn narrative_day(
        &self,
        i: usize,
        told: chrono::NaiveDate,
        told_end: usize,
        from_publication: bool,
    ) -> Option<Match> {
        if i < told_end || i - told_end > 40 {
            return None;
        }
        // "the day before, police…", but not "the day before the vote" (a day of its own event).
        let clause_end = |k: usize| {
            self.tokens
                .get(k)
                .is_none_or(|t| t.kind == Kind::Punct || t.newline)
        };
        let (days, end) = if self.table() {
            // "al día siguiente", "am Vortag", but not "la víspera de las elecciones" (the eve
            // of an event of its own).
            let (end, days) = self.lex.narrative_days.iter().find_map(|(phrase, days)| {
                Some((self.phrase_at(i, std::slice::from_ref(phrase))?, *days))
            })?;
            if self.role(end, Role::Link) {
                return None;
            }
            // Before any day is told, "Напередодні виборів" is the eve of an event of its own.
            if from_publication && !self.eve_of_a_day(end) {
                return None;
            }
            (days, end)
        } else if self.is(i, "следующий") && self.is(i + 1, "день") {
            (1, i + 2) // "на следующий день"
        } else if self.is(i, "накануне") {
            if !self.eve_of_a_day(i + 1) {
                return None;
            }
            (-1, i + 1)
        } else if self.is(i, "the") && self.is(i + 2, "day") {
            match self.lower(i + 1) {
                "previous" | "preceding" => (-1, i + 3),
                "next" | "following" => (1, i + 3),
                _ => return None,
            }
        } else if self.is(i, "the") && self.is(i + 1, "day") {
            match self.lower(i + 2) {
                "before" if clause_end(i + 3) => (-1, i + 3),
                "after" if clause_end(i + 3) => (1, i + 3),
                _ => return None,
            }
        } else {
            let (Some(n), at) = self.count(i)? else {
                return None;
            };
            let per = match self.unit_at(at)? {
                (Unit::Day, _) => 1,
                (Unit::Week, _) => 7,
                _ => return None,
            };
            let sign = match self.lower(at + 1) {
                "later" => 1,
                "earlier" => -1,
                "before" if clause_end(at + 2) => -1,
                _ => return None,
            };
            (sign * per * i64::from(n), at + 2)
        };
        // The story's day holds within its paragraph.
        if !from_publication
            && (told_end..=i).any(|k| self.tokens.get(k).is_some_and(|t| t.newline))
        {
            return None;
        }
        let date = told.checked_add_signed(chrono::Duration::days(days))?;
        Some(Match::new(end, Point::Day(date), false))
    }

    /// "Накануне Путин заявил…", "накануне вечером", "Напередодні уряд затвердив", but not
    /// "накануне выборов" (the eve of an event of its own, a noun after it): the eve word at
    /// before `end` names a day.
    fn eve_of_a_day(&self, end: usize) -> bool {
        self.tokens
            .get(end)
            .is_none_or(|t| t.kind == Kind::Punct || t.newline || t.capitalized)
            || self.is_any(
                end,
                &["в", "во", "на", "утром", "днем", "днём", "вечером", "ночью", "у", "ввечері", "вранці"],
            )
            // "Накануне президент подписал указ": the word after is the verb's subject.
            || self.past_verb(end + 1)
            || self.future_verb(end + 1)
    }

    // ---- modifiers ----

    /// "late June", "mid-March", "the early 1990s", "the end of last year",
    /// "в конце июня", "в начале XX века".
    pub(super) fn modified(&self, i: usize) -> Option<Match> {
        let j = i + usize::from(self.is(i, "the"));
        // "a pris fin l'an passé": the verb's object, not the end of last year.
        if self.role(j.wrapping_sub(1), Role::TakesObject) {
            return None;
        }
        let (modifier, core_at) = match self.word(j) {
            Some(Word::Modifier(m)) => {
                let dash = self.punct(j + 1, DASHES) && self.glued(j + 1);
                (m, j + 1 + usize::from(dash))
            }
            Some(Word::ModifierNoun(m)) if self.is(j + 1, "of") => (m, j + 2),
            // "end-June", "start-2024"
            Some(Word::ModifierNoun(m)) if self.punct(j + 1, DASHES) && self.glued(j + 1) => {
                (m, j + 2)
            }
            _ => return None,
        };
        // "principios de marzo", "fin de l'année", "Ende des Jahres"
        let core_at = if self.table() {
            self.skip_links(core_at)
        } else {
            core_at
        };
        // "the end of the year", "до конца года", "с начала месяца": the current one.
        let current = (j + 1 < core_at && self.is(core_at, "the"))
            || !self.lower(j).is_ascii()
            || self.table();
        let unit_at = core_at + usize::from(self.is(core_at, "the"));
        if current
            && let Some((unit @ (Unit::Year | Unit::Month | Unit::Week), plural)) =
                self.unit_at(unit_at)
            // "до конца недели": after a part-of-period noun the Russian unit is a genitive
            // singular, which "недели" shares with the plural.
            && (!plural || self.table() || !self.lower(unit_at).is_ascii())
            && (unit_at > core_at || !self.lower(unit_at).is_ascii() || self.table())
            && !matches!(self.word(unit_at + 1), Some(Word::Deixis(_)))
            // "na początku lat 90.": the unit word opens a decade.
            && self.decade_noun(unit_at).is_none()
        {
            // "Наприкінці року інфляція сповільнилася" said in January: an end or middle not
            // reached yet, told with a past verb, is the last year's or month's ("the
            // contract expires at the end of the year" keeps this one).
            let reached = match (unit, modifier) {
                (Unit::Year, Modifier::Late) => self.anchor.month() >= 9,
                (Unit::Year, Modifier::Mid) => self.anchor.month() >= 5,
                (Unit::Month, Modifier::Late) => self.anchor.day() >= 21,
                (Unit::Month, Modifier::Mid) => self.anchor.day() >= 11,
                _ => true,
            };
            let back = !reached && self.past_sentence(i) && self.lean(i, unit_at + 1) == Lean::Past;
            return Some(Match {
                modifier: Some(modifier),
                ..Match::new(
                    unit_at + 1,
                    resolve::shift(self.anchor, unit, -i64::from(back))?,
                    false,
                )
            });
        }
        // "late Tuesday", "early Sunday": a part of a weekday, as wire copy times overnight news.
        if j == i
            && matches!(self.word(j), Some(Word::Modifier(_)))
            && !self.table()
            && let Some(day) = self.weekday(core_at)
            && matches!(self.word(core_at), Some(Word::Weekday(_)))
        {
            return Some(Match {
                modifier: Some(modifier),
                ..day
            });
        }
        let core = longest([
            self.month(core_at),
            self.year(core_at, true, None),
            self.decade(core_at),
            self.decade_noun(core_at),
            self.century(core_at),
            self.season(core_at),
            self.quarter(core_at),
            self.relative(core_at),
        ])?;
        let modifiable = matches!(
            core.point,
            Point::Month(..)
                | Point::Year(_)
                | Point::Decade(_)
                | Point::Century(_)
                | Point::Season(..)
                | Point::Week(..)
                | Point::Quarter(..)
        );
        // "the" belongs to "the early 1990s" and "the end of June", but in
        // "the late June raid" it belongs to the noun.
        let takes_the = matches!(self.word(j), Some(Word::ModifierNoun(_)))
            || matches!(core.point, Point::Decade(_) | Point::Century(_));
        if !modifiable || (j > i && !takes_the) {
            return None;
        }
        Some(Match {
            modifier: Some(modifier),
            ..core
        })
    }
}
