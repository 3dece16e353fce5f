//! Russian NER and morphology tagging: a plain-Rust port of natasha 1.6.0's
//! slovnet taggers (`slovnet_ner_news_v1`, `slovnet_morph_news_v1`) over
//! navec embeddings (`navec_news_v1_1B_250K_300d_100q`).
//!
//! The model file is produced by `convert_slovnet.py` in this folder (provenance and
//! license in `model/`). Inference
//! follows slovnet/exec/*.py: word (PQ navec) + shape embeddings, three
//! Conv1d -> ReLU -> BatchNorm blocks, then a CRF (NER) or argmax (morph).
//!
//! Same maths, cheaper arrangement (results match natasha up to float
//! rounding): the first block is split into per-word navec projections
//! (cached for frequent words) plus a shape table; later blocks fold the
//! previous BatchNorm into their weights and skip ReLU zeros; long inputs
//! run in chunks with a halo of the receptive field; the matmuls pick
//! AVX-512/AVX2 kernels at run time.

mod format;
mod nn;
mod shape;
mod vocab;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Serialize;

use self::format::ModelFile;
use self::nn::{BioPart, ConvLayer, FoldedConv, Linear, TILE_ROWS};
use self::shape::{Outline, PUNCTS, Shape};
use self::vocab::{WordTable, py_lower_into};
use super::dense::{Arithmetic, Dense};

/// Errors while loading a model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a slovnet model file (bad magic)")]
    BadMagic,
    #[error("model file is truncated")]
    Truncated,
    #[error("model header is not valid JSON: {0}")]
    Header(#[from] serde_json::Error),
    #[error("model file lacks array {0}")]
    MissingArray(String),
    #[error("invalid model file: {0}")]
    Invalid(String),
}

/// A named entity; offsets are in code points, `end` exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    /// "PER", "LOC" or "ORG".
    pub label: String,
}

/// A Universal Dependencies tag as natasha reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MorphTag {
    pub pos: String,
    /// Features in the tag string's order (alphabetical by name).
    pub feats: Vec<(String, String)>,
}

impl MorphTag {
    /// slovnet.conll.parse_conll_tag: "POS|A=1|B=2".
    fn parse(tag: &str) -> MorphTag {
        match tag.split_once('|') {
            None => MorphTag {
                pos: tag.to_string(),
                feats: Vec::new(),
            },
            Some((pos, rest)) => {
                let mut feats: Vec<(String, String)> = Vec::new();
                for part in rest.split('|') {
                    let (name, value) = part.split_once('=').unwrap_or((part, ""));
                    // A dict in Python: a repeated name keeps its first slot, last value.
                    if let Some(slot) = feats.iter_mut().find(|(n, _)| n == name) {
                        slot.1 = value.to_string();
                    } else {
                        feats.push((name.to_string(), value.to_string()));
                    }
                }
                MorphTag {
                    pos: pos.to_string(),
                    feats,
                }
            }
        }
    }

    /// natasha's format_tag: "POS" or "POS|Name=Value|..." (names sorted).
    pub fn to_tag_string(&self) -> String {
        if self.feats.is_empty() {
            return self.pos.clone();
        }
        let mut feats: Vec<&(String, String)> = self.feats.iter().collect();
        feats.sort();
        let mut out = self.pos.clone();
        for (name, value) in feats {
            out.push('|');
            out.push_str(name);
            out.push('=');
            out.push_str(value);
        }
        out
    }
}

/// Shape -> row of the shape embedding.
struct ShapeIds {
    ru: [usize; 7],
    en: [usize; 7],
    punct: Vec<(char, usize)>,
    punct_other: usize,
    num: usize,
    other: usize,
}

const OUTLINES: [Outline; 7] = [
    Outline::X,
    Outline::LowerX,
    Outline::XX,
    Outline::LowerXX,
    Outline::Xx,
    Outline::XxDashXx,
    Outline::Other,
];

impl ShapeIds {
    fn new(shapes: &[String]) -> Result<Self, ModelError> {
        let find = |shape: Shape| -> Result<usize, ModelError> {
            let name = shape.name();
            shapes
                .iter()
                .position(|s| *s == name)
                .ok_or_else(|| ModelError::Invalid(format!("shape vocabulary lacks {name}")))
        };
        let mut ru = [0; 7];
        let mut en = [0; 7];
        for (i, &o) in OUTLINES.iter().enumerate() {
            ru[i] = find(Shape::Ru(o))?;
            en[i] = find(Shape::En(o))?;
        }
        let punct = PUNCTS
            .chars()
            .map(|c| Ok((c, find(Shape::Punct(c))?)))
            .collect::<Result<_, ModelError>>()?;
        Ok(ShapeIds {
            ru,
            en,
            punct,
            punct_other: find(Shape::PunctOther)?,
            num: find(Shape::Num)?,
            other: find(Shape::Other)?,
        })
    }

    fn id(&self, shape: Shape) -> usize {
        let outline = |o: Outline| OUTLINES.iter().position(|&x| x == o).unwrap_or(6);
        match shape {
            Shape::Ru(o) => self.ru[outline(o)],
            Shape::En(o) => self.en[outline(o)],
            Shape::Punct(c) => self
                .punct
                .iter()
                .find(|(p, _)| *p == c)
                .map_or(self.punct_other, |&(_, id)| id),
            Shape::PunctOther => self.punct_other,
            Shape::Num => self.num,
            Shape::Other => self.other,
        }
    }
}

/// Word-shape embedding + CNN encoder of one tagger.
struct Encoder {
    shape_emb: Vec<f32>,
    shape_dim: usize,
    layers: Vec<ConvLayer>,
    /// layers[0] in split form; filled in once the word codes are loaded.
    first: FirstLayer,
    /// layers[1..] with the BatchNorm before each folded in.
    folded: Vec<FoldedConv>,
}

/// An article's tokens as both taggers read them (see `RussianTagger::tokens`).
pub struct Tokens {
    /// Code-point offsets, clamped to the text.
    offsets: Vec<(usize, usize)>,
    feats: Vec<Feat>,
}

/// Per-token model input: PQ code row and shape row.
#[derive(Clone, Copy)]
struct Feat {
    row: u32,
    shape: u16,
}

/// Tokens per encoder chunk; the receptive field is only a few tokens, so
/// chunking with a halo is exact and keeps activations cache-resident.
const CHUNK: usize = 256;

/// Words whose first-layer projections are precomputed at load (with
/// `<unk>`, ~75% of news tokens); costs ~3 KiB per word per tagger.
pub const DEFAULT_CACHED_WORDS: usize = 10_000;

/// The converted model shipped in the binary (provenance and license beside it in `model/`).
pub(crate) static EMBEDDED: &[u8] = include_bytes!("model/slovnet_ru-natasha-1.6.0.bin");

/// The daemon's first-layer cache: 4,000 words for 24 MiB. Measured with `ru_parity --cache`:
/// 2,000 words give ~0.8x and 10,000 words (60 MiB) ~1.1x the NER speed of 4,000; on the
/// entity-dense news fixtures 8,000 words give 1.09x and 16,000 1.16x. Words past the cache
/// are projected in the model's arithmetic, the cache in f32, so its size can move results.
const DAEMON_CACHED_WORDS: usize = 4_000;

static RUSSIAN: LazyLock<Result<RussianTagger, String>> = LazyLock::new(|| {
    RussianTagger::from_bytes_with(
        EMBEDDED.to_vec(),
        DAEMON_CACHED_WORDS,
        Arithmetic::from_env(),
    )
    .map_err(|e| e.to_string())
});

/// The embedded Russian taggers, loaded on first use; an error only if the embedded file is
/// corrupt.
pub fn russian() -> Result<&'static RussianTagger, &'static str> {
    RUSSIAN.as_ref().map_err(String::as_str)
}

/// Natasha's Russian NER and morphology taggers. Cheap to share: `Send + Sync`.
pub struct RussianTagger {
    words: WordTable,
    /// PQ codes, one row of `qdim` per word; the last row is `<unk>`.
    word_codes: Vec<u8>,
    unk_row: u32,
    codebook: Vec<f32>,
    qdim: usize,
    centroids: usize,
    chunk: usize,
    shape_ids: ShapeIds,
    ner: Encoder,
    ner_head: Linear,
    crf: Vec<f32>,
    ner_labels: Vec<String>,
    ner_tags: Vec<(BioPart, Option<usize>)>,
    morph: Encoder,
    morph_head: Linear,
    morph_tags: Vec<MorphTag>,
    arithmetic: Arithmetic,
}

impl RussianTagger {
    /// The arithmetic of the sparse convolutions.
    pub fn arithmetic(&self) -> Arithmetic {
        self.arithmetic
    }

    /// Load from the bytes of a file written by `convert_slovnet.py`, caching
    /// first-layer projections for the DEFAULT_CACHED_WORDS most frequent words; f32.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, ModelError> {
        Self::from_bytes_with(bytes, DEFAULT_CACHED_WORDS, Arithmetic::F32)
    }

    /// As `from_bytes`, with the size of the per-word first-layer cache
    /// (memory: `cached_words` x 3 KiB per tagger; 0 disables it; results
    /// do not depend on it beyond float rounding) and the arithmetic of the
    /// sparse convolutions (`Bf16` is f32 on a CPU without AVX512-BF16).
    pub fn from_bytes_with(
        bytes: Vec<u8>,
        cached_words: usize,
        arithmetic: Arithmetic,
    ) -> Result<Self, ModelError> {
        let bf16 = arithmetic.on_this_cpu().uses_bf16();
        let file = ModelFile::parse(bytes)?;
        let h = &file.header;
        let (qdim, centroids, dim) = (h.navec.qdim, h.navec.centroids, h.navec.dim);
        if qdim == 0 || dim % qdim != 0 || centroids == 0 || centroids > 256 {
            return Err(ModelError::Invalid("bad navec dimensions".into()));
        }
        let chunk = dim / qdim;
        let codebook = file.f32s("codebook", &[qdim, centroids, chunk])?;
        let words = WordTable::new(file.bytes("words")?);
        let mut word_codes = file.u8s("word_codes", &[words.len(), qdim])?;
        word_codes.extend(file.u8s("unk_codes", &[qdim])?);
        if word_codes.iter().any(|&c| usize::from(c) >= centroids) {
            return Err(ModelError::Invalid("PQ code out of range".into()));
        }
        let unk_row =
            u32::try_from(words.len()).map_err(|_| ModelError::Invalid("too many words".into()))?;
        let shapes = &h.shapes;
        // Ids are stored narrow (u16 shapes, u16 CRF back-pointers); empty
        // tag sets would leave nothing to decode.
        let too_many = |n: usize| n == 0 || n > usize::from(u16::MAX);
        if too_many(shapes.len()) || too_many(h.ner.tags.len()) || too_many(h.morph.tags.len()) {
            return Err(ModelError::Invalid("bad vocabulary sizes".into()));
        }
        let shape_ids = ShapeIds::new(shapes)?;

        let ner = load_encoder(&file, "ner", &h.ner.layers, shapes.len(), dim, bf16)?;
        let ner_labels_all = &h.ner.tags;
        let ner_head = load_linear(&file, "ner", ner.out_dim(), ner_labels_all.len())?;
        let crf_name = h
            .ner
            .crf
            .clone()
            .ok_or_else(|| ModelError::Invalid("NER model lacks a CRF".into()))?;
        let crf = file.f32s(&crf_name, &[ner_labels_all.len(), ner_labels_all.len()])?;
        let mut ner_labels: Vec<String> = Vec::new();
        let ner_tags = ner_labels_all
            .iter()
            .map(|tag| {
                let (part, kind) = nn::parse_bio(tag);
                let kind = kind.map(|k| match ner_labels.iter().position(|l| l == k) {
                    Some(i) => i,
                    None => {
                        ner_labels.push(k.to_string());
                        ner_labels.len() - 1
                    }
                });
                (part, kind)
            })
            .collect();

        let morph = load_encoder(&file, "morph", &h.morph.layers, shapes.len(), dim, bf16)?;
        let morph_head = load_linear(&file, "morph", morph.out_dim(), h.morph.tags.len())?;
        let morph_tags = h.morph.tags.iter().map(|t| MorphTag::parse(t)).collect();

        let mut tagger = RussianTagger {
            words,
            word_codes,
            unk_row,
            codebook,
            qdim,
            centroids,
            chunk,
            shape_ids,
            ner,
            ner_head,
            crf,
            ner_labels,
            ner_tags,
            morph,
            morph_head,
            morph_tags,
            arithmetic: if bf16 {
                Arithmetic::Bf16
            } else {
                Arithmetic::F32
            },
        };
        let cached_words = cached_words.min(tagger.words.len());
        tagger.ner.first = tagger.build_first(&tagger.ner, cached_words);
        tagger.morph.first = tagger.build_first(&tagger.morph, cached_words);
        Ok(tagger)
    }

    fn build_first(&self, enc: &Encoder, cached_words: usize) -> FirstLayer {
        let layer = &enc.layers[0];
        let (taps, filters) = (layer.kernel, layer.out_dim);
        let width = taps * filters;
        let navec_dim = self.qdim * self.chunk;
        // Row o = k * filters + filter of the product holds that filter's tap-k weights.
        let mut navec_weight = vec![0.0f32; width * navec_dim];
        for c in 0..navec_dim {
            for k in 0..taps {
                for (filter, &w) in layer.tap(k, c).iter().enumerate() {
                    navec_weight[(k * filters + filter) * navec_dim + c] = w;
                }
            }
        }
        let shapes = enc.shape_emb.len() / enc.shape_dim.max(1);
        let mut shape_proj = vec![0.0f32; shapes * width];
        for s in 0..shapes {
            let emb = &enc.shape_emb[s * enc.shape_dim..(s + 1) * enc.shape_dim];
            for k in 0..taps {
                let out = &mut shape_proj[s * width + k * filters..s * width + (k + 1) * filters];
                for (j, &e) in emb.iter().enumerate() {
                    for (o, &w) in out.iter_mut().zip(layer.tap(k, navec_dim + j)) {
                        *o += e * w;
                    }
                }
            }
        }
        let mut first = FirstLayer {
            taps,
            filters,
            navec: {
                let navec = Dense::new(&navec_weight, vec![0.0; width], navec_dim);
                match self.arithmetic {
                    Arithmetic::Bf16 | Arithmetic::Int8 => navec.with_amx_bf16(),
                    Arithmetic::F32 => navec,
                }
            },
            shape_proj,
            cache: Vec::new(),
            cached_words,
        };
        // Rows 0..cached_words, then <unk>.
        let rows: Vec<u32> = (0..cached_words as u32).chain([self.unk_row]).collect();
        // The cache is computed in f32 whatever the arithmetic: it serves most tokens.
        let mut cache = vec![0.0; rows.len() * first.width()];
        self.project_words(&first, &rows, Arithmetic::F32, &mut Vec::new(), &mut cache);
        first.cache = cache;
        first
    }

    /// navec part of the first layer for word rows, written whole into `y`: [rows][width].
    /// `x` holds the embedded words: grown as needed, never shrunk, and every float read is
    /// written first.
    fn project_words(
        &self,
        first: &FirstLayer,
        rows: &[u32],
        arithmetic: Arithmetic,
        x: &mut Vec<f32>,
        y: &mut [f32],
    ) {
        let navec_dim = self.qdim * self.chunk;
        if x.len() < rows.len() * navec_dim {
            x.resize(rows.len() * navec_dim, 0.0);
        }
        let x = &mut x[..rows.len() * navec_dim];
        for (i, &row) in rows.iter().enumerate() {
            let row = row as usize;
            embed_row(
                &self.word_codes[row * self.qdim..(row + 1) * self.qdim],
                &self.codebook,
                self.centroids,
                self.chunk,
                &[],
                &mut x[i * navec_dim..(i + 1) * navec_dim],
            );
        }
        match arithmetic {
            Arithmetic::Bf16 | Arithmetic::Int8 => first.navec.forward(x, y),
            Arithmetic::F32 => first.navec.forward_exact(x, y),
        }
    }

    /// Named entities of `text`, whose razdel tokens are given as code-point
    /// `(start, end)` offsets (the whole text at once, as natasha does).
    pub fn ner(&self, text: &str, tokens: &[(usize, usize)]) -> Vec<NerSpan> {
        self.ner_of(&self.tokens(text, tokens))
    }

    /// The model input of `text`'s razdel tokens, for `ner_of` and `morph_of`: both taggers
    /// read the same word rows and shapes, so an article's tokens are looked up once.
    pub fn tokens(&self, text: &str, tokens: &[(usize, usize)]) -> Tokens {
        // Code point -> byte offset, with one extra entry for the end.
        let mut bytes_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes_at.push(text.len());
        let chars = bytes_at.len() - 1;
        let offsets: Vec<(usize, usize)> = tokens
            .iter()
            .map(|&(s, e)| {
                let e = e.min(chars);
                (s.min(e), e)
            })
            .collect();
        // All words lower-cased into one buffer, then looked up together (`get_many`).
        let (mut lower, mut word, mut ends) = (String::new(), String::new(), Vec::new());
        for &(s, e) in &offsets {
            py_lower_into(&text[bytes_at[s]..bytes_at[e]], &mut word);
            lower.push_str(&word);
            ends.push(lower.len());
        }
        let words: Vec<&str> = ends
            .iter()
            .scan(0, |start, &end| {
                Some(&lower[std::mem::replace(start, end)..end])
            })
            .collect();
        let feats = offsets
            .iter()
            .zip(self.words.get_many(&words))
            .map(|(&(s, e), row)| Feat {
                row: row.map_or(self.unk_row, |i| i as u32),
                shape: self.shape_id(&text[bytes_at[s]..bytes_at[e]]),
            })
            .collect();
        Tokens { offsets, feats }
    }

    /// `ner` of tokens from `tokens`.
    pub fn ner_of(&self, tokens: &Tokens) -> Vec<NerSpan> {
        let feats = &tokens.feats;
        if feats.is_empty() {
            return Vec::new();
        }
        let hidden = self
            .encode_many(&self.ner, &[(feats, 0..feats.len())])
            .swap_remove(0);
        let tags = self.ner_head.out_dim;
        let padded = self.ner_head.forward(&hidden, feats.len());
        let emissions: Vec<f32> = padded
            .chunks_exact(self.ner_head.stride())
            .flat_map(|row| &row[..tags])
            .copied()
            .collect();
        let path = nn::crf_decode(&emissions, feats.len(), &self.crf, tags);
        nn::bio_spans(&tokens.offsets, &path, &self.ner_tags)
            .into_iter()
            .map(|(start, end, kind)| NerSpan {
                start,
                end,
                label: self.ner_labels[kind].clone(),
            })
            .collect()
    }

    /// Morphology tags for the tokens of one sentence.
    pub fn morph(&self, words: &[&str]) -> Vec<MorphTag> {
        self.morph_ids(words)
            .into_iter()
            .map(|id| self.morph_tags[id].clone())
            .collect()
    }

    /// As `morph`, but tag ids (see `morph_tag`), avoiding the per-token
    /// String clones of `MorphTag`.
    pub fn morph_ids(&self, words: &[&str]) -> Vec<usize> {
        let mut lower = String::new();
        let feats: Vec<Feat> = words.iter().map(|w| self.feat(w, &mut lower)).collect();
        self.morph_windows(&feats, &[(0..feats.len(), 0..feats.len())])
            .swap_remove(0)
    }

    /// Morph tag ids for windows of an article's tokens (from `tokens`): each `(window,
    /// wanted)` pair of token ranges is tagged as if the window were a sentence alone, and
    /// the tags of its `wanted` tokens are returned. The first-layer work is shared: a word
    /// outside the cache is projected once for all windows, in batches, where one call per
    /// short window would pay a whole weight pass for a word or two. Only the wanted tokens
    /// go through the output layer.
    pub fn morph_of(
        &self,
        tokens: &Tokens,
        windows: &[(Range<usize>, Range<usize>)],
    ) -> Vec<Vec<usize>> {
        self.morph_windows(&tokens.feats, windows)
    }

    fn morph_windows(
        &self,
        feats: &[Feat],
        windows: &[(Range<usize>, Range<usize>)],
    ) -> Vec<Vec<usize>> {
        // Ranges clamped: windows to the tokens, wanted tokens to their window.
        let n = feats.len();
        let windows: Vec<(Range<usize>, Range<usize>)> = windows
            .iter()
            .map(|(w, wanted)| {
                let w = w.start.min(n)..w.end.clamp(w.start.min(n), n);
                let start = wanted.start.clamp(w.start, w.end);
                let wanted = start..wanted.end.clamp(start, w.end);
                (w, wanted)
            })
            .collect();
        let sequences: Vec<(&[Feat], Range<usize>)> = windows
            .iter()
            .map(|(w, wanted)| {
                let local = wanted.start - w.start..wanted.end - w.start;
                (&feats[w.clone()], local)
            })
            .collect();
        let (tags, width) = (self.morph_head.out_dim, self.morph.out_dim());
        // All windows' wanted rows through the head in one product: one pass over its
        // weights instead of one per window (each row's sums are the same either way).
        let mut rows = Vec::new();
        for (hidden, (feats, wanted)) in self
            .encode_many(&self.morph, &sequences)
            .iter()
            .zip(&sequences)
        {
            debug_assert!(wanted.end <= feats.len());
            rows.extend_from_slice(&hidden[wanted.start * width..wanted.end * width]);
        }
        let total = rows.len() / width.max(1);
        rows.resize((total + TILE_ROWS) * width, 0.0);
        let logits = self.morph_head.forward(&rows, total);
        let mut ids = nn::argmax_rows(&logits, self.morph_head.stride(), tags).into_iter();
        sequences
            .iter()
            .map(|(_, wanted)| ids.by_ref().take(wanted.len()).collect())
            .collect()
    }

    /// How many tokens on each side a morph tag depends on (the encoder's receptive field):
    /// tagging a window of a sentence that reaches this far around some tokens gives those
    /// tokens exactly the tags the whole sentence would.
    pub fn morph_context(&self) -> usize {
        let taps = self.morph.first.taps;
        (taps - 1) / 2 * self.morph.layers.len()
    }

    /// The tag with id `id` from `morph_ids`.
    pub fn morph_tag(&self, id: usize) -> Option<&MorphTag> {
        self.morph_tags.get(id)
    }

    fn feat(&self, word: &str, lower: &mut String) -> Feat {
        py_lower_into(word, lower);
        let row = match self.words.get(lower) {
            Some(i) => i as u32,
            None => self.unk_row,
        };
        Feat {
            row,
            shape: self.shape_id(word),
        }
    }

    fn shape_id(&self, word: &str) -> u16 {
        self.shape_ids.id(shape::word_shape(word)) as u16
    }

    /// Encoder outputs of separate token sequences, [tokens][out_dim] each (plus zero slack
    /// rows), computed for each sequence's `wanted` tokens only (the other rows are zero).
    /// Uncached words are projected in batches shared by the sequences: before a run of
    /// sequences holding at least BATCH_TOKENS tokens, and again per chunk for anything the
    /// batch did not hold.
    fn encode_many(&self, enc: &Encoder, sequences: &[(&[Feat], Range<usize>)]) -> Vec<Vec<f32>> {
        SCRATCH.with_borrow_mut(|scratch| self.encode_with(enc, sequences, scratch))
    }

    /// `encode_many` with the thread's scratch buffers (grown as needed, never shrunk).
    fn encode_with(
        &self,
        enc: &Encoder,
        sequences: &[(&[Feat], Range<usize>)],
        scratch: &mut Scratch,
    ) -> Vec<Vec<f32>> {
        let first = &enc.first;
        let (taps, filters, width) = (first.taps, first.filters, first.width());
        let pad = (taps - 1) / 2;
        let layer0 = &enc.layers[0];
        let last = &enc.layers[enc.layers.len() - 1];
        let plan = ChunkPlan::new(&enc.layers, filters);
        let Scratch {
            nz,
            starts,
            act,
            words,
            products,
        } = scratch;
        let mut projected = Projected::new(self, first, words);
        if sequences.len() > 1
            && enc.folded.iter().all(FoldedConv::is_dense)
            && sequences.iter().all(|(feats, _)| feats.len() <= CHUNK)
        {
            return encode_short(enc, sequences, &mut projected, act, products);
        }
        let mut outputs = Vec::with_capacity(sequences.len());
        let mut batched_until = 0;
        for (i, (feats, wanted)) in sequences.iter().enumerate() {
            if i >= batched_until {
                batched_until = projected.prefetch_batch(sequences, i);
            }
            // Blocks 2.. on ReLU outputs with the previous BatchNorm folded in;
            // the last BatchNorm is applied at the end.
            let rest = |len: usize, wanted: Range<usize>, a: &mut Vec<f32>, b: &mut Vec<f32>| {
                for (i, layer) in enc.folded.iter().enumerate() {
                    let rows = block_rows(&wanted, i + 1, plan.depth, pad, len);
                    layer.forward(a, len, rows, b, nz, starts);
                    std::mem::swap(a, b);
                }
                for t in wanted {
                    last.norm_row(&mut a[(t + pad) * last.out_dim..(t + pad + 1) * last.out_dim]);
                }
            };
            let output = encode_chunks(
                plan,
                feats.len(),
                CHUNK,
                wanted.clone(),
                |start, len, out, buf| {
                    let window = &feats[start..start + len];
                    projected.prefetch(window.iter().map(|f| f.row));
                    let rows: Vec<(&[f32], &[f32])> = window
                        .iter()
                        .map(|feat| {
                            let s = usize::from(feat.shape) * width;
                            (projected.get(feat.row), &first.shape_proj[s..s + width])
                        })
                        .collect();
                    nn::tap_sum(&rows, out, taps, filters, pad, layer0.bias(), buf);
                },
                rest,
                act,
            );
            outputs.push(output);
        }
        outputs
    }
}

/// `encode_many`'s buffers, kept per thread: an NER call on a 1,000-word text needs about
/// 1 MiB of sparse inputs and activations, and zeroing fresh ones per call was about 3% of
/// the Russian news enrich. Every entry a call reads it writes first.
#[derive(Default)]
struct Scratch {
    nz: Vec<nn::NonZero>,
    starts: Vec<usize>,
    act: (Vec<f32>, Vec<f32>),
    /// Embedded uncached words, the input of their projection.
    words: Vec<f32>,
    /// `encode_short`'s output rows of a block's product.
    products: Vec<f32>,
}

/// `encode_with` for sequences that each fit in one chunk (the morphology windows) when the
/// later blocks run on the tile unit: block by block over groups of sequences, so that a
/// block's product takes the rows of many short windows at once instead of paying a pass over
/// its weights for a window's few rows. The same rows, with the same sums, as `encode_chunks`.
fn encode_short(
    enc: &Encoder,
    sequences: &[(&[Feat], Range<usize>)],
    projected: &mut Projected,
    (a, b): &mut (Vec<f32>, Vec<f32>),
    products: &mut Vec<f32>,
) -> Vec<Vec<f32>> {
    let first = &enc.first;
    let (taps, filters, width) = (first.taps, first.filters, first.width());
    let pad = (taps - 1) / 2;
    let plan = ChunkPlan::new(&enc.layers, filters);
    let (depth, out_dim) = (plan.depth, plan.out_dim);
    let row_width = plan.max_dim.max(plan.first_dim);
    let (layer0, last) = (&enc.layers[0], &enc.layers[depth - 1]);
    let mut outputs = Vec::with_capacity(sequences.len());
    let mut batched_until = 0;
    let mut group = 0;
    while group < sequences.len() {
        // Sequences of up to CHUNK tokens in all, each taking its rows and padding in a and b.
        let (mut end, mut tokens) = (group, 0);
        while end < sequences.len() && (end == group || tokens + sequences[end].0.len() <= CHUNK) {
            tokens += sequences[end].0.len();
            end += 1;
        }
        let mut layout = Vec::with_capacity(end - group);
        let mut size = 0;
        for (feats, _) in &sequences[group..end] {
            layout.push((size, feats.len()));
            size += (feats.len() + 2 * pad) * row_width;
        }
        for buf in [&mut *a, &mut *b] {
            if buf.len() < size {
                buf.resize(size, 0.0);
            }
        }
        for (i, &(offset, len)) in (group..end).zip(&layout) {
            let (feats, wanted) = &sequences[i];
            // The projections as `encode_with` asks for them, batch and sequence.
            if i >= batched_until {
                batched_until = projected.prefetch_batch(sequences, i);
            }
            if wanted.is_empty() {
                continue;
            }
            projected.prefetch(feats.iter().map(|f| f.row));
            let buf = &mut a[offset..offset + (len + 2 * pad) * row_width];
            buf[..pad * filters].fill(0.0);
            buf[(pad + len) * filters..(len + 2 * pad) * filters].fill(0.0);
            let rows: Vec<(&[f32], &[f32])> = feats
                .iter()
                .map(|feat| {
                    let s = usize::from(feat.shape) * width;
                    (projected.get(feat.row), &first.shape_proj[s..s + width])
                })
                .collect();
            let out = block_rows(wanted, 0, depth, pad, len);
            nn::tap_sum(&rows, out, taps, filters, pad, layer0.bias(), buf);
        }
        for (i, layer) in enc.folded.iter().enumerate() {
            let blocks: Vec<(usize, usize, Range<usize>)> = (group..end)
                .zip(&layout)
                .map(|(s, &(offset, len))| {
                    (
                        offset,
                        len,
                        block_rows(&sequences[s].1, i + 1, depth, pad, len),
                    )
                })
                .collect();
            layer.forward_many(a, b, &blocks, products);
            std::mem::swap(a, b);
        }
        for (i, &(offset, len)) in (group..end).zip(&layout) {
            let mut output = vec![0.0; (len + TILE_ROWS) * out_dim];
            for t in sequences[i].1.clone() {
                let row = &mut a[offset + (t + pad) * out_dim..offset + (t + pad + 1) * out_dim];
                last.norm_row(row);
                output[t * out_dim..(t + 1) * out_dim].copy_from_slice(row);
            }
            outputs.push(output);
        }
        group = end;
    }
    outputs
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Tokens whose uncached words are projected in one batch by `encode_many`.
const BATCH_TOKENS: usize = 1024;

/// Projections kept by one `encode_many` call (about 3 KiB each): bounds its memory on
/// long texts with many rare words. They are not kept for the thread's next text: measured,
/// a per-thread store made the news fixtures about 10% slower on first sight and faster
/// only on a text seen before.
const PROJECTED_LIMIT: usize = 4096;

/// First-layer navec projections of the words one `encode_many` call meets: the tagger's
/// cache for frequent words and `<unk>`, computed rows for the rest.
struct Projected<'a> {
    tagger: &'a RussianTagger,
    first: &'a FirstLayer,
    /// Word row -> index into `rows` of its computed projection (seeded hashing: the
    /// text chooses the rows).
    index: HashMap<u32, usize, foldhash::fast::RandomState>,
    rows: Vec<f32>,
    /// The thread's buffer for `project_words`' input.
    embedded: &'a mut Vec<f32>,
}

impl<'a> Projected<'a> {
    fn new(tagger: &'a RussianTagger, first: &'a FirstLayer, embedded: &'a mut Vec<f32>) -> Self {
        Self {
            tagger,
            first,
            index: HashMap::default(),
            rows: Vec::new(),
            embedded,
        }
    }

    /// The row of the tagger's cache holding this word, if it is cached (`<unk>` is last).
    fn cache_slot(&self, row: u32) -> Option<usize> {
        match row {
            r if (r as usize) < self.first.cached_words => Some(r as usize),
            r if r == self.tagger.unk_row => Some(self.first.cached_words),
            _ => None,
        }
    }

    /// Projects, in one batch, every uncached word among `rows` not projected yet. A request
    /// for more than PROJECTED_LIMIT words (a long text's batch) is skipped: the per-chunk
    /// requests, a few hundred words each, then do the work within the bound.
    /// Prefetches the rows of the sequences from `from` up to about BATCH_TOKENS tokens (at
    /// least one sequence); returns the index after the last one taken.
    fn prefetch_batch(&mut self, sequences: &[(&[Feat], Range<usize>)], from: usize) -> usize {
        let (mut until, mut tokens) = (from, 0);
        while until < sequences.len() && tokens < BATCH_TOKENS {
            tokens += sequences[until].0.len();
            until += 1;
        }
        self.prefetch(
            sequences[from..until]
                .iter()
                .flat_map(|s| s.0.iter().map(|f| f.row)),
        );
        until
    }

    fn prefetch(&mut self, rows: impl Iterator<Item = u32>) {
        let mut wanted: Vec<u32> = rows.filter(|&r| self.cache_slot(r).is_none()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.len() > PROJECTED_LIMIT {
            return;
        }
        let mut new: Vec<u32> = wanted
            .iter()
            .copied()
            .filter(|r| !self.index.contains_key(r))
            .collect();
        if new.is_empty() {
            return;
        }
        if self.index.len() + new.len() > PROJECTED_LIMIT {
            // Start over, keeping only what this prefetch needs.
            self.index.clear();
            self.rows.clear();
            new = wanted;
        }
        // Projected in place at the end of the store (`rows` holds `index.len()` rows).
        let (at, width) = (self.index.len(), self.first.width());
        self.rows.resize((at + new.len()) * width, 0.0);
        self.tagger.project_words(
            self.first,
            &new,
            self.tagger.arithmetic,
            self.embedded,
            &mut self.rows[at * width..],
        );
        self.index
            .extend(new.into_iter().enumerate().map(|(i, r)| (r, at + i)));
    }

    /// A word's projection; uncached words must have been prefetched.
    fn get(&self, row: u32) -> &[f32] {
        let width = self.first.width();
        match self.cache_slot(row) {
            Some(slot) => &self.first.cache[slot * width..(slot + 1) * width],
            None => {
                let i = self.index[&row];
                &self.rows[i * width..(i + 1) * width]
            }
        }
    }
}

/// One embedding row: the navec PQ vector (code q picks centroid
/// `codes[q]` of sub-space q) followed by the shape vector.
fn embed_row(
    codes: &[u8],
    codebook: &[f32],
    centroids: usize,
    chunk: usize,
    shape: &[f32],
    out: &mut [f32],
) {
    // navec's sub-vectors are 3 floats: copied as arrays, not by a memcpy call each.
    if chunk == 3 {
        copy_codes::<3>(codes, codebook, centroids, out);
    } else {
        for (q, &code) in codes.iter().enumerate() {
            let src = (q * centroids + usize::from(code)) * chunk;
            out[q * chunk..(q + 1) * chunk].copy_from_slice(&codebook[src..src + chunk]);
        }
    }
    let navec_dim = codes.len() * chunk;
    out[navec_dim..navec_dim + shape.len()].copy_from_slice(shape);
}

/// `embed_row`'s centroid copies for sub-vectors of N floats.
fn copy_codes<const N: usize>(codes: &[u8], codebook: &[f32], centroids: usize, out: &mut [f32]) {
    let (out, _) = out.as_chunks_mut::<N>();
    let (book, _) = codebook.as_chunks::<N>();
    for ((q, &code), dst) in codes.iter().enumerate().zip(out) {
        *dst = book[q * centroids + usize::from(code)];
    }
}

/// Runs conv blocks over `total` tokens whose input rows `fill` writes
/// (the plain path; the taggers use the split first layer).
#[cfg(test)]
fn encode_with(
    layers: &[ConvLayer],
    in_dim: usize,
    total: usize,
    chunk: usize,
    fill: impl FnMut(usize, &mut [f32]),
) -> Vec<f32> {
    let plan = ChunkPlan::new(layers, in_dim);
    let dense = |len: usize, _: Range<usize>, a: &mut Vec<f32>, b: &mut Vec<f32>| {
        for layer in layers {
            layer.forward(a, len, b, true);
            std::mem::swap(a, b);
        }
    };
    let fill_rows = row_filler(plan.pad, in_dim, fill);
    let mut out = encode_chunks(
        plan,
        total,
        chunk,
        0..total,
        fill_rows,
        dense,
        &mut Default::default(),
    );
    out.truncate(total * plan.out_dim);
    out
}

/// `encode_chunks`' first step for plain input rows: `fill(token, row)` writes each row
/// (all of the window's: the tests' first block is dense).
#[cfg(test)]
fn row_filler(
    pad: usize,
    in_dim: usize,
    mut fill: impl FnMut(usize, &mut [f32]),
) -> impl FnMut(usize, usize, Range<usize>, &mut [f32]) {
    move |start, len, _, buf| {
        for i in 0..len {
            let row = &mut buf[(i + pad) * in_dim..(i + pad + 1) * in_dim];
            row.fill(0.0);
            fill(start + i, row);
        }
    }
}

/// The taggers' arrangement (ReLU-only first block, folded later blocks,
/// final BatchNorm) over plain input rows, for tests.
#[cfg(test)]
fn encode_folded(
    layers: &[ConvLayer],
    in_dim: usize,
    total: usize,
    chunk: usize,
    fill: impl FnMut(usize, &mut [f32]),
) -> Vec<f32> {
    let pad = layers[0].padding();
    let last = &layers[layers.len() - 1];
    let folded: Vec<FoldedConv> = layers
        .windows(2)
        .map(|p| FoldedConv::new(&p[0], &p[1], false))
        .collect();
    let plan = ChunkPlan::new(layers, in_dim);
    let fill_rows = row_filler(pad, in_dim, fill);
    let (mut nz, mut starts) = (Vec::new(), Vec::new());
    let rest = |len: usize, _: Range<usize>, a: &mut Vec<f32>, b: &mut Vec<f32>| {
        layers[0].forward(a, len, b, false);
        std::mem::swap(a, b);
        for layer in &folded {
            layer.forward(a, len, 0..len, b, &mut nz, &mut starts);
            std::mem::swap(a, b);
        }
        for t in 0..len {
            last.norm_row(&mut a[(t + pad) * last.out_dim..(t + pad + 1) * last.out_dim]);
        }
    };
    let mut out = encode_chunks(
        plan,
        total,
        chunk,
        0..total,
        fill_rows,
        rest,
        &mut Default::default(),
    );
    out.truncate(total * last.out_dim);
    out
}

/// Geometry of a chunked encoder run.
#[derive(Clone, Copy)]
struct ChunkPlan {
    /// Padding of every conv (same for all).
    pad: usize,
    /// Number of conv blocks.
    depth: usize,
    /// Width of the buffer `first` writes.
    first_dim: usize,
    /// Widest activation of the remaining blocks.
    max_dim: usize,
    out_dim: usize,
}

impl ChunkPlan {
    /// The plan for conv blocks `layers` (at least one; all share one padding) whose first
    /// buffer is `first_dim` wide.
    fn new(layers: &[ConvLayer], first_dim: usize) -> Self {
        ChunkPlan {
            pad: (layers[0].kernel - 1) / 2,
            depth: layers.len(),
            first_dim,
            max_dim: layers.iter().map(|l| l.out_dim).max().unwrap_or(first_dim),
            out_dim: layers[layers.len() - 1].out_dim,
        }
    }
}

/// Works in chunks of `chunk` tokens plus a halo of the receptive field
/// (`pad * depth`) on each side, which gives exactly the whole-sequence
/// result (numpy's zero padding and pad-masking included) with bounded
/// memory. Only the output rows of the tokens `wanted` are computed (the others stay
/// zero), and each block only the rows the next one reads: block i of `depth` computes
/// `wanted` widened by `pad * (depth - 1 - i)`. `first(win_start, len, rows, buf)` writes
/// rows `pad + rows` of the first buffer (`first_dim` wide) whole, for window-relative
/// tokens `rows`; `rest(len, wanted, a, b)` runs the remaining blocks for the window-relative
/// `wanted` tokens and leaves their output in `a`.
fn encode_chunks(
    plan: ChunkPlan,
    total: usize,
    chunk: usize,
    wanted: Range<usize>,
    mut first: impl FnMut(usize, usize, Range<usize>, &mut [f32]),
    mut rest: impl FnMut(usize, Range<usize>, &mut Vec<f32>, &mut Vec<f32>),
    (a, b): &mut (Vec<f32>, Vec<f32>),
) -> Vec<f32> {
    let ChunkPlan {
        pad,
        depth,
        first_dim,
        max_dim,
        out_dim,
    } = plan;
    let mut result = Vec::with_capacity((total + TILE_ROWS) * out_dim);
    let chunk = chunk.max(1);
    let halo = pad * depth;
    let max_rows = chunk.min(total) + 2 * halo + 2 * pad + TILE_ROWS;
    // Scratch kept by the caller across sequences: every row a pass reads is written first.
    let need = max_rows * max_dim.max(first_dim);
    for buf in [&mut *a, &mut *b] {
        if buf.len() < need {
            buf.resize(need, 0.0);
        }
    }

    let mut start = 0;
    while start < total {
        let end = (start + chunk).min(total);
        let out = wanted.start.max(start)..wanted.end.min(end);
        if out.is_empty() {
            start = end;
            continue;
        }
        let win_start = start.saturating_sub(halo);
        let win_end = (end + halo).min(total);
        let len = win_end - win_start;
        let rows = len + 2 * pad + TILE_ROWS;
        let out = out.start - win_start..out.end - win_start;

        // `first` writes its rows whole; the padding around the window must be zero.
        a[..pad * first_dim].fill(0.0);
        a[(pad + len) * first_dim..rows * first_dim].fill(0.0);
        first(win_start, len, block_rows(&out, 0, depth, pad, len), a);
        rest(len, out.clone(), a, b);
        result.resize((win_start + out.start) * out_dim, 0.0);
        result.extend_from_slice(&a[(out.start + pad) * out_dim..(out.end + pad) * out_dim]);
        start = end;
    }
    // Zero slack rows let the head's matmul read the output in place.
    result.resize((total + TILE_ROWS) * out_dim, 0.0);
    result
}

/// The rows block `i` of an encoder of `depth` blocks computes for the output rows `wanted`
/// of a window of `len` tokens: those its successors read.
fn block_rows(
    wanted: &Range<usize>,
    i: usize,
    depth: usize,
    pad: usize,
    len: usize,
) -> Range<usize> {
    let reach = pad * (depth - 1 - i);
    wanted.start.saturating_sub(reach)..(wanted.end + reach).min(len)
}

/// The first conv block split by input part. Its input is navec (300) +
/// shape (30) features, so per tap k the pre-activation is
/// W_k·navec(word) + W_k·shape: the shape part is a table, and the navec part
/// is cached for the most frequent words (rows come in frequency order) and
/// `<unk>`, which together cover most running text. Other words go through
/// the matmul. This removes most of the model's biggest layer.
struct FirstLayer {
    taps: usize,
    filters: usize,
    /// navec (navec_dim) -> its contribution to every tap and filter (taps * filters).
    navec: Dense,
    /// [shapes][taps * filters]
    shape_proj: Vec<f32>,
    /// [cached_words + 1][taps * filters]; the last row is `<unk>`.
    cache: Vec<f32>,
    cached_words: usize,
}

impl FirstLayer {
    fn width(&self) -> usize {
        self.taps * self.filters
    }
}

impl Encoder {
    #[cfg(test)]
    fn in_dim(&self, navec_dim: usize) -> usize {
        navec_dim + self.shape_dim
    }

    fn out_dim(&self) -> usize {
        self.layers.last().map_or(0, |l| l.out_dim)
    }
}

fn load_encoder(
    file: &ModelFile,
    prefix: &str,
    layers: &[format::LayerInfo],
    shapes: usize,
    navec_dim: usize,
    bf16: bool,
) -> Result<Encoder, ModelError> {
    let shape_name = format!("{prefix}.shape_emb");
    let shape_dim = file.shape_of(&shape_name)?.get(1).copied().unwrap_or(0);
    let shape_emb = file.f32s(&shape_name, &[shapes, shape_dim])?;
    if layers.is_empty() {
        return Err(ModelError::Invalid(format!("{prefix}: no encoder layers")));
    }
    let mut in_dim = navec_dim + shape_dim;
    let mut out = Vec::new();
    for info in layers {
        let name = &info.name;
        let wshape = file.shape_of(&format!("{name}.conv_w"))?;
        let [filters, channels, kernel] = wshape[..] else {
            return Err(ModelError::Invalid(format!(
                "{name}: conv weight must be 3-d"
            )));
        };
        // Same-length convolution with the padding shared by all layers.
        if channels != in_dim
            || kernel % 2 == 0
            || info.padding != (kernel - 1) / 2
            || info.padding != layers[0].padding
        {
            return Err(ModelError::Invalid(format!(
                "{name}: unsupported conv geometry"
            )));
        }
        let weight = file.f32s(&format!("{name}.conv_w"), &[filters, channels, kernel])?;
        let bias = file.f32s(&format!("{name}.conv_b"), &[filters])?;
        let norm = [
            file.f32s(&format!("{name}.norm_weight"), &[filters])?,
            file.f32s(&format!("{name}.norm_bias"), &[filters])?,
            file.f32s(&format!("{name}.norm_mean"), &[filters])?,
            file.f32s(&format!("{name}.norm_std"), &[filters])?,
        ];
        out.push(ConvLayer::new(
            &weight, filters, channels, kernel, bias, norm,
        ));
        in_dim = filters;
    }
    let first = FirstLayer {
        taps: 0,
        filters: 0,
        navec: Dense::new(&[], Vec::new(), 0),
        shape_proj: Vec::new(),
        cache: Vec::new(),
        cached_words: 0,
    };
    let folded = out
        .windows(2)
        .map(|pair| FoldedConv::new(&pair[0], &pair[1], bf16))
        .collect();
    Ok(Encoder {
        shape_emb,
        shape_dim,
        layers: out,
        first,
        folded,
    })
}

fn load_linear(
    file: &ModelFile,
    prefix: &str,
    in_dim: usize,
    out_dim: usize,
) -> Result<Linear, ModelError> {
    let weight = file.f32s(&format!("{prefix}.proj_w"), &[in_dim, out_dim])?;
    let bias = file.f32s(&format!("{prefix}.proj_b"), &[out_dim])?;
    Ok(Linear::new(weight, in_dim, out_dim, bias))
}
