//! Quotation marks: which marks open, which close, which are apostrophes, and how they pair.
//!
//! Marks are found with `memchr` (every mark is `"`, `'`, or a multi-byte character led by
//! 0xE2 or 0xC2), so the scan costs almost nothing between quotes. Pairing is a stack machine
//! per paragraph: one pass, no look-ahead beyond the next paragraph's first character, so an
//! unclosed mark can never make the scan quadratic or swallow the rest of an article.

use crate::markup::Region;
use crate::segment::Paragraph;
use crate::span::Span;

/// Double marks make quotations; single marks only nest inside them (or stand alone in
/// British-style copy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Double,
    Single,
}

/// A quotation: from its opening mark to its closing mark, both included. A quotation that runs
/// over several paragraphs is one `Quote`; an unclosed one ends at the end of its paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub span: Span,
    /// The opening mark.
    pub open: Span,
    /// The closing mark, if it has one.
    pub close: Option<Span>,
    pub family: Family,
    /// Index of the first and the last paragraph it covers.
    pub first_paragraph: usize,
    pub last_paragraph: usize,
    /// Marks that reopen each continued paragraph of a multi-paragraph quotation.
    pub reopens: Vec<Span>,
}

impl Quote {
    pub fn closed(&self) -> bool {
        self.close.is_some()
    }

    /// The words between the marks.
    pub fn content(&self) -> Span {
        Span::new(self.open.end, self.close.map_or(self.span.end, |c| c.start))
    }

    /// Paragraphs after the first that the quotation runs into.
    pub fn continues(&self) -> usize {
        self.last_paragraph - self.first_paragraph
    }
}

/// A closing mark with no opening one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrayClose {
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight `"` with letters or spaces on both sides: decided by what is open.
    Either,
    /// An apostrophe, inch mark or other non-quotation use.
    None,
    /// `="…"`: an attribute value in embedded markup, skipped with its partner.
    Attribute,
    /// A straight `"` after a digit: closes an open quotation, or is an inch mark (6'2").
    CloseOrInch,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    span: Span,
    family: Family,
    role: Role,
}

/// Finds the quotations of a document and its stray closing marks.
pub fn find(
    text: &str,
    paragraphs: &[Paragraph],
    regions: &[Region],
) -> (Vec<Quote>, Vec<StrayClose>) {
    let mut quotes = Vec::new();
    let mut strays = Vec::new();
    // The open top-level quotation carried from the previous paragraph.
    let mut carried: Option<Quote> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        let masked = &regions[para.region].masked;
        let mut stack: Vec<(Family, Span)> = Vec::new();
        let mut current = carried.take();
        if let Some(q) = current.as_mut() {
            // The reopening mark was checked before carrying; it opens nothing new.
            let reopen = first_mark(text, para.span).expect("carried only when reopened");
            q.reopens.push(reopen);
            q.last_paragraph = pi;
            stack.push((Family::Double, q.open));
        }
        let mut marks = Marks::new(text, para.span)
            .filter(|m| !masked.iter().any(|s| s.contains(m.span.start)));
        if current.is_some() {
            marks.next(); // the reopening mark
        }
        let mut skip_attribute = false;
        for mark in marks {
            if mark.role == Role::Attribute || (skip_attribute && mark.family == Family::Double) {
                // An attribute value opens with `="` and closes with the next straight `"`.
                skip_attribute = mark.role == Role::Attribute;
                continue;
            }
            let has_open = |f: Family| stack.iter().any(|(g, _)| *g == f);
            let role = match mark.role {
                Role::Either if has_open(mark.family) => Role::Close,
                Role::Either => Role::Open,
                Role::CloseOrInch if has_open(mark.family) => Role::Close,
                Role::CloseOrInch => Role::None,
                r => r,
            };
            match role {
                Role::Open => {
                    // Single marks still open when a double one opens were apostrophes.
                    if mark.family == Family::Double && !has_open(Family::Double) {
                        stack.clear();
                        current = None;
                    }
                    if stack.is_empty() {
                        current = Some(Quote {
                            span: mark.span,
                            open: mark.span,
                            close: None,
                            family: mark.family,
                            first_paragraph: pi,
                            last_paragraph: pi,
                            reopens: Vec::new(),
                        });
                    }
                    stack.push((mark.family, mark.span));
                }
                Role::Close => {
                    let Some(depth) = stack.iter().rposition(|(f, _)| *f == mark.family) else {
                        if mark.family == Family::Double {
                            strays.push(StrayClose { span: mark.span });
                        }
                        continue;
                    };
                    // Single marks left open above it were apostrophes after all.
                    stack.truncate(depth);
                    if stack.is_empty()
                        && let Some(mut q) = current.take()
                    {
                        q.close = Some(mark.span);
                        q.span = Span::new(q.open.start, mark.span.end);
                        quotes.push(q);
                    }
                }
                _ => {}
            }
        }
        // Whatever is still open at the end of the paragraph.
        let Some(mut q) = current.take() else {
            continue;
        };
        if q.family == Family::Double && stack.first().is_some_and(|(f, _)| *f == Family::Double) {
            let reopened = paragraphs.get(pi + 1).is_some_and(|next| {
                first_mark(text, next.span)
                    .is_some_and(|m| m.start == next.span.start && is_double_opening(m.text(text)))
            });
            if reopened {
                carried = Some(q);
                continue;
            }
            q.span = Span::new(q.open.start, para.span.end);
            quotes.push(q);
        }
        // An unclosed single mark was an apostrophe: nothing to report.
    }
    (quotes, strays)
}

fn is_double_opening(mark: &str) -> bool {
    matches!(mark, "\"" | "“" | "„" | "«" | "''")
}

/// The first quotation mark in `span`, if any.
fn first_mark(text: &str, span: Span) -> Option<Span> {
    Marks::new(text, span).next().map(|m| m.span)
}

/// An iterator over the quotation marks of one paragraph, each with its role from context.
struct Marks<'a> {
    text: &'a str,
    span: Span,
    at: usize,
}

impl<'a> Marks<'a> {
    fn new(text: &'a str, span: Span) -> Self {
        Marks {
            text,
            span,
            at: span.start,
        }
    }
}

impl Iterator for Marks<'_> {
    type Item = Mark;

    fn next(&mut self) -> Option<Mark> {
        let bytes = self.text.as_bytes();
        loop {
            let hay = &bytes[self.at..self.span.end];
            // 0xE2 leads “ ” ‘ ’ „; 0xC2 leads « ». Both also lead other characters (dashes,
            // no-break spaces), which are skipped below.
            let i = match memchr::memchr3(b'"', b'\'', 0xE2, hay) {
                Some(i) if !hay[..i].contains(&0xC2) => i,
                found => {
                    let c2 = memchr::memchr(0xC2, &hay[..found.unwrap_or(hay.len())]);
                    c2.or(found)?
                }
            };
            let start = self.at + i;
            let mut c = self.text[start..].chars().next()?;
            self.at = start + c.len_utf8();
            // Two apostrophes are the typewriter's double quotation mark (''Yes,'' he said).
            if c == '\'' && bytes.get(self.at) == Some(&b'\'') && self.at < self.span.end {
                self.at += 1;
                c = '"';
            }
            let span = Span::new(start, self.at);
            if let Some((family, role)) = classify(self.text, self.span, span, c) {
                return Some(Mark { span, family, role });
            }
        }
    }
}

/// Words that a leading apostrophe shortens: 'em, 'til, rock 'n' roll.
const ELISIONS: &[&str] = &[
    "bout", "cause", "em", "n", "round", "til", "tis", "twas", "s",
];

/// The family and role of the mark `c` at `span`, or `None` if it is no quotation mark.
fn classify(text: &str, para: Span, span: Span, c: char) -> Option<(Family, Role)> {
    let before = text[para.start..span.start].chars().next_back();
    let after = text[span.end..para.end].chars().next();
    // "Open side": start of paragraph, space, or an opening bracket, dash or mark before.
    let open_left = before.is_none_or(|b| b.is_whitespace() || "([{—–-/“‘\"'«„".contains(b));
    let open_right = after
        .is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–…".contains(a) || "”’\"'»".contains(a));
    let word_both =
        before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
    let rest = &text[span.end..para.end];
    let elided = || {
        let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        rest.starts_with(|c: char| c.is_ascii_digit())
            || ELISIONS.iter().any(|e| word.eq_ignore_ascii_case(e))
    };
    Some(match c {
        '"' => {
            if before == Some('=') {
                (Family::Double, Role::Attribute)
            } else if before.is_some_and(|b| b.is_ascii_digit()) {
                (Family::Double, Role::CloseOrInch)
            } else if open_left && !open_right {
                (Family::Double, Role::Open)
            } else if !open_left && open_right {
                (Family::Double, Role::Close)
            } else {
                (Family::Double, Role::Either)
            }
        }
        '“' | '„' | '«' => {
            // Bad copy sometimes closes with an opening mark: “word“ followed by a space.
            if !open_left && open_right && c == '“' {
                (Family::Double, Role::Either)
            } else {
                (Family::Double, Role::Open)
            }
        }
        '”' | '»' => {
            if open_left && !open_right && c == '”' {
                (Family::Double, Role::Either)
            } else {
                (Family::Double, Role::Close)
            }
        }
        '‘' => {
            if word_both || open_right || elided() {
                (Family::Single, Role::None)
            } else {
                (Family::Single, Role::Open)
            }
        }
        '’' => {
            // Between letters it is an apostrophe (don’t, O’Neill); before a word it is an
            // elision (’90s, ’n’); after a word it closes a single quote if one is open, and is
            // a possessive otherwise (players’): the pairing decides.
            if word_both || !open_right || open_left {
                (Family::Single, Role::None)
            } else {
                (Family::Single, Role::Close)
            }
        }
        '\'' => {
            if word_both {
                (Family::Single, Role::None)
            } else if open_left && !open_right {
                if elided() {
                    (Family::Single, Role::None)
                } else {
                    (Family::Single, Role::Open)
                }
            } else if !open_left && open_right {
                (Family::Single, Role::Close)
            } else {
                (Family::Single, Role::None)
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::plain;
    use crate::segment::paragraphs;

    fn run(text: &str) -> (Vec<String>, usize) {
        let regions = plain::regions(text);
        let paras = paragraphs(text, &regions);
        let (quotes, strays) = find(text, &paras, &regions);
        (
            quotes
                .iter()
                .map(|q| q.span.text(text).to_string())
                .collect(),
            strays.len(),
        )
    }

    #[test]
    fn curly_and_straight() {
        assert_eq!(
            run("“Yes,” she said. \"No,\" he said.").0,
            ["“Yes,”", "\"No,\""]
        );
    }

    #[test]
    fn guillemets_and_low_marks() {
        assert_eq!(run("Il a dit « oui » et „nein“.").0, ["« oui »", "„nein“"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text =
            "Don’t blame the ’90s, rock ’n’ roll, the players’ union, O’Neill or James’ car.";
        assert_eq!(run(text), (vec![], 0));
        let straight =
            "Don't blame the '90s, rock 'n' roll, the players' union, O'Neill or James' car.";
        assert_eq!(run(straight), (vec![], 0));
    }

    #[test]
    fn nested_quotes_belong_to_the_outer() {
        assert_eq!(
            run("“He said ‘no’ twice,” she said.").0,
            ["“He said ‘no’ twice,”"]
        );
        assert_eq!(
            run("\"He said 'no' to the players' union,\" she said.")
                .0
                .len(),
            1
        );
    }

    #[test]
    fn multi_paragraph_quote_is_one() {
        let text = "“First part.\n\n“Second part.\n\n“Third,” she said.\n";
        let (q, strays) = run(text);
        assert_eq!(q.len(), 1);
        assert!(q[0].starts_with("“First") && q[0].ends_with("Third,”"));
        assert_eq!(strays, 0);
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let text = "She said “never.\n\nNext paragraph “quoted” here.";
        let regions = plain::regions(text);
        let paras = paragraphs(text, &regions);
        let (quotes, _) = find(text, &paras, &regions);
        assert_eq!(quotes.len(), 2);
        assert!(!quotes[0].closed());
        assert_eq!(quotes[0].span.text(text), "“never.");
        assert_eq!(quotes[1].span.text(text), "“quoted”");
    }

    #[test]
    fn stray_closing_mark_is_reported() {
        assert_eq!(run("It ended here.” Then more."), (vec![], 1));
    }

    #[test]
    fn markup_attributes_are_not_quotes() {
        let text = "<tweet id=\"75\" author=\"@x\"> “Real,” he said.";
        assert_eq!(run(text).0, ["“Real,”"]);
    }

    #[test]
    fn doubled_apostrophes_are_a_double_mark() {
        assert_eq!(run("''He's fine,'' Mr. Smith said.").0, ["''He's fine,''"]);
    }

    #[test]
    fn inches_are_not_quotes() {
        assert_eq!(run("He is 6'2\" tall and “fast,” she said.").0, ["“fast,”"]);
    }
}
