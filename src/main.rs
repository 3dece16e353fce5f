//! The `newswire` command: the daemon and the tools around it.

mod consume;
mod licenses;

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
use newswire::pipeline::Role;
use newswire::pipeline::{self, Observability};
use newswire::scrape::{self, SiteRules};

/// `run --once`: some records were not delivered (they stay pending).
const EXIT_NOT_DELIVERED: u8 = 3;
/// `run --once`: one or more feeds could not be polled.
const EXIT_FEEDS_FAILED: u8 = 4;
/// A second SIGINT/SIGTERM, or the shutdown grace ran out with work still stuck.
const EXIT_FORCED: u8 = 130;

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
        /// In a cluster: poll feeds only, process items only, or both.
        #[arg(long, value_enum, default_value_t = Role::All)]
        role: Role,
    },
    /// Check a config file; print every problem as file:line:col and exit non-zero on any.
    Validate {
        #[arg(
            long,
            short,
            default_value = "config/newswire.toml",
            env = "NEWSWIRE_CONFIG"
        )]
        config: PathBuf,
        /// Also check that the config can run this role (`run --role`).
        #[arg(long, value_enum, default_value_t = Role::All)]
        role: Role,
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
        /// Let the URL reach loopback and private addresses (off: the SSRF guard refuses them).
        #[arg(long)]
        allow_private_networks: bool,
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
        /// Entity models of languages other than English and Russian (`enrich.models_dir`).
        #[arg(long, default_value = newswire::enrich::DEFAULT_MODELS_DIR)]
        models_dir: PathBuf,
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
    /// Print the licence notices: the embedded models and data with their attributions, then
    /// the code's licence.
    Licenses,
}

#[derive(Subcommand)]
enum FeedsCommand {
    /// Health and schedule of every configured feed, from the state store (a running daemon
    /// holds the store: ask its `/feeds` endpoint instead).
    Status {
        #[arg(
            long,
            short,
            default_value = "config/newswire.toml",
            env = "NEWSWIRE_CONFIG"
        )]
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
    let code = match runtime.block_on(dispatch(cli.command)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    };
    // A blocking read that never returns (a stuck disk, a device) must not hold the exit.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    code
}

async fn dispatch(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Run {
            config,
            once,
            data_dir,
            role,
        } => run(&config, once, data_dir, role).await,
        Command::Validate { config, role } => validate(&config, role),
        Command::Extract {
            page,
            json,
            url,
            sites,
            allow_private_networks,
        } => {
            extract(
                &page,
                json,
                url.as_deref(),
                sites.as_deref(),
                allow_private_networks,
            )
            .await
        }
        Command::Enrich {
            file,
            published,
            lang,
            rubric,
            models_dir,
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
                &models_dir,
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
        Command::Licenses => {
            licenses::print()?;
            Ok(ExitCode::SUCCESS)
        }
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
fn validate(config_path: &Path, role: Role) -> anyhow::Result<ExitCode> {
    let config = match Config::load(config_path) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    if let Err(e) = role.check(&config) {
        eprintln!("{}: {e}", config_path.display());
        return Ok(ExitCode::from(2));
    }
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
    for warning in config.warnings() {
        eprintln!("{}: warning: {warning}", config_path.display());
    }
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
    role: Role,
) -> anyhow::Result<ExitCode> {
    let mut config = match Config::load(config_path) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    if let Err(e) = role.check(&config) {
        eprintln!("{}: {e}", config_path.display());
        return Ok(ExitCode::from(2));
    }
    if let Some(dir) = &data_dir {
        config.data_dir = dir.clone();
    }
    ops::init_logging(config.ops.log_format);
    for warning in config.warnings() {
        tracing::warn!(config = %config_path.display(), "{warning}");
    }
    let observability = Observability {
        metrics: Arc::new(Metrics::new()),
        health: Arc::new(Health::default()),
    };
    match config.ops.resolved_admin_token() {
        Some(token) => observability.health.console.set_admin_token(token),
        None => tracing::info!("console actions are off (ops.admin_token unset)"),
    }
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let grace = std::time::Duration::from_secs(config.pipeline.shutdown_grace_secs);
    tokio::spawn(watch_signals(shutdown_tx, grace));
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
        tracing::info!(address = %bound, "serving the console at / and /metrics, /healthz, /readyz, /feeds");
    } else {
        tracing::info!("ops.listen is empty: /metrics, /healthz, /readyz and /feeds are off");
    }
    let health = observability.health.clone();
    let summary =
        pipeline::run_with_reload(config, once, role, observability, shutdown_rx, reload_rx)
            .await?;
    health.ready.store(false, Ordering::Relaxed);
    tracing::info!(
        items = summary.items_discovered,
        articles = summary.articles_published,
        dead_letters = summary.dead_letters,
        not_delivered = summary.not_delivered,
        "pipeline stopped"
    );
    if !once {
        return Ok(ExitCode::SUCCESS);
    }
    for (feed, error) in &summary.failed_feeds {
        eprintln!("error: feed {feed}: {error}");
    }
    if summary.not_delivered > 0 {
        eprintln!(
            "error: {} item(s) were not delivered; they stay pending and are retried on the next run",
            summary.not_delivered
        );
        return Ok(ExitCode::from(EXIT_NOT_DELIVERED));
    }
    if !summary.failed_feeds.is_empty() {
        let ids: Vec<&str> = summary
            .failed_feeds
            .iter()
            .map(|(id, _)| id.as_str())
            .collect();
        eprintln!(
            "error: {} of {} feed(s) failed: {}",
            ids.len(),
            summary.feeds_polled,
            ids.join(", ")
        );
        return Ok(ExitCode::from(EXIT_FEEDS_FAILED));
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
    // Reading the status creates nothing: a data directory the daemon never used has no state.
    let store = newswire::state::StateStore::open_existing(&data_dir).with_context(|| {
        format!(
            "cannot open the state store in {} (a running daemon holds it: read its /feeds endpoint)",
            data_dir.display()
        )
    })?;
    if store.is_none() {
        eprintln!(
            "no state in {} yet: the daemon has not run with this data directory",
            data_dir.display()
        );
    }
    let stored: std::collections::HashMap<String, newswire::state::FeedState> = match &store {
        Some(store) => store.feed_states()?.into_iter().collect(),
        None => Default::default(),
    };
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

/// First SIGINT/SIGTERM: graceful shutdown, which the pipeline fits in the grace; a watchdog
/// ends the process just after it, whatever is stuck. A second signal: exit at once.
async fn watch_signals(shutdown: watch::Sender<bool>, grace: std::time::Duration) {
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
            // A thread, not a task: it must fire even if the runtime is wedged.
            let _ = std::thread::Builder::new()
                .name("shutdown-deadline".into())
                .spawn(move || {
                    std::thread::sleep(grace + std::time::Duration::from_millis(500));
                    eprintln!(
                        "error: the shutdown grace of {} s passed with work still running; exiting; unfinished items stay pending for the next start",
                        grace.as_secs()
                    );
                    std::process::exit(i32::from(EXIT_FORCED));
                });
        } else {
            tracing::warn!(
                "second signal: exiting now; unfinished items are redone on the next start"
            );
            std::process::exit(i32::from(EXIT_FORCED));
        }
    }
}

async fn extract(
    page: &str,
    json: bool,
    page_url: Option<&str>,
    sites: Option<&Path>,
    allow_private_networks: bool,
) -> anyhow::Result<ExitCode> {
    let rules = match sites {
        Some(dir) => SiteRules::load_dir(dir).map_err(|e| anyhow::anyhow!("{e}"))?,
        None => SiteRules::empty(),
    };
    let (bytes, content_type, url) = if page.starts_with("http://") || page.starts_with("https://")
    {
        let url = url::Url::parse(page).context("invalid URL")?;
        let client = newswire::fetch::HttpClient::new(&Default::default())?;
        let reach = client.reach(allow_private_networks);
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
