//! The English model's element-wise kernels: row sums for the hash embeddings, maxout and
//! thinc's LayerNorm. The matrix products are in `enrich::dense`.

use crate::enrich::dense::{LANES, avx512};

/// acc += rows[0] + rows[1] + ..., added one row at a time in order (the
/// same sums as a plain loop), each row as long as `acc`. With AVX-512 and a
/// 288-wide acc, the running sums stay in registers across all rows.
pub(crate) fn add_rows(acc: &mut [f32], rows: &[&[f32]]) {
    #[cfg(target_arch = "x86_64")]
    if acc.len() == 18 * LANES && avx512() {
        // SAFETY: avx512() checks that the CPU has AVX-512F.
        unsafe { add_rows_avx512::<18>(acc, rows) };
        return;
    }
    for row in rows {
        for (o, v) in acc.iter_mut().zip(*row) {
            *o += v;
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn add_rows_avx512<const V: usize>(acc: &mut [f32], rows: &[&[f32]]) {
    use std::arch::x86_64::{__m512, _mm512_add_ps, _mm512_loadu_ps, _mm512_storeu_ps};
    assert!(acc.len() == V * LANES && rows.iter().all(|r| r.len() == V * LANES));
    // SAFETY: acc and every row hold V·16 floats (asserted); loadu/storeu
    // have no alignment requirement.
    unsafe {
        let mut a: [__m512; V] =
            std::array::from_fn(|k| _mm512_loadu_ps(acc.as_ptr().add(k * LANES)));
        for row in rows {
            for (k, a) in a.iter_mut().enumerate() {
                *a = _mm512_add_ps(*a, _mm512_loadu_ps(row.as_ptr().add(k * LANES)));
            }
        }
        for (k, a) in a.iter().enumerate() {
            _mm512_storeu_ps(acc.as_mut_ptr().add(k * LANES), *a);
        }
    }
}

/// Reorder thinc's maxout rows from (output, piece) to (piece, output)
/// order, so each piece's outputs are contiguous and `maxout` is an
/// element-wise max of slices. `m` has n_out·pieces rows of `row_len`.
pub(crate) fn pieces_major(m: &[f32], n_out: usize, pieces: usize, row_len: usize) -> Vec<f32> {
    let mut out = vec![0.0; m.len()];
    for o in 0..n_out {
        for p in 0..pieces {
            let src = (o * pieces + p) * row_len;
            let dst = (p * n_out + o) * row_len;
            out[dst..dst + row_len].copy_from_slice(&m[src..src + row_len]);
        }
    }
    out
}

/// Maxout over pieces-major rows: pre is n × (pieces × width), out is
/// n × width. Ties keep the earlier piece, like numpy's argmax.
pub(crate) fn maxout(pre: &[f32], pieces: usize, width: usize, out: &mut [f32]) {
    for (y, p) in out
        .chunks_exact_mut(width)
        .zip(pre.chunks_exact(width * pieces))
    {
        y.copy_from_slice(&p[..width]);
        for piece in p.chunks_exact(width).skip(1) {
            for (y, v) in y.iter_mut().zip(piece) {
                *y = if *v > *y { *v } else { *y };
            }
        }
    }
}

/// `maxout` then `layer_norm`, row by row (out n × g.len()); with AVX-512 and a 96-wide
/// row, each row stays in registers from the pieces' max to the normalised output.
pub(crate) fn maxout_norm(pre: &[f32], pieces: usize, g: &[f32], b: &[f32], out: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if g.len() == 6 * LANES && avx512() {
        // SAFETY: avx512() checks that the CPU has AVX-512F.
        unsafe { maxout_norm_avx512::<6>(pre, pieces, g, b, out) };
        return;
    }
    maxout(pre, pieces, g.len(), out);
    layer_norm(out, g, b);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn maxout_norm_avx512<const V: usize>(
    pre: &[f32],
    pieces: usize,
    g: &[f32],
    b: &[f32],
    out: &mut [f32],
) {
    use std::arch::x86_64::*;
    let width = V * LANES;
    assert!(pieces > 0 && g.len() == width && b.len() == width);
    assert!(pre.len() / (pieces * width) >= out.len() / width);
    // SAFETY (all loads and stores below): g, b and every row chunk hold V·16 floats
    // (asserted, or chunks_exact); loadu/storeu have no alignment requirement.
    let load = |s: &[f32], k: usize| unsafe { _mm512_loadu_ps(s.as_ptr().add(k * LANES)) };
    let (gv, bv): ([__m512; V], [__m512; V]) = (
        std::array::from_fn(|k| load(g, k)),
        std::array::from_fn(|k| load(b, k)),
    );
    let n = _mm512_set1_ps(width as f32);
    for (y, p) in out
        .chunks_exact_mut(width)
        .zip(pre.chunks_exact(width * pieces))
    {
        let mut m: [__m512; V] = std::array::from_fn(|k| load(p, k));
        for piece in p.chunks_exact(width).skip(1) {
            for (k, m) in m.iter_mut().enumerate() {
                // max_ps(a, b) is a if a > b, else b: a later piece wins only if greater.
                *m = _mm512_max_ps(load(piece, k), *m);
            }
        }
        let sum = m
            .iter()
            .fold(_mm512_setzero_ps(), |s, v| _mm512_add_ps(s, *v));
        let mu = _mm512_div_ps(_mm512_set1_ps(_mm512_reduce_add_ps(sum)), n);
        for m in m.iter_mut() {
            *m = _mm512_sub_ps(*m, mu);
        }
        let sq = m
            .iter()
            .fold(_mm512_setzero_ps(), |s, v| _mm512_fmadd_ps(*v, *v, s));
        let var = _mm512_reduce_add_ps(sq) / width as f32 + 1e-8;
        let inv = _mm512_set1_ps(1.0 / var.sqrt());
        for (k, m) in m.iter().enumerate() {
            let v = _mm512_fmadd_ps(_mm512_mul_ps(*m, inv), gv[k], bv[k]);
            // SAFETY: y holds V·16 floats.
            unsafe { _mm512_storeu_ps(y.as_mut_ptr().add(k * LANES), v) };
        }
    }
}

/// Sum with 8 independent partial sums, so it vectorizes (rows are
/// multiples of 8 wide; a tail would be added separately).
fn sum8(v: &[f32]) -> f32 {
    let (chunks, tail) = v.as_chunks::<8>();
    let mut acc = [0.0f32; 8];
    for c in chunks {
        for (a, x) in acc.iter_mut().zip(c) {
            *a += x;
        }
    }
    acc.iter().sum::<f32>() + tail.iter().sum::<f32>()
}

/// Dot product with 8 partial sums, so it vectorizes.
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let (ca, ta) = a.as_chunks::<8>();
    let (cb, tb) = b.as_chunks::<8>();
    let mut acc = [0.0f32; 8];
    for (x, y) in ca.iter().zip(cb) {
        for ((s, x), y) in acc.iter_mut().zip(x).zip(y) {
            *s += x * y;
        }
    }
    acc.iter().sum::<f32>() + ta.iter().zip(tb).map(|(x, y)| x * y).sum::<f32>()
}

/// Weights of many dot products with one shared vector, for [`dots`]: rows of `len`
/// values stored as panels of LANES rows, input-major, so one AVX-512 register holds the
/// same input of 16 rows.
pub(crate) struct DotPanels {
    panels: Vec<f32>,
    rows: usize,
    len: usize,
}

impl DotPanels {
    /// `w`: row-major, rows of `len` values.
    pub(crate) fn new(w: &[f32], len: usize) -> Self {
        let rows = w.len() / len;
        let mut panels = vec![0.0; rows.div_ceil(LANES) * len * LANES];
        for (r, row) in w.chunks_exact(len).enumerate() {
            for (j, &v) in row.iter().enumerate() {
                panels[((r / LANES) * len + j) * LANES + r % LANES] = v;
            }
        }
        Self { panels, rows, len }
    }
}

/// out[r] = b[r] + dot(w[r], x) for every row r of `w`, each sum rounded exactly as [`dot`]
/// rounds it (its 8 partial sums, then their sum in order): 16 rows at a time with AVX-512.
pub(crate) fn dots(w: &DotPanels, rows: &[f32], b: &[f32], x: &[f32], out: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if w.len == 64 && x.len() == 64 && avx512() {
        // SAFETY: avx512() checks that the CPU has AVX-512F.
        unsafe { dots_avx512(w, x, &mut out[..w.rows]) };
        // `sum + b` rounds as `b + sum` does: addition is commutative.
        for (o, b) in out.iter_mut().zip(b) {
            *o += b;
        }
        return;
    }
    for ((o, row), b) in out.iter_mut().zip(rows.chunks_exact(w.len)).zip(b) {
        *o = b + dot(row, x);
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn dots_avx512(w: &DotPanels, x: &[f32], out: &mut [f32]) {
    use std::arch::x86_64::*;
    const INPUTS: usize = 64;
    assert!(x.len() == INPUTS && w.len == INPUTS && out.len() == w.rows);
    for (p, panel) in w.panels.chunks_exact(INPUTS * LANES).enumerate() {
        // Partial sum k of each row holds its products at inputs 8c + k, added in c order,
        // as in `dot`; the mul and add round separately there too (no FMA).
        let mut part = [_mm512_setzero_ps(); 8];
        for c in 0..INPUTS / 8 {
            for (k, s) in part.iter_mut().enumerate() {
                let j = 8 * c + k;
                // SAFETY: the panel holds INPUTS rows of LANES floats; loadu has no alignment
                // requirement.
                let wv = unsafe { _mm512_loadu_ps(panel.as_ptr().add(j * LANES)) };
                *s = _mm512_add_ps(*s, _mm512_mul_ps(wv, _mm512_set1_ps(x[j])));
            }
        }
        let mut total = part[0];
        for s in &part[1..] {
            total = _mm512_add_ps(total, *s);
        }
        let mut lanes = [0.0f32; LANES];
        // SAFETY: lanes holds LANES floats.
        unsafe { _mm512_storeu_ps(lanes.as_mut_ptr(), total) };
        let from = p * LANES;
        let n = LANES.min(out.len() - from);
        out[from..from + n].copy_from_slice(&lanes[..n]);
    }
}

/// thinc LayerNorm over rows of width g.len(), in place.
pub(crate) fn layer_norm(x: &mut [f32], g: &[f32], b: &[f32]) {
    let n = g.len() as f32;
    for row in x.chunks_exact_mut(g.len()) {
        let mu = sum8(row) / n;
        for v in row.iter_mut() {
            *v -= mu;
        }
        let mut sq = [0.0f32; 8];
        let (chunks, tail) = row.as_chunks::<8>();
        for c in chunks {
            for (a, v) in sq.iter_mut().zip(c) {
                *a += v * v;
            }
        }
        let var = (sq.iter().sum::<f32>() + tail.iter().map(|v| v * v).sum::<f32>()) / n + 1e-8;
        let inv = 1.0 / var.sqrt();
        for ((v, g), b) in row.iter_mut().zip(g).zip(b) {
            *v = *v * inv * g + b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_round_as_dot_does() {
        // Values of mixed signs and magnitudes, so a different summation order would show.
        let mut seed = 0x2545_f491_u32;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            (seed as f32 / u32::MAX as f32 - 0.5) * [1.0, 1e3, 1e-3][seed as usize % 3]
        };
        for rows in [1, 16, 37, 73] {
            let w: Vec<f32> = (0..rows * 64).map(|_| next()).collect();
            let b: Vec<f32> = (0..rows).map(|_| next()).collect();
            let x: Vec<f32> = (0..64).map(|_| next()).collect();
            let mut out = vec![f32::NAN; rows];
            dots(&DotPanels::new(&w, 64), &w, &b, &x, &mut out);
            for (r, o) in out.iter().enumerate() {
                let want = b[r] + dot(&w[r * 64..(r + 1) * 64], &x);
                assert_eq!(o.to_bits(), want.to_bits(), "row {r} of {rows}");
            }
        }
    }
}
