//! The process stage scaled over instances: 1, 2 and 3 `newswire run --role process` processes
//! (real processes) share the work of one `--role poll` process through the tansu broker; the
//! article pages are the 181 real pages of the Zyte benchmark in ../shared/datasets, served raw
//! from a loopback server. For each count it prints the seconds from the poller's start to the
//! first article (joining its group, first polls), articles/s from the first article to the
//! last acknowledged, and the CPU seconds the process instances spent per article, which is what
//! scales when the instances have machines of their own. Asserts no time.
//!
//!   NEWSWIRE_TANSU=… cargo bench --bench cluster
//!   options: --feeds N (40) --articles M (30 per feed) --instances "1,2,3"

#[path = "../support/mod.rs"]
mod support;

#[path = "../common/datasets.rs"]
#[allow(dead_code)]
mod datasets;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::*;

const PARTITIONS: usize = 6;

struct Options {
    feeds: usize,
    articles: usize,
    instances: Vec<usize>,
}

fn options() -> Options {
    Options {
        feeds: bench_option("--feeds", 40),
        articles: bench_option("--articles", 30),
        instances: bench_arg("--instances")
            .unwrap_or_else(|| "1,2,3".into())
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect(),
    }
}

fn main() {
    // `cargo test --benches` runs bench targets without `--bench`; only `cargo bench` measures.
    if !std::env::args().any(|a| a == "--bench") {
        println!("cluster benchmark: run with `cargo bench --bench cluster`");
        return;
    }
    let options = options();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench(options));
}

/// The Zyte pages' raw bytes.
fn real_pages() -> Vec<Vec<u8>> {
    datasets::zyte_pages()
        .expect("the Zyte pages in ../shared/datasets")
        .iter()
        .map(|page| page.read_bytes().expect("page"))
        .collect()
}

struct Instance {
    child: Child,
    metrics: String,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(
    dir: &Path,
    name: &str,
    role: &str,
    bootstrap: &str,
    group: &str,
    feeds: &str,
) -> Instance {
    let port = free_port();
    let toml = format!(
        "data_dir = \"{data}\"\n\
         [http]\nallow_private_networks = true\nper_host_delay_ms = 0\nper_host_concurrency = 32\n\
         [ops]\nlisten = \"127.0.0.1:{port}\"\n\
         [pipeline]\nfetch_concurrency = 32\n\
         [kafka]\nbootstrap_servers = \"{bootstrap}\"\n\
         [cluster]\nenabled = true\ngroup_id = \"{group}\"\npartitions = {PARTITIONS}\nreplication_factor = 1\nsession_timeout_ms = 6000\n{feeds}",
        data = dir.join(name).display(),
    );
    let config = dir.join(format!("{name}.toml"));
    std::fs::write(&config, toml).expect("config");
    let child = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(["run", "--role", role, "--config"])
        .arg(&config)
        .env("RUST_LOG", "warn")
        .stderr(std::fs::File::create(dir.join(format!("{name}.log"))).expect("log"))
        .stdout(Stdio::null())
        .spawn()
        .expect("start newswire");
    Instance {
        child,
        metrics: format!("http://127.0.0.1:{port}/metrics"),
    }
}

/// The sum of every series of `name` in the instance's `/metrics`.
async fn metric_sum(instance: &Instance, name: &str) -> f64 {
    let Ok(response) = reqwest::get(&instance.metrics).await else {
        return 0.0;
    };
    let text = response.text().await.unwrap_or_default();
    text.lines()
        .filter(|line| {
            line.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(' ') || rest.starts_with('{'))
        })
        .filter_map(|line| line.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

/// CPU seconds (user + system) the process has used, from /proc.
fn cpu_seconds(child: &Child) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", child.id())).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at state, field 3.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15, i.e. 11 and 12 after the state.
    (ticks(11) + ticks(12)) / clock_ticks()
}

fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

async fn bench(options: Options) {
    let pages = std::sync::Arc::new(real_pages());
    let broker = Broker::start();
    let bootstrap = broker.bootstrap();
    let server = TestServer::start().await;
    let base = server.url("");
    let per_feed = options.articles;
    let served = pages.clone();
    // /r<round>/f<feed>.xml and /r<round>/f<feed>/a<article>: each round has its own articles.
    server.generate(move |path| {
        let (round, rest) = path.strip_prefix("/r")?.split_once('/')?;
        if let Some(feed) = rest.strip_prefix('f').and_then(|p| p.strip_suffix(".xml")) {
            let entries: Vec<(String, String, String)> = (0..per_feed)
                .map(|a| {
                    (
                        format!("Report {feed}-{a}"),
                        format!("{base}/r{round}/f{feed}/a{a}"),
                        format!("r{round}-f{feed}-a{a}"),
                    )
                })
                .collect();
            return Some(Route::ok(
                "application/rss+xml",
                rss_of(&format!("Feed {feed}"), &entries),
            ));
        }
        let (feed, article) = rest.strip_prefix('f')?.split_once("/a")?;
        let n = feed.parse::<usize>().ok()? * per_feed + article.parse::<usize>().ok()?;
        Some(Route::ok("text/html", served[n % served.len()].clone()))
    });
    println!(
        "cluster benchmark: 1 poll + N process instances, tansu, {} feeds x {} articles of the {} Zyte pages, {PARTITIONS} partitions, {} logical CPUs",
        options.feeds,
        options.articles,
        pages.len(),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    println!(
        "{:>9} {:>9} {:>9} {:>6} {:>9} {:>11} {:>17} {:>16}",
        "instances",
        "to first",
        "articles",
        "dead",
        "seconds",
        "articles/s",
        "CPU ms/article",
        "poller CPU ms"
    );
    let expected = options.feeds * options.articles;
    for (round, count) in options.instances.iter().enumerate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let group = format!("bench{round}");
        let mut feeds = String::new();
        for f in 0..options.feeds {
            feeds.push_str(&format!(
                "[[feeds]]\nid = \"f{f}\"\nurl = \"{}\"\ninterval_secs = 3600\n",
                server.url(&format!("/r{round}/f{f}.xml"))
            ));
        }
        let workers: Vec<Instance> = (0..*count)
            .map(|i| {
                start(
                    dir.path(),
                    &format!("w{i}"),
                    "process",
                    &bootstrap,
                    &group,
                    &feeds,
                )
            })
            .collect();
        // Every work partition owned before the first item arrives.
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let mut owned = 0.0;
            for w in &workers {
                owned += metric_sum(w, "newswire_cluster_work_partitions_owned").await;
            }
            if owned as usize == PARTITIONS {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the process group did not settle; logs in {:?}",
                dir.path()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let cpu_before: Vec<f64> = workers.iter().map(|w| cpu_seconds(&w.child)).collect();
        let joined = Instant::now();
        let mut first: Option<Instant> = None;
        let poller = start(dir.path(), "poll", "poll", &bootstrap, &group, &feeds);
        let deadline = Instant::now() + Duration::from_secs(600);
        let (published, dead) = loop {
            let (mut published, mut dead) = (0.0, 0.0);
            for w in &workers {
                published += metric_sum(w, "newswire_articles_published_total").await;
                dead += metric_sum(w, "newswire_dead_letters_total").await;
            }
            if first.is_none() && published + dead > 0.0 {
                first = Some(Instant::now());
            }
            if (published + dead) as usize >= expected {
                break (published as usize, dead as usize);
            }
            assert!(
                Instant::now() < deadline,
                "{published} + {dead} of {expected} within 600 s; logs in {:?}",
                dir.path()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let first = first.unwrap_or(joined);
        let seconds = first.elapsed().as_secs_f64();
        let to_first = (first - joined).as_secs_f64();
        let cpu: f64 = workers
            .iter()
            .zip(&cpu_before)
            .map(|(w, before)| cpu_seconds(&w.child) - before)
            .sum();
        println!(
            "{:>9} {:>9.2} {:>9} {:>6} {:>9.2} {:>11.1} {:>17.2} {:>16.0}",
            count,
            to_first,
            published,
            dead,
            seconds,
            published as f64 / seconds,
            cpu * 1000.0 / (published + dead).max(1) as f64,
            cpu_seconds(&poller.child) * 1000.0
        );
        assert!(dead * 10 < published, "most pages should give articles");
    }
}
