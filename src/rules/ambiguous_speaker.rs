//! Q004: a pronoun that could refer to either of two people.

use super::{Diagnostic, Rule, Severity};
use crate::link::Analysis;

pub const RULE: Rule = Rule {
    code: "Q004",
    name: "ambiguous-speaker",
    default_severity: Severity::Info,
    summary: "a speaker pronoun with two equally likely people",
    docs: include_str!("ambiguous_speaker.md"),
    check,
};

fn check(text: &str, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    // `“A,” she said, “B.”`: one mention, reported once.
    let mut reported = None;
    for a in &analysis.quotes {
        let Some(sp) = &a.speaker else { continue };
        let (Some(name), Some(other)) = (&sp.name, sp.alternatives.first()) else {
            continue;
        };
        // Only the quotation that carries the mention reports it, not those inheriting it.
        if a.basis != Some(crate::link::Basis::SameSentence) || reported == Some(sp.mention) {
            continue;
        }
        reported = Some(sp.mention);
        out.push(Diagnostic {
            code: RULE.code,
            rule: RULE.name,
            severity: RULE.default_severity,
            span: sp.mention,
            message: format!("“{}” could be {name} or {other}", sp.mention.text(text)),
            help: "name the speaker: a surname is enough",
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::codes;

    #[test]
    fn two_men_then_he() {
        assert_eq!(
            codes("John Barrow met Peter Quince on Monday. “We agreed,” he said."),
            ["Q004"]
        );
    }

    #[test]
    fn a_mention_between_two_quotations_is_reported_once() {
        assert_eq!(
            codes("John Barrow met Peter Quince on Monday. “We agreed,” he said, “on all of it.”"),
            ["Q004"]
        );
    }

    #[test]
    fn one_man_then_he() {
        assert!(codes("John Barrow met Mary Quince on Monday. “We agreed,” he said.").is_empty());
        assert!(codes("“We agreed,” said John Barrow. “Both of us,” he said.").is_empty());
    }
}
