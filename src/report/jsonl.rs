//! The JSON Lines renderer: one document report per line, each the
//! document object of the JSON contract with `"version": 1` added, flushed
//! as soon as it is written so a reader sees each line whole.

use std::io::{self, Write};

use serde::Serialize;

use super::{DocumentReport, Renderer, Report, Style, VERSION};

pub struct Jsonl;

/// A line: the contract's version, then the document's own fields.
#[derive(Serialize)]
struct Line<'a> {
    version: u32,
    #[serde(flatten)]
    document: &'a DocumentReport,
}

impl Jsonl {
    /// Writes one document's line and flushes it.
    pub fn write_document(&self, document: &DocumentReport, out: &mut dyn Write) -> io::Result<()> {
        let line = Line {
            version: VERSION,
            document,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
        out.flush()
    }
}

impl Renderer for Jsonl {
    fn render(&self, report: &Report, _style: Style, out: &mut dyn Write) -> io::Result<()> {
        for document in &report.documents {
            self.write_document(document, out)?;
        }
        Ok(())
    }
}
