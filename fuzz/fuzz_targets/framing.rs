//! The JSON-RPC message reader: see `invariants::frames`.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

#[derive(Debug, arbitrary::Arbitrary)]
struct Input {
    bytes: Vec<u8>,
    cuts: Vec<u16>,
}

libfuzzer_sys::fuzz_target!(|input: Input| invariants::frames(&input.bytes, &input.cuts));
