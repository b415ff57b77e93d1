//! Closed word lists of English: function words, negators, dates, number words, polarity and
//! attribution verbs; and spelling variants, from VarCon (the `varcon` crate).
//!
//! These are facts about the language, not about any corpus: nothing here names a person,
//! place or event.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Span;

const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "'s",
    "however",
    "would",
    "yet",
    "still",
    "ago",
    "among",
    "against",
    "via",
    "mr",
    "mrs",
    "ms",
    "dr",
    "said",
    "says",
    "say",
    "according",
    "told",
    "added",
    "last",
    "this",
    "that",
    "whether",
    "although",
    "though",
    "ultimately",
    "instead",
    "rather",
];

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "without", "neither", "nor", "none", "nothing", "nobody", "less",
    "fewer", "cannot", "lack", "lacked", "failed", "fails", "fail", "unless",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Number words the tokeniser reads as values: the cardinals, "hundred" and "dozen", and the
/// ordinals to "tenth" (higher ordinals read as words: a change there would change every
/// index's tokens). The words themselves are [`crate::knowledge::numbers`]'s.
fn number_words() -> impl Iterator<Item = (&'static str, f64)> {
    use crate::knowledge::numbers::{CARDINALS, ORDINALS};
    CARDINALS
        .iter()
        .copied()
        .chain([("hundred", 100.0), ("dozen", 12.0)])
        .chain(ORDINALS.iter().copied().filter(|&(_, value)| value <= 10.0))
}

/// Words that make a following number approximate or a bound rather than a value.
const APPROXIMATORS: &[&str] = &[
    "about",
    "around",
    "approximately",
    "nearly",
    "almost",
    "roughly",
    "some",
    "over",
    "under",
    "more",
    "less",
    "fewer",
    "least",
    "most",
    "up",
    "than",
    "estimated",
    "circa",
    "above",
    "below",
    "within",
    "upwards",
    "exceeding",
    "exceeds",
    "exceeded",
    "top",
    "topped",
];

/// Words of support: a claim that X helped Y. Outcomes (win, lose, defeat) are not stances.
const SUPPORT_WORDS: &[&str] = &[
    "help",
    "aid",
    "boost",
    "support",
    "favor",
    "prefer",
    "benefit",
    "bolster",
    "promote",
    "back",
    "stimulate",
    "assist",
    "strengthen",
    "for",
    "advance",
    "endorse",
];

/// Words of opposition: a claim that X worked against Y.
const OPPOSE_WORDS: &[&str] = &[
    "denigrate",
    "undermine",
    "hurt",
    "oppose",
    "against",
    "damage",
    "disparage",
    "attack",
    "weaken",
    "harm",
    "sabotage",
    "discredit",
    "criticize",
    "smear",
];

/// Verbs that attribute words to a speaker.
const ATTRIBUTION_VERBS: &[&str] = &[
    "say",
    "said",
    "says",
    "saying",
    "write",
    "wrote",
    "writes",
    "told",
    "tell",
    "tells",
    "state",
    "stated",
    "states",
    "add",
    "added",
    "adds",
    "warn",
    "warned",
    "warns",
    "claim",
    "claimed",
    "claims",
    "call",
    "called",
    "calls",
    "declare",
    "declared",
    "insist",
    "insisted",
    "argue",
    "argued",
    "note",
    "noted",
    "according",
    "tweet",
    "tweeted",
    "posted",
    "announce",
    "announced",
    "explain",
    "explained",
    "describe",
    "described",
    "conclude",
    "concluded",
    "concludes",
    "finds",
    "found",
    "reported",
    "assessed",
    "believe",
    "believed",
    "believes",
];

/// A word list as a set, made on first use: every token of every source and draft is looked
/// up in several lists, and a scan of a list is a string comparison per entry.
struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordSet {
    const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            set: OnceLock::new(),
        }
    }

    fn contains(&self, w: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(w)
    }
}

static APPROXIMATOR_SET: WordSet = WordSet::new(APPROXIMATORS);
static ATTRIBUTION_SET: WordSet = WordSet::new(ATTRIBUTION_VERBS);

/// What the closed lists say of one folded word. Every new word of a corpus is looked up in
/// each list the tokeniser asks about, so those lists are one table: one lookup, not six.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Listed {
    /// Its value, for a number in digits ("1,000", "3.5", "15th") or a number word.
    pub number: Option<f64>,
    pub negation: bool,
    pub month: bool,
    pub weekday: bool,
    pub stop: bool,
}

/// What the lists say of `w` (lower case, as the tokeniser folds it).
pub fn listed(w: &str) -> Listed {
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        // No listed word starts with a digit (a test checks).
        return Listed {
            number: digits_value(w),
            ..Listed::default()
        };
    }
    static TABLE: OnceLock<FxHashMap<&'static str, Listed>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: FxHashMap<&'static str, Listed> = FxHashMap::default();
        for (word, value) in number_words() {
            // The first listing of a word is its value.
            table.entry(word).or_default().number.get_or_insert(value);
        }
        let mut mark = |words: &[&'static str], set: fn(&mut Listed)| {
            for &word in words {
                set(table.entry(word).or_default());
            }
        };
        mark(NEGATIONS, |l| l.negation = true);
        mark(MONTHS, |l| l.month = true);
        mark(WEEKDAYS, |l| l.weekday = true);
        mark(STOPWORDS, |l| l.stop = true);
        table
    });
    table.get(w).copied().unwrap_or_default()
}

pub fn is_stopword(w: &str) -> bool {
    listed(w).stop
}

pub fn is_negation(w: &str) -> bool {
    listed(w).negation
}

pub fn is_month(w: &str) -> bool {
    listed(w).month
}

/// The number of a month (1 for January), written in full or cut short ("Sept", "Dec"): a
/// short form is the start of its month's name.
pub fn month_number(w: &str) -> Option<i64> {
    let w = w.to_lowercase();
    if !is_month(&w) {
        return None;
    }
    MONTHS[..12]
        .iter()
        .position(|m| m.starts_with(w.as_str()))
        .map(|k| k as i64 + 1)
}

pub fn is_weekday(w: &str) -> bool {
    listed(w).weekday
}

pub fn is_approximator(w: &str) -> bool {
    APPROXIMATOR_SET.contains(w)
}

pub fn is_attribution_verb(w: &str) -> bool {
    ATTRIBUTION_SET.contains(w)
}

/// +1 for a word of support, -1 for a word of opposition, 0 otherwise (on the stem).
pub fn polarity(stem: &str) -> i8 {
    // The stems of the listed words, made once: support wins where a stem is in both lists.
    static STEMS: OnceLock<FxHashMap<String, i8>> = OnceLock::new();
    let stems = STEMS.get_or_init(|| {
        let mut stems = FxHashMap::default();
        for (words, polarity) in [(SUPPORT_WORDS, 1), (OPPOSE_WORDS, -1)] {
            for w in words {
                stems.entry(stem_of(w)).or_insert(polarity);
            }
        }
        stems
    });
    stems.get(stem).copied().unwrap_or(0)
}

fn stem_of(word: &str) -> String {
    stem(american_spelling(word)).to_string()
}

/// The value of a number written in digits ("1,000", "3.5", "15th") or as a small word.
pub fn number_value(w: &str) -> Option<f64> {
    listed(w).number
}

fn digits_value(w: &str) -> Option<f64> {
    let run: String = w
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    // A comma groups thousands in threes; one comma before one or two digits is a decimal
    // comma, as much of Europe writes it: "1,5 meters" is 1.5 meters.
    let decimal_comma = run.matches(',').count() == 1
        && !run.contains('.')
        && run
            .split_once(',')
            .is_some_and(|(_, after)| (1..=2).contains(&after.len()));
    let digits: String = if decimal_comma {
        run.replace(',', ".")
    } else {
        run.replace(',', "")
    };
    let rest = &w[w
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(w.len(), |(i, _)| i)..];
    let ordinal = matches!(rest, "" | "st" | "nd" | "rd" | "th" | "s");
    if ordinal {
        digits.parse().ok()
    } else {
        None
    }
}

/// A word's last eight bytes as one integer, the last byte lowest (zeros before a shorter
/// word), so that an ending is one mask and compare: thirty `strip_suffix` calls per new word
/// of a corpus were a call to `memcmp` each.
#[derive(Clone, Copy)]
struct Tail(u64);

impl Tail {
    fn of(w: &str) -> Tail {
        let bytes = w.as_bytes();
        let last = &bytes[bytes.len().saturating_sub(8)..];
        Tail(last.iter().fold(0, |t, &b| t << 8 | u64::from(b)))
    }

    fn ends_with(self, ending: Ending) -> bool {
        self.0 & ending.mask == ending.bytes
    }
}

/// An ending of up to eight bytes, to test a [`Tail`] with. No ending holds a zero byte, so
/// one longer than the word never matches.
#[derive(Clone, Copy)]
struct Ending {
    bytes: u64,
    mask: u64,
    len: usize,
}

impl Ending {
    const fn new(ending: &str) -> Ending {
        let b = ending.as_bytes();
        assert!(!b.is_empty() && b.len() <= 8);
        let mut bytes = 0u64;
        let mut i = 0;
        while i < b.len() {
            assert!(b[i] != 0);
            bytes = bytes << 8 | b[i] as u64;
            i += 1;
        }
        Ending {
            bytes,
            mask: u64::MAX >> (64 - 8 * b.len()),
            len: b.len(),
        }
    }
}

/// Folds British, Canadian and Australian spellings into American ones, so authorised =
/// authorized, favour = favor, centre = center, travelled = traveled, defence = defense,
/// analyse = analyze, grey = gray: as VarCon lists them (the table build.rs makes).
pub fn american_spelling(w: &str) -> &str {
    american_spelling_of(w, listed(w))
}

/// The spellings VarCon lists beside an American one, each with that American spelling,
/// sorted: made from the `varcon` crate at build time (build.rs says which are folded).
const SPELLING_VARIANTS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/spellings.rs"));

/// [`SPELLING_VARIANTS`] as a table, made on first use. Apart from the closed lists
/// ([`listed`]): those are asked of every token and stay small enough to stay in a cache;
/// this is asked of content words only.
fn spellings() -> &'static FxHashMap<&'static str, &'static str> {
    static SPELLINGS: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    SPELLINGS.get_or_init(|| SPELLING_VARIANTS.iter().copied().collect())
}

/// How many spellings [`american_spelling`] folds: a fingerprint of the VarCon lists built
/// in, for an index cache made with other lists.
pub fn spellings_folded() -> usize {
    spellings().len()
}

/// [`american_spelling`] of a word whose [`listed`] entry is known: a function word or a
/// number is never respelled.
pub fn american_spelling_of(w: &str, listed: Listed) -> &str {
    if listed.stop || listed.number.is_some() {
        return w;
    }
    spellings().get(w).copied().unwrap_or(w)
}

/// A light stemmer: strips plural, past and progressive endings so that inflections of one
/// word meet. Used only to find and align passages, never to judge a quotation.
pub fn stem(w: &str) -> &str {
    const SUFFIXES: [Ending; 11] = [
        Ending::new("ations"),
        Ending::new("ation"),
        Ending::new("ings"),
        Ending::new("ing"),
        Ending::new("ied"),
        Ending::new("ies"),
        Ending::new("ed"),
        Ending::new("es"),
        Ending::new("s"),
        Ending::new("e"),
        Ending::new("y"),
    ];
    if w.len() <= 3 || w.starts_with(|c: char| c.is_ascii_digit()) {
        return w;
    }
    let tail = Tail::of(w);
    for suffix in SUFFIXES {
        if !tail.ends_with(suffix) {
            continue;
        }
        let root = Span::new(0, w.len() - suffix.len).slice(w);
        let last = root.as_bytes().last().copied();
        // "agency" -> "agenc" meets "agencies", but "deploy" keeps its y.
        let vowel_y = suffix.bytes == u64::from(b'y')
            && matches!(last, Some(b'a' | b'e' | b'i' | b'o' | b'u'));
        let double_s = suffix.bytes == u64::from(b's') && last == Some(b's');
        if root.len() >= 3 && !double_s && !vowel_y {
            return undoubled(root, suffix.bytes);
        }
    }
    w
}

/// A root with the consonant English doubles before "-ed" and "-ing" written once:
/// "preferr(ed)" is "prefer", "stopp(ing)" is "stop". Not l, s, z or f, which English
/// writes double in the word itself ("call", "pass", "buzz", "staff"), and not in a root
/// of three letters ("add(ed)").
fn undoubled(root: &str, ending: u64) -> &str {
    let doubles = [Ending::new("ed"), Ending::new("ing"), Ending::new("ings")]
        .iter()
        .any(|e| e.bytes == ending);
    let b = root.as_bytes();
    let n = b.len();
    if doubles
        && n >= 4
        && b[n - 1] == b[n - 2]
        && b[n - 1].is_ascii_lowercase()
        && !matches!(
            b[n - 1],
            b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's' | b'z' | b'f'
        )
    {
        return Span::new(0, n - 1).slice(root);
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comma_groups_thousands_in_threes_and_is_otherwise_a_decimal_comma() {
        assert_eq!(digits_value("1,430"), Some(1430.0));
        assert_eq!(digits_value("1,5"), Some(1.5));
        assert_eq!(digits_value("12,75"), Some(12.75));
        assert_eq!(digits_value("1,200,521"), Some(1_200_521.0));
    }

    #[test]
    fn a_month_is_numbered_from_its_name_or_the_start_of_it() {
        assert_eq!(month_number("January"), Some(1));
        assert_eq!(month_number("may"), Some(5));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("dec"), Some(12));
        assert_eq!(month_number("Monday"), None);
        assert_eq!(month_number("ma"), None);
    }

    #[test]
    fn a_doubled_consonant_before_an_ending_meets_the_word() {
        for (inflected, base) in [
            ("preferred", "prefer"),
            ("stopped", "stop"),
            ("shopping", "shop"),
            ("committed", "commit"),
        ] {
            assert_eq!(stem(inflected), stem(base), "{inflected}");
        }
        assert_eq!(stem("called"), stem("call"));
        assert_eq!(stem("added"), stem("add"));
        assert_eq!(stem("passed"), stem("pass"));
    }

    #[test]
    fn british_spellings_fold_and_true_words_stay() {
        let spellings = [
            ("authorised", "authorized"),
            ("favour", "favor"),
            ("defence", "defense"),
            ("centre", "center"),
            ("organisations", "organizations"),
            ("travelled", "traveled"),
            ("kilometres", "kilometers"),
            ("learnt", "learned"),
            ("grey", "gray"),
            ("licence", "license"),
            // English everywhere: words an "-ise", "-our" or "-ence" rule would have changed.
            ("promise", "promise"),
            ("influence", "influence"),
            ("four", "four"),
            ("rise", "rise"),
            // An American spelling of another sense is never respelled: a computer program,
            // to license.
            ("program", "program"),
            ("license", "license"),
            // Not in VarCon at all: left alone.
            ("théâtre", "théâtre"),
            ("glazer", "glazer"),
        ];
        for (word, spelled) in spellings {
            assert_eq!(american_spelling(word), spelled, "{word}");
        }
    }

    #[test]
    fn every_folded_spelling_is_a_word_american_english_does_not_use() {
        // The build's table is sorted and lists each spelling once (a table a binary search
        // could read as well as the map).
        assert!(SPELLING_VARIANTS.windows(2).all(|w| w[0].0 < w[1].0));
        let folds = spellings();
        assert!(
            folds.len() > 10_000,
            "VarCon lists {} variants",
            folds.len()
        );
        let targets: FxHashSet<&str> = folds.values().copied().collect();
        for (word, american) in folds {
            assert_ne!(word, american);
            // A fold ends at an American spelling: it never needs a second step.
            assert!(!targets.contains(word), "{word} is folded and folded into");
            assert!(word.bytes().all(|b| b.is_ascii_lowercase()), "{word}");
        }
    }

    #[test]
    fn stems_of_words_of_any_length_and_script() {
        let stems = [
            ("é", "é"),
            ("cafés", "café"),
            ("glass", "glass"),
            ("abilities", "abilit"),
            ("deploy", "deploy"),
        ];
        for (word, stemmed) in stems {
            assert_eq!(stem(word), stemmed, "{word}");
        }
    }

    #[test]
    fn one_lookup_says_what_every_list_says() {
        let may = listed("may");
        assert!(may.month && !may.weekday && !may.negation && may.number.is_none());
        assert!(listed("the").stop);
        assert_eq!(listed("second").number, Some(2.0));
        assert!(listed("never").negation);
        assert!(listed("friday").weekday);
        assert_eq!(listed("senator"), Listed::default());
        // Words starting with a digit are numbers or nothing: none is in a list.
        for word in [STOPWORDS, NEGATIONS, MONTHS, WEEKDAYS].concat() {
            assert!(!word.starts_with(|c: char| c.is_ascii_digit()), "{word}");
        }
    }

    #[test]
    fn numbers_in_digits_and_words() {
        assert_eq!(number_value("1,000"), Some(1000.0));
        assert_eq!(number_value("four"), Some(4.0));
        assert_eq!(number_value("46th"), Some(46.0));
        assert_eq!(number_value("2020s"), Some(2020.0));
        assert_eq!(number_value("covid19"), None);
        assert_eq!(number_value("4g"), None);
    }

    #[test]
    fn stems_meet() {
        assert_eq!(stem("operations"), stem("operation"));
        assert_eq!(stem("authorized"), stem("authorize"));
        assert_eq!(stem("boosting"), stem("boost"));
        assert_eq!(stem("deployed"), stem("deploy"));
        assert_eq!(stem("agencies"), stem("agency"));
        assert_eq!(stem("press"), "press");
    }

    #[test]
    fn polarity_words() {
        assert_eq!(polarity(stem("boosting")), 1);
        assert_eq!(polarity(stem("denigrating")), -1);
        assert_eq!(polarity(stem("report")), 0);
    }
}
