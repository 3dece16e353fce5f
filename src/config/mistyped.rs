//! Every value of the wrong type, not just the first: serde stops at the first error, so when
//! the whole file does not deserialize, each key is tried on its own and the ones that fail are
//! reported and taken out. What is left is checked as usual (unknown keys, ranges), so one
//! mistyped value hides no other problem.

use toml::{Table, Value};

use super::Config;

/// The document without its mistyped values, and each of them as (key path, message).
pub(super) fn take_out_mistyped(mut document: Table) -> (Table, Vec<(Vec<String>, String)>) {
    let mut problems = Vec::new();
    if fails(&document).is_none() {
        return (document, problems);
    }
    let names: Vec<String> = document.keys().cloned().collect();
    for name in names {
        let value = document.remove(&name).unwrap_or(Value::Boolean(false));
        let kept = match value {
            Value::Array(feeds) if name == "feeds" => {
                let mut kept = Vec::new();
                for (i, feed) in feeds.into_iter().enumerate() {
                    let at = vec![name.clone(), i.to_string()];
                    let probe =
                        |feed: Value| Table::from_iter([(name.clone(), Value::Array(vec![feed]))]);
                    if let Some(feed) =
                        keep_valid_fields(feed, &at, &probe, feed_base(), &mut problems)
                    {
                        kept.push(feed);
                    }
                }
                Some(Value::Array(kept))
            }
            value @ Value::Table(_) => {
                let at = vec![name.clone()];
                let base = if name == "kafka" {
                    kafka_base()
                } else {
                    Table::new()
                };
                let probe = |section: Value| Table::from_iter([(name.clone(), section)]);
                keep_valid_fields(value, &at, &probe, base, &mut problems)
            }
            value => {
                let probe = Table::from_iter([(name.clone(), value.clone())]);
                match fails(&probe) {
                    Some(message) => {
                        problems.push((vec![name.clone()], message));
                        None
                    }
                    None => Some(value),
                }
            }
        };
        if let Some(kept) = kept {
            document.insert(name, kept);
        }
    }
    (document, problems)
}

/// Tries each field of a table on its own (on top of `base`, the required fields); drops and
/// reports the ones that fail. A table that still fails (e.g. a required field is missing) is
/// reported whole and dropped.
fn keep_valid_fields(
    value: Value,
    at: &[String],
    probe: &dyn Fn(Value) -> Table,
    base: Table,
    problems: &mut Vec<(Vec<String>, String)>,
) -> Option<Value> {
    let Value::Table(fields) = value else {
        let message = fails(&probe(value)).unwrap_or_else(|| "expected a table".into());
        problems.push((at.to_vec(), message));
        return None;
    };
    let before = problems.len();
    let mut kept = Table::new();
    for (field, inner) in fields {
        let mut alone = base.clone();
        alone.insert(field.clone(), inner.clone());
        match fails(&probe(Value::Table(alone))) {
            Some(message) => {
                let mut path = at.to_vec();
                path.push(field);
                problems.push((path, message));
            }
            None => {
                kept.insert(field, inner);
            }
        }
    }
    match fails(&probe(Value::Table(kept.clone()))) {
        // A missing required field; not repeated after one of the table's own fields failed.
        Some(message) => {
            if problems.len() == before {
                problems.push((at.to_vec(), message));
            }
            None
        }
        None => Some(Value::Table(kept)),
    }
}

fn fails(document: &Table) -> Option<String> {
    Value::Table(document.clone())
        .try_into::<Config>()
        .err()
        .map(|e| e.message().trim().to_string())
}

/// The required fields of a feed, with values that deserialize (never used as config).
fn feed_base() -> Table {
    Table::from_iter([
        ("id".to_string(), Value::String("x".into())),
        ("url".to_string(), Value::String("x".into())),
    ])
}

fn kafka_base() -> Table {
    Table::from_iter([("bootstrap_servers".to_string(), Value::String("x".into()))])
}
