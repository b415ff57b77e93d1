//! The open documents: one rope per document, edited in the order the client sent the edits.
//!
//! Every method is synchronous and takes a plain lock: `didOpen`/`didChange`/`didClose`
//! handlers call them before their first `.await`, so edits are applied in arrival order even
//! though tower-lsp-server runs several notification handlers at once.
//!
//! A state of a document is identified by the server's own count of the edits applied to it
//! (its [`Stamp`]), not by the client's version number: a client that repeats a version (a bug,
//! but one seen in the wild) still gets every edit checked.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{self, Encoding, OutOfRange};

/// One open document.
#[derive(Clone, Debug)]
pub struct Document {
    pub rope: Rope,
    /// The client's version number, as sent: published with diagnostics and put in edits.
    pub version: i32,
    pub language_id: String,
    /// Which opening of the URI this is: a document closed and opened again starts afresh,
    /// and work for the earlier opening must not land on the new one.
    pub generation: u64,
    /// `didChange` notifications applied since this opening: bumped by every one, whatever
    /// version number it carries.
    pub edits: u64,
}

/// A document as it was at one version: cheap to take (ropes share their chunks).
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub document: Document,
}

impl Snapshot {
    /// What identifies this state of the document.
    pub fn stamp(&self) -> Stamp {
        self.document.stamp()
    }
}

impl Document {
    pub fn stamp(&self) -> Stamp {
        Stamp {
            generation: self.generation,
            edits: self.edits,
        }
    }
}

/// Identifies one state of one open document: which opening, and how many edits into it. Two
/// states with the same stamp hold the same text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub generation: u64,
    pub edits: u64,
}

/// Why an edit could not be applied as sent.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// `didChange` for a document that was never opened (or already closed).
    NotOpen,
    /// An edit's range lies past the end of the document; it was applied clamped to the end,
    /// which is the best guess, but the client and server may now disagree on the text.
    OutOfRange(OutOfRange),
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeError::NotOpen => write!(f, "didChange for a document that is not open"),
            ChangeError::OutOfRange(e) => write!(f, "edit out of range ({e}); applied clamped"),
        }
    }
}

#[derive(Default)]
pub struct Documents {
    open: Mutex<HashMap<Uri, Document>>,
    generations: AtomicU64,
}

impl Documents {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uri, Document>> {
        // A panic elsewhere while holding the lock leaves the map itself intact.
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn open(&self, uri: Uri, language_id: String, version: i32, text: &str) {
        let generation = self.generations.fetch_add(1, Ordering::Relaxed) + 1;
        self.lock().insert(
            uri,
            Document {
                rope: Rope::from_str(text),
                version,
                language_id,
                generation,
                edits: 0,
            },
        );
    }

    /// Applies `changes` in order. Every change is applied even when one is out of range
    /// (clamped), so the document stays as close to the client's as it can.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Result<(), ChangeError> {
        let mut open = self.lock();
        let doc = open.get_mut(uri).ok_or(ChangeError::NotOpen)?;
        let mut problem = None;
        for change in changes {
            match change.range {
                None => doc.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let span = match position::span(&doc.rope, range, encoding) {
                        Ok(span) => span,
                        Err(e) => {
                            problem.get_or_insert(ChangeError::OutOfRange(e));
                            clamped_span(&doc.rope, range, encoding)
                        }
                    };
                    let start = doc.rope.byte_to_char(span.start);
                    let end = doc.rope.byte_to_char(span.end);
                    doc.rope.remove(start..end);
                    doc.rope.insert(start, &change.text);
                }
            }
        }
        doc.version = version;
        doc.edits += 1;
        problem.map_or(Ok(()), Err)
    }

    /// Forgets a document; false if it was not open.
    pub fn close(&self, uri: &Uri) -> bool {
        self.lock().remove(uri).is_some()
    }

    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        self.lock().get(uri).map(|d| Snapshot {
            uri: uri.clone(),
            document: d.clone(),
        })
    }

    pub fn stamp(&self, uri: &Uri) -> Option<Stamp> {
        self.lock().get(uri).map(Document::stamp)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.lock().keys().cloned().collect()
    }
}

fn clamped_span(
    rope: &Rope,
    range: tower_lsp_server::ls_types::Range,
    encoding: Encoding,
) -> crate::text::Span {
    let at = |p| position::offset(rope, p, encoding).unwrap_or_else(|e| e.clamped);
    let (a, b) = (at(range.start), at(range.end));
    crate::text::Span::new(a.min(b), a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.into(),
        }
    }

    fn text(docs: &Documents, uri: &Uri) -> String {
        docs.snapshot(uri).unwrap().document.rope.to_string()
    }

    #[test]
    fn edits_apply_in_order_in_utf16() {
        let docs = Documents::default();
        let uri = Uri::from_str("file:///d.md").unwrap();
        docs.open(uri.clone(), "markdown".into(), 1, "😀 said “no”\r\nend");
        let changes = vec![edit(0, 9, 0, 11, "yes"), edit(1, 0, 1, 3, "fin")];
        docs.change(&uri, 2, changes, Encoding::Utf16).unwrap();
        assert_eq!(text(&docs, &uri), "😀 said “yes”\r\nfin");
        assert_eq!(docs.snapshot(&uri).unwrap().document.version, 2);
    }

    #[test]
    fn every_change_is_a_new_state_even_when_the_version_repeats() {
        let docs = Documents::default();
        let uri = Uri::from_str("file:///d.md").unwrap();
        docs.open(uri.clone(), "markdown".into(), 4, "18 agencies");
        let opened = docs.stamp(&uri).unwrap();
        docs.change(&uri, 4, vec![edit(0, 0, 0, 2, "16")], Encoding::Utf8)
            .unwrap();
        let changed = docs.stamp(&uri).unwrap();
        assert_ne!(changed, opened);
        assert_eq!(text(&docs, &uri), "16 agencies");
        assert_eq!(docs.snapshot(&uri).unwrap().document.version, 4);
    }

    #[test]
    fn out_of_range_edits_are_clamped_and_reported() {
        let docs = Documents::default();
        let uri = Uri::from_str("file:///d.txt").unwrap();
        docs.open(uri.clone(), "plaintext".into(), 1, "ab");
        let err = docs
            .change(&uri, 2, vec![edit(7, 0, 9, 0, "!")], Encoding::Utf8)
            .unwrap_err();
        assert!(matches!(err, ChangeError::OutOfRange(_)), "{err:?}");
        assert_eq!(text(&docs, &uri), "ab!");
        assert_eq!(
            docs.change(
                &Uri::from_str("file:///other").unwrap(),
                1,
                vec![],
                Encoding::Utf8
            ),
            Err(ChangeError::NotOpen)
        );
    }

    #[test]
    fn reopening_starts_a_new_generation() {
        let docs = Documents::default();
        let uri = Uri::from_str("file:///d.md").unwrap();
        docs.open(uri.clone(), "markdown".into(), 1, "a");
        let first = docs.stamp(&uri).unwrap();
        assert!(docs.close(&uri));
        assert!(!docs.close(&uri));
        docs.open(uri.clone(), "markdown".into(), 1, "a");
        assert_ne!(docs.stamp(&uri).unwrap(), first);
    }
}
