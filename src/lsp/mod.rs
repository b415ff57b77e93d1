//! The language server: `factcheck lsp`.
//!
//! A thin face over the engine: documents come in over LSP, are checked with the shared
//! [`Checker`](crate::Checker), and go back out as diagnostics, hovers, code actions and
//! completions. Each feature lives in its own module; `server` only dispatches.
//!
//! ```text
//! framing ──▶ dispatch (panics caught, bad params named) ──▶ server
//! server ──▶ documents (ropes, edits in order) ──▶ analysis (workers, blocking pool)
//!    │                                              │  checked, or failed (stored alike)
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
mod dispatch;
mod documents;
mod failure;
mod framing;
mod hover;
mod position;
mod server;
mod sources;
mod state;
mod status;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use analysis::Check;
pub use state::Ended;
pub use status::{Phase, Status};

/// Requests and notifications handled at once. tower-lsp-server's default of 4 let four
/// requests waiting on a slow check stop the reader, so that no edit of any document was read
/// until one of them answered; waiting costs a handler nothing but a slot.
const CONCURRENCY: usize = 64;

/// Internals the fuzz targets (`fuzz/`) and their regression tests drive directly: the
/// position conversions and the frame reader. Not a stable API.
#[doc(hidden)]
pub mod fuzzing {
    pub use super::framing::{next_frame, MALFORMED};
    pub use super::position::{offset, position, position_in_text, span, Encoding, OutOfRange};
    pub use ropey::Rope;
    pub use tower_lsp_server::ls_types::{Position, Range};
}

/// Serves LSP on stdin/stdout until `exit` or end of input, on a runtime of its own; says how
/// the session ended, for the exit status.
pub fn run_stdio() -> anyhow::Result<Ended> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let ended = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Checks still running on the blocking pool belong to a session that is over: their
    // results would be dropped anyway, so do not wait for them.
    runtime.shutdown_background();
    Ok(ended)
}

/// Serves LSP over any byte streams (stdio, or a duplex pipe in tests and benchmarks) until
/// `exit` or end of input. Returns once the session is over; background work has been told to
/// stop by then and publishes nothing more.
pub async fn serve<I, O>(input: I, output: O) -> Ended
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    serve_checking_with(input, output, crate::Checker::check_with_sentences).await
}

/// [`serve`], checking documents with `check` instead of the engine's check: for tests of
/// what the server does when a check fails. Not a stable API.
#[doc(hidden)]
pub async fn serve_checking_with<I, O>(input: I, output: O, check: Check) -> Ended
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::build(|client| server::Server::new(client, check))
        .custom_method(framing::MALFORMED, server::Server::malformed)
        .finish();
    let state = service.inner().state.clone();
    let input = framing::Guard::new(input, state.clone());
    let service = dispatch::Dispatch::new(service, state.clone());
    Server::new(input, output, socket)
        .concurrency_level(CONCURRENCY)
        .serve(service)
        .await;
    state.stop.stop();
    state.corpus.stop_watching();
    state.ending.ended()
}
