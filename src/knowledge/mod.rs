//! What a verifier knows about English and the world before it reads a corpus: lemmas,
//! synonyms, antonyms and derivations ([`wordnet`], [`lemma`]), countries with their names,
//! demonyms, capitals and seats of government ([`places`]), titles and roles ([`titles`]),
//! and numbers in all their written forms ([`numbers`]).
//!
//! The data is not written by hand. It is derived by `scripts/build-knowledge.py` from
//! maintained sources and committed under `data/knowledge/` (with the sources' licences), so
//! `cargo build` needs no network and nothing is fetched at run time:
//!
//! - Princeton WordNet 3.0, as Debian's `wordnet-base` ships it: the lexical database of
//!   English that every NLP toolkit's lemmatiser (morphy) and thesaurus is built on, with
//!   its exception lists of irregular forms. Chosen over Open English WordNet because no
//!   registry reachable from a build ships OEWN's data, and over a WordNet crate because
//!   none on crates.io embeds the database. Its licence allows redistribution with the
//!   notice, `data/knowledge/LICENSE-WordNet`.
//! - world-countries 5.1.0 (npm, ODbL-1.0): every ISO 3166-1 country and territory with its
//!   common, official and other names, capitals and English demonyms. Debian's iso-codes,
//!   pycountry and the country crates (`isocountry`, `celes`, `keshvar`) have names and
//!   codes but no demonyms or, for most, no capitals.
//! - WordNet again for what world-countries lacks: nationality nouns ("Briton"), other
//!   names of a country ("Britain"), and buildings and streets of a capital that stand for
//!   its government ("the Kremlin", "Downing Street").
//!
//! Each table is parsed once, on first use, into hash maps; a lookup after that is a hash
//! probe or two. Words are looked up in lower case; British spellings that WordNet lacks
//! fall back to [`crate::text::lexicon::american_spelling`], whose fold is for matching
//! words, while the lemmas here are WordNet's own (which has "favour" and "favor" both).

pub mod lemma;
pub mod numbers;
pub mod places;
pub mod titles;
pub mod wordnet;

use std::borrow::Cow;

pub use lemma::{lemma, lemmas};
pub use wordnet::{are_antonyms, are_synonyms, derivations, synonym_rank, synonyms};

/// Parses every table now rather than at the first lookup: WordNet's takes some tens of
/// milliseconds, which a server should spend at start-up (on any thread), not on a
/// keystroke.
pub fn warm() {
    let _ = wordnet::wordnet();
    let _ = places::country("");
    let _ = titles::title("");
}

/// A part of speech, as WordNet divides the open classes of English words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    Noun,
    Verb,
    Adjective,
    Adverb,
}

impl Pos {
    pub const ALL: [Pos; 4] = [Pos::Noun, Pos::Verb, Pos::Adjective, Pos::Adverb];

    /// The part of speech that WordNet's files write as this letter.
    fn from_letter(letter: u8) -> Option<Pos> {
        match letter {
            b'n' => Some(Pos::Noun),
            b'v' => Some(Pos::Verb),
            b'a' | b's' => Some(Pos::Adjective),
            b'r' => Some(Pos::Adverb),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A word as the tables hold it: lower case, words of a phrase joined by one space.
fn folded(word: &str) -> Cow<'_, str> {
    let plain = word
        .bytes()
        .all(|b| !b.is_ascii_uppercase() && b != b'_' && b != b'\t' && b != b'\n')
        && !word.contains("  ")
        && word.is_ascii();
    if plain {
        return Cow::Borrowed(word);
    }
    let lower = word.to_lowercase().replace('_', " ");
    Cow::Owned(lower.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The shipped data files cannot be malformed in a release (a test parses each one); if one
/// were, the tables say so by name rather than answer from half a file.
fn malformed(file: &str, line: usize, what: &str) -> ! {
    panic!("data/knowledge/{file}: line {line}: {what} (run scripts/build-knowledge.py)")
}
