//! Several instances sharing the feeds through a Kafka consumer group (docs/cluster.md).
//!
//! One compacted topic, `<group_id>.feeds`, partitioned by a hash of the feed id, carries both
//! the ownership and the state that follows it: the group hands each instance some of its
//! partitions, the instance polls exactly the feeds that hash to them, and it keeps each feed's
//! state (validators, schedule, health) and the ids of the feed's finished items in the same
//! partition, so the next owner restores them before its first poll.

mod membership;
mod offsets;
mod records;
mod work;

use std::collections::BTreeSet;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::error::RDKafkaErrorCode;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::util::Timeout;

use crate::config::{ClusterConfig, KafkaConfig};
use crate::state::{FeedState, StateWriter};

pub use membership::{Membership, Ownership};
pub use records::{ClusterRecord, partition_of};
pub use work::{Assigned, WorkTopics, Worker};

/// How long one write to the feeds topic may take before it counts as failed.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// The producer of the cluster's own topics (feed state, work, progress): every write
/// acknowledged by all in-sync replicas, never duplicated by a retry.
fn state_producer(client: &rdkafka::ClientConfig) -> Result<FutureProducer, ClusterError> {
    client
        .clone()
        .set("acks", "all")
        .set("enable.idempotence", "true")
        .set("linger.ms", "5")
        .set("message.timeout.ms", WRITE_TIMEOUT.as_millis().to_string())
        .create()
        .map_err(|e| ClusterError(format!("producer: {e}")))
}

/// Waits (at most 10 s) for a group's consumer thread to leave the group and end.
async fn join_group_thread(thread: Option<std::thread::JoinHandle<()>>, group: &str) {
    let Some(thread) = thread else { return };
    let joined = tokio::task::spawn_blocking(move || thread.join());
    if tokio::time::timeout(Duration::from_secs(10), joined)
        .await
        .is_err()
    {
        tracing::warn!("cluster: leaving the {group} took over 10 s");
    }
}

#[derive(Debug, thiserror::Error)]
#[error("cluster: {0}")]
pub struct ClusterError(String);

/// This instance's view of the group: the partitions it owns and its writes to the feeds topic.
pub struct Cluster {
    topic: String,
    partitions: u32,
    producer: FutureProducer,
    /// Partitions whose state is restored and whose feeds this instance polls.
    owned: RwLock<BTreeSet<i32>>,
    /// Names this instance's restore markers.
    instance: String,
}

impl Cluster {
    /// Creates the feeds topic if it is missing and learns its partition count. Its records
    /// expire after `retention_days` like the local store's finished items; a feed's state is
    /// rewritten at every poll, so only feeds no longer polled lose theirs.
    pub async fn connect(
        kafka: &KafkaConfig,
        config: &ClusterConfig,
        retention_days: u32,
    ) -> Result<Self, ClusterError> {
        let client =
            crate::publish::consumer_config(kafka).map_err(|e| ClusterError(e.to_string()))?;
        let topic = config.feeds_topic();
        let retention_ms = (u64::from(retention_days) * 86_400_000).to_string();
        let partitions = ensure_topic(
            &client,
            config,
            &topic,
            &[
                ("cleanup.policy", "compact,delete"),
                ("retention.ms", &retention_ms),
            ],
        )
        .await?;
        let producer = state_producer(&client)?;
        Ok(Cluster {
            topic,
            partitions,
            producer,
            owned: RwLock::default(),
            instance: instance_name(),
        })
    }

    pub fn topic(&self) -> &str {
        &self.topic
    }

    pub fn partitions(&self) -> u32 {
        self.partitions
    }

    pub fn partition_of(&self, feed_id: &str) -> i32 {
        partition_of(feed_id, self.partitions)
    }

    /// Whether this instance polls the feed now.
    pub fn owns_feed(&self, feed_id: &str) -> bool {
        let partition = self.partition_of(feed_id);
        self.owned
            .read()
            .is_ok_and(|owned| owned.contains(&partition))
    }

    pub fn owned_partitions(&self) -> Vec<i32> {
        self.owned
            .read()
            .map(|owned| owned.iter().copied().collect())
            .unwrap_or_default()
    }

    pub fn set_owned(&self, partition: i32, owned: bool) {
        if let Ok(mut set) = self.owned.write() {
            if owned {
                set.insert(partition);
            } else {
                set.remove(&partition);
            }
        }
    }

    /// Joins the group: ownership changes arrive on the returned channel, restored state goes
    /// to `writer` before a partition is reported gained.
    pub fn join(
        self: &Arc<Self>,
        kafka: &KafkaConfig,
        config: &ClusterConfig,
        writer: StateWriter,
        revoke_wait: Duration,
    ) -> Result<(Membership, tokio::sync::mpsc::UnboundedReceiver<Ownership>), ClusterError> {
        membership::join(self.clone(), kafka, config, writer, revoke_wait)
    }

    /// Saves a feed's state in its partition; acknowledged when this returns Ok.
    pub async fn save_feed(&self, feed_id: &str, state: &FeedState) -> Result<(), ClusterError> {
        self.write(
            self.partition_of(feed_id),
            &ClusterRecord::Feed(state.clone()).key(feed_id),
            &ClusterRecord::Feed(state.clone()),
        )
        .await
    }

    /// Records that an item of `feed_id` is done (all its records acknowledged).
    pub async fn save_done(&self, feed_id: &str, item_id: &str) -> Result<(), ClusterError> {
        let record = ClusterRecord::Done {
            feed: feed_id.to_string(),
        };
        self.write(self.partition_of(feed_id), &record.key(item_id), &record)
            .await
    }

    async fn write(
        &self,
        partition: i32,
        key: &str,
        record: &ClusterRecord,
    ) -> Result<(), ClusterError> {
        let payload =
            serde_json::to_vec(record).map_err(|e| ClusterError(format!("record: {e}")))?;
        let message = FutureRecord::to(&self.topic)
            .partition(partition)
            .key(key)
            .payload(&payload);
        self.producer
            .send(message, Timeout::After(WRITE_TIMEOUT))
            .await
            .map(|_| ())
            .map_err(|(e, _)| ClusterError(format!("write to {}: {e}", self.topic)))
    }
}

/// Creates `topic` with the cluster's partitions, replicas and `settings` when it is missing;
/// returns its partition count (an existing topic keeps its own, which every instance then uses).
async fn ensure_topic(
    client: &rdkafka::ClientConfig,
    config: &ClusterConfig,
    topic: &str,
    settings: &[(&str, &str)],
) -> Result<u32, ClusterError> {
    let admin: AdminClient<DefaultClientContext> = client
        .create()
        .map_err(|e| ClusterError(format!("admin client: {e}")))?;
    let mut new_topic = NewTopic::new(
        topic,
        i32::try_from(config.partitions).unwrap_or(i32::MAX),
        TopicReplication::Fixed(i32::try_from(config.replication_factor).unwrap_or(1)),
    );
    for (key, value) in settings {
        new_topic = new_topic.set(key, value);
    }
    let options = AdminOptions::new().operation_timeout(Some(Duration::from_secs(30)));
    match admin.create_topics([&new_topic], &options).await {
        Ok(results) => {
            for result in results {
                match result {
                    Ok(_) | Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
                    Err((name, code)) => {
                        return Err(ClusterError(format!("cannot create topic {name}: {code}")));
                    }
                }
            }
        }
        Err(e) => return Err(ClusterError(format!("cannot create topic {topic}: {e}"))),
    }
    let partitions = partition_count(&admin, topic).await?;
    if partitions != config.partitions {
        tracing::warn!(topic = %topic, partitions, configured = config.partitions, "the topic exists with another partition count; using its own");
    }
    Ok(partitions)
}

/// The partition count of `topic`, once the broker's metadata shows it.
async fn partition_count(
    admin: &AdminClient<DefaultClientContext>,
    topic: &str,
) -> Result<u32, ClusterError> {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let found = admin
            .inner()
            .fetch_metadata(Some(topic), Duration::from_secs(5))
            .ok()
            .and_then(|metadata| {
                metadata
                    .topics()
                    .first()
                    .map(|t| t.partitions().len() as u32)
            })
            .filter(|count| *count > 0);
        if let Some(count) = found {
            return Ok(count);
        }
        if std::time::Instant::now() > deadline {
            return Err(ClusterError(format!(
                "topic {topic} has no partitions after 30 s"
            )));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// A name no other live instance has: host, process and a random part.
fn instance_name() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    format!(
        "{}-{}-{:x}",
        host.trim(),
        std::process::id(),
        hasher.finish()
    )
}
