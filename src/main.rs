//! The `factcheck` command: `factcheck check` for CI, `factcheck lsp` for editors.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use factcheck::report::json::{self, CheckedFile};
use factcheck::text::LineIndex;
use factcheck::{CheckOptions, Checker, Corpus, Format, Index, LoadEvent};

#[derive(Parser)]
#[command(
    name = "factcheck",
    version,
    about = "Fact-check prose against a corpus of sources"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts against the corpus.
    Check {
        /// Draft files or folders.
        paths: Vec<PathBuf>,
        /// A source file or folder (repeatable).
        #[arg(long)]
        corpus: Vec<PathBuf>,
        #[arg(long, default_value = "json")]
        format: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { paths, corpus, .. } => {
            let corpus = match Corpus::load(&corpus, &mut |e| {
                if let LoadEvent::Warning(w) = e {
                    eprintln!("warning: {w}")
                }
            }) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let checker = Checker::new(Arc::new(Index::build(corpus)));
            let mut texts = Vec::new();
            for p in &paths {
                let text = std::fs::read_to_string(p).unwrap_or_default();
                texts.push((p.display().to_string(), text, Format::from_path(p)));
            }
            let reports: Vec<_> = texts
                .iter()
                .map(|(_, t, f)| {
                    (
                        checker.check(
                            t,
                            &CheckOptions {
                                format: *f,
                                ..Default::default()
                            },
                        ),
                        LineIndex::new(t),
                    )
                })
                .collect();
            let files: Vec<CheckedFile> = texts
                .iter()
                .zip(&reports)
                .map(|((p, t, _), (r, l))| CheckedFile {
                    path: p,
                    text: t,
                    lines: l,
                    report: r,
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&json::render(&files)).unwrap()
            );
            let any = reports.iter().any(|(r, _)| !r.findings.is_empty());
            ExitCode::from(u8::from(any))
        }
    }
}
