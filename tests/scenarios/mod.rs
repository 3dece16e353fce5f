//! End-to-end scenarios shared by the Kafka and JSON Lines suites: the same behaviour is
//! expected of both sinks.

use std::collections::HashSet;

use crate::support::*;

pub const SEED_PATH: &str = "/articles/2025/08/27/azerbaijani-president-says-russia-invaded-and-occupied-the-country-as-it-incorporated-it-into-soviet-union-en-news";

/// Serves two feeds (RSS and Atom) announcing three articles, one of them in both feeds.
pub fn serve_desk(server: &TestServer) {
    let seed_page = std::fs::read(fixture("novayagazeta-aliyev.html")).expect("seed fixture page");
    server.set(SEED_PATH, Route::ok("text/html; charset=utf-8", seed_page));
    server.set(
        "/world/floods",
        Route::ok(
            "text/html; charset=utf-8",
            article_page(
                "Floods close schools across the northern provinces",
                &[
                    "Heavy rain flooded dozens of towns in the north on Tuesday, forcing the regional government to close more than 300 schools, officials said.",
                    "The national weather service warned that rivers could rise further before the weekend, and asked residents of low-lying districts to prepare for evacuation.",
                    "Emergency crews worked through the night to reinforce embankments, while volunteers distributed sandbags and drinking water in the worst-hit villages.",
                ],
            ),
        ),
    );
    server.set(
        "/business/harbour",
        Route::ok(
            "text/html; charset=utf-8",
            article_page(
                "Harbour expansion approved after two-year review",
                &[
                    "The city council approved a long-delayed expansion of the container harbour on Monday, ending a review that began two years ago.",
                    "Supporters say the project will create thousands of jobs, while environmental groups have promised to challenge the decision in court.",
                ],
            ),
        ),
    );
    server.set(
        "/rss.xml",
        Route::ok(
            "application/rss+xml",
            rss(
                "World desk",
                &[
                    (
                        "Azerbaijani president says Russia invaded",
                        &format!(
                            "{}?utm_source=rss&amp;utm_medium=feed",
                            server.url(SEED_PATH)
                        ),
                        "rss-seed",
                    ),
                    (
                        "Floods close schools",
                        &server.url("/world/floods"),
                        "rss-floods",
                    ),
                ],
            ),
        ),
    );
    server.set(
        "/atom.xml",
        Route::ok(
            "application/atom+xml",
            atom(
                "Politics desk",
                &[
                    (
                        "Azerbaijani president says Russia invaded",
                        &server.url(SEED_PATH),
                        "urn:politics:1",
                    ),
                    (
                        "Harbour expansion approved",
                        &server.url("/business/harbour"),
                        "urn:politics:2",
                    ),
                ],
            ),
        ),
    );
}

/// The page of an entry added to a feed after the first poll.
pub fn late_edition_page() -> Route {
    Route::ok(
        "text/html",
        article_page(
            LATE_EDITION_TITLE,
            &[
                "Negotiators returned to the table on Wednesday evening after a week-long pause in the talks, both delegations confirmed.",
            ],
        ),
    )
}

/// The world desk's feed lists the late edition (an entry added after the first poll) and
/// then `also`.
pub fn serve_late_edition(server: &TestServer, also: &[(&str, &str, &str)]) {
    server.set("/world/late", late_edition_page());
    let late = server.url("/world/late");
    let mut entries = vec![("Late edition", late.as_str(), "rss-late")];
    entries.extend_from_slice(also);
    server.set(
        "/rss.xml",
        Route::ok("application/rss+xml", rss("World desk", &entries)),
    );
}

pub const LATE_EDITION_TITLE: &str = "Late edition: talks resume";

fn assert_unique_keys(records: &[Consumed], what: &str) {
    let keys: HashSet<&str> = records.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys.len(),
        records.len(),
        "{what}: a record was published twice: {:?}",
        records.iter().map(|r| &r.key).collect::<Vec<_>>()
    );
}

/// Every item exactly once, schema-valid, the seed text byte for byte; a second run publishes
/// nothing; a new entry is published on the next poll.
pub async fn exactly_once(sink: SinkUnderTest) {
    let data = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start().await;
    serve_desk(&server);
    let config = test_config(
        data.path(),
        &sink,
        &[
            ("world", server.url("/rss.xml")),
            ("politics", server.url("/atom.xml")),
        ],
    );

    let first = run_once(&config).await;
    assert_eq!(first.items_discovered, 3, "{first:?}");
    assert_eq!(first.articles_published, 3, "{first:?}");
    assert_eq!(first.not_delivered, 0, "{first:?}");
    assert_eq!(
        server.hits(SEED_PATH),
        1,
        "the article in two feeds is fetched once"
    );

    let items = sink.read(data.path(), "news.items", 3).await;
    let articles = sink.read(data.path(), "news.articles", 3).await;
    assert_eq!(items.len(), 3);
    assert_eq!(articles.len(), 3);
    assert_unique_keys(&items, "news.items");
    assert_unique_keys(&articles, "news.articles");
    for record in items.iter().chain(&articles) {
        assert_schema_valid(&record.value);
        let id = record.value["id"].as_str().expect("id");
        assert_eq!(record.key, id, "the key is the record's id");
        if let SinkUnderTest::Kafka(_) = sink {
            assert_eq!(
                record.headers.get("content-type").map(String::as_str),
                Some("application/json")
            );
            assert_eq!(
                record.headers.get("newswire-schema"),
                record.value["schema"].as_str().map(str::to_string).as_ref()
            );
            assert_eq!(
                record.headers.get("newswire-feed"),
                record.value["feed"]["id"]
                    .as_str()
                    .map(str::to_string)
                    .as_ref()
            );
        }
    }
    let seed = articles
        .iter()
        .find(|a| {
            a.value["url"]
                .as_str()
                .is_some_and(|u| u.contains("azerbaijani-president"))
        })
        .expect("the seed article was published");
    assert_eq!(
        seed.value["text"].as_str(),
        Some(seed_text().as_str()),
        "seed text byte for byte"
    );
    assert_eq!(seed.value["language"], "en");
    assert!(
        seed.value["content_hash"]
            .as_str()
            .is_some_and(|h| h.starts_with("sha256:"))
    );
    let item_ids: HashSet<&str> = items.iter().map(|i| i.key.as_str()).collect();
    for article in &articles {
        assert!(
            item_ids.contains(article.value["item_id"].as_str().unwrap_or_default()),
            "each article names its item"
        );
    }

    // A restart re-publishes nothing.
    let second = run_once(&config).await;
    assert_eq!(
        (second.items_discovered, second.articles_published),
        (0, 0),
        "{second:?}"
    );
    assert_eq!(sink.read(data.path(), "news.items", 3).await.len(), 3);
    assert_eq!(sink.read(data.path(), "news.articles", 3).await.len(), 3);

    // A new entry is published on the next poll, and only it.
    serve_late_edition(
        &server,
        &[
            (
                "Azerbaijani president says Russia invaded",
                &server.url(SEED_PATH),
                "rss-seed",
            ),
            (
                "Floods close schools",
                &server.url("/world/floods"),
                "rss-floods",
            ),
        ],
    );
    let third = run_once(&config).await;
    assert_eq!(
        (third.items_discovered, third.articles_published),
        (1, 1),
        "{third:?}"
    );
    let articles = sink.read(data.path(), "news.articles", 4).await;
    assert_eq!(articles.len(), 4);
    assert_unique_keys(&articles, "news.articles");
}

/// Pages that fail for good end as dead letters with their stage; nothing else is lost.
pub async fn dead_letters(sink: SinkUnderTest) {
    let data = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start().await;
    server.set("/gone", Route::status(404));
    server.set(
        "/empty",
        Route::ok("text/html", "<html><body></body></html>"),
    );
    server.set(
        "/feed.xml",
        Route::ok(
            "application/rss+xml",
            rss(
                "Broken desk",
                &[
                    ("Gone", &server.url("/gone"), "g1"),
                    ("Empty", &server.url("/empty"), "g2"),
                ],
            ),
        ),
    );
    let config = test_config(data.path(), &sink, &[("broken", server.url("/feed.xml"))]);
    let summary = run_once(&config).await;
    assert_eq!(summary.dead_letters, 2, "{summary:?}");
    let letters = sink.read(data.path(), "news.dead-letter", 2).await;
    assert_eq!(letters.len(), 2);
    let mut stages: Vec<&str> = letters
        .iter()
        .map(|l| l.value["stage"].as_str().unwrap_or_default())
        .collect();
    stages.sort();
    assert_eq!(stages, vec!["fetch", "scrape"]);
    for letter in &letters {
        assert_schema_valid(&letter.value);
        assert!(
            !letter.value["error"]
                .as_str()
                .unwrap_or_default()
                .is_empty()
        );
    }
    let gone = letters
        .iter()
        .find(|l| l.value["stage"] == "fetch")
        .expect("fetch letter");
    assert!(
        gone.value["error"]
            .as_str()
            .unwrap_or_default()
            .contains("404"),
        "{}",
        gone.value
    );
    // Dead-lettered items are done: the next run does not retry them.
    let again = run_once(&config).await;
    assert_eq!(again.dead_letters, 0, "{again:?}");
}
