//! Sinks: where records go. Kafka when `[kafka]` is configured, else JSON Lines files with
//! exactly the same records. A record counts as delivered only when the sink acknowledged it
//! (broker ack with acks=all, or the line written and synced to disk).

mod jsonl;
mod kafka;
pub mod records;
mod spool;

use std::time::Duration;

pub use jsonl::{JsonlSink, jsonl_path};
pub use kafka::{KafkaSink, consumer_config};
pub use records::{
    ArticleRecord, DeadLetterRecord, EnrichmentCoverage, Extraction, ItemRecord, Site,
};
pub use spool::{Spool, SpoolMetrics};

/// One record on its way to a topic.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub topic: String,
    /// Item id or article id: lets consumers de-duplicate and topics be compacted.
    pub key: String,
    pub schema: &'static str,
    pub feed_id: String,
    pub payload: Vec<u8>,
}

impl Envelope {
    pub fn new<T: serde::Serialize>(
        topic: &str,
        key: &str,
        schema: &'static str,
        feed_id: &str,
        record: &T,
    ) -> Result<Self, SinkError> {
        let payload = serde_json::to_vec(record)
            .map_err(|e| SinkError::Refused(format!("record does not serialise: {e}")))?;
        Ok(Envelope {
            topic: topic.to_string(),
            key: key.to_string(),
            schema,
            feed_id: feed_id.to_string(),
            payload,
        })
    }

    /// The headers every record carries.
    pub fn headers(&self) -> [(&'static str, &str); 3] {
        [
            ("content-type", "application/json"),
            ("newswire-schema", self.schema),
            ("newswire-feed", &self.feed_id),
        ]
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum SinkError {
    /// Not delivered now (broker down, timeout, disk full): the item stays pending and is retried.
    #[error("not delivered, will retry: {0}")]
    Retriable(String),
    /// The sink will never take this record (too large, invalid, not authorised).
    #[error("refused: {0}")]
    Refused(String),
}

pub enum Sink {
    Kafka(KafkaSink),
    /// Kafka behind the on-disk spool: a record is acknowledged once it is synced to the
    /// spool, and reaches the broker later, in order.
    Spooled(Spool),
    Jsonl(JsonlSink),
}

impl Sink {
    /// Resolves when the record is acknowledged, or failed for good.
    pub async fn deliver(&self, envelope: Envelope) -> Result<(), SinkError> {
        match self {
            Sink::Kafka(sink) => sink.deliver(envelope).await,
            Sink::Spooled(spool) => spool.append(envelope).await,
            Sink::Jsonl(sink) => sink.deliver(envelope).await,
        }
    }

    /// Resolves once the broker itself acknowledged every record delivered so far (at once
    /// without a spool, where delivered means that already).
    pub async fn broker_caught_up(&self) {
        if let Sink::Spooled(spool) = self {
            spool.broker_caught_up().await;
        }
    }

    /// Resolves while the sink can take new records without waiting: always, but for a full
    /// spool. Polling waits on it.
    pub async fn room(&self) {
        if let Sink::Spooled(spool) = self {
            spool.room().await;
        }
    }

    /// Waits for everything queued to be acknowledged, at most `timeout`.
    pub async fn flush(&self, timeout: Duration) -> Result<(), SinkError> {
        match self {
            Sink::Kafka(sink) => sink.flush(timeout).await,
            Sink::Spooled(spool) => spool.flush(timeout).await,
            Sink::Jsonl(_) => Ok(()),
        }
    }

    /// For logs and `/readyz`.
    pub fn describe(&self) -> String {
        match self {
            Sink::Kafka(sink) => format!("kafka {}", sink.bootstrap_servers()),
            Sink::Spooled(spool) => spool.describe(),
            Sink::Jsonl(sink) => format!("jsonl {}", sink.dir().display()),
        }
    }

    /// Why the sink cannot deliver right now (no broker reachable, a fatal producer error, a
    /// failing disk), if so; `/readyz` reports it.
    pub fn cannot_deliver(&self) -> Option<String> {
        match self {
            Sink::Kafka(sink) => sink.cannot_deliver(),
            Sink::Spooled(spool) => spool.cannot_deliver(),
            Sink::Jsonl(sink) => sink.cannot_deliver(),
        }
    }
}
