//! Word lists as data. Match a word, then look it up here: the grammar never spells a list out
//! as alternatives. Lists are lower case; lookups ignore ASCII case.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Reporting verbs by lemma, with irregular forms after a `|` (past|participle...). Regular
/// inflections (-s, -ed, -ing) are generated once, at first use.
const REPORTING_VERBS: &[&str] = &[
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
    "put",
    "query|queried",
    "question",
    "quip",
    "quote",
    "rail",
    "rant",
    "read",
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
];

/// Participles that attach a quote to the subject of the clause before them (", stating …").
pub fn is_participle_cue(word: &str) -> bool {
    word.len() > 4 && word.to_ascii_lowercase().ends_with("ing") && is_reporting_verb(word)
}

fn inflect(lemma: &str, out: &mut HashSet<String>) {
    let mut parts = lemma.split('|');
    let base = parts.next().unwrap_or_default();
    out.insert(base.to_string());
    for irregular in parts {
        out.insert(irregular.to_string());
    }
    let (s, ed, ing) = if let Some(stem) = base.strip_suffix('e') {
        (format!("{base}s"), format!("{base}d"), format!("{stem}ing"))
    } else if let Some(stem) = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        (
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{base}ing"),
        )
    } else if base.ends_with(['s', 'x', 'z']) || base.ends_with("sh") || base.ends_with("ch") {
        (
            format!("{base}es"),
            format!("{base}ed"),
            format!("{base}ing"),
        )
    } else if is_short_cvc(base) {
        let last = base.chars().last().unwrap_or_default();
        (
            format!("{base}s"),
            format!("{base}{last}ed"),
            format!("{base}{last}ing"),
        )
    } else {
        (
            format!("{base}s"),
            format!("{base}ed"),
            format!("{base}ing"),
        )
    };
    out.insert(s);
    out.insert(ing);
    // Irregular verbs list their past forms; only regular ones get -ed.
    if !lemma.contains('|') {
        out.insert(ed);
    }
}

/// One-syllable consonant-vowel-consonant verbs double their last letter: dub → dubbed.
fn is_short_cvc(w: &str) -> bool {
    let b = w.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    b.len() == 3 && !vowel(b[0]) && vowel(b[1]) && !vowel(b[2]) && !b"wxy".contains(&b[2])
}

fn verb_forms() -> &'static HashSet<String> {
    static FORMS: OnceLock<HashSet<String>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut out = HashSet::new();
        for lemma in REPORTING_VERBS {
            inflect(lemma, &mut out);
        }
        out
    })
}

/// Any inflection of a reporting verb (`said`, `tells`, `warning`).
pub fn is_reporting_verb(word: &str) -> bool {
    if word.len() > 16 {
        return false;
    }
    let mut buf = [0u8; 16];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|w| verb_forms().contains(w))
}

/// A reporting verb in an inflected form (`said`, `tells`), not a bare lemma (`state`, `report`),
/// which is as often a noun or modifier (`state media`).
pub fn is_inflected_reporting_verb(word: &str) -> bool {
    is_reporting_verb(word) && !is_lemma(word)
}

/// The bare lemma of a reporting verb (`say`, `state`, `report`).
pub fn is_lemma(word: &str) -> bool {
    REPORTING_VERBS.iter().any(|l| {
        l.split('|')
            .next()
            .is_some_and(|base| base.eq_ignore_ascii_case(word))
    })
}

/// Number of reporting-verb forms known (lemmas and inflections).
pub fn reporting_verb_count() -> usize {
    verb_forms().len()
}

/// Verbs whose object is who was spoken to, never the speaker: `told reporters`, `urged
/// voters`.
pub fn takes_addressee(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    [
        "tell", "told", "ask", "inform", "remind", "assure", "reassure", "urge", "warn", "brief",
        "advise", "instruct", "beg", "email", "text", "message",
    ]
    .iter()
    .any(|base| w.starts_with(base) && w.len() <= base.len() + 3)
}

/// Verbs whose object is what was talked about, never the speaker: `calls it`, `praised
/// Smith`. They do not invert (`…, says Smith` does; `…, calls it` does not).
pub fn takes_object(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    [
        "accus", "blam", "blast", "brand", "call", "chid", "cit", "condemn", "criticis",
        "criticiz", "decr", "denounc", "deni", "deny", "derid", "describ", "dismiss", "dub",
        "hail", "label", "lambast", "laud", "mock", "prais", "quot", "rebut", "refer", "ridicul",
        "scold", "slam", "taunt", "term",
    ]
    .iter()
    .any(|stem| w.starts_with(stem))
}

/// Verbs that report speech only with a particle or object after them: `put it`, `point out`,
/// `fire back`, `hit back`, `chime in`, `call for` is not one.
pub fn needs_particle(word: &str) -> Option<&'static [&'static str]> {
    let w = word.to_ascii_lowercase();
    match w.as_str() {
        "put" | "puts" | "putting" => Some(&["it"]),
        "point" | "points" | "pointed" | "pointing" => Some(&["out"]),
        "fire" | "fires" | "fired" | "firing" | "hit" | "hits" | "hitting" | "shot" | "shoot" => {
            Some(&["back"])
        }
        "chime" | "chimed" | "chimes" => Some(&["in"]),
        "begin" | "began" | "begun" | "begins" | "continue" | "continued" | "continues" => None,
        _ => None,
    }
}

/// Does `word` (any case) appear in the sorted lower-case `list`?
pub fn contains(list: &[&str], word: &str) -> bool {
    list.binary_search_by(|probe| cmp_ignore_case(probe, word))
        .is_ok()
}

fn cmp_ignore_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Pronouns that can be the subject of a reporting verb.
pub const PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we", "you"];

pub fn pronoun_gender(word: &str) -> Gender {
    match word.to_ascii_lowercase().as_str() {
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
    match word.to_ascii_lowercase().as_str() {
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
    "columnist",
    "commentator",
    "commission",
    "committee",
    "commuter",
    "company",
    "correspondent",
    "council",
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
    "manager",
    "media",
    "member",
    "members",
    "ministry",
    "moderator",
    "newspaper",
    "nominee",
    "nurse",
    "office",
    "officer",
    "official",
    "officials",
    "organiser",
    "organizer",
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
    "strategist",
    "student",
    "students",
    "superintendent",
    "supporter",
    "supporters",
    "surgeon",
    "teacher",
    "tenant",
    "trader",
    "tycoon",
    "union",
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

/// Documents and outlets that speak in news copy: `the statement said`, `a Treasury estimate`.
pub const DOCUMENTS: &[&str] = &[
    "ad",
    "advertisement",
    "affidavit",
    "analysis",
    "announcement",
    "article",
    "assessment",
    "blog",
    "book",
    "brief",
    "briefing",
    "bulletin",
    "cable",
    "complaint",
    "document",
    "documents",
    "draft",
    "editorial",
    "email",
    "emails",
    "estimate",
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
    "petition",
    "poll",
    "post",
    "press",
    "proposal",
    "publication",
    "release",
    "report",
    "reports",
    "review",
    "ruling",
    "site",
    "statement",
    "study",
    "summary",
    "survey",
    "testimony",
    "text",
    "transcript",
    "tweet",
    "tweets",
    "verdict",
    "video",
    "website",
];

/// Sentence adverbs: capitalised at the start of a sentence, they are never names.
pub const SENTENCE_ADVERBS: &[&str] = &[
    "additionally",
    "afterward",
    "afterwards",
    "again",
    "also",
    "earlier",
    "early",
    "eventually",
    "finally",
    "first",
    "furthermore",
    "hence",
    "here",
    "however",
    "importantly",
    "indeed",
    "instead",
    "later",
    "likewise",
    "meanwhile",
    "moreover",
    "nevertheless",
    "nonetheless",
    "notably",
    "now",
    "otherwise",
    "overall",
    "previously",
    "recently",
    "second",
    "separately",
    "similarly",
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
    "about", "after", "against", "also", "although", "and", "are", "as", "at", "because", "been",
    "before", "being", "but", "by", "did", "does", "during", "even", "for", "from", "had", "has",
    "have", "he", "her", "him", "how", "if", "in", "into", "is", "it", "later", "like", "not",
    "now", "on", "once", "or", "over", "she", "since", "so", "than", "that", "them", "then",
    "there", "they", "this", "though", "to", "under", "until", "was", "were", "what", "when",
    "where", "whether", "which", "while", "who", "whom", "why", "will", "with", "would", "yet",
];

/// Words between a subject and its verb: `X also said`, `X has repeatedly said`.
pub const AUXILIARIES: &[&str] = &[
    "again",
    "already",
    "also",
    "always",
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
    "never",
    "now",
    "often",
    "once",
    "only",
    "previously",
    "recently",
    "reportedly",
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
    "adam", "alan", "alex", "andrew", "anthony", "ben", "benjamin", "bernie", "bill", "bob",
    "brian", "carlos", "charles", "chris", "chuck", "dan", "daniel", "david", "dmitry", "donald",
    "ed", "edward", "eric", "frank", "gary", "george", "greg", "harry", "henry", "ian", "jack",
    "james", "jason", "jeb", "jeff", "jim", "joe", "john", "jonathan", "jose", "joseph", "josh",
    "juan", "kevin", "larry", "lindsey", "marco", "mark", "martin", "matt", "michael", "mike",
    "mitch", "mohammed", "newt", "nick", "paul", "peter", "raj", "richard", "rick", "rob",
    "robert", "ron", "rudy", "sam", "scott", "sergei", "stephen", "steve", "steven", "ted",
    "thomas", "tim", "tom", "tony", "vladimir", "william",
];

pub const FEMALE_NAMES: &[&str] = &[
    "alice",
    "amy",
    "ana",
    "angela",
    "ann",
    "anna",
    "anne",
    "barbara",
    "betsy",
    "carly",
    "catherine",
    "christine",
    "claire",
    "diane",
    "donna",
    "elena",
    "elizabeth",
    "ellen",
    "emily",
    "emma",
    "helen",
    "hillary",
    "huma",
    "irina",
    "ivanka",
    "jane",
    "janet",
    "jennifer",
    "jill",
    "joan",
    "julia",
    "karen",
    "kate",
    "katherine",
    "kelly",
    "kellyanne",
    "laura",
    "lena",
    "linda",
    "lisa",
    "maria",
    "marie",
    "mary",
    "megyn",
    "melania",
    "michelle",
    "nancy",
    "natalia",
    "nikki",
    "olga",
    "patricia",
    "rachel",
    "sara",
    "sarah",
    "sharon",
    "susan",
    "theresa",
    "yulia",
];

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
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
