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
            "Bibliothèque",
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
            "Musée",
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
            "Ayuntamiento",
            "Banco",
            "Biblioteca",
            "Cámara",
            "Comisión",
            "Comité",
            "Compañía",
            "Cártel",
            "Clan",
            "Confederación",
            "Congreso",
            "Consejo",
            "Corte",
            "Defensoría",
            "Diputación",
            "Ejército",
            "Federación",
            "Fiscalía",
            "Fondo",
            "Frente",
            "Fundación",
            "Grupo",
            "Instituto",
            "Junta",
            "Ministerio",
            "Movimiento",
            "Museo",
            "Organización",
            "Parlamento",
            "Pacto",
            "Partido",
            "Procuraduría",
            "Registraduría",
            "Senado",
            "Sindicato",
            "Sociedad",
            "Tribunal",
            "Unidad",
            "Universidad",
            // Clubs: "Atlético de Madrid", "Real Betis", "Racing de Santander".
            "Atlético",
            "Deportivo",
            "Racing",
            "Real",
            "Sporting",
        ],
        "it" => &[
            "Accademia",
            "Aeronautica",
            "Aeroporti",
            "Agenzia",
            "Alleanza",
            "Associazione",
            "Autorità",
            "Azienda",
            "Banca",
            "Camera",
            "Capitaneria",
            "Comando",
            "Comitato",
            "Centro",
            "Commissione",
            "Compagnia",
            "Comune",
            "Confederazione",
            "Conferenza",
            "Consiglio",
            "Consorzio",
            "Corpo",
            "Corte",
            "Dipartimento",
            "Direzione",
            "Ente",
            "Esercito",
            "Federazione",
            "Fratelli",
            "Fondazione",
            "Fondo",
            "Gruppo",
            "Guardia",
            "Ispettorato",
            "Istituto",
            "Marina",
            "Ministero",
            "Movimento",
            "Organizzazione",
            "Parlamento",
            "Partito",
            "Polizia",
            "Procura",
            "Protezione",
            "Provincia",
            "Regione",
            "Rete",
            "Scuola",
            "Senato",
            "Servizio",
            "Sindacato",
            "Soccorso",
            "Società",
            "Tar",
            "Tribunale",
            "Ufficio",
            "Unione",
            "Università",
            "Vigili",
        ],
        "pt" => &[
            "Agência",
            "Assembleia",
            "Associação",
            "Autoridade",
            "Banco",
            "Biblioteca",
            "Bloco",
            "Câmara",
            "Comissão",
            "Confederação",
            "Conselho",
            "Federação",
            "Fundação",
            "Guarda",
            "Instituto",
            "Ministério",
            "Museu",
            "Partido",
            "Polícia",
            "Procuradoria",
            "Sindicato",
            "Supremo",
            "Tribunal",
            "Universidade",
            // Clubs named after their town: "Sporting de Braga", "Vitória de Guimarães".
            "Sporting",
            "Vitória",
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
    // An elided article or preposition: "L'Inter", "dell'Atalanta" ("D'Angelo" is a name, and
    // so is a capitalised one inside a sentence: "Marcello Dell'Utri", "al Dall'Ara").
    if let Some((head, rest)) = span.split_once(['\'', '’'])
        && ITALIAN_ELIDED.contains(&head.to_lowercase().as_str())
        && rest.starts_with(char::is_uppercase)
        && !capital_elision_inside_sentence(chars, start)
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
    // An adverb or a conjunction opening the sentence ("Anche Italia Viva si è detta").
    let opener = ITALIAN_OPENERS.contains(&words[0])
        && super::spans::mark_before(chars, start)
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '«'));
    let drop_first = ITALIAN_LEADING.contains(&words[0])
        || opener
        || (person && governed && words.len() >= 3 && words[2].starts_with(char::is_uppercase));
    if drop_first {
        start + words[0].chars().count() + 1
    } else {
        start
    }
}

/// Capitalised words that open an Italian sentence before a name without being part of it:
/// adverbs, conjunctions, prepositions, days.
const ITALIAN_OPENERS: [&str; 46] = [
    "Secondo",
    "Meglio",
    "Peggio",
    "Inoltre",
    "Infine",
    "Persino",
    "Perfino",
    "Anche",
    "Ieri",
    "Oggi",
    "Domani",
    "Ora",
    "Intanto",
    "Dopo",
    "Prima",
    "Mentre",
    "Così",
    "Poi",
    "Già",
    "Solo",
    "Ma",
    "Se",
    "Quando",
    "Dove",
    "Perché",
    "Tra",
    "Fra",
    "Da",
    "Di",
    "Su",
    "Senza",
    "Contro",
    "Verso",
    "Oltre",
    "Ecco",
    "Sempre",
    "Ancora",
    "Invece",
    "Lunedì",
    "Martedì",
    "Mercoledì",
    "Giovedì",
    "Venerdì",
    "Sabato",
    "Domenica",
    "Stasera",
];

/// `start` of a one-word Italian organisation with the capitalised word that opens its
/// sentence right before it, which the model left out ("[Intesa] Sanpaolo ha chiuso"): a
/// company's first word, unless it is an article, a preposition, an adverb, a day, a title, a
/// first name or a place.
pub(super) fn with_sentence_opening_word(chars: &[char], start: usize, end: usize) -> usize {
    let Some(first) = word_before(chars, start) else {
        return start;
    };
    let word: String = chars[first.0..first.1].iter().collect();
    let opens = super::spans::mark_before(chars, first.0)
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '«'));
    let joins = opens
        && !chars[start..end].contains(&' ')
        && word.starts_with(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && !word.ends_with("mente")
        && !ITALIAN_LEADING.contains(&word.as_str())
        && !ITALIAN_OPENERS.contains(&word.as_str())
        && !super::titles::title_words("it").contains(&word.to_lowercase().as_str())
        && !super::names::is_first_name(&word)
        && super::gazetteer::lookup(&word, "it").is_none();
    if joins { first.0 } else { start }
}

/// `start` of an Italian name with a "+" glued before it ("di +Europa", the party): the sign is
/// part of the name, which the tokenizer split off.
pub(super) fn with_glued_plus(chars: &[char], start: usize) -> usize {
    let glued = start > 0
        && chars[start - 1] == '+'
        && (start == 1 || chars[start - 2].is_whitespace() || chars[start - 2] == '(');
    if glued { start - 1 } else { start }
}

/// An Italian area named by "Alto"/"Alta"/"Basso"/"Bassa" and a capitalised name ("Alto
/// Adige", "Bassa Padana", "Alta Irpinia"): a place, which the model types as an organisation.
pub(super) fn names_an_upper_or_lower_area(name: &str) -> bool {
    let mut words = name.split(' ');
    let first = words.next().unwrap_or("");
    ["Alto", "Alta", "Basso", "Bassa"].contains(&first)
        && words
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.next().is_none()
}

/// A span ending in a capitalised noun of a firm's kind ("Bper Banca"), whose first word is no
/// first name, or two names joined by "&" ("Dolce & Gabbana"): a company.
pub(super) fn names_an_italian_firm(name: &str) -> bool {
    if name.contains(" & ") {
        return true;
    }
    let words: Vec<&str> = name.split(' ').collect();
    words.len() >= 2
        && !super::names::is_first_name(words[0])
        && words.last().is_some_and(|w| {
            [
                "Banca",
                "Bank",
                "Gruppo",
                "Group",
                "Holding",
                "Assicurazioni",
                "Spa",
            ]
            .contains(w)
        })
}

/// The word at `start` is a capitalised elided preposition ("Dall'", "Dell'") inside a sentence:
/// written so, it belongs to the name after it.
fn capital_elision_inside_sentence(chars: &[char], start: usize) -> bool {
    let head: String = chars[start..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .collect();
    chars[start].is_uppercase()
        && matches!(chars.get(start + head.chars().count()), Some('\'' | '’'))
        && ["dall", "dell", "sull", "nell"].contains(&head.to_lowercase().as_str())
        && super::spans::mark_before(chars, start)
            .is_some_and(|c| !matches!(c, '.' | '!' | '?' | ':' | '"' | '«'))
}

/// `start` of an Italian mention taken after a capitalised elided preposition inside a
/// sentence ("al Dall'[Ara]"), moved back over it.
pub(super) fn with_capital_elision(chars: &[char], start: usize) -> usize {
    if start < 2 || !matches!(chars[start - 1], '\'' | '’') {
        return start;
    }
    match article_before(chars, start) {
        Some((from, _)) if capital_elision_inside_sentence(chars, from) => from,
        _ => start,
    }
}

/// `start` of an Italian person's name the model cut to its surname after a title ("la
/// senatrice Liliana [Segre]"): the capitalised word before it, which no list of first names
/// need hold, when a title noun comes right before that word and no place is named so.
pub(super) fn first_name_after_title(chars: &[char], start: usize, end: usize) -> Option<usize> {
    if chars[start..end].contains(&' ') {
        return None;
    }
    let first = word_before(chars, start)?;
    let title = word_before(chars, first.0)?;
    let word: String = chars[first.0..first.1].iter().collect();
    let lower_rest = word.chars().skip(1).all(|c| c.is_lowercase());
    let title: String = chars[title.0..title.1].iter().collect();
    (word.starts_with(char::is_uppercase)
        && lower_rest
        && word.chars().count() > 2
        && super::titles::title_words("it").contains(&title.as_str())
        && super::gazetteer::lookup(&word, "it").is_none())
    .then_some(first.0)
}

/// An Italian town named with an elided "d'" ("Cortina d'Ampezzo", "Pomigliano d'Arco"):
/// a person's name writes its particle capitalised ("Massimo D'Alema").
pub(super) fn is_town_with_elided_di(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    words.len() == 2
        && words[1]
            .strip_prefix("d'")
            .or_else(|| words[1].strip_prefix("d’"))
            .is_some_and(|rest| rest.starts_with(char::is_uppercase))
}

/// `start` of a French mention without the preposition the model took with it ("En
/// Bretagne", "Au Québec"), or without the article of a sentence's first word ("La Loire
/// est"), unless the gazetteer knows the whole ("Le Havre") or the article is inside a name in
/// mid-sentence ("par La France insoumise").
pub(super) fn french_start(chars: &[char], start: usize, end: usize) -> usize {
    let span: String = chars[start..end].iter().collect();
    let Some((first, rest)) = span.split_once(' ') else {
        return start;
    };
    if !rest.starts_with(char::is_uppercase) {
        return start;
    }
    let preposition = ["En", "Au", "Aux", "À"].contains(&first);
    let opens =
        super::spans::mark_before(chars, start).is_none_or(|c| matches!(c, '.' | '!' | '?'));
    let article = ["La", "Le", "Les"].contains(&first)
        && opens
        && super::gazetteer::lookup(&span, "fr").is_none();
    if preposition || article {
        start + first.chars().count() + 1
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
            "río",
            "estrecho de",
            "sierra de",
            "valle de",
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
            "barrio de",
            "barrio de la",
            "comarca de",
            "comarca del",
            "vecinos de",
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
            "torrente",
            "lago di",
            "lago",
            "stretto di",
            "passo del",
            "passo dello",
            "passo di",
            "valico del",
            "valico di",
            "statale del",
            "statale della",
            "traforo del",
            "monte",
            "piedi del",
            "pendici del",
            "cratere del",
            "vetta del",
            "cima del",
            "massiccio del",
            "pista",
            "quartiere",
            "contrada",
            "frazione di",
        ],
        "pt" => &[
            "rio",
            "serra da",
            "serra de",
            "bacia de",
            "cidade de",
            "vila de",
            "concelho de",
            "distrito de",
            "município de",
            "freguesia de",
            "região de",
            "ilha de",
        ],
        "nl" => &["rivier", "provincie", "gemeente", "stad", "dorp", "regio"],
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

/// Italian "a" right before `start` says where ("a Messina", "ad Ancona", "A Maranello"). Before a person
/// it is a dative ("ha chiesto a Meloni"): the caller moves only what the model took for an
/// organisation.
pub(super) fn after_italian_a(chars: &[char], start: usize) -> bool {
    let before: String = chars[start.saturating_sub(4)..start].iter().collect();
    let word = before.strip_suffix(' ').and_then(|b| b.rsplit(' ').next());
    matches!(word, Some("a" | "ad" | "A" | "Ad"))
}

/// Italian "al", "allo" or "all'" right before `start` ("al Maradona", "all'Olimpico"): the
/// press puts no article before a person's name, and puts one before a stadium or a landmark
/// named after a person.
pub(super) fn after_italian_al(chars: &[char], start: usize) -> bool {
    article_before(chars, start).is_some_and(|(_, w)| matches!(w.as_str(), "al" | "allo" | "all"))
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
    let several = words.next().is_some();
    if several && org_heads(language).contains(&first) || lone_org_words(language).contains(&name) {
        return Some("ORG");
    }
    if several && place_heads(language).contains(&first) {
        return Some("LOCATION");
    }
    if after_organisation_noun(language, chars, start) {
        return Some("ORG");
    }
    after_place_phrase(language, chars, start).then_some("LOCATION")
}

/// A phrase of [`place_phrases`] right before `start` ("il fiume Tevere", "il passo del Tonale").
pub(super) fn after_place_phrase(language: &str, chars: &[char], start: usize) -> bool {
    let before: String = chars[start.saturating_sub(30)..start]
        .iter()
        .collect::<String>()
        .to_lowercase();
    place_phrases(language)
        .iter()
        .any(|phrase| ends_with_phrase(&before, phrase))
}

/// Lower-case nouns that put the name after them in an organisation's role ("la società
/// Fincantieri", "el grupo hotelero Meliá", "la patronal CEOE").
fn organisation_nouns(language: &str) -> &'static [&'static str] {
    match language {
        "it" => &[
            "gruppo",
            "società",
            "azienda",
            "compagnia",
            "colosso",
            "marchio",
            "banca",
            "sindacato",
            "sindacati",
            "partito",
            "club",
            "multinazionale",
        ],
        "es" => &[
            "empresa",
            "compañía",
            "grupo",
            "cadena",
            "firma",
            "multinacional",
            "petrolera",
            "eléctrica",
            "banco",
            "entidad",
            "aerolínea",
            "operadora",
            "constructora",
            "tecnológica",
            "sindicato",
            "sindicatos",
            "partido",
            "formación",
            "patronal",
            "club",
        ],
        _ => &[],
    }
}

/// An organisation noun right before the name at `start`, or before one lower-case word
/// (an adjective: "il gruppo siderurgico", "el grupo hotelero") that is no preposition.
fn after_organisation_noun(language: &str, chars: &[char], start: usize) -> bool {
    let nouns = organisation_nouns(language);
    if nouns.is_empty() {
        return false;
    }
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let Some(prev) = word_before(chars, start) else {
        return false;
    };
    if nouns.contains(&text(prev).as_str()) {
        return true;
    }
    let adjective = text(prev);
    adjective.chars().count() > 3
        && adjective.chars().all(char::is_lowercase)
        && !name_prepositions(language).contains(&adjective.as_str())
        && word_before(chars, prev.0).is_some_and(|noun| nouns.contains(&text(noun).as_str()))
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

/// First words that make a name of several words a place: landforms ("Valle d'Aosta",
/// "Campi Flegrei", "sierra de Gata" written as a name).
fn place_heads(language: &str) -> &'static [&'static str] {
    match language {
        "es" => &[
            "Sierra",
            "Valle",
            "Isla",
            "Islas",
            "Lago",
            "Golfo",
            "Monte",
            "Montes",
            "Comunidad",
        ],
        "it" => &[
            "Valle", "Val", "Campi", "Monte", "Lago", "Isola", "Isole", "Golfo", "Piana",
            "Palazzo", "Ponte", "Passo", "Parco", "Stretto", "Foro", "Piazza", "Stadio",
        ],
        _ => &[],
    }
}

/// One-word names of Spanish public bodies ("la Fiscalía", "el Ayuntamiento", "la Generalitat",
/// "ante el Supremo").
fn lone_org_words(language: &str) -> &'static [&'static str] {
    match language {
        "es" => &[
            "Ayuntamiento",
            "Fiscalía",
            "Generalitat",
            "Xunta",
            "Junta",
            "Diputación",
            "Supremo",
            "Constitucional",
            "Ejército",
            "Congreso",
            "Senado",
            "Parlamento",
            "Parlament",
        ],
        _ => &[],
    }
}

/// Prepositions inside an institution's or landform's name ("Corte dei conti", "Banco de
/// España").
fn name_prepositions(language: &str) -> &'static [&'static str] {
    match language {
        "es" => &["de", "del"],
        "it" => &["di", "del", "della", "dello", "dei", "degli", "delle"],
        _ => &[],
    }
}

/// A lower-case adjective that continues a name after its head noun ("Banca centrale europea",
/// "Protezione civile", "Direzione distrettuale antimafia"): by its ending, as the words of a
/// name are few and verbs rarely end so.
fn is_name_adjective(language: &str, word: &str) -> bool {
    let endings: &[&str] = match language {
        "es" => &[
            "al", "ales", "il", "iles", "eo", "ea", "ano", "ana", "ico", "ica", "ivo", "iva",
            "ario", "aria", "ense",
        ],
        "it" => &[
            "ale", "ali", "ile", "ili", "eo", "ea", "ei", "ee", "ano", "ana", "ani", "ane", "ese",
            "esi", "ico", "ica", "ici", "iche", "ivo", "iva", "ivi", "ive", "ario", "aria", "ari",
            "arie", "oma", "omo", "ino", "ina", "ante", "ente", "are", "iore", "iero", "iera",
        ],
        _ => return false,
    };
    word.chars().count() > 4
        && word.chars().all(char::is_lowercase)
        && (endings.iter().any(|e| word.ends_with(e)) || word.starts_with("anti"))
        // An adverb ("[Procura] finalmente"), not an adjective in "-ente".
        && !word.ends_with("mente")
}

/// The word starting at `at` (letters, digits, apostrophes, hyphens): its end.
fn word_end(chars: &[char], at: usize) -> usize {
    let mut end = at;
    while end < chars.len()
        && (chars[end].is_alphanumeric() || matches!(chars[end], '\'' | '’' | '-'))
    {
        end += 1;
    }
    end
}

/// The word before `start` when a single space separates them: (start, end).
fn word_before(chars: &[char], start: usize) -> Option<(usize, usize)> {
    if start < 2 || chars[start - 1] != ' ' {
        return None;
    }
    let end = start - 1;
    let from = super::word_start(chars, end, |c| {
        c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
    });
    (from < end).then_some((from, end))
}

/// The word after `end` when a single space separates them: (start, end).
fn word_after(chars: &[char], end: usize) -> Option<(usize, usize)> {
    if chars.get(end) != Some(&' ') {
        return None;
    }
    let to = word_end(chars, end + 1);
    (to > end + 1).then_some((end + 1, to))
}

/// "d'Aosta", "d’Italia": an elided "di" before a capitalised name.
fn is_elided_di(word: &[char]) -> bool {
    matches!(word, ['d' | 'D', '\'' | '’', c, ..] if c.is_uppercase())
}

/// The end of a Spanish or Italian name cut to `trimmed` at its first lower-case word, with the
/// lower-case words that belong to it put back up to `end` ("Corte dei conti", "Valle d'Aosta",
/// not "Instituto Geográfico Nacional registró").
pub(super) fn lower_case_words_of_name(
    language: &str,
    chars: &[char],
    start: usize,
    trimmed: usize,
    end: usize,
) -> usize {
    if !matches!(language, "es" | "it") || trimmed == end {
        return trimmed;
    }
    head_noun_name(
        language,
        chars,
        start,
        trimmed,
        false,
        super::names::is_first_name,
    )
    .filter(|&(from, ..)| from == start)
    .map_or(trimmed, |(_, to, _)| to.min(end))
}

/// Articles and prepositions with an article that Italian and Spanish put before a club named
/// after its town ("il Bologna", "dell'Empoli", "al Sevilla") and not before the town, which
/// takes none ("a Bologna", "di Empoli"). "al" and "nel" stay out in Italian: "al Cairo".
fn club_articles(language: &str) -> &'static [&'static str] {
    match language {
        "it" => &[
            "il", "lo", "la", "l", "del", "dello", "della", "dell", "dal", "dallo", "dalla",
            "dall", "sul", "sullo", "sulla", "sull", "col",
        ],
        "es" => &["el", "del", "al"],
        _ => &[],
    }
}

/// Prepositions after which a town is the place ("cittadini di Empoli", "vecinos de
/// Ponferrada"); "tra"/"entre" also join clubs ("tra Roma e Lazio").
fn town_prepositions(language: &str) -> &'static [&'static str] {
    match language {
        "it" => &["di", "a", "ad", "da", "in", "per", "su", "verso"],
        "es" => &["de", "en", "a", "desde", "hacia", "hasta", "para", "por"],
        _ => &[],
    }
}

/// The article or preposition right before `start`, lower-cased without its apostrophe
/// ("la Roma", "dell'Empoli"), and where it starts.
pub(super) fn article_before(chars: &[char], start: usize) -> Option<(usize, String)> {
    // An elided article ends at its apostrophe, another at the space before the name.
    if start == 0 || !matches!(chars[start - 1], '\'' | '’' | ' ') {
        return None;
    }
    let end = start - 1;
    let from = super::word_start(chars, end, char::is_alphabetic);
    (from < end).then(|| {
        (
            from,
            chars[from..end]
                .iter()
                .flat_map(|c| c.to_lowercase())
                .collect(),
        )
    })
}

/// Where a place named with its own capitalised article starts ("La Spezia", "L'Aquila", "El
/// Cairo") when the model or the article trimming left the article out of `name`.
pub(super) fn place_with_article(
    language: &str,
    chars: &[char],
    start: usize,
    name: &str,
) -> Option<usize> {
    let (from, _) = article_before(chars, start)?;
    let with_article: String = chars[from..start]
        .iter()
        .copied()
        .chain(name.chars())
        .collect();
    (chars[from].is_uppercase() && super::gazetteer::lookup(&with_article, language).is_some())
        .then_some(from)
}

/// What a one-word town or region the gazetteer knows is, by the word before it: a club after
/// a club article ("il Bologna"; "la Lazio" where the region is "il Lazio": an Italian region
/// not ending in -a after a feminine article), the place after a preposition, and a region
/// otherwise. None leaves the model's word.
pub(super) fn town_or_club(
    language: &str,
    chars: &[char],
    start: usize,
    name: &str,
    kind: super::gazetteer::PlaceKind,
) -> Option<&'static str> {
    use super::gazetteer::PlaceKind;
    if !matches!(language, "it" | "es") {
        return None;
    }
    // A town of several words is no club's name ("lo stabilimento di Termini Imerese").
    if name.contains(' ') {
        let after_preposition = language == "it"
            && kind == PlaceKind::City
            && article_before(chars, start)
                .is_some_and(|(_, w)| town_prepositions(language).contains(&w.as_str()));
        return after_preposition.then_some("LOCATION");
    }
    let word = article_before(chars, start).map(|(_, w)| w);
    let after = |words: &[&str]| word.as_deref().is_some_and(|w| words.contains(&w));
    // "dell'Aquila": the town's own article ("L'Aquila") elided into a preposition.
    let own_article = language == "it"
        && matches!(chars.get(start.wrapping_sub(1)), Some('\'' | '’'))
        && super::gazetteer::lookup(&format!("L'{name}"), language).is_some();
    match kind {
        PlaceKind::City if own_article => Some("LOCATION"),
        PlaceKind::City if word.is_none() && joined_to_a_town(language, chars, start, name) => {
            Some("LOCATION")
        }
        PlaceKind::City if after(club_articles(language)) => Some("ORG"),
        PlaceKind::City if after(town_prepositions(language)) => Some("LOCATION"),
        PlaceKind::Region
            if language == "it"
                && after(&["la", "della", "dalla", "alla", "sulla"])
                && !name.ends_with('a') =>
        {
            Some("ORG")
        }
        PlaceKind::Region => Some("LOCATION"),
        _ => None,
    }
}

/// An Italian town under 15,000 people the gazetteer knows, typed as an organisation after a
/// preposition of place, "tra"/"fra" or "e" after a place ("il gruppo di Agordo", "tra Ortisei
/// e Bressanone", "tra Reggio nell'Emilia e Guastalla"): the place (such towns' clubs are few,
/// and take an article).
pub(super) fn small_town_after_preposition(chars: &[char], start: usize, name: &str) -> bool {
    let Some((from, word)) = article_before(chars, start) else {
        return false;
    };
    let after_place = word == "e" && place_ends_at(chars, from.saturating_sub(1));
    (town_prepositions("it").contains(&word.as_str())
        || word == "tra"
        || word == "fra"
        || after_place)
        && super::gazetteer::lookup_with_towns(name, "it")
            .is_some_and(|p| p.kind == super::gazetteer::PlaceKind::Town)
}

/// The one to three words ending at `end` name a place the gazetteer knows, small towns too.
fn place_ends_at(chars: &[char], end: usize) -> bool {
    let in_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
    let mut from = end;
    for i in 0..3 {
        if i > 0 {
            if from == 0 || chars[from - 1] != ' ' {
                return false;
            }
            from -= 1;
        }
        let word = super::word_start(chars, from, in_word);
        if word == from {
            return false;
        }
        from = word;
        let name: String = chars[from..end].iter().collect();
        if name.starts_with(char::is_uppercase)
            && super::gazetteer::lookup_with_towns(&name, "it").is_some()
        {
            return true;
        }
    }
    false
}

/// An Italian town named with no article, joined by "e" to another town the gazetteer knows
/// ("Frosinone e Cremona sono le città"): a club takes its article ("il Frosinone").
fn joined_to_a_town(language: &str, chars: &[char], start: usize, name: &str) -> bool {
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let is_town = |w: (usize, usize)| {
        chars[w.0].is_uppercase()
            && super::gazetteer::lookup(&text(w), language)
                .is_some_and(|p| p.kind == super::gazetteer::PlaceKind::City)
    };
    let end = start + name.chars().count();
    let after = word_after(chars, end)
        .filter(|&w| text(w) == "e")
        .and_then(|w| word_after(chars, w.1))
        .is_some_and(is_town);
    let before = word_before(chars, start)
        .filter(|&w| text(w) == "e")
        .and_then(|w| word_before(chars, w.0))
        .is_some_and(is_town);
    language == "it" && (after || before)
}

/// Regions of several words the gazetteer knows ("Castilla y León", "Trentino-Alto Adige",
/// "Friuli Venezia Giulia"), which a model splits, types as an organisation or misses:
/// (start, end) in code points, the longest name from each capitalised word. Up to five words
/// joined by spaces, hyphens and the lower-case "y", "e", "de", "di".
pub(super) fn region_names(language: &str, chars: &[char], tag_from: usize) -> Vec<(usize, usize)> {
    if !matches!(language, "es" | "it") {
        return Vec::new();
    }
    let joins = ["y", "e", "de", "di"];
    let mut found = Vec::new();
    let mut at = tag_from;
    while at < chars.len() {
        if !chars[at].is_uppercase() || (at > 0 && chars[at - 1].is_alphanumeric()) {
            at += 1;
            continue;
        }
        // Ends of the run's words: capitalised words, a joining word only before another.
        let mut ends = Vec::new();
        let mut end = word_end(chars, at);
        ends.push(end);
        while ends.len() < 5 {
            let Some(next) = word_after(chars, end) else {
                break;
            };
            let word: String = chars[next.0..next.1].iter().collect();
            if chars[next.0].is_uppercase() {
                end = next.1;
            } else if let Some(after) = word_after(chars, next.1)
                && joins.contains(&word.as_str())
                && chars[after.0].is_uppercase()
            {
                end = after.1;
            } else {
                break;
            }
            ends.push(end);
        }
        let region = ends.iter().rev().find(|&&end| {
            let name: String = chars[at..end].iter().collect();
            name.contains([' ', '-'])
                && super::gazetteer::lookup(&name, language)
                    .is_some_and(|p| p.kind == super::gazetteer::PlaceKind::Region)
        });
        match region {
            Some(&end) => {
                found.push((at, end));
                at = end;
            }
            None => at = word_end(chars, at).max(at + 1),
        }
    }
    found
}

/// A one-word name the model took for a person's that is no first name, no place the gazetteer
/// knows and no surname of a person named in full in the text ("Istat", "Coldiretti",
/// "l'Inter"): news name a person in full before the surname alone, so it is an organisation.
pub(super) fn lone_word_no_one_bears(
    language: &str,
    name: &str,
    chars: &[char],
    spans: &[super::NamedSpan],
) -> bool {
    if name.contains(' ') || super::names::is_first_name(name) {
        return false;
    }
    // Some span ends in " " + name, compared in place (this runs for every lone word).
    let surname: Vec<char> = std::iter::once(' ').chain(name.chars()).collect();
    let borne = spans
        .iter()
        .any(|s| s.end <= chars.len() && chars[s.start..s.end].ends_with(&surname));
    !borne && super::gazetteer::lookup(name, language).is_none()
}

/// Names headed by an institution's or landform's noun that no mention covers ("la Protezione
/// civile", "il Consiglio europeo", "il Partito Democratico"): (start, end, label) in code
/// points. The head alone is no name: something of the name must follow it.
pub(super) fn names_by_head(
    language: &str,
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize, &'static str)> {
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for (start, end) in super::word_spans(chars, tag_from, char::is_alphabetic) {
        let word: String = chars[start..end].iter().collect();
        let headed = org_heads(language).contains(&word.as_str())
            || place_heads(language).contains(&word.as_str());
        if !headed || covered(start, end) || found.iter().any(|f| f.0 <= start && start < f.1) {
            continue;
        }
        if let Some((from, to, Some(label))) = head_noun_name(
            language,
            chars,
            start,
            end,
            false,
            super::names::is_first_name,
        ) && from == start
            && !covered(from, to)
        {
            found.push((from, to, if label == "ORG" { "ORG" } else { "LOCATION" }));
        }
    }
    found
}

/// A lone article, or a Spanish capitalised common noun of the state ("fiscal general del
/// Estado", "presidente del Gobierno"), which the press capitalises and a reader does not take
/// for a name.
pub(super) fn is_no_name(language: &str, span: &[char]) -> bool {
    let word: String = span.iter().collect();
    let no_names: &[&str] = match language {
        "es" => &[
            "El",
            "La",
            "Los",
            "Las",
            "Más",
            "Estado",
            "Gobierno",
            "Ejecutivo",
        ],
        // Articles, articulated prepositions and counts opening a sentence ("Alla cerimonia",
        // "Migliaia di persone").
        "it" => &[
            "Il",
            "La",
            "Lo",
            "I",
            "Gli",
            "Le",
            "L'",
            "L’",
            "Al",
            "Alla",
            "Allo",
            "Ai",
            "Agli",
            "Alle",
            "Nel",
            "Nella",
            "Nello",
            "Nei",
            "Negli",
            "Nelle",
            "Dal",
            "Dalla",
            "Dai",
            "Dagli",
            "Dalle",
            "Sul",
            "Sulla",
            "Sui",
            "Sugli",
            "Sulle",
            "Migliaia",
            "Centinaia",
            "Decine",
            "Due",
            "Tre",
            "Quattro",
            "Cinque",
            "Dieci",
        ],
        "pt" => &["O", "A", "Os", "As", "Governo", "Executivo"],
        _ => &[],
    };
    // A weapon's or aircraft's model code ("l'addestratore M-346") names no organisation.
    no_names.contains(&word.as_str()) || (language == "it" && super::slavic::is_model_code(&word))
}

/// `end` of a Portuguese body's name past the place it governs, which the model leaves out
/// ("Câmara Municipal" + "do Porto", "Câmara Municipal" + "de Setúbal").
pub(super) fn with_governed_place(
    language: &str,
    chars: &[char],
    start: usize,
    end: usize,
) -> usize {
    let first: String = chars[start..end]
        .iter()
        .take_while(|c| !c.is_whitespace())
        .collect();
    if language != "pt" || !org_heads(language).contains(&first.as_str()) {
        return end;
    }
    let Some(of) = word_after(chars, end) else {
        return end;
    };
    let governs = ["de", "do", "da", "dos", "das"]
        .contains(&chars[of.0..of.1].iter().collect::<String>().as_str());
    match word_after(chars, of.1) {
        Some(place) if governs && chars[place.0].is_uppercase() => place.1,
        _ => end,
    }
}

/// Capital abbreviations that open a club's name before its town ("AS Monaco", "RC Lens",
/// "SC Braga", "CD Leganés"): the town after one is the club.
const CLUB_ABBREVIATIONS: [&str; 11] = [
    "AS", "AC", "FC", "RC", "SC", "CF", "CD", "UD", "SD", "OGC", "SL",
];

/// The start of a club abbreviation right before the name at `start`, which the model left
/// out of the span ("AS" of "AS Monaco").
pub(super) fn club_abbreviation_before(chars: &[char], start: usize) -> Option<usize> {
    let (from, to) = word_before(chars, start)?;
    // After an elided article ("l’AS Monaco") the abbreviation starts past the apostrophe.
    let from = (from..to)
        .rfind(|&i| matches!(chars[i], '\'' | '’'))
        .map_or(from, |i| i + 1);
    let word: String = chars[from..to].iter().collect();
    CLUB_ABBREVIATIONS.contains(&word.as_str()).then_some(from)
}

/// Lower-case court nouns of the French press and the qualifiers that make one, with the
/// place after it, the name of a court ("le tribunal correctionnel de Paris", "la cour
/// d’appel de Douai"); a bare "tribunal de Paris" stays a common noun and a place.
const FRENCH_COURTS: [(&str, &[&str]); 2] = [
    (
        "tribunal",
        &[
            "correctionnel",
            "judiciaire",
            "administratif",
            "de commerce",
        ],
    ),
    (
        "cour",
        &["d’appel", "d'appel", "d’assises", "d'assises", "criminelle"],
    ),
];

/// A French court's name whose lower-case head noun is the word at (`start`, `end`): the head,
/// its qualifier, "de"/"du"/"de la" and the capitalised place ("tribunal correctionnel de
/// Paris"): (start, end) in code points.
pub(super) fn french_court(chars: &[char], (start, end): (usize, usize)) -> Option<(usize, usize)> {
    let head: String = chars[start..end].iter().collect();
    let (_, qualifiers) = FRENCH_COURTS.iter().find(|(noun, _)| *noun == head)?;
    let after: String = chars[end..(end + 40).min(chars.len())].iter().collect();
    let rest = after.strip_prefix(' ')?;
    let qualifier = qualifiers.iter().find(|q| rest.starts_with(*q))?;
    let rest = &rest[qualifier.len()..];
    let of = [" de la ", " du ", " de "]
        .into_iter()
        .find(|of| rest.starts_with(of))?;
    let place = end + 1 + qualifier.chars().count() + of.chars().count();
    if !chars.get(place).is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    let mut stop = place;
    while stop < chars.len()
        && (chars[stop].is_alphanumeric()
            || (matches!(chars[stop], '-' | '’' | '\'')
                && chars.get(stop + 1).is_some_and(|c| c.is_alphabetic())))
    {
        stop += 1;
    }
    Some((start, stop))
}

/// A Portuguese or Spanish minister's portfolio ("ministra do Trabalho", "ministro de
/// Economía") or the "República" of "Presidente da República": part of a title, not a name.
pub(super) fn names_a_portfolio(language: &str, chars: &[char], start: usize, end: usize) -> bool {
    if language == "it" {
        return names_an_italian_portfolio(chars, start, end);
    }
    let (titles, ofs): (&[&str], &[&str]) = match language {
        "pt" => (&["ministro", "ministra"], &["da", "do", "das", "dos"]),
        // "el ministro de Economía", "la consejera de Sanidad".
        "es" => (
            &["ministro", "ministra", "consejero", "consejera"],
            &["de", "del"],
        ),
        _ => return false,
    };
    let before: String = chars[start.saturating_sub(16)..start]
        .iter()
        .collect::<String>()
        .to_lowercase();
    // "<title> <of> " at the end, the title starting a word; no string built per pair.
    let portfolio = ofs.iter().any(|of| {
        before
            .strip_suffix(' ')
            .and_then(|b| b.strip_suffix(of))
            .and_then(|b| b.strip_suffix(' '))
            .is_some_and(|b| {
                titles.iter().any(|title| {
                    b.strip_suffix(title).is_some_and(|r| {
                        r.is_empty() || r.ends_with(|c: char| !c.is_alphanumeric())
                    })
                })
            })
    });
    let republic = ends_with_phrase(&before, "presidente da")
        && chars[start..end].iter().collect::<String>() == "República";
    portfolio || republic
}

/// An Italian verb in the infinitive ("chiesto al Parlamento di [rispettare]"): after a bare
/// "di" it governs the clause, it is no noun of the name before it.
fn is_italian_infinitive(word: &str) -> bool {
    ["are", "ere", "ire"].iter().any(|end| word.ends_with(end))
}

/// An Italian minister's or councillor's portfolio, one word after the title ("ministro delle
/// [Infrastrutture]", "ministra dell'[Economia]", "assessore alla [Mobilità]"): part of the
/// title, not a name. The ministry itself ("ministero dell'Interno") is one.
fn names_an_italian_portfolio(chars: &[char], start: usize, end: usize) -> bool {
    const TITLES: [&str; 6] = [
        "ministro",
        "ministra",
        "viceministro",
        "viceministra",
        "assessore",
        "assessora",
    ];
    const OF: [&str; 14] = [
        "del", "della", "dello", "delle", "degli", "dei", "dell'", "dell’", "al", "alla", "allo",
        "alle", "agli", "all'",
    ];
    if chars[start..end].contains(&' ') {
        return false;
    }
    // The span may hold the elided preposition ("dell'Economia") or not ("Economia").
    let text: String = chars[start.saturating_sub(24)..end]
        .iter()
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'");
    let Some(cut) = text.rfind([' ', '\'']) else {
        return false;
    };
    let mut words = text[..=cut].split_inclusive(' ').rev();
    let of = words.next().map(str::trim_end);
    let title = words.next().map(str::trim_end);
    of.is_some_and(|of| OF.contains(&of)) && title.is_some_and(|t| TITLES.contains(&t))
}

/// A name headed by an institution's or a landform's noun, completed over the words a model
/// cuts: the head and the governed words before the span ("Guardia di [Finanza]", "Provincia
/// autonoma di [Trento]", "Regione [Siciliana]"), lower-case adjectives, governed names and an
/// elided "di" after it ("[Banca] centrale europea", "[Corte] dei conti", "[Valle] d'Aosta").
/// Returns the new edges and the label its head proves (none for a name only extended over
/// "d'"); None when nothing changes. A person's name extends only as the one governed word after a head
/// and a preposition ("Guardia di Finanza"), never over a first name.
pub(super) fn head_noun_name(
    language: &str,
    chars: &[char],
    start: usize,
    end: usize,
    person: bool,
    is_first_name: impl Fn(&str) -> bool,
) -> Option<(usize, usize, Option<&'static str>)> {
    let heads = |w: &str| org_heads(language).contains(&w) || place_heads(language).contains(&w);
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let preps = name_prepositions(language);
    // A span the model ended on a link ("[Ministero dell'Economia e delle] Finanze") is
    // completed from the name before the link.
    let end = match language {
        "it" => without_dangling_link(chars, start, end),
        _ => end,
    };
    let one_word = !chars[start..end].contains(&' ');
    // Leftwards: [Head] [adjectives] [prep [article]] span.
    let mut from = start;
    let mut w = word_before(chars, start);
    let mut governed = false;
    if let Some(prev) = w
        && language == "es"
        && ["la", "las", "los"].contains(&text(prev).as_str())
        && word_before(chars, prev.0).is_some_and(|p| text(p) == "de")
    {
        w = word_before(chars, prev.0).and_then(|p| word_before(chars, p.0));
        governed = true;
    } else if let Some(prev) = w
        && preps.contains(&text(prev).as_str())
    {
        w = word_before(chars, prev.0);
        governed = true;
    }
    if governed {
        while let Some(adj) = w.filter(|&a| is_name_adjective(language, &text(a))) {
            w = word_before(chars, adj.0);
        }
    }
    if let Some(head) = w
        && heads(&text(head))
        && (governed || !person)
        && (!person || (one_word && !is_first_name(&text((start, end)))))
    {
        from = head.0;
    } else if person && !(language == "it" && one_word && heads(&text((start, end)))) {
        // A person's name is headed by no noun, but a head the model took for a person
        // ("[Corpo] nazionale soccorso alpino") still heads the words after it.
        return None;
    }
    let head = text((from, word_end(chars, from)));
    let headed = heads(&head);
    // Rightwards, over what continues the name.
    let mut to = end;
    let mut lower_noun = false;
    let mut capitals_only = from == start && one_word;
    // The span may end on the head's adjective already ("[Federazione italiana] sport").
    let last_word = chars[start..end].iter().rposition(|&c| c == ' ');
    let mut after_adjective = last_word.is_some_and(|at| chars[start + at + 1].is_lowercase());
    // Nor a proper name ("Fondazione [Cariplo]") before a plural verb ("finanziano").
    let mut after_capital = last_word.is_some_and(|at| chars[start + at + 1].is_uppercase());
    // The last complement's link and case, which an Italian "e" repeats ("Ministero
    // dell'Economia e delle Finanze", "per l'ordine e la sicurezza pubblica").
    let mut complement = match language {
        "it" => last_complement(chars, start, end),
        _ => None,
    };
    while let Some(next) = word_after(chars, to) {
        let word = text(next);
        let first = chars[next.0];
        if language == "it" && is_elided_di(&chars[next.0..next.1]) {
            to = next.1;
        } else if !headed {
            break;
        } else if language == "it"
            && !lower_noun
            && matches!(chars[next.0..next.1], ['d', '\'' | '’', c, _, _, ..] if c.is_lowercase())
        {
            // An elided "di" and a noun: "Corte d'appello", "Corte d'assise".
            to = next.1;
            lower_noun = true;
        } else if language == "it"
            && !lower_noun
            && after_adjective
            && word.chars().count() > 3
            && word.chars().all(char::is_lowercase)
            && !preps.contains(&word.as_str())
            && let Some(adjective) = word_after(chars, next.1)
                .filter(|&a| is_name_adjective(language, &text(a)) && !disagrees(&word, &text(a)))
        {
            // A noun and its adjective after the head's own adjective: "Federazione italiana
            // sport invernali", "Corpo nazionale soccorso alpino".
            to = adjective.1;
            lower_noun = true;
        } else if (capitals_only && first.is_uppercase() && !is_first_name(&word))
            || (!lower_noun
                && is_name_adjective(language, &word)
                && !(after_capital && language == "it" && word.ends_with("ano"))
                // A Spanish name puts its adjectives after its head, not after a proper name
                // in it: "Museo Reina Sofía [dedica]" ends on its verb.
                && !(after_capital && language == "es"))
            // Italian also after the governed noun ("Dipartimento della protezione civile"),
            // though not in "-ano"/"-ino", endings of plural verbs ("del fuoco lavorano").
            || (lower_noun
                && language == "it"
                && is_name_adjective(language, &word)
                && !word.ends_with("ano")
                && !word.ends_with("ino"))
        {
            to = next.1;
            after_adjective = first.is_lowercase();
            after_capital = first.is_uppercase();
        } else if language == "it"
            && let Some(noun) = italian_complement(chars, next, &word, after_adjective)
        {
            // "dell'Economia", "dell'ordine", "per l'ordine", "per la sicurezza".
            let (link, (from, noun_end)) = noun;
            let capital = chars[from].is_uppercase();
            if capital && !is_first_name(&text((from, noun_end))) {
                after_capital = true;
            } else if !capital && !lower_noun && noun_end - from > 3 {
                lower_noun = true;
            } else {
                break;
            }
            to = noun_end;
            complement = Some((link, capital));
        } else if language == "it"
            && matches!(word.as_str(), "e" | "ed")
            && let Some((link, capital)) = complement
            && let Some(last) = italian_coordinated(chars, next.1, link, capital, &is_first_name)
        {
            to = last;
            break;
        } else if preps.contains(&word.as_str()) {
            let mut name = word_after(chars, next.1);
            if language == "es"
                && let Some(article) =
                    name.filter(|&a| ["la", "las", "los"].contains(&text(a).as_str()))
            {
                name = word_after(chars, article.1);
            }
            let Some(name) = name else { break };
            let link = (word != "di").then_some(Link::Of);
            if chars[name.0].is_uppercase() && !is_first_name(&text(name)) {
                to = name.1;
                after_capital = true;
                complement = link.map(|l| (l, true));
                let mut more = word_after(chars, to);
                while let Some(m) = more.filter(|&m| chars[m.0].is_uppercase()) {
                    to = m.1;
                    more = word_after(chars, to);
                }
            } else if language == "it"
                && !lower_noun
                && chars[name.0].is_lowercase()
                && name.1 - name.0 > 3
                && !(word == "di" && is_italian_infinitive(&text(name)))
            {
                to = name.1;
                lower_noun = true;
                complement = link.map(|l| (l, false));
            } else {
                break;
            }
        } else if lower_noun && word == "e" {
            // "di geofisica e vulcanologia", the name's last words before a punctuation mark.
            let Some(last) = word_after(chars, next.1) else {
                break;
            };
            let closes = chars
                .get(last.1)
                .is_none_or(|c| matches!(c, '.' | ',' | ';' | ')'))
                || (language == "it"
                    && word_after(chars, last.1)
                        .is_some_and(|v| ITALIAN_AUXILIARIES.contains(&text(v).as_str())));
            if chars[last.0].is_lowercase() && (closes || is_name_adjective(language, &text(last)))
            {
                to = last.1;
            }
            break;
        } else {
            break;
        }
        capitals_only = false;
    }
    let label = if org_heads(language).contains(&head.as_str()) {
        Some("ORG")
    } else {
        headed.then_some("LOC")
    };
    ((from, to) != (start, end)).then_some((from, to, label))
}

/// Italian auxiliaries that follow a name as its verb ("l'Istituto nazionale di geofisica e
/// vulcanologia ha registrato"): the word before them ends the name.
const ITALIAN_AUXILIARIES: [&str; 8] = ["ha", "hanno", "è", "sono", "era", "aveva", "sarà", "avrà"];

/// How an Italian body's name links a complement to its head: "di" with an article ("delle
/// Finanze", "dell'Economia"), or "per" with one ("per l'ordine").
#[derive(Clone, Copy, PartialEq)]
enum Link {
    Of,
    ForThe,
}

/// `end` of an Italian span without the "e", "per", articles and prepositions it ends on.
fn without_dangling_link(chars: &[char], start: usize, mut end: usize) -> usize {
    while let Some(space) = chars[start..end].iter().rposition(|&c| c == ' ') {
        let last: String = chars[start + space + 1..end].iter().collect();
        let link = matches!(last.as_str(), "e" | "ed" | "di" | "per")
            || ITALIAN_OF_THE.contains(&last.as_str())
            || ITALIAN_ARTICLES.contains(&last.as_str());
        if !link {
            break;
        }
        end = start + space;
    }
    end
}

/// The complement an Italian span ends on ("Ministero [dell'Economia]", "Autorità garante
/// [della concorrenza]"): its link and whether it is capitalised.
fn last_complement(chars: &[char], start: usize, end: usize) -> Option<(Link, bool)> {
    let words: Vec<String> = chars[start..end]
        .iter()
        .collect::<String>()
        .split(' ')
        .map(|w| w.replace('’', "'"))
        .collect();
    let last = words.last()?;
    let noun = match last.strip_prefix("dell'") {
        Some(noun) => noun,
        None if words.len() >= 3 && ITALIAN_OF_THE.contains(&words[words.len() - 2].as_str()) => {
            last
        }
        None => return None,
    };
    let initial = noun.chars().next()?;
    Some((Link::Of, initial.is_uppercase()))
}

/// "di" merged with an article ("della", "dell'"), and the bare articles.
const ITALIAN_OF_THE: [&str; 6] = ["del", "della", "dello", "dei", "degli", "delle"];
const ITALIAN_ARTICLES: [&str; 6] = ["il", "lo", "la", "i", "gli", "le"];

/// The noun after a link that starts at `at` (`link_word` its first word): an elided "dell'"
/// or "l'" glued to it, or an article before it. (start, end) of the noun.
fn after_link(
    chars: &[char],
    (at, end): (usize, usize),
    link_word: &str,
    articles: &[&str],
    elided: &str,
) -> Option<(usize, usize)> {
    let apostrophe = elided.chars().count();
    let glued = link_word
        .replace('’', "'")
        .strip_prefix(elided)
        .is_some_and(|rest| !rest.is_empty());
    if glued {
        return Some((at + apostrophe, end));
    }
    articles
        .contains(&link_word)
        .then(|| word_after(chars, end))
        .flatten()
}

/// A complement of an Italian body's name at the word `next` (`word`): "dell'" glued to its
/// noun, or, after the head's adjective, "per" with an article and a noun ("Comitato
/// nazionale per l'ordine"). The link and the noun's (start, end).
fn italian_complement(
    chars: &[char],
    next: (usize, usize),
    word: &str,
    after_adjective: bool,
) -> Option<(Link, (usize, usize))> {
    if let Some(noun) = after_link(chars, next, word, &[], "dell'") {
        return Some((Link::Of, noun));
    }
    if word != "per" || !after_adjective {
        return None;
    }
    let link = word_after(chars, next.1)?;
    let link_word: String = chars[link.0..link.1].iter().collect();
    after_link(chars, link, &link_word, &ITALIAN_ARTICLES, "l'").map(|n| (Link::ForThe, n))
}

/// The end of a complement joined by "e" to the last one of an Italian body's name, linked
/// the same way and written in the same case ("dell'Economia e delle Finanze", "della
/// concorrenza e del mercato", "per l'ordine e la sicurezza pubblica"), when the name ends
/// there: before a mark or an auxiliary. `at` is the end of the "e".
fn italian_coordinated(
    chars: &[char],
    at: usize,
    link: Link,
    capital: bool,
    is_first_name: &impl Fn(&str) -> bool,
) -> Option<usize> {
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let link_word = word_after(chars, at)?;
    let word = text(link_word);
    let (from, mut to) = match link {
        Link::Of => after_link(chars, link_word, &word, &ITALIAN_OF_THE, "dell'")?,
        Link::ForThe => after_link(chars, link_word, &word, &ITALIAN_ARTICLES, "l'")?,
    };
    let noun = text((from, to));
    let same_case = if capital {
        noun.starts_with(char::is_uppercase) && !is_first_name(&noun)
    } else {
        noun.chars().count() > 3 && noun.chars().all(char::is_lowercase)
    };
    if !same_case {
        return None;
    }
    while let Some(adjective) = word_after(chars, to).filter(|&a| is_name_adjective("it", &text(a)))
    {
        to = adjective.1;
    }
    let closes = chars
        .get(to)
        .is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | ')'))
        || word_after(chars, to).is_some_and(|v| ITALIAN_AUXILIARIES.contains(&text(v).as_str()));
    closes.then_some(to)
}

/// An Italian noun in the singular feminine ("-a") before an adjective in the plural feminine:
/// no noun and its adjective, but a verb and its object ("Protezione civile [segnala frane]").
fn disagrees(noun: &str, adjective: &str) -> bool {
    noun.ends_with('a')
        && ["ane", "ine", "iche", "ive", "ee", "arie", "ali", "ili"]
            .iter()
            .any(|e| adjective.ends_with(e))
}

/// A one-word name the model took for a place, which the gazetteer does not know, in a
/// company's or a party's position: after a bare Portuguese article ("a Galp", "o Chega":
/// Portuguese towns take none, and countries and regions it knows) or the Spanish feminine
/// one ("la Aemet"), or, in Spanish and
/// Portuguese, opening a sentence before a lower-case word that is no preposition
/// ("Telefónica cerrará"). Rivers and small towns in these positions are rarer than firms.
pub(super) fn company_in_place_of_town(
    language: &str,
    chars: &[char],
    (start, end): (usize, usize),
    name: &str,
) -> bool {
    if !matches!(language, "es" | "pt")
        || name.contains(' ')
        || super::gazetteer::lookup(name, language).is_some()
    {
        return false;
    }
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let before = word_before(chars, start).map(text);
    // Spanish rivers and regions take "el" ("el Ebro"), firms and agencies often "la".
    let article = match language {
        "pt" => matches!(before.as_deref(), Some("a" | "o" | "A" | "O")),
        _ => matches!(before.as_deref(), Some("la" | "La")),
    };
    if article {
        return true;
    }
    let opens_sentence = start == 0
        || (start >= 2 && chars[start - 1] == ' ' && matches!(chars[start - 2], '.' | '!' | '?'));
    let verb_after = word_after(chars, end).is_some_and(|w| {
        let word = text(w);
        word.chars().all(char::is_lowercase)
            && !matches!(
                word.as_str(),
                "de" | "del" | "do" | "da" | "dos" | "das" | "y" | "e" | "en" | "em" | "no" | "na"
            )
    });
    opens_sentence && verb_after
}

/// Lower-case nouns of a person's office or trade that French, Spanish and Portuguese news put
/// right before a full name ("el juez Santiago Pedraz", "o treinador Francesco Farioli") or
/// before it and a comma ("o governador de São Paulo, Tarcísio de Freitas").
fn person_nouns(language: &str) -> &'static [&'static str] {
    match language {
        "es" => &[
            "presidente",
            "presidenta",
            "vicepresidente",
            "vicepresidenta",
            "expresidente",
            "expresidenta",
            "ministro",
            "ministra",
            "exministro",
            "exministra",
            "juez",
            "jueza",
            "fiscal",
            "alcalde",
            "alcaldesa",
            "consejero",
            "consejera",
            "diputado",
            "diputada",
            "senador",
            "senadora",
            "portavoz",
            "secretario",
            "secretaria",
            "director",
            "directora",
            "entrenador",
            "técnico",
            "delantero",
            "centrocampista",
            "portero",
            "líder",
            "escritor",
            "escritora",
            "actor",
            "actriz",
        ],
        "pt" => &[
            "presidente",
            "primeiro-ministro",
            "primeira-ministra",
            "ministro",
            "ministra",
            "governador",
            "governadora",
            "prefeito",
            "prefeita",
            "juiz",
            "juíza",
            "relator",
            "relatora",
            "deputado",
            "deputada",
            "secretário-geral",
            "secretária-geral",
            "porta-voz",
            "diretor",
            "diretora",
            "treinador",
            "técnico",
            "avançado",
            "atacante",
            "médio",
            "líder",
            "escritor",
            "escritora",
            "ator",
            "atriz",
            "realizador",
        ],
        "fr" => &[
            "président",
            "présidente",
            "ministre",
            "juge",
            "maire",
            "préfet",
            "préfète",
            "procureur",
            "député",
            "députée",
            "sénateur",
            "sénatrice",
            "porte-parole",
            "directeur",
            "directrice",
            "entraîneur",
            "sélectionneur",
            "attaquant",
            "romancier",
            "romancière",
            "écrivain",
            "acteur",
            "actrice",
        ],
        _ => &[],
    }
}

/// Full names after a person noun (`person_nouns`), directly or after its complement and a
/// comma: (start, end) in code points. A name is two to five words, capitalised but for the
/// particles inside it ("Maria do Rosário Palma Ramalho"), ending before a lower-case word or
/// a mark.
pub(super) fn names_after_person_nouns(
    language: &str,
    chars: &[char],
    tag_from: usize,
) -> Vec<(usize, usize)> {
    let nouns = person_nouns(language);
    if nouns.is_empty() {
        return Vec::new();
    }
    let particles = [
        "de", "da", "do", "dos", "das", "del", "la", "le", "des", "du", "e", "y",
    ];
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let capital = |w: (usize, usize)| chars[w.0].is_uppercase();
    let mut found = Vec::new();
    for noun in super::word_spans(chars, tag_from, |c| c.is_alphabetic() || c == '-') {
        if !nouns.contains(&text(noun).as_str()) {
            continue;
        }
        // The name's first word: right after the noun, or after its complement ("de São
        // Paulo", "do Trabalho") and a comma.
        let mut at = noun.1;
        if let Some(p) = word_after(chars, at)
            && matches!(
                text(p).as_str(),
                "de" | "del" | "do" | "da" | "dos" | "das" | "des" | "du"
            )
        {
            at = p.1;
            for _ in 0..6 {
                match word_after(chars, at) {
                    Some(w) if capital(w) || particles.contains(&text(w).as_str()) => at = w.1,
                    _ => break,
                }
            }
        }
        if chars.get(at) == Some(&',') {
            at += 1;
        } else if at != noun.1 {
            continue;
        }
        let Some(first) = word_after(chars, at).filter(|&w| capital(w)) else {
            continue;
        };
        let (mut end, mut capitals, mut words) = (first.1, 1, 1);
        while let Some(w) = word_after(chars, end) {
            let word = text(w);
            if capital(w) {
                capitals += 1;
            } else if !particles.contains(&word.as_str())
                || !word_after(chars, w.1).is_some_and(capital)
            {
                break;
            }
            end = w.1;
            words += 1;
        }
        // A name ends before a lower-case word or a mark; its last word ends in a letter.
        let ends_cleanly = chars.get(end).is_none_or(|c| !c.is_alphanumeric());
        if capitals >= 2 && words <= 5 && ends_cleanly && chars[end - 1].is_alphabetic() {
            found.push((first.0, end));
        }
    }
    found
}

/// Nouns of a company's business that the Italian press puts before its name with "di" or
/// "in" ("l'acquisizione di Mediobanca", "la quota in Tim", "gli appalti dell'Asl"): a place
/// is not bought, held or audited.
const ITALIAN_BUSINESS_BEFORE: [&str; 14] = [
    "acquisizione",
    "azionisti",
    "soci",
    "vertici",
    "conti",
    "titolo",
    "quota",
    "quote",
    "cda",
    "appalti",
    "dipendenti",
    "fusione",
    "controllo",
    "scalata",
];

/// Nouns of a company's results or deals that, a few words after "ha" or "hanno", make the
/// subject before them a company ("Monte dei Paschi ha completato l'acquisizione").
const ITALIAN_BUSINESS_AFTER: [&str; 11] = [
    "acquisizione",
    "trimestre",
    "semestre",
    "ricavi",
    "utili",
    "fatturato",
    "dividendo",
    "azionisti",
    "bilancio",
    "commesse",
    "ordini",
];

/// An Italian name the gazetteer does not know as a place, in a company's position: after a
/// noun of its business and "di"/"in", or as the subject of "ha"/"hanno" with a noun of
/// results or deals a few words on in its sentence.
pub(super) fn italian_company_context(
    chars: &[char],
    (start, end): (usize, usize),
    name: &str,
) -> bool {
    if super::gazetteer::lookup(name, "it").is_some() {
        return false;
    }
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    // "di Mediobanca", "in Tim", or the elided "dell'Asl".
    let preposition = if start >= 1 && matches!(chars[start - 1], '\'' | '’') {
        article_before(chars, start)
            .filter(|(_, a)| ITALIAN_ELIDED.contains(&a.as_str()))
            .map(|(from, _)| from)
    } else {
        word_before(chars, start)
            .filter(|&w| {
                matches!(
                    text(w).as_str(),
                    "di" | "del" | "della" | "dello" | "in" | "nel" | "nella"
                )
            })
            .map(|w| w.0)
    };
    // The noun may carry an elided article: "l'acquisizione di".
    let noun = preposition.and_then(|p| word_before(chars, p)).map(text);
    if let Some(noun) = noun
        && ITALIAN_BUSINESS_BEFORE.contains(&noun.rsplit(['\'', '’']).next().unwrap_or_default())
    {
        return true;
    }
    let Some(verb) = word_after(chars, end) else {
        return false;
    };
    if !matches!(text(verb).as_str(), "ha" | "hanno") {
        return false;
    }
    within_six_words(chars, verb.1, |w| ITALIAN_BUSINESS_AFTER.contains(&w))
}

/// Whether one of the six words after `from`, before the clause ends, meets `wanted`.
fn within_six_words(chars: &[char], from: usize, wanted: impl Fn(&str) -> bool) -> bool {
    let rest: String = chars[from..]
        .iter()
        .take_while(|c| !matches!(c, '.' | ';' | ':' | '!' | '?'))
        .collect();
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .any(wanted)
}

/// A name opening its sentence as the subject of "ha chiuso", "ha registrato" or "ha
/// archiviato" with a period or a result a few words on ("Salvatore Ferragamo ha chiuso il
/// trimestre con ricavi in calo"): a company named like its founder. People close no quarter.
pub(super) fn firm_reporting_results(chars: &[char], (start, end): (usize, usize)) -> bool {
    let opens = super::spans::mark_before(chars, start)
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '«'));
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let Some(verb) = word_after(chars, end).filter(|&w| text(w) == "ha") else {
        return false;
    };
    let Some(participle) = word_after(chars, verb.1) else {
        return false;
    };
    if !opens
        || !matches!(
            text(participle).as_str(),
            "chiuso" | "registrato" | "archiviato"
        )
    {
        return false;
    }
    within_six_words(chars, participle.1, |w| {
        ITALIAN_BUSINESS_AFTER.contains(&w) || matches!(w, "vendite" | "esercizio")
    })
}

/// Lower-case words inside an Italian place's name ("Castel di Sangro", "Reggio nell'Emilia",
/// "Sesto San Giovanni"), elided ones with their apostrophe.
const ITALIAN_PLACE_LINKS: [&str; 14] = [
    "di", "del", "della", "dei", "delle", "de", "d", "in", "sul", "sulla", "al", "nell", "dell",
    "sull",
];

/// Spans the model cut short of a place the gazetteer knows, small towns too ("[San Donato]
/// Milanese", "[Reggio] nell'[Emilia]"), widened over up to three more words into the
/// place, with the spans inside it.
pub(super) fn towns_named_in_full(
    chars: &[char],
    spans: Vec<super::NamedSpan>,
) -> Vec<super::NamedSpan> {
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let mut widened: Vec<super::NamedSpan> = Vec::with_capacity(spans.len());
    for span in &spans {
        if span.end > chars.len() || !chars[span.start].is_uppercase() {
            widened.push(span.clone());
            continue;
        }
        // The ends of the capitalised words after the span, over linking words.
        let mut ends = Vec::new();
        let mut at = span.end;
        for _ in 0..3 {
            let Some(word) = word_after(chars, at) else {
                break;
            };
            let token = text(word);
            let (head, tail) = token.split_once(['\'', '’']).unwrap_or(("", &token));
            if ITALIAN_PLACE_LINKS.contains(&token.as_str()) {
                at = word.1;
                continue;
            }
            let linked = head.is_empty()
                || ITALIAN_PLACE_LINKS.contains(&head)
                || head.starts_with(char::is_uppercase);
            if !linked
                || !tail.starts_with(char::is_uppercase)
                || !token.ends_with(char::is_alphabetic)
            {
                break;
            }
            ends.push(word.1);
            at = word.1;
        }
        let place = ends.iter().rev().copied().find(|&end| {
            super::gazetteer::lookup_with_towns(&text((span.start, end)), "it").is_some()
        });
        match place {
            Some(end) => widened.push(super::NamedSpan {
                start: span.start,
                end,
                label: "LOC".into(),
                text: text((span.start, end)),
                normal: None,
            }),
            None => widened.push(span.clone()),
        }
    }
    super::spans::drop_nested(&mut widened);
    widened
}

/// Words that make an area of a place's name beside it ("Nord Italia", "Centro Italia").
const ITALIAN_AREA_WORDS: [&str; 12] = [
    "Nord", "Sud", "Centro", "Est", "Ovest", "Medio", "Alta", "Alto", "Bassa", "Basso", "Grande",
    "Nuova",
];

/// A capitalised word beside a place's name that makes a party or a firm of it ("Forza
/// [Italia]", "[Italia] Viva", "[Europa] Verde"): no place, first name, area word, article or
/// sentence opener.
fn names_with_a_place(word: &str) -> bool {
    word.chars().count() > 2
        && word.starts_with(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && !ITALIAN_AREA_WORDS.contains(&word)
        && !ITALIAN_LEADING.contains(&word)
        && !ITALIAN_OPENERS.contains(&word)
        && !super::titles::title_words("it").contains(&word.to_lowercase().as_str())
        && !super::names::is_first_name(word)
        && super::gazetteer::lookup(word, "it").is_none()
}

/// Spans of a place the gazetteer knows, one word, widened over the capitalised word beside
/// it into the party or firm they name ("Forza Italia", "Italia Viva"): an organisation. A
/// place after a preposition of place keeps the name after it out ("in Italia Meloni ha").
pub(super) fn parties_named_by_a_place(
    chars: &[char],
    spans: Vec<super::NamedSpan>,
) -> Vec<super::NamedSpan> {
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let mut widened: Vec<super::NamedSpan> = Vec::with_capacity(spans.len());
    for span in &spans {
        let one_place = span.end <= chars.len()
            && !chars[span.start..span.end].contains(&' ')
            && super::gazetteer::lookup(&text((span.start, span.end)), "it").is_some();
        let beside = one_place
            .then(|| {
                word_after(chars, span.end)
                    .filter(|&w| {
                        names_with_a_place(&text(w))
                            && !super::places::after_place_preposition("it", chars, span.start)
                    })
                    .map(|w| (span.start, w.1))
                    .or_else(|| {
                        word_before(chars, span.start)
                            .filter(|&w| names_with_a_place(&text(w)))
                            .map(|w| (w.0, span.end))
                    })
            })
            .flatten();
        match beside {
            Some((start, end)) => widened.push(super::NamedSpan {
                start,
                end,
                label: "ORG".into(),
                text: text((start, end)),
                normal: None,
            }),
            None => widened.push(span.clone()),
        }
    }
    // A span of the word taken in is now inside the widened one.
    super::spans::drop_nested(&mut widened);
    widened
}

/// A one-word Italian name the gazetteer does not know, ending in a consonant, after a
/// feminine or elided article ("la Consob", "l'Ivass", "dell'Agcom"): a body's acronym read as
/// a word. Italian places end in a vowel, and the foreign ones so written are known.
pub(super) fn italian_acronym_body(chars: &[char], start: usize, name: &str) -> bool {
    const FEMININE_OR_ELIDED: [&str; 12] = [
        "la", "della", "alla", "dalla", "nella", "sulla", "l", "dell", "all", "dall", "nell",
        "sull",
    ];
    let mut letters = name.chars();
    let shaped = letters.next().is_some_and(char::is_uppercase)
        && name.chars().count() >= 4
        && letters.clone().all(char::is_lowercase)
        && letters
            .last()
            .is_some_and(|c| c.is_alphabetic() && !"aeiouàèéìòù".contains(c));
    shaped
        && article_before(chars, start)
            .is_some_and(|(_, a)| FEMININE_OR_ELIDED.contains(&a.as_str()))
        && super::gazetteer::lookup(name, "it").is_none()
}

/// A company named like a person by a first name alone ("Leonardo ha firmato"), opening its
/// sentence as the subject of "ha": news name a person in full, and none here bears the name
/// as a first name.
pub(super) fn firm_named_by_a_first_name(
    chars: &[char],
    (start, end): (usize, usize),
    name: &str,
    spans: &[super::NamedSpan],
) -> bool {
    if name.contains(' ') || !super::names::is_first_name(name) {
        return false;
    }
    let opens = super::spans::mark_before(chars, start)
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '«'));
    let subject = word_after(chars, end).is_some_and(|w| chars[w.0..w.1] == ['h', 'a']);
    let given: Vec<char> = name.chars().chain(std::iter::once(' ')).collect();
    let borne = spans
        .iter()
        .any(|s| s.end <= chars.len() && chars[s.start..s.end].starts_with(&given));
    opens && subject && !borne
}

/// An Italian federation or confederation named in one word ("Federtennis", "Federcalcio",
/// "Confindustria", "Confcommercio"): the prefix and a lower-case noun.
pub(super) fn is_italian_federation(name: &str) -> bool {
    ["Feder", "Conf"].iter().any(|prefix| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| rest.chars().count() > 3 && rest.chars().all(char::is_lowercase))
    }) && super::gazetteer::lookup(name, "it").is_none()
}

/// Words opening an Italian award's or contest's name, which names no organisation ("Premio
/// Strega", "Festival di Sanremo", "Coppa Italia", "Giro d'Italia").
pub(super) fn names_an_italian_event(name: &str) -> bool {
    name.split_once(' ').is_some_and(|(first, _)| {
        matches!(first, "Premio" | "Festival" | "Coppa" | "Trofeo" | "Giro")
    })
}

/// Capitalised Italian acronyms and abbreviations that name no organisation: taxes, plans,
/// laws, measures, diseases ("il Pil", "l'Iva", "il Pnrr"), and capitalised common nouns.
const ITALIAN_NO_BODY_WORDS: [&str; 30] = [
    "Pil", "Iva", "Imu", "Tari", "Tasi", "Ires", "Irap", "Isee", "Tfr", "Pnrr", "Ddl", "Dpcm",
    "Dl", "Def", "Nadef", "Covid", "Aids", "Dna", "Tav", "Rc", "Gpl", "Ogm", "Pos", "Spid", "Papa",
    "Stato", "Sud", "Nord", "Est", "Dio",
];

/// Bodies named by one capitalised noun alone ("della Commissione", "al Senato", "la
/// Cassazione", "il Tesoro", "l'Antitrust").
pub(super) const ITALIAN_LONE_BODIES: [&str; 9] = [
    "Antitrust",
    "Tesoro",
    "Commissione",
    "Lega",
    "Senato",
    "Camera",
    "Parlamento",
    "Consulta",
    "Cassazione",
];

/// Prepositions an Italian name writes capitalised ("Medici Senza Frontiere", "Reporter Senza
/// Frontiere"): inside a sentence, one between two capitalised words joins them.
const ITALIAN_CAPITAL_PREPOSITIONS: [&str; 2] = ["Senza", "Contro"];

/// Spans the model split at a capitalised preposition ("[Medici] [Senza Frontiere]", "[Medici]
/// Senza [Frontiere]") joined into the organisation they name.
pub(super) fn joined_at_capital_preposition(
    chars: &[char],
    spans: Vec<super::NamedSpan>,
) -> Vec<super::NamedSpan> {
    let mut out: Vec<super::NamedSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(prev) = out.last_mut()
            && prev.end < span.start
            && span.end <= chars.len()
        {
            let gap: String = chars[prev.end..span.start].iter().collect();
            let first = chars[span.start..span.end]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>();
            let joins = |p: &str| gap == format!(" {p} ") || (gap == " " && first == p);
            if chars[prev.start].is_uppercase()
                && chars[span.start].is_uppercase()
                && ITALIAN_CAPITAL_PREPOSITIONS.iter().any(|p| joins(p))
            {
                prev.end = span.end;
                prev.label = "ORG".into();
                prev.text = chars[prev.start..prev.end].iter().collect();
                prev.normal = None;
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// Italian organisations the model left out, named after an article or an articulated
/// preposition inside a sentence: an acronym written as a word of two to four letters ("la
/// Cei", "dell'Onu", "la Fiom") that is no first name, no place the gazetteer knows and no
/// common abbreviation, or a body's noun alone ("della Commissione"). (start, end) in code
/// points.
pub(super) fn italian_bodies_missed(
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    const ARTICLES: [&str; 18] = [
        "il", "lo", "la", "i", "gli", "le", "del", "dello", "della", "al", "alla", "dal", "dalla",
        "nel", "nella", "sul", "sulla", "col",
    ];
    let mut found = Vec::new();
    for (start, end) in super::word_spans(chars, tag_from, char::is_alphabetic) {
        let word: String = chars[start..end].iter().collect();
        let letters = end - start;
        let acronym = (2..=4).contains(&letters)
            && word.starts_with(char::is_uppercase)
            && word.chars().skip(1).all(char::is_lowercase)
            && !ITALIAN_NO_BODY_WORDS.contains(&word.as_str());
        if !(acronym || ITALIAN_LONE_BODIES.contains(&word.as_str())) || covered(start, end) {
            continue;
        }
        // Rivers, islands and volcanoes are words of this length too ("del Po", "l'Arno",
        // "all'Elba"): one ending in a vowel counts after a feminine article ("la Cei"), or
        // after an elided one when it has three letters ("dell'Onu", "l'Ue").
        let vowel_end = word.ends_with(['a', 'e', 'i', 'o', 'u']);
        let after_article = match article_before(chars, start) {
            Some((_, a)) if matches!(chars[start - 1], '\'' | '’') => {
                ITALIAN_ELIDED.contains(&a.as_str()) && a != "un" && (!vowel_end || letters <= 3)
            }
            Some((_, a)) => {
                ARTICLES.contains(&a.as_str()) && (!vowel_end || a.ends_with("la") || !acronym)
            }
            None => false,
        };
        // The word after must not continue a name the model missed ("la Cei Italia"); a
        // person's name may follow ("della Commissione Raffaele Fitto").
        let name_goes_on = word_after(chars, end).is_some_and(|w| {
            let next: String = chars[w.0..w.1].iter().collect();
            chars[w.0].is_uppercase() && !super::names::is_first_name(&next)
        });
        if after_article
            && !name_goes_on
            && !super::names::is_first_name(&word)
            && super::gazetteer::lookup(&word, "it").is_none()
        {
            found.push((start, end));
        }
    }
    found
}

/// A one-word Italian name after a participle of dedicating or naming and "a" ("una sala
/// dedicata a Caravaggio", "intitolato a Verdi"): a person, though a town bears the name.
pub(super) fn dedicated_to(chars: &[char], start: usize) -> bool {
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    word_before(chars, start)
        .filter(|&a| text(a) == "a")
        .and_then(|a| word_before(chars, a.0))
        .is_some_and(|p| {
            let participle = text(p);
            ["dedicat", "intitolat"].iter().any(|stem| {
                participle
                    .strip_prefix(stem)
                    .is_some_and(|end| matches!(end, "o" | "a" | "i" | "e"))
            })
        })
}

/// Untagged capitalised words listed between two mentions of one type ("i sindacati Fim,
/// Fiom e Uilm"): (start, end, type) in code points. `mentions` are (start, end, type), sorted.
pub(super) fn italian_listed_names(
    chars: &[char],
    mentions: &[(usize, usize, &'static str)],
) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    for pair in mentions.windows(2) {
        let ((_, a_end, a_kind), (b_start, _, b_kind)) = (pair[0], pair[1]);
        if a_kind != b_kind || a_kind == "MISC" || b_start <= a_end {
            continue;
        }
        let between: String = chars[a_end..b_start].iter().collect();
        let Some(inner) = between.strip_prefix(", ") else {
            continue;
        };
        let Some(name) = inner
            .strip_suffix(" e ")
            .or_else(|| inner.strip_suffix(", "))
        else {
            continue;
        };
        let capitalised = name
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic));
        if capitalised && !name.is_empty() {
            let start = a_end + 2;
            found.push((start, start + name.chars().count(), a_kind));
        }
    }
    found
}

/// Plural nouns of organisations that open a list of their names ("i sindacati Confsal e
/// Cisal", "i partiti Pd, M5s e Avs").
const ITALIAN_LIST_NOUNS: [&str; 4] = ["sindacati", "partiti", "sigle", "confederazioni"];

/// The names listed right after a plural organisation noun, each capitalised words joined by
/// ", " or " e ": organisations whatever the model read. A first name opens a person's name,
/// which ends the list. (start, end) in code points.
pub(super) fn italian_listed_after_noun(chars: &[char], tag_from: usize) -> Vec<(usize, usize)> {
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let mut found = Vec::new();
    for noun in super::word_spans(chars, tag_from, char::is_alphabetic) {
        if !ITALIAN_LIST_NOUNS.contains(&text(noun).as_str()) {
            continue;
        }
        let mut at = noun.1;
        loop {
            // One name: capitalised words after one space each.
            let mut name: Option<(usize, usize)> = None;
            while let Some(w) = word_after(chars, name.map_or(at, |n| n.1))
                && chars[w.0].is_uppercase()
                && chars[w.0..w.1].iter().all(|c| c.is_alphanumeric())
            {
                name = Some((name.map_or(w.0, |n| n.0), w.1));
            }
            let Some(n) = name else { break };
            let first = text(word_after(chars, at).unwrap_or(n));
            if super::names::is_first_name(&first) {
                break;
            }
            found.push(n);
            // The list goes on after ", " or " e ".
            at = match &chars[n.1..] {
                [',', ' ', ..] => n.1 + 1,
                [' ', 'e', ' ', ..] => n.1 + 2,
                _ => break,
            };
        }
    }
    found
}

/// An acronym written as a word of two to four letters ("Asl", "Dda", "ATS"), " di " and a
/// place the gazetteer knows ("Asl di Latina"): a local office of a body, one organisation.
/// `place` is the place's (start, end); the result starts at the acronym.
pub(super) fn italian_acronym_of_place(
    chars: &[char],
    (start, end): (usize, usize),
) -> Option<usize> {
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let di = word_before(chars, start).filter(|&d| text(d) == "di")?;
    let acronym = word_before(chars, di.0)?;
    let word = text(acronym);
    let shaped = (2..=4).contains(&word.chars().count())
        && word.starts_with(char::is_uppercase)
        && word.chars().skip(1).all(|c| c.is_alphabetic())
        && (word.chars().skip(1).all(char::is_lowercase) || word.chars().all(char::is_uppercase));
    (shaped
        && !ITALIAN_NO_BODY_WORDS.contains(&word.as_str())
        && !super::names::is_first_name(&word)
        && super::gazetteer::lookup(&text((start, end)), "it").is_some())
    .then_some(acronym.0)
}

/// Phrases that tell what a river or a volcano does ("il Bisagno è esondato", "il Po è in
/// secca", "il Tevere ha superato i dieci metri all'idrometro", "l'Etna è in eruzione", "è
/// tornato in attività").
const ITALIAN_RIVER_OR_VOLCANO: [&str; 12] = [
    "esondat",
    "straripat",
    "in piena",
    "in secca",
    "idrometr",
    "argini",
    "livello di guardia",
    "eruzion",
    "fontana di lava",
    "in attività",
    "colata",
    "cenere",
];

/// A one-word Italian name the gazetteer does not know, subject of "è" or "ha" in a sentence
/// that says what a river or a volcano does before naming anything else: the river or
/// volcano, whatever the model typed. Italian rivers and volcanoes end in a vowel; acronyms
/// of the agencies that measure them often do not ("l'Ingv ha registrato una fontana di lava").
pub(super) fn italian_river_or_volcano(chars: &[char], end: usize, name: &str) -> bool {
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let vowel_end = name
        .chars()
        .last()
        .is_some_and(|c| "aeiouàèéìòù".contains(c));
    if name.contains(' ') || !vowel_end || super::gazetteer::lookup(name, "it").is_some() {
        return false;
    }
    let Some(verb) = word_after(chars, end).filter(|&v| matches!(text(v).as_str(), "è" | "ha"))
    else {
        return false;
    };
    // Up to the sentence's end or the next capitalised word, which may be another subject.
    let sentence: String = chars[verb.1..]
        .iter()
        .take_while(|c| !matches!(c, '.' | '!' | '?') && !c.is_uppercase())
        .collect();
    ITALIAN_RIVER_OR_VOLCANO
        .iter()
        .any(|phrase| sentence.contains(phrase))
}

/// What a Spanish paragraph calls a firm or a party it has named ("la compañía", "la
/// formación", "su presidente"): evidence that a lone word opening a sentence named one.
const SPANISH_FIRM_REFERENCES: [&str; 26] = [
    "la compañía",
    "la empresa",
    "la cadena",
    "el grupo",
    "la formación",
    "el partido",
    "la entidad",
    "la firma",
    "la tecnológica",
    "la operadora",
    "la aerolínea",
    "la eléctrica",
    "la energética",
    "la petrolera",
    "la constructora",
    "la farmacéutica",
    "la multinacional",
    "la aseguradora",
    "la textil",
    "el banco",
    "el club",
    "su presidente",
    "su presidenta",
    "su consejero delegado",
    "su consejera delegada",
    "su plantilla",
];

/// Capitalised words that open a Spanish sentence before its verb without naming anything.
const SPANISH_OPENING_WORDS: [&str; 24] = [
    "Ayer", "Hoy", "Mañana", "Luego", "Después", "Entonces", "Además", "También", "Tampoco",
    "Nunca", "Nadie", "Todo", "Esto", "Eso", "Ello", "Así", "Solo", "Sólo", "Ella", "Quien",
    "Cada", "Ninguno", "Ahora", "Antes",
];

/// A Spanish verb in the third person a sentence's subject is followed by: the preterite
/// ("cerró", "pidió"), the future ("abrirá") or the perfect's "ha".
fn is_spanish_subject_verb(word: &str) -> bool {
    (word.chars().count() > 2
        && word.chars().all(char::is_lowercase)
        && (word.ends_with('ó') || word.ends_with("rá")))
        || matches!(word, "ha" | "había" | "habrá")
}

/// Lone capitalised words opening a Spanish sentence before a verb in the third person, that no
/// span covers, when the paragraph later speaks of a firm or a party ("Mercadona abrirá diez
/// supermercados [...] la sede de la compañía"): the model leaves such a subject out.
pub(super) fn spanish_firms_opening_sentences(
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut openers = Vec::new();
    for (start, end) in super::word_spans(chars, tag_from, char::is_alphabetic) {
        if !chars[start].is_uppercase() || end - start < 3 || covered(start, end) {
            continue;
        }
        let mut before = start;
        while before > tag_from && chars[before - 1].is_whitespace() {
            before -= 1;
        }
        let opens = before == tag_from || matches!(chars[before - 1], '.' | '!' | '?');
        let word: String = chars[start..end].iter().collect();
        if !opens
            || (before == start && start > tag_from)
            || SPANISH_OPENING_WORDS.contains(&word.as_str())
            || word.ends_with("mente")
            || super::names::is_first_name(&word)
        {
            continue;
        }
        let verb = word_after(chars, end).map(|(s, e)| chars[s..e].iter().collect::<String>());
        if verb.is_some_and(|v| is_spanish_subject_verb(&v)) {
            openers.push((start, end));
        }
    }
    let Some(&(_, first_end)) = openers.first() else {
        return openers;
    };
    // The last reference in the paragraph, found once: an opener before it is a firm.
    let lower: String = chars[first_end..]
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let last = SPANISH_FIRM_REFERENCES
        .iter()
        .filter_map(|r| lower.rfind(r))
        .max()
        .map(|byte| first_end + lower[..byte].chars().count());
    openers.retain(|&(_, end)| last.is_some_and(|at| end <= at));
    openers
}

/// Capitalised abbreviations of Spanish news that name no organisation: measures, taxes,
/// documents, illnesses, countries written short ("el PIB", "el IPC", "la dana", "EE UU").
const SPANISH_NOT_ORGANISATIONS: [&str; 42] = [
    "PIB", "IPC", "IVA", "IRPF", "IBI", "SMI", "EPA", "ERE", "ERTE", "DNI", "NIE", "NIF", "ADN",
    "ARN", "DANA", "COVID", "SIDA", "VIH", "UCI", "PCR", "TV", "CEO", "IA", "ONG", "ONGS", "PYME",
    "PYMES", "EE", "UU", "EEUU", "GNL", "MW", "GW", "OK", "OPA", "BOE", "IBEX", "VTC", "SUV",
    "GPS", "USB", "PC",
];

/// An all-capital word of two to six letters ("CNMV", "ELN", "UGT") that is no roman numeral,
/// no abbreviation of [`SPANISH_NOT_ORGANISATIONS`] and no place the gazetteer knows: in
/// Spanish news such a word is a body's acronym.
pub(super) fn is_spanish_acronym(word: &str) -> bool {
    let letters = word.chars().count();
    (2..=6).contains(&letters)
        && word.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
        && !word.chars().all(|c| "IVXLCDM".contains(c))
        && !SPANISH_NOT_ORGANISATIONS.contains(&word)
        && super::gazetteer::lookup(word, "es").is_none()
}

/// What a Spanish paragraph puts after a comma to say what the name before it is: a party, a
/// firm, a gang ("Aliança Catalana, el partido de ...", "Los Lobos, la banda criminal").
const SPANISH_APPOSITIONS: [&str; 14] = [
    "el partido",
    "la formación",
    "la coalición",
    "la banda",
    "el cártel",
    "el sindicato",
    "la patronal",
    "la empresa",
    "la compañía",
    "la aerolínea",
    "la cadena",
    "la organización",
    "la guerrilla",
    "el grupo armado",
];

/// A comma and an apposition of [`SPANISH_APPOSITIONS`] right after `end`.
pub(super) fn spanish_apposition(chars: &[char], end: usize) -> bool {
    let rest = chars.get(end..).unwrap_or_default();
    if !rest.starts_with(&[',', ' ']) {
        return false;
    }
    let after: String = rest[2..].iter().take(20).collect();
    SPANISH_APPOSITIONS.iter().any(|a| {
        after
            .strip_prefix(a)
            .is_some_and(|r| r.starts_with(|c: char| !c.is_alphanumeric()))
    })
}

/// An award written as a name ("Nobel de la Paz", "Premio Cervantes"): no organisation.
pub(super) fn names_a_spanish_award(name: &str) -> bool {
    matches!(name.split(' ').next(), Some("Nobel" | "Premio" | "Premios"))
}

/// Where a Spanish name starts with the capitalised article before it, which belongs to the
/// name inside a sentence ("de La Libertad Avanza", "en Las Médulas", "de Los Lobos"): the
/// press writes an article that is not part of the name lower-case there.
pub(super) fn spanish_with_capital_article(chars: &[char], start: usize) -> usize {
    let Some((from, to)) = word_before(chars, start) else {
        return start;
    };
    let article: String = chars[from..to].iter().collect();
    let inside =
        super::spans::mark_before(chars, from).is_some_and(|c| c.is_alphanumeric() || c == ',');
    if inside && matches!(article.as_str(), "El" | "La" | "Los" | "Las") {
        from
    } else {
        start
    }
}

/// A first name right before a Spanish span the model cut from it ("Edmundo" + "González
/// Urrutia"): the start of the person's whole name.
pub(super) fn spanish_first_name_before(chars: &[char], start: usize, end: usize) -> Option<usize> {
    let (from, to) = word_before(chars, start)?;
    let first: String = chars[from..to].iter().collect();
    let words = chars[start..end].iter().filter(|c| **c == ' ').count() + 1;
    (words <= 2
        && chars[start..end]
            .iter()
            .all(|c| c.is_alphabetic() || *c == ' ' || *c == '-')
        && super::names::is_first_name(&first))
    .then_some(from)
}

/// Spanish organisations the model left out, found by their form or their context, that no
/// mention covers: an acronym ("los sindicatos ELA y LAB", "según el INDEC"; not after a person
/// noun, where it is a person's nickname), capitalised words after an organisation noun ("la
/// patronal Adegi"), capitalised words before an apposition of a party or firm ("Se Acabó La
/// Fiesta, el partido de ..."), and a public body named by one noun after an article ("ante el
/// Supremo", "el Ejército", [`lone_org_words`]): (start, end) in code points.
pub(super) fn spanish_organisations_missed(
    chars: &[char],
    tag_from: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let words = super::word_spans(chars, tag_from, |c| c.is_alphanumeric() || c == '-');
    let capitalised = |w: (usize, usize)| chars[w.0].is_uppercase();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        i += 1;
        if !capitalised(w) || covered(w.0, w.1) || found.iter().any(|f| f.1 >= w.1) {
            continue;
        }
        let word = text(w);
        let before = word_before(chars, w.0).map(text);
        let after_person = before
            .as_deref()
            .is_some_and(|b| person_nouns("es").contains(&b));
        if is_spanish_acronym(&word) && !after_person {
            // A headline in capitals is no run of acronyms.
            let shouting = [i.checked_sub(2), Some(i)].iter().flatten().any(|&j| {
                words.get(j).is_some_and(|&o| {
                    let o = text(o);
                    o.chars().count() > 6 && o.chars().all(|c| !c.is_lowercase())
                })
            });
            if !shouting {
                found.push(w);
            }
            continue;
        }
        // A run of capitalised words joined by single spaces, at most four.
        let mut run = w;
        let mut j = i;
        while j < words.len()
            && j - i < 3
            && capitalised(words[j])
            && words[j].0 == run.1 + 1
            && chars[run.1] == ' '
            && !covered(words[j].0, words[j].1)
        {
            run.1 = words[j].1;
            j += 1;
        }
        if after_organisation_noun("es", chars, w.0) {
            found.push(run);
            i = j;
            continue;
        }
        let opens = super::spans::mark_before(chars, w.0)
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':'));
        if run.1 > w.1
            && (opens
                || before
                    .as_deref()
                    .is_some_and(|b| b.chars().all(char::is_lowercase)))
            && !SPANISH_OPENING_WORDS.contains(&word.as_str())
            && spanish_apposition(chars, run.1)
        {
            found.push(run);
            i = j;
            continue;
        }
        if !opens
            && run == w
            && before
                .as_deref()
                .is_some_and(|b| matches!(b, "el" | "la" | "del" | "al"))
            && lone_org_words("es").contains(&word.as_str())
        {
            found.push(w);
        }
    }
    found
}

/// The capitalised parts of a Spanish MISC span that runs over lower-case words ("La
/// presidenta de la Comunidad de Madrid", "Los vecinos de Carucedo", "Celta en La Cerámica"):
/// the model's MISC swallows names there. A part is a run of capitalised words joined by "de",
/// "del", "de la", "de los" or "de las"; an article opening the span before a lower-case word
/// is none. `None` when the span has no lower-case word outside such runs.
pub(super) fn spanish_misc_parts(
    chars: &[char],
    start: usize,
    end: usize,
) -> Option<Vec<(usize, usize)>> {
    let words = super::word_spans(&chars[..end], start, |c| {
        c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
    });
    let capitalised = |w: &(usize, usize)| chars[w.0].is_uppercase();
    let text = |w: &(usize, usize)| chars[w.0..w.1].iter().collect::<String>();
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut lower_outside = false;
    let mut i = 0;
    while i < words.len() {
        if !capitalised(&words[i]) {
            lower_outside = true;
            i += 1;
            continue;
        }
        let mut run = words[i];
        let mut j = i + 1;
        loop {
            // Up to two links ("de la") before the next capitalised word.
            let links = (j..words.len().min(j + 2))
                .take_while(|&k| {
                    matches!(
                        text(&words[k]).as_str(),
                        "de" | "del" | "la" | "los" | "las"
                    )
                })
                .count();
            let next = j + links;
            let joined = links == 0 || text(&words[j]) != "de" || links == 1 || {
                matches!(text(&words[j + 1]).as_str(), "la" | "los" | "las")
            };
            if next < words.len() && capitalised(&words[next]) && joined && (links > 0 || next == j)
            {
                run.1 = words[next].1;
                j = next + 1;
            } else {
                break;
            }
        }
        // "CNI Félix Sanz Roldán": a body's acronym before a person's name is a part of its own.
        if run != words[i] && is_spanish_acronym(&text(&words[i])) {
            parts.push(words[i]);
            run.0 = words[i + 1].0;
        }
        let lone_article = run == words[i]
            && matches!(text(&words[i]).as_str(), "El" | "La" | "Los" | "Las")
            && words.get(i + 1).is_some_and(|w| !capitalised(w));
        if !lone_article {
            parts.push(run);
        }
        i = j;
    }
    (lower_outside || parts.len() > 1).then_some(parts)
}

/// A Spanish MISC mention of two to four capitalised words opening with a first name ("Félix
/// Sanz Roldán"): a person, most with two surnames.
pub(super) fn spanish_full_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && super::names::is_first_name(words[0])
}

/// A one-word Spanish mention that is the last word of a person's name elsewhere in the text
/// ("Kast celebró" after "José Antonio Kast"): the person again.
pub(super) fn spanish_surname_of(name: &str, chars: &[char], spans: &[super::NamedSpan]) -> bool {
    if name.contains(' ') {
        return false;
    }
    let surname: Vec<char> = std::iter::once(' ').chain(name.chars()).collect();
    spans.iter().any(|s| {
        matches!(s.label.as_str(), "PER" | "PERSON")
            && s.end <= chars.len()
            && chars[s.start..s.end].ends_with(&surname)
    })
}

/// Where a Spanish name followed by an apposition of a party or firm starts when the model left
/// out the capitalised word opening the sentence ("Se" + "Acabó La Fiesta, el partido").
pub(super) fn spanish_opening_word_before(chars: &[char], start: usize) -> usize {
    match word_before(chars, start) {
        Some((from, to))
            if chars[from].is_uppercase()
                && super::spans::mark_before(chars, from)
                    .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':'))
                && !SPANISH_OPENING_WORDS
                    .contains(&chars[from..to].iter().collect::<String>().as_str()) =>
        {
            from
        }
        _ => start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn club_abbreviations_and_french_courts() {
        let text: Vec<char> = "Lens a battu l’AS Monaco.".chars().collect();
        assert_eq!(club_abbreviation_before(&text, 18), Some(15));
        assert_eq!(club_abbreviation_before(&text, 5), None);
        let court = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let at = s.find(['t', 'c']).unwrap();
            let head = (at, at + s[at..].find(' ').unwrap());
            french_court(&chars, head).map(|(a, b)| chars[a..b].iter().collect::<String>())
        };
        assert_eq!(
            court("le tribunal correctionnel de Paris a jugé"),
            Some("tribunal correctionnel de Paris".into())
        );
        assert_eq!(
            court("la cour d’appel de Douai."),
            Some("cour d’appel de Douai".into())
        );
        assert_eq!(court("le tribunal de Paris"), None);
    }

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
    fn names_headed_by_a_noun_are_completed() {
        let complete = |language: &str, text: &str, person: bool| {
            let at = text.find('[').unwrap();
            let chars: Vec<char> = text.chars().filter(|c| !matches!(c, '[' | ']')).collect();
            let start = text[..at].chars().count();
            let end = text[..text.find(']').unwrap()].chars().count() - 1;
            head_noun_name(language, &chars, start, end, person, |w| w == "Michele")
                .map(|(s, e, label)| (chars[s..e].iter().collect::<String>(), label))
        };
        let it = |text: &str| complete("it", text, false);
        assert_eq!(
            it("la [Corte] dei conti ha"),
            Some(("Corte dei conti".into(), Some("ORG")))
        );
        assert_eq!(
            it("la [Banca] d'Italia."),
            Some(("Banca d'Italia".into(), Some("ORG")))
        );
        assert_eq!(
            it("in [Valle] d'Aosta e"),
            Some(("Valle d'Aosta".into(), Some("LOC")))
        );
        assert_eq!(
            it("i [Campi] Flegrei."),
            Some(("Campi Flegrei".into(), Some("LOC")))
        );
        assert_eq!(
            it("la [Banca] centrale europea ha"),
            Some(("Banca centrale europea".into(), Some("ORG")))
        );
        assert_eq!(
            it("la [Federazione italiana] sport invernali e"),
            Some(("Federazione italiana sport invernali".into(), Some("ORG")))
        );
        assert_eq!(
            it("dal [Corpo] nazionale soccorso alpino e speleologico, mentre"),
            Some((
                "Corpo nazionale soccorso alpino e speleologico".into(),
                Some("ORG")
            ))
        );
        // A plural verb after a proper name is no adjective of the name.
        assert_eq!(
            it("la [Fondazione] Cariplo finanziano"),
            Some(("Fondazione Cariplo".into(), Some("ORG")))
        );
        assert_eq!(
            it("la Provincia autonoma di [Trento] ha"),
            Some(("Provincia autonoma di Trento".into(), Some("ORG")))
        );
        assert_eq!(
            it("della Regione [Siciliana] era"),
            Some(("Regione Siciliana".into(), Some("ORG")))
        );
        assert_eq!(
            it("l'[Istituto] nazionale di geofisica e vulcanologia."),
            Some((
                "Istituto nazionale di geofisica e vulcanologia".into(),
                Some("ORG")
            ))
        );
        assert_eq!(
            it("a [Cortina] d’Ampezzo i"),
            Some(("Cortina d’Ampezzo".into(), None))
        );
        assert_eq!(
            complete("it", "la Guardia di [Finanza] ha", true),
            Some(("Guardia di Finanza".into(), Some("ORG")))
        );
        // A person after a head noun stays a person; a verb ends the name.
        assert_eq!(
            complete("it", "della Regione [Michele de Pascale] ha", true),
            None
        );
        assert_eq!(complete("it", "la Commissione di [Michele] ha", true), None);
        assert_eq!(
            it("la [Protezione] civile raccomanda"),
            Some(("Protezione civile".into(), Some("ORG")))
        );
        assert_eq!(it("[Roma] dei papi"), None);
        // A governed noun takes its adjectives, not a plural verb.
        assert_eq!(
            it("il [Dipartimento] della protezione civile ha"),
            Some(("Dipartimento della protezione civile".into(), Some("ORG")))
        );
        assert_eq!(
            it("i [Vigili] del fuoco lavorano"),
            Some(("Vigili del fuoco".into(), Some("ORG")))
        );
        assert_eq!(
            complete("es", "la Organización de las [Naciones Unidas] para", false),
            Some(("Organización de las Naciones Unidas".into(), Some("ORG")))
        );
    }

    #[test]
    fn towns_are_clubs_after_an_article_and_places_after_a_preposition() {
        use crate::enrich::gazetteer::PlaceKind::{City, Region};
        let kind = |language: &str, text: &str, kind| {
            let chars: Vec<char> = text.chars().filter(|c| *c != '[').collect();
            let start = text[..text.find('[').unwrap()].chars().count();
            let name: String = chars[start..]
                .iter()
                .take_while(|c| c.is_alphabetic() || **c == '-')
                .collect();
            town_or_club(language, &chars, start, &name, kind)
        };
        assert_eq!(kind("it", "ha battuto il [Torino", City), Some("ORG"));
        assert_eq!(kind("it", "la vittoria dell'[Empoli", City), Some("ORG"));
        assert_eq!(
            kind("it", "ai cittadini di [Empoli", City),
            Some("LOCATION")
        );
        assert_eq!(kind("es", "venció al [Sevilla", City), Some("ORG"));
        // Spanish clubs are masculine: "la Moncloa" is no club.
        assert_eq!(kind("es", "en la [Moncloa", City), None);
        assert_eq!(kind("it", "tra [Roma e Lazio", City), None);
        assert_eq!(
            kind("it", "il presidente della [Lombardia", Region),
            Some("LOCATION")
        );
        assert_eq!(kind("it", "contro la [Lazio", Region), Some("ORG"));
        assert_eq!(kind("it", "nel [Lazio", Region), Some("LOCATION"));
        assert_eq!(kind("fr", "contre le [Lyon", City), None);
    }

    #[test]
    fn places_keep_their_own_article() {
        let text: Vec<char> = "carri armati a La Spezia e la Spezia".chars().collect();
        assert_eq!(place_with_article("it", &text, 18, "Spezia"), Some(15));
        assert_eq!(place_with_article("it", &text, 30, "Spezia"), None);
    }

    #[test]
    fn regions_of_several_words_are_found_whole() {
        let names = |language: &str, text: &str| {
            let chars: Vec<char> = text.chars().collect();
            region_names(language, &chars, 0)
                .into_iter()
                .map(|(s, e)| chars[s..e].iter().collect::<String>())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("es", "bomberos de Castilla y León y de Castilla-La Mancha."),
            vec!["Castilla y León", "Castilla-La Mancha"]
        );
        assert_eq!(
            names(
                "it",
                "Maltempo in Trentino-Alto Adige e in Friuli Venezia Giulia."
            ),
            vec!["Trentino-Alto Adige", "Friuli Venezia Giulia"]
        );
        // One word is the model's; a city is no region; other languages are not read.
        assert!(names("it", "in Lombardia e a Milano").is_empty());
        assert!(names("pl", "Castilla y León").is_empty());
    }

    #[test]
    fn organisation_nouns_make_the_name_an_organisation() {
        let org = |language: &str, text: &str| {
            let chars: Vec<char> = text.chars().filter(|c| *c != '[').collect();
            let start = text[..text.find('[').unwrap()].chars().count();
            after_organisation_noun(language, &chars, start)
        };
        assert!(org("it", "la società [Fincantieri"));
        assert!(org("es", "el grupo hotelero [Meliá"));
        assert!(!org("es", "el grupo de [Madrid"));
        assert!(!org("it", "a [Torino"));
        assert!(!org("fr", "la société [Total"));
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

    #[test]
    fn french_mentions_start_after_prepositions_and_sentence_articles() {
        let text: Vec<char> = "En Bretagne, la crue. La Loire monte, dit La France insoumise."
            .chars()
            .collect();
        let starts = |from: usize, to: usize| {
            let start = french_start(&text, from, to);
            text[start..to].iter().collect::<String>()
        };
        assert_eq!(starts(0, 11), "Bretagne");
        assert_eq!(starts(22, 30), "Loire");
        assert_eq!(starts(42, 61), "La France insoumise");
    }

    #[test]
    fn portuguese_bodies_take_their_place_and_portfolios_are_no_names() {
        let text: Vec<char> =
            "O presidente da Câmara Municipal do Porto e a ministra do Trabalho, \
                               com o Presidente da República."
                .chars()
                .collect();
        let at = |word: &str| {
            let s: String = text.iter().collect();
            s[..s.find(word).unwrap()].chars().count()
        };
        let camara = at("Câmara");
        let end = with_governed_place(
            "pt",
            &text,
            camara,
            camara + "Câmara Municipal".chars().count(),
        );
        assert_eq!(
            text[camara..end].iter().collect::<String>(),
            "Câmara Municipal do Porto"
        );
        let trabalho = at("Trabalho");
        assert!(names_a_portfolio("pt", &text, trabalho, trabalho + 8));
        let republica = at("República");
        assert!(names_a_portfolio("pt", &text, republica, republica + 9));
        assert!(!names_a_portfolio("pt", &text, camara, camara + 6));
        assert!(!names_a_portfolio("fr", &text, trabalho, trabalho + 8));
    }

    #[test]
    fn italian_towns_are_read_in_full_and_firms_by_their_results() {
        let text = "Tra Reggio nell'Emilia e San Donato Milanese, poi Guastalla Nuova.";
        let chars: Vec<char> = text.chars().collect();
        let span = |name: &str| {
            let start = chars
                .windows(name.chars().count())
                .position(|w| w.iter().collect::<String>() == name)
                .expect("name");
            crate::enrich::ner::NamedSpan {
                start,
                end: start + name.chars().count(),
                label: "ORG".into(),
                text: name.into(),
                normal: None,
            }
        };
        let spans = vec![
            span("Reggio"),
            span("Emilia"),
            span("San Donato"),
            span("Guastalla"),
        ];
        let names: Vec<(String, String)> = towns_named_in_full(&chars, spans)
            .into_iter()
            .map(|s| (s.text, s.label))
            .collect();
        let pair = |n: &str, l: &str| (n.to_string(), l.to_string());
        assert_eq!(
            names,
            vec![
                pair("Reggio nell'Emilia", "LOC"),
                pair("San Donato Milanese", "LOC"),
                pair("Guastalla", "ORG"),
            ]
        );
        let firm = |text: &str, name: &str| {
            let chars: Vec<char> = text.chars().collect();
            let start = text
                .find(name)
                .map(|b| text[..b].chars().count())
                .expect("name");
            firm_reporting_results(&chars, (start, start + name.chars().count()))
        };
        assert!(firm(
            "Salvatore Ferragamo ha chiuso il 2025 con ricavi in calo.",
            "Salvatore Ferragamo"
        ));
        assert!(!firm(
            "Mario Rossi ha chiuso la campagna elettorale a Roma.",
            "Mario Rossi"
        ));
        assert!(!firm(
            "Ieri Mario Rossi ha chiuso il trimestre con ricavi.",
            "Mario Rossi"
        ));
        assert!(names_an_italian_firm("Dolce & Gabbana"));
        let text: Vec<char> = "tra Reggio nell'Emilia e Guastalla.".chars().collect();
        assert!(small_town_after_preposition(&text, 25, "Guastalla"));
    }

    #[test]
    fn italian_titles_portfolios_and_elisions() {
        let text: Vec<char> = "Il ministro dell'Economia e la ministra delle Riforme, con la \
                               senatrice Liliana Segre al Dall'Ara. Dall'Italia a Cortina d'Ampezzo."
            .chars()
            .collect();
        let at = |word: &str| {
            let s: String = text.iter().collect();
            s[..s.find(word).unwrap()].chars().count()
        };
        let economia = at("Economia");
        assert!(names_a_portfolio("it", &text, economia, economia + 8));
        let elided = at("dell'Economia");
        assert!(names_a_portfolio("it", &text, elided, economia + 8));
        let riforme = at("Riforme");
        assert!(names_a_portfolio("it", &text, riforme, riforme + 7));
        let segre = at("Segre");
        assert_eq!(
            first_name_after_title(&text, segre, segre + 5),
            Some(at("Liliana"))
        );
        let ara = at("Ara.");
        assert_eq!(with_capital_elision(&text, ara), at("Dall'Ara"));
        let italia = at("Italia");
        assert_eq!(with_capital_elision(&text, italia), italia);
        assert!(is_town_with_elided_di("Cortina d'Ampezzo"));
        assert!(!is_town_with_elided_di("Massimo D'Alema"));
        assert!(is_italian_infinitive("rispettare"));
        assert!(is_no_name("it", &"Migliaia".chars().collect::<Vec<_>>()));
    }

    #[test]
    fn full_names_after_a_persons_office_and_firms_in_a_towns_place() {
        let names = |language: &str, text: &str| {
            let chars: Vec<char> = text.chars().collect();
            names_after_person_nouns(language, &chars, 0)
                .iter()
                .map(|&(s, e)| chars[s..e].iter().collect::<String>())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("es", "El juez Santiago Pedraz investiga."),
            ["Santiago Pedraz"]
        );
        assert_eq!(
            names(
                "pt",
                "A ministra do Trabalho, Maria do Rosário Palma Ramalho, disse."
            ),
            ["Maria do Rosário Palma Ramalho"]
        );
        // One capitalised word is no full name; a complement needs its comma.
        assert!(names("es", "el presidente Trump dijo").is_empty());
        assert!(names("pt", "o presidente do Benfica Rui Costa disse").is_empty());

        let firm = |language: &str, text: &str, name: &str| {
            let chars: Vec<char> = text.chars().collect();
            let start = text[..text.find(name).unwrap()].chars().count();
            let end = start + name.chars().count();
            company_in_place_of_town(language, &chars, (start, end), name)
        };
        assert!(firm("pt", "A Galp e a EDP vão investir.", "Galp"));
        assert!(firm(
            "es",
            "Dijo que sí. Telefónica cerrará su centro.",
            "Telefónica"
        ));
        assert!(firm("es", "La Aemet mantiene el aviso.", "Aemet"));
        // Rivers take "el"; a place before a preposition is no subject.
        assert!(!firm("es", "El Ebro se desbordó.", "Ebro"));
        assert!(!firm("es", "Telefónica de España cerró.", "Telefónica"));
    }

    #[test]
    fn italian_companies_bodies_rivers_and_lists() {
        let chars = |t: &str| t.chars().collect::<Vec<char>>();
        let company = |t: &str, name: &str| {
            let c = chars(t);
            let start = t[..t.find(name).unwrap()].chars().count();
            italian_company_context(&c, (start, start + name.chars().count()), name)
        };
        assert!(company(
            "ha completato l'acquisizione di Mediobanca.",
            "Mediobanca"
        ));
        assert!(company("la quota in Tim sarà mantenuta", "Tim"));
        assert!(company("gli appalti dell'Asl erano truccati", "Asl"));
        assert!(company(
            "Brembo ha chiuso il trimestre con utili in crescita.",
            "Brembo"
        ));
        assert!(!company("Il sindaco è volato a Mediobanca.", "Mediobanca"));
        assert!(!company("i conti di Roma", "Roma"));
        assert!(is_italian_federation("Federtennis"));
        assert!(is_italian_federation("Confcommercio"));
        assert!(!is_italian_federation("Federico"));
        assert!(names_an_italian_event("Premio Strega"));
        assert!(!names_an_italian_event("Procura di Roma"));
        let bodies = |t: &str| {
            let c = chars(t);
            italian_bodies_missed(&c, 0, |_, _| false)
                .into_iter()
                .map(|(s, e)| c[s..e].iter().collect::<String>())
                .collect::<Vec<_>>()
        };
        assert_eq!(bodies("Zuppi guiderà la Cei fino al 2027."), ["Cei"]);
        assert_eq!(bodies("Il segretario dell'Onu parla."), ["Onu"]);
        assert_eq!(
            bodies("il vicepresidente della Commissione Raffaele Fitto"),
            ["Commissione"]
        );
        assert!(bodies("la piena del Po e dell'Arno, il Pil e l'Iva").is_empty());
        let river = |t: &str, name: &str| {
            let c = chars(t);
            let end = t[..t.find(name).unwrap()].chars().count() + name.chars().count();
            italian_river_or_volcano(&c, end, name)
        };
        assert!(river("Il Bisagno è esondato a Genova.", "Bisagno"));
        assert!(!river("l'Ingv ha registrato una fontana di lava.", "Ingv"));
        assert!(!river("l'Arpa ha detto che il Sesia è in piena.", "Arpa"));
        let c = chars("una sala dedicata a Caravaggio");
        assert!(dedicated_to(&c, 20));
        assert!(after_italian_al(&chars("Al Maradona arriva"), 3));
        assert!(after_italian_al(&chars("all'Olimpico"), 4));
        assert!(!after_italian_al(&chars("alla Meloni"), 5));
        let c = chars("I sindacati Fim, Fiom e Uilm chiedono");
        let listed = italian_listed_names(&c, &[(12, 15, "ORG"), (24, 28, "ORG")]);
        assert_eq!(listed, [(17, 21, "ORG")]);
        assert_eq!(
            italian_listed_after_noun(&c, 0),
            [(12, 15), (17, 21), (24, 28)]
        );
        assert!(italian_listed_after_noun(&chars("i partiti maggiori"), 0).is_empty());
        let office = chars("della Asl di Latina.");
        assert_eq!(italian_acronym_of_place(&office, (13, 19)), Some(6));
        let town_hall = chars("al Comune di Latina.");
        assert_eq!(italian_acronym_of_place(&town_hall, (13, 19)), None);
        assert_eq!(with_glued_plus(&chars("il segretario di +Europa"), 18), 17);
        assert_eq!(with_glued_plus(&chars("3+Europa"), 2), 2);
        assert!(names_an_upper_or_lower_area("Alto Adige"));
        assert!(names_an_upper_or_lower_area("Bassa Padana"));
        assert!(!names_an_upper_or_lower_area("Alto"));
        assert!(!names_an_upper_or_lower_area("Alto commissario"));
        assert!(small_town_after_preposition(
            &chars("il gruppo di Agordo"),
            13,
            "Agordo"
        ));
        assert!(!small_town_after_preposition(&chars("Agordo"), 0, "Agordo"));
    }

    #[test]
    fn spanish_acronyms_appositions_and_misc_parts() {
        let chars = |t: &str| t.chars().collect::<Vec<char>>();
        assert!(is_spanish_acronym("CNMV"));
        assert!(is_spanish_acronym("ELA"));
        assert!(!is_spanish_acronym("PIB"));
        assert!(!is_spanish_acronym("XXI"));
        assert!(!is_spanish_acronym("Madrid"));
        assert!(!is_spanish_acronym("ABCDEFG"));
        let text = "Los Lobos, la banda criminal";
        assert!(spanish_apposition(&chars(text), 9));
        assert!(!spanish_apposition(&chars("Madrid, la capital"), 6));
        assert_eq!(spanish_with_capital_article(&chars("de La Libertad"), 6), 3);
        assert_eq!(spanish_with_capital_article(&chars("La Fiscalía"), 3), 3);
        let missed = |t: &str| {
            let c = chars(t);
            spanish_organisations_missed(&c, 0, |_, _| false)
                .into_iter()
                .map(|(s, e)| c[s..e].iter().collect::<String>())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            missed("Los sindicatos ELA y LAB convocaron huelga."),
            ["ELA", "LAB"]
        );
        assert_eq!(missed("La patronal Adegi calificó."), ["Adegi"]);
        assert_eq!(missed("Recurrirá ante el Supremo mañana."), ["Supremo"]);
        assert_eq!(
            missed("Se Acabó La Fiesta, el partido de Alvise."),
            ["Se Acabó La Fiesta"]
        );
        assert!(missed("El PIB creció. Hoy, el partido votó.").is_empty());
        let parts = |t: &str| {
            let c = chars(t);
            spanish_misc_parts(&c, 0, c.len()).map(|p| {
                p.into_iter()
                    .map(|(s, e)| c[s..e].iter().collect::<String>())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            parts("La presidenta de la Comunidad de Madrid"),
            Some(vec!["Comunidad de Madrid".to_string()])
        );
        assert_eq!(
            parts("CNI Félix Sanz"),
            Some(vec!["CNI".to_string(), "Félix Sanz".to_string()])
        );
        assert_eq!(parts("Banco de España"), None);
        assert!(names_a_spanish_award("Nobel de la Paz"));
        assert!(spanish_full_name("Félix Sanz Roldán"));
        assert!(!spanish_full_name("Sanz Roldán"));
    }
}
