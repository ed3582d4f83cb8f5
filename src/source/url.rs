//! Reading an article from an http(s) URL: the request goes through the
//! lookup stage's client (timeouts, redirects, size and content-type limits,
//! the private-address guard) and comes back as a [`Source`] like a file's,
//! with the media type as a hint of how to read it. Nothing in the page is
//! run: it is only ever decoded as text.

use super::{Reason, Source, SourceError};
use crate::lookup::NetworkOptions;

/// Whether a command-line argument names a web page rather than a file.
pub(crate) fn is_url(argument: &str) -> bool {
    let lower = argument.get(..8).unwrap_or(argument).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches and decodes the article at `url`.
#[cfg(feature = "net")]
pub(crate) fn fetch(url: &str, options: &NetworkOptions) -> Result<Source, SourceError> {
    use crate::lookup::http::Client;
    let error = |reason: String| SourceError {
        input: url.to_string(),
        reason: Reason::Network(reason),
    };
    let client = Client::new(options).map_err(|e| error(e.to_string()))?;
    let fetched = client.get_article(url).map_err(|e| error(e.to_string()))?;
    let text = super::decode(&fetched.body).map_err(|reason| SourceError {
        input: url.to_string(),
        reason,
    })?;
    if text.trim().is_empty() {
        return Err(SourceError {
            input: url.to_string(),
            reason: Reason::Empty,
        });
    }
    // The page's media type says how to read it; a server that calls
    // everything text/plain still gets its HTML read as HTML.
    let format = match fetched.content_type.as_deref() {
        Some("text/html" | "application/xhtml+xml") => super::InputFormat::Html,
        Some("text/markdown") => super::InputFormat::Markdown,
        _ => super::InputFormat::sniff(&text),
    };
    Ok(Source {
        name: url.to_string(),
        text,
        format,
        media_type: fetched.content_type,
    })
}

/// Built without the `net` feature, figcheck cannot fetch pages.
#[cfg(not(feature = "net"))]
pub(crate) fn fetch(url: &str, _options: &NetworkOptions) -> Result<Source, SourceError> {
    Err(SourceError {
        input: url.to_string(),
        reason: Reason::Network(
            "reading URLs needs figcheck built with the `net` feature".to_string(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_arguments_are_urls() {
        assert!(is_url("https://example.org/story"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("story.txt"));
        assert!(!is_url("ftp://example.org/a"));
        assert!(!is_url("http"));
    }
}
