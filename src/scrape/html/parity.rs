//! The page parser's tree against html5ever's, node by node: the check behind its tests, the
//! fuzz target and the evaluation snapshot.

use scraper::Html;

use super::super::dom::{Dom, NodeData};
use super::super::markup_limits::{Attributes, limit_markup};

/// How the page parser's tree of a page compares with html5ever's.
#[derive(Debug, PartialEq, Eq)]
pub enum Parity {
    Same,
    /// The page parser handed the page to html5ever.
    Html5everOnly,
    /// The first differing node, described.
    Differs(String),
}

/// Parses `html` as the generic extractor does (markup limits applied) with both parsers.
/// Names inside SVG and MathML are compared ignoring case and without attributes: html5ever
/// gives them their camel case and namespaces, which nothing reads.
pub fn parser_parity(html: &str) -> Parity {
    let markup = limit_markup(html, Attributes::Read);
    let Some(parsed) = super::parse(&markup) else {
        return Parity::Html5everOnly;
    };
    let ours = Dom::from_parsed(&parsed);
    let document = Html::parse_document(&markup);
    let (theirs, _) = Dom::from_html(&document, &[]);
    for index in 0..ours.nodes.len().max(theirs.nodes.len()) {
        let (Some(mine), Some(other)) = (ours.nodes.get(index), theirs.nodes.get(index)) else {
            return Parity::Differs(format!(
                "{} nodes, html5ever {}",
                ours.nodes.len(),
                theirs.nodes.len()
            ));
        };
        let foreign = std::iter::once(index)
            .chain(theirs.ancestors(index))
            .any(|ancestor| matches!(theirs.tag(ancestor), "svg" | "math"));
        let same = mine.parent == other.parent
            && match (&mine.data, &other.data) {
                (NodeData::Element(a), NodeData::Element(b)) if foreign => {
                    a.tag.eq_ignore_ascii_case(b.tag)
                }
                (NodeData::Element(a), NodeData::Element(b)) => {
                    a.tag == b.tag && sorted(a.attributes()) == sorted(b.attributes())
                }
                (NodeData::Text(a), NodeData::Text(b)) => a == b,
                (NodeData::Other, NodeData::Other) => true,
                _ => false,
            };
        if !same {
            return Parity::Differs(format!(
                "node {index}: {:?} under {:?}, html5ever {:?} under {:?}",
                mine.data, mine.parent, other.data, other.parent
            ));
        }
    }
    Parity::Same
}

fn sorted<'a>(mut attributes: Vec<(&'a str, &'a str)>) -> Vec<(&'a str, &'a str)> {
    attributes.sort_unstable();
    attributes
}
