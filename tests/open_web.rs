//! What the open web does to a daemon that reads it for months: links to things that are not
//! files, servers that trickle, pages that kill the process. Nothing may hang it or make it
//! crash-loop; each case ends as an article or a dead letter with the reason.

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use support::*;

/// A config on loopback with the JSON Lines sink in `dir/data`.
fn write_config(dir: &Path, extra: &str, feeds: &[(&str, String)]) -> std::path::PathBuf {
    let mut toml = format!(
        "data_dir = \"{}\"\n[http]\nallow_private_networks = true\nper_host_delay_ms = 0\n{extra}\n[ops]\nlisten = \"\"\n",
        dir.join("data").display()
    );
    for (id, url) in feeds {
        toml.push_str(&format!(
            "[[feeds]]\nid = \"{id}\"\nurl = \"{url}\"\nobey_robots = false\n"
        ));
    }
    let path = dir.join("newswire.toml");
    std::fs::write(&path, toml).expect("write config");
    path
}

/// `newswire run --once --config CONFIG` in the background, its logs discarded.
fn run_once_quietly(config: &Path) -> std::process::Child {
    newswire()
        .args(["run", "--once", "--config"])
        .arg(config)
        .stderr(Stdio::null())
        .spawn()
        .expect("start")
}

fn local_feed(dir: &Path, links: &[(&str, String)]) -> String {
    let items: Vec<(&str, &str, &str)> = links
        .iter()
        .map(|(title, link)| (*title, link.as_str(), *title))
        .collect();
    let path = dir.join("feed.xml");
    std::fs::write(&path, rss("Local", &items)).expect("write feed");
    path.display().to_string()
}

fn dead_letter_errors(data: &Path) -> Vec<String> {
    read_jsonl(data, "news.dead-letter")
        .iter()
        .map(|r| r["error"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn links_to_a_fifo_a_device_and_a_directory_are_dead_letters_not_hangs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let page = dir.path().join("page.html");
    std::fs::write(&page, article_page("A real page", &[&seed_text()])).expect("page");
    let feed = local_feed(
        dir.path(),
        &[
            ("fifo", format!("file://{}", fifo.display())),
            ("zero", "file:///dev/zero".to_string()),
            ("directory", format!("file://{}", dir.path().display())),
            ("page", format!("file://{}", page.display())),
        ],
    );
    let config = write_config(dir.path(), "", &[("local", feed)]);
    let mut child = run_once_quietly(&config);
    let status = wait_exit(&mut child, Duration::from_secs(120));
    assert_eq!(status.code(), Some(0));
    let data = dir.path().join("data");
    let errors = dead_letter_errors(&data);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors.iter().all(|e| e.contains("not a regular file")),
        "{errors:#?}"
    );
    assert_eq!(read_jsonl(&data, "news.articles").len(), 1);
}

/// A feed whose one entry links to a page at `path` that arrives one byte every `every`.
async fn trickling_feed(path: &str, every: Duration) -> TestServer {
    let server = TestServer::start().await;
    let body = article_page("Slow", &["A paragraph that arrives one byte at a time."]).into_bytes();
    server.set(
        path,
        Route::streamed("text/html", Streamed::Trickle { body, every }),
    );
    let entry = [("slow".to_string(), server.url(path), "slow".to_string())];
    server.set(
        "/feed.xml",
        Route::ok("application/rss+xml", rss_of("T", &entry)),
    );
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trickling_server_ends_within_the_whole_item_fetch_deadline() {
    let server = trickling_feed("/slow", Duration::from_secs(1)).await;
    let dir = tempfile::tempdir().expect("tempdir");
    // Each request may take 4 s and there are 3 attempts with waits between them: without a
    // whole-item deadline the item would take about 18 s.
    let deadline_secs = 7;
    let config = write_config(
        dir.path(),
        &format!("timeout_secs = 4\nmax_attempts = 3\nfetch_deadline_secs = {deadline_secs}"),
        &[("slow", server.url("/feed.xml"))],
    );
    let started = Instant::now();
    let mut child = run_once_quietly(&config);
    let status =
        tokio::task::spawn_blocking(move || wait_exit(&mut child, Duration::from_secs(60)))
            .await
            .expect("wait");
    println!(
        "run --once against a trickling page ended after {:.1} s (deadline {deadline_secs} s)",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(status.code(), Some(0));
    let errors = dead_letter_errors(&dir.path().join("data"));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("7 s deadline"), "{errors:#?}");
    assert!(
        server.hits("/slow") < 3,
        "the deadline cut the attempts short"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_a_stuck_fetch_exits_within_the_grace() {
    let server = trickling_feed("/stuck", Duration::from_secs(5)).await;
    let grace = 2;
    for once in [true, false] {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = write_config(
            dir.path(),
            &format!(
                "timeout_secs = 600\nfetch_deadline_secs = 900\n[pipeline]\nshutdown_grace_secs = {grace}"
            ),
            &[("stuck", server.url("/feed.xml"))],
        );
        let hits = server.hits("/stuck");
        let mut command = newswire();
        command
            .args(["run", "--config"])
            .arg(&config)
            .stderr(Stdio::null());
        if once {
            command.arg("--once");
        }
        let mut child = command.spawn().expect("start");
        eventually(Duration::from_secs(30), "the page fetch to start", || {
            server.hits("/stuck") > hits
        })
        .await;
        signal(&child, "TERM");
        let stopped = Instant::now();
        let status = tokio::task::spawn_blocking(move || {
            wait_exit(&mut child, Duration::from_secs(grace + 1))
        })
        .await
        .expect("wait");
        println!(
            "once={once}: exited {:.2} s after SIGTERM with {status:?} (grace {grace} s)",
            stopped.elapsed().as_secs_f64()
        );
        // Unfinished work stays pending: the item was neither published nor dead-lettered.
        assert!(read_jsonl(&dir.path().join("data"), "news.dead-letter").is_empty());
    }
}

/// SIGKILL while a page is being processed, three times (as an OOM kill would): the fourth
/// start dead-letters that item and publishes everything else.
#[test]
fn a_page_that_keeps_killing_the_daemon_is_quarantined() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paragraph = seed_text().replace("\n\n", " ");
    let heavy: Vec<&str> =
        std::iter::repeat_n(paragraph.as_str(), 3 * 1024 * 1024 / paragraph.len().max(1)).collect();
    let heavy_page = dir.path().join("heavy.html");
    std::fs::write(&heavy_page, article_page("Heavy", &heavy)).expect("page");
    let mut links = vec![("heavy", format!("file://{}", heavy_page.display()))];
    for name in ["one", "two"] {
        let page = dir.path().join(format!("{name}.html"));
        std::fs::write(&page, article_page(name, &[&paragraph])).expect("page");
        links.push((name, format!("file://{}", page.display())));
    }
    let feed = local_feed(dir.path(), &links);
    let config = write_config(dir.path(), "", &[("local", feed)]);
    // Logs are read until the heavy page's processing starts; the last run's are not read.
    let start = |logs: Stdio| {
        newswire()
            .args(["run", "--once", "--config"])
            .arg(&config)
            .env("RUST_LOG", "newswire=debug")
            .env("NO_COLOR", "1")
            .stderr(logs)
            .spawn()
            .expect("start")
    };
    for kill in 1..=3 {
        let mut child = start(Stdio::piped());
        let stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let mut seen = false;
        for line in stderr.lines() {
            let line = line.unwrap_or_default();
            if line.contains("processing started") && line.contains("heavy.html") {
                seen = true;
                break;
            }
        }
        assert!(
            seen,
            "kill {kill}: the heavy page's processing never started"
        );
        signal(&child, "KILL");
        let _ = child.wait();
    }
    let mut child = start(Stdio::null());
    let status = wait_exit(&mut child, Duration::from_secs(120));
    assert_eq!(status.code(), Some(0));
    let data = dir.path().join("data");
    let dead: Vec<serde_json::Value> = read_jsonl(&data, "news.dead-letter");
    assert_eq!(dead.len(), 1, "{dead:#?}");
    assert_eq!(dead[0]["error"], "interrupted the daemon 3 times");
    assert_eq!(dead[0]["stage"], "process");
    assert_eq!(dead[0]["attempts"], 3);
    assert_schema_valid(&dead[0]);
    let titles: Vec<String> = read_jsonl(&data, "news.articles")
        .iter()
        .map(|a| a["title"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        titles.contains(&"one".to_string()) && titles.contains(&"two".to_string()),
        "{titles:?}"
    );
}
