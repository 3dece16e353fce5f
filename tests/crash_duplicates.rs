//! SIGKILL in a loop against a real broker: after the last restart finishes the run, no item is
//! lost, and every record re-sent because of a kill is byte-identical to the first (same key,
//! same content), so a compacted topic or a key-deduplicating consumer sees one record. Prints
//! how many records were re-sent (the README's "Delivery guarantees" quotes the figures).

mod support;

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use support::*;

const FEEDS: usize = 4;
const STORIES: usize = 15;
const KILLS: usize = 8;
/// Articles published between a start and its kill, then a wait that differs from kill to
/// kill: the kills land with items at every stage (fetching, processing, publishing, marking
/// done).
const ARTICLES_BEFORE_KILL: usize = 3;
const KILL_SPREAD_MS: u64 = 400;

fn story_path(feed: usize, story: usize) -> String {
    format!("/desk{feed}/story/{story}")
}

fn serve_feeds(server: &TestServer) {
    for feed in 0..FEEDS {
        let mut entries = Vec::new();
        for story in 0..STORIES {
            let path = story_path(feed, story);
            let page = article_page(
                &format!("Desk {feed} report {story}"),
                &[
                    "Officials confirmed the figures on Thursday, adding that the review would continue into next month, according to the statement.",
                ],
            );
            server.set(
                &path,
                Route::ok("text/html", page).with_delay(Duration::from_millis(200)),
            );
            entries.push((
                format!("Report {story}"),
                server.url(&path),
                format!("desk{feed}-{story}"),
            ));
        }
        server.set(
            &format!("/desk{feed}.xml"),
            Route::ok(
                "application/rss+xml",
                rss_of(&format!("Desk {feed}"), &entries),
            ),
        );
    }
}

fn pages_fetched(server: &TestServer) -> usize {
    (0..FEEDS)
        .flat_map(|feed| (0..STORIES).map(move |story| story_path(feed, story)))
        .map(|path| server.hits(&path))
        .sum()
}

fn newswire(args: &[&str], config: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newswire"));
    command
        .args(args)
        .arg("--config")
        .arg(config)
        .stderr(Stdio::null());
    command
}

/// Counts the records arriving on `topic` while the daemon runs. The topic is created first:
/// a consumer group subscribed to a topic that does not exist yet is not assigned it later.
async fn count_records(bootstrap: &str, topic: &str) -> Arc<AtomicUsize> {
    create_topic(bootstrap, topic).await;
    let consumer = subscribe_from_beginning(bootstrap, topic);
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        loop {
            match consumer.recv().await {
                Ok(_) => {
                    counter.fetch_add(1, Ordering::SeqCst);
                }
                // The topic does not exist until the first record.
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    });
    seen
}

/// Records beyond one per key, and whether every repeat has the first one's bytes.
fn duplicates(records: &[Consumed]) -> (usize, usize, bool) {
    let mut by_key: HashMap<&str, Vec<&[u8]>> = HashMap::new();
    for record in records {
        by_key.entry(&record.key).or_default().push(&record.payload);
    }
    let identical = by_key
        .values()
        .all(|copies| copies.iter().all(|c| *c == copies[0]));
    (by_key.len(), records.len() - by_key.len(), identical)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kills_lose_nothing_and_re_sent_records_are_identical() {
    let broker = Broker::start();
    let server = TestServer::start().await;
    serve_feeds(&server);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut toml = format!(
        "data_dir = \"{}\"\n[http]\nallow_private_networks = true\nper_host_delay_ms = 0\nper_host_concurrency = 16\n[ops]\nlisten = \"\"\n[pipeline]\nfetch_concurrency = 2\n[kafka]\nbootstrap_servers = \"{}\"\ndelivery_timeout_secs = 10\n",
        dir.path().join("data").display(),
        broker.bootstrap()
    );
    for feed in 0..FEEDS {
        toml.push_str(&format!(
            "[[feeds]]\nid = \"desk{feed}\"\nurl = \"{}\"\ninterval_secs = 3600\n",
            server.url(&format!("/desk{feed}.xml"))
        ));
    }
    let config = dir.path().join("newswire.toml");
    std::fs::write(&config, toml).expect("config");

    let published = count_records(&broker.bootstrap(), "news.articles").await;
    let mut kills = 0;
    for round in 0..KILLS as u64 {
        let start = published.load(Ordering::SeqCst);
        let mut daemon: Child = newswire(&["run"], &config).spawn().expect("start daemon");
        let deadline = Instant::now() + Duration::from_secs(15);
        while published.load(Ordering::SeqCst) < start + ARTICLES_BEFORE_KILL
            && Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(round * 97 % KILL_SPREAD_MS)).await;
        daemon.kill().expect("SIGKILL");
        daemon.wait().expect("reap");
        kills += 1;
    }
    let status = newswire(&["run", "--once"], &config)
        .status()
        .expect("last run");
    assert!(
        status.success(),
        "the last run left items undelivered: {status:?}"
    );

    let total = FEEDS * STORIES;
    let items = consume_all(
        &broker.bootstrap(),
        "news.items",
        total,
        Duration::from_secs(3),
    )
    .await;
    let articles = consume_all(
        &broker.bootstrap(),
        "news.articles",
        total,
        Duration::from_secs(3),
    )
    .await;
    let (item_keys, item_repeats, items_identical) = duplicates(&items);
    let (article_keys, article_repeats, articles_identical) = duplicates(&articles);
    eprintln!(
        "{kills} SIGKILLs, {total} items: {} item records ({item_repeats} re-sent, identical: {items_identical}), {} article records ({article_repeats} re-sent, identical: {articles_identical}); {} page fetches",
        items.len(),
        articles.len(),
        pages_fetched(&server)
    );
    assert_eq!(item_keys, total, "an item record is missing");
    assert_eq!(article_keys, total, "an article is missing");
    assert!(
        items_identical,
        "a re-sent item record differs from the first"
    );
    assert!(
        articles_identical,
        "a re-sent article differs from the first"
    );
}
