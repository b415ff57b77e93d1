//! Renderers for `factcheck check`: how a report looks in a terminal, to a machine, to GitHub.

pub mod json;
