//! privsite: a versioned, trilingual static privacy center from Markdown.
//!
//! The pipeline is `load` (disk → [`site::Site`]) → `parse` (Markdown) →
//! `check` (→ diagnostics) → `render` (→ [`render::Output`]) → `write` (→ disk,
//! atomically), run by [`pipeline`] for every command in `cmd`.

pub(crate) mod anchors;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod embedded;
mod example;
pub(crate) mod fault;
#[cfg(test)]
mod fuzz;
pub mod load;
pub mod lock;
pub mod mark;
pub mod mime;
pub mod notify;
pub mod parse;
pub mod pdf_cache;
pub mod pipeline;
pub mod publish;
pub mod release;
pub mod render;
pub mod serve;
pub mod site;
pub mod translation;
pub mod withdraw;
pub mod write;
