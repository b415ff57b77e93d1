//! One draft sentence read against the corpus: its tokens, its candidate source sentences and
//! their alignments. Every finder (citations, quotations, claims) works from this.

use std::cell::OnceCell;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::align::{align_meaning, weight, Alignment, Compare};
use crate::check::attribution;
use crate::check::figures::{self, Figure};
use crate::check::lexical::{Meanings, Words};
use crate::index::{pair_key, pair_keys, Index, SentenceId};
use crate::text::quotes::{find_quotations, Quotation};
use crate::text::{self, tokenize, Span, Token};

/// How many source sentences a draft sentence is compared with, at most.
pub const MAX_CANDIDATES: usize = 12;

/// The most sentences a pair holding a number's band of values may stand in and still be
/// read: past it, the pair is in too many sentences to say which one the draft restates.
const MAX_BAND_POSTINGS: usize = 64;

/// How many meanings of each word of a pair are looked up when both words are paraphrased.
const CLOSEST_MEANINGS: usize = 4;

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
    /// Read on first use, once: several finders ask.
    words: OnceCell<Words>,
    figures: OnceCell<Vec<Figure>>,
}

impl Candidate {
    /// The source sentence's words, with their lemmas and senses.
    pub fn words(&self) -> &Words {
        self.words
            .get_or_init(|| Words::of(&self.text, &self.tokens))
    }

    /// The source sentence's figures.
    pub fn figures(&self) -> &[Figure] {
        self.figures
            .get_or_init(|| figures::figures(&self.text, &self.tokens))
    }
}

/// A draft sentence with everything the finders need.
pub struct Sentence<'a> {
    pub index: &'a Index,
    /// The sentence's prose text; every span below is relative to it.
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// What each token may be written as in a source and mean the same: what the candidates
    /// were found and aligned by.
    pub meanings: Vec<Meanings>,
    /// In order, none overlapping another (as [`find_quotations`] gives them).
    ///
    /// [`find_quotations`]: crate::text::quotes::find_quotations
    pub quotations: Vec<Quotation>,
    pub candidates: Vec<Candidate>,
    /// Read on first use, once: several finders ask.
    words: OnceCell<Words>,
    figures: OnceCell<Vec<Figure>>,
}

impl<'a> Sentence<'a> {
    pub fn read(index: &'a Index, text: &'a str, quotations: Vec<Quotation>) -> Sentence<'a> {
        let tokens = tokenize(text);
        let quoted: Vec<Span> = quotations.iter().map(|q| q.outer).collect();
        let meanings = Meanings::of_all(text, &tokens);
        let candidates = candidates(index, text, &tokens, &meanings, &quoted);
        Sentence {
            index,
            text,
            tokens,
            meanings,
            quotations,
            candidates,
            words: OnceCell::new(),
            figures: OnceCell::new(),
        }
    }

    /// The draft sentence's words, with their lemmas and senses.
    pub fn words(&self) -> &Words {
        self.words
            .get_or_init(|| Words::of(self.text, &self.tokens))
    }

    /// What `read` finds in the draft sentence (its doers, its descriptions), and, when it
    /// finds anything, what it finds in each candidate: what a finder that compares one kind
    /// of frame across the draft and its sources starts from.
    pub fn frames<F>(
        &self,
        read: impl Fn(&str, &[Token]) -> Vec<F>,
    ) -> (Vec<F>, Vec<(&Candidate, Vec<F>)>) {
        let ours = read(self.text, &self.tokens);
        if ours.is_empty() {
            return (ours, Vec::new());
        }
        let theirs = (self.candidates.iter())
            .map(|c| (c, read(&c.text, &c.tokens)))
            .collect();
        (ours, theirs)
    }

    /// The draft sentence's figures.
    pub fn figures(&self) -> &[Figure] {
        self.figures
            .get_or_init(|| figures::figures(self.text, &self.tokens))
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

/// The source sentences sharing the most word pairs with `tokens`, aligned. A pair is shared
/// as written or in other words of the same meaning ("Beijing favoured" finds "China
/// preferred"): each word's [`Meanings`] are looked up beside it, a bounded number per pair.
fn candidates(
    index: &Index,
    text: &str,
    tokens: &[Token],
    meanings: &[Meanings],
    quoted: &[Span],
) -> Vec<Candidate> {
    let draft_claim = attribution::claim_range(text, tokens, quoted);
    let mut shared: FxHashMap<SentenceId, usize> = FxHashMap::default();
    // A set, not a list: a run-on sentence has thousands of pairs.
    let mut seen_keys = FxHashSet::default();
    let mut look_up = |key: u32, most: usize| {
        if seen_keys.insert(key) {
            let ids = index.lookup(key);
            if ids.len() <= most {
                for &id in ids {
                    *shared.entry(id).or_default() += 1;
                }
            }
        }
    };
    let content: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].is_content())
        .collect();
    // A number (looked up by its band of values with the pairs below) is as near to numbers
    // of the next band near the edge of its own; it is looked up beside the word after next
    // too, what it counts past a word that sorts it ("127,500 coronavirus cases" finds
    // "127,574 cases"). These further lookups are read only when rare: past
    // MAX_BAND_POSTINGS sentences they say nothing of which one the draft restates, and
    // reading them would cost every keystroke in a large corpus.
    for (w, pair) in content.windows(2).enumerate() {
        let (a, b) = (tokens[pair[0]].stem, tokens[pair[1]].stem);
        if let Some(near) = text::neighbouring_bands(b) {
            for b in near {
                look_up(pair_key(a, b), MAX_BAND_POSTINGS);
            }
        }
        let Some(near) = text::neighbouring_bands(a) else {
            continue;
        };
        let counted =
            (content.get(w + 2).map(|&k| tokens[k].stem)).filter(|&c| !text::is_number_stem(c));
        for a in near {
            look_up(pair_key(a, b), MAX_BAND_POSTINGS);
        }
        if let Some(counted) = counted {
            for a in [a, near[0], near[1]] {
                look_up(pair_key(a, counted), MAX_BAND_POSTINGS);
            }
        }
    }
    for (key, _) in pair_keys(tokens) {
        look_up(key, usize::MAX);
    }
    for pair in content.windows(2) {
        let (a, b) = (meanings[pair[0]].looked_up(), meanings[pair[1]].looked_up());
        for (x, &sa) in a.iter().enumerate() {
            for (y, &sb) in b.iter().enumerate() {
                // One word as written and the other in any of its meanings; both in other
                // words only among the closest meanings of each (lemmas and the first
                // sense's words come first): the work per pair stays near linear in the
                // meanings, not their square.
                let closest = x < CLOSEST_MEANINGS && y < CLOSEST_MEANINGS;
                if x + y > 0 && (x == 0 || y == 0 || closest) {
                    look_up(pair_key(sa, sb), usize::MAX);
                }
            }
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
            let alignment =
                align_claims(tokens, meanings, draft_claim.clone(), &text, &source_tokens);
            let strength = alignment.content_matches(tokens);
            Candidate {
                id,
                text,
                tokens: source_tokens,
                alignment,
                strength,
                words: OnceCell::new(),
                figures: OnceCell::new(),
            }
        })
        .collect();
    found.sort_by(|a, b| b.strength.cmp(&a.strength).then(a.id.cmp(&b.id)));
    found
}

/// The alignment of the draft's claim with the source's, then of the rest of each. The words
/// of a reporting clause ("…, the assessment found") on either side are left out of the first
/// pass, so they cannot pair with words of the other side's claim and pull its slots apart;
/// the second pass pairs what is left on each side (a reporting clause, or words the claims
/// did not share), so who reported what, and when, is still compared. Without a reporting clause on either side this is one plain alignment.
fn align_claims(
    draft: &[Token],
    meanings: &[Meanings],
    draft_claim: std::ops::Range<usize>,
    source_text: &str,
    source: &[Token],
) -> Alignment {
    let quoted: Vec<Span> = find_quotations(source_text)
        .iter()
        .map(|q| q.outer)
        .collect();
    let source_claim = attribution::claim_range(source_text, source, &quoted);
    if draft_claim == (0..draft.len()) && source_claim == (0..source.len()) {
        return align_meaning(draft, meanings, source);
    }
    let (d0, s0) = (draft_claim.start, source_claim.start);
    let pairs: Vec<(usize, usize)> = align_meaning(
        &draft[draft_claim.clone()],
        &meanings[draft_claim],
        &source[source_claim.clone()],
    )
    .pairs
    .into_iter()
    .map(|(i, j)| (i + d0, j + s0))
    .collect();
    let draft_paired: FxHashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let source_paired: FxHashSet<usize> = pairs.iter().map(|p| p.1).collect();
    let draft_rest: Vec<usize> = (0..draft.len())
        .filter(|i| !draft_paired.contains(i))
        .collect();
    let source_rest: Vec<usize> = (0..source.len())
        .filter(|j| !source_paired.contains(j))
        .collect();
    let pick = |all: &[Token], at: &[usize]| at.iter().map(|&k| all[k]).collect::<Vec<Token>>();
    let rest_meanings: Vec<Meanings> = draft_rest.iter().map(|&k| meanings[k].clone()).collect();
    let rest = align_meaning(
        &pick(draft, &draft_rest),
        &rest_meanings,
        &pick(source, &source_rest),
    );
    let rest = rest
        .pairs
        .into_iter()
        .map(|(i, j)| (draft_rest[i], source_rest[j]));
    // Both passes' pairs, as one chain in order on both sides: where they cross (a trailing
    // "the assessment" against an "assessment" before the source's claim), the claims' own
    // pairs weigh double, so a reporting clause cannot outvote the claim it reports.
    let weighed: Vec<((usize, usize), u32)> = pairs
        .iter()
        .map(|&p| (p, 2 * weight(&draft[p.0], Compare::Stem)))
        .chain(rest.map(|p| (p, weight(&draft[p.0], Compare::Stem))))
        .collect();
    let pairs = heaviest_chain(&weighed);
    let kept: FxHashSet<(usize, usize)> = pairs.iter().copied().collect();
    let mut crossing: Vec<(usize, usize)> = (weighed.into_iter())
        .map(|(p, _)| p)
        .filter(|p| !kept.contains(p))
        .collect();
    crossing.sort_unstable();
    Alignment { pairs, crossing }
}

/// The heaviest subset of `pairs` increasing in both the draft and the source index. A few
/// dozen pairs at most (two alignments of capped sentences), so quadratic is cheap.
fn heaviest_chain(pairs: &[((usize, usize), u32)]) -> Vec<(usize, usize)> {
    let mut pairs = pairs.to_vec();
    pairs.sort_unstable();
    let n = pairs.len();
    let mut best = vec![0u32; n];
    let mut prev = vec![usize::MAX; n];
    for k in 0..n {
        best[k] = pairs[k].1;
        for m in 0..k {
            let ((a, b), _) = pairs[m];
            let ((i, j), w) = pairs[k];
            if a < i && b < j && best[m] + w > best[k] {
                best[k] = best[m] + w;
                prev[k] = m;
            }
        }
    }
    let mut chain = Vec::new();
    let mut k = (0..n).max_by_key(|&k| (best[k], std::cmp::Reverse(k)));
    while let Some(at) = k {
        chain.push(pairs[at].0);
        k = (prev[at] != usize::MAX).then_some(prev[at]);
    }
    chain.reverse();
    chain
}

/// The messages a finder gives for `draft` checked against one source text: how the finders'
/// own tests read a draft.
#[cfg(test)]
pub(crate) fn messages_against(
    source: &str,
    draft: &str,
    finder: fn(&Sentence, &[Span]) -> Vec<crate::check::Finding>,
) -> Vec<String> {
    use crate::corpus::Corpus;
    let index = Index::build(Corpus::from_texts([("source.txt", source)]));
    let s = Sentence::read(&index, draft, find_quotations(draft));
    finder(&s, &[]).into_iter().map(|f| f.message).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heaviest_chain_keeps_order_on_both_sides() {
        // (0,5) and (1,6) cross (2,1): the two light pairs lose to the one heavy pair only
        // when it outweighs them both.
        let chain = heaviest_chain(&[((0, 5), 3), ((1, 6), 3), ((2, 1), 6)]);
        assert_eq!(chain, [(0, 5), (1, 6)]);
        let chain = heaviest_chain(&[((0, 5), 3), ((1, 6), 3), ((2, 1), 7)]);
        assert_eq!(chain, [(2, 1)]);
        assert_eq!(heaviest_chain(&[]), []);
    }

    #[test]
    fn a_trailing_report_does_not_pull_the_claim_apart() {
        // Read as whole sentences, the reporting clauses share more words than the claims.
        let draft_text = "China preferred Trump, the intelligence assessment by the office found.";
        let source_text = "The intelligence assessment by the office said China preferred Biden.";
        let draft = tokenize(draft_text);
        let source = tokenize(source_text);
        let claim = attribution::claim_range(draft_text, &draft, &[]);
        let meanings = Meanings::of_all(draft_text, &draft);
        let pairs = align_claims(&draft, &meanings, claim, source_text, &source).pairs;
        let words = |text: &str, tokens: &[Token], k: usize| tokens[k].span.slice(text).to_string();
        let shown: Vec<(String, String)> = pairs
            .iter()
            .map(|&(i, j)| (words(draft_text, &draft, i), words(source_text, &source, j)))
            .collect();
        // The claim's words pair with the claim's; the report after the draft's claim cannot
        // pair with the report before the source's.
        assert_eq!(
            shown,
            [("China", "China"), ("preferred", "preferred")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }
}
