//! `--diff` and `--fix`: the fixes that put the sources' words in place of a misquote or a
//! contradicted value, shown as a unified diff or written into the drafts.
//!
//! Only a finding with one fix is fixed: where sources disagree and a finding offers several,
//! the writer chooses (in the editor, or by hand). Fixes that overlap are applied from the
//! end of the draft, each only if it ends before the one after it starts; the others are
//! found again by the next run. A draft is written only when a fix changes it, through a
//! temporary file in its own folder renamed over it (never half-written), with its line
//! endings and byte order mark as they were.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use factcheck::check::{Fix, Report};
use factcheck::files::read::{self, describe, MAX_DRAFT_BYTES};

/// The fixes of one draft that can be applied together, from the last to the first.
#[derive(Debug)]
pub struct Plan<'r> {
    pub edits: Vec<&'r Fix>,
    /// Fixes left out because they overlap one applied.
    pub overlapping: usize,
}

/// The fixes to apply to a draft with this report.
pub fn plan(report: &Report) -> Plan<'_> {
    let mut single: Vec<&Fix> = report
        .findings
        .iter()
        .filter_map(|f| match f.fixes.as_slice() {
            [only] => Some(only),
            _ => None,
        })
        .collect();
    single.sort_by_key(|fix| std::cmp::Reverse((fix.span.start, fix.span.end)));
    let mut edits: Vec<&Fix> = Vec::with_capacity(single.len());
    let mut overlapping = 0;
    for fix in single {
        match edits.last() {
            Some(after) if fix.span.end > after.span.start => overlapping += 1,
            _ => edits.push(fix),
        }
    }
    Plan { edits, overlapping }
}

/// `text` with the plan's fixes applied. A replacement's line breaks follow the draft's: in a
/// draft written with `\r\n`, a `\n` in a source's words becomes `\r\n`.
pub fn apply(text: &str, plan: &Plan) -> String {
    let crlf = text.contains("\r\n");
    let mut out = text.to_string();
    for fix in &plan.edits {
        let replacement = if crlf {
            fix.replacement.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            fix.replacement.clone()
        };
        out.replace_range(fix.span.start..fix.span.end, &replacement);
    }
    out
}

/// The change from `old` to `new` as a unified diff with three lines of context, both sides
/// named `shown` (`patch -p0` applies it); nothing when they are equal.
pub fn diff(shown: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(shown, shown)
        .to_string()
}

/// Writes `new` over the draft at `path`, which must still hold `old`: into a temporary file
/// beside it, flushed to disk, given the draft's permissions, then renamed over it, so that a
/// crash leaves the old draft or the new one and never a mix. A symbolic link is kept: the file
/// it leads to is the one rewritten.
pub fn write(path: &Path, old: &str, new: &str) -> Result<(), String> {
    let real = fs::canonicalize(path).map_err(|e| format!("cannot write: {}", describe(&e)))?;
    let now = read::read(&real, MAX_DRAFT_BYTES).map_err(|e| e.to_string())?;
    if now != old.as_bytes() {
        return Err("not fixed: it changed since it was read".to_string());
    }
    let temp = temporary_beside(&real);
    let written = (|| -> io::Result<()> {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(new.as_bytes())?;
        file.set_permissions(fs::metadata(&real)?.permissions())?;
        file.sync_all()?;
        fs::rename(&temp, &real)
    })();
    written.map_err(|e| {
        let _ = fs::remove_file(&temp);
        format!("cannot write: {}", describe(&e))
    })
}

/// `.NAME.factcheck-PID.tmp` in the same folder: the rename stays on one file system.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "draft".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.factcheck-{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use factcheck::check::{Code, Finding, Severity};
    use factcheck::text::Span;

    fn finding(start: usize, end: usize, replacements: &[&str]) -> Finding {
        Finding {
            code: Code::Misquote,
            severity: Severity::Warning,
            message: String::new(),
            span: Span { start, end },
            evidence: Vec::new(),
            fixes: replacements
                .iter()
                .map(|r| Fix {
                    title: String::new(),
                    replacement: r.to_string(),
                    span: Span { start, end },
                })
                .collect(),
        }
    }

    #[test]
    fn overlapping_fixes_are_applied_from_the_end_and_the_rest_left() {
        let text = "one two three four five";
        let report = Report {
            findings: vec![
                finding(0, 3, &["ONE"]),
                // Overlaps "three four" below, which starts later and so is applied.
                finding(4, 13, &["TWO THREE"]),
                finding(8, 18, &["THREE FOUR"]),
                // Sources disagree: the writer chooses.
                finding(19, 23, &["FIVE", "5"]),
            ],
            ..Report::default()
        };
        let plan = plan(&report);
        assert_eq!(plan.overlapping, 1);
        assert_eq!(apply(text, &plan), "ONE two THREE FOUR five");
    }

    #[test]
    fn line_breaks_in_a_replacement_follow_the_draft() {
        // "two" in each.
        let report = |start| Report {
            findings: vec![finding(start, start + 3, &["a\nb"])],
            ..Report::default()
        };
        assert_eq!(
            apply("one\r\ntwo\r\n", &plan(&report(5))),
            "one\r\na\r\nb\r\n"
        );
        assert_eq!(apply("one\ntwo\n", &plan(&report(4))), "one\na\nb\n");
    }
}
