//! The JSON report: the contract of `../shared/notes/design.md`, version 1.

use serde_json::{json, Value};

pub use super::CheckedFile;
use crate::check::Evidence;
use crate::text::Span;

pub fn render(files: &[CheckedFile]) -> Value {
    json!({
        "version": 1,
        "files": files.iter().map(file).collect::<Vec<_>>(),
    })
}

fn file(f: &CheckedFile) -> Value {
    let span = |s: Span| {
        let at = f.line_col(s.start);
        json!({"start": s.start, "end": s.end, "line": at.line, "column": at.column})
    };
    json!({
        "path": f.path,
        "findings": f.report.findings.iter().map(|x| json!({
            "code": x.code.as_str(),
            "severity": x.severity.as_str(),
            "message": x.message,
            "span": span(x.span),
            "evidence": x.evidence.iter().map(evidence).collect::<Vec<_>>(),
            "fixes": x.fixes.iter().map(|fix| json!({
                "title": fix.title,
                "replacement": fix.replacement,
                "span": span(fix.span),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "citations": f.report.citations.iter().map(|c| json!({
            "span": span(c.span),
            "sources": c.sources.iter().map(evidence).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn evidence(e: &Evidence) -> Value {
    json!({"source": &*e.source, "line": e.line, "quote": e.quote})
}
