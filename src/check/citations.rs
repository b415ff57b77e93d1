//! Citations: runs of draft words that a source states too, verbatim or after normalisation,
//! in its order or in another, each with the sources that state it.

use crate::check::evidence::evidence;
use crate::check::finding::Citation;
use crate::check::sentence::{Candidate, Sentence};
use crate::text::Span;

/// A run must hold this many aligned content words to be cited.
const MIN_CONTENT: usize = 2;
/// ... and this many aligned words in all.
const MIN_WORDS: usize = 3;
/// A run the source states in another order must hold this many content words: words
/// meet in any order more easily than in one.
const MIN_REORDERED_CONTENT: usize = 3;
/// How much longer than twice the draft's run the stretch of source holding its words may
/// be: a fronted "On Friday" is stated at the end of the source's clause.
const REORDERED_SLACK: usize = 3;
/// How many content words a candidate must align in order to be searched for a phrase in
/// another order: three content words stated in another order share at least two in order
/// with the source, nearly always, so a candidate that aligns fewer has no such phrase worth
/// the search (a bound for speed).
const MIN_REORDERED_STRENGTH: usize = 2;

pub fn citations(s: &Sentence) -> Vec<Citation> {
    let mut found: Vec<Citation> = Vec::new();
    for c in &s.candidates {
        let chains = [&c.alignment.pairs, &c.alignment.crossing];
        // Long enough to cite: this many content words, and MIN_WORDS words in all.
        let long_enough = |run: &[(usize, usize)], min_content: usize| {
            let content = run.iter().filter(|(i, _)| s.tokens[*i].is_content());
            content.count() >= min_content && run.len() >= MIN_WORDS
        };
        let ordered = chains.into_iter().flat_map(|pairs| runs(s, pairs));
        let ordered = ordered.filter(|run| long_enough(run, MIN_CONTENT));
        let reordered = if c.strength >= MIN_REORDERED_STRENGTH {
            reordered_runs(s, c)
        } else {
            Vec::new()
        };
        let reordered = (reordered.iter().map(Vec::as_slice))
            .filter(|run| long_enough(run, MIN_REORDERED_CONTENT));
        for run in ordered.chain(reordered) {
            // A cited phrase starts and ends on a word that says something ("the IAAF had
            // not yet received", not "... received the"); in a quotation every word does.
            let content =
                |&&(i, _): &&(usize, usize)| s.tokens[i].is_content() || s.in_quotation(i);
            let (Some(first), Some(last)) = (run.iter().find(content), run.iter().rfind(content))
            else {
                continue;
            };
            let span = s.token_span(first.0, last.0);
            let mut matched: Vec<usize> = run.iter().map(|p| p.1).collect();
            matched.sort_unstable();
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
        // A piece no finding cut keeps its words, however few: a short citation found
        // whole ("dredging plan") is not too short to cite.
        let whole = !flagged.iter().any(|f| f.overlaps(c.span));
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
            if inside.is_empty() || !whole && (content < MIN_CONTENT || inside.len() < MIN_WORDS) {
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
fn runs<'p>(s: &Sentence, pairs: &'p [(usize, usize)]) -> Vec<&'p [(usize, usize)]> {
    let mut out = Vec::new();
    let mut start = 0;
    let step = |from: usize, to: usize| to > from && to - from <= 2;
    // The draft may skip a function word, never a content word: a cited phrase holds only
    // content words the source states ("closes to cars at 9pm" is not what "closes to
    // visitors at 9pm" states).
    let draft_step = |from: usize, to: usize| {
        step(from, to) && (to == from + 1 || !s.tokens[from + 1].is_content())
    };
    for k in 1..=pairs.len() {
        let breaks = k == pairs.len()
            || !draft_step(pairs[k - 1].0, pairs[k].0)
            || !step(pairs[k - 1].1, pairs[k].1);
        if breaks {
            out.push(&pairs[start..k]);
            start = k;
        }
    }
    out
}

/// Runs of draft words that one source sentence states in another order ("finished Friday
/// at 270.25p" / "closed at 270.25p on Friday"), as (draft, source) pairs in draft order:
/// draft words in a row, each of which the source has in one of its meanings (one function
/// word may be skipped between them, never a content word), all within a stretch of the
/// source at most twice the run's length and [`REORDERED_SLACK`] words. A run starts and
/// ends on a content word, and leaves quotations alone: their words in another order are not
/// what was said.
fn reordered_runs(s: &Sentence, c: &Candidate) -> Vec<Vec<(usize, usize)>> {
    // The source's words by stem, sorted: one allocation per candidate, not one per stem.
    let mut at: Vec<(u64, usize)> = c.tokens.iter().map(|t| t.stem).zip(0..).collect();
    at.sort_unstable();
    // Where in the source draft word `i` is stated, into `found`, in the source's order.
    let places = |i: usize, found: &mut Vec<usize>| {
        found.clear();
        let t = &s.tokens[i];
        if s.in_quotation(i) {
            return;
        }
        let stems = if t.is_content() {
            s.meanings[i].stems()
        } else {
            std::slice::from_ref(&t.stem)
        };
        for &stem in stems {
            let first = at.partition_point(|&(st, _)| st < stem);
            found.extend(
                at[first..]
                    .iter()
                    .take_while(|&&(st, _)| st == stem)
                    .map(|&(_, j)| j),
            );
        }
        found.sort_unstable();
        found.dedup();
    };
    let mut found = Vec::new();
    let mut out: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    let close = |run: &mut Vec<(usize, usize)>, out: &mut Vec<Vec<(usize, usize)>>| {
        while run.last().is_some_and(|&(i, _)| !s.tokens[i].is_content()) {
            run.pop();
        }
        if !run.is_empty() {
            out.push(std::mem::take(run));
        }
    };
    for i in 0..s.tokens.len() {
        if run.last().is_some_and(|&(last, _)| i - last > 2) {
            close(&mut run, &mut out);
        }
        places(i, &mut found);
        // One source word states one draft word.
        found.retain(|j| !run.iter().any(|p| p.1 == *j));
        if found.is_empty() {
            // A content word the source does not state ends the run: cited words in another
            // order must all be the source's ("upheld the provisional bans" is not cited
            // by "overturned the provisional ban").
            if s.tokens[i].is_content() {
                close(&mut run, &mut out);
            }
            continue;
        }
        let (lo, hi) = run
            .iter()
            .fold((usize::MAX, 0), |(lo, hi), &(_, j)| (lo.min(j), hi.max(j)));
        let Some(&(first, _)) = run.first() else {
            if s.tokens[i].is_content() {
                run.push((i, found[0]));
            }
            continue;
        };
        // The place nearest the stretch the run holds so far.
        let distance = |j: usize| lo.saturating_sub(j) + j.saturating_sub(hi);
        let j = found
            .iter()
            .copied()
            .min_by_key(|&j| distance(j))
            .unwrap_or(found[0]);
        let width = hi.max(j) - lo.min(j) + 1;
        if width > 2 * (i - first + 1) + REORDERED_SLACK {
            close(&mut run, &mut out);
            if s.tokens[i].is_content() {
                run.push((i, found[0]));
            }
            continue;
        }
        run.push((i, j));
    }
    close(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::index::Index;
    use crate::text::quotes::find_quotations;

    /// The phrases of `draft` cited from `source`.
    fn cited(source: &str, draft: &str) -> Vec<String> {
        let index = Index::build(Corpus::from_texts([("source.txt", source)]));
        let s = Sentence::read(&index, draft, find_quotations(draft));
        citations(&s)
            .iter()
            .map(|c| c.span.slice(draft).to_string())
            .collect()
    }

    #[test]
    fn a_phrase_in_another_order_is_cited() {
        let source = "Manchester United shares closed at 270.25p on Friday.";
        assert_eq!(
            cited(source, "On Friday United shares closed at 270.25p."),
            ["Friday United shares closed at 270.25p"]
        );
    }

    #[test]
    fn a_content_word_the_source_lacks_is_never_cited() {
        let source = "The harbour closes to visitors at 9pm each night.";
        // In order or not, "cars" is not the source's word: it splits the citation.
        assert_eq!(
            cited(source, "The harbour closes to cars at 9pm each night."),
            ["harbour closes", "9pm each night"]
        );
        assert_eq!(
            cited(
                source,
                "At 9pm each night cars are kept out of the harbour."
            ),
            ["9pm each night"]
        );
    }

    #[test]
    fn words_far_apart_in_the_source_are_no_phrase() {
        let source = "Lee said the budget was agreed on Monday, a week before the plan \
                      for the new harbour wall and the marina was published by the board.";
        // "Monday", "board" and "published" are all in the source, but nowhere near one
        // another: no phrase of it says what the draft's does.
        assert_eq!(
            cited(source, "On Monday the board published."),
            Vec::<String>::new()
        );
    }
}
