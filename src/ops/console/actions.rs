//! The console's actions: POST only, authorised by the admin token in a header, applied by the
//! running pipeline through a bounded inbox.

use hyper::http::request::Parts;
use hyper::{Method, StatusCode};

use super::Console;
use crate::fetch::FeedItem;
use crate::ops::Health;

/// The header that carries the admin token.
pub const TOKEN_HEADER: &str = "x-newswire-token";

/// What an operator asked the pipeline to do.
#[derive(Debug, Clone)]
pub enum Action {
    /// Poll the feed now instead of at its scheduled time.
    PollNow(String),
    /// Stop polling the feed until resumed (items in flight go on).
    Pause(String),
    Resume(String),
    /// Run a dead-lettered item through the stages again.
    Retry(Box<FeedItem>),
}

/// Answers `POST /ui/actions/<verb>/<target>`: the status and a sentence for the page.
pub(super) fn handle(parts: &Parts, health: &Health, rest: &str) -> (StatusCode, String) {
    let console = &health.console;
    if parts.method != Method::POST {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            "actions take POST only".into(),
        );
    }
    let Some(expected) = console.admin_token.get() else {
        return (
            StatusCode::FORBIDDEN,
            "actions are off: the daemon has no ops.admin_token".into(),
        );
    };
    let given = parts
        .headers
        .get(TOKEN_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same_secret(given, expected.as_bytes()) {
        return (
            StatusCode::UNAUTHORIZED,
            format!("refused: the {TOKEN_HEADER} header is missing or wrong"),
        );
    }
    let Some((verb, target)) = rest.split_once('/') else {
        return (StatusCode::NOT_FOUND, "no such action".into());
    };
    let known_feed = || {
        health
            .feeds
            .lock()
            .is_ok_and(|feeds| feeds.contains_key(target))
    };
    let action = match verb {
        "poll" | "pause" | "resume" if !known_feed() => {
            return (StatusCode::NOT_FOUND, format!("no feed `{target}`"));
        }
        "poll" if console.is_paused(target) => {
            return (
                StatusCode::CONFLICT,
                format!("{target} is paused: resume it first"),
            );
        }
        "poll" => Action::PollNow(target.to_string()),
        "pause" => Action::Pause(target.to_string()),
        "resume" => Action::Resume(target.to_string()),
        "retry" => {
            let item = console.read(|a| {
                a.dead_letters
                    .newest()
                    .find(|d| d.item_id == target)
                    .map(|d| Box::new(d.item.clone()))
            });
            match item.flatten() {
                Some(item) => Action::Retry(item),
                None => {
                    return (
                        StatusCode::NOT_FOUND,
                        format!("no recent dead letter for item `{target}`"),
                    );
                }
            }
        }
        _ => return (StatusCode::NOT_FOUND, "no such action".into()),
    };
    submit(console, action)
}

fn submit(console: &Console, action: Action) -> (StatusCode, String) {
    let inbox = console.actions.lock().ok().and_then(|a| a.clone());
    let Some(inbox) = inbox else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "the pipeline is not running".into(),
        );
    };
    let said = match &action {
        Action::PollNow(feed) => format!("accepted: {feed} will be polled now"),
        Action::Pause(feed) => format!("accepted: {feed} is paused"),
        Action::Resume(feed) => format!("accepted: {feed} is resumed"),
        Action::Retry(item) => format!("accepted: item {} will be retried", item.id),
    };
    let pausing = match &action {
        Action::Pause(feed) => Some((feed.clone(), true)),
        Action::Resume(feed) => Some((feed.clone(), false)),
        _ => None,
    };
    match inbox.try_send(action) {
        Ok(()) => {
            if let Some((feed, paused)) = pausing {
                console.set_paused(&feed, paused);
            }
            (StatusCode::ACCEPTED, said)
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "busy: too many actions waiting; try again".into(),
        ),
    }
}

/// Compares without stopping at the first difference, so timing tells nothing of the token.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    let mut diff = given.len() ^ expected.len();
    for (i, e) in expected.iter().enumerate() {
        diff |= usize::from(given.get(i).copied().unwrap_or(0) ^ e);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn only_the_same_token_passes() {
        assert!(same_secret(b"s3cret", b"s3cret"));
        assert!(!same_secret(b"s3cre", b"s3cret"));
        assert!(!same_secret(b"s3cretX", b"s3cret"));
        assert!(!same_secret(b"", b"s3cret"));
        assert!(!same_secret(b"S3cret", b"s3cret"));
    }
}
