//! Image credits inside captions: "… Photo: Azertac", "… Фото: ТАСС", "© Reuters",
//! "… Jane Doe/Getty Images"; and the lead image's `<figure>`.

use url::Url;

use super::dom::Dom;
use super::metadata::absolute_url;

/// Words that introduce a credit, matched case-insensitively at a word start.
const CREDIT_MARKERS: &[&str] = &[
    "photo by",
    "photos by",
    "photograph by",
    "photo:",
    "photos:",
    "photograph:",
    "photo credit:",
    "image:",
    "credit...",
    "credit\u{2026}",
    "image credit:",
    "images:",
    "picture:",
    "pictures:",
    "credit:",
    "credits:",
    "source:",
    "illustration:",
    "video:",
    "foto:",
    "fotó:",
    "фото:",
    "фото",
    "фотография:",
    "иллюстрация:",
    "источник:",
    "кадр:",
    "скриншот:",
    "©",
    "(c)",
];

/// Photo agencies written as "Photographer/Agency" without a marker.
const AGENCIES: &[&str] = &[
    "getty images",
    "afp",
    "reuters",
    "ap",
    "epa",
    "epa-efe",
    "anadolu",
    "bloomberg",
    "shutterstock",
    "alamy",
    "tass",
    "ria novosti",
    "sputnik",
    "xinhua",
    "dpa",
    "zuma",
    "sipa",
    "imago",
    "picture alliance",
    "pa images",
    "ap photo",
    "nurphoto",
    "abaca",
    "ТАСС",
    "РИА Новости",
    "Коммерсантъ",
];

/// Splits the credit off a caption. Returns the credit without its marker ("Azertac" from
/// "… channel. Photo: Azertac"), or `None` when the caption names nobody.
pub fn split_credit(caption: &str) -> Option<String> {
    let lower = caption.to_lowercase();
    // The last marker wins: a credit trails the caption.
    let marker_at = CREDIT_MARKERS
        .iter()
        .filter_map(|marker| {
            rfind_word(&lower, marker).map(|position| (position, position + marker.len()))
        })
        .max_by_key(|&(start, _)| start);
    if let Some((_, credit_start)) = marker_at
        && let Some(credit) = clean_credit(lower_to_original(caption, &lower, credit_start))
    {
        return Some(credit);
    }
    agency_credit(caption)
}

/// The last "Name/Agency" sentence of a caption, e.g. "Jane Doe/Getty Images".
fn agency_credit(caption: &str) -> Option<String> {
    let last_sentence = caption
        .rsplit(['.', '|', '\n'])
        .find(|part| !part.trim().is_empty())?
        .trim();
    let (_, agency) = last_sentence.rsplit_once('/')?;
    let agency = agency.trim().to_lowercase();
    let known = AGENCIES.iter().any(|known| {
        agency == known.to_lowercase() || agency.starts_with(&format!("{} ", known.to_lowercase()))
    });
    (known && last_sentence.chars().count() <= 80).then(|| last_sentence.to_string())
}

/// Finds the last occurrence of `needle` in `haystack` that is not part of a longer word.
fn rfind_word(haystack: &str, needle: &str) -> Option<usize> {
    let ends_in_word = needle
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    haystack
        .rmatch_indices(needle)
        .map(|(position, _)| position)
        .find(|&position| {
            let starts_word = haystack[..position]
                .chars()
                .next_back()
                .is_none_or(|before| !before.is_alphanumeric());
            let ends_word = !ends_in_word
                || haystack[position + needle.len()..]
                    .chars()
                    .next()
                    .is_none_or(|after| !after.is_alphanumeric());
            starts_word && ends_word
        })
}

/// Maps a byte offset of the lower-cased caption back to the original text. Lower-casing
/// can change byte lengths, so the offset is carried over as a character count.
fn lower_to_original<'a>(original: &'a str, lower: &str, lower_offset: usize) -> &'a str {
    let characters = lower[..lower_offset].chars().count();
    original
        .char_indices()
        .nth(characters)
        .map_or("", |(offset, _)| &original[offset..])
}

fn clean_credit(raw: &str) -> Option<String> {
    let credit = raw
        .trim_start_matches([':', '.', '\u{2026}', ' ', '\u{a0}'])
        .trim_end_matches([')', ']', '.', ' ', '\u{a0}'])
        .trim();
    let credit = credit.strip_prefix('(').unwrap_or(credit).trim();
    let plausible = !credit.is_empty() && credit.chars().count() <= 120;
    plausible.then(|| credit.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_credits() {
        let cases = [
            ("The president in Baku. Photo: Azertac", Some("Azertac")),
            (
                "Митинг в Москве. Фото: Евгений Фельдман",
                Some("Евгений Фельдман"),
            ),
            ("Флаги. Фото Анна Иванова", Some("Анна Иванова")),
            ("A street. (Photo by John Smith)", Some("John Smith")),
            (
                "A street. Credit: Jane Roe for The Times",
                Some("Jane Roe for The Times"),
            ),
            ("Protesters. © Reuters", Some("Reuters")),
            (
                "Senators. Credit...Jane Roe/The New York Times",
                Some("Jane Roe/The New York Times"),
            ),
            (
                "Soldiers in Kharkiv. Jane Doe/Getty Images",
                Some("Jane Doe/Getty Images"),
            ),
            ("A photographer at work", None),
            ("Photography exhibition opens", None),
            ("Фотография из архива", None),
        ];
        for (caption, credit) in cases {
            assert_eq!(split_credit(caption).as_deref(), credit, "{caption}");
        }
    }
}

/// Class/id words of the element holding a caption's credit.
const CREDIT_WORDS: &[&str] = &[
    "credit",
    "credits",
    "copyright",
    "source",
    "photographer",
    "author",
    "byline",
];

/// The lead image as read from its `<figure>`.
#[derive(Debug, Default)]
pub struct FigureParts {
    pub image_url: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// Reads image, caption (as displayed, credit included) and credit of a figure. `caption_node`
/// overrides where the caption is (site rules); otherwise it is the `<figcaption>`.
pub fn read_figure(
    dom: &Dom,
    figure: usize,
    caption_node: Option<usize>,
    page_url: &Url,
) -> FigureParts {
    let caption_node = caption_node.or_else(|| dom.descendants_tagged(figure, "figcaption").next());
    let caption = caption_node
        .map(|node| dom.trimmed_block_text(node))
        .filter(|caption| !caption.is_empty());
    let credit_element = caption_node.unwrap_or(figure);
    let marked_credit = (credit_element..dom.nodes[credit_element].subtree_end)
        .find(|&index| {
            dom.element(index)
                .is_some_and(|element| element.has_hint(CREDIT_WORDS))
        })
        .map(|index| dom.line_text(index))
        .filter(|credit| !credit.is_empty())
        .and_then(|credit| split_credit(&credit).or_else(|| clean_credit(&credit)));
    let credit = marked_credit.or_else(|| caption.as_deref().and_then(split_credit));
    FigureParts {
        image_url: figure_image(dom, figure, page_url),
        caption,
        credit,
    }
}

/// The image URL of a figure: `src` (or a lazy-loading attribute), else the first `srcset` entry.
fn figure_image(dom: &Dom, figure: usize, page_url: &Url) -> Option<String> {
    let from_img = dom.descendants_tagged(figure, "img").find_map(|img| {
        ["src", "data-src", "data-lazy-src", "data-original"]
            .iter()
            .filter_map(|name| dom.attr(img, name))
            .chain(dom.attr(img, "srcset").and_then(first_srcset_url))
            .find(|src| !src.starts_with("data:") && !src.trim().is_empty())
    });
    let from_source = || {
        dom.descendants_tagged(figure, "source")
            .find_map(|source| dom.attr(source, "srcset").and_then(first_srcset_url))
    };
    from_img
        .or_else(from_source)
        .and_then(|src| absolute_url(page_url, src))
}

fn first_srcset_url(srcset: &str) -> Option<&str> {
    srcset.split(',').next()?.split_whitespace().next()
}

/// The article's leading `<figure>`: the first one after the headline's article region starts
/// and before the first body block, outside navigation, footers and sidebars.
pub fn find_lead_figure(
    dom: &Dom,
    headline: Option<usize>,
    containers: &[usize],
    first_block: Option<usize>,
) -> Option<usize> {
    let region_start = headline
        .map(|headline| {
            dom.ancestors(headline)
                .find(|&a| matches!(dom.tag(a), "article" | "main"))
                .unwrap_or(headline)
        })
        .or_else(|| containers.first().copied())?;
    let region_end =
        first_block.or_else(|| containers.first().map(|&c| dom.nodes[c].subtree_end))?;
    (region_start..region_end).find(|&index| {
        dom.tag(index) == "figure"
            && !dom.element(index).is_some_and(|figure| figure.is_hidden())
            && !dom
                .ancestors(index)
                .any(|a| matches!(dom.tag(a), "nav" | "footer" | "aside"))
    })
}
