//! Applies the cluster's ownership changes: pollers start for the feeds of a restored
//! partition and stop, with their in-flight items finished, before a partition is handed over.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, watch};

use super::poll::FeedPollers;
use super::{Shared, stop_requested};
use crate::cluster::{Cluster, Ownership};
use crate::config::{ClusterConfig, KafkaConfig};
use crate::ops::labels;

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
            let started = pollers.start_where(|feed| cluster.partition_of(feed) == partition);
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
            let revoked = |feed: &str| partitions.contains(&cluster.partition_of(feed));
            let feeds = pollers.running_where(revoked);
            let deadline = Instant::now() + wait;
            let stopped = tokio::time::timeout_at(deadline.into(), pollers.stop_feeds(&feeds));
            if stopped.await.is_err() {
                tracing::warn!("cluster: revoked feeds still polling at the wait's bound");
            }
            // Their items finish here, so the next owner reads them as done.
            while busy_items(shared, revoked) > 0 && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            for id in &feeds {
                shared.health.remove_feed(id);
            }
            tracing::info!(
                ?partitions,
                feeds = feeds.len(),
                left_busy = busy_items(shared, revoked),
                "cluster: partitions handed over"
            );
            let _ = done.send(());
        }
    }
    show_owned(shared, pollers);
}

/// Items still somewhere in the pipeline whose feed `revoked` picks.
fn busy_items(shared: &Shared, revoked: impl Fn(&str) -> bool) -> usize {
    shared
        .in_flight
        .lock()
        .map(|items| items.values().filter(|feed| revoked(feed)).count())
        .unwrap_or(0)
}

/// `/metrics`: what this instance owns.
fn show_owned(shared: &Shared, pollers: &FeedPollers) {
    let Some(cluster) = &shared.cluster else {
        return;
    };
    let metrics = &shared.metrics;
    metrics
        .cluster_partitions_owned
        .set(cluster.owned_partitions().len() as i64);
    metrics
        .cluster_feeds_owned
        .set(pollers.running_count() as i64);
    let topic = cluster.topic();
    let owned = cluster.owned_partitions();
    for p in 0..cluster.partitions() as i32 {
        let labels = labels(&[("topic", topic), ("partition", &p.to_string())]);
        if owned.contains(&p) {
            metrics
                .cluster_partition_owned
                .get_or_create(&labels)
                .set(1);
        } else {
            metrics.cluster_partition_owned.remove(&labels);
        }
    }
}
