//! The TOML configuration: schema, defaults, and validation that reports every problem with
//! `file:line:col`.
//!
//! Relative paths in the file (data directory, site rules, feeds given as paths) are resolved
//! against the directory of the config file, so a config behaves the same from any working
//! directory.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

mod check;
pub mod keys;
mod locate;
mod mistyped;

use locate::Locator;

/// The whole configuration file.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Config {
    /// Where the state store and the JSON Lines records live.
    #[serde(default = "default_data_dir")]
    pub data_dir: PathBuf,
    /// Per-site extraction rules (`<host>.toml` files).
    #[serde(default = "default_sites_dir")]
    pub sites_dir: PathBuf,
    #[serde(default)]
    pub http: HttpConfig,
    /// Publish to Kafka; without it records go to JSON Lines files under `data_dir/records`.
    #[serde(default)]
    pub kafka: Option<KafkaConfig>,
    #[serde(default)]
    pub topics: Topics,
    #[serde(default)]
    pub pipeline: PipelineConfig,
    #[serde(default)]
    pub enrich: EnrichConfig,
    #[serde(default)]
    pub state: StateConfig,
    #[serde(default)]
    pub ops: OpsConfig,
    /// Several instances sharing the feeds through a Kafka consumer group (off by default).
    #[serde(default)]
    pub cluster: ClusterConfig,
    #[serde(default)]
    pub feeds: Vec<FeedConfig>,
}

fn default_data_dir() -> PathBuf {
    PathBuf::from("data")
}
fn default_sites_dir() -> PathBuf {
    PathBuf::from("sites")
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct HttpConfig {
    pub user_agent: String,
    pub connect_timeout_secs: u64,
    /// Whole request, headers and body.
    pub timeout_secs: u64,
    /// One item's whole page fetch: robots.txt, every attempt and the waits between them.
    pub fetch_deadline_secs: u64,
    /// A larger body is cut off and reported, never buffered whole.
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    /// Page fetch attempts before an item goes to the dead-letter topic.
    pub max_attempts: u32,
    /// Let every feed reach loopback, private and link-local addresses (off: the SSRF guard).
    pub allow_private_networks: bool,
    /// `http://host:port` proxy for every request; empty: the `HTTP(S)_PROXY` environment.
    pub proxy: String,
    /// Requests to one host at once (feeds, pages and robots.txt together).
    pub per_host_concurrency: usize,
    /// Least time between the starts of two requests to one host.
    pub per_host_delay_ms: u64,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            user_agent: format!(
                "newswire/{} (news ingestion; +https://github.com/newswire)",
                env!("CARGO_PKG_VERSION")
            ),
            connect_timeout_secs: 10,
            timeout_secs: 30,
            fetch_deadline_secs: 90,
            max_body_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            max_attempts: 3,
            allow_private_networks: false,
            proxy: String::new(),
            per_host_concurrency: 2,
            per_host_delay_ms: 1000,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct KafkaConfig {
    /// `host:port[,host:port…]`
    pub bootstrap_servers: String,
    /// How long the producer keeps retrying one record before it counts as not delivered.
    #[serde(default = "default_delivery_timeout")]
    pub delivery_timeout_secs: u64,
    #[serde(default = "default_compression")]
    pub compression: String,
    /// Any librdkafka client property, passed through (`security.protocol`, `sasl.*`, …).
    /// A value of the form `${NAME}` is read from the environment, so secrets stay out of the file.
    #[serde(default)]
    pub properties: BTreeMap<String, String>,
    /// Where records wait on disk for the broker; relative to `data_dir`.
    #[serde(default = "default_spool_dir")]
    pub spool_dir: PathBuf,
    /// Bound of the spool's files on disk; 0 turns the spool off.
    #[serde(default = "default_spool_max_bytes")]
    pub spool_max_bytes: u64,
}

fn default_delivery_timeout() -> u64 {
    120
}
fn default_spool_dir() -> PathBuf {
    "spool".into()
}
fn default_spool_max_bytes() -> u64 {
    1 << 30
}
fn default_compression() -> String {
    "lz4".into()
}

/// Topic names; the same names are used for the JSON Lines files.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Topics {
    pub items: String,
    pub articles: String,
    pub dead_letter: String,
}

impl Default for Topics {
    fn default() -> Self {
        Topics {
            items: "news.items".into(),
            articles: "news.articles".into(),
            dead_letter: "news.dead-letter".into(),
        }
    }
}

/// Per-feed topic routing; a missing name falls back to `[topics]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct TopicOverrides {
    pub items: Option<String>,
    pub articles: Option<String>,
    pub dead_letter: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct PipelineConfig {
    /// Feeds fetched, parsed and queued at once. Bounds memory and sockets however many feeds
    /// are configured: a feed waiting for its turn holds nothing.
    pub feed_concurrency: usize,
    /// Article pages fetched at once (all hosts together).
    pub fetch_concurrency: usize,
    /// Extraction + enrichment jobs at once (CPU bound, off the async runtime).
    pub process_concurrency: usize,
    /// Records awaiting a sink acknowledgement at once.
    pub publish_concurrency: usize,
    /// Capacity of each bounded channel between stages.
    pub queue_capacity: usize,
    /// One item's extraction and enrichment; past it the item is dead-lettered.
    pub process_deadline_secs: u64,
    /// Starts of an item's processing without an end (crash, kill) before it is dead-lettered.
    pub quarantine_after: u32,
    /// On shutdown, the whole stop (drain and producer flush); then the process exits.
    pub shutdown_grace_secs: u64,
    /// How often items left undelivered (e.g. while the broker was down) are retried.
    pub retry_pending_secs: u64,
    /// The adaptive poll interval of a busy feed goes no lower (a feed's own `interval_secs`
    /// widens the range).
    pub min_interval_secs: u64,
    /// The adaptive poll interval of a quiet feed (or a cache hint) goes no higher.
    pub max_interval_secs: u64,
    /// Entities and dates are looked for in an article's first this many code points (cut at a
    /// paragraph or sentence end); the record says where when it was cut. Default 100000
    /// (an ordinary article is 2–30k); it bounds the time enrichment takes per article.
    pub max_enrich_chars: usize,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            feed_concurrency: 16,
            fetch_concurrency: 16,
            process_concurrency: 2,
            publish_concurrency: 256,
            queue_capacity: 256,
            process_deadline_secs: 60,
            quarantine_after: 3,
            shutdown_grace_secs: 30,
            retry_pending_secs: 60,
            min_interval_secs: 60,
            max_interval_secs: 3600,
            max_enrich_chars: crate::enrich::DEFAULT_MAX_ENRICH_CHARS,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct EnrichConfig {
    /// Entity models kept outside the binary (`<lang>_<name>.nwner`), each read on the first
    /// article of its language.
    pub models_dir: PathBuf,
}

impl Default for EnrichConfig {
    fn default() -> Self {
        EnrichConfig {
            models_dir: PathBuf::from(crate::enrich::DEFAULT_MODELS_DIR),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct StateConfig {
    /// Ids of published items are kept this long, which must outlast an entry's life in a feed.
    pub retention_days: u32,
}

impl Default for StateConfig {
    fn default() -> Self {
        StateConfig { retention_days: 90 }
    }
}

/// Feed ownership through a Kafka consumer group (docs/cluster.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct ClusterConfig {
    pub enabled: bool,
    /// The consumer group; it also names the feeds topic (`<group_id>.feeds`).
    pub group_id: String,
    /// Partitions of the feeds topic when newswire creates it: the most instances that share work.
    pub partitions: u32,
    /// Replicas of the feeds topic when newswire creates it.
    pub replication_factor: u32,
    /// A member silent this long is dropped and its feeds go to the others.
    pub session_timeout_ms: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            enabled: false,
            group_id: "newswire".into(),
            partitions: 24,
            replication_factor: 3,
            session_timeout_ms: 10_000,
        }
    }
}

impl ClusterConfig {
    /// The compacted topic that carries feed ownership and per-feed state.
    pub fn feeds_topic(&self) -> String {
        format!("{}.feeds", self.group_id)
    }

    /// The items pollers hand to the process group, partitioned by item id.
    pub fn work_topic(&self) -> String {
        format!("{}.work", self.group_id)
    }

    /// The compacted record of the work's finished items, partitioned like the work.
    pub fn progress_topic(&self) -> String {
        format!("{}.progress", self.group_id)
    }

    /// The consumer group that shares the work topic.
    pub fn process_group(&self) -> String {
        format!("{}.process", self.group_id)
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct OpsConfig {
    /// Address of `/metrics`, `/healthz`, `/readyz`; empty string disables the endpoint.
    pub listen: String,
    pub log_format: LogFormat,
    /// `${NAME}`: the console's actions are on when the environment variable NAME is set.
    pub admin_token: String,
}

impl OpsConfig {
    /// The console's admin token from the environment; `None` (actions off) when unset or empty.
    /// A token written in the file is refused by validation, so it never counts here either.
    pub fn resolved_admin_token(&self) -> Option<String> {
        self.admin_token.strip_prefix("${")?;
        expand_env(&self.admin_token).ok().filter(|t| !t.is_empty())
    }
}

impl Default for OpsConfig {
    fn default() -> Self {
        OpsConfig {
            listen: "127.0.0.1:9464".into(),
            log_format: LogFormat::Human,
            admin_token: String::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct FeedConfig {
    /// Stable id; appears in records, metrics and the state store.
    pub id: String,
    /// `http(s)://` URL, `file://` URL or a path (relative to the config file).
    pub url: String,
    #[serde(default = "default_interval")]
    pub interval_secs: u64,
    #[serde(default)]
    pub topics: TopicOverrides,
    /// ISO 639-1 hint for pages that do not say their language.
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default = "enabled")]
    pub enabled: bool,
    /// This feed (and its article links) may reach private networks, e.g. an intranet CMS.
    #[serde(default)]
    pub allow_private_networks: bool,
    /// Article pages are fetched only where the site's robots.txt allows.
    #[serde(default = "enabled")]
    pub obey_robots: bool,
}

fn default_interval() -> u64 {
    300
}
fn enabled() -> bool {
    true
}

impl FeedConfig {
    /// How this feed's polls are paced.
    pub fn cadence(&self, pipeline: &PipelineConfig) -> crate::fetch::schedule::Cadence {
        crate::fetch::schedule::Cadence {
            configured: Duration::from_secs(self.interval_secs),
            min: Duration::from_secs(pipeline.min_interval_secs),
            max: Duration::from_secs(pipeline.max_interval_secs),
        }
    }

    pub fn topics(&self, defaults: &Topics) -> Topics {
        Topics {
            items: self.topics.items.clone().unwrap_or(defaults.items.clone()),
            articles: self
                .topics
                .articles
                .clone()
                .unwrap_or(defaults.articles.clone()),
            dead_letter: self
                .topics
                .dead_letter
                .clone()
                .unwrap_or(defaults.dead_letter.clone()),
        }
    }
}

/// One problem found in a config file.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigProblem {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Every problem of a config file, in file order.
#[derive(Debug, thiserror::Error)]
pub struct ConfigError {
    pub problems: Vec<ConfigProblem>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl Config {
    /// Reads, parses and validates a config file; relative paths become absolute.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let bytes = std::fs::read(path).map_err(|e| ConfigError {
            problems: vec![ConfigProblem {
                file: path.to_path_buf(),
                line: 0,
                column: 0,
                message: format!("cannot read config file: {e}"),
            }],
        })?;
        // Bytes that are not UTF-8 are reported where they stand, and the rest is still checked.
        let (source, mut problems) = match String::from_utf8(bytes) {
            Ok(source) => (source, Vec::new()),
            Err(e) => {
                let bytes = e.into_bytes();
                let problems = not_utf8(&bytes, path);
                (String::from_utf8_lossy(&bytes).into_owned(), problems)
            }
        };
        match Config::parse(&source, path) {
            Ok(mut config) if problems.is_empty() => {
                let base = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                config.resolve_paths(base);
                Ok(config)
            }
            Ok(_) => Err(ConfigError { problems }),
            Err(e) => {
                problems.extend(e.problems);
                problems.sort_by_key(|p| (p.line, p.column));
                Err(ConfigError { problems })
            }
        }
    }

    /// Parses and validates config text; `file` only names it in messages.
    pub fn parse(source: &str, file: &Path) -> Result<Config, ConfigError> {
        let locator = Locator::new(source, file);
        let document: toml::Table = match source.parse() {
            Ok(document) => document,
            Err(e) => {
                let e: toml::de::Error = e;
                let (line, column) = e
                    .span()
                    .map(|s| locator.line_col(s.start))
                    .unwrap_or((1, 1));
                return Err(ConfigError {
                    problems: vec![ConfigProblem {
                        file: file.to_path_buf(),
                        line,
                        column,
                        message: e.message().trim().to_string(),
                    }],
                });
            }
        };
        let (document, mistyped) = mistyped::take_out_mistyped(document);
        let mut problems: Vec<ConfigProblem> = mistyped
            .iter()
            .map(|(at, message)| {
                let at: Vec<&str> = at.iter().map(String::as_str).collect();
                locator.problem(&at, false, message.clone())
            })
            .collect();
        let mut unknown = Vec::new();
        let config: Config =
            match serde_ignored::deserialize(toml::Value::Table(document), |path| {
                unknown.push(path.to_string())
            }) {
                Ok(config) => config,
                Err(e) => {
                    let e: toml::de::Error = e;
                    problems.push(locator.problem(&[], false, e.message().trim().to_string()));
                    return Err(ConfigError { problems });
                }
            };
        problems.extend(unknown.iter().map(|path| {
            let at: Vec<&str> = path.split('.').collect();
            locator.problem(&at, true, format!("unknown key `{path}`"))
        }));
        for (at, message) in config.check() {
            let at: Vec<&str> = at.iter().map(String::as_str).collect();
            problems.push(locator.problem(&at, false, message));
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            problems.sort_by_key(|p| (p.line, p.column));
            Err(ConfigError { problems })
        }
    }

    /// The defaults of every key, serialized: a `[kafka]` table and one feed are included so
    /// their keys' defaults show (their required values are left out).
    pub fn defaults_document() -> serde_json::Value {
        let source = "[kafka]\nbootstrap_servers = \"\"\n[[feeds]]\nid = \"\"\nurl = \"\"\n";
        let config: Config = toml::from_str(source).unwrap_or_else(|e| panic!("defaults: {e}"));
        let mut document = serde_json::to_value(&config).unwrap_or_default();
        document["kafka"]["bootstrap_servers"] = serde_json::Value::Null;
        for key in ["id", "url"] {
            document["feeds"][0][key] = serde_json::Value::Null;
        }
        document
    }

    fn resolve_paths(&mut self, base: &Path) {
        let absolute = |p: &Path| {
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                base.join(p)
            }
        };
        self.data_dir = absolute(&self.data_dir);
        self.sites_dir = absolute(&self.sites_dir);
        self.enrich.models_dir = absolute(&self.enrich.models_dir);
        for feed in &mut self.feeds {
            if !feed.url.contains("://") {
                let path = absolute(Path::new(&feed.url));
                let path = std::fs::canonicalize(&path).unwrap_or(path);
                if let Ok(url) = url::Url::from_file_path(&path) {
                    feed.url = url.to_string();
                }
            }
        }
    }

    pub fn enabled_feeds(&self) -> impl Iterator<Item = &FeedConfig> {
        self.feeds.iter().filter(|f| f.enabled)
    }
}

impl KafkaConfig {
    /// `bootstrap_servers`, with a `${NAME}` value read from the environment.
    pub fn resolved_bootstrap_servers(&self) -> Result<String, String> {
        expand_env(&self.bootstrap_servers)
    }

    /// The pass-through properties with `${NAME}` values read from the environment.
    pub fn resolved_properties(&self) -> Result<BTreeMap<String, String>, String> {
        self.properties
            .iter()
            .map(|(k, v)| Ok((k.clone(), expand_env(v)?)))
            .collect()
    }
}

/// One problem per run of bytes that are not UTF-8, at its line and column.
fn not_utf8(bytes: &[u8], file: &Path) -> Vec<ConfigProblem> {
    let mut problems = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let bad = match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => e,
        };
        let start = at + bad.valid_up_to();
        let len = bad
            .error_len()
            .unwrap_or(rest.len() - bad.valid_up_to())
            .max(1);
        let before = String::from_utf8_lossy(&bytes[..start]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        problems.push(ConfigProblem {
            file: file.to_path_buf(),
            line,
            column,
            message: format!(
                "byte 0x{:02X} is not UTF-8 (save the file as UTF-8)",
                bytes[start]
            ),
        });
        at = start + len;
    }
    problems
}

/// `${NAME}` → the environment variable NAME; any other value is taken literally.
fn expand_env(value: &str) -> Result<String, String> {
    match value
        .strip_prefix("${")
        .and_then(|rest| rest.strip_suffix('}'))
    {
        Some(name) => {
            std::env::var(name).map_err(|_| format!("environment variable `{name}` is not set"))
        }
        None => Ok(value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(source: &str) -> Vec<String> {
        match Config::parse(source, Path::new("f.toml")) {
            Ok(_) => vec![],
            Err(e) => e.problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let config = Config::parse(
            "[[feeds]]\nid = \"a\"\nurl = \"https://example.org/rss\"\n",
            Path::new("f.toml"),
        )
        .expect("valid");
        assert_eq!(config.feeds[0].interval_secs, 300);
        assert_eq!(config.topics.articles, "news.articles");
        assert!(config.kafka.is_none());
    }

    #[test]
    fn every_unknown_key_is_reported_with_its_position() {
        let got = problems(
            "data_dirr = \"x\"\n[http]\nuser_agentt = \"a\"\n[[feeds]]\nid = \"a\"\nurl = \"https://e.org/\"\nintervall = 5\n",
        );
        assert_eq!(
            got,
            vec![
                "f.toml:1:1: unknown key `data_dirr`",
                "f.toml:3:1: unknown key `http.user_agentt`",
                "f.toml:7:1: unknown key `feeds.0.intervall`",
            ]
        );
    }

    #[test]
    fn semantic_problems_point_at_the_value() {
        let got = problems(
            "[[feeds]]\nid = \"a\"\nurl = \"ftp://x\"\n[[feeds]]\nid = \"a\"\nurl = \"https://e.org/\"\ninterval_secs = 1\n",
        );
        assert_eq!(
            got,
            vec![
                "f.toml:3:7: unsupported scheme `ftp`: use http, https, file or a path",
                "f.toml:5:6: duplicate feed id `a` (also feed #1 in the file)",
                "f.toml:7:17: 1 is out of range: must be 10 to 604800 s",
            ]
        );
    }

    #[test]
    fn type_errors_carry_a_position() {
        let got =
            problems("[[feeds]]\nid = \"a\"\nurl = \"https://e.org/\"\ninterval_secs = \"soon\"\n");
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("f.toml:4:17: "), "{got:?}");
    }

    #[test]
    fn ssrf_guard_is_on_unless_opted_out() {
        let config = Config::parse(
            "[[feeds]]\nid = \"a\"\nurl = \"https://e.org/\"\n[[feeds]]\nid = \"b\"\nurl = \"http://cms.intranet/rss\"\nallow_private_networks = true\n",
            Path::new("f.toml"),
        )
        .expect("valid");
        assert!(!config.http.allow_private_networks);
        assert!(!config.feeds[0].allow_private_networks);
        assert!(config.feeds[1].allow_private_networks);
        let global = Config::parse(
            "[http]\nallow_private_networks = true\n",
            Path::new("f.toml"),
        )
        .expect("valid");
        assert!(global.http.allow_private_networks);
        assert_eq!(
            problems("[http]\nallow_private_networks = \"yes\"\n").len(),
            1,
            "a non-boolean is a located type error"
        );
    }

    #[test]
    fn adaptive_interval_range_is_checked() {
        let config = Config::parse("", Path::new("f.toml")).expect("valid");
        assert_eq!(
            (
                config.pipeline.min_interval_secs,
                config.pipeline.max_interval_secs
            ),
            (60, 3600)
        );
        assert_eq!(
            problems("[pipeline]\nmin_interval_secs = 5\nmax_interval_secs = 4\n"),
            vec![
                "f.toml:2:21: 5 is out of range: must be 10 to 604800 s",
                "f.toml:3:21: 4 is out of range: must be 10 to 604800 s",
                "f.toml:3:21: 4 s is below min_interval_secs (5 s)",
            ]
        );
    }

    #[test]
    fn politeness_defaults_and_checks() {
        let config = Config::parse(
            "[[feeds]]\nid = \"a\"\nurl = \"https://e.org/\"\n[[feeds]]\nid = \"b\"\nurl = \"https://e.org/b\"\nobey_robots = false\n",
            Path::new("f.toml"),
        )
        .expect("valid");
        assert_eq!(config.http.per_host_concurrency, 2);
        assert_eq!(config.http.per_host_delay_ms, 1000);
        assert!(config.feeds[0].obey_robots);
        assert!(!config.feeds[1].obey_robots);
        assert_eq!(
            problems("[http]\nper_host_concurrency = 0\nper_host_delay_ms = 0\n"),
            vec!["f.toml:2:24: 0 is out of range: must be 1 to 1024"]
        );
    }

    #[test]
    fn proxy_must_be_an_http_url() {
        assert_eq!(
            problems("[http]\nproxy = \"socks://x\"\n"),
            vec!["f.toml:2:9: `socks://x` is not a proxy URL like http://proxy.internal:3128"]
        );
        assert!(problems("[http]\nproxy = \"http://proxy.internal:3128\"\n").is_empty());
    }

    #[test]
    fn the_admin_token_is_read_from_the_environment_only() {
        assert_eq!(
            problems("[ops]\nadmin_token = \"hunter2\"\n"),
            vec![
                "f.toml:2:15: must name an environment variable, like \"${NEWSWIRE_ADMIN_TOKEN}\": a token is never written in the file"
            ]
        );
        let ops = |token: &str| OpsConfig {
            admin_token: token.into(),
            ..OpsConfig::default()
        };
        assert_eq!(
            ops("${NEWSWIRE_TEST_UNSET_TOKEN}").resolved_admin_token(),
            None
        );
        assert_eq!(ops("hunter2").resolved_admin_token(), None);
        assert_eq!(ops("").resolved_admin_token(), None);
        // PATH is set in any test environment: a set variable gives its value.
        assert_eq!(
            ops("${PATH}").resolved_admin_token(),
            std::env::var("PATH").ok()
        );
    }

    #[test]
    fn secrets_come_from_the_environment() {
        let source = "[kafka]\nbootstrap_servers = \"b:9092\"\n[kafka.properties]\n\"sasl.password\" = \"${NEWSWIRE_TEST_UNSET_SECRET}\"\n";
        let got = problems(source);
        assert_eq!(
            got,
            vec!["f.toml:4:19: environment variable `NEWSWIRE_TEST_UNSET_SECRET` is not set"]
        );
    }

    #[test]
    fn every_mistyped_value_is_reported_and_nothing_else_is_hidden() {
        let got = problems(
            "data_dir = 5\n[http]\ntimeout_secs = \"x\"\nmax_attempts = -1\nbogus = 1\n[[feeds]]\nid = \"a\"\nurl = \"https://e.org/\"\ninterval_secs = true\n[[feeds]]\nid = \"b\"\n[pipeline]\nqueue_capacity = 0\n",
        );
        let lines: Vec<&str> = got
            .iter()
            .map(|p| &p[..p.find(": ").unwrap_or(0)])
            .collect();
        assert_eq!(
            lines,
            vec![
                "f.toml:1:12",
                "f.toml:3:16",
                "f.toml:4:16",
                "f.toml:5:1",
                "f.toml:9:17",
                "f.toml:10:1",
                "f.toml:13:18"
            ],
            "{got:#?}"
        );
        assert!(got[5].contains("missing field `url`"), "{got:#?}");
        assert!(got[6].contains("0 is out of range"), "{got:#?}");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_located_and_the_rest_is_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            b"[http]\nuser_agent = \"caf\xe9\"\ntimeout_secs = 0\n# \xff\xfe\n",
        )
        .expect("write");
        let e = Config::load(&path).expect_err("invalid");
        let got: Vec<(usize, usize)> = e.problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(got, vec![(2, 18), (3, 16), (4, 3), (4, 4)], "{e}");
        assert!(e.problems[0].message.contains("0xE9"), "{e}");
    }

    #[test]
    fn extreme_numbers_are_refused_by_validate() {
        for (section, key) in [
            ("state", "retention_days"),
            ("pipeline", "feed_concurrency"),
            ("pipeline", "queue_capacity"),
            ("http", "per_host_concurrency"),
            ("http", "per_host_delay_ms"),
        ] {
            let got = problems(&format!("[{section}]\n{key} = 9223372036854775807\n"));
            // Out of the key's range, or of its type (u32): refused either way, once.
            assert_eq!(got.len(), 1, "{section}.{key}: {got:?}");
        }
        let got = problems(
            "[[feeds]]\nid = \"a\"\nurl = \"https://e.org/\"\ninterval_secs = 10000000000000\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn every_key_is_in_the_reference_table() {
        let defaults = Config::defaults_document();
        let mut in_config = keys::leaf_paths(&defaults);
        in_config.sort();
        let mut documented: Vec<String> = keys::KEYS.iter().map(|k| k.path.to_string()).collect();
        documented.sort();
        assert_eq!(in_config, documented);
    }

    /// docs/configuration.md is generated; `NEWSWIRE_WRITE_DOCS=1` writes it.
    #[test]
    fn configuration_reference_is_up_to_date() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md");
        let generated = keys::reference(&Config::defaults_document());
        if std::env::var_os("NEWSWIRE_WRITE_DOCS").is_some() {
            std::fs::write(&path, &generated).expect("write docs/configuration.md");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "docs/configuration.md is stale: run NEWSWIRE_WRITE_DOCS=1 cargo test --release --lib config::"
        );
    }

    #[test]
    fn the_example_config_is_valid_and_shows_every_key() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/newswire.toml");
        let source = std::fs::read_to_string(&path).expect("config/newswire.toml");
        let config = Config::parse(&source, &path);
        assert!(
            config.is_ok(),
            "{}",
            config.err().map(|e| e.to_string()).unwrap_or_default()
        );
        for key in keys::KEYS {
            let name = key.path.rsplit('.').next().unwrap_or(key.path);
            assert!(
                source.contains(&format!("{name} ="))
                    || source.contains(&format!("[{}]", key.path)),
                "config/newswire.toml does not show `{}`",
                key.path
            );
        }
    }
}
