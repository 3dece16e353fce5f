//! `newswire import-opml FILE`: a feed reader's export becomes `[[feeds]]` TOML.

use std::process::Command;

#[test]
fn import_opml_prints_a_valid_feeds_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opml = dir.path().join("subscriptions.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="1.0"><head><title>Export</title></head><body>
        <outline title="Russia"><outline type="rss" text="Meduza" xmlUrl="https://meduza.example/rss/all"/></outline>
        <outline type="rss" text="Le Monde &amp; co" xmlUrl="https://lemonde.example/rss/une.xml"/>
        </body></opml>"#,
    )
    .expect("write opml");
    let output = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .arg("import-opml")
        .arg(&opml)
        .output()
        .expect("run import-opml");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let toml = String::from_utf8(output.stdout).expect("UTF-8");
    let config = newswire::config::Config::parse(&toml, std::path::Path::new("imported.toml"))
        .expect("the output validates");
    let feeds: Vec<(&str, &str)> = config
        .feeds
        .iter()
        .map(|f| (f.id.as_str(), f.url.as_str()))
        .collect();
    assert_eq!(
        feeds,
        vec![
            ("meduza", "https://meduza.example/rss/all"),
            ("le-monde-co", "https://lemonde.example/rss/une.xml"),
        ]
    );
    assert_eq!(config.feeds[0].tags, vec!["Russia"]);

    std::fs::write(&opml, "<opml><body><outline text=\"x\"></body>").expect("write");
    let broken = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .arg("import-opml")
        .arg(&opml)
        .output()
        .expect("run import-opml");
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("subscriptions.opml"));
}
