//! Article work shared through a second consumer group (docs/cluster.md).
//!
//! Pollers hand each new item to `<group_id>.work`, partitioned by item id, so every sighting of
//! one article (two feeds listing it, two polls) lands in one partition and so on one instance.
//! The members of `<group_id>.process` take the partitions; an item's offset is committed only
//! once all its records are acknowledged, after its `done:` record reached
//! `<group_id>.progress` (compacted, same partitioning). A new owner reads the progress
//! partition from its start before it takes any work, so it skips what was already published.

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::util::Timeout;
use rdkafka::{ClientContext, Message, Offset, TopicPartitionList};
use tokio::sync::mpsc;

use super::offsets::Progress;
use super::{
    ClusterError, ClusterRecord, WRITE_TIMEOUT, ensure_topic, instance_name, partition_of,
};
use crate::config::{ClusterConfig, KafkaConfig};
use crate::fetch::FeedItem;
use crate::state::{StateUpdate, StateWriter};

/// How long a restore may read a progress partition before it gives up on the marker.
const RESTORE_LIMIT: Duration = Duration::from_secs(60);

/// An item of an owned work partition, for the process stages.
pub struct Assigned {
    pub item: FeedItem,
    pub partition: i32,
    pub offset: i64,
}

/// The work and progress topics, their producer, and what this instance holds of them.
pub struct WorkTopics {
    work_topic: String,
    progress_topic: String,
    partitions: u32,
    producer: FutureProducer,
    instance: String,
    /// Work partitions restored and being processed here.
    owned: Mutex<HashSet<i32>>,
    /// Offsets received and not yet finished, per partition; what may be committed.
    progress: Mutex<Progress>,
}

impl WorkTopics {
    /// Creates the work and progress topics when missing; both must have the same partitions.
    pub async fn connect(
        kafka: &KafkaConfig,
        config: &ClusterConfig,
        retention_days: u32,
    ) -> Result<Self, ClusterError> {
        let client =
            crate::publish::consumer_config(kafka).map_err(|e| ClusterError(e.to_string()))?;
        let retention_ms = (u64::from(retention_days) * 86_400_000).to_string();
        let work_topic = config.work_topic();
        let progress_topic = config.progress_topic();
        let work = ensure_topic(
            &client,
            config,
            &work_topic,
            &[
                ("cleanup.policy", "delete"),
                ("retention.ms", &retention_ms),
            ],
        )
        .await?;
        let progress = ensure_topic(
            &client,
            config,
            &progress_topic,
            &[
                ("cleanup.policy", "compact,delete"),
                ("retention.ms", &retention_ms),
            ],
        )
        .await?;
        if work != progress {
            return Err(ClusterError(format!(
                "{work_topic} has {work} partitions and {progress_topic} {progress}; they must agree"
            )));
        }
        let producer = super::state_producer(&client)?;
        Ok(WorkTopics {
            work_topic,
            progress_topic,
            partitions: work,
            producer,
            instance: instance_name(),
            owned: Mutex::default(),
            progress: Mutex::default(),
        })
    }

    pub fn partition_of(&self, item_id: &str) -> i32 {
        partition_of(item_id, self.partitions)
    }

    /// Whether this instance processes the item's partition now.
    pub fn owns_item(&self, item_id: &str) -> bool {
        self.owns_partition(self.partition_of(item_id))
    }

    pub fn owns_partition(&self, partition: i32) -> bool {
        self.owned.lock().is_ok_and(|o| o.contains(&partition))
    }

    pub fn owned_partitions(&self) -> Vec<i32> {
        let mut owned: Vec<i32> = self
            .owned
            .lock()
            .map(|o| o.iter().copied().collect())
            .unwrap_or_default();
        owned.sort_unstable();
        owned
    }

    /// Hands a discovered item to the process group; acknowledged when this returns Ok.
    pub async fn hand_over(&self, item: &FeedItem) -> Result<(), ClusterError> {
        let payload = serde_json::to_vec(item).map_err(|e| ClusterError(format!("item: {e}")))?;
        self.write(
            &self.work_topic,
            self.partition_of(&item.id),
            &item.id,
            &payload,
        )
        .await
    }

    /// Records that every record of the item was acknowledged; then its offsets may be committed.
    pub async fn finished(&self, feed_id: &str, item_id: &str) -> Result<(), ClusterError> {
        let record = ClusterRecord::Done {
            feed: feed_id.to_string(),
        };
        let payload =
            serde_json::to_vec(&record).map_err(|e| ClusterError(format!("record: {e}")))?;
        let written = self
            .write(
                &self.progress_topic,
                self.partition_of(item_id),
                &record.key(item_id),
                &payload,
            )
            .await;
        // Committed even when the progress record failed: the article itself is acknowledged,
        // and holding the offset back would only publish it again after a takeover.
        self.complete(item_id);
        written
    }

    /// The item's offsets are done with (published, or skipped as done before).
    pub fn complete(&self, item_id: &str) {
        if let Ok(mut progress) = self.progress.lock() {
            progress.complete(item_id);
        }
    }

    /// Whether the pipeline may start this item: only while its partition is owned, checked
    /// under the same lock a revocation counts started items with.
    pub fn start(&self, assigned: &Assigned) -> bool {
        let Ok(mut progress) = self.progress.lock() else {
            return false;
        };
        if !self.owns_partition(assigned.partition) {
            return false;
        }
        progress.started(assigned.partition, assigned.offset);
        true
    }

    fn unfinished(&self, partitions: &[i32]) -> usize {
        self.progress
            .lock()
            .map_or(0, |progress| progress.unfinished(partitions))
    }

    /// The offsets to commit (of `only`, if given), marked as committed.
    fn to_commit(&self, only: Option<&[i32]>) -> TopicPartitionList {
        let mut list = TopicPartitionList::new();
        if let Ok(mut progress) = self.progress.lock() {
            for (partition, offset) in progress.take_commits(only) {
                let _ =
                    list.add_partition_offset(&self.work_topic, partition, Offset::Offset(offset));
            }
        }
        list
    }

    /// Partitions handed over: their progress goes (the work's items left are dropped).
    fn drop_partitions(&self, partitions: &[i32]) {
        if let Ok(mut owned) = self.owned.lock() {
            for p in partitions {
                owned.remove(p);
            }
        }
        if let Ok(mut progress) = self.progress.lock() {
            progress.drop_partitions(partitions);
        }
    }

    async fn write(
        &self,
        topic: &str,
        partition: i32,
        key: &str,
        payload: &[u8],
    ) -> Result<(), ClusterError> {
        let message = FutureRecord::to(topic)
            .partition(partition)
            .key(key)
            .payload(payload);
        self.producer
            .send(message, Timeout::After(WRITE_TIMEOUT))
            .await
            .map(|_| ())
            .map_err(|(e, _)| ClusterError(format!("write to {topic}: {e}")))
    }
}

/// The running member of the process group; [`Worker::leave`] commits and leaves.
pub struct Worker {
    context: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

struct Shared {
    topics: Arc<WorkTopics>,
    /// Gained partitions waiting for their progress to be restored.
    to_restore: Mutex<Vec<i32>>,
    stopping: AtomicBool,
    leave: AtomicBool,
    revoke_wait: Duration,
}

struct WorkerContext(Arc<Shared>);

impl ClientContext for WorkerContext {}

impl ConsumerContext for WorkerContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let Rebalance::Revoke(list) = rebalance else {
            return;
        };
        let topics = &self.0.topics;
        let partitions: Vec<i32> = list
            .elements_for_topic(&topics.work_topic)
            .iter()
            .map(|e| e.partition())
            .collect();
        if let Ok(mut to_restore) = self.0.to_restore.lock() {
            to_restore.retain(|p| !partitions.contains(p));
        }
        // No new item of these partitions starts here; those in flight finish first, so the
        // next owner finds them done.
        if let Ok(mut owned) = topics.owned.lock() {
            for p in &partitions {
                owned.remove(p);
            }
        }
        let deadline = Instant::now() + self.0.revoke_wait;
        while !self.0.stopping.load(Ordering::Relaxed)
            && topics.unfinished(&partitions) > 0
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        let commit = topics.to_commit(Some(&partitions));
        if commit.count() > 0
            && let Err(e) = consumer.commit(&commit, CommitMode::Sync)
        {
            tracing::warn!(error = %e, "cluster: cannot commit the revoked work partitions");
        }
        tracing::info!(
            ?partitions,
            left_unfinished = topics.unfinished(&partitions),
            "cluster: work partitions handed over"
        );
        topics.drop_partitions(&partitions);
    }

    fn post_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        match rebalance {
            Rebalance::Assign(list) => {
                let partitions: Vec<i32> = list
                    .elements_for_topic(&self.0.topics.work_topic)
                    .iter()
                    .map(|e| e.partition())
                    .collect();
                // Held until their progress is restored.
                if let Err(e) = consumer.pause(list) {
                    tracing::warn!(error = %e, "cluster: cannot pause the gained work partitions");
                }
                tracing::info!(
                    ?partitions,
                    "cluster: work partitions assigned; restoring their progress"
                );
                if let Ok(mut to_restore) = self.0.to_restore.lock() {
                    to_restore.extend(partitions);
                }
            }
            Rebalance::Error(e) => tracing::warn!(error = %e, "cluster: work rebalance failed"),
            Rebalance::Revoke(_) => {}
        }
    }
}

impl WorkTopics {
    /// Joins the process group; items of owned partitions arrive on the returned channel, at
    /// most `capacity` waiting.
    pub fn join(
        self: &Arc<Self>,
        kafka: &KafkaConfig,
        config: &ClusterConfig,
        writer: StateWriter,
        revoke_wait: Duration,
        capacity: usize,
    ) -> Result<(Worker, mpsc::Receiver<Assigned>), ClusterError> {
        let (items, receiver) = mpsc::channel(capacity.max(1));
        let shared = Arc::new(Shared {
            topics: self.clone(),
            to_restore: Mutex::default(),
            stopping: AtomicBool::new(false),
            leave: AtomicBool::new(false),
            revoke_wait,
        });
        let session = config.session_timeout_ms;
        let consumer: BaseConsumer<WorkerContext> = crate::publish::consumer_config(kafka)
            .map_err(|e| ClusterError(e.to_string()))?
            .set("group.id", config.process_group())
            .set("client.id", "newswire-worker")
            .set("enable.auto.commit", "false")
            .set("enable.auto.offset.store", "false")
            .set("auto.offset.reset", "earliest")
            .set("session.timeout.ms", session.to_string())
            .set("heartbeat.interval.ms", (session / 3).max(500).to_string())
            .set(
                "partition.assignment.strategy",
                super::membership::ASSIGNMENT,
            )
            .set("topic.metadata.refresh.interval.ms", "5000")
            .create_with_context(WorkerContext(shared.clone()))
            .map_err(|e| ClusterError(format!("process group consumer: {e}")))?;
        consumer
            .subscribe(&[&self.work_topic])
            .map_err(|e| ClusterError(format!("subscribe to {}: {e}", self.work_topic)))?;
        let kafka = kafka.clone();
        let runtime = tokio::runtime::Handle::current();
        let thread_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name("cluster-worker".into())
            .spawn(move || worker_loop(consumer, thread_shared, kafka, writer, items, runtime))
            .map_err(|e| ClusterError(format!("cannot start the worker thread: {e}")))?;
        Ok((
            Worker {
                context: shared,
                thread: Some(thread),
            },
            receiver,
        ))
    }
}

/// Most items received and not finished before the consumer pauses: bounds memory when the
/// sink is away and items stay pending.
fn unfinished_limit(capacity: usize) -> usize {
    capacity.saturating_mul(4).max(64)
}

fn worker_loop(
    consumer: BaseConsumer<WorkerContext>,
    shared: Arc<Shared>,
    kafka: KafkaConfig,
    writer: StateWriter,
    items: mpsc::Sender<Assigned>,
    runtime: tokio::runtime::Handle,
) {
    let topics = shared.topics.clone();
    let limit = unfinished_limit(items.max_capacity());
    let mut held: VecDeque<Assigned> = VecDeque::new();
    let mut paused = false;
    let mut last_commit = Instant::now();
    let mut last_error: Option<Instant> = None;
    while !shared.leave.load(Ordering::Relaxed) {
        let gained: Vec<i32> = shared
            .to_restore
            .lock()
            .map(|mut r| std::mem::take(&mut *r))
            .unwrap_or_default();
        if !gained.is_empty() {
            restore(&topics, &kafka, &writer, &runtime, &gained);
            if let Ok(mut owned) = topics.owned.lock() {
                owned.extend(gained.iter().copied());
            }
            if !paused {
                let _ = consumer.resume(&list_of(&topics.work_topic, &gained));
            }
        }
        // Items of partitions handed over meanwhile are not this instance's any more.
        held.retain(|a| topics.owns_partition(a.partition));
        while let Some(next) = held.pop_front() {
            match items.try_send(next) {
                Ok(()) => {}
                Err(mpsc::error::TrySendError::Full(next)) => {
                    held.push_front(next);
                    break;
                }
                Err(mpsc::error::TrySendError::Closed(_)) => return leave(consumer, &topics),
            }
        }
        let unfinished = topics.progress.lock().map_or(0, |p| p.items());
        let busy = !held.is_empty() || unfinished >= limit;
        if busy != paused
            && let Ok(assignment) = consumer.assignment()
        {
            let owned = topics.owned_partitions();
            let list = list_of(&topics.work_topic, &owned);
            let _ = if busy {
                consumer.pause(&assignment)
            } else {
                consumer.resume(&list)
            };
            paused = busy;
        }
        match consumer.poll(Duration::from_millis(100)) {
            Some(Ok(message)) => {
                let partition = message.partition();
                let offset = message.offset();
                match serde_json::from_slice::<FeedItem>(message.payload().unwrap_or_default()) {
                    Ok(item) if topics.owns_partition(partition) => {
                        if let Ok(mut progress) = topics.progress.lock() {
                            progress.received(&item.id, partition, offset);
                        }
                        held.push_back(Assigned {
                            item,
                            partition,
                            offset,
                        });
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(partition, offset, error = %e, "cluster: unreadable work record; skipped");
                        if let Ok(mut progress) = topics.progress.lock() {
                            progress.passed(partition, offset);
                        }
                    }
                }
            }
            Some(Err(e)) if last_error.is_none_or(|at| at.elapsed() > Duration::from_secs(30)) => {
                tracing::warn!(error = %e, "cluster: work consumer error");
                last_error = Some(Instant::now());
            }
            Some(Err(_)) | None => {}
        }
        if last_commit.elapsed() > Duration::from_millis(500) {
            commit(&consumer, &topics);
            last_commit = Instant::now();
        }
    }
    leave(consumer, &topics);
}

fn commit(consumer: &BaseConsumer<WorkerContext>, topics: &WorkTopics) {
    let list = topics.to_commit(None);
    if list.count() > 0
        && let Err(e) = consumer.commit(&list, CommitMode::Async)
    {
        tracing::warn!(error = %e, "cluster: cannot commit work offsets");
    }
}

/// Commits what is finished and leaves the group: the others take the partitions at once.
fn leave(consumer: BaseConsumer<WorkerContext>, topics: &WorkTopics) {
    let list = topics.to_commit(None);
    if list.count() > 0
        && let Err(e) = consumer.commit(&list, CommitMode::Sync)
    {
        tracing::warn!(error = %e, "cluster: cannot commit work offsets on leaving");
    }
    drop(consumer);
}

fn list_of(topic: &str, partitions: &[i32]) -> TopicPartitionList {
    let mut list = TopicPartitionList::new();
    for p in partitions {
        list.add_partition(topic, *p);
    }
    list
}

/// Reads the progress partitions from their start until this instance's marker comes back,
/// writing each finished item into the local store, then waits for the store to have them.
fn restore(
    topics: &WorkTopics,
    kafka: &KafkaConfig,
    writer: &StateWriter,
    runtime: &tokio::runtime::Handle,
    partitions: &[i32],
) {
    let started = Instant::now();
    let reader: Result<BaseConsumer, _> = crate::publish::consumer_config(kafka)
        .map_err(|e| e.to_string())
        .and_then(|c| {
            c.clone()
                .set("group.id", "newswire-restore")
                .set("enable.auto.commit", "false")
                .create()
                .map_err(|e| e.to_string())
        });
    let reader = match reader {
        Ok(reader) => reader,
        Err(e) => {
            tracing::error!(error = %e, "cluster: cannot read the progress topic; taking the work unrestored");
            return;
        }
    };
    let mut list = TopicPartitionList::new();
    for p in partitions {
        let _ = list.add_partition_offset(&topics.progress_topic, *p, Offset::Beginning);
    }
    if let Err(e) = reader.assign(&list) {
        tracing::error!(error = %e, "cluster: cannot read the progress topic; taking the work unrestored");
        return;
    }
    let nonce = super::membership::nonce();
    let mut waiting: HashSet<i32> = partitions.iter().copied().collect();
    for p in partitions {
        let record = ClusterRecord::Marker { nonce };
        let payload = serde_json::to_vec(&record).unwrap_or_default();
        let key = record.key(&topics.instance);
        let written = runtime.block_on(topics.write(&topics.progress_topic, *p, &key, &payload));
        if let Err(e) = written {
            tracing::warn!(partition = p, error = %e, "cluster: cannot write the progress marker");
            waiting.remove(p);
        }
    }
    let mut restored = 0usize;
    while !waiting.is_empty() && started.elapsed() < RESTORE_LIMIT {
        let Some(Ok(message)) = reader.poll(Duration::from_millis(200)) else {
            continue;
        };
        let key = String::from_utf8_lossy(message.key().unwrap_or_default()).into_owned();
        match serde_json::from_slice::<ClusterRecord>(message.payload().unwrap_or_default()) {
            Ok(ClusterRecord::Done { .. }) => {
                restored += 1;
                writer.send(StateUpdate::Done {
                    item_id: ClusterRecord::id_of(&key).to_string(),
                    article_id: None,
                });
            }
            Ok(ClusterRecord::Marker { nonce: seen })
                if seen == nonce && ClusterRecord::id_of(&key) == topics.instance =>
            {
                waiting.remove(&message.partition());
            }
            _ => {}
        }
    }
    if !waiting.is_empty() {
        tracing::warn!(partitions = ?waiting, "cluster: progress restore incomplete; some items may be published again");
    }
    if let Err(e) = runtime.block_on(writer.sync()) {
        tracing::error!(error = %e, "cluster: restored progress not saved");
    }
    tracing::info!(
        ?partitions,
        finished_items = restored,
        millis = started.elapsed().as_millis() as u64,
        "cluster: work partitions restored"
    );
}

impl Worker {
    /// The pipeline is stopping: revocations no longer wait for it.
    pub fn stopping(&self) {
        self.context.stopping.store(true, Ordering::Relaxed);
    }

    /// Commits what is finished and leaves the group.
    pub async fn leave(mut self) {
        self.stopping();
        self.context.leave.store(true, Ordering::Relaxed);
        super::join_group_thread(self.thread.take(), "process group").await;
    }
}
