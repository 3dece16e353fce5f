//! Greedy transition-based NER (spaCy `TransitionBasedParser.v2` with
//! `BiluoPushDown` moves), as `Parser.greedy_parse` runs it.

use super::ModelError;
use super::format::ModelFile;
use super::ops::{DotPanels, dot, dots};
use super::tok2vec::{HIDDEN, grow, small_product};
use crate::enrich::dense::{Arithmetic, Dense};

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
    /// One product per slot: every token needs its B(0) contribution, but only an entity's
    /// first token its entity-start one and only a token inside an entity the one of the
    /// token before it, so those two are computed on demand (each output is the same sum).
    lower: [Dense; N_FEATS],
    lower_b: Vec<f32>,
    pad: Vec<f32>,
    /// Upper layer (n_moves × HIDDEN) and bias; only valid moves are scored.
    upper_w: Vec<f32>,
    /// The moves that may be valid outside an entity (O, B-*, U-*: half of them), their
    /// weights and biases, scored all at once there.
    closed_moves: Vec<usize>,
    closed_w: Vec<f32>,
    closed_panels: DotPanels,
    closed_b: Vec<f32>,
    upper_b: Vec<f32>,
    moves: Vec<Move>,
    pub(crate) labels: Vec<String>,
}

/// An entity as byte range [start, end) of the text and label index.
pub(crate) struct ByteSpan {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) label: usize,
}

/// Where decoding stands between two runs of a text's tokens: all a greedy pass over the
/// whole text would remember at that point, so runs decode exactly as one pass.
#[derive(Default)]
pub(crate) struct DecodeState {
    open: Option<OpenEntity>,
    /// The last token's contribution to the previous-token feature slot.
    previous: Vec<f32>,
}

/// The entity being built.
struct OpenEntity {
    /// Byte offset of its first token.
    start: usize,
    label: usize,
    /// Its first token's contribution to the entity-start feature slot.
    feature: Vec<f32>,
}

impl Ner {
    /// `arithmetic`: of the lower layer's product (the CPU must support it).
    pub(crate) fn load(file: &ModelFile, arithmetic: Arithmetic) -> Result<Self, ModelError> {
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
        let upper_b = file.tensor("upper.b", &[n_moves])?;
        let closed_moves: Vec<usize> = (0..n_moves)
            .filter(|&i| matches!(moves[i].action, Action::Out | Action::Begin | Action::Unit))
            .collect();
        let closed_w: Vec<f32> = closed_moves
            .iter()
            .flat_map(|&i| &upper[i * HIDDEN..(i + 1) * HIDDEN])
            .copied()
            .collect();
        let closed_b = closed_moves.iter().map(|&i| upper_b[i]).collect();
        Ok(Self {
            lower: std::array::from_fn(|f| {
                let block = &lower[f * FEAT_WIDTH * HIDDEN..(f + 1) * FEAT_WIDTH * HIDDEN];
                small_product(arithmetic, Dense::new(block, vec![0.0; FEAT_WIDTH], HIDDEN))
            }),
            lower_b: file.tensor("lower.b", &[HIDDEN, PIECES])?,
            pad: file.tensor("lower.pad", &[1, N_FEATS, HIDDEN, PIECES])?,
            closed_panels: DotPanels::new(&closed_w, HIDDEN),
            closed_w,
            closed_b,
            closed_moves,
            upper_w: upper,
            upper_b,
            moves,
            labels,
        })
    }

    /// `last`: b0 is the text's last token; `open`: the label of the entity being built.
    fn is_valid(m: Move, last: bool, open: Option<usize>, space: bool) -> bool {
        // No preset entities and no sentence boundaries (the parser does not
        // run), so only the structural BILUO constraints remain.
        match (m.action, m.label) {
            (Action::Out, _) => open.is_none(),
            (_, None) => false,
            (Action::Begin, Some(_)) => open.is_none() && !last && !space,
            (Action::In, Some(l)) => !last && open == Some(l),
            (Action::Last, Some(l)) => open == Some(l),
            (Action::Unit, Some(_)) => open.is_none() && !space,
        }
    }

    /// Decodes the next run of a text's tokens from their projected vectors (n × HIDDEN),
    /// byte offsets and spaCy IS_SPACE, continuing from `state`. `ends_text`: the run holds
    /// the text's last token. Entities are returned when they end. `scratch` is working
    /// memory (n × 384 floats), reused across calls.
    pub(crate) fn decode(
        &self,
        state: &mut DecodeState,
        tokvecs: &[f32],
        (offsets, is_space): (&[(usize, usize)], &[bool]),
        ends_text: bool,
        scratch: &mut Vec<f32>,
    ) -> Vec<ByteSpan> {
        let n = is_space.len();
        // Precompute each token's contribution to each feature slot (the product writes
        // every value, so the scratch is not zeroed).
        let len = n * FEAT_WIDTH;
        grow(scratch, len);
        let cached = &mut scratch[..len];
        self.lower[0].forward(tokvecs, cached);
        let cached = &*cached;
        let b0_slot = |t: usize| &cached[t * FEAT_WIDTH..][..FEAT_WIDTH];
        // Slot f of token t, computed now into `out`.
        let fill = |t: usize, f: usize, out: &mut Vec<f32>| {
            out.resize(FEAT_WIDTH, 0.0);
            self.lower[f].forward(&tokvecs[t * HIDDEN..(t + 1) * HIDDEN], out);
        };
        let slot = |t: usize, f: usize| {
            let mut out = Vec::new();
            fill(t, f, &mut out);
            out
        };
        let mut before = Vec::with_capacity(FEAT_WIDTH);
        let pad = |f: usize| &self.pad[f * FEAT_WIDTH..(f + 1) * FEAT_WIDTH];
        let mut unmaxed = vec![0.0; FEAT_WIDTH];
        let mut hidden = vec![0.0; HIDDEN];
        let mut scores = vec![0.0; self.moves.len()];
        let mut closed_scores = vec![0.0; self.closed_moves.len()];
        let mut ents = Vec::new();
        for (b0, &space) in is_space.iter().enumerate() {
            // Features: B(0), the open entity's first token, and B(0)-1 inside an entity
            // (an entity opened at an earlier token, so B(0)-1 exists).
            if state.open.is_some() && b0 > 0 {
                fill(b0 - 1, 2, &mut before);
            }
            let features = [
                b0_slot(b0),
                state.open.as_ref().map_or(pad(1), |o| &o.feature),
                match (&state.open, b0) {
                    (None, _) => pad(2),
                    (Some(_), 0) => &state.previous,
                    (Some(_), _) => &before,
                },
            ];
            unmaxed.copy_from_slice(&self.lower_b);
            for feat in features {
                for (u, v) in unmaxed.iter_mut().zip(feat) {
                    *u += v;
                }
            }
            for (h, p) in hidden.iter_mut().zip(unmaxed.chunks_exact(PIECES)) {
                *h = p.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            }
            // arg_max_if_valid: first strictly-best valid move. Outside an entity most moves
            // are valid and all are scored at once; inside one only two are, scored lazily.
            let last = ends_text && b0 + 1 == n;
            let open_label = state.open.as_ref().map(|o| o.label);
            let closed = open_label.is_none();
            if closed {
                dots(
                    &self.closed_panels,
                    &self.closed_w,
                    &self.closed_b,
                    &hidden,
                    &mut closed_scores,
                );
                for (&i, &score) in self.closed_moves.iter().zip(&closed_scores) {
                    scores[i] = score;
                }
            }
            let mut best: Option<(usize, f32)> = None;
            for (i, (&m, w)) in self
                .moves
                .iter()
                .zip(self.upper_w.chunks_exact(HIDDEN))
                .enumerate()
            {
                if !Self::is_valid(m, last, open_label, space) {
                    continue;
                }
                let score = if closed {
                    scores[i]
                } else {
                    self.upper_b[i] + dot(w, &hidden)
                };
                if best.is_none_or(|(_, b)| score > b) {
                    best = Some((i, score));
                }
            }
            // Out is valid whenever no entity is open and Last whenever one
            // is, so some move is always valid; stop defensively otherwise.
            let Some((best, _)) = best else { break };
            let m = self.moves[best];
            match (m.action, m.label) {
                (Action::Begin, Some(label)) => {
                    state.open = Some(OpenEntity {
                        start: offsets[b0].0,
                        label,
                        feature: slot(b0, 1),
                    });
                }
                (Action::Last, Some(_)) => {
                    if let Some(open) = state.open.take() {
                        ents.push(ByteSpan {
                            start: open.start,
                            end: offsets[b0].1,
                            label: open.label,
                        });
                    }
                }
                (Action::Unit, Some(label)) => ents.push(ByteSpan {
                    start: offsets[b0].0,
                    end: offsets[b0].1,
                    label,
                }),
                _ => {}
            }
        }
        if n > 0 {
            state.previous = slot(n - 1, 2);
        }
        ents
    }
}
