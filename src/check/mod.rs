//! &Site → diagnostics: problems `load` cannot see file by file. No IO.

pub mod links;

use crate::diag::Diagnostic;
use crate::render::markdown::Rendered;
use crate::site::Site;

/// Every problem of the site, given each text rendered once (`html[id]`).
pub fn check(site: &Site, html: &[Rendered]) -> Vec<Diagnostic> {
    links::check(site, html)
}
