//! Hostile and broken input: the extractor must return, never panic or overflow the stack.

use std::path::Path;

use newswire::scrape::{ExtractError, SiteRule, SiteRules, extract};
use url::Url;

fn page_url() -> Url {
    Url::parse("https://example.org/news/2024/05/01/story")
        .unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn empty_input_is_an_error() {
    let rules = SiteRules::empty();
    assert!(matches!(
        extract("", &page_url(), &rules),
        Err(ExtractError::Empty)
    ));
    assert!(matches!(
        extract(" \n\t ", &page_url(), &rules),
        Err(ExtractError::Empty)
    ));
}

#[test]
fn binary_garbage_is_not_html() {
    let garbage: String = (0..20_000u32)
        .map(|i| char::from_u32((i * 7919) % 0x250).unwrap_or('\0'))
        .collect();
    let result = extract(&garbage, &page_url(), &SiteRules::empty());
    assert!(
        matches!(result, Err(ExtractError::NotHtml(_))),
        "{result:?}"
    );
    let png_like = "\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR\0\0\0\u{1}\0\0\0\u{1}\u{8}\u{6}\0\0\0";
    assert!(matches!(
        extract(png_like, &page_url(), &SiteRules::empty()),
        Err(ExtractError::NotHtml(_))
    ));
}

#[test]
fn page_without_text_has_no_content() {
    let result = extract(
        "<html><head><title>x</title></head><body><div></div></body></html>",
        &page_url(),
        &SiteRules::empty(),
    );
    assert!(matches!(result, Err(ExtractError::NoContent)), "{result:?}");
}

#[test]
fn hundred_thousand_nested_divs() {
    let depth = 100_000;
    let html = format!(
        "<html><body>{}<p>Deep inside, the story still has a paragraph of text.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let article =
        extract(&html, &page_url(), &SiteRules::empty()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        article.paragraphs,
        ["Deep inside, the story still has a paragraph of text."]
    );
}

#[test]
fn unclosed_nested_inline_elements() {
    let html = format!("<body><p>{}text", "<span><b><i>".repeat(30_000));
    assert!(extract(&html, &page_url(), &SiteRules::empty()).is_ok());
}

#[test]
fn broken_entities_are_kept_as_text() {
    let html = "<body><article><h1>Title &amp; more</h1><p>Fish &chips; &#xZZ; &#99999999; &unknown &lt;b&gt; &amp costs 5&nbsp;&euro</p></article></body>";
    let article =
        extract(html, &page_url(), &SiteRules::empty()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(article.title, "Title & more");
    assert_eq!(article.paragraphs.len(), 1);
    assert!(
        article.paragraphs[0].starts_with("Fish &chips; &#xZZ;"),
        "{:?}",
        article.paragraphs
    );
    assert!(
        article.paragraphs[0].contains("<b>"),
        "{:?}",
        article.paragraphs
    );
}

#[test]
fn twenty_megabyte_page_finishes() {
    let paragraph = "<p>Officials said on Tuesday that the new rules, which were announced last week, would take effect in the spring, despite objections from several regional governments.</p>\n";
    let mut html =
        String::from("<html><head><title>Big</title></head><body><article><h1>Big page</h1>");
    while html.len() < 20 * 1024 * 1024 {
        html.push_str(paragraph);
    }
    html.push_str("</article></body></html>");
    let article =
        extract(&html, &page_url(), &SiteRules::empty()).unwrap_or_else(|error| panic!("{error}"));
    assert!(article.paragraphs.len() > 100_000);
}

#[test]
fn plain_text_is_not_html() {
    let result = extract(
        "just some words, no markup at all",
        &page_url(),
        &SiteRules::empty(),
    );
    assert!(matches!(result, Err(ExtractError::NotHtml(_))));
}

/// A page of a Cyrillic site served in windows-1251: the caller decodes the bytes, the
/// extractor sees UTF-8 text like any other.
#[test]
fn windows_1251_page_decoded_by_the_caller() {
    let page = "<html lang=\"ru\"><head><meta charset=\"windows-1251\"><title>Бюджет принят — Новости</title></head>\
        <body><article><h1>Бюджет принят</h1>\
        <p>Городской совет во вторник, после долгих споров, утвердил бюджет на школы, дороги и парки.</p>\
        <div class=\"insert\"><a href=\"/x\">Читайте также: другой материал</a></div>\
        <p>«Это хороший день», — сказал мэр.</p></article></body></html>";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(page);
    assert!(!unmappable);
    let (decoded, _, malformed) = encoding_rs::WINDOWS_1251.decode(&bytes);
    assert!(!malformed);
    let article = extract(&decoded, &page_url(), &SiteRules::empty())
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(article.title, "Бюджет принят");
    assert_eq!(article.language.as_deref(), Some("ru"));
    assert_eq!(
        article.paragraphs,
        [
            "Городской совет во вторник, после долгих споров, утвердил бюджет на школы, дороги и парки.",
            "«Это хороший день», — сказал мэр.",
        ]
    );
}

/// `<br>` in a caption is a line break inside the caption block, as in any block.
#[test]
fn line_break_in_caption() {
    let html = "<html><body><article><h1>Title of the story</h1>\
        <figure><img src=\"/lead.jpg\"><figcaption>The council chamber.<br> Photo: John Smith/Reuters</figcaption></figure>\
        <p>The council voted on Tuesday, after a long debate, to approve the new budget for schools.</p>\
        </article></body></html>";
    let article =
        extract(html, &page_url(), &SiteRules::empty()).unwrap_or_else(|error| panic!("{error}"));
    let image = article
        .lead_image
        .unwrap_or_else(|| panic!("no lead image"));
    assert_eq!(
        image.caption.as_deref(),
        Some("The council chamber.\nPhoto: John Smith/Reuters")
    );
    assert_eq!(image.credit.as_deref(), Some("John Smith/Reuters"));
    assert_eq!(
        article.text,
        "Title of the story\n\nThe council chamber.\nPhoto: John Smith/Reuters\n\n\
         The council voted on Tuesday, after a long debate, to approve the new budget for schools."
    );
}

/// Pathological sizes finish (no time is asserted: the point is that nothing is quadratic
/// enough to hang).
#[test]
fn two_hundred_thousand_paragraph_siblings() {
    let mut html = String::from("<html><body><article><h1>Many</h1>");
    for index in 0..200_000 {
        html.push_str(&format!("<p>Paragraph {index}, short.</p>"));
    }
    html.push_str("</article></body></html>");
    let article =
        extract(&html, &page_url(), &SiteRules::empty()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(article.paragraphs.len(), 200_000);
}

#[test]
fn twenty_megabyte_text_node() {
    let words = "word, another word and more. ".repeat(20 * 1024 * 1024 / 29);
    let html = format!("<html><body><article><p>{words}</p></article></body></html>");
    let article =
        extract(&html, &page_url(), &SiteRules::empty()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(article.paragraphs.len(), 1);
    assert_eq!(article.paragraphs[0].len(), words.len());
}

#[test]
fn deeply_nested_tables() {
    let depth = 10_000;
    let html = format!(
        "<html><body>{}<p>Inside every table, the story still has a paragraph of text.</p>{}</body></html>",
        "<table><tr><td>".repeat(depth),
        "</td></tr></table>".repeat(depth)
    );
    let article =
        extract(&html, &page_url(), &SiteRules::empty()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        article.paragraphs,
        ["Inside every table, the story still has a paragraph of text."]
    );
}

/// A page with the markup the pre-parse scan must read as the tokenizer does: quoted `>` and
/// unquoted values, odd attribute names, comments between text, `<noscript>`, `<template>`,
/// inline SVG with a title, scripts and JSON-LD, hidden elements.
const TRICKY_PAGE: &str = r#"<!DOCTYPE html><html LANG="en"><head>
<title>Harbour reopens | Example</title>
<meta property="og:title" content="Harbour reopens after the storm" data-x='a>b'>
<meta name=description content=Short>
<link rel=canonical href="https://example.org/harbour" data-y="1">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-01T08:00:00Z"}</script>
<script>if (a < b && c > d) { document.write("<p data-q='x'>no</p>"); }</script>
<style>.hidden { display: none }</style>
</head><body data-page='{"a": "<b>"}'>
<nav class=menu data-track=nav><a href=/ onclick="go('<x>')">Home</a></nav>
<svg aria-hidden="true" width=10><title>Icon title</title><path d="M0 0L10 10"/></svg>
<main><article itemprop=articleBody data-id=7>
<h1 class="headline" title='Harbour > reopens'>Harbour reopens</h1>
<div class="byline" data-author-id=3>By <a href="/staff/ann" rel=author data-x=1>Ann Lee</a></div>
<p data-para=1>The harbour reopened on Tuesday, two weeks after the storm<!-- ad slot --> closed it to ships and ferries.</p>
<p =odd class="body" style='color: red'>Dock workers cleared the wreckage<!--[if IE]><p>old</p><![endif]--> by hand, day and night, while divers checked the piers.</p>
<p title="quote: <b data-z='1'>" data-q=2>Ferries run again from Wednesday, the port authority said in a statement.</p>
<div style="display:none" data-hidden>Hidden promotion text that nobody sees on the page.</div>
<noscript><img src="/lazy.jpg" data-src="/real.jpg"><!-- note --><p data-n=1>Noscript text</p></noscript>
<template><p data-t=1>Template text, shown by a script only.</p></template>
<p>Fishermen welcomed the news<br data-x=1>and planned to sail at dawn on Thursday.</p>
<figure><img src="/dock.jpg" srcset="/dock-2x.jpg 2x" alt="Dock" loading=lazy><figcaption data-c=1>The dock. Photo: Ann Lee</figcaption></figure>
</article></main>
<footer data-f=1><p>Copyright Example News, all rights reserved.</p></footer>
</body></html>"#;

/// A site rule for the test pages' host that drops nothing: its pages are parsed with every
/// attribute and comment, and are otherwise read as without a rule.
fn rules_dropping_nothing() -> SiteRules {
    let rule = SiteRule::parse(
        "host = \"example.org\"\ndrop = [\"[data-never-there]\"]\n",
        Path::new("never.toml"),
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let mut rules = SiteRules::empty();
    rules.add(rule).unwrap_or_else(|error| panic!("{error}"));
    rules
}

/// The generic extractor's parser sees only the attributes it reads (and no comments); on the
/// pages of a site rule, whose selectors may test anything, it sees them all. A rule that drops
/// nothing must therefore leave every article unchanged, on the page and on every cut of it
/// (unterminated tags, quotes and comments), and no cut may panic.
#[test]
fn reading_fewer_attributes_changes_no_article() {
    let ruled = rules_dropping_nothing();
    let generic = SiteRules::empty();
    let full =
        extract(TRICKY_PAGE, &page_url(), &generic).unwrap_or_else(|error| panic!("{error}"));
    assert!(
        full.paragraphs
            .iter()
            .any(|p| p.starts_with("Dock workers cleared"))
    );
    assert!(!full.text.contains("Noscript text") && !full.text.contains("Template text"));
    let mut compared = 0;
    for cut in (0..=TRICKY_PAGE.len()).filter(|&cut| TRICKY_PAGE.is_char_boundary(cut)) {
        let page = &TRICKY_PAGE[..cut];
        let read = extract(page, &page_url(), &generic).map_err(|error| error.to_string());
        let all = extract(page, &page_url(), &ruled).map_err(|error| error.to_string());
        assert_eq!(read, all, "page cut after {cut} bytes");
        compared += 1;
    }
    assert!(compared > 1000);
}

/// The same with the page garbled: markup characters inserted at pseudo-random places (a fixed
/// sequence, so a failure repeats), which makes tags, quotes and comments end elsewhere.
#[test]
fn garbled_markup_reads_the_same_with_fewer_attributes() {
    const PIECES: &[&str] = &[
        "<", ">", "\"", "'", "=", "<!--", "-->", "</p>", "<a ", "/", " x=", "\n",
    ];
    let ruled = rules_dropping_nothing();
    let generic = SiteRules::empty();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as usize % bound
    };
    for round in 0..600 {
        let mut page = TRICKY_PAGE.to_string();
        for _ in 0..1 + next(4) {
            let mut at = next(page.len() + 1);
            while !page.is_char_boundary(at) {
                at -= 1;
            }
            page.insert_str(at, PIECES[next(PIECES.len())]);
        }
        let read = extract(&page, &page_url(), &generic).map_err(|error| error.to_string());
        let all = extract(&page, &page_url(), &ruled).map_err(|error| error.to_string());
        assert_eq!(read, all, "round {round}: {page}");
    }
}
