//! A page of megabytes of ordinary paragraphs goes through the pipeline whole, is enriched
//! only up to `pipeline.max_enrich_chars`, and its article record says where enrichment stopped.

mod support;

use newswire::enrich::DEFAULT_MAX_ENRICH_CHARS;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_four_mebibyte_page_is_published_whole_with_enrichment_capped() {
    let text = seed_text();
    let paragraphs: Vec<&str> = text.split("\n\n").filter(|p| p.len() > 40).collect();
    let mut body: Vec<&str> = Vec::new();
    let mut size = 0;
    for p in paragraphs.iter().cycle() {
        if size > 4 * 1024 * 1024 {
            break;
        }
        size += p.len();
        body.push(p);
    }
    let article = publish_one(article_page("Azerbaijan and Russia", &body)).await;
    assert_schema_valid(&article);
    let text_chars = article["text"].as_str().map_or(0, |t| t.chars().count());
    assert!(
        text_chars > 4_000_000,
        "the text is kept whole: {text_chars}"
    );
    let cut = article["enrichment"]["truncated_at"]
        .as_u64()
        .expect("the record says enrichment was cut") as usize;
    assert!(
        (DEFAULT_MAX_ENRICH_CHARS / 2..=DEFAULT_MAX_ENRICH_CHARS).contains(&cut),
        "{cut}"
    );
    // Cut at a paragraph end: the next code points of the text are a paragraph break.
    let after: String = article["text"]
        .as_str()
        .unwrap_or_default()
        .chars()
        .skip(cut)
        .take(2)
        .collect();
    assert_eq!(after, "\n\n");
    let mentions: Vec<u64> = article["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .flat_map(|e| e["mentions"].as_array().cloned().unwrap_or_default())
        .chain(article["dates"].as_array().cloned().unwrap_or_default())
        .filter_map(|m| m["end"].as_u64())
        .collect();
    assert!(mentions.len() > 100, "the first part is enriched");
    assert!(mentions.iter().all(|&end| end as usize <= cut));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ordinary_article_states_no_cap() {
    let text = seed_text();
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let article = publish_one(article_page("Seed", &paragraphs)).await;
    assert!(
        article.get("enrichment").is_none(),
        "{}",
        article["enrichment"]
    );
    assert!(!article["entities"].as_array().expect("entities").is_empty());
}

/// Runs one `--once` cycle on a feed of one article page; its article record.
async fn publish_one(page: String) -> serde_json::Value {
    let server = TestServer::start().await;
    server.set("/story", Route::ok("text/html; charset=utf-8", page));
    let link = server.url("/story");
    server.set(
        "/feed.xml",
        Route::ok(
            "application/rss+xml",
            rss("News", &[("Story", link.as_str(), "story-1")]),
        ),
    );
    let data = tempfile::tempdir().expect("tempdir");
    let config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[("news", server.url("/feed.xml"))],
    );
    let summary = run_once(&config).await;
    assert_eq!(summary.articles_published, 1, "{summary:?}");
    read_jsonl(data.path(), "news.articles").remove(0)
}
