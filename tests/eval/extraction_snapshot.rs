//! Checks that a change to the extractor leaves its output unchanged: writes every article the
//! generic extractor makes of the evaluation pages (Zyte, WCXB dev, readability-test-pages) as
//! JSON lines, or compares them with such a file and prints how many pages differ.
//!
//! cargo run --release --example extraction_snapshot -- --write FILE
//! cargo run --release --example extraction_snapshot -- --compare FILE [--diff]
//!
//! Pages are read as bytes and decoded with the daemon's charset rules, the path a fetched page
//! takes. `--diff` names the differing pages and their first differing field (validation-half
//! pages by count only). Peak heap per page is printed too (median, p99, max), and how the page
//! parser's trees compare with html5ever's (same, handed to html5ever, different).

#[path = "../common/datasets.rs"]
#[allow(dead_code)] // shared by several targets, each using a part
mod datasets;
#[path = "../common/heap.rs"]
mod heap;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Write};

use datasets::{Error, Page};
use heap::peak_bytes;
use newswire::fetch::charset;
use newswire::scrape::eval::{Parity, parser_parity};
use newswire::scrape::{SiteRules, extract};
use serde_json::Value;
use url::Url;

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value_of = |flag: &str| {
        args.iter()
            .position(|arg| arg == flag)
            .and_then(|at| args.get(at + 1).cloned())
    };
    let show_diff = args.iter().any(|arg| arg == "--diff");
    let (write, compare) = (value_of("--write"), value_of("--compare"));
    if write.is_none() == compare.is_none() {
        return Err("use --write FILE or --compare FILE".into());
    }

    let mut pages: Vec<(&str, Page)> = Vec::new();
    for (set, set_pages) in [
        ("zyte", datasets::zyte_pages()?),
        ("wcxb", datasets::wcxb_pages()?),
        ("readability", datasets::readability_pages()?),
    ] {
        pages.extend(set_pages.into_iter().map(|page| (set, page)));
    }

    let mut outputs: Vec<(String, bool, String)> = Vec::with_capacity(pages.len());
    let mut peaks: Vec<usize> = Vec::with_capacity(pages.len());
    let (mut same_trees, mut handed_over, mut tree_differences) = (0, 0, Vec::new());
    for (set, page) in &pages {
        let bytes = page.read_bytes()?;
        let url = Url::parse(&page.url).or_else(|_| Url::parse("https://example.invalid/"))?;
        match parser_parity(&charset::decode(&bytes, None)) {
            Parity::Same => same_trees += 1,
            Parity::Html5everOnly => handed_over += 1,
            Parity::Differs(difference) => {
                tree_differences.push(format!("{set}/{}: {difference}", page.id))
            }
        }
        let (output, peak) = peak_bytes(|| {
            let html = charset::decode(&bytes, None);
            match extract(&html, &url, &SiteRules::empty()) {
                Ok(article) => serde_json::to_value(&article),
                Err(error) => Ok(Value::String(format!("error: {error}"))),
            }
        });
        let output = output?;
        peaks.push(peak);
        let key = format!("{set}/{}", page.id);
        outputs.push((key, page.in_validation(), output.to_string()));
    }
    peaks.sort_unstable();
    let at = |share: f64| peaks[((peaks.len() - 1) as f64 * share).round() as usize] as f64 / 1e6;
    println!(
        "{} pages; peak heap per page: median {:.2} MB, p99 {:.2} MB, max {:.2} MB",
        outputs.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );

    println!(
        "page parser vs html5ever: {same_trees} trees the same, {handed_over} pages handed to html5ever, {} trees different",
        tree_differences.len()
    );
    for difference in &tree_differences {
        println!("  {}", difference.chars().take(300).collect::<String>());
    }

    if let Some(path) = write {
        let mut file = BufWriter::new(std::fs::File::create(&path)?);
        for (key, _, output) in &outputs {
            writeln!(file, "{}", serde_json::to_string(&(key, output))?)?;
        }
        file.flush()?;
        println!("written to {path}");
        return Ok(());
    }

    let path = compare.unwrap_or_default();
    let mut before: HashMap<String, String> = HashMap::new();
    for line in BufReader::new(std::fs::File::open(&path)?).lines() {
        let (key, output): (String, String) = serde_json::from_str(&line?)?;
        before.insert(key, output);
    }
    let (mut differing, mut hidden) = (0, 0);
    for (key, in_validation, output) in &outputs {
        let Some(old) = before.get(key) else {
            println!("{key}: not in {path}");
            differing += 1;
            continue;
        };
        if old == output {
            continue;
        }
        differing += 1;
        if *in_validation {
            hidden += 1;
        } else if show_diff {
            println!("{key}: {}", first_difference(old, output));
        }
    }
    println!(
        "{differing} of {} pages differ from {path} ({hidden} of them in validation halves)",
        outputs.len()
    );
    if differing > 0 {
        std::process::exit(1);
    }
    Ok(())
}

/// The first field of the article whose value differs, with both values shortened.
fn first_difference(old: &str, new: &str) -> String {
    let (Ok(old), Ok(new)) = (
        serde_json::from_str::<Value>(old),
        serde_json::from_str::<Value>(new),
    ) else {
        return "unreadable".to_string();
    };
    let short = |value: Option<&Value>| -> String {
        let text = value.map(Value::to_string).unwrap_or_default();
        text.chars().take(160).collect()
    };
    match (old.as_object(), new.as_object()) {
        (Some(old_fields), Some(new_fields)) => old_fields
            .iter()
            .find(|(name, value)| new_fields.get(*name) != Some(value))
            .map(|(name, value)| {
                format!(
                    "{name}: {} -> {}",
                    short(Some(value)),
                    short(new_fields.get(name))
                )
            })
            .unwrap_or_else(|| "fields added".to_string()),
        _ => format!("{} -> {}", short(Some(&old)), short(Some(&new))),
    }
}
