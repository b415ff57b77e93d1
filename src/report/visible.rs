//! Text from drafts and sources (and their file names) made safe to print on a terminal or
//! into a CI log: a character a terminal would act on, or one that changes how the text around
//! it reads, is written as its code point (`\u{1b}`), never sent raw.
//!
//! Raw, such characters let a hostile document set the window title (`ESC ] 0 ;`), write the
//! clipboard (OSC 52), move the cursor and erase the finding just printed, start a new line
//! that a CI runner reads as a command (`\n::error::`), or reverse the words shown (U+202E).
//!
//! Why `\u{1b}` and not Unicode's control pictures (`␛`, which rustc prints): only C0 controls
//! and DEL have pictures, not C1 controls (U+009B is a one-byte CSI to some terminals) nor the
//! bidirectional controls, and a picture reads the same as that picture character written in a
//! document. The escape is ASCII, shows in any font, and names the character exactly. A
//! backslash in a document is left as it is: a literal `\u{1b}` in the text can look like an
//! escape, but it cannot act like one.

use std::borrow::Cow;
use std::fmt::Write;

/// True for a character shown escaped: the control characters (C0 including tab and line
/// breaks, DEL, C1), the bidirectional marks, embeddings, overrides and isolates, and the line
/// and paragraph separators.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `s` with every [hidden](is_hidden) character written as its code point: `a\u{1b}[2Kb`.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c` to `out` as [`visible`] writes it; returns how many columns it takes (one per
/// character written, as the report's underline counts them).
pub fn push_visible(out: &mut String, c: char) -> usize {
    if is_hidden(c) {
        let before = out.len();
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
        out.len() - before
    } else {
        out.push(c);
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_commands_are_shown_not_run() {
        assert_eq!(
            visible("report.\x1b]0;PWNED\x07\x1b[1A\x1b[2K"),
            r"report.\u{1b}]0;PWNED\u{7}\u{1b}[1A\u{1b}[2K"
        );
        assert_eq!(visible("a\n::error::b\r"), r"a\u{a}::error::b\u{d}");
        assert_eq!(visible("\u{9b}2J \u{7f}\t"), r"\u{9b}2J \u{7f}\u{9}");
    }

    #[test]
    fn reordering_and_separating_characters_are_shown() {
        assert_eq!(
            visible("abc\u{202e}fed\u{2066}x\u{2069}\u{2028}"),
            r"abc\u{202e}fed\u{2066}x\u{2069}\u{2028}"
        );
    }

    #[test]
    fn ordinary_text_is_untouched_and_not_copied() {
        let text = "“Émile” — 😀 said C:\\path, 100% sure\u{a0}today";
        assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn widths_are_the_characters_written() {
        let mut out = String::new();
        assert_eq!(push_visible(&mut out, 'é'), 1);
        assert_eq!(push_visible(&mut out, '\x1b'), 6);
        assert_eq!(out, r"é\u{1b}");
    }
}
