//! The NER component's own Tok2Vec: MultiHashEmbed (NORM, PREFIX, SUFFIX,
//! SHAPE) -> Maxout+LayerNorm mixer -> 4 residual MaxoutWindowEncoder
//! layers -> Linear projection to the parser's hidden width.

use std::collections::HashMap;
use std::sync::RwLock;

use foldhash::fast::RandomState;

use super::ModelError;
use super::format::ModelFile;
use super::hash::hash_embed_keys;
use super::ops::{add_rows, maxout_norm, pieces_major};
use crate::enrich::dense::{Arithmetic, Dense};

pub(crate) const WIDTH: usize = 96;
const N_ATTRS: usize = 4;
const COLUMNS: [&str; N_ATTRS] = ["NORM", "PREFIX", "SUFFIX", "SHAPE"];
const MIX_PIECES: usize = 3;
const ENC_PIECES: usize = 3;
pub(crate) const DEPTH: usize = 4;
pub(crate) const HIDDEN: usize = 64;

const MIX_OUT: usize = WIDTH * MIX_PIECES;

/// A HashEmbed table already multiplied by its block of the mixer's Maxout
/// weights. The mixer is linear in the concatenated embeddings, so adding
/// projected rows equals projecting the added rows, at a fraction of the
/// per-token cost (16 row additions instead of a 384×288 product).
struct HashEmbed {
    projected: Vec<f32>,
    rows: usize,
    seed: u32,
}

/// Max over maxout pieces followed by LayerNorm.
struct PieceNorm {
    pieces: usize,
    g: Vec<f32>,
    beta: Vec<f32>,
}

impl PieceNorm {
    fn load(file: &ModelFile, name: &str, pieces: usize) -> Result<Self, ModelError> {
        Ok(Self {
            pieces,
            g: file.tensor(&format!("{name}.ln.G"), &[WIDTH])?,
            beta: file.tensor(&format!("{name}.ln.b"), &[WIDTH])?,
        })
    }

    /// Pre-activations (n × pieces·WIDTH, pieces-major) -> n × WIDTH.
    fn forward(&self, pre: &[f32]) -> Vec<f32> {
        let mut y = vec![0.0; pre.len() / self.pieces];
        self.forward_into(pre, &mut y);
        y
    }

    fn forward_into(&self, pre: &[f32], y: &mut [f32]) {
        maxout_norm(pre, self.pieces, &self.g, &self.beta, y);
    }
}

/// thinc `Maxout(normalize=True)`: affine, max over pieces, LayerNorm.
struct MaxoutNorm {
    dense: Dense,
    head: PieceNorm,
}

impl MaxoutNorm {
    fn load(
        file: &ModelFile,
        name: &str,
        n_in: usize,
        pieces: usize,
        arithmetic: Arithmetic,
    ) -> Result<Self, ModelError> {
        let w = file.tensor(&format!("{name}.maxout.W"), &[WIDTH, pieces, n_in])?;
        let b = file.tensor(&format!("{name}.maxout.b"), &[WIDTH, pieces])?;
        let dense = Dense::new(
            &pieces_major(&w, WIDTH, pieces, n_in),
            pieces_major(&b, WIDTH, pieces, 1),
            n_in,
        );
        Ok(Self {
            dense: match arithmetic {
                Arithmetic::F32 => dense,
                Arithmetic::Bf16 => dense.with_bf16(),
                _ => dense.with_int8(),
            },
            head: PieceNorm::load(file, name, pieces)?,
        })
    }

    /// n rows that start WIDTH floats apart in `x`, each n_in wide -> y (n × WIDTH).
    fn forward_windows(&self, x: &[f32], n: usize, scratch: &mut Vec<f32>, y: &mut [f32]) {
        // The product writes every value: the scratch only grows, never is zeroed again.
        let len = n * self.dense.n_out();
        grow(scratch, len);
        let pre = &mut scratch[..len];
        self.dense.forward_strided(x, WIDTH, n, pre);
        self.head.forward_into(pre, y);
    }
}

/// Working memory of the encoder and decoder, kept by each thread between texts (see
/// `NerModel::tag_in_windows`): a window's buffers are megabytes, and fresh ones cost page
/// faults and zeroing every text. It grows to the largest window seen, some 7 MB.
#[derive(Default)]
pub(crate) struct Work {
    /// Pre-activations of a layer (n × 288), then the decoder's feature table (n × 384).
    pub(crate) scratch: Vec<f32>,
    /// The encoder's rows with their pads, and a layer's output.
    buf: Vec<f32>,
    y: Vec<f32>,
}

/// Lengthens `v` to at least `len` (new values zero); never shortens or clears it.
pub(crate) fn grow(v: &mut Vec<f32>, len: usize) {
    if v.len() < len {
        v.resize(len, 0.0);
    }
}

/// The projection and the decoder's lower layer: bfloat16 under the 8-bit arithmetic (in 8
/// bits they cost parity: 99.1 % of French entities identical to spaCy's, against 99.5 %),
/// else f32.
pub(crate) fn small_product(arithmetic: Arithmetic, dense: Dense) -> Dense {
    if arithmetic == Arithmetic::Int8 {
        dense.with_bf16()
    } else {
        dense
    }
}

pub(crate) struct Tok2Vec {
    embeds: Vec<HashEmbed>,
    /// Mixer bias (its weights live in `embeds`), maxout and LayerNorm.
    mix_b: Vec<f32>,
    mix: PieceNorm,
    encoders: Vec<MaxoutNorm>,
    proj: Dense,
    /// Feature ids -> the mixer's output for them, which depends on nothing else: news
    /// repeats words, and this skips 16 scattered row reads and a LayerNorm per token.
    mixed: RwLock<HashMap<[u64; N_ATTRS], [f32; WIDTH], RandomState>>,
}

/// Entries in the mixed-embedding cache (about 420 bytes each: 8.4 MB when full). Filled
/// first come, first kept; frequent words come early.
const MIXED_CACHE_LIMIT: usize = 20_000;

impl Tok2Vec {
    /// `arithmetic`: of the window encoder's products (the CPU must support it).
    pub(crate) fn load(file: &ModelFile, arithmetic: Arithmetic) -> Result<Self, ModelError> {
        let info = &file.header.embed;
        if info.columns != COLUMNS || info.seeds.len() != N_ATTRS {
            return Err(ModelError::Format(format!(
                "unexpected embedding columns {:?}",
                info.columns
            )));
        }
        let mix_w = file.tensor("mix.maxout.W", &[WIDTH, MIX_PIECES, N_ATTRS * WIDTH])?;
        let mix_w = pieces_major(&mix_w, WIDTH, MIX_PIECES, N_ATTRS * WIDTH);
        let embeds = (0..N_ATTRS)
            .map(|i| {
                // Row counts differ between models (Spanish PREFIX has 2500, English 1000).
                let name = format!("embed.{i}.E");
                let rows = file.shape(&name)?.first().copied().unwrap_or(0);
                if rows == 0 {
                    return Err(ModelError::Format(format!("{name} has no rows")));
                }
                let table = file.tensor(&name, &[rows, WIDTH])?;
                // Columns of the mixer weights that multiply attribute i.
                let block: Vec<f32> = mix_w
                    .chunks_exact(N_ATTRS * WIDTH)
                    .flat_map(|row| &row[i * WIDTH..(i + 1) * WIDTH])
                    .copied()
                    .collect();
                let mut projected = vec![0.0; rows * MIX_OUT];
                Dense::new(&block, vec![0.0; MIX_OUT], WIDTH).forward(&table, &mut projected);
                Ok(HashEmbed {
                    projected,
                    rows,
                    seed: info.seeds[i],
                })
            })
            .collect::<Result<_, ModelError>>()?;
        let encoders = (0..DEPTH)
            .map(|i| MaxoutNorm::load(file, &format!("enc.{i}"), 3 * WIDTH, ENC_PIECES, arithmetic))
            .collect::<Result<_, ModelError>>()?;
        let proj = file.tensor("proj.W", &[HIDDEN, WIDTH])?;
        Ok(Self {
            embeds,
            mix_b: pieces_major(
                &file.tensor("mix.maxout.b", &[WIDTH, MIX_PIECES])?,
                WIDTH,
                MIX_PIECES,
                1,
            ),
            mix: PieceNorm::load(file, "mix", MIX_PIECES)?,
            encoders,
            proj: small_product(
                arithmetic,
                Dense::new(&proj, file.tensor("proj.b", &[HIDDEN])?, WIDTH),
            ),
            mixed: RwLock::new(HashMap::default()),
        })
    }

    /// MultiHashEmbed + mixer: per attribute, add the 4 hashed (projected)
    /// rows; then Maxout+LayerNorm. Returns n × WIDTH. Tokens seen before come
    /// from the cache; the others are computed together and cached.
    pub(crate) fn embed(&self, feats: &[[u64; N_ATTRS]], scratch: &mut Vec<f32>) -> Vec<f32> {
        let mut out = vec![0.0; feats.len() * WIDTH];
        let mut missing = Vec::new();
        let room = {
            // A poisoned lock only means another thread panicked mid-insert.
            let cache = self.mixed.read().unwrap_or_else(|e| e.into_inner());
            for (i, (f, y)) in feats.iter().zip(out.chunks_exact_mut(WIDTH)).enumerate() {
                match cache.get(f) {
                    Some(v) => y.copy_from_slice(v),
                    None => missing.push(i),
                }
            }
            MIXED_CACHE_LIMIT.saturating_sub(cache.len())
        };
        if missing.is_empty() {
            return out;
        }
        scratch.clear();
        scratch.reserve(missing.len() * MIX_OUT);
        let mut rows: [&[f32]; N_ATTRS * 4] = [&[]; N_ATTRS * 4];
        for &i in &missing {
            let keys = self.embeds.iter().zip(&feats[i]).flat_map(|(e, &key)| {
                hash_embed_keys(key, e.seed).map(|k| (e, k as usize % e.rows))
            });
            for (slot, (e, r)) in rows.iter_mut().zip(keys) {
                *slot = &e.projected[r * MIX_OUT..(r + 1) * MIX_OUT];
            }
            let start = scratch.len();
            scratch.extend_from_slice(&self.mix_b);
            add_rows(&mut scratch[start..], &rows);
        }
        let computed = self.mix.forward(scratch);
        for (&i, v) in missing.iter().zip(computed.chunks_exact(WIDTH)) {
            out[i * WIDTH..(i + 1) * WIDTH].copy_from_slice(v);
        }
        // The write lock only while the cache has room: a full cache stays read-only.
        if room > 0 {
            let mut cache = self.mixed.write().unwrap_or_else(|e| e.into_inner());
            for &i in &missing {
                if cache.len() >= MIXED_CACHE_LIMIT {
                    break;
                }
                let mut value = [0.0; WIDTH];
                value.copy_from_slice(&out[i * WIDTH..(i + 1) * WIDTH]);
                cache.insert(feats[i], value);
            }
        }
        out
    }

    /// MaxoutWindowEncoder: x + LN(maxout([x[i-1], x[i], x[i+1]])), 4 times.
    /// Like thinc's `with_array(pad=DEPTH)`, the sequence gets DEPTH zero rows
    /// on each side; they change after the first layer, so they matter for
    /// the tokens near the edges.
    ///
    /// The rows live in a buffer with one more zero row at each end (never
    /// updated), so row i's window [x[i-1], x[i], x[i+1]] is the contiguous
    /// slice starting at buffer row i: the product reads it in place, with a
    /// row stride of WIDTH, instead of copying windows out.
    ///
    /// The first layer reads only mixer rows, which are per word, yet it is not cached per
    /// word like the mixer: a word's exact share of the 8-bit product is 3.4 KB, and reading
    /// it back from a cache of frequent words cost about as much as the product (measured on
    /// the Polish news sample), which runs near the VNNI unit's throughput.
    pub(crate) fn encode<'w>(&self, input: &[f32], work: &'w mut Work) -> &'w [f32] {
        let n = input.len() / WIDTH + 2 * DEPTH;
        let Work { scratch, buf, y } = work;
        // Only the pad rows need zeros: the input and every output are written in full.
        grow(buf, (n + 2) * WIDTH);
        grow(y, n * WIDTH);
        let (buf, y) = (&mut buf[..(n + 2) * WIDTH], &mut y[..n * WIDTH]);
        let (head, rest) = buf.split_at_mut((DEPTH + 1) * WIDTH);
        let (middle, tail) = rest.split_at_mut(input.len());
        head.fill(0.0);
        tail.fill(0.0);
        middle.copy_from_slice(input);
        for enc in &self.encoders {
            enc.forward_windows(buf, n, scratch, y);
            for (a, b) in buf[WIDTH..(n + 1) * WIDTH].iter_mut().zip(y.iter()) {
                *a += b;
            }
        }
        &buf[(DEPTH + 1) * WIDTH..(n + 1 - DEPTH) * WIDTH]
    }

    /// Linear projection n × WIDTH -> n × HIDDEN.
    pub(crate) fn project(&self, x: &[f32]) -> Vec<f32> {
        let mut out = vec![0.0; x.len() / WIDTH * HIDDEN];
        self.proj.forward(x, &mut out);
        out
    }
}
