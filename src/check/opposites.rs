//! Opposites: where a draft restates a source sentence with a word WordNet gives as the
//! opposite of the source's word in the same place ("the team also won an Oscar", "losing
//! the Oscar in that category"; "is likely to dismiss the plan", "is unlikely to reject the
//! plan"). The place is a gap between words the two sentences share, on both sides, so the
//! two words fill the same part of the same claim.

use crate::check::clause::{clause_end, clause_start};
use crate::check::evidence::evidence;
use crate::check::finding::{Finding, Fix, Quoted};
use crate::check::participants;
use crate::check::sentence::{Candidate, Sentence};
use crate::knowledge::{lemmas, wordnet};
use crate::text::tokens::Class;
use crate::text::Token;

/// The widest gap (in tokens) between shared words that is still one place in the claim.
const MAX_GAP: usize = 8;

/// How far down the sense lists two words may be opposites and still be read so: among the
/// three most frequent senses of each, as for synonyms.
const MAX_SENSE_RANK: usize = 2;

/// Whether two written words are opposites as one part of speech in senses a reader would
/// take them in ("won" / "losing", "likely" / "unlikely"; not "take" / "rejected", opposites
/// only where "take" means accept).
pub fn opposite(a: &str, b: &str) -> bool {
    let (la, lb) = (lemmas(a), lemmas(b));
    la.iter().any(|&(pos, x)| {
        lb.iter().any(|&(p, y)| {
            p == pos
                && x != y
                && wordnet::antonym_rank(x, y, pos).is_some_and(|r| r <= MAX_SENSE_RANK)
        })
    })
}

/// A plain word that can carry a claim's sense: not a name, number, date or negator; or a
/// function word that WordNet knows as an adjective, right before a content word: a
/// determiner of quantity ("more debt", "less debt", "fewer cases"), whose opposite states
/// the opposite amount.
fn plain_word(text: &str, tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    if t.capitalized || t.value.is_some() {
        return false;
    }
    t.class == Class::Content
        || (tokens.get(k + 1).is_some_and(Token::is_content)
            && lemmas(t.span.slice(text))
                .iter()
                .any(|&(pos, _)| pos == crate::knowledge::Pos::Adjective))
}

/// Contradictions by an opposite word in a gap between words `c` shares with the draft.
pub fn contradictions(s: &Sentence, c: &Candidate, out: &mut Vec<Finding>) {
    let pairs = &c.alignment.pairs;
    if pairs.is_empty() {
        return;
    }
    // Each gap: between two shared words, or between a shared word and its clause's end.
    let mut gaps: Vec<((usize, usize), (usize, usize))> = Vec::new();
    let (i0, j0) = pairs[0];
    gaps.push((
        (clause_start(s.text, &s.tokens, i0), i0),
        (clause_start(&c.text, &c.tokens, j0), j0),
    ));
    for w in pairs.windows(2) {
        gaps.push(((w[0].0 + 1, w[1].0), (w[0].1 + 1, w[1].1)));
    }
    let (il, jl) = pairs[pairs.len() - 1];
    gaps.push((
        (il + 1, clause_end(s.text, &s.tokens, il)),
        (jl + 1, clause_end(&c.text, &c.tokens, jl)),
    ));
    // A negator of the clause besides the word compared ("less" is both).
    let negated = |tokens: &[Token], k: usize, text: &str| {
        let (lo, hi) = (clause_start(text, tokens, k), clause_end(text, tokens, k));
        (lo..hi).any(|m| m != k && tokens[m].class == Class::Negation)
    };
    for ((d_lo, d_hi), (s_lo, s_hi)) in gaps {
        if d_lo >= d_hi || s_lo >= s_hi || d_hi - d_lo > MAX_GAP || s_hi - s_lo > MAX_GAP {
            continue;
        }
        for i in (d_lo..d_hi).filter(|&i| plain_word(s.text, &s.tokens, i) && !s.in_quotation(i)) {
            let ours = s.tokens[i].span.slice(s.text);
            let Some(j) = (s_lo..s_hi).find(|&j| {
                plain_word(&c.text, &c.tokens, j) && opposite(ours, c.tokens[j].span.slice(&c.text))
            }) else {
                continue;
            };
            // A negation on either side may turn the opposite back ("did not lose").
            if negated(&s.tokens, i, s.text) || negated(&c.tokens, j, &c.text) {
                continue;
            }
            if !participants::agree(s, i..i + 1, c, j..j + 1) {
                continue;
            }
            // Another source in the same words may say what the draft says; so may this one,
            // where it gives both words ("81/100 for the north quay, 82/100 for the south
            // quay": the draft's "north quay" is there too, and "south" opposes nothing).
            let said_elsewhere = s.candidates.iter().any(|other| {
                (other.id == c.id || other.alignment.pairs.len() + 1 >= pairs.len())
                    && other.tokens.iter().any(|t| t.stem == s.tokens[i].stem)
            });
            // A source restating the claim more fully, with no opposite in it, is the one
            // that speaks of the draft's claim: "Russia was less aggressive than in past
            // cycles" is "Russia was not as aggressive as in past election cycles", whatever
            // another sentence says of Iran being "more aggressive than in past elections".
            let anchors: Vec<usize> = [d_lo.checked_sub(1), Some(d_hi)]
                .into_iter()
                .flatten()
                .filter(|&k| c.alignment.source_of(k).is_some())
                .collect();
            let restated_better = s.candidates.iter().any(|other| {
                other.id != c.id
                    && other.strength > c.strength
                    && anchors
                        .iter()
                        .all(|&k| other.alignment.source_of(k).is_some())
                    && !other
                        .tokens
                        .iter()
                        .any(|t| opposite(ours, t.span.slice(&other.text)))
            });
            if said_elsewhere || restated_better {
                continue;
            }
            let span = s.tokens[i].span;
            if out.iter().any(|f| f.span.overlaps(span)) {
                continue;
            }
            let theirs = c.tokens[j].span.slice(&c.text).to_string();
            let matched: Vec<usize> = pairs.iter().map(|p| p.1).collect();
            let message = format!(
                "the sources say {}, the opposite of {}",
                Quoted(&theirs),
                Quoted(ours)
            );
            out.push(Finding::contradiction(
                span,
                &message,
                evidence(s.index, c.id, &c.tokens, &[j], &matched),
                Some(Fix::replace_with(span, theirs)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opposites_in_wordnet_as_one_part_of_speech() {
        assert!(opposite("won", "losing"));
        assert!(opposite("likely", "unlikely"));
        assert!(opposite("rose", "fell"));
        assert!(!opposite("won", "took"));
        assert!(
            !opposite("rejected", "take"),
            "only a rare sense of take is accept"
        );
        assert!(!opposite("likely", "likely"));
        assert!(opposite("more", "less"));
    }
}
