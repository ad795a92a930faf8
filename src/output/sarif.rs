//! SARIF 2.1.0, for GitHub code scanning and other dashboards. One run; the rules in
//! `tool.driver.rules`; each result at a region whose columns are UTF-16 code units, as the run
//! declares with `columnKind` (SARIF's default, and what GitHub's viewers count). Byte offsets
//! are given too, so consumers that prefer them need no conversion.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emitter, Totals, uri};
use crate::span::LineIndex;
use crate::{Checked, Severity, rules, suppress};

#[derive(Default)]
pub struct Sarif {
    results: Vec<Value>,
}

/// SARIF's level for a severity.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The rule descriptors, in a fixed order: results point into it by `ruleIndex`.
fn descriptors() -> Vec<Value> {
    let mut out: Vec<Value> = rules::RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.summary, "markdown": r.docs },
                "defaultConfiguration": { "level": level(r.default_severity) },
            })
        })
        .collect();
    out.push(json!({
        "id": suppress::CODE,
        "name": suppress::NAME,
        "shortDescription": { "text": suppress::SUMMARY },
        "help": { "text": suppress::SUMMARY, "markdown": suppress::DOCS },
        "defaultConfiguration": { "level": "note" },
    }));
    out
}

fn rule_index(code: &str) -> usize {
    rules::RULES
        .iter()
        .position(|r| r.code == code)
        .unwrap_or(rules::RULES.len())
}

impl Emitter for Sarif {
    fn document(&mut self, _out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        let text = &doc.source.text;
        let index = LineIndex::new(text);
        // Ends get an index of their own: each keeps its place counting along a long line.
        let ends = LineIndex::new(text);
        for d in &doc.diagnostics {
            let (line, _) = index.line_col(text, d.span.start);
            let (end_line, _) = ends.line_col(text, d.span.end);
            self.results.push(json!({
                "ruleId": d.code,
                "ruleIndex": rule_index(d.code),
                "level": level(d.severity),
                "message": { "text": format!("{} ({})", d.message, d.help) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&doc.source.name) },
                        "region": {
                            "startLine": line,
                            "startColumn": index.utf16_col(text, d.span.start),
                            "endLine": end_line,
                            "endColumn": ends.utf16_col(text, d.span.end),
                            "byteOffset": d.span.start,
                            "byteLength": d.span.len(),
                            "snippet": { "text": d.span.text(text) },
                        }
                    }
                }],
            }));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "quotecheck",
                        "version": env!("CARGO_PKG_VERSION"),
                        "informationUri": "https://crates.io/crates/quotecheck",
                        "rules": descriptors(),
                    }
                },
                "columnKind": "utf16CodeUnits",
                "results": std::mem::take(&mut self.results),
            }]
        });
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        writeln!(out)
    }
}
