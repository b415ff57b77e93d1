//! factcheck: check prose against a corpus of source documents.
//!
//! ```text
//! sources --Corpus::load--> Corpus --Index::build--> Index
//! draft --Checker::check(&Index)--> Report { findings, citations }   (UTF-8 byte spans)
//! ```
//!
//! Everything that decides what is true lives here; the command line (`factcheck check`) and
//! the language server (`factcheck lsp`) only render and transport a [`Report`].

pub mod check;
pub mod config;
pub mod corpus;
pub mod files;
pub mod index;
pub mod knowledge;
pub mod lsp;
pub mod report;
pub mod text;

pub use check::{check, CheckOptions, Checker, Code, Finding, Report, Severity};
pub use corpus::{Corpus, CorpusError, LoadEvent, LoadWarning};
pub use index::Index;
pub use text::markdown::Format;
pub use text::Span;
