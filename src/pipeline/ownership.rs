//! Applies the cluster's ownership changes: pollers start for the feeds of a restored
//! partition and stop, with their in-flight items finished, before a partition is handed over.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use tokio::sync::watch;

use super::poll::FeedPollers;
use super::{Shared, stop_requested};
use crate::cluster::{Cluster, Ownership};
use crate::config::{ClusterConfig, KafkaConfig};

/// Sets up the cluster's topic, retrying while the broker cannot be reached (the daemon waits
/// for its broker instead of exiting); `None` if a stop is asked for first.
pub(super) async fn connect(
    kafka: &KafkaConfig,
    config: &ClusterConfig,
    retention_days: u32,
    shutdown: &mut watch::Receiver<bool>,
) -> Option<Cluster> {
    let mut backoff = Duration::from_secs(2);
    loop {
        match Cluster::connect(kafka, config, retention_days).await {
            Ok(cluster) => return Some(cluster),
            Err(e) => {
                tracing::warn!(error = %e, retry_secs = backoff.as_secs(), "cannot join the cluster yet; retrying");
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(backoff) => {}
            _ = stop_requested(shutdown) => return None,
        }
        backoff = (backoff * 2).min(Duration::from_secs(60));
    }
}

/// The next change, or never outside a cluster.
pub(super) async fn next(
    events: &mut Option<mpsc::UnboundedReceiver<Ownership>>,
) -> Option<Ownership> {
    match events {
        Some(events) => events.recv().await,
        None => std::future::pending().await,
    }
}

pub(super) async fn apply(
    shared: &Arc<Shared>,
    pollers: &mut FeedPollers,
    change: Ownership,
    wait: Duration,
) {
    let Some(cluster) = &shared.cluster else {
        return;
    };
    match change {
        Ownership::Gained(partition) => {
            // The restored states must be readable before the first poll reads them.
            if let Err(e) = shared.writer.sync().await {
                tracing::error!(partition, error = %e, "restored feed state not saved; polling anyway");
            }
            cluster.set_owned(partition, true);
            let mut started = 0;
            for feed in shared.config.enabled_feeds() {
                if cluster.partition_of(&feed.id) == partition {
                    pollers.start(feed.clone(), false, false);
                    started += 1;
                }
            }
            tracing::info!(
                partition,
                feeds = started,
                "cluster: polling the partition's feeds"
            );
        }
        Ownership::Lost { partitions, done } => {
            for p in &partitions {
                cluster.set_owned(*p, false);
            }
            let feeds: Vec<String> = shared
                .config
                .feeds
                .iter()
                .filter(|f| partitions.contains(&cluster.partition_of(&f.id)))
                .map(|f| f.id.clone())
                .collect();
            let deadline = Instant::now() + wait;
            let stopped = tokio::time::timeout_at(deadline.into(), pollers.stop_feeds(&feeds));
            if stopped.await.is_err() {
                tracing::warn!("cluster: revoked feeds still polling at the wait's bound");
            }
            // Their items finish here, so the next owner reads them as done.
            while busy_items(shared, &feeds) > 0 && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            for id in &feeds {
                shared.health.remove_feed(id);
            }
            tracing::info!(
                ?partitions,
                feeds = feeds.len(),
                left_busy = busy_items(shared, &feeds),
                "cluster: partitions handed over"
            );
            let _ = done.send(());
        }
    }
    show_owned(shared);
}

/// Items of `feeds` still somewhere in the pipeline.
fn busy_items(shared: &Shared, feeds: &[String]) -> usize {
    shared
        .in_flight
        .lock()
        .map(|items| items.values().filter(|feed| feeds.contains(feed)).count())
        .unwrap_or(0)
}

/// `/metrics`: what this instance owns.
fn show_owned(shared: &Shared) {
    let Some(cluster) = &shared.cluster else {
        return;
    };
    let partitions = cluster.owned_partitions();
    let feeds = shared
        .config
        .enabled_feeds()
        .filter(|f| cluster.owns_feed(&f.id))
        .count();
    let metrics = &shared.metrics;
    metrics
        .cluster_partitions_owned
        .set(partitions.len() as i64);
    metrics.cluster_feeds_owned.set(feeds as i64);
}
