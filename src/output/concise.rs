//! `path:line:col: Q001 [warning] message`, one finding a line, for grep and editors.

use std::io::{self, Write};

use super::{Emitter, Totals};
use crate::Checked;
use crate::span::LineIndex;

pub struct Concise;

impl Emitter for Concise {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        if doc.diagnostics.is_empty() {
            return Ok(());
        }
        let text = &doc.source.text;
        let index = LineIndex::new(text);
        for d in &doc.diagnostics {
            let (line, col) = index.line_col(text, d.span.start);
            writeln!(
                out,
                "{}:{line}:{col}: {} [{}] {}",
                doc.source.name,
                d.code,
                d.severity.as_str(),
                d.message
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }
}
