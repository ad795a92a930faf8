//! Plain text: all of it is prose. The only question is whether a single line break ends a
//! paragraph (wire copy, one paragraph a line) or only wraps a line (books, e-mail).

use super::Region;
use crate::span::Span;

pub fn regions(text: &str) -> Vec<Region> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    vec![Region {
        span: Span::new(start, text.len()),
        masked: Vec::new(),
        soft_breaks: is_hard_wrapped(text),
    }]
}

/// Hard-wrapped text has most of its lines near one width (typically 60–80 columns). We look
/// at the first 400 lines only: enough to decide, and it keeps the check constant-time.
fn is_hard_wrapped(text: &str) -> bool {
    let mut prev = 0;
    let (mut lines, mut wrapped) = (0usize, 0usize);
    for nl in crate::simd::newlines(text.as_bytes()).take(400) {
        let len = nl - prev;
        prev = nl + 1;
        if len == 0 || (len == 1 && text.as_bytes()[nl - 1] == b'\r') {
            continue;
        }
        lines += 1;
        if (45..=100).contains(&len) {
            wrapped += 1;
        }
    }
    lines >= 8 && wrapped * 10 >= lines * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_copy_is_not_wrapped() {
        let para = "A long paragraph of wire copy that goes on well past any terminal width, as news paragraphs do when each is one line.\n";
        assert!(!is_hard_wrapped(&para.repeat(20)));
    }

    #[test]
    fn book_text_is_wrapped() {
        let line = "It was a bright cold day in April, and the clocks were striking\n";
        assert!(is_hard_wrapped(&line.repeat(20)));
    }

    #[test]
    fn bom_is_not_prose() {
        assert_eq!(regions("\u{feff}Hi")[0].span, Span::new(3, 5));
    }
}
