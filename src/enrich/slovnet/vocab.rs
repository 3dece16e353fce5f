//! Word table: lower-cased word -> row of PQ codes, as an open-addressing
//! hash over one string blob (no per-word allocation, fast to build).

pub(crate) struct WordTable {
    blob: Vec<u8>,
    /// Byte offsets of each word in `blob`; len = words + 1.
    starts: Vec<u32>,
    /// Slot -> word index + 1 (0 = empty). Power-of-two size.
    slots: Vec<u32>,
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl WordTable {
    /// `blob` is the '\n'-joined word list. Later duplicates win, as in
    /// Python's `{item: id for id, item in enumerate(items)}`.
    pub(crate) fn new(blob: Vec<u8>) -> Self {
        let mut starts = vec![0u32];
        if !blob.is_empty() {
            for (i, &b) in blob.iter().enumerate() {
                if b == b'\n' {
                    starts.push(i as u32 + 1);
                }
            }
            starts.push(blob.len() as u32 + 1);
        } else {
            starts.clear();
            starts.push(0);
        }
        let count = starts.len() - 1;
        let size = (count * 2).next_power_of_two().max(16);
        let mut table = WordTable {
            blob,
            starts,
            slots: vec![0; size],
        };
        for index in 0..count {
            let mask = table.slots.len() - 1;
            let word = table.word(index);
            let mut slot = (fnv1a(word) as usize) & mask;
            loop {
                let entry = table.slots[slot];
                if entry == 0 {
                    table.slots[slot] = index as u32 + 1;
                    break;
                }
                if table.word(entry as usize - 1) == word {
                    table.slots[slot] = index as u32 + 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        table
    }

    pub(crate) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn word(&self, index: usize) -> &[u8] {
        let start = self.starts[index] as usize;
        let end = self.starts[index + 1] as usize - 1; // drop the '\n'
        &self.blob[start..end]
    }

    pub(crate) fn get(&self, word: &str) -> Option<usize> {
        let bytes = word.as_bytes();
        let mask = self.slots.len() - 1;
        let mut slot = (fnv1a(bytes) as usize) & mask;
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                return None;
            }
            if self.word(entry as usize - 1) == bytes {
                return Some(entry as usize - 1);
            }
            slot = (slot + 1) & mask;
        }
    }
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
