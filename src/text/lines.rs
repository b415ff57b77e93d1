//! Line index of a text: byte offset <-> 1-based line and character column.
//!
//! Lines break where LSP clients, editors and SARIF viewers break them: at `\n`, `\r\n` and a
//! lone `\r` (old Mac files), so the command line and the language server put a finding on the
//! same line. A byte-order mark opening the text is part of line 1's bytes but not of its text:
//! editors do not show it, so it is not a column (spans stay byte offsets into the text as read).
//!
//! Built once per document in O(n); each lookup is a binary search plus a walk of at most
//! [`STRIDE`] bytes, so rendering a report never rescans the whole text, nor a whole line: a
//! source of one 5 MB line costs no more per evidence than any other.

/// Where each line starts, in bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// Bytes of the byte-order mark opening the text (0 or 3).
    bom: usize,
    /// Characters starting before byte `k * STRIDE`, for each `k`.
    chars_before: Vec<usize>,
}

/// Bytes between two character-count checkpoints.
const STRIDE: usize = 1024;

/// U+FEFF at the start of a text: a byte-order mark, not a character of the text.
const BOM: char = '\u{feff}';

/// A 1-based line and a 1-based column counted in Unicode scalar values (characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(line_breaks(text.as_bytes()));
        let mut chars_before = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut count = 0;
        chars_before.push(0);
        for chunk in text.as_bytes().chunks(STRIDE) {
            count += char_starts(chunk);
            chars_before.push(count);
        }
        LineIndex {
            starts,
            len: text.len(),
            bom: if text.starts_with(BOM) {
                BOM.len_utf8()
            } else {
                0
            },
            chars_before,
        }
    }

    /// How many characters of `text` start before byte `offset` (at most `text.len()`).
    fn chars_starting_before(&self, text: &str, offset: usize) -> usize {
        let k = offset / STRIDE;
        self.chars_before[k] + char_starts(&text.as_bytes()[k * STRIDE..offset])
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where the 0-based `line` starts (after the previous line break; 0 for the
    /// first line, byte-order mark or not), if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// Where the text shown for the 0-based `line` starts: after a byte-order mark on line 0.
    fn text_start(&self, line: usize) -> usize {
        let start = self.starts[line];
        if line == 0 {
            start + self.bom
        } else {
            start
        }
    }

    /// 1-based line and character column of a byte offset in `text` (the text this index was
    /// built from). An offset inside a character counts as that character; one inside a
    /// byte-order mark is column 1.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.text_start(line);
        let column = self.chars_starting_before(text, offset.max(start))
            - self.chars_starting_before(text, start);
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The text of the 0-based `line` without its line break (nor a byte-order mark): what an
    /// editor shows, so that [`line_col`](Self::line_col)'s column `c` is its character `c - 1`.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        if line >= self.starts.len() {
            return "";
        }
        let start = self.text_start(line);
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Characters starting in `bytes`: every byte but UTF-8 continuation bytes.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Where each line after the first starts: after every `\n`, and after every `\r` not followed
/// by `\n` (a `\r\n` is one break).
fn line_breaks(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a “quoted” 😀 word\r\nsecond";
        let lines = LineIndex::new(text);
        let word = text.find("word").unwrap();
        assert_eq!(
            lines.line_col(text, word),
            LineCol {
                line: 1,
                column: 14
            }
        );
        let second = text.find("second").unwrap();
        assert_eq!(lines.line_col(text, second), LineCol { line: 2, column: 1 });
        assert_eq!(lines.line_text(text, 0), "a “quoted” 😀 word");
        assert_eq!(lines.line_count(), 2);
    }

    #[test]
    fn columns_on_a_line_longer_than_many_checkpoints() {
        let text = format!("x\n{}", "a😀é".repeat(3 * STRIDE));
        let lines = LineIndex::new(&text);
        for (i, _) in text.char_indices().step_by(7).chain([(text.len(), ' ')]) {
            let slow = text[lines.line_start(lines.line_of(i)).unwrap()..i]
                .chars()
                .count();
            assert_eq!(lines.line_col(&text, i).column, slow + 1, "offset {i}");
        }
        // Inside a character: that character.
        let inside = text.find('😀').unwrap() + 1;
        assert_eq!(lines.line_col(&text, inside).column, 3);
    }

    #[test]
    fn a_lone_carriage_return_breaks_a_line_as_in_editors() {
        // Old Mac endings, Unix, Windows and a blank line between two lone CRs.
        let text = "Intro line.\rSecond\nthird\r\n\r\rlast";
        let lines = LineIndex::new(text);
        let shown: Vec<&str> = (0..lines.line_count())
            .map(|l| lines.line_text(text, l))
            .collect();
        assert_eq!(shown, ["Intro line.", "Second", "third", "", "", "last"]);
        let second = text.find("Second").unwrap();
        assert_eq!(lines.line_col(text, second), LineCol { line: 2, column: 1 });
        let last = text.find("last").unwrap();
        assert_eq!(
            lines.line_col(text, last + 2),
            LineCol { line: 6, column: 3 }
        );
        // The CR of a CRLF ends its line; it does not start an empty one.
        let crlf = text.find("\r\n").unwrap();
        assert_eq!(lines.line_col(text, crlf), LineCol { line: 3, column: 6 });
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}The “16” agencies.\nNext.";
        let lines = LineIndex::new(text);
        let sixteen = text.find("16").unwrap();
        assert_eq!(sixteen, 10, "spans stay offsets into the text as read");
        assert_eq!(
            lines.line_col(text, sixteen),
            LineCol { line: 1, column: 6 }
        );
        assert_eq!(lines.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(lines.line_col(text, 3), LineCol { line: 1, column: 1 });
        assert_eq!(lines.line_text(text, 0), "The “16” agencies.");
        assert_eq!(lines.line_start(0), Some(0));
        let next = text.find("Next").unwrap();
        assert_eq!(
            lines.line_col(text, next + 1),
            LineCol { line: 2, column: 2 }
        );
        // Only at the start of the text is U+FEFF a byte-order mark.
        let inner = "a\u{feff}b";
        assert_eq!(
            LineIndex::new(inner).line_col(inner, inner.find('b').unwrap()),
            LineCol { line: 1, column: 3 }
        );
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let text = "ab\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_col(text, 99), LineCol { line: 2, column: 1 });
    }
}
