//! Days: numeric dates, day-month-year in both orders, weekdays.

use chrono::{Datelike, NaiveDate};

use super::super::lexer::{Kind, is_cjk};
use super::super::lexicon::{Deixis, Role, Word};
use super::super::resolve::{self, Lean, Unit};
use super::super::value::Point;
use super::{DASHES, Grammar, Match, ORDINAL_SUFFIXES, deixis_lean, longest};

impl Grammar<'_> {
    /// Ends a day expression, extending it with a clock time when one follows:
    /// "25 December at 14:30 Moscow time", "вчера в 10:00".
    pub(super) fn day_match(&self, end: usize, date: NaiveDate, explicit_year: bool) -> Match {
        let k = if self.punct(end, ",") { end + 1 } else { end };
        // "ieri sera alle 22.30", "mardi soir à 20 heures": a part of the day before the time.
        let k = k + usize::from(
            self.role(k, Role::DayPart)
                && (self.role(k + 1, Role::TimeContext) || self.role(k + 1, Role::HourContext)),
        );
        let timed = if self.is_any(k, &["at", "в", "around", "около"])
            || (self.table() && self.role(k, Role::TimeContext))
        {
            self.clock(self.after_time_context(k), date, true)
        } else {
            // "30 November 2025, 23:59 EET": a zone or "p.m." marks the time.
            self.clock(k, date, false)
        };
        if let Some((time_end, point)) = timed {
            return Match::new(time_end, point, explicit_year);
        }
        Match::new(end, Point::Day(date), explicit_year)
    }

    /// A day and month with the year that follows them ("2024", "last year"),
    /// or anchored on the publication date when none does.
    pub(super) fn date_or_resolve(
        &self,
        start: usize,
        j: usize,
        month: u32,
        day: u32,
    ) -> Option<Match> {
        if let Some((year, end)) = self.trailing_year(j).or_else(|| self.relative_year(j)) {
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            return Some(self.day_match(end, date, true));
        }
        // "le 5 mars dernier", "el 5 de marzo pasado", "12 mai prochain"
        if let Some(lean) = self.postposed_lean(j) {
            let date = resolve::day_month(self.anchor, month, day, lean)?;
            return Some(self.day_match(j + 1, date, false));
        }
        let date = resolve::day_month(self.anchor, month, day, self.lean(start, j))?;
        Some(self.day_match(j, date, false))
    }

    /// "el pasado 12 de mayo", "lo scorso 12 maggio", "no próximo dia 1º de janeiro", "no
    /// último dia 12": a deixis before a day, with the word "day" between perhaps.
    pub(super) fn deixis_day(&self, i: usize) -> Option<Match> {
        let Some(Word::Deixis(d)) = self.word(i) else {
            return None;
        };
        let lean = deixis_lean(d).filter(|_| self.table())?;
        let day_word = self.unit_at(i + 1) == Some((Unit::Day, false));
        let k = i + 1 + usize::from(day_word);
        if let Some(m) = self.day_month(k) {
            let Point::Day(date) = m.point else {
                return None;
            };
            if m.explicit_year || m.end_point.is_some() {
                return None;
            }
            let date = resolve::day_month(self.anchor, date.month(), date.day(), lean)?;
            return Some(self.day_match(m.end, date, false));
        }
        // "no último dia 12": a day of the month named by the word "day".
        let (day, end, _) = self
            .day_number(k)
            .filter(|_| day_word && self.isolated(k))?;
        if self.quantity_follows(end) {
            return None;
        }
        let date = resolve::day_of_month(self.anchor, day, lean)?;
        Some(self.day_match(end, date, false))
    }

    /// "2025-08-27", "27.08.2025", "08/27/2025".
    pub(super) fn numeric_date(&self, i: usize) -> Option<Match> {
        let first = self.number(i)?;
        // Five glued tokens: number, separator, number, the same separator, number.
        let sep = self.tokens.get(i + 1).map(|t| t.ch)?;
        let shape = self.punct(i + 1, ".-/")
            && self.tokens.get(i + 3).is_some_and(|t| t.ch == sep)
            && (i + 1..=i + 4).all(|k| self.glued(k));
        if !shape {
            return None;
        }
        let second = self.small_number(i + 2, 2)?;
        let third_token = self.tokens.get(i + 4).filter(|t| t.kind == Kind::Number)?;
        let third = third_token.num;
        let first_len = self.tokens.get(i)?.len;
        let (year, month, day) = if first_len == 4 && sep != '.' {
            if third_token.len > 2 {
                return None;
            }
            (i32::try_from(first).ok()?, second, third)
        } else {
            // "01-07-2025" is Dutch and Portuguese; in English and Russian a dash joins a range.
            if first_len > 2 || (sep == '-' && !self.table()) {
                return None;
            }
            let year = match third_token.len {
                4 => i32::try_from(third).ok()?,
                2 => {
                    let y = 2000 + i32::try_from(third).ok()?;
                    if y > self.anchor.year() + 10 {
                        y - 100
                    } else {
                        y
                    }
                }
                _ => return None,
            };
            let day_first = sep == '.' || first > 12 || (second <= 12 && self.day_first);
            if day_first {
                (year, second, first)
            } else {
                (year, first, second)
            }
        };
        if !(1000..=2100).contains(&year) || !self.free_left(i) || !self.free_right(i + 4) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        Some(self.day_match(i + 5, date, true))
    }

    /// A day number with its ordinal ending: "25", "25th", "25-го".
    pub(super) fn day_number(&self, i: usize) -> Option<(u32, usize, bool)> {
        let day = self.small_number(i, 2).filter(|d| (1..=31).contains(d))?;
        // "1st", "1er", "1º", and the degree sign Italian papers type for "1°".
        if (ORDINAL_SUFFIXES.contains(&self.lower(i + 1))
            || self.role(i + 1, Role::OrdinalSuffix)
            || (self.table() && self.punct(i + 1, "°")))
            && self.glued(i + 1)
        {
            return Some((day, i + 2, true));
        }
        // "15. März", "vom 4. bis 9. Oktober": a German day number ends with a dot.
        if self.table()
            && self.punct(i + 1, ".")
            && self.glued(i + 1)
            && (matches!(
                self.word(i + 2),
                Some(Word::Month(_) | Word::MonthAbbrev(_))
            ) || self.role(i + 2, Role::RangeTo)
                || self.punct(i + 2, DASHES))
        {
            return Some((day, i + 2, true));
        }
        if self.punct(i + 1, DASHES)
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.is_any(i + 2, &["го", "е", "ого", "му"])
        {
            return Some((day, i + 3, true));
        }
        Some((day, i + 1, false))
    }

    /// A day number in words before a month: "третьего [января]", "двадцать первого",
    /// "pierwszego [września]", "dwudziestego pierwszego".
    fn ordinal_day(&self, i: usize) -> Option<(u32, usize)> {
        if !self.table() && self.is(i, "the") {
            return self.english_ordinal_day(i + 1);
        }
        let genitive = |k: usize| self.lower(k).ends_with("го") || self.lower(k).ends_with("ego");
        let (day, end) = match (self.word(i), self.word(i + 1)) {
            (
                Some(Word::Number(tens @ (20 | 30)) | Word::Ordinal(tens @ (20 | 30))),
                Some(Word::Ordinal(n)),
            ) if n < 10 && genitive(i + 1) => (tens + n, i + 2),
            (Some(Word::Ordinal(n)), _) if genitive(i) => (n, i + 1),
            // "primo gennaio", "primero de mayo": the first of a month in words.
            (Some(Word::Ordinal(1)), _) if self.table() => (1, i + 1),
            _ => return None,
        };
        let end = if self.table() {
            self.skip_links(end)
        } else {
            end
        };
        let month_follows = matches!(self.word(end), Some(Word::Month(_)))
            && (self.table()
                || (!self.lower(end).is_ascii() && self.lower(end).ends_with(['я', 'а'])));
        ((1..=31).contains(&day) && month_follows).then_some((day, end))
    }

    /// An English day in words between "the" and "of": "[the] third of May", "[the]
    /// twenty-first of June". Returns the day and the index of the month.
    fn english_ordinal_day(&self, i: usize) -> Option<(u32, usize)> {
        let (day, end) = match (self.word(i), self.word(i + 1), self.word(i + 2)) {
            (Some(Word::Number(tens @ (20 | 30))), _, Some(Word::Ordinal(n)))
                if n < 10 && self.punct(i + 1, DASHES) =>
            {
                (tens + n, i + 3)
            }
            (Some(Word::Number(tens @ (20 | 30))), Some(Word::Ordinal(n)), _) if n < 10 => {
                (tens + n, i + 2)
            }
            (Some(Word::Ordinal(n)), _, _) => (n, i + 1),
            _ => return None,
        };
        let month_follows =
            self.is(end, "of") && matches!(self.word(end + 1), Some(Word::Month(_)));
        ((1..=31).contains(&day) && month_follows).then_some((day, end + 1))
    }

    /// "улица 8 Марта", "ulica 11 Listopada", "rue du 4 Septembre": where months are written
    /// lower-case, a capitalised one after a day number inside a sentence names a street or a
    /// holiday, not a date. "Rua 25 de Abril" too; "25 de Abril de 1974" with its year is a date.
    pub(super) fn named_day(&self, i: usize) -> bool {
        let linked = self.table() && self.role(i + 1, Role::Link);
        let month = i + 1 + usize::from(linked);
        let after = month + 1 + usize::from(self.role(month + 1, Role::Link));
        let lower_case =
            self.lex.lower_case_months || (!self.table() && !self.lower(month).is_ascii());
        lower_case
            && self.year_number(after).is_none()
            && self.number(i).is_some()
            && !self.sentence_initial(i)
            && self.tokens.get(month).is_some_and(|t| t.capitalized)
            && matches!(
                self.word(month),
                Some(Word::Month(_) | Word::MonthAbbrev(_))
            )
    }

    /// "25 December", "the 25th of December 2024", "25 декабря 2024 года".
    pub(super) fn day_month(&self, i: usize) -> Option<Match> {
        if self.named_day(i) {
            return None;
        }
        if let Some((day, j)) = self.ordinal_day(i)
            && let Some((month, j)) = self.month_or_abbrev(j)
        {
            return self.date_or_resolve(i, j, month, day);
        }
        let the = self.is(i, "the");
        let j = i + usize::from(the);
        if !self.isolated(j) {
            return None;
        }
        let (day, mut j, ordinal) = self.day_number(j)?;
        let of = self.is(j, "of");
        if of {
            j += 1;
        }
        if (the || of) && !ordinal {
            return None;
        }
        if self.table() && self.role(j, Role::Link) {
            j += 1; // "3 de mayo"
        }
        // "15 III 2025": a Roman month between the day and its year, as Polish writes dates.
        let roman_month = || {
            let month = self.roman_at(j).filter(|m| (1..=12).contains(m))?;
            (self.table() && self.year_number(j + 1).is_some()).then_some((month, j + 1))
        };
        let (month, j) = self.month_or_abbrev(j).or_else(roman_month)?;
        self.date_or_resolve(i, j, month, day)
    }

    /// "December 25", "Aug. 27, 2025", "December 25th".
    pub(super) fn month_day(&self, i: usize) -> Option<Match> {
        let (month, j) = self.month_or_abbrev(i)?;
        let (day, end, ordinal) = self.day_number(j)?;
        if !self.isolated(j) {
            return None;
        }
        if !ordinal
            && self.trailing_year(end).is_none()
            && (self.quantity_follows(end) || self.number(end).is_some())
        {
            return None;
        }
        self.date_or_resolve(i, end, month, day)
    }

    /// An ordinal-like weekday name reads as a weekday: a deixis or preposition before it, and
    /// no noun after it ("na segunda, o ministro", "segunda passada", "na segunda às 10h").
    fn weekday_context(&self, j: usize) -> bool {
        let before = matches!(self.word(j.wrapping_sub(1)), Some(Word::Deixis(_)))
            || self.role(j.wrapping_sub(1), Role::YearContext)
            || self.role(j.wrapping_sub(1), Role::TimeContext)
            || self.role(j.wrapping_sub(1), Role::RangeFrom)
            || self.role(j.wrapping_sub(1), Role::StartFrom);
        let after = self.postposed_lean(j + 1).is_some()
            || self.tokens.get(j + 1).is_none_or(|t| {
                t.kind != Kind::Word
                    || t.capitalized
                    || self.role(j + 1, Role::TimeContext)
                    || self.role(j + 1, Role::YearContext)
                    || self.role(j + 1, Role::RangeTo)
                    || self.word(j + 1).is_some()
            });
        (before || self.postposed_lean(j + 1).is_some()) && after
    }

    /// A date said with its weekday and no year: the nearest year where the day is that weekday.
    fn on_weekday(&self, m: Match, day: chrono::Weekday) -> Match {
        let Point::Day(date) = m.point else {
            return m;
        };
        if m.explicit_year || m.end_point.is_some() || date.weekday() == day {
            return m;
        }
        let year = self.anchor.year();
        let fits = [year, year + 1, year - 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, date.month(), date.day()))
            .find(|d| d.weekday() == day);
        match fits {
            Some(d) => Match {
                point: Point::Day(d),
                ..m
            },
            None => m,
        }
    }

    /// "volgende week dinsdag", "nächste Woche Dienstag", "先週の日曜日": a weekday of the
    /// week named.
    fn weekday_of_week(&self, i: usize) -> Option<Match> {
        let Some(Word::Deixis(d)) = self.word(i) else {
            return None;
        };
        let day_at = i + 2 + usize::from(self.is(i + 2, "の"));
        let Some(Word::Weekday(day)) = self.word(day_at) else {
            return None;
        };
        if !self.table() || self.unit_at(i + 1) != Some((Unit::Week, false)) {
            return None;
        }
        let weeks: i64 = match d {
            Deixis::Last => -1,
            Deixis::This => 0,
            Deixis::Next => 1,
            Deixis::BeforeLast => return None,
        };
        Some(self.day_match(day_at + 1, self.day_of_week(weeks, day)?, false))
    }

    /// The `day` of the week `weeks` away from the publication day's.
    fn day_of_week(&self, weeks: i64, day: chrono::Weekday) -> Option<NaiveDate> {
        let monday = self.anchor
            - chrono::Days::new(u64::from(self.anchor.weekday().num_days_from_monday()));
        monday.checked_add_signed(chrono::Duration::days(
            weeks * 7 + i64::from(day.num_days_from_monday()),
        ))
    }

    /// "the week of March 3": the ISO week that holds the day.
    pub(super) fn week_of(&self, i: usize) -> Option<Match> {
        let j = i + usize::from(self.is(i, "the"));
        // "the first week of October": the ISO week holding its first day, the second the
        // week after.
        if let Some(Word::Ordinal(n @ 1..=4)) = self.word(j)
            && !self.table()
            && self.is(j + 1, "week")
            && self.is(j + 2, "of")
        {
            let month = self.month(j + 3)?;
            let Point::Month(year, m) = month.point else {
                return None;
            };
            let week = NaiveDate::from_ymd_opt(year, m, 1 + 7 * (n - 1))?.iso_week();
            return Some(Match::new(
                month.end,
                Point::Week(week.year(), week.week()),
                month.explicit_year,
            ));
        }
        if !(self.is(j, "week") && self.is(j + 1, "of")) {
            return None;
        }
        let day = longest([self.month_day(j + 2), self.day_month(j + 2)])?;
        let Point::Day(date) = day.point else {
            return None;
        };
        let week = date.iso_week();
        Some(Match::new(
            day.end,
            Point::Week(week.year(), week.week()),
            day.explicit_year,
        ))
    }

    /// The second day of "la nuit de samedi à dimanche", "der Nacht von Samstag auf Sonntag":
    /// the night is told by its first day.
    fn second_night_day(&self, j: usize) -> bool {
        let word_at = |k: usize| self.tokens.get(k).is_some_and(|t| t.kind == Kind::Word);
        j >= 4
            && matches!(self.word(j - 2), Some(Word::Weekday(_)))
            && word_at(j - 1)
            && word_at(j - 3)
            && self.role(j - 4, Role::Night)
    }

    /// The first day of "в ночь с субботы на воскресенье": Russian tells the night by its
    /// second day, as in "в ночь на воскресенье".
    fn first_night_day(&self, j: usize) -> bool {
        !self.table()
            && self.is_any(j.wrapping_sub(1), &["с", "со"])
            && self.lower(j.wrapping_sub(2)).starts_with("ноч")
            && self.is(j + 1, "на")
            && matches!(self.word(j + 2), Some(Word::Weekday(_)))
    }

    /// "Monday", "last Friday", "в прошлую пятницу", "Monday, August 25".
    pub(super) fn weekday(&self, i: usize) -> Option<Match> {
        self.weekday_led(i, i)
    }

    /// A weekday at `i` whose tense is read as for a mention starting at `from`: a clock time
    /// before the day ("until 8 p.m. Thursday") lends it its deadline and verb.
    pub(super) fn weekday_led(&self, i: usize, from: usize) -> Option<Match> {
        if let Some(m) = self.weekday_of_week(i) {
            return Some(m);
        }
        let (lean, j) = match self.word(i) {
            // "this past Tuesday": the one just gone, as "last Tuesday".
            Some(Word::Deixis(Deixis::This)) if self.is(i + 1, "past") => (Some(Lean::Last), i + 2),
            Some(Word::Deixis(d)) => (Some(deixis_lean(d)?), i + 1),
            _ => (None, i),
        };
        let Some(Word::Weekday(day)) = self.word(j) else {
            return None;
        };
        if !self.name_ok(j) || self.second_night_day(j) || self.first_night_day(j) {
            return None;
        }
        // "on Sunday afternoons": a part of the day in the plural makes the weekday a habit.
        if self.is_any(j + 1, &["mornings", "afternoons", "evenings", "nights"]) {
            return None;
        }
        let mut end = j + 1;
        // "quarta-feira"
        if self.punct(end, DASHES)
            && self.glued(end)
            && self.word(end + 1) == Some(Word::WeekdayTail)
        {
            end += 2;
        } else if self.word(end) == Some(Word::WeekdayTail) {
            end += 1; // "salı günü", "quarta feira"
        }
        // "na segunda" is Monday, "pela segunda vez" and "na segunda fase" are not.
        if end == j + 1 && self.role(j, Role::OrdinalWeekday) && !self.weekday_context(j) {
            return None;
        }
        // "lundi dernier", "el lunes pasado", "lunedì scorso"
        let mut lean = lean;
        if lean.is_none()
            && let Some(l) = self.postposed_lean(end)
        {
            lean = Some(l);
            end += 1;
        }
        if let Some(m) = self.bracketed_day(end, day) {
            return Some(m);
        }
        // "Monday, August 25", "mercoledì 19 novembre", "Mittwoch, den 19. November": the date
        // decides, in the year whose day is that weekday.
        let comma = usize::from(self.punct(end, ","));
        let date_at =
            end + comma + usize::from(self.table() && self.role(end + comma, Role::Article));
        if (comma == 1 || self.table())
            && let Some(full) = longest([self.day_month(date_at), self.month_day(date_at)])
        {
            return Some(self.on_weekday(full, day));
        }
        if let Some(m) = self.bare_day(end, day) {
            return Some(m);
        }
        // "Black Friday", "The Sunday Times": an English weekday inside a name.
        let after_preposition = self.role(i.wrapping_sub(1), Role::TimeContext)
            || self.is_any(
                i.wrapping_sub(1),
                &[
                    "on",
                    "since",
                    "until",
                    "by",
                    "starting",
                    "beginning",
                    "from",
                    "through",
                ],
            );
        if lean.is_none() && self.lower(j).is_ascii() && !after_preposition && !self.table() {
            let name_before = i > 0 && self.name_word(i - 1);
            if name_before || self.name_word(end) {
                return None;
            }
        }
        let lean = lean.unwrap_or_else(|| {
            // "until Thursday", "by Friday", "tot en met zondag", "bis Freitag": a deadline ahead.
            // The verb decides: "stayed shut until Monday", "blieben bis Montag zu" read back.
            // "in der Nacht zum Sonntag" names a night, not a deadline.
            let night = self.role(from.wrapping_sub(2), Role::Night);
            if self.deadline_word(from.wrapping_sub(1))
                || (self.table() && self.role(from.wrapping_sub(1), Role::RangeTo) && !night)
            {
                self.deadline_lean(from.wrapping_sub(1))
            } else {
                match self.lean(from, end) {
                    // "la noche del viernes al sábado" told in the past on a Friday: that
                    // night has not ended yet, so it is last week's.
                    Lean::Past if self.second_night_day(j + 2) => Lean::Last,
                    lean => lean,
                }
            }
        });
        // "next Thursday" said on a Wednesday is the Thursday of next week, as a reader takes
        // it (tomorrow would be "Thursday"); Chinese and Japanese "下周五", "上周一" name the
        // week outright, both ways.
        let cjk = self.lower(i).chars().next().is_some_and(is_cjk);
        let weeks = match lean {
            Lean::Next if j == i + 1 && (cjk || self.is(i, "next")) => Some(1),
            Lean::Last if j == i + 1 && cjk => Some(-1),
            _ => None,
        };
        if let Some(weeks) = weeks {
            return Some(self.day_match(end, self.day_of_week(weeks, day)?, false));
        }
        match resolve::weekday(self.anchor, day, lean)? {
            Point::Day(date) => Some(self.day_match(end, date, false)),
            _ => None,
        }
    }

    /// "neste domingo (1º)", "nesta terça-feira (14)": the day of the month in brackets after a
    /// weekday, as the Brazilian press writes it; the date of that weekday and day nearest the
    /// publication day.
    fn bracketed_day(&self, at: usize, day: chrono::Weekday) -> Option<Match> {
        if !self.table() || !self.punct(at, "(") {
            return None;
        }
        let n = self.number(at + 1).filter(|n| (1..=31).contains(n))?;
        let close = at + 2 + usize::from(self.role(at + 2, Role::OrdinalSuffix));
        if !self.punct(close, ")") {
            return None;
        }
        let date = self.near_day(n, day)?;
        Some(self.day_match(close + 1, date, false))
    }

    /// "el martes 4 por la tarde", "ce jeudi 14": a bare day of the month after a weekday in
    /// a table language, when a day of that number and weekday lies near the publication day;
    /// not an hour ("martes 4:30", "lunes 9 horas") nor a score or count ("sábado 2-1").
    fn bare_day(&self, at: usize, day: chrono::Weekday) -> Option<Match> {
        let t = self.tokens.get(at)?;
        if !self.table() || t.kind != Kind::Number || t.len > 2 {
            return None;
        }
        let n = self.number(at).filter(|n| (1..=31).contains(n))?;
        let end = at + 1 + usize::from(self.role(at + 1, Role::OrdinalSuffix));
        // "4:30", "2-1", "2 a 1": another number right after.
        let more = self.punct(end, DASHES) || self.number(end + 1).is_some();
        if more || self.role(end, Role::ClockWord) || self.role(end, Role::Quantity) {
            return None;
        }
        let date = self.near_day(n, day)?;
        Some(self.day_match(end, date, false))
    }

    /// The date within ten days of the publication day with day of the month `n` on `day`.
    fn near_day(&self, n: u32, day: chrono::Weekday) -> Option<NaiveDate> {
        (0..=10i64)
            .flat_map(|k| [k, -k])
            .filter_map(|k| self.anchor.checked_add_signed(chrono::Duration::days(k)))
            .find(|d| d.day() == n && d.weekday() == day)
    }
}
