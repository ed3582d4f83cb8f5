//! The report stage: the report model (what the JSON contract serialises)
//! and the renderers that print it. Renderers see only the model, never the
//! parsers, so a new format is one new file behind [`Renderer`].

mod json;
mod table;

use std::io::{self, Write};

use serde::Serialize;

use crate::document::Document;
use crate::extract::Claim;
use crate::rules::{Finding, Severity};

pub use crate::extract::{describe, format_amount};
pub use json::Json;
pub use table::Table;

/// The report for one input: its claims and findings.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    pub source: String,
    pub as_of: Option<String>,
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
    /// Each claim's sentence around it, for review formats.
    #[serde(skip)]
    pub contexts: Vec<Context>,
}

/// A claim in its sentence: the text before it, the claim, the text after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub before: String,
    pub claim: String,
    pub after: String,
}

/// How much sentence to keep on each side of a claim, in characters.
const CONTEXT_CHARS: usize = 50;

impl DocumentReport {
    pub fn new(
        source: &str,
        document: &Document,
        claims: Vec<Claim>,
        findings: Vec<Finding>,
    ) -> DocumentReport {
        let contexts = claims.iter().map(|c| context_of(document, c)).collect();
        DocumentReport {
            source: source.to_string(),
            as_of: document.published.map(|d| d.to_string()),
            claims,
            findings,
            contexts,
        }
    }
}

fn context_of(document: &Document, claim: &Claim) -> Context {
    let text = document.text();
    let sentence = document.sentences[claim.sentence].span.clone();
    let before = &text[sentence.start.min(claim.span.start)..claim.span.start];
    let after = &text[claim.span.end..sentence.end.max(claim.span.end)];
    Context {
        before: flatten(trim_start_to_words(before, CONTEXT_CHARS)),
        claim: flatten(&claim.text),
        after: flatten(trim_end_to_words(after, CONTEXT_CHARS)),
    }
}

/// Runs of white space (line breaks included) become one space; a space at
/// either end is kept, so the claim does not run into its context.
fn flatten(text: impl AsRef<str>) -> String {
    let text = text.as_ref();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return if text.is_empty() {
            String::new()
        } else {
            " ".to_string()
        };
    }
    let lead = if text.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if text.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    format!("{lead}{words}{trail}")
}

/// The last `limit` characters of `text`, cut at a word start, with "…".
fn trim_start_to_words(text: &str, limit: usize) -> String {
    let count = text.chars().count();
    if count <= limit {
        return text.to_string();
    }
    let cut = text.char_indices().nth(count - limit).map_or(0, |(i, _)| i);
    let tail = &text[cut..];
    let word_start = tail
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    format!("…{}", &tail[word_start..])
}

/// The first `limit` characters of `text`, cut at a word end, with "…".
fn trim_end_to_words(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut = text
        .char_indices()
        .nth(limit)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let word_end = head.rfind(char::is_whitespace).unwrap_or(head.len());
    format!("{}…", &head[..word_end])
}

/// The report for a whole run: version 1 of the JSON contract.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub documents: Vec<DocumentReport>,
    /// Findings left out because a baseline records them (not in the JSON).
    #[serde(skip)]
    pub hidden_by_baseline: usize,
}

impl Report {
    pub fn new(documents: Vec<DocumentReport>) -> Report {
        Report {
            version: 1,
            documents,
            hidden_by_baseline: 0,
        }
    }

    /// The most severe finding in the run, if any.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.documents
            .iter()
            .flat_map(|d| &d.findings)
            .map(|f| f.severity)
            .max()
    }

    /// "2 errors, 5 warnings in 1 article" (claims counted when nothing is found).
    pub fn summary(&self) -> String {
        let count = |severity| {
            self.documents
                .iter()
                .flat_map(|d| &d.findings)
                .filter(|f| f.severity == severity)
                .count()
        };
        let parts: Vec<String> = [
            (Severity::Error, "error"),
            (Severity::Warning, "warning"),
            (Severity::Info, "note"),
        ]
        .into_iter()
        .filter(|(severity, _)| count(*severity) > 0)
        .map(|(severity, noun)| plural(count(severity), noun))
        .collect();
        let claims: usize = self.documents.iter().map(|d| d.claims.len()).sum();
        let found = if parts.is_empty() {
            format!("no findings, {}", plural(claims, "claim"))
        } else {
            format!("{}, {}", parts.join(", "), plural(claims, "claim"))
        };
        let hidden = match self.hidden_by_baseline {
            0 => String::new(),
            n => format!(" ({} hidden by the baseline)", plural(n, "finding")),
        };
        format!(
            "{found} in {}{hidden}",
            plural(self.documents.len(), "article")
        )
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// How a renderer may decorate its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colour and emphasis.
    pub colour: bool,
    /// The width to fit, in columns.
    pub width: u16,
    /// The terminal shows OSC 8 hyperlinks: links as short labels, not footnotes.
    pub hyperlinks: bool,
}

/// One output format.
pub trait Renderer {
    fn render(&self, report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_at_words_with_ellipses() {
        let before = "one two three four five six seven eight nine ten eleven twelve ";
        assert_eq!(trim_start_to_words(before, 20), "…ten eleven twelve ");
        assert_eq!(
            trim_end_to_words(" alpha beta gamma delta", 12),
            " alpha beta…"
        );
        assert_eq!(trim_end_to_words(" short", 12), " short");
        assert_eq!(trim_start_to_words("aaaa\u{a0}bbbb cc", 8), "…bbbb cc");
        assert_eq!(flatten(" on\nSaturday, "), " on Saturday, ");
        assert_eq!(flatten("."), ".");
    }
}
