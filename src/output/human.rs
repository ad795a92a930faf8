//! rustc- and ruff-style findings: the location, the source line with carets under the span,
//! a help line, and a summary. Colour only when asked (on a terminal, without NO_COLOR).

use std::io::{self, Write};

use super::{Emitter, Render, Totals, plural};
use crate::span::LineIndex;
use crate::{Checked, Severity};

pub struct Human {
    color: bool,
}

impl Human {
    pub fn new(color: bool) -> Self {
        Human { color }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// How much of a long line to show on each side of a finding, in characters.
const CONTEXT_BEFORE: usize = 40;
const WINDOW: usize = 100;

impl Emitter for Human {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        self.write_document(out, doc)
    }

    fn renderer(&self) -> Option<Render> {
        let human = Human { color: self.color };
        Some(Box::new(move |doc, buf| {
            human.write_document(buf, doc).expect("writing to memory")
        }))
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let checked = plural(totals.files, "file");
        let quotations = plural(totals.quotes, "quotation");
        // What was not looked at is said, so that a clean summary never hides it.
        let mut caveats = Vec::new();
        if totals.hidden > 0 {
            caveats.push(format!(
                "{} below --min-severity not shown",
                plural(totals.hidden, "finding")
            ));
        }
        if totals.unreadable > 0 {
            caveats.push(format!(
                "{} could not be read",
                plural(totals.unreadable, "input")
            ));
        }
        let caveats = if caveats.is_empty() {
            String::new()
        } else {
            format!("; {}", caveats.join("; "))
        };
        let time = totals
            .elapsed
            .map(|t| format!(" in {:.2}s", t.as_secs_f64()))
            .unwrap_or_default();
        if totals.findings() == 0 {
            if totals.unreadable == 0 {
                writeln!(
                    out,
                    "{} {checked} checked, {quotations}, no problems{caveats}{time}.",
                    self.paint("1;32", "✓"),
                )
            } else {
                writeln!(
                    out,
                    "{checked} checked, {quotations}, no problems in them{caveats}{time}.",
                )
            }
        } else {
            let mut parts = Vec::new();
            for (n, w) in [
                (totals.errors, "error"),
                (totals.warnings, "warning"),
                (totals.infos, "info"),
            ] {
                if n > 0 {
                    parts.push(plural(n, w));
                }
            }
            writeln!(
                out,
                "Found {} ({}) in {} of {checked} checked ({quotations}){caveats}{time}.",
                plural(totals.findings(), "problem"),
                parts.join(", "),
                totals.files_with_findings,
            )
        }
    }
}

impl Human {
    fn write_document<W: Write + ?Sized>(&self, out: &mut W, doc: &Checked) -> io::Result<()> {
        let text = &doc.source.text;
        let index = LineIndex::new(text);
        for d in &doc.diagnostics {
            let (line, col) = index.line_col(text, d.span.start);
            let (sev_color, label) = match d.severity {
                Severity::Error => ("1;31", "error"),
                Severity::Warning => ("1;33", "warning"),
                Severity::Info => ("1;36", "info"),
            };
            writeln!(
                out,
                "{}: {}",
                self.paint(sev_color, &format!("{label}[{}]", d.code)),
                self.paint("1", &d.message)
            )?;
            let gutter = " ".repeat(line.to_string().len());
            writeln!(
                out,
                "{gutter}{} {}:{line}:{col}",
                self.paint("1;34", "-->"),
                doc.source.name
            )?;
            writeln!(out, "{gutter} {}", self.paint("1;34", "|"))?;
            // Show a window of the line around the span: news paragraphs are long lines.
            let line_span = index.line_span(text, line - 1);
            // Only the characters around the span are looked at: the line may be a whole
            // paragraph with thousands of findings on it.
            let before: Vec<char> = text[line_span.start..d.span.start]
                .chars()
                .rev()
                .take(CONTEXT_BEFORE + 1)
                .collect();
            let from = usize::from(before.len() > CONTEXT_BEFORE);
            let shown_before = before.len() - from;
            let span_end = d.span.end.min(line_span.end).max(d.span.start);
            let span_chars = text[d.span.start..span_end].chars().count().max(1);
            let after_len = WINDOW.saturating_sub(shown_before).max(span_chars);
            let after: Vec<char> = text[d.span.start..line_span.end.max(d.span.start)]
                .chars()
                .take(after_len + 1)
                .collect();
            let mut shown: String = before[..shown_before].iter().rev().collect();
            shown.extend(&after[..after.len().min(after_len)]);
            let mut offset = shown_before;
            if from > 0 {
                shown.insert(0, '…');
                offset += 1;
            }
            if after.len() > after_len {
                shown.push('…');
            }
            let carets = span_chars.min(after.len().min(after_len)).max(1);
            writeln!(
                out,
                "{} {} {shown}",
                self.paint("1;34", &line.to_string()),
                self.paint("1;34", "|")
            )?;
            writeln!(
                out,
                "{gutter} {} {}{}",
                self.paint("1;34", "|"),
                " ".repeat(offset),
                self.paint(sev_color, &"^".repeat(carets))
            )?;
            writeln!(
                out,
                "{gutter} {} {}: {}",
                self.paint("1;34", "="),
                self.paint("1", "help"),
                d.help
            )?;
            writeln!(out)?;
        }
        Ok(())
    }
}
