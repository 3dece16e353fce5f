//! Every key of the config file: its kind, its range and what it does. `validate` (and `run`
//! at start) check the ranges from this table, and `docs/configuration.md` is generated from it
//! with the defaults of [`super::Config`], so the reference cannot drift from the code.
//!
//! The ranges are what the daemon is built and tested for: a value inside them never panics,
//! overflows a timer or waits forever.

use serde_json::Value;

/// What a key holds.
pub enum Kind {
    /// A whole number in `min..=max`, in `unit`.
    Number {
        min: u64,
        max: u64,
        unit: &'static str,
    },
    Bool,
    Text,
    /// A path; relative paths resolve against the config file's directory.
    Path,
    /// A list of strings.
    List,
    /// A table of string keys and values.
    Map,
}

/// One key; `feeds.*.x` is the key `x` of every `[[feeds]]` table.
pub struct Key {
    pub path: &'static str,
    pub kind: Kind,
    pub doc: &'static str,
}

const fn number(
    path: &'static str,
    min: u64,
    max: u64,
    unit: &'static str,
    doc: &'static str,
) -> Key {
    Key {
        path,
        kind: Kind::Number { min, max, unit },
        doc,
    }
}

const fn key(path: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key { path, kind, doc }
}

const DAY: u64 = 86_400;

/// The whole schema, in the order the reference shows it.
pub const KEYS: &[Key] = &[
    key(
        "data_dir",
        Kind::Path,
        "Where the state store and, without `[kafka]`, the JSON Lines records (`data_dir/records/<topic>.jsonl`) live.",
    ),
    key(
        "sites_dir",
        Kind::Path,
        "Per-site extraction rules: one `<host>.toml` per site. A directory that does not exist means none (`validate` warns).",
    ),
    key(
        "http.user_agent",
        Kind::Text,
        "The User-Agent of every request; also the agent robots.txt rules are matched against.",
    ),
    number(
        "http.connect_timeout_secs",
        1,
        300,
        "s",
        "Time to establish a connection.",
    ),
    number(
        "http.timeout_secs",
        1,
        3_600,
        "s",
        "One whole request, headers and body.",
    ),
    number(
        "http.fetch_deadline_secs",
        1,
        3_600,
        "s",
        "One item's whole page fetch: robots.txt, every attempt and the waits between them. Past it the item is dead-lettered with the reason.",
    ),
    number(
        "http.max_body_bytes",
        1_024,
        256 * 1024 * 1024,
        "bytes",
        "A larger body (also after decompression, also a local file) is cut off and reported, never buffered whole.",
    ),
    number(
        "http.max_redirects",
        0,
        20,
        "",
        "Redirects followed per request; each target passes the SSRF guard again.",
    ),
    number(
        "http.max_attempts",
        1,
        10,
        "",
        "Page fetch attempts before an item is dead-lettered (retriable failures only).",
    ),
    key(
        "http.allow_private_networks",
        Kind::Bool,
        "Let every feed reach loopback, private, link-local, CGNAT and documentation addresses. Off, the SSRF guard refuses them on the resolved address and on every redirect.",
    ),
    key(
        "http.proxy",
        Kind::Text,
        "`http://host:port` proxy for every request; empty: the `HTTP_PROXY` / `HTTPS_PROXY` environment.",
    ),
    number(
        "http.per_host_concurrency",
        1,
        1_024,
        "",
        "Requests to one host at once (feeds, pages and robots.txt together).",
    ),
    number(
        "http.per_host_delay_ms",
        0,
        600_000,
        "ms",
        "Least time between the starts of two requests to one host.",
    ),
    key(
        "kafka.bootstrap_servers",
        Kind::Text,
        "`host:port[,host:port…]`. Without a `[kafka]` table records go to JSON Lines files instead. `${NAME}` reads the environment variable NAME.",
    ),
    number(
        "kafka.delivery_timeout_secs",
        1,
        3_600,
        "s",
        "How long the producer retries one record before it counts as not delivered (the item stays pending and is retried).",
    ),
    key(
        "kafka.compression",
        Kind::Text,
        "One of `none`, `gzip`, `snappy`, `lz4`, `zstd`.",
    ),
    key(
        "kafka.spool_dir",
        Kind::Text,
        "Where records wait on disk until the broker acknowledges them (relative to `data_dir`). Every record goes through it: an item is done once its records are synced here ([delivery](delivery.md#the-spool)).",
    ),
    number(
        "kafka.spool_max_bytes",
        0,
        1 << 50,
        "bytes",
        "Bound of the spool's files. When full, polling pauses and `/readyz` says `spool full`; no record is dropped. 0 turns the spool off (records then go straight to the producer).",
    ),
    key(
        "kafka.properties",
        Kind::Map,
        "Any librdkafka client property, passed through (`security.protocol`, `sasl.*`, …). A value `${NAME}` is read from the environment, so secrets stay out of the file.",
    ),
    key(
        "topics.items",
        Kind::Text,
        "Topic of item records (one per feed entry); also the JSON Lines file name.",
    ),
    key("topics.articles", Kind::Text, "Topic of article records."),
    key(
        "topics.dead_letter",
        Kind::Text,
        "Topic of dead letters: items that failed for good, with the stage and the reason.",
    ),
    number(
        "pipeline.feed_concurrency",
        1,
        1_024,
        "",
        "Feeds fetched, parsed and queued at once. Bounds memory and sockets however many feeds are configured.",
    ),
    number(
        "pipeline.fetch_concurrency",
        1,
        1_024,
        "",
        "Article pages fetched at once (all hosts together).",
    ),
    number(
        "pipeline.process_concurrency",
        1,
        256,
        "",
        "Extraction and enrichment jobs at once (CPU bound, off the async runtime).",
    ),
    number(
        "pipeline.publish_concurrency",
        1,
        65_536,
        "",
        "Records awaiting a sink acknowledgement at once.",
    ),
    number(
        "pipeline.queue_capacity",
        1,
        65_536,
        "",
        "Capacity of each bounded channel between stages.",
    ),
    number(
        "pipeline.max_enrich_chars",
        1_000,
        10_000_000,
        "code points",
        "Entities and dates are looked for in an article's first this many code points (cut at a paragraph or sentence end); the record's `enrichment.truncated_at` says where. The text itself is published whole.",
    ),
    number(
        "pipeline.process_deadline_secs",
        1,
        3_600,
        "s",
        "One item's extraction and enrichment. Past it the item is dead-lettered with the reason.",
    ),
    number(
        "pipeline.quarantine_after",
        1,
        100,
        "starts",
        "An item whose processing was started this many times without finishing (the daemon crashed or was killed on it) is dead-lettered instead of tried again.",
    ),
    number(
        "pipeline.shutdown_grace_secs",
        1,
        3_600,
        "s",
        "On SIGTERM / SIGINT, the whole stop: in-flight items finish and the producer flushes within it; then the process exits, and what is unfinished stays pending for the next start.",
    ),
    number(
        "pipeline.retry_pending_secs",
        1,
        DAY,
        "s",
        "How often items left undelivered (e.g. while the broker was down) are retried.",
    ),
    number(
        "pipeline.min_interval_secs",
        10,
        7 * DAY,
        "s",
        "The adaptive poll interval of a busy feed goes no lower (a feed's own `interval_secs` widens the range).",
    ),
    number(
        "pipeline.max_interval_secs",
        10,
        7 * DAY,
        "s",
        "The adaptive poll interval of a quiet feed (or a cache hint) goes no higher. At least `min_interval_secs`.",
    ),
    key(
        "enrich.models_dir",
        Kind::Path,
        "Entity models kept outside the binary for their licences (French, Spanish, and the ones trained on open corpora, German, …): `<lang>_<name>.nwner` files, each read on the first article of its language. `src/enrich/ner/install_models.sh DIR` installs them; without one, a language's records say `enrichment.missing_model`, and `validate` warns when the directory holds none.",
    ),
    number(
        "state.retention_days",
        1,
        3_650,
        "days",
        "Ids of finished items are kept this long; it must outlast an entry's life in its feed.",
    ),
    key(
        "ops.listen",
        Kind::Text,
        "Address of the console (`/`), `/metrics`, `/healthz`, `/readyz` and `/feeds`; an empty string turns them off.",
    ),
    key(
        "ops.log_format",
        Kind::Text,
        "`human` (colour only on a terminal, never with `NO_COLOR` set) or `json` (one object per line).",
    ),
    key(
        "ops.admin_token",
        Kind::Text,
        "`${NAME}`: the console's actions (poll now, pause, resume, retry) accept this token from the environment variable NAME in the `X-Newswire-Token` header. Unset or empty: actions are off. A literal token in the file is refused.",
    ),
    key(
        "cluster.enabled",
        Kind::Bool,
        "Share the feeds and the articles with every instance of the same `group_id` through Kafka consumer groups ([cluster](cluster.md)). Needs `[kafka]`. Off: this instance polls every feed and processes its items.",
    ),
    key(
        "cluster.group_id",
        Kind::Text,
        "The consumer group whose instances share the feeds; `<group_id>.process` shares the articles. Also names the topics `<group_id>.feeds`, `<group_id>.work` and `<group_id>.progress`.",
    ),
    number(
        "cluster.partitions",
        1,
        1_024,
        "",
        "Partitions of the feeds, work and progress topics when newswire creates them: the most instances that get feeds, or articles. An existing topic keeps its count.",
    ),
    number(
        "cluster.replication_factor",
        1,
        16,
        "",
        "Replicas of the cluster's topics when newswire creates them.",
    ),
    number(
        "cluster.session_timeout_ms",
        3_000,
        300_000,
        "ms",
        "An instance not heard from this long leaves the groups; its feeds and articles move to the others.",
    ),
    key(
        "feeds.*.id",
        Kind::Text,
        "Required. Stable id of the feed: letters, digits, `-`, `_`, `.`. Appears in records, metrics and the state store.",
    ),
    key(
        "feeds.*.url",
        Kind::Text,
        "Required. `http(s)://` URL, `file://` URL or a path (relative to the config file).",
    ),
    number(
        "feeds.*.interval_secs",
        10,
        7 * DAY,
        "s",
        "The feed's first poll interval; the adaptive range always includes it.",
    ),
    key(
        "feeds.*.topics",
        Kind::Map,
        "Per-feed topic names: `items`, `articles`, `dead_letter`; a missing one falls back to `[topics]`.",
    ),
    key(
        "feeds.*.language",
        Kind::Text,
        "ISO 639-1 hint (`en`, `ru`, …) for pages that do not declare their language.",
    ),
    key(
        "feeds.*.tags",
        Kind::List,
        "Copied into every article record of the feed.",
    ),
    key(
        "feeds.*.enabled",
        Kind::Bool,
        "A disabled feed is not polled.",
    ),
    key(
        "feeds.*.allow_private_networks",
        Kind::Bool,
        "This feed and its article links may reach private networks (e.g. an intranet CMS).",
    ),
    key(
        "feeds.*.obey_robots",
        Kind::Bool,
        "Article pages are fetched only where the site's robots.txt allows.",
    ),
];

/// The key of a dotted path as written in a file (`feeds.3.url` → `feeds.*.url`).
pub fn find(path: &str) -> Option<&'static Key> {
    let general: Vec<&str> = path
        .split('.')
        .map(|part| {
            if part.parse::<usize>().is_ok() {
                "*"
            } else {
                part
            }
        })
        .collect();
    let general = general.join(".");
    KEYS.iter().find(|k| k.path == general)
}

/// Every number of `config` (serialized) outside its key's range, as (path, message).
pub fn out_of_range(config: &Value) -> Vec<(Vec<String>, String)> {
    let mut problems = Vec::new();
    for key in KEYS {
        let Kind::Number { min, max, unit } = key.kind else {
            continue;
        };
        for (path, value) in values_at(config, key.path) {
            let Some(n) = value.as_u64() else { continue };
            if n < min || n > max {
                let unit = if unit.is_empty() {
                    String::new()
                } else {
                    format!(" {unit}")
                };
                problems.push((
                    path,
                    format!("{n} is out of range: must be {min} to {max}{unit}"),
                ));
            }
        }
    }
    problems
}

/// The values at a key path, with their concrete paths (`*` expands over an array).
fn values_at<'a>(config: &'a Value, path: &str) -> Vec<(Vec<String>, &'a Value)> {
    let mut found = vec![(Vec::new(), config)];
    for part in path.split('.') {
        let mut next = Vec::new();
        for (at, value) in found {
            if part == "*" {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    let mut at = at.clone();
                    at.push(i.to_string());
                    next.push((at, item));
                }
            } else if let Some(inner) = value.get(part).filter(|v| !v.is_null()) {
                let mut at = at.clone();
                at.push(part.to_string());
                next.push((at, inner));
            }
        }
        found = next;
    }
    found
}

/// Every leaf key path of a serialized config (arrays of tables as `*`; maps as one key).
pub fn leaf_paths(config: &Value) -> Vec<String> {
    fn walk(value: &Value, prefix: &str, out: &mut Vec<String>) {
        if let Some(key) = find(prefix).filter(|k| matches!(k.kind, Kind::Map)) {
            out.push(key.path.to_string());
            return;
        }
        match value {
            Value::Object(map) => {
                for (name, inner) in map {
                    let path = if prefix.is_empty() {
                        name.clone()
                    } else {
                        format!("{prefix}.{name}")
                    };
                    walk(inner, &path, out);
                }
            }
            Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
                walk(&items[0], &format!("{prefix}.*"), out);
            }
            _ => out.push(prefix.to_string()),
        }
    }
    let mut out = Vec::new();
    walk(config, "", &mut out);
    out
}

/// The configuration reference (docs/configuration.md), with the defaults taken from `defaults`
/// (a serialized config that has a `[kafka]` table and one feed).
pub fn reference(defaults: &Value) -> String {
    let mut out = String::from(
        "# Configuration reference\n\n\
         <!-- Generated from src/config/keys.rs by `NEWSWIRE_WRITE_DOCS=1 cargo test --release --lib config::`; a test keeps it equal. -->\n\n\
         newswire reads one TOML file. Every subcommand finds it the same way: `--config FILE`, \
         else the environment variable `NEWSWIRE_CONFIG`, else `config/newswire.toml`. \
         `newswire validate` checks a file and prints every problem as `file:line:col: message`; \
         `run` refuses a file `validate` refuses, and a file `validate` accepts never makes `run` \
         panic. Unknown keys are errors. Relative paths resolve against the config file's \
         directory. `config/newswire.toml` shows every key.\n",
    );
    let mut section = None;
    for key in KEYS {
        let table = key.path.rsplit_once('.').map_or("", |(table, _)| table);
        let name = key.path.rsplit_once('.').map_or(key.path, |(_, name)| name);
        if section != Some(table) {
            section = Some(table);
            let heading = match table {
                "" => "Top level".to_string(),
                "feeds.*" => "`[[feeds]]`".to_string(),
                table => format!("`[{table}]`"),
            };
            out.push_str(&format!(
                "\n## {heading}\n\n| key | default | range | what it does |\n|---|---|---|---|\n"
            ));
        }
        let default = values_at(defaults, key.path)
            .first()
            .map(|(_, v)| show(v))
            .unwrap_or_else(|| "—".into());
        let range = match key.kind {
            Kind::Number { min, max, unit } => {
                let unit = if unit.is_empty() {
                    String::new()
                } else {
                    format!(" {unit}")
                };
                format!("{min}–{max}{unit}")
            }
            Kind::Bool => "true, false".into(),
            Kind::Text => "text".into(),
            Kind::Path => "path".into(),
            Kind::List => "list of text".into(),
            Kind::Map => "table".into(),
        };
        out.push_str(&format!(
            "| `{name}` | {default} | {range} | {} |\n",
            key.doc
        ));
    }
    out
}

fn show(value: &Value) -> String {
    match value {
        Value::String(s) if s.is_empty() => "`\"\"`".into(),
        Value::String(s) => format!("`\"{s}\"`"),
        Value::Object(map) if map.is_empty() => "—".into(),
        Value::Array(items) if items.is_empty() => "`[]`".into(),
        Value::Null => "—".into(),
        other => format!("`{other}`"),
    }
}
