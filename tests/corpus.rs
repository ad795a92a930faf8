//! The corpus: every article under `corpus/` gets two snapshots in `snapshots/`, one of the
//! analysis (each quotation with its speaker, cue and basis) and one of the rendered
//! diagnostics. Articles under `corpus/clean/` and `corpus/edge/` must have no warnings or
//! errors; info notes (an anonymous source, an ambiguous pronoun) are reminders an editor
//! expects even in clean copy, and are pinned by the snapshots.
//!
//! One test walks every file (insta's `glob!`), so adding an article adds its snapshots.
//! Snapshot mismatches and unexpected diagnostics are collected and reported together at the
//! end, naming every failing file. Update snapshots with `INSTA_UPDATE=always cargo test
//! --test corpus` (or `cargo insta review`).

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use quotecheck::output::{CheckFormat, Totals, check_emitter};
use quotecheck::source::{self, Format};
use quotecheck::{Checked, check};

/// Quotations longer than this many characters are shortened in the analysis snapshot.
const SHOWN: usize = 80;

/// The kebab-case (serde) name of an enum value.
fn name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value).expect("enum serializes") {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

/// `text`, on one line, cut to `SHOWN` characters.
fn shorten(text: &str) -> String {
    let mut shown: String = text.chars().take(SHOWN).collect();
    if text.chars().nth(SHOWN).is_some() {
        shown.push('…');
    }
    shown.replace("\r\n", "⏎").replace('\n', "⏎")
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// A plain-text listing of the analysis: one block per quotation, then the stray marks.
fn analysis_listing(doc: &Checked) -> String {
    let text = &doc.source.text;
    let quotes = &doc.analysis.quotes;
    let mut out = String::new();
    writeln!(
        out,
        "{} quotation(s), {} stray closing mark(s)",
        quotes.len(),
        doc.analysis.strays.len()
    )
    .unwrap();
    for a in quotes {
        let q = &a.quote;
        let (line, col) = line_col(text, q.span.start);
        let attributed = a.attributed();
        let flagged = a.kind == quotecheck::link::QuoteKind::Speech && !attributed && q.closed();
        writeln!(out).unwrap();
        writeln!(out, "{line}:{col} {}", shorten(q.span.text(text))).unwrap();
        let mut status = vec![name(&a.kind)];
        status.push(if attributed {
            "attributed".into()
        } else {
            "unattributed".into()
        });
        if flagged {
            status.push("FLAGGED".into());
        }
        if !q.closed() {
            status.push("unclosed".into());
        }
        if q.continues() > 0 {
            status.push(format!("continues {} paragraph(s)", q.continues()));
        }
        writeln!(out, "  kind:    {}", status.join(", ")).unwrap();
        match &a.speaker {
            Some(s) => {
                writeln!(
                    out,
                    "  speaker: “{}” ({})",
                    shorten(s.mention.text(text)),
                    name(&s.kind)
                )
                .unwrap();
                writeln!(
                    out,
                    "  name:    {} [{}]",
                    s.name.as_deref().unwrap_or("-"),
                    name(&s.resolution)
                )
                .unwrap();
            }
            None => writeln!(out, "  speaker: -").unwrap(),
        }
        let cue = a.cue.map_or_else(
            || "-".to_string(),
            |c| format!("“{}”", shorten(c.text(text))),
        );
        writeln!(out, "  cue:     {cue}").unwrap();
        let basis = a.basis.as_ref().map_or_else(|| "-".to_string(), name);
        let pattern = a.pattern.as_ref().map_or_else(|| "-".to_string(), name);
        writeln!(out, "  basis:   {basis}; pattern: {pattern}").unwrap();
    }
    for stray in &doc.analysis.strays {
        let (line, col) = line_col(text, stray.span.start);
        writeln!(out).unwrap();
        writeln!(
            out,
            "{line}:{col} stray closing mark {}",
            stray.span.text(text)
        )
        .unwrap();
    }
    out
}

/// The human output of `quotecheck check --color never` for one document, with its summary.
fn rendered_diagnostics(doc: &Checked) -> String {
    let mut emitter = check_emitter(CheckFormat::Human, false);
    let mut out = Vec::new();
    emitter.document(&mut out, doc).unwrap();
    let mut totals = Totals::default();
    totals.add(doc);
    emitter.finish(&mut out, &totals).unwrap();
    String::from_utf8(out).expect("human output is UTF-8")
}

/// `corpus/clean/01-harbor-dredging.md` for a file under the repository root.
fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .canonicalize()
        .unwrap();
    let path = path.canonicalize().unwrap();
    let rel = path.strip_prefix(&root).unwrap_or(&path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn corpus() {
    // Files under clean/ and edge/ that produced diagnostics, with what they produced.
    let mut unexpected: Vec<String> = Vec::new();
    let mut checked_files = 0;
    let snapshots = catch_unwind(AssertUnwindSafe(|| {
        insta::glob!("..", "corpus/**/*.{md,txt,html}", |path| {
            if path.file_name().is_some_and(|n| n == "README.md") {
                return;
            }
            checked_files += 1;
            let rel = relative(path);
            let format = Format::from_path(path).expect("corpus files are .md or .txt");
            let mut doc =
                check(source::read(path, format).unwrap_or_else(|e| panic!("{rel}: {e}")));
            // The absolute path would make the snapshots depend on the checkout.
            doc.source.name = rel.clone();
            let snapshot = rel.replace('/', "__");
            insta::with_settings!({
                snapshot_path => "../snapshots",
                prepend_module_to_snapshot => false,
                snapshot_suffix => "",
                omit_expression => true,
                description => rel.clone(),
            }, {
                insta::assert_snapshot!(format!("{snapshot}.analysis"), analysis_listing(&doc));
                insta::assert_snapshot!(format!("{snapshot}.diagnostics"), rendered_diagnostics(&doc));
            });
            let problems: Vec<_> = doc
                .diagnostics
                .iter()
                .filter(|d| d.severity > quotecheck::Severity::Info)
                .collect();
            if (rel.starts_with("corpus/clean/") || rel.starts_with("corpus/edge/"))
                && !problems.is_empty()
            {
                let mut msg = format!(
                    "{rel}: expected no warnings or errors, got {}:",
                    problems.len()
                );
                for d in &problems {
                    let (line, col) = line_col(&doc.source.text, d.span.start);
                    write!(
                        msg,
                        "\n    {line}:{col} {} [{}] {}: {}",
                        d.code,
                        d.severity.as_str(),
                        d.message,
                        shorten(d.span.text(&doc.source.text))
                    )
                    .unwrap();
                }
                unexpected.push(msg);
            }
        });
    }));

    let mut problems = Vec::new();
    if let Err(panic) = &snapshots {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("(no message)");
        problems.push(format!("snapshots: {message} (see the diffs above)"));
    }
    if !unexpected.is_empty() {
        problems.push(format!(
            "{} clean/edge file(s) have diagnostics:\n  {}",
            unexpected.len(),
            unexpected.join("\n  ")
        ));
    }
    assert!(
        snapshots.is_err() || checked_files > 0,
        "no corpus files found"
    );
    assert!(
        problems.is_empty(),
        "corpus test failed:\n{}",
        problems.join("\n")
    );
}
