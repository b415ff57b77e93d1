//! Which drafts a run checks, and reading them. Files named on the command line are drafts
//! whatever their extension; folders are walked for the configured extensions, skipping
//! hidden entries, build output (`target/`, `node_modules/`) and the corpus itself. The walk
//! and the read are the library's ([`factcheck::files`]), the language server's too.
//!
//! A draft that cannot be read is an `error: <path>: <problem>` line; the others are still
//! checked, and the run ends with status 2.
//!
//! `factcheck check -` reads one draft from standard input instead, named by
//! `--stdin-filename` (for reports, `[[ignore]] path` rules and Markdown or plain text) or
//! shown as `<stdin>`.

use std::collections::HashSet;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use factcheck::config::Config;
use factcheck::files::read::{self, MAX_DRAFT_BYTES};
use factcheck::files::walk::BUILD_FOLDERS;
use factcheck::files::{decode, Decoded, Ignores, Met, Reach, Rules, Walk};

use super::paths::display;

/// How reports name the draft read from standard input without `--stdin-filename`.
pub const STDIN_SHOWN: &str = "<stdin>";

/// A draft to check.
#[derive(Debug)]
pub struct DraftFile {
    /// Where to read it.
    pub input: Input,
    /// How reports name it.
    pub shown: String,
}

/// Where a draft's text comes from.
#[derive(Debug)]
pub enum Input {
    File(PathBuf),
    /// Standard input; `name` is the `--stdin-filename` given, if any.
    Stdin {
        name: Option<PathBuf>,
    },
}

impl DraftFile {
    /// The draft read from standard input, named `name` (`--stdin-filename`) if given.
    pub fn stdin(name: Option<PathBuf>) -> DraftFile {
        DraftFile {
            shown: name.as_deref().map_or(STDIN_SHOWN.to_string(), display),
            input: Input::Stdin { name },
        }
    }

    /// The path that stands for the draft (its file, or the name given to standard input):
    /// what decides Markdown or plain text and what `[[ignore]] path` rules match.
    pub fn path(&self) -> Option<&Path> {
        match &self.input {
            Input::File(path) => Some(path),
            Input::Stdin { name } => name.as_deref(),
        }
    }

    /// Reads the draft's text: see [`read`] and [`read_stdin`].
    pub fn read(&self) -> Result<String, String> {
        match &self.input {
            Input::File(path) => read(path),
            Input::Stdin { .. } => read_stdin(),
        }
    }
}

/// The drafts found, and how many named paths or entries could not be used.
#[derive(Debug, Default)]
pub struct Found {
    pub drafts: Vec<DraftFile>,
    pub errors: usize,
}

/// Finds the drafts under `named` (files or folders). Problems are reported on stderr as
/// they are met: an error for a draft that cannot be read, a warning for the rest (a loop).
pub fn find(named: &[PathBuf], config: &Config, corpus: &[PathBuf]) -> Found {
    let wanted = |path: &Path| config.wants_extension(path);
    let rules = Rules {
        wanted: &wanted,
        skip_folders: BUILD_FOLDERS,
        exclude: corpus
            .iter()
            .filter_map(|p| fs::canonicalize(p).ok())
            .collect(),
        max_bytes: MAX_DRAFT_BYTES,
        ignores: Ignores::drafts(config.exclude.clone()),
    };
    // The user named these paths: the walk goes where they lead, without a bound.
    let mut walk = Walk::new(rules, Reach::anywhere());
    let mut found = Found::default();
    // Drafts met through two paths (a link, a folder named twice) are checked once.
    let mut seen_files = HashSet::new();
    for path in named {
        let mut met = 0;
        walk.named(path, &mut |m| match m {
            Met::File(file) => {
                met += 1;
                let key = file.canonical.unwrap_or_else(|| file.path.clone());
                if seen_files.insert(key) {
                    found.drafts.push(DraftFile {
                        shown: display(&file.path),
                        input: Input::File(file.path),
                    });
                }
            }
            Met::Skipped(skipped) if skipped.expected => {
                super::error(format!("{}: {}", display(&skipped.path), skipped.why));
                found.errors += 1;
            }
            Met::Skipped(skipped) => {
                super::warning(format!("{}: {}", display(&skipped.path), skipped.why));
            }
        });
        if met == 0 && path.is_dir() {
            super::warning(format!(
                "{}: no drafts found (looked for {})",
                display(path),
                extensions(config)
            ));
        }
    }
    found
}

fn extensions(config: &Config) -> String {
    config
        .extensions
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a draft: UTF-8 text, or a problem that says why not. Unlike the language server, a
/// draft with invalid UTF-8 is refused, not repaired: the report would be on a text that is
/// not the file's, with its spans off.
pub fn read(path: &Path) -> Result<String, String> {
    let bytes = read::read(path, MAX_DRAFT_BYTES).map_err(|e| e.to_string())?;
    text(bytes)
}

/// Reads standard input to its end as one draft, within the same limit as a file and refused
/// the same way when it is not UTF-8 text.
pub fn read_stdin() -> Result<String, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_DRAFT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {}", read::describe(&e)))?;
    if bytes.len() as u64 > MAX_DRAFT_BYTES {
        return Err(read::ReadError::TooLarge {
            size: None,
            limit: MAX_DRAFT_BYTES,
        }
        .to_string());
    }
    text(bytes)
}

/// A draft's bytes as text, or why they are not.
fn text(bytes: Vec<u8>) -> Result<String, String> {
    match decode(bytes).map_err(|e| e.to_string())? {
        Decoded::Utf8(text) => Ok(text),
        Decoded::Repaired { bad, .. } => Err(format!(
            "invalid UTF-8 at line {}, column {} (byte {}): drafts must be UTF-8 text",
            bad.line, bad.column, bad.byte
        )),
    }
}
