//! The HTML renderer: one self-contained review page (no external scripts,
//! styles or fonts). Per document, the article text with every claim
//! highlighted by a `<mark>` that carries its number and is coloured by the
//! worst finding that involves it, beside a table of claims and one of
//! findings. Checkboxes filter both by claim kind and by severity; a print
//! stylesheet gives a clean paper copy of what is shown.
//!
//! The query string drives the page too, so a filtered view can be shared
//! and tested: `?hide=date,warning` starts with those boxes unticked, and
//! `?selftest` makes the inline script check its own highlights and filters
//! and write the verdict into `<output id="selftest">`.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{
    attribution_words, claim_number, describe, finding_label, DocumentReport, Renderer, Report,
    Style,
};
use crate::extract::{ClaimKind, Link};
use crate::rules::Severity;

pub struct Html;

const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/page.js");

/// The severity filter's values, worst first; "none" is a claim no finding involves.
const SEVERITIES: [&str; 4] = ["error", "warning", "info", "none"];

impl Renderer for Html {
    fn render(&self, report: &Report, _style: Style, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(page(report).as_bytes())
    }
}

fn page(report: &Report) -> String {
    let mut html = String::new();
    let title = match report.documents.as_slice() {
        [one] => format!("figcheck review — {}", one.source),
        _ => "figcheck review".to_string(),
    };
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"figcheck {}\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    );
    let _ = write!(
        html,
        "<header>\n<h1>figcheck review</h1>\n<p class=\"summary\">{}</p>\n",
        escape(&report.summary())
    );
    filters(report, &mut html);
    html.push_str("<output id=\"selftest\" hidden></output>\n</header>\n<main>\n");
    for (i, document) in report.documents.iter().enumerate() {
        section(document, &format!("d{}", i + 1), &mut html);
    }
    let _ = write!(
        html,
        "</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n"
    );
    html
}

/// The filter boxes: every claim kind in the report, every severity.
fn filters(report: &Report, html: &mut String) {
    let mut kinds: Vec<ClaimKind> = report
        .documents
        .iter()
        .flat_map(|d| &d.claims)
        .map(|c| c.kind)
        .collect();
    kinds.sort_by_key(|k| *k as u8);
    kinds.dedup();
    html.push_str("<form id=\"filters\" class=\"filters\">\n<fieldset><legend>Kind</legend>");
    for kind in kinds {
        checkbox(html, "kind", kind.as_str(), kind.as_str());
    }
    html.push_str("</fieldset>\n<fieldset><legend>Severity</legend>");
    for severity in SEVERITIES {
        let label = if severity == "none" {
            "no finding"
        } else {
            severity
        };
        checkbox(html, "severity", severity, label);
    }
    html.push_str("</fieldset>\n<span class=\"shown\" id=\"shown\"></span>\n</form>\n");
}

fn checkbox(html: &mut String, name: &str, value: &str, label: &str) {
    let _ = write!(
        html,
        "<label class=\"{name} {name}-{value}\"><input type=\"checkbox\" name=\"{name}\" value=\"{value}\" checked> {label}</label> "
    );
}

fn severity_name(severity: Option<Severity>) -> &'static str {
    severity.map_or("none", Severity::as_str)
}

fn section(document: &DocumentReport, id: &str, html: &mut String) {
    let as_of = match &document.as_of {
        Some(date) => format!("as of {date}"),
        None => "no publication date found (give one with --as-of)".to_string(),
    };
    let _ = write!(
        html,
        "<section class=\"document\" id=\"{id}\" data-claims=\"{}\">\n<h2>{}</h2>\n<p class=\"as-of\">{} · {} claims · {} findings</p>\n<div class=\"layout\">\n",
        document.claims.len(),
        escape(&document.source),
        escape(&as_of),
        document.claims.len(),
        document.findings.len()
    );
    html.push_str("<article class=\"text\">");
    article(document, id, html);
    html.push_str("</article>\n<aside>\n");
    claims_table(document, id, html);
    findings_table(document, id, html);
    html.push_str("</aside>\n</div>\n</section>\n");
}

/// One highlight in the article text: a claim's `<mark>` or the flag on
/// text that a finding names without a claim.
struct Highlight {
    start: usize,
    end: usize,
    open: String,
    close: &'static str,
}

/// The article text, escaped, with claims and unattached findings
/// highlighted. Highlights nest; one that overlaps a highlight it starts
/// inside is cut at that highlight's end, so the markup stays well formed.
fn article(document: &DocumentReport, id: &str, html: &mut String) {
    // The page shows the plain text, so highlights use places in it rather
    // than the spans, which point into a Markdown or HTML source.
    let plain = &document.plain;
    let text = plain.text.as_str();
    let place =
        |places: &[std::ops::Range<usize>], i: usize| places.get(i).cloned().unwrap_or(0..0);
    let valid = |start: usize, end: usize| {
        start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    };
    let mut highlights: Vec<Highlight> = Vec::new();
    for (n, claim) in document.claims.iter().enumerate() {
        let severity = severity_name(document.worst_of(claim));
        let findings: Vec<String> = document
            .findings_of(claim)
            .map(|(i, f)| {
                format!(
                    "{} {}: {}",
                    finding_label(i),
                    f.severity.as_str(),
                    f.message
                )
            })
            .collect();
        let mut title = format!(
            "{} · {} · {}",
            claim_number(claim),
            claim.kind.as_str(),
            describe(claim)
        );
        for line in findings {
            title.push('\n');
            title.push_str(&line);
        }
        // A claim whose span cannot be shown still gets its mark, empty, so
        // every claim of the report is on the page.
        let at = place(&plain.claims, n);
        let (start, end) = if valid(at.start, at.end) {
            (at.start, at.end)
        } else {
            (text.len(), text.len())
        };
        highlights.push(Highlight {
            start,
            end,
            open: format!(
                "<mark id=\"{id}-{}\" class=\"claim sev-{severity}\" data-n=\"{}\" data-kind=\"{}\" data-severity=\"{severity}\" title=\"{}\">",
                escape(&claim.id),
                escape(claim_number(claim)),
                claim.kind.as_str(),
                escape(&title)
            ),
            close: "</mark>",
        });
    }
    for (i, finding) in document.unattached_findings() {
        let at = place(&plain.findings, i);
        if !valid(at.start, at.end) {
            continue;
        }
        let label = finding_label(i);
        let severity = finding.severity.as_str();
        highlights.push(Highlight {
            start: at.start,
            end: at.end,
            open: format!(
                "<span id=\"{id}-{}\" class=\"flag sev-{severity}\" data-finding=\"{label}\" data-severity=\"{severity}\" title=\"{}\">",
                label.to_lowercase(),
                escape(&format!("{label} {severity}: {}", finding.message))
            ),
            close: "</span>",
        });
    }
    weave(text, highlights, html);
}

/// Writes `text`, escaped, with the highlights' tags around their ranges.
/// Ranges must lie on character boundaries inside `text`.
fn weave(text: &str, mut highlights: Vec<Highlight>, html: &mut String) {
    highlights.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut pos = 0;
    let mut open: Vec<(usize, &str)> = Vec::new();
    for highlight in &highlights {
        while let Some(&(end, close)) = open.last() {
            if end > highlight.start {
                break;
            }
            html.push_str(&escape(&text[pos..end]));
            html.push_str(close);
            pos = end;
            open.pop();
        }
        html.push_str(&escape(&text[pos..highlight.start]));
        pos = highlight.start;
        let end = open
            .last()
            .map_or(highlight.end, |&(parent, _)| highlight.end.min(parent));
        html.push_str(&highlight.open);
        open.push((end, highlight.close));
    }
    while let Some((end, close)) = open.pop() {
        html.push_str(&escape(&text[pos..end]));
        html.push_str(close);
        pos = end;
    }
    html.push_str(&escape(&text[pos..]));
}

fn claims_table(document: &DocumentReport, id: &str, html: &mut String) {
    if document.claims.is_empty() {
        html.push_str("<p class=\"empty\">No checkable figures or dates found.</p>\n");
        return;
    }
    html.push_str(
        "<table class=\"claims\">\n<caption>Claims</caption>\n<thead><tr><th title=\"checked\">✓</th><th>#</th><th>at</th><th>kind</th><th>claim in context</th><th>value</th><th>source</th><th>findings</th><th>look up</th></tr></thead>\n<tbody>\n",
    );
    for (claim, context) in document.claims_in_context() {
        let severity = severity_name(document.worst_of(claim));
        let marks: Vec<String> = document
            .findings_of(claim)
            .map(|(i, f)| {
                let label = finding_label(i);
                format!(
                    "<a class=\"badge sev-{}\" href=\"#{id}-{}\">{label}</a>",
                    f.severity.as_str(),
                    label.to_lowercase()
                )
            })
            .collect();
        let source = attribution_words(claim);
        let _ = writeln!(
            html,
            "<tr class=\"claim sev-{severity}\" id=\"{id}-row-{cid}\" data-kind=\"{kind}\" data-severity=\"{severity}\"><td><input type=\"checkbox\" aria-label=\"checked\"></td><td><a href=\"#{id}-{cid}\">{n}</a></td><td>{line}:{column}</td><td>{kind}</td><td>{before}<b>{text}</b>{after}</td><td>{value}</td><td>{source}</td><td>{marks}</td><td>{links}</td></tr>",
            cid = escape(&claim.id),
            n = escape(claim_number(claim)),
            line = claim.span.line,
            column = claim.span.column,
            kind = claim.kind.as_str(),
            before = escape(&context.before),
            text = escape(&context.claim),
            after = escape(&context.after),
            value = escape(&describe(claim)),
            source = if source.is_empty() { "—".to_string() } else { escape(&source) },
            marks = marks.join(" "),
            links = links(&claim.links),
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

fn findings_table(document: &DocumentReport, id: &str, html: &mut String) {
    if document.findings.is_empty() {
        html.push_str("<p class=\"empty\">No findings.</p>\n");
        return;
    }
    html.push_str(
        "<table class=\"findings\">\n<caption>Findings</caption>\n<thead><tr><th></th><th>severity</th><th>at</th><th>rule</th><th>finding</th><th>claims</th></tr></thead>\n<tbody>\n",
    );
    for (i, finding) in document.findings.iter().enumerate() {
        let label = finding_label(i);
        let severity = finding.severity.as_str();
        let claims: Vec<String> = finding
            .claims
            .iter()
            .map(|cid| {
                let cid = escape(cid);
                format!(
                    "<a href=\"#{id}-{cid}\">{}</a>",
                    cid.trim_start_matches('c')
                )
            })
            .collect();
        let _ = writeln!(
            html,
            "<tr class=\"finding sev-{severity}\" id=\"{id}-{anchor}\" data-severity=\"{severity}\"><td>{label}</td><td><span class=\"badge sev-{severity}\">{severity}</span></td><td>{line}:{column}</td><td><code>{rule}</code></td><td>{message}</td><td>{claims}</td></tr>",
            anchor = label.to_lowercase(),
            line = finding.span.line,
            column = finding.span.column,
            rule = escape(&finding.rule),
            message = escape(&finding.message),
            claims = claims.join(" "),
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

/// Look-up links; only http and https, so a template cannot put a script
/// behind a link.
fn links(links: &[Link]) -> String {
    links
        .iter()
        .filter(|link| link.url.starts_with("https://") || link.url.starts_with("http://"))
        .map(|link| {
            format!(
                "<a class=\"lookup\" href=\"{}\" rel=\"noreferrer noopener\" target=\"_blank\">{}</a>",
                escape(&link.url),
                escape(&link.title)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text for HTML content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn woven(text: &str, ranges: &[(usize, usize)]) -> String {
        let highlights = ranges
            .iter()
            .map(|&(start, end)| Highlight {
                start,
                end,
                open: "[".to_string(),
                close: "]",
            })
            .collect();
        let mut html = String::new();
        weave(text, highlights, &mut html);
        html
    }

    #[test]
    fn highlights_nest_and_overlaps_are_cut_to_stay_well_formed() {
        assert_eq!(woven("a <b> c", &[(2, 5)]), "a [&lt;b&gt;] c");
        // Nested: "12 March 2017" inside "Monday, 12 March 2017".
        assert_eq!(
            woven("Monday, 12 March", &[(8, 16), (0, 16)]),
            "[Monday, [12 March]]"
        );
        // Overlapping: the later one is cut at the end of the first.
        assert_eq!(woven("abcdef", &[(0, 4), (2, 6)]), "[ab[cd]]ef");
        // Adjacent, and an empty one at the end.
        assert_eq!(woven("abcd", &[(0, 2), (2, 4), (4, 4)]), "[ab][cd][]");
    }
}
