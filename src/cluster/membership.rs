//! Group membership: a consumer of the feeds topic in its own thread. The group's assignment
//! decides which partitions (and so which feeds) this instance owns; the rebalance callbacks
//! stop the pollers of revoked partitions before they are handed over, and a gained partition
//! is reported only once its state is restored.
//!
//! Restoring: the consumer reads a gained partition from its start (nothing is ever committed),
//! writing feed states and finished items into the local store. To know where the partition
//! ends without trusting high watermarks, the new owner appends a marker of its own and reads
//! until the marker comes back.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext, Rebalance};
use rdkafka::producer::FutureRecord;
use rdkafka::util::Timeout;
use rdkafka::{ClientContext, Message, TopicPartitionList};
use tokio::sync::mpsc;

use super::{Cluster, ClusterError, ClusterRecord};
use crate::config::{ClusterConfig, KafkaConfig};
use crate::state::{StateUpdate, StateWriter};

/// The groups' assignment strategy; every member of a group must use the same one.
pub(super) const ASSIGNMENT: &str = "cooperative-sticky";

/// A change of what this instance owns, for the pipeline.
#[derive(Debug)]
pub enum Ownership {
    /// The partition's state is in the local store (once the writer syncs): poll its feeds.
    Gained(i32),
    /// Stop polling these partitions' feeds and let their in-flight items finish, then answer
    /// on `done`; the group hands them over only after that (or after the wait's bound).
    Lost {
        partitions: Vec<i32>,
        done: std::sync::mpsc::SyncSender<()>,
    },
}

/// The running membership; [`Membership::leave`] leaves the group.
pub struct Membership {
    context: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// What the callbacks and the consumer thread share.
struct Shared {
    cluster: Arc<Cluster>,
    events: mpsc::UnboundedSender<Ownership>,
    /// Partitions being restored: the nonce of the marker that ends each restore.
    restoring: Mutex<HashMap<i32, Restore>>,
    /// Set when the pipeline stops: callbacks no longer wait for it.
    stopping: AtomicBool,
    /// Set to end the consumer thread.
    leave: AtomicBool,
    revoke_wait: Duration,
}

struct Restore {
    nonce: u64,
    /// The marker is written once; until then it is retried.
    marker_written: bool,
}

struct MemberContext(Arc<Shared>);

impl ClientContext for MemberContext {}

impl ConsumerContext for MemberContext {
    fn pre_rebalance(&self, _: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let Rebalance::Revoke(list) = rebalance else {
            return;
        };
        let partitions = partitions_of(list, self.0.cluster.topic());
        if let Ok(mut restoring) = self.0.restoring.lock() {
            for p in &partitions {
                restoring.remove(p);
            }
        }
        tracing::info!(?partitions, "cluster: partitions revoked");
        if partitions.is_empty() || self.0.stopping.load(Ordering::Relaxed) {
            return;
        }
        // Stop before the hand-over: block the group's rebalance until the pipeline has.
        let (done, stopped) = std::sync::mpsc::sync_channel(1);
        if self
            .0
            .events
            .send(Ownership::Lost { partitions, done })
            .is_ok()
            && stopped.recv_timeout(self.0.revoke_wait).is_err()
        {
            tracing::warn!(
                wait_secs = self.0.revoke_wait.as_secs(),
                "cluster: revoked feeds still busy at the wait's bound; handing them over anyway"
            );
        }
    }

    fn post_rebalance(&self, _: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        match rebalance {
            Rebalance::Assign(list) => {
                let partitions = partitions_of(list, self.0.cluster.topic());
                tracing::info!(
                    ?partitions,
                    "cluster: partitions assigned; restoring their state"
                );
                if let Ok(mut restoring) = self.0.restoring.lock() {
                    for p in partitions {
                        restoring.insert(
                            p,
                            Restore {
                                nonce: nonce(),
                                marker_written: false,
                            },
                        );
                    }
                }
            }
            Rebalance::Error(e) => tracing::warn!(error = %e, "cluster: rebalance failed"),
            Rebalance::Revoke(_) => {}
        }
    }
}

fn partitions_of(list: &TopicPartitionList, topic: &str) -> Vec<i32> {
    list.elements_for_topic(topic)
        .iter()
        .map(|e| e.partition())
        .collect()
}

pub(super) fn nonce() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0);
    hasher.finish()
}

/// Joins the group and starts the consumer thread.
pub(super) fn join(
    cluster: Arc<Cluster>,
    kafka: &KafkaConfig,
    config: &ClusterConfig,
    writer: StateWriter,
    revoke_wait: Duration,
) -> Result<(Membership, mpsc::UnboundedReceiver<Ownership>), ClusterError> {
    let (events, receiver) = mpsc::unbounded_channel();
    let shared = Arc::new(Shared {
        cluster: cluster.clone(),
        events,
        restoring: Mutex::default(),
        stopping: AtomicBool::new(false),
        leave: AtomicBool::new(false),
        revoke_wait,
    });
    let session = config.session_timeout_ms;
    let consumer: BaseConsumer<MemberContext> = crate::publish::consumer_config(kafka)
        .map_err(|e| ClusterError(e.to_string()))?
        .set("group.id", &config.group_id)
        .set("client.id", "newswire-member")
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("auto.offset.reset", "earliest")
        .set("session.timeout.ms", session.to_string())
        .set("heartbeat.interval.ms", (session / 3).max(500).to_string())
        // Incremental: a rebalance revokes only the partitions that move, so the others keep
        // polling; the stop-before-hand-over callback covers each one that moves.
        .set("partition.assignment.strategy", ASSIGNMENT)
        .set("topic.metadata.refresh.interval.ms", "5000")
        .create_with_context(MemberContext(shared.clone()))
        .map_err(|e| ClusterError(format!("group consumer: {e}")))?;
    consumer
        .subscribe(&[cluster.topic()])
        .map_err(|e| ClusterError(format!("subscribe to {}: {e}", cluster.topic())))?;
    let runtime = tokio::runtime::Handle::current();
    let thread_shared = shared.clone();
    let thread = std::thread::Builder::new()
        .name("cluster-member".into())
        .spawn(move || member_loop(consumer, thread_shared, writer, runtime))
        .map_err(|e| ClusterError(format!("cannot start the member thread: {e}")))?;
    Ok((
        Membership {
            context: shared,
            thread: Some(thread),
        },
        receiver,
    ))
}

fn member_loop(
    consumer: BaseConsumer<MemberContext>,
    shared: Arc<Shared>,
    writer: StateWriter,
    runtime: tokio::runtime::Handle,
) {
    let mut last_error: Option<Instant> = None;
    while !shared.leave.load(Ordering::Relaxed) {
        write_markers(&shared, &runtime);
        match consumer.poll(Duration::from_millis(200)) {
            Some(Ok(message)) => restore(&shared, &writer, &message),
            // While the broker is away this repeats; once every 30 s says it.
            Some(Err(e)) if last_error.is_none_or(|at| at.elapsed() > Duration::from_secs(30)) => {
                tracing::warn!(error = %e, "cluster: group consumer error");
                last_error = Some(Instant::now());
            }
            Some(Err(_)) | None => {}
        }
    }
    // Dropping the consumer leaves the group: the others take the partitions at once.
    drop(consumer);
}

/// Appends the marker of every partition being restored that has none yet.
fn write_markers(shared: &Shared, runtime: &tokio::runtime::Handle) {
    let due: Vec<(i32, u64)> = match shared.restoring.lock() {
        Ok(restoring) => restoring
            .iter()
            .filter(|(_, r)| !r.marker_written)
            .map(|(p, r)| (*p, r.nonce))
            .collect(),
        Err(_) => return,
    };
    let cluster = &shared.cluster;
    for (partition, nonce) in due {
        let record = ClusterRecord::Marker { nonce };
        let key = record.key(&cluster.instance);
        let Ok(payload) = serde_json::to_vec(&record) else {
            continue;
        };
        let message = FutureRecord::to(cluster.topic())
            .partition(partition)
            .key(&key)
            .payload(&payload);
        let sent = runtime.block_on(
            cluster
                .producer
                .send(message, Timeout::After(super::WRITE_TIMEOUT)),
        );
        match sent {
            Ok(_) => {
                if let Ok(mut restoring) = shared.restoring.lock()
                    && let Some(r) = restoring.get_mut(&partition)
                    && r.nonce == nonce
                {
                    r.marker_written = true;
                }
            }
            Err((e, _)) => {
                tracing::warn!(partition, error = %e, "cluster: cannot write the restore marker; retrying")
            }
        }
    }
}

/// Applies one record of a partition being restored; the marker ends its restore.
fn restore(shared: &Shared, writer: &StateWriter, message: &impl Message) {
    let partition = message.partition();
    let Ok(mut restoring) = shared.restoring.lock() else {
        return;
    };
    let Some(restore) = restoring.get(&partition) else {
        // An owned partition: the records are this instance's own writes.
        return;
    };
    let key = String::from_utf8_lossy(message.key().unwrap_or_default()).into_owned();
    let id = ClusterRecord::id_of(&key);
    let record = match serde_json::from_slice::<ClusterRecord>(
        message.payload().unwrap_or_default(),
    ) {
        Ok(record) => record,
        Err(e) => {
            tracing::warn!(partition, key = %key, error = %e, "cluster: unreadable record in the feeds topic; skipped");
            return;
        }
    };
    match record {
        ClusterRecord::Feed(state) => writer.send(StateUpdate::Feed {
            id: id.to_string(),
            state,
        }),
        ClusterRecord::Done { .. } => writer.send(StateUpdate::Done {
            item_id: id.to_string(),
            article_id: None,
        }),
        ClusterRecord::Marker { nonce }
            if id == shared.cluster.instance && nonce == restore.nonce =>
        {
            restoring.remove(&partition);
            tracing::info!(partition, "cluster: partition restored");
            let _ = shared.events.send(Ownership::Gained(partition));
        }
        ClusterRecord::Marker { .. } => {}
    }
}

impl Membership {
    /// The pipeline is stopping: revocations no longer wait for it.
    pub fn stopping(&self) {
        self.context.stopping.store(true, Ordering::Relaxed);
    }

    /// Leaves the group (the others take the partitions over at once) and ends the thread.
    pub async fn leave(mut self) {
        self.stopping();
        self.context.leave.store(true, Ordering::Relaxed);
        super::join_group_thread(self.thread.take(), "group").await;
    }
}
