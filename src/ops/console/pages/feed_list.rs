//! `/ui/feeds`: every feed's health, failing first; sortable and filterable by query string
//! (links and a GET form, so it all works without JavaScript), in pages of a few hundred rows.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use chrono::Utc;

use super::{Answer, html};
use crate::ops::console::html::{Esc, duration, time, url_value};
use crate::ops::{FeedHealth, Health};

/// Rows per page: the render cost stays bounded whatever the number of feeds.
pub const PAGE_ROWS: usize = 500;

const COLUMNS: [(&str, &str); 7] = [
    ("id", "Feed"),
    ("status", "Status"),
    ("last_success", "Last success"),
    ("next_poll", "Next poll"),
    ("interval", "Interval"),
    ("errors", "Errors"),
    ("items", "Items 24 h"),
];

struct Row {
    feed: FeedHealth,
    status: &'static str,
    items: u64,
}

/// Failing first, then warnings, not yet polled, paused, healthy.
fn rank(status: &str) -> u8 {
    match status {
        "failing" => 0,
        "warning" => 1,
        "pending" => 2,
        "paused" => 3,
        _ => 4,
    }
}

pub fn render(health: &Health, query: &HashMap<String, String>) -> Answer {
    let console = &health.console;
    let feeds: Vec<FeedHealth> = health
        .feeds
        .lock()
        .map(|f| f.values().cloned().collect())
        .unwrap_or_default();
    let paused: HashSet<String> = console
        .paused
        .lock()
        .map(|p| p.iter().cloned().collect())
        .unwrap_or_default();
    let now = Utc::now();
    let items: Vec<u64> = console
        .read(|a| feeds.iter().map(|f| a.items_last_day(&f.id, now)).collect())
        .unwrap_or_default();
    let total = feeds.len();
    let needle = query
        .get("q")
        .map(|q| q.trim().to_lowercase())
        .unwrap_or_default();
    let wanted_status = query.get("status").map(String::as_str).unwrap_or("");
    let mut rows: Vec<Row> = feeds
        .into_iter()
        .enumerate()
        .map(|(i, feed)| {
            let status = if paused.contains(&feed.id) {
                "paused"
            } else {
                feed.status
            };
            Row {
                items: items.get(i).copied().unwrap_or(0),
                status,
                feed,
            }
        })
        .filter(|r| wanted_status.is_empty() || r.status == wanted_status)
        .filter(|r| needle.is_empty() || matches(r, &needle))
        .collect();
    let sort = query.get("sort").map(String::as_str).unwrap_or("status");
    let descending = query.get("dir").is_some_and(|d| d == "desc");
    rows.sort_by(|a, b| {
        let order = compare(sort, a, b).then_with(|| a.feed.id.cmp(&b.feed.id));
        if descending { order.reverse() } else { order }
    });
    let pages = rows.len().div_ceil(PAGE_ROWS).max(1);
    let page = query
        .get("page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, pages);

    let mut b = String::with_capacity(200 * PAGE_ROWS.min(rows.len()) + 2048);
    let _ = write!(
        b,
        "<form method=\"get\" action=\"/ui/feeds\" class=\"filters\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"feed id or error\" data-filter=\"feeds\">\
         <select name=\"status\">",
        Esc(&needle)
    );
    for status in ["", "failing", "warning", "pending", "paused", "ok"] {
        let selected = if status == wanted_status {
            " selected"
        } else {
            ""
        };
        let label = if status.is_empty() {
            "any status"
        } else {
            status
        };
        let _ = write!(b, "<option value=\"{status}\"{selected}>{label}</option>");
    }
    let _ = write!(
        b,
        "</select><input type=\"hidden\" name=\"sort\" value=\"{}\"><button>Filter</button></form>\
         <p class=\"muted\">{} of {total} feeds shown{}.</p>",
        Esc(sort),
        rows.len(),
        if pages > 1 {
            format!(", page {page} of {pages}")
        } else {
            String::new()
        }
    );
    let link = |sort: &str, dir: &str, page: usize| {
        format!(
            "/ui/feeds?q={}&amp;status={}&amp;sort={}&amp;dir={dir}&amp;page={page}",
            url_value(&needle),
            url_value(wanted_status),
            url_value(sort)
        )
    };
    b.push_str("<table id=\"feeds\" class=\"sortable\"><thead><tr>");
    for (key, label) in COLUMNS {
        let (dir, mark) = match (key == sort, descending) {
            (true, false) => ("desc", " ▲"),
            (true, true) => ("asc", " ▼"),
            _ => ("asc", ""),
        };
        let _ = write!(
            b,
            "<th><a href=\"{}\">{label}{mark}</a></th>",
            link(key, dir, 1)
        );
    }
    b.push_str("<th>Last error or warning</th></tr></thead><tbody>");
    for row in rows.iter().skip((page - 1) * PAGE_ROWS).take(PAGE_ROWS) {
        let f = &row.feed;
        let _ = write!(
            b,
            "<tr data-status=\"{status}\"><td><a href=\"/ui/feeds/{id}\">{id}</a></td>\
             <td><span class=\"status {status}\">{status}</span></td><td>{}</td><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"error\">{}</td></tr>",
            time(f.last_success_at),
            time(f.next_poll_at),
            f.interval_secs.map(duration).unwrap_or_else(|| "-".into()),
            f.consecutive_errors,
            row.items,
            Esc(f
                .last_error
                .as_deref()
                .or(f.last_warning.as_deref())
                .unwrap_or("")),
            status = row.status,
            id = Esc(&f.id),
        );
    }
    b.push_str("</tbody></table>");
    if pages > 1 {
        b.push_str("<nav class=\"pages\">");
        for p in 1..=pages {
            if p == page {
                let _ = write!(b, "<b>{p}</b> ");
            } else {
                let _ = write!(
                    b,
                    "<a href=\"{}\">{p}</a> ",
                    link(sort, if descending { "desc" } else { "asc" }, p)
                );
            }
        }
        b.push_str("</nav>");
    }
    html("Feeds", "/ui/feeds", health, &b)
}

fn matches(row: &Row, needle: &str) -> bool {
    let f = &row.feed;
    f.id.to_lowercase().contains(needle)
        || [&f.last_error, &f.last_warning]
            .into_iter()
            .flatten()
            .any(|t| t.to_lowercase().contains(needle))
}

fn compare(sort: &str, a: &Row, b: &Row) -> Ordering {
    let (fa, fb) = (&a.feed, &b.feed);
    match sort {
        "id" => fa.id.cmp(&fb.id),
        "last_success" => fa.last_success_at.cmp(&fb.last_success_at),
        "next_poll" => fa.next_poll_at.cmp(&fb.next_poll_at),
        "interval" => fa.interval_secs.cmp(&fb.interval_secs),
        // Most errors first when ascending: the column is read for trouble.
        "errors" => fb.consecutive_errors.cmp(&fa.consecutive_errors),
        "items" => b.items.cmp(&a.items),
        _ => rank(a.status)
            .cmp(&rank(b.status))
            .then_with(|| fb.consecutive_errors.cmp(&fa.consecutive_errors)),
    }
}
