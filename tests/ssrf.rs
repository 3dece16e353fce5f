//! The SSRF guard: private, loopback and metadata addresses are refused unless the operator opts
//! in. Only 127.0.0.1 servers are started; refusals of other addresses are asserted on the
//! guard's error, which comes before any connection.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use newswire::config::{Config, HttpConfig};
use newswire::fetch::{FetchError, Fetched, HttpClient, Reach, Validators};
use support::*;
use url::Url;

fn url(s: &str) -> Url {
    Url::parse(s).expect("test url")
}

/// A client whose requests go through `server` as an HTTP proxy: the first hop is a public
/// hostname the test server answers for, so what the guard does with the redirect is what is seen.
fn through_proxy(server: &TestServer) -> HttpClient {
    HttpClient::new(&HttpConfig {
        proxy: server.url(""),
        ..HttpConfig::default()
    })
    .expect("client")
}

fn blocked_kind(result: Result<Fetched, FetchError>) -> &'static str {
    match result {
        Err(FetchError::Blocked { blocked, .. }) => blocked.kind,
        Err(other) => panic!("expected the SSRF guard to refuse, got: {other}"),
        Ok(_) => panic!("expected the SSRF guard to refuse, got a document"),
    }
}

#[tokio::test]
async fn literal_private_address_is_refused_before_any_connection() {
    let client = HttpClient::new(&HttpConfig::default()).expect("client");
    for (target, kind) in [
        ("http://10.0.0.1/feed.xml", "private (RFC 1918)"),
        (
            "http://169.254.169.254/latest/meta-data/",
            "link-local (cloud metadata)",
        ),
        ("http://[::ffff:192.168.0.1]/rss", "private (RFC 1918)"),
        ("http://[fd00::1]/rss", "unique local (fc00::/7)"),
    ] {
        let started = Instant::now();
        let result = client
            .get(&url(target), &Validators::default(), Reach::PublicOnly)
            .await;
        assert_eq!(blocked_kind(result), kind, "{target}");
        // Refused at once, not after a connect timeout.
        assert!(started.elapsed() < Duration::from_secs(1), "{target}");
    }
}

#[tokio::test]
async fn hostname_resolving_to_loopback_is_refused() {
    let server = TestServer::start().await;
    server.set("/feed.xml", Route::ok("application/rss+xml", rss("x", &[])));
    let client = HttpClient::new(&HttpConfig::default()).expect("client");
    let target = url(&format!("http://localhost:{}/feed.xml", server.addr.port()));
    let result = client
        .get(&target, &Validators::default(), Reach::PublicOnly)
        .await;
    assert_eq!(blocked_kind(result), "loopback");
    assert_eq!(server.hits("/feed.xml"), 0);
}

#[tokio::test]
async fn redirect_to_loopback_is_refused_without_opt_in() {
    let server = TestServer::start().await;
    server.set(
        "/feed.xml",
        Route::redirect(&format!("http://127.0.0.1:{}/internal", server.addr.port())),
    );
    server.set("/internal", Route::ok("text/plain", "secret"));
    let result = through_proxy(&server)
        .get(
            &url("http://news.example/feed.xml"),
            &Validators::default(),
            Reach::PublicOnly,
        )
        .await;
    assert_eq!(blocked_kind(result), "loopback");
    assert_eq!(server.hits("/feed.xml"), 1);
    assert_eq!(server.hits("/internal"), 0, "the redirect was not followed");
}

#[tokio::test]
async fn redirect_to_cloud_metadata_is_refused_without_opt_in() {
    let server = TestServer::start().await;
    server.set(
        "/feed.xml",
        Route::redirect("http://169.254.169.254/latest/meta-data/iam/"),
    );
    // Were the redirect followed through the proxy, this route would count the request.
    server.set(
        "/latest/meta-data/iam/",
        Route::ok("text/plain", "credentials"),
    );
    let result = through_proxy(&server)
        .get(
            &url("http://news.example/feed.xml"),
            &Validators::default(),
            Reach::PublicOnly,
        )
        .await;
    assert_eq!(blocked_kind(result), "link-local (cloud metadata)");
    // The proxy (our server) saw only the first request, never one for the metadata address.
    assert_eq!(server.hits("/latest/meta-data/iam/"), 0);
}

#[tokio::test]
async fn opt_in_follows_a_redirect_to_loopback() {
    let server = TestServer::start().await;
    server.set("/feed.xml", Route::redirect(&server.url("/internal")));
    server.set("/internal", Route::ok("text/plain", "intranet feed"));
    let client = HttpClient::new(&HttpConfig {
        allow_private_networks: true,
        ..HttpConfig::default()
    })
    .expect("client");
    let reach = client.reach(false);
    assert_eq!(reach, Reach::PrivateAllowed);
    match client
        .get(
            &url(&server.url("/feed.xml")),
            &Validators::default(),
            reach,
        )
        .await
    {
        Ok(Fetched::Document(document)) => {
            assert_eq!(document.bytes, b"intranet feed");
            assert_eq!(document.url.path(), "/internal");
        }
        other => panic!("expected the document, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poller_refuses_loopback_feeds_unless_the_feed_opts_in() {
    let server = TestServer::start().await;
    server.set(
        "/guarded.xml",
        Route::ok("application/rss+xml", rss("Guarded", &[])),
    );
    server.set(
        "/intranet.xml",
        Route::ok("application/rss+xml", rss("Intranet", &[])),
    );
    let data = tempfile::tempdir().expect("tempdir");
    let toml = format!(
        "data_dir = \"{}\"\n[ops]\nlisten = \"\"\n\
         [[feeds]]\nid = \"guarded\"\nurl = \"{}\"\n\
         [[feeds]]\nid = \"intranet\"\nurl = \"{}\"\nallow_private_networks = true\n",
        data.path().display(),
        server.url("/guarded.xml"),
        server.url("/intranet.xml"),
    );
    let config = Config::parse(&toml, Path::new("ssrf.toml")).expect("config");
    run_once(&config).await;
    assert_eq!(server.hits("/guarded.xml"), 0, "never connected");
    assert_eq!(server.hits("/intranet.xml"), 1);
    let state = newswire::state::StateStore::open(data.path()).expect("state");
    let guarded = state.feed_state("guarded").expect("feed state");
    let error = guarded
        .last_error
        .expect("the refusal is the feed's last error");
    assert!(error.contains("loopback"), "{error}");
    assert!(error.contains("allow_private_networks"), "{error}");
    assert_eq!(guarded.consecutive_errors, 1);
    let intranet = state.feed_state("intranet").expect("feed state");
    assert_eq!(intranet.last_error, None);
}
