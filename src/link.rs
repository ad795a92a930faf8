//! Stage 4: each quotation to its cue and speaker, with the reason it linked, and each speaker
//! to a name (pronoun → person, surname → full name, role → the person given that role).
//!
//! The grammar looks inside one sentence; this stage adds what lies outside it: an earlier quote
//! of the same paragraph, a paragraph ending in a colon, the previous paragraph's speaker.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::grammar::attribution::{self, Cue, Pattern};
use crate::grammar::lexicon::{self, Gender, WordTable, contains};
use crate::grammar::quote::{self, Family, Quote, StrayClose};
use crate::grammar::speaker::{Mention, MentionKind};
use crate::markup::{self, Region};
use crate::segment::{self, Paragraph, Token};
use crate::source::Format;
use crate::span::Span;

/// Speech, or a quoted term (scare quotes, titles, nicknames) that needs no speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Speech,
    Term,
}

/// Why a quotation is linked to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// A cue in the quotation's own sentence (the grammar's pattern says which).
    SameSentence,
    /// The subject of the sentence the quoted fragment stands in.
    SentenceSubject,
    /// A cue in the sentence before, in the same paragraph (`Smith agreed. “…”`).
    PreviousSentence,
    /// An earlier quotation of the same paragraph, or a later one of the same sentence.
    PreviousQuote,
    /// The previous paragraph ends with a colon after its cue (`Ramirez put it bluntly:`).
    Colon,
    /// The paragraph opens with a quotation continuing the previous paragraph's speaker.
    PreviousParagraph,
    /// A quote-only paragraph before a paragraph that opens with the same speaker's words.
    NextParagraph,
    /// Dialogue: the turn returns to the speaker of the quotation two paragraphs back.
    Alternation,
    /// The markup names the source: `<blockquote cite="…">`, `<q cite="…">`.
    Cite,
}

/// How the speaker's name was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// The mention holds the name.
    AsWritten,
    /// A surname completed from its first full mention.
    Surname,
    /// A pronoun bound to the nearest compatible person.
    Pronoun,
    /// A role or description bound to the person introduced with it.
    Role,
    /// No name could be given.
    Unresolved,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub mention: Span,
    pub kind: MentionKind,
    pub name: Option<String>,
    pub resolution: Resolution,
    /// Other people the mention could as well refer to (a pronoun with two candidates).
    pub alternatives: Vec<String>,
    /// The phrase a relative pronoun (`who`) stands for, and its kind.
    pub antecedent: Option<(Span, MentionKind)>,
}

/// A quotation with everything known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub quote: Quote,
    pub kind: QuoteKind,
    pub cue: Option<Span>,
    pub pattern: Option<Pattern>,
    pub speaker: Option<Speaker>,
    pub basis: Option<Basis>,
}

impl Attribution {
    pub fn attributed(&self) -> bool {
        self.speaker.is_some()
    }
}

/// The analysed document: what the rules and outputs read.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub quotes: Vec<Attribution>,
    pub strays: Vec<StrayClose>,
    /// Configured phrases that mark an unnamed source (lower case), for the anonymous-source
    /// rule; empty without a configuration.
    pub anonymous_phrases: Vec<String>,
}

/// The tokens and sentence starts of one paragraph.
struct Tokenized<'a> {
    tokens: Vec<Token<'a>>,
    starts: Vec<usize>,
}

impl Tokenized<'_> {
    /// The sentence (token range) holding token `i`.
    fn sentence_of(&self, i: usize) -> (usize, usize) {
        let k = self.starts.partition_point(|&s| s <= i);
        let s = self.starts[k - 1];
        let e = self.starts.get(k).copied().unwrap_or(self.tokens.len());
        (s, e)
    }

    /// The token of quotation `n`, whose part here starts at byte `at` (`part_start`): found by
    /// a binary search of the tokens' starts, not from a list of the quote tokens built for
    /// every paragraph. (A paragraph holds one token of each of its quotations.)
    fn quote_token(&self, n: usize, at: usize) -> Option<usize> {
        match segment::index_at(&self.tokens, at) {
            Some(i) if self.tokens[i].quote() == Some(n) => Some(i),
            _ => self.tokens.iter().position(|t| t.quote() == Some(n)),
        }
    }
}

/// Tokenizes paragraphs on demand, with each quotation as one token.
struct Paragraphs<'a, 'd> {
    text: &'a str,
    paragraphs: &'d [Paragraph],
    regions: &'d [Region],
    /// Quotation parts, paragraph by paragraph: (span, quote number); paragraph `p`'s are
    /// `parts[part_starts[p]..part_starts[p + 1]]`. One list, not a list per paragraph: most
    /// paragraphs' were allocated for one or two parts.
    parts: Vec<(Span, usize)>,
    part_starts: Vec<usize>,
    quotes: &'d [Quote],
    /// Each paragraph's tokens once made: indexed by paragraph, not hashed.
    cache: Vec<Option<Tokenized<'a>>>,
    /// In a document that can have more than [`CACHED_TOKENS`] tokens: the cached paragraphs in
    /// the order they were made and their tokens in all, the oldest dropped past the limit, so
    /// that a document of many megabytes is not held as tokens (56 bytes a word) all at once.
    made: std::collections::VecDeque<usize>,
    made_tokens: usize,
    /// [`CACHED_TOKENS`], but in tests.
    limit: usize,
}

/// The tokens the person scan first makes room for (28 KB).
const FRESH_TOKENS: usize = 512;

/// The people named in a window the person scan first makes room for.
const SEEN_PEOPLE: usize = 16;

/// The tokens a document keeps cached (about 3.5 MB): a news article has a few thousand. A
/// token is at least a byte long, so a shorter document never reaches it.
const CACHED_TOKENS: usize = 1 << 16;

impl<'a, 'd> Paragraphs<'a, 'd> {
    fn new(
        text: &'a str,
        paragraphs: &'d [Paragraph],
        regions: &'d [Region],
        quotes: &'d [Quote],
        limit: usize,
    ) -> Self {
        // Counted first, then placed, each paragraph's parts in quote order.
        let spanned = |q: &Quote| q.first_paragraph..(q.last_paragraph + 1).min(paragraphs.len());
        let mut part_starts = vec![0; paragraphs.len() + 1];
        for q in quotes {
            for p in spanned(q) {
                part_starts[p + 1] += 1;
            }
        }
        for p in 0..paragraphs.len() {
            part_starts[p + 1] += part_starts[p];
        }
        let mut next = part_starts.clone();
        let mut parts = vec![(Span::new(0, 0), 0); part_starts[paragraphs.len()]];
        for (n, q) in quotes.iter().enumerate() {
            for p in spanned(q) {
                let ps = paragraphs[p].span;
                let end = q.span.end.min(ps.end);
                parts[next[p]] = (Span::new(part_start(paragraphs, q, p), end), n);
                next[p] += 1;
            }
        }
        Paragraphs {
            text,
            paragraphs,
            regions,
            parts,
            part_starts,
            quotes,
            cache: std::iter::repeat_with(|| None)
                .take(paragraphs.len())
                .collect(),
            made: std::collections::VecDeque::new(),
            made_tokens: 0,
            limit,
        }
    }

    /// The quotation parts of paragraph `p`.
    fn parts_of(&self, p: usize) -> &[(Span, usize)] {
        &self.parts[self.part_starts[p]..self.part_starts[p + 1]]
    }

    /// Where quotation `n`'s part in paragraph `p` starts.
    fn part_start(&self, n: usize, p: usize) -> usize {
        part_start(self.paragraphs, &self.quotes[n], p)
    }

    fn get(&mut self, p: usize) -> &Tokenized<'a> {
        let (text, paragraphs, regions, quotes) =
            (self.text, self.paragraphs, self.regions, self.quotes);
        if self.made_tokens > self.limit && self.cache[p].is_none() {
            // Room first, from the oldest: the paragraph made now may take the cache past the
            // limit by itself, but no further.
            while self.made_tokens > self.limit / 2
                && let Some(old) = self.made.pop_front()
            {
                let dropped = self.cache[old].take();
                self.made_tokens -= dropped.map_or(0, |t| t.tokens.len());
            }
        }
        let (parts, part_starts) = (&self.parts, &self.part_starts);
        let (made, made_tokens, limit) = (&mut self.made, &mut self.made_tokens, self.limit);
        self.cache[p].get_or_insert_with(|| {
            let parts = &parts[part_starts[p]..part_starts[p + 1]];
            let tokens = tokenize(text, paragraphs, regions, parts, p);
            let starts =
                segment::sentence_starts(&tokens, |n| quote_ends_sentence(text, &quotes[n]));
            if text.len() > limit {
                *made_tokens += tokens.len();
                made.push_back(p);
            }
            Tokenized { tokens, starts }
        })
    }
}

/// Where quotation `q`'s part in paragraph `p` (one it spans) starts.
fn part_start(paragraphs: &[Paragraph], q: &Quote, p: usize) -> usize {
    q.span.start.max(paragraphs[p].span.start)
}

/// The tokens of paragraph `p`, each of its quotation parts one token.
fn tokenize<'a>(
    text: &'a str,
    paragraphs: &[Paragraph],
    regions: &[Region],
    parts: &[(Span, usize)],
    p: usize,
) -> Vec<Token<'a>> {
    let para = paragraphs[p];
    segment::tokens(text, para.span, parts, &regions[para.region].masked)
}

/// The tokens of the paragraph `span` (with quotation parts `atoms` and `masked` bytes) that
/// start in `from..at`, among others: a paragraph without quotation parts is tokenized from the
/// last space before `from` to the first space from `at` on, where the tokenizer always breaks,
/// so that the tokens there are those of the whole paragraph. Into `out`, cleared first.
fn tokenize_part<'a>(
    text: &'a str,
    span: Span,
    atoms: &[(Span, usize)],
    masked: &[Span],
    from: usize,
    at: usize,
    out: &mut Vec<Token<'a>>,
) {
    let b = text.as_bytes();
    // (A quotation part may hold spaces: a paragraph with one is tokenized whole.)
    let (start, end) = if atoms.is_empty() {
        let start = match from > span.start {
            true => memchr::memrchr(b' ', &b[span.start..from.min(span.end)])
                .map_or(span.start, |i| span.start + i),
            false => span.start,
        };
        let end = match at < span.end {
            true => memchr::memchr(b' ', &b[at.max(start)..span.end])
                .map_or(span.end, |i| at.max(start) + i),
            false => span.end,
        };
        (start, end)
    } else {
        (span.start, span.end)
    };
    segment::tokens_into(text, Span::new(start, end), atoms, masked, out);
}

/// A quotation closes its sentence when its words end with `.`, `!` or `?`.
fn quote_ends_sentence(text: &str, q: &Quote) -> bool {
    q.close.is_some()
        && q.content()
            .text(text)
            .trim_end()
            .ends_with(['.', '!', '?', '…'])
}

/// Analyses one document.
pub fn analyse(text: &str, format: Format) -> Analysis {
    analyse_caching(text, format, CACHED_TOKENS)
}

/// [`analyse`], keeping up to `limit` tokens cached (tests drop them all).
fn analyse_caching(text: &str, format: Format, limit: usize) -> Analysis {
    let markup = markup::read(text, format);
    let regions = &markup.regions;
    let paragraphs = segment::paragraphs(text, regions);
    let (quotes, strays) = quote::find(text, &paragraphs, &markup);
    let mut paras = Paragraphs::new(text, &paragraphs, regions, &quotes, limit);

    // Pass 1: the cue in each quotation's own sentence, and whether it is speech.
    let mut found: Vec<(Option<Cue>, QuoteKind)> = Vec::with_capacity(quotes.len());
    for (n, q) in quotes.iter().enumerate() {
        let cue = same_sentence(&mut paras, n, q);
        // A quoted term may still be a fragment of someone's words (`Clinton blamed the “fog
        // of war”`): pass 2 decides, looking only inside its sentence.
        let kind = if cue.is_none() && is_term(text, &mut paras, n, q) {
            QuoteKind::Term
        } else {
            QuoteKind::Speech
        };
        found.push((cue, kind));
    }

    let dialogue = is_dialogue(text, &paragraphs, &quotes, &found);

    // Pass 2: quotations without a cue of their own borrow one from their context.
    let mut out: Vec<Attribution> = Vec::with_capacity(quotes.len());
    for (n, q) in quotes.iter().enumerate() {
        let (cue, kind) = found[n];
        let mut a = Attribution {
            quote: q.clone(),
            kind,
            cue: None,
            pattern: None,
            speaker: None,
            basis: None,
        };
        if let Some(c) = cue {
            link(&mut a, c.span, c.pattern, c.speaker, Basis::SameSentence);
        } else {
            context(&mut paras, &quotes, &found, &out, n, &mut a, dialogue);
            // `<blockquote cite="…">`: the markup names the source.
            if a.speaker.is_none()
                && let Some(cite) = q.cite
            {
                a.speaker = Some(Speaker {
                    mention: cite,
                    kind: MentionKind::Description,
                    name: Some(cite.text(text).to_string()),
                    resolution: Resolution::AsWritten,
                    alternatives: Vec::new(),
                    antecedent: None,
                });
                a.basis = Some(Basis::Cite);
            }
            if a.speaker.is_some() {
                a.kind = QuoteKind::Speech;
            }
        }
        out.push(a);
    }

    // A quote-only paragraph whose speaker is named with the next paragraph's quotation:
    // `“A.”` / `“B,” Viguerie notes.`
    for n in (0..out.len().saturating_sub(1)).rev() {
        let (head, tail) = out.split_at_mut(n + 1);
        let (a, next) = (&mut head[n], &tail[0]);
        let p = a.quote.last_paragraph;
        let whole_paragraph = paragraphs[a.quote.first_paragraph].span.start == a.quote.span.start
            && paragraphs[p].span.end == a.quote.span.end;
        let next_opens = paragraphs
            .get(p + 1)
            .is_some_and(|np| np.span.start == next.quote.span.start);
        if a.speaker.is_none()
            && a.kind == QuoteKind::Speech
            && a.quote.closed()
            && whole_paragraph
            && next_opens
            && next.basis == Some(Basis::SameSentence)
        {
            if !dialogue {
                inherit(a, next, Basis::NextParagraph);
                continue;
            }
            // In dialogue the next turn is the other person's: this one is whoever spoke last
            // before it and is not the next speaker.
            let key = next.speaker.as_ref().map(|s| s.mention.text(text));
            let recent = head[..n].iter().rev().take(LOOK_BACK_QUOTES);
            if let Some(other) = last_other_speaker(recent, text, key).cloned() {
                inherit(&mut head[n], &other, Basis::Alternation);
            }
        }
    }

    // A quotation closing its paragraph, signed by the next: `“…”` / `— Hillary Clinton.`
    // Earlier speech of the same paragraph shares the signature.
    for n in (0..out.len()).rev() {
        let a = &out[n];
        // A signature outranks a guess from the paragraphs around.
        let weak = matches!(
            a.basis,
            None | Some(Basis::PreviousParagraph | Basis::Alternation)
        );
        if !weak || a.kind != QuoteKind::Speech || !a.quote.closed() {
            continue;
        }
        let p = a.quote.last_paragraph;
        if let Some(next) = out.get(n + 1)
            && next.quote.first_paragraph == p
            && next.pattern == Some(Pattern::Byline)
        {
            let next = next.clone();
            inherit(&mut out[n], &next, Basis::NextParagraph);
            continue;
        }
        // (A quotation the HTML declares may end with its closing tag past the paragraph's
        // text: then nothing follows it there.)
        let end = paragraphs[p].span.end;
        let tail = text.get(a.quote.span.end.min(end)..end).unwrap_or_default();
        if tail.trim().chars().all(|c| matches!(c, '.' | ',')) && p + 1 < paragraphs.len() {
            let next = paras.get(p + 1);
            if let Some((dash, m)) = attribution::byline(&next.tokens) {
                link(&mut out[n], dash, Pattern::Byline, m, Basis::NextParagraph);
            }
        }
    }

    // Pass 3: names.
    let mut names = Names::new(paras);
    for a in &mut out {
        if let Some(sp) = a.speaker.as_mut() {
            names.resolve(sp);
        }
    }
    if dialogue {
        realternate(&paragraphs, &mut out);
    }
    Analysis {
        quotes: out,
        strays,
        anonymous_phrases: Vec::new(),
    }
}

fn link(a: &mut Attribution, cue: Span, pattern: Pattern, m: Mention, basis: Basis) {
    a.cue = Some(cue);
    a.pattern = Some(pattern);
    a.basis = Some(basis);
    a.speaker = Some(Speaker {
        mention: m.span,
        kind: m.kind,
        name: None,
        resolution: Resolution::Unresolved,
        alternatives: Vec::new(),
        antecedent: m.antecedent,
    });
    // Names are filled in pass 3, from the mention's text.
}

/// The cue in the quotation's own sentence: after its closing mark in its last paragraph, or
/// around its opening mark in its first.
fn same_sentence(paras: &mut Paragraphs, n: usize, q: &Quote) -> Option<Cue> {
    if q.last_paragraph != q.first_paragraph {
        let at = paras.part_start(n, q.last_paragraph);
        let last = paras.get(q.last_paragraph);
        if let Some(i) = last.quote_token(n, at)
            && let Some(c) = attribution::find(&last.tokens, (i, last.sentence_of(i).1), i)
        {
            return Some(c);
        }
    }
    let at = paras.part_start(n, q.first_paragraph);
    let first = paras.get(q.first_paragraph);
    let i = first.quote_token(n, at)?;
    attribution::find(&first.tokens, first.sentence_of(i), i)
}

/// How many neighbouring quotations (or tokens) a quotation looks through for a speaker.
const LOOK_BACK_QUOTES: usize = 50;

/// Links a quotation from its surroundings, in order of reliability.
fn context(
    paras: &mut Paragraphs,
    quotes: &[Quote],
    found: &[(Option<Cue>, QuoteKind)],
    done: &[Attribution],
    n: usize,
    a: &mut Attribution,
    dialogue: bool,
) {
    let q = &quotes[n];
    let p = q.first_paragraph;
    let term = a.kind == QuoteKind::Term;
    // An earlier quotation of the same paragraph: `“A,” she said. “B.”`
    if term {
        // A term borrows no speaker from other quotations.
    } else if let Some(prev) = done
        .iter()
        .rev()
        .take_while(|d| d.quote.last_paragraph == p)
        // Bounded, so that a paragraph of a million marks stays linear.
        .take(LOOK_BACK_QUOTES)
        .find(|d| d.speaker.is_some())
        .filter(|d| !has_own_subject(paras, p, n, d.quote.span.start))
    {
        inherit(a, prev, Basis::PreviousQuote);
        return;
    }
    // A later quotation of the same sentence: `“A” and “B,” she said.`
    let text = paras.text;
    let at = paras.part_start(n, p);
    let tk = paras.get(p);
    if let Some(i) = tk.quote_token(n, at) {
        let (_, e) = tk.sentence_of(i);
        let later = tk.tokens[i + 1..e.min(i + 1 + LOOK_BACK_QUOTES)]
            .iter()
            .filter_map(Token::quote)
            .find_map(|m| found.get(m).and_then(|f| f.0));
        if let Some(c) = later {
            link(a, c.span, c.pattern, c.speaker, Basis::PreviousQuote);
            return;
        }
        // A fragment inside a sentence: the sentence's subject said it.
        // (`Clinton endorsed the deal, although she made it clear that she has “…”`: a person
        // opening the quote's own clause comes first.)
        let (s, _) = tk.sentence_of(i);
        // (`… over her remark that “…”`: whoever made the remark.)
        let clause = attribution::utterance_owner(&tk.tokens, s, i)
            .or_else(|| attribution::clause_person(&tk.tokens, s, i));
        if i > s + 1
            && let Some(m) = clause.or_else(|| attribution::subject(&tk.tokens, s, i))
            && (m.kind != MentionKind::Description || is_source_noun(m.head.text(text)))
        {
            link(
                a,
                m.span,
                Pattern::SpeakerVerbQuote,
                m,
                Basis::SentenceSubject,
            );
            a.cue = None;
            a.pattern = None;
            return;
        }
        // The sentence before, in the same paragraph, says who speaks and quotes nothing:
        // `Iowa State University's Dianne Bystrom agreed. “Mainstream Republicans …”`
        if !term
            && s > 0
            && let (ps, pe) = tk.sentence_of(s - 1)
            && tk.tokens[ps..pe].iter().all(|t| t.quote().is_none())
            && let Some(c) = attribution::find(&tk.tokens, (ps, pe), pe - 1)
            && c.speaker.kind != MentionKind::Description
        {
            link(a, c.span, c.pattern, c.speaker, Basis::PreviousSentence);
            return;
        }
    }
    let starts_paragraph = paras.paragraphs[p].span.start == q.open.start;
    if term || p == 0 {
        return;
    }
    // The previous paragraph introduces it: `Ramirez put it bluntly:`, `According to Jack
    // Kelly, writing for RealClearPolitics:` (the whole next paragraph is the excerpt).
    let prev = paras.get(p - 1);
    if prev.tokens.last().is_some_and(|t| t.is_punct(":")) {
        let end = prev.tokens.len() - 1;
        let (s, _) = prev.sentence_of(end);
        if let Some(c) = attribution::find(&prev.tokens, (s, end + 1), end) {
            link(a, c.span, c.pattern, c.speaker, Basis::Colon);
            return;
        }
        if let Some(m) = attribution::subject(&prev.tokens, s, end) {
            link(a, prev.tokens[end].span, Pattern::Colon, m, Basis::Colon);
            return;
        }
    }
    if !starts_paragraph {
        return;
    }
    // Dialogue: two paragraphs opening with quotations by different speakers, then one with
    // no cue: the turn goes back to the first (`“A,” said Owl.` / `“B,” said Pooh.` / `“C.”`).
    let opening = |q: usize| {
        done.iter().rev().take(8).find(|d| {
            d.quote.first_paragraph == q
                && paras.paragraphs[q].span.start == d.quote.open.start
                && d.speaker.is_some()
        })
    };
    // (In news the same layout is one speaker quoted at length: only dialogue, or a question
    // and its answer, alternates.)
    let asks = |d: &Attribution| d.quote.content().text(paras.text).trim_end().ends_with('?');
    if p >= 2
        && let (Some(one), Some(two)) = (opening(p - 1), opening(p - 2))
        && (dialogue || asks(a) || asks(one))
        && let (Some(s1), Some(s2)) = (&one.speaker, &two.speaker)
        && !s1
            .mention
            .text(paras.text)
            .eq_ignore_ascii_case(s2.mention.text(paras.text))
    {
        inherit(a, two, Basis::Alternation);
        return;
    }
    // In dialogue an uncued turn answers the turn before: the last other person who spoke
    // (`“A,” said Marilla.` / `“B.”` is Anne's, if Anne spoke last before Marilla).
    if dialogue
        && p >= 1
        && let Some(one) = opening(p - 1)
        && let Some(s1) = &one.speaker
    {
        let key = s1.mention.text(paras.text);
        let earlier = done
            .iter()
            .rev()
            .take(LOOK_BACK_QUOTES)
            .filter(|d| d.quote.last_paragraph < p - 1);
        if let Some(other) = last_other_speaker(earlier, paras.text, Some(key)) {
            inherit(a, other, Basis::Alternation);
            return;
        }
    }
    // The previous paragraph's speaker goes on: a quote-only paragraph after a quoted one.
    if let Some(prev) = done
        .iter()
        .rev()
        .take_while(|d| d.quote.last_paragraph + 1 >= p)
        .take(LOOK_BACK_QUOTES)
        .find(|d| d.quote.last_paragraph + 1 == p && d.speaker.is_some())
    {
        inherit(a, prev, Basis::PreviousParagraph);
        return;
    }
    // A paragraph about someone speaking, then their words: `Richards also spoke about the
    // case.` / `“Roe v. Wade is the law of the land …”`
    // Scare quotes and titles there (`What “go after them” means …`) quote nobody.
    let prev = paras.get(p - 1);
    let only_terms = prev
        .tokens
        .iter()
        .filter_map(Token::quote)
        .all(|m| found.get(m).is_some_and(|f| f.1 == QuoteKind::Term));
    if only_terms && !prev.tokens.is_empty() {
        let last = prev.tokens.len() - 1;
        let sentences = [prev.sentence_of(last), prev.sentence_of(0)];
        for (s, e) in sentences {
            if let Some(c) = attribution::find(&prev.tokens, (s, e), e - 1)
                && c.speaker.kind != MentionKind::Description
            {
                link(a, c.span, c.pattern, c.speaker, Basis::PreviousParagraph);
                return;
            }
        }
        // A one-sentence paragraph about a person, then their words: `Rubio disagreed.` /
        // `Sanders wasn’t impressed.` / `“…”`. Not a bare credit line (`Getty.`).
        if prev.starts.len() == 1
            && prev.tokens.len() <= 16
            && let Some(m) = attribution::subject(&prev.tokens, 0, prev.tokens.len())
            && m.kind == MentionKind::Name
            // A person: a full name, or a surname whose full name came before (not `Fares`).
            && (m.span.text(text).contains(' ')
                || find_full_name(text, m.span.text(text), m.span.start).is_some())
            // A verb follows the name: `Tomasz Wren, 41, fruit and vegetables.` only signs.
            && prev
                .tokens
                .iter()
                .find(|t| t.span.start >= m.span.end)
                .is_some_and(|t| t.is_word())
        {
            let span = m.span;
            link(
                a,
                span,
                Pattern::SpeakerVerbQuote,
                m,
                Basis::PreviousParagraph,
            );
            a.cue = None;
            a.pattern = None;
        }
    }
}

/// Does quotation `n` stand in a later sentence than an earlier quotation (at `prev`) of its
/// paragraph, with a person or source of its own as subject? `“A,” Smith said. He called the
/// plan “B.”`: the new sentence names its speaker (`He`), who goes before the earlier speaker.
fn has_own_subject(paras: &mut Paragraphs, p: usize, n: usize, prev: usize) -> bool {
    let text = paras.text;
    let at = paras.part_start(n, p);
    let tk = paras.get(p);
    let Some(i) = tk.quote_token(n, at) else {
        return false;
    };
    let (s, _) = tk.sentence_of(i);
    if i <= s + 1 || tk.tokens[s].span.start <= prev {
        return false;
    }
    let clause = attribution::clause_person(&tk.tokens, s, i);
    clause
        .or_else(|| attribution::subject(&tk.tokens, s, i))
        .is_some_and(|m| match m.kind {
            MentionKind::Pronoun => contains(&["he", "she", "they"], m.span.text(text)),
            MentionKind::Name => true,
            MentionKind::Description => is_source_noun(m.head.text(text)),
        })
}

/// The most recent of `recent` (newest first) with a speaker written other than `key`: in
/// dialogue, the other party to a turn.
fn last_other_speaker<'a>(
    mut recent: impl Iterator<Item = &'a Attribution>,
    text: &str,
    key: Option<&str>,
) -> Option<&'a Attribution> {
    recent.find(|d| {
        d.speaker
            .as_ref()
            .is_some_and(|s| key.is_none_or(|k| !s.mention.text(text).eq_ignore_ascii_case(k)))
    })
}

/// Dialogue turns taken by alternation, redone once names are known (`she` and `Anne` are one
/// person; a mention's words could not tell): each uncued turn goes to the speaker two
/// paragraphs back if that is someone else, or else to the last other person who spoke.
fn realternate(paragraphs: &[segment::Paragraph], out: &mut [Attribution]) {
    let name = |a: &Attribution| a.speaker.as_ref().and_then(|s| s.name.clone());
    for n in 0..out.len() {
        if out[n].basis != Some(Basis::Alternation) {
            continue;
        }
        let p = out[n].quote.first_paragraph;
        let opening = |q: usize| {
            out[..n].iter().rev().take(8).position(|d| {
                d.quote.first_paragraph == q
                    && paragraphs[q].span.start == d.quote.open.start
                    && d.speaker.as_ref().is_some_and(|s| s.name.is_some())
            })
        };
        let Some(one) = p.checked_sub(1).and_then(opening).map(|k| n - 1 - k) else {
            continue;
        };
        let first = name(&out[one]).unwrap_or_default();
        let two = p.checked_sub(2).and_then(opening).map(|k| n - 1 - k);
        let pick = two
            .filter(|&k| !same_person(&name(&out[k]).unwrap_or_default(), &first))
            .or_else(|| {
                (0..one)
                    .rev()
                    .take(LOOK_BACK_QUOTES)
                    .find(|&k| name(&out[k]).is_some_and(|other| !same_person(&other, &first)))
            });
        if let Some(k) = pick {
            let from = out[k].clone();
            inherit(&mut out[n], &from, Basis::Alternation);
        }
    }
}

/// `Anne` and `Anne Shirley`, `Mr. Darcy` and `Darcy`: one shares the other's last word.
fn same_person(a: &str, b: &str) -> bool {
    let last = |s: &str| {
        s.split_whitespace()
            .last()
            .unwrap_or_default()
            .to_lowercase()
    };
    let has = |s: &str, w: &str| s.split_whitespace().any(|x| x.eq_ignore_ascii_case(w));
    a.eq_ignore_ascii_case(b) || has(a, &last(b)) || has(b, &last(a))
}

/// Exchanges that make a document a dialogue (a novel, a transcript) rather than an article:
/// news has at most a handful of consecutive paragraphs opened by different speakers' quotes.
const DIALOGUE_EXCHANGES: usize = 20;

/// Is the document a dialogue? Counts pairs of consecutive paragraphs that both open with a
/// quotation cued to a speaker, by different speakers.
fn is_dialogue(
    text: &str,
    paragraphs: &[segment::Paragraph],
    quotes: &[Quote],
    found: &[(Option<Cue>, QuoteKind)],
) -> bool {
    let mut last: Option<(usize, &str)> = None;
    let mut exchanges = 0;
    for (q, (cue, _)) in quotes.iter().zip(found) {
        let p = q.first_paragraph;
        let Some(c) = cue else { continue };
        if paragraphs[p].span.start != q.open.start {
            continue;
        }
        let who = c.speaker.span.text(text);
        if let Some((lp, lw)) = last
            && lp + 1 == p
            && !lw.eq_ignore_ascii_case(who)
        {
            exchanges += 1;
            if exchanges >= DIALOGUE_EXCHANGES {
                return true;
            }
        }
        last = Some((p, who));
    }
    false
}

/// Nouns that can speak: roles, documents, organisations, sources.
fn is_source_noun(word: &str) -> bool {
    contains(lexicon::ROLES, word)
        || contains(lexicon::DOCUMENTS, word)
        || contains(lexicon::TITLES, word)
        || contains(lexicon::ANONYMOUS, word)
}

fn inherit(a: &mut Attribution, from: &Attribution, basis: Basis) {
    a.cue = from.cue;
    a.pattern = from.pattern;
    a.speaker = from.speaker.clone();
    a.basis = Some(basis);
}

/// A quoted term rather than speech: short, no sentence punctuation, and no cue; or introduced
/// by a word such as `so-called`, `titled`, `nicknamed`.
fn is_term(text: &str, paras: &mut Paragraphs, n: usize, q: &Quote) -> bool {
    if !q.closed() || q.family == Family::Single && q.first_paragraph != q.last_paragraph {
        return false;
    }
    let at = paras.part_start(n, q.first_paragraph);
    let tk = paras.get(q.first_paragraph);
    let Some(i) = tk.quote_token(n, at) else {
        return false;
    };
    // `so-called “reform”`, `the book “Night”`: the marker stands right before the quote.
    let marked = tk.tokens[..i]
        .iter()
        .rev()
        .take(2)
        // Within the quote's own phrase: in `… of the episode. “In the …”` it marks nothing.
        .take_while(|t| t.is_word())
        .any(|t| contains(lexicon::TERM_MARKERS, t.text));
    // (The tests are pure: the cheap ones first.)
    marked
        || short_or_title(q.content().text(text).trim())
        // `“Broad City” star Ilana Glazer`: a title naming what a role is known for.
        || crate::grammar::speaker::is_title_before_role(&tk.tokens, i)
}

/// Quoted words that read as a term, not speech: no sentence punctuation, and at most four
/// words or a title of at most eight capitalised words.
fn short_or_title(content: &str) -> bool {
    let speechlike = content.ends_with(['.', '!', '?', ',', '…', ':', ';']);
    if speechlike {
        return false;
    }
    let count = words(content).take(9).count();
    count <= 4
        || count <= 8
            && words(content)
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic()))
}

/// Resolves speaker mentions to names, remembering who has been named so far.
struct Names<'a, 'd> {
    /// The text and its paragraphs' tokens, shared with the passes before: the text between
    /// pronouns is read from them, not tokenized a second time.
    paras: Paragraphs<'a, 'd>,
    /// Full names found for surnames.
    surnames: HashMap<String, Option<String>>,
    /// People named as speakers so far, most recent last, with a gender if known.
    people: Vec<(usize, String, Gender)>,
    /// What is known of the names so far.
    known: Known,
    /// The last mention resolved, and what it gave (the name as its index in `people`):
    /// quotations in a row often share one.
    last: Option<(MentionKey, Option<usize>, Resolution, Vec<String>)>,
    /// People named in the text read so far (the last window of it), and how far it was read.
    seen: Vec<Seen<'a>>,
    scanned_to: usize,
    /// A buffer for the words of a mention or of a run of names, kept between them.
    words: Vec<&'a str>,
    /// The mention whose words (`words(mention)`, all of them) `words` holds, if it holds a
    /// mention's: its gender is read from them, not split again.
    words_of: Option<Span>,
    /// The tokens of the last quote-free paragraph the person scan read, kept for the next.
    fresh: Vec<Token<'a>>,
}

/// A person named in the text: where, the name (mostly borrowed from the text: few are ever
/// asked for), and the gender known.
type Seen<'a> = (usize, Cow<'a, str>, Gender);

/// A mention as the resolver sees it: where, what kind, and what a relative pronoun stands for.
type MentionKey = (Span, MentionKind, Option<(Span, MentionKind)>);

/// What a document has told of its names so far.
#[derive(Default)]
struct Known {
    /// Last words of the speakers' names so far, each with the gender learnt for it (from
    /// first names, titles and pronouns bound to it), or `Unknown`. One map, not a map of
    /// genders and a set of surnames: both were asked about every capitalised run.
    speakers: HashMap<String, Gender>,
}

impl Known {
    /// The gender known for a name: its first name, or what was learnt for its surname.
    fn gender(&self, name: &str) -> Gender {
        // `gender_of(name, "")`: no title to read.
        match first_name_gender(words(name).next().unwrap_or_default()) {
            Gender::Unknown => last_word(name)
                .and_then(|l| self.speakers.get(l))
                .copied()
                .unwrap_or(Gender::Unknown),
            g => g,
        }
    }

    /// `gender` of the name `name.join(" ")` (the words of word tokens, not empty), mostly
    /// without joining and splitting it again: an ASCII word token holds no white space, so its
    /// first and last words are the tokens. (Others may: `x\u{202f}y` is one token.)
    fn gender_of_words(&self, name: &[&str]) -> Gender {
        let (first, last) = (name[0], name[name.len() - 1]);
        if !(first.is_ascii() && last.is_ascii()) {
            return self.gender(&name.join(" "));
        }
        match first_name_gender(first) {
            Gender::Unknown => self.speakers.get(last).copied().unwrap_or(Gender::Unknown),
            g => g,
        }
    }

    /// The people named in `tokens`, appended to `out`.
    fn scan_run<'a>(
        &self,
        text: &'a str,
        tokens: &[Token<'a>],
        words: &mut Vec<&'a str>,
        out: &mut Vec<Seen<'a>>,
    ) {
        let mut i = 0;
        // Most tokens are not capitalised: the next run's start is found by a plain search.
        while let Some(k) = tokens[i..].iter().position(is_name_token) {
            let start = i + k;
            i = start + 1;
            while i < tokens.len()
                && (is_name_token(&tokens[i])
                    || tokens[i].is_punct(".") && tokens[i - 1].text.len() == 1)
            {
                i += 1;
            }
            words.clear();
            words.extend(
                tokens[start..i]
                    .iter()
                    .filter(|t| t.is_word())
                    .map(|t| t.text),
            );
            let title = start > 0 && {
                let t = &tokens[start
                    - (if tokens[start - 1].is_punct(".") && start > 1 {
                        2
                    } else {
                        1
                    })];
                // No title is punctuation: that is not looked up.
                !matches!(t.kind, segment::TokenKind::Punct) && is_title(t.text)
            };
            // Most runs are not people: the person's gender and name are worked out only for
            // people.
            if !is_person(words, title, self) {
                continue;
            }
            // The last three (or fewer) of the run's words, joined.
            let named = tokens[start..i].iter().filter(|t| t.is_word());
            let person = joined(text, named.skip(words.len().saturating_sub(3)));
            let title_gender = if title {
                lexicon::title_gender(tokens[start - 1].text)
                    .max_known(lexicon::title_gender(tokens[start.saturating_sub(2)].text))
            } else {
                Gender::Unknown
            };
            // `Sollie defended her record`: a pronoun later in the sentence tells the gender.
            let told = || {
                tokens[i..]
                    .iter()
                    .take(15)
                    .take_while(|t| !matches!(t.text, "." | "!" | "?") && !is_name_token(t))
                    // Subject and possessive forms only: `him` and `her` are as often someone else.
                    .find_map(|t| {
                        let is = |w: &str| t.text.eq_ignore_ascii_case(w);
                        if is("he") || is("his") || is("himself") {
                            Some(Gender::Male)
                        } else if is("she") || is("hers") || is("herself") {
                            Some(Gender::Female)
                        } else {
                            None
                        }
                    })
                    .unwrap_or(Gender::Unknown)
            };
            let mut g = title_gender;
            if g == Gender::Unknown {
                // `person` is the last three (or fewer) of the run's words, joined.
                g = self.gender_of_words(&words[words.len().saturating_sub(3)..]);
            }
            if g == Gender::Unknown {
                g = told();
            }
            out.push((tokens[start].span.start, person, g));
        }
    }
}

/// First words of capitalised runs that name places or bodies, not people.
const NOT_PERSON_FIRST: &[&str] = &[
    "East", "Fort", "Las", "Los", "Mount", "New", "North", "Saint", "San", "Santa", "South", "St",
    "The", "United", "West",
];

/// Words that make a capitalised run an organisation or a place (a body, a street, a river).
const ORGANISATION_WORDS: &[&str] = &[
    "Administration",
    "Agency",
    "Alliance",
    "America",
    "Assembly",
    "Association",
    "Audit",
    "Authority",
    "Avenue",
    "Bank",
    "Board",
    "Boulevard",
    "Bridge",
    "Bureau",
    "Campaign",
    "Canyon",
    "Center",
    "Centre",
    "Chamber",
    "Church",
    "City",
    "Club",
    "Coalition",
    "Coast",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Corp",
    "Council",
    "County",
    "Court",
    "Creek",
    "Democrats",
    "Department",
    "Drive",
    "Federation",
    "Forces",
    "Foundation",
    "Front",
    "Fund",
    "Gardens",
    "Group",
    "Guild",
    "Hall",
    "Harbor",
    "Harbour",
    "Heights",
    "Highway",
    "Hill",
    "Holdings",
    "Hospital",
    "House",
    "Inc",
    "Institute",
    "Island",
    "Islands",
    "Journal",
    "Lake",
    "Lane",
    "League",
    "Library",
    "Ltd",
    "Market",
    "Media",
    "Ministry",
    "Mountain",
    "Mountains",
    "Movement",
    "Museum",
    "Network",
    "News",
    "Office",
    "Park",
    "Parliament",
    "Partners",
    "Party",
    "Place",
    "Plaza",
    "Police",
    "Port",
    "Post",
    "Press",
    "Project",
    "Quay",
    "Radio",
    "Republicans",
    "River",
    "Road",
    "School",
    "Senate",
    "Service",
    "Services",
    "Society",
    "Square",
    "Stadium",
    "State",
    "States",
    "Station",
    "Street",
    "Television",
    "Terrace",
    "Times",
    "Tower",
    "Trust",
    "Union",
    "University",
    "Valley",
    "Way",
    "Wharf",
];

/// `NOT_PERSON_FIRST` by initial.
static NOT_PERSON_FIRSTS: ByInitial = ByInitial::new(NOT_PERSON_FIRST);

/// `ORGANISATION_WORDS` by initial.
static ORGANISATIONS: ByInitial = ByInitial::new(ORGANISATION_WORDS);

/// A sorted list of capitalised words (`A`–`Z` first) with where each initial's words stand: a
/// word is compared only with the few of its initial, mostly by length alone, where a binary
/// search called `memcmp` seven times.
struct ByInitial {
    list: &'static [&'static str],
    /// The range of `list` of each initial `A`–`Z`.
    ranges: [(u8, u8); 26],
    /// The shapes (`shape_bit`) of each initial's words: most words asked about have none.
    shapes: [u64; 26],
}

/// A word's shape, as a bit of a `u64`: its last byte (cut to five bits) and the parity of its
/// length.
#[inline]
const fn shape_bit(word: &[u8]) -> u64 {
    1 << ((word.len() % 2) * 32 + (word[word.len() - 1] & 31) as usize)
}

impl ByInitial {
    const fn new(list: &'static [&'static str]) -> Self {
        assert!(list.len() < 256);
        let mut ranges = [(0u8, 0u8); 26];
        let mut shapes = [0u64; 26];
        let mut i = 0;
        while i < list.len() {
            let c = list[i].as_bytes()[0];
            assert!(c.is_ascii_uppercase());
            let r = &mut ranges[(c - b'A') as usize];
            if r.1 == 0 {
                r.0 = i as u8;
            }
            r.1 = i as u8 + 1;
            shapes[(c - b'A') as usize] |= shape_bit(list[i].as_bytes());
            i += 1;
        }
        ByInitial {
            list,
            ranges,
            shapes,
        }
    }

    /// Is `word` in the list (exactly, as a binary search of it would find)?
    #[inline]
    fn holds(&self, word: &str) -> bool {
        let Some(c) = word.bytes().next().filter(u8::is_ascii_uppercase) else {
            return false;
        };
        let initial = usize::from(c - b'A');
        if self.shapes[initial] & shape_bit(word.as_bytes()) == 0 {
            return false;
        }
        let (lo, hi) = self.ranges[initial];
        // The length and last byte first: most words of an initial differ in one, and were
        // compared by a call to `memcmp`.
        let last = word.as_bytes()[word.len() - 1];
        self.list[usize::from(lo)..usize::from(hi)]
            .iter()
            .any(|w| w.len() == word.len() && w.as_bytes()[w.len() - 1] == last && *w == word)
    }
}

impl<'a, 'd> Names<'a, 'd> {
    fn new(paras: Paragraphs<'a, 'd>) -> Self {
        Names {
            surnames: HashMap::default(),
            // At most one speaker to a quotation.
            people: Vec::with_capacity(paras.quotes.len()),
            paras,
            known: Known::default(),
            last: None,
            seen: Vec::new(),
            scanned_to: 0,
            words: Vec::new(),
            words_of: None,
            fresh: Vec::new(),
        }
    }

    /// The name behind a mention, by what kind of phrase it is.
    fn by_kind(&mut self, sp: &mut Speaker, mention: &str) -> (Option<String>, Resolution) {
        match sp.kind {
            MentionKind::Name => self.name(sp.mention),
            MentionKind::Description if named_apposition(mention) => self.name(sp.mention),
            MentionKind::Pronoun => {
                let (name, alternatives) = self.pronoun(sp.mention.start, mention);
                sp.alternatives = alternatives;
                (name, Resolution::Pronoun)
            }
            MentionKind::Description => (self.role(sp.mention, mention), Resolution::Role),
        }
    }

    fn resolve(&mut self, sp: &mut Speaker) {
        if sp.resolution == Resolution::AsWritten && sp.name.is_some() {
            return;
        }
        let mention = sp.mention.text(self.paras.text);
        // `he's said`: the pronoun without its contracted auxiliary.
        let mention = match sp.kind {
            MentionKind::Pronoun => mention.split(['\'', '’']).next().unwrap_or(mention),
            _ => mention,
        };
        let key = (sp.mention, sp.kind, sp.antecedent);
        // The same mention as the quotation before (`“A,” she said. “B.”`): the same answer,
        // worked out once, and the same gender, with nothing new to learn of it.
        if let Some((k, person, how, alternatives)) = &self.last
            && *k == key
        {
            let (person, how) = (*person, *how);
            sp.alternatives = copied(alternatives);
            sp.resolution = if person.is_some() {
                how
            } else {
                Resolution::Unresolved
            };
            sp.name = person.map(|i| {
                let (_, name, gender) = &self.people[i];
                let (name, gender) = (name.clone(), *gender);
                self.last = Some((key, Some(self.people.len()), how, copied(&sp.alternatives)));
                self.people.push((sp.mention.start, name.clone(), gender));
                name
            });
            return;
        }
        let (name, how) = match (&self.last, sp.kind, sp.antecedent) {
            // `Weaver, who added`: the relative pronoun names whom its antecedent names.
            (_, MentionKind::Pronoun, Some((ante, kind))) => {
                let name = match kind {
                    MentionKind::Name => self.name(ante).0,
                    MentionKind::Description => self.role(ante, ante.text(self.paras.text)),
                    MentionKind::Pronoun => None,
                };
                (name, Resolution::Pronoun)
            }
            _ => self.by_kind(sp, mention),
        };
        // A name found is the next of `people`: kept there, not copied here.
        let person = name.as_ref().map(|_| self.people.len());
        self.last = Some((key, person, how, copied(&sp.alternatives)));
        sp.resolution = if name.is_some() {
            how
        } else {
            Resolution::Unresolved
        };
        if let Some(name) = &name {
            let gender = match sp.kind {
                MentionKind::Pronoun if let Some((ante, _)) = sp.antecedent => {
                    self.gender_of(name, ante)
                }
                MentionKind::Pronoun => lexicon::pronoun_gender(mention),
                MentionKind::Description => Gender::Plural,
                MentionKind::Name => self.gender_of(name, sp.mention),
            };
            if let Some(last) = last_word(name) {
                // A gender once learnt stays until another is.
                let learnt = match gender {
                    Gender::Male | Gender::Female => gender,
                    _ => Gender::Unknown,
                };
                match self.known.speakers.get_mut(last) {
                    Some(g) if learnt != Gender::Unknown => *g = learnt,
                    Some(_) => {}
                    None => {
                        self.known.speakers.insert(last.to_string(), learnt);
                    }
                }
            }
            self.people.push((sp.mention.start, name.clone(), gender));
        }
        sp.name = name;
    }

    /// `gender_of(name, mention)`, from the words of the mention if they are at hand.
    fn gender_of(&self, name: &str, mention: Span) -> Gender {
        if self.words_of == Some(mention) {
            gender_of_words(name, &self.words)
        } else {
            gender_of(name, mention.text(self.paras.text))
        }
    }

    /// The name in a name mention, completed from its first full mention if it is a surname.
    fn name(&mut self, mention: Span) -> (Option<String>, Resolution) {
        let text = self.paras.text;
        let whole = mention;
        // `Rep. Earl Blumenauer (D-Ore.)`: party and state in brackets are not the name.
        // (The cheap test first: searching for ` (` sets up a substring searcher.)
        let written = mention.text(text);
        let mention = match written.ends_with(')').then(|| written.find(" (")) {
            Some(Some(i)) => Span::new(mention.start, mention.start + i),
            _ => mention,
        };
        // `Okafor's pledge that “…”`: the owner of the words is named without the possessive.
        let written = mention.text(text);
        let owner = ["’s", "'s", "’", "'"]
            .iter()
            .find_map(|p| written.strip_suffix(p))
            .filter(|w| w.ends_with(char::is_alphabetic));
        let mention = owner.map_or(mention, |w| {
            Span::new(mention.start, mention.start + w.len())
        });
        let written = mention.text(text);
        // The name is the run of capitalised words at the end of the phrase (before any
        // appositive), without titles.
        let before_apposition = if written.contains(',') {
            self.named_part(written)
        } else {
            // Without a comma the phrase is its own only part.
            written
        };
        // The phrase's words, split once (most mentions are a name and nothing else), into the
        // buffer kept for them.
        let mut buffer = std::mem::take(&mut self.words);
        buffer.clear();
        buffer.extend(words(before_apposition));
        // (The words are the whole mention's when nothing was cut from it.)
        self.words_of =
            (mention == whole && before_apposition.len() == written.len()).then_some(whole);
        let found = self.name_in(mention, written, &buffer);
        self.words = buffer;
        found
    }

    /// The name in a mention (`mention`, written `written`) whose name part has the words
    /// `words_before`.
    fn name_in(
        &mut self,
        mention: Span,
        written: &str,
        words_before: &[&str],
    ) -> (Option<String>, Resolution) {
        let n = words_before.len();
        let in_run = |w: &&str| {
            w.starts_with(char::is_uppercase)
                && !is_title(w.trim_end_matches('.'))
                && !w.ends_with("’s")
                && !w.ends_with("'s")
        };
        let run_start = words_before
            .iter()
            .rposition(|w| !in_run(w))
            .map_or(0, |i| i + 1);
        // At most the last three words of the run.
        let run = &words_before[run_start.max(n.saturating_sub(3))..];
        // `Scott Hawkins of Cheyenne`: a one-word place after `of`; the name stands before it.
        if run.len() == 1
            && n >= 3
            && words_before[n - 2] == "of"
            && words_before[n - 3].starts_with(char::is_uppercase)
            && !is_title(words_before[n - 3].trim_end_matches('.'))
        {
            let name: Vec<&str> = words_before[..n - 2]
                .iter()
                .rev()
                .take_while(|w| {
                    w.starts_with(char::is_uppercase) && !is_title(w.trim_end_matches('.'))
                })
                .take(3)
                .copied()
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if let Some(person) = person_like(&name, false, &self.known).filter(|_| name.len() >= 2)
            {
                return (Some(person), Resolution::AsWritten);
            }
        }
        if run.is_empty() {
            let words: Vec<&str> = written
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect();
            return (Some(words.join(" ")), Resolution::AsWritten);
        }
        if run.len() == 1 {
            let surname = run[0];
            if let Some(full) = self.full_name(surname, mention.start) {
                return (Some(full), Resolution::Surname);
            }
        }
        (Some(run.join(" ")), Resolution::AsWritten)
    }

    /// The part of a phrase with commas that holds the name, which may stand in the apposition
    /// (`Its regional organiser, Dele Fashola`).
    fn named_part<'m>(&self, written: &'m str) -> &'m str {
        let mut parts = written.split(',');
        let head_part = parts.next().unwrap_or_default();
        let has_capital = |p: &str| {
            p.split_whitespace().any(|w| {
                w.starts_with(char::is_uppercase)
                    && !is_determiner(w)
                    && !w.ends_with("’s")
                    && !w.ends_with("'s")
            })
        };
        // A part that reads as a person's name wins over an organisation in the head part:
        // `The general secretary of the Rail Union, Callum Brisk`.
        let person_part = written.split(',').skip(1).find(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            (2..=3).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
                && person_like(&words, false, &self.known).is_some()
        });
        if let Some(p) = person_part {
            p
        } else if has_capital(head_part) {
            head_part
        } else {
            parts.find(|p| has_capital(p)).unwrap_or(head_part)
        }
    }

    /// `Peskov` → `Dmitry Peskov`: the capitalised word before its first occurrence.
    fn full_name(&mut self, surname: &str, before: usize) -> Option<String> {
        if let Some(known) = self.surnames.get(surname) {
            return known.clone();
        }
        let full = find_full_name(self.paras.text, surname, before);
        self.surnames.insert(surname.to_string(), full.clone());
        full
    }

    /// `he`/`she` → the person it most likely refers to: the last speaker if compatible, else
    /// the nearest person named before it of that gender, else of unknown gender; `they`/`it`
    /// → the most recent organisation or document that spoke.
    fn pronoun(&mut self, at: usize, pronoun: &str) -> (Option<String>, Vec<String>) {
        let want = lexicon::pronoun_gender(pronoun);
        if want == Gender::Plural {
            let org = self
                .people
                .iter()
                .rev()
                .take_while(|(pos, _, _)| at.saturating_sub(*pos) < 3000)
                .find(|(_, _, g)| *g == Gender::Plural)
                .map(|(_, n, _)| n.clone());
            return (org, Vec::new());
        }
        if want == Gender::Unknown {
            return (None, Vec::new());
        }
        // The last speaker, if of that gender: wire copy says `he said` of the person quoted.
        self.read_persons_to(at);
        let candidates = self.persons_before(at);
        let last = self
            .people
            .last()
            .filter(|(pos, _, _)| at.saturating_sub(*pos) < 600);
        // ... unless someone of that gender is named after the last speaker, nearer the pronoun
        // (`Fallon fired back: “…,” he wrote`).
        let named_since = |since: usize| {
            candidates.iter().any(|(pos, name, g)| {
                *g == want
                    && *pos > since
                    && !last
                        .is_some_and(|(_, n, _)| n.ends_with(last_word(name).unwrap_or_default()))
            })
        };
        if let Some((pos, name, g)) = last
            && (*g == want || *g == Gender::Unknown && self.known.gender(name) == want)
            && !named_since(*pos)
        {
            return (Some(name.clone()), Vec::new());
        }
        if !candidates.iter().any(|(_, _, g)| *g == want)
            && let Some((_, name, Gender::Unknown)) = last
            && self.known.gender(name) != opposite(want)
        {
            return (Some(name.clone()), Vec::new());
        }
        let Some(pick) = candidates
            .iter()
            .rev()
            .find(|(_, _, g)| *g == want)
            .or_else(|| {
                candidates
                    .iter()
                    .rev()
                    .find(|(_, _, g)| *g == Gender::Unknown)
            })
        else {
            return (None, Vec::new());
        };
        // Two different people of that gender named just before: either could be meant.
        let surname = last_word(&pick.1).unwrap_or_default();
        let alternatives: Vec<String> = candidates
            .iter()
            .rev()
            .filter(|(pos, n, g)| {
                *g == want && at - pos < 300 && last_word(n).unwrap_or_default() != surname
            })
            .map(|(_, n, _)| n.to_string())
            .take(1)
            .collect();
        let alternatives = if pick.2 == want && at - pick.0 < 300 {
            alternatives
        } else {
            Vec::new()
        };
        let name = pick.1.to_string();
        let full = if name.contains(' ') {
            name
        } else {
            self.full_name(&name, at).unwrap_or(name)
        };
        (Some(full), alternatives)
    }

    /// Reads the people named up to `at` into `seen`, keeping the last 1,500 bytes of them. The
    /// text is scanned once, in order, however many pronouns ask.
    fn read_persons_to(&mut self, at: usize) {
        let lo = persons_window_start(self.paras.text, at);
        if at > self.scanned_to {
            let from = lo.max(self.scanned_to);
            self.seen.retain(|(pos, _, _)| *pos >= lo);
            // The people found stand at or after `from`, inside the window: appended as found.
            let mut seen = std::mem::take(&mut self.seen);
            // Room for the people of a window at once, not grown a person at a time.
            if seen.capacity() == 0 {
                seen.reserve(SEEN_PEOPLE);
            }
            self.scan_persons(from, at, &mut seen);
            self.seen = seen;
            self.scanned_to = at;
        }
    }

    /// People named in the 1,500 bytes before `at` (read by `read_persons_to`), in text order
    /// (read nearest first with `.rev()`), with where they stand and their gender. `seen` is in
    /// text order, so they are one stretch of it: found by binary search, not collected.
    fn persons_before(&self, at: usize) -> &[Seen<'a>] {
        let lo = persons_window_start(self.paras.text, at);
        let start = self.seen.partition_point(|(pos, _, _)| *pos < lo);
        let end = self
            .seen
            .partition_point(|(pos, _, _)| *pos < at)
            .max(start);
        &self.seen[start..end]
    }

    /// The people named in `text[from..at]`, in order, read from the paragraphs' tokens and
    /// appended to `out`. Names inside quotations are not read: a quotation is one token, as it
    /// is to the grammar.
    fn scan_persons(&mut self, from: usize, at: usize, out: &mut Vec<Seen<'a>>) {
        // One buffer for every run's words: most runs are not people.
        let mut words = std::mem::take(&mut self.words);
        let mut fresh = std::mem::take(&mut self.fresh);
        self.words_of = None;
        let paragraphs = self.paras.paragraphs;
        let first = paragraphs.partition_point(|p| p.span.end <= from);
        for (p, para) in paragraphs.iter().enumerate().skip(first) {
            if para.span.start >= at {
                break;
            }
            // A paragraph the grammar read is cached; any other is tokenized for this scan only,
            // so that a long document's quote-free paragraphs are not all held at once.
            let all = match &self.paras.cache[p] {
                Some(tk) => &tk.tokens,
                None => {
                    // (Only the part read: the window of people mostly starts inside a paragraph.)
                    let paras = &self.paras;
                    let para = paras.paragraphs[p];
                    let masked = &paras.regions[para.region].masked;
                    let parts = paras.parts_of(p);
                    // Room for most paragraphs at once: grown paragraph by paragraph, the buffer
                    // was reallocated about three times a document.
                    if fresh.capacity() == 0 {
                        fresh.reserve(FRESH_TOKENS);
                    }
                    tokenize_part(paras.text, para.span, parts, masked, from, at, &mut fresh);
                    &fresh
                }
            };
            let tokens = &all[segment::index_from(all, from)..segment::index_from(all, at)];
            self.known
                .scan_run(self.paras.text, tokens, &mut words, out);
        }
        self.words = words;
        self.fresh = fresh;
    }

    /// `the auditor` → the person introduced as `… auditor <Name>` or `<Name>, the … auditor`;
    /// a document or body keeps its own words.
    fn role(&self, mention: Span, phrase: &str) -> Option<String> {
        let head = last_word(phrase)?.trim_end_matches([',', '.']);
        let text = self.paras.text;
        if contains(lexicon::ROLES, head) {
            let finder = memchr::memmem::Finder::new(head.as_bytes());
            let from = window_start(text, mention.start);
            for at in finder
                .find_iter(&text.as_bytes()[from..mention.start])
                .map(|at| at + from)
            {
                let rest = &text[at + head.len()..];
                // `auditor Rosa Ivanek`
                let name: Vec<&str> = words(rest)
                    .take(3)
                    .take_while(|w| w.starts_with(char::is_uppercase))
                    .map(|w| w.trim_end_matches([',', '.', ';']))
                    .collect();
                if !name.is_empty() && name.iter().all(|w| !is_title(w)) {
                    return Some(name.join(" "));
                }
            }
        }
        let articles: &[&str] = &[
            "a", "an", "her", "his", "its", "our", "the", "their", "these", "this", "those",
        ];
        let trimmed: Vec<&str> = words(phrase)
            .skip_while(|w| contains(articles, w))
            .collect();
        (!trimmed.is_empty()).then(|| trimmed.join(" "))
    }
}

/// `v.to_vec()`, without a call for the empty list most are (one alternative is rare).
#[inline]
fn copied(v: &[String]) -> Vec<String> {
    if v.is_empty() { Vec::new() } else { v.to_vec() }
}

/// The last word of a name: `split_whitespace().last()`, read from the end.
fn last_word(name: &str) -> Option<&str> {
    words(name).next_back()
}

/// `s.split_whitespace()`, faster on ASCII: a byte is tested as a byte and only a non-ASCII
/// character is decoded. Names and mentions are split on every lookup.
fn words(s: &str) -> Words<'_> {
    Words { rest: s }
}

/// The words of a string not yet read from either end (see `words`).
struct Words<'a> {
    rest: &'a str,
}

/// Is the character starting at byte `i` of `s` white space (`char::is_whitespace`)?
#[inline]
fn is_space_at(s: &str, i: usize) -> bool {
    match s.as_bytes()[i] {
        b' ' | b'\t'..=b'\r' => true,
        0..=0x7f => false,
        _ => s[i..].chars().next().is_some_and(char::is_whitespace),
    }
}

/// A printable ASCII byte other than the space: inside a word, and a whole character.
#[inline]
fn is_plain(b: u8) -> bool {
    b > b' ' && b < 0x7f
}

/// The length of the character whose first byte is `b`.
#[inline]
fn char_width(b: u8) -> usize {
    match b {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The start of the character before byte `i` of `b` (a character boundary, not 0).
#[inline]
fn char_before(b: &[u8], i: usize) -> usize {
    let mut j = i - 1;
    while b[j] & 0xc0 == 0x80 {
        j -= 1;
    }
    j
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.rest;
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() && is_space_at(s, i) {
            i += char_width(b[i]);
        }
        let start = i;
        while i < b.len() {
            if is_plain(b[i]) {
                i += 1;
            } else if is_space_at(s, i) {
                break;
            } else {
                i += char_width(b[i]);
            }
        }
        self.rest = &s[i..];
        (i > start).then(|| &s[start..i])
    }
}

impl DoubleEndedIterator for Words<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let s = self.rest;
        let b = s.as_bytes();
        let mut end = b.len();
        while end > 0 && is_space_at(s, char_before(b, end)) {
            end = char_before(b, end);
        }
        let mut start = end;
        while start > 0 {
            if is_plain(b[start - 1]) {
                start -= 1;
                continue;
            }
            let c = char_before(b, start);
            if is_space_at(s, c) {
                break;
            }
            start = c;
        }
        self.rest = &s[..start];
        (end > start).then(|| &s[start..end])
    }
}

/// `the company's chief engineer, Farid Hassan`: a description named in apposition.
fn named_apposition(mention: &str) -> bool {
    mention.split(',').skip(1).any(|p| {
        p.split_whitespace()
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    })
}

fn opposite(g: Gender) -> Gender {
    match g {
        Gender::Male => Gender::Female,
        Gender::Female => Gender::Male,
        other => other,
    }
}

/// A capitalised word that may be part of a person's name: it runs on every token before a
/// pronoun, and most are not capitalised, so that test is inlined and the rest is not.
#[inline]
fn is_name_token(t: &Token) -> bool {
    t.is_capitalized() && is_name_word(t.text)
}

/// The tests of `is_name_token` after the capital: not all capitals, not a possessive, and in
/// none of the word lists that stop a name (one table lookup for the five lists). Inlined
/// into the scan for people: a call cost as much as the tests.
#[inline]
fn is_name_word(text: &str) -> bool {
    !all_uppercase(text) && !is_possessive(text) && !not_name_words().contains(text)
}

/// Is every character of `text` upper case (`NASA`)? Most names have a lower-case ASCII
/// second letter, which settles it without decoding.
#[inline]
fn all_uppercase(text: &str) -> bool {
    match text.as_bytes().get(1) {
        Some(c) if c.is_ascii_lowercase() => false,
        _ => text.chars().all(char::is_uppercase),
    }
}

/// Does `text` end in `’s` or `'s`? The last byte first: few words end in `s`.
#[inline]
fn is_possessive(text: &str) -> bool {
    text.ends_with('s') && (text.ends_with("’s") || text.ends_with("'s"))
}

/// Words that stop a run of name tokens: boundaries, determiners, titles, roles, quantities.
fn not_name_words() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| {
        WordSet::new(&[
            lexicon::BOUNDARIES,
            lexicon::DETERMINERS,
            lexicon::TITLES,
            lexicon::ROLES,
            // `Others warned …`, `Several said …`: groups, not names.
            lexicon::QUANTITIES,
        ])
    })
}

/// `lexicon::contains(lexicon::TITLES, word)`, by a table lookup: it is asked before every
/// capitalised run and of every word of a name.
fn is_title(word: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(&[lexicon::TITLES]))
        .contains(word)
}

/// `lexicon::contains(lexicon::DETERMINERS, word)`, by a table lookup.
fn is_determiner(word: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(&[lexicon::DETERMINERS]))
        .contains(word)
}

/// The gender of a known first name (any ASCII case): male if listed as both, as before. One
/// table for both lists: most words are in neither, and were looked up twice.
fn first_name_gender(word: &str) -> Gender {
    static NAMES: OnceLock<(ShapeFilter, WordTable<Gender>)> = OnceLock::new();
    let (filter, names) = NAMES.get_or_init(|| {
        // Female first, so that a name on both lists ends up male.
        let female = lexicon::FEMALE_NAMES.iter().map(|w| (*w, Gender::Female));
        let male = lexicon::MALE_NAMES.iter().map(|w| (*w, Gender::Male));
        let names = female.chain(male);
        (
            ShapeFilter::new(names.clone().map(|(w, _)| w)),
            WordTable::new(names),
        )
    });
    if filter.turns_away(word) {
        return Gender::Unknown;
    }
    match names.get(word) {
        Some(found) => found.unwrap_or(Gender::Unknown),
        // A word too long for the table: the lists are searched.
        None if contains(lexicon::MALE_NAMES, word) => Gender::Male,
        None if contains(lexicon::FEMALE_NAMES, word) => Gender::Female,
        None => Gender::Unknown,
    }
}

/// Word lists (lower case, looked up in any ASCII case) as one table; `lexicon::contains` on
/// each list, for fewer instructions: no thread-local, no hashing of a copied word.
struct WordSet {
    table: WordTable<()>,
    lists: Vec<&'static [&'static str]>,
    /// Most words asked about have none of the lists' shapes, and are answered without
    /// packing and hashing them.
    filter: ShapeFilter,
}

/// A bit for each (first byte, last byte, length) of the words a `WordTable` holds (see
/// `filter_bit`): a word without one of those shapes is in none of its lists.
struct ShapeFilter {
    bits: Box<[u64; FILTER_WORDS]>,
}

impl ShapeFilter {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> Self {
        let mut bits = Box::new([0u64; FILTER_WORDS]);
        for w in words.map(str::as_bytes) {
            if (1..=lexicon::PACKED_LEN).contains(&w.len()) {
                let k = filter_bit(w);
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        ShapeFilter { bits }
    }

    /// Is `word` one the table would not find, by its shape? (A word too long for the table,
    /// or empty, is never turned away: the lists are searched for it.)
    #[inline]
    fn turns_away(&self, word: &str) -> bool {
        let b = word.as_bytes();
        (1..=lexicon::PACKED_LEN).contains(&b.len()) && {
            let k = filter_bit(b);
            self.bits[k / 64] & (1 << (k % 64)) == 0
        }
    }
}

/// The 64-bit words of a `WordSet` filter: 32 first bytes × 32 last bytes × 16 lengths.
const FILTER_WORDS: usize = 32 * 32 * 16 / 64;

/// The filter bit of a word of one to `PACKED_LEN` bytes: its first and last bytes ASCII
/// lower-cased (`| 0x20`, which folds some other bytes together too: a bit may stand for words
/// of no list, never the other way) and cut to five bits, and its length.
#[inline]
fn filter_bit(b: &[u8]) -> usize {
    let fold = |c: u8| usize::from((c | 0x20) & 31);
    (fold(b[0]) << 9) | (fold(b[b.len() - 1]) << 4) | (b.len() & 15)
}

impl WordSet {
    fn new(lists: &[&'static [&'static str]]) -> Self {
        let words = lists.iter().flat_map(|l| l.iter()).map(|w| (*w, ()));
        WordSet {
            table: WordTable::new(words.clone()),
            lists: lists.to_vec(),
            filter: ShapeFilter::new(words.map(|(w, _)| w)),
        }
    }

    /// Is `word` in one of the lists, ignoring ASCII case?
    #[inline]
    fn contains(&self, word: &str) -> bool {
        if self.filter.turns_away(word) {
            return false;
        }
        match self.table.get(word) {
            Some(found) => found.is_some(),
            None => self.search(word),
        }
    }

    /// A word too long (or empty) for the table: searched as before. Apart, as it is rare.
    #[cold]
    #[inline(never)]
    fn search(&self, word: &str) -> bool {
        self.lists.iter().any(|l| contains(l, word))
    }
}

/// The start of the window of people a pronoun looks back over, on a character boundary.
fn persons_window_start(text: &str, at: usize) -> usize {
    let mut lo = at.saturating_sub(1500);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    lo
}

/// The run of capitalised words as a person's name, or `None` for places and bodies.
fn person_like(words: &[&str], titled: bool, known: &Known) -> Option<String> {
    is_person(words, titled, known).then(|| words[words.len().saturating_sub(3)..].join(" "))
}

/// `person_like(words, titled, known).is_some()`, without joining the name.
fn is_person(words: &[&str], titled: bool, known: &Known) -> bool {
    let (Some(&first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    // The cheap tests first: most runs are one capitalised word that is no known name.
    let named = titled
        || (2..=3).contains(&words.len())
        || first_name_gender(first) != Gender::Unknown
        || known.speakers.contains_key(*last);
    let place = || words.iter().any(|w| ORGANISATIONS.holds(w)) || NOT_PERSON_FIRSTS.holds(first);
    named && !place()
}

/// The texts of the word tokens `named` joined by single spaces: borrowed from `text` where
/// they stand there one space apart, as a name nearly always does.
fn joined<'a, 't>(text: &'a str, named: impl Iterator<Item = &'t Token<'a>> + Clone) -> Cow<'a, str>
where
    'a: 't,
{
    let spaced = named
        .clone()
        .zip(named.clone().skip(1))
        .all(|(a, b)| b.span.start == a.span.end + 1 && text.as_bytes()[a.span.end] == b' ');
    if spaced {
        let mut spans = named.map(|t| t.span);
        let Some(first) = spans.next() else {
            return Cow::Borrowed("");
        };
        let last = spans.last().unwrap_or(first);
        Cow::Borrowed(&text[first.start..last.end])
    } else {
        Cow::Owned(named.map(|t| t.text).collect::<Vec<_>>().join(" "))
    }
}

fn gender_of(name: &str, mention: &str) -> Gender {
    for w in words(mention) {
        let g = lexicon::title_gender(w.trim_end_matches('.'));
        if g != Gender::Unknown {
            return g;
        }
    }
    first_name_gender(words(name).next().unwrap_or_default())
}

/// `gender_of(name, mention)` where `mention_words` are `words(mention)`.
fn gender_of_words(name: &str, mention_words: &[&str]) -> Gender {
    for w in mention_words {
        let g = lexicon::title_gender(w.trim_end_matches('.'));
        if g != Gender::Unknown {
            return g;
        }
    }
    first_name_gender(words(name).next().unwrap_or_default())
}

/// How far back a name or role is looked for: an article's length, so that a document of any
/// size (an archive in one file) costs time in proportion to its length.
const LOOKBACK: usize = 20_000;

/// The start of the look-back window ending at `before`, on a character boundary.
fn window_start(text: &str, before: usize) -> usize {
    let mut from = before.saturating_sub(LOOKBACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// The first `<First> <surname>` in the look-back window before `before`.
fn find_full_name(text: &str, surname: &str, before: usize) -> Option<String> {
    let finder = memchr::memmem::Finder::new(surname.as_bytes());
    let mut full = None;
    let from = window_start(text, before);
    for at in finder
        .find_iter(&text.as_bytes()[from..before])
        .map(|at| at + from)
    {
        let end = at + surname.len();
        if text[end..].starts_with(char::is_alphanumeric)
            || text[..at].ends_with(char::is_alphanumeric)
        {
            continue;
        }
        let first = text[..at].trim_end_matches(' ');
        if first.len() == at {
            continue;
        }
        // `-Maren Oduya`: a signature's dash is not part of the first name.
        let prev = first
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default()
            .trim_start_matches(['-', '—', '–', '(']);
        let known_first = first_name_gender(prev) != Gender::Unknown;
        if prev.starts_with(char::is_uppercase)
            && prev
                .chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == '-')
            && !is_title(prev.trim_end_matches('.'))
            // `Will Haddon`: a first name that is also a common word is still a first name.
            && (known_first
                || !is_determiner(prev) && !contains(lexicon::BOUNDARIES, prev))
        {
            // A known first name settles it; any other capitalised word only stands in until
            // one turns up (`The Thing Trump …` before `Donald Trump`).
            if known_first {
                return Some(full_name_of(prev, surname));
            }
            full = full.or_else(|| Some(full_name_of(prev, surname)));
        }
    }
    full
}

/// `format!("{first} {surname}")`, without the formatting machinery (it cost most of a
/// found name's time).
fn full_name_of(first: &str, surname: &str) -> String {
    let mut name = String::with_capacity(first.len() + 1 + surname.len());
    name.push_str(first);
    name.push(' ');
    name.push_str(surname);
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Calls `f` with each article of the project's `corpus/` (its path, text and format).
    fn for_each_corpus_article(mut f: impl FnMut(&std::path::Path, &str, Format)) {
        for dir in ["corpus/clean", "corpus/edge", "corpus/findings"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(dir).expect("corpus directory") {
                let path = entry.expect("corpus entry").path();
                let Some(format) = Format::from_path(&path) else {
                    continue;
                };
                let text = std::fs::read_to_string(&path).expect("corpus article");
                f(&path, &text, format);
            }
        }
    }

    /// Dropping cached paragraphs only costs their tokenizing again: a document analysed with
    /// none kept gives what it gives with all kept.
    #[test]
    fn dropping_cached_paragraphs_changes_nothing() {
        let mut checked = 0;
        for_each_corpus_article(|path, text, format| {
            let all = analyse_caching(text, format, usize::MAX);
            let none = analyse_caching(text, format, 0);
            assert_eq!(
                format!("{all:?}"),
                format!("{none:?}"),
                "{}",
                path.display()
            );
            checked += 1;
        });
        assert!(checked > 20, "only {checked} articles");
    }

    #[test]
    fn place_lists_are_sorted_by_initial() {
        for list in [NOT_PERSON_FIRST, ORGANISATION_WORDS] {
            let mut sorted = list.to_vec();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted, list.to_vec());
        }
    }

    /// Each word of the lists in several forms, and some words of none.
    fn probes(lists: &[&[&str]]) -> Vec<String> {
        let mut words: Vec<String> = ["", "É", "Émile", "Ms.", "O'Neil", "Ångström", "ALL-CAPS"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        words.push("a-word-longer-than-fifteen-bytes".into());
        words.push("Administrationss".into());
        for w in lists.iter().flat_map(|l| l.iter()) {
            let mut cap = w.to_string();
            cap[..1].make_ascii_uppercase();
            let long = format!(
                "{w}{}",
                "x".repeat(lexicon::PACKED_LEN + 1 - w.len().min(lexicon::PACKED_LEN))
            );
            words.extend([
                w.to_string(),
                w.to_ascii_uppercase(),
                w.to_ascii_lowercase(),
                cap,
            ]);
            words.extend([format!("{w}s"), w[1..].to_string(), format!("{w}.")]);
            words.extend([long, format!("{w}\u{e9}")]);
        }
        words
    }

    #[test]
    fn place_lists_by_initial_answer_as_binary_search() {
        for w in probes(&[NOT_PERSON_FIRST, ORGANISATION_WORDS]) {
            let w = w.as_str();
            assert_eq!(
                NOT_PERSON_FIRSTS.holds(w),
                NOT_PERSON_FIRST.binary_search(&w).is_ok()
            );
            assert_eq!(
                ORGANISATIONS.holds(w),
                ORGANISATION_WORDS.binary_search(&w).is_ok()
            );
        }
    }

    #[test]
    fn words_split_as_split_whitespace() {
        let texts = [
            "",
            " ",
            "Dmitry Peskov",
            "  Rep. Earl  Blumenauer (D-Ore.) ",
            "a\tb\nc\x0bd\x0ce\rf",
            "a\x01b\x7fc \x00d",
            "Jos\u{e9} \u{c1}lvarez\u{a0}Ruiz",
            "Mr\u{2003}Li\u{3000}Wei\u{85}x\u{202f}y \u{1f600}z",
            "\u{2028}\u{2029}",
            "Ng\u{e2}\u{301}m ",
        ];
        for t in texts {
            let want: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(words(t).collect::<Vec<_>>(), want, "{t:?}");
            let mut back: Vec<&str> = t.split_whitespace().rev().collect();
            back.reverse();
            let mut got: Vec<&str> = words(t).rev().collect();
            got.reverse();
            assert_eq!(got, back, "{t:?}");
            assert_eq!(last_word(t), t.split_whitespace().last(), "{t:?}");
        }
    }

    /// `Known::gender_of_words` reads a name's first and last words from its word tokens, as
    /// `Known::gender` splits them from the joined name: an ASCII word token is one word.
    #[test]
    fn word_tokens_are_single_words() {
        let text = "Jos\u{e9}\u{a0}\u{c1}lvarez Mr\u{2003}Li\u{3000}Wei\u{85}x\u{202f}y \
                    Ng\u{e2}\u{301}m O'Neil e.g. \u{2028}Anne\u{2029}Shirley\u{200b}Z \
                    A\u{200d}\u{2009}B\u{2060}\u{205f}C\u{1680}D\u{2007}E\x0bF\x0cG \
                    Anne\u{202f}Smith Bo\tCy\rDi\x1fEd_Fo Gil\u{85}Hu Iva\u{a0}Jo";
        let tokens = segment::tokens(text, Span::new(0, text.len()), &[], &[]);
        let mut known = Known::default();
        known.speakers.insert("Shirley".into(), Gender::Female);
        known.speakers.insert("Smith".into(), Gender::Male);
        known.speakers.insert("Fo".into(), Gender::Male);
        known.speakers.insert("Jo".into(), Gender::Female);
        for t in tokens.iter().filter(|t| t.is_word() && t.text.is_ascii()) {
            assert_eq!(words(t.text).collect::<Vec<_>>(), [t.text], "{:?}", t.text);
        }
        let names: Vec<&str> = tokens
            .iter()
            .filter(|t| t.is_word())
            .map(|t| t.text)
            .collect();
        for i in 0..names.len() {
            for run in [&names[i..=i], &names[i..(i + 3).min(names.len())]] {
                assert_eq!(known.gender_of_words(run), known.gender(&run.join(" ")));
            }
        }
    }

    /// `is_name_word`'s byte tests answer as the `char` tests they stand for.
    #[test]
    fn name_word_tests_answer_as_before() {
        let stops = [lexicon::BOUNDARIES, lexicon::TITLES, lexicon::ROLES];
        let mut words = probes(&stops);
        words.extend(
            [
                "A",
                "AB",
                "Ab",
                "aB",
                "ÉA",
                "Éa",
                "NASA",
                "NASa",
                "I'",
                "X’s",
                "’s",
                "'s",
                "s",
                "Jones's",
                "Jones’s",
                "Bess",
                "Ωmega",
                "ΩMEGA",
                "A1",
                "A_",
                "\u{301}a",
            ]
            .map(String::from),
        );
        for w in &words {
            let w = w.as_str();
            assert_eq!(all_uppercase(w), w.chars().all(|c| c.is_uppercase()), "{w}");
            assert_eq!(
                is_possessive(w),
                w.ends_with("’s") || w.ends_with("'s"),
                "{w}"
            );
        }
    }

    /// A paragraph tokenized in part has the tokens of the whole in the part read.
    #[test]
    fn part_tokens_are_the_whole_paragraphs() {
        let texts = [
            "  Anne Smith  said\tthe U.S. Sen. J. Doe  (R-Ore.) met Élodie\u{a0}Roux at 3.5 p.m. ",
            "a \u{301}b  \u{301} c’s “d” e—f\u{200d} \u{1f1e6}\u{1f1e6} \u{1f1e6}x  y",
            "Jos\u{e9} \u{c1}lvarez Mr\u{2003}Li\u{3000}Wei\u{85}x\u{202f}y O'Neil e.g. Bo\rCy",
        ];
        for text in texts {
            let span = Span::new(2, text.len() - 1);
            let masked = [Span::new(9, 13), Span::new(30, 31)];
            let all = segment::tokens(text, span, &[], &masked);
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            // (One buffer for all, as the person scan keeps it.)
            let mut part = Vec::new();
            for &from in &bounds {
                for &at in bounds.iter().filter(|&&at| at > from) {
                    tokenize_part(text, span, &[], &masked, from, at, &mut part);
                    let slice = |t: &[Token]| -> Vec<(Span, String)> {
                        t[segment::index_from(t, from)..segment::index_from(t, at)]
                            .iter()
                            .map(|t| (t.span, t.text.to_string()))
                            .collect()
                    };
                    assert_eq!(slice(&part), slice(&all), "{text:?} {from} {at}");
                }
            }
        }
    }

    /// A quotation's token found by its start is the one a search of the tokens finds.
    #[test]
    fn quote_tokens_are_found_by_their_starts() {
        let texts = [
            "“A,” he said. “B ‘c’ d.” ‘E’ and “F” “G”\n\n“H\n\nI,” she said. “J",
            "<p>“One <b>two</b>,” said Ann.</p><p>“Three” and <q>four</q>.</p>",
            "\"x\"\"y\" “z” ‘’ “”\n\n“multi\n\nparagraph” «guillemets» „low“",
        ];
        for (text, format) in texts.iter().zip([Format::Text, Format::Html, Format::Text]) {
            let markup = markup::read(text, format);
            let paragraphs = segment::paragraphs(text, &markup.regions);
            let (quotes, _) = quote::find(text, &paragraphs, &markup);
            assert!(quotes.len() >= 3, "{text:?}");
            let mut paras =
                Paragraphs::new(text, &paragraphs, &markup.regions, &quotes, CACHED_TOKENS);
            for (n, q) in quotes.iter().enumerate() {
                for p in q.first_paragraph..=q.last_paragraph {
                    let at = paras.part_start(n, p);
                    let tk = paras.get(p);
                    let searched = tk.tokens.iter().position(|t| t.quote() == Some(n));
                    assert!(searched.is_some(), "{text:?} {n} {p}");
                    assert_eq!(tk.quote_token(n, at), searched, "{text:?} {n} {p}");
                    // The binary search finds it: the fallback is not what answers.
                    assert_eq!(segment::index_at(&tk.tokens, at), searched);
                }
            }
        }
    }

    /// `short_or_title` answers as the `split_whitespace` tests it stands for.
    #[test]
    fn short_or_title_answers_as_before() {
        let before = |content: &str| {
            let speechlike = content.ends_with(['.', '!', '?', ',', '…', ':', ';']);
            let words = content.split_whitespace().take(9).count();
            let title = words <= 8
                && content
                    .split_whitespace()
                    .all(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic()));
            !speechlike && (words <= 4 || title)
        };
        let pieces = [
            "A", "a", "Éa", "éa", "1", "-x", "“Q", "\u{a0}", " ", "\u{2003}", "\n", ".", "!", "?",
            ",", "…", ":", ";", "\u{301}b",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
            texts.dedup();
            texts.truncate(20_000);
        }
        for n in 5..=10 {
            texts.push(vec!["Big"; n].join(" "));
            texts.push(vec!["Big"; n].join("\u{a0}") + " small");
            texts.push(vec!["small"; n].join(" "));
        }
        for t in &texts {
            assert_eq!(short_or_title(t), before(t), "{t:?}");
        }
    }

    /// Quotations sharing a mention share its answer, and the speaker it adds is known by the
    /// gender worked out the first time (the later pronoun finds her).
    #[test]
    fn shared_mentions_answer_once() {
        let text = "“We will row,” said Maria Okafor. “We need timber.” Later Tom Lee came. \
                    “The river is high,” she said. “It is,” Okafor said. “Yes,” Okafor said.";
        let names: Vec<(Option<String>, Resolution)> = analyse(text, Format::Text)
            .quotes
            .iter()
            .map(|a| {
                let sp = a.speaker.as_ref().unwrap();
                (sp.name.clone(), sp.resolution)
            })
            .collect();
        let maria = Some("Maria Okafor".to_string());
        assert_eq!(names[0], (maria.clone(), Resolution::AsWritten));
        assert_eq!(names[1], names[0]);
        assert_eq!(names[2].0, maria);
        assert_eq!(names[3], (maria.clone(), Resolution::Surname));
        assert_eq!(names[4], names[3]);
    }

    /// The people before a position are the stretch of `seen` the old filter kept, nearest
    /// first: `seen` stays in text order however the pronouns ask (here back and forth).
    #[test]
    fn persons_before_answers_as_the_filter() {
        let mut checked = 0;
        for_each_corpus_article(|path, text, format| {
            let markup = markup::read(text, format);
            let paragraphs = segment::paragraphs(text, &markup.regions);
            let (quotes, _) = quote::find(text, &paragraphs, &markup);
            let paras = Paragraphs::new(text, &paragraphs, &markup.regions, &quotes, 0);
            let mut names = Names::new(paras);
            let steps = (0..text.len()).step_by(97).flat_map(|at| [at, at / 2]);
            for at in steps.filter(|&at| text.is_char_boundary(at)) {
                names.read_persons_to(at);
                let lo = persons_window_start(text, at);
                let filtered: Vec<&Seen> = names
                    .seen
                    .iter()
                    .rev()
                    .filter(|(pos, _, _)| *pos >= lo && *pos < at)
                    .collect();
                let stretch: Vec<&Seen> = names.persons_before(at).iter().rev().collect();
                assert_eq!(stretch, filtered, "{} at {at}", path.display());
                checked += usize::from(!filtered.is_empty());
            }
        });
        assert!(checked > 100, "only {checked} positions with people");
    }

    /// A full name is built as `format!` built it.
    #[test]
    fn full_names_are_formatted_as_before() {
        for (first, surname) in [
            ("Dmitry", "Peskov"),
            ("", "X"),
            ("Élodie", "Roux"),
            ("J.", ""),
        ] {
            assert_eq!(full_name_of(first, surname), format!("{first} {surname}"));
        }
    }

    /// A name borrowed from the text is its words joined by single spaces, as it was built.
    #[test]
    fn joined_names_are_the_words_joined() {
        let text = "Anne Smith  Jo\tLi\u{a0}Wei Mr. Bo Cy O'Neil-Ng Ed\u{202f}Fo Gil\nHu Ava Bell ";
        let tokens = segment::tokens(text, Span::new(0, text.len()), &[], &[]);
        for i in 0..tokens.len() {
            for j in i..(i + 4).min(tokens.len()) {
                let named = tokens[i..j].iter().filter(|t| t.is_word());
                let want = named.clone().map(|t| t.text).collect::<Vec<_>>().join(" ");
                assert_eq!(joined(text, named), want);
            }
        }
    }

    /// The lists whose words stop a run of name words (`not_name_words`).
    const STOPS: [&[&str]; 5] = [
        lexicon::BOUNDARIES,
        lexicon::DETERMINERS,
        lexicon::TITLES,
        lexicon::ROLES,
        lexicon::QUANTITIES,
    ];

    /// The gender the first-name lists give `w`: male if on both.
    fn listed_gender(w: &str) -> Gender {
        if contains(lexicon::MALE_NAMES, w) {
            Gender::Male
        } else if contains(lexicon::FEMALE_NAMES, w) {
            Gender::Female
        } else {
            Gender::Unknown
        }
    }

    #[test]
    fn word_tables_answer_as_the_lists() {
        let names = [lexicon::MALE_NAMES, lexicon::FEMALE_NAMES];
        for w in probes(&[&STOPS[..], &names[..]].concat()) {
            let w = w.as_str();
            assert_eq!(is_title(w), contains(lexicon::TITLES, w), "{w}");
            assert_eq!(is_determiner(w), contains(lexicon::DETERMINERS, w), "{w}");
            let stop = STOPS.iter().any(|l| contains(l, w));
            assert_eq!(not_name_words().contains(w), stop, "{w}");
            assert_eq!(first_name_gender(w), listed_gender(w), "{w}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// A mention's gender read from its words split once answers as `gender_of`.
        #[test]
        fn gender_from_split_words_as_before(
            mention in "((Mr|Ms|Mrs|Sen|Queen|Anne|John|Lee|x)\\.?[ \t\u{a0}\u{202f},]{1,2}){0,4}",
            name in "(Anne|John|Lee|Mr\\.?)?[ \u{2003}]?(Lee|Smith)?",
        ) {
            let split: Vec<&str> = words(&mention).collect();
            proptest::prop_assert_eq!(
                gender_of_words(&name, &split),
                gender_of(&name, &mention)
            );
        }

        /// A word set's filter (and the first names') turns away only words of none of its
        /// lists.
        #[test]
        fn word_set_filter_keeps_listed_words(w in "[a-zA-Z@`'.\\-é]{0,17}") {
                let w = w.as_str();
            proptest::prop_assert_eq!(
                not_name_words().contains(w),
                STOPS.iter().any(|l| contains(l, w))
            );
            proptest::prop_assert_eq!(is_title(w), contains(lexicon::TITLES, w));
            proptest::prop_assert_eq!(first_name_gender(w), listed_gender(w));
        }
    }

    /// The speaker written for each quotation of `text`.
    fn speakers(text: &str) -> Vec<Option<&str>> {
        analyse(text, Format::Text)
            .quotes
            .iter()
            .map(|a| a.speaker.as_ref().map(|s| s.mention.text(text)))
            .collect()
    }

    #[test]
    fn own_subject_goes_before_earlier_quote() {
        assert_eq!(
            speakers(
                "“We will row,” said Rowan Achebe. She wants the insurer to pay for “every slate.”"
            ),
            [Some("Rowan Achebe"), Some("She")]
        );
        assert_eq!(
            speakers(
                "“It is fine,” Osei said. Achebe expects the work to take “the whole spring.”"
            ),
            [Some("Osei"), Some("Achebe")]
        );
        // A quote-only sentence, or one whose subject speaks for no one, continues.
        assert_eq!(
            speakers("“We have boats,” Osei said. “We need timber.”"),
            [Some("Osei"), Some("Osei")]
        );
        assert_eq!(
            speakers("“We have boats,” Osei said. The roof is “a total loss.”"),
            [Some("Osei"), Some("Osei")]
        );
    }
}
