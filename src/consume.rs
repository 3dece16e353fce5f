//! `newswire consume`: what a downstream team sees. Prints each record's JSON on its own line,
//! from Kafka when the config has `[kafka]`, else from the JSON Lines files.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext, Rebalance, StreamConsumer};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::{ClientContext, Message};

use newswire::config::Config;
use newswire::publish::{consumer_config, jsonl_path};

#[derive(clap::Args)]
pub struct ConsumeArgs {
    #[arg(
        long,
        short,
        default_value = "config/newswire.toml",
        env = "NEWSWIRE_CONFIG"
    )]
    config: PathBuf,
    /// Read the JSON Lines records of this data directory instead of the config's `data_dir`.
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Topic to read (e.g. news.articles).
    #[arg(long)]
    topic: String,
    /// Kafka consumer group; committed offsets let a later call continue where this one stopped.
    /// Without it a throw-away group is used and nothing is committed.
    #[arg(long)]
    group: Option<String>,
    /// Start at the oldest record instead of only new ones (Kafka, for a group with no offsets).
    #[arg(long)]
    from_beginning: bool,
    /// Stop after this many records.
    #[arg(long)]
    max_records: Option<u64>,
    /// Stop when no record arrived for this many seconds (default: wait forever on Kafka).
    /// On Kafka it counts from when the consumer group assigned the partitions: joining the
    /// group can take longer than the timeout.
    #[arg(long)]
    idle_timeout_secs: Option<u64>,
    /// Also print each record's key and headers (Kafka) as a wrapper object.
    #[arg(long)]
    with_metadata: bool,
}

pub async fn consume(args: ConsumeArgs) -> anyhow::Result<ExitCode> {
    let mut config = match Config::load(&args.config) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    if let Some(dir) = &args.data_dir {
        config.data_dir = dir.clone();
    }
    match &config.kafka {
        Some(kafka) => consume_kafka(&args, kafka).await,
        None => consume_jsonl(&args, &config),
    }
}

fn consume_jsonl(args: &ConsumeArgs, config: &Config) -> anyhow::Result<ExitCode> {
    if args.group.is_some() {
        eprintln!("note: --group applies to Kafka only; JSON Lines files are read whole");
    }
    let path = jsonl_path(&config.data_dir.join("records"), &args.topic);
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        // Nothing published to the topic yet (e.g. no dead letters): empty, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            no_records(&args.topic);
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read {}", path.display()));
        }
    };
    let mut out = std::io::stdout().lock();
    let mut printed = 0;
    for line in std::io::BufReader::new(file).lines() {
        if args.max_records.is_some_and(|max| printed >= max) {
            break;
        }
        let line = line?;
        // A torn last line (a crash mid-write) is skipped, not printed as a record.
        if serde_json::from_str::<serde_json::Value>(&line).is_err() {
            eprintln!("warning: skipping an incomplete line in {}", path.display());
            continue;
        }
        writeln!(out, "{line}")?;
        printed += 1;
    }
    if printed == 0 {
        no_records(&args.topic);
    }
    Ok(ExitCode::SUCCESS)
}

fn no_records(topic: &str) {
    eprintln!("no records in topic {topic} (yet)");
}

/// Longest wait for the consumer group to assign partitions when an idle timeout is given.
const JOIN_LIMIT: Duration = Duration::from_secs(60);
/// How often the join is checked on while it is awaited.
const JOIN_CHECK: Duration = Duration::from_millis(200);

/// Notes the consumer group's first assignment (possibly of no partition: a topic that does not
/// exist yet), from which the idle timeout counts.
#[derive(Default)]
struct JoinWatch {
    joined: Arc<AtomicBool>,
}

impl ClientContext for JoinWatch {}

impl ConsumerContext for JoinWatch {
    fn post_rebalance(&self, _: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if matches!(rebalance, Rebalance::Assign(_)) {
            self.joined.store(true, Ordering::Relaxed);
        }
    }
}

/// The broker says the topic does not exist: it has no records yet.
fn unknown_topic(error: &KafkaError) -> bool {
    matches!(
        error.rdkafka_error_code(),
        Some(RDKafkaErrorCode::UnknownTopicOrPartition | RDKafkaErrorCode::UnknownTopic)
    )
}

async fn consume_kafka(
    args: &ConsumeArgs,
    kafka: &newswire::config::KafkaConfig,
) -> anyhow::Result<ExitCode> {
    let mut client = consumer_config(kafka)?;
    let commit = args.group.is_some();
    let group = args
        .group
        .clone()
        .unwrap_or_else(|| format!("newswire-consume-{}", std::process::id()));
    client
        .set("group.id", &group)
        .set("enable.auto.commit", if commit { "true" } else { "false" })
        .set(
            "auto.offset.reset",
            if args.from_beginning {
                "earliest"
            } else {
                "latest"
            },
        );
    let watch = JoinWatch::default();
    let joined = watch.joined.clone();
    let consumer: StreamConsumer<JoinWatch> = client
        .create_with_context(watch)
        .context("cannot create the Kafka consumer")?;
    consumer
        .subscribe(&[&args.topic])
        .with_context(|| format!("cannot subscribe to {}", args.topic))?;
    let idle = args.idle_timeout_secs.map(Duration::from_secs);
    let started = Instant::now();
    let mut topic_missing = false;
    let mut out = std::io::stdout().lock();
    let mut printed = 0;
    while args.max_records.is_none_or(|max| printed < max) {
        let received = match idle {
            // Polling drives the join; the idle clock starts once it is done.
            Some(idle) => {
                let counting = joined.load(Ordering::Relaxed) || topic_missing;
                let wait = if counting { idle } else { JOIN_CHECK };
                match tokio::time::timeout(wait, consumer.recv()).await {
                    Ok(received) => received,
                    Err(_) if counting => break,
                    Err(_) if started.elapsed() < JOIN_LIMIT => continue,
                    Err(_) => {
                        eprintln!(
                            "error: the consumer group was not assigned partitions within {} s; is the broker reachable?",
                            JOIN_LIMIT.as_secs()
                        );
                        return Ok(ExitCode::from(1));
                    }
                }
            }
            None => consumer.recv().await,
        };
        let message = match received {
            Ok(message) => message,
            Err(e) if unknown_topic(&e) => {
                if !topic_missing {
                    eprintln!("topic {} does not exist (yet)", args.topic);
                }
                topic_missing = true;
                continue;
            }
            Err(e) => return Err(e).context("Kafka consumer"),
        };
        let payload = String::from_utf8_lossy(message.payload().unwrap_or_default());
        if args.with_metadata {
            use rdkafka::message::Headers;
            let headers: serde_json::Map<String, serde_json::Value> = message
                .headers()
                .map(|h| {
                    h.iter()
                        .map(|h| {
                            let value = String::from_utf8_lossy(h.value.unwrap_or_default());
                            (
                                h.key.to_string(),
                                serde_json::Value::from(value.into_owned()),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let wrapper = serde_json::json!({
                "topic": message.topic(),
                "partition": message.partition(),
                "offset": message.offset(),
                "key": message.key().map(|k| String::from_utf8_lossy(k).into_owned()),
                "headers": headers,
                "record": serde_json::from_str::<serde_json::Value>(&payload).unwrap_or(serde_json::Value::Null),
            });
            writeln!(out, "{wrapper}")?;
        } else {
            writeln!(out, "{payload}")?;
        }
        out.flush()?;
        printed += 1;
    }
    if commit {
        let _ = consumer.commit_consumer_state(rdkafka::consumer::CommitMode::Sync);
    }
    if printed == 0 {
        no_records(&args.topic);
    }
    Ok(ExitCode::SUCCESS)
}
