//! Feeds as publishers really write them: legacy charsets, broken XML, churning GUIDs, one
//! article in several feeds. Item records (and dead letters) need no article extraction.

mod support;

use newswire::state::StateStore;
use support::*;

fn item_records(data: &std::path::Path) -> Vec<serde_json::Value> {
    read_jsonl(data, "news.items")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn russian_feeds_in_windows_1251_and_koi8_r_are_decoded() {
    let server = TestServer::start().await;
    let feed = |title: &str, link: &str, encoding: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<rss version=\"2.0\"><channel><title>Лента</title>\
             <item><title>{title}</title><link>{link}</link></item></channel></rss>"
        )
    };
    let cp1251_text = feed(
        "Правительство утвердило бюджет",
        &server.url("/a"),
        "windows-1251",
    );
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&cp1251_text);
    server.set(
        "/cp1251.xml",
        Route::ok("application/rss+xml", cp1251.into_owned()),
    );
    // KOI8-R named only by the Content-Type header.
    let koi8_text =
        feed("Выборы в Москве", &server.url("/b"), "UTF-8").replace(" encoding=\"UTF-8\"", "");
    let (koi8, _, _) = encoding_rs::KOI8_R.encode(&koi8_text);
    server.set(
        "/koi8.xml",
        Route::ok("text/xml; charset=KOI8-R", koi8.into_owned()),
    );
    let data = tempfile::tempdir().expect("tempdir");
    let config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[
            ("cp1251", server.url("/cp1251.xml")),
            ("koi8", server.url("/koi8.xml")),
        ],
    );
    run_once(&config).await;
    let mut titles: Vec<String> = item_records(data.path())
        .iter()
        .map(|r| {
            assert_schema_valid(r);
            r["title"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        vec!["Выборы в Москве", "Правительство утвердило бюджет"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_feeds_are_repaired_or_recorded_and_polled_again() {
    let server = TestServer::start().await;
    server.set(
        "/sloppy.xml",
        Route::ok(
            "application/rss+xml",
            format!(
                "<rss version=\"2.0\"><channel><title>Arts & Culture</title>\
                 <item><title>Q&A\u{0B}</title><link>{}</link></item></channel></rss>",
                server.url("/qa")
            ),
        ),
    );
    server.set(
        "/hopeless.xml",
        Route::ok("application/rss+xml", "<rss><channel><item><title>cut"),
    );
    let data = tempfile::tempdir().expect("tempdir");
    let config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[
            ("sloppy", server.url("/sloppy.xml")),
            ("hopeless", server.url("/hopeless.xml")),
        ],
    );
    run_once(&config).await;
    let items = item_records(data.path());
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["title"], "Q&A");
    run_once(&config).await;
    let state = StateStore::open(data.path()).expect("state");
    let hopeless = state.feed_state("hopeless").expect("feed state");
    assert_eq!(hopeless.consecutive_errors, 2, "polled again after failing");
    assert!(
        hopeless
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("could not be parsed")),
        "{hopeless:?}"
    );
    assert!(hopeless.next_poll_at.is_some());
    assert_eq!(server.hits("/hopeless.xml"), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feed_rewriting_guids_every_poll_republishes_nothing() {
    let server = TestServer::start().await;
    let data = tempfile::tempdir().expect("tempdir");
    let config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[("churn", server.url("/churn.xml"))],
    );
    for poll in 0..3 {
        let guid = format!("urn:churn:{poll}");
        let link = format!("{}?utm_source=rss&utm_term={poll}", server.url("/story"));
        let body = rss("Churn", &[("Story", &link, &guid)]).replace(
            "Wed, 27 Aug 2025 09:00:00 GMT",
            &format!("Wed, 27 Aug 2025 1{poll}:00:00 GMT"),
        );
        server.set("/churn.xml", Route::ok("application/rss+xml", body));
        run_once(&config).await;
    }
    assert_eq!(server.hits("/churn.xml"), 3);
    let items = item_records(data.path());
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["guid"], "urn:churn:0");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_article_in_two_feeds_is_one_item() {
    let server = TestServer::start().await;
    server.set(
        "/talks",
        Route::ok(
            "text/html",
            article_page(
                "Talks resume in Geneva",
                &["Negotiators returned to the table on Wednesday evening after a week-long pause, both delegations confirmed."],
            ),
        ),
    );
    server.set(
        "/world.xml",
        Route::ok(
            "application/rss+xml",
            rss(
                "World",
                &[(
                    "Talks resume",
                    &format!("{}?utm_campaign=world", server.url("/talks")),
                    "w1",
                )],
            ),
        ),
    );
    server.set(
        "/europe.atom",
        Route::ok(
            "application/atom+xml",
            atom(
                "Europe",
                &[(
                    "Talks resume in Geneva",
                    &format!("{}#comments", server.url("/talks")),
                    "urn:e:7",
                )],
            ),
        ),
    );
    let data = tempfile::tempdir().expect("tempdir");
    let config = test_config(
        data.path(),
        &SinkUnderTest::Jsonl,
        &[
            ("world", server.url("/world.xml")),
            ("europe", server.url("/europe.atom")),
        ],
    );
    run_once(&config).await;
    let items = item_records(data.path());
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["canonical_url"], server.url("/talks"));
    // Whichever feed's link is fetched (one carries a tracking parameter), it is fetched once.
    assert_eq!(server.hits("/talks"), 1, "one page fetch for both feeds");
}
