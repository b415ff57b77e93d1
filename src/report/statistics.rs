//! `factcheck check --statistics`: how many findings of each code and severity, most first,
//! in place of the findings themselves (for a first look at a large set of drafts, or to
//! track a count in CI).
//!
//! ```text
//! 2  warning  misquote
//! 1  error    contradiction
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::CheckedFile;
use crate::check::{Code, Severity};

/// One line per code and severity found: the count, the severity, the code, in columns. Most
/// frequent first; ties go to the more severe, then by code.
pub fn render(files: &[CheckedFile]) -> String {
    let mut counts: BTreeMap<(Severity, Code), usize> = BTreeMap::new();
    for finding in files.iter().flat_map(|f| &f.report.findings) {
        *counts.entry((finding.severity, finding.code)).or_default() += 1;
    }
    let mut rows: Vec<((Severity, Code), usize)> = counts.into_iter().collect();
    // Stable: equal counts keep the map's order (severity, then code).
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    let count_width = rows.iter().map(|(_, n)| n.to_string().len()).max();
    let severity_width = rows.iter().map(|((s, _), _)| s.as_str().len()).max();
    let mut out = String::new();
    for ((severity, code), n) in rows {
        let _ = writeln!(
            out,
            "{n:>cw$}  {:<sw$}  {}",
            severity.as_str(),
            code.as_str(),
            cw = count_width.unwrap_or(0),
            sw = severity_width.unwrap_or(0),
        );
    }
    out
}
