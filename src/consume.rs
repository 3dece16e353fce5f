//! `newswire consume`: what a downstream team sees. Prints each record's JSON on its own line,
//! from Kafka when the config has `[kafka]`, else from the JSON Lines files.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use rdkafka::Message;
use rdkafka::consumer::{Consumer, StreamConsumer};

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
    let file = std::fs::File::open(&path)
        .with_context(|| format!("no records for topic {} at {}", args.topic, path.display()))?;
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
    Ok(ExitCode::SUCCESS)
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
    let consumer: StreamConsumer = client
        .create()
        .context("cannot create the Kafka consumer")?;
    consumer
        .subscribe(&[&args.topic])
        .with_context(|| format!("cannot subscribe to {}", args.topic))?;
    let mut out = std::io::stdout().lock();
    let mut printed = 0;
    while args.max_records.is_none_or(|max| printed < max) {
        let received = match args.idle_timeout_secs {
            Some(secs) => {
                match tokio::time::timeout(Duration::from_secs(secs), consumer.recv()).await {
                    Ok(received) => received,
                    Err(_) => break,
                }
            }
            None => consumer.recv().await,
        };
        let message = received.context("Kafka consumer")?;
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
    Ok(ExitCode::SUCCESS)
}
