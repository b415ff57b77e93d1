//! Quotations: text between double quotation marks (straight, curly or guillemets), possibly
//! across line breaks, within one block of prose.

use super::span::{char_at, char_before, Span};

/// One quotation of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to the closing mark, both included.
    pub outer: Span,
    /// The quoted words, between the marks.
    pub inner: Span,
}

/// Quotations in `text`, in order. An opening mark with no closing mark before the end of
/// `text` opens nothing: a stray mark never swallows the rest of a paragraph.
pub fn find_quotations(text: &str) -> Vec<Quotation> {
    let mut found = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (offset of the mark, its length)
    let bytes = text.as_bytes();
    let mut from = 0;
    // Look for the bytes that can start a mark ('"', and the lead bytes of the curly marks
    // and guillemets) rather than decode every character of a source.
    while let Some(skip) = memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[from..]) {
        let i = from + skip;
        // A match is an ASCII byte or a lead byte: a character boundary.
        let Some(c) = char_at(text, i) else {
            break;
        };
        from = i + c.len_utf8();
        if !matches!(c, '“' | '«' | '„' | '”' | '»' | '"') {
            continue;
        }
        let before = char_before(text, i).map(|(_, b)| b);
        let after = char_at(text, i + c.len_utf8());
        let kind = match c {
            '“' | '«' | '„' => {
                // A curly opening mark used as a closing one (seen in machine translation):
                // closing when a quotation is open and no word follows the mark.
                if open.is_some() && after.is_none_or(|a| a.is_whitespace()) {
                    Mark::Close
                } else {
                    Mark::Open
                }
            }
            '”' | '»' => Mark::Close,
            '"' => {
                if open.is_some() {
                    Mark::Close
                } else if before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b)) {
                    Mark::Open
                } else {
                    Mark::Close
                }
            }
            _ => continue,
        };
        match (kind, open) {
            (Mark::Open, _) => open = Some((i, c.len_utf8())),
            (Mark::Close, Some((start, len))) => {
                let inner = Span::within(text, start + len, i);
                if !inner.slice(text).trim().is_empty() {
                    found.push(Quotation {
                        outer: Span::within(text, start, i + c.len_utf8()),
                        inner,
                    });
                }
                open = None;
            }
            (Mark::Close, None) => {}
        }
    }
    found
}

#[derive(Clone, Copy)]
enum Mark {
    Open,
    Close,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        find_quotations(text)
            .iter()
            .map(|q| q.inner.slice(text))
            .collect()
    }

    #[test]
    fn curly_straight_and_across_lines() {
        assert_eq!(
            inner("He said “no more” and \"then\nsome\"."),
            ["no more", "then\nsome"]
        );
        assert_eq!(inner("«bonjour» ok"), ["bonjour"]);
    }

    #[test]
    fn a_stray_mark_opens_nothing() {
        assert_eq!(inner("He said “no more and left."), Vec::<&str>::new());
        assert_eq!(inner("6\" tall and \"quoted\""), ["quoted"]);
    }

    #[test]
    fn an_opening_mark_used_to_close() {
        assert_eq!(
            inner("found “no indication of it. “ Then"),
            ["no indication of it. "]
        );
    }
}
