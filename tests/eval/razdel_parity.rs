//! Compare the Rust razdel port with razdel 0.5.0 output dumped by
//! tests/eval/razdel_reference.py, and compare speed.
//!
//! ```text
//! nice target/tools/ru-reference/bin/python tests/eval/razdel_reference.py
//! nice cargo run --release --example razdel_parity [-- reference.txt]
//! ```
//!
//! Per group prints: % documents identical (tokens and sentences both), %
//! tokens / sentences identical by exact (start, stop) (matched / razdel's
//! count), and single-thread chars/s for Rust vs Python.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use newswire::enrich::razdel::{Substring, sentenize, tokenize};

struct Doc {
    id: String,
    text: String,
    tokens: Vec<(usize, usize)>,
    sents: Vec<(usize, usize)>,
}

#[derive(Default)]
struct Group {
    docs: Vec<Doc>,
    /// (chars, python tokenize s, python sentenize s)
    python: Option<(usize, f64, f64)>,
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

fn pairs(s: &str) -> Vec<(usize, usize)> {
    let n: Vec<usize> = s
        .split_ascii_whitespace()
        .map(|x| x.parse().expect("span"))
        .collect();
    n.chunks(2).map(|p| (p[0], p[1])).collect()
}

fn load(path: &str) -> Vec<(String, Group)> {
    let data = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("read {path}: {e} (run tests/eval/razdel_reference.py)"));
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    // (group, id, text, tokens) of the record being read.
    type Partial = (String, String, String, Vec<(usize, usize)>);
    let mut cur: Option<Partial> = None;
    // Records are '\n'-separated; texts may contain other line-break chars.
    for line in data.split('\n') {
        if let Some(rest) = line.strip_prefix("D ") {
            let (g, id) = rest.split_once(' ').unwrap_or((rest, ""));
            cur = Some((g.to_string(), id.to_string(), String::new(), Vec::new()));
        } else if let Some(t) = line.strip_prefix("T ") {
            cur.as_mut().unwrap().2 = unescape(t);
        } else if let Some(k) = line.strip_prefix('K') {
            cur.as_mut().unwrap().3 = pairs(k);
        } else if let Some(s) = line.strip_prefix('S') {
            let (g, id, text, tokens) = cur.take().unwrap();
            if !groups.contains_key(&g) {
                order.push(g.clone());
            }
            groups.entry(g).or_default().docs.push(Doc {
                id,
                text,
                tokens,
                sents: pairs(s),
            });
        } else if let Some(p) = line.strip_prefix("P ") {
            let f: Vec<&str> = p.split(' ').collect();
            let g = groups.entry(f[0].to_string()).or_default();
            g.python = Some((
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
            ));
        }
    }
    order
        .into_iter()
        .map(|g| {
            let v = groups.remove(&g).unwrap();
            (g, v)
        })
        .collect()
}

fn spans(subs: &[Substring]) -> Vec<(usize, usize)> {
    subs.iter().map(|s| (s.start, s.stop)).collect()
}

/// Matched spans (exact offsets) out of the reference count.
fn matched(want: &[(usize, usize)], got: &[(usize, usize)]) -> usize {
    let got: HashSet<_> = got.iter().collect();
    want.iter().filter(|s| got.contains(s)).count()
}

fn slice(text: &str, (a, b): (usize, usize)) -> String {
    text.chars().skip(a).take(b.saturating_sub(a)).collect()
}

fn report_diff(kind: &str, doc: &Doc, want: &[(usize, usize)], got: &[(usize, usize)]) {
    let w: HashSet<_> = want.iter().collect();
    let g: HashSet<_> = got.iter().collect();
    let only_py: Vec<_> = want.iter().filter(|s| !g.contains(s)).take(3).collect();
    let only_rs: Vec<_> = got.iter().filter(|s| !w.contains(s)).take(3).collect();
    println!("    DIFF {kind} in {}:", doc.id);
    for s in only_py {
        println!("      razdel only {s:?} {:?}", slice(&doc.text, *s));
    }
    for s in only_rs {
        println!("      rust   only {s:?} {:?}", slice(&doc.text, *s));
    }
}

/// Single-thread chars/s of `f` over all texts, repeated for >= `min` time.
fn speed(texts: &[&str], chars: usize, min: Duration, f: fn(&str) -> Vec<Substring>) -> f64 {
    let start = Instant::now();
    let mut reps = 0usize;
    let mut sink = 0usize;
    while reps == 0 || start.elapsed() < min {
        for t in texts {
            sink += f(t).len();
        }
        reps += 1;
    }
    std::hint::black_box(sink);
    (chars * reps) as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/eval/razdel-reference.txt".to_string());
    let groups = load(&path);
    let mut all_ok = true;
    println!(
        "razdel parity vs {path}{}",
        if cfg!(debug_assertions) {
            "  (DEBUG build: speed not meaningful)"
        } else {
            ""
        }
    );
    for (name, group) in &groups {
        let (mut docs_same, mut tok_docs_same, mut sent_docs_same) = (0, 0, 0);
        let (mut tok_ok, mut tok_total, mut tok_rust) = (0, 0, 0);
        let (mut sent_ok, mut sent_total, mut sent_rust) = (0, 0, 0);
        let mut shown = 0;
        for doc in &group.docs {
            let toks = spans(&tokenize(&doc.text));
            let sents = spans(&sentenize(&doc.text));
            tok_ok += matched(&doc.tokens, &toks);
            tok_total += doc.tokens.len();
            tok_rust += toks.len();
            sent_ok += matched(&doc.sents, &sents);
            sent_total += doc.sents.len();
            sent_rust += sents.len();
            let (ts, ss) = (toks == doc.tokens, sents == doc.sents);
            tok_docs_same += ts as usize;
            sent_docs_same += ss as usize;
            docs_same += (ts && ss) as usize;
            if (!ts || !ss) && shown < 5 {
                shown += 1;
                if !ts {
                    report_diff("tokens", doc, &doc.tokens, &toks);
                }
                if !ss {
                    report_diff("sentences", doc, &doc.sents, &sents);
                }
            }
        }
        let n = group.docs.len();
        all_ok &= docs_same == n && tok_rust == tok_total && sent_rust == sent_total;
        let pct = |a: usize, b: usize| {
            if b == 0 {
                100.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        println!("{name}: {n} docs");
        println!(
            "  documents identical: {:.2}% ({docs_same}/{n}; tokens {tok_docs_same}/{n}, sentences {sent_docs_same}/{n})",
            pct(docs_same, n)
        );
        println!(
            "  tokens identical:    {:.4}% ({tok_ok}/{tok_total}; rust produced {tok_rust})",
            pct(tok_ok, tok_total)
        );
        println!(
            "  sentences identical: {:.4}% ({sent_ok}/{sent_total}; rust produced {sent_rust})",
            pct(sent_ok, sent_total)
        );

        let texts: Vec<&str> = group.docs.iter().map(|d| d.text.as_str()).collect();
        let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
        let min = Duration::from_millis(700);
        let rt = speed(&texts, chars, min, tokenize);
        let rs = speed(&texts, chars, min, sentenize);
        match group.python {
            Some((pchars, pt, ps)) if pt > 0.0 && ps > 0.0 => {
                let (pt, ps) = (pchars as f64 / pt, pchars as f64 / ps);
                println!(
                    "  speed tokenize:  rust {:>12.0} chars/s  python {:>10.0} chars/s  x{:.1}",
                    rt,
                    pt,
                    rt / pt
                );
                println!(
                    "  speed sentenize: rust {:>12.0} chars/s  python {:>10.0} chars/s  x{:.1}",
                    rs,
                    ps,
                    rs / ps
                );
            }
            _ => {
                println!("  speed tokenize: rust {rt:.0} chars/s, sentenize: rust {rs:.0} chars/s")
            }
        }
    }
    println!(
        "{}",
        if all_ok {
            "RESULT: 100% identical"
        } else {
            "RESULT: differences found"
        }
    );
    if !all_ok {
        std::process::exit(1);
    }
}
