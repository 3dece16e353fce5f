//! Reader for the file written by convert_slovnet.py:
//! b"SLVNRS01" | u32 LE header length | JSON header | arrays (little-endian).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ModelError;

pub(crate) const MAGIC: &[u8; 8] = b"SLVNRS01";

#[derive(Deserialize)]
pub(crate) struct Header {
    pub(crate) format: u32,
    pub(crate) navec: NavecInfo,
    pub(crate) shapes: Vec<String>,
    pub(crate) ner: TaggerInfo,
    pub(crate) morph: TaggerInfo,
    pub(crate) arrays: BTreeMap<String, ArrayInfo>,
}

#[derive(Deserialize)]
pub(crate) struct NavecInfo {
    pub(crate) dim: usize,
    pub(crate) qdim: usize,
    pub(crate) centroids: usize,
}

#[derive(Deserialize)]
pub(crate) struct TaggerInfo {
    pub(crate) layers: Vec<LayerInfo>,
    pub(crate) tags: Vec<String>,
    pub(crate) crf: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct LayerInfo {
    pub(crate) name: String,
    pub(crate) padding: usize,
}

#[derive(Deserialize)]
pub(crate) struct ArrayInfo {
    pub(crate) dtype: String,
    pub(crate) shape: Vec<usize>,
    pub(crate) offset: usize,
    pub(crate) nbytes: usize,
}

pub(crate) struct ModelFile {
    pub(crate) header: Header,
    bytes: Vec<u8>,
    data_start: usize,
}

impl ModelFile {
    pub(crate) fn parse(bytes: Vec<u8>) -> Result<Self, ModelError> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let header_len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
        let data_start = 12usize
            .checked_add(header_len)
            .filter(|&end| end <= bytes.len())
            .ok_or(ModelError::Truncated)?;
        let header: Header = serde_json::from_slice(&bytes[12..data_start])?;
        if header.format != 1 {
            return Err(ModelError::Invalid(format!(
                "unsupported format version {}",
                header.format
            )));
        }
        Ok(ModelFile {
            header,
            bytes,
            data_start,
        })
    }

    fn raw(&self, name: &str, dtype: &str) -> Result<(&[u8], &[usize]), ModelError> {
        let info = self
            .header
            .arrays
            .get(name)
            .ok_or_else(|| ModelError::MissingArray(name.to_string()))?;
        if info.dtype != dtype {
            return Err(ModelError::Invalid(format!(
                "array {name}: dtype {} != {dtype}",
                info.dtype
            )));
        }
        let start = self
            .data_start
            .checked_add(info.offset)
            .ok_or(ModelError::Truncated)?;
        let end = start
            .checked_add(info.nbytes)
            .ok_or(ModelError::Truncated)?;
        let data = self.bytes.get(start..end).ok_or(ModelError::Truncated)?;
        let width = match dtype {
            "f32" => 4,
            _ => 1,
        };
        let count = info
            .shape
            .iter()
            .try_fold(1usize, |acc, &d| acc.checked_mul(d));
        if count.and_then(|c| c.checked_mul(width)) != Some(info.nbytes) {
            return Err(ModelError::Invalid(format!(
                "array {name}: shape does not match size"
            )));
        }
        Ok((data, &info.shape))
    }

    /// An f32 array, checked against the expected shape.
    pub(crate) fn f32s(&self, name: &str, shape: &[usize]) -> Result<Vec<f32>, ModelError> {
        let (data, got) = self.raw(name, "f32")?;
        check_shape(name, shape, got)?;
        Ok(data
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    pub(crate) fn u8s(&self, name: &str, shape: &[usize]) -> Result<Vec<u8>, ModelError> {
        let (data, got) = self.raw(name, "u8")?;
        check_shape(name, shape, got)?;
        Ok(data.to_vec())
    }

    /// Shape of an array; 0 in `shape` of the callers means "any".
    pub(crate) fn shape_of(&self, name: &str) -> Result<Vec<usize>, ModelError> {
        self.header
            .arrays
            .get(name)
            .map(|a| a.shape.clone())
            .ok_or_else(|| ModelError::MissingArray(name.to_string()))
    }

    pub(crate) fn bytes(&self, name: &str) -> Result<Vec<u8>, ModelError> {
        let (data, _) = self.raw(name, "bytes")?;
        Ok(data.to_vec())
    }
}

fn check_shape(name: &str, want: &[usize], got: &[usize]) -> Result<(), ModelError> {
    let ok = want.len() == got.len() && want.iter().zip(got).all(|(&w, &g)| w == 0 || w == g);
    if ok {
        Ok(())
    } else {
        Err(ModelError::Invalid(format!(
            "array {name}: shape {got:?}, expected {want:?}"
        )))
    }
}
