//! The dense matrix product both taggers use: register-blocked (AVX-512 or AVX2+FMA when the
//! CPU has them, portable otherwise), with optional bfloat16 (AVX512-BF16, or the AMX tile
//! unit for the Russian word projections) and 8-bit integer (AVX512-VNNI or AMX) variants. Each output is one FMA chain over the inputs in order, so every f32 kernel sums in the
//! same order as a plain loop.

/// Output columns per panel (two AVX2 registers, one AVX-512 register).
pub(crate) const LANES: usize = 16;
/// Rows per block in the AVX2 product (12 accumulator registers).
#[cfg(target_arch = "x86_64")]
const ROWS: usize = 6;
/// Rows per block in the AVX-512 product (two panels: 16 accumulators).
#[cfg(target_arch = "x86_64")]
const ROWS_512: usize = 8;

/// Matrix-product implementations, chosen at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kernel {
    #[cfg(target_arch = "x86_64")]
    Avx512,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    Portable,
}

/// Whether this CPU has AVX-512F (for kernels outside this module).
pub(crate) fn avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        Kernel::detect() == Kernel::Avx512
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

impl Kernel {
    /// The best kernel this CPU supports (feature detection is cached by
    /// std, so this is cheap enough to call per product).
    fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                return Self::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                return Self::Avx2;
            }
        }
        Self::Portable
    }

    /// Every kernel this CPU can run, so tests can check each one.
    #[cfg(test)]
    fn available() -> Vec<Self> {
        let mut k = Vec::new();
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                k.push(Self::Avx512);
            }
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                k.push(Self::Avx2);
            }
        }
        k.push(Self::Portable);
        k
    }
}

/// Set to 1 to run both NER models in f32 even on CPUs with AVX512-BF16.
pub const EXACT_ENV: &str = "NEWSWIRE_EXACT_NER";

/// How a model does its largest products: the spaCy port's window encoder (92% of its
/// multiply-adds) and the Russian taggers' sparse convolutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arithmetic {
    /// f32, as the Python references compute.
    F32,
    /// Weights (and, in the spaCy port's encoder, inputs) rounded to bfloat16, sums in f32;
    /// only on CPUs with AVX512-BF16.
    Bf16,
    /// The spaCy port's window encoder in 8-bit integers (weights per output row, inputs per
    /// product scaled to ±127), sums in 32-bit integers; only on CPUs with AVX512-VNNI,
    /// whose VPDPBUSD does 64 multiply-adds where VDPBF16PS does 32. Its projection and
    /// decoder layer, and the Russian taggers, run in bfloat16 where the CPU has it.
    Int8,
}

impl Arithmetic {
    /// The fastest arithmetic this CPU runs (8-bit, else bfloat16, else f32), unless
    /// `NEWSWIRE_EXACT_NER=1` (f32).
    pub fn from_env() -> Self {
        let exact = std::env::var(EXACT_ENV).is_ok_and(|v| v.trim() == "1");
        if exact { Self::F32 } else { Self::Int8 }.on_this_cpu()
    }

    /// This arithmetic if the CPU can run it, else the next less demanding one.
    pub fn on_this_cpu(self) -> Self {
        match self {
            Self::Int8 if int8_supported() => Self::Int8,
            Self::Int8 | Self::Bf16 if bf16_supported() => Self::Bf16,
            _ => Self::F32,
        }
    }

    /// Whether products that have no 8-bit form run in bfloat16.
    pub(crate) fn uses_bf16(self) -> bool {
        matches!(self, Self::Bf16 | Self::Int8) && bf16_supported()
    }

    pub fn describe(self) -> &'static str {
        match self {
            Self::F32 => "f32 throughout, the Python references' arithmetic",
            Self::Bf16 => "bfloat16 for the largest products (AVX512-BF16), f32 elsewhere",
            Self::Int8 if amx_supported() => {
                "8-bit integers for the spaCy port's encoder (AMX-INT8 tiles), bfloat16 for its other products and the Russian taggers' largest ones, f32 elsewhere"
            }
            Self::Int8 => {
                "8-bit integers for the spaCy port's encoder (AVX512-VNNI), bfloat16 for its other products and the Russian taggers' largest ones, f32 elsewhere"
            }
        }
    }
}

/// Whether this CPU can run the bfloat16 product (AVX-512F and AVX512-BF16).
pub(crate) fn bf16_supported() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Rows per AMX tile (its maximum).
#[cfg(target_arch = "x86_64")]
const AMX_ROWS: usize = 16;

/// An AMX tile configuration (palette 1: per tile, bytes per row at 16 + 2t, rows at 48 + t).
#[cfg(target_arch = "x86_64")]
#[repr(C, align(64))]
struct TileConfig([u8; 64]);

#[cfg(target_arch = "x86_64")]
impl TileConfig {
    /// The layout both AMX products use, a tile of rows times a pair of 16-column panels:
    /// tile 0 the rows' 64-byte chunks and tile 1 their `rem`-byte remainder (a multiple of
    /// 4); tiles 2 and 6 the two panels' weights for a whole chunk, 3 and 7 for the remainder
    /// (`rem / 4` rows of 64 bytes); tiles 4 and 5 the two panels' sums.
    fn pair_of_panels(rem: usize) -> Self {
        let mut config = TileConfig([0; 64]);
        config.0[0] = 1; // palette 1
        let whole = [
            (0, AMX_ROWS, 64),
            (2, 16, 64),
            (6, 16, 64),
            (4, AMX_ROWS, 64),
            (5, AMX_ROWS, 64),
        ];
        let remainder = [(1, AMX_ROWS, rem), (3, rem / 4, 64), (7, rem / 4, 64)];
        for (t, rows, bytes) in whole
            .into_iter()
            .chain(remainder.into_iter().filter(|_| rem > 0))
        {
            config.0[16 + 2 * t..18 + 2 * t].copy_from_slice(&(bytes as u16).to_le_bytes());
            config.0[48 + t] = rows as u8;
        }
        config
    }
}

#[cfg(target_arch = "x86_64")]
impl TileConfig {
    /// `forward_amx_bf16_wide`'s layout: eight tiles of 16 rows of 64 bytes.
    fn eight_whole() -> Self {
        let mut config = TileConfig([0; 64]);
        config.0[0] = 1; // palette 1
        for t in 0..8 {
            config.0[16 + 2 * t..18 + 2 * t].copy_from_slice(&64u16.to_le_bytes());
            config.0[48 + t] = AMX_ROWS as u8;
        }
        config
    }
}

/// The two sum tiles (4 and 5) stored for the loads that read them back: i32 sums of the
/// 8-bit product, f32 sums of the bfloat16 one.
#[cfg(target_arch = "x86_64")]
#[repr(C, align(64))]
struct SumTiles<T>([[T; LANES]; 2 * AMX_ROWS]);

#[cfg(target_arch = "x86_64")]
impl<T: Copy + Default> SumTiles<T> {
    fn new() -> Self {
        const { assert!(size_of::<T>() == 4) };
        SumTiles([[T::default(); LANES]; 2 * AMX_ROWS])
    }

    /// Stores tiles 4 and 5, one after the other.
    ///
    /// # Safety
    /// The tiles are configured by [`TileConfig::pair_of_panels`] and hold sums.
    unsafe fn store(&mut self) {
        let (first, second) = self.0.split_at_mut(AMX_ROWS);
        // SAFETY: each tile is AMX_ROWS rows of 64 bytes, what each half of `self` holds.
        unsafe {
            std::arch::asm!(
                "tilestored [{c} + {ldc}*1], tmm4",
                "tilestored [{c2} + {ldc}*1], tmm5",
                c = in(reg) first.as_mut_ptr(),
                c2 = in(reg) second.as_mut_ptr(),
                ldc = in(reg) 64usize,
                options(nostack),
            );
        }
    }
}

/// Set to 1 to run the 8-bit product on AVX512-VNNI even where AMX is available (the same
/// results; for comparing the two).
pub const NO_AMX_ENV: &str = "NEWSWIRE_NO_AMX";

/// Whether the 8-bit product can run on the AMX tile unit: the CPU has AMX-TILE and
/// AMX-INT8 (and the 8-bit product's AVX-512), and the OS grants this process the tile
/// registers (Linux asks for it once per process: ARCH_REQ_XCOMP_PERM); unless
/// `NEWSWIRE_NO_AMX=1`.
pub(crate) fn amx_supported() -> bool {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    {
        static GRANTED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *GRANTED.get_or_init(|| {
            if std::env::var(NO_AMX_ENV).is_ok_and(|v| v.trim() == "1") {
                return false;
            }
            // CPUID leaf 7: EDX bit 24 AMX-TILE, bit 25 AMX-INT8.
            let edx = std::arch::x86_64::__cpuid_count(7, 0).edx;
            const ARCH_REQ_XCOMP_PERM: libc::c_long = 0x1023;
            const XFEATURE_XTILEDATA: libc::c_long = 18;
            int8_supported()
                && edx & (0b11 << 24) == 0b11 << 24
                // SAFETY: arch_prctl with these arguments only changes this process's
                // permission to use the tile data state; it fails cleanly where unsupported.
                && unsafe {
                    libc::syscall(libc::SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA)
                } == 0
        })
    }
    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    {
        false
    }
}

/// Whether the bfloat16 product can run on the AMX tile unit: `amx_supported()` (tiles
/// granted, not `NEWSWIRE_NO_AMX=1`), AMX-BF16 and AVX512-BF16.
pub(crate) fn amx_bf16_supported() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        // CPUID leaf 7: EDX bit 22 AMX-BF16.
        let edx = std::arch::x86_64::__cpuid_count(7, 0).edx;
        amx_supported() && bf16_supported() && edx & (1 << 22) != 0
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether this CPU can run the 8-bit product (AVX-512F, BW and VNNI).
pub(crate) fn int8_supported() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("avx512vnni")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// y = x · Wᵀ + b with W stored as panels of LANES output columns, so the
/// inner loop reads weights contiguously and keeps ROWS × LANES
/// accumulators in registers.
pub(crate) struct Dense {
    panels: Vec<f32>,
    /// The same weights rounded to bfloat16, two inputs per u32 lane (see
    /// `with_bf16`); empty when the product stays in f32.
    pairs: Vec<u32>,
    /// Run the bfloat16 product on the AMX tile unit (see `with_amx_bf16`).
    amx_bf16: bool,
    /// The weights as 8-bit integers (see `with_int8`); empty when the product stays in f32.
    int8: Option<Int8Weights>,
    b: Vec<f32>,
    n_in: usize,
    n_out: usize,
}

/// What every block of one 8-bit product shares.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
struct Int8Block<'a> {
    q: &'a Int8Weights,
    /// Per block of a row, per (padded) output: 128 · Σ of its weights there.
    offsets: &'a [i32],
    blocks: usize,
}

/// Weights for VPDPBUSD: each output row scaled to ±127 and rounded.
struct Int8Weights {
    /// Panel p, input quad k: LANES i32s, lane o = the four i8 of W[o][4k..4k + 4].
    quads: Vec<i32>,
    /// Per output: the row's scale (its largest |w| / 127).
    scale: Vec<f32>,
    /// Per output and input quad: the sum of its four 8-bit weights. Inputs are stored as u8
    /// with 128 added (the instruction multiplies unsigned by signed bytes): 128 times these
    /// sums come off every sum.
    quad_sums: Vec<i32>,
}

impl Dense {
    /// `w` is row-major (n_out × n_in), thinc's layout; `b` has n_out values.
    pub(crate) fn new(w: &[f32], b: Vec<f32>, n_in: usize) -> Self {
        let n_out = b.len();
        let mut panels = vec![0.0; n_out.div_ceil(LANES) * n_in * LANES];
        for o in 0..n_out {
            for i in 0..n_in {
                panels[((o / LANES) * n_in + i) * LANES + o % LANES] = w[o * n_in + i];
            }
        }
        Self {
            panels,
            pairs: Vec::new(),
            amx_bf16: false,
            int8: None,
            b,
            n_in,
            n_out,
        }
    }

    /// Run this product in bfloat16 where `bf16_supported()`: inputs and
    /// weights rounded to 8-bit mantissas, products summed in f32 by
    /// VDPBF16PS, which does two multiply-adds per lane where FMA does one.
    /// Only for even n_in (inputs are paired); otherwise it stays in f32.
    pub(crate) fn with_bf16(mut self) -> Self {
        if !bf16_supported() || !self.n_in.is_multiple_of(2) {
            return self;
        }
        // Panel p, input pair k: LANES u32s, lane o = (W[o][2k], W[o][2k+1]).
        let half = self.n_in / 2;
        self.pairs = vec![0; self.panels.len() / 2];
        for (p, panel) in self.panels.chunks_exact(self.n_in * LANES).enumerate() {
            for k in 0..half {
                for o in 0..LANES {
                    let (lo, hi) = (panel[2 * k * LANES + o], panel[(2 * k + 1) * LANES + o]);
                    self.pairs[(p * half + k) * LANES + o] = bf16_pair(lo, hi);
                }
            }
        }
        self
    }

    /// `with_bf16`, and run the bfloat16 product on the AMX tile unit where
    /// `amx_bf16_supported()`: TDPBF16PS multiplies the same rounded inputs and weights as
    /// VDPBF16PS but rounds its f32 sums differently, so results differ from the AVX-512
    /// product in the last bits (`amx_bf16_matches_avx512`); several times faster on products
    /// of many rows. A row's result depends on that row alone, whatever the batch.
    pub(crate) fn with_amx_bf16(self) -> Self {
        let mut dense = self.with_bf16();
        dense.amx_bf16 = !dense.pairs.is_empty() && amx_bf16_supported();
        dense
    }

    /// Run this product in 8-bit integers where `int8_supported()`: each output row of W
    /// scaled to ±127, and each run of `ldx` inputs (a token's vector in the window encoder,
    /// a whole row otherwise) scaled to ±127 on its own, products summed exactly in i32 by
    /// VPDPBUSD. A token's 8-bit values depend on nothing but its own, so a text read in
    /// windows gives what it gives whole. Only for n_in a multiple of 4 (and of `ldx`);
    /// otherwise the product stays as it is.
    pub(crate) fn with_int8(mut self) -> Self {
        if !int8_supported() || !self.n_in.is_multiple_of(4) {
            return self;
        }
        let (n_in, panels) = (self.n_in, self.panels.len() / (self.n_in * LANES));
        let weight = |o: usize, i: usize| self.panels[((o / LANES) * n_in + i) * LANES + o % LANES];
        let mut scale = vec![1.0; panels * LANES];
        let mut quad_sums = vec![0; panels * LANES * n_in / 4];
        let mut quads = vec![0i32; panels * LANES * n_in / 4];
        for o in 0..panels * LANES {
            let top = (0..n_in).map(|i| weight(o, i).abs()).fold(0.0, f32::max);
            if top > 0.0 {
                scale[o] = top / 127.0;
            }
            for k in 0..n_in / 4 {
                let mut bytes = [0u8; 4];
                for (j, byte) in bytes.iter_mut().enumerate() {
                    let q = (weight(o, 4 * k + j) / scale[o])
                        .round()
                        .clamp(-127.0, 127.0) as i8;
                    quad_sums[o * (n_in / 4) + k] += i32::from(q);
                    *byte = q as u8;
                }
                quads[((o / LANES) * (n_in / 4) + k) * LANES + o % LANES] =
                    i32::from_le_bytes(bytes);
            }
        }
        self.int8 = Some(Int8Weights {
            quads,
            scale,
            quad_sums,
        });
        self
    }

    pub(crate) fn n_out(&self) -> usize {
        self.n_out
    }

    /// out (n × n_out) = x (n × n_in) · Wᵀ + b, on the best kernel the
    /// CPU supports.
    pub(crate) fn forward(&self, x: &[f32], out: &mut [f32]) {
        let n = x.len() / self.n_in;
        self.forward_on(Kernel::detect(), true, x, self.n_in, n, out);
    }

    /// `forward` in f32 even when the product also has bfloat16 weights.
    pub(crate) fn forward_exact(&self, x: &[f32], out: &mut [f32]) {
        let n = x.len() / self.n_in;
        self.forward_on(Kernel::detect(), false, x, self.n_in, n, out);
    }

    /// Like `forward`, for n input rows that start `ldx` floats apart in `x`
    /// (each reads n_in floats from its start; rows may overlap).
    pub(crate) fn forward_strided(&self, x: &[f32], ldx: usize, n: usize, out: &mut [f32]) {
        self.forward_on(Kernel::detect(), true, x, ldx, n, out);
    }

    /// The product on `kernel`; in bfloat16 if `bf16` and the product has bfloat16 weights.
    fn forward_on(
        &self,
        kernel: Kernel,
        bf16: bool,
        x: &[f32],
        ldx: usize,
        n: usize,
        out: &mut [f32],
    ) {
        if n == 0 {
            return;
        }
        assert!(x.len() >= (n - 1) * ldx + self.n_in && out.len() >= n * self.n_out);
        #[cfg(target_arch = "x86_64")]
        if let Some(q) = self
            .int8
            .as_ref()
            .filter(|_| bf16 && kernel == Kernel::Avx512)
            && ldx.is_multiple_of(4)
        {
            self.forward_int8(q, x, ldx, n, out);
            return;
        }
        #[cfg(target_arch = "x86_64")]
        if bf16 && kernel == Kernel::Avx512 && !self.pairs.is_empty() && ldx.is_multiple_of(2) {
            self.forward_bf16(x, ldx, n, out);
            return;
        }
        match kernel {
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx512 => {
                let mut r0 = 0;
                while r0 < n {
                    // 8 rows at a time, then 4, 2, 1: a short tail still has several
                    // independent accumulators to hide the FMA latency.
                    let r = tail_rows(n - r0);
                    let (xs, ys) = self.rows(x, ldx, out, r0, r);
                    // SAFETY: Kernel::Avx512 is only chosen when the CPU has AVX-512F.
                    unsafe {
                        match r {
                            ROWS_512 => self.block_avx512::<ROWS_512>(xs, ldx, ys),
                            4 => self.block_avx512::<4>(xs, ldx, ys),
                            2 => self.block_avx512::<2>(xs, ldx, ys),
                            _ => self.block_avx512::<1>(xs, ldx, ys),
                        }
                    }
                    r0 += r;
                }
            }
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => {
                let full = n / ROWS * ROWS;
                for r0 in (0..full).step_by(ROWS) {
                    let (xs, ys) = self.rows(x, ldx, out, r0, ROWS);
                    // SAFETY: Kernel::Avx2 is only chosen when the CPU has AVX2 and FMA.
                    unsafe { self.block_fma::<ROWS>(xs, ldx, ys) };
                }
                for r in full..n {
                    let (xs, ys) = self.rows(x, ldx, out, r, 1);
                    // SAFETY: as above.
                    unsafe { self.block_fma::<1>(xs, ldx, ys) };
                }
            }
            Kernel::Portable => {
                for r in 0..n {
                    let (xs, ys) = self.rows(x, ldx, out, r, 1);
                    self.row_portable(xs, ys);
                }
            }
        }
    }

    /// The product on the tile unit (`with_amx_bf16`) of `n` rows already rounded by
    /// `bf16_pairs`, `n_in / 2` pairs each, one after another: the same sums as `forward`, for
    /// a caller that gathers rows from several places and would otherwise copy each float and
    /// round it once per row reading it.
    pub(crate) fn forward_amx_pairs(&self, xp: Vec<u32>, n: usize, out: &mut [f32]) {
        assert!(self.amx_bf16 && xp.len() >= n * (self.n_in / 2));
        #[cfg(target_arch = "x86_64")]
        if n > 0 {
            self.amx_bf16_product(xp, self.n_in / 2, n, out);
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = out;
    }

    /// The tile unit's product of `n` rows of pairs starting `ldp` pairs apart.
    #[cfg(target_arch = "x86_64")]
    fn amx_bf16_product(&self, xp: Vec<u32>, ldp: usize, n: usize, out: &mut [f32]) {
        assert!(self.amx_bf16);
        let half = self.n_in / 2;
        // SAFETY: amx_bf16 is only set when amx_bf16_supported().
        unsafe {
            if !half.is_multiple_of(16) {
                self.forward_amx_bf16(xp, ldp, n, out)
            } else if n > AMX_ROWS {
                self.forward_amx_bf16_wide::<2>(xp, ldp, n, out)
            } else {
                self.forward_amx_bf16_wide::<1>(xp, ldp, n, out)
            }
        }
    }

    /// The bfloat16 product: x is rounded once into input pairs (rows start
    /// ldx/2 pairs apart), then blocked as in f32.
    #[cfg(target_arch = "x86_64")]
    fn forward_bf16(&self, x: &[f32], ldx: usize, n: usize, out: &mut [f32]) {
        // SAFETY: pairs are only built when bf16_supported(), which checks AVX-512F.
        let xp = unsafe { bf16_pairs_avx512(&x[..(n - 1) * ldx + self.n_in]) };
        let (half, ldp) = (self.n_in / 2, ldx / 2);
        if self.amx_bf16 {
            self.amx_bf16_product(xp, ldp, n, out);
            return;
        }
        let mut r0 = 0;
        while r0 < n {
            let r = tail_rows(n - r0);
            let xs = &xp[r0 * ldp..(r0 + r - 1) * ldp + half];
            let ys = &mut out[r0 * self.n_out..(r0 + r) * self.n_out];
            // SAFETY: pairs are only built when bf16_supported(), which checks
            // AVX-512F and AVX512-BF16.
            unsafe {
                match r {
                    ROWS_512 => self.block_bf16::<ROWS_512>(xs, ldp, ys),
                    4 => self.block_bf16::<4>(xs, ldp, ys),
                    2 => self.block_bf16::<2>(xs, ldp, ys),
                    _ => self.block_bf16::<1>(xs, ldp, ys),
                }
            }
            r0 += r;
        }
    }

    /// The 8-bit product: x cut into runs of ldx floats (rows start one run apart; a row
    /// spans n_in / ldx runs), each scaled to ±127 and stored as u8 + 128; then blocked, on
    /// the AMX tile unit where the CPU and the OS offer it (the same exact integer sums).
    #[cfg(target_arch = "x86_64")]
    fn forward_int8(&self, q: &Int8Weights, x: &[f32], ldx: usize, n: usize, out: &mut [f32]) {
        self.forward_int8_on(amx_supported(), q, x, ldx, n, out);
    }

    #[cfg(target_arch = "x86_64")]
    fn forward_int8_on(
        &self,
        amx: bool,
        q: &Int8Weights,
        x: &[f32],
        ldx: usize,
        n: usize,
        out: &mut [f32],
    ) {
        let blocks = self.n_in / ldx;
        let used = &x[..(n - 1 + blocks) * ldx];
        // Room for whole tiles of AMX_ROWS rows: the rows past n read zeros, and are dropped.
        let runs = n.next_multiple_of(AMX_ROWS) - 1 + blocks;
        let mut xq = vec![0i32; runs * ldx / 4];
        let mut scales: Vec<f32> = used
            .chunks_exact(ldx)
            .zip(xq.chunks_exact_mut(ldx / 4))
            // SAFETY: int8 weights are only built when int8_supported() (AVX-512F and BW).
            .map(|(run, out)| unsafe { quantize(run, out) })
            .collect();
        scales.resize(runs, 1.0);
        // Per block of a row and output: 128 · Σ of the output's weights in that block.
        let (quads, ldq, padded) = (self.n_in / 4, ldx / 4, q.scale.len());
        let mut offsets = vec![0; blocks * padded];
        for (o, sums) in q.quad_sums.chunks_exact(quads).enumerate() {
            for (blk, run) in sums.chunks_exact(ldq).enumerate() {
                offsets[blk * padded + o] = 128 * run.iter().sum::<i32>();
            }
        }
        let block = Int8Block {
            q,
            offsets: &offsets,
            blocks,
        };
        if amx {
            // SAFETY: amx_supported() checks AMX-TILE, AMX-INT8 and AVX-512F/BW, and that the
            // OS lets this process use the tile registers.
            unsafe { self.forward_amx(&block, &xq, &scales, ldx, n, out) };
            return;
        }
        let mut r0 = 0;
        while r0 < n {
            let r = tail_rows(n - r0);
            let xs = &xq[r0 * ldq..(r0 + r - 1) * ldq + quads];
            let ss = &scales[r0..r0 + r - 1 + blocks];
            let ys = &mut out[r0 * self.n_out..(r0 + r) * self.n_out];
            // SAFETY: int8 weights are only built when int8_supported(), which checks
            // AVX-512F, BW and VNNI.
            unsafe {
                match r {
                    ROWS_512 => self.block_int8::<ROWS_512>(&block, xs, ss, ys),
                    4 => self.block_int8::<4>(&block, xs, ss, ys),
                    2 => self.block_int8::<2>(&block, xs, ss, ys),
                    _ => self.block_int8::<1>(&block, xs, ss, ys),
                }
            }
            r0 += r;
        }
    }

    /// The 8-bit product on AMX: per tile of 16 rows and pair of 16-column panels, each block
    /// of a row is summed by TDPBUSD (u8 × i8 in i32, exact, as VPDPBUSD sums) in chunks of
    /// up to 64 inputs, then scaled into f32 with the same operations in the same order as
    /// `panels_int8`, so both give the same bits. Rows of a tile overlap in place: a tile load
    /// takes any stride.
    ///
    /// Tiles as [`TileConfig::pair_of_panels`] lays them out.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw")]
    fn forward_amx(
        &self,
        block: &Int8Block,
        xq: &[i32],
        scales: &[f32],
        ldx: usize,
        n: usize,
        out: &mut [f32],
    ) {
        use std::arch::asm;
        use std::arch::x86_64::*;
        let Int8Block { q, offsets, blocks } = *block;
        let (quads, ldq, padded) = (self.n_in / 4, ldx / 4, q.scale.len());
        let panels = padded / LANES;
        let (full, rem) = (ldx / 64, ldx % 64);
        let rows = n.next_multiple_of(AMX_ROWS);
        assert!(ldx.is_multiple_of(4) && ldx * blocks == self.n_in && out.len() >= n * self.n_out);
        assert!(xq.len() * 4 >= (rows - 1 + blocks) * ldx && scales.len() >= rows - 1 + blocks);
        assert!(q.quads.len() >= panels * quads * LANES && offsets.len() >= blocks * padded);
        let config = TileConfig::pair_of_panels(rem);
        let xb = xq.as_ptr().cast::<u8>();
        let wb = q.quads.as_ptr().cast::<u8>();
        let mut c = SumTiles::<i32>::new();
        // SAFETY: every tile load reads within xq (rows · ldx bytes from a row's start, the
        // last row's block ending inside xq, asserted) or within one panel's weights; the
        // stores go to `c`, which holds both sum tiles; vector loads stay inside `c`,
        // `offsets` and `q.scale` (panel-padded), and the masked ones and the stores touch
        // only the valid columns of `self.b` and of `out`'s first n rows.
        unsafe {
            asm!("ldtilecfg [{}]", in(reg) config.0.as_ptr(), options(nostack, readonly));
            for r0 in (0..rows).step_by(AMX_ROWS) {
                let mut p = 0;
                while p < panels {
                    // With an odd count the last panel runs alone: its pair repeats it.
                    let pair = usize::from(p + 1 < panels);
                    let p2 = p + pair;
                    let mut sum = [[_mm512_setzero_ps(); AMX_ROWS]; 2];
                    for blk in 0..blocks {
                        asm!("tilezero tmm4", "tilezero tmm5", options(nostack, nomem));
                        for k in 0..full + usize::from(rem > 0) {
                            let a = xb.add((r0 + blk) * ldx + 64 * k);
                            let w1 = wb.add((p * quads + blk * ldq + 16 * k) * LANES * 4);
                            let w2 = wb.add((p2 * quads + blk * ldq + 16 * k) * LANES * 4);
                            if k < full {
                                asm!(
                                    "tileloadd tmm0, [{a} + {lda}*1]",
                                    "tileloadd tmm2, [{w1} + {ldw}*1]",
                                    "tileloadd tmm6, [{w2} + {ldw}*1]",
                                    "tdpbusd tmm4, tmm0, tmm2",
                                    "tdpbusd tmm5, tmm0, tmm6",
                                    a = in(reg) a, lda = in(reg) ldx, w1 = in(reg) w1,
                                    w2 = in(reg) w2, ldw = in(reg) 64usize,
                                    options(nostack, readonly),
                                );
                            } else {
                                asm!(
                                    "tileloadd tmm1, [{a} + {lda}*1]",
                                    "tileloadd tmm3, [{w1} + {ldw}*1]",
                                    "tileloadd tmm7, [{w2} + {ldw}*1]",
                                    "tdpbusd tmm4, tmm1, tmm3",
                                    "tdpbusd tmm5, tmm1, tmm7",
                                    a = in(reg) a, lda = in(reg) ldx, w1 = in(reg) w1,
                                    w2 = in(reg) w2, ldw = in(reg) 64usize,
                                    options(nostack, readonly),
                                );
                            }
                        }
                        c.store();
                        for (j, sum) in sum.iter_mut().enumerate().take(1 + pair) {
                            let at = blk * padded + (p + j) * LANES;
                            let off = _mm512_loadu_si512(offsets[at..at + LANES].as_ptr().cast());
                            for (m, s) in sum.iter_mut().enumerate() {
                                let acc = _mm512_load_si512(c.0[j * AMX_ROWS + m].as_ptr().cast());
                                let v = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc, off));
                                *s = _mm512_fmadd_ps(v, _mm512_set1_ps(scales[r0 + m + blk]), *s);
                            }
                        }
                    }
                    for (j, sum) in sum.iter().enumerate().take(1 + pair) {
                        let c0 = (p + j) * LANES;
                        let mask = ((1u32 << LANES.min(self.n_out - c0)) - 1) as u16;
                        let ws = _mm512_loadu_ps(q.scale[c0..].as_ptr());
                        let b = _mm512_maskz_loadu_ps(mask, self.b.as_ptr().add(c0));
                        for (m, s) in sum.iter().enumerate().take(n.saturating_sub(r0)) {
                            let y = out[(r0 + m) * self.n_out..].as_mut_ptr().add(c0);
                            _mm512_mask_storeu_ps(y, mask, _mm512_fmadd_ps(*s, ws, b));
                        }
                    }
                    p += 1 + pair;
                }
            }
            asm!("tilerelease", options(nostack, nomem));
        }
    }

    /// The bfloat16 product on AMX: per tile of 16 rows and pair of 16-column panels, TDPBF16PS
    /// sums the input pairs in chunks of 16 pairs (64 bytes) and a remainder, in f32 tiles
    /// that are then stored with the bias added.
    ///
    /// Tiles as [`TileConfig::pair_of_panels`] lays them out (a 64-byte chunk is 16 pairs).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn forward_amx_bf16(&self, mut xp: Vec<u32>, ldp: usize, n: usize, out: &mut [f32]) {
        use std::arch::asm;
        let half = self.n_in / 2;
        let panels = self.pairs.len() / (half * LANES);
        let (full, rem) = (half / 16, half % 16);
        let rows = n.next_multiple_of(AMX_ROWS);
        // Room for whole tiles: the rows past n read zeros, and are dropped.
        xp.resize((rows - 1) * ldp + half, 0);
        assert!(out.len() >= n * self.n_out && self.pairs.len() >= panels * half * LANES);
        // A pair is 4 bytes: the remainder of `rem` pairs is 4 · rem bytes.
        let config = TileConfig::pair_of_panels(4 * rem);
        let (xb, wb) = (xp.as_ptr(), self.pairs.as_ptr());
        let mut c = SumTiles::<f32>::new();
        // SAFETY: every tile load reads within xp (16 rows of ldp pairs from a tile's first
        // row, the last row's pairs ending inside xp, resized above) or within one panel's
        // weights; the stores go to `c`, which holds both sum tiles; the output writes touch
        // only the valid columns of `out`'s first n rows.
        unsafe {
            asm!("ldtilecfg [{}]", in(reg) config.0.as_ptr(), options(nostack, readonly));
            for r0 in (0..rows).step_by(AMX_ROWS) {
                let mut p = 0;
                while p < panels {
                    // With an odd count the last panel runs alone: its pair repeats it.
                    let pair = usize::from(p + 1 < panels);
                    let p2 = p + pair;
                    asm!("tilezero tmm4", "tilezero tmm5", options(nostack, nomem));
                    for k in 0..full + usize::from(rem > 0) {
                        let a = xb.add(r0 * ldp + 16 * k);
                        let w1 = wb.add((p * half + 16 * k) * LANES);
                        let w2 = wb.add((p2 * half + 16 * k) * LANES);
                        if k < full {
                            asm!(
                                "tileloadd tmm0, [{a} + {lda}*1]",
                                "tileloadd tmm2, [{w1} + {ldw}*1]",
                                "tileloadd tmm6, [{w2} + {ldw}*1]",
                                "tdpbf16ps tmm4, tmm0, tmm2",
                                "tdpbf16ps tmm5, tmm0, tmm6",
                                a = in(reg) a, lda = in(reg) 4 * ldp, w1 = in(reg) w1,
                                w2 = in(reg) w2, ldw = in(reg) 64usize,
                                options(nostack, readonly),
                            );
                        } else {
                            asm!(
                                "tileloadd tmm1, [{a} + {lda}*1]",
                                "tileloadd tmm3, [{w1} + {ldw}*1]",
                                "tileloadd tmm7, [{w2} + {ldw}*1]",
                                "tdpbf16ps tmm4, tmm1, tmm3",
                                "tdpbf16ps tmm5, tmm1, tmm7",
                                a = in(reg) a, lda = in(reg) 4 * ldp, w1 = in(reg) w1,
                                w2 = in(reg) w2, ldw = in(reg) 64usize,
                                options(nostack, readonly),
                            );
                        }
                    }
                    c.store();
                    for j in 0..=pair {
                        let c0 = (p + j) * LANES;
                        let width = LANES.min(self.n_out - c0);
                        for m in 0..AMX_ROWS.min(n - r0) {
                            let y = &mut out[(r0 + m) * self.n_out + c0..][..width];
                            let sums = &c.0[j * AMX_ROWS + m][..width];
                            for ((y, s), b) in y.iter_mut().zip(sums).zip(&self.b[c0..]) {
                                *y = s + b;
                            }
                        }
                    }
                    p += 1 + pair;
                }
            }
            asm!("tilerelease", options(nostack, nomem));
        }
    }

    /// `forward_amx_bf16` for rows of whole 64-byte chunks, four sum tiles (4 to 7) at a time:
    /// ROW_TILES = 2 row tiles by two panels, sharing each input tile (0, 1) and weight tile
    /// (2, 3) loaded, so the weights are read once per 32 rows, not 16; or one row tile by
    /// four panels (weights in 1 to 3, then 1 again) for 16 rows or fewer. Four independent
    /// sums hide TDPBF16PS's latency. The same sums in the same order as `forward_amx_bf16`.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn forward_amx_bf16_wide<const ROW_TILES: usize>(
        &self,
        mut xp: Vec<u32>,
        ldp: usize,
        n: usize,
        out: &mut [f32],
    ) {
        use std::arch::asm;
        const { assert!(ROW_TILES == 1 || ROW_TILES == 2) };
        let step = 4 / ROW_TILES;
        let half = self.n_in / 2;
        let panels = self.pairs.len() / (half * LANES);
        let rows = n.next_multiple_of(ROW_TILES * AMX_ROWS);
        // Room for whole tiles: the rows past n read zeros, and are dropped.
        xp.resize((rows - 1) * ldp + half, 0);
        assert!(half.is_multiple_of(16) && out.len() >= n * self.n_out);
        assert!(self.pairs.len() >= panels * half * LANES);
        let config = TileConfig::eight_whole();
        let (xb, wb) = (xp.as_ptr(), self.pairs.as_ptr());
        // Sum tile 4 + i, stored in c[i / 2], half i % 2.
        let mut c = [SumTiles::<f32>::new(), SumTiles::<f32>::new()];
        // SAFETY: every tile load reads within xp (16 rows of ldp pairs from a tile's first
        // row, the last row's pairs ending inside xp, resized above) or within one panel's
        // weights; the stores go to `c`, two sum tiles each; the output writes touch only
        // the valid columns of `out`'s first n rows.
        unsafe {
            asm!("ldtilecfg [{}]", in(reg) config.0.as_ptr(), options(nostack, readonly));
            for r0 in (0..rows).step_by(ROW_TILES * AMX_ROWS) {
                for p in (0..panels).step_by(step) {
                    // Past the last panel, the last one repeats; its sums are dropped.
                    let w: [*const u32; 4] =
                        std::array::from_fn(|j| wb.add((p + j).min(panels - 1) * half * LANES));
                    asm!(
                        "tilezero tmm4",
                        "tilezero tmm5",
                        "tilezero tmm6",
                        "tilezero tmm7",
                        options(nostack, nomem)
                    );
                    for k in 0..half / 16 {
                        let (a, at) = (xb.add(r0 * ldp + 16 * k), 16 * k * LANES);
                        if ROW_TILES == 2 {
                            asm!(
                                "tileloadd tmm0, [{a0} + {lda}*1]",
                                "tileloadd tmm1, [{a1} + {lda}*1]",
                                "tileloadd tmm2, [{w0} + {ldw}*1]",
                                "tileloadd tmm3, [{w1} + {ldw}*1]",
                                "tdpbf16ps tmm4, tmm0, tmm2",
                                "tdpbf16ps tmm5, tmm0, tmm3",
                                "tdpbf16ps tmm6, tmm1, tmm2",
                                "tdpbf16ps tmm7, tmm1, tmm3",
                                a0 = in(reg) a,
                                a1 = in(reg) a.add(AMX_ROWS * ldp),
                                lda = in(reg) 4 * ldp,
                                w0 = in(reg) w[0].add(at),
                                w1 = in(reg) w[1].add(at),
                                ldw = in(reg) 64usize,
                                options(nostack, readonly),
                            );
                        } else {
                            asm!(
                                "tileloadd tmm0, [{a} + {lda}*1]",
                                "tileloadd tmm1, [{w0} + {ldw}*1]",
                                "tileloadd tmm2, [{w1} + {ldw}*1]",
                                "tileloadd tmm3, [{w2} + {ldw}*1]",
                                "tdpbf16ps tmm4, tmm0, tmm1",
                                "tdpbf16ps tmm5, tmm0, tmm2",
                                "tdpbf16ps tmm6, tmm0, tmm3",
                                "tileloadd tmm1, [{w3} + {ldw}*1]",
                                "tdpbf16ps tmm7, tmm0, tmm1",
                                a = in(reg) a,
                                lda = in(reg) 4 * ldp,
                                w0 = in(reg) w[0].add(at),
                                w1 = in(reg) w[1].add(at),
                                w2 = in(reg) w[2].add(at),
                                w3 = in(reg) w[3].add(at),
                                ldw = in(reg) 64usize,
                                options(nostack, readonly),
                            );
                        }
                    }
                    let [low, high] = &mut c;
                    asm!(
                        "tilestored [{c0} + {ldc}*1], tmm4",
                        "tilestored [{c1} + {ldc}*1], tmm5",
                        "tilestored [{c2} + {ldc}*1], tmm6",
                        "tilestored [{c3} + {ldc}*1], tmm7",
                        c0 = in(reg) low.0.as_mut_ptr(),
                        c1 = in(reg) low.0[AMX_ROWS..].as_mut_ptr(),
                        c2 = in(reg) high.0.as_mut_ptr(),
                        c3 = in(reg) high.0[AMX_ROWS..].as_mut_ptr(),
                        ldc = in(reg) 64usize,
                        options(nostack),
                    );
                    for i in 0..4 {
                        // 2 × 2: tile i holds row tile i / 2, panel i % 2; 1 × 4: panel i.
                        let (first, panel) = match ROW_TILES {
                            2 => (r0 + i / 2 * AMX_ROWS, p + i % 2),
                            _ => (r0, p + i),
                        };
                        if panel >= panels {
                            continue;
                        }
                        let c0 = panel * LANES;
                        let width = LANES.min(self.n_out - c0);
                        let tile = &c[i / 2].0[i % 2 * AMX_ROWS..];
                        for m in 0..AMX_ROWS.min(n.saturating_sub(first)) {
                            let y = &mut out[(first + m) * self.n_out + c0..][..width];
                            for ((y, s), b) in y.iter_mut().zip(&tile[m]).zip(&self.b[c0..]) {
                                *y = s + b;
                            }
                        }
                    }
                }
            }
            asm!("tilerelease", options(nostack, nomem));
        }
    }

    /// R rows × 16-column panels in 8-bit integers, two panels at a time (each broadcast
    /// input quad feeds two VPDPBUSDs), then the odd one.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    fn block_int8<const R: usize>(
        &self,
        block: &Int8Block,
        xs: &[i32],
        scales: &[f32],
        ys: &mut [f32],
    ) {
        let panels = block.q.quads.len() / (self.n_in / 4 * LANES);
        let mut p = 0;
        while p + 2 <= panels {
            self.panels_int8::<R, 2>(block, p, xs, scales, ys);
            p += 2;
        }
        if p < panels {
            self.panels_int8::<R, 1>(block, p, xs, scales, ys);
        }
    }

    /// R rows × P panels from panel p0: per block of a row, each VPDPBUSD adds four u8 × i8
    /// products to 16 i32 accumulators; the block's sums are scaled by its run's input scale
    /// into f32 accumulators, those by the weights' scales.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    fn panels_int8<const R: usize, const P: usize>(
        &self,
        block: &Int8Block,
        p0: usize,
        xs: &[i32],
        scales: &[f32],
        ys: &mut [f32],
    ) {
        use std::arch::x86_64::*;
        let Int8Block { q, offsets, blocks } = *block;
        let quads = self.n_in / 4;
        let ldq = quads / blocks;
        let padded = q.scale.len();
        assert!(xs.len() >= (R - 1) * ldq + quads && scales.len() >= R - 1 + blocks);
        assert!((p0 + P) * quads * LANES <= q.quads.len());
        let mut sum = [[_mm512_setzero_ps(); R]; P];
        for blk in 0..blocks {
            let mut acc = [[_mm512_setzero_si512(); R]; P];
            for k in 0..ldq {
                let w: [__m512i; P] = std::array::from_fn(|j| {
                    let at = ((p0 + j) * quads + blk * ldq + k) * LANES;
                    // SAFETY: at + LANES <= quads.len() (asserted above); loadu has no
                    // alignment requirement.
                    unsafe { _mm512_loadu_si512(q.quads[at..at + LANES].as_ptr().cast()) }
                });
                for r in 0..R {
                    let xv = _mm512_set1_epi32(xs[r * ldq + blk * ldq + k]);
                    for j in 0..P {
                        acc[j][r] = _mm512_dpbusd_epi32(acc[j][r], xv, w[j]);
                    }
                }
            }
            for j in 0..P {
                let at = blk * padded + (p0 + j) * LANES;
                // SAFETY: offsets holds `padded` i32s per block, a multiple of LANES.
                let off = unsafe { _mm512_loadu_si512(offsets[at..at + LANES].as_ptr().cast()) };
                for r in 0..R {
                    let v = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc[j][r], off));
                    sum[j][r] = _mm512_fmadd_ps(v, _mm512_set1_ps(scales[r + blk]), sum[j][r]);
                }
            }
        }
        for (j, sum) in sum.iter().enumerate() {
            let c0 = (p0 + j) * LANES;
            let mask = ((1u32 << LANES.min(self.n_out - c0)) - 1) as u16;
            // SAFETY: scale is panel-padded; the masked load and stores touch only the valid
            // columns c0.. of b and of each row of ys (n_out floats each).
            unsafe {
                let ws = _mm512_loadu_ps(q.scale[c0..].as_ptr());
                let b = _mm512_maskz_loadu_ps(mask, self.b.as_ptr().add(c0));
                for (r, s) in sum.iter().enumerate() {
                    let y = ys[r * self.n_out..].as_mut_ptr().add(c0);
                    _mm512_mask_storeu_ps(y, mask, _mm512_fmadd_ps(*s, ws, b));
                }
            }
        }
    }

    fn rows<'a>(
        &self,
        x: &'a [f32],
        ldx: usize,
        out: &'a mut [f32],
        r0: usize,
        r: usize,
    ) -> (&'a [f32], &'a mut [f32]) {
        (
            &x[r0 * ldx..(r0 + r - 1) * ldx + self.n_in],
            &mut out[r0 * self.n_out..(r0 + r) * self.n_out],
        )
    }

    /// Store one panel's accumulators (plus bias) into the valid columns.
    fn store(&self, acc: &[f32; LANES], panel: usize, y: &mut [f32]) {
        let c0 = panel * LANES;
        let width = LANES.min(self.n_out - c0);
        for ((y, a), b) in y[c0..c0 + width].iter_mut().zip(acc).zip(&self.b[c0..]) {
            *y = a + b;
        }
    }

    fn row_portable(&self, x: &[f32], y: &mut [f32]) {
        for (p, panel) in self.panels.chunks_exact(self.n_in * LANES).enumerate() {
            let mut acc = [0.0f32; LANES];
            for (xv, w) in x.iter().zip(panel.chunks_exact(LANES)) {
                for (a, w) in acc.iter_mut().zip(w) {
                    *a += xv * w;
                }
            }
            self.store(&acc, p, y);
        }
    }

    /// R rows × one 16-column panel at a time, accumulators in registers.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn block_fma<const R: usize>(&self, xs: &[f32], ldx: usize, ys: &mut [f32]) {
        use std::arch::x86_64::{__m256, _mm256_fmadd_ps, _mm256_loadu_ps, _mm256_set1_ps};
        use std::arch::x86_64::{_mm256_setzero_ps, _mm256_storeu_ps};
        let n_in = self.n_in;
        for (p, panel) in self.panels.chunks_exact(n_in * LANES).enumerate() {
            let mut acc: [[__m256; 2]; R] = [[_mm256_setzero_ps(); 2]; R];
            for (i, w) in panel.chunks_exact(LANES).enumerate() {
                // SAFETY: `w` holds exactly LANES = 16 floats; loadu has no
                // alignment requirement.
                let (w0, w1) = unsafe {
                    (
                        _mm256_loadu_ps(w.as_ptr()),
                        _mm256_loadu_ps(w.as_ptr().add(8)),
                    )
                };
                for (r, a) in acc.iter_mut().enumerate() {
                    let xv = _mm256_set1_ps(xs[r * ldx + i]);
                    a[0] = _mm256_fmadd_ps(xv, w0, a[0]);
                    a[1] = _mm256_fmadd_ps(xv, w1, a[1]);
                }
            }
            for (r, a) in acc.iter().enumerate() {
                let mut tmp = [0.0f32; LANES];
                // SAFETY: `tmp` holds 16 floats; storeu has no alignment requirement.
                unsafe {
                    _mm256_storeu_ps(tmp.as_mut_ptr(), a[0]);
                    _mm256_storeu_ps(tmp.as_mut_ptr().add(8), a[1]);
                }
                self.store(&tmp, p, &mut ys[r * self.n_out..(r + 1) * self.n_out]);
            }
        }
    }

    /// R rows × two 16-column panels at a time (one zmm register each).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn block_avx512<const R: usize>(&self, xs: &[f32], ldx: usize, ys: &mut [f32]) {
        use std::arch::x86_64::_mm512_setzero_ps;
        use std::arch::x86_64::{__m512, _mm512_fmadd_ps, _mm512_loadu_ps, _mm512_set1_ps};
        let n_in = self.n_in;
        let panels: Vec<&[f32]> = self.panels.chunks_exact(n_in * LANES).collect();
        for p in (0..panels.len()).step_by(2) {
            // An odd last panel is paired with itself; its copy is discarded.
            let (pa, pb) = (panels[p], panels[(p + 1).min(panels.len() - 1)]);
            let mut acc: [[__m512; 2]; R] = [[_mm512_setzero_ps(); 2]; R];
            for (i, (wa, wb)) in pa
                .chunks_exact(LANES)
                .zip(pb.chunks_exact(LANES))
                .enumerate()
            {
                // SAFETY: each chunk holds exactly LANES = 16 floats; loadu has
                // no alignment requirement.
                let (wa, wb) =
                    unsafe { (_mm512_loadu_ps(wa.as_ptr()), _mm512_loadu_ps(wb.as_ptr())) };
                for (r, a) in acc.iter_mut().enumerate() {
                    let xv = _mm512_set1_ps(xs[r * ldx + i]);
                    a[0] = _mm512_fmadd_ps(xv, wa, a[0]);
                    a[1] = _mm512_fmadd_ps(xv, wb, a[1]);
                }
            }
            self.store_block(&acc, p, panels.len(), ys);
        }
    }

    /// Store an R-row block's accumulators plus bias for panels p and p + 1 (only p if it
    /// is the last), masked to the valid columns.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn store_block<const R: usize>(
        &self,
        acc: &[[std::arch::x86_64::__m512; 2]; R],
        p: usize,
        panels: usize,
        ys: &mut [f32],
    ) {
        use std::arch::x86_64::{_mm512_add_ps, _mm512_mask_storeu_ps, _mm512_maskz_loadu_ps};
        for (r, a) in acc.iter().enumerate() {
            let y = &mut ys[r * self.n_out..(r + 1) * self.n_out];
            for (k, v) in a
                .iter()
                .enumerate()
                .take(if p + 1 < panels { 2 } else { 1 })
            {
                let c0 = (p + k) * LANES;
                let mask = ((1u32 << LANES.min(self.n_out - c0)) - 1) as u16;
                // SAFETY: masked loads and stores touch only the valid columns c0.. of b
                // and y, which both hold n_out floats.
                unsafe {
                    let b = _mm512_maskz_loadu_ps(mask, self.b.as_ptr().add(c0));
                    _mm512_mask_storeu_ps(y.as_mut_ptr().add(c0), mask, _mm512_add_ps(*v, b));
                }
            }
        }
    }

    /// R rows × two 16-column panels at a time in bfloat16: each VDPBF16PS
    /// adds x[2k]·w[2k] + x[2k+1]·w[2k+1] to 16 f32 accumulators.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bf16")]
    fn block_bf16<const R: usize>(&self, xs: &[u32], ldp: usize, ys: &mut [f32]) {
        use std::arch::x86_64::_mm512_setzero_ps;
        use std::arch::x86_64::{__m512, __m512bh, __m512i, _mm512_dpbf16_ps};
        use std::arch::x86_64::{_mm512_loadu_si512, _mm512_set1_epi32};
        // SAFETY: both are 64 plain bytes; the u32 lanes hold bfloat16 pairs (bf16_pair).
        let bh = |v: __m512i| unsafe { std::mem::transmute::<__m512i, __m512bh>(v) };
        let half = self.n_in / 2;
        let panels: Vec<&[u32]> = self.pairs.chunks_exact(half * LANES).collect();
        for p in (0..panels.len()).step_by(2) {
            // An odd last panel is paired with itself; its copy is discarded.
            let (pa, pb) = (panels[p], panels[(p + 1).min(panels.len() - 1)]);
            let mut acc: [[__m512; 2]; R] = [[_mm512_setzero_ps(); 2]; R];
            for (k, (wa, wb)) in pa
                .chunks_exact(LANES)
                .zip(pb.chunks_exact(LANES))
                .enumerate()
            {
                // SAFETY: each chunk holds exactly LANES = 16 u32s (64 bytes);
                // loadu has no alignment requirement.
                let (wa, wb) = unsafe {
                    (
                        bh(_mm512_loadu_si512(wa.as_ptr().cast())),
                        bh(_mm512_loadu_si512(wb.as_ptr().cast())),
                    )
                };
                for (r, a) in acc.iter_mut().enumerate() {
                    let xv = bh(_mm512_set1_epi32(xs[r * ldp + k] as i32));
                    a[0] = _mm512_dpbf16_ps(a[0], xv, wa);
                    a[1] = _mm512_dpbf16_ps(a[1], xv, wb);
                }
            }
            self.store_block(&acc, p, panels.len(), ys);
        }
    }
}

/// `x` scaled to ±127 by one factor (its largest |x| / 127, returned), rounded to nearest
/// even and stored as u8 + 128, four to an i32 of `out` (x.len() / 4 of them).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw")]
fn quantize(x: &[f32], out: &mut [i32]) -> f32 {
    use std::arch::x86_64::*;
    assert!(out.len() * 4 == x.len());
    let (chunks, tail) = x.as_chunks::<LANES>();
    let mut top = _mm512_setzero_ps();
    for c in chunks {
        // SAFETY: c holds LANES floats; loadu has no alignment requirement.
        top = _mm512_max_ps(top, _mm512_abs_ps(unsafe { _mm512_loadu_ps(c.as_ptr()) }));
    }
    let top = tail
        .iter()
        .fold(_mm512_reduce_max_ps(top), |m, v| m.max(v.abs()));
    let scale = if top > 0.0 && top.is_finite() {
        top / 127.0
    } else {
        1.0
    };
    let inv = 1.0 / scale;
    let (lo, hi) = (_mm512_set1_epi32(-127), _mm512_set1_epi32(127));
    let (offset, inv_v) = (_mm512_set1_epi32(128), _mm512_set1_ps(inv));
    for (c, o) in chunks.iter().zip(out.chunks_exact_mut(LANES / 4)) {
        // SAFETY: c holds LANES floats and o LANES bytes (LANES / 4 i32s); cvtps rounds to
        // nearest even (the default MXCSR mode).
        unsafe {
            let q = _mm512_cvtps_epi32(_mm512_mul_ps(_mm512_loadu_ps(c.as_ptr()), inv_v));
            let q = _mm512_add_epi32(_mm512_min_epi32(_mm512_max_epi32(q, lo), hi), offset);
            _mm_storeu_si128(o.as_mut_ptr().cast(), _mm512_cvtepi32_epi8(q));
        }
    }
    let byte = |v: f32| ((v * inv).round_ties_even().clamp(-127.0, 127.0) as i32 + 128) as u8;
    let done = chunks.len() * LANES / 4;
    for (o, c) in out[done..].iter_mut().zip(tail.chunks_exact(4)) {
        *o = i32::from_le_bytes([byte(c[0]), byte(c[1]), byte(c[2]), byte(c[3])]);
    }
    scale
}

/// Rows for the next AVX-512 block when `left` rows remain: 8, else the largest of 4, 2, 1.
#[cfg(target_arch = "x86_64")]
fn tail_rows(left: usize) -> usize {
    match left {
        ROWS_512.. => ROWS_512,
        4.. => 4,
        2.. => 2,
        _ => 1,
    }
}

/// f32 -> bfloat16 bits, rounding to nearest even (NaN stays NaN).
pub(crate) fn bf16(v: f32) -> u32 {
    if v.is_nan() {
        return 0x7fc0;
    }
    let b = v.to_bits();
    (b + 0x7fff + ((b >> 16) & 1)) >> 16
}

/// Two values as one u32 of bfloat16s, `lo` in the low half: the layout
/// VDPBF16PS multiplies lane by lane.
fn bf16_pair(lo: f32, hi: f32) -> u32 {
    bf16(lo) | (bf16(hi) << 16)
}

/// `bf16_pair` of each pair of `x` (an even count), sixteen values at a time: the same
/// integer rounding on the bits, narrowed to 16 bits two lanes to a pair. The rounding of a
/// product's inputs was a tenth of the Russian taggers' time in scalar form.
/// `x` rounded to bfloat16, each two floats one pair, as the tile unit's products read them.
pub(crate) fn bf16_pairs(x: &[f32]) -> Vec<u32> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512f") {
        // SAFETY: the CPU has AVX-512F (checked above).
        return unsafe { bf16_pairs_avx512(x) };
    }
    x.chunks_exact(2).map(|p| bf16_pair(p[0], p[1])).collect()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn bf16_pairs_avx512(x: &[f32]) -> Vec<u32> {
    use std::arch::x86_64::*;
    let mut out: Vec<u32> = Vec::with_capacity(x.len() / 2);
    let (chunks, tail) = x.as_chunks::<16>();
    let one = _mm512_set1_epi32(1);
    let round = _mm512_set1_epi32(0x7fff);
    let nan = _mm512_set1_epi32(0x7fc0);
    for chunk in chunks {
        // SAFETY: a chunk is 16 floats; `out` has room for 8 more u32s (capacity above).
        unsafe {
            let v = _mm512_loadu_ps(chunk.as_ptr());
            let b = _mm512_castps_si512(v);
            let odd = _mm512_and_si512(_mm512_srli_epi32::<16>(b), one);
            let r = _mm512_srli_epi32::<16>(_mm512_add_epi32(_mm512_add_epi32(b, round), odd));
            let r = _mm512_mask_mov_epi32(r, _mm512_cmp_ps_mask::<_CMP_UNORD_Q>(v, v), nan);
            let len = out.len();
            _mm256_storeu_si256(out.as_mut_ptr().add(len).cast(), _mm512_cvtepi32_epi16(r));
            out.set_len(len + 8);
        }
    }
    out.extend(tail.chunks_exact(2).map(|p| bf16_pair(p[0], p[1])));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vector rounding gives `bf16_pair`'s bits: ties both ways, NaN, infinities,
    /// subnormals, and a scalar tail.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn bf16_pairs_match_scalar() {
        if !std::arch::is_x86_feature_detected!("avx512f") {
            return;
        }
        let mut x: Vec<f32> = (0..90).map(|v| (v as f32 * 0.731).sin() * 1e3).collect();
        x[..8].copy_from_slice(&[
            f32::from_bits(0x3f80_8000),
            f32::from_bits(0x3f81_8000),
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::from_bits(1),
            -0.0,
            f32::MAX,
        ]);
        let want: Vec<u32> = x.chunks_exact(2).map(|p| bf16_pair(p[0], p[1])).collect();
        // SAFETY: the CPU has AVX-512F.
        assert_eq!(unsafe { bf16_pairs_avx512(&x) }, want);
    }

    #[test]
    fn dense_matches_naive() {
        // 23 rows: two 8-row blocks and tails of 4, 2 and 1; odd sizes: a partial panel.
        let (n, n_in, n_out) = (23, 5, 37);
        let x: Vec<f32> = (0..n * n_in).map(|v| (v as f32 * 0.37).sin()).collect();
        let w: Vec<f32> = (0..n_out * n_in).map(|v| (v as f32 * 0.11).cos()).collect();
        let b: Vec<f32> = (0..n_out).map(|v| v as f32 - 3.0).collect();
        let dense = Dense::new(&w, b.clone(), n_in);
        for kernel in Kernel::available() {
            let mut out = vec![0.0; n * n_out];
            dense.forward_on(kernel, true, &x, n_in, n, &mut out);
            for r in 0..n {
                for o in 0..n_out {
                    let want: f32 = b[o]
                        + (0..n_in)
                            .map(|i| x[r * n_in + i] * w[o * n_in + i])
                            .sum::<f32>();
                    assert!((out[r * n_out + o] - want).abs() < 1e-5, "{kernel:?}");
                }
            }
        }
    }

    #[test]
    fn bf16_rounds_to_nearest_even() {
        assert_eq!(bf16(1.0), 0x3f80);
        assert_eq!(bf16(-2.5), 0xc020);
        // 1 + 2^-8 is halfway between two bfloat16s: ties go to the even one.
        assert_eq!(bf16(1.0 + 1.0 / 256.0), 0x3f80);
        assert_eq!(bf16(1.0 + 3.0 / 256.0), 0x3f82);
        assert_eq!(bf16(f32::NAN) & 0x7fc0, 0x7fc0);
        assert_eq!(bf16_pair(1.0, -2.5), 0xc020_3f80);
    }

    /// The 8-bit product stays within quantization error of the f32 product (half a step of
    /// the input scale times Σ|w|, half a step of each weight's row scale times Σ|x|, and
    /// the product of the two half steps per input),
    /// and moves it visibly: strided, overlapping rows as the window encoder reads them,
    /// 37 outputs (a partial panel, an odd panel count), 23 rows (every block size).
    #[test]
    fn int8_product_stays_within_quantization_error() {
        if !int8_supported() {
            eprintln!("no AVX512-VNNI on this CPU: nothing to check");
            return;
        }
        let (n, ldx, n_in, n_out) = (23, 8, 24, 37);
        let x: Vec<f32> = (0..(n - 1) * ldx + n_in)
            .map(|v| (v as f32 * 0.37).sin() * 2.0)
            .collect();
        let w: Vec<f32> = (0..n_out * n_in).map(|v| (v as f32 * 0.11).cos()).collect();
        let b: Vec<f32> = (0..n_out).map(|v| v as f32 - 3.0).collect();
        let dense = Dense::new(&w, b.clone(), n_in).with_int8();
        assert!(dense.int8.is_some());
        let mut out = vec![f32::NAN; n * n_out];
        dense.forward_strided(&x, ldx, n, &mut out);
        let x_step = x.iter().fold(0.0f32, |m, v| m.max(v.abs())) / 127.0;
        let mut worst = 0.0f32;
        for r in 0..n {
            let row = &x[r * ldx..r * ldx + n_in];
            for o in 0..n_out {
                let wo = &w[o * n_in..(o + 1) * n_in];
                let exact: f32 = b[o] + row.iter().zip(wo).map(|(x, w)| x * w).sum::<f32>();
                let w_step = wo.iter().fold(0.0f32, |m, v| m.max(v.abs())) / 127.0;
                let bound = 0.5 * x_step * wo.iter().map(|w| w.abs()).sum::<f32>()
                    + 0.5 * w_step * row.iter().map(|x| x.abs()).sum::<f32>()
                    + 0.25 * x_step * w_step * n_in as f32
                    + 1e-4;
                let diff = (out[r * n_out + o] - exact).abs();
                assert!(diff <= bound, "row {r} col {o}: {diff} > {bound}");
                worst = worst.max(diff);
            }
        }
        assert!(worst > 1e-5, "{worst}");
        // forward_exact ignores the 8-bit weights: the f32 product.
        let rows: Vec<f32> = (0..n)
            .flat_map(|r| x[r * ldx..r * ldx + n_in].to_vec())
            .collect();
        let (mut exact, mut plain) = (vec![0.0; n * n_out], vec![0.0; n * n_out]);
        dense.forward_exact(&rows, &mut exact);
        Dense::new(&w, b, n_in).forward(&rows, &mut plain);
        assert_eq!(exact, plain);
    }

    /// The AMX and VNNI 8-bit products give the same bits: strided, overlapping rows with a
    /// chunk of 64 inputs and a remainder, 37 outputs (an odd panel count), 37 rows (a partial
    /// tile).
    #[test]
    fn amx_product_equals_vnni() {
        if !amx_supported() {
            eprintln!("no AMX on this CPU or OS: nothing to check");
            return;
        }
        let (n, ldx, n_in, n_out) = (37, 72, 216, 37);
        let x: Vec<f32> = (0..(n - 1) * ldx + n_in)
            .map(|v| (v as f32 * 0.37).sin() * 2.0)
            .collect();
        let w: Vec<f32> = (0..n_out * n_in).map(|v| (v as f32 * 0.11).cos()).collect();
        let b: Vec<f32> = (0..n_out).map(|v| v as f32 - 3.0).collect();
        let dense = Dense::new(&w, b, n_in).with_int8();
        let q = dense.int8.as_ref().unwrap();
        let (mut amx, mut vnni) = (vec![f32::NAN; n * n_out], vec![f32::NAN; n * n_out]);
        dense.forward_int8_on(true, q, &x, ldx, n, &mut amx);
        dense.forward_int8_on(false, q, &x, ldx, n, &mut vnni);
        let bits = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&amx), bits(&vnni));
    }

    /// The bfloat16 product on AMX sums the same rounded products as the AVX-512 one, in
    /// another order: equal up to f32 rounding of the sums. Two chunks of 16 input pairs and
    /// a remainder, 37 outputs (an odd panel count), 37 rows (a partial tile), strided
    /// overlapping rows.
    #[test]
    fn amx_bf16_matches_avx512() {
        if !amx_bf16_supported() {
            eprintln!("no AMX-BF16 on this CPU or OS: nothing to check");
            return;
        }
        let (n, ldx, n_in, n_out) = (37, 42, 76, 37);
        let x: Vec<f32> = (0..(n - 1) * ldx + n_in)
            .map(|v| (v as f32 * 0.37).sin())
            .collect();
        let w: Vec<f32> = (0..n_out * n_in).map(|v| (v as f32 * 0.11).cos()).collect();
        let b: Vec<f32> = (0..n_out).map(|v| v as f32 - 3.0).collect();
        let avx512 = Dense::new(&w, b.clone(), n_in).with_bf16();
        let amx = Dense::new(&w, b, n_in).with_amx_bf16();
        assert!(amx.amx_bf16 && !avx512.amx_bf16);
        let (mut y_amx, mut y_avx) = (vec![f32::NAN; n * n_out], vec![f32::NAN; n * n_out]);
        amx.forward_strided(&x, ldx, n, &mut y_amx);
        avx512.forward_strided(&x, ldx, n, &mut y_avx);
        let worst = y_amx
            .iter()
            .zip(&y_avx)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        eprintln!("worst difference {worst:e}");
        assert!(worst < 1e-5, "{worst}");
    }

    /// The wide AMX kernels give the one-tile kernel's bits: 45 rows (a partial second pair
    /// of row tiles) or 11, three panels (not a whole step), strided overlapping rows.
    #[test]
    fn amx_bf16_wide_equals_one_tile() {
        if !amx_bf16_supported() {
            eprintln!("no AMX-BF16 on this CPU or OS: nothing to check");
            return;
        }
        let (n, ldx, n_in, n_out) = (45, 40, 96, 37);
        let x: Vec<f32> = (0..(n - 1) * ldx + n_in)
            .map(|v| (v as f32 * 0.37).sin())
            .collect();
        let w: Vec<f32> = (0..n_out * n_in).map(|v| (v as f32 * 0.11).cos()).collect();
        let b: Vec<f32> = (0..n_out).map(|v| v as f32 - 3.0).collect();
        let amx = Dense::new(&w, b, n_in).with_amx_bf16();
        // SAFETY: the CPU has AVX-512F.
        let xp = unsafe { bf16_pairs_avx512(&x) };
        for n in [n, 11] {
            let mut want = vec![f32::NAN; n * n_out];
            let (mut two, mut one) = (want.clone(), want.clone());
            // SAFETY: AMX-BF16 is supported (checked above).
            unsafe {
                amx.forward_amx_bf16(xp.clone(), ldx / 2, n, &mut want);
                amx.forward_amx_bf16_wide::<2>(xp.clone(), ldx / 2, n, &mut two);
                amx.forward_amx_bf16_wide::<1>(xp.clone(), ldx / 2, n, &mut one);
            }
            assert_eq!(two, want);
            assert_eq!(one, want);
        }
    }

    /// The bfloat16 product equals the f32 product of the rounded inputs and
    /// weights, up to summation order; strided, overlapping rows as the
    /// window encoder reads them.
    #[test]
    fn bf16_product_matches_rounded_naive() {
        if !bf16_supported() {
            eprintln!("no AVX512-BF16 on this CPU: nothing to check");
            return;
        }
        let round = |v: f32| f32::from_bits(bf16(v) << 16);
        // 23 rows: two 8-row blocks and tails of 4, 2, 1; 37 outputs: a partial panel
        // and an odd panel count.
        let (n, ldx, n_in, n_out) = (23, 6, 18, 37);
        let x: Vec<f32> = (0..(n - 1) * ldx + n_in)
            .map(|v| (v as f32 * 0.37).sin())
            .collect();
        let w: Vec<f32> = (0..n_out * n_in).map(|v| (v as f32 * 0.11).cos()).collect();
        let b: Vec<f32> = (0..n_out).map(|v| v as f32 - 3.0).collect();
        let dense = Dense::new(&w, b.clone(), n_in).with_bf16();
        assert!(!dense.pairs.is_empty());
        let mut out = vec![0.0; n * n_out];
        dense.forward_strided(&x, ldx, n, &mut out);
        let mut worst_exact = 0.0f32;
        for r in 0..n {
            for o in 0..n_out {
                let row = (0..n_in).map(|i| (x[r * ldx + i], w[o * n_in + i]));
                let rounded: f32 =
                    b[o] + row.clone().map(|(x, w)| round(x) * round(w)).sum::<f32>();
                let exact: f32 = b[o] + row.map(|(x, w)| x * w).sum::<f32>();
                assert!(
                    (out[r * n_out + o] - rounded).abs() < 1e-4,
                    "row {r} col {o}"
                );
                worst_exact = worst_exact.max((out[r * n_out + o] - exact).abs());
            }
        }
        // Rounding is visible against the f32 product, and small.
        assert!(worst_exact > 1e-5 && worst_exact < 0.05, "{worst_exact}");
        // forward_exact ignores the bfloat16 weights: the f32 product, exactly.
        let rows: Vec<f32> = (0..n)
            .flat_map(|r| x[r * ldx..r * ldx + n_in].to_vec())
            .collect();
        let (mut exact, mut plain) = (vec![0.0; n * n_out], vec![0.0; n * n_out]);
        dense.forward_exact(&rows, &mut exact);
        Dense::new(&w, b.clone(), n_in).forward(&rows, &mut plain);
        assert_eq!(exact, plain);
    }
}
