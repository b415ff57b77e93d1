//! The real-text sweep (issue 13): real English news as sources, each also as scrapers hand it
//! over (no-break and other Unicode spaces, straightened or curled quotes, hard line breaks,
//! soft hyphens, a transcript with no sentence ends, Markdown with code and links), and drafts
//! made from the sources' own sentences as writers change them (the same spaces and quotes,
//! clitics, ellipses, line breaks, a word changed). Every check must finish without a panic,
//! with every span inside its text and every evidence quote its source's own words at the line
//! it names (`fuzz/invariants.rs`, shared with the fuzz targets).
//!
//! The text is the committed seed corpus (`seeds/`, five AP and Reuters articles) and the fuzz
//! seeds, made into a few megabytes of sources by the transformations; nothing is read from
//! the network. `larger_corpus_from_build_corpus` does the same over the output of
//! `../shared/tools/build_corpus.sh` when `FACTCHECK_SWEEP_DIR` names it.

#[path = "../fuzz/invariants.rs"]
mod invariants;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use factcheck::{CheckOptions, Checker, Corpus, Format, Index};

/// A change writers or scrapers make to text.
struct Transform {
    name: &'static str,
    apply: fn(&str) -> String,
}

const TRANSFORMS: &[Transform] = &[
    Transform {
        name: "as written",
        apply: str::to_owned,
    },
    Transform {
        name: "no-break spaces",
        apply: |t| t.replace(' ', "\u{a0}"),
    },
    Transform {
        name: "other Unicode spaces",
        apply: unicode_spaces,
    },
    Transform {
        name: "curly quotes and apostrophes",
        apply: curly,
    },
    Transform {
        name: "straight quotes and apostrophes",
        apply: |t| t.replace(['’', '‘'], "'").replace(['“', '”'], "\""),
    },
    Transform {
        name: "clitics",
        apply: clitics,
    },
    Transform {
        name: "ellipses",
        apply: ellipses,
    },
    Transform {
        name: "hard line breaks",
        apply: |t| wrap(t, "\n"),
    },
    Transform {
        name: "CRLF line breaks",
        apply: |t| wrap(t, "\r\n"),
    },
    Transform {
        name: "soft hyphens and zero-width spaces",
        apply: soft_hyphens,
    },
    Transform {
        name: "a word changed",
        apply: word_changed,
    },
    Transform {
        name: "a transcript without sentence ends",
        apply: run_on,
    },
];

/// Markdown made of a text: inline code and link targets with accented letters (blanked byte
/// by byte in the prose, so a blank may be the middle of a character of the file) and
/// emphasis.
fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        match k % 11 {
            3 => out.push_str(&format!("`{word}é`")),
            6 => out.push_str(&format!("[{word}](https://example.org/né/{k})")),
            9 => out.push_str(&format!("*{word}*")),
            _ => out.push_str(word),
        }
    }
    out
}

fn unicode_spaces(text: &str) -> String {
    const SPACES: [char; 6] = [
        '\u{202f}', '\u{2009}', '\u{205f}', '\u{1680}', '\u{3000}', '\u{2007}',
    ];
    let mut k = 0;
    text.chars()
        .map(|c| {
            if c == ' ' {
                k += 1;
                SPACES[k % SPACES.len()]
            } else {
                c
            }
        })
        .collect()
}

fn curly(text: &str) -> String {
    let mut open = false;
    text.chars()
        .map(|c| match c {
            '\'' => '’',
            '"' => {
                open = !open;
                if open {
                    '“'
                } else {
                    '”'
                }
            }
            c => c,
        })
        .collect()
}

fn clitics(text: &str) -> String {
    let mut out = text.to_owned();
    for (full, short) in [
        ("did not", "didn’t"),
        ("does not", "doesn't"),
        ("do not", "don’t"),
        ("is not", "isn't"),
        ("was not", "wasn’t"),
        ("has not", "hasn't"),
        ("have not", "haven’t"),
        ("would not", "wouldn't"),
        ("will not", "won’t"),
        ("cannot", "can't"),
        (" is ", "’s "),
        (" have ", "’ve "),
    ] {
        out = out.replace(full, short);
    }
    out
}

fn ellipses(text: &str) -> String {
    // The middle of every sentence of more than ten words left out, and "..." as one character.
    let cut: Vec<String> = sentences(text)
        .map(|s| {
            let words: Vec<&str> = s.split(' ').collect();
            if words.len() > 10 {
                format!(
                    "{} … {}",
                    words[..4].join(" "),
                    words[words.len() - 4..].join(" ")
                )
            } else {
                s.to_owned()
            }
        })
        .collect();
    cut.join(" ").replace("...", "…")
}

/// Lines of at most 60 bytes, broken at spaces.
fn wrap(text: &str, line_break: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 30);
    let mut line = 0;
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            if line + word.len() > 60 {
                out.push_str(line_break);
                line = 0;
            } else {
                out.push(' ');
            }
        }
        out.push_str(word);
        line += word.len() + 1;
        if word.ends_with('\n') {
            line = 0;
        }
    }
    out
}

fn soft_hyphens(text: &str) -> String {
    text.split(' ')
        .map(|w| match w.char_indices().nth(5) {
            Some((at, _)) if w.chars().all(char::is_alphabetic) => {
                format!("{}\u{ad}{}", &w[..at], &w[at..])
            }
            _ => w.replace(',', ",\u{200b}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One word changed as a careless writer changes it: a number off by one, else a weekday or a
/// month, else the first capitalised word after the first given its accent-folding twin.
fn word_changed(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut changed: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    if let Some(k) = words.iter().position(|w| w.parse::<u64>().is_ok()) {
        changed[k] = (words[k].parse::<u64>().unwrap_or(0) + 1).to_string();
    } else if let Some(k) = words.iter().position(|w| w.starts_with("Tuesday")) {
        changed[k] = words[k].replacen("Tuesday", "Thursday", 1);
    } else if let Some(k) = words
        .iter()
        .skip(1)
        .position(|w| w.starts_with(char::is_uppercase))
    {
        changed[k + 1] = words[k + 1].replacen('e', "é", 1);
    }
    changed.join(" ")
}

/// Each paragraph one long run with no sentence end, as a transcript is.
fn run_on(text: &str) -> String {
    text.replace(". ", " ")
        .replace("? ", " ")
        .replace("! ", " ")
}

/// Sentences of plain text, roughly: split after '.', '!' or '?' (and a closing quote) and a
/// space. Drafts are made of them; the checker's own splitter is what is under test.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let rest_trimmed = rest.trim_start();
        if rest_trimmed.is_empty() {
            return None;
        }
        let end = rest_trimmed
            .match_indices(['.', '!', '?'])
            .map(|(i, _)| i + 1)
            .map(|i| {
                i + rest_trimmed[i..].len()
                    - rest_trimmed[i..].trim_start_matches(['”', '"', '’']).len()
            })
            .find(|&i| rest_trimmed[i..].starts_with(char::is_whitespace))
            .unwrap_or(rest_trimmed.len());
        let (sentence, after) = rest_trimmed.split_at(end);
        rest = after;
        Some(sentence)
    })
}

/// Real text on disk: `(name, text)` of every `.txt` file under `dir`, sorted by name.
fn texts_under(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)
            .expect("a readable folder")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .display()
                .to_string();
            Some((name, text))
        })
        .collect()
}

/// What a sweep covered.
#[derive(Debug, Default)]
struct Swept {
    source_bytes: usize,
    drafts: usize,
    findings: usize,
    citations: usize,
}

/// Every text in `texts` as a source under every transformation (as it is, as a transcript and
/// as Markdown), and drafts
/// of every `step`-th of its sentences under every transformation, checked against them all.
fn sweep(texts: &[(String, String)], step: usize) -> Swept {
    let mut sources: Vec<(String, String)> = Vec::new();
    for (name, text) in texts {
        for t in TRANSFORMS {
            let changed = (t.apply)(text);
            sources.push((
                format!("{name} ({}, a transcript)", t.name),
                run_on(&changed),
            ));
            sources.push((format!("{name} ({}).md", t.name), markdown(&changed)));
            sources.push((format!("{name} ({})", t.name), changed));
        }
    }
    let corpus = Corpus::from_texts(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let index = Arc::new(Index::build(corpus));
    invariants::index_holds(&index);
    let checker = Checker::new(index.clone());
    let mut swept = Swept {
        source_bytes: sources.iter().map(|(_, t)| t.len()).sum(),
        ..Swept::default()
    };
    for (_, text) in texts {
        for (k, sentence) in sentences(text).enumerate().filter(|(k, _)| k % step == 0) {
            for (j, t) in TRANSFORMS.iter().enumerate() {
                let draft = (t.apply)(sentence);
                let format = if (k + j) % 2 == 0 {
                    Format::PlainText
                } else {
                    Format::Markdown
                };
                let options = CheckOptions {
                    format,
                    ..CheckOptions::default()
                };
                let report = checker.check(&draft, &options);
                invariants::report_holds(&index, &draft, &report);
                swept.drafts += 1;
                swept.findings += report.findings.len();
                swept.citations += report.citations.len();
            }
        }
    }
    swept
}

#[test]
fn the_seed_corpus_as_scrapers_and_writers_change_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = texts_under(&root.join("seeds"));
    texts.extend(texts_under(&root.join("fuzz/seeds/text")));
    assert!(texts.len() >= 5, "the seed corpus is committed");
    let swept = sweep(&texts, 1);
    eprintln!("{swept:?}");
    // The sweep reached what it is for: megabytes of sources, every sentence as drafts, and
    // checks that found things (a sweep that cites nothing would test nothing).
    assert!(swept.source_bytes > 1_000_000, "{swept:?}");
    assert!(swept.drafts > 2_000, "{swept:?}");
    assert!(swept.findings > 20 && swept.citations > 1_000, "{swept:?}");
}

/// The same over `../shared/tools/build_corpus.sh`'s output (`FACTCHECK_SWEEP_DIR`; say
/// `build_corpus.sh 4M /tmp/sweep`), every 20th sentence made a draft:
/// `FACTCHECK_SWEEP_DIR=/tmp/sweep cargo test --profile ci --test real_text -- --ignored`.
#[test]
#[ignore = "needs FACTCHECK_SWEEP_DIR: the output of build_corpus.sh"]
fn larger_corpus_from_build_corpus() {
    let dir = std::env::var_os("FACTCHECK_SWEEP_DIR").expect("FACTCHECK_SWEEP_DIR names a folder");
    let texts = texts_under(Path::new(&dir));
    assert!(!texts.is_empty(), "no .txt files under {dir:?}");
    let swept = sweep(&texts, 20);
    eprintln!("{swept:?}");
}
