//! Wires the stages together, owns the channels and the shutdown.
//!
//! ```text
//! pollers ──work──► fetch (item record + page) ──► process (extract + enrich, blocking pool)
//!                                                        └──► publish (article record) ──► state
//! ```
//! Every channel is bounded, so a slow sink slows the fetchers instead of filling memory. An
//! item is marked done in the state store only after the sink acknowledged all its records.

mod actions;
mod ownership;
mod poll;
mod stages;
mod work;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio::sync::{mpsc, watch};

use crate::cluster::{Cluster, WorkTopics};
use crate::config::{Config, FeedConfig, Topics};
use crate::fetch::{FeedItem, HttpClient, Reach};
use crate::ops::{Health, Metrics, labels};
use crate::publish::{JsonlSink, KafkaSink, Sink, Spool};
use crate::scrape::SiteRules;
use crate::state::{Stage, StateStore, StateWriter};

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    State(#[from] crate::state::StateError),
    #[error("sink: {0}")]
    Sink(#[from] crate::publish::SinkError),
    #[error("HTTP client: {0}")]
    Http(String),
    #[error("site rules: {0}")]
    Rules(String),
    #[error(transparent)]
    Cluster(#[from] crate::cluster::ClusterError),
    #[error("--once polls every feed; it does not combine with [cluster] enabled")]
    OnceInCluster,
    #[error("{0}")]
    Role(String),
}

/// What an instance of a cluster does (`run --role`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Role {
    /// Poll feeds and process items (alone: everything, as one process).
    #[default]
    All,
    /// Poll the feeds this instance owns and hand their new items to the work topic.
    Poll,
    /// Fetch, extract, enrich and publish the items of the work partitions this instance owns.
    Process,
}

impl Role {
    /// Why `config` cannot run this role, if it cannot: split roles share work through Kafka.
    pub fn check(self, config: &Config) -> Result<(), String> {
        if self == Role::All || (config.cluster.enabled && config.kafka.is_some()) {
            return Ok(());
        }
        Err(format!(
            "--role {} hands items between instances through Kafka: it needs a [kafka] section and [cluster] enabled = true",
            self.name()
        ))
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::All => "all",
            Role::Poll => "poll",
            Role::Process => "process",
        }
    }
}

/// How a run ended.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RunSummary {
    pub items_discovered: u64,
    pub articles_published: u64,
    pub dead_letters: u64,
    /// Distinct items left with a record the sink did not acknowledge (or not yet attempted at
    /// the shutdown deadline); they stay pending for the next run. Failed attempts of an item
    /// that was delivered later in the run do not count.
    pub not_delivered: u64,
    /// Enabled feeds at the start of the run.
    pub feeds_polled: u64,
    /// Feeds whose last poll in this run failed, with the error (feed id order).
    pub failed_feeds: Vec<(String, String)>,
}

#[derive(Default)]
struct Counters {
    items_discovered: AtomicU64,
    articles_published: AtomicU64,
    dead_letters: AtomicU64,
    /// Items whose last delivery attempt failed; an item leaves when it is done.
    undelivered: Mutex<HashSet<String>>,
    /// Feed id → error of its last failed poll; a later success removes it.
    failed_feeds: Mutex<std::collections::BTreeMap<String, String>>,
}

/// Everything the stages share.
pub(crate) struct Shared {
    config: Config,
    http: HttpClient,
    state: StateStore,
    writer: StateWriter,
    sink: Arc<Sink>,
    rules: Arc<SiteRules>,
    metrics: Arc<Metrics>,
    health: Arc<Health>,
    counters: Counters,
    /// Items somewhere in the pipeline, with their feed: a second sighting (next poll, another
    /// feed) waits, and a feed handed to another instance waits for its own.
    in_flight: Mutex<HashMap<String, String>>,
    /// Turns for feed polls (`pipeline.feed_concurrency`).
    feed_turns: tokio::sync::Semaphore,
    /// Slots for extraction + enrichment jobs (`pipeline.process_concurrency`).
    process_slots: Arc<tokio::sync::Semaphore>,
    /// The group this instance shares the feeds with, when `[cluster]` is enabled.
    cluster: Option<Arc<Cluster>>,
    /// False for the process role: no feed is polled here.
    polls: bool,
    /// In a cluster, the pollers' items go to the work topic instead of the fetch stage.
    hand_over: Option<Arc<WorkTopics>>,
    /// The process side of a cluster: items come from the work topic, and their progress goes
    /// back to it.
    work: Option<Arc<WorkTopics>>,
}

impl Shared {
    /// Marks an item as being worked on; false if it already is.
    fn claim(&self, item: &FeedItem) -> bool {
        self.in_flight
            .lock()
            .map(|mut map| map.insert(item.id.clone(), item.feed.id.clone()).is_none())
            .unwrap_or(false)
    }

    /// Whether this instance polls the feed: always, unless a cluster gave it to another or
    /// it only processes.
    fn owns_feed(&self, feed_id: &str) -> bool {
        self.polls && self.cluster.as_ref().is_none_or(|c| c.owns_feed(feed_id))
    }

    /// Whether a pending item is this instance's to redo: on the process side, its work
    /// partition's owner; elsewhere, its feed's poller.
    fn owns_pending(&self, item: &FeedItem) -> bool {
        match &self.work {
            Some(work) => work.owns_item(&item.id),
            None => self.owns_feed(&item.feed.id),
        }
    }

    fn release(&self, item_id: &str) {
        if let Ok(mut set) = self.in_flight.lock() {
            set.remove(item_id);
        }
    }

    /// The item's stage read again just after claiming it (`before` when the store cannot be
    /// read): a stage read before the claim may be stale, the item finished and released by
    /// another path in between (the pending-item retry, a poll), and doing it again would
    /// fetch its page and announce it twice. `finish` records Done before it releases, so this
    /// read sees it; the claim is given back for a done item.
    fn stage_after_claim(&self, item_id: &str, before: Option<Stage>) -> Option<Stage> {
        let stage = match self.state.item_stages(&[item_id]) {
            Ok(stages) => stages.into_iter().next().flatten(),
            Err(e) => {
                tracing::warn!(item = %item_id, error = %e, "cannot read item state again; using the earlier read");
                before
            }
        };
        if stage == Some(Stage::Done) {
            self.release(item_id);
        }
        stage
    }

    /// Items that failed delivery and were not done later, plus those still in flight.
    fn items_left_pending(&self) -> u64 {
        let mut left = self
            .counters
            .undelivered
            .lock()
            .map(|set| set.clone())
            .unwrap_or_default();
        if let Ok(in_flight) = self.in_flight.lock() {
            left.extend(in_flight.keys().cloned());
        }
        left.len() as u64
    }
}

/// One item on its way through the stages.
#[derive(Clone)]
pub(crate) struct Work {
    item: FeedItem,
    topics: Topics,
    tags: Vec<String>,
    language_hint: Option<String>,
    /// The item record was acknowledged in an earlier attempt.
    announced: bool,
    /// `file://` article links are only followed for feeds that are local files themselves.
    allow_file_links: bool,
    /// Article links may reach private networks only when their feed may.
    reach: Reach,
    /// Check the site's robots.txt before fetching the article page.
    obey_robots: bool,
}

impl Work {
    fn new(item: FeedItem, feed: Option<&FeedConfig>, shared: &Shared, announced: bool) -> Self {
        let config = &shared.config;
        let allow_file_links = item.feed.url.starts_with("file:");
        Work {
            obey_robots: feed.is_none_or(|f| f.obey_robots),
            reach: shared
                .http
                .reach(feed.is_some_and(|f| f.allow_private_networks)),
            topics: feed.map_or(config.topics.clone(), |f| f.topics(&config.topics)),
            tags: feed.map(|f| f.tags.clone()).unwrap_or_default(),
            language_hint: feed.and_then(|f| f.language.clone()),
            announced,
            allow_file_links,
            item,
        }
    }
}

/// The parts of a running daemon that outlive one pipeline run (metrics, health).
#[derive(Clone, Default)]
pub struct Observability {
    pub metrics: Arc<Metrics>,
    pub health: Arc<Health>,
}

/// Opens the sink the config asks for.
pub fn open_sink(config: &Config, metrics: &Metrics) -> Result<Sink, PipelineError> {
    Ok(match &config.kafka {
        Some(kafka) => {
            let producer = KafkaSink::new(kafka, metrics.sink_producer_replacements.clone())?;
            match kafka.spool_max_bytes {
                0 => Sink::Kafka(producer),
                max => Sink::Spooled(Spool::open(
                    // Relative to data_dir; an absolute path stays as it is.
                    &config.data_dir.join(&kafka.spool_dir),
                    max,
                    producer,
                    metrics.spool.clone(),
                )?),
            }
        }
        None => Sink::Jsonl(JsonlSink::new(&config.data_dir.join("records"))?),
    })
}

/// Runs the pipeline until `shutdown` turns true, or after one poll of every feed with `once`.
pub async fn run(
    config: Config,
    once: bool,
    observability: Observability,
    shutdown: watch::Receiver<bool>,
) -> Result<RunSummary, PipelineError> {
    let (_no_reloads, reloads) = mpsc::channel(1);
    run_with_reload(config, once, Role::All, observability, shutdown, reloads).await
}

/// [`run`], taking reloaded configs from `reloads` (SIGHUP): their feed lists are applied
/// without a restart; every other section applies at the next start.
pub async fn run_with_reload(
    config: Config,
    once: bool,
    role: Role,
    observability: Observability,
    mut shutdown: watch::Receiver<bool>,
    mut reloads: mpsc::Receiver<Config>,
) -> Result<RunSummary, PipelineError> {
    if once && config.cluster.enabled {
        return Err(PipelineError::OnceInCluster);
    }
    role.check(&config).map_err(PipelineError::Role)?;
    let state = StateStore::open(&config.data_dir)?;
    let cutoff =
        chrono::Utc::now() - chrono::Duration::days(i64::from(config.state.retention_days));
    let pruned = state.prune(cutoff)?;
    if pruned > 0 {
        tracing::info!(pruned, "forgot finished items past retention");
    }
    let cluster = match (&config.kafka, config.cluster.enabled) {
        (Some(kafka), true) if role != Role::Process => {
            match ownership::connect(
                kafka,
                &config.cluster,
                config.state.retention_days,
                &mut shutdown,
            )
            .await
            {
                Some(cluster) => Some(Arc::new(cluster)),
                None => return Ok(RunSummary::default()),
            }
        }
        _ => None,
    };
    let work_topics = match (&config.kafka, config.cluster.enabled) {
        (Some(kafka), true) => {
            match work::connect(
                kafka,
                &config.cluster,
                config.state.retention_days,
                &mut shutdown,
            )
            .await
            {
                Some(topics) => Some(Arc::new(topics)),
                None => return Ok(RunSummary::default()),
            }
        }
        _ => None,
    };
    let (writer, writer_thread) = StateWriter::start(state.clone());
    let http = HttpClient::new(&config.http).map_err(|e| PipelineError::Http(e.to_string()))?;
    let rules = if config.sites_dir.is_dir() {
        SiteRules::load_dir(&config.sites_dir).map_err(|e| PipelineError::Rules(e.to_string()))?
    } else {
        SiteRules::empty()
    };
    let sink = Arc::new(open_sink(&config, &observability.metrics)?);
    tracing::info!(sink = %sink.describe(), feeds = config.enabled_feeds().count(), once, role = role.name(), ner_arithmetic = crate::enrich::ner::Arithmetic::from_env().describe(), "pipeline starting");
    let capacity = config.pipeline.queue_capacity;
    let grace = Duration::from_secs(config.pipeline.shutdown_grace_secs);
    let feed_turns = tokio::sync::Semaphore::new(config.pipeline.feed_concurrency);
    let process_slots = Arc::new(tokio::sync::Semaphore::new(
        config.pipeline.process_concurrency,
    ));
    let shared = Arc::new(Shared {
        config,
        http,
        state,
        writer,
        sink,
        rules: Arc::new(rules),
        metrics: observability.metrics.clone(),
        health: observability.health.clone(),
        counters: Counters::default(),
        in_flight: Mutex::new(HashMap::new()),
        feed_turns,
        process_slots,
        cluster,
        polls: role != Role::Process,
        hand_over: work_topics.clone(),
        work: None,
    });

    let (work_tx, work_rx) = mpsc::channel::<Work>(capacity);
    let (fetched_tx, fetched_rx) = mpsc::channel(capacity);
    let (processed_tx, processed_rx) = mpsc::channel(capacity);
    let mut stage_tasks = if shared.hand_over.is_some() {
        vec![tokio::spawn(stages::hand_over_stage(
            shared.clone(),
            work_rx,
        ))]
    } else {
        vec![
            tokio::spawn(stages::fetch_stage(shared.clone(), work_rx, fetched_tx)),
            tokio::spawn(stages::process_stage(
                shared.clone(),
                fetched_rx,
                processed_tx,
            )),
            tokio::spawn(stages::publish_stage(shared.clone(), processed_rx)),
        ]
    };
    // The process side of a cluster: items of the owned work partitions, its own store.
    let processor = match (&work_topics, role) {
        (Some(topics), Role::All | Role::Process) => Some(work::Processor::start(
            &shared,
            topics.clone(),
            &mut stage_tasks,
            shutdown.clone(),
        )?),
        _ => None,
    };

    // Items an earlier run left unfinished go first (the process side resumes its own once
    // it owns their partitions).
    let resumed = resume_pending(&shared, &work_tx).await;
    if resumed > 0 {
        tracing::info!(resumed, "resuming items left pending by an earlier run");
    }
    let mut pollers = poll::FeedPollers::new(shared.clone(), work_tx.clone());
    // In a cluster the group decides which feeds start, as it hands out their partitions.
    let (membership, mut ownership) = match (&shared.cluster, &shared.config.kafka) {
        (Some(cluster), Some(kafka)) => {
            let (membership, events) =
                cluster.join(kafka, &shared.config.cluster, shared.writer.clone(), grace)?;
            (Some(membership), Some(events))
        }
        _ if !shared.polls => (None, None),
        _ => {
            for feed in shared.config.enabled_feeds() {
                pollers.start(feed.clone(), once, once);
            }
            (None, None)
        }
    };
    let resumer = (!once).then(|| {
        tokio::spawn(resume_periodically(
            shared.clone(),
            shutdown.clone(),
            work_tx.clone(),
        ))
    });
    drop(work_tx);
    let sink_watch = tokio::spawn(watch_sink(shared.clone()));
    shared.health.ready.store(true, Ordering::Relaxed);

    // When a stop was asked for: from then on the whole stop (drain and flush) fits in `grace`.
    let mut stop_at = None;
    if once {
        tokio::select! {
            _ = pollers.finish() => {}
            _ = stop_requested(&mut shutdown) => stop_at = Some(Instant::now() + grace),
        }
    } else {
        let mut actions = shared.health.console.open_actions();
        loop {
            tokio::select! {
                _ = stop_requested(&mut shutdown) => break,
                Some(reloaded) = reloads.recv() => pollers.reload(&reloaded.feeds),
                Some(action) = actions.recv() => pollers.act(action),
                Some(change) = ownership::next(&mut ownership) => {
                    ownership::apply(&shared, &mut pollers, change, grace).await;
                }
            }
        }
        shared.health.console.close_actions();
        if let Some(membership) = &membership {
            membership.stopping();
        }
        if let Some(processor) = &processor {
            processor.stopping();
        }
        // A revocation waiting on the loop gets its answer: the channel is gone.
        drop(ownership);
        let at = Instant::now() + grace;
        stop_at = Some(at);
        tracing::info!(
            grace_secs = grace.as_secs(),
            "stopping: letting in-flight items finish"
        );
        if tokio::time::timeout_at(at.into(), pollers.stop_all())
            .await
            .is_err()
        {
            tracing::warn!("feed polls still running at the shutdown deadline");
        }
    }
    if let Some(resumer) = resumer {
        resumer.abort();
    }
    shared.health.ready.store(false, Ordering::Relaxed);
    // Pollers are done: the channels close behind the last item and the stages drain.
    if stop_at.is_none() {
        tokio::select! {
            _ = futures_util::future::join_all(stage_tasks.iter_mut()) => {}
            _ = stop_requested(&mut shutdown) => stop_at = Some(Instant::now() + grace),
        }
    }
    let mut drained = stage_tasks.iter().all(|task| task.is_finished());
    if let (false, Some(at)) = (drained, stop_at) {
        // The producer's flush gets the last part of the grace.
        let drain_by = at - flush_share(grace);
        let drain = futures_util::future::join_all(stage_tasks.iter_mut());
        drained = tokio::time::timeout_at(drain_by.into(), drain)
            .await
            .is_ok();
    }
    if !drained {
        let left = shared.in_flight.lock().map(|s| s.len()).unwrap_or(0);
        tracing::warn!(
            items = left,
            "shutdown deadline passed; unfinished items will be redone on the next start"
        );
        for task in &stage_tasks {
            task.abort();
        }
    }
    let flush_for = stop_at.map_or(grace, |at| at.saturating_duration_since(Instant::now()));
    if let Err(e) = shared.sink.flush(flush_for).await {
        tracing::warn!(error = %e, "producer flush incomplete");
    }
    sink_watch.abort();
    let _ = sink_watch.await;
    // Leaving last: the others take the feeds over once this instance's items are done.
    if let Some(membership) = membership {
        membership.leave().await;
    }
    let processed = match processor {
        Some(processor) => processor.leave().await,
        None => (0, 0, 0),
    };
    let synced = shared.writer.sync().await;
    let summary = RunSummary {
        items_discovered: shared.counters.items_discovered.load(Ordering::Relaxed),
        articles_published: shared.counters.articles_published.load(Ordering::Relaxed)
            + processed.0,
        dead_letters: shared.counters.dead_letters.load(Ordering::Relaxed) + processed.1,
        not_delivered: shared.items_left_pending() + processed.2,
        feeds_polled: shared.config.enabled_feeds().count() as u64,
        failed_feeds: shared
            .counters
            .failed_feeds
            .lock()
            .map(|failed| failed.clone().into_iter().collect())
            .unwrap_or_default(),
    };
    drop(shared);
    // The writer ends once the last handle is gone; a task still finishing a poll may hold one
    // for a moment, and the stop must not wait for it (everything sent is already durable).
    let joined = tokio::task::spawn_blocking(move || writer_thread.join());
    let _ = tokio::time::timeout(Duration::from_secs(1), joined).await;
    synced?;
    Ok(summary)
}

/// Resolves when a stop is asked for (never, if nobody can ask any more).
async fn stop_requested(shutdown: &mut watch::Receiver<bool>) {
    if shutdown.wait_for(|stop| *stop).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// The part of the shutdown grace kept for the producer's final flush.
fn flush_share(grace: Duration) -> Duration {
    (grace / 4).min(Duration::from_secs(10))
}

async fn resume_pending(shared: &Arc<Shared>, work_tx: &mpsc::Sender<Work>) -> usize {
    let pending = match shared.state.pending_items() {
        Ok(pending) => pending,
        Err(e) => {
            tracing::error!(error = %e, "cannot read pending items");
            return 0;
        }
    };
    let mut resumed = 0;
    for (item, stage) in pending {
        // In a cluster, a feed's pending items go with the feed.
        if !shared.owns_pending(&item) || !shared.claim(&item) {
            continue;
        }
        let stage = shared.stage_after_claim(&item.id, Some(stage));
        if stage == Some(Stage::Done) {
            continue;
        }
        let feed = shared.config.feeds.iter().find(|f| f.id == item.feed.id);
        let announced = stage == Some(Stage::Announced);
        if work_tx
            .send(Work::new(item, feed, shared, announced))
            .await
            .is_err()
        {
            break;
        }
        resumed += 1;
    }
    resumed
}

/// Retries items that failed to deliver (e.g. while the broker was down) even when their feed
/// no longer lists them.
async fn resume_periodically(
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
    work_tx: mpsc::Sender<Work>,
) {
    let every = Duration::from_secs(shared.config.pipeline.retry_pending_secs);
    loop {
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => return,
        }
        if *shutdown.borrow() {
            return;
        }
        resume_pending(&shared, &work_tx).await;
    }
}

/// Keeps `/readyz` in step with the sink. Polled, so that an outage shows while nothing is
/// being sent, and the recovery as soon as the sink can deliver again.
async fn watch_sink(shared: Arc<Shared>) {
    let mut was_ok = true;
    loop {
        let problem = shared.sink.cannot_deliver();
        let ok = problem.is_none();
        if ok != was_ok {
            match &problem {
                Some(problem) => {
                    tracing::warn!(sink = %shared.sink.describe(), problem = %problem, "sink cannot deliver; not ready")
                }
                None => {
                    tracing::info!(sink = %shared.sink.describe(), "sink delivers again; ready")
                }
            }
        }
        shared.health.sink_ok.store(ok, Ordering::Relaxed);
        shared.health.console.sink_state(problem);
        was_ok = ok;
        tokio::time::sleep(SINK_WATCH_EVERY).await;
    }
}

const SINK_WATCH_EVERY: Duration = Duration::from_secs(1);

/// Turns a channel receiver into a stream, updating its queue-depth gauge as items leave.
fn queue_stream<T: Send + 'static>(
    rx: mpsc::Receiver<T>,
    queue: &'static str,
    metrics: Arc<Metrics>,
) -> impl futures_util::Stream<Item = T> {
    futures_util::stream::unfold(rx, move |mut rx| {
        let metrics = metrics.clone();
        async move {
            let next = rx.recv().await;
            metrics
                .queue_depth
                .get_or_create(&labels(&[("queue", queue)]))
                .set(rx.len() as i64);
            next.map(|item| (item, rx))
        }
    })
    .boxed()
}
