//! Links between sections and documents must lead somewhere: `#slug` to a
//! section or heading of the same document, `../doc/#slug` to one of another.
//! The working copy in `content/` is checked; released versions were checked
//! when they were released.

use std::collections::{BTreeMap, BTreeSet};

use crate::anchors;
use crate::diag::{Diagnostic, Position};
use crate::parse::{Rendered, Target, target};
use crate::site::{Revision, Site};

/// Anchors a revision defines: section slugs and heading ids.
fn anchors<'a>(rev: &'a Revision, html: &'a [Rendered]) -> BTreeSet<&'a str> {
    let mut out: BTreeSet<&str> = rev.sections.iter().map(|s| s.slug.as_str()).collect();
    let ids = rev.sections.iter().flat_map(|s| s.texts.iter().flatten()).chain(rev.index.iter().flatten());
    for &id in ids {
        out.extend(html[id].ids.iter().map(String::as_str));
    }
    out
}

/// The text of a document that links lead to: its working copy, else its latest version.
fn target_revision<'a>(site: &'a Site, slug: &str) -> Option<&'a Revision> {
    let doc = site.doc(slug)?;
    doc.draft.as_ref().or(doc.latest().map(|v| &v.text))
}

/// Former slug → current slug in the text links lead to (see [`target_revision`]).
fn former_slugs(site: &Site, slug: &str) -> BTreeMap<String, String> {
    let Some(doc) = site.doc(slug) else { return BTreeMap::new() };
    let mut revisions: Vec<&Revision> = doc.versions.iter().map(|v| &v.text).collect();
    revisions.extend(&doc.draft);
    let former = anchors::former_slugs(&revisions, &site.texts, site.config.authoritative);
    let last = former.into_iter().last().unwrap_or_default();
    last.into_iter().flat_map(|(current, old)| old.into_iter().map(move |o| (o, current.clone()))).collect()
}

/// A link to a section's former slug still works (the page keeps the old
/// anchor), but the current slug is the one to write.
fn former_slug_warning(link: &str, former: &str, current: &str) -> Diagnostic {
    Diagnostic::warning(format!("link to `{link}` uses `{former}`, a former slug of section `{current}`"))
        .help(format!(
            "the link works, but write `#{current}` (the section's current slug) instead of `#{former}`"
        ))
}

pub(crate) fn check(site: &Site, html: &[Rendered]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for doc in &site.docs {
        let Some(rev) = &doc.draft else { continue };
        let own = anchors(rev, html);
        let own_former = former_slugs(site, &doc.slug);
        let texts =
            rev.index.iter().chain(&rev.notes).chain(rev.sections.iter().flat_map(|s| &s.texts)).flatten();
        for &id in texts {
            let text = site.text(id);
            for link in &html[id].links {
                let problem = match target(&link.url) {
                    Target::External => None,
                    Target::Anchor(a) if own.contains(a) => None,
                    Target::Anchor(a) if own_former.contains_key(a) => {
                        Some(former_slug_warning(&link.url, a, &own_former[a]))
                    }
                    Target::Anchor(a) => Some(nowhere(
                        format!("link to `#{a}` leads nowhere: {} has no section or heading `{a}`", doc.slug),
                        format!("section anchors are the slugs: {}", slugs(rev)),
                    )),
                    Target::Document { doc: other, anchor } => match target_revision(site, other) {
                        None => Some(nowhere(
                            format!("link to `{}` leads nowhere: there is no document `{other}`", link.url),
                            format!("documents are the folders of content/: {}", doc_names(site)),
                        )),
                        Some(r) => match anchor {
                            Some(a) if !anchors(r, html).contains(a) => match former_slugs(site, other).get(a) {
                                Some(current) => Some(former_slug_warning(&link.url, a, current)),
                                None => Some(nowhere(
                                    format!("link to `{}` leads nowhere: {other} has no section or heading `{a}`", link.url),
                                    format!("section anchors of {other} are: {}", slugs(r)),
                                )),
                            },
                            _ => None,
                        },
                    },
                    Target::Unknown => Some(nowhere(
                        format!("link to `{}` cannot be resolved", link.url),
                        "link to another document as `../<doc>/` or `../<doc>/#<slug>`, to a section as `#<slug>`, or use a full URL".to_string(),
                    )),
                };
                if let Some(problem) = problem {
                    let source_line = match &text.summary_at {
                        Some(at) if link.line < text.body_line => at.source_line.as_str(),
                        _ => text.body.lines().nth(link.line.saturating_sub(text.body_line)).unwrap_or(""),
                    };
                    problems.push(problem.in_file(&text.file).at(Position {
                        line: link.line,
                        col: link.col,
                        source_line: source_line.to_string(),
                    }));
                }
            }
        }
    }
    problems
}

fn nowhere(message: String, help: String) -> Diagnostic {
    Diagnostic::error(message).help(help)
}

fn slugs(rev: &Revision) -> String {
    rev.sections.iter().map(|s| s.slug.as_str()).collect::<Vec<_>>().join(", ")
}

fn doc_names(site: &Site) -> String {
    site.docs.iter().map(|d| d.slug.as_str()).collect::<Vec<_>>().join(", ")
}
