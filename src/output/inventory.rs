//! The quotation inventory of `quotecheck quotes`. Its JSON is a contract (the evaluation reads
//! it): one object per document, `{"id" | "path", "quotes": [...]}`, offsets in UTF-8 bytes
//! into the document, marks included, end exclusive; line and column 1-based, columns in
//! characters. Fields may be added; none is removed or changes meaning.

use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, Render, Totals, plural, render_with};
use crate::Checked;
use crate::grammar::attribution::Pattern;
use crate::grammar::speaker::MentionKind;
use crate::jsonl::{is_special, next_special};
use crate::link::{Attribution, Basis, QuoteKind, Resolution};
use crate::span::{LineIndex, Span};

#[derive(Serialize)]
pub struct DocumentRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'a str>,
    pub quotes: Vec<QuoteRecord<'a>>,
}

#[derive(Serialize)]
pub struct QuoteRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: &'a str,
    pub kind: QuoteKind,
    pub attributed: bool,
    /// The unattributed-quote rule reports it.
    pub flagged: bool,
    pub closed: bool,
    /// Paragraphs after the first that it runs into.
    pub continues: usize,
    pub speaker: Option<SpeakerRecord<'a>>,
    pub cue: Option<SpanRecord<'a>>,
    pub basis: Option<Basis>,
    pub pattern: Option<Pattern>,
}

#[derive(Serialize)]
pub struct SpeakerRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub name: Option<&'a str>,
    pub kind: MentionKind,
    pub resolution: Resolution,
}

#[derive(Serialize)]
pub struct SpanRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

fn span_record(text: &str, s: Span) -> SpanRecord<'_> {
    SpanRecord {
        start: s.start,
        end: s.end,
        text: s.text(text),
    }
}

/// The inventory record of one document.
pub fn record(doc: &Checked) -> DocumentRecord<'_> {
    let text = &doc.source.text;
    let index = LineIndex::new(text);
    let mut cursor = index.cursor(text);
    let quotes = doc
        .analysis
        .quotes
        .iter()
        .map(|a| {
            let (line, column) = cursor.line_col(a.quote.span.start);
            QuoteRecord {
                start: a.quote.span.start,
                end: a.quote.span.end,
                line,
                column,
                text: a.quote.span.text(text),
                kind: a.kind,
                attributed: a.attributed(),
                flagged: is_flagged(a),
                closed: a.quote.closed(),
                continues: a.quote.continues(),
                speaker: a.speaker.as_ref().map(|s| SpeakerRecord {
                    start: s.mention.start,
                    end: s.mention.end,
                    text: s.mention.text(text),
                    name: s.name.as_deref(),
                    kind: s.kind,
                    resolution: s.resolution,
                }),
                cue: a.cue.map(|c| span_record(text, c)),
                basis: a.basis,
                pattern: a.pattern,
            }
        })
        .collect();
    let name = doc.source.name.as_str();
    DocumentRecord {
        id: doc.source.is_record.then_some(name),
        path: (!doc.source.is_record).then_some(name),
        quotes,
    }
}

/// One JSON object per line: streams without holding the archive.
pub struct Jsonl;

impl Emitter for Jsonl {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        // Written into a local buffer and out at once: many small writes cost a dynamic call
        // each through `dyn Write`.
        let mut buf = Vec::new();
        jsonl_line(doc, &mut buf);
        out.write_all(&buf)
    }

    fn finish(&mut self, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }

    fn renderer(&self) -> Option<Render> {
        Some(Box::new(jsonl_line))
    }
}

/// A document's line of JSON Lines.
fn jsonl_line(doc: &Checked, buf: &mut Vec<u8>) {
    buf.reserve(capacity(doc));
    write_document::<false>(buf, doc);
    buf.push(b'\n');
}

/// Room for a document's JSON: its quotations' text (speaker and cue words mostly lie inside
/// the sentence around it) and the fields, so that the buffer seldom grows; and the room the
/// last quotation's run reserves (see [`Run`]).
fn capacity(doc: &Checked) -> usize {
    let quotes = &doc.analysis.quotes;
    let text: usize = quotes.iter().map(|a| a.quote.span.len()).sum();
    256 + RUN_ROOM + doc.source.name.len() + text + quotes.len() * 512
}

/// `serde_json::to_writer(buf, &record(doc))`, or with `PRETTY` `to_writer_pretty`, byte for
/// byte, written by hand from the analysis: serde_json escapes strings a byte at a time and
/// goes through a serializer for every field and enumeration name, and `record` builds a line
/// table of the whole document and a vector of records first.
fn write_document<const PRETTY: bool>(buf: &mut Vec<u8>, doc: &Checked) {
    let text = doc.source.text.as_str();
    let mut w = JsonWriter::<PRETTY> { buf, depth: 0 };
    w.open(b'{');
    let name = doc.source.name.as_str();
    w.key(if doc.source.is_record {
        "\"id\":"
    } else {
        "\"path\":"
    });
    json_string(w.buf, name);
    w.key(",\"quotes\":");
    let quotes = &doc.analysis.quotes;
    if quotes.is_empty() {
        w.buf.extend_from_slice(b"[]");
    } else {
        w.open(b'[');
        let mut position = Position::new(text);
        for (i, a) in quotes.iter().enumerate() {
            w.element(i == 0);
            if PRETTY {
                write_quote(&mut w, text, a, &mut position);
            } else {
                write_quote_compact(w.buf, text, a, &mut position);
            }
        }
        w.close(b']');
    }
    w.close(b'}');
}

/// Whether the unattributed-quote rule reports the quotation: speech, closed, with no source.
fn is_flagged(a: &Attribution) -> bool {
    flagged(
        a.kind == QuoteKind::Speech,
        a.attributed(),
        a.quote.closed(),
    )
}

/// A speech quotation closed without an attribution is flagged: the rule of [`is_flagged`], for
/// the compact table built when compiling too.
const fn flagged(speech: bool, attributed: bool, closed: bool) -> bool {
    speech && !attributed && closed
}

/// A quotation's object. Compact documents take [`write_quote_compact`] instead; this one's
/// compact form is its reference in the tests.
fn write_quote<const PRETTY: bool>(
    w: &mut JsonWriter<'_, PRETTY>,
    text: &str,
    a: &Attribution,
    position: &mut Position,
) {
    let span = a.quote.span;
    let (line, column) = position.line_col(span.start);
    w.open_start("{\"start\":", span.start);
    w.number(",\"end\":", span.end);
    w.number(",\"line\":", line);
    w.number(",\"column\":", column);
    w.key(",\"text\":");
    json_text(w.buf, text, span);
    if PRETTY {
        w.field(quote_kind(a.kind));
        w.field(&const { Field::bools(",\"attributed\":") }[usize::from(a.attributed())]);
        w.field(&const { Field::bools(",\"flagged\":") }[usize::from(is_flagged(a))]);
        w.field(&const { Field::bools(",\"closed\":") }[usize::from(a.quote.closed())]);
        w.number(",\"continues\":", a.quote.continues());
    } else {
        compact_flags(a.kind, a.attributed(), a.quote.closed()).push_whole(w.buf);
        push_number(w.buf, a.quote.continues());
    }
    match &a.speaker {
        None => w.field(const { &Field::new(",\"speaker\":", "null") }),
        Some(s) => {
            w.span_open(",\"speaker\":{\"start\":", text, s.mention);
            match &s.name {
                None => w.field(const { &Field::new(",\"name\":", "null") }),
                Some(name) => {
                    w.key(",\"name\":");
                    json_string(w.buf, name);
                }
            }
            w.field(mention_kind(s.kind));
            w.field(resolution(s.resolution));
            w.close(b'}');
        }
    }
    match a.cue {
        None => w.field(const { &Field::new(",\"cue\":", "null") }),
        Some(c) => {
            w.span_open(",\"cue\":{\"start\":", text, c);
            w.close(b'}');
        }
    }
    w.field(basis(a.basis));
    w.field(pattern(a.pattern));
    w.close(b'}');
}

/// [`write_quote`] compact, into a [`Run`]: the same bytes (the tests hold them to it), with
/// the capacity checked once a run rather than at every field.
fn write_quote_compact(buf: &mut Vec<u8>, text: &str, a: &Attribution, position: &mut Position) {
    let span = a.quote.span;
    let (line, column) = position.line_col(span.start);
    let mut run = Run::new(buf);
    run.put(b"{\"start\":");
    run.number(span.start);
    run.put(b",\"end\":");
    run.number(span.end);
    run.put(b",\"line\":");
    run.number(line);
    run.put(b",\"column\":");
    run.number(column);
    run.put(b",\"text\":");
    run = run.text(text, span);
    run.field(compact_flags(a.kind, a.attributed(), a.quote.closed()));
    run.number(a.quote.continues());
    match &a.speaker {
        None => run.put(b",\"speaker\":null"),
        Some(s) => {
            run = run.span_open(b",\"speaker\":{\"start\":", text, s.mention);
            match &s.name {
                None => run.put(b",\"name\":null"),
                Some(name) => {
                    run.put(b",\"name\":");
                    run = run.string(name);
                }
            }
            run.field(mention_kind(s.kind));
            run.field(resolution(s.resolution));
            run.put(b"}");
        }
    }
    match a.cue {
        None => run.put(b",\"cue\":null"),
        Some(c) => {
            run = run.span_open(b",\"cue\":{\"start\":", text, c);
            run.put(b"}");
        }
    }
    run.field(basis(a.basis));
    run.field(pattern(a.pattern));
    run.put(b"}");
    run.finish();
}

/// Bytes written into the spare capacity of a vector, reserved for a whole run of fields at
/// once, with the next byte's place kept in a register and the length stored at the end:
/// `extend_from_slice` checks the capacity and stores the length at every field, and as the
/// bytes written might be the vector's own, reloads both after each.
struct Run<'a> {
    buf: &'a mut Vec<u8>,
    /// Where the next byte goes, in `buf`'s spare capacity.
    next: *mut u8,
    /// One past the room reserved (checked in debug builds only).
    #[cfg(debug_assertions)]
    end: *mut u8,
}

/// Room for the most a quotation's fields write in one run, each piece written whole (see
/// [`Run::put_cut`]): keys and fields of constant length (331 bytes together at most), nine
/// numbers of at most twenty digits, four short strings of eighteen.
const RUN_ROOM: usize = 340 + 9 * 20 + 4 * 18;

impl<'a> Run<'a> {
    #[inline(always)]
    fn new(buf: &'a mut Vec<u8>) -> Self {
        buf.reserve(RUN_ROOM);
        let spare = buf.spare_capacity_mut().as_mut_ptr_range();
        Run {
            next: spare.start.cast(),
            #[cfg(debug_assertions)]
            end: spare.start.cast::<u8>().wrapping_add(RUN_ROOM),
            buf,
        }
    }

    #[inline(always)]
    fn put<const N: usize>(&mut self, bytes: &[u8; N]) {
        self.put_cut(bytes, N);
    }

    /// The first `len` bytes of `bytes`, written whole (a copy of constant length) and the
    /// rest left past the end, to be written over.
    #[inline(always)]
    fn put_cut<const N: usize>(&mut self, bytes: &[u8; N], len: usize) {
        debug_assert!(len <= N);
        #[cfg(debug_assertions)]
        assert!(
            self.next.wrapping_add(N) <= self.end,
            "a run wrote past its room"
        );
        // SAFETY: a run writes at most `RUN_ROOM` bytes (see there), reserved by `new`: the
        // `N` bytes are inside the allocation, past its initialised part (nothing is
        // overwritten), and `len <= N` keeps `next` within the room.
        unsafe {
            self.next.copy_from_nonoverlapping(bytes.as_ptr(), N);
            self.next = self.next.add(len);
        }
    }

    /// [`push_number`].
    #[inline(always)]
    fn number(&mut self, n: usize) {
        if n >= 10_000 {
            let (digits, len) = large_digits(n);
            return self.put_cut(&digits, len);
        }
        let (digits, len) = small_digits(n);
        self.put_cut(&digits, len);
    }

    #[inline(always)]
    fn field<const N: usize>(&mut self, f: &Field<N>) {
        self.put_cut(&f.bytes, f.len);
    }

    /// [`JsonWriter::span_open`]: `head`, the start, end and text of `s`.
    #[inline(always)]
    fn span_open<const N: usize>(mut self, head: &[u8; N], text: &str, s: Span) -> Self {
        self.put(head);
        self.number(s.start);
        self.put(b",\"end\":");
        self.number(s.end);
        self.put(b",\"text\":");
        self.text(text, s)
    }

    /// [`json_text`]: a short text from the sixteen bytes of the document it starts, in the
    /// run; any other through the vector, in a new run after it.
    #[inline(always)]
    fn text(mut self, text: &str, span: Span) -> Self {
        if let Some(window) = text.as_bytes().get(span.start..span.start + 16)
            && is_plain(window.try_into().unwrap(), span.len())
        {
            self.short(window.try_into().unwrap(), span.len());
            return self;
        }
        self.long(span.text(text))
    }

    /// [`json_string`], short strings in the run.
    #[inline(always)]
    fn string(mut self, s: &str) -> Self {
        if s.len() <= 16 {
            let mut window = [b' '; 16];
            window[..s.len()].copy_from_slice(s.as_bytes());
            if is_plain(&window, s.len()) {
                self.short(&window, s.len());
                return self;
            }
        }
        self.long(s)
    }

    #[inline(always)]
    fn short(&mut self, window: &[u8; 16], len: usize) {
        self.put(b"\"");
        self.put_cut(window, len);
        self.put(b"\"");
    }

    /// `s` by [`json_string`] on the vector, between two runs (passed by value, so that no
    /// run's address is taken and its place stays in a register).
    #[inline(never)]
    fn long(self, s: &str) -> Self {
        let buf = self.finish();
        json_string(buf, s);
        Run::new(buf)
    }

    /// Makes the bytes written part of the vector.
    #[inline(always)]
    fn finish(self) -> &'a mut Vec<u8> {
        // SAFETY: `next` is inside `buf`'s allocation, at or past its start (`new`, `put_cut`).
        let len = unsafe { self.next.offset_from(self.buf.as_ptr()) } as usize;
        debug_assert!(len <= self.buf.capacity());
        // SAFETY: the bytes up to `len` are initialised: those before `new` were, and
        // `put_cut` wrote the rest, each within the capacity.
        unsafe { self.buf.set_len(len) };
        self.buf
    }
}

/// serde_json's layout: compact, or pretty (a line a value, two spaces an indent level).
struct JsonWriter<'a, const PRETTY: bool> {
    buf: &'a mut Vec<u8>,
    depth: usize,
}

impl<const PRETTY: bool> JsonWriter<'_, PRETTY> {
    /// `{` or `[` of an object or array with something in it.
    fn open(&mut self, c: u8) {
        self.buf.push(c);
        self.depth += 1;
    }

    fn close(&mut self, c: u8) {
        self.depth -= 1;
        if PRETTY {
            self.newline();
        }
        self.buf.push(c);
    }

    /// A newline and the indentation: a copy of constant length cut to length, up to the depth
    /// of the inventory's objects (four), then a pair of spaces at a time.
    fn newline(&mut self) {
        const INDENT: &[u8; 9] = b"\n        ";
        self.buf.extend_from_slice(INDENT);
        let depth = self.depth.min(4);
        self.buf.truncate(self.buf.len() - 2 * (4 - depth));
        for _ in depth..self.depth {
            self.buf.extend_from_slice(b"  ");
        }
    }

    /// The separator before an array element.
    fn element(&mut self, first: bool) {
        if !first {
            self.buf.push(b',');
        }
        if PRETTY {
            self.newline();
        }
    }

    /// A key as compact JSON writes it, with the comma before it unless it comes first:
    /// `"start":`, `,"end":`. Compact, it is one copy of a constant; inlined, so is each part
    /// of the pretty one.
    #[inline(always)]
    fn key(&mut self, key: &str) {
        self.key_bytes(key.as_bytes());
    }

    #[inline(always)]
    fn key_bytes(&mut self, key: &[u8]) {
        if PRETTY {
            let rest = key.strip_prefix(b",");
            self.element(rest.is_none());
            let key = rest.unwrap_or(key);
            self.buf.extend_from_slice(&key[..key.len() - 1]);
            self.buf.extend_from_slice(b": ");
        } else {
            self.buf.extend_from_slice(key);
        }
    }

    fn number(&mut self, key: &str, n: usize) {
        self.key(key);
        push_number(self.buf, n);
    }

    /// An object opened with its first field, `start`, after the key of `head` if it has one
    /// (`,"cue":{"start":`): compact, `head` is one write.
    #[inline(always)]
    fn open_start(&mut self, head: &str, start: usize) {
        if PRETTY {
            let (key, first) = head.split_once('{').unwrap();
            if !key.is_empty() {
                self.key(key);
            }
            self.open(b'{');
            self.number(first, start);
        } else {
            self.depth += 1;
            self.number(head, start);
        }
    }

    /// A field known when compiling: compact, one copy of constant length, key and value
    /// together.
    fn field(&mut self, f: &Field) {
        if PRETTY {
            self.key_bytes(&f.bytes[..f.key]);
            self.buf.extend_from_slice(&f.bytes[f.key..f.len]);
        } else {
            f.push_whole(self.buf);
        }
    }

    /// `{"start":…,"end":…,"text":"…"`, the opening of a speaker or cue object (left open for
    /// the fields that follow), after the key of `head` (see [`JsonWriter::open_start`]).
    #[inline(always)]
    fn span_open(&mut self, head: &str, text: &str, s: Span) {
        self.open_start(head, s.start);
        self.number(",\"end\":", s.end);
        self.key(",\"text\":");
        json_text(self.buf, text, s);
    }
}

/// `n` in decimal. Offsets, lines and columns are mostly below 10⁴: two pairs of digits from
/// a table, written whole as four bytes and cut to length (no loop over digits, no copy of a
/// length known only at run time). Larger numbers take [`push_large`].
#[inline(always)]
fn push_number(buf: &mut Vec<u8>, n: usize) {
    if n >= 10_000 {
        return push_large(buf, n);
    }
    let (digits, len) = small_digits(n);
    buf.extend_from_slice(&digits);
    buf.truncate(buf.len() - (4 - len));
}

/// The digits of `n` below 10⁴ as four bytes, the first `len` of them its decimal.
#[inline(always)]
fn small_digits(n: usize) -> ([u8; 4], usize) {
    // Below 10⁴, `n * 5243 >> 19` is `n / 100`.
    let high = (n * 5243) >> 19;
    let (a, b) = (DIGIT_PAIRS[high], DIGIT_PAIRS[n - high * 100]);
    // The leading zeros, one at least below ten.
    let zeros = usize::from(n < 1000) + usize::from(n < 100) + usize::from(n < 10);
    let digits = u32::from_le_bytes([a[0], a[1], b[0], b[1]]) >> (8 * zeros);
    (digits.to_le_bytes(), 4 - zeros)
}

/// "00" to "99".
const DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0; 2]; 100];
    let mut i = 0;
    while i < 100 {
        pairs[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    pairs
};

/// [`push_number`] from 10⁴ on. Below 10⁸ its eight digits are worked out together in one
/// word (two digits of four, four of two, eight of one, a multiplication a step), written
/// whole and cut to length.
#[inline(never)]
fn push_large(buf: &mut Vec<u8>, n: usize) {
    if n >= 100_000_000 {
        buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        return;
    }
    let (digits, len) = eight_digits(n);
    buf.extend_from_slice(&digits);
    buf.truncate(buf.len() - (8 - len));
}

/// The digits of `n` from 10⁴ to below 10⁸ as eight bytes, the first `len` of them its decimal.
#[inline(always)]
fn eight_digits(n: usize) -> ([u8; 8], usize) {
    let n = n as u64;
    // The first digits go to the low end: the first byte in memory.
    let x = (n / 10_000) | ((n % 10_000) << 32);
    // Below 10⁴, `v * 10_486 >> 20` is `v / 100`; below 100, `v * 103 >> 10` is `v / 10`.
    let high = ((x * 10_486) >> 20) & 0x0000_007f_0000_007f;
    let x = high | ((x - high * 100) << 16);
    let high = ((x * 103) >> 10) & 0x000f_000f_000f_000f;
    let x = high | ((x - high * 10) << 8);
    // Leading zeros are the low bytes that are zero.
    let zeros = (x.trailing_zeros() / 8).min(7);
    let digits = (x | 0x3030_3030_3030_3030) >> (8 * zeros);
    (digits.to_le_bytes(), 8 - zeros as usize)
}

/// [`push_large`] for a [`Run`]: the digits of `n` from 10⁴ on, the first `len` of twenty.
#[inline(never)]
fn large_digits(n: usize) -> ([u8; 20], usize) {
    let mut out = [0; 20];
    if n >= 100_000_000 {
        let mut itoa = itoa::Buffer::new();
        let digits = itoa.format(n).as_bytes();
        out[..digits.len()].copy_from_slice(digits);
        return (out, digits.len());
    }
    let (digits, len) = eight_digits(n);
    out[..8].copy_from_slice(&digits);
    (out, len)
}

/// Line and column (as [`LineIndex::line_col`]) of offsets in increasing order, counted on
/// from the previous one: no line table of the whole document.
struct Position<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Position<'a> {
    fn new(text: &'a str) -> Self {
        Position {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    fn line_col(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.offset {
            *self = Position::new(self.text);
        }
        let (lines, chars) = count_lines(self.text.as_bytes(), self.offset, offset);
        if lines == 0 {
            self.column += chars;
        } else {
            self.line += lines;
            self.column = chars + 1;
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// The newlines in `b[from..to]` and the characters after the last of them (all of them when
/// there is none), in one forward pass: 64 bytes at a time, characters counted as the bytes
/// that are no UTF-8 continuation (`10xxxxxx`), summed in a vector while no newline comes.
#[cfg(target_arch = "x86_64")]
fn count_lines(b: &[u8], from: usize, to: usize) -> (usize, usize) {
    if crate::simd::has_avx2() && std::is_x86_feature_detected!("popcnt") {
        // SAFETY: the processor has AVX2 and POPCNT, asked just above.
        unsafe { count_lines_avx2(b, from, to) }
    } else if std::is_x86_feature_detected!("popcnt") {
        // SAFETY: the processor has POPCNT, asked just above (std caches the answer).
        unsafe { count_lines_popcnt(b, from, to) }
    } else {
        count_lines_sse2(b, from, to)
    }
}

/// [`count_lines_sse2`] compiled with the POPCNT instruction for its counts of bits (baseline
/// x86-64 has none: a dozen instructions each).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
fn count_lines_popcnt(b: &[u8], from: usize, to: usize) -> (usize, usize) {
    count_lines_sse2(b, from, to)
}

/// [`count_lines_sse2`] with its 64-byte blocks as two AVX2 vectors: half the comparisons and
/// sums a block, and the test for a newline one instruction. The last bytes go to SSE2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
fn count_lines_avx2(b: &[u8], from: usize, to: usize) -> (usize, usize) {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8, _mm256_setzero_si256, _mm256_sub_epi8,
        _mm256_testz_si256,
    };
    assert!(from <= to && to <= b.len());
    let (mut lines, mut chars) = (0, 0);
    let mut at = from;
    let (newline, last_continuation) = (_mm256_set1_epi8(b'\n' as i8), _mm256_set1_epi8(-65));
    // Characters per lane, at most 2 × 127 of them before they are summed.
    let (mut sums, mut rounds) = (_mm256_setzero_si256(), 0);
    while at + 64 <= to {
        // SAFETY: both loads read inside `b[at..at + 64]`, `at + 64 <= to <= b.len()`;
        // unaligned loads are allowed.
        let v = unsafe {
            let p = b.as_ptr().add(at);
            [
                _mm256_loadu_si256(p.cast::<__m256i>()),
                _mm256_loadu_si256(p.add(32).cast::<__m256i>()),
            ]
        };
        let n = [
            _mm256_cmpeq_epi8(v[0], newline),
            _mm256_cmpeq_epi8(v[1], newline),
        ];
        // -1 in each lane whose byte starts a character (signed, above 0xBF).
        let s = [
            _mm256_cmpgt_epi8(v[0], last_continuation),
            _mm256_cmpgt_epi8(v[1], last_continuation),
        ];
        let any = _mm256_or_si256(n[0], n[1]);
        if _mm256_testz_si256(any, any) == 1 {
            sums = _mm256_sub_epi8(_mm256_sub_epi8(sums, s[0]), s[1]);
            rounds += 1;
            if rounds == 127 {
                chars += lane_sum_256(sums);
                (sums, rounds) = (_mm256_setzero_si256(), 0);
            }
        } else {
            // The characters before the last newline do not count: no sum of them.
            (sums, rounds) = (_mm256_setzero_si256(), 0);
            let mask = |m: [__m256i; 2]| {
                u64::from(_mm256_movemask_epi8(m[0]) as u32)
                    | u64::from(_mm256_movemask_epi8(m[1]) as u32) << 32
            };
            (lines, chars) = after_newlines(lines, chars, mask(n), mask(s));
        }
        at += 64;
    }
    chars += lane_sum_256(sums);
    let (more, after) = count_lines_sse2(b, at, to);
    if more == 0 {
        (lines, chars + after)
    } else {
        (lines + more, after)
    }
}

/// The sum of the 32 byte lanes of `v`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn lane_sum_256(v: std::arch::x86_64::__m256i) -> usize {
    use std::arch::x86_64::{
        _mm_add_epi64, _mm_cvtsi128_si64, _mm_unpackhi_epi64, _mm256_castsi256_si128,
        _mm256_extracti128_si256, _mm256_sad_epu8, _mm256_setzero_si256,
    };
    let s = _mm256_sad_epu8(v, _mm256_setzero_si256());
    let s = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256::<1>(s));
    _mm_cvtsi128_si64(_mm_add_epi64(s, _mm_unpackhi_epi64(s, s))) as usize
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn count_lines_sse2(b: &[u8], from: usize, to: usize) -> (usize, usize) {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_setzero_si128, _mm_sub_epi8,
    };
    assert!(from <= to && to <= b.len());
    let (mut lines, mut chars) = (0, 0);
    let mut at = from;
    // SAFETY: SSE2 is part of x86-64; each load reads `b[i..i + 16]` with `i + 16 <= to`
    // (`to <= b.len()` asserted); unaligned loads are allowed.
    unsafe {
        let (newline, last_continuation) = (_mm_set1_epi8(b'\n' as i8), _mm_set1_epi8(-65));
        let load = |i: usize| _mm_loadu_si128(b.as_ptr().add(i).cast::<__m128i>());
        // -1 in each lane whose byte starts a character (signed, above 0xBF).
        let starts = |v: __m128i| _mm_cmpgt_epi8(v, last_continuation);
        let newlines = |v: __m128i| _mm_cmpeq_epi8(v, newline);
        // Characters per lane, at most 4 × 63 of them before they are summed.
        let (mut sums, mut rounds) = (_mm_setzero_si128(), 0);
        while at + 64 <= to {
            let v = [load(at), load(at + 16), load(at + 32), load(at + 48)];
            let any = _mm_or_si128(
                _mm_or_si128(newlines(v[0]), newlines(v[1])),
                _mm_or_si128(newlines(v[2]), newlines(v[3])),
            );
            if _mm_movemask_epi8(any) == 0 {
                for v in v {
                    sums = _mm_sub_epi8(sums, starts(v));
                }
                rounds += 1;
                if rounds == 63 {
                    chars += lane_sum(sums);
                    (sums, rounds) = (_mm_setzero_si128(), 0);
                }
            } else {
                // The characters before the last newline do not count: no sum of them.
                (sums, rounds) = (_mm_setzero_si128(), 0);
                let (mut n, mut s) = (0, 0);
                for (k, v) in v.into_iter().enumerate() {
                    n |= u64::from(_mm_movemask_epi8(newlines(v)) as u16) << (16 * k);
                    s |= u64::from(_mm_movemask_epi8(starts(v)) as u16) << (16 * k);
                }
                (lines, chars) = after_newlines(lines, chars, n, s);
            }
            at += 64;
        }
        chars += lane_sum(sums);
        let masks = |i: usize| {
            let v = load(i);
            (
                _mm_movemask_epi8(newlines(v)) as u16,
                _mm_movemask_epi8(starts(v)) as u16,
            )
        };
        while at + 16 <= to {
            let (n, s) = masks(at);
            (lines, chars) = after_newlines(lines, chars, n.into(), s.into());
            at += 16;
        }
        if at < to && to >= 16 {
            // The last bytes: the sixteen that end with them, the ones before masked off.
            let keep = 0xffff_u16 << (16 - (to - at));
            let (n, s) = masks(to - 16);
            (lines, chars) = after_newlines(lines, chars, (n & keep).into(), (s & keep).into());
            at = to;
        }
    }
    for &c in &b[at..to] {
        (lines, chars) = after_newlines(
            lines,
            chars,
            u64::from(c == b'\n'),
            u64::from(!is_continuation(c)),
        );
    }
    (lines, chars)
}

#[cfg(not(target_arch = "x86_64"))]
fn count_lines(b: &[u8], from: usize, to: usize) -> (usize, usize) {
    count_lines_scalar(&b[from..to])
}

/// `count_lines` a byte at a time (other processors than x86-64).
#[cfg_attr(target_arch = "x86_64", cfg(test))]
fn count_lines_scalar(gap: &[u8]) -> (usize, usize) {
    gap.iter().fold((0, 0), |(lines, chars), &c| {
        after_newlines(
            lines,
            chars,
            u64::from(c == b'\n'),
            u64::from(!is_continuation(c)),
        )
    })
}

fn is_continuation(c: u8) -> bool {
    c & 0xc0 == 0x80
}

/// The counts moved on over a block of bytes given as bit masks of its newlines and of its
/// character starts: characters are counted again after its last newline.
#[inline(always)]
fn after_newlines(lines: usize, chars: usize, newlines: u64, starts: u64) -> (usize, usize) {
    if newlines == 0 {
        return (lines, chars + starts.count_ones() as usize);
    }
    // The bits above the last newline.
    let after = (!0u64 << 1) << (63 - newlines.leading_zeros());
    (
        lines + newlines.count_ones() as usize,
        (starts & after).count_ones() as usize,
    )
}

/// The sum of the sixteen byte lanes of `v`.
#[cfg(target_arch = "x86_64")]
#[inline]
fn lane_sum(v: std::arch::x86_64::__m128i) -> usize {
    use std::arch::x86_64::{
        _mm_add_epi64, _mm_cvtsi128_si64, _mm_sad_epu8, _mm_setzero_si128, _mm_unpackhi_epi64,
    };
    // SAFETY: SSE2 is part of x86-64.
    unsafe {
        let s = _mm_sad_epu8(v, _mm_setzero_si128());
        _mm_cvtsi128_si64(_mm_add_epi64(s, _mm_unpackhi_epi64(s, s))) as usize
    }
}

/// A field known when compiling, key and value (`,"kind":"speech"`), in a fixed 32 bytes:
/// written whole and cut to length, a copy of constant length (no `memcpy`), where key and
/// value apart would be two writes.
struct Field<const N: usize = 32> {
    bytes: [u8; N],
    len: usize,
    /// The length of the key, `,` and `:` included.
    key: usize,
}

impl<const N: usize> Field<N> {
    const fn new(key: &str, value: &str) -> Self {
        let mut f = Field::join(&[key, value]);
        f.key = key.len();
        f
    }

    /// `parts` one after the other (its key unset).
    const fn join(parts: &[&str]) -> Self {
        let mut bytes = [b' '; N];
        let (mut len, mut p) = (0, 0);
        while p < parts.len() {
            let part = parts[p].as_bytes();
            let mut i = 0;
            while i < part.len() {
                bytes[len] = part[i];
                len += 1;
                i += 1;
            }
            p += 1;
        }
        Field { bytes, len, key: 0 }
    }

    /// Key and value onto `buf`: all `N` bytes, then cut to length (a copy of constant length).
    #[inline(always)]
    fn push_whole(&self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(&self.bytes);
        buf.truncate(buf.len() - (N - self.len));
    }

    /// The field with `false` and with `true`.
    const fn bools(key: &str) -> [Field<N>; 2] {
        [Field::new(key, "false"), Field::new(key, "true")]
    }
}

/// `,"kind":…,"attributed":…,"flagged":…,"closed":…,"continues":` of compact JSON, one copy
/// instead of five fields written apart (the flag is the others': see [`is_flagged`]).
fn compact_flags(kind: QuoteKind, attributed: bool, closed: bool) -> &'static Field<80> {
    const fn table(speech: bool) -> [Field<80>; 4] {
        let kind = if speech { "\"speech\"" } else { "\"term\"" };
        let bools = ["false", "true"];
        let mut t = [
            Field::join(&[]),
            Field::join(&[]),
            Field::join(&[]),
            Field::join(&[]),
        ];
        let mut i = 0;
        while i < 4 {
            let (attributed, closed) = (i >> 1 == 1, i & 1 == 1);
            let flagged = flagged(speech, attributed, closed);
            t[i] = Field::join(&[
                KIND,
                kind,
                ",\"attributed\":",
                bools[attributed as usize],
                ",\"flagged\":",
                bools[flagged as usize],
                ",\"closed\":",
                bools[closed as usize],
                ",\"continues\":",
            ]);
            i += 1;
        }
        t
    }
    let i = usize::from(attributed) << 1 | usize::from(closed);
    match kind {
        QuoteKind::Speech => &(const { table(true) })[i],
        QuoteKind::Term => &(const { table(false) })[i],
    }
}

// The fields of the enumerations, with their serde names (`rename_all`) as JSON strings,
// without a serializer for each; the tests hold them to serde's.

const KIND: &str = ",\"kind\":";
const RESOLUTION: &str = ",\"resolution\":";
const BASIS: &str = ",\"basis\":";
const PATTERN: &str = ",\"pattern\":";

fn quote_kind(k: QuoteKind) -> &'static Field {
    match k {
        QuoteKind::Speech => const { &Field::new(KIND, "\"speech\"") },
        QuoteKind::Term => const { &Field::new(KIND, "\"term\"") },
    }
}

fn mention_kind(k: MentionKind) -> &'static Field {
    match k {
        MentionKind::Name => const { &Field::new(KIND, "\"name\"") },
        MentionKind::Pronoun => const { &Field::new(KIND, "\"pronoun\"") },
        MentionKind::Description => const { &Field::new(KIND, "\"description\"") },
    }
}

fn resolution(r: Resolution) -> &'static Field {
    match r {
        Resolution::AsWritten => const { &Field::new(RESOLUTION, "\"as-written\"") },
        Resolution::Surname => const { &Field::new(RESOLUTION, "\"surname\"") },
        Resolution::Pronoun => const { &Field::new(RESOLUTION, "\"pronoun\"") },
        Resolution::Role => const { &Field::new(RESOLUTION, "\"role\"") },
        Resolution::Unresolved => const { &Field::new(RESOLUTION, "\"unresolved\"") },
    }
}

fn basis(b: Option<Basis>) -> &'static Field {
    match b {
        None => const { &Field::new(BASIS, "null") },
        Some(Basis::SameSentence) => const { &Field::new(BASIS, "\"same-sentence\"") },
        Some(Basis::SentenceSubject) => const { &Field::new(BASIS, "\"sentence-subject\"") },
        Some(Basis::PreviousSentence) => const { &Field::new(BASIS, "\"previous-sentence\"") },
        Some(Basis::PreviousQuote) => const { &Field::new(BASIS, "\"previous-quote\"") },
        Some(Basis::Colon) => const { &Field::new(BASIS, "\"colon\"") },
        Some(Basis::PreviousParagraph) => const { &Field::new(BASIS, "\"previous-paragraph\"") },
        Some(Basis::NextParagraph) => const { &Field::new(BASIS, "\"next-paragraph\"") },
        Some(Basis::Alternation) => const { &Field::new(BASIS, "\"alternation\"") },
        Some(Basis::Cite) => const { &Field::new(BASIS, "\"cite\"") },
    }
}

fn pattern(p: Option<Pattern>) -> &'static Field {
    match p {
        None => const { &Field::new(PATTERN, "null") },
        Some(Pattern::QuoteVerbSpeaker) => const { &Field::new(PATTERN, "\"quote-verb-speaker\"") },
        Some(Pattern::QuoteSpeakerVerb) => const { &Field::new(PATTERN, "\"quote-speaker-verb\"") },
        Some(Pattern::AccordingTo) => const { &Field::new(PATTERN, "\"according-to\"") },
        Some(Pattern::SpeakerVerbQuote) => const { &Field::new(PATTERN, "\"speaker-verb-quote\"") },
        Some(Pattern::VerbSpeakerQuote) => const { &Field::new(PATTERN, "\"verb-speaker-quote\"") },
        Some(Pattern::Participle) => const { &Field::new(PATTERN, "\"participle\"") },
        Some(Pattern::Colon) => const { &Field::new(PATTERN, "\"colon\"") },
        Some(Pattern::SentenceFinal) => const { &Field::new(PATTERN, "\"sentence-final\"") },
        Some(Pattern::Byline) => const { &Field::new(PATTERN, "\"byline\"") },
    }
}

/// The text of `span` of the document as a JSON string: [`json_string`], but a short one is
/// written from the sixteen bytes of the document it starts, without copying it anywhere first.
#[inline(always)]
fn json_text(buf: &mut Vec<u8>, text: &str, span: Span) {
    if let Some(window) = text.as_bytes().get(span.start..span.start + 16)
        && push_short(buf, window.try_into().unwrap(), span.len())
    {
        return;
    }
    json_string(buf, span.text(text));
}

/// `s` as a JSON string, escaped as serde_json escapes it: `"` and `\\`, control characters
/// as `\\b \\t \\n \\f \\r` or `\\u00xx`; everything else as it is.
fn json_string(buf: &mut Vec<u8>, s: &str) {
    if s.len() <= 16 {
        let mut window = [b' '; 16];
        window[..s.len()].copy_from_slice(s.as_bytes());
        if push_short(buf, &window, s.len()) {
            return;
        }
    }
    let b = s.as_bytes();
    buf.reserve(b.len() + 2);
    buf.push(b'"');
    let mut start = 0;
    while let Some(i) = next_special(b, start) {
        buf.extend_from_slice(&b[start..i]);
        escape(buf, b[i]);
        start = i + 1;
    }
    buf.extend_from_slice(&b[start..]);
    buf.push(b'"');
}

/// Writes the first `len` bytes of `window` (at most sixteen) as a JSON string unless one of
/// them needs escaping: tested as one vector, written whole and cut to length, with no loop
/// over bytes nor a copy of a length known only at run time (`memcpy`). Inlined, as is
/// [`json_text`]: the call cost as much as the writing.
#[inline(always)]
fn push_short(buf: &mut Vec<u8>, window: &[u8; 16], len: usize) -> bool {
    if !is_plain(window, len) {
        return false;
    }
    buf.reserve(18);
    buf.push(b'"');
    buf.extend_from_slice(window);
    buf.truncate(buf.len() - (16 - len));
    buf.push(b'"');
    true
}

/// Whether the first `len` bytes of `window` (at most sixteen) are written in a JSON string as
/// they are: none needs escaping (see [`push_short`]).
#[inline(always)]
fn is_plain(window: &[u8; 16], len: usize) -> bool {
    // `PREFIX[len]` keeps the first `len` bytes; the ones after count as spaces.
    const PREFIX: [[u8; 16]; 17] = {
        let mut masks = [[0; 16]; 17];
        let mut len = 0;
        while len <= 16 {
            let mut i = 0;
            while i < len {
                masks[len][i] = 0xff;
                i += 1;
            }
            len += 1;
        }
        masks
    };
    let Some(mask) = PREFIX.get(len) else {
        return false;
    };
    !window
        .iter()
        .zip(mask)
        .fold(false, |any, (&c, &m)| any | is_special(c & m | b' ' & !m))
}

fn escape(buf: &mut Vec<u8>, c: u8) {
    match c {
        b'"' => buf.extend_from_slice(b"\\\""),
        b'\\' => buf.extend_from_slice(b"\\\\"),
        0x08 => buf.extend_from_slice(b"\\b"),
        b'\t' => buf.extend_from_slice(b"\\t"),
        b'\n' => buf.extend_from_slice(b"\\n"),
        0x0c => buf.extend_from_slice(b"\\f"),
        b'\r' => buf.extend_from_slice(b"\\r"),
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[usize::from(c >> 4)]);
            buf.push(HEX[usize::from(c & 0xf)]);
        }
    }
}

/// A JSON array of document objects.
#[derive(Default)]
pub struct Json {
    count: usize,
}

impl Emitter for Json {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        let mut buf = Vec::new();
        json_element(doc, &mut buf);
        self.rendered(out, &buf)
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        if self.count == 0 {
            out.write_all(b"[")?;
        }
        out.write_all(b"\n]\n")
    }

    fn renderer(&self) -> Option<Render> {
        Some(Box::new(json_element))
    }

    /// The separator before the element depends on the documents before it: written here.
    fn rendered(&mut self, out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        self.count += 1;
        out.write_all(bytes)
    }
}

/// A document as an element of the JSON array, without the separator before it.
fn json_element(doc: &Checked, buf: &mut Vec<u8>) {
    buf.reserve(capacity(doc) * 2);
    write_document::<true>(buf, doc);
}

/// For people: each quotation with its speaker, cue and basis.
pub struct Human;

/// Quotations longer than this are shortened in the listing.
const SHOWN: usize = 70;

impl Emitter for Human {
    fn document(&mut self, out: &mut dyn Write, doc: &Checked) -> io::Result<()> {
        write_human(out, doc)
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        writeln!(
            out,
            "{} in {}.",
            plural(totals.quotes, "quotation"),
            plural(totals.files, "document")
        )
    }

    fn renderer(&self) -> Option<Render> {
        Some(render_with(write_human))
    }
}

/// A document's quotations for people.
fn write_human<W: Write + ?Sized>(out: &mut W, doc: &Checked) -> io::Result<()> {
    let rec = record(doc);
    writeln!(
        out,
        "{} ({})",
        doc.source.name,
        plural(rec.quotes.len(), "quotation")
    )?;
    for q in &rec.quotes {
        let mut shown: String = q.text.chars().take(SHOWN).collect();
        if q.text.chars().nth(SHOWN).is_some() {
            shown.push('…');
        }
        let shown = shown.replace('\n', " ");
        let who = match (&q.speaker, q.kind) {
            (Some(s), _) => {
                let name = s
                    .name
                    .filter(|n| *n != s.text)
                    .map(|n| format!(" = {n}"))
                    .unwrap_or_default();
                let cue = q
                    .cue
                    .as_ref()
                    .map(|c| format!(", cue “{}”", c.text))
                    .unwrap_or_default();
                let basis = q
                    .basis
                    .map(|b| {
                        format!(
                            ", {}",
                            serde_json::to_value(b)
                                .unwrap_or_default()
                                .as_str()
                                .unwrap_or("")
                        )
                    })
                    .unwrap_or_default();
                format!("{}{name}{cue}{basis}", s.text)
            }
            (None, QuoteKind::Term) => "(term)".to_string(),
            (None, QuoteKind::Speech) if !q.closed => "(unclosed)".to_string(),
            (None, QuoteKind::Speech) => "UNATTRIBUTED".to_string(),
        };
        writeln!(
            out,
            "  {:>4}:{:<3} {shown}\n            ← {who}",
            q.line, q.column
        )?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, SourceFile};

    /// The hand-written JSON is serde_json's, on every article of the example corpus.
    #[test]
    fn document_json_is_serde_json() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut seen = 0;
        for dir in ["clean", "edge", "findings"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                for is_record in [false, true] {
                    let mut doc = SourceFile::new(
                        entry.path().display().to_string(),
                        text.clone(),
                        Format::Text,
                    );
                    doc.is_record = is_record;
                    let checked = crate::check(doc);
                    let rec = record(&checked);
                    let mut fast = Vec::new();
                    write_document::<false>(&mut fast, &checked);
                    assert_eq!(
                        String::from_utf8(fast).unwrap(),
                        serde_json::to_string(&rec).unwrap()
                    );
                    let mut fast = Vec::new();
                    write_document::<true>(&mut fast, &checked);
                    assert_eq!(
                        String::from_utf8(fast).unwrap(),
                        serde_json::to_string_pretty(&rec).unwrap()
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen > 20);
    }

    /// The compact quotations written in runs (`Run`) are serde_json's with numbers of five
    /// digits and more too (offsets, lines, columns), within the room a run reserves (asserted
    /// in debug builds).
    #[test]
    fn long_documents_are_serde_json() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/findings");
        let mut seen = 0;
        for entry in std::fs::read_dir(root).unwrap().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let long_line = "word ".repeat(2_500);
            let text = format!("{}{long_line}{text}", "Plain.\n\n".repeat(12_000));
            let doc = SourceFile::new(entry.path().display().to_string(), text, Format::Text);
            let checked = crate::check(doc);
            let mut fast = Vec::new();
            write_document::<false>(&mut fast, &checked);
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                serde_json::to_string(&record(&checked)).unwrap()
            );
            let text = checked.source.text.as_str();
            let (mut p, mut q) = (Position::new(text), Position::new(text));
            for a in &checked.analysis.quotes {
                let (mut runs, mut reference) = (Vec::new(), Vec::new());
                write_quote_compact(&mut runs, text, a, &mut p);
                let mut w = JsonWriter::<false> {
                    buf: &mut reference,
                    depth: 0,
                };
                write_quote(&mut w, text, a, &mut q);
                assert_eq!(runs, reference);
            }
            seen += usize::from(!checked.analysis.quotes.is_empty());
        }
        assert!(seen > 5);
    }

    /// Every enumeration name is serde's.
    #[test]
    fn names_are_serde_names() {
        fn check<T: Serialize>(v: T, field: &Field) {
            let name = std::str::from_utf8(&field.bytes[field.key..field.len]).unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), name);
        }
        for k in [QuoteKind::Speech, QuoteKind::Term] {
            check(k, quote_kind(k));
        }
        for k in [
            MentionKind::Name,
            MentionKind::Pronoun,
            MentionKind::Description,
        ] {
            check(k, mention_kind(k));
        }
        for r in [
            Resolution::AsWritten,
            Resolution::Surname,
            Resolution::Pronoun,
            Resolution::Role,
            Resolution::Unresolved,
        ] {
            check(r, resolution(r));
        }
        for b in [
            Basis::SameSentence,
            Basis::SentenceSubject,
            Basis::PreviousSentence,
            Basis::PreviousQuote,
            Basis::Colon,
            Basis::PreviousParagraph,
            Basis::NextParagraph,
            Basis::Alternation,
            Basis::Cite,
        ] {
            check(b, basis(Some(b)));
        }
        for p in [
            Pattern::QuoteVerbSpeaker,
            Pattern::QuoteSpeakerVerb,
            Pattern::AccordingTo,
            Pattern::SpeakerVerbQuote,
            Pattern::VerbSpeakerQuote,
            Pattern::Participle,
            Pattern::Colon,
            Pattern::SentenceFinal,
            Pattern::Byline,
        ] {
            check(p, pattern(Some(p)));
        }
    }

    /// The flags of compact JSON written together are the fields written apart.
    #[test]
    fn compact_flags_are_the_fields() {
        let text = |f: &[u8]| String::from_utf8(f.to_vec()).unwrap();
        for kind in [QuoteKind::Speech, QuoteKind::Term] {
            for attributed in [false, true] {
                for closed in [false, true] {
                    let flagged = flagged(kind == QuoteKind::Speech, attributed, closed);
                    let mut apart = text(&quote_kind(kind).bytes[..quote_kind(kind).len]);
                    for (key, b) in [
                        ("attributed", attributed),
                        ("flagged", flagged),
                        ("closed", closed),
                    ] {
                        apart += &format!(",\"{key}\":{b}");
                    }
                    apart += ",\"continues\":";
                    let f = compact_flags(kind, attributed, closed);
                    assert_eq!(text(&f.bytes[..f.len]), apart);
                }
            }
        }
    }

    /// Numbers are written as itoa writes them.
    #[test]
    fn numbers_are_itoa() {
        let mut n = 0;
        let mut step = 1;
        while n < 10_000_000_000 {
            let mut fast = Vec::new();
            push_number(&mut fast, n);
            assert_eq!(fast, itoa::Buffer::new().format(n).as_bytes(), "{n}");
            if n > 1_000_000 {
                step += step / 1000 + 1;
            }
            n += step;
        }
        for n in [
            9,
            10,
            99,
            100,
            999,
            1000,
            9999,
            10_000,
            9_999_999,
            10_000_000,
            99_999_999,
            100_000_000,
        ] {
            let mut fast = b"x".to_vec();
            push_number(&mut fast, n);
            assert_eq!(fast, format!("x{n}").as_bytes());
        }
    }

    /// Escapes at every offset around the sixteen-byte steps, alone and in pairs, and every
    /// ASCII character in short and long strings.
    #[test]
    fn escapes_anywhere_are_found() {
        for c in '\0'..='\x7f' {
            for len in [1, 5, 16, 20, 40] {
                let s: String = std::iter::repeat_n('a', len - 1).chain([c]).collect();
                let mut fast = Vec::new();
                json_string(&mut fast, &s);
                assert_eq!(
                    String::from_utf8(fast).unwrap(),
                    serde_json::to_string(&s).unwrap()
                );
            }
        }
        for len in 0..50 {
            for i in 0..len {
                for j in i..len {
                    let mut s = vec![b'a'; len];
                    s[i] = b'"';
                    s[j] = b'\n';
                    let s = String::from_utf8(s).unwrap();
                    let mut fast = Vec::new();
                    json_string(&mut fast, &s);
                    assert_eq!(
                        String::from_utf8(fast).unwrap(),
                        serde_json::to_string(&s).unwrap()
                    );
                }
            }
        }
    }

    /// Every piece of a document with escapes in and around it, written from the document.
    #[test]
    fn document_text_is_escaped_as_serde_json_does() {
        let text = "a\"b\\c\nd “e” f\tg\u{1}h ijklmnopqrstu\"vwxyz é0123456789";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &start in &bounds {
            for &end in bounds.iter().filter(|&&end| end >= start) {
                let span = Span::new(start, end);
                let mut fast = Vec::new();
                json_text(&mut fast, text, span);
                assert_eq!(
                    String::from_utf8(fast).unwrap(),
                    serde_json::to_string(span.text(text)).unwrap()
                );
            }
        }
    }

    /// Lines longer than the AVX2 count's 127 blocks between sums, and ranges starting and
    /// ending anywhere, count as byte by byte.
    #[test]
    fn long_lines_count_as_scalar() {
        let mut text = String::new();
        for (i, len) in [10, 9000, 70, 20_000, 3, 8200].into_iter().enumerate() {
            for k in 0..len {
                text.push(['a', '\u{e9}', '\u{201c}', '\u{1f600}', ' '][(k * 7 + i) % 5]);
            }
            text.push('\n');
        }
        let b = text.as_bytes();
        let bounds: Vec<usize> = (0..=b.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for from in bounds.iter().step_by(997) {
            for to in bounds.iter().filter(|&to| to >= from).step_by(1499) {
                let scalar = count_lines_scalar(&b[*from..*to]);
                assert_eq!(count_lines(b, *from, *to), scalar, "{from}..{to}");
            }
        }
    }

    /// The line and column as the first round counted them: a backwards search for the last
    /// newline, a count of newlines and one of characters.
    fn line_col_old(text: &str, offset: usize) -> (usize, usize) {
        let gap = &text.as_bytes()[..offset];
        match memchr::memrchr(b'\n', gap) {
            None => (1, text[..offset].chars().count() + 1),
            Some(last) => (
                memchr::memchr_iter(b'\n', gap).count() + 1,
                text[last + 1..offset].chars().count() + 1,
            ),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Offsets on character boundaries, in any order, on text dense in newlines and
        /// characters of several bytes.
        #[test]
        fn position_counts_as_before(
            text in proptest::prop_oneof![
                "[a\n\u{e9}\u{201c}\u{1f600} ]{0,200}",
                "([a\u{e9}\u{201c}\u{1f600} ]{0,150}\n){0,4}[a\u{e9} ]{0,100}",
            ],
            picks in proptest::collection::vec(0usize..1000, 0..12),
        ) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut position = Position::new(&text);
            for p in picks {
                let offset = bounds[p % bounds.len()];
                proptest::prop_assert_eq!(position.line_col(offset), line_col_old(&text, offset));
                let scalar = count_lines_scalar(&text.as_bytes()[..offset]);
                proptest::prop_assert_eq!(scalar, count_lines(text.as_bytes(), 0, offset));
                proptest::prop_assert_eq!(scalar, count_lines_sse2(text.as_bytes(), 0, offset));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Strings are escaped exactly as serde_json escapes them.
        #[test]
        fn strings_are_escaped_as_serde_json_does(s in "([\\x00-\\x7f]|[é“”\u{2028}\u{7f}\u{80}\u{ff}]|\\PC){0,40}") {
            let mut fast = Vec::new();
            json_string(&mut fast, &s);
            proptest::prop_assert_eq!(String::from_utf8(fast).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}
