//! quotecheck finds every quotation in a news article, links it to the person or document it
//! came from, and flags the quotations nobody is credited with.
//!
//! The pipeline, one module a stage, data flowing one way:
//!
//! ```text
//! text ─► markup ─► segment ─► grammar ─► link ─► rules ─► output
//!        (prose    (paragraphs, (quotes,   (quote →  (diagnostics) (human, json …)
//!         regions)  sentences,   cues,      speaker,
//!                   words)       speakers)  names)
//! ```
//!
//! Quotation marks are paired (`grammar::quote`) before paragraphs are split into words, so that
//! a quotation is one token and no sentence break is ever found inside it. Spans are byte ranges
//! into the original text from the first stage to the last.
//!
//! ```
//! let doc = quotecheck::SourceFile::new("a.txt", "“We won,” said Maria Lopez.", quotecheck::Format::Text);
//! let checked = quotecheck::check(doc);
//! let speaker = checked.analysis.quotes[0].speaker.as_ref().unwrap();
//! assert_eq!(speaker.name.as_deref(), Some("Maria Lopez"));
//! assert!(checked.diagnostics.is_empty());
//! ```

pub mod cli;
pub mod config;
pub mod error;
pub mod grammar;
pub mod jsonl;
pub mod link;
pub mod markup;
pub mod output;
pub mod rules;
pub mod segment;
mod simd;
pub mod source;
pub mod span;
pub mod suppress;

pub use error::Error;
pub use link::Analysis;
pub use rules::{Diagnostic, Severity};
pub use source::{Format, SourceFile};
pub use span::Span;

use unicode_segmentation::UnicodeSegmentation;

/// A document with its analysis and findings.
#[derive(Debug, Clone)]
pub struct Checked {
    pub source: SourceFile,
    pub analysis: Analysis,
    pub diagnostics: Vec<Diagnostic>,
    /// The configuration it was checked with (word lists for the sourcing audit).
    pub settings: config::Settings,
}

/// Finds the quotations of a document and their speakers.
pub fn quotes(source: &SourceFile) -> Analysis {
    link::analyse(&source.text, source.format)
}

/// Analyses a document and runs every rule on it at its default severity, then applies the
/// suppression comments in the text.
pub fn check(source: SourceFile) -> Checked {
    check_with(source, &config::Settings::default())
}

/// Analyses a document with its configuration's word lists and runs no rule: what the
/// inventory and the sources audit need (`diagnostics` is empty).
pub fn analyse_with(source: SourceFile, settings: &config::Settings) -> Checked {
    let mut doc = analyse_for_output(source, settings);
    doc.analysis.anonymous_phrases = settings.config.anonymous.clone();
    doc
}

/// [`analyse_with`] without the anonymous-source phrases, which only the rules read: the
/// `quotes` and `sources` commands skip a copy of the list (a dozen strings) per document.
pub(crate) fn analyse_for_output(source: SourceFile, settings: &config::Settings) -> Checked {
    let words = &settings.config;
    let analysis = grammar::lexicon::with_extra_verbs(&words.verbs, || quotes(&source));
    Checked {
        source,
        analysis,
        diagnostics: Vec::new(),
        settings: settings.clone(),
    }
}

/// Analyses a document and runs the rules its configuration turns on, at the severities it
/// gives; then applies the suppression comments in the text.
pub fn check_with(source: SourceFile, settings: &config::Settings) -> Checked {
    let mut doc = analyse_with(source, settings);
    let (text, analysis) = (&doc.source.text, &doc.analysis);
    let mut diagnostics = rules::check_selected(text, analysis, |r| {
        settings.severity(r.code, r.default_severity)
    });
    if settings.min_quote_words > 0 {
        // Short quotations (`“no”`, `“wow”`) are often reactions, not sourced speech.
        let short = |span: Span| {
            analysis.quotes.iter().any(|a| {
                a.quote.span == span
                    && a.quote.content().text(text).unicode_words().count()
                        < settings.min_quote_words
            })
        };
        diagnostics.retain(|d| d.code != "Q001" || !short(d.span));
    }
    let unused = settings.severity(suppress::CODE, Severity::Info);
    doc.diagnostics = suppress::apply(text, diagnostics, unused);
    doc
}
