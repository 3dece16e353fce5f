//! What the class and id names of an element say about it: the vocabularies of page
//! furniture, other people's content, non-body blocks and the body, read once per element.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::dom::ElementData;

/// Class/id words of page furniture (layout words too: some pages name their article
/// wrapper "content-with-sidebar", so these only count in the first attempt).
const UNLIKELY_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "donate",
    "donation",
    "donations",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "banner",
    "sponsor",
    "sponsored",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "widget",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "paywall",
    "signup",
    "login",
    "masthead",
    "toolbar",
    "pagination",
    "pager",
    "skip",
    "complementary",
];

/// Class/id words of other people's or other articles' text (comments, recommendations):
/// never the body, in either attempt.
const OTHER_CONTENT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "respond",
    "replies",
    "related",
    "relatedposts",
    "recommend",
    "recommended",
    "recommendations",
    "outbrain",
    "taboola",
];

/// Class/id words of blocks that sit inside an article but are not its text.
const NON_BODY_WORDS: &[&str] = &[
    "tag",
    "tags",
    "author",
    "authors",
    "byline",
    "bio",
    "meta",
    "date",
    "dateline",
    "timestamp",
    "caption",
    "credit",
    "credits",
    "rubric",
    "rubrics",
    "kicker",
    "header",
    "print",
    "teaser",
    "teasers",
    "inline",
    "embed",
    "readmore",
    "also",
    "more",
    "topics",
    "follow",
    "contacts",
    "tools",
    "actions",
    "buttons",
    "cta",
    "form",
    "reactions",
    "rating",
    "visually",
    "sr",
];

/// Class/id words of the article body.
const BODY_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story", "prose", "richtext", "markdown",
];

/// What an element's class/id words say, one bit per vocabulary.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Names(u8);

impl Names {
    pub const UNLIKELY: u8 = 1;
    pub const OTHER_CONTENT: u8 = 2;
    pub const NON_BODY: u8 = 4;
    pub const BODY: u8 = 8;
    /// "read-also", "see_also"…: the words run together name an insert.
    pub const INSERT: u8 = 16;

    /// Reads the class/id words once; `scratch` is a reused buffer.
    pub fn of(element: &ElementData, scratch: &mut Vec<u8>) -> Self {
        static VOCABULARY: LazyLock<HashMap<&'static [u8], u8, BuildHasherDefault<WordHasher>>> =
            LazyLock::new(|| {
                let mut vocabulary = HashMap::default();
                for (words, bit) in [
                    (UNLIKELY_WORDS, Names::UNLIKELY),
                    (OTHER_CONTENT_WORDS, Names::OTHER_CONTENT),
                    (NON_BODY_WORDS, Names::NON_BODY),
                    (BODY_WORDS, Names::BODY),
                ] {
                    for &word in words {
                        *vocabulary.entry(word.as_bytes()).or_insert(0) |= bit;
                    }
                }
                vocabulary
            });
        let mut bits = 0;
        let mut lower = [0u8; 16];
        scratch.clear();
        for word in element.hint_words() {
            // No vocabulary word is longer than the buffer, nor written outside ASCII.
            if let Some(buffer) = lower.get_mut(..word.len()) {
                buffer.copy_from_slice(word.as_bytes());
                buffer.make_ascii_lowercase();
                bits |= VOCABULARY.get(&*buffer).copied().unwrap_or(0);
            }
            scratch.extend(word.bytes().map(|byte| byte.to_ascii_lowercase()));
        }
        let joined = scratch.as_slice();
        // Every insert name has "read" or "also" in it: most elements stop at this one pass.
        let may_be_insert = joined
            .windows(4)
            .any(|window| window == b"read" || window == b"also");
        if may_be_insert
            && [
                b"readalso".as_slice(),
                b"alsoread",
                b"seealso",
                b"readmore",
                b"mustread",
            ]
            .iter()
            .any(|insert| joined.windows(insert.len()).any(|window| window == *insert))
        {
            bits |= Self::INSERT;
        }
        Self(bits)
    }

    pub fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

/// FNV-1a: the words looked up are short and every element has a few, where the standard
/// hasher's per-call cost shows. The table's keys are the fixed vocabularies.
#[derive(Default)]
pub struct WordHasher(u64);

/// Hashes of templates (see [`template`]): already hashes, so hashed again cheaply.
pub type TemplateHasher = BuildHasherDefault<WordHasher>;

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let start = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        self.0 = bytes.iter().fold(start, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// An element's template: its tag and class names without the per-instance ones (those
/// with digits: "elementor-element-fa8919f"), as a hash (elements are compared by it many
/// times per page). `None` without such a class.
pub fn template(element: &ElementData) -> Option<u64> {
    let mut hasher = WordHasher::default();
    hasher.write(element.tag.as_bytes());
    let mut named = false;
    for name in element.attr("class")?.split_whitespace() {
        if !name.contains(|c: char| c.is_ascii_digit()) {
            hasher.write(b" ");
            hasher.write(name.as_bytes());
            named = true;
        }
    }
    named.then(|| hasher.finish())
}
