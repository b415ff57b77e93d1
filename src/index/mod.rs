//! The corpus index: every source sentence, and a hashed index from pairs of adjacent content
//! words to the sentences holding them.
//!
//! Pairs rather than longer shingles because a single changed word (a swapped name or number)
//! must still find the source sentence it contradicts: "China preferred Trump" shares
//! "China preferred" with "China preferred Biden", and no trigram. Pairs so common that they
//! say nothing about a passage are skipped at query time, which bounds the work per sentence
//! whatever the corpus size.

use std::sync::atomic::{AtomicU64, Ordering};

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

#[derive(Debug)]
pub struct Index {
    corpus: Corpus,
    sentences: Vec<SourceSentence>,
    /// (pair key, sentence) sorted by key.
    postings: Vec<(u32, SentenceId)>,
    probes: AtomicU64,
}

impl Index {
    pub fn build(corpus: Corpus) -> Index {
        let per_doc: Vec<(Vec<SourceSentence>, Vec<(u32, u32)>)> =
            parallel_map(&corpus.documents, |(doc_id, doc)| {
                index_document(doc_id as u32, doc)
            });
        let mut sentences = Vec::new();
        let mut postings = Vec::new();
        for (doc_sentences, doc_postings) in per_doc {
            let base = sentences.len() as u32;
            sentences.extend(doc_sentences);
            postings.extend(doc_postings.into_iter().map(|(k, s)| (k, s + base)));
        }
        postings.sort_unstable();
        postings.dedup();
        Index {
            corpus,
            sentences,
            postings,
            probes: AtomicU64::new(0),
        }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn sentence(&self, id: SentenceId) -> SourceSentence {
        self.sentences[id as usize]
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
        (self.sentence(other).doc == self.sentence(id).doc).then_some(other)
    }

    /// Sentences sharing the pair `key`, or nothing when the pair is too common to tell.
    pub fn lookup(&self, key: u32) -> &[(u32, SentenceId)] {
        self.probes.fetch_add(1, Ordering::Relaxed);
        let start = self.postings.partition_point(|(k, _)| *k < key);
        let end = start + self.postings[start..].partition_point(|(k, _)| *k == key);
        if end - start > MAX_POSTINGS {
            &[]
        } else {
            &self.postings[start..end]
        }
    }

    /// How many index lookups were made so far: work per edit must not grow with the corpus.
    pub fn probes(&self) -> u64 {
        self.probes.load(Ordering::Relaxed)
    }

    /// Bytes held by the index structures, not counting the source texts.
    pub fn index_bytes(&self) -> usize {
        self.sentences.len() * std::mem::size_of::<SourceSentence>()
            + self.postings.len() * std::mem::size_of::<(u32, SentenceId)>()
    }
}

/// Keys of adjacent content words (by stem) of a token sequence, with the index of the pair's
/// first token.
pub fn pair_keys(tokens: &[Token]) -> impl Iterator<Item = (u32, usize)> + '_ {
    let content: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].is_content())
        .collect();
    (1..content.len()).map(move |w| {
        let (a, b) = (&tokens[content[w - 1]], &tokens[content[w]]);
        (pair_key(a.stem, b.stem), content[w - 1])
    })
}

fn pair_key(a: u64, b: u64) -> u32 {
    let h = a.rotate_left(17) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h ^ (h >> 32)) as u32
}

fn index_document(doc_id: u32, doc: &Document) -> (Vec<SourceSentence>, Vec<(u32, u32)>) {
    let mut sentences = Vec::new();
    let mut postings = Vec::new();
    for segment in text::segments(&doc.prose) {
        let id = sentences.len() as u32;
        sentences.push(SourceSentence {
            doc: doc_id,
            span: segment.span,
        });
        let tokens = tokenize(segment.span.slice(&doc.prose.text));
        postings.extend(pair_keys(&tokens).map(|(k, _)| (k, id)));
    }
    (sentences, postings)
}

/// Maps `f` over `items` on all cores, keeping order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn((usize, &T)) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    if threads <= 1 {
        return items.iter().enumerate().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                let f = &f;
                scope.spawn(move || {
                    part.iter()
                        .enumerate()
                        .map(|(i, t)| f((c * chunk + i, t)))
                        .collect::<Vec<R>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an indexing thread panicked"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
