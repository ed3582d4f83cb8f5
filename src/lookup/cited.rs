//! The links an article cites. For plain text these are the bare http(s)
//! URLs in it; the Markdown and HTML readers can hand their own list of
//! (url, span) to the link checker instead.

use std::sync::OnceLock;

use regex::Regex;

use crate::document::Document;
use crate::extract::Span;

/// One cited link and where the article cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedUrl {
    pub url: String,
    pub span: Span,
}

/// The http(s) URLs an article cites, in text order, each once per place:
/// bare ones in its text, and the links of Markdown and HTML input.
pub fn cited_urls(document: &Document) -> Vec<CitedUrl> {
    static URL: OnceLock<Regex> = OnceLock::new();
    let pattern = URL.get_or_init(|| {
        Regex::new(r#"(?i)\bhttps?://[^\s<>"'`{}|\\^\[\]]+"#).expect("the URL pattern compiles")
    });
    let text = document.text();
    let mut cursor = document.span_cursor();
    let bare = pattern.find_iter(text).filter_map(|m| {
        let url = trim_trailing(m.as_str());
        // "http://" alone names nothing.
        let host = url.split_once("://")?.1;
        (!host.is_empty()).then(|| (url.to_string(), m.start()..m.start() + url.len()))
    });
    // Links of Markdown and HTML input, placed on their text; a link whose
    // text is its own address is found once.
    let linked = document
        .links
        .iter()
        .filter(|link| link.url.starts_with("http://") || link.url.starts_with("https://"))
        .map(|link| (link.url.clone(), link.at.clone()));
    let mut found: Vec<(String, std::ops::Range<usize>)> = bare.chain(linked).collect();
    found.sort_by_key(|(_, at)| (at.start, at.end));
    found.dedup();
    found
        .into_iter()
        .map(|(url, at)| CitedUrl {
            url,
            span: cursor.span(at.start, at.end),
        })
        .collect()
}

/// Drops the punctuation that ends the sentence around a URL, and a closing
/// bracket the URL did not open ("(see https://x.org/a)").
fn trim_trailing(url: &str) -> &str {
    let mut url = url;
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '*']);
        let trimmed = match trimmed.strip_suffix(')') {
            Some(inner) if inner.matches('(').count() < inner.matches(')').count() + 1 => inner,
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<String> {
        cited_urls(&Document::parse(text, None))
            .into_iter()
            .map(|c| c.url)
            .collect()
    }

    #[test]
    fn finds_bare_urls_without_sentence_punctuation() {
        assert_eq!(
            urls("Figures are at https://example.org/stats. More (see http://a.example/b_(c)) and https://x.example/y?q=1, too."),
            vec![
                "https://example.org/stats",
                "http://a.example/b_(c)",
                "https://x.example/y?q=1"
            ]
        );
    }

    #[test]
    fn spans_point_at_the_url() {
        let text = "Line one.\nSee https://example.org/a.";
        let found = cited_urls(&Document::parse(text, None));
        assert_eq!(found.len(), 1);
        let span = found[0].span;
        assert_eq!(&text[span.start..span.end], "https://example.org/a");
        assert_eq!((span.line, span.column), (2, 5));
    }

    #[test]
    fn ignores_other_schemes_and_empty_hosts() {
        assert!(
            urls("Write to mailto:desk@example.org or ftp://files.example or http:// alone.")
                .is_empty()
        );
    }
}
