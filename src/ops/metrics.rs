//! Prometheus metrics (prometheus-client), served at `/metrics`.

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

type Labels = Vec<(&'static str, String)>;

pub fn labels(pairs: &[(&'static str, &str)]) -> Labels {
    pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
}

fn fetch_histogram() -> Histogram {
    // 10 ms … ~40 s
    Histogram::new(exponential_buckets(0.01, 2.0, 13))
}

pub struct Metrics {
    registry: Registry,
    /// {feed}
    pub items_discovered: Family<Labels, Counter>,
    /// {feed}
    pub articles_published: Family<Labels, Counter>,
    /// {method}: which path of the extractor produced the body
    pub extraction_methods: Family<Labels, Counter>,
    /// {stage}: fetch, scrape, enrich, publish, feed
    pub failures: Family<Labels, Counter>,
    /// {stage}
    pub dead_letters: Family<Labels, Counter>,
    /// {feed, outcome}: ok, not_modified, error
    pub feed_polls: Family<Labels, Counter>,
    /// {feed}
    pub feed_consecutive_errors: Family<Labels, Gauge>,
    /// {feed}: unix seconds of the last successful poll
    pub feed_last_success: Family<Labels, Gauge>,
    /// {feed}: unix seconds of the next scheduled poll
    pub feed_next_poll: Family<Labels, Gauge>,
    /// {feed}: the interval adapted to the feed's publishing rate
    pub feed_interval: Family<Labels, Gauge>,
    /// {kind}: feed, page
    pub fetch_seconds: Family<Labels, Histogram, fn() -> Histogram>,
    /// {queue}
    pub queue_depth: Family<Labels, Gauge>,
    /// {topic}
    pub sink_acks: Family<Labels, Counter>,
    /// {kind}: retriable, refused
    pub sink_errors: Family<Labels, Counter>,
    /// Kafka producers replaced (fatal error, or deliveries timing out)
    pub sink_producer_replacements: Counter,
    /// The spool's bytes on disk, records waiting for the broker, records refused for good
    pub spool: crate::publish::SpoolMetrics,
    /// Partitions of the cluster's feeds topic this instance owns
    pub cluster_partitions_owned: Gauge,
    /// Feeds this instance polls because it owns their partitions
    pub cluster_feeds_owned: Gauge,
    /// Partitions of the cluster's work topic this instance processes
    pub cluster_work_partitions_owned: Gauge,
    /// {topic, partition}: 1 for each partition of the feeds and work topics owned here
    pub cluster_partition_owned: Family<Labels, Gauge>,
    /// {reason}: work items not processed again because they were done before
    pub cluster_work_skipped: Family<Labels, Counter>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("newswire");
        fn registered<M: prometheus_client::registry::Metric + Clone>(
            registry: &mut Registry,
            name: &str,
            help: &str,
            metric: M,
        ) -> M {
            registry.register(name, help, metric.clone());
            metric
        }
        let r = &mut registry;
        Metrics {
            items_discovered: registered(
                r,
                "items_discovered",
                "New feed items discovered",
                Family::default(),
            ),
            articles_published: registered(
                r,
                "articles_published",
                "Articles acknowledged by the sink",
                Family::default(),
            ),
            extraction_methods: registered(
                r,
                "extraction_methods",
                "Article bodies extracted, by the path that produced them",
                Family::default(),
            ),
            failures: registered(r, "failures", "Failures by stage", Family::default()),
            dead_letters: registered(
                r,
                "dead_letters",
                "Items sent to the dead-letter topic, by stage",
                Family::default(),
            ),
            feed_polls: registered(r, "feed_polls", "Feed polls by outcome", Family::default()),
            feed_consecutive_errors: registered(
                r,
                "feed_consecutive_errors",
                "Consecutive failed polls of a feed",
                Family::default(),
            ),
            feed_last_success: registered(
                r,
                "feed_last_success_timestamp_seconds",
                "Unix time of a feed's last successful poll",
                Family::default(),
            ),
            feed_next_poll: registered(
                r,
                "feed_next_poll_timestamp_seconds",
                "Unix time of a feed's next scheduled poll",
                Family::default(),
            ),
            feed_interval: registered(
                r,
                "feed_interval_seconds",
                "Poll interval adapted to a feed's publishing rate",
                Family::default(),
            ),
            fetch_seconds: registered(
                r,
                "fetch_duration_seconds",
                "HTTP fetch latency",
                Family::new_with_constructor(fetch_histogram as fn() -> Histogram),
            ),
            queue_depth: registered(
                r,
                "queue_depth",
                "Items waiting in each stage queue",
                Family::default(),
            ),
            sink_acks: registered(
                r,
                "sink_acks",
                "Records acknowledged by the sink, by topic",
                Family::default(),
            ),
            sink_errors: registered(
                r,
                "sink_errors",
                "Records the sink did not take, by kind",
                Family::default(),
            ),
            sink_producer_replacements: registered(
                r,
                "sink_producer_replacements",
                "Kafka producers replaced after a fatal error or timed-out deliveries",
                Counter::default(),
            ),
            spool: crate::publish::SpoolMetrics {
                bytes: registered(
                    r,
                    "spool_bytes",
                    "Bytes of the spool's files on disk",
                    Gauge::default(),
                ),
                records: registered(
                    r,
                    "spool_records",
                    "Records in the spool not yet acknowledged by the broker",
                    Gauge::default(),
                ),
                refused: registered(
                    r,
                    "spool_refused",
                    "Spooled records the broker refused for good (logged, then removed)",
                    Counter::default(),
                ),
            },
            cluster_partitions_owned: registered(
                r,
                "cluster_partitions_owned",
                "Partitions of the cluster's feeds topic this instance owns",
                Gauge::default(),
            ),
            cluster_feeds_owned: registered(
                r,
                "cluster_feeds_owned",
                "Feeds this instance polls as the owner of their partitions",
                Gauge::default(),
            ),
            cluster_work_partitions_owned: registered(
                r,
                "cluster_work_partitions_owned",
                "Partitions of the cluster's work topic whose items this instance processes",
                Gauge::default(),
            ),
            cluster_partition_owned: registered(
                r,
                "cluster_partition_owned",
                "1 for each partition of the cluster's feeds and work topics this instance owns",
                Family::default(),
            ),
            cluster_work_skipped: registered(
                r,
                "cluster_work_skipped",
                "Work items not processed again because they were done before (another feed listed them, a previous owner published them)",
                Family::default(),
            ),
            registry,
        }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }
}
