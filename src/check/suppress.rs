//! Silencing findings the writer has judged: `<!-- factcheck-ignore -->` before a line,
//! `<!-- factcheck-disable -->` ... `<!-- factcheck-enable -->` around a block, and `[[ignore]]`
//! entries of `factcheck.toml`.

use serde::Deserialize;

use crate::check::finding::{Code, Finding};
use crate::text::{LineIndex, Span};

pub const IGNORE_DIRECTIVE: &str = "<!-- factcheck-ignore -->";
pub const DISABLE_DIRECTIVE: &str = "<!-- factcheck-disable -->";
pub const ENABLE_DIRECTIVE: &str = "<!-- factcheck-enable -->";

/// An `[[ignore]]` entry: every condition given must hold for a finding to be silenced.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreRule {
    /// Only findings of this code (`contradiction`, `misquote`, `unsourced-quote`).
    #[serde(default)]
    pub code: Option<String>,
    /// Only findings whose flagged words are exactly these (case-insensitive).
    #[serde(default)]
    pub text: Option<String>,
    /// Only in drafts whose path contains this.
    #[serde(default)]
    pub path: Option<String>,
}

impl IgnoreRule {
    fn silences(&self, finding: &Finding, flagged: &str, path: Option<&str>) -> bool {
        self.code
            .as_deref()
            .is_none_or(|c| Code::parse(c) == Some(finding.code))
            && self
                .text
                .as_deref()
                .is_none_or(|t| t.trim().eq_ignore_ascii_case(flagged.trim()))
            && self
                .path
                .as_deref()
                .is_none_or(|p| path.is_some_and(|path| path.contains(p)))
    }
}

/// Byte ranges of a draft where findings are silenced by directives.
pub fn silenced_ranges(text: &str) -> Vec<Span> {
    let lines = LineIndex::new(text);
    let mut ranges = Vec::new();
    let mut disabled_from: Option<usize> = None;
    for line in 0..lines.line_count() {
        let start = lines.line_start(line).unwrap_or(text.len());
        let content = lines.line_text(text, line);
        let end = start + content.len();
        if content.contains(IGNORE_DIRECTIVE) {
            // The rest of this line and the next line with words on it.
            let mut next = line + 1;
            while next < lines.line_count() && lines.line_text(text, next).trim().is_empty() {
                next += 1;
            }
            let next_end = lines
                .line_start(next)
                .map_or(text.len(), |s| s + lines.line_text(text, next).len());
            ranges.push(Span::new(start, next_end.max(end)));
        }
        if content.contains(DISABLE_DIRECTIVE) && disabled_from.is_none() {
            disabled_from = Some(start);
        }
        if content.contains(ENABLE_DIRECTIVE) {
            if let Some(from) = disabled_from.take() {
                ranges.push(Span::new(from, end));
            }
        }
    }
    if let Some(from) = disabled_from {
        ranges.push(Span::new(from, text.len()));
    }
    ranges
}

/// Drops the findings a directive or an ignore rule silences.
pub fn apply(text: &str, path: Option<&str>, rules: &[IgnoreRule], findings: &mut Vec<Finding>) {
    let ranges = merged(silenced_ranges(text));
    findings.retain(|f| {
        let flagged = f.span.slice(text);
        // `ranges` are disjoint and in order: the first ending after the finding's start is
        // the only one that can overlap it (a draft of thousands of directives stays linear).
        let k = ranges.partition_point(|r| r.end <= f.span.start);
        !ranges.get(k).is_some_and(|r| r.overlaps(f.span))
            && !rules.iter().any(|r| r.silences(f, flagged, path))
    });
}

/// The ranges sorted, overlapping ones joined.
fn merged(mut ranges: Vec<Span>) -> Vec<Span> {
    ranges.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_cover_the_next_line_and_blocks() {
        let text = "a\n<!-- factcheck-ignore -->\n\nb line\nc\n<!-- factcheck-disable -->\nd\n<!-- factcheck-enable -->\ne\n";
        let covered: Vec<&str> = silenced_ranges(text)
            .iter()
            .map(|r| r.slice(text))
            .collect();
        assert_eq!(
            covered,
            [
                "<!-- factcheck-ignore -->\n\nb line",
                "<!-- factcheck-disable -->\nd\n<!-- factcheck-enable -->"
            ]
        );
    }
}
