//! Operating the daemon: metrics, health endpoints, the console, logs.

pub mod console;
mod feeds;
mod metrics;
mod server;

pub use feeds::{FeedHealth, feeds_table};
pub use metrics::{Metrics, labels};
pub use server::{Health, serve};

use crate::config::LogFormat;

/// Logs to stderr, human-readable or JSON; `RUST_LOG` filters (default `info`). Human logs are
/// coloured only on a terminal: files, pipes and journald get plain text.
pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && !no_color(std::env::var_os("NO_COLOR").as_deref());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colour)
        .with_writer(std::io::stderr);
    // A second init (tests, repeated runs in one process) keeps the first subscriber.
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// The NO_COLOR convention: set to anything but the empty string turns colour off.
fn no_color(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::no_color;
    use std::ffi::OsStr;

    #[test]
    fn no_color_counts_only_when_set_and_not_empty() {
        assert!(no_color(Some(OsStr::new("1"))));
        assert!(!no_color(Some(OsStr::new(""))));
        assert!(!no_color(None));
    }
}
