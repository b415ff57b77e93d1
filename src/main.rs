//! The `factcheck` command: `factcheck check` for CI, `factcheck lsp` for editors. Parsing
//! only; each subcommand lives in `cli/`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    cli::run(cli::Cli::parse())
}
