//! robots.txt, fetched once per site and cached, obeyed for article pages.
//!
//! Per RFC 9309 a missing robots.txt (4xx) allows everything. An unreachable one (5xx, network)
//! would mean "disallow all"; a news crawler following links its feeds advertise is lenient
//! instead: it allows, and asks again sooner.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use texting_robots::Robot;
use url::Url;

/// How long a site's robots.txt is trusted.
const FRESH_FOR: Duration = Duration::from_secs(3600);
/// How long an unreachable robots.txt is treated as allowing everything.
const UNREACHABLE_FOR: Duration = Duration::from_secs(300);

/// What a site's robots.txt says, for our user agent.
pub enum RobotsRules {
    AllowAll,
    Rules(Box<Robot>),
}

impl RobotsRules {
    /// Parses a robots.txt body for `agent`; an unparseable one restricts nothing.
    pub fn parse(agent: &str, body: &[u8]) -> RobotsRules {
        match Robot::new(agent, body) {
            Ok(robot) => RobotsRules::Rules(Box::new(robot)),
            Err(_) => RobotsRules::AllowAll,
        }
    }

    pub fn allows(&self, url: &Url) -> bool {
        match self {
            RobotsRules::AllowAll => true,
            RobotsRules::Rules(robot) => robot.allowed(url.as_str()),
        }
    }
}

type Entry = Arc<tokio::sync::Mutex<Option<(Instant, Duration, Arc<RobotsRules>)>>>;

/// robots.txt rules per site (scheme, host, port), each fetched by one request at a time.
#[derive(Default)]
pub struct RobotsCache {
    sites: Mutex<HashMap<String, Entry>>,
}

impl RobotsCache {
    /// The rules for `site`, fetching them with `fetch` when missing or stale. `fetch` returns
    /// the rules and how long they hold.
    pub async fn rules<F, Fut>(&self, site: &str, fetch: F) -> Arc<RobotsRules>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = (RobotsRules, bool)>,
    {
        let entry = match self.sites.lock() {
            Ok(mut sites) => sites.entry(site.to_string()).or_default().clone(),
            Err(_) => Entry::default(),
        };
        let mut cached = entry.lock().await;
        if let Some((at, ttl, rules)) = cached.as_ref()
            && at.elapsed() < *ttl
        {
            return rules.clone();
        }
        let (rules, reachable) = fetch().await;
        let rules = Arc::new(rules);
        let ttl = if reachable {
            FRESH_FOR
        } else {
            UNREACHABLE_FOR
        };
        *cached = Some((Instant::now(), ttl, rules.clone()));
        rules
    }
}

/// The robots.txt product token of a User-Agent header: `newswire/0.1 (…)` → `newswire`.
pub fn product_token(user_agent: &str) -> &str {
    user_agent
        .split(['/', ' '])
        .next()
        .filter(|t| !t.is_empty())
        .unwrap_or("newswire")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_our_agent_apply() {
        let txt =
            b"User-agent: *\nDisallow: /private/\n\nUser-agent: newswire\nDisallow: /paywall/\n";
        let rules = RobotsRules::parse("newswire", txt);
        let url = |s: &str| Url::parse(s).expect("url");
        assert!(!rules.allows(&url("https://news.example/paywall/story")));
        // Our own group replaces the `*` group.
        assert!(rules.allows(&url("https://news.example/private/x")));
        assert!(rules.allows(&url("https://news.example/world/story")));
        assert!(RobotsRules::AllowAll.allows(&url("https://news.example/paywall/")));
    }

    #[test]
    fn product_token_is_the_first_word() {
        assert_eq!(product_token("newswire/0.1 (news ingestion)"), "newswire");
        assert_eq!(product_token(""), "newswire");
    }

    #[tokio::test]
    async fn rules_are_cached_per_site() {
        let cache = RobotsCache::default();
        let fetches = std::sync::atomic::AtomicUsize::new(0);
        for _ in 0..3 {
            cache
                .rules("https://news.example", || async {
                    fetches.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    (RobotsRules::AllowAll, true)
                })
                .await;
        }
        assert_eq!(fetches.load(std::sync::atomic::Ordering::SeqCst), 1);
    }
}
