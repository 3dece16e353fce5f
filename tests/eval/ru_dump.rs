//! Dumps what the Russian entity model produces, to diff before and after a change that must
//! not move it: per text, the enrich language, entities and dates, the slovnet NER spans and
//! the morph tags of every sentence. Texts: the seed article, tests/fixtures/ru-article.txt, the Russian news
//! fixtures and the mostly Cyrillic Zyte bodies (no held-out set).
//!
//! cargo run --release --example ru_dump > before.txt   (then again after, and diff)
//! cargo run --release --example ru_dump -- --loop N     (only enrich the news fixtures N
//! times, printing nothing: a steady load for perf or callgrind)

#[path = "../common/script.rs"]
mod script;
use script::cyrillic_share;

use std::path::Path;

use chrono::NaiveDate;
use newswire::enrich::{DEFAULT_MAX_ENRICH_CHARS, DEFAULT_MODELS_DIR, enrich, razdel, slovnet};
use serde_json::Value;

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn texts() -> Vec<(String, String)> {
    let root = Path::new(MANIFEST);
    let mut out = vec![
        (
            "seed".to_string(),
            read(&root.join("../shared/seed/novayagazeta-aliyev.txt")),
        ),
        (
            "ru-article".to_string(),
            read(&root.join("tests/fixtures/ru-article.txt")),
        ),
    ];
    let mut news: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/ru-news"))
        .expect("ru-news")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    news.sort();
    for p in news {
        out.push((p.display().to_string(), read(&p)));
    }
    let zyte = root.join("../shared/datasets/article-extraction-benchmark/ground-truth.json");
    let truth: Value = serde_json::from_str(&read(&zyte)).expect("Zyte JSON");
    let pages = truth.as_object().expect("pages");
    let mut keys: Vec<&String> = pages.keys().collect();
    keys.sort();
    for k in keys {
        if let Some(body) = pages[k]["articleBody"].as_str()
            && cyrillic_share(body) > 0.5
        {
            out.push((format!("zyte {k}"), body.to_string()));
        }
    }
    out
}

fn main() {
    let tagger = slovnet::russian().expect("Russian model");
    let anchor = NaiveDate::from_ymd_opt(2025, 8, 27).expect("date");
    let models = Path::new(DEFAULT_MODELS_DIR);
    let args: Vec<String> = std::env::args().collect();
    if let Some(n) = args
        .iter()
        .position(|a| a == "--loop")
        .map(|i| &args[i + 1])
    {
        let news: Vec<String> = texts()
            .into_iter()
            .filter(|(name, _)| name.contains("ru-news"))
            .map(|(_, text)| text)
            .collect();
        for _ in 0..n.parse::<usize>().expect("--loop N") {
            for text in &news {
                std::hint::black_box(enrich(
                    text,
                    anchor,
                    None,
                    0,
                    DEFAULT_MAX_ENRICH_CHARS,
                    models,
                ));
            }
        }
        return;
    }
    for (name, text) in texts() {
        println!("== {name}");
        let e = enrich(&text, anchor, None, 0, DEFAULT_MAX_ENRICH_CHARS, models);
        println!("{:?}", e.language);
        println!("{}", serde_json::to_string(&e.entities).expect("entities"));
        println!("{}", serde_json::to_string(&e.dates).expect("dates"));
        let tokens = razdel::tokenize_spans(&text);
        for s in tagger.ner(&text, &tokens) {
            println!("ner {} {} {}", s.start, s.end, s.label);
        }
        let mut at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        at.push(text.len());
        for (start, stop) in razdel::sentenize_spans(&text) {
            let words: Vec<&str> = tokens
                .iter()
                .filter(|&&(a, b)| a >= start && b <= stop)
                .map(|&(a, b)| &text[at[a]..at[b]])
                .collect();
            if words.is_empty() {
                continue;
            }
            let tags: Vec<String> = tagger
                .morph(&words)
                .iter()
                .map(slovnet::MorphTag::to_tag_string)
                .collect();
            println!("morph {}", tags.join(" "));
        }
    }
}
