#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Integration tests: the real `privsite` binary over real fixture sites.

mod bad_input;
mod build;
mod changes;
mod serve;
mod serve_browser;
mod support;
mod translations;
mod versions;
