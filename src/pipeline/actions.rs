//! What the console's actions do to the running pipeline: poll a feed now, pause or resume it,
//! run a dead-lettered item again.

use super::Work;
use super::poll::FeedPollers;
use crate::ops::console::Action;

impl FeedPollers {
    pub(super) fn act(&mut self, action: Action) {
        match action {
            Action::PollNow(id) => {
                // A fresh poller polls at once; the old one finishes a poll in progress.
                if let Some(feed) = self.running.get(&id).map(|p| (*p.feed).clone()) {
                    tracing::info!(feed = %id, "poll requested from the console");
                    self.start(feed, false, true);
                }
            }
            Action::Pause(id) => {
                if let Some(poller) = self.running.remove(&id) {
                    tracing::info!(feed = %id, "feed paused from the console");
                    self.paused.insert(id, (*poller.feed).clone());
                    self.retire(poller);
                }
            }
            Action::Resume(id) => {
                // In a cluster the feed may have moved to another instance while paused here.
                let owned = self.shared.owns_feed(&id);
                if let Some(feed) = self.paused.remove(&id).filter(|_| owned) {
                    tracing::info!(feed = %id, "feed resumed from the console");
                    // Its stored schedule still holds: a backoff is not skipped by a resume.
                    self.start(feed, false, false);
                }
            }
            Action::Retry(item) => {
                let shared = self.shared.clone();
                if !shared.claim(&item) {
                    return;
                }
                tracing::info!(item = %item.id, "dead letter retried from the console");
                // The current feed list: a reload may have changed the feed since start-up.
                let feed = self.configured.iter().find(|f| f.id == item.feed.id);
                let work = Work::new(*item, feed, &shared, false);
                let work_tx = self.work_tx.clone();
                // Queued off the control loop, which must not wait on a full queue.
                tokio::spawn(async move {
                    let _ = work_tx.send(work).await;
                });
            }
        }
    }
}
