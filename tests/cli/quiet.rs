//! `--quiet` (findings only) and `--statistics` (counts instead of findings).

use crate::support::{Project, CLEAN, FLAWED};

/// Two drafts with the council's three kinds of finding, misquotes made errors.
fn drafts() -> Project {
    let p = Project::council();
    p.write(
        "factcheck.toml",
        "[corpus]\npaths = [\"sources\"]\n[severity]\nmisquote = \"error\"\n",
    );
    p.write("drafts/a.md", FLAWED)
        .write("drafts/b.md", FLAWED)
        .write("drafts/c.md", CLEAN);
    p
}

#[test]
fn quiet_prints_the_findings_without_the_summary() {
    let p = drafts();
    let full = p.run(&["check", "drafts"]);
    let quiet = p.run(&["check", "drafts", "--quiet"]);
    quiet.status(1);
    let summary = "2 errors, 4 warnings in 2 of 3 drafts; 10 citations\n";
    assert!(full.stdout.ends_with(summary), "{}", full.stdout);
    assert_eq!(quiet.stdout, full.stdout.strip_suffix(summary).unwrap());
    assert_eq!(quiet.stderr, "");

    // A clean run says nothing at all.
    let clean = p.run(&["check", "drafts/c.md", "-q"]);
    clean.status(0);
    assert_eq!(clean.stdout, "");

    // Machine formats have no summary: --quiet leaves them as they are.
    let json = p.run(&["check", "drafts", "--format", "json"]);
    let quiet_json = p.run(&["check", "drafts", "--format", "json", "--quiet"]);
    assert_eq!(quiet_json.stdout, json.stdout);
}

#[test]
fn statistics_count_findings_by_code_and_severity() {
    let p = drafts();
    let run = p.run(&["check", "drafts", "--statistics"]);
    run.status(1);
    insta::assert_snapshot!(run.stdout, @r"
    2  error    misquote
    2  warning  contradiction
    2  warning  unsourced-quote
    2 errors, 4 warnings in 2 of 3 drafts; 10 citations
    ");

    // Most frequent first.
    p.write(
        "drafts/d.md",
        "She also promised \"a brighter future for every child in town\".\n",
    );
    let quiet = p.run(&["check", "drafts", "--statistics", "--quiet"]);
    quiet.status(1);
    assert_eq!(
        quiet.stdout,
        "3  warning  unsourced-quote\n2  error    misquote\n2  warning  contradiction\n"
    );

    let clean = p.run(&["check", "drafts/c.md", "--statistics"]);
    clean.status(0);
    assert_eq!(clean.stdout, "no findings in 1 draft; 2 citations\n");
}

#[test]
fn statistics_are_for_the_human_format() {
    let p = drafts();
    for format in ["json", "sarif", "github"] {
        let run = p.run(&["check", "drafts", "--statistics", "--format", format]);
        run.status(2);
        assert_eq!(
            run.stderr,
            "error: --statistics counts findings in the human format; the other formats list \
             every finding with its code and severity, to count as you need\n"
        );
        assert_eq!(run.stdout, "");
    }
}
