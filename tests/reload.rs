//! SIGHUP reloads the feed list of a running daemon; an invalid config is rejected.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::*;

/// The feed ids `/feeds` lists.
async fn listed_feeds(ops_port: u16) -> Vec<String> {
    let Ok(response) = reqwest::get(format!("http://127.0.0.1:{ops_port}/feeds")).await else {
        return Vec::new();
    };
    let body = response.bytes().await.unwrap_or_default();
    let feeds: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    feeds
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn write_config(path: &Path, ops_port: u16, feeds: &[(&str, String)]) {
    let mut toml = format!(
        "data_dir = \"data\"\n[http]\nallow_private_networks = true\nper_host_delay_ms = 0\n\
         [ops]\nlisten = \"127.0.0.1:{ops_port}\"\n[pipeline]\nshutdown_grace_secs = 20\n"
    );
    for (id, url) in feeds {
        toml.push_str(&format!(
            "[[feeds]]\nid = \"{id}\"\nurl = \"{url}\"\ninterval_secs = 3600\n"
        ));
    }
    std::fs::write(path, toml).expect("write config");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_adds_and_removes_feeds_and_rejects_an_invalid_config() {
    let server = TestServer::start().await;
    server.set(
        "/slow-page",
        Route::ok("text/html", article_page("Late story", &["Text."]))
            .with_delay(Duration::from_secs(2)),
    );
    server.set(
        "/a.xml",
        Route::ok(
            "application/rss+xml",
            rss("A", &[("Late", &server.url("/slow-page"), "late")]),
        ),
    );
    server.set("/b.xml", Route::ok("application/rss+xml", rss("B", &[])));
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("newswire.toml");
    let ops_port = free_port();
    write_config(&config, ops_port, &[("a", server.url("/a.xml"))]);
    let log = std::fs::File::create(dir.path().join("stderr.log")).expect("log file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(["run", "--config"])
        .arg(&config)
        .stderr(Stdio::from(log))
        .spawn()
        .expect("start newswire");

    // Feed a is polled and its article page is being fetched (2 s) when a is removed.
    eventually(Duration::from_secs(20), "the slow page fetch", || {
        server.hits("/slow-page") == 1
    })
    .await;
    write_config(&config, ops_port, &[("b", server.url("/b.xml"))]);
    signal(&child, "HUP");
    eventually(
        Duration::from_secs(20),
        "feed b polled after reload",
        || server.hits("/b.xml") == 1,
    )
    .await;
    let mut feeds = Vec::new();
    for _ in 0..50 {
        feeds = listed_feeds(ops_port).await;
        if feeds == ["b"] {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(feeds, ["b"], "a removed, b added");

    // An invalid config is rejected and the running one stays.
    std::fs::write(
        &config,
        "[[feeds]]\nid = \"c\"\nurl = \"http://x/\"\ninterval_secs = 1\n",
    )
    .expect("write invalid config");
    signal(&child, "HUP");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        child.try_wait().expect("try_wait").is_none(),
        "still running"
    );
    assert_eq!(listed_feeds(ops_port).await, ["b"]);

    signal(&child, "TERM");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("newswire did not exit");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success());
    let stderr = std::fs::read_to_string(dir.path().join("stderr.log")).unwrap_or_default();
    assert!(stderr.contains("config rejected"), "{stderr}");
    assert!(
        stderr.contains("1 is out of range: must be 10 to 604800 s"),
        "the problem is logged: {stderr}"
    );
    assert_eq!(server.hits("/a.xml"), 1, "a was not polled again");
    // The item that was in flight when a was removed finished: article or dead letter.
    let data = dir.path().join("data");
    let finished =
        read_jsonl(&data, "news.articles").len() + read_jsonl(&data, "news.dead-letter").len();
    assert_eq!(finished, 1, "the in-flight item was not lost");
}
