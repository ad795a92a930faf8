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

/// A quotation the markup itself declares: HTML `<q>` or `<blockquote>`, whose marks the
/// browser draws or whose layout sets it apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkupQuote {
    /// The start tag.
    pub open: Span,
    /// The end tag, if the element was closed.
    pub close: Option<Span>,
    /// The value of its `cite` attribute: where the words come from.
    pub cite: Option<Span>,
    /// A block quotation (`<blockquote>`) rather than an inline one (`<q>`).
    pub block: bool,
}

/// What the markup stage hands on: the prose regions, the quotations the markup declares, and
/// whether quotation marks may be written as character references (`&ldquo;`).
#[derive(Debug, Clone, Default)]
pub struct Markup {
    pub regions: Vec<Region>,
    pub quotes: Vec<MarkupQuote>,
    pub entities: bool,
}

/// The prose regions of a document and the quotations its markup declares.
pub fn read(text: &str, format: Format) -> Markup {
    match format {
        Format::Text => Markup {
            regions: plain::regions(text),
            ..Markup::default()
        },
        Format::Markdown => Markup {
            regions: markdown::regions(text),
            ..Markup::default()
        },
        Format::Html => html::read(text),
    }
}

/// The prose regions of a document.
pub fn regions(text: &str, format: Format) -> Vec<Region> {
    read(text, format).regions
}
