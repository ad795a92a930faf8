//! Markdown through pulldown-cmark: each paragraph, heading or table cell is a region; code
//! blocks, HTML blocks and front matter are not prose at all, and inside a region every byte
//! that no text event covers (inline code, link targets, emphasis markers, `>`) is masked.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Region;
use crate::span::Span;

pub fn regions(text: &str) -> Vec<Region> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = Vec::new();
    // The block being collected: its span and the text pieces seen in it.
    let mut current: Option<(Span, Vec<Span>)> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell) => {
                current = Some((Span::new(range.start, range.end), Vec::new()));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell) => {
                if let Some((span, pieces)) = current.take() {
                    out.push(region(text, span, &pieces));
                }
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak => {
                if let Some((_, pieces)) = current.as_mut() {
                    pieces.push(Span::new(range.start, range.end));
                }
            }
            _ => {}
        }
    }
    out
}

/// A region whose masked bytes are the gaps between its text pieces.
fn region(text: &str, span: Span, pieces: &[Span]) -> Region {
    let span = Span::new(span.start, span.start + span.text(text).trim_end().len());
    let mut masked = Vec::new();
    let mut at = span.start;
    for piece in pieces {
        if piece.start > at {
            masked.push(Span::new(at, piece.start));
        }
        at = at.max(piece.end);
    }
    if at < span.end {
        masked.push(Span::new(at, span.end));
    }
    Region {
        span,
        masked,
        soft_breaks: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_front_matter_are_not_prose() {
        let src = "---\ntitle: \"x\"\n---\n\nShe said “hi `code` there.”\n\n```\n\"no\"\n```\n";
        let regions = regions(src);
        assert_eq!(regions.len(), 1);
        let r = &regions[0];
        assert_eq!(r.span.text(src), "She said “hi `code` there.”");
        assert_eq!(r.masked.len(), 1);
        assert_eq!(r.masked[0].text(src), "`code`");
    }

    #[test]
    fn link_targets_are_masked() {
        let src = "See [the “report”](http://x.y/\"a\") now.\n";
        let r = &regions(src)[0];
        let masked: Vec<&str> = r.masked.iter().map(|m| m.text(src)).collect();
        assert!(masked.iter().any(|m| m.contains("http")));
    }
}
