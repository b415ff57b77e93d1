//! Closed word lists of English: function words, negators, dates, number words, spelling
//! variants, polarity and attribution verbs.
//!
//! These are facts about the language, not about any corpus: nothing here names a person,
//! place or event.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

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

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
];

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
];

/// Names that news prose uses for one another: a country, its people's adjective, its capital
/// and its seat of government ("Beijing considered" for "China considered", "the Kremlin
/// denied" for "Russia denied"). Lower case; a name in one row never contradicts another in
/// the same row.
const SAME_PLACE: &[&[&str]] = &[
    &["china", "chinese", "beijing", "prc"],
    &["russia", "russian", "moscow", "kremlin"],
    &["iran", "iranian", "tehran"],
    &["north korea", "north korean", "pyongyang", "dprk"],
    &["south korea", "south korean", "seoul"],
    &[
        "us",
        "u.s",
        "usa",
        "u.s.a",
        "united states",
        "america",
        "american",
        "washington",
        "white house",
    ],
    &[
        "uk",
        "u.k",
        "britain",
        "british",
        "great britain",
        "united kingdom",
        "london",
        "downing street",
        "whitehall",
    ],
    &["france", "french", "paris", "elysee", "élysée"],
    &["germany", "german", "berlin"],
    &["italy", "italian", "rome"],
    &["spain", "spanish", "madrid"],
    &["japan", "japanese", "tokyo"],
    &["india", "indian", "new delhi", "delhi"],
    &["pakistan", "pakistani", "islamabad"],
    &["israel", "israeli", "jerusalem"],
    &["turkey", "turkish", "türkiye", "ankara"],
    &["saudi arabia", "saudi", "riyadh"],
    &["egypt", "egyptian", "cairo"],
    &["syria", "syrian", "damascus"],
    &["iraq", "iraqi", "baghdad"],
    &["afghanistan", "afghan", "kabul"],
    &["ukraine", "ukrainian", "kyiv", "kiev"],
    &["belarus", "belarusian", "minsk"],
    &["poland", "polish", "warsaw"],
    &["canada", "canadian", "ottawa"],
    &["mexico", "mexican", "mexico city"],
    &["brazil", "brazilian", "brasilia", "brasília"],
    &["australia", "australian", "canberra"],
    &["venezuela", "venezuelan", "caracas"],
    &["cuba", "cuban", "havana"],
    &["taiwan", "taiwanese", "taipei"],
    &["vietnam", "vietnamese", "hanoi"],
    &["european union", "eu", "brussels"],
    &["vatican", "holy see"],
];

/// True when two names (lower case, words joined by single spaces) are listed as names of the
/// same country.
pub fn same_place(a: &str, b: &str) -> bool {
    let a = a.trim_end_matches('.');
    let b = b.trim_end_matches('.');
    let a = a.strip_prefix("the ").unwrap_or(a);
    let b = b.strip_prefix("the ").unwrap_or(b);
    SAME_PLACE
        .iter()
        .any(|row| row.contains(&a) && row.contains(&b))
}

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

static STOPWORD_SET: WordSet = WordSet::new(STOPWORDS);
static NEGATION_SET: WordSet = WordSet::new(NEGATIONS);
static MONTH_SET: WordSet = WordSet::new(MONTHS);
static WEEKDAY_SET: WordSet = WordSet::new(WEEKDAYS);
static APPROXIMATOR_SET: WordSet = WordSet::new(APPROXIMATORS);
static ATTRIBUTION_SET: WordSet = WordSet::new(ATTRIBUTION_VERBS);

pub fn is_stopword(w: &str) -> bool {
    STOPWORD_SET.contains(w)
}

pub fn is_negation(w: &str) -> bool {
    NEGATION_SET.contains(w)
}

pub fn is_month(w: &str) -> bool {
    MONTH_SET.contains(w)
}

pub fn is_weekday(w: &str) -> bool {
    WEEKDAY_SET.contains(w)
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
    stem(&american_spelling(word)).to_string()
}

/// The value of a number written in digits ("1,000", "3.5", "15th") or as a small word.
pub fn number_value(w: &str) -> Option<f64> {
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = w
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .filter(|c| *c != ',')
            .collect();
        let rest = &w[w
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
            .map_or(w.len(), |(i, _)| i)..];
        let ordinal = matches!(rest, "" | "st" | "nd" | "rd" | "th" | "s");
        return if ordinal { digits.parse().ok() } else { None };
    }
    static VALUES: OnceLock<FxHashMap<&'static str, f64>> = OnceLock::new();
    let values = VALUES.get_or_init(|| {
        let mut values = FxHashMap::default();
        for &(word, value) in NUMBER_WORDS {
            // The first listing of a word is its value.
            values.entry(word).or_insert(value);
        }
        values
    });
    values.get(w).copied()
}

/// Folds British spellings into American ones, so authorised = authorized, favour = favor,
/// centre = center, travelled = traveled, defence = defense, analyse = analyze.
pub fn american_spelling(w: &str) -> Cow<'_, str> {
    const ENDINGS: &[(&str, &str, usize)] = &[
        // (British ending, American ending, shortest word the rule applies to)
        ("isation", "ization", 8),
        ("isations", "izations", 9),
        ("ise", "ize", 6),
        ("ised", "ized", 7),
        ("ises", "izes", 7),
        ("ising", "izing", 8),
        ("yse", "yze", 5),
        ("ysed", "yzed", 6),
        ("ysing", "yzing", 7),
        ("our", "or", 6),
        ("ours", "ors", 7),
        ("oured", "ored", 8),
        ("ouring", "oring", 9),
        ("ourable", "orable", 9),
        ("ourite", "orite", 8),
        ("tre", "ter", 5),
        ("tres", "ters", 6),
        ("elled", "eled", 7),
        ("elling", "eling", 8),
        ("ence", "ense", 7),
        ("ogue", "og", 7),
        ("amme", "am", 7),
    ];
    // Words where the rule would be wrong and the British form is the only one.
    const KEEP: &[&str] = &[
        "promise",
        "premise",
        "exercise",
        "otherwise",
        "enterprise",
        "expertise",
        "compromise",
        "surprise",
        "advertise",
        "concise",
        "precise",
        "franchise",
        "merchandise",
        "televise",
        "supervise",
        "revise",
        "devise",
        "comprise",
        "despise",
        "chastise",
        "disguise",
        "excellence",
        "experience",
        "science",
        "sentence",
        "audience",
        "evidence",
        "influence",
        "presence",
        "absence",
        "silence",
        "violence",
        "conference",
        "difference",
        "reference",
        "preference",
        "confidence",
        "independence",
        "residence",
        "intelligence",
        "existence",
        "sequence",
        "consequence",
        "licensed",
        "counterintelligence",
        "occurrence",
        "emergence",
        "dependence",
        "interference",
        "inference",
        "persistence",
        "coherence",
        "adherence",
        "excellence",
        "prevalence",
        "turbulence",
        "convenience",
        "correspondence",
    ];
    static KEPT: WordSet = WordSet::new(KEEP);
    if KEPT.contains(w) {
        return Cow::Borrowed(w);
    }
    for (british, american, min_len) in ENDINGS {
        if w.len() >= *min_len {
            if let Some(root) = w.strip_suffix(british) {
                if *british == "ence"
                    && !matches!(w, "defence" | "offence" | "licence" | "pretence")
                {
                    continue;
                }
                return Cow::Owned(format!("{root}{american}"));
            }
        }
    }
    Cow::Borrowed(w)
}

/// A light stemmer: strips plural, past and progressive endings so that inflections of one
/// word meet. Used only to find and align passages, never to judge a quotation.
pub fn stem(w: &str) -> &str {
    if w.len() <= 3 || w.starts_with(|c: char| c.is_ascii_digit()) {
        return w;
    }
    for suffix in [
        "ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s", "e", "y",
    ] {
        if let Some(root) = w.strip_suffix(suffix) {
            // "agency" -> "agenc" meets "agencies", but "deploy" keeps its y.
            let vowel_y = suffix == "y" && root.ends_with(['a', 'e', 'i', 'o', 'u']);
            if root.len() >= 3 && !(suffix == "s" && root.ends_with('s')) && !vowel_y {
                return root;
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_spellings_fold_and_true_words_stay() {
        assert_eq!(american_spelling("authorised"), "authorized");
        assert_eq!(american_spelling("favour"), "favor");
        assert_eq!(american_spelling("four"), "four");
        assert_eq!(american_spelling("defence"), "defense");
        assert_eq!(american_spelling("centre"), "center");
        assert_eq!(american_spelling("promise"), "promise");
        assert_eq!(american_spelling("influence"), "influence");
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
