//! Links between sections and documents must lead somewhere: `#slug` to a
//! section or heading of the same document, `../doc/#slug` to one of another.
//! The working copy in `content/` is checked; released versions were checked
//! when they were released.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::anchors;
use crate::diag::{Diagnostic, Position};
use crate::parse::{Facts, Target, target};
use crate::site::{Revision, Site};

/// Anchors a revision defines: section slugs and heading ids.
fn anchors<'a>(rev: &'a Revision, facts: &'a [Arc<Facts>]) -> BTreeSet<&'a str> {
    let mut out: BTreeSet<&str> = rev.sections.iter().map(|s| s.slug.as_str()).collect();
    let ids = rev.sections.iter().flat_map(|s| s.texts.iter().flatten()).chain(rev.index.iter().flatten());
    for &id in ids {
        out.extend(facts[id].ids.iter().map(String::as_str));
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

/// A document that links may lead to: the text they lead into, and what it
/// defines, each worked out the first time a link needs it. Most links find
/// their anchor, so the former slugs (which compare every version) are
/// rarely wanted.
struct Destination<'a> {
    revision: &'a Revision,
    anchors: OnceLock<BTreeSet<&'a str>>,
    former: OnceLock<BTreeMap<String, String>>,
}

impl<'a> Destination<'a> {
    fn has_anchor(&self, anchor: &str, facts: &'a [Arc<Facts>]) -> bool {
        self.anchors.get_or_init(|| anchors(self.revision, facts)).contains(anchor)
    }

    /// The current slug of the section that `anchor` is a former slug of.
    fn renamed(&self, site: &Site, slug: &str, anchor: &str) -> Option<&str> {
        self.former.get_or_init(|| former_slugs(site, slug)).get(anchor).map(String::as_str)
    }
}

pub(crate) fn check(site: &Site, facts: &[Arc<Facts>]) -> Vec<Diagnostic> {
    let destinations: HashMap<&str, Destination<'_>> = site
        .docs
        .iter()
        .filter_map(|d| {
            let revision = target_revision(site, &d.slug)?;
            Some((
                d.slug.as_str(),
                Destination { revision, anchors: OnceLock::new(), former: OnceLock::new() },
            ))
        })
        .collect();
    // Each document's links on every core, the problems in the site's order.
    let per_doc = site.docs.par_iter().map(|doc| {
        let mut problems = Vec::new();
        let Some(rev) = &doc.draft else { return problems };
        // A document with a working copy links into it: its own destination.
        let Some(own) = destinations.get(doc.slug.as_str()) else { return problems };
        let texts =
            rev.index.iter().chain(&rev.notes).chain(rev.sections.iter().flat_map(|s| &s.texts)).flatten();
        for &id in texts {
            let text = site.text(id);
            for link in &facts[id].links {
                let problem = match target(&link.url) {
                    Target::External => None,
                    Target::Anchor(a) if own.has_anchor(a, facts) => None,
                    Target::Anchor(a) => match own.renamed(site, &doc.slug, a) {
                        Some(current) => Some(former_slug_warning(&link.url, a, current)),
                        None => Some(nowhere(
                            format!("link to `#{a}` leads nowhere: {} has no section or heading `{a}`", doc.slug),
                            format!("section anchors are the slugs: {}", slugs(rev)),
                        )),
                    },
                    Target::Document { doc: other, anchor } => match destinations.get(other) {
                        None => Some(nowhere(
                            format!("link to `{}` leads nowhere: there is no document `{other}`", link.url),
                            format!("documents are the folders of content/: {}", doc_names(site)),
                        )),
                        Some(d) => match anchor {
                            Some(a) if !d.has_anchor(a, facts) => match d.renamed(site, other, a) {
                                Some(current) => Some(former_slug_warning(&link.url, a, current)),
                                None => Some(nowhere(
                                    format!(
                                        "link to `{}` leads nowhere: {other} has no section or heading `{a}`",
                                        link.url
                                    ),
                                    format!("section anchors of {other} are: {}", slugs(d.revision)),
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
                        _ => text.body().lines().nth(link.line.saturating_sub(text.body_line)).unwrap_or(""),
                    };
                    problems.push(problem.in_file(&text.file).at(Position {
                        line: link.line,
                        col: link.col,
                        source_line: source_line.to_string(),
                    }));
                }
            }
        }
        problems
    });
    per_doc.flatten().collect()
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
