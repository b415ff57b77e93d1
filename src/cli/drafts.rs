//! Which drafts a run checks, and reading them. Files named on the command line are drafts
//! whatever their extension; folders are walked for the configured extensions, skipping
//! hidden entries, build output (`target/`, `node_modules/`) and the corpus itself.
//!
//! A draft that cannot be read is an `error: <path>: <problem>` line; the others are still
//! checked, and the run ends with status 2.

use std::collections::HashSet;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use factcheck::config::Config;

use super::paths::display;

/// Folders never walked into: they hold build output and dependencies, not drafts.
const SKIPPED_FOLDERS: &[&str] = &["target", "node_modules"];

/// Bytes at the start of a file looked at to tell text from binary.
const SNIFF_BYTES: usize = 8192;

/// A draft larger than this is refused rather than read into memory.
pub const MAX_DRAFT_BYTES: u64 = 256 * 1024 * 1024;

/// A draft to check.
#[derive(Debug)]
pub struct DraftFile {
    /// Where to read it.
    pub path: PathBuf,
    /// How reports name it.
    pub shown: String,
}

/// The drafts found, and how many named paths or entries could not be used.
#[derive(Debug, Default)]
pub struct Found {
    pub drafts: Vec<DraftFile>,
    pub errors: usize,
}

struct Walk<'a> {
    config: &'a Config,
    /// Canonical corpus paths: never checked as drafts when met in a walk.
    corpus: &'a HashSet<PathBuf>,
    seen_dirs: HashSet<PathBuf>,
    seen_files: HashSet<PathBuf>,
    /// Drafts met so far, counting those already met through another path.
    met: usize,
    found: Found,
}

/// Finds the drafts under `named` (files or folders). Problems are reported on stderr as
/// they are met.
pub fn find(named: &[PathBuf], config: &Config, corpus: &[PathBuf]) -> Found {
    let corpus: HashSet<PathBuf> = corpus
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    let mut walk = Walk {
        config,
        corpus: &corpus,
        seen_dirs: HashSet::new(),
        seen_files: HashSet::new(),
        met: 0,
        found: Found::default(),
    };
    for path in named {
        walk.named(path);
    }
    walk.found
}

impl Walk<'_> {
    fn named(&mut self, path: &Path) {
        let shown = display(path);
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                self.fail(&shown, &describe(&e));
                return;
            }
        };
        if meta.is_dir() {
            let before = self.met;
            let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            if self.seen_dirs.insert(canonical) {
                self.walk(path, &shown);
            }
            if self.met == before {
                super::warning(format!(
                    "{shown}: no drafts found (looked for {})",
                    self.extensions()
                ));
            }
        } else {
            self.add(path, shown);
        }
    }

    fn walk(&mut self, dir: &Path, shown: &str) {
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.fail(shown, &format!("cannot list folder: {}", describe(&e)));
                return;
            }
        };
        let mut children: Vec<(String, PathBuf)> = entries
            .filter_map(|e| e.ok())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .collect();
        children.sort();
        for (name, child) in children {
            if name.starts_with('.') {
                continue;
            }
            let child_shown = if shown == "." {
                name.clone()
            } else {
                format!("{shown}/{name}")
            };
            let meta = match fs::metadata(&child) {
                Ok(m) => m,
                Err(e) => {
                    // A dangling or looping link: an error only where a draft was expected.
                    if self.config.wants_extension(&child) {
                        self.fail(&child_shown, &describe(&e));
                    } else {
                        super::warning(format!("{child_shown}: skipped: {}", describe(&e)));
                    }
                    continue;
                }
            };
            let canonical = fs::canonicalize(&child).unwrap_or_else(|_| child.clone());
            if self.corpus.contains(&canonical) {
                continue;
            }
            if meta.is_dir() {
                if SKIPPED_FOLDERS.contains(&name.as_str()) {
                    continue;
                }
                if !self.seen_dirs.insert(canonical) {
                    super::warning(format!(
                        "{child_shown}: skipped: a symbolic link back into a folder already \
                         read (a loop)"
                    ));
                    continue;
                }
                self.walk(&child, &child_shown);
            } else if meta.is_file() && self.config.wants_extension(&child) {
                self.add(&child, child_shown);
            }
        }
    }

    fn add(&mut self, path: &Path, shown: String) {
        self.met += 1;
        let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.seen_files.insert(canonical) {
            self.found.drafts.push(DraftFile {
                path: path.to_path_buf(),
                shown,
            });
        }
    }

    fn fail(&mut self, shown: &str, problem: &str) {
        super::error(format!("{shown}: {problem}"));
        self.found.errors += 1;
    }

    fn extensions(&self) -> String {
        self.config
            .extensions
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Reads a draft: UTF-8 text, or a problem that says why not.
pub fn read(path: &Path) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| describe(&e))?;
    if meta.len() > MAX_DRAFT_BYTES {
        return Err(format!(
            "too large to check: {} bytes (the limit is {MAX_DRAFT_BYTES})",
            meta.len()
        ));
    }
    let bytes = fs::read(path).map_err(|e| describe(&e))?;
    if bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) {
        return Err("not a text file: it holds NUL bytes (a binary file?)".into());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..at]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!(
            "invalid UTF-8 at line {line}, column {column} (byte {at}): drafts must be UTF-8 \
             text"
        )
    })
}

/// An I/O error in words, without Rust's `(os error N)` suffix.
fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "no such file or folder".into(),
        ErrorKind::PermissionDenied => "cannot read: permission denied".into(),
        _ => {
            let text = e.to_string();
            let text = match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            format!("cannot read: {}", text.to_lowercase())
        }
    }
}
