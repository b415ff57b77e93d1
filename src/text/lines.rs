//! Line index of a text: byte offset <-> 1-based line and character column.
//!
//! Built once per document in O(n); each lookup is a binary search plus a walk over one line,
//! so rendering a report never rescans the whole text.

/// Where each line starts, in bytes. Lines end at `\n`; a preceding `\r` belongs to the line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

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
        LineIndex {
            starts,
            len: text.len(),
        }
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
        let column = text[start..]
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .count();
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
    fn offsets_past_the_end_clamp() {
        let text = "ab\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_col(text, 99), LineCol { line: 2, column: 1 });
    }
}
