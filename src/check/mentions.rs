//! Typed mentions: what sort of thing a name in a sentence names, from evidence, so that only
//! names of one sort are compared.
//!
//! A capital letter says a word is a name, not what it names: "the sources say Kenteris, not
//! Greece" pairs an athlete with a country, and "British, not Britons" two words for one
//! country's people. A name's sort comes from what English and the world say of it:
//! - a place: it names a country, its people or its capital ([`knowledge::places`]);
//! - a person: a title or form of address stands right before it ("Mr Glazer", "chairman
//!   Dick Pound", "costume designer Sandy Powell"), as English writes a person's role
//!   ([`knowledge::titles`]);
//! - otherwise unknown, which is compared with any name that is neither a place nor a person.
//!
//! Two names of one sort are the same mention when they name the same country, or when one
//! is the head of a WordNet name of the other ("the Athens Games" for "the Athens Olympics":
//! WordNet's "Olympic Games" is a name of the Olympics, and English shortens a name to its
//! head).

use crate::check::clause::{breaks_before, word};
use crate::knowledge::places::{self, CountryId};
use crate::knowledge::{titles, wordnet, Pos};
use crate::text::tokens::Class;
use crate::text::Token;

/// What sort of thing a name names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sort {
    /// A country, its people or its seat: every country the words can name.
    Place(Vec<CountryId>),
    Person,
    Unknown,
}

/// A name in a sentence: its words (lower case) and its sort.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub words: Vec<String>,
    pub sort: Sort,
}

/// How two mentions stand to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// One thing, named two ways.
    Same,
    /// Two things of one sort: a claim about one is not a claim about the other.
    Different,
    /// Things of different sorts: neither can stand in for the other in a claim.
    Unlike,
}

/// The mention made by the name tokens `run` of a sentence.
pub fn mention(text: &str, tokens: &[Token], run: &[usize]) -> Mention {
    let written: Vec<&str> = run.iter().map(|&k| tokens[k].span.slice(text)).collect();
    let words: Vec<String> = run
        .iter()
        .map(|&k| word(text, &tokens[k]).into_owned())
        .collect();
    let sort = place(&written.join(" "))
        .map(Sort::Place)
        .or_else(|| titled(text, tokens, run).then_some(Sort::Person))
        .unwrap_or(Sort::Unknown);
    Mention { words, sort }
}

/// The countries a name means, as a name, demonym, national, capital or seat.
fn place(name: &str) -> Option<Vec<CountryId>> {
    let mut ids: Vec<CountryId> = places::namings(name)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    (!ids.is_empty()).then_some(ids)
}

/// Whether a title or a form of address ends right before the run: "Mr Glazer", "Wada
/// chairman Dick Pound", "costume designer Sandy Powell".
fn titled(text: &str, tokens: &[Token], run: &[usize]) -> bool {
    let Some(&first) = run.first() else {
        return false;
    };
    let before: Vec<String> = tokens[first.saturating_sub(3)..first]
        .iter()
        .map(|t| word(text, t).into_owned())
        .collect();
    (0..before.len()).any(|from| {
        let words: Vec<&str> = before[from..].iter().map(String::as_str).collect();
        titles::title(&words.join(" ")).is_some()
    })
}

/// How two mentions stand to each other.
pub fn compare(a: &Mention, b: &Mention) -> Comparison {
    match (&a.sort, &b.sort) {
        (Sort::Place(x), Sort::Place(y)) => {
            if x.iter().any(|id| y.contains(id)) {
                Comparison::Same
            } else {
                Comparison::Different
            }
        }
        (Sort::Place(_), _) | (_, Sort::Place(_)) => Comparison::Unlike,
        _ if shortened(a, b) || shortened(b, a) => Comparison::Same,
        _ => Comparison::Different,
    }
}

/// Whether `short`'s words are the head of a WordNet name of `long`'s ("Games" of "Olympic
/// Games", a name of "Olympics").
fn shortened(short: &Mention, long: &Mention) -> bool {
    let (Some(head), Some(last)) = (short.words.last(), long.words.last()) else {
        return false;
    };
    let head = head.as_str();
    let last = last.as_str();
    let singular = |w: &str| crate::knowledge::lemma::lemma(w, Pos::Noun).into_owned();
    let lemma = singular(last);
    wordnet::synonyms(&lemma, Pos::Noun).iter().any(|name| {
        name.rsplit_once(' ')
            .is_some_and(|(_, name_head)| name_head == head || name_head == singular(head))
    })
}

/// Words English writes inside a name in lower case ("Department of Health", "Bosnia and
/// Herzegovina"): they join a name's capitalised words and give no initial.
const NAME_JOINERS: &[&str] = &["of", "and", "for", "the", "de", "on"];

/// The whole name the name tokens `run` belong to: the capitalised words right before and
/// after the run, and a joining word inside a name when a capitalised word follows it
/// ("Arkansas Department" in "the Arkansas Department of Health's website" is part of
/// "Arkansas Department of Health").
pub fn whole_name(text: &str, tokens: &[Token], run: &[usize]) -> Vec<usize> {
    let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
        return Vec::new();
    };
    let named = |k: usize| tokens[k].capitalized && tokens[k].class == Class::Content;
    // Whether token `k` runs on from the one before it, no clause break between.
    let joined = |k: usize| !breaks_before(text, tokens, k);
    let mut lo = first;
    while lo > 0 && named(lo - 1) && !tokens[lo - 1].initial && joined(lo) {
        lo -= 1;
    }
    let mut hi = last + 1;
    loop {
        if hi < tokens.len() && named(hi) && joined(hi) {
            hi += 1;
        } else if hi + 1 < tokens.len()
            && NAME_JOINERS.contains(&word(text, &tokens[hi]).as_ref())
            && named(hi + 1)
            && joined(hi)
            && joined(hi + 1)
        {
            hi += 2;
        } else {
            break;
        }
    }
    (lo..hi).collect()
}

/// Whether `short`, one word written in capitals ("ADH", "NYPD", "U.S."), abbreviates the
/// name written `long` by the initials of its capitalised words, in order, from the first
/// initial it uses to the last: English may drop one word of a long name from its acronym
/// ("NYPD", the New York City Police Department) and may abbreviate part of a name (the
/// "ADH" website for "the Arkansas Department of Health").
pub fn abbreviates(short: &str, long: &[&str]) -> bool {
    let letters: Vec<char> = short.chars().filter(|c| *c != '.').collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    let initials: Vec<char> = long
        .iter()
        .flat_map(|w| w.split('-'))
        .filter(|w| !NAME_JOINERS.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    (0..initials.len()).any(|from| {
        // letters in order, the first at `from`, with at most one initial left out between
        let mut skipped = false;
        let mut k = from;
        for (n, &letter) in letters.iter().enumerate() {
            if n > 0 && !skipped && initials.get(k).is_some_and(|&c| c != letter) {
                skipped = true;
                k += 1;
            }
            if initials.get(k) != Some(&letter) {
                return false;
            }
            k += 1;
        }
        true
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The mention of `name` as it stands in `text`.
    fn mention_in(text: &str, name: &str) -> Mention {
        let tokens = tokenize(text);
        let at = text.find(name).expect("the name is in the text");
        let run: Vec<usize> = (0..tokens.len())
            .filter(|&k| tokens[k].span.start >= at && tokens[k].span.end <= at + name.len())
            .collect();
        mention(text, &tokens, &run)
    }

    #[test]
    fn sorts_come_from_evidence_not_capitals() {
        let sort = |text: &str, name: &str| mention_in(text, name).sort;
        assert!(matches!(
            sort("They face a trial in Greece.", "Greece"),
            Sort::Place(_)
        ));
        assert!(matches!(
            sort("Two Britons won.", "Britons"),
            Sort::Place(_)
        ));
        assert!(matches!(
            sort("Moscow denied it.", "Moscow"),
            Sort::Place(_)
        ));
        assert_eq!(sort("Mr Glazer made a bid.", "Glazer"), Sort::Person);
        assert_eq!(
            sort("Costume designer Sandy Powell won.", "Sandy Powell"),
            Sort::Person
        );
        assert_eq!(sort("Kenteris withdrew.", "Kenteris"), Sort::Unknown);
        assert_eq!(
            sort("The Athens Games ended.", "Athens Games"),
            Sort::Unknown
        );
    }

    #[test]
    fn names_of_one_country_are_one_mention() {
        let cases = [
            (
                ("Two Britons won.", "Britons"),
                ("24 British nominees.", "British"),
                Comparison::Same,
            ),
            (
                ("Moscow denied it.", "Moscow"),
                ("Russia denied it.", "Russia"),
                Comparison::Same,
            ),
            (
                ("China preferred Biden.", "China"),
                ("Russia preferred Trump.", "Russia"),
                Comparison::Different,
            ),
            (
                ("A trial in Greece.", "Greece"),
                ("A trial of Kenteris.", "Kenteris"),
                Comparison::Unlike,
            ),
            (
                ("Mr Glazer bid.", "Glazer"),
                ("Britain bid.", "Britain"),
                Comparison::Unlike,
            ),
            (
                ("Since the Athens Games.", "Games"),
                ("Since the Athens Olympics.", "Olympics"),
                Comparison::Same,
            ),
            (
                ("Kathimerini said.", "Kathimerini"),
                ("To Vima said.", "Vima"),
                Comparison::Different,
            ),
        ];
        for ((ta, na), (tb, nb), expected) in cases {
            let (a, b) = (mention_in(ta, na), mention_in(tb, nb));
            assert_eq!(compare(&a, &b), expected, "{na} / {nb}");
            assert_eq!(compare(&b, &a), expected, "{nb} / {na}");
        }
    }

    #[test]
    fn a_name_is_read_whole_past_its_joining_words() {
        let text = "The Arkansas Department of Health's website and the Port of Tyne grew.";
        let tokens = tokenize(text);
        let at = |w: &str| tokens.iter().position(|t| t.span.slice(text) == w).unwrap();
        let whole = |run: &[usize]| -> String {
            whole_name(text, &tokens, run)
                .iter()
                .map(|&k| tokens[k].span.slice(text))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(whole(&[at("Department")]), "Arkansas Department of Health");
        assert_eq!(whole(&[at("Port")]), "Port of Tyne");
    }

    #[test]
    fn an_acronym_is_the_initials_of_a_name_in_order() {
        let name = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let abbr = |short: &str, long: &str| {
            let words = name(long);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            abbreviates(short, &words)
        };
        assert!(abbr("ADH", "Arkansas Department of Health"));
        assert!(abbr("NYPD", "New York City Police Department"));
        assert!(abbr("U.S.", "United States"));
        assert!(abbr("WADA", "World Anti-Doping Agency"));
        assert!(!abbr("ADH", "Arkansas Health Department"));
        assert!(!abbr("NYPD", "New York Fire Department"));
        assert!(!abbr("NYPD", "New York City Transit Police Department"));
        assert!(!abbr("Ott", "Oakland Tigers Team"));
    }
}
