//! What a panic becomes in the server: a one-line reason, and from it the answers a client
//! understands. A check that panicked on one state of a document is a [`Failure`], stored like
//! a result: requests on that state get an error naming it at once, the document shows one
//! diagnostic saying it is not checked, and nothing checks that state again.

use std::any::Any;

use tower_lsp_server::jsonrpc::{Error, ErrorCode};
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Range};

use super::diagnostics::SOURCE;
use super::documents::Stamp;

/// The code of the diagnostic that stands in for the findings of a failed check.
pub const NOT_CHECKED: &str = "not-checked";

/// A check of one state of a document that panicked.
#[derive(Debug)]
pub struct Failure {
    pub stamp: Stamp,
    /// The client's version number of that state.
    pub version: i32,
    /// The settings and corpus generation the check was made with.
    pub epoch: u64,
    /// What went wrong, on one line.
    pub reason: String,
}

impl Failure {
    /// The error a request that needed this check is answered with.
    pub fn error(&self) -> Error {
        request_failed(format!(
            "factcheck could not check this version of the document: {}",
            self.reason
        ))
    }

    /// The one diagnostic the document shows instead of its findings, so the writer can see
    /// that nothing was checked rather than read "no findings" as "all true".
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic {
            range: Range::default(),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String(NOT_CHECKED.into())),
            source: Some(SOURCE.into()),
            message: format!(
                "factcheck could not check this text: {}. Edit it to try again.",
                self.reason
            ),
            ..Diagnostic::default()
        }
    }
}

/// The reason a panic gives, from its payload: the message of `panic!` and friends, on one line.
pub fn panic_reason(payload: &(dyn Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string());
    format!(
        "internal error ({})",
        message.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// LSP's RequestFailed (-32803): the request was valid but could not be carried out.
pub fn request_failed(message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into().into(),
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_message_becomes_one_line() {
        let payload = std::panic::catch_unwind(|| {
            panic!("byte index 3 is not a char boundary;\n it is inside 'ñ'")
        })
        .unwrap_err();
        assert_eq!(
            panic_reason(&*payload),
            "internal error (byte index 3 is not a char boundary; it is inside 'ñ')"
        );
        let payload = std::panic::catch_unwind(|| std::panic::panic_any(7)).unwrap_err();
        assert_eq!(
            panic_reason(&*payload),
            "internal error (a panic without a message)"
        );
    }
}
