//! The data each template sees, built only when its page is rendered.

use std::collections::HashSet;

use serde::Serialize;
use tera::Context;

use crate::render::changes;
use crate::render::dates::DateText;
use crate::render::langnames::is_rtl;
use crate::render::pages::{CSP, Page, Pages};
use crate::site::{Kind, Lang, Revision, Version};
use crate::translation;

#[derive(Serialize)]
struct Alternate {
    lang: String,
    name: String,
    url: String,
    href: String,
    current: bool,
    exists: bool,
}

#[derive(Serialize)]
struct VersionView {
    number: u32,
    kind: Kind,
    date: DateText,
    effective: DateText,
    url: String,
    /// The page of what changed from the version before, if there is one.
    changes_url: Option<String>,
    /// The page comparing it with the version `/<lang>/<doc>/` shows, if older.
    compare_url: Option<String>,
    status: &'static str,
    /// Not released: the working copy in a preview.
    draft: bool,
    notes_title: Option<String>,
    notes_html: Option<String>,
    /// The version's PDF in the page's language, if the build made one.
    pdf: Option<PdfView>,
}

#[derive(Serialize)]
struct PdfView {
    url: String,
    /// Its size in kB (at least 1), for the link text.
    kb: usize,
}

#[derive(Serialize)]
struct SectionView {
    slug: String,
    title: String,
    /// The summary, if the text has one.
    summary: Option<String>,
    /// Former slugs, kept as empty anchor targets.
    former: Vec<String>,
    /// The section in the version it belongs to: `v<N>/#<slug>`, relative to the page.
    permalink: String,
    html: String,
    modified: DateText,
    /// Not translated: the authoritative text stands in its place.
    untranslated: bool,
    /// Translated from an older authoritative text.
    outdated: bool,
}

#[derive(Serialize)]
struct DocSummary {
    slug: String,
    title: String,
    url: String,
    history_url: String,
    version: VersionView,
    modified: DateText,
    sections: usize,
    upcoming: Vec<VersionView>,
    /// The day the document left the center, if it did.
    withdrawn: Option<DateText>,
}

impl Pages<'_> {
    /// The template and context of a page.
    pub(crate) fn context(&self, page: Page) -> (&'static str, Context) {
        let mut ctx = self.common(page);
        let template = match page {
            Page::Root => {
                ctx.insert("languages", &self.alternates(page));
                "index.html"
            }
            Page::NotFound => {
                ctx.insert("languages", &self.alternates(page));
                "404.html"
            }
            Page::Center(lang) => {
                let docs: Vec<DocSummary> = (0..self.site.docs.len())
                    .filter(|&d| self.exists(Page::Document { doc: d, lang, version: None }))
                    .filter(|&d| self.timelines[d].withdrawn.is_none())
                    .filter_map(|d| self.summary(page, d, lang))
                    .collect();
                ctx.insert("documents", &docs);
                "center.html"
            }
            Page::Document { doc, lang, version } => {
                let t = &self.timelines[doc];
                let Some(v) = version.or(t.shown) else {
                    return ("document.html", ctx);
                };
                ctx.insert("doc", &self.summary(page, doc, lang));
                if version.is_none() && t.withdrawn.is_some() {
                    let versions: Vec<VersionView> =
                        (0..t.published).rev().map(|v| self.version_view(page, doc, v, lang)).collect();
                    ctx.insert("versions", &versions);
                    return ("withdrawn.html", ctx);
                }
                let version_view = self.version_view(page, doc, v, lang);
                ctx.insert("version", &version_view);
                ctx.insert("is_current_page", &version.is_none());
                ctx.insert("preamble", &self.preamble(page, doc, v, lang));
                let sections = self.sections(page, doc, v, lang);
                ctx.insert("has_summaries", &sections.iter().any(|s| s.summary.is_some()));
                // When every section has a summary, the table is the contents too.
                ctx.insert("all_summarised", &sections.iter().all(|s| s.summary.is_some()));
                ctx.insert("sections", &sections);
                ctx.insert("modified", &self.dates.text(lang, t.modified[v].document[lang]));
                "document.html"
            }
            Page::Changes { doc, lang, version } => {
                self.changes_context(&mut ctx, page, doc, lang, version - 1, version);
                "changes.html"
            }
            Page::Compare { doc, lang, from } => {
                let to = self.timelines[doc].shown.unwrap_or(from);
                self.changes_context(&mut ctx, page, doc, lang, from, to);
                "changes.html"
            }
            Page::History { doc, lang } => {
                let t = &self.timelines[doc];
                let versions: Vec<VersionView> =
                    (0..t.published).rev().map(|v| self.version_view(page, doc, v, lang)).collect();
                ctx.insert("doc", &self.summary(page, doc, lang));
                ctx.insert("versions", &versions);
                ctx.insert("section_timelines", &self.section_timelines(page, doc, lang));
                "history.html"
            }
        };
        (template, ctx)
    }

    fn changes_context(&self, ctx: &mut Context, page: Page, doc: usize, lang: Lang, from: usize, to: usize) {
        let versions = &self.doc(doc).versions;
        let links = changes::Links {
            lang_root: &self.lang_root(page, lang),
            version: &self.relative(page, &self.dir(Page::Document { doc, lang, version: Some(to) })),
            summary_label: &self.strings.format(lang, "summary-label", &[]).unwrap_or_default(),
        };
        let mut changes =
            changes::compare(&self.texts(), &versions[from].text, &versions[to].text, lang, &links);
        let on_page: HashSet<String> = changes.iter().map(|c| c.slug.clone()).collect();
        let former = &self.timelines[doc].former[to];
        for c in changes.iter_mut().filter(|c| c.status != changes::Status::Removed) {
            let kept = former.get(&c.slug).into_iter().flatten().filter(|f| !on_page.contains(*f));
            c.former = kept.cloned().collect();
        }
        ctx.insert("doc", &self.summary(page, doc, lang));
        ctx.insert("from", &self.version_view(page, doc, from, lang));
        ctx.insert("to", &self.version_view(page, doc, to, lang));
        ctx.insert("consecutive", &(from + 1 == to));
        let (unchanged, changed): (Vec<_>, Vec<_>) =
            changes.into_iter().partition(|c| c.status == changes::Status::Unchanged && !c.moved);
        ctx.insert("changes", &changed);
        ctx.insert("unchanged", &unchanged);
    }

    fn alternates(&self, page: Page) -> Vec<Alternate> {
        let current = Self::lang_of(page);
        (0..self.site.config.languages.len())
            .map(|lang| {
                let there = Self::with_lang(page, lang);
                let exists = self.exists(there);
                let target = if exists && page != Page::Root && page != Page::NotFound {
                    there
                } else {
                    Page::Center(lang)
                };
                let dir = self.dir(target);
                Alternate {
                    lang: self.code(lang).to_string(),
                    name: self
                        .strings
                        .format(lang, "language-name", &[])
                        .unwrap_or_else(|| self.code(lang).to_string()),
                    url: self.relative(page, &dir),
                    href: format!("{}{dir}", self.base_url),
                    current: current == Some(lang),
                    exists,
                }
            })
            .collect()
    }

    fn common(&self, page: Page) -> Context {
        let config = &self.site.config;
        let lang = Self::lang_of(page).unwrap_or(config.authoritative);
        let auth = config.authoritative;
        let mut ctx = Context::new();
        let dir = self.dir(page);
        ctx.insert("lang", self.code(lang));
        ctx.insert("rtl", &is_rtl(self.code(lang)));
        // An untranslated section shows the binding text, in its own direction.
        ctx.insert("authoritative_rtl", &is_rtl(config.authoritative_code()));
        ctx.insert("authoritative", config.authoritative_code());
        ctx.insert("is_translation", &(lang != auth && page != Page::Root && page != Page::NotFound));
        let root = match page {
            Page::NotFound => crate::config::url_path(&self.base_url).to_string(),
            _ => "../".repeat(dir.matches('/').count()),
        };
        ctx.insert("root", &root);
        ctx.insert("lang_root", &self.relative(page, &format!("{}/", self.code(lang))));
        ctx.insert(
            "canonical",
            &format!("{}{}", self.base_url, if page == Page::NotFound { "404.html" } else { &dir }),
        );
        ctx.insert("x_default", &format!("{}{}", self.base_url, self.dir(Self::with_lang(page, auth))));
        ctx.insert("alternates", &self.alternates(page));
        ctx.insert("binding_url", &self.relative(page, &self.dir(Self::with_lang(page, auth))));
        ctx.insert("site_name", &config.name);
        ctx.insert("csp", CSP);
        ctx.insert("feed_url", &self.relative(page, &format!("{}/feed.xml", self.code(lang))));
        ctx
    }

    fn summary(&self, from: Page, doc: usize, lang: Lang) -> Option<DocSummary> {
        let t = &self.timelines[doc];
        let v = t.shown?;
        let d = self.doc(doc);
        let upcoming = match t.current {
            Some(c) => (c + 1..t.published).collect::<Vec<_>>(),
            None => (0..t.published).collect(),
        };
        Some(DocSummary {
            slug: d.slug.clone(),
            title: self.title(doc, v, lang),
            url: self.relative(from, &self.dir(Page::Document { doc, lang, version: None })),
            history_url: self.relative(from, &self.dir(Page::History { doc, lang })),
            version: self.version_view(from, doc, v, lang),
            modified: self.dates.text(lang, t.modified[v].document[lang]),
            sections: d.versions[v].text.sections.len(),
            upcoming: upcoming.into_iter().map(|u| self.version_view(from, doc, u, lang)).collect(),
            withdrawn: t.withdrawn.map(|w| self.dates.text(lang, w)),
        })
    }

    fn version_view(&self, from: Page, doc: usize, v: usize, lang: Lang) -> VersionView {
        let t = &self.timelines[doc];
        let version: &Version = &self.doc(doc).versions[v];
        let auth = self.site.config.authoritative;
        let notes = version.text.notes[lang].or(version.text.notes[auth]);
        let lang_root = self.relative(from, &format!("{}/", self.code(lang)));
        let status = match t.current {
            _ if t.withdrawn.is_some() => "archived",
            Some(c) if c == v => "current",
            Some(c) if v < c => "archived",
            _ => "upcoming",
        };
        VersionView {
            number: version.number,
            kind: version.kind,
            date: self.dates.text(lang, version.date),
            effective: self.dates.text(lang, version.effective),
            url: self.relative(from, &self.dir(Page::Document { doc, lang, version: Some(v) })),
            changes_url: self
                .exists(Page::Changes { doc, lang, version: v })
                .then(|| self.relative(from, &self.dir(Page::Changes { doc, lang, version: v }))),
            compare_url: self
                .exists(Page::Compare { doc, lang, from: v })
                .then(|| self.relative(from, &self.dir(Page::Compare { doc, lang, from: v }))),
            status,
            draft: t.draft == Some(v),
            notes_title: notes.and_then(|n| self.site.text(n).title.clone()),
            notes_html: notes.map(|n| self.html[n].html_at(&lang_root).into_owned()),
            pdf: self.pdfs.get(&(doc, lang, v)).map(|made| PdfView {
                url: self.relative(from, &made.path),
                kb: made.size.div_ceil(1000).max(1),
            }),
        }
    }

    fn preamble(&self, from: Page, doc: usize, v: usize, lang: Lang) -> Option<String> {
        let id = self.doc(doc).versions[v].text.index[lang]?;
        let html = &self.html[id];
        (!self.site.text(id).body.trim().is_empty())
            .then(|| html.html_at(&self.lang_root(from, lang)).into_owned())
    }

    fn sections(&self, from: Page, doc: usize, v: usize, lang: Lang) -> Vec<SectionView> {
        let auth = self.site.config.authoritative;
        let lang_root = self.lang_root(from, lang);
        let modified = &self.timelines[doc].modified[v];
        let rev = &self.doc(doc).versions[v].text;
        let version_page = self.relative(from, &self.dir(Page::Document { doc, lang, version: Some(v) }));
        let taken = page_ids(rev, self.html, lang, auth);
        rev.sections
            .iter()
            .filter_map(|s| {
                let id = s.texts[lang].or(s.texts[auth])?;
                let text = self.site.text(id);
                let former = self.timelines[doc].former[v].get(&s.slug).into_iter().flatten();
                Some(SectionView {
                    slug: s.slug.clone(),
                    title: text.title.clone().unwrap_or_default(),
                    summary: self.html[id].summary_at(&lang_root),
                    former: former.filter(|f| !taken.contains(*f)).cloned().collect(),
                    permalink: format!("{version_page}#{}", s.slug),
                    html: self.html[id].html_at(&lang_root).into_owned(),
                    modified: self
                        .dates
                        .text(lang, modified.sections.get(&s.slug).map_or(self.build_date, |d| d[lang])),
                    untranslated: s.texts[lang].is_none(),
                    outdated: lang != auth
                        && s.texts[auth].is_some_and(|a| {
                            matches!(
                                translation::state(&self.site.texts, a, s.texts[lang]),
                                translation::State::Outdated | translation::State::Unmarked
                            )
                        }),
                })
            })
            .collect()
    }
}

/// Ids a document page gives its sections and their bodies besides the
/// slugs: a former slug equal to one of them is left out.
fn page_ids(rev: &Revision, html: &[crate::parse::Rendered], lang: Lang, auth: Lang) -> HashSet<String> {
    let mut ids: HashSet<String> = ["main", "toc-title", "glance_title"].map(String::from).into();
    ids.extend(rev.sections.iter().map(|s| format!("{}-title", s.slug)));
    let shown = rev.sections.iter().filter_map(|s| s.texts[lang].or(s.texts[auth]));
    for id in shown.chain(rev.index[lang]) {
        ids.extend(html[id].facts.ids.iter().cloned());
    }
    ids
}
