//! Extraction-quality scorers of the two evaluation datasets (`shared/datasets/`), as pure
//! functions over (ground truth, prediction) text pairs.
//!
//! - Zyte article-extraction-benchmark: `\w+` tokens (case kept), 4-token shingles, per-page
//!   true/false positives and negatives normalised to sum 1, corpus precision and recall as
//!   means over pages, F1 of those means.
//! - WCXB: lower-cased bag of `\w+` words, precision / recall / F1 per page, then means;
//!   snippet rates: the share of `with` / `without` snippets found, averaged per page.

use std::collections::HashMap;

use super::dom::{Document, NodeData};
pub use super::html::parity::{Parity, parser_parity};

const SHINGLE_SIZE: usize = 4;

/// Corpus-level precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// `\w+` as Python's `re` reads it on text: runs of letters, digits and underscores.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
}

fn counts<T: std::hash::Hash + Eq>(items: impl Iterator<Item = T>) -> HashMap<T, usize> {
    let mut counted = HashMap::new();
    for item in items {
        *counted.entry(item).or_insert(0) += 1;
    }
    counted
}

/// Shingles of a text: every window of 4 tokens, or one shingle of all tokens when there are
/// fewer, none for a text without tokens.
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens: Vec<&str> = words(text).collect();
    if tokens.is_empty() {
        return HashMap::new();
    }
    if tokens.len() < SHINGLE_SIZE {
        return counts(std::iter::once(tokens));
    }
    counts(tokens.windows(SHINGLE_SIZE).map(<[&str]>::to_vec))
}

/// Per-page (tp, fp, fn) over shingle multisets, normalised to sum 1 (all 0 when both texts
/// are empty) so that long pages do not outweigh short ones.
pub fn zyte_page_counts(truth: &str, prediction: &str) -> (f64, f64, f64) {
    let truth = shingles(truth);
    let prediction = shingles(prediction);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (shingle, &true_count) in &truth {
        let predicted = prediction.get(shingle).copied().unwrap_or(0);
        tp += true_count.min(predicted);
        fn_ += true_count.saturating_sub(predicted);
    }
    for (shingle, &predicted) in &prediction {
        fp += predicted.saturating_sub(truth.get(shingle).copied().unwrap_or(0));
    }
    let total = (tp + fp + fn_) as f64;
    if total == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / total, fp as f64 / total, fn_ as f64 / total)
}

/// Zyte benchmark scores of (truth, prediction) pairs. Precision is averaged over pages with
/// a non-empty prediction, recall over pages with a non-empty truth.
pub fn zyte_scores<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str)>) -> Scores {
    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    for (truth, prediction) in pages {
        let (tp, fp, fn_) = zyte_page_counts(truth, prediction);
        if tp + fp > 0.0 {
            precisions.push(tp / (tp + fp));
        }
        if tp + fn_ > 0.0 {
            recalls.push(tp / (tp + fn_));
        }
    }
    let precision = mean(&precisions);
    let recall = mean(&recalls);
    Scores {
        precision,
        recall,
        f1: harmonic_mean(precision, recall),
    }
}

/// Zyte per-page precision, recall and F1 over shingles (for reports; the corpus scores
/// are means over pages, see [`zyte_scores`]). A page with nothing to compare scores 1.
pub fn zyte_page_scores(truth: &str, prediction: &str) -> Scores {
    let (tp, fp, fn_) = zyte_page_counts(truth, prediction);
    if tp + fp + fn_ == 0.0 {
        return Scores {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
    }
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    Scores {
        precision,
        recall,
        f1: harmonic_mean(precision, recall),
    }
}

/// WCXB snippet rate of one page: the share of `snippets` found in the prediction,
/// case-insensitively, whitespace runs compared as one space. `None` without snippets.
pub fn snippet_rate(snippets: &[String], prediction: &str) -> Option<f64> {
    if snippets.is_empty() {
        return None;
    }
    let folded = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let prediction = folded(prediction);
    let found = snippets
        .iter()
        .filter(|snippet| prediction.contains(&folded(snippet)))
        .count();
    Some(found as f64 / snippets.len() as f64)
}

/// WCXB per-page scores: lower-cased bag-of-words overlap.
pub fn wcxb_page_scores(truth: &str, prediction: &str) -> Scores {
    let truth = truth.to_lowercase();
    let prediction = prediction.to_lowercase();
    let truth_words = counts(words(&truth));
    let predicted_words = counts(words(&prediction));
    let truth_total: usize = truth_words.values().sum();
    let predicted_total: usize = predicted_words.values().sum();
    if truth_total == 0 && predicted_total == 0 {
        return Scores {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
    }
    let overlap: usize = truth_words
        .iter()
        .map(|(word, &count)| count.min(predicted_words.get(word).copied().unwrap_or(0)))
        .sum();
    let precision = ratio(overlap, predicted_total);
    let recall = ratio(overlap, truth_total);
    Scores {
        precision,
        recall,
        f1: harmonic_mean(precision, recall),
    }
}

/// WCXB corpus scores: means of the per-page precision, recall and F1 (a missing
/// prediction is an empty one and scores 0).
pub fn wcxb_scores<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str)>) -> Scores {
    let per_page: Vec<Scores> = pages
        .into_iter()
        .map(|(truth, prediction)| wcxb_page_scores(truth, prediction))
        .collect();
    let mean_of = |field: fn(&Scores) -> f64| mean(&per_page.iter().map(field).collect::<Vec<_>>());
    Scores {
        precision: mean_of(|s| s.precision),
        recall: mean_of(|s| s.recall),
        f1: mean_of(|s| s.f1),
    }
}

/// Elements whose text a reader never sees, for the whole-page baseline.
const BASELINE_SKIPPED_TAGS: &[&str] = &["script", "style", "noscript"];

/// The baseline prediction: every text node of the page (the `<title>` included) except
/// scripts, styles and `<noscript>`, separated by spaces.
pub fn visible_page_text(html: &str) -> String {
    let markup = super::markup_limits::limit_markup(html, super::markup_limits::Attributes::Read);
    let document = Document::parse(&markup, false);
    let (dom, _) = document.dom(&[]);
    let mut text = String::new();
    let mut index = 0;
    while index < dom.nodes.len() {
        match &dom.nodes[index].data {
            NodeData::Element(element) if BASELINE_SKIPPED_TAGS.contains(&element.tag) => {
                index = dom.nodes[index].subtree_end;
                continue;
            }
            NodeData::Text(fragment) => {
                text.push_str(fragment);
                text.push(' ');
            }
            _ => {}
        }
        index += 1;
    }
    text
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

fn harmonic_mean(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zyte_counts_are_normalised_per_page() {
        let (tp, fp, fn_) = zyte_page_counts("a b c d e", "a b c d x");
        // truth shingles: abcd, bcde; prediction: abcd, bcdx
        assert_eq!((tp, fp, fn_), (1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0));
        assert_eq!(
            zyte_page_counts("Short text", "Short text"),
            (1.0, 0.0, 0.0)
        );
        assert_eq!(zyte_page_counts("", ""), (0.0, 0.0, 0.0));
    }

    #[test]
    fn zyte_tokens_keep_case_and_unicode() {
        assert_eq!(zyte_page_counts("Мир труд май", "мир труд май").0, 0.0);
        assert_eq!(zyte_page_counts("l'été, 2024!", "l été 2024").0, 1.0);
    }

    #[test]
    fn zyte_empty_predictions_only_hurt_recall() {
        let scores = zyte_scores([
            ("one two three four", "one two three four"),
            ("five six", ""),
        ]);
        assert_eq!(scores.precision, 1.0);
        assert_eq!(scores.recall, 0.5);
    }

    #[test]
    fn zyte_page_scores_of_one_page() {
        let scores = zyte_page_scores("a b c d e", "a b c d x");
        assert_eq!((scores.precision, scores.recall), (0.5, 0.5));
        assert_eq!(zyte_page_scores("a b c d", "").f1, 0.0);
        assert_eq!(zyte_page_scores("", "").f1, 1.0);
    }

    #[test]
    fn snippets_are_found_case_and_space_insensitively() {
        let snippets = ["Hello  World".to_string(), "absent".to_string()];
        assert_eq!(snippet_rate(&snippets, "…hello\nworld…"), Some(0.5));
        assert_eq!(snippet_rate(&[], "anything"), None);
    }

    #[test]
    fn wcxb_bag_of_words() {
        let scores = wcxb_page_scores("The cat sat", "the CAT sat on the mat");
        assert_eq!(scores.recall, 1.0);
        assert_eq!(scores.precision, 0.5);
        assert_eq!(wcxb_scores([("text", "")]).f1, 0.0);
    }
}
