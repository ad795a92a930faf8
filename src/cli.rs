//! The command line: clap definitions, reading inputs, the exit-code policy.
//!
//! Exit status: 0 when clean, 1 when `check` finds something at or above `--fail-on` (warning
//! by default, whatever `--min-severity` shows), 2 when an input or a configuration file could
//! not be read or the command line is wrong. Unreadable inputs are reported on stderr, naming the file
//! (and line, for JSON Lines), and the other inputs are still checked.

use std::io::{self, IsTerminal, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::config::{self, Config, Resolver, Settings};
use crate::output::sources::SourcesFormat;
use crate::output::{self, CheckFormat, Emitter, QuotesFormat, Render, Totals};
use crate::source::{self, Format, SourceFile};
use crate::{Checked, Error, Severity, rules, suppress};

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
        /// Show only findings at or above this severity.
        #[arg(long, value_enum, default_value = "info")]
        min_severity: Severity,
        /// Exit with status 1 when a finding at or above this severity is found, shown or not.
        #[arg(long, value_enum, default_value = "warning")]
        fail_on: FailOn,
    },
    /// List every quotation with its speaker, cue and the reason they were linked.
    Quotes {
        #[command(flatten)]
        input: InputArgs,
        #[arg(long, value_enum, default_value = "human")]
        output_format: QuotesFormat,
    },
    /// Sourcing audit: per article, who is quoted, how often, and how many quotations are
    /// anonymous or unattributed.
    Sources {
        #[command(flatten)]
        input: InputArgs,
        #[arg(long, value_enum, default_value = "table")]
        output_format: SourcesFormat,
    },
    /// List the rules.
    Rules,
    /// Print the documentation of a rule, by code (Q001) or name (unattributed-quote).
    Explain { rule: String },
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff).
    Man,
}

/// The least severity that makes `check` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Info,
    Warning,
    Error,
    /// Findings never change the exit status.
    Never,
}

impl FailOn {
    fn fails(self, worst: Option<Severity>) -> bool {
        let Some(worst) = worst else { return false };
        match self {
            FailOn::Info => true,
            FailOn::Warning => worst >= Severity::Warning,
            FailOn::Error => worst >= Severity::Error,
            FailOn::Never => false,
        }
    }
}

#[derive(Args)]
struct InputArgs {
    /// Files or directories to read (`-` for standard input). Directories are walked, honouring
    /// .gitignore, for .md, .markdown, .txt and .html files (.jsonl with --input-format jsonl).
    paths: Vec<PathBuf>,
    /// How to read the inputs: by file extension, or as one kind for all.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    /// The name to report for standard input (its extension also picks the format).
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Use this configuration file for every input instead of the nearest quotecheck.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    isolated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    Auto,
    Text,
    Markdown,
    Html,
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
    // A pipe or a file takes output in large writes (a system call per 8 KiB was 2% of the
    // time on a news archive); a terminal keeps the small buffer, to show findings as they come.
    let room = if stdout.is_terminal() {
        8 << 10
    } else {
        256 << 10
    };
    let mut out = io::BufWriter::with_capacity(room, stdout.lock());
    let result = match cli.command {
        Command::Check {
            input,
            output_format,
            color,
            min_severity,
            fail_on,
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
            let timed = output_format == CheckFormat::Human;
            let job = Job::Check(min_severity);
            run_inputs(&input, emitter.as_mut(), &mut out, job, timed).map(|(t, worst)| {
                if t.unreadable > 0 {
                    2
                } else if fail_on.fails(worst) {
                    1
                } else {
                    0
                }
            })
        }
        Command::Sources {
            input,
            output_format,
        } => {
            let mut emitter = output::sources::emitter(output_format);
            run_inputs(&input, emitter.as_mut(), &mut out, Job::Analyse, false)
                .map(|(t, _)| if t.unreadable > 0 { 2 } else { 0 })
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "quotecheck", &mut out);
            Ok(0)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut out)
            .map(|_| 0)
            .map_err(Into::into),
        Command::Quotes {
            input,
            output_format,
        } => {
            let mut emitter = output::quotes_emitter(output_format);
            run_inputs(&input, emitter.as_mut(), &mut out, Job::Analyse, false)
                .map(|(t, _)| if t.unreadable > 0 { 2 } else { 0 })
        }
        Command::Rules => list_rules(&mut out).map(|_| 0).map_err(Into::into),
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => write!(out, "{}", r.docs).map(|_| 0).map_err(Into::into),
            None if config::rule_code(&rule) == Some(suppress::CODE) => {
                write!(out, "{}", suppress::DOCS)
                    .map(|_| 0)
                    .map_err(Into::into)
            }
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

/// A closed pipe anywhere in the error's chain, also when serde_json wrapped it (the JSON
/// formats write through `serde_json::to_writer`, whose error becomes `io::Error::other`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| {
            e.kind() == io::ErrorKind::BrokenPipe
                || e.get_ref()
                    .and_then(|inner| inner.downcast_ref::<serde_json::Error>())
                    .and_then(serde_json::Error::io_error_kind)
                    == Some(io::ErrorKind::BrokenPipe)
        })
    })
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
    // Not a rule over the analysis: the suppression stage reports it.
    writeln!(
        out,
        "{}  {:<20} {:<8} {}",
        suppress::CODE,
        suppress::NAME,
        "info",
        suppress::SUMMARY
    )?;
    Ok(())
}

/// One unit of input, with the configuration that applies to it.
enum Input {
    File(PathBuf, Format, Settings),
    Stdin(String, Format, Settings),
    Jsonl(Option<PathBuf>, Settings),
}

/// How many documents are checked in parallel before their output is written, in order.
const BATCH: usize = 256;

/// What every document of a run goes through after it is checked.
/// What a command needs of each document.
#[derive(Clone, Copy)]
enum Job {
    /// The rules' findings, shown at or above this severity.
    Check(Severity),
    /// The analysis alone: the inventory and the sources audit print no findings.
    Analyse,
}

struct Sink<'a> {
    emitter: &'a mut dyn Emitter,
    /// The emitter's renderer, run where documents are checked.
    render: Option<&'a Render>,
    out: &'a mut dyn Write,
    totals: Totals,
    job: Job,
    /// The worst finding, shown or not: `--fail-on` judges it.
    worst: Option<Severity>,
    progress: Progress,
}

/// A checked document ready to write: what the totals and `--fail-on` need of it, and its
/// output, rendered already or (for a format that renders here) the document itself.
struct Ready {
    counts: Totals,
    /// The worst finding, shown or not.
    worst: Option<Severity>,
    output: Output,
}

enum Output {
    Rendered(Vec<u8>),
    Document(Checked),
}

/// Everything about a document's output that needs no other document, done on the thread
/// that checked it: the findings below `--min-severity` left out, the counts, the rendering.
/// (The document is then also freed there, by the allocator's thread that made it.)
fn prepare(mut doc: Checked, job: Job, render: Option<&Render>) -> Ready {
    let worst = doc.diagnostics.iter().map(|d| d.severity).max();
    let before = doc.diagnostics.len();
    if let Job::Check(min) = job {
        doc.diagnostics.retain(|d| d.severity >= min);
    }
    let mut counts = Totals {
        hidden: before - doc.diagnostics.len(),
        ..Totals::default()
    };
    counts.add(&doc);
    let output = match render {
        Some(render) => {
            let mut buf = Vec::new();
            render(&doc, &mut buf);
            Output::Rendered(buf)
        }
        None => Output::Document(doc),
    };
    Ready {
        counts,
        worst,
        output,
    }
}

impl Sink<'_> {
    fn emit(&mut self, ready: Ready) -> Result<()> {
        self.worst = self.worst.max(ready.worst);
        self.totals.merge(&ready.counts);
        match ready.output {
            Output::Rendered(bytes) => self.emitter.rendered(self.out, &bytes)?,
            Output::Document(doc) => self.emitter.document(self.out, &doc)?,
        }
        Ok(())
    }

    fn report(&mut self, e: &Error) {
        self.progress.clear();
        report(&mut self.totals, e);
    }
}

/// A progress line on stderr, only on a terminal and only once a run has taken a while.
struct Progress {
    enabled: bool,
    total: usize,
    done: usize,
    start: Instant,
    shown: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Progress {
            enabled: io::stderr().is_terminal(),
            total,
            done: 0,
            start: Instant::now(),
            shown: false,
        }
    }

    fn advance(&mut self, n: usize) {
        self.done += n;
        if !self.enabled || self.start.elapsed() < Duration::from_millis(500) {
            return;
        }
        const WIDTH: usize = 30;
        let filled = (self.done * WIDTH)
            .checked_div(self.total)
            .unwrap_or(0)
            .min(WIDTH);
        eprint!(
            "\r[{}{}] {}/{} files",
            "=".repeat(filled),
            " ".repeat(WIDTH - filled),
            self.done,
            self.total
        );
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[K");
            self.shown = false;
        }
    }
}

fn run_inputs(
    args: &InputArgs,
    emitter: &mut dyn Emitter,
    out: &mut dyn Write,
    job: Job,
    timed: bool,
) -> Result<(Totals, Option<Severity>)> {
    let start = Instant::now();
    let mut totals = Totals::default();
    let mode = if args.isolated {
        config::Mode::Isolated
    } else if let Some(path) = &args.config {
        config::Mode::Fixed(Arc::new(Config::load(path)?))
    } else {
        config::Mode::Discover
    };
    let mut resolver = Resolver::new(mode);
    let render = emitter.renderer();
    let render = render.as_ref();
    std::thread::scope(|scope| {
        // Configuration is resolved for every input before any output, so a bad file stops
        // the run before it prints half its output. The first files found are checked while
        // the walk goes on (a few batches ahead at most: their results wait in memory), so
        // that the other core is not idle while this one walks.
        let mut early: Vec<Early> = Vec::new();
        let mut check_early = |inputs: &[Input]| {
            let n = inputs.len();
            if !n.is_multiple_of(BATCH)
                || n / BATCH != early.len() + 1
                || early.len() >= EARLY_BATCHES
            {
                return;
            }
            // Only a leading run of files: batch k is inputs[k * BATCH..], each one full.
            let batch: Option<Vec<_>> = inputs[n - BATCH..]
                .iter()
                .map(|i| match i {
                    Input::File(path, format, settings) => {
                        Some((path.clone(), *format, settings.clone()))
                    }
                    _ => None,
                })
                .collect();
            if let Some(batch) = batch {
                early.push(scope.spawn(move || check_batch(&batch, job, render)));
            }
        };
        let inputs = collect_inputs(args, &mut totals, &mut resolver, &mut check_early)?;
        let files = inputs
            .iter()
            .filter(|i| matches!(i, Input::File(..)))
            .count();
        let mut sink = Sink {
            emitter,
            render,
            out,
            totals,
            job,
            worst: None,
            progress: Progress::new(files),
        };
        emit_inputs(inputs, early, &mut sink)?;
        sink.progress.clear();
        if timed {
            sink.totals.elapsed = Some(start.elapsed());
        }
        sink.emitter.finish(sink.out, &sink.totals)?;
        Ok((sink.totals, sink.worst))
    })
}

/// A batch of files checked while the walk goes on.
type Early<'scope> = std::thread::ScopedJoinHandle<'scope, Vec<Result<Ready, Error>>>;

/// At most this many batches are checked ahead of the end of the walk.
const EARLY_BATCHES: usize = 4;

/// Checks the inputs in order and writes what each gives; `early` holds the first batches of
/// files, already being checked.
fn emit_inputs(inputs: Vec<Input>, early: Vec<Early>, sink: &mut Sink) -> Result<()> {
    let mut early = Some(early);
    let mut batch: Vec<(PathBuf, Format, Settings)> = Vec::new();
    for input in inputs {
        match input {
            // Consecutive files are checked together, in pipelined batches.
            Input::File(path, format, settings) => batch.push((path, format, settings)),
            Input::Stdin(name, format, settings) => {
                let early = early.take().unwrap_or_default();
                check_files(&std::mem::take(&mut batch), early, sink)?;
                let mut bytes = Vec::new();
                io::stdin()
                    .read_to_end(&mut bytes)
                    .context("reading standard input")?;
                match source::decode(Path::new(&name), bytes).and_then(|text| {
                    guarded_check(SourceFile::new(name, text, format), &settings, sink.job)
                }) {
                    Ok(doc) => sink.emit(prepare(doc, sink.job, sink.render))?,
                    Err(e) => sink.report(&e),
                }
            }
            Input::Jsonl(path, settings) => {
                let early = early.take().unwrap_or_default();
                check_files(&std::mem::take(&mut batch), early, sink)?;
                check_jsonl(path.as_deref(), &settings, sink)?;
            }
        }
    }
    check_files(&batch, early.unwrap_or_default(), sink)
}

/// Checks a document; a bug that panics costs that document, named, not the whole run.
fn guarded_check(doc: SourceFile, settings: &Settings, job: Job) -> Result<Checked, Error> {
    let name = doc.name.clone();
    let run = move || match job {
        Job::Check(_) => crate::check_with(doc, settings),
        Job::Analyse => crate::analyse_for_output(doc, settings),
    };
    std::panic::catch_unwind(run).map_err(|panic| {
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

/// Reads and checks files in parallel, and writes them in the order given.
/// Checks `files` in pipelined batches and writes what each gives, in order. The first
/// `early.len()` batches of them are already being checked.
fn check_files(
    files: &[(PathBuf, Format, Settings)],
    early: Vec<Early>,
    sink: &mut Sink,
) -> Result<()> {
    let (job, render) = (sink.job, sink.render);
    let mut emit = |results: Vec<Result<Ready, Error>>| {
        let n = results.len();
        for r in results {
            match r {
                Ok(doc) => sink.emit(doc)?,
                Err(e) => sink.report(&e),
            }
        }
        sink.progress.advance(n);
        Ok(())
    };
    let checked = early.len() * BATCH;
    for batch in early {
        emit(
            batch
                .join()
                .map_err(|_| anyhow::anyhow!("internal error: a checking thread stopped"))?,
        )?;
    }
    let mut chunks = files[checked.min(files.len())..].chunks(BATCH);
    pipeline(
        || chunks.next(),
        |chunk| check_batch(chunk, job, render),
        emit,
    )
}

/// Reads, checks and renders a batch of files in parallel.
fn check_batch(
    files: &[(PathBuf, Format, Settings)],
    job: Job,
    render: Option<&Render>,
) -> Vec<Result<Ready, Error>> {
    files
        .par_iter()
        .map(|(path, format, settings)| {
            source::read(path, *format)
                .and_then(|doc| guarded_check(doc, settings, job))
                .map(|doc| prepare(doc, job, render))
        })
        .collect()
}

/// Checks batch after batch on the thread pool while this thread writes the batch before and
/// reads the batch after: reading and writing, which only this thread can do (in order),
/// overlap the checking instead of alternating with it, so both cores stay busy.
fn pipeline<B: Send, R: Send>(
    mut next: impl FnMut() -> Option<B>,
    check: impl Fn(B) -> Vec<R> + Sync,
    mut emit: impl FnMut(Vec<R>) -> Result<()>,
) -> Result<()> {
    let stopped = || anyhow::anyhow!("internal error: a checking thread stopped");
    std::thread::scope(|scope| {
        let check = &check;
        // One thread takes batch after batch (a new thread for each cost a fresh stack, cleared
        // page by page, a megabyte of input after another: 4% of the time on one core).
        let (to_check, batches) = std::sync::mpsc::sync_channel::<B>(0);
        let (to_emit, checked) = std::sync::mpsc::sync_channel::<Vec<R>>(0);
        let checker = scope.spawn(move || {
            for b in batches {
                if to_emit.send(check(b)).is_err() {
                    break;
                }
            }
        });
        let mut run = || -> Result<()> {
            let mut batch = next();
            let mut done: Option<Vec<R>> = None;
            while let Some(b) = batch {
                to_check.send(b).map_err(|_| stopped())?;
                if let Some(results) = done.take() {
                    emit(results)?;
                }
                batch = next();
                done = Some(checked.recv().map_err(|_| stopped())?);
            }
            done.map_or(Ok(()), &mut emit)
        };
        let result = run();
        // (The checker ends when its input closes, or, stopped early, when its output does; a
        // panic in it is reported here, not by the scope.)
        drop((to_check, checked));
        let joined = checker.join().map_err(|_| stopped());
        result.and(joined)
    })
}

/// JSON Lines read a chunk at a time into one buffer and handed out as batches of whole
/// lines: each line is parsed where it lies, on the thread that checks it, instead of being
/// copied out of a reader's buffer on this one first.
struct LineBatches<R> {
    reader: R,
    /// The start of a line left unfinished at the end of the last chunk.
    rest: Vec<u8>,
    /// The number (1-based) of the next line.
    line_no: usize,
    done: bool,
    /// The bytes read for a batch: [`CHUNK`] but in tests.
    chunk: usize,
}

/// The bytes read for a batch, the number and range of each whole line in them, and a read
/// error that ended the input at the line after them.
struct LineBatch {
    bytes: Vec<u8>,
    lines: Vec<(usize, Range<usize>)>,
    error: Option<(usize, io::Error)>,
}

/// The bytes read for a batch (about 200 news articles); a longer line takes more.
const CHUNK: usize = 1 << 20;

impl<R: Read> LineBatches<R> {
    fn new(reader: R) -> Self {
        LineBatches {
            reader,
            rest: Vec::new(),
            line_no: 1,
            done: false,
            chunk: CHUNK,
        }
    }

    /// The next batch, read into `recycled` (the bytes of a batch done with) if there is one:
    /// a fresh megabyte is a page fault every four kilobytes.
    fn next_batch(&mut self, recycled: Option<Vec<u8>>) -> Option<LineBatch> {
        if self.done {
            return None;
        }
        let mut bytes = recycled.unwrap_or_default();
        bytes.clear();
        bytes.reserve(self.chunk.max(2 * self.rest.len()));
        bytes.extend_from_slice(&self.rest);
        let (mut start, mut scanned) = (0, 0);
        let mut lines = Vec::new();
        let mut error = None;
        loop {
            // Fills the buffer, without zeroing it first, unless the input ends.
            let room = bytes.capacity() - bytes.len();
            let read = (&mut self.reader).take(room as u64).read_to_end(&mut bytes);
            for end in memchr::memchr_iter(b'\n', &bytes[scanned..]) {
                lines.push((self.line_no, start..scanned + end));
                self.line_no += 1;
                start = scanned + end + 1;
            }
            scanned = bytes.len();
            match read {
                Ok(n) if n < room => {
                    self.done = true;
                    if start < bytes.len() {
                        lines.push((self.line_no, start..bytes.len()));
                        self.line_no += 1;
                        start = bytes.len();
                    }
                    break;
                }
                Ok(_) if !lines.is_empty() => break,
                // A line longer than the buffer: room for more.
                Ok(_) => bytes.reserve(bytes.len()),
                Err(e) => {
                    self.done = true;
                    error = Some((self.line_no, e));
                    break;
                }
            }
        }
        self.rest = bytes[start..].to_vec();
        (!lines.is_empty() || error.is_some()).then_some(LineBatch {
            bytes,
            lines,
            error,
        })
    }
}

#[derive(serde::Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: String,
}

/// Streams a JSON Lines file: batches of lines are checked in parallel and written in order,
/// so memory holds one batch, not the archive.
fn check_jsonl(path: Option<&Path>, settings: &Settings, sink: &mut Sink) -> Result<()> {
    let name = path.map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
    let reader: Box<dyn Read> = match path {
        Some(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(f),
            Err(source) => {
                sink.report(&Error::Io {
                    path: p.to_path_buf(),
                    source,
                });
                return Ok(());
            }
        },
        None => Box::new(io::stdin().lock()),
    };
    let mut batches = LineBatches::new(reader);
    // The buffers of batches done with, for the next ones.
    let spare: std::sync::Mutex<Vec<Vec<u8>>> = Default::default();
    let (job, render) = (sink.job, sink.render);
    let err = |line: usize, message: String| Error::JsonLine {
        path: PathBuf::from(&name),
        line,
        message,
    };
    pipeline(
        || batches.next_batch(spare.lock().ok().and_then(|mut spare| spare.pop())),
        |batch| {
            let mut results: Vec<_> = batch
                .lines
                .par_iter()
                .map(|(line_no, range)| {
                    let line_no = *line_no;
                    let bytes = &batch.bytes[range.clone()];
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        return None;
                    }
                    // The plain shape by hand; anything else, and every error, by serde_json.
                    let (id, text) = match crate::jsonl::read(bytes) {
                        Some(r) => r,
                        None => match serde_json::from_slice::<Record>(bytes) {
                            Ok(r) => (
                                r.id.map(|id| match id {
                                    serde_json::Value::String(s) => s,
                                    other => other.to_string(),
                                }),
                                r.text,
                            ),
                            Err(e) => {
                                return Some(Err(err(
                                    line_no,
                                    format!("not a JSON object with a \"text\" string: {e}"),
                                )));
                            }
                        },
                    };
                    let id = id.unwrap_or_else(|| format!("{name}:{line_no}"));
                    let mut doc = SourceFile::new(id, text, Format::Text);
                    doc.is_record = true;
                    Some(guarded_check(doc, settings, job).map(|doc| prepare(doc, job, render)))
                })
                .collect();
            if let Some((line_no, e)) = batch.error {
                results.push(Some(Err(err(line_no, e.to_string()))));
            }
            if let Ok(mut spare) = spare.lock() {
                spare.push(batch.bytes);
            }
            results
        },
        |results: Vec<Option<Result<Ready, Error>>>| {
            for r in results.into_iter().flatten() {
                match r {
                    Ok(doc) => sink.emit(doc)?,
                    Err(e) => sink.report(&e),
                }
            }
            Ok(())
        },
    )
}

/// Turns the command line's paths into inputs: files as named, directories walked (honouring
/// .gitignore and the configuration's `exclude`), `-` for standard input. Paths that do not
/// exist are reported and skipped; a configuration file that cannot be read is an error.
/// `found` is shown the inputs so far after each file is added.
fn collect_inputs(
    args: &InputArgs,
    totals: &mut Totals,
    resolver: &mut Resolver,
    found: &mut dyn FnMut(&[Input]),
) -> Result<Vec<Input>> {
    let jsonl = args.input_format == InputFormat::Jsonl;
    let forced = match args.input_format {
        InputFormat::Text => Some(Format::Text),
        InputFormat::Markdown => Some(Format::Markdown),
        InputFormat::Html => Some(Format::Html),
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
                inputs.push(Input::Jsonl(None, resolver.settings(Path::new("-"))?));
            } else {
                let name = args
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| "<stdin>".into());
                let format = forced
                    .or_else(|| Format::from_path(Path::new(&name)))
                    .unwrap_or(Format::Text);
                let settings = resolver.settings(Path::new(&name))?;
                inputs.push(Input::Stdin(name, format, settings));
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
                        let wanted = if jsonl {
                            p.extension().is_some_and(|x| x == "jsonl")
                        } else {
                            Format::from_path(&p).is_some()
                        };
                        if !wanted {
                            continue;
                        }
                        let Some(settings) = resolver.walked(&p)? else {
                            continue;
                        };
                        if jsonl {
                            inputs.push(Input::Jsonl(Some(p), settings));
                        } else if let Some(f) = Format::from_path(&p) {
                            inputs.push(Input::File(p, forced.unwrap_or(f), settings));
                            found(&inputs);
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
            let settings = resolver.settings(&path)?;
            if jsonl {
                inputs.push(Input::Jsonl(Some(path), settings));
            } else {
                let format = forced
                    .or_else(|| Format::from_path(&path))
                    .unwrap_or(Format::Text);
                inputs.push(Input::File(path, format, settings));
                found(&inputs);
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
    Ok(inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader giving at most `step` bytes a read, as a pipe may.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The batches hold every line, numbered, as `BufRead::split(b'\n')` gives them.
        #[test]
        fn batches_hold_the_lines_split_gives(
            input in "[a \n]{0,300}",
            chunk in 1usize..64,
            step in 1usize..80,
        ) {
            let input = input.as_bytes();
            let mut batches = LineBatches::new(Trickle(input, step));
            batches.chunk = chunk;
            let mut seen = Vec::new();
            let mut recycled = None;
            while let Some(batch) = batches.next_batch(recycled.take()) {
                proptest::prop_assert!(batch.error.is_none());
                proptest::prop_assert!(!batch.lines.is_empty());
                for (no, range) in batch.lines {
                    seen.push((no, batch.bytes[range].to_vec()));
                }
                recycled = Some(batch.bytes);
            }
            let expected: Vec<(usize, Vec<u8>)> = io::BufRead::split(input, b'\n')
                .map(Result::unwrap)
                .enumerate()
                .map(|(i, line)| (i + 1, line))
                .collect();
            proptest::prop_assert_eq!(seen, expected);
        }
    }
}
