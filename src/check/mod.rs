//! &Site → diagnostics: problems `load` cannot see file by file. No IO.

pub mod fluent;
pub mod links;
pub mod translations;

use crate::diag::Diagnostic;
use crate::parse::Rendered;
use crate::site::Site;

/// Every problem of the site, given each text rendered once (`html[id]`).
pub fn check(site: &Site, html: &[Rendered]) -> Vec<Diagnostic> {
    let mut problems = links::check(site, html);
    problems.extend(translations::check(site, html));
    problems.extend(fluent::check(site));
    problems
}
