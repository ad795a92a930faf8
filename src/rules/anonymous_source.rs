//! Q003: speech attributed only to an unnamed source.

use super::{Diagnostic, Rule, Severity};
use crate::grammar::speaker::MentionKind;
use crate::link::{Analysis, Speaker};
use memchr::memmem;
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

pub const RULE: Rule = Rule {
    code: "Q003",
    name: "anonymous-source",
    default_severity: Severity::Info,
    summary: "speech attributed only to an unnamed source",
    docs: include_str!("anonymous_source.md"),
    check,
};

/// Nouns that stand for a person or group left unnamed: `a senior official`, `sources`.
const UNNAMED: &[&str] = &[
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "aide",
    "aides",
    "diplomat",
    "diplomats",
    "insider",
    "insiders",
    "official",
    "officials",
    "people",
    "person",
    "someone",
    "source",
    "sources",
    "staffer",
    "staffers",
];

/// Phrases that say a source asked not to be named.
const ANONYMITY: &[&str] = &[
    "anonymity",
    "anonymously",
    "asked not to be identified",
    "asked not to be named",
    "declined to be identified",
    "declined to be named",
    "familiar with",
    "not authorised to",
    "not authorized to",
    "without being named",
];

/// How far from the speaker an anonymity phrase may stand: about a sentence each way, within
/// the paragraph (`Two officials, speaking on condition of anonymity, said … “…,” one of them
/// said.`).
const WINDOW: usize = 300;

/// The lower-cased text around a mention, within its paragraph.
fn around(text: &str, mention: crate::Span) -> String {
    let mut start = mention.start.saturating_sub(WINDOW);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (mention.end + WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = text[start..mention.start]
        .rsplit('\n')
        .next()
        .unwrap_or_default();
    let after = text[mention.end..end]
        .split('\n')
        .next()
        .unwrap_or_default();
    format!("{before} {after}").to_ascii_lowercase()
}

/// The lower-cased start of `line`, at least `len` bytes of it when there are: enough to test
/// phrases of up to `len` bytes with `starts_with`, without lower-casing the whole line.
fn lower_prefix(line: &str, len: usize) -> String {
    // Lower-casing shrinks a character at most threefold (`K`, the kelvin sign, becomes `k`),
    // and cutting before a space keeps the one rule that looks at neighbours (a final `Σ`).
    let cut = memchr::memchr(b' ', line.as_bytes().get(3 * len..).unwrap_or_default())
        .map_or(line.len(), |i| 3 * len + i);
    line[..cut].to_lowercase()
}

/// Is this speaker an unnamed source: described, not named, by a noun that stands for an
/// unnamed person, or with a phrase nearby saying they asked not to be named?
pub fn is_anonymous(text: &str, sp: &Speaker) -> bool {
    is_anonymous_with(text, sp, &[])
}

/// `is_anonymous`, with phrases a configuration adds (lower case).
pub fn is_anonymous_with(text: &str, sp: &Speaker, extra: &[String]) -> bool {
    if sp.kind == MentionKind::Pronoun {
        return false;
    }
    let mention = sp.mention.text(text);
    // (The cheap tests first: most speakers are names.)
    if sp.kind == MentionKind::Name || mention.contains(',') {
        return false;
    }
    // `the company's chief engineer, Farid Hassan`: named after all.
    let named = sp.name.as_deref().is_some_and(|n| {
        n.split_whitespace()
            .any(|w| w.starts_with(char::is_uppercase))
            && !mention.contains(n)
    });
    if named {
        return false;
    }
    // A configured phrase may run past the phrase the grammar took (`a figure close to …`).
    if !extra.is_empty() {
        let mut end = (sp.mention.end + WINDOW).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let line = text[sp.mention.start..end]
            .split('\n')
            .next()
            .unwrap_or_default();
        let longest = extra.iter().map(String::len).max().unwrap_or(0);
        let from_mention = lower_prefix(line, longest);
        if extra
            .iter()
            .any(|p| from_mention.starts_with(p.as_str()) || mention.eq_ignore_ascii_case(p))
        {
            return true;
        }
    }
    let head = mention.rsplit(' ').next().unwrap_or_default();
    if UNNAMED.iter().any(|u| u.eq_ignore_ascii_case(head)) {
        return true;
    }
    // The window is lower-cased once for all the phrases.
    let window = around(text, sp.mention);
    anonymity_finders()
        .iter()
        .any(|f| f.find(window.as_bytes()).is_some())
}

/// A searcher for each `ANONYMITY` phrase, built once: `str::contains` sets one up on every
/// call, which cost more than the search of a 600-byte window.
fn anonymity_finders() -> &'static [memmem::Finder<'static>] {
    static FINDERS: OnceLock<Vec<memmem::Finder<'static>>> = OnceLock::new();
    FINDERS.get_or_init(|| ANONYMITY.iter().map(memmem::Finder::new).collect())
}

fn check(text: &str, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let mut reported = FxHashSet::default();
    // Quotations in a row often share a speaker: asked once.
    let mut last: Option<&Speaker> = None;
    for a in &analysis.quotes {
        let Some(sp) = &a.speaker else { continue };
        if reported.contains(&sp.mention) || last.is_some_and(|l| l == sp) {
            continue;
        }
        last = Some(sp);
        let mention = sp.mention.text(text);
        if is_anonymous_with(text, sp, &analysis.anonymous_phrases) {
            reported.insert(sp.mention);
            out.push(Diagnostic {
                code: RULE.code,
                rule: RULE.name,
                severity: RULE.default_severity,
                span: sp.mention,
                message: format!("quotation attributed to an unnamed source: “{mention}”"),
                help: "check the sourcing policy: say why the source is not named, or name them",
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::codes;

    #[test]
    fn unnamed_sources_are_reported_once() {
        assert_eq!(
            codes("“We will fold,” a senior official said. “Soon.”"),
            ["Q003"]
        );
        assert_eq!(codes("“It is over,” sources said."), ["Q003"]);
        assert_eq!(
            codes("“It is over,” a party strategist said on condition of anonymity."),
            ["Q003"]
        );
    }

    #[test]
    fn lower_prefix_is_the_start_of_the_whole_line_lowered() {
        for line in [
            "a person familiar with the talks, who spoke",
            "A PERSON FAMILIAR WITH THE TALKS",
            "\u{212A}\u{212A}\u{212A}\u{212A}\u{212A}\u{212A} k",
            "ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ",
            "short",
            "",
        ] {
            for len in [0, 1, 4, 9] {
                let prefix = super::lower_prefix(line, len);
                let whole = line.to_lowercase();
                assert!(whole.starts_with(&prefix), "{line:?} {len}");
                assert!(prefix.len() >= len.min(whole.len()), "{line:?} {len}");
            }
        }
    }

    #[test]
    fn named_sources_are_not() {
        assert!(codes("“We will fold,” said Maria Lopez, a senior official.").is_empty());
        assert!(codes("“We will fold,” the statement said.").is_empty());
        assert!(
            codes("“We will fold,” the company's chief engineer, Farid Hassan, said.").is_empty()
        );
    }
}
