//! Lines and columns as editors count them: a lone carriage return (old Mac files) breaks a
//! line, as it does in the language server, and a byte-order mark is not a column, while spans
//! stay byte offsets into the file as read.

use crate::support::Project;

const KREMLIN_SOURCE: &str = "The Kremlin on Wednesday rejected the allegations in the report.";
const KREMLIN_DRAFT: &str = "The Kremlin rejected the allegations in the report on Thursday.";

#[test]
fn a_lone_carriage_return_breaks_the_line_in_every_format() {
    let p = Project::new();
    // The source has old Mac line ends too: its evidence is on its line 2.
    p.write("source.txt", format!("Archive.\r{KREMLIN_SOURCE}\r"));
    p.write("draft.md", format!("Intro line.\r{KREMLIN_DRAFT}\r"));
    let args = ["check", "draft.md", "--corpus", "source.txt"];

    let human = p.run(&args);
    human.status(1);
    assert_eq!(
        human.stdout,
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

    let github = p.run(&[&args[..], &["--format", "github"]].concat());
    assert!(
        github
            .stdout
            .starts_with("::warning file=draft.md,line=2,endLine=2,col=55,endColumn=62,"),
        "{}",
        github.stdout
    );
    let json = p.run(&[&args[..], &["--format", "json"]].concat());
    let finding = &json.json()["files"][0]["findings"][0];
    let thursday = format!("Intro line.\r{KREMLIN_DRAFT}")
        .find("Thursday")
        .unwrap();
    assert_eq!(
        finding["span"],
        serde_json::json!({"start": thursday, "end": thursday + 8, "line": 2, "column": 55})
    );
    assert_eq!(finding["evidence"][0]["line"], 2);
    let sarif = p.run(&[&args[..], &["--format", "sarif"]].concat());
    let result = &sarif.json()["runs"][0]["results"][0];
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&2.into(), &55.into())
    );
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
}

#[test]
fn a_byte_order_mark_is_not_a_column_but_spans_count_its_bytes() {
    let p = Project::new();
    p.write("source.txt", format!("{KREMLIN_SOURCE}\n"));
    p.write("draft.md", format!("\u{feff}{KREMLIN_DRAFT}\n"));
    let args = ["check", "draft.md", "--corpus", "source.txt"];

    let human = p.run(&args);
    human.status(1);
    assert!(
        human.stdout.contains(
            " --> draft.md:1:55
  |
1 | The Kremlin rejected the allegations in the report on Thursday.
  |                                                       ^^^^^^^^
"
        ),
        "{}",
        human.stdout
    );
    let github = p.run(&[&args[..], &["--format", "github"]].concat());
    assert!(
        github
            .stdout
            .starts_with("::warning file=draft.md,line=1,endLine=1,col=55,endColumn=62,"),
        "{}",
        github.stdout
    );
    let json = p.run(&[&args[..], &["--format", "json"]].concat());
    let thursday = 3 + KREMLIN_DRAFT.find("Thursday").unwrap();
    assert_eq!(
        json.json()["files"][0]["findings"][0]["span"],
        serde_json::json!({"start": thursday, "end": thursday + 8, "line": 1, "column": 55})
    );
    let sarif = p.run(&[&args[..], &["--format", "sarif"]].concat());
    let region =
        &sarif.json()["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startColumn"], &region["endColumn"]),
        (&55.into(), &63.into())
    );
}
