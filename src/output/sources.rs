//! The sourcing audit of `quotecheck sources`: per article, who is quoted and how often, and
//! how many quotations are anonymous or unattributed. A table for people; JSON and CSV (one row
//! per article and speaker) for spreadsheets. Quoted terms (scare quotes, titles) are not
//! counted: they are nobody's words.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, Totals, plural};
use crate::Checked;
use crate::link::QuoteKind;

/// Formats for `quotecheck sources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourcesFormat {
    Table,
    Json,
    Csv,
}

#[derive(Serialize)]
pub struct ArticleSources {
    pub path: String,
    /// Quotations of speech (terms excluded).
    pub quotes: usize,
    pub attributed: usize,
    pub anonymous: usize,
    pub unattributed: usize,
    /// Named speakers, most quoted first.
    pub speakers: Vec<SpeakerCount>,
}

#[derive(Serialize)]
pub struct SpeakerCount {
    pub name: String,
    pub quotes: usize,
}

/// Counts the sources of one article. A speaker is anonymous when its phrase holds one of the
/// configured anonymous-source phrases; a named speaker is counted under its configured name
/// when one of its aliases is what the text says.
pub fn summarize(doc: &Checked) -> ArticleSources {
    let text = &doc.source.text;
    let config = &doc.settings.config;
    let mut named: BTreeMap<String, usize> = BTreeMap::new();
    let (mut quotes, mut attributed, mut anonymous, mut unattributed) = (0, 0, 0, 0);
    for a in &doc.analysis.quotes {
        if a.kind != QuoteKind::Speech {
            continue;
        }
        quotes += 1;
        let Some(sp) = &a.speaker else {
            unattributed += 1;
            continue;
        };
        attributed += 1;
        let mention = sp.mention.text(text).to_lowercase();
        // The anonymous-source rule's judgement, plus the configured phrases.
        if crate::rules::is_anonymous_with(text, sp, &config.anonymous) {
            anonymous += 1;
            continue;
        }
        let written = sp
            .name
            .clone()
            .unwrap_or_else(|| sp.mention.text(text).to_string());
        let name = config
            .aliases
            .get(&written.to_lowercase())
            .or_else(|| config.aliases.get(&mention))
            .cloned()
            .unwrap_or(written);
        *named.entry(name).or_default() += 1;
    }
    let mut speakers: Vec<SpeakerCount> = named
        .into_iter()
        .map(|(name, quotes)| SpeakerCount { name, quotes })
        .collect();
    speakers.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
    ArticleSources {
        path: doc.source.name.clone(),
        quotes,
        attributed,
        anonymous,
        unattributed,
        speakers,
    }
}

pub fn emitter(format: SourcesFormat) -> Box<dyn Emitter> {
    match format {
        SourcesFormat::Table => Box::new(Table),
        SourcesFormat::Json => Box::new(Json::default()),
        SourcesFormat::Csv => Box::new(Csv { header: false }),
    }
}

pub struct Table;

impl Emitter for Table {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        let s = summarize(doc);
        writeln!(
            out,
            "{}: {}, {} named, {} anonymous, {} unattributed",
            s.path,
            plural(s.quotes, "quotation"),
            s.attributed - s.anonymous,
            s.anonymous,
            s.unattributed
        )?;
        let width = s.speakers.iter().map(|p| p.name.chars().count()).max();
        for p in &s.speakers {
            writeln!(
                out,
                "  {:<w$}  {:>3}",
                p.name,
                p.quotes,
                w = width.unwrap_or(0)
            )?;
        }
        writeln!(out)
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        writeln!(out, "{} read.", plural(totals.files, "article"))
    }
}

#[derive(Default)]
pub struct Json {
    articles: Vec<ArticleSources>,
}

impl Emitter for Json {
    fn document(&mut self, _out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        self.articles.push(summarize(doc));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.articles).map_err(io::Error::other)?;
        writeln!(out)
    }
}

/// `path,speaker,kind,quotes`: one row per named speaker, then one each for the anonymous and
/// unattributed quotations when there are any, so a pivot table sums to the article's total.
pub struct Csv {
    header: bool,
}

/// RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

impl Emitter for Csv {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        if !self.header {
            self.header = true;
            write!(out, "path,speaker,kind,quotes\r\n")?;
        }
        let s = summarize(doc);
        let path = field(&s.path);
        for p in &s.speakers {
            write!(out, "{path},{},named,{}\r\n", field(&p.name), p.quotes)?;
        }
        for (kind, n) in [("anonymous", s.anonymous), ("unattributed", s.unattributed)] {
            if n > 0 {
                write!(out, "{path},,{kind},{n}\r\n")?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        if !self.header {
            write!(out, "path,speaker,kind,quotes\r\n")?;
        }
        Ok(())
    }
}
