//! The Markdown renderer: a review sheet in GitHub-flavoured Markdown. Per
//! document, one table row per claim with an unticked box for the checker,
//! the claim in bold in its sentence, its value, its source, the findings
//! that involve it and its look-up links; then a table of findings.
//!
//! Task-list items (`- [ ]`) do not render inside table cells, so the box is
//! the character ☐, which survives copying into any editor.

use std::io::{self, Write};

use super::{
    attribution_words, claim_number, describe, finding_label, DocumentReport, Renderer, Report,
    Style,
};
use crate::extract::Link;

pub struct Markdown;

impl Renderer for Markdown {
    fn render(&self, report: &Report, _style: Style, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "# figcheck review\n\n{}\n", report.summary())?;
        for document in &report.documents {
            render_document(document, out)?;
        }
        Ok(())
    }
}

fn render_document(document: &DocumentReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {}\n", escape(&document.source))?;
    match &document.as_of {
        Some(date) => writeln!(out, "As of {date}.\n")?,
        None => writeln!(out, "No publication date found (give one with --as-of).\n")?,
    }
    if document.claims.is_empty() {
        writeln!(out, "No checkable figures or dates found.\n")?;
    } else {
        writeln!(
            out,
            "| checked | # | at | kind | claim in context | value | source | findings | look up |"
        )?;
        writeln!(out, "|---|---:|---|---|---|---|---|---|---|")?;
        for (claim, context) in document.claims_in_context() {
            let marks: Vec<String> = document
                .findings_of(claim)
                .map(|(i, _)| finding_label(i))
                .collect();
            let in_context = format!(
                "{}**{}**{}",
                escape(&context.before),
                escape(&context.claim),
                escape(&context.after)
            );
            writeln!(
                out,
                "| ☐ | {} | {}:{} | {} | {} | {} | {} | {} | {} |",
                claim_number(claim),
                claim.span.line,
                claim.span.column,
                claim.kind.as_str(),
                in_context,
                escape(&describe(claim)),
                source(claim),
                marks.join(" "),
                links(&claim.links),
            )?;
        }
        writeln!(out)?;
    }
    if !document.findings.is_empty() {
        writeln!(out, "### Findings\n")?;
        writeln!(out, "| | severity | at | rule | finding | claims |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for (i, finding) in document.findings.iter().enumerate() {
            let claims: Vec<&str> = finding
                .claims
                .iter()
                .map(|id| id.trim_start_matches('c'))
                .collect();
            writeln!(
                out,
                "| {} | {} | {}:{} | `{}` | {} | {} |",
                finding_label(i),
                finding.severity.as_str(),
                finding.span.line,
                finding.span.column,
                finding.rule,
                escape(&finding.message),
                claims.join(", "),
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn source(claim: &crate::extract::Claim) -> String {
    match attribution_words(claim) {
        words if words.is_empty() => "—".to_string(),
        words => escape(&words),
    }
}

/// Look-up links as Markdown links, or nothing when there are none.
fn links(links: &[Link]) -> String {
    links
        .iter()
        .map(|link| format!("[{}]({})", escape(&link.title), escape_url(&link.url)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Text for a table cell: Markdown's inline syntax is escaped with
/// backslashes (so a `*` or `_` in a quotation stays a character), pipes
/// cannot end the cell, and line breaks become spaces.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut previous = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // An underscore inside a word ("demo_harbour") never emphasises.
            '_' if previous.is_alphanumeric()
                && chars.peek().is_some_and(|n| n.is_alphanumeric()) =>
            {
                escaped.push(c)
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                escaped.push('\\');
                escaped.push(c);
            }
            // An ampersand is kept as it is unless it could start an entity.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                escaped.push_str("\\&");
            }
            '\r' | '\n' => escaped.push(' '),
            _ => escaped.push(c),
        }
        previous = c;
    }
    escaped
}

/// A URL for a link destination inside a table: characters that would end
/// the destination or the cell are percent-encoded.
fn escape_url(url: &str) -> String {
    let mut escaped = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => escaped.push_str("%20"),
            '(' => escaped.push_str("%28"),
            ')' => escaped.push_str("%29"),
            '<' => escaped.push_str("%3C"),
            '>' => escaped.push_str("%3E"),
            '|' => escaped.push_str("%7C"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_text_cannot_break_the_table_or_the_emphasis() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("*not bold* _x_"), "\\*not bold\\* \\_x\\_");
        assert_eq!(escape("AT&T &amp;"), "AT\\&T \\&amp;");
        assert_eq!(escape("£4.2m, 57%"), "£4.2m, 57%");
        assert_eq!(escape("one\ntwo"), "one two");
        assert_eq!(escape("demo_harbour _x"), "demo_harbour \\_x");
    }

    #[test]
    fn links_render_only_what_the_list_holds() {
        assert_eq!(links(&[]), "");
        let link = Link {
            title: "Wikipedia".into(),
            url: "https://en.wikipedia.org/wiki/Ferry_(boat)|x".into(),
        };
        assert_eq!(
            links(&[link]),
            "[Wikipedia](https://en.wikipedia.org/wiki/Ferry_%28boat%29%7Cx)"
        );
    }
}
