//! The Zyte benchmark scorer, checked against the published reference point: predicting the
//! whole visible page text scores F1 ≈ 0.665 on the 181 pages.

use std::io::Read;

use newswire::scrape::eval::{visible_page_text, zyte_scores};
use serde_json::Value;

const BENCHMARK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/datasets/article-extraction-benchmark"
);

fn read_gzip(path: &str) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .unwrap_or_else(|error| panic!("{path}: {error}"));
    // Charset from the document itself (meta / XML prolog), else detection: never assumed.
    newswire::fetch::charset::decode(&bytes, None)
}

#[test]
fn whole_page_text_scores_the_reference_f1() {
    let ground_truth = std::fs::read_to_string(format!("{BENCHMARK}/ground-truth.json"))
        .unwrap_or_else(|error| panic!("ground-truth.json: {error}"));
    let ground_truth: Value =
        serde_json::from_str(&ground_truth).unwrap_or_else(|error| panic!("{error}"));
    let pages = ground_truth
        .as_object()
        .unwrap_or_else(|| panic!("ground truth is not an object"));
    let pairs: Vec<(String, String)> = pages
        .iter()
        .map(|(id, entry)| {
            let truth = entry["articleBody"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            (
                truth,
                visible_page_text(&read_gzip(&format!("{BENCHMARK}/html/{id}.html.gz"))),
            )
        })
        .collect();
    assert_eq!(pairs.len(), 181);
    let scores = zyte_scores(
        pairs
            .iter()
            .map(|(truth, prediction)| (truth.as_str(), prediction.as_str())),
    );
    assert!((scores.f1 - 0.665).abs() < 0.005, "{scores:?}");
    assert!(scores.recall > 0.99, "{scores:?}");
}
