//! Bad input, run through the real binary: each case gives a clear message naming the file (and
//! line), the run goes on with the other inputs, and the exit status is 2 only when something
//! could not be checked. Binary files, invalid UTF-8 and a JSONL line that is not JSON are in
//! `tests/cli.rs`; this file has the rest.

mod common;
use common::{Run, dir_with, quotecheck, run};

use std::path::Path;
use std::process::Stdio;

/// One unattributed quotation, on line 3.
const FINDING: &str = "Fares went up on Monday.\n\n“Nobody asked the islanders.”\n";

/// An attributed quotation: no findings.
const CLEAN: &str = "“We had no choice,” said harbour manager Ida Brenn.\n";

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn concise(dir: &Path, args: &[&str]) -> Run {
    run(quotecheck(dir)
        .args(["check", "--output-format", "concise"])
        .args(args))
}

fn no_panic(r: &Run) {
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("internal error"),
        "{r}"
    );
}

#[test]
fn a_nul_byte_after_the_first_8_kib_is_text_and_is_checked() {
    // Binary detection looks at the first 8 KiB; a stray NUL later is just a character.
    let mut text = "Filler words for the first part of the article.\n\n".repeat(200);
    text.push_str("A stray \0 byte.\n\n“Nobody asked the islanders.”\n");
    let dir = dir_with(&[("nul.txt", text.as_bytes())]);
    let r = concise(dir.path(), &["nul.txt"]);
    no_panic(&r);
    assert_eq!(r.code, 1, "{r}");
    assert!(r.stdout.contains("nul.txt:403:1: Q001"), "{r}");
}

#[test]
fn nul_bytes_at_the_start_make_a_binary_file_named_on_stderr() {
    let dir = dir_with(&[
        ("a.txt", b"\0\0\0\0 \xff\xfe"),
        ("b.txt", FINDING.as_bytes()),
    ]);
    let r = concise(dir.path(), &["a.txt", "b.txt"]);
    no_panic(&r);
    assert_eq!(r.code, 2, "{r}");
    assert!(
        r.stderr.contains("a.txt") && r.stderr.contains("binary"),
        "{r}"
    );
    assert!(r.stdout.contains("b.txt:3:1: Q001"), "{r}");
}

#[test]
fn invalid_utf8_in_a_walked_directory_names_the_file_and_offset() {
    let dir = dir_with(&[
        ("d/a.txt", b"Caf\xe9 au lait.\n"),
        ("d/b.txt", FINDING.as_bytes()),
    ]);
    let r = concise(dir.path(), &["d"]);
    no_panic(&r);
    assert_eq!(r.code, 2, "{r}");
    assert!(
        r.stderr.contains("a.txt") && r.stderr.contains("UTF-8") && r.stderr.contains("offset 3"),
        "{r}"
    );
    assert!(r.stdout.contains("b.txt:3:1: Q001"), "{r}");
}

#[test]
fn an_unreadable_file_is_named_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with(&[
        ("locked.txt", FINDING.as_bytes()),
        ("ok.txt", FINDING.as_bytes()),
    ]);
    let locked = dir.path().join("locked.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root (tests often run as root in containers) reads a file whatever its mode: then there
    // is nothing unreadable to test.
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipped: running as a user who can read a mode-000 file (root)");
        return;
    }
    let r = concise(dir.path(), &["locked.txt", "ok.txt"]);
    no_panic(&r);
    assert_eq!(r.code, 2, "{r}");
    assert!(
        r.stderr.contains("locked.txt") && r.stderr.contains("cannot read"),
        "{r}"
    );
    assert!(r.stdout.contains("ok.txt:3:1: Q001"), "{r}");
}

#[test]
fn a_symlink_loop_in_a_walked_directory_is_not_followed_forever() {
    let dir = dir_with(&[("news/a.txt", FINDING.as_bytes())]);
    let news = dir.path().join("news");
    std::os::unix::fs::symlink(&news, news.join("loop")).unwrap();
    std::os::unix::fs::symlink("self.txt", news.join("self.txt")).unwrap();
    let r = concise(dir.path(), &["news"]);
    no_panic(&r);
    // Links are not followed by default: the loop is never entered and the file is checked.
    assert!(r.code == 1 || r.code == 2, "{r}");
    assert!(r.stdout.contains("a.txt:3:1: Q001"), "{r}");
    assert_eq!(r.stdout.lines().count(), 1, "{r}");
    // A link loop named on the command line is an unreadable input, named.
    let r = concise(dir.path(), &["news/self.txt", "news/a.txt"]);
    no_panic(&r);
    assert_eq!(r.code, 2, "{r}");
    assert!(r.stderr.contains("self.txt"), "{r}");
    assert!(r.stdout.contains("a.txt:3:1: Q001"), "{r}");
}

#[test]
fn a_directory_of_a_hundred_thousand_files() {
    let dir = tempfile::tempdir().unwrap();
    let many = dir.path().join("many");
    std::fs::create_dir(&many).unwrap();
    // A clean article hard-linked under every other name: the walk and the reads are what is
    // tested, and links are much quicker to make than files. (A new one every 50,000 links:
    // ext4 allows 65,000 to a file.)
    let mut clean = dir.path().join("clean.txt");
    for i in 0..100_000 {
        if i % 50_000 == 0 {
            clean = dir.path().join(format!("clean-{i}.txt"));
            std::fs::write(&clean, CLEAN).unwrap();
        }
        let path = many.join(format!("{i:06}.txt"));
        if i == 77_777 {
            std::fs::write(path, FINDING).unwrap();
        } else {
            std::fs::hard_link(&clean, path).unwrap();
        }
    }
    let r = concise(dir.path(), &["many"]);
    no_panic(&r);
    assert_eq!(r.code, 1, "{r}");
    assert_eq!(r.stdout.lines().count(), 1, "{r}");
    assert!(r.stdout.starts_with("many/077777.txt:3:1: Q001"), "{r}");
    let r = run(quotecheck(dir.path()).args(["quotes", "--output-format", "jsonl", "many"]));
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(r.stdout.lines().count(), 100_000, "{r}");
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let crlf = FINDING.replace('\n', "\r\n");
    let cr = FINDING.replace('\n', "\r");
    let dir = dir_with(&[("crlf.txt", crlf.as_bytes()), ("cr.txt", cr.as_bytes())]);
    let r = concise(dir.path(), &["crlf.txt"]);
    no_panic(&r);
    assert_eq!(r.code, 1, "{r}");
    assert!(r.stdout.contains("crlf.txt:3:1: Q001"), "{r}");
    // The quote's text is reported without the carriage return.
    let r = run(quotecheck(dir.path()).args(["quotes", "--output-format", "jsonl", "crlf.txt"]));
    assert!(
        r.stdout
            .contains(r#""text":"“Nobody asked the islanders.”""#),
        "{r}"
    );
    // Old Mac line endings: one line as far as line numbers go, but still checked, no panic.
    let r = concise(dir.path(), &["cr.txt"]);
    no_panic(&r);
    assert!(r.code == 0 || r.code == 1, "{r}");
    let r = run(quotecheck(dir.path()).args(["quotes", "--output-format", "jsonl", "cr.txt"]));
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.contains("“Nobody asked the islanders.”"), "{r}");
}

#[test]
fn a_byte_order_mark_is_not_text_and_columns_do_not_count_it() {
    let with_bom = format!("\u{feff}{FINDING}");
    let first_line = "\u{feff}“Nobody asked the islanders.”\n";
    let dir = dir_with(&[
        ("bom.txt", with_bom.as_bytes()),
        ("bom-first.md", first_line.as_bytes()),
    ]);
    let r = concise(dir.path(), &["bom.txt"]);
    no_panic(&r);
    assert_eq!(r.code, 1, "{r}");
    assert!(r.stdout.contains("bom.txt:3:1: Q001"), "{r}");
    let r =
        run(quotecheck(dir.path()).args(["quotes", "--output-format", "jsonl", "bom-first.md"]));
    assert_eq!(r.code, 0, "{r}");
    // Byte offsets count the mark's three bytes; the quotation starts right after it.
    assert!(r.stdout.contains(r#""start":3,"#), "{r}");
}

#[test]
fn an_empty_file_is_clean() {
    let dir = dir_with(&[
        ("empty.txt", b""),
        ("empty.md", b""),
        ("blank.txt", b"\n\n  \n"),
    ]);
    let r = concise(dir.path(), &["empty.txt", "empty.md", "blank.txt"]);
    no_panic(&r);
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.is_empty() && r.stderr.is_empty(), "{r}");
    let r = run(quotecheck(dir.path()).args(["quotes", "--output-format", "jsonl", "empty.txt"]));
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(r.stdout, "{\"path\":\"empty.txt\",\"quotes\":[]}\n", "{r}");
    // An empty JSON Lines stream is no documents, not an error.
    let r = run(quotecheck(dir.path())
        .args([
            "quotes",
            "--input-format",
            "jsonl",
            "--output-format",
            "jsonl",
        ])
        .write_stdin(""));
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.is_empty() && r.stderr.is_empty(), "{r}");
}

#[test]
fn jsonl_lines_without_text_or_not_objects_are_named_by_line() {
    let stream = concat!(
        "{\"id\": \"a\", \"text\": \"“We won,” said Ida Brenn.\"}\n",
        "{\"id\": \"b\", \"body\": \"no text field\"}\n",
        "[1, 2, 3]\n",
        "{\"id\": \"c\", \"text\": 42}\n",
        "\n",
        "{\"text\": \"“Nobody asked.”\"}\n",
    );
    let dir = dir_with(&[("archive.jsonl", stream.as_bytes())]);
    let r = run(quotecheck(dir.path()).args([
        "quotes",
        "--input-format",
        "jsonl",
        "--output-format",
        "jsonl",
        "archive.jsonl",
    ]));
    no_panic(&r);
    assert_eq!(r.code, 2, "{r}");
    for line in [2, 3, 4] {
        assert!(
            r.stderr.contains(&format!("archive.jsonl:{line}:")),
            "line {line}: {r}"
        );
    }
    assert!(
        !r.stderr.contains("archive.jsonl:5:"),
        "a blank line is skipped: {r}"
    );
    assert_eq!(r.stderr.lines().count(), 3, "{r}");
    // The good records are all output, in order; a record without an id is named by its line.
    let ids: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| &l[..l.find(",\"quotes\"").unwrap()])
        .collect();
    assert_eq!(ids, [r#"{"id":"a""#, r#"{"id":"archive.jsonl:6""#], "{r}");
}

#[test]
fn a_closed_stdout_ends_quietly_with_status_0() {
    // Enough output that the reader closes the pipe long before the writer is done.
    let text = FINDING.repeat(20_000);
    let dir = dir_with(&[("long.txt", text.as_bytes())]);
    for args in [
        &["quotes", "--output-format", "jsonl", "long.txt"][..],
        &["quotes", "long.txt"][..],
        &["check", "--output-format", "json", "long.txt", "long.txt"][..],
        &["check", "--output-format", "sarif", "long.txt", "long.txt"][..],
        &["check", "--output-format", "rdjsonl", "long.txt"][..],
        &["check", "--output-format", "concise", "long.txt"][..],
    ] {
        let bin = assert_cmd::cargo::cargo_bin("quotecheck");
        let mut child = std::process::Command::new(bin)
            .current_dir(dir.path())
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // `| head -c 10`: read ten bytes, then close the pipe.
        let mut stdout = child.stdout.take().unwrap();
        let mut ten = [0u8; 10];
        std::io::Read::read_exact(&mut stdout, &mut ten).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        // A reader that has read enough is not an error, and what was left unsaid is no finding.
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
