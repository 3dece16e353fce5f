//! The Kafka sink through a broker outage (a cut TCP proxy in front of tansu; tansu keeps its
//! records only in memory, so it is never restarted): `/readyz` follows the outage, the
//! producer is replaced a bounded number of times, and the run's summary counts what is left
//! undelivered, nothing once the broker is back. This is the producer without the spool
//! (`spool_max_bytes = 0`); `tests/spool.rs` has the spool through outages. And `newswire consume` with a short idle
//! timeout reads a full topic.

mod support;

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use support::proxy::TcpProxy;
use support::*;

fn story(i: usize) -> Route {
    Route::ok(
        "text/html",
        article_page(
            &format!("Harbour report number {i}"),
            &[
                "Officials confirmed the figures on Thursday, adding that the review would continue into next month, according to the statement.",
            ],
        ),
    )
}

/// The feed lists stories `0..count`.
fn list_stories(server: &TestServer, count: usize) {
    let entries: Vec<(String, String, String)> = (0..count)
        .map(|i| {
            (
                format!("Story {i}"),
                server.url(&format!("/story/{i}")),
                format!("story-{i}"),
            )
        })
        .collect();
    server.set(
        "/feed.xml",
        Route::ok("application/rss+xml", rss_of("Desk", &entries)),
    );
}

async fn status(client: &reqwest::Client, ops: SocketAddr, path: &str) -> u16 {
    client
        .get(format!("http://{ops}{path}"))
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}

async fn metric(client: &reqwest::Client, ops: SocketAddr, line_start: &str) -> f64 {
    let text = client
        .get(format!("http://{ops}/metrics"))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("metrics body");
    text.lines()
        .find_map(|l| l.strip_prefix(line_start))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0)
}

/// Polls `/readyz` until it answers `want`, at most `limit`.
async fn readiness_becomes(client: &reqwest::Client, ops: SocketAddr, want: u16, limit: Duration) {
    let deadline = Instant::now() + limit;
    loop {
        let got = status(client, ops, "/readyz").await;
        if got == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "/readyz stayed {got}, expected {want}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_shows_in_readiness_and_leaves_nothing_undelivered() {
    let broker_port = free_port();
    let proxy_port = free_port();
    let broker = Broker::start_advertising(broker_port, proxy_port);
    let proxy = TcpProxy::start(proxy_port, SocketAddr::from(([127, 0, 0, 1], broker.port))).await;
    let server = TestServer::start().await;
    let before = 4;
    let total = 10;
    for i in 0..total {
        server.set(&format!("/story/{i}"), story(i));
    }
    list_stories(&server, before);
    let data = tempfile::tempdir().expect("tempdir");
    let toml = format!(
        "data_dir = \"{}\"\n[http]\nallow_private_networks = true\nper_host_delay_ms = 0\n[ops]\nlisten = \"\"\n[pipeline]\nretry_pending_secs = 2\nshutdown_grace_secs = 10\nmin_interval_secs = 10\nmax_interval_secs = 10\n[kafka]\nbootstrap_servers = \"127.0.0.1:{proxy_port}\"\ndelivery_timeout_secs = 3\nspool_max_bytes = 0\n[[feeds]]\nid = \"desk\"\nurl = \"{}\"\ninterval_secs = 10\n",
        data.path().display(),
        server.url("/feed.xml")
    );
    let config = newswire::config::Config::parse(&toml, Path::new("t.toml")).expect("config");
    if std::env::var_os("RUST_LOG").is_some() {
        newswire::ops::init_logging(newswire::config::LogFormat::Human);
    }
    let observability = newswire::pipeline::Observability::default();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let (ops, _) = newswire::ops::serve(
        "127.0.0.1:0".parse().expect("addr"),
        observability.metrics.clone(),
        observability.health.clone(),
        stopped.clone(),
    )
    .await
    .expect("ops server");
    let daemon = tokio::spawn(newswire::pipeline::run(
        config,
        false,
        observability,
        stopped,
    ));
    let client = reqwest::Client::new();
    let bootstrap = format!("127.0.0.1:{proxy_port}");
    let first = consume_all(&bootstrap, "news.articles", before, Duration::from_secs(1)).await;
    assert_eq!(first.len(), before);
    readiness_becomes(&client, ops, 200, Duration::from_secs(10)).await;

    // The outage: new stories are found (the feed is polled every 10 s) but cannot be sent.
    proxy.cut();
    list_stories(&server, total);
    readiness_becomes(&client, ops, 503, Duration::from_secs(10)).await;
    let outage = Instant::now();
    while outage.elapsed() < Duration::from_secs(25) {
        assert_eq!(
            status(&client, ops, "/readyz").await,
            503,
            "ready during the outage, {:?} after it was first reported",
            outage.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let failed = metric(
        &client,
        ops,
        "newswire_sink_errors_total{kind=\"retriable\"}",
    )
    .await;
    assert!(failed > 0.0, "nothing was attempted during the outage");
    proxy.restore();
    readiness_becomes(&client, ops, 200, Duration::from_secs(30)).await;

    let articles = consume_all(&bootstrap, "news.articles", total, Duration::from_secs(3)).await;
    let replacements = metric(&client, ops, "newswire_sink_producer_replacements_total").await;
    let _ = stop.send(true);
    let summary = daemon.await.expect("daemon task").expect("daemon run");
    eprintln!(
        "25 s outage: {failed} failed deliveries, {replacements} producer replacements; {summary:?}"
    );
    let published: std::collections::HashSet<&str> =
        articles.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(
        published.len(),
        total,
        "every story is published once the broker is back"
    );
    assert!(
        (1.0..=3.0).contains(&replacements),
        "{replacements} producer replacements for one outage"
    );
    assert_eq!(summary.articles_published, total as u64, "{summary:?}");
    assert_eq!(summary.not_delivered, 0, "{summary:?}");
}

/// `newswire consume --idle-timeout-secs 1` on a topic full of records prints them all: the
/// timeout counts from the group join, not from the start. A topic that does not exist yet is
/// empty: exit 0, a note on stderr.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consume_with_a_short_idle_timeout_reads_a_full_topic() {
    use rdkafka::producer::{FutureProducer, FutureRecord};
    let broker = Broker::start();
    let producer: FutureProducer = rdkafka::ClientConfig::new()
        .set("bootstrap.servers", broker.bootstrap())
        .create()
        .expect("producer");
    let count = 50;
    for i in 0..count {
        let payload = format!("{{\"n\":{i}}}");
        let key = format!("k{i}");
        producer
            .send(
                FutureRecord::to("news.items").key(&key).payload(&payload),
                Duration::from_secs(10),
            )
            .await
            .expect("delivered");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("consume.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = \"{}\"\n[kafka]\nbootstrap_servers = \"{}\"\n[kafka.properties]\n\"session.timeout.ms\" = \"6000\"\n",
            dir.path().display(),
            broker.bootstrap()
        ),
    )
    .expect("config");
    let consume = |topic: &str| {
        Command::new(env!("CARGO_BIN_EXE_newswire"))
            .args([
                "consume",
                "--from-beginning",
                "--idle-timeout-secs",
                "1",
                "--topic",
                topic,
            ])
            .arg("--config")
            .arg(&config)
            .output()
            .expect("run consume")
    };
    let full = consume("news.items");
    assert!(full.status.success(), "{full:?}");
    let printed = String::from_utf8_lossy(&full.stdout).lines().count();
    assert_eq!(printed, count, "{}", String::from_utf8_lossy(&full.stderr));

    let empty = consume("news.dead-letter");
    assert!(empty.status.success(), "{empty:?}");
    assert!(empty.stdout.is_empty(), "{empty:?}");
    assert!(
        String::from_utf8_lossy(&empty.stderr).contains("no records"),
        "{empty:?}"
    );
}
