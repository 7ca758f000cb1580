//! Links between sections and documents must lead somewhere: `#slug` to a
//! section or heading of the same document, `../doc/#slug` to one of another.
//! The working copy in `content/` is checked; released versions were checked
//! when they were released.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::anchors;
use crate::diag::{Diagnostic, Position};
use crate::parse::{Rendered, Target as Link, target};
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

/// What links to one document may lead to, each worked out the first time a
/// link needs it: most links find their anchor, so the former slugs (which
/// compare every version) are rarely wanted.
struct Target<'a> {
    revision: Option<&'a Revision>,
    anchors: OnceCell<BTreeSet<&'a str>>,
    former: OnceCell<BTreeMap<String, String>>,
}

impl<'a> Target<'a> {
    fn anchors(&self, html: &'a [Rendered]) -> &BTreeSet<&'a str> {
        self.anchors.get_or_init(|| self.revision.map(|r| anchors(r, html)).unwrap_or_default())
    }
}

pub(crate) fn check(site: &Site, html: &[Rendered]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let targets: HashMap<&str, Target<'_>> = site
        .docs
        .iter()
        .map(|d| {
            let target = Target {
                revision: target_revision(site, &d.slug),
                anchors: OnceCell::new(),
                former: OnceCell::new(),
            };
            (d.slug.as_str(), target)
        })
        .collect();
    let former = |slug: &str| targets.get(slug).map(|t| t.former.get_or_init(|| former_slugs(site, slug)));
    for doc in &site.docs {
        let Some(rev) = &doc.draft else { continue };
        let own = anchors(rev, html);
        let texts =
            rev.index.iter().chain(&rev.notes).chain(rev.sections.iter().flat_map(|s| &s.texts)).flatten();
        for &id in texts {
            let text = site.text(id);
            for link in &html[id].links {
                let problem = match target(&link.url) {
                    Link::External => None,
                    Link::Anchor(a) if own.contains(a) => None,
                    Link::Anchor(a) => match former(&doc.slug).and_then(|f| f.get(a)) {
                        Some(current) => Some(former_slug_warning(&link.url, a, current)),
                        None => Some(nowhere(
                            format!("link to `#{a}` leads nowhere: {} has no section or heading `{a}`", doc.slug),
                            format!("section anchors are the slugs: {}", slugs(rev)),
                        )),
                    },
                    Link::Document { doc: other, anchor } => match targets.get(other).filter(|t| t.revision.is_some()) {
                        None => Some(nowhere(
                            format!("link to `{}` leads nowhere: there is no document `{other}`", link.url),
                            format!("documents are the folders of content/: {}", doc_names(site)),
                        )),
                        Some(t) => match anchor {
                            Some(a) if !t.anchors(html).contains(a) => match former(other).and_then(|f| f.get(a)) {
                                Some(current) => Some(former_slug_warning(&link.url, a, current)),
                                None => Some(nowhere(
                                    format!("link to `{}` leads nowhere: {other} has no section or heading `{a}`", link.url),
                                    format!("section anchors of {other} are: {}", t.revision.map(slugs).unwrap_or_default()),
                                )),
                            },
                            _ => None,
                        },
                    },
                    Link::Unknown => Some(nowhere(
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
