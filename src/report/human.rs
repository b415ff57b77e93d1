//! The terminal report, shaped like rustc's diagnostics: a header, the place, the draft line
//! with the flagged words underlined, then the sources' words and the fix.
//!
//! ```text
//! warning[contradiction]: Contradiction: the sources say “three”, not “four”
//!   --> drafts/a.md:3:18
//!    |
//!  3 | The report named four officials.
//!    |                  ^^^^
//!    = source: seeds/a.txt:12: “The report named three officials.”
//!    = fix: Replace with “three”
//! ```
//!
//! The header, gutter and underline carry ANSI styles (anstyle), always: the writer decides
//! whether a reader gets them (the CLI writes through anstream, which strips them when colour
//! is off). Everything taken from a draft or a source (the draft line, the message, the
//! sources' words, paths) is printed through [`visible`](super::visible): a control character
//! in a document is shown as `\u{1b}`, never sent to the terminal, so the only escapes in the
//! report are its own styles and stripping them leaves the documents' words whole.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::summary::{Summary, SEVERITIES};
use super::visible::{push_visible, visible};
use super::{plural, CheckedFile};
use crate::check::{Finding, Severity};

/// Spans longer than this many lines show their first lines and an ellipsis.
const MAX_SHOWN_LINES: usize = 4;

/// Draft lines longer than this many characters are cut to a window around the flagged words
/// (plain-text drafts often hold a whole paragraph on one line).
const MAX_LINE_CHARS: usize = 120;

/// Characters kept on each side of the flagged words in a cut line.
const CONTEXT_CHARS: usize = 40;

/// A tab in a draft line is shown as this many spaces, so the underline stays aligned.
const TAB: &str = "    ";

/// Names the report's look in ANSI styles. The styles are always written; whether they reach
/// a reader is the writer's decision (the CLI's stream keeps or strips them).
fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

const BOLD: Style = Style::new().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();

fn severity_style(s: Severity) -> Style {
    let colour = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Information => AnsiColor::Cyan,
        Severity::Hint => AnsiColor::Green,
    };
    colour.on_default().bold()
}

/// Every finding of every file, in file order, each followed by a blank line.
pub fn render(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for file in files {
        for finding in &file.report.findings {
            render_finding(&mut out, file, finding);
            out.push('\n');
        }
    }
    out
}

/// Drafts the report leaves out, and why.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Named or found, but not read (missing, not text, too large...).
    pub unreadable: usize,
    /// Read, but their check failed with an internal error.
    pub failed: usize,
}

/// The closing line: how many findings of which severity, in how many drafts.
pub fn summary(files: &[CheckedFile], left_out: LeftOut) -> String {
    let figures = Summary::of(files);
    let drafts = plural(figures.drafts, "draft", "drafts");
    let mut line = if figures.total_findings() == 0 {
        format!("no findings in {drafts}")
    } else {
        let parts: Vec<String> = SEVERITIES
            .into_iter()
            .map(|s| (s, figures.with_severity(s)))
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| match s {
                Severity::Error => plural(n, "error", "errors"),
                Severity::Warning => plural(n, "warning", "warnings"),
                Severity::Information => format!("{n} information"),
                Severity::Hint => plural(n, "hint", "hints"),
            })
            .collect();
        format!("{} in {} of {drafts}", parts.join(", "), figures.flagged)
    };
    let citations = figures.citations;
    let _ = write!(line, "; {}", plural(citations, "citation", "citations"));
    if left_out.unreadable > 0 {
        let _ = write!(
            line,
            "; {} could not be read",
            plural(left_out.unreadable, "draft", "drafts")
        );
    }
    if left_out.failed > 0 {
        let _ = write!(
            line,
            "; {} could not be checked (an internal error)",
            plural(left_out.failed, "draft", "drafts")
        );
    }
    format!("{}\n", paint(BOLD, &line))
}

fn render_finding(out: &mut String, file: &CheckedFile, finding: &Finding) {
    let style = severity_style(finding.severity);
    let (start, end) = file.range(finding.span);
    let _ = writeln!(
        out,
        "{}{}",
        paint(
            style,
            &format!("{}[{}]", finding.severity.as_str(), finding.code.as_str())
        ),
        paint(BOLD, &format!(": {}", visible(&finding.message))),
    );

    // The last line the span touches: a span ending right after a newline ends on the line
    // before.
    let last_line = if end.line > start.line && end.column == 1 {
        end.line - 1
    } else {
        end.line
    };
    let shown_last = last_line.min(start.line + MAX_SHOWN_LINES - 1);
    let width = shown_last.to_string().len();
    let pad = " ".repeat(width);
    let bar = paint(GUTTER, "|");
    let _ = writeln!(
        out,
        "{pad}{} {}:{}:{}",
        paint(GUTTER, "-->"),
        visible(file.path),
        start.line,
        start.column
    );
    let _ = writeln!(out, "{pad} {bar}");
    for line in start.line..=shown_last {
        let text = file.lines.line_text(file.text, line - 1);
        let chars: Vec<char> = text.chars().collect();
        let from = if line == start.line {
            start.column - 1
        } else {
            chars.iter().take_while(|c| c.is_whitespace()).count()
        };
        let to = if line == end.line {
            end.column - 1
        } else {
            chars.len()
        };
        let from = from.min(chars.len());
        let to = to.clamp(from, chars.len());
        let (lo, hi) = window(chars.len(), from, to);
        let before = if lo > 0 { "…" } else { "" };
        let after = if hi < chars.len() { "…" } else { "" };
        let mut shown = String::new();
        let mut show =
            |range: &[char]| -> usize { range.iter().map(|c| push_shown(&mut shown, *c)).sum() };
        let lead = before.chars().count() + show(&chars[lo..from]);
        let marked = show(&chars[from..to]);
        show(&chars[to..hi]);
        let _ = writeln!(
            out,
            "{} {bar} {before}{shown}{after}",
            paint(GUTTER, &format!("{line:>width$}")),
        );
        let _ = writeln!(
            out,
            "{pad} {bar} {}{}",
            " ".repeat(lead),
            paint(style, &"^".repeat(marked.max(1)))
        );
    }
    if shown_last < last_line {
        let _ = writeln!(out, "{} {bar}", paint(GUTTER, "..."));
    }
    for ev in &finding.evidence {
        let _ = writeln!(
            out,
            "{pad} {} {}: {}",
            paint(GUTTER, "="),
            paint(BOLD, "source"),
            visible(&super::evidence_text(ev))
        );
    }
    for fix in &finding.fixes {
        let text = super::fix_text(fix);
        let text = visible(&text);
        let _ = writeln!(
            out,
            "{pad} {} {}: {text}",
            paint(GUTTER, "="),
            paint(BOLD, "fix")
        );
    }
}

/// The characters `lo..hi` of a line of `len` characters to show for flagged characters
/// `from..to`: the whole line when short, else a window around the flagged words.
fn window(len: usize, from: usize, to: usize) -> (usize, usize) {
    if len <= MAX_LINE_CHARS {
        return (0, len);
    }
    let lo = from.saturating_sub(CONTEXT_CHARS);
    let hi = (to + CONTEXT_CHARS).max(lo + MAX_LINE_CHARS).min(len);
    // Near the end of the line: use the room left on the right for more context on the left.
    let lo = lo.min(hi.saturating_sub(MAX_LINE_CHARS)).min(from);
    (lo, hi)
}

/// Appends a character of the echoed draft line as shown: a tab as spaces, a control character
/// escaped, any other as itself. Returns the columns it takes, which the underline counts (one
/// per character shown, as the column numbers count characters).
fn push_shown(out: &mut String, c: char) -> usize {
    if c == '\t' {
        out.push_str(TAB);
        TAB.len()
    } else {
        push_visible(out, c)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::check::{Code, Evidence, Fix, Report};
    use crate::text::{LineIndex, Span};

    fn finding(span: Span, severity: Severity) -> Finding {
        Finding {
            code: Code::Contradiction,
            severity,
            message: "Contradiction: the sources say “three”, not “four”".into(),
            span,
            evidence: vec![Evidence {
                source: Arc::from("seeds/a.txt"),
                path: Arc::new(PathBuf::from("/abs/seeds/a.txt")),
                line: 12,
                column: 1,
                span: Span::new(0, 0),
                quote: "They named\nthree officials.".into(),
                matched: Vec::new().into(),
            }],
            fixes: vec![Fix {
                title: "Replace with “three”".into(),
                replacement: "three".into(),
                span,
            }],
        }
    }

    /// What a reader without colour sees.
    fn plain(styled: &str) -> String {
        anstream::adapter::strip_str(styled).to_string()
    }

    /// The report on one draft as a reader without colour sees it.
    fn render_one(text: &str, findings: Vec<Finding>) -> String {
        plain(&styled_one(text, findings))
    }

    /// The report on one draft as written, styles and all.
    fn styled_one(text: &str, findings: Vec<Finding>) -> String {
        let lines = LineIndex::new(text);
        let report = Report {
            findings,
            ..Report::default()
        };
        let file = CheckedFile {
            path: "drafts/a.md",
            text,
            format: crate::Format::Markdown,
            lines: &lines,
            report: &report,
        };
        render(std::slice::from_ref(&file))
            + &summary(std::slice::from_ref(&file), LeftOut::default())
    }

    #[test]
    fn the_underline_counts_characters_not_bytes() {
        let text = "“Émile” said\tthe report named four officials.\r\nNext line.\r\n";
        let start = text.find("four").unwrap();
        let out = render_one(
            text,
            vec![finding(Span::new(start, start + 4), Severity::Warning)],
        );
        assert_eq!(
            out,
            "warning[contradiction]: Contradiction: the sources say “three”, not “four”\n \
             --> drafts/a.md:1:31\n  |\n1 | “Émile” said    the report named four officials.\n  \
             |                                  ^^^^\n  = source: seeds/a.txt:12: “They named \
             three officials.”\n  = fix: Replace with “three”\n\n1 warning in 1 of 1 draft; \
             0 citations\n"
        );
    }

    #[test]
    fn a_span_across_lines_underlines_each_line() {
        let text = "He said “we will\n  not go” today.\n";
        let start = text.find("we").unwrap();
        let end = text.find(" today").unwrap();
        let out = render_one(text, vec![finding(Span::new(start, end), Severity::Error)]);
        let expected = "1 | He said “we will\n  |          ^^^^^^^\n2 |   not go” today.\n  \
                        |   ^^^^^^^\n";
        assert!(out.contains(expected), "{out}");
        assert!(
            out.ends_with("1 error in 1 of 1 draft; 0 citations\n"),
            "{out}"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_flagged_words() {
        let text = format!("{} four {}\n", "word ".repeat(60), "more ".repeat(60));
        let start = text.find("four").unwrap();
        let out = render_one(
            &text,
            vec![finding(Span::new(start, start + 4), Severity::Warning)],
        );
        let lines: Vec<&str> = out.lines().collect();
        let shown = lines[3].strip_prefix("1 | ").unwrap();
        let underline = lines[4].strip_prefix("  | ").unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= MAX_LINE_CHARS + 2, "{shown}");
        let caret = underline.find('^').unwrap();
        let column = underline[..caret].chars().count();
        assert_eq!(
            shown.chars().skip(column).take(4).collect::<String>(),
            "four"
        );
        assert_eq!(underline.trim(), "^^^^");
    }

    #[test]
    fn windows_stay_inside_the_line() {
        assert_eq!(window(50, 10, 14), (0, 50));
        assert_eq!(window(300, 5, 9), (0, 120));
        assert_eq!(window(300, 290, 295), (180, 300));
        assert_eq!(window(300, 100, 104), (60, 180));
    }

    #[test]
    fn severity_and_gutter_are_styled_and_the_words_unchanged() {
        let text = "four\n";
        let styled = styled_one(text, vec![finding(Span::new(0, 4), Severity::Error)]);
        assert!(
            styled.starts_with("\x1b[1m\x1b[31merror[contradiction]\x1b[0m\x1b[1m: "),
            "{styled:?}"
        );
        assert!(styled.contains("\x1b[1m\x1b[31m^^^^\x1b[0m"), "{styled:?}");
        assert!(styled.contains("\x1b[1m\x1b[34m-->\x1b[0m"), "{styled:?}");
        assert!(
            styled.ends_with("\x1b[1m1 error in 1 of 1 draft; 0 citations\x1b[0m\n"),
            "{styled:?}"
        );
        let plain = render_one(text, vec![finding(Span::new(0, 4), Severity::Error)]);
        assert!(!plain.contains('\x1b'), "{plain:?}");
        assert!(plain.starts_with("error[contradiction]: Contradiction"));
    }

    #[test]
    fn drafts_left_out_are_counted_by_why() {
        let report = Report::default();
        let lines = LineIndex::new("");
        let file = CheckedFile {
            path: "a.md",
            text: "",
            format: crate::Format::Markdown,
            lines: &lines,
            report: &report,
        };
        let left_out = LeftOut {
            unreadable: 2,
            failed: 1,
        };
        assert_eq!(
            plain(&summary(std::slice::from_ref(&file), left_out)),
            "no findings in 1 draft; 0 citations; 2 drafts could not be read; 1 draft could \
             not be checked (an internal error)\n"
        );
    }

    #[test]
    fn a_quiet_report_says_so() {
        assert_eq!(
            render_one("All good.\n", vec![]),
            "no findings in 1 draft; 0 citations\n"
        );
    }
}
