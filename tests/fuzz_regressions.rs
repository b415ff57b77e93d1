//! The fuzz targets' invariants (`fuzz/invariants.rs`) under plain `cargo test`: every input a
//! fuzzer found breaking one, kept inline, and the committed seeds (`fuzz/seeds/`) replayed
//! through every text invariant, so none of it needs cargo-fuzz or a nightly compiler.

#[path = "../fuzz/invariants.rs"]
mod invariants;

use factcheck::Format;

/// Every text invariant on one input, as the text targets and the whole-check target run it.
fn all_text_invariants(text: &str) {
    invariants::tokens(text);
    invariants::quotes_and_sentences(text);
    invariants::prose(text);
    invariants::check(text, Format::PlainText);
    invariants::check(text, Format::Markdown);
}

#[test]
fn committed_seeds_keep_every_invariant() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut seen = 0;
    for target in ["text", "check"] {
        for entry in std::fs::read_dir(dir.join(target)).expect("fuzz/seeds is committed") {
            let bytes = std::fs::read(entry.expect("a seed").path()).expect("a readable seed");
            // The check target's first byte picks the format; the rest is the draft.
            let text = match target {
                "check" => String::from_utf8_lossy(&bytes[1..]).into_owned(),
                _ => String::from_utf8_lossy(&bytes).into_owned(),
            };
            all_text_invariants(&text);
            seen += 1;
        }
    }
    assert!(seen >= 5, "only {seen} seeds found");
}

#[test]
fn committed_source_and_draft_seeds_keep_every_invariant() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/pair");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz/seeds/pair is committed") {
        let bytes = std::fs::read(entry.expect("a seed").path()).expect("a readable seed");
        let (format, source, draft) =
            invariants::source_and_draft_of(&bytes).expect("a seed holds a source and a draft");
        // Both source targets' corpora start from these seeds.
        invariants::source_and_draft("source.txt", &source, &draft, format);
        invariants::source_and_draft("source.md", &source, &draft, format);
        seen += 1;
    }
    assert!(seen >= 5, "only {seen} seeds found");
}

// The crashes of issue 13, found by a mutation run over sources and drafts (the fuzzers of the
// time changed drafts only). Each panicked in `factcheck check`.

/// "n't" after a letter of several bytes that folds to "n": the clitic's span started a byte
/// before the apostrophe, inside the letter.
#[test]
fn a_clitic_after_a_letter_of_several_bytes() {
    for (source, draft) in [
        (
            "The minister does agree with the plan.",
            "The minister doeñ't agree with the plan.",
        ),
        (
            "Peskov said we do agree with the report.",
            "Peskov said we doñ't agree with the report.",
        ),
        ("They do agree.", "They doⁿ't agree, doｎ't they? ñ't."),
    ] {
        invariants::source_and_draft("source.txt", source, draft, Format::PlainText);
    }
}

/// A source sentence over the evidence window (320 bytes) whose spaces are no-break spaces (or
/// U+205F, U+1680): the window started one byte after the space, inside it.
#[test]
fn evidence_from_a_long_sentence_of_wide_spaces() {
    for space in ["\u{a0}", "\u{205f}", "\u{1680}", "\u{3000}"] {
        let source = format!(
            "Officials said {}the Kremlin on Wednesday rejected the allegations in the report.",
            "that ".repeat(60)
        )
        .replace(' ', space);
        let draft = "The Kremlin on Thursday rejected the allegations in the report.";
        invariants::source_and_draft("source.txt", &source, draft, Format::PlainText);
    }
}

/// A Markdown paragraph over the sentence cap (4 KiB) with no sentence end, whose last blank in
/// the prose is the middle of an "é" of inline code: the piece ended inside the character, and
/// evidence (and completion, in the server) sliced the file there.
#[test]
fn a_markdown_paragraph_cut_inside_a_character() {
    let source = factcheck::text::markdown::long_paragraph_ending_in_accented_code();
    let draft = "The Kremlin on Thursday rejected the allegations in the report.";
    invariants::source_and_draft("source.md", &source, draft, Format::PlainText);
}

#[test]
fn positions_round_trip_on_line_breaks_of_every_kind() {
    let text = "“A” — 😀 x\r\nword\rlone\n\u{2028}end";
    let offsets: Vec<u32> = (0..text.len() as u32 + 3).collect();
    let points: Vec<(u32, u32)> = (0..6).flat_map(|l| (0..14).map(move |c| (l, c))).collect();
    invariants::positions(text, &offsets, &points);
}

#[test]
fn frames_survive_garbage_between_messages() {
    let good = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
    let mut bytes = format!("Content-Length: {}\r\n\r\n", good.len()).into_bytes();
    bytes.extend(good);
    bytes.extend(
        b"garbage\r\n\r\nContent-Length: 2\r\n\r\n{}Content-Length: 99999999999999999999\r\n\r\n",
    );
    invariants::frames(&bytes, &[3, 50, 1, 7]);
}

/// Pieces of drafts the fuzzers found productive: corpus words (to reach every finder), every
/// kind of quotation mark and line break, Markdown syntax, directives and wide characters.
const PIECES: &[&str] = &[
    "The",
    "Office",
    "oversees",
    "18",
    "16",
    "intelligence",
    "agencies",
    "Iran",
    "did",
    "not",
    "attempt",
    "to",
    "manipulate",
    "votes",
    "Peskov",
    "said",
    "Kremlin",
    "Wednesday",
    "Thursday",
    "January",
    "February",
    "7",
    "more than",
    "131",
    "caps",
    "40 %",
    "Biden",
    "Trump",
    "We disagree with this report’s findings about our country",
    "ongoing and persistent efforts",
    " ",
    " ",
    " ",
    ".",
    ". ",
    "!",
    "?",
    "…",
    "...",
    ",",
    ";",
    ":",
    "“",
    "”",
    "\"",
    "«",
    "»",
    "„",
    "‘",
    "’",
    "'",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "> ",
    "- ",
    "1. ",
    "# ",
    "```",
    "`",
    "*",
    "_",
    "[",
    "](http://x)",
    "<div>",
    "<!-- factcheck-ignore -->",
    "<!-- factcheck-disable -->",
    "[^1]",
    "| a |",
    "---\n",
    "😀",
    "é",
    "e\u{301}",
    "ﬁ",
    "\u{2028}",
    "\u{85}",
    "\u{feff}",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// A stable-toolchain stand-in for the fuzz targets in `cargo test`: random drafts built
    /// from [`PIECES`] through every text invariant.
    #[test]
    fn random_drafts_keep_every_invariant(
        picks in proptest::collection::vec(0..PIECES.len(), 0..120)
    ) {
        let text: String = picks.iter().map(|&k| PIECES[k]).collect();
        all_text_invariants(&text);
        let offsets: Vec<u32> = (0..text.len() as u32 + 2).step_by(3).collect();
        invariants::positions(&text, &offsets, &[(0, 0), (1, 5), (2, 99), (9, 1)]);
    }

    /// The two-sided fuzz targets' stand-in: a random source (repeated, so that sentences run
    /// past the evidence window and the sentence cap) read as plain text and as Markdown, and a
    /// random draft checked against it.
    #[test]
    fn random_sources_and_drafts_keep_every_invariant(
        source in proptest::collection::vec(0..PIECES.len(), 0..160),
        repeat in 1usize..12,
        draft in proptest::collection::vec(0..PIECES.len(), 0..60),
        markdown in proptest::bool::ANY,
    ) {
        let source: String = source.iter().map(|&k| PIECES[k]).collect::<String>().repeat(repeat);
        let draft: String = draft.iter().map(|&k| PIECES[k]).collect();
        let format = if markdown { Format::Markdown } else { Format::PlainText };
        invariants::source_and_draft("source.txt", &source, &draft, format);
        invariants::source_and_draft("source.md", &source, &draft, format);
    }
}
