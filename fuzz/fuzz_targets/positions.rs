//! Position conversion between UTF-8 / UTF-16 columns and byte offsets: see
//! `invariants::positions`.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

#[derive(Debug, arbitrary::Arbitrary)]
struct Input {
    text: String,
    offsets: Vec<u32>,
    points: Vec<(u32, u32)>,
}

libfuzzer_sys::fuzz_target!(|input: Input| {
    invariants::positions(&input.text, &input.offsets, &input.points)
});
