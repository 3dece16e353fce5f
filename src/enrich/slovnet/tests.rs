//! Layer tests against values dumped from the Python reference
//! (tests/dump_fixtures.py). `model.json` is only checked when the
//! embedded model (model/slovnet_ru-natasha-1.6.0.bin).

use serde_json::Value;

use super::nn::{BioPart, ConvLayer, Linear, bio_spans, crf_decode, parse_bio};
use super::shape::word_shape;
use super::vocab::{WordTable, py_lower_into};
use super::{
    Arithmetic, MorphTag, PROJECTED_LIMIT, Projected, RussianTagger, embed_row, encode_folded,
    encode_with,
};

const SHAPE: &str = include_str!("tests/shape.json");
const LAYERS: &str = include_str!("tests/layers.json");
const MODEL: &str = include_str!("tests/model.json");

fn floats(v: &Value) -> Vec<f32> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().expect("number") as f32)
        .collect()
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_u64().expect("int") as usize)
        .collect()
}

fn assert_close(got: &[f32], want: &[f32], tol: f32) {
    assert_eq!(got.len(), want.len(), "length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol * (1.0 + w.abs()),
            "index {i}: got {g}, want {w}"
        );
    }
}

#[test]
fn word_shapes_match_python() {
    let data: Value = serde_json::from_str(SHAPE).unwrap();
    for pair in data["shapes"].as_array().unwrap() {
        let word = pair[0].as_str().unwrap();
        assert_eq!(
            word_shape(word).name(),
            pair[1].as_str().unwrap(),
            "shape of {word:?}"
        );
    }
}

#[test]
fn lowercasing_matches_python() {
    let data: Value = serde_json::from_str(SHAPE).unwrap();
    let mut buf = String::new();
    for pair in data["lower"].as_array().unwrap() {
        py_lower_into(pair[0].as_str().unwrap(), &mut buf);
        assert_eq!(buf, pair[1].as_str().unwrap());
    }
}

/// The direct Cyrillic cases agree with the Unicode tables on the whole Cyrillic block.
#[test]
fn cyrillic_lowercasing_matches_unicode() {
    let mut buf = String::new();
    for c in ('\u{400}'..='\u{52f}').chain('A'..='z') {
        let word = format!("{c}ё");
        py_lower_into(&word, &mut buf);
        assert_eq!(buf, word.to_lowercase(), "{c:?}");
    }
}

#[test]
fn word_table_lookup() {
    let table = WordTable::new(b"a\nbb\nc\nbb\n\xd0\xbc\xd0\xb8\xd1\x80".to_vec());
    assert_eq!(table.len(), 5);
    assert_eq!(table.get("a"), Some(0));
    assert_eq!(table.get("bb"), Some(3)); // later duplicate wins, as in Python
    assert_eq!(table.get("мир"), Some(4));
    assert_eq!(table.get("b"), None);
    assert_eq!(table.get(""), None);
    assert_eq!(WordTable::new(Vec::new()).get("a"), None);
    // The batched lookup gives what one lookup at a time gives.
    let words = ["a", "bb", "мир", "b", "", "a\nbb", "c", "bb"];
    let one_by_one: Vec<_> = words.iter().map(|w| table.get(w)).collect();
    assert_eq!(table.get_many(&words), one_by_one);
    assert_eq!(WordTable::new(Vec::new()).get_many(&["a"]), [None]);
}

#[test]
fn embedding_lookup_matches_navec() {
    let data: Value = serde_json::from_str(LAYERS).unwrap();
    let e = &data["embedding"];
    let codes = floats(&e["codes"]); // 3 x 4 x 2
    let indexes: Vec<u8> = usizes(&e["indexes"]).into_iter().map(|x| x as u8).collect();
    let table = floats(&e["shape_table"]); // 6 x 2
    let mut got = Vec::new();
    for (&word, &shape) in usizes(&e["word_id"]).iter().zip(&usizes(&e["shape_id"])) {
        let mut row = [0.0f32; 8];
        embed_row(
            &indexes[word * 3..word * 3 + 3],
            &codes,
            4,
            2,
            &table[shape * 2..shape * 2 + 2],
            &mut row,
        );
        got.extend_from_slice(&row);
    }
    assert_close(&got, &floats(&e["out"]), 0.0);
}

fn conv_block(v: &Value) -> ConvLayer {
    let shape = usizes(&v["shape"]);
    let norm = v["norm"].as_array().unwrap();
    ConvLayer::new(
        &floats(&v["weight"]),
        shape[0],
        shape[1],
        shape[2],
        floats(&v["bias"]),
        [
            floats(&norm[0]),
            floats(&norm[1]),
            floats(&norm[2]),
            floats(&norm[3]),
        ],
    )
}

#[test]
fn conv_blocks_match_numpy_including_padded_batch() {
    let data: Value = serde_json::from_str(LAYERS).unwrap();
    let e = &data["encoder"];
    let layers: Vec<ConvLayer> = e["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(conv_block)
        .collect();
    let c = e["channels"].as_u64().unwrap() as usize;
    let x = floats(&e["x"]); // 2 x 7 x c
    let want = floats(&e["out"]); // 2 x 7 x 4
    let out_dim = layers[1].out_dim;
    for (b, &len) in usizes(&e["lengths"]).iter().enumerate() {
        // Small chunks exercise the halo logic; results must not change.
        for chunk in [1, 2, 3, 256] {
            let got = encode_with(&layers, c, len, chunk, |i, row| {
                row.copy_from_slice(&x[(b * 7 + i) * c..(b * 7 + i + 1) * c]);
            });
            assert_close(&got, &want[b * 7 * out_dim..(b * 7 + len) * out_dim], 1e-5);
            // The taggers' folded, sparse arrangement gives the same result.
            let folded = encode_folded(&layers, c, len, chunk, |i, row| {
                row.copy_from_slice(&x[(b * 7 + i) * c..(b * 7 + i + 1) * c]);
            });
            assert_close(
                &folded,
                &want[b * 7 * out_dim..(b * 7 + len) * out_dim],
                1e-4,
            );
        }
    }
    let first = encode_with(&layers[..1], c, 7, 256, |i, row| {
        row.copy_from_slice(&x[i * c..(i + 1) * c])
    });
    assert_close(&first, &floats(&e["layer0_first"]), 1e-5);
}

#[test]
fn linear_matches_numpy() {
    let data: Value = serde_json::from_str(LAYERS).unwrap();
    let e = &data["encoder"];
    let l = &data["linear"];
    let out = floats(&e["out"]);
    let linear = Linear::new(floats(&l["weight"]), 4, 3, floats(&l["bias"]));
    let got: Vec<f32> = linear
        .forward(&out[..7 * 4], 7)
        .chunks_exact(linear.stride())
        .flat_map(|row| row[..3].to_vec())
        .collect();
    assert_close(&got, &floats(&l["out"]), 1e-5);
}

#[test]
fn crf_viterbi_matches_slovnet() {
    let data: Value = serde_json::from_str(LAYERS).unwrap();
    let c = &data["crf"];
    let tags = c["tags"].as_u64().unwrap() as usize;
    let transitions = floats(&c["transitions"]);
    let emissions = floats(&c["emissions"]);
    assert_eq!(
        crf_decode(&emissions, 9, &transitions, tags),
        usizes(&c["path"])
    );
    assert_eq!(
        crf_decode(&emissions[..tags], 1, &transitions, tags),
        usizes(&c["one_path"])
    );
    // All-equal scores: numpy's argmax takes the first index.
    let zeros = vec![0.0f32; tags * tags];
    assert_eq!(
        crf_decode(&vec![0.0; 4 * tags], 4, &zeros, tags),
        usizes(&c["tie_path"])
    );
    assert!(crf_decode(&[], 0, &transitions, tags).is_empty());
}

#[test]
fn bio_to_spans_matches_slovnet() {
    let data: Value = serde_json::from_str(LAYERS).unwrap();
    let vocab = [
        "<pad>", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG",
    ];
    let kinds = ["PER", "LOC", "ORG"];
    let parsed: Vec<(BioPart, Option<usize>)> = vocab
        .iter()
        .map(|t| {
            let (part, kind) = parse_bio(t);
            (
                part,
                kind.map(|k| kinds.iter().position(|x| *x == k).unwrap()),
            )
        })
        .collect();
    for case in data["bio"].as_array().unwrap() {
        let tags: Vec<usize> = case["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                vocab
                    .iter()
                    .position(|v| v == &t.as_str().unwrap())
                    .unwrap()
            })
            .collect();
        let offsets: Vec<(usize, usize)> = (0..tags.len()).map(|i| (i * 3, i * 3 + 2)).collect();
        let got: Vec<Value> = bio_spans(&offsets, &tags, &parsed)
            .into_iter()
            .map(|(s, e, k)| serde_json::json!([s, e, kinds[k]]))
            .collect();
        assert_eq!(Value::Array(got), case["spans"], "{}", case["tags"]);
    }
}

#[test]
fn tagger_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<RussianTagger>();
}

#[test]
fn morph_tag_roundtrip() {
    let tag = MorphTag::parse("PROPN|Animacy=Anim|Case=Gen|Gender=Masc|Number=Sing");
    assert_eq!(tag.pos, "PROPN");
    assert_eq!(tag.feats[1], ("Case".to_string(), "Gen".to_string()));
    assert_eq!(
        tag.to_tag_string(),
        "PROPN|Animacy=Anim|Case=Gen|Gender=Masc|Number=Sing"
    );
    assert_eq!(MorphTag::parse("PUNCT").to_tag_string(), "PUNCT");
}

#[test]
fn bad_model_bytes_are_errors() {
    assert!(RussianTagger::from_bytes(Vec::new()).is_err());
    assert!(RussianTagger::from_bytes(b"SLVNRS01\xff\xff\xff\x7f{}".to_vec()).is_err());
    assert!(RussianTagger::from_bytes(b"SLVNRS01\x02\x00\x00\x00{}".to_vec()).is_err());
    assert!(RussianTagger::from_bytes(b"garbage garbage".to_vec()).is_err());
}

fn model_bytes() -> Vec<u8> {
    super::EMBEDDED.to_vec()
}

/// A small first-layer cache keeps debug-build tests fast and leaves most
/// words on the uncached path.
fn load_model() -> RussianTagger {
    let bytes = model_bytes();
    // A truncated copy must fail cleanly, not panic.
    assert!(RussianTagger::from_bytes(bytes[..bytes.len() / 2].to_vec()).is_err());
    RussianTagger::from_bytes_with(bytes, 300, Arithmetic::F32).expect("model loads")
}

/// The reference sentence of `model.json` and its razdel token offsets.
fn reference_sentence(data: &Value) -> (&str, Vec<(usize, usize)>) {
    let text = data["text"].as_str().unwrap();
    let tokens = data["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t[0].as_u64().unwrap() as usize,
                t[1].as_u64().unwrap() as usize,
            )
        })
        .collect();
    (text, tokens)
}

/// The text of each token.
fn token_words(text: &str, tokens: &[(usize, usize)]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    tokens
        .iter()
        .map(|&(s, e)| chars[s..e].iter().collect())
        .collect()
}

#[test]
fn first_layer_cache_does_not_change_results() {
    let bytes = model_bytes();
    let cached = RussianTagger::from_bytes_with(bytes.clone(), 500, Arithmetic::F32).unwrap();
    let plain = RussianTagger::from_bytes_with(bytes, 0, Arithmetic::F32).unwrap();
    let data: Value = serde_json::from_str(MODEL).unwrap();
    let (text, tokens) = reference_sentence(&data);
    assert_eq!(cached.ner(text, &tokens), plain.ner(text, &tokens));
    let words = token_words(text, &tokens);
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    assert_eq!(cached.morph(&refs), plain.morph(&refs));
}

/// The bfloat16 tagger (where the CPU has AVX512-BF16) finds the reference sentence's
/// entities as the f32 one does.
#[test]
fn bf16_tagger_keeps_the_reference_entities() {
    if Arithmetic::Bf16.on_this_cpu() != Arithmetic::Bf16 {
        eprintln!("no AVX512-BF16 on this CPU: nothing to check");
        return;
    }
    let bytes = model_bytes();
    let fast = RussianTagger::from_bytes_with(bytes.clone(), 300, Arithmetic::Bf16).unwrap();
    let exact = RussianTagger::from_bytes_with(bytes, 300, Arithmetic::F32).unwrap();
    assert_eq!(fast.arithmetic(), Arithmetic::Bf16);
    let data: Value = serde_json::from_str(MODEL).unwrap();
    let (text, tokens) = reference_sentence(&data);
    assert!(!exact.ner(text, &tokens).is_empty());
    assert_eq!(fast.ner(text, &tokens), exact.ner(text, &tokens));
}

/// The projections one call keeps stay within PROJECTED_LIMIT, however many rare words a
/// text has: a larger batch request is left to the per-chunk ones, and a full store starts
/// over with what the request needs.
#[test]
fn projections_kept_per_call_are_bounded() {
    let tagger = RussianTagger::from_bytes_with(model_bytes(), 0, Arithmetic::F32).unwrap();
    let mut embedded = Vec::new();
    let mut projected = Projected::new(&tagger, &tagger.ner.first, &mut embedded);
    let limit = PROJECTED_LIMIT as u32;
    projected.prefetch(0..limit + 1);
    assert!(projected.index.is_empty(), "an oversized batch is skipped");
    projected.prefetch(0..limit - 10);
    assert_eq!(projected.index.len(), PROJECTED_LIMIT - 10);
    projected.prefetch(limit - 20..limit + 20);
    assert_eq!(projected.index.len(), 40, "a full store starts over");
    let width = tagger.ner.first.width();
    assert_eq!(projected.rows.len(), 40 * width);
    let mut alone = vec![0.0; width];
    tagger.project_words(
        &tagger.ner.first,
        &[limit],
        Arithmetic::F32,
        &mut Vec::new(),
        &mut alone,
    );
    assert_eq!(projected.get(limit), &alone[..]);
    // <unk> comes from the cache, never the store.
    projected.prefetch([tagger.unk_row].into_iter());
    assert_eq!(projected.index.len(), 40);
}

/// Tagging several windows of an article in one call (projections shared, head only on the
/// wanted tokens) gives each window exactly the tags it gets alone.
#[test]
fn morph_windows_match_separate_calls() {
    let bytes = model_bytes();
    // A small cache, so most words take the shared projection path.
    let tagger = RussianTagger::from_bytes_with(bytes, 50, Arithmetic::from_env()).unwrap();
    let data: Value = serde_json::from_str(MODEL).unwrap();
    let (text, tokens) = reference_sentence(&data);
    let words = token_words(text, &tokens);
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let n = refs.len();
    assert!(n >= 6, "reference sentence too short: {n}");
    // Overlapping windows, an empty window, an empty wanted range, and ranges past the end.
    let windows = vec![
        (0..n, 0..n),
        (1..n - 1, 3..n - 2),
        (0..3, 0..3),
        (2..2, 2..2),
        (2..n, 3..3),
        (n - 2..n + 5, n - 2..n + 9),
        (0..n, 0..n),
    ];
    let together = tagger.morph_of(&tagger.tokens(text, &tokens), &windows);
    for ((window, wanted), got) in windows.iter().zip(&together) {
        let window = window.start..window.end.min(n);
        let alone = tagger.morph_ids(&refs[window.clone()]);
        let wanted = wanted.start - window.start..wanted.end.min(n) - window.start;
        assert_eq!(got, &alone[wanted.clone()], "{window:?} {wanted:?}");
    }
}

#[test]
fn model_matches_reference_sentence() {
    let tagger = load_model();
    let data: Value = serde_json::from_str(MODEL).unwrap();
    let (text, tokens) = reference_sentence(&data);

    // Embedding + first conv block of the NER model.
    let words = token_words(text, &tokens);
    let mut lower = String::new();
    let feats: Vec<_> = words.iter().map(|w| tagger.feat(w, &mut lower)).collect();
    let in_dim = tagger.ner.in_dim(300);
    // The NER model's input row of token `i`: navec vector, then shape embedding.
    let embed = |i: usize, out: &mut [f32]| {
        let f = feats[i];
        let s = usize::from(f.shape) * tagger.ner.shape_dim;
        embed_row(
            &tagger.word_codes[f.row as usize * 100..(f.row as usize + 1) * 100],
            &tagger.codebook,
            tagger.centroids,
            tagger.chunk,
            &tagger.ner.shape_emb[s..s + tagger.ner.shape_dim],
            out,
        );
    };
    let mut row = vec![0.0f32; in_dim];
    embed(0, &mut row);
    assert_close(&row[..8], &floats(&data["emb0"]), 0.0);
    assert_close(&row[300..308], &floats(&data["emb0_shape"]), 0.0);
    let layer0 = encode_with(&tagger.ner.layers[..1], in_dim, feats.len(), 256, embed);
    let out_dim = tagger.ner.layers[0].out_dim;
    assert_close(
        &layer0[out_dim..out_dim + 8],
        &floats(&data["layer0_tok1"]),
        1e-4,
    );

    let spans: Vec<Value> = tagger
        .ner(text, &tokens)
        .into_iter()
        .map(|s| serde_json::json!([s.start, s.end, s.label]))
        .collect();
    assert_eq!(Value::Array(spans), data["spans"]);
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let tags: Vec<String> = tagger
        .morph(&refs)
        .iter()
        .map(MorphTag::to_tag_string)
        .collect();
    let want: Vec<String> = data["morph"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    assert_eq!(tags, want);
}

#[test]
fn model_never_panics_on_odd_input() {
    let tagger = load_model();
    assert!(tagger.ner("", &[]).is_empty());
    assert!(tagger.morph(&[]).is_empty());
    // Offsets past the end, reversed, empty, and on a multi-byte text.
    let text = "Путин 🙂 приехал в Москву";
    let spans = tagger.ner(text, &[(0, 5), (6, 7), (8, 15), (100, 200), (5, 2), (3, 3)]);
    assert!(
        spans
            .iter()
            .all(|s| s.start <= s.end && s.end <= text.chars().count())
    );
    let huge = "я".repeat(100_000);
    assert_eq!(
        tagger
            .morph(&[huge.as_str(), "🙂", "", "\u{0}", "ΣΑΣ", "<pad>", "<unk>"])
            .len(),
        7
    );
    // A long text crosses many encoder chunks.
    let long: String = "Владимир Путин посетил Москву. ".repeat(300);
    let mut tokens = Vec::new();
    let mut pos = 0;
    for word in long.split(' ') {
        let n = word.chars().count();
        if n > 0 {
            let core = word.trim_end_matches('.').chars().count();
            tokens.push((pos, pos + core));
            if core < n {
                tokens.push((pos + core, pos + n));
            }
        }
        pos += n + 1;
    }
    let spans = tagger.ner(&long, &tokens);
    assert!(spans.len() >= 600, "{}", spans.len());

    // Random offsets over mixed scripts, combining marks and emoji.
    let alphabet: Vec<char> = "Москва ёЁ-—«»,.!? abcXYZ 123 \u{301}🙂👍🏽 ΣΑΣ İ\n\t\u{0}"
        .chars()
        .collect();
    let mut x: u32 = 12345;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x as usize % n.max(1)
    };
    for _ in 0..100 {
        let len = next(200);
        let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        let tokens: Vec<(usize, usize)> = (0..next(80))
            .map(|_| (next(len + 5), next(len + 5)))
            .collect();
        for span in tagger.ner(&text, &tokens) {
            assert!(span.start <= span.end && span.end <= len);
        }
        let words: Vec<String> = (0..next(30))
            .map(|_| {
                (0..next(12))
                    .map(|_| alphabet[next(alphabet.len())])
                    .collect()
            })
            .collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(tagger.morph(&refs).len(), refs.len());
    }
}
