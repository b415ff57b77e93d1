//! Finding and reading the files factcheck is given, the same way for sources and drafts, for
//! the command line and the language server: one walk ([`walk`]) and one safe read ([`read`]).
//!
//! ```text
//! named paths --Walk::named--> Met::File (regular, stat'ed) --Regular::read--> bytes --decode--> text
//!                          \-> Met::Skipped (missing, FIFO, device, loop, outside, too large)
//! ```
//!
//! What every caller gets from them: nothing blocks (a FIFO), nothing is read without end (a
//! device), a deep folder costs time linear in its depth, a link loop is told once, and a walk
//! for the language server stays inside the workspace, ends at a bound and can be cancelled.

pub mod ignores;
pub mod read;
pub mod walk;

pub use ignores::{Exclude, Ignores};
pub use read::{decode, Decoded, NotText, ReadError, Regular};
pub use walk::{Ended, Found, Met, Reach, Rules, Skipped, Walk, Why};
