//! Which texts are Russian, for the tools that pick the Russian Zyte bodies (the ner bench and
//! the Russian output dump must pick the same ones).

/// Share of Cyrillic among letters (tests/eval/ru_reference.py's `cyrillic_share`).
pub fn cyrillic_share(text: &str) -> f64 {
    let (mut letters, mut cyrillic) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        cyrillic += usize::from(('\u{400}'..='\u{4ff}').contains(&c));
    }
    cyrillic as f64 / letters.max(1) as f64
}
