//! The console in a real headless Chromium (Debian's `chromium` and `chromium-driver`, driven
//! over WebDriver), against the `newswire` binary polling loopback feeds: one healthy (with a
//! page that 404s), one answering 500, one carrying the seed article. Screenshots go to
//! `target/console-screenshots/`.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use support::*;

const TOKEN: &str = "console-test-token-5f1c";
const TOKEN_ENV: &str = "NEWSWIRE_TEST_CONSOLE_TOKEN";

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Chromium and its driver, or `None` (outside CI) when they are not installed.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let found = on_path("chromium").zip(on_path("chromedriver"));
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI: chromium and chromedriver must be installed (tests/run-all.sh installs them)"
        );
        eprintln!(
            "SKIPPED: chromium / chromedriver not on PATH (apt-get install chromium chromium-driver, or run tests/run-all.sh)"
        );
    }
    found
}

fn screenshots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/console-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

async fn wait_listening(port: u16, what: &str) {
    eventually(Duration::from_secs(30), what, || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    })
    .await;
}

/// A fresh browser session; `javascript: false` turns scripts off for the whole profile.
async fn session(driver_port: u16, chromium: &Path, profile: &Path, javascript: bool) -> Client {
    let mut args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--no-first-run".into(),
        "--disable-quic".into(),
        "--disable-sync".into(),
        "--window-size=1280,900".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    if !javascript {
        args.push("--blink-settings=scriptEnabled=false".into());
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": chromium, "args": args }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("WebDriver session with chromium")
}

async fn text_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no `{css}`: {e}"))
        .text()
        .await
        .expect("text")
}

async fn texts_of(client: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for element in client.find_all(Locator::Css(css)).await.expect("find_all") {
        out.push(element.text().await.expect("text"));
    }
    out
}

async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    std::fs::write(screenshots_dir().join(name), png).expect("write screenshot");
}

async fn get(url: &str) -> (u16, String) {
    let response = reqwest::get(url).await.expect("GET");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// The seed article as a page: its headline, caption and paragraphs in ordinary markup.
fn seed_page() -> (String, String) {
    let text = seed_text();
    let blocks: Vec<&str> = text.split("\n\n").collect();
    let headline = blocks[1].to_string();
    (headline.clone(), article_page(&headline, &blocks[2..]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_answers_an_operators_questions_in_a_real_browser() {
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
    let server = TestServer::start().await;
    let (headline, seed_html) = seed_page();
    server.set("/pages/seed.html", Route::ok("text/html", seed_html));
    server.set(
        "/seed.xml",
        Route::ok(
            "application/rss+xml",
            rss(
                "Seed",
                &[(&headline, &server.url("/pages/seed.html"), "seed-1")],
            ),
        ),
    );
    let paragraph = "The harbour authority reopened the northern quay on Tuesday after a week of repairs, \
                     and the first ferries are expected to dock there again by the end of the month.";
    server.set(
        "/pages/quay.html",
        Route::ok(
            "text/html",
            article_page("Northern quay reopens", &[paragraph, paragraph, paragraph]),
        ),
    );
    server.set("/pages/gone.html", Route::status(404));
    server.set(
        "/healthy.xml",
        Route::ok(
            "application/rss+xml",
            rss(
                "Healthy",
                &[
                    (
                        "Northern quay reopens",
                        &server.url("/pages/quay.html"),
                        "h-1",
                    ),
                    ("A story taken down", &server.url("/pages/gone.html"), "h-2"),
                ],
            ),
        ),
    );
    server.set("/broken.xml", Route::status(500));

    let dir = tempfile::tempdir().expect("tempdir");
    let ops_port = free_port();
    let config = dir.path().join("newswire.toml");
    let mut toml = format!(
        "data_dir = \"{}\"\nsites_dir = \"{}\"\n[http]\nmax_attempts = 1\nallow_private_networks = true\nper_host_delay_ms = 0\n\
         [ops]\nlisten = \"127.0.0.1:{ops_port}\"\nadmin_token = \"${{{TOKEN_ENV}}}\"\n",
        dir.path().join("data").display(),
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("config/sites")
            .display(),
    );
    for (id, path) in [
        ("healthy", "/healthy.xml"),
        // Named to sort last by id: only the status puts it first.
        ("wire-down", "/broken.xml"),
        ("seed", "/seed.xml"),
    ] {
        toml.push_str(&format!(
            "[[feeds]]\nid = \"{id}\"\nurl = \"{}\"\ninterval_secs = 3600\n",
            server.url(path)
        ));
    }
    std::fs::write(&config, toml).expect("config");
    let _daemon = Running(
        newswire()
            .args(["run", "--config"])
            .arg(&config)
            .env(TOKEN_ENV, TOKEN)
            .stderr(Stdio::null())
            .spawn()
            .expect("start newswire"),
    );
    let base = format!("http://127.0.0.1:{ops_port}");
    wait_listening(ops_port, "the ops address").await;

    // Wait until the work is done: both articles published, the 404 dead-lettered, the 500 seen.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let feeds: Value =
            serde_json::from_str(&get(&format!("{base}/feeds")).await.1).unwrap_or(Value::Null);
        let (_, articles) = get(&format!("{base}/ui/articles")).await;
        let (_, letters) = get(&format!("{base}/ui/dead-letters")).await;
        let broken_failing = feeds.as_array().is_some_and(|f| {
            f.iter()
                .any(|f| f["id"] == "wire-down" && f["status"] == "failing")
        });
        if broken_failing
            && articles.contains("Northern quay reopens")
            && articles.contains("Azerbaijani president")
            && letters.contains("gone.html")
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the daemon did not finish its first polls in time"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    // Actions over plain HTTP: POST only, and the token is checked.
    let http = reqwest::Client::new();
    let poll = format!("{base}/ui/actions/poll/healthy");
    assert_eq!(get(&poll).await.0, 405, "actions refuse GET");
    let refused = http
        .post(&poll)
        .header("x-newswire-token", "wrong")
        .send()
        .await
        .expect("POST");
    assert_eq!(refused.status().as_u16(), 401);

    let driver_port = free_port();
    let _driver = Running(
        Command::new(&chromedriver)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    wait_listening(driver_port, "chromedriver").await;
    let profile = tempfile::tempdir().expect("profile dir");
    let client = session(driver_port, &chromium, profile.path(), true).await;

    // Feeds: the failing feed first, with its error in words.
    open(&client, &base, "/ui/feeds").await;
    let rows = texts_of(&client, "#feeds tbody tr").await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows[0].starts_with("wire-down") && rows[0].contains("failing") && rows[0].contains("500"),
        "the failing feed first, with its error: {rows:?}"
    );
    assert!(
        client.find(Locator::Css("body.js")).await.is_ok(),
        "the script ran"
    );
    screenshot(&client, "feeds.png").await;

    // Articles: the seed article with Ilham Aliyev among its people.
    open(&client, &base, "/ui/articles").await;
    let seed_row = client
        .find(Locator::XPath(
            "//table[@id='articles']//tr[contains(., 'Azerbaijani president')]",
        ))
        .await
        .expect("the seed article is listed");
    let mut people = Vec::new();
    for chip in seed_row
        .find_all(Locator::Css(".chips[data-type='PERSON'] .chip"))
        .await
        .expect("chips")
    {
        people.push(chip.text().await.expect("chip text"));
    }
    assert!(
        people.iter().any(|p| p == "Ilham Aliyev"),
        "Ilham Aliyev under PERSON: {people:?}"
    );
    screenshot(&client, "articles.png").await;
    // Filtering by entity name keeps the seed article and drops the other.
    open(&client, &base, "/ui/articles?entity=aliyev").await;
    let filtered = texts_of(&client, "#articles tbody tr").await;
    assert_eq!(filtered.len(), 1, "{filtered:?}");
    assert!(filtered[0].contains("Azerbaijani president"));
    // Opening it shows its text in the article format and its record.
    seed_link(&client, &base).await;
    let text = text_of(&client, "pre.article-text").await;
    assert!(
        text.starts_with(&headline) && text.contains("Ilham Aliyev said Russia"),
        "{text}"
    );

    // Overview: the chart has points above zero.
    open(&client, &base, "/").await;
    let points = client
        .find(Locator::Css("svg.chart polyline.items"))
        .await
        .expect("the items line")
        .attr("points")
        .await
        .expect("attr")
        .expect("points");
    let ys: Vec<f64> = points
        .split_whitespace()
        .filter_map(|p| p.split(',').nth(1)?.parse().ok())
        .collect();
    assert_eq!(ys.len(), 60, "one point a minute for an hour");
    let baseline = ys.iter().copied().fold(f64::MIN, f64::max);
    assert!(
        ys.iter().any(|y| *y < baseline),
        "some minute counted items: {ys:?}"
    );
    let sink = text_of(&client, ".cards").await;
    assert!(sink.contains("delivering"), "{sink}");
    screenshot(&client, "overview.png").await;

    // Dead letters: the page that 404s, grouped under its kind.
    open(&client, &base, "/ui/dead-letters").await;
    let groups = texts_of(&client, "section.group h2").await;
    assert!(
        groups
            .iter()
            .any(|g| g.starts_with("fetch:") && g.contains("404")),
        "{groups:?}"
    );
    let letter = text_of(&client, "table.dead-letters tbody tr").await;
    assert!(
        letter.contains("healthy") && letter.contains("A story taken down"),
        "{letter}"
    );
    screenshot(&client, "dead-letters.png").await;

    // Poll now: refused without the token, accepted with it (and the feed is fetched again).
    open(&client, &base, "/ui/feeds/healthy").await;
    let polls_before = server.hits("/healthy.xml");
    let items = texts_of(&client, "#items tbody tr").await;
    assert!(
        items
            .iter()
            .any(|i| i.contains("Northern quay reopens") && i.contains("published")),
        "{items:?}"
    );
    assert!(
        items
            .iter()
            .any(|i| i.contains("A story taken down") && i.contains("dead letter")),
        "{items:?}"
    );
    let poll_button = Locator::XPath("//button[text()='Poll now']");
    let said = press(&client, poll_button).await;
    assert!(said.starts_with("refused"), "{said}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        server.hits("/healthy.xml"),
        polls_before,
        "no poll without the token"
    );
    client
        .find(Locator::Id("admin-token"))
        .await
        .expect("token input")
        .send_keys(TOKEN)
        .await
        .expect("type token");
    let said = press(&client, poll_button).await;
    assert!(said.starts_with("accepted"), "{said}");
    eventually(Duration::from_secs(20), "the requested poll", || {
        server.hits("/healthy.xml") > polls_before
    })
    .await;
    client.refresh().await.expect("reload");
    let polls = texts_of(&client, "#polls tbody tr").await;
    assert!(polls.len() >= 2, "two polls in the history: {polls:?}");
    screenshot(&client, "feed.png").await;

    // Retry a dead letter, pause and resume a feed: POSTs with the token, over plain HTTP.
    let (_, letters) = get(&format!("{base}/ui/dead-letters")).await;
    let item = letters
        .split("data-item=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a dead letter row names its item");
    let fetches = server.hits("/pages/gone.html");
    let post = |path: String| {
        http.post(format!("{base}{path}"))
            .header("x-newswire-token", TOKEN)
            .send()
    };
    let retried = post(format!("/ui/actions/retry/{item}"))
        .await
        .expect("POST");
    assert_eq!(retried.status().as_u16(), 202);
    eventually(Duration::from_secs(20), "the retried page fetch", || {
        server.hits("/pages/gone.html") > fetches
    })
    .await;
    let unknown = post("/ui/actions/retry/no-such-item".into())
        .await
        .expect("POST");
    assert_eq!(unknown.status().as_u16(), 404);
    let paused = post("/ui/actions/pause/seed".into()).await.expect("POST");
    assert_eq!(paused.status().as_u16(), 202);
    let (_, feeds) = get(&format!("{base}/ui/feeds?status=paused")).await;
    assert!(feeds.contains("href=\"/ui/feeds/seed\""), "{feeds}");
    let refused = post("/ui/actions/poll/seed".into()).await.expect("POST");
    assert_eq!(
        refused.status().as_u16(),
        409,
        "a paused feed is not polled"
    );
    let resumed = post("/ui/actions/resume/seed".into()).await.expect("POST");
    assert_eq!(resumed.status().as_u16(), 202);
    let (_, feeds) = get(&format!("{base}/ui/feeds?status=paused")).await;
    assert!(!feeds.contains("href=\"/ui/feeds/seed\""), "{feeds}");

    // No page gives the token away.
    for path in [
        "/",
        "/ui/feeds",
        "/ui/articles",
        "/ui/dead-letters",
        "/ui/feeds/healthy",
    ] {
        let (_, body) = get(&format!("{base}{path}")).await;
        assert!(!body.contains(TOKEN), "{path} shows the token");
    }
    client.close().await.expect("close session");

    // JavaScript off: the same pages still show their tables.
    let profile = tempfile::tempdir().expect("profile dir");
    let client = session(driver_port, &chromium, profile.path(), false).await;
    open(&client, &base, "/ui/feeds").await;
    assert!(
        client.find(Locator::Css("body.js")).await.is_err(),
        "scripts are off in this session"
    );
    let rows = texts_of(&client, "#feeds tbody tr").await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].starts_with("wire-down"), "{rows:?}");
    // Sorting and filtering are links and a GET form: they work without the script.
    client
        .find(Locator::LinkText("Feed"))
        .await
        .expect("sort by id")
        .click()
        .await
        .expect("click");
    let rows = texts_of(&client, "#feeds tbody tr").await;
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.split_whitespace().next())
        .collect();
    assert_eq!(ids, ["healthy", "seed", "wire-down"]);
    open(&client, &base, "/ui/articles").await;
    assert_eq!(texts_of(&client, "#articles tbody tr").await.len(), 2);
    open(&client, &base, "/ui/dead-letters").await;
    assert!(
        !texts_of(&client, "table.dead-letters tbody tr")
            .await
            .is_empty()
    );
    open(&client, &base, "/").await;
    assert!(
        client
            .find(Locator::Css("svg.chart polyline"))
            .await
            .is_ok()
    );
    screenshot(&client, "overview-no-js.png").await;
    client.close().await.expect("close session");
}

async fn open(client: &Client, base: &str, path: &str) {
    client
        .goto(&format!("{base}{path}"))
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"));
}

async fn seed_link(client: &Client, base: &str) {
    let href = client
        .find(Locator::XPath(
            "//table[@id='articles']//a[contains(., 'Azerbaijani president')]",
        ))
        .await
        .expect("seed link")
        .attr("href")
        .await
        .expect("href")
        .expect("an href");
    open(client, base, &href).await;
}

/// Clicks an action button; returns the sentence the action left on the page.
async fn press(client: &Client, button: Locator<'_>) -> String {
    client
        .find(button)
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    action_result(client).await
}

/// The sentence the action left on the page, once the request answered.
async fn action_result(client: &Client) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let said = text_of(client, "#action-result").await;
        if !said.is_empty() && said != "…" {
            return said;
        }
        assert!(Instant::now() < deadline, "the action did not answer");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
