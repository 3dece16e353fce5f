//! The embedded state store (redb): each feed's HTTP validators and health, and the progress of
//! every item, so that a restart re-publishes nothing acknowledged and loses nothing pending.
//!
//! An item moves Discovered → Announced (its item record was acknowledged) → Done (all of its
//! records were acknowledged). Only the last step makes it "seen". Items not Done at start-up
//! are picked up again, even if their feed no longer lists them. The time its page was first
//! fetched is kept with a pending item, so that an article re-sent after a crash is identical.
//!
//! Each feed's last polls and its new items per hour are kept too (a few of each), so the console's
//! feed history outlives a restart.
//!
//! Writes go through one writer thread that commits in batches: one fsync for many updates
//! keeps the store off the pipeline's profile, and the order of updates is kept.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot};

use crate::fetch::{FeedItem, Validators};

const FEEDS: TableDefinition<&str, &[u8]> = TableDefinition::new("feeds");
const ITEMS: TableDefinition<&str, &[u8]> = TableDefinition::new("items");
const ARTICLES: TableDefinition<&str, i64> = TableDefinition::new("articles");
/// Items whose processing started and has not ended: how many times it started.
const STARTS: TableDefinition<&str, u32> = TableDefinition::new("processing_starts");
/// Per feed, its recent polls and hourly new-item counts ([`FeedHistory`]).
const HISTORY: TableDefinition<&str, &[u8]> = TableDefinition::new("feed_history");

/// Polls kept per feed.
pub const HISTORY_POLLS: usize = 20;
/// Hours of new-item counts kept per feed.
pub const HISTORY_HOURS: usize = 24;
/// Longer poll errors are cut, so a row stays small whatever a server answers.
const HISTORY_ERROR_CHARS: usize = 1000;

const STORE_CACHE_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
#[error("state store: {0}")]
pub struct StateError(String);

fn state_error(e: impl std::fmt::Display) -> StateError {
    StateError(e.to_string())
}

/// What the daemon remembers of one feed: validators, health and schedule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
// Rows written before a field existed read it as its default.
#[serde(default)]
pub struct FeedState {
    pub validators: Validators,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// Why the last document fetched gave no items (a feed that parses yet says nothing).
    pub last_warning: Option<String>,
    pub consecutive_errors: u32,
    pub last_polled_at: Option<DateTime<Utc>>,
    /// Kept across restarts, so a `Retry-After` or a backoff outlives the process.
    pub next_poll_at: Option<DateTime<Utc>>,
    /// The interval adapted to the feed's publishing rate.
    pub interval_secs: Option<u64>,
    /// New entries found by the last successful fetch.
    pub last_new_items: Option<usize>,
}

/// One poll of a feed, as the console shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PollRecord {
    pub at: DateTime<Utc>,
    /// `ok`, `not_modified` or `error`.
    pub outcome: String,
    pub listed: usize,
    pub new_items: usize,
    pub error: Option<String>,
}

/// A feed's recent history: at most [`HISTORY_POLLS`] polls and [`HISTORY_HOURS`] hourly counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedHistory {
    /// Oldest first.
    pub polls: Vec<PollRecord>,
    /// New items by hour (hours since the epoch), oldest first, the last 24 hours up to the newest.
    pub hourly: Vec<(i64, u32)>,
}

impl FeedHistory {
    /// Adds a poll and its new items, dropping what falls out of the bounds.
    fn add(&mut self, mut poll: PollRecord) {
        let hour = poll.at.timestamp().div_euclid(3600);
        if poll.new_items > 0 {
            let n = u32::try_from(poll.new_items).unwrap_or(u32::MAX);
            match self.hourly.iter_mut().find(|(h, _)| *h == hour) {
                Some((_, count)) => *count = count.saturating_add(n),
                None => {
                    self.hourly.push((hour, n));
                    // A clock set back can add an older hour: keep the order.
                    self.hourly.sort_unstable_by_key(|(h, _)| *h);
                }
            }
        }
        if let Some(&(newest, _)) = self.hourly.last() {
            self.hourly
                .retain(|(h, _)| *h > newest - HISTORY_HOURS as i64);
        }
        if let Some(error) = &mut poll.error
            && let Some((cut, _)) = error.char_indices().nth(HISTORY_ERROR_CHARS)
        {
            error.truncate(cut);
        }
        self.polls.push(poll);
        let excess = self.polls.len().saturating_sub(HISTORY_POLLS);
        self.polls.drain(..excess);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Discovered,
    Announced,
    Done,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ItemState {
    stage: Stage,
    updated_at: DateTime<Utc>,
    /// Kept until Done, so a pending item can be resumed without its feed.
    item: Option<FeedItem>,
    /// When the article page was first fetched (the article record's `fetched_at`).
    #[serde(default)]
    fetched_at: Option<DateTime<Utc>>,
}

/// One change to the store.
#[derive(Debug, Clone)]
pub enum StateUpdate {
    Feed {
        id: String,
        state: FeedState,
    },
    Discovered(Box<FeedItem>),
    Announced(Box<FeedItem>),
    /// The item's page was fetched for the first time.
    Fetched {
        item_id: String,
        fetched_at: DateTime<Utc>,
    },
    Done {
        item_id: String,
        article_id: Option<String>,
    },
    /// Extraction and enrichment of the item begin (counted, so a page that kills the daemon
    /// is recognised after a few restarts).
    ProcessingStarted(String),
    /// They ended, well or not, without taking the daemon down.
    ProcessingEnded(String),
    /// A feed was polled: goes into its history.
    Polled {
        feed_id: String,
        poll: PollRecord,
    },
    /// A feed left the configuration: its history goes.
    FeedRemoved(String),
}

#[derive(Clone)]
pub struct StateStore {
    db: Arc<Database>,
}

impl StateStore {
    /// Opens (or creates) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Self, StateError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StateError(format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join("state.redb");
        // redb caches up to 1 GiB by default; the store is small and read sparsely, and memory
        // must stay flat as it grows.
        let db = Database::builder()
            .set_cache_size(STORE_CACHE_BYTES)
            .create(&path)
            .map_err(|e| StateError(format!("cannot open {}: {e}", path.display())))?;
        let txn = db.begin_write().map_err(state_error)?;
        txn.open_table(FEEDS).map_err(state_error)?;
        txn.open_table(ITEMS).map_err(state_error)?;
        txn.open_table(ARTICLES).map_err(state_error)?;
        txn.open_table(STARTS).map_err(state_error)?;
        txn.open_table(HISTORY).map_err(state_error)?;
        txn.commit().map_err(state_error)?;
        Ok(StateStore { db: Arc::new(db) })
    }

    /// Opens the store in `dir` only if it exists; creates nothing.
    pub fn open_existing(dir: &Path) -> Result<Option<Self>, StateError> {
        if !dir.join("state.redb").is_file() {
            return Ok(None);
        }
        Self::open(dir).map(Some)
    }

    pub fn feed_state(&self, feed_id: &str) -> Result<FeedState, StateError> {
        let txn = self.db.begin_read().map_err(state_error)?;
        let table = txn.open_table(FEEDS).map_err(state_error)?;
        match table.get(feed_id).map_err(state_error)? {
            Some(bytes) => serde_json::from_slice(bytes.value()).map_err(state_error),
            None => Ok(FeedState::default()),
        }
    }

    /// Every feed the store remembers, by id.
    pub fn feed_states(&self) -> Result<Vec<(String, FeedState)>, StateError> {
        let txn = self.db.begin_read().map_err(state_error)?;
        let table = txn.open_table(FEEDS).map_err(state_error)?;
        let mut feeds = Vec::new();
        for entry in table.iter().map_err(state_error)? {
            let (id, value) = entry.map_err(state_error)?;
            let state = serde_json::from_slice(value.value()).map_err(state_error)?;
            feeds.push((id.value().to_string(), state));
        }
        Ok(feeds)
    }

    /// A feed's recent polls and hourly counts; empty for a feed never polled.
    pub fn feed_history(&self, feed_id: &str) -> Result<FeedHistory, StateError> {
        let txn = self.db.begin_read().map_err(state_error)?;
        let table = txn.open_table(HISTORY).map_err(state_error)?;
        read_history(&table, feed_id)
    }

    /// The feeds that have a history.
    pub fn history_feed_ids(&self) -> Result<Vec<String>, StateError> {
        let txn = self.db.begin_read().map_err(state_error)?;
        let table = txn.open_table(HISTORY).map_err(state_error)?;
        let mut ids = Vec::new();
        for entry in table.iter().map_err(state_error)? {
            let (id, _) = entry.map_err(state_error)?;
            ids.push(id.value().to_string());
        }
        Ok(ids)
    }

    /// The stage of each id, `None` for ids never seen.
    pub fn item_stages(&self, ids: &[&str]) -> Result<Vec<Option<Stage>>, StateError> {
        let txn = self.db.begin_read().map_err(state_error)?;
        let table = txn.open_table(ITEMS).map_err(state_error)?;
        ids.iter()
            .map(|id| {
                Ok(match table.get(*id).map_err(state_error)? {
                    Some(bytes) => Some(
                        serde_json::from_slice::<ItemState>(bytes.value())
                            .map_err(state_error)?
                            .stage,
                    ),
                    None => None,
                })
            })
            .collect()
    }

    /// How many times the item's processing started without ending.
    pub fn item_starts(&self, item_id: &str) -> Result<u32, StateError> {
        let txn = self.db.begin_read().map_err(state_error)?;
        let table = txn.open_table(STARTS).map_err(state_error)?;
        Ok(table
            .get(item_id)
            .map_err(state_error)?
            .map_or(0, |starts| starts.value()))
    }

    /// When the item's page was first fetched, if it was and the item is not done.
    pub fn fetched_at(&self, item_id: &str) -> Result<Option<DateTime<Utc>>, StateError> {
        let txn = self.db.begin_read().map_err(state_error)?;
        let table = txn.open_table(ITEMS).map_err(state_error)?;
        Ok(read_item(&table, item_id)?.and_then(|state| state.fetched_at))
    }

    pub fn article_published(&self, article_id: &str) -> Result<bool, StateError> {
        let txn = self.db.begin_read().map_err(state_error)?;
        let table = txn.open_table(ARTICLES).map_err(state_error)?;
        Ok(table.get(article_id).map_err(state_error)?.is_some())
    }

    /// Items started but not finished by an earlier run, with their stage.
    pub fn pending_items(&self) -> Result<Vec<(FeedItem, Stage)>, StateError> {
        let txn = self.db.begin_read().map_err(state_error)?;
        let table = txn.open_table(ITEMS).map_err(state_error)?;
        let mut pending = Vec::new();
        for entry in table.iter().map_err(state_error)? {
            let (_, value) = entry.map_err(state_error)?;
            let state: ItemState = serde_json::from_slice(value.value()).map_err(state_error)?;
            if let (Some(item), stage) = (state.item, state.stage)
                && stage != Stage::Done
            {
                pending.push((item, stage));
            }
        }
        Ok(pending)
    }

    /// Applies updates in order, in one durable transaction.
    pub fn apply(&self, updates: &[StateUpdate]) -> Result<(), StateError> {
        let now = Utc::now();
        let txn = self.db.begin_write().map_err(state_error)?;
        {
            let mut feeds = txn.open_table(FEEDS).map_err(state_error)?;
            let mut items = txn.open_table(ITEMS).map_err(state_error)?;
            let mut articles = txn.open_table(ARTICLES).map_err(state_error)?;
            let mut starts = txn.open_table(STARTS).map_err(state_error)?;
            let mut history = txn.open_table(HISTORY).map_err(state_error)?;
            for update in updates {
                let (id, state) = match update {
                    StateUpdate::Feed { id, state } => {
                        let bytes = serde_json::to_vec(state).map_err(state_error)?;
                        feeds
                            .insert(id.as_str(), bytes.as_slice())
                            .map_err(state_error)?;
                        continue;
                    }
                    StateUpdate::ProcessingStarted(id) => {
                        let count = starts
                            .get(id.as_str())
                            .map_err(state_error)?
                            .map_or(0, |c| c.value());
                        starts
                            .insert(id.as_str(), count.saturating_add(1))
                            .map_err(state_error)?;
                        continue;
                    }
                    StateUpdate::ProcessingEnded(id) => {
                        starts.remove(id.as_str()).map_err(state_error)?;
                        continue;
                    }
                    StateUpdate::Polled { feed_id, poll } => {
                        let mut feed = read_history(&history, feed_id)?;
                        feed.add(poll.clone());
                        let bytes = serde_json::to_vec(&feed).map_err(state_error)?;
                        history
                            .insert(feed_id.as_str(), bytes.as_slice())
                            .map_err(state_error)?;
                        continue;
                    }
                    StateUpdate::FeedRemoved(feed_id) => {
                        history.remove(feed_id.as_str()).map_err(state_error)?;
                        continue;
                    }
                    StateUpdate::Discovered(item) => (
                        item.id.as_str(),
                        ItemState {
                            stage: Stage::Discovered,
                            updated_at: now,
                            item: Some((**item).clone()),
                            fetched_at: None,
                        },
                    ),
                    StateUpdate::Announced(item) => (
                        item.id.as_str(),
                        ItemState {
                            stage: Stage::Announced,
                            updated_at: now,
                            item: Some((**item).clone()),
                            fetched_at: read_item(&items, &item.id)?.and_then(|s| s.fetched_at),
                        },
                    ),
                    StateUpdate::Fetched {
                        item_id,
                        fetched_at,
                    } => match read_item(&items, item_id)? {
                        Some(state) if state.stage != Stage::Done => (
                            item_id.as_str(),
                            ItemState {
                                fetched_at: Some(*fetched_at),
                                ..state
                            },
                        ),
                        _ => continue,
                    },
                    StateUpdate::Done {
                        item_id,
                        article_id,
                    } => {
                        starts.remove(item_id.as_str()).map_err(state_error)?;
                        if let Some(article_id) = article_id {
                            articles
                                .insert(article_id.as_str(), now.timestamp())
                                .map_err(state_error)?;
                        }
                        (
                            item_id.as_str(),
                            ItemState {
                                stage: Stage::Done,
                                updated_at: now,
                                item: None,
                                fetched_at: None,
                            },
                        )
                    }
                };
                let bytes = serde_json::to_vec(&state).map_err(state_error)?;
                items.insert(id, bytes.as_slice()).map_err(state_error)?;
            }
        }
        txn.commit().map_err(state_error)
    }

    /// Forgets finished items and articles older than `cutoff`; returns how many.
    pub fn prune(&self, cutoff: DateTime<Utc>) -> Result<usize, StateError> {
        let txn = self.db.begin_write().map_err(state_error)?;
        let mut removed = 0;
        {
            let mut items = txn.open_table(ITEMS).map_err(state_error)?;
            items
                .retain(|_, value| {
                    let expired = serde_json::from_slice::<ItemState>(value)
                        .is_ok_and(|s| s.stage == Stage::Done && s.updated_at < cutoff);
                    removed += usize::from(expired);
                    !expired
                })
                .map_err(state_error)?;
            let mut articles = txn.open_table(ARTICLES).map_err(state_error)?;
            articles
                .retain(|_, published| {
                    let expired = published < cutoff.timestamp();
                    removed += usize::from(expired);
                    !expired
                })
                .map_err(state_error)?;
        }
        txn.commit().map_err(state_error)?;
        Ok(removed)
    }
}

fn read_item(
    table: &impl ReadableTable<&'static str, &'static [u8]>,
    item_id: &str,
) -> Result<Option<ItemState>, StateError> {
    match table.get(item_id).map_err(state_error)? {
        Some(bytes) => serde_json::from_slice(bytes.value())
            .map(Some)
            .map_err(state_error),
        None => Ok(None),
    }
}

fn read_history(
    table: &impl ReadableTable<&'static str, &'static [u8]>,
    feed_id: &str,
) -> Result<FeedHistory, StateError> {
    match table.get(feed_id).map_err(state_error)? {
        Some(bytes) => serde_json::from_slice(bytes.value()).map_err(state_error),
        None => Ok(FeedHistory::default()),
    }
}

/// Handle to the writer thread.
#[derive(Clone)]
pub struct StateWriter {
    tx: mpsc::UnboundedSender<WriterMessage>,
}

enum WriterMessage {
    Update(StateUpdate),
    /// Answered once everything sent before it is committed.
    Sync(oneshot::Sender<Result<(), StateError>>),
}

impl StateWriter {
    /// Starts the writer thread; it ends when every handle is dropped, after a last commit.
    pub fn start(store: StateStore) -> (StateWriter, std::thread::JoinHandle<()>) {
        let (tx, mut rx) = mpsc::unbounded_channel::<WriterMessage>();
        let handle = std::thread::Builder::new()
            .name("state-writer".into())
            .spawn(move || {
                let mut messages = Vec::new();
                // Batches: whatever has queued up while the last commit ran.
                while rx.blocking_recv_many(&mut messages, 4096) > 0 {
                    let mut updates = Vec::new();
                    let mut waiting = Vec::new();
                    for message in messages.drain(..) {
                        match message {
                            WriterMessage::Update(u) => updates.push(u),
                            WriterMessage::Sync(reply) => waiting.push(reply),
                        }
                    }
                    let result = if updates.is_empty() {
                        Ok(())
                    } else {
                        store.apply(&updates)
                    };
                    if let Err(e) = &result {
                        tracing::error!(stage = "state", error = %e, "state commit failed; affected items will be redone");
                    }
                    for reply in waiting {
                        let _ = reply.send(result.as_ref().map(|_| ()).map_err(|e| StateError(e.0.clone())));
                    }
                }
            })
            .unwrap_or_else(|e| panic!("cannot start the state writer thread: {e}"));
        (StateWriter { tx }, handle)
    }

    pub fn send(&self, update: StateUpdate) {
        // The thread lives as long as any handle; a send can only fail during teardown.
        let _ = self.tx.send(WriterMessage::Update(update));
    }

    /// Waits until every update sent so far is durable.
    pub async fn sync(&self) -> Result<(), StateError> {
        let (reply, done) = oneshot::channel();
        self.tx
            .send(WriterMessage::Sync(reply))
            .map_err(|_| StateError("writer stopped".into()))?;
        done.await
            .map_err(|_| StateError("writer stopped".into()))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::FeedRef;

    #[test]
    fn feed_rows_from_before_the_schedule_fields_still_read() {
        let old = br#"{"validators":{"etag":"\"v1\"","last_modified":null},"last_success_at":null,"last_error":"HTTP 500","consecutive_errors":2}"#;
        let state: FeedState = serde_json::from_slice(old).expect("old row");
        assert_eq!(state.consecutive_errors, 2);
        assert_eq!(state.next_poll_at, None);
        assert_eq!(state.interval_secs, None);
    }

    fn item(id: &str) -> FeedItem {
        FeedItem {
            id: id.into(),
            feed: FeedRef {
                id: "f".into(),
                url: "https://e.org/rss".into(),
                title: None,
            },
            guid: None,
            link: Some(format!("https://e.org/{id}")),
            canonical_url: None,
            title: Some("t".into()),
            summary: None,
            published_at: None,
            updated_at: None,
            categories: vec![],
            authors: vec![],
            media: vec![],
            language: None,
            discovered_at: Utc::now(),
        }
    }

    #[test]
    fn items_progress_and_survive_reopening() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let store = StateStore::open(dir.path()).expect("open");
            store
                .apply(&[
                    StateUpdate::Discovered(Box::new(item("a"))),
                    StateUpdate::Discovered(Box::new(item("b"))),
                    StateUpdate::Announced(Box::new(item("b"))),
                    StateUpdate::Done {
                        item_id: "a".into(),
                        article_id: Some("art-a".into()),
                    },
                ])
                .expect("apply");
        }
        let store = StateStore::open(dir.path()).expect("reopen");
        assert_eq!(
            store.item_stages(&["a", "b", "c"]).expect("stages"),
            vec![Some(Stage::Done), Some(Stage::Announced), None]
        );
        let pending = store.pending_items().expect("pending");
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].0.id, "b");
        assert!(store.article_published("art-a").expect("read"));
        assert_eq!(
            store
                .prune(Utc::now() + chrono::Duration::days(1))
                .expect("prune"),
            2
        );
        assert_eq!(store.item_stages(&["a"]).expect("stages"), vec![None]);
    }

    #[test]
    fn processing_starts_count_until_the_processing_or_the_item_ends() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::open(dir.path()).expect("open");
        let started = |id: &str| StateUpdate::ProcessingStarted(id.into());
        store
            .apply(&[started("a"), started("a"), started("b"), started("c")])
            .expect("apply");
        assert_eq!(store.item_starts("a").expect("read"), 2);
        store
            .apply(&[
                StateUpdate::ProcessingEnded("b".into()),
                StateUpdate::Done {
                    item_id: "c".into(),
                    article_id: None,
                },
            ])
            .expect("apply");
        let counts: Vec<u32> = ["a", "b", "c", "d"]
            .iter()
            .map(|id| store.item_starts(id).expect("read"))
            .collect();
        assert_eq!(counts, vec![2, 0, 0, 0]);
    }

    #[test]
    fn the_first_fetch_time_outlives_the_announce_and_goes_with_done() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::open(dir.path()).expect("open");
        let first = Utc::now() - chrono::Duration::minutes(5);
        store
            .apply(&[
                StateUpdate::Discovered(Box::new(item("a"))),
                StateUpdate::Fetched {
                    item_id: "a".into(),
                    fetched_at: first,
                },
                StateUpdate::Announced(Box::new(item("a"))),
                // An unknown item gets no row from a fetch time alone.
                StateUpdate::Fetched {
                    item_id: "ghost".into(),
                    fetched_at: first,
                },
            ])
            .expect("apply");
        assert_eq!(store.fetched_at("a").expect("read"), Some(first));
        assert_eq!(store.item_stages(&["ghost"]).expect("stages"), vec![None]);
        store
            .apply(&[StateUpdate::Done {
                item_id: "a".into(),
                article_id: None,
            }])
            .expect("apply");
        assert_eq!(store.fetched_at("a").expect("read"), None);
    }

    #[test]
    fn a_feed_history_keeps_the_last_polls_and_a_day_of_hours_and_goes_with_its_feed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let start = DateTime::parse_from_rfc3339("2026-03-01T00:10:00Z")
            .expect("time")
            .with_timezone(&Utc);
        // One poll every 20 minutes for 30 hours, each finding one new item; a long error on one.
        let polled = |i: i64| StateUpdate::Polled {
            feed_id: "f".into(),
            poll: PollRecord {
                at: start + chrono::Duration::minutes(20 * i),
                outcome: "ok".into(),
                listed: 5,
                new_items: 1,
                error: (i == 89).then(|| "é".repeat(5000)),
            },
        };
        {
            let store = StateStore::open(dir.path()).expect("open");
            let updates: Vec<StateUpdate> = (0..90).map(polled).collect();
            store.apply(&updates).expect("apply");
            store
                .apply(&[StateUpdate::Polled {
                    feed_id: "other".into(),
                    poll: PollRecord {
                        at: start,
                        outcome: "error".into(),
                        listed: 0,
                        new_items: 0,
                        error: Some("HTTP 500".into()),
                    },
                }])
                .expect("apply");
        }
        let store = StateStore::open(dir.path()).expect("reopen");
        let history = store.feed_history("f").expect("read");
        assert_eq!(history.polls.len(), HISTORY_POLLS);
        // The newest 20 polls, oldest first.
        let first_kept = start + chrono::Duration::minutes(20 * 70);
        assert_eq!(history.polls[0].at, first_kept);
        assert_eq!(
            history.polls[HISTORY_POLLS - 1].at,
            start + chrono::Duration::minutes(20 * 89)
        );
        let error = history.polls[HISTORY_POLLS - 1]
            .error
            .as_deref()
            .expect("error");
        assert_eq!(error.chars().count(), HISTORY_ERROR_CHARS);
        // Polls ran from 00:10 to 05:50 the next day: 30 hours, of which the last 24 are kept.
        assert_eq!(history.hourly.len(), HISTORY_HOURS);
        let newest = history.hourly[HISTORY_HOURS - 1].0;
        assert_eq!(
            newest,
            (start + chrono::Duration::minutes(20 * 89)).timestamp() / 3600
        );
        assert_eq!(history.hourly[0].0, newest - 23);
        assert!(
            history.hourly.iter().all(|&(_, n)| n == 3),
            "{:?}",
            history.hourly
        );
        let mut ids = store.history_feed_ids().expect("ids");
        ids.sort();
        assert_eq!(ids, vec!["f", "other"]);

        store
            .apply(&[StateUpdate::FeedRemoved("f".into())])
            .expect("apply");
        assert_eq!(
            store.feed_history("f").expect("read"),
            FeedHistory::default()
        );
        assert_eq!(store.history_feed_ids().expect("ids"), vec!["other"]);
    }

    #[tokio::test]
    async fn writer_batches_and_syncs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = StateStore::open(dir.path()).expect("open");
        let (writer, thread) = StateWriter::start(store.clone());
        for i in 0..100 {
            writer.send(StateUpdate::Discovered(Box::new(item(&format!("i{i}")))));
        }
        writer.sync().await.expect("sync");
        assert_eq!(store.pending_items().expect("pending").len(), 100);
        drop(writer);
        thread.join().expect("writer thread");
    }
}
