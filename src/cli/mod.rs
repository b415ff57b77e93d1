//! The command line: its arguments and one module per subcommand or concern.

mod check;
mod corpus;
mod drafts;
mod fix;
mod generate;
mod lsp;
mod output;
mod paths;
mod progress;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use factcheck::report::visible::visible;

#[derive(Parser)]
#[command(
    name = "factcheck",
    version,
    about = "Fact-check prose against a corpus of sources",
    long_about = "Fact-check prose against a corpus of sources: misquotes, quotes no source \
                  has, and claims the sources state otherwise, each with the source's words.\n\n\
                  `factcheck check` runs in a terminal or CI; `factcheck lsp` serves editors."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts against the corpus and report findings.
    Check(check::CheckArgs),
    /// Serve the Language Server Protocol on stdin/stdout, for editors.
    Lsp(lsp::LspArgs),
    /// Print the completion script for a shell.
    Completions(generate::CompletionsArgs),
    /// Print the manual page (roff), or write every page into a folder.
    Man(generate::ManArgs),
    /// Print the JSON Schema of factcheck.toml (for editors that validate TOML).
    Schema,
}

/// How a run ended, as the exit status the contract fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// No finding at or above the failing severity.
    Clean = 0,
    /// Findings at or above the failing severity.
    Findings = 1,
    /// A usage, configuration or I/O error.
    Trouble = 2,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        ExitCode::from(o as u8)
    }
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check::run(args).into(),
        // The server's exit status is the LSP specification's, not the check's.
        Command::Lsp(args) => lsp::run(args),
        Command::Completions(args) => generate::completions(args).into(),
        Command::Man(args) => generate::man(args).into(),
        Command::Schema => generate::schema().into(),
    }
}

/// `error: message` on stderr: the one way this command reports trouble. Messages name files
/// and quote what they hold, so control characters in them are shown escaped, and the message
/// stays one line.
pub(crate) fn error(message: impl std::fmt::Display) {
    eprintln!("error: {}", visible(&message.to_string()));
}

/// `warning: message` on stderr, as [`error`] writes it.
pub(crate) fn warning(message: impl std::fmt::Display) {
    eprintln!("warning: {}", visible(&message.to_string()));
}
