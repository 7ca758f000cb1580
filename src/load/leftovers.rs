//! What a killed command can leave behind, reported by every command that
//! loads the site (so `check` and `status` show it) until the next write
//! cleans it up: staging folders of `build` and `release`, temporary files
//! of `mark-translated`, and release notes that a cut-short release did not
//! remove.

use std::fs;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::load::{CONTENT, versions};
use crate::site::Document;

/// Leftover files and folders below `root`.
pub(crate) fn files(root: &Path) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let names = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    for name in names(root) {
        if name.starts_with(".public.new-") || name.starts_with(".public.old-") {
            found.push(
                Diagnostic::warning("left over from a build that was cut short")
                    .in_file(&name)
                    .help("the next `privsite build` removes it (public/ itself is complete)"),
            );
        }
    }
    for doc in names(&root.join(versions::DIR)) {
        let rel = format!("{}/{doc}", versions::DIR);
        for name in names(&root.join(&rel)).into_iter().filter(|n| n.starts_with(".release-")) {
            found.push(
                Diagnostic::warning(
                    "left over from a release that was cut short before its version was in place",
                )
                .in_file(format!("{rel}/{name}"))
                .help(format!("the next `privsite release {doc}` removes it; no version was made from it")),
            );
        }
    }
    for doc in names(&root.join(CONTENT)) {
        let rel = format!("{CONTENT}/{doc}");
        for name in names(&root.join(&rel)).into_iter().filter(|n| crate::mark::is_leftover(n)) {
            found.push(
                Diagnostic::warning("left over from a `mark-translated` that was cut short")
                    .in_file(format!("{rel}/{name}"))
                    .help(format!(
                        "the file beside it is whole; the next `privsite mark-translated … {doc}` removes this one"
                    )),
            );
        }
    }
    found
}

/// Release notes in `content/` identical to those the latest version keeps:
/// the release was cut short after the version was in place.
pub(crate) fn notes(doc: &Document, auth: usize, auth_code: &str) -> Option<Diagnostic> {
    let draft = doc.draft.as_ref()?;
    let latest = doc.latest()?;
    (draft.notes[auth].is_some() && draft.notes[auth] == latest.text.notes[auth]).then(|| {
        Diagnostic::warning(format!(
            "these release notes are those of v{} already: its release was cut short before removing them",
            latest.number
        ))
        .in_file(format!("{CONTENT}/{}/_release.{auth_code}.md", doc.slug))
        .help(
            "delete the _release.*.md files of this document; v{} keeps its notes"
                .replace("{}", &latest.number.to_string()),
        )
    })
}
