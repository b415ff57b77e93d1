//! Word alignment between a draft sentence and a source sentence: a weighted longest common
//! subsequence, content words weighing more than function words so anchors are content.
//!
//! Sentences are capped at `MAX_ALIGN_TOKENS` on each side, so one alignment is bounded work.

use crate::check::lexical::Meanings;
use crate::text::Token;

pub const MAX_ALIGN_TOKENS: usize = 160;

/// Pairs `(draft index, source index)` of tokens that align, in increasing order on both sides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    pub pairs: Vec<(usize, usize)>,
    /// Pairs that one pass of a two-pass alignment found but the single chain above could not
    /// keep, as they cross it (a quotation before its attribution in the draft and after it in
    /// the source). The finders that compare slots need one chain; a citation still may say
    /// the source states those words. In draft order.
    pub crossing: Vec<(usize, usize)>,
}

/// How two tokens are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// Same folded form: what a quotation needs.
    Norm,
    /// Same stem: what a paraphrase needs.
    Stem,
}

pub fn align(draft: &[Token], source: &[Token], compare: Compare) -> Alignment {
    align_by(draft, source, compare, |i, b| match compare {
        Compare::Norm => draft[i].norm == b.norm,
        Compare::Stem => draft[i].stem == b.stem,
    })
}

/// The alignment of a paraphrase: draft word `i` pairs with any source word of one of its
/// `meanings` (its stem, its lemmas, their first senses' synonyms, another name of its
/// country), so "Beijing favoured Trump" aligns with "China preferred Biden" word for word.
pub fn align_meaning(draft: &[Token], meanings: &[Meanings], source: &[Token]) -> Alignment {
    align_by(draft, source, Compare::Stem, |i, b| {
        meanings[i].contains(b.stem)
    })
}

fn align_by(
    draft: &[Token],
    source: &[Token],
    compare: Compare,
    same_at: impl Fn(usize, &Token) -> bool,
) -> Alignment {
    let n = draft.len().min(MAX_ALIGN_TOKENS);
    let m = source.len().min(MAX_ALIGN_TOKENS);
    let weight = |t: &Token| weight(t, compare);
    // score[i][j]: best weight aligning draft[i..] with source[j..].
    let width = m + 1;
    let mut score = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut best = score[(i + 1) * width + j].max(score[i * width + j + 1]);
            if same_at(i, &source[j]) {
                // A small bonus for continuing a run keeps matches contiguous.
                let run = u32::from(i + 1 < n && j + 1 < m && same_at(i + 1, &source[j + 1]));
                best = best.max(score[(i + 1) * width + j + 1] + weight(&draft[i]) * 2 + run);
            }
            score[i * width + j] = best;
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let here = score[i * width + j];
        if same_at(i, &source[j]) {
            let run = u32::from(i + 1 < n && j + 1 < m && same_at(i + 1, &source[j + 1]));
            if here == score[(i + 1) * width + j + 1] + weight(&draft[i]) * 2 + run {
                pairs.push((i, j));
                i += 1;
                j += 1;
                continue;
            }
        }
        if score[(i + 1) * width + j] >= score[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    Alignment {
        pairs,
        crossing: Vec::new(),
    }
}

/// What a matched token weighs in an alignment: content words three times function words, so
/// anchors are content; in a quotation every word counts alike.
pub fn weight(t: &Token, compare: Compare) -> u32 {
    if t.is_content() || compare == Compare::Norm {
        3
    } else {
        1
    }
}

impl Alignment {
    /// Draft index -> source index, for the aligned draft tokens.
    pub fn source_of(&self, draft_index: usize) -> Option<usize> {
        self.pairs
            .binary_search_by_key(&draft_index, |p| p.0)
            .ok()
            .map(|k| self.pairs[k].1)
    }

    /// How many aligned draft tokens are content words.
    pub fn content_matches(&self, draft: &[Token]) -> usize {
        self.pairs
            .iter()
            .filter(|(i, _)| draft[*i].is_content())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn aligns_around_a_swapped_word() {
        let d = tokenize("China preferred a Trump presidency");
        let s = tokenize("that said China preferred a Biden presidency");
        let a = align(&d, &s, Compare::Stem);
        assert_eq!(a.pairs, [(0, 2), (1, 3), (2, 4), (4, 6)]);
        assert_eq!(a.source_of(4), Some(6));
        assert_eq!(a.source_of(3), None);
    }
}
