//! Checkstyle XML, which Jenkins, GitLab plugins and reviewdog (`-f=checkstyle`) read. One
//! `<file>` per document read, with an `<error>` per finding; columns are 1-based characters.

use std::io::{self, Write};

use super::{Emitter, Totals};
use crate::Checked;
use crate::span::LineIndex;

pub struct Checkstyle {
    started: bool,
}

impl Checkstyle {
    pub fn new() -> Self {
        Checkstyle { started: false }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
            writeln!(out, "<checkstyle version=\"4.3\">")?;
        }
        Ok(())
    }
}

impl Default for Checkstyle {
    fn default() -> Self {
        Self::new()
    }
}

/// Escapes text for an XML attribute; characters XML 1.0 cannot hold at all are dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

impl Emitter for Checkstyle {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        self.start(out)?;
        let text = &doc.source.text;
        let index = LineIndex::new(text);
        writeln!(out, "  <file name=\"{}\">", escape(&doc.source.name))?;
        for d in &doc.diagnostics {
            let (line, column) = index.line_col(text, d.span.start);
            writeln!(
                out,
                "    <error line=\"{line}\" column=\"{column}\" severity=\"{}\" message=\"{}\" source=\"quotecheck.{}.{}\"/>",
                d.severity.as_str(),
                escape(&d.message),
                d.code,
                d.rule,
            )?;
        }
        writeln!(out, "  </file>")
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        self.start(out)?;
        writeln!(out, "</checkstyle>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("a<b & “c”\u{1}"), "a&lt;b &amp; “c”");
    }
}
