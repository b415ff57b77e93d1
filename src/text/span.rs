//! Byte spans: the one currency every layer trades in, and the one place byte offsets become
//! text.
//!
//! The engine reports UTF-8 byte ranges into the text as the writer wrote it; the CLI and the
//! language server turn them into lines and columns at the edge, never earlier.
//!
//! Offsets are found by arithmetic (a word's end, a window around the words that matter, a
//! piece of a long run), often on one text and used on another (Markdown prose blanks code
//! byte by byte, so a blank of the prose may be the middle of a character of the file). An
//! offset inside a character is a bug, and slicing there would panic. So every span is sliced
//! by [`Span::slice`], and every span made from computed offsets goes through [`Span::within`]:
//! both assert in debug builds (every test and fuzz run) that no character is cut, and in a
//! release build widen the span to the characters it touches, so such a bug costs a highlight
//! a character too wide, never a crash. Stepping over characters goes through
//! [`floor_boundary`], [`ceil_boundary`], [`char_before`] and [`char_at`], never `± 1` on a
//! byte offset.

use serde::Serialize;

/// A half-open range of UTF-8 byte offsets, `start..end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// The span `start..end` of `text`, from offsets found by arithmetic. Offsets that cut a
    /// character, leave the text or run backwards are a bug: asserted in debug builds, and in
    /// release builds widened to whole characters and clamped to the text.
    pub fn within(text: &str, start: usize, end: usize) -> Span {
        let span = Span { start, end };
        span.assert_fits(text);
        span.fitted(text)
    }

    /// The span of `text` between `before` and `after` (empty where they touch or overlap).
    pub fn between(text: &str, before: Span, after: Span) -> Span {
        Span::within(text, before.end, after.start.max(before.end))
    }

    /// Whether the span can be sliced from `text`: in order, inside it, on character
    /// boundaries.
    pub fn fits(self, text: &str) -> bool {
        text.get(self.start..self.end).is_some()
    }

    fn assert_fits(self, text: &str) {
        if cfg!(debug_assertions) && !self.fits(text) {
            let near = Span {
                start: self.start.saturating_sub(40),
                end: self.end.saturating_add(40),
            }
            .fitted(text);
            panic!(
                "span {}..{} cuts a character or leaves a text of {} bytes, near {:?}",
                self.start,
                self.end,
                text.len(),
                &text[near.start..near.end]
            );
        }
    }

    /// The span widened to the characters it touches and clamped to `text`.
    fn fitted(self, text: &str) -> Span {
        let end = ceil_boundary(text, self.end);
        let start = floor_boundary(text, self.start.min(end));
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn covers(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The same span moved right by `offset` bytes: sentence-local spans become document spans.
    pub fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span's text. A span that does not fit `text` (see [`Span::within`]) is a bug:
    /// asserted in debug builds, widened to whole characters in release builds.
    pub fn slice(self, text: &str) -> &str {
        if let Some(s) = text.get(self.start..self.end) {
            return s;
        }
        self.assert_fits(text);
        let fitted = self.fitted(text);
        &text[fitted.start..fitted.end]
    }

    /// The span without the white space at its ends (white space only: an empty span at its
    /// end).
    pub fn trimmed(self, text: &str) -> Span {
        let s = self.slice(text);
        let start = self.start + (s.len() - s.trim_start().len());
        Span::within(text, start, start + s.trim().len())
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// The start of the character holding byte `at` of `text` (`at` itself on a boundary; the
/// text's end past it).
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The end of the character holding byte `at` of `text` (`at` itself on a boundary; the
/// text's end past it).
pub fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The character that ends at byte `at` of `text`, with its offset (none at the start).
pub fn char_before(text: &str, at: usize) -> Option<(usize, char)> {
    let before = Span::within(text, 0, at);
    let c = before.slice(text).chars().next_back()?;
    Some((before.end - c.len_utf8(), c))
}

/// The character that starts at byte `at` of `text` (none at the end).
pub fn char_at(text: &str, at: usize) -> Option<char> {
    Span::within(text, at, text.len())
        .slice(text)
        .chars()
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_strict_at_the_edges() {
        let a = Span::new(2, 5);
        assert!(a.overlaps(Span::new(4, 9)));
        assert!(!a.overlaps(Span::new(5, 9)));
        assert!(!a.overlaps(Span::new(0, 2)));
        assert_eq!(a.join(Span::new(7, 8)), Span::new(2, 8));
        assert_eq!(a.shift(10), Span::new(12, 15));
    }

    /// "é" is bytes 1..3, the no-break space 5..7.
    const TEXT: &str = "xé y\u{a0}z";

    #[test]
    fn a_span_that_cuts_a_character_is_widened_to_whole_characters() {
        assert_eq!(Span::new(2, 6).fitted(TEXT), Span::new(1, 7));
        assert_eq!(Span::new(2, 2).fitted(TEXT), Span::new(1, 3));
        assert_eq!(Span::new(6, 99).fitted(TEXT), Span::new(5, TEXT.len()));
        assert_eq!(Span { start: 9, end: 2 }.fitted(TEXT), Span::new(3, 3));
        assert_eq!(Span::new(0, 3).fitted(TEXT), Span::new(0, 3));
    }

    #[test]
    #[cfg_attr(debug_assertions, should_panic(expected = "cuts a character"))]
    fn slicing_inside_a_character_is_caught_in_debug_builds_and_widened_in_release() {
        assert_eq!(Span::new(2, 6).slice(TEXT), "é y\u{a0}");
    }

    #[test]
    #[cfg_attr(debug_assertions, should_panic(expected = "cuts a character"))]
    fn arithmetic_inside_a_character_is_caught_in_debug_builds_and_widened_in_release() {
        assert_eq!(Span::within(TEXT, 6, 8), Span::new(5, 8));
    }

    #[test]
    fn characters_are_stepped_over_whole() {
        assert_eq!(floor_boundary(TEXT, 2), 1);
        assert_eq!(ceil_boundary(TEXT, 2), 3);
        assert_eq!(ceil_boundary(TEXT, 99), TEXT.len());
        assert_eq!(char_before(TEXT, 7), Some((5, '\u{a0}')));
        assert_eq!(char_before(TEXT, 0), None);
        assert_eq!(char_at(TEXT, 1), Some('é'));
        assert_eq!(char_at(TEXT, TEXT.len()), None);
        let padded = " \u{a0}a b\u{2009}";
        assert_eq!(Span::new(0, padded.len()).trimmed(padded), Span::new(3, 6));
        assert_eq!(
            Span::between(TEXT, Span::new(0, 3), Span::new(1, 2)),
            Span::new(3, 3)
        );
    }
}
