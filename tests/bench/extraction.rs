//! Extraction as a user pays it, single thread: raw page bytes -> charset decoding -> parse ->
//! extract -> text, for newswire and three other Rust extractors interleaved in one process.
//!
//! cargo bench --bench extraction [-- --runs N] [--sets zyte,wcxb,readability] [--only NAME]
//!
//! Sets: the Zyte benchmark (181 pages), WCXB dev articles (793) and readability-test-pages
//! (130). Every page is read into memory gunzipped but not decoded; each extractor gets the
//! bytes. newswire, `dom_smoothie` and `trafilatura` decode them with the daemon's charset
//! rules (`newswire::fetch::charset::decode`, the same cost for all three); `rs-trafilatura`
//! decodes with its own `extract_bytes`. Per page the extractors run in turn (the first one
//! rotating from page to page), one warm-up pass then `--runs` passes (default 3); each page
//! keeps its median time. Peak memory is the highest heap use above the level before the call,
//! measured by a counting allocator during the warm-up pass.
//!
//! Quality, body only (newswire's `paragraphs`, the others' plain text): Zyte's shingle F1 on
//! Zyte, WCXB's bag-of-words F1 on WCXB and readability-test-pages (against the visible text of
//! readability.js's reviewed output). F1 is also printed on the tune and validation halves
//! (`Page::in_validation`), and `empty` counts pages for which an extractor returned no text.
//! `--only newswire` runs one extractor (for a profiler).

#[path = "../common/datasets.rs"]
#[allow(dead_code)] // shared by several targets, each using a part
mod datasets;
#[path = "../common/heap.rs"]
mod heap;

use std::time::Instant;

use datasets::{Error, Page};
use heap::peak_bytes;
use newswire::fetch::charset;
use newswire::scrape::eval::{Scores, wcxb_scores, zyte_scores};
use newswire::scrape::{SiteRules, extract};
use url::Url;

const DEFAULT_RUNS: usize = 3;

#[derive(Clone, Copy, PartialEq)]
enum Set {
    Zyte,
    Wcxb,
    Readability,
}

impl Set {
    fn name(self) -> &'static str {
        match self {
            Set::Zyte => "zyte",
            Set::Wcxb => "wcxb",
            Set::Readability => "readability",
        }
    }

    fn pages(self) -> Result<Vec<Page>, Error> {
        match self {
            Set::Zyte => datasets::zyte_pages(),
            Set::Wcxb => datasets::wcxb_pages(),
            Set::Readability => datasets::readability_pages(),
        }
    }

    fn scores<'a>(self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Scores {
        match self {
            Set::Zyte => zyte_scores(pairs),
            Set::Wcxb | Set::Readability => wcxb_scores(pairs),
        }
    }
}

/// One page, read but not decoded.
struct Input {
    bytes: Vec<u8>,
    url: Url,
}

/// An extractor as the bench runs it: page bytes in, body text out.
struct Extractor {
    name: &'static str,
    run: fn(&Input) -> String,
}

const EXTRACTORS: [Extractor; 4] = [
    Extractor {
        name: "newswire",
        run: |input| {
            let html = charset::decode(&input.bytes, None);
            extract(&html, &input.url, &SiteRules::empty())
                .map(|article| article.paragraphs.join("\n"))
                .unwrap_or_default()
        },
    },
    Extractor {
        name: "dom_smoothie",
        run: |input| {
            let html = charset::decode(&input.bytes, None);
            let config = dom_smoothie::Config {
                text_mode: dom_smoothie::TextMode::Formatted,
                ..Default::default()
            };
            dom_smoothie::Readability::new(&*html, Some(input.url.as_str()), Some(config))
                .and_then(|mut readability| readability.parse())
                .map(|article| article.text_content.to_string())
                .unwrap_or_default()
        },
    },
    Extractor {
        name: "trafilatura",
        run: |input| {
            let html = charset::decode(&input.bytes, None);
            let options = trafilatura::Options::default()
                .with_url(input.url.clone())
                .with_fallback(true);
            trafilatura::extract(&html, &options)
                .map(|result| result.content_text)
                .unwrap_or_default()
        },
    },
    Extractor {
        name: "rs-trafilatura",
        run: |input| {
            let options = rs_trafilatura::Options {
                url: Some(input.url.to_string()),
                ..Default::default()
            };
            rs_trafilatura::extract_bytes_with_options(&input.bytes, &options)
                .map(|result| result.content_text)
                .unwrap_or_default()
        },
    },
];

/// What one extractor did on a set.
struct Measurement {
    /// Median seconds per page, sorted.
    seconds: Vec<f64>,
    /// Peak heap bytes per page, sorted.
    peaks: Vec<usize>,
    predictions: Vec<String>,
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo test --benches` runs this without `--bench`: only say how to run it.
    if !args.iter().any(|arg| arg == "--bench") {
        println!("extraction benchmark: run it with `cargo bench --bench extraction`");
        return Ok(());
    }
    let value_of = |flag: &str| {
        args.iter()
            .position(|arg| arg == flag)
            .map(|at| args.get(at + 1).cloned().unwrap_or_default())
    };
    let runs = match value_of("--runs") {
        Some(runs) => runs
            .parse()
            .ok()
            .filter(|&runs| runs > 0)
            .ok_or("--runs needs a positive number")?,
        None => DEFAULT_RUNS,
    };
    let only = value_of("--only");
    let extractors: Vec<&Extractor> = EXTRACTORS
        .iter()
        .filter(|extractor| only.as_deref().is_none_or(|name| name == extractor.name))
        .collect();
    if extractors.is_empty() {
        return Err("--only names none of the extractors".into());
    }
    let sets = value_of("--sets").unwrap_or_else(|| "zyte,wcxb,readability".to_string());
    for name in sets.split(',') {
        let set = match name {
            "zyte" => Set::Zyte,
            "wcxb" => Set::Wcxb,
            "readability" => Set::Readability,
            other => return Err(format!("unknown set {other:?}").into()),
        };
        bench_set(set, &extractors, runs)?;
    }
    Ok(())
}

fn bench_set(set: Set, extractors: &[&Extractor], runs: usize) -> Result<(), Error> {
    let pages = set.pages()?;
    let inputs = pages
        .iter()
        .map(|page| {
            Ok(Input {
                bytes: page.read_bytes()?,
                url: Url::parse(&page.url).or_else(|_| Url::parse("https://example.invalid/"))?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let total_bytes: usize = inputs.iter().map(|input| input.bytes.len()).sum();
    println!(
        "\n{}: {} pages, {:.1} MB of page bytes, {runs} runs per page after a warm-up, single thread",
        set.name(),
        inputs.len(),
        total_bytes as f64 / 1e6
    );
    let measurements = measure(extractors, &inputs, runs);

    println!(
        "{:<15} {:>9} {:>8} {:>8} {:>9} {:>8} {:>6} {:>6} {:>6} {:>5}",
        "extractor",
        "median ms",
        "p99 ms",
        "total s",
        "peak MB",
        "max MB",
        "F1",
        "tune",
        "valid",
        "empty"
    );
    for (extractor, measurement) in extractors.iter().zip(&measurements) {
        let f1_of = |keep: &dyn Fn(&Page) -> bool| {
            set.scores(
                pages
                    .iter()
                    .zip(&measurement.predictions)
                    .filter(|(page, _)| keep(page))
                    .map(|(page, prediction)| (page.truth.as_str(), prediction.as_str())),
            )
            .f1
        };
        let empty = measurement
            .predictions
            .iter()
            .filter(|prediction| prediction.trim().is_empty())
            .count();
        println!(
            "{:<15} {:>9.2} {:>8.2} {:>8.2} {:>9.2} {:>8.1} {:>6.3} {:>6.3} {:>6.3} {:>5}",
            extractor.name,
            percentile(&measurement.seconds, 0.5) * 1e3,
            percentile(&measurement.seconds, 0.99) * 1e3,
            measurement.seconds.iter().sum::<f64>(),
            percentile(&measurement.peaks, 0.5) as f64 / 1e6,
            measurement.peaks.last().copied().unwrap_or(0) as f64 / 1e6,
            f1_of(&|_| true),
            f1_of(&|page| !page.in_validation()),
            f1_of(&Page::in_validation),
            empty,
        );
    }
    let [ours, reference, ..] = measurements.as_slice() else {
        return Ok(());
    };
    println!(
        "newswire / dom_smoothie: median {:.2}x, p99 {:.2}x, total {:.2}x",
        percentile(&ours.seconds, 0.5) / percentile(&reference.seconds, 0.5),
        percentile(&ours.seconds, 0.99) / percentile(&reference.seconds, 0.99),
        ours.seconds.iter().sum::<f64>() / reference.seconds.iter().sum::<f64>(),
    );
    Ok(())
}

/// Runs every extractor on every page: a warm-up pass (predictions, peak memory), then `runs`
/// timed passes; per page the extractors take turns, the first one rotating.
fn measure(extractors: &[&Extractor], inputs: &[Input], runs: usize) -> Vec<Measurement> {
    let count = extractors.len();
    let mut predictions = vec![Vec::with_capacity(inputs.len()); count];
    let mut peaks = vec![Vec::with_capacity(inputs.len()); count];
    let mut times = vec![vec![Vec::with_capacity(runs); inputs.len()]; count];
    for (index, input) in inputs.iter().enumerate() {
        for turn in 0..count {
            let which = (index + turn) % count;
            let (prediction, peak) = peak_bytes(|| (extractors[which].run)(input));
            predictions[which].push(prediction);
            peaks[which].push(peak);
        }
    }
    for _ in 0..runs {
        for (index, input) in inputs.iter().enumerate() {
            for turn in 0..count {
                let which = (index + turn) % count;
                let started = Instant::now();
                std::hint::black_box((extractors[which].run)(input));
                times[which][index].push(started.elapsed().as_secs_f64());
            }
        }
    }
    (0..count)
        .map(|which| {
            let mut seconds: Vec<f64> = times[which]
                .iter_mut()
                .map(|page_times| {
                    page_times.sort_by(f64::total_cmp);
                    percentile(page_times, 0.5)
                })
                .collect();
            seconds.sort_by(f64::total_cmp);
            let mut page_peaks = std::mem::take(&mut peaks[which]);
            page_peaks.sort_unstable();
            Measurement {
                seconds,
                peaks: page_peaks,
                predictions: std::mem::take(&mut predictions[which]),
            }
        })
        .collect()
}

/// The value at `share` of a sorted list (nearest rank).
fn percentile<T: Copy + Default>(sorted: &[T], share: f64) -> T {
    let rank = (sorted.len() as f64 * share).ceil() as usize;
    sorted
        .get(rank.saturating_sub(1).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}
