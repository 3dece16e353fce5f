//! The operator's console: server-rendered HTML pages on `ops.listen` (overview, feeds,
//! articles, dead letters) and, when an admin token is set, a few actions (poll now, pause,
//! resume, retry a dead letter).
//!
//! The pipeline feeds it through small hooks ([`Console::item_discovered`] and friends) that
//! take one short lock to copy into fixed-size rings; pages render from copies, off the async
//! runtime, so a slow page never holds up the pipeline.

mod actions;
mod activity;
mod chart;
mod html;
pub(crate) mod pages;

pub use actions::Action;
use activity::Activity;
pub use activity::{FEED_ITEMS, FEED_POLLS, PollSeen, RECENT_ARTICLES, RECENT_DEAD_LETTERS};
pub use pages::respond;

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use chrono::Utc;
use tokio::sync::mpsc;

use crate::fetch::FeedItem;
use crate::publish::{ArticleRecord, DeadLetterRecord};
use crate::state::FeedHistory;

/// The console's state, shared by the pipeline (which records) and the server (which renders).
pub struct Console {
    started: Instant,
    activity: Mutex<Activity>,
    /// Why the sink cannot deliver, as last seen by the pipeline's sink watch.
    sink_problem: Mutex<Option<String>>,
    /// Feeds an operator paused.
    paused: Mutex<BTreeSet<String>>,
    /// Set once at start from the environment; actions are off without it.
    admin_token: OnceLock<String>,
    /// The running pipeline's action inbox.
    actions: Mutex<Option<mpsc::Sender<Action>>>,
}

impl Default for Console {
    fn default() -> Self {
        Console {
            started: Instant::now(),
            activity: Mutex::default(),
            sink_problem: Mutex::default(),
            paused: Mutex::default(),
            admin_token: OnceLock::new(),
            actions: Mutex::default(),
        }
    }
}

impl Console {
    /// Turns the actions on. An empty token keeps them off.
    pub fn set_admin_token(&self, token: String) {
        if !token.is_empty() {
            let _ = self.admin_token.set(token);
        }
    }

    pub fn actions_enabled(&self) -> bool {
        self.admin_token.get().is_some()
    }

    /// A new inbox for the pipeline that starts now (replacing any earlier one).
    pub fn open_actions(&self) -> mpsc::Receiver<Action> {
        let (tx, rx) = mpsc::channel(32);
        if let Ok(mut actions) = self.actions.lock() {
            *actions = Some(tx);
        }
        rx
    }

    pub fn close_actions(&self) {
        if let Ok(mut actions) = self.actions.lock() {
            *actions = None;
        }
    }

    pub fn item_discovered(&self, item: &FeedItem) {
        self.record(|a| a.item_discovered(item, Utc::now()));
    }

    pub fn feed_polled(&self, feed_id: &str, poll: PollSeen) {
        self.record(|a| a.feed_polled(feed_id, poll));
    }

    /// Shows a feed's stored poll history and hourly counts, if the console has none yet.
    pub fn restore_feed(&self, feed_id: &str, history: &FeedHistory) {
        self.record(|a| a.restore_feed(feed_id, history));
    }

    pub fn published(&self, record: &ArticleRecord) {
        self.record(|a| a.published(record, Utc::now()));
    }

    pub fn dead_lettered(&self, record: &DeadLetterRecord) {
        self.record(|a| a.dead_lettered(record));
    }

    pub fn forget_feed(&self, feed_id: &str) {
        self.record(|a| {
            a.feeds.remove(feed_id);
        });
    }

    pub fn sink_state(&self, problem: Option<String>) {
        if let Ok(mut p) = self.sink_problem.lock() {
            *p = problem;
        }
    }

    /// Why the sink cannot deliver, if it cannot (for `/readyz`).
    pub fn sink_problem(&self) -> Option<String> {
        self.sink_problem.lock().ok().and_then(|p| p.clone())
    }

    pub fn is_paused(&self, feed_id: &str) -> bool {
        self.paused.lock().is_ok_and(|p| p.contains(feed_id))
    }

    fn set_paused(&self, feed_id: &str, paused: bool) {
        if let Ok(mut p) = self.paused.lock() {
            if paused {
                p.insert(feed_id.to_string());
            } else {
                p.remove(feed_id);
            }
        }
    }

    fn record(&self, f: impl FnOnce(&mut Activity)) {
        if let Ok(mut activity) = self.activity.lock() {
            f(&mut activity);
        }
    }

    /// Reads the activity under its lock; callers copy out what they render.
    fn read<T>(&self, f: impl FnOnce(&Activity) -> T) -> Option<T> {
        self.activity.lock().ok().map(|a| f(&a))
    }
}
