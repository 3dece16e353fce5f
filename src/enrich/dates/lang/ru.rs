//! Russian vocabulary, with the case forms news copy uses.

use chrono::Weekday;

use super::super::Modifier;
use super::super::lexicon::{Deixis, Role, Word};
use super::super::resolve::{Unit, Zone};
use super::super::value::{Season, VagueRef};

/// Month stems with the nominative ending; declined as "январь/января/январе/январём".
const MONTHS: [(&str, &str); 12] = [
    ("январ", "ь"),
    ("феврал", "ь"),
    ("март", ""),
    ("апрел", "ь"),
    ("ма", "й"),
    ("июн", "ь"),
    ("июл", "ь"),
    ("август", ""),
    ("сентябр", "ь"),
    ("октябр", "ь"),
    ("ноябр", "ь"),
    ("декабр", "ь"),
];

const ADJECTIVE_ENDINGS: [&str; 24] = [
    "ый", "ий", "ой", "ого", "его", "ому", "ему", "ом", "ем", "ей", "ым", "им", "ую", "юю", "ая",
    "яя", "ое", "ее", "ые", "ие", "ых", "их", "ыми", "ими",
];

/// Declined forms generated from stems (months, deictic and ordinal adjectives).
pub(in super::super) fn inflected_words() -> Vec<(String, Word)> {
    let mut out = Vec::new();
    for (m, (stem, nominative)) in (1..).zip(MONTHS) {
        let endings: &[&str] = match nominative {
            "" => &["", "а", "е", "у", "ом"],
            "й" => &["й", "я", "е", "ю", "ем"],
            _ => &["ь", "я", "е", "ю", "ем", "ём"],
        };
        for ending in endings {
            out.push((format!("{stem}{ending}"), Word::Month(m)));
        }
    }
    let adjectives = [
        ("прошл", Word::Deixis(Deixis::Last)),
        ("минувш", Word::Deixis(Deixis::Last)),
        ("позапрошл", Word::Deixis(Deixis::BeforeLast)),
        ("текущ", Word::Deixis(Deixis::This)),
        ("нынешн", Word::Deixis(Deixis::This)),
        ("следующ", Word::Deixis(Deixis::Next)),
        ("будущ", Word::Deixis(Deixis::Next)),
        ("предстоящ", Word::Deixis(Deixis::Next)),
        ("перв", Word::Ordinal(1)),
        ("втор", Word::Ordinal(2)),
        ("четвёрт", Word::Ordinal(4)),
        ("четверт", Word::Ordinal(4)),
        // Day numbers in words: "пятого марта", "двадцать первого июня".
        ("пят", Word::Ordinal(5)),
        ("шест", Word::Ordinal(6)),
        ("седьм", Word::Ordinal(7)),
        ("восьм", Word::Ordinal(8)),
        ("девят", Word::Ordinal(9)),
        ("десят", Word::Ordinal(10)),
        ("одиннадцат", Word::Ordinal(11)),
        ("двенадцат", Word::Ordinal(12)),
        ("тринадцат", Word::Ordinal(13)),
        ("четырнадцат", Word::Ordinal(14)),
        ("пятнадцат", Word::Ordinal(15)),
        ("шестнадцат", Word::Ordinal(16)),
        ("семнадцат", Word::Ordinal(17)),
        ("восемнадцат", Word::Ordinal(18)),
        ("девятнадцат", Word::Ordinal(19)),
        ("двадцат", Word::Ordinal(20)),
        ("тридцат", Word::Ordinal(30)),
    ];
    for (stem, class) in adjectives {
        for ending in ADJECTIVE_ENDINGS {
            out.push((format!("{stem}{ending}"), class));
        }
    }
    out
}

/// Decades named in words ("девяностые", "конца нулевых"), by the tens digit.
const DECADE_STEMS: [(&str, u32); 9] = [
    ("нулев", 0),
    ("десят", 1),
    ("двадцат", 2),
    ("тридцат", 3),
    ("сороков", 4),
    ("пятидесят", 5),
    ("шестидесят", 6),
    ("семидесят", 7),
    ("восьмидесят", 8),
];

/// Plural case forms of the decade words.
pub(in super::super) fn decade_words() -> Vec<(String, Word)> {
    let mut out = Vec::new();
    for (stem, tens) in DECADE_STEMS.into_iter().chain([("девяност", 9)]) {
        for ending in ["ые", "ых", "ым", "ыми"] {
            out.push((format!("{stem}{ending}"), Word::DecadeName(tens * 10)));
        }
    }
    out
}

pub(in super::super) fn words() -> Vec<(&'static str, Word)> {
    let mut out = Vec::new();
    let this = Word::Deixis(Deixis::This);
    for w in [
        "этот",
        "этого",
        "этому",
        "этом",
        "этой",
        "этим",
        "эту",
        "эта",
        "это",
        "эти",
        "этих",
    ] {
        out.push((w, this));
    }
    for w in [
        "третий",
        "третьего",
        "третьем",
        "третьей",
        "третью",
        "третья",
    ] {
        out.push((w, Word::Ordinal(3)));
    }
    let weekdays = [
        (
            Weekday::Mon,
            &["понедельник", "понедельника", "понедельнику"][..],
        ),
        (Weekday::Tue, &["вторник", "вторника", "вторнику"]),
        (Weekday::Wed, &["среду", "среда", "среды", "среде"]),
        (Weekday::Thu, &["четверг", "четверга", "четвергу"]),
        (Weekday::Fri, &["пятницу", "пятница", "пятницы", "пятнице"]),
        (Weekday::Sat, &["субботу", "суббота", "субботы", "субботе"]),
        (Weekday::Sun, &["воскресенье", "воскресенья", "воскресенью"]),
    ];
    for (day, forms) in weekdays {
        out.extend(forms.iter().map(|&w| (w, Word::Weekday(day))));
    }
    let seasons = [
        (
            Season::Spring,
            &["весной", "весна", "весны", "весну", "весне"][..],
        ),
        (Season::Summer, &["летом", "лето", "лета", "лете"]),
        (Season::Fall, &["осенью", "осень", "осени"]),
        (Season::Winter, &["зимой", "зима", "зимы", "зиму", "зиме"]),
    ];
    for (season, forms) in seasons {
        out.extend(forms.iter().map(|&w| (w, Word::Season(season))));
    }
    let units = [
        (
            Unit::Day,
            false,
            &["день", "дня", "дню", "днём", "днем", "сутки"][..],
        ),
        (Unit::Day, true, &["дни", "дней", "днях", "суток"]),
        (
            Unit::Week,
            false,
            &["неделя", "неделю", "неделе", "неделей"],
        ),
        (Unit::Week, true, &["недели", "недель", "неделях"]),
        // "выходные" is plural in form but names one weekend.
        (Unit::Weekend, false, &["выходные", "выходных"]),
        (
            Unit::Month,
            false,
            &["месяц", "месяца", "месяце", "месяцем"],
        ),
        (Unit::Month, true, &["месяцы", "месяцев", "месяцах"]),
        (Unit::Quarter, false, &["квартал", "квартала", "квартале"]),
        (Unit::Quarter, true, &["кварталы", "кварталов"]),
        (Unit::Year, false, &["год", "года", "году", "годом"]),
        (Unit::Year, true, &["лет", "годы", "годах", "годов"]),
        (
            Unit::Decade,
            false,
            &["десятилетие", "десятилетия", "десятилетии"],
        ),
        (Unit::Decade, true, &["десятилетий"]),
        (
            Unit::Century,
            false,
            &["век", "века", "веке", "веком", "столетие", "столетия"],
        ),
        (Unit::Century, true, &["веков", "веках"]),
    ];
    for (unit, plural, forms) in units {
        out.extend(forms.iter().map(|&w| (w, Word::Unit { unit, plural })));
    }
    let numbers = [
        (1, &["один", "одна", "одну", "одного"][..]),
        (2, &["два", "две", "двух"]),
        (3, &["три", "трёх", "трех"]),
        (4, &["четыре", "четырёх", "четырех"]),
        (5, &["пять", "пяти"]),
        (6, &["шесть", "шести"]),
        (7, &["семь", "семи"]),
        (8, &["восемь", "восьми"]),
        (9, &["девять", "девяти"]),
        (10, &["десять", "десяти"]),
        (15, &["пятнадцать"]),
        (20, &["двадцать"]),
        (30, &["тридцать"]),
    ];
    for (n, forms) in numbers {
        out.extend(forms.iter().map(|&w| (w, Word::Number(n))));
    }
    out.extend([
        ("несколько", Word::Several),
        ("нескольких", Word::Several),
        ("вчера", Word::Relative(-1)),
        ("позавчера", Word::Relative(-2)),
        ("сегодня", Word::Relative(0)),
        ("завтра", Word::Relative(1)),
        ("послезавтра", Word::Relative(2)),
        ("назад", Word::Ago),
        ("полгода", Word::HalfYear),
        ("начале", Word::Modifier(Modifier::Early)),
        ("начала", Word::Modifier(Modifier::Early)),
        ("середине", Word::Modifier(Modifier::Mid)),
        ("середины", Word::Modifier(Modifier::Mid)),
        // The accusative after "на", "перенесли на середину августа".
        ("середину", Word::Modifier(Modifier::Mid)),
        ("конце", Word::Modifier(Modifier::Late)),
        ("конца", Word::Modifier(Modifier::Late)),
        ("концу", Word::Modifier(Modifier::Late)),
        ("началу", Word::Modifier(Modifier::Early)),
        ("последние", Word::Recent),
        ("последних", Word::Recent),
        ("ближайшие", Word::Coming),
        ("ближайших", Word::Coming),
        ("недавно", Word::Vague(VagueRef::Past)),
    ]);
    out
}

pub(in super::super) fn roles() -> Vec<(&'static str, Role)> {
    let mut out = Vec::new();
    for w in [
        "в",
        "во",
        "с",
        "со",
        "до",
        "к",
        "по",
        "от",
        "после",
        "около",
        "начиная",
    ] {
        out.push((w, Role::YearContext));
    }
    for w in ["в", "около", "до", "к", "с", "после", "примерно"] {
        out.push((w, Role::TimeContext));
    }
    // Short unit and duration words, matched whole: as stems they would
    // swallow "разгар", "газ", "летом".
    for w in [
        "раз",
        "раза",
        "км",
        "кг",
        "га",
        "лет",
        "дней",
        "часов",
        "минут",
        "суток",
        "месяцев",
        "недель",
    ] {
        out.push((w, Role::Quantity));
    }
    for w in [
        "будет",
        "будут",
        "буду",
        "будем",
        "будете",
        "состоится",
        "состоятся",
        "пройдет",
        "пройдёт",
        "пройдут",
        "ожидается",
        "ожидаются",
        "планирует",
        "планируют",
        "планируется",
        "намерен",
        "намерена",
        "намерены",
        "завтра",
        "продлится",
        "начнется",
        "начнётся",
        "завершится",
        "откроется",
        "вступит",
        "назначено",
        "назначена",
        "назначены",
        // Perfective verbs: their present form speaks of the future.
        "вступит",
        "вступят",
        "соберется",
        "соберётся",
        "соберутся",
        "выпустит",
        "выпустят",
        "откроет",
        "откроют",
        "подпишет",
        "подпишут",
        "проведет",
        "проведёт",
        "проведут",
        "примет",
        "примут",
        "представит",
        "представят",
        "завершит",
        "завершат",
        "начнут",
        "начнет",
        "начнёт",
        "начнутся",
        "запустит",
        "запустят",
        "вернется",
        "вернётся",
        "вернутся",
        "обсудит",
        "обсудят",
        "посетит",
        "посетят",
        "объявит",
        "объявят",
        "опубликует",
        "опубликуют",
        // Forecasts: "синоптики обещают в четверг жару".
        "обещают",
        "обещает",
        // Possibility before an infinitive: "курс в среду может превысить 100 рублей".
        "может",
        "могут",
        // Obligation before an infinitive: "должны подготовить к 25 декабря".
        "должен",
        "должна",
        "должно",
        "должны",
        // An event's start or end in the present is scheduled: "с понедельника вводятся".
        "начинается",
        "начинаются",
        "открывается",
        "открываются",
        "вводится",
        "вводятся",
        "вступает",
        "вступают",
        "стартует",
        "стартуют",
    ] {
        out.push((w, Role::FutureCue));
    }
    for w in ["сезоне", "сезон", "сезона"] {
        out.push((w, Role::SportSeason));
    }
    for w in ["полугодие", "полугодии", "полугодия"] {
        out.push((w, Role::HalfYear));
    }
    for w in ["половина", "половине", "половину", "половины"] {
        out.push((w, Role::Half));
    }
    out
}

/// Stems whose every form has a role (quantities and future cues decline).
pub(in super::super) fn role_stems() -> Vec<(&'static str, Role)> {
    let mut out: Vec<(&'static str, Role)> = [
        "рубл",
        "доллар",
        "евро",
        "гривен",
        "манат",
        "тенге",
        "человек",
        "процент",
        "тонн",
        "километр",
        "метр",
        "штук",
        "голос",
        "сотрудник",
        "участник",
        "жител",
        "солдат",
        "военн",
        "единиц",
        "пассажир",
        "гражданин",
        "граждан",
        "заключенн",
        "заключённ",
        "дрон",
        "беспилотник",
        "ракет",
        "акци",
        "страниц",
        "экземпляр",
        "автомобил",
        "машин",
        "тысяч",
        "миллион",
        "миллиард",
        "млн",
        "млрд",
        "квадратн",
        "баррел",
        "дом",
        "семей",
        "детей",
        "случа",
        "очк",
        "балл",
    ]
    .into_iter()
    .map(|s| (s, Role::Quantity))
    .collect();
    out.extend(
        ["следующ", "предстоящ", "ближайш", "запланирован"]
            .into_iter()
            .map(|s| (s, Role::FutureCue)),
    );
    out
}

/// Russian zone phrases: "мск", "по московскому времени", "по Гринвичу"
/// (the caller passes the words after "по").
pub(in super::super) fn zone(first: &str, second: Option<&str>) -> Option<(Option<Zone>, usize)> {
    match first {
        "мск" => return Some((Some(Zone::Fixed(180)), 1)),
        "гринвичу" => return Some((Some(Zone::Fixed(0)), 1)),
        "москве" => return Some((Some(Zone::Fixed(180)), 1)),
        _ => {}
    }
    if second != Some("времени") {
        return None;
    }
    let zone = match first {
        "московскому" => Some(Zone::Fixed(180)),
        "киевскому" => Some(Zone::EuEastern),
        "местному" => None,
        _ => return None,
    };
    Some((zone, 2))
}
