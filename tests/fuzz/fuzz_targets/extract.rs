//! Arbitrary bytes, read as (lossy) UTF-8, through `extract`: once with the repository's
//! site rules on a page of the ruled host, once with the generic extractor alone. It must
//! return, an article or an error, and never panic.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newswire::scrape::{SiteRules, extract};
use url::Url;

static RULES: LazyLock<SiteRules> = LazyLock::new(|| {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/sites");
    SiteRules::load_dir(&directory).unwrap_or_else(|error| panic!("site rules: {error}"))
});

static RULED_PAGE: LazyLock<Url> = LazyLock::new(|| {
    Url::parse("https://novayagazeta.eu/articles/2025/08/27/story")
        .unwrap_or_else(|error| panic!("{error}"))
});

static EMPTY_RULES: LazyLock<SiteRules> = LazyLock::new(SiteRules::empty);

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = extract(&html, &RULED_PAGE, &RULES);
    let _ = extract(&html, &RULED_PAGE, &EMPTY_RULES);
});
