//! The English NER reads long texts in windows; on real article bodies the entities must be
//! exactly those of one pass over the whole text (the pass the spaCy parity figures measure).

mod support;

use newswire::enrich::ner;
use serde_json::Value;
use support::shared_dir;

#[test]
fn windows_give_the_whole_texts_entities_on_every_zyte_body() {
    let path = shared_dir().join("datasets/article-extraction-benchmark/ground-truth.json");
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .expect("ground truth is JSON");
    let model = ner::english().expect("the embedded model loads");
    let bodies: Vec<&str> = truth
        .as_object()
        .expect("page id -> article")
        .values()
        .filter_map(|article| article["articleBody"].as_str())
        .collect();
    assert_eq!(bodies.len(), 181);
    let mut entities = 0;
    for body in bodies {
        let whole = model.tag_in_windows(body, usize::MAX);
        entities += whole.len();
        for window in [1024, 4096] {
            assert_eq!(
                model.tag_in_windows(body, window),
                whole,
                "window of {window} bytes over {}",
                &body[..body.len().min(80)]
            );
        }
        assert_eq!(model.tag(body), whole);
    }
    assert!(entities > 10_000, "{entities}");
}
