//! Scores the generic extractor (no site rules) on an evaluation dataset of `../shared/datasets/`.
//!
//! cargo run --release --example evaluate -- zyte [--baseline] [--pages] [--worst N]
//! cargo run --release --example evaluate -- wcxb [--baseline] [--pages] [--worst N]
//!
//! `--baseline` scores the whole visible page text instead of the extracted article;
//! `--pages` prints every page's scores; `--worst N` lists the N worst pages (default 10)
//! with the likely reason. WCXB also reports its snippet rates.

#[path = "../common/datasets.rs"]
mod datasets;

use std::time::Instant;

use datasets::{Error, Page, wcxb_pages, zyte_pages};
use newswire::scrape::eval::{
    Scores, snippet_rate, visible_page_text, wcxb_page_scores, wcxb_scores, zyte_page_scores,
    zyte_scores,
};
use newswire::scrape::{SiteRules, extract};
use url::Url;

#[derive(Clone, Copy, PartialEq)]
enum Dataset {
    Zyte,
    Wcxb,
}

impl Dataset {
    fn corpus_scores<'a>(self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Scores {
        match self {
            Dataset::Zyte => zyte_scores(pairs),
            Dataset::Wcxb => wcxb_scores(pairs),
        }
    }

    fn page_scores(self, truth: &str, prediction: &str) -> Scores {
        match self {
            Dataset::Zyte => zyte_page_scores(truth, prediction),
            Dataset::Wcxb => wcxb_page_scores(truth, prediction),
        }
    }
}

/// What the extractor made of one page.
struct Outcome {
    prediction: String,
    error: Option<String>,
    scores: Scores,
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dataset, name) = match args.first().map(String::as_str).unwrap_or("zyte") {
        "zyte" => (Dataset::Zyte, "zyte"),
        "wcxb" => (Dataset::Wcxb, "wcxb"),
        other => return Err(format!("unknown dataset {other:?}; use zyte or wcxb").into()),
    };
    let baseline = args.iter().any(|arg| arg == "--baseline");
    let verbose = args.iter().any(|arg| arg == "--pages");
    let worst = match args.iter().position(|arg| arg == "--worst") {
        Some(at) => args
            .get(at + 1)
            .and_then(|count| count.parse().ok())
            .ok_or("--worst needs a number")?,
        None => 10,
    };
    let pages = match dataset {
        Dataset::Zyte => zyte_pages()?,
        Dataset::Wcxb => wcxb_pages()?,
    };

    let rules = SiteRules::empty();
    let mut outcomes = Vec::with_capacity(pages.len());
    let mut timings_ms = Vec::with_capacity(pages.len());
    for page in &pages {
        let html = page.read_html()?;
        let url = Url::parse(&page.url).or_else(|_| Url::parse("https://example.invalid/"))?;
        let started = Instant::now();
        let (prediction, error) = if baseline {
            (visible_page_text(&html), None)
        } else {
            match extract(&html, &url, &rules) {
                Ok(article) => (article.paragraphs.join("\n"), None),
                Err(error) => (String::new(), Some(error.to_string())),
            }
        };
        timings_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let scores = dataset.page_scores(&page.truth, &prediction);
        if verbose {
            println!(
                "{:.3} {:.3} {:.3} {} {}",
                scores.precision, scores.recall, scores.f1, page.id, page.url
            );
        }
        outcomes.push(Outcome {
            prediction,
            error,
            scores,
        });
    }

    let scores = dataset.corpus_scores(
        pages
            .iter()
            .zip(&outcomes)
            .map(|(page, outcome)| (page.truth.as_str(), outcome.prediction.as_str())),
    );
    let failures = outcomes.iter().filter(|o| o.error.is_some()).count();
    timings_ms.sort_by(f64::total_cmp);
    println!(
        "{name}{}: pages {} failures {failures} precision {:.3} recall {:.3} f1 {:.3} median {:.2} ms/page max {:.1} ms",
        if baseline { " (whole page text)" } else { "" },
        pages.len(),
        scores.precision,
        scores.recall,
        scores.f1,
        percentile(&timings_ms, 0.5),
        timings_ms.last().copied().unwrap_or(0.0),
    );
    if dataset == Dataset::Wcxb {
        let rate = |snippets: fn(&Page) -> &[String]| {
            let rates: Vec<f64> = pages
                .iter()
                .zip(&outcomes)
                .filter_map(|(page, outcome)| snippet_rate(snippets(page), &outcome.prediction))
                .collect();
            (mean(&rates), rates.len())
        };
        let (with, with_pages) = rate(|page| &page.with);
        let (without, without_pages) = rate(|page| &page.without);
        println!(
            "snippets: with {with:.3} found (higher is better, {with_pages} pages), without {without:.3} found (lower is better, {without_pages} pages)"
        );
    }
    if worst > 0 {
        print_worst(dataset, &pages, &outcomes, worst)?;
    }
    Ok(())
}

/// The `count` pages of lowest F1, with the likely reason.
fn print_worst(
    dataset: Dataset,
    pages: &[Page],
    outcomes: &[Outcome],
    count: usize,
) -> Result<(), Error> {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| {
        outcomes[a]
            .scores
            .f1
            .total_cmp(&outcomes[b].scores.f1)
            .then_with(|| pages[a].id.cmp(&pages[b].id))
    });
    println!("worst {count} pages (id host precision recall f1: reason):");
    for &index in order.iter().take(count) {
        let (page, outcome) = (&pages[index], &outcomes[index]);
        let reason = reason(dataset, page, outcome)?;
        let Scores {
            precision,
            recall,
            f1,
        } = outcome.scores;
        println!(
            "  {} {} P {precision:.3} R {recall:.3} F1 {f1:.3}: {reason}",
            page.id,
            page.host()
        );
    }
    Ok(())
}

/// A one-line diagnosis of a poor page, from its scores and from how much of the truth the
/// whole page text holds (little: the article is rendered by scripts, or the truth is off).
fn reason(dataset: Dataset, page: &Page, outcome: &Outcome) -> Result<String, Error> {
    if page.truth.trim().is_empty() {
        return Ok("no ground truth".to_string());
    }
    if let Some(error) = &outcome.error {
        return Ok(format!("prediction empty: {error}"));
    }
    if outcome.prediction.trim().is_empty() {
        return Ok("prediction empty".to_string());
    }
    let whole_page = visible_page_text(&page.read_html()?);
    let reachable = dataset.page_scores(&page.truth, &whole_page).recall;
    let Scores {
        precision, recall, ..
    } = outcome.scores;
    let reason = if reachable < 0.5 {
        format!(
            "truth not in the HTML: the whole page text has recall {reachable:.2} (script-rendered?)"
        )
    } else if precision < 0.5 && recall < 0.5 {
        "wrong block: another part of the page taken for the body".to_string()
    } else if precision < recall {
        "precision low: boilerplate kept".to_string()
    } else {
        "recall low: body missed".to_string()
    };
    Ok(reason)
}

fn percentile(sorted: &[f64], share: f64) -> f64 {
    let at = ((sorted.len() as f64 * share) as usize).min(sorted.len().saturating_sub(1));
    sorted.get(at).copied().unwrap_or(0.0)
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}
