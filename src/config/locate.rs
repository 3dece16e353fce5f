//! Positions of key paths in the config source, for `file:line:col` messages.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::ConfigProblem;

/// Finds the position of a key path in the source, for messages.
pub(super) struct Locator<'a> {
    source: &'a str,
    file: &'a Path,
    document: Option<toml::Spanned<DeTable<'a>>>,
}

impl<'a> Locator<'a> {
    pub(super) fn new(source: &'a str, file: &'a Path) -> Self {
        Locator {
            source,
            file,
            document: DeTable::parse(source).ok(),
        }
    }

    pub(super) fn problem(&self, path: &[&str], at_key: bool, message: String) -> ConfigProblem {
        let offset = self.offset_of(path, at_key).unwrap_or(0);
        let (line, column) = self.line_col(offset);
        ConfigProblem {
            file: self.file.to_path_buf(),
            line,
            column,
            message,
        }
    }

    /// Byte offset of the deepest part of `path` that exists: the key itself when `at_key`,
    /// else its value.
    fn offset_of(&self, path: &[&str], at_key: bool) -> Option<usize> {
        let document = self.document.as_ref()?;
        let mut table = document.get_ref();
        let mut offset = document.span().start;
        let mut parts = path.iter().peekable();
        while let Some(part) = parts.next() {
            let (key, value) = table.get_key_value(*part)?;
            offset = if at_key && parts.peek().is_none() {
                key.span().start
            } else {
                value.span().start
            };
            let mut value = value.get_ref();
            // Array of tables: the next part is the index.
            if let DeValue::Array(items) = value {
                let Some(index) = parts.peek().and_then(|p| p.parse::<usize>().ok()) else {
                    return Some(offset);
                };
                parts.next();
                let item = items.get(index)?;
                offset = item.span().start;
                value = item.get_ref();
            }
            match value {
                DeValue::Table(inner) => table = inner,
                _ => return Some(offset),
            }
        }
        Some(offset)
    }

    pub(super) fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.source[..offset.min(self.source.len())];
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0)
            + 1;
        (line, column)
    }
}
