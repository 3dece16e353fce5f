//! The Zyte benchmark scorer, checked against the published reference point: predicting the
//! whole visible page text scores F1 ≈ 0.665 on the 181 pages.

#[path = "common/datasets.rs"]
#[allow(dead_code)] // shared by several targets, each using a part
mod datasets;

use newswire::scrape::eval::{visible_page_text, zyte_scores};

#[test]
fn whole_page_text_scores_the_reference_f1() {
    let pages = datasets::zyte_pages().unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(pages.len(), 181);
    let pairs: Vec<(&str, String)> = pages
        .iter()
        .map(|page| {
            let html = page
                .read_html()
                .unwrap_or_else(|error| panic!("{}: {error}", page.id));
            (page.truth.as_str(), visible_page_text(&html))
        })
        .collect();
    let scores = zyte_scores(
        pairs
            .iter()
            .map(|(truth, prediction)| (*truth, prediction.as_str())),
    );
    assert!((scores.f1 - 0.665).abs() < 0.005, "{scores:?}");
    assert!(scores.recall > 0.99, "{scores:?}");
}

#[test]
fn legacy_charsets_are_decoded() {
    let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode("Новости дня");
    let page = [
        b"<html><head><meta charset=\"windows-1251\"></head><body>".as_slice(),
        &cyrillic,
        b"</body></html>",
    ]
    .concat();
    assert!(datasets::decode_html(&page).contains("Новости дня"));
    let utf8_mislabelled = "<meta charset=iso-8859-1><p>café</p>";
    assert!(datasets::decode_html(utf8_mislabelled.as_bytes()).contains("café"));
}
