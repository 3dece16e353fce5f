//! Scores the generic extractor (no site rules) on an evaluation dataset of `../shared/datasets/`.
//!
//! cargo run --release --example evaluate -- zyte [--baseline] [--pages] [--worst N]
//! cargo run --release --example evaluate -- wcxb [--baseline] [--pages] [--worst N]
//! cargo run --release --example evaluate -- readability [--baseline] [--pages] [--worst N]
//!
//! `--baseline` scores the whole visible page text instead of the extracted article;
//! `--list-pages` prints every page (id, URL, path of its gzip-compressed HTML) as JSON lines
//! for a reference extractor (`tests/eval/trafilatura_reference.py`), and
//! `--reference FILE` (JSON lines of `id` and `text`) prints that extractor's F1 beside ours on
//! both halves and lists the tune-half pages where it is well ahead;
//! `--show ID` prints one page's extraction (method, paragraphs) and truth; `--pages` prints
//! every page's scores; `--worst N` lists the N worst pages (default 10)
//! with the likely reason. Both list pages of the tune half only: the validation half
//! (`Page::in_validation`) is only ever reported as a whole. WCXB also reports its snippet
//! rates; readability-test-pages (scored with WCXB's bag of words against the text of
//! readability.js's reviewed output) reports empty pages and metadata agreement. Every set
//! prints how many bodies each path of the extraction cascade produced.

#[path = "../common/datasets.rs"]
mod datasets;

use std::collections::HashMap;
use std::time::Instant;

use datasets::{Error, Page, readability_pages, wcxb_pages, zyte_pages};
use newswire::scrape::eval::{
    Scores, snippet_rate, visible_page_text, wcxb_page_scores, wcxb_scores, zyte_page_scores,
    zyte_scores,
};
use newswire::scrape::{Article, ExtractionMethod, SiteRules, extract};
use url::Url;

#[derive(Clone, Copy, PartialEq)]
enum Dataset {
    Zyte,
    Wcxb,
    Readability,
}

impl Dataset {
    fn corpus_scores<'a>(self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Scores {
        match self {
            Dataset::Zyte => zyte_scores(pairs),
            Dataset::Wcxb | Dataset::Readability => wcxb_scores(pairs),
        }
    }

    fn page_scores(self, truth: &str, prediction: &str) -> Scores {
        match self {
            Dataset::Zyte => zyte_page_scores(truth, prediction),
            Dataset::Wcxb | Dataset::Readability => wcxb_page_scores(truth, prediction),
        }
    }
}

/// What the extractor made of one page.
struct Outcome {
    prediction: String,
    article: Option<Article>,
    error: Option<String>,
    scores: Scores,
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dataset, name) = match args.first().map(String::as_str).unwrap_or("zyte") {
        "zyte" => (Dataset::Zyte, "zyte"),
        "wcxb" => (Dataset::Wcxb, "wcxb"),
        "readability" => (Dataset::Readability, "readability"),
        other => {
            return Err(format!("unknown dataset {other:?}; use zyte, wcxb or readability").into());
        }
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
    let show = args
        .iter()
        .position(|arg| arg == "--show")
        .map(|at| args.get(at + 1).cloned().ok_or("--show needs a page id"))
        .transpose()?;
    let pages = match dataset {
        Dataset::Zyte => zyte_pages()?,
        Dataset::Wcxb => wcxb_pages()?,
        Dataset::Readability => readability_pages()?,
    };

    if args.iter().any(|arg| arg == "--list-pages") {
        for page in &pages {
            let line = serde_json::json!({
                "id": page.id,
                "url": page.url,
                "html_path": page.html_path,
            });
            println!("{line}");
        }
        return Ok(());
    }
    let reference = args
        .iter()
        .position(|arg| arg == "--reference")
        .map(|at| args.get(at + 1).cloned().ok_or("--reference needs a file"))
        .transpose()?
        .map(|path| read_reference(&path))
        .transpose()?;

    if let Some(id) = show {
        let page = pages
            .iter()
            .find(|page| page.id == id)
            .ok_or(format!("no page {id:?}"))?;
        if page.in_validation() {
            return Err(format!("{id} is a validation page: it is never looked at").into());
        }
        let url = Url::parse(&page.url).or_else(|_| Url::parse("https://example.invalid/"))?;
        match extract(&page.read_html()?, &url, &SiteRules::empty()) {
            Ok(article) => {
                println!("method {}", article.extraction_method.as_str());
                for paragraph in &article.paragraphs {
                    println!("| {paragraph}");
                }
            }
            Err(error) => println!("error: {error}"),
        }
        println!("--- truth\n{}", page.truth);
        return Ok(());
    }

    let rules = SiteRules::empty();
    let mut outcomes = Vec::with_capacity(pages.len());
    let mut timings_ms = Vec::with_capacity(pages.len());
    for page in &pages {
        let html = page.read_html()?;
        let url = Url::parse(&page.url).or_else(|_| Url::parse("https://example.invalid/"))?;
        let started = Instant::now();
        let (prediction, article, error) = if baseline {
            (visible_page_text(&html), None, None)
        } else {
            match extract(&html, &url, &rules) {
                Ok(article) => (article.paragraphs.join("\n"), Some(article), None),
                Err(error) => (String::new(), None, Some(error.to_string())),
            }
        };
        timings_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let scores = dataset.page_scores(&page.truth, &prediction);
        if verbose && !page.in_validation() {
            println!(
                "{:.3} {:.3} {:.3} {} {}",
                scores.precision, scores.recall, scores.f1, page.id, page.url
            );
        }
        outcomes.push(Outcome {
            prediction,
            article,
            error,
            scores,
        });
    }

    let half_scores = |keep: &dyn Fn(&Page) -> bool| {
        dataset.corpus_scores(
            pages
                .iter()
                .zip(&outcomes)
                .filter(|(page, _)| keep(page))
                .map(|(page, outcome)| (page.truth.as_str(), outcome.prediction.as_str())),
        )
    };
    let scores = half_scores(&|_| true);
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
    let (tune, validation) = (
        half_scores(&|page| !page.in_validation()),
        half_scores(&Page::in_validation),
    );
    println!(
        "halves: tune {} pages f1 {:.3}, validation {} pages f1 {:.3}",
        pages.iter().filter(|page| !page.in_validation()).count(),
        tune.f1,
        pages.iter().filter(|page| page.in_validation()).count(),
        validation.f1,
    );
    if !baseline {
        print_methods(&outcomes);
    }
    if dataset == Dataset::Readability {
        print_readability_agreement(&pages, &outcomes);
    }
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
    if let Some(reference) = &reference {
        print_reference(dataset, &pages, &outcomes, reference, worst)?;
    }
    if worst > 0 {
        print_worst(dataset, &pages, &outcomes, worst)?;
    }
    Ok(())
}

/// Tune pages where the reference is this much ahead in F1 are listed.
const REFERENCE_GAP: f64 = 0.1;

/// Which pages a line of the report covers.
type PageFilter<'a> = &'a dyn Fn(&Page) -> bool;

/// A reference extractor's body text per page id.
fn read_reference(path: &str) -> Result<HashMap<String, String>, Error> {
    let mut texts = HashMap::new();
    for line in std::fs::read_to_string(path)?.lines() {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let field = |name: &str| value[name].as_str().unwrap_or_default().to_string();
        texts.insert(field("id"), field("text"));
    }
    Ok(texts)
}

/// The reference's F1 beside ours on all pages and both halves, its empty pages, and the
/// tune-half pages where it is ahead by more than [`REFERENCE_GAP`], with the likely reason.
fn print_reference(
    dataset: Dataset,
    pages: &[Page],
    outcomes: &[Outcome],
    reference: &HashMap<String, String>,
    count: usize,
) -> Result<(), Error> {
    let missing = pages
        .iter()
        .filter(|page| !reference.contains_key(&page.id))
        .count();
    if missing > 0 {
        return Err(format!("{missing} pages have no reference text").into());
    }
    let text_of = |page: &Page| reference[&page.id].as_str();
    let halves: [(&str, PageFilter); 3] = [
        ("all", &|_| true),
        ("tune", &|page| !page.in_validation()),
        ("validation", &Page::in_validation),
    ];
    for (half, keep) in halves {
        let chosen: Vec<(&Page, &Outcome)> = pages
            .iter()
            .zip(outcomes)
            .filter(|(page, _)| keep(page))
            .collect();
        let ours = dataset.corpus_scores(
            chosen
                .iter()
                .map(|(page, outcome)| (page.truth.as_str(), outcome.prediction.as_str())),
        );
        let theirs = dataset.corpus_scores(
            chosen
                .iter()
                .map(|(page, _)| (page.truth.as_str(), text_of(page))),
        );
        let empty = chosen
            .iter()
            .filter(|(page, _)| text_of(page).trim().is_empty())
            .count();
        println!(
            "reference {half} ({} pages): f1 {:.3} (ours {:.3}, difference {:+.3}), empty {empty}",
            chosen.len(),
            theirs.f1,
            ours.f1,
            ours.f1 - theirs.f1
        );
    }
    let mut behind: Vec<(f64, &Page, &Outcome, f64)> = pages
        .iter()
        .zip(outcomes)
        .filter(|(page, _)| !page.in_validation())
        .map(|(page, outcome)| {
            let theirs = dataset.page_scores(&page.truth, text_of(page)).f1;
            (theirs - outcome.scores.f1, page, outcome, theirs)
        })
        .filter(|(gap, ..)| *gap > REFERENCE_GAP)
        .collect();
    behind.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "tune pages where the reference is ahead by more than {REFERENCE_GAP}: {} (id host ours reference method: reason)",
        behind.len()
    );
    for (_, page, outcome, theirs) in behind.iter().take(count) {
        let method = outcome
            .article
            .as_ref()
            .map_or("none", |article| article.extraction_method.as_str());
        println!(
            "  {} {} {:.3} {theirs:.3} {method}: {}",
            page.id,
            page.host(),
            outcome.scores.f1,
            reason(dataset, page, outcome)?
        );
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
    // Validation pages are never looked at one by one.
    let mut order: Vec<usize> = (0..pages.len())
        .filter(|&index| !pages[index].in_validation())
        .collect();
    order.sort_by(|&a, &b| {
        outcomes[a]
            .scores
            .f1
            .total_cmp(&outcomes[b].scores.f1)
            .then_with(|| pages[a].id.cmp(&pages[b].id))
    });
    println!("worst {count} pages of the tune half (id host precision recall f1: reason):");
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

/// How many bodies each path of the extraction cascade produced.
fn print_methods(outcomes: &[Outcome]) {
    let counts: Vec<String> = ExtractionMethod::ALL
        .iter()
        .filter_map(|&method| {
            let count = outcomes
                .iter()
                .filter(|outcome| {
                    outcome.article.as_ref().map(|a| a.extraction_method) == Some(method)
                })
                .count();
            (count > 0).then(|| format!("{} {count}", method.as_str()))
        })
        .collect();
    println!("methods: {}", counts.join(", "));
}

/// readability-test-pages: pages left empty (all, and among the pages readability.js calls
/// readerable) and agreement with its reviewed title, byline, date and language, each over the
/// pages where the expected value is given.
fn print_readability_agreement(pages: &[Page], outcomes: &[Outcome]) {
    let expected = |page: &Page, key: &str| {
        page.metadata
            .as_ref()
            .and_then(|metadata| metadata[key].as_str())
            .map(|value| value.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|value| !value.is_empty())
    };
    let readerable = |page: &Page| {
        page.metadata
            .as_ref()
            .is_some_and(|metadata| metadata["readerable"].as_bool() == Some(true))
    };
    let empty = |outcome: &Outcome| outcome.prediction.trim().is_empty();
    let empty_all = outcomes.iter().filter(|outcome| empty(outcome)).count();
    let empty_readerable = pages
        .iter()
        .zip(outcomes)
        .filter(|(page, outcome)| readerable(page) && empty(outcome))
        .count();
    println!(
        "empty: {empty_all} of {} pages, {empty_readerable} of {} readerable pages",
        pages.len(),
        pages.iter().filter(|page| readerable(page)).count()
    );
    type Agrees = fn(&str, &Article) -> bool;
    let fields: [(&str, &str, Agrees); 4] = [
        ("title", "title", |want, article| {
            article.title.to_lowercase() == want.to_lowercase()
        }),
        ("byline", "byline", |want, article| {
            let want = want.to_lowercase();
            !article.authors.is_empty()
                && article
                    .authors
                    .iter()
                    .all(|author| want.contains(&author.to_lowercase()))
        }),
        ("date", "publishedTime", |want, article| {
            article
                .published_at
                .is_some_and(|date| want.starts_with(&date.format("%Y-%m-%d").to_string()))
        }),
        ("language", "lang", |want, article| {
            article.language.as_deref().is_some_and(|language| {
                want.to_lowercase().split(['-', '_']).next() == Some(language)
            })
        }),
    ];
    let mut agreement = Vec::new();
    for (label, key, agrees) in fields {
        let given: Vec<(String, &Outcome)> = pages
            .iter()
            .zip(outcomes)
            .filter_map(|(page, outcome)| Some((expected(page, key)?, outcome)))
            .collect();
        let agreeing = given
            .iter()
            .filter(|(want, outcome)| outcome.article.as_ref().is_some_and(|a| agrees(want, a)))
            .count();
        agreement.push(format!("{label} {agreeing}/{}", given.len()));
    }
    println!("metadata agreement: {}", agreement.join(", "));
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
