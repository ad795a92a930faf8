//! Library benchmarks on in-memory text, run by hand (`cargo bench`), never as timed tests.
//!
//! The news text is the `text` field of each record of `$QUOTECHECK_BENCH_CORPUS` (default
//! `../shared/corpus/polnear/train.jsonl`), read at bench time and cut to about 4 MB; without
//! it, the articles of `corpus/` are used. `bench/run.sh` measures the binary end to end.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotecheck::output::{QuotesFormat, quotes_emitter};
use quotecheck::{Format, SourceFile};
use unicode_segmentation::UnicodeSegmentation;

const SIZE: usize = 4_000_000;

/// About `SIZE` bytes of news text, paragraphs separated by blank lines.
fn news() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::var("QUOTECHECK_BENCH_CORPUS")
        .map(Into::into)
        .unwrap_or_else(|_| root.join("../shared/corpus/polnear/train.jsonl"));
    let mut texts: Vec<String> = match std::fs::read_to_string(&corpus) {
        Ok(s) => s
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect(),
        Err(_) => Vec::new(),
    };
    if texts.is_empty() {
        eprintln!("{} not found: using corpus/", corpus.display());
        for dir in ["clean", "findings", "edge"] {
            let Ok(entries) = std::fs::read_dir(root.join("corpus").join(dir)) else {
                continue;
            };
            for e in entries.flatten() {
                texts.extend(std::fs::read_to_string(e.path()).ok());
            }
        }
    }
    let mut out = String::with_capacity(SIZE + 10_000);
    'fill: loop {
        for t in &texts {
            out.push_str(t);
            out.push_str("\n\n");
            if out.len() >= SIZE {
                break 'fill;
            }
        }
    }
    out
}

fn pipeline(c: &mut Criterion) {
    let text = news();
    let unclosed = format!("He said “this quotation never closes\n{text}");
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    let doc = SourceFile::new("news.txt", text.clone(), Format::Text);
    g.bench_function("quotes", |b| b.iter(|| quotecheck::quotes(black_box(&doc))));
    g.bench_function("check", |b| {
        b.iter(|| quotecheck::check(black_box(doc.clone())))
    });
    let doc_unclosed = SourceFile::new("unclosed.txt", unclosed, Format::Text);
    g.bench_function("check_unclosed_first_line", |b| {
        b.iter(|| quotecheck::check(black_box(doc_unclosed.clone())))
    });
    let checked = quotecheck::check(doc.clone());
    g.bench_function("inventory_jsonl", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            let mut e = quotes_emitter(QuotesFormat::Jsonl);
            e.document(&mut out, black_box(&checked)).unwrap();
            out
        })
    });
    g.finish();

    let mut g = c.benchmark_group("words");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("fast_path", |b| {
        b.iter(|| {
            let mut n = 0usize;
            quotecheck::segment::for_each_word_bound(black_box(&text), |_, _| n += 1);
            n
        })
    });
    g.bench_function("unicode_segmentation", |b| {
        b.iter(|| black_box(&text).split_word_bound_indices().count())
    });
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
