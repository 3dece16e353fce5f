//! The one HTTP client of the daemon: timeouts, redirect limit, compressed transfer, a streamed
//! body cap, conditional GET. `file://` URLs are read from disk with the same cap, so that
//! feeds and pages shipped with a deployment (and the demo) go through the same path.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use url::Url;

use super::guard::{self, BlockedAddress, PublicOnlyResolver};
use super::politeness::HostLimiter;
use super::robots::{self, RobotsCache, RobotsRules};
use crate::config::HttpConfig;

/// Which networks a request may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The public internet only: the SSRF guard refuses private, loopback and metadata addresses.
    PublicOnly,
    /// Also private networks and this machine (an operator opted in for this feed or globally).
    PrivateAllowed,
}

/// HTTP validators of the last successful fetch, sent back for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A fetched document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Final URL, after redirects.
    pub url: Url,
    pub content_type: Option<String>,
    pub validators: Validators,
    /// How long the server says the document stays fresh (`Cache-Control: max-age`, `Expires`).
    pub fresh_for: Option<Duration>,
    pub bytes: Vec<u8>,
}

#[derive(Debug)]
pub enum Fetched {
    /// 304: the validators still hold; nothing to parse.
    NotModified {
        fresh_for: Option<Duration>,
    },
    Document(Document),
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("HTTP {status} from {url}")]
    Status {
        url: Url,
        status: u16,
        retry_after: Option<Duration>,
    },
    #[error("request to {url} failed: {message}")]
    Network { url: Url, message: String },
    #[error("body of {url} is larger than the {limit}-byte limit; cut off")]
    TooLarge { url: Url, limit: u64 },
    #[error("cannot read {url}: {message}")]
    File { url: Url, message: String },
    #[error("{url}: scheme `{scheme}` is not allowed here")]
    Scheme { url: Url, scheme: String },
    #[error("refused to fetch {url}: {blocked}")]
    Blocked { url: Url, blocked: BlockedAddress },
    #[error(
        "{robots_url} disallows {url} for user agent `{agent}` (set obey_robots = false on the feed to fetch it anyway)"
    )]
    RobotsDisallowed {
        url: Url,
        robots_url: Url,
        agent: String,
    },
}

impl FetchError {
    /// Worth another attempt later (the server or network may recover).
    pub fn is_retriable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => {
                *status == 408 || *status == 425 || *status == 429 || *status >= 500
            }
            FetchError::Network { .. } => true,
            FetchError::TooLarge { .. }
            | FetchError::File { .. }
            | FetchError::Scheme { .. }
            | FetchError::Blocked { .. }
            | FetchError::RobotsDisallowed { .. } => false,
        }
    }
}

#[derive(Clone)]
pub struct HttpClient {
    /// Guarded: resolves and redirects to public addresses only.
    public: reqwest::Client,
    /// Unguarded, for feeds whose operator allowed private networks.
    private: reqwest::Client,
    /// `[http] allow_private_networks`: every request may reach private networks.
    allow_private_networks: bool,
    max_body_bytes: u64,
    /// Per-host concurrency and spacing, shared by feeds, pages and robots.txt.
    hosts: Arc<HostLimiter>,
    robots: Arc<RobotsCache>,
    /// Our product token in robots.txt groups.
    robots_agent: String,
}

impl HttpClient {
    pub fn new(config: &HttpConfig) -> Result<Self, reqwest::Error> {
        // Through a proxy the proxy resolves hostnames, so only literal addresses (in URLs and
        // redirects) are checked here; the proxy must enforce the egress policy for names.
        let proxy = match config.proxy.as_str() {
            "" => None,
            url => Some(reqwest::Proxy::all(url)?),
        };
        let builder = |reach: Reach| {
            let max_redirects = config.max_redirects;
            let redirects = reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() >= max_redirects {
                    return attempt.error(format!("more than {max_redirects} redirects"));
                }
                // Redirects to a hostname meet the resolver; literal addresses bypass it.
                if reach == Reach::PublicOnly
                    && let Err(blocked) = guard::check_literal(attempt.url())
                {
                    return attempt.error(blocked);
                }
                attempt.follow()
            });
            let builder = reqwest::Client::builder()
                .user_agent(&config.user_agent)
                .connect_timeout(Duration::from_secs(config.connect_timeout_secs))
                .timeout(Duration::from_secs(config.timeout_secs))
                .redirect(redirects)
                .gzip(true)
                .brotli(true)
                .deflate(true);
            let builder = match proxy.clone() {
                Some(proxy) => builder.proxy(proxy),
                None => builder,
            };
            match reach {
                Reach::PublicOnly => builder.dns_resolver(std::sync::Arc::new(PublicOnlyResolver)),
                Reach::PrivateAllowed => builder,
            }
        };
        Ok(HttpClient {
            public: builder(Reach::PublicOnly).build()?,
            private: builder(Reach::PrivateAllowed).build()?,
            allow_private_networks: config.allow_private_networks,
            max_body_bytes: config.max_body_bytes,
            hosts: Arc::new(HostLimiter::new(
                config.per_host_concurrency,
                Duration::from_millis(config.per_host_delay_ms),
            )),
            robots: Arc::default(),
            robots_agent: robots::product_token(&config.user_agent).to_string(),
        })
    }

    /// The reach of a feed's requests: private networks only where the operator allowed them.
    pub fn reach(&self, feed_allows_private: bool) -> Reach {
        if self.allow_private_networks || feed_allows_private {
            Reach::PrivateAllowed
        } else {
            Reach::PublicOnly
        }
    }

    /// GETs `url`, conditionally when `validators` are given, within `reach`.
    pub async fn get(
        &self,
        url: &Url,
        validators: &Validators,
        reach: Reach,
    ) -> Result<Fetched, FetchError> {
        match url.scheme() {
            "http" | "https" => self.get_http(url, validators, reach).await,
            "file" => self.read_file(url).await.map(Fetched::Document),
            scheme => Err(FetchError::Scheme {
                url: url.clone(),
                scheme: scheme.to_string(),
            }),
        }
    }

    async fn get_http(
        &self,
        url: &Url,
        validators: &Validators,
        reach: Reach,
    ) -> Result<Fetched, FetchError> {
        let network = |e: reqwest::Error| match guard::find_blocked(&e) {
            Some(blocked) => FetchError::Blocked {
                url: url.clone(),
                blocked,
            },
            None => FetchError::Network {
                url: url.clone(),
                message: error_chain(&e),
            },
        };
        let client = match reach {
            Reach::PublicOnly => {
                // A literal address never meets the resolver: check it before connecting.
                guard::check_literal(url).map_err(|blocked| FetchError::Blocked {
                    url: url.clone(),
                    blocked,
                })?;
                &self.public
            }
            Reach::PrivateAllowed => &self.private,
        };
        // Held until the body is read: the host's slot is taken for the whole exchange.
        let _host_permit = match url.host_str() {
            Some(host) => Some(self.hosts.acquire(host).await),
            None => None,
        };
        let mut request = client.get(url.clone());
        if let Some(etag) = &validators.etag {
            request = request.header(reqwest::header::IF_NONE_MATCH, etag);
        }
        if let Some(last_modified) = &validators.last_modified {
            request = request.header(reqwest::header::IF_MODIFIED_SINCE, last_modified);
        }
        let mut response = request.send().await.map_err(network)?;
        let status = response.status();
        let fresh_for = freshness(response.headers(), SystemTime::now());
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified { fresh_for });
        }
        let header = |name: reqwest::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if !status.is_success() {
            let retry_after = header(reqwest::header::RETRY_AFTER)
                .and_then(|v| retry_after(&v, SystemTime::now()));
            return Err(FetchError::Status {
                url: response.url().clone(),
                status: status.as_u16(),
                retry_after,
            });
        }
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let validators = Validators {
            etag: header(reqwest::header::ETAG),
            last_modified: header(reqwest::header::LAST_MODIFIED),
        };
        let final_url = response.url().clone();
        if response
            .content_length()
            .is_some_and(|len| len > self.max_body_bytes)
        {
            return Err(self.too_large(&final_url));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(network)? {
            if bytes.len() as u64 + chunk.len() as u64 > self.max_body_bytes {
                return Err(self.too_large(&final_url));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Fetched::Document(Document {
            url: final_url,
            content_type,
            validators,
            fresh_for,
            bytes,
        }))
    }

    /// Whether the site's robots.txt lets us fetch `url` (http(s) only; cached per site).
    pub async fn check_robots(&self, url: &Url, reach: Reach) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Ok(());
        }
        let Ok(robots_url) = url.join("/robots.txt") else {
            return Ok(());
        };
        let site = url.origin().ascii_serialization();
        let rules = self
            .robots
            .rules(&site, || async {
                match self
                    .get_http(&robots_url, &Validators::default(), reach)
                    .await
                {
                    Ok(Fetched::Document(document)) => (
                        RobotsRules::parse(&self.robots_agent, &document.bytes),
                        true,
                    ),
                    // No robots.txt (4xx) or an absurd one: nothing is restricted.
                    Ok(Fetched::NotModified { .. })
                    | Err(FetchError::TooLarge { .. })
                    | Err(FetchError::Status { status: 400..=499, .. }) => {
                        (RobotsRules::AllowAll, true)
                    }
                    Err(error) => {
                        tracing::info!(url = %robots_url, error = %error, "robots.txt unreachable; allowing for now");
                        (RobotsRules::AllowAll, false)
                    }
                }
            })
            .await;
        if rules.allows(url) {
            Ok(())
        } else {
            Err(FetchError::RobotsDisallowed {
                url: url.clone(),
                robots_url,
                agent: self.robots_agent.clone(),
            })
        }
    }

    async fn read_file(&self, url: &Url) -> Result<Document, FetchError> {
        use tokio::io::AsyncReadExt;
        let file_error = |message: String| FetchError::File {
            url: url.clone(),
            message,
        };
        let path = url
            .to_file_path()
            .map_err(|()| file_error("not a local file path".into()))?;
        let file = open_regular_file(&path)
            .await
            .map_err(|e| file_error(e.to_string()))?;
        let mut bytes = Vec::new();
        // Read one byte past the limit to tell "exactly at the limit" from "over it".
        file.take(self.max_body_bytes + 1)
            .read_to_end(&mut bytes)
            .await
            .map_err(|e| file_error(e.to_string()))?;
        if bytes.len() as u64 > self.max_body_bytes {
            return Err(self.too_large(url));
        }
        let content_type = match path.extension().and_then(|e| e.to_str()) {
            Some("html" | "htm") => Some("text/html".to_string()),
            Some("xml" | "rss" | "atom") => Some("application/xml".to_string()),
            Some("json") => Some("application/json".to_string()),
            _ => None,
        };
        Ok(Document {
            url: url.clone(),
            content_type,
            validators: Validators::default(),
            fresh_for: None,
            bytes,
        })
    }

    fn too_large(&self, url: &Url) -> FetchError {
        FetchError::TooLarge {
            url: url.clone(),
            limit: self.max_body_bytes,
        }
    }
}

/// `Retry-After`: delay-seconds or an HTTP date (RFC 9110 10.2.3); a past date means now.
/// Opens a local file only if it is a regular file. Opening is non-blocking, so a FIFO with no
/// writer cannot hang the open, and devices (`/dev/zero`), directories and FIFOs are refused
/// before anything is read.
async fn open_regular_file(path: &std::path::Path) -> std::io::Result<tokio::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let path = path.to_path_buf();
    let file = tokio::task::spawn_blocking(move || {
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&path)
    })
    .await
    .map_err(std::io::Error::other)??;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    Ok(tokio::fs::File::from_std(file))
}

fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// How long a response stays fresh: `Cache-Control: max-age` (`s-maxage` is for shared caches),
/// else `Expires` against the server's `Date`. `no-cache` / `no-store` mean no promise.
fn freshness(headers: &reqwest::header::HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(cache_control) = text(reqwest::header::CACHE_CONTROL) {
        let mut max_age = None;
        for directive in cache_control.split(',') {
            let (name, value) = directive
                .split_once('=')
                .map_or((directive, None), |(n, v)| (n, Some(v)));
            match name.trim().to_ascii_lowercase().as_str() {
                "no-cache" | "no-store" => return None,
                "max-age" => {
                    max_age = value
                        .and_then(|v| v.trim().trim_matches('"').parse::<u64>().ok())
                        .map(Duration::from_secs);
                }
                _ => {}
            }
        }
        if max_age.is_some() {
            return max_age;
        }
    }
    let expires = httpdate::parse_http_date(text(reqwest::header::EXPIRES)?.trim()).ok()?;
    // The server's clock, when it says it, so a skewed clock does not bend the interval.
    let date = text(reqwest::header::DATE)
        .and_then(|d| httpdate::parse_http_date(d.trim()).ok())
        .unwrap_or(now);
    expires.duration_since(date).ok()
}

/// reqwest's Display hides the cause ("error sending request"); users need the whole chain.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    reqwest::header::HeaderName::from_static(k),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    fn at(date: &str) -> SystemTime {
        httpdate::parse_http_date(date).expect("test date")
    }

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        let now = at("Wed, 27 Aug 2025 09:00:00 GMT");
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 27 Aug 2025 09:05:00 GMT", now),
            Some(Duration::from_secs(300))
        );
        assert_eq!(
            retry_after("Wed, 27 Aug 2025 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn freshness_from_cache_control_then_expires() {
        let now = at("Wed, 27 Aug 2025 09:00:00 GMT");
        assert_eq!(
            freshness(&headers(&[("cache-control", "public, max-age=900")]), now),
            Some(Duration::from_secs(900))
        );
        assert_eq!(
            freshness(
                &headers(&[
                    ("cache-control", "no-cache"),
                    ("expires", "Wed, 27 Aug 2025 10:00:00 GMT")
                ]),
                now
            ),
            None
        );
        assert_eq!(
            freshness(
                &headers(&[
                    ("date", "Wed, 27 Aug 2025 08:00:00 GMT"),
                    ("expires", "Wed, 27 Aug 2025 08:30:00 GMT")
                ]),
                now
            ),
            Some(Duration::from_secs(1800))
        );
        assert_eq!(freshness(&headers(&[("expires", "0")]), now), None);
        assert_eq!(freshness(&HeaderMap::new(), now), None);
    }
}
