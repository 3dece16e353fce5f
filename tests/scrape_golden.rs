//! The seed article: extracting its page must give the golden text byte for byte, with and
//! without the site rule, and the metadata of `expected.json`.

use std::path::Path;

use newswire::scrape::{Article, SiteRules, extract};
use serde_json::Value;
use url::Url;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/novayagazeta-aliyev.html"
);
const SITE_RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/sites");

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"))
}

fn expected() -> Value {
    let text = read(&format!("{SHARED}/seed/novayagazeta-aliyev.expected.json"));
    let document: Value =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("expected.json: {error}"));
    document["article"].clone()
}

fn extract_seed(rules: &SiteRules) -> Article {
    let expected = expected();
    let url = expected["url"]
        .as_str()
        .unwrap_or_else(|| panic!("expected.json has no article.url"));
    let page_url = Url::parse(url).unwrap_or_else(|error| panic!("{url}: {error}"));
    extract(&read(FIXTURE), &page_url, rules)
        .unwrap_or_else(|error| panic!("extraction failed: {error}"))
}

fn site_rules() -> SiteRules {
    SiteRules::load_dir(Path::new(SITE_RULES)).unwrap_or_else(|error| panic!("{error}"))
}

fn assert_matches_seed(article: &Article) {
    let golden = read(&format!("{SHARED}/seed/novayagazeta-aliyev.txt"));
    if article.text != golden {
        let first_difference = article
            .text
            .char_indices()
            .zip(golden.chars())
            .find(|((_, got), want)| got != want)
            .map_or(article.text.len().min(golden.len()), |((offset, _), _)| {
                offset
            });
        panic!(
            "text differs from the golden seed at byte {first_difference}:\n--- got ---\n{}\n--- golden ---\n{golden}",
            article.text
        );
    }

    let expected = expected();
    assert_eq!(Some(article.title.as_str()), expected["title"].as_str());
    let rubric: Vec<&str> = expected["rubric"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(article.rubric, rubric);
    let image = article
        .lead_image
        .as_ref()
        .unwrap_or_else(|| panic!("no lead image"));
    assert_eq!(
        image.caption.as_deref(),
        expected["lead_image_caption"].as_str()
    );
    assert_eq!(
        image.credit.as_deref(),
        expected["lead_image_credit"].as_str()
    );
    assert!(
        image
            .url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://")),
        "{:?}",
        image.url
    );
    let published = article
        .published_at
        .map(|date| date.date_naive().to_string());
    assert_eq!(published.as_deref(), expected["published"].as_str());
    assert_eq!(article.canonical_url.as_deref(), expected["url"].as_str());
    assert_eq!(
        article.url.as_str(),
        expected["url"].as_str().unwrap_or_default()
    );
    assert_eq!(article.language.as_deref(), expected["language"].as_str());
    assert_eq!(
        Some(article.paragraphs.len() as u64),
        expected["paragraphs"].as_u64()
    );
    assert_eq!(article.site_name.as_deref(), Some("Novaya Gazeta Europe"));
}

#[test]
fn seed_with_site_rule_matches_golden_text() {
    let rules = site_rules();
    assert!(rules.for_host("novayagazeta.eu").is_some());
    assert_matches_seed(&extract_seed(&rules));
}

#[test]
fn seed_with_generic_extractor_matches_golden_text() {
    assert_matches_seed(&extract_seed(&SiteRules::empty()));
}
