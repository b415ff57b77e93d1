//! `--format html`, the review page, and `--output FILE` (for every format).

use crate::support::{Project, FLAWED};

fn flawed() -> Project {
    let p = Project::council();
    p.write("drafts/notes.md", FLAWED);
    p
}

/// The page with its style and script (fixed text, tested in the browser) left out, so the
/// snapshot shows what the run put in it.
fn without_style_and_script(page: &str) -> String {
    let mut page = page.to_string();
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        let start = page.find(open).expect("the page has its style and script") + open.len();
        let end = start + page[start..].find(close).unwrap();
        page.replace_range(start..end, "…");
    }
    let hash = page.find("sha256-").unwrap() + "sha256-".len();
    let end = hash + page[hash..].find("&#39;").unwrap();
    page.replace_range(hash..end, "…");
    page
}

#[test]
fn html_is_one_page_with_the_drafts_marks_and_passages() {
    let run = flawed().run(&["check", "drafts", "--format", "html"]);
    run.status(1);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(without_style_and_script(&run.stdout));
}

#[test]
fn output_writes_the_report_to_a_file_in_any_format() {
    let p = flawed();
    for format in ["html", "json", "human"] {
        let to_stdout = p.run(&["check", "drafts", "--format", format]);
        let to_file = p.run(&[
            "check",
            "drafts",
            "--format",
            format,
            "--output",
            "report.out",
        ]);
        to_file.status(1);
        assert_eq!(to_file.stdout, "", "{format}: nothing on stdout");
        let written = std::fs::read_to_string(p.join("report.out")).unwrap();
        assert_eq!(
            written, to_stdout.stdout,
            "{format}: the file holds the report"
        );
    }
}

#[test]
fn an_output_file_that_cannot_be_written_is_trouble_naming_it() {
    let run = flawed().run(&[
        "check",
        "drafts",
        "--format",
        "html",
        "--output",
        "missing/report.html",
    ]);
    run.status(2);
    assert!(
        run.stderr
            .starts_with("error: cannot write the report to missing/report.html: "),
        "{}",
        run.stderr
    );
}
