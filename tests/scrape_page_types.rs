//! Page types a news pipeline meets, as small synthetic pages (`tests/fixtures/page-types/`):
//! the body is found, in order, without the furniture around it, and the extraction method
//! says which path found it.

use newswire::scrape::{Article, ExtractionMethod, SiteRules, extract};
use url::Url;

fn extract_fixture(name: &str) -> Article {
    let path = format!(
        "{}/tests/fixtures/page-types/{name}.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let url = Url::parse("https://news.example.org/2024/story").unwrap_or_else(|e| panic!("{e}"));
    extract(&html, &url, &SiteRules::empty()).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// Asserts that the body holds `wanted` in this order and none of `unwanted`.
fn assert_body(article: &Article, wanted: &[&str], unwanted: &[&str]) {
    let body = article.paragraphs.join("\n");
    let mut from = 0;
    for text in wanted {
        let at = body[from..]
            .find(text)
            .unwrap_or_else(|| panic!("{text:?} missing or out of order in {body:?}"));
        from += at + text.len();
    }
    for text in unwanted {
        assert!(!body.contains(text), "{text:?} kept in {body:?}");
    }
}

#[test]
fn video_page_gives_its_description() {
    let article = extract_fixture("video");
    assert_eq!(article.extraction_method, ExtractionMethod::Description);
    assert_body(
        &article,
        &[
            "highest point in thirty years",
            "walk along the embankments",
        ],
        &["More videos", "Ferry services"],
    );
}

#[test]
fn gallery_captions_are_the_body() {
    let article = extract_fixture("gallery");
    assert_eq!(article.extraction_method, ExtractionMethod::Captions);
    assert_body(
        &article,
        &[
            "first sheaves",
            "brass band",
            "smaller but better",
            "bonfire",
        ],
        &["About us"],
    );
}

#[test]
fn live_blog_keeps_every_entry_in_page_order() {
    let article = extract_fixture("live-blog");
    assert_body(
        &article,
        &[
            "First result declared",
            "reduced majority",
            "Turnout figures",
            "Polls close",
            "exit poll",
        ],
        &["Most read", "Storm warning"],
    );
}

#[test]
fn div_and_br_paragraphs() {
    let article = extract_fixture("div-br-paragraphs");
    assert_body(
        &article,
        &[
            "old bus depot",
            "spring of 2027",
            "nine votes to four",
            "1962",
        ],
        &["Privacy", "Events"],
    );
    // `<br><br>` separates paragraphs (the article-text spec has no blank line inside one):
    // one paragraph per run of text.
    assert_eq!(article.paragraphs.len(), 4, "{:?}", article.paragraphs);
    assert!(
        article.paragraphs.iter().all(|p| !p.contains('\n')),
        "{:?}",
        article.paragraphs
    );
}

#[test]
fn article_inside_main_without_its_asides() {
    let article = extract_fixture("main-article-asides");
    assert_eq!(article.extraction_method, ExtractionMethod::Main);
    assert_body(
        &article,
        &["called off", "pay offer", "Passenger groups"],
        &[
            "What the strike would have meant",
            "Heatwave",
            "Registered in England",
        ],
    );
}

#[test]
fn archive_wrapper_is_left_out() {
    let article = extract_fixture("archive-wrapped");
    assert_body(
        &article,
        &["sea wall", "two million pounds", "Skippers"],
        &["captures", "About this service", "2019"],
    );
}

#[test]
fn right_to_left_page() {
    let article = extract_fixture("rtl");
    assert_eq!(article.language.as_deref(), Some("ar"));
    assert_body(
        &article,
        &["مكتبة عامة جديدة", "خمسين ألف كتاب", "مجانيا للجميع"],
        &["جميع الحقوق محفوظة"],
    );
}

#[test]
fn cjk_page_measured_in_characters() {
    let article = extract_fixture("cjk");
    assert_eq!(article.language.as_deref(), Some("zh"));
    assert_body(
        &article,
        &["首日接待读者", "地方文献室", "常带孩子"],
        &["关于我们", "体育"],
    );
}

#[test]
fn body_in_a_template() {
    let article = extract_fixture("template-body");
    assert_eq!(article.extraction_method, ExtractionMethod::HiddenMarkup);
    assert_body(
        &article,
        &["auction house", "break-in in 1979", "next month"],
        &["Loading", "getElementById"],
    );
}

#[test]
fn json_ld_article_body_when_the_markup_has_none() {
    let article = extract_fixture("structured-data");
    assert_eq!(article.extraction_method, ExtractionMethod::StructuredData);
    assert_body(
        &article,
        &["steel cables", "forty-mile detour", "could not wait"],
        &["Subscribe"],
    );
}

#[test]
fn listicle_keeps_every_section() {
    let article = extract_fixture("listicle-sections");
    assert_body(
        &article,
        &[
            "1. The coast line",
            "iron bridge",
            "2. The mountain pass",
            "thin and cold air",
            "3. The lake shore",
            "4. The night train",
            "5. The river valley",
            "harvest festivals",
        ],
        &["All rights reserved"],
    );
}

#[test]
fn guide_items_built_from_a_widget_template_are_the_body() {
    let article = extract_fixture("repeated-items");
    assert_body(
        &article,
        &[
            "twelve rechargeable lamps",
            "1. Harbour Light",
            "warm, even glow",
            "2. Field Lantern",
            "3. Desk Beam",
            "4. Pocket Glow",
            "kept the sand out",
        ],
        &["Best head torches", "All rights reserved"],
    );
}

#[test]
fn article_wrapped_in_a_header() {
    let article = extract_fixture("header-wrapped");
    assert_body(
        &article,
        &["four parts", "standing charge pays", "soakaway"],
        &["switch water supplier", "social tariff"],
    );
}

#[test]
fn cookie_banner_loses_to_a_short_article() {
    let article = extract_fixture("cookie-banner");
    assert_body(
        &article,
        &["ersten Mai", "fünfzig Minuten"],
        &["Cookies", "Datenschutzerklärung"],
    );
}

#[test]
fn box_fixed_over_the_page_is_not_the_body() {
    let article = extract_fixture("fixed-overlay");
    assert_body(
        &article,
        &["damaged by the storm", "two classrooms"],
        &["bypass", "brass band"],
    );
}

#[test]
fn table_figure_is_kept_image_figure_is_not() {
    let article = extract_fixture("table-figure");
    assert_body(
        &article,
        &[
            "north-east last year",
            "North-east",
            "+7.9%",
            "Capital",
            "narrow further",
        ],
        &["terraced houses"],
    );
}
