//! French, Spanish and Italian names carry their head noun first: "Banco de España", "Tribunal Supremo",
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
        "it" => &[
            "Agenzia",
            "Associazione",
            "Autorità",
            "Banca",
            "Camera",
            "Comitato",
            "Commissione",
            "Compagnia",
            "Confederazione",
            "Consiglio",
            "Corte",
            "Federazione",
            "Fondazione",
            "Fondo",
            "Gruppo",
            "Guardia",
            "Istituto",
            "Ministero",
            "Movimento",
            "Organizzazione",
            "Parlamento",
            "Partito",
            "Procura",
            "Protezione",
            "Senato",
            "Sindacato",
            "Società",
            "Tribunale",
            "Unione",
            "Università",
        ],
        _ => &[],
    }
}

/// Italian articles and articulated prepositions that a model trained on few Italian sentences
/// runs into the name after them ("La Lega", "Nel Mediterraneo").
const ITALIAN_LEADING: [&str; 26] = [
    "La", "Il", "Lo", "I", "Gli", "Le", "Nel", "Nella", "Nello", "Negli", "Nelle", "In", "Al",
    "Alla", "Allo", "Agli", "Dal", "Dalla", "Del", "Della", "Dello", "Per", "Con", "Sul", "Sulla",
    "A",
];

/// Elided articles and articulated prepositions, lower-cased, before the apostrophe.
const ITALIAN_ELIDED: [&str; 8] = ["l", "dell", "all", "nell", "dall", "sull", "coll", "un"];

/// Prepositions after which a governed noun ("ministro degli Esteri", "presidente della
/// Regione") may open a span the model took for a person's name.
const ITALIAN_GOVERNING: [&str; 7] = ["della", "del", "dello", "degli", "delle", "dei", "di"];

/// `start` of an Italian mention without a leading article or preposition, and without the
/// governed noun of a title before a person's name ("degli [Esteri] Antonio Tajani").
pub(super) fn italian_start(chars: &[char], start: usize, end: usize, person: bool) -> usize {
    let span: String = chars[start..end].iter().collect();
    // An elided article or preposition: "L'Inter", "dell'Atalanta" ("D'Angelo" is a name).
    if let Some((head, rest)) = span.split_once(['\'', '’'])
        && ITALIAN_ELIDED.contains(&head.to_lowercase().as_str())
        && rest.starts_with(char::is_uppercase)
    {
        return start + head.chars().count() + 1;
    }
    let words: Vec<&str> = span.split(' ').collect();
    if words.len() < 2 || !words[1].starts_with(char::is_uppercase) {
        return start;
    }
    let before: String = chars[start.saturating_sub(12)..start].iter().collect();
    let governed = before
        .split_whitespace()
        .last()
        .is_some_and(|w| ITALIAN_GOVERNING.contains(&w));
    let drop_first = ITALIAN_LEADING.contains(&words[0])
        || (person && governed && words.len() >= 3 && words[2].starts_with(char::is_uppercase));
    if drop_first {
        start + words[0].chars().count() + 1
    } else {
        start
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
        "it" => &[
            "città di",
            "comune di",
            "provincia di",
            "regione",
            "porto di",
            "capitale",
            "isola di",
            "fiume",
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
        "it" => &["Presidente", "Ministro", "Ministra", "Premier"],
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

/// Italian "a" right before `start` says where ("a Messina", "ad Ancona"). Before a person
/// it is a dative ("ha chiesto a Meloni"): the caller moves only what the model took for an
/// organisation.
pub(super) fn after_italian_a(chars: &[char], start: usize) -> bool {
    let before: String = chars[start.saturating_sub(4)..start].iter().collect();
    let word = before.strip_suffix(' ').and_then(|b| b.rsplit(' ').next());
    matches!(word, Some("a" | "ad"))
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
    fn italian_articles_and_governed_nouns_leave_the_name() {
        let start = |text: &str, person: bool| {
            let chars: Vec<char> = text.chars().collect();
            let at = text.find('[').unwrap();
            let chars: Vec<char> = chars.into_iter().filter(|c| *c != '[').collect();
            let from = italian_start(&chars, at, chars.len(), person);
            chars[from..].iter().collect::<String>()
        };
        assert_eq!(start("[La Lega", false), "Lega");
        assert_eq!(
            start("ministro degli [Esteri Antonio Tajani", true),
            "Antonio Tajani"
        );
        // Not a person: the governed noun stays ("della [Corte costituzionale]" is no case).
        assert_eq!(start("degli [Stati Uniti", false), "Stati Uniti");
        assert_eq!(start("[Giorgia Meloni", true), "Giorgia Meloni");
        assert_eq!(start("[La", false), "La");
        assert_eq!(start("[L'Inter", false), "Inter");
        assert_eq!(start("[dell’Atalanta", false), "Atalanta");
        assert_eq!(start("[D'Angelo", true), "D'Angelo");
        let text: Vec<char> = "detto a Messina, ad Ancona e da Roma".chars().collect();
        assert!(after_italian_a(&text, 8));
        assert!(after_italian_a(&text, 20));
        assert!(!after_italian_a(&text, 32));
    }

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
