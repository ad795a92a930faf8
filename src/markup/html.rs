//! HTML through lol_html, a streaming HTML parser that reports the source byte range of every
//! tag and text chunk. Prose is the text of the document outside `script`, `style`, `pre`,
//! `code` and the like; a block-level tag (`p`, `li`, `h2`, `br` …) ends a region, and inside a
//! region the inline tags and comments between text chunks are masked. Nothing is rewritten:
//! regions are spans of the original file, so positions are exact.
//!
//! `<q>` and `<blockquote>` are handed on as quotations the markup declares, with their `cite`
//! attribute; quotation marks written as character references (`&ldquo;`) are marks too.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::TextType;
use lol_html::{HtmlRewriter, Settings, doc_text, element};

use super::{Markup, MarkupQuote, Region};
use crate::span::Span;

/// Elements whose content is never prose.
const SKIPPED: &[&str] = &[
    "code", "kbd", "math", "noscript", "pre", "samp", "script", "style", "svg", "template",
    "textarea", "title",
];

/// Elements that start and end a run of prose.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

#[derive(Default)]
struct Scan {
    texts: Vec<Span>,
    /// Offsets where a block starts or ends.
    breaks: Vec<usize>,
    skipped: Vec<Span>,
    quotes: Vec<MarkupQuote>,
}

pub fn regions(text: &str) -> Vec<Region> {
    read(text).regions
}

/// Regions and declared quotations of an HTML document.
pub fn read(text: &str) -> Markup {
    let scan = Rc::new(RefCell::new(Scan::default()));
    // The element handler must be 'static: it reads start tags from its own copy of the text.
    let src: Rc<str> = Rc::from(text);
    let (s1, s2) = (Rc::clone(&scan), Rc::clone(&scan));
    let len = text.len();
    let mut rewriter = HtmlRewriter::new(
        Settings::new()
            .with_strict(false)
            .append_element_content_handler(element!("*", move |el| {
                let name = el.tag_name().to_ascii_lowercase();
                let start = el.source_location().bytes().start;
                let block = BLOCKS.contains(&name.as_str());
                let skip = SKIPPED.contains(&name.as_str());
                let quote = name == "q" || name == "blockquote";
                if quote {
                    let tag = el.source_location().bytes();
                    let open = Span::new(tag.start, tag.end.min(len));
                    s1.borrow_mut().quotes.push(MarkupQuote {
                        open,
                        close: None,
                        cite: cite_value(text_of(&src, open)),
                        block: name == "blockquote",
                    });
                    let at = s1.borrow().quotes.len() - 1;
                    let s = Rc::clone(&s1);
                    if let Some(handlers) = el.end_tag_handlers() {
                        let handler: lol_html::EndTagHandler<'static> = Box::new(move |end| {
                            let r = end.source_location().bytes();
                            s.borrow_mut().quotes[at].close = Some(Span::new(r.start, r.end));
                            Ok(())
                        });
                        handlers.push(handler);
                    }
                }
                if block {
                    s1.borrow_mut().breaks.push(start);
                }
                if !(block || skip) {
                    return Ok(());
                }
                if skip {
                    // Until its end tag is seen, a skipped element runs to the end of the file.
                    s1.borrow_mut().skipped.push(Span::new(start, len));
                }
                let index = s1.borrow().skipped.len();
                let s = Rc::clone(&s1);
                if let Some(handlers) = el.end_tag_handlers() {
                    let handler: lol_html::EndTagHandler<'static> = Box::new(move |end| {
                        let end = end.source_location().bytes();
                        let mut scan = s.borrow_mut();
                        if block {
                            scan.breaks.push(end.start);
                        }
                        if skip {
                            scan.skipped[index - 1].end = end.end;
                        }
                        Ok(())
                    });
                    handlers.push(handler);
                }
                Ok(())
            }))
            .append_document_content_handler(doc_text!(move |t| {
                if t.text_type() == TextType::Data {
                    let r = t.source_location().bytes();
                    if r.start < r.end {
                        s2.borrow_mut().texts.push(Span::new(r.start, r.end));
                    }
                }
                Ok(())
            })),
        |_: &[u8]| {},
    );
    // A parse error leaves what was read so far: markup errors are not the writer's problem.
    if rewriter.write(text.as_bytes()).is_ok() {
        let _ = rewriter.end();
    }
    let mut scan = scan.take();
    let quotes = std::mem::take(&mut scan.quotes);
    Markup {
        regions: build(text, scan),
        quotes,
        entities: true,
    }
}

fn text_of(src: &str, span: Span) -> (&str, usize) {
    (
        src.get(span.start..span.end).unwrap_or_default(),
        span.start,
    )
}

/// The span of the `cite="…"` value in a start tag, if it has one.
fn cite_value((tag, base): (&str, usize)) -> Option<Span> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find("cite=")? + "cite=".len();
    let rest = &tag[at..];
    let (start, end) = match rest.chars().next()? {
        q @ ('"' | '\'') => (at + 1, at + 1 + rest[1..].find(q)?),
        _ => (
            at,
            at + rest
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(rest.len()),
        ),
    };
    (start < end).then(|| Span::new(base + start, base + end))
}

fn build(text: &str, mut scan: Scan) -> Vec<Region> {
    scan.breaks.sort_unstable();
    let texts: Vec<Span> = scan
        .texts
        .into_iter()
        .filter(|t| {
            !scan
                .skipped
                .iter()
                .any(|s| s.start <= t.start && t.start < s.end)
        })
        .collect();
    let mut out = Vec::new();
    let mut group: Vec<Span> = Vec::new();
    for t in texts {
        if let Some(last) = group.last() {
            let split = scan.breaks.iter().any(|&b| last.end <= b && b < t.start);
            if split {
                out.extend(region(text, &group));
                group.clear();
            }
        }
        group.push(t);
    }
    out.extend(region(text, &group));
    out
}

/// The region covering a run of text chunks, trimmed of white space, with the gaps between
/// the chunks (inline tags, comments) masked.
fn region(text: &str, chunks: &[Span]) -> Option<Region> {
    let first = chunks.first()?;
    let last = chunks.last()?;
    let raw = Span::new(first.start, last.end);
    let body = raw.text(text);
    let start = raw.start + (body.len() - body.trim_start().len());
    let end = raw.start + body.trim_end().len();
    if start >= end {
        return None;
    }
    let masked = chunks
        .windows(2)
        .filter(|w| w[0].end < w[1].start)
        .map(|w| Span::new(w[0].end, w[1].start))
        .filter(|m| m.start >= start && m.end <= end)
        .collect();
    Some(Region {
        span: Span::new(start, end),
        masked,
        soft_breaks: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_and_blockquote_are_declared_quotations() {
        let src = "<p>She said <q cite=\"http://x\">no</q>.</p><blockquote cite='r.pdf'><p>A.</p><p>B.</p></blockquote>";
        let m = read(src);
        assert_eq!(m.quotes.len(), 2);
        assert_eq!(m.quotes[0].open.text(src), "<q cite=\"http://x\">");
        assert_eq!(m.quotes[0].close.map(|c| c.text(src)), Some("</q>"));
        assert_eq!(m.quotes[0].cite.map(|c| c.text(src)), Some("http://x"));
        assert!(m.quotes[1].block);
        assert_eq!(m.quotes[1].cite.map(|c| c.text(src)), Some("r.pdf"));
    }

    #[test]
    fn paragraphs_with_inline_tags_masked() {
        let src = "<html><head><title>“T”</title><style>p{}</style></head><body>\n<p>She said <b>“hi”</b> there.</p><p>Next</p>\n<pre>“code”</pre><script>var a = \"“x”\";</script></body></html>";
        let r = regions(src);
        let texts: Vec<&str> = r.iter().map(|r| r.span.text(src)).collect();
        assert_eq!(texts, ["She said <b>“hi”</b> there.", "Next"]);
        let masked: Vec<&str> = r[0].masked.iter().map(|m| m.text(src)).collect();
        assert_eq!(masked, ["<b>", "</b>"]);
    }
}
