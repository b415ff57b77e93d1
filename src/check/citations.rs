//! Citations: runs of draft words that a source states too, verbatim or after normalisation,
//! each with the sources that state it.

use crate::check::evidence::evidence;
use crate::check::finding::Citation;
use crate::check::sentence::Sentence;
use crate::text::Span;

/// A run must hold this many aligned content words to be cited.
const MIN_CONTENT: usize = 2;
/// ... and this many aligned words in all.
const MIN_WORDS: usize = 3;

pub fn citations(s: &Sentence) -> Vec<Citation> {
    let mut found: Vec<Citation> = Vec::new();
    for c in &s.candidates {
        let chains = [&c.alignment.pairs, &c.alignment.crossing];
        for run in chains.into_iter().flat_map(|pairs| runs(pairs)) {
            let content = run
                .iter()
                .filter(|(i, _)| s.tokens[*i].is_content())
                .count();
            if content < MIN_CONTENT || run.len() < MIN_WORDS {
                continue;
            }
            let span = s.token_span(run[0].0, run[run.len() - 1].0);
            let matched: Vec<usize> = run.iter().map(|p| p.1).collect();
            let ev = evidence(
                s.index,
                c.id,
                &c.tokens,
                &[matched[0], matched[matched.len() - 1]],
                &matched,
            );
            add(&mut found, span, ev);
        }
    }
    found.sort_by_key(|c| c.span);
    found
}

/// The citations with the flagged spans cut out: a phrase holding a flagged word is not what
/// the sources state, though its words on either side may be. A piece left with too few words
/// to cite is dropped.
pub fn around_findings(s: &Sentence, cited: Vec<Citation>, flagged: &[Span]) -> Vec<Citation> {
    let mut out = Vec::with_capacity(cited.len());
    for c in cited {
        let mut pieces = vec![c.span];
        for f in flagged {
            pieces = pieces
                .into_iter()
                .flat_map(|p| {
                    if p.overlaps(*f) {
                        vec![
                            Span::new(p.start, f.start.max(p.start)),
                            Span::new(f.end.min(p.end), p.end),
                        ]
                    } else {
                        vec![p]
                    }
                })
                .collect();
        }
        for piece in pieces {
            let inside: Vec<usize> = (0..s.tokens.len())
                .filter(|&i| piece.covers(s.tokens[i].span))
                .collect();
            let content = inside.iter().filter(|&&i| s.tokens[i].is_content()).count();
            if content < MIN_CONTENT || inside.len() < MIN_WORDS {
                continue;
            }
            out.push(Citation {
                span: s.token_span(inside[0], inside[inside.len() - 1]),
                sources: c.sources.clone(),
            });
        }
    }
    out
}

/// Merges a cited span into the citations found so far: overlapping spans become one citation
/// naming every source once.
pub fn add(found: &mut Vec<Citation>, span: Span, ev: crate::check::finding::Evidence) {
    if let Some(existing) = found.iter_mut().find(|c| c.span.overlaps(span)) {
        existing.span = existing.span.join(span);
        if !existing.sources.iter().any(|e| e.source == ev.source) {
            existing.sources.push(ev);
        }
        return;
    }
    found.push(Citation {
        span,
        sources: vec![ev],
    });
}

/// Splits aligned pairs into runs going forward on both sides where neither side skips more
/// than one word.
fn runs(pairs: &[(usize, usize)]) -> Vec<&[(usize, usize)]> {
    let mut out = Vec::new();
    let mut start = 0;
    let step = |from: usize, to: usize| to > from && to - from <= 2;
    for k in 1..=pairs.len() {
        let breaks = k == pairs.len()
            || !step(pairs[k - 1].0, pairs[k].0)
            || !step(pairs[k - 1].1, pairs[k].1);
        if breaks {
            out.push(&pairs[start..k]);
            start = k;
        }
    }
    out
}
