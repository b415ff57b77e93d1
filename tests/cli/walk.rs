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

#[test]
fn gitignore_and_ignore_files_are_honoured_each_in_its_own_subtree() {
    let p = Project::council();
    for draft in [
        "a.md",
        "notes.tmp.md",
        "build/b.md",
        "drafts/c.md",
        "drafts/private.md",
        "drafts/keep.tmp.md",
        "drafts/old/d.md",
        "other/private.md",
    ] {
        p.write(draft, FLAWED);
    }
    p.write(".gitignore", "build/\n*.tmp.md\n")
        // Nested: applies to drafts/ only, and may take back what the root ignores.
        .write("drafts/.gitignore", "private.md\n!keep.tmp.md\n")
        // .ignore, as ripgrep reads it, wins over .gitignore in its folder.
        .write("drafts/.ignore", "old/\n");
    assert_eq!(
        checked(&p, &[]),
        [
            "a.md",
            "drafts/c.md",
            "drafts/keep.tmp.md",
            "other/private.md"
        ]
    );
    // What is named outright is checked, ignored or not.
    assert_eq!(
        checked(&p, &["build/b.md", "drafts/old"]),
        ["build/b.md", "drafts/old/d.md"]
    );
}

#[test]
fn gitignore_files_above_a_named_folder_count_up_to_the_repository_root() {
    let p = Project::council();
    p.write("drafts/a.md", FLAWED)
        .write("drafts/draft.bak.md", FLAWED)
        .write(".gitignore", "*.bak.md\n");
    // Outside a repository, only the walked folders' own ignore files count.
    assert_eq!(
        checked(&p, &["drafts"]),
        ["drafts/a.md", "drafts/draft.bak.md"]
    );
    std::fs::create_dir(p.join(".git")).unwrap();
    assert_eq!(checked(&p, &["drafts"]), ["drafts/a.md"]);
}

#[test]
fn exclude_globs_in_factcheck_toml_pass_drafts_by() {
    let p = Project::council();
    p.write(
        "factcheck.toml",
        "[corpus]\npaths = [\"sources\"]\n\n[check]\nexclude = [\"drafts/old\", \"CHANGELOG.md\", \"drafts/*/notes.md\"]\n",
    );
    for draft in [
        "CHANGELOG.md",
        "drafts/CHANGELOG.md",
        "drafts/a.md",
        "drafts/old/b.md",
        "drafts/new/notes.md",
        "drafts/new/deeper/notes.md",
    ] {
        p.write(draft, FLAWED);
    }
    // A glob without `/` matches a name at any depth; `*` stops at `/`. Relative to the
    // folder of factcheck.toml wherever factcheck runs from.
    assert_eq!(
        checked(&p, &[]),
        ["drafts/a.md", "drafts/new/deeper/notes.md"]
    );
    let run = p.run_in(
        "drafts",
        &["check", "--format", "json", "--fail-on", "never"],
        &[],
    );
    let files: Vec<String> = run.codes().into_iter().map(|(f, _)| f).collect();
    assert_eq!(files, ["a.md", "new/deeper/notes.md"]);
}
