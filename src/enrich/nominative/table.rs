//! The generated suffix table (`data/nominative.tsv`), parsed once on first use.
//!
//! Format (see src/enrich/nominative/build_nominative.py): `R id strip add` rule lines, then
//! per key a `K pos,gender,number,case` line followed by `C<rest> rule_id`
//! lines, each a suffix of `"^" + word` written reversed and front-coded
//! against the previous line (`C` = '0' + count of shared chars), which
//! keeps the file under 2 MB without a compression crate. For a word, the
//! longest stored suffix gives the rule; none stored means "leave it alone".

use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("data/nominative.tsv");

pub(super) struct Rule {
    pub strip: &'static str,
    pub add: &'static str,
}

/// Hashed with foldhash: each word of a name asks for up to one suffix per letter.
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

pub(super) struct Table {
    rules: Vec<Rule>,
    keys: Map<&'static str, Map<String, u32>>,
}

impl Table {
    fn parse(data: &'static str) -> Table {
        let mut rules = Vec::new();
        let mut keys: Map<&'static str, Map<String, u32>> = Map::default();
        let mut current: Option<&'static str> = None;
        // previous entry of the current key, reversed, as chars
        let mut prev: Vec<char> = Vec::new();
        for line in data.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let first = cols.next().unwrap_or("");
            match first {
                "R" => {
                    // ids are dense and in order; the strip/add columns may be empty
                    let _id = cols.next();
                    let strip = cols.next().unwrap_or("");
                    let add = cols.next().unwrap_or("");
                    rules.push(Rule { strip, add });
                }
                "K" => {
                    let key = cols.next().unwrap_or("");
                    keys.entry(key).or_default();
                    current = Some(key);
                    prev.clear();
                }
                coded => {
                    let mut chars = coded.chars();
                    let shared = chars
                        .next()
                        .map_or(0, |c| (c as usize).saturating_sub('0' as usize));
                    prev.truncate(shared);
                    prev.extend(chars);
                    let id = cols.next().and_then(|s| s.parse::<u32>().ok());
                    if let (Some(key), Some(id)) = (current, id)
                        && (id as usize) < rules.len()
                    {
                        let suffix: String = prev.iter().rev().collect();
                        keys.entry(key).or_default().insert(suffix, id);
                    }
                }
            }
        }
        Table { rules, keys }
    }

    /// The rule for `word` (lowercase, ё→е) under `key`, if any, with the
    /// length in bytes of the stored suffix that chose it.
    pub(super) fn rule(&self, key: &str, word: &str) -> Option<(&Rule, usize)> {
        let map = self.keys.get(key)?;
        let mut marked = String::with_capacity(1 + word.len());
        marked.push('^');
        marked.push_str(word);
        for (i, _) in marked.char_indices() {
            if let Some(&id) = map.get(&marked[i..]) {
                return self.rules.get(id as usize).map(|r| (r, marked.len() - i));
            }
        }
        None
    }

    pub(super) fn has_key(&self, key: &str) -> bool {
        self.keys.contains_key(key)
    }
}

pub(super) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Table::parse(DATA))
}
