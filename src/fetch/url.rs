//! Canonical URLs and the ids derived from them.
//!
//! An article id must be the same whichever feed announced the article and however the link
//! was decorated, so it is a hash of the canonical URL: fragment and tracking parameters
//! removed, host lower-cased (the `url` crate also drops default ports and normalises the path).

use sha2::{Digest, Sha256};
use url::Url;

/// Query parameters that only track the reader, never select content.
fn is_tracking_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || name.starts_with("_hs")
        || matches!(
            name.as_str(),
            "fbclid"
                | "gclid"
                | "gclsrc"
                | "dclid"
                | "msclkid"
                | "yclid"
                | "ysclid"
                | "mc_cid"
                | "mc_eid"
                | "igshid"
                | "_ga"
                | "_gl"
                | "ref_src"
                | "cmpid"
                | "ocid"
                | "at_medium"
                | "at_campaign"
                | "xtor"
                | "wt_mc"
                | "spm"
        )
}

/// The canonical form of an article URL.
pub fn canonicalize(url: &Url) -> Url {
    let mut url = url.clone();
    url.set_fragment(None);
    if url.query().is_some() {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !is_tracking_param(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    url
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A stable 128-bit id, hex, of any identifying string.
pub fn stable_id(identity: &str) -> String {
    let mut id = sha256_hex(identity.as_bytes());
    id.truncate(32);
    id
}

/// The article id of a URL: the same for every decoration of one article's address.
pub fn article_id(url: &Url) -> String {
    stable_id(canonicalize(url).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(s: &str) -> String {
        canonicalize(&Url::parse(s).expect("test url")).to_string()
    }

    #[test]
    fn tracking_parameters_and_fragment_are_removed() {
        assert_eq!(
            canonical("https://News.Example.ORG:443/a/b?utm_source=x&id=7&fbclid=y#top"),
            "https://news.example.org/a/b?id=7"
        );
        assert_eq!(
            canonical("https://example.org/a?gclid=1&utm_medium=rss"),
            "https://example.org/a"
        );
    }

    #[test]
    fn same_article_gets_one_id() {
        let a = Url::parse("https://example.org/story?utm_campaign=feed1").expect("url");
        let b = Url::parse("https://EXAMPLE.org/story#comments").expect("url");
        assert_eq!(article_id(&a), article_id(&b));
        assert_eq!(article_id(&a).len(), 32);
        let c = Url::parse("https://example.org/other").expect("url");
        assert_ne!(article_id(&a), article_id(&c));
    }
}
