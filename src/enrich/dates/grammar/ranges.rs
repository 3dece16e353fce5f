//! Ranges: "from 1918 to 1920", "1918–1920", "25–27 December", "с 1918 по 1920 год".

use chrono::Datelike;

use super::super::lexer::Kind;
use super::super::lexicon::{Role, Word};
use super::super::value::Point;
use super::{DASHES, Grammar, Match, longest};

impl Grammar<'_> {
    /// Anything a range can join.
    pub(super) fn core(&self, i: usize) -> Option<Match> {
        longest([
            self.numeric_date(i),
            self.day_month(i),
            self.month_day(i),
            self.month(i),
            self.year(i, true, None),
            self.decade(i),
            self.decade_noun(i),
            self.century(i),
            self.season(i),
            self.quarter(i),
        ])
    }

    /// Joins two ends of a range, lending the end's year to a start without one.
    pub(super) fn join(&self, first: Match, last: Match) -> Option<Match> {
        if first.point.granularity() != last.point.granularity()
            || matches!(first.point, Point::Time { .. } | Point::Vague(_))
        {
            return None;
        }
        // A start without a year is the latest one not after the end: "from
        // April to June 2024", "с 1 июля по 31 декабря", "25 December – 3 January".
        let mut start = first.point;
        if !first.explicit_year
            && let Some(year) = last.point.year()
        {
            start = start.with_year(year)?;
            if start.first_day() > last.point.first_day() {
                start = start.with_year(year - 1)?;
            }
        }
        if start.first_day()? > last.point.first_day()? || self.quantity_follows(last.end) {
            return None;
        }
        Some(Match {
            end: last.end,
            point: start,
            modifier: None,
            end_point: Some(last.point),
            explicit_year: last.explicit_year,
        })
    }

    /// A day number listed before a full date takes its month: "14" in "les 14 et 15 juin",
    /// "on 14 and 15 June", "3 и 4 мая".
    pub(super) fn listed_day(&self, i: usize) -> Option<Match> {
        let (_, end, _) = self.day_number(i)?;
        if !(self.is_any(end, &["and", "и"]) || self.role(end, Role::And)) {
            return None;
        }
        let last = longest([self.day_month(end + 1)])?;
        self.day_before(i, &last)
    }

    /// A bare day number that takes its month from the end of the range ("25–27 December").
    pub(super) fn day_before(&self, i: usize, last: &Match) -> Option<Match> {
        let (day, end, _) = self.day_number(i)?;
        let Point::Day(date) = last.point else {
            return None;
        };
        let date = date.with_day(day)?;
        Some(Match::new(end, Point::Day(date), last.explicit_year))
    }

    /// "from 1918 to 1920", "between 2010 and 2015", "с 1918 по 1920 год",
    /// "1918–1920", "25–27 December", "December 25–27", "April–June 2024".
    pub(super) fn range(&self, i: usize) -> Option<Match> {
        let between = self.is_any(i, &["between", "между"]) || self.role(i, Role::Between);
        let opened =
            between || self.is_any(i, &["from", "с", "со", "от"]) || self.role(i, Role::RangeFrom);
        let mut first_at = i + usize::from(opened);
        if opened && self.table() && self.role(first_at, Role::Article) {
            first_at += 1; // "tra il 2010 e il 2015"
        }
        if opened && self.table() && self.punct(first_at, "'’") && self.glued(first_at) {
            first_at += 1; // "dall'8 al 12"
        }
        if opened && let Some(days) = self.weekday_range(first_at, between) {
            return Some(days);
        }
        // The start year of "1918–1920" is glued to the dash, so `core` refuses it.
        let first = self.core(first_at).or_else(|| {
            let year = self
                .year_number(first_at)
                .filter(|_| self.free_left(first_at))?;
            Some(Match::new(first_at + 1, Point::Year(year), true))
        });
        let bare_day = self.day_number(first_at);
        let connector_at = first.map_or_else(|| bare_day.map(|(_, e, _)| e), |m| Some(m.end))?;
        let joined = if opened {
            self.range_connector(connector_at, between)
        } else {
            self.punct(connector_at, DASHES)
                || (self.is_any(connector_at, &["through", "to"])
                    && first.is_some_and(|m| m.explicit_year))
        };
        if !joined {
            return None;
        }
        let mut last_at = connector_at + 1;
        if opened && self.table() && self.role(last_at, Role::Article) {
            last_at += 1;
        }
        if opened && self.table() && self.punct(last_at, "'’") && self.glued(last_at) {
            last_at += 1; // "dal 5 all'8 novembre"
        }
        let last = self.core(last_at).or_else(|| {
            // "1918–20": the end year written with two digits.
            let f = first?;
            let Point::Year(y) = f.point else { return None };
            let short = self
                .tokens
                .get(last_at)
                .filter(|t| t.kind == Kind::Number && t.len == 2 && self.glued(last_at))?;
            let mut end_year = y - y % 100 + i32::try_from(short.num).ok()?;
            // "1999–02" crosses a century; "1625-20" is a product code.
            if end_year < y && y % 100 >= 90 {
                end_year += 100;
            }
            let (end, _) = self.year_suffix(last_at + 1);
            Some(Match::new(end, Point::Year(end_year), true))
        })?;
        // A bare range of years needs no other context, but "2000-500" is a phone number.
        if !opened && !self.isolated(last_at) {
            return None;
        }
        let first = match first {
            Some(f) if f.point.granularity() == last.point.granularity() => f,
            _ => self.day_before(first_at, &last)?,
        };
        if !opened && !self.punct(connector_at, DASHES) && matches!(first.point, Point::Year(_)) {
            return None;
        }
        let range = self.join(first, last)?;
        // Turkish closes the range after it: "2020-2024 [yılları] arasında".
        let unit = matches!(self.unit_at(range.end), Some((_, true)));
        let close_at = range.end + usize::from(unit);
        if self.table() && !opened && self.role(close_at, Role::Between) {
            return Some(Match {
                end: close_at + 1,
                ..range
            });
        }
        Some(range)
    }

    /// The connector of a range opened by "from" or "between" at `k`: "to", "по", "bis"; "and".
    fn range_connector(&self, k: usize, between: bool) -> bool {
        let (connectors, role): (&[&str], Role) = if between {
            (&["and", "и"], Role::And)
        } else {
            (
                &["to", "until", "till", "through", "по", "до"],
                Role::RangeTo,
            )
        };
        self.is_any(k, connectors) || self.role(k, role)
    }

    /// "from Tuesday to Thursday", "с понедельника по среду", "od wtorku do czwartku": the
    /// first day read as a weekday alone is (by tense), the last the first such day after it.
    fn weekday_range(&self, first_at: usize, between: bool) -> Option<Match> {
        let Some(Word::Weekday(first_day)) = self.word(first_at) else {
            return None;
        };
        let first = self.weekday(first_at)?;
        let Point::Day(start) = first.point else {
            return None;
        };
        if start.weekday() != first_day || !self.range_connector(first.end, between) {
            return None;
        }
        let mut last_at = first.end + 1;
        if self.table() && self.role(last_at, Role::Article) {
            last_at += 1;
        }
        let Some(Word::Weekday(last_day)) = self.word(last_at) else {
            return None;
        };
        let last = self.weekday(last_at)?;
        let ahead = (last_day.num_days_from_monday() + 7 - first_day.num_days_from_monday()) % 7;
        let end = start + chrono::Days::new(u64::from(if ahead == 0 { 7 } else { ahead }));
        Some(Match {
            end: last.end,
            point: first.point,
            modifier: None,
            end_point: Some(Point::Day(end)),
            explicit_year: false,
        })
    }

    /// The case ending after a Turkish word's apostrophe: "tan" in "Mart'tan".
    fn case_ending(&self, i: usize) -> String {
        let raw = self.raw(i);
        raw.rfind(['\'', '’'])
            .map(|at| raw[at..].chars().skip(1).collect::<String>().to_lowercase())
            .unwrap_or_default()
    }

    /// A range told by case endings: "10 Mart'tan 14 Mart'a [kadar]", "2020'den 2022'ye":
    /// the start in the ablative, the end in the dative.
    pub(super) fn case_range(&self, i: usize) -> Option<Match> {
        if !self.lex.apostrophe_suffixes {
            return None;
        }
        let first = self.core(i)?;
        let from = self.case_ending(first.end.checked_sub(1)?);
        if !matches!(from.as_str(), "tan" | "ten" | "dan" | "den") {
            return None;
        }
        let last = self.core(first.end)?;
        let to = self.case_ending(last.end.checked_sub(1)?);
        if !matches!(to.as_str(), "a" | "e" | "ya" | "ye" | "na" | "ne") {
            return None;
        }
        let mut range = self.join(first, last)?;
        if self.is(range.end, "kadar") {
            range.end += 1;
        }
        Some(range)
    }

    /// "December 25–27[, 2024]".
    pub(super) fn month_day_range(&self, i: usize) -> Option<Match> {
        let (month, j) = self.month_or_abbrev(i)?;
        let (first_day, dash, _) = self.day_number(j)?;
        if !self.punct(dash, DASHES) {
            return None;
        }
        let (last_day, end, _) = self.day_number(dash + 1)?;
        let last = self.date_or_resolve(i, end, month, last_day)?;
        let Point::Day(last_date) = last.point else {
            return None;
        };
        let first = Match::new(
            end,
            Point::Day(last_date.with_day(first_day)?),
            last.explicit_year,
        );
        self.join(first, last)
    }
}
