//! The process side of a cluster: items of the work partitions this instance owns go through
//! fetch, process and publish, with a store of their own (the cache of the progress topic), so
//! that the poll side's "handed over" never reads as "published".

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::{Counters, PipelineError, Shared, Work, resume_periodically, stages, stop_requested};
use crate::cluster::{Assigned, WorkTopics, Worker};
use crate::config::{ClusterConfig, KafkaConfig};
use crate::ops::labels;
use crate::state::{Stage, StateStore, StateUpdate, StateWriter};

/// Sets up the work and progress topics, retrying while the broker cannot be reached; `None`
/// if a stop is asked for first.
pub(super) async fn connect(
    kafka: &KafkaConfig,
    config: &ClusterConfig,
    retention_days: u32,
    shutdown: &mut watch::Receiver<bool>,
) -> Option<WorkTopics> {
    let mut backoff = Duration::from_secs(2);
    loop {
        match WorkTopics::connect(kafka, config, retention_days).await {
            Ok(topics) => return Some(topics),
            Err(e) => {
                tracing::warn!(error = %e, retry_secs = backoff.as_secs(), "cannot set up the work topics yet; retrying");
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(backoff) => {}
            _ = stop_requested(shutdown) => return None,
        }
        backoff = (backoff * 2).min(Duration::from_secs(60));
    }
}

/// The running process side.
pub(super) struct Processor {
    shared: Arc<Shared>,
    worker: Worker,
    writer_thread: std::thread::JoinHandle<()>,
}

impl Processor {
    /// Joins the process group and starts the stages, adding their tasks to `tasks` so that
    /// the daemon's stop drains them with its own.
    pub(super) fn start(
        poller: &Arc<Shared>,
        topics: Arc<WorkTopics>,
        tasks: &mut Vec<JoinHandle<()>>,
        shutdown: watch::Receiver<bool>,
    ) -> Result<Self, PipelineError> {
        let config = poller.config.clone();
        let state = StateStore::open(&config.data_dir.join("work"))?;
        let cutoff =
            chrono::Utc::now() - chrono::Duration::days(i64::from(config.state.retention_days));
        state.prune(cutoff)?;
        let (writer, writer_thread) = StateWriter::start(state.clone());
        let capacity = config.pipeline.queue_capacity;
        let grace = Duration::from_secs(config.pipeline.shutdown_grace_secs);
        let kafka = config
            .kafka
            .clone()
            .ok_or_else(|| PipelineError::Role("the process side needs [kafka]".into()))?;
        let (worker, assigned) =
            topics.join(&kafka, &config.cluster, writer.clone(), grace, capacity)?;
        let shared = Arc::new(Shared {
            http: poller.http.clone(),
            state,
            writer,
            sink: poller.sink.clone(),
            rules: poller.rules.clone(),
            metrics: poller.metrics.clone(),
            health: poller.health.clone(),
            counters: Counters::default(),
            in_flight: Mutex::new(HashMap::new()),
            feed_turns: tokio::sync::Semaphore::new(1),
            // One pool of CPU slots for the instance, whichever side uses them.
            process_slots: poller.process_slots.clone(),
            cluster: None,
            polls: false,
            hand_over: None,
            work: Some(topics),
            config,
        });
        let (work_tx, work_rx) = mpsc::channel::<Work>(capacity);
        let (fetched_tx, fetched_rx) = mpsc::channel(capacity);
        let (processed_tx, processed_rx) = mpsc::channel(capacity);
        tasks.push(tokio::spawn(stages::fetch_stage(
            shared.clone(),
            work_rx,
            fetched_tx,
        )));
        tasks.push(tokio::spawn(stages::process_stage(
            shared.clone(),
            fetched_rx,
            processed_tx,
        )));
        tasks.push(tokio::spawn(stages::publish_stage(
            shared.clone(),
            processed_rx,
        )));
        tasks.push(tokio::spawn(take_work(
            shared.clone(),
            assigned,
            work_tx.clone(),
            shutdown.clone(),
        )));
        tasks.push(tokio::spawn(resume_periodically(
            shared.clone(),
            shutdown,
            work_tx,
        )));
        Ok(Processor {
            shared,
            worker,
            writer_thread,
        })
    }

    /// The daemon is stopping: revocations no longer wait for the stages.
    pub(super) fn stopping(&self) {
        self.worker.stopping();
    }

    /// Commits what is finished, leaves the group; returns (published, dead letters, pending).
    pub(super) async fn leave(self) -> (u64, u64, u64) {
        self.worker.leave().await;
        let shared = self.shared;
        if let Err(e) = shared.writer.sync().await {
            tracing::warn!(error = %e, "process side: state not saved");
        }
        let counts = (
            shared.counters.articles_published.load(Ordering::Relaxed),
            shared.counters.dead_letters.load(Ordering::Relaxed),
            shared.items_left_pending(),
        );
        drop(shared);
        let thread = self.writer_thread;
        let joined = tokio::task::spawn_blocking(move || thread.join());
        let _ = tokio::time::timeout(Duration::from_secs(1), joined).await;
        counts
    }
}

/// Turns the items of owned work partitions into work for the fetch stage: an item already
/// done (another feed listed it, or a previous owner published it) is only acknowledged, one
/// being worked on waits for that.
async fn take_work(
    shared: Arc<Shared>,
    mut assigned: mpsc::Receiver<Assigned>,
    work_tx: mpsc::Sender<Work>,
    mut shutdown: watch::Receiver<bool>,
) {
    let Some(topics) = shared.work.clone() else {
        return;
    };
    let mut show = tokio::time::interval(Duration::from_secs(1));
    let mut shown: Vec<i32> = Vec::new();
    loop {
        let next = tokio::select! {
            next = assigned.recv() => next,
            _ = show.tick() => {
                shown = show_owned(&shared, &topics, shown);
                continue;
            }
            _ = stop_requested(&mut shutdown) => None,
        };
        let Some(next) = next else {
            break;
        };
        if !topics.start(&next) {
            continue;
        }
        let item = next.item;
        let mut stage = match shared.state.item_stages(&[item.id.as_str()]) {
            Ok(stages) => stages.into_iter().next().flatten(),
            Err(e) => {
                tracing::warn!(item = %item.id, error = %e, "cannot read item state; processing it");
                None
            }
        };
        if stage != Some(Stage::Done) {
            if !shared.claim(&item) {
                continue;
            }
            stage = shared.stage_after_claim(&item.id, stage);
        }
        if stage == Some(Stage::Done) {
            shared
                .metrics
                .cluster_work_skipped
                .get_or_create(&labels(&[("reason", "done")]))
                .inc();
            topics.complete(&item.id);
            continue;
        }
        if stage.is_none() {
            shared
                .writer
                .send(StateUpdate::Discovered(Box::new(item.clone())));
        }
        let feed = shared.config.feeds.iter().find(|f| f.id == item.feed.id);
        let work = Work::new(item, feed, &shared, stage == Some(Stage::Announced));
        if work_tx.send(work).await.is_err() {
            break;
        }
    }
}

/// `/metrics`: the work partitions owned here.
fn show_owned(shared: &Shared, topics: &WorkTopics, shown: Vec<i32>) -> Vec<i32> {
    let owned = topics.owned_partitions();
    if owned == shown {
        return shown;
    }
    let metrics = &shared.metrics;
    let topic = shared.config.cluster.work_topic();
    for p in &shown {
        metrics
            .cluster_partition_owned
            .remove(&labels(&[("topic", &topic), ("partition", &p.to_string())]));
    }
    for p in &owned {
        metrics
            .cluster_partition_owned
            .get_or_create(&labels(&[("topic", &topic), ("partition", &p.to_string())]))
            .set(1);
    }
    metrics
        .cluster_work_partitions_owned
        .set(owned.len() as i64);
    owned
}
