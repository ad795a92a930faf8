//! reviewdog's Diagnostic Format: `rdjson` (one `DiagnosticResult` object) and `rdjsonl` (one
//! `Diagnostic` a line). Lines and columns are 1-based, columns in UTF-8 bytes, the end
//! exclusive, as reviewdog's format defines them.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emitter, Render, Totals, render_with};
use crate::span::LineIndex;
use crate::{Checked, Severity};

const SOURCE_URL: &str = "https://crates.io/crates/quotecheck";

fn diagnostics(doc: &Checked) -> Vec<Value> {
    let text = &doc.source.text;
    let index = LineIndex::new(text);
    // Ends get an index of their own: each keeps its place counting along a long line.
    let ends = LineIndex::new(text);
    doc.diagnostics
        .iter()
        .map(|d| {
            let (line, _) = index.line_col(text, d.span.start);
            let (end_line, _) = ends.line_col(text, d.span.end);
            json!({
                "message": format!("{} ({})", d.message, d.help),
                "location": {
                    "path": doc.source.name,
                    "range": {
                        "start": { "line": line, "column": index.byte_col(d.span.start) },
                        "end": { "line": end_line, "column": ends.byte_col(d.span.end) },
                    }
                },
                "severity": match d.severity {
                    Severity::Error => "ERROR",
                    Severity::Warning => "WARNING",
                    Severity::Info => "INFO",
                },
                "source": { "name": "quotecheck", "url": SOURCE_URL },
                "code": { "value": d.code },
            })
        })
        .collect()
}

/// One JSON document for the whole run.
#[derive(Default)]
pub struct Rdjson {
    diagnostics: Vec<Value>,
}

impl Emitter for Rdjson {
    fn document(&mut self, _out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        self.diagnostics.extend(diagnostics(doc));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        let result = json!({
            "source": { "name": "quotecheck", "url": SOURCE_URL },
            "diagnostics": std::mem::take(&mut self.diagnostics),
        });
        serde_json::to_writer_pretty(&mut *out, &result).map_err(io::Error::other)?;
        writeln!(out)
    }
}

/// One diagnostic a line: streams.
pub struct Rdjsonl;

impl Emitter for Rdjsonl {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        write_lines(out, doc)
    }

    fn finish(&mut self, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }

    fn renderer(&self) -> Option<Render> {
        Some(render_with(write_lines))
    }
}

fn write_lines<W: Write + ?Sized>(out: &mut W, doc: &Checked) -> io::Result<()> {
    for d in diagnostics(doc) {
        serde_json::to_writer(&mut *out, &d).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}
