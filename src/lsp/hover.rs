//! Hover: a card saying which sources state the phrase under the cursor (their names, lines
//! and exact words, the words matching the draft in bold), or, on a finding, what the sources
//! say instead. A plain function of a stored check: the server finds the check.

use std::path::Path;

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::analysis::Analysed;
use super::position;
use super::sources::{self, Place};
use super::state::Session;
use crate::check::{Citation, Code, Evidence, Finding};
use crate::text::Span;

/// The card for `at` in the checked text; `root` is where source names are shown from.
pub fn hover(
    analysed: &Analysed,
    at: Position,
    session: &Session,
    root: Option<&Path>,
) -> Option<Hover> {
    let offset = position::offset(&analysed.rope, at, session.encoding).ok()?;
    let findings: Vec<&Finding> = analysed
        .report
        .findings
        .iter()
        .filter(|f| f.span.contains(offset))
        .collect();
    let citations: Vec<&Citation> = analysed
        .report
        .citations
        .iter()
        .filter(|c| c.span.contains(offset))
        .collect();
    let card = Card {
        analysed,
        root,
        markdown: session.markdown_hover,
        encoding: session.encoding,
    };
    let mut sections = Vec::new();
    let mut covered: Option<Span> = None;
    for f in &findings {
        sections.push(card.finding(f));
        covered = Some(covered.map_or(f.span, |c| c.join(f.span)));
    }
    // A source already shown under a finding is not repeated as a citation.
    let shown: Vec<&Evidence> = findings.iter().flat_map(|f| &f.evidence).collect();
    for c in &citations {
        let fresh: Vec<&Evidence> = c
            .sources
            .iter()
            .filter(|e| !shown.iter().any(|s| s.path == e.path && s.span == e.span))
            .collect();
        if fresh.is_empty() {
            continue;
        }
        sections.push(card.citation(&fresh));
        covered = Some(covered.map_or(c.span, |s| s.join(c.span)));
    }
    let covered = covered?;
    let separator = if session.markdown_hover {
        "\n\n---\n\n"
    } else {
        "\n\n"
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if session.markdown_hover {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value: sections.join(separator),
        }),
        range: Some(position::range(&analysed.rope, covered, session.encoding)),
    })
}

struct Card<'a> {
    analysed: &'a Analysed,
    root: Option<&'a Path>,
    markdown: bool,
    encoding: position::Encoding,
}

impl Card<'_> {
    fn finding(&self, f: &Finding) -> String {
        let mut out = if self.markdown {
            format!(
                "**factcheck** `{}`: {}",
                f.code.as_str(),
                escape(&f.message)
            )
        } else {
            format!("factcheck {}: {}", f.code.as_str(), f.message)
        };
        if f.evidence.is_empty() {
            out.push_str(match f.code {
                // Its sentence is about the sources, though no one source sentence says it.
                Code::UnsourcedFigure => "\n\nNo source sentence states this one's point.",
                _ => "\n\nNo source has these words or any close to them.",
            });
            return out;
        }
        let heading = match f.code {
            Code::Contested => "Each side, with its source",
            Code::Unsupported | Code::UnsourcedFigure => "What the sources say nearby",
            Code::Contradiction | Code::Misquote | Code::UnsourcedQuote => {
                "What the sources say instead"
            }
        };
        out.push_str(&format!("\n\n{heading} ({}):\n", count(f.evidence.len())));
        for e in &f.evidence {
            out.push('\n');
            out.push_str(&self.line(e));
        }
        out
    }

    fn citation(&self, sources: &[&Evidence]) -> String {
        let mut names: Vec<&str> = sources.iter().map(|e| e.source.as_ref()).collect();
        names.sort_unstable();
        names.dedup();
        let mut out = if self.markdown {
            format!("**Stated by {}**\n", count(names.len()))
        } else {
            format!("Stated by {}\n", count(names.len()))
        };
        for e in sources {
            out.push('\n');
            out.push_str(&self.line(e));
        }
        out
    }

    /// `- source:line: the source's words` with the matching words marked.
    fn line(&self, e: &Evidence) -> String {
        let place: Place = sources::place(e, &self.analysed.corpus, self.root, self.encoding);
        if !self.markdown {
            return format!("- {}:{}: {}", place.source, place.line, one_line(&e.quote));
        }
        let name = escape(&format!("{}:{}", place.source, place.line));
        let name = match &place.uri {
            Some(uri) => format!("[{name}]({}#L{})", uri.as_str(), place.line),
            None => name,
        };
        format!("- {name}: {}", marked(&e.quote, &e.matched))
    }
}

fn count(n: usize) -> String {
    format!("{n} source{}", if n == 1 { "" } else { "s" })
}

/// The quote on one line with the matched ranges in bold; neighbouring matches separated only
/// by spaces are marked as one run, so a matching phrase reads as a phrase.
fn marked(quote: &str, matched: &[Span]) -> String {
    let mut runs: Vec<Span> = Vec::new();
    let mut sorted: Vec<Span> = matched
        .iter()
        .copied()
        .filter(|s| {
            s.end <= quote.len()
                && quote.is_char_boundary(s.start)
                && quote.is_char_boundary(s.end)
                && !s.is_empty()
        })
        .collect();
    sorted.sort_by_key(|s| s.start);
    for s in sorted {
        match runs.last_mut() {
            Some(last) if s.start <= last.end || quote[last.end..s.start].trim().is_empty() => {
                last.end = last.end.max(s.end)
            }
            _ => runs.push(s),
        }
    }
    let mut out = String::new();
    let mut at = 0;
    for run in runs {
        out.push_str(&escape(&one_line(&quote[at..run.start])));
        out.push_str("**");
        out.push_str(&escape(&one_line(&quote[run.start..run.end])));
        out.push_str("**");
        at = run.end;
    }
    out.push_str(&escape(&one_line(&quote[at..])));
    out
}

fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// Backslash-escapes what Markdown would read as markup.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_[]<>#|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_words_are_bold_and_runs_join() {
        let quote = "The minister said “we will not retreat” on *Monday*.";
        let m = |w: &str| {
            let i = quote.find(w).unwrap();
            Span::new(i, i + w.len())
        };
        let out = marked(quote, &[m("we"), m("will"), m("retreat"), m("Monday")]);
        assert_eq!(
            out,
            "The minister said “**we will** not **retreat**” on \\***Monday**\\*."
        );
    }
}
