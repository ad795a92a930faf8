//! Q002: quotation marks that never pair.

use super::{Diagnostic, Rule, Severity};
use crate::link::Analysis;

pub const RULE: Rule = Rule {
    code: "Q002",
    name: "unclosed-quote",
    default_severity: Severity::Error,
    summary: "an opening quotation mark never closed, or a closing mark never opened",
    docs: include_str!("unclosed_quote.md"),
    check,
};

fn check(_text: &str, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    for a in &analysis.quotes {
        if !a.quote.closed() {
            out.push(Diagnostic {
                code: RULE.code,
                rule: RULE.name,
                severity: RULE.default_severity,
                span: a.quote.open,
                message: "opening quotation mark is never closed in its paragraph".into(),
                help: "close the quotation; if it goes on in the next paragraph, open that paragraph with a quotation mark",
            });
        }
    }
    for stray in &analysis.strays {
        out.push(Diagnostic {
            code: RULE.code,
            rule: RULE.name,
            severity: RULE.default_severity,
            span: stray.span,
            message: "closing quotation mark has no opening mark".into(),
            help: "add the missing opening mark, or remove this one",
        });
    }
}
