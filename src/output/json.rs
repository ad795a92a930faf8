//! Findings as one JSON document: `{"version": 1, "diagnostics": [...]}`. Offsets are UTF-8
//! bytes, end exclusive; line and column are 1-based, columns in characters.

use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, Totals};
use crate::Checked;
use crate::span::LineIndex;

/// The version of this schema: bumped when a field changes meaning or goes away.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    help: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Default)]
pub struct Diagnostics {
    records: Vec<serde_json::Value>,
}

impl Emitter for Diagnostics {
    fn document(&mut self, _out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        let text = &doc.source.text;
        let index = LineIndex::new(text);
        // Ends get an index of their own: each keeps its place counting along a long line.
        let ends = LineIndex::new(text);
        for d in &doc.diagnostics {
            let (line, column) = index.line_col(text, d.span.start);
            let (end_line, end_column) = ends.line_col(text, d.span.end);
            let r = Record {
                path: &doc.source.name,
                code: d.code,
                rule: d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                help: d.help,
                start: d.span.start,
                end: d.span.end,
                line,
                column,
                end_line,
                end_column,
            };
            self.records
                .push(serde_json::to_value(r).map_err(io::Error::other)?);
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let doc = serde_json::json!({
            "version": VERSION,
            "files": totals.files,
            "diagnostics": self.records,
        });
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
        writeln!(out)
    }
}
