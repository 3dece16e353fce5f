//! TIMEX3-style values: what a mention resolves to and how it is written.

use chrono::{Datelike, NaiveDate};

use super::Granularity;

/// Meteorological seasons; TIMEX3 codes SP, SU, FA, WI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    /// First month of the season (winter of year Y starts in December of Y).
    pub(super) fn start_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
}

/// Underspecified references (TIMEX3 `PAST_REF` and friends).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VagueRef {
    Past,
    Present,
    Future,
}

/// A resolved point in time at some granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Point {
    Day(NaiveDate),
    /// ISO week-year and week number.
    Week(i32, u32),
    /// The weekend of an ISO week.
    Weekend(i32, u32),
    Month(i32, u32),
    Season(i32, Season),
    Quarter(i32, u32),
    Year(i32),
    /// Decade as its first three digits: 199 = the 1990s.
    Decade(i32),
    /// Century as its first two digits: 19 = the 20th century.
    Century(i32),
    Time {
        date: NaiveDate,
        hour: u32,
        minute: u32,
        /// UTC offset in minutes when a time zone is named.
        offset: Option<i32>,
    },
    Vague(VagueRef),
}

impl Point {
    pub(super) fn granularity(&self) -> Granularity {
        match self {
            Point::Day(_) => Granularity::Day,
            Point::Week(..) | Point::Weekend(..) => Granularity::Week,
            Point::Month(..) => Granularity::Month,
            Point::Season(..) => Granularity::Season,
            Point::Quarter(..) => Granularity::Quarter,
            Point::Year(_) => Granularity::Year,
            Point::Decade(_) => Granularity::Decade,
            Point::Century(_) => Granularity::Century,
            Point::Time { .. } => Granularity::Time,
            Point::Vague(_) => Granularity::Vague,
        }
    }

    /// The point with its year replaced, for the start of a range whose year is
    /// only written at its end ("from April to June 2024").
    pub(super) fn with_year(self, year: i32) -> Option<Point> {
        Some(match self {
            Point::Day(d) => Point::Day(d.with_year(year)?),
            Point::Month(_, m) => Point::Month(year, m),
            Point::Season(_, s) => Point::Season(year, s),
            Point::Quarter(_, q) => Point::Quarter(year, q),
            other => other,
        })
    }

    /// The calendar year the point lies in, when it has one.
    pub(super) fn year(&self) -> Option<i32> {
        match *self {
            Point::Day(d) | Point::Time { date: d, .. } => Some(d.year()),
            Point::Month(y, _) | Point::Season(y, _) | Point::Quarter(y, _) | Point::Year(y) => {
                Some(y)
            }
            _ => None,
        }
    }

    /// The first day of the period, to order the ends of a range.
    pub(super) fn first_day(&self) -> Option<NaiveDate> {
        match *self {
            Point::Day(d) | Point::Time { date: d, .. } => Some(d),
            Point::Week(y, w) | Point::Weekend(y, w) => {
                NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)
            }
            Point::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Point::Season(y, s) => NaiveDate::from_ymd_opt(y, s.start_month(), 1),
            Point::Quarter(y, q) => NaiveDate::from_ymd_opt(y, q.checked_sub(1)? * 3 + 1, 1),
            Point::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Point::Decade(d) => NaiveDate::from_ymd_opt(d.checked_mul(10)?, 1, 1),
            Point::Century(c) => NaiveDate::from_ymd_opt(c.checked_mul(100)?, 1, 1),
            Point::Vague(_) => None,
        }
    }

    pub(super) fn value(&self) -> String {
        match *self {
            Point::Day(d) => d.format("%Y-%m-%d").to_string(),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Season(y, s) => format!("{y:04}-{}", s.code()),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
            Point::Time {
                date,
                hour,
                minute,
                offset,
            } => {
                let mut s = format!("{}T{hour:02}:{minute:02}", date.format("%Y-%m-%d"));
                if let Some(off) = offset {
                    let sign = if off < 0 { '-' } else { '+' };
                    let off = off.abs();
                    s.push_str(&format!("{sign}{:02}:{:02}", off / 60, off % 60));
                }
                s
            }
            Point::Vague(VagueRef::Past) => "PAST_REF".to_string(),
            Point::Vague(VagueRef::Present) => "PRESENT_REF".to_string(),
            Point::Vague(VagueRef::Future) => "FUTURE_REF".to_string(),
        }
    }
}
