//! What a person at a terminal sees: colour on a terminal only (`--color`, NO_COLOR, CLICOLOR,
//! CLICOLOR_FORCE and TERM honoured, as anstream reads them), never in a report file unless
//! asked, and a progress bar on stderr while a large corpus loads, on a terminal only.

use crate::support::{Project, COUNCIL, FLAWED};

/// The header of the flawed notes' first finding, bold yellow.
const YELLOW_HEADER: &str = "\x1b[1m\x1b[33mwarning[contradiction]\x1b[0m";

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
    assert!(shown.stdout.contains(YELLOW_HEADER), "{:?}", shown.stdout);

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
        run.stdout.contains("\x1b[1m\x1b[33m^^^^^^\x1b[0m"),
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

#[test]
fn colour_follows_clicolor_and_term_as_other_tools_do() {
    let p = flawed();
    let check = ["check", "notes.md"];
    // https://bixense.com/clicolors: CLICOLOR=0 turns colour off on a terminal...
    let off = p.run_on_terminal(&check, &[("CLICOLOR", "0")]);
    off.status(1);
    assert!(!off.stdout.contains('\x1b'), "{:?}", off.stdout);
    // ...CLICOLOR_FORCE turns it on into a pipe...
    let forced = p.run_in("", &check, &[("CLICOLOR_FORCE", "1")]);
    forced.status(1);
    assert!(forced.stdout.contains(YELLOW_HEADER), "{:?}", forced.stdout);
    // ...and NO_COLOR wins over it.
    let both = p.run_in("", &check, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!both.stdout.contains('\x1b'), "{:?}", both.stdout);
    // A terminal that says it shows no colour gets none.
    let dumb = p.run_on_terminal(&check, &[("TERM", "dumb")]);
    assert!(!dumb.stdout.contains('\x1b'), "{:?}", dumb.stdout);
    assert!(dumb.stdout.contains("warning[contradiction]"));
}

#[test]
fn a_report_file_gets_colour_only_with_color_always() {
    let p = flawed();
    let report = |extra: &[&str], env: &[(&str, &str)]| {
        let mut args = vec!["check", "notes.md", "--output", "report.txt"];
        args.extend_from_slice(extra);
        let run = p.run_on_terminal(&args, env);
        run.status(1);
        assert!(
            !run.stdout.contains("warning["),
            "the report is in the file"
        );
        std::fs::read_to_string(p.join("report.txt")).unwrap()
    };
    let auto = report(&[], &[]);
    assert!(!auto.contains('\x1b'), "{auto:?}");
    assert!(auto.starts_with("warning[contradiction]: "), "{auto:?}");
    let forced = report(&[], &[("CLICOLOR_FORCE", "1")]);
    assert_eq!(
        forced, auto,
        "a file is not a terminal, whatever the environment says"
    );
    assert_eq!(report(&["--color", "never"], &[]), auto);
    let always = report(&["--colour", "always"], &[("NO_COLOR", "1")]);
    assert!(always.starts_with(YELLOW_HEADER), "{always:?}");
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

#[test]
fn no_progress_bar_when_stderr_is_a_log_and_stdout_a_terminal() {
    let p = Project::new();
    large_corpus(&p);
    p.write("notes.md", FLAWED);
    let run = p.run_on_terminal_stderr_to("log.txt", &["check", "notes.md", "--corpus", "big"]);
    run.status(1);
    assert!(run.stdout.contains(YELLOW_HEADER), "{:?}", run.stdout);
    assert!(!run.stdout.contains("Loading sources"), "{:?}", run.stdout);
    assert_eq!(std::fs::read_to_string(p.join("log.txt")).unwrap(), "");
}
