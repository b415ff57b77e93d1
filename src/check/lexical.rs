//! When a word of a draft and a word of a source say the same: one stem, one lemma (an
//! irregular form too: "took" and "taken"), or a sense they share in WordNet among the first
//! senses of each ("favoured" and "preferred", "picture" and "film"), so that a paraphrase
//! still meets its source word for word where a reader would see the same words.

use std::cell::RefCell;
use std::hash::BuildHasher;
use std::sync::Arc;

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use crate::knowledge::{lemmas, places, wordnet};
use crate::text::{tokenize, Token};

/// How far down the sense lists two words may share a sense and still be taken as the same
/// word: among the three most frequent senses of each (WordNet orders senses by frequency).
const MAX_SENSE_RANK: usize = 2;

/// The content words of a sentence, each with what it can meet a word of another by: its
/// stem, its lemmas, and the senses among the first of each lemma. Read once per sentence
/// (finders ask [`Words::meet`] for every pair of words of a draft and a source sentence, so
/// nothing is looked up there).
#[derive(Debug, Default)]
pub struct Words(Vec<Word>);

#[derive(Debug)]
struct Word {
    content: bool,
    stem: u64,
    /// What else the word can meet another by, each as a key: its lemmas and its first
    /// senses (keys of the two kinds are hashed apart, and neither is a stem).
    keys: Option<Arc<[u64]>>,
}

/// Words remembered per thread and memo at most; past it the memo starts again.
const MAX_WORDS: usize = 1 << 17;

/// A memo from written words to what WordNet gives for them.
type Memo = std::thread::LocalKey<RefCell<FxHashMap<Box<str>, Arc<[u64]>>>>;

thread_local! {
    static KEYS: RefCell<FxHashMap<Box<str>, Arc<[u64]>>> = RefCell::default();
    static MEANINGS: RefCell<FxHashMap<Box<str>, Arc<[u64]>>> = RefCell::default();
}

/// What `memo` holds for `word`, made by `make` the first time.
fn memoised(memo: &'static Memo, word: &str, make: impl FnOnce() -> Arc<[u64]>) -> Arc<[u64]> {
    if let Some(found) = memo.with_borrow(|m| m.get(word).cloned()) {
        return found;
    }
    let made = make();
    memo.with_borrow_mut(|m| {
        if m.len() >= MAX_WORDS {
            m.clear();
        }
        m.insert(word.into(), made.clone());
    });
    made
}

/// A word's keys; none for a number or a function word.
fn keys_of(text: &str, token: &Token) -> Option<Arc<[u64]>> {
    if !token.is_content() || token.value.is_some() {
        return None;
    }
    // The lemmas and senses of a written word do not change: looked up once per word a
    // thread meets (the same few thousand words come back in every sentence, and a lookup in
    // WordNet is several hash probes per part of speech).
    let keys = memoised(&KEYS, token.span.slice(text), || {
        lexical_keys(token.span.slice(text))
    });
    Some(keys)
}

/// The keys of a word's lemmas and of the first [`MAX_SENSE_RANK`] + 1 senses of each.
fn lexical_keys(word: &str) -> Arc<[u64]> {
    let lemmas = lemmas(word);
    let mut keys: Vec<u64> = lemmas
        .iter()
        .map(|lemma| FxBuildHasher.hash_one(("lemma", lemma)))
        .collect();
    for &(pos, lemma) in &lemmas {
        for sense in wordnet::senses(lemma, pos).iter().take(MAX_SENSE_RANK + 1) {
            keys.push(FxBuildHasher.hash_one(("sense", sense)));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys.into()
}

impl Words {
    pub fn of(text: &str, tokens: &[Token]) -> Words {
        Words(
            tokens
                .iter()
                .map(|t| Word {
                    content: t.is_content(),
                    stem: t.stem,
                    keys: keys_of(text, t),
                })
                .collect(),
        )
    }

    /// Whether token `i` here and token `j` of `other` say the same: one stem, one lemma, or
    /// a sense among the first of each (a synonym rank of at most [`MAX_SENSE_RANK`]).
    pub fn meet(&self, i: usize, other: &Words, j: usize) -> bool {
        let (a, b) = (&self.0[i], &other.0[j]);
        a.content
            && b.content
            && (a.stem == b.stem
                || a.keys
                    .as_ref()
                    .zip(b.keys.as_ref())
                    .is_some_and(|(x, y)| x.iter().any(|k| y.contains(k))))
    }

    /// How many content words here `keep` keeps.
    pub fn content_in(&self, keep: impl Fn(usize) -> bool) -> usize {
        (0..self.0.len())
            .filter(|&i| self.0[i].content && keep(i))
            .count()
    }

    /// How many content words here meet one of `other`'s: words here that `keep_here`
    /// keeps, against words of `other` that `keep_other` keeps.
    pub fn meeting(
        &self,
        other: &Words,
        keep_here: impl Fn(usize) -> bool,
        keep_other: impl Fn(usize) -> bool,
    ) -> usize {
        // One set of every key of the other side: a word here meets one there when one of
        // its keys is in it. Linear in the words, where pairing them is quadratic.
        let mut theirs: FxHashSet<u64> = FxHashSet::default();
        for word in (0..other.0.len())
            .filter(|&j| keep_other(j))
            .map(|j| &other.0[j])
        {
            if word.content {
                theirs.insert(word.stem);
                theirs.extend(word.keys.iter().flat_map(|k| k.iter().copied()));
            }
        }
        (0..self.0.len())
            .filter(|&i| {
                let word = &self.0[i];
                word.content
                    && keep_here(i)
                    && (theirs.contains(&word.stem)
                        || word
                            .keys
                            .iter()
                            .flat_map(|k| k.iter())
                            .any(|k| theirs.contains(k)))
            })
            .count()
    }
}

/// How many stems a word's meanings hold at most: its own, its lemmas', a few synonyms'.
const MAX_MEANINGS: usize = 16;

/// The stems a source may write a draft word with and mean the same: its own; its lemmas'
/// ("took": "take"); the words of its first senses ("favoured": "prefer"), one-word
/// ones only; and, for a name of a country or of its seat, the country's name and capitals
/// ("Beijing": "China") and, for alignment only, its demonyms ("Britons": "British"). What
/// retrieval looks up and the paraphrase alignment pairs on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meanings {
    stems: Arc<[u64]>,
    /// How many of the stems, from the first, retrieval looks up: a country's demonyms
    /// only align ("Britons" with "British"), as every lookup of a pair costs a probe of
    /// the index and the country's name already finds its sentences.
    looked_up: usize,
}

/// Adds the stem of a one-word `w` to `stems`, up to [`MAX_MEANINGS`].
fn add_meaning(stems: &mut Vec<u64>, w: &str) {
    if stems.len() < MAX_MEANINGS && !w.contains([' ', '_', '-']) {
        if let Some(t) = tokenize(w).first().filter(|t| t.is_content()) {
            if !stems.contains(&t.stem) {
                stems.push(t.stem);
            }
        }
    }
}

impl Meanings {
    /// The meanings of `token`; `located` when a preposition of place stands before it.
    pub fn of(text: &str, token: &Token, located: bool) -> Meanings {
        if !token.is_content() || token.value.is_some() {
            return Meanings::all(Arc::new([token.stem]));
        }
        let word = token.span.slice(text);
        if token.capitalized {
            let mut stems = vec![token.stem];
            // A seat stands for its country's government ("Beijing favoured Trump"), not
            // for the country as a place: a trial "in Athens" is not one "in Greece".
            let seat = || places::seat_of(word).filter(|_| !located);
            let country = places::country(word).or_else(seat);
            if let Some(country) = country {
                add_meaning(&mut stems, country.name());
                if !located {
                    for capital in country.capitals() {
                        add_meaning(&mut stems, capital);
                    }
                }
            }
            let looked_up = stems.len();
            if let Some(country) = country {
                // "Britons" and "British", "Chinese" and "China": one country's people
                // and its name are one participant of a claim.
                for name in country.demonyms() {
                    add_meaning(&mut stems, name);
                }
            }
            return Meanings {
                stems: stems.into(),
                looked_up,
            };
        }
        Meanings::all(memoised(&MEANINGS, word, || {
            let mut stems = vec![token.stem];
            let lemmas = lemmas(word);
            for &(_, lemma) in &lemmas {
                add_meaning(&mut stems, lemma);
            }
            // The most frequent senses of every lemma before the rarer senses of any.
            for rank in 0..=MAX_SENSE_RANK {
                for &(pos, lemma) in &lemmas {
                    if let Some(sense) = wordnet::senses(lemma, pos).get(rank) {
                        for w in sense.words() {
                            add_meaning(&mut stems, w);
                        }
                    }
                }
            }
            stems.into()
        }))
    }

    /// The meanings of every token of a sentence.
    pub fn of_all(text: &str, tokens: &[Token]) -> Vec<Meanings> {
        (0..tokens.len())
            .map(|k| {
                let located = k > 0
                    && matches!(
                        tokens[k - 1].span.slice(text).to_lowercase().as_str(),
                        "in" | "at" | "near" | "outside" | "inside" | "from" | "across"
                    );
                Meanings::of(text, &tokens[k], located)
            })
            .collect()
    }

    /// Meanings that retrieval looks up in full.
    fn all(stems: Arc<[u64]>) -> Meanings {
        let looked_up = stems.len();
        Meanings { stems, looked_up }
    }

    pub fn contains(&self, stem: u64) -> bool {
        self.stems.contains(&stem)
    }

    /// The stems, the word's own first.
    pub fn stems(&self) -> &[u64] {
        &self.stems
    }

    /// The stems retrieval looks up, the word's own first.
    pub fn looked_up(&self) -> &[u64] {
        &self.stems[..self.looked_up]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn meet(a: &str, b: &str) -> bool {
        let (ta, tb) = (tokenize(a), tokenize(b));
        Words::of(a, &ta).meet(0, &Words::of(b, &tb), 0)
    }

    #[test]
    fn words_meet_by_stem_lemma_or_first_sense() {
        assert!(meet("protested", "protest"));
        assert!(meet("took", "taken"));
        assert!(meet("favoured", "preferred"));
        assert!(
            !meet("took", "claimed"),
            "a rare sense of take is not claim"
        );
        assert!(!meet("the", "the"), "function words say nothing");
    }

    #[test]
    fn meanings_hold_lemmas_synonyms_and_other_names_of_a_country() {
        let holds = |draft: &str, source: &str| {
            let (d, s) = (tokenize(draft), tokenize(source));
            Meanings::of(draft, &d[0], false).contains(s[0].stem)
        };
        assert!(holds("favoured", "preferred"));
        assert!(holds("took", "take"));
        assert!(holds("Beijing", "China"));
        assert!(holds("Moscow", "Russia"));
        for (place, other) in [("in Athens", "Greece"), ("in Greece", "Athens")] {
            let (d, s) = (tokenize(place), tokenize(other));
            assert!(
                !Meanings::of_all(place, &d)[1].contains(s[0].stem),
                "a place is not its country: {place}"
            );
        }
        assert!(!holds("favoured", "opposed"));
        assert!(!holds("Trump", "Biden"));
    }
}
