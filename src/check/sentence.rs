//! One draft sentence read against the corpus: its tokens, its candidate source sentences and
//! their alignments. Every finder (citations, quotations, claims) works from this.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::align::{align, Alignment, Compare};
use crate::index::{pair_keys, Index, SentenceId};
use crate::text::quotes::Quotation;
use crate::text::{tokenize, Span, Token};

/// How many source sentences a draft sentence is compared with, at most.
pub const MAX_CANDIDATES: usize = 12;

/// A source sentence that shares words with the draft sentence.
#[derive(Debug)]
pub struct Candidate {
    pub id: SentenceId,
    pub text: String,
    /// Shared with the index's memory of source tokens, not copied per check.
    pub tokens: Arc<[Token]>,
    pub alignment: Alignment,
    /// Aligned content words: how much of the draft this source restates.
    pub strength: usize,
}

/// A draft sentence with everything the finders need.
pub struct Sentence<'a> {
    pub index: &'a Index,
    /// The sentence's prose text; every span below is relative to it.
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// In order, none overlapping another (as [`find_quotations`] gives them).
    ///
    /// [`find_quotations`]: crate::text::quotes::find_quotations
    pub quotations: Vec<Quotation>,
    pub candidates: Vec<Candidate>,
}

impl<'a> Sentence<'a> {
    pub fn read(index: &'a Index, text: &'a str, quotations: Vec<Quotation>) -> Sentence<'a> {
        let tokens = tokenize(text);
        let candidates = candidates(index, &tokens);
        Sentence {
            index,
            text,
            tokens,
            quotations,
            candidates,
        }
    }

    /// Whether token `i` lies inside one of the sentence's quotations.
    pub fn in_quotation(&self, i: usize) -> bool {
        let span = self.tokens[i].span;
        // Quotations are in order and apart: only the last one starting at or before the token
        // can hold it. Finders ask this for every token, and a sentence can hold hundreds.
        let k = self
            .quotations
            .partition_point(|q| q.inner.start <= span.start);
        k > 0 && self.quotations[k - 1].inner.covers(span)
    }

    /// The span from the start of token `first` to the end of token `last`.
    pub fn token_span(&self, first: usize, last: usize) -> Span {
        self.tokens[first].span.join(self.tokens[last].span)
    }
}

/// The source sentences sharing the most word pairs with `tokens`, aligned.
fn candidates(index: &Index, tokens: &[Token]) -> Vec<Candidate> {
    let mut shared: FxHashMap<SentenceId, usize> = FxHashMap::default();
    // A set, not a list: a run-on sentence has thousands of pairs.
    let mut seen_keys = FxHashSet::default();
    for (key, _) in pair_keys(tokens) {
        if !seen_keys.insert(key) {
            continue;
        }
        for &id in index.lookup(key) {
            *shared.entry(id).or_default() += 1;
        }
    }
    let mut ranked: Vec<(SentenceId, usize)> = shared.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(MAX_CANDIDATES);
    let mut found: Vec<Candidate> = ranked
        .into_iter()
        .map(|(id, _)| {
            let source = index.sentence(id);
            let text = index.prose_of(source).to_string();
            let source_tokens = index.tokens(source.doc, source.span);
            let alignment = align(tokens, &source_tokens, Compare::Stem);
            let strength = alignment.content_matches(tokens);
            Candidate {
                id,
                text,
                tokens: source_tokens,
                alignment,
                strength,
            }
        })
        .collect();
    found.sort_by(|a, b| b.strength.cmp(&a.strength).then(a.id.cmp(&b.id)));
    found
}
