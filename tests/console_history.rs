//! The console's feed history outlives the daemon: two `--once` runs over a loopback feed (one
//! that finds two items, one that meets a 500), then a daemon whose feed page and feeds table
//! show both runs' polls and the first run's items, read back from the state store.

mod support;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use support::*;

/// A child process killed when the test ends, however it ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run_once(config: &Path) -> std::process::Output {
    newswire()
        .args(["run", "--once", "--config"])
        .arg(config)
        .output()
        .expect("run newswire --once")
}

/// The rows of the table with `id`, as HTML.
fn table_rows<'a>(page: &'a str, id: &str) -> Vec<&'a str> {
    let start = page
        .find(&format!("<table id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no table {id} in {page}"));
    let table = &page[start..];
    let table = &table[..table.find("</table>").expect("table end")];
    let body = &table[table.find("<tbody>").expect("tbody")..];
    body.split("<tr").skip(1).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feeds_polls_and_items_survive_restarts() {
    let server = TestServer::start().await;
    let paragraph = "The regional council approved the new bus timetable on Monday evening, \
                     adding late services on the two busiest routes from the start of next month.";
    for (page, title) in [("a", "Late buses approved"), ("b", "Council meets again")] {
        server.set(
            &format!("/pages/{page}.html"),
            Route::ok(
                "text/html",
                article_page(title, &[paragraph, paragraph, paragraph]),
            ),
        );
    }
    server.set(
        "/feed.xml",
        Route::ok(
            "application/rss+xml",
            rss(
                "Council",
                &[
                    ("Late buses approved", &server.url("/pages/a.html"), "c-1"),
                    ("Council meets again", &server.url("/pages/b.html"), "c-2"),
                ],
            ),
        ),
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let ops_port = free_port();
    let config = dir.path().join("newswire.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = \"{}\"\n[http]\nmax_attempts = 1\nallow_private_networks = true\nper_host_delay_ms = 0\n\
             [ops]\nlisten = \"127.0.0.1:{ops_port}\"\n\
             [[feeds]]\nid = \"council\"\nurl = \"{}\"\ninterval_secs = 3600\n",
            dir.path().join("data").display(),
            server.url("/feed.xml"),
        ),
    )
    .expect("config");

    let first = run_once(&config);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    server.set("/feed.xml", Route::status(500));
    let second = run_once(&config);
    assert_eq!(
        second.status.code(),
        Some(4),
        "the failed feed fails the run: {}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(server.hits("/feed.xml"), 2);

    // A third daemon, which does not poll before the feed's stored next poll, serves the console.
    server.set("/feed.xml", Route::status(404));
    let _daemon = Running(
        newswire()
            .args(["run", "--config"])
            .arg(&config)
            .stderr(Stdio::null())
            .spawn()
            .expect("start newswire"),
    );
    let base = format!("http://127.0.0.1:{ops_port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    let page = loop {
        if let Ok(response) = reqwest::get(format!("{base}/ui/feeds/council")).await
            && response.status().is_success()
        {
            break response.text().await.expect("feed page");
        }
        assert!(Instant::now() < deadline, "the feed page never answered");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };

    let polls = table_rows(&page, "polls");
    let cells = |row: &str| -> Vec<String> {
        row.split("<td")
            .skip(1)
            .map(|cell| {
                let text = &cell[cell.find('>').expect("cell") + 1..];
                let mut plain = String::new();
                let mut in_tag = false;
                for c in text.chars() {
                    match c {
                        '<' => in_tag = true,
                        '>' => in_tag = false,
                        c if !in_tag => plain.push(c),
                        _ => {}
                    }
                }
                plain
            })
            .collect()
    };
    let rows: Vec<Vec<String>> = polls.iter().map(|r| cells(r)).collect();
    // Newest first: the second run's 500, then the first run's two new items. A poll by this
    // daemon (a 404) could only come before them.
    let from_runs: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.len() == 5 && !r[4].contains("404"))
        .collect();
    assert_eq!(from_runs.len(), 2, "polls of both runs: {rows:?}");
    assert_eq!(from_runs[0][1], "error", "{rows:?}");
    assert!(from_runs[0][4].contains("500"), "{rows:?}");
    assert_eq!(from_runs[1][1..4], ["ok", "2", "2"], "{rows:?}");
    assert!(from_runs[1][0] <= from_runs[0][0], "{rows:?}");

    // The feeds table's "items in the last 24 h" counts the first run's items.
    let list = reqwest::get(format!("{base}/ui/feeds"))
        .await
        .expect("GET /ui/feeds")
        .text()
        .await
        .expect("feeds page");
    let row = list
        .split("<tr")
        .find(|r| r.contains("href=\"/ui/feeds/council\""))
        .unwrap_or_else(|| panic!("no council row in {list}"));
    let numbers: Vec<String> = cells(row).into_iter().skip(4).take(3).collect();
    // Interval, consecutive errors, items in the last 24 h.
    assert_eq!(numbers[1..], ["1", "2"], "{row}");
}
