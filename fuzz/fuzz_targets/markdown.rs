//! Markdown and plain-text prose extraction: see `invariants::prose`.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| invariants::prose(text));
