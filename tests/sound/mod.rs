//! The invariants every analysis must keep, shared by `tests/fuzz_regressions.rs` and the fuzz
//! targets (`fuzz/fuzz_targets/*.rs` include this file by path): spans in bounds and on
//! character boundaries, and every output format renders.
#![allow(dead_code)] // each includer uses its own part

use clap::ValueEnum;
use quotecheck::output::{CheckFormat, QuotesFormat, Totals, check_emitter, quotes_emitter};
use quotecheck::{Checked, Format, SourceFile, Span};

/// Panics, naming the input, unless `span` lies in `text` on character boundaries.
pub fn sound(name: &str, text: &str, span: Span) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{name}: {span:?} out of bounds ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{name}: {span:?} splits a character"
    );
}

/// Checks `text` as plain text, Markdown and HTML: every span sound, every format rendered.
pub fn check_all(name: &str, text: &str) {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let doc: Checked = quotecheck::check(SourceFile::new(name, text, format));
        for a in &doc.analysis.quotes {
            sound(name, text, a.quote.span);
            sound(name, text, a.quote.content());
            if let Some(c) = a.cue {
                sound(name, text, c);
            }
            if let Some(s) = &a.speaker {
                sound(name, text, s.mention);
            }
        }
        for d in &doc.diagnostics {
            sound(name, text, d.span);
        }
        let totals = Totals::default();
        let mut sink = Vec::new();
        for &f in CheckFormat::value_variants() {
            let mut e = check_emitter(f, false);
            e.document(&mut sink, &doc).unwrap();
            e.finish(&mut sink, &totals).unwrap();
        }
        for &f in QuotesFormat::value_variants() {
            let mut e = quotes_emitter(f);
            e.document(&mut sink, &doc).unwrap();
            e.finish(&mut sink, &totals).unwrap();
        }
    }
}
