//! Text handling shared by sources and drafts: spans, line indexes, tokens with their way back
//! to the writer's bytes, sentences, quotations and Markdown prose.

pub mod lexicon;
pub mod lines;
pub mod markdown;
pub mod quotes;
pub mod sentences;
pub mod span;
pub mod tokens;

pub use lines::{LineCol, LineIndex};
pub use span::Span;
pub use tokens::{
    content_stems, glued_number_stems, is_number_stem, neighbouring_bands, number_stem, pair_stem,
    tokenize, Token,
};

/// One sentence of prose with the quotations inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub span: Span,
    pub quotations: Vec<quotes::Quotation>,
    /// A piece of a run over [`sentences::MAX_SENTENCE_BYTES`] with no sentence end, cut so
    /// that no check is unbounded; a quotation across a cut is not checked.
    pub capped: bool,
}

/// The sentences of a text's prose, in order, each with its quotations.
pub fn segments(prose: &markdown::Prose) -> Vec<Segment> {
    let mut out = Vec::new();
    for block in prose.blocks() {
        block_segments(prose, block, &mut out);
    }
    out
}

/// Adds the sentences of one block of `prose` to `out`. The index reads a source block by
/// block: the sentences of a whole book at once would be one large allocation after another.
pub fn block_segments(prose: &markdown::Prose, block: Span, out: &mut Vec<Segment>) {
    let quotations: Vec<quotes::Quotation> = quotes::find_quotations(block.slice(&prose.text))
        .into_iter()
        .map(|q| quotes::Quotation {
            outer: q.outer.shift(block.start),
            inner: q.inner.shift(block.start),
        })
        .collect();
    // Sentences and quotations are both in order and do not overlap among themselves: one
    // pass over each hands every sentence its quotations (a block of thousands of quoted
    // sentences stays linear).
    let mut next = 0;
    for (span, capped) in sentences::split_sentences_marked(&prose.text, block, &quotations) {
        while next < quotations.len() && quotations[next].outer.start < span.start {
            next += 1;
        }
        let first = next;
        while next < quotations.len() && quotations[next].outer.start < span.end {
            next += 1;
        }
        let inside = quotations[first..next]
            .iter()
            .filter(|q| span.covers(q.outer))
            .copied()
            .collect();
        out.push(Segment {
            span,
            quotations: inside,
            capped,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_markdown_run_is_cut_where_a_word_of_the_file_ends() {
        // A paragraph over the cap with no sentence end. Inline code is blanked byte by byte in
        // the prose, so the last blank of the first 4 KiB is byte 4095: the middle of an "é"
        // of the file (bytes 4094..4096).
        let text = format!(
            "{}x`{}` and more words. Next.",
            "w ".repeat(2046),
            "é".repeat(200)
        );
        assert_eq!(text.find('é'), Some(4094));
        let prose = markdown::prose(&text, markdown::Format::Markdown);
        let pieces = segments(&prose);
        assert_eq!(pieces[0].span, Span::new(0, 4093));
        assert!(pieces[0].capped);
        for piece in &pieces {
            assert!(
                piece.span.fits(&text),
                "{:?} cuts the file's text",
                piece.span
            );
        }
    }
}
