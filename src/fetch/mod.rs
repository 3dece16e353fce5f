//! The fetch stage: HTTP (and `file://`) fetching, charsets, feed parsing, item identity.

pub mod charset;
mod feed;
pub mod guard;
mod http;
pub mod opml;
mod politeness;
mod robots;
pub mod schedule;
pub mod url;

pub use feed::{FeedItem, FeedParseError, FeedRef, Media, ParsedFeed, parse_feed};
pub use http::{Document, FetchError, Fetched, HttpClient, Reach, Validators};
