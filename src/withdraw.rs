//! Withdrawing a document: `versions/<doc>/withdrawn.toml` records the day it
//! left the privacy center. Like a release it is part of the stored history
//! and never removed; its versions stay published, marked as withdrawn. The
//! file appears complete or not at all (written aside, then renamed).

use std::io::Write as _;

use chrono::NaiveDate;

use crate::diag::{Diagnostic, io_error};
use crate::load::versions;
use crate::site::Site;

/// Records the withdrawal of `slug` on `date`.
pub(crate) fn withdraw(site: &Site, slug: &str, date: NaiveDate) -> Result<(), Diagnostic> {
    let doc = site.doc(slug).ok_or_else(|| {
        let known: Vec<&str> = site.docs.iter().map(|d| d.slug.as_str()).collect();
        Diagnostic::error(format!("unknown document `{slug}`"))
            .help(format!("the site's documents are: {}", known.join(", ")))
    })?;
    if let Some(on) = doc.withdrawn {
        return Err(Diagnostic::error(format!("{slug} was withdrawn on {on} already"))
            .in_file(format!("{}/{slug}/{}", versions::DIR, versions::WITHDRAWN))
            .help("a withdrawal is part of the stored history and stays as it is"));
    }
    let Some(latest) = doc.latest() else {
        return Err(Diagnostic::error(format!(
            "{slug} has no released version, so there is nothing to withdraw"
        ))
        .help(format!("it was never published: delete content/{slug}/ instead")));
    };
    if date < latest.effective {
        return Err(Diagnostic::error(format!(
            "the withdrawal date {date} is before v{} takes effect ({})",
            latest.number, latest.effective
        ))
        .help(format!("pass --date {} or later", latest.effective)));
    }
    let dir = site.root.join(versions::DIR).join(slug);
    let mut file =
        crate::write::kept_file_in(&dir, ".withdraw-").map_err(|e| io_error("create a file in", &dir, &e))?;
    let text = toml::to_string(&versions::Withdrawal { date })
        .map_err(|e| Diagnostic::error(format!("could not write {}: {e}", versions::WITHDRAWN)))?;
    let header = "# Written by `privsite withdraw`: the document left the privacy center on this day.\n# Its versions stay published, marked as withdrawn. Keep this file like the versions beside it.\n";
    file.write_all(format!("{header}{text}").as_bytes()).map_err(|e| io_error("write", file.path(), &e))?;
    let target = dir.join(versions::WITHDRAWN);
    file.persist_noclobber(&target).map_err(|e| io_error("move into place", &target, &e.error))?;
    Ok(())
}
