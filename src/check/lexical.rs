//! When a word of a draft and a word of a source say the same: one stem, one lemma (an
//! irregular form too: "took" and "taken"), or a sense they share in WordNet among the first
//! senses of each ("favoured" and "preferred", "picture" and "film"), so that a paraphrase
//! still meets its source word for word where a reader would see the same words.

use crate::knowledge::{lemmas, wordnet, Pos};
use crate::text::Token;

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
}
