//! The spelling variants the tokeniser folds (src/text/lexicon.rs), made at build time from
//! VarCon (the `varcon` crate: SCOWL's variant lists, which typos corrects with) into one
//! sorted table of (variant, American spelling) that the crate compiles in. VarCon's own
//! data, 36,000 spellings each with its types, is then neither linked into the binary nor
//! paged in when a corpus is read: the table is 13,000 pairs of words.
//!
//! What is folded: each spelling VarCon lists beside the preferred American spelling of its
//! entry, in lower case as the tokeniser folds words (British, Canadian and Australian
//! spellings, and American variants too: "cancelled", "catalogue"). A word that is the
//! preferred American spelling of any entry is never folded ("program" is British too, a
//! computer's; "license" is British too, the verb). Capitalised entries are names
//! ("Acemetae") and possessives are read apart by the tokeniser: neither is listed.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;
use std::path::Path;

use varcon::{Category, Type};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let preferred_american = |t: &Type| t.category == Category::American && t.tag.is_none();
    let plain = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase());
    let entries = || varcon::VARCON.iter().flat_map(|cluster| cluster.entries);
    let american: HashSet<String> = entries()
        .flat_map(|entry| entry.variants)
        .filter(|v| v.types.iter().any(preferred_american))
        .map(|v| v.word.to_ascii_lowercase())
        .collect();
    let mut folds: BTreeMap<&str, &str> = BTreeMap::new();
    for entry in entries() {
        let preferred = entry
            .variants
            .iter()
            .find(|v| plain(v.word) && v.types.iter().any(preferred_american));
        let Some(preferred) = preferred else {
            continue;
        };
        for variant in entry.variants {
            if plain(variant.word) && !american.contains(variant.word) {
                // The first entry to list a spelling decides it.
                folds.entry(variant.word).or_insert(preferred.word);
            }
        }
    }
    let mut table = String::from("&[\n");
    for (variant, american) in &folds {
        writeln!(table, "    ({variant:?}, {american:?}),").expect("a String takes writes");
    }
    table.push_str("]\n");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for a build script");
    let path = Path::new(&out).join("spellings.rs");
    std::fs::write(&path, table).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
