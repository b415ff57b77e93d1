//! GitHub Actions workflow commands: one `::warning file=…,line=…::message` line per finding,
//! which the runner turns into annotations on the pull request's diff.
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n` are percent-encoded;
//! in properties `:` and `,` are too, since they separate the properties. Before that, words
//! from drafts and sources are made [`visible`]: the annotation and the log show a control
//! character as `\u{1b}` (the log viewer would act on colour and cursor codes).

use std::fmt::Write;

use super::visible::visible;
use super::CheckedFile;
use crate::check::{Finding, Severity};

/// The workflow command for a severity: GitHub has error, warning and notice.
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "notice",
    }
}

pub fn render(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for file in files {
        for finding in &file.report.findings {
            line(&mut out, file, finding);
        }
    }
    out
}

fn line(out: &mut String, file: &CheckedFile, finding: &Finding) {
    let start = file.line_col(finding.span.start);
    // GitHub's end column is the last annotated character (inclusive).
    let last_char = file
        .text
        .get(..finding.span.end)
        .unwrap_or(file.text)
        .char_indices()
        .next_back()
        .map_or(finding.span.start, |(i, _)| i)
        .max(finding.span.start);
    let end = file.line_col(last_char);
    let path = file.path.strip_prefix("./").unwrap_or(file.path);
    let mut properties = format!(
        "file={},line={},endLine={}",
        escape_property(path),
        start.line,
        end.line
    );
    // Columns are honoured only on one-line annotations; GitHub asks to omit them otherwise.
    if start.line == end.line {
        let _ = write!(properties, ",col={},endColumn={}", start.column, end.column);
    }
    let title = format!("factcheck {}", finding.code.as_str());
    let _ = write!(properties, ",title={}", escape_property(&title));
    let mut message = visible(&finding.message).into_owned();
    for ev in &finding.evidence {
        let _ = write!(message, "\nSource: {}", visible(&super::evidence_text(ev)));
    }
    for fix in &finding.fixes {
        let _ = write!(message, "\nFix: {}", visible(&super::fix_text(fix)));
    }
    let _ = writeln!(
        out,
        "::{} {properties}::{}",
        command(finding.severity),
        escape_data(&message)
    );
}

/// Escapes a message: `%`, `\r`, `\n`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as a message, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("100%\r\nok: a,b"), "100%25%0D%0Aok: a,b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn severities_map_to_three_commands() {
        assert_eq!(command(Severity::Error), "error");
        assert_eq!(command(Severity::Warning), "warning");
        assert_eq!(command(Severity::Information), "notice");
        assert_eq!(command(Severity::Hint), "notice");
    }
}
