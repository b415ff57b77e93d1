//! Line index of a text: byte offset <-> 1-based line and character column.
//!
//! Built once per document in O(n); each lookup is a binary search plus a walk of at most
//! [`STRIDE`] bytes, so rendering a report never rescans the whole text, nor a whole line: a
//! source of one 5 MB line costs no more per evidence than any other.

/// Where each line starts, in bytes. Lines end at `\n`; a preceding `\r` belongs to the line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// Characters starting before byte `k * STRIDE`, for each `k`.
    chars_before: Vec<usize>,
}

/// Bytes between two character-count checkpoints.
const STRIDE: usize = 1024;

/// A 1-based line and a 1-based column counted in Unicode scalar values (characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
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

    /// Byte offset where the 0-based `line` starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// 1-based line and character column of a byte offset in `text` (the text this index was
    /// built from). An offset inside a character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column =
            self.chars_starting_before(text, offset) - self.chars_starting_before(text, start);
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The text of the 0-based `line` without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line) else {
            return "";
        };
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Characters starting in `bytes`: every byte but UTF-8 continuation bytes.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
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
    fn offsets_past_the_end_clamp() {
        let text = "ab\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_col(text, 99), LineCol { line: 2, column: 1 });
    }
}
