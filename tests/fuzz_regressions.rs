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
}
