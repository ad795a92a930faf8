//! `path:line:col: Q001 [warning] message`, one finding a line, for grep and editors.

use std::io::{self, Write};

use super::{Emitter, Render, Totals, render_with};
use crate::Checked;
use crate::span::LineIndex;

pub struct Concise;

impl Emitter for Concise {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        write_document(out, doc)
    }

    fn finish(&mut self, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }

    fn renderer(&self) -> Option<Render> {
        Some(render_with(write_document))
    }
}

fn write_document<W: Write + ?Sized>(out: &mut W, doc: &Checked) -> io::Result<()> {
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
