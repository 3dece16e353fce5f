//! `/metrics`, `/healthz`, `/readyz`, `/feeds` and the console (`/`, `/ui/…`) over HTTP/1
//! (hyper), on a local address.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::console::{self, Console};
use super::{FeedHealth, Metrics};

/// What the health endpoints report.
#[derive(Default)]
pub struct Health {
    /// Set once the pipeline runs; cleared when shutdown starts.
    pub ready: AtomicBool,
    /// Set while the sink can deliver.
    pub sink_ok: AtomicBool,
    /// Each polled feed's health, by id, for `/feeds`.
    pub feeds: Mutex<BTreeMap<String, FeedHealth>>,
    /// The console's recent activity, pauses and actions.
    pub console: Console,
}

impl Health {
    pub fn set_feed(&self, health: FeedHealth) {
        if let Ok(mut feeds) = self.feeds.lock() {
            feeds.insert(health.id.clone(), health);
        }
    }

    pub fn remove_feed(&self, id: &str) {
        if let Ok(mut feeds) = self.feeds.lock() {
            feeds.remove(id);
        }
        self.console.forget_feed(id);
    }
}

/// Serves until `shutdown` turns true. Returns the bound address once listening.
pub async fn serve(
    listen: SocketAddr,
    metrics: Arc<Metrics>,
    health: Arc<Health>,
    mut shutdown: watch::Receiver<bool>,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = TcpListener::bind(listen).await?;
    let bound = listener.local_addr()?;
    let task = tokio::spawn(async move {
        loop {
            let accepted = tokio::select! {
                accepted = listener.accept() => accepted,
                _ = shutdown.changed() => break,
            };
            let Ok((stream, _)) = accepted else { continue };
            let metrics = metrics.clone();
            let health = health.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                    let (metrics, health) = (metrics.clone(), health.clone());
                    async move {
                        if !console::pages::is_console(request.uri().path()) {
                            return Ok::<_, Infallible>(route(&request, &metrics, &health));
                        }
                        // Rendered on the blocking pool: a big page never stalls the runtime.
                        let (parts, _) = request.into_parts();
                        let page = tokio::task::spawn_blocking(move || {
                            console::respond(&parts, &metrics, &health)
                        });
                        Ok(page.await.unwrap_or_else(|_| {
                            let mut failed = Response::new(Full::new(Bytes::from("page failed\n")));
                            *failed.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
                            failed
                        }))
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok((bound, task))
}

fn route(request: &Request<Incoming>, metrics: &Metrics, health: &Health) -> Response<Full<Bytes>> {
    let (status, content_type, body) = match request.uri().path() {
        "/metrics" => (
            StatusCode::OK,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
            metrics.render(),
        ),
        "/healthz" => (StatusCode::OK, "text/plain", "ok\n".to_string()),
        "/feeds" => {
            let feeds: Vec<FeedHealth> = health
                .feeds
                .lock()
                .map(|feeds| feeds.values().cloned().collect())
                .unwrap_or_default();
            match serde_json::to_string_pretty(&feeds) {
                Ok(json) => (StatusCode::OK, "application/json", json + "\n"),
                Err(e) => (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "text/plain",
                    format!("cannot encode feed health: {e}\n"),
                ),
            }
        }
        "/readyz" => {
            let ready = health.ready.load(Ordering::Relaxed);
            let sink_ok = health.sink_ok.load(Ordering::Relaxed);
            match (ready, sink_ok) {
                (true, true) => (StatusCode::OK, "text/plain", "ready\n".to_string()),
                (false, _) => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "text/plain",
                    "not ready: pipeline starting or stopping\n".to_string(),
                ),
                (true, false) => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "text/plain",
                    format!(
                        "not ready: sink cannot deliver: {}\n",
                        health.console.sink_problem().unwrap_or_default()
                    ),
                ),
            }
        }
        _ => (
            StatusCode::NOT_FOUND,
            "text/plain",
            "not found\n".to_string(),
        ),
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    if let Ok(value) = content_type.parse() {
        response.headers_mut().insert("content-type", value);
    }
    response
}
