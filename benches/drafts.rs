//! Writes a newsroom's worth of drafts for the CI figure (`factcheck check` of many drafts
//! against a large corpus): each draft restates its own run of news sentences from the 10 MB
//! corpus (which every larger corpus contains) as they are, quoted, misquoted and with a number
//! changed, between sentences of the seeds. Deterministic, so every run checks the same text.
//!
//! ```text
//! cargo bench --bench drafts -- OUT_DIR [COUNT] [WORDS]    # 1000 drafts of 1000 words
//! ```
//!
//! Does nothing when OUT_DIR already holds COUNT drafts of WORDS words (a `.done` file says
//! which).

mod common;

use std::path::PathBuf;

fn main() {
    // cargo passes `--bench`; the rest are positional.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: drafts OUT_DIR [COUNT] [WORDS]");
        std::process::exit(2);
    };
    let number = |i: usize, default: usize| {
        args.get(i).map_or(default, |v| {
            v.parse().unwrap_or_else(|_| {
                eprintln!("drafts: {v} is not a number");
                std::process::exit(2)
            })
        })
    };
    let count = number(1, 1000);
    let words = number(2, 1000);
    let stamp = format!("{count} drafts of {words} words\n");
    let done = out.join(".done");
    if std::fs::read_to_string(&done).is_ok_and(|s| s == stamp) {
        return;
    }
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("the old drafts can be removed");
    }
    std::fs::create_dir_all(&out).expect("the drafts folder can be made");
    // Sentences run about twenty words and four in six are restated: enough material that no
    // two drafts restate the same sentence.
    let restated = count * (words / 30 + 1);
    let material = common::Material::restating(&common::corpus("10M"), restated);
    for k in 0..count {
        let path = out.join(format!("draft-{k:04}.md"));
        std::fs::write(&path, material.draft(words, k)).expect("a draft can be written");
    }
    std::fs::write(&done, stamp).expect("the marker can be written");
}
