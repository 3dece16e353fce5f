//! The producer's client context: librdkafka's logs, errors and statistics. The statistics tell
//! whether the producer reaches any broker, which `/readyz` reports.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::error::KafkaError;

/// librdkafka reports every failed reconnect; while a broker is down that would be several
/// error lines a second. One warning per kind every 30 s says the same.
const REPORT_EVERY: Duration = Duration::from_secs(30);

/// How often librdkafka reports its statistics (`statistics.interval.ms`).
pub const STATS_INTERVAL_MS: u32 = 1000;

/// Statistics reports in a row without a connected broker before the cluster counts as
/// unreachable: one report can catch a connection being set up.
const UNREACHABLE_AFTER_REPORTS: u32 = 2;

pub struct SinkContext {
    last_reported: Mutex<HashMap<String, Instant>>,
    link: Arc<ClusterLink>,
}

/// Whether a producer reaches the cluster, as its statistics tell.
#[derive(Default)]
pub struct ClusterLink {
    /// Statistics reports in a row in which a broker was lost and none was up.
    reports_without_broker: AtomicU32,
}

impl ClusterLink {
    /// The link of a producer that replaces one with `previous`: it starts where that one was,
    /// so a replacement during an outage does not look connected before it has even tried.
    pub fn after(previous: &ClusterLink) -> ClusterLink {
        ClusterLink {
            reports_without_broker: AtomicU32::new(
                previous.reports_without_broker.load(Ordering::Relaxed),
            ),
        }
    }

    /// False once the producer has lost every broker connection for a couple of statistics
    /// reports; true again as soon as one is up.
    pub fn reaches_cluster(&self) -> bool {
        self.reports_without_broker.load(Ordering::Relaxed) < UNREACHABLE_AFTER_REPORTS
    }
}

impl SinkContext {
    pub fn new(link: Arc<ClusterLink>) -> Self {
        SinkContext {
            last_reported: Mutex::default(),
            link,
        }
    }

    fn due(&self, kind: &str) -> bool {
        let Ok(mut last) = self.last_reported.lock() else {
            return true;
        };
        let now = Instant::now();
        match last.get(kind) {
            Some(at) if now.duration_since(*at) < REPORT_EVERY => false,
            _ => {
                last.insert(kind.to_string(), now);
                true
            }
        }
    }

    /// The producer's link to the cluster, readable after the context moved into it.
    pub fn link(&self) -> Arc<ClusterLink> {
        self.link.clone()
    }
}

/// The part of librdkafka's statistics JSON that is read (the rest is skipped, not parsed).
#[derive(serde::Deserialize)]
struct Stats {
    #[serde(default)]
    brokers: HashMap<String, BrokerStats>,
}

#[derive(serde::Deserialize)]
struct BrokerStats {
    state: String,
    #[serde(default)]
    source: String,
}

/// Whether the statistics show a lost cluster: no broker up, and at least one that had been
/// tried (`INIT` alone is a broker not needed yet).
fn cluster_lost(stats: &Stats) -> bool {
    let brokers = || stats.brokers.values().filter(|b| b.source != "internal");
    !brokers().any(|b| b.state == "UP") && brokers().any(|b| b.state != "INIT")
}

impl ClientContext for SinkContext {
    fn log(&self, level: RDKafkaLogLevel, facility: &str, message: &str) {
        match level {
            RDKafkaLogLevel::Debug => tracing::debug!(target: "librdkafka", facility, "{message}"),
            RDKafkaLogLevel::Info | RDKafkaLogLevel::Notice => {
                tracing::info!(target: "librdkafka", facility, "{message}")
            }
            _ if self.due(facility) => tracing::warn!(target: "librdkafka", facility, "{message}"),
            _ => {}
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        if self.due(&error.to_string()) {
            tracing::warn!(target: "librdkafka", stage = "publish", error = %error, "{reason} (repeats are suppressed for 30 s)");
        }
    }

    fn stats_raw(&self, statistics: &[u8]) {
        match serde_json::from_slice::<Stats>(statistics) {
            Ok(stats) if cluster_lost(&stats) => {
                self.link
                    .reports_without_broker
                    .fetch_add(1, Ordering::Relaxed);
            }
            Ok(_) => self.link.reports_without_broker.store(0, Ordering::Relaxed),
            Err(e) => {
                if self.due("statistics") {
                    tracing::warn!(stage = "publish", error = %e, "unreadable librdkafka statistics");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(brokers: &[(&str, &str)]) -> Stats {
        let brokers: serde_json::Map<String, serde_json::Value> = brokers
            .iter()
            .enumerate()
            .map(|(i, (state, source))| {
                (
                    format!("b{i}"),
                    serde_json::json!({"state": state, "source": source, "nodeid": i}),
                )
            })
            .collect();
        serde_json::from_value(serde_json::json!({"name": "p", "brokers": brokers})).expect("stats")
    }

    #[test]
    fn the_cluster_is_lost_only_when_a_tried_broker_is_down_and_none_is_up() {
        assert!(!cluster_lost(&stats(&[
            ("UP", "learned"),
            ("DOWN", "configured")
        ])));
        assert!(!cluster_lost(&stats(&[
            ("INIT", "configured"),
            ("UP", "internal")
        ])));
        assert!(cluster_lost(&stats(&[
            ("CONNECT", "configured"),
            ("UP", "internal")
        ])));
        assert!(cluster_lost(&stats(&[
            ("DOWN", "learned"),
            ("INIT", "configured")
        ])));
    }

    #[test]
    fn one_report_without_a_broker_is_not_yet_an_outage() {
        let context = SinkContext::new(Arc::default());
        let link = context.link();
        let down = br#"{"brokers":{"a:1/1":{"state":"TRY_CONNECT","source":"learned"}}}"#;
        let up = br#"{"brokers":{"a:1/1":{"state":"UP","source":"learned"}}}"#;
        context.stats_raw(down);
        assert!(link.reaches_cluster());
        context.stats_raw(down);
        assert!(!link.reaches_cluster());
        let successor = ClusterLink::after(&link);
        assert!(!successor.reaches_cluster());
        context.stats_raw(up);
        assert!(link.reaches_cluster());
    }
}
