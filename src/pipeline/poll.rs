//! Feed polling: one task per feed, on its own adaptive timer, never giving up on a feed.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use url::Url;

use super::{Shared, Work};
use crate::config::FeedConfig;
use crate::fetch::schedule::{MAX_BACKOFF, PollResult};
use crate::fetch::{FetchError, Fetched, parse_feed};
use crate::ops::console::PollSeen;
use crate::ops::{FeedHealth, labels};
use crate::state::{FeedState, Stage, StateUpdate};

/// The running pollers, one per enabled feed, which a config reload adds, stops and replaces.
pub(super) struct FeedPollers {
    pub(super) shared: Arc<Shared>,
    pub(super) work_tx: mpsc::Sender<Work>,
    pub(super) running: HashMap<String, Poller>,
    /// The feed list as last loaded (a reload replaces it): what a gained partition starts.
    pub(super) configured: Vec<FeedConfig>,
    /// Stopped pollers finishing their current poll.
    stopping: Vec<JoinHandle<()>>,
    /// Feeds an operator paused from the console, with their config, until resumed.
    pub(super) paused: HashMap<String, FeedConfig>,
}

pub(super) struct Poller {
    pub(super) feed: Arc<FeedConfig>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl FeedPollers {
    pub(super) fn new(shared: Arc<Shared>, work_tx: mpsc::Sender<Work>) -> Self {
        forget_removed_feeds(&shared);
        FeedPollers {
            configured: shared.config.feeds.clone(),
            shared,
            work_tx,
            running: HashMap::new(),
            stopping: Vec::new(),
            paused: HashMap::new(),
        }
    }

    /// Starts the enabled feeds that `wanted` picks and are not running; returns how many.
    pub(super) fn start_where(&mut self, wanted: impl Fn(&str) -> bool) -> usize {
        let feeds: Vec<FeedConfig> = self
            .configured
            .iter()
            .filter(|f| {
                f.enabled
                    && wanted(&f.id)
                    && !self.running.contains_key(&f.id)
                    && !self.paused.contains_key(&f.id)
            })
            .cloned()
            .collect();
        let started = feeds.len();
        for feed in feeds {
            self.start(feed, false, false);
        }
        started
    }

    /// Ids of the running feeds that `wanted` picks.
    pub(super) fn running_where(&self, wanted: impl Fn(&str) -> bool) -> Vec<String> {
        self.running
            .keys()
            .filter(|id| wanted(id))
            .cloned()
            .collect()
    }

    pub(super) fn running_count(&self) -> usize {
        self.running.len()
    }

    /// Starts a poller; `poll_now` skips the stored schedule (first run of `--once`, a changed feed).
    pub(super) fn start(&mut self, feed: FeedConfig, once: bool, poll_now: bool) {
        let feed = Arc::new(feed);
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(poll_feed(
            self.shared.clone(),
            feed.clone(),
            once,
            poll_now,
            stopped,
            self.work_tx.clone(),
        ));
        let replaced = self
            .running
            .insert(feed.id.clone(), Poller { feed, stop, task });
        if let Some(old) = replaced {
            self.retire(old);
        }
    }

    pub(super) fn retire(&mut self, poller: Poller) {
        // An in-progress poll finishes and its items go on through the stages.
        let _ = poller.stop.send(true);
        self.stopping.push(poller.task);
    }

    /// Applies a reloaded feed list: added feeds start, removed ones stop, changed ones restart
    /// and poll at once with their new settings; unchanged ones keep their schedule.
    pub(super) fn reload(&mut self, feeds: &[FeedConfig]) {
        let kept: HashSet<&str> = feeds.iter().map(|f| f.id.as_str()).collect();
        for gone in self
            .configured
            .iter()
            .filter(|f| !kept.contains(f.id.as_str()))
        {
            self.shared
                .writer
                .send(StateUpdate::FeedRemoved(gone.id.clone()));
        }
        self.configured = feeds.to_vec();
        let wanted: HashMap<&str, &FeedConfig> = feeds
            .iter()
            .filter(|f| f.enabled && self.shared.owns_feed(&f.id))
            .map(|f| (f.id.as_str(), f))
            .collect();
        let removed: Vec<String> = self
            .running
            .keys()
            .filter(|id| !wanted.contains_key(id.as_str()))
            .cloned()
            .collect();
        self.paused.retain(|id, _| wanted.contains_key(id.as_str()));
        for id in &removed {
            if let Some(poller) = self.running.remove(id) {
                self.retire(poller);
            }
            self.shared.health.remove_feed(id);
        }
        let (mut added, mut changed) = (0, 0);
        for (id, feed) in wanted {
            if let Some(paused) = self.paused.get_mut(id) {
                *paused = feed.clone();
                continue;
            }
            match self.running.get(id) {
                Some(poller) if *poller.feed == *feed => {}
                Some(_) => {
                    changed += 1;
                    self.start(feed.clone(), false, true);
                }
                None => {
                    added += 1;
                    self.start(feed.clone(), false, false);
                }
            }
        }
        tracing::info!(
            added,
            removed = removed.len(),
            changed,
            feeds = self.running.len(),
            "config reloaded; feed changes applied (other sections apply at restart)"
        );
    }

    /// Stops the pollers of `ids` and waits for their current polls to end.
    pub(super) async fn stop_feeds(&mut self, ids: &[String]) {
        let mut stopped = Vec::new();
        for id in ids {
            if let Some(poller) = self.running.remove(id) {
                let _ = poller.stop.send(true);
                stopped.push(poller.task);
            }
        }
        for task in stopped {
            let _ = task.await;
        }
    }

    /// Stops every poller and waits for them.
    pub(super) async fn stop_all(mut self) {
        for (_, poller) in std::mem::take(&mut self.running) {
            self.retire(poller);
        }
        for task in self.stopping {
            let _ = task.await;
        }
    }

    /// Waits for every poller to end by itself (`--once`).
    pub(super) async fn finish(self) {
        for (_, poller) in self.running {
            let _ = poller.task.await;
        }
        for task in self.stopping {
            let _ = task.await;
        }
    }
}

/// Drops the stored history of feeds taken out of the config while the daemon was down.
fn forget_removed_feeds(shared: &Shared) {
    let configured: HashSet<&str> = shared.config.feeds.iter().map(|f| f.id.as_str()).collect();
    match shared.state.history_feed_ids() {
        Ok(ids) => {
            for id in ids
                .into_iter()
                .filter(|id| !configured.contains(id.as_str()))
            {
                shared.writer.send(StateUpdate::FeedRemoved(id));
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "feed histories not read; those of removed feeds stay for now")
        }
    }
}

/// Polls `feed` until stopped (or once), sending new items downstream.
async fn poll_feed(
    shared: Arc<Shared>,
    feed: Arc<FeedConfig>,
    once: bool,
    poll_now: bool,
    mut shutdown: watch::Receiver<bool>,
    work_tx: mpsc::Sender<Work>,
) {
    match shared.state.feed_history(&feed.id) {
        Ok(history) => shared.health.console.restore_feed(&feed.id, &history),
        Err(e) => tracing::warn!(feed = %feed.id, error = %e, "feed history not read"),
    }
    // A schedule set before a restart (a Retry-After, a backoff) still holds.
    let mut wait = if once || poll_now {
        Duration::ZERO
    } else {
        scheduled_wait(&shared, &feed)
    };
    loop {
        if !wait.is_zero() {
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = shutdown.changed() => return,
            }
        }
        // A full spool pauses polling until the broker takes records again.
        tokio::select! {
            _ = shared.sink.room() => {}
            _ = shutdown.changed() => return,
        }
        if *shutdown.borrow() {
            return;
        }
        wait = poll_once(&shared, &feed, &work_tx).await;
        if once {
            return;
        }
    }
}

/// Time left until the feed's stored next poll; zero when due or unknown. Meanwhile /feeds and
/// the feed gauges show the stored state, so a restarted daemon does not look blank.
fn scheduled_wait(shared: &Shared, feed: &FeedConfig) -> Duration {
    let state = shared.state.feed_state(&feed.id).unwrap_or_default();
    show_feed_state(shared, &feed.id, &state);
    state
        .next_poll_at
        .and_then(|at| (at - Utc::now()).to_std().ok())
        .map_or(Duration::ZERO, |wait| wait.min(MAX_BACKOFF))
}

/// A feed's health in /feeds and its gauges in /metrics.
fn show_feed_state(shared: &Shared, feed_id: &str, state: &FeedState) {
    let feed_labels = labels(&[("feed", feed_id)]);
    let metrics = &shared.metrics;
    metrics
        .feed_consecutive_errors
        .get_or_create(&feed_labels)
        .set(i64::from(state.consecutive_errors));
    if let Some(at) = state.last_success_at {
        metrics
            .feed_last_success
            .get_or_create(&feed_labels)
            .set(at.timestamp());
    }
    if let Some(at) = state.next_poll_at {
        metrics
            .feed_next_poll
            .get_or_create(&feed_labels)
            .set(at.timestamp());
    }
    if let Some(secs) = state.interval_secs {
        metrics
            .feed_interval
            .get_or_create(&feed_labels)
            .set(i64::try_from(secs).unwrap_or(i64::MAX));
    }
    shared.health.set_feed(FeedHealth::new(feed_id, state));
}

/// A pseudo-random number in [0, 1), different on every call.
fn jitter(seed: &str) -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write(seed.as_bytes());
    (hasher.finish() % 10_000) as f64 / 10_000.0
}

/// One poll; returns how long to wait before the next.
async fn poll_once(
    shared: &Arc<Shared>,
    feed: &FeedConfig,
    work_tx: &mpsc::Sender<Work>,
) -> Duration {
    // Held through fetch, parse and queueing: the parsed items are what costs memory.
    let Ok(_turn) = shared.feed_turns.acquire().await else {
        return Duration::from_secs(feed.interval_secs);
    };
    let mut state = shared.state.feed_state(&feed.id).unwrap_or_else(|e| {
        tracing::warn!(feed = %feed.id, error = %e, "cannot read feed state; polling unconditionally");
        FeedState::default()
    });
    let now = Utc::now();
    let result = match fetch_and_parse(shared, feed, &state).await {
        Ok(Polled::Feed {
            validators,
            items,
            fresh_for,
            ttl,
            warning,
        }) => {
            let listed = items.len();
            if let Some(warning) = &warning {
                tracing::warn!(feed = %feed.id, warning = %warning, "feed parsed but gave no items");
            }
            state.last_warning = warning;
            let new_items = enqueue_new(shared, feed, items, work_tx).await;
            tracing::info!(feed = %feed.id, items = listed, new = new_items, "feed polled");
            state.validators = validators;
            state.last_new_items = Some(new_items);
            PollResult::Fetched {
                new_items,
                listed,
                fresh_for,
                ttl,
            }
        }
        Ok(Polled::NotModified { fresh_for }) => {
            tracing::debug!(feed = %feed.id, "feed not modified");
            PollResult::NotModified { fresh_for }
        }
        Err(PollError {
            message,
            retry_after,
        }) => {
            state.consecutive_errors += 1;
            tracing::warn!(feed = %feed.id, stage = "fetch", consecutive_errors = state.consecutive_errors, retry_after_secs = retry_after.map(|r| r.as_secs()), error = %message, "feed poll failed");
            if let Ok(mut failed) = shared.counters.failed_feeds.lock() {
                failed.insert(feed.id.clone(), message.clone());
            }
            state.last_error = Some(message);
            PollResult::Failed {
                consecutive_errors: state.consecutive_errors,
                retry_after,
            }
        }
    };
    let outcome = match result {
        PollResult::Fetched { .. } => "ok",
        PollResult::NotModified { .. } => "not_modified",
        PollResult::Failed { .. } => "error",
    };
    shared
        .metrics
        .feed_polls
        .get_or_create(&labels(&[("feed", &feed.id), ("outcome", outcome)]))
        .inc();
    if outcome == "error" {
        shared
            .metrics
            .failures
            .get_or_create(&labels(&[("stage", "feed")]))
            .inc();
    } else {
        if let Ok(mut failed) = shared.counters.failed_feeds.lock() {
            failed.remove(&feed.id);
        }
        state.consecutive_errors = 0;
        state.last_error = None;
        state.last_success_at = Some(now);
    }
    let (listed, new_items) = match result {
        PollResult::Fetched {
            listed, new_items, ..
        } => (listed, new_items),
        _ => (0, 0),
    };
    let poll = PollSeen {
        at: now,
        outcome,
        listed,
        new_items,
        error: state.last_error.clone(),
    };
    shared.writer.send(StateUpdate::Polled {
        feed_id: feed.id.clone(),
        poll: poll.record(),
    });
    shared.health.console.feed_polled(&feed.id, poll);
    let next = feed.cadence(&shared.config.pipeline).next(
        state.interval_secs.map(Duration::from_secs),
        result,
        jitter(&feed.id),
    );
    let next_poll_at = now + chrono::Duration::from_std(next.wait).unwrap_or(chrono::Duration::MAX);
    state.last_polled_at = Some(now);
    state.interval_secs = Some(next.interval.as_secs());
    state.next_poll_at = Some(next_poll_at);
    show_feed_state(shared, &feed.id, &state);
    // In a cluster the feed's next owner restores this, Retry-After included.
    if let Some(cluster) = &shared.cluster
        && let Err(e) = cluster.save_feed(&feed.id, &state).await
    {
        tracing::warn!(feed = %feed.id, error = %e, "feed state not saved to the cluster");
    }
    shared.writer.send(StateUpdate::Feed {
        id: feed.id.clone(),
        state,
    });
    next.wait
}

/// What a successful fetch brought.
enum Polled {
    Feed {
        validators: crate::fetch::Validators,
        items: Vec<crate::fetch::FeedItem>,
        fresh_for: Option<Duration>,
        ttl: Option<Duration>,
        /// Why the document gave no items.
        warning: Option<String>,
    },
    NotModified {
        fresh_for: Option<Duration>,
    },
}

struct PollError {
    message: String,
    /// The server's `Retry-After` on a 429 / 503.
    retry_after: Option<Duration>,
}

impl From<String> for PollError {
    fn from(message: String) -> Self {
        PollError {
            message,
            retry_after: None,
        }
    }
}

/// Fetches and parses the feed.
async fn fetch_and_parse(
    shared: &Arc<Shared>,
    feed: &FeedConfig,
    state: &FeedState,
) -> Result<Polled, PollError> {
    let url = Url::parse(&feed.url).map_err(|e| format!("invalid feed URL {}: {e}", feed.url))?;
    let started = Instant::now();
    let reach = shared.http.reach(feed.allow_private_networks);
    let fetched = shared.http.get(&url, &state.validators, reach).await;
    shared
        .metrics
        .fetch_seconds
        .get_or_create(&labels(&[("kind", "feed")]))
        .observe(started.elapsed().as_secs_f64());
    let document = match fetched {
        Ok(Fetched::NotModified { fresh_for }) => return Ok(Polled::NotModified { fresh_for }),
        Ok(Fetched::Document(document)) => document,
        Err(error) => {
            let retry_after = match &error {
                FetchError::Status {
                    status: 429 | 503,
                    retry_after,
                    ..
                } => *retry_after,
                _ => None,
            };
            return Err(PollError {
                message: error.to_string(),
                retry_after,
            });
        }
    };
    let feed_id = feed.id.clone();
    let validators = document.validators.clone();
    let fresh_for = document.fresh_for;
    let parsed = tokio::task::spawn_blocking(move || {
        parse_feed(
            &feed_id,
            &document.url,
            &document.bytes,
            document.content_type.as_deref(),
            Utc::now(),
        )
    })
    .await
    .map_err(|e| format!("feed parser crashed: {e}"))?
    .map_err(|e| e.to_string())?;
    Ok(Polled::Feed {
        validators,
        items: parsed.items,
        fresh_for,
        ttl: parsed
            .ttl_minutes
            .map(|minutes| Duration::from_secs(u64::from(minutes) * 60)),
        warning: parsed.warning,
    })
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
        if stage == Some(Stage::Done) || !shared.claim(&item) {
            continue;
        }
        let stage = shared.stage_after_claim(&item.id, stage);
        if stage == Some(Stage::Done) {
            continue;
        }
        if stage.is_none() {
            shared.health.console.item_discovered(&item);
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
