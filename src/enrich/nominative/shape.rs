//! Port of natasha/shape.py: give the inflected (lowercase) word the letter
//! case of the original token, part by part.

/// natasha's SHAPE_PART alpha class: `[а-яёa-z]` with re.I.
fn is_alpha(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | 'a'..='z' | 'A'..='Z')
}

/// Split into maximal runs of alpha / non-alpha chars.
fn parts(s: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut kind: Option<bool> = None;
    for (i, c) in s.char_indices() {
        let a = is_alpha(c);
        match kind {
            Some(k) if k == a => {}
            Some(k) => {
                out.push((k, &s[start..i]));
                start = i;
                kind = Some(a);
            }
            None => kind = Some(a),
        }
    }
    if let Some(k) = kind {
        out.push((k, &s[start..]));
    }
    out
}

// Python's str.islower / isupper / istitle restricted to what natasha feeds
// them: alpha runs, where every char is cased.
fn py_islower(s: &str) -> bool {
    s.chars().any(|c| c.is_lowercase()) && !s.chars().any(|c| c.is_uppercase())
}

fn py_isupper(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())
}

fn py_istitle(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => chars.all(|c| !c.is_uppercase()),
        _ => false,
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

fn recover_part(part: &str, reference: &str) -> Option<String> {
    if py_islower(reference) {
        Some(part.to_lowercase())
    } else if py_isupper(reference) {
        Some(part.to_uppercase())
    } else if py_istitle(reference) {
        Some(capitalize(part))
    } else {
        None
    }
}

/// natasha `recover_shape(word, ref)`: on any mismatch the word is returned as is.
pub(super) fn recover_shape(word: &str, reference: &str) -> String {
    if word.to_lowercase() == reference.to_lowercase() {
        return reference.to_string();
    }
    let wp = parts(word);
    let rp = parts(reference);
    if wp.len() != rp.len() {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    for ((wa, w), (ra, r)) in wp.iter().zip(rp.iter()) {
        if wa != ra {
            return word.to_string();
        }
        if *wa {
            match recover_part(w, r) {
                Some(s) => out.push_str(&s),
                None => return word.to_string(),
            }
        } else {
            out.push_str(w);
        }
    }
    out
}
