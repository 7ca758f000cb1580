//! What changed between two versions of a document, section by section: a
//! section is unchanged, changed (with a word diff), added, removed, moved
//! (its place among the others changed) or renamed (same text, new slug).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::parse::Parsed;
use crate::render::carry::Diffs;
use crate::render::htmldiff;
use crate::site::{Lang, Revision, Section, Site, TextId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    Unchanged,
    Changed,
    Added,
    Removed,
    Renamed,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionChange {
    pub(crate) slug: String,
    pub(crate) title: String,
    /// The previous title, when it changed.
    pub(crate) old_title: Option<String>,
    pub(crate) status: Status,
    /// Its place among the sections changed.
    pub(crate) moved: bool,
    /// The previous slug of a renamed section.
    pub(crate) renamed_from: Option<String>,
    /// The word diff (changed), the new text (added) or the old text (removed),
    /// each with its summary box.
    pub(crate) html: Option<String>,
    /// The summary of the new text, for feeds and notices.
    pub(crate) summary: Option<String>,
    /// Former slugs of the section, kept as anchors (filled in by the page).
    pub(crate) former: Vec<String>,
}

/// The text a language shows for a section: its own, else the authoritative one.
fn shown(section: &Section, lang: Lang, auth: Lang) -> Option<TextId> {
    section.texts[lang].or(section.texts[auth])
}

/// The word diff of two texts. The pages that compare versions, in every
/// direction and in the feed, share most pairs, so each is computed once;
/// a long-running preview keeps them from render to render, so that a save
/// diffs only what it changed.
fn diff(cache: &Diffs, old: TextId, new: TextId, html: &dyn Parsed) -> Arc<str> {
    let (old, new) = (html.get(old), html.get(new));
    let key = (old.address(), new.address());
    let made = || (old.clone(), new.clone(), htmldiff::diff(&old.full(), &new.full()).into());
    cache.get_or(key, made).2
}

/// Where the links of the compared text lead.
pub(crate) struct Links<'a> {
    /// From the page to its language root (resolves links between documents).
    pub(crate) lang_root: &'a str,
    /// From the page to the newer version's page: anchors of sections that the
    /// changes page does not show lead there.
    pub(crate) version: &'a str,
    /// The label of a summary box, in the page's language.
    pub(crate) summary_label: &'a str,
}

/// What a comparison works from.
pub(crate) struct Texts<'a> {
    pub(crate) site: &'a Site,
    /// Each text rendered, by id.
    pub(crate) html: &'a dyn Parsed,
    pub(crate) cache: &'a Diffs,
}

/// Compares `old` to `new` as shown in `lang`.
pub(crate) fn compare(
    texts: &Texts<'_>,
    old: &Revision,
    new: &Revision,
    lang: Lang,
    links: &Links<'_>,
) -> Vec<SectionChange> {
    let (site, html) = (texts.site, texts.html);
    let lang_root = links.lang_root;
    let auth = site.config.authoritative;
    let text = |id: TextId| site.text(id);
    let title = |id: TextId| text(id).title.clone().unwrap_or_default();
    let old_by_slug: HashMap<&str, &Section> = old.sections.iter().map(|s| (s.slug.as_str(), s)).collect();
    let new_by_slug: HashMap<&str, &Section> = new.sections.iter().map(|s| (s.slug.as_str(), s)).collect();

    // Sections whose place among the common ones changed.
    let common_old: Vec<&str> =
        old.sections.iter().map(|s| s.slug.as_str()).filter(|s| new_by_slug.contains_key(s)).collect();
    let common_new: Vec<&str> =
        new.sections.iter().map(|s| s.slug.as_str()).filter(|s| old_by_slug.contains_key(s)).collect();
    let mut moved = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &common_old, &common_new) {
        if let DiffOp::Insert { new_index, new_len, .. } | DiffOp::Replace { new_index, new_len, .. } = op {
            moved.extend_from_slice(&common_new[new_index..new_index + new_len]);
        }
    }

    // Removed sections whose text reappears under a new slug were renamed.
    let renamed = crate::anchors::renames(old, new, &site.texts, lang, auth);

    let mut out: Vec<SectionChange> = Vec::new();
    for s in &new.sections {
        let Some(new_id) = shown(s, lang, auth) else { continue };
        let mut change = SectionChange {
            slug: s.slug.clone(),
            title: title(new_id),
            old_title: None,
            status: Status::Unchanged,
            moved: moved.contains(&s.slug.as_str()),
            renamed_from: None,
            html: None,
            summary: html.get(new_id).summary_at(lang_root),
            former: Vec::new(),
        };
        match old_by_slug.get(s.slug.as_str()).and_then(|o| shown(o, lang, auth)) {
            Some(old_id) if text(old_id).digest == text(new_id).digest => {}
            Some(old_id) => {
                change.status = Status::Changed;
                if text(old_id).title != text(new_id).title {
                    change.old_title = Some(title(old_id));
                }
                change.html = Some(resolve(&diff(texts.cache, old_id, new_id, html), links));
            }
            None => match renamed.get(s.slug.as_str()) {
                Some(from) => {
                    change.status = Status::Renamed;
                    change.renamed_from = Some((*from).to_string());
                    // Same body; a changed title or summary still shows word by word.
                    if let Some(old_id) = old_by_slug.get(from).and_then(|o| shown(o, lang, auth))
                        && text(old_id).digest != text(new_id).digest
                    {
                        change.html = Some(resolve(&diff(texts.cache, old_id, new_id, html), links));
                    }
                }
                None => {
                    change.status = Status::Added;
                    change.html = Some(resolve(&html.get(new_id).full(), links));
                }
            },
        }
        out.push(change);
    }
    // Removed sections stand after the section that preceded them before.
    for (i, s) in old.sections.iter().enumerate() {
        if new_by_slug.contains_key(s.slug.as_str()) || renamed.values().any(|v| *v == s.slug) {
            continue;
        }
        let Some(old_id) = shown(s, lang, auth) else { continue };
        let at = old.sections[..i]
            .iter()
            .rev()
            .find_map(|p| out.iter().position(|c| c.slug == p.slug))
            .map_or(0, |p| p + 1);
        out.insert(
            at,
            SectionChange {
                slug: s.slug.clone(),
                title: title(old_id),
                old_title: None,
                status: Status::Removed,
                moved: false,
                renamed_from: None,
                html: Some(resolve(&html.get(old_id).full(), links)),
                summary: None,
                former: Vec::new(),
            },
        );
    }
    retarget_anchors(&mut out, links.version);
    out
}

/// Points `href="#x"` at the version page unless `x` is on the changes page.
fn retarget_anchors(changes: &mut [SectionChange], version_url: &str) {
    let mut present: HashSet<String> =
        changes.iter().filter(|c| c.status != Status::Unchanged || c.moved).map(|c| c.slug.clone()).collect();
    for html in changes.iter().filter_map(|c| c.html.as_deref()) {
        present.extend(split(html, " id=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string));
    }
    const HREF: &str = "href=\"#";
    for c in changes.iter_mut() {
        let Some(html) = &c.html else { continue };
        let mut parts = split(html, HREF).peekable();
        let first = parts.next().unwrap_or("");
        if parts.peek().is_none() {
            continue;
        }
        let mut out = String::with_capacity(html.len());
        out.push_str(first);
        for part in parts {
            let anchor = part.split('"').next().unwrap_or("");
            out.push_str("href=\"");
            if !present.contains(anchor) {
                out.push_str(version_url);
            }
            out.push('#');
            out.push_str(part);
        }
        c.html = Some(out);
    }
}

/// `text.split(sep)`, with the SIMD search of `memchr`.
fn split<'a>(text: &'a str, sep: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let mut starts = memchr::memmem::find_iter(text.as_bytes(), sep.as_bytes()).map(move |at| at + sep.len());
    let mut done = Some(0);
    std::iter::from_fn(move || {
        let from = done?;
        let next = starts.next();
        done = next;
        Some(&text[from..next.map_or(text.len(), |n| n - sep.len())])
    })
}

fn resolve(html: &str, links: &Links<'_>) -> String {
    let label = links.summary_label.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    crate::parse::fill_markers(html, links.lang_root, &label)
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn split_is_str_split(text in "(aa|a|é|b|\\PC){0,40}") {
            for sep in ["aa", "aéb", "a"] {
                let ours: Vec<&str> = super::split(&text, sep).collect();
                proptest::prop_assert_eq!(ours, text.split(sep).collect::<Vec<_>>());
            }
        }
    }
}
