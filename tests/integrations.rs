//! Fitting the tools newsrooms already use, run as the real binary: configuration files,
//! suppression comments, HTML input, the CI output formats and their column units, exit
//! codes with `--min-severity` / `--fail-on`, the sourcing audit, completions and the man page,
//! the pre-commit hook and the GitHub Action.

mod common;
use common::{CLEAN, FINDING, Run, dir_with, quotecheck, run};

use std::path::Path;

/// An unattributed quotation after an emoji (two UTF-16 units, four bytes) and a quoted term
/// (curly marks: three bytes each) on the same line: line 3.
const WIDE: &str = "# Fares\n\nAnd then: 🚢 “up” — “Nobody asked the islanders.”\n";

fn concise(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--output-format", "concise"];
    all.extend_from_slice(args);
    run(quotecheck(dir).args(all))
}

/// The `(line, column)` of the first occurrence of `needle`, columns in the unit `unit`
/// counts: the tests compute expected columns independently of the crate.
fn position(text: &str, needle: &str, unit: fn(&str) -> usize) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    (line, unit(&text[line_start..at]) + 1)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}
fn utf16(s: &str) -> usize {
    s.encode_utf16().count()
}
fn bytes(s: &str) -> usize {
    s.len()
}

const QUOTE: &str = "“Nobody asked the islanders.”";

// ---------------------------------------------------------------------------------------------
// Exit codes: --min-severity shows, --fail-on decides

#[test]
fn min_severity_and_fail_on_are_separate() {
    // Q001 (warning) on line 3; an unused suppression (info) on line 1.
    let text = "<!-- quotecheck-disable Q002 -->\n\n“Nobody asked the islanders.”\n";
    let dir = dir_with(&[("a.md", text.as_bytes())]);

    let r = concise(dir.path(), &["a.md"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.transcript());

    let r = concise(dir.path(), &["--min-severity", "warning", "a.md"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert_eq!(
        r.stdout,
        "a.md:3:1: Q001 [warning] quotation has no speaker or source\n"
    );

    // Hidden findings still fail the run: what is shown and what fails are separate.
    let r = concise(dir.path(), &["--min-severity", "error", "a.md"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(r.stdout.is_empty(), "{}", r.transcript());

    let r = concise(dir.path(), &["--fail-on", "error", "a.md"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.transcript());

    let r = concise(dir.path(), &["--fail-on", "never", "a.md"]);
    assert_eq!(r.code, 0, "{}", r.transcript());

    // An info finding alone fails only with --fail-on info.
    let info = "<!-- quotecheck off -->\n\n“We had no choice,” said Ida Brenn.\n";
    let dir = dir_with(&[("b.md", info.as_bytes())]);
    let r = concise(dir.path(), &["b.md"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(r.stdout.contains("Q100 [info]"), "{}", r.transcript());
    let r = concise(dir.path(), &["--fail-on", "info", "b.md"]);
    assert_eq!(r.code, 1, "{}", r.transcript());

    // The human summary says what it did not show.
    let r = run(quotecheck(dir.path()).args(["check", "--min-severity", "warning", "b.md"]));
    assert!(
        r.stdout
            .contains("1 finding below --min-severity not shown"),
        "{}",
        r.transcript()
    );
}

#[test]
fn human_summary_is_singular_and_honest_about_unreadable_inputs() {
    let dir = dir_with(&[
        ("clean.md", CLEAN.as_bytes()),
        ("finding.md", FINDING.as_bytes()),
        ("binary.md", b"GIF89a\0\0\x01"),
    ]);
    let r = run(quotecheck(dir.path()).args(["check", "clean.md"]));
    assert!(
        r.stdout
            .starts_with("✓ 1 file checked, 1 quotation, no problems in "),
        "{}",
        r.transcript()
    );
    let r = run(quotecheck(dir.path()).args(["check", "finding.md"]));
    assert!(r.stdout.contains("(1 quotation) in "), "{}", r.transcript());

    let r = run(quotecheck(dir.path()).args(["check", "clean.md", "binary.md"]));
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(!r.stdout.contains('✓'), "{}", r.transcript());
    assert!(!r.stdout.contains("no problems."), "{}", r.transcript());
    assert!(
        r.stdout.contains("1 input could not be read"),
        "{}",
        r.transcript()
    );
}

#[test]
fn a_binary_file_among_good_ones_in_every_machine_format() {
    let dir = dir_with(&[
        ("a.md", FINDING.as_bytes()),
        ("b.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("c.md", CLEAN.as_bytes()),
    ]);
    for format in ["sarif", "github", "rdjson", "rdjsonl", "checkstyle", "json"] {
        let r = run(quotecheck(dir.path()).args([
            "check",
            "--output-format",
            format,
            "a.md",
            "b.md",
            "c.md",
        ]));
        assert_eq!(r.code, 2, "{format}: {}", r.transcript());
        assert_eq!(r.stderr.lines().count(), 1, "{format}: {}", r.transcript());
        assert!(r.stderr.contains("b.md"), "{format}: {}", r.transcript());
        assert!(r.stdout.contains("a.md"), "{format}: {}", r.transcript());
        assert!(!r.stdout.contains("b.md"), "{format}: {}", r.transcript());
    }
}

// ---------------------------------------------------------------------------------------------
// Output formats, each in its own column unit, on a line with an emoji and curly quotes

#[test]
fn sarif_validates_against_the_official_schema_and_counts_utf16() {
    let dir = dir_with(&[("wide.md", WIDE.as_bytes()), ("clean.md", CLEAN.as_bytes())]);
    let r = run(quotecheck(dir.path()).args([
        "check",
        "--output-format",
        "sarif",
        "wide.md",
        "clean.md",
    ]));
    assert_eq!(r.code, 1, "{}", r.transcript());
    let log: serde_json::Value = serde_json::from_str(&r.stdout).expect("SARIF is JSON");

    // The official schema's `language` patterns have a stray `]` that the meta-schema's
    // `format: regex` check rejects; the copy in memory gets the pattern they mean (we never
    // write `language`). The file stays as published.
    let published = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&published.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    ))
    .unwrap();
    let validator = jsonschema::draft7::new(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{}", r.stdout);

    let run0 = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{}", r.stdout);
    let res = &results[0];
    assert_eq!(res["ruleId"], "Q001");
    assert_eq!(res["level"], "warning");
    assert_eq!(
        run0["tool"]["driver"]["rules"][res["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "Q001"
    );
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "wide.md");
    let (line, col) = position(WIDE, QUOTE, utf16);
    assert_eq!(loc["region"]["startLine"], line);
    assert_eq!(loc["region"]["startColumn"], col);
    assert_eq!(loc["region"]["endColumn"], col + utf16(QUOTE));
    assert_eq!(loc["region"]["byteOffset"], WIDE.find(QUOTE).unwrap());
    assert_eq!(loc["region"]["byteLength"], QUOTE.len());
    // The emoji is two UTF-16 units: the column differs from a character count.
    assert_ne!(position(WIDE, QUOTE, utf16), position(WIDE, QUOTE, chars));
}

#[test]
fn github_annotations_are_escaped_and_count_characters() {
    let dir = dir_with(&[("news, 100%: wide.md", WIDE.as_bytes())]);
    let r = run(quotecheck(dir.path()).args([
        "check",
        "--output-format",
        "github",
        "news, 100%: wide.md",
    ]));
    assert_eq!(r.code, 1, "{}", r.transcript());
    let (line, col) = position(WIDE, QUOTE, chars);
    let end = col + chars(QUOTE);
    assert_eq!(
        r.stdout,
        format!(
            "::warning file=news%2C 100%25%3A wide.md,line={line},endLine={line},col={col},endColumn={end},title=Q001 unattributed-quote::quotation has no speaker or source%0Asay who said it (`“…,” Name said`), or introduce it in the previous paragraph\n"
        )
    );
    // Severities map to GitHub's commands: error, warning, notice.
    let text = "“Unclosed, said nobody.\n\n<!-- quotecheck-disable Q001 -->\n";
    let dir = dir_with(&[("a.md", text.as_bytes())]);
    let r = run(quotecheck(dir.path()).args(["check", "--output-format", "github", "a.md"]));
    let commands: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(commands, ["::error", "::notice"], "{}", r.transcript());
}

#[test]
fn rdjson_and_rdjsonl_count_utf8_bytes_end_exclusive() {
    let dir = dir_with(&[("wide.md", WIDE.as_bytes()), ("clean.md", CLEAN.as_bytes())]);
    let (line, col) = position(WIDE, QUOTE, bytes);
    let check = |d: &serde_json::Value| {
        assert_eq!(d["location"]["path"], "wide.md");
        assert_eq!(d["location"]["range"]["start"]["line"], line);
        assert_eq!(d["location"]["range"]["start"]["column"], col);
        assert_eq!(d["location"]["range"]["end"]["line"], line);
        assert_eq!(d["location"]["range"]["end"]["column"], col + QUOTE.len());
        assert_eq!(d["severity"], "WARNING");
        assert_eq!(d["code"]["value"], "Q001");
    };
    let r = run(quotecheck(dir.path()).args([
        "check",
        "--output-format",
        "rdjson",
        "wide.md",
        "clean.md",
    ]));
    assert_eq!(r.code, 1, "{}", r.transcript());
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["source"]["name"], "quotecheck");
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 1);
    check(&doc["diagnostics"][0]);

    let r = run(quotecheck(dir.path()).args([
        "check",
        "--output-format",
        "rdjsonl",
        "wide.md",
        "clean.md",
    ]));
    assert_eq!(r.code, 1, "{}", r.transcript());
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{}", r.transcript());
    check(&lines[0]);
}

#[test]
fn checkstyle_lists_every_file_and_escapes() {
    let dir = dir_with(&[("wide.md", WIDE.as_bytes()), ("a&b.md", CLEAN.as_bytes())]);
    let r = run(quotecheck(dir.path()).args([
        "check",
        "--output-format",
        "checkstyle",
        "wide.md",
        "a&b.md",
    ]));
    assert_eq!(r.code, 1, "{}", r.transcript());
    let (line, col) = position(WIDE, QUOTE, chars);
    assert_eq!(
        r.stdout,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n  <file name=\"wide.md\">\n    <error line=\"{line}\" column=\"{col}\" severity=\"warning\" message=\"quotation has no speaker or source\" source=\"quotecheck.Q001.unattributed-quote\"/>\n  </file>\n  <file name=\"a&amp;b.md\">\n  </file>\n</checkstyle>\n"
        )
    );
    // No input at all is still a well-formed document.
    let empty = dir_with(&[]);
    let r = run(quotecheck(empty.path()).args(["check", "--output-format", "checkstyle"]));
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout
            .ends_with("<checkstyle version=\"4.3\">\n</checkstyle>\n"),
        "{}",
        r.transcript()
    );
}

// ---------------------------------------------------------------------------------------------
// Suppression comments

#[test]
fn every_suppression_form() {
    let text = "\
# Harbour

<!-- quotecheck-disable-next-line Q001 -->
“One.”

“Two.”

<!-- quotecheck-disable unattributed-quote -->
“Three.”

“Four.”
<!-- quotecheck-enable -->

“Five.”

<!-- quotecheck off -->
“Six.”

Seven, never opened.”
<!-- quotecheck on -->

“Eight.”

<!-- quotecheck-disable-next-line Q002 -->
Nothing to see here.

<!-- quotecheck-disable-next-line Q042 -->
“Nine.”
";
    let dir = dir_with(&[("a.md", text.as_bytes())]);
    let r = concise(dir.path(), &["a.md"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    let line = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() + 1;
    let expected = [
        format!(
            "a.md:{}:1: Q001 [warning] quotation has no speaker or source",
            line("“Two")
        ),
        format!(
            "a.md:{}:1: Q001 [warning] quotation has no speaker or source",
            line("“Five")
        ),
        format!(
            "a.md:{}:1: Q001 [warning] quotation has no speaker or source",
            line("“Eight")
        ),
        format!(
            "a.md:{}:1: Q100 [info] suppression comment does not suppress Q002",
            line("<!-- quotecheck-disable-next-line Q002")
        ),
        format!(
            "a.md:{}:1: Q100 [info] suppression names `Q042`, which is not a rule",
            line("<!-- quotecheck-disable-next-line Q042")
        ),
        format!(
            "a.md:{}:1: Q001 [warning] quotation has no speaker or source",
            line("“Nine")
        ),
    ];
    let got: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(got, expected, "{}", r.transcript());

    // Q100 can be turned off in the configuration like any rule.
    let dir = dir_with(&[
        ("a.md", text.as_bytes()),
        (
            "quotecheck.toml",
            b"[rules]\nunused-suppression = \"off\"\n",
        ),
    ]);
    let r = concise(dir.path(), &["a.md"]);
    assert!(!r.stdout.contains("Q100"), "{}", r.transcript());
}

#[test]
fn explain_and_rules_know_the_suppression_code() {
    let dir = dir_with(&[]);
    let r = run(quotecheck(dir.path()).args(["explain", "Q100"]));
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout.starts_with("# Q100 `unused-suppression`"),
        "{}",
        r.transcript()
    );
    let r = run(quotecheck(dir.path()).arg("rules"));
    assert!(
        r.stdout.contains("Q100  unused-suppression"),
        "{}",
        r.transcript()
    );
}

// ---------------------------------------------------------------------------------------------
// Configuration

#[test]
fn config_is_found_by_walking_up_from_each_file() {
    let dir = dir_with(&[
        ("quotecheck.toml", b"[rules]\nQ001 = \"error\"\n"),
        ("news/a.md", FINDING.as_bytes()),
        ("opinion/quotecheck.toml", b"[rules]\nQ001 = \"off\"\n"),
        ("opinion/deep/b.md", FINDING.as_bytes()),
    ]);
    let r = concise(dir.path(), &["news/a.md", "opinion/deep/b.md"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert_eq!(
        r.stdout,
        "news/a.md:5:1: Q001 [error] quotation has no speaker or source\n"
    );
    // The same from inside a subdirectory, and through a directory walk.
    let r = concise(&dir.path().join("news"), &["a.md"]);
    assert!(r.stdout.contains("[error]"), "{}", r.transcript());
    let r = concise(dir.path(), &["."]);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.transcript());

    // --isolated ignores them all; --config names one for every file.
    let r = concise(
        dir.path(),
        &["--isolated", "news/a.md", "opinion/deep/b.md"],
    );
    assert_eq!(
        r.stdout.matches("[warning]").count(),
        2,
        "{}",
        r.transcript()
    );
    let r = concise(
        dir.path(),
        &[
            "--config",
            "opinion/quotecheck.toml",
            "news/a.md",
            "opinion/deep/b.md",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(r.stdout.is_empty(), "{}", r.transcript());
    let r = concise(
        dir.path(),
        &["--config", "x.toml", "--isolated", "news/a.md"],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
}

#[test]
fn per_rule_levels_globs_exclude_and_min_quote_words() {
    let config = br#"
exclude = ["drafts/**"]

[rules]
unclosed-quote = "warning"

[[overrides]]
files = ["live/**"]
min-quote-words = 3

[[overrides]]
files = ["opinion/*.md"]
rules = { Q001 = "off" }
"#;
    let short = "Crowds gathered at noon.\n\n“Wow.”\n\n“Nobody asked the islanders.”\n";
    let dir = dir_with(&[
        ("quotecheck.toml", config),
        ("drafts/x.md", FINDING.as_bytes()),
        ("live/blog.md", short.as_bytes()),
        ("news/short.md", short.as_bytes()),
        ("opinion/col.md", FINDING.as_bytes()),
        ("opinion/nested/col.md", FINDING.as_bytes()),
        ("unclosed.md", "“Never closed, said nobody.\n".as_bytes()),
    ]);
    let r = concise(dir.path(), &["."]);
    let mut got: Vec<String> = r
        .stdout
        .lines()
        .map(|l| l.trim_start_matches("./").to_string())
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            "live/blog.md:5:1: Q001 [warning] quotation has no speaker or source",
            "news/short.md:3:1: Q001 [warning] quotation has no speaker or source",
            "news/short.md:5:1: Q001 [warning] quotation has no speaker or source",
            "opinion/nested/col.md:5:1: Q001 [warning] quotation has no speaker or source",
            "unclosed.md:1:1: Q002 [warning] opening quotation mark is never closed in its paragraph",
        ],
        "{}",
        r.transcript()
    );
    // A file named on the command line is checked even when excluded from walks.
    let r = concise(dir.path(), &["drafts/x.md"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
}

#[test]
fn a_bad_config_names_file_line_and_key() {
    for (config, line, key) in [
        ("[rules]\nQ001 = \"loud\"\n", 2, "rules.Q001"),
        ("# rules\n[rules]\n\nQ007 = \"off\"\n", 4, "rules.Q007"),
        ("exclude = []\nmin-quote-word = 2\n", 2, "min-quote-word"),
        (
            "[[overrides]]\nfiles = [\"a/[\"]\n",
            2,
            "overrides[0].files",
        ),
        ("[rules\n", 1, ""),
    ] {
        let dir = dir_with(&[
            ("quotecheck.toml", config.as_bytes()),
            ("a.md", CLEAN.as_bytes()),
        ]);
        let r = concise(dir.path(), &["a.md"]);
        assert_eq!(r.code, 2, "{config}: {}", r.transcript());
        assert!(r.stdout.is_empty(), "{config}: {}", r.transcript());
        let first = r.stderr.lines().next().unwrap_or_default();
        assert!(
            first.contains(&format!("quotecheck.toml:{line}:")),
            "{config}: {}",
            r.transcript()
        );
        assert!(
            first.contains(&format!("`{key}`")),
            "{config}: {}",
            r.transcript()
        );
    }
}

#[test]
fn a_bad_config_deep_in_a_walk_stops_the_run_before_any_output() {
    // The first files found are checked while the walk goes on: a bad configuration met after
    // several batches of them must still stop the run before anything is printed.
    let mut files: Vec<(String, &[u8])> = (0..1100)
        .map(|i| (format!("a/{i:04}.md"), FINDING.as_bytes()))
        .collect();
    files.push(("z/quotecheck.toml".into(), b"[rules]\nQ001 = \"loud\"\n"));
    files.push(("z/b.md".into(), FINDING.as_bytes()));
    let named: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let dir = dir_with(&named);
    let r = concise(dir.path(), &["."]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stdout.is_empty(), "{}", r.transcript());
    assert!(
        r.stderr.contains("quotecheck.toml:2:"),
        "{}",
        r.transcript()
    );
}

#[test]
fn the_json_schema_agrees_with_the_parser() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/quotecheck.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // Every rule, by code and by name, and nothing else: editors complete from this list.
    let mut listed: Vec<String> = schema["definitions"]["rules"]["propertyNames"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let mut known: Vec<String> = quotecheck::rules::RULES
        .iter()
        .flat_map(|r| [r.code.to_string(), r.name.to_string()])
        .chain([
            quotecheck::suppress::CODE.to_string(),
            quotecheck::suppress::NAME.to_string(),
        ])
        .collect();
    listed.sort();
    known.sort();
    assert_eq!(
        listed, known,
        "schema/quotecheck.schema.json lists the rules"
    );

    let validator = jsonschema::draft7::new(&schema).expect("the schema compiles");
    let samples = [
        "",
        "exclude = [\"drafts/**\"]\nmin-quote-words = 2\n",
        "[rules]\nQ001 = \"error\"\nunclosed-quote = \"off\"\nQ100 = \"info\"\n",
        "[words]\nanonymous = [\"a person briefed on\"]\nspeakers = { \"Ana Ruiz\" = [\"the mayor\"] }\n",
        "[[overrides]]\nfiles = [\"opinion/**\"]\nrules = { Q001 = \"off\" }\nmin-quote-words = 4\n",
        "[rules]\nQ001 = \"loud\"\n",
        "[rules]\nQ999 = \"off\"\n",
        "speakers = []\n",
        "min-quote-words = \"two\"\n",
        "[[overrides]]\nrules = { Q001 = \"off\" }\n",
        "[words]\nverbs = [\"quipped\"]\n",
    ];
    for sample in samples {
        let dir = dir_with(&[
            ("quotecheck.toml", sample.as_bytes()),
            ("a.md", CLEAN.as_bytes()),
        ]);
        let parser_ok = concise(dir.path(), &["a.md"]).code == 0;
        let value: toml::Value = toml::from_str(sample).unwrap();
        let json = serde_json::to_value(value).unwrap();
        assert_eq!(
            validator.is_valid(&json),
            parser_ok,
            "schema and parser disagree on:\n{sample}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Markup: positions exact in the original file

#[test]
fn html_is_parsed_and_positions_point_into_the_source() {
    let html = "<!doctype html>\n<html><head><title>“Title”</title>\n<style>q::before { content: \"“\"; }</style></head>\n<body>\n<p>Fares 🚢 rose. <em>“Nobody asked the islanders.”</em></p>\n<p>“We had no choice,” said <a href=\"/brenn\">Ida Brenn</a>.</p>\n<pre>“a quote in code”</pre><p>Run <code>“x”</code> again.</p>\n<script>let s = \"“unclosed\";</script>\n<!-- quotecheck-disable-next-line Q001 -->\n<p>“Suppressed in HTML too.”</p>\n</body></html>\n";
    let dir = dir_with(&[("page.html", html.as_bytes())]);
    let r = concise(dir.path(), &["page.html"]);
    let (line, col) = position(html, QUOTE, chars);
    assert_eq!(
        r.stdout,
        format!("page.html:{line}:{col}: Q001 [warning] quotation has no speaker or source\n"),
        "{}",
        r.transcript()
    );
    let r = run(quotecheck(dir.path()).args(["quotes", "--output-format", "json", "page.html"]));
    let docs: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let quotes = docs[0]["quotes"].as_array().unwrap();
    let texts: Vec<&str> = quotes.iter().map(|q| q["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [QUOTE, "“We had no choice,”", "“Suppressed in HTML too.”"],
        "{}",
        r.stdout
    );
    for q in quotes {
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&html[s..e], q["text"].as_str().unwrap());
    }
    assert_eq!(quotes[1]["speaker"]["name"], "Ida Brenn");

    // --input-format html and --stdin-filename pick the HTML reader too.
    let r = run(quotecheck(dir.path())
        .args([
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "x.html",
            "-",
        ])
        .write_stdin(html));
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.transcript());
}

#[test]
fn markdown_positions_skip_front_matter_code_and_markup() {
    let md = "+++\ntitle = \"“Quoted title”\"\n+++\n\n# Fares\n\nRun `“code”` and see [the “report”](https://x.test/\"a\").\n\n> And then: 🚢 “up” — “Nobody asked the islanders.”\n\n“A quote with a [link](https://x.test) and *emphasis* inside,” said Ida Brenn.\n\n```\n“fenced”\n```\n";
    let dir = dir_with(&[("a.md", md.as_bytes())]);
    let r = run(quotecheck(dir.path()).args(["check", "--output-format", "json", "a.md"]));
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let diags = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{}", r.stdout);
    let (line, col) = position(md, QUOTE, chars);
    assert_eq!(diags[0]["line"], line);
    assert_eq!(diags[0]["column"], col);
    let s = diags[0]["start"].as_u64().unwrap() as usize;
    let e = diags[0]["end"].as_u64().unwrap() as usize;
    assert_eq!(&md[s..e], QUOTE);
}

// ---------------------------------------------------------------------------------------------
// The sourcing audit

#[test]
fn sources_as_table_json_and_csv() {
    let article = "# Harbour\n\n“We had no choice,” said harbour manager Ida Brenn.\n\n“The fees will rise,” the harbour manager said later.\n\n“It was the mayor’s idea,” said a source close to the council.\n\nThe council met on Monday.\n\n“Nobody asked the islanders.”\n\nThe mayor called it “a fair deal” in a statement.\n";
    let config = b"[words]\nspeakers = { \"Ida Brenn\" = [\"the harbour manager\"] }\n";
    let dir = dir_with(&[("quotecheck.toml", config), ("a.md", article.as_bytes())]);

    let r = run(quotecheck(dir.path()).args(["sources", "--output-format", "json", "a.md"]));
    assert_eq!(r.code, 0, "{}", r.transcript());
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let a = &doc[0];
    assert_eq!(a["path"], "a.md");
    assert_eq!(a["anonymous"], 1, "{}", r.stdout);
    assert_eq!(a["unattributed"], 1, "{}", r.stdout);
    assert_eq!(a["speakers"][0]["name"], "Ida Brenn", "{}", r.stdout);
    assert_eq!(a["speakers"][0]["quotes"], 2, "aliases merge: {}", r.stdout);

    let r = run(quotecheck(dir.path()).args(["sources", "a.md"]));
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout.contains("1 anonymous, 1 unattributed"),
        "{}",
        r.transcript()
    );
    assert!(r.stdout.contains("  Ida Brenn"), "{}", r.transcript());

    let r = run(quotecheck(dir.path()).args(["sources", "--output-format", "csv", "a.md"]));
    assert_eq!(r.code, 0, "{}", r.transcript());
    let rows: Vec<&str> = r.stdout.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(rows[0], "path,speaker,kind,quotes");
    assert!(rows.contains(&"a.md,Ida Brenn,named,2"), "{}", r.stdout);
    assert!(rows.contains(&"a.md,,anonymous,1"), "{}", r.stdout);
    assert!(rows.contains(&"a.md,,unattributed,1"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------------------------
// Completions, man page, pre-commit hook, GitHub Action

#[test]
fn completions_and_man_page_come_from_the_clap_definitions() {
    let dir = dir_with(&[]);
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = run(quotecheck(dir.path()).args(["completions", shell]));
        assert_eq!(r.code, 0, "{shell}: {}", r.transcript());
        assert!(r.stdout.contains("quotecheck"), "{shell}");
        assert!(r.stdout.contains("min-severity"), "{shell}");
    }
    let r = run(quotecheck(dir.path()).arg("man"));
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(r.stdout.starts_with(".ie"), "{}", r.transcript());
    assert!(r.stdout.contains("quotecheck"), "{}", r.transcript());
}

fn repo_file(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

#[test]
fn the_pre_commit_hook_runs_as_pre_commit_would() {
    let hooks = repo_file(".pre-commit-hooks.yaml");
    assert!(hooks.contains("- id: quotecheck"), "{hooks}");
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry:"))
        .expect("an entry")
        .trim();
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("quotecheck"));
    let args: Vec<&str> = words.collect();
    // pre-commit appends the staged file names.
    let dir = dir_with(&[("a.md", FINDING.as_bytes()), ("b.md", CLEAN.as_bytes())]);
    let r = run(quotecheck(dir.path()).args(&args).args(["a.md", "b.md"]));
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(r.stdout.contains("a.md:5:1"), "{}", r.transcript());
    let r = run(quotecheck(dir.path()).args(&args).arg("b.md"));
    assert_eq!(r.code, 0, "{}", r.transcript());
}

#[test]
fn the_github_action_uses_formats_the_binary_has() {
    let action = repo_file("action.yml");
    assert!(action.contains("using: composite"), "{action}");
    assert!(action.contains("cargo install"), "{action}");
    let dir = dir_with(&[("a.md", FINDING.as_bytes())]);
    for format in ["github", "sarif"] {
        assert!(action.contains(format), "{format}");
        let r = run(quotecheck(dir.path()).args(["check", "--output-format", format, "a.md"]));
        assert_eq!(r.code, 1, "{format}: {}", r.transcript());
    }
}

#[test]
fn configured_verbs_and_anonymous_phrases_reach_the_grammar_and_rules() {
    let article = "# Ferry\n\n“The crossing is too cold in winter,” Ida Brenn grouses.\n\n“It will be fixed,” said a figure in the mayor's office.\n";
    let dir = dir_with(&[
        ("plain/a.md", article.as_bytes()),
        (
            "configured/quotecheck.toml",
            b"[words]\nverbs = [\"grouse\"]\nanonymous = [\"a figure in the mayor's office\"]\n",
        ),
        ("configured/a.md", article.as_bytes()),
    ]);
    // Without the configuration `grouses` is no cue (a past tense such as `groused` would be,
    // next to a name after speech), and `a figure` is no known unnamed source.
    let r = concise(dir.path(), &["plain/a.md"]);
    assert!(
        r.stdout.contains("plain/a.md:3:1: Q001"),
        "{}",
        r.transcript()
    );
    assert!(!r.stdout.contains("Q003"), "{}", r.transcript());
    // With it, the first quotation is Ida Brenn's and the second is flagged as anonymous.
    let r = concise(dir.path(), &["configured/a.md"]);
    assert!(!r.stdout.contains("Q001"), "{}", r.transcript());
    assert!(
        r.stdout.contains("configured/a.md:5:26: Q003 [info]"),
        "{}",
        r.transcript()
    );
}
