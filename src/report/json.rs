//! The JSON renderer: the report exactly as the contract in DESIGN.md says.

use std::io::{self, Write};

use super::{Renderer, Report, Style};

pub struct Json;

impl Renderer for Json {
    fn render(&self, report: &Report, _style: Style, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report)?;
        writeln!(out)
    }
}
