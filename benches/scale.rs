//! Load and index one corpus in this process and print what it cost, as one JSON line:
//! wall time of each phase, MB/s, peak resident memory and index bytes per source byte.
//!
//! One corpus per process, so the peak memory is that corpus's alone. `benches/run.sh` runs it
//! once per size:
//!
//! ```text
//! cargo bench --bench scale -- 100M            # a corpus size, built on demand
//! cargo bench --bench scale -- path/to/folder  # or any folder of sources
//! ```

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use factcheck::{CheckOptions, Checker, Corpus, Format, Index};

fn main() {
    // cargo passes `--bench`; anything else names a corpus.
    let targets: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let targets = if targets.is_empty() {
        vec!["10M".to_string()]
    } else {
        targets
    };
    for target in targets {
        let path = PathBuf::from(&target);
        let path = if path.is_dir() {
            path
        } else {
            common::corpus(&target)
        };
        measure(&target, path);
    }
}

fn measure(name: &str, path: PathBuf) {
    let rss_before = peak_rss();
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let corpus = Corpus::load(std::slice::from_ref(&path), &mut |_| {})
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let load = start.elapsed().as_secs_f64();
    let bytes = corpus.byte_len();
    // What the corpus holds of its texts: each source as read, and its prose (the same length,
    // non-prose blanked) where that is another text (Markdown; plain text is its own prose).
    let text_bytes: usize = corpus
        .documents
        .iter()
        .map(|d| {
            let prose = if Arc::ptr_eq(&d.text, &d.prose.text) {
                0
            } else {
                d.prose.text.len()
            };
            d.text.len() + prose
        })
        .sum();
    let documents = corpus.documents.len();
    let rss_loaded = peak_rss();
    let cpu_loaded = cpu_seconds();
    let start = Instant::now();
    let index = Arc::new(Index::build(corpus));
    let build = start.elapsed().as_secs_f64();
    let cpu_indexed = cpu_seconds();
    let rss_indexed_now = rss("VmRSS:");
    let rss_indexed = peak_rss();
    // The first check of the draft: every sentence is new to the cache.
    let draft = common::draft(5000);
    let checker = Checker::new(index.clone());
    let options = CheckOptions {
        format: Format::Markdown,
        ..Default::default()
    };
    let start = Instant::now();
    let report = checker.check(&draft, &options);
    let cold = start.elapsed().as_secs_f64();
    let mb = bytes as f64 / (1024.0 * 1024.0);
    let line = serde_json::json!({
        "corpus": name,
        "documents": documents,
        "bytes": bytes,
        "sentences": index.sentence_count(),
        "load_s": load,
        "index_s": build,
        "load_cpu_s": cpu_loaded - cpu_start,
        "index_cpu_s": cpu_indexed - cpu_loaded,
        "load_index_mb_per_s": mb / (load + build),
        "index_mb_per_s": mb / build,
        "index_bytes": index.index_bytes(),
        "index_bytes_per_source_byte": index.index_bytes() as f64 / bytes as f64,
        "rss_start": rss_before,
        "rss_loaded": rss_loaded,
        "peak_rss": rss_indexed,
        "peak_rss_per_source_byte": rss_indexed as f64 / bytes as f64,
        "rss_after_index": rss_indexed_now,
        "rss_after_index_per_source_byte": rss_indexed_now as f64 / bytes as f64,
        "text_bytes_held": text_bytes,
        "draft_cold_check_s": cold,
        "draft_findings": report.findings.len(),
        "draft_citations": report.citations.len(),
    });
    println!("{line}");
}

/// CPU time of this process so far (user + system, every thread), in seconds.
fn cpu_seconds() -> f64 {
    // Fields 14 and 15 of /proc/self/stat, after the command name in parentheses.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // Fields counted from the state (field 3): utime is field 14, stime 15. The kernel's
    // USER_HZ is 100 on every Linux this runs on.
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident set of this process in bytes (Linux `VmHWM`), 0 where unknown.
fn peak_rss() -> u64 {
    rss("VmHWM:")
}

/// A size line of `/proc/self/status` (`VmHWM:` the peak, `VmRSS:` now) in bytes, 0 where
/// unknown.
fn rss(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}
