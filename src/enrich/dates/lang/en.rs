//! English vocabulary.

use chrono::Weekday;

use super::super::Modifier;
use super::super::lexicon::{Deixis, Role, Word};
use super::super::resolve::{Unit, Zone};
use super::super::value::{Season, VagueRef};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const MONTH_ABBREVS: [(&str, u32); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const NUMBERS: [(&str, u32); 17] = [
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
];

const ORDINALS: [(&str, u32); 21] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

pub(in super::super) fn words() -> Vec<(&'static str, Word)> {
    let mut out = Vec::new();
    out.extend((1..).zip(MONTHS).map(|(m, w)| (w, Word::Month(m))));
    out.extend(MONTH_ABBREVS.map(|(w, m)| (w, Word::MonthAbbrev(m))));
    out.extend(WEEKDAYS.map(|(w, d)| (w, Word::Weekday(d))));
    out.extend(NUMBERS.map(|(w, n)| (w, Word::Number(n))));
    out.extend(ORDINALS.map(|(w, n)| (w, Word::Ordinal(n))));
    let unit = |unit, plural| Word::Unit { unit, plural };
    out.extend([
        ("spring", Word::Season(Season::Spring)),
        ("summer", Word::Season(Season::Summer)),
        ("autumn", Word::Season(Season::Fall)),
        ("fall", Word::Season(Season::Fall)),
        ("winter", Word::Season(Season::Winter)),
        ("day", unit(Unit::Day, false)),
        ("days", unit(Unit::Day, true)),
        ("week", unit(Unit::Week, false)),
        ("weeks", unit(Unit::Week, true)),
        ("weekend", unit(Unit::Weekend, false)),
        ("weekends", unit(Unit::Weekend, true)),
        ("month", unit(Unit::Month, false)),
        ("months", unit(Unit::Month, true)),
        ("quarter", unit(Unit::Quarter, false)),
        ("quarters", unit(Unit::Quarter, true)),
        ("year", unit(Unit::Year, false)),
        ("years", unit(Unit::Year, true)),
        ("decade", unit(Unit::Decade, false)),
        ("decades", unit(Unit::Decade, true)),
        ("century", unit(Unit::Century, false)),
        ("centuries", unit(Unit::Century, true)),
        ("last", Word::Deixis(Deixis::Last)),
        ("this", Word::Deixis(Deixis::This)),
        ("next", Word::Deixis(Deixis::Next)),
        ("yesterday", Word::Relative(-1)),
        ("today", Word::Relative(0)),
        ("tonight", Word::Relative(0)),
        ("tomorrow", Word::Relative(1)),
        ("ago", Word::Ago),
        ("early", Word::Modifier(Modifier::Early)),
        ("mid", Word::Modifier(Modifier::Mid)),
        ("late", Word::Modifier(Modifier::Late)),
        ("beginning", Word::ModifierNoun(Modifier::Early)),
        ("start", Word::ModifierNoun(Modifier::Early)),
        ("middle", Word::ModifierNoun(Modifier::Mid)),
        ("end", Word::ModifierNoun(Modifier::Late)),
        ("several", Word::Several),
        ("few", Word::Several),
        ("recent", Word::Recent),
        ("coming", Word::Coming),
        ("upcoming", Word::Coming),
        ("recently", Word::Vague(VagueRef::Past)),
        ("currently", Word::Vague(VagueRef::Present)),
        ("nowadays", Word::Vague(VagueRef::Present)),
        ("earlier", Word::Hedge),
        ("later", Word::Hedge),
    ]);
    out
}

pub(in super::super) fn roles() -> Vec<(&'static str, Role)> {
    let mut out = Vec::new();
    for w in [
        "in",
        "since",
        "until",
        "till",
        "by",
        "of",
        "from",
        "to",
        "before",
        "after",
        "during",
        "around",
        "circa",
        "through",
        "throughout",
        "year",
        "between",
        "the",
    ] {
        out.push((w, Role::YearContext));
    }
    for w in [
        "at", "around", "by", "until", "till", "from", "after", "before", "about", "since",
    ] {
        out.push((w, Role::TimeContext));
    }
    out.push(("season", Role::SportSeason));
    out.push(("half", Role::Half));
    for w in [
        "people",
        "persons",
        "others",
        "dollars",
        "euros",
        "rubles",
        "roubles",
        "pounds",
        "manat",
        "hryvnias",
        "times",
        "percent",
        "per",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "feet",
        "tons",
        "tonnes",
        "votes",
        "troops",
        "soldiers",
        "units",
        "points",
        "cases",
        "residents",
        "members",
        "employees",
        "children",
        "workers",
        "homes",
        "households",
        "hectares",
        "barrels",
        "passengers",
        "prisoners",
        "civilians",
        "deaths",
        "signatures",
        "rounds",
        "drones",
        "missiles",
        "shares",
        "pages",
        "copies",
        "cars",
        "vehicles",
        "square",
        "million",
        "billion",
        "thousand",
        "kg",
        "mw",
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "minutes",
    ] {
        out.push((w, Role::Quantity));
    }
    for w in [
        "will",
        "shall",
        "ll",
        "upcoming",
        "next",
        "scheduled",
        "due",
        "set",
        "plans",
        "planned",
        "coming",
        "tomorrow",
        // Waiting for what is ahead: "investors are bracing for Friday's jobs data".
        "awaiting",
        "awaits",
        "await",
        "bracing",
    ] {
        out.push((w, Role::FutureCue));
    }
    out
}

/// English zone names; returns the zone (None for "local time") and how many
/// words it took.
pub(in super::super) fn zone(first: &str, second: Option<&str>) -> Option<(Option<Zone>, usize)> {
    let single = match first {
        "gmt" | "utc" => Some(Zone::Fixed(0)),
        "msk" => Some(Zone::Fixed(180)),
        "cet" => Some(Zone::Fixed(60)),
        "cest" | "bst" => Some(Zone::Fixed(if first == "bst" { 60 } else { 120 })),
        "eet" => Some(Zone::Fixed(120)),
        "eest" => Some(Zone::Fixed(180)),
        "est" => Some(Zone::Fixed(-300)),
        "edt" => Some(Zone::Fixed(-240)),
        "et" => Some(Zone::UsEastern),
        _ => None,
    };
    if let Some(z) = single {
        return Some((Some(z), 1));
    }
    if second != Some("time") {
        return None;
    }
    let zone = match first {
        "moscow" => Some(Zone::Fixed(180)),
        "kyiv" | "kiev" => Some(Zone::EuEastern),
        "paris" | "berlin" | "brussels" | "warsaw" => Some(Zone::EuCentral),
        "local" => None,
        _ => return None,
    };
    Some((zone, 2))
}
