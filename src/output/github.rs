//! GitHub Actions workflow commands: `::warning file=…,line=…,col=…::message`, one a finding,
//! shown as annotations on the pull request. Columns are 1-based characters; `col` and
//! `endColumn` are given only for a finding on one line, where GitHub uses them.
//! The message escapes `%`, CR and LF; properties also escape `:` and `,`. GitHub shows at
//! most 10 annotations of each level per step, so the rest stay in the log.

use std::io::{self, Write};

use super::{Emitter, Render, Totals, render_with};
use crate::span::LineIndex;
use crate::{Checked, Severity};

pub struct Github;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Emitter for Github {
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
    let text = &doc.source.text;
    let index = LineIndex::new(text);
    // Ends get an index of their own: each keeps its place counting along a long line.
    let ends = LineIndex::new(text);
    for d in &doc.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let (line, col) = index.line_col(text, d.span.start);
        let (end_line, end_col) = ends.line_col(text, d.span.end);
        let columns = if line == end_line {
            format!(",col={col},endColumn={end_col}")
        } else {
            String::new()
        };
        writeln!(
            out,
            "::{command} file={},line={line},endLine={end_line}{columns},title={}::{}",
            escape_property(&doc.source.name),
            escape_property(&format!("{} {}", d.code, d.rule)),
            escape_data(&format!("{}\n{}", d.message, d.help)),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50%\r\nx"), "50%25%0D%0Ax");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
