//! Property tests: for any input, in plain text and in Markdown, the analysis does not panic,
//! every span it reports is in bounds, runs forwards and falls on character boundaries, every
//! output format renders, and running it twice gives the same result.

use proptest::prelude::*;
use quotecheck::output::{CheckFormat, QuotesFormat, Totals, check_emitter, quotes_emitter};
use quotecheck::{Checked, Format, SourceFile, Span};

/// Pieces that stress the quote pairing and the attribution grammar.
const PIECES: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "« ",
    " »",
    "‚",
    "″",
    "′",
    "`",
    "```",
    "    ",
    "> ",
    "# ",
    "- ",
    "* ",
    "1. ",
    "<b>",
    "</b>",
    "<a href=\"x\">",
    "[",
    "](",
    ")",
    "\\",
    "|",
    "said",
    "says",
    "told reporters",
    "according to",
    "said:",
    "he",
    "she",
    "they",
    "it",
    "Smith",
    "Mr. Smith",
    "Dr. Ana Lopez",
    "the mayor",
    "a spokeswoman",
    "the statement",
    "O’Neill",
    "rock ’n’ roll",
    "’90s",
    "'90s",
    "James'",
    "don't",
    "6'2\"",
    "=\"",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    "…",
    "—",
    "-",
    "(",
    ")",
    "Q:",
    "A:",
    "SMITH:",
    "We",
    "won",
    "the",
    "vote",
    "é",
    "日本",
    "🦀",
    "\u{200b}",
    "\u{feff}",
    "\0",
];

/// Whole attributions, so the grammar gets past its first token often, at paragraph starts too.
const PHRASES: &[&str] = &[
    "Said Smith: ",
    "said he ",
    "Smith said: ",
    "Smith said, ",
    "“We won,” said Smith.",
    "“We won,” Smith said.",
    "\"We won,\" he said.",
    "“We won,” she says.",
    "according to the statement.",
    "the mayor told reporters ",
    "Dr. Ana Lopez, the mayor, said ",
    "adding, ",
    ", says Smith, ",
    "\n\n“",
    "\n\nSaid ",
];

/// Text built from the pieces and phrases, with arbitrary characters mixed in.
fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(PIECES).prop_map(str::to_string),
        2 => proptest::sample::select(PHRASES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z]{1,8}",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// Any string at all, or an article-like one.
fn input() -> impl Strategy<Value = String> {
    prop_oneof![1 => any::<String>(), 3 => article()]
}

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "{what} {span:?} runs backwards");
    prop_assert!(
        span.end <= text.len(),
        "{what} {span:?} ends past the text ({} bytes)",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start),
        "{what} {span:?} starts inside a character"
    );
    prop_assert!(
        text.is_char_boundary(span.end),
        "{what} {span:?} ends inside a character"
    );
    Ok(())
}

fn check_spans(doc: &Checked) -> Result<(), TestCaseError> {
    let text = &doc.source.text;
    for a in &doc.analysis.quotes {
        let q = &a.quote;
        check_span(text, q.span, "quote")?;
        check_span(text, q.open, "opening mark")?;
        prop_assert!(
            q.span.start <= q.open.start && q.open.end <= q.span.end,
            "opening mark {:?} outside its quote {:?}",
            q.open,
            q.span
        );
        if let Some(close) = q.close {
            check_span(text, close, "closing mark")?;
            prop_assert!(
                q.span.start <= close.start && close.end <= q.span.end,
                "closing mark {close:?} outside its quote {:?}",
                q.span
            );
            prop_assert!(
                q.open.end <= close.start,
                "closing mark {close:?} before opening mark {:?}",
                q.open
            );
        }
        for r in &q.reopens {
            check_span(text, *r, "reopening mark")?;
        }
        prop_assert!(q.first_paragraph <= q.last_paragraph);
        check_span(text, q.content(), "quote content")?;
        if let Some(s) = &a.speaker {
            check_span(text, s.mention, "speaker")?;
        }
        if let Some(c) = a.cue {
            check_span(text, c, "cue")?;
        }
    }
    for stray in &doc.analysis.strays {
        check_span(text, stray.span, "stray mark")?;
    }
    for d in &doc.diagnostics {
        check_span(text, d.span, "diagnostic")?;
    }
    Ok(())
}

/// Every output format renders the document.
fn render_all(doc: &Checked) -> Result<(), TestCaseError> {
    let mut totals = Totals::default();
    totals.add(doc);
    let mut emitters = vec![
        check_emitter(CheckFormat::Human, false),
        check_emitter(CheckFormat::Human, true),
        check_emitter(CheckFormat::Concise, false),
        check_emitter(CheckFormat::Json, false),
    ];
    emitters
        .extend([QuotesFormat::Human, QuotesFormat::Json, QuotesFormat::Jsonl].map(quotes_emitter));
    for mut e in emitters {
        let mut out = Vec::new();
        e.document(&mut out, doc)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        e.finish(&mut out, &totals)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(String::from_utf8(out).is_ok(), "output is not UTF-8");
    }
    Ok(())
}

fn property(text: &str, format: Format) -> Result<(), TestCaseError> {
    let first = quotecheck::check(SourceFile::new("p", text, format));
    check_spans(&first)?;
    render_all(&first)?;
    let second = quotecheck::check(SourceFile::new("p", text, format));
    prop_assert_eq!(
        format!("{:?}", first.analysis),
        format!("{:?}", second.analysis),
        "analysis differs between runs"
    );
    prop_assert_eq!(
        format!("{:?}", first.diagnostics),
        format!("{:?}", second.diagnostics),
        "diagnostics differ between runs"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plain_text_spans_are_sound_and_deterministic(text in input()) {
        property(&text, Format::Text)?;
    }

    #[test]
    fn markdown_spans_are_sound_and_deterministic(text in input()) {
        property(&text, Format::Markdown)?;
    }
}

/// A few inputs that once were, or easily could be, edge cases.
#[test]
fn fixed_edge_cases() {
    let cases = [
        "",
        "\"",
        "“",
        "”",
        "'",
        "\n\n\n",
        "“”",
        "\"\"",
        "“\n\n“",
        "“a\n\n“b\n\n“c”",
        "«»",
        "„“",
        "said he",
        "“,” said",
        "“We won,” said",
        "“We won,” said Smith",
        "Smith said: “",
        "é“é”é",
        "🦀“🦀,” said 🦀.",
        "\r\n“a,”\r\nsaid Smith\r\n",
        "# “Title”\n\n```\n“code\n```\n",
        "> “quoted\n> block,” she said.",
        // A reporting verb opening a paragraph, before the quotation.
        "Said Mayor Ana Ruiz: “We won.”",
        "Intro.\n\nSaid Mayor Ana Ruiz: “We won.”",
        "said he\"‘",
    ];
    for text in cases {
        for format in [Format::Text, Format::Markdown] {
            if let Err(e) = property(text, format) {
                panic!("{text:?} as {format:?}: {e}");
            }
        }
    }
}
