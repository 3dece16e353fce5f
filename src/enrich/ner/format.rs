//! Reader for the `.nwner` file written by `convert_spacy_ner.py` in this folder.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::ModelError;

const MAGIC: &[u8; 8] = b"NWNER001";
const ALIGN: usize = 64;

#[derive(Deserialize)]
pub(crate) struct Header {
    format: String,
    dtype: String,
    /// The pipeline's language (ISO 639-1) and name, e.g. `fr` and `fr_core_news_sm-3.8.0`;
    /// absent in files written before the converter recorded them.
    #[serde(default)]
    pub(crate) lang: Option<String>,
    #[serde(default)]
    pub(crate) name: Option<String>,
    tensors: HashMap<String, TensorInfo>,
    pub(crate) embed: EmbedInfo,
    pub(crate) moves: Vec<String>,
    pub(crate) tokenizer: TokenizerData,
    pub(crate) lexeme: LexemeData,
}

#[derive(Deserialize)]
struct TensorInfo {
    shape: Vec<usize>,
    offset: usize,
    nbytes: usize,
}

#[derive(Deserialize)]
pub(crate) struct EmbedInfo {
    pub(crate) columns: Vec<String>,
    pub(crate) seeds: Vec<u32>,
}

#[derive(Deserialize, Default)]
pub(crate) struct TokenizerData {
    /// Top-level alternatives of spaCy's prefix/suffix/infix regexes.
    pub(crate) prefix: Vec<AltPattern>,
    pub(crate) suffix: Vec<AltPattern>,
    pub(crate) infix: Vec<AltPattern>,
    pub(crate) url: String,
    /// spaCy's `token_match` hook (French: hyphenated and elided words kept whole), matched
    /// at the start of a string like Python's `re.match`.
    #[serde(default)]
    pub(crate) token_match: Option<String>,
    /// Special case string -> its tokens as (ORTH, optional NORM).
    pub(crate) specials: HashMap<String, Vec<(String, Option<String>)>>,
    /// Special cases spaCy also re-applies after affix splitting, with the
    /// token texts the affix rules alone produce for them.
    pub(crate) special_matcher: Vec<(String, Vec<String>)>,
}

/// One regex alternative. With `behind`, the converter rewrote a leading
/// lookbehind of that many characters (and a trailing lookahead) as consumed
/// context, and capture group 1 is the actual match.
#[derive(Deserialize)]
pub(crate) struct AltPattern {
    pub(crate) re: String,
    pub(crate) behind: Option<usize>,
}

#[derive(Deserialize, Default)]
pub(crate) struct LexemeData {
    /// lexeme_norm lookup table keyed by spaCy string id (decimal); empty for models without.
    #[serde(default)]
    pub(crate) norm_table: HashMap<String, String>,
    pub(crate) base_norms: HashMap<String, String>,
    pub(crate) symbols: HashMap<String, u64>,
    pub(crate) alpha: Vec<(u32, u32)>,
    pub(crate) digit: Vec<(u32, u32)>,
    pub(crate) space: Vec<(u32, u32)>,
    pub(crate) upper: Vec<(u32, u32)>,
    pub(crate) cased: Vec<(u32, u32)>,
    pub(crate) case_ignorable: Vec<(u32, u32)>,
    /// Code point (decimal) -> Python's `str.lower()` of that character.
    pub(crate) lower: HashMap<String, String>,
}

pub(crate) struct ModelFile {
    pub(crate) header: Header,
    data: Vec<u8>,
}

impl ModelFile {
    pub(crate) fn read(path: &Path) -> Result<Self, ModelError> {
        let bytes = std::fs::read(path)?;
        Self::parse(bytes)
    }

    pub(crate) fn parse(bytes: Vec<u8>) -> Result<Self, ModelError> {
        let bad = |m: &str| ModelError::Format(m.to_string());
        if bytes.len() < 16 || &bytes[..8] != MAGIC {
            return Err(bad("not a newswire NER model file (bad magic)"));
        }
        let mut len = [0u8; 8];
        len.copy_from_slice(&bytes[8..16]);
        let hlen = usize::try_from(u64::from_le_bytes(len)).map_err(|_| bad("header too large"))?;
        let hend = 16usize
            .checked_add(hlen)
            .ok_or_else(|| bad("header too large"))?;
        let hbytes = bytes.get(16..hend).ok_or_else(|| bad("truncated header"))?;
        let header: Header = serde_json::from_slice(hbytes)?;
        if header.format != "newswire-ner/1" || !matches!(header.dtype.as_str(), "f32" | "f16") {
            return Err(bad("unsupported format or dtype"));
        }
        let data_start = hend.div_ceil(ALIGN) * ALIGN;
        let data = bytes
            .get(data_start..)
            .ok_or_else(|| bad("truncated data"))?
            .to_vec();
        Ok(Self { header, data })
    }

    /// The shape a tensor is stored with (hash-embed tables differ in rows between models).
    pub(crate) fn shape(&self, name: &str) -> Result<&[usize], ModelError> {
        self.header
            .tensors
            .get(name)
            .map(|t| t.shape.as_slice())
            .ok_or_else(|| ModelError::Format(format!("missing tensor {name}")))
    }

    /// A tensor as f32s (f16 files are widened), checked against the shape
    /// the network expects.
    pub(crate) fn tensor(&self, name: &str, shape: &[usize]) -> Result<Vec<f32>, ModelError> {
        let info = self
            .header
            .tensors
            .get(name)
            .ok_or_else(|| ModelError::Format(format!("missing tensor {name}")))?;
        if info.shape != shape {
            return Err(ModelError::Format(format!(
                "tensor {name} has shape {:?}, expected {shape:?}",
                info.shape
            )));
        }
        let n: usize = shape.iter().product();
        let width = if self.header.dtype == "f16" { 2 } else { 4 };
        let end = info.offset.checked_add(info.nbytes);
        let raw = end
            .filter(|_| info.nbytes == n * width)
            .and_then(|end| self.data.get(info.offset..end))
            .ok_or_else(|| ModelError::Format(format!("tensor {name} out of bounds")))?;
        Ok(if width == 2 {
            raw.chunks_exact(2)
                .map(|c| f16_to_f32(u16::from_le_bytes([c[0], c[1]])))
                .collect()
        } else {
            raw.chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect()
        })
    }
}

/// IEEE 754 half -> single precision (exact).
fn f16_to_f32(h: u16) -> f32 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = u32::from((h >> 10) & 0x1f);
    let man = u32::from(h & 0x3ff);
    match exp {
        // Zero and subnormals: man · 2^-24.
        0 => sign * man as f32 * f32::from_bits(0x3380_0000),
        0x1f if man == 0 => sign * f32::INFINITY,
        0x1f => f32::NAN,
        _ => sign * f32::from_bits(((exp + 112) << 23) | (man << 13)),
    }
}

#[cfg(test)]
mod tests {
    use super::f16_to_f32;

    #[test]
    fn half_conversion() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x0001), 5.960_464_5e-8);
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
        assert_eq!(f16_to_f32(0x8000), 0.0);
    }
}
