//! Quotation marks: which marks open, which close, which are apostrophes, and how they pair.
//!
//! Marks are found with `memchr` (every mark is `"`, `'`, or a multi-byte character led by
//! 0xE2 or 0xC2), so the scan costs almost nothing between quotes. Pairing is a stack machine
//! per paragraph: one pass, no look-ahead beyond the next paragraph's first character, so an
//! unclosed mark can never make the scan quadratic or swallow the rest of an article.

use crate::markup::Markup;
use crate::segment::Paragraph;
use crate::simd::has_avx2;
use crate::span::Span;

/// Double marks make quotations; single marks only nest inside them (or stand alone in
/// British-style copy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Double,
    Single,
}

/// A quotation: from its opening mark to its closing mark, both included. A quotation that runs
/// over several paragraphs is one `Quote`; an unclosed one ends at the end of its paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub span: Span,
    /// The opening mark.
    pub open: Span,
    /// The closing mark, if it has one.
    pub close: Option<Span>,
    pub family: Family,
    /// Index of the first and the last paragraph it covers.
    pub first_paragraph: usize,
    pub last_paragraph: usize,
    /// Marks that reopen each continued paragraph of a multi-paragraph quotation.
    pub reopens: Vec<Span>,
    /// Where the markup says the words come from (`<blockquote cite="…">`).
    pub cite: Option<Span>,
}

impl Quote {
    pub fn closed(&self) -> bool {
        self.close.is_some()
    }

    /// The words between the marks.
    pub fn content(&self) -> Span {
        Span::new(self.open.end, self.close.map_or(self.span.end, |c| c.start))
    }

    /// Paragraphs after the first that the quotation runs into.
    pub fn continues(&self) -> usize {
        self.last_paragraph - self.first_paragraph
    }
}

/// A closing mark with no opening one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrayClose {
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight `"` with letters or spaces on both sides: decided by what is open.
    Either,
    /// An apostrophe, inch mark or other non-quotation use.
    None,
    /// `="…"`: an attribute value in embedded markup, skipped with its partner.
    Attribute,
    /// A straight `"` after a digit: closes an open quotation, or is an inch mark (6'2").
    CloseOrInch,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    span: Span,
    /// The character the mark stands for (`“` for `&ldquo;`, `"` for `''`).
    ch: char,
    family: Family,
    role: Role,
}

/// Finds the quotations of a document and its stray closing marks.
pub fn find(
    text: &str,
    paragraphs: &[Paragraph],
    markup: &Markup,
) -> (Vec<Quote>, Vec<StrayClose>) {
    let regions = &markup.regions;
    let entities = markup.entities;
    let mut quotes = declared(text, paragraphs, markup);
    // Room for a quotation a paragraph, more than news mostly has: one allocation, not a
    // reallocation (a copy of them all) each time the count doubles. Capped at one a 256 bytes
    // of text, which news stays under, so that a file of a million short lines (a million
    // paragraphs, most without a quotation) takes room of about half its size, not more.
    quotes.reserve(paragraphs.len().min((text.len() / 256).max(256)));
    // Marks inside a declared quotation are nested in it.
    let inside: Vec<Span> = quotes.iter().map(|q| q.span).collect();
    let mut strays = Vec::new();
    // The open top-level quotation carried from the previous paragraph.
    let mut carried: Option<Quote> = None;
    // The marks open in the paragraph; one vector for all, not an allocation a paragraph.
    let mut stack: Vec<(Family, Span)> = Vec::with_capacity(8);
    for (pi, para) in paragraphs.iter().enumerate() {
        let masked = &regions[para.region].masked;
        stack.clear();
        let mut current = carried.take();
        if let Some(q) = current.as_mut() {
            // The reopening mark was checked before carrying; it opens nothing new.
            let reopen = first_mark(text, para.span, entities).expect("carried only when reopened");
            q.reopens.push(reopen);
            q.last_paragraph = pi;
            stack.push((Family::Double, q.open));
        }
        let mut marks = Marks::new(text, para.span, entities).filter(|m| {
            !masked.iter().any(|s| s.contains(m.span.start))
                && !inside.iter().any(|s| s.contains(m.span.start))
        });
        if current.is_some() {
            marks.next(); // the reopening mark
        }
        let mut skip_attribute = false;
        for mark in marks {
            if mark.role == Role::Attribute || (skip_attribute && mark.family == Family::Double) {
                // An attribute value opens with `="` and closes with the next straight `"`.
                skip_attribute = mark.role == Role::Attribute;
                continue;
            }
            let has_open = |f: Family| stack.iter().any(|(g, _)| *g == f);
            let role = match mark.role {
                Role::Either if has_open(mark.family) => Role::Close,
                Role::Either => Role::Open,
                Role::CloseOrInch if has_open(mark.family) => Role::Close,
                Role::CloseOrInch => Role::None,
                r => r,
            };
            match role {
                Role::Open => {
                    // Single marks still open when a double one opens were apostrophes.
                    if mark.family == Family::Double && !has_open(Family::Double) {
                        stack.clear();
                        current = None;
                    }
                    if stack.is_empty() {
                        current = Some(Quote {
                            span: mark.span,
                            open: mark.span,
                            close: None,
                            family: mark.family,
                            first_paragraph: pi,
                            last_paragraph: pi,
                            reopens: Vec::new(),
                            cite: None,
                        });
                    }
                    stack.push((mark.family, mark.span));
                }
                Role::Close => {
                    let Some(depth) = stack.iter().rposition(|(f, _)| *f == mark.family) else {
                        if mark.family == Family::Double {
                            strays.push(StrayClose { span: mark.span });
                        }
                        continue;
                    };
                    // Single marks left open above it were apostrophes after all.
                    stack.truncate(depth);
                    if stack.is_empty()
                        && let Some(mut q) = current.take()
                    {
                        q.close = Some(mark.span);
                        q.span = Span::new(q.open.start, mark.span.end);
                        quotes.push(q);
                    }
                }
                _ => {}
            }
        }
        // Whatever is still open at the end of the paragraph.
        let Some(mut q) = current.take() else {
            continue;
        };
        if q.family == Family::Double && stack.first().is_some_and(|(f, _)| *f == Family::Double) {
            let reopened = paragraphs.get(pi + 1).is_some_and(|next| {
                Marks::new(text, next.span, entities)
                    .next()
                    .is_some_and(|m| m.span.start == next.span.start && is_double_opening(m.ch))
            });
            if reopened {
                carried = Some(q);
                continue;
            }
            q.span = Span::new(q.open.start, para.span.end);
            quotes.push(q);
        }
        // An unclosed single mark was an apostrophe: nothing to report.
    }
    // Declared quotations came first; every later stage reads quotations in document order.
    quotes.sort_by_key(|q| q.span.start);
    (quotes, strays)
}

fn is_double_opening(mark: char) -> bool {
    matches!(mark, '"' | '“' | '„' | '«')
}

/// The first quotation mark in `span`, if any.
fn first_mark(text: &str, span: Span, entities: bool) -> Option<Span> {
    Marks::new(text, span, entities).next().map(|m| m.span)
}

/// Quotations the markup declares (`<q>`, `<blockquote>`), as quotes over the paragraphs they
/// cover. A block quotation holding quotation marks of its own is left to those marks: it is
/// an excerpt with its own speakers.
fn declared(text: &str, paragraphs: &[Paragraph], markup: &Markup) -> Vec<Quote> {
    let mut out = Vec::new();
    for mq in &markup.quotes {
        let Some(close) = mq.close else { continue };
        let first = paragraphs.partition_point(|p| p.span.end <= mq.open.start);
        let last = paragraphs.partition_point(|p| p.span.start < close.end);
        if first >= last {
            continue;
        }
        let span = Span::new(mq.open.start, close.end);
        if mq.block
            && paragraphs[first..last].iter().any(|p| {
                Marks::new(text, p.span, markup.entities).any(|m| m.family == Family::Double)
            })
        {
            continue;
        }
        out.push(Quote {
            span,
            open: mq.open,
            close: Some(close),
            family: Family::Double,
            first_paragraph: first,
            last_paragraph: last - 1,
            reopens: Vec::new(),
            cite: mq.cite,
        });
    }
    out
}

/// An iterator over the quotation marks of one paragraph, each with its role from context.
/// Apostrophes inside a word (don’t, O’Neill) have no role and are skipped.
struct Marks<'a> {
    text: &'a str,
    span: Span,
    at: usize,
    /// Where the bytes that may begin a mark are (`&` too where character references, as in
    /// HTML, are read as marks).
    leads: Leads<'a>,
}

impl<'a> Marks<'a> {
    fn new(text: &'a str, span: Span, entities: bool) -> Self {
        let bytes = &text.as_bytes()[..span.end];
        Marks {
            text,
            span,
            at: span.start,
            leads: Leads::new(bytes, span.start, entities),
        }
    }

    /// Is the apostrophe at `start..end` between two ASCII letters or digits? The common case,
    /// told from two bytes before anything is decoded (`classify` gives it no role either).
    fn in_word(&self, start: usize, end: usize) -> bool {
        let b = self.text.as_bytes();
        start > self.span.start
            && end < self.span.end
            && b[start - 1].is_ascii_alphanumeric()
            && b[end].is_ascii_alphanumeric()
    }
}

/// The bytes that may begin a quotation mark, in order: `"`, `'`, 0xE2 (`“ ” ‘ ’ „`, also
/// dashes), 0xC2 (`« »`, also no-break spaces) and, where references are read, `&`. Found 64
/// bytes at a time as a bit mask: news has a lead every hundred bytes or so, and a search
/// restarted at each (memchr3, then memchr for the rare ones) cost more in set-up than in
/// scanning.
struct Leads<'a> {
    /// The text up to the end of the paragraph.
    bytes: &'a [u8],
    /// Where the current block starts, and its leads not yet passed, bit `i` for `base + i`.
    base: usize,
    mask: u64,
    /// Where the next block starts: nothing is scanned until the first lead is asked for.
    next: usize,
    /// `&` where references are read, else `"` again (no new lead).
    amp: u8,
    /// The machine has AVX2: a block is two comparisons of 32 bytes per lead, not four of 16.
    avx2: bool,
}

impl<'a> Leads<'a> {
    fn new(bytes: &'a [u8], from: usize, entities: bool) -> Self {
        let amp = if entities { b'&' } else { b'"' };
        Leads {
            bytes,
            base: from,
            mask: 0,
            next: from,
            amp,
            avx2: has_avx2(),
        }
    }

    /// The first lead at or after `at`.
    #[inline]
    fn next_from(&mut self, at: usize) -> Option<usize> {
        if at > self.base {
            let passed = at - self.base;
            self.mask &= u64::MAX.checked_shl(passed as u32).unwrap_or(0);
        }
        if self.mask == 0 {
            let from = self.next.max(at);
            if from >= self.bytes.len() {
                return None;
            }
            (self.base, self.mask) = scan(self.bytes, from, self.amp, self.avx2);
            self.next = self.base + 64;
            if self.mask == 0 {
                return None;
            }
        }
        Some(self.base + self.mask.trailing_zeros() as usize)
    }
}

/// Whether each byte may begin a mark (`Leads`), `&` aside.
const LEAD: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table[0xE2] = true;
    table[0xC2] = true;
    table
};

/// The first block from `at` on (`at < bytes.len()`) that holds a lead: where it starts and its
/// leads as bits, or a mask of 0 if the rest holds none.
#[inline]
fn scan(bytes: &[u8], at: usize, amp: u8, avx2: bool) -> (usize, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        if avx2 {
            // SAFETY: `avx2` is true only where the processor has AVX2 (`has_avx2`).
            return unsafe { scan_avx2(bytes, at, amp) };
        }
        scan_sse2(bytes, at, amp)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = avx2;
        scan_by(bytes, at, amp, |chunk| tail(chunk, 0, amp) as u32)
    }
}

/// `scan` with SSE2, out of line as `scan_avx2` is: inlined, its vector constants were set up
/// and reloaded around the call in every `Marks::next`, on machines with AVX2 too.
#[cfg(target_arch = "x86_64")]
#[inline(never)]
fn scan_sse2(bytes: &[u8], at: usize, amp: u8) -> (usize, u64) {
    scan_by(bytes, at, amp, |chunk| block_sse2(chunk, amp))
}

/// `scan` with AVX2: one call runs over all the blocks without a lead (most of them), rather
/// than a call a block.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn scan_avx2(bytes: &[u8], at: usize, amp: u8) -> (usize, u64) {
    // (The closure inherits this function's AVX2, so `block_avx2` is inlined in the loop.)
    scan_by(bytes, at, amp, |chunk| block_avx2(chunk, amp))
}

/// `scan` with `of` giving the leads of 32 bytes, over blocks of 64 (two masks of 32 in one):
/// a paragraph of news is a few blocks, and each block with a lead costs a refill.
#[inline(always)]
fn scan_by(bytes: &[u8], mut at: usize, amp: u8, of: impl Fn(&[u8; 32]) -> u32) -> (usize, u64) {
    let of64 = |chunk: &[u8; 64]| {
        let (low, high) = chunk.split_at(32);
        let (low, high) = (
            low.first_chunk().expect("32"),
            high.first_chunk().expect("32"),
        );
        u64::from(of(low)) | u64::from(of(high)) << 32
    };
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<64>) {
        let mask = of64(chunk);
        if mask != 0 {
            return (at, mask);
        }
        at += 64;
    }
    if at >= bytes.len() {
        return (at, 0);
    }
    // The last block of a paragraph: the 64 bytes that end with it (they start in the
    // document), shifted, rather than a byte loop (every paragraph has such a tail).
    if let Some(start) = bytes.len().checked_sub(64) {
        let chunk = bytes[start..].first_chunk::<64>().expect("64 bytes");
        return (at, of64(chunk) >> (at - start));
    }
    (at, tail(bytes, at, amp))
}

/// The leads of `bytes[at..at + 64]` (fewer at the end) as bits, a byte at a time.
fn tail(bytes: &[u8], at: usize, amp: u8) -> u64 {
    let mut mask = 0;
    for (i, &c) in bytes[at..].iter().take(64).enumerate() {
        if LEAD[usize::from(c)] || c == amp {
            mask |= 1 << i;
        }
    }
    mask
}

/// `block` of 32 bytes with AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn block_avx2(chunk: &[u8; 32], amp: u8) -> u32 {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8,
    };
    // SAFETY: the load reads the 32 bytes of `chunk`; unaligned loads are allowed.
    let v = unsafe { _mm256_loadu_si256(chunk.as_ptr().cast::<__m256i>()) };
    // (No closure: a closure would not inherit the target feature, and not be inlined.)
    let (dq, sq) = (_mm256_set1_epi8(b'"' as i8), _mm256_set1_epi8(b'\'' as i8));
    let (e2, c2) = (
        _mm256_set1_epi8(0xE2u8 as i8),
        _mm256_set1_epi8(0xC2u8 as i8),
    );
    let amp = _mm256_set1_epi8(amp as i8);
    let m = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(v, dq), _mm256_cmpeq_epi8(v, sq)),
        _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(v, e2), _mm256_cmpeq_epi8(v, c2)),
            _mm256_cmpeq_epi8(v, amp),
        ),
    );
    _mm256_movemask_epi8(m) as u32
}

/// `block` of 32 bytes with SSE2, which every x86-64 processor has.
#[cfg(target_arch = "x86_64")]
#[inline]
fn block_sse2(chunk: &[u8; 32], amp: u8) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of x86-64, so its instructions are always there; both loads read
    // 16 bytes inside `chunk`, which holds 32, and unaligned loads are allowed.
    unsafe {
        let leads = |v: __m128i| {
            let is = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let m = _mm_or_si128(
                _mm_or_si128(is(b'"'), is(b'\'')),
                _mm_or_si128(_mm_or_si128(is(0xE2), is(0xC2)), is(amp)),
            );
            _mm_movemask_epi8(m) as u32 & 0xFFFF
        };
        let p = chunk.as_ptr().cast::<__m128i>();
        leads(_mm_loadu_si128(p)) | leads(_mm_loadu_si128(p.add(1))) << 16
    }
}

/// The quotation mark a character reference stands for, and its length: `&ldquo;` → `“`.
fn entity(s: &str) -> Option<(usize, char)> {
    let end = s.get(..12.min(s.len()))?.find(';')?;
    let name = &s[1..end];
    let c = match name {
        "quot" | "#34" | "#x22" => '"',
        "ldquo" | "#8220" | "#x201C" | "#x201c" => '“',
        "rdquo" | "#8221" | "#x201D" | "#x201d" => '”',
        "lsquo" | "#8216" | "#x2018" => '‘',
        "rsquo" | "#8217" | "#x2019" => '’',
        "bdquo" | "#8222" | "#x201E" | "#x201e" => '„',
        "laquo" | "#171" | "#xAB" | "#xab" => '«',
        "raquo" | "#187" | "#xBB" | "#xbb" => '»',
        "apos" | "#39" | "#x27" => '\'',
        _ => return None,
    };
    Some((end + 1, c))
}

impl Iterator for Marks<'_> {
    type Item = Mark;

    fn next(&mut self) -> Option<Mark> {
        let bytes = self.text.as_bytes();
        loop {
            let start = self.leads.next_from(self.at)?;
            // An apostrophe inside a word: `'` or `’` (E2 80 99) between letters.
            let apostrophe = match bytes[start] {
                b'\'' => Some(start + 1),
                0xE2 if bytes.get(start + 1..start + 3) == Some(&[0x80, 0x99]) => Some(start + 3),
                _ => None,
            };
            if let Some(end) = apostrophe
                && self.in_word(start, end)
            {
                self.at = end;
                continue;
            }
            if !may_be_mark(bytes, start) {
                self.at = start + 1;
                continue;
            }
            // The mark's extent and the character it stands for.
            let (end, c) = if bytes[start] == b'&' {
                match entity(&self.text[start..self.span.end]) {
                    Some((len, c)) => (start + len, c),
                    None => {
                        self.at = start + 1;
                        continue;
                    }
                }
            } else {
                let c = mark_char(bytes, start);
                let end = start + c.len_utf8();
                // Two apostrophes are the typewriter's double quotation mark (''Yes,'' he said).
                if c == '\'' && end < self.span.end && bytes[end] == b'\'' {
                    (end + 1, '"')
                } else {
                    (end, c)
                }
            };
            self.at = end;
            let span = Span::new(start, end);
            if let Some((family, role)) = classify(self.text, self.span, span, c) {
                return Some(Mark {
                    span,
                    ch: c,
                    family,
                    role,
                });
            }
        }
    }
}

/// Whether the character at lead `start` may be a quotation mark, told from its bytes: 0xE2
/// and 0xC2 also lead dashes, ellipses and no-break spaces, which `classify` gives no role
/// (a superset: U+201A and U+201B pass too, and are turned down there).
fn may_be_mark(bytes: &[u8], start: usize) -> bool {
    match bytes[start] {
        // U+2018 to U+201E: ‘ ’ “ ” „ (and ‚ ‛).
        0xE2 => {
            bytes.get(start + 1) == Some(&0x80) && matches!(bytes.get(start + 2), Some(0x98..=0x9E))
        }
        // « and ».
        0xC2 => matches!(bytes.get(start + 1), Some(0xAB | 0xBB)),
        _ => true,
    }
}

/// The last character of `text[from..at]`: one byte read when it is ASCII, as it mostly is,
/// rather than a slice checked and decoded backwards.
#[inline]
fn char_before(text: &str, from: usize, at: usize) -> Option<char> {
    match text.as_bytes()[from..at].last() {
        None => None,
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[from..at].chars().next_back(),
    }
}

/// The first character of `text[at..end]`, told from one byte when it is ASCII.
#[inline]
fn char_after(text: &str, at: usize, end: usize) -> Option<char> {
    match text.as_bytes()[at..end].first() {
        None => None,
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[at..end].chars().next(),
    }
}

/// The mark a lead that `may_be_mark` passed begins, from its bytes rather than decoded:
/// `"`, `'`, U+2018 to U+201E (E2 80 98 to E2 80 9E) or `«` `»` (C2 AB, C2 BB).
#[inline]
fn mark_char(bytes: &[u8], start: usize) -> char {
    match bytes[start] {
        0xE2 => char::from_u32(0x2000 | u32::from(bytes[start + 2] & 0x3F)).unwrap_or('\u{FFFD}'),
        0xC2 => char::from(bytes[start + 1]),
        b => char::from(b),
    }
}

/// Does `before` end with feet and the digits of inches (`6’2`, `5'11`), so that a double mark
/// after it is an inch mark?
fn is_height(before: &str) -> bool {
    let b = before.as_bytes();
    let digits = b.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) {
        return false;
    }
    let rest = &before[..before.len() - digits];
    let feet = rest
        .strip_suffix('’')
        .or_else(|| rest.strip_suffix('\''))
        .unwrap_or("");
    feet.ends_with(|c: char| c.is_ascii_digit())
}

/// Words that a leading apostrophe shortens: 'em, 'til, rock 'n' roll.
const ELISIONS: &[&str] = &[
    "bout", "cause", "em", "n", "round", "til", "tis", "twas", "s",
];

/// Whether `b` before a mark leaves its left open: a space, an opening bracket, dash or mark.
#[inline]
fn opens_left(b: char) -> bool {
    match u8::try_from(b) {
        Ok(a) if a.is_ascii() => OPENS_LEFT[usize::from(a)],
        _ => b.is_whitespace() || matches!(b, '—' | '–' | '“' | '‘' | '«' | '„'),
    }
}

/// Whether `a` after a mark leaves its right open: a space, punctuation, a closing bracket, dash
/// or mark.
#[inline]
fn opens_right(a: char) -> bool {
    match u8::try_from(a) {
        Ok(b) if b.is_ascii() => OPENS_RIGHT[usize::from(b)],
        _ => a.is_whitespace() || matches!(a, '—' | '–' | '…' | '”' | '’' | '»'),
    }
}

/// `opens_left` and `opens_right` of the ASCII characters, one load rather than comparisons.
const OPENS_LEFT: [bool; 128] = ascii_set(b"\t\n\x0B\x0C\r ([{-/\"'");
const OPENS_RIGHT: [bool; 128] = ascii_set(b"\t\n\x0B\x0C\r .,;:!?)]}\"'");

const fn ascii_set(members: &[u8]) -> [bool; 128] {
    let mut set = [false; 128];
    let mut i = 0;
    while i < members.len() {
        set[members[i] as usize] = true;
        i += 1;
    }
    set
}

/// The family and role of the mark `c` at `span`, or `None` if it is no quotation mark.
fn classify(text: &str, para: Span, span: Span, c: char) -> Option<(Family, Role)> {
    // (`Marks` skips an apostrophe between ASCII letters before decoding it; one written as a
    // reference, `don&rsquo;t`, is told by `word_both` below.)
    let before = char_before(text, para.start, span.start);
    let after = char_after(text, span.end, para.end);
    // "Open side": start of paragraph, space, or an opening bracket, dash or mark before.
    let open_left = before.is_none_or(opens_left);
    // And after: end of paragraph, space, punctuation, a closing bracket, dash or mark.
    let open_right = after.is_none_or(opens_right);
    let word_both =
        before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
    let rest = &text[span.end..para.end];
    let elided = || {
        let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        rest.starts_with(|c: char| c.is_ascii_digit())
            || ELISIONS.iter().any(|e| word.eq_ignore_ascii_case(e))
    };
    Some(match c {
        '"' => {
            if before == Some('=') {
                (Family::Double, Role::Attribute)
            } else if before.is_some_and(|b| b.is_ascii_digit()) {
                (Family::Double, Role::CloseOrInch)
            } else if open_left && !open_right {
                (Family::Double, Role::Open)
            } else if !open_left && open_right {
                (Family::Double, Role::Close)
            } else {
                (Family::Double, Role::Either)
            }
        }
        '“' | '„' | '«' => {
            // Bad copy sometimes closes with an opening mark: “word“ followed by a space.
            if !open_left && open_right && c == '“' {
                (Family::Double, Role::Either)
            } else {
                (Family::Double, Role::Open)
            }
        }
        // `6’2”`, `5'11”`: feet and inches, not a quotation.
        '”' if is_height(&text[para.start..span.start]) => (Family::Double, Role::None),
        '”' | '»' => {
            if open_left && !open_right && c == '”' {
                (Family::Double, Role::Either)
            } else {
                (Family::Double, Role::Close)
            }
        }
        '‘' => {
            if word_both || open_right || elided() {
                (Family::Single, Role::None)
            } else {
                (Family::Single, Role::Open)
            }
        }
        '’' => {
            // Between letters it is an apostrophe (don’t, O’Neill); before a word it is an
            // elision (’90s, ’n’); after a word it closes a single quote if one is open, and is
            // a possessive otherwise (players’): the pairing decides.
            if word_both || !open_right || open_left {
                (Family::Single, Role::None)
            } else {
                (Family::Single, Role::Close)
            }
        }
        '\'' => {
            if word_both {
                (Family::Single, Role::None)
            } else if open_left && !open_right {
                if elided() {
                    (Family::Single, Role::None)
                } else {
                    (Family::Single, Role::Open)
                }
            } else if !open_left && open_right {
                (Family::Single, Role::Close)
            } else {
                (Family::Single, Role::None)
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::plain;
    use crate::segment::paragraphs;

    fn run(text: &str) -> (Vec<String>, usize) {
        let regions = plain::regions(text);
        let paras = paragraphs(text, &regions);
        let markup = Markup {
            regions: regions.clone(),
            ..Markup::default()
        };
        let (quotes, strays) = find(text, &paras, &markup);
        (
            quotes
                .iter()
                .map(|q| q.span.text(text).to_string())
                .collect(),
            strays.len(),
        )
    }

    #[test]
    fn curly_and_straight() {
        assert_eq!(
            run("“Yes,” she said. \"No,\" he said.").0,
            ["“Yes,”", "\"No,\""]
        );
    }

    #[test]
    fn guillemets_and_low_marks() {
        assert_eq!(run("Il a dit « oui » et „nein“.").0, ["« oui »", "„nein“"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text =
            "Don’t blame the ’90s, rock ’n’ roll, the players’ union, O’Neill or James’ car.";
        assert_eq!(run(text), (vec![], 0));
        let straight =
            "Don't blame the '90s, rock 'n' roll, the players' union, O'Neill or James' car.";
        assert_eq!(run(straight), (vec![], 0));
    }

    #[test]
    fn nested_quotes_belong_to_the_outer() {
        assert_eq!(
            run("“He said ‘no’ twice,” she said.").0,
            ["“He said ‘no’ twice,”"]
        );
        assert_eq!(
            run("\"He said 'no' to the players' union,\" she said.")
                .0
                .len(),
            1
        );
    }

    #[test]
    fn multi_paragraph_quote_is_one() {
        let text = "“First part.\n\n“Second part.\n\n“Third,” she said.\n";
        let (q, strays) = run(text);
        assert_eq!(q.len(), 1);
        assert!(q[0].starts_with("“First") && q[0].ends_with("Third,”"));
        assert_eq!(strays, 0);
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let text = "She said “never.\n\nNext paragraph “quoted” here.";
        let regions = plain::regions(text);
        let paras = paragraphs(text, &regions);
        let markup = Markup {
            regions: regions.clone(),
            ..Markup::default()
        };
        let (quotes, _) = find(text, &paras, &markup);
        assert_eq!(quotes.len(), 2);
        assert!(!quotes[0].closed());
        assert_eq!(quotes[0].span.text(text), "“never.");
        assert_eq!(quotes[1].span.text(text), "“quoted”");
    }

    #[test]
    fn stray_closing_mark_is_reported() {
        assert_eq!(run("It ended here.” Then more."), (vec![], 1));
    }

    #[test]
    fn markup_attributes_are_not_quotes() {
        let text = "<tweet id=\"75\" author=\"@x\"> “Real,” he said.";
        assert_eq!(run(text).0, ["“Real,”"]);
    }

    #[test]
    fn doubled_apostrophes_are_a_double_mark() {
        assert_eq!(run("''He's fine,'' Mr. Smith said.").0, ["''He's fine,''"]);
    }

    #[test]
    fn inches_are_not_quotes() {
        assert_eq!(run("He is 6'2\" tall and “fast,” she said.").0, ["“fast,”"]);
        assert_eq!(
            run("“I admit, he’s taller than me; he’s like 6’2”,” Rubio said.").0,
            ["“I admit, he’s taller than me; he’s like 6’2”,”"]
        );
    }

    /// Every character led by 0xE2 or 0xC2 that `may_be_mark` turns down, `classify` gives no
    /// role, whatever is around it.
    #[test]
    fn marks_turned_down_by_their_bytes_have_no_role() {
        let mut turned_down = 0;
        for c in ('\u{80}'..='\u{FFFF}').filter(|c| matches!(c.len_utf8(), 2 | 3)) {
            let mut buf = [0; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            if !matches!(enc[0], 0xE2 | 0xC2) || may_be_mark(enc, 0) {
                continue;
            }
            turned_down += 1;
            for (before, after) in [("", ""), ("a", "b"), (" ", " "), ("(", "."), ("6", "")] {
                let text = format!("{before}{c}{after}");
                let start = before.len();
                let span = Span::new(start, start + c.len_utf8());
                let para = Span::new(0, text.len());
                assert_eq!(classify(&text, para, span, c), None, "{c:?} in {text:?}");
            }
        }
        assert!(turned_down > 4000);
        for c in ['‘', '’', '“', '”', '„', '«', '»'] {
            assert!(may_be_mark(c.to_string().as_bytes(), 0), "{c}");
        }
    }

    /// Every lead of `bytes[from..]` in order, as `Leads` gives them when asked from each one on.
    fn leads(bytes: &[u8], from: usize, entities: bool, avx2: bool) -> Vec<usize> {
        let mut l = Leads::new(bytes, from, entities);
        l.avx2 = avx2 && has_avx2();
        let mut out = Vec::new();
        let mut at = from;
        while let Some(i) = l.next_from(at) {
            out.push(i);
            at = i + 1;
        }
        out
    }

    fn naive_leads(bytes: &[u8], from: usize, entities: bool) -> Vec<usize> {
        (from..bytes.len())
            .filter(|&i| {
                matches!(bytes[i], b'"' | b'\'' | 0xE2 | 0xC2) || entities && bytes[i] == b'&'
            })
            .collect()
    }

    /// The tables and short lists of `opens_left` and `opens_right` are the sets `classify`
    /// was written with, for every character.
    #[test]
    fn open_sides_are_the_written_sets() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let left = c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\'' | '«' | '„'
                );
            let right = c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '—'
                        | '–'
                        | '…'
                        | '”'
                        | '’'
                        | '"'
                        | '\''
                        | '»'
                );
            assert_eq!(opens_left(c), left, "{c:?}");
            assert_eq!(opens_right(c), right, "{c:?}");
        }
    }

    /// `mark_char` gives the character the bytes of each mark decode to.
    #[test]
    fn mark_char_is_the_decoded_mark() {
        for c in ['"', '\'', '‘', '’', '‚', '‛', '“', '”', '„', '«', '»'] {
            let s = format!("{c}x");
            assert!(may_be_mark(s.as_bytes(), 0), "{c}");
            assert_eq!(mark_char(s.as_bytes(), 0), c);
        }
    }

    proptest::proptest! {
        /// The characters either side of a mark read from one ASCII byte are the decoded ones.
        #[test]
        fn chars_either_side_are_the_decoded_ones(
            s in "[a-z0-9 \"'.,(—“”‘’«»é\u{a0}\n]{0,40}",
            cut in 0usize..40,
            from in 0usize..40,
        ) {
            let ends: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            let at = ends[cut % ends.len()];
            let from = ends[from % ends.len()].min(at);
            proptest::prop_assert_eq!(char_before(&s, from, at), s[from..at].chars().next_back());
            let end = s.len();
            proptest::prop_assert_eq!(char_after(&s, at, end), s[at..end].chars().next());
        }

        /// `Marks` (leads by blocks, apostrophes and other characters turned down from their
        /// bytes, marks read from bytes) finds what decoding every character finds, apostrophes
        /// with no role aside (`Marks` skips some of them, and they do nothing).
        #[test]
        fn marks_match_the_decoding_reference(
            s in "[a-z0-9 \"'.,(—“”‘’«»„é&;\u{a0}]{0,80}",
            entities: bool,
        ) {
            let span = Span::new(0, s.len());
            let fast: Vec<_> = Marks::new(&s, span, entities)
                .map(|m| (m.span, m.ch, m.family, m.role))
                .filter(|m| !is_apostrophe(m))
                .collect();
            let mut want = reference_marks(&s, entities);
            want.retain(|m| !is_apostrophe(m));
            proptest::prop_assert_eq!(fast, want);
        }
    }

    fn is_apostrophe(m: &(Span, char, Family, Role)) -> bool {
        (m.2, m.3) == (Family::Single, Role::None)
    }

    /// The marks of `s` as one paragraph, each decoded and classified with the slow reads.
    fn reference_marks(s: &str, entities: bool) -> Vec<(Span, char, Family, Role)> {
        let para = Span::new(0, s.len());
        let mut out = Vec::new();
        let mut at = 0;
        while let Some((off, c)) = s[at..].char_indices().find(|&(_, c)| {
            matches!(
                c,
                '"' | '\'' | '‘' | '’' | '‚' | '‛' | '“' | '”' | '„' | '«' | '»'
            ) || (entities && c == '&')
        }) {
            let start = at + off;
            let (end, ch) = if c == '&' {
                match entity(&s[start..]) {
                    Some((len, e)) => (start + len, e),
                    None => {
                        at = start + 1;
                        continue;
                    }
                }
            } else if c == '\'' && s[start + 1..].starts_with('\'') {
                (start + 2, '"')
            } else {
                (start + c.len_utf8(), c)
            };
            at = end;
            let span = Span::new(start, end);
            if let Some((family, role)) = classify(s, para, span, ch) {
                out.push((span, ch, family, role));
            }
        }
        out
    }

    proptest::proptest! {
        /// The block scan finds exactly the lead bytes, from any start, at any length (short
        /// paragraphs are all tail), with SSE2 and with AVX2.
        #[test]
        fn leads_are_the_lead_bytes(
            s in "[a-z \"'&“”‘’«»—\u{a0}]{0,120}",
            from in 0usize..120,
            entities: bool,
        ) {
            let b = s.as_bytes();
            let from = from.min(b.len());
            let want = naive_leads(b, from, entities);
            proptest::prop_assert_eq!(&leads(b, from, entities, false), &want);
            proptest::prop_assert_eq!(&leads(b, from, entities, true), &want);
        }
    }
}
