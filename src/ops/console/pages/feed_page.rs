//! `/ui/feeds/<id>`: one feed's health, its recent items with their outcome, its poll history,
//! and (with an admin token) poll now, pause and resume.

use std::fmt::Write;

use super::{Answer, html, not_found};
use crate::ops::Health;
use crate::ops::console::activity::{FeedActivity, Outcome};
use crate::ops::console::html::{Esc, duration, time};

pub fn render(health: &Health, id: &str) -> Answer {
    let console = &health.console;
    let Some(feed) = health.feeds.lock().ok().and_then(|f| f.get(id).cloned()) else {
        return not_found(health, &format!("No feed `{id}`."));
    };
    let activity: FeedActivity = console
        .read(|a| a.feeds.get(id).cloned())
        .flatten()
        .unwrap_or_default();
    let paused = console.is_paused(id);
    let status = if paused { "paused" } else { feed.status };
    let mut b = String::new();
    let _ = write!(
        b,
        "<dl class=\"facts\"><dt>Status</dt><dd><span class=\"status {status}\">{status}</span></dd>\
         <dt>Last success</dt><dd>{}</dd><dt>Last poll</dt><dd>{}</dd><dt>Next poll</dt><dd>{}</dd>\
         <dt>Interval</dt><dd>{}</dd><dt>Consecutive errors</dt><dd>{}</dd>\
         <dt>Last error</dt><dd class=\"error\">{}</dd><dt>Last warning</dt><dd>{}</dd></dl>",
        time(feed.last_success_at),
        time(feed.last_polled_at),
        if paused {
            "paused".into()
        } else {
            time(feed.next_poll_at)
        },
        feed.interval_secs
            .map(duration)
            .unwrap_or_else(|| "-".into()),
        feed.consecutive_errors,
        Esc(feed.last_error.as_deref().unwrap_or("-")),
        Esc(feed.last_warning.as_deref().unwrap_or("-")),
    );
    if console.actions_enabled() {
        let id = Esc(id);
        let _ = write!(
            b,
            "<p class=\"actions js-only\"><button class=\"action\" data-action=\"/ui/actions/poll/{id}\">Poll now</button> "
        );
        let (verb, label) = if paused {
            ("resume", "Resume")
        } else {
            ("pause", "Pause")
        };
        let _ = write!(
            b,
            "<button class=\"action\" data-action=\"/ui/actions/{verb}/{id}\">{label}</button></p>"
        );
    }
    b.push_str("<h2>Recent items</h2><table id=\"items\"><thead><tr><th>Seen</th><th>Title</th><th>Outcome</th></tr></thead><tbody>");
    for item in activity.items.newest() {
        let title = item.title.as_deref().unwrap_or("(untitled)");
        let title = match &item.link {
            Some(link) if link.starts_with("http://") || link.starts_with("https://") => {
                format!(
                    "<a href=\"{}\" rel=\"noreferrer noopener\">{}</a>",
                    Esc(link),
                    Esc(title)
                )
            }
            _ => Esc(title).to_string(),
        };
        let outcome = match &item.outcome {
            Outcome::Published { article_id } => format!(
                "<a href=\"/ui/articles/{}\" class=\"status ok\">published</a>",
                Esc(article_id)
            ),
            Outcome::DeadLetter { stage, error } => format!(
                "<span class=\"status failing\">dead letter</span> {}: <span class=\"error\">{}</span>",
                Esc(stage),
                Esc(error)
            ),
            Outcome::Pending => "<span class=\"status pending\">pending</span>".into(),
        };
        let _ = write!(
            b,
            "<tr data-outcome=\"{}\"><td>{}</td><td>{title}</td><td>{outcome}</td></tr>",
            item.outcome.word(),
            time(Some(item.seen_at))
        );
    }
    if activity.items.is_empty() {
        b.push_str("<tr><td colspan=\"3\" class=\"muted\">No new items since the daemon started.</td></tr>");
    }
    b.push_str("</tbody></table><h2>Poll history</h2><table id=\"polls\"><thead><tr><th>At</th><th>Outcome</th><th>Listed</th><th>New</th><th>Error</th></tr></thead><tbody>");
    for poll in activity.polls.newest() {
        let class = match poll.outcome {
            "error" => "failing",
            _ => "ok",
        };
        let _ = write!(
            b,
            "<tr><td>{}</td><td><span class=\"status {class}\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"error\">{}</td></tr>",
            time(Some(poll.at)),
            poll.outcome.replace('_', " "),
            poll.listed,
            poll.new_items,
            Esc(poll.error.as_deref().unwrap_or(""))
        );
    }
    if activity.polls.is_empty() {
        b.push_str("<tr><td colspan=\"5\" class=\"muted\">Not polled yet.</td></tr>");
    }
    b.push_str("</tbody></table>");
    html(&format!("Feed {id}"), "/ui/feeds", health, &b)
}
