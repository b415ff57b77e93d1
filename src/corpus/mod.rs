//! Loading sources: walk the named files and folders, decode each file, and keep its name,
//! text, prose and line index for evidence. A bad file never stops the rest: it becomes a
//! warning that names it, and the others load.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex, OnceLock};

use crate::files::{self, Decoded, Ended, Met, Reach, ReadError, Regular, Rules, Walk, Why};
use crate::text::markdown::{self, Format, Prose};
use crate::text::LineIndex;

/// File extensions read when walking a folder.
pub const SOURCE_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "mdown", "mkd"];

pub use crate::files::read::MAX_SOURCE_BYTES;

/// One source document.
#[derive(Debug)]
pub struct Document {
    /// The name shown to users: the path as the user named it (folder joined with the file).
    pub name: Arc<str>,
    /// The file on disk (absolute where it could be resolved).
    pub path: Arc<PathBuf>,
    /// The text as read (invalid UTF-8 replaced with U+FFFD). Shared with `prose` when the
    /// file is plain text.
    pub text: Arc<String>,
    /// The prose of `text`: same offsets, non-prose blanked.
    pub prose: Prose,
    /// Made on first use: only documents cited as evidence need one, and the line starts of
    /// every source would cost a sixth of the corpus's size in memory.
    lines: OnceLock<LineIndex>,
}

impl Document {
    pub fn new(name: impl Into<Arc<str>>, path: PathBuf, text: String) -> Document {
        let text = Arc::new(text);
        let prose = markdown::prose_of_shared(&text, Format::from_path(&path));
        Document {
            name: name.into(),
            path: Arc::new(path),
            lines: OnceLock::new(),
            prose,
            text,
        }
    }

    /// Where the lines of `text` start, for line and column numbers.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }
}

/// The loaded sources.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
}

/// A source that could not be read as given; the load went on without it (or with a repaired
/// copy, as the problem says).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub problem: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

/// What happens while a corpus loads, for progress bars and logs.
#[derive(Debug)]
pub enum LoadEvent<'a> {
    /// The files to read are known.
    Found {
        files: usize,
        bytes: u64,
    },
    /// One more file was read.
    Loaded {
        path: &'a Path,
        bytes: u64,
    },
    Warning(&'a LoadWarning),
}

/// Why no corpus could be loaded.
#[derive(Debug, PartialEq, Eq)]
pub enum CorpusError {
    /// No corpus was named on the command line or in a configuration file.
    NotConfigured,
    /// Every named path was read and none held a source document.
    Empty { paths: Vec<PathBuf> },
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::NotConfigured => write!(
                f,
                "no corpus named: pass --corpus PATH (a file or folder of sources), or add \
                 `[corpus] paths = [\"sources\"]` to a factcheck.toml in this folder or a parent"
            ),
            CorpusError::Empty { paths } => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "the corpus is empty: no readable source ({}) in {}",
                    SOURCE_EXTENSIONS
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    names.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for CorpusError {}

impl Corpus {
    /// Loads every source under `paths` (files, or folders walked recursively). Problems with
    /// single files are reported through `observer` and skipped; an error only when nothing at
    /// all could be loaded.
    pub fn load(
        paths: &[PathBuf],
        observer: &mut dyn FnMut(LoadEvent),
    ) -> Result<Corpus, CorpusError> {
        Corpus::load_within(paths, Reach::anywhere(), observer)
    }

    /// [`Corpus::load`] with the walk kept within `reach`: what the language server loads
    /// because a workspace's project file named it stays inside the workspace, and every walk
    /// it makes is bounded and ends with the session. A walk cut short is a warning naming
    /// the path it stopped in; what was found before is loaded.
    pub fn load_within(
        paths: &[PathBuf],
        reach: Reach,
        observer: &mut dyn FnMut(LoadEvent),
    ) -> Result<Corpus, CorpusError> {
        if paths.is_empty() {
            return Err(CorpusError::NotConfigured);
        }
        let mut documents = Vec::new();
        walk_and_read(paths, reach, &mut |step| match step {
            Step::Walked(Walked {
                warnings,
                files,
                bytes,
            }) => {
                for w in &warnings {
                    observer(LoadEvent::Warning(w));
                }
                observer(LoadEvent::Found { files, bytes });
                documents.reserve_exact(files);
            }
            Step::Read(file, Ok((document, repaired))) => {
                if let Some(problem) = repaired {
                    observer(LoadEvent::Warning(&LoadWarning {
                        path: file.path.clone(),
                        problem,
                    }));
                }
                observer(LoadEvent::Loaded {
                    path: &file.path,
                    bytes: file.bytes,
                });
                documents.push(document);
            }
            Step::Read(file, Err(problem)) => observer(LoadEvent::Warning(&LoadWarning {
                path: file.path.clone(),
                problem,
            })),
        });
        if documents.is_empty() {
            return Err(CorpusError::Empty {
                paths: paths.to_vec(),
            });
        }
        Ok(Corpus { documents })
    }

    /// A corpus built from texts in memory, for tests and benchmarks.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Corpus {
        Corpus {
            documents: texts
                .into_iter()
                .map(|(name, text)| Document::new(name, PathBuf::from(name), text.to_string()))
                .collect(),
        }
    }

    pub fn byte_len(&self) -> usize {
        self.documents.iter().map(|d| d.text.len()).sum()
    }
}

struct SourceFile {
    name: String,
    path: PathBuf,
    /// The file's canonical path, when known without asking the file system again.
    canonical: Option<PathBuf>,
    bytes: u64,
}

/// Finds the source files under `paths` with the shared walk, handing each to `found` in
/// turn; returns what was wrong on the way.
fn find(paths: &[PathBuf], reach: Reach, found: &mut dyn FnMut(SourceFile)) -> Vec<LoadWarning> {
    let wanted = |path: &Path| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
    };
    let rules = Rules {
        wanted: &wanted,
        skip_folders: &[],
        exclude: Default::default(),
        max_bytes: MAX_SOURCE_BYTES,
        // A corpus is what its paths name, ignore files or not.
        ignores: Default::default(),
    };
    let mut walk = Walk::new(rules, reach);
    let mut warnings = Vec::new();
    for path in paths {
        let ended = walk.named(path, &mut |met| match met {
            Met::File(file) => found(SourceFile {
                name: file.path.to_string_lossy().into_owned(),
                path: file.path,
                canonical: file.canonical,
                bytes: file.len,
            }),
            Met::Skipped(skipped) => warnings.push(LoadWarning {
                problem: source_problem(&skipped.why),
                path: skipped.path,
            }),
        });
        if ended != Ended::Whole {
            warnings.push(LoadWarning {
                path: path.clone(),
                problem: ended.to_string(),
            });
            break;
        }
    }
    warnings
}

/// A source's problem as the load warns of it: what it was not read for says "skipped".
fn source_problem(why: &Why) -> String {
    match why {
        Why::Read(ReadError::NotAFile { .. } | ReadError::TooLarge { .. }) => {
            format!("skipped: {why}")
        }
        _ => why.to_string(),
    }
}

/// A source read and prepared, with the repair made to it if any; or why it could not be.
type Read = Result<(Document, Option<String>), String>;

/// The end of the walk: every file to read is known, and what was wrong on the way.
#[derive(Default)]
struct Walked {
    warnings: Vec<LoadWarning>,
    files: usize,
    bytes: u64,
}

/// What [`walk_and_read`] hands back, in this order: the end of the walk, then each file in
/// the walk's order.
enum Step<'a> {
    Walked(Walked),
    Read(&'a SourceFile, Read),
}

/// What the walking and reading threads tell the loading one.
enum Message {
    Walked(Walked),
    /// Files read, each with its place in the walk's order.
    Read(Vec<(usize, SourceFile, Read)>),
}

/// Walks `paths` on one thread and reads what it finds on every core as it finds it (the
/// walk of a large corpus is a system call per file, and reading need not wait for it), and
/// hands each step to `done` on this thread, in order: documents keep the walk's order and
/// warnings come out as they would one file at a time.
fn walk_and_read(paths: &[PathBuf], reach: Reach, done: &mut dyn FnMut(Step)) {
    let readers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 2);
    let (send, receive) = mpsc::channel::<Message>();
    let (send_batch, batches) = mpsc::channel::<(usize, Vec<SourceFile>)>();
    let batches = Mutex::new(batches);
    std::thread::scope(|scope| {
        let walked = send.clone();
        scope.spawn(move || {
            let mut walk = Walked::default();
            let mut batcher = Batcher::new(|first, batch| {
                // A send fails only once every reader has stopped: then no one reads it.
                let _ = send_batch.send((first, batch));
            });
            walk.warnings = find(paths, reach, &mut |file: SourceFile| {
                walk.files += 1;
                walk.bytes += file.bytes;
                batcher.push(file);
            });
            batcher.flush();
            let _ = walked.send(Message::Walked(walk));
        });
        for _ in 0..readers {
            let (send, batches) = (send.clone(), &batches);
            scope.spawn(move || loop {
                // One reader waits for the next run while the other waits for the lock.
                let batch = batches.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((first, files)) = batch else { return };
                let read = (first..)
                    .zip(files)
                    .map(|(i, file)| {
                        let read = prepare(&file);
                        (i, file, read)
                    })
                    .collect();
                if send.send(Message::Read(read)).is_err() {
                    return;
                }
            });
        }
        drop(send);
        // Files arrive in any order, and may come before the walk's end: they are handed on
        // after it, in the walk's order.
        let mut waiting: BTreeMap<usize, (SourceFile, Read)> = BTreeMap::new();
        let mut walked = false;
        let mut turn = 0;
        for message in receive {
            match message {
                Message::Walked(walk) => {
                    done(Step::Walked(walk));
                    walked = true;
                }
                Message::Read(read) => {
                    waiting.extend(read.into_iter().map(|(i, file, read)| (i, (file, read))))
                }
            }
            if !walked {
                continue;
            }
            while let Some((file, read)) = waiting.remove(&turn) {
                done(Step::Read(&file, read));
                turn += 1;
            }
        }
    });
}

/// Gathers the files the walk finds into runs the readers take one at a time: up to
/// [`BATCH_FILES`] files or about a megabyte. A corpus is often thousands of small files, and
/// a message and a wake-up of a thread per file cost more than reading it.
struct Batcher<Send: FnMut(usize, Vec<SourceFile>)> {
    send: Send,
    /// The place of the run's first file in the walk's order.
    first: usize,
    files: Vec<SourceFile>,
    cut: RunCut,
}

impl<Send: FnMut(usize, Vec<SourceFile>)> Batcher<Send> {
    fn new(send: Send) -> Self {
        Batcher {
            send,
            first: 0,
            files: Vec::new(),
            cut: RunCut::new(BATCH_BYTES, BATCH_FILES),
        }
    }

    fn push(&mut self, file: SourceFile) {
        let ends = self.cut.ends_with(file.bytes);
        self.files.push(file);
        if ends {
            self.flush();
        }
    }

    /// Sends the run gathered so far, if any.
    fn flush(&mut self) {
        if self.files.is_empty() {
            return;
        }
        let files = std::mem::take(&mut self.files);
        let count = files.len();
        (self.send)(self.first, files);
        self.first += count;
    }
}

const BATCH_FILES: usize = 64;
const BATCH_BYTES: u64 = 1 << 20;

/// Where consecutive items are cut into runs: a run ends at `items` items or once it holds
/// `bytes`.
struct RunCut {
    bytes: u64,
    items: usize,
    held: u64,
    count: usize,
}

impl RunCut {
    fn new(bytes: u64, items: usize) -> Self {
        RunCut {
            bytes,
            items,
            held: 0,
            count: 0,
        }
    }

    /// Adds an item of `size` to the run: whether the run ends with it.
    fn ends_with(&mut self, size: u64) -> bool {
        self.held += size;
        self.count += 1;
        let ends = self.count == self.items || self.held >= self.bytes;
        if ends {
            (self.held, self.count) = (0, 0);
        }
        ends
    }
}

/// Consecutive items of the given sizes in runs: each ends at `items` items or once it holds
/// `bytes`; the last holds what is left.
pub(crate) fn runs(
    sizes: impl IntoIterator<Item = u64>,
    bytes: u64,
    items: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut cut = RunCut::new(bytes, items);
    let mut runs = Vec::new();
    let (mut start, mut end) = (0, 0);
    for size in sizes {
        end += 1;
        if cut.ends_with(size) {
            runs.push(start..end);
            start = end;
        }
    }
    if start < end {
        runs.push(start..end);
    }
    runs
}

/// One source read and made a document, or why it could not be.
fn prepare(file: &SourceFile) -> Read {
    read_source(file).map(|(text, repaired)| {
        let absolute = file
            .canonical
            .clone()
            .unwrap_or_else(|| fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone()));
        (Document::new(file.name.as_str(), absolute, text), repaired)
    })
}

/// Reads one source the walk found a regular file of `file.bytes` (it may have changed since).
/// Binary and UTF-16 files are refused; invalid UTF-8 is repaired and reported.
fn read_source(file: &SourceFile) -> Result<(String, Option<String>), String> {
    let bytes = Regular::seen(&file.path, file.bytes)
        .read(MAX_SOURCE_BYTES)
        .map_err(|e| source_problem(&Why::Read(e)))?;
    match files::decode(bytes) {
        Ok(Decoded::Utf8(mut text)) => {
            if text.starts_with('\u{feff}') {
                text.replace_range(..3, "");
            }
            Ok((text, None))
        }
        Ok(Decoded::Repaired { text, bad }) => Ok((
            text,
            Some(format!(
                "invalid UTF-8 at byte {}: read with U+FFFD in place of the bad bytes",
                bad.byte
            )),
        )),
        Err(not_text) => Err(format!("skipped: {not_text}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(paths: &[PathBuf]) -> (Result<Corpus, CorpusError>, Vec<String>) {
        let mut warnings = Vec::new();
        let corpus = Corpus::load(paths, &mut |e| {
            if let LoadEvent::Warning(w) = e {
                warnings.push(w.problem.clone())
            }
        });
        (corpus, warnings)
    }

    #[test]
    fn a_plain_text_source_is_held_once_a_markdown_source_twice() {
        let plain = Document::new(
            "a.txt",
            PathBuf::from("a.txt"),
            "Putin authorized it.".into(),
        );
        assert!(Arc::ptr_eq(&plain.text, &plain.prose.text));
        let markdown = Document::new("a.md", PathBuf::from("a.md"), "See [it](http://x).".into());
        assert!(!Arc::ptr_eq(&markdown.text, &markdown.prose.text));
        assert_eq!(&*markdown.prose.text, "See  it           .");
    }

    #[test]
    fn bad_files_warn_and_the_rest_load() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("good.txt"), "Putin authorized it.").unwrap();
        fs::write(dir.path().join("binary.txt"), b"ab\0cd").unwrap();
        fs::write(dir.path().join("latin1.txt"), b"caf\xe9 au lait").unwrap();
        fs::write(dir.path().join("image.png"), b"\x89PNG").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let (corpus, warnings) = load(&[dir.path().to_path_buf()]);
        let corpus = corpus.unwrap();
        let names: Vec<_> = corpus.documents.iter().map(|d| &*d.text).collect();
        assert_eq!(names, ["Putin authorized it.", "caf\u{fffd} au lait"]);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("binary")));
        assert!(warnings
            .iter()
            .any(|w| w.contains("invalid UTF-8 at byte 3")));
        assert!(warnings.iter().any(|w| w.contains("loop")));
    }

    #[test]
    fn files_read_on_both_cores_come_back_in_order_with_their_warnings() {
        let dir = tempfile::tempdir().unwrap();
        // Sizes that differ a lot, so the two readers finish out of turn; more files than
        // one batch holds.
        let n = 3 * BATCH_FILES;
        for i in 0..n {
            let text = format!("Story {i}. ") + &"Filler words here. ".repeat((i % 7) * 500);
            fs::write(dir.path().join(format!("s{i:03}.txt")), text).unwrap();
        }
        fs::write(dir.path().join("s030b.txt"), b"bad \xff byte").unwrap();
        let mut events = Vec::new();
        // A path missing at the walk's end: files were read before the walk knew, and its
        // warning still comes first, then what the walk found.
        let paths = [dir.path().to_path_buf(), dir.path().join("missing")];
        let corpus = Corpus::load(&paths, &mut |e| match e {
            LoadEvent::Loaded { path, .. } => events.push(file_name(path)),
            LoadEvent::Warning(w) => events.push(format!("warning {}", file_name(&w.path))),
            LoadEvent::Found { files, .. } => events.push(format!("found {files}")),
        })
        .unwrap();
        assert_eq!(
            events[..2],
            ["warning missing".to_string(), format!("found {}", n + 1)]
        );
        events.drain(..2);
        let mut files: Vec<String> = (0..n).map(|i| format!("s{i:03}.txt")).collect();
        files.insert(31, "s030b.txt".into());
        let documents: Vec<String> = corpus
            .documents
            .iter()
            .map(|d| file_name(Path::new(&*d.name)))
            .collect();
        assert_eq!(documents, files);
        files.insert(31, "warning s030b.txt".into());
        assert_eq!(events, files);
    }

    #[cfg(unix)]
    #[test]
    fn documents_know_their_real_paths_through_symbolic_links() {
        let dir = tempfile::tempdir().unwrap();
        let (sources, elsewhere) = (dir.path().join("sources"), dir.path().join("elsewhere"));
        fs::create_dir_all(sources.join("inner")).unwrap();
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(sources.join("inner/plain.txt"), "Plain.").unwrap();
        fs::write(elsewhere.join("target.txt"), "Target.").unwrap();
        fs::write(elsewhere.join("in-linked-folder.txt"), "Linked.").unwrap();
        std::os::unix::fs::symlink(elsewhere.join("target.txt"), sources.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, sources.join("linked")).unwrap();
        let (corpus, warnings) = load(std::slice::from_ref(&sources));
        assert_eq!(warnings, Vec::<String>::new());
        let real = |p: PathBuf| fs::canonicalize(p).unwrap();
        let paths: Vec<(String, PathBuf)> = corpus
            .unwrap()
            .documents
            .iter()
            .map(|d| (d.text.to_string(), (*d.path).clone()))
            .collect();
        let expected = [
            ("Plain.", real(sources.join("inner/plain.txt"))),
            ("Target.", real(elsewhere.join("target.txt"))),
            ("Linked.", real(elsewhere.join("in-linked-folder.txt"))),
            ("Target.", real(elsewhere.join("target.txt"))),
        ];
        assert_eq!(paths, expected.map(|(t, p)| (t.to_string(), p)));
    }

    #[test]
    fn files_are_read_in_runs_of_a_few_dozen_or_a_megabyte() {
        let file = |bytes: u64| SourceFile {
            name: String::new(),
            path: PathBuf::new(),
            canonical: None,
            bytes,
        };
        let mut files: Vec<SourceFile> = (0..150).map(|_| file(100)).collect();
        files.insert(10, file(BATCH_BYTES));
        files.push(file(3 * BATCH_BYTES));
        files.push(file(5));
        let mut runs = Vec::new();
        let mut batcher =
            Batcher::new(|first, batch: Vec<SourceFile>| runs.push(first..first + batch.len()));
        for file in files {
            batcher.push(file);
        }
        batcher.flush();
        batcher.flush();
        assert_eq!(runs, [0..11, 11..75, 75..139, 139..152, 152..153]);
    }

    fn file_name(path: &Path) -> String {
        path.file_name().unwrap().to_string_lossy().into_owned()
    }

    #[test]
    fn empty_and_missing_corpora_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, _) = load(&[dir.path().to_path_buf()]);
        assert!(matches!(corpus, Err(CorpusError::Empty { .. })));
        let (corpus, warnings) = load(&[dir.path().join("missing")]);
        assert!(matches!(corpus, Err(CorpusError::Empty { .. })));
        assert_eq!(warnings, ["no such file or folder"]);
        assert_eq!(load(&[]).0.unwrap_err(), CorpusError::NotConfigured);
    }
}
