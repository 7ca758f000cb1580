//! `privsite mark-translated LANG DOC[/SECTION]`: see `crate::mark`.

use std::path::Path;

use crate::diag::Diagnostics;

pub(crate) fn run(root: Option<&Path>, lang: &str, target: &str) -> Result<(), Diagnostics> {
    let pipeline = super::open(root)?;
    let site = &pipeline.site;
    let result = crate::mark::mark_translated(site, lang, target)?;
    for file in &result.marked {
        eprintln!("marked {file}");
    }
    for file in &result.missing {
        eprintln!("missing {file} (nothing to mark: translate it first)");
    }
    eprintln!(
        "{} marked as translated into {lang}, {} already up to date, {} missing.",
        result.marked.len(),
        result.already,
        result.missing.len()
    );
    Ok(())
}
