//! Bad input never panics: each problem is one line on stderr naming the file, the rest of
//! the work goes on, and the exit status says what happened.

use std::process::{Command, Stdio};

use crate::support::{Project, Run, BIN, CLEAN, COUNCIL, FLAWED};

#[test]
fn no_corpus_named_says_how_to_name_one() {
    let p = Project::new();
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "notes.md"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        format!("error: {}\n", factcheck::CorpusError::NotConfigured)
    );
    assert!(run.stderr.contains("--corpus PATH"));
    assert_eq!(run.stdout, "");
}

#[test]
fn an_empty_corpus_is_an_error() {
    let p = Project::new();
    std::fs::create_dir_all(p.join("sources")).unwrap();
    p.write("sources/picture.png", b"\x89PNG");
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "notes.md", "--corpus", "sources"]);
    run.status(2);
    assert!(
        run.stderr
            .starts_with("error: the corpus is empty: no readable source"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.ends_with(" in sources\n"), "{}", run.stderr);
}

#[test]
fn a_missing_corpus_folder_warns_then_is_empty() {
    let p = Project::new();
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "notes.md", "--corpus", "nowhere"]);
    run.status(2);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines[0], "warning: nowhere: no such file or folder");
    assert!(
        lines[1].starts_with("error: the corpus is empty"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_sources_warn_and_the_rest_load() {
    let p = Project::new();
    p.write("sources/council.txt", COUNCIL);
    p.write("sources/binary.txt", b"GIF89a\x00\x01\x02");
    p.write("sources/latin1.txt", b"Caf\xe9 society met on Monday.\n");
    std::os::unix::fs::symlink(p.join("sources"), p.join("sources/loop")).unwrap();
    p.write("notes.md", FLAWED);
    let run = p.run(&[
        "check", "notes.md", "--corpus", "sources", "--format", "json",
    ]);
    run.status(1);
    let mut warnings: Vec<&str> = run.stderr.lines().collect();
    warnings.sort();
    assert_eq!(
        warnings,
        [
            "warning: sources/binary.txt: skipped: a binary file (it holds NUL bytes), not text",
            "warning: sources/latin1.txt: invalid UTF-8 at byte 3: read with U+FFFD in place of \
             the bad bytes",
            "warning: sources/loop: skipped: a symbolic link back into a folder already read (a \
             loop)",
        ]
    );
    assert_eq!(
        run.codes()[0].1.len(),
        3,
        "the good source still gives every finding"
    );
}

#[test]
fn a_missing_draft_is_reported_and_the_others_are_checked() {
    let p = Project::council();
    p.write("notes.md", FLAWED);
    let run = p.run(&["check", "missing.md", "notes.md", "--format", "json"]);
    run.status(2);
    assert_eq!(run.stderr, "error: missing.md: no such file or folder\n");
    assert_eq!(run.codes()[0].0, "notes.md");
    assert_eq!(run.codes()[0].1.len(), 3);
}

#[test]
fn binary_and_invalid_utf8_drafts_are_errors_naming_the_place() {
    let p = Project::council();
    p.write("drafts/a-binary.md", b"\x00\x01\x02PK\x03\x04");
    p.write(
        "drafts/b-latin1.md",
        b"First line is fine.\nThe caf\xe9 opened on Friday.\n",
    );
    p.write("drafts/c-good.md", CLEAN);
    let run = p.run(&["check", "drafts"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: drafts/a-binary.md: a binary file (it holds NUL bytes), not text\n\
         error: drafts/b-latin1.md: invalid UTF-8 at line 2, column 8 (byte 27): drafts must \
         be UTF-8 text\n"
    );
    assert!(
        run.stdout.starts_with("no findings in 1 draft; "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("; 2 drafts could not be read\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn symlink_loops_among_drafts_do_not_hang() {
    let p = Project::council();
    p.write("drafts/notes.md", CLEAN);
    std::os::unix::fs::symlink(p.join("drafts"), p.join("drafts/again")).unwrap();
    std::os::unix::fs::symlink("self.md", p.join("drafts/self.md")).unwrap();
    let run = p.run(&["check", "drafts"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "warning: drafts/again: skipped: a symbolic link back into a folder already read (a \
         loop)\nerror: drafts/self.md: cannot read: too many levels of symbolic links\n"
    );
    assert!(
        run.stdout.starts_with("no findings in 1 draft; "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("; 1 draft could not be read\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unreadable_draft_is_an_error() {
    let p = Project::council();
    p.write("secret.md", FLAWED);
    p.write("notes.md", CLEAN);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p.join("secret.md"), std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(p.join("secret.md")).is_ok() {
        // Running as root: permissions do not stop reads, so there is nothing to test.
        return;
    }
    let run = p.run(&["check", "secret.md", "notes.md"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: secret.md: cannot read: permission denied\n"
    );
}

#[test]
fn crlf_drafts_keep_byte_spans_into_the_file_as_read() {
    let p = Project::council();
    let text = FLAWED.replace('\n', "\r\n");
    p.write("notes.md", &text);
    let run = p.run(&["check", "notes.md", "--format", "json"]);
    run.status(1);
    let findings = run.json()["files"][0]["findings"].clone();
    let friday = text.find("Friday").unwrap();
    assert_eq!(
        findings[0]["span"],
        serde_json::json!({"start": friday, "end": friday + 6, "line": 3, "column": 45})
    );
    let summer = text.find("will keep").unwrap();
    assert_eq!(findings[1]["span"]["start"], summer);
    assert_eq!(findings[1]["span"]["line"], 5);

    let human = p.run(&["check", "notes.md"]);
    assert!(
        human.stdout.contains(
            "3 | The city council approved the new budget on Friday after a long debate.\n  \
             |                                             ^^^^^^\n"
        ),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains('\r'));
}

#[test]
fn an_empty_draft_is_clean() {
    let p = Project::council();
    p.write("empty.md", "");
    let run = p.run(&["check", "empty.md"]);
    run.status(0);
    assert_eq!(run.stdout, "no findings in 1 draft; 0 citations\n");
}

#[test]
fn a_draft_of_a_few_megabytes_is_checked_whole() {
    let p = Project::council();
    let paragraph = format!("{FLAWED}\nSome filler words that no source has, about gardens.\n\n");
    let copies = 3 * 1024 * 1024 / paragraph.len() + 1;
    let text = paragraph.repeat(copies);
    assert!(text.len() > 3 * 1024 * 1024);
    p.write("big.md", &text);
    let run = p.run(&["check", "big.md", "--format", "json"]);
    run.status(1);
    let findings = run.json()["files"][0]["findings"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(findings.len(), 3 * copies);
    let last = findings.last().unwrap();
    let last_quote = text.rfind("a brighter future").unwrap();
    assert_eq!(last["span"]["start"], last_quote);
}

/// Runs `factcheck ARGS` in the project as `Project::run` does, but with a cap on memory and a
/// guard against hanging, so that a run that blocks or reads without end fails the test
/// rather than stalling the suite or exhausting the machine. (The guard is no timing: a run
/// that does what these tests want ends at once.)
fn run_guarded(p: &Project, args: &[&str]) -> Run {
    let out = Command::new("sh")
        .args([
            "-c",
            "ulimit -v 2000000; exec timeout -s KILL 30 \"$@\"",
            "sh",
            BIN,
        ])
        .args(args)
        .current_dir(p.path())
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    // The project's path reads `[TMP]`, as in `Project::run`.
    let root = std::fs::canonicalize(p.path()).unwrap();
    let redact =
        |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&root.display().to_string(), "[TMP]");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: redact(&out.stdout),
        stderr: redact(&out.stderr),
    }
}

fn mkfifo(p: &Project, name: &str) {
    let made = Command::new("mkfifo").arg(p.join(name)).status().unwrap();
    assert!(made.success());
}

#[test]
fn a_fifo_named_as_a_draft_or_configuration_is_an_error_not_a_wait() {
    let p = Project::council();
    p.write("notes.md", CLEAN);
    mkfifo(&p, "pipe.md");
    let run = run_guarded(&p, &["check", "pipe.md", "notes.md"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: pipe.md: not a regular file: it is a named pipe (FIFO)\n"
    );
    assert!(
        run.stdout.starts_with("no findings in 1 draft; "),
        "{}",
        run.stdout
    );
    let run = run_guarded(&p, &["check", "notes.md", "--config", "pipe.md"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: [TMP]/pipe.md: not a regular file: it is a named pipe (FIFO)\n"
    );
}

#[test]
fn a_device_named_as_a_draft_or_configuration_is_refused_not_read() {
    let p = Project::council();
    p.write("notes.md", CLEAN);
    // A link that looks like a draft: what it leads to is what counts.
    std::os::unix::fs::symlink("/dev/zero", p.join("zero.md")).unwrap();
    let run = run_guarded(&p, &["check", "zero.md", "/dev/zero", "notes.md"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: zero.md: not a regular file: it is a symbolic link to /dev/zero, a character \
         device\nerror: /dev/zero: not a regular file: it is a character device\n"
    );
    let run = run_guarded(&p, &["check", "notes.md", "--config", "zero.md"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "error: [TMP]/zero.md: not a regular file: it is a symbolic link to /dev/zero, a \
         character device\n"
    );
}

#[test]
fn a_fifo_or_device_in_the_corpus_is_warned_of_by_name() {
    let p = Project::new();
    p.write("council.txt", COUNCIL);
    p.write("notes.md", CLEAN);
    mkfifo(&p, "pipe.txt");
    std::os::unix::fs::symlink("/dev/zero", p.join("zero.txt")).unwrap();
    let run = run_guarded(
        &p,
        &[
            "check",
            "notes.md",
            "--corpus",
            "pipe.txt",
            "--corpus",
            "zero.txt",
            "--corpus",
            "council.txt",
        ],
    );
    run.status(0);
    assert_eq!(
        run.stderr,
        "warning: pipe.txt: skipped: not a regular file: it is a named pipe (FIFO)\n\
         warning: zero.txt: skipped: not a regular file: it is a symbolic link to /dev/zero, a \
         character device\n"
    );
    // Alone, the corpus is empty: the warning says why.
    let run = run_guarded(&p, &["check", "notes.md", "--corpus", "pipe.txt"]);
    run.status(2);
    assert_eq!(
        run.stderr.lines().next(),
        Some("warning: pipe.txt: skipped: not a regular file: it is a named pipe (FIFO)")
    );
}

/// 1,800 folders deep: a walk that resolved each entry's whole path (as `canonicalize` does)
/// would be cubic in the depth, about a minute here, and the run's guard would end it.
#[test]
fn a_deep_folder_of_drafts_is_walked_in_one_pass() {
    let p = Project::council();
    let mut deep = p.join("drafts");
    for _ in 0..1800 {
        deep.push("a");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.md"), FLAWED).unwrap();
    let run = run_guarded(&p, &["check", "drafts", "--format", "json"]);
    run.status(1);
    let codes = run.codes();
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].0, format!("drafts/{}deep.md", "a/".repeat(1800)));
    assert_eq!(codes[0].1.len(), 3);
}

#[test]
fn a_utf16_draft_or_source_is_named_utf16_with_how_to_convert_it() {
    let p = Project::council();
    let utf16 = |text: &str| -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    p.write("notes.md", utf16(CLEAN));
    p.write("sources/windows.txt", utf16(COUNCIL));
    let run = p.run(&["check", "notes.md"]);
    run.status(2);
    assert_eq!(
        run.stderr,
        "warning: sources/windows.txt: skipped: UTF-16 text (little-endian, by its byte order \
         mark), not UTF-8: convert it with `iconv -f UTF-16 -t UTF-8`\n\
         error: notes.md: UTF-16 text (little-endian, by its byte order mark), not UTF-8: \
         convert it with `iconv -f UTF-16 -t UTF-8`\n"
    );
}
