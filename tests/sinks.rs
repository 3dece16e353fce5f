//! The JSON Lines sink as `newswire consume` reads it: a torn last line (a kill mid-write)
//! loses no later record, and a topic with no records yet is empty, not an error.

#[allow(dead_code)] // this binary uses the desk, not the whole scenarios
mod scenarios;
mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

use support::*;

/// `newswire consume` on the JSON Lines records of `data_dir`.
fn consume(data_dir: &Path, topic: &str) -> Output {
    let config = data_dir.join("consume.toml");
    std::fs::write(&config, format!("data_dir = \"{}\"\n", data_dir.display())).expect("config");
    Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(["consume", "--topic", topic, "--config"])
        .arg(&config)
        .output()
        .expect("run consume")
}

fn lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("consume prints one JSON record a line"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_torn_last_line_loses_no_later_record() {
    let data = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start().await;
    scenarios::serve_desk(&server);
    let config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[("world", server.url("/rss.xml"))],
    );
    let first = run_once(&config).await;
    assert_eq!(first.articles_published, 2, "{first:?}");

    // A kill mid-write: the start of a record, no newline.
    for topic in ["news.items", "news.articles"] {
        let path = data.path().join("records").join(format!("{topic}.jsonl"));
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("topic file");
        file.write_all(b"{\"schema\":\"newswire.article.v1\",\"id\":\"torn")
            .expect("tear");
    }
    scenarios::serve_late_edition(&server, &[]);
    let second = run_once(&config).await;
    assert_eq!(second.articles_published, 1, "{second:?}");

    let items = consume(data.path(), "news.items");
    let articles = consume(data.path(), "news.articles");
    for output in [&items, &articles] {
        assert!(output.status.success(), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("skipping"),
            "a line was unreadable: {stderr}"
        );
    }
    assert_eq!(lines(&items).len(), 3);
    let articles = lines(&articles);
    assert_eq!(articles.len(), 3);
    assert_eq!(
        articles[2]["title"],
        scenarios::LATE_EDITION_TITLE,
        "the record written after the torn line is readable"
    );
}

#[test]
fn a_topic_with_no_records_yet_is_empty_not_an_error() {
    let data = tempfile::tempdir().expect("tempdir");
    let output = consume(data.path(), "news.dead-letter");
    assert!(output.status.success(), "{output:?}");
    assert!(output.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("no records"),
        "{output:?}"
    );
}

/// A kill after an article's ack but before its Done mark leaves the item pending with the
/// time its page was first fetched: the article the restart re-sends is byte-identical.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_re_sent_after_a_crash_is_identical() {
    use newswire::publish::ItemRecord;
    use newswire::state::{StateStore, StateUpdate};
    let data = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start().await;
    scenarios::serve_desk(&server);
    server.set(
        "/rss.xml",
        Route::ok(
            "application/rss+xml",
            rss(
                "World desk",
                &[("Floods", &server.url("/world/floods"), "floods")],
            ),
        ),
    );
    let config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[("world", server.url("/rss.xml"))],
    );
    let first = run_once(&config).await;
    assert_eq!(first.articles_published, 1, "{first:?}");
    let item: ItemRecord =
        serde_json::from_value(read_jsonl(data.path(), "news.items").remove(0)).expect("item");
    let article = read_jsonl(data.path(), "news.articles").remove(0);
    let fetched_at = article["fetched_at"].as_str().expect("fetched_at");

    // The store as the kill left it: the item announced, its page fetched, not done.
    {
        let store = StateStore::open(data.path()).expect("store");
        store
            .prune(chrono::Utc::now() + chrono::Duration::days(1))
            .expect("forget the run");
        store
            .apply(&[
                StateUpdate::Discovered(Box::new(item.item.clone())),
                StateUpdate::Announced(Box::new(item.item.clone())),
                StateUpdate::Fetched {
                    item_id: item.item.id.clone(),
                    fetched_at: fetched_at.parse().expect("a time"),
                },
            ])
            .expect("apply");
    }
    let restart = run_once(&config).await;
    assert_eq!(restart.articles_published, 1, "{restart:?}");
    let path = data.path().join("records/news.articles.jsonl");
    let text = std::fs::read_to_string(path).expect("articles");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "the article was re-sent");
    assert_eq!(lines[0], lines[1], "the re-sent article differs");
    assert_eq!(
        read_jsonl(data.path(), "news.items").len(),
        1,
        "an announced item is not announced again"
    );
}
