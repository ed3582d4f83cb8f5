//! The terminal renderer: per document, one table row per claim (marked with
//! the findings that involve it), then a table of findings, fitted to the
//! terminal width, with colour only when the caller allows it.

use std::io::{self, Write};

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, ContentArrangement, Table as Grid};

use super::{describe, DocumentReport, Renderer, Report, Style};
use crate::rules::Severity;

pub struct Table;

const BOLD_YELLOW: &str = "\x1b[1;33m";
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

impl Renderer for Table {
    fn render(&self, report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
        for document in &report.documents {
            render_document(document, style, out)?;
        }
        writeln!(out, "{}", report.summary())
    }
}

fn paint(style: Style, colour: &str, text: &str) -> String {
    if style.colour {
        format!("{colour}{text}{RESET}")
    } else {
        text.to_string()
    }
}

fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info => CYAN,
    }
}

fn new_grid(style: Style, header: &[&str]) -> Grid {
    let mut grid = Grid::new();
    grid.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width)
        .set_header(header.to_vec());
    if style.colour {
        grid.enforce_styling();
    } else {
        grid.force_no_tty();
    }
    grid
}

fn render_document(document: &DocumentReport, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let as_of = match &document.as_of {
        Some(date) => format!("as of {date}"),
        None => "no publication date found (give one with --as-of)".to_string(),
    };
    writeln!(out, "{} — {as_of}", paint(style, BOLD, &document.source))?;
    if document.claims.is_empty() {
        writeln!(out, "no checkable figures or dates found")?;
    } else {
        let mut grid = new_grid(
            style,
            &["#", "at", "kind", "claim in context", "value", "source"],
        );
        for (claim, context) in document.claims.iter().zip(&document.contexts) {
            let marked = if style.colour {
                format!("{BOLD_YELLOW}{}{RESET}", context.claim)
            } else {
                format!("«{}»", context.claim)
            };
            let source = match &claim.attribution {
                Some(a) if a.vague => format!("{} (vague)", a.source),
                Some(a) => format!("{} ({})", a.source, a.cue),
                None => "—".to_string(),
            };
            let marks: Vec<String> = document
                .findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.claims.contains(&claim.id))
                .map(|(i, f)| paint(style, severity_colour(f.severity), &format!("F{}", i + 1)))
                .collect();
            let number = claim.id.trim_start_matches('c');
            let number = if marks.is_empty() {
                number.to_string()
            } else {
                format!("{number} {}", marks.join(" "))
            };
            let mut value = describe(claim);
            if let Some(confirmed) = &claim.confirmed {
                value.push_str(&format!(
                    "\nconfirmed: {} gives {}",
                    confirmed.source, confirmed.value
                ));
            }
            let mut source = source;
            for review in &claim.reviews {
                source.push_str(&format!(
                    "\nfact-checked by {}: {} ({})",
                    review.publisher, review.rating, review.url
                ));
            }
            grid.add_row([
                Cell::new(number),
                Cell::new(format!("{}:{}", claim.span.line, claim.span.column)),
                Cell::new(claim.kind.as_str()),
                Cell::new(format!("{}{marked}{}", context.before, context.after)),
                Cell::new(value),
                Cell::new(source),
            ]);
        }
        writeln!(out, "{grid}")?;
    }
    if !document.findings.is_empty() {
        let mut grid = new_grid(style, &["", "severity", "at", "rule", "finding"]);
        for (i, finding) in document.findings.iter().enumerate() {
            grid.add_row([
                Cell::new(format!("F{}", i + 1)),
                Cell::new(paint(
                    style,
                    severity_colour(finding.severity),
                    finding.severity.as_str(),
                )),
                Cell::new(format!("{}:{}", finding.span.line, finding.span.column)),
                Cell::new(&finding.rule),
                Cell::new(&finding.message),
            ]);
        }
        writeln!(out, "{grid}")?;
    }
    if !document.links.is_empty() {
        let mut grid = new_grid(style, &["at", "cited link", "status", "archived copies"]);
        for link in &document.links {
            grid.add_row([
                format!("{}:{}", link.span.line, link.span.column),
                link.url.clone(),
                link.status.clone(),
                link.archive.clone(),
            ]);
        }
        writeln!(out, "{grid}")?;
    }
    writeln!(out)
}
