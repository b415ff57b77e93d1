//! Tokenisation and normalisation with offsets: see `invariants::tokens`.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| invariants::tokens(text));
