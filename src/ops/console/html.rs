//! HTML building blocks: escaping, the page frame, times.

use std::fmt::{self, Display, Write};

use chrono::{DateTime, Utc};

/// Text escaped for HTML content and quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// A query-string value, percent-encoded for a link.
pub fn url_value(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

const NAV: [(&str, &str); 4] = [
    ("/", "Overview"),
    ("/ui/feeds", "Feeds"),
    ("/ui/articles", "Articles"),
    ("/ui/dead-letters", "Dead letters"),
];

/// The page frame around `body`: navigation, the stylesheet and the script (both served by the
/// daemon itself). The pages work without the script; it only adds refresh, live filtering and
/// the action buttons' requests.
pub fn page(title: &str, current: &str, actions: bool, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · newswire</title>\
         <link rel=\"stylesheet\" href=\"/ui/console.css\">\
         <script src=\"/ui/console.js\" defer></script></head>\
         <body data-actions=\"{}\"><header><strong>newswire</strong><nav>",
        Esc(title),
        if actions { "on" } else { "off" }
    );
    for (href, label) in NAV {
        let here = if href == current {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(out, "<a href=\"{href}\"{here}>{label}</a>");
    }
    out.push_str("</nav>");
    if actions {
        out.push_str(
            "<label class=\"js-only token\">Admin token \
             <input type=\"password\" id=\"admin-token\" autocomplete=\"off\"></label>",
        );
    }
    out.push_str(
        "<label class=\"js-only\"><input type=\"checkbox\" id=\"auto-refresh\"> refresh every 10 s</label>\
         </header><main>",
    );
    let _ = write!(out, "<h1>{}</h1>", Esc(title));
    out.push_str(body);
    out.push_str("<p id=\"action-result\" role=\"status\"></p></main></body></html>\n");
    out
}

/// A UTC time as `2025-08-27 09:41:07`, or `-`.
pub fn time(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| "-".into())
}

/// A duration in words: `3 d 4 h`, `5 min`, `12 s`.
pub fn duration(secs: u64) -> String {
    match secs {
        s if s >= 86_400 && s % 86_400 >= 3600 => {
            format!("{} d {} h", s / 86_400, s % 86_400 / 3600)
        }
        s if s >= 86_400 => format!("{} d", s / 86_400),
        s if s >= 3600 && s % 3600 >= 60 => format!("{} h {} min", s / 3600, s % 3600 / 60),
        s if s >= 3600 => format!("{} h", s / 3600),
        s if s >= 60 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_would_read() {
        assert_eq!(
            Esc("<a href=\"x\">Tom & 'Jerry'</a>").to_string(),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(Esc("Алиев").to_string(), "Алиев");
    }

    #[test]
    fn durations_read_as_words() {
        assert_eq!(duration(3600), "1 h");
        assert_eq!(duration(3660), "1 h 1 min");
        assert_eq!(duration(90_000), "1 d 1 h");
        assert_eq!(duration(59), "59 s");
    }
}
