//! Parity and speed of the Rust slovnet port against the natasha dump.
//!
//! cargo run --release --example ru_parity -- REF.json MODEL.bin [--repeat N] [--show N]

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

/// On-CPU time of the current thread from /proc (Linux), in seconds;
/// falls back to a monotonic clock elsewhere.
fn thread_cpu_seconds() -> f64 {
    if let Ok(stat) = std::fs::read_to_string("/proc/thread-self/schedstat")
        && let Some(ns) = stat
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<f64>().ok())
    {
        return ns / 1e9;
    }
    use std::sync::OnceLock;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

use newswire::enrich::dense::Arithmetic;
use newswire::enrich::razdel::tokenize_spans;
use newswire::enrich::russian::named_spans;
use newswire::enrich::slovnet::RussianTagger;
use newswire::enrich::{DEFAULT_MAX_ENRICH_CHARS, DEFAULT_MODELS_DIR, enrich};
use serde::Deserialize;

#[derive(Deserialize)]
struct Dump {
    zyte_path: String,
    timing: Timing,
    docs: Vec<Doc>,
}

/// Where a text lives; the dump holds no text, it is read in place.
#[derive(Deserialize)]
struct Source {
    zyte_key: Option<String>,
    path: Option<String>,
}

#[derive(Deserialize)]
struct Timing {
    ner_e2e_tokens_per_s: f64,
    ner_model_tokens_per_s: f64,
    morph_tokens_per_s: f64,
    ner_e2e_s: f64,
    ner_model_s: f64,
    morph_s: f64,
}

#[derive(Deserialize)]
struct Doc {
    name: String,
    source: Source,
    #[serde(skip)]
    text: String,
    tokens: Vec<(usize, usize)>,
    spans: Vec<(usize, usize, String)>,
    sents: Vec<Sent>,
    /// natasha's `span.normal` of each span: (start, stop, type, normal).
    normals: Vec<(usize, usize, String, String)>,
}

#[derive(Deserialize)]
struct Sent {
    words: Vec<String>,
    tags: Vec<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: ru_parity REF.json MODEL.bin [--repeat N] [--show N]");
        std::process::exit(2);
    }
    let flag = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let repeat = flag("--repeat", 5);
    let show = flag("--show", 10);
    let mut dump: Dump =
        serde_json::from_str(&std::fs::read_to_string(&args[1]).expect("read dump"))
            .expect("parse dump");
    // Texts are read in place (the dataset is not copied into the dump).
    let mut zyte: Option<serde_json::Value> = None;
    for doc in &mut dump.docs {
        doc.text = if let Some(key) = &doc.source.zyte_key {
            let data = zyte.get_or_insert_with(|| {
                let raw = std::fs::read_to_string(&dump.zyte_path).expect("read dataset");
                serde_json::from_str(&raw).expect("parse dataset")
            });
            data[key]["articleBody"]
                .as_str()
                .expect("articleBody")
                .to_string()
        } else {
            let path = doc.source.path.as_deref().expect("source path");
            std::fs::read_to_string(path).expect("read text")
        };
    }
    let bytes = std::fs::read(&args[2]).expect("read model");
    let model_bytes = bytes.len();
    let load = Instant::now();
    let cache = flag("--cache", newswire::enrich::slovnet::DEFAULT_CACHED_WORDS);
    let tagger =
        RussianTagger::from_bytes_with(bytes, cache, Arithmetic::from_env()).expect("load model");
    println!(
        "model {} ({} bytes, first-layer cache {cache} words), loaded in {:.1} ms",
        args[2],
        model_bytes,
        load.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "arithmetic: {} (NEWSWIRE_EXACT_NER=1 for f32)",
        tagger.arithmetic().describe()
    );

    // Entity agreement end to end (the Rust razdel port's tokens), reference as gold.
    let (mut tp, mut n_pred, mut n_gold, mut same_tokens) = (0usize, 0usize, 0usize, 0usize);
    let mut shown = 0;
    for doc in &dump.docs {
        let tokens = tokenize_spans(&doc.text);
        same_tokens += usize::from(tokens == doc.tokens);
        let pred: HashSet<(usize, usize, String)> = tagger
            .ner(&doc.text, &tokens)
            .into_iter()
            .map(|s| (s.start, s.end, s.label))
            .collect();
        let gold: HashSet<(usize, usize, String)> = doc.spans.iter().cloned().collect();
        tp += pred.intersection(&gold).count();
        n_pred += pred.len();
        n_gold += gold.len();
        for s in pred.symmetric_difference(&gold) {
            if shown < show {
                let text: String = doc.text.chars().skip(s.0).take(s.1 - s.0).collect();
                let side = if gold.contains(s) { "missing" } else { "extra" };
                println!("  ner {side} {} {:?} {text:?}", doc.name, s);
                shown += 1;
            }
        }
    }
    let p = tp as f64 / n_pred.max(1) as f64;
    let r = tp as f64 / n_gold.max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "razdel tokens identical: {same_tokens}/{} documents",
        dump.docs.len()
    );
    println!(
        "entities: gold {n_gold} pred {n_pred} match {tp}  P {:.4} R {:.4} F1 {:.4}",
        p, r, f1
    );

    let (mut same, mut total) = (0usize, 0usize);
    let mut shown = 0;
    for doc in &dump.docs {
        for sent in &doc.sents {
            let words: Vec<&str> = sent.words.iter().map(String::as_str).collect();
            let tags = tagger.morph(&words);
            for ((tag, gold), word) in tags.iter().zip(&sent.tags).zip(&sent.words) {
                total += 1;
                let got = tag.to_tag_string();
                if &got == gold {
                    same += 1;
                } else if shown < show {
                    println!("  morph {word:?}: {got} != {gold}");
                    shown += 1;
                }
            }
        }
    }
    println!(
        "morph: {same}/{total} tokens identical = {:.4}%",
        100.0 * same as f64 / total.max(1) as f64
    );

    names_and_corrections(&dump.docs, show);

    // Speed: best of `repeat` passes over all texts, single thread.
    let articles = dump.docs.len() as f64;
    let ner_tokens: usize = dump.docs.iter().map(|d| d.tokens.len()).sum();
    let sent_words: Vec<Vec<Vec<&str>>> = dump
        .docs
        .iter()
        .map(|d| {
            d.sents
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let morph_tokens: usize = sent_words.iter().flatten().map(Vec::len).sum();
    // CPU time of this thread (the machine is shared, so wall time is noisy);
    // the Python dump records process_time likewise.
    let best = |f: &dyn Fn() -> usize| {
        (0..repeat.max(1))
            .map(|_| {
                let t = thread_cpu_seconds();
                std::hint::black_box(f());
                thread_cpu_seconds() - t
            })
            .fold(f64::INFINITY, f64::min)
    };
    let ner_s = best(&|| {
        dump.docs
            .iter()
            .map(|d| tagger.ner(&d.text, &tokenize_spans(&d.text)).len())
            .sum()
    });
    let morph_s = best(&|| {
        sent_words
            .iter()
            .flatten()
            .map(|w| tagger.morph(w).len())
            .sum()
    });
    let morph_ids_s = best(&|| {
        sent_words
            .iter()
            .flatten()
            .map(|w| tagger.morph_ids(w).len())
            .sum()
    });
    let t = &dump.timing;
    println!("speed (single thread, best of {repeat}):");
    println!(
        "  NER incl. razdel: rust {:>9.0} tok/s {:>7.1} art/s | python model-only {:>7.0} tok/s ({:.1}x), e2e incl. razdel {:>7.0} tok/s ({:.1}x)",
        ner_tokens as f64 / ner_s,
        articles / ner_s,
        t.ner_model_tokens_per_s,
        t.ner_model_s / ner_s,
        t.ner_e2e_tokens_per_s,
        t.ner_e2e_s / ner_s
    );
    println!(
        "  morph rust {:>9.0} tok/s {:>7.1} art/s | python {:>7.0} tok/s ({:.1}x)",
        morph_tokens as f64 / morph_s,
        articles / morph_s,
        t.morph_tokens_per_s,
        t.morph_s / morph_s
    );
    println!(
        "  morph_ids (no MorphTag clones) rust {:>9.0} tok/s ({:.1}x)",
        morph_tokens as f64 / morph_ids_s,
        t.morph_s / morph_ids_s
    );
    // Diagnostic: the same tokens as one sequence per article (not a
    // parity setting), to show the per-sentence overhead.
    let doc_words: Vec<Vec<&str>> = sent_words
        .iter()
        .map(|d| d.iter().flatten().copied().collect())
        .collect();
    let morph_doc_s = best(&|| doc_words.iter().map(|w| tagger.morph_ids(w).len()).sum());
    println!(
        "  (diagnostic: morph_ids on whole articles as one sequence {:>9.0} tok/s)",
        morph_tokens as f64 / morph_doc_s
    );
    let both = ner_s + morph_s;
    println!(
        "  both  rust {:>9.0} art/s | python (model-only NER + morph) {:.1} art/s ({:.1}x), (e2e NER + morph) {:.1} art/s ({:.1}x)",
        articles / both,
        articles / (t.ner_model_s + t.morph_s),
        (t.ner_model_s + t.morph_s) / both,
        articles / (t.ner_e2e_s + t.morph_s),
        (t.ner_e2e_s + t.morph_s) / both
    );
}

/// Canonical names against natasha's `span.normal`, and what the enrich stage's corrections do
/// to mention agreement with natasha's spans (each correction counts as a disagreement: the
/// reference is natasha itself).
fn names_and_corrections(docs: &[Doc], show: usize) {
    let (mut both, mut same, mut shown) = (0usize, 0usize, 0usize);
    let mut by_type: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let (mut tp, mut n_pred, mut n_gold) = (0usize, 0usize, 0usize);
    let anchor = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    for doc in docs {
        let ours = named_spans(&doc.text).expect("embedded model");
        for (start, stop, kind, normal) in &doc.normals {
            let Some(span) = ours.iter().find(|s| s.start == *start && s.end == *stop) else {
                continue;
            };
            let name = span.normal.as_deref().unwrap_or_default();
            both += 1;
            let entry = by_type.entry(kind.clone()).or_default();
            entry.0 += 1;
            if name == normal {
                same += 1;
                entry.1 += 1;
            } else if shown < show {
                println!(
                    "  name {kind} {:?}: ours {name:?}, natasha {normal:?}",
                    span.text
                );
                shown += 1;
            }
        }
        let gold: HashSet<(usize, usize, &str)> = doc
            .spans
            .iter()
            .map(|(a, b, label)| (*a, *b, spec_type(label)))
            .collect();
        let enrichment = enrich(
            &doc.text,
            anchor,
            Some("ru"),
            0,
            DEFAULT_MAX_ENRICH_CHARS,
            Path::new(DEFAULT_MODELS_DIR),
        );
        let pred: HashSet<(usize, usize, &str)> = enrichment
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .map(move |m| (m.start, m.end, e.kind.as_str()))
            })
            .collect();
        tp += pred.intersection(&gold).count();
        n_pred += pred.len();
        n_gold += gold.len();
    }
    println!(
        "nominative names: {same}/{both} spans = {:.2}% identical to natasha's span.normal",
        100.0 * same as f64 / both.max(1) as f64
    );
    for (kind, (n, ok)) in &by_type {
        println!(
            "  {kind}: {ok}/{n} = {:.2}%",
            100.0 * *ok as f64 / (*n).max(1) as f64
        );
    }
    let p = tp as f64 / n_pred.max(1) as f64;
    let r = tp as f64 / n_gold.max(1) as f64;
    println!(
        "after corrections (enrich stage mentions, span + type vs natasha): reference {n_gold}, \
         ours {n_pred}, identical {tp}; P {p:.4} R {r:.4} F1 {:.4}",
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    );
}

/// The spec's entity type of a natasha label.
fn spec_type(label: &str) -> &'static str {
    match label {
        "PER" => "PERSON",
        "LOC" => "LOCATION",
        "ORG" => "ORG",
        _ => "MISC",
    }
}
