//! When a word of a draft and a word of a source say the same: one stem, one lemma (an
//! irregular form too: "took" and "taken"), or a sense they share in WordNet among the first
//! senses of each ("favoured" and "preferred", "picture" and "film"), so that a paraphrase
//! still meets its source word for word where a reader would see the same words.

use crate::knowledge::{lemmas, places, wordnet, Pos};
use crate::text::{tokenize, Token};

/// How far down the sense lists two words may share a sense and still be taken as the same
/// word: among the three most frequent senses of each (WordNet orders senses by frequency).
const MAX_SENSE_RANK: usize = 2;

/// The content words of a sentence, with their lemmas.
pub struct Words<'t> {
    tokens: &'t [Token],
    /// For each token: its lemmas, or none for a function word.
    lemmas: Vec<Vec<(Pos, &'static str)>>,
}

impl<'t> Words<'t> {
    pub fn of(text: &str, tokens: &'t [Token]) -> Words<'t> {
        let lemmas = tokens
            .iter()
            .map(|t| {
                if t.is_content() && t.value.is_none() {
                    lemmas(t.span.slice(text))
                } else {
                    Vec::new()
                }
            })
            .collect();
        Words { tokens, lemmas }
    }

    /// Whether token `i` here and token `j` of `other` say the same.
    pub fn meet(&self, i: usize, other: &Words, j: usize) -> bool {
        let (a, b) = (&self.tokens[i], &other.tokens[j]);
        if !a.is_content() || !b.is_content() {
            return false;
        }
        if a.stem == b.stem {
            return true;
        }
        let (la, lb) = (&self.lemmas[i], &other.lemmas[j]);
        la.iter().any(|x| lb.contains(x))
            || la.iter().any(|&(pos, x)| {
                lb.iter().any(|&(p, y)| {
                    p == pos
                        && wordnet::synonym_rank(x, y, pos).is_some_and(|r| r <= MAX_SENSE_RANK)
                })
            })
    }

    /// How many content words here meet one of `other`'s, among the pairs `keep` allows.
    pub fn meeting(&self, other: &Words, keep: impl Fn(usize, usize) -> bool) -> usize {
        (0..self.tokens.len())
            .filter(|&i| {
                self.tokens[i].is_content()
                    && (0..other.tokens.len()).any(|j| keep(i, j) && self.meet(i, other, j))
            })
            .count()
    }
}

/// How many stems a word's meanings hold at most: its own, its lemmas', a few synonyms'.
const MAX_MEANINGS: usize = 16;

/// The stems a source may write a draft word with and mean the same: its own; its lemmas'
/// ("took": "take"); the words of its first senses ("favoured": "prefer"), one-word
/// ones only; and, for a name of a country or of its seat, the country's name and capitals
/// ("Beijing": "China"). What retrieval looks up and the paraphrase alignment pairs on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meanings(Vec<u64>);

impl Meanings {
    /// The meanings of `token`; `located` when a preposition of place stands before it.
    pub fn of(text: &str, token: &Token, located: bool) -> Meanings {
        let mut stems = vec![token.stem];
        if !token.is_content() || token.value.is_some() {
            return Meanings(stems);
        }
        let word = token.span.slice(text);
        let mut add = |w: &str| {
            if stems.len() < MAX_MEANINGS && !w.contains([' ', '_', '-']) {
                if let Some(t) = tokenize(w).first().filter(|t| t.is_content()) {
                    if !stems.contains(&t.stem) {
                        stems.push(t.stem);
                    }
                }
            }
        };
        if token.capitalized {
            // A seat stands for its country's government ("Beijing favoured Trump"), not
            // for the country as a place: a trial "in Athens" is not one "in Greece".
            let seat = || places::seat_of(word).filter(|_| !located);
            if let Some(country) = places::country(word).or_else(seat) {
                add(country.name());
                if !located {
                    for capital in country.capitals() {
                        add(capital);
                    }
                }
            }
            return Meanings(stems);
        }
        let lemmas = lemmas(word);
        for &(_, lemma) in &lemmas {
            add(lemma);
        }
        // The most frequent senses of every lemma before the rarer senses of any.
        for rank in 0..=MAX_SENSE_RANK {
            for &(pos, lemma) in &lemmas {
                if let Some(sense) = wordnet::senses(lemma, pos).get(rank) {
                    for w in sense.words() {
                        add(w);
                    }
                }
            }
        }
        Meanings(stems)
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

    pub fn contains(&self, stem: u64) -> bool {
        self.0.contains(&stem)
    }

    /// The stems, the word's own first.
    pub fn stems(&self) -> &[u64] {
        &self.0
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
