//! Routing of the console's pages and the headers every answer carries.

mod articles;
mod dead_letters;
mod feed_list;
mod feed_page;
mod overview;

use std::collections::HashMap;

use bytes::Bytes;
use http_body_util::Full;
use hyper::http::request::Parts;
use hyper::{Response, StatusCode};

use super::actions;
use crate::ops::{Health, Metrics};

const CSS: &str = include_str!("../assets/console.css");
const JS: &str = include_str!("../assets/console.js");

/// Whether the console answers `path` (the rest stays with the JSON and metrics endpoints).
pub(crate) fn is_console(path: &str) -> bool {
    path == "/" || path.starts_with("/ui/")
}

/// A rendered answer: status, content type, body.
pub(super) type Answer = (StatusCode, &'static str, String);

const HTML: &str = "text/html; charset=utf-8";

/// Renders a console page. Call off the async runtime: a page of ten thousand feeds is
/// milliseconds of work.
pub fn respond(parts: &Parts, metrics: &Metrics, health: &Health) -> Response<Full<Bytes>> {
    let path = parts.uri.path();
    let query: HashMap<String, String> = parts
        .uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    let (status, content_type, body) = match path {
        "/" => overview::render(metrics, health),
        "/ui/feeds" => feed_list::render(health, &query),
        "/ui/articles" => articles::list(health, &query),
        "/ui/dead-letters" => dead_letters::render(health),
        "/ui/console.css" => (StatusCode::OK, "text/css; charset=utf-8", CSS.into()),
        "/ui/console.js" => (StatusCode::OK, "text/javascript; charset=utf-8", JS.into()),
        _ => {
            if let Some(id) = path.strip_prefix("/ui/feeds/") {
                feed_page::render(health, id)
            } else if let Some(id) = path
                .strip_prefix("/ui/articles/")
                .and_then(|rest| rest.strip_suffix(".json"))
            {
                articles::record(health, id)
            } else if let Some(id) = path.strip_prefix("/ui/articles/") {
                articles::one(health, id)
            } else if let Some(rest) = path.strip_prefix("/ui/actions/") {
                let (status, said) = actions::handle(parts, health, rest);
                (status, "text/plain; charset=utf-8", said + "\n")
            } else {
                not_found(health, "No such page.")
            }
        }
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    for (name, value) in [
        ("content-type", content_type),
        // Everything comes from the daemon itself; nothing inline runs.
        (
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
        ),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("cache-control", "no-store"),
    ] {
        if let Ok(value) = value.parse() {
            headers.insert(name, value);
        }
    }
    response
}

pub(super) fn not_found(health: &Health, what: &str) -> Answer {
    let body = format!("<p>{}</p>", super::html::Esc(what));
    (
        StatusCode::NOT_FOUND,
        HTML,
        super::html::page("Not found", "", health.console.actions_enabled(), &body),
    )
}

pub(super) fn html(title: &str, current: &str, health: &Health, body: &str) -> Answer {
    (
        StatusCode::OK,
        HTML,
        super::html::page(title, current, health.console.actions_enabled(), body),
    )
}
