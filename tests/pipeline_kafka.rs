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
/// publishes every item once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broker_down_loses_nothing() {
    let data = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start().await;
    scenarios::serve_desk(&server);
    let port = free_port();
    let toml = format!(
        "data_dir = \"{}\"\n[ops]\nlisten = \"\"\n[kafka]\nbootstrap_servers = \"127.0.0.1:{port}\"\ndelivery_timeout_secs = 3\n[[feeds]]\nid = \"world\"\nurl = \"{}\"\n",
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
