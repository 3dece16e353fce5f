//! What the entity corrections (document vote, appositions, head nouns, aliases, gazetteer) do
//! to the model's labels, measured against the spaCy reference dump.
//!
//! cargo run --release --example ner_corrections -- \
//!     ../shared/datasets/article-extraction-benchmark/ground-truth.json REFERENCE.json
//!
//! cargo run --release --example ner_corrections -- --texts DIR
//!
//! With `--texts`, reads every `*.json` in DIR with a `ground_truth.main_content` (the WCXB
//! layout), keeps the English ones and only lists what the gazetteer changes: no reference.
//!
//! Uses the embedded English model (the one `ner_parity` checks against the same dump).
//! Both sides are compared per mention: exact span, type mapped to PERSON/ORG/LOCATION/MISC;
//! numeric labels (DATE, CARDINAL, …) are left out on both sides, as the corrections drop
//! them. The reference is spaCy itself, so every correction, right or wrong, lowers the
//! agreement: the figures say how much the corrections move away from the model, and the
//! printed gazetteer relabels are for judging by hand whether the move is right.

use std::collections::HashMap;

use newswire::enrich::ner::{self, NamedSpan};
use newswire::enrich::{
    Entity, detect_language, gazetteer, group_entities, group_entities_without_gazetteer,
};
use serde::Deserialize;

const NUMERIC_LABELS: [&str; 7] = [
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
];

#[derive(Deserialize)]
struct Article {
    #[serde(rename = "articleBody")]
    article_body: String,
}

#[derive(Deserialize)]
struct RefDoc {
    id: String,
    ents: Vec<(usize, usize, String)>,
}

#[derive(Deserialize)]
struct Reference {
    documents: Vec<RefDoc>,
}

type Typed = HashMap<(usize, usize), &'static str>;

/// The entity type of a model label, as in `enrich/entities/`.
fn entity_type(label: &str) -> &'static str {
    match label {
        "PERSON" => "PERSON",
        "ORG" => "ORG",
        "GPE" | "LOC" | "FAC" => "LOCATION",
        _ => "MISC",
    }
}

fn typed_spans<'a>(spans: impl Iterator<Item = (usize, usize, &'a str)>) -> Typed {
    spans
        .filter(|(_, _, label)| !NUMERIC_LABELS.contains(label))
        .map(|(s, e, label)| ((s, e), entity_type(label)))
        .collect()
}

fn typed_mentions(entities: &[Entity]) -> Typed {
    let kind = |k: &str| match k {
        "PERSON" => "PERSON",
        "ORG" => "ORG",
        "LOCATION" => "LOCATION",
        _ => "MISC",
    };
    entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| ((m.start, m.end), kind(&e.kind))))
        .collect()
}

#[derive(Default)]
struct Score {
    tp: usize,
    gold: usize,
    predicted: usize,
    /// Mentions on a span the model found, with another type than the model's.
    relabelled: usize,
    /// Mentions on a span the model did not produce (trimmed "the", head-noun places).
    new_spans: usize,
    /// Model spans with no mention on exactly that span (descriptions, trimmed spans).
    dropped: usize,
    /// Spans both sides have, and those of them with the same type: labels apart from spans.
    shared_spans: usize,
    shared_same_type: usize,
}

impl Score {
    fn add(&mut self, got: &Typed, gold: &Typed, raw: &Typed) {
        self.tp += got.iter().filter(|(k, t)| gold.get(k) == Some(t)).count();
        self.gold += gold.len();
        self.predicted += got.len();
        self.relabelled += got
            .iter()
            .filter(|(k, t)| raw.get(k).is_some_and(|r| r != *t))
            .count();
        self.new_spans += got.keys().filter(|k| !raw.contains_key(k)).count();
        self.dropped += raw.keys().filter(|k| !got.contains_key(k)).count();
        for (key, kind) in got {
            if let Some(gold_kind) = gold.get(key) {
                self.shared_spans += 1;
                self.shared_same_type += usize::from(gold_kind == kind);
            }
        }
    }

    fn print(&self, name: &str) {
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        let (p, r) = (pct(self.tp, self.predicted), pct(self.tp, self.gold));
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "{name}: reference {}, ours {}, agree {}; P {p:.2}% R {r:.2}% F1 {f1:.2}%; \
             relabelled {}, new spans {}, model spans dropped {}; \
             same type on shared spans {}/{} ({:.2}%)",
            self.gold,
            self.predicted,
            self.tp,
            self.relabelled,
            self.new_spans,
            self.dropped,
            self.shared_same_type,
            self.shared_spans,
            pct(self.shared_same_type, self.shared_spans)
        );
    }
}

/// What the gazetteer did in one document: mentions whose type it changed, and PERSON spans
/// naming a gazetteer place that it left alone (the document shows a person's name).
struct GazetteerEffect {
    changed: Vec<String>,
    kept: Vec<String>,
}

fn gazetteer_effect(
    id: &str,
    text: &str,
    spans: &[NamedSpan],
    with: &Typed,
    without: &Typed,
) -> GazetteerEffect {
    let chars: Vec<char> = text.chars().collect();
    let line = |s: usize, e: usize, what: String| {
        let context: String = chars[s.saturating_sub(50)..(e + 50).min(chars.len())]
            .iter()
            .collect::<String>()
            .replace('\n', " ");
        let surface: String = chars[s..e].iter().collect();
        let id = id.get(..8).unwrap_or(id);
        format!("{id} {surface:?}: {what} | …{context}…")
    };
    let mut keys: Vec<&(usize, usize)> = with.keys().collect();
    keys.sort();
    let mut changed = Vec::new();
    for &(s, e) in keys {
        let (now, before) = (with[&(s, e)], without.get(&(s, e)).copied().unwrap_or("-"));
        if now != before {
            let model = spans
                .iter()
                .find(|sp| (sp.start, sp.end) == (s, e))
                .map_or("-", |sp| sp.label.as_str());
            changed.push(line(
                s,
                e,
                format!("model {model}, without {before} → with {now}"),
            ));
        }
    }
    let kept = spans
        .iter()
        .filter(|sp| sp.label == "PERSON" && gazetteer::place(&sp.text).is_some())
        .filter(|sp| with.get(&(sp.start, sp.end)) == Some(&"PERSON"))
        .map(|sp| line(sp.start, sp.end, "model PERSON, kept PERSON".into()))
        .collect();
    GazetteerEffect { changed, kept }
}

fn print_effects(effects: &[GazetteerEffect]) {
    let changed: Vec<&String> = effects.iter().flat_map(|e| &e.changed).collect();
    let kept: Vec<&String> = effects.iter().flat_map(|e| &e.kept).collect();
    let docs = effects.iter().filter(|e| !e.changed.is_empty()).count();
    println!(
        "gazetteer changes the type of {} mentions in {docs} documents:",
        changed.len()
    );
    for line in changed {
        println!("  {line}");
    }
    println!(
        "gazetteer places tagged PERSON and kept PERSON: {}",
        kept.len()
    );
    for line in kept {
        println!("  {line}");
    }
}

#[derive(Deserialize)]
struct WcxbPage {
    ground_truth: WcxbTruth,
}

#[derive(Deserialize)]
struct WcxbTruth {
    main_content: Option<String>,
}

/// `--texts DIR`: the gazetteer's effect on other English texts (no reference to score).
fn texts_only(dir: &str) -> Result<(), Box<dyn std::error::Error>> {
    let model = ner::english()?;
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let (mut english, mut effects) = (0, Vec::new());
    for path in &paths {
        let page: WcxbPage = serde_json::from_slice(&std::fs::read(path)?)?;
        let Some(text) = page.ground_truth.main_content else {
            continue;
        };
        if detect_language(&text, None).as_deref() != Some("en") {
            continue;
        }
        english += 1;
        let spans = model.tag(&text);
        let without = typed_mentions(&group_entities_without_gazetteer(&text, &spans, 0, "en"));
        let with = typed_mentions(&group_entities(&text, &spans, 0, "en"));
        let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        effects.push(gazetteer_effect(id, &text, &spans, &with, &without));
    }
    println!("documents: {} ({english} English)", paths.len());
    print_effects(&effects);
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, dir] = args.as_slice()
        && flag == "--texts"
    {
        return texts_only(dir);
    }
    let [_, gt, reference] = args.as_slice() else {
        return Err("usage: ner_corrections GROUND_TRUTH.json REFERENCE.json | --texts DIR".into());
    };
    let model = ner::english()?;
    let gt: HashMap<String, Article> = serde_json::from_slice(&std::fs::read(gt)?)?;
    let reference: Reference = serde_json::from_slice(&std::fs::read(reference)?)?;

    let (mut raw_score, mut without_score, mut with_score) =
        (Score::default(), Score::default(), Score::default());
    let mut effects = Vec::new();
    for doc in &reference.documents {
        let text = &gt
            .get(&doc.id)
            .ok_or_else(|| format!("document {} not in ground truth", doc.id))?
            .article_body;
        let spans: Vec<NamedSpan> = model.tag(text);
        let gold = typed_spans(doc.ents.iter().map(|(s, e, l)| (*s, *e, l.as_str())));
        let raw = typed_spans(spans.iter().map(|s| (s.start, s.end, s.label.as_str())));
        let without = typed_mentions(&group_entities_without_gazetteer(text, &spans, 0, "en"));
        let with = typed_mentions(&group_entities(text, &spans, 0, "en"));
        raw_score.add(&raw, &gold, &raw);
        without_score.add(&without, &gold, &raw);
        with_score.add(&with, &gold, &raw);

        effects.push(gazetteer_effect(&doc.id, text, &spans, &with, &without));
    }
    println!("documents: {}", reference.documents.len());
    raw_score.print("model spans (no corrections)");
    without_score.print("corrections without gazetteer");
    with_score.print("corrections with gazetteer");
    print_effects(&effects);
    Ok(())
}
