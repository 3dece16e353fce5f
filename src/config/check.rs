//! Semantic checks of a parsed config; each problem carries the key path it is about, which
//! the locator turns into `file:line:col`.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use super::{Config, expand_env};

impl Config {
    /// What is valid but probably not meant: printed by `validate` and logged by `run`.
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        if self.enabled_feeds().next().is_none() {
            warnings.push("no enabled feeds: `run` would poll nothing".to_string());
        }
        if !self.sites_dir.is_dir() {
            warnings.push(format!(
                "sites_dir {} is not a directory: no site rules, the generic extractor alone",
                self.sites_dir.display()
            ));
        }
        if !has_entity_models(&self.enrich.models_dir) {
            warnings.push(format!(
                "enrich.models_dir {} holds no entity model (*.nwner): only English and Russian \
                 articles get entities (src/enrich/ner/install_models.sh DIR installs the others)",
                self.enrich.models_dir.display()
            ));
        }
        warnings
    }

    /// Semantic checks; each problem carries the key path it is about.
    pub(super) fn check(&self) -> Vec<(Vec<String>, String)> {
        // Every number against its documented range (keys.rs).
        let mut problems = serde_json::to_value(self)
            .map(|document| super::keys::out_of_range(&document))
            .unwrap_or_default();
        let mut problem = |at: &[&str], message: String| {
            problems.push((at.iter().map(|s| s.to_string()).collect(), message));
        };
        if self.http.user_agent.trim().is_empty() {
            problem(&["http", "user_agent"], "must not be empty".into());
        }
        if !self.http.proxy.is_empty() {
            match url::Url::parse(&self.http.proxy) {
                Ok(url) if ["http", "https"].contains(&url.scheme()) && url.has_host() => {}
                _ => problem(
                    &["http", "proxy"],
                    format!(
                        "`{}` is not a proxy URL like http://proxy.internal:3128",
                        self.http.proxy
                    ),
                ),
            }
        }
        if self.pipeline.max_interval_secs < self.pipeline.min_interval_secs {
            problem(
                &["pipeline", "max_interval_secs"],
                format!(
                    "{} s is below min_interval_secs ({} s)",
                    self.pipeline.max_interval_secs, self.pipeline.min_interval_secs
                ),
            );
        }
        if !self.ops.listen.is_empty() && self.ops.listen.parse::<SocketAddr>().is_err() {
            problem(
                &["ops", "listen"],
                format!(
                    "`{}` is not an address like 127.0.0.1:9464 (empty disables the endpoint)",
                    self.ops.listen
                ),
            );
        }
        let token = &self.ops.admin_token;
        let names_a_variable = token.starts_with("${") && token.ends_with('}');
        if !(token.is_empty() || names_a_variable) {
            problem(
                &["ops", "admin_token"],
                "must name an environment variable, like \"${NEWSWIRE_ADMIN_TOKEN}\": a token is never written in the file".into(),
            );
        }
        for (key, name) in [
            ("items", &self.topics.items),
            ("articles", &self.topics.articles),
            ("dead_letter", &self.topics.dead_letter),
        ] {
            if let Err(e) = check_topic_name(name) {
                problem(&["topics", key], e);
            }
        }
        if let Some(kafka) = &self.kafka {
            match expand_env(&kafka.bootstrap_servers) {
                Ok(servers) if servers.trim().is_empty() => {
                    problem(&["kafka", "bootstrap_servers"], "must not be empty".into())
                }
                Ok(_) => {}
                Err(e) => problem(&["kafka", "bootstrap_servers"], e),
            }
            if !["none", "gzip", "snappy", "lz4", "zstd"].contains(&kafka.compression.as_str()) {
                problem(
                    &["kafka", "compression"],
                    format!(
                        "`{}` is not one of none, gzip, snappy, lz4, zstd",
                        kafka.compression
                    ),
                );
            }
            for (key, value) in &kafka.properties {
                if let Err(e) = expand_env(value) {
                    problem(&["kafka", "properties", key], e);
                }
            }
        }
        if self.cluster.enabled {
            if self.kafka.is_none() {
                problem(
                    &["cluster", "enabled"],
                    "a cluster shares its feeds through Kafka: add a [kafka] section".into(),
                );
            }
            if let Err(e) = check_topic_name(&self.cluster.feeds_topic()) {
                problem(&["cluster", "group_id"], e);
            }
        }
        let mut seen_ids: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, feed) in self.feeds.iter().enumerate() {
            let index = i.to_string();
            let at = |key: &'static str| -> Vec<String> {
                vec!["feeds".into(), index.clone(), key.into()]
            };
            let mut feed_problem = |key: &'static str, message: String| {
                problems.push((at(key), message));
            };
            if feed.id.is_empty()
                || !feed
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            {
                feed_problem(
                    "id",
                    format!(
                        "feed id `{}` must be non-empty and use only letters, digits, `-`, `_`, `.`",
                        feed.id
                    ),
                );
            }
            if let Some(first) = seen_ids.insert(feed.id.as_str(), i) {
                feed_problem(
                    "id",
                    format!(
                        "duplicate feed id `{}` (also feed #{} in the file)",
                        feed.id,
                        first + 1
                    ),
                );
            }
            if let Err(e) = check_feed_location(&feed.url) {
                feed_problem("url", e);
            }
            if let Some(lang) = &feed.language
                && (lang.len() != 2 || !lang.chars().all(|c| c.is_ascii_lowercase()))
            {
                feed_problem(
                    "language",
                    format!("`{lang}` is not an ISO 639-1 code such as `en` or `ru`"),
                );
            }
            for name in [
                &feed.topics.items,
                &feed.topics.articles,
                &feed.topics.dead_letter,
            ]
            .into_iter()
            .flatten()
            {
                if let Err(e) = check_topic_name(name) {
                    feed_problem("topics", e);
                }
            }
        }
        problems
    }
}

/// Whether `dir` holds at least one `.nwner` file (a missing directory holds none).
fn has_entity_models(dir: &std::path::Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "nwner"))
    })
}

fn check_topic_name(name: &str) -> Result<(), String> {
    let valid = !name.is_empty()
        && name.len() <= 249
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a valid topic name (1–249 of letters, digits, `.`, `_`, `-`)"
        ))
    }
}

fn check_feed_location(location: &str) -> Result<(), String> {
    if !location.contains("://") {
        return if location.trim().is_empty() {
            Err("must not be empty".into())
        } else {
            Ok(())
        };
    }
    match url::Url::parse(location) {
        Ok(url) if ["http", "https", "file"].contains(&url.scheme()) => Ok(()),
        Ok(url) => Err(format!(
            "unsupported scheme `{}`: use http, https, file or a path",
            url.scheme()
        )),
        Err(e) => Err(format!("`{location}` is not a valid URL: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Config;

    fn warnings_with_models_dir(dir: &Path) -> Vec<String> {
        let source = format!("[enrich]\nmodels_dir = {:?}\n", dir.display().to_string());
        Config::parse(&source, Path::new("f.toml"))
            .expect("valid")
            .warnings()
    }

    #[test]
    fn a_models_dir_without_models_is_a_warning_not_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let said = |dir: &Path| {
            warnings_with_models_dir(dir)
                .iter()
                .any(|w| w.contains("holds no entity model"))
        };
        assert!(said(&dir.path().join("absent")), "missing directory");
        assert!(said(dir.path()), "empty directory");
        std::fs::write(dir.path().join("notes.txt"), "x").expect("write");
        assert!(said(dir.path()), "no .nwner file");
        std::fs::write(dir.path().join("de_news-1.nwner"), "x").expect("write");
        assert!(!said(dir.path()), "a model file is there");
    }
}
