//! When to poll a feed next.
//!
//! The interval adapts to how much a feed publishes: a feed whose every poll brings mostly new
//! entries is polled more often (entries may fall off it between polls), a quiet one less often,
//! within `[min_interval_secs, max_interval_secs]` (widened to include the feed's own interval).
//! What the server says can only lengthen the wait: `Cache-Control: max-age`, `Expires` and the
//! RSS `<ttl>` up to the maximum interval; `Retry-After` after a 429/503 in full (up to the
//! backoff cap). Failures back off exponentially with jitter, capped, and never stop polling.

use std::time::Duration;

/// Longest wait between polls of a failing (or rate-limiting) feed.
pub const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

/// How a feed's polls are paced.
#[derive(Debug, Clone, Copy)]
pub struct Cadence {
    /// The feed's `interval_secs`: the first interval, and always within the range.
    pub configured: Duration,
    pub min: Duration,
    pub max: Duration,
}

/// What one poll found.
#[derive(Debug, Clone, Copy)]
pub enum PollResult {
    Fetched {
        /// Entries not seen before.
        new_items: usize,
        /// Entries the feed lists.
        listed: usize,
        /// `Cache-Control: max-age` / `Expires`.
        fresh_for: Option<Duration>,
        /// RSS `<ttl>`.
        ttl: Option<Duration>,
    },
    NotModified {
        fresh_for: Option<Duration>,
    },
    Failed {
        consecutive_errors: u32,
        retry_after: Option<Duration>,
    },
}

/// The schedule after a poll.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Next {
    /// The adapted interval, remembered for the next poll.
    pub interval: Duration,
    /// How long to wait before the next poll.
    pub wait: Duration,
}

impl Cadence {
    /// The range the interval moves in; it always contains the configured interval.
    pub fn range(&self) -> (Duration, Duration) {
        (self.min.min(self.configured), self.max.max(self.configured))
    }

    /// The next interval and wait. `previous` is the interval used so far (`None` on a feed's
    /// first poll, which has no rate to learn from); `jitter` is uniform in [0, 1).
    pub fn next(&self, previous: Option<Duration>, result: PollResult, jitter: f64) -> Next {
        let (lo, hi) = self.range();
        let current = previous.unwrap_or(self.configured).clamp(lo, hi);
        // ±10 % spreads feeds configured alike, so one host is not hit by all at once.
        let spread = 0.9 + 0.2 * jitter.clamp(0.0, 1.0);
        match result {
            PollResult::Fetched {
                new_items,
                listed,
                fresh_for,
                ttl,
            } => {
                let interval = match previous {
                    None => current,
                    // Half the feed is new: entries may have scrolled off unseen.
                    Some(_) if new_items > 0 && new_items * 2 >= listed => current / 2,
                    Some(_) if new_items == 0 => current.mul_f64(1.25),
                    Some(_) => current,
                }
                .clamp(lo, hi);
                let hint = fresh_for.max(ttl).map(|h| h.min(hi));
                Next {
                    interval,
                    wait: lengthen(interval.mul_f64(spread), hint),
                }
            }
            PollResult::NotModified { fresh_for } => {
                let interval = current.mul_f64(1.25).clamp(lo, hi);
                Next {
                    interval,
                    wait: lengthen(interval.mul_f64(spread), fresh_for.map(|h| h.min(hi))),
                }
            }
            PollResult::Failed {
                consecutive_errors,
                retry_after,
            } => {
                let backoff = backoff(current, consecutive_errors).mul_f64(spread);
                Next {
                    interval: current,
                    wait: lengthen(
                        backoff.min(MAX_BACKOFF),
                        retry_after.map(|r| r.min(MAX_BACKOFF)),
                    ),
                }
            }
        }
    }
}

/// The server's hint can only make the wait longer.
fn lengthen(wait: Duration, hint: Option<Duration>) -> Duration {
    hint.map_or(wait, |hint| wait.max(hint))
}

/// Exponential backoff from the interval, capped; the feed is always polled again.
pub fn backoff(interval: Duration, consecutive_errors: u32) -> Duration {
    let factor = 2u32.saturating_pow(consecutive_errors.min(16));
    interval.saturating_mul(factor).min(MAX_BACKOFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);
    const HOUR: Duration = Duration::from_secs(3600);

    fn cadence(configured: u64) -> Cadence {
        Cadence {
            configured: Duration::from_secs(configured),
            min: MIN,
            max: HOUR,
        }
    }

    fn fetched(new_items: usize, listed: usize) -> PollResult {
        PollResult::Fetched {
            new_items,
            listed,
            fresh_for: None,
            ttl: None,
        }
    }

    /// Mid-range jitter: no spread.
    const NO_SPREAD: f64 = 0.5;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(
            backoff(Duration::from_secs(60), 1),
            Duration::from_secs(120)
        );
        assert_eq!(
            backoff(Duration::from_secs(60), 3),
            Duration::from_secs(480)
        );
        assert_eq!(backoff(Duration::from_secs(60), 40), MAX_BACKOFF);
    }

    #[test]
    fn busy_feeds_are_polled_more_often_quiet_ones_less_within_the_range() {
        let c = cadence(600);
        let first = c.next(None, fetched(20, 20), NO_SPREAD);
        assert_eq!(
            first.interval,
            Duration::from_secs(600),
            "nothing learnt yet"
        );
        let busy = c.next(Some(first.interval), fetched(15, 20), NO_SPREAD);
        assert_eq!(busy.interval, Duration::from_secs(300));
        let steady = c.next(Some(busy.interval), fetched(2, 20), NO_SPREAD);
        assert_eq!(steady.interval, Duration::from_secs(300));
        let mut interval = steady.interval;
        for _ in 0..40 {
            interval = c.next(Some(interval), fetched(0, 20), NO_SPREAD).interval;
        }
        assert_eq!(interval, HOUR, "quiet feeds settle at the maximum");
        for _ in 0..40 {
            interval = c.next(Some(interval), fetched(20, 20), NO_SPREAD).interval;
        }
        assert_eq!(interval, MIN, "busy feeds settle at the minimum");
    }

    #[test]
    fn the_configured_interval_is_always_in_range() {
        let c = cadence(10);
        assert_eq!(c.range(), (Duration::from_secs(10), HOUR));
        let c = cadence(7200);
        assert_eq!(c.range(), (MIN, Duration::from_secs(7200)));
    }

    #[test]
    fn cache_hints_lengthen_but_never_shorten() {
        let c = cadence(600);
        let hinted = |fresh_for: u64, ttl: u64| {
            c.next(
                Some(Duration::from_secs(600)),
                PollResult::Fetched {
                    new_items: 2,
                    listed: 20,
                    fresh_for: Some(Duration::from_secs(fresh_for)),
                    ttl: Some(Duration::from_secs(ttl)),
                },
                NO_SPREAD,
            )
            .wait
        };
        assert_eq!(hinted(1800, 0), Duration::from_secs(1800));
        assert_eq!(hinted(0, 1200), Duration::from_secs(1200));
        assert_eq!(hinted(5, 5), Duration::from_secs(600));
        assert_eq!(hinted(86_400, 0), HOUR, "capped at the maximum interval");
        let not_modified = c.next(
            Some(Duration::from_secs(600)),
            PollResult::NotModified {
                fresh_for: Some(Duration::from_secs(2400)),
            },
            NO_SPREAD,
        );
        assert_eq!(not_modified.wait, Duration::from_secs(2400));
    }

    #[test]
    fn failures_back_off_and_retry_after_is_honoured() {
        let c = cadence(60);
        let failed = |consecutive_errors, retry_after: Option<u64>| {
            c.next(
                Some(Duration::from_secs(60)),
                PollResult::Failed {
                    consecutive_errors,
                    retry_after: retry_after.map(Duration::from_secs),
                },
                NO_SPREAD,
            )
        };
        assert_eq!(failed(1, None).wait, Duration::from_secs(120));
        assert_eq!(failed(3, None).wait, Duration::from_secs(480));
        assert_eq!(
            failed(30, None).wait,
            MAX_BACKOFF,
            "capped, never abandoned"
        );
        assert_eq!(failed(1, Some(900)).wait, Duration::from_secs(900));
        assert_eq!(failed(1, Some(5)).wait, Duration::from_secs(120));
        assert_eq!(failed(1, Some(86_400)).wait, MAX_BACKOFF);
        assert_eq!(failed(2, None).interval, Duration::from_secs(60));
    }

    #[test]
    fn jitter_spreads_by_ten_percent() {
        let c = cadence(600);
        let at = |jitter| c.next(None, fetched(1, 10), jitter).wait;
        assert_eq!(at(0.0), Duration::from_secs(540));
        let top = at(0.999_999);
        assert!(top > Duration::from_secs(659) && top < Duration::from_secs(660));
    }
}
