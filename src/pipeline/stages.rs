//! The per-item stages: fetch (item record + article page), process (extract + enrich),
//! publish (article record), and how an item ends (done, dead letter, or left pending).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use tokio::sync::mpsc;
use url::Url;

use super::{Shared, Work, queue_stream};
use crate::fetch::url::{canonicalize, sha256_hex, stable_id};
use crate::fetch::{Document, FeedItem, Fetched, Validators, charset};
use crate::ops::labels;
use crate::publish::records::{ARTICLE_SCHEMA, DEAD_LETTER_SCHEMA, ITEM_SCHEMA};
use crate::publish::{
    ArticleRecord, DeadLetterRecord, EnrichmentCoverage, Envelope, Extraction, ItemRecord,
    SinkError, Site,
};
use crate::scrape::SiteRules;
use crate::state::StateUpdate;

/// An article page, fetched.
pub(super) struct Page {
    work: Work,
    document: Document,
    fetched_at: DateTime<Utc>,
}

/// An article, extracted and enriched, ready to publish.
pub(super) struct Ready {
    work: Work,
    record: Box<ArticleRecord>,
}

pub(super) async fn fetch_stage(
    shared: Arc<Shared>,
    rx: mpsc::Receiver<Work>,
    tx: mpsc::Sender<Page>,
) {
    let limit = shared.config.pipeline.fetch_concurrency;
    queue_stream(rx, "fetch", shared.metrics.clone())
        .for_each_concurrent(limit, |work| {
            let shared = shared.clone();
            let tx = tx.clone();
            async move {
                if let Some(page) = fetch_item(&shared, work).await {
                    let _ = tx.send(page).await;
                }
            }
        })
        .await;
}

pub(super) async fn process_stage(
    shared: Arc<Shared>,
    rx: mpsc::Receiver<Page>,
    tx: mpsc::Sender<Ready>,
) {
    let limit = shared.config.pipeline.process_concurrency;
    queue_stream(rx, "process", shared.metrics.clone())
        .for_each_concurrent(limit, |page| {
            let shared = shared.clone();
            let tx = tx.clone();
            async move {
                if let Some(ready) = process_page(&shared, page).await {
                    let _ = tx.send(ready).await;
                }
            }
        })
        .await;
}

pub(super) async fn publish_stage(shared: Arc<Shared>, rx: mpsc::Receiver<Ready>) {
    let limit = shared.config.pipeline.publish_concurrency;
    queue_stream(rx, "publish", shared.metrics.clone())
        .for_each_concurrent(limit, |ready| {
            let shared = shared.clone();
            async move { publish_article(&shared, ready).await }
        })
        .await;
}

/// In a cluster, the pollers' stage: each new item goes to the work topic, where the process
/// group takes it; once acknowledged there it is done for its feed.
pub(super) async fn hand_over_stage(shared: Arc<Shared>, rx: mpsc::Receiver<Work>) {
    let Some(topics) = shared.hand_over.clone() else {
        return;
    };
    let limit = shared.config.pipeline.publish_concurrency;
    queue_stream(rx, "hand_over", shared.metrics.clone())
        .for_each_concurrent(limit, |work| {
            let shared = shared.clone();
            let topics = topics.clone();
            async move {
                match topics.hand_over(&work.item).await {
                    Ok(()) => finish(&shared, &work.item, None).await,
                    Err(e) => not_delivered(&shared, &work, &e.to_string()),
                }
            }
        })
        .await;
}

/// Announces the item (its `news.items` record) while its page is fetched.
async fn fetch_item(shared: &Arc<Shared>, mut work: Work) -> Option<Page> {
    let announce = async {
        if work.announced {
            return Ok(());
        }
        let record = ItemRecord::new(work.item.clone());
        let envelope = Envelope::new(
            &work.topics.items,
            &work.item.id,
            ITEM_SCHEMA,
            &work.item.feed.id,
            &record,
        )?;
        // The item's Discovered row (with its `discovered_at`) must be durable before its record
        // can be acknowledged: a crash in between would announce it again, differently.
        sync_state(shared, &work.item.id).await;
        deliver(shared, envelope).await?;
        // Saved at the ack, not after the page fetch: a crash meanwhile must not re-send it.
        shared
            .writer
            .send(StateUpdate::Announced(Box::new(work.item.clone())));
        sync_state(shared, &work.item.id).await;
        Ok(())
    };
    let deadline = Duration::from_secs(shared.config.http.fetch_deadline_secs);
    let fetch = async {
        tokio::time::timeout(deadline, fetch_page(shared, &work))
            .await
            .unwrap_or_else(|_| {
                Err((
                    format!(
                        "the page fetch took longer than its {} s deadline (robots.txt, attempts and waits)",
                        deadline.as_secs()
                    ),
                    1,
                ))
            })
    };
    let (announced, page) = tokio::join!(announce, fetch);
    match announced {
        Ok(()) => work.announced = true,
        Err(SinkError::Retriable(error)) => {
            not_delivered(shared, &work, &error);
            return None;
        }
        Err(SinkError::Refused(error)) => {
            dead_letter(shared, work, "publish", error, 1).await;
            return None;
        }
    }
    match page {
        Ok(Some(document)) => Some(Page {
            fetched_at: first_fetched_at(shared, &work.item.id).await,
            work,
            document,
        }),
        // An entry without a link has nothing to scrape: its item record is all there is.
        Ok(None) => {
            finish(shared, &work.item, None).await;
            None
        }
        Err((error, attempts)) => {
            dead_letter(shared, work, "fetch", error, attempts).await;
            None
        }
    }
}

/// The time the item's page was first fetched: a redone item keeps it, so that its article is
/// re-sent identical. Durable before the article can be published.
async fn first_fetched_at(shared: &Shared, item_id: &str) -> DateTime<Utc> {
    match shared.state.fetched_at(item_id) {
        Ok(Some(at)) => at,
        stored => {
            if let Err(e) = stored {
                tracing::warn!(item = %item_id, error = %e, "cannot read the first fetch time; using now");
            }
            let now = Utc::now();
            shared.writer.send(StateUpdate::Fetched {
                item_id: item_id.to_string(),
                fetched_at: now,
            });
            sync_state(shared, item_id).await;
            now
        }
    }
}

/// Waits until the item's state updates are durable (a failure only risks a re-send).
async fn sync_state(shared: &Shared, item_id: &str) {
    if let Err(e) = shared.writer.sync().await {
        tracing::warn!(item = %item_id, error = %e, "state not saved; the item may be re-sent after a crash");
    }
}

/// Fetches the item's article page, retrying what may recover. `None` when it has no link.
async fn fetch_page(shared: &Shared, work: &Work) -> Result<Option<Document>, (String, u32)> {
    let Some(link) = &work.item.link else {
        return Ok(None);
    };
    let url = Url::parse(link).map_err(|e| (format!("invalid article link {link}: {e}"), 1))?;
    match url.scheme() {
        "http" | "https" => {}
        "file" if work.allow_file_links => {}
        scheme => {
            return Err((
                format!("article link {link}: scheme `{scheme}` is not followed for this feed"),
                1,
            ));
        }
    }
    if work.obey_robots {
        shared
            .http
            .check_robots(&url, work.reach)
            .await
            .map_err(|e| (e.to_string(), 1))?;
    }
    let max_attempts = shared.config.http.max_attempts;
    let mut attempt = 1;
    loop {
        let started = Instant::now();
        let result = shared
            .http
            .get(&url, &Validators::default(), work.reach)
            .await;
        shared
            .metrics
            .fetch_seconds
            .get_or_create(&labels(&[("kind", "page")]))
            .observe(started.elapsed().as_secs_f64());
        let error = match result {
            Ok(Fetched::Document(document)) => return Ok(Some(document)),
            Ok(Fetched::NotModified { .. }) => {
                return Err(("304 to an unconditional request".into(), attempt));
            }
            Err(error) => error,
        };
        shared
            .metrics
            .failures
            .get_or_create(&labels(&[("stage", "fetch")]))
            .inc();
        if !error.is_retriable() || attempt >= max_attempts {
            return Err((error.to_string(), attempt));
        }
        let wait = match &error {
            crate::fetch::FetchError::Status {
                retry_after: Some(wait),
                ..
            } => (*wait).min(Duration::from_secs(300)),
            _ => Duration::from_secs(1 << attempt.min(5)),
        };
        tracing::info!(url = %url, stage = "fetch", attempt, error = %error, wait_secs = wait.as_secs(), "page fetch failed; retrying");
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

/// Extraction and enrichment, off the async runtime, within the processing deadline. An item
/// that was being processed when the daemon died `quarantine_after` times is dead-lettered
/// instead: one page must not crash-loop the daemon.
async fn process_page(shared: &Arc<Shared>, page: Page) -> Option<Ready> {
    let item_id = page.work.item.id.clone();
    let pipeline = &shared.config.pipeline;
    let starts = shared.state.item_starts(&item_id).unwrap_or(0);
    if starts >= pipeline.quarantine_after {
        let error = format!("interrupted the daemon {starts} times");
        dead_letter(shared, page.work, "process", error, starts).await;
        return None;
    }
    // The slot is held by the blocking job itself: a job past its deadline keeps its slot until
    // it really ends, so abandoned jobs never pile up. An item that was being processed when the
    // daemon died takes every slot and runs alone, so that if it kills the daemon again, no
    // innocent item processed beside it is counted with it.
    let slots = if starts > 0 {
        u32::try_from(pipeline.process_concurrency).unwrap_or(1)
    } else {
        1
    };
    let slot = shared
        .process_slots
        .clone()
        .acquire_many_owned(slots)
        .await
        .ok()?;
    // Durable before the work starts, so a crash in it is counted.
    shared
        .writer
        .send(StateUpdate::ProcessingStarted(item_id.clone()));
    if let Err(e) = shared.writer.sync().await {
        tracing::warn!(item = %item_id, error = %e, "could not record the processing start");
    }
    tracing::debug!(item = %item_id, url = %page.document.url, starts = starts + 1, "processing started");
    let rules = shared.rules.clone();
    let Page {
        work,
        document,
        fetched_at,
    } = page;
    let job_work = work.clone();
    let max_chars = pipeline.max_enrich_chars;
    let models_dir = shared.config.enrich.models_dir.clone();
    let job = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        build_article(
            &rules,
            max_chars,
            &models_dir,
            &job_work,
            &document,
            fetched_at,
        )
    });
    let deadline = Duration::from_secs(pipeline.process_deadline_secs);
    let result = match tokio::time::timeout(deadline, job).await {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => {
            // The start stays counted: redone, and quarantined if it keeps failing.
            tracing::error!(item = %item_id, stage = "process", error = %e, "extraction task crashed; the item stays pending");
            shared.release(&item_id);
            return None;
        }
        Err(_) => Err((
            "process",
            format!(
                "extraction and enrichment took longer than the {} s deadline",
                deadline.as_secs()
            ),
        )),
    };
    shared
        .writer
        .send(StateUpdate::ProcessingEnded(item_id.clone()));
    if let Ok(record) = &result
        && let Some(extraction) = record.extraction
    {
        shared
            .metrics
            .extraction_methods
            .get_or_create(&labels(&[("method", extraction.method.as_str())]))
            .inc();
    }
    match result {
        Ok(record) => match shared.state.article_published(&record.id) {
            Ok(true) => {
                tracing::info!(item = %work.item.id, article = %record.id, "article already published via another item");
                finish(shared, &work.item, None).await;
                None
            }
            _ => Some(Ready {
                work,
                record: Box::new(record),
            }),
        },
        Err((stage, error)) => {
            shared
                .metrics
                .failures
                .get_or_create(&labels(&[("stage", stage)]))
                .inc();
            dead_letter(shared, work, stage, error, 1).await;
            None
        }
    }
}

fn build_article(
    rules: &SiteRules,
    max_chars: usize,
    models_dir: &Path,
    work: &Work,
    document: &Document,
    fetched_at: DateTime<Utc>,
) -> Result<ArticleRecord, (&'static str, String)> {
    let html = charset::decode(&document.bytes, document.content_type.as_deref());
    let article = crate::scrape::extract(&html, &document.url, rules)
        .map_err(|e| ("scrape", format!("{}: {e}", document.url)))?;
    let canonical_url = canonical_article_url(
        article.canonical_url.as_deref(),
        &document.url,
        work.allow_file_links,
    );
    let item = &work.item;
    let published_at = article
        .published_at
        .or(item.published_at.map(|d| d.fixed_offset()));
    let anchor = published_at
        .map(|d| d.date_naive())
        .unwrap_or(fetched_at.date_naive());
    let language_hint = article
        .language
        .as_deref()
        .or(work.language_hint.as_deref())
        .or(item.language.as_deref());
    let tag_from = crate::enrich::after_rubric(&article.text, !article.rubric.is_empty());
    let enrichment = crate::enrich::enrich(
        &article.text,
        anchor,
        language_hint,
        tag_from,
        max_chars,
        models_dir,
    );
    let title = if article.title.is_empty() {
        item.title.clone().unwrap_or_default()
    } else {
        article.title.clone()
    };
    let authors = if article.authors.is_empty() {
        item.authors.clone()
    } else {
        article.authors.clone()
    };
    let content_hash = format!("sha256:{}", sha256_hex(article.text.as_bytes()));
    Ok(ArticleRecord {
        schema: ARTICLE_SCHEMA.into(),
        id: stable_id(canonical_url.as_str()),
        item_id: item.id.clone(),
        url: document.url.to_string(),
        canonical_url: canonical_url.to_string(),
        feed: item.feed.clone(),
        site: Site {
            host: document.url.host_str().unwrap_or_default().to_string(),
            name: article.site_name.clone(),
        },
        language: enrichment.language,
        published_at,
        updated_at: article.updated_at,
        fetched_at,
        rubric: article.rubric,
        title,
        authors,
        description: article.description,
        lead_image: article.lead_image,
        paragraphs: article.paragraphs,
        text: article.text,
        extraction: Some(Extraction {
            method: article.extraction_method,
        }),
        entities: enrichment.entities,
        dates: enrichment.dates,
        enrichment: EnrichmentCoverage::of(enrichment.truncated_at, enrichment.missing_model),
        tags: work.tags.clone(),
        content_hash,
    })
}

/// The page's own canonical URL when it points at the same site, else the fetched URL; both
/// cleaned of tracking parameters. A canonical on another host is more often a syndication
/// partner or a template error than the article's real address. A page read from a local file
/// feed (a saved copy, the demo) has no site of its own: its http(s) canonical is kept, so its
/// id does not depend on where the file lies.
fn canonical_article_url(declared: Option<&str>, fetched: &Url, local_feed: bool) -> Url {
    let same_site = |url: &Url| {
        let bare = |h: &str| h.trim_start_matches("www.").to_ascii_lowercase();
        url.host_str().map(bare) == fetched.host_str().map(bare)
    };
    let local_copy = |url: &Url| {
        local_feed && fetched.scheme() == "file" && matches!(url.scheme(), "http" | "https")
    };
    declared
        .and_then(|c| fetched.join(c).ok())
        .filter(|c| {
            matches!(c.scheme(), "http" | "https" | "file") && (same_site(c) || local_copy(c))
        })
        .map(|c| canonicalize(&c))
        .unwrap_or_else(|| canonicalize(fetched))
}

async fn publish_article(shared: &Arc<Shared>, ready: Ready) {
    let Ready { work, record } = ready;
    let envelope = match Envelope::new(
        &work.topics.articles,
        &record.id,
        ARTICLE_SCHEMA,
        &work.item.feed.id,
        &record,
    ) {
        Ok(envelope) => envelope,
        Err(e) => {
            dead_letter(shared, work, "publish", e.to_string(), 1).await;
            return;
        }
    };
    match deliver(shared, envelope).await {
        Ok(()) => {
            shared
                .counters
                .articles_published
                .fetch_add(1, Ordering::Relaxed);
            shared
                .metrics
                .articles_published
                .get_or_create(&labels(&[("feed", &work.item.feed.id)]))
                .inc();
            shared.health.console.published(&record);
            finish(shared, &work.item, Some(record.id)).await;
        }
        Err(SinkError::Retriable(error)) => not_delivered(shared, &work, &error),
        Err(SinkError::Refused(error)) => dead_letter(shared, work, "publish", error, 1).await,
    }
}

/// Delivers one record and counts the outcome.
async fn deliver(shared: &Shared, envelope: Envelope) -> Result<(), SinkError> {
    let topic = envelope.topic.clone();
    let result = shared.sink.deliver(envelope).await;
    match &result {
        Ok(()) => {
            shared
                .metrics
                .sink_acks
                .get_or_create(&labels(&[("topic", &topic)]))
                .inc();
        }
        Err(e) => {
            let kind = match e {
                SinkError::Retriable(_) => "retriable",
                SinkError::Refused(_) => "refused",
            };
            shared
                .metrics
                .sink_errors
                .get_or_create(&labels(&[("kind", kind)]))
                .inc();
        }
    };
    result
}

/// The item failed a stage for good: its dead letter goes out, then it is done.
async fn dead_letter(shared: &Shared, work: Work, stage: &str, error: String, attempts: u32) {
    tracing::warn!(item = %work.item.id, url = ?work.item.link, stage, attempts, error = %error, "item failed for good; dead-lettered");
    let record = DeadLetterRecord {
        schema: DEAD_LETTER_SCHEMA.into(),
        item_id: work.item.id.clone(),
        stage: stage.to_string(),
        error,
        attempts,
        failed_at: Utc::now(),
        item: work.item.clone(),
    };
    let delivered = match Envelope::new(
        &work.topics.dead_letter,
        &work.item.id,
        DEAD_LETTER_SCHEMA,
        &work.item.feed.id,
        &record,
    ) {
        Ok(envelope) => deliver(shared, envelope).await,
        Err(e) => Err(e),
    };
    match delivered {
        Ok(()) => {
            shared.counters.dead_letters.fetch_add(1, Ordering::Relaxed);
            shared.health.console.dead_lettered(&record);
            shared
                .metrics
                .dead_letters
                .get_or_create(&labels(&[("stage", stage)]))
                .inc();
            finish(shared, &work.item, None).await;
        }
        Err(e) => not_delivered(shared, &work, &e.to_string()),
    }
}

/// Every record of the item is acknowledged: mark it done, durably, then let it go.
async fn finish(shared: &Shared, item: &FeedItem, article_id: Option<String>) {
    let item_id = item.id.as_str();
    if let Ok(mut undelivered) = shared.counters.undelivered.lock() {
        undelivered.remove(item_id);
    }
    shared.writer.send(StateUpdate::Done {
        item_id: item_id.to_string(),
        article_id,
    });
    if let Err(e) = shared.writer.sync().await {
        tracing::error!(item = %item_id, error = %e, "could not record the item as done; it may be published again");
    }
    // What other instances read (the feed's `done:` record, the work partition's progress and
    // its committed offset) is written only once the broker itself has the item's records,
    // not just the spool.
    if shared.cluster.is_some() || shared.work.is_some() {
        shared.sink.broker_caught_up().await;
    }
    // The feed's next owner must know, or it would hand the item over again.
    if let Some(cluster) = &shared.cluster
        && let Err(e) = cluster.save_done(&item.feed.id, item_id).await
    {
        tracing::warn!(item = %item_id, error = %e, "item done but not recorded in the cluster; another instance may publish it again");
    }
    // The work partition's next owner must know, and the item's offset may now be committed.
    if let Some(work) = &shared.work
        && let Err(e) = work.finished(&item.feed.id, item_id).await
    {
        tracing::warn!(item = %item_id, error = %e, "item done but not recorded in the progress topic; another instance may publish it again");
    }
    shared.release(item_id);
}

/// The sink did not take a record now: the item stays pending and is retried later.
fn not_delivered(shared: &Shared, work: &Work, error: &str) {
    tracing::warn!(item = %work.item.id, stage = "publish", error = %error, "record not delivered; item stays pending");
    shared
        .metrics
        .failures
        .get_or_create(&labels(&[("stage", "publish")]))
        .inc();
    if let Ok(mut undelivered) = shared.counters.undelivered.lock() {
        undelivered.insert(work.item.id.clone());
    }
    shared.release(&work.item.id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_url_prefers_the_pages_own_on_the_same_site() {
        let fetched = Url::parse("https://www.example.org/a?utm_source=x").expect("url");
        assert_eq!(
            canonical_article_url(Some("https://example.org/story-a"), &fetched, false).as_str(),
            "https://example.org/story-a"
        );
        assert_eq!(
            canonical_article_url(Some("https://partner.net/copy"), &fetched, false).as_str(),
            "https://www.example.org/a"
        );
        assert_eq!(
            canonical_article_url(Some("/relative#x"), &fetched, false).as_str(),
            "https://www.example.org/relative"
        );
    }

    #[test]
    fn a_local_copy_keeps_its_declared_canonical() {
        let fetched = Url::parse("file:///home/a/newswire/config/demo/pages/p.html").expect("url");
        let declared = Some("https://demo.newswire.example/business/p?utm_source=rss");
        assert_eq!(
            canonical_article_url(declared, &fetched, true).as_str(),
            "https://demo.newswire.example/business/p"
        );
        // Only for local feeds, only http(s): anything else keeps the fetched URL.
        assert_eq!(
            canonical_article_url(declared, &fetched, false).as_str(),
            fetched.as_str()
        );
        assert_eq!(
            canonical_article_url(Some("ftp://demo.newswire.example/p"), &fetched, true).as_str(),
            fetched.as_str()
        );
        // A web page still ignores a canonical on another host, whatever its feed.
        let web = Url::parse("https://news.example.org/p").expect("url");
        assert_eq!(
            canonical_article_url(declared, &web, true).as_str(),
            "https://news.example.org/p"
        );
    }
}
