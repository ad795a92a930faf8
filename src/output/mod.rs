//! Stage 6: output, one format per file. Every format reads the same `Checked` documents;
//! lines and columns are computed here and nowhere earlier.

pub mod checkstyle;
pub mod concise;
pub mod github;
pub mod human;
pub mod inventory;
pub mod json;
pub mod rdjson;
pub mod sarif;
pub mod sources;

use std::io::{self, Write};

use crate::Checked;

/// Formats for `quotecheck check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Concise,
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// reviewdog's diagnostic format, one document.
    Rdjson,
    /// reviewdog's diagnostic format, one diagnostic a line.
    Rdjsonl,
    /// Checkstyle XML.
    Checkstyle,
}

/// Formats for `quotecheck quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuotesFormat {
    Human,
    Json,
    Jsonl,
}

/// Totals for the closing summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub files: usize,
    pub quotes: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files_with_findings: usize,
    pub unreadable: usize,
    /// Wall time of the run, for the summary; `None` leaves it out (snapshots, library use).
    pub elapsed: Option<std::time::Duration>,
    /// Findings left out by `--min-severity`.
    pub hidden: usize,
}

impl Totals {
    pub fn add(&mut self, c: &Checked) {
        self.files += 1;
        self.quotes += c.analysis.quotes.len();
        if !c.diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        for d in &c.diagnostics {
            match d.severity {
                crate::Severity::Error => self.errors += 1,
                crate::Severity::Warning => self.warnings += 1,
                crate::Severity::Info => self.infos += 1,
            }
        }
    }

    /// Adds the counts of `other` (a document's own, counted where it was checked); the wall
    /// time is this run's alone.
    pub fn merge(&mut self, other: &Totals) {
        self.files += other.files;
        self.quotes += other.quotes;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.files_with_findings += other.files_with_findings;
        self.unreadable += other.unreadable;
        self.hidden += other.hidden;
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// Writes documents as they are checked, then a closing part.
pub trait Emitter {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()>;

    /// For a format whose output of a document depends on that document alone: what renders
    /// it, on any thread, so that the threads that check documents also render them and this
    /// one only writes the bytes (with [`Emitter::rendered`]) instead of `document`.
    fn renderer(&self) -> Option<Render> {
        None
    }

    /// Writes the output of a document rendered by [`Emitter::renderer`].
    fn rendered(&mut self, out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        out.write_all(bytes)
    }
}

/// Renders one document's output into a buffer; see [`Emitter::renderer`].
pub type Render = Box<dyn Fn(&Checked, &mut Vec<u8>) + Send + Sync>;

/// A renderer from a function writing a document to any writer: writing to memory does not
/// fail.
fn render_with(write: fn(&mut Vec<u8>, &Checked) -> io::Result<()>) -> Render {
    Box::new(move |doc, buf| write(buf, doc).expect("writing to memory"))
}

pub fn check_emitter(format: CheckFormat, color: bool) -> Box<dyn Emitter> {
    match format {
        CheckFormat::Human => Box::new(human::Human::new(color)),
        CheckFormat::Concise => Box::new(concise::Concise),
        CheckFormat::Json => Box::new(json::Diagnostics::default()),
        CheckFormat::Sarif => Box::new(sarif::Sarif::default()),
        CheckFormat::Github => Box::new(github::Github),
        CheckFormat::Rdjson => Box::new(rdjson::Rdjson::default()),
        CheckFormat::Rdjsonl => Box::new(rdjson::Rdjsonl),
        CheckFormat::Checkstyle => Box::new(checkstyle::Checkstyle::new()),
    }
}

pub fn quotes_emitter(format: QuotesFormat) -> Box<dyn Emitter> {
    match format {
        QuotesFormat::Human => Box::new(inventory::Human),
        QuotesFormat::Json => Box::new(inventory::Json::default()),
        QuotesFormat::Jsonl => Box::new(inventory::Jsonl),
    }
}

/// `1 error`, `2 warnings`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A document name as a relative URI reference (SARIF's `artifactLocation.uri`): `/`
/// separators, no leading `./`, and every byte outside RFC 3986's unreserved set and `/`
/// percent-encoded. Absolute paths become `file://` URIs.
pub fn uri(name: &str) -> String {
    let name = name.replace('\\', "/");
    let mut rest = name.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    let mut out = String::new();
    if rest.starts_with('/') {
        out.push_str("file://");
    }
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
