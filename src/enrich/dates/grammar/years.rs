//! Years: "1917", "в 1917 году", "1917 г.", and what marks a number as one.

use chrono::Datelike;

use super::super::lexer::Kind;
use super::super::lexicon::{Deixis, Role, Word};
use super::super::resolve::Unit;
use super::super::value::Point;
use super::{DASHES, Grammar, Match, YEAR_SUFFIXES};

/// Street nouns, whose names hold dates: "улица 1905 года", "вулиця 8 Березня".
const STREETS: [&str; 20] = [
    "улица",
    "улице",
    "улицы",
    "улицу",
    "улицей",
    "ул",
    "проспект",
    "проспекта",
    "проспекте",
    "переулок",
    "переулке",
    "вулиця",
    "вулиці",
    "вулицю",
    "вул",
    "проспекті",
    "ulica",
    "ulicy",
    "ulicę",
    "ul",
];

impl Grammar<'_> {
    pub(super) fn year_number(&self, i: usize) -> Option<i32> {
        let t = self.tokens.get(i)?;
        (t.kind == Kind::Number && t.len == 4 && (1000..=2100).contains(&t.num))
            .then(|| i32::try_from(t.num).ok())
            .flatten()
    }

    /// Russian year markers after a number: "-м году", "-го", "года", "г.", "гг.".
    /// Returns the index after them and whether there were any.
    pub(super) fn year_suffix(&self, mut j: usize) -> (usize, bool) {
        let ending = self.punct(j, DASHES)
            && self.glued(j)
            && self.glued(j + 1)
            && self.is_any(j + 1, &["м", "й", "го", "ом", "му"]);
        if ending {
            j += 2;
        }
        if self.table() && self.role(j, Role::YearSuffix) {
            // "2024 року", "2023 r.": a one-letter abbreviation takes its dot.
            let dot =
                self.lower(j).chars().count() <= 2 && self.punct(j + 1, ".") && self.glued(j + 1);
            return (j + 1 + usize::from(dot), true);
        }
        // "2025 финансовом году": the budget year is a calendar year's name too.
        if self.lower(j).starts_with("финансов") && YEAR_SUFFIXES.contains(&self.lower(j + 1))
        {
            j += 1;
        }
        if !YEAR_SUFFIXES.contains(&self.lower(j)) {
            return (j, ending);
        }
        let abbreviated = self.is_any(j, &["г", "гг"]);
        j += 1;
        if abbreviated && self.punct(j, ".") && self.glued(j) {
            j += 1;
        }
        (j, true)
    }

    /// A year right after a day and month: "25 December 2024", "December 25, 2024",
    /// "25 декабря 2024 года".
    pub(super) fn trailing_year(&self, j: usize) -> Option<(i32, usize)> {
        let k = if self.punct(j, ",") || (self.table() && self.role(j, Role::Link)) {
            j + 1
        } else {
            j
        };
        let year = self.year_number(k)?;
        if !self.isolated(k) || self.quantity_follows(k + 1) {
            return None;
        }
        let (end, _) = self.year_suffix(k + 1);
        Some((year, end))
    }

    /// A year named relative to the anchor after a month: "[March] last year",
    /// "[марте] прошлого года", "[June] of this year".
    pub(super) fn relative_year(&self, j: usize) -> Option<(i32, usize)> {
        let j = j + usize::from(self.is(j, "of"));
        let j = if self.table() { self.skip_links(j) } else { j };
        // "[marzo] del año pasado", "[mars] de l'année dernière"
        if self.table()
            && let Some(Word::Unit {
                unit: Unit::Year,
                plural: false,
            }) = self.word(j)
            && let Some(Word::Deixis(d)) = self.word(j + 1)
        {
            let step = match d {
                Deixis::BeforeLast => -2,
                Deixis::Last => -1,
                Deixis::This => 0,
                Deixis::Next => 1,
            };
            return Some((self.anchor.year() + step, j + 2));
        }
        let step = match self.word(j)? {
            Word::Deixis(Deixis::BeforeLast) => -2,
            Word::Deixis(Deixis::Last) => -1,
            Word::Deixis(Deixis::This) => 0,
            Word::Deixis(Deixis::Next) => 1,
            _ => return None,
        };
        match self.word(j + 1)? {
            Word::Unit {
                unit: Unit::Year,
                plural,
            } if !plural || self.table() => Some((self.anchor.year() + step, j + 2)),
            _ => None,
        }
    }

    /// A street noun before `i`: its name holds the date ("улица 1905 года", "ul. 1 Maja").
    pub(super) fn street_before(&self, i: usize) -> bool {
        let k = if self.punct(i.wrapping_sub(1), ".") {
            i.wrapping_sub(2)
        } else {
            i.wrapping_sub(1)
        };
        self.is_any(k, &STREETS)
    }

    /// "1917", "в 1917 году", "1917 г.", "in 1917 and 1920".
    pub(super) fn year(&self, i: usize, bare_ok: bool, list_after: Option<usize>) -> Option<Match> {
        let year = self.year_number(i)?;
        if !self.isolated(i) || self.street_before(i) {
            return None;
        }
        let (end, suffixed) = self.year_suffix(i + 1);
        if self.quantity_follows(end) {
            return None; // "2025 рублей", "на 2000-м километре"
        }
        if !suffixed {
            let prev = i.checked_sub(1);
            // "a score of 2072" is no year: after "of", only years near the anchor
            // or before it count.
            let near = year <= self.anchor.year().saturating_add(5);
            let context = prev.is_some_and(|p| {
                self.role(p, Role::YearContext)
                    && !(self.is(p, "of")
                        && (!near
                            || self.is_any(p.wrapping_sub(1), &["total", "out", "sum", "number"])))
                    && !(self.is(p, "to") && self.is(p.wrapping_sub(1), "up"))
            });
            let parenthesised = self.punct(i.wrapping_sub(1), "(") && self.punct(end, "),");
            let listed = list_after.is_some_and(|e| {
                e + 1 == i && (self.punct(e, ",") || self.is_any(e, &["and", "or", "и", "или"]))
            });
            // "entro il 2030", "tra il 2010": a table language's article after the preposition.
            let context = context || (self.table() && self.context_before(i, Role::YearContext));
            // "passou de 1500 para 2000": two amounts, not the year of a noun.
            let amounts = (self.role(end, Role::YearOf) || self.role(end, Role::RangeTo))
                && self.number(end + 1).is_some();
            let context = context || (prev.is_some_and(|p| self.year_of(p)) && !amounts);
            // "a Lei 14.133, de 2021, mudou": the year of what comes before, set off by commas.
            let apposition = prev
                .is_some_and(|p| self.role(p, Role::YearOf) && self.punct(p.wrapping_sub(1), ","))
                && self.punct(end, ",");
            // "the company's 2026 results", "Boeing's 2026 deliveries": a year between an
            // English possessive and its noun.
            let possessive = !self.table()
                && prev.is_some_and(|p| {
                    self.is(p, "s") && self.glued(p) && self.punct(p.wrapping_sub(1), "'’")
                })
                && self
                    .tokens
                    .get(end)
                    .is_some_and(|t| t.kind == Kind::Word && !t.capitalized && t.lower.is_ascii());
            if !(bare_ok
                || context
                || parenthesised
                || apposition
                || listed
                || possessive
                || self.suffixed(i))
            {
                return None;
            }
        }
        Some(Match::new(end, Point::Year(year), true))
    }

    /// "la crisis de 2008", "o Orçamento para 2027": a year after a `YearOf` word at `p` that
    /// follows a noun: a word of four letters or more that is no date word and no amount
    /// ("cerca de 2000", "más de 2000"), not a number ("de 1500 para 2000").
    fn year_of(&self, p: usize) -> bool {
        let noun = p.wrapping_sub(1);
        self.role(p, Role::YearOf)
            && self.tokens.get(noun).is_some_and(|t| {
                t.kind == Kind::Word
                    && t.lower.chars().count() >= 4
                    && t.lower.chars().all(char::is_alphabetic)
            })
            && self.word(noun).is_none()
            && ![Role::Quantity, Role::Amount, Role::YearOf, Role::RangeFrom]
                .iter()
                .any(|&r| self.role(noun, r))
    }

    /// "fiscal 2025", "fiscal year 2027", "FY2026": a budget year, named by its calendar year.
    pub(super) fn fiscal_year(&self, i: usize) -> Option<Match> {
        let at = match self.lower(i) {
            "fiscal" => i + 1 + usize::from(self.is(i + 1, "year")),
            "fy" => i + 1,
            _ => return None,
        };
        let year = self.year_number(at).filter(|_| !self.table())?;
        if !self.free_right(at) || self.quantity_follows(at + 1) {
            return None;
        }
        Some(Match::new(at + 1, Point::Year(year), true))
    }

    /// A season of sport after its noun: "W sezonie 2024", "in der Saison 2024/25",
    /// "stagione 2024/2025" (the second year follows the first), or before English "season".
    pub(super) fn sport_season(&self, i: usize) -> Option<Match> {
        // "the 2025/26 season": English names the season after its pair of years.
        let season_after = !self.table() && self.punct(i + 1, "/") && self.is(i + 3, "season");
        // "Сезон КХЛ 2027/28": the league's abbreviation may stand between.
        let league = self.raw(i.wrapping_sub(1)).chars().count() >= 2
            && self
                .raw(i.wrapping_sub(1))
                .chars()
                .all(|c| c.is_alphabetic() && c.is_uppercase());
        let season_before = self.role(i.wrapping_sub(1), Role::SportSeason)
            || (league && self.role(i.wrapping_sub(2), Role::SportSeason));
        if !(season_before || season_after) || !self.free_left(i) {
            return None;
        }
        let first = self.year_number(i)?;
        if !(self.punct(i + 1, "/-–") && self.glued(i + 1) && self.glued(i + 2)) {
            return self
                .free_right(i)
                .then(|| Match::new(i + 1, Point::Year(first), true));
        }
        let written = self.tokens.get(i + 2).filter(|t| t.kind == Kind::Number)?;
        let last = match written.len {
            2 => first - first % 100 + i32::try_from(written.num).ok()?,
            4 => i32::try_from(written.num).ok()?,
            _ => return None,
        };
        let last = if last < first { last + 100 } else { last };
        if last != first + 1 || !self.free_right(i + 2) {
            return None;
        }
        Some(Match {
            end_point: Some(Point::Year(last)),
            ..Match::new(i + 3, Point::Year(first), true)
        })
    }
}
