//! Memory and time per article on hostile pages: the real `newswire` binary runs `run --once`
//! on a loopback feed per page, under an address-space limit, with the JSON Lines sink. Pages:
//! 1, 4 and (just under the default 10 MiB body cap) 10 MiB of ordinary English paragraphs
//! (the Zyte benchmark's article bodies, repeated), a million unclosed `<p>`, and one real
//! Zyte page for the ordinary case. Prints, per page, the child's peak RSS (getrusage of the
//! child), wall time and what came out: an article (and where enrichment was cut) or a dead
//! letter. Asserts no time.
//!
//!   cargo bench --bench hostile_pages              (address space limit 512 MiB)
//!   cargo bench --bench hostile_pages -- --as-mib 1024 --binary ../main/target/release/newswire
//!   (--binary: another build of newswire, to compare)

#[path = "../support/mod.rs"]
mod support;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::*;

/// Each run is stopped after this long, whatever happens.
const RUN_TIMEOUT: Duration = Duration::from_secs(300);
const MIB: usize = 1024 * 1024;

fn main() {
    // `cargo test --benches` runs bench targets without `--bench`; only `cargo bench` measures.
    if !std::env::args().any(|a| a == "--bench") {
        println!("hostile pages benchmark: run with `cargo bench --bench hostile_pages`");
        return;
    }
    let as_mib = bench_option("--as-mib", 512);
    let binary =
        bench_arg("--binary").unwrap_or_else(|| env!("CARGO_BIN_EXE_newswire").to_string());
    let zyte = shared_dir().join("datasets/article-extraction-benchmark");
    let (real_page, paragraphs) = zyte_material(&zyte);
    let pages: Vec<(&str, String)> = vec![
        ("real Zyte page", real_page),
        ("paragraphs 1 MiB", paragraphs_page(&paragraphs, MIB)),
        ("paragraphs 4 MiB", paragraphs_page(&paragraphs, 4 * MIB)),
        // The default http.max_body_bytes is 10 MiB: the largest page it lets through.
        (
            "paragraphs 10 MiB",
            paragraphs_page(&paragraphs, 10 * MIB - 4096),
        ),
        (
            "1M unclosed <p>",
            format!("<html><body>{}</body></html>", "<p>".repeat(1_000_000)),
        ),
    ];

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let server = runtime.block_on(TestServer::start());
    println!(
        "hostile pages: `{binary} run --once` under `prlimit --as={}` ({as_mib} MiB address space), JSON Lines sink",
        as_mib * MIB
    );
    println!(
        "{:<20} {:>9} {:>13} {:>9}  outcome",
        "page", "page MiB", "peak RSS MiB", "seconds"
    );
    for (i, (name, html)) in pages.iter().enumerate() {
        let page_path = format!("/page{i}");
        server.set(
            &page_path,
            Route::ok("text/html; charset=utf-8", html.clone()),
        );
        let link = server.url(&page_path);
        server.set(
            &format!("/feed{i}.xml"),
            Route::ok(
                "application/rss+xml",
                rss(
                    "Hostile pages",
                    &[("A page", link.as_str(), &format!("page-{i}"))],
                ),
            ),
        );
        let run = run_binary(&binary, &server.url(&format!("/feed{i}.xml")), as_mib);
        println!(
            "{:<20} {:>9.1} {:>13.1} {:>9.2}  {}",
            name,
            html.len() as f64 / MIB as f64,
            run.peak_rss_kib as f64 / 1024.0,
            run.seconds,
            run.outcome
        );
    }
}

/// A real English page of the benchmark of ordinary length (its body nearest 8,000 code
/// points), and the paragraphs of all its English bodies.
fn zyte_material(dir: &Path) -> (String, Vec<String>) {
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ground-truth.json"))
            .expect("../shared/datasets/article-extraction-benchmark/ground-truth.json"),
    )
    .expect("ground truth is JSON");
    let bodies: Vec<(&String, &str)> = truth
        .as_object()
        .expect("ground truth maps page ids to articles")
        .iter()
        .filter_map(|(id, article)| Some((id, article["articleBody"].as_str()?)))
        // English: almost all ASCII.
        .filter(|(_, body)| {
            body.chars().filter(char::is_ascii).count() * 100 >= body.chars().count() * 97
        })
        .collect();
    let (real_id, _) = bodies
        .iter()
        .min_by_key(|(_, body)| body.chars().count().abs_diff(8_000))
        .expect("an English body");
    let mut compressed = Vec::new();
    std::fs::File::open(dir.join("html").join(format!("{real_id}.html.gz")))
        .and_then(|mut f| f.read_to_end(&mut compressed))
        .expect("the real page's HTML");
    let mut real_page = String::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_string(&mut real_page)
        .expect("the real page is gzipped UTF-8");
    let paragraphs = bodies
        .iter()
        .flat_map(|(_, body)| body.split('\n'))
        .map(str::trim)
        .filter(|p| p.len() > 80)
        .map(|p| p.replace('&', "&amp;").replace('<', "&lt;"))
        .collect();
    (real_page, paragraphs)
}

/// An ordinary article page whose body is `paragraphs`, repeated, up to about `bytes`.
fn paragraphs_page(paragraphs: &[String], bytes: usize) -> String {
    let mut chosen: Vec<&str> = Vec::new();
    let mut size = 2048;
    for p in paragraphs.iter().cycle() {
        size += p.len() + 8;
        if size > bytes {
            break;
        }
        chosen.push(p);
    }
    article_page("A very long report", &chosen)
}

struct Run {
    peak_rss_kib: i64,
    seconds: f64,
    outcome: String,
}

/// Runs `newswire run --once` on one feed in a fresh data directory, under the limit.
fn run_binary(binary: &str, feed_url: &str, as_mib: usize) -> Run {
    let data = tempfile::tempdir().expect("tempdir");
    let config = data.path().join("newswire.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = \"{}\"\nsites_dir = \"{}\"\n[http]\nmax_attempts = 1\nallow_private_networks = true\nper_host_delay_ms = 0\n[ops]\nlisten = \"\"\nlog_format = \"json\"\n[[feeds]]\nid = \"hostile\"\nurl = \"{feed_url}\"\n",
            data.path().display(),
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("config/sites")
                .display()
        ),
    )
    .expect("write config");
    let started = Instant::now();
    #[expect(
        clippy::zombie_processes,
        reason = "reaped by wait4 in wait_with_rusage, which also reads its peak RSS"
    )]
    let mut child = Command::new("prlimit")
        .arg(format!("--as={}", as_mib * MIB))
        .arg(binary)
        .args(["run", "--once", "--config"])
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("prlimit (util-linux) runs newswire");
    let mut stderr = child.stderr.take().expect("stderr");
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let (status, peak_rss_kib) = wait_with_rusage(child.id() as libc::pid_t);
    let seconds = started.elapsed().as_secs_f64();
    let log = log.join().unwrap_or_default();
    let article = read_jsonl(data.path(), "news.articles").into_iter().next();
    let dead = read_jsonl(data.path(), "news.dead-letter")
        .into_iter()
        .next();
    let outcome = match (article, dead) {
        (Some(a), _) => format!(
            "article: {} chars of text, {} entities, {} dates, enrichment {}",
            a["text"].as_str().map_or(0, |t| t.chars().count()),
            a["entities"].as_array().map_or(0, Vec::len),
            a["dates"].as_array().map_or(0, Vec::len),
            match a["enrichment"]["truncated_at"].as_u64() {
                Some(at) => format!("truncated at {at}"),
                None => "whole".into(),
            }
        ),
        (None, Some(d)) => format!(
            "dead letter ({}): {}",
            d["stage"].as_str().unwrap_or("?"),
            d["error"].as_str().unwrap_or("?")
        ),
        (None, None) => format!(
            "nothing published ({status}); last warning: {}",
            log.lines()
                .rfind(|l| !l.contains("\"INFO\""))
                .unwrap_or("")
                .trim()
        ),
    };
    Run {
        peak_rss_kib,
        seconds,
        outcome,
    }
}

/// Waits for the child (killing it after [`RUN_TIMEOUT`]); its exit and its peak RSS in KiB
/// (`ru_maxrss`: prlimit execs newswire, so the child is newswire itself).
fn wait_with_rusage(pid: libc::pid_t) -> (String, i64) {
    let deadline = Instant::now() + RUN_TIMEOUT;
    loop {
        let mut status = 0;
        // SAFETY: plain FFI calls with valid pointers to locals.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            let exit = if libc::WIFEXITED(status) {
                format!("exit {}", libc::WEXITSTATUS(status))
            } else {
                format!("signal {}", libc::WTERMSIG(status))
            };
            return (exit, usage.ru_maxrss);
        }
        if done < 0 {
            return ("wait failed".into(), 0);
        }
        if Instant::now() > deadline {
            // SAFETY: the child is ours and not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
