//! Shared test support: a loopback HTTP server for feeds and pages, a real Kafka-protocol
//! broker (tansu) per test binary, and helpers to consume what the pipeline published.
#![allow(dead_code)] // each test binary uses its own part of the support

pub mod proxy;

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

/// The repository's shared material (`../shared`).
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn seed_text() -> String {
    std::fs::read_to_string(shared_dir().join("seed/novayagazeta-aliyev.txt"))
        .expect("the seed article ../shared/seed/novayagazeta-aliyev.txt")
}

/// What the test server answers on one path.
#[derive(Clone)]
pub struct Route {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub delay: Duration,
    /// Extra response headers. An `etag` header makes the route answer 304 to a request whose
    /// `If-None-Match` matches it.
    pub headers: Vec<(String, String)>,
    /// Sent instead of `body`, produced while it is sent (never held whole).
    pub stream: Option<Streamed>,
}

/// A response body made while it is sent.
#[derive(Clone)]
pub enum Streamed {
    /// `len` copies of `byte`, in 64 KiB chunks.
    Repeat { byte: u8, len: u64 },
    /// `body`, one byte every `every`.
    Trickle { body: Vec<u8>, every: Duration },
}

impl Route {
    pub fn ok(content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Route {
            status: 200,
            content_type,
            body: body.into(),
            delay: Duration::ZERO,
            headers: Vec::new(),
            stream: None,
        }
    }
    pub fn status(status: u16) -> Self {
        Route {
            status,
            content_type: "text/plain",
            body: b"nope".to_vec(),
            delay: Duration::ZERO,
            headers: Vec::new(),
            stream: None,
        }
    }
    /// A 302 to `location`.
    pub fn redirect(location: &str) -> Self {
        Route::status(302).with_header("location", location)
    }
    pub fn streamed(content_type: &'static str, stream: Streamed) -> Self {
        Route {
            stream: Some(stream),
            ..Route::ok(content_type, Vec::new())
        }
    }
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

type Body = http_body_util::combinators::UnsyncBoxBody<Bytes, Infallible>;

fn full(bytes: Vec<u8>) -> Body {
    use http_body_util::BodyExt;
    Full::new(Bytes::from(bytes)).boxed_unsync()
}

fn streamed(stream: Streamed) -> Body {
    use http_body_util::BodyExt;
    let chunks: futures_util::stream::BoxStream<'static, Bytes> = match stream {
        Streamed::Repeat { byte, len } => {
            const CHUNK: u64 = 64 * 1024;
            Box::pin(futures_util::stream::unfold(0u64, move |sent| async move {
                (sent < len).then(|| {
                    let n = CHUNK.min(len - sent);
                    (Bytes::from(vec![byte; n as usize]), sent + n)
                })
            }))
        }
        Streamed::Trickle { body, every } => {
            Box::pin(futures_util::stream::unfold(0usize, move |at| {
                let byte = body.get(at).copied();
                async move {
                    let byte = byte?;
                    tokio::time::sleep(every).await;
                    Some((Bytes::from(vec![byte]), at + 1))
                }
            }))
        }
    };
    let frames =
        futures_util::StreamExt::map(chunks, |b| Ok::<_, Infallible>(hyper::body::Frame::data(b)));
    http_body_util::StreamBody::new(frames).boxed_unsync()
}

/// A loopback HTTP/1 server whose routes a test can change while it runs.
type Generator = Arc<dyn Fn(&str) -> Option<Route> + Send + Sync>;

/// Requests per path; `None` once recording stopped.
type RequestLog = Arc<Mutex<Option<HashMap<String, Vec<Received>>>>>;

/// One request the server received.
#[derive(Clone, Debug)]
pub struct Received {
    pub at: Instant,
    pub headers: HashMap<String, String>,
}

#[derive(Default)]
struct Counters {
    connections: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

pub struct TestServer {
    pub addr: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    /// Answers paths with no fixed route (benchmarks: pages made on request, not held in memory).
    generator: Arc<Mutex<Option<Generator>>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    /// Requests per fixed-route path, when recording is on (off for benchmarks: memory stays flat).
    received: RequestLog,
    counters: Arc<Counters>,
}

/// Decrements the in-flight count when a request's handling ends.
struct InFlight(Arc<Counters>);

impl InFlight {
    fn enter(counters: &Arc<Counters>) -> InFlight {
        let now = counters.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        counters.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(counters.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

impl TestServer {
    pub async fn start() -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("addr");
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let generator: Arc<Mutex<Option<Generator>>> = Arc::default();
        let received: RequestLog = Arc::new(Mutex::new(Some(HashMap::new())));
        let counters: Arc<Counters> = Arc::default();
        let (r, h, g, rec, c) = (
            routes.clone(),
            hits.clone(),
            generator.clone(),
            received.clone(),
            counters.clone(),
        );
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                c.connections.fetch_add(1, Ordering::SeqCst);
                let (routes, hits, generator, received, counters) =
                    (r.clone(), h.clone(), g.clone(), rec.clone(), c.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(
                        move |request: Request<hyper::body::Incoming>| {
                            let in_flight = InFlight::enter(&counters);
                            // Routed on the path alone: like real sites, tracking parameters do not matter.
                            let path = request.uri().path().to_string();
                            let fixed = routes.lock().expect("routes").contains_key(&path);
                            // Generated routes are not counted: a benchmark's millions of
                            // paths would be the memory it measures.
                            if fixed {
                                *hits.lock().expect("hits").entry(path.clone()).or_default() += 1;
                            }
                            let headers: HashMap<String, String> = request
                                .headers()
                                .iter()
                                .map(|(k, v)| {
                                    (
                                        k.as_str().to_string(),
                                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                                    )
                                })
                                .collect();
                            if let Some(log) = received
                                .lock()
                                .expect("received")
                                .as_mut()
                                .filter(|_| fixed)
                            {
                                log.entry(path.clone()).or_default().push(Received {
                                    at: Instant::now(),
                                    headers: headers.clone(),
                                });
                            }
                            let route =
                                routes
                                    .lock()
                                    .expect("routes")
                                    .get(&path)
                                    .cloned()
                                    .or_else(|| {
                                        let generate = generator.lock().expect("generator").clone();
                                        generate.and_then(|g| g(&path))
                                    });
                            async move {
                                let _in_flight = in_flight;
                                let route = route.unwrap_or(Route::status(404));
                                if !route.delay.is_zero() {
                                    tokio::time::sleep(route.delay).await;
                                }
                                let etag = route
                                    .headers
                                    .iter()
                                    .find(|(k, _)| k.eq_ignore_ascii_case("etag"))
                                    .map(|(_, v)| v.clone());
                                let not_modified =
                                    etag.is_some() && headers.get("if-none-match") == etag.as_ref();
                                let (status, body) = if not_modified {
                                    (304, full(Vec::new()))
                                } else {
                                    let body = match route.stream {
                                        Some(stream) => streamed(stream),
                                        None => full(route.body),
                                    };
                                    (route.status, body)
                                };
                                let mut response = Response::new(body);
                                *response.status_mut() =
                                    hyper::StatusCode::from_u16(status).expect("status");
                                response.headers_mut().insert(
                                    "content-type",
                                    route.content_type.parse().expect("content type"),
                                );
                                for (name, value) in &route.headers {
                                    response.headers_mut().append(
                                        hyper::header::HeaderName::from_bytes(name.as_bytes())
                                            .expect("header name"),
                                        value.parse().expect("header value"),
                                    );
                                }
                                Ok::<_, Infallible>(response)
                            }
                        },
                    );
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        TestServer {
            addr,
            routes,
            generator,
            hits,
            received,
            counters,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn set(&self, path: &str, route: Route) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_string(), route);
    }

    pub fn generate(&self, generator: impl Fn(&str) -> Option<Route> + Send + Sync + 'static) {
        *self.generator.lock().expect("generator") = Some(Arc::new(generator));
    }

    pub fn hits(&self, path: &str) -> usize {
        self.hits
            .lock()
            .expect("hits")
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    /// The requests received on `path`, in order.
    pub fn received(&self, path: &str) -> Vec<Received> {
        self.received
            .lock()
            .expect("received")
            .as_ref()
            .and_then(|log| log.get(path).cloned())
            .unwrap_or_default()
    }

    /// Stops recording requests (benchmarks: thousands of them).
    pub fn stop_recording(&self) {
        *self.received.lock().expect("received") = None;
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.counters.connections.load(Ordering::SeqCst)
    }

    /// Most requests ever handled at the same moment.
    pub fn max_in_flight(&self) -> usize {
        self.counters.max_in_flight.load(Ordering::SeqCst)
    }
}

/// An RSS 2.0 document with `(title, link, guid)` items.
pub fn rss(title: &str, items: &[(&str, &str, &str)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>{title}</title><link>http://example.invalid/</link><description>test</description>\n"
    );
    for (title, link, guid) in items {
        xml.push_str(&format!(
            "<item><title>{title}</title><link>{link}</link><guid isPermaLink=\"false\">{guid}</guid><pubDate>Wed, 27 Aug 2025 09:00:00 GMT</pubDate></item>\n"
        ));
    }
    xml.push_str("</channel></rss>\n");
    xml
}

/// [`rss`] for entries built at run time (`(title, link, guid)` as owned strings).
pub fn rss_of(title: &str, items: &[(String, String, String)]) -> String {
    let refs: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    rss(title, &refs)
}

/// An Atom document with `(title, link, id)` entries.
pub fn atom(title: &str, entries: &[(&str, &str, &str)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{title}</title><id>urn:test:{title}</id><updated>2025-08-27T10:00:00Z</updated>\n"
    );
    for (title, link, id) in entries {
        xml.push_str(&format!(
            "<entry><title>{title}</title><id>{id}</id><link rel=\"alternate\" href=\"{link}\"/><updated>2025-08-27T10:00:00Z</updated></entry>\n"
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// A small article page in ordinary news markup.
pub fn article_page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Test Daily</title>\
         <meta property=\"og:site_name\" content=\"Test Daily\">\
         <meta property=\"article:published_time\" content=\"2025-08-27T09:00:00Z\"></head>\
         <body><header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header>\
         <main><article><h1>{title}</h1><div class=\"article-body\">{body}</div></article></main>\
         <footer><p>© Test Daily. All rights reserved.</p></footer></body></html>"
    )
}

/// A free loopback port for a server a test starts later (bound and released). Picked
/// below the kernel's ephemeral range (32768 and up), so no outgoing connection of a
/// concurrent test can take it between this check and the server's bind; the start
/// point varies with the process and a counter, so concurrent tests rarely try the same.
pub fn free_port() -> u16 {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    const LOW: usize = 20_000;
    const SPAN: usize = 12_000;
    let seed = std::process::id() as usize * 7919
        + std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |t| t.subsec_nanos() as usize);
    for _ in 0..SPAN {
        let step = NEXT.fetch_add(1, Ordering::Relaxed);
        let port = (LOW + (seed + step * 1_009) % SPAN) as u16;
        if StdListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free loopback port in {LOW}..{}", LOW + SPAN)
}

/// A tansu broker on loopback, killed when dropped. `tests/run-all.sh` installs it and sets
/// `NEWSWIRE_TANSU`; memory storage, so every broker starts empty.
pub struct Broker {
    pub port: u16,
    child: Child,
}

impl Broker {
    pub fn start() -> Broker {
        Broker::start_on(free_port())
    }

    pub fn start_on(port: u16) -> Broker {
        Broker::start_advertising(port, port)
    }

    /// A broker on `port` that tells clients to connect to `advertised` (a proxy in front).
    pub fn start_advertising(port: u16, advertised: u16) -> Broker {
        let binary = std::env::var("NEWSWIRE_TANSU").unwrap_or_else(|_| {
            panic!("NEWSWIRE_TANSU is not set: run the suite with tests/run-all.sh, which installs and points to the tansu broker")
        });
        let listener = format!("tcp://127.0.0.1:{port}");
        let advertised = format!("tcp://127.0.0.1:{advertised}");
        let child = Command::new(&binary)
            .args([
                "broker",
                "--storage-engine",
                "memory://tansu/",
                "--listener-url",
                &listener,
                "--advertised-listener-url",
                &advertised,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start tansu at {binary}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tansu did not listen on {port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Broker { port, child }
    }

    pub fn bootstrap(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One record read back from Kafka.
#[derive(Debug, Clone)]
pub struct Consumed {
    pub key: String,
    pub headers: HashMap<String, String>,
    pub value: serde_json::Value,
    /// The record's bytes as published (a re-sent record is compared byte for byte).
    pub payload: Vec<u8>,
}

/// Creates `topic` with one partition: a consumer group subscribed to a topic that does not
/// exist yet is not assigned it later.
pub async fn create_topic(bootstrap: &str, topic: &str) {
    use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
    let admin: AdminClient<_> = rdkafka::ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .create()
        .expect("admin client");
    let created = admin
        .create_topics(
            &[NewTopic::new(topic, 1, TopicReplication::Fixed(1))],
            &AdminOptions::new(),
        )
        .await
        .expect("create topic");
    assert!(created.iter().all(Result::is_ok), "{created:?}");
}

/// A consumer of `topic` from its first record, in a group of its own, committing nothing.
pub fn subscribe_from_beginning(bootstrap: &str, topic: &str) -> rdkafka::consumer::StreamConsumer {
    use rdkafka::consumer::{Consumer, StreamConsumer};
    let consumer: StreamConsumer = rdkafka::ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("group.id", format!("test-{topic}-{}", free_port()))
        .set("auto.offset.reset", "earliest")
        .set("enable.auto.commit", "false")
        .set("session.timeout.ms", "6000")
        // A topic created after subscribing is noticed within a second, not five minutes.
        .set("topic.metadata.refresh.interval.ms", "1000")
        .create()
        .expect("consumer");
    consumer.subscribe(&[topic]).expect("subscribe");
    consumer
}

/// Reads every record of `topic` from the beginning, stopping once `idle` passes with nothing new
/// (after at least `expect` records, or the overall deadline).
pub async fn consume_all(
    bootstrap: &str,
    topic: &str,
    expect: usize,
    idle: Duration,
) -> Vec<Consumed> {
    use rdkafka::Message;
    use rdkafka::message::Headers;
    let consumer = subscribe_from_beginning(bootstrap, topic);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut records = Vec::new();
    loop {
        let wait = if records.len() >= expect {
            idle
        } else {
            Duration::from_secs(5)
        };
        match tokio::time::timeout(wait, consumer.recv()).await {
            Ok(Ok(message)) => {
                let headers = message
                    .headers()
                    .map(|h| {
                        h.iter()
                            .map(|h| {
                                (
                                    h.key.to_string(),
                                    String::from_utf8_lossy(h.value.unwrap_or_default())
                                        .into_owned(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let payload = message.payload().unwrap_or_default().to_vec();
                records.push(Consumed {
                    key: String::from_utf8_lossy(message.key().unwrap_or_default()).into_owned(),
                    headers,
                    value: serde_json::from_slice(&payload).expect("record payload is JSON"),
                    payload,
                });
            }
            // A topic the broker has not created yet reads as an error; keep polling.
            Ok(Err(e)) if Instant::now() < deadline => {
                eprintln!("consumer: {e}");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Ok(Err(e)) => panic!("consumer error: {e}"),
            Err(_) if records.len() >= expect || Instant::now() > deadline => break,
            Err(_) => {}
        }
    }
    records
}

/// Reads a topic's JSON Lines file (missing file: no records).
pub fn read_jsonl(data_dir: &Path, topic: &str) -> Vec<serde_json::Value> {
    let path = data_dir.join("records").join(format!("{topic}.jsonl"));
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON record"))
        .collect()
}

/// Validates `record` against the JSON Schema its `schema` field names.
pub fn assert_schema_valid(record: &serde_json::Value) {
    let id = record["schema"].as_str().expect("record has a schema id");
    let (_, schema) = newswire::publish::records::SCHEMAS
        .iter()
        .find(|(s, _)| *s == id)
        .unwrap_or_else(|| panic!("unknown schema id {id}"));
    let schema: serde_json::Value = serde_json::from_str(schema).expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(record)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "record does not match {id}: {errors:#?}\n{record:#}"
    );
}

/// Where a scenario's records go and how they are read back.
pub enum SinkUnderTest {
    Kafka(Broker),
    Jsonl,
}

impl SinkUnderTest {
    /// The `[kafka]` section for this sink (empty for JSON Lines).
    pub fn toml(&self) -> String {
        match self {
            SinkUnderTest::Kafka(broker) => format!(
                "[kafka]\nbootstrap_servers = \"{}\"\ndelivery_timeout_secs = 10\n",
                broker.bootstrap()
            ),
            SinkUnderTest::Jsonl => String::new(),
        }
    }

    /// Every record of `topic`; for JSON Lines, key = the record's id and no headers.
    pub async fn read(&self, data_dir: &Path, topic: &str, expect: usize) -> Vec<Consumed> {
        match self {
            SinkUnderTest::Kafka(broker) => {
                consume_all(&broker.bootstrap(), topic, expect, Duration::from_secs(3)).await
            }
            SinkUnderTest::Jsonl => read_jsonl(data_dir, topic)
                .into_iter()
                .map(|value| Consumed {
                    key: value["id"]
                        .as_str()
                        .or(value["item_id"].as_str())
                        .unwrap_or_default()
                        .to_string(),
                    headers: HashMap::new(),
                    payload: serde_json::to_vec(&value).unwrap_or_default(),
                    value,
                })
                .collect(),
        }
    }
}

/// Builds a config for a test run: data in `data_dir`, the repo's site rules, the given feeds.
pub fn test_config(
    data_dir: &Path,
    sink: &SinkUnderTest,
    feeds: &[(&str, String)],
) -> newswire::config::Config {
    let mut toml = format!(
        "data_dir = \"{}\"\nsites_dir = \"{}\"\n[http]\nmax_attempts = 2\n# The test servers are on loopback, which the SSRF guard refuses by default.\nallow_private_networks = true\n# One loopback host serves every feed and page: no spacing, fetch_concurrency-wide.\nper_host_delay_ms = 0\nper_host_concurrency = 16\n[ops]\nlisten = \"\"\n{}",
        data_dir.display(),
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("config/sites")
            .display(),
        sink.toml()
    );
    for (id, url) in feeds {
        toml.push_str(&format!(
            "[[feeds]]\nid = \"{id}\"\nurl = \"{url}\"\ninterval_secs = 10\n"
        ));
    }
    newswire::config::Config::parse(&toml, Path::new("test.toml")).expect("test config is valid")
}

/// Runs one `--once` cycle in-process.
pub async fn run_once(config: &newswire::config::Config) -> newswire::pipeline::RunSummary {
    if std::env::var_os("RUST_LOG").is_some() {
        newswire::ops::init_logging(newswire::config::LogFormat::Human);
    }
    let (_tx, rx) = tokio::sync::watch::channel(false);
    newswire::pipeline::run(config.clone(), true, Default::default(), rx)
        .await
        .expect("pipeline run")
}

/// A benchmark's command-line option (`--name VALUE`), as given.
pub fn bench_arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// A benchmark's numeric command-line option (`--name N`), or its default.
pub fn bench_option(name: &str, default: usize) -> usize {
    bench_arg(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Peak resident set size of this process (VmHWM), in MiB; for benchmarks.
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// The `newswire` binary of this build.
pub fn newswire() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newswire"))
}

/// Sends a signal (`TERM`, `KILL`, `HUP`, …) to a child.
pub fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// Waits for the child to exit, at most `limit`.
pub fn wait_exit(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("newswire did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Polls until `check` holds, at most `limit`.
pub async fn eventually(limit: Duration, what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
