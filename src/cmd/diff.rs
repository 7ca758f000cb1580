//! `privsite diff DOC [FROM] [TO] [--lang L]`: what changed between two
//! versions, word by word, in the Markdown the authors wrote. Coloured on a
//! terminal; `[-removed-]{+added+}` when piped.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;

use similar::{ChangeTag, TextDiff};

use crate::cli::DiffArgs;
use crate::diag::{Diagnostic, Diagnostics};
use crate::site::{Document, Revision, Section, Site};

pub(crate) fn run(root: Option<&Path>, args: &DiffArgs) -> Result<(), Diagnostics> {
    let slug = super::doc_arg(&args.doc);
    let pipeline = super::open_doc(root, slug, |d| !d.versions.is_empty())?;
    let site = &pipeline.site;
    let doc = site.doc(slug).filter(|d| !d.versions.is_empty()).ok_or_else(|| {
        let known: Vec<&str> =
            site.docs.iter().filter(|d| !d.versions.is_empty()).map(|d| d.slug.as_str()).collect();
        Diagnostic::error(format!("unknown document `{slug}`"))
            .help(format!("documents with released versions: {}", known.join(", ")))
    })?;
    // With unreleased edits the default is what a release would add: the
    // latest version against the working copy.
    let draft = doc.has_unreleased_changes(&site.texts).then_some(()).and(doc.draft.as_ref());
    let latest = doc.versions.len() as u32;
    let to = match (args.to.as_deref(), draft) {
        (None, Some(_)) => Side::Draft,
        (None, None) => Side::Version(latest),
        (Some(arg), _) => side(doc, arg)?,
    };
    let from = match (args.from.as_deref(), to) {
        (Some(arg), _) => side(doc, arg)?,
        (None, Side::Draft) => Side::Version(latest),
        (None, Side::Version(n)) => Side::Version(n.saturating_sub(1).max(1)),
    };
    let lang = super::lang_arg(&site.config, args.lang.as_deref())?;
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    let text = |side: Side| match side {
        Side::Version(n) => Ok(&doc.versions[n as usize - 1].text),
        Side::Draft => doc.draft.as_ref().ok_or_else(|| {
            Diagnostic::error(format!(
                "{} has no working copy: content/{}/ does not exist",
                doc.slug, doc.slug
            ))
            .help("name two versions instead")
        }),
    };
    let shown = render(site, doc, (from, text(from)?), (to, text(to)?), lang, color);
    // A body that could not be read again would show as deleted.
    let unread = site.unread();
    if !unread.is_empty() {
        return Err(Diagnostics(unread));
    }
    crate::console::print(&shown)?;
    Ok(())
}

/// One side of a diff: a released version or the working copy in `content/`.
#[derive(Clone, Copy)]
enum Side {
    Version(u32),
    Draft,
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Side::Version(n) => write!(f, "v{n}"),
            Side::Draft => f.write_str("draft (unreleased, content/)"),
        }
    }
}

/// `draft`, or a version number from `2` or `v2`.
fn side(doc: &Document, arg: &str) -> Result<Side, Diagnostic> {
    if arg == "draft" {
        return Ok(Side::Draft);
    }
    version(doc, Some(arg), 0).map(Side::Version)
}

/// A version number from `2` or `v2`, checked against the document.
fn version(doc: &Document, arg: Option<&str>, default: u32) -> Result<u32, Diagnostic> {
    let Some(arg) = arg else { return Ok(default) };
    arg.trim_start_matches('v')
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=doc.versions.len() as u32).contains(n))
        .ok_or_else(|| {
            Diagnostic::error(format!("{} has no version `{arg}`", doc.slug)).help(format!(
                "its versions are v1 to v{}, and `draft`, the text in content/",
                doc.versions.len()
            ))
        })
}

fn source(site: &Site, section: &Section, lang: usize) -> Option<String> {
    let id = section.texts[lang].or(section.texts[site.config.authoritative])?;
    let text = site.text(id);
    // The summary is part of the text: a change to it shows like any other.
    let summary = text.summary.as_deref().map(|s| format!("> {s}\n\n")).unwrap_or_default();
    Some(format!("## {}\n\n{summary}{}", text.title.as_deref().unwrap_or(""), text.body().trim_end()))
}

fn render(
    site: &Site,
    doc: &Document,
    old: (Side, &Revision),
    new: (Side, &Revision),
    lang: usize,
    color: bool,
) -> String {
    let paint = |code: &str, s: &str| crate::diag::paint(color, code, s);
    let mut out = String::new();
    let code = &site.config.languages[lang];
    let _ = writeln!(out, "{} {} → {} ({code})\n", doc.slug, old.0, new.0);
    let mut unchanged = Vec::new();
    let find = |rev: &Revision, slug: &str| {
        rev.sections.iter().find(|s| s.slug == slug).and_then(|s| source(site, s, lang))
    };
    for s in &new.1.sections {
        let Some(after) = source(site, s, lang) else { continue };
        match find(old.1, &s.slug) {
            Some(before) if before == after => unchanged.push(s.slug.as_str()),
            Some(before) => {
                let _ = writeln!(out, "{}", paint("1", &format!("#{} (changed)", s.slug)));
                words(&mut out, &before, &after, color);
                out.push_str("\n\n");
            }
            None => {
                let _ = writeln!(out, "{}", paint("1", &format!("#{} (added)", s.slug)));
                let _ =
                    writeln!(out, "{}\n", if color { paint("32", &after) } else { format!("{{+{after}+}}") });
            }
        }
    }
    for s in old.1.sections.iter().filter(|s| !new.1.sections.iter().any(|n| n.slug == s.slug)) {
        let Some(before) = source(site, s, lang) else { continue };
        let _ = writeln!(out, "{}", paint("1", &format!("#{} (removed)", s.slug)));
        let _ = writeln!(out, "{}\n", if color { paint("31", &before) } else { format!("[-{before}-]") });
    }
    if !unchanged.is_empty() {
        let _ = writeln!(out, "unchanged: {}", unchanged.join(", "));
    }
    out
}

/// The word diff of two texts. A run of changed words, with the spaces
/// between them, is shown as one deletion and one insertion
/// (`[-old words-]{+new words+}`), as `git diff --word-diff` does.
fn words(out: &mut String, before: &str, after: &str, color: bool) {
    let diff = TextDiff::from_words(before, after);
    let changes: Vec<(ChangeTag, &str)> = diff.iter_all_changes().map(|c| (c.tag(), c.value())).collect();
    let (mut deleted, mut inserted) = (String::new(), String::new());
    let flush = |out: &mut String, deleted: &mut String, inserted: &mut String| {
        if !deleted.is_empty() {
            out.push_str(&if color {
                crate::diag::paint(true, "9;31", deleted)
            } else {
                format!("[-{deleted}-]")
            });
        }
        if !inserted.is_empty() {
            out.push_str(&if color {
                crate::diag::paint(true, "4;32", inserted)
            } else {
                format!("{{+{inserted}+}}")
            });
        }
        deleted.clear();
        inserted.clear();
    };
    for (i, &(tag, word)) in changes.iter().enumerate() {
        let in_run = !deleted.is_empty() || !inserted.is_empty();
        match tag {
            ChangeTag::Delete => deleted.push_str(word),
            ChangeTag::Insert => inserted.push_str(word),
            // Spaces between two changed words belong to the run.
            ChangeTag::Equal
                if in_run
                    && word.trim().is_empty()
                    && changes.get(i + 1).is_some_and(|(next, _)| *next != ChangeTag::Equal) =>
            {
                if !deleted.is_empty() {
                    deleted.push_str(word);
                }
                if !inserted.is_empty() {
                    inserted.push_str(word);
                }
            }
            ChangeTag::Equal => {
                flush(out, &mut deleted, &mut inserted);
                out.push_str(word);
            }
        }
    }
    flush(out, &mut deleted, &mut inserted);
}
