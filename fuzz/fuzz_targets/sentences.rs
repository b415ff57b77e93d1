//! Quotation and sentence splitting: see `invariants::quotes_and_sentences`.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| invariants::quotes_and_sentences(text));
