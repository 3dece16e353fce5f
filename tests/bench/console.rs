//! The console's rendering cost with 10,000 feeds configured: every page rendered in process
//! (the cost the blocking pool pays) and fetched over loopback HTTP from the ops server, with
//! the rings full (200 articles enriched from the seed article, 200 dead letters, 20 items and
//! 20 polls for every feed). Prints the median and the slowest of each; asserts no time.
//!
//!   cargo bench --bench console     options: --feeds N (10000) --runs R (21)

#[path = "../support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use newswire::ops::console::{PollSeen, respond};
use newswire::ops::{FeedHealth, Health, Metrics};
use newswire::publish::{ArticleRecord, DeadLetterRecord};
use newswire::state::FeedState;
use serde_json::json;
use support::*;

fn main() {
    // `cargo test --benches` runs bench targets without `--bench`; only `cargo bench` measures.
    if !std::env::args().any(|a| a == "--bench") {
        println!("console benchmark: run with `cargo bench --bench console`");
        return;
    }
    let feeds = bench_option("--feeds", 10_000);
    let runs = bench_option("--runs", 21).max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(measure(feeds, runs));
}

fn feed_id(i: usize) -> String {
    format!("feed-{i:05}")
}

/// A daemon's worth of feed health and activity, through the hooks the pipeline calls.
fn fill(health: &Health, feeds: usize) -> String {
    let now = Utc::now();
    let text = seed_text();
    let enriched = newswire::enrich::enrich(
        &text,
        NaiveDate::from_ymd_opt(2025, 8, 27).expect("date"),
        Some("en"),
        newswire::enrich::after_rubric(&text, true),
        newswire::enrich::DEFAULT_MAX_ENRICH_CHARS,
        &newswire::enrich::ner::installed_models_dir(),
    );
    for i in 0..feeds {
        let id = feed_id(i);
        let mut state = FeedState {
            last_polled_at: Some(now),
            last_success_at: Some(now),
            next_poll_at: Some(now + chrono::Duration::seconds((i % 3600) as i64)),
            interval_secs: Some(300 + (i % 7) as u64 * 60),
            ..FeedState::default()
        };
        if i % 10 == 3 {
            state.consecutive_errors = (i % 5) as u32 + 1;
            state.last_error = Some(format!(
                "HTTP 500 from https://news-{i}.example.org/rss.xml"
            ));
        } else if i % 20 == 7 {
            state.last_warning = Some("the feed lists no entries".into());
        }
        health.set_feed(FeedHealth::new(&id, &state));
        for n in 0..newswire::ops::console::FEED_ITEMS {
            let item: newswire::fetch::FeedItem = serde_json::from_value(json!({
                "id": format!("{i:05}-{n:02}"),
                "feed": { "id": id, "url": format!("https://news-{i}.example.org/rss.xml"), "title": null },
                "guid": null, "link": format!("https://news-{i}.example.org/story-{n}"),
                "canonical_url": null, "title": format!("Story {n} of feed {i}"), "summary": null,
                "published_at": null, "updated_at": null, "categories": [], "authors": [],
                "media": [], "language": "en", "discovered_at": now,
            }))
            .expect("feed item");
            health.console.item_discovered(&item);
            if n == 0 {
                let letter = DeadLetterRecord {
                    schema: "dead_letter".into(),
                    item_id: item.id.clone(),
                    stage: "fetch".into(),
                    error: format!("HTTP 404 from https://news-{i}.example.org/story-{n}"),
                    attempts: 3,
                    failed_at: now,
                    item: item.clone(),
                };
                health.console.dead_lettered(&letter);
            }
        }
        for n in 0..newswire::ops::console::FEED_POLLS {
            health.console.feed_polled(
                &id,
                PollSeen {
                    at: now,
                    outcome: if n % 4 == 0 { "error" } else { "ok" },
                    listed: 20,
                    new_items: n % 3,
                    error: (n % 4 == 0).then(|| "HTTP 503 from the feed".to_string()),
                },
            );
        }
    }
    let mut last = String::new();
    for n in 0..newswire::ops::console::RECENT_ARTICLES {
        let i = n * 37 % feeds.max(1);
        let record: ArticleRecord = serde_json::from_value(json!({
            "schema": "article", "id": format!("article-{n:04}"), "item_id": format!("{i:05}-00"),
            "url": format!("https://news-{i}.example.org/story-0"),
            "canonical_url": format!("https://news-{i}.example.org/story-0"),
            "feed": { "id": feed_id(i), "url": format!("https://news-{i}.example.org/rss.xml"), "title": null },
            "site": { "host": format!("news-{i}.example.org"), "name": "Example News" },
            "language": enriched.language, "published_at": "2025-08-27T09:00:00+00:00",
            "updated_at": null, "fetched_at": now, "rubric": ["News"], "title": format!("Seed article copy {n}"),
            "authors": [], "description": null, "lead_image": null,
            "paragraphs": text.split("\n\n").collect::<Vec<_>>(), "text": text,
            "entities": enriched.entities, "dates": enriched.dates, "enrichment": null,
            "tags": [], "content_hash": "sha256:0",
        }))
        .expect("article record");
        health.console.published(&record);
        last = record.id;
    }
    last
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn measure(feeds: usize, runs: usize) {
    let metrics = Arc::new(Metrics::new());
    let health = Arc::new(Health::default());
    health.console.set_admin_token("bench".into());
    let started = Instant::now();
    let article = fill(&health, feeds);
    println!(
        "console: {feeds} feeds, rings filled in {:.2} s, peak RSS {:.0} MiB",
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
    let (_stop, stopped) = tokio::sync::watch::channel(false);
    let (addr, _) = newswire::ops::serve(
        "127.0.0.1:0".parse().expect("addr"),
        metrics.clone(),
        health.clone(),
        stopped,
    )
    .await
    .expect("ops server");
    let http = reqwest::Client::new();
    let pages = [
        "/".to_string(),
        "/ui/feeds".into(),
        "/ui/feeds?sort=id&dir=desc&page=20".into(),
        "/ui/feeds?q=http+500&status=failing".into(),
        format!("/ui/feeds/{}", feed_id(feeds / 2)),
        "/ui/articles".into(),
        "/ui/articles?entity=aliyev&language=en".into(),
        format!("/ui/articles/{article}"),
        "/ui/dead-letters".into(),
    ];
    println!(
        "{:<40} {:>10} {:>10} {:>10} {:>10} {:>9}",
        "page", "render p50", "render max", "HTTP p50", "HTTP max", "KiB"
    );
    for page in &pages {
        let parts = hyper::Request::builder()
            .uri(page.as_str())
            .body(())
            .expect("request")
            .into_parts()
            .0;
        let mut render = Vec::new();
        let mut size = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let response = respond(&parts, &metrics, &health);
            render.push(t.elapsed());
            assert_eq!(response.status(), 200, "{page}");
            size = http_body_util::BodyExt::collect(response.into_body())
                .await
                .map(|b| b.to_bytes().len())
                .unwrap_or(0);
        }
        let mut fetched = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let body = http
                .get(format!("http://{addr}{page}"))
                .send()
                .await
                .expect("GET")
                .bytes()
                .await
                .expect("body");
            fetched.push(t.elapsed());
            assert!(!body.is_empty());
        }
        let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
        println!(
            "{:<40} {:>10} {:>10} {:>10} {:>10} {:>9.1}",
            page,
            ms(median(render.clone())),
            ms(render.iter().copied().max().unwrap_or_default()),
            ms(median(fetched.clone())),
            ms(fetched.iter().copied().max().unwrap_or_default()),
            size as f64 / 1024.0
        );
    }
    println!("peak RSS {:.0} MiB", peak_rss_mib());
}
