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
        write_document(&mut buf, &record(doc)).map_err(io::Error::other)?;
        buf.push(b'\n');
        out.write_all(&buf)
    }

    fn finish(&mut self, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }
}

/// `serde_json::to_writer(buf, rec)`, byte for byte, written by hand: the inventory is mostly
/// quoted text, which serde_json escapes a byte at a time, and here goes eight bytes at a time
/// (`json_string`). Enumerations and options still go through serde.
fn write_document(buf: &mut Vec<u8>, rec: &DocumentRecord) -> serde_json::Result<()> {
    buf.push(b'{');
    if let Some(id) = rec.id {
        buf.extend_from_slice(b"\"id\":");
        json_string(buf, id);
        buf.push(b',');
    }
    if let Some(path) = rec.path {
        buf.extend_from_slice(b"\"path\":");
        json_string(buf, path);
        buf.push(b',');
    }
    buf.extend_from_slice(b"\"quotes\":[");
    for (i, q) in rec.quotes.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        write_quote(buf, q)?;
    }
    buf.extend_from_slice(b"]}");
    Ok(())
}

fn write_quote(buf: &mut Vec<u8>, q: &QuoteRecord) -> serde_json::Result<()> {
    json_number(buf, b"{\"start\":", q.start);
    json_number(buf, b",\"end\":", q.end);
    json_number(buf, b",\"line\":", q.line);
    json_number(buf, b",\"column\":", q.column);
    buf.extend_from_slice(b",\"text\":");
    json_string(buf, q.text);
    buf.extend_from_slice(b",\"kind\":");
    serde_json::to_writer(&mut *buf, &q.kind)?;
    buf.extend_from_slice(b",\"attributed\":");
    json_bool(buf, q.attributed);
    buf.extend_from_slice(b",\"flagged\":");
    json_bool(buf, q.flagged);
    buf.extend_from_slice(b",\"closed\":");
    json_bool(buf, q.closed);
    json_number(buf, b",\"continues\":", q.continues);
    buf.extend_from_slice(b",\"speaker\":");
    match &q.speaker {
        None => buf.extend_from_slice(b"null"),
        Some(s) => {
            json_span_open(buf, s.start, s.end, s.text);
            buf.extend_from_slice(b",\"name\":");
            match s.name {
                None => buf.extend_from_slice(b"null"),
                Some(name) => json_string(buf, name),
            }
            buf.extend_from_slice(b",\"kind\":");
            serde_json::to_writer(&mut *buf, &s.kind)?;
            buf.extend_from_slice(b",\"resolution\":");
            serde_json::to_writer(&mut *buf, &s.resolution)?;
            buf.push(b'}');
        }
    }
    buf.extend_from_slice(b",\"cue\":");
    match &q.cue {
        None => buf.extend_from_slice(b"null"),
        Some(c) => {
            json_span_open(buf, c.start, c.end, c.text);
            buf.push(b'}');
        }
    }
    buf.extend_from_slice(b",\"basis\":");
    json_option(buf, &q.basis)?;
    buf.extend_from_slice(b",\"pattern\":");
    json_option(buf, &q.pattern)?;
    buf.push(b'}');
    Ok(())
}

/// `true` or `false`, as serde_json writes them, without a serializer per field.
/// `{"start":…,"end":…,"text":"…"`, the opening of a speaker or cue object (left open for
/// the fields that follow).
fn json_span_open(buf: &mut Vec<u8>, start: usize, end: usize, text: &str) {
    json_number(buf, b"{\"start\":", start);
    json_number(buf, b",\"end\":", end);
    buf.extend_from_slice(b",\"text\":");
    json_string(buf, text);
}

fn json_bool(buf: &mut Vec<u8>, b: bool) {
    buf.extend_from_slice(if b { b"true" } else { b"false" });
}

/// `null`, or the value through serde_json: most quotations lack a basis or pattern.
fn json_option<T: Serialize>(buf: &mut Vec<u8>, v: &Option<T>) -> serde_json::Result<()> {
    match v {
        None => {
            buf.extend_from_slice(b"null");
            Ok(())
        }
        Some(v) => serde_json::to_writer(&mut *buf, v),
    }
}

/// `prefix` (punctuation and key), then `n`.
fn json_number(buf: &mut Vec<u8>, prefix: &[u8], n: usize) {
    buf.extend_from_slice(prefix);
    buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `s` as a JSON string, escaped as serde_json escapes it: `"` and `\\`, control characters
/// as `\\b \\t \\n \\f \\r` or `\\u00xx`; everything else as it is.
fn json_string(buf: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    buf.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if let Some(word) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            if !needs_escape_word(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        if c < 0x20 || c == b'"' || c == b'\\' {
            buf.extend_from_slice(&b[start..i]);
            match c {
                b'"' => buf.extend_from_slice(b"\\\""),
                b'\\' => buf.extend_from_slice(b"\\\\"),
                0x08 => buf.extend_from_slice(b"\\b"),
                b'\t' => buf.extend_from_slice(b"\\t"),
                b'\n' => buf.extend_from_slice(b"\\n"),
                0x0c => buf.extend_from_slice(b"\\f"),
                b'\r' => buf.extend_from_slice(b"\\r"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    buf.extend_from_slice(b"\\u00");
                    buf.push(HEX[usize::from(c >> 4)]);
                    buf.push(HEX[usize::from(c & 0xf)]);
                }
            }
            start = i + 1;
        }
        i += 1;
    }
    buf.extend_from_slice(&b[start..]);
    buf.push(b'"');
}

/// Whether any of eight bytes is below 0x20, `"` or `\\` (never wrong when there is one).
fn needs_escape_word(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGH != 0;
    below(w, 0x20) || below(w ^ (ONES * 0x22), 1) || below(w ^ (ONES * 0x5c), 1)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, SourceFile};

    /// The hand-written JSON is serde_json's, on every article of the example corpus.
    #[test]
    fn document_json_is_serde_json() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut seen = 0;
        for dir in ["clean", "edge", "findings"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                for is_record in [false, true] {
                    let mut doc = SourceFile::new(
                        entry.path().display().to_string(),
                        text.clone(),
                        Format::Text,
                    );
                    doc.is_record = is_record;
                    let checked = crate::check(doc);
                    let rec = record(&checked);
                    let mut fast = Vec::new();
                    write_document(&mut fast, &rec).unwrap();
                    assert_eq!(
                        String::from_utf8(fast).unwrap(),
                        serde_json::to_string(&rec).unwrap()
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen > 20);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Strings are escaped exactly as serde_json escapes them.
        #[test]
        fn strings_are_escaped_as_serde_json_does(s in "([\\x00-\\x7f]|[é“”\u{2028}\u{7f}\u{80}\u{ff}]|\\PC){0,40}") {
            let mut fast = Vec::new();
            json_string(&mut fast, &s);
            proptest::prop_assert_eq!(String::from_utf8(fast).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}
