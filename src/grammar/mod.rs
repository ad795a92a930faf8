//! Stage 3: the grammar. `quote` pairs quotation marks over raw bytes; `speaker` and
//! `attribution` are nom parsers over the tokens of one paragraph; `lexicon` holds the words.

pub mod attribution;
pub mod lexicon;
pub mod quote;
pub mod speaker;

use nom::IResult;

use crate::segment::Token;

/// The input of every token-level parser: a slice of one paragraph's tokens.
pub type Tokens<'t> = &'t [Token<'t>];

/// A token-level parse result.
pub type PResult<'t, O> = IResult<Tokens<'t>, O>;

/// One token that satisfies `pred`.
pub fn tok<'t>(
    pred: impl Fn(&Token<'t>) -> bool,
) -> impl Fn(Tokens<'t>) -> PResult<'t, &'t Token<'t>> {
    move |input: Tokens<'t>| match input.split_first() {
        Some((t, rest)) if pred(t) => Ok((rest, t)),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// One word, compared without regard to ASCII case.
pub fn word<'t>(w: &'static str) -> impl Fn(Tokens<'t>) -> PResult<'t, &'t Token<'t>> {
    tok(move |t| t.is_word() && t.text.eq_ignore_ascii_case(w))
}

/// One punctuation token.
pub fn punct<'t>(p: &'static str) -> impl Fn(Tokens<'t>) -> PResult<'t, &'t Token<'t>> {
    tok(move |t| t.is_punct(p))
}
