//! Lemmas: the dictionary form of an inflected word ("took" -> "take", "geese" -> "goose",
//! "better" -> "good", "favoured" -> "favour"), by WordNet's morphy: its exception lists
//! of irregular forms first, then its rules of detachment ("-ies" -> "-y", "-ed" -> ""),
//! keeping only the candidates that WordNet has as that part of speech.
//!
//! The candidates of every part of speech are kept: "rose" is the noun "rose" and the verb
//! "rise"; which one a text means is for the caller's context to say. A prefix joined by a
//! hyphen ("re-elected") lemmatises by its head when WordNet lacks the whole, and keeps
//! the prefix where WordNet has the prefixed word unhyphenated ("reelect").
//!
//! Compared with [`crate::text::lexicon::stem`], which cuts endings so that inflections
//! meet whether or not a word exists, a lemma is always a word of English.

use std::borrow::Cow;

use super::wordnet::wordnet;
use super::{folded, Pos};
use crate::text::lexicon::american_spelling;

/// WordNet's morphy rules of detachment, per part of speech: (ending, replacement).
const RULES: [&[(&str, &str)]; 4] = [
    &[
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ],
    &[
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ],
    &[("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    &[],
];

/// Every lemma of a word, as each part of speech WordNet has it as, nouns first; the word's
/// own form comes first within a part of speech. Empty for a word WordNet lacks in every
/// form ("the", "Glazer").
pub fn lemmas(word: &str) -> Vec<(Pos, &'static str)> {
    let word = folded(word);
    let mut found = Vec::new();
    for pos in Pos::ALL {
        push_lemmas(&word, pos, &mut found);
    }
    if found.is_empty() {
        let american = american_spelling(&word);
        if american != word.as_ref() {
            for pos in Pos::ALL {
                push_lemmas(american, pos, &mut found);
            }
        }
    }
    if found.is_empty() {
        // VarCon lacks some British "-ise" words ("tranquilised"): the "-ize" spelling is
        // taken when WordNet has it, so that a dictionary says the respelling is a word
        // ("promise" is never "promize").
        if let Some(ize) = ize_spelling(&word) {
            for pos in Pos::ALL {
                push_lemmas(&ize, pos, &mut found);
            }
        }
    }
    if found.is_empty() && word.contains(' ') {
        // A phrase inflects in one of its words: "attorneys general", "chief executives".
        let parts: Vec<&str> = word.split(' ').collect();
        for (i, part) in parts.iter().enumerate() {
            for (pos, lemma) in lemmas(part) {
                let mut phrase = parts.clone();
                phrase[i] = lemma;
                let phrase = phrase.join(" ");
                add(&mut found, pos, wordnet().lemma_as(&phrase, pos));
            }
        }
    }
    if found.is_empty() {
        // "re-elected" -> "re-" + "elect", when WordNet has neither "re-elect" nor
        // "reelect"; the lemma keeps the prefix only if WordNet has the prefixed word.
        if let Some((prefix, head)) = word.rsplit_once('-') {
            for (pos, lemma) in lemmas(head) {
                let joined = format!("{prefix}{lemma}");
                let whole = wordnet().lemma_as(&joined, pos);
                found.push((pos, whole.unwrap_or(lemma)));
            }
        }
    }
    found
}

/// A word of the "-ise" family ("-ised", "-ising", "-isation", ...) respelled "-ize".
fn ize_spelling(word: &str) -> Option<String> {
    ["ise", "ised", "ises", "ising", "isation", "isations"]
        .into_iter()
        .find_map(|ending| {
            let root = word.strip_suffix(ending)?;
            (!root.is_empty()).then(|| format!("{root}iz{}", &ending[2..]))
        })
}

/// The lemma of a word as this part of speech: the first of [`lemmas`] of that part of
/// speech, or the word itself (in lower case) when WordNet has none.
pub fn lemma(word: &str, pos: Pos) -> Cow<'_, str> {
    match lemmas(word).into_iter().find(|(p, _)| *p == pos) {
        Some((_, lemma)) => Cow::Borrowed(lemma),
        None => folded(word),
    }
}

/// Adds a lemma found, once.
fn add(found: &mut Vec<(Pos, &'static str)>, pos: Pos, lemma: Option<&'static str>) {
    if let Some(lemma) = lemma.filter(|l| !found.contains(&(pos, l))) {
        found.push((pos, lemma));
    }
}

fn push_lemmas(word: &str, pos: Pos, found: &mut Vec<(Pos, &'static str)>) {
    let wn = wordnet();
    let mut push = |lemma: &str| add(found, pos, wn.lemma_as(lemma, pos));
    // An irregular form first, as WordNet's morphy does: "fell" is more often "fall" than
    // the verb "fell". The exception lists are complete for the forms they hold: "geese" is
    // not "geese" minus "s" too.
    let irregular = wn.exceptions.get(word).map_or(&[][..], |v| v.as_slice());
    let mut listed = false;
    for &(p, base) in irregular {
        if p == pos {
            push(base);
            listed = true;
        }
    }
    push(word);
    if listed {
        return;
    }
    for &(ending, replacement) in RULES[pos as usize] {
        if let Some(root) = word.strip_suffix(ending) {
            if root.is_empty() {
                continue;
            }
            if replacement.is_empty() {
                push(root);
            } else {
                push(&format!("{root}{replacement}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_and_irregular_forms() {
        let cases = [
            ("took", Pos::Verb, "take"),
            ("taken", Pos::Verb, "take"),
            ("rose", Pos::Verb, "rise"),
            ("fell", Pos::Verb, "fall"),
            ("geese", Pos::Noun, "goose"),
            ("children", Pos::Noun, "child"),
            ("better", Pos::Adjective, "good"),
            ("worst", Pos::Adjective, "bad"),
            ("favoured", Pos::Verb, "favour"),
            ("favored", Pos::Verb, "favor"),
            ("upheld", Pos::Verb, "uphold"),
            ("overturned", Pos::Verb, "overturn"),
            ("nominations", Pos::Noun, "nomination"),
            ("agencies", Pos::Noun, "agency"),
            ("churches", Pos::Noun, "church"),
            ("spokesmen", Pos::Noun, "spokesman"),
            ("Britons", Pos::Noun, "briton"),
            ("studies", Pos::Verb, "study"),
            ("making", Pos::Verb, "make"),
            ("stopped", Pos::Verb, "stop"),
            ("re-elected", Pos::Verb, "reelect"),
            ("attorneys general", Pos::Noun, "attorney general"),
            ("cheaper", Pos::Adjective, "cheap"),
            ("poorest", Pos::Adjective, "poor"),
            // A word WordNet lacks stays itself, lower-cased.
            ("Glazer", Pos::Noun, "glazer"),
        ];
        for (word, pos, expected) in cases {
            assert_eq!(lemma(word, pos), expected, "{word} as {pos:?}");
        }
    }

    #[test]
    fn every_part_of_speech_a_word_can_be() {
        let rose = lemmas("rose");
        assert!(rose.contains(&(Pos::Noun, "rose")), "{rose:?}");
        assert!(rose.contains(&(Pos::Verb, "rise")), "{rose:?}");
        assert!(lemmas("the").is_empty());
        // WordNet lists "larger" as an adjective of its own; its base comes second.
        assert_eq!(
            lemmas("larger"),
            vec![(Pos::Adjective, "larger"), (Pos::Adjective, "large")]
        );
        assert_eq!(lemmas("geese"), vec![(Pos::Noun, "goose")]);
    }

    #[test]
    fn british_spellings_wordnet_lacks_fold_to_american() {
        // WordNet has "favour" and "criticise", but not every -ise verb: VarCon folds the
        // others, and an "-ise" word VarCon lacks takes the "-ize" spelling
        // WordNet has ("tranquilised", "weaponised").
        assert_eq!(lemma("criticised", Pos::Verb), "criticise");
        assert_eq!(lemma("tranquilised", Pos::Verb), "tranquilize");
        assert_eq!(lemma("weaponised", Pos::Verb), "weaponize");
        assert_eq!(lemma("promised", Pos::Verb), "promise");
    }
}
