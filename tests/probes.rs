//! The keystroke path does no work proportional to the corpus.
//!
//! A writer types in a draft checked against a small corpus and against one a hundred times
//! larger. After each edit, the engine may look up only the edited sentence in the index:
//! the number of index probes per edit is the same whatever the corpus size, and the postings
//! read per edit stay within the per-pair cap even where a word pair of the sentence occurs in
//! every source sentence. Counting, not timing: this holds on any machine.

use std::sync::Arc;

use factcheck::index::MAX_POSTINGS;
use factcheck::{CheckOptions, Checker, Corpus, Format, Index};

/// A deterministic newswire: `documents` stories of ten sentences from a small vocabulary,
/// every sentence ending "officials reported", plus the one story the draft is about.
fn newswire(documents: usize) -> Vec<(String, String)> {
    const WHO: &[&str] = &[
        "The ministry",
        "The council",
        "A court",
        "The agency",
        "The union",
        "The board",
        "The mayor",
        "A committee",
        "The company",
        "The regulator",
    ];
    const DID: &[&str] = &[
        "approved",
        "rejected",
        "delayed",
        "funded",
        "reviewed",
        "cancelled",
        "extended",
        "expanded",
        "audited",
        "announced",
    ];
    const WHAT: &[&str] = &[
        "a bridge",
        "the budget",
        "new housing",
        "a rail link",
        "the harbour plan",
        "school repairs",
        "a water project",
        "the stadium",
        "tax relief",
        "a clinic",
    ];
    const WHERE: &[&str] = &[
        "Northfield",
        "Eastport",
        "Millbrook",
        "Riverton",
        "Ashford",
        "Lakeside",
        "Kingsley",
        "Westham",
        "Stonebridge",
        "Fairview",
    ];
    const WHEN: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut pick = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut docs = vec![("story.txt".to_string(), STORY.to_string())];
    for d in 0..documents {
        let mut text = String::new();
        for _ in 0..10 {
            text.push_str(&format!(
                "{} {} {} for {} on {} with {} million, officials reported. ",
                WHO[pick(WHO.len())],
                DID[pick(DID.len())],
                WHAT[pick(WHAT.len())],
                WHERE[pick(WHERE.len())],
                WHEN[pick(WHEN.len())],
                pick(90) + 10,
            ));
        }
        docs.push((format!("wire-{d:05}.txt"), text));
    }
    docs
}

const STORY: &str = "The harbour authority approved a 40 million dredging plan for Eastport \
on Tuesday. Its chair, Ruth Okafor, said \"the channel must be deep enough for the new \
ferries\" before the vote. The plan was opposed by two fishing cooperatives.";

/// The draft: a paragraph restating the story, a quotation, and sentences of its own, one of
/// them with the pair every source sentence holds.
const DRAFT: &str = "# Eastport dredging\n\n\
The harbour authority approved a 40 million dredging plan for Eastport on Tuesday. \
Ruth Okafor said \"the channel must be deep enough for the new ferries\" before the vote. \
The plan was opposed by two fishing cooperatives. \
Work should start next spring, officials reported. \
Residents asked for a public meeting about the noise.\n";

/// The sentence the writer edits, and where in it the new word goes.
const EDITED: &str = "Work should start next spring, officials reported.";

struct Measure {
    /// Probes and postings read by re-checking the draft after one edit.
    edit_probes: u64,
    edit_postings: u64,
    /// Probes made by checking the edited sentence alone, on an empty cache.
    sentence_probes: u64,
    /// Probes made by re-checking the unchanged draft.
    unchanged_probes: u64,
    /// Source sentences holding "officials reported".
    common_pair_sentences: usize,
}

fn measure(documents: usize) -> Measure {
    let wire = newswire(documents);
    let common_pair_sentences = wire
        .iter()
        .map(|(_, text)| text.matches("officials reported").count())
        .sum();
    let index = Arc::new(Index::build(Corpus::from_texts(
        wire.iter().map(|(n, t)| (n.as_str(), t.as_str())),
    )));
    let options = CheckOptions {
        format: Format::Markdown,
        ..Default::default()
    };
    let checker = Checker::new(index.clone());
    checker.check(DRAFT, &options);

    let before = index.probes();
    checker.check(DRAFT, &options);
    let unchanged_probes = index.probes() - before;

    let at = DRAFT.find(EDITED).unwrap() + "Work should".len();
    let mut edited = DRAFT.to_string();
    edited.insert_str(at, " surely");
    let (probes, postings) = (index.probes(), index.postings_read());
    checker.check(&edited, &options);
    let edit_probes = index.probes() - probes;
    let edit_postings = index.postings_read() - postings;

    let sentence = &edited[DRAFT.find(EDITED).unwrap()..at + EDITED.len() + " surely".len()];
    let before = index.probes();
    Checker::new(index.clone()).check(sentence, &CheckOptions::default());
    let sentence_probes = index.probes() - before;

    Measure {
        edit_probes,
        edit_postings,
        sentence_probes,
        unchanged_probes,
        common_pair_sentences,
    }
}

#[test]
fn an_edit_costs_the_same_probes_against_a_corpus_a_hundred_times_larger() {
    let small = measure(20);
    let large = measure(2000);

    // Only the edited sentence is looked up, and it costs the same at both sizes.
    assert!(small.edit_probes > 0, "the edited sentence was not checked");
    assert_eq!(small.edit_probes, small.sentence_probes);
    assert_eq!(large.edit_probes, large.sentence_probes);
    assert_eq!(small.edit_probes, large.edit_probes);
    assert_eq!((small.unchanged_probes, large.unchanged_probes), (0, 0));

    // "officials reported" is in every source sentence of the large corpus, more than the cap:
    // reading its postings would be work proportional to the corpus.
    assert!(large.common_pair_sentences > MAX_POSTINGS);
    assert!(
        large.edit_postings < large.common_pair_sentences as u64,
        "an edit read {} postings against {} sentences holding one of its pairs",
        large.edit_postings,
        large.common_pair_sentences
    );
    assert!(large.edit_postings <= large.edit_probes * MAX_POSTINGS as u64);
}
