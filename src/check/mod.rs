//! &Site → diagnostics: problems `load` cannot see file by file. No IO.

pub(crate) mod fluent;
pub(crate) mod links;
pub(crate) mod sections;
pub(crate) mod translations;

use crate::diag::Diagnostic;
use std::sync::Arc;

use crate::parse::Facts;
use crate::site::Site;

/// Every problem of the site, given the links and ids of each text as
/// parsed (`facts[id]`).
pub(crate) fn check(site: &Site, facts: &[Arc<Facts>]) -> Vec<Diagnostic> {
    let mut problems = links::check(site, facts);
    problems.extend(translations::check(site, facts));
    problems.extend(sections::check(site));
    problems.extend(fluent::check(site));
    problems.extend(removed(site));
    problems
}

/// A released document whose folder left `content/` without `privsite
/// withdraw`: its versions are part of the legal record, so it is neither
/// published as if nothing happened nor dropped silently.
fn removed(site: &Site) -> Vec<Diagnostic> {
    site.docs
        .iter()
        .filter(|d| site.working_copies && d.draft.is_none() && d.withdrawn.is_none())
        .filter_map(|d| {
            let latest = d.latest()?;
            Some(
                Diagnostic::error(format!(
                    "content/{0}/ is missing, but {0} v{1} is released",
                    d.slug, latest.number
                ))
                .in_file(format!("{}/{}", crate::load::versions::DIR, d.slug))
                .help(format!(
                    "to take the document out of the privacy center, run `privsite withdraw {0}` (its versions stay online, marked as withdrawn); to keep it, restore content/{0}/ (e.g. `git checkout -- content/{0}`)",
                    d.slug
                )),
            )
        })
        .collect()
}
