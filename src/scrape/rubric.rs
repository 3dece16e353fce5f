//! The rubric: breadcrumb and section labels shown above the headline.

use url::Url;

use super::dom::Dom;
use super::metadata::{Crumb, absolute_url};

/// Labels of links back to the front page.
const HOME_LABELS: &[&str] = &[
    "home",
    "homepage",
    "home page",
    "main",
    "main page",
    "front page",
    "главная",
    "главная страница",
    "на главную",
    "головна",
    "startseite",
    "accueil",
    "inicio",
    "início",
    "home page \u{bb}",
];

/// Class/id words of rubric, section and breadcrumb labels.
const RUBRIC_WORDS: &[&str] = &[
    "rubric",
    "rubrics",
    "section",
    "sections",
    "category",
    "categories",
    "cat",
    "kicker",
    "eyebrow",
    "overline",
    "topic",
    "topics",
    "breadcrumb",
    "breadcrumbs",
    "crumbs",
    "crumb",
    "rubricator",
    "subject",
];

/// Labels longer than this are headlines or teasers, not rubric labels.
const MAX_LABEL_CHARS: usize = 60;

/// How far up from the headline rubric labels are looked for.
const HEADLINE_LEVELS: usize = 3;
const SIBLINGS_PER_LEVEL: usize = 4;

/// Rubric labels in page order: markup breadcrumbs, else labels near the headline, else
/// JSON-LD breadcrumbs; home links and the headline itself removed.
pub fn find_rubric(
    dom: &Dom,
    headline: Option<usize>,
    title: &str,
    site_name: Option<&str>,
    page_url: &Url,
    json_breadcrumb: &[Crumb],
) -> Vec<String> {
    let mut crumbs = markup_breadcrumb(dom);
    if crumbs.is_empty()
        && let Some(headline) = headline
    {
        crumbs = labels_near_headline(dom, headline);
    }
    if crumbs.is_empty() {
        crumbs = json_breadcrumb.to_vec();
    }
    clean_labels(crumbs, title, site_name, page_url)
}

/// Labels read from elements of the page, to be cleaned.
fn labels_of(dom: &Dom, elements: &[usize]) -> Vec<Crumb> {
    elements
        .iter()
        .flat_map(|&element| link_labels(dom, element))
        .collect()
}

/// Clean a list of labels: home links, the site name, repeated labels and a last crumb
/// that repeats the headline are not rubric labels.
pub fn clean_labels(
    crumbs: Vec<Crumb>,
    title: &str,
    site_name: Option<&str>,
    page_url: &Url,
) -> Vec<String> {
    let front_page = absolute_url(page_url, "/");
    let site_name = site_name.map(str::to_lowercase);
    let title = title.to_lowercase();
    let mut labels: Vec<String> = Vec::new();
    for crumb in crumbs {
        let lower = crumb.name.to_lowercase();
        let is_home = HOME_LABELS.contains(&lower.trim_end_matches(['>', '/', '\u{bb}', ' ']))
            || site_name.as_deref() == Some(lower.as_str())
            || (front_page.is_some()
                && crumb
                    .url
                    .as_deref()
                    .and_then(|href| absolute_url(page_url, href))
                    == front_page);
        let too_long = crumb.name.chars().count() > MAX_LABEL_CHARS;
        if crumb.name.is_empty()
            || is_home
            || too_long
            || lower == title
            || labels.contains(&crumb.name)
        {
            continue;
        }
        labels.push(crumb.name);
    }
    labels
}

/// `nav.breadcrumbs`, `[itemtype*=BreadcrumbList]`, `[aria-label*=breadcrumb]`.
fn markup_breadcrumb(dom: &Dom) -> Vec<Crumb> {
    let breadcrumb = dom.elements().find(|(index, element)| {
        let named = element.has_hint(&["breadcrumb", "breadcrumbs", "crumbs"]);
        let typed = element
            .attr("itemtype")
            .is_some_and(|t| t.contains("BreadcrumbList"));
        let labelled = element
            .attr("aria-label")
            .is_some_and(|label| label.to_lowercase().contains("breadcrumb"));
        (named || typed || labelled) && !dom.ancestors(*index).any(|a| dom.tag(a) == "footer")
    });
    let Some((root, _)) = breadcrumb else {
        return Vec::new();
    };
    let items: Vec<usize> = dom
        .descendants_tagged(root, "li")
        .filter(|&item| {
            !dom.ancestors(item)
                .take_while(|&a| a != root)
                .any(|a| dom.tag(a) == "li")
        })
        .collect();
    if items.is_empty() {
        return link_labels(dom, root);
    }
    items
        .into_iter()
        .map(|item| Crumb {
            name: dom.line_text(item),
            url: dom
                .descendants_tagged(item, "a")
                .next()
                .and_then(|link| dom.attr(link, "href"))
                .map(str::to_string),
        })
        .collect()
}

/// Rubric-classed elements just before the headline (its preceding siblings and those of
/// its nearest ancestors).
fn labels_near_headline(dom: &Dom, headline: usize) -> Vec<Crumb> {
    let levels = std::iter::once(headline)
        .chain(dom.ancestors(headline))
        .take(HEADLINE_LEVELS + 1);
    for level in levels {
        let Some(parent) = dom.nodes[level].parent else {
            break;
        };
        let siblings = dom.children(parent);
        let position = siblings
            .iter()
            .position(|&sibling| sibling == level)
            .unwrap_or(0);
        let mut found: Vec<usize> = siblings[..position]
            .iter()
            .rev()
            .filter(|&&sibling| dom.element(sibling).is_some())
            .take(SIBLINGS_PER_LEVEL)
            .filter_map(|&sibling| rubric_element(dom, sibling))
            .collect();
        if !found.is_empty() {
            found.reverse();
            return labels_of(dom, &found);
        }
    }
    Vec::new()
}

/// The element itself or its first descendant classed as a rubric.
fn rubric_element(dom: &Dom, root: usize) -> Option<usize> {
    (root..dom.nodes[root].subtree_end).find(|&index| {
        dom.element(index)
            .is_some_and(|element| element.has_hint(RUBRIC_WORDS))
    })
}

/// The labels of an element: each link's text, or its own text when it has no links.
fn link_labels(dom: &Dom, element: usize) -> Vec<Crumb> {
    let links: Vec<usize> = dom.descendants_tagged(element, "a").collect();
    if links.is_empty() {
        return vec![Crumb {
            name: dom.line_text(element),
            url: None,
        }];
    }
    links
        .into_iter()
        .map(|link| Crumb {
            name: dom.line_text(link),
            url: dom.attr(link, "href").map(str::to_string),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crumb(name: &str, url: &str) -> Crumb {
        Crumb {
            name: name.into(),
            url: Some(url.into()),
        }
    }

    #[test]
    fn home_link_and_headline_are_dropped() {
        let page = Url::parse("https://example.org/politics/story").expect("url");
        let labels = clean_labels(
            vec![
                crumb("Home", "/"),
                crumb("Politics", "/politics"),
                crumb("Story", "/politics/story"),
            ],
            "Story",
            None,
            &page,
        );
        assert_eq!(labels, vec!["Politics"]);
    }

    #[test]
    fn pages_read_from_files_keep_their_labels() {
        // A file:// page has no front page URL; no label may be mistaken for one.
        let page = Url::parse("file:///srv/pages/story.html").expect("url");
        let labels = clean_labels(
            vec![crumb("News", "/news"), crumb("World", "/world")],
            "Story",
            None,
            &page,
        );
        assert_eq!(labels, vec!["News", "World"]);
    }
}
