//! What a walk for drafts passes by because the project says so: `.gitignore` and `.ignore`
//! files (git's syntax, read with ripgrep's matcher; `.ignore` wins over `.gitignore`, and a
//! file deeper in the tree over one above it, each applying to its own folder's subtree), and
//! the `[check] exclude` globs of factcheck.toml.
//!
//! Ignore files above a named folder count up to the repository's root (the first folder
//! holding `.git`); outside a repository only those in the walked folders do. Paths named
//! outright are never passed by: what a user names is what they want checked.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;

use super::read::{self, MAX_CONFIG_BYTES};

/// The names of the ignore files a walk reads, in the order they are applied (later wins).
pub const IGNORE_FILES: &[&str] = &[".gitignore", ".ignore"];

/// The `[check] exclude` globs of a factcheck.toml, matched against paths relative to its
/// folder. A glob without a `/` matches a name at any depth, as in a `.gitignore`; `*` never
/// crosses a `/`, `**` does.
#[derive(Clone, Debug)]
pub struct Exclude {
    root: PathBuf,
    globs: Vec<String>,
    set: GlobSet,
}

impl PartialEq for Exclude {
    fn eq(&self, other: &Exclude) -> bool {
        self.root == other.root && self.globs == other.globs
    }
}

impl Eq for Exclude {}

impl Default for Exclude {
    fn default() -> Exclude {
        Exclude {
            root: PathBuf::new(),
            globs: Vec::new(),
            set: GlobSet::empty(),
        }
    }
}

impl Exclude {
    /// The globs, relative to `root`; the error is the index of a bad glob and why it is bad.
    pub fn new(root: &Path, globs: Vec<String>) -> Result<Exclude, (usize, String)> {
        let mut set = GlobSetBuilder::new();
        for (i, glob) in globs.iter().enumerate() {
            let pattern = glob.trim_start_matches('/');
            let pattern = if glob.contains('/') {
                pattern.to_string()
            } else {
                format!("**/{pattern}")
            };
            let built = GlobBuilder::new(&pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| (i, e.kind().to_string()))?;
            set.add(built);
        }
        let set = set.build().map_err(|e| (0, e.kind().to_string()))?;
        Ok(Exclude {
            root: root.to_path_buf(),
            globs,
            set,
        })
    }

    pub fn globs(&self) -> &[String] {
        &self.globs
    }

    /// Whether `path` (absolute) is excluded.
    fn matches(&self, path: &Path) -> bool {
        !self.globs.is_empty()
            && path
                .strip_prefix(&self.root)
                .is_ok_and(|relative| self.set.is_match(relative))
    }
}

/// What a walk passes by: ignore files met on the way (when `files` is on) and excluded paths.
#[derive(Clone, Debug, Default)]
pub struct Ignores {
    /// Read `.gitignore` and `.ignore` files.
    pub files: bool,
    pub exclude: Exclude,
}

impl Ignores {
    /// The project's rules for drafts: ignore files and `exclude`.
    pub fn drafts(exclude: Exclude) -> Ignores {
        Ignores {
            files: true,
            exclude,
        }
    }

    /// Whether any rule can pass an entry by.
    pub fn any(&self) -> bool {
        self.files || !self.exclude.globs.is_empty()
    }

    /// The matchers of the ignore files above `folder` (absolute) that apply to it: those of
    /// its parents up to the repository's root, outermost first; none outside a repository.
    pub fn above(&self, folder: &Path) -> Vec<Gitignore> {
        if !self.files {
            return Vec::new();
        }
        let Some(repository) = folder.ancestors().skip(1).find(|a| a.join(".git").exists()) else {
            return Vec::new();
        };
        let mut parents: Vec<&Path> = folder
            .ancestors()
            .skip(1)
            .take_while(|a| a.starts_with(repository))
            .collect();
        parents.reverse();
        parents
            .into_iter()
            .filter_map(|p| {
                let names: Vec<&str> = IGNORE_FILES
                    .iter()
                    .copied()
                    .filter(|n| p.join(n).is_file())
                    .collect();
                matcher(p, &names)
            })
            .collect()
    }

    /// The matcher of the ignore files `names` (those of [`IGNORE_FILES`] the listing of
    /// `folder` holds), or `None` when there are none.
    pub fn of_folder(&self, folder: &Path, names: &[&str]) -> Option<Gitignore> {
        if self.files {
            matcher(folder, names)
        } else {
            None
        }
    }

    /// Whether the entry at `path` (absolute) is passed by: excluded, or ignored by the
    /// innermost of `matchers` (outermost first) that says anything of it.
    pub fn passes_by<'g>(
        &self,
        matchers: impl DoubleEndedIterator<Item = &'g Gitignore>,
        path: &Path,
        is_dir: bool,
    ) -> bool {
        if self.exclude.matches(path) {
            return true;
        }
        for matcher in matchers.rev() {
            match matcher.matched(path, is_dir) {
                Match::None => continue,
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
            }
        }
        false
    }
}

/// A matcher of the ignore files `names` in `folder`. Each is read as a draft is (a regular
/// file within a limit: never a FIFO); one that cannot be read, or a line that is no glob,
/// is passed over, as git does.
fn matcher(folder: &Path, names: &[&str]) -> Option<Gitignore> {
    if names.is_empty() {
        return None;
    }
    let mut builder = GitignoreBuilder::new(folder);
    for name in IGNORE_FILES.iter().filter(|n| names.contains(n)) {
        let path = folder.join(name);
        let Ok(bytes) = read::read(&path, MAX_CONFIG_BYTES) else {
            continue;
        };
        for line in String::from_utf8_lossy(&bytes).lines() {
            let _ = builder.add_line(Some(path.clone()), line);
        }
    }
    builder.build().ok().filter(|m| !m.is_empty())
}
