//! `privsite mark-translated LANG DOC[/SECTION]`: see `crate::mark`.

use std::path::Path;

use crate::console::say;
use crate::diag::Diagnostics;

pub(crate) fn run(root: Option<&Path>, lang: &str, target: &str) -> Result<(), Diagnostics> {
    let _lock = super::lock(root)?;
    let slug = super::doc_arg(target).split('/').next().unwrap_or_default();
    let pipeline = super::open_doc(root, slug, |d| d.draft.is_some() || d.withdrawn.is_some())?;
    let site = &pipeline.site;
    let result = crate::mark::mark_translated(site, lang, super::doc_arg(target))?;
    for file in &result.marked {
        say!("marked {file}");
    }
    for file in &result.missing {
        say!("missing {file} (nothing to mark: translate it first)");
    }
    say!(
        "{} marked as translated into {lang}, {} already up to date, {} missing.",
        result.marked.len(),
        result.already,
        result.missing.len()
    );
    Ok(())
}
