//! `/ui/articles`: the most recent published articles with their entities, filterable by feed,
//! language and entity name; `/ui/articles/<id>` opens one (its text and its full record).

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

use hyper::StatusCode;

use super::{Answer, html, not_found};
use crate::enrich::Entity;
use crate::ops::Health;
use crate::ops::console::html::{Esc, time};
use crate::publish::ArticleRecord;

const TYPES: [&str; 4] = ["PERSON", "ORG", "LOCATION", "MISC"];
/// Chips per type in the list; the article page shows them all.
const LIST_CHIPS: usize = 8;

fn recent(health: &Health) -> Vec<Arc<ArticleRecord>> {
    health
        .console
        .read(|a| a.articles.newest().cloned().collect())
        .unwrap_or_default()
}

pub fn list(health: &Health, query: &HashMap<String, String>) -> Answer {
    let get = |k: &str| query.get(k).map(|v| v.trim()).unwrap_or("");
    let (feed, language, entity) = (get("feed"), get("language"), get("entity").to_lowercase());
    let articles: Vec<Arc<ArticleRecord>> = recent(health)
        .into_iter()
        .filter(|a| feed.is_empty() || a.feed.id == feed)
        .filter(|a| language.is_empty() || a.language.as_deref() == Some(language))
        .filter(|a| {
            entity.is_empty()
                || a.entities
                    .iter()
                    .any(|e| e.name.to_lowercase().contains(&entity))
        })
        .collect();
    let mut b = String::new();
    let _ = write!(
        b,
        "<form method=\"get\" action=\"/ui/articles\" class=\"filters\">\
         <input name=\"feed\" value=\"{}\" placeholder=\"feed id\">\
         <input name=\"language\" value=\"{}\" placeholder=\"language (en, ru…)\" size=\"8\">\
         <input name=\"entity\" value=\"{}\" placeholder=\"entity name\">\
         <button>Filter</button></form><p class=\"muted\">{} of the last {} articles published since start.</p>",
        Esc(feed),
        Esc(language),
        Esc(&entity),
        articles.len(),
        crate::ops::console::activity::RECENT_ARTICLES,
    );
    b.push_str("<table id=\"articles\"><thead><tr><th>Published</th><th>Title</th><th>Site</th><th>Lang</th><th>Entities</th><th>Dates</th></tr></thead><tbody>");
    for a in &articles {
        let _ = write!(
            b,
            "<tr data-article=\"{id}\"><td>{}</td><td><a href=\"/ui/articles/{id}\">{}</a><br><span class=\"muted\">{}</span></td>\
             <td>{}</td><td>{}</td><td>",
            a.published_at
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| "-".into()),
            Esc(&a.title),
            Esc(&a.feed.id),
            Esc(a.site.name.as_deref().unwrap_or(&a.site.host)),
            Esc(a.language.as_deref().unwrap_or("-")),
            id = Esc(&a.id),
        );
        chips(&mut b, &a.entities, LIST_CHIPS);
        b.push_str("</td><td>");
        let dates: Vec<&str> = a.dates.iter().take(6).map(|d| d.value.as_str()).collect();
        let _ = write!(b, "{}", Esc(&dates.join(", ")));
        b.push_str("</td></tr>");
    }
    if articles.is_empty() {
        b.push_str("<tr><td colspan=\"6\" class=\"muted\">No article matches.</td></tr>");
    }
    b.push_str("</tbody></table>");
    html("Articles", "/ui/articles", health, &b)
}

/// Entity chips grouped by type, at most `per_type` of each.
fn chips(b: &mut String, entities: &[Entity], per_type: usize) {
    for kind in TYPES {
        let of_kind: Vec<&Entity> = entities
            .iter()
            .filter(|e| {
                e.kind == kind || (kind == "MISC" && !TYPES[..3].contains(&e.kind.as_str()))
            })
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = write!(
            b,
            "<div class=\"chips\" data-type=\"{kind}\"><span class=\"type\">{kind}</span>"
        );
        for e in of_kind.iter().take(per_type) {
            let _ = write!(
                b,
                "<span class=\"chip {}\" title=\"{} mentions\">{}</span>",
                kind.to_lowercase(),
                e.mentions.len(),
                Esc(&e.name)
            );
        }
        if of_kind.len() > per_type {
            let _ = write!(
                b,
                "<span class=\"muted\">+{}</span>",
                of_kind.len() - per_type
            );
        }
        b.push_str("</div>");
    }
}

fn find(health: &Health, id: &str) -> Option<Arc<ArticleRecord>> {
    health
        .console
        .read(|a| a.articles.newest().find(|r| r.id == id).cloned())
        .flatten()
}

pub fn one(health: &Health, id: &str) -> Answer {
    let Some(a) = find(health, id) else {
        return not_found(
            health,
            "No such article among the recent ones (the console keeps the last few hundred).",
        );
    };
    let mut b = String::new();
    let _ = write!(
        b,
        "<dl class=\"facts\"><dt>Site</dt><dd>{}</dd><dt>URL</dt><dd><a href=\"{url}\" rel=\"noreferrer noopener\">{url}</a></dd>\
         <dt>Feed</dt><dd><a href=\"/ui/feeds/{feed}\">{feed}</a></dd><dt>Language</dt><dd>{}</dd>\
         <dt>Published</dt><dd>{}</dd><dt>Fetched</dt><dd>{}</dd><dt>Authors</dt><dd>{}</dd></dl>",
        Esc(a.site.name.as_deref().unwrap_or(&a.site.host)),
        Esc(a.language.as_deref().unwrap_or("-")),
        a.published_at
            .map(|t| t.to_rfc3339())
            .unwrap_or_else(|| "-".into()),
        time(Some(a.fetched_at)),
        Esc(&a.authors.join(", ")),
        url = Esc(&a.canonical_url),
        feed = Esc(&a.feed.id),
    );
    b.push_str("<h2>Entities</h2>");
    chips(&mut b, &a.entities, usize::MAX);
    b.push_str("<h2>Dates</h2><ul class=\"dates\">");
    for d in &a.dates {
        let _ = write!(
            b,
            "<li>{} → <code>{}</code></li>",
            Esc(&d.text),
            Esc(&d.value)
        );
    }
    let _ = write!(
        b,
        "</ul><h2>Text</h2><pre class=\"article-text\">{}</pre>\
         <h2>Record</h2><p><a href=\"/ui/articles/{}.json\">the record as JSON</a></p><details><summary>show</summary><pre class=\"record\">{}</pre></details>",
        Esc(&a.text),
        Esc(&a.id),
        Esc(&serde_json::to_string_pretty(&*a).unwrap_or_default())
    );
    html(&a.title, "/ui/articles", health, &b)
}

pub fn record(health: &Health, id: &str) -> Answer {
    match find(health, id).and_then(|a| serde_json::to_string_pretty(&*a).ok()) {
        Some(json) => (StatusCode::OK, "application/json", json + "\n"),
        None => (
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "no such recent article\n".into(),
        ),
    }
}
