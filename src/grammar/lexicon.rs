//! Word lists as data. Match a word, then look it up here: the grammar never spells a list out
//! as alternatives. Lists are lower case; lookups ignore ASCII case.

use std::collections::HashSet;

use crate::segment::{Class, Token};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::Cell;
use std::sync::{Mutex, OnceLock};

/// Reporting verbs by lemma, with irregular forms after a `|` (past|participle...). Regular
/// inflections (-s, -ed, -ing) are generated once, at first use.
const REPORTING_VERBS: &[&str] = &[
    "elaborate",
    "press",
    "remember",
    "acknowledge",
    "add",
    "admit",
    "advise",
    "affirm",
    "agree",
    "alert",
    "allege",
    "announce",
    "answer",
    "argue",
    "ask",
    "assert",
    "assure",
    "attest",
    "aver",
    "bark",
    "beg",
    "blast",
    "blog",
    "blurt",
    "boast",
    "brag",
    "brand",
    "brief",
    "call",
    "caution",
    "charge",
    "chime",
    "chuckle",
    "cite",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "concur",
    "confess",
    "confide",
    "confirm",
    "contend",
    "continue",
    "counter",
    "cry|cried",
    "declare",
    "decry",
    "demand",
    "deny|denied",
    "describe",
    "disclose",
    "dismiss",
    "dispute",
    "dub",
    "echo",
    "email",
    "emphasise",
    "emphasize",
    "estimate",
    "exclaim",
    "explain",
    "express",
    "fire",
    "fume",
    "gush",
    "grumble",
    "highlight",
    "hint",
    "hit",
    "inform",
    "insist",
    "instruct",
    "interject",
    "interrupt",
    "joke",
    "label",
    "lament",
    "laugh",
    "lecture",
    "maintain",
    "mention",
    "message",
    "mock",
    "moan",
    "mumble",
    "murmur",
    "muse",
    "mutter",
    "note",
    "object",
    "observe",
    "offer",
    "opine",
    "outline",
    "plead",
    "pledge",
    "point",
    "post",
    "praise",
    "predict",
    "proclaim",
    "promise",
    "pronounce",
    "propose",
    "protest",
    "put|put",
    "query|queried",
    "question",
    "quip",
    "quote",
    "rail",
    "rant",
    "read|read",
    "reaffirm",
    "reason",
    "reassure",
    "rebut",
    "recall",
    "recount",
    "reflect",
    "chant",
    "surmise",
    "gripe",
    "reckon",
    "blame",
    "chide",
    "condemn",
    "criticize",
    "criticise",
    "denounce",
    "deride",
    "hail",
    "laud",
    "lambaste",
    "ridicule",
    "scold",
    "taunt",
    "vent",
    "refer|referred|referring",
    "term",
    "request",
    "recommend",
    "accuse",
    "assess",
    "posit",
    "believe",
    "feel|felt",
    "fear",
    "hope",
    "think|thought",
    "worry|worried",
    "reiterate",
    "remark",
    "remind",
    "reply|replied",
    "report",
    "respond",
    "retort",
    "reveal",
    "say|said",
    "scoff",
    "scream",
    "shoot|shot",
    "shout",
    "sigh",
    "signal",
    "slam",
    "snap",
    "sneer",
    "speak|spoke|spoken",
    "speculate",
    "state",
    "stress",
    "suggest",
    "summarise",
    "summarize",
    "swear|swore|sworn",
    "tell|told",
    "testify|testified",
    "text",
    "thunder",
    "tout",
    "tweet",
    "underline",
    "underscore",
    "urge",
    "vow",
    "warn",
    "whisper",
    "wonder",
    "write|wrote|written",
    "yell",
    "go|went|gone",
    "find|found",
    "sing|sang|sung",
];

/// Participles that attach a quote to the subject of the clause before them (", stating …").
pub fn is_participle_cue(word: &str) -> bool {
    // The ending compared in place: a lower-cased copy cost an allocation.
    word.len() > 4
        && word.as_bytes()[word.len() - 3..].eq_ignore_ascii_case(b"ing")
        && is_reporting_verb(word)
}

fn inflect<S: std::hash::BuildHasher>(lemma: &str, out: &mut HashSet<String, S>) {
    inflect_each(lemma, |parts| {
        out.insert(parts.concat());
    });
}

/// Every form of `lemma` (some perhaps twice), each passed to `form` as the parts it joins:
/// the table of reporting verbs built at every start copies them into one string, with no
/// string allocated a form.
fn inflect_each(lemma: &str, mut form: impl FnMut(&[&str])) {
    let mut parts = lemma.split('|');
    let base = parts.next().unwrap_or_default();
    form(&[base]);
    for irregular in parts {
        form(&[irregular]);
    }
    // The -s, -ed and -ing forms, as up to three parts each (an empty part joins nothing).
    let (s, ed, ing) = if let Some(stem) = base.strip_suffix('e') {
        ([base, "s", ""], [base, "d", ""], [stem, "ing", ""])
    } else if let Some(stem) = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        ([stem, "ies", ""], [stem, "ied", ""], [base, "ing", ""])
    } else if base.ends_with(['s', 'x', 'z']) || base.ends_with("sh") || base.ends_with("ch") {
        ([base, "es", ""], [base, "ed", ""], [base, "ing", ""])
    } else if is_short_cvc(base) {
        let last = last_letter(base);
        ([base, "s", ""], [base, last, "ed"], [base, last, "ing"])
    } else {
        ([base, "s", ""], [base, "ed", ""], [base, "ing", ""])
    };
    form(&s);
    form(&ing);
    // Irregular verbs list their past forms; only regular ones get -ed.
    if !lemma.contains('|') {
        form(&ed);
    }
    // Stress on the last syllable doubles the consonant: admitted, rebutting, blogged
    // (and British labelled, signalled).
    if DOUBLES_FINAL.contains(&base) {
        let last = last_letter(base);
        form(&[base, last, "ed"]);
        form(&[base, last, "ing"]);
    }
}

/// The last letter of `w`, as a string (empty for an empty word).
fn last_letter(w: &str) -> &str {
    w.char_indices().next_back().map_or("", |(i, _)| &w[i..])
}

/// Lemmas longer than three letters that double their last consonant before -ed and -ing.
const DOUBLES_FINAL: &[&str] = &[
    "admit", "aver", "blog", "brag", "concur", "label", "quip", "rebut", "signal", "slam", "snap",
];

/// One-syllable consonant-vowel-consonant verbs double their last letter: dub → dubbed.
fn is_short_cvc(w: &str) -> bool {
    let b = w.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    b.len() == 3 && !vowel(b[0]) && vowel(b[1]) && !vowel(b[2]) && !b"wxy".contains(&b[2])
}

/// Every form of every reporting verb; Fx-hashed, as it is asked about most words.
fn verb_forms() -> &'static FxHashSet<String> {
    static FORMS: OnceLock<FxHashSet<String>> = OnceLock::new();
    FORMS.get_or_init(|| {
        // (Sized for about five forms a lemma up front: no rehashing as it grows, at every
        // start.)
        let mut out =
            FxHashSet::with_capacity_and_hasher(5 * REPORTING_VERBS.len(), Default::default());
        for lemma in REPORTING_VERBS {
            inflect(lemma, &mut out);
        }
        out
    })
}

thread_local! {
    /// Reporting verbs the configuration adds for the document being analysed on this thread
    /// (inflected), set by `with_extra_verbs`. Empty almost always, so checked last.
    static EXTRA_VERBS: std::cell::RefCell<HashSet<String>> = std::cell::RefCell::new(HashSet::new());
    /// Whether `EXTRA_VERBS` may hold any: a constant-initialised flag costs one load, where
    /// the lazily-initialised set cost an initialisation check and a borrow on every miss.
    static HAS_EXTRA_VERBS: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with `lemmas` (and their inflections) counted as reporting verbs on this thread.
pub fn with_extra_verbs<R>(lemmas: &[String], f: impl FnOnce() -> R) -> R {
    if lemmas.is_empty() {
        return f();
    }
    EXTRA_VERBS.with(|extra| {
        let mut extra = extra.borrow_mut();
        for lemma in lemmas {
            inflect(lemma, &mut extra);
        }
    });
    HAS_EXTRA_VERBS.set(true);
    let out = f();
    EXTRA_VERBS.with(|extra| extra.borrow_mut().clear());
    HAS_EXTRA_VERBS.set(false);
    out
}

/// Any inflection of a reporting verb (`said`, `tells`, `warning`).
#[inline]
pub fn is_reporting_verb(word: &str) -> bool {
    // Most words are short and no verbs are added: one probe of the table, with no stack
    // frame; the rest (long words, added verbs) out of line.
    match verb_table().has(word) {
        Some(true) => true,
        Some(false) if !HAS_EXTRA_VERBS.get() => false,
        _ => is_reporting_verb_slow(word),
    }
}

/// `is_reporting_verb` in full.
#[cold]
#[inline(never)]
fn is_reporting_verb_slow(word: &str) -> bool {
    if word.len() > 16 {
        return false;
    }
    let mut buf = [0u8; 16];
    let table = verb_table();
    let known = match table.has(word) {
        Some(found) => found,
        // (No form is empty or longer than the table's longest: the set of forms, built only
        // for the rest, is not.)
        None if word.is_empty() || word.len() > table.longest => false,
        None => verb_forms().contains(lower_in(&mut buf, word).unwrap_or_default()),
    };
    known
        || EXTRA_VERBS.with(|extra| {
            let extra = extra.borrow();
            !extra.is_empty() && extra.contains(lower_in(&mut buf, word).unwrap_or_default())
        })
}

/// `verb_forms` as a table of packed words (all but the few forms too long to pack).
fn verb_table() -> &'static ListSet {
    static TABLE: OnceLock<ListSet> = OnceLock::new();
    TABLE.get_or_init(|| {
        // (The forms written end to end into one string, not a set of strings: the table
        // packs them, and this runs at every start. A form listed twice is one entry.)
        let mut text = String::with_capacity(64 * REPORTING_VERBS.len());
        let mut ends = Vec::with_capacity(6 * REPORTING_VERBS.len());
        for lemma in REPORTING_VERBS {
            inflect_each(lemma, |parts| {
                for part in parts {
                    text.push_str(part);
                }
                ends.push(text.len());
            });
        }
        let forms = ends.iter().scan(0, |start, &end| {
            Some(&text[std::mem::replace(start, end)..end])
        });
        WordTable::new(forms.map(|w| (w, ())))
    })
}

/// A word token that is any inflection of a reporting verb: `is_reporting_verb`, answered once
/// per token (the grammar asks it of the same tokens on every parse attempt).
#[inline]
pub fn is_verb_token(t: &Token) -> bool {
    t.is_word() && t.memo(Class::ReportingVerb, |t| is_reporting_verb(t.text))
}

/// `is_inflected_reporting_verb` of a token, through its memo.
pub fn is_inflected_verb_token(t: &Token) -> bool {
    is_verb_token(t) && !is_lemma(t.text)
}

/// A reporting verb in an inflected form (`said`, `tells`), not a bare lemma (`state`, `report`),
/// which is as often a noun or modifier (`state media`).
pub fn is_inflected_reporting_verb(word: &str) -> bool {
    is_reporting_verb(word) && !is_lemma(word)
}

/// The bare lemma of a reporting verb (`say`, `state`, `report`).
pub fn is_lemma(word: &str) -> bool {
    // A table of packed words: no lower-cased copy of a capitalised word.
    static TABLE: OnceLock<ListSet> = OnceLock::new();
    let table = TABLE.get_or_init(|| WordTable::new(lemmas().iter().map(|w| (*w, ()))));
    match table.has(word) {
        Some(found) => found,
        None => is_lemma_in_set(word),
    }
}

/// The lemmas of `REPORTING_VERBS`.
fn lemmas() -> &'static FxHashSet<&'static str> {
    static LEMMAS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    LEMMAS.get_or_init(|| {
        REPORTING_VERBS
            .iter()
            .filter_map(|l| l.split('|').next())
            .collect()
    })
}

/// `is_lemma` by the set, for the words too long (or short) to pack.
fn is_lemma_in_set(word: &str) -> bool {
    let lemmas = lemmas();
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        lemmas.contains(word.to_ascii_lowercase().as_str())
    } else {
        lemmas.contains(word)
    }
}

/// A lemma that is also its own past tense (`put`, `read`): after a name it is a verb, as in
/// `As Vulture put it` or `The sign read`.
pub fn is_own_past(word: &str) -> bool {
    // A table of packed words: no lower-cased copy of the word.
    static TABLE: OnceLock<ListSet> = OnceLock::new();
    let table = TABLE.get_or_init(|| WordTable::new(own_past().iter().map(|w| (w.as_str(), ()))));
    match table.has(word) {
        Some(found) => found,
        None => own_past().contains(word.to_ascii_lowercase().as_str()),
    }
}

/// The lemmas that are their own past tense, lower-cased.
fn own_past() -> &'static FxHashSet<String> {
    // A set built once: scanning every entry was 2% of the instructions.
    static OWN_PAST: OnceLock<FxHashSet<String>> = OnceLock::new();
    OWN_PAST.get_or_init(|| {
        REPORTING_VERBS
            .iter()
            .filter_map(|entry| {
                let mut parts = entry.split('|');
                let lemma = parts.next().unwrap_or_default();
                parts
                    .any(|p| p == lemma)
                    .then(|| lemma.to_ascii_lowercase())
            })
            .collect()
    })
}

/// Number of reporting-verb forms known (lemmas and inflections).
pub fn reporting_verb_count() -> usize {
    verb_forms().len()
}

/// Verbs whose object is who was spoken to, never the speaker: `told reporters`, `urged
/// voters`.
pub fn takes_addressee(word: &str) -> bool {
    let w = word.as_bytes();
    [
        "tell", "told", "ask", "inform", "remind", "assure", "reassure", "urge", "warn", "brief",
        "advise", "instruct", "beg", "email", "text", "message",
    ]
    .iter()
    .any(|base| starts_with_ignore_case(w, base) && w.len() <= base.len() + 3)
}

/// Verbs whose object is what was talked about, never the speaker: `calls it`, `praised
/// Smith`. They do not invert (`…, says Smith` does; `…, calls it` does not).
pub fn takes_object(word: &str) -> bool {
    let w = word.as_bytes();
    [
        "accus", "blam", "blast", "brand", "call", "chid", "cit", "condemn", "criticis",
        "criticiz", "decr", "denounc", "deni", "deny", "derid", "describ", "dismiss", "dub",
        "hail", "label", "lambast", "laud", "mock", "prais", "quot", "rebut", "refer", "ridicul",
        "scold", "slam", "taunt", "term",
    ]
    .iter()
    .any(|stem| starts_with_ignore_case(w, stem))
}

/// Does `w` start with the lower-case `prefix`, in any ASCII case? Compared in place: a
/// lower-cased copy of `w` cost an allocation.
#[inline]
fn starts_with_ignore_case(w: &[u8], prefix: &str) -> bool {
    w.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Verbs that report speech only with a particle or object after them: `put it`, `point out`,
/// `fire back`, `hit back`, `chime in`, `call for` is not one.
pub fn needs_particle(word: &str) -> Option<&'static [&'static str]> {
    // Lower-cased on the stack: asked of every reporting verb the grammar meets.
    let mut buf = [0u8; 8];
    match lower_in(&mut buf, word)?.as_bytes() {
        b"put" | b"puts" | b"putting" => Some(&["it"]),
        b"point" | b"points" | b"pointed" | b"pointing" => Some(&["out"]),
        b"fire" | b"fires" | b"fired" | b"firing" | b"hit" | b"hits" | b"hitting" | b"shot"
        | b"shoot" => Some(&["back"]),
        b"chime" | b"chimed" | b"chimes" => Some(&["in"]),
        // `“…,” Trump went on.`
        b"go" | b"goes" | b"going" | b"gone" | b"went" => Some(&["on"]),
        _ => None,
    }
}

/// Does `word` (any case) appear in the sorted lower-case `list`?
pub fn contains(list: &'static [&'static str], word: &str) -> bool {
    // (A list not remembered on this thread is looked up whole out of line: on the common path
    // the list and the word are needed after no call, and no registers are saved.)
    let Some(set) = recent_list_set(list) else {
        return contains_in_new_list(list, word);
    };
    contains_in(set, list, word)
}

/// `contains` for a list whose table `list_set` has not remembered on this thread.
#[cold]
#[inline(never)]
fn contains_in_new_list(list: &'static [&'static str], word: &str) -> bool {
    contains_in(list_set(list), list, word)
}

/// `contains`, given the table of `list`.
#[inline(always)]
fn contains_in(set: &ListSet, list: &'static [&'static str], word: &str) -> bool {
    match set.has(word) {
        // Most words are short: one probe of a table of numbers, with no stack frame (the
        // search is out of line).
        Some(found) => found,
        // A word longer than every entry is in no list: no search (these are mostly URLs and
        // long compounds).
        None if word.len() > set.longest => false,
        None => contains_by_search(list, word),
    }
}

/// `contains` for the words too long (or short) to pack: a binary search of `list`.
#[cold]
#[inline(never)]
fn contains_by_search(list: &'static [&'static str], word: &str) -> bool {
    // The word is lower-cased once into a buffer and compared as bytes with the (lower-case)
    // entries: lower-casing both sides at every probe was most of the cost of a lookup.
    let mut buf = [0u8; 32];
    let Some(lower) = lower_in(&mut buf, word).map(str::as_bytes) else {
        return list
            .binary_search_by(|probe| cmp_ignore_case(probe, word))
            .is_ok();
    };
    list.binary_search_by(|probe| cmp_short(probe.as_bytes(), lower))
        .is_ok()
}

/// Short words, each packed with its length into an integer (ASCII lower-cased), in an
/// open-addressed table: a lookup is a few loads, a multiply and an integer compare or two.
pub struct WordTable<V> {
    /// The packed words; a packed word is never 0 (it holds its length), which marks an empty
    /// slot.
    keys: Box<[u128]>,
    /// The value of each slot's word.
    values: Box<[Option<V>]>,
    /// How far a hash is shifted to index `keys`: 64 less the log2 of its length.
    shift: u32,
    /// The length of the longest word given to `new`, packed or not.
    longest: usize,
    /// One bit per `sketch` of the packed words (about one set in sixteen): most words looked
    /// up are in no table, and a clear bit rules one out before it is packed and probed.
    filter: Box<[u64]>,
    /// How far a sketch's hash is shifted to index `filter`'s bits.
    filter_shift: u32,
}

/// A cheap hash of what `pack` keeps of a word of 1 to `PACKED_LEN` bytes: its length and its
/// first and last two bytes, each with bit 5 set (so that ASCII case does not matter: words
/// equal under `pack` have equal sketches). Shifted right by `shift`, it indexes a filter.
#[inline(always)]
fn sketch(b: &[u8]) -> u64 {
    let n = b.len();
    // (A one-byte word is read as its byte twice, at both ends.)
    let (first, last) = if n >= 2 {
        (
            u16::from_le_bytes([b[0], b[1]]),
            u16::from_le_bytes([b[n - 2], b[n - 1]]),
        )
    } else {
        (u16::from(b[0]), u16::from(b[0]))
    };
    let x = (u64::from(first) | u64::from(last) << 16 | (n as u64) << 32) | 0x2020_2020;
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The longest word a table holds: its bytes and its length fill a `u128`.
pub const PACKED_LEN: usize = 15;

/// `word` ASCII lower-cased and packed with its length, or `None` if it is empty or too long.
#[inline]
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > PACKED_LEN {
        return None;
    }
    // Read as two integers by (overlapping) loads, not byte by byte, and lower-cased eight
    // bytes at a time: a table lookup was mostly this loop.
    let n = b.len();
    // The high half is lower-cased only when it holds bytes of the word (most words are
    // shorter than nine bytes); lower-casing is by byte, so it may come before the shift.
    let (lo, hi) = match n {
        8.. => {
            let hi = if n == 8 {
                0
            } else {
                ascii_lower(load8(&b[n - 8..])) >> (8 * (16 - n))
            };
            (load8(b), hi)
        }
        4.. => (load4(b) | load4(&b[n - 4..]) << (8 * (n - 4)), 0),
        // The first byte, and the last two (which overlap it in a two-byte word): fewer
        // loads and shifts than a byte at a time.
        1 => (u64::from(b[0]), 0),
        _ => {
            let last2 = u64::from(u16::from_le_bytes([b[n - 2], b[n - 1]]));
            (u64::from(b[0]) | last2 << (8 * (n - 2)), 0)
        }
    };
    let hi = hi | (n as u64) << (8 * (PACKED_LEN - 8));
    Some(u128::from(ascii_lower(lo)) | u128::from(hi) << 64)
}

/// Bytes 0..8 of `b`, little-endian.
#[inline]
fn load8(b: &[u8]) -> u64 {
    u64::from_le_bytes(b[..8].try_into().expect("eight bytes"))
}

/// Bytes 0..4 of `b`, little-endian.
#[inline]
fn load4(b: &[u8]) -> u64 {
    u64::from(u32::from_le_bytes(b[..4].try_into().expect("four bytes")))
}

/// Each byte of `x` ASCII lower-cased (`A`–`Z` only; other bytes, and bytes of 128 and more,
/// unchanged).
#[inline]
fn ascii_lower(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = x & LOW7;
    // The high bit of each byte: set if the byte is `A` or more, and if it is more than `Z`.
    let from_a = low + 0x3f3f_3f3f_3f3f_3f3f;
    let past_z = low + 0x2525_2525_2525_2525;
    let upper = (from_a ^ past_z) & !x & HIGH;
    x | upper >> 2
}

impl<V: Copy> WordTable<V> {
    /// The table of `entries`; a word listed twice keeps its last value. Words too long to
    /// pack are left out: `get` answers `None` for them, and the caller searches its lists.
    pub fn new<'w>(entries: impl Iterator<Item = (&'w str, V)> + Clone) -> Self {
        Self::new_merged(entries, |_, last| last)
    }

    /// `new`, where a word listed twice (in any case) takes `merge` of its values, in order:
    /// the lists need no map of their own to merge them first.
    pub fn new_merged<'w>(
        entries: impl Iterator<Item = (&'w str, V)> + Clone,
        merge: impl Fn(V, V) -> V,
    ) -> Self {
        // At most a quarter full: most lookups miss, and stop at the first empty slot.
        let size = (4 * entries.clone().count()).next_power_of_two().max(16);
        // Sixteen bits a word, at least one `u64`.
        let bits = (4 * size).max(64);
        let mut table = WordTable {
            keys: vec![0; size].into_boxed_slice(),
            values: vec![None; size].into_boxed_slice(),
            shift: 64 - size.trailing_zeros(),
            longest: entries.clone().map(|(w, _)| w.len()).max().unwrap_or(0),
            filter: vec![0; bits / 64].into_boxed_slice(),
            filter_shift: 64 - bits.trailing_zeros(),
        };
        for (word, v) in entries {
            if let Some(k) = pack(word) {
                let i = table.slot(k);
                table.keys[i] = k;
                table.values[i] = Some(table.values[i].map_or(v, |old| merge(old, v)));
                let bit = sketch(word.as_bytes()) >> table.filter_shift;
                table.filter[(bit >> 6) as usize] |= 1 << (bit & 63);
            }
        }
        table
    }

    /// Whether the filter rules `word` out (it is surely not in the table); `None` if it cannot
    /// be packed, as `has`.
    #[inline(always)]
    fn ruled_out(&self, word: &str) -> Option<bool> {
        let b = word.as_bytes();
        if b.is_empty() || b.len() > PACKED_LEN {
            return None;
        }
        let bit = sketch(b) >> self.filter_shift;
        Some(self.filter[(bit >> 6) as usize] & 1 << (bit & 63) == 0)
    }

    /// The slot holding `k`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, k: u128) -> usize {
        let mask = self.keys.len() - 1;
        let mut i = self.home(k);
        loop {
            let key = self.keys[i];
            if key == k || key == 0 {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The slot where a search for `k` starts.
    #[inline]
    fn home(&self, k: u128) -> usize {
        let h = ((k as u64) ^ ((k >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> self.shift) as usize & (self.keys.len() - 1)
    }

    /// Whether `word` (any ASCII case) is in the table, without reading its value; `None` if
    /// it cannot be packed (then the caller must search its lists).
    #[inline(always)]
    pub fn has(&self, word: &str) -> Option<bool> {
        Some(self.find(word)?.is_some())
    }

    /// The value of `word` (any ASCII case): `Some(None)` if it is not listed, `None` if it
    /// cannot be packed (then the caller must search its lists). Always inlined, as `has`: it
    /// is asked of most words, and a call was a good part of a look-up.
    #[inline(always)]
    pub fn get(&self, word: &str) -> Option<Option<V>> {
        Some(self.find(word)?.and_then(|i| self.values[i]))
    }

    /// The slot holding `word`, `Some(None)` if it is not listed, `None` if it cannot be
    /// packed. Its own loop, not `slot`: the answer is known at the compare that ends the
    /// search, and comparing the found key again cost a bounds check and a 128-bit compare; a
    /// miss (most look-ups) ends at an empty slot without reading a value.
    #[inline(always)]
    fn find(&self, word: &str) -> Option<Option<usize>> {
        if self.ruled_out(word)? {
            return Some(None);
        }
        Some(self.probe(word))
    }

    /// `find` past the filter, for a word that can be packed. Out of line: most look-ups are
    /// ruled out by the filter, and with the probe inlined every look-up paid for the
    /// registers it needs (saved and restored on the way in and out).
    #[inline(never)]
    fn probe(&self, word: &str) -> Option<usize> {
        // (Always packed: `ruled_out` let it through.)
        let k = pack(word)?;
        let mask = self.keys.len() - 1;
        let mut i = self.home(k);
        loop {
            let key = self.keys[i];
            if key == k {
                return Some(i);
            }
            if key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A word list as a table (see `contains`).
type ListSet = WordTable<()>;

/// The table of `list`, built once per list (a list is `'static`, so its address and length
/// name it) and leaked: there are a few hundred lists. Each thread remembers the tables it used
/// in a small table indexed by address, so that finding one costs a load and a compare.
#[inline]
fn list_set(list: &'static [&'static str]) -> &'static ListSet {
    match recent_list_set(list) {
        Some(set) => set,
        None => RECENT.with(|recent| list_set_slow(list, &recent[recent_slot(list)])),
    }
}

thread_local! {
    /// The tables of the lists this thread used lately (see `list_set`).
    static RECENT: [RecentList; 256] = const { [const { Cell::new(None) }; 256] };
}

/// The slot of `RECENT` for `list`. The lists lie close together in memory: their addresses
/// are mixed (Fibonacci hashing) so that neighbours do not share a slot.
#[inline(always)]
fn recent_slot(list: &'static [&'static str]) -> usize {
    ((list.as_ptr() as usize).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) % 256
}

/// The table of `list` if this thread remembers it: a load and a compare, and no call.
#[inline(always)]
fn recent_list_set(list: &'static [&'static str]) -> Option<&'static ListSet> {
    let key = (list.as_ptr() as usize, list.len());
    RECENT.with(|recent| {
        let (p, n, set) = recent[recent_slot(list)].get()?;
        ((p, n) == key).then_some(set)
    })
}

/// A slot of `list_set`'s per-thread table: a list's address and length, and its table.
type RecentList = Cell<Option<(usize, usize, &'static ListSet)>>;

/// `list_set` for a list this thread has not used (or not lately): found or built under a
/// lock, and remembered in `slot`. Out of line, so that the common path needs no stack frame.
#[cold]
#[inline(never)]
fn list_set_slow(list: &'static [&'static str], slot: &RecentList) -> &'static ListSet {
    static ALL: OnceLock<Mutex<FxHashMap<(usize, usize), &'static ListSet>>> = OnceLock::new();
    let key = (list.as_ptr() as usize, list.len());
    {
        let mut all = ALL
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let set: &'static ListSet = all
            .entry(key)
            .or_insert_with(|| Box::leak(Box::new(WordTable::new(list.iter().map(|w| (*w, ()))))));
        slot.set(Some((key.0, key.1, set)));
        set
    }
}

/// `a.cmp(b)` for the short words of the lists, a byte at a time: most probes differ in their
/// first byte or two, where a call to `memcmp` costs more than the comparison.
#[inline]
fn cmp_short(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

fn cmp_ignore_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// `word` lower-cased (ASCII) in `buf`, or `None` when it does not fit: for looking short words
/// up in the lower-case lists without allocating.
pub fn lower_in<'b, const N: usize>(buf: &'b mut [u8; N], word: &str) -> Option<&'b str> {
    let lower = buf.get_mut(..word.len())?;
    // A byte loop, not `copy_from_slice`: the words are short, and a `memcpy` call cost more.
    for (l, b) in lower.iter_mut().zip(word.as_bytes()) {
        *l = b.to_ascii_lowercase();
    }
    // SAFETY: `word` is UTF-8 and ASCII lower-casing changes only ASCII bytes, to ASCII bytes.
    Some(unsafe { std::str::from_utf8_unchecked(lower) })
}

/// Pronouns that can be the subject of a reporting verb.
pub const PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we", "you"];

pub fn pronoun_gender(word: &str) -> Gender {
    let mut buf = [0; 16];
    match lower_in(&mut buf, word).unwrap_or_default() {
        "he" | "him" | "his" => Gender::Male,
        "she" | "her" | "hers" => Gender::Female,
        "it" | "they" | "we" | "them" => Gender::Plural,
        _ => Gender::Unknown,
    }
}

impl Gender {
    /// This gender if known, else `other`.
    pub fn max_known(self, other: Gender) -> Gender {
        if self == Gender::Unknown { other } else { self }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    /// `it`, `they`: organisations, documents, groups.
    Plural,
    Unknown,
}

/// Titles written before a name; they are part of the mention but not of the name.
pub const TITLES: &[&str] = &[
    "adm",
    "ambassador",
    "archbishop",
    "attorney",
    "bishop",
    "brig",
    "capt",
    "captain",
    "cardinal",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commissioner",
    "congressman",
    "congresswoman",
    "councillor",
    "councilman",
    "councilor",
    "councilwoman",
    "cpl",
    "dame",
    "dr",
    "father",
    "gen",
    "general",
    "gov",
    "governor",
    "hon",
    "judge",
    "justice",
    "king",
    "lady",
    "lord",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "mx",
    "pope",
    "pres",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheriff",
    "sir",
    "sister",
    "speaker",
];

/// Gender a title tells.
pub fn title_gender(word: &str) -> Gender {
    let mut buf = [0; 16];
    match lower_in(&mut buf, word).unwrap_or_default() {
        "mr" | "sir" | "king" | "lord" | "father" | "congressman" | "councilman" | "chairman"
        | "prince" | "spokesman" | "businessman" => Gender::Male,
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "sister" | "congresswoman"
        | "councilwoman" | "chairwoman" | "princess" | "spokeswoman" | "businesswoman" => {
            Gender::Female
        }
        _ => Gender::Unknown,
    }
}

/// Role nouns: a person or body described by what they do. They head descriptions
/// (`the city's chief auditor`) and stand before names (`Kremlin spokesman Dmitry Peskov`).
pub const ROLES: &[&str] = &[
    "activist",
    "actor",
    "actress",
    "adviser",
    "advisor",
    "advocate",
    "agency",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "anchor",
    "architect",
    "auditor",
    "author",
    "banker",
    "broadcaster",
    "businessman",
    "businesswoman",
    "campaign",
    "campaigner",
    "candidate",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chief",
    "coach",
    "colleague",
    "columnist",
    "commentator",
    "commenter",
    "commission",
    "committee",
    "commuter",
    "company",
    "confidant",
    "correspondent",
    "council",
    "counsel",
    "court",
    "critic",
    "critics",
    "curator",
    "democrat",
    "democrats",
    "department",
    "deputy",
    "diplomat",
    "diplomats",
    "director",
    "doctor",
    "driver",
    "economist",
    "economists",
    "editor",
    "employee",
    "employees",
    "engineer",
    "executive",
    "expert",
    "experts",
    "farmer",
    "firefighter",
    "founder",
    "front-runner",
    "frontrunner",
    "government",
    "governor",
    "group",
    "head",
    "historian",
    "host",
    "investigator",
    "investor",
    "journalist",
    "landlord",
    "lawmaker",
    "lawmakers",
    "lawyer",
    "leader",
    "leaders",
    "magazine",
    "manager",
    "media",
    "member",
    "members",
    "ministry",
    "moderator",
    "mogul",
    "narrator",
    "network",
    "neurosurgeon",
    "newspaper",
    "nominee",
    "nurse",
    "office",
    "officer",
    "official",
    "officials",
    "organiser",
    "organizer",
    "outlet",
    "owner",
    "panel",
    "paramedic",
    "parent",
    "partner",
    "passenger",
    "people",
    "physician",
    "pilot",
    "planner",
    "player",
    "police",
    "pollster",
    "president",
    "press",
    "principal",
    "professor",
    "prosecutor",
    "prosecutors",
    "protester",
    "protesters",
    "reporter",
    "reporters",
    "representative",
    "republican",
    "republicans",
    "researcher",
    "researchers",
    "resident",
    "residents",
    "scholar",
    "scientist",
    "secretary",
    "senator",
    "source",
    "sources",
    "speaker",
    "spokesman",
    "spokespeople",
    "spokesperson",
    "spokeswoman",
    "staff",
    "staffer",
    "star",
    "strategist",
    "student",
    "students",
    "superintendent",
    "supporter",
    "supporters",
    "surgeon",
    "tabloid",
    "teacher",
    "tenant",
    "trader",
    "tycoon",
    "union",
    "veteran",
    "volunteer",
    "volunteers",
    "voter",
    "voters",
    "witness",
    "witnesses",
    "worker",
    "workers",
    "writer",
];

/// Nouns for something said, whose possessor said it: `her remark that “…”`, `his call for “…”`.
pub const UTTERANCES: &[&str] = &[
    "accusation",
    "admission",
    "allegation",
    "argument",
    "assertion",
    "boast",
    "call",
    "calls",
    "claim",
    "claims",
    "comment",
    "comments",
    "conclusion",
    "contention",
    "declaration",
    "demand",
    "dictum",
    "insistence",
    "pledge",
    "pledges",
    "prediction",
    "promise",
    "promises",
    "remark",
    "remarks",
    "statement",
    "suggestion",
    "threat",
    "vow",
    "vows",
    "warning",
    "warnings",
];

/// Documents and outlets that speak in news copy: `the statement said`, `a Treasury estimate`.
pub const DOCUMENTS: &[&str] = &[
    "ad",
    "advertisement",
    "affidavit",
    "analysis",
    "announcement",
    "article",
    "assessment",
    "banner",
    "blog",
    "book",
    "brief",
    "briefing",
    "bulletin",
    "cable",
    "calculations",
    "complaint",
    "document",
    "documents",
    "draft",
    "editorial",
    "email",
    "emails",
    "estimate",
    "excerpts",
    "filing",
    "findings",
    "headline",
    "indictment",
    "lawsuit",
    "letter",
    "memo",
    "memorandum",
    "message",
    "motion",
    "notes",
    "notice",
    "op-ed",
    "order",
    "paper",
    "petition",
    "placard",
    "plan",
    "poll",
    "post",
    "poster",
    "press",
    "proposal",
    "publication",
    "release",
    "report",
    "reports",
    "review",
    "ruling",
    "shirt",
    "sign",
    "signs",
    "site",
    "statement",
    "studies",
    "study",
    "summary",
    "survey",
    "t-shirt",
    "testimony",
    "text",
    "transcript",
    "tweet",
    "tweets",
    "verdict",
    "video",
    "website",
];

/// Quantities that stand for people on their own: `Several said …`, `Others warned …`.
pub const QUANTITIES: &[&str] = &[
    "all", "another", "both", "everyone", "few", "many", "most", "others", "several", "some",
    "somebody", "someone",
];

/// Words of a photo credit (`Getty Images.`, `Photo by Ana Ruiz via AP`): a line holding one
/// signs no quotation.
pub const CREDIT_WORDS: &[&str] = &[
    "afp",
    "ap",
    "courtesy",
    "credit",
    "getty",
    "images",
    "photo",
    "photograph",
    "photos",
    "reuters",
    "shutterstock",
    "via",
];

/// Sentence adverbs: capitalised at the start of a sentence, they are never names.
pub const SENTENCE_ADVERBS: &[&str] = &[
    "additionally",
    "afterward",
    "afterwards",
    "again",
    "also",
    "anywhere",
    "earlier",
    "early",
    "elsewhere",
    "eventually",
    "everywhere",
    "finally",
    "first",
    "furthermore",
    "good",
    "hence",
    "here",
    "however",
    "importantly",
    "indeed",
    "instead",
    "last",
    "later",
    "likewise",
    "maybe",
    "meanwhile",
    "moreover",
    "nevertheless",
    "next",
    "nonetheless",
    "notably",
    "now",
    "nowhere",
    "otherwise",
    "overall",
    "perhaps",
    "previously",
    "recently",
    "second",
    "separately",
    "similarly",
    "somewhere",
    "specifically",
    "still",
    "then",
    "there",
    "therefore",
    "third",
    "thus",
    "today",
    "tonight",
    "ultimately",
    "yesterday",
];

/// Words that end a noun phrase when read backwards from a verb (prepositions, conjunctions,
/// relative pronouns, common verbs): nothing to their left is part of the speaker.
pub const BOUNDARIES: &[&str] = &[
    "about",
    "across",
    "after",
    "against",
    "also",
    "although",
    "amid",
    "among",
    "and",
    "are",
    "around",
    "as",
    "at",
    "because",
    "been",
    "before",
    "behind",
    "being",
    "beneath",
    "beside",
    "between",
    "beyond",
    "but",
    "by",
    "despite",
    "did",
    "does",
    "during",
    "even",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "him",
    "how",
    "if",
    "in",
    "inside",
    "into",
    "is",
    "it",
    "later",
    "like",
    "near",
    "not",
    "now",
    "on",
    "once",
    "or",
    "outside",
    "over",
    "she",
    "since",
    "so",
    "than",
    "that",
    "them",
    "then",
    "there",
    "they",
    "this",
    "though",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "via",
    "was",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
];

/// Words between a subject and its verb: `X also said`, `X has repeatedly said`.
pub const AUXILIARIES: &[&str] = &[
    "again",
    "already",
    "also",
    "always",
    "can",
    "could",
    "did",
    "does",
    "earlier",
    "even",
    "ever",
    "finally",
    "first",
    "had",
    "has",
    "have",
    "just",
    "later",
    "may",
    "might",
    "must",
    "never",
    "now",
    "often",
    "once",
    "only",
    "previously",
    "recently",
    "reportedly",
    "shall",
    "should",
    "still",
    "then",
    "was",
    "were",
    "will",
    "would",
];

/// Determiners and possessives that start a description (`the statement`, `his spokesman`).
pub const DETERMINERS: &[&str] = &[
    "a", "an", "another", "her", "his", "its", "many", "one", "other", "our", "several", "some",
    "the", "their", "these", "this", "those", "three", "two",
];

/// Lower-case words allowed inside a name (`Secretary of State`, `Charles de Gaulle`).
pub const NAME_JOINERS: &[&str] = &[
    "al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "of", "van", "von",
];

/// Words that mark a source as anonymous.
pub const ANONYMOUS: &[&str] = &[
    "anonymity",
    "anonymous",
    "insider",
    "insiders",
    "people",
    "person",
    "source",
    "sources",
];

/// Words that introduce a title or a term rather than speech: `so-called “reform”`.
pub const TERM_MARKERS: &[&str] = &[
    "album",
    "article",
    "book",
    "called",
    "column",
    "dubbed",
    "entitled",
    "episode",
    "essay",
    "film",
    "hashtag",
    "headline",
    "known",
    "label",
    "memoir",
    "motto",
    "movie",
    "named",
    "nickname",
    "nicknamed",
    "novel",
    "phrase",
    "play",
    "podcast",
    "poem",
    "program",
    "programme",
    "series",
    "show",
    "slogan",
    "song",
    "term",
    "titled",
    "word",
    "words",
];

/// Common first names with a clear gender, for resolving `he` and `she`.
pub const MALE_NAMES: &[&str] = &[
    "aaron",
    "abdul",
    "adam",
    "ahmed",
    "alan",
    "albert",
    "alex",
    "alexander",
    "ali",
    "andre",
    "andrew",
    "andy",
    "anthony",
    "arthur",
    "barack",
    "barry",
    "ben",
    "benjamin",
    "bernard",
    "bernie",
    "bill",
    "bob",
    "bobby",
    "brad",
    "bradley",
    "brandon",
    "brent",
    "brett",
    "brian",
    "bruce",
    "bryan",
    "calvin",
    "carl",
    "carlos",
    "chad",
    "charles",
    "charlie",
    "chris",
    "christian",
    "christopher",
    "chuck",
    "clarence",
    "claude",
    "clint",
    "cody",
    "colin",
    "cory",
    "craig",
    "curtis",
    "dale",
    "dan",
    "daniel",
    "darren",
    "dave",
    "david",
    "dean",
    "declan",
    "dennis",
    "derek",
    "desmond",
    "dick",
    "dmitry",
    "dominic",
    "don",
    "donald",
    "doug",
    "douglas",
    "dustin",
    "dwight",
    "earl",
    "ed",
    "eddie",
    "edgar",
    "edward",
    "elijah",
    "elliot",
    "emmanuel",
    "enrique",
    "eric",
    "ethan",
    "eugene",
    "evan",
    "felix",
    "fernando",
    "francis",
    "frank",
    "fred",
    "frederick",
    "gabriel",
    "gareth",
    "gary",
    "gavin",
    "gene",
    "geoffrey",
    "george",
    "gerald",
    "gilbert",
    "glenn",
    "gordon",
    "graham",
    "grant",
    "greg",
    "gregory",
    "gus",
    "hal",
    "hank",
    "harold",
    "harry",
    "harvey",
    "hassan",
    "hector",
    "henry",
    "herbert",
    "howard",
    "hugh",
    "hugo",
    "ian",
    "ibrahim",
    "isaac",
    "ivan",
    "jack",
    "jacob",
    "jake",
    "james",
    "jared",
    "jason",
    "jay",
    "jeb",
    "jeff",
    "jeffrey",
    "jeremy",
    "jerome",
    "jerry",
    "jesse",
    "jim",
    "jimmy",
    "joe",
    "joel",
    "john",
    "johnny",
    "jon",
    "jonathan",
    "jordan",
    "jorge",
    "jose",
    "joseph",
    "josh",
    "joshua",
    "juan",
    "julian",
    "justin",
    "karl",
    "keith",
    "ken",
    "kenneth",
    "kevin",
    "kurt",
    "kyle",
    "lance",
    "larry",
    "lawrence",
    "lee",
    "leo",
    "leon",
    "leonard",
    "lewis",
    "liam",
    "lindsey",
    "lloyd",
    "louis",
    "lucas",
    "luis",
    "luke",
    "malcolm",
    "manuel",
    "marco",
    "marcus",
    "mario",
    "mark",
    "marshall",
    "martin",
    "marvin",
    "matt",
    "matthew",
    "maurice",
    "max",
    "michael",
    "michel",
    "miguel",
    "mike",
    "miles",
    "mitch",
    "mitt",
    "mohamed",
    "mohammed",
    "morgan",
    "muhammad",
    "nathan",
    "neil",
    "nelson",
    "newt",
    "nick",
    "nigel",
    "noah",
    "norman",
    "oliver",
    "omar",
    "oscar",
    "owen",
    "patrick",
    "paul",
    "pedro",
    "percy",
    "perry",
    "peter",
    "phil",
    "philip",
    "pierre",
    "preston",
    "rafael",
    "raj",
    "ralph",
    "randy",
    "ray",
    "raymond",
    "reggie",
    "rex",
    "ricardo",
    "richard",
    "rick",
    "ricky",
    "rob",
    "robbie",
    "robert",
    "roberto",
    "rod",
    "rodney",
    "roger",
    "roland",
    "ron",
    "ronald",
    "ross",
    "roy",
    "ruben",
    "rudy",
    "russell",
    "ryan",
    "sam",
    "samuel",
    "scott",
    "sean",
    "sebastian",
    "sergei",
    "seth",
    "shane",
    "simon",
    "spencer",
    "stanley",
    "stephen",
    "steve",
    "steven",
    "stuart",
    "ted",
    "terry",
    "theodore",
    "thomas",
    "tim",
    "tobias",
    "todd",
    "tom",
    "tomas",
    "tony",
    "travis",
    "trevor",
    "troy",
    "tyler",
    "victor",
    "vincent",
    "vladimir",
    "wade",
    "walter",
    "warren",
    "wayne",
    "wesley",
    "will",
    "william",
    "willie",
    "xavier",
    "yusuf",
    "zach",
];

pub const FEMALE_NAMES: &[&str] = &[
    "abigail",
    "adaeze",
    "agnes",
    "aisha",
    "alexandra",
    "alice",
    "alicia",
    "alison",
    "allison",
    "amanda",
    "amber",
    "amelia",
    "amy",
    "ana",
    "andrea",
    "angela",
    "angelina",
    "anita",
    "ann",
    "anna",
    "anne",
    "annie",
    "april",
    "ashley",
    "audrey",
    "barbara",
    "beatrice",
    "becky",
    "belinda",
    "bernadette",
    "beth",
    "betsy",
    "betty",
    "beverly",
    "bonnie",
    "brenda",
    "bridget",
    "brittany",
    "camilla",
    "candice",
    "carla",
    "carly",
    "carmen",
    "carol",
    "caroline",
    "carolyn",
    "cassandra",
    "catherine",
    "cecile",
    "charlotte",
    "chelsea",
    "cheryl",
    "chloe",
    "christine",
    "cindy",
    "claire",
    "claudia",
    "colleen",
    "connie",
    "cynthia",
    "daisy",
    "dana",
    "daniela",
    "danielle",
    "dawn",
    "debbie",
    "deborah",
    "debra",
    "denise",
    "diana",
    "diane",
    "dolores",
    "donna",
    "doris",
    "dorothy",
    "edith",
    "eileen",
    "elaine",
    "eleanor",
    "elena",
    "elisa",
    "elise",
    "eliza",
    "elizabeth",
    "ella",
    "ellen",
    "ellie",
    "eloise",
    "emilia",
    "emily",
    "emma",
    "erica",
    "erin",
    "esther",
    "eva",
    "evelyn",
    "fatima",
    "felicity",
    "fiona",
    "florence",
    "frances",
    "francesca",
    "gail",
    "gemma",
    "georgia",
    "gillian",
    "gina",
    "gloria",
    "grace",
    "greta",
    "gwen",
    "hannah",
    "harriet",
    "hazel",
    "heather",
    "heidi",
    "helen",
    "helena",
    "hilda",
    "hillary",
    "holly",
    "huma",
    "ida",
    "imogen",
    "ines",
    "ingrid",
    "irena",
    "irina",
    "iris",
    "isabel",
    "isabella",
    "ivanka",
    "jackie",
    "jacqueline",
    "jade",
    "jan",
    "jane",
    "janet",
    "janice",
    "jasmine",
    "jean",
    "jeanne",
    "jenna",
    "jennifer",
    "jenny",
    "jessica",
    "jill",
    "jo",
    "joan",
    "joanna",
    "joanne",
    "jodie",
    "josephine",
    "joy",
    "joyce",
    "judith",
    "judy",
    "julia",
    "julie",
    "juliet",
    "june",
    "kamala",
    "karen",
    "karin",
    "kate",
    "katherine",
    "kathleen",
    "kathryn",
    "katie",
    "kay",
    "kelly",
    "kellyanne",
    "kim",
    "kirsten",
    "kristen",
    "lara",
    "laura",
    "laurie",
    "leah",
    "leila",
    "lena",
    "lily",
    "linda",
    "lisa",
    "lois",
    "lorraine",
    "louise",
    "lucy",
    "lydia",
    "lynn",
    "madeleine",
    "madison",
    "maeve",
    "magdalena",
    "maggie",
    "mandy",
    "margaret",
    "margarita",
    "maria",
    "marian",
    "marianne",
    "marie",
    "marilyn",
    "marion",
    "marjorie",
    "marsha",
    "martha",
    "mary",
    "maureen",
    "maxine",
    "meg",
    "megan",
    "megyn",
    "melania",
    "melanie",
    "melissa",
    "meredith",
    "mia",
    "michaela",
    "michelle",
    "mildred",
    "miriam",
    "molly",
    "monica",
    "nadia",
    "nancy",
    "naomi",
    "natalia",
    "natalie",
    "nicola",
    "nicole",
    "nikki",
    "nina",
    "nora",
    "norma",
    "olga",
    "olivia",
    "paige",
    "pamela",
    "patricia",
    "patsy",
    "paula",
    "pauline",
    "peggy",
    "penelope",
    "phoebe",
    "phyllis",
    "polly",
    "priya",
    "rachel",
    "rebecca",
    "regina",
    "renee",
    "rita",
    "roberta",
    "robin",
    "rosa",
    "rosalind",
    "rose",
    "rosemary",
    "roxanne",
    "ruby",
    "ruth",
    "sabrina",
    "sally",
    "samantha",
    "sandra",
    "sara",
    "sarah",
    "shannon",
    "sharon",
    "sheila",
    "shirley",
    "silvia",
    "simone",
    "sofia",
    "sonia",
    "sophia",
    "sophie",
    "stacey",
    "stella",
    "stephanie",
    "sue",
    "susan",
    "suzanne",
    "sylvia",
    "tamara",
    "tanya",
    "tara",
    "teresa",
    "tessa",
    "theresa",
    "tina",
    "tracy",
    "ursula",
    "valerie",
    "vanessa",
    "vera",
    "veronica",
    "victoria",
    "viola",
    "violet",
    "virginia",
    "wendy",
    "whitney",
    "yasmin",
    "yulia",
    "yvonne",
    "zoe",
];

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn contains_is_a_case_blind_search(word in "[a-zA-Z'’.-]{0,18}") {
            for list in [ROLES, PRONOUNS, DETERMINERS, AUXILIARIES] {
                let slow = list.iter().any(|w| w.eq_ignore_ascii_case(&word));
                proptest::prop_assert_eq!(contains(list, &word), slow);
            }
        }
    }

    /// The implementations before the look-ups were made in place, for comparison.
    mod before {
        use super::super::*;

        pub fn is_participle_cue(word: &str) -> bool {
            word.len() > 4 && word.to_ascii_lowercase().ends_with("ing") && is_reporting_verb(word)
        }

        pub fn is_reporting_verb(word: &str) -> bool {
            if word.len() > 16 {
                return false;
            }
            let mut buf = [0u8; 16];
            let known = verb_forms().contains(lower_in(&mut buf, word).unwrap_or_default());
            known
                || EXTRA_VERBS.with(|extra| {
                    let extra = extra.borrow();
                    !extra.is_empty()
                        && extra.contains(lower_in(&mut buf, word).unwrap_or_default())
                })
        }

        pub fn is_lemma(word: &str) -> bool {
            let lemmas = lemmas();
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                lemmas.contains(word.to_ascii_lowercase().as_str())
            } else {
                lemmas.contains(word)
            }
        }

        pub fn is_own_past(word: &str) -> bool {
            own_past().contains(word.to_ascii_lowercase().as_str())
        }

        pub fn takes_addressee(word: &str) -> bool {
            let w = word.to_ascii_lowercase();
            [
                "tell", "told", "ask", "inform", "remind", "assure", "reassure", "urge", "warn",
                "brief", "advise", "instruct", "beg", "email", "text", "message",
            ]
            .iter()
            .any(|base| w.starts_with(base) && w.len() <= base.len() + 3)
        }

        pub fn takes_object(word: &str) -> bool {
            let w = word.to_ascii_lowercase();
            [
                "accus", "blam", "blast", "brand", "call", "chid", "cit", "condemn", "criticis",
                "criticiz", "decr", "denounc", "deni", "deny", "derid", "describ", "dismiss",
                "dub", "hail", "label", "lambast", "laud", "mock", "prais", "quot", "rebut",
                "refer", "ridicul", "scold", "slam", "taunt", "term",
            ]
            .iter()
            .any(|stem| w.starts_with(stem))
        }
    }

    /// `word` and variants of it: upper-cased, capitalised, lengthened past what a table packs.
    fn variants(word: &str) -> Vec<String> {
        let mut first = word.chars();
        let capital = first
            .next()
            .map(|c| c.to_uppercase().chain(first).collect())
            .unwrap_or_default();
        vec![
            word.to_string(),
            word.to_uppercase(),
            capital,
            format!("{word}ed"),
            format!("{word}ing"),
            format!("{word}xxxxxxxxxxxxxxx"),
            word.chars().rev().collect(),
        ]
    }

    fn assert_same_answers(word: &str) {
        for w in variants(word) {
            let w = w.as_str();
            assert_eq!(is_reporting_verb(w), before::is_reporting_verb(w), "{w:?}");
            assert_eq!(is_participle_cue(w), before::is_participle_cue(w), "{w:?}");
            assert_eq!(is_lemma(w), before::is_lemma(w), "{w:?}");
            assert_eq!(is_own_past(w), before::is_own_past(w), "{w:?}");
            assert_eq!(takes_addressee(w), before::takes_addressee(w), "{w:?}");
            assert_eq!(takes_object(w), before::takes_object(w), "{w:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn look_ups_answer_as_before(word in "[a-zA-Z'’.\u{e9}\u{c9}-]{0,20}") {
            assert_same_answers(&word);
        }

        #[test]
        fn look_ups_answer_as_before_with_added_verbs(word in "[a-zA-Z]{0,18}") {
            with_extra_verbs(&["glorp".to_string(), word.to_lowercase()], || {
                assert_same_answers(&word);
                assert_same_answers("glorped");
            });
            assert_same_answers(&word);
        }
    }

    #[test]
    fn every_verb_form_answers_as_before() {
        assert_same_answers("");
        for w in verb_forms() {
            assert_same_answers(w);
        }
        for entry in REPORTING_VERBS {
            for w in entry.split('|') {
                assert_same_answers(w);
            }
            // The tables lower-case only the words they look up.
            assert!(!entry.bytes().any(|b| b.is_ascii_uppercase()), "{entry}");
        }
        for w in [
            "tell", "Told", "ASKED", "urgently", "accused", "Calls", "dub", "i", "a",
        ] {
            assert_same_answers(w);
        }
    }

    #[test]
    fn verb_table_holds_the_set_of_forms() {
        // Built from the forms as they are inflected (some twice), it holds the set's words.
        let table = verb_table();
        let packed: FxHashSet<u128> = verb_forms().iter().filter_map(|w| pack(w)).collect();
        let held: FxHashSet<u128> = table.keys.iter().copied().filter(|&k| k != 0).collect();
        assert_eq!(held, packed);
        let longest = verb_forms().iter().map(String::len).max();
        assert_eq!(Some(table.longest), longest);
    }

    #[test]
    fn new_merged_merges_a_word_listed_twice() {
        let entries = [("said", 1u16), ("told", 2), ("SAID", 4), ("Said", 8)];
        let table = WordTable::new_merged(entries.into_iter(), |a, b| a | b);
        assert_eq!(table.get("said"), Some(Some(13)));
        assert_eq!(table.get("Told"), Some(Some(2)));
        assert_eq!(table.get("asked"), Some(None));
        assert_eq!(
            WordTable::new(entries.into_iter()).get("said"),
            Some(Some(8))
        );
    }

    #[test]
    fn pack_reads_each_byte_lower_cased() {
        // Every length a table holds, with upper-case, lower-case, punctuation and UTF-8 bytes.
        let source = "AbZ@[`az{Q\u{e9}\u{c9}x\u{1f600}MnOp";
        for start in 0..source.len() {
            for end in start..=source.len() {
                let Some(w) = source.get(start..end) else {
                    continue;
                };
                let mut want = [0u8; 16];
                for (d, c) in want.iter_mut().zip(w.bytes()) {
                    *d = c.to_ascii_lowercase();
                }
                want[PACKED_LEN] = w.len() as u8;
                let want = (1..=PACKED_LEN)
                    .contains(&w.len())
                    .then(|| u128::from_le_bytes(want));
                assert_eq!(pack(w), want, "{w:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn contains_is_a_case_blind_search_of_long_words(word in "[a-zA-Z\u{e9} -]{12,40}") {
            for list in [ROLES, TITLES, DOCUMENTS, BOUNDARIES, TERM_MARKERS, UTTERANCES] {
                let slow = list.iter().any(|w| w.eq_ignore_ascii_case(&word));
                proptest::prop_assert_eq!(contains(list, &word), slow);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn get_answers_each_words_value(word in "[a-zA-Z'’.-]{0,18}") {
            let table = WordTable::new(ROLES.iter().enumerate().map(|(i, w)| (*w, i)));
            let slow = ROLES.iter().position(|w| w.eq_ignore_ascii_case(&word));
            let want = (1..=PACKED_LEN).contains(&word.len()).then_some(slow);
            proptest::prop_assert_eq!(table.get(&word), want);
            for (i, w) in ROLES.iter().enumerate() {
                let want = (w.len() <= PACKED_LEN).then_some(Some(i));
                proptest::prop_assert_eq!(table.get(&w.to_uppercase()), want);
            }
        }
    }

    proptest::proptest! {
        /// The filter only ever rules out words the table does not hold: a look-up answers as
        /// a probe of the table alone.
        #[test]
        fn filter_rules_out_only_absent_words(word in "[a-zA-Z'’.\u{e9}-]{0,18}") {
            let table = verb_table();
            let probe = pack(&word).map(|k| table.keys[table.slot(k)] == k);
            proptest::prop_assert_eq!(table.has(&word), probe);
            if table.ruled_out(&word) == Some(true) {
                proptest::prop_assert_eq!(probe, Some(false));
            }
        }
    }

    #[test]
    fn no_entry_is_ruled_out() {
        let tables = [(
            verb_table(),
            verb_forms().iter().map(String::as_str).collect::<Vec<_>>(),
        )]
        .into_iter()
        .chain([ROLES, TITLES, DETERMINERS].map(|l| (list_set(l), l.to_vec())));
        for (table, words) in tables {
            for w in words.into_iter().filter(|w| pack(w).is_some()) {
                for v in [w.to_string(), w.to_ascii_uppercase()] {
                    if pack(&v).is_some() {
                        assert_eq!(table.ruled_out(&v), Some(false), "{v}");
                    }
                }
            }
        }
    }

    #[test]
    fn entries_and_longer_words_answer_as_a_search() {
        for list in [
            ROLES,
            TITLES,
            DOCUMENTS,
            BOUNDARIES,
            TERM_MARKERS,
            UTTERANCES,
            PRONOUNS,
        ] {
            for entry in list.iter() {
                for w in [entry.to_string(), format!("{entry}s"), entry.to_uppercase()] {
                    let slow = list.iter().any(|e| e.eq_ignore_ascii_case(&w));
                    assert_eq!(contains(list, &w), slow, "{w}");
                }
            }
        }
    }

    #[test]
    fn every_entry_is_found_in_any_case() {
        for list in [ROLES, TITLES, DOCUMENTS, PRONOUNS] {
            for w in list {
                assert!(contains(list, w), "{w}");
                assert!(contains(list, &w.to_uppercase()), "{w}");
            }
        }
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [
            PRONOUNS,
            TITLES,
            ROLES,
            DOCUMENTS,
            BOUNDARIES,
            AUXILIARIES,
            DETERMINERS,
            NAME_JOINERS,
            ANONYMOUS,
            TERM_MARKERS,
            MALE_NAMES,
            FEMALE_NAMES,
            CREDIT_WORDS,
            QUANTITIES,
            UTTERANCES,
        ] {
            // `contains` lower-cases only the word it looks up.
            assert!(
                list.iter()
                    .all(|w| !w.bytes().any(|b| b.is_ascii_uppercase()))
            );
            let mut sorted = list.to_vec();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted, list.to_vec());
        }
    }

    #[test]
    fn verbs_are_inflected() {
        for w in [
            "said", "says", "saying", "told", "tweeted", "stating", "dubbed", "denied", "denies",
            "replies", "Says",
        ] {
            assert!(is_reporting_verb(w), "{w}");
        }
        for w in ["the", "sayed", "tolds"] {
            assert!(!is_reporting_verb(w), "{w}");
        }
        assert!(reporting_verb_count() >= 150 * 3);
        assert!(is_participle_cue("stating"));
        assert!(!is_participle_cue("stated"));
    }
}
