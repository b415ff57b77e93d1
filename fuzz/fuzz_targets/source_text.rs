//! A plain-text source and a draft, both from the fuzzer: see `invariants::source_and_draft`.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((format, source, draft)) = invariants::source_and_draft_of(data) {
        invariants::source_and_draft("source.txt", &source, &draft, format);
    }
});
