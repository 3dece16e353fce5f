//! The Kafka sink: an idempotent rdkafka producer with acks=all.
//!
//! librdkafka retries retriable errors itself until `message.timeout.ms`
//! (`delivery_timeout_secs`); a full local queue is waited on, never dropped. What comes back
//! as an error after that is classified: refused for good (the record goes to the dead-letter
//! topic) or not delivered (the item stays pending and is retried).

mod context;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use prometheus_client::metrics::counter::Counter;
use rdkafka::ClientConfig;
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::util::Timeout;

use super::{Envelope, SinkError};
use crate::config::KafkaConfig;
use context::{ClusterLink, STATS_INTERVAL_MS, SinkContext};

type SinkProducer = FutureProducer<SinkContext>;

pub struct KafkaSink {
    settings: ClientConfig,
    /// Replaced when librdkafka reports a fatal error, or when deliveries keep timing out: an
    /// idempotent producer whose broker lost its producer state (a broker restored empty) never
    /// delivers again, and a fresh producer costs little if the broker is simply down.
    current: RwLock<Arc<Generation>>,
    replacing: Mutex<Replacing>,
    replacements: Counter,
    bootstrap_servers: String,
    /// `message.max.bytes`: a larger record is refused before it is queued.
    max_message_bytes: usize,
}

/// One producer and what happened to its own deliveries: failures of a replaced producer's
/// records (they time out after the replacement) never count against its successor.
struct Generation {
    number: u64,
    producer: SinkProducer,
    link: Arc<ClusterLink>,
    /// Timed-out deliveries of this producer since its last success.
    timeouts_in_a_row: AtomicU32,
}

/// When the producer was last replaced, and how long until it may be again.
struct Replacing {
    last: Option<Instant>,
    backoff: Duration,
}

/// Timed-out deliveries in a row after which the producer is replaced.
const TIMEOUTS_BEFORE_NEW_PRODUCER: u32 = 3;
/// The wait between replacements doubles from this while no delivery succeeds in between.
const FIRST_REPLACEMENT_BACKOFF: Duration = Duration::from_secs(10);
const MAX_REPLACEMENT_BACKOFF: Duration = Duration::from_secs(300);

/// librdkafka's default `message.max.bytes`.
const DEFAULT_MAX_MESSAGE_BYTES: usize = 1_000_000;

/// Client settings shared by the producer and `newswire consume`.
pub fn consumer_config(config: &KafkaConfig) -> Result<ClientConfig, SinkError> {
    let mut client = ClientConfig::new();
    client.set(
        "bootstrap.servers",
        config
            .resolved_bootstrap_servers()
            .map_err(SinkError::Refused)?,
    );
    for (key, value) in config.resolved_properties().map_err(SinkError::Refused)? {
        client.set(key, value);
    }
    Ok(client)
}

impl KafkaSink {
    /// `replacements` counts producers replaced (`newswire_sink_producer_replacements_total`).
    pub fn new(config: &KafkaConfig, replacements: Counter) -> Result<Self, SinkError> {
        let bootstrap_servers = config
            .resolved_bootstrap_servers()
            .map_err(SinkError::Refused)?;
        let mut client = ClientConfig::new();
        client
            .set("bootstrap.servers", &bootstrap_servers)
            .set("client.id", "newswire")
            .set("acks", "all")
            .set("enable.idempotence", "true")
            .set("compression.type", &config.compression)
            .set(
                "message.timeout.ms",
                (config.delivery_timeout_secs * 1000).to_string(),
            )
            .set("linger.ms", "20")
            // Broker connection states for `/readyz`.
            .set("statistics.interval.ms", STATS_INTERVAL_MS.to_string());
        // Pass-through properties come last: the operator's word wins.
        for (key, value) in config.resolved_properties().map_err(SinkError::Refused)? {
            client.set(key, value);
        }
        let max_message_bytes = client
            .get("message.max.bytes")
            .and_then(|m| m.parse().ok())
            .unwrap_or(DEFAULT_MAX_MESSAGE_BYTES);
        let first = Generation::new(0, &client, ClusterLink::default())?;
        Ok(KafkaSink {
            settings: client,
            current: RwLock::new(Arc::new(first)),
            replacing: Mutex::new(Replacing {
                last: None,
                backoff: FIRST_REPLACEMENT_BACKOFF,
            }),
            replacements,
            bootstrap_servers,
            max_message_bytes,
        })
    }

    fn current(&self) -> Arc<Generation> {
        match self.current.read() {
            Ok(current) => current.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Swaps the producer that failed for a fresh one when it is in a fatal state or stuck,
    /// unless it was replaced already or the last replacement is too recent.
    fn replace_if_broken(&self, failed: &Generation, error: &KafkaError) {
        let timed_out = matches!(
            error,
            KafkaError::MessageProduction(RDKafkaErrorCode::MessageTimedOut)
        );
        let stuck = timed_out
            && failed.timeouts_in_a_row.fetch_add(1, Ordering::Relaxed) + 1
                >= TIMEOUTS_BEFORE_NEW_PRODUCER;
        let Ok(mut current) = self.current.write() else {
            return;
        };
        if current.number != failed.number {
            return;
        }
        let reason = match failed.producer.client().fatal_error() {
            Some((code, reason)) => format!("fatal error {code}: {reason}"),
            None if stuck => "deliveries keep timing out".to_string(),
            None => return,
        };
        let Ok(mut replacing) = self.replacing.lock() else {
            return;
        };
        if replacing
            .last
            .is_some_and(|at| at.elapsed() < replacing.backoff)
        {
            return;
        }
        let link = ClusterLink::after(&failed.link);
        match Generation::new(failed.number + 1, &self.settings, link) {
            Ok(fresh) => {
                tracing::warn!(stage = "publish", reason = %reason, generation = fresh.number, "replaced the Kafka producer with a new one");
                *current = Arc::new(fresh);
                self.replacements.inc();
                if replacing.last.is_some() {
                    replacing.backoff = (replacing.backoff * 2).min(MAX_REPLACEMENT_BACKOFF);
                }
                replacing.last = Some(Instant::now());
            }
            Err(e) => {
                tracing::error!(stage = "publish", error = %e, "cannot recreate the Kafka producer")
            }
        }
    }

    /// A delivery of the current producer succeeded: it is not stuck, and replacements back
    /// off from the start again.
    fn delivered(&self, generation: &Generation) {
        generation.timeouts_in_a_row.store(0, Ordering::Relaxed);
        if let Ok(mut replacing) = self.replacing.lock() {
            replacing.backoff = FIRST_REPLACEMENT_BACKOFF;
        }
    }

    pub fn max_message_bytes(&self) -> usize {
        self.max_message_bytes
    }

    pub fn bootstrap_servers(&self) -> &str {
        &self.bootstrap_servers
    }

    pub async fn deliver(&self, envelope: Envelope) -> Result<(), SinkError> {
        let mut headers = OwnedHeaders::new_with_capacity(3);
        for (key, value) in envelope.headers() {
            headers = headers.insert(Header {
                key,
                value: Some(value),
            });
        }
        let record = FutureRecord::to(&envelope.topic)
            .key(&envelope.key)
            .payload(&envelope.payload)
            .headers(headers);
        let generation = self.current();
        match generation.producer.send(record, Timeout::Never).await {
            Ok(_) => {
                self.delivered(&generation);
                Ok(())
            }
            Err((error, _)) => {
                self.replace_if_broken(&generation, &error);
                Err(classify(&envelope.topic, error))
            }
        }
    }

    pub async fn flush(&self, timeout: Duration) -> Result<(), SinkError> {
        let producer = self.current().producer.clone();
        tokio::task::spawn_blocking(move || producer.flush(Timeout::After(timeout)))
            .await
            .map_err(|e| SinkError::Retriable(format!("flush task failed: {e}")))?
            .map_err(|e| SinkError::Retriable(format!("flush: {e}")))
    }

    /// Why the sink cannot deliver now (a fatal producer error, no broker reachable), if so.
    pub fn cannot_deliver(&self) -> Option<String> {
        let current = self.current();
        if let Some((code, reason)) = current.producer.client().fatal_error() {
            return Some(format!("fatal producer error {code}: {reason}"));
        }
        (!current.link.reaches_cluster()).then(|| "no Kafka broker reachable".to_string())
    }
}

impl Generation {
    fn new(number: u64, settings: &ClientConfig, link: ClusterLink) -> Result<Self, SinkError> {
        let context = SinkContext::new(Arc::new(link));
        let link = context.link();
        let producer = settings
            .create_with_context(context)
            .map_err(|e| SinkError::Refused(format!("invalid Kafka producer settings: {e}")))?;
        Ok(Generation {
            number,
            producer,
            link,
            timeouts_in_a_row: AtomicU32::new(0),
        })
    }
}

fn classify(topic: &str, error: KafkaError) -> SinkError {
    let refused = matches!(
        error,
        KafkaError::MessageProduction(
            RDKafkaErrorCode::MessageSizeTooLarge
                | RDKafkaErrorCode::InvalidMessage
                | RDKafkaErrorCode::InvalidMessageSize
                | RDKafkaErrorCode::InvalidRecord
                | RDKafkaErrorCode::TopicAuthorizationFailed
                | RDKafkaErrorCode::InvalidTopic
        )
    );
    let message = format!("topic {topic}: {error}");
    if refused {
        SinkError::Refused(message)
    } else {
        SinkError::Retriable(message)
    }
}
