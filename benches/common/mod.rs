//! What every benchmark shares: where the corpora live (built on demand with the project's
//! corpus tool, never committed), and the 5,000-word draft every figure is measured on.
//!
//! The draft is made from the corpus itself, so it touches the sources the way a real story
//! does: sentences restated, quoted, misquoted and contradicted, between sentences the sources
//! never say. It is deterministic, so every run and every tool checks the same text.

#![allow(dead_code)] // each bench target uses its own part of this module

use std::path::{Path, PathBuf};
use std::process::Command;

use factcheck::text::markdown::{self, Format};
use factcheck::text::segments;

/// The folder holding built corpora: `FACTCHECK_BENCH_CACHE`, else `benches/.cache`.
pub fn cache_dir() -> PathBuf {
    std::env::var_os("FACTCHECK_BENCH_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/.cache"))
}

pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The corpus of `size` (`1M`, `10M`, `100M`, `1G`), built with the corpus tool if missing
/// (`FACTCHECK_BUILD_CORPUS`, else `../shared/tools/build_corpus.sh` beside the repository).
pub fn corpus(size: &str) -> PathBuf {
    let dir = cache_dir().join(format!("corpus-{size}"));
    if dir.join("SHA256").is_file() {
        return dir;
    }
    let tool = std::env::var_os("FACTCHECK_BUILD_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            // The project's shared material sits beside the repository.
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/build_corpus.sh")
        });
    eprintln!("building the {size} corpus into {}", dir.display());
    let status = Command::new(&tool)
        .arg(size)
        .arg(&dir)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", tool.display()));
    assert!(status.success(), "{} {size} failed", tool.display());
    dir
}

/// Sentences of the plain-text files directly under `dir` and its sub-folders, in file-name
/// order, at most `limit`.
fn sentences_of(dir: &Path, limit: usize) -> Vec<String> {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let prose = markdown::prose(&text, Format::PlainText);
        for segment in segments(&prose) {
            let s = segment.span.slice(&prose.text);
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let words = s.split(' ').count();
            if (8..=45).contains(&words) && s.ends_with('.') && !s.contains(['“', '"']) {
                out.push(s);
                if out.len() == limit {
                    return out;
                }
            }
        }
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
}

/// A Markdown draft of about `words` words: sentences of the seeds restated, quoted, misquoted
/// and with a number changed, between sentences of news stories from the 1 MB corpus (which
/// every larger corpus contains) and headings.
pub fn draft(words: usize) -> String {
    Material::seeds_and_news().draft(words, 0)
}

/// The sentences drafts are made of: some the draft restates (as they are, quoted, misquoted,
/// with a number changed), and others it simply tells.
pub struct Material {
    restated: Vec<String>,
    told: Vec<String>,
}

impl Material {
    /// Restating the seeds, telling news from the 1 MB corpus.
    pub fn seeds_and_news() -> Material {
        Material::new(
            sentences_of(&seeds_dir(), usize::MAX),
            sentences_of(&corpus("1M").join("bbc"), 4000),
        )
    }

    /// Restating the first `limit` sentences of `dir`, telling the seeds: for many drafts that
    /// share few sentences, as a newsroom's drafts do.
    pub fn restating(dir: &Path, limit: usize) -> Material {
        Material::new(
            sentences_of(dir, limit),
            sentences_of(&seeds_dir(), usize::MAX),
        )
    }

    fn new(restated: Vec<String>, told: Vec<String>) -> Material {
        assert!(
            !restated.is_empty() && !told.is_empty(),
            "no sentences to draft from"
        );
        Material { restated, told }
    }

    /// The `k`-th of many different drafts of about `words` words; consecutive drafts restate
    /// consecutive runs of sentences.
    pub fn draft(&self, words: usize, k: usize) -> String {
        // Sentences run about twenty words; four in six are restated.
        let per_draft = words / 30 + 1;
        let mut restated = self.restated.iter().cycle().skip(k * per_draft);
        let mut told = self.told.iter().cycle().skip(k * per_draft / 2 + k * 7);
        let mut out = String::from("# A draft\n\n");
        let mut count = 0;
        let mut paragraph = 0;
        let mut i = 0;
        while count < words {
            if i % 5 == 0 {
                if paragraph % 4 == 3 {
                    out.push_str(&format!("## Part {}\n\n", paragraph / 4 + 1));
                }
                paragraph += 1;
            }
            let sentence = match i % 6 {
                1 | 5 => told.next().cloned(),
                0 => restated.next().cloned(),
                2 => restated.next().map(|s| changed_number(s)),
                3 => restated
                    .next()
                    .map(|s| format!("As the report put it, “{}”", s.trim_end_matches('.'))),
                _ => restated
                    .next()
                    .map(|s| format!("One official said “{}”.", changed_word(s))),
            }
            .expect("the material cycles");
            count += sentence.split_whitespace().count();
            out.push_str(&sentence);
            out.push_str(if i % 5 == 4 { "\n\n" } else { " " });
            i += 1;
        }
        out.push('\n');
        out
    }
}

/// The sentence with its first number one higher (a contradiction when the sources state it).
fn changed_number(s: &str) -> String {
    let Some(start) = s.find(|c: char| c.is_ascii_digit()) else {
        return s.replacen(" the ", " a ", 1);
    };
    let end = s[start..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(s.len(), |e| start + e);
    let n: u64 = s[start..end].parse().unwrap_or(0);
    format!("{}{}{}", &s[..start], n + 1, &s[end..])
}

/// The sentence with its longest word replaced (a misquote when quoted).
fn changed_word(s: &str) -> String {
    let body = s.trim_end_matches('.');
    let longest = body.split(' ').max_by_key(|w| w.len()).unwrap_or_default();
    body.replacen(longest, "remarkable", 1)
}

/// One keystroke of a writer: insert `text` at byte `at`, or delete `len` bytes there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert { at: usize, text: String },
    Delete { at: usize, len: usize },
}

impl Edit {
    pub fn apply(&self, doc: &mut String) {
        match self {
            Edit::Insert { at, text } => doc.insert_str(*at, text),
            Edit::Delete { at, len } => doc.replace_range(*at..*at + len, ""),
        }
    }
}

/// `n` one-character edits spread over the draft: at a word boundary in the middle of a
/// paragraph a word is typed one letter at a time and then deleted one backspace at a time, the
/// way a writer tries a word and takes it back; then the next place.
pub fn keystrokes(draft: &str, n: usize) -> Vec<Edit> {
    const WORD: &str = " truly";
    let per_place = 2 * WORD.len();
    let places = n.div_ceil(per_place);
    let spaces: Vec<usize> = draft
        .match_indices(' ')
        .map(|(i, _)| i)
        .filter(|&i| {
            let line = draft[..i].rfind('\n').map_or(0, |nl| nl + 1);
            !draft[line..].starts_with('#')
        })
        .collect();
    let mut edits = Vec::with_capacity(n);
    for p in 0..places {
        let at = spaces[(p * 2 + 1) * spaces.len() / (2 * places + 1)];
        for (k, c) in WORD.char_indices() {
            edits.push(Edit::Insert {
                at: at + k,
                text: c.to_string(),
            });
        }
        for k in (0..WORD.len()).rev() {
            edits.push(Edit::Delete { at: at + k, len: 1 });
        }
    }
    edits.truncate(n);
    edits
}
