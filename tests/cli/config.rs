//! factcheck.toml: discovery from a subfolder, `--config`, `--corpus` winning, settings that
//! change a run, and errors that name the file, line and column.

use crate::support::{Project, COUNCIL, FLAWED};

#[test]
fn discovered_from_a_subfolder() {
    let p = Project::council();
    p.write("drafts/2024/notes.md", FLAWED);
    let run = p.run_in("drafts/2024", &["check", "--format", "json"], &[]);
    run.status(1);
    let report = run.json();
    assert_eq!(report["files"][0]["path"], "notes.md");
    assert_eq!(
        report["files"][0]["findings"][0]["evidence"][0]["source"],
        "../../sources/council.txt"
    );
}

#[test]
fn the_config_flag_names_the_file() {
    let p = Project::new();
    p.write("elsewhere/sources/council.txt", COUNCIL);
    p.write("elsewhere/custom.toml", "[corpus]\npaths = [\"sources\"]\n");
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "notes.md", "--config", "elsewhere/custom.toml"]);
    run.status(1);
    assert!(
        run.stdout
            .contains("= source: elsewhere/sources/council.txt:1:"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_corpus_flag_wins_over_the_config() {
    let p = Project::new();
    p.write("factcheck.toml", "[corpus]\npaths = [\"not-there\"]\n");
    p.write("mine/council.txt", COUNCIL);
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "notes.md", "--corpus", "mine"]);
    run.status(1);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.contains("= source: mine/council.txt:1:"));
}

#[test]
fn severity_off_drops_a_code() {
    let p = Project::council();
    p.write(
        "factcheck.toml",
        "[corpus]\npaths = [\"sources\"]\n[severity]\nmisquote = \"off\"\nunsourced-quote = \"off\"\n",
    );
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "notes.md", "--format", "json"]);
    run.status(1);
    assert_eq!(
        run.codes(),
        [("notes.md".to_string(), vec!["contradiction".to_string()])]
    );
}

#[test]
fn extensions_choose_what_a_walk_reads() {
    let p = Project::council();
    p.write(
        "factcheck.toml",
        "[corpus]\npaths = [\"sources\"]\n[check]\nextensions = [\"rst\"]\n",
    );
    p.write("drafts/a.rst", FLAWED);
    p.write("drafts/b.md", FLAWED);
    let run = p.run(&["check", "drafts", "--format", "json"]);
    let files: Vec<String> = run.codes().into_iter().map(|(f, _)| f).collect();
    assert_eq!(files, ["drafts/a.rst"]);
}

#[test]
fn errors_name_file_line_column_and_what_is_allowed() {
    let p = Project::new();
    p.write(
        "factcheck.toml",
        "[corpus]\npaths = [\"sources\"]\n\n[severity]\ncontradiction = \"loud\"\n",
    );
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "notes.md"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: [TMP]/factcheck.toml:5:17: unknown severity \"loud\": expected one of \
         \"error\", \"warning\", \"information\", \"hint\", \"off\"\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn an_unknown_key_is_an_error() {
    let p = Project::new();
    p.write("factcheck.toml", "[corpus]\npath = [\"sources\"]\n");
    let run = p.run(&["check"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: [TMP]/factcheck.toml:2:1: unknown field `path`, expected `paths`\n"
    );
}

#[test]
fn a_missing_config_flag_file_is_an_error() {
    let p = Project::new();
    let run = p.run(&["check", "--config", "nope.toml"]);
    run.status(2);
    assert_eq!(run.stderr, "error: [TMP]/nope.toml: no such file\n");
}

#[test]
fn a_bad_exclude_glob_names_the_file_and_its_place() {
    let p = Project::council();
    p.write(
        "factcheck.toml",
        "[corpus]\npaths = [\"sources\"]\n\n[check]\nexclude = [\"drafts/old\", \"drafts/[ab\"]\n",
    );
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "notes.md"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: [TMP]/factcheck.toml:5:26: a bad glob in `exclude`: unclosed character class; \
         missing ']'\n"
    );
    assert_eq!(run.stdout, "");
}

/// The rule the language server follows too: the factcheck.toml that governs a draft is the
/// first found walking up from the draft's folder, not from where factcheck runs.
#[test]
fn found_by_walking_up_from_the_drafts_named() {
    let p = Project::new();
    p.write("book/sources/council.txt", COUNCIL)
        .write("book/factcheck.toml", "[corpus]\npaths = [\"sources\"]\n")
        .write("book/drafts/part1/notes.md", FLAWED);
    let run = p.run(&["check", "book/drafts/part1/notes.md", "--format", "json"]);
    run.status(1);
    assert_eq!(
        run.json()["files"][0]["findings"][0]["evidence"][0]["source"],
        "book/sources/council.txt"
    );
    // A folder named is its own start.
    p.run(&["check", "book/drafts"]).status(1);
    // Standard input starts from the folder of its --stdin-filename.
    let stdin = p.run_with_stdin(
        &["check", "-", "--stdin-filename", "book/drafts/new.md"],
        FLAWED,
    );
    stdin.status(1);
    // Without a draft path, from the current folder: here none is found.
    let bare = p.run_with_stdin(&["check", "-"], FLAWED);
    bare.status(2);
    assert!(
        bare.stderr.starts_with("error: no corpus"),
        "{}",
        bare.stderr
    );
}

#[test]
fn drafts_of_two_projects_are_checked_in_two_runs() {
    let p = Project::new();
    for project in ["one", "two"] {
        p.write(&format!("{project}/sources/council.txt"), COUNCIL)
            .write(
                &format!("{project}/factcheck.toml"),
                "[corpus]\npaths = [\"sources\"]\n",
            )
            .write(&format!("{project}/notes.md"), FLAWED);
    }
    let run = p.run(&["check", "one/notes.md", "two/notes.md"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: the drafts named belong to different projects ([TMP]/one/factcheck.toml and \
         [TMP]/two/factcheck.toml): check each in a run of its own, or name one configuration \
         with --config\n"
    );
    p.run(&[
        "check",
        "one/notes.md",
        "two/notes.md",
        "--config",
        "one/factcheck.toml",
    ])
    .status(1);
}
