//! End-to-end throughput: a loopback HTTP server with N feeds × M article pages (both made on
//! request, so the server holds nothing per item and peak RSS is the pipeline's), through fetch,
//! extraction, enrichment and the sink's acknowledgements. Prints articles/s and peak RSS; asserts
//! no time. Runs each size in a fresh process so peak RSS is that size's own.
//!
//!   tests/run-all.sh is not needed; with a broker:  NEWSWIRE_TANSU=… cargo bench --bench pipeline
//!   without one (JSON Lines sink):                  cargo bench --bench pipeline -- --sink jsonl
//!   options: --feeds N (20) --articles M (50 per feed) --sizes "1,10" (multipliers)
//!            --pages zyte (article pages are the 181 real pages of the Zyte benchmark in
//!            ../shared/datasets, served as their raw bytes without a charset, in turn; the
//!            server holds them in this process, so peak RSS includes their ~MiB; default:
//!            synthetic pages made on request)
//!            --grow feeds|articles (feeds: N grows, each feed keeps M entries, as more feeds do
//!            in production; articles: M grows, so feed documents grow too)

#[path = "../support/mod.rs"]
mod support;

#[path = "../common/datasets.rs"]
#[allow(dead_code)]
mod datasets;

use std::time::Instant;

use support::*;

struct Options {
    feeds: usize,
    articles: usize,
    sizes: Vec<usize>,
    kafka: bool,
    grow_feeds: bool,
    real_pages: bool,
}

fn options() -> Options {
    Options {
        feeds: bench_option("--feeds", 20),
        articles: bench_option("--articles", 50),
        sizes: bench_arg("--sizes")
            .unwrap_or_else(|| "1,10".into())
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect(),
        kafka: bench_arg("--sink").as_deref() != Some("jsonl"),
        grow_feeds: bench_arg("--grow").as_deref() != Some("articles"),
        real_pages: bench_arg("--pages").as_deref() == Some("zyte"),
    }
}

fn main() {
    // `cargo test --benches` runs bench targets without `--bench`; only `cargo bench` measures.
    if !std::env::args().any(|a| a == "--bench") {
        println!("pipeline benchmark: run with `cargo bench --bench pipeline`");
        return;
    }
    let options = options();
    if let Ok(size) = std::env::var("NEWSWIRE_BENCH_CHILD") {
        let size: usize = size.parse().unwrap_or(1);
        let (feeds, per_feed) = if options.grow_feeds {
            (options.feeds * size, options.articles)
        } else {
            (options.feeds, options.articles * size)
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(measure(feeds, per_feed, options.kafka, options.real_pages));
        return;
    }
    println!(
        "pipeline benchmark: {} pages, {} feeds × {} articles, growing {}, sink {}, {} logical CPUs",
        if options.real_pages {
            "real (Zyte)"
        } else {
            "synthetic"
        },
        options.feeds,
        options.articles,
        if options.grow_feeds {
            "feeds"
        } else {
            "articles per feed"
        },
        if options.kafka {
            "kafka (tansu)"
        } else {
            "jsonl"
        },
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    println!(
        "{:>6} {:>9} {:>8} {:>10} {:>12} {:>13}",
        "feeds", "articles", "dead", "seconds", "articles/s", "peak RSS MiB"
    );
    for size in &options.sizes {
        let status = std::process::Command::new(std::env::current_exe().expect("exe"))
            .args(std::env::args().skip(1))
            .env("NEWSWIRE_BENCH_CHILD", size.to_string())
            .status()
            .expect("run a measurement");
        assert!(status.success(), "measurement at size {size} failed");
    }
}

/// The Zyte pages' raw bytes, or nothing for synthetic pages; and their total MiB.
fn real_pages(wanted: bool) -> (Vec<Vec<u8>>, f64) {
    if !wanted {
        return (Vec::new(), 0.0);
    }
    let pages: Vec<Vec<u8>> = datasets::zyte_pages()
        .expect("the Zyte pages in ../shared/datasets")
        .iter()
        .map(|page| page.read_bytes().expect("page"))
        .collect();
    let mib = pages.iter().map(Vec::len).sum::<usize>() as f64 / (1024.0 * 1024.0);
    (pages, mib)
}

async fn measure(feeds: usize, per_feed: usize, kafka: bool, real: bool) {
    let server = TestServer::start().await;
    let (pages, pages_mib) = real_pages(real);
    let pages = std::sync::Arc::new(pages);
    // Article pages are made on request, so the server holds no per-article memory and the
    // RSS figure is the pipeline's own (plus the feed documents).
    let base = server.url("");
    server.generate(move |path| {
        // Feed documents: /f<feed>.xml
        if let Some(feed) = path.strip_prefix("/f").and_then(|p| p.strip_suffix(".xml")) {
            let entries: Vec<(String, String, String)> = (0..per_feed)
                .map(|a| {
                    (
                        format!("Storm update {feed}-{a}"),
                        format!("{base}/f{feed}/a{a}"),
                        format!("f{feed}-a{a}"),
                    )
                })
                .collect();
            return Some(Route::ok(
                "application/rss+xml",
                rss_of(&format!("Feed {feed}"), &entries),
            ));
        }
        // Article pages: /f<feed>/a<article>
        let (feed, article) = path.strip_prefix("/f")?.split_once("/a")?;
        if !pages.is_empty() {
            let n: usize = feed.parse::<usize>().ok()? * per_feed + article.parse::<usize>().ok()?;
            return Some(Route::ok("text/html", pages[n % pages.len()].clone()));
        }
        let title = format!("Storm update {feed}-{article}");
        let paragraphs = [
            format!("Officials in the region said on Tuesday that the number of people affected by the storm had risen to {article}, and that rescue teams were still working in the worst-hit districts."),
            "The government announced an emergency fund of 20 million euros, while opposition parties called for an independent inquiry into the warnings issued before the storm reached the coast.".to_string(),
            format!("Feed {feed} reported that electricity had been restored to most homes by Wednesday morning, although several villages remained cut off after bridges were damaged in late June."),
            "Meteorologists warned that another front could arrive over the weekend, bringing heavy rain to areas where the ground is already saturated and rivers are close to bursting their banks.".to_string(),
        ];
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        Some(Route::ok("text/html; charset=utf-8", article_page(&title, &refs)))
    });
    let feed_urls: Vec<(String, String)> = (0..feeds)
        .map(|f| (format!("feed-{f}"), server.url(&format!("/f{f}.xml"))))
        .collect();
    let data = tempfile::tempdir().expect("tempdir");
    let sink = if kafka {
        SinkUnderTest::Kafka(Broker::start())
    } else {
        SinkUnderTest::Jsonl
    };
    let feed_refs: Vec<(&str, String)> = feed_urls
        .iter()
        .map(|(id, url)| (id.as_str(), url.clone()))
        .collect();
    let mut config = test_config(data.path(), &sink, &feed_refs);
    config.pipeline.fetch_concurrency = 32;
    let started = Instant::now();
    let summary = run_once(&config).await;
    let seconds = started.elapsed().as_secs_f64();
    // Every item ends: published, or (a real page without an article) dead-lettered.
    assert_eq!(
        (summary.articles_published + summary.dead_letters) as usize,
        feeds * per_feed,
        "{summary:?}"
    );
    if real {
        assert!(
            summary.dead_letters * 10 < summary.articles_published,
            "{summary:?}"
        );
    }
    println!(
        "{:>6} {:>9} {:>8} {:>10.2} {:>12.0} {:>13.1}{}",
        feeds,
        summary.articles_published,
        summary.dead_letters,
        seconds,
        summary.articles_published as f64 / seconds,
        peak_rss_mib(),
        if real {
            format!("  (includes the server's {pages_mib:.1} MiB of pages)")
        } else {
            String::new()
        }
    );
}
