//! The `newswire` command: the daemon and the tools around it.

mod consume;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use tokio::sync::watch;

use newswire::config::Config;
use newswire::ops::{self, Health, Metrics};
use newswire::pipeline::{self, Observability};
use newswire::scrape::{self, SiteRules};

#[derive(Parser)]
#[command(
    name = "newswire",
    version,
    about = "Streaming news ingestion: feeds → articles → Kafka"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the daemon until SIGINT/SIGTERM (or one cycle with --once).
    Run {
        #[arg(
            long,
            short,
            default_value = "config/newswire.toml",
            env = "NEWSWIRE_CONFIG"
        )]
        config: PathBuf,
        /// Poll every feed once, wait until every new item is published, and exit.
        #[arg(long)]
        once: bool,
        /// Use this data directory instead of the config's `data_dir`.
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Check a config file; print every problem as file:line:col and exit non-zero on any.
    Validate {
        #[arg(long, short, default_value = "config/newswire.toml")]
        config: PathBuf,
    },
    /// Extract one page (file or URL) and print its article text (or the whole article).
    Extract {
        /// An HTML file or an http(s) URL.
        page: String,
        /// Print the article as JSON instead of the text format.
        #[arg(long)]
        json: bool,
        /// Page URL to resolve links against when PAGE is a file.
        #[arg(long)]
        url: Option<String>,
        /// Site rules directory (default: none, the generic extractor alone).
        #[arg(long)]
        sites: Option<PathBuf>,
    },
    /// Enrich a text file: language, entities and dates, as JSON.
    Enrich {
        file: PathBuf,
        /// Publication date (YYYY-MM-DD) partial dates resolve against; default today.
        #[arg(long)]
        published: Option<chrono::NaiveDate>,
        /// Language hint (ISO 639-1).
        #[arg(long)]
        lang: Option<String>,
        /// The file is in the article text format and its first block is the rubric (section
        /// labels, not mentions).
        #[arg(long)]
        rubric: bool,
    },
    /// Print published records, one JSON per line (Kafka, or the JSON Lines files).
    Consume(consume::ConsumeArgs),
    /// Print the JSON Schema of a record (newswire.article.v1, newswire.item.v1, …).
    Schema { id: Option<String> },
    /// Print `[[feeds]]` TOML for every feed of an OPML subscription list (feed reader export).
    ImportOpml { file: PathBuf },
    /// Feed tools.
    Feeds {
        #[command(subcommand)]
        command: FeedsCommand,
    },
}

#[derive(Subcommand)]
enum FeedsCommand {
    /// Health and schedule of every configured feed, from the state store (a running daemon
    /// holds the store: ask its `/feeds` endpoint instead).
    Status {
        #[arg(long, short, default_value = "config/newswire.toml")]
        config: PathBuf,
        /// Use this data directory instead of the config's `data_dir`.
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(dispatch(cli.command)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Run {
            config,
            once,
            data_dir,
        } => run(&config, once, data_dir).await,
        Command::Validate { config } => validate(&config),
        Command::Extract {
            page,
            json,
            url,
            sites,
        } => extract(&page, json, url.as_deref(), sites.as_deref()).await,
        Command::Enrich {
            file,
            published,
            lang,
            rubric,
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let anchor = published.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let tag_from = newswire::enrich::after_rubric(&text, rubric);
            let enrichment = newswire::enrich::enrich(
                &text,
                anchor,
                lang.as_deref(),
                tag_from,
                newswire::enrich::DEFAULT_MAX_ENRICH_CHARS,
            );
            println!("{}", serde_json::to_string_pretty(&enrichment)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Consume(args) => consume::consume(args).await,
        Command::ImportOpml { file } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let text = newswire::fetch::charset::decode(&bytes, None);
            let found = newswire::fetch::opml::subscriptions(&text)
                .with_context(|| format!("{}", file.display()))?;
            if found.is_empty() {
                bail!("{}: no outline with an xmlUrl", file.display());
            }
            print!("{}", newswire::fetch::opml::to_feeds_toml(&found));
            Ok(ExitCode::SUCCESS)
        }
        Command::Feeds {
            command:
                FeedsCommand::Status {
                    config,
                    data_dir,
                    json,
                },
        } => feeds_status(&config, data_dir, json),
        Command::Schema { id } => {
            let schemas = newswire::publish::records::SCHEMAS;
            match id {
                None => {
                    for (id, _) in schemas {
                        println!("{id}");
                    }
                }
                Some(id) => match schemas.iter().find(|(s, _)| *s == id) {
                    Some((_, schema)) => print!("{schema}"),
                    None => bail!("no schema `{id}`; `newswire schema` lists them"),
                },
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The config, and the site rules it points to.
fn validate(config_path: &Path) -> anyhow::Result<ExitCode> {
    let config = match Config::load(config_path) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    let rules = if config.sites_dir.is_dir() {
        match SiteRules::load_dir(&config.sites_dir) {
            Ok(rules) => rules.len(),
            Err(e) => {
                eprintln!("{e}");
                return Ok(ExitCode::from(2));
            }
        }
    } else {
        0
    };
    println!(
        "{}: ok ({} feeds, {} site rules, sink: {})",
        config_path.display(),
        config.feeds.len(),
        rules,
        if config.kafka.is_some() {
            "kafka"
        } else {
            "jsonl"
        }
    );
    Ok(ExitCode::SUCCESS)
}

async fn run(
    config_path: &Path,
    once: bool,
    data_dir: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let mut config = match Config::load(config_path) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    if let Some(dir) = &data_dir {
        config.data_dir = dir.clone();
    }
    ops::init_logging(config.ops.log_format);
    let observability = Observability {
        metrics: Arc::new(Metrics::new()),
        health: Arc::new(Health::default()),
    };
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    tokio::spawn(watch_signals(shutdown_tx));
    let (reload_tx, reload_rx) = tokio::sync::mpsc::channel(4);
    tokio::spawn(reload_on_sighup(
        config_path.to_path_buf(),
        data_dir,
        reload_tx,
    ));
    if !config.ops.listen.is_empty() {
        let listen = config.ops.listen.parse().context("ops.listen")?;
        let (bound, _) = ops::serve(
            listen,
            observability.metrics.clone(),
            observability.health.clone(),
            shutdown_rx.clone(),
        )
        .await
        .with_context(|| format!("cannot listen on {listen} for /metrics"))?;
        tracing::info!(address = %bound, "serving /metrics, /healthz, /readyz");
    }
    let health = observability.health.clone();
    let summary =
        pipeline::run_with_reload(config, once, observability, shutdown_rx, reload_rx).await?;
    health.ready.store(false, Ordering::Relaxed);
    tracing::info!(
        items = summary.items_discovered,
        articles = summary.articles_published,
        dead_letters = summary.dead_letters,
        not_delivered = summary.not_delivered,
        "pipeline stopped"
    );
    if once && summary.not_delivered > 0 {
        eprintln!(
            "error: {} item(s) were not delivered; they stay pending and are retried on the next run",
            summary.not_delivered
        );
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

fn feeds_status(
    config_path: &Path,
    data_dir: Option<PathBuf>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let config = match Config::load(config_path) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    let data_dir = data_dir.unwrap_or(config.data_dir.clone());
    let store = newswire::state::StateStore::open(&data_dir).with_context(|| {
        format!(
            "cannot open the state store in {} (a running daemon holds it: read its /feeds endpoint)",
            data_dir.display()
        )
    })?;
    let stored: std::collections::HashMap<String, newswire::state::FeedState> =
        store.feed_states()?.into_iter().collect();
    let feeds: Vec<ops::FeedHealth> = config
        .enabled_feeds()
        .map(|feed| {
            let state = stored.get(&feed.id).cloned().unwrap_or_default();
            ops::FeedHealth::new(&feed.id, &state)
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        for feed in &feeds {
            serde_json::to_writer(&mut out, feed)?;
            writeln!(out)?;
        }
    } else {
        write!(out, "{}", ops::feeds_table(&feeds))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// SIGHUP: reads the config file again; a valid one goes to the pipeline, an invalid one is
/// logged problem by problem and the running config stays.
async fn reload_on_sighup(
    path: PathBuf,
    data_dir: Option<PathBuf>,
    reloads: tokio::sync::mpsc::Sender<Config>,
) {
    use tokio::signal::unix::{SignalKind, signal};
    let Ok(mut hangup) = signal(SignalKind::hangup()) else {
        tracing::error!("cannot install the SIGHUP handler; config reload is unavailable");
        return;
    };
    while hangup.recv().await.is_some() {
        match Config::load(&path) {
            Ok(mut config) => {
                if let Some(dir) = &data_dir {
                    config.data_dir = dir.clone();
                }
                tracing::info!(config = %path.display(), "SIGHUP: reloading config");
                if reloads.send(config).await.is_err() {
                    return;
                }
            }
            Err(e) => {
                for problem in &e.problems {
                    tracing::error!(%problem, "invalid config");
                }
                tracing::error!(
                    config = %path.display(),
                    problems = e.problems.len(),
                    "SIGHUP: config rejected; the running config stays"
                );
            }
        }
    }
}

/// First SIGINT/SIGTERM: graceful shutdown. A second one: exit at once.
async fn watch_signals(shutdown: watch::Sender<bool>) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut interrupt), Ok(mut terminate)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) else {
        tracing::error!("cannot install signal handlers; stop with SIGKILL");
        return;
    };
    for round in 0..2 {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
        if round == 0 {
            tracing::info!("shutdown requested");
            let _ = shutdown.send(true);
        } else {
            tracing::warn!(
                "second signal: exiting now; unfinished items are redone on the next start"
            );
            std::process::exit(130);
        }
    }
}

async fn extract(
    page: &str,
    json: bool,
    page_url: Option<&str>,
    sites: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let rules = match sites {
        Some(dir) => SiteRules::load_dir(dir).map_err(|e| anyhow::anyhow!("{e}"))?,
        None => SiteRules::empty(),
    };
    let (bytes, content_type, url) = if page.starts_with("http://") || page.starts_with("https://")
    {
        let url = url::Url::parse(page).context("invalid URL")?;
        let client = newswire::fetch::HttpClient::new(&Default::default())?;
        let reach = client.reach(false);
        match client.get(&url, &Default::default(), reach).await? {
            newswire::fetch::Fetched::Document(d) => (d.bytes, d.content_type, d.url),
            newswire::fetch::Fetched::NotModified { .. } => bail!("unexpected 304 from {url}"),
        }
    } else {
        let path = PathBuf::from(page);
        let bytes = std::fs::read(&path).with_context(|| format!("cannot read {page}"))?;
        let url = match page_url {
            Some(u) => url::Url::parse(u).context("invalid --url")?,
            None => {
                let absolute = std::fs::canonicalize(&path)?;
                url::Url::from_file_path(&absolute)
                    .map_err(|()| anyhow::anyhow!("cannot make a file URL of {page}"))?
            }
        };
        (bytes, None, url)
    };
    let html = newswire::fetch::charset::decode(&bytes, content_type.as_deref());
    let article = scrape::extract(&html, &url, &rules)?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &article)?;
        writeln!(out)?;
    } else {
        // Exactly the text format (no trailing newline), so output can be diffed; a terminal
        // gets a newline for the prompt's sake.
        write!(out, "{}", article.text)?;
        if std::io::IsTerminal::is_terminal(&out) {
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
