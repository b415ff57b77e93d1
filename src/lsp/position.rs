//! Positions: the engine speaks UTF-8 byte offsets, LSP speaks lines and columns counted in
//! the negotiated encoding (UTF-8 bytes when the client offers it, else UTF-16 code units).
//!
//! Conversions go through the document's rope (O(log n) each), never a scan of the whole text,
//! and out-of-range positions are clamped the way the LSP specification says (a column past
//! the end of a line means the end of that line) and reported, never a panic.

use ropey::Rope;
use tower_lsp_server::ls_types::{
    ClientCapabilities, Position, PositionEncodingKind, Range as LspRange,
};

use crate::text::{LineIndex, Span};

/// How columns are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// The LSP default, and what every client supports.
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it (no conversion at all), else UTF-16, which every client
    /// must support.
    pub fn negotiate(capabilities: &ClientCapabilities) -> Encoding {
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// A position the text does not have; the offset it was clamped to is still usable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    pub position: Position,
    pub lines: usize,
    pub clamped: usize,
}

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "position {}:{} is past the end of a document of {} lines",
            self.position.line, self.position.character, self.lines
        )
    }
}

/// The byte offset of an LSP position. A column past the end of its line is the end of the
/// line (as the specification says); a line past the end of the text is an error carrying the
/// end of the text.
pub fn offset(rope: &Rope, position: Position, encoding: Encoding) -> Result<usize, OutOfRange> {
    let line = position.line as usize;
    // `len_lines` counts the empty line after a final line break, which is a real position.
    if line >= rope.len_lines() {
        return Err(OutOfRange {
            position,
            lines: rope.len_lines(),
            clamped: rope.len_bytes(),
        });
    }
    let start = rope.line_to_byte(line);
    let content = line_content_bytes(rope, line);
    let column = position.character as usize;
    let byte = match encoding {
        Encoding::Utf8 => {
            // Round down to the start of the character a column lands inside.
            let at = start + column.min(content);
            rope.char_to_byte(rope.byte_to_char(at))
        }
        Encoding::Utf16 => {
            let first = rope.byte_to_char(start);
            let base = rope.char_to_utf16_cu(first);
            let last = rope.char_to_utf16_cu(rope.byte_to_char(start + content));
            let cu = (base + column).min(last);
            rope.char_to_byte(rope.utf16_cu_to_char(cu))
        }
    };
    Ok(byte)
}

/// The LSP position of a byte offset (clamped to the text, rounded down to a character).
pub fn position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_idx);
    let start_char = rope.line_to_char(line);
    let character = match encoding {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.char_to_byte(start_char),
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(start_char),
    };
    Position::new(line as u32, character as u32)
}

pub fn range(rope: &Rope, span: Span, encoding: Encoding) -> LspRange {
    LspRange::new(
        position(rope, span.start, encoding),
        position(rope, span.end, encoding),
    )
}

/// The byte span of an LSP range; an inverted range is put right way round.
pub fn span(rope: &Rope, range: LspRange, encoding: Encoding) -> Result<Span, OutOfRange> {
    let a = offset(rope, range.start, encoding)?;
    let b = offset(rope, range.end, encoding)?;
    Ok(Span::new(a.min(b), a.max(b)))
}

/// Bytes of a line without its line ending.
fn line_content_bytes(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut len = slice.len_bytes();
    let mut chars = slice.chars_at(slice.len_chars());
    if let Some(last) = chars.prev() {
        if last == '\n' {
            len -= 1;
            if chars.prev() == Some('\r') {
                len -= 1;
            }
        } else if last == '\r' {
            len -= 1;
        }
    }
    len
}

/// The LSP position of `offset` in a source text that has no rope (source files are indexed
/// once with a [`LineIndex`], which breaks lines where LSP clients do: at `\n`, `\r\n` and a
/// lone `\r`). O(log n) to find the line, then a walk over the line up to the offset.
pub fn position_in_text(
    text: &str,
    lines: &LineIndex,
    offset: usize,
    encoding: Encoding,
) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = lines.line_of(offset);
    let start = lines.line_start(line).unwrap_or(0);
    let prefix = &text[start..offset];
    let character = match encoding {
        Encoding::Utf8 => prefix.len(),
        Encoding::Utf16 => prefix.encode_utf16().count(),
    };
    Position::new(line as u32, character as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn utf16_counts_surrogate_pairs_and_utf8_counts_bytes() {
        // Curly quotes (3 bytes, 1 unit), an em dash (3 bytes, 1 unit), an emoji (4 bytes,
        // 2 units), then a CRLF before the word on the second line.
        let text = "“A” — 😀 x\r\nword";
        let rope = Rope::from_str(text);
        let x = text.find('x').unwrap();
        assert_eq!(position(&rope, x, Encoding::Utf16), pos(0, 9));
        assert_eq!(position(&rope, x, Encoding::Utf8), pos(0, x as u32));
        let word = text.find("word").unwrap();
        assert_eq!(position(&rope, word, Encoding::Utf16), pos(1, 0));
        assert_eq!(offset(&rope, pos(0, 9), Encoding::Utf16), Ok(x));
        assert_eq!(offset(&rope, pos(1, 2), Encoding::Utf8), Ok(word + 2));
    }

    #[test]
    fn columns_past_the_line_end_stop_before_the_line_break() {
        let rope = Rope::from_str("ab\r\ncd");
        assert_eq!(offset(&rope, pos(0, 99), Encoding::Utf16), Ok(2));
        assert_eq!(offset(&rope, pos(0, 99), Encoding::Utf8), Ok(2));
        assert_eq!(offset(&rope, pos(1, 99), Encoding::Utf16), Ok(6));
        assert_eq!(
            offset(&rope, pos(5, 0), Encoding::Utf16),
            Err(OutOfRange {
                position: pos(5, 0),
                lines: 2,
                clamped: 6
            })
        );
    }

    #[test]
    fn a_column_inside_a_character_rounds_down() {
        let rope = Rope::from_str("😀b");
        assert_eq!(offset(&rope, pos(0, 1), Encoding::Utf16), Ok(0));
        assert_eq!(offset(&rope, pos(0, 2), Encoding::Utf8), Ok(0));
        assert_eq!(offset(&rope, pos(0, 2), Encoding::Utf16), Ok(4));
    }

    #[test]
    fn only_lsp_line_breaks_break_lines() {
        // U+2028 and U+0085 are not line breaks for LSP clients; a lone CR is.
        let text = "a\u{2028}b\u{85}c\rd";
        let rope = Rope::from_str(text);
        let d = text.find('d').unwrap();
        assert_eq!(position(&rope, d, Encoding::Utf16), pos(1, 0));
        let c = text.find('c').unwrap();
        assert_eq!(position(&rope, c, Encoding::Utf16), pos(0, 4));
        let lines = LineIndex::new(text);
        assert_eq!(
            position_in_text(text, &lines, d, Encoding::Utf16),
            pos(1, 0)
        );
        assert_eq!(
            position_in_text(text, &lines, c, Encoding::Utf16),
            pos(0, 4)
        );
    }

    #[test]
    fn source_positions_match_rope_positions() {
        // Lone carriage returns on earlier lines move every later line down.
        let text = "first “line”\r\nsecond\rold mac — 😀 here\nthird\rfourth\n\r\nlast";
        let rope = Rope::from_str(text);
        let lines = LineIndex::new(text);
        for (i, _) in text.char_indices() {
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                assert_eq!(
                    position_in_text(text, &lines, i, encoding),
                    position(&rope, i, encoding),
                    "offset {i} {encoding:?}"
                );
            }
        }
    }
}
