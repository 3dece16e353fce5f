//! Greedy transition-based NER (spaCy `TransitionBasedParser.v2` with
//! `BiluoPushDown` moves), as `Parser.greedy_parse` runs it.

use super::ModelError;
use super::format::ModelFile;
use super::ops::dot;
use super::tok2vec::HIDDEN;
use crate::enrich::dense::Dense;

/// State features for NER: B(0), entity start E(0), B(0)-1 inside entity.
const N_FEATS: usize = 3;
const PIECES: usize = 2;
const FEAT_WIDTH: usize = HIDDEN * PIECES;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Begin,
    In,
    Last,
    Unit,
    Out,
}

#[derive(Clone, Copy)]
struct Move {
    action: Action,
    /// Index into `labels`; None for O and for label-less moves (never valid).
    label: Option<usize>,
}

pub(crate) struct Ner {
    /// Lower layer without bias: token vector -> its contribution to each
    /// of the N_FEATS feature slots.
    lower: Dense,
    lower_b: Vec<f32>,
    pad: Vec<f32>,
    /// Upper layer (n_moves × HIDDEN) and bias; only valid moves are scored.
    upper_w: Vec<f32>,
    upper_b: Vec<f32>,
    moves: Vec<Move>,
    pub(crate) labels: Vec<String>,
}

/// An entity as token range [start, end) and label index.
pub(crate) struct TokenSpan {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) label: usize,
}

impl Ner {
    pub(crate) fn load(file: &ModelFile) -> Result<Self, ModelError> {
        let mut labels: Vec<String> = Vec::new();
        let mut moves = Vec::new();
        for name in &file.header.moves {
            let (act, label) = name.split_once('-').unwrap_or((name.as_str(), ""));
            let action = match act {
                "B" => Action::Begin,
                "I" => Action::In,
                "L" => Action::Last,
                "U" => Action::Unit,
                "O" => Action::Out,
                _ => return Err(ModelError::Format(format!("unknown move {name}"))),
            };
            let label = if label.is_empty() {
                None
            } else if let Some(i) = labels.iter().position(|l| l == label) {
                Some(i)
            } else {
                labels.push(label.to_string());
                Some(labels.len() - 1)
            };
            moves.push(Move { action, label });
        }
        let n_moves = moves.len();
        let lower = file.tensor("lower.W", &[N_FEATS, HIDDEN, PIECES, HIDDEN])?;
        let upper = file.tensor("upper.W", &[n_moves, HIDDEN])?;
        Ok(Self {
            lower: Dense::new(&lower, vec![0.0; N_FEATS * FEAT_WIDTH], HIDDEN),
            lower_b: file.tensor("lower.b", &[HIDDEN, PIECES])?,
            pad: file.tensor("lower.pad", &[1, N_FEATS, HIDDEN, PIECES])?,
            upper_w: upper,
            upper_b: file.tensor("upper.b", &[n_moves])?,
            moves,
            labels,
        })
    }

    fn is_valid(m: Move, b0: usize, n: usize, open: Option<(usize, usize)>, space: bool) -> bool {
        // No preset entities and no sentence boundaries (the parser does not
        // run), so only the structural BILUO constraints remain.
        let remaining = n - b0;
        match (m.action, m.label) {
            (Action::Out, _) => open.is_none(),
            (_, None) => false,
            (Action::Begin, Some(_)) => open.is_none() && remaining >= 2 && !space,
            (Action::In, Some(l)) => remaining >= 2 && open.is_some_and(|(_, ol)| ol == l),
            (Action::Last, Some(l)) => open.is_some_and(|(_, ol)| ol == l),
            (Action::Unit, Some(_)) => open.is_none() && !space,
        }
    }

    /// Decode entities from the projected token vectors (n × HIDDEN).
    /// `is_space[i]` is spaCy's IS_SPACE of token i.
    pub(crate) fn decode(&self, tokvecs: &[f32], is_space: &[bool]) -> Vec<TokenSpan> {
        let n = is_space.len();
        // Precompute each token's contribution to each feature slot.
        let mut cached = vec![0.0; n * N_FEATS * FEAT_WIDTH];
        self.lower.forward(tokvecs, &mut cached);
        let mut unmaxed = vec![0.0; FEAT_WIDTH];
        let mut hidden = vec![0.0; HIDDEN];
        let mut open: Option<(usize, usize)> = None;
        let mut ents = Vec::new();
        for (b0, &space) in is_space.iter().enumerate() {
            let ids = [
                Some(b0),
                open.map(|(s, _)| s),
                open.filter(|_| b0 > 0).map(|_| b0 - 1),
            ];
            unmaxed.copy_from_slice(&self.lower_b);
            for (f, id) in ids.iter().enumerate() {
                let feat = match id {
                    Some(t) => &cached[(t * N_FEATS + f) * FEAT_WIDTH..][..FEAT_WIDTH],
                    None => &self.pad[f * FEAT_WIDTH..(f + 1) * FEAT_WIDTH],
                };
                for (u, v) in unmaxed.iter_mut().zip(feat) {
                    *u += v;
                }
            }
            for (h, p) in hidden.iter_mut().zip(unmaxed.chunks_exact(PIECES)) {
                *h = p.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            }
            // arg_max_if_valid: first strictly-best valid move. Inside an
            // entity only two moves are valid, so score lazily.
            let mut best: Option<(usize, f32)> = None;
            for (i, (&m, w)) in self
                .moves
                .iter()
                .zip(self.upper_w.chunks_exact(HIDDEN))
                .enumerate()
            {
                if !Self::is_valid(m, b0, n, open, space) {
                    continue;
                }
                let score = self.upper_b[i] + dot(w, &hidden);
                if best.is_none_or(|(_, b)| score > b) {
                    best = Some((i, score));
                }
            }
            // Out is valid whenever no entity is open and Last whenever one
            // is, so some move is always valid; stop defensively otherwise.
            let Some((best, _)) = best else { break };
            let m = self.moves[best];
            match (m.action, m.label) {
                (Action::Begin, Some(l)) => open = Some((b0, l)),
                (Action::Last, Some(_)) => {
                    if let Some((s, l)) = open.take() {
                        ents.push(TokenSpan {
                            start: s,
                            end: b0 + 1,
                            label: l,
                        });
                    }
                }
                (Action::Unit, Some(l)) => ents.push(TokenSpan {
                    start: b0,
                    end: b0 + 1,
                    label: l,
                }),
                _ => {}
            }
        }
        ents
    }
}
