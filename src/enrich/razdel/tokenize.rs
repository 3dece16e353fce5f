//! razdel `segmenters/tokenize.py`.
//!
//! The text is cut into atoms (runs of Cyrillic, runs of Latin, runs of
//! digits, single punctuation, single other symbols); between two adjacent
//! atoms with no whitespace in between the rules below decide whether to
//! glue them into one token. Whitespace always separates tokens.

use super::chars::{AtomKind, atom_kind, lower_eq};
use super::smile_at;

const DASHES: &[char] = &['‑', '–', '—', '−', '-'];
const ENDINGS: &[char] = &['.', '?', '!', '…'];

#[derive(Clone, Copy, Debug)]
struct Atom {
    start: usize,
    stop: usize,
    kind: AtomKind,
}

/// razdel `ATOM.finditer`: RU/LAT/INT are maximal runs, PUNCT/OTHER one char.
fn atoms(chars: &[char]) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let kind = atom_kind(chars[i]);
        let start = i;
        i += 1;
        match kind {
            AtomKind::Space => continue,
            AtomKind::Ru | AtomKind::Lat | AtomKind::Int => {
                while i < chars.len() && atom_kind(chars[i]) == kind {
                    i += 1;
                }
            }
            AtomKind::Punct | AtomKind::Other => {}
        }
        out.push(Atom {
            start,
            stop: i,
            kind,
        });
    }
    out
}

/// Context of a zero-width boundary between `atoms[i - 1]` and `atoms[i]`
/// (razdel `TokenSplit` with a window of 3 atoms each side).
struct Split<'a> {
    chars: &'a [char],
    atoms: &'a [Atom],
    i: usize,
    buffer_start: usize,
}

impl Split<'_> {
    fn left(&self, n: usize) -> Option<&Atom> {
        // left_1 .. left_3 of razdel; the window never exceeds 3.
        self.i.checked_sub(n).map(|j| &self.atoms[j])
    }

    fn right(&self, n: usize) -> Option<&Atom> {
        self.atoms.get(self.i + n - 1)
    }

    fn text(&self, a: &Atom) -> &[char] {
        &self.chars[a.start..a.stop]
    }

    fn single(&self, a: &Atom) -> Option<char> {
        (a.stop - a.start == 1).then(|| self.chars[a.start])
    }

    /// Rule2112: a one-char separator atom (dash, `_`, `.`...) either just
    /// left or just right of the boundary; returns the atoms on its two sides.
    fn around(&self, is_delim: impl Fn(char) -> bool) -> Option<(&Atom, &Atom)> {
        let l1 = self.left(1)?;
        let r1 = self.right(1)?;
        let (l, r) = if self.single(l1).is_some_and(&is_delim) {
            (self.left(2), Some(r1)) // cho-|to
        } else if self.single(r1).is_some_and(&is_delim) {
            (Some(l1), self.right(2)) // cho|-to
        } else {
            return None;
        };
        Some((l?, r?))
    }

    fn join(&self) -> bool {
        self.dash_or_underscore(|c| DASHES.contains(&c))
            || self.dash_or_underscore(|c| c == '_')
            || self.number_pair(|c| c == '.' || c == ',') // 1,5
            || self.number_pair(|c| c == '/' || c == '\\') // 1/2
            || self.punct()
            || self.other()
            || self.yahoo()
    }

    /// DashRule / UnderscoreRule: что-то, К_тому_же (not next to punctuation).
    fn dash_or_underscore(&self, is_delim: impl Fn(char) -> bool) -> bool {
        self.around(is_delim)
            .is_some_and(|(l, r)| l.kind != AtomKind::Punct && r.kind != AtomKind::Punct)
    }

    /// FloatRule / FractionRule: both neighbours are integers.
    fn number_pair(&self, is_delim: impl Fn(char) -> bool) -> bool {
        self.around(is_delim)
            .is_some_and(|(l, r)| l.kind == AtomKind::Int && r.kind == AtomKind::Int)
    }

    /// Punctuation runs: smileys, `...`/`?!`, `--`, `**`.
    fn punct(&self) -> bool {
        let (Some(l1), Some(r1)) = (self.left(1), self.right(1)) else {
            return false;
        };
        if l1.kind != AtomKind::Punct || r1.kind != AtomKind::Punct {
            return false;
        }
        // SMILE.match(buffer + right): the whole candidate token is a smiley.
        let candidate = &self.chars[self.buffer_start..r1.stop];
        if candidate.len() <= 5 && smile_at(candidate, 0) == Some(candidate.len()) {
            return true;
        }
        let l = self.chars[l1.start];
        let r = self.chars[r1.start];
        (ENDINGS.contains(&l) && ENDINGS.contains(&r)) || (l == r && (l == '-' || l == '*'))
    }

    /// Glue "other" symbols to each other and to letters: ΔP, mβж.
    fn other(&self) -> bool {
        let (Some(l1), Some(r1)) = (self.left(1), self.right(1)) else {
            return false;
        };
        use AtomKind::{Lat, Other, Ru};
        let (l, r) = (l1.kind, r1.kind);
        (l == Other && matches!(r, Other | Ru | Lat))
            || (matches!(l, Other | Ru | Lat) && r == Other)
    }

    fn yahoo(&self) -> bool {
        let (Some(l1), Some(r1)) = (self.left(1), self.right(1)) else {
            return false;
        };
        self.single(r1) == Some('!') && lower_eq(self.text(l1), "yahoo")
    }
}

/// Token spans as code-point `(start, stop)` pairs.
pub(crate) fn spans(chars: &[char]) -> Vec<(usize, usize)> {
    let atoms = atoms(chars);
    let mut out = Vec::new();
    let Some(first) = atoms.first() else {
        return out;
    };
    let mut buffer_start = first.start;
    for i in 1..atoms.len() {
        let prev = &atoms[i - 1];
        let glued = prev.stop == atoms[i].start
            && Split {
                chars,
                atoms: &atoms,
                i,
                buffer_start,
            }
            .join();
        if !glued {
            out.push((buffer_start, prev.stop));
            buffer_start = atoms[i].start;
        }
    }
    out.push((buffer_start, atoms[atoms.len() - 1].stop));
    out
}
