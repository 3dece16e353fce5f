//! Politeness: per-host concurrency and spacing shared by all fetches; robots.txt obeyed for
//! article pages.

mod support;

use std::time::Duration;

use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_feeds_on_one_host_never_exceed_the_per_host_limit() {
    let server = TestServer::start().await;
    let mut feeds = Vec::new();
    for i in 0..50 {
        let path = format!("/feed-{i}.xml");
        server.set(
            &path,
            Route::ok("application/rss+xml", rss(&format!("Feed {i}"), &[]))
                .with_delay(Duration::from_millis(40)),
        );
        feeds.push((format!("feed-{i}"), server.url(&path)));
    }
    let data = tempfile::tempdir().expect("tempdir");
    let refs: Vec<(&str, String)> = feeds
        .iter()
        .map(|(id, u)| (id.as_str(), u.clone()))
        .collect();
    let mut config = test_config(data.path(), &SinkUnderTest::Jsonl, &refs);
    config.http.per_host_concurrency = 2;
    tokio::time::timeout(Duration::from_secs(60), run_once(&config))
        .await
        .expect("50 polls finish");
    assert_eq!(
        (0..50)
            .map(|i| server.hits(&format!("/feed-{i}.xml")))
            .sum::<usize>(),
        50
    );
    assert_eq!(
        server.max_in_flight(),
        2,
        "the limit was reached, never passed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_to_one_host_are_spaced_by_the_delay() {
    let server = TestServer::start().await;
    let mut feeds = Vec::new();
    for i in 0..5 {
        let path = format!("/feed-{i}.xml");
        server.set(&path, Route::ok("application/rss+xml", rss("x", &[])));
        feeds.push((format!("feed-{i}"), server.url(&path)));
    }
    let data = tempfile::tempdir().expect("tempdir");
    let refs: Vec<(&str, String)> = feeds
        .iter()
        .map(|(id, u)| (id.as_str(), u.clone()))
        .collect();
    let mut config = test_config(data.path(), &SinkUnderTest::Jsonl, &refs);
    config.http.per_host_delay_ms = 300;
    run_once(&config).await;
    let mut starts: Vec<_> = (0..5)
        .flat_map(|i| server.received(&format!("/feed-{i}.xml")))
        .map(|r| r.at)
        .collect();
    starts.sort();
    assert_eq!(starts.len(), 5);
    for pair in starts.windows(2) {
        assert!(
            pair[1] - pair[0] >= Duration::from_millis(290),
            "{:?}",
            starts.windows(2).map(|p| p[1] - p[0]).collect::<Vec<_>>()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_disallowed_pages_become_fetch_dead_letters() {
    let server = TestServer::start().await;
    server.set(
        "/robots.txt",
        Route::ok(
            "text/plain",
            "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n",
        ),
    );
    for path in ["/private/a", "/private/b", "/public/c"] {
        server.set(
            path,
            Route::ok("text/html", article_page("Story", &["Text."])),
        );
    }
    server.set(
        "/obeying.xml",
        Route::ok(
            "application/rss+xml",
            rss(
                "Obeying",
                &[
                    ("A", &server.url("/private/a"), "a"),
                    ("C", &server.url("/public/c"), "c"),
                ],
            ),
        ),
    );
    server.set(
        "/ignoring.xml",
        Route::ok(
            "application/rss+xml",
            rss("Ignoring", &[("B", &server.url("/private/b"), "b")]),
        ),
    );
    let data = tempfile::tempdir().expect("tempdir");
    let mut config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[
            ("obeying", server.url("/obeying.xml")),
            ("ignoring", server.url("/ignoring.xml")),
        ],
    );
    config.feeds[1].obey_robots = false;
    run_once(&config).await;

    assert_eq!(
        server.hits("/private/a"),
        0,
        "disallowed page never fetched"
    );
    assert_eq!(server.hits("/public/c"), 1);
    assert_eq!(server.hits("/private/b"), 1, "obey_robots = false");
    assert_eq!(server.hits("/robots.txt"), 1, "fetched once, then cached");
    let dead = read_jsonl(data.path(), "news.dead-letter");
    let refused: Vec<_> = dead
        .iter()
        .filter(|d| d["item"]["link"] == server.url("/private/a"))
        .collect();
    assert_eq!(refused.len(), 1, "{dead:#?}");
    assert_eq!(refused[0]["stage"], "fetch");
    assert_eq!(refused[0]["attempts"], 1);
    let error = refused[0]["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("robots.txt") && error.contains("disallows"),
        "{error}"
    );
    assert_schema_valid(refused[0]);
}
