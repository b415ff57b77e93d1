//! The index on disk: built once for a corpus, loaded on the next start instead of rebuilt.
//!
//! Indexing 100 MB of sources takes seconds; reading back the index a previous run built
//! takes a tenth of one. The cache is one file per set of source paths (so a corpus that
//! changes replaces its file rather than adding one), in the user's cache folder. It is used
//! only when it was made from the very same texts: every document's path, length and a hash
//! of its text must match, checked on every load. A hash rather than modification times,
//! because a `git checkout` resets times, and a file rewritten within one tick of the clock
//! keeps its time. Anything unexpected in the file (another version of factcheck, a
//! tokeniser that changed, a truncated write) means it is rebuilt, never an error.
//!
//! Small corpora are not cached: they index faster than the file would load.

use std::fs;
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};

use rustc_hash::FxHasher;

use super::{pair_keys, Index, Packed, Postings, MAX_BUCKET_BITS, MAX_POSTINGS, MIN_BUCKET_BITS};
use crate::corpus::Corpus;
use crate::text::sentences::MAX_SENTENCE_BYTES;
use crate::text::{self, markdown, tokenize, Span};

/// Corpora smaller than this are indexed afresh every time.
pub const MIN_CACHED_BYTES: usize = 8 << 20;

/// The environment variable naming the cache folder; `off` turns the cache off.
pub const CACHE_ENV: &str = "FACTCHECK_CACHE";

const MAGIC: &[u8; 8] = b"FCINDEX\0";

/// Bumped whenever the file's layout changes.
const LAYOUT: u32 = 5;

/// What happened to the cache on a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheUse {
    /// No cache folder, or a corpus too small to be worth one.
    Off,
    /// The index was read from this file.
    Loaded(PathBuf),
    /// The index was built and written to this file (or could not be: the reason).
    Built(Result<PathBuf, String>),
}

/// What to tell the user when a built index could not be written for the next run.
pub fn not_kept(problem: &str) -> String {
    format!(
        "the index could not be kept for the next run ({problem}); set {CACHE_ENV} to a \
         writable folder, or to `off`"
    )
}

/// The cache folder: `$FACTCHECK_CACHE` (`off` for none), else `factcheck` in the system's
/// cache folder (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS,
/// `%LOCALAPPDATA%` on Windows).
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_ENV) {
        return (dir != "off" && !dir.is_empty()).then(|| PathBuf::from(dir));
    }
    dirs::cache_dir().map(|dir| dir.join("factcheck"))
}

impl Index {
    /// Builds the index of `corpus`, or loads the one a previous run built from the same
    /// texts in `dir`; a newly built index is written there for the next run.
    pub fn build_cached(corpus: Corpus, dir: Option<&Path>) -> (Index, CacheUse) {
        Index::build_cached_from(corpus, dir, MIN_CACHED_BYTES)
    }

    /// [`Index::build_cached`] for corpora of at least `min_bytes`.
    fn build_cached_from(
        corpus: Corpus,
        dir: Option<&Path>,
        min_bytes: usize,
    ) -> (Index, CacheUse) {
        let Some(dir) = dir.filter(|_| corpus.byte_len() >= min_bytes) else {
            return (Index::build(corpus), CacheUse::Off);
        };
        let path = dir.join(file_name(&corpus));
        let hashes = content_hashes(&corpus);
        if let Some(parts) = fs::read(&path)
            .ok()
            .and_then(|b| read(&b, &corpus, &hashes))
        {
            return (Index::from_parts(corpus, parts), CacheUse::Loaded(path));
        }
        let index = Index::build(corpus);
        let saved = index
            .save(&path, &hashes)
            .map(|()| path.clone())
            .map_err(|e| format!("{}: {e}", path.display()));
        (index, CacheUse::Built(saved))
    }

    /// Writes the index to `path` (through a temporary file, so a reader never sees half).
    fn save(&self, path: &Path, hashes: &[u64]) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut out = Vec::with_capacity(
            64 + hashes.len() * 16
                + self.buckets.len() * 4
                + self.doc_starts.len() * 4
                + self.sentences.len() * 8
                + self.postings.len() * 6
                + self.words.len() * 4,
        );
        out.extend_from_slice(MAGIC);
        put32(&mut out, LAYOUT);
        put64(&mut out, fingerprint());
        put64(&mut out, self.corpus.documents.len() as u64);
        for (doc, &hash) in self.corpus.documents.iter().zip(hashes) {
            put64(&mut out, doc.prose.text.len() as u64);
            put64(&mut out, hash);
        }
        put32(&mut out, self.shift);
        put64(&mut out, self.buckets.len() as u64);
        for &b in &self.buckets {
            put32(&mut out, b);
        }
        put64(&mut out, self.doc_starts.len() as u64);
        for &start in &self.doc_starts {
            put32(&mut out, start);
        }
        put64(&mut out, self.sentences.len() as u64);
        for s in &self.sentences {
            put32(&mut out, s.start);
            put32(&mut out, s.end);
        }
        put64(&mut out, self.postings.len() as u64);
        for &low in &self.postings.low {
            out.extend_from_slice(&low.to_le_bytes());
        }
        for &id in &self.postings.sentences {
            put32(&mut out, id);
        }
        put64(&mut out, self.words.len() as u64);
        for &w in &self.words {
            put32(&mut out, w);
        }
        let sum = checksum(&out);
        put64(&mut out, sum);
        let temporary = path.with_extension(format!("tmp{}", std::process::id()));
        // No fsync: it would hold up the start for the sake of a crash, and a file cut short by
        // one fails its checksum and is rebuilt.
        let written = fs::File::create(&temporary).and_then(|mut f| f.write_all(&out));
        match written.and_then(|()| fs::rename(&temporary, path)) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = fs::remove_file(&temporary);
                Err(e)
            }
        }
    }
}

/// An index as read back: everything but the corpus.
pub(super) struct Parts {
    pub sentences: Vec<Packed>,
    pub doc_starts: Vec<u32>,
    pub postings: Postings,
    pub buckets: Vec<u32>,
    pub shift: u32,
    /// Sorted, each once.
    pub words: Vec<u32>,
}

/// One file per set of source paths.
fn file_name(corpus: &Corpus) -> String {
    let mut h = FxHasher::default();
    for doc in &corpus.documents {
        h.write(doc.path.as_os_str().as_encoded_bytes());
        h.write_u8(0);
    }
    format!("index-{:016x}.bin", h.finish())
}

/// A hash of each document's prose (what the index is made from), on every core.
fn content_hashes(corpus: &Corpus) -> Vec<u64> {
    let docs = &corpus.documents;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = docs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .chunks(per)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|d| checksum(d.prose.text.as_bytes()))
                        .collect::<Vec<u64>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// What the index's content depends on besides the sources: the limits, and what the text
/// module makes of a sample (its sentences, and the pair keys of its tokens). A change to the
/// tokeniser, the sentence splitter or the pair keys changes this, and old files are ignored.
fn fingerprint() -> u64 {
    const SAMPLE: &str = "The Ministry's 3.5% rise, “approved on Tuesday,” was re-examined. \
        Mr. O’Neill didn't say 20,000 jobs; he said about ten thousand!\n\nA second block: \
        colour, analysed, travelled, preferred, defence, grey, learnt — naïve café. It cost \
        £1.8m, or $330million, at 70mph.";
    let mut h = FxHasher::default();
    h.write_u64(MAX_POSTINGS as u64);
    h.write_u64(MIN_CACHED_BYTES as u64);
    // Every token's spelling fold comes from VarCon's lists: another version of them is
    // another index, even where the sample's words fold alike.
    h.write_u64(text::lexicon::spellings_folded() as u64);
    // The vocabulary holds the numbers of glued figures ("£1.8m") besides the stems.
    for chunk in SAMPLE.split_whitespace() {
        text::glued_number_stems(chunk, |stem| h.write_u64(stem));
    }
    // A quotation ending in an ellipsis, and a run over the sentence cap with white space of
    // several bytes: where they are cut.
    let capped = format!(
        "{SAMPLE} “It failed… We know…” Then {}",
        "word\u{a0} ".repeat(MAX_SENTENCE_BYTES / 6)
    );
    for format in [markdown::Format::PlainText, markdown::Format::Markdown] {
        let prose = markdown::prose(&capped, format);
        for segment in text::segments(&prose) {
            h.write_u64(segment.span.start as u64);
            h.write_u64(segment.span.end as u64);
            for (key, at) in pair_keys(&tokenize(segment.span.slice(&prose.text))) {
                h.write_u32(key);
                h.write_u64(at as u64);
            }
        }
    }
    h.finish()
}

/// A hash of bytes, eight at a time.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h.write_u64(u64::from_le_bytes(w.try_into().unwrap_or_default()));
    }
    h.write(words.remainder());
    h.write_usize(bytes.len());
    h.finish()
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Reads fields in order; `None` past the end.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.bytes.len() < n {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }

    /// A count of items of `size` bytes that the rest of the file can hold.
    fn count(&mut self, size: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(size)? <= self.bytes.len()).then_some(n)
    }

    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        Some(
            self.take(n.checked_mul(4)?)?
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

/// The index in `bytes`, if it was made by this build of factcheck from exactly these texts
/// and holds together; `None` otherwise.
fn read(bytes: &[u8], corpus: &Corpus, hashes: &[u64]) -> Option<Parts> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if checksum(body) != u64::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let mut r = Reader { bytes: body };
    if r.take(8)? != MAGIC || r.u32()? != LAYOUT || r.u64()? != fingerprint() {
        return None;
    }
    let docs = &corpus.documents;
    if r.count(16)? != docs.len() {
        return None;
    }
    for (doc, &hash) in docs.iter().zip(hashes) {
        if r.u64()? != doc.prose.text.len() as u64 || r.u64()? != hash {
            return None;
        }
    }
    let shift = r.u32()?;
    let n = r.count(4)?;
    let buckets = r.u32s(n)?;
    let n = r.count(4)?;
    let doc_starts = r.u32s(n)?;
    let n = r.count(8)?;
    let sentences: Vec<Packed> = r
        .u32s(n * 2)?
        .chunks_exact(2)
        .map(|c| Packed {
            start: c[0],
            end: c[1],
        })
        .collect();
    let n = r.count(6)?;
    let low = r
        .take(n * 2)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let postings = Postings {
        low,
        sentences: r.u32s(n)?,
    };
    let n = r.count(4)?;
    let words = r.u32s(n)?;
    if !r.bytes.is_empty() || !words.is_sorted_by(|a, b| a < b) {
        return None;
    }
    let parts = Parts {
        sentences,
        doc_starts,
        postings,
        buckets,
        shift,
        words,
    };
    holds_together(&parts, corpus).then_some(parts)
}

/// Whether every lookup in `parts` stays in bounds: documents' sentences in order and
/// covering the table, sentences inside their documents on character boundaries, buckets in
/// order and ending at the postings' end, keys in their bucket, postings naming sentences that
/// exist. A file with the right checksum passes; this is what keeps a damaged one from ever
/// reaching a slice.
fn holds_together(p: &Parts, corpus: &Corpus) -> bool {
    let docs = &corpus.documents;
    let starts = &p.doc_starts;
    let starts_ok = starts.len() == docs.len() + 1
        && starts.first() == Some(&0)
        && starts.windows(2).all(|w| w[0] <= w[1])
        && starts
            .last()
            .is_some_and(|&l| l as usize == p.sentences.len());
    let sentences_ok = starts_ok
        && docs.iter().zip(starts.windows(2)).all(|(d, w)| {
            // Sentences are found in the prose and sliced from the file's text too.
            p.sentences[w[0] as usize..w[1] as usize].iter().all(|s| {
                let span = Span {
                    start: s.start as usize,
                    end: s.end as usize,
                };
                span.fits(&d.prose.text) && span.fits(&d.text)
            })
        });
    let Some(bits) = 32u32
        .checked_sub(p.shift)
        .filter(|b| (MIN_BUCKET_BITS..=MAX_BUCKET_BITS).contains(b))
    else {
        return false;
    };
    let buckets_ok = p.buckets.len() == (1 << bits) + 1
        && p.buckets.first() == Some(&0)
        && p.buckets.windows(2).all(|w| w[0] <= w[1])
        && p.buckets
            .last()
            .is_some_and(|&l| l as usize == p.postings.len());
    if !(sentences_ok && buckets_ok) {
        return false;
    }
    // Each bucket's keys (their low bits) in order, as lookups' binary searches need.
    let n = p.sentences.len() as u32;
    p.postings.low.len() == p.postings.len()
        && p.postings.sentences.iter().all(|&id| id < n)
        && p.buckets
            .windows(2)
            .all(|w| p.postings.low[w[0] as usize..w[1] as usize].is_sorted())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Cached from this size in these tests (the real threshold is megabytes).
    const MIN: usize = 1000;

    /// A corpus of real files over the tests' threshold: a story, with a number changed so
    /// that no two documents are the same.
    fn corpus_on_disk(dir: &Path) -> Vec<PathBuf> {
        let story = "The harbour authority approved a 40 million dredging plan for Eastport \
            on Tuesday. Its chair, Ruth Okafor, said “the channel must be deep enough” before \
            the vote. The plan was opposed by two fishing cooperatives.\n\n";
        let sources = dir.join("sources");
        fs::create_dir_all(&sources).unwrap();
        for i in 0..8 {
            let text = story
                .repeat(3)
                .replace("40 million", &format!("{i} million"));
            fs::write(sources.join(format!("s{i:03}.txt")), text).unwrap();
        }
        vec![sources]
    }

    fn cached(paths: &[PathBuf], dir: Option<&Path>) -> (Index, CacheUse) {
        Index::build_cached_from(load(paths), dir, MIN)
    }

    fn load(paths: &[PathBuf]) -> Corpus {
        Corpus::load(paths, &mut |_| {}).unwrap()
    }

    /// The story on disk in a temporary folder (kept while the first value lives), and a
    /// cache folder beside it.
    fn story_with_cache() -> (tempfile::TempDir, Vec<PathBuf>, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let paths = corpus_on_disk(dir.path());
        let cache = dir.path().join("cache");
        (dir, paths, cache)
    }

    fn same(a: &Index, b: &Index) {
        assert_eq!(a.sentence_count(), b.sentence_count());
        assert_eq!(a.shift, b.shift);
        assert_eq!(a.buckets, b.buckets);
        assert_eq!(a.postings, b.postings);
        assert!(!a.words.is_empty());
        assert_eq!(a.words, b.words);
        for id in 0..a.sentence_count() as u32 {
            assert_eq!(a.sentence(id), b.sentence(id));
        }
    }

    #[test]
    fn a_second_start_reads_the_index_the_first_one_built() {
        let (_dir, paths, cache) = story_with_cache();

        let (built, first) = cached(&paths, Some(&cache));
        let CacheUse::Built(Ok(file)) = first else {
            panic!("not written: {first:?}")
        };
        let (loaded, second) = cached(&paths, Some(&cache));
        assert_eq!(second, CacheUse::Loaded(file));
        same(&built, &loaded);
        // The loaded index answers as the built one does.
        let draft = tokenize("The harbour authority approved a 7 million dredging plan");
        for (key, _) in pair_keys(&draft) {
            assert_eq!(built.lookup(key), loaded.lookup(key));
        }
    }

    #[test]
    fn a_changed_source_is_indexed_afresh() {
        let (_dir, paths, cache) = story_with_cache();
        cached(&paths, Some(&cache));

        // Same length, same name, one word different.
        let file = paths[0].join("s001.txt");
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, text.replacen("Tuesday", "Thursda", 1)).unwrap();
        let (index, used) = cached(&paths, Some(&cache));
        assert!(matches!(used, CacheUse::Built(Ok(_))), "{used:?}");
        same(&index, &Index::build(load(&paths)));
    }

    #[test]
    fn a_damaged_file_is_rebuilt_never_trusted() {
        let (_dir, paths, cache) = story_with_cache();
        let (_, used) = cached(&paths, Some(&cache));
        let CacheUse::Built(Ok(file)) = used else {
            panic!("{used:?}")
        };
        let good = fs::read(&file).unwrap();
        let fresh = Index::build(load(&paths));
        let truncated = good[..good.len() / 2].to_vec();
        let mut flipped = good.clone();
        flipped[good.len() / 3] ^= 0x40;
        for (what, bytes) in [
            ("truncated", truncated),
            ("flipped", flipped),
            ("empty", vec![]),
        ] {
            fs::write(&file, bytes).unwrap();
            let (index, used) = cached(&paths, Some(&cache));
            assert!(matches!(used, CacheUse::Built(Ok(_))), "{what}: {used:?}");
            same(&index, &fresh);
        }
    }

    #[test]
    fn a_sentence_table_its_documents_do_not_cover_is_refused() {
        let corpus = Corpus::from_texts([("a.txt", "One. Two."), ("b.txt", "Three.")]);
        let parts = |doc_starts: Vec<u32>| Parts {
            sentences: [(0, 4), (5, 9), (0, 6)]
                .map(|(start, end)| Packed { start, end })
                .to_vec(),
            doc_starts,
            postings: Postings::default(),
            buckets: vec![0; (1 << MIN_BUCKET_BITS) + 1],
            shift: 32 - MIN_BUCKET_BITS,
            words: Vec::new(),
        };
        assert!(holds_together(&parts(vec![0, 2, 3]), &corpus));
        for starts in [
            vec![0, 1, 3], // "Two." (5..9) would be in b.txt, six bytes long
            vec![0, 2],
            vec![1, 2, 3],
            vec![0, 2, 4],
            vec![0, 3, 2],
        ] {
            assert!(
                !holds_together(&parts(starts.clone()), &corpus),
                "{starts:?}"
            );
        }
    }

    #[test]
    fn small_corpora_and_no_folder_mean_no_cache() {
        let dir = tempfile::tempdir().unwrap();
        let small = Corpus::from_texts([("a.txt", "Putin authorized it.")]);
        let (_, used) = Index::build_cached_from(small, Some(dir.path()), MIN);
        assert_eq!(used, CacheUse::Off);
        let paths = corpus_on_disk(dir.path());
        let (_, used) = cached(&paths, None);
        assert_eq!(used, CacheUse::Off);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only the sources"
        );
    }
}
