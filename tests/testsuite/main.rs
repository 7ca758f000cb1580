// Test helpers may fail loudly: clippy's allow-unwrap-in-tests covers only #[test] functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Integration tests: the real `privsite` binary over real fixture sites.

mod bad_input;
mod binding;
mod build;
mod changes;
mod csp;
mod languages;
mod notify;
mod pdf;
mod publish;
mod serve;
mod serve_browser;
mod support;
mod translations;
mod versions;
