//! A Markdown source and a draft, both from the fuzzer: see `invariants::source_and_draft`.
//! Markdown prose blanks code and link targets byte by byte, so offsets found in the prose
//! must still be character boundaries of the file.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((format, source, draft)) = invariants::source_and_draft_of(data) {
        invariants::source_and_draft("source.md", &source, &draft, format);
    }
});
