//! `factcheck lsp`: hands stdin/stdout to the language server. The exit status is the
//! specification's: 0 after `shutdown` then `exit` (or when the editor closes the pipe), 1 for
//! an `exit` no `shutdown` preceded, and 2 when the server could not start.

use std::process::ExitCode;

use clap::Args;
use factcheck::lsp::Ended;

use super::Outcome;

#[derive(Args)]
pub struct LspArgs {
    /// Serve on stdin/stdout. This is the only transport and the default; the flag is
    /// accepted because some editor clients always pass it.
    #[arg(long)]
    stdio: bool,
}

pub fn run(args: LspArgs) -> ExitCode {
    let _ = args.stdio;
    match factcheck::lsp::run_stdio() {
        Ok(Ended::Orderly | Ended::InputClosed) => ExitCode::SUCCESS,
        Ok(Ended::ExitWithoutShutdown) => {
            super::error("language server: the client sent `exit` without `shutdown` first");
            ExitCode::FAILURE
        }
        Err(e) => {
            super::error(format!("language server: {e:#}"));
            Outcome::Trouble.into()
        }
    }
}
