//! Lines and columns as editors count them: a lone carriage return (old Mac files) breaks a
//! line, as it does in the language server, and a byte-order mark is not a column, while spans
//! stay byte offsets into the file as read.

use serde_json::{json, Value};

use crate::support::Project;

const KREMLIN_SOURCE: &str = "The Kremlin on Wednesday rejected the allegations in the report.";
const KREMLIN_DRAFT: &str = "The Kremlin rejected the allegations in the report on Thursday.";

/// One draft checked against one source, in every format.
struct Reports {
    human: String,
    github: String,
    json: Value,
    sarif: Value,
}

fn check_in_every_format(source: &str, draft: &str) -> Reports {
    let p = Project::new();
    p.write("source.txt", source);
    p.write("draft.md", draft);
    let run = |format: &str| {
        let run = p.run(&[
            "check",
            "draft.md",
            "--corpus",
            "source.txt",
            "--format",
            format,
        ]);
        run.status(1);
        run
    };
    Reports {
        human: run("human").stdout,
        github: run("github").stdout,
        json: run("json").json(),
        sarif: run("sarif").json(),
    }
}

#[test]
fn a_lone_carriage_return_breaks_the_line_in_every_format() {
    // The source has old Mac line ends too: its evidence is on its line 2.
    let draft = format!("Intro line.\r{KREMLIN_DRAFT}\r");
    let reports = check_in_every_format(&format!("Archive.\r{KREMLIN_SOURCE}\r"), &draft);
    assert_eq!(
        reports.human,
        "warning[contradiction]: Contradiction: the sources say “Wednesday”, not “Thursday”
 --> draft.md:2:55
  |
2 | The Kremlin rejected the allegations in the report on Thursday.
  |                                                       ^^^^^^^^
  = source: source.txt:2: “The Kremlin on Wednesday rejected the allegations in the report.”
  = fix: Replace with “Wednesday”

1 warning in 1 of 1 draft; 1 citation
"
    );
    assert!(
        reports
            .github
            .starts_with("::warning file=draft.md,line=2,endLine=2,col=55,endColumn=62,"),
        "{}",
        reports.github
    );
    let finding = &reports.json["files"][0]["findings"][0];
    let thursday = draft.find("Thursday").unwrap();
    assert_eq!(
        finding["span"],
        json!({"start": thursday, "end": thursday + 8, "line": 2, "column": 55})
    );
    assert_eq!(finding["evidence"][0]["line"], 2);
    let result = &reports.sarif["runs"][0]["results"][0];
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&json!(2), &json!(55))
    );
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
}

#[test]
fn a_byte_order_mark_is_not_a_column_but_spans_count_its_bytes() {
    let draft = format!("\u{feff}{KREMLIN_DRAFT}\n");
    let reports = check_in_every_format(&format!("{KREMLIN_SOURCE}\n"), &draft);
    assert!(
        reports.human.contains(
            " --> draft.md:1:55
  |
1 | The Kremlin rejected the allegations in the report on Thursday.
  |                                                       ^^^^^^^^
"
        ),
        "{}",
        reports.human
    );
    assert!(
        reports
            .github
            .starts_with("::warning file=draft.md,line=1,endLine=1,col=55,endColumn=62,"),
        "{}",
        reports.github
    );
    let thursday = draft.find("Thursday").unwrap();
    assert_eq!(thursday, 3 + 54, "the span counts the mark's three bytes");
    assert_eq!(
        reports.json["files"][0]["findings"][0]["span"],
        json!({"start": thursday, "end": thursday + 8, "line": 1, "column": 55})
    );
    let region =
        &reports.sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startColumn"], &region["endColumn"]),
        (&json!(55), &json!(63))
    );
}
