//! A purpose-built HTML parser that emits the flat, pre-ordered tree [`super::dom::Dom`] walks.
//!
//! It follows the HTML tree-construction rules for everything pages do in practice (implied
//! html/head/body, void and raw-text elements, implied end tags, scopes, formatting elements
//! reopened after a block, tables, selects, templates) and builds nodes in document order, so
//! no second copy of the page is made. Two of the standard's error-recovery algorithms move
//! nodes that are already built (foster parenting of text inside a table, and the adoption
//! agency's re-parenting of misnested formatting elements); on a page that needs them
//! [`parse`] returns `None` and the caller parses it with html5ever instead.

mod entities;
mod tokenizer;
mod tree;

use std::ops::Range;

pub use tree::parse;

/// A parsed page: nodes in document order, their strings in one buffer.
#[derive(Debug, Default)]
pub struct Parsed {
    strings: String,
    pub(super) nodes: Vec<ParsedNode>,
    /// Attribute names and values, as ranges of `strings`.
    attributes: Vec<(Range<usize>, Range<usize>)>,
    /// Where the content of each `<noscript>` and `<template>` is in the parsed markup, in
    /// document order.
    pub hidden_markup: Vec<Range<usize>>,
}

#[derive(Debug)]
pub(super) struct ParsedNode {
    pub parent: Option<usize>,
    pub kind: Kind,
}

#[derive(Debug)]
pub(super) enum Kind {
    Element {
        tag: Range<usize>,
        attributes: Range<usize>,
    },
    Text(Range<usize>),
    Other,
}

impl Parsed {
    pub(super) fn str(&self, range: &Range<usize>) -> &str {
        &self.strings[range.clone()]
    }

    pub(super) fn attributes(&self, range: &Range<usize>) -> impl Iterator<Item = (&str, &str)> {
        self.attributes[range.clone()]
            .iter()
            .map(|(name, value)| (self.str(name), self.str(value)))
    }
}
