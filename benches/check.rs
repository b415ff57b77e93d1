//! Engine benchmarks (criterion): checking a 5,000-word draft against the seeds and against a
//! 10 MB corpus, the first time (every sentence new), again (every sentence cached), and after
//! one edited sentence (what the language server does on a keystroke); and loading plus
//! indexing 10 MB.
//!
//! `cargo bench --bench check`; the 10 MB corpus is built on demand into `benches/.cache/`.

mod common;

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use factcheck::{CheckOptions, Checker, Corpus, Format, Index};

fn load(paths: &[PathBuf]) -> Corpus {
    Corpus::load(paths, &mut |_| {}).expect("the benchmark corpus loads")
}

fn options() -> CheckOptions {
    CheckOptions {
        format: Format::Markdown,
        ..Default::default()
    }
}

/// A word that was never in the draft, different for every `n`: letters only, so it is an
/// ordinary content word.
fn fresh_word(mut n: usize) -> String {
    let mut word = String::from("zq");
    loop {
        word.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return word;
        }
    }
}

fn check_draft(c: &mut Criterion) {
    let draft = common::draft(5000);
    // The edit lands in a sentence in the middle of the draft, like a writer revising.
    let edits = common::keystrokes(&draft, 1);
    let common::Edit::Insert { at, .. } = edits[0] else {
        unreachable!("the first keystroke types")
    };
    let corpora = [
        ("seeds", vec![common::seeds_dir()]),
        ("10M", vec![common::seeds_dir(), common::corpus("10M")]),
    ];
    let mut group = c.benchmark_group("check_5000_words");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    for (name, paths) in corpora {
        let index = Arc::new(Index::build(load(&paths)));
        group.bench_function(format!("{name}/cold"), |b| {
            b.iter_batched(
                || Checker::new(index.clone()),
                |checker| black_box(checker.check(&draft, &options())),
                BatchSize::PerIteration,
            )
        });
        let checker = Checker::new(index.clone());
        checker.check(&draft, &options());
        group.bench_function(format!("{name}/warm"), |b| {
            b.iter(|| black_box(checker.check(&draft, &options())))
        });
        let mut n = 0;
        group.bench_function(format!("{name}/one_sentence_edited"), |b| {
            b.iter_batched(
                || {
                    n += 1;
                    let mut edited = draft.clone();
                    edited.insert_str(at, &format!(" {}", fresh_word(n)));
                    edited
                },
                |edited| black_box(checker.check(&edited, &options())),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

fn load_and_index(c: &mut Criterion) {
    let paths = vec![common::corpus("10M")];
    let mut group = c.benchmark_group("load_and_index");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("10M", |b| b.iter(|| black_box(Index::build(load(&paths)))));
    group.bench_function("10M/index_only", |b| {
        b.iter_batched(
            || load(&paths),
            |corpus| black_box(Index::build(corpus)),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, check_draft, load_and_index);
criterion_main!(benches);
