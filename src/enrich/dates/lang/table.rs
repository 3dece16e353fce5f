//! Reads a table language's two vocabulary tables into a lexicon.
//!
//! A row is `class <TAB> argument <TAB> phrase`; `#` starts a comment. The classes:
//!
//! | class | argument | phrase |
//! |---|---|---|
//! | `month`, `abbrev`, `weekday` | 1-12 / 1-7 (Monday 1) | a name, an abbreviation |
//! | `unit` | `day`, `week`, `weekend`, `month`, `quarter`, `year`, `decade`, `century` + `/one` or `/other` | "Tag", "тижнів" |
//! | `relative` | day offset | "gestern" |
//! | `relative_year` | year offset | "торік" (last year) |
//! | `deixis` | `last`, `this`, `next`, `before_last` | "letzte", "dernière" |
//! | `number`, `ordinal` | value | "drei", "dritte" |
//! | `decade_name` | tens digit | a decade in words: "дев'яностих" (the nineties) |
//! | `season` | `spring`, `summer`, `fall`, `winter` | "Sommer" |
//! | `modifier` | `early`, `mid`, `late` | "Anfang", "fin" |
//! | `several`, `recent`, `coming`, `hedge`, `ago`, `weekday_tail` | `-` | "mehrere", "fa", "feira" |
//! | `vague` | `past`, `present`, `future` | "kürzlich" |
//! | `ago_prefix`, `in_prefix` | `-` | words before a count: "il y a", "dentro de" |
//! | `ago_suffix` | `-` | word after a count and unit: "fa", "geleden" |
//! | `role` | a [`Role`] in snake case | "im", "bis", "Uhr", "segunda" (`ordinal_weekday`), "ist" (`copula`), "Saison" (`sport_season`), "alle" (`hour_context`: a bare hour after it is a time), "bis" (`until`: a deadline), "ab" (`start_from`: from a date on, ahead unless told in the past), "seit" (`since`: a date after it is behind), "de" (`year_of`: a year after it and a noun is the noun's, "la crisis de 2008", unless the noun is an `amount`: "cerca de"), "dat" (`that`: opens a clause whose verb is not the date's), "de la noche" (`evening`: an hour before it is after noon; `morning`: before noon), "sera" (`day_part`: between a day and its clock time, "ieri sera alle 22.30"), "Halbjahr" (`half_year`), "Hälfte" (`half`: of a year only with the year after it), "scatta" (`start_verb`: a present verb of starting, a date after a from-word is ahead), "przełomie" (`turn`: the turn of two months, their range), "un" (`indefinite`: after a `past_aux` it is the present "has", which schedules: "a un match samedi"), "IPC" (`record`: figures; a month after it and a link is behind, "el IPC de noviembre") |
//! | `stem` | a role | a word start: "złot" (złotych, złote) |
//! | `future_suffix` | `-` | a future-tense verb ending: "ra", "rá" |
//! | `past_suffix` | `-` | a past-tense verb ending: "ait", "ó", "ły"; with `role past` ("war") a deadline after it reads back |
//! | `participle_suffix` | `-` | a past participle's ending: after a `past_aux` ("a", "ha") it makes a compound past ("a annoncé", "ha annunciato") |
//! | `present_suffix`, `preterite_suffix` | `-` | a finite verb in the present ("-t": verhandelt) but not the weak preterite ("-te"): the date it governs is ahead |
//! | `extend_stem` | `-` | a verb that moves a deadline later: "verläng" (verlängerte bis 30. Juni reads ahead) |
//! | `dual` | a unit name | two of the unit in one word: "سنتين" |
//! | `post_modifier` | `early`, `mid`, `late` | a part-of-period word after the period: "başında", "上旬" |
//! | `zone` | `cet`, `eet`, `wet`, `utc`, `msk`, `brt`, `local` | a zone after a clock time: "heure de Paris" |
//! | `weekday_compound` | `-` | a part of the day glued after a weekday: "abend" (Sonntagabend) |
//! | `perfective_prefix`, `non_past_ending`, `imperfective_mark`, `imperfective_stem` | `-` | a prefixed verb in a non-past ending is perfective, so future ("пройде"), unless it ends in a mark ("-ує") or its root is a stem ("ход") |
//! | `narrative` | day offset | a day counted from the day the story named last: "día siguiente", "Vortag" |
//! | `count_unit` | a unit name | a plural unit only after a count: Polish "lata" (years, or summer's) |
//! | `lower_case_months` | `-` | `-`: months are written lower-case, so "8 Березня" after "вулиця" is a name |
//! | `apostrophe_suffixes` | `-` | `'`: a suffix after an apostrophe belongs to its word (Turkish) |
//!
//! A phrase of several words (Levantine "كانون الثاني"; Han and kana words, written as their
//! characters split by spaces, "星 期 四") becomes one token before the grammar reads it.
//! Later rows win for a word's class, so the hand table corrects the generated one.

use chrono::Weekday;

use super::super::Modifier;
use super::super::lexicon::{Deixis, Lexicon, Role, Word};
use super::super::resolve::{Unit, Zone};
use super::super::value::{Season, VagueRef};
use super::Lang;

/// The lexicon of a table language. The tables are compiled in and checked by the tests, so
/// a malformed row is a bug: it panics when the lexicon is first built.
pub(in super::super) fn lexicon(lang: Lang) -> Lexicon {
    let mut lexicon = Lexicon::default();
    lexicon.table = true;
    let mut day_parts = Vec::new();
    for table in lang.tables().into_iter().flatten() {
        for (line, row) in table.lines().enumerate() {
            if row.trim().is_empty() || row.starts_with('#') {
                continue;
            }
            if let Some(part) = row.strip_prefix("weekday_compound\t-\t") {
                day_parts.push(part.trim().to_lowercase());
                continue;
            }
            if let Err(e) = add_row(&mut lexicon, row) {
                panic!(
                    "{} date table, line {}: {e}: {row:?}",
                    lang.code(),
                    line + 1
                );
            }
        }
    }
    // "Sonntagabend", "zondagavond": the weekday, whatever part of it.
    for (name, day) in lexicon.weekday_names() {
        for part in &day_parts {
            lexicon.add_word(&format!("{name}{part}"), Word::Weekday(day));
        }
    }
    let openers: Vec<String> = lexicon
        .ago_prefixes
        .iter()
        .chain(&lexicon.in_prefixes)
        .filter_map(|p| p.first().cloned())
        .collect();
    for word in openers {
        lexicon.add_role(&word, Role::Opener);
    }
    lexicon
}

fn add_row(lexicon: &mut Lexicon, row: &str) -> Result<(), String> {
    let mut cols = row.split('\t');
    let (Some(class), Some(arg), Some(phrase), None) =
        (cols.next(), cols.next(), cols.next(), cols.next())
    else {
        return Err("expected three columns".into());
    };
    let phrase = phrase.trim().to_lowercase();
    let words: Vec<String> = phrase.split(' ').map(str::to_string).collect();
    let number = || arg.parse::<i64>().map_err(|e| e.to_string());
    let small = || u32::try_from(number()?).map_err(|e| e.to_string());
    let word = match class {
        "ago_prefix" => {
            lexicon.ago_prefixes.push(words);
            return Ok(());
        }
        "in_prefix" => {
            lexicon.in_prefixes.push(words);
            return Ok(());
        }
        "future_suffix" => {
            lexicon.future_suffixes.push(phrase);
            return Ok(());
        }
        "participle_suffix" => {
            lexicon.participle_suffixes.push(phrase);
            return Ok(());
        }
        "past_suffix" => {
            lexicon.past_suffixes.push(phrase);
            return Ok(());
        }
        "present_suffix" => {
            lexicon.present_suffixes.push(phrase);
            return Ok(());
        }
        "preterite_suffix" => {
            lexicon.preterite_suffixes.push(phrase);
            return Ok(());
        }
        "extend_stem" => {
            lexicon.extend_stems.push(phrase);
            return Ok(());
        }
        "role" => {
            lexicon.add_role(&phrase, role(arg)?);
            if words.len() > 1 {
                lexicon.add_compound(words);
            }
            return Ok(());
        }
        "zone" => {
            let zone = match arg {
                "utc" => Some(Zone::Fixed(0)),
                "msk" => Some(Zone::Fixed(180)),
                "brt" => Some(Zone::Fixed(-180)),
                "cet" => Some(Zone::EuCentral),
                "eet" => Some(Zone::EuEastern),
                "wet" => Some(Zone::EuWestern),
                "local" => None,
                _ => return Err(format!("unknown zone {arg}")),
            };
            lexicon.zones.push((words, zone));
            return Ok(());
        }
        "perfective_prefix" | "non_past_ending" | "imperfective_mark" | "imperfective_stem" => {
            let list = match class {
                "perfective_prefix" => &mut lexicon.aspect.prefixes,
                "non_past_ending" => &mut lexicon.aspect.endings,
                "imperfective_mark" => &mut lexicon.aspect.marks,
                _ => &mut lexicon.aspect.stems,
            };
            list.push(phrase);
            // The longest prefix or ending first: "пере" before "пе".
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            return Ok(());
        }
        "narrative" => {
            lexicon.narrative_days.push((words, number()?));
            return Ok(());
        }
        "count_unit" => {
            lexicon.count_units.insert(phrase, unit(arg)?);
            return Ok(());
        }
        "lower_case_months" => {
            lexicon.lower_case_months = true;
            return Ok(());
        }
        "apostrophe_suffixes" => {
            lexicon.apostrophe_suffixes = true;
            return Ok(());
        }
        "stem" => {
            lexicon.role_stems.push((phrase, role(arg)?));
            return Ok(());
        }
        "in_suffix" => return Ok(()), // none of the table languages puts "in" after the unit
        "month" => Word::Month(small()?),
        "abbrev" => Word::MonthAbbrev(small()?),
        "weekday" => Word::Weekday(
            Weekday::try_from(u8::try_from(small()? - 1).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?,
        ),
        "weekday_tail" => Word::WeekdayTail,
        "unit" => {
            let (name, plural) = arg.split_once('/').ok_or("unit needs NAME/one|other")?;
            Word::Unit {
                unit: unit(name)?,
                plural: plural != "one",
            }
        }
        "dual" => Word::Dual(unit(arg)?),
        "relative" => Word::Relative(number()?),
        "relative_year" => Word::RelativeYear(number()?),
        "deixis" => Word::Deixis(match arg {
            "last" => Deixis::Last,
            "this" => Deixis::This,
            "next" => Deixis::Next,
            "before_last" => Deixis::BeforeLast,
            _ => return Err(format!("unknown deixis {arg}")),
        }),
        "number" => Word::Number(small()?),
        "ordinal" => Word::Ordinal(small()?),
        "decade_name" => Word::DecadeName(small()? * 10),
        "season" => Word::Season(match arg {
            "spring" => Season::Spring,
            "summer" => Season::Summer,
            "fall" => Season::Fall,
            "winter" => Season::Winter,
            _ => return Err(format!("unknown season {arg}")),
        }),
        "modifier" => Word::Modifier(modifier(arg)?),
        "post_modifier" => Word::PostModifier(modifier(arg)?),
        "vague" => Word::Vague(match arg {
            "past" => VagueRef::Past,
            "present" => VagueRef::Present,
            "future" => VagueRef::Future,
            _ => return Err(format!("unknown reference {arg}")),
        }),
        "several" => Word::Several,
        "recent" => Word::Recent,
        "coming" => Word::Coming,
        "hedge" => Word::Hedge,
        "ago" | "ago_suffix" => Word::Ago,
        _ => return Err(format!("unknown class {class}")),
    };
    if words.len() > 1 {
        lexicon.add_compound(words);
    }
    // A unit word listed both singular and plural ("mois", "jaar") also reads singular.
    let word = match (word, lexicon.lookup(&phrase).word) {
        (
            Word::Unit { unit, .. },
            Some(Word::Unit {
                unit: u,
                plural: false,
            }),
        ) if u == unit => Word::Unit {
            unit,
            plural: false,
        },
        _ => word,
    };
    // Ukrainian writes its apostrophe three ways: п'ятниця, п’ятниця, пʼятниця.
    if phrase.contains(['\'', '’', 'ʼ']) {
        for mark in ['\'', '’', 'ʼ'] {
            lexicon.add_word(&phrase.replace(['\'', '’', 'ʼ'], &mark.to_string()), word);
        }
    }
    lexicon.add_word(&phrase, word);
    Ok(())
}

fn unit(name: &str) -> Result<Unit, String> {
    Ok(match name {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        _ => return Err(format!("unknown unit {name}")),
    })
}

fn modifier(name: &str) -> Result<Modifier, String> {
    Ok(match name {
        "early" => Modifier::Early,
        "mid" => Modifier::Mid,
        "late" => Modifier::Late,
        _ => return Err(format!("unknown modifier {name}")),
    })
}

fn role(name: &str) -> Result<Role, String> {
    Ok(match name {
        "year_context" => Role::YearContext,
        "time_context" => Role::TimeContext,
        "quantity" => Role::Quantity,
        "future" => Role::FutureCue,
        "range_from" => Role::RangeFrom,
        "range_to" => Role::RangeTo,
        "between" => Role::Between,
        "and" => Role::And,
        "link" => Role::Link,
        "article" => Role::Article,
        "year_suffix" => Role::YearSuffix,
        "clock_word" => Role::ClockWord,
        "decade_noun" => Role::DecadeNoun,
        "ordinal_suffix" => Role::OrdinalSuffix,
        "recurring" => Role::Recurring,
        "self_standing" => Role::SelfStanding,
        "opener" => Role::Opener,
        "decade_suffix" => Role::DecadeSuffix,
        "ordinal_weekday" => Role::OrdinalWeekday,
        "night" => Role::Night,
        "takes_object" => Role::TakesObject,
        "copula" => Role::Copula,
        "sport_season" => Role::SportSeason,
        "hour_context" => Role::HourContext,
        "past" => Role::PastCue,
        "until" => Role::Until,
        "start_from" => Role::StartFrom,
        "morning" => Role::Morning,
        "evening" => Role::Evening,
        "day_part" => Role::DayPart,
        "half_year" => Role::HalfYear,
        "half" => Role::Half,
        "turn" => Role::Turn,
        "start_verb" => Role::StartVerb,
        "hour_range" => Role::HourRange,
        "since" => Role::Since,
        "year_of" => Role::YearOf,
        "amount" => Role::Amount,
        "past_aux" => Role::PastAux,
        "indefinite" => Role::Indefinite,
        "record" => Role::Record,
        "that" => Role::That,
        "upcoming" => Role::Upcoming,
        _ => return Err(format!("unknown role {name}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_reads() {
        for lang in Lang::ALL {
            let lexicon = lexicon(lang);
            if lang.tables().is_some() {
                assert!(lexicon.table, "{lang:?}");
            }
        }
    }
}
