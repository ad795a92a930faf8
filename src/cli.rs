//! The command line: clap definitions, reading inputs, the exit-code policy.
//!
//! Exit status: 0 when clean, 1 when `check` reports findings, 2 when an input could not be
//! read or the command line is wrong. Unreadable inputs are reported on stderr, naming the file
//! (and line, for JSON Lines), and the other inputs are still checked.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::output::{self, CheckFormat, Emitter, QuotesFormat, Totals};
use crate::source::{self, Format, SourceFile};
use crate::{Checked, Error, rules};

#[derive(Parser)]
#[command(
    name = "quotecheck",
    version,
    about = "Find quotations in news copy, link them to their speakers, and flag the unattributed ones."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files for unattributed quotations and unpaired quotation marks.
    Check {
        #[command(flatten)]
        input: InputArgs,
        /// How to print findings.
        #[arg(long, value_enum, default_value = "human")]
        output_format: CheckFormat,
        /// Colour in human output.
        #[arg(long, value_enum, default_value = "auto")]
        color: Color,
    },
    /// List every quotation with its speaker, cue and the reason they were linked.
    Quotes {
        #[command(flatten)]
        input: InputArgs,
        #[arg(long, value_enum, default_value = "human")]
        output_format: QuotesFormat,
    },
    /// List the rules.
    Rules,
    /// Print the documentation of a rule, by code (Q001) or name (unattributed-quote).
    Explain { rule: String },
}

#[derive(Args)]
struct InputArgs {
    /// Files or directories to read (`-` for standard input). Directories are walked, honouring
    /// .gitignore, for .md, .markdown and .txt files (.jsonl with --input-format jsonl).
    paths: Vec<PathBuf>,
    /// How to read the inputs: by file extension, or as one kind for all.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    /// The name to report for standard input (its extension also picks the format).
    #[arg(long)]
    stdin_filename: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    Auto,
    Text,
    Markdown,
    /// One JSON object a line, `{"id": "…", "text": "…"}`.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Parses the command line and runs it; returns the exit status.
pub fn run() -> Result<u8> {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Check {
            input,
            output_format,
            color,
        } => {
            let color = match color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let mut emitter = output::check_emitter(output_format, color);
            run_inputs(&input, emitter.as_mut(), &mut out).map(|t| {
                if t.unreadable > 0 {
                    2
                } else if t.findings() > 0 {
                    1
                } else {
                    0
                }
            })
        }
        Command::Quotes {
            input,
            output_format,
        } => {
            let mut emitter = output::quotes_emitter(output_format);
            run_inputs(&input, emitter.as_mut(), &mut out)
                .map(|t| if t.unreadable > 0 { 2 } else { 0 })
        }
        Command::Rules => list_rules(&mut out).map(|_| 0).map_err(Into::into),
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => write!(out, "{}", r.docs).map(|_| 0).map_err(Into::into),
            None => bail!("no rule `{rule}`; `quotecheck rules` lists them"),
        },
    };
    let flushed = out.flush();
    match (result, flushed) {
        // A closed pipe (`quotecheck quotes | head`) is the reader saying it has enough.
        (Err(e), _) if is_broken_pipe(&e) => Ok(0),
        (Ok(_), Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        (r, _) => r,
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn list_rules(out: &mut dyn Write) -> io::Result<()> {
    for r in rules::RULES {
        writeln!(
            out,
            "{}  {:<20} {:<8} {}",
            r.code,
            r.name,
            r.default_severity.as_str(),
            r.summary
        )?;
    }
    Ok(())
}

/// One unit of input.
enum Input {
    File(PathBuf, Format),
    Stdin(String, Format),
    Jsonl(Option<PathBuf>),
}

/// How many documents are checked in parallel before their output is written, in order.
const BATCH: usize = 256;

fn run_inputs(args: &InputArgs, emitter: &mut dyn Emitter, out: &mut dyn Write) -> Result<Totals> {
    let mut totals = Totals::default();
    let inputs = collect_inputs(args, &mut totals);
    let mut files: Vec<(PathBuf, Format)> = Vec::new();
    for input in inputs {
        match input {
            Input::File(path, format) => {
                files.push((path, format));
                if files.len() == BATCH {
                    check_files(&std::mem::take(&mut files), emitter, out, &mut totals)?;
                }
            }
            Input::Stdin(name, format) => {
                check_files(&std::mem::take(&mut files), emitter, out, &mut totals)?;
                let mut bytes = Vec::new();
                io::stdin()
                    .read_to_end(&mut bytes)
                    .context("reading standard input")?;
                match source::decode(Path::new(&name), bytes)
                    .and_then(|text| guarded_check(SourceFile::new(name, text, format)))
                {
                    Ok(doc) => emit(emitter, out, &mut totals, doc)?,
                    Err(e) => report(&mut totals, &e),
                }
            }
            Input::Jsonl(path) => {
                check_files(&std::mem::take(&mut files), emitter, out, &mut totals)?;
                check_jsonl(path.as_deref(), emitter, out, &mut totals)?;
            }
        }
    }
    check_files(&files, emitter, out, &mut totals)?;
    emitter.finish(out, &totals)?;
    Ok(totals)
}

/// Checks a document; a bug that panics costs that document, named, not the whole run.
fn guarded_check(doc: SourceFile) -> Result<Checked, Error> {
    let name = doc.name.clone();
    std::panic::catch_unwind(move || crate::check(doc)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Error::Internal {
            name,
            message: what,
        }
    })
}

fn report(totals: &mut Totals, e: &Error) {
    totals.unreadable += 1;
    eprintln!("quotecheck: error: {e}");
}

fn emit(
    emitter: &mut dyn Emitter,
    out: &mut dyn Write,
    totals: &mut Totals,
    doc: Checked,
) -> Result<()> {
    totals.add(&doc);
    emitter.document(out, &doc)?;
    Ok(())
}

/// Reads and checks files in parallel, then writes them in the order given.
fn check_files(
    files: &[(PathBuf, Format)],
    emitter: &mut dyn Emitter,
    out: &mut dyn Write,
    totals: &mut Totals,
) -> Result<()> {
    let results: Vec<_> = files
        .par_iter()
        .map(|(path, format)| source::read(path, *format).and_then(guarded_check))
        .collect();
    for r in results {
        match r {
            Ok(doc) => emit(emitter, out, totals, doc)?,
            Err(e) => report(totals, &e),
        }
    }
    Ok(())
}

#[derive(serde::Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: String,
}

/// Streams a JSON Lines file: batches of lines are checked in parallel and written in order,
/// so memory holds one batch, not the archive.
fn check_jsonl(
    path: Option<&Path>,
    emitter: &mut dyn Emitter,
    out: &mut dyn Write,
    totals: &mut Totals,
) -> Result<()> {
    let name = path.map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
    let reader: Box<dyn BufRead> = match path {
        Some(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(io::BufReader::new(f)),
            Err(source) => {
                report(
                    totals,
                    &Error::Io {
                        path: p.to_path_buf(),
                        source,
                    },
                );
                return Ok(());
            }
        },
        None => Box::new(io::BufReader::new(io::stdin())),
    };
    let mut lines = reader.split(b'\n').enumerate();
    loop {
        let batch: Vec<(usize, io::Result<Vec<u8>>)> = lines.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            return Ok(());
        }
        let results: Vec<Option<Result<Checked, Error>>> = batch
            .into_par_iter()
            .map(|(i, line)| {
                let line_no = i + 1;
                let err = |message: String| Error::JsonLine {
                    path: PathBuf::from(&name),
                    line: line_no,
                    message,
                };
                let bytes = match line {
                    Ok(b) => b,
                    Err(e) => return Some(Err(err(e.to_string()))),
                };
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    return None;
                }
                let record: Record = match serde_json::from_slice(&bytes) {
                    Ok(r) => r,
                    Err(e) => {
                        return Some(Err(err(format!(
                            "not a JSON object with a \"text\" string: {e}"
                        ))));
                    }
                };
                let id = match record.id {
                    Some(serde_json::Value::String(s)) => s,
                    Some(other) => other.to_string(),
                    None => format!("{name}:{line_no}"),
                };
                let mut doc = SourceFile::new(id, record.text, Format::Text);
                doc.is_record = true;
                Some(guarded_check(doc))
            })
            .collect();
        for r in results.into_iter().flatten() {
            match r {
                Ok(doc) => emit(emitter, out, totals, doc)?,
                Err(e) => report(totals, &e),
            }
        }
    }
}

/// Turns the command line's paths into inputs: files as named, directories walked (honouring
/// .gitignore), `-` for standard input. Paths that do not exist are reported and skipped.
fn collect_inputs(args: &InputArgs, totals: &mut Totals) -> Vec<Input> {
    let jsonl = args.input_format == InputFormat::Jsonl;
    let forced = match args.input_format {
        InputFormat::Text => Some(Format::Text),
        InputFormat::Markdown => Some(Format::Markdown),
        _ => None,
    };
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        // JSON Lines is a stream: with no paths it comes on standard input.
        vec![PathBuf::from(if jsonl { "-" } else { "." })]
    } else {
        args.paths.clone()
    };
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            if jsonl {
                inputs.push(Input::Jsonl(None));
            } else {
                let name = args
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| "<stdin>".into());
                let format = forced
                    .or_else(|| Format::from_path(Path::new(&name)))
                    .unwrap_or(Format::Text);
                inputs.push(Input::Stdin(name, format));
            }
        } else if path.is_dir() {
            let walker = ignore::WalkBuilder::new(&path)
                .require_git(false)
                .sort_by_file_name(|a, b| a.cmp(b))
                .build();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let p = e.into_path();
                        if jsonl {
                            if p.extension().is_some_and(|x| x == "jsonl") {
                                inputs.push(Input::Jsonl(Some(p)));
                            }
                        } else if let Some(f) = Format::from_path(&p) {
                            inputs.push(Input::File(p, forced.unwrap_or(f)));
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        totals.unreadable += 1;
                        eprintln!("quotecheck: error: {e}");
                    }
                }
            }
        } else if path.exists() {
            if jsonl {
                inputs.push(Input::Jsonl(Some(path)));
            } else {
                let format = forced
                    .or_else(|| Format::from_path(&path))
                    .unwrap_or(Format::Text);
                inputs.push(Input::File(path, format));
            }
        } else {
            report(
                totals,
                &Error::Io {
                    path: path.clone(),
                    source: io::Error::from(io::ErrorKind::NotFound),
                },
            );
        }
    }
    inputs
}
