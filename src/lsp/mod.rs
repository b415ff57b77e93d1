//! The language server: `factcheck lsp`.
//!
//! A thin face over the engine: documents come in over LSP, are checked with the shared
//! [`Checker`](crate::Checker), and go back out as diagnostics, hovers, code actions and
//! completions. Each feature lives in its own module; `server` only dispatches.

mod server;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serves LSP on stdin/stdout until `exit` or end of input, on a runtime of its own.
pub fn run_stdio() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Blocking checks still running belong to a session that is over: do not wait for them.
    runtime.shutdown_background();
    Ok(())
}

/// Serves LSP over any byte streams (stdio, or a duplex pipe in tests) until `exit` or end of
/// input.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::new(server::Server::new);
    Server::new(input, output, socket).serve(service).await;
}
