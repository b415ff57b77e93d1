//! Where a piece of evidence lives, as the editor needs it: a short name for the writer, a
//! `file://` URI and a range in the client's position encoding.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{Position, Range, Uri};

use super::corpus::Loaded;
use super::position::{self, Encoding};
use crate::check::Evidence;

/// A source passage, ready for an editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    /// The source's name, relative to the workspace root where it is inside it.
    pub source: String,
    pub uri: Option<Uri>,
    /// 1-based line, as the CLI prints it.
    pub line: usize,
    /// The passage's range in the source file.
    pub range: Range,
    /// The source's exact words.
    pub quote: Arc<str>,
}

pub fn place(
    evidence: &Evidence,
    corpus: &Loaded,
    root: Option<&Path>,
    encoding: Encoding,
) -> Place {
    let range = match corpus.source(&evidence.path) {
        Some(doc) => {
            let at = |offset| position::position_in_text(&doc.text, doc.lines(), offset, encoding);
            Range::new(at(evidence.span.start), at(evidence.span.end))
        }
        None => {
            let at = Position::new(evidence.line.saturating_sub(1) as u32, 0);
            Range::new(at, at)
        }
    };
    Place {
        source: display_name(&evidence.source, root),
        uri: Uri::from_file_path(evidence.path.as_ref()),
        line: evidence.line,
        range,
        quote: evidence.quote.clone(),
    }
}

/// A source's name for the writer: relative to the workspace root when it lies inside it,
/// with `/` separators, else as it was named.
pub fn display_name(source: &str, root: Option<&Path>) -> String {
    let path = Path::new(source);
    match root.and_then(|r| path.strip_prefix(r).ok()) {
        Some(relative) if !relative.as_os_str().is_empty() => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        _ => source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_relative_to_the_workspace() {
        let root = Path::new("/w/project");
        assert_eq!(
            display_name("/w/project/seeds/a.txt", Some(root)),
            "seeds/a.txt"
        );
        assert_eq!(
            display_name("/elsewhere/b.txt", Some(root)),
            "/elsewhere/b.txt"
        );
        assert_eq!(display_name("seeds/a.txt", None), "seeds/a.txt");
    }
}
