//! The quotation inventory of `quotecheck quotes`. Its JSON is a contract (the evaluation reads
//! it): one object per document, `{"id" | "path", "quotes": [...]}`, offsets in UTF-8 bytes
//! into the document, marks included, end exclusive; line and column 1-based, columns in
//! characters. Fields may be added; none is removed or changes meaning.

use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, Totals, plural};
use crate::Checked;
use crate::grammar::attribution::Pattern;
use crate::grammar::speaker::MentionKind;
use crate::link::{Basis, QuoteKind, Resolution};
use crate::span::{LineIndex, Span};

#[derive(Serialize)]
pub struct DocumentRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'a str>,
    pub quotes: Vec<QuoteRecord<'a>>,
}

#[derive(Serialize)]
pub struct QuoteRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: &'a str,
    pub kind: QuoteKind,
    pub attributed: bool,
    /// The unattributed-quote rule reports it.
    pub flagged: bool,
    pub closed: bool,
    /// Paragraphs after the first that it runs into.
    pub continues: usize,
    pub speaker: Option<SpeakerRecord<'a>>,
    pub cue: Option<SpanRecord<'a>>,
    pub basis: Option<Basis>,
    pub pattern: Option<Pattern>,
}

#[derive(Serialize)]
pub struct SpeakerRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub name: Option<&'a str>,
    pub kind: MentionKind,
    pub resolution: Resolution,
}

#[derive(Serialize)]
pub struct SpanRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

fn span_record(text: &str, s: Span) -> SpanRecord<'_> {
    SpanRecord {
        start: s.start,
        end: s.end,
        text: s.text(text),
    }
}

/// The inventory record of one document.
pub fn record(doc: &Checked) -> DocumentRecord<'_> {
    let text = &doc.source.text;
    let index = LineIndex::new(text);
    let mut cursor = index.cursor(text);
    let quotes = doc
        .analysis
        .quotes
        .iter()
        .map(|a| {
            let (line, column) = cursor.line_col(a.quote.span.start);
            QuoteRecord {
                start: a.quote.span.start,
                end: a.quote.span.end,
                line,
                column,
                text: a.quote.span.text(text),
                kind: a.kind,
                attributed: a.attributed(),
                flagged: a.kind == QuoteKind::Speech && !a.attributed() && a.quote.closed(),
                closed: a.quote.closed(),
                continues: a.quote.continues(),
                speaker: a.speaker.as_ref().map(|s| SpeakerRecord {
                    start: s.mention.start,
                    end: s.mention.end,
                    text: s.mention.text(text),
                    name: s.name.as_deref(),
                    kind: s.kind,
                    resolution: s.resolution,
                }),
                cue: a.cue.map(|c| span_record(text, c)),
                basis: a.basis,
                pattern: a.pattern,
            }
        })
        .collect();
    let name = doc.source.name.as_str();
    DocumentRecord {
        id: doc.source.is_record.then_some(name),
        path: (!doc.source.is_record).then_some(name),
        quotes,
    }
}

/// One JSON object per line: streams without holding the archive.
pub struct Jsonl;

impl Emitter for Jsonl {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        // Serialized into a local buffer and written at once: serde_json's many small writes
        // cost a dynamic call each through `dyn Write`.
        let mut buf = Vec::with_capacity(256 + doc.analysis.quotes.len() * 512);
        serde_json::to_writer(&mut buf, &record(doc)).map_err(io::Error::other)?;
        buf.push(b'\n');
        out.write_all(&buf)
    }

    fn finish(&mut self, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }
}

/// A JSON array of document objects.
#[derive(Default)]
pub struct Json {
    count: usize,
}

impl Emitter for Json {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        self.count += 1;
        serde_json::to_writer_pretty(&mut *out, &record(doc)).map_err(io::Error::other)
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        if self.count == 0 {
            out.write_all(b"[")?;
        }
        out.write_all(b"\n]\n")
    }
}

/// For people: each quotation with its speaker, cue and basis.
pub struct Human;

/// Quotations longer than this are shortened in the listing.
const SHOWN: usize = 70;

impl Emitter for Human {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        let rec = record(doc);
        writeln!(
            out,
            "{} ({})",
            doc.source.name,
            plural(rec.quotes.len(), "quotation")
        )?;
        for q in &rec.quotes {
            let mut shown: String = q.text.chars().take(SHOWN).collect();
            if q.text.chars().nth(SHOWN).is_some() {
                shown.push('…');
            }
            let shown = shown.replace('\n', " ");
            let who = match (&q.speaker, q.kind) {
                (Some(s), _) => {
                    let name = s
                        .name
                        .filter(|n| *n != s.text)
                        .map(|n| format!(" = {n}"))
                        .unwrap_or_default();
                    let cue = q
                        .cue
                        .as_ref()
                        .map(|c| format!(", cue “{}”", c.text))
                        .unwrap_or_default();
                    let basis = q
                        .basis
                        .map(|b| {
                            format!(
                                ", {}",
                                serde_json::to_value(b)
                                    .unwrap_or_default()
                                    .as_str()
                                    .unwrap_or("")
                            )
                        })
                        .unwrap_or_default();
                    format!("{}{name}{cue}{basis}", s.text)
                }
                (None, QuoteKind::Term) => "(term)".to_string(),
                (None, QuoteKind::Speech) if !q.closed => "(unclosed)".to_string(),
                (None, QuoteKind::Speech) => "UNATTRIBUTED".to_string(),
            };
            writeln!(
                out,
                "  {:>4}:{:<3} {shown}\n            ← {who}",
                q.line, q.column
            )?;
        }
        writeln!(out)
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        writeln!(
            out,
            "{} in {}.",
            plural(totals.quotes, "quotation"),
            plural(totals.files, "document")
        )
    }
}
