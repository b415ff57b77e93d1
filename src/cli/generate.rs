//! `factcheck completions <shell>`, `factcheck man` and `factcheck schema`: shell completions
//! and manual pages generated from the command line's own definition, and the JSON Schema of
//! factcheck.toml from the types that parse it, so none of them disagrees with what it
//! describes.

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Outcome};

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to complete in; its script goes to stdout (for example
    /// `factcheck completions bash > ~/.local/share/bash-completion/completions/factcheck`).
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Args)]
pub struct ManArgs {
    /// The page of this subcommand (`check`, `lsp`, ...) instead of factcheck's own.
    #[arg(value_name = "SUBCOMMAND")]
    subcommand: Option<String>,

    /// Write every page (factcheck.1, factcheck-check.1, ...) into this folder instead.
    #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
    dir: Option<PathBuf>,
}

/// The command line's definition, as its generated texts describe it.
fn definition() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Gives subcommands their full names (`factcheck-check`), as the pages are called.
    cmd.build();
    cmd
}

pub fn completions(args: CompletionsArgs) -> Outcome {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut definition(), "factcheck", &mut out);
    written(super::output::write_bytes(&out))
}

pub fn man(args: ManArgs) -> Outcome {
    let cmd = definition();
    if let Some(dir) = args.dir {
        let mut pages = std::iter::once(cmd.clone()).chain(cmd.get_subcommands().cloned());
        let written = pages.try_for_each(|page| page_of(page).generate_to(&dir).map(drop));
        return match written {
            Ok(()) => Outcome::Clean,
            Err(e) => {
                super::error(format!(
                    "{}: cannot write the manual pages: {}",
                    dir.display(),
                    factcheck::files::read::describe(&e)
                ));
                Outcome::Trouble
            }
        };
    }
    let page = match &args.subcommand {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                super::error(format!(
                    "no subcommand `{name}`: expected one of {}",
                    names.join(", ")
                ));
                return Outcome::Trouble;
            }
        },
    };
    let mut out = Vec::new();
    page_of(page)
        .render(&mut out)
        .expect("rendering into memory cannot fail");
    written(super::output::write_bytes(&out))
}

/// The manual page of `cmd`, factcheck's or a subcommand's, marked with factcheck's version.
fn page_of(cmd: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd).source(format!("factcheck {}", env!("CARGO_PKG_VERSION")))
}

/// `factcheck schema`: the JSON Schema of factcheck.toml.
pub fn schema() -> Outcome {
    let mut text = serde_json::to_string_pretty(&factcheck::config::json_schema())
        .expect("a JSON value always serialises");
    text.push('\n');
    written(super::output::write_stdout(&text))
}

fn written(result: std::io::Result<()>) -> Outcome {
    match result {
        Ok(()) => Outcome::Clean,
        Err(e) => {
            super::error(format!("cannot write to stdout: {e}"));
            Outcome::Trouble
        }
    }
}
