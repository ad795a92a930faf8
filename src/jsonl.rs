//! Reading one JSON Lines record, `{"id": …, "text": "…"}`, without serde_json.
//!
//! serde_json took 6% of a JSON Lines run, most of it copying and re-checking the text. This
//! reader takes the common shape only and is stricter than serde_json everywhere: whatever it
//! declines (an escaped key, a float id, an exponent, a control character, a lone surrogate,
//! anything unusual) goes back to the caller for serde_json, which then gives the same record
//! or its own error message. So the records read, and every error, are exactly serde_json's.

/// A record: its `id` (a string, or an integer as written; `None` when absent or null) and
/// its text.
pub type Record = (Option<String>, String);

/// Nesting deeper than this in an ignored field is left to serde_json (its limit is 128).
const MAX_DEPTH: usize = 64;

/// Reads `line` as a record, its text copied once out of the line (unescaped on the way);
/// `None` when it is not in the plain shape this reader takes (see the module comment).
pub fn read(line: &[u8]) -> Option<Record> {
    let Fields { id, text } = scan(line)?;
    debug_assert!(std::str::from_utf8(&text).is_ok());
    // SAFETY: `scan` checked that the raw text is UTF-8 and that each escape is a whole
    // character (surrogates in pairs); unescaping replaces ASCII escapes with the UTF-8 of
    // those characters and copies the rest unchanged, so the result is UTF-8.
    let text = unsafe { String::from_utf8_unchecked(text) };
    Some((id, text))
}

/// What `scan` found: the id, and the text unescaped.
struct Fields {
    id: Option<String>,
    text: Vec<u8>,
}

/// The fields of a plain record, or `None` for anything else.
fn scan(b: &[u8]) -> Option<Fields> {
    let mut at = skip_ws(b, 0);
    expect(b, &mut at, b'{')?;
    let (mut id, mut text) = (None::<Option<String>>, None::<Vec<u8>>);
    at = skip_ws(b, at);
    if b.get(at) == Some(&b'}') {
        return None; // no text: serde_json's error
    }
    loop {
        let (key, escaped) = string(b, &mut at)?;
        if escaped {
            return None;
        }
        at = skip_ws(b, at);
        expect(b, &mut at, b':')?;
        at = skip_ws(b, at);
        match &b[key.0..key.1] {
            b"text" if text.is_none() => {
                if b.get(at) != Some(&b'"') {
                    return None;
                }
                // At most the rest of the line.
                let mut out = Vec::with_capacity(b.len() - at);
                let (s, e) = text_string(b, &mut at, &mut out)?;
                simdutf8::basic::from_utf8(&b[s..e]).ok()?;
                text = Some(out);
            }
            b"id" if id.is_none() => id = Some(id_value(b, &mut at)?),
            b"text" | b"id" => return None, // a duplicate: serde_json's error
            _ => skip_value(b, &mut at, 0)?,
        }
        at = skip_ws(b, at);
        match b.get(at)? {
            b',' => at = skip_ws(b, at + 1),
            b'}' => break,
            _ => return None,
        }
    }
    // Nothing but white space after the object.
    if skip_ws(b, at + 1) != b.len() {
        return None;
    }
    Some(Fields {
        id: id.flatten(),
        text: text?,
    })
}

/// The `id`: a string, `null`, or a small non-negative integer (written as serde_json writes
/// it back); anything else is left to serde_json.
fn id_value(b: &[u8], at: &mut usize) -> Option<Option<String>> {
    match *b.get(*at)? {
        b'"' => {
            let ((s, e), escaped) = string(b, at)?;
            let raw = std::str::from_utf8(&b[s..e]).ok()?;
            if !escaped {
                return Some(Some(raw.to_string()));
            }
            String::from_utf8(unescape(raw.as_bytes())).ok().map(Some)
        }
        b'n' => {
            expect_word(b, at, b"null")?;
            Some(None)
        }
        b'0'..=b'9' => {
            let s = *at;
            while b.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            let digits = &b[s..*at];
            // No leading zero, no fraction or exponent, and small enough for a u64.
            let plain = (digits.len() == 1 || digits[0] != b'0')
                && digits.len() <= 18
                && !matches!(b.get(*at), Some(b'.' | b'e' | b'E'));
            plain.then(|| Some(String::from_utf8_lossy(digits).into_owned()))
        }
        _ => None,
    }
}

/// Skips an ignored value, checking it as strictly as `string` and `number` do.
fn skip_value(b: &[u8], at: &mut usize, depth: usize) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    match *b.get(*at)? {
        b'"' => {
            let ((s, e), _) = string(b, at)?;
            std::str::from_utf8(&b[s..e]).ok().map(drop)
        }
        b'{' | b'[' => {
            let (close, object) = if b[*at] == b'{' {
                (b'}', true)
            } else {
                (b']', false)
            };
            *at = skip_ws(b, *at + 1);
            if b.get(*at) == Some(&close) {
                *at += 1;
                return Some(());
            }
            loop {
                if object {
                    string(b, at)?;
                    *at = skip_ws(b, *at);
                    expect(b, at, b':')?;
                    *at = skip_ws(b, *at);
                }
                skip_value(b, at, depth + 1)?;
                *at = skip_ws(b, *at);
                match *b.get(*at)? {
                    b',' => *at = skip_ws(b, *at + 1),
                    c if c == close => {
                        *at += 1;
                        return Some(());
                    }
                    _ => return None,
                }
            }
        }
        b't' => expect_word(b, at, b"true"),
        b'f' => expect_word(b, at, b"false"),
        b'n' => expect_word(b, at, b"null"),
        b'-' | b'0'..=b'9' => number(b, at),
        _ => None,
    }
}

/// A number in the plain form `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, at most 18 digits a part; an
/// exponent or a longer number is left to serde_json.
fn number(b: &[u8], at: &mut usize) -> Option<()> {
    if b[*at] == b'-' {
        *at += 1;
    }
    let digits = |at: &mut usize| {
        let s = *at;
        while b.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
        (1..=18).contains(&(*at - s)).then_some(s)
    };
    let s = digits(at)?;
    if b[s] == b'0' && *at - s > 1 {
        return None;
    }
    if b.get(*at) == Some(&b'.') {
        *at += 1;
        digits(at)?;
    }
    (!matches!(b.get(*at), Some(b'e' | b'E'))).then_some(())
}

/// A string starting at `*at` (its opening quote): the span between its quotes and whether it
/// holds escapes. Declines control characters, unknown escapes and unpaired surrogates.
fn string(b: &[u8], at: &mut usize) -> Option<((usize, usize), bool)> {
    expect(b, at, b'"')?;
    let start = *at;
    let mut escaped = false;
    loop {
        // Raw control characters are errors in JSON strings.
        let k = next_special(b, *at).filter(|&k| b[k] >= 0x20)?;
        *at = k;
        if b[*at] == b'"' {
            *at += 1;
            return Some(((start, *at - 1), escaped));
        }
        escaped = true;
        *at += escape_len(&b[*at..])?;
        // Escapes come in runs (a paragraph break is `\n\n`): the next one without a search.
        while b.get(*at) == Some(&b'\\') {
            *at += escape_len(&b[*at..])?;
        }
    }
}

/// [`string`] for the text, copied into `out` unescaped in the same pass: its raw span.
fn text_string(b: &[u8], at: &mut usize, out: &mut Vec<u8>) -> Option<(usize, usize)> {
    expect(b, at, b'"')?;
    let start = *at;
    loop {
        let k = next_special(b, *at).filter(|&k| b[k] >= 0x20)?;
        out.extend_from_slice(&b[*at..k]);
        *at = k;
        if b[*at] == b'"' {
            *at += 1;
            return Some((start, *at - 1));
        }
        // Escapes come in runs (a paragraph break is `\n\n`): the next one without a search.
        while b.get(*at) == Some(&b'\\') {
            // A two-byte escape (most are `\n`) from the table, the rest in full.
            match b.get(*at + 1).map(|&c| SHORT_ESCAPES[usize::from(c)]) {
                Some(c) if c != 0 => {
                    out.push(c);
                    *at += 2;
                }
                _ => {
                    let len = escape_len(&b[*at..])?;
                    push_unescaped(out, &b[*at..]);
                    *at += len;
                }
            }
        }
    }
}

/// The first byte at or after `from` that is `"`, `\\` or a control character: where a run
/// of plain bytes of a JSON string ends, read or written. One pass of sixteen bytes at a time
/// (SSE2, which every x86-64 processor has), instead of a search for two bytes and a separate
/// check of controls.
pub fn next_special(b: &[u8], from: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    return if crate::simd::has_avx2() {
        // SAFETY: the processor has AVX2, asked just above (std caches the answer).
        unsafe { next_special_avx2(b, from) }
    } else {
        next_special_sse2(b, from)
    };
    #[cfg(not(target_arch = "x86_64"))]
    next_special_scalar(b, from)
}

/// [`next_special`] with AVX2: 64 bytes a round, tested together before their bits are taken.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn next_special_avx2(b: &[u8], mut at: usize) -> Option<usize> {
    use std::arch::x86_64::{_mm256_movemask_epi8, _mm256_or_si256};
    while at + 64 <= b.len() {
        let (x, y) = (special32(b, at), special32(b, at + 32));
        if _mm256_movemask_epi8(_mm256_or_si256(x, y)) != 0 {
            let low = u64::from(_mm256_movemask_epi8(x) as u32);
            let m = low | u64::from(_mm256_movemask_epi8(y) as u32) << 32;
            return Some(at + m.trailing_zeros() as usize);
        }
        at += 64;
    }
    if at + 32 <= b.len() {
        let m = _mm256_movemask_epi8(special32(b, at)) as u32;
        if m != 0 {
            return Some(at + m.trailing_zeros() as usize);
        }
        at += 32;
    }
    if at >= b.len() {
        return None;
    }
    let Some(start) = b.len().checked_sub(32) else {
        return next_special_sse2(b, at);
    };
    // The last bytes: the 32 that end with them, shifted.
    let m = (_mm256_movemask_epi8(special32(b, start)) as u32) >> (at - start);
    (m != 0).then(|| at + m.trailing_zeros() as usize)
}

/// -1 in each lane of `b[i..i + 32]` that holds a special byte (see [`is_special`]).
/// (A function, not a closure: a closure would not inherit the target feature.)
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn special32(b: &[u8], i: usize) -> std::arch::x86_64::__m256i {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_min_epu8, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_xor_si256,
    };
    assert!(i + 32 <= b.len());
    // SAFETY: the load reads `b[i..i + 32]`, inside `b` (asserted); unaligned loads are
    // allowed.
    let v = unsafe { _mm256_loadu_si256(b.as_ptr().add(i).cast::<__m256i>()) };
    let x = _mm256_xor_si256(v, _mm256_set1_epi8(2));
    let low = _mm256_cmpeq_epi8(_mm256_min_epu8(x, _mm256_set1_epi8(0x20)), x);
    _mm256_or_si256(low, _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\\' as i8)))
}

/// `"`, `\\` or a control character. Flipping bit 1 takes `"` (0x22) to 0x20 and keeps the
/// control characters below it: two comparisons instead of three, in a vector too.
#[inline]
pub fn is_special(c: u8) -> bool {
    ((c ^ 2) <= 0x20) | (c == b'\\')
}

/// [`next_special`] a byte at a time (other processors than x86-64).
#[cfg_attr(target_arch = "x86_64", cfg(test))]
fn next_special_scalar(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| is_special(c))
        .map(|i| from + i)
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn next_special_sse2(b: &[u8], mut at: usize) -> Option<usize> {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_xor_si128,
    };
    // The special bytes of `b[i..i + 16]` as bits.
    let mask = |i: usize| -> u32 {
        debug_assert!(i + 16 <= b.len());
        // SAFETY: SSE2 is part of x86-64; every caller has `i + 16 <= b.len()`, so the load
        // reads inside `b`; unaligned loads are allowed.
        unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(i).cast::<__m128i>());
            let x = _mm_xor_si128(v, _mm_set1_epi8(2));
            let low = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x20)), x);
            let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
            _mm_movemask_epi8(_mm_or_si128(low, backslash)) as u32
        }
    };
    while at + 32 <= b.len() {
        let m = mask(at) | mask(at + 16) << 16;
        if m != 0 {
            return Some(at + m.trailing_zeros() as usize);
        }
        at += 32;
    }
    if at + 16 <= b.len() {
        let m = mask(at);
        if m != 0 {
            return Some(at + m.trailing_zeros() as usize);
        }
        at += 16;
    }
    if at >= b.len() {
        return None;
    }
    // The last bytes: the sixteen that end with them, shifted (a line is seldom shorter).
    let Some(start) = b.len().checked_sub(16) else {
        return b[at..].iter().position(|&c| is_special(c)).map(|i| at + i);
    };
    let m = mask(start) >> (at - start);
    (m != 0).then(|| at + m.trailing_zeros() as usize)
}

/// The byte of each two-byte escape, by its second byte; 0 for none.
const SHORT_ESCAPES: [u8; 256] = {
    let mut table = [0; 256];
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'/' as usize] = b'/';
    table[b'b' as usize] = 0x08;
    table[b'f' as usize] = 0x0c;
    table[b'n' as usize] = b'\n';
    table[b'r' as usize] = b'\r';
    table[b't' as usize] = b'\t';
    table
};

/// The length of the escape at the start of `b` (a backslash), with a surrogate pair as one.
fn escape_len(b: &[u8]) -> Option<usize> {
    match *b.get(1)? {
        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(2),
        b'u' => match hex4(b.get(2..6)?)? {
            0xD800..=0xDBFF => {
                let low = (b.get(6..8)? == b"\\u").then(|| hex4(b.get(8..12)?))??;
                (0xDC00..=0xDFFF).contains(&low).then_some(12)
            }
            0xDC00..=0xDFFF => None,
            _ => Some(6),
        },
        _ => None,
    }
}

/// Four hex digits.
fn hex4(b: &[u8]) -> Option<u32> {
    b.iter()
        .try_fold(0, |n, &c| Some(n * 16 + char::from(c).to_digit(16)?))
}

/// `raw` (a string's inside, checked by `string`) unescaped.
fn unescape(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut r = 0;
    while let Some(k) = memchr::memchr(b'\\', &raw[r..]) {
        out.extend_from_slice(&raw[r..r + k]);
        r += k;
        // Escapes come in runs (a paragraph break is `\n\n`): the next one without a search.
        while raw.get(r) == Some(&b'\\') {
            r += push_unescaped(&mut out, &raw[r..]);
        }
    }
    out.extend_from_slice(&raw[r..]);
    out
}

/// Writes the character of the escape at the start of `e` (checked by `string`); returns the
/// escape's length.
fn push_unescaped(out: &mut Vec<u8>, e: &[u8]) -> usize {
    let (c, len) = match e[1] {
        b'b' => ('\u{8}', 2),
        b'f' => ('\u{c}', 2),
        b'n' => ('\n', 2),
        b'r' => ('\r', 2),
        b't' => ('\t', 2),
        b'u' => {
            let hi = hex4(&e[2..6]).unwrap_or_default();
            let (code, len) = if (0xD800..=0xDBFF).contains(&hi) {
                let lo = hex4(&e[8..12]).unwrap_or_default();
                (0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), 12)
            } else {
                (hi, 6)
            };
            (
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
                len,
            )
        }
        other => (char::from(other), 2), // `"`, `\` or `/`
    };
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    len
}

fn skip_ws(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

fn expect(b: &[u8], at: &mut usize, c: u8) -> Option<()> {
    (b.get(*at) == Some(&c)).then(|| *at += 1)
}

fn expect_word(b: &[u8], at: &mut usize, word: &[u8]) -> Option<()> {
    b.get(*at..*at + word.len())
        .filter(|w| *w == word)
        .map(|_| *at += word.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_json reads from the line, as `cli` reads it.
    fn serde(line: &[u8]) -> Option<Record> {
        #[derive(serde::Deserialize)]
        struct R {
            id: Option<serde_json::Value>,
            text: String,
        }
        let r: R = serde_json::from_slice(line).ok()?;
        let id = r.id.map(|v| match v {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        });
        Some((id, r.text))
    }

    fn agrees(line: &str) {
        if let Some(r) = read(line.as_bytes()) {
            assert_eq!(Some(r), serde(line.as_bytes()), "{line:?}");
        }
    }

    #[test]
    fn plain_records_read_as_serde_json_reads_them() {
        for line in [
            r#"{"id": "a", "text": "He said “hi.”\n\nThen left."}"#,
            r#"{"text":"x","id":7}"#,
            r#"{"id":null,"text":""}"#,
            r#" { "id" : "a\"b\\c\/\u00e9\ud83e\udd80" , "text" : "\t\r\n\b\f\u0000\u2019" } "#,
            r#"{"id": "x", "text": "y", "quotes": [{"a": [1, -2.5, 0, true, false, null, {}]}, []]}"#,
            r#"{"other": "\ud83e\udd80", "text": "z"}"#,
        ] {
            assert!(read(line.as_bytes()).is_some(), "{line:?}");
            agrees(line);
        }
    }

    #[test]
    fn anything_unusual_is_left_to_serde_json() {
        for line in [
            r#"{"id": 1.5, "text": "a"}"#,
            r#"{"id": 01, "text": "a"}"#,
            r#"{"id": -1, "text": "a"}"#,
            r#"{"id": true, "text": "a"}"#,
            r#"{"id": "a"}"#,
            r#"{}"#,
            r#"["a", "b"]"#,
            r#"{"te\u0078t": "a"}"#,
            r#"{"text": "a", "text": "b"}"#,
            r#"{"text": "\ud800"}"#,
            r#"{"text": "\udc00x"}"#,
            r#"{"text": "\x"}"#,
            "{\"text\": \"a\tb\"}",
            r#"{"text": "a"} x"#,
            r#"{"text": "a",}"#,
            r#"{"text": 5}"#,
            r#"{"n": 1e5, "text": "a"}"#,
            r#"{"n": 1234567890123456789, "text": "a"}"#,
            r#"{"n": [1,], "text": "a"}"#,
            r#"{"text": "a""#,
        ] {
            assert!(read(line.as_bytes()).is_none(), "{line:?}");
        }
        assert!(read(b"{\"text\": \"\xff\"}").is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The vector search finds what a byte loop finds, from anywhere.
        #[test]
        fn next_special_is_the_byte_loop(
            b in proptest::collection::vec(proptest::prop_oneof![
                8 => 0x20u8..0x7f, 1 => proptest::prelude::any::<u8>(), 1 => proptest::prelude::Just(b'"')
            ], 0..300),
            from in 0usize..310,
        ) {
            proptest::prop_assert_eq!(next_special(&b, from), next_special_scalar(&b, from));
            proptest::prop_assert_eq!(next_special_sse2(&b, from), next_special_scalar(&b, from));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// On any line, either the same record as serde_json or the line given back.
        #[test]
        fn never_differs_from_serde_json(
            line in r#"[ {}\[\],:"\\/a-z0-9.\-eE\tn\u{7}é“]{0,40}"#,
            text in r#"([a-z “’\\\n\t\x01é🦀]|\\[nt"\\/bfr]|\\u[0-9a-fA-F]{4}|\\ud83e\\udd80){0,12}"#,
        ) {
            agrees(&line);
            agrees(&format!(r#"{{"id": "1", "text": "{text}"}}"#));
            agrees(&format!(r#"{{"x": [{{"y": "{text}"}}], "text": "{text}", "id": 3}}"#));
        }
    }
}
