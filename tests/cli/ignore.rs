//! Silencing findings: `<!-- factcheck-ignore -->`, a disable/enable block, and `[[ignore]]`
//! entries in factcheck.toml.

use crate::support::Project;

const FRIDAY: &str = "The city council approved the new budget on Friday after a long debate.";
const SUMMER: &str =
    "Mayor Lena Ortiz said the plan \"will keep every library open through the summer\".";

fn lines_flagged(p: &Project, draft: &str) -> Vec<u64> {
    let run = p.run(&["check", draft, "--format", "json"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    run.json()["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["span"]["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn an_ignore_comment_silences_the_next_line_only() {
    let p = Project::council();
    p.write(
        "notes.md",
        format!("<!-- factcheck-ignore -->\n{FRIDAY}\n\n{FRIDAY}\n"),
    );
    assert_eq!(lines_flagged(&p, "notes.md"), [4]);
}

#[test]
fn disable_and_enable_silence_a_block() {
    let p = Project::council();
    p.write(
        "notes.md",
        format!(
            "{FRIDAY}\n\n<!-- factcheck-disable -->\n{FRIDAY}\n\n{SUMMER}\n<!-- factcheck-enable -->\n\n{SUMMER}\n"
        ),
    );
    assert_eq!(lines_flagged(&p, "notes.md"), [1, 9]);
    let run = p.run(&["check", "notes.md"]);
    run.status(1);
    assert!(
        run.stdout.contains("\n2 warnings in 1 of 1 draft; "),
        "{}",
        run.stdout
    );
}

#[test]
fn ignore_entries_match_code_text_and_path() {
    let p = Project::council();
    p.write(
        "factcheck.toml",
        r#"[corpus]
paths = ["sources"]

[[ignore]]
code = "contradiction"
text = "friday"

[[ignore]]
code = "misquote"
path = "drafts/old"
"#,
    );
    let draft = format!("{FRIDAY}\n\n{SUMMER}\n");
    p.write("drafts/old/a.md", &draft);
    p.write("drafts/new/a.md", &draft);
    let run = p.run(&["check", "drafts", "--format", "json"]);
    run.status(1);
    assert_eq!(
        run.codes(),
        [
            ("drafts/new/a.md".to_string(), vec!["misquote".to_string()]),
            ("drafts/old/a.md".to_string(), vec![]),
        ]
    );
    // Paths in [[ignore]] are relative to the toml file, wherever factcheck runs from.
    let inside = p.run_in("drafts/old", &["check", "--format", "json"], &[]);
    inside.status(0);
    assert_eq!(inside.codes(), [("a.md".to_string(), vec![])]);
}

#[test]
fn a_silenced_draft_exits_0() {
    let p = Project::council();
    p.write(
        "notes.md",
        format!("<!-- factcheck-disable -->\n{FRIDAY}\n{SUMMER}\n"),
    );
    let run = p.run(&["check", "notes.md"]);
    run.status(0);
    assert!(
        run.stdout.starts_with("no findings in 1 draft; "),
        "{}",
        run.stdout
    );
}

/// What `factcheck check` says about a factcheck.toml with this `[[ignore]]` entry, when it
/// refuses it (status 2, nothing on stdout).
fn refused(p: &Project, entry: &str) -> String {
    p.write(
        "factcheck.toml",
        format!("[corpus]\npaths = [\"sources\"]\n\n[[ignore]]\n{entry}"),
    );
    let run = p.run(&["check", "notes.md"]);
    run.status(2);
    assert_eq!(run.stdout, "");
    run.stderr
}

#[test]
fn a_blank_ignore_condition_is_a_configuration_error_not_silence() {
    let p = Project::council();
    p.write("notes.md", format!("{FRIDAY}\n"));
    // `path = ""` is in every path: it would silence every finding of every draft.
    assert_eq!(
        refused(&p, "path = \"\"\n"),
        "error: [TMP]/factcheck.toml:5:8: an empty `path` in an [[ignore]] entry would match \
         every draft and silence all their findings: write part of the drafts' paths, relative \
         to this file's folder, such as \"drafts/old\", or leave `path` out\n"
    );
    // Blank words and codes match nothing: an entry that does nothing is a mistake too.
    assert_eq!(
        refused(&p, "code = \"contradiction\"\ntext = \"  \"\n"),
        "error: [TMP]/factcheck.toml:6:8: an empty `text` in an [[ignore]] entry matches no \
         finding: write the flagged words, such as \"three\", or leave `text` out\n"
    );
    assert_eq!(
        refused(&p, "code = \"\"\npath = \"drafts\"\n"),
        "error: [TMP]/factcheck.toml:5:8: an empty `code` in an [[ignore]] entry matches no \
         finding: write one of \"contradiction\", \"misquote\", \"unsourced-quote\", \
         \"unsupported\", \"unsourced-figure\", \"contested\", or leave `code` out\n"
    );
}
