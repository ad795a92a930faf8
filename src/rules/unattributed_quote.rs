//! Q001: quoted speech with no speaker or source.

use super::{Diagnostic, Rule, Severity};
use crate::link::{Analysis, QuoteKind};

pub const RULE: Rule = Rule {
    code: "Q001",
    name: "unattributed-quote",
    default_severity: Severity::Warning,
    summary: "quoted speech with no speaker or source",
    docs: include_str!("unattributed_quote.md"),
    check,
};

fn check(_text: &str, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    for a in &analysis.quotes {
        // An unclosed quotation is reported by Q002: its cue may be what it swallowed.
        if a.kind == QuoteKind::Speech && !a.attributed() && a.quote.closed() {
            out.push(Diagnostic {
                code: RULE.code,
                rule: RULE.name,
                severity: RULE.default_severity,
                span: a.quote.span,
                message: "quotation has no speaker or source".into(),
                help: "say who said it (`“…,” Name said`), or introduce it in the previous paragraph",
            });
        }
    }
}
