//! The language server: `factcheck lsp`.
//!
//! A thin face over the engine: documents come in over LSP, are checked with the shared
//! [`Checker`](crate::Checker), and go back out as diagnostics, hovers, code actions and
//! completions. Each feature lives in its own module; `server` only dispatches.
//!
//! ```text
//! server ──▶ documents (ropes, edits in order) ──▶ analysis (workers, blocking pool)
//!    │                                              │
//!    ├─▶ hover / definition / actions / completion ◀┘ (stored checks, never a re-check)
//!    └─▶ config ──▶ corpus (load, index, watch) ──▶ status / $/progress
//! ```

mod actions;
mod analysis;
mod commands;
mod completion;
mod config;
mod corpus;
mod definition;
mod diagnostics;
mod documents;
mod framing;
mod hover;
mod position;
mod server;
mod sources;
mod state;
mod status;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use status::{Phase, Status};

/// Internals the fuzz targets (`fuzz/`) and their regression tests drive directly: the
/// position conversions and the frame reader. Not a stable API.
#[doc(hidden)]
pub mod fuzzing {
    pub use super::framing::{next_frame, MALFORMED};
    pub use super::position::{offset, position, position_in_text, span, Encoding, OutOfRange};
    pub use ropey::Rope;
    pub use tower_lsp_server::ls_types::{Position, Range};
}

/// Serves LSP on stdin/stdout until `exit` or end of input, on a runtime of its own.
pub fn run_stdio() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Checks still running on the blocking pool belong to a session that is over: their
    // results would be dropped anyway, so do not wait for them.
    runtime.shutdown_background();
    Ok(())
}

/// Serves LSP over any byte streams (stdio, or a duplex pipe in tests and benchmarks) until
/// `exit` or end of input. Returns once the session is over; background work has been told to
/// stop by then and publishes nothing more.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::build(server::Server::new)
        .custom_method(framing::MALFORMED, server::Server::malformed)
        .finish();
    let state = service.inner().state.clone();
    let input = framing::Guard::new(input, state.clone());
    Server::new(input, output, socket).serve(service).await;
    state.stop.stop();
    state.corpus.stop_watching();
}
