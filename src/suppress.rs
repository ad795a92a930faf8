//! Suppression comments in the text, applied after the rules (which stay pure):
//!
//! - `<!-- quotecheck-disable-next-line Q001 -->`: the next non-blank line;
//! - `<!-- quotecheck-disable Q001 -->` … `<!-- quotecheck-enable Q001 -->` (markdownlint's
//!   shape; `enable` without codes ends every disable before it);
//! - `<!-- quotecheck off -->` … `<!-- quotecheck on -->` (Vale's shape), for every rule.
//!
//! Codes may be rule codes or names, separated by spaces or commas; none means every rule.
//! A suppression that suppresses nothing, or names a rule that does not exist, is reported
//! as `Q100 unused-suppression` (info), as ruff reports unused `noqa` comments.

use crate::config;
use crate::rules::{Diagnostic, Severity};
use crate::span::{LineIndex, Span};

pub const CODE: &str = "Q100";
pub const NAME: &str = "unused-suppression";
pub const SUMMARY: &str = "a suppression comment that suppresses nothing";
pub const DOCS: &str = "# Q100 `unused-suppression`

A `quotecheck-disable…` or `quotecheck off` comment that suppresses no finding, or that
names a rule that does not exist. Default severity: info.

Forms:

```markdown
<!-- quotecheck-disable-next-line Q001 -->
<!-- quotecheck-disable Q001 --> … <!-- quotecheck-enable Q001 -->
<!-- quotecheck off --> … <!-- quotecheck on -->
```

Why: a suppression outlives the quotation it was written for; once the quotation is attributed
or gone, the comment hides the next real problem in its range. Remove the comment.
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
}

/// One `<!-- quotecheck… -->` comment.
#[derive(Debug, Clone)]
struct Directive {
    span: Span,
    kind: Kind,
    /// Rule codes it names; empty means every rule.
    codes: Vec<&'static str>,
    unknown: Vec<String>,
}

/// Every suppression comment of a text, in order.
fn directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&text.as_bytes()[at..], b"<!--") {
        let start = at + i;
        let Some(j) = memchr::memmem::find(&text.as_bytes()[start + 4..], b"-->") else {
            break;
        };
        let end = start + 4 + j + 3;
        at = end;
        let body = text[start + 4..end - 3].trim();
        let Some(rest) = body.strip_prefix("quotecheck") else {
            continue;
        };
        let (kind, args) = if let Some(a) = rest.strip_prefix("-disable-next-line") {
            (Kind::NextLine, a)
        } else if let Some(a) = rest.strip_prefix("-disable") {
            (Kind::Disable, a)
        } else if let Some(a) = rest.strip_prefix("-enable") {
            (Kind::Enable, a)
        } else if rest.trim() == "off" {
            (Kind::Disable, "")
        } else if rest.trim() == "on" {
            (Kind::Enable, "")
        } else {
            continue;
        };
        // `quotecheck-disabled` is not a directive: the keyword must end there.
        if args.starts_with(|c: char| !c.is_whitespace()) {
            continue;
        }
        let mut codes = Vec::new();
        let mut unknown = Vec::new();
        for word in args
            .split([' ', ',', '\t', '\n', '\r'])
            .filter(|w| !w.is_empty())
        {
            match config::rule_code(word) {
                Some(c) => codes.push(c),
                None => unknown.push(word.to_string()),
            }
        }
        out.push(Directive {
            span: Span::new(start, end),
            kind,
            codes,
            unknown,
        });
    }
    out
}

/// A stretch of the text in which some rules are silenced.
struct Suppression {
    directive: Directive,
    range: Span,
    used: bool,
}

impl Suppression {
    fn covers(&self, d: &Diagnostic) -> bool {
        self.range.contains(d.span.start)
            && (self.directive.codes.is_empty() || self.directive.codes.contains(&d.code))
    }
}

fn suppressions(text: &str, directives: &[Directive]) -> Vec<Suppression> {
    let index = LineIndex::new(text);
    let mut out = Vec::new();
    for (n, d) in directives.iter().enumerate() {
        // A comment naming only unknown rules silences nothing (not everything).
        if d.codes.is_empty() && !d.unknown.is_empty() {
            continue;
        }
        let range = match d.kind {
            Kind::Enable => continue,
            Kind::NextLine => {
                // The next line that is not blank: a blank line between a comment and its
                // paragraph is common in Markdown.
                let mut line = index.line_of(d.span.end) + 1;
                loop {
                    let Some(span) =
                        (line < index_lines(&index, text)).then(|| index.line_span(text, line))
                    else {
                        break Span::new(text.len(), text.len());
                    };
                    if !span.text(text).trim().is_empty() {
                        break Span::new(span.start, span.end.max(span.start + 1));
                    }
                    line += 1;
                }
            }
            Kind::Disable => {
                let end = directives[n + 1..]
                    .iter()
                    .find(|e| {
                        e.kind == Kind::Enable
                            && (e.codes.is_empty()
                                || d.codes.is_empty()
                                || e.codes.iter().any(|c| d.codes.contains(c)))
                    })
                    .map_or(text.len(), |e| e.span.start);
                Span::new(d.span.end, end.max(d.span.end))
            }
        };
        out.push(Suppression {
            directive: d.clone(),
            range,
            used: false,
        });
    }
    out
}

fn index_lines(index: &LineIndex, text: &str) -> usize {
    index.line_of(text.len()) + 1
}

/// Drops the findings that a comment suppresses, and adds one finding (at `unused`, or none
/// when it is off) for each comment that suppressed nothing or names an unknown rule.
pub fn apply(
    text: &str,
    diagnostics: Vec<Diagnostic>,
    unused: Option<Severity>,
) -> Vec<Diagnostic> {
    let directives = directives(text);
    if directives.is_empty() {
        return diagnostics;
    }
    let mut sups = suppressions(text, &directives);
    let mut out: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| match sups.iter_mut().find(|s| s.covers(d)) {
            Some(s) => {
                s.used = true;
                false
            }
            None => true,
        })
        .collect();
    if let Some(severity) = unused {
        for d in &directives {
            for word in &d.unknown {
                out.push(finding(
                    d.span,
                    severity,
                    format!("suppression names `{word}`, which is not a rule"),
                ));
            }
        }
        for s in sups.iter().filter(|s| !s.used) {
            let what = if s.directive.codes.is_empty() {
                "any finding".to_string()
            } else {
                s.directive.codes.join(", ")
            };
            out.push(finding(
                s.directive.span,
                severity,
                format!("suppression comment does not suppress {what}"),
            ));
        }
        out.sort_by_key(|d| (d.span.start, d.code));
    }
    out
}

fn finding(span: Span, severity: Severity, message: String) -> Diagnostic {
    Diagnostic {
        code: CODE,
        rule: NAME,
        severity,
        span,
        message,
        help: "remove the comment, or fix the rule code it names",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic {
            code: "Q001",
            rule: "unattributed-quote",
            severity: Severity::Warning,
            span: Span::new(start, start + needle.len()),
            message: String::new(),
            help: "",
        }
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let text = "<!-- quotecheck-disable-next-line Q001 -->\n\n“A.”\n\n“B.”\n";
        let out = apply(
            text,
            vec![diag(text, "“A.”"), diag(text, "“B.”")],
            Some(Severity::Info),
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].span.text(text), "“B.”");
    }

    #[test]
    fn disable_enable_and_unused() {
        let text = "<!-- quotecheck off -->\n“A.”\n<!-- quotecheck on -->\n“B.”\n<!-- quotecheck-disable Q002 nope -->\n";
        let out = apply(
            text,
            vec![diag(text, "“A.”"), diag(text, "“B.”")],
            Some(Severity::Info),
        );
        let codes: Vec<&str> = out.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["Q001", "Q100", "Q100"], "{out:#?}");
    }
}
