//! Inputs the fuzzers (`fuzz/`, cargo-fuzz) found interesting, kept as regression tests: each
//! file of `tests/fuzz-regressions/` is checked as plain text, Markdown and HTML, must not panic,
//! and every span must lie in bounds, on character boundaries, and render in every format.
//!
//! `tests/fuzz-hangs/` holds inputs that once took exponential time; they must now finish
//! (a test that never ends fails CI by its time limit, so no timer is needed here).

use std::path::Path;

mod sound;
use sound::check_all;

fn inputs(dir: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            // The fuzz targets read only UTF-8; anything else is decoded lossily here.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect()
}

#[test]
fn fuzz_regressions_do_not_panic_and_spans_are_sound() {
    let files = inputs("fuzz-regressions");
    assert!(!files.is_empty());
    for (name, text) in files {
        check_all(&name, &text);
    }
}

/// `,` × 50 then `dismissed"a` took minutes: `speaker::backward` meets a comma and calls
/// `appositive`, which tries `backward` again at each of the three commas before it, so a run
/// of n commas cost about 1.4^n. An apposition now holds no apposition of its own.
#[test]
fn fuzz_hangs_finish() {
    for (name, text) in inputs("fuzz-hangs") {
        check_all(&name, &text);
    }
}
