//! Renderers for `factcheck check`: how a report looks in a terminal, to a machine, to GitHub,
//! and to an editor reviewing it in a browser.
//!
//! Each renderer takes the same [`CheckedFile`]s and only converts spans and words; none
//! decides what is a finding, so every format tells the same story.
//!
//! Findings' messages are one line as the checker builds them; the renderers keep source
//! quotes and fixes on one line too ([`one_line`]), and the human report and GitHub's
//! annotations show control characters from drafts and sources escaped ([`visible`]).

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod statistics;
pub mod summary;
pub mod visible;

pub use crate::check::finding::one_line;
use crate::check::{Evidence, Fix, Report};
use crate::text::markdown::Format;
use crate::text::{LineCol, LineIndex, Span};

/// One checked draft, ready to render.
pub struct CheckedFile<'a> {
    /// The draft's path as shown to users (as named on the command line, `/`-separated when
    /// found by walking a folder).
    pub path: &'a str,
    pub text: &'a str,
    /// How the draft was read (the review page renders Markdown as Markdown).
    pub format: Format,
    pub lines: &'a LineIndex,
    pub report: &'a Report,
}

impl CheckedFile<'_> {
    /// 1-based line and character column of a byte offset of the draft.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(self.text, offset)
    }

    /// Where a span starts and where it ends (the end is the character after the span).
    pub fn range(&self, span: Span) -> (LineCol, LineCol) {
        (self.line_col(span.start), self.line_col(span.end))
    }
}

/// A fix in words, on one line: its title, and the replacement when the title does not show
/// it ("Replace with the source's exact words: “…”").
pub fn fix_text(fix: &Fix) -> String {
    let title = one_line(&fix.title);
    let replacement = one_line(&fix.replacement);
    if title.contains(&replacement) {
        title
    } else {
        format!("{title}: “{replacement}”")
    }
}

/// `1 draft`, `2 drafts`: a count with its noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A piece of evidence in words, on one line: `source:line: “quote”`.
pub fn evidence_text(ev: &Evidence) -> String {
    format!("{}:{}: “{}”", ev.source, ev.line, one_line(&ev.quote))
}
