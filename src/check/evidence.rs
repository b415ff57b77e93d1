//! Turning a source sentence into evidence: the source's exact words, where they are, and which
//! of them match the draft.

use crate::check::finding::Evidence;
use crate::index::{Index, SentenceId};
use crate::text::{Span, Token};

/// Evidence quotes longer than this are cut to a window around the words that matter.
const MAX_QUOTE_BYTES: usize = 320;

/// Evidence for source sentence `id`, whose tokens are `tokens`; `focus` are the source tokens
/// that matter (matched or contradicting), `matched` those to mark as matching the draft.
pub fn evidence(
    index: &Index,
    id: SentenceId,
    tokens: &[Token],
    focus: &[usize],
    matched: &[usize],
) -> Evidence {
    let sentence = index.sentence(id);
    let doc = index.document(sentence.doc);
    let mut window = sentence.span;
    if window.len() > MAX_QUOTE_BYTES && !focus.is_empty() {
        let first = tokens[*focus.iter().min().unwrap_or(&0)].span.start;
        let last = tokens[*focus.iter().max().unwrap_or(&0)].span.end;
        let slack = MAX_QUOTE_BYTES.saturating_sub(last - first) / 2;
        let start = word_start(
            &doc.text,
            sentence.span,
            (sentence.span.start + first).saturating_sub(slack),
        );
        let end = word_end(&doc.text, sentence.span, sentence.span.start + last + slack);
        window = Span::new(start.max(sentence.span.start), end.min(sentence.span.end));
    }
    let quote = window.slice(&doc.text).into();
    let matched = matched
        .iter()
        .map(|&k| tokens[k].span.shift(sentence.span.start))
        .filter(|s| window.covers(*s))
        .map(|s| Span::new(s.start - window.start, s.end - window.start))
        .collect();
    let at = doc.lines().line_col(&doc.text, window.start);
    Evidence {
        source: doc.name.clone(),
        path: doc.path.clone(),
        line: at.line,
        column: at.column,
        span: window,
        quote,
        matched,
    }
}

/// The start of the word holding `at`, not before `bound.start`.
fn word_start(text: &str, bound: Span, mut at: usize) -> usize {
    at = at.max(bound.start);
    while at > bound.start && !text.is_char_boundary(at) {
        at -= 1;
    }
    match text[bound.start..at].rfind(char::is_whitespace) {
        Some(ws) => bound.start + ws + 1,
        None => bound.start,
    }
}

/// The end of the word holding `at`, not after `bound.end`.
fn word_end(text: &str, bound: Span, mut at: usize) -> usize {
    at = at.min(bound.end);
    while at < bound.end && !text.is_char_boundary(at) {
        at += 1;
    }
    match text[at..bound.end].find(char::is_whitespace) {
        Some(ws) => at + ws,
        None => bound.end,
    }
}
