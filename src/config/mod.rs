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

use serde::Deserialize;

mod check;
mod locate;

use locate::Locator;

/// The whole configuration file.
#[derive(Debug, Clone, Deserialize)]
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
    pub state: StateConfig,
    #[serde(default)]
    pub ops: OpsConfig,
    #[serde(default)]
    pub feeds: Vec<FeedConfig>,
}

fn default_data_dir() -> PathBuf {
    PathBuf::from("data")
}
fn default_sites_dir() -> PathBuf {
    PathBuf::from("sites")
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct HttpConfig {
    pub user_agent: String,
    pub connect_timeout_secs: u64,
    /// Whole request, headers and body.
    pub timeout_secs: u64,
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

#[derive(Debug, Clone, Deserialize)]
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
}

fn default_delivery_timeout() -> u64 {
    120
}
fn default_compression() -> String {
    "lz4".into()
}

/// Topic names; the same names are used for the JSON Lines files.
#[derive(Debug, Clone, Deserialize, PartialEq)]
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
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct TopicOverrides {
    pub items: Option<String>,
    pub articles: Option<String>,
    pub dead_letter: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
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
    /// On shutdown, how long in-flight items may take to finish.
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
            shutdown_grace_secs: 30,
            retry_pending_secs: 60,
            min_interval_secs: 60,
            max_interval_secs: 3600,
            max_enrich_chars: crate::enrich::DEFAULT_MAX_ENRICH_CHARS,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
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

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct OpsConfig {
    /// Address of `/metrics`, `/healthz`, `/readyz`; empty string disables the endpoint.
    pub listen: String,
    pub log_format: LogFormat,
}

impl Default for OpsConfig {
    fn default() -> Self {
        OpsConfig {
            listen: "127.0.0.1:9464".into(),
            log_format: LogFormat::Human,
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
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
        let source = std::fs::read_to_string(path).map_err(|e| ConfigError {
            problems: vec![ConfigProblem {
                file: path.to_path_buf(),
                line: 0,
                column: 0,
                message: format!("cannot read config file: {e}"),
            }],
        })?;
        let mut config = Config::parse(&source, path)?;
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        config.resolve_paths(base);
        Ok(config)
    }

    /// Parses and validates config text; `file` only names it in messages.
    pub fn parse(source: &str, file: &Path) -> Result<Config, ConfigError> {
        let locator = Locator::new(source, file);
        let mut unknown = Vec::new();
        let parsed: Result<Config, toml::de::Error> = toml::de::Deserializer::parse(source)
            .and_then(|de| serde_ignored::deserialize(de, |path| unknown.push(path.to_string())));
        let config = match parsed {
            Ok(config) => config,
            Err(e) => {
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
        let mut problems: Vec<ConfigProblem> = unknown
            .iter()
            .map(|path| {
                let at: Vec<&str> = path.split('.').collect();
                locator.problem(&at, true, format!("unknown key `{path}`"))
            })
            .collect();
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
                "f.toml:7:17: 1 s is too short; poll no more often than every 10 s",
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
                "f.toml:2:21: 5 s is too short; poll no more often than every 10 s",
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
            vec!["f.toml:2:24: must be greater than 0"]
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
    fn secrets_come_from_the_environment() {
        let source = "[kafka]\nbootstrap_servers = \"b:9092\"\n[kafka.properties]\n\"sasl.password\" = \"${NEWSWIRE_TEST_UNSET_SECRET}\"\n";
        let got = problems(source);
        assert_eq!(
            got,
            vec!["f.toml:4:19: environment variable `NEWSWIRE_TEST_UNSET_SECRET` is not set"]
        );
    }
}
