//! Stage 2: paragraphs, words and sentences, all as absolute byte spans.
//!
//! Paragraphs bound every search: no quote or cue reaches past its paragraph except through
//! the explicit continued-paragraph rule. Words come from `unicode-segmentation` (UAX #29), and
//! only for the paragraphs that hold a quote; a quote is a single token, so that sentence breaks
//! are never found inside one.

use unicode_segmentation::UnicodeSegmentation;

use crate::markup::Region;
use crate::span::Span;

/// A paragraph: a byte span without its surrounding white space, and the region it lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub region: usize,
}

/// Splits regions into paragraphs: at blank lines always, and at every line break where the
/// region has no soft breaks (wire copy puts one paragraph on each line).
pub fn paragraphs(text: &str, regions: &[Region]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for (index, region) in regions.iter().enumerate() {
        let bytes = &text.as_bytes()[..region.span.end];
        let mut start = region.span.start;
        let mut line_start = start;
        let mut push = |s: usize, e: usize| {
            let span = trim(text, Span::new(s, e));
            if !span.is_empty() {
                out.push(Paragraph {
                    span,
                    region: index,
                });
            }
        };
        for nl in memchr::memchr_iter(b'\n', &bytes[region.span.start..]) {
            let nl = region.span.start + nl;
            let blank = text[line_start..nl].trim().is_empty();
            if !region.soft_breaks || blank {
                push(start, nl);
                start = nl + 1;
            }
            line_start = nl + 1;
        }
        push(start, region.span.end);
    }
    out
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    Span::new(span.start + lead, span.start + lead + trimmed.len())
}

/// What a token is. A quotation is one token, whatever it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a letter or digit.
    Word,
    /// Any other visible character.
    Punct,
    /// The part of quotation number `n` (an index into the document's quotes) in this paragraph.
    Quote(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub span: Span,
    pub text: &'a str,
    pub kind: TokenKind,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_punct(&self, p: &str) -> bool {
        self.kind == TokenKind::Punct && self.text == p
    }

    pub fn quote(&self) -> Option<usize> {
        match self.kind {
            TokenKind::Quote(n) => Some(n),
            _ => None,
        }
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.is_word() && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// The tokens of `span`, with each of `atoms` (sorted, disjoint spans inside `span`, tagged with
/// their quote number) as one token and `masked` bytes skipped.
pub fn tokens<'a>(
    text: &'a str,
    span: Span,
    atoms: &[(Span, usize)],
    masked: &[Span],
) -> Vec<Token<'a>> {
    let mut out = Vec::with_capacity(span.len() / 5);
    let mut at = span.start;
    for &(atom, n) in atoms {
        words_into(text, Span::new(at, atom.start.max(at)), masked, &mut out);
        out.push(Token {
            span: atom,
            text: atom.text(text),
            kind: TokenKind::Quote(n),
        });
        at = atom.end.max(at);
    }
    words_into(text, Span::new(at, span.end.max(at)), masked, &mut out);
    out
}

fn words_into<'a>(text: &'a str, span: Span, masked: &[Span], out: &mut Vec<Token<'a>>) {
    let piece = span.text(text);
    for (i, w) in piece.split_word_bound_indices() {
        let Some(first) = w.chars().next() else {
            continue;
        };
        if first.is_whitespace() {
            continue;
        }
        let start = span.start + i;
        if masked.iter().any(|m| m.contains(start)) {
            continue;
        }
        let kind = if first.is_alphanumeric() {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        out.push(Token {
            span: Span::new(start, start + w.len()),
            text: w,
            kind,
        });
    }
}

/// Words that end in a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ala", "Apr", "Ariz", "Aug", "Calif", "Capt", "Cmdr", "Co", "Col", "Colo", "Conn",
    "Corp", "Cpl", "Dec", "Del", "Dept", "Dr", "Feb", "Fla", "Fr", "Ga", "Gen", "Gov", "Hon",
    "Ill", "Inc", "Ind", "Jan", "Jr", "Kan", "Ky", "La", "Lt", "Ltd", "Maj", "Mass", "Md", "Mich",
    "Minn", "Miss", "Mo", "Mr", "Mrs", "Ms", "Mt", "No", "Nov", "Oct", "Okla", "Ore", "Pa", "Ph",
    "Pres", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sept", "Sgt", "Sr", "St", "Supt", "Tenn",
    "Tex", "Va", "Vt", "Wash", "Wis", "approx", "e.g", "etc", "i.e", "vs",
];

/// Indices into `tokens` where a new sentence starts (always including 0 for a non-empty
/// slice). A break follows `.`, `!` or `?` (or a quote ending in one) when the next token starts
/// with a capital, a digit or a quotation; not after an abbreviation or an initial.
pub fn sentence_starts(
    tokens: &[Token],
    quote_ends_sentence: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut starts = Vec::new();
    if tokens.is_empty() {
        return starts;
    }
    starts.push(0);
    for i in 0..tokens.len() - 1 {
        let t = &tokens[i];
        let ends = match t.kind {
            TokenKind::Punct => {
                matches!(t.text, "." | "!" | "?" | "…") && !after_abbreviation(tokens, i)
            }
            TokenKind::Quote(n) => quote_ends_sentence(n),
            TokenKind::Word => false,
        };
        if !ends {
            continue;
        }
        // Closing brackets stay with the sentence they close.
        let mut j = i + 1;
        while j < tokens.len() && matches!(tokens[j].text, ")" | "]") {
            j += 1;
        }
        let Some(next) = tokens.get(j) else { break };
        let opens = match next.kind {
            TokenKind::Quote(_) => true,
            TokenKind::Word => next
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
            TokenKind::Punct => matches!(next.text, "(" | "[" | "—" | "-"),
        };
        if opens && starts.last() != Some(&j) {
            starts.push(j);
        }
    }
    starts
}

fn after_abbreviation(tokens: &[Token], dot: usize) -> bool {
    if tokens[dot].text != "." || dot == 0 {
        return false;
    }
    let prev = &tokens[dot - 1];
    if !prev.is_word() || prev.span.end != tokens[dot].span.start {
        return false;
    }
    let w = prev.text;
    // An initial ("John F. Kennedy"), or a dotted abbreviation such as "U.S." ("U.S" is one word).
    (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
        || (w.contains('.') && w.len() <= 5)
        || ABBREVIATIONS.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::plain;

    fn paras(text: &str) -> Vec<&str> {
        paragraphs(text, &plain::regions(text))
            .iter()
            .map(|p| p.span.text(text))
            .collect()
    }

    #[test]
    fn wire_lines_are_paragraphs() {
        assert_eq!(
            paras("One.\nTwo.\n\n  Three.  \n"),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn quote_is_one_token() {
        let text = "He said “Hi. There.” Then left.";
        let q = text.find('“').unwrap();
        let qe = text.find('”').unwrap() + '”'.len_utf8();
        let toks = tokens(
            text,
            Span::new(0, text.len()),
            &[(Span::new(q, qe), 0)],
            &[],
        );
        let kinds: Vec<_> = toks.iter().map(|t| t.text).collect();
        assert_eq!(kinds, ["He", "said", "“Hi. There.”", "Then", "left", "."]);
        assert_eq!(sentence_starts(&toks, |_| true), [0, 3]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Sen. John F. Kennedy met Mr. Smith in the U.S. on Monday. Then he left.";
        let toks = tokens(text, Span::new(0, text.len()), &[], &[]);
        let starts = sentence_starts(&toks, |_| false);
        assert_eq!(starts.len(), 2);
        assert_eq!(toks[starts[1]].text, "Then");
    }

    #[test]
    fn masked_words_are_skipped() {
        let text = "a `b` c";
        let toks = tokens(text, Span::new(0, text.len()), &[], &[Span::new(2, 5)]);
        assert_eq!(toks.iter().map(|t| t.text).collect::<Vec<_>>(), ["a", "c"]);
    }
}
