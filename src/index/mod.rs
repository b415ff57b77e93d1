//! The corpus index: every source sentence, and a hashed index from pairs of adjacent content
//! words to the sentences holding them.
//!
//! Pairs rather than longer shingles because a single changed word (a swapped name or number)
//! must still find the source sentence it contradicts: "China preferred Trump" shares
//! "China preferred" with "China preferred Biden", and no trigram. Pairs so common that they
//! say nothing about a passage are skipped at query time, which bounds the work per sentence
//! whatever the corpus size.
//!
//! Built for size and speed (100 MB of sources in about a second on two cores):
//! - the corpus is cut into units of about a megabyte that the cores take in turn, so one
//!   huge file does not leave a core idle;
//! - a source's words are tokenised through a memo of its whitespace-separated chunks: prose
//!   repeats its words, and a chunk's tokens do not depend on what surrounds it (no token
//!   crosses white space), so the keys are exactly those of [`pair_keys`] over [`tokenize`];
//! - postings sit in one array sorted by key, bucketed by the key's top bits with a
//!   counting sort (no comparison sort of the whole array), so a lookup is one bucket's
//!   binary search; pairs too common to be returned are not stored at all.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::corpus::{Corpus, Document};
use crate::text::{self, tokenize, Span, Token};

/// A pair holding more sentences than this is too common to discriminate.
pub const MAX_POSTINGS: usize = 4096;

/// A sentence of a source document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceSentence {
    pub doc: u32,
    pub span: Span,
}

/// Identifies a sentence in the index.
pub type SentenceId = u32;

/// A source sentence as stored: half the size of [`SourceSentence`].
#[derive(Clone, Copy, Debug)]
struct Packed {
    doc: u32,
    start: u32,
    end: u32,
}

#[derive(Debug)]
pub struct Index {
    corpus: Corpus,
    sentences: Vec<Packed>,
    /// (pair key, sentence), sorted; keys holding more than [`MAX_POSTINGS`] sentences left
    /// out.
    postings: Vec<(u32, SentenceId)>,
    /// Where each bucket of keys (by their top bits) starts in `postings`, and one past the
    /// end.
    buckets: Vec<u32>,
    /// Right shift taking a key to its bucket.
    shift: u32,
    probes: AtomicU64,
    postings_read: AtomicU64,
}

impl Index {
    pub fn build(corpus: Corpus) -> Index {
        let units = units(&corpus.documents);
        let bits = bucket_bits(corpus.byte_len());
        let shift = 32 - bits;
        let mut parts = parallel_units(&corpus.documents, &units);
        let total: usize = parts.iter().map(|p| p.postings.len()).sum();

        // Counting sort by bucket.
        let mut buckets = vec![0u32; (1 << bits) + 1];
        for part in &parts {
            for &(key, _) in &part.postings {
                buckets[(key >> shift) as usize + 1] += 1;
            }
        }
        for b in 1..buckets.len() {
            buckets[b] += buckets[b - 1];
        }
        let mut next: Vec<u32> = buckets[..1 << bits].to_vec();
        let mut postings = vec![(0u32, 0u32); total];
        let mut sentences = Vec::with_capacity(parts.iter().map(|p| p.sentences.len()).sum());
        for part in &mut parts {
            let base = sentences.len() as u32;
            sentences.append(&mut part.sentences);
            for &(key, local) in &std::mem::take(&mut part.postings) {
                let slot = &mut next[(key >> shift) as usize];
                postings[*slot as usize] = (key, base + local);
                *slot += 1;
            }
        }
        drop(parts);
        sort_buckets(&mut postings, &buckets);
        drop_common_keys(&mut postings, &mut buckets);
        Index {
            corpus,
            sentences,
            postings,
            buckets,
            shift,
            probes: AtomicU64::new(0),
            postings_read: AtomicU64::new(0),
        }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn sentence(&self, id: SentenceId) -> SourceSentence {
        let p = self.sentences[id as usize];
        SourceSentence {
            doc: p.doc,
            span: Span::new(p.start as usize, p.end as usize),
        }
    }

    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }

    pub fn document(&self, id: u32) -> &Document {
        &self.corpus.documents[id as usize]
    }

    /// The prose of a sentence.
    pub fn sentence_text(&self, id: SentenceId) -> &str {
        let s = self.sentence(id);
        s.span.slice(&self.document(s.doc).prose.text)
    }

    /// The sentence next to `id` in the same document, `delta` sentences away.
    pub fn neighbour(&self, id: SentenceId, delta: i64) -> Option<SentenceId> {
        let other = id as i64 + delta;
        if other < 0 || other as usize >= self.sentences.len() {
            return None;
        }
        let other = other as SentenceId;
        (self.sentences[other as usize].doc == self.sentences[id as usize].doc).then_some(other)
    }

    /// Sentences sharing the pair `key`, or nothing when the pair is too common to tell.
    pub fn lookup(&self, key: u32) -> &[(u32, SentenceId)] {
        self.probes.fetch_add(1, Ordering::Relaxed);
        let b = (key >> self.shift) as usize;
        let bucket = &self.postings[self.buckets[b] as usize..self.buckets[b + 1] as usize];
        let start = bucket.partition_point(|(k, _)| *k < key);
        let end = start + bucket[start..].partition_point(|(k, _)| *k == key);
        self.postings_read
            .fetch_add((end - start) as u64, Ordering::Relaxed);
        &bucket[start..end]
    }

    /// How many index lookups were made so far: work per edit must not grow with the corpus.
    pub fn probes(&self) -> u64 {
        self.probes.load(Ordering::Relaxed)
    }

    /// How many postings lookups returned so far: bounded per probe by [`MAX_POSTINGS`].
    pub fn postings_read(&self) -> u64 {
        self.postings_read.load(Ordering::Relaxed)
    }

    /// Bytes held by the index structures, not counting the source texts.
    pub fn index_bytes(&self) -> usize {
        self.sentences.capacity() * std::mem::size_of::<Packed>()
            + self.postings.capacity() * std::mem::size_of::<(u32, SentenceId)>()
            + self.buckets.capacity() * std::mem::size_of::<u32>()
    }
}

/// Keys of adjacent content words (by stem) of a token sequence, with the index of the pair's
/// first token; then, for each number between two other content words, the key of those two
/// words. The second kind lets a changed figure ("had 20,000 cases" against "had 26,867
/// cases") still find the sentence it contradicts: the words around a figure name it.
pub fn pair_keys(tokens: &[Token]) -> impl Iterator<Item = (u32, usize)> + '_ {
    let content: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].is_content())
        .collect();
    let number = |w: usize| text::is_number_stem(tokens[content[w]].stem);
    let mut pairs: Vec<(usize, usize)> = (1..content.len()).map(|w| (w - 1, w)).collect();
    pairs.extend(
        (2..content.len())
            .filter(|&w| number(w - 1) && !number(w - 2) && !number(w))
            .map(|w| (w - 2, w)),
    );
    pairs.into_iter().map(move |(x, y)| {
        let (a, b) = (&tokens[content[x]], &tokens[content[y]]);
        (pair_key(a.stem, b.stem), content[x])
    })
}

/// The keys of [`pair_keys`] from the content stems of a sentence, in order.
fn keys_of_stems(stems: &[u64], out: &mut Vec<u32>) {
    out.extend(stems.windows(2).map(|w| pair_key(w[0], w[1])));
    out.extend(
        stems
            .windows(3)
            .filter(|w| {
                let [a, n, b] = [w[0], w[1], w[2]].map(text::is_number_stem);
                n && !a && !b
            })
            .map(|w| pair_key(w[0], w[2])),
    );
}

fn pair_key(a: u64, b: u64) -> u32 {
    let h = a.rotate_left(17) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h ^ (h >> 32)) as u32
}

/// Buckets for about 32 postings each (a source byte makes about a tenth of a posting).
fn bucket_bits(bytes: usize) -> u32 {
    let postings = (bytes / 10).max(1);
    (usize::BITS - (postings / 32).leading_zeros()).clamp(1, 24)
}

/// Documents per unit of work: runs of whole documents of about a megabyte.
const UNIT_BYTES: usize = 1 << 20;

fn units(documents: &[Document]) -> Vec<std::ops::Range<usize>> {
    let mut units = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, doc) in documents.iter().enumerate() {
        bytes += doc.prose.text.len();
        if bytes >= UNIT_BYTES {
            units.push(start..i + 1);
            start = i + 1;
            bytes = 0;
        }
    }
    if start < documents.len() {
        units.push(start..documents.len());
    }
    units
}

/// One unit's sentences and postings, sentence ids counted from the unit's first.
struct Part {
    sentences: Vec<Packed>,
    postings: Vec<(u32, u32)>,
}

/// Indexes the units on every core, each core taking the next unit when done; parts come back
/// in unit order.
fn parallel_units(documents: &[Document], units: &[std::ops::Range<usize>]) -> Vec<Part> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(units.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Part)>> = Mutex::new(Vec::with_capacity(units.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut keyer = Keyer::default();
                loop {
                    let u = next.fetch_add(1, Ordering::Relaxed);
                    let Some(range) = units.get(u) else { return };
                    let part = index_unit(documents, range.clone(), &mut keyer);
                    done.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((u, part));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|(u, _)| *u);
    done.into_iter().map(|(_, part)| part).collect()
}

fn index_unit<'t>(
    documents: &'t [Document],
    range: std::ops::Range<usize>,
    keyer: &mut Keyer<'t>,
) -> Part {
    let mut part = Part {
        sentences: Vec::new(),
        postings: Vec::new(),
    };
    let mut keys = Vec::new();
    for doc_id in range {
        let doc = &documents[doc_id];
        for segment in text::segments(&doc.prose) {
            // Offsets are stored in 32 bits; sources are capped far below 4 GiB on load, and a
            // sentence beyond that (only from an in-memory text) is left out of the index.
            let (Ok(start), Ok(end)) = (
                u32::try_from(segment.span.start),
                u32::try_from(segment.span.end),
            ) else {
                continue;
            };
            let local = part.sentences.len() as u32;
            part.sentences.push(Packed {
                doc: doc_id as u32,
                start,
                end,
            });
            keys.clear();
            keyer.keys(segment.span.slice(&doc.prose.text), &mut keys);
            keys.sort_unstable();
            keys.dedup();
            part.postings.extend(keys.iter().map(|&key| (key, local)));
        }
    }
    part
}

/// Chunks remembered per core at most; past it the memo starts afresh.
const MEMO_LIMIT: usize = 1 << 18;

/// Pair keys of source sentences, tokenising each distinct whitespace-separated chunk once.
#[derive(Default)]
struct Keyer<'t> {
    /// Chunk -> its tokens in `tokens` (start, count).
    memo: FxHashMap<&'t str, (u32, u32)>,
    /// (stem, is content) of the memoised chunks' tokens.
    tokens: Vec<(u64, bool)>,
    stems: Vec<u64>,
}

impl<'t> Keyer<'t> {
    /// The keys of [`pair_keys`] over `tokenize(sentence)`, in order.
    fn keys(&mut self, sentence: &'t str, out: &mut Vec<u32>) {
        #[cfg(debug_assertions)]
        let before = out.len();
        self.stems.clear();
        for chunk in sentence.split(char::is_whitespace) {
            if chunk.is_empty() {
                continue;
            }
            let (start, count) = match self.memo.get(chunk) {
                Some(&entry) => entry,
                None => {
                    if self.memo.len() >= MEMO_LIMIT {
                        self.memo.clear();
                        self.tokens.clear();
                    }
                    let start = self.tokens.len() as u32;
                    self.tokens
                        .extend(tokenize(chunk).iter().map(|t| (t.stem, t.is_content())));
                    let entry = (start, self.tokens.len() as u32 - start);
                    self.memo.insert(chunk, entry);
                    entry
                }
            };
            let tokens = &self.tokens[start as usize..(start + count) as usize];
            self.stems
                .extend(tokens.iter().filter(|t| t.1).map(|t| t.0));
        }
        keys_of_stems(&self.stems, out);
        #[cfg(debug_assertions)]
        {
            let slow: Vec<u32> = pair_keys(&tokenize(sentence)).map(|(k, _)| k).collect();
            debug_assert_eq!(
                &out[before..],
                &slow[..],
                "memoised keys differ from tokenize() on {sentence:?}"
            );
        }
    }
}

/// Sorts each bucket of `postings` (bounded by `buckets`), on every core.
fn sort_buckets(postings: &mut [(u32, u32)], buckets: &[u32]) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let last = buckets.len() - 1;
    // Cut at bucket starts into pieces of about equal postings, one per core.
    let mut cuts = vec![0];
    for t in 1..threads {
        let target = (postings.len() * t / threads) as u32;
        let b = buckets.partition_point(|&start| start < target).min(last);
        if b > *cuts.last().unwrap_or(&0) {
            cuts.push(b);
        }
    }
    if *cuts.last().unwrap_or(&0) < last {
        cuts.push(last);
    }
    let mut rest = postings;
    std::thread::scope(|scope| {
        for cut in cuts.windows(2) {
            let bounds = &buckets[cut[0]..=cut[1]];
            let base = bounds[0] as usize;
            let (piece, tail) =
                std::mem::take(&mut rest).split_at_mut(bounds[bounds.len() - 1] as usize - base);
            rest = tail;
            scope.spawn(move || {
                for w in bounds.windows(2) {
                    piece[w[0] as usize - base..w[1] as usize - base].sort_unstable();
                }
            });
        }
    });
}

/// Removes the postings of keys held by more than [`MAX_POSTINGS`] sentences (a lookup never
/// returns them) and moves the bucket bounds to match.
fn drop_common_keys(postings: &mut Vec<(u32, u32)>, buckets: &mut [u32]) {
    let mut write = 0;
    let mut read = 0;
    for b in 0..buckets.len() - 1 {
        let end = buckets[b + 1] as usize;
        buckets[b] = write as u32;
        while read < end {
            let key = postings[read].0;
            let run = postings[read..end].partition_point(|(k, _)| *k == key);
            if run <= MAX_POSTINGS {
                postings.copy_within(read..read + run, write);
                write += run;
            }
            read += run;
        }
    }
    *buckets.last_mut().expect("buckets end with the total") = write as u32;
    postings.truncate(write);
    postings.shrink_to_fit();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_figure_still_finds_its_sentence() {
        let index = Index::build(Corpus::from_texts([(
            "a.txt",
            "Massachusetts had 26,867 cases and 844 deaths.",
        )]));
        let draft = tokenize("Massachusetts had 20,000 cases.");
        let found: Vec<SentenceId> = pair_keys(&draft)
            .flat_map(|(key, _)| index.lookup(key).iter().map(|p| p.1))
            .collect();
        assert_eq!(found, vec![0]);
    }

    #[test]
    fn a_swapped_word_still_finds_its_sentence() {
        let index = Index::build(Corpus::from_texts([(
            "a.txt",
            "The August assessment said China preferred a Biden presidency. Other news.",
        )]));
        assert_eq!(index.sentence_count(), 2);
        let draft = tokenize("China preferred Trump");
        let hits: Vec<u32> = pair_keys(&draft)
            .flat_map(|(k, _)| index.lookup(k).iter().map(|p| p.1))
            .collect();
        assert_eq!(hits, [0]);
        assert_eq!(index.probes(), 2);
    }
}
