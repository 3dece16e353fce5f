//! `/`: throughput over the last hour and day, queues, the sink, failures, the process.

use std::fmt::Write;
use std::sync::atomic::Ordering;

use chrono::Utc;

use super::{Answer, html};
use crate::ops::console::activity::minute_of;
use crate::ops::console::chart::{Series, line_chart};
use crate::ops::console::html::{Esc, duration};
use crate::ops::{Health, Metrics, labels};

const QUEUES: [&str; 3] = ["fetch", "process", "publish"];
const STAGES: [&str; 6] = ["feed", "fetch", "scrape", "enrich", "process", "publish"];

pub fn render(metrics: &Metrics, health: &Health) -> Answer {
    let console = &health.console;
    let now = Utc::now();
    let minute = minute_of(now);
    let (hour_items, hour_articles, day_items, day_articles) = console
        .read(|a| {
            (
                a.items_per_minute.last(minute, 60),
                a.articles_per_minute.last(minute, 60),
                a.items_per_minute.last(minute, 1440),
                a.articles_per_minute.last(minute, 1440),
            )
        })
        .unwrap_or_default();
    let as_f64 = |v: &[u32]| v.iter().map(|&c| f64::from(c)).collect::<Vec<_>>();
    // The day in 10-minute bins, each as a per-minute rate.
    let per_minute_in_bins = |v: &[u32]| {
        v.chunks(10)
            .map(|c| c.iter().map(|&x| f64::from(x)).sum::<f64>() / c.len() as f64)
            .collect::<Vec<_>>()
    };
    let (counts, paused) = feed_counts(health);
    let mut b = String::new();

    b.push_str("<section class=\"cards\">");
    let sink_ok = health.sink_ok.load(Ordering::Relaxed);
    let problem = console.sink_problem.lock().ok().and_then(|p| p.clone());
    let sink = match (&problem, sink_ok) {
        (Some(problem), _) => format!("<b class=\"status failing\">down</b> {}", Esc(problem)),
        (None, false) if !health.ready.load(Ordering::Relaxed) => {
            "<b class=\"status pending\">starting or stopping</b>".to_string()
        }
        (None, _) => {
            let retriable = counter(&metrics.sink_errors, "kind", "retriable");
            let refused = counter(&metrics.sink_errors, "kind", "refused");
            format!(
                "<b class=\"status ok\">delivering</b> <span class=\"muted\">{retriable} retriable, {refused} refused errors since start</span>"
            )
        }
    };
    let card = |b: &mut String, label: &str, value: &str| {
        let _ = write!(
            b,
            "<div class=\"card\"><span class=\"label\">{label}</span><span class=\"value\">{value}</span></div>"
        );
    };
    card(&mut b, "Sink", &sink);
    card(
        &mut b,
        "Feeds",
        &format!(
            "<a href=\"/ui/feeds\">{} total</a>: <span class=\"status failing\">{} failing</span> \
             <span class=\"status warning\">{} warning</span> <span class=\"status pending\">{} pending</span> \
             <span class=\"status paused\">{paused} paused</span>",
            counts.0, counts.1, counts.2, counts.3
        ),
    );
    let sum = |v: &[u32]| v.iter().map(|&c| u64::from(c)).sum::<u64>();
    card(
        &mut b,
        "Last hour",
        &format!(
            "{} items, {} articles",
            sum(&hour_items),
            sum(&hour_articles)
        ),
    );
    card(
        &mut b,
        "Last day",
        &format!("{} items, {} articles", sum(&day_items), sum(&day_articles)),
    );
    card(
        &mut b,
        "Process",
        &format!(
            "up {} · version {} · NER arithmetic {}",
            duration(console.started.elapsed().as_secs()),
            env!("CARGO_PKG_VERSION"),
            Esc(crate::enrich::ner::Arithmetic::from_env().describe())
        ),
    );
    b.push_str("</section>");

    b.push_str("<section><h2>Per minute, last hour</h2>");
    b.push_str(&throughput(
        "last hour",
        "60 min ago",
        &as_f64(&hour_items),
        &as_f64(&hour_articles),
    ));
    b.push_str("<h2>Per minute, last day (10-minute averages)</h2>");
    b.push_str(&throughput(
        "last day",
        "24 h ago",
        &per_minute_in_bins(&day_items),
        &per_minute_in_bins(&day_articles),
    ));
    b.push_str("</section><section class=\"pair\"><div><h2>Queues</h2><table><thead><tr><th>Queue</th><th>Waiting</th></tr></thead><tbody>");
    for queue in QUEUES {
        let depth = metrics
            .queue_depth
            .get(&labels(&[("queue", queue)]))
            .map_or(0, |g| g.get());
        let _ = write!(b, "<tr><td>{queue}</td><td class=\"num\">{depth}</td></tr>");
    }
    b.push_str("</tbody></table></div><div><h2>Failures by stage</h2><table><thead><tr><th>Stage</th><th>Failures</th><th>Dead letters</th></tr></thead><tbody>");
    for stage in STAGES {
        let _ = write!(
            b,
            "<tr><td>{stage}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            counter(&metrics.failures, "stage", stage),
            counter(&metrics.dead_letters, "stage", stage)
        );
    }
    b.push_str("</tbody></table><p class=\"muted\">Counts since the daemon started; a failure may be retried before an item is dead-lettered.</p></div></section>");
    html("Overview", "/", health, &b)
}

fn throughput(period: &str, span: &str, items: &[f64], articles: &[f64]) -> String {
    line_chart(
        &format!("Items and articles per minute, {period}"),
        span,
        &[
            Series {
                name: "items",
                values: items,
            },
            Series {
                name: "articles",
                values: articles,
            },
        ],
    )
}

type Family = prometheus_client::metrics::family::Family<
    Vec<(&'static str, String)>,
    prometheus_client::metrics::counter::Counter,
>;

fn counter(family: &Family, key: &'static str, value: &str) -> u64 {
    family.get(&labels(&[(key, value)])).map_or(0, |c| c.get())
}

/// (total, failing, warning, pending) feeds, and the paused ones.
fn feed_counts(health: &Health) -> ((usize, usize, usize, usize), usize) {
    let counts = health
        .feeds
        .lock()
        .map(|feeds| {
            let of = |s: &str| feeds.values().filter(|f| f.status == s).count();
            (feeds.len(), of("failing"), of("warning"), of("pending"))
        })
        .unwrap_or_default();
    let paused = health.console.paused.lock().map_or(0, |p| p.len());
    (counts, paused)
}
