//! Russian entity mentions, as natasha finds and names them: razdel tokens, the slovnet NER
//! spans over the whole text, the slovnet morph tags of each sentence holding a span, and each
//! span's canonical name in the nominative ("Алиева" → "Алиев").
//!
//! One deliberate difference from natasha's `Span.normalize`: without its syntax parser,
//! natasha inflects every word of an organisation's name ("Министерства транспорта" →
//! "Министерство транспорт"). natasha's own rule for ORG inflects only the head and the words
//! agreeing with it, which it finds with the parser; here the head is the first noun, and only
//! it and the words before it (adjectives agreeing with it) are inflected, so the genitive
//! complement stays: "Министерство транспорта", "Организация Объединённых Наций". Names of
//! people agree word by word and are inflected whole, as natasha does.

use super::gazetteer::{self, PlaceKind};
use std::ops::Range;

use super::ner::NamedSpan;
use super::nominative::{TaggedWord, normalize};
use super::razdel::{sentenize_spans, tokenize_spans};
use super::slovnet::{self, MorphTag};

/// The Russian mentions of `text` with their nominative names in `normal`.
pub fn named_spans(text: &str) -> Result<Vec<NamedSpan>, &'static str> {
    let tagger = slovnet::russian()?;
    let tokens = tokenize_spans(text);
    let model_tokens = tagger.tokens(text, &tokens);
    let spans = tagger.ner_of(&model_tokens);
    if spans.is_empty() {
        return Ok(Vec::new());
    }
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize| -> String { chars[start..end].iter().collect() };

    // The tokens of each span (natasha's envelope: those lying inside it), found once.
    let span_tokens: Vec<Range<usize>> = spans
        .iter()
        .map(|span| {
            let first = tokens.partition_point(|t| t.0 < span.start);
            first..tokens.partition_point(|t| t.1 <= span.end).max(first)
        })
        .collect();

    // Morph tags as natasha computes them, sentence by sentence, but only around the spans:
    // a tag depends on `context` tokens each side within its sentence, so a window reaching
    // that far gives the span's tokens the same tags as the whole sentence, for a fraction of
    // the work. A token outside every sentence stays untagged, as in natasha; so do the
    // tokens of a span that crosses sentences.
    let context = tagger.morph_context();
    let mut sentence_starts = vec![false; tokens.len()];
    // (window, the span tokens in it); overlapping windows of a sentence are merged, tagged
    // once. Merging windows a few tokens apart as well measured no faster.
    let mut requests: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for sentence in sentence_tokens(&sentenize_spans(text), &tokens) {
        if sentence.is_empty() {
            continue;
        }
        sentence_starts[sentence.start] = true;
        let first_window = requests.len();
        for inside in span_tokens
            .iter()
            .filter(|r| !r.is_empty() && r.start >= sentence.start && r.end <= sentence.end)
        {
            let window = inside.start.saturating_sub(context).max(sentence.start)
                ..(inside.end + context).min(sentence.end);
            match requests[first_window..].last_mut() {
                Some((merged, spans)) if window.start <= merged.end => {
                    merged.end = merged.end.max(window.end);
                    spans.end = spans.end.max(inside.end);
                }
                _ => requests.push((window, inside.clone())),
            }
        }
    }
    // Each window reaches `context` tokens past its spans or to the sentence's edge, so the
    // spans' tags are exact, and only they are read. All windows go in one call, so the
    // tagger shares its work on rare words between them.
    let mut tags: Vec<Option<&MorphTag>> = vec![None; tokens.len()];
    for ((_, spans), ids) in requests
        .iter()
        .zip(tagger.morph_of(&model_tokens, &requests))
    {
        for (at, id) in spans.clone().zip(ids) {
            tags[at] = tagger.morph_tag(id);
        }
    }

    let named: Vec<NamedSpan> = spans
        .into_iter()
        .zip(span_tokens)
        .filter_map(|(span, inside)| {
            // A sentence's first word is capitalised whatever it is: a place or person named
            // only by common nouns there is a common noun ("Экономика области, по его оценке").
            let common_nouns_only = inside
                .clone()
                .all(|i| tags[i].is_some_and(|t| t.pos == "NOUN"));
            if span.label != "ORG"
                && !inside.is_empty()
                && sentence_starts[inside.start]
                && common_nouns_only
            {
                return None;
            }
            let normal = nominative_name(&span.label, inside, &tokens, &tags, &slice);
            Some(NamedSpan {
                start: span.start,
                end: span.end,
                text: slice(span.start, span.end),
                label: span.label,
                normal: Some(normal),
            })
        })
        .collect();
    Ok(join_state_bodies(&chars, named))
}

/// First words of the names of state bodies, lower-case, which take their country in the
/// genitive as part of the name: "Министерство транспорта России", "МИД Казахстана".
const STATE_BODIES: [&str; 16] = [
    "министерств",
    "ведомств",
    "правительств",
    "посольств",
    "парламент",
    "генпрокуратур",
    "прокуратур",
    "минфин",
    "минтранс",
    "минобороны",
    "минюст",
    "минздрав",
    "мид",
    "мвд",
    "мчс",
    "фсб",
];

/// Joins a state body and the country right after it into one organisation: the tagger
/// stops before the country ("Министерства транспорта" + "России").
fn join_state_bodies(chars: &[char], spans: Vec<NamedSpan>) -> Vec<NamedSpan> {
    let mut out: Vec<NamedSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(body) = out.last_mut()
            && body.label == "ORG"
            && span.label == "LOC"
            && span.start == body.end + 1
            && chars[body.end] == ' '
            && span
                .normal
                .as_deref()
                .and_then(gazetteer::place)
                .is_some_and(|kind| kind == PlaceKind::Country)
            && body.text.split_whitespace().next().is_some_and(|first| {
                let first = first.to_lowercase();
                STATE_BODIES.iter().any(|stem| first.starts_with(stem))
            })
        {
            body.end = span.end;
            body.text = chars[body.start..body.end].iter().collect();
            if let Some(normal) = body.normal.as_mut() {
                normal.push(' ');
                normal.push_str(&span.text);
            }
            continue;
        }
        out.push(span);
    }
    out
}

/// The nominative name of the span made of the tokens `inside`.
fn nominative_name(
    label: &str,
    inside: Range<usize>,
    tokens: &[(usize, usize)],
    tags: &[Option<&MorphTag>],
    slice: &dyn Fn(usize, usize) -> String,
) -> String {
    let span_tags = &tags[inside.clone()];
    fn pos<'a>(tag: &Option<&'a MorphTag>) -> &'a str {
        tag.map_or("", |t| t.pos.as_str())
    }
    let head = span_tags
        .iter()
        .position(|t| matches!(pos(t), "NOUN" | "PROPN"));
    // Each word's features are its tag's, borrowed; only the adjectives before an ORG or LOC
    // head get features of their own.
    let mut agreed: Vec<Option<Vec<(String, String)>>> = vec![None; span_tags.len()];
    if label != "PER"
        && let Some(head) = head
    {
        // Adjectives before the head agree with it: in the genitive "Азербайджанского" may be
        // masculine or neuter, and "пароходства" says which.
        let agreement = span_tags[head]
            .iter()
            .flat_map(|t| &t.feats)
            .filter(|(name, _)| name == "Gender" || name == "Number");
        for (tag, own) in span_tags[..head].iter().zip(&mut agreed) {
            if let Some(tag) = tag.filter(|t| t.pos == "ADJ") {
                let mut feats: Vec<(String, String)> = tag
                    .feats
                    .iter()
                    .filter(|(name, _)| name != "Gender" && name != "Number")
                    .chain(agreement.clone())
                    .cloned()
                    .collect();
                feats.sort();
                *own = Some(feats);
            }
        }
    }
    let words: Vec<String> = tokens[inside.clone()]
        .iter()
        .map(|&(s, e)| slice(s, e))
        .collect();
    let tagged: Vec<TaggedWord> = words
        .iter()
        .zip(span_tags.iter().zip(&agreed))
        .map(|(word, (tag, own))| TaggedWord {
            text: word,
            pos: pos(tag),
            feats: own
                .as_deref()
                .unwrap_or_else(|| tag.map_or(&[][..], |t| t.feats.as_slice())),
        })
        .collect();
    let gaps: Vec<String> = tokens[inside]
        .windows(2)
        .map(|pair| slice(pair[0].1, pair[1].0))
        .collect();
    if label == "PER" {
        return normalize(&tagged, &gaps);
    }
    // Inflect up to the head noun; the words after it keep their own case.
    let head = head.map_or(tagged.len(), |at| at + 1);
    let mut name = normalize(&tagged[..head], &gaps[..head.saturating_sub(1)]);
    for (i, word) in tagged.iter().enumerate().skip(head) {
        name.push_str(&" ".repeat(gaps[i - 1].chars().count()));
        name.push_str(word.text);
    }
    name
}

/// The range of the tokens each sentence envelops (natasha's `envelop_spans`: tokens
/// in order, a token starting before the sentence skipped, one ending after it left for the
/// next sentence).
fn sentence_tokens(sentences: &[(usize, usize)], tokens: &[(usize, usize)]) -> Vec<Range<usize>> {
    let mut index = 0;
    let mut out = Vec::with_capacity(sentences.len());
    for &sentence in sentences {
        while index < tokens.len() && tokens[index].0 < sentence.0 {
            index += 1;
        }
        let first = index;
        while index < tokens.len() && tokens[index].1 <= sentence.1 {
            index += 1;
        }
        out.push(first..index);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, String, String)> {
        named_spans(text)
            .expect("embedded model loads")
            .into_iter()
            .map(|s| (s.text, s.label, s.normal.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn names_come_out_in_the_nominative() {
        let found = spans(
            "Президент Азербайджана Ильхам Алиев встретился с Владимиром Путиным в Москве. \
             Агентство Азертадж сообщило об этом в среду.",
        );
        let want = [
            ("Азербайджана", "LOC", "Азербайджан"),
            ("Ильхам Алиев", "PER", "Ильхам Алиев"),
            ("Владимиром Путиным", "PER", "Владимир Путин"),
            ("Москве", "LOC", "Москва"),
            ("Азертадж", "ORG", "Азертадж"),
        ];
        let want: Vec<(String, String, String)> = want
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(found, want);
    }

    #[test]
    fn an_organisation_keeps_its_genitive_complement() {
        let found = spans("Об этом сообщили в пресс-службе Министерства иностранных дел России.");
        let normals: Vec<&str> = found.iter().map(|(_, _, n)| n.as_str()).collect();
        assert!(
            normals
                .iter()
                .any(|n| n.starts_with("Министерство иностранных дел")),
            "{found:?}"
        );
    }

    #[test]
    fn text_without_names_or_sentences_is_fine() {
        assert!(spans("").is_empty());
        assert!(spans("   \n\n ").is_empty());
        assert!(spans("в среду было тепло").is_empty());
    }

    #[test]
    fn sentences_envelop_tokens_like_natasha() {
        let sentences = [(0, 5), (6, 12)];
        let tokens = [(0, 2), (3, 5), (6, 8), (9, 13)];
        let got = sentence_tokens(&sentences, &tokens);
        assert_eq!(got[0], 0..2);
        // (9, 13) ends after the second sentence: not in it.
        assert_eq!(got[1], 2..3);
    }
}
