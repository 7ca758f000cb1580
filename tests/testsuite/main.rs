//! Integration tests: the real `privsite` binary over real fixture sites.

// Helpers unwrap like #[test] functions do (clippy.toml allows it there): a
// failure is a test failure.
#![allow(clippy::unwrap_used)]

mod bad_input;
mod build;
mod notify;
mod support;
mod translations;
mod versions;
