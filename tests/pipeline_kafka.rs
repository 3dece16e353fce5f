//! The pipeline against a real Kafka-protocol broker (tansu, started per test).

mod scenarios;
mod support;

use std::time::Duration;

use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_item_exactly_once_through_kafka() {
    scenarios::exactly_once(SinkUnderTest::Kafka(Broker::start())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_items_reach_the_kafka_dead_letter_topic() {
    scenarios::dead_letters(SinkUnderTest::Kafka(Broker::start())).await;
}

/// The broker is down for a whole run: nothing is marked done, and the next run (broker back)
/// publishes every item once. The producer without the spool (`spool_max_bytes = 0`); with it,
/// the items are done once spooled (`tests/spool.rs`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broker_down_loses_nothing() {
    let data = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start().await;
    scenarios::serve_desk(&server);
    let port = free_port();
    let toml = format!(
        "data_dir = \"{}\"\n[http]\nallow_private_networks = true\nper_host_delay_ms = 0\n[ops]\nlisten = \"\"\n[kafka]\nbootstrap_servers = \"127.0.0.1:{port}\"\ndelivery_timeout_secs = 3\nspool_max_bytes = 0\n[[feeds]]\nid = \"world\"\nurl = \"{}\"\n",
        data.path().display(),
        server.url("/rss.xml")
    );
    let config =
        newswire::config::Config::parse(&toml, std::path::Path::new("t.toml")).expect("config");

    let down = run_once(&config).await;
    assert_eq!(down.articles_published, 0, "{down:?}");
    assert!(down.not_delivered >= 2, "{down:?}");

    let broker = Broker::start_on(port);
    let back = run_once(&config).await;
    assert_eq!(back.articles_published, 2, "{back:?}");
    assert_eq!(back.not_delivered, 0, "{back:?}");
    let items = consume_all(&broker.bootstrap(), "news.items", 2, Duration::from_secs(3)).await;
    let articles = consume_all(
        &broker.bootstrap(),
        "news.articles",
        2,
        Duration::from_secs(3),
    )
    .await;
    assert_eq!(items.len(), 2);
    assert_eq!(articles.len(), 2);
}

/// The broker dies while the daemon runs and comes back empty on the same address: the item
/// that could not be delivered meanwhile is published once it is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broker_stopped_mid_run_item_published_when_it_returns() {
    let data = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start().await;
    scenarios::serve_desk(&server);
    let mut broker = Broker::start();
    let port = broker.port;
    let toml = format!(
        "data_dir = \"{}\"\n[http]\nallow_private_networks = true\nper_host_delay_ms = 0\n[ops]\nlisten = \"\"\n[pipeline]\nretry_pending_secs = 2\nshutdown_grace_secs = 10\n[kafka]\nbootstrap_servers = \"127.0.0.1:{port}\"\ndelivery_timeout_secs = 3\n[[feeds]]\nid = \"world\"\nurl = \"{}\"\ninterval_secs = 10\n",
        data.path().display(),
        server.url("/rss.xml")
    );
    let config =
        newswire::config::Config::parse(&toml, std::path::Path::new("t.toml")).expect("config");
    if std::env::var_os("RUST_LOG").is_some() {
        newswire::ops::init_logging(newswire::config::LogFormat::Human);
    }
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let daemon = tokio::spawn(newswire::pipeline::run(
        config,
        false,
        Default::default(),
        stopped,
    ));
    let first = consume_all(
        &broker.bootstrap(),
        "news.articles",
        2,
        Duration::from_secs(2),
    )
    .await;
    assert_eq!(first.len(), 2);

    broker.stop();
    scenarios::serve_late_edition(&server, &[]);
    // The next poll (≤ 11 s) finds the entry; delivery fails for 3 s; the broker is back after.
    tokio::time::sleep(Duration::from_secs(16)).await;
    let back = Broker::start_on(port);
    let items = consume_all(&back.bootstrap(), "news.items", 1, Duration::from_secs(3)).await;
    let articles = consume_all(
        &back.bootstrap(),
        "news.articles",
        1,
        Duration::from_secs(3),
    )
    .await;
    let _ = stop.send(true);
    let summary = daemon.await.expect("daemon task").expect("daemon run");
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(articles.len(), 1, "{articles:?}");
    assert_eq!(articles[0].value["title"], scenarios::LATE_EDITION_TITLE);
    assert_eq!(summary.articles_published, 3, "{summary:?}");
}
