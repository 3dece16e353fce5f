//! Dates as Chinese and Japanese write them, without spaces: "2024年3月15日", "9月",
//! "6月10日至14日", "下午3点", "19世纪". The lexer gives each Han character a token and the
//! lexicon joins the characters of its words, so the marks 年, 月, 日 are tokens here.

use chrono::{Datelike, NaiveDate};

use super::super::lexicon::Word;
use super::super::resolve::{self, Unit};
use super::super::value::Point;
use super::{DASHES, Grammar, Match};

const YEAR_MARK: &str = "年";
const MONTH_MARK: &str = "月";
const DAY_MARKS: [&str; 3] = ["日", "号", "號"];
/// After a day mark these make it a count of days: "3日間", "5日后", "2日前", "7日以内".
const DAY_COUNT_MARKS: [&str; 9] = ["間", "间", "后", "後", "前", "以", "内", "来", "連"];
const HOUR_MARKS: [&str; 4] = ["时", "時", "点", "點"];
/// "至", "到", "から", "~": the second half of a range follows.
const RANGE_MARKS: [&str; 5] = ["至", "到", "か ら", "~", "〜"];
const MORNING: [&str; 5] = ["上 午", "午 前", "早 上", "凌 晨", "朝"];
const AFTERNOON: [&str; 6] = ["下 午", "午 後", "晚 上", "傍 晚", "夜", "晚"];
const LAST_CENTURY: [&str; 2] = ["上 世 纪", "上 世 紀"];

impl Grammar<'_> {
    /// A number in digits or Han numerals ("三", "十").
    fn cjk_number(&self, i: usize) -> Option<u32> {
        match self.word(i) {
            Some(Word::Number(n)) => Some(n),
            _ => self.small_number(i, 2),
        }
    }

    /// A Han mark glued to the number before it.
    fn cjk_mark(&self, i: usize, marks: &[&str]) -> bool {
        self.glued(i) && self.is_any(i, marks)
    }

    /// "[2024年][3月][15日]" from `k`: year, month, day and the index after them.
    fn cjk_parts(&self, mut k: usize) -> (Option<i32>, Option<u32>, Option<u32>, usize) {
        let year = self
            .year_number(k)
            .filter(|_| self.cjk_mark(k + 1, &[YEAR_MARK]));
        if year.is_some() {
            k += 2;
        }
        let month = self
            .cjk_number(k)
            .filter(|m| (1..=12).contains(m) && self.cjk_mark(k + 1, &[MONTH_MARK]));
        if month.is_some() {
            k += 2;
        }
        let day = self
            .cjk_number(k)
            .filter(|d| (1..=31).contains(d) && self.cjk_mark(k + 1, &DAY_MARKS));
        if day.is_some() {
            k += 2;
        }
        (year, month, day, k)
    }

    /// "2024年3月15日", "3月15日", "2024年3月", "9月", "2024年", and a range after a day:
    /// "6月10日至14日".
    pub(super) fn cjk_date(&self, i: usize) -> Option<Match> {
        if !self.table() || !self.glued(i + 1) {
            return None;
        }
        let (year, month, day, end) = self.cjk_parts(i);
        let found = match (year, month, day) {
            (Some(y), Some(m), Some(d)) => {
                self.day_match(end, NaiveDate::from_ymd_opt(y, m, d)?, true)
            }
            (None, Some(m), Some(d)) => {
                let date = resolve::day_month(self.anchor, m, d, self.lean(i, end))?;
                self.day_match(end, date, false)
            }
            (Some(y), Some(m), None) => Match::new(end, Point::Month(y, m), true),
            (None, Some(m), None) => Match::new(
                end,
                resolve::month(self.anchor, m, self.lean(i, end)),
                false,
            ),
            (Some(y), None, None) => Match::new(end, Point::Year(y), true),
            // "于21日": a day of the month; not a count of days ("3日間", "5日后").
            (None, None, Some(d)) if !self.is_any(end, &DAY_COUNT_MARKS) => {
                let date = resolve::day_of_month(self.anchor, d, self.lean(i, end))?;
                self.day_match(end, date, false)
            }
            _ => return None,
        };
        if found.end != end
            || !(self.is_any(end, &RANGE_MARKS)
                || self.punct(end, DASHES)
                || self.punct(end, "~〜"))
        {
            return Some(found);
        }
        // "2020年至2025年": a span of years.
        if let Point::Year(first) = found.point {
            return Some(match self.cjk_parts(end + 1) {
                (Some(last), None, None, after) if last > first => Match {
                    end: after,
                    end_point: Some(Point::Year(last)),
                    ..found
                },
                _ => found,
            });
        }
        let Point::Day(first) = found.point else {
            return Some(found);
        };
        // "至14日", "から7月2日"
        let (_, m2, d2, after) = self.cjk_parts(end + 1);
        let Some(d2) = d2 else {
            return Some(found);
        };
        let Some(last) = NaiveDate::from_ymd_opt(first.year(), m2.unwrap_or(first.month()), d2)
            .filter(|last| *last > first)
        else {
            return Some(found);
        };
        Some(Match {
            end: after,
            end_point: Some(Point::Day(last)),
            ..found
        })
    }

    /// "下午3点", "午後6時15分", "18時30分", "3点半": a clock time of the anchor day.
    pub(super) fn cjk_time(&self, i: usize) -> Option<Match> {
        if !self.table() {
            return None;
        }
        let (afternoon, k) = if self.is_any(i, &AFTERNOON) {
            (Some(true), i + 1)
        } else if self.is_any(i, &MORNING) {
            (Some(false), i + 1)
        } else {
            (None, i)
        };
        let hour = self.cjk_number(k)?;
        if !self.cjk_mark(k + 1, &HOUR_MARKS) {
            return None;
        }
        let mut end = k + 2;
        let minute = match self.cjk_number(end) {
            Some(m) if m < 60 && self.cjk_mark(end + 1, &["分"]) => {
                end += 2;
                Some(m)
            }
            _ if self.cjk_mark(end, &["半"]) => {
                end += 1;
                Some(30)
            }
            _ => None,
        };
        // "3点" alone may be three points; a part of day, minutes or 時 make it a time.
        if afternoon.is_none() && minute.is_none() && !self.is_any(k + 1, &["时", "時"]) {
            return None;
        }
        let hour = match afternoon {
            Some(true) if hour < 12 => hour + 12,
            _ => hour,
        };
        if hour > 23 {
            return None;
        }
        Some(Match::new(
            end,
            Point::Time {
                date: self.anchor,
                hour,
                minute: minute.unwrap_or(0),
                offset: None,
            },
            false,
        ))
    }

    /// "19世纪", "21世紀"; "上世纪90年代" (the 1990s).
    pub(super) fn cjk_century(&self, i: usize) -> Option<Match> {
        if !self.table() {
            return None;
        }
        if self.is_any(i, &LAST_CENTURY) {
            let decade = self.decade(i + 1)?;
            let Point::Decade(d) = decade.point else {
                return None;
            };
            return Some(Match::new(decade.end, Point::Decade(190 + d % 10), true));
        }
        let n = self.cjk_number(i)?;
        let century = matches!(self.unit_at(i + 1), Some((Unit::Century, _)));
        if !century || !self.glued(i + 1) || !(1..=30).contains(&n) {
            return None;
        }
        let n = i32::try_from(n).ok()?;
        Some(Match::new(i + 2, Point::Century(n - 1), true))
    }
}
