//! The numeric layers of slovnet's numpy inference (slovnet/exec/model.py).

use std::ops::Range;

use crate::enrich::dense::{self, Dense};

/// Rows of the time-major activation buffers that follow the last real row,
/// so the 4-row kernel tile may read past the end without bounds trouble.
pub(crate) const TILE_ROWS: usize = 4;

/// Conv1d(kernel, padding=(kernel-1)/2) -> ReLU -> BatchNorm1d, time-major.
pub(crate) struct ConvLayer {
    pub(crate) in_dim: usize,
    pub(crate) out_dim: usize,
    pub(crate) kernel: usize,
    /// Weights as [kernel * in_dim][out_dim]: row `k * in_dim + c` holds
    /// weight[:, c, k], so the window for output t is one contiguous input slice.
    weight: Vec<f32>,
    bias: Vec<f32>,
    norm_weight: Vec<f32>,
    norm_bias: Vec<f32>,
    norm_mean: Vec<f32>,
    norm_std: Vec<f32>,
}

impl ConvLayer {
    /// `weight` in torch layout [out][in][kernel].
    pub(crate) fn new(
        weight: &[f32],
        out_dim: usize,
        in_dim: usize,
        kernel: usize,
        bias: Vec<f32>,
        norm: [Vec<f32>; 4],
    ) -> Self {
        let mut w = vec![0.0f32; kernel * in_dim * out_dim];
        for f in 0..out_dim {
            for c in 0..in_dim {
                for k in 0..kernel {
                    w[(k * in_dim + c) * out_dim + f] = weight[(f * in_dim + c) * kernel + k];
                }
            }
        }
        let [norm_weight, norm_bias, norm_mean, norm_std] = norm;
        ConvLayer {
            in_dim,
            out_dim,
            kernel,
            weight: w,
            bias,
            norm_weight,
            norm_bias,
            norm_mean,
            norm_std,
        }
    }

    #[cfg(test)]
    pub(crate) fn padding(&self) -> usize {
        (self.kernel - 1) / 2
    }

    /// `input` holds `len + 2*pad` rows of `in_dim` (zero rows around the
    /// sequence) plus TILE_ROWS slack rows; writes `len` rows of `out_dim`
    /// into `output` starting at row `pad` and leaves its padding rows zero.
    /// With `norm` false the BatchNorm is left out (the next block folds it).
    #[cfg(test)]
    pub(crate) fn forward(&self, input: &[f32], len: usize, output: &mut [f32], norm: bool) {
        let pad = self.padding();
        let (c, f) = (self.in_dim, self.out_dim);
        let window = self.kernel * c;
        let rows_total = len + 2 * pad + TILE_ROWS;
        debug_assert!(input.len() >= rows_total * c);
        debug_assert!(output.len() >= rows_total * f);
        // Zero the padding and slack rows of the output.
        output[..pad * f].fill(0.0);
        output[(len + pad) * f..rows_total * f].fill(0.0);

        matmul_dispatch(input, len, c, window, &self.weight, f, pad, output);

        for t in 0..len {
            let row = &mut output[(t + pad) * f..(t + pad + 1) * f];
            self.relu_row(row);
            if norm {
                self.norm_row(row);
            }
        }
    }

    /// + bias, ReLU.
    #[cfg(test)]
    pub(crate) fn relu_row(&self, row: &mut [f32]) {
        for (v, &b) in row.iter_mut().zip(&self.bias) {
            *v = (*v + b).max(0.0);
        }
    }

    pub(crate) fn bias(&self) -> &[f32] {
        &self.bias
    }

    /// BatchNorm: (x - mean) / std * weight + bias.
    pub(crate) fn norm_row(&self, row: &mut [f32]) {
        for (i, v) in row.iter_mut().enumerate() {
            *v = (*v - self.norm_mean[i]) / self.norm_std[i] * self.norm_weight[i]
                + self.norm_bias[i];
        }
    }

    /// Weight of input channel `c` at tap `k` for all filters.
    pub(crate) fn tap(&self, k: usize, c: usize) -> &[f32] {
        let start = (k * self.in_dim + c) * self.out_dim;
        &self.weight[start..start + self.out_dim]
    }
}

/// The conv as a matmul over overlapping input windows: output row
/// `t + pad` = input[t*c .. t*c + window] @ weight. Generic over the tile
/// width and whether to use fused multiply-add, so each CPU level gets a
/// kernel its registers fit.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn matmul<const COLS: usize, const FMA: bool>(
    input: &[f32],
    len: usize,
    c: usize,
    window: usize,
    weight: &[f32],
    f: usize,
    pad: usize,
    output: &mut [f32],
) {
    let full_cols = f - f % COLS;
    let rows_of = |t0: usize| -> [&[f32]; TILE_ROWS] {
        std::array::from_fn(|r| &input[(t0 + r) * c..(t0 + r) * c + window])
    };
    // Column blocks outside, row tiles inside: one block of weights (window × COLS) stays in
    // cache while every row tile uses it, instead of all weights streaming once per tile.
    let mut f0 = 0;
    while f0 < full_cols {
        let mut t0 = 0;
        while t0 < len {
            let rows = TILE_ROWS.min(len - t0);
            let x = rows_of(t0);
            let mut acc = [[0.0f32; COLS]; TILE_ROWS];
            for j in 0..window {
                let w: &[f32; COLS] = weight[j * f + f0..j * f + f0 + COLS]
                    .try_into()
                    .expect("tile width");
                for r in 0..TILE_ROWS {
                    let a = x[r][j];
                    for q in 0..COLS {
                        acc[r][q] = if FMA {
                            a.mul_add(w[q], acc[r][q])
                        } else {
                            acc[r][q] + a * w[q]
                        };
                    }
                }
            }
            for (r, acc_row) in acc.iter().enumerate().take(rows) {
                let start = (t0 + r + pad) * f + f0;
                output[start..start + COLS].copy_from_slice(acc_row);
            }
            t0 += TILE_ROWS;
        }
        f0 += COLS;
    }
    // Leftover filters (none for the shipped models).
    let mut t0 = 0;
    while t0 < len {
        let x = rows_of(t0);
        for r in 0..TILE_ROWS.min(len - t0) {
            for col in full_cols..f {
                let mut sum = 0.0f32;
                for j in 0..window {
                    sum += x[r][j] * weight[j * f + col];
                }
                output[(t0 + r + pad) * f + col] = sum;
            }
        }
        t0 += TILE_ROWS;
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
#[allow(clippy::too_many_arguments)]
fn matmul_avx512(
    input: &[f32],
    len: usize,
    c: usize,
    window: usize,
    weight: &[f32],
    f: usize,
    pad: usize,
    output: &mut [f32],
) {
    // A narrow output (the NER head's few tags, padded to 16) takes one vector per row.
    if f.is_multiple_of(64) {
        matmul::<64, true>(input, len, c, window, weight, f, pad, output)
    } else {
        matmul::<16, true>(input, len, c, window, weight, f, pad, output)
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
fn matmul_avx2(
    input: &[f32],
    len: usize,
    c: usize,
    window: usize,
    weight: &[f32],
    f: usize,
    pad: usize,
    output: &mut [f32],
) {
    matmul::<16, true>(input, len, c, window, weight, f, pad, output)
}

/// Picks the widest kernel the CPU supports (checked at run time, since
/// newswire is built for baseline x86-64; the conv is >90% of the cost).
#[allow(clippy::too_many_arguments)]
pub(crate) fn matmul_dispatch(
    input: &[f32],
    len: usize,
    c: usize,
    window: usize,
    weight: &[f32],
    f: usize,
    pad: usize,
    output: &mut [f32],
) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: the CPU supports every feature the function enables.
            unsafe { matmul_avx512(input, len, c, window, weight, f, pad, output) };
            return;
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: as above.
            unsafe { matmul_avx2(input, len, c, window, weight, f, pad, output) };
            return;
        }
    }
    matmul::<8, false>(input, len, c, window, weight, f, pad, output)
}

/// A conv block whose input is the previous block's ReLU output, with the
/// previous BatchNorm folded in: BN(r) = a*r + c per channel, so
/// W·BN(r) = (W*a)·r + W·c. After ReLU most inputs are exactly zero
/// (70-80% in these models), so the (W*a)·r part only visits the non-zero
/// inputs, which skips most of the work of the dense matmul.
pub(crate) struct FoldedConv {
    in_dim: usize,
    pub(crate) out_dim: usize,
    kernel: usize,
    /// [kernel * in_dim][out_dim], scaled by the previous layer's `a`.
    weight: Vec<f32>,
    bias: Vec<f32>,
    /// [kernel][out_dim]: W_k·c, added when tap k falls inside the window.
    edge: Vec<f32>,
    /// `weight` rounded to bfloat16 when the tagger runs in bfloat16 (else empty): half the
    /// bytes to read per non-zero input, which is what limits this layer. Each row's columns
    /// go in groups of 32 stored as pairs (column q, column 16 + q), so that 32-bit lane q
    /// holds both: a shift and a mask widen a load to two f32 vectors (`sparse_bf16_avx512`).
    /// Columns past the last whole group keep their place.
    weight16: Vec<u16>,
    /// Where the CPU has AMX-BF16 (see `dense::amx_bf16_supported`) and the tagger runs in
    /// bfloat16: the same folded weights as a dense product over each token's whole window
    /// (`kernel * in_dim` inputs, rounded to bfloat16 like the weights), no bias. On the
    /// tile unit the dense product of every input costs less than the sparse one of the
    /// non-zeros: the zeros are free there. With it, the bias plus every tap's edge term:
    /// what each row whose window lies inside the sequence adds, summed once here.
    dense: Option<(Dense, Vec<f32>)>,
}

impl FoldedConv {
    /// `bf16`: also keep the weights in bfloat16 and use them (AVX-512 kernel).
    pub(crate) fn new(prev: &ConvLayer, layer: &ConvLayer, bf16: bool) -> Self {
        let (c, f, kernel) = (layer.in_dim, layer.out_dim, layer.kernel);
        let a: Vec<f32> = (0..c)
            .map(|i| prev.norm_weight[i] / prev.norm_std[i])
            .collect();
        let shift: Vec<f32> = (0..c)
            .map(|i| prev.norm_bias[i] - prev.norm_mean[i] * a[i])
            .collect();
        let mut weight = layer.weight.clone();
        let mut edge = vec![0.0f32; kernel * f];
        for k in 0..kernel {
            for i in 0..c {
                let row = &mut weight[(k * c + i) * f..(k * c + i + 1) * f];
                for (o, w) in edge[k * f..(k + 1) * f].iter_mut().zip(row.iter()) {
                    *o += w * shift[i];
                }
                for w in row.iter_mut() {
                    *w *= a[i];
                }
            }
        }
        let weight16 = if bf16 {
            weight.chunks_exact(f).flat_map(pair_row).collect()
        } else {
            Vec::new()
        };
        let dense = (bf16 && dense::amx_bf16_supported()).then(|| {
            // Dense takes its weights as [out][in].
            let n_in = kernel * c;
            let transposed: Vec<f32> = (0..f * n_in)
                .map(|j| weight[(j % n_in) * f + j / n_in])
                .collect();
            let mut inner = layer.bias.clone();
            for edge in edge.chunks_exact(f) {
                for (b, &e) in inner.iter_mut().zip(edge) {
                    *b += e;
                }
            }
            (
                Dense::new(&transposed, vec![0.0; f], n_in).with_amx_bf16(),
                inner,
            )
        });
        FoldedConv {
            in_dim: c,
            out_dim: f,
            kernel,
            weight16,
            dense,
            weight,
            bias: layer.bias.clone(),
            edge,
        }
    }

    /// The bfloat16 weight of input row `row` (tap k, channel i: `k * in_dim + i`) and
    /// column `col`, widened to f32.
    fn weight16_at(&self, row: usize, col: usize) -> f32 {
        let f = self.out_dim;
        let at = if col < f - f % 32 {
            let q = col % 32;
            col - q + (q % 16) * 2 + q / 16
        } else {
            col
        };
        f32::from_bits(u32::from(self.weight16[row * f + at]) << 16)
    }

    /// `input`: rows `pad..pad+len` of ReLU outputs (`in_dim` wide); writes
    /// this layer's ReLU outputs of the tokens `rows` (within `0..len`) to their rows of
    /// `output`, zeroing the padding/slack rows; other rows are left as they were. Only the
    /// input rows within `pad` of `rows` are read. `nz`/`starts` are reusable scratch.
    pub(crate) fn forward(
        &self,
        input: &[f32],
        len: usize,
        rows: Range<usize>,
        output: &mut [f32],
        nz: &mut Vec<NonZero>,
        starts: &mut Vec<usize>,
    ) {
        let pad = (self.kernel - 1) / 2;
        let (c, f) = (self.in_dim, self.out_dim);
        let rows_total = len + 2 * pad + TILE_ROWS;
        if let Some((dense, inner)) = &self.dense {
            output[..pad * f].fill(0.0);
            output[(len + pad) * f..rows_total * f].fill(0.0);
            self.forward_dense(dense, inner, input, len, rows, output);
            return;
        }
        let read = rows.start.saturating_sub(pad)..(rows.end + pad).min(len);
        // Every entry read below is written first: grow only, no zeroing. The compaction
        // writes up to COMPACT_SLACK entries past the last non-zero.
        if nz.len() < read.len() * c + COMPACT_SLACK {
            nz.resize(read.len() * c + COMPACT_SLACK, NonZero::default());
        }
        #[cfg(target_arch = "x86_64")]
        let avx512 = std::arch::is_x86_feature_detected!("avx512f");
        starts.clear();
        let mut n = 0;
        for s in 0..len {
            starts.push(n);
            if !read.contains(&s) {
                continue;
            }
            let row = &input[(s + pad) * c..(s + pad + 1) * c];
            #[cfg(target_arch = "x86_64")]
            if avx512 {
                // SAFETY: the CPU supports AVX-512F; `nz` has room (resized above).
                n = unsafe { compact_avx512(row, nz, n) };
                continue;
            }
            n = compact(row, 0, nz, n);
        }
        starts.push(n);
        output[..pad * f].fill(0.0);
        output[(len + pad) * f..rows_total * f].fill(0.0);
        sparse_dispatch(self, len, rows, pad, nz, starts, output);
    }
}

impl FoldedConv {
    /// `forward` on the tile unit: window t is input rows t..t + kernel, one contiguous run
    /// (the padding rows around the window are zero, so the padded taps add nothing); then
    /// bias, the edge terms of the taps inside the sequence (`inner` where all are), ReLU.
    fn forward_dense(
        &self,
        dense: &Dense,
        inner: &[f32],
        input: &[f32],
        len: usize,
        rows: Range<usize>,
        output: &mut [f32],
    ) {
        let pad = (self.kernel - 1) / 2;
        let (c, f) = (self.in_dim, self.out_dim);
        if rows.is_empty() {
            return;
        }
        let out = &mut output[(rows.start + pad) * f..(rows.end + pad) * f];
        dense.forward_strided(&input[rows.start * c..], c, rows.len(), out);
        self.finish_dense(inner, len, rows, out);
    }

    /// Whether `forward` runs on the tile unit (then `forward_many` shares its products).
    pub(crate) fn is_dense(&self) -> bool {
        self.dense.is_some()
    }

    /// `forward` on the tile unit (`is_dense`) of several sequences laid out in `input` and
    /// `output` at the same offsets: `(offset, len, rows)` each, a sequence taking
    /// `len + 2 * pad` rows. All their rows go through one product (each row's sums are the
    /// same as alone): a short window's few rows would otherwise pay a whole pass over the
    /// weights. `y` is reusable scratch.
    pub(crate) fn forward_many(
        &self,
        input: &[f32],
        output: &mut [f32],
        sequences: &[(usize, usize, Range<usize>)],
        y: &mut Vec<f32>,
    ) {
        let (dense, inner) = self.dense.as_ref().expect("forward_many on the tile unit");
        let pad = (self.kernel - 1) / 2;
        let (c, f) = (self.in_dim, self.out_dim);
        // Each row's window: its `kernel` input rows, one contiguous run. A sequence's rows
        // are rounded once, then each window's pairs gathered.
        let half = self.kernel * c / 2;
        let mut xp: Vec<u32> = Vec::new();
        for (offset, _, rows) in sequences {
            if rows.is_empty() {
                continue;
            }
            let pairs = dense::bf16_pairs(
                &input[offset + rows.start * c..offset + (rows.end + 2 * pad) * c],
            );
            for r in 0..rows.len() {
                xp.extend_from_slice(&pairs[r * c / 2..r * c / 2 + half]);
            }
        }
        let total = xp.len() / half;
        y.resize(total * f, 0.0);
        dense.forward_amx_pairs(xp, total, &mut y[..total * f]);
        let mut done = 0;
        for (offset, len, rows) in sequences {
            let out = &mut output[*offset..*offset + (len + 2 * pad) * f];
            out[..pad * f].fill(0.0);
            out[(len + pad) * f..].fill(0.0);
            let out = &mut out[(rows.start + pad) * f..(rows.end + pad) * f];
            out.copy_from_slice(&y[done * f..(done + rows.len()) * f]);
            done += rows.len();
            self.finish_dense(inner, *len, rows.clone(), out);
        }
    }

    /// Bias, the edge terms of the taps inside the sequence and ReLU on the products `out`
    /// of the tokens `rows` of a sequence of `len`.
    fn finish_dense(&self, inner: &[f32], len: usize, rows: Range<usize>, out: &mut [f32]) {
        let pad = (self.kernel - 1) / 2;
        let f = self.out_dim;
        let mut edge_bias = vec![0.0f32; f];
        for (t, row) in rows.zip(out.chunks_exact_mut(f)) {
            let add = if t >= pad && t + pad < len {
                inner
            } else {
                edge_bias.copy_from_slice(&self.bias);
                for k in 0..self.kernel {
                    if (t + k).checked_sub(pad).is_some_and(|s| s < len) {
                        for (b, &e) in edge_bias.iter_mut().zip(&self.edge[k * f..(k + 1) * f]) {
                            *b += e;
                        }
                    }
                }
                &edge_bias
            };
            for (v, &b) in row.iter_mut().zip(add) {
                *v = (*v + b).max(0.0);
            }
        }
    }
}

/// One row of weights in bfloat16, its columns paired as `FoldedConv::weight16` keeps them.
fn pair_row(row: &[f32]) -> Vec<u16> {
    let bf = |w: f32| dense::bf16(w) as u16;
    let full = row.len() - row.len() % 32;
    let mut out = Vec::with_capacity(row.len());
    for group in row[..full].chunks_exact(32) {
        for q in 0..16 {
            out.extend([bf(group[q]), bf(group[16 + q])]);
        }
    }
    out.extend(row[full..].iter().map(|&w| bf(w)));
    out
}

/// One non-zero input of a sparse conv: its channel and value.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub(crate) struct NonZero {
    index: u32,
    value: f32,
}

/// Entries the compaction may write past the last non-zero (one vector's worth).
const COMPACT_SLACK: usize = 16;

/// Writes the non-zero entries of `row` (channels from `first`) to `nz` from `n` on and
/// returns the new end. Branch-free: every entry is written, the end advances only past
/// non-zeros (zeros are ~75% and unpredictable, so a branch stalls).
fn compact(row: &[f32], first: usize, nz: &mut [NonZero], mut n: usize) -> usize {
    for (i, &value) in row.iter().enumerate() {
        nz[n] = NonZero {
            index: (first + i) as u32,
            value,
        };
        n += usize::from(value != 0.0);
    }
    n
}

/// `compact` sixteen channels at a time: the non-zero lanes' indices and values are
/// compressed to the front of two vectors, interleaved into (index, value) pairs and stored
/// whole, up to 16 entries past the new end. The same entries as `compact`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn compact_avx512(row: &[f32], nz: &mut [NonZero], mut n: usize) -> usize {
    use std::arch::x86_64::*;
    let blocks = row.len() / 16;
    assert!(
        nz.len() >= n + blocks * 16 + COMPACT_SLACK,
        "compaction room"
    );
    let lanes = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    // Pair k takes index lane k (0..16) and value lane k (16 + k of the two-vector table).
    let low = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    let high = _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    for b in 0..blocks {
        // SAFETY: b * 16 + 16 <= row.len(); the stores end within `nz` (asserted above,
        // n <= the entries compacted so far); NonZero is repr(C) (u32, f32).
        unsafe {
            let v = _mm512_loadu_ps(row.as_ptr().add(b * 16));
            // Not-equal, unordered: true for NaN, as `value != 0.0`.
            let keep = _mm512_cmp_ps_mask::<_CMP_NEQ_UQ>(v, _mm512_setzero_ps());
            let index = _mm512_add_epi32(lanes, _mm512_set1_epi32((b * 16) as i32));
            let index = _mm512_maskz_compress_epi32(keep, index);
            let value = _mm512_castps_si512(_mm512_maskz_compress_ps(keep, v));
            let out = nz.as_mut_ptr().add(n).cast::<__m512i>();
            _mm512_storeu_si512(out, _mm512_permutex2var_epi32(index, low, value));
            _mm512_storeu_si512(out.add(1), _mm512_permutex2var_epi32(index, high, value));
            n += keep.count_ones() as usize;
        }
    }
    compact(&row[blocks * 16..], blocks * 16, nz, n)
}

/// Output t = bias + sum over taps k inside the window of
/// (edge_k + sum over non-zero inputs i of row t+k-pad: v * W'[k][i]),
/// then ReLU. Columns go in blocks of COLS so the accumulators stay in
/// registers.
#[inline(always)]
fn sparse<const COLS: usize, const FMA: bool>(
    conv: &FoldedConv,
    len: usize,
    rows: Range<usize>,
    pad: usize,
    nz: &[NonZero],
    starts: &[usize],
    output: &mut [f32],
) {
    let (c, f) = (conv.in_dim, conv.out_dim);
    let full = f - f % COLS;
    for t in rows {
        let mut f0 = 0;
        while f0 < full {
            let mut acc: [f32; COLS] = conv.bias[f0..f0 + COLS].try_into().expect("block width");
            for k in 0..conv.kernel {
                let Some(s) = (t + k).checked_sub(pad).filter(|&s| s < len) else {
                    continue;
                };
                let edge = &conv.edge[k * f + f0..k * f + f0 + COLS];
                for (a, &e) in acc.iter_mut().zip(edge) {
                    *a += e;
                }
                for &NonZero { index: i, value: v } in &nz[starts[s]..starts[s + 1]] {
                    let row = (k * c + i as usize) * f + f0;
                    let w: &[f32; COLS] = conv.weight[row..row + COLS]
                        .try_into()
                        .expect("block width");
                    for q in 0..COLS {
                        acc[q] = if FMA {
                            v.mul_add(w[q], acc[q])
                        } else {
                            acc[q] + v * w[q]
                        };
                    }
                }
            }
            let out = &mut output[(t + pad) * f + f0..(t + pad) * f + f0 + COLS];
            for (o, a) in out.iter_mut().zip(acc) {
                *o = a.max(0.0);
            }
            f0 += COLS;
        }
        leftover_columns(conv, len, t, pad, nz, starts, full, output, |row, col| {
            conv.weight[row * f + col]
        });
    }
}

/// `sparse`'s columns `full..` of output row `t`, one at a time (none for the shipped
/// models); `weight(row, col)` reads a weight.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn leftover_columns(
    conv: &FoldedConv,
    len: usize,
    t: usize,
    pad: usize,
    nz: &[NonZero],
    starts: &[usize],
    full: usize,
    output: &mut [f32],
    weight: impl Fn(usize, usize) -> f32,
) {
    let (c, f) = (conv.in_dim, conv.out_dim);
    for col in full..f {
        let mut sum = conv.bias[col];
        for k in 0..conv.kernel {
            let Some(s) = (t + k).checked_sub(pad).filter(|&s| s < len) else {
                continue;
            };
            sum += conv.edge[k * f + col];
            for &NonZero { index: i, value: v } in &nz[starts[s]..starts[s + 1]] {
                sum += v * weight(k * c + i as usize, col);
            }
        }
        output[(t + pad) * f + col] = sum.max(0.0);
    }
}

/// `sparse` with FMA on the bfloat16 weights, GROUPS groups of 32 columns at a time: one
/// 64-byte load holds a group's pairs (see `FoldedConv::weight16`), and a shift (columns
/// 0..16) and a mask (16..32) make them the f32 weights exactly, where widening each half
/// took two instructions. The same sums in the same order as `sparse` on the rounded
/// weights.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn sparse_bf16_avx512<const GROUPS: usize>(
    conv: &FoldedConv,
    len: usize,
    rows: Range<usize>,
    pad: usize,
    nz: &[NonZero],
    starts: &[usize],
    output: &mut [f32],
) {
    use std::arch::x86_64::*;
    let (c, f) = (conv.in_dim, conv.out_dim);
    let cols = GROUPS * 32;
    let full = f - f % cols;
    assert!(
        conv.weight16.len() == conv.kernel * c * f && conv.bias.len() == f,
        "weights"
    );
    let high = _mm512_set1_epi32(0xFFFF_0000u32 as i32);
    for t in rows {
        let mut f0 = 0;
        while f0 < full {
            // acc[2g] holds columns f0 + 32g.., acc[2g + 1] columns f0 + 32g + 16...
            // SAFETY (loads and stores below): f0 + cols <= f, so every column read or
            // written lies within its row of `bias`, `edge`, `weight16` (asserted sizes) or
            // `output` (sliced); `i < c` for every non-zero.
            let mut acc = [[_mm512_setzero_ps(); 2]; GROUPS];
            for (g, pair) in acc.iter_mut().enumerate() {
                for (h, a) in pair.iter_mut().enumerate() {
                    *a = unsafe { _mm512_loadu_ps(conv.bias.as_ptr().add(f0 + 32 * g + 16 * h)) };
                }
            }
            for k in 0..conv.kernel {
                let Some(s) = (t + k).checked_sub(pad).filter(|&s| s < len) else {
                    continue;
                };
                let edge = &conv.edge[k * f..(k + 1) * f];
                for (g, pair) in acc.iter_mut().enumerate() {
                    for (h, a) in pair.iter_mut().enumerate() {
                        let e = unsafe { _mm512_loadu_ps(edge.as_ptr().add(f0 + 32 * g + 16 * h)) };
                        *a = _mm512_add_ps(*a, e);
                    }
                }
                for &NonZero { index: i, value: v } in &nz[starts[s]..starts[s + 1]] {
                    let row = &conv.weight16[(k * c + i as usize) * f..][..f];
                    let v = _mm512_set1_ps(v);
                    for (g, pair) in acc.iter_mut().enumerate() {
                        let w = unsafe {
                            _mm512_loadu_si512(row.as_ptr().add(f0 + 32 * g).cast::<__m512i>())
                        };
                        let lo = _mm512_castsi512_ps(_mm512_slli_epi32::<16>(w));
                        let hi = _mm512_castsi512_ps(_mm512_and_si512(w, high));
                        pair[0] = _mm512_fmadd_ps(v, lo, pair[0]);
                        pair[1] = _mm512_fmadd_ps(v, hi, pair[1]);
                    }
                }
            }
            let out = &mut output[(t + pad) * f + f0..(t + pad) * f + f0 + cols];
            for (g, pair) in acc.iter().enumerate() {
                for (h, &a) in pair.iter().enumerate() {
                    let relu = _mm512_max_ps(a, _mm512_setzero_ps());
                    unsafe { _mm512_storeu_ps(out.as_mut_ptr().add(32 * g + 16 * h), relu) };
                }
            }
            f0 += cols;
        }
        leftover_columns(conv, len, t, pad, nz, starts, full, output, |row, col| {
            conv.weight16_at(row, col)
        });
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
fn sparse_avx512(
    conv: &FoldedConv,
    len: usize,
    rows: Range<usize>,
    pad: usize,
    nz: &[NonZero],
    starts: &[usize],
    output: &mut [f32],
) {
    // One pass over the non-zeros when all columns fit in registers.
    match (conv.out_dim.is_multiple_of(128), conv.weight16.is_empty()) {
        (true, true) => sparse::<128, true>(conv, len, rows, pad, nz, starts, output),
        (true, false) => sparse_bf16_avx512::<4>(conv, len, rows, pad, nz, starts, output),
        (false, true) => sparse::<64, true>(conv, len, rows, pad, nz, starts, output),
        (false, false) => sparse_bf16_avx512::<2>(conv, len, rows, pad, nz, starts, output),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn sparse_avx2(
    conv: &FoldedConv,
    len: usize,
    rows: Range<usize>,
    pad: usize,
    nz: &[NonZero],
    starts: &[usize],
    output: &mut [f32],
) {
    sparse::<64, true>(conv, len, rows, pad, nz, starts, output)
}

fn sparse_dispatch(
    conv: &FoldedConv,
    len: usize,
    rows: Range<usize>,
    pad: usize,
    nz: &[NonZero],
    starts: &[usize],
    output: &mut [f32],
) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: the CPU supports every feature the function enables.
            unsafe { sparse_avx512(conv, len, rows, pad, nz, starts, output) };
            return;
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: as above.
            unsafe { sparse_avx2(conv, len, rows, pad, nz, starts, output) };
            return;
        }
    }
    sparse::<32, false>(conv, len, rows, pad, nz, starts, output)
}

/// First block from per-token tap projections: output t (row t + pad of
/// `buf`, overwritten) = ReLU(bias + sum over taps k with input s = t + k - pad inside
/// the window of navec_s[k] + shape_s[k]), for the tokens t of `out`. `rows[s]` holds
/// token s's (navec, shape) projections, each `taps * filters` wide.
pub(crate) fn tap_sum(
    rows: &[(&[f32], &[f32])],
    out: Range<usize>,
    taps: usize,
    filters: usize,
    pad: usize,
    bias: &[f32],
    buf: &mut [f32],
) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU supports every feature the function enables.
            unsafe { tap_sum_avx512(rows, out, taps, filters, pad, bias, buf) };
            return;
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: as above.
            unsafe { tap_sum_avx2(rows, out, taps, filters, pad, bias, buf) };
            return;
        }
    }
    tap_sum_generic(rows, out, taps, filters, pad, bias, buf)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2")]
fn tap_sum_avx512(
    rows: &[(&[f32], &[f32])],
    out: Range<usize>,
    taps: usize,
    filters: usize,
    pad: usize,
    bias: &[f32],
    buf: &mut [f32],
) {
    tap_sum_generic(rows, out, taps, filters, pad, bias, buf)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn tap_sum_avx2(
    rows: &[(&[f32], &[f32])],
    out: Range<usize>,
    taps: usize,
    filters: usize,
    pad: usize,
    bias: &[f32],
    buf: &mut [f32],
) {
    tap_sum_generic(rows, out, taps, filters, pad, bias, buf)
}

/// Tokens ahead whose word projection `tap_sum` prefetches.
const TAP_AHEAD: usize = 2;

/// Asks for `data`'s cache lines ahead of use (no-op off x86-64).
#[inline(always)]
fn prefetch(data: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    for line in data.chunks(16) {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: SSE is part of x86-64; a prefetch reads nothing.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(line.as_ptr().cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = data;
}

#[inline(always)]
fn tap_sum_generic(
    rows: &[(&[f32], &[f32])],
    out: Range<usize>,
    taps: usize,
    filters: usize,
    pad: usize,
    bias: &[f32],
    buf: &mut [f32],
) {
    let len = rows.len();
    for t in out {
        // A word's projection (taps * filters floats, 3 KiB) is mostly out of cache and the
        // words come in text order, so fetch the one the token TAP_AHEAD on first reads.
        if let Some(&(navec, _)) = rows.get(t + pad + TAP_AHEAD) {
            prefetch(navec);
        }
        let out = &mut buf[(t + pad) * filters..(t + pad + 1) * filters];
        out.fill(0.0);
        for k in 0..taps {
            let Some(s) = (t + k).checked_sub(pad).filter(|&s| s < len) else {
                continue;
            };
            let (navec, shape) = rows[s];
            let tap = k * filters..(k + 1) * filters;
            for ((o, &n), &sh) in out.iter_mut().zip(&navec[tap.clone()]).zip(&shape[tap]) {
                *o += n + sh;
            }
        }
        for (v, &b) in out.iter_mut().zip(bias) {
            *v = (*v + b).max(0.0);
        }
    }
}

/// numpy's `input @ weight + bias` with weight as [in][out].
pub(crate) struct Linear {
    pub(crate) in_dim: usize,
    pub(crate) out_dim: usize,
    /// Columns padded with zeros to a multiple of 64 (16 for up to 16 columns) so the wide
    /// kernels need no scalar tail, and a few tags cost one vector, not four.
    padded_out: usize,
    weight: Vec<f32>,
    bias: Vec<f32>,
}

impl Linear {
    pub(crate) fn new(weight: Vec<f32>, in_dim: usize, out_dim: usize, bias: Vec<f32>) -> Self {
        let padded_out = if out_dim <= 16 {
            16
        } else {
            out_dim.div_ceil(64) * 64
        };
        let mut padded = vec![0.0f32; in_dim * padded_out];
        for i in 0..in_dim {
            padded[i * padded_out..i * padded_out + out_dim]
                .copy_from_slice(&weight[i * out_dim..(i + 1) * out_dim]);
        }
        Linear {
            in_dim,
            out_dim,
            padded_out,
            weight: padded,
            bias,
        }
    }

    /// Row stride of `forward`'s output.
    pub(crate) fn stride(&self) -> usize {
        self.padded_out
    }

    /// `input` is [rows][in_dim] (best with TILE_ROWS zero rows after it,
    /// which saves a copy); returns rows of `stride()` floats whose first
    /// `out_dim` hold the result.
    pub(crate) fn forward(&self, input: &[f32], rows: usize) -> Vec<f32> {
        let needed = (rows + TILE_ROWS) * self.in_dim;
        let copy;
        let x = if input.len() >= needed {
            input
        } else {
            let mut padded = Vec::with_capacity(needed);
            padded.extend_from_slice(&input[..rows * self.in_dim]);
            padded.resize(needed, 0.0);
            copy = padded;
            &copy
        };
        let mut y = vec![0.0f32; (rows + TILE_ROWS) * self.padded_out];
        matmul_dispatch(
            x,
            rows,
            self.in_dim,
            self.in_dim,
            &self.weight,
            self.padded_out,
            0,
            &mut y,
        );
        y.truncate(rows * self.padded_out);
        for row in y.chunks_exact_mut(self.padded_out) {
            for (v, b) in row.iter_mut().zip(&self.bias) {
                *v += b;
            }
        }
        y
    }
}

/// argmax of the first `width` values of each `stride`-long row.
pub(crate) fn argmax_rows(values: &[f32], stride: usize, width: usize) -> Vec<usize> {
    values
        .chunks_exact(stride)
        .map(|row| argmax(&row[..width]))
        .collect()
}

/// First index of the maximum, like numpy's argmax (no NaNs occur here).
/// A vectorisable max first, then the first position holding it.
#[inline(always)]
pub(crate) fn argmax(values: &[f32]) -> usize {
    let mut lanes = [f32::NEG_INFINITY; 16];
    let chunks = values.chunks_exact(16);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (lane, &v) in lanes.iter_mut().zip(chunk) {
            *lane = lane.max(v);
        }
    }
    let max = lanes
        .iter()
        .chain(rest)
        .copied()
        .fold(f32::NEG_INFINITY, f32::max);
    values.iter().position(|&v| v == max).unwrap_or(0)
}
/// Viterbi decode of slovnet's CRF for one unpadded sequence.
/// `emissions` is [len][tags], `transitions` is [from][to].
pub(crate) fn crf_decode(
    emissions: &[f32],
    len: usize,
    transitions: &[f32],
    tags: usize,
) -> Vec<usize> {
    if len == 0 || tags == 0 {
        return Vec::new();
    }
    let mut score: Vec<f32> = emissions[..tags].to_vec();
    let mut next = vec![0.0f32; tags];
    let mut history = vec![0u16; (len - 1) * tags];
    for t in 1..len {
        let emit = &emissions[t * tags..(t + 1) * tags];
        for to in 0..tags {
            // numpy: (score[from] + transitions[from, to]) + emissions[to], argmax over from.
            let mut best_from = 0;
            let mut best = score[0] + transitions[to] + emit[to];
            for from in 1..tags {
                let s = score[from] + transitions[from * tags + to] + emit[to];
                if s > best {
                    best = s;
                    best_from = from;
                }
            }
            next[to] = best;
            history[(t - 1) * tags + to] = best_from as u16;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut best = argmax(&score);
    let mut path = vec![0usize; len];
    path[len - 1] = best;
    for t in (1..len).rev() {
        best = history[(t - 1) * tags + best] as usize;
        path[t - 1] = best;
    }
    path
}

/// BIO tag parts as slovnet.bio.parse_bio sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BioPart {
    B,
    I,
    O,
    /// Anything else (e.g. "<pad>"): ignored by bio_spans.
    Other,
}

pub(crate) fn parse_bio(tag: &str) -> (BioPart, Option<&str>) {
    let (part, kind) = match tag.split_once('-') {
        Some((p, k)) => (p, Some(k)),
        None => (tag, None),
    };
    let part = match part {
        "B" => BioPart::B,
        "I" => BioPart::I,
        "O" => BioPart::O,
        _ => BioPart::Other,
    };
    (part, kind)
}

/// slovnet.bio.bio_spans: (start, end, type index into `kinds`).
pub(crate) fn bio_spans(
    offsets: &[(usize, usize)],
    tags: &[usize],
    parsed: &[(BioPart, Option<usize>)],
) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    let mut previous: Option<usize> = None;
    let (mut start, mut stop) = (0, 0);
    for (&(token_start, token_stop), &tag) in offsets.iter().zip(tags) {
        let (part, kind) = parsed.get(tag).copied().unwrap_or((BioPart::Other, None));
        match part {
            BioPart::O => {
                if let Some(k) = previous.take() {
                    spans.push((start, stop, k));
                }
            }
            BioPart::B => {
                if let Some(k) = previous {
                    spans.push((start, stop, k));
                }
                previous = kind;
                start = token_start;
                stop = token_stop;
            }
            BioPart::I => stop = token_stop,
            BioPart::Other => {}
        }
    }
    if let Some(k) = previous {
        spans.push((start, stop, k));
    }
    spans
}

#[cfg(test)]
mod kernel_tests {
    use super::*;

    /// Deterministic pseudo-random values in [-1, 1), about a third zero.
    fn values(n: usize, seed: u32) -> Vec<f32> {
        let mut x = seed.wrapping_mul(2_654_435_761).max(1);
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                let v = (x % 2000) as f32 / 1000.0 - 1.0;
                if x.is_multiple_of(3) { 0.0 } else { v }
            })
            .collect()
    }

    fn layer(in_dim: usize, out_dim: usize, seed: u32) -> ConvLayer {
        let norm = [
            values(out_dim, seed + 1)
                .iter()
                .map(|v| v.abs() + 0.5)
                .collect(),
            values(out_dim, seed + 2),
            values(out_dim, seed + 3),
            values(out_dim, seed + 4)
                .iter()
                .map(|v| v.abs() + 0.5)
                .collect(),
        ];
        ConvLayer::new(
            &values(out_dim * in_dim * 3, seed),
            out_dim,
            in_dim,
            3,
            values(out_dim, seed + 5),
            norm,
        )
    }

    fn close(a: &[f32], b: &[f32]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() <= 1e-4 * (1.0 + y.abs()), "{x} vs {y}");
        }
    }

    /// The vector compaction keeps the same entries as the scalar one.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn compactions_agree() {
        if !std::arch::is_x86_feature_detected!("avx512f") {
            return;
        }
        let mut row: Vec<f32> = values(256 + 7, 3).iter().map(|v| v.max(0.0)).collect();
        row[5] = -0.0;
        row[40] = f32::NAN;
        let mut want = vec![NonZero::default(); 2 * row.len() + COMPACT_SLACK];
        let mut got = want.clone();
        let n = compact(&row, 0, &mut want, 3);
        // SAFETY: the CPU supports AVX-512F.
        let m = unsafe { compact_avx512(&row, &mut got, 3) };
        assert_eq!(m, n);
        assert!(n > 3 + 64 && n < 3 + 256, "{n}");
        let bits = |e: &[NonZero]| -> Vec<(u32, u32)> {
            e.iter().map(|e| (e.index, e.value.to_bits())).collect()
        };
        assert_eq!(bits(&got[3..n]), bits(&want[3..n]));
    }

    /// Every kernel variant (not only the one this CPU dispatches to) agrees.
    #[test]
    fn kernel_variants_agree() {
        let (c, f, len) = (40, 128 + 64 + 8, 11);
        let conv = layer(c, f, 3);
        // Zero padding row before and rows after the sequence, as the encoder lays them out.
        let mut input = values((len + 2 + TILE_ROWS) * c, 9);
        input[..c].fill(0.0);
        input[(len + 1) * c..].fill(0.0);
        let run = |kernel: &dyn Fn(&mut [f32])| {
            let mut out = vec![0.0f32; (len + 2 + TILE_ROWS) * f];
            kernel(&mut out);
            out
        };
        let window = 3 * c;
        let reference = run(&|o| matmul::<8, false>(&input, len, c, window, &conv.weight, f, 1, o));
        close(
            &run(&|o| matmul::<64, false>(&input, len, c, window, &conv.weight, f, 1, o)),
            &reference,
        );
        close(
            &run(&|o| matmul::<16, true>(&input, len, c, window, &conv.weight, f, 1, o)),
            &reference,
        );
        close(
            &run(&|o| matmul_dispatch(&input, len, c, window, &conv.weight, f, 1, o)),
            &reference,
        );

        let prev = layer(8, c, 5);
        let folded = FoldedConv::new(&prev, &conv, false);
        let relu: Vec<f32> = input.iter().map(|v| v.max(0.0)).collect();
        let (mut nz, mut starts) = (Vec::new(), Vec::new());
        let mut dispatched = vec![0.0f32; (len + 2 + TILE_ROWS) * f];
        folded.forward(&relu, len, 0..len, &mut dispatched, &mut nz, &mut starts);
        for kernel in [
            sparse::<16, false>,
            sparse::<32, false>,
            sparse::<64, true>,
            sparse::<128, true>,
        ] {
            let mut out = vec![0.0f32; (len + 2 + TILE_ROWS) * f];
            kernel(&folded, len, 0..len, 1, &nz, &starts, &mut out);
            close(&out[f..(len + 1) * f], &dispatched[f..(len + 1) * f]);
        }
        // Some rows only: the same bits on those rows.
        let mut part = vec![0.0f32; (len + 2 + TILE_ROWS) * f];
        folded.forward(&relu, len, 2..len - 1, &mut part, &mut nz, &mut starts);
        assert_eq!(&part[3 * f..len * f], &dispatched[3 * f..len * f]);
        // bfloat16 weights: the product of the rounded weights, near the f32 one.
        let rounded = FoldedConv::new(&prev, &conv, true);
        let mut exact_rounded = FoldedConv::new(&prev, &conv, false);
        for (r, row) in exact_rounded.weight.chunks_exact_mut(f).enumerate() {
            for (col, w) in row.iter_mut().enumerate() {
                *w = rounded.weight16_at(r, col);
            }
        }
        // Sanity of the pairing: the same values, rounded, in another order.
        let widened = |h: u16| f32::from_bits(u32::from(h) << 16);
        assert_eq!(widened(rounded.weight16[1]), exact_rounded.weight[16]);
        assert_eq!(
            widened(rounded.weight16[f - 1]),
            exact_rounded.weight[f - 1]
        );
        assert_eq!(
            exact_rounded.weight[7],
            widened(dense::bf16(folded.weight[7]) as u16)
        );
        if !std::arch::is_x86_feature_detected!("avx512f") {
            return;
        }
        let mut want = vec![0.0f32; (len + 2 + TILE_ROWS) * f];
        exact_rounded.forward(&relu, len, 0..len, &mut want, &mut nz, &mut starts);
        type Kernel =
            unsafe fn(&FoldedConv, usize, Range<usize>, usize, &[NonZero], &[usize], &mut [f32]);
        let pairs: [(Kernel, Kernel); 3] = [
            (sparse_bf16_avx512::<1>, sparse::<32, true>),
            (sparse_bf16_avx512::<2>, sparse::<64, true>),
            (sparse_bf16_avx512::<4>, sparse::<128, true>),
        ];
        for (kernel, f32_kernel) in pairs {
            let mut out = vec![0.0f32; (len + 2 + TILE_ROWS) * f];
            // SAFETY: the CPU has AVX-512F (checked above).
            unsafe { kernel(&rounded, len, 0..len, 1, &nz, &starts, &mut out) };
            close(&out[f..(len + 1) * f], &want[f..(len + 1) * f]);
            // Bit for bit the f32 kernel's sums on the rounded weights.
            let mut same = vec![0.0f32; (len + 2 + TILE_ROWS) * f];
            // SAFETY: as above.
            unsafe { f32_kernel(&exact_rounded, len, 0..len, 1, &nz, &starts, &mut same) };
            assert_eq!(out, same);
            let diff = out[f..(len + 1) * f]
                .iter()
                .zip(&dispatched[f..(len + 1) * f])
                .map(|(a, b)| (a - b).abs())
                .fold(0.0f32, f32::max);
            assert!(diff > 0.0 && diff < 0.05, "bf16 vs f32: {diff}");
        }
        // And the folded layer equals BatchNorm-then-dense-conv.
        let mut normed = relu.clone();
        for t in 0..len {
            prev.norm_row(&mut normed[(t + 1) * c..(t + 2) * c]);
        }
        let mut dense = vec![0.0f32; (len + 2 + TILE_ROWS) * f];
        conv.forward(&normed, len, &mut dense, false);
        close(&dispatched[f..(len + 1) * f], &dense[f..(len + 1) * f]);
    }
}
