//! A section's own timeline, for the history page: the versions in which its
//! text changed, followed through renames, each linked to the section on
//! that version's changes page.

use serde::Serialize;

use crate::render::pages::{Page, Pages};
use crate::site::Lang;

/// One section's own timeline on the history page.
#[derive(Serialize)]
pub(super) struct SectionTimeline {
    title: String,
    url: String,
    /// The versions in which its text changed, oldest first.
    changes: Vec<TimelineEntry>,
}

#[derive(Serialize)]
struct TimelineEntry {
    number: u32,
    /// The section on that version's changes page (its version page for v1).
    url: String,
}

impl Pages<'_> {
    /// Per section of the newest published version, the versions in which its
    /// text as shown in `lang` changed, following it through renames.
    pub(super) fn section_timelines(&self, from: Page, doc: usize, lang: Lang) -> Vec<SectionTimeline> {
        let t = &self.timelines[doc];
        let Some(newest) = t.published.checked_sub(1) else { return Vec::new() };
        let auth = self.site.config.authoritative;
        let versions = &self.doc(doc).versions;
        let texts = &self.site.texts;
        let digest = |v: usize, slug: &str| {
            let s = versions[v].text.sections.iter().find(|s| s.slug == slug)?;
            s.texts[lang].or(s.texts[auth]).map(|id| texts[id].digest)
        };
        // The changes page, else (v1, or a version before the language came) the version page, if any.
        let link = |v: usize, slug: &str| {
            let changes = Page::Changes { doc, lang, version: v };
            let version = Page::Document { doc, lang, version: Some(v) };
            let page = [changes, version].into_iter().find(|p| self.exists(*p))?;
            Some(TimelineEntry {
                number: versions[v].number,
                url: format!("{}#{slug}", self.relative(from, &self.dir(page))),
            })
        };
        versions[newest]
            .text
            .sections
            .iter()
            .filter_map(|s| {
                let title = s.texts[lang].or(s.texts[auth]).and_then(|id| texts[id].title.clone())?;
                let mut changes = Vec::new();
                let mut slug = s.slug.clone();
                for v in (0..=newest).rev() {
                    let predecessor = v.checked_sub(1).and_then(|p| {
                        if digest(p, &slug).is_some() {
                            return Some(slug.clone());
                        }
                        let renamed =
                            crate::anchors::renames(&versions[p].text, &versions[v].text, texts, auth, auth);
                        renamed.get(slug.as_str()).map(|r| (*r).to_string())
                    });
                    let before = predecessor.as_deref().and_then(|p| digest(v - 1, p));
                    if before.is_none() || before != digest(v, &slug) {
                        changes.extend(link(v, &slug));
                    }
                    match predecessor {
                        Some(p) => slug = p,
                        None => break,
                    }
                }
                changes.reverse();
                let current = Page::Document { doc, lang, version: Some(newest) };
                Some(SectionTimeline {
                    title,
                    url: format!("{}#{}", self.relative(from, &self.dir(current)), s.slug),
                    changes,
                })
            })
            .collect()
    }
}
