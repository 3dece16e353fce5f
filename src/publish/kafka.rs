//! The Kafka sink: an idempotent rdkafka producer with acks=all.
//!
//! librdkafka retries retriable errors itself until `message.timeout.ms`
//! (`delivery_timeout_secs`); a full local queue is waited on, never dropped. What comes back
//! as an error after that is classified: refused for good (the record goes to the dead-letter
//! topic) or not delivered (the item stays pending and is retried).

use std::sync::RwLock;
use std::time::Duration;

use rdkafka::ClientConfig;
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::util::Timeout;

use super::{Envelope, SinkError};
use crate::config::KafkaConfig;

pub struct KafkaSink {
    settings: ClientConfig,
    /// Replaced when librdkafka reports a fatal error (an idempotent producer that lost its
    /// sequence, e.g. after a broker lost its state): a fatal producer never delivers again.
    producer: RwLock<FutureProducer>,
    bootstrap_servers: String,
}

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
            bootstrap_servers,
        })
    }

    fn producer(&self) -> FutureProducer {
        match self.producer.read() {
            Ok(producer) => producer.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Swaps a producer in a fatal state for a fresh one.
    fn replace_if_fatal(&self) {
        let Ok(mut producer) = self.producer.write() else {
            return;
        };
        if let Some((code, reason)) = producer.client().fatal_error() {
            match create_producer(&self.settings) {
                Ok(fresh) => {
                    tracing::warn!(stage = "publish", error = %format!("{code}: {reason}"), "Kafka producer hit a fatal error; replaced it with a new one");
                    *producer = fresh;
                }
                Err(e) => {
                    tracing::error!(stage = "publish", error = %e, "cannot recreate the Kafka producer")
                }
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
            Ok(_) => Ok(()),
            Err((error, _)) => {
                self.replace_if_fatal();
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

fn create_producer(settings: &ClientConfig) -> Result<FutureProducer, SinkError> {
    settings
        .create()
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
