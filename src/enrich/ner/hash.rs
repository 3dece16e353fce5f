//! The two hash functions spaCy/thinc use to turn strings into embedding rows.

/// MurmurHash64A (MurmurHash2, 64-bit), as `murmurhash.hash64` /
/// `spacy.strings.hash_string` (seed 1) compute it.
pub(crate) fn murmurhash64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(M);
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let mut k = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, b) in tail.iter().enumerate() {
            h ^= u64::from(*b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// thinc's `ops.hash(ids, seed)` for HashEmbed: despite its name
/// (`MurmurHash3_x86_128_uint64`) it is MurmurHash3_x64_128 of the key's 8
/// bytes, returned as four u32 (low/high halves of h1, h2).
pub(crate) fn hash_embed_keys(key: u64, seed: u32) -> [u32; 4] {
    let seed = u64::from(seed);
    let mut h1 = key
        .wrapping_mul(0x87c3_7b91_1142_53d5)
        .rotate_left(31)
        .wrapping_mul(0x4cf5_ad43_2745_937f);
    h1 ^= seed ^ 8;
    let mut h2 = seed ^ 8;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    [h1 as u32, (h1 >> 32) as u32, h2 as u32, (h2 >> 32) as u32]
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values computed with spaCy 3.8 / thinc 8.3 (`hash_string`,
    // `NumpyOps().hash(ids, 8)`).
    #[test]
    fn string_hash_matches_spacy() {
        assert_eq!(murmurhash64a(b"Hello", 1), 15777305708150031551);
        assert_eq!(murmurhash64a(b"a", 1), 11901859001352538922);
        assert_eq!(murmurhash64a(b"abcdefghij", 1), 17029599333975756408);
    }

    #[test]
    fn embed_hash_matches_thinc() {
        assert_eq!(
            hash_embed_keys(12345678901234567890, 8),
            [825681028, 3746740173, 3386005190, 3472626611]
        );
        assert_eq!(
            hash_embed_keys(1, 8),
            [1161550108, 2247783286, 1742325162, 1224191281]
        );
        assert_eq!(hash_embed_keys(0, 8), [0; 4]);
    }
}
