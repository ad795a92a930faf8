//! Stage 6: output, one format per file. Every format reads the same `Checked` documents;
//! lines and columns are computed here and nowhere earlier.

pub mod concise;
pub mod human;
pub mod inventory;
pub mod json;

use std::io::{self, Write};

use crate::Checked;

/// Formats for `quotecheck check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Concise,
    Json,
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

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// Writes documents as they are checked, then a closing part.
pub trait Emitter {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()>;
}

pub fn check_emitter(format: CheckFormat, color: bool) -> Box<dyn Emitter> {
    match format {
        CheckFormat::Human => Box::new(human::Human::new(color)),
        CheckFormat::Concise => Box::new(concise::Concise),
        CheckFormat::Json => Box::new(json::Diagnostics::default()),
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
