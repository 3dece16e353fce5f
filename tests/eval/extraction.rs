//! Scores the generic extractor (no site rules) on an evaluation dataset of `../shared/datasets/`.
//!
//! cargo run --release --example evaluate -- zyte [--baseline]
//! cargo run --release --example evaluate -- wcxb [--baseline]
//!
//! `--baseline` scores the whole visible page text instead of the extracted article.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use newswire::scrape::eval::{Scores, visible_page_text, wcxb_scores, zyte_scores};
use newswire::scrape::{SiteRules, extract};
use serde_json::Value;
use url::Url;

const DATASETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets");

/// One evaluation page: its id, URL, ground truth and gzip-compressed HTML.
struct Page {
    id: String,
    url: String,
    truth: String,
    html_path: PathBuf,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dataset = args.first().map(String::as_str).unwrap_or("zyte");
    let baseline = args.iter().any(|arg| arg == "--baseline");
    let verbose = args.iter().any(|arg| arg == "--pages");
    let pages = match dataset {
        "zyte" => zyte_pages()?,
        "wcxb" => wcxb_pages()?,
        other => return Err(format!("unknown dataset {other:?}; use zyte or wcxb").into()),
    };
    let rules = SiteRules::empty();
    let mut predictions = Vec::new();
    let mut timings_ms = Vec::new();
    let mut failures = 0;
    for page in &pages {
        let html = read_gzip(&page.html_path)?;
        let url = Url::parse(&page.url).or_else(|_| Url::parse("https://example.invalid/"))?;
        let started = Instant::now();
        let prediction = if baseline {
            visible_page_text(&html)
        } else {
            match extract(&html, &url, &rules) {
                Ok(article) => article.paragraphs.join("\n"),
                Err(error) => {
                    failures += 1;
                    eprintln!("{}: {error}", page.id);
                    String::new()
                }
            }
        };
        timings_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        if verbose {
            let pair = [(page.truth.as_str(), prediction.as_str())];
            let single = if dataset == "zyte" {
                zyte_scores(pair)
            } else {
                wcxb_scores(pair)
            };
            println!(
                "{:.3} {:.3} {} {}",
                single.precision, single.recall, page.id, page.url
            );
        }
        predictions.push(prediction);
    }
    let pairs = pages
        .iter()
        .zip(&predictions)
        .map(|(page, prediction)| (page.truth.as_str(), prediction.as_str()));
    let scores: Scores = if dataset == "zyte" {
        zyte_scores(pairs)
    } else {
        wcxb_scores(pairs)
    };
    timings_ms.sort_by(f64::total_cmp);
    let median = timings_ms.get(timings_ms.len() / 2).copied().unwrap_or(0.0);
    println!(
        "{dataset}{}: pages {} failures {failures} precision {:.3} recall {:.3} f1 {:.3} median {:.2} ms/page max {:.1} ms",
        if baseline { " (whole page text)" } else { "" },
        pages.len(),
        scores.precision,
        scores.recall,
        scores.f1,
        median,
        timings_ms.last().copied().unwrap_or(0.0),
    );
    Ok(())
}

fn read_gzip(path: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path)?).read_to_end(&mut bytes)?;
    Ok(
        // Charset from the document itself (meta / XML prolog), else detection: never assumed.
        newswire::fetch::charset::decode(&bytes, None),
    )
}

fn zyte_pages() -> Result<Vec<Page>, Box<dyn std::error::Error>> {
    let root = Path::new(DATASETS).join("article-extraction-benchmark");
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("ground-truth.json"))?)?;
    let mut pages: Vec<Page> = truth
        .as_object()
        .ok_or("ground-truth.json is not an object")?
        .iter()
        .map(|(id, entry)| Page {
            id: id.clone(),
            url: entry["url"].as_str().unwrap_or_default().to_string(),
            truth: entry["articleBody"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            html_path: root.join("html").join(format!("{id}.html.gz")),
        })
        .collect();
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

fn wcxb_pages() -> Result<Vec<Page>, Box<dyn std::error::Error>> {
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
        pages.push(Page {
            url: record["url"].as_str().unwrap_or_default().to_string(),
            truth: record["ground_truth"]["main_content"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            html_path: root.join("html").join(format!("{id}.html.gz")),
            id,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}
