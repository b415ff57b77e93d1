//! Every output format on one draft with one finding of each kind.

use crate::support::{Project, FLAWED};

fn flawed() -> Project {
    let p = Project::council();
    p.write("drafts/notes.md", FLAWED);
    p
}

#[test]
fn human_is_rustc_like_with_the_sources_words_and_a_summary() {
    let run = flawed().run(&["check", "drafts"]);
    run.status(1);
    assert!(!run.stdout.contains('\x1b'), "no colour into a pipe");
    insta::assert_snapshot!(run.stdout);
    assert_eq!(run.stderr, "");
}

#[test]
fn json_is_the_contract() {
    let run = flawed().run(&["check", "drafts", "--format", "json"]);
    run.status(1);
    insta::assert_snapshot!(run.stdout);
    let report = run.json();
    assert_eq!(report["version"], 1);
    let file = &report["files"][0];
    assert_eq!(file["path"], "drafts/notes.md");
    // Spans are byte offsets into the draft as written, lines and columns 1-based.
    let friday = FLAWED.find("Friday").unwrap();
    let contradiction = &file["findings"][0];
    assert_eq!(contradiction["code"], "contradiction");
    assert_eq!(
        contradiction["span"],
        serde_json::json!({"start": friday, "end": friday + 6, "line": 3, "column": 45})
    );
    assert_eq!(
        contradiction["evidence"][0]["source"], "sources/council.txt",
        "evidence names the source as the config names it, relative to the current folder"
    );
}

#[test]
fn github_annotations_are_workflow_commands() {
    let run = flawed().run(&["check", "drafts", "--format", "github"]);
    run.status(1);
    insta::assert_snapshot!(run.stdout);
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("::warning file=drafts/notes.md,line="),
            "{line}"
        );
        assert!(!line.contains('\r'));
    }
}

#[test]
fn severities_pick_the_github_command() {
    let p = flawed();
    p.write(
        "factcheck.toml",
        "[corpus]\npaths = [\"sources\"]\n[severity]\ncontradiction = \"error\"\n\
         misquote = \"information\"\nunsourced-quote = \"hint\"\n",
    );
    let run = p.run(&["check", "drafts", "--format", "github"]);
    let commands: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(commands, ["::error", "::notice", "::notice"]);
}

#[test]
fn a_clean_run_in_every_format() {
    let p = Project::council();
    p.write("ok.md", crate::support::CLEAN);
    let human = p.run(&["check", "ok.md"]);
    human.status(0);
    assert!(
        human.stdout.starts_with("no findings in 1 draft; "),
        "{}",
        human.stdout
    );
    assert_eq!(human.stdout.lines().count(), 1);
    let json = p.run(&["check", "ok.md", "--format", "json"]);
    json.status(0);
    assert_eq!(json.json()["files"][0]["findings"], serde_json::json!([]));
    let github = p.run(&["check", "ok.md", "--format", "github"]);
    github.status(0);
    assert_eq!(github.stdout, "");
    let sarif = p.run(&["check", "ok.md", "--format", "sarif"]);
    sarif.status(0);
    assert_eq!(sarif.json()["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let run = Project::council().run(&["check", "--format", "xml"]);
    run.status(2);
    assert!(
        run.stderr
            .contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("[possible values: human, json, sarif, github, html]"));
}
