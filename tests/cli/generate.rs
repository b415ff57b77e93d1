//! `factcheck completions <shell>` and `factcheck man`, generated from the command line's
//! definition: each is produced and knows `check`'s options.

use crate::support::Project;

/// Options of `check` every generated text must know.
const CHECK_OPTIONS: &[&str] = &[
    "stdin-filename",
    "statistics",
    "quiet",
    "diff",
    "fix",
    "fail-on",
];

#[test]
fn completions_for_every_shell_know_the_check_options() {
    let p = Project::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = p.run(&["completions", shell]);
        run.status(0);
        assert_eq!(run.stderr, "", "{shell}");
        assert!(run.stdout.contains("check"), "{shell}: {}", run.stdout);
        for option in CHECK_OPTIONS {
            assert!(
                run.stdout.contains(&format!("--{option}"))
                    // fish writes `-l stdin-filename`.
                    || run.stdout.contains(&format!("-l {option}")),
                "{shell} completes --{option}"
            );
        }
    }
    let unknown = p.run(&["completions", "tcsh"]);
    unknown.status(2);
    assert!(
        unknown.stderr.contains("invalid value 'tcsh'"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn man_pages_cover_factcheck_and_each_subcommand() {
    let p = Project::new();
    let main = p.run(&["man"]);
    main.status(0);
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        main.stdout
            .contains(&format!(".TH factcheck 1  \"factcheck {version}\"")),
        "{}",
        main.stdout
    );
    assert!(
        main.stdout.contains("factcheck\\-check(1)"),
        "{}",
        main.stdout
    );

    let check = p.run(&["man", "check"]);
    check.status(0);
    assert!(
        check.stdout.contains(".TH factcheck-check 1"),
        "{}",
        check.stdout
    );
    for option in CHECK_OPTIONS {
        let roff = format!("\\fB\\-\\-{}\\fR", option.replace('-', "\\-"));
        assert!(
            check.stdout.contains(&roff),
            "man check documents --{option}"
        );
    }

    let missing = p.run(&["man", "nope"]);
    missing.status(2);
    assert_eq!(
        missing.stderr,
        "error: no subcommand `nope`: expected one of check, lsp, completions, man, schema\n"
    );

    let dir = p.join("man1");
    std::fs::create_dir(&dir).unwrap();
    p.run(&["man", "--dir", "man1"]).status(0);
    let mut pages: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "factcheck-check.1",
            "factcheck-completions.1",
            "factcheck-lsp.1",
            "factcheck-man.1",
            "factcheck-schema.1",
            "factcheck.1"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("factcheck-check.1")).unwrap(),
        check.stdout
    );
}
