//! Turning a source sentence into evidence: the source's exact words, where they are, and which
//! of them match the draft.

use crate::check::finding::Evidence;
use crate::index::{Index, SentenceId};
use crate::text::span::{ceil_boundary, floor_boundary};
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
        window = Span::within(
            &doc.text,
            start.max(sentence.span.start),
            end.min(sentence.span.end),
        );
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

/// The start of the word holding `at`, not before `bound.start`: just after the white space
/// before it (which may be several bytes: a no-break space, U+205F, U+1680).
fn word_start(text: &str, bound: Span, at: usize) -> usize {
    let before = Span::within(
        text,
        bound.start,
        floor_boundary(text, at.clamp(bound.start, bound.end)),
    );
    match before
        .slice(text)
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace())
    {
        Some((ws, c)) => before.start + ws + c.len_utf8(),
        None => before.start,
    }
}

/// The end of the word holding `at`, not after `bound.end`.
fn word_end(text: &str, bound: Span, at: usize) -> usize {
    let after = Span::within(
        text,
        ceil_boundary(text, at.clamp(bound.start, bound.end)),
        bound.end,
    );
    match after.slice(text).find(char::is_whitespace) {
        Some(ws) => after.start + ws,
        None => after.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_edge_lands_on_a_word_after_white_space_of_any_width() {
        // A no-break space, U+205F and U+1680 are two or three bytes; a window edge anywhere
        // in "two" or in the space before it starts at "two".
        for space in ["\u{a0}", "\u{205f}", "\u{1680}", " "] {
            let text = format!("one{space}two{space}three");
            let all = Span::new(0, text.len());
            let two = text.find("two").unwrap_or_default();
            for at in 3..two + 3 {
                let start = word_start(&text, all, at);
                assert_eq!(start, if at < two { 0 } else { two }, "{text:?} at {at}");
                let end = word_end(&text, all, at);
                let after_two = two + 3;
                assert_eq!(end, if at <= 3 { 3 } else { after_two }, "{text:?} at {at}");
            }
        }
    }
}
