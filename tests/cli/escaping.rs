//! Hostile text in drafts, sources and file names: the human report shows control characters
//! escaped (`\u{1b}`), never sends them to the terminal, and every message stays on one line,
//! so no draft can start a report line that a CI runner reads as a workflow command.

use crate::support::{Project, Run};

/// `factcheck check draft.md --corpus source.txt` with more arguments.
fn check(p: &Project, more: &[&str]) -> Run {
    p.run(&[&["check", "draft.md", "--corpus", "source.txt"], more].concat())
}

/// A source and a draft that try to set the window title, write the clipboard (OSC 52), and
/// move the cursor up and erase the line, which would hide the finding printed before.
const TITLE_SOURCE: &str =
    "The Kremlin on Wednesday rejected the allegations in the report.\x1b]0;PWNED\x07\x1b[1A\x1b[2K\n";
const CLIPBOARD_DRAFT: &str = "Hidden\u{202e}txet \x1b[8mThe Kremlin rejected the allegations \
                               in the report on Thursday. \x1b]52;c;cm0gLXJmIH4=\x07\r\n";

#[test]
fn control_characters_from_documents_are_shown_escaped_in_the_human_report() {
    let p = Project::new();
    p.write("source.txt", TITLE_SOURCE);
    p.write("draft.md", CLIPBOARD_DRAFT);
    let run = check(&p, &["--color", "never"]);
    run.status(1);
    // The caret stays under “Thursday”: each escape takes the columns it is shown in.
    assert_eq!(
        run.stdout,
        r#"warning[contradiction]: Contradiction: the sources say “Wednesday”, not “Thursday”
 --> draft.md:1:71
  |
1 | Hidden\u{202e}txet \u{1b}[8mThe Kremlin rejected the allegations in the report on Thursday. \u{1b}]52;c;cm0gLXJmIH4=\u{7}
  |                                                                                   ^^^^^^^^
  = source: source.txt:1: “The Kremlin on Wednesday rejected the allegations in the report.\u{1b}]0;PWNED\u{7}\u{1b}[1A\u{1b}[2K”
  = fix: Replace with “Wednesday”

1 warning in 1 of 1 draft; 1 citation
"#
    );
    // Colour codes are the report's own, never the documents'.
    let coloured = check(&p, &["--color", "always"]);
    assert!(!coloured.stdout.contains("\x1b]"), "{:?}", coloured.stdout);
    assert!(!coloured.stdout.contains('\x07'), "{:?}", coloured.stdout);
    assert!(
        !coloured.stdout.contains('\u{202e}'),
        "{:?}",
        coloured.stdout
    );
}

#[test]
fn a_file_name_with_control_characters_is_shown_escaped() {
    let p = Project::new();
    p.write("source.txt", TITLE_SOURCE);
    p.write(
        "a\x1b[2K\n::error::b.md",
        "The Kremlin rejected the allegations in the report on Thursday.\n",
    );
    p.write("unreadable\x1b]0;x\x07.md", b"caf\xc3\x28".as_slice());
    let run = p.run(&[
        "check",
        "a\x1b[2K\n::error::b.md",
        "unreadable\x1b]0;x\x07.md",
        "--corpus",
        "source.txt",
    ]);
    run.status(2);
    assert!(
        run.stdout
            .contains(r" --> a\u{1b}[2K\u{a}::error::b.md:1:55"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .starts_with(r"error: unreadable\u{1b}]0;x\u{7}.md: invalid UTF-8"),
        "{}",
        run.stderr
    );
    for out in [&run.stdout, &run.stderr] {
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
        assert!(!out.lines().any(|l| l.starts_with("::")), "{out}");
    }
}

/// A misquote whose inserted words hold a line break and a workflow command.
const PESKOV_SOURCE: &str = "“We disagree with this report’s findings about our country,” \
                             Kremlin spokesman Dmitry Peskov said on a conference call with \
                             reporters.\n";
const INJECTING_DRAFT: &str = "“We disagree with this report’s a\n::error::b findings about \
                               our country,” Kremlin spokesman Dmitry Peskov said on a \
                               conference call with reporters.\n";

#[test]
fn a_line_break_quoted_from_a_draft_cannot_start_a_report_line() {
    let p = Project::new();
    p.write("source.txt", PESKOV_SOURCE);
    p.write("draft.md", INJECTING_DRAFT);
    let human = check(&p, &[]);
    human.status(1);
    assert_eq!(
        human.stdout.lines().next().unwrap(),
        "warning[misquote]: Misquote: not the source's exact words (“a ::error::b” is not in \
         the source)"
    );
    assert!(
        !human.stdout.lines().any(|l| l.starts_with("::")),
        "{}",
        human.stdout
    );

    // The message is one line in every format, as the checker built it.
    let json = check(&p, &["--format", "json"]);
    let finding = &json.json()["files"][0]["findings"][0];
    assert_eq!(
        finding["message"],
        "Misquote: not the source's exact words (“a ::error::b” is not in the source)"
    );
    let sarif = check(&p, &["--format", "sarif"]);
    let text = sarif.json()["runs"][0]["results"][0]["message"]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        text.starts_with(
            "Misquote: not the source's exact words (“a ::error::b” is not in the source)\n\
             Source: "
        ),
        "{text}"
    );
    let github = check(&p, &["--format", "github"]);
    assert_eq!(github.stdout.lines().count(), 1, "{}", github.stdout);
    assert!(github
        .stdout
        .starts_with("::warning file=draft.md,line=1,endLine=2,"));
}
