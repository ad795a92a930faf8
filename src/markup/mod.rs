//! Stage 1: which parts of a file are prose. Markup is never rewritten: a region is a byte span
//! of the original file, and the bytes inside it that are not prose (inline code, link targets,
//! Markdown syntax) are listed as masked.

pub mod html;
pub mod markdown;
pub mod plain;

use crate::source::Format;
use crate::span::Span;

/// A run of prose in source coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub span: Span,
    /// Non-prose bytes inside `span`, sorted and disjoint: marks and words there are ignored.
    pub masked: Vec<Span>,
    /// True when a single line break inside the region is only a wrapped line (Markdown
    /// paragraphs, hard-wrapped plain text); false when each line is a paragraph (wire copy).
    pub soft_breaks: bool,
}

/// The prose regions of a document.
pub fn regions(text: &str, format: Format) -> Vec<Region> {
    match format {
        Format::Text => plain::regions(text),
        Format::Markdown => markdown::regions(text),
        Format::Html => html::regions(text),
    }
}
