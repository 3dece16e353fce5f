//! Article language (ISO 639-1) from the text, with the page's markup as a hint.

/// The markup hint counts, but the text decides when detection is confident and disagrees:
/// pages copied from templates often keep the wrong `lang` attribute.
pub fn detect_language(text: &str, markup_hint: Option<&str>) -> Option<String> {
    let hint = markup_hint
        .map(|h| h.trim().to_ascii_lowercase())
        .and_then(|h| h.get(..2).map(str::to_string))
        .filter(|h| h.chars().all(|c| c.is_ascii_lowercase()));
    let detected = whatlang::detect(text).and_then(|info| {
        let code = isolang::Language::from_639_3(info.lang().code())?.to_639_1()?;
        Some((code.to_string(), info.is_reliable()))
    });
    match (detected, hint) {
        (Some((code, true)), _) => Some(code),
        (_, Some(hint)) => Some(hint),
        (Some((code, false)), None) => Some(code),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_decides_over_a_wrong_hint() {
        let en = "The president said on Tuesday that the government would present the budget to parliament next week.";
        assert_eq!(detect_language(en, Some("ru")).as_deref(), Some("en"));
        let ru = "Президент заявил во вторник, что правительство представит бюджет парламенту на следующей неделе.";
        assert_eq!(detect_language(ru, None).as_deref(), Some("ru"));
    }

    #[test]
    fn hint_is_used_when_text_says_little() {
        assert_eq!(detect_language("OK", Some("de-AT")).as_deref(), Some("de"));
        assert_eq!(detect_language("", None), None);
    }
}
