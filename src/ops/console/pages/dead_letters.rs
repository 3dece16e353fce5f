//! `/ui/dead-letters`: the recent dead letters, grouped by the kind of error.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use super::{Answer, html};
use crate::ops::Health;
use crate::ops::console::html::{Esc, time};
use crate::publish::DeadLetterRecord;

/// The error's kind: its stage and its first words with digits, quotes and addresses dropped,
/// so that `HTTP 404 from http://a/x` and `HTTP 404 from http://b/y` fall together.
pub fn error_kind(stage: &str, error: &str) -> String {
    let words: Vec<&str> = error
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.contains('/'))
        .take(6)
        .collect();
    let mut kind = format!("{stage}: ");
    for w in words {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        // Status codes say what happened; other numbers (sizes, counts) do not.
        let keep = (w.len() == 3 && w.chars().all(|c| c.is_ascii_digit()))
            || !w.chars().any(|c| c.is_ascii_digit());
        if keep {
            kind.push_str(w);
            kind.push(' ');
        }
    }
    kind.trim_end().to_string()
}

pub fn render(health: &Health) -> Answer {
    let letters: Vec<Arc<DeadLetterRecord>> = health
        .console
        .read(|a| a.dead_letters.newest().cloned().collect())
        .unwrap_or_default();
    let mut groups: BTreeMap<String, Vec<&DeadLetterRecord>> = BTreeMap::new();
    for d in &letters {
        groups
            .entry(error_kind(&d.stage, &d.error))
            .or_default()
            .push(d);
    }
    let mut groups: Vec<(String, Vec<&DeadLetterRecord>)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    let actions = health.console.actions_enabled();
    let mut b = String::new();
    let _ = write!(
        b,
        "<p class=\"muted\">{} recent dead letters in {} kinds (the console keeps the last {}).</p>",
        letters.len(),
        groups.len(),
        crate::ops::console::activity::RECENT_DEAD_LETTERS
    );
    for (kind, letters) in &groups {
        let _ = write!(
            b,
            "<section class=\"group\"><h2>{} <span class=\"count\">{}</span></h2>\
             <table class=\"dead-letters\"><thead><tr><th>Failed</th><th>Feed</th><th>Item</th><th>Stage</th><th>Attempts</th><th>Error</th>{}</tr></thead><tbody>",
            Esc(kind),
            letters.len(),
            if actions {
                "<th class=\"js-only\"></th>"
            } else {
                ""
            }
        );
        for d in letters {
            let title = d
                .item
                .title
                .as_deref()
                .or(d.item.link.as_deref())
                .unwrap_or(&d.item_id);
            let _ = write!(
                b,
                "<tr data-item=\"{item}\"><td>{}</td><td><a href=\"/ui/feeds/{feed}\">{feed}</a></td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"error\">{}</td>",
                time(Some(d.failed_at)),
                Esc(title),
                Esc(&d.stage),
                d.attempts,
                Esc(&d.error),
                item = Esc(&d.item_id),
                feed = Esc(&d.item.feed.id),
            );
            if actions {
                let _ = write!(
                    b,
                    "<td class=\"js-only\"><button class=\"action\" data-action=\"/ui/actions/retry/{}\">Retry</button></td>",
                    Esc(&d.item_id)
                );
            }
            b.push_str("</tr>");
        }
        b.push_str("</tbody></table></section>");
    }
    if letters.is_empty() {
        b.push_str("<p>No dead letters since the daemon started.</p>");
    }
    html("Dead letters", "/ui/dead-letters", health, &b)
}

#[cfg(test)]
mod tests {
    use super::error_kind;

    #[test]
    fn the_same_failure_on_different_pages_is_one_kind() {
        let a = error_kind("fetch", "HTTP 404 from http://127.0.0.1:4000/a/missing");
        let b = error_kind("fetch", "HTTP 404 from https://example.org/other");
        assert_eq!(a, b);
        assert_eq!(a, "fetch: HTTP 404 from");
        assert_ne!(a, error_kind("fetch", "HTTP 500 from http://x/"));
        assert_ne!(a, error_kind("scrape", "HTTP 404 from http://x/"));
    }
}
