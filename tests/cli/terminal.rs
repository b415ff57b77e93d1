//! What a person at a terminal sees: colour on a terminal only (NO_COLOR and `--color`
//! honoured), and a progress bar on stderr while a large corpus loads.

use crate::support::{Project, COUNCIL, FLAWED};

fn flawed() -> Project {
    let p = Project::council();
    p.write("notes.md", FLAWED);
    p
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    let p = flawed();
    let shown = p.run_on_terminal(&["check", "notes.md"], &[]);
    shown.status(1);
    assert!(
        shown
            .stdout
            .contains("\x1b[1;33mwarning[contradiction]\x1b[0m"),
        "{:?}",
        shown.stdout
    );

    let no_color = p.run_on_terminal(&["check", "notes.md"], &[("NO_COLOR", "1")]);
    no_color.status(1);
    assert!(!no_color.stdout.contains('\x1b'), "{:?}", no_color.stdout);
    assert!(no_color.stdout.contains("warning[contradiction]"));

    let never = p.run_on_terminal(&["check", "notes.md", "--color", "never"], &[]);
    assert!(!never.stdout.contains('\x1b'));

    // An empty NO_COLOR does not count (no-color.org).
    let empty = p.run_on_terminal(&["check", "notes.md"], &[("NO_COLOR", "")]);
    assert!(empty.stdout.contains('\x1b'));
}

#[test]
fn color_always_colours_even_into_a_pipe() {
    let p = flawed();
    let run = p.run_in(
        "",
        &["check", "notes.md", "--color", "always"],
        &[("NO_COLOR", "1")],
    );
    run.status(1);
    assert!(
        run.stdout.contains("\x1b[1;33m^^^^^^\x1b[0m"),
        "{:?}",
        run.stdout
    );
    let json = p.run_in(
        "",
        &["check", "notes.md", "--color", "always", "--format", "json"],
        &[],
    );
    assert!(
        !json.stdout.contains('\x1b'),
        "colour is for the human format only"
    );
}

/// A corpus over the progress bar's threshold: the council's sentences and filler, 5 MiB.
fn large_corpus(p: &Project) {
    let mut text = String::from(COUNCIL);
    let mut i = 0;
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(&format!(
            "Archive note {i}: the parks board met in room {} and talked about benches.\n",
            i % 97
        ));
        i += 1;
    }
    p.write("big/council.txt", text);
}

#[test]
fn a_progress_bar_while_a_large_corpus_loads_on_a_terminal_only() {
    let p = Project::new();
    large_corpus(&p);
    p.write("notes.md", FLAWED);
    let terminal = p.run_on_terminal(&["check", "notes.md", "--corpus", "big"], &[]);
    terminal.status(1);
    assert!(
        terminal.stdout.contains("Loading sources [###"),
        "{:?}",
        terminal.stdout
    );
    assert!(terminal.stdout.contains("Indexing 1 sources"));
    assert!(terminal.stdout.contains("warning[contradiction]"));

    let piped = p.run(&["check", "notes.md", "--corpus", "big"]);
    piped.status(1);
    assert_eq!(piped.stderr, "", "no progress into a pipe or a log");

    let quiet = p.run_on_terminal(&["check", "notes.md", "--corpus", "big", "--quiet"], &[]);
    quiet.status(1);
    assert!(
        !quiet.stdout.contains("Loading sources") && !quiet.stdout.contains("Indexing"),
        "--quiet: no progress even on a terminal: {:?}",
        quiet.stdout
    );
    assert!(quiet.stdout.contains("warning[contradiction]"));
}
