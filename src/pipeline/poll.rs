//! Feed polling: one task per feed, on its own timer, never giving up on a feed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use tokio::sync::{mpsc, watch};
use url::Url;

use super::{Shared, Work};
use crate::config::FeedConfig;
use crate::fetch::{Fetched, parse_feed};
use crate::ops::labels;
use crate::state::{FeedState, Stage, StateUpdate};

/// Longest wait between polls of a failing feed.
const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

/// Polls `feed` until shutdown (or once), sending new items downstream.
pub(super) async fn poll_feed(
    shared: Arc<Shared>,
    feed: Arc<FeedConfig>,
    once: bool,
    mut shutdown: watch::Receiver<bool>,
    work_tx: mpsc::Sender<Work>,
) {
    loop {
        let outcome = poll_once(&shared, &feed, &work_tx).await;
        let wait = match outcome {
            Ok(()) => Duration::from_secs(feed.interval_secs),
            Err(consecutive_errors) => backoff(feed.interval_secs, consecutive_errors),
        };
        if once {
            return;
        }
        // Jitter spreads feeds configured alike, so one host is not hit by all at once.
        let wait = wait.mul_f64(0.9 + 0.2 * jitter(&feed.id));
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.changed() => return,
        }
        if *shutdown.borrow() {
            return;
        }
    }
}

/// Exponential backoff from the feed's interval, capped; the feed is always polled again.
fn backoff(interval_secs: u64, consecutive_errors: u32) -> Duration {
    let factor = 2u64.saturating_pow(consecutive_errors.min(16));
    Duration::from_secs(interval_secs.saturating_mul(factor)).min(MAX_BACKOFF)
}

/// A stable pseudo-random number in [0, 1) per feed and moment.
fn jitter(seed: &str) -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write(seed.as_bytes());
    (hasher.finish() % 10_000) as f64 / 10_000.0
}

/// One poll; on failure returns the feed's consecutive error count.
async fn poll_once(
    shared: &Arc<Shared>,
    feed: &FeedConfig,
    work_tx: &mpsc::Sender<Work>,
) -> Result<(), u32> {
    let feed_labels = labels(&[("feed", &feed.id)]);
    let mut state = shared.state.feed_state(&feed.id).unwrap_or_else(|e| {
        tracing::warn!(feed = %feed.id, error = %e, "cannot read feed state; polling unconditionally");
        FeedState::default()
    });
    let result = fetch_and_parse(shared, feed, &state).await;
    let outcome = match result {
        Ok(Some((validators, items))) => {
            let found = items.len();
            let new = enqueue_new(shared, feed, items, work_tx).await;
            tracing::info!(feed = %feed.id, items = found, new, "feed polled");
            state.validators = validators;
            Ok("ok")
        }
        Ok(None) => {
            tracing::debug!(feed = %feed.id, "feed not modified");
            Ok("not_modified")
        }
        Err(message) => {
            state.consecutive_errors += 1;
            tracing::warn!(feed = %feed.id, stage = "fetch", consecutive_errors = state.consecutive_errors, error = %message, "feed poll failed");
            state.last_error = Some(message);
            Err(state.consecutive_errors)
        }
    };
    shared
        .metrics
        .feed_polls
        .get_or_create(&labels(&[
            ("feed", &feed.id),
            ("outcome", outcome.unwrap_or("error")),
        ]))
        .inc();
    if outcome.is_ok() {
        state.consecutive_errors = 0;
        state.last_error = None;
        state.last_success_at = Some(Utc::now());
        shared
            .metrics
            .feed_last_success
            .get_or_create(&feed_labels)
            .set(Utc::now().timestamp());
    } else {
        shared
            .metrics
            .failures
            .get_or_create(&labels(&[("stage", "feed")]))
            .inc();
    }
    shared
        .metrics
        .feed_consecutive_errors
        .get_or_create(&feed_labels)
        .set(i64::from(state.consecutive_errors));
    let consecutive_errors = state.consecutive_errors;
    shared.writer.send(StateUpdate::Feed {
        id: feed.id.clone(),
        state,
    });
    outcome.map(|_| ()).map_err(|_| consecutive_errors)
}

type Polled = Option<(crate::fetch::Validators, Vec<crate::fetch::FeedItem>)>;

/// Fetches and parses the feed; `None` when not modified.
async fn fetch_and_parse(
    shared: &Arc<Shared>,
    feed: &FeedConfig,
    state: &FeedState,
) -> Result<Polled, String> {
    let url = Url::parse(&feed.url).map_err(|e| format!("invalid feed URL {}: {e}", feed.url))?;
    let started = Instant::now();
    let reach = shared.http.reach(feed.allow_private_networks);
    let fetched = shared.http.get(&url, &state.validators, reach).await;
    shared
        .metrics
        .fetch_seconds
        .get_or_create(&labels(&[("kind", "feed")]))
        .observe(started.elapsed().as_secs_f64());
    let document = match fetched.map_err(|e| e.to_string())? {
        Fetched::NotModified => return Ok(None),
        Fetched::Document(document) => document,
    };
    let feed_id = feed.id.clone();
    let validators = document.validators.clone();
    let parsed = tokio::task::spawn_blocking(move || {
        parse_feed(&feed_id, &document.url, &document.bytes, Utc::now())
    })
    .await
    .map_err(|e| format!("feed parser crashed: {e}"))?
    .map_err(|e| e.to_string())?;
    Ok(Some((validators, parsed.items)))
}

/// Sends the items not yet done (and not being worked on) downstream; returns how many.
async fn enqueue_new(
    shared: &Arc<Shared>,
    feed: &FeedConfig,
    items: Vec<crate::fetch::FeedItem>,
    work_tx: &mpsc::Sender<Work>,
) -> usize {
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    let stages = match shared.state.item_stages(&ids) {
        Ok(stages) => stages,
        Err(e) => {
            tracing::error!(feed = %feed.id, error = %e, "cannot read item state; skipping this poll's items");
            return 0;
        }
    };
    let mut new = 0;
    for (item, stage) in items.into_iter().zip(stages) {
        if stage == Some(Stage::Done) || !shared.claim(&item.id) {
            continue;
        }
        if stage.is_none() {
            shared
                .writer
                .send(StateUpdate::Discovered(Box::new(item.clone())));
            shared
                .metrics
                .items_discovered
                .get_or_create(&labels(&[("feed", &feed.id)]))
                .inc();
            shared
                .counters
                .items_discovered
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            new += 1;
        }
        let work = Work::new(item, Some(feed), shared, stage == Some(Stage::Announced));
        if work_tx.send(work).await.is_err() {
            break;
        }
    }
    new
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(60, 1), Duration::from_secs(120));
        assert_eq!(backoff(60, 3), Duration::from_secs(480));
        assert_eq!(backoff(60, 40), MAX_BACKOFF);
    }
}
