//! The Kafka sink: an idempotent rdkafka producer with acks=all.
//!
//! librdkafka retries retriable errors itself until `message.timeout.ms`
//! (`delivery_timeout_secs`); a full local queue is waited on, never dropped. What comes back
//! as an error after that is classified: refused for good (the record goes to the dead-letter
//! topic) or not delivered (the item stays pending and is retried).

use std::sync::RwLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use rdkafka::config::RDKafkaLogLevel;
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::util::Timeout;
use rdkafka::{ClientConfig, ClientContext};

use super::{Envelope, SinkError};
use crate::config::KafkaConfig;

type SinkProducer = FutureProducer<SinkContext>;

/// librdkafka reports every failed reconnect; while a broker is down that would be several
/// error lines a second. One warning per kind every 30 s says the same.
#[derive(Default)]
pub struct SinkContext {
    last_reported: std::sync::Mutex<std::collections::HashMap<String, std::time::Instant>>,
}

const REPORT_EVERY: Duration = Duration::from_secs(30);

impl SinkContext {
    fn due(&self, kind: &str) -> bool {
        let Ok(mut last) = self.last_reported.lock() else {
            return true;
        };
        let now = std::time::Instant::now();
        match last.get(kind) {
            Some(at) if now.duration_since(*at) < REPORT_EVERY => false,
            _ => {
                last.insert(kind.to_string(), now);
                true
            }
        }
    }
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
}

pub struct KafkaSink {
    settings: ClientConfig,
    /// Replaced when librdkafka reports a fatal error, or when deliveries keep timing out: an
    /// idempotent producer whose broker lost its producer state (a broker restored empty) never
    /// delivers again, and a fresh producer costs little if the broker is simply down.
    producer: RwLock<SinkProducer>,
    /// Timed-out deliveries since the last success.
    timeouts_in_a_row: AtomicU32,
    bootstrap_servers: String,
}

/// Timed-out deliveries in a row after which the producer is replaced.
const TIMEOUTS_BEFORE_NEW_PRODUCER: u32 = 3;

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
    pub fn new(config: &KafkaConfig) -> Result<Self, SinkError> {
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
            .set("linger.ms", "20");
        // Pass-through properties come last: the operator's word wins.
        for (key, value) in config.resolved_properties().map_err(SinkError::Refused)? {
            client.set(key, value);
        }
        let producer = create_producer(&client)?;
        Ok(KafkaSink {
            settings: client,
            producer: RwLock::new(producer),
            timeouts_in_a_row: AtomicU32::new(0),
            bootstrap_servers,
        })
    }

    fn producer(&self) -> SinkProducer {
        match self.producer.read() {
            Ok(producer) => producer.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Swaps a producer that is in a fatal state, or stuck, for a fresh one.
    fn replace_if_broken(&self, error: &KafkaError) {
        let timed_out = matches!(
            error,
            KafkaError::MessageProduction(RDKafkaErrorCode::MessageTimedOut)
        );
        let stuck = timed_out
            && self.timeouts_in_a_row.fetch_add(1, Ordering::Relaxed) + 1
                >= TIMEOUTS_BEFORE_NEW_PRODUCER;
        let Ok(mut producer) = self.producer.write() else {
            return;
        };
        let reason = match producer.client().fatal_error() {
            Some((code, reason)) => format!("fatal error {code}: {reason}"),
            None if stuck => "deliveries keep timing out".to_string(),
            None => return,
        };
        match create_producer(&self.settings) {
            Ok(fresh) => {
                tracing::warn!(stage = "publish", reason = %reason, "replaced the Kafka producer with a new one");
                *producer = fresh;
                self.timeouts_in_a_row.store(0, Ordering::Relaxed);
            }
            Err(e) => {
                tracing::error!(stage = "publish", error = %e, "cannot recreate the Kafka producer")
            }
        }
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
        match self.producer().send(record, Timeout::Never).await {
            Ok(_) => {
                self.timeouts_in_a_row.store(0, Ordering::Relaxed);
                Ok(())
            }
            Err((error, _)) => {
                self.replace_if_broken(&error);
                Err(classify(&envelope.topic, error))
            }
        }
    }

    pub async fn flush(&self, timeout: Duration) -> Result<(), SinkError> {
        let producer = self.producer();
        tokio::task::spawn_blocking(move || producer.flush(Timeout::After(timeout)))
            .await
            .map_err(|e| SinkError::Retriable(format!("flush task failed: {e}")))?
            .map_err(|e| SinkError::Retriable(format!("flush: {e}")))
    }

    pub fn fatal_error(&self) -> Option<String> {
        self.producer()
            .client()
            .fatal_error()
            .map(|(code, reason)| format!("{code}: {reason}"))
    }
}

fn create_producer(settings: &ClientConfig) -> Result<SinkProducer, SinkError> {
    settings
        .create_with_context(SinkContext::default())
        .map_err(|e| SinkError::Refused(format!("invalid Kafka producer settings: {e}")))
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
