//! Feed polling at scale: N feeds (10,000) served from one loopback server, polled once with
//! nothing stored (every answer a 200 with validators), then again (every answer a 304). Prints
//! polls/s, CPU seconds and peak RSS for each round; asserts no time.
//!
//!   cargo bench --bench feeds     options: --feeds N (10000) --per-host C (64: per-host and
//!                                 feed concurrency)

#[path = "../support/mod.rs"]
mod support;

use std::time::Instant;

use support::*;

fn main() {
    // `cargo test --benches` runs bench targets without `--bench`; only `cargo bench` measures.
    if !std::env::args().any(|a| a == "--bench") {
        println!("feeds benchmark: run with `cargo bench --bench feeds`");
        return;
    }
    let feeds = bench_option("--feeds", 10_000);
    let per_host = bench_option("--per-host", 64);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(measure(feeds, per_host));
}

async fn measure(feeds: usize, per_host: usize) {
    let server = TestServer::start().await;
    server.stop_recording();
    // Every feed is small, without entries, and carries an ETag: the second poll is a 304.
    server.generate(|path| {
        let n = path.strip_prefix("/feed-")?.strip_suffix(".xml")?;
        Some(
            Route::ok("application/rss+xml", rss(&format!("Feed {n}"), &[]))
                .with_header("etag", &format!("\"{n}-v1\"")),
        )
    });
    let data = tempfile::tempdir().expect("tempdir");
    let ids: Vec<(String, String)> = (0..feeds)
        .map(|i| (format!("feed-{i}"), server.url(&format!("/feed-{i}.xml"))))
        .collect();
    let refs: Vec<(&str, String)> = ids.iter().map(|(id, u)| (id.as_str(), u.clone())).collect();
    let mut config = test_config(data.path(), &SinkUnderTest::Jsonl, &refs);
    config.http.per_host_concurrency = per_host;
    // Feed polls at once bound what the host limit can use.
    config.pipeline.feed_concurrency = per_host;
    println!(
        "{feeds} feeds on one loopback host, feed_concurrency and per_host_concurrency {per_host}, per_host_delay_ms 0"
    );
    for round in ["first poll (200 + validators)", "second poll (304)"] {
        let (cpu_before, started) = (cpu_seconds(), Instant::now());
        run_once(&config).await;
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{round:30} {feeds} polls in {seconds:.2} s = {:.0} polls/s, CPU {:.2} s, peak RSS {:.1} MiB",
            feeds as f64 / seconds,
            cpu_seconds() - cpu_before,
            peak_rss_mib()
        );
    }
    println!(
        "TCP connections accepted by the server over both rounds: {}",
        server.connections()
    );
}

/// User + system CPU time of this process (server and daemon both run in it).
fn cpu_seconds() -> f64 {
    // Fields 14 and 15 of /proc/self/stat, in clock ticks (100 per second on Linux).
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            let after_name = stat.rsplit_once(')')?.1;
            let fields: Vec<&str> = after_name.split_whitespace().collect();
            let utime: f64 = fields.get(11)?.parse().ok()?;
            let stime: f64 = fields.get(12)?.parse().ok()?;
            Some((utime + stime) / 100.0)
        })
        .unwrap_or(f64::NAN)
}
