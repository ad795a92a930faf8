//! Noun phrases that can speak: a name with its title or role (`Kremlin spokesman Dmitry
//! Peskov`), a description (`the foreign ministry`, `a Treasury estimate`, `the statement`), a
//! name with an appositive (`Maria Lopez, the city's chief auditor`), or a pronoun.
//!
//! A phrase is read forward when it follows its cue (`said <Speaker>`) and backward when it
//! precedes it (`<Speaker> said`); both share one test of what a phrase word is.

use super::lexicon::{self, contains};
use super::{PResult, Tokens};
use crate::segment::{Class, Token, TokenKind};
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// Holds a proper name: `Dmitry Peskov`, `the Kremlin`, `TASS`.
    Name,
    Pronoun,
    /// A common-noun phrase: `the statement`, `a senior official`.
    Description,
}

/// A speaker as written: the whole phrase, and the name inside it if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
    /// The proper name inside the phrase (`Dmitry Peskov` in `Kremlin spokesman Dmitry Peskov`).
    pub name: Option<Span>,
    /// The last word of the phrase before any appositive: `statement`, `leader`, `Peskov`.
    pub head: Span,
    /// What a relative pronoun stands for: `said Weaver, who added …` → `Weaver`.
    pub antecedent: Option<(Span, MentionKind)>,
}

/// Numbers spelled out, as in `four in 10`.
const NUMBER_WORDS: &[&str] = &[
    "eight", "five", "four", "nine", "one", "seven", "six", "ten", "three", "two",
];

/// Words that are capitalised in dates and never name a speaker.
const CALENDAR: &[&str] = &[
    "april",
    "august",
    "days",
    "december",
    "february",
    "friday",
    "hours",
    "january",
    "july",
    "june",
    "march",
    "may",
    "minutes",
    "moments",
    "monday",
    "months",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "today",
    "tuesday",
    "wednesday",
    "weeks",
    "years",
    "yesterday",
];

/// The lists a phrase word is tested against, one bit each in `listed`.
const LISTED: [&[&str]; 10] = [
    lexicon::SENTENCE_ADVERBS,
    CALENDAR,
    lexicon::DETERMINERS,
    lexicon::BOUNDARIES,
    lexicon::ROLES,
    lexicon::DOCUMENTS,
    lexicon::TITLES,
    lexicon::ANONYMOUS,
    lexicon::QUANTITIES,
    lexicon::AUXILIARIES,
];
const SENTENCE_ADVERB: u16 = 1;
const CALENDAR_WORD: u16 = 1 << 1;
const DETERMINER: u16 = 1 << 2;
const BOUNDARY: u16 = 1 << 3;
const ROLE: u16 = 1 << 4;
const DOCUMENT: u16 = 1 << 5;
const TITLE: u16 = 1 << 6;
const ANONYMOUS: u16 = 1 << 7;
const QUANTITY: u16 = 1 << 8;
const AUXILIARY: u16 = 1 << 9;

/// Which of the `LISTED` lists hold `w` (any case), as bits: the first classification of a
/// word tested it against up to five lists in turn, each a `lexicon::contains` look-up; this
/// is one. The same answers: the lists are lower-case, and a word is lower-cased (ASCII) to
/// look it up, as `contains` does.
fn listed(w: &str) -> u16 {
    static TABLE: std::sync::OnceLock<lexicon::WordTable<u16>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        // (A word in several lists takes all their bits in the table itself: no map merges
        // them first, at every start.)
        let entries = LISTED
            .iter()
            .enumerate()
            .flat_map(|(bit, list)| list.iter().map(move |w| (*w, 1u16 << bit)));
        lexicon::WordTable::new_merged(entries, |a, b| a | b)
    });
    match table.get(w) {
        Some(bits) => bits.unwrap_or(0),
        // (A long word, which no list holds today: asked of the lists themselves.)
        None => (0..LISTED.len())
            .filter(|&bit| contains(LISTED[bit], w))
            .fold(0, |bits, bit| bits | 1 << bit),
    }
}

/// `listed` for a word token, answering (and memoising) `is_determiner` and `is_head_noun`
/// for it on the way: the parsers ask those next of the same tokens.
fn listed_word(t: &Token) -> u16 {
    let lists = listed(t.text);
    t.memo(Class::Determiner, |_| lists & DETERMINER != 0);
    t.memo(Class::HeadNoun, |_| lists & HEAD_NOUN != 0);
    lists
}

/// Is `w` (any case) one of the few lower-case `words`? Compared in place: for a short list
/// that is cheaper than `lexicon::contains`, which packs and hashes the word.
#[inline]
pub(super) fn one_of(words: &[&str], w: &str) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// (This and the other memoised tests are inlined, with the first answer worked out out of
/// line: most asks find the memo.)
#[inline]
fn is_pronoun(t: &Token) -> bool {
    // Asked about the same tokens on every parse attempt: answered once per token.
    t.memo(Class::Pronoun, is_pronoun_uncached)
}

#[inline(never)]
fn is_pronoun_uncached(t: &Token) -> bool {
    t.is_word() && one_of(lexicon::PRONOUNS, t.text)
}

/// `he's said`, `they’ve argued`: a pronoun with its auxiliary contracted.
fn is_pronoun_contraction(t: &Token) -> bool {
    t.is_word() && may_be_contraction(t.text) && is_pronoun_with_auxiliary(t.text)
}

/// `he's`, `they’ve`: a pronoun and a contracted auxiliary (without the pre-test).
fn is_pronoun_with_auxiliary(w: &str) -> bool {
    w.split_once(['\'', '’']).is_some_and(|(p, aux)| {
        one_of(lexicon::PRONOUNS, p) && matches!(aux, "s" | "ve" | "d" | "ll")
    })
}

#[inline]
pub(super) fn is_determiner(t: &Token) -> bool {
    // Asked about the same tokens on every parse attempt: answered once per token.
    t.memo(Class::Determiner, is_determiner_uncached)
}

#[inline(never)]
fn is_determiner_uncached(t: &Token) -> bool {
    t.is_word() && contains(lexicon::DETERMINERS, t.text)
}

/// `Trump's`, `Clinton’s`, `Sanders’`.
pub fn is_possessive(t: &Token) -> bool {
    t.is_word()
        && (t.text.ends_with("'s")
            || t.text.ends_with("’s")
            || t.text.ends_with("s’")
            || t.text.ends_with("s'"))
        // `he's`, `it’s`, `that's`: a contraction, not a possessive.
        && !is_pronoun_contraction(t)
        && !is_contraction(t.text)
}

/// A capitalised word that can be part of a name: not a sentence-initial common word
/// (`Officials`, `The`), not a date.
#[inline]
fn is_name_word(t: &Token) -> bool {
    // Asked about the same tokens on every parse attempt: answered once per token.
    t.memo(Class::NameWord, is_name_word_uncached)
}

#[inline(never)]
fn is_name_word_uncached(t: &Token) -> bool {
    if !t.is_capitalized() {
        return false;
    }
    let lists = listed_word(t);
    if lists & (SENTENCE_ADVERB | CALENDAR_WORD | DETERMINER | BOUNDARY) != 0
        || is_contraction(t.text)
    {
        return false;
    }
    // `Officials`, `Report`: a listed noun, capitalised only as the sentence's first word.
    let common_noun =
        lists & (ROLE | DOCUMENT) != 0 && t.text.chars().skip(1).all(char::is_lowercase);
    !common_noun && !lexicon::is_inflected_verb_token(t)
}

/// Whether `w` may end in an apostrophe (`'` or `’`) and one or two bytes, the only endings of
/// a contraction (`s`, `re`, `ll`, `d`, `ve`, `t`, `m`): four byte tests at the end of the word
/// (`’` starts with 0xE2) rule out most words before a search by characters. (A scan of the
/// whole word for an apostrophe cost more, and passed every possessive.)
fn may_be_contraction(w: &str) -> bool {
    let b = w.as_bytes();
    let back = |i: usize| b.len().checked_sub(i).map(|k| b[k]);
    back(2) == Some(b'\'')
        || back(3) == Some(b'\'')
        || back(4) == Some(0xE2)
        || back(5) == Some(0xE2)
}

/// `It’s`, `That's`, `There’s`: a pronoun or adverb with a verb, not a name.
#[inline]
fn is_contraction(w: &str) -> bool {
    may_be_contraction(w) && is_contracted(w)
}

/// `it's`, `here’s`: a contraction of a listed stem (without the pre-test).
fn is_contracted(w: &str) -> bool {
    w.split_once(['’', '\'']).is_some_and(|(stem, rest)| {
        matches!(rest, "s" | "re" | "ll" | "d" | "ve" | "t" | "m")
            && (contains(lexicon::BOUNDARIES, stem)
                || one_of(lexicon::PRONOUNS, stem)
                || one_of(&["here", "let", "who"], stem))
    })
}

/// A capitalised common noun (`Republican`, `Officials` at the start of a sentence).
#[inline]
fn is_capitalized_noun(t: &Token) -> bool {
    // Asked about the same tokens on every parse attempt: answered once per token.
    t.memo(Class::CapitalizedNoun, is_capitalized_noun_uncached)
}

#[inline(never)]
fn is_capitalized_noun_uncached(t: &Token) -> bool {
    t.is_capitalized() && is_head_noun(t) && !contains(lexicon::BOUNDARIES, t.text)
}

/// A lower-case word that may sit inside a phrase: not a preposition, conjunction, verb of
/// saying or date.
#[inline]
fn is_modifier(t: &Token) -> bool {
    // Asked about the same tokens on every parse attempt: answered once per token.
    t.memo(Class::Modifier, is_modifier_uncached)
}

#[inline(never)]
fn is_modifier_uncached(t: &Token) -> bool {
    t.is_word()
        && !t.is_capitalized()
        && listed_word(t) & (BOUNDARY | CALENDAR_WORD) == 0
        && !lexicon::is_inflected_verb_token(t)
        && !t.text.chars().all(|c| c.is_ascii_digit())
}

/// Whether `t` may be a number (`is_compound_number`, `is_year_after_determiner`): its first
/// byte is a digit (or it has none, as `all` answers yes for no digits).
fn opens_with_digit(t: &Token) -> bool {
    t.text.bytes().next().is_none_or(|b| b.is_ascii_digit())
}

/// A number inside a hyphenated compound: `the 46-year-old`.
fn is_compound_number(tokens: &[Token], i: usize) -> bool {
    tokens[i].is_word()
        && tokens[i].text.chars().all(|c| c.is_ascii_digit())
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.text == "-" && n.span.start == tokens[i].span.end)
}

/// `a 2008 Clinton veteran`, `the 2012 nominee`: a year right after a determiner dates the
/// phrase, as a modifier.
fn is_year_after_determiner(tokens: &[Token], i: usize) -> bool {
    let w = tokens[i].text;
    i > 0
        && is_determiner(&tokens[i - 1])
        && w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.chars().all(|c| c.is_ascii_digit())
}

/// `the two`, `these three senators`: a count after a definite determiner belongs to its
/// phrase, which it may end (`“…,” the two write`).
pub fn is_count_after_determiner(tokens: &[Token], i: usize) -> bool {
    i > 0
        && tokens[i].text != "one"
        && one_of(NUMBER_WORDS, tokens[i].text)
        && one_of(&["the", "these", "those"], tokens[i - 1].text)
}

/// Words that can head a description: roles, documents, anonymous sources.
#[inline]
fn is_head_noun(t: &Token) -> bool {
    // Asked about the same tokens on every parse attempt: answered once per token.
    t.memo(Class::HeadNoun, is_head_noun_uncached)
}

#[inline(never)]
fn is_head_noun_uncached(t: &Token) -> bool {
    t.is_word() && listed(t.text) & HEAD_NOUN != 0
}

/// The lists of head nouns: roles, documents, titles, anonymous sources.
const HEAD_NOUN: u16 = ROLE | DOCUMENT | TITLE | ANONYMOUS;

/// `.` closing an abbreviated title (`Sen.`), or a hyphen or ampersand joining two words.
fn is_joining_punct(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let touches_prev = i > 0 && tokens[i - 1].span.end == t.span.start && tokens[i - 1].is_word();
    match t.text {
        // `Sen.`, and the initial in `Shannon S. Quill`.
        "." => {
            touches_prev
                && (tokens[i - 1].text.len() == 1 && tokens[i - 1].is_capitalized()
                    // `U.S.` is one word `U.S` and a dot.
                    || tokens[i - 1].text.contains('.') && tokens[i - 1].is_capitalized()
                    // (The list last: the tests of the word are cheaper.)
                    || contains(lexicon::TITLES, tokens[i - 1].text))
        }
        // A plural possessive: `the Rail Operatives’ Union`.
        "’" | "'" => touches_prev && tokens[i - 1].text.ends_with('s'),
        "-" | "&" => {
            touches_prev
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| n.is_word() && n.span.start == t.span.end)
        }
        _ => false,
    }
}

/// A word or joining mark that may stand inside a phrase.
#[inline]
fn in_phrase(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    match t.kind {
        TokenKind::Word => {
            // The memoised tests first: most phrase words are names or modifiers, answered
            // without the context tests below (all are pure, so the order changes no answer).
            is_name_word(t)
                || is_modifier(t)
                || is_capitalized_noun(t)
                || is_determiner(t)
            // `voice-over`, `write-in`: the second half of a hyphenated compound.
                || (i > 0 && tokens[i - 1].text == "-" && is_joining_punct(tokens, i - 1))
                // `a Wednesday editorial`: a day or month right after a determiner.
                || (i > 0
                    && is_determiner(&tokens[i - 1])
                    && contains(CALENDAR, t.text)
                    && tokens.get(i + 1).is_some_and(|n| n.is_word() && !n.is_capitalized()))
                // (The number tests only for a word opening with a digit, the name tests only
                // before a capital: most words asked this far are neither, and skip four calls.)
                || (opens_with_digit(t)
                    && (is_compound_number(tokens, i) || is_year_after_determiner(tokens, i)))
                || (tokens.get(i + 1).is_some_and(Token::is_capitalized)
                    && (is_common_word_first_name(tokens, i)
                        || is_joiner_between_names(tokens, i)))
        }
        TokenKind::Punct => is_joining_punct(tokens, i),
        TokenKind::Quote(_) => is_title_before_role(tokens, i),
    }
}

/// The sentence punctuation a quotation token ends with inside its marks (`“We won,”` → `,`,
/// `“Why?”` → `?`), if any: speech ends so, a title does not.
pub fn inner_punct(t: &Token) -> Option<char> {
    // The last letter, digit or sentence mark, past closing marks and spaces: read by bytes
    // from the end, and a character decoded only where a byte is not ASCII (the closing `”`).
    let b = t.text.as_bytes();
    let mut end = b.len();
    while let Some(&c) = b[..end].last() {
        if c.is_ascii() {
            match c {
                b',' | b'.' | b'!' | b'?' => return Some(char::from(c)),
                _ if c.is_ascii_alphanumeric() => return None,
                _ => end -= 1,
            }
        } else if end >= 3
            && b[end - 3..end - 1] == [0xE2, 0x80]
            && matches!(b[end - 1], 0x93 | 0x94 | 0x98 | 0x99 | 0x9C | 0x9D | 0xA6)
        {
            // `–`, `—`, `‘`, `’`, `“`, `”`, `…`: the marks `is_alphanumeric` knows are none,
            // recognised by their bytes.
            end -= 3;
        } else {
            // (No sentence mark is outside ASCII: a letter or digit there ends the search.)
            let ch = t.text[..end].chars().next_back()?;
            if is_alphanumeric(ch) {
                return None;
            }
            end -= ch.len_utf8();
        }
    }
    None
}

/// `inner_punct` as it was first written, by characters: the reference for its test.
#[cfg(test)]
fn inner_punct_by_chars(t: &Token) -> Option<char> {
    let punct = |c: char| matches!(c, ',' | '.' | '!' | '?');
    t.text
        .chars()
        .rev()
        .find(|&c| punct(c) || is_alphanumeric(c))
        .filter(|&c| punct(c))
}

/// `char::is_alphanumeric`, with the closing marks that end every quotation answered without
/// a look-up in the Unicode tables.
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !matches!(
            c,
            '”' | '’' | '“' | '‘' | '»' | '«' | '…' | '—' | '–' | '\u{a0}'
        ) && c.is_alphanumeric()
    }
}

/// `“Broad City” star Ilana Glazer`, `the “Jane the Virgin” actress`: a quoted title that
/// modifies the role after it (no sentence punctuation inside, a role noun next).
pub fn is_title_before_role(tokens: &[Token], i: usize) -> bool {
    // (Words counted only up to the seventh: a quotation may be long.)
    inner_punct(&tokens[i]).is_none()
        && tokens[i].text.split_whitespace().nth(6).is_none()
        && tokens
            .get(i + 1)
            .is_some_and(|t| t.is_word() && !t.is_capitalized() && contains(lexicon::ROLES, t.text))
}

/// `of`, `de`, `van` between two capitalised words (`Secretary of State`).
fn is_joiner_between_names(tokens: &[Token], i: usize) -> bool {
    // The neighbours first: they are cheaper to test than the list.
    i > 0
        && tokens[i - 1].is_capitalized()
        && tokens.get(i + 1).is_some_and(Token::is_capitalized)
        && one_of(lexicon::NAME_JOINERS, tokens[i].text)
}

const MAX_PHRASE: usize = 9;

/// `<Speaker>` read forward: a pronoun, or `[Det] [Modifier|Name]* <Head>` where the head is a
/// name word or a role, document or source noun.
///
/// Accepts `he`, `Kremlin spokesman Dmitry Peskov`, `the statement`, `Russian state media
/// TASS`; rejects `in a statement`, `Monday`.
pub fn forward<'t>(input: Tokens<'t>) -> PResult<'t, Mention> {
    let fail = || nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify));
    let first = input.first().ok_or_else(fail)?;
    if is_pronoun(first) {
        return Ok((&input[1..], mention(input, 0, 1, MentionKind::Pronoun)));
    }
    if let Some(found) = partitive(input) {
        return Ok(found);
    }
    if let Some(found) = common_word_first_name(input) {
        return Ok(found);
    }
    let mut end = 0;
    while end < input.len().min(MAX_PHRASE) && in_phrase(input, end) {
        // A determiner only starts a phrase.
        if end > 0
            && is_determiner(&input[end])
            && !input[end].text.ends_with('s')
            && !is_count_after_determiner(input, end)
        {
            break;
        }
        if is_verb_after_head(input, end) || is_bare_verb_after_plural(input, end) {
            break;
        }
        end += 1;
    }
    // Trailing words that cannot head a phrase ("Putin reinforced") are not part of it; after
    // a determiner any one noun can (`one user`).
    let has_det = is_determiner(first);
    // Right before a reporting verb the whole run is the subject: `one P&G employee told`.
    let before_verb = end > 0
        && input[end - 1].is_word()
        && !(input[end - 1].text.ends_with("ed") || input[end - 1].text.ends_with("ing"))
        && input
            .get(end)
            .is_some_and(|t| lexicon::is_inflected_verb_token(t));
    if has_det && !before_verb {
        // After a determiner: up to the last word that can head a phrase (`the actor held` →
        // `the actor`), or else the determiner and one word (`one user`).
        end = match (1..end).rev().find(|&i| can_head(&input[i])) {
            Some(i) => i + 1,
            // No known head: the last plain noun (`the programme’s presenter`), before any
            // verb (`The performance prompted cheers`, `The final results aren’t in`).
            None => (1..verb_free_end(input, end))
                .rev()
                .find(|&i| {
                    let w = input[i].text;
                    input[i].is_word()
                        && !is_possessive(&input[i])
                        && !w.ends_with("ed")
                        && !w.ends_with("ing")
                        && !w.ends_with("ly")
                })
                .map_or(end.min(2), |i| i + 1),
        };
    }
    while end > 0 && !has_det && !before_verb && !can_head(&input[end - 1]) {
        end -= 1;
    }
    // `“…,” read one.`, `said another:`: a lone count of things or people already named, with
    // no noun after it, stands for one of them.
    let lone = end == 1
        && one_of(&["another", "one"], first.text)
        && input.get(1).is_none_or(|t| t.kind == TokenKind::Punct);
    if end == 0 || (end == 1 && has_det && !lone) {
        return Err(fail());
    }
    let kind = classify(&input[..end]);
    if kind == MentionKind::Description && !has_det && !is_head_noun(&input[end - 1]) {
        return Err(fail());
    }
    // `the director of projects`, `a spokesman for the ministry`: a role and what it is of;
    // `a study by economists Peter Schott and Justin Pierce`: a document and who wrote it.
    let document = || contains(lexicon::DOCUMENTS, input[end - 1].text);
    if kind == MentionKind::Description
        && is_head_noun(&input[end - 1])
        && input
            .get(end)
            .is_some_and(|t| one_of(&["at", "for", "of"], t.text) || t.text == "by" && document())
        && let Some((rest, object)) = of_object(&input[end + 1..])
    {
        let mut m = mention(input, 0, end, kind);
        m.span = m.span.cover(object);
        return Ok((rest, m));
    }
    Ok((&input[end..], mention(input, 0, end, kind)))
}

/// `Sanders credited Clinton's victory`, `his campaign shrugged off`: a lower-case past tense
/// right after a name or head noun is the phrase's verb, not a modifier (no hyphen before it:
/// `a Trump-appointed judge`).
fn is_verb_after_head(tokens: &[Token], i: usize) -> bool {
    let w = tokens[i].text;
    i > 0
        && tokens[i].is_word()
        && !tokens[i].is_capitalized()
        && w.len() > 4
        && w.ends_with("ed")
        && tokens[i - 1].is_word()
        && can_head(&tokens[i - 1])
        && !is_possessive(&tokens[i - 1])
}

/// `“…,” the groups say`, `both sides warn`: a bare reporting verb right after a lower-case
/// plural noun is the phrase's verb, not a noun modified by it.
fn is_bare_verb_after_plural(tokens: &[Token], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| &tokens[p]);
    // (The memoised verb test and the plural before the lemma look-up.)
    tokens[i].is_word()
        && !tokens[i].is_capitalized()
        && lexicon::is_verb_token(&tokens[i])
        && prev.is_some_and(|p| {
            p.is_word()
                && !p.is_capitalized()
                && p.text.len() > 3
                && p.text.ends_with('s')
                && !p.text.ends_with("ss")
                && !is_possessive(p)
        } || is_count_after_determiner(tokens, i - 1))
        && lexicon::is_lemma(tokens[i].text)
}

/// `Commissioner Will Haddon`: a capitalised first name that is also a common word, before
/// a name.
fn is_common_word_first_name(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    // (A name word is capitalised: that cheap test comes before the lists.)
    t.is_capitalized()
        && tokens.get(i + 1).is_some_and(Token::is_capitalized)
        && is_first_name(t)
        && tokens.get(i + 1).is_some_and(is_name_word)
}

/// A listed first name (`Will`, `Grant`, `Maria`), in any case.
fn is_first_name(t: &Token) -> bool {
    contains(lexicon::MALE_NAMES, t.text) || contains(lexicon::FEMALE_NAMES, t.text)
}

/// A capitalised common word that may still be a surname right before a reporting verb
/// (`From said`, `Early described`): not a name word already, not a pronoun, determiner,
/// quantity or date.
fn could_be_surname(t: &Token) -> bool {
    t.is_capitalized()
        && t.text.len() >= 3
        && !is_name_word(t)
        && !one_of(lexicon::PRONOUNS, t.text)
        && listed(t.text) & (DETERMINER | QUANTITY | CALENDAR_WORD) == 0
}

/// The end of the phrase `input[..end]` before its first word that reads as a verb: a past
/// tense after the first noun (`prompted`) or a negated auxiliary (`aren’t`).
fn verb_free_end(input: Tokens, end: usize) -> usize {
    (2..end)
        .find(|&i| {
            let w = input[i].text;
            input[i].is_word()
                && !input[i].is_capitalized()
                && (w.len() > 4 && w.ends_with("ed") || w.ends_with("n’t") || w.ends_with("n't"))
        })
        .unwrap_or(end)
}

/// `Will Estrada said`, `“…,” Will wrote`, `“…,” From said`: a first name that is also a
/// common word (`Will`, `Grant`) names someone when another name or a reporting verb follows
/// it; any other capitalised word only before a reporting verb.
fn common_word_first_name<'t>(input: Tokens<'t>) -> Option<(Tokens<'t>, Mention)> {
    let first = input.first()?;
    let next = input.get(1)?;
    if !first.is_capitalized() || is_name_word(first) {
        return None;
    }
    // (The lists are read last, only when the next word fits.)
    let first_name = || is_first_name(first);
    // `“…,” From said`: before a verb any capitalised word but a pronoun or adverb names.
    let surname = || could_be_surname(first) && !contains(lexicon::SENTENCE_ADVERBS, first.text);
    let end = if !next.is_capitalized()
        && lexicon::is_inflected_verb_token(next)
        && (first_name() || surname())
    {
        1
    } else if next.is_capitalized() && first_name() && is_name_word(next) {
        1 + input[1..]
            .iter()
            .take(MAX_PHRASE)
            .take_while(|t| is_name_word(t))
            .count()
    } else {
        return None;
    };
    Some((&input[end..], mention(input, 0, end, MentionKind::Name)))
}

/// What a role is of: a phrase (`of the Rail Union`) or a few bare nouns (`of projects`).
fn of_object<'t>(input: Tokens<'t>) -> Option<(Tokens<'t>, Span)> {
    if let Ok((rest, object)) = forward(input)
        && object.kind != MentionKind::Pronoun
    {
        return Some((rest, object.span));
    }
    let n = input
        .iter()
        .take(3)
        .take_while(|t| {
            is_modifier(t)
                && !is_determiner(t)
                && !t.text.ends_with("ed")
                && !t.text.ends_with("ing")
        })
        .count();
    (n > 0).then(|| (&input[n..], input[0].span.cover(input[n - 1].span)))
}

/// `one of them`, `some of the protesters`: a quantity of a group.
fn partitive<'t>(input: Tokens<'t>) -> Option<(Tokens<'t>, Mention)> {
    let [q, of, rest @ ..] = input else {
        return None;
    };
    if !of.text.eq_ignore_ascii_case("of") || !one_of(QUANTIFIERS, q.text) {
        return None;
    }
    let (rest, inner) = match rest.first() {
        Some(t) if one_of(&["them", "those", "us"], t.text) => {
            (&rest[1..], mention(rest, 0, 1, MentionKind::Pronoun))
        }
        _ => forward(rest).ok()?,
    };
    Some((
        rest,
        Mention {
            span: q.span.cover(inner.span),
            kind: MentionKind::Description,
            name: None,
            head: q.span,
            antecedent: None,
        },
    ))
}

/// Words that count a group: `one of them`.
const QUANTIFIERS: &[&str] = &[
    "all", "both", "each", "many", "most", "none", "one", "several", "some", "three", "two",
];

#[inline]
fn can_head(t: &Token) -> bool {
    is_name_word(t) || is_head_noun(t) || (t.is_word() && t.text.chars().all(|c| c.is_uppercase()))
}

/// `<Speaker>` read backward from `tokens[end]` (exclusive), skipping auxiliaries and adverbs
/// (`X also said`, `X has repeatedly said`). Handles an appositive or relative clause between
/// commas: `Maria Lopez, the city's chief auditor, said`, `Trump, who spoke in Ohio, said`.
pub fn backward(tokens: &[Token], end: usize) -> Option<Mention> {
    backward_at(tokens, end, false)
}

/// `backward`, inside an apposition or not: an apposition holds no apposition of its own,
/// which keeps the search linear (`, , , , said` once took exponential time).
fn backward_at(tokens: &[Token], end: usize, nested: bool) -> Option<Mention> {
    let (j, last_lists) = skip_between_with_lists(tokens, end);
    let last = tokens.get(j.checked_sub(1)?)?;
    if is_pronoun(last) || is_pronoun_contraction(last) {
        return Some(mention(tokens, j - 1, j, MentionKind::Pronoun));
    }
    // `Informed of the result, Early described it as “…”`, `“…,” From said`: a capitalised
    // common word after a comma and right before the verb is a surname.
    if j == end
        && j >= 2
        && (tokens[j - 2].is_punct(",") || tokens[j - 2].quote().is_some())
        && could_be_surname(last)
        && tokens
            .get(end)
            .is_some_and(|v| lexicon::is_inflected_verb_token(v))
    {
        return Some(mention(tokens, j - 1, j, MentionKind::Name));
    }
    // `About four in 10 said`: a share of people in poll language.
    let number = |t: &Token| {
        t.text.starts_with(|c: char| c.is_ascii_digit()) || one_of(NUMBER_WORDS, t.text)
    };
    if j >= 3 && number(last) && tokens[j - 2].text == "in" && number(&tokens[j - 3]) {
        let start = if j >= 4 && one_of(&["about", "nearly", "roughly"], tokens[j - 4].text) {
            j - 4
        } else {
            j - 3
        };
        return Some(mention(tokens, start, j, MentionKind::Description));
    }
    // `21 percent said`, `14% warned`: a share of people.
    if matches!(last.text, "percent" | "%")
        && j >= 2
        && tokens[j - 2].text.starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(mention(tokens, j - 2, j, MentionKind::Description));
    }
    // `said Weaver, who added that …`, `Sen. Marco Rubio of Florida, who mused …`: the relative
    // pronoun is the subject; it stands for the phrase before the comma. (Without the comma the
    // clause only narrows a description: `a surrogate who said …`.)
    // (`Donald Trump - who previously said he would “…” - said`: or between dashes.)
    if last.text == "who" && !nested && j >= 2 && opens_aside(tokens, j - 2) {
        let ante = backward_at(tokens, j - 2, true)?;
        let mut m = mention(tokens, j - 1, j, MentionKind::Pronoun);
        m.antecedent = Some((ante.span, ante.kind));
        return Some(m);
    }
    // `this tweet from Rikkie Wells who tweeted, “…”`: a name needs no narrowing, so a clause
    // right after it is about that person even with its comma left out.
    if last.text == "who" && !nested && j >= 2 && is_name_word(&tokens[j - 2]) {
        let ante = backward_at(tokens, j - 1, true).filter(|a| a.kind == MentionKind::Name)?;
        let mut m = mention(tokens, j - 1, j, MentionKind::Pronoun);
        m.antecedent = Some((ante.span, ante.kind));
        return Some(m);
    }
    // `a headline that said`, `the sign — which read`: a document's relative pronoun.
    if matches!(last.text, "that" | "which") && !nested && j >= 2 {
        let k = if matches!(tokens[j - 2].text, "," | "—" | "–") {
            j - 2
        } else {
            j - 1
        };
        let ante = backward_at(tokens, k, true)?;
        if ante.kind != MentionKind::Description
            || crate::segment::index_at(tokens, ante.head.start)
                .is_none_or(|h| !contains(lexicon::DOCUMENTS, tokens[h].text))
        {
            return None;
        }
        let mut m = mention(tokens, j - 1, j, MentionKind::Pronoun);
        m.antecedent = Some((ante.span, ante.kind));
        return Some(m);
    }
    if last.is_punct(",") {
        if nested {
            return None;
        }
        // `Gov. John Kasich (R-OH), said`: a comma after a name in brackets.
        if j >= 2
            && tokens[j - 2].is_punct(")")
            && let Some(m) =
                backward_at(tokens, j - 1, true).filter(|m| m.kind == MentionKind::Name)
        {
            return Some(m);
        }
        return appositive(tokens, j - 1);
    }
    // `Several said …`, `Others warned …`: a quantity standing for people.
    // (`contains(lexicon::QUANTITIES, …)`, read from the lists `skip_between` looked up.)
    if last_lists & QUANTITY != 0 && starts_clause(tokens, j - 1) {
        return Some(mention(tokens, j - 1, j, MentionKind::Description));
    }
    if last.is_punct(")") {
        // `Sen. Claire McCaskill (D-Mo.) said`: the parenthesis belongs to the name.
        let open = (j.saturating_sub(10)..j - 1)
            .rev()
            .find(|&i| tokens[i].is_punct("("))?;
        let inner = backward_phrase(tokens, open)?;
        return Some(Mention {
            span: Span::new(inner.span.start, last.span.end),
            ..inner
        });
    }
    let m = backward_phrase(tokens, j)?;
    // `Trump at the time said`, `Beck, who has in the past described`: a phrase right after a
    // preposition is its object, not the subject; the subject stands before the preposition.
    let start = crate::segment::index_at(tokens, m.span.start)?;
    // Once only (nested), which keeps `in a in a in a … said` linear.
    if m.kind != MentionKind::Pronoun
        && !nested
        && start > 1
        && one_of(PREPOSITIONS, tokens[start - 1].text)
    {
        return backward_at(tokens, start - 1, true);
    }
    Some(m)
}

/// A comma or a spaced dash opening an aside: `Trump, who`, `Trump — who`, `Trump - who`
/// (not the hyphen of `anti-Trump`).
fn opens_aside(tokens: &[Token], i: usize) -> bool {
    match tokens[i].text {
        "," | "—" | "–" => true,
        "-" => i > 0 && tokens[i - 1].span.end < tokens[i].span.start,
        _ => false,
    }
}

/// Prepositions whose object can stand between a subject and its verb (`at the time`).
const PREPOSITIONS: &[&str] = &["at", "during", "in", "on", "over", "to", "within"];

/// `skip_between_with_lists` without the lists.
#[cfg(test)]
fn skip_between(tokens: &[Token], end: usize) -> usize {
    skip_between_with_lists(tokens, end).0
}

/// Skips what stands between a subject and its verb, read leftwards: auxiliaries and adverbs
/// (`has also`, `repeatedly`) and time phrases (`on Wednesday`, `two weeks ago`, `last week`).
/// Returns where it stops, `j`, and the lists (`listed`) of the word before it, `tokens[j - 1]`
/// (none for a mark or quotation), which the reader of the subject asks next.
fn skip_between_with_lists(tokens: &[Token], end: usize) -> (usize, u16) {
    // The lists holding `tokens[i]`: one look-up for the auxiliary, date and adverb tests of
    // the same token (each was a search of its list). Only a word can be in those lists, whose
    // entries all start with a letter (a test checks): no look-up for marks and quotations.
    let mut seen = (usize::MAX, 0);
    let mut lists = |i: usize| {
        if seen.0 != i {
            let t = &tokens[i];
            seen = (i, if t.is_word() { listed(t.text) } else { 0 });
        }
        seen.1
    };
    let mut j = end;
    loop {
        let before = j;
        while j > 0 && is_auxiliary_in(&tokens[j - 1], lists(j - 1)) {
            j -= 1;
        }
        if j > 0 && lists(j - 1) & CALENDAR_WORD != 0 {
            j -= 1;
            if j > 0 && one_of(&["early", "last", "late", "on", "this"], tokens[j - 1].text) {
                j -= 1;
            }
        }
        if j > 0
            && one_of(&["month", "week", "year"], tokens[j - 1].text)
            && j > 1
            && one_of(&["last", "this"], tokens[j - 2].text)
        {
            j -= 2;
        }
        // `The two lawmakers, however, argue`: a parenthetical adverb between commas.
        if j >= 3
            && tokens[j - 1].is_punct(",")
            && tokens[j - 3].is_punct(",")
            && lists(j - 2) & SENTENCE_ADVERB != 0
        {
            j -= 3;
        }
        // `Cruz himself said`: a reflexive only stresses the subject.
        if j > 0
            && one_of(
                &["herself", "himself", "itself", "themselves"],
                tokens[j - 1].text,
            )
        {
            j -= 1;
        }
        // `Carter however said`, `officials there said`: a lower-case sentence adverb.
        if j > 0
            && tokens[j - 1].is_word()
            && !tokens[j - 1].is_capitalized()
            && lists(j - 1) & SENTENCE_ADVERB != 0
        {
            j -= 1;
        }
        if j > 0 && tokens[j - 1].text == "ago" {
            j -= 1;
            while j > 0
                && (contains(TIME_WORDS, tokens[j - 1].text)
                    || tokens[j - 1].text.chars().all(|c| c.is_ascii_digit()))
            {
                j -= 1;
            }
        }
        if j == before {
            return (j, if j > 0 { lists(j - 1) } else { 0 });
        }
    }
}

/// Words of a `… ago` phrase.
const TIME_WORDS: &[&str] = &[
    "a", "about", "day", "days", "few", "hour", "hours", "less", "minutes", "month", "months",
    "more", "nearly", "several", "than", "three", "two", "week", "weeks", "year", "years",
];

/// `is_auxiliary` of a token whose lists (`listed`) are known.
fn is_auxiliary_in(t: &Token, lists: u16) -> bool {
    // (The adverb's ending before the list: it needs no look-up.)
    t.is_word()
        && ((t.text.len() > 4 && t.text.ends_with("ly") && !t.is_capitalized())
            || lists & AUXILIARY != 0)
}

/// Starts a clause: nothing, a quotation, a comma, a dash or a joining word stands before it.
fn starts_clause(tokens: &[Token], i: usize) -> bool {
    i == 0 || {
        let t = &tokens[i - 1];
        t.quote().is_some()
            || matches!(t.text, "," | "—" | "–" | "-" | ":" | ";" | "(" | ".")
            // Any case: `When someone shouted`.
            || one_of(
                &[
                    "after", "and", "as", "because", "before", "but", "so", "when", "while", "yet",
                ],
                t.text,
            )
    }
}

/// `<Name>, <appositive>,` read backward from the second comma at `comma`. The name must start
/// its clause: in `Clinton, during a meeting in Columbus, Ohio, said` the speaker is Clinton,
/// not Columbus.
fn appositive(tokens: &[Token], comma: usize) -> Option<Mention> {
    let lo = comma.saturating_sub(24);
    let mut at = comma;
    for _ in 0..3 {
        let first = (lo..at).rev().find(|&i| {
            tokens[i].is_punct(",") || tokens[i].quote().is_some() || tokens[i].is_punct(".")
        })?;
        if !tokens[first].is_punct(",") {
            return None;
        }
        let described = |m: &Mention| {
            is_head_noun_span(tokens, m)
                || crate::segment::index_at(tokens, m.span.start)
                    .is_some_and(|i| is_determiner(&tokens[i]))
        };
        if let Some(inner) = backward_at(tokens, first, true)
            .filter(|m| m.kind != MentionKind::Description || described(m))
        {
            let at = crate::segment::index_at(tokens, inner.span.start)?;
            // `The director of policy at the Hauliers’ Association, Priya Nandakumar, said`:
            // the phrase may run back through `of`/`at`/`for` to where its clause starts.
            let start = extend_left(tokens, at);
            if starts_clause(tokens, start) {
                return Some(Mention {
                    span: Span::new(tokens[start].span.start, tokens[comma - 1].span.end),
                    ..inner
                });
            }
        }
        at = first;
    }
    None
}

/// Extends a phrase starting at `start` leftwards over `<phrase> of|at|for|from|in|on` links,
/// at most three, while the words are phrase words: `The director of policy at` + `the
/// Association`, `Another delegate on` + `the Cruz slate`.
fn extend_left(tokens: &[Token], mut start: usize) -> usize {
    for _ in 0..3 {
        if start < 2
            || !one_of(
                &["at", "for", "from", "in", "of", "on"],
                tokens[start - 1].text,
            )
        {
            break;
        }
        let mut s = start - 1;
        while s > 0 && start - s < MAX_PHRASE && in_phrase(tokens, s - 1) {
            s -= 1;
            if is_determiner(&tokens[s]) {
                break;
            }
        }
        if s == start - 1 {
            break;
        }
        start = s;
    }
    start
}

fn is_head_noun_span(tokens: &[Token], m: &Mention) -> bool {
    crate::segment::index_at(tokens, m.head.start)
        .map(|i| &tokens[i])
        .filter(|t| t.span == m.head)
        .is_some_and(is_head_noun)
}

/// The phrase ending at `tokens[end]` (exclusive), read leftwards.
fn backward_phrase(tokens: &[Token], end: usize) -> Option<Mention> {
    if end == 0
        || !in_phrase(tokens, end - 1)
        || is_determiner(&tokens[end - 1]) && !is_count_after_determiner(tokens, end - 1)
    {
        return None;
    }
    let mut start = end;
    while start > 0 && end - start < MAX_PHRASE && in_phrase(tokens, start - 1) {
        start -= 1;
        if is_determiner(&tokens[start]) && !is_count_after_determiner(tokens, start) {
            break;
        }
    }
    // Any noun can head a phrase opened by a determiner (`a man`); otherwise the head must be
    // a name or a role, document or source noun.
    let words = tokens[start..end].iter().filter(|t| t.is_word()).count();
    // `Library users said`, `Critics warned`: a bare plural opening its clause, right before
    // a reporting verb, is a group speaking.
    let bare_plural = |start: usize| {
        let head = &tokens[end - 1];
        head.is_word()
            && !head.is_capitalized()
            && head.text.len() > 3
            && head.text.ends_with('s')
            && !head.text.ends_with("ss")
            && words <= 4
            // `62 percent of library users said`: a number may open the clause.
            && (starts_clause(tokens, start)
                || start > 0
                    && tokens[start - 1].text.starts_with(|c: char| c.is_ascii_digit())
                    && starts_clause(tokens, start - 1))
            && tokens
                .get(end)
                .is_some_and(|t| lexicon::is_inflected_verb_token(t))
    };
    if !(can_head(&tokens[end - 1])
        || is_determiner(&tokens[start]) && words <= 4
        || bare_plural(start))
    {
        return None;
    }
    // `the general secretary of the Rail Union`: a role governs the phrase after `of`.
    // `a report for the council`, `a study by two economists`: a document governs it too.
    let governs = |link: &str, head: &str| {
        link == "of" && (contains(lexicon::ROLES, head) || contains(lexicon::TITLES, head))
            || matches!(link, "of" | "for" | "by") && contains(lexicon::DOCUMENTS, head)
    };
    if start >= 2
        && governs(tokens[start - 1].text, tokens[start - 2].text)
        && let Some(role) = backward_phrase(tokens, start - 1)
    {
        return Some(Mention {
            span: role.span.cover(tokens[end - 1].span),
            ..role
        });
    }
    // Before a name only titles, roles and other names belong to the phrase: in
    // "an interview Trump said" the phrase is "Trump".
    let name_start = (start..end)
        .rev()
        .take_while(|&i| {
            is_name_word(&tokens[i])
                || is_joiner_between_names(tokens, i)
                || is_joining_punct(tokens, i)
        })
        .last();
    // `his anti-Muslim remarks`, `anti-Trump messages`: a name after a hyphen ends a compound
    // modifier; the noun it modifies comes after it.
    if name_start.is_some_and(|ns| tokens[ns].is_punct("-")) {
        return None;
    }
    if let Some(ns) = name_start {
        let mut s = ns;
        while s > start && {
            let t = &tokens[s - 1];
            is_name_word(t)
                || is_determiner(t)
                || contains(lexicon::ROLES, t.text)
                || contains(lexicon::TITLES, t.text)
                || is_joining_punct(tokens, s - 1)
                || is_joiner_between_names(tokens, s - 1)
        } {
            s -= 1;
            if is_determiner(&tokens[s]) {
                break;
            }
        }
        start = s;
    }
    let kind = classify(&tokens[start..end]);
    if kind == MentionKind::Description
        && !is_determiner(&tokens[start])
        && !is_head_noun(&tokens[end - 1])
        && !bare_plural(start)
    {
        return None;
    }
    // `Trump's` is half a phrase: its head noun comes after it.
    if is_possessive(&tokens[end - 1]) {
        return None;
    }
    if start == end || (end - start == 1 && is_determiner(&tokens[start])) {
        return None;
    }
    Some(mention(tokens, start, end, kind))
}

fn classify(phrase: &[Token]) -> MentionKind {
    if phrase
        .last()
        .is_some_and(|t| is_name_word(t) || t.text.chars().all(char::is_uppercase))
    {
        MentionKind::Name
    } else {
        MentionKind::Description
    }
}

fn mention(tokens: &[Token], start: usize, end: usize, kind: MentionKind) -> Mention {
    let span = Span::new(tokens[start].span.start, tokens[end - 1].span.end);
    let name = match kind {
        MentionKind::Name => name_in(&tokens[start..end]),
        _ => None,
    };
    Mention {
        span,
        kind,
        name,
        head: tokens[end - 1].span,
        antecedent: None,
    }
}

/// Whether the word `t` is one of `lexicon::TITLES` (`Sen`, `Secretary`). Titles are head
/// nouns: most names are ruled out on their `is_head_noun` memo, without the look-up.
fn is_title_word(t: &Token) -> bool {
    is_head_noun(t) && contains(lexicon::TITLES, t.text)
}

/// The proper name at the end of a phrase, without titles: `Dmitry Peskov` in `Kremlin
/// spokesman Dmitry Peskov`, `John Kerry` in `Secretary of State John Kerry`.
fn name_in(phrase: &[Token]) -> Option<Span> {
    let end = phrase.len();
    let mut start = end;
    while start > 0 {
        let t = &phrase[start - 1];
        let ok = (is_name_word(t)
            && !t.text.ends_with("’s")
            && !t.text.ends_with("'s")
            && !is_title_word(t))
            || (one_of(lexicon::NAME_JOINERS, t.text) && t.text != "of" && start < end);
        if !ok {
            break;
        }
        start -= 1;
    }
    // `Secretary of State John Kerry`: the word after `of` belongs to the title.
    if start > 0 && phrase[start - 1].text == "of" && end - start > 1 {
        start += 1;
    }
    // Names are rarely longer than three words; longer runs hold an organisation's name.
    start = start.max(end.saturating_sub(3));
    (start < end).then(|| Span::new(phrase[start].span.start, phrase[end - 1].span.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens;

    fn toks(text: &str) -> Vec<Token<'_>> {
        tokens(text, Span::new(0, text.len()), &[], &[])
    }

    proptest::proptest! {
        /// Read by bytes, the mark closing a quotation is the one read by characters.
        #[test]
        fn inner_punct_reads_as_by_chars(text in "[a-zA-Z0-9 ,.!?;:'’”“»…—–é\u{a0}\u{1f600}]{0,12}") {
            let t = Token::new(Span::new(0, text.len()), &text, TokenKind::Quote(0));
            proptest::prop_assert_eq!(inner_punct(&t), inner_punct_by_chars(&t));
        }

        /// The contraction tests after the pre-test at the word's end answer as after a scan
        /// of the whole word for an apostrophe.
        #[test]
        fn contractions_as_after_a_scan(word in "(it|he|they|here|who|there|Trump|x|)['’“]?[a-zA-Z'’—é]{0,4}") {
            let scanned = word.bytes().any(|b| b == b'\'' || b == 0xE2);
            let t = Token::new(Span::new(0, word.len()), &word, TokenKind::Word);
            proptest::prop_assert_eq!(is_contraction(&word), scanned && is_contracted(&word));
            proptest::prop_assert_eq!(
                is_pronoun_contraction(&t),
                scanned && is_pronoun_with_auxiliary(&word)
            );
        }
    }

    /// `in_phrase` as it was, its context tests before the memoised ones.
    fn in_phrase_before(tokens: &[Token], i: usize) -> bool {
        let t = &tokens[i];
        match t.kind {
            TokenKind::Word => {
                (i > 0 && tokens[i - 1].text == "-" && is_joining_punct(tokens, i - 1))
                    || (i > 0
                        && is_determiner(&tokens[i - 1])
                        && contains(CALENDAR, t.text)
                        && tokens
                            .get(i + 1)
                            .is_some_and(|n| n.is_word() && !n.is_capitalized()))
                    || is_compound_number(tokens, i)
                    || is_year_after_determiner(tokens, i)
                    || is_name_word(t)
                    || is_common_word_first_name(tokens, i)
                    || is_capitalized_noun(t)
                    || is_modifier(t)
                    || is_determiner(t)
                    || is_joiner_between_names(tokens, i)
            }
            TokenKind::Punct => is_joining_punct(tokens, i),
            TokenKind::Quote(_) => is_title_before_role(tokens, i),
        }
    }

    /// Words of every kind `in_phrase` tells apart, for the property tests.
    const PHRASE_WORDS: &[&str] = &[
        "the",
        "a",
        "The",
        "Wednesday",
        "editorial",
        "46",
        "-",
        "year",
        "old",
        "2008",
        "Clinton",
        "Will",
        "Estrada",
        "said",
        "says",
        "of",
        "Secretary",
        "State",
        "spokesman",
        "Officials",
        "officials",
        "report",
        "in",
        "Sen",
        ".",
        "U.S",
        "’",
        "&",
        "P",
        "G",
        "“Broad City”",
        "star",
        "McCain",
        "de",
        "Report",
        "two",
        "these",
        "It’s",
        "Monday",
        "and",
        ",",
    ];

    proptest::proptest! {
        /// The memoised tests first, `in_phrase` answers as before for every token.
        #[test]
        fn in_phrase_answers_as_before(
            picks in proptest::collection::vec(0..PHRASE_WORDS.len(), 1..10),
            joined in proptest::collection::vec(proptest::bool::ANY, 10),
        ) {
            let mut text = String::new();
            for (k, &p) in picks.iter().enumerate() {
                if k > 0 && !joined[k] {
                    text.push(' ');
                }
                text.push_str(PHRASE_WORDS[p]);
            }
            let (old, new) = (toks(&text), toks(&text));
            for i in 0..old.len() {
                proptest::prop_assert_eq!(in_phrase(&new, i), in_phrase_before(&old, i), "{} at {}", text, i);
            }
        }
    }

    #[test]
    fn inner_punct_finds_the_closing_mark() {
        for (text, want) in [
            ("“We won,”", Some(',')),
            ("“Why?” ", Some('?')),
            ("“Ted Cruz”", None),
            ("“a disgrace.’”", Some('.')),
            ("”", None),
            ("", None),
        ] {
            let t = Token::new(Span::new(0, text.len()), text, TokenKind::Quote(0));
            assert_eq!(inner_punct(&t), want, "{text}");
        }
    }

    #[test]
    fn skipped_lists_hold_only_words() {
        // `skip_between` looks up only word tokens, which start with a letter or digit.
        for list in [lexicon::AUXILIARIES, CALENDAR, lexicon::SENTENCE_ADVERBS] {
            for w in list {
                assert!(w.starts_with(|c: char| c.is_alphanumeric()), "{w}");
            }
        }
    }

    #[test]
    fn skip_between_skips_as_the_lists_do() {
        for (text, end, want) in [
            ("Smith has also said", 3, 1),
            ("Smith repeatedly said", 2, 1),
            ("Smith on Wednesday said", 3, 1),
            ("Smith last week said", 3, 1),
            ("officials, however, said", 4, 1),
            ("Smith himself said", 2, 1),
            ("Smith two weeks ago said", 4, 1),
            ("“We won,” said", 1, 1),
            ("the mayor said", 2, 2),
        ] {
            let t = toks(text);
            assert_eq!(skip_between(&t, end), want, "{text}");
        }
    }

    #[test]
    fn listed_agrees_with_contains() {
        let lists = || LISTED.iter().flat_map(|l| l.iter().copied());
        let mut words: Vec<String> = lists().map(String::from).collect();
        words.extend(lists().map(str::to_ascii_uppercase));
        words.extend(lists().map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        }));
        words.extend(
            [
                "Trump",
                "said",
                "",
                "x",
                "officials",
                "a-very-long-word-beyond-the-buffer-size",
            ]
            .map(String::from),
        );
        for w in &words {
            let want = (0..LISTED.len())
                .filter(|&bit| contains(LISTED[bit], w))
                .fold(0, |bits, bit| bits | 1 << bit);
            assert_eq!(listed(w), want, "{w:?}");
        }
    }

    #[test]
    fn is_alphanumeric_agrees_with_char() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    fn fwd(text: &str) -> Option<(String, Option<String>)> {
        let t = toks(text);
        forward(&t).ok().map(|(_, m)| {
            (
                m.span.text(text).to_string(),
                m.name.map(|n| n.text(text).to_string()),
            )
        })
    }

    fn bwd(text: &str) -> Option<(String, Option<String>)> {
        let t = toks(text);
        backward(&t, t.len()).map(|m| {
            (
                m.span.text(text).to_string(),
                m.name.map(|n| n.text(text).to_string()),
            )
        })
    }

    #[test]
    fn forward_accepts_speakers() {
        assert_eq!(
            fwd("Kremlin spokesman Dmitry Peskov stated at"),
            Some((
                "Kremlin spokesman Dmitry Peskov".into(),
                Some("Dmitry Peskov".into())
            ))
        );
        assert_eq!(
            fwd("Russian state media TASS."),
            Some(("Russian state media TASS".into(), Some("TASS".into())))
        );
        assert_eq!(
            fwd("the statement said"),
            Some(("the statement".into(), None))
        );
        assert_eq!(fwd("he said").map(|x| x.0), Some("he".into()));
        assert_eq!(
            fwd("Sen. Bernie Sanders on Monday").map(|x| x.1),
            Some(Some("Bernie Sanders".into()))
        );
        assert_eq!(
            fwd("Putin reinforced this").map(|x| x.0),
            Some("Putin".into())
        );
    }

    #[test]
    fn verb_after_head_ends_the_phrase() {
        assert_eq!(
            fwd("Moor credited Calloway's crews with").map(|x| x.0),
            Some("Moor".into())
        );
        assert_eq!(
            fwd("his campaign shrugged off Trump's comments").map(|x| x.0),
            Some("his campaign".into())
        );
        // A past participle inside a compound, or after a possessive, is a modifier.
        assert_eq!(
            fwd("the Trump-appointed judge said").map(|x| x.0),
            Some("the Trump-appointed judge".into())
        );
        let t = toks("Sanders credited Mayor Reid's embattled budget");
        assert!(is_verb_after_head(&t, 1));
        assert!(!is_verb_after_head(&t, 4));
    }

    #[test]
    fn a_year_after_a_determiner_is_a_modifier() {
        assert_eq!(
            fwd("a 2008 Clinton veteran.").map(|x| x.0),
            Some("a 2008 Clinton veteran".into())
        );
        assert_eq!(
            bwd("the 2012 nominee").map(|x| x.0),
            Some("the 2012 nominee".into())
        );
        let t = toks("a 2008 veteran in 2008 a 300 a 20088");
        assert!(is_year_after_determiner(&t, 1));
        assert!(!is_year_after_determiner(&t, 4));
        assert!(!is_year_after_determiner(&t, 6));
        assert!(!is_year_after_determiner(&t, 8));
    }

    #[test]
    fn bare_verb_after_a_plural_ends_the_phrase() {
        assert_eq!(
            fwd("the groups say.").map(|x| x.0),
            Some("the groups".into())
        );
        let t = toks("the groups say his press secretary say the state report");
        assert!(is_bare_verb_after_plural(&t, 2));
        // After a singular or a name, the lemma may be a noun or modifier.
        assert!(!is_bare_verb_after_plural(&t, 6));
        assert!(!is_bare_verb_after_plural(&t, 9));
    }

    #[test]
    fn a_count_after_a_determiner_belongs_to_the_phrase() {
        assert_eq!(fwd("the two write.").map(|x| x.0), Some("the two".into()));
        assert_eq!(
            fwd("the two men said").map(|x| x.0),
            Some("the two men".into())
        );
        assert_eq!(bwd("The two").map(|x| x.0), Some("The two".into()));
        let t = toks("the two these three a two the one two");
        assert!(is_count_after_determiner(&t, 1));
        assert!(is_count_after_determiner(&t, 3));
        // Not after an indefinite, not `one`, not at the start.
        assert!(!is_count_after_determiner(&t, 5));
        assert!(!is_count_after_determiner(&t, 7));
        assert!(!is_count_after_determiner(&t, 0));
    }

    #[test]
    fn forward_accepts_a_lone_count() {
        assert_eq!(fwd("one.").map(|x| x.0), Some("one".into()));
        assert_eq!(
            fwd("another, in green paint").map(|x| x.0),
            Some("another".into())
        );
        // Other determiners still need a noun.
        assert_eq!(fwd("some."), None);
        assert_eq!(fwd("the,"), None);
    }

    #[test]
    fn forward_rejects_non_speakers() {
        assert_eq!(fwd("in a statement"), None);
        assert_eq!(fwd("Monday"), None);
        assert_eq!(fwd("with both leaders"), None);
        assert_eq!(fwd("the"), None);
    }

    #[test]
    fn backward_accepts_subjects() {
        assert_eq!(
            bwd("During the call, the Russian leader").map(|x| x.0),
            Some("the Russian leader".into())
        );
        assert_eq!(
            bwd("In an interview Trump").map(|x| x.0),
            Some("Trump".into())
        );
        assert_eq!(
            bwd("Maria Lopez, the city’s chief auditor,"),
            Some((
                "Maria Lopez, the city’s chief auditor".into(),
                Some("Maria Lopez".into())
            ))
        );
        assert_eq!(bwd("he also").map(|x| x.0), Some("he".into()));
        assert_eq!(
            bwd("Secretary of State John Kerry").map(|x| x.1),
            Some(Some("John Kerry".into()))
        );
        assert_eq!(bwd("officials").map(|x| x.0), Some("officials".into()));
        // A role after a possessive name, with no determiner: a listed role heads it.
        assert_eq!(
            bwd("Okafor's counsel").map(|x| x.0),
            Some("Okafor's counsel".into())
        );
        // A long description needs a listed head: an outlet speaks.
        assert_eq!(
            bwd("the nationalist Global Times tabloid").map(|x| x.0),
            Some("the nationalist Global Times tabloid".into())
        );
        assert_eq!(
            bwd("the Ashby-Fenwick").map(|x| x.0),
            Some("the Ashby-Fenwick".into())
        );
    }

    #[test]
    fn who_after_a_dash_stands_for_the_name_before_it() {
        let text = "Councillor Priya Shah — who";
        let t = toks(text);
        let m = backward(&t, t.len()).expect("relative pronoun");
        assert_eq!(m.span.text(text), "who");
        assert_eq!(
            m.antecedent.map(|(s, _)| s.text(text)),
            Some("Councillor Priya Shah")
        );
        let t = toks("Shah - who anti-who");
        assert!(opens_aside(&t, 1));
        // A hyphen joining two words opens nothing.
        assert!(!opens_aside(&t, 4));
        // Without a comma or dash the clause only narrows: no antecedent.
        let text = "a surrogate who";
        let t = toks(text);
        assert!(backward(&t, t.len()).is_none_or(|m| m.antecedent.is_none()));
    }

    #[test]
    fn who_right_after_a_name_stands_for_it() {
        let text = "this tweet from Rikkie Wells who";
        let t = toks(text);
        let m = backward(&t, t.len()).expect("relative pronoun");
        assert_eq!(
            m.antecedent.map(|(s, _)| s.text(text)),
            Some("Rikkie Wells")
        );
        // After a common noun the clause narrows it: no antecedent.
        let text = "the protesters who";
        let t = toks(text);
        assert!(backward(&t, t.len()).is_none_or(|m| m.antecedent.is_none()));
    }

    #[test]
    fn a_quantity_after_so_or_yet_opens_its_clause() {
        assert_eq!(bwd("Yet another").map(|x| x.0), Some("another".into()));
        assert_eq!(bwd("So several").map(|x| x.0), Some("several".into()));
        let t = toks("Yet another the another");
        assert!(starts_clause(&t, 1));
        assert!(!starts_clause(&t, 3));
    }

    #[test]
    fn extend_left_crosses_place_and_group_links() {
        let t = toks("Another delegate on the Cruz slate");
        assert_eq!(extend_left(&t, 3), 0);
        let t = toks("a woman from Ohio");
        assert_eq!(extend_left(&t, 3), 0);
        // Not across other words: `said to the Cruz slate`.
        let t = toks("said to the Cruz slate");
        assert_eq!(extend_left(&t, 2), 2);
        assert_eq!(
            bwd("Another delegate on the Cruz slate, Jim Poolman,").map(|x| x.0),
            Some("Another delegate on the Cruz slate, Jim Poolman".into())
        );
    }

    #[test]
    fn backward_rejects_non_subjects() {
        assert_eq!(bwd("went to the"), None);
        assert_eq!(bwd("said his anti-Ashby"), None);
        assert_eq!(bwd("and"), None);
        assert_eq!(bwd("it is important"), None);
    }
}
