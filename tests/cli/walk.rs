//! Which files a folder walk checks.

use crate::support::{Project, FLAWED};

fn checked(p: &Project, args: &[&str]) -> Vec<String> {
    let mut full = vec!["check", "--format", "json", "--fail-on", "never"];
    full.extend_from_slice(args);
    let run = p.run(&full);
    run.status(0);
    run.codes().into_iter().map(|(f, _)| f).collect()
}

#[test]
fn the_default_is_the_current_folder_minus_hidden_build_and_corpus_folders() {
    let p = Project::council();
    for draft in [
        "a.md",
        "b.markdown",
        "c.txt",
        "nested/deeper/d.md",
        ".hidden/e.md",
        ".f.md",
        "target/g.md",
        "node_modules/pkg/h.md",
        "image.png",
        "notes.rst",
    ] {
        p.write(draft, FLAWED);
    }
    // The corpus folder holds .txt files, which are sources, not drafts.
    assert_eq!(
        checked(&p, &[]),
        ["a.md", "b.markdown", "c.txt", "nested/deeper/d.md"]
    );
}

#[test]
fn files_named_are_checked_whatever_their_extension_and_once() {
    let p = Project::council();
    p.write("notes.rst", FLAWED).write("a.md", FLAWED);
    assert_eq!(
        checked(&p, &["notes.rst", "a.md", "./a.md", "."]),
        ["notes.rst", "a.md"]
    );
}

#[test]
fn a_folder_without_drafts_warns() {
    let p = Project::council();
    std::fs::create_dir_all(p.join("empty")).unwrap();
    let run = p.run(&["check", "empty"]);
    run.status(0);
    assert_eq!(
        run.stderr,
        "warning: empty: no drafts found (looked for .md, .markdown, .txt)\n"
    );
    assert_eq!(run.stdout, "no findings in 0 drafts; 0 citations\n");
}
