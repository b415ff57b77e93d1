//! Turning reports into the chosen format on stdout or into a file: colour decisions and a
//! closed pipe (`factcheck check | head`) handled quietly.

use std::io::{ErrorKind, IsTerminal, Write};
use std::path::Path;

use clap::ValueEnum;
use factcheck::check::Severities;
use factcheck::report::human::{Colour, LeftOut};
use factcheck::report::{github, html, human, json, sarif, statistics, CheckedFile};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people: like rustc, with the draft line underlined and the sources' words.
    Human,
    /// One JSON object (version 1 of the documented contract).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other dashboards.
    Sarif,
    /// GitHub Actions workflow commands: annotations on a pull request.
    Github,
    /// A review page: one self-contained HTML file with the drafts, their marks and the
    /// sources' passages.
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColourChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

impl ColourChoice {
    /// Whether to colour a report written to stdout, or (`to_file`) to a file.
    pub fn resolve(self, to_file: bool) -> Colour {
        let wanted = match self {
            ColourChoice::Always => true,
            ColourChoice::Never => false,
            // https://no-color.org: present and not empty means no colour. A file is not a
            // terminal, whatever stdout is.
            ColourChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && !to_file
                    && std::io::stdout().is_terminal()
            }
        };
        if wanted {
            Colour::Ansi
        } else {
            Colour::Plain
        }
    }
}

/// What the human format lists: each finding, or counts of them (`--statistics`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    Findings,
    Statistics,
}

/// Whether the human format ends with its summary line (`--quiet` leaves it out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Summary {
    Shown,
    Left,
}

/// The whole output of a run in `format`. `listing` and `summary` shape the human format
/// only: the others have no summary, and list every finding.
pub fn render(
    format: OutputFormat,
    files: &[CheckedFile],
    severities: &Severities,
    left_out: LeftOut,
    colour: Colour,
    (listing, summary): (Listing, Summary),
) -> String {
    match format {
        OutputFormat::Human => {
            let listed = match listing {
                Listing::Findings => human::render(files, colour),
                Listing::Statistics => statistics::render(files),
            };
            match summary {
                Summary::Shown => listed + &human::summary(files, left_out, colour),
                Summary::Left => listed,
            }
        }
        OutputFormat::Json => pretty(&json::render(files)),
        OutputFormat::Sarif => pretty(&sarif::render(files, severities)),
        OutputFormat::Github => github::render(files),
        OutputFormat::Html => html::render(files),
    }
}

fn pretty(value: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("a JSON value always serialises");
    s.push('\n');
    s
}

/// Writes the report to `file`, or to stdout without one. The error names the file.
pub fn write(text: &str, file: Option<&Path>) -> Result<(), String> {
    match file {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| format!("cannot write the report to {}: {e}", path.display())),
        None => write_stdout(text).map_err(|e| format!("cannot write the report: {e}")),
    }
}

/// Writes to stdout. A reader that went away (a closed pipe) is not an error: it has seen
/// all it wanted.
pub fn write_stdout(text: &str) -> std::io::Result<()> {
    write_bytes(text.as_bytes())
}

/// [`write_stdout`] for bytes.
pub fn write_bytes(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
