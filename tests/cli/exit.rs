//! Exit statuses: 0 nothing at or above `--fail-on`, 1 findings, 2 usage, configuration or
//! I/O trouble.

use crate::support::{Project, CLEAN, FLAWED};

/// The council project with severities set, and the flawed draft.
fn with_severities(severity: &str) -> Project {
    let p = Project::council();
    p.write(
        "factcheck.toml",
        format!("[corpus]\npaths = [\"sources\"]\n[severity]\n{severity}"),
    );
    p.write("notes.md", FLAWED);
    p
}

#[test]
fn clean_is_0_findings_are_1() {
    let p = Project::council();
    p.write("ok.md", CLEAN).write("notes.md", FLAWED);
    p.run(&["check", "ok.md"]).status(0);
    p.run(&["check", "notes.md"]).status(1);
    p.run(&["check", "ok.md", "notes.md"]).status(1);
}

#[test]
fn fail_on_sets_the_least_severity_that_fails() {
    // Warnings by default.
    let p = with_severities("");
    p.run(&["check", "notes.md"]).status(1);
    p.run(&["check", "notes.md", "--fail-on", "warning"])
        .status(1);
    p.run(&["check", "notes.md", "--fail-on", "information"])
        .status(1);
    p.run(&["check", "notes.md", "--fail-on", "error"])
        .status(0);
    p.run(&["check", "notes.md", "--fail-on", "never"])
        .status(0);
}

#[test]
fn fail_on_follows_configured_severities() {
    let errors = with_severities("contradiction = \"error\"\n");
    errors
        .run(&["check", "notes.md", "--fail-on", "error"])
        .status(1);

    let quiet = with_severities(
        "contradiction = \"information\"\nmisquote = \"information\"\nunsourced-quote = \"hint\"\n",
    );
    quiet.run(&["check", "notes.md"]).status(0);
    quiet
        .run(&["check", "notes.md", "--fail-on", "information"])
        .status(1);

    let hints = with_severities(
        "contradiction = \"hint\"\nmisquote = \"hint\"\nunsourced-quote = \"hint\"\n",
    );
    let run = hints.run(&["check", "notes.md", "--fail-on", "information"]);
    run.status(0);
    assert!(
        run.stdout.contains("\n3 hints in 1 of 1 draft; "),
        "{}",
        run.stdout
    );
}

#[test]
fn usage_errors_are_2() {
    let p = Project::council();
    p.run(&["check", "--no-such-flag"]).status(2);
    p.run(&["check", "--fail-on", "sometimes"]).status(2);
    p.run(&["frobnicate"]).status(2);
    p.run(&[]).status(2);
}

#[test]
fn help_and_version_are_0() {
    let p = Project::new();
    let help = p.run(&["check", "--help"]);
    help.status(0);
    assert!(help.stdout.contains("--fail-on <FAIL_ON>"));
    let version = p.run(&["--version"]);
    version.status(0);
    assert_eq!(
        version.stdout,
        format!("factcheck {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn trouble_wins_over_findings() {
    let p = Project::council();
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "notes.md", "missing.md", "--fail-on", "never"]);
    run.status(2);
    assert_eq!(run.stderr, "error: missing.md: no such file or folder\n");
}
