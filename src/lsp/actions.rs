//! Code actions: replace flagged words with the source's exact words, cite a source after the
//! sentence (a Markdown footnote, or `[source:line]` in plain text), and silence a finding
//! with the ignore directive on the line before.
//!
//! Actions for a diagnostic come from its `data`, made when the document was checked; actions
//! for a cited phrase come from the stored check of the current version. Nothing here checks
//! a document.

use std::collections::HashMap;
use std::sync::Arc;

use ropey::Rope;
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::diagnostics;
use super::position::{self, Encoding};
use super::sources::{self, Place};
use super::state::State;
use crate::check::suppress::IGNORE_DIRECTIVE;
use crate::config::CitationStyle;
use crate::text::Span;

/// The kind of "cite this source" actions on phrases the sources state.
pub const CITE_KIND: &str = "refactor.factcheck.cite";

/// A titled set of edits to one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// The sentences of a draft, to find where a citation goes.
pub struct Sentences(Vec<Span>);

impl Sentences {
    /// The sentences at these spans, in order (as the check read them).
    pub fn from_spans(spans: Vec<Span>) -> Sentences {
        Sentences(spans)
    }

    /// The end of the sentence holding `span` (or the span's own end).
    pub fn end_of(&self, span: Span) -> usize {
        let i = self.0.partition_point(|s| s.end <= span.start);
        self.0
            .get(i)
            .filter(|s| s.start <= span.start)
            .map_or(span.end, |s| s.end.max(span.end))
    }
}

/// Makes citations for one text. What they need of the whole text (its footnotes, where and
/// how a new definition goes) is read once here, not once per citation: a draft with a
/// hundred quotations would otherwise be scanned a hundred times on every keystroke.
pub struct Citer<'a> {
    rope: &'a Rope,
    encoding: Encoding,
    footnotes: Footnotes,
    /// The text's line ending.
    eol: &'static str,
    /// What goes before a new footnote definition at the end of the text.
    lead: String,
    /// The end of the text, where new definitions go.
    doc_end: tower_lsp_server::ls_types::Position,
}

impl<'a> Citer<'a> {
    pub fn new(text: &str, rope: &'a Rope, encoding: Encoding) -> Citer<'a> {
        let eol = line_ending(text);
        // Definitions go in one block at the end: after another definition, no blank line.
        let after_definition = text
            .trim_end()
            .lines()
            .next_back()
            .is_some_and(|l| l.starts_with("[^") && l.contains("]: "));
        let lead = if text.is_empty()
            || text.ends_with("\n\n")
            || text.ends_with("\r\n\r\n")
            || (after_definition && text.ends_with('\n'))
        {
            String::new()
        } else if after_definition || text.ends_with('\n') {
            eol.to_string()
        } else {
            format!("{eol}{eol}")
        };
        Citer {
            rope,
            encoding,
            footnotes: Footnotes::read(text),
            eol,
            lead,
            doc_end: position::position(rope, text.len(), encoding),
        }
    }

    /// The edits that cite `place` after the sentence ending at `end`.
    pub fn cite(&self, end: usize, place: &Place, style: CitationStyle) -> Edit {
        let at = position::position(self.rope, end, self.encoding);
        let title = format!("Cite {}:{}", place.source, place.line);
        let here = tower_lsp_server::ls_types::Range::new(at, at);
        match style {
            CitationStyle::Bracket => Edit {
                title,
                edits: vec![TextEdit::new(
                    here,
                    format!(" [{}:{}]", place.source, place.line),
                )],
            },
            CitationStyle::Footnote => {
                let definition = format!("{}, line {}.", place.source, place.line);
                if let Some(label) = self.footnotes.defined.get(&definition) {
                    return Edit {
                        title,
                        edits: vec![TextEdit::new(here, format!("[^{label}]"))],
                    };
                }
                let label = self.footnotes.next;
                let end = tower_lsp_server::ls_types::Range::new(self.doc_end, self.doc_end);
                Edit {
                    title,
                    edits: vec![
                        TextEdit::new(here, format!("[^{label}]")),
                        TextEdit::new(
                            end,
                            format!("{}[^{label}]: {definition}{}", self.lead, self.eol),
                        ),
                    ],
                }
            }
        }
    }
}

/// The footnotes a Markdown draft already has: the next free number, and labels by
/// definition text (so citing the same source line twice reuses its footnote).
struct Footnotes {
    next: u64,
    defined: HashMap<String, String>,
}

impl Footnotes {
    fn read(text: &str) -> Footnotes {
        let mut next = 1;
        let mut defined = HashMap::new();
        let mut rest = text;
        while let Some(i) = rest.find("[^") {
            rest = &rest[i + 2..];
            let Some(close) = rest.find(']') else { break };
            let label = &rest[..close];
            if let Ok(n) = label.parse::<u64>() {
                next = next.max(n.saturating_add(1));
            }
            if let Some(definition) = rest[close + 1..].strip_prefix(": ") {
                let line = definition.lines().next().unwrap_or("").trim_end();
                defined
                    .entry(line.to_string())
                    .or_insert_with(|| label.to_string());
            }
        }
        Footnotes { next, defined }
    }
}

/// The edit inserting the ignore directive on its own line before the line holding `span`,
/// indented like it, with the document's own line ending.
pub fn ignore(text: &str, rope: &Rope, encoding: Encoding, span: Span) -> Edit {
    let line = rope.byte_to_line(span.start.min(text.len()));
    let start = rope.line_to_byte(line);
    let indent: String = text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let at = position::position(rope, start, encoding);
    Edit {
        title: "Ignore this finding (factcheck-ignore)".to_string(),
        edits: vec![TextEdit::new(
            tower_lsp_server::ls_types::Range::new(at, at),
            format!("{indent}{IGNORE_DIRECTIVE}{}", line_ending(text)),
        )],
    }
}

fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        Some(_) => "\n",
        None if text.contains('\r') => "\r",
        None => "\n",
    }
}

/// `textDocument/codeAction`.
pub async fn code_actions(
    state: &Arc<State>,
    params: CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let uri = params.text_document.uri;
    let session = state.session().clone();
    let mut actions = Vec::new();
    let mut seen_titles = Vec::new();
    let wanted = |kind: &CodeActionKind| {
        params
            .context
            .only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
    };
    for diagnostic in &params.context.diagnostics {
        let Some(data) = diagnostics::data(diagnostic) else {
            continue;
        };
        let groups = [
            (&data.fixes, CodeActionKind::QUICKFIX, true),
            (&data.citations, CodeActionKind::QUICKFIX, false),
            (&vec![data.ignore.clone()], CodeActionKind::QUICKFIX, false),
        ];
        for (edits, kind, preferred) in groups {
            if !wanted(&kind) {
                continue;
            }
            for (i, edit) in edits.iter().enumerate() {
                if seen_titles.contains(&edit.title) {
                    continue;
                }
                seen_titles.push(edit.title.clone());
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: edit.title.clone(),
                    kind: Some(kind.clone()),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(
                        &uri,
                        Some(data.version),
                        edit.edits.clone(),
                        session.document_changes,
                    )),
                    is_preferred: (preferred && i == 0 && edits.len() == 1).then_some(true),
                    ..CodeAction::default()
                }));
            }
        }
    }
    // Citations for phrases the sources state, from the check of the current text. When that
    // check failed there are none; the document's diagnostic and the log already say why, and
    // an error here would also take away the fixes above.
    let refactor = CodeActionKind::new(CITE_KIND);
    if wanted(&refactor) {
        if let Ok(Some(analysed)) = state.analyses.current(state, &uri).await {
            let Ok(span) = position::span(&analysed.rope, params.range, session.encoding) else {
                return actions;
            };
            let settings = state.settings();
            let style = settings.citation_style(analysed.format);
            let sentences = &analysed.sentences;
            let citer = Citer::new(&analysed.text, &analysed.rope, session.encoding);
            for citation in &analysed.report.citations {
                let touches = citation.span.overlaps(span)
                    || (span.is_empty() && citation.span.contains(span.start));
                if !touches {
                    continue;
                }
                let end = sentences.end_of(citation.span);
                for evidence in &citation.sources {
                    let place = sources::place(
                        evidence,
                        &analysed.corpus,
                        settings.root.as_deref(),
                        session.encoding,
                    );
                    let edit = citer.cite(end, &place, style);
                    if seen_titles.contains(&edit.title) {
                        continue;
                    }
                    seen_titles.push(edit.title.clone());
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: edit.title,
                        kind: Some(refactor.clone()),
                        edit: Some(workspace_edit(
                            &uri,
                            Some(analysed.version),
                            edit.edits,
                            session.document_changes,
                        )),
                        ..CodeAction::default()
                    }));
                }
            }
        }
    }
    actions
}

/// Edits to one document: versioned `documentChanges` where the client takes them (it then
/// refuses the edit if the document moved on), else plain `changes`.
pub fn workspace_edit(
    uri: &Uri,
    version: Option<i32>,
    edits: Vec<TextEdit>,
    document_changes: bool,
) -> WorkspaceEdit {
    if document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version,
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown::{self, Format};
    use crate::text::segments;

    /// Applies an edit made with UTF-16 positions, as a client would.
    fn apply(text: &str, edit: &Edit) -> String {
        let rope = Rope::from_str(text);
        let mut spans: Vec<(Span, &str)> = edit
            .edits
            .iter()
            .map(|e| {
                (
                    position::span(&rope, e.range, Encoding::Utf16).unwrap(),
                    e.new_text.as_str(),
                )
            })
            .collect();
        spans.sort_by_key(|(s, _)| std::cmp::Reverse(s.start));
        let mut out = text.to_string();
        for (s, t) in spans {
            out.replace_range(s.start..s.end, t);
        }
        out
    }

    /// The sentences of `text`, read afresh (the server takes them from the check).
    fn sentences(text: &str, format: Format) -> Sentences {
        let segments = segments(&markdown::prose(text, format));
        Sentences::from_spans(segments.into_iter().map(|s| s.span).collect())
    }

    /// The edits that cite `place` after the sentence ending at `end`.
    fn cite(
        text: &str,
        rope: &Rope,
        encoding: Encoding,
        end: usize,
        place: &Place,
        style: CitationStyle,
    ) -> Edit {
        Citer::new(text, rope, encoding).cite(end, place, style)
    }

    fn place(source: &str, line: usize) -> Place {
        Place {
            source: source.into(),
            uri: None,
            line,
            range: Default::default(),
            quote: "".into(),
        }
    }

    #[test]
    fn a_footnote_goes_after_the_sentence_and_its_definition_at_the_end() {
        let text = "# Notes\n\nHe said “no more” today. Then left.\n";
        let rope = Rope::from_str(text);
        let sentences = sentences(text, Format::Markdown);
        let quote = Span::new(text.find('“').unwrap(), text.find(" today").unwrap());
        let end = sentences.end_of(quote);
        let edit = cite(
            text,
            &rope,
            Encoding::Utf16,
            end,
            &place("seeds/a.txt", 3),
            CitationStyle::Footnote,
        );
        assert_eq!(edit.title, "Cite seeds/a.txt:3");
        let cited = apply(text, &edit);
        assert_eq!(
            cited,
            "# Notes\n\nHe said “no more” today.[^1] Then left.\n\n[^1]: seeds/a.txt, line 3.\n"
        );
        // Citing the same line again reuses its footnote; another source gets the next number.
        let rope = Rope::from_str(&cited);
        let again = cite(
            &cited,
            &rope,
            Encoding::Utf16,
            cited.find(" Then").unwrap(),
            &place("seeds/a.txt", 3),
            CitationStyle::Footnote,
        );
        assert_eq!(again.edits.len(), 1);
        assert_eq!(again.edits[0].new_text, "[^1]");
        let other = cite(
            &cited,
            &rope,
            Encoding::Utf16,
            cited.find(" Then").unwrap(),
            &place("b.txt", 9),
            CitationStyle::Footnote,
        );
        assert_eq!(
            apply(&cited, &other),
            "# Notes\n\nHe said “no more” today.[^1][^2] Then left.\n\n[^1]: seeds/a.txt, line 3.\n[^2]: b.txt, line 9.\n"
        );
    }

    #[test]
    fn plain_text_gets_a_bracketed_reference() {
        let text = "He said “no more” today.\r\nNext line.";
        let rope = Rope::from_str(text);
        let end = sentences(text, Format::PlainText).end_of(Span::new(8, 12));
        let edit = cite(
            text,
            &rope,
            Encoding::Utf16,
            end,
            &place("a.txt", 2),
            CitationStyle::Bracket,
        );
        assert_eq!(
            apply(text, &edit),
            "He said “no more” today. [a.txt:2]\r\nNext line."
        );
    }

    #[test]
    fn the_ignore_directive_goes_on_the_line_before_with_its_indent_and_line_ending() {
        let text = "Intro.\r\n  - He said “x” 😀 here.\r\n";
        let rope = Rope::from_str(text);
        let span = Span::new(text.find('“').unwrap(), text.find(" 😀").unwrap());
        let edit = ignore(text, &rope, Encoding::Utf16, span);
        assert_eq!(
            apply(text, &edit),
            "Intro.\r\n  <!-- factcheck-ignore -->\r\n  - He said “x” 😀 here.\r\n"
        );
    }
}
