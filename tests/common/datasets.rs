//! The evaluation datasets of `../shared/datasets/` (Zyte article-extraction-benchmark, WCXB
//! dev articles and readability-test-pages), read for the evaluation example, the benchmark
//! and the tests.
//!
//! Pages are gzip-compressed; their charset is read by the daemon's own rules
//! (`newswire::fetch::charset::decode`: BOM, declaration, mislabelled UTF-8, detection).

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub const DATASETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets");

pub type Error = Box<dyn std::error::Error>;

/// One evaluation page: its id, URL, ground truth and gzip-compressed HTML.
pub struct Page {
    pub id: String,
    pub url: String,
    pub truth: String,
    /// WCXB snippets the extraction should contain / leave out (empty for Zyte).
    pub with: Vec<String>,
    pub without: Vec<String>,
    pub html_path: PathBuf,
    /// readability-test-pages only: the reviewed metadata (`expected-metadata.json`).
    pub metadata: Option<Value>,
}

impl Page {
    /// The page's HTML, gunzipped and decoded.
    pub fn read_html(&self) -> Result<String, Error> {
        Ok(decode_html(&self.read_bytes()?))
    }

    /// The page's bytes as fetched (gunzipped, not decoded).
    pub fn read_bytes(&self) -> Result<Vec<u8>, Error> {
        gunzip(&self.html_path)
    }

    /// Whether the page is in the validation half of its dataset: a fixed rule on a hash of
    /// its id, so tuning never sees the other half page by page.
    pub fn in_validation(&self) -> bool {
        // FNV-1a: stable across Rust versions, unlike the standard hasher.
        let hash = self
            .id
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            });
        hash % 2 == 1
    }

    /// The host of the page URL, for reports.
    pub fn host(&self) -> String {
        url::Url::parse(&self.url)
            .ok()
            .and_then(|url| url.host_str().map(str::to_string))
            .unwrap_or_else(|| "?".to_string())
    }
}

/// The 181 pages of the Zyte benchmark, sorted by id.
pub fn zyte_pages() -> Result<Vec<Page>, Error> {
    let root = Path::new(DATASETS).join("article-extraction-benchmark");
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("ground-truth.json"))?)?;
    let mut pages: Vec<Page> = truth
        .as_object()
        .ok_or("ground-truth.json is not an object")?
        .iter()
        .map(|(id, entry)| Page {
            id: id.clone(),
            url: string_field(&entry["url"]),
            truth: string_field(&entry["articleBody"]),
            with: Vec::new(),
            without: Vec::new(),
            html_path: root.join("html").join(format!("{id}.html.gz")),
            metadata: None,
        })
        .collect();
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The 793 article pages of the WCXB dev split, sorted by id.
pub fn wcxb_pages() -> Result<Vec<Page>, Error> {
    let root = Path::new(DATASETS).join("wcxb-articles/dev");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(root.join("ground-truth"))? {
        let path = entry?.path();
        let Some(id) = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let record: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        let truth = &record["ground_truth"];
        pages.push(Page {
            url: string_field(&record["url"]),
            truth: string_field(&truth["main_content"]),
            with: string_list(&truth["with"]),
            without: string_list(&truth["without"]),
            html_path: root.join("html").join(format!("{id}.html.gz")),
            id,
            metadata: None,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The 130 pages of readability-test-pages, sorted by name. The truth is the visible text of
/// readability.js's reviewed output; the URL is a placeholder (the set records none).
pub fn readability_pages() -> Result<Vec<Page>, Error> {
    let root = Path::new(DATASETS).join("readability-test-pages");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&root)? {
        let dir = entry?.path();
        let (Some(id), true) = (
            dir.file_name().and_then(|name| name.to_str()),
            dir.join("source.html.gz").is_file(),
        ) else {
            continue;
        };
        let expected =
            String::from_utf8_lossy(&gunzip(&dir.join("expected.html.gz"))?).into_owned();
        let metadata: Value = serde_json::from_str(&std::fs::read_to_string(
            dir.join("expected-metadata.json"),
        )?)?;
        pages.push(Page {
            id: id.to_string(),
            url: format!("https://readability.example/{id}/"),
            truth: newswire::scrape::eval::visible_page_text(&expected),
            with: Vec::new(),
            without: Vec::new(),
            html_path: dir.join("source.html.gz"),
            metadata: Some(metadata),
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

fn gunzip(path: &Path) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path)?).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn string_field(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

fn string_list(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Decodes a page's bytes with the daemon's own charset rules (BOM, declaration, detection).
pub fn decode_html(bytes: &[u8]) -> String {
    newswire::fetch::charset::decode(bytes, None).into_owned()
}
