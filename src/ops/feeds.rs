//! Feed health as operators read it: the `/feeds` endpoint and `newswire feeds status`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::state::FeedState;

/// One feed's health and schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedHealth {
    pub id: String,
    /// `ok`, `warning` (the last document gave no items: see `last_warning`), `failing` (last
    /// poll failed; polling goes on with backoff) or `pending` (not polled).
    pub status: &'static str,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_polled_at: Option<DateTime<Utc>>,
    pub next_poll_at: Option<DateTime<Utc>>,
    pub consecutive_errors: u32,
    pub last_error: Option<String>,
    pub last_warning: Option<String>,
    pub interval_secs: Option<u64>,
    pub last_new_items: Option<usize>,
}

impl FeedHealth {
    pub fn new(id: &str, state: &FeedState) -> Self {
        let status = if state.consecutive_errors > 0 {
            "failing"
        } else if state.last_warning.is_some() {
            "warning"
        } else if state.last_polled_at.is_some() || state.last_success_at.is_some() {
            "ok"
        } else {
            "pending"
        };
        FeedHealth {
            id: id.to_string(),
            status,
            last_success_at: state.last_success_at,
            last_polled_at: state.last_polled_at,
            next_poll_at: state.next_poll_at,
            consecutive_errors: state.consecutive_errors,
            last_error: state.last_error.clone(),
            last_warning: state.last_warning.clone(),
            interval_secs: state.interval_secs,
            last_new_items: state.last_new_items,
        }
    }
}

/// A fixed-width table, one feed per line, for a terminal.
pub fn feeds_table(feeds: &[FeedHealth]) -> String {
    let time = |t: Option<DateTime<Utc>>| {
        t.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_else(|| "-".into())
    };
    let width = feeds.iter().map(|f| f.id.len()).max().unwrap_or(4).max(4);
    let mut out = format!(
        "{:width$}  {:7}  {:19}  {:19}  {:>6}  {:>8}  LAST ERROR OR WARNING\n",
        "FEED", "STATUS", "LAST SUCCESS", "NEXT POLL", "ERRORS", "INTERVAL"
    );
    for feed in feeds {
        out.push_str(&format!(
            "{:width$}  {:7}  {:19}  {:19}  {:>6}  {:>8}  {}\n",
            feed.id,
            feed.status,
            time(feed.last_success_at),
            time(feed.next_poll_at),
            feed.consecutive_errors,
            feed.interval_secs
                .map(|s| format!("{s}s"))
                .unwrap_or_else(|| "-".into()),
            feed.last_error
                .as_deref()
                .or(feed.last_warning.as_deref())
                .unwrap_or("-"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_feed_state() {
        assert_eq!(
            FeedHealth::new("a", &FeedState::default()).status,
            "pending"
        );
        let failing = FeedState {
            consecutive_errors: 2,
            last_error: Some("HTTP 500 from http://x/".into()),
            ..FeedState::default()
        };
        let health = FeedHealth::new("a", &failing);
        assert_eq!(health.status, "failing");
        let table = feeds_table(&[health]);
        assert!(table.starts_with("FEED"), "{table}");
        assert!(
            table.contains("failing") && table.contains("HTTP 500"),
            "{table}"
        );
        let silent = FeedState {
            last_polled_at: Some(Utc::now()),
            last_warning: Some("the feed lists no entries".into()),
            ..FeedState::default()
        };
        let health = FeedHealth::new("b", &silent);
        assert_eq!(health.status, "warning");
        let table = feeds_table(&[health]);
        assert!(
            table.contains("warning") && table.contains("lists no entries"),
            "{table}"
        );
    }
}
