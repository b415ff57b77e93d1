//! What a check produces: findings and citations, editor-neutral, with UTF-8 byte spans.
//!
//! These types are the contract between the verifier and its two faces (the CLI's renderers
//! and the language server). Neither face adds a rule; both only convert and render.
//!
//! Every message is one line, in every format: words a message quotes from a draft or a source
//! go through [`Quoted`], which puts them on one line. A line break kept from a draft would
//! otherwise start a report line with the draft's words (`::error::` to a CI runner).

use std::fmt::{self, Write};

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::text::Span;

/// Words from a draft or a source as a message quotes them: “…”, on one line (see
/// [`one_line`]).
#[derive(Clone, Copy, Debug)]
pub struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('“')?;
        write_one_line(f, self.0)?;
        f.write_char('”')
    }
}

/// `s` on one line: line breaks and runs of white space become single spaces (a quoted span
/// or a source sentence may wrap).
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = write_one_line(&mut out, s);
    out
}

fn write_one_line(out: &mut impl Write, s: &str) -> fmt::Result {
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.write_char(' ')?;
        }
        out.write_str(word)?;
    }
    Ok(())
}

/// How loudly a finding speaks. Ordered from most to least severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    /// True when `self` is at least as severe as `threshold`.
    pub fn at_least(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

/// The kind of a finding; its `as_str` is the stable `code` of the JSON contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A claim the sources clearly state otherwise.
    Contradiction,
    /// Quoted words close to, but not the same as, a source passage.
    Misquote,
    /// Quoted words with no close source passage.
    UnsourcedQuote,
    /// A specific (a figure, a date, a name) no source gives, in a sentence the sources
    /// otherwise discuss.
    Unsupported,
    /// A count whose number no source states anywhere, in a sentence the sources otherwise
    /// discuss: an unsupported figure that cannot be a paraphrase.
    UnsourcedFigure,
    /// One side of a point on which the sources disagree among themselves, stated as fact.
    Contested,
}

impl Code {
    pub const ALL: [Code; 6] = [
        Code::Contradiction,
        Code::Misquote,
        Code::UnsourcedQuote,
        Code::Unsupported,
        Code::UnsourcedFigure,
        Code::Contested,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Contradiction => "contradiction",
            Code::Misquote => "misquote",
            Code::UnsourcedQuote => "unsourced-quote",
            Code::Unsupported => "unsupported",
            Code::UnsourcedFigure => "unsourced-figure",
            Code::Contested => "contested",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// A one-line explanation, for SARIF rules and hover cards.
    pub fn description(self) -> &'static str {
        match self {
            Code::Contradiction => "A claim that the sources clearly state otherwise.",
            Code::Misquote => "Text in quotation marks that differs from the source's exact words.",
            Code::UnsourcedQuote => "Text in quotation marks that no source contains.",
            Code::Unsupported => {
                "A figure, date or name that no source gives, in a sentence the sources otherwise discuss: verify it elsewhere."
            }
            Code::UnsourcedFigure => {
                "A count whose number no source states anywhere, in a sentence the sources otherwise discuss."
            }
            Code::Contested => {
                "A point on which the sources disagree among themselves, stated as one side: attribute it."
            }
        }
    }

    /// Contradictions, quotations and numbers from nowhere are warnings; what a writer should
    /// verify or attribute is information, so CI fails on it only when configured to.
    pub fn default_severity(self) -> Severity {
        match self {
            Code::Contradiction | Code::Misquote | Code::UnsourcedQuote | Code::UnsourcedFigure => {
                Severity::Warning
            }
            Code::Unsupported | Code::Contested => Severity::Information,
        }
    }
}

/// A place in a source document that bears on a phrase of the draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The source's name as the user gave it (relative to where they named the corpus).
    pub source: Arc<str>,
    /// The source file on disk, for go-to-definition.
    #[serde(skip)]
    pub path: Arc<PathBuf>,
    /// 1-based line of `span.start` in the source.
    pub line: usize,
    /// 1-based character column of `span.start` in the source.
    #[serde(skip)]
    pub column: usize,
    /// Byte span of `quote` in the source text.
    #[serde(skip)]
    pub span: Span,
    /// The source's exact words (one sentence, or the part of it that matters). Shared: a
    /// report is copied out of the sentence cache on every check of a draft.
    pub quote: Arc<str>,
    /// Byte ranges inside `quote` that match the draft word for word (for highlighting).
    #[serde(skip)]
    pub matched: Arc<[Span]>,
}

/// A replacement the writer can apply with one action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub replacement: String,
    pub span: Span,
}

impl Fix {
    /// Replaces `span` with `replacement`, titled with the words it puts in.
    pub fn replace_with(span: Span, replacement: String) -> Fix {
        Fix {
            title: format!("Replace with {}", Quoted(&replacement)),
            replacement,
            span,
        }
    }
}

/// One warning about the draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub evidence: Vec<Evidence>,
    pub fixes: Vec<Fix>,
}

impl Finding {
    /// A contradiction of the draft at `span`: `message` says what the sources say instead.
    pub fn contradiction(
        span: Span,
        message: &str,
        evidence: Evidence,
        fix: Option<Fix>,
    ) -> Finding {
        Finding {
            code: Code::Contradiction,
            severity: Code::Contradiction.default_severity(),
            message: format!("Contradiction: {message}"),
            span,
            evidence: vec![evidence],
            fixes: fix.into_iter().collect(),
        }
    }
}

/// A draft phrase that sources state, with those sources.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub span: Span,
    pub sources: Vec<Evidence>,
}

/// Everything a check found in one draft, sorted by span.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub citations: Vec<Citation>,
    /// Where the check read the draft in a reduced way to stay bounded. Not findings: the CLI
    /// and the language server log them, and the JSON contract leaves them out.
    #[serde(skip)]
    pub limits: Vec<Limit>,
}

/// A bound a check reached on part of the draft, so that no text makes one check unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limit {
    pub kind: LimitKind,
    /// The part of the draft read in the reduced way (consecutive sentences joined).
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LimitKind {
    /// A run of prose with no sentence end, longer than
    /// [`MAX_SENTENCE_BYTES`](crate::text::sentences::MAX_SENTENCE_BYTES), read in pieces: a
    /// quotation across a cut is not checked.
    LongSentence,
    /// A sentence of more words than [`MAX_ALIGN_TOKENS`](crate::check::align::MAX_ALIGN_TOKENS):
    /// only its first words are compared with the sources.
    ManyWords,
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            LimitKind::LongSentence => write!(
                f,
                "{} bytes of prose with no sentence end are checked in pieces of at most {} \
                 bytes; a quotation across two pieces is not checked",
                self.span.len(),
                crate::text::sentences::MAX_SENTENCE_BYTES
            ),
            LimitKind::ManyWords => write!(
                f,
                "a sentence of more than {} words: only its first {} words are compared with \
                 the sources",
                crate::check::align::MAX_ALIGN_TOKENS,
                crate::check::align::MAX_ALIGN_TOKENS
            ),
        }
    }
}

impl Report {
    /// The most severe finding's severity, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_words_stay_on_one_line() {
        assert_eq!(
            Quoted("a\n::error::b\r\n  c\u{2028}d").to_string(),
            "“a ::error::b c d”"
        );
        assert_eq!(
            one_line("  They named\n\tthree officials. "),
            "They named three officials."
        );
    }
}
