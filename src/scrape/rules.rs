//! Per-site extraction rules: one TOML file per host in a directory (`config/sites/`).
//!
//! ```toml
//! host = "example.org"            # matches example.org and its subdomains (www.example.org)
//! body = "div.article-text"       # containers of the article body
//! title = "h1.headline"           # the headline
//! rubric = ".breadcrumbs a"       # each match is one rubric label
//! caption = "figure.lead figcaption"
//! drop = [".read-also", ".share"] # removed before anything is extracted
//! ```
//! Every selector is optional; what a rule leaves out is found by the generic extractor.

use std::path::{Path, PathBuf};

use scraper::Selector;
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("cannot read site rules from {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid site rule file {path}: {source}")]
    Syntax {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error(
        "invalid site rule file {path}: `{field}` selector {selector:?} is not valid CSS: {message}"
    )]
    Selector {
        path: PathBuf,
        field: &'static str,
        selector: String,
        message: String,
    },
    #[error(
        "invalid site rule file {path}: `host` must be a bare host name like \"example.org\", got {host:?}"
    )]
    Host { path: PathBuf, host: String },
    #[error("site rule files {first} and {second} both describe host {host:?}")]
    DuplicateHost {
        host: String,
        first: PathBuf,
        second: PathBuf,
    },
}

/// The file format, exactly as written by users.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteRuleFile {
    host: String,
    body: Option<String>,
    title: Option<String>,
    rubric: Option<String>,
    caption: Option<String>,
    #[serde(default)]
    drop: Vec<String>,
}

/// The extraction rule of one site, selectors compiled.
#[derive(Debug, Clone)]
pub struct SiteRule {
    host: String,
    source: PathBuf,
    pub(crate) body: Option<Selector>,
    pub(crate) title: Option<Selector>,
    pub(crate) rubric: Option<Selector>,
    pub(crate) caption: Option<Selector>,
    pub(crate) drop: Vec<Selector>,
}

impl SiteRule {
    /// Parses one rule file's text; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, RulesError> {
        let file: SiteRuleFile = toml::from_str(text).map_err(|source| RulesError::Syntax {
            path: path.to_path_buf(),
            source,
        })?;
        let host = file.host.trim().trim_end_matches('.').to_ascii_lowercase();
        let is_bare_host = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if !is_bare_host {
            return Err(RulesError::Host {
                path: path.to_path_buf(),
                host: file.host,
            });
        }
        let compile = |field: &'static str, selector: &str| {
            Selector::parse(selector).map_err(|error| RulesError::Selector {
                path: path.to_path_buf(),
                field,
                selector: selector.to_string(),
                message: error.to_string(),
            })
        };
        let compile_optional = |field: &'static str, selector: Option<&String>| {
            selector
                .map(|selector| compile(field, selector))
                .transpose()
        };
        Ok(Self {
            body: compile_optional("body", file.body.as_ref())?,
            title: compile_optional("title", file.title.as_ref())?,
            rubric: compile_optional("rubric", file.rubric.as_ref())?,
            caption: compile_optional("caption", file.caption.as_ref())?,
            drop: file
                .drop
                .iter()
                .map(|selector| compile("drop", selector))
                .collect::<Result<_, _>>()?,
            host,
            source: path.to_path_buf(),
        })
    }

    /// The host this rule applies to (and its subdomains).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The file the rule was read from.
    pub fn source(&self) -> &Path {
        &self.source
    }

    fn matches(&self, host: &str) -> bool {
        host == self.host
            || host
                .strip_suffix(self.host.as_str())
                .is_some_and(|prefix| prefix.ends_with('.'))
    }
}

/// All site rules, looked up by host.
#[derive(Debug, Clone, Default)]
pub struct SiteRules {
    rules: Vec<SiteRule>,
}

impl SiteRules {
    /// No rules: every page goes through the generic extractor.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Loads every `*.toml` file of `dir` (not recursive), in file-name order.
    pub fn load_dir(dir: &Path) -> Result<Self, RulesError> {
        let io_error = |source| RulesError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io_error)? {
            let path = entry.map_err(io_error)?.path();
            if path
                .extension()
                .is_some_and(|extension| extension == "toml")
                && path.is_file()
            {
                paths.push(path);
            }
        }
        paths.sort();
        let mut rules = Self::empty();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|source| RulesError::Io {
                path: path.clone(),
                source,
            })?;
            rules.add(SiteRule::parse(&text, &path)?)?;
        }
        Ok(rules)
    }

    /// Adds one rule; two rules for the same host are an error.
    pub fn add(&mut self, rule: SiteRule) -> Result<(), RulesError> {
        if let Some(existing) = self.rules.iter().find(|known| known.host == rule.host) {
            return Err(RulesError::DuplicateHost {
                host: rule.host,
                first: existing.source.clone(),
                second: rule.source,
            });
        }
        self.rules.push(rule);
        Ok(())
    }

    /// The rule for `host` or, failing that, for its closest parent domain.
    pub fn for_host(&self, host: &str) -> Option<&SiteRule> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.rules
            .iter()
            .filter(|rule| rule.matches(&host))
            .max_by_key(|rule| rule.host.len())
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> Result<SiteRule, RulesError> {
        SiteRule::parse(text, Path::new("sites/example.org.toml"))
    }

    #[test]
    fn host_matches_itself_and_subdomains_only() -> Result<(), RulesError> {
        let mut rules = SiteRules::empty();
        rules.add(rule("host = \"example.org\"\nbody = \"article\"")?)?;
        rules.add(rule("host = \"news.example.org\"")?)?;
        assert_eq!(
            rules.for_host("www.example.org").map(SiteRule::host),
            Some("example.org")
        );
        assert_eq!(
            rules.for_host("EXAMPLE.org.").map(SiteRule::host),
            Some("example.org")
        );
        assert_eq!(
            rules.for_host("a.news.example.org").map(SiteRule::host),
            Some("news.example.org")
        );
        assert!(rules.for_host("badexample.org").is_none());
        Ok(())
    }

    #[test]
    fn unknown_keys_are_rejected_with_the_file_name() {
        let error = rule("host = \"example.org\"\nbodyy = \"article\"").err();
        let message = error.map(|error| error.to_string()).unwrap_or_default();
        assert!(message.contains("sites/example.org.toml"), "{message}");
        assert!(message.contains("bodyy"), "{message}");
    }

    #[test]
    fn invalid_selectors_and_hosts_are_rejected() {
        assert!(matches!(
            rule("host = \"example.org\"\ndrop = [\"div[\"]"),
            Err(RulesError::Selector { field: "drop", .. })
        ));
        assert!(matches!(
            rule("host = \"https://example.org/\""),
            Err(RulesError::Host { .. })
        ));
    }

    #[test]
    fn duplicate_hosts_are_rejected() -> Result<(), RulesError> {
        let mut rules = SiteRules::empty();
        rules.add(rule("host = \"example.org\"")?)?;
        assert!(matches!(
            rules.add(rule("host = \"Example.org\"")?),
            Err(RulesError::DuplicateHost { .. })
        ));
        Ok(())
    }

    #[test]
    fn missing_directory_is_an_io_error() {
        assert!(matches!(
            SiteRules::load_dir(Path::new("/nonexistent/newswire/sites")),
            Err(RulesError::Io { .. })
        ));
    }
}
