//! Sentence splitting within a block of prose. A sentence never ends inside a quotation, so a
//! quoted passage is always checked whole, and the sentence is the unit the checker caches.

use super::quotes::Quotation;
use super::span::{char_at, floor_boundary, Span};

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "sgt",
    "capt", "prof", "inc", "corp", "co", "ltd", "vs", "etc", "no", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e",
    "mt", "ft", "fig", "approx", "dept", "est", "vol", "pp",
];

/// The longest sentence the checker reads at once, in bytes; longer runs are cut so that no
/// adversarial paragraph makes one check unbounded.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Sentences of `block` (a span of `text`), trimmed of surrounding white space, given the
/// quotations of `text`.
pub fn split_sentences(text: &str, block: Span, quotations: &[Quotation]) -> Vec<Span> {
    split_sentences_marked(text, block, quotations)
        .into_iter()
        .map(|(span, _)| span)
        .collect()
}

/// [`split_sentences`], each sentence marked `true` when it is a piece of a run cut at
/// [`MAX_SENTENCE_BYTES`].
pub fn split_sentences_marked(
    text: &str,
    block: Span,
    quotations: &[Quotation],
) -> Vec<(Span, bool)> {
    let mut sentences = Vec::new();
    let mut start = block.start;
    let body = block.slice(text);
    let bytes = body.as_bytes();
    let mut from = 0;
    let mut terminals = TerminalBytes::new(bytes);
    while let Some(i) = terminals.next_from(from) {
        // A match is an ASCII byte or a lead byte: a character boundary.
        let Some(c) = char_at(body, i) else {
            break;
        };
        from = i + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let at = block.start + i;
        // Take closing quotes and brackets that belong to this sentence.
        let mut end = at + c.len_utf8();
        for d in Span::within(body, from, body.len()).slice(body).chars() {
            if !matches!(
                d,
                '.' | '!' | '?' | '”' | '"' | '’' | '\'' | ')' | ']' | '»'
            ) {
                break;
            }
            end += d.len_utf8();
            from += d.len_utf8();
        }
        let rest = Span::within(text, end, block.end).slice(text);
        let next = rest.trim_start();
        let spaced = rest.len() > next.len();
        let next_starts = next
            .chars()
            .next()
            .is_none_or(|n| n.is_uppercase() || n.is_ascii_digit() || "“\"‘'«([".contains(n));
        let terminal = Span::new(at, at + c.len_utf8());
        if !(spaced || glued_after_figure(text, at, next))
            || !next_starts
            || inside_quotation(terminal, quotations)
        {
            continue;
        }
        if c == '.' && is_abbreviation(Span::within(text, start, at).slice(text)) {
            continue;
        }
        push_trimmed(text, Span::new(start, end), &mut sentences);
        start = end;
    }
    push_trimmed(text, Span::new(start, block.end), &mut sentences);
    sentences
}

/// Whether a full stop at byte `at`, with no space after it, still ends a sentence: text
/// pasted together without its space puts a figure's last digit right before the next
/// sentence's first word ("grossed a total of $979,603.The film opened"). A full stop
/// between a digit and a capitalised word is no decimal point (a digit follows one) and no
/// abbreviation (its letters would be before it).
fn glued_after_figure(text: &str, at: usize, next: &str) -> bool {
    let digit_before = text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    let mut after = next.chars();
    let word_after = after.next().is_some_and(char::is_uppercase)
        && after.next().is_some_and(char::is_lowercase);
    text[at..].starts_with('.') && digit_before && word_after
}

/// Where the bytes that can start a terminal are, in order: '.', '!', '?' and 0xE2 (the lead
/// byte of '…', and of curly quotes). Sources are megabytes: the two kinds are searched apart
/// with `memchr`, each search resumed only once the text passed its last find, rather than
/// every character decoded.
struct TerminalBytes<'b> {
    bytes: &'b [u8],
    /// The next '.', '!' or '?' from the last place asked (`None`: there are no more).
    mark: Option<usize>,
    /// The next 0xE2 byte, likewise.
    lead: Option<usize>,
}

impl<'b> TerminalBytes<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        TerminalBytes {
            bytes,
            mark: Self::mark(bytes, 0),
            lead: Self::lead(bytes, 0),
        }
    }

    fn mark(bytes: &[u8], from: usize) -> Option<usize> {
        memchr::memchr3(b'.', b'!', b'?', bytes.get(from..)?).map(|at| from + at)
    }

    fn lead(bytes: &[u8], from: usize) -> Option<usize> {
        memchr::memchr(0xE2, bytes.get(from..)?).map(|at| from + at)
    }

    /// The first terminal byte at or after `from`; `from` never goes back.
    fn next_from(&mut self, from: usize) -> Option<usize> {
        if self.mark.is_some_and(|at| at < from) {
            self.mark = Self::mark(self.bytes, from);
        }
        if self.lead.is_some_and(|at| at < from) {
            self.lead = Self::lead(self.bytes, from);
        }
        match (self.mark, self.lead) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Whether the terminal mark stands inside a quotation with words after it (a stop that closes
/// the quoted words, "…” or ".”", may end the sentence). The mark may be several bytes: "…".
fn inside_quotation(terminal: Span, quotations: &[Quotation]) -> bool {
    let i = quotations.partition_point(|q| q.outer.end <= terminal.start);
    quotations
        .get(i)
        .is_some_and(|q| q.inner.start <= terminal.start && terminal.end < q.inner.end)
}

fn is_abbreviation(before: &str) -> bool {
    // The word before the period: the letters, digits and periods that end `before`.
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = Span::within(before, start, before.len()).slice(before);
    if word.is_ascii() {
        // Every period of a text asks: no allocation for the usual case. (The list is in
        // ASCII lower case, and ASCII lower-casing keeps one byte per character.)
        let single_letter = word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic();
        return single_letter || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    }
    let word = word.to_lowercase();
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    single_letter || ABBREVIATIONS.contains(&word.as_str())
}

/// Adds the span without its surrounding white space, cut into pieces of at most
/// `MAX_SENTENCE_BYTES` at white space (the pieces marked `true`).
///
/// A piece ends where a word ends, never at the white space after it: `text` may be Markdown
/// prose, whose blanks stand for every byte of code or a link target, and a blank may be the
/// middle of a character of the file the piece is a span of. A word is the file's own
/// characters, so its end is a character boundary in both.
fn push_trimmed(text: &str, span: Span, out: &mut Vec<(Span, bool)>) {
    let trimmed = span.trimmed(text);
    if trimmed.is_empty() {
        return;
    }
    let (mut start, end) = (trimmed.start, trimmed.end);
    let capped = trimmed.len() > MAX_SENTENCE_BYTES;
    while end - start > MAX_SENTENCE_BYTES {
        let window = Span::within(
            text,
            start,
            floor_boundary(text, start + MAX_SENTENCE_BYTES),
        );
        let words = window.slice(text);
        // Up to the end of the last word followed by white space; the window whole when it is
        // one word (its characters are all the file's own).
        let cut = words
            .trim_end_matches(|c: char| !c.is_whitespace())
            .trim_end()
            .len();
        let cut = if cut == 0 { words.len() } else { cut };
        out.push((Span::within(text, start, start + cut), true));
        start = Span::within(text, start + cut, end).trimmed(text).start;
    }
    if start < end {
        out.push((Span::within(text, start, end), capped));
    }
}

#[cfg(test)]
mod tests {
    use super::super::quotes::find_quotations;
    use super::*;

    #[test]
    fn terminal_bytes_are_found_in_order_from_wherever_the_split_goes_on() {
        let text = "“A” b. C… d?! ‘e’ f. g".as_bytes();
        let naive = |from: usize| {
            (from..text.len()).find(|&i| matches!(text[i], b'.' | b'!' | b'?' | 0xE2))
        };
        // Every start, and starts that skip past finds of both kinds.
        for step in 1..6 {
            let mut terminals = TerminalBytes::new(text);
            for from in (0..=text.len() + 1).step_by(step) {
                assert_eq!(terminals.next_from(from), naive(from), "from {from}");
            }
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        let q = find_quotations(text);
        split_sentences(text, Span::new(0, text.len()), &q)
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_but_not_abbreviations() {
        assert_eq!(
            sentences("Mr. Smith went to the U.S. on Tuesday. He left.  Then? Yes."),
            [
                "Mr. Smith went to the U.S. on Tuesday.",
                "He left.",
                "Then?",
                "Yes."
            ]
        );
    }

    #[test]
    fn a_figure_glued_to_the_next_sentence_ends_its_sentence() {
        assert_eq!(
            sentences("It has grossed a total of $979,603.The film opened in two theaters."),
            [
                "It has grossed a total of $979,603.",
                "The film opened in two theaters."
            ]
        );
        // A decimal point and an abbreviation are no sentence end.
        assert_eq!(
            sentences("It rose 2.5 per cent."),
            ["It rose 2.5 per cent."]
        );
        assert_eq!(
            sentences("He ran on the U.S.Open course."),
            ["He ran on the U.S.Open course."]
        );
    }

    #[test]
    fn never_inside_a_quotation() {
        assert_eq!(
            sentences("She said “It failed. We know.” Then she left."),
            ["She said “It failed. We know.”", "Then she left."]
        );
    }

    #[test]
    fn a_quotation_ending_in_an_ellipsis_ends_its_sentence_as_a_stop_does() {
        assert_eq!(
            sentences("She said “It failed… We know…” Then she left."),
            ["She said “It failed… We know…”", "Then she left."]
        );
        assert_eq!(
            sentences("She said “It failed. We know.” Then she left."),
            ["She said “It failed. We know.”", "Then she left."]
        );
    }

    #[test]
    fn long_runs_are_cut() {
        let text = "word ".repeat(3000);
        let parts = sentences(&text);
        assert!(parts.len() >= 3);
        assert!(parts.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
    }
}
