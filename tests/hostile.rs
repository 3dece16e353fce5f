//! Servers that misbehave: validators, rate limits, errors, endless and compressed bodies,
//! trickling responses. Every server is on 127.0.0.1; every loop is bounded in count and time.

mod support;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use newswire::config::{Config, HttpConfig};
use newswire::fetch::{FetchError, Fetched, HttpClient, Validators};
use newswire::pipeline::Observability;
use newswire::state::{FeedState, StateStore};
use support::*;
use url::Url;

fn url(s: &str) -> Url {
    Url::parse(s).expect("test url")
}

/// A loopback-allowed client with a small body cap and a short total timeout.
fn client(max_body_bytes: u64, timeout_secs: u64) -> HttpClient {
    HttpClient::new(&HttpConfig {
        allow_private_networks: true,
        max_body_bytes,
        timeout_secs,
        ..HttpConfig::default()
    })
    .expect("client")
}

async fn get(client: &HttpClient, target: &str) -> Result<Fetched, FetchError> {
    client
        .get(&url(target), &Validators::default(), client.reach(false))
        .await
}

/// One `--once` cycle with its own metrics, so a test can read what the poll did.
async fn poll_once_observed(config: &Config) -> Observability {
    let observability = Observability::default();
    let (_tx, rx) = tokio::sync::watch::channel(false);
    newswire::pipeline::run(config.clone(), true, observability.clone(), rx)
        .await
        .expect("pipeline run");
    observability
}

fn feed_state(data: &Path, id: &str) -> FeedState {
    StateStore::open(data)
        .expect("state store")
        .feed_state(id)
        .expect("feed state")
}

/// Seconds between a poll and the next one it scheduled.
fn scheduled_secs(state: &FeedState) -> i64 {
    let polled = state.last_polled_at.expect("polled");
    let next = state.next_poll_at.expect("scheduled");
    (next - polled).num_seconds()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_modified_second_poll_sends_validators_and_parses_nothing() {
    let server = TestServer::start().await;
    server.set(
        "/feed.xml",
        Route::ok(
            "application/rss+xml",
            rss("Desk", &[("One", "http://example.invalid/1", "1")]),
        )
        .with_header("etag", "\"v1\"")
        .with_header("last-modified", "Wed, 27 Aug 2025 09:00:00 GMT"),
    );
    let data = tempfile::tempdir().expect("tempdir");
    let config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[("desk", server.url("/feed.xml"))],
    );
    poll_once_observed(&config).await;
    let second = poll_once_observed(&config).await;
    let requests = server.received("/feed.xml");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].headers.get("if-none-match"), None);
    assert_eq!(
        requests[1].headers.get("if-none-match").map(String::as_str),
        Some("\"v1\"")
    );
    assert_eq!(
        requests[1]
            .headers
            .get("if-modified-since")
            .map(String::as_str),
        Some("Wed, 27 Aug 2025 09:00:00 GMT")
    );
    let metrics = second.metrics.render();
    assert!(
        metrics.contains("newswire_feed_polls_total{feed=\"desk\",outcome=\"not_modified\"} 1"),
        "{metrics}"
    );
    assert!(
        !metrics.contains("outcome=\"ok\""),
        "nothing parsed: {metrics}"
    );
    assert!(
        !metrics.contains("newswire_items_discovered_total{"),
        "{metrics}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limited_feed_waits_for_retry_after() {
    let server = TestServer::start().await;
    server.set(
        "/seconds.xml",
        Route::status(429).with_header("retry-after", "1200"),
    );
    let in_five_minutes =
        httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(300));
    server.set(
        "/date.xml",
        Route::status(503).with_header("retry-after", &in_five_minutes),
    );
    let data = tempfile::tempdir().expect("tempdir");
    let config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[
            ("seconds", server.url("/seconds.xml")),
            ("date", server.url("/date.xml")),
        ],
    );
    poll_once_observed(&config).await;
    let seconds = feed_state(data.path(), "seconds");
    assert_eq!(seconds.consecutive_errors, 1);
    assert!(
        seconds.last_error.as_deref().unwrap_or("").contains("429"),
        "{seconds:?}"
    );
    // The feed's own backoff would be 20 s; the server asked for 1200.
    assert!(
        (1200..=1201).contains(&scheduled_secs(&seconds)),
        "{seconds:?}"
    );
    let date = feed_state(data.path(), "date");
    assert!((295..=301).contains(&scheduled_secs(&date)), "{date:?}");

    // The daemon honours the stored schedule: started again, it does not poll before then.
    let (tx, rx) = tokio::sync::watch::channel(false);
    let daemon = tokio::spawn(newswire::pipeline::run(
        config.clone(),
        false,
        Observability::default(),
        rx,
    ));
    tokio::time::sleep(Duration::from_secs(2)).await;
    let _ = tx.send(true);
    tokio::time::timeout(Duration::from_secs(30), daemon)
        .await
        .expect("daemon stops")
        .expect("task")
        .expect("run");
    assert_eq!(server.hits("/seconds.xml"), 1);
    assert_eq!(server.hits("/date.xml"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_back_off_further_each_time_and_polling_goes_on() {
    let server = TestServer::start().await;
    server.set("/feed.xml", Route::status(500));
    let data = tempfile::tempdir().expect("tempdir");
    let config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[("broken", server.url("/feed.xml"))],
    );
    let mut waits = Vec::new();
    for round in 1..=4 {
        poll_once_observed(&config).await;
        let state = feed_state(data.path(), "broken");
        assert_eq!(state.consecutive_errors, round);
        waits.push(scheduled_secs(&state));
    }
    // interval 10 s doubled per error, ±10 % jitter: ~20, ~40, ~80, ~160.
    for (wait, expected) in waits.iter().zip([20, 40, 80, 160]) {
        let (lo, hi) = (expected * 9 / 10 - 1, expected * 11 / 10 + 1);
        assert!((lo..=hi).contains(wait), "{waits:?}");
    }
    assert_eq!(server.hits("/feed.xml"), 4, "every round polled again");
    // A recovered feed is healthy again at once.
    server.set(
        "/feed.xml",
        Route::ok("application/rss+xml", rss("Back", &[])),
    );
    poll_once_observed(&config).await;
    let state = feed_state(data.path(), "broken");
    assert_eq!((state.consecutive_errors, state.last_error), (0, None));
}

#[tokio::test]
async fn fifty_megabyte_body_is_cut_at_the_cap() {
    let server = TestServer::start().await;
    server.set(
        "/huge.xml",
        Route::streamed(
            "application/rss+xml",
            Streamed::Repeat {
                byte: b' ',
                len: 50 * 1024 * 1024,
            },
        ),
    );
    let started = Instant::now();
    match get(&client(1024 * 1024, 30), &server.url("/huge.xml")).await {
        Err(FetchError::TooLarge { limit, .. }) => assert_eq!(limit, 1024 * 1024),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn gzip_bomb_is_cut_at_the_cap() {
    // 64 MiB of zeros compress to ~64 KiB.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..64 {
        encoder.write_all(&zeros).expect("compress");
    }
    let bomb = encoder.finish().expect("compress");
    assert!(bomb.len() < 1024 * 1024, "the bomb itself is small");
    let server = TestServer::start().await;
    server.set(
        "/bomb.xml",
        Route::ok("application/rss+xml", bomb).with_header("content-encoding", "gzip"),
    );
    match get(&client(4 * 1024 * 1024, 30), &server.url("/bomb.xml")).await {
        Err(FetchError::TooLarge { limit, .. }) => assert_eq!(limit, 4 * 1024 * 1024),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[tokio::test]
async fn trickling_server_hits_the_total_timeout() {
    let server = TestServer::start().await;
    server.set(
        "/slow.xml",
        Route::streamed(
            "application/rss+xml",
            Streamed::Trickle {
                body: rss("Slow", &[]).into_bytes(),
                every: Duration::from_secs(1),
            },
        ),
    );
    let started = Instant::now();
    match get(&client(1024 * 1024, 2), &server.url("/slow.xml")).await {
        Err(error @ FetchError::Network { .. }) => {
            assert!(error.to_string().contains("timed out"), "{error}");
            assert!(error.is_retriable());
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_secs(2) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
}
