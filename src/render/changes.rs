//! What changed between two versions of a document, section by section: a
//! section is unchanged, changed (with a word diff), added, removed, moved
//! (its place among the others changed) or renamed (same text, new slug).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::parse::Rendered;
use crate::render::htmldiff;
use crate::site::{Lang, Revision, Section, Site, TextId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Unchanged,
    Changed,
    Added,
    Removed,
    Renamed,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionChange {
    pub slug: String,
    pub title: String,
    /// The previous title, when it changed.
    pub old_title: Option<String>,
    pub status: Status,
    /// Its place among the sections changed.
    pub moved: bool,
    /// The previous slug of a renamed section.
    pub renamed_from: Option<String>,
    /// The word diff (changed), the new text (added) or the old text (removed).
    pub html: Option<String>,
}

/// The text a language shows for a section: its own, else the authoritative one.
fn shown(section: &Section, lang: Lang, auth: Lang) -> Option<TextId> {
    section.texts[lang].or(section.texts[auth])
}

/// Word diffs by pair of texts: the pages that compare versions, in every
/// direction and in the feed, share most pairs, so each is computed once.
#[derive(Default)]
pub struct DiffCache(Mutex<HashMap<(TextId, TextId), Arc<str>>>);

impl DiffCache {
    fn diff(&self, old: TextId, new: TextId, html: &[Rendered]) -> Arc<str> {
        if let Some(hit) = self.0.lock().ok().and_then(|m| m.get(&(old, new)).cloned()) {
            return hit;
        }
        let diff: Arc<str> = htmldiff::diff(&html[old].html, &html[new].html).into();
        if let Ok(mut m) = self.0.lock() {
            m.insert((old, new), Arc::clone(&diff));
        }
        diff
    }
}

/// Where the links of the compared text lead.
pub struct Links<'a> {
    /// From the page to its language root (resolves links between documents).
    pub lang_root: &'a str,
    /// From the page to the newer version's page: anchors of sections that the
    /// changes page does not show lead there.
    pub version: &'a str,
}

/// What a comparison works from.
pub struct Texts<'a> {
    pub site: &'a Site,
    /// Each text rendered, by id.
    pub html: &'a [Rendered],
    pub cache: &'a DiffCache,
}

/// Compares `old` to `new` as shown in `lang`.
pub fn compare(
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
    let removed: Vec<&Section> =
        old.sections.iter().filter(|s| !new_by_slug.contains_key(s.slug.as_str())).collect();
    let mut renamed: HashMap<&str, &str> = HashMap::new();
    for s in new.sections.iter().filter(|s| !old_by_slug.contains_key(s.slug.as_str())) {
        let Some(new_id) = shown(s, lang, auth) else { continue };
        let same = removed.iter().find(|r| {
            shown(r, lang, auth).is_some_and(|id| text(id).body == text(new_id).body)
                && !renamed.values().any(|v| *v == r.slug)
        });
        if let Some(r) = same {
            renamed.insert(&s.slug, &r.slug);
        }
    }

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
        };
        match old_by_slug.get(s.slug.as_str()).and_then(|o| shown(o, lang, auth)) {
            Some(old_id) if text(old_id).digest == text(new_id).digest => {}
            Some(old_id) => {
                change.status = Status::Changed;
                if text(old_id).title != text(new_id).title {
                    change.old_title = Some(title(old_id));
                }
                let diff = texts.cache.diff(old_id, new_id, html);
                change.html = Some(resolve(&diff, lang_root));
            }
            None => match renamed.get(s.slug.as_str()) {
                Some(from) => {
                    change.status = Status::Renamed;
                    change.renamed_from = Some((*from).to_string());
                }
                None => {
                    change.status = Status::Added;
                    change.html = Some(html[new_id].html_at(lang_root).into_owned());
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
                html: Some(html[old_id].html_at(lang_root).into_owned()),
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
        present.extend(html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string));
    }
    for c in changes.iter_mut() {
        let Some(html) = &c.html else { continue };
        if !html.contains("href=\"#") {
            continue;
        }
        let mut out = String::with_capacity(html.len());
        let mut parts = html.split("href=\"#");
        out.push_str(parts.next().unwrap_or(""));
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

fn resolve(html: &str, lang_root: &str) -> String {
    html.replace(crate::parse::LANG_ROOT, lang_root)
}
