//! `factcheck lsp`: hands stdin/stdout to the language server.

use clap::Args;

use super::Outcome;

#[derive(Args)]
pub struct LspArgs {
    /// Serve on stdin/stdout. This is the only transport and the default; the flag is
    /// accepted because some editor clients always pass it.
    #[arg(long)]
    stdio: bool,
}

pub fn run(args: LspArgs) -> Outcome {
    let _ = args.stdio;
    match factcheck::lsp::run_stdio() {
        Ok(()) => Outcome::Clean,
        Err(e) => {
            super::error(format!("language server: {e:#}"));
            Outcome::Trouble
        }
    }
}
