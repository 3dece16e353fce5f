//! Feed health as an operator reads it: `/feeds` on the ops server, `newswire feeds status`.

mod support;

use std::process::Command;
use std::sync::Arc;

use newswire::pipeline::Observability;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feeds_endpoint_and_status_command_report_health_and_schedule() {
    let server = TestServer::start().await;
    server.set(
        "/ok.xml",
        Route::ok(
            "application/rss+xml",
            rss("Fine", &[("Story", &server.url("/story"), "s1")]),
        ),
    );
    // Parses, yet lists nothing: a warning, not "ok".
    server.set(
        "/quiet.xml",
        Route::ok("application/rss+xml", rss("Quiet", &[])),
    );
    server.set("/down.xml", Route::status(500));
    let dir = tempfile::tempdir().expect("tempdir");
    let config_path = dir.path().join("newswire.toml");
    std::fs::write(
        &config_path,
        format!(
            "data_dir = \"data\"\n[http]\nallow_private_networks = true\n[ops]\nlisten = \"\"\n\
             [[feeds]]\nid = \"fine\"\nurl = \"{}\"\n[[feeds]]\nid = \"down\"\nurl = \"{}\"\n\
             [[feeds]]\nid = \"quiet\"\nurl = \"{}\"\n",
            server.url("/ok.xml"),
            server.url("/down.xml"),
            server.url("/quiet.xml")
        ),
    )
    .expect("write config");
    let config = newswire::config::Config::load(&config_path).expect("config");

    let observability = Observability::default();
    let (tx, rx) = tokio::sync::watch::channel(false);
    let (bound, ops_task) = newswire::ops::serve(
        "127.0.0.1:0".parse().expect("addr"),
        Arc::clone(&observability.metrics),
        Arc::clone(&observability.health),
        rx.clone(),
    )
    .await
    .expect("ops server");
    newswire::pipeline::run(config, true, observability.clone(), rx)
        .await
        .expect("run");
    let body = reqwest::get(format!("http://{bound}/feeds"))
        .await
        .expect("GET /feeds")
        .bytes()
        .await
        .expect("body");
    let feeds: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    let _ = tx.send(true);
    let _ = ops_task.await;
    let by_id = |id: &str| {
        feeds
            .as_array()
            .expect("a list")
            .iter()
            .find(|f| f["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} in {feeds:#}"))
    };
    let fine = by_id("fine");
    assert_eq!(fine["status"], "ok");
    assert!(fine["last_success_at"].is_string() && fine["next_poll_at"].is_string());
    assert!(fine["last_warning"].is_null(), "{fine:#}");
    let quiet = by_id("quiet");
    assert_eq!(quiet["status"], "warning");
    assert_eq!(quiet["consecutive_errors"], 0);
    assert!(
        quiet["last_warning"]
            .as_str()
            .is_some_and(|w| w.contains("no entries")),
        "{quiet:#}"
    );
    let down = by_id("down");
    assert_eq!(down["status"], "failing");
    assert_eq!(down["consecutive_errors"], 1);
    assert!(
        down["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("HTTP 500")),
        "{down:#}"
    );
    let metrics = observability.metrics.render();
    assert!(
        metrics.contains("newswire_feed_next_poll_timestamp_seconds{feed=\"down\"}"),
        "{metrics}"
    );
    assert!(
        metrics.contains("newswire_feed_interval_seconds{feed=\"fine\"} 300"),
        "{metrics}"
    );

    // The same from the state store, with the daemon stopped.
    let output = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(["feeds", "status", "--json", "--config"])
        .arg(&config_path)
        .output()
        .expect("run feeds status");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "fine");
    assert_eq!(lines[1]["status"], "failing");
    assert_eq!(lines[2]["status"], "warning");
    let table = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(["feeds", "status", "--config"])
        .arg(&config_path)
        .output()
        .expect("run feeds status");
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.starts_with("FEED"), "{table}");
    assert!(table.contains("HTTP 500"), "{table}");
    assert!(table.contains("lists no entries"), "{table}");
}
