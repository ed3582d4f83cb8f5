//! The terminal renderer: one table per document, one row per claim, fitted
//! to the terminal width, with colour only when the caller allows it.

use std::io::{self, Write};

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, ContentArrangement, Table as Grid};

use super::{describe, DocumentReport, Renderer, Report, Style};

pub struct Table;

const BOLD_YELLOW: &str = "\x1b[1;33m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

impl Renderer for Table {
    fn render(&self, report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
        for document in &report.documents {
            render_document(document, style, out)?;
        }
        let claims: usize = report.documents.iter().map(|d| d.claims.len()).sum();
        let articles = report.documents.len();
        writeln!(
            out,
            "{} in {}",
            plural(claims, "claim"),
            plural(articles, "article")
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

fn render_document(document: &DocumentReport, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let as_of = match &document.as_of {
        Some(date) => format!("as of {date}"),
        None => "no publication date found (give one with --as-of)".to_string(),
    };
    let (bold, reset) = if style.colour {
        (BOLD, RESET)
    } else {
        ("", "")
    };
    writeln!(out, "{bold}{}{reset} — {as_of}", document.source)?;
    if document.claims.is_empty() {
        return writeln!(out, "no checkable figures or dates found\n");
    }
    let mut grid = Grid::new();
    grid.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width)
        .set_header(["#", "at", "kind", "claim in context", "value", "source"]);
    if !style.colour {
        grid.force_no_tty();
    } else {
        grid.enforce_styling();
    }
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
        grid.add_row([
            Cell::new(claim.id.trim_start_matches('c')),
            Cell::new(format!("{}:{}", claim.span.line, claim.span.column)),
            Cell::new(claim.kind.as_str()),
            Cell::new(format!("{}{marked}{}", context.before, context.after)),
            Cell::new(describe(claim)),
            Cell::new(source),
        ]);
    }
    writeln!(out, "{grid}\n")
}
