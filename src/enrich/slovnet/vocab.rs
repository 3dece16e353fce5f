//! Word table: lower-cased word -> row of PQ codes, as an open-addressing
//! hash over one string blob (no per-word allocation, fast to build).

use std::hash::{BuildHasher, Hasher};

pub(crate) struct WordTable {
    blob: Vec<u8>,
    /// Number of words.
    count: usize,
    /// Slot -> 0 if empty, else the word's byte offset in `blob` (high 32 bits), a tag of its
    /// hash (the low half's bits above `index_bits`) and its index + 1 (the low
    /// `index_bits`). A lookup reads its word's bytes without a table of offsets, and the
    /// tag skips most other words on its probe path without reading theirs.
    slots: Vec<u64>,
    index_bits: u32,
}

/// foldhash over the word's bytes, with a fixed seed: it reads up to 16 bytes a step where
/// FNV-1a took one multiply per byte, and most Russian words are 10 to 20 bytes long.
fn word_hash(bytes: &[u8]) -> u64 {
    let mut hasher = foldhash::fast::FixedState::default().build_hasher();
    hasher.write(bytes);
    hasher.finish()
}

impl WordTable {
    /// `blob` is the '\n'-joined word list. Later duplicates win, as in
    /// Python's `{item: id for id, item in enumerate(items)}`.
    pub(crate) fn new(blob: Vec<u8>) -> Self {
        let mut starts = Vec::new();
        if !blob.is_empty() {
            starts.push(0u32);
            for (i, &b) in blob.iter().enumerate() {
                if b == b'\n' {
                    starts.push(i as u32 + 1);
                }
            }
        }
        let count = starts.len();
        let size = (count * 2).next_power_of_two().max(16);
        let index_bits = u32::BITS - (count as u32).leading_zeros();
        let mut table = WordTable {
            blob,
            count,
            slots: vec![0; size],
            index_bits,
        };
        for (index, &start) in starts.iter().enumerate() {
            let end = starts
                .get(index + 1)
                .map_or(table.blob.len(), |&s| s as usize - 1);
            let word = &table.blob[start as usize..end];
            let (mut slot, tag) = table.place(word);
            let entry = u64::from(start) << 32 | u64::from(tag | (index as u32 + 1));
            loop {
                let old = table.slots[slot];
                if old == 0 || (old as u32 & !table.index_mask() == tag && table.holds(old, word)) {
                    table.slots[slot] = entry;
                    break;
                }
                slot = (slot + 1) & (table.slots.len() - 1);
            }
        }
        table
    }

    pub(crate) fn len(&self) -> usize {
        self.count
    }

    fn index_mask(&self) -> u32 {
        // index_bits is at most 32 (count < 2^32), and 32 leaves no tag.
        u32::MAX
            .checked_shr(u32::BITS - self.index_bits)
            .unwrap_or(0)
    }

    /// A word's first slot and tag.
    fn place(&self, word: &[u8]) -> (usize, u32) {
        let h = word_hash(word);
        (
            (h as usize) & (self.slots.len() - 1),
            (h >> 32) as u32 & !self.index_mask(),
        )
    }

    /// Whether the word of `entry` is `word`: its bytes, then the end of the blob or a '\n'.
    fn holds(&self, entry: u64, word: &[u8]) -> bool {
        let start = (entry >> 32) as usize;
        let end = start + word.len();
        self.blob.get(start..end) == Some(word) && self.blob.get(end).is_none_or(|&b| b == b'\n')
    }

    pub(crate) fn get(&self, word: &str) -> Option<usize> {
        self.probe(word.as_bytes(), self.place(word.as_bytes()))
    }

    /// `get` of many words, each stage's reads asked for ahead: a text's words land on
    /// random slots of a table of megabytes and on random places of the blob, and one
    /// lookup at a time waited for both cache misses in turn.
    pub(crate) fn get_many(&self, words: &[&str]) -> Vec<Option<usize>> {
        let places: Vec<(usize, u32)> = words
            .iter()
            .map(|w| {
                let place = self.place(w.as_bytes());
                prefetch(&self.slots[place.0]);
                place
            })
            .collect();
        // Most words are found in their first slot: their bytes are read next.
        for &(slot, tag) in &places {
            let entry = self.slots[slot];
            if entry != 0
                && entry as u32 & !self.index_mask() == tag
                && let Some(byte) = self.blob.get((entry >> 32) as usize)
            {
                prefetch(byte);
            }
        }
        words
            .iter()
            .zip(places)
            .map(|(w, place)| self.probe(w.as_bytes(), place))
            .collect()
    }

    /// The index of `bytes`, whose first slot and tag are `place`.
    fn probe(&self, bytes: &[u8], (mut slot, tag): (usize, u32)) -> Option<usize> {
        // A '\n' would let a run of listed words match.
        if bytes.contains(&b'\n') {
            return None;
        }
        let mask = self.slots.len() - 1;
        let index_mask = self.index_mask();
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                return None;
            }
            let low = entry as u32;
            if low & !index_mask == tag && self.holds(entry, bytes) {
                return Some((low & index_mask) as usize - 1);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// Asks for `value`'s cache line ahead of use (no-op off x86-64).
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: SSE is part of x86-64; a prefetch reads nothing.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(value).cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Python's str.lower() into a reused buffer. Rust's per-char mapping
/// matches Python's full (SpecialCasing) mapping except the contextual
/// final sigma, which `str::to_lowercase` handles, so use that when Σ occurs.
pub(crate) fn py_lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else if word.contains('\u{3A3}') {
        out.push_str(&word.to_lowercase());
    } else {
        for c in word.chars() {
            push_lower(c, out);
        }
    }
}

/// One character lower-cased, with the Russian alphabet's cases done directly: the general
/// table lookup is a binary search, and most characters here are Cyrillic.
fn push_lower(c: char, out: &mut String) {
    let lower = match c {
        'А'..='Я' => char::from_u32(c as u32 + 0x20),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50),
        'а'..='я' | 'ѐ'..='џ' | 'a'..='z' => Some(c),
        _ => None,
    };
    match lower {
        Some(l) => out.push(l),
        None => out.extend(c.to_lowercase()),
    }
}
