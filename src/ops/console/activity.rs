//! What the console remembers of the pipeline's recent work, in fixed-size rings: a few recent
//! articles and dead letters, per-minute counts for a day, and per feed its last items and polls.
//! Every structure has a constant bound (per feed, and feeds are bounded by the config).
//! A feed's polls and hourly counts are also kept in the state store; a feed's first poller
//! since start loads them back (see [`Activity::restore_feed`]).

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::fetch::FeedItem;
use crate::publish::{ArticleRecord, DeadLetterRecord};
use crate::state::{FeedHistory, HISTORY_HOURS, HISTORY_POLLS, PollRecord};

/// Recent articles kept (with their text and entities) for the articles page.
pub const RECENT_ARTICLES: usize = 200;
/// Recent dead letters kept for the dead-letter page (and for retries).
pub const RECENT_DEAD_LETTERS: usize = 200;
/// Items remembered per feed, with their outcome.
pub const FEED_ITEMS: usize = 20;
/// Polls remembered per feed.
pub const FEED_POLLS: usize = HISTORY_POLLS;
const DAY_MINUTES: usize = 24 * 60;

/// A queue that drops its oldest entry when full.
#[derive(Debug, Clone)]
pub struct Ring<T> {
    entries: VecDeque<T>,
    capacity: usize,
}

impl<T> Ring<T> {
    pub fn new(capacity: usize) -> Self {
        Ring {
            entries: VecDeque::with_capacity(capacity.min(64)),
            capacity,
        }
    }

    pub fn push(&mut self, entry: T) {
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// Newest first.
    pub fn newest(&self) -> impl Iterator<Item = &T> {
        self.entries.iter().rev()
    }

    fn newest_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.entries.iter_mut().rev()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Counts in consecutive time slots (minutes, hours), the last `slots` of them.
#[derive(Debug, Clone)]
pub struct Buckets {
    counts: Vec<u32>,
    /// The slot number (time / slot length) of the newest count.
    newest: i64,
}

impl Buckets {
    pub fn new(slots: usize) -> Self {
        Buckets {
            counts: vec![0; slots],
            newest: 0,
        }
    }

    fn index(&self, slot: i64) -> usize {
        slot.rem_euclid(self.counts.len() as i64) as usize
    }

    pub fn add(&mut self, slot: i64, n: u32) {
        if slot > self.newest {
            // Slots passed since the newest count start from zero.
            let passed = (slot - self.newest).min(self.counts.len() as i64);
            for s in (slot - passed + 1)..=slot {
                let i = self.index(s);
                self.counts[i] = 0;
            }
            self.newest = slot;
        } else if slot <= self.newest - self.counts.len() as i64 {
            return;
        }
        let i = self.index(slot);
        self.counts[i] = self.counts[i].saturating_add(n);
    }

    /// The `n` slots ending at `now`, oldest first.
    pub fn last(&self, now: i64, n: usize) -> Vec<u32> {
        let window = self.counts.len() as i64;
        ((now - n as i64 + 1)..=now)
            .map(|slot| {
                if slot > self.newest || slot <= self.newest - window {
                    0
                } else {
                    self.counts[self.index(slot)]
                }
            })
            .collect()
    }

    pub fn sum(&self, now: i64) -> u64 {
        self.last(now, self.counts.len())
            .iter()
            .map(|&c| u64::from(c))
            .sum()
    }
}

pub fn minute_of(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(60)
}

pub fn hour_of(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(3600)
}

/// How an item ended, as far as the console saw.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Pending,
    Published { article_id: String },
    DeadLetter { stage: String, error: String },
}

impl Outcome {
    pub fn word(&self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::Published { .. } => "published",
            Outcome::DeadLetter { .. } => "dead letter",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ItemSeen {
    pub item_id: String,
    pub title: Option<String>,
    pub link: Option<String>,
    pub seen_at: DateTime<Utc>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub struct PollSeen {
    pub at: DateTime<Utc>,
    /// `ok`, `not_modified` or `error`.
    pub outcome: &'static str,
    pub listed: usize,
    pub new_items: usize,
    pub error: Option<String>,
}

impl PollSeen {
    /// The poll as the state store keeps it.
    pub fn record(&self) -> PollRecord {
        PollRecord {
            at: self.at,
            outcome: self.outcome.to_string(),
            listed: self.listed,
            new_items: self.new_items,
            error: self.error.clone(),
        }
    }

    /// A stored poll; `None` for an outcome this version does not know.
    fn from_record(record: &PollRecord) -> Option<PollSeen> {
        let outcome = ["ok", "not_modified", "error"]
            .into_iter()
            .find(|o| *o == record.outcome)?;
        Some(PollSeen {
            at: record.at,
            outcome,
            listed: record.listed,
            new_items: record.new_items,
            error: record.error.clone(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct FeedActivity {
    pub items: Ring<ItemSeen>,
    pub polls: Ring<PollSeen>,
    /// New items per hour, last 24 hours.
    pub hourly: Buckets,
}

impl Default for FeedActivity {
    fn default() -> Self {
        FeedActivity {
            items: Ring::new(FEED_ITEMS),
            polls: Ring::new(FEED_POLLS),
            hourly: Buckets::new(HISTORY_HOURS),
        }
    }
}

/// Everything the hooks record; one lock, held only to copy in or out.
pub struct Activity {
    pub items_per_minute: Buckets,
    pub articles_per_minute: Buckets,
    pub articles: Ring<Arc<ArticleRecord>>,
    pub dead_letters: Ring<Arc<DeadLetterRecord>>,
    pub feeds: HashMap<String, FeedActivity>,
}

impl Default for Activity {
    fn default() -> Self {
        Activity {
            items_per_minute: Buckets::new(DAY_MINUTES),
            articles_per_minute: Buckets::new(DAY_MINUTES),
            articles: Ring::new(RECENT_ARTICLES),
            dead_letters: Ring::new(RECENT_DEAD_LETTERS),
            feeds: HashMap::new(),
        }
    }
}

impl Activity {
    pub fn item_discovered(&mut self, item: &FeedItem, now: DateTime<Utc>) {
        self.items_per_minute.add(minute_of(now), 1);
        let feed = self.feeds.entry(item.feed.id.clone()).or_default();
        feed.hourly.add(hour_of(now), 1);
        feed.items.push(ItemSeen {
            item_id: item.id.clone(),
            title: item.title.clone(),
            link: item.link.clone(),
            seen_at: now,
            outcome: Outcome::Pending,
        });
    }

    pub fn feed_polled(&mut self, feed_id: &str, poll: PollSeen) {
        self.feeds
            .entry(feed_id.to_string())
            .or_default()
            .polls
            .push(poll);
    }

    /// Loads a feed's stored polls and hourly counts, unless the console already follows the
    /// feed (its rings are then at least as new as the store, whose writes may still be queued).
    pub fn restore_feed(&mut self, feed_id: &str, history: &FeedHistory) {
        if self.feeds.contains_key(feed_id) {
            return;
        }
        let mut feed = FeedActivity::default();
        for poll in history.polls.iter().filter_map(PollSeen::from_record) {
            feed.polls.push(poll);
        }
        for &(hour, count) in &history.hourly {
            feed.hourly.add(hour, count);
        }
        self.feeds.insert(feed_id.to_string(), feed);
    }

    pub fn published(&mut self, record: &ArticleRecord, now: DateTime<Utc>) {
        self.articles_per_minute.add(minute_of(now), 1);
        self.set_outcome(
            &record.feed.id,
            &record.item_id,
            Outcome::Published {
                article_id: record.id.clone(),
            },
        );
        self.articles.push(Arc::new(record.clone()));
    }

    pub fn dead_lettered(&mut self, record: &DeadLetterRecord) {
        self.set_outcome(
            &record.item.feed.id,
            &record.item_id,
            Outcome::DeadLetter {
                stage: record.stage.clone(),
                error: record.error.clone(),
            },
        );
        self.dead_letters.push(Arc::new(record.clone()));
    }

    fn set_outcome(&mut self, feed_id: &str, item_id: &str, outcome: Outcome) {
        if let Some(feed) = self.feeds.get_mut(feed_id)
            && let Some(seen) = feed.items.newest_mut().find(|i| i.item_id == item_id)
        {
            seen.outcome = outcome;
        }
    }

    /// New items of a feed in the last 24 hours.
    pub fn items_last_day(&self, feed_id: &str, now: DateTime<Utc>) -> u64 {
        self.feeds
            .get(feed_id)
            .map_or(0, |f| f.hourly.sum(hour_of(now)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ring_keeps_only_the_newest() {
        let mut ring = Ring::new(3);
        for i in 0..5 {
            ring.push(i);
        }
        assert_eq!(ring.newest().copied().collect::<Vec<_>>(), vec![4, 3, 2]);
        assert_eq!(ring.entries.len(), 3);
    }

    #[test]
    fn a_stored_history_fills_a_feed_the_console_does_not_follow_yet() {
        let now = Utc::now();
        let poll = |outcome: &str| PollRecord {
            at: now,
            outcome: outcome.into(),
            listed: 3,
            new_items: 2,
            error: None,
        };
        let history = FeedHistory {
            polls: vec![poll("ok"), poll("from a later version"), poll("error")],
            hourly: vec![
                (hour_of(now) - 30, 9),
                (hour_of(now) - 1, 4),
                (hour_of(now), 2),
            ],
        };
        let mut activity = Activity::default();
        activity.restore_feed("f", &history);
        let outcomes: Vec<&str> = activity.feeds["f"]
            .polls
            .newest()
            .map(|p| p.outcome)
            .collect();
        assert_eq!(outcomes, vec!["error", "ok"]);
        // The hour 30 hours ago is outside the day.
        assert_eq!(activity.items_last_day("f", now), 6);
        // A feed the console already follows keeps its own, newer rings.
        activity.feed_polled(
            "g",
            PollSeen::from_record(&poll("not_modified")).expect("known outcome"),
        );
        activity.restore_feed("g", &history);
        assert_eq!(activity.feeds["g"].polls.newest().count(), 1);
        assert_eq!(activity.items_last_day("g", now), 0);
    }

    #[test]
    fn buckets_forget_what_left_the_window() {
        let mut b = Buckets::new(4);
        b.add(10, 2);
        b.add(11, 1);
        b.add(11, 1);
        assert_eq!(b.last(11, 3), vec![0, 2, 2]);
        // Slots nobody counted in read as zero; old ones fall out.
        b.add(14, 5);
        assert_eq!(b.last(14, 4), vec![2, 0, 0, 5]);
        assert_eq!(b.sum(14), 7);
        b.add(20, 1);
        assert_eq!(b.last(20, 4), vec![0, 0, 0, 1]);
        // Too old to count: ignored.
        b.add(3, 9);
        assert_eq!(b.sum(20), 1);
        // Reading later than the newest count gives zeros for the gap.
        assert_eq!(b.last(22, 3), vec![1, 0, 0]);
    }
}
