//! SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) read: one run, one
//! rule per finding code, one result per finding with its place, its evidence as related
//! locations, and its fixes as replacements.
//!
//! Columns are counted in Unicode code points (`run.columnKind`), the same characters the
//! human and JSON reports count; `endColumn` is the column after the last flagged character,
//! as SARIF wants.

use serde_json::{json, Value};

use super::CheckedFile;
use crate::check::{Code, Evidence, Finding, Severities, Severity};
use crate::text::Span;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF's word for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// The SARIF log of one `factcheck check` run. `severities` are the configured ones: they
/// become each rule's default level (and a code turned off, a disabled rule).
pub fn render(files: &[CheckedFile], severities: &Severities) -> Value {
    let rules: Vec<Value> = Code::ALL.iter().map(|c| rule(*c, severities)).collect();
    let results: Vec<Value> = files
        .iter()
        .flat_map(|f| f.report.findings.iter().map(move |x| result(f, x)))
        .collect();
    let artifacts: Vec<Value> = files
        .iter()
        .map(|f| {
            json!({
                "location": artifact_location(f.path),
                "length": f.text.len(),
                "sourceLanguage": source_language(f.path),
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    })
}

fn rule(code: Code, severities: &Severities) -> Value {
    let configured = severities.get(code);
    let mut configuration = json!({
        "level": configured.map_or("none", level),
    });
    if configured.is_none() {
        configuration["enabled"] = json!(false);
    }
    json!({
        "id": code.as_str(),
        "name": rule_name(code),
        "shortDescription": {"text": code.description()},
        "fullDescription": {"text": code.description()},
        "help": {"text": help(code), "markdown": help(code)},
        "defaultConfiguration": configuration,
    })
}

/// SARIF rule names are PascalCase identifiers.
fn rule_name(code: Code) -> String {
    code.as_str()
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn help(code: Code) -> String {
    format!(
        "{} Each finding names the source passages it rests on. To silence one, put \
         `<!-- factcheck-ignore -->` on the line before it, or add an `[[ignore]]` entry with \
         `code = \"{}\"` to factcheck.toml.",
        code.description(),
        code.as_str()
    )
}

fn result(file: &CheckedFile, finding: &Finding) -> Value {
    let region = region(file, finding.span);
    let mut result = json!({
        "ruleId": finding.code.as_str(),
        "ruleIndex": Code::ALL.iter().position(|c| *c == finding.code).unwrap_or(0),
        "level": level(finding.severity),
        "message": {"text": message(finding)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(file.path),
                "region": region,
            },
        }],
    });
    if !finding.evidence.is_empty() {
        result["relatedLocations"] = finding
            .evidence
            .iter()
            .enumerate()
            .map(|(i, ev)| related(i, ev))
            .collect();
    }
    if !finding.fixes.is_empty() {
        result["fixes"] = finding
            .fixes
            .iter()
            .map(|fix| {
                json!({
                    "description": {"text": fix.title},
                    "artifactChanges": [{
                        "artifactLocation": artifact_location(file.path),
                        "replacements": [{
                            "deletedRegion": region_of(file, fix.span),
                            "insertedContent": {"text": fix.replacement},
                        }],
                    }],
                })
            })
            .collect();
    }
    result
}

/// The message, with each piece of evidence linked to its related location (`[text](id)`),
/// which is how SARIF viewers make the sources clickable.
fn message(finding: &Finding) -> String {
    let mut text = finding.message.clone();
    for (i, ev) in finding.evidence.iter().enumerate() {
        text.push_str(&format!(
            "\nSource: [{}:{}]({}): “{}”",
            escape_link_text(&ev.source),
            ev.line,
            i + 1,
            super::one_line(&ev.quote)
        ));
    }
    text
}

/// SARIF message links use `[` and `]`; a literal one in the text is written `\[`, `\]`.
fn escape_link_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

fn related(i: usize, ev: &Evidence) -> Value {
    json!({
        "id": i + 1,
        "physicalLocation": {
            "artifactLocation": artifact_location(&ev.source),
            "region": {
                "startLine": ev.line,
                "startColumn": ev.column.max(1),
                "snippet": {"text": ev.quote},
            },
        },
        "message": {"text": format!("{}:{}", ev.source, ev.line)},
    })
}

/// The flagged region, with the flagged words as its snippet.
fn region(file: &CheckedFile, span: Span) -> Value {
    let mut region = region_of(file, span);
    if let Some(snippet) = file.text.get(span.start..span.end) {
        region["snippet"] = json!({"text": snippet});
    }
    region
}

fn region_of(file: &CheckedFile, span: Span) -> Value {
    let (start, end) = file.range(span);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// A relative path becomes a relative URI (resolved by viewers against the repository root);
/// an absolute one a `file://` URI.
fn artifact_location(path: &str) -> Value {
    let unix = path.replace('\\', "/");
    if unix.starts_with('/') {
        json!({"uri": format!("file://{}", percent_encode(&unix))})
    } else {
        let relative = unix.strip_prefix("./").unwrap_or(&unix);
        json!({"uri": percent_encode(relative), "uriBaseId": "%SRCROOT%"})
    }
}

fn source_language(path: &str) -> &'static str {
    match crate::text::markdown::Format::from_path(std::path::Path::new(path)) {
        crate::text::markdown::Format::Markdown => "markdown",
        crate::text::markdown::Format::PlainText => "plaintext",
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters and `/`.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris() {
        assert_eq!(
            artifact_location("./drafts/my draft#1.md"),
            json!({"uri": "drafts/my%20draft%231.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact_location("/tmp/é.md"),
            json!({"uri": "file:///tmp/%C3%A9.md"})
        );
    }

    #[test]
    fn levels_and_rule_names() {
        assert_eq!(level(Severity::Hint), "note");
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(rule_name(Code::UnsourcedQuote), "UnsourcedQuote");
        let mut off = Severities::default();
        off.set(Code::Misquote, None);
        assert_eq!(
            rule(Code::Misquote, &off)["defaultConfiguration"],
            json!({"level": "none", "enabled": false})
        );
    }
}
