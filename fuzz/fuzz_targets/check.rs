//! The whole check, as plain text, Markdown and HTML, with every output format rendered. Every
//! span must lie in bounds and on character boundaries.
#![no_main]

use clap::ValueEnum;
use libfuzzer_sys::fuzz_target;
use quotecheck::output::{CheckFormat, QuotesFormat, Totals, check_emitter, quotes_emitter};
use quotecheck::{Format, SourceFile, Span};

fn sound(text: &str, span: Span) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{span:?} out of bounds"
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?} splits a character"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let doc = quotecheck::check(SourceFile::new("fuzz.md", text, format));
        for a in &doc.analysis.quotes {
            sound(text, a.quote.span);
            if let Some(c) = a.cue {
                sound(text, c);
            }
            if let Some(s) = &a.speaker {
                sound(text, s.mention);
            }
        }
        for d in &doc.diagnostics {
            sound(text, d.span);
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
});
