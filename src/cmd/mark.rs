//! `privsite mark-translated LANG DOC[/SECTION]`: see `crate::mark`.

use std::path::Path;

use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics};

pub(crate) fn run(root: Option<&Path>, lang: &str, target: &str) -> Result<(), Diagnostics> {
    let _lock = super::lock(root)?;
    let target = super::doc_arg(target);
    let slug = document_of(target)?;
    let pipeline = super::open_doc(root, slug, |d| d.draft.is_some() || d.withdrawn.is_some())?;
    let site = &pipeline.site;
    let result = crate::mark::mark_translated(site, lang, target)?;
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

/// The document of `DOC` or `DOC/SECTION`; anything else (a path such as
/// `../x`) is one error quoting it whole, not a complaint about a part.
fn document_of(target: &str) -> Result<&str, Diagnostic> {
    let mut parts = target.split('/');
    let slug = parts.next().unwrap_or_default();
    let section = parts.next();
    let named = |part: &str| !matches!(part, "" | "." | "..");
    if named(slug) && section.is_none_or(named) && parts.next().is_none() {
        return Ok(slug);
    }
    Err(Diagnostic::error(format!("`{target}` is not a document or a section of one"))
        .help("name it as DOC or DOC/SECTION, such as `privacy-policy` or `privacy-policy/controller`; `privsite status` lists them"))
}
