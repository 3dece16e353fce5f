//! Why Italian and Ukrainian have models of their own: on their news paragraphs
//! (tests/fixtures/ner-news/), the borrowed routes (the Spanish, Portuguese and French models
//! on Italian text, the Russian model on Ukrainian text, each with the corrections of the
//! text's language and of the model's) score below the model trained for the language.
//! Prints every route's precision, recall and F1.
//!
//!   cargo test --release --test ner_transfer -- --nocapture

use std::collections::HashSet;
use std::path::Path;

use newswire::enrich::{group_entities, ner, russian};
#[path = "common/ner_news.rs"]
#[allow(dead_code)] // shared by several targets, each using a part
mod ner_news;

/// F1 of `model`'s tags (grouped with the corrections of `corrections`) on `fixture`'s gold.
fn f1(fixture: &str, model: &str, corrections: &str, dir: &Path) -> f64 {
    let sample = ner_news::read(&format!("{fixture}.json"));
    let (mut exact, mut gold_n, mut found_n) = (0, 0, 0);
    for p in &sample.paragraphs {
        let spans = if model == "ru" {
            russian::named_spans(&p.text).expect("Russian model")
        } else {
            ner::model_for(dir, model).expect("model").tag(&p.text)
        };
        let found: HashSet<(String, String)> = group_entities(&p.text, &spans, 0, corrections)
            .iter()
            .filter(|e| e.kind != "MISC")
            .flat_map(|e| e.mentions.iter().map(|m| (m.text.clone(), e.kind.clone())))
            .collect();
        let gold: HashSet<(String, String)> = p.gold.iter().cloned().collect();
        exact += found.intersection(&gold).count();
        gold_n += gold.len();
        found_n += found.len();
    }
    let (precision, recall) = (
        exact as f64 / found_n.max(1) as f64,
        exact as f64 / gold_n.max(1) as f64,
    );
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    println!(
        "{fixture} text, {model} model, {corrections} corrections: P {precision:.3} R {recall:.3} F1 {f1:.3}"
    );
    f1
}

#[test]
fn each_language_is_served_by_its_best_model() {
    let dir = ner::installed_models_dir();
    for (language, borrowed) in [("it", &["es", "pt", "fr"][..]), ("uk", &["ru"][..])] {
        let needed = borrowed.iter().chain([&language]).filter(|m| **m != "ru");
        if needed.clone().any(|m| ner::model_for(&dir, m).is_none()) {
            assert!(
                std::env::var_os("CI").is_none(),
                "models missing in {}: run src/enrich/ner/install_models.sh",
                dir.display()
            );
            eprintln!("skipped {language}: models missing in {}", dir.display());
            continue;
        }
        let own = f1(language, language, language, &dir);
        for model in borrowed {
            for corrections in [language, model] {
                let other = f1(language, model, corrections, &dir);
                assert!(
                    other <= own,
                    "{language}: the {model} model ({corrections} corrections) scores {other:.3}, the {language} model {own:.3}"
                );
            }
        }
    }
}
