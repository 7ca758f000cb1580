//! Integration tests: the real `privsite` binary over real fixture sites.

// Test helpers may fail loudly: clippy's allow-unwrap-in-tests covers only #[test] functions.
#![allow(clippy::unwrap_used)]

mod bad_input;
mod build;
mod csp;
mod publish;
mod support;
mod translations;
mod versions;
