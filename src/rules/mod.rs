//! Stage 5: the rules. Each is a pure function of the analysed document, in a file of its own
//! with its documentation in a Markdown file beside it. Selection, severity overrides and
//! suppression are applied outside the rules.

mod ambiguous_speaker;
mod anonymous_source;
pub use anonymous_source::{is_anonymous, is_anonymous_with};
mod unattributed_quote;
mod unclosed_quote;

use crate::link::Analysis;
use crate::span::Span;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// Parses `info`, `warning` or `error`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding, in byte offsets; outputs compute lines and columns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub help: &'static str,
}

/// A rule: its identity, its documentation and its check.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    pub summary: &'static str,
    /// The Markdown documentation printed by `quotecheck explain`.
    pub docs: &'static str,
    pub check: fn(&str, &Analysis, &mut Vec<Diagnostic>),
}

/// Every rule, by code.
pub static RULES: &[Rule] = &[
    unattributed_quote::RULE,
    unclosed_quote::RULE,
    anonymous_source::RULE,
    ambiguous_speaker::RULE,
];

/// Finds a rule by code (`Q001`) or name (`unattributed-quote`), ignoring case.
pub fn find(key: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

/// Runs every rule and returns the findings in document order.
pub fn check(text: &str, analysis: &Analysis) -> Vec<Diagnostic> {
    check_selected(text, analysis, |r| Some(r.default_severity))
}

/// Runs the rules that `level` turns on (`None` is off), at the severity it gives: the rules
/// stay pure, configuration is applied here.
pub fn check_selected(
    text: &str,
    analysis: &Analysis,
    level: impl Fn(&Rule) -> Option<Severity>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        let Some(severity) = level(rule) else {
            continue;
        };
        let from = out.len();
        (rule.check)(text, analysis, &mut out);
        for d in &mut out[from..] {
            d.severity = severity;
        }
    }
    out.sort_by_key(|d| (d.span.start, d.code));
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The codes `check` reports for a plain-text document, in order.
    pub(crate) fn codes(text: &str) -> Vec<&'static str> {
        crate::check(crate::SourceFile::new("t", text, crate::Format::Text))
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        for pair in RULES.windows(2) {
            assert!(pair[0].code < pair[1].code);
        }
        for rule in RULES {
            assert!(
                rule.docs
                    .starts_with(&format!("# {} `{}`", rule.code, rule.name)),
                "{}",
                rule.code
            );
            assert!(find(rule.name).is_some() && find(&rule.code.to_lowercase()).is_some());
        }
    }
}
