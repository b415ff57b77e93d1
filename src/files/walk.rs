//! The walk of named files and folders for the files to read: sources for a corpus, drafts for
//! `factcheck check` and `factcheck.checkWorkspace`. Folders are walked in name order, depth
//! first, skipping hidden entries (and what [`Rules`] says); a file named directly is taken
//! whatever its extension.
//!
//! - Linear in the size of the tree: a folder's canonical path is learnt once and its entries'
//!   are its own joined with their names (a `canonicalize` per entry resolves every parent
//!   again, O(depth^3) for a deep folder). Only symbolic links are resolved, one call each.
//! - Nothing is opened to learn what it is: an entry's type and size come with its folder's
//!   listing (a link's from one stat), so a FIFO or device is told and skipped, never read.
//! - Links are followed; one back into a folder already walked is a loop, told once.
//! - Within a [`Reach`]: confined to folders (a walk the language server makes because of a
//!   workspace's project file stays inside the workspace: every entry is checked, after its
//!   links are resolved, as the walk reaches it), at most so many entries, cancellable.
//!
//! - Past what the project ignores ([`Ignores`]): `.gitignore` and `.ignore` files met on the
//!   way, each for its own subtree, and `[check] exclude` globs.
//!
//! Not the `ignore` crate's walker (`WalkBuilder`), which the design notes suggest: with links
//! followed it checks each folder for a loop by opening every ancestor folder again (cubic in
//! depth again, where this walk stays linear), and it knows no canonical paths to confine a
//! walk to the workspace with. Its gitignore matcher and glob sets are what [`Ignores`] uses.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use ignore::gitignore::Gitignore;
use tokio_util::sync::CancellationToken;

use super::ignores::{Ignores, IGNORE_FILES};
use super::read::{describe, ReadError, Special};

/// Folders a walk for drafts never enters: build output and dependencies, not drafts.
pub const BUILD_FOLDERS: &[&str] = &["target", "node_modules"];

/// What a walk takes and what it passes by.
pub struct Rules<'a> {
    /// Whether a file met in a folder is taken (by its extension).
    pub wanted: &'a dyn Fn(&Path) -> bool,
    /// Names of folders never entered, beside hidden ones.
    pub skip_folders: &'a [&'a str],
    /// Canonical paths neither entered nor taken when met in a folder (the corpus, in a walk
    /// for drafts).
    pub exclude: HashSet<PathBuf>,
    /// A file larger than this is not taken.
    pub max_bytes: u64,
    /// What the project says to pass by, in folders walked (not in paths named outright).
    pub ignores: Ignores,
}

/// How far a walk may go.
#[derive(Clone, Debug, Default)]
pub struct Reach {
    /// Canonical folders every entry must be inside once its links are resolved; `None` when
    /// the walk may go anywhere (what a user names on the command line).
    within: Option<Vec<PathBuf>>,
    /// Entries looked at (files, folders, skipped ones too) before the walk stops.
    max_entries: Option<usize>,
    cancel: CancellationToken,
}

impl Reach {
    /// Anywhere, without end: the command line walks what its user named.
    pub fn anywhere() -> Reach {
        Reach::default()
    }

    /// Only inside `folders` (resolved here; a folder that cannot be resolved admits nothing).
    pub fn within(folders: &[PathBuf]) -> Reach {
        Reach {
            within: Some(
                folders
                    .iter()
                    .filter_map(|f| fs::canonicalize(f).ok())
                    .collect(),
            ),
            ..Reach::default()
        }
    }

    /// Stops after looking at `entries` entries.
    pub fn at_most(self, entries: usize) -> Reach {
        Reach {
            max_entries: Some(entries),
            ..self
        }
    }

    /// Stops, at the next entry, once `token` is cancelled.
    pub fn cancelled_by(self, token: CancellationToken) -> Reach {
        Reach {
            cancel: token,
            ..self
        }
    }

    /// Whether the walk is kept within folders.
    pub fn is_confined(&self) -> bool {
        self.within.is_some()
    }

    /// Whether the walk may reach `real` (a canonical path).
    fn admits(&self, real: &Path) -> bool {
        self.within
            .as_ref()
            .is_none_or(|roots| roots.iter().any(|r| real.starts_with(r)))
    }
}

/// A file the walk takes: stat'ed and found a regular file within the limits (read it with
/// `Regular::seen(path, len)` in this crate, which checks the opened file again).
#[derive(Debug)]
pub struct Found {
    /// The named path joined with the names walked to it: where to read it and how to show it.
    pub path: PathBuf,
    /// The file's real path, when it could be resolved.
    pub canonical: Option<PathBuf>,
    /// Its size at the stat.
    pub len: u64,
}

/// An entry passed by, and why; only those worth telling (never a hidden file or a file of an
/// extension not wanted).
#[derive(Debug)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: Why,
    /// The entry was named, is a file the walk would have taken, or a folder it could not
    /// list: a caller may count it as what could not be read, rather than a note.
    pub expected: bool,
}

#[derive(Debug)]
pub enum Why {
    /// Missing, unreadable, a FIFO or device, too large.
    Read(ReadError),
    CannotList(io::Error),
    Loop,
    /// A link (or a named path) that leads outside the folders the walk is confined to.
    Outside(PathBuf),
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Read(e) => e.fmt(f),
            Why::CannotList(e) => write!(f, "cannot list folder: {}", describe(e)),
            Why::Loop => {
                f.write_str("skipped: a symbolic link back into a folder already read (a loop)")
            }
            Why::Outside(real) => write!(
                f,
                "skipped: it leads outside the workspace, to {}",
                real.display()
            ),
        }
    }
}

/// What the walk meets, in order.
#[derive(Debug)]
pub enum Met {
    File(Found),
    Skipped(Skipped),
}

/// How a walk ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    Whole,
    /// It looked at this many entries, its bound, and stopped.
    Bound(usize),
    Cancelled,
}

impl fmt::Display for Ended {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ended::Whole => f.write_str("walked whole"),
            Ended::Bound(n) => write!(
                f,
                "stopped after looking at {n} files and folders, the limit for one walk: the \
                 rest was not read"
            ),
            Ended::Cancelled => f.write_str("stopped: cancelled"),
        }
    }
}

/// One walk over any number of named paths: a folder met twice is walked once.
pub struct Walk<'a> {
    rules: Rules<'a>,
    reach: Reach,
    /// Folders walked, by real path (or the path walked, when it could not be resolved).
    seen_dirs: HashSet<PathBuf>,
    entries: usize,
    ended: Ended,
    /// The ignore files above the named folder being walked (outermost first).
    above: Vec<Gitignore>,
}

/// A folder being walked: its entries not yet looked at.
struct Open {
    entries: std::vec::IntoIter<Entry>,
    canonical: Option<PathBuf>,
    /// Its absolute path as walked (links not resolved: ignore rules name paths as the user
    /// sees them), when there are [`Ignores`] to match.
    absolute: Option<PathBuf>,
}

/// One entry of a folder's listing.
struct Entry {
    path: PathBuf,
    /// What the listing told, for an entry that is no symbolic link (and did not vanish).
    kind: Option<Kind>,
    link: bool,
}

impl Entry {
    /// Its name in its folder.
    fn name(&self) -> &std::ffi::OsStr {
        self.path.file_name().unwrap_or_default()
    }
}

/// What the walk needs of an entry's metadata. (Kept small: a folder's entries are held at
/// once, and a large list freed changes where the allocator puts what comes after.)
#[derive(Clone, Copy)]
enum Kind {
    Folder,
    File { len: u64 },
    Special(Special),
}

impl From<fs::Metadata> for Kind {
    fn from(meta: fs::Metadata) -> Kind {
        match Special::of(meta.file_type()) {
            None => Kind::File { len: meta.len() },
            Some(Special::Folder) => Kind::Folder,
            Some(other) => Kind::Special(other),
        }
    }
}

impl<'a> Walk<'a> {
    pub fn new(rules: Rules<'a>, reach: Reach) -> Walk<'a> {
        Walk {
            rules,
            reach,
            seen_dirs: HashSet::new(),
            entries: 0,
            ended: Ended::Whole,
            above: Vec::new(),
        }
    }

    /// Walks one named path (a file or a folder), handing what it meets to `met` in order.
    /// Once a walk is stopped (bound, cancelled), later calls meet nothing.
    pub fn named(&mut self, path: &Path, met: &mut dyn FnMut(Met)) -> Ended {
        if self.ended != Ended::Whole {
            return self.ended;
        }
        let skip = |why| {
            Met::Skipped(Skipped {
                path: path.to_path_buf(),
                why,
                expected: true,
            })
        };
        let kind = match fs::metadata(path) {
            Ok(meta) => Kind::from(meta),
            Err(e) => {
                met(skip(Why::Read(ReadError::from_io(e))));
                return Ended::Whole;
            }
        };
        let canonical = fs::canonicalize(path).ok();
        if self.reach.within.is_some() {
            match &canonical {
                Some(real) if self.reach.admits(real) => {}
                real => {
                    let real = real.clone().unwrap_or_else(|| path.to_path_buf());
                    met(skip(Why::Outside(real)));
                    return Ended::Whole;
                }
            }
        }
        match kind {
            Kind::Folder => {
                let key = canonical.clone().unwrap_or_else(|| path.to_path_buf());
                // Named again: nothing new to walk.
                if self.seen_dirs.insert(key) {
                    self.folder(path.to_path_buf(), canonical, met);
                }
            }
            Kind::File { len } => self.file(path.to_path_buf(), canonical, len, met),
            Kind::Special(what) => met(skip(Why::Read(ReadError::NotAFile {
                what,
                link: link(path, canonical),
            }))),
        }
        self.ended
    }

    fn file(&self, path: PathBuf, canonical: Option<PathBuf>, len: u64, met: &mut dyn FnMut(Met)) {
        if len > self.rules.max_bytes {
            let why = Why::Read(ReadError::TooLarge {
                size: Some(len),
                limit: self.rules.max_bytes,
            });
            return met(Met::Skipped(Skipped {
                path,
                why,
                expected: true,
            }));
        }
        met(Met::File(Found {
            path,
            canonical,
            len,
        }))
    }

    /// Walks the folder at `path` and everything under it, depth first, without recursion:
    /// a folder thousands deep is no deeper a stack.
    fn folder(&mut self, path: PathBuf, canonical: Option<PathBuf>, met: &mut dyn FnMut(Met)) {
        let absolute = self
            .rules
            .ignores
            .any()
            .then(|| std::path::absolute(&path).ok())
            .flatten();
        self.above = match &absolute {
            Some(folder) => self.rules.ignores.above(folder),
            None => Vec::new(),
        };
        let mut open = Vec::new();
        // The matchers of the open folders' ignore files, each with the depth of its folder
        // in `open`: only folders that have ignore files, so an entry costs one match per
        // ignore file above it, not one per folder.
        let mut ignore_files: Vec<(usize, Gitignore)> = Vec::new();
        if let Some((first, own)) = self.list(path, canonical, absolute, met) {
            open.push(first);
            ignore_files.extend(own.map(|m| (1, m)));
        }
        while let Some(top) = open.last_mut() {
            let Some(entry) = top.entries.next() else {
                open.pop();
                while ignore_files
                    .last()
                    .is_some_and(|(depth, _)| *depth > open.len())
                {
                    ignore_files.pop();
                }
                continue;
            };
            let absolute = top
                .absolute
                .as_ref()
                .map(|folder| folder.join(entry.name()));
            if self.reach.cancel.is_cancelled() {
                self.ended = Ended::Cancelled;
                return;
            }
            if self
                .reach
                .max_entries
                .is_some_and(|max| self.entries >= max)
            {
                self.ended = Ended::Bound(self.entries);
                return;
            }
            self.entries += 1;
            let Some(name) = entry.path.file_name() else {
                continue;
            };
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let wanted = (self.rules.wanted)(&entry.path);
            let skip = |path: PathBuf, why, expected| {
                Met::Skipped(Skipped {
                    path,
                    why,
                    expected,
                })
            };
            let (kind, canonical) = match entry.kind {
                Some(kind) => (kind, top.canonical.as_ref().map(|dir| dir.join(name))),
                // A symbolic link: where it leads, and what is there. A target outside the
                // confinement is not even stat'ed. (An entry the listing could not stat comes here too.)
                None => {
                    let real = match fs::canonicalize(&entry.path) {
                        Ok(real) => real,
                        Err(e) => {
                            if wanted {
                                met(skip(entry.path, Why::Read(ReadError::Io(e)), true));
                            }
                            continue;
                        }
                    };
                    if !self.reach.admits(&real) {
                        met(skip(entry.path, Why::Outside(real), wanted));
                        continue;
                    }
                    match fs::metadata(&real) {
                        Ok(meta) => (Kind::from(meta), Some(real)),
                        Err(e) => {
                            if wanted {
                                met(skip(entry.path, Why::Read(ReadError::Io(e)), true));
                            }
                            continue;
                        }
                    }
                }
            };
            if canonical
                .as_ref()
                .is_some_and(|c| self.rules.exclude.contains(c))
            {
                continue;
            }
            if let Some(absolute) = &absolute {
                // Every open folder's own ignore files, outermost first: the innermost that
                // says anything decides.
                let matchers = (self.above.iter()).chain(ignore_files.iter().map(|(_, m)| m));
                let is_dir = matches!(kind, Kind::Folder);
                if self.rules.ignores.passes_by(matchers, absolute, is_dir) {
                    continue;
                }
            }
            match kind {
                Kind::Folder => {
                    let skipped = name
                        .to_str()
                        .is_some_and(|n| self.rules.skip_folders.contains(&n));
                    if skipped {
                        continue;
                    }
                    let key = canonical.clone().unwrap_or_else(|| entry.path.clone());
                    if !self.seen_dirs.insert(key) {
                        met(skip(entry.path, Why::Loop, false));
                        continue;
                    }
                    if let Some((next, own)) = self.list(entry.path, canonical, absolute, met) {
                        open.push(next);
                        ignore_files.extend(own.map(|m| (open.len(), m)));
                    }
                }
                Kind::File { len } if wanted => self.file(entry.path, canonical, len, met),
                Kind::File { .. } => {}
                Kind::Special(what) if wanted => {
                    let link = entry.link.then_some(canonical).flatten();
                    let why = Why::Read(ReadError::NotAFile { what, link });
                    met(skip(entry.path, why, true));
                }
                Kind::Special(_) => {}
            }
        }
    }

    /// A folder's entries in name order (and the matcher of its ignore files), each with its type and size when it is no link (the
    /// listing tells whether it is one; its metadata is asked of the open folder, by name).
    fn list(
        &mut self,
        path: PathBuf,
        canonical: Option<PathBuf>,
        absolute: Option<PathBuf>,
        met: &mut dyn FnMut(Met),
    ) -> Option<(Open, Option<Gitignore>)> {
        let listing = match fs::read_dir(&path) {
            Ok(listing) => listing,
            Err(e) => {
                met(Met::Skipped(Skipped {
                    path,
                    why: Why::CannotList(e),
                    expected: true,
                }));
                return None;
            }
        };
        // Never more than the bound lets the walk look at: a folder of millions of entries is
        // not held whole to look at a few.
        let room = self.reach.max_entries.map_or(usize::MAX, |max| {
            max.saturating_sub(self.entries).saturating_add(1)
        });
        let mut entries: Vec<Entry> = listing
            .filter_map(|e| {
                let e = e.ok()?;
                let link = e.file_type().map_or(true, |t| t.is_symlink());
                let kind = if link {
                    None
                } else {
                    e.metadata().ok().map(Kind::from)
                };
                Some(Entry {
                    path: e.path(),
                    kind,
                    link,
                })
            })
            .take(room)
            .collect();
        // Names order them (cheaper than comparing paths: they share the folder).
        entries.sort_unstable_by(|a, b| {
            a.path
                .as_os_str()
                .as_encoded_bytes()
                .cmp(b.path.as_os_str().as_encoded_bytes())
        });
        let own = absolute.as_ref().and_then(|folder| {
            let names: Vec<&str> = IGNORE_FILES
                .iter()
                .copied()
                .filter(|n| entries.iter().any(|e| e.name() == *n))
                .collect();
            self.rules.ignores.of_folder(folder, &names)
        });
        let open = Open {
            entries: entries.into_iter(),
            canonical,
            absolute,
        };
        Some((open, own))
    }
}

/// Where a named path that is a link leads, for the message.
fn link(path: &Path, canonical: Option<PathBuf>) -> Option<PathBuf> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    is_link.then_some(canonical).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Walks `named` taking `.md` files; what it met, as `path` or `path: why`, relative to
    /// `root`.
    fn walk(root: &Path, named: &[&str], reach: Reach) -> (Vec<String>, Ended) {
        let wanted = |p: &Path| p.extension().is_some_and(|e| e == "md");
        let rules = Rules {
            wanted: &wanted,
            skip_folders: BUILD_FOLDERS,
            exclude: HashSet::new(),
            max_bytes: 1000,
            ignores: Ignores::default(),
        };
        let mut walk = Walk::new(rules, reach);
        let mut seen = Vec::new();
        let mut ended = Ended::Whole;
        for path in named {
            ended = walk.named(&root.join(path), &mut |m| {
                let shown = |p: &Path| p.strip_prefix(root).unwrap().display().to_string();
                seen.push(match m {
                    Met::File(f) => shown(&f.path),
                    Met::Skipped(s) => format!("{}: {}", shown(&s.path), s.why)
                        .replace(&root.display().to_string(), "[ROOT]"),
                });
            });
        }
        (seen, ended)
    }

    fn tree(files: &[&str]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        for f in files {
            let path = root.join(f);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "Text.").unwrap();
        }
        (dir, root)
    }

    #[test]
    fn folders_are_walked_in_name_order_past_hidden_and_build_folders() {
        let (_dir, root) = tree(&[
            "b.md",
            "a/z.md",
            "a.md",
            "picture.png",
            ".hidden/x.md",
            "target/y.md",
            "c/node_modules/w.md",
        ]);
        fs::write(root.join("big.md"), "x".repeat(1001)).unwrap();
        let (seen, ended) = walk(&root, &["."], Reach::anywhere());
        assert_eq!(
            seen,
            [
                "a/z.md",
                "a.md",
                "b.md",
                "big.md: too large: 1001 bytes, over the limit of 1000"
            ]
        );
        assert_eq!(ended, Ended::Whole);
    }

    #[cfg(unix)]
    #[test]
    fn a_confined_walk_skips_and_names_every_link_out_and_reads_nothing_there() {
        let (_outside, outside) = tree(&["secret.md", "deeper/other.md"]);
        let (_dir, root) = tree(&["ws/drafts/mine.md", "ws/other/shared.md"]);
        let ws = root.join("ws");
        let link = |to: &Path, at: &str| std::os::unix::fs::symlink(to, ws.join(at)).unwrap();
        link(&outside.join("secret.md"), "drafts/leak.md");
        link(&outside, "drafts/elsewhere");
        link(Path::new("/"), "drafts/root");
        // Links that stay inside are followed.
        link(&ws.join("other"), "drafts/inside");
        let (seen, _) = walk(
            &root,
            &["ws/drafts"],
            Reach::within(std::slice::from_ref(&ws)),
        );
        let out = outside.display().to_string();
        assert_eq!(
            seen,
            [
                format!("ws/drafts/elsewhere: skipped: it leads outside the workspace, to {out}"),
                "ws/drafts/inside/shared.md".to_string(),
                format!(
                    "ws/drafts/leak.md: skipped: it leads outside the workspace, to \
                     {out}/secret.md"
                ),
                "ws/drafts/mine.md".to_string(),
                "ws/drafts/root: skipped: it leads outside the workspace, to /".to_string(),
            ]
        );
        // Named outright, a path outside is refused too.
        let (seen, _) = walk(&root, &["ws/drafts/leak.md"], Reach::within(&[ws]));
        assert_eq!(
            seen,
            [format!(
                "ws/drafts/leak.md: skipped: it leads outside the workspace, to {out}/secret.md"
            )]
        );
        // Unconfined (the command line), the same links are followed.
        let (seen, _) = walk(&root, &["ws/drafts/elsewhere"], Reach::anywhere());
        assert_eq!(
            seen,
            [
                "ws/drafts/elsewhere/deeper/other.md",
                "ws/drafts/elsewhere/secret.md"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn loops_are_told_once_and_fifos_named_or_wanted_are_told_not_opened() {
        let (_dir, root) = tree(&["d/a.md"]);
        std::os::unix::fs::symlink(root.join("d"), root.join("d/again")).unwrap();
        for fifo in ["d/pipe.md", "d/pipe.txt"] {
            let made = std::process::Command::new("mkfifo")
                .arg(root.join(fifo))
                .status()
                .unwrap();
            assert!(made.success());
        }
        let (seen, _) = walk(&root, &["d", "d/pipe.txt"], Reach::anywhere());
        assert_eq!(
            seen,
            [
                "d/a.md",
                "d/again: skipped: a symbolic link back into a folder already read (a loop)",
                "d/pipe.md: not a regular file: it is a named pipe (FIFO)",
                "d/pipe.txt: not a regular file: it is a named pipe (FIFO)",
            ]
        );
    }

    #[test]
    fn a_walk_stops_at_its_bound_or_when_cancelled() {
        let (_dir, root) = tree(&["a/1.md", "a/2.md", "b/3.md", "b/4.md"]);
        let (seen, ended) = walk(&root, &[".", "b"], Reach::anywhere().at_most(3));
        // a, a/1.md, a/2.md: then the bound, and the next named path meets nothing.
        assert_eq!(seen, ["a/1.md", "a/2.md"]);
        assert_eq!(ended, Ended::Bound(3));
        assert_eq!(
            ended.to_string(),
            "stopped after looking at 3 files and folders, the limit for one walk: the rest \
             was not read"
        );
        let token = CancellationToken::new();
        token.cancel();
        let (seen, ended) = walk(&root, &["."], Reach::anywhere().cancelled_by(token));
        assert_eq!(seen, Vec::<String>::new());
        assert_eq!(ended, Ended::Cancelled);
    }

    /// A folder hundreds deep is no deeper a stack (the walk keeps its own), and each level is
    /// one entry looked at. (That a level costs the same whatever its depth, the command-line
    /// test of a 2,000-deep folder shows.)
    #[test]
    fn a_deep_folder_is_walked_in_one_pass() {
        let (_dir, root) = tree(&[]);
        let mut deep = root.clone();
        for _ in 0..300 {
            deep.push("a");
        }
        fs::create_dir_all(&deep).unwrap();
        fs::write(deep.join("deep.md"), "Deep.").unwrap();
        let (seen, ended) = walk(&root, &["."], Reach::anywhere().at_most(301));
        assert_eq!(seen, [format!("{}deep.md", "a/".repeat(300))]);
        assert_eq!(ended, Ended::Whole);
    }
}
