//! Dumps the entities `group_entities` makes of the ner bench's news samples
//! (target/ner-bench-LANG-sample.json, written by `cargo bench --bench ner`), to diff before
//! and after a change to grouping that must not move its output.
//!
//! cargo run --release --example group_dump -- pl tr > before.txt   (then again after, and diff)
//! cargo run --release --example group_dump -- --loop N pl   (only group the samples N times,
//! the model's spans computed once, printing nothing: a steady load for perf or callgrind)

use std::path::Path;

use newswire::enrich::{entity_spans, group_entities, ner};
use serde_json::Value;

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn sample(language: &str) -> Vec<String> {
    let path = Path::new(MANIFEST).join(format!("target/ner-bench-{language}-sample.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let docs: Value = serde_json::from_str(&text).expect("sample: JSON");
    docs.as_object()
        .expect("sample: an object")
        .values()
        .filter_map(|d| d["articleBody"].as_str().map(str::to_string))
        .collect()
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut loops = 0;
    if args.first().is_some_and(|a| a == "--loop") {
        loops = args[1].parse().expect("--loop N");
        args.drain(..2);
    }
    let dir = ner::installed_models_dir();
    for language in &args {
        let texts = sample(language);
        let spans: Vec<Vec<ner::NamedSpan>> = texts
            .iter()
            .map(|t| {
                entity_spans(t, language, &dir)
                    .expect("a model for the language")
                    .expect("tagging")
            })
            .collect();
        if loops > 0 {
            for _ in 0..loops {
                for (text, found) in texts.iter().zip(&spans) {
                    std::hint::black_box(group_entities(text, found, 0, language));
                }
            }
            continue;
        }
        for (i, (text, found)) in texts.iter().zip(&spans).enumerate() {
            println!("== {language} {i}");
            for entity in group_entities(text, found, 0, language) {
                println!("{}", serde_json::to_string(&entity).expect("JSON"));
            }
        }
    }
}
