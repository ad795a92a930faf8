//! Stage 2: paragraphs, words and sentences, all as absolute byte spans.
//!
//! Paragraphs bound every search: no quote or cue reaches past its paragraph except through
//! the explicit continued-paragraph rule. Words come from `unicode-segmentation` (UAX #29), and
//! only for the paragraphs that hold a quote; a quote is a single token, so that sentence breaks
//! are never found inside one.

use std::cell::Cell;

use unicode_segmentation::UnicodeSegmentation;

use crate::markup::Region;
use crate::simd::has_avx2;
use crate::span::Span;

/// A paragraph: a byte span without its surrounding white space, and the region it lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub region: usize,
}

/// Splits regions into paragraphs: at blank lines always, and at every line break where the
/// region has no soft breaks (wire copy puts one paragraph on each line).
pub fn paragraphs(text: &str, regions: &[Region]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for (index, region) in regions.iter().enumerate() {
        let bytes = &text.as_bytes()[..region.span.end];
        let mut start = region.span.start;
        let mut line_start = start;
        let mut push = |s: usize, e: usize| {
            let span = trim(text, Span::new(s, e));
            if !span.is_empty() {
                out.push(Paragraph {
                    span,
                    region: index,
                });
            }
        };
        for nl in crate::simd::newlines(&bytes[region.span.start..]) {
            let nl = region.span.start + nl;
            // (Blank lines matter only where single line breaks do not end a paragraph.)
            if !region.soft_breaks || text[line_start..nl].trim().is_empty() {
                push(start, nl);
                start = nl + 1;
            }
            line_start = nl + 1;
        }
        push(start, region.span.end);
    }
    out
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let start = s.trim_start();
    let lead = s.len() - start.len();
    Span::new(
        span.start + lead,
        span.start + lead + start.trim_end().len(),
    )
}

/// What a token is. A quotation is one token, whatever it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a letter or digit.
    Word,
    /// Any other visible character.
    Punct,
    /// The part of quotation number `n` (an index into the document's quotes) in this paragraph.
    Quote(usize),
}

#[derive(Clone)]
pub struct Token<'a> {
    pub span: Span,
    pub text: &'a str,
    pub kind: TokenKind,
    /// The answers to the `Class` questions asked so far, two bits each (asked, answer): the
    /// grammar asks the same questions about the same tokens on every parse attempt.
    memo: Cell<u16>,
}

/// The index of the token starting at byte `start`: tokens are in text order, so a binary
/// search (a linear scan per lookup made a 10 MB paragraph quadratic).
pub fn index_at(tokens: &[Token], start: usize) -> Option<usize> {
    let i = tokens.partition_point(|t| t.span.start < start);
    (i < tokens.len() && tokens[i].span.start == start).then_some(i)
}

/// The index of the first token starting at or after byte `start`.
pub fn index_from(tokens: &[Token], start: usize) -> usize {
    tokens.partition_point(|t| t.span.start < start)
}

/// A question about one token that the grammar asks again and again (see `Token::memo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    NameWord,
    CapitalizedNoun,
    Modifier,
    HeadNoun,
    Determiner,
    Pronoun,
    ReportingVerb,
}

/// Equal when span, text and kind are: what is memoised is only a cache.
impl PartialEq for Token<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.span == other.span && self.text == other.text && self.kind == other.kind
    }
}

impl Eq for Token<'_> {}

impl std::fmt::Debug for Token<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("span", &self.span)
            .field("text", &self.text)
            .field("kind", &self.kind)
            .finish()
    }
}

impl<'a> Token<'a> {
    pub fn new(span: Span, text: &'a str, kind: TokenKind) -> Self {
        Token {
            span,
            text,
            kind,
            memo: Cell::new(0),
        }
    }

    /// `answer(self)`, worked out the first time `class` is asked about this token and
    /// remembered: a paragraph's tokens are classified once, not on every parse attempt. The
    /// answer may depend only on the token (and the document's configuration, which a token
    /// does not outlive).
    #[inline]
    pub fn memo(&self, class: Class, answer: impl FnOnce(&Self) -> bool) -> bool {
        let asked = 1u16 << (2 * class as u16);
        let yes = asked << 1;
        let bits = self.memo.get();
        if bits & asked != 0 {
            return bits & yes != 0;
        }
        let a = answer(self);
        // Read again: `answer` may have memoised other questions about this token.
        self.memo
            .set(self.memo.get() | asked | if a { yes } else { 0 });
        a
    }
    #[inline]
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word)
    }

    #[inline]
    pub fn is_punct(&self, p: &str) -> bool {
        matches!(self.kind, TokenKind::Punct) && self.text == p
    }

    pub fn quote(&self) -> Option<usize> {
        match self.kind {
            TokenKind::Quote(n) => Some(n),
            _ => None,
        }
    }

    /// Starts with an upper-case letter.
    #[inline]
    pub fn is_capitalized(&self) -> bool {
        // Most words start with an ASCII letter: decoded only when they do not.
        self.is_word()
            && match self.text.as_bytes().first() {
                Some(&c) if c.is_ascii() => c.is_ascii_uppercase(),
                _ => self.text.chars().next().is_some_and(char::is_uppercase),
            }
    }
}

/// The tokens of `span`, with each of `atoms` (sorted, disjoint spans inside `span`, tagged with
/// their quote number) as one token and `masked` bytes skipped.
/// The tokens of `span`, with each of `atoms` (sorted, disjoint spans inside `span`, tagged with
/// their quote number) as one token and `masked` bytes skipped.
pub fn tokens<'a>(
    text: &'a str,
    span: Span,
    atoms: &[(Span, usize)],
    masked: &[Span],
) -> Vec<Token<'a>> {
    // Room up front: a reserve on an empty vector takes the slow growth path, at every call.
    let mut out = Vec::with_capacity(span.len() / 5);
    tokens_into(text, span, atoms, masked, &mut out);
    out
}

/// [`tokens`] into `out` (cleared first): a caller tokenizing piece after piece keeps one
/// buffer, not an allocation a piece.
pub fn tokens_into<'a>(
    text: &'a str,
    span: Span,
    atoms: &[(Span, usize)],
    masked: &[Span],
    out: &mut Vec<Token<'a>>,
) {
    out.clear();
    out.reserve(span.len() / 5);
    let mut at = span.start;
    for &(atom, n) in atoms {
        // (Quotation parts often start a paragraph or follow each other: nothing between.)
        if atom.start > at {
            words_into(text, Span::new(at, atom.start), masked, out);
        }
        out.push(Token::new(atom, atom.text(text), TokenKind::Quote(n)));
        at = atom.end.max(at);
    }
    if span.end > at {
        words_into(text, Span::new(at, span.end), masked, out);
    }
}

/// The visible UAX #29 pieces of `span` as tokens, except those starting in `masked`.
fn words_into<'a>(text: &'a str, span: Span, masked: &[Span], out: &mut Vec<Token<'a>>) {
    // Almost nothing is masked: asked once here, not at every token.
    if masked.is_empty() {
        scan_words(text, span, out, |_| true);
    } else {
        scan_words(text, span, out, |start| {
            !masked.iter().any(|m| m.contains(start))
        });
    }
}

/// `words_into` for the tokens that `keep` accepts (by start). Stretch by stretch as
/// `for_each_stretch` cuts them: ASCII text (and the common marks) by `scan_ascii`, the stretch
/// around any other non-ASCII character by `unicode-segmentation`.
fn scan_words<'a>(
    text: &'a str,
    span: Span,
    out: &mut Vec<Token<'a>>,
    keep: impl Fn(usize) -> bool,
) {
    let b = text.as_bytes();
    let mut at = span.start;
    while at < span.end {
        let Some((cut, slow)) = scan_ascii(text, at, span.end, out, &keep) else {
            return;
        };
        let end = memchr::memchr(b' ', &b[slow..span.end]).map_or(span.end, |j| slow + j);
        for (i, w) in text[cut..end].split_word_bound_indices() {
            let Some(first) = w.chars().next() else {
                continue;
            };
            if first.is_whitespace() {
                continue;
            }
            let kind = if first.is_alphanumeric() {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            let start = cut + i;
            if keep(start) {
                out.push(Token::new(Span::new(start, start + w.len()), w, kind));
            }
        }
        at = end;
    }
}

/// Byte classes of 64 bytes, one bit each (bit `j` for byte `j`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Classes {
    /// Letters, digits and `_` (`is_wordish`).
    word: u64,
    /// Letters and digits: where a token starting there is a `Word`.
    alnum: u64,
    /// White space: `\t` `\n` `\x0b` `\x0c` `\r` and space.
    space: u64,
    /// Bytes from 0x80 on: parts of non-ASCII characters.
    high: u64,
}

impl Classes {
    fn masked(self, valid: u64) -> Classes {
        Classes {
            word: self.word & valid,
            alnum: self.alnum & valid,
            space: self.space & valid,
            high: self.high & valid,
        }
    }
}

/// The classes of `chunk`, sixteen bytes at a time (SSE2 is part of x86_64).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn classify(chunk: &[u8; 64]) -> Classes {
    use std::arch::x86_64::*;
    let mut c = Classes::default();
    for k in 0..4 {
        // SAFETY: SSE2 is always available on x86_64; the unaligned load reads bytes
        // `16 * k..16 * k + 16` of the 64-byte array.
        let (word, alnum, space, high) = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().add(16 * k).cast());
            // A range `lo..=hi` is moved to the bottom of the signed bytes, then compared.
            let range = |v: __m128i, lo: u8, len: u8| {
                _mm_cmplt_epi8(
                    _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8)),
                    _mm_set1_epi8((0x80u8 + len) as i8),
                )
            };
            let letter = range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
            let digit = range(v, b'0', 10);
            let under = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
            let alnum = _mm_or_si128(letter, digit);
            let word = _mm_or_si128(alnum, under);
            let space = _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8)),
                range(v, b'\t', 5),
            );
            (
                _mm_movemask_epi8(word),
                _mm_movemask_epi8(alnum),
                _mm_movemask_epi8(space),
                _mm_movemask_epi8(v),
            )
        };
        let bits = |m: i32| u64::from(m as u16) << (16 * k);
        c.word |= bits(word);
        c.alnum |= bits(alnum);
        c.space |= bits(space);
        c.high |= bits(high);
    }
    c
}

/// `classify` with AVX2, thirty-two bytes at a time: half the instructions (most x86_64
/// machines have it; `scan_ascii` asks once per call).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn classify_avx2(chunk: &[u8; 64]) -> Classes {
    use std::arch::x86_64::*;
    // As in `classify`: a range `lo..=lo + len - 1`, moved to the bottom of the signed bytes.
    let range = |v: __m256i, lo: u8, len: u8| {
        _mm256_cmpgt_epi8(
            _mm256_set1_epi8((0x80u8 + len) as i8),
            _mm256_add_epi8(v, _mm256_set1_epi8(0x80u8.wrapping_sub(lo) as i8)),
        )
    };
    let mut c = Classes::default();
    for k in 0..2 {
        // SAFETY: the unaligned load reads bytes `32 * k..32 * k + 32` of the 64-byte array.
        let v = unsafe { _mm256_loadu_si256(chunk.as_ptr().add(32 * k).cast()) };
        let letter = range(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), b'a', 26);
        let digit = range(v, b'0', 10);
        let under = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'_' as i8));
        let alnum = _mm256_or_si256(letter, digit);
        let word = _mm256_or_si256(alnum, under);
        let space = _mm256_or_si256(
            _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b' ' as i8)),
            range(v, b'\t', 5),
        );
        let bits = |m: i32| u64::from(m as u32) << (32 * k);
        c.word |= bits(_mm256_movemask_epi8(word));
        c.alnum |= bits(_mm256_movemask_epi8(alnum));
        c.space |= bits(_mm256_movemask_epi8(space));
        c.high |= bits(_mm256_movemask_epi8(v));
    }
    // The masks leave as plain integers: inlined into `scan_ascii_bmi`, the compiler otherwise
    // turns their shifts there into byte shuffles, a few hundred instructions a block.
    let opaque = |mut x: u64| {
        // SAFETY: an empty instruction sequence: the value passes through unchanged.
        unsafe {
            std::arch::asm!(
                "/* {x} */",
                x = inout(reg) x,
                options(pure, nomem, nostack, preserves_flags)
            )
        };
        x
    };
    Classes {
        word: opaque(c.word),
        alnum: opaque(c.alnum),
        space: opaque(c.space),
        high: opaque(c.high),
    }
}

/// The classes of `chunk`, a byte at a time (other targets; the reference for the SSE2 one).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn classify_bytes(chunk: &[u8; 64]) -> Classes {
    let mut c = Classes::default();
    for (j, &x) in chunk.iter().enumerate() {
        let bit = 1u64 << j;
        if is_wordish(x) {
            c.word |= bit;
        }
        if x.is_ascii_alphanumeric() {
            c.alnum |= bit;
        }
        if x.is_ascii_whitespace() || x == 0x0b {
            c.space |= bit;
        }
        if x >= 0x80 {
            c.high |= bit;
        }
    }
    c
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn classify(chunk: &[u8; 64]) -> Classes {
    classify_bytes(chunk)
}

/// The classes of one 64-byte chunk, with AVX2 where `avx2` says the machine has it.
#[inline(always)]
fn classify_with(chunk: &[u8; 64], avx2: bool) -> Classes {
    #[cfg(target_arch = "x86_64")]
    if avx2 {
        // SAFETY: `avx2` comes from `has_avx2`: the machine has AVX2.
        return unsafe { classify_avx2(chunk) };
    }
    let _ = avx2;
    classify(chunk)
}

/// The classes of the 64 bytes of `b` from `at`, and zero for those from `end` on.
#[inline(always)]
fn classes_at(b: &[u8], at: usize, end: usize, avx2: bool) -> Classes {
    let valid = if end - at >= 64 {
        !0
    } else {
        (1u64 << (end - at)) - 1
    };
    let c = match b.get(at..at + 64) {
        Some(chunk) => classify_with(chunk.try_into().expect("64 bytes"), avx2),
        None => {
            // Only at the end of the text: a padded copy.
            let mut chunk = [0u8; 64];
            chunk[..b.len() - at].copy_from_slice(&b[at..]);
            classify_with(&chunk, avx2)
        }
    };
    c.masked(valid)
}

/// Whether the joiner `b[i..i + len]` (`:` `.` `'` `,` `;` `‘` `’`), right after a word byte,
/// joins it to the next character (before `end`): `:` two letters, `,` `;` two digits, the
/// others either (`ascii_word_end`).
#[inline]
fn joins(b: &[u8], i: usize, len: usize, end: usize) -> bool {
    let (letters, digits) = match b[i] {
        b':' => (true, false),
        b'.' | b'\'' | 0xE2 => (true, true),
        b',' | b';' => (false, true),
        _ => return false,
    };
    if i + len >= end {
        return false;
    }
    let (p, q) = (b[i - 1], b[i + len]);
    (letters && p.is_ascii_alphabetic() && q.is_ascii_alphabetic())
        || (digits && p.is_ascii_digit() && q.is_ascii_digit())
}

/// What the scanner does with a non-ASCII character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wide {
    /// A three-byte token of its own: `–` `—` `―` `“` `”` `…` (Word_Break Other).
    Alone,
    /// `‘` `’` (MidNumLet): a token of its own, or a joiner as `.` is.
    Joiner,
    /// A no-break space, two bytes (Word_Break Other, and white space: never a token).
    Blank,
    /// Anything else: `unicode-segmentation` decides.
    Slow,
}

/// The non-ASCII character starting at `b[i]` (the text cut at `end`): the common marks
/// (`common_mark`), and also the ones that are as simple and common in news copy but that
/// `for_each_word_bound` leaves to `unicode-segmentation`.
#[inline]
fn wide_at(b: &[u8], i: usize, end: usize) -> Wide {
    let at = |k: usize| b[..end].get(i + k).copied();
    match b[i] {
        0xE2 if at(1) == Some(0x80) => match at(2) {
            Some(0x93 | 0x94 | 0x95 | 0x9C | 0x9D | 0xA6) => Wide::Alone,
            Some(0x98 | 0x99) => Wide::Joiner,
            _ => Wide::Slow,
        },
        0xC2 if at(1) == Some(0xA0) => Wide::Blank,
        _ => Wide::Slow,
    }
}

/// Letters and digits: the first bytes of `Word` tokens (the others are `Punct`).
const ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    table
};

/// Pushes the ASCII tokens of `text[at..end]` (what `ascii_tokens` gives, the common marks
/// included), 64 bytes at a time: the bytes are classified into bit masks, joiners between two
/// letters or digits become word bytes, and then tokens start and end at set bits of two masks.
/// At the first non-ASCII character that is neither a common mark nor a no-break space it stops
/// as `for_each_stretch` does: it keeps only the tokens before the `cut` (the last run of spaces
/// before that character `slow`) and returns `(cut, slow)`.
fn scan_ascii<'a>(
    text: &'a str,
    at: usize,
    end: usize,
    out: &mut Vec<Token<'a>>,
    keep: &impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    #[cfg(target_arch = "x86_64")]
    if has_avx2_bmi() {
        // SAFETY: `has_avx2_bmi` says the machine has every feature `scan_ascii_bmi` enables.
        return unsafe { scan_ascii_bmi(text, at, end, out, keep) };
    }
    scan_blocks(text, at, end, out, keep, has_avx2())
}

/// Whether the machine has AVX2 and the bit instructions that come with it (all AVX2
/// processors do, but a virtual machine may hide some). Worked out once: asking `std` for the
/// five features at every call cost about thirty instructions.
#[cfg(target_arch = "x86_64")]
#[inline]
fn has_avx2_bmi() -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    // 0: not asked yet, 1: no, 2: yes.
    static ANSWER: AtomicU8 = AtomicU8::new(0);
    match ANSWER.load(Ordering::Relaxed) {
        0 => {
            let yes = has_avx2()
                && std::is_x86_feature_detected!("bmi1")
                && std::is_x86_feature_detected!("bmi2")
                && std::is_x86_feature_detected!("lzcnt")
                && std::is_x86_feature_detected!("popcnt");
            ANSWER.store(1 + u8::from(yes), Ordering::Relaxed);
            yes
        }
        a => a == 2,
    }
}

/// `scan_blocks` compiled for AVX2 with the bit instructions: `classify_avx2` inlined, and
/// `tzcnt`, `blsr`, `lzcnt` for the masks (without them each bit step takes a few more
/// instructions, at every token).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,bmi1,bmi2,lzcnt,popcnt")]
fn scan_ascii_bmi<'a>(
    text: &'a str,
    at: usize,
    end: usize,
    out: &mut Vec<Token<'a>>,
    keep: &impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    scan_blocks(text, at, end, out, keep, true)
}

/// `scan_ascii`, with AVX2 for the classes where `avx2` says the machine has it.
#[inline(always)]
fn scan_blocks<'a>(
    text: &'a str,
    at: usize,
    end: usize,
    out: &mut Vec<Token<'a>>,
    keep: &impl Fn(usize) -> bool,
    avx2: bool,
) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let first = out.len();
    // `word`: whether the first byte is a letter or digit (from the block's `alnum` mask, not
    // read again from the text).
    let token = |start: usize, stop: usize, word: bool| {
        // Tokens are cut only at ASCII bytes and around whole non-ASCII characters.
        debug_assert!(start < stop && stop <= end);
        debug_assert!(text.is_char_boundary(start) && text.is_char_boundary(stop));
        debug_assert_eq!(word, ALNUM[usize::from(b[start])]);
        // SAFETY: both ends are character boundaries within `text` (see above).
        let w = unsafe { text.get_unchecked(start..stop) };
        let kind = if word {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        Token::new(Span::new(start, stop), w, kind)
    };
    // Carried from the block before: whether its last byte is a word byte (raw; joined), and
    // the bits that run over into this block: of a joined `’`, of token ends, of the
    // continuation bytes of a non-ASCII character.
    let (mut last_word, mut last_joined) = (0, 0);
    let (mut joined_over, mut ends_over, mut wide_over) = (0, 0, 0);
    // The start of a token that runs on past the block before.
    let mut open: Option<usize> = None;
    let mut base = at;
    while base < end {
        let c = classes_at(b, base, end, avx2);
        let valid = if end - base >= 64 {
            !0
        } else {
            (1u64 << (end - base)) - 1
        };
        let punct = valid & !(c.word | c.space | c.high);
        let after_word = (c.word << 1) | last_word;
        let mut joined = c.word | joined_over;
        joined_over = 0;
        // One-byte joiners: punctuation between word bytes (the last byte's next one is
        // checked by `joins`).
        let mut cand = punct & after_word & ((c.word >> 1) | 1 << 63);
        while cand != 0 {
            let j = cand.trailing_zeros() as usize;
            cand &= cand - 1;
            if joins(b, base + j, 1, end) {
                joined |= 1 << j;
            }
        }
        // Non-ASCII characters, in order from the first that starts in this block.
        let mut marks = 0;
        let mut cut_slow = None;
        let mut wide = c.high & !wide_over;
        wide_over = 0;
        while wide != 0 {
            let j = wide.trailing_zeros() as usize;
            let len = match wide_at(b, base + j, end) {
                Wide::Alone => {
                    marks |= 1 << j;
                    3
                }
                Wide::Joiner => {
                    marks |= 1 << j;
                    if after_word >> j & 1 != 0 && joins(b, base + j, 3, end) {
                        joined |= 0b111 << j;
                        joined_over = 0b111 >> (64 - j).min(3);
                    }
                    3
                }
                Wide::Blank => 2,
                Wide::Slow => {
                    let k = base + j;
                    cut_slow = Some((stretch_cut(b, at, k), k));
                    break;
                }
            };
            let bytes: u64 = (1 << len) - 1;
            wide &= !(bytes << j);
            if j + len > 64 {
                wide_over = bytes >> (64 - j);
            }
        }
        let (punct, marks) = (punct & !joined, marks & !joined);
        let mut starts = (joined & !((joined << 1) | last_joined)) | punct | marks;
        let mut ends =
            (!joined & ((joined << 1) | last_joined)) | punct << 1 | marks << 3 | ends_over;
        ends_over = (punct >> 63) | (marks >> 61);
        if let Some((cut, _)) = cut_slow {
            // Only the tokens before the cut are this stretch's (and nothing after the slow
            // character is classified).
            starts &= if cut > base {
                (1u64 << (cut - base)) - 1
            } else {
                0
            };
        }
        // A token ends in this block at each set bit of `ends`: room for them all, asked once
        // per block, not per token (counted only when short: a paragraph's tokens have room
        // for about one in five bytes, and reserving a whole block's worth would reallocate).
        if out.capacity() - out.len() < 64 {
            out.reserve(ends.count_ones() as usize);
        }
        let mut spare = Spare::new(out);
        // Tokens and their ends come in order: the first end is the open token's.
        if let Some(s) = open
            && ends != 0
        {
            if keep(s) {
                let word = ALNUM[usize::from(b[s])];
                spare.put(token(s, base + ends.trailing_zeros() as usize, word));
            }
            ends &= ends - 1;
            open = None;
        }
        // The tokens that start before the last end close in this block (a token that starts
        // at or after it runs on): found once here, not asked at every token.
        let closed = match ends {
            0 => 0,
            _ => starts & ((1u64 << (63 - ends.leading_zeros())) - 1),
        };
        if starts != closed {
            open = Some(base + (starts & !closed).trailing_zeros() as usize);
        }
        starts = closed;
        while starts != 0 {
            let j = starts.trailing_zeros() as usize;
            let e = ends.trailing_zeros() as usize;
            starts &= starts - 1;
            ends &= ends - 1;
            if keep(base + j) {
                spare.put(token(base + j, base + e, c.alnum >> j & 1 != 0));
            }
        }
        spare.finish(out);
        if let Some((cut, k)) = cut_slow {
            // Tokens from blocks before that start at or after the cut.
            while out.len() > first && out.last().is_some_and(|t| t.span.start >= cut) {
                out.pop();
            }
            return Some((cut, k));
        }
        last_word = c.word >> 63;
        last_joined = joined >> 63;
        base += 64;
    }
    if let Some(s) = open
        && keep(s)
    {
        out.push(token(s, end, ALNUM[usize::from(b[s])]));
    }
    None
}

/// Tokens written into a vector's reserved spare capacity, with only the next slot kept in a
/// register and the length stored once (`Vec::push` checks the capacity and stores the length
/// at every token).
struct Spare<'a> {
    /// The next slot to write.
    next: *mut Token<'a>,
    /// One past the last slot of the capacity (checked in debug builds only).
    room: *mut Token<'a>,
}

impl<'a> Spare<'a> {
    #[inline(always)]
    fn new(out: &mut Vec<Token<'a>>) -> Self {
        let spare = out.spare_capacity_mut().as_mut_ptr_range();
        Spare {
            next: spare.start.cast(),
            room: spare.end.cast(),
        }
    }

    #[inline(always)]
    fn put(&mut self, t: Token<'a>) {
        // The caller reserved room for every token it puts.
        debug_assert!(self.next < self.room);
        // SAFETY: `next < room` (reserved before), so the slot is inside the allocation, and it
        // is past the initialised part: nothing is overwritten or leaked.
        unsafe {
            self.next.write(t);
            self.next = self.next.add(1);
        }
    }

    /// Makes the tokens put part of `out` (the vector `new` was given, not touched since).
    #[inline(always)]
    fn finish(self, out: &mut Vec<Token<'a>>) {
        // SAFETY: `next` is within the allocation `out` points to, at or past its start.
        let len = unsafe { self.next.offset_from(out.as_ptr()) } as usize;
        debug_assert!(len <= out.capacity());
        // SAFETY: the first `len` slots are initialised: those before `new` were, and `put`
        // wrote the rest, each within the capacity.
        unsafe { out.set_len(len) };
    }
}

/// Where `for_each_stretch` cuts before the non-ASCII character at `k`: at the start of the
/// last run of spaces in `b[at..k]`, or at `at`.
fn stretch_cut(b: &[u8], at: usize, k: usize) -> usize {
    match memchr::memrchr(b' ', &b[at..k]) {
        Some(j) => {
            let mut r = at + j;
            while r > at && b[r - 1] == b' ' {
                r -= 1;
            }
            r
        }
        None => at,
    }
}
/// Letters, digits and `_`: the ASCII characters UAX #29 joins into words. A table: it is asked
/// about every byte of every word.
#[inline]
fn is_wordish(c: u8) -> bool {
    WORDISH[usize::from(c)]
}

const WORDISH: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    table
};

/// The end of the word that runs on at `i` (before `to`) in ASCII text: letters, digits and
/// `_` join; `:` `.` `'` join two letters (WB6, WB7); `,` `;` `.` `'` join two digits (WB11,
/// WB12).
#[inline]
fn ascii_word_end(b: &[u8], mut i: usize, to: usize) -> usize {
    // (A common mark never straddles `to`, a character boundary: cut there, one test bounds
    // the loop and the indexing.)
    let b = &b[..to];
    while let Some(&n) = b.get(i) {
        if is_wordish(n) {
            i += 1;
            continue;
        }
        // Which joiner, how long, and whether it joins letters, digits.
        let (len, letters, digits) = match n {
            b':' => (1, true, false),
            b'.' | b'\'' => (1, true, true),
            b',' | b';' => (1, false, true),
            0xE2 if common_mark(b, i) == Mark::Joiner => (3, true, true),
            _ => break,
        };
        let (p, q) = (b[i - 1], b.get(i + len).copied().filter(|_| i + len < to));
        let joins = q.is_some_and(|q| {
            (letters && p.is_ascii_alphabetic() && q.is_ascii_alphabetic())
                || (digits && p.is_ascii_digit() && q.is_ascii_digit())
        });
        if !joins {
            break;
        }
        i += len + 1;
    }
    i
}

/// Calls `f(offset, segment)` for each piece of `s` between UAX #29 word boundaries: exactly
/// what `split_word_bound_indices` yields, in order, but ASCII runs are split by a small state
/// machine (UAX #29 restricted to ASCII and the `common_mark`s: curly quotes, apostrophes,
/// dashes) and only the stretch around each other non-ASCII character, from the space before it
/// to the space after it, goes through `unicode-segmentation`.
///
/// The stretches are cut where UAX #29 always breaks and no rule looks across: before a run of
/// spaces (only WB3d joins anything to a following space, and only a space), so each stretch
/// can be segmented on its own.
pub fn for_each_word_bound<'a>(s: &'a str, mut f: impl FnMut(usize, &'a str)) {
    for_each_stretch(s, |from, to, ascii| {
        if ascii {
            ascii_word_bounds(s, from, to, &mut f);
        } else {
            for (i, w) in s[from..to].split_word_bound_indices() {
                f(from + i, w);
            }
        }
    });
}

/// Cuts `s` into stretches that UAX #29 segments independently, in order: `f(from, to, true)`
/// for ASCII text, `f(from, to, false)` for the stretch around a non-ASCII character (see
/// `for_each_word_bound`).
fn for_each_stretch(s: &str, mut f: impl FnMut(usize, usize, bool)) {
    let b = s.as_bytes();
    let mut at = 0;
    while at < b.len() {
        let Some(k) = first_slow(b, at) else {
            f(at, b.len(), true);
            return;
        };
        // The start of the last run of spaces before the non-ASCII character.
        let cut = match memchr::memrchr(b' ', &b[at..k]) {
            Some(j) => {
                let mut r = at + j;
                while r > at && b[r - 1] == b' ' {
                    r -= 1;
                }
                r
            }
            None => at,
        };
        if cut > at {
            f(at, cut, true);
        }
        let end = memchr::memchr(b' ', &b[k..]).map_or(b.len(), |j| k + j);
        f(cut, end, false);
        at = end;
    }
}

/// The first non-ASCII character from `at` on that is not a `common_mark`.
fn first_slow(b: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let k = at + first_non_ascii(&b[at..])?;
        if common_mark(b, k) == Mark::None {
            return Some(k);
        }
        at = k + 3;
    }
}

/// How UAX #29 treats a non-ASCII character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Not one of the common marks: `unicode-segmentation` decides.
    None,
    /// `–` `—` `“` `”` (Word_Break Other): a piece of its own.
    Alone,
    /// `‘` `’` (MidNumLet): joins two letters or two digits, as `.` does.
    Joiner,
}

/// The punctuation of news copy outside ASCII, so common (curly quotes, apostrophes, dashes)
/// that sending every word with one to `unicode-segmentation` costs more than the rest.
#[inline]
fn common_mark(b: &[u8], i: usize) -> Mark {
    if b[i] != 0xE2 || b.get(i + 1) != Some(&0x80) {
        return Mark::None;
    }
    match b.get(i + 2) {
        Some(0x93 | 0x94 | 0x9C | 0x9D) => Mark::Alone,
        Some(0x98 | 0x99) => Mark::Joiner,
        _ => Mark::None,
    }
}

/// The index of the first non-ASCII byte, eight bytes at a time.
fn first_non_ascii(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 8 <= b.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[i..i + 8]);
        if u64::from_ne_bytes(word) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        i += 8;
    }
    b[i..].iter().position(|&c| !c.is_ascii()).map(|j| i + j)
}

/// UAX #29 word boundaries of the ASCII text `s[from..to]`. In ASCII the rules come down to:
/// letters, digits and `_` join (WB5, WB8–WB10, WB13a/b); `:` `.` `'` join two letters (WB6,
/// WB7); `,` `;` `.` `'` join two digits (WB11, WB12); spaces join spaces (WB3d); CR joins a
/// following LF (WB3); every other character stands alone.
fn ascii_word_bounds<'a>(s: &'a str, from: usize, to: usize, f: &mut impl FnMut(usize, &'a str)) {
    let b = s.as_bytes();
    let mut i = from;
    while i < to {
        let start = i;
        let c = b[i];
        i += 1;
        if is_wordish(c) {
            i = ascii_word_end(b, i, to);
        } else if c >= 0x80 {
            // A common mark (the stretch holds no other non-ASCII character): alone.
            i += 2;
        } else if c == b' ' {
            while i < to && b[i] == b' ' {
                i += 1;
            }
        } else if c == b'\r' && i < to && b[i] == b'\n' {
            i += 1;
        }
        f(start, &s[start..i]);
    }
}

/// Words that end in a period without ending a sentence (sorted: a binary search at every
/// period).
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ala", "Apr", "Ariz", "Aug", "Calif", "Capt", "Cmdr", "Co", "Col", "Colo", "Conn",
    "Corp", "Cpl", "Dec", "Del", "Dept", "Dr", "Feb", "Fla", "Fr", "Ga", "Gen", "Gov", "Hon",
    "Ill", "Inc", "Ind", "Jan", "Jr", "Kan", "Ky", "La", "Lt", "Ltd", "Maj", "Mass", "Md", "Mich",
    "Minn", "Miss", "Mo", "Mr", "Mrs", "Ms", "Mt", "No", "Nov", "Oct", "Okla", "Ore", "Pa", "Ph",
    "Pres", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sept", "Sgt", "Sr", "St", "Supt", "Tenn",
    "Tex", "Va", "Vt", "Wash", "Wis", "approx", "e.g", "etc", "i.e", "vs",
];

/// Indices into `tokens` where a new sentence starts (always including 0 for a non-empty
/// slice). A break follows `.`, `!` or `?` (or a quote ending in one) when the next token starts
/// with a capital, a digit or a quotation; not after an abbreviation or an initial.
pub fn sentence_starts(
    tokens: &[Token],
    quote_ends_sentence: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut starts = Vec::new();
    if tokens.is_empty() {
        return starts;
    }
    starts.push(0);
    for i in 0..tokens.len() - 1 {
        let t = &tokens[i];
        let ends = match t.kind {
            TokenKind::Punct => {
                matches!(t.text, "." | "!" | "?" | "…") && !after_abbreviation(tokens, i)
            }
            TokenKind::Quote(n) => quote_ends_sentence(n),
            TokenKind::Word => false,
        };
        if !ends {
            continue;
        }
        // Closing brackets stay with the sentence they close.
        let mut j = i + 1;
        while j < tokens.len() && matches!(tokens[j].text, ")" | "]") {
            j += 1;
        }
        let Some(next) = tokens.get(j) else { break };
        let opens = match next.kind {
            TokenKind::Quote(_) => true,
            TokenKind::Word => next
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
            TokenKind::Punct => matches!(next.text, "(" | "[" | "—" | "-"),
        };
        if opens && starts.last() != Some(&j) {
            starts.push(j);
        }
    }
    starts
}

fn after_abbreviation(tokens: &[Token], dot: usize) -> bool {
    if tokens[dot].text != "." || dot == 0 {
        return false;
    }
    let prev = &tokens[dot - 1];
    if !prev.is_word() || prev.span.end != tokens[dot].span.start {
        return false;
    }
    let w = prev.text;
    // An initial ("John F. Kennedy"), or a dotted abbreviation such as "U.S." ("U.S" is one word).
    (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
        || (w.contains('.') && w.len() <= 5)
        || ABBREVIATIONS.binary_search(&w).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::plain;

    fn paras(text: &str) -> Vec<&str> {
        paragraphs(text, &plain::regions(text))
            .iter()
            .map(|p| p.span.text(text))
            .collect()
    }

    #[test]
    fn wire_lines_are_paragraphs() {
        assert_eq!(
            paras("One.\nTwo.\n\n  Three.  \n"),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn quote_is_one_token() {
        let text = "He said “Hi. There.” Then left.";
        let q = text.find('“').unwrap();
        let qe = text.find('”').unwrap() + '”'.len_utf8();
        let toks = tokens(
            text,
            Span::new(0, text.len()),
            &[(Span::new(q, qe), 0)],
            &[],
        );
        let kinds: Vec<_> = toks.iter().map(|t| t.text).collect();
        assert_eq!(kinds, ["He", "said", "“Hi. There.”", "Then", "left", "."]);
        assert_eq!(sentence_starts(&toks, |_| true), [0, 3]);
    }

    #[test]
    fn abbreviations_are_sorted_for_binary_search() {
        let mut sorted = ABBREVIATIONS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, ABBREVIATIONS);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Sen. John F. Kennedy met Mr. Smith in the U.S. on Monday. Then he left.";
        let toks = tokens(text, Span::new(0, text.len()), &[], &[]);
        let starts = sentence_starts(&toks, |_| false);
        assert_eq!(starts.len(), 2);
        assert_eq!(toks[starts[1]].text, "Then");
    }

    fn bounds(s: &str) -> Vec<(usize, &str)> {
        let mut v = Vec::new();
        for_each_word_bound(s, |i, w| v.push((i, w)));
        v
    }

    #[test]
    fn word_bounds_match_uax29_on_examples() {
        for s in [
            "",
            "U.S. e.g. 3.5 1,000,000 1;2 a:b a'b 1'2 a.1 1.a _a a_ __ x__y",
            "Don't   stop.\r\n\rA\tB\x0b\x0c  \n\n",
            "He said “Hi.” café naïve — O’Neill ’90s 日本語 🦀 a\u{301}b  \u{301} \u{200b}x",
            "\u{5d0}'s \u{5d0}\"\u{5d0} a \u{fe0f}",
            "don’t ’90s 1’000 a‘b ‘a’ “A” a—b 1–2 a’\u{301}b “\u{301} ’’ a’’b a’1 1’a x’ ’x",
        ] {
            let want: Vec<_> = s.split_word_bound_indices().collect();
            assert_eq!(bounds(s), want, "{s:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The ASCII fast path gives exactly the tokens of UAX #29.
        #[test]
        fn ascii_word_bounds_are_uax29(s in "[ a-zA-Z0-9_.,;:'\"!?()\\-\t\r\n\x0b\x0c\x00\x7f#*@&]{0,64}") {
            let want: Vec<_> = s.split_word_bound_indices().collect();
            proptest::prop_assert_eq!(bounds(&s), want);
        }

        /// And with the common marks of news copy (curly quotes, dashes).
        #[test]
        fn common_marks_word_bounds_are_uax29(s in "[ a-zA-Z0-9_.,;:'\"!?()\\-\t\r\n“”‘’–—]{0,64}") {
            let want: Vec<_> = s.split_word_bound_indices().collect();
            proptest::prop_assert_eq!(bounds(&s), want);
        }

        /// So does the mix of fast path and `unicode-segmentation` on any text, for every
        /// piece that becomes a token: white space is dropped, and where a non-ASCII space
        /// (U+2000) meets an ASCII one the two may be cut apart.
        #[test]
        fn mixed_word_bounds_are_uax29(s in "([ a-zA-Z0-9_.,:'\"\r\n]|[“”‘’—–…é日🦀\u{301}\u{200d}\u{200b}\u{5d0}\u{a0}\u{2028}\u{1f1e6}\u{1f3fb}]|\\PC){0,48}") {
            let visible = |v: Vec<(usize, &str)>| -> Vec<(usize, String)> {
                v.into_iter()
                    .filter(|(_, w)| !w.starts_with(char::is_whitespace))
                    .map(|(i, w)| (i, w.to_string()))
                    .collect()
            };
            let want = visible(s.split_word_bound_indices().collect());
            proptest::prop_assert_eq!(visible(bounds(&s)), want);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Tokens are the visible UAX #29 pieces, words where they start with a letter or digit.
        #[test]
        fn tokens_are_visible_uax29_pieces(s in "([ a-zA-Z0-9_.,:;'\"!?()\t\r\n\x0b\x0c\x00\x1f]|[“”‘’—–…é日\u{301}\u{a0}]|\\PC){0,48}") {
            let want: Vec<(usize, &str, bool)> = s
                .split_word_bound_indices()
                .filter(|(_, w)| !w.starts_with(char::is_whitespace))
                .map(|(i, w)| (i, w, w.starts_with(char::is_alphanumeric)))
                .collect();
            let got: Vec<(usize, &str, bool)> = tokens(&s, Span::new(0, s.len()), &[], &[])
                .iter()
                .map(|t| (t.span.start, t.text, t.is_word()))
                .collect();
            let pieces = |v: &[(usize, &str, bool)]| -> Vec<String> {
                v.iter().map(|(_, w, k)| format!("{w}{k}")).collect()
            };
            // As in `mixed_word_bounds_are_uax29`: compare the visible pieces.
            proptest::prop_assert_eq!(pieces(&got), pieces(&want));
        }
    }

    fn reference_tokens<'a>(
        text: &'a str,
        span: Span,
        atoms: &[(Span, usize)],
        masked: &[Span],
    ) -> Vec<Token<'a>> {
        let mut out = Vec::with_capacity(span.len() / 5);
        let mut at = span.start;
        for &(atom, n) in atoms {
            reference_words_into(text, Span::new(at, atom.start.max(at)), masked, &mut out);
            out.push(Token::new(atom, atom.text(text), TokenKind::Quote(n)));
            at = atom.end.max(at);
        }
        reference_words_into(text, Span::new(at, span.end.max(at)), masked, &mut out);
        out
    }

    fn reference_words_into<'a>(
        text: &'a str,
        span: Span,
        masked: &[Span],
        out: &mut Vec<Token<'a>>,
    ) {
        let piece = span.text(text);
        let mut push = |i: usize, w: &'a str, kind: TokenKind| {
            let start = span.start + i;
            if masked.iter().any(|m| m.contains(start)) {
                return;
            }
            out.push(Token::new(Span::new(start, start + w.len()), w, kind));
        };
        for_each_stretch(piece, |from, to, ascii| {
            if ascii {
                reference_ascii_tokens(piece, from, to, &mut push);
                return;
            }
            for (i, w) in piece[from..to].split_word_bound_indices() {
                let Some(first) = w.chars().next() else {
                    continue;
                };
                if first.is_whitespace() {
                    continue;
                }
                let kind = if first.is_alphanumeric() {
                    TokenKind::Word
                } else {
                    TokenKind::Punct
                };
                push(from + i, w, kind);
            }
        });
    }

    /// The visible tokens of the ASCII text `s[from..to]`, with their kinds: the pieces of
    /// `ascii_word_bounds` that do not start with white space, found without building the others.
    fn reference_ascii_tokens<'a>(
        s: &'a str,
        from: usize,
        to: usize,
        f: &mut impl FnMut(usize, &'a str, TokenKind),
    ) {
        // (Cut at `to`, so that one test bounds the loop and the indexing.)
        let b = &s.as_bytes()[..to];
        let mut i = from;
        while let Some(&c) = b.get(i) {
            if c.is_ascii_whitespace() || c == 0x0b {
                // Spaces, tabs, line breaks: white space pieces, never tokens.
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            if is_wordish(c) {
                i = ascii_word_end(b, i, to);
            } else if c >= 0x80 {
                // A common mark: a token of its own.
                i += 2;
            }
            let kind = if c.is_ascii_alphanumeric() {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            // `start` and `i` are on character boundaries: ASCII bytes, or the end of a three-byte
            // common mark. Checked in debug builds; unchecked slicing here saves two boundary tests
            // on every token.
            debug_assert!(s.is_char_boundary(start) && s.is_char_boundary(i) && i <= to);
            // SAFETY: both ends are character boundaries within `s` (see above).
            let w = unsafe { s.get_unchecked(start..i) };
            f(start, w, kind);
        }
    }

    /// Spans, texts and kinds (what `Token` equality compares) of both implementations.
    fn same_tokens(text: &str, span: Span, atoms: &[(Span, usize)], masked: &[Span]) {
        let got = tokens(text, span, atoms, masked);
        let want = reference_tokens(text, span, atoms, masked);
        assert_eq!(got, want, "{text:?} {span:?} {atoms:?} {masked:?}");
    }

    /// Every sub-span of `s` that is on character boundaries, tokenised both ways (and, for a
    /// long text, the whole only).
    fn same_tokens_everywhere(s: &str) {
        let ends: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
        if ends.len() > 80 {
            same_tokens(s, Span::new(0, s.len()), &[], &[]);
            return;
        }
        for &a in &ends {
            for &e in ends.iter().filter(|&&e| e >= a) {
                same_tokens(s, Span::new(a, e), &[], &[]);
            }
        }
    }

    #[test]
    fn scan_matches_reference_on_examples() {
        for s in [
            "",
            "U.S. e.g. 3.5 1,000,000 1;2 a:b a'b 1'2 a.1 1.a _a a_ __ x__y a.m. 3,000.",
            "Don't   stop.\r\n\rA\tB\x0b\x0c  \n\n\r lone\rcr",
            "He said “Hi.” café naïve — O’Neill ’90s 日本語 🦀 a\u{301}b  \u{301} \u{200b}x",
            "don’t ’90s 1’000 a‘b ‘a’ “A” a—b 1–2 a’\u{301}b “\u{301} ’’ a’’b a’1 1’a x’ ’x",
            "ends in a joiner: U.S",
            "ends in a joiner: 3,",
            "ends in a joiner: don’",
            "ends in a joiner: a.",
            "…and İstanbul, Straße 中文 — said “x”",
            "a\u{a0}b 3\u{a0}000 a.\u{a0}b \u{a0}\u{301} x\u{a0}\u{ad}y \u{a0} ―a― a…b 1…2 …\u{301}",
            "U.S.\u{a0}troops, a’\u{a0}b ’\u{a0}’ \u{a0}\u{a0}\u{a0}é\u{a0}",
        ] {
            same_tokens_everywhere(s);
        }
        // Long texts: words, joiners and marks across the 64-byte blocks.
        let long =
            "The U.S. economy’s 3,000,000 jobs—a.m. figures—don’t lie, said O’Neill. ".repeat(9);
        same_tokens_everywhere(&long);
        for shift in 0..70 {
            let s = format!("{}{}", " ".repeat(shift), long);
            same_tokens(&s, Span::new(0, s.len()), &[], &[]);
            let s = format!("{}{}é{}", "x".repeat(shift), long, long);
            same_tokens(&s, Span::new(0, s.len()), &[], &[]);
            let s = format!("{}’{} a’b", "ab".repeat(shift), "cd".repeat(shift));
            same_tokens(&s, Span::new(0, s.len()), &[], &[]);
            let s = format!("{}.{}", "1".repeat(shift), "2".repeat(shift));
            same_tokens(&s, Span::new(0, s.len()), &[], &[]);
            let s = format!("{} {}é", "( x".repeat(shift), "y".repeat(shift));
            same_tokens(&s, Span::new(0, s.len()), &[], &[]);
        }
    }

    #[test]
    fn scan_matches_reference_with_atoms_and_masks() {
        let text = "He said “Hi. There.” Then `left` U.S. 3,000 don’t — “x” é y.";
        let q = text.find('“').unwrap();
        let qe = text.find('”').unwrap() + '”'.len_utf8();
        let b = text.find('`').unwrap();
        let be = text.rfind('`').unwrap() + 1;
        let all = Span::new(0, text.len());
        same_tokens(text, all, &[(Span::new(q, qe), 0)], &[]);
        same_tokens(text, all, &[(Span::new(q, qe), 0)], &[Span::new(b, be)]);
        same_tokens(
            text,
            all,
            &[],
            &[Span::new(b, be), Span::new(be + 2, be + 9)],
        );
        same_tokens(
            text,
            Span::new(3, text.len() - 1),
            &[(Span::new(q, qe), 7)],
            &[],
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// The block scanner gives exactly the tokens of the reference on any text.
        #[test]
        fn scan_matches_reference(s in "\\PC{0,150}|.{0,80}") {
            same_tokens(&s, Span::new(0, s.len()), &[], &[]);
        }

        /// And on news-like text, long enough to cross blocks, with every piece of it.
        #[test]
        fn scan_matches_reference_on_news(s in "[a-zA-Z0-9 .,;:'’‘“”—–―_\r\n\t\x0béßİ中…\u{a0}\u{a0}\u{a0}\u{ad}\u{301}\u{200d}\u{2019}]{0,200}", a in 0usize..200, e in 0usize..200) {
            same_tokens(&s, Span::new(0, s.len()), &[], &[]);
            let (a, e) = (a.min(e).min(s.len()), e.max(a).min(s.len()));
            if s.is_char_boundary(a) && s.is_char_boundary(e) {
                same_tokens(&s, Span::new(a, e), &[], &[]);
                same_tokens(&s, Span::new(0, s.len()), &[(Span::new(a, e), 1)], &[]);
                same_tokens(&s, Span::new(0, s.len()), &[], &[Span::new(a, e)]);
            }
        }

        /// With few marks and long words, so that words and joiners straddle blocks.
        #[test]
        fn scan_matches_reference_across_blocks(s in "([a-c1-2]{1,70}[ .,’]?){0,12}") {
            same_tokens(&s, Span::new(0, s.len()), &[], &[]);
        }

        /// Every build of the block scanner (with or without AVX2 and the bit instructions)
        /// gives the same tokens and the same stop.
        #[test]
        fn scan_builds_agree(s in "[a-zA-Z0-9 .,;:'’‘“”—_\r\n\t\u{a0}é中]{0,200}", a in 0usize..200) {
            let a = a.min(s.len());
            if s.is_char_boundary(a) {
                let scan = |avx2: Option<bool>| {
                    let mut out = Vec::new();
                    let stop = match avx2 {
                        Some(avx2) => scan_blocks(&s, a, s.len(), &mut out, &|_| true, avx2),
                        None => scan_ascii(&s, a, s.len(), &mut out, &|_| true),
                    };
                    (out, stop)
                };
                let want = scan(Some(false));
                proptest::prop_assert_eq!(scan(Some(has_avx2())), want.clone());
                proptest::prop_assert_eq!(scan(None), want);
            }
        }

        /// The SSE2 (and AVX2) classes are the byte-at-a-time ones.
        #[test]
        fn classify_is_bytewise(v in proptest::collection::vec(proptest::prelude::any::<u8>(), 64)) {
            let chunk: [u8; 64] = v.try_into().unwrap();
            proptest::prop_assert_eq!(classify(&chunk), classify_bytes(&chunk));
            proptest::prop_assert_eq!(classify_with(&chunk, has_avx2()), classify_bytes(&chunk));
        }
    }

    #[test]
    fn masked_words_are_skipped() {
        let text = "a `b` c";
        let toks = tokens(text, Span::new(0, text.len()), &[], &[Span::new(2, 5)]);
        assert_eq!(toks.iter().map(|t| t.text).collect::<Vec<_>>(), ["a", "c"]);
    }
}
