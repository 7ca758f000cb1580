//! privsite: a versioned, trilingual static privacy center from Markdown.
//!
//! The pipeline is `load` (disk → [`site::Site`]) → `parse` (Markdown) →
//! `check` (→ diagnostics) → `render` (→ [`render::Output`]) → `write` (→ disk,
//! atomically), run by [`pipeline`] for every command in `cmd`.

// Every word for the terminal goes through `console`, which neither panics
// on a closed pipe nor splits a line.
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]

mod anchors;
mod check;
pub mod cli;
pub mod cmd;
mod config;
mod console;
mod diag;
mod embedded;
mod example;
mod fault;
#[cfg(test)]
mod fuzz;
mod load;
mod lock;
mod mark;
mod mime;
mod notify;
mod parse;
mod pdf_cache;
mod pipeline;
mod publish;
mod release;
mod render;
mod serve;
mod site;
mod translation;
mod withdraw;
mod write;
