//! Feed dates as publishers write them: RFC 822 with any zone name or none, ISO 8601 and its
//! W3C profile with parts missing (`2025-08`, no seconds, no zone), month names in full.
//! A date without a zone is read as UTC.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use regex::Regex;

/// Longer text is not a date (and keeps the work per field small).
const MAX_DATE_LEN: usize = 80;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(\d{4})(?:[-/]?(\d{2})(?:[-/]?(\d{2}))?)?(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$",
    )
    .expect("a valid pattern")
});

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Zone abbreviations in common use, in hours east of UTC.
const ZONES: &[(&str, f32)] = &[
    ("z", 0.0),
    ("ut", 0.0),
    ("utc", 0.0),
    ("gmt", 0.0),
    ("wet", 0.0),
    ("bst", 1.0),
    ("west", 1.0),
    ("cet", 1.0),
    ("met", 1.0),
    ("cest", 2.0),
    ("mest", 2.0),
    ("eet", 2.0),
    ("eest", 3.0),
    ("msk", 3.0),
    ("ist", 5.5),
    ("hkt", 8.0),
    ("sgt", 8.0),
    ("jst", 9.0),
    ("kst", 9.0),
    ("aest", 10.0),
    ("aedt", 11.0),
    ("nzst", 12.0),
    ("nzdt", 13.0),
    ("ast", -4.0),
    ("adt", -3.0),
    ("est", -5.0),
    ("edt", -4.0),
    ("cst", -6.0),
    ("cdt", -5.0),
    ("mst", -7.0),
    ("mdt", -6.0),
    ("pst", -8.0),
    ("pdt", -7.0),
    ("akst", -9.0),
    ("akdt", -8.0),
    ("hst", -10.0),
];

/// The instant `text` names, if it reads as a date.
pub(super) fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_DATE_LEN {
        return None;
    }
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date.with_timezone(&Utc));
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(text) {
        return Some(date.with_timezone(&Utc));
    }
    iso(text).or_else(|| textual(text))
}

fn iso(text: &str) -> Option<DateTime<Utc>> {
    let parts = ISO.captures(text)?;
    let number = |i: usize, default: u32| {
        parts
            .get(i)
            .map_or(Some(default), |m| m.as_str().parse().ok())
    };
    let date = NaiveDate::from_ymd_opt(
        parts.get(1)?.as_str().parse().ok()?,
        number(2, 1)?,
        number(3, 1)?,
    )?;
    let time = NaiveTime::from_hms_opt(number(4, 0)?, number(5, 0)?, number(6, 0)?)?;
    let offset = parts
        .get(7)
        .map_or(Some(0), |zone| zone_seconds(zone.as_str()))?;
    at_offset(date.and_time(time), offset)
}

/// Day, month name, year, time and zone in any order, the way RFC 822 dates go wrong.
fn textual(text: &str) -> Option<DateTime<Utc>> {
    let (mut day, mut month, mut year) = (None, None, None);
    let (mut time, mut offset, mut afternoon) = (None, 0, None);
    let lower = text.to_ascii_lowercase();
    // Other words (weekdays, zone names nobody agrees on) are passed over.
    let tokens = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|t| !t.is_empty());
    for token in tokens {
        let token = token.trim_end_matches('.');
        if token.contains(':') && token.starts_with(|c: char| c.is_ascii_digit()) {
            time = parse_clock(token);
        } else if let Some(seconds) = zone_seconds(token) {
            offset = seconds;
        } else if token == "am" || token == "pm" {
            afternoon = Some(token == "pm");
        } else if let Some(number) = token
            .trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
            .parse::<i32>()
            .ok()
            .filter(|_| token.starts_with(|c: char| c.is_ascii_digit()))
        {
            if token.len() == 4 || day.is_some() && year.is_none() && number > 31 {
                year = Some(number);
            } else if day.is_none() && (1..=31).contains(&number) {
                day = Some(number as u32);
            } else if year.is_none() {
                year = Some(match number {
                    0..=69 => 2000 + number,
                    70..=99 => 1900 + number,
                    _ => number,
                });
            }
        } else if let Some(at) = MONTHS.iter().position(|m| token.starts_with(m)) {
            month = Some(at as u32 + 1);
        }
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    let mut time = time.unwrap_or(NaiveTime::MIN);
    if let Some(pm) = afternoon {
        use chrono::Timelike;
        let hour = time.hour() % 12 + if pm { 12 } else { 0 };
        time = time.with_hour(hour)?;
    }
    at_offset(date.and_time(time), offset)
}

fn parse_clock(token: &str) -> Option<NaiveTime> {
    let mut fields = token.split(':').map(|f| {
        f.split('.')
            .next()
            .and_then(|whole| whole.parse::<u32>().ok())
    });
    let hour = fields.next()??;
    let minute = fields.next()??;
    let second = fields.next().flatten().unwrap_or(0);
    NaiveTime::from_hms_opt(hour, minute, second.min(59))
}

/// Seconds east of UTC of `Z`, `+0200`, `-05:00`, `+03` or a zone abbreviation.
fn zone_seconds(zone: &str) -> Option<i32> {
    let lower = zone.to_ascii_lowercase();
    if let Some((_, hours)) = ZONES.iter().find(|(name, _)| *name == lower) {
        return Some((hours * 3600.0) as i32);
    }
    let (sign, digits) = match lower.as_bytes().first()? {
        b'+' => (1, &lower[1..]),
        b'-' => (-1, &lower[1..]),
        _ => return None,
    };
    let digits = digits.replace(':', "");
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes): (i32, i32) = match digits.len() {
        2 => (digits.parse().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    (hours < 24 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

fn at_offset(local: NaiveDateTime, offset_seconds: i32) -> Option<DateTime<Utc>> {
    let offset = FixedOffset::east_opt(offset_seconds)?;
    offset
        .from_local_datetime(&local)
        .single()
        .map(|d| d.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Option<String> {
        parse_date(text).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
    }

    #[test]
    fn dates_in_the_forms_feeds_use() {
        let cases = [
            ("Wed, 27 Aug 2025 09:00:00 GMT", "2025-08-27T09:00:00Z"),
            ("Wed, 27 Aug 2025 09:00:00 +0200", "2025-08-27T07:00:00Z"),
            ("Wed, 27 Aug 2025 09:00:00 CEST", "2025-08-27T07:00:00Z"),
            ("Wed, 27 Aug 2025 09:00 EDT", "2025-08-27T13:00:00Z"),
            ("27 August 2025 09:00:00 XYZ", "2025-08-27T09:00:00Z"),
            ("Wednesday, August 27, 2025 9:00 pm", "2025-08-27T21:00:00Z"),
            ("Wed, 27 Aug 25 09:00:00 +05:30", "2025-08-27T03:30:00Z"),
            ("2025-08-27T09:00:00Z", "2025-08-27T09:00:00Z"),
            ("2025-08-27T09:00:00.123+03:00", "2025-08-27T06:00:00Z"),
            ("2025-08-27T09:00:00", "2025-08-27T09:00:00Z"),
            ("2025-08-27 09:00", "2025-08-27T09:00:00Z"),
            ("2025-08-27T09:00-0500", "2025-08-27T14:00:00Z"),
            ("2025-08-27", "2025-08-27T00:00:00Z"),
            ("2025-08", "2025-08-01T00:00:00Z"),
            ("2025", "2025-01-01T00:00:00Z"),
            ("20250827", "2025-08-27T00:00:00Z"),
        ];
        for (text, expected) in cases {
            assert_eq!(utc(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn nonsense_is_no_date() {
        for text in [
            "",
            "yesterday",
            "32 Aug 2025",
            "2025-13-01",
            "Aug 2025 99:99",
            "9999999999",
        ] {
            assert_eq!(utc(text), None, "{text}");
        }
    }
}
