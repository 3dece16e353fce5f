//! Anchoring: turning partial and relative expressions into calendar points
//! relative to the publication date. Bare expressions prefer the past, as a
//! news reader would, unless the wording points to the future.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::value::{Point, Season};

/// Which way an expression without an explicit year leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lean {
    /// Bare, past-preferring reading (anchor day included).
    Past,
    /// Bare reading with a future cue in the sentence (anchor day included).
    Future,
    /// "last …": strictly before the current occurrence.
    Last,
    /// "this …": the occurrence in the current period.
    This,
    /// "next …": strictly after the anchor.
    Next,
    /// A deadline set in the past tense ("suspended flights until Friday"): the occurrence
    /// nearer the anchor, behind or ahead.
    Nearest,
}

/// Of a reading behind and one ahead, the one whose first day is nearer the anchor (ahead on
/// a tie).
fn nearer(anchor: NaiveDate, behind: Option<Point>, ahead: Option<Point>) -> Option<Point> {
    let distance = |p: &Option<Point>| {
        p.and_then(|p| p.first_day())
            .map(|d| (d - anchor).num_days().abs())
    };
    match (distance(&behind), distance(&ahead)) {
        (Some(b), Some(a)) if b < a => behind,
        (_, Some(_)) => ahead,
        _ => behind,
    }
}

/// "21日" without a month: this month's day, or the nearest one before (after, when the
/// sentence looks ahead).
pub(super) fn day_of_month(anchor: NaiveDate, day: u32, lean: Lean) -> Option<NaiveDate> {
    if lean == Lean::Nearest {
        let [behind, ahead] =
            [Lean::Past, Lean::Future].map(|l| day_of_month(anchor, day, l).map(Point::Day));
        return nearer(anchor, behind, ahead)?.first_day();
    }
    let this = NaiveDate::from_ymd_opt(anchor.year(), anchor.month(), day);
    let ahead = matches!(lean, Lean::Future | Lean::Next);
    match this {
        Some(d) if (ahead && d >= anchor) || (!ahead && d <= anchor) => Some(d),
        _ => {
            let other = if ahead {
                anchor.checked_add_months(chrono::Months::new(1))?
            } else {
                anchor.checked_sub_months(chrono::Months::new(1))?
            };
            NaiveDate::from_ymd_opt(other.year(), other.month(), day)
        }
    }
}

/// "25 December" without a year.
pub(super) fn day_month(anchor: NaiveDate, month: u32, day: u32, lean: Lean) -> Option<NaiveDate> {
    if lean == Lean::Nearest {
        let [behind, ahead] =
            [Lean::Past, Lean::Future].map(|l| day_month(anchor, month, day, l).map(Point::Day));
        return nearer(anchor, behind, ahead)?.first_day();
    }
    let year = anchor.year();
    // 29 February only exists in leap years, so look a few years either way.
    let pick = |years: &mut dyn Iterator<Item = i32>| {
        years
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .next()
    };
    match lean {
        Lean::This => NaiveDate::from_ymd_opt(year, month, day),
        Lean::Past | Lean::Last | Lean::Nearest => {
            let this = NaiveDate::from_ymd_opt(year, month, day);
            match this {
                Some(d) if d <= anchor => Some(d),
                _ => pick(&mut (year - 4..year).rev()),
            }
        }
        Lean::Future | Lean::Next => {
            let this = NaiveDate::from_ymd_opt(year, month, day);
            // "Выплаты проиндексируют с 1 февраля" said on 5 February: a day of the past week
            // in future talk is a start already passed (a measure backdated), not next year's.
            match this {
                Some(d) if d >= anchor => Some(d),
                Some(d) if lean == Lean::Future && d + Days::new(7) >= anchor => Some(d),
                _ => pick(&mut (year + 1..=year + 4)),
            }
        }
    }
}

/// The year of a period named without one (a month, a quarter): `period` and `current` are
/// its and the anchor's position within the year.
pub(super) fn year_of_period(year: i32, period: u32, current: u32, lean: Lean) -> i32 {
    match lean {
        Lean::This => year,
        Lean::Past if period <= current => year,
        Lean::Last if period < current => year,
        Lean::Past | Lean::Last | Lean::Nearest => year - 1,
        Lean::Future if period >= current => year,
        Lean::Next if period > current => year,
        Lean::Future | Lean::Next => year + 1,
    }
}

/// "June" or "next January" without a year.
pub(super) fn month(anchor: NaiveDate, month: u32, lean: Lean) -> Point {
    if lean == Lean::Nearest {
        let [behind, ahead] =
            [Lean::Past, Lean::Future].map(|l| Some(self::month(anchor, month, l)));
        return nearer(anchor, behind, ahead).unwrap_or(Point::Month(anchor.year(), month));
    }
    let year = year_of_period(anchor.year(), month, anchor.month(), lean);
    Point::Month(year, month)
}

/// "Monday", "last Friday", "this Friday" (on a Friday: that day).
pub(super) fn weekday(anchor: NaiveDate, day: Weekday, lean: Lean) -> Option<Point> {
    let today = anchor.weekday().num_days_from_monday() as i64;
    let target = day.num_days_from_monday() as i64;
    let delta = match lean {
        Lean::This => target - today,
        // A bare "on Monday" said on a Monday is that day, the day's news, in the past tense
        // as in the future; "last Monday" and "next Monday" are a week away.
        Lean::Past => -(today - target).rem_euclid(7),
        Lean::Nearest => {
            let (behind, ahead) = (
                (today - target).rem_euclid(7),
                (target - today).rem_euclid(7),
            );
            if behind < ahead { -behind } else { ahead }
        }
        Lean::Future => (target - today).rem_euclid(7),
        Lean::Last => -((today - target - 1).rem_euclid(7) + 1),
        Lean::Next => (target - today - 1).rem_euclid(7) + 1,
    };
    shift_days(anchor, delta).map(Point::Day)
}

fn season_start(year: i32, season: Season) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, season.start_month(), 1)
}

fn season_contains(year: i32, season: Season, date: NaiveDate) -> bool {
    match season_start(year, season) {
        Some(start) => start <= date && date < start + Months::new(3),
        None => false,
    }
}

/// "the summer", "last summer", "next winter". Winter of year Y starts in
/// December of Y.
pub(super) fn season(anchor: NaiveDate, season: Season, lean: Lean) -> Point {
    if lean == Lean::Nearest {
        let [behind, ahead] =
            [Lean::Past, Lean::Future].map(|l| Some(self::season(anchor, season, l)));
        return nearer(anchor, behind, ahead).unwrap_or(Point::Season(anchor.year(), season));
    }
    let y = anchor.year();
    // The latest occurrence that has already started.
    let started = if season_start(y, season).is_some_and(|s| s <= anchor) {
        y
    } else {
        y - 1
    };
    let year = match lean {
        Lean::Past | Lean::Nearest => started,
        Lean::Last if season_contains(started, season, anchor) => started - 1,
        Lean::Last => started,
        Lean::This if season == Season::Winter && anchor.month() <= 2 => y - 1,
        Lean::This => y,
        Lean::Future if season_contains(started, season, anchor) => started,
        Lean::Future | Lean::Next => started + 1,
    };
    Point::Season(year, season)
}

/// "the second quarter" without a year.
pub(super) fn quarter(anchor: NaiveDate, quarter: u32, lean: Lean) -> Point {
    if lean == Lean::Nearest {
        let [behind, ahead] =
            [Lean::Past, Lean::Future].map(|l| Some(self::quarter(anchor, quarter, l)));
        return nearer(anchor, behind, ahead).unwrap_or(Point::Quarter(anchor.year(), quarter));
    }
    let current = (anchor.month() - 1) / 3 + 1;
    let year = year_of_period(anchor.year(), quarter, current, lean);
    Point::Quarter(year, quarter)
}

pub(super) fn shift_days(anchor: NaiveDate, days: i64) -> Option<NaiveDate> {
    let magnitude = Days::new(days.unsigned_abs());
    if days < 0 {
        anchor.checked_sub_days(magnitude)
    } else {
        anchor.checked_add_days(magnitude)
    }
}

pub(super) fn week_of(date: NaiveDate) -> Point {
    let week = date.iso_week();
    Point::Week(week.year(), week.week())
}

/// The calendar unit a relative expression counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// The anchor's period moved by `n` units: "two weeks ago" (n = -2), "next month" (n = 1).
pub(super) fn shift(anchor: NaiveDate, unit: Unit, n: i64) -> Option<Point> {
    match unit {
        Unit::Day => shift_days(anchor, n).map(Point::Day),
        Unit::Week => shift_days(anchor, n.checked_mul(7)?).map(week_of),
        Unit::Weekend => {
            let day = shift_days(anchor, n.checked_mul(7)?)?;
            let week = day.iso_week();
            Some(Point::Weekend(week.year(), week.week()))
        }
        Unit::Month => {
            let total = i64::from(anchor.year()) * 12 + i64::from(anchor.month0()) + n;
            let year = i32::try_from(total.div_euclid(12)).ok()?;
            let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
            Some(Point::Month(year, month))
        }
        Unit::Quarter => {
            let total = i64::from(anchor.year()) * 4 + i64::from(anchor.month0() / 3) + n;
            let year = i32::try_from(total.div_euclid(4)).ok()?;
            let quarter = u32::try_from(total.rem_euclid(4)).ok()? + 1;
            Some(Point::Quarter(year, quarter))
        }
        Unit::Year => Some(Point::Year(
            anchor.year().checked_add(i32::try_from(n).ok()?)?,
        )),
        Unit::Decade => Some(Point::Decade(
            (anchor.year() / 10).checked_add(i32::try_from(n).ok()?)?,
        )),
        Unit::Century => Some(Point::Century(
            (anchor.year() / 100).checked_add(i32::try_from(n).ok()?)?,
        )),
    }
}

/// A count of units from the anchor: "a decade ago" is a year ten years back, not the
/// decade before this one.
pub(super) fn shift_count(anchor: NaiveDate, unit: Unit, n: i64) -> Option<Point> {
    match unit {
        Unit::Decade => shift(anchor, Unit::Year, n.checked_mul(10)?),
        Unit::Century => shift(anchor, Unit::Year, n.checked_mul(100)?),
        _ => shift(anchor, unit, n),
    }
}

/// Time zones that wire copy names, with their offset rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zone {
    Fixed(i32),
    /// Central European Time with EU summer time (CET/CEST).
    EuCentral,
    /// Eastern European Time with EU summer time (Kyiv, EET/EEST).
    EuEastern,
    /// Western European Time with EU summer time (Lisbon, WET/WEST).
    EuWestern,
    /// US Eastern Time (ET): EST, or EDT from the second Sunday of March to
    /// the first Sunday of November.
    UsEastern,
}

/// UTC offset in minutes of `zone` on `date` (EU summer time runs from the last
/// Sunday of March to the last Sunday of October).
pub(super) fn zone_offset(zone: Zone, date: NaiveDate) -> i32 {
    let summer = || {
        let last_sunday = |month: u32| {
            NaiveDate::from_ymd_opt(date.year(), month, 31).map(|end| {
                let back = end.weekday().num_days_from_sunday();
                end - Days::new(u64::from(back))
            })
        };
        match (last_sunday(3), last_sunday(10)) {
            (Some(start), Some(end)) => start <= date && date < end,
            _ => false,
        }
    };
    let us_summer = || {
        let start = NaiveDate::from_weekday_of_month_opt(date.year(), 3, Weekday::Sun, 2);
        let end = NaiveDate::from_weekday_of_month_opt(date.year(), 11, Weekday::Sun, 1);
        matches!((start, end), (Some(s), Some(e)) if s <= date && date < e)
    };
    match zone {
        Zone::Fixed(minutes) => minutes,
        Zone::EuCentral => 60 + if summer() { 60 } else { 0 },
        Zone::EuEastern => 120 + if summer() { 60 } else { 0 },
        Zone::EuWestern => {
            if summer() {
                60
            } else {
                0
            }
        }
        Zone::UsEastern => -300 + if us_summer() { 60 } else { 0 },
    }
}
