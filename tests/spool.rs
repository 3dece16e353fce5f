//! The spool through broker outages, with real `newswire run` processes, a real broker (tansu)
//! behind a TCP proxy that the test cuts (tansu keeps its records only in memory, so it is
//! never restarted), and a loopback news server that counts page requests: pages are fetched
//! once however long the outage, every record arrives afterwards in the order it was built, a
//! full spool pauses polling with `/readyz` saying why, and a SIGKILL with a non-empty spool
//! loses nothing.

mod support;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use support::proxy::TcpProxy;
use support::*;

/// A broker behind a proxy, a news server and a daemon's config and data.
struct Setup {
    _broker: Broker,
    proxy: TcpProxy,
    server: TestServer,
    dir: tempfile::TempDir,
    ops: SocketAddr,
    bootstrap: String,
}

impl Setup {
    async fn start(spool_max_bytes: u64) -> Setup {
        let broker_port = free_port();
        let proxy_port = free_port();
        let broker = Broker::start_advertising(broker_port, proxy_port);
        let proxy =
            TcpProxy::start(proxy_port, SocketAddr::from(([127, 0, 0, 1], broker.port))).await;
        let bootstrap = format!("127.0.0.1:{proxy_port}");
        // One partition each: the order across the topic is the order records were sent.
        for topic in ["news.items", "news.articles"] {
            create_topic(&bootstrap, topic).await;
        }
        let server = TestServer::start().await;
        let dir = tempfile::tempdir().expect("tempdir");
        let ops = SocketAddr::from(([127, 0, 0, 1], free_port()));
        // One item at a time through every stage, so the records are built in story order.
        let toml = format!(
            "data_dir = \"{}\"\n[http]\nallow_private_networks = true\nper_host_delay_ms = 0\n[ops]\nlisten = \"{ops}\"\n[pipeline]\nfetch_concurrency = 1\nprocess_concurrency = 1\npublish_concurrency = 1\nretry_pending_secs = 2\nmin_interval_secs = 10\nmax_interval_secs = 10\n[kafka]\nbootstrap_servers = \"{bootstrap}\"\ndelivery_timeout_secs = 3\nspool_max_bytes = {spool_max_bytes}\n[[feeds]]\nid = \"desk\"\nurl = \"{}\"\ninterval_secs = 10\n",
            dir.path().join("data").display(),
            server.url("/feed.xml")
        );
        std::fs::write(dir.path().join("newswire.toml"), toml).expect("config");
        Setup {
            _broker: broker,
            proxy,
            server,
            dir,
            ops,
            bootstrap,
        }
    }

    /// Serves stories `0..count` and lists them in the feed.
    fn list_stories(&self, count: usize) {
        let mut entries = Vec::new();
        for i in 0..count {
            let path = format!("/story/{i}");
            self.server.set(
                &path,
                Route::ok(
                    "text/html",
                    article_page(
                        &format!("Harbour report number {i}"),
                        &[&format!(
                            "Officials confirmed the figures for berth {i} on Thursday, adding that the review would continue into next month, according to the statement."
                        )],
                    ),
                ),
            );
            entries.push((
                format!("Story {i}"),
                self.server.url(&path),
                format!("story-{i}"),
            ));
        }
        self.server.set(
            "/feed.xml",
            Route::ok("application/rss+xml", rss_of("Desk", &entries)),
        );
    }

    fn daemon(&self, log: &str) -> Child {
        let log = std::fs::File::create(self.dir.path().join(log)).expect("log file");
        newswire()
            .args(["run", "--config"])
            .arg(self.dir.path().join("newswire.toml"))
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start newswire")
    }

    fn spool_dir(&self) -> PathBuf {
        self.dir.path().join("data").join("spool")
    }

    /// Page requests per story (`0..count`).
    fn page_fetches(&self, count: usize) -> Vec<usize> {
        (0..count)
            .map(|i| self.server.hits(&format!("/story/{i}")))
            .collect()
    }

    async fn delivered(&self, topic: &str, count: usize) -> Delivered {
        let records = consume_all(&self.bootstrap, topic, count, Duration::from_secs(3)).await;
        let (order, repeats) = stories_in_order(&records);
        Delivered {
            order,
            repeats,
            records: records.len(),
        }
    }

    /// Stories `0..count` in the order their pages were first fetched: the order their records
    /// were built, one item at a time.
    fn fetch_order(&self, count: usize) -> Vec<usize> {
        let mut firsts: Vec<(Instant, usize)> = (0..count)
            .filter_map(|i| {
                let first = self.server.received(&format!("/story/{i}")).first()?.at;
                Some((first, i))
            })
            .collect();
        firsts.sort();
        firsts.into_iter().map(|(_, i)| i).collect()
    }

    async fn readyz(&self) -> (u16, String) {
        match reqwest::get(format!("http://{}/readyz", self.ops)).await {
            Ok(response) => {
                let status = response.status().as_u16();
                (status, response.text().await.unwrap_or_default())
            }
            Err(_) => (0, String::new()),
        }
    }

    async fn metric(&self, name: &str) -> f64 {
        let Ok(response) = reqwest::get(format!("http://{}/metrics", self.ops)).await else {
            return f64::NAN;
        };
        let text = response.text().await.unwrap_or_default();
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(f64::NAN)
    }

    /// Waits until `/readyz` answers `status` with a body containing `says`.
    async fn readiness(&self, status: u16, says: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let (got, body) = self.readyz().await;
            if got == status && body.contains(says) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "/readyz stayed {got} {body:?}, expected {status} with {says:?}"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Waits until the spool holds at least `records` records.
    async fn spooled(&self, records: f64, limit: Duration) {
        let deadline = Instant::now() + limit;
        loop {
            let got = self.metric("newswire_spool_records").await;
            if got >= records {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the spool holds {got} records, expected {records}"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
}

/// A topic read back.
struct Delivered {
    /// Story numbers, in topic order.
    order: Vec<usize>,
    /// Records beyond one per key.
    repeats: usize,
    records: usize,
}

/// Story numbers of the records, in topic order, and the repeats beyond one per key.
fn stories_in_order(records: &[Consumed]) -> (Vec<usize>, usize) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut order = Vec::new();
    for record in records {
        *seen.entry(&record.key).or_default() += 1;
        let title = record.value["title"]
            .as_str()
            .or_else(|| record.value["item"]["title"].as_str())
            .unwrap_or_default();
        if let Some(n) = title.rsplit(' ').next().and_then(|n| n.parse().ok()) {
            order.push(n);
        }
    }
    (order, records.len() - seen.len())
}

/// Every story, the first sighting of each in the order they were built.
fn assert_all_in_order(what: &str, order: &[usize], built: &[usize]) {
    let mut firsts = Vec::new();
    for n in order {
        if !firsts.contains(n) {
            firsts.push(*n);
        }
    }
    assert_eq!(firsts, built, "{what}: stories missing or out of order");
}

fn stop(mut daemon: Child) {
    signal(&daemon, "TERM");
    wait_exit(&mut daemon, Duration::from_secs(60));
}

fn spool_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "seg"))
                .count()
        })
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_60_s_outage_fetches_each_page_once_and_delivers_everything_in_order() {
    let setup = Setup::start(1 << 30).await;
    let before = 3;
    let total = 24;
    setup.list_stories(before);
    let daemon = setup.daemon("outage.log");
    let first = consume_all(
        &setup.bootstrap,
        "news.articles",
        before,
        Duration::from_secs(1),
    )
    .await;
    assert_eq!(first.len(), before);
    setup.readiness(200, "ready", Duration::from_secs(20)).await;

    setup.proxy.cut();
    let outage = Instant::now();
    // New stories all through the outage: each poll (every 10 s) finds more.
    let mut listed = before;
    while outage.elapsed() < Duration::from_secs(60) {
        if listed < total {
            listed = (listed + 4).min(total);
            setup.list_stories(listed);
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    let body = setup
        .readiness(503, "wait in the spool", Duration::from_secs(5))
        .await;
    let spooled = setup.metric("newswire_spool_records").await;
    let spool_bytes = setup.metric("newswire_spool_bytes").await;
    // Every story was fetched, extracted and spooled during the outage.
    setup
        .spooled(2.0 * (total - before) as f64, Duration::from_secs(5))
        .await;
    setup.proxy.restore();
    let recovered = Instant::now();
    setup.readiness(200, "ready", Duration::from_secs(60)).await;

    let items = setup.delivered("news.items", total).await;
    let articles = setup.delivered("news.articles", total).await;
    let delivered_after = recovered.elapsed();
    let fetches = setup.page_fetches(total);
    let built = setup.fetch_order(total);
    let left = setup.metric("newswire_spool_records").await;
    stop(daemon);
    eprintln!(
        "60 s outage, {} new stories: /readyz said {:?}; {spooled} records ({spool_bytes} bytes) spooled; after the broker came back: {} item and {} article records ({} + {} repeated) within {:.1} s; page fetches per story: max {}, total {}",
        total - before,
        body.trim(),
        items.records,
        articles.records,
        items.repeats,
        articles.repeats,
        delivered_after.as_secs_f64(),
        fetches.iter().max().copied().unwrap_or(0),
        fetches.iter().sum::<usize>(),
    );
    assert!(
        fetches.iter().all(|&n| n == 1),
        "pages fetched again: {fetches:?}"
    );
    assert_eq!(built.len(), total);
    assert_all_in_order("news.items", &items.order, &built);
    assert_all_in_order("news.articles", &articles.order, &built);
    assert_eq!(left, 0.0, "records left in the spool");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_spool_pauses_polling_and_says_so_until_the_broker_is_back() {
    let limit = 24 << 10;
    let setup = Setup::start(limit).await;
    setup.list_stories(1);
    let daemon = setup.daemon("full.log");
    consume_all(&setup.bootstrap, "news.articles", 1, Duration::from_secs(1)).await;

    setup.proxy.cut();
    let total = 60;
    setup.list_stories(total);
    let body = setup
        .readiness(503, "spool full", Duration::from_secs(60))
        .await;
    let bytes = setup.metric("newswire_spool_bytes").await;
    assert!(bytes <= limit as f64, "{bytes} bytes in a spool of {limit}");
    // Paused: no feed poll for three intervals (a poll already running may still finish).
    let polls_when_full = setup.server.hits("/feed.xml");
    tokio::time::sleep(Duration::from_secs(30)).await;
    let polls_paused = setup.server.hits("/feed.xml") - polls_when_full;
    let (status, still) = setup.readyz().await;
    assert_eq!(status, 503, "{still}");
    assert!(still.contains("spool full"), "{still}");
    let fetched_while_full = setup.page_fetches(total).iter().filter(|&&n| n > 0).count();

    setup.proxy.restore();
    setup.readiness(200, "ready", Duration::from_secs(60)).await;
    let articles = setup.delivered("news.articles", total).await;
    let fetches = setup.page_fetches(total);
    let polls_after = setup.server.hits("/feed.xml");
    let built = setup.fetch_order(total);
    stop(daemon);
    eprintln!(
        "spool of {limit} bytes full at {bytes} bytes: /readyz said {:?}; {polls_paused} feed polls in 30 s while full; {fetched_while_full} of {total} pages fetched before the broker came back; then {} article records ({} repeated), {} page fetches, {} feed polls in all",
        body.trim(),
        articles.records,
        articles.repeats,
        fetches.iter().sum::<usize>(),
        polls_after
    );
    assert!(
        polls_paused <= 1,
        "{polls_paused} feed polls while the spool was full"
    );
    assert!(
        fetched_while_full < total,
        "every page was fetched while the spool was full"
    );
    assert!(
        fetches.iter().all(|&n| n == 1),
        "pages fetched again: {fetches:?}"
    );
    assert_all_in_order("news.articles", &articles.order, &built);
    assert!(polls_after > polls_when_full, "polling did not resume");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkill_with_records_in_the_spool_loses_none_of_them() {
    let setup = Setup::start(1 << 30).await;
    let before = 2;
    let total = 22;
    setup.list_stories(before);
    let mut daemon = setup.daemon("killed.log");
    consume_all(
        &setup.bootstrap,
        "news.articles",
        before,
        Duration::from_secs(1),
    )
    .await;

    setup.proxy.cut();
    setup.list_stories(total);
    setup
        .spooled(2.0 * (total - before) as f64, Duration::from_secs(60))
        .await;
    let segments = spool_files(&setup.spool_dir());
    daemon.kill().expect("SIGKILL");
    daemon.wait().expect("reap");
    setup.proxy.restore();

    let restarted = setup.daemon("restarted.log");
    let items = setup.delivered("news.items", total).await;
    let articles = setup.delivered("news.articles", total).await;
    setup.readiness(200, "ready", Duration::from_secs(30)).await;
    let left = setup.metric("newswire_spool_records").await;
    let fetches = setup.page_fetches(total);
    let built = setup.fetch_order(total);
    stop(restarted);
    eprintln!(
        "SIGKILL with {} stories' records in the spool ({segments} segment files): after the restart {} item and {} article records, {} + {} duplicates, {left} left in the spool; page fetches in all: {}",
        total - before,
        items.records,
        articles.records,
        items.repeats,
        articles.repeats,
        fetches.iter().sum::<usize>()
    );
    assert_all_in_order("news.items", &items.order, &built);
    assert_all_in_order("news.articles", &articles.order, &built);
    assert_eq!(left, 0.0, "records left in the spool");
    assert!(
        fetches.iter().all(|&n| n == 1),
        "pages fetched again: {fetches:?}"
    );
}
