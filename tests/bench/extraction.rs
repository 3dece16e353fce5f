//! Extraction speed on the 181 pages of the Zyte benchmark, single thread.
//!
//! cargo bench --bench extraction [-- --runs N]
//!
//! Each page is gunzipped and decoded before timing; the timed region is `extract` (HTML
//! parsing, extraction and rendering of the article text). Every page runs `--runs` times
//! (default 5) after a warm-up pass and keeps its median, so that other processes on the
//! machine disturb the figures less. The reference extractor, `dom_smoothie` (a port of
//! readability.js), runs on the same pages in the same process; its Zyte F1 is scored with
//! the same scorer, for context.

#[path = "../common/datasets.rs"]
#[allow(dead_code)] // shared by several targets, each using a part
mod datasets;

use std::time::Instant;

use datasets::{Error, Page};
use newswire::scrape::eval::zyte_scores;
use newswire::scrape::{SiteRules, extract};
use url::Url;

const DEFAULT_RUNS: usize = 5;

/// One page, decoded, ready to time.
struct Input {
    html: String,
    url: Url,
    truth: String,
}

/// Per-page times of one extractor and its predictions.
struct Measurement {
    /// Median seconds per page, one per page.
    seconds: Vec<f64>,
    predictions: Vec<String>,
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo test --benches` runs this without `--bench`: only say how to run it.
    if !args.iter().any(|arg| arg == "--bench") {
        println!("extraction benchmark: run it with `cargo bench --bench extraction`");
        return Ok(());
    }
    let runs = match args.iter().position(|arg| arg == "--runs") {
        Some(at) => args
            .get(at + 1)
            .and_then(|runs| runs.parse().ok())
            .filter(|&runs| runs > 0)
            .ok_or("--runs needs a positive number")?,
        None => DEFAULT_RUNS,
    };

    let inputs = datasets::zyte_pages()?
        .iter()
        .map(load)
        .collect::<Result<Vec<_>, _>>()?;
    let total_bytes: usize = inputs.iter().map(|input| input.html.len()).sum();
    println!(
        "{} pages, {:.1} MB decoded HTML, {runs} runs per page, single thread",
        inputs.len(),
        total_bytes as f64 / 1e6
    );

    let rules = SiteRules::empty();
    let ours = measure(&inputs, runs, |input| {
        extract(&input.html, &input.url, &rules)
            .map(|article| article.paragraphs.join("\n"))
            .unwrap_or_default()
    });
    let reference = measure(&inputs, runs, |input| {
        let config = dom_smoothie::Config {
            text_mode: dom_smoothie::TextMode::Formatted,
            ..Default::default()
        };
        dom_smoothie::Readability::new(input.html.as_str(), Some(input.url.as_str()), Some(config))
            .and_then(|mut readability| readability.parse())
            .map(|article| article.text_content.to_string())
            .unwrap_or_default()
    });

    println!(
        "{:<14} {:>10} {:>10} {:>8} {:>8}",
        "extractor", "median ms", "p99 ms", "MB/s", "Zyte F1"
    );
    for (name, measurement) in [("newswire", &ours), ("dom_smoothie", &reference)] {
        let f1 = zyte_scores(
            inputs
                .iter()
                .zip(&measurement.predictions)
                .map(|(input, prediction)| (input.truth.as_str(), prediction.as_str())),
        )
        .f1;
        println!(
            "{name:<14} {:>10.2} {:>10.2} {:>8.1} {f1:>8.3}",
            percentile(&measurement.seconds, 0.5) * 1e3,
            percentile(&measurement.seconds, 0.99) * 1e3,
            total_bytes as f64 / 1e6 / measurement.seconds.iter().sum::<f64>(),
        );
    }
    println!(
        "dom_smoothie / newswire: median {:.1}x, total time {:.1}x",
        percentile(&reference.seconds, 0.5) / percentile(&ours.seconds, 0.5),
        reference.seconds.iter().sum::<f64>() / ours.seconds.iter().sum::<f64>(),
    );
    Ok(())
}

fn load(page: &Page) -> Result<Input, Error> {
    Ok(Input {
        html: page.read_html()?,
        url: Url::parse(&page.url)?,
        truth: page.truth.clone(),
    })
}

/// Times `run` on every input: one warm-up pass, then `runs` passes; each page keeps the
/// median of its runs and the prediction of its last one.
fn measure(inputs: &[Input], runs: usize, run: impl Fn(&Input) -> String) -> Measurement {
    let mut predictions: Vec<String> = inputs.iter().map(&run).collect();
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(runs); inputs.len()];
    for _ in 0..runs {
        for (index, input) in inputs.iter().enumerate() {
            let started = Instant::now();
            let prediction = std::hint::black_box(run(input));
            times[index].push(started.elapsed().as_secs_f64());
            predictions[index] = prediction;
        }
    }
    let mut seconds: Vec<f64> = times
        .iter_mut()
        .map(|page_times| {
            page_times.sort_by(f64::total_cmp);
            percentile(page_times, 0.5)
        })
        .collect();
    seconds.sort_by(f64::total_cmp);
    Measurement {
        seconds,
        predictions,
    }
}

/// The value at `share` of a sorted list (nearest rank).
fn percentile(sorted: &[f64], share: f64) -> f64 {
    let rank = (sorted.len() as f64 * share).ceil() as usize;
    sorted
        .get(rank.saturating_sub(1).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0.0)
}
