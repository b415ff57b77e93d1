//! `--diff` shows the fixes as a unified diff; `--fix` writes them into the drafts.

use std::fs;

use crate::support::{Project, CLEAN, FLAWED};

/// Two fixes on one line (a contradiction, then a misquote after it), and one more on the
/// next paragraph: fixes applied from the end keep the earlier spans right.
const TWO_ON_A_LINE: &str = "\
The city council approved the new budget on Friday after a long debate, and Mayor Lena Ortiz said the plan \"will keep every library open through the summer\".

The budget sets aside 15 million dollars for road repairs.
";

#[test]
fn diff_prints_the_fixes_and_changes_nothing() {
    let p = Project::council();
    p.write("drafts/notes.md", FLAWED)
        .write("drafts/line.md", TWO_ON_A_LINE)
        .write("drafts/clean.md", CLEAN);
    let run = p.run(&["check", "drafts", "--diff"]);
    run.status(1);
    insta::assert_snapshot!(run.stdout);
    assert_eq!(run.stderr, "");
    assert_eq!(
        fs::read_to_string(p.join("drafts/notes.md")).unwrap(),
        FLAWED
    );
    assert_eq!(
        fs::read_to_string(p.join("drafts/line.md")).unwrap(),
        TWO_ON_A_LINE
    );

    // The unsourced quote has no fix: no diff, and the status still says there are findings.
    p.write(
        "only.md",
        "She also promised \"a brighter future for every child in town\".\n",
    );
    let unsourced = p.run(&["check", "only.md", "--diff"]);
    unsourced.status(1);
    assert_eq!(unsourced.stdout, "");
}

#[test]
fn diff_names_stdin_by_its_filename() {
    let p = Project::council();
    let run = p.run_with_stdin(
        &["check", "-", "--stdin-filename", "notes.md", "--diff"],
        "The budget sets aside 15 million dollars for road repairs.\n",
    );
    run.status(1);
    assert_eq!(
        run.stdout,
        "--- notes.md\n+++ notes.md\n@@ -1 +1 @@\n\
         -The budget sets aside 15 million dollars for road repairs.\n\
         +The budget sets aside 12 million dollars for road repairs.\n"
    );
}

#[cfg(unix)]
#[test]
fn fix_rewrites_a_crlf_draft_with_a_bom_keeping_both_and_leaves_clean_drafts_alone() {
    use std::os::unix::fs::MetadataExt;

    let p = Project::council();
    let crlf = |text: &str| format!("\u{feff}{}", text.replace('\n', "\r\n"));
    p.write("drafts/notes.md", crlf(TWO_ON_A_LINE))
        .write("drafts/clean.md", CLEAN);
    let clean_before = fs::metadata(p.join("drafts/clean.md")).unwrap();
    let notes_before = fs::metadata(p.join("drafts/notes.md")).unwrap();

    let run = p.run(&["check", "drafts", "--fix"]);
    run.status(0);
    assert_eq!(run.stderr, "fixed 3 findings in drafts/notes.md\n");
    assert_eq!(run.stdout, "no findings in 2 drafts; 5 citations\n");
    let fixed = TWO_ON_A_LINE
        .replace("Friday", "Tuesday")
        .replace("summer", "winter")
        .replace("15 million", "12 million");
    assert_eq!(
        fs::read(p.join("drafts/notes.md")).unwrap(),
        crlf(&fixed).into_bytes(),
        "the byte order mark and every \\r\\n kept"
    );

    // Written by a rename over it (a new file), with the draft's permissions; the clean draft
    // not touched at all; no temporary file left behind.
    let notes_after = fs::metadata(p.join("drafts/notes.md")).unwrap();
    assert_ne!(notes_after.ino(), notes_before.ino());
    assert_eq!(notes_after.mode(), notes_before.mode());
    let clean_after = fs::metadata(p.join("drafts/clean.md")).unwrap();
    assert_eq!(clean_after.ino(), clean_before.ino());
    assert_eq!(
        clean_after.modified().unwrap(),
        clean_before.modified().unwrap()
    );
    let mut names: Vec<String> = fs::read_dir(p.join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["clean.md", "notes.md"]);

    // A second run finds nothing to fix.
    let again = p.run(&["check", "drafts", "--fix"]);
    again.status(0);
    assert_eq!(again.stderr, "");
}

#[test]
fn fix_reports_what_is_left_with_spans_into_the_new_text() {
    let p = Project::council();
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "notes.md", "--fix", "--format", "json"]);
    run.status(1);
    assert_eq!(run.stderr, "fixed 2 findings in notes.md\n");
    let written = fs::read_to_string(p.join("notes.md")).unwrap();
    assert_eq!(
        written,
        FLAWED
            .replace("Friday", "Tuesday")
            .replace("summer", "winter")
    );
    let report = run.json();
    let findings = report["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["code"], "unsourced-quote");
    let start = findings[0]["span"]["start"].as_u64().unwrap() as usize;
    assert!(written[start..].starts_with("a brighter future"));
}

#[test]
fn fix_is_refused_for_stdin_and_diff_for_machine_formats() {
    let p = Project::council();
    let stdin = p.run_with_stdin(&["check", "-", "--fix"], FLAWED);
    stdin.status(2);
    assert_eq!(
        stdin.stderr,
        "error: --fix rewrites draft files, and standard input is none: use --diff to see the \
         fixes\n"
    );
    p.write("notes.md", FLAWED);
    let json = p.run(&["check", "notes.md", "--diff", "--format", "json"]);
    json.status(2);
    assert_eq!(
        json.stderr,
        "error: --diff prints a diff instead of the report: leave out --format\n"
    );
    assert_eq!(fs::read_to_string(p.join("notes.md")).unwrap(), FLAWED);
}
