//! Months, seasons, quarters, decades and centuries.

use chrono::Datelike;

use super::super::Modifier;
use super::super::lexer::Kind;
use super::super::lexicon::{Deixis, Role, Word, roman};
use super::super::resolve::{self, Lean, Unit};
use super::super::value::Point;
use super::{DASHES, Grammar, Match, ORDINAL_SUFFIXES, deixis_lean};

impl Grammar<'_> {
    /// "April 1920", "June", "next January", "апреле 1920 года".
    pub(super) fn month(&self, i: usize) -> Option<Match> {
        // "Rua 25 de Abril": the month of a street's name is no month either.
        let linked = self.table() && self.role(i.wrapping_sub(1), Role::Link);
        if i.checked_sub(1 + usize::from(linked))
            .is_some_and(|day| self.named_day(day))
        {
            return None;
        }
        let (lean, j) = match self.word(i) {
            // "el pasado mes de enero", "il prossimo mese di giugno": the month after its unit
            // word, the nearest one the way the deixis points.
            Some(Word::Deixis(d))
                if self.table() && self.unit_at(i + 1) == Some((Unit::Month, false)) =>
            {
                let lean = match deixis_lean(d)? {
                    Lean::Last => Lean::Past,
                    Lean::Next => Lean::Future,
                    other => other,
                };
                (Some(lean), self.skip_links(i + 2))
            }
            Some(Word::Deixis(d)) => (Some(deixis_lean(d)?), i + 1),
            _ => (None, i),
        };
        let (month, mut end) = self.month_or_abbrev(j)?;
        let abbreviated = matches!(self.word(j), Some(Word::MonthAbbrev(_)));
        if lean.is_none() {
            if let Some((year, after)) = self.relative_year(end) {
                return Some(Match::new(after, Point::Month(year, month), true));
            }
            if self.of_year(end) {
                end += 1;
            }
            if let Some(year) = self.year_number(end)
                && self.isolated(end)
                && !self.quantity_follows(end + 1)
            {
                let (end, _) = self.year_suffix(end + 1);
                return Some(Match::new(end, Point::Month(year, month), true));
            }
        }
        // "mars dernier", "octubre pasado"
        if lean.is_none()
            && let Some(l) = self.postposed_lean(j + 1)
        {
            return Some(Match::new(
                j + 2,
                resolve::month(self.anchor, month, l),
                false,
            ));
        }
        // A lone "May" or "March" is usually a verb, "Aug" needs a day or year, and
        // a Russian month without a preposition is often a name ("Март" the album).
        let ambiguous =
            self.is_any(j, &["may", "march"]) || !self.lower(j).is_ascii() || self.table();
        let context = lean.is_some()
            || self.role(j, Role::SelfStanding)
            || self.suffixed(j)
            // "Ekim ayında" (in the month of October), "eylül başında"
            || (self.table() && matches!(self.unit_at(j + 1), Some((Unit::Month, false))))
            || matches!(self.word(j + 1), Some(Word::PostModifier(_)))
            || self.context_before(i, Role::YearContext)
            || i.checked_sub(1).is_some_and(|p| {
                self.role(p, Role::YearContext)
                    // "данные за сентябрь", "data for May": the period figures cover.
                    || (!self.table() && self.is_any(p, &["за", "for"]))
                    || (self.table() && self.role(p, Role::Link))
                    || matches!(self.word(p), Some(Word::Modifier(_)))
                    || self.role(p, Role::Half)
                    || (self.punct(p, DASHES)
                        && matches!(
                            self.word(p.wrapping_sub(1)),
                            Some(Word::Month(_) | Word::Modifier(_))
                        ))
            });
        if abbreviated || (ambiguous && !context) {
            return None;
        }
        let lean = lean.unwrap_or_else(|| self.lean(i, j + 1));
        Some(Match::new(
            j + 1,
            resolve::month(self.anchor, month, lean),
            false,
        ))
    }

    /// "the summer", "last summer", "summer of 2024", "летом 2024 года", "прошлым летом".
    pub(super) fn season(&self, i: usize) -> Option<Match> {
        let (lean, j) = match self.word(i) {
            Some(Word::Deixis(d)) => (Some(deixis_lean(d)?), i + 1),
            _ if self.is(i, "the") => (None, i + 1),
            _ => (None, i),
        };
        let Some(Word::Season(season)) = self.word(j) else {
            return None;
        };
        let mut end = j + 1;
        if lean.is_none() {
            if let Some((year, after)) = self.relative_year(end) {
                return Some(Match::new(after, Point::Season(year, season), true));
            }
            if self.of_year(end) {
                end += 1;
            } else if self.is_any(j, &["fall", "spring"])
                && self.tokens.get(end).is_some_and(|t| {
                    t.kind == Kind::Word
                        && ![
                            "and", "or", "when", "as", "before", "after", "to", "until", "through",
                        ]
                        .contains(&&*t.lower)
                })
            {
                // "the fall of the Soviet Union", "the fall in prices": a noun, not a season.
                return None;
            }
            if let Some(year) = self.year_number(end)
                && self.isolated(end)
            {
                let (end, _) = self.year_suffix(end + 1);
                return Some(Match::new(end, Point::Season(year, season), true));
            }
        }
        // Bare "fall" or "spring" is usually a verb or a noun, not a season;
        // the Russian instrumental ("летом") always is one.
        // "l'été dernier", "el verano pasado"
        let mut lean = lean;
        if lean.is_none()
            && let Some(l) = self.postposed_lean(end)
        {
            lean = Some(l);
            end += 1;
        }
        let bare = lean.is_none() && j == i;
        let instrumental = self.is_any(j, &["летом", "зимой", "весной", "осенью"])
            || self.role(j, Role::SelfStanding);
        // "in late spring": a part-of-period word makes the season one.
        let modified = matches!(self.word(i.wrapping_sub(1)), Some(Word::Modifier(_)));
        // "à l'automne", "el otoño": a table language's article makes the noun the season.
        let article = self.table()
            && (self.role(i.wrapping_sub(1), Role::Article)
                || (self.punct(i.wrapping_sub(1), "'")
                    && self.role(i.wrapping_sub(2), Role::Article)));
        if bare
            && !instrumental
            && !modified
            && !article
            && !self.context_before(i, Role::YearContext)
        {
            return None;
        }
        let lean = lean.unwrap_or_else(|| self.lean(i, end));
        Some(Match::new(
            end,
            resolve::season(self.anchor, season, lean),
            false,
        ))
    }

    /// "the first quarter of 2025", "Q3", "во втором квартале 2024 года".
    pub(super) fn quarter(&self, i: usize) -> Option<Match> {
        let j = i + usize::from(self.is(i, "the"));
        let (quarter, mut end) = if j == i && self.is(j, "q") && self.glued(j + 1) {
            (self.small_number(j + 1, 1)?, j + 2)
        } else {
            // "первом квартале", "the third quarter", "во II квартале"
            // "the last quarter of 2025", "el último trimestre de 2025": the fourth of a year
            // named; without the year, "last quarter" is the one before this.
            let q = match self.word(j) {
                Some(Word::Ordinal(q)) => q,
                Some(Word::Deixis(Deixis::Last)) if self.of_year(j + 2) => 4,
                _ if self.tokens.get(j).is_some_and(|t| t.capitalized) => roman(self.raw(j))?,
                _ => return None,
            };
            match self.word(j + 1) {
                Some(Word::Unit {
                    unit: Unit::Quarter,
                    plural: false,
                }) => (q, j + 2),
                _ => return None,
            }
        };
        if !(1..=4).contains(&quarter) {
            return None;
        }
        if self.of_year(end) {
            end += 1;
        }
        if let Some(year) = self.year_number(end) {
            let (end, _) = self.year_suffix(end + 1);
            return Some(Match::new(end, Point::Quarter(year, quarter), true));
        }
        // "the first quarter of next year", "первом квартале следующего года"
        if let Some((year, end)) = self.relative_year(end) {
            return Some(Match::new(end, Point::Quarter(year, quarter), true));
        }
        // "the company's fiscal first quarter": a quarter of its own year, not the calendar's.
        if self.is(i.wrapping_sub(1), "fiscal") || self.is(j.wrapping_sub(1), "fiscal") {
            return None;
        }
        let lean = self.lean(i, end);
        Some(Match::new(
            end,
            resolve::quarter(self.anchor, quarter, lean),
            false,
        ))
    }

    /// "na przełomie marca i kwietnia": the turn of two months is the range of both, the
    /// second read by the verb like a bare month (or by its year), the first the one before.
    pub(super) fn turn(&self, i: usize) -> Option<Match> {
        if !self.table() || !self.role(i, Role::Turn) || !self.role(i + 2, Role::And) {
            return None;
        }
        let (Some(Word::Month(first)), Some(Word::Month(last))) =
            (self.word(i + 1), self.word(i + 3))
        else {
            return None;
        };
        let (year, end, explicit) = match self.year_number(i + 4) {
            Some(year) if self.isolated(i + 4) => (year, self.year_suffix(i + 5).0, true),
            _ => match resolve::month(self.anchor, last, self.lean(i, i + 4)) {
                Point::Month(year, _) => (year, i + 4, false),
                _ => return None,
            },
        };
        let first_year = if first <= last { year } else { year - 1 };
        Some(Match {
            end_point: Some(Point::Month(year, last)),
            ..Match::new(end, Point::Month(first_year, first), explicit)
        })
    }

    /// "the first half of 2025", "im zweiten Halbjahr", "в первом полугодии 2024 года": a half
    /// of a year is the range of its six months (TIMEX3 has no granularity for it).
    pub(super) fn half(&self, i: usize) -> Option<Match> {
        // "H1 2025", "H2 2026", as financial copy writes them: only with the year.
        if self.is(i, "h")
            && self.glued(i + 1)
            && let Some(half @ (1 | 2)) = self.small_number(i + 1, 1)
            && let Some(year) = self.year_number(i + 2)
        {
            let first = if half == 1 { 1 } else { 7 };
            return Some(Match {
                end_point: Some(Point::Month(year, first + 5)),
                ..Match::new(i + 3, Point::Month(year, first), true)
            });
        }
        // "expects to break even in H2.": bare after a preposition and before punctuation,
        // the half the tense points to ("H2 production" is hydrogen).
        if self.is(i, "h")
            && self.glued(i + 1)
            && let Some(half @ (1 | 2)) = self.small_number(i + 1, 1)
            && self.is_any(i.wrapping_sub(1), &["in", "for", "during"])
            && self.punct(i + 2, ".,;:")
        {
            let (first, current) = (if half == 1 { 1 } else { 7 }, self.anchor.month());
            let lean = self.lean(i, i + 2);
            let year = resolve::year_of_period(self.anchor.year(), half, current.div_ceil(6), lean);
            return Some(Match {
                end_point: Some(Point::Month(year, first + 5)),
                ..Match::new(i + 2, Point::Month(year, first), false)
            });
        }
        let j = i + usize::from(self.is(i, "the"));
        let half = match self.word(j) {
            Some(Word::Ordinal(h @ (1 | 2))) => h,
            // Portuguese "segunda" is Monday and second: "na segunda quinzena de agosto".
            Some(Word::Weekday(chrono::Weekday::Mon)) if self.role(j, Role::OrdinalWeekday) => 2,
            _ => return None,
        };
        let noun = j + 1;
        let strict = self.role(noun, Role::HalfYear);
        if !strict && !self.role(noun, Role::Half) {
            return None;
        }
        let mut end = noun + 1;
        // "во второй половине марта", "the first half of March": the early or late part of
        // the month.
        let month_at = end + usize::from(self.is(end, "of") || self.role(end, Role::Link));
        if !strict
            && let Some(month) = self.month(month_at)
            && matches!(month.point, Point::Month(..))
            && month.modifier.is_none()
            && month.end_point.is_none()
        {
            let modifier = if half == 1 {
                Modifier::Early
            } else {
                Modifier::Late
            };
            // A bare month takes its tense from the whole phrase, which may open the sentence.
            let point = match (month.point, self.word(month_at)) {
                (Point::Month(_, m), Some(Word::Month(_))) if month.end == month_at + 1 => {
                    resolve::month(self.anchor, m, self.lean(i, month.end))
                }
                (point, _) => point,
            };
            return Some(Match {
                modifier: Some(modifier),
                point,
                ..month
            });
        }
        if self.of_year(end) {
            end += 1;
        }
        let named = self.year_number(end);
        let relative = self.relative_year(end).filter(|_| named.is_none());
        let explicit = named.is_some() || relative.is_some();
        let year = if let Some(year) = named {
            end = self.year_suffix(end + 1).0;
            year
        } else if let Some((year, after)) = relative {
            // "the second half of next year", "второй половине прошлого года"
            end = after;
            year
        } else if let Some(after) = self.of_the_year(end) {
            // "the second half of the year", "второй половине года": this year.
            end = after;
            self.anchor.year()
        } else if strict {
            let current = if self.anchor.month() <= 6 { 1 } else { 2 };
            resolve::year_of_period(self.anchor.year(), half, current, self.lean(i, end))
        } else {
            return None;
        };
        let first = if half == 1 { 1 } else { 7 };
        Some(Match {
            end_point: Some(Point::Month(year, first + 5)),
            ..Match::new(end, Point::Month(year, first), explicit)
        })
    }

    /// "of 2025", "de 2025" at `k`: "of" or a table language's link word, then a year.
    fn of_year(&self, k: usize) -> bool {
        (self.is(k, "of") || self.role(k, Role::Link)) && self.year_number(k + 1).is_some()
    }

    /// The end of "of the year", "des Jahres", "del año", "года" at `k`, if it is there.
    fn of_the_year(&self, k: usize) -> Option<usize> {
        let mut k = k;
        if self.is(k, "of") || self.role(k, Role::Link) {
            k += 1;
        }
        if self.is(k, "the") || self.role(k, Role::Article) {
            k += 1;
        }
        if self.punct(k, "'’") {
            k += 1;
        }
        matches!(self.unit_at(k), Some((Unit::Year, false))).then_some(k + 1)
    }

    /// "yıl sonuna", "年底", "月末": a bare year or month word with a part-of-period word after
    /// it is the current one; a count before it ("iki yıl sonunda") makes it a span instead.
    pub(super) fn current_part(&self, i: usize) -> Option<Match> {
        if !self.table() {
            return self.period_end(i);
        }
        let (unit @ (Unit::Year | Unit::Month), _) = self.unit_at(i)? else {
            return None;
        };
        let Some(Word::PostModifier(modifier)) = self.word(i + 1) else {
            return None;
        };
        let counted = self.number(i.wrapping_sub(1)).is_some()
            || matches!(self.word(i.wrapping_sub(1)), Some(Word::Number(_)));
        if counted {
            return None;
        }
        Some(Match {
            modifier: Some(modifier),
            ..Match::new(i + 2, resolve::shift(self.anchor, unit, 0)?, false)
        })
    }

    /// "by year-end", "at month-end": the current year or month, late. Only after a
    /// preposition, as "year-end bonus" names a payment, not a date.
    fn period_end(&self, i: usize) -> Option<Match> {
        let (unit @ (Unit::Year | Unit::Month), false) = self.unit_at(i)? else {
            return None;
        };
        let dashed = self.punct(i + 1, DASHES) && self.glued(i + 1) && self.glued(i + 2);
        if !dashed
            || !matches!(self.word(i + 2), Some(Word::ModifierNoun(Modifier::Late)))
            || !self.is_any(
                i.wrapping_sub(1),
                &["by", "at", "before", "until", "till", "around", "after"],
            )
        {
            return None;
        }
        Some(Match {
            modifier: Some(Modifier::Late),
            ..Match::new(i + 3, resolve::shift(self.anchor, unit, 0)?, false)
        })
    }

    // ---- decades and centuries ----

    /// "the 1990s", "the '90s", "1990-х годов", "90-е".
    pub(super) fn decade(&self, i: usize) -> Option<Match> {
        // "девяностые годы", "конца нулевых": the most recent such decade not in the future.
        if let Some(Word::DecadeName(d)) = self.word(i) {
            let (mut end, _) = self.year_suffix(i + 1);
            // "in den neunziger Jahren": the plural year noun after the decade's adjective.
            if end == i + 1
                && self.table()
                && matches!(
                    self.word(end),
                    Some(Word::Unit {
                        unit: Unit::Year,
                        plural: true
                    })
                )
            {
                end += 1;
            }
            return Some(Match::new(end, Point::Decade(self.named_decade(d)?), true));
        }
        let j = i + usize::from(self.is(i, "the"));
        let (number_at, two_digit) = if self.punct(j, "'’‘") && self.glued(j + 1) {
            (j + 1, true)
        } else {
            (j, self.small_number(j, 2).is_some())
        };
        let token = self.tokens.get(number_at)?;
        if token.kind != Kind::Number || !(token.len == 4 || token.len == 2) || token.num % 10 != 0
        {
            return None;
        }
        let mut end = number_at + 1;
        // "the 1990s", "the '90s"; a bare "80s" is usually an age ("in her 80s").
        let english =
            self.is(end, "s") && self.glued(end) && (!two_digit || j > i || number_at > j);
        // "1990er Jahre", "die 90er"
        let german = self.table() && self.is(end, "er") && self.glued(end);
        // "1990'larda", "90年代"
        let suffixed = self.table()
            && if self.punct(end, "'’") {
                self.glued(end) && self.glued(end + 1) && self.role(end + 1, Role::DecadeSuffix)
            } else {
                self.glued(end) && self.role(end, Role::DecadeSuffix)
            };
        let apostrophe_s = (!two_digit || j > i || number_at > j)
            && self.punct(end, "'’")
            && self.glued(end)
            && self.is(end + 1, "s")
            && self.glued(end + 1);
        let russian = self.punct(end, DASHES)
            && self.glued(end)
            && self.glued(end + 1)
            && self.is_any(end + 1, &["х", "е", "ых", "ые"]);
        end += if english {
            1
        } else if german {
            let years = matches!(
                self.word(end + 1),
                Some(Word::Unit {
                    unit: Unit::Year,
                    plural: true
                })
            );
            1 + usize::from(years)
        } else if apostrophe_s || russian {
            2
        } else if suffixed {
            1 + usize::from(self.punct(end, "'’"))
        } else {
            return None;
        };
        if russian {
            let (after, _) = self.year_suffix(end);
            end = after;
        }
        let year = i32::try_from(token.num).ok()?;
        let year = if two_digit {
            // "the '90s", "в 90-е": the most recent such decade not in the future,
            // unless "прошлого века" / "XX века" says otherwise.
            if self.is(end, "прошлого") && self.is(end + 1, "века") {
                end += 2;
                1900 + year
            } else if 2000 + year > self.anchor.year() {
                1900 + year
            } else {
                2000 + year
            }
        } else {
            year
        };
        // "individual 1040s" are tax forms: early decades need "the".
        let plausible = if j > i { 1000 } else { 1800 };
        if !(plausible..=2100).contains(&year) || self.quantity_follows(end) {
            return None;
        }
        // "the late 1800s" is the century; "the 2000s" stays the decade news means by it.
        let point = if english && !two_digit && year % 100 == 0 && year < 2000 {
            Point::Century(year / 100)
        } else {
            Point::Decade(year / 10)
        };
        Some(Match::new(end, point, true))
    }

    /// A decade named in words by its tens ("девяностые", "neunziger"): the most recent such
    /// decade not in the future, as its first three digits.
    fn named_decade(&self, tens: u32) -> Option<i32> {
        let year = i32::try_from(tens).ok()?;
        let year = if 2000 + year > self.anchor.year() {
            1900 + year
        } else {
            2000 + year
        };
        Some(year / 10)
    }

    /// "années 1990", "años 90", "anni '60", "década de 1990", "latach 90.": a decade
    /// noun before the number.
    pub(super) fn decade_noun(&self, i: usize) -> Option<Match> {
        if !self.role(i, Role::DecadeNoun) {
            return None;
        }
        let mut k = i + 1;
        if self.role(k, Role::Link) {
            k += 1;
        }
        if self.punct(k, "'’‘") && self.glued(k + 1) {
            k += 1;
        }
        // "latach dziewięćdziesiątych": the decade's adjective after the noun.
        if let Some(Word::DecadeName(d)) = self.word(k) {
            return Some(Match::new(
                k + 1,
                Point::Decade(self.named_decade(d)?),
                true,
            ));
        }
        // "jaren tachtig", "anni ottanta", "años sesenta": the decade's tens in words
        if let Some(Word::Number(n)) = self.word(k)
            && n % 10 == 0
            && (20..=90).contains(&n)
        {
            // In words the decade is of the last century ("les années vingt"): papers write
            // the present one in digits.
            let year = 1900 + i32::try_from(n).ok()?;
            return Some(Match::new(k + 1, Point::Decade(year / 10), true));
        }
        let token = self.tokens.get(k).filter(|t| t.kind == Kind::Number)?;
        if !(token.len == 4 || token.len == 2) || token.num % 10 != 0 || !self.free_right(k) {
            return None;
        }
        let number = i32::try_from(token.num).ok()?;
        let year = match token.len {
            2 if 2000 + number > self.anchor.year() => 1900 + number,
            2 => 2000 + number,
            _ => number,
        };
        if !(1000..=2100).contains(&year) || self.quantity_follows(k + 1) {
            return None;
        }
        // "latach 90." — an ordinal's dot, when a lower-case word follows.
        let mut end = k + 1;
        if self.punct(end, ".")
            && self.glued(end)
            && self
                .tokens
                .get(end + 1)
                .is_some_and(|t| t.kind == Kind::Word && !t.capitalized)
        {
            end += 1;
        }
        Some(Match::new(end, Point::Decade(year / 10), true))
    }

    /// A century's ordinal: "20th", "twentieth", "twenty-first", "XX", "20-го".
    pub(super) fn century_ordinal(&self, j: usize) -> Option<(u32, usize)> {
        let (ordinal, after) = if let Some(n) = self.small_number(j, 2) {
            let mut k = j + 1;
            if self.glued(k)
                && (ORDINAL_SUFFIXES.contains(&self.lower(k))
                    || (self.table() && self.role(k, Role::OrdinalSuffix)))
            {
                k += 1;
            } else if self.table() && self.glued(k) && self.punct(k, ".") {
                k += 1; // "20. Jahrhundert"
            } else if self.punct(k, DASHES)
                && self.glued(k)
                && self.is_any(k + 1, &["й", "го", "м", "ом", "му"])
            {
                k += 2;
            }
            (n, k)
        } else if let Some(Word::Ordinal(n)) = self.word(j) {
            (n, j + 1)
        } else if let (Some(Word::Number(20)), true, Some(Word::Ordinal(n))) =
            (self.word(j), self.punct(j + 1, DASHES), self.word(j + 2))
        {
            (20 + n, j + 3)
        } else {
            (self.roman_at(j)?, j + 1)
        };
        (1..=30).contains(&ordinal).then_some((ordinal, after))
    }

    /// "the 20th century", "the twenty-first century", "XX век", "в 20-м веке",
    /// and ranges of them: "XVII–XVIII веках", "the 19th-20th centuries".
    pub(super) fn century(&self, i: usize) -> Option<Match> {
        // "siglo XVI", "século XV": the unit first.
        if self.table()
            && let Some(Word::Unit {
                unit: Unit::Century,
                plural: false,
            }) = self.word(i)
            && let Some((n, after)) = self.century_ordinal(i + 1)
        {
            return Some(Match::new(
                after,
                Point::Century(i32::try_from(n).ok()? - 1),
                true,
            ));
        }
        let j = i + usize::from(self.is(i, "the"));
        let (first, mut after) = self.century_ordinal(j)?;
        let mut last = None;
        if self.punct(after, DASHES)
            && let Some((n, k)) = self.century_ordinal(after + 1)
            && n > first
        {
            last = Some(n);
            after = k;
        }
        match self.word(after) {
            Some(Word::Unit {
                unit: Unit::Century,
                plural,
            }) if plural == last.is_some() || !self.lower(after).is_ascii() || self.table() => {}
            _ => return None,
        }
        let point = |n: u32| Some(Point::Century(i32::try_from(n).ok()? - 1));
        Some(Match {
            end_point: match last {
                Some(n) => Some(point(n)?),
                None => None,
            },
            ..Match::new(after + 1, point(first)?, true)
        })
    }

    /// "the turn of the century" (the one the anchor's century opened with), "the turn of the
    /// 20th century": the early part of that century.
    pub(super) fn turn_of_century(&self, i: usize) -> Option<Match> {
        let j = i + usize::from(self.is(i, "the"));
        if self.table() || !(self.is(j, "turn") && self.is(j + 1, "of")) {
            return None;
        }
        let core_at = j + 2;
        let century = if self.is(core_at, "the")
            && self.unit_at(core_at + 1) == Some((Unit::Century, false))
        {
            Match::new(core_at + 2, Point::Century(self.anchor.year() / 100), false)
        } else {
            self.century(core_at)?
        };
        Some(Match {
            modifier: Some(Modifier::Early),
            ..century
        })
    }
}
