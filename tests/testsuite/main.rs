//! Integration tests: the real `privsite` binary over real fixture sites.

// Test helpers may fail loudly: clippy's allow-unwrap-in-tests covers only #[test] functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// One crate whose modules share helpers freely: `unreachable_pub`, which
// holds the layers of the program, does not apply here.
#![allow(unreachable_pub)]

mod axe;
mod bad_input;
mod binding;
mod build;
mod changes;
mod closed_pipe;
mod crash;
mod csp;
mod first_week;
mod full_disk;
mod hostile_sizes;
mod languages;
mod layered;
mod notify;
mod pdf;
mod publish;
mod serve;
mod serve_browser;
mod serve_door;
mod support;
mod symlinks;
mod translations;
mod versions;
mod walkthrough;
mod withdraw;
