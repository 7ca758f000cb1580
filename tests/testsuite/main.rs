//! Integration tests: the real `privsite` binary over real fixture sites.

mod bad_input;
mod build;
mod support;
mod translations;
mod versions;
