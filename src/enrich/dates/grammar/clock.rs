//! Clock times with their time zones.

use chrono::NaiveDate;

use super::super::lexer::{Kind, is_cjk};
use super::super::lexicon::{Role, Word, zone};
use super::super::resolve::{self, Zone};
use super::super::value::Point;
use super::{DASHES, Grammar, Match, longest};

impl Grammar<'_> {
    /// "14:30", "3 p.m.", "14:30 Moscow time", "10:00 по московскому времени".
    /// `context` says a preposition or date already marks it as a time.
    pub(super) fn clock(&self, i: usize, date: NaiveDate, context: bool) -> Option<(usize, Point)> {
        // "at noon on Friday", "shortly after midnight", "в полночь": midnight opens its day.
        let named_hour = match self.lower(i) {
            "noon" | "midday" | "полдень" => Some(12),
            "midnight" | "полночь" => Some(0),
            _ => None,
        };
        if let Some(hour) = named_hour.filter(|_| !self.table()) {
            return context.then_some((
                i + 1,
                Point::Time {
                    date,
                    hour,
                    minute: 0,
                    offset: None,
                },
            ));
        }
        let mut hour = self.small_number(i, 2).filter(|h| *h <= 24)?;
        let (mut minute, mut end) = (0, i + 1);
        // "16h30", "20.00 uur", "o 15.30": table languages write other separators.
        let separator = self.punct(i + 1, ":")
            || (self.table()
                && (self.is(i + 1, "h")
                    || (self.punct(i + 1, ".") && (context || self.role(i + 3, Role::ClockWord)))));
        // "14 h 30", as French papers space it.
        let spaced_h =
            self.table() && self.is(i + 1, "h") && !self.glued(i + 1) && !self.glued(i + 2);
        let with_minutes = separator
            && ((self.glued(i + 1) && self.glued(i + 2)) || spaced_h)
            && self
                .tokens
                .get(i + 2)
                .is_some_and(|t| t.kind == Kind::Number && t.len == 2);
        if with_minutes {
            minute = self.number(i + 2).filter(|m| *m < 60)?;
            end = i + 3;
            if !self.free_left(i) || !self.free_right(i + 2) {
                return None;
            }
        }
        // "p.m." arrives as "p" "." "m" "."
        let (meridiem, after) = match self.lower(end) {
            "am" | "pm" => (Some(self.is(end, "pm")), end + 1),
            "a" | "p" if self.punct(end + 1, ".") && self.is(end + 2, "m") => {
                let dot = self.punct(end + 3, ".") && self.glued(end + 3);
                (Some(self.is(end, "p")), end + 3 + usize::from(dot))
            }
            _ => (None, end),
        };
        if let Some(pm) = meridiem {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = hour % 12 + if pm { 12 } else { 0 };
            end = after;
        }
        if hour == 24 {
            return None;
        }
        // "16:30 Uhr", "20.00 uur", "16h", "6 Uhr"
        let mut clock_word = false;
        if self.table() && self.role(end, Role::ClockWord) {
            let glued_h = self.is(end, "h") && self.glued(end);
            if glued_h || self.tokens.get(end).is_some_and(|t| t.spaced) {
                clock_word = true;
                end += 1;
            }
        }
        // "a las 11 de la noche", "às 10 da manhã", "8 Uhr abends", "9 uur 's avonds": a part
        // of the day after the hour says which half of the day it is in, and belongs to the
        // time's span as "p.m." does (as in Duckling); one that only agrees with a 24-hour
        // hour joins it too ("22 Uhr abends").
        let part_at = if self.punct(end, "'’") && self.is(end + 1, "s") && self.glued(end + 1) {
            end + 2
        } else {
            end
        };
        let day_part = if !self.table() || meridiem.is_some() {
            None
        } else if self.role(part_at, Role::Evening) {
            match hour {
                1..=12 => Some(hour % 12 + 12),
                13..=23 => Some(hour),
                _ => None,
            }
        } else if self.role(part_at, Role::Morning) {
            (1..=12).contains(&hour).then_some(hour % 12)
        } else if self.role(part_at, Role::Night) {
            // "2 Uhr nachts" is 02:00, "11 Uhr nachts" 23:00, "12 uur 's nachts" midnight.
            match hour {
                0..=5 | 22 | 23 => Some(hour),
                9..=11 => Some(hour + 12),
                12 => Some(0),
                _ => None,
            }
        } else {
            None
        };
        if let Some(h) = day_part {
            hour = h;
            end = part_at + 1;
        }
        let by = self.is(end, "по");
        let zone_at = end + usize::from(by);
        let named = zone(self.lower(zone_at), Some(self.lower(zone_at + 1)))
            .filter(|_| !by || !self.lower(zone_at).is_ascii());
        // A table language's own zone phrase, perhaps after a comma or in brackets:
        // "17 h, heure de Paris", "21h (de Brasília)".
        let bracket = self.punct(end, "(");
        let comma = usize::from(bracket || self.punct(end, ","));
        let table_zone = self
            .lex
            .zones
            .iter()
            .filter(|_| named.is_none() && self.table())
            .find_map(|(phrase, z)| {
                let after = self.phrase_at(end + comma, std::slice::from_ref(phrase))?;
                match bracket {
                    true => self.punct(after, ")").then_some((after + 1, *z)),
                    false => Some((after, *z)),
                }
            });
        let named = named.or(table_zone.map(|(_, z)| (z, 0)));
        let offset = match named {
            Some((z, words)) => {
                end = table_zone.map_or(zone_at + words, |(after, _)| after);
                z.map(|z: Zone| resolve::zone_offset(z, date))
            }
            None => None,
        };
        // "alle ore 15", "o godz. 15": a clock word before a bare hour.
        let clock_word_before = self.table()
            && (self.role(i.wrapping_sub(1), Role::ClockWord)
                || (self.punct(i.wrapping_sub(1), ".")
                    && self.role(i.wrapping_sub(2), Role::ClockWord)));
        // "alle 18", "Domani alle 11 il ministro…": a bare hour right after a time preposition,
        // when no noun follows it ("alle 5 regioni") and it is no score ("por 2 a 1", "2-0").
        let score = self.number(end + 1).is_some();
        let bare_after_context = self.table()
            && !score
            && self.role(i.wrapping_sub(1), Role::HourContext)
            && (self.tokens.get(end).is_none_or(|t| {
                    (t.kind == Kind::Punct && !DASHES.contains(t.ch)) || t.newline
                }) || [
                    Role::Link,
                    Role::Article,
                    Role::TimeContext,
                    Role::YearContext,
                ]
                .into_iter()
                .any(|r| self.role(end, r))
                    || matches!(self.word(end), Some(Word::Weekday(_) | Word::Relative(_)))
                    // "alle 10 si riunisce", "alle 15 da piazza…": a pronoun or preposition,
                    // no noun, follows (nouns of three letters or fewer are rare there).
                    || self.tokens.get(end).is_some_and(|t| {
                        t.kind == Kind::Word
                            && !t.capitalized
                            && t.len <= 3
                            && !self.role(end, Role::Quantity)
                    }));
        if !(with_minutes
            || meridiem.is_some()
            || day_part.is_some()
            || clock_word
            || clock_word_before
            || bare_after_context)
            // A part of the day alone does not make a count a time: it needs a clock word or a
            // time preposition too ("12 morgens gestartete Flüge"; in "el martes 4 por la
            // tarde" the 4 is the day).
            || !(context || meridiem.is_some() || named.is_some() || clock_word)
        {
            return None;
        }
        Some((
            end,
            Point::Time {
                date,
                hour,
                minute,
                offset,
            },
        ))
    }

    /// A range of hours on the publication day: "dalle 9 alle 13", "das 9h às 13h" (the
    /// from-word is in the span, as in "dal 12 al 15 settembre"), "w godz. 9-13" (the clock
    /// word is not, as in "o godz. 14:30"). Only after a table's `hour_range` word, as "od 9
    /// do 13" and "9-13" alone are as often days.
    pub(super) fn clock_range(&self, i: usize) -> Option<Match> {
        if !self.table() {
            return None;
        }
        let after_word = self.role(i.wrapping_sub(1), Role::HourRange)
            || (self.punct(i.wrapping_sub(1), ".")
                && self.role(i.wrapping_sub(2), Role::HourRange));
        let (first_at, dashed) = if self.role(i, Role::HourRange) {
            (i + 1, false)
        } else if after_word {
            (i, true)
        } else {
            return None;
        };
        let (first_end, first) = self.range_hour(first_at)?;
        let joined = if dashed {
            self.punct(first_end, DASHES)
        } else {
            [Role::RangeTo, Role::HourContext, Role::TimeContext]
                .into_iter()
                .any(|r| self.role(first_end, r))
        };
        if !joined {
            return None;
        }
        let (end, last) = self.range_hour(first_end + 1)?;
        let minutes = |p: Point| match p {
            Point::Time { hour, minute, .. } => hour * 60 + minute,
            _ => 0,
        };
        if minutes(last) <= minutes(first) || self.quantity_follows(end) {
            return None;
        }
        Some(Match {
            end_point: Some(last),
            ..Match::new(end, first, false)
        })
    }

    /// One end of a range of hours: a clock time, or a bare hour the range marks as one.
    fn range_hour(&self, i: usize) -> Option<(usize, Point)> {
        self.clock(i, self.anchor, true).or_else(|| {
            let hour = self.small_number(i, 2).filter(|h| *h < 24)?;
            let word_follows = self
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == Kind::Word && self.glued(i + 1));
            (!word_follows).then_some((
                i + 1,
                Point::Time {
                    date: self.anchor,
                    hour,
                    minute: 0,
                    offset: None,
                },
            ))
        })
    }

    /// The index after a time preposition at `k` and the abbreviation that may follow it:
    /// "o godz. 16:30".
    pub(super) fn after_time_context(&self, k: usize) -> usize {
        let mut i = k + 1;
        // "a las 10:15", "alle ore 9", "o godz. 10:15"
        for _ in 0..2 {
            if self.role(i, Role::ClockWord) {
                i += 1 + usize::from(self.punct(i + 1, "."));
            } else if self.table() && self.role(i, Role::TimeContext) {
                i += 1;
            } else {
                break;
            }
        }
        i
    }

    /// A clock time on the publication day: "at 14:30 Moscow time".
    pub(super) fn time(&self, i: usize) -> Option<Match> {
        let context = self.context_before(i, Role::TimeContext)
            || (self.table()
                && (self.role(i.wrapping_sub(1), Role::ClockWord)
                    || (self.punct(i.wrapping_sub(1), ".")
                        && self.role(i.wrapping_sub(2), Role::ClockWord))))
            // "会议于14:30开始": Chinese and Japanese glue the time to the text.
            || (self.glued(i)
                && self
                    .tokens
                    .get(i.wrapping_sub(1))
                    .is_some_and(|t| t.lower.chars().next_back().is_some_and(is_cjk)));
        // "The deadline is midnight on Dec. 31": a named hour with its day.
        let context = context
            || (self.is_any(i, &["midnight", "noon", "midday"])
                && self
                    .day_after(i, i + 1)
                    .is_some_and(|(_, _, adjacent)| adjacent));
        let (end, point) = self.clock(i, self.anchor, context)?;
        match self.day_after(i, end) {
            Some((day_end, date, adjacent)) => {
                let (_, point) = self.clock(i, date, true)?;
                Some(Match::new(
                    if adjacent { day_end } else { end },
                    point,
                    false,
                ))
            }
            None => Some(Match::new(end, point, false)),
        }
    }

    /// The day a clock time ending at `end` takes: "at 8 a.m. local time on Sunday", "в 16:30 в
    /// среду", and across a bracketed second form of the time, "at 6 a.m. local time (0400 GMT)
    /// on Thursday" (there the day stays a mention of its own). A weekday leans as the time
    /// that starts at `start` does ("until 8 p.m. Thursday" is a deadline ahead). Returns the
    /// day's end, its date, and whether it follows the time directly.
    fn day_after(&self, start: usize, end: usize) -> Option<(usize, NaiveDate, bool)> {
        let after = if self.punct(end, "(") {
            (end + 1..end + 6).find(|&k| self.punct(k, ")"))? + 1
        } else if self.punct(end, ")") {
            end + 1
        } else {
            end
        };
        // Wire copy also drops the "on": "at 11:30 p.m. local time Tuesday"; table languages
        // put the day right after or after an article or link: "à 10 heures mardi", "um 9 Uhr
        // am Montag", "a las 9 de la mañana del lunes".
        let day_at = if self.is_any(after, &["on", "в", "во"]) {
            after + 1
        } else if matches!(self.word(after), Some(Word::Weekday(_))) {
            after
        } else if self.table() && (self.role(after, Role::Article) || self.role(after, Role::Link))
        {
            after + 1
        } else {
            return None;
        };
        let day = longest([
            self.weekday_led(day_at, start),
            self.day_month(day_at),
            self.month_day(day_at),
        ])?;
        match day.point {
            Point::Day(date) => Some((day.end, date, after == end)),
            _ => None,
        }
    }

    /// "0710 GMT": a four-digit time, only with its zone (as wire copy gives a time a second
    /// time, in GMT).
    pub(super) fn military_time(&self, i: usize) -> Option<Match> {
        let token = self
            .tokens
            .get(i)
            .filter(|t| t.kind == Kind::Number && t.len == 4)?;
        let (hour, minute) = (token.num / 100, token.num % 100);
        if hour > 23 || minute > 59 || !self.isolated(i) {
            return None;
        }
        let (Some(zone), 1) = zone(self.lower(i + 1), Some(self.lower(i + 2)))? else {
            return None;
        };
        // "(0400 GMT) on Thursday": the day after the bracket.
        let date = self
            .day_after(i, i + 2)
            .filter(|&(_, _, adjacent)| !adjacent)
            .map_or(self.anchor, |(_, date, _)| date);
        let offset = Some(resolve::zone_offset(zone, date));
        Some(Match::new(
            i + 2,
            Point::Time {
                date,
                hour,
                minute,
                offset,
            },
            false,
        ))
    }
}
