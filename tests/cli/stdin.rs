//! `factcheck check -`: one draft on standard input, named by `--stdin-filename`.

use crate::support::{Project, FLAWED};

#[test]
fn a_draft_on_stdin_is_checked_and_shown_as_stdin() {
    let p = Project::council();
    let run = p.run_with_stdin(&["check", "-", "--format", "json"], FLAWED);
    run.status(1);
    assert_eq!(
        run.codes(),
        [(
            "<stdin>".to_string(),
            vec![
                "contradiction".to_string(),
                "misquote".to_string(),
                "unsourced-quote".to_string()
            ]
        )]
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn stdin_filename_names_the_draft_in_every_format() {
    let p = Project::council();
    let args = |format| {
        [
            "check",
            "-",
            "--stdin-filename",
            "drafts/notes.md",
            "--format",
            format,
        ]
    };
    let human = p.run_with_stdin(&args("human"), FLAWED);
    human.status(1);
    insta::assert_snapshot!(human.stdout);

    let json = p.run_with_stdin(&args("json"), FLAWED);
    assert_eq!(json.json()["files"][0]["path"], "drafts/notes.md");

    let sarif = p.run_with_stdin(&args("sarif"), FLAWED);
    let sarif = sarif.json();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, ["drafts/notes.md"; 3]);

    let github = p.run_with_stdin(&args("github"), FLAWED);
    assert_eq!(github.stdout.lines().count(), 3);
    for line in github.stdout.lines() {
        assert!(
            line.starts_with("::warning file=drafts/notes.md,line="),
            "{line}"
        );
    }
}

#[test]
fn stdin_filename_decides_path_scoped_ignores_and_markdown_or_text() {
    let p = Project::council();
    p.write(
        "factcheck.toml",
        "[corpus]\npaths = [\"sources\"]\n\n[[ignore]]\npath = \"drafts/old\"\n",
    );
    let count = |name: &str, draft: &str| {
        let run = p.run_with_stdin(
            &["check", "-", "--stdin-filename", name, "--format", "json"],
            draft,
        );
        assert_ne!(run.code, 2, "{}", run.stderr);
        run.json()["files"][0]["findings"].as_array().unwrap().len()
    };
    assert_eq!(count("drafts/new/notes.md", FLAWED), 3);
    assert_eq!(
        count("drafts/old/notes.md", FLAWED),
        0,
        "silenced by its path"
    );

    // A misquote inside a fenced code block: Markdown never checks code, plain text has no
    // code blocks.
    let fenced = "```\nMayor Lena Ortiz said the plan \"will keep every library open through \
                  the summer\".\n```\n";
    assert_eq!(count("notes.md", fenced), 0);
    assert_eq!(count("notes.txt", fenced), 1);
    // Without a name, standard input is plain text, as a file without an extension is.
    let run = p.run_with_stdin(&["check", "-", "--format", "json"], fenced);
    assert_eq!(
        run.json()["files"][0]["findings"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn invalid_utf8_on_stdin_is_an_error_naming_the_place() {
    let p = Project::council();
    let run = p.run_with_stdin(&["check", "-"], b"Line one.\nCaf\xe9 au lait.\n");
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: <stdin>: invalid UTF-8 at line 2, column 4 (byte 13): drafts must be UTF-8 text\n"
    );
    assert_eq!(
        run.stdout,
        "no findings in 0 drafts; 0 citations; 1 draft could not be read\n"
    );
    let named = p.run_with_stdin(
        &["check", "-", "--stdin-filename", "notes.md"],
        b"\xff\xfeN\0o\0",
    );
    named.status(2);
    assert_eq!(
        named.stderr,
        "error: notes.md: UTF-16 text (little-endian, by its byte order mark), not UTF-8: \
         convert it with `iconv -f UTF-16 -t UTF-8`\n"
    );
}

#[test]
fn stdin_cannot_be_mixed_with_paths_and_its_name_needs_it() {
    let p = Project::council();
    p.write("a.md", FLAWED);
    let mixed = p.run_with_stdin(&["check", "-", "a.md"], FLAWED);
    mixed.status(2);
    assert_eq!(
        mixed.stderr,
        "error: `-` reads one draft from standard input and cannot be combined with other \
         paths\n"
    );
    let name_alone = p.run(&["check", "--stdin-filename", "a.md"]);
    name_alone.status(2);
    assert_eq!(
        name_alone.stderr,
        "error: --stdin-filename names the draft read from standard input: add `-` to read it\n"
    );
}
