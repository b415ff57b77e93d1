//! The `factcheck` binary, run as users run it: drafts and small corpora in a temp dir, every
//! output format, every exit status, configuration, ignore directives and every bad input.

mod bad_input;
mod config;
mod escaping;
mod exit;
mod fix;
mod formats;
mod generate;
mod html;
mod ignore;
mod line_ends;
mod lsp;
mod quiet;
mod sarif;
mod schema;
mod stdin;
mod support;
mod terminal;
mod walk;
