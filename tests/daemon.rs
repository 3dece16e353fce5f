//! The `newswire` binary as an operator runs it: config validation, signals, crash safety,
//! health and metrics endpoints (the demo: tests/readme.rs).

mod support;

use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use support::*;

/// `newswire run --config PATH` in the background (daemon mode).
fn start_daemon(config: &Path) -> Child {
    newswire()
        .args(["run", "--config"])
        .arg(config)
        .stderr(Stdio::null())
        .spawn()
        .expect("start daemon")
}

fn write_config(dir: &Path, body: &str) -> std::path::PathBuf {
    let path = dir.join("newswire.toml");
    std::fs::write(&path, body).expect("write config");
    path
}

#[test]
fn validate_reports_every_problem_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_config(
        dir.path(),
        "[http]\ntimeout_secs = 0\nretries = \"x\"\n\n[[feeds]]\nid = \"a b\"\nurl = \"gopher://x\"\n",
    );
    let Output { status, stderr, .. } = newswire()
        .args(["validate", "--config"])
        .arg(&path)
        .output()
        .expect("run validate");
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(status.code(), Some(2), "{stderr}");
    let file = path.display().to_string();
    for expected in [
        format!("{file}:2:16: 0 is out of range: must be 1 to 3600 s"),
        format!("{file}:3:1: unknown key `http.retries`"),
        format!("{file}:6:6: feed id `a b` must be non-empty"),
        format!("{file}:7:7: unsupported scheme `gopher`"),
    ] {
        assert!(
            stderr.contains(&expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    let ok = newswire()
        .args([
            "validate",
            "--config",
            concat!(env!("CARGO_MANIFEST_DIR"), "/config/newswire.toml"),
        ])
        .output()
        .expect("validate reference config");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn split_roles_are_refused_without_a_cluster() {
    let dir = tempfile::tempdir().expect("tempdir");
    let alone = write_config(
        dir.path(),
        "[[feeds]]\nid = \"a\"\nurl = \"http://127.0.0.1:9/feed.xml\"\n",
    );
    for (command, role) in [("validate", "poll"), ("run", "process")] {
        let Output { status, stderr, .. } = newswire()
            .args([command, "--role", role, "--config"])
            .arg(&alone)
            .output()
            .expect("newswire");
        let stderr = String::from_utf8_lossy(&stderr);
        assert_eq!(status.code(), Some(2), "{command} --role {role}: {stderr}");
        assert!(
            stderr.contains(&format!("--role {role}")) && stderr.contains("[cluster]"),
            "{stderr}"
        );
    }
    let alone_ok = newswire()
        .args(["validate", "--role", "all", "--config"])
        .arg(&alone)
        .output()
        .expect("validate");
    assert!(alone_ok.status.success());
    let clustered = dir.path().join("cluster.toml");
    std::fs::write(
        &clustered,
        "[kafka]\nbootstrap_servers = \"127.0.0.1:9\"\n[cluster]\nenabled = true\n[[feeds]]\nid = \"a\"\nurl = \"http://127.0.0.1:9/feed.xml\"\n",
    )
    .expect("config");
    for role in ["poll", "process"] {
        let checked = newswire()
            .args(["validate", "--role", role, "--config"])
            .arg(&clustered)
            .output()
            .expect("validate");
        assert!(
            checked.status.success(),
            "--role {role}: {}",
            String::from_utf8_lossy(&checked.stderr)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_daemon_cleanly_and_endpoints_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start().await;
    server.set("/a", Route::ok("text/html", article_page("Alpha story", &["The first paragraph of the alpha story is long enough to be an article body, with several clauses and commas."])));
    server.set(
        "/feed.xml",
        Route::ok(
            "application/rss+xml",
            rss("Desk", &[("Alpha", &server.url("/a"), "a")]),
        ),
    );
    let ops_port = free_port();
    let path = write_config(
        dir.path(),
        &format!(
            "data_dir = \"data\"\n[http]\nallow_private_networks = true\nper_host_delay_ms = 0\n[ops]\nlisten = \"127.0.0.1:{ops_port}\"\n[[feeds]]\nid = \"desk\"\nurl = \"{}\"\ninterval_secs = 10\n",
            server.url("/feed.xml")
        ),
    );
    let mut child = start_daemon(&path);
    let data = dir.path().join("data");
    eventually(Duration::from_secs(30), "the article record", || {
        read_jsonl(&data, "news.articles").len() == 1
    })
    .await;
    let client = reqwest::Client::new();
    let get = |path: &str| {
        client
            .get(format!("http://127.0.0.1:{ops_port}{path}"))
            .send()
    };
    assert_eq!(get("/healthz").await.expect("healthz").status(), 200);
    assert_eq!(get("/readyz").await.expect("readyz").status(), 200);
    let expected = [
        "newswire_items_discovered_total{feed=\"desk\"} 1",
        "newswire_articles_published_total{feed=\"desk\"} 1",
        "newswire_fetch_duration_seconds_bucket",
        "newswire_queue_depth",
        "newswire_sink_acks_total{topic=\"news.articles\"} 1",
    ];
    // The record is on disk before the sink's ack returns and the counters move: poll.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let metrics = get("/metrics")
            .await
            .expect("metrics")
            .text()
            .await
            .expect("body");
        let missing: Vec<&str> = expected
            .iter()
            .copied()
            .filter(|name| !metrics.contains(name))
            .collect();
        if missing.is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "missing {missing:?} in\n{metrics}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    signal(&child, "TERM");
    let status = wait_exit(&mut child, Duration::from_secs(30));
    assert!(status.success(), "exit status {status:?}");
}

/// SIGKILL in the middle of a run, then a restart: every article is published in the end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_run_then_restart_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start().await;
    let total = 24;
    let mut entries = Vec::new();
    for i in 0..total {
        let path = format!("/story/{i}");
        let mut route = Route::ok(
            "text/html",
            article_page(
                &format!("Story number {i}"),
                &[
                    "Officials confirmed the figures on Thursday, adding that the review would continue into next month, according to the statement.",
                ],
            ),
        );
        route.delay = Duration::from_millis(250);
        server.set(&path, route);
        entries.push((format!("Story {i}"), server.url(&path), format!("guid-{i}")));
    }
    server.set(
        "/feed.xml",
        Route::ok("application/rss+xml", rss_of("Slow desk", &entries)),
    );
    let path = write_config(
        dir.path(),
        &format!(
            "data_dir = \"data\"\n[http]\nallow_private_networks = true\nper_host_delay_ms = 0\n[ops]\nlisten = \"\"\n[pipeline]\nfetch_concurrency = 2\n[[feeds]]\nid = \"slow\"\nurl = \"{}\"\ninterval_secs = 3600\n",
            server.url("/feed.xml")
        ),
    );
    let data = dir.path().join("data");
    let mut child = start_daemon(&path);
    eventually(Duration::from_secs(30), "a few articles", || {
        read_jsonl(&data, "news.articles").len() >= 3
    })
    .await;
    signal(&child, "KILL");
    let _ = wait_exit(&mut child, Duration::from_secs(10));
    let before = read_jsonl(&data, "news.articles").len();
    assert!(
        before < total,
        "the kill came too late to test anything ({before} of {total})"
    );

    let status = newswire()
        .args(["run", "--once", "--config"])
        .arg(&path)
        .stderr(Stdio::null())
        .status()
        .expect("restart");
    assert!(status.success());
    let articles = read_jsonl(&data, "news.articles");
    let ids: HashSet<&str> = articles
        .iter()
        .filter_map(|a| a["item_id"].as_str())
        .collect();
    assert_eq!(
        ids.len(),
        total,
        "every item's article is published after the restart"
    );
    // At-least-once: only records in flight at the kill (≤ fetch_concurrency) may repeat.
    assert!(
        articles.len() <= total + 2,
        "{} records for {total} articles",
        articles.len()
    );
}

#[test]
fn once_exits_4_and_names_the_feeds_that_failed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        article_page("Fine", &["A fine page with a paragraph long enough."]),
    )
    .expect("page");
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        rss(
            "Fine",
            &[("fine", &format!("file://{}", page.display()), "fine")],
        ),
    )
    .expect("feed");
    let path = write_config(
        dir.path(),
        &format!(
            "data_dir = \"{}\"\n[ops]\nlisten = \"\"\n[[feeds]]\nid = \"good\"\nurl = \"{}\"\n[[feeds]]\nid = \"missing\"\nurl = \"{}\"\n",
            dir.path().join("data").display(),
            feed.display(),
            dir.path().join("no-such-feed.xml").display()
        ),
    );
    let output = newswire()
        .args(["run", "--once", "--config"])
        .arg(&path)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("error: 1 of 2 feed(s) failed: missing"),
        "{stderr}"
    );
    assert_eq!(
        read_jsonl(&dir.path().join("data"), "news.articles").len(),
        1
    );
}

#[test]
fn every_subcommand_finds_the_config_through_newswire_config_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let path = write_config(
        dir.path(),
        &format!(
            "data_dir = \"{}\"\nsites_dir = \"no-such-dir\"\n[ops]\nlisten = \"\"\n",
            data.display()
        ),
    );
    let run = |args: &[&str]| {
        newswire()
            .args(args)
            .env("NEWSWIRE_CONFIG", &path)
            .current_dir(dir.path())
            .output()
            .expect("run")
    };
    let validated = run(&["validate"]);
    let said = String::from_utf8_lossy(&validated.stderr);
    assert!(validated.status.success(), "{said}");
    assert!(String::from_utf8_lossy(&validated.stdout).contains(&path.display().to_string()));
    assert!(said.contains("warning: no enabled feeds"), "{said}");
    assert!(said.contains("no-such-dir is not a directory"), "{said}");
    let status = run(&["feeds", "status"]);
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(String::from_utf8_lossy(&status.stderr).contains("no state in"));
    assert!(!data.exists(), "feeds status created {}", data.display());
    let once = run(&["run", "--once"]);
    assert!(
        once.status.success(),
        "{}",
        String::from_utf8_lossy(&once.stderr)
    );
    assert!(
        data.join("state.redb").is_file(),
        "run used the config's data_dir"
    );
}

/// The broker is down: records wait for acknowledgements that never come. SIGTERM still ends
/// the process within the grace (drain and producer flush together), plus a second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_the_broker_down_exits_within_the_grace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start().await;
    server.set(
        "/a",
        Route::ok(
            "text/html",
            article_page(
                "Alpha",
                &["The alpha story has a paragraph long enough to be an article body."],
            ),
        ),
    );
    server.set(
        "/rss.xml",
        Route::ok(
            "application/rss+xml",
            rss("Desk", &[("Alpha", &server.url("/a"), "a")]),
        ),
    );
    let grace = 3;
    let path = write_config(
        dir.path(),
        &format!(
            "data_dir = \"{}\"\n[http]\nallow_private_networks = true\n[ops]\nlisten = \"\"\n[pipeline]\nshutdown_grace_secs = {grace}\n[kafka]\nbootstrap_servers = \"127.0.0.1:{}\"\ndelivery_timeout_secs = 600\n[[feeds]]\nid = \"desk\"\nurl = \"{}\"\n",
            dir.path().join("data").display(),
            free_port(),
            server.url("/rss.xml")
        ),
    );
    let mut child = start_daemon(&path);
    eventually(Duration::from_secs(30), "the page fetch", || {
        server.hits("/a") > 0
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    signal(&child, "TERM");
    let stopped = Instant::now();
    let status =
        tokio::task::spawn_blocking(move || wait_exit(&mut child, Duration::from_secs(grace + 1)))
            .await
            .expect("wait");
    println!(
        "broker down: exited {:.2} s after SIGTERM ({status:?}, grace {grace} s)",
        stopped.elapsed().as_secs_f64()
    );
}
