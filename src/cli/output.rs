//! Turning reports into the chosen format on stdout or into a file: the human format's colour
//! kept or stripped by anstream as `--color` and the environment say, and a closed pipe
//! (`factcheck check | head`) handled quietly.

use std::io::{ErrorKind, Write};
use std::path::Path;

use anstream::stream::{AsLockedWrite, RawStream};
use anstream::AutoStream;
use clap::ValueEnum;
use factcheck::check::Severities;
use factcheck::report::human::LeftOut;
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
    /// Colour when stdout is a terminal that shows colour (TERM set, not `dumb`), unless
    /// NO_COLOR is set or CLICOLOR=0; CLICOLOR_FORCE colours a pipe too.
    Auto,
    Always,
    Never,
}

impl ColourChoice {
    /// anstream's choice for a report on stdout, or (`to_file`) in a file. A file gets colour
    /// only when asked `always`: it is read later, elsewhere, whatever the environment says
    /// now (CLICOLOR_FORCE included).
    fn stream_choice(self, to_file: bool) -> anstream::ColorChoice {
        match self {
            ColourChoice::Always => anstream::ColorChoice::Always,
            ColourChoice::Never => anstream::ColorChoice::Never,
            ColourChoice::Auto if to_file => anstream::ColorChoice::Never,
            ColourChoice::Auto => anstream::ColorChoice::Auto,
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
    (listing, summary): (Listing, Summary),
) -> String {
    match format {
        OutputFormat::Human => {
            let listed = match listing {
                Listing::Findings => human::render(files),
                Listing::Statistics => statistics::render(files),
            };
            match summary {
                Summary::Shown => listed + &human::summary(files, left_out),
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

/// Writes the report to `file`, or to stdout without one. `colour`: the human format's
/// choice, its styles kept or stripped as it says; `None` for the other formats, written byte
/// for byte. The error names the file.
pub fn write(text: &str, file: Option<&Path>, colour: Option<ColourChoice>) -> Result<(), String> {
    let to_file = file.is_some();
    // Byte for byte: anstream passes ANSI through untouched and unparsed.
    let choice = colour.map_or(anstream::ColorChoice::AlwaysAnsi, |c| {
        c.stream_choice(to_file)
    });
    match file {
        Some(path) => std::fs::File::create(path)
            .and_then(|f| write_through(f, choice, text.as_bytes()))
            .map_err(|e| format!("cannot write the report to {}: {e}", path.display())),
        None => quiet_on_closed_pipe(write_through(
            std::io::stdout().lock(),
            choice,
            text.as_bytes(),
        ))
        .map_err(|e| format!("cannot write the report: {e}")),
    }
}

fn write_through(
    raw: impl RawStream + AsLockedWrite,
    choice: anstream::ColorChoice,
    bytes: &[u8],
) -> std::io::Result<()> {
    let mut out = AutoStream::new(raw, choice);
    out.write_all(bytes).and_then(|()| out.flush())
}

/// Writes to stdout, as it is; quiet on a closed pipe.
pub fn write_stdout(text: &str) -> std::io::Result<()> {
    write_bytes(text.as_bytes())
}

/// [`write_stdout`] for bytes.
pub fn write_bytes(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    quiet_on_closed_pipe(out.write_all(bytes).and_then(|()| out.flush()))
}

/// A reader that went away (a closed pipe) has seen all it wanted: not an error.
fn quiet_on_closed_pipe(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
