//! Several instances sharing the feeds through a consumer group, as real processes against a
//! real broker (tansu) and a loopback news server that records which instance polled which
//! feed (each instance has its own User-Agent).
//!
//! Three instances start; once every article is published, each feed must be polled by exactly
//! one instance. Then every feed gets a new story, one instance is SIGKILLed while it fetches
//! its new stories, and a fourth starts: nothing is lost, each feed is again polled by exactly one live instance, and the
//! figures (time from the kill to the re-poll of the dead instance's feeds, duplicates) are
//! printed. Times are printed, never asserted.

mod support;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use support::*;

const FEEDS: usize = 200;
const STORIES: usize = 10;
const PARTITIONS: usize = 12;
const GROUP: &str = "newswire-test";
/// Polls of every feed watched for the one-poller check: two intervals and a bit.
const WATCH: Duration = Duration::from_secs(25);

fn feed_path(feed: usize) -> String {
    format!("/wire{feed}.xml")
}

fn story_path(feed: usize, story: usize) -> String {
    format!("/wire{feed}/story/{story}")
}

/// Serves every feed with its first `stories` stories, each page after `delay`.
fn serve_feeds(server: &TestServer, stories: usize, delay: Duration) {
    for feed in 0..FEEDS {
        let mut entries = Vec::new();
        for story in 0..stories {
            let path = story_path(feed, story);
            if server.hits(&path) == 0 {
                let page = article_page(
                    &format!("Wire {feed} report {story}"),
                    &[&format!(
                        "Officials in district {feed} confirmed the figures of report {story} on Thursday, adding that the review would continue into next month."
                    )],
                );
                server.set(&path, Route::ok("text/html", page).with_delay(delay));
            }
            entries.push((
                format!("Report {story}"),
                server.url(&path),
                format!("wire{feed}-{story}"),
            ));
        }
        server.set(
            &feed_path(feed),
            Route::ok(
                "application/rss+xml",
                rss_of(&format!("Wire {feed}"), &entries),
            ),
        );
    }
}

/// One running instance.
struct Instance {
    name: String,
    child: Child,
    metrics: String,
    log: PathBuf,
}

/// Time an instance may take to hand its feeds over (`pipeline.shutdown_grace_secs`).
const GRACE_SECS: u64 = 30;

fn start_instance(dir: &Path, name: &str, bootstrap: &str, server: &TestServer) -> Instance {
    let mut feeds = String::new();
    for feed in 0..FEEDS {
        feeds.push_str(&format!(
            "[[feeds]]\nid = \"wire{feed}\"\nurl = \"{}\"\ninterval_secs = 10\n",
            server.url(&feed_path(feed))
        ));
    }
    start_role(dir, name, bootstrap, &feeds, "all")
}

/// An instance of `role` with the `[[feeds]]` of `feeds`.
fn start_role(dir: &Path, name: &str, bootstrap: &str, feeds: &str, role: &str) -> Instance {
    let port = free_port();
    let mut toml = format!(
        "data_dir = \"{data}\"\n\
         [http]\nallow_private_networks = true\nper_host_delay_ms = 0\nper_host_concurrency = 16\nuser_agent = \"newswire-test/{name}\"\n\
         [ops]\nlisten = \"127.0.0.1:{port}\"\n\
         [pipeline]\nmin_interval_secs = 10\nmax_interval_secs = 10\nshutdown_grace_secs = {GRACE_SECS}\n\
         [kafka]\nbootstrap_servers = \"{bootstrap}\"\ndelivery_timeout_secs = 10\n\
         [cluster]\nenabled = true\ngroup_id = \"{GROUP}\"\npartitions = {PARTITIONS}\nreplication_factor = 1\nsession_timeout_ms = 6000\n",
        data = dir.join(name).display(),
    );
    toml.push_str(feeds);
    let config = dir.join(format!("{name}.toml"));
    std::fs::write(&config, toml).expect("config");
    let log = dir.join(format!("{name}.log"));
    let child = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(["run", "--role", role, "--config"])
        .arg(&config)
        .env("RUST_LOG", "info")
        .stderr(std::fs::File::create(&log).expect("log file"))
        .stdout(Stdio::null())
        .spawn()
        .expect("start newswire");
    Instance {
        name: name.to_string(),
        child,
        metrics: format!("http://127.0.0.1:{port}/metrics"),
        log,
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The value of an unlabelled gauge in an instance's `/metrics`, if it answers.
async fn gauge(instance: &Instance, name: &str) -> Option<i64> {
    let text = reqwest::get(&instance.metrics)
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .and_then(|v| v.trim().parse().ok())
}

/// The feeds an instance's `/feeds` lists.
async fn listed_feeds(instance: &Instance) -> Vec<String> {
    let url = instance.metrics.replace("/metrics", "/feeds");
    let text = reqwest::get(&url)
        .await
        .expect("/feeds")
        .text()
        .await
        .expect("/feeds body");
    let feeds: Vec<serde_json::Value> = serde_json::from_str(&text).expect("/feeds is JSON");
    feeds
        .iter()
        .filter_map(|f| f["id"].as_str().map(String::from))
        .collect()
}

/// Each feed is listed by exactly one instance's `/feeds`, and each instance's
/// `newswire_cluster_feeds_owned` agrees with its list.
async fn assert_feeds_listed_once(instances: &[&Instance]) {
    let mut listed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for instance in instances {
        let feeds = listed_feeds(instance).await;
        let gauge = gauge(instance, "newswire_cluster_feeds_owned").await;
        assert_eq!(
            gauge,
            Some(feeds.len() as i64),
            "{}: /feeds and /metrics disagree",
            instance.name
        );
        for feed in feeds {
            listed.entry(feed).or_default().push(instance.name.clone());
        }
    }
    let twice: Vec<_> = listed.iter().filter(|(_, by)| by.len() > 1).collect();
    assert!(twice.is_empty(), "feeds listed by two instances: {twice:?}");
    assert_eq!(listed.len(), FEEDS, "feeds listed by no instance");
}

/// Waits until the live instances own every partition between them, each some.
async fn wait_for_balance(instances: &[&Instance]) -> Vec<i64> {
    wait_until_spread(instances, "newswire_cluster_partitions_owned", "the group").await
}

/// Waits until the live instances own every partition of `metric`'s topic between them,
/// each some.
async fn wait_until_spread(instances: &[&Instance], metric: &str, group: &str) -> Vec<i64> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let mut owned = Vec::new();
        for instance in instances {
            owned.push(gauge(instance, metric).await.unwrap_or(0));
        }
        if owned.iter().sum::<i64>() == PARTITIONS as i64 && owned.iter().all(|&n| n > 0) {
            return owned;
        }
        assert!(
            Instant::now() < deadline,
            "{group} did not settle within 120 s: {metric} {owned:?}; logs in {:?}",
            instances.iter().map(|i| &i.log).collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Keys of every record arriving on `topic`, in order. The topic is created first: a group
/// subscribed to a missing topic is not assigned it later.
async fn collect_keys(bootstrap: &str, topic: &str) -> Arc<Mutex<Vec<String>>> {
    use rdkafka::Message;
    create_topic(bootstrap, topic).await;
    let consumer = subscribe_from_beginning(bootstrap, topic);
    let keys = Arc::new(Mutex::new(Vec::new()));
    let seen = keys.clone();
    tokio::spawn(async move {
        loop {
            match consumer.recv().await {
                Ok(message) => {
                    let key = String::from_utf8_lossy(message.key().unwrap_or_default());
                    seen.lock().expect("keys").push(key.into_owned());
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    });
    keys
}

/// (distinct keys, records beyond one per key)
fn tally(keys: &Mutex<Vec<String>>) -> (usize, usize) {
    let keys = keys.lock().expect("keys");
    let distinct: BTreeSet<&String> = keys.iter().collect();
    (distinct.len(), keys.len() - distinct.len())
}

async fn wait_for_articles(keys: &Mutex<Vec<String>>, expect: usize, logs: &[&Instance]) {
    let deadline = Instant::now() + Duration::from_secs(240);
    while tally(keys).0 < expect {
        assert!(
            Instant::now() < deadline,
            "only {} of {expect} articles within 240 s; logs in {:?}",
            tally(keys).0,
            logs.iter().map(|i| &i.log).collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Who polled each feed (User-Agent → instance name) at which moment.
fn polls(server: &TestServer) -> Vec<Vec<(Instant, String)>> {
    (0..FEEDS)
        .map(|feed| {
            server
                .received(&feed_path(feed))
                .into_iter()
                .map(|r| {
                    let agent = r.headers.get("user-agent").cloned().unwrap_or_default();
                    let name = agent.rsplit('/').next().unwrap_or_default().to_string();
                    (r.at, name)
                })
                .collect()
        })
        .collect()
}

/// Feeds polled by other than exactly one instance in `[from, to)`, with who polled them.
fn not_single_owner(
    server: &TestServer,
    from: Instant,
    to: Instant,
) -> BTreeMap<usize, BTreeSet<String>> {
    polls(server)
        .into_iter()
        .enumerate()
        .filter_map(|(feed, polls)| {
            let pollers: BTreeSet<String> = polls
                .into_iter()
                .filter(|(at, _)| *at >= from && *at < to)
                .map(|(_, name)| name)
                .collect();
            (pollers.len() != 1).then_some((feed, pollers))
        })
        .collect()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The tests run one at a time: each runs several daemons on a small machine.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Changes of poller of one feed that came sooner than half the poll interval after the
/// previous poll: the new owner restores the schedule, so only two owners at once do that.
fn early_takeovers(server: &TestServer) -> Vec<(usize, String, String, f64)> {
    let mut early = Vec::new();
    for (feed, polls) in polls(server).into_iter().enumerate() {
        for pair in polls.windows(2) {
            let gap = (pair[1].0 - pair[0].0).as_secs_f64();
            if pair[0].1 != pair[1].1 && gap < 5.0 {
                early.push((feed, pair[0].1.clone(), pair[1].1.clone(), gap));
            }
        }
    }
    early
}

/// The longest time any feed went unpolled, in seconds.
fn longest_gap(server: &TestServer) -> f64 {
    polls(server)
        .iter()
        .flat_map(|polls| polls.windows(2).map(|p| (p[1].0 - p[0].0).as_secs_f64()))
        .fold(0.0, f64::max)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_share_the_feeds_and_take_over_a_killed_ones() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let broker = Broker::start();
    let bootstrap = broker.bootstrap();
    let server = TestServer::start().await;
    serve_feeds(&server, STORIES, Duration::ZERO);
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = collect_keys(&bootstrap, "news.articles").await;

    let started = Instant::now();
    let a = start_instance(dir.path(), "a", &bootstrap, &server);
    let b = start_instance(dir.path(), "b", &bootstrap, &server);
    let mut c = start_instance(dir.path(), "c", &bootstrap, &server);
    let owned = wait_for_balance(&[&a, &b, &c]).await;
    wait_for_articles(&articles, FEEDS * STORIES, &[&a, &b, &c]).await;
    let (published, start_duplicates) = tally(&articles);
    eprintln!(
        "3 instances, {FEEDS} feeds x {STORIES} stories, {PARTITIONS} partitions owned {owned:?}: {published} articles in {:.1} s, {start_duplicates} duplicates while the group formed",
        started.elapsed().as_secs_f64()
    );

    assert_feeds_listed_once(&[&a, &b, &c]).await;
    // Steady state: every feed has exactly one poller, and nothing is published again.
    let from = Instant::now();
    tokio::time::sleep(WATCH).await;
    let shared = not_single_owner(&server, from, Instant::now());
    let (_, steady_duplicates) = tally(&articles);
    eprintln!(
        "steady state over {} s: {} feeds not polled by exactly one instance, {} articles published again",
        WATCH.as_secs(),
        shared.len(),
        steady_duplicates - start_duplicates
    );
    assert!(
        shared.is_empty(),
        "feeds without exactly one poller: {shared:?}"
    );
    assert_eq!(
        steady_duplicates, start_duplicates,
        "articles were published again in the steady state"
    );

    // Every feed gets a new story; c dies at once, and a fourth instance joins.
    let c_feeds: BTreeSet<usize> = polls(&server)
        .iter()
        .enumerate()
        .filter(|(_, polls)| polls.last().is_some_and(|(_, name)| *name == c.name))
        .map(|(feed, _)| feed)
        .collect();
    // Slow new pages, and c dies halfway through fetching its own: it has items in flight.
    serve_feeds(&server, STORIES + 1, Duration::from_millis(500));
    let fetched_by_c = |server: &TestServer| {
        c_feeds
            .iter()
            .filter(|f| server.hits(&story_path(**f, STORIES)) > 0)
            .count()
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while fetched_by_c(&server) < c_feeds.len() / 2 {
        assert!(
            Instant::now() < deadline,
            "c fetched too few new stories; log {:?}",
            c.log
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let c_fetching = fetched_by_c(&server);
    c.child.kill().expect("SIGKILL");
    let killed = Instant::now();
    c.child.wait().expect("reap");
    let d = start_instance(dir.path(), "d", &bootstrap, &server);
    let owned = wait_for_balance(&[&a, &b, &d]).await;
    wait_for_articles(&articles, FEEDS * (STORIES + 1), &[&a, &b, &d]).await;
    let (published, duplicates) = tally(&articles);
    let all_polls = polls(&server);
    let repoll: Vec<f64> = c_feeds
        .iter()
        .filter_map(|feed| {
            all_polls[*feed]
                .iter()
                .find(|(at, name)| *at > killed && *name != c.name)
                .map(|(at, _)| (*at - killed).as_secs_f64())
        })
        .collect();
    eprintln!(
        "SIGKILL of c ({} feeds) and d joining: partitions owned {owned:?}; c's feeds polled again after {:.1} s (median) / {:.1} s (last); {published} of {} articles, {} lost, {duplicates} duplicates in all ({} since the kill)",
        c_feeds.len(),
        median(repoll.clone()),
        repoll.iter().copied().fold(0.0, f64::max),
        FEEDS * (STORIES + 1),
        FEEDS * (STORIES + 1) - published,
        duplicates - steady_duplicates
    );
    assert!(!c_feeds.is_empty(), "c polled no feed before it was killed");
    assert_eq!(
        repoll.len(),
        c_feeds.len(),
        "some of c's feeds were never polled again"
    );
    assert_eq!(published, FEEDS * (STORIES + 1), "articles were lost");
    let pages: usize = (0..FEEDS)
        .map(|f| server.hits(&story_path(f, STORIES)))
        .sum();
    eprintln!(
        "new stories: {pages} page fetches for {FEEDS} stories (c had fetched {c_fetching} of its own when killed)"
    );

    // Settled again: each feed has exactly one poller among the live instances.
    let from = Instant::now();
    tokio::time::sleep(WATCH).await;
    let shared = not_single_owner(&server, from, Instant::now());
    assert!(
        shared.is_empty(),
        "after the takeover, feeds without exactly one poller: {shared:?}"
    );
    assert_feeds_listed_once(&[&a, &b, &d]).await;
    let by_instance: HashMap<String, usize> =
        polls(&server)
            .iter()
            .fold(HashMap::new(), |mut counts, feed_polls| {
                if let Some((_, name)) = feed_polls.last() {
                    *counts.entry(name.clone()).or_default() += 1;
                }
                counts
            });
    eprintln!("feeds by last poller after the takeover: {by_instance:?}");
    assert!(!by_instance.contains_key(&c.name));
}

/// Scale 1 → 3 → 1 while pages are slow, so that items are in flight at every rebalance: no
/// feed has two pollers at once (a change of poller never comes before the restored schedule),
/// nothing is lost; duplicates and the longest unpolled gap are printed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scaling_up_and_down_hands_feeds_over_without_two_pollers() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let broker = Broker::start();
    let bootstrap = broker.bootstrap();
    let server = TestServer::start().await;
    let slow = Duration::from_millis(150);
    serve_feeds(&server, STORIES, slow);
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = collect_keys(&bootstrap, "news.articles").await;

    let a = start_instance(dir.path(), "a", &bootstrap, &server);
    wait_for_balance(&[&a]).await;
    // Scale up while a is busy with the first stories.
    let deadline = Instant::now() + Duration::from_secs(120);
    while tally(&articles).0 < FEEDS * STORIES / 10 {
        assert!(
            Instant::now() < deadline,
            "a published too little; log {:?}",
            a.log
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let to_publish = FEEDS * STORIES - tally(&articles).0;
    let scaled_up = Instant::now();
    let mut b = start_instance(dir.path(), "b", &bootstrap, &server);
    let mut c = start_instance(dir.path(), "c", &bootstrap, &server);
    let owned = wait_for_balance(&[&a, &b, &c]).await;
    let balanced_in = scaled_up.elapsed().as_secs_f64();
    wait_for_articles(&articles, FEEDS * STORIES, &[&a, &b, &c]).await;
    let (_, up_duplicates) = tally(&articles);

    // Scale down with new stories coming in: b and c stop (SIGTERM) and hand their feeds back.
    serve_feeds(&server, STORIES + 1, slow);
    signal(&b.child, "TERM");
    signal(&c.child, "TERM");
    let stopped_b = wait_exit(&mut b.child, Duration::from_secs(GRACE_SECS + 30));
    let stopped_c = wait_exit(&mut c.child, Duration::from_secs(GRACE_SECS + 30));
    wait_for_balance(&[&a]).await;
    wait_for_articles(&articles, FEEDS * (STORIES + 1), &[&a, &b, &c]).await;
    let (published, duplicates) = tally(&articles);
    let early = early_takeovers(&server);
    eprintln!(
        "scale 1 -> 3 (started with {to_publish} articles to publish; feed partitions balanced {owned:?} after {balanced_in:.1} s) -> 1: {published} of {} articles, {} lost, {up_duplicates} duplicates scaling up, {} scaling down; {} early changes of poller; longest unpolled gap of a feed {:.1} s (interval 10 s)",
        FEEDS * (STORIES + 1),
        FEEDS * (STORIES + 1) - published,
        duplicates - up_duplicates,
        early.len(),
        longest_gap(&server)
    );
    assert!(
        stopped_b.success() && stopped_c.success(),
        "a graceful stop failed: {stopped_b:?} {stopped_c:?}"
    );
    assert!(
        early.is_empty(),
        "feeds polled by two instances at once: {early:?}"
    );
    assert_eq!(published, FEEDS * (STORIES + 1), "articles were lost");
}

/// A 429's Retry-After outlives a takeover: every feed first answers 429 with Retry-After, then
/// one of the two instances is SIGKILLed; the survivor, restoring the schedule, polls none of the
/// dead one's feeds before the server allowed it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_survives_a_takeover() {
    let _serial = ONE_AT_A_TIME.lock().await;
    const RETRY_AFTER_SECS: u64 = 30;
    let broker = Broker::start();
    let bootstrap = broker.bootstrap();
    let server = TestServer::start().await;
    for feed in 0..FEEDS {
        server.set(
            &feed_path(feed),
            Route::status(429).with_header("retry-after", &RETRY_AFTER_SECS.to_string()),
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = collect_keys(&bootstrap, "news.articles").await;
    let a = start_instance(dir.path(), "a", &bootstrap, &server);
    let mut b = start_instance(dir.path(), "b", &bootstrap, &server);
    wait_for_balance(&[&a, &b]).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while polls(&server).iter().any(Vec::is_empty) {
        assert!(
            Instant::now() < deadline,
            "not every feed was polled; logs {:?} {:?}",
            a.log,
            b.log
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Give the last 429s' states time to reach the feeds topic, then kill b.
    tokio::time::sleep(Duration::from_secs(1)).await;
    serve_feeds(&server, 1, Duration::ZERO);
    let b_feeds: Vec<usize> = polls(&server)
        .iter()
        .enumerate()
        .filter(|(_, polls)| polls.iter().all(|(_, name)| *name == b.name))
        .map(|(feed, _)| feed)
        .collect();
    b.child.kill().expect("SIGKILL");
    let killed = Instant::now();
    b.child.wait().expect("reap");
    wait_for_articles(&articles, FEEDS, &[&a]).await;

    let all_polls = polls(&server);
    let mut early = Vec::new();
    let mut after_kill = Vec::new();
    for feed in &b_feeds {
        let refused_at = all_polls[*feed][0].0;
        let next = all_polls[*feed]
            .iter()
            .find(|(at, name)| *name == a.name && *at > killed)
            .expect("a polled b's feed");
        let waited = (next.0 - refused_at).as_secs_f64();
        after_kill.push((next.0 - killed).as_secs_f64());
        if waited < RETRY_AFTER_SECS as f64 - 1.0 {
            early.push((*feed, waited));
        }
    }
    eprintln!(
        "Retry-After {RETRY_AFTER_SECS} s on all {FEEDS} feeds, b ({} feeds) SIGKILLed: a polled them {:.1} s (median) after the kill, {} before the Retry-After ran out; {} of {FEEDS} articles",
        b_feeds.len(),
        median(after_kill),
        early.len(),
        tally(&articles).0
    );
    assert!(!b_feeds.is_empty(), "b polled no feed alone");
    assert!(
        early.is_empty(),
        "polled before Retry-After allowed: {early:?}"
    );
}

/// Waits until the live instances process every work partition between them, each some.
async fn wait_for_work_balance(instances: &[&Instance]) -> Vec<i64> {
    wait_until_spread(
        instances,
        "newswire_cluster_work_partitions_owned",
        "the process group",
    )
    .await
}

/// Instances (by User-Agent) that requested `path`.
fn requested_by(server: &TestServer, path: &str) -> BTreeSet<String> {
    server
        .received(path)
        .into_iter()
        .map(|r| {
            let agent = r.headers.get("user-agent").cloned().unwrap_or_default();
            agent.rsplit('/').next().unwrap_or_default().to_string()
        })
        .collect()
}

/// `--role poll` on one instance, `--role process` on two: every story is listed by two feeds
/// (most pairs in different feed partitions) and is published once; only the pollers poll and
/// only the processors fetch pages. Then one processor is SIGKILLed mid-run: the other takes
/// its work partitions over, nothing is lost, and the duplicates are counted and printed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn split_roles_publish_a_story_listed_twice_once_and_survive_a_killed_processor() {
    let _serial = ONE_AT_A_TIME.lock().await;
    const SPLIT_FEEDS: usize = 80;
    const SPLIT_STORIES: usize = 5;
    let broker = Broker::start();
    let bootstrap = broker.bootstrap();
    let server = TestServer::start().await;
    let slow = Duration::from_millis(400);
    // Feed f lists its own stories and those of feed f + 1.
    for feed in 0..SPLIT_FEEDS {
        for story in 0..SPLIT_STORIES {
            let page = article_page(
                &format!("Desk {feed} dispatch {story}"),
                &[&format!(
                    "Inspectors in county {feed} published dispatch {story} on Monday, saying the survey of the harbour would take another season."
                )],
            );
            server.set(
                &story_path(feed, story),
                Route::ok("text/html", page).with_delay(slow),
            );
        }
    }
    let mut feeds = String::new();
    let mut in_other_partition = 0;
    for feed in 0..SPLIT_FEEDS {
        let next = (feed + 1) % SPLIT_FEEDS;
        let entries: Vec<(String, String, String)> = [feed, next]
            .iter()
            .flat_map(|f| (0..SPLIT_STORIES).map(move |story| (*f, story)))
            .map(|(f, story)| {
                (
                    format!("Dispatch {story}"),
                    server.url(&story_path(f, story)),
                    format!("desk{feed}-{f}-{story}"),
                )
            })
            .collect();
        server.set(
            &feed_path(feed),
            Route::ok(
                "application/rss+xml",
                rss_of(&format!("Desk {feed}"), &entries),
            ),
        );
        feeds.push_str(&format!(
            "[[feeds]]\nid = \"desk{feed}\"\nurl = \"{}\"\ninterval_secs = 10\n",
            server.url(&feed_path(feed))
        ));
        let partition =
            |f: usize| newswire::cluster::partition_of(&format!("desk{f}"), PARTITIONS as u32);
        if partition(feed) != partition(next) {
            in_other_partition += 1;
        }
    }
    let expected = SPLIT_FEEDS * SPLIT_STORIES;
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = collect_keys(&bootstrap, "news.articles").await;
    let items = collect_keys(&bootstrap, "news.items").await;

    let mut x = start_role(dir.path(), "x", &bootstrap, &feeds, "process");
    let y = start_role(dir.path(), "y", &bootstrap, &feeds, "process");
    let work_owned = wait_for_work_balance(&[&x, &y]).await;
    let p = start_role(dir.path(), "p", &bootstrap, &feeds, "poll");
    wait_for_balance(&[&p]).await;
    // x dies once a third of the stories are out: it has items in flight.
    let deadline = Instant::now() + Duration::from_secs(120);
    while tally(&articles).0 < expected / 3 {
        assert!(
            Instant::now() < deadline,
            "too few articles; logs {:?} {:?} {:?}",
            p.log,
            x.log,
            y.log
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (before_kill, duplicates_before_kill) = tally(&articles);
    let (_, item_duplicates_before_kill) = tally(&items);
    x.child.kill().expect("SIGKILL");
    let killed = Instant::now();
    x.child.wait().expect("reap");
    wait_for_work_balance(&[&y]).await;
    let taken_over = killed.elapsed().as_secs_f64();
    wait_for_articles(&articles, expected, &[&p, &y]).await;
    let (published, duplicates) = tally(&articles);
    let pages: usize = (0..SPLIT_FEEDS)
        .flat_map(|f| (0..SPLIT_STORIES).map(move |s| (f, s)))
        .map(|(f, s)| server.hits(&story_path(f, s)))
        .sum();
    eprintln!(
        "roles: 1 poll + 2 process (work partitions {work_owned:?}), {SPLIT_FEEDS} feeds each listing its {SPLIT_STORIES} stories and the next feed's ({in_other_partition} of {SPLIT_FEEDS} pairs in different feed partitions): {before_kill} articles, {duplicates_before_kill} duplicates, {item_duplicates_before_kill} duplicate item records before the kill; SIGKILL of x: its work partitions processed by y {taken_over:.1} s after the kill; {published} of {expected} articles, {} lost, {} duplicates since the kill; {pages} page fetches for {expected} stories",
        expected - published,
        duplicates - duplicates_before_kill
    );
    assert!(
        in_other_partition > SPLIT_FEEDS / 2,
        "too few feed pairs span two partitions"
    );
    assert_eq!(
        duplicates_before_kill, 0,
        "a story listed by two feeds was published twice"
    );
    assert_eq!(
        item_duplicates_before_kill, 0,
        "a story listed by two feeds was announced twice"
    );
    assert_eq!(published, expected, "articles were lost");
    // The roles hold: only the poller polls, only the processors fetch pages.
    for feed in 0..SPLIT_FEEDS {
        let pollers = requested_by(&server, &feed_path(feed));
        assert_eq!(
            pollers,
            BTreeSet::from([p.name.clone()]),
            "desk{feed} polled by {pollers:?}"
        );
    }
    for feed in 0..SPLIT_FEEDS {
        for story in 0..SPLIT_STORIES {
            let fetchers = requested_by(&server, &story_path(feed, story));
            assert!(
                !fetchers.is_empty() && !fetchers.contains(&p.name),
                "story {feed}/{story} fetched by {fetchers:?}"
            );
        }
    }
}
