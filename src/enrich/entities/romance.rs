//! French and Spanish names carry their head noun first: "Banco de España", "Tribunal Supremo",
//! "Conseil constitutionnel" are organisations whatever the model says, and "provincia de
//! Alicante", "la ville de Rouen" name a place even where the model saw nothing.

/// First words that make a name of several words an organisation.
fn org_heads(language: &str) -> &'static [&'static str] {
    match language {
        "fr" => &[
            "Agence",
            "Assemblée",
            "Association",
            "Autorité",
            "Banque",
            "Caisse",
            "Chambre",
            "Comité",
            "Commission",
            "Compagnie",
            "Confédération",
            "Conseil",
            "Cour",
            "Fédération",
            "Fondation",
            "Fonds",
            "Groupe",
            "Institut",
            "Ministère",
            "Mouvement",
            "Office",
            "Organisation",
            "Parlement",
            "Parquet",
            "Parti",
            "Sénat",
            "Société",
            "Syndicat",
            "Tribunal",
            "Union",
            "Université",
        ],
        "es" => &[
            "Agencia",
            "Asamblea",
            "Asociación",
            "Audiencia",
            "Autoridad",
            "Banco",
            "Cámara",
            "Comisión",
            "Comité",
            "Compañía",
            "Confederación",
            "Congreso",
            "Consejo",
            "Corte",
            "Ejército",
            "Federación",
            "Fiscalía",
            "Fondo",
            "Fundación",
            "Grupo",
            "Instituto",
            "Ministerio",
            "Movimiento",
            "Organización",
            "Parlamento",
            "Partido",
            "Senado",
            "Sindicato",
            "Sociedad",
            "Tribunal",
            "Universidad",
        ],
        _ => &[],
    }
}

/// Lower-case phrases that, right before a capitalised name, say it is a place.
pub(super) fn place_phrases(language: &str) -> &'static [&'static str] {
    match language {
        "fr" => &[
            "ville de",
            "village de",
            "commune de",
            "région de",
            "province de",
            "département de",
            "port de",
            "capitale de",
            "île de",
        ],
        "es" => &[
            "ciudad de",
            "pueblo de",
            "localidad de",
            "municipio de",
            "región de",
            "provincia de",
            "departamento de",
            "estado de",
            "puerto de",
            "capital de",
            "isla de",
        ],
        _ => &[],
    }
}

/// Capitalised words of a title that the model runs into the person's name before a
/// lower-case rest ("nommé Ousmane Sonko Premier ministre").
fn title_words(language: &str) -> &'static [&'static str] {
    match language {
        "fr" => &["Premier", "Première", "Président", "Présidente", "Ministre"],
        "es" => &[
            "Primer",
            "Primera",
            "Presidente",
            "Presidenta",
            "Ministro",
            "Ministra",
        ],
        _ => &[],
    }
}

/// `end` of a person's mention without a trailing title word that a lower-case word follows.
pub(super) fn without_trailing_title(
    language: &str,
    chars: &[char],
    start: usize,
    end: usize,
) -> usize {
    let span: String = chars[start..end].iter().collect();
    let Some((rest, last)) = span.rsplit_once(' ') else {
        return end;
    };
    let next_is_lower = chars[end..]
        .iter()
        .find(|c| **c != ' ')
        .is_some_and(|c| c.is_lowercase());
    if next_is_lower && chars.get(end) == Some(&' ') && title_words(language).contains(&last) {
        start + rest.trim_end().chars().count()
    } else {
        end
    }
}

/// What a French or Spanish name's own first word, or the phrase before it, proves.
pub(super) fn romance_evidence(
    language: &str,
    chars: &[char],
    start: usize,
    name: &str,
) -> Option<&'static str> {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or_default();
    if words.next().is_some() && org_heads(language).contains(&first) {
        return Some("ORG");
    }
    let before: String = chars[start.saturating_sub(30)..start]
        .iter()
        .collect::<String>()
        .to_lowercase();
    place_phrases(language)
        .iter()
        .any(|phrase| ends_with_phrase(&before, phrase))
        .then_some("LOCATION")
}

/// `before` ends with `phrase` and a space, the phrase starting a word.
pub(super) fn ends_with_phrase(before: &str, phrase: &str) -> bool {
    before
        .strip_suffix(' ')
        .and_then(|b| b.strip_suffix(phrase))
        .is_some_and(|b| b.is_empty() || b.ends_with(|c: char| !c.is_alphanumeric()))
}

/// Capitalised names right after a place phrase that no mention covers: (start, end) in code
/// points. The name runs over capitalised words and hyphens ("Saint-Étienne-du-Rouvray").
pub(super) fn places_after_phrases(
    language: &str,
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let phrases = place_phrases(language);
    if phrases.is_empty() {
        return Vec::new();
    }
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut found = Vec::new();
    for phrase in phrases {
        let phrase: Vec<char> = phrase.chars().chain([' ']).collect();
        let mut at = tag_from;
        while at + phrase.len() < chars.len() {
            let starts_word = at == 0 || !lower[at - 1].is_alphanumeric();
            if !starts_word || lower[at..at + phrase.len()] != phrase[..] {
                at += 1;
                continue;
            }
            let start = at + phrase.len();
            at = start;
            if !chars[start].is_uppercase() {
                continue;
            }
            let mut end = start;
            while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '-') {
                end += 1;
            }
            if !covered(start, end) {
                found.push((start, end));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_nouns_and_phrases() {
        let text: Vec<char> = "en la provincia de Alicante y el Banco de España"
            .chars()
            .collect();
        assert_eq!(
            romance_evidence("es", &text, 19, "Alicante"),
            Some("LOCATION")
        );
        assert_eq!(
            romance_evidence("es", &text, 32, "Banco de España"),
            Some("ORG")
        );
        assert_eq!(romance_evidence("es", &text, 32, "Banco"), None);
        assert_eq!(romance_evidence("fr", &text, 32, "Banco de España"), None);
        let found = places_after_phrases("es", &text, 0, |_, _| false);
        let names: Vec<String> = found
            .iter()
            .map(|&(s, e)| text[s..e].iter().collect())
            .collect();
        assert_eq!(names, vec!["Alicante"]);
        assert!(places_after_phrases("es", &text, 0, |_, _| true).is_empty());
        let text: Vec<char> = "La Ville de Paris et la capitale de la France"
            .chars()
            .collect();
        // "la France": a lower-case article is no name.
        let found = places_after_phrases("fr", &text, 0, |_, _| false);
        assert_eq!(found, vec![(12, 17)]);
        assert!(!ends_with_phrase("subregión de ", "región de"));
        let text: Vec<char> = "a nommé Ousmane Sonko Premier ministre".chars().collect();
        assert_eq!(without_trailing_title("fr", &text, 8, 29), 21);
        assert_eq!(without_trailing_title("fr", &text, 8, 21), 21);
        assert_eq!(without_trailing_title("es", &text, 8, 29), 29);
    }
}
