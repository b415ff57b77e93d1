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
//!   binary search; pairs too common to be returned are not stored at all;
//! - a posting keeps only the low 16 bits of its key beside its sentence (6 bytes, not 8):
//!   there are at least 2^16 buckets, so the bucket holds the rest of the key; a sentence is
//!   its span (8 bytes), its document found from where each document's sentences start.
//!
//! Memory stays under twice the corpus while building (1.9x at 100 MB): the cores' keys are
//! kept apart by eighth of the key space, placed a quarter at a time (each core placing its
//! own eighth, into its own buckets) and freed once placed, so keys and postings are never
//! both whole; buffers are reserved once at about their final size.

mod persist;

pub use persist::{
    default_dir as default_cache_dir, not_kept, CacheUse, CACHE_ENV, MIN_CACHED_BYTES,
};

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};

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

/// A source sentence as stored: its span, in a quarter of the size of [`SourceSentence`]. Its
/// document is the one whose range of sentences holds it ([`Index::doc_starts`]).
#[derive(Clone, Copy, Debug)]
struct Packed {
    start: u32,
    end: u32,
}

#[derive(Debug)]
pub struct Index {
    corpus: Corpus,
    sentences: Vec<Packed>,
    /// The first sentence of each document (ids follow the documents' order), then the number
    /// of sentences: a document's sentences are `doc_starts[d]..doc_starts[d + 1]`.
    doc_starts: Vec<SentenceId>,
    /// The postings: keys holding more than [`MAX_POSTINGS`] sentences left out.
    postings: Postings,
    /// Where each bucket of keys (by their top bits) starts in `postings`, and one past the
    /// end.
    buckets: Vec<u32>,
    /// Right shift taking a key to its bucket.
    shift: u32,
    probes: AtomicU64,
    postings_read: AtomicU64,
    tokens: TokenCache,
    /// The stem of every content word of the corpus, and the number of every figure glued to
    /// its unit ("£1.8m" gives 1,800,000), by its top 32 bits ([`word_key`]), sorted (for
    /// [`Index::has_word`]: a check for unsupported specifics asks about names and numbers no
    /// candidate sentence holds). Made while indexing, from the memo's chunks, so no text is
    /// read twice.
    words: Vec<u32>,
}

impl Index {
    pub fn build(corpus: Corpus) -> Index {
        let units = units(&corpus.documents);
        let bits = bucket_bits(corpus.byte_len());
        let shift = 32 - bits;
        let (mut cores, outputs) = parallel_units(&corpus.documents, &units);
        let mut words: Vec<u32> = Vec::with_capacity(cores.iter().map(|c| c.words.len()).sum());
        for core in &mut cores {
            words.append(&mut core.words);
        }
        words.sort_unstable();
        words.dedup();
        words.shrink_to_fit();
        let total: usize = cores.iter().flat_map(|c| &c.keys).map(Vec::len).sum();

        // Counting sort by bucket: each core counts its own keys.
        let counts: Vec<Vec<u32>> = std::thread::scope(|scope| {
            let counting: Vec<_> = (cores.iter())
                .map(|core| scope.spawn(move || bucket_counts(&core.keys, bits, shift)))
                .collect();
            (counting.into_iter())
                .map(|c| c.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let mut buckets = vec![0u32; (1 << bits) + 1];
        for b in 1..buckets.len() {
            buckets[b] = buckets[b - 1] + counts.iter().map(|c| c[b - 1]).sum::<u32>();
        }
        drop(counts);
        let mut postings = Postings {
            low: vec![0; total],
            sentences: vec![0; total],
        };
        // The sentences first, in unit order, and the cores' copies freed: the scatter needs
        // only counts.
        let mut bases = Vec::with_capacity(outputs.len());
        let mut sentences = Vec::with_capacity(cores.iter().map(|c| c.sentences.len()).sum());
        let mut doc_starts = Vec::with_capacity(corpus.documents.len() + 1);
        for unit in &outputs {
            let core = &cores[unit.core];
            let base = sentences.len() as u32;
            bases.push(base);
            let mut start = base;
            for &count in &core.doc_sentences[unit.documents.clone()] {
                doc_starts.push(start);
                start += count;
            }
            sentences.extend_from_slice(&core.sentences[unit.sentences.clone()]);
        }
        doc_starts.push(sentences.len() as u32);
        for core in &mut cores {
            core.sentences = Vec::new();
        }
        // A quarter of the keys at a time, each freed once placed: the postings fill as the
        // keys go, and the two are not held whole at once. Each core places a group, into
        // its own buckets.
        let per_group = (buckets.len() - 1) / GROUPS;
        let mut low: &mut [u16] = &mut postings.low;
        let mut ids: &mut [u32] = &mut postings.sentences;
        for pass in 0..PASSES {
            std::thread::scope(|scope| {
                for group in pass * GROUPS / PASSES..(pass + 1) * GROUPS / PASSES {
                    let range = group * per_group..(group + 1) * per_group;
                    let len = (buckets[range.end] - buckets[range.start]) as usize;
                    let (group_low, rest_low) = std::mem::take(&mut low).split_at_mut(len);
                    let (group_ids, rest_ids) = std::mem::take(&mut ids).split_at_mut(len);
                    (low, ids) = (rest_low, rest_ids);
                    let parts: Vec<Part> = (outputs.iter())
                        .map(|unit| Part {
                            counts: &cores[unit.core].counts[group][unit.sentences.clone()],
                            keys: &cores[unit.core].keys[group][unit.keys[group].clone()],
                        })
                        .collect();
                    let (bases, buckets) = (&bases, &buckets);
                    scope.spawn(move || {
                        scatter(&parts, bases, buckets, range, shift, group_low, group_ids)
                    });
                }
            });
            for core in &mut cores {
                for group in pass * GROUPS / PASSES..(pass + 1) * GROUPS / PASSES {
                    core.keys[group] = Vec::new();
                    core.counts[group] = Vec::new();
                }
            }
        }
        sort_and_drop_common(&mut postings, &mut buckets);
        Index::from_parts(
            corpus,
            persist::Parts {
                sentences,
                doc_starts,
                postings,
                buckets,
                shift,
                words,
            },
        )
    }

    fn from_parts(corpus: Corpus, parts: persist::Parts) -> Index {
        Index {
            corpus,
            sentences: parts.sentences,
            doc_starts: parts.doc_starts,
            postings: parts.postings,
            buckets: parts.buckets,
            shift: parts.shift,
            probes: AtomicU64::new(0),
            postings_read: AtomicU64::new(0),
            tokens: TokenCache::default(),
            words: parts.words,
        }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn sentence(&self, id: SentenceId) -> SourceSentence {
        let p = self.sentences[id as usize];
        SourceSentence {
            doc: self.doc_of(id),
            span: Span::new(p.start as usize, p.end as usize),
        }
    }

    /// The document holding sentence `id`: the last whose sentences start at or before it
    /// (documents without sentences start where the next one does, and are passed over).
    fn doc_of(&self, id: SentenceId) -> u32 {
        (self.doc_starts.partition_point(|&start| start <= id) - 1) as u32
    }

    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }

    pub fn document(&self, id: u32) -> &Document {
        &self.corpus.documents[id as usize]
    }

    /// The prose of a sentence.
    pub fn sentence_text(&self, id: SentenceId) -> &str {
        self.prose_of(self.sentence(id))
    }

    /// The prose of a sentence already looked up (finding its document again costs a search).
    pub fn prose_of(&self, sentence: SourceSentence) -> &str {
        sentence.span.slice(&self.document(sentence.doc).prose.text)
    }

    /// The sentence next to `id` in the same document, `delta` sentences away.
    pub fn neighbour(&self, id: SentenceId, delta: i64) -> Option<SentenceId> {
        let other = id as i64 + delta;
        if other < 0 || other as usize >= self.sentences.len() {
            return None;
        }
        let other = other as SentenceId;
        (self.doc_of(other) == self.doc_of(id)).then_some(other)
    }

    /// Sentences sharing the pair `key`, or nothing when the pair is too common to tell.
    pub fn lookup(&self, key: u32) -> &[SentenceId] {
        self.probes.fetch_add(1, Ordering::Relaxed);
        let b = (key >> self.shift) as usize;
        let bucket = self.buckets[b] as usize..self.buckets[b + 1] as usize;
        let low = &self.postings.low[bucket.clone()];
        let start = low.partition_point(|&k| k < key as u16);
        let end = start + low[start..].partition_point(|&k| k == key as u16);
        self.postings_read
            .fetch_add((end - start) as u64, Ordering::Relaxed);
        &self.postings.sentences[bucket.start + start..bucket.start + end]
    }

    /// Whether a content word of that stem stands anywhere in the corpus: one binary search.
    pub fn has_word(&self, stem: u64) -> bool {
        self.words.binary_search(&word_key(stem)).is_ok()
    }

    /// Whether some source sentence holds the content words of stems `a` then `b` side by side
    /// (as [`pair_keys`] pairs them: "14 witnesses", where a number is any of its band of
    /// values, [`text::pair_stem`]). False too for a pair too common to be
    /// stored (in more than [`MAX_POSTINGS`] sentences). One lookup.
    pub fn has_pair(&self, a: u64, b: u64) -> bool {
        !self.lookup(pair_key(a, b)).is_empty()
    }

    /// The tokens of `span` of document `doc`'s prose: `tokenize` of that text, remembered.
    /// Checks compare a draft sentence with source sentences by their tokens, and the same
    /// source sentences come back for every keystroke in a sentence and for drafts on one
    /// story.
    pub fn tokens(&self, doc: u32, span: Span) -> Arc<[Token]> {
        self.tokens.get(doc, span, || {
            tokenize(span.slice(&self.document(doc).prose.text)).into()
        })
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
            + self.doc_starts.capacity() * std::mem::size_of::<SentenceId>()
            + self.postings.low.capacity() * std::mem::size_of::<u16>()
            + self.postings.sentences.capacity() * std::mem::size_of::<SentenceId>()
            + self.buckets.capacity() * std::mem::size_of::<u32>()
    }
}

/// Token lists of source passages, in shards so that checks on several cores rarely wait for
/// one another. Each shard forgets everything when full: cheap, and what is used again comes
/// back at once.
struct TokenCache {
    shards: Vec<Mutex<TokenShard>>,
}

/// (document, start, end) -> the tokens of that span of its prose.
type TokenShard = FxHashMap<(u32, u32, u32), Arc<[Token]>>;

const TOKEN_SHARDS: usize = 16;

/// Passages remembered per shard at most (a passage's tokens take a kilobyte or two): a few
/// megabytes in all, plenty for the sentences around a writer's cursor.
const TOKEN_SHARD_LIMIT: usize = 256;

impl Default for TokenCache {
    fn default() -> Self {
        TokenCache {
            shards: (0..TOKEN_SHARDS).map(|_| Mutex::default()).collect(),
        }
    }
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenCache")
    }
}

impl TokenCache {
    fn get(&self, doc: u32, span: Span, make: impl FnOnce() -> Arc<[Token]>) -> Arc<[Token]> {
        let key = (doc, span.start as u32, span.end as u32);
        let shard = &self.shards[(key.1 as usize ^ key.0 as usize) % TOKEN_SHARDS];
        if let Some(hit) = shard.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return hit.clone();
        }
        let tokens = make();
        let mut shard = shard.lock().unwrap_or_else(|e| e.into_inner());
        if shard.len() >= TOKEN_SHARD_LIMIT {
            shard.clear();
        }
        shard.insert(key, tokens.clone());
        tokens
    }
}

/// Keys of adjacent content words (by stem) of a token sequence, with the index of the pair's
/// first token; then, for each number between two other content words, the key of those two
/// words, and the key of the number and the content word after next. The second kind lets a
/// changed figure ("had 20,000 cases" against "had 26,867 cases") still find the sentence it
/// contradicts: the words around a figure name it. The third finds what a number counts past
/// a word that describes it ("903 confirmed cases" are 903 cases).
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
    pairs.extend(
        (2..content.len())
            .filter(|&w| number(w - 2) && !number(w - 1) && !number(w))
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
    out.extend(
        stems
            .windows(3)
            .filter(|w| {
                let [n, a, b] = [w[0], w[1], w[2]].map(text::is_number_stem);
                n && !a && !b
            })
            .map(|w| pair_key(w[0], w[2])),
    );
}

/// The key of a pair of content stems; a number stands for its band of values
/// ([`text::pair_stem`]).
pub fn pair_key(a: u64, b: u64) -> u32 {
    let (a, b) = (text::pair_stem(a), text::pair_stem(b));
    let h = a.rotate_left(17) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h ^ (h >> 32)) as u32
}

/// How many of `keys` fall in each of the `2^bits` buckets.
fn bucket_counts(keys: &[Vec<u32>], bits: u32, shift: u32) -> Vec<u32> {
    let mut counts = vec![0u32; 1 << bits];
    for &key in keys.iter().flatten() {
        counts[(key >> shift) as usize] += 1;
    }
    counts
}

/// Buckets for about 32 postings each (a source byte makes about a tenth of a posting), and
/// never fewer than 2^16 (256 KiB of bounds), so that a key's low 16 bits tell it from the
/// others in its bucket.
fn bucket_bits(bytes: usize) -> u32 {
    let postings = (bytes / 10).max(1);
    (usize::BITS - (postings / 32).leading_zeros()).clamp(MIN_BUCKET_BITS, MAX_BUCKET_BITS)
}

const MIN_BUCKET_BITS: u32 = 16;
const MAX_BUCKET_BITS: u32 = 24;
// A posting's 16 low bits and its bucket's top bits must cover the whole key.
const _: () = assert!(MIN_BUCKET_BITS >= 16 && MAX_BUCKET_BITS <= 32);

/// Postings sorted by key within each bucket, as two arrays: the low 16 bits of each key
/// (the bucket, at least 16 top bits, holds the rest) and its sentence.
#[derive(Debug, Default, PartialEq, Eq)]
struct Postings {
    low: Vec<u16>,
    sentences: Vec<SentenceId>,
}

impl Postings {
    fn len(&self) -> usize {
        self.sentences.len()
    }
}

/// Units of work: runs of whole documents of about a megabyte, or of a sixty-fourth of the
/// corpus where that is less (down to [`MIN_UNIT_BYTES`]): a small corpus still keeps every
/// core busy, and the last unit, which one core works alone, is short.
fn units(documents: &[Document]) -> Vec<std::ops::Range<usize>> {
    let sizes = documents.iter().map(|d| d.prose.text.len() as u64);
    let unit = (sizes.clone().sum::<u64>() / 64).clamp(MIN_UNIT_BYTES, UNIT_BYTES);
    crate::corpus::runs(sizes, unit, usize::MAX)
}

const UNIT_BYTES: u64 = 1 << 20;
const MIN_UNIT_BYTES: u64 = 16 << 10;

/// What one core made of the units it took, one unit after the other: their sentences, and
/// the pair keys of each sentence in turn, `counts[i]` of them for sentence `i` (half the size
/// of (key, sentence) pairs: these are all held at once until the merge). One growing buffer
/// per core, not one per unit: a hundred buffers growing side by side leave the allocator
/// holes that added a tenth of the corpus to the peak.
///
/// The keys are kept apart by their top three bits, [`GROUPS`] ways, for the scatter to take
/// a quarter at a time and each core half of that; each sentence has a count for each group
/// (at most [`u8::MAX`], past which a sentence's keys of that group are left out: a sentence
/// of [`text::sentences::MAX_SENTENCE_BYTES`] has at most about 1,400 pairs, of words of two
/// letters, 170 to a group; prose of that length has about 400).
struct CoreOutput {
    sentences: Vec<Packed>,
    /// How many sentences each document has, for each document of the core's units.
    doc_sentences: Vec<u32>,
    keys: [Vec<u32>; GROUPS],
    counts: [Vec<u8>; GROUPS],
    /// The content stems of the core's sentences as [`word_key`]s, each once (the keyer's,
    /// at the end).
    words: Vec<u32>,
}

impl CoreOutput {
    /// Adds a sentence and its pair keys, each key once, each to its group.
    fn push_sentence(&mut self, sentence: Packed, keys: &mut Vec<u32>) {
        self.sentences.push(sentence);
        drop_repeats(keys);
        let mut counts = [0u8; GROUPS];
        for &key in keys.iter() {
            let group = (key >> GROUP_SHIFT) as usize;
            if counts[group] < u8::MAX {
                self.keys[group].push(key);
                counts[group] += 1;
            }
        }
        for (counts, count) in self.counts.iter_mut().zip(counts) {
            counts.push(count);
        }
    }

    /// Room for what a core makes of about `bytes` of prose in `documents` sources, reserved
    /// at once. Buffers that double as they fill leave the allocator a trail of freed smaller
    /// ones (a tenth of the corpus, at 100 MB); room reserved and not used costs only address
    /// space, since memory is not given until written.
    fn for_about(bytes: usize, documents: usize) -> Self {
        // Prose runs to about a sentence per 100 bytes and a pair key per 12 (these are
        // generous: a buffer that fills still grows).
        let sentences = bytes / 64;
        CoreOutput {
            sentences: Vec::with_capacity(sentences),
            doc_sentences: Vec::with_capacity(documents),
            keys: std::array::from_fn(|_| Vec::with_capacity(bytes / 8 / GROUPS)),
            counts: std::array::from_fn(|_| Vec::with_capacity(sentences)),
            words: Vec::new(),
        }
    }
}

/// Removes the keys met before in `keys`, keeping the order of the rest.
///
/// A sentence repeats a pair rarely: a bit per key's low six bits says which keys may have
/// been met, and only those are looked for among the keys kept (sorting every sentence's keys
/// to find the repeats was a twentieth of the index's time). Past [`SMALL_SENTENCE_KEYS`] keys
/// the bits would all be set, and the keys are sorted instead.
fn drop_repeats(keys: &mut Vec<u32>) {
    if keys.len() > SMALL_SENTENCE_KEYS {
        keys.sort_unstable();
        keys.dedup();
        return;
    }
    let mut seen = 0u64;
    let mut kept = 0;
    for i in 0..keys.len() {
        let key = keys[i];
        let bit = 1u64 << (key & 63);
        if seen & bit != 0 && keys[..kept].contains(&key) {
            continue;
        }
        seen |= bit;
        keys[kept] = key;
        kept += 1;
    }
    keys.truncate(kept);
}

const SMALL_SENTENCE_KEYS: usize = 64;

/// The scatter's passes over the key space, each over the keys of one value of their top two
/// bits (and so over a quarter of the buckets, which the keys' top bits number).
const PASSES: usize = 4;
/// Each pass's keys in two groups by their next bit, one for each core to place (and so each
/// over its own eighth of the buckets).
const GROUPS: usize = PASSES * 2;
const GROUP_SHIFT: u32 = 32 - GROUPS.trailing_zeros();
const _: () = assert!(GROUPS.is_power_of_two() && GROUPS.trailing_zeros() <= MIN_BUCKET_BITS);

/// Where a unit's output is: which core's, and the ranges of its sentences (and counts) and
/// of its keys of each group there.
struct UnitOutput {
    core: usize,
    sentences: std::ops::Range<usize>,
    documents: std::ops::Range<usize>,
    keys: [std::ops::Range<usize>; GROUPS],
}

/// One unit's counts and keys of one group, sentence ids counted from the unit's first.
struct Part<'a> {
    counts: &'a [u8],
    keys: &'a [u32],
}

/// Puts every part's (key, sentence) into its bucket's next free place in `low` and `ids`
/// (the postings of the buckets of `range`, where all the parts' keys fall), sentences
/// numbered from each part's base.
fn scatter(
    parts: &[Part],
    bases: &[u32],
    buckets: &[u32],
    range: std::ops::Range<usize>,
    shift: u32,
    low: &mut [u16],
    ids: &mut [u32],
) {
    let base_slot = buckets[range.start];
    let mut next: Vec<u32> = buckets[range.clone()]
        .iter()
        .map(|&b| b - base_slot)
        .collect();
    for (part, &base) in parts.iter().zip(bases) {
        let mut keys = part.keys.iter();
        for (local, &count) in part.counts.iter().enumerate() {
            for &key in keys.by_ref().take(usize::from(count)) {
                let b = (key >> shift) as usize;
                debug_assert!(range.contains(&b));
                let slot = &mut next[b - range.start];
                low[*slot as usize] = key as u16;
                ids[*slot as usize] = base + local as u32;
                *slot += 1;
            }
        }
    }
}

/// Indexes the units on every core, each core taking the next unit when done: what each core
/// made, and where each unit's output is, in unit order.
fn parallel_units(
    documents: &[Document],
    units: &[std::ops::Range<usize>],
) -> (Vec<CoreOutput>, Vec<UnitOutput>) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(units.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, UnitOutput)>> = Mutex::new(Vec::with_capacity(units.len()));
    let bytes: usize = documents.iter().map(|d| d.prose.text.len()).sum();
    let (bytes, documents_each) = (bytes / threads, documents.len() / threads);
    let cores = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|core| {
                let (next, done) = (&next, &done);
                scope.spawn(move || {
                    let mut keyer = Keyer::new(MEMO_LIMIT, bytes);
                    let mut out = CoreOutput::for_about(bytes, documents_each);
                    loop {
                        let u = next.fetch_add(1, Ordering::Relaxed);
                        let Some(range) = units.get(u) else {
                            out.words = keyer.vocabulary.into_iter().map(word_key).collect();
                            return out;
                        };
                        let unit = index_unit(documents, range.clone(), &mut keyer, &mut out, core);
                        done.lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push((u, unit));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|(u, _)| *u);
    (cores, done.into_iter().map(|(_, unit)| unit).collect())
}

/// Indexes the documents of `range` into `part`, the output of core `core`.
fn index_unit<'t>(
    documents: &'t [Document],
    range: std::ops::Range<usize>,
    keyer: &mut Keyer<'t>,
    part: &mut CoreOutput,
    core: usize,
) -> UnitOutput {
    let first_sentence = part.sentences.len();
    let first_document = part.doc_sentences.len();
    let first_keys = part.keys.each_ref().map(Vec::len);
    let mut keys = Vec::new();
    let mut segments = Vec::new();
    for doc in &documents[range] {
        let before = part.sentences.len();
        for block in doc.prose.blocks() {
            segments.clear();
            text::block_segments(&doc.prose, block, &mut segments);
            for segment in &segments {
                // Offsets are stored in 32 bits; sources are capped far below 4 GiB on load, and a
                // sentence beyond that (only from an in-memory text) is left out of the index.
                let (Ok(start), Ok(end)) = (
                    u32::try_from(segment.span.start),
                    u32::try_from(segment.span.end),
                ) else {
                    continue;
                };
                keys.clear();
                keyer.keys(segment.span.slice(&doc.prose.text), &mut keys);
                part.push_sentence(Packed { start, end }, &mut keys);
            }
        }
        part.doc_sentences
            .push((part.sentences.len() - before) as u32);
    }
    UnitOutput {
        core,
        sentences: first_sentence..part.sentences.len(),
        documents: first_document..part.doc_sentences.len(),
        keys: std::array::from_fn(|group| first_keys[group]..part.keys[group].len()),
    }
}

/// A stem as the index's vocabulary keeps it: its top 32 bits. Half the memory of the whole
/// stem (a few megabytes at 100 MB of prose, at the index's peak). Against a vocabulary of
/// a million stems, a word the corpus lacks shares a key with one of them with a chance of
/// about one in four thousand, and is then taken as present: an `unsupported` finding is
/// missed, never made.
pub(crate) fn word_key(stem: u64) -> u32 {
    (stem >> 32) as u32
}

/// Chunks remembered per core at most; past it, new chunks are tokenised each time they come
/// (the memo already holds the common words: they come early). Seven eighths of a power of
/// two: a hash table holds that many in as many buckets, and one more would double it.
const MEMO_LIMIT: usize = (1 << 18) / 8 * 7;

/// The longest chunk kept in a memo key of its own bytes.
const SHORT_CHUNK: usize = 15;

/// What the memo knows of a chunk: the stems of its content tokens, in order. One stem (most
/// chunks) is held in place; more are in [`Keyer::stems`] from `start`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Chunk {
    stem: u64,
    start: u32,
    count: u32,
}

/// What [`Keyer::pass`] returns: no stems to add (they were added), and not to be remembered.
const PASSED: Chunk = Chunk {
    stem: 0,
    start: u32::MAX,
    count: 0,
};

/// Pair keys of source sentences, tokenising each distinct whitespace-separated chunk once.
struct Keyer<'t> {
    /// Short chunks remembered at most (a quarter as many long ones).
    limit: usize,
    /// The chunks met most recently, in a table small enough to stay in the core's cache: the
    /// common words of prose are most of its words, and a lookup in `short` (megabytes, spread
    /// at random) is a cache miss.
    hot: Vec<HotSet>,
    /// Chunks of up to [`SHORT_CHUNK`] bytes, keyed by their bytes and length packed in a
    /// `u128`: a lookup reads no source text, which would be a cache miss per word.
    short: FxHashMap<u128, Chunk>,
    long: FxHashMap<&'t str, Chunk>,
    /// Content stems of memoised chunks with more than one.
    stems: Vec<u64>,
    /// The sentence's content stems.
    sentence: Vec<u64>,
    /// Every content stem met: each new chunk's once, and a chunk passed without memo each
    /// time (the rare words past the memo's limit); and the number of each figure glued to
    /// its unit or scale ([`text::glued_number_stems`]).
    vocabulary: FxHashSet<u64>,
}

impl Keyer<'_> {
    /// A keyer remembering at most `limit` short chunks, for about `bytes` of prose.
    ///
    /// Its tables are made at once at the size the prose will need (about a new chunk per 128
    /// bytes, up to the limit): a table that doubles leaves its old self to the allocator, and
    /// a table made bigger than needed is all in memory anyway once its few entries are
    /// scattered over it.
    fn new(limit: usize, bytes: usize) -> Self {
        let room = limit.min(bytes / 128);
        Keyer {
            limit,
            hot: vec![HotSet::default(); HOT_SETS],
            short: FxHashMap::with_capacity_and_hasher(room, Default::default()),
            long: FxHashMap::with_capacity_and_hasher(room / 4, Default::default()),
            stems: Vec::new(),
            sentence: Vec::new(),
            vocabulary: FxHashSet::default(),
        }
    }
}

/// Sets of the hot table: 4096 sets of two chunks, 256 KiB.
const HOT_SETS: usize = 1 << 12;

/// Two chunks whose keys hash to the same set, the one used last first; a key of 0 (no chunk
/// packs to it: the length byte of a chunk is never 0) is an empty way. One cache line.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct HotSet {
    keys: [u128; 2],
    chunks: [Chunk; 2],
}

impl HotSet {
    fn get(&mut self, key: u128) -> Option<Chunk> {
        if self.keys[0] == key {
            return Some(self.chunks[0]);
        }
        if self.keys[1] == key {
            self.keys.swap(0, 1);
            self.chunks.swap(0, 1);
            return Some(self.chunks[0]);
        }
        None
    }

    /// Makes `key` the most recent chunk of the set; the least recent one leaves.
    fn put(&mut self, key: u128, chunk: Chunk) {
        self.keys[1] = self.keys[0];
        self.chunks[1] = self.chunks[0];
        self.keys[0] = key;
        self.chunks[0] = chunk;
    }
}

/// The hot set of a packed key.
fn hot_set(key: u128) -> usize {
    let h =
        ((key as u64) ^ ((key >> 64) as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - HOT_SETS.trailing_zeros())) as usize
}

/// A chunk without the punctuation around it: "(said," is "said", so the memo learns a word
/// once, not once per way it is punctuated. What is cut adds no token and changes none: a
/// token starts and ends at a letter or digit (or is a percent sign, which stays), and a mark
/// at the chunk's edge joins nothing (apostrophes, hyphens and decimal points join only
/// between letters or digits, and white space is beyond the edge).
fn trim_chunk(chunk: &str) -> &str {
    let cut = |c: char| !c.is_alphanumeric() && c != '%';
    // Most chunks are bare words, or words with ASCII marks at their edges: those are cut
    // bytewise, and only a character beyond ASCII at an edge (a curly quote, a dash) is
    // decoded.
    let bytes = chunk.as_bytes();
    let ascii_cut = |b: u8| b.is_ascii() && cut(char::from(b));
    let start = bytes
        .iter()
        .position(|&b| !ascii_cut(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !ascii_cut(b))
        .map_or(start, |e| e + 1);
    // Cut at ASCII bytes: both ends are character boundaries.
    let rest = Span::new(start, end).slice(chunk);
    let edges = rest.as_bytes();
    if edges.first().is_none_or(u8::is_ascii) && edges.last().is_none_or(u8::is_ascii) {
        rest
    } else {
        rest.trim_matches(cut)
    }
}

/// The chunk of `text` at `at` (at most [`SHORT_CHUNK`] bytes) as a key: its bytes, and its
/// length in the top byte (so "a" and "a\0" differ).
fn pack(text: &[u8], at: std::ops::Range<usize>) -> u128 {
    let len = at.len();
    debug_assert!(len <= SHORT_CHUNK);
    // One 16-byte load with the bytes past the chunk masked off, where the text goes on that
    // far (nearly always): a copy of a few bytes costs a call.
    let bytes = match text.get(at.start..at.start + 16) {
        Some(sixteen) => {
            let word = u128::from_le_bytes(sixteen.try_into().expect("16 bytes"));
            word & ((1u128 << (8 * len)) - 1)
        }
        None => {
            let mut bytes = [0u8; 16];
            bytes[..len].copy_from_slice(&text[at]);
            u128::from_le_bytes(bytes)
        }
    };
    bytes | (len as u128) << 120
}

impl<'t> Keyer<'t> {
    /// The keys of [`pair_keys`] over `tokenize(sentence)`, in order.
    ///
    /// The sentence is cut at ASCII white space. No token crosses white space, and a token's
    /// stem and class depend on its own characters only, so the content stems of the chunks,
    /// in order, are those of the whole sentence. (A chunk may hold other white space, such as
    /// a no-break space: it is tokenised whole, which splits there as the sentence would.)
    /// Each chunk is looked up without its surrounding punctuation ([`trim_chunk`]).
    fn keys(&mut self, sentence: &'t str, out: &mut Vec<u32>) {
        #[cfg(debug_assertions)]
        let before = out.len();
        self.sentence.clear();
        let bytes = sentence.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if bytes[at].is_ascii_whitespace() {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            // Cut at ASCII bytes only: both ends are character boundaries.
            let chunk = trim_chunk(Span::new(start, at).slice(sentence));
            if chunk.is_empty() {
                continue;
            }
            let found = if chunk.len() <= SHORT_CHUNK {
                let offset = chunk.as_ptr() as usize - sentence.as_ptr() as usize;
                let key = pack(bytes, offset..offset + chunk.len());
                let set = hot_set(key);
                match self.hot[set].get(key) {
                    Some(c) => c,
                    None => {
                        let c = match self.short.get(&key) {
                            Some(&c) => c,
                            None if self.short.len() < self.limit => {
                                let c = self.learn(chunk);
                                self.short.insert(key, c);
                                c
                            }
                            None => self.pass(chunk),
                        };
                        // A chunk passed without memo added its stems already: not hot.
                        if c != PASSED {
                            self.hot[set].put(key, c);
                        }
                        c
                    }
                }
            } else {
                match self.long.get(chunk) {
                    Some(&c) => c,
                    None if self.long.len() < self.limit / 4 => {
                        let c = self.learn(chunk);
                        self.long.insert(chunk, c);
                        c
                    }
                    None => self.pass(chunk),
                }
            };
            match found.count {
                0 => {}
                1 => self.sentence.push(found.stem),
                n => self.sentence.extend_from_slice(
                    &self.stems[found.start as usize..(found.start + n) as usize],
                ),
            }
        }
        keys_of_stems(&self.sentence, out);
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

    /// Tokenises a chunk the memo does not hold.
    fn learn(&mut self, chunk: &str) -> Chunk {
        let start = self.stems.len();
        text::content_stems(chunk, |stem| self.stems.push(stem));
        self.vocabulary.extend(&self.stems[start..]);
        self.add_glued_numbers(chunk);
        let count = (self.stems.len() - start) as u32;
        let stem = self.stems.get(start).copied().unwrap_or(0);
        if count <= 1 {
            self.stems.truncate(start);
        }
        Chunk {
            stem,
            start: start as u32,
            count,
        }
    }

    /// Tokenises a chunk without remembering it (the memo is full): its stems go straight to
    /// the sentence, and the chunk returned ([`PASSED`]) adds none.
    fn pass(&mut self, chunk: &str) -> Chunk {
        let start = self.sentence.len();
        text::content_stems(chunk, |stem| self.sentence.push(stem));
        self.vocabulary.extend(&self.sentence[start..]);
        self.add_glued_numbers(chunk);
        PASSED
    }

    /// The numbers a chunk states glued to their unit or scale join the vocabulary (not the
    /// pair keys): [`Index::has_word`] then finds "1.8m" for a draft's "1.8 million".
    fn add_glued_numbers(&mut self, chunk: &str) {
        text::glued_number_stems(chunk, |stem| {
            self.vocabulary.insert(stem);
        });
    }
}

/// Sorts each bucket of `postings` (bounded by `buckets`) by key, then sentence, and removes
/// the postings of keys held by more than [`MAX_POSTINGS`] sentences (a lookup never returns
/// them), moving the bucket bounds to match. Within a bucket the low 16 bits order the keys:
/// the rest is the bucket's.
///
/// Each core takes a piece of the buckets and writes what it keeps to the front of its piece,
/// while the bucket it sorts is in its cache; the pieces then move together.
fn sort_and_drop_common(postings: &mut Postings, buckets: &mut [u32]) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let last = buckets.len() - 1;
    let total = postings.len();
    // Cut at bucket starts into pieces of about equal postings, one per core.
    let mut cuts = vec![0];
    for t in 1..threads {
        let target = (total * t / threads) as u32;
        let b = buckets.partition_point(|&start| start < target).min(last);
        if b > *cuts.last().unwrap_or(&0) {
            cuts.push(b);
        }
    }
    if *cuts.last().unwrap_or(&0) < last {
        cuts.push(last);
    }
    let mut keys: &mut [u16] = &mut postings.low;
    let mut ids: &mut [u32] = &mut postings.sentences;
    // Each piece's kept postings and where each of its buckets now starts, from the piece's
    // start.
    let pieces: Vec<(usize, Vec<u32>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = cuts
            .windows(2)
            .map(|cut| {
                let bounds = &buckets[cut[0]..=cut[1]];
                let base = bounds[0] as usize;
                let len = bounds[bounds.len() - 1] as usize - base;
                let (piece_keys, rest_keys) = std::mem::take(&mut keys).split_at_mut(len);
                let (piece_ids, rest_ids) = std::mem::take(&mut ids).split_at_mut(len);
                (keys, ids) = (rest_keys, rest_ids);
                scope.spawn(move || sort_and_drop_piece(piece_keys, piece_ids, bounds))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let Postings { low, sentences } = postings;
    let mut write = 0;
    for (cut, (kept, starts)) in cuts.windows(2).zip(pieces) {
        let from = buckets[cut[0]] as usize;
        low.copy_within(from..from + kept, write);
        sentences.copy_within(from..from + kept, write);
        for (bucket, start) in buckets[cut[0]..cut[1]].iter_mut().zip(starts) {
            *bucket = (write as u32) + start;
        }
        write += kept;
    }
    buckets[last] = write as u32;
    low.truncate(write);
    low.shrink_to_fit();
    sentences.truncate(write);
    sentences.shrink_to_fit();
}

/// [`sort_and_drop_common`] of one piece of the postings, its buckets bounded by `bounds`
/// (from the start of all postings): how many postings it keeps, at its front, and where
/// each of its buckets starts among them.
fn sort_and_drop_piece(keys: &mut [u16], ids: &mut [u32], bounds: &[u32]) -> (usize, Vec<u32>) {
    let base = bounds[0] as usize;
    let mut starts = Vec::with_capacity(bounds.len() - 1);
    let mut pairs: Vec<u64> = Vec::new();
    let mut write = 0;
    for w in bounds.windows(2) {
        starts.push(write as u32);
        let range = w[0] as usize - base..w[1] as usize - base;
        pairs.clear();
        pairs.extend(
            keys[range.clone()]
                .iter()
                .zip(&ids[range])
                .map(|(&k, &i)| (u64::from(k) << 32) | u64::from(i)),
        );
        pairs.sort_unstable();
        // The bucket is copied out: what is kept may be written over it.
        for run in pairs.chunk_by(|a, b| a >> 32 == b >> 32) {
            if run.len() > MAX_POSTINGS {
                continue;
            }
            for &pair in run {
                (keys[write], ids[write]) = ((pair >> 32) as u16, pair as u32);
                write += 1;
            }
        }
    }
    (write, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_lose_the_marks_at_their_edges() {
        let trimmed = [
            ("said", "said"),
            ("(said,", "said"),
            ("“Didn’t", "Didn’t"),
            ("‘no’?", "no"),
            ("«Non»", "Non"),
            ("—", ""),
            ("...", ""),
            ("5%)", "5%"),
            ("-3.5.", "3.5"),
            ("“(é)”", "é"),
            ("x", "x"),
        ];
        for (chunk, word) in trimmed {
            assert_eq!(trim_chunk(chunk), word, "{chunk:?}");
        }
    }

    #[test]
    fn a_small_corpus_is_still_cut_into_units_for_every_core() {
        let text = "Words of a story. ".repeat(1024 / 18);
        let texts: Vec<(String, &str)> =
            (0..100).map(|d| (format!("{d}.txt"), &text[..])).collect();
        let corpus = Corpus::from_texts(texts.iter().map(|(n, t)| (n.as_str(), *t)));
        let units = units(&corpus.documents);
        // 100 KB: units of the 16 KB floor (17 documents of 1,008 bytes), not one unit.
        assert_eq!(units.len(), 6);
        assert_eq!(units[0], 0..17);
        assert_eq!(units.last(), Some(&(85..100)));
    }

    #[test]
    fn a_sentence_keeps_each_of_its_keys_once() {
        // 5, 69 and 133 share their low six bits.
        let mut keys = vec![5, 69, 5, 133, 69, 7];
        drop_repeats(&mut keys);
        assert_eq!(keys, [5, 69, 133, 7]);
        let mut many: Vec<u32> = (0..200).chain(0..200).rev().collect();
        drop_repeats(&mut many);
        assert_eq!(many, (0..200).collect::<Vec<_>>());
    }

    #[test]
    fn a_changed_figure_still_finds_its_sentence() {
        let index = Index::build(Corpus::from_texts([(
            "a.txt",
            "Massachusetts had 26,867 cases and 844 deaths.",
        )]));
        let draft = tokenize("Massachusetts had 20,000 cases.");
        let found: Vec<SentenceId> = pair_keys(&draft)
            .flat_map(|(key, _)| index.lookup(key).iter().copied())
            .collect();
        assert_eq!(found, vec![0]);
    }

    #[test]
    fn a_number_finds_its_noun_past_a_word_that_describes_it() {
        let index = Index::build(Corpus::from_texts([(
            "a.txt",
            "There have been 903 confirmed cases and 18 recoveries.",
        )]));
        let draft = tokenize("Officials counted 903 cases.");
        let found: Vec<SentenceId> = pair_keys(&draft)
            .flat_map(|(key, _)| index.lookup(key).iter().copied())
            .collect();
        assert_eq!(
            found,
            vec![0],
            "the source's 903 confirmed cases are 903 cases"
        );
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
            .flat_map(|(k, _)| index.lookup(k).iter().copied())
            .collect();
        assert_eq!(hits, [0]);
        assert_eq!(index.probes(), 2);
    }

    #[test]
    fn sentences_know_their_documents_past_documents_without_any() {
        let index = Index::build(Corpus::from_texts([
            ("a.txt", "One here."),
            ("empty.txt", ""),
            ("blank.txt", "\n\n"),
            ("d.txt", "Two here. Three here."),
            ("last-empty.txt", ""),
        ]));
        let docs: Vec<u32> = (0..3).map(|id| index.sentence(id).doc).collect();
        assert_eq!(docs, [0, 3, 3]);
        assert_eq!(index.sentence_text(2), "Three here.");
        assert_eq!(index.neighbour(0, 1), None);
        assert_eq!(index.neighbour(1, 1), Some(2));
        assert_eq!(index.neighbour(2, 1), None);
    }

    #[test]
    fn remembered_tokens_are_the_tokens_of_the_text() {
        let index = Index::build(Corpus::from_texts([
            ("a.txt", "First here. “Quoted,” she said of the 3.5% rise."),
            ("b.txt", "Other text."),
        ]));
        let s = index.sentence(1);
        let fresh = tokenize(index.sentence_text(1));
        assert_eq!(&index.tokens(s.doc, s.span)[..], &fresh[..]);
        // Again, from the cache; and a span across both sentences is its own entry.
        assert_eq!(&index.tokens(s.doc, s.span)[..], &fresh[..]);
        let both = index.sentence(0).span.join(s.span);
        let text = both.slice(&index.document(0).prose.text);
        assert_eq!(&index.tokens(0, both)[..], &tokenize(text)[..]);
    }

    #[test]
    fn the_index_holds_every_pair_of_every_sentence_and_nothing_else() {
        // Over a megabyte: both cores take units, and every group of keys the scatter takes
        // has some.
        let texts: Vec<(String, String)> = (0..40)
            .map(|d| {
                let text = (0..600)
                    .map(|s| {
                        format!(
                            "Report {d} said {} officials met on day {s} in city {}. ",
                            s * 7 % 13,
                            d * s % 97
                        )
                    })
                    .collect();
                (format!("d{d}.txt"), text)
            })
            .collect();
        let corpus = Corpus::from_texts(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        assert!(units(&corpus.documents).len() > 1);
        let index = Index::build(corpus);
        assert_eq!(index.sentence_count(), 40 * 600);
        let mut expected: std::collections::BTreeMap<u32, Vec<SentenceId>> = Default::default();
        for id in 0..index.sentence_count() as SentenceId {
            let mut keys: Vec<u32> = pair_keys(&tokenize(index.sentence_text(id)))
                .map(|(k, _)| k)
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                expected.entry(key).or_default().push(id);
            }
        }
        expected.retain(|_, ids| ids.len() <= MAX_POSTINGS);
        let groups: std::collections::BTreeSet<u32> =
            expected.keys().map(|k| k >> GROUP_SHIFT).collect();
        assert_eq!(groups.len(), GROUPS);
        for (&key, ids) in &expected {
            assert_eq!(index.lookup(key), &ids[..], "key {key:#x}");
        }
        let held: usize = expected.values().map(Vec::len).sum();
        assert_eq!(index.postings.len(), held);
    }

    #[test]
    fn common_keys_leave_every_piece_of_the_buckets() {
        // Buckets of (low key, count): keys 1 and 7 are too common. The cores' pieces are cut
        // after the first bucket, so what the second keeps moves down.
        let layout: [&[(u16, usize)]; 4] = [
            &[(1, MAX_POSTINGS + 1), (2, 3)],
            &[(5, 2)],
            &[(7, MAX_POSTINGS + 1)],
            &[(9, 1)],
        ];
        let mut postings = Postings::default();
        let mut buckets = vec![0];
        for bucket in layout {
            // Sentences in falling order, keys interleaved: the sort has work to do.
            let mut ids: Vec<(u16, u32)> = bucket
                .iter()
                .flat_map(|&(key, n)| (0..n as u32).map(move |id| (key, id)))
                .collect();
            ids.sort_by_key(|&(key, id)| (std::cmp::Reverse(id), key));
            postings.low.extend(ids.iter().map(|&(key, _)| key));
            postings.sentences.extend(ids.iter().map(|&(_, id)| id));
            buckets.push(postings.len() as u32);
        }
        sort_and_drop_common(&mut postings, &mut buckets);
        assert_eq!(buckets, [0, 3, 5, 5, 6]);
        assert_eq!(postings.low, [2, 2, 2, 5, 5, 9]);
        assert_eq!(postings.sentences, [0, 1, 2, 0, 1, 0]);
    }

    /// Text that tests where a chunk's tokens could differ from the sentence's: no-break and
    /// other Unicode spaces, CRLF, tabs, percent signs, clitics, hyphens and decimal points at
    /// a chunk's edge, quotes, emoji, and chunks longer than a memo key.
    const TRICKY: &str = "It rose 91.5 % to\u{a0}US$1,200\u{2003}in May\r\nand may fall. \
        “Didn’t\tthey-” say ‘no’? The re-election of O’Neill’s 15-page\u{85}plan, \
        counter-counter-intelligence-operations and https://example.org/a-long/path.html, \
        cost £3.5bn (about 😀 4 billion) - - 'n't' ... 1,000,000% mid-\u{2028}word, \
        the students’ (1,000), U.S.-based -3.5. «Non» ‐hyphen ’tis %s 5%. 7%) (%";

    #[test]
    fn memoised_keys_are_the_keys_of_the_whole_sentence() {
        for limit in [0, 3, MEMO_LIMIT] {
            let mut keyer = Keyer::new(limit, TRICKY.len());
            for sentence in [TRICKY, TRICKY, &TRICKY[9..], "May may MAY"] {
                let mut keys = Vec::new();
                keyer.keys(sentence, &mut keys);
                let whole: Vec<u32> = pair_keys(&tokenize(sentence)).map(|(k, _)| k).collect();
                assert_eq!(keys, whole, "limit {limit}: {sentence:?}");
            }
        }
    }

    #[test]
    fn the_vocabulary_is_every_content_stem_whatever_the_memo_holds() {
        let sentences = [
            TRICKY,
            TRICKY,
            &TRICKY[9..],
            "May may MAY",
            "Beijing favoured Trump.",
            "It cost £1.8m, at 70mph.",
        ];
        let mut expected = FxHashSet::default();
        for sentence in sentences {
            text::content_stems(sentence, |stem| {
                expected.insert(stem);
            });
        }
        // The glued figures' numbers, which no token's stem is, read from the chunks as the
        // keyer cuts them: "70mph" as 70, "£1.8m" as 1.8 (its sign cut off with the chunk's
        // edge, "1.8m" might be metres: a draft's "£1.8 million" is looked for as 1.8 too).
        for sentence in sentences {
            for chunk in sentence.split(|c: char| c.is_ascii_whitespace()) {
                text::glued_number_stems(trim_chunk(chunk), |stem| {
                    expected.insert(stem);
                });
            }
        }
        for value in [1.8, 70.0] {
            assert!(expected.contains(&text::number_stem(value)), "{value}");
        }
        // 0: every chunk passes without memo; 3: some are learnt, the rest pass.
        for limit in [0, 3, MEMO_LIMIT] {
            let mut keyer = Keyer::new(limit, TRICKY.len());
            for sentence in sentences {
                keyer.keys(sentence, &mut Vec::new());
            }
            assert_eq!(keyer.vocabulary, expected, "limit {limit}");
        }
    }
}
