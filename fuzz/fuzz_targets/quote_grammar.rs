//! The quotation-mark grammar alone: paragraphs of plain text, then mark pairing. Every quote
//! and stray mark must lie in bounds, on character boundaries, inside its paragraphs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotecheck::Format;
use quotecheck::grammar::quote;
use quotecheck::markup;
use quotecheck::segment;
use quotecheck::span::Span;

#[path = "../../tests/sound/mod.rs"]
mod invariants;

fn sound(text: &str, span: Span) {
    invariants::sound("fuzz", text, span);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let markup = markup::read(text, Format::Text);
    let paragraphs = segment::paragraphs(text, &markup.regions);
    for p in &paragraphs {
        sound(text, p.span);
    }
    let (quotes, strays) = quote::find(text, &paragraphs, &markup);
    for q in &quotes {
        sound(text, q.span);
        sound(text, q.open);
        sound(text, q.content());
        if let Some(c) = q.close {
            sound(text, c);
        }
        for r in &q.reopens {
            sound(text, *r);
        }
        assert!(q.first_paragraph <= q.last_paragraph && q.last_paragraph < paragraphs.len());
    }
    for s in &strays {
        sound(text, s.span);
    }
});
