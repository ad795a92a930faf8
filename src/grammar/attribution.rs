//! Attribution cues: the words that tie a quotation to its speaker within one sentence.
//!
//! Each pattern is a small parser over the tokens of a paragraph, where a quotation is a single
//! token. `find` tries them in order of how reliably they name the speaker.

use nom::Parser;
use nom::branch::alt;
use nom::combinator::opt;

use super::lexicon;
use super::speaker::{self, Mention};
use super::{PResult, Tokens, punct, tok, word};
use crate::segment::Token;
use crate::span::Span;

/// Which pattern linked a quote to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pattern {
    /// `“…,” said X` / `“…,” says economist Raj Patel`
    QuoteVerbSpeaker,
    /// `“…,” X said` / `“…,” the statement said`
    QuoteSpeakerVerb,
    /// `… “…,” according to X`
    AccordingTo,
    /// `X said: “…”`, `X said, “…”`, `X said that … “…”`, `X called Y a “…”`
    SpeakerVerbQuote,
    /// `Said X: “…”`
    VerbSpeakerQuote,
    /// `X …, stating …“…”`: the subject of the clause the participle hangs on.
    Participle,
    /// `X: “…”` at the start of a sentence (headlines, transcripts).
    Colon,
    /// `“…” is a disaster, X said.`: the cue closes the sentence.
    SentenceFinal,
    /// `“…”` closing a paragraph, signed on the next: `— Hillary Clinton.`
    Byline,
}

/// A cue found for a quotation: the cue words and who they name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub span: Span,
    pub speaker: Mention,
    pub pattern: Pattern,
}

/// How far a cue may stand from its quotation, in tokens: keeps every search constant-time.
const REACH: usize = 40;

/// The cue for the quotation token at `q` in the sentence `tokens[sentence.0..sentence.1]`,
/// where `tokens` is its whole paragraph.
pub fn find(tokens: &[Token], sentence: (usize, usize), q: usize) -> Option<Cue> {
    // A fragment that closes its sentence (`… called it “a disgrace.” She said …`) takes no
    // cue from the next sentence; a quotation opening its sentence may (`“Why?” Smith asked.`).
    let (s, e) = sentence;
    let reach = if q > s { e } else { tokens.len() };
    let after = &tokens[q + 1..reach.min(q + 1 + REACH)];
    // `according to` names the source of everything in its sentence, even after another cue:
    // `“…,” Walker said, according to an Associated Press account.`
    // A quotation that is a whole sentence (`“…?” O’Malley said, according to the Sun.`) takes
    // its source from the sentence it opens.
    let source_sentence = if q == s && e == q + 1 {
        (s, tokens.len().min(q + 1 + REACH))
    } else {
        sentence
    };
    // `When someone in the audience shouted, “Cruz,” Beck joked …`: inside a clause opened by
    // `when`, `as`, `after`, the cue of that clause owns the quote; the main clause's cue after
    // it is someone's reaction.
    // The clause must run unbroken up to the quote (a comma right before it aside).
    let subordinate = q > s + 1
        && speaker::one_of(SUBORDINATORS, tokens[s].text)
        && !tokens[s + 1..q - 1]
            .iter()
            .any(|t| matches!(t.text, "," | "—" | "–" | ";" | ":"));
    let before = || before_quote(tokens, sentence, q);
    let cue = according_to_in(tokens, source_sentence, q)
        .or_else(|| subordinate.then(before).flatten())
        .or_else(|| after_quote(after))
        .or_else(|| expressive_after_quote(&tokens[q], after))
        .or_else(|| dash_signature(after))
        .or_else(|| passive_by_after(tokens, s, q, after))
        // `…, saying the Ohio Republican was “…,” CNN reported.`: a cue closing the sentence
        // frames everything in it, inner cues included.
        .or_else(|| sentence_final(tokens, sentence, q))
        .or_else(|| before_quote(tokens, sentence, q))?;
    Some(poll_source(tokens, s, &cue).unwrap_or(cue))
}

/// `In a CNN/ORC poll released Monday, 31% of Republicans said they were “…”`: the share of
/// respondents speaks through the poll, which is the source.
fn poll_source(tokens: &[Token], s: usize, cue: &Cue) -> Option<Cue> {
    // Only a sentence opened by `In` has the poll phrase (see `opening_phrase`): that one test
    // before the search for the mention and the share (asked of every cue found).
    if !tokens.get(s)?.text.eq_ignore_ascii_case("in") {
        return None;
    }
    let first = crate::segment::index_at(tokens, cue.speaker.span.start)?;
    // The mention may start after the number: `31%` + `of Republicans`.
    let share = tokens[first.saturating_sub(2).max(s)..]
        .iter()
        .take(5)
        .any(|t| {
            t.text == "%"
                || t.text.eq_ignore_ascii_case("percent")
                || t.text.starts_with(|c: char| c.is_ascii_digit())
        });
    if !share {
        return None;
    }
    let poll = opening_phrase(tokens, s, first, &["poll", "study", "survey"])?;
    Some(Cue {
        span: cue.span,
        speaker: poll,
        pattern: cue.pattern,
    })
}

/// Skips the separator between a quotation and its cue: `“…”, he said`, `“…” — he said`.
fn separator<'t>(input: Tokens<'t>) -> PResult<'t, Option<&'t Token<'t>>> {
    opt(alt((punct(","), punct("—"), punct("–")))).parse(input)
}

/// A reporting verb, with the particle some need: `said`, `told`, `put it`, `pointed out`.
fn reporting_verb<'t>(input: Tokens<'t>) -> PResult<'t, Span> {
    let (rest, verb) = tok(|t| lexicon::is_verb_token(t)).parse(input)?;
    match lexicon::needs_particle(verb.text) {
        Some(particles) => {
            let (rest, p) =
                tok(|t| t.is_word() && particles.iter().any(|p| t.text.eq_ignore_ascii_case(p)))
                    .parse(rest)?;
            Ok((rest, verb.span.cover(p.span)))
        }
        None => Ok((rest, verb.span)),
    }
}

/// Auxiliaries and adverbs between a subject and its verb: `has also`, `repeatedly`.
fn adverbs<'t>(input: Tokens<'t>) -> PResult<'t, ()> {
    let n = input
        .iter()
        .take_while(|t| {
            t.is_word()
                && (lexicon::contains(lexicon::AUXILIARIES, t.text)
                    || (t.text.len() > 4 && t.text.ends_with("ly")))
        })
        .count();
    Ok((&input[n..], ()))
}

/// `(D-Ore.)`, `(R)`: a short bracket after a name, its party and state. Returns the `)`.
fn parenthetical<'t>(input: Tokens<'t>) -> PResult<'t, Span> {
    let fail = || nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify));
    let (rest, _) = punct("(").parse(input)?;
    let close = rest
        .iter()
        .take(8)
        .position(|t| t.is_punct(")"))
        .ok_or_else(fail)?;
    if rest[..close].iter().any(|t| t.quote().is_some()) {
        return Err(fail());
    }
    Ok((&rest[close + 1..], rest[close].span))
}

/// `, <appositive or relative clause>,` after a name: `, the city’s chief auditor,`
/// `, who spoke in Ohio,`. At most 16 tokens, no quotation inside.
fn aside<'t>(input: Tokens<'t>) -> PResult<'t, ()> {
    let fail = || nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify));
    let (rest, _) = punct(",").parse(input)?;
    // The aside ends at a comma followed by the verb; it may hold commas of its own
    // (`, assistant secretary for population, refugees, and migration,`).
    let mut commas = rest
        .iter()
        .take(30)
        .take_while(|t| {
            (t.quote().is_none() || is_short_title(t))
                && (!t.is_punct(".") || is_abbreviation_dot(rest, t))
        })
        .enumerate()
        .filter(|(_, t)| t.is_punct(","))
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .take(4)
        .peekable();
    let first = *commas.peek().ok_or_else(fail)?;
    let close = commas
        .find(|&i| {
            let after = &rest[i + 1..];
            let after = &after[after
                .iter()
                .take_while(|t| {
                    t.is_word()
                        && (lexicon::contains(lexicon::AUXILIARIES, t.text)
                            || t.text.ends_with("ly"))
                })
                .count()..];
            after.first().is_some_and(|t| lexicon::is_verb_token(t))
        })
        .unwrap_or(first);
    Ok((&rest[close + 1..], ()))
}

/// `“Ted Cruz”` in `wearing “Ted Cruz” campaign pins`: a quoted name or title of a few words
/// with no sentence punctuation inside, which may stand inside an aside.
fn is_short_title(t: &Token) -> bool {
    // (Words counted only up to the fifth: a quotation may be long.)
    speaker::inner_punct(t).is_none() && t.text.split_whitespace().nth(4).is_none()
}

/// The dot of an abbreviation inside an aside (`of Raleigh, N.C., who`): glued to a short word
/// and followed by a comma.
fn is_abbreviation_dot(tokens: &[Token], dot: &Token) -> bool {
    let Some(i) = crate::segment::index_at(tokens, dot.span.start) else {
        return false;
    };
    i > 0
        && tokens[i - 1].span.end == dot.span.start
        && tokens[i - 1].text.len() <= 4
        && tokens.get(i + 1).is_some_and(|n| n.is_punct(","))
}

/// A short prepositional phrase between a speaker and the verb: `a staffer in the room
/// wondered`, `a voice-over in the ad states`. At most six words, and a verb must follow.
fn place<'t>(input: Tokens<'t>) -> PResult<'t, ()> {
    let fail = || nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify));
    let first = input.first().ok_or_else(fail)?;
    if !speaker::one_of(
        &["at", "from", "in", "inside", "on", "outside", "with"],
        first.text,
    ) {
        return Err(fail());
    }
    let words = input[1..]
        .iter()
        .take(6)
        .take_while(|t| t.is_word() && !lexicon::is_inflected_verb_token(t))
        .count();
    let after = &input[1 + words..];
    if words > 0 && after.first().is_some_and(|t| lexicon::is_verb_token(t)) {
        Ok((after, ()))
    } else {
        Err(fail())
    }
}

/// `according to <Speaker>`
fn according_to<'t>(input: Tokens<'t>) -> PResult<'t, Cue> {
    let (rest, (a, t, speaker)) = (word("according"), word("to"), speaker::forward).parse(input)?;
    let _ = a;
    Ok((
        rest,
        Cue {
            span: input[0].span.cover(t.span),
            speaker,
            pattern: Pattern::AccordingTo,
        },
    ))
}

/// `<Verb> <Speaker>`: `said Smith`, `says economist Raj Patel`, `added the statement`.
fn verb_speaker<'t>(input: Tokens<'t>) -> PResult<'t, Cue> {
    // `told a news conference`, `called it`: the phrase after these verbs is not the speaker.
    // (`“Come here!” called Mrs. Rachel` is hers: a name after `called` still speaks.)
    // (`“…?” asked Sen. Mikulski` and `“…,” warned Smith` name the speaker; `told` never does.)
    // (Compared in place, any case: asked after every quotation, a lower-cased copy cost an
    // allocation.)
    let starts = |t: &Token, p: &str| {
        t.text
            .as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    };
    let tells = |t: &Token| {
        starts(t, "tell")
            || t.text.eq_ignore_ascii_case("told")
            || starts(t, "inform")
            || starts(t, "brief")
    };
    // Without a reporting verb first there is no cue: the cheap test before the others.
    if input
        .first()
        .is_none_or(|t| !lexicon::is_verb_token(t) || tells(t))
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    // A bare lemma other than `say` (`“…,” say officials`) or a past like `read` is a modifier
    // here: `state Rep.`.
    if input.first().is_some_and(|t| {
        // (`is_own_past` last: it lower-cases a copy of the word.)
        lexicon::is_lemma(t.text)
            && !t.text.eq_ignore_ascii_case("say")
            && !lexicon::is_own_past(t.text)
    }) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, (verb, speaker)) = (reporting_verb, speaker::forward).parse(input)?;
    if input.first().is_some_and(|t| lexicon::takes_object(t.text))
        && speaker.kind != speaker::MentionKind::Name
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, speaker) = named_in_apposition(rest, speaker);
    Ok((
        rest,
        Cue {
            span: verb,
            speaker,
            pattern: Pattern::QuoteVerbSpeaker,
        },
    ))
}

/// `said the group's chairwoman, Teresa Kowalczyk.`: a name in apposition closes a
/// description that follows its cue; the mention covers both.
fn named_in_apposition<'t>(rest: Tokens<'t>, speaker: Mention) -> (Tokens<'t>, Mention) {
    if speaker.kind == speaker::MentionKind::Description
        && let [comma, after @ ..] = rest
        && comma.is_punct(",")
        && let Ok((tail, name)) = speaker::forward(after)
        && name.kind == speaker::MentionKind::Name
        && tail.first().is_none_or(|t| !t.is_word())
    {
        let both = speaker::Mention {
            span: speaker.span.cover(name.span),
            ..speaker
        };
        return (tail, both);
    }
    (rest, speaker)
}

/// `<Speaker> [, aside,] [adverbs] <Verb>`: `Smith said`, `the statement said`,
/// `Maria Lopez, the city’s chief auditor, said`, `he also told reporters`.
fn speaker_verb<'t>(input: Tokens<'t>) -> PResult<'t, Cue> {
    let (after_speaker, speaker) = coordinated(input)?;
    let (rest, (party, aside, _, _, verb)) = (
        opt(parenthetical),
        opt(aside),
        opt(place),
        adverbs,
        reporting_verb,
    )
        .parse(after_speaker)?;
    // `Rep. Earl Blumenauer (D-Ore.) said`: the brackets belong to the name.
    let speaker = match party {
        Some(close) => speaker::Mention {
            span: speaker.span.cover(close),
            ..speaker
        },
        None => speaker,
    };
    // `the company's chief engineer, Farid Hassan, said`: the aside names the speaker.
    let speaker = match aside {
        Some(()) if speaker.kind == speaker::MentionKind::Description => {
            let closing = after_speaker.len() - rest.len();
            let last = after_speaker[..closing].iter().rev().find(|t| {
                !t.is_punct(",") && !t.is_word()
                    || t.is_word()
                        && !lexicon::is_verb_token(t)
                        && !lexicon::contains(lexicon::AUXILIARIES, t.text)
            });
            match last {
                Some(t) => speaker::Mention {
                    span: speaker.span.cover(t.span),
                    ..speaker
                },
                None => speaker,
            }
        }
        _ => speaker,
    };
    Ok((
        rest,
        Cue {
            span: verb,
            speaker,
            pattern: Pattern::QuoteSpeakerVerb,
        },
    ))
}

/// `<Speaker> [and <Speaker>]`: `“…,” Dovere and Debenedetti wrote`, `the senator and his
/// wife said`. Two people sharing one verb both speak; the mention covers both.
fn coordinated<'t>(input: Tokens<'t>) -> PResult<'t, Mention> {
    let (rest, first) = speaker::forward(input)?;
    if let [and, tail @ ..] = rest
        && and.text == "and"
        && let Ok((rest, second)) = speaker::forward(tail)
    {
        let both = Mention {
            span: first.span.cover(second.span),
            ..first
        };
        return Ok((rest, both));
    }
    Ok((rest, first))
}

/// Directly after the quotation: `“…,” said X`, `“…,” X said`, `“…,” according to X`.
fn after_quote(after: &[Token]) -> Option<Cue> {
    let (rest, _) = separator(after).ok()?;
    // `“…,” as Cruz said on Monday`.
    let rest = match rest {
        [as_, tail @ ..] if as_.text.eq_ignore_ascii_case("as") => tail,
        _ => rest,
    };
    // `“…” – as described by FBI Director James Comey –`: the agent of `as <verb>ed by`.
    if let [verb, by, agent @ ..] = rest
        && verb.is_word()
        && verb.text.ends_with("ed")
        && lexicon::is_verb_token(verb)
        && by.text == "by"
        && let Ok((_, speaker)) = speaker::forward(agent)
    {
        return Some(Cue {
            span: verb.span,
            speaker,
            pattern: Pattern::QuoteVerbSpeaker,
        });
    }
    // Without `according` first or a reporting verb somewhere, no alternative can match: the
    // speaker phrase of `speaker_verb` is not read (most quotations have no cue after them).
    let according = rest
        .first()
        .is_some_and(|t| t.text.eq_ignore_ascii_case("according"));
    if !according && !holds_verb(rest) {
        return None;
    }
    alt((according_to, verb_speaker, speaker_verb))
        .parse(rest)
        .ok()
        .map(|(_, cue)| cue)
}

/// Whether any of `tokens` is a reporting verb, which `speaker_verb`, `verb_speaker` and
/// `reporting_verb` all need.
fn holds_verb(tokens: &[Token]) -> bool {
    tokens.iter().any(lexicon::is_verb_token)
}

/// `“…!” beamed Donald Hartley`, `“…,” the nominee riffed`: after speech closed by a comma,
/// `!` or `?` inside its marks, any past-tense verb next to a name is a cue, the way writers
/// vary `said`. Only a name, or a phrase opened by a determiner, may speak this way.
fn expressive_after_quote(quote: &Token, after: &[Token]) -> Option<Cue> {
    // (A word after the quotation first: most quotations that get this far close their
    // sentence, and that test is cheaper than reading the marks.)
    let (rest, _) = separator(after).ok()?;
    let first = rest.first()?;
    if !matches!(speaker::inner_punct(quote), Some(',' | '!' | '?')) {
        return None;
    }
    let past = |t: &Token| {
        t.is_word()
            && !t.is_capitalized()
            && t.text.len() > 4
            && t.text.ends_with("ed")
            && !lexicon::contains(lexicon::AUXILIARIES, t.text)
            && !lexicon::contains(lexicon::BOUNDARIES, t.text)
    };
    let speaks = |m: &speaker::Mention| m.kind == speaker::MentionKind::Name;
    if past(first) {
        let (_, speaker) = speaker::forward(&rest[1..]).ok()?;
        return speaks(&speaker).then_some(Cue {
            span: first.span,
            speaker,
            pattern: Pattern::QuoteVerbSpeaker,
        });
    }
    let (tail, speaker) = speaker::forward(rest).ok()?;
    let verb = tail.first().filter(|t| past(t))?;
    // `the spokesman added`, not `the number needed to …`.
    let determined = lexicon::contains(lexicon::DETERMINERS, first.text)
        && tokens_at(rest, speaker.head).is_some_and(|h| {
            lexicon::contains(lexicon::ROLES, h.text)
                || lexicon::contains(lexicon::DOCUMENTS, h.text)
        });
    (speaks(&speaker) || determined).then_some(Cue {
        span: verb.span,
        speaker,
        pattern: Pattern::QuoteSpeakerVerb,
    })
}

/// A dot or hyphen inside a name (`Sen.`, `Jean-Luc`), which an addressee may hold.
fn is_name_punct(t: &Token) -> bool {
    matches!(t.text, "." | "-" | "’" | "'")
}

/// The token whose span is `span`.
fn tokens_at<'t>(tokens: &'t [Token<'t>], span: Span) -> Option<&'t Token<'t>> {
    crate::segment::index_at(tokens, span.start)
        .map(|i| &tokens[i])
        .filter(|t| t.span == span)
}

/// `according to X` anywhere in the sentence outside quotations: it names the source of every
/// quotation in the sentence (`Putin “…,” with both leaders agreeing …, according to the
/// Kremlin statement`).
fn according_to_in(tokens: &[Token], (s, e): (usize, usize), q: usize) -> Option<Cue> {
    // `According to …` often opens a long sentence: look further than for verbs.
    let lo = s.max(q.saturating_sub(3 * REACH));
    let hi = e.min(q + 3 * REACH);
    // One pass for both phrases, the length telling most tokens apart (a paragraph of a
    // million quotations asks this of every one): `according to` anywhere wins over the first
    // `in the words of`, which stands nearer (within `REACH`).
    let mut in_words = None;
    // (A search for the next token that may open either phrase, its index worked out only
    // there: the scan of the other tokens keeps no more counters than that search.)
    let mut from = lo;
    while let Some(k) = tokens[from..hi].iter().position(may_open_source_phrase) {
        let i = from + k;
        from = i + 1;
        let t = tokens[i].text.as_bytes();
        match t.len() {
            9 if i != q && t.eq_ignore_ascii_case(b"according") => {
                if let Ok((_, c)) = according_to(&tokens[i..e]) {
                    return Some(c);
                }
            }
            2 if in_words.is_none()
                && i != q
                && i + REACH >= q
                && i <= q + REACH
                && t.eq_ignore_ascii_case(b"in") =>
            {
                in_words = in_words_of(&tokens[i..e]).ok().map(|(_, c)| c);
            }
            _ => {}
        }
    }
    in_words
}

/// Whether `t` may open `according to` (nine bytes) or `in the words of` (`in`, any case):
/// the scan of `according_to_in` stops only there. (`| 0x2020` lower-cases the two letters and
/// makes no other bytes into them.)
fn may_open_source_phrase(t: &Token) -> bool {
    let b = t.text.as_bytes();
    b.len() == 9
        || b.len() == 2 && u16::from_le_bytes([b[0], b[1]]) | 0x2020 == u16::from_le_bytes(*b"in")
}

/// `in the words of <Speaker>`, `in the view of <Speaker>`, `in <Name>’s words|view`: like
/// `according to`, the phrase names the source of the quotation in its sentence
/// (`she doesn’t like “surprises,” in the words of one top staffer`).
fn in_words_of<'t>(input: Tokens<'t>) -> PResult<'t, Cue> {
    let fail = || nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify));
    let words = |t: &Token| t.is_word() && speaker::one_of(&["view", "words"], t.text);
    let (rest, _) = word("in").parse(input)?;
    if let Ok((rest, (_, _, of, speaker))) =
        (word("the"), tok(words), word("of"), speaker::forward).parse(rest)
    {
        let (rest, speaker) = named_in_apposition(rest, speaker);
        let cue = input[0].span.cover(of.span);
        return Ok((
            rest,
            Cue {
                span: cue,
                speaker,
                pattern: Pattern::AccordingTo,
            },
        ));
    }
    // `in Bolton’s view`: the name without its possessive ending speaks.
    let (rest, (owner, noun)) = (tok(|t| t.is_capitalized()), tok(words)).parse(rest)?;
    let stem = owner
        .text
        .strip_suffix("’s")
        .or_else(|| owner.text.strip_suffix("'s"))
        .filter(|stem| speaker::is_possessive(owner) && !stem.is_empty())
        .ok_or_else(fail)?;
    let name = Span::new(owner.span.start, owner.span.start + stem.len());
    let speaker = Mention {
        span: name,
        kind: speaker::MentionKind::Name,
        name: Some(name),
        head: name,
        antecedent: None,
    };
    Ok((
        rest,
        Cue {
            span: input[0].span.cover(noun.span),
            speaker,
            pattern: Pattern::AccordingTo,
        },
    ))
}

/// A reporting verb before the quotation in the same sentence: `X said: “…”`, `X said that
/// … “…”`, `X called Y a “…”`, `Said X: “…”`, `…, stating … “…”`.
fn before_quote(tokens: &[Token], (s, _): (usize, usize), q: usize) -> Option<Cue> {
    let lo = s.max(q.saturating_sub(REACH));
    let closed = relative_clauses(tokens, lo, q);
    let cue = (lo..q)
        .rev()
        .filter(|&v| may_be_verb(tokens, s, v) && !closed.iter().any(|r| r.contains(&v)))
        .find_map(|v| verb_cue(tokens, s, v, q));
    let Some(cue) = cue else {
        return colon(tokens, s, q);
    };
    // `Clinton claimed that statements by Trump calling for a ban make him “…”`: a participle
    // inside the that-clause of an earlier reporting verb reports for that verb's subject.
    if cue.pattern == Pattern::Participle
        && let Some(v) = crate::segment::index_at(tokens, cue.span.start)
        && let Some(outer) = (s.max(v.saturating_sub(REACH))..v)
            .rev()
            .take_while(|&i| !tokens[i].is_punct(",") && tokens[i].quote().is_none())
            .filter(|&i| tokens.get(i + 1).is_some_and(|t| t.text == "that"))
            .find_map(|i| verb_cue(tokens, s, i, q))
            .filter(|o| o.pattern != Pattern::Participle)
    {
        return Some(outer);
    }
    // `Bolton said he would advise Trump on “…”`: a pronoun right after a reporting verb
    // (and `that`) reports for that verb's subject, who is the source.
    if let Some(p) = crate::segment::index_at(tokens, cue.speaker.span.start) {
        // (`Rubio said that over the last five days he …`: a short adverbial may follow `that`.)
        let that = (s.max(p.saturating_sub(8))..p)
            .rev()
            .take_while(|&i| tokens[i].is_word() && !lexicon::is_verb_token(&tokens[i]))
            .find(|&i| tokens[i].text == "that");
        let mut k = that.unwrap_or(p);
        // `He said, however, that he hopes “…”`: past a parenthetical adverb.
        if k >= s + 3
            && tokens[k - 1].is_punct(",")
            && tokens[k - 3].is_punct(",")
            && lexicon::contains(lexicon::SENTENCE_ADVERBS, tokens[k - 2].text)
        {
            k -= 3;
        }
        // (`pointed out that`: the verb may stand before its particle.)
        let particle = k > s + 1
            && lexicon::needs_particle(tokens[k - 2].text).is_some_and(|ps| {
                ps.iter()
                    .any(|p| tokens[k - 1].text.eq_ignore_ascii_case(p))
            });
        let outer_verb = if particle {
            k.saturating_sub(2)
        } else {
            k.saturating_sub(1)
        };
        if k > s
            && let Some(outer) = verb_cue(tokens, s, outer_verb, q)
            && outer.pattern != Pattern::Participle
        {
            return Some(outer);
        }
        // `The president told NPR correspondent Steve Inskeep that he …`: past the addressee of
        // a verb of telling.
        // (`a woman told him she worries he’s “…”`: the addressee a pronoun.)
        let told_pronoun = k == p
            && p >= s + 2
            && speaker::one_of(&["her", "him", "me", "them", "us"], tokens[p - 1].text)
            && lexicon::takes_addressee(tokens[p - 2].text);
        if k > s && k < p || told_pronoun {
            let told = (s.max(k.saturating_sub(7))..k)
                .rev()
                .take_while(|&i| tokens[i].is_word() || is_name_punct(&tokens[i]))
                .find(|&i| lexicon::takes_addressee(tokens[i].text));
            if let Some(v) = told
                && let Some(outer) = verb_cue(tokens, s, v, q)
                && outer.pattern != Pattern::Participle
            {
                return Some(outer);
            }
        }
    }
    Some(cue)
}

/// `In an interview with The New York Times Magazine published Wednesday,`: the opening
/// phrase of the sentence at `s`, before the verb at `v`, if it names an interview.
fn interview(tokens: &[Token], s: usize, v: usize) -> Option<Mention> {
    opening_phrase(tokens, s, v, &["interview", "podcast", "q&a"])
}

/// The phrase between an opening `In` and the first comma before `limit`, when one of `heads`
/// stands in it: `In a national CNN/ORC poll released Monday,` → that poll.
fn opening_phrase(
    tokens: &[Token],
    s: usize,
    limit: usize,
    heads: &'static [&'static str],
) -> Option<Mention> {
    if !tokens.get(s)?.text.eq_ignore_ascii_case("in") {
        return None;
    }
    let comma = (s + 1..limit).find(|&i| tokens[i].is_punct(","))?;
    let head = tokens[s + 1..comma]
        .iter()
        .find(|t| speaker::one_of(heads, t.text))?;
    Some(speaker::Mention {
        span: Span::new(tokens[s + 1].span.start, tokens[comma - 1].span.end),
        kind: speaker::MentionKind::Description,
        name: None,
        head: head.span,
        antecedent: None,
    })
}

/// `has been called “strategic ambiguity” by Joshua Hendrick`, `labeled a “witch hunt” by
/// Democrats`: a passive verb of naming before the quotation, its agent after it.
fn passive_by_after(tokens: &[Token], s: usize, q: usize, after: &[Token]) -> Option<Cue> {
    let namers: &[&str] = &[
        "branded",
        "called",
        "described",
        "dubbed",
        "hailed",
        "labeled",
        "labelled",
        "termed",
    ];
    // The agent first: most quotations have no `by` after them.
    let (by, rest) = after.split_first()?;
    if by.text != "by" {
        return None;
    }
    let verb = (s.max(q.saturating_sub(4))..q)
        .rev()
        .find(|&i| speaker::one_of(namers, tokens[i].text))?;
    // Before it: a form of `be`, `as`, or the comma or dash opening an aside, adverbs aside.
    let mut b = verb;
    while b > s && lexicon::contains(lexicon::AUXILIARIES, tokens[b - 1].text) {
        b -= 1;
    }
    let before: &[&str] = &["as", "be", "been", "being", "is", "was", "were"];
    let passive = b > s
        && b < verb + 1
        && (speaker::one_of(before, tokens[b - 1].text)
            || matches!(tokens[b - 1].text, "," | "—" | "–" | "(")
            || b < verb && speaker::one_of(&["was", "were"], tokens[b].text));
    if !passive {
        return None;
    }
    let (_, speaker) = speaker::forward(rest).ok()?;
    Some(Cue {
        span: tokens[verb].span,
        speaker,
        pattern: Pattern::QuoteVerbSpeaker,
    })
}

/// `, which the Tax Foundation estimates would cost …,`: relative clauses closed before the
/// quotation at `q`, between `lo` and `q`. Their verbs govern nothing outside them.
fn relative_clauses(tokens: &[Token], lo: usize, q: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for i in lo..q.saturating_sub(1) {
        let t = &tokens[i];
        if t.is_punct(",")
            && tokens
                .get(i + 1)
                .is_some_and(|n| speaker::one_of(&["which", "who", "whom"], n.text))
        {
            open = Some(i);
        } else if t.is_punct(",")
            && let Some(o) = open.take()
        {
            out.push(o..i + 1);
        }
    }
    out
}

/// The first tests of `verb_at`, which most tokens fail: a reporting verb, and not capitalised
/// inside the sentence (a capitalised form there is a name: `the United States`). Inlined in
/// the scans, which ask it of every token (always: a call per token cost more than the test).
#[inline(always)]
fn may_be_verb(tokens: &[Token], s: usize, v: usize) -> bool {
    let t = &tokens[v];
    // (The case first: it needs no look-up.)
    !(t.is_capitalized() && v > s) && lexicon::is_verb_token(t)
}

/// `lexicon::DETERMINERS` holds the token's text: for a word through the memo of
/// `speaker::is_determiner`, which the phrase readers ask of the same token next.
fn is_determiner_token(t: &Token) -> bool {
    if t.is_word() {
        speaker::is_determiner(t)
    } else {
        lexicon::contains(lexicon::DETERMINERS, t.text)
    }
}

/// Is `tokens[v]` a reporting verb (not a noun of the same spelling)? Returns the cue span.
fn verb_at(tokens: &[Token], s: usize, v: usize, limit: usize) -> Option<Span> {
    let t = &tokens[v];
    if !may_be_verb(tokens, s, v) {
        return None;
    }
    // After a determiner or possessive it is a noun: `a statement`, `his tweet`, `AP’s report`.
    // (`Several said`, `The two said`: a quantity or count on its own is the subject.)
    if v > s
        && (is_determiner_token(&tokens[v - 1])
            && !lexicon::contains(lexicon::QUANTITIES, tokens[v - 1].text)
            && !speaker::is_count_after_determiner(tokens, v - 1)
            || speaker::is_possessive(&tokens[v - 1]))
    {
        return None;
    }
    // A bare lemma (`state`, `report`, `offer`) is a verb only after a plural subject or an
    // auxiliary: `officials say`, `they warn`, `will tell`.
    // (`The two lawmakers, however, argue`: past a parenthetical adverb.)
    let before = if v >= s + 4
        && tokens[v - 1].is_punct(",")
        && tokens[v - 3].is_punct(",")
        && lexicon::contains(lexicon::SENTENCE_ADVERBS, tokens[v - 2].text)
    {
        v - 3
    } else {
        v
    };
    // (`is_own_past` last: it lower-cases a copy of the word.)
    if lexicon::is_lemma(t.text)
        && !(before > s && takes_bare_verb(&tokens[before - 1]))
        && !lexicon::is_own_past(t.text)
    {
        return None;
    }
    reporting_verb(&tokens[v..limit.max(v + 1)])
        .ok()
        .map(|(_, span)| span)
}

/// The cue of the reporting verb at `v`, before a quotation at `q`: who said it.
fn verb_cue(tokens: &[Token], s: usize, v: usize, q: usize) -> Option<Cue> {
    let verb = verb_at(tokens, s, v, q)?;
    let t = &tokens[v];
    let cue = |speaker, pattern| Cue {
        span: verb,
        speaker,
        pattern,
    };
    if is_participle_verb(t) {
        return participle(tokens, s, v).map(|m| cue(m, Pattern::Participle));
    }
    // The phrase before the verb, read at most once whichever reading below asks for it.
    let before = std::cell::OnceCell::new();
    let subject = || *before.get_or_init(|| speaker::backward(&tokens[s..], v - s));
    // `Steve Huhn, a former HP vice president, said Fiorina “…”`: a subject closed by an
    // appositive's comma comes before any inversion.
    if v > s + 1
        && tokens[v - 1].is_punct(",")
        && tokens[v - 2].quote().is_none()
        && let Some(speaker) = subject()
        && (speaker.kind == speaker::MentionKind::Name
            || speaker.kind == speaker::MentionKind::Description
                && tokens[crate::segment::index_from(tokens, speaker.span.start)..v - 1]
                    .iter()
                    .any(|t| t.is_punct(",")))
    {
        return Some(cue(speaker, Pattern::SpeakerVerbQuote));
    }
    // `Said X: “…”`: the speaker follows the verb and runs up to the quote; `…, says X,
    // <appositive>, …`: a parenthetical attribution.
    if let Some(speaker) = inverted_speaker(tokens, s, v, q) {
        return Some(cue(speaker, Pattern::VerbSpeakerQuote));
    }
    if let Some(speaker) = passive_agent(tokens, s, v, q) {
        return Some(cue(speaker, Pattern::VerbSpeakerQuote));
    }
    // `In an interview with the Times Magazine, Trump was asked, “…?”`: the subject of a passive
    // `asked` is who answers; the interview asks.
    if v > s
        && speaker::one_of(&["asked", "questioned"], t.text)
        && speaker::one_of(&["is", "was", "were"], tokens[v - 1].text)
    {
        return interview(tokens, s, v).map(|m| cue(m, Pattern::SpeakerVerbQuote));
    }
    // `found` reports only for a document (`A 2014 report found “…”`) or before `that`: a
    // person `found Trump to be charming`, a Marine `was found guilty`.
    let finds = speaker::one_of(&["find", "finds", "found"], t.text);
    if finds && tokens.get(v + 1).is_none_or(|n| n.text != "that") {
        let speaker = subject()?;
        // (`A report for the council found`: the document may stand before an of-phrase.)
        let start = crate::segment::index_from(tokens, speaker.span.start).clamp(s, v);
        let document = tokens[start.saturating_sub(4).max(s)..v]
            .iter()
            .any(|t| lexicon::contains(lexicon::DOCUMENTS, t.text));
        return document.then_some(cue(speaker, Pattern::SpeakerVerbQuote));
    }
    if let Some(speaker) = subject() {
        if names_a_thing(tokens, &speaker, v) {
            return None;
        }
        // `emails`, `reports`, `tweets` are as often plural nouns: as verbs they follow a
        // name, a pronoun, or a role.
        let plural_noun = t.text.ends_with('s')
            && !t.text.eq_ignore_ascii_case("says")
            && speaker.kind == speaker::MentionKind::Description
            && !tokens_at(tokens, speaker.head).is_some_and(|x| {
                lexicon::contains(lexicon::ROLES, x.text)
                    || lexicon::contains(lexicon::DOCUMENTS, x.text)
            });
        return (!plural_noun).then_some(cue(speaker, Pattern::SpeakerVerbQuote));
    }
    // `X went to Ohio and said “…”`: the verb shares the subject of its clause.
    if v > s && speaker::one_of(COORDINATORS, tokens[v - 1].text) {
        return clause_subject(tokens, s, v - 1).map(|m| cue(m, Pattern::SpeakerVerbQuote));
    }
    None
}

/// `lexicon::is_participle_cue` of a token already known to be a reporting verb: its `-ing`
/// form, tested in place (the lexicon lower-cases a copy of the word).
fn is_participle_verb(t: &Token) -> bool {
    let w = t.text.as_bytes();
    w.len() > 4 && w[w.len() - 3..].eq_ignore_ascii_case(b"ing")
}

/// `a psychology class called “Perception”`, `a show dubbed “Brokers”`: after an indefinite
/// description a naming verb right before the quotation is a reduced relative clause; the
/// quotation names the thing, nobody says it.
fn names_a_thing(tokens: &[Token], subject: &Mention, v: usize) -> bool {
    let namers: &[&str] = &["called", "dubbed", "entitled", "named", "titled"];
    tokens.get(v + 1).is_some_and(|t| t.quote().is_some())
        && subject.kind == speaker::MentionKind::Description
        && speaker::one_of(namers, tokens[v].text)
        && crate::segment::index_at(tokens, subject.span.start)
            .is_some_and(|i| speaker::one_of(&["a", "an"], tokens[i].text))
}

/// `<be> <Verb> by <Speaker>`: in the passive the agent speaks (`Sanders was asked by host Bill
/// Maher, “…”`). Not `was quoted by` or `was cited by`, where the subject still speaks.
fn passive_agent(tokens: &[Token], s: usize, v: usize, q: usize) -> Option<Mention> {
    let be: &[&str] = &["are", "been", "being", "is", "was", "were"];
    // `Asked by Thrush if …, Sharpton …`: a participle opening its clause is passive too.
    let opens = v == s || tokens[v - 1].is_punct(",");
    if !(opens || v > s && speaker::one_of(be, tokens[v - 1].text))
        || speaker::one_of(&["cited", "quoted"], tokens[v].text)
        || tokens.get(v + 1).is_none_or(|t| t.text != "by")
    {
        return None;
    }
    let (_, speaker) = speaker::forward(&tokens[v + 2..q.max(v + 2)]).ok()?;
    Some(speaker)
}

/// `Said X: “…”`, `“…,” said X, adding …`, `…, says X, <appositive>, …`: the speaker after the
/// verb, where the verb opens its clause.
fn inverted_speaker(tokens: &[Token], s: usize, v: usize, q: usize) -> Option<Mention> {
    let verb = tokens[v].text;
    if !(v == s || tokens[v - 1].is_punct(",") || tokens[v - 1].quote().is_some())
        || lexicon::takes_addressee(verb)
        || lexicon::takes_object(verb)
    {
        return None;
    }
    // `said of Sanders: “…”`: about someone, not by them.
    if tokens
        .get(v + 1)
        .is_some_and(|t| speaker::one_of(&["about", "in", "of", "on", "to"], t.text))
    {
        return None;
    }
    let (rest, speaker) = speaker::forward(&tokens[v + 1..q.max(v + 1)]).ok()?;
    // `questioned Trump's “New York values”`: a possessive is the object's owner.
    if crate::segment::index_at(tokens, speaker.head.start)
        .is_some_and(|h| speaker::is_possessive(&tokens[h]))
    {
        return None;
    }
    // `it`, `you` after a verb are its object.
    if tokens
        .get(v + 1)
        .is_some_and(|t| speaker::one_of(&["it", "you"], t.text))
    {
        return None;
    }
    let parenthetical = rest.first().is_some_and(|t| t.is_punct(","))
        && speaker.kind != speaker::MentionKind::Description;
    // `…, said he “appreciates …”`: a pronoun right before the quotation opens a that-clause;
    // only `said he:` or `said he, “…”` is inverted.
    let clause = speaker.kind == speaker::MentionKind::Pronoun && rest.is_empty();
    (!clause && (parenthetical || rest.iter().all(|t| t.is_punct(":") || t.is_punct(","))))
        .then_some(speaker)
}

/// The subject of the clause a participle hangs on: the speaker of an earlier reporting verb
/// in the sentence (`“…,” said Scott, adding that “…”`), or else the subject of the sentence.
/// Without a comma a name before the participle is its subject: `with Trump tweeting “…”`.
fn participle(tokens: &[Token], s: usize, v: usize) -> Option<Mention> {
    // `the campaign is already claiming “…”`: a progressive tense; its subject stands before
    // the form of `be`.
    let mut j = v;
    while j > s && lexicon::contains(lexicon::AUXILIARIES, tokens[j - 1].text) {
        j -= 1;
    }
    if j > s + 1
        && speaker::one_of(&["are", "is", "was", "were"], tokens[j - 1].text)
        && let Some(m) = speaker::backward(&tokens[s..], j - 1 - s)
    {
        return Some(m);
    }
    if v > s
        && !tokens[v - 1].is_punct(",")
        && let Some(m) = speaker::backward(&tokens[s..], v - s)
    {
        // `with many marchers chanting “…”`: after `with` any phrase is the subject.
        let start = crate::segment::index_at(tokens, m.span.start).unwrap_or(0);
        let with = start > 0 && tokens[start - 1].text.eq_ignore_ascii_case("with");
        if m.kind != speaker::MentionKind::Description || with {
            return Some(m);
        }
    }
    for u in (s.max(v.saturating_sub(REACH))..v).rev() {
        // (A word that is no reporting verb is neither below: skipped on its memo.)
        if tokens[u].is_word() && !lexicon::is_verb_token(&tokens[u]) {
            continue;
        }
        if lexicon::is_participle_cue(tokens[u].text) {
            // `with Donald Trump tweeting that … and asking, “…”`: an earlier participle with
            // its own subject shares it.
            if u > s
                && !tokens[u - 1].is_punct(",")
                && let Some(m) = speaker::backward(&tokens[s..], u - s)
                && m.kind == speaker::MentionKind::Name
            {
                return Some(m);
            }
            continue;
        }
        if let Some(cue) = verb_cue(tokens, s, u, v) {
            return Some(cue.speaker);
        }
    }
    subject(tokens, s, v)
}

/// Words after which a bare verb form is a verb: pronouns, modals, plural nouns.
fn takes_bare_verb(t: &Token) -> bool {
    speaker::one_of(
        &[
            "can", "could", "did", "do", "i", "may", "might", "must", "should", "they", "to", "we",
            "will", "would", "you",
        ],
        t.text,
    ) || (t.text.ends_with('s') && lexicon::contains(lexicon::ROLES, t.text))
}

/// Words joining a second verb to the subject of the first (`went and said`).
const COORDINATORS: &[&str] = &["and", "but", "then"];

/// Words opening a subordinate clause whose subject follows them (`When Trump spoke …`).
const SUBORDINATORS: &[&str] = &[
    "after", "although", "as", "because", "before", "if", "once", "since", "though", "when",
    "while",
];

/// The subject of the clause holding `tokens[at]`: the phrase after the last comma or
/// subordinator before it, or after the sentence start.
fn clause_subject(tokens: &[Token], s: usize, at: usize) -> Option<Mention> {
    subject_at(tokens, clause_start(tokens, s, at), at)
}

/// Where the subject of the clause holding `tokens[at]` starts (see `clause_subject`).
fn clause_start(tokens: &[Token], s: usize, at: usize) -> usize {
    let s = after_dateline(tokens, s, at);
    let mut start = s;
    for i in (s.max(at.saturating_sub(REACH))..at).rev() {
        // `Laredo, Texas and explained`: a comma inside a place name opens no clause.
        // (Both asked only at a comma.)
        let place = || {
            i > s
                && tokens[i - 1].is_capitalized()
                && tokens.get(i + 1).is_some_and(|t| t.is_capitalized())
                && tokens
                    .get(i + 2)
                    .is_some_and(|t| t.text == "and" || t.is_punct(","))
        };
        // `he looked into the camera, furrowed his brow and said`: a clause opening with a
        // past tense is one more verb of the same subject; look further back.
        let another_verb = || {
            tokens.get(i + 1).is_some_and(|t| {
                t.is_word() && !t.is_capitalized() && t.text.len() > 4 && t.text.ends_with("ed")
            })
        };
        if tokens[i].is_punct(",") && !place() && !another_verb() || tokens[i].quote().is_some() {
            start = i + 1;
            break;
        }
    }
    // `such as when Cruz …`: joining words before the subject.
    while start < at
        && tokens[start].is_word()
        && !speaker::one_of(lexicon::PRONOUNS, tokens[start].text)
        && (speaker::one_of(SUBORDINATORS, tokens[start].text)
            || lexicon::contains(lexicon::BOUNDARIES, tokens[start].text)
            || tokens[start].text == "such")
    {
        start += 1;
    }
    start
}

/// The subject phrase at `tokens[start]`, before `tokens[at]`: a name or pronoun, or a
/// description opened by a determiner.
fn subject_at(tokens: &[Token], start: usize, at: usize) -> Option<Mention> {
    let (_, m) = speaker::forward(&tokens[start..at]).ok()?;
    (m.kind != speaker::MentionKind::Description
        || lexicon::contains(lexicon::DETERMINERS, tokens[start].text))
    .then_some(m)
}

/// The subject of the clause holding `tokens[at]` when it is a personal pronoun and the
/// clause is not the sentence's first: `…, although she made it clear that …`.
pub fn clause_person(tokens: &[Token], s: usize, at: usize) -> Option<Mention> {
    // Only a clause opened by `he`, `she` or `they` has one: no phrase is read for the others.
    let start = clause_start(tokens, s, at);
    if start >= at || !speaker::one_of(&["he", "she", "they"], tokens[start].text) {
        return None;
    }
    let m = subject_at(tokens, start, at)?;
    let start = crate::segment::index_at(tokens, m.span.start)?;
    let later = tokens[s..start].iter().any(|t| t.is_punct(","));
    let person = match m.kind {
        speaker::MentionKind::Pronoun => {
            speaker::one_of(&["he", "she", "they"], tokens[start].text)
        }
        // (A name after a comma is as often an object: `…, casts Trump as …`.)
        speaker::MentionKind::Name | speaker::MentionKind::Description => false,
    };
    (later && person).then_some(m)
}

/// The possessor of an utterance the quotation at `at` belongs to, within its clause: `her
/// remark that “…”`, `Trump's controversial pledge to be “…”` (her, Trump's).
pub fn utterance_owner(tokens: &[Token], s: usize, at: usize) -> Option<Mention> {
    let from = s.max(at.saturating_sub(12));
    let j = (from + 1..at)
        .rev()
        .take_while(|&j| tokens[j].is_word())
        .find(|&j| lexicon::contains(lexicon::UTTERANCES, tokens[j].text))?;
    // One modifier may come between: `his past comments`.
    let owner = |k: usize| {
        let t = &tokens[k];
        let pronoun = speaker::one_of(&["her", "his", "their"], t.text);
        (pronoun || (speaker::is_possessive(t) && t.is_capitalized())).then_some((k, pronoun))
    };
    let (k, pronoun) = owner(j - 1).or_else(|| {
        (j >= from + 2 && tokens[j - 1].is_word() && !tokens[j - 1].is_capitalized())
            .then(|| owner(j - 2))
            .flatten()
    })?;
    // The quotation is its content (`that …`, `to …`, `for …`, or straight after), not a
    // comment on it (`Trump's comments were “…”`, `played down his remarks as “…”`).
    let next = tokens[j + 1..at].iter().find(|t| !t.is_capitalized());
    if next.is_some_and(|t| !speaker::one_of(&["for", "that", "to"], t.text)) {
        return None;
    }
    // `Councillor Ines Okafor's pledge`: the owner's name runs back over capitalised words
    // (two at most), so that it is named in full.
    let first = (k.saturating_sub(2).max(s)..k)
        .rev()
        .take_while(|&b| !pronoun && tokens[b].is_capitalized())
        .last()
        .unwrap_or(k);
    let span = tokens[first].span.cover(tokens[k].span);
    // `De Blasio repeated his claim that …`: his is the subject's.
    let antecedent = subject(tokens, s, k)
        .filter(|m| pronoun && m.kind == speaker::MentionKind::Name && m.span.end <= span.start)
        .map(|m| (m.name.unwrap_or(m.span), speaker::MentionKind::Name));
    Some(Mention {
        span,
        kind: if pronoun {
            speaker::MentionKind::Pronoun
        } else {
            speaker::MentionKind::Name
        },
        name: (!pronoun).then_some(span),
        head: span,
        antecedent,
    })
}

/// The subject of the sentence starting at `s`: its first noun phrase, after an introductory
/// phrase closed by a comma (`During the call, the Russian leader …`). None if a quotation
/// comes first.
pub fn subject(tokens: &[Token], s: usize, limit: usize) -> Option<Mention> {
    let s = after_dateline(tokens, s, limit);
    // The subject opens the sentence, or follows one of its first introductory phrases
    // (`Moreover, as part of the exchange, Gowdy …`).
    // (An iterator, not a vector: no allocation, and the starts past the subject are never
    // looked for.)
    // `And she said …`: a conjunction opening the sentence; `Maybe he figures …`, `Then he
    // called …`: an adverb with no comma after it; `And then Trump went …`: both.
    let lead = (s..s + 2)
        .take_while(|&k| {
            tokens.get(k).is_some_and(|t| {
                speaker::one_of(&["and", "but", "so", "yet"], t.text)
                    || lexicon::contains(lexicon::SENTENCE_ADVERBS, t.text)
            })
        })
        .map(|k| k + 1);
    let after_commas = (s..limit.min(s + 30))
        .filter(|&i| tokens[i].is_punct(","))
        .take(3)
        .map(|i| i + 1);
    let starts = std::iter::once(s).chain(lead).chain(after_commas);
    let (mut after_intro, mut fallback) = (false, None);
    for start in starts {
        let Some(first) = tokens.get(start).filter(|_| start < limit) else {
            break;
        };
        if first.quote().is_some() && !speaker::is_title_before_role(tokens, start) {
            return None;
        }
        let intro = first.is_word()
            && !speaker::one_of(lexicon::PRONOUNS, first.text)
            && (lexicon::contains(lexicon::BOUNDARIES, first.text)
                || speaker::one_of(&["and", "but", "so", "yet"], first.text)
                || (first.text.ends_with("ly")
                    && tokens.get(start + 1).is_some_and(|t| {
                        t.is_punct(",") || lexicon::contains(lexicon::BOUNDARIES, t.text)
                    }))
                // `Led by …, the rally …`, `Speaking later, Sen. …`: a participle phrase.
                || ((first.text.ends_with("ed") || first.text.ends_with("ing"))
                    && first.text.len() > 4
                    && tokens.get(start + 1).is_some_and(|t| t.is_word() && !t.is_capitalized()))
                || (!first.is_capitalized() && !lexicon::contains(lexicon::DETERMINERS, first.text)));
        if intro {
            after_intro = true;
            continue;
        }
        if let Ok((rest, m)) = speaker::forward(&tokens[start..limit]) {
            // After an introductory phrase, a phrase closed by a comma is still part of it
            // (`Speaking in Salem, New Hampshire, Trump …`): the subject comes later.
            if after_intro && rest.first().is_some_and(|t| t.is_punct(",")) {
                fallback = fallback.or(Some(m));
                continue;
            }
            // So is an appositive to the name closing it (`Introduced by Ada Ray, the mayor
            // and party chair, Vance …`).
            if after_intro && appositive(tokens, start, limit) {
                fallback = fallback.or(Some(m));
                continue;
            }
            return Some(m);
        }
    }
    fallback
}

/// `— Hillary Clinton.`, `-Michelle Marks, Philadelphia.`, `Maria Hinojosa, journalist.`: a
/// short paragraph that signs the quotation before it, as fact checks, pull quotes, round-ups
/// and vox pops do. Without a dash it must be a full name, then at most a short description
/// with no verb. Returns the cue (the dash, or the name) and the speaker.
pub fn byline(tokens: &[Token]) -> Option<(Span, Mention)> {
    let first = tokens.first()?;
    if tokens.len() > 30 || tokens.iter().any(|t| t.quote().is_some()) {
        return None;
    }
    let dashed = matches!(first.text, "-" | "—" | "–" | "―");
    let body = if dashed { &tokens[1..] } else { tokens };
    let (tail, speaker) = speaker::forward(body).ok()?;
    if speaker.kind == speaker::MentionKind::Pronoun {
        return None;
    }
    if dashed {
        let signed = tail
            .first()
            .is_none_or(|t| t.is_punct(".") || t.is_punct(","));
        return signed.then_some((first.span, speaker));
    }
    if tokens
        .iter()
        .any(|t| lexicon::contains(lexicon::CREDIT_WORDS, t.text))
    {
        return None;
    }
    let words = body.len() - tail.len();
    let description = match tail {
        [] => true,
        [dot] => dot.is_punct("."),
        [comma, rest @ ..] => {
            comma.is_punct(",")
                && rest.len() <= 10
                && rest.iter().all(|t| {
                    !t.is_word()
                        || !lexicon::is_verb_token(t)
                            && !lexicon::contains(lexicon::AUXILIARIES, t.text)
                })
        }
    };
    (speaker.kind == speaker::MentionKind::Name && words >= 2 && description)
        .then_some((speaker.span, speaker))
}

/// `“…” — Hillary Clinton` closing a paragraph or sentence: a dash and a name sign the quote.
fn dash_signature(after: &[Token]) -> Option<Cue> {
    let (dash, rest) = after.split_first()?;
    if !matches!(dash.text, "—" | "–" | "-" | "―") {
        return None;
    }
    let (tail, speaker) = speaker::forward(rest).ok()?;
    // (`— David Martosko (@dmartosko) September 1, 2016`: a handle or date may follow.)
    let signed = tail
        .first()
        .is_none_or(|t| t.is_punct(".") || t.is_punct("(") || t.is_punct(","))
        && speaker.kind == speaker::MentionKind::Name;
    signed.then_some(Cue {
        span: dash.span,
        speaker,
        pattern: Pattern::Byline,
    })
}

/// Whether the phrase at `start` describes the name just before its comma and is closed by
/// another comma before a capitalised subject, with no reporting verb or past form inside:
/// `by Ada Ray, the mayor and party chair, Vance …` (but not `…, the mayor said, …`).
fn appositive(tokens: &[Token], start: usize, limit: usize) -> bool {
    let word = |i: usize| tokens.get(i).filter(|t| t.is_word());
    let Some(end) = (start..limit.min(start + 16)).find(|&i| tokens[i].is_punct(",")) else {
        return false;
    };
    start >= 2
        && tokens[start - 1].is_punct(",")
        && word(start - 2).is_some_and(|t| t.is_capitalized())
        && word(start).is_some_and(|t| speaker::one_of(&["a", "an", "the"], t.text))
        && tokens[start..end].iter().all(|t| {
            (t.is_word() && !lexicon::is_verb_token(t) && !t.text.ends_with("ed"))
                || t.is_punct("-")
        })
        && word(end + 1).is_some_and(|t| t.is_capitalized())
}

/// Skips a dateline opening a paragraph: `WASHINGTON —`, `PHILADELPHIA, July 25 (UPI) —`.
pub fn after_dateline(tokens: &[Token], s: usize, limit: usize) -> usize {
    let Some(first) = tokens.get(s).filter(|_| s < limit) else {
        return s;
    };
    let capitals = first.is_word()
        && first.text.len() > 1
        && first.text.chars().all(|c| c.is_uppercase() || c == '.');
    // A spaced dash within the first words, after a place in capitals or an agency in
    // brackets: `WASHINGTON —`, `Washington (AFP) –`.
    // (The token before the dash first: most sentences open with no dateline.)
    let dash = (s + 1..limit.min(s + 12)).find(|&i| {
        (capitals || tokens[i - 1].is_punct(")"))
            && matches!(tokens[i].text, "—" | "–" | "-")
            && tokens[i - 1].span.end < tokens[i].span.start
    });
    dash.map_or(s, |d| d + 1)
}

/// `X: “…”` with X opening the sentence (`Biden: “We will rebuild”`).
fn colon(tokens: &[Token], s: usize, q: usize) -> Option<Cue> {
    if q < s + 2 || !tokens[q - 1].is_punct(":") {
        return None;
    }
    let cue = |speaker| Cue {
        span: tokens[q - 1].span,
        speaker,
        pattern: Pattern::Colon,
    };
    let label = colon_label(tokens, s, q - 1);
    if let Ok((rest, speaker)) = speaker::forward(&tokens[label..q - 1]) {
        // `Here’s Clinton in December 1992:`: a short time or place phrase may follow the label.
        let when = label > s
            && rest.len() <= 4
            && rest
                .first()
                .is_some_and(|t| speaker::one_of(&["at", "in", "on"], t.text));
        if rest.is_empty() || when {
            return Some(cue(speaker));
        }
    }
    // `A footnote in the report makes that clear: “…”`: a colon hands the quotation to the
    // subject of the sentence it closes.
    subject(tokens, s, q - 1)
        .filter(|m| m.kind != speaker::MentionKind::Pronoun || tokens[s].span == m.span)
        .map(cue)
}

/// Where the label of a `<label>: “…”` excerpt starts, before the colon at `colon`: after a
/// spaced dash (`What the data say - Pew Research: “…”`) and after `From`, `More from`,
/// `Here’s`, `Here is` (`From the report: “…”`), as newsletters and round-ups introduce them.
fn colon_label(tokens: &[Token], s: usize, colon: usize) -> usize {
    let lo = s.max(colon.saturating_sub(12));
    let mut start = (lo..colon)
        .rev()
        .find(|&i| {
            matches!(tokens[i].text, "—" | "–" | "-")
                && i > s
                && tokens[i - 1].span.end < tokens[i].span.start
        })
        .map_or(s, |d| d + 1);
    let word = |i: usize, w: &str| {
        tokens
            .get(i)
            .is_some_and(|t| t.text.eq_ignore_ascii_case(w))
    };
    if word(start, "more") && word(start + 1, "from") {
        start += 2;
    } else if word(start, "from") || word(start, "here’s") || word(start, "here's") {
        start += 1;
    } else if word(start, "here") && word(start + 1, "is") {
        start += 2;
    }
    start.min(colon)
}

/// A cue that closes the sentence after the quotation: `The “reform” is dead, Smith said.`
fn sentence_final(tokens: &[Token], (_, e): (usize, usize), q: usize) -> Option<Cue> {
    let hi = e.min(q + REACH);
    // The last reporting verb of the sentence: `speaker_verb` and `verb_speaker` both need one
    // at or after where they start, so past it no comma is tried. (Looked for only in a
    // sentence of bounded length, which keeps the search constant-time; and only once a comma
    // is found: most quotations have none after them.)
    let last_verb = std::cell::OnceCell::new();
    let last_verb = || {
        *last_verb.get_or_init(|| {
            if e.saturating_sub(q) <= 3 * REACH {
                (q + 1..e)
                    .rev()
                    .find(|&i| lexicon::is_verb_token(&tokens[i]))
            } else {
                Some(e)
            }
        })
    };
    for c in q + 1..hi {
        if !tokens[c].is_punct(",") {
            continue;
        }
        if last_verb().is_none_or(|v| v <= c) {
            break;
        }
        // `…, as Sanders’ campaign manager suggested after …`: an `as` clause closing the
        // sentence, with no comma after it (not `the result, as he later explained, was “…”`).
        let as_clause = tokens
            .get(c + 1)
            .is_some_and(|t| t.text.eq_ignore_ascii_case("as"));
        let start = if as_clause { c + 2 } else { c + 1 };
        if let Ok((rest, cue)) = alt((speaker_verb, verb_speaker)).parse(&tokens[start.min(e)..e])
            && rest
                .first()
                .is_none_or(|t| t.is_punct(".") || t.is_punct(",") || t.is_word())
            && !(as_clause && rest.iter().any(|t| t.is_punct(",")))
        {
            return Some(Cue {
                pattern: Pattern::SentenceFinal,
                ..cue
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{sentence_starts, tokens};
    use nom::Parser;

    /// Runs `find` on the first quotation of `text` and returns (speaker, pattern).
    fn cue(text: &str) -> Option<(String, Pattern)> {
        let open = text.find('“')?;
        let close = text.find('”')? + '”'.len_utf8();
        let toks = tokens(
            text,
            Span::new(0, text.len()),
            &[(Span::new(open, close), 0)],
            &[],
        );
        let q = toks.iter().position(|t| t.quote().is_some())?;
        let starts = sentence_starts(&toks, |_| false);
        let s = *starts.iter().rfind(|&&s| s <= q)?;
        let e = starts
            .iter()
            .copied()
            .find(|&x| x > q)
            .unwrap_or(toks.len());
        find(&toks, (s, e), q).map(|c| (c.speaker.span.text(text).to_string(), c.pattern))
    }

    fn speaker(text: &str) -> Option<String> {
        cue(text).map(|c| c.0)
    }

    #[test]
    fn source_phrase_pre_test_passes_every_in_and_nine_byte_word() {
        // Every two-byte string: the pre-test passes exactly `in` in any case.
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                let Ok(w) = std::str::from_utf8(&[x, y]).map(str::to_owned) else {
                    continue;
                };
                let t = Token::new(Span::new(0, 2), &w, crate::segment::TokenKind::Word);
                assert_eq!(
                    may_open_source_phrase(&t),
                    w.eq_ignore_ascii_case("in"),
                    "{w:?}"
                );
            }
        }
        for w in [
            "according",
            "ACCORDING",
            "123456789",
            "a",
            "",
            "the",
            "accordingly",
        ] {
            let t = Token::new(Span::new(0, w.len()), w, crate::segment::TokenKind::Word);
            assert_eq!(may_open_source_phrase(&t), w.len() == 9, "{w}");
        }
    }

    /// `after_quote` before its pre-test: the reference for the fast path.
    fn after_quote_by_parsing(after: &[Token]) -> Option<Cue> {
        let (rest, _) = separator(after).ok()?;
        let rest = match rest {
            [as_, tail @ ..] if as_.text.eq_ignore_ascii_case("as") => tail,
            _ => rest,
        };
        if let [verb, by, agent @ ..] = rest
            && verb.is_word()
            && verb.text.ends_with("ed")
            && lexicon::is_verb_token(verb)
            && by.text == "by"
            && let Ok((_, speaker)) = speaker::forward(agent)
        {
            return Some(Cue {
                span: verb.span,
                speaker,
                pattern: Pattern::QuoteVerbSpeaker,
            });
        }
        // (`super::`: a test here has the parser's name.)
        alt((super::according_to, verb_speaker, speaker_verb))
            .parse(rest)
            .ok()
            .map(|(_, cue)| cue)
    }

    /// `sentence_final` trying every comma: the reference for the fast path.
    fn sentence_final_by_parsing(
        tokens: &[Token],
        (_, e): (usize, usize),
        q: usize,
    ) -> Option<Cue> {
        for c in q + 1..e.min(q + REACH) {
            if !tokens[c].is_punct(",") {
                continue;
            }
            let as_clause = tokens
                .get(c + 1)
                .is_some_and(|t| t.text.eq_ignore_ascii_case("as"));
            let start = if as_clause { c + 2 } else { c + 1 };
            if let Ok((rest, cue)) =
                alt((speaker_verb, verb_speaker)).parse(&tokens[start.min(e)..e])
                && rest
                    .first()
                    .is_none_or(|t| t.is_punct(".") || t.is_punct(",") || t.is_word())
                && !(as_clause && rest.iter().any(|t| t.is_punct(",")))
            {
                return Some(Cue {
                    pattern: Pattern::SentenceFinal,
                    ..cue
                });
            }
        }
        None
    }

    /// `expressive_after_quote` as it was, reading the marks before the words after them: the
    /// reference for the order of its tests.
    fn expressive_after_quote_marks_first(quote: &Token, after: &[Token]) -> Option<Cue> {
        if !matches!(speaker::inner_punct(quote), Some(',' | '!' | '?')) {
            return None;
        }
        let past = |t: &Token| {
            t.is_word()
                && !t.is_capitalized()
                && t.text.len() > 4
                && t.text.ends_with("ed")
                && !lexicon::contains(lexicon::AUXILIARIES, t.text)
                && !lexicon::contains(lexicon::BOUNDARIES, t.text)
        };
        let speaks = |m: &speaker::Mention| m.kind == speaker::MentionKind::Name;
        let (rest, _) = separator(after).ok()?;
        let first = rest.first()?;
        if past(first) {
            let (_, speaker) = speaker::forward(&rest[1..]).ok()?;
            return speaks(&speaker).then_some(Cue {
                span: first.span,
                speaker,
                pattern: Pattern::QuoteVerbSpeaker,
            });
        }
        let (tail, speaker) = speaker::forward(rest).ok()?;
        let verb = tail.first().filter(|t| past(t))?;
        let determined = lexicon::contains(lexicon::DETERMINERS, first.text)
            && tokens_at(rest, speaker.head).is_some_and(|h| {
                lexicon::contains(lexicon::ROLES, h.text)
                    || lexicon::contains(lexicon::DOCUMENTS, h.text)
            });
        (speaks(&speaker) || determined).then_some(Cue {
            span: verb.span,
            speaker,
            pattern: Pattern::QuoteSpeakerVerb,
        })
    }

    /// Words to build sentences of: cue words, names, descriptions, punctuation.
    const POOL: &[&str] = &[
        "said",
        "Smith",
        "the",
        "mayor",
        ",",
        "according",
        "to",
        "officials",
        "and",
        "he",
        "told",
        "reporters",
        "as",
        "on",
        "Monday",
        ".",
        "is",
        "a",
        "plan",
        "that",
        "Ana",
        "Ruiz",
        "wrote",
        "—",
        "by",
        "described",
        "called",
        "put",
        "it",
        "also",
        "(",
        "D-Ore",
        ")",
        "in",
        "the",
        "room",
        "says",
        "state",
        "media",
    ];

    proptest::proptest! {
        /// The pre-tests of `after_quote` and `sentence_final` (a reporting verb must follow)
        /// change no cue.
        #[test]
        fn cue_after_the_quote_as_by_parsing(
            before in proptest::collection::vec(0..POOL.len(), 0..8),
            after in proptest::collection::vec(0..POOL.len(), 0..14),
        ) {
            let words = |ix: &[usize]| ix.iter().map(|&i| POOL[i]).collect::<Vec<_>>().join(" ");
            let head = words(&before);
            let head = if head.is_empty() { head } else { head + " " };
            let text = format!("{head}“We won,” {}", words(&after));
            let open = head.len();
            let close = open + "“We won,”".len();
            let toks = tokens(&text, Span::new(0, text.len()), &[(Span::new(open, close), 0)], &[]);
            let q = toks.iter().position(|t| t.quote().is_some()).expect("the quotation");
            for e in q + 1..=toks.len() {
                let after = &toks[q + 1..e];
                proptest::prop_assert_eq!(after_quote(after), after_quote_by_parsing(after));
                for s in 0..=q {
                    proptest::prop_assert_eq!(
                        sentence_final(&toks, (s, e), q),
                        sentence_final_by_parsing(&toks, (s, e), q)
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// `expressive_after_quote` looks for a word after the quotation before reading its
        /// marks: the same cue, for quotations closed by each mark and by none.
        #[test]
        fn expressive_cue_as_with_marks_first(
            mark in 0..5usize,
            after in proptest::collection::vec(0..POOL.len() + 3, 0..8),
        ) {
            let quote = ["“We won,”", "“We won!”", "“Why?”", "“We won.”", "“We won”"][mark];
            let extra = ["beamed", "riffed", "needed"];
            let word = |i: usize| POOL.get(i).copied().unwrap_or_else(|| extra[i - POOL.len()]);
            let tail = after.iter().map(|&i| word(i)).collect::<Vec<_>>().join(" ");
            let text = format!("{quote} {tail}");
            let toks = tokens(&text, Span::new(0, text.len()), &[(Span::new(0, quote.len()), 0)], &[]);
            let q = toks.iter().position(|t| t.quote().is_some()).expect("the quotation");
            for e in q + 1..=toks.len() {
                let after = &toks[q + 1..e];
                proptest::prop_assert_eq!(
                    expressive_after_quote(&toks[q], after),
                    expressive_after_quote_marks_first(&toks[q], after)
                );
            }
        }
    }

    #[test]
    fn quote_then_cue() {
        assert_eq!(
            cue("“We won,” said Smith."),
            Some(("Smith".into(), Pattern::QuoteVerbSpeaker))
        );
        assert_eq!(
            cue("“We won,” Smith said."),
            Some(("Smith".into(), Pattern::QuoteSpeakerVerb))
        );
        assert_eq!(
            speaker("“We won,” the statement said."),
            Some("the statement".into())
        );
        assert_eq!(
            speaker("“Rates will rise,” says economist Raj Patel."),
            Some("economist Raj Patel".into())
        );
        assert_eq!(
            speaker("“It is over,” Maria Lopez, the city’s chief auditor, said."),
            Some("Maria Lopez".into())
        );
        assert_eq!(speaker("“Go,” he told reporters."), Some("he".into()));
        assert_eq!(speaker("“Go,” Ramirez put it."), Some("Ramirez".into()));
    }

    #[test]
    fn according_to() {
        assert_eq!(
            cue("Putin “worked hard,” according to Russian state media TASS."),
            Some(("Russian state media TASS".into(), Pattern::AccordingTo))
        );
        assert_eq!(
            speaker(
                "The leader outlined his “plan,” with both agreeing to talk, according to the Kremlin statement."
            ),
            Some("the Kremlin statement".into())
        );
    }

    #[test]
    fn in_the_words_of_names_the_source() {
        assert_eq!(
            cue("She hated “surprises,” in the words of one top staffer."),
            Some(("one top staffer".into(), Pattern::AccordingTo))
        );
        assert_eq!(
            speaker("In the words of the treasurer, Amos Kitto, it buys “time.”"),
            Some("the treasurer, Amos Kitto".into())
        );
        assert_eq!(
            speaker("It was “a relief,” in Trevaskis’s view."),
            Some("Trevaskis".into())
        );
        let t = toks("in the words of one aide");
        assert!(in_words_of(&t).is_ok());
        // Not a possessive pronoun, nor other nouns: `in his view`, `in the eyes of`.
        assert!(in_words_of(&toks("in his view")).is_err());
        assert!(in_words_of(&toks("in the eyes of one aide")).is_err());
        assert!(in_words_of(&toks("in Trevaskis view")).is_err());
    }

    #[test]
    fn cue_then_quote() {
        assert_eq!(
            cue("Smith said: “We won.”"),
            Some(("Smith".into(), Pattern::SpeakerVerbQuote))
        );
        assert_eq!(speaker("Smith said, “We won.”"), Some("Smith".into()));
        assert_eq!(
            speaker("The mayor said that the plan was a “reckless gamble.”"),
            Some("The mayor".into())
        );
        assert_eq!(
            speaker("Clinton called Trump a “loose cannon.”"),
            Some("Clinton".into())
        );
        assert_eq!(
            cue("Said Smith: “We won.”").map(|c| c.1),
            Some(Pattern::VerbSpeakerQuote)
        );
        assert_eq!(
            speaker("Ortiz wrote on social media: “Never again.”"),
            Some("Ortiz".into())
        );
    }

    #[test]
    fn participle_takes_the_subject() {
        assert_eq!(
            cue(
                "Putin reinforced this approach during a ceremony, stating Russia wants cooperation based on “trust.”"
            ),
            Some(("Putin".into(), Pattern::Participle))
        );
        assert_eq!(
            speaker("Smith said the deal was done, adding that it was “a win.”"),
            Some("Smith".into())
        );
    }

    #[test]
    fn naming_verb_after_an_indefinite_names_a_thing() {
        assert_eq!(
            cue("Carson shared notes for a class called “Perception” online."),
            None
        );
        assert_eq!(
            cue("She launched a podcast dubbed “Harbour Hour” in May."),
            None
        );
        // A definite subject still speaks: `the mayor called “…”` is a cue.
        assert_eq!(
            speaker("The mayor called “a disgrace” what the board did."),
            Some("The mayor".into())
        );
    }

    #[test]
    fn headline_colon_and_sentence_final() {
        assert_eq!(
            cue("Biden: “We will rebuild”").map(|c| c.1),
            Some(Pattern::Colon)
        );
        assert_eq!(
            cue("The “reform” is dead, Smith said.").map(|c| c.1),
            Some(Pattern::SentenceFinal)
        );
    }

    #[test]
    fn sentence_final_as_clause() {
        assert_eq!(
            cue(
                "She is no “regional” candidate, as his campaign manager suggested after the vote."
            ),
            Some(("his campaign manager".into(), Pattern::SentenceFinal))
        );
        // An `as` clause closed by a comma mid-sentence frames what follows it, not this quote.
        assert_eq!(
            speaker(
                "He thought “rates were low” and the result, as she later explained, was a bubble."
            ),
            Some("He".into())
        );
    }

    #[test]
    fn no_cue() {
        assert_eq!(cue("“We won.”"), None);
        assert_eq!(cue("The plan is “dead on arrival.”"), None);
        assert_eq!(cue("A report on “reform” appeared."), None);
    }

    fn toks(text: &str) -> Vec<Token<'_>> {
        tokens(text, Span::new(0, text.len()), &[], &[])
    }

    /// How many tokens a combinator consumed, or None if it failed.
    fn eats(parser: impl Fn(Tokens) -> PResult<()>, text: &str) -> Option<usize> {
        let t = toks(text);
        parser(&t).ok().map(|(rest, _)| t.len() - rest.len())
    }

    #[test]
    fn aside_accepts_appositions_and_rejects_clauses() {
        assert_eq!(eats(aside, ", the city’s chief auditor, said"), Some(6));
        assert_eq!(
            eats(
                aside,
                ", assistant secretary for refugees, and migration, said"
            ),
            Some(9)
        );
        assert_eq!(eats(aside, ", said"), None);
        assert_eq!(eats(aside, "the auditor, said"), None);
    }

    #[test]
    fn place_accepts_short_phrases_before_a_verb() {
        assert_eq!(eats(place, "in the room wondered"), Some(3));
        assert_eq!(eats(place, "in the room"), None);
        assert_eq!(eats(place, "to the room said"), None);
    }

    #[test]
    fn coordinated_joins_two_speakers() {
        let text = "Ana Ruiz and the harbour master wrote";
        let t = toks(text);
        let (rest, m) = coordinated(&t).expect("two speakers");
        assert_eq!(m.span.text(text), "Ana Ruiz and the harbour master");
        assert_eq!(rest.len(), 1);
        // `and` with no speaker after it ends the phrase.
        let text = "Ana Ruiz and wrote";
        let t = toks(text);
        let (_, m) = coordinated(&t).expect("one speaker");
        assert_eq!(m.span.text(text), "Ana Ruiz");
        assert!(coordinated(&toks("and Ana Ruiz wrote")).is_err());
        assert_eq!(
            speaker("“We won,” Ana Ruiz and Tom Bell wrote."),
            Some("Ana Ruiz and Tom Bell".into())
        );
    }

    #[test]
    fn reporting_verb_needs_its_particle() {
        let t = toks("put it bluntly");
        assert!(reporting_verb(&t).is_ok());
        let t = toks("put the cup");
        assert!(reporting_verb(&t).is_err());
        let t = toks("said");
        assert!(reporting_verb(&t).is_ok());
        let t = toks("table");
        assert!(reporting_verb(&t).is_err());
    }

    #[test]
    fn verb_speaker_rejects_addressees_and_objects() {
        let t = toks("said the group's chairwoman, Teresa Kowalczyk.");
        let (_, cue) = verb_speaker(&t).expect("inverted cue");
        assert_eq!(
            cue.speaker
                .span
                .text("said the group's chairwoman, Teresa Kowalczyk."),
            "the group's chairwoman, Teresa Kowalczyk"
        );
        assert!(verb_speaker(&toks("told a news conference.")).is_err());
        assert!(verb_speaker(&toks("called it a disgrace.")).is_err());
    }

    #[test]
    fn datelines_are_skipped() {
        let t = toks("WASHINGTON — Sen. Ada Ray said");
        assert_eq!(t[after_dateline(&t, 0, t.len())].text, "Sen");
        let t = toks("Washington (AFP) – Ada Ray said");
        assert_eq!(t[after_dateline(&t, 0, t.len())].text, "Ada");
        let t = toks("Ada Ray said");
        assert_eq!(after_dateline(&t, 0, t.len()), 0);
    }

    #[test]
    fn owners_of_utterances() {
        let owner = |text: &str| {
            let open = text.find('“').unwrap();
            let t = tokens(
                text,
                Span::new(0, text.len()),
                &[(Span::new(open, text.len()), 0)],
                &[],
            );
            let q = t.iter().position(|x| x.quote().is_some()).unwrap();
            utterance_owner(&t, 0, q).map(|m| {
                let ante = m.antecedent.map(|(a, _)| a.text(text).to_string());
                (m.span.text(text).to_string(), ante)
            })
        };
        assert_eq!(
            owner("Ada Ray stood by her pledge to keep “every ferry”"),
            Some(("her".into(), Some("Ada Ray".into())))
        );
        assert_eq!(
            owner("The vote turned on Ray's past remarks that “fares must fall”"),
            Some(("Ray's".into(), None))
        );
        // A comment on the utterance, or no possessor: not the owner's words.
        assert_eq!(owner("Ray's comments were “intolerable”"), None);
        assert_eq!(owner("Vance played down her remarks as “noise”"), None);
        assert_eq!(owner("Vance made a pledge to keep “every ferry”"), None);
    }

    #[test]
    fn appositives_to_the_introduction() {
        let text = "Led by Ada Ray, the mayor and long-time ally, Vance spoke";
        let t = toks(text);
        let at = |w: &str| t.iter().position(|x| x.text == w).unwrap();
        assert!(appositive(&t, at("the"), t.len()));
        // A verb inside, no name before it, or no comma after it: no appositive.
        let text = "Led by Ada Ray, the mayor said, Vance spoke";
        let t = toks(text);
        assert!(!appositive(&t, 5, t.len()));
        let text = "Led by the crowd, the mayor and his ally, Vance spoke";
        let t = toks(text);
        assert!(!appositive(&t, 5, t.len()));
        let text = "Led by Ada Ray, the mayor spoke";
        let t = toks(text);
        assert!(!appositive(&t, 5, t.len()));
    }

    #[test]
    fn subjects_after_introductions() {
        let text = "However, in three interviews, the justice sounded off";
        let t = toks(text);
        let m = subject(&t, 0, t.len()).expect("subject");
        assert_eq!(m.span.text(text), "the justice");
        let text = "Somewhere in there, he tossed";
        let t = toks(text);
        assert_eq!(
            subject(&t, 0, t.len()).map(|m| m.span.text(text)),
            Some("he")
        );
        // An adverb opening the sentence with no comma: the subject follows it.
        // A conjunction and an adverb together: `And then Vance turned`.
        for (text, want) in [
            ("Maybe she thinks", "she"),
            ("Then Vance called", "Vance"),
            ("And then Vance turned", "Vance"),
            ("But then the chair hit back", "the chair"),
        ] {
            let t = toks(text);
            assert_eq!(
                subject(&t, 0, t.len()).map(|m| m.span.text(text)),
                Some(want)
            );
        }
        // The adverb is no name: alone, or before a preposition, there is no subject.
        let text = "Perhaps";
        let t = toks(text);
        assert_eq!(subject(&t, 0, t.len()), None);
        let text = "Perhaps in time";
        let t = toks(text);
        assert_eq!(subject(&t, 0, t.len()), None);
        let text = "And then in time";
        let t = toks(text);
        assert_eq!(subject(&t, 0, t.len()), None);
        // An appositive to the name closing the introduction is no subject.
        for (text, want) in [
            (
                "Introduced by Ada Ray, the mayor and party chair, Vance spoke",
                "Vance",
            ),
            (
                "Joined by Ada Ray, the Ohio mayor and long-time ally, Vance spoke",
                "Vance",
            ),
            // (A verb inside makes it the subject: `the mayor said`.)
            (
                "Speaking to Ada Ray, the mayor said, Vance won",
                "the mayor",
            ),
        ] {
            let t = toks(text);
            assert_eq!(
                subject(&t, 0, t.len()).map(|m| m.span.text(text)),
                Some(want),
                "{text}"
            );
        }
    }
}
