//! The whole check of an arbitrary draft against a small corpus: see `invariants::check`.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

use factcheck::Format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, the rest is the draft (invalid UTF-8 repaired, as the
    // CLI and the language server read it).
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = if first & 1 == 0 {
        Format::PlainText
    } else {
        Format::Markdown
    };
    invariants::check(&String::from_utf8_lossy(rest), format);
});
