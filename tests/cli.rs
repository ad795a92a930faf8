//! The command line, run as the real binary: exit codes, every output format, inputs from
//! files, directories and standard input, and unreadable inputs.
//!
//! Outputs are snapshotted (stdout, stderr and the exit code) in `snapshots/cli__*.snap`.
//! Every input is written into a fresh temporary directory and named relative to it, so the
//! output does not depend on where the tests run.

mod common;
use common::{CLEAN, FINDING, dir_with, quotecheck, run};

use std::path::Path;

/// A quotation that runs over two paragraphs: the first is left open, the second reopens it.
const MULTI_PARAGRAPH: &str = "# Harbour wall\n\nMayor Ana Ruiz said: “The harbour wall is older than the town hall, and it shows.\n\n“We will rebuild it before the winter storms arrive.”\n\nWork is due to start in May.\n";

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", omit_expression => true}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

// ---------------------------------------------------------------------------------------------
// Exit codes and unreadable inputs

#[test]
fn clean_file_exits_0() {
    let dir = dir_with(&[("clean.md", CLEAN.as_bytes())]);
    let r = run(quotecheck(dir.path()).args(["check", "clean.md"]));
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(r.stderr.is_empty(), "{}", r.transcript());
}

#[test]
fn unattributed_quote_exits_1() {
    let dir = dir_with(&[("finding.md", FINDING.as_bytes())]);
    let r = run(quotecheck(dir.path()).args(["check", "finding.md"]));
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(r.stdout.contains("Q001"), "{}", r.transcript());
}

#[test]
fn missing_path_exits_2_and_the_other_file_is_still_reported() {
    let dir = dir_with(&[("finding.md", FINDING.as_bytes())]);
    let r = run(quotecheck(dir.path()).args([
        "check",
        "--output-format",
        "concise",
        "missing.md",
        "finding.md",
    ]));
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("missing.md"), "{}", r.transcript());
    assert!(
        r.stdout.contains("finding.md:5:1: Q001"),
        "{}",
        r.transcript()
    );
}

#[test]
fn binary_file_exits_2_and_the_good_files_are_still_checked() {
    let dir = dir_with(&[
        ("a-good.md", FINDING.as_bytes()),
        ("b-binary.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("c-clean.md", CLEAN.as_bytes()),
    ]);
    let r = run(quotecheck(dir.path()).args([
        "check",
        "--output-format",
        "concise",
        "a-good.md",
        "b-binary.md",
        "c-clean.md",
    ]));
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stdout.contains("a-good.md:5:1: Q001"),
        "{}",
        r.transcript()
    );
    assert!(!r.stdout.contains("b-binary.md"), "{}", r.transcript());
    assert!(
        r.stderr.contains("b-binary.md") && r.stderr.contains("binary"),
        "{}",
        r.transcript()
    );
    assert_eq!(
        r.stderr.lines().count(),
        1,
        "only the binary file is an error: {}",
        r.transcript()
    );

    // The summary of the human format counts the two files that were read.
    let r = run(quotecheck(dir.path()).args(["check", "a-good.md", "b-binary.md", "c-clean.md"]));
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stdout.contains("of 2 files checked"),
        "{}",
        r.transcript()
    );
}

#[test]
fn invalid_utf8_exits_2() {
    let dir = dir_with(&[
        ("latin1.txt", b"Caf\xe9 owners said the rent had doubled.\n"),
        ("clean.md", CLEAN.as_bytes()),
    ]);
    let r = run(quotecheck(dir.path()).args(["check", "latin1.txt", "clean.md"]));
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.contains("latin1.txt") && r.stderr.contains("UTF-8"),
        "{}",
        r.transcript()
    );
    assert!(r.stdout.contains("1 file checked"), "{}", r.transcript());
}

// ---------------------------------------------------------------------------------------------
// `check` output formats

#[test]
fn check_human() {
    let dir = dir_with(&[("finding.md", FINDING.as_bytes())]);
    let r = run(quotecheck(dir.path()).args([
        "check",
        "--output-format",
        "human",
        "--color",
        "never",
        "finding.md",
    ]));
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains('\x1b'), "no colour: {}", r.transcript());
    snapshot!("check_human", r.transcript());
}

#[test]
fn check_human_is_the_default() {
    let dir = dir_with(&[("finding.md", FINDING.as_bytes())]);
    let explicit =
        run(quotecheck(dir.path()).args(["check", "--output-format", "human", "finding.md"]));
    let default = run(quotecheck(dir.path()).args(["check", "finding.md"]));
    assert_eq!(explicit.transcript(), default.transcript());
}

#[test]
fn check_concise() {
    let dir = dir_with(&[("finding.md", FINDING.as_bytes())]);
    let r = run(quotecheck(dir.path()).args(["check", "--output-format", "concise", "finding.md"]));
    assert_eq!(r.code, 1);
    snapshot!("check_concise", r.transcript());
}

#[test]
fn check_json() {
    let dir = dir_with(&[("finding.md", FINDING.as_bytes())]);
    let r = run(quotecheck(dir.path()).args(["check", "--output-format", "json", "finding.md"]));
    assert_eq!(r.code, 1);
    snapshot!("check_json", r.transcript());

    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    assert_eq!(doc["version"], 1, "{doc:#}");
    let diagnostics = doc["diagnostics"]
        .as_array()
        .expect("diagnostics is an array");
    assert_eq!(diagnostics.len(), 1, "{doc:#}");
    let d = &diagnostics[0];
    assert_eq!(d["path"], "finding.md");
    assert_eq!(d["code"], "Q001");
    assert_eq!(d["line"], 5);
    assert_eq!(d["column"], 1);
    // Offsets are bytes into the file, end exclusive, marks included.
    let (start, end) = (
        d["start"].as_u64().unwrap() as usize,
        d["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&FINDING[start..end], "“Nobody asked the islanders.”");
}

#[test]
fn check_json_with_no_findings() {
    let dir = dir_with(&[("clean.md", CLEAN.as_bytes())]);
    let r = run(quotecheck(dir.path()).args(["check", "--output-format", "json", "clean.md"]));
    assert_eq!(r.code, 0, "{}", r.transcript());
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["diagnostics"], serde_json::json!([]));
}

// ---------------------------------------------------------------------------------------------
// `quotes`

#[test]
fn quotes_human() {
    let dir = dir_with(&[
        ("clean.md", CLEAN.as_bytes()),
        ("finding.md", FINDING.as_bytes()),
    ]);
    let r = run(quotecheck(dir.path()).args([
        "quotes",
        "--output-format",
        "human",
        "clean.md",
        "finding.md",
    ]));
    assert_eq!(
        r.code,
        0,
        "`quotes` lists, it does not judge: {}",
        r.transcript()
    );
    snapshot!("quotes_human", r.transcript());
}

#[test]
fn quotes_json() {
    let dir = dir_with(&[
        ("clean.md", CLEAN.as_bytes()),
        ("finding.md", FINDING.as_bytes()),
    ]);
    let r = run(quotecheck(dir.path()).args([
        "quotes",
        "--output-format",
        "json",
        "clean.md",
        "finding.md",
    ]));
    assert_eq!(r.code, 0, "{}", r.transcript());
    snapshot!("quotes_json", r.transcript());

    let docs: serde_json::Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    let docs = docs.as_array().expect("an array of documents");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["path"], "clean.md");
    let q = &docs[0]["quotes"][0];
    assert_eq!(q["speaker"]["name"], "Ida Brenn");
    assert_eq!(q["attributed"], true);
    assert_eq!(q["basis"], "same-sentence");
    assert_eq!(docs[1]["path"], "finding.md");
    assert_eq!(docs[1]["quotes"][0]["flagged"], true);
    assert_eq!(docs[1]["quotes"][0]["speaker"], serde_json::Value::Null);
}

#[test]
fn quotes_jsonl() {
    let dir = dir_with(&[
        ("clean.md", CLEAN.as_bytes()),
        ("finding.md", FINDING.as_bytes()),
    ]);
    let r = run(quotecheck(dir.path()).args([
        "quotes",
        "--output-format",
        "jsonl",
        "clean.md",
        "finding.md",
    ]));
    assert_eq!(r.code, 0, "{}", r.transcript());
    snapshot!("quotes_jsonl", r.transcript());

    let docs: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["path"], "clean.md");
    assert_eq!(docs[1]["path"], "finding.md");
}

#[test]
fn quotes_of_jsonl_records_from_stdin_keep_their_ids() {
    let input = concat!(
        r#"{"id": "wire-17", "text": "“The road is closed until Friday,” said police officer Dana Holt."}"#,
        "\n",
        r#"{"id": "wire-18", "text": "Shops stayed shut. “We lost a week of trade.”"}"#,
        "\n",
    );
    let dir = dir_with(&[]);
    let r = run(quotecheck(dir.path())
        .args([
            "quotes",
            "--input-format",
            "jsonl",
            "--output-format",
            "jsonl",
            "-",
        ])
        .write_stdin(input));
    assert_eq!(r.code, 0, "{}", r.transcript());
    let docs: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(docs.len(), 2, "{}", r.transcript());
    assert_eq!(docs[0]["id"], "wire-17");
    assert_eq!(docs[1]["id"], "wire-18");
    assert!(
        docs.iter().all(|d| d.get("path").is_none()),
        "records have an id, not a path: {}",
        r.transcript()
    );
    assert_eq!(docs[0]["quotes"][0]["speaker"]["name"], "Dana Holt");
    assert_eq!(docs[1]["quotes"][0]["flagged"], true);
}

#[test]
fn a_jsonl_line_that_is_not_json_exits_2_and_the_other_records_are_output() {
    let input = concat!(
        r#"{"id": "first", "text": "“Rain again,” said farmer Tom Weir."}"#,
        "\n",
        "this line is not JSON\n",
        r#"{"id": "third", "text": "“Sun at last,” said farmer Tom Weir."}"#,
        "\n",
    );
    let dir = dir_with(&[]);
    let r = run(quotecheck(dir.path())
        .args([
            "quotes",
            "--input-format",
            "jsonl",
            "--output-format",
            "jsonl",
        ])
        .write_stdin(input));
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.contains(":2:"),
        "the message names line 2: {}",
        r.transcript()
    );
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.transcript());
    let ids: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("each line is JSON")["id"].clone()
        })
        .collect();
    assert_eq!(ids, ["first", "third"], "{}", r.transcript());
}

/// More than one batch of records (read a megabyte at a time, rendered on the threads that
/// check them): every record comes out once, in input order, the same in JSON Lines and in
/// JSON, and a bad line near the end is named by its number.
#[test]
fn jsonl_records_of_many_batches_come_out_in_order() {
    let mut input = String::new();
    let mut ids = Vec::new();
    for i in 0..6000 {
        if i % 7 == 3 {
            input.push_str("   \n");
        }
        input.push_str(&format!(
            r#"{{"id": "r{i}", "text": "Paragraph {i}.\n\n“Rain again,” said farmer Tom Weir.\n\nHe said: \"the road {i} is shut\" and left.\t“Sun at last,” she said, “it is about time we had some.”"}}"#
        ));
        input.push('\n');
        ids.push(format!("r{i}"));
    }
    let bad_line = input.lines().count() + 1;
    input.push_str("not JSON\n");
    input.push_str(r#"{"id": "last", "text": "“End,” said Tom Weir."}"#);
    ids.push("last".into());
    assert!(input.len() > 1 << 20, "more than one batch");
    let dir = dir_with(&[]);
    let quotes = |format: &str| {
        run(quotecheck(dir.path())
            .args([
                "quotes",
                "--input-format",
                "jsonl",
                "--output-format",
                format,
            ])
            .write_stdin(input.clone()))
    };
    let jsonl = quotes("jsonl");
    assert_eq!(jsonl.code, 2, "{}", jsonl.stderr);
    assert!(
        jsonl.stderr.contains(&format!(":{bad_line}:")),
        "the message names line {bad_line}: {}",
        jsonl.stderr
    );
    let docs: Vec<serde_json::Value> = jsonl
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let got: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(got, ids);
    // Every record but the last is the same text around its number.
    let counts: Vec<usize> = docs[..6000]
        .iter()
        .map(|d| d["quotes"].as_array().unwrap().len())
        .collect();
    assert!(counts[0] >= 3 && counts.iter().all(|&n| n == counts[0]));
    let json = quotes("json");
    assert_eq!(json.code, 2, "{}", json.stderr);
    let array: serde_json::Value = serde_json::from_str(&json.stdout).expect("one JSON array");
    assert_eq!(array, serde_json::Value::Array(docs));
}

// ---------------------------------------------------------------------------------------------
// `rules` and `explain`

#[test]
fn rules_lists_q001_and_q002() {
    let dir = dir_with(&[]);
    let r = run(quotecheck(dir.path()).arg("rules"));
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout.contains("Q001") && r.stdout.contains("unattributed-quote"),
        "{}",
        r.transcript()
    );
    assert!(
        r.stdout.contains("Q002") && r.stdout.contains("unclosed-quote"),
        "{}",
        r.transcript()
    );
    snapshot!("rules", r.transcript());
}

#[test]
fn explain_prints_the_rule_docs_by_code_or_name() {
    let docs = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/unattributed_quote.md"),
    )
    .unwrap();
    let dir = dir_with(&[]);
    for key in ["Q001", "q001", "unattributed-quote"] {
        let r = run(quotecheck(dir.path()).args(["explain", key]));
        assert_eq!(r.code, 0, "{key}: {}", r.transcript());
        assert!(
            r.stdout.starts_with("# Q001 `unattributed-quote`"),
            "{key}: {}",
            r.transcript()
        );
        assert_eq!(r.stdout, docs, "{key}");
    }
}

#[test]
fn explain_an_unknown_rule_exits_2() {
    let dir = dir_with(&[]);
    let r = run(quotecheck(dir.path()).args(["explain", "nope"]));
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stdout.is_empty(), "{}", r.transcript());
    assert!(r.stderr.contains("nope"), "{}", r.transcript());
}

// ---------------------------------------------------------------------------------------------
// Standard input

#[test]
fn stdin_is_named_by_stdin_filename() {
    let dir = dir_with(&[]);
    let r = run(quotecheck(dir.path())
        .args([
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "x.md",
            "-",
        ])
        .write_stdin(FINDING));
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert_eq!(
        r.stdout,
        "x.md:5:1: Q001 [warning] quotation has no speaker or source\n"
    );

    let r = run(quotecheck(dir.path())
        .args(["check", "--output-format", "concise", "-"])
        .write_stdin(FINDING));
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert_eq!(
        r.stdout,
        "<stdin>:5:1: Q001 [warning] quotation has no speaker or source\n"
    );

    let r = run(quotecheck(dir.path())
        .args(["check", "-"])
        .write_stdin(CLEAN));
    assert_eq!(r.code, 0, "{}", r.transcript());
}

#[test]
fn stdin_filename_picks_the_format() {
    // In Markdown a fenced code block is not prose; in plain text it is.
    let text = "Notes from the harbour meeting.\n\n```\n“Nobody asked the islanders.”\n```\n";
    let dir = dir_with(&[]);
    let markdown = run(quotecheck(dir.path())
        .args([
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "notes.md",
            "-",
        ])
        .write_stdin(text));
    assert_eq!(markdown.code, 0, "{}", markdown.transcript());
    let plain = run(quotecheck(dir.path())
        .args([
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "notes.txt",
            "-",
        ])
        .write_stdin(text));
    assert_eq!(plain.code, 1, "{}", plain.transcript());
    assert!(
        plain.stdout.starts_with("notes.txt:4:1: Q001"),
        "{}",
        plain.transcript()
    );
}

// ---------------------------------------------------------------------------------------------
// Directories

#[test]
fn directory_walk_respects_gitignore_without_git() {
    let dir = dir_with(&[
        (".gitignore", b"ignored.md\ndrafts/\n"),
        ("kept.md", FINDING.as_bytes()),
        ("ignored.md", FINDING.as_bytes()),
        ("drafts/draft.md", FINDING.as_bytes()),
        ("sub/wire.txt", FINDING.as_bytes()),
        ("sub/notes.rst", FINDING.as_bytes()),
    ]);
    assert!(!dir.path().join(".git").exists());
    let r = run(quotecheck(dir.path()).args(["check", "--output-format", "concise", "."]));
    assert_eq!(r.code, 1, "{}", r.transcript());
    let mut paths: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    paths.sort();
    let expected: Vec<String> = ["kept.md", "sub/wire.txt"]
        .iter()
        .map(|p| Path::new(".").join(p).display().to_string())
        .collect();
    assert_eq!(paths, expected, "{}", r.transcript());

    // No paths at all means the current directory.
    let r = run(quotecheck(dir.path()).args(["check", "--output-format", "concise"]));
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.transcript());
    assert!(
        !r.stdout.contains("ignored") && !r.stdout.contains("draft"),
        "{}",
        r.transcript()
    );
}

// ---------------------------------------------------------------------------------------------
// Multi-paragraph quotations

#[test]
fn a_multi_paragraph_quote_is_not_unclosed() {
    let dir = dir_with(&[("wall.md", MULTI_PARAGRAPH.as_bytes())]);
    let r = run(quotecheck(dir.path()).args(["check", "--output-format", "concise", "wall.md"]));
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(r.stdout.is_empty(), "{}", r.transcript());

    let r = run(quotecheck(dir.path()).args(["quotes", "--output-format", "json", "wall.md"]));
    let docs: serde_json::Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    let quotes = docs[0]["quotes"].as_array().unwrap();
    assert_eq!(
        quotes.len(),
        1,
        "one quotation over two paragraphs: {}",
        r.transcript()
    );
    assert_eq!(quotes[0]["closed"], true);
    assert_eq!(quotes[0]["continues"], 1);
    assert_eq!(quotes[0]["speaker"]["name"], "Ana Ruiz");
}
