//! Operating the daemon: metrics, health endpoints, logs.

mod feeds;
mod metrics;
mod server;

pub use feeds::{FeedHealth, feeds_table};
pub use metrics::{Metrics, labels};
pub use server::{Health, serve};

use crate::config::LogFormat;

/// Logs to stderr, human-readable or JSON; `RUST_LOG` filters (default `info`).
pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second init (tests, repeated runs in one process) keeps the first subscriber.
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
