//! The data each template sees, built only when its page is rendered; and
//! the same data as a digest, each text standing for its HTML by what it is
//! made from ([`Data::Digest`]): what the page shows, which keeps a page
//! whose document changed elsewhere (a release leaves its older versions'
//! pages as they were).

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::Context;

use crate::load::texts::hex;
use crate::render::changes;
use crate::render::dates::DateText;
use crate::render::keys::{Hashing, Key, Keys};
use crate::render::langnames::is_rtl;
use crate::render::pages::{CSP, Page, Pages};
use crate::site::{Kind, Lang, Revision, TextId, Version};
use crate::translation;

/// Where a page's data goes: into the context its template renders, or
/// into a digest of it, in which each text stands for its HTML by its key
/// ([`Keys::text`]), so that no HTML is copied and no word diff made.
pub(crate) enum Data<'k> {
    Context(Context),
    Digest(Hashing, &'k Keys),
}

impl Data<'_> {
    fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match self {
            Data::Context(ctx) => ctx.insert(name, value),
            Data::Digest(h, _) => {
                let _ = write!(h, "{name}\0");
                let _ = serde_json::to_writer(&mut *h, value);
            }
        }
    }
}

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

/// A document as the page of one of its versions (or of what changed in
/// one) shows it: its name and where it is, nothing of its later releases,
/// so that a release leaves the pages of the versions before it as they were.
#[derive(Serialize)]
struct DocLink {
    slug: String,
    title: String,
    url: String,
    history_url: String,
    /// The day the document left the center, if it did.
    withdrawn: Option<DateText>,
}

/// A document as the center, its current page and its history show it.
#[derive(Serialize)]
struct DocSummary {
    #[serde(flatten)]
    link: DocLink,
    version: VersionView,
    modified: DateText,
    sections: usize,
    upcoming: Vec<VersionView>,
}

impl Pages<'_> {
    /// The template and context of a page.
    pub(crate) fn context(&self, page: Page) -> (&'static str, Context) {
        let mut data = Data::Context(Context::new());
        let template = self.data(page, &mut data);
        let Data::Context(ctx) = data else { return (template, Context::new()) };
        (template, ctx)
    }

    /// What a page shows, its template, and what every page is made from
    /// (`keys.common()`: configuration, strings, templates), as a digest: a
    /// page whose document changed is kept if this did not.
    pub(crate) fn shown(&self, page: Page, keys: &Keys) -> Key {
        let mut h = Hashing(Sha256::new());
        h.0.update(keys.common());
        let mut data = Data::Digest(h, keys);
        let template = self.data(page, &mut data);
        let Data::Digest(mut h, _) = data else { return [0; 32] };
        h.0.update(template.as_bytes());
        h.0.finalize().into()
    }

    /// Puts the data of `page` into `data`; returns its template.
    fn data(&self, page: Page, data: &mut Data<'_>) -> &'static str {
        self.common(page, data);
        match page {
            Page::Root => {
                data.insert("languages", &self.alternates(page));
                "index.html"
            }
            Page::NotFound => {
                data.insert("languages", &self.alternates(page));
                "404.html"
            }
            Page::Center(lang) => {
                let docs: Vec<DocSummary> = (0..self.site.docs.len())
                    .filter(|&d| self.exists(Page::Document { doc: d, lang, version: None }))
                    .filter(|&d| self.timelines[d].withdrawn.is_none())
                    .filter_map(|d| self.summary(page, d, lang, data))
                    .collect();
                data.insert("documents", &docs);
                "center.html"
            }
            Page::Document { doc, lang, version } => {
                let t = &self.timelines[doc];
                let Some(v) = version.or(t.shown) else {
                    return "document.html";
                };
                match version {
                    None => data.insert("doc", &self.summary(page, doc, lang, data)),
                    Some(_) => data.insert("doc", &self.doc_link(page, doc, lang)),
                }
                if version.is_none() && t.withdrawn.is_some() {
                    let versions: Vec<VersionView> =
                        (0..t.published).rev().map(|v| self.version_view(page, doc, v, lang, data)).collect();
                    data.insert("versions", &versions);
                    return "withdrawn.html";
                }
                data.insert("version", &self.version_view(page, doc, v, lang, data));
                data.insert("is_current_page", &version.is_none());
                data.insert("preamble", &self.preamble(page, doc, v, lang, data));
                let sections = self.sections(page, doc, v, lang, data);
                data.insert("has_summaries", &sections.iter().any(|s| s.summary.is_some()));
                // When every section has a summary, the table is the contents too.
                data.insert("all_summarised", &sections.iter().all(|s| s.summary.is_some()));
                data.insert("sections", &sections);
                data.insert("modified", &self.dates.text(lang, t.modified[v].document[lang]));
                "document.html"
            }
            Page::Changes { doc, lang, version } => {
                self.changes_context(data, page, doc, lang, version - 1, version);
                "changes.html"
            }
            Page::Compare { doc, lang, from } => {
                let to = self.timelines[doc].shown.unwrap_or(from);
                self.changes_context(data, page, doc, lang, from, to);
                "changes.html"
            }
            Page::History { doc, lang } => {
                let t = &self.timelines[doc];
                let versions: Vec<VersionView> =
                    (0..t.published).rev().map(|v| self.version_view(page, doc, v, lang, data)).collect();
                data.insert("doc", &self.summary(page, doc, lang, data));
                data.insert("versions", &versions);
                data.insert("section_timelines", &self.section_timelines(page, doc, lang));
                "history.html"
            }
        }
    }

    fn changes_context(
        &self,
        data: &mut Data<'_>,
        page: Page,
        doc: usize,
        lang: Lang,
        from: usize,
        to: usize,
    ) {
        let versions = &self.doc(doc).versions;
        data.insert("doc", &self.doc_link(page, doc, lang));
        data.insert("from", &self.version_view(page, doc, from, lang, data));
        data.insert("to", &self.version_view(page, doc, to, lang, data));
        data.insert("consecutive", &(from + 1 == to));
        let lang_root = self.lang_root(page, lang);
        let version = self.relative(page, &self.dir(Page::Document { doc, lang, version: Some(to) }));
        let summary_label = self.strings.format(lang, "summary-label", &[]).unwrap_or_default();
        let former = &self.timelines[doc].former[to];
        if let Data::Digest(h, keys) = data {
            // What the comparison is made from, in place of its word diffs.
            let auth = self.site.config.authoritative;
            h.0.update(keys.revision(&versions[from].text, lang, auth));
            h.0.update(keys.revision(&versions[to].text, lang, auth));
            let _ = write!(h, "{lang_root}\0{version}\0{summary_label}\0");
            let _ = serde_json::to_writer(&mut *h, former);
            return;
        }
        let links =
            changes::Links { lang_root: &lang_root, version: &version, summary_label: &summary_label };
        let mut changes =
            changes::compare(&self.texts(), &versions[from].text, &versions[to].text, lang, &links);
        let on_page: HashSet<String> = changes.iter().map(|c| c.slug.clone()).collect();
        for c in changes.iter_mut().filter(|c| c.status != changes::Status::Removed) {
            let kept = former.get(&c.slug).into_iter().flatten().filter(|f| !on_page.contains(*f));
            c.former = kept.cloned().collect();
        }
        let (unchanged, changed): (Vec<_>, Vec<_>) =
            changes.into_iter().partition(|c| c.status == changes::Status::Unchanged && !c.moved);
        data.insert("changes", &changed);
        data.insert("unchanged", &unchanged);
    }

    /// Text `id`'s HTML with its links from `lang_root`; in a digest, what it is made from.
    fn html_of(&self, data: &Data<'_>, id: TextId, lang_root: &str) -> String {
        match data {
            Data::Context(_) => self.html.get(id).html_at(lang_root).into_owned(),
            Data::Digest(_, keys) => format!("{}@{lang_root}", hex(keys.text(id))),
        }
    }

    /// Text `id`'s summary, if it has one, as [`Pages::html_of`] its HTML.
    fn summary_of(&self, data: &Data<'_>, id: TextId, lang_root: &str) -> Option<String> {
        match data {
            Data::Context(_) => self.html.get(id).summary_at(lang_root),
            Data::Digest(..) => self
                .html
                .get(id)
                .summary
                .as_ref()
                .map(|_| format!("summary of {}", self.html_of(data, id, lang_root))),
        }
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

    fn common(&self, page: Page, ctx: &mut Data<'_>) {
        let config = &self.site.config;
        let lang = Self::lang_of(page).unwrap_or(config.authoritative);
        let auth = config.authoritative;
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
    }

    fn doc_link(&self, from: Page, doc: usize, lang: Lang) -> DocLink {
        let t = &self.timelines[doc];
        DocLink {
            slug: self.doc(doc).slug.clone(),
            title: t.shown.map_or_else(|| self.doc(doc).slug.clone(), |v| self.title(doc, v, lang)),
            url: self.relative(from, &self.dir(Page::Document { doc, lang, version: None })),
            history_url: self.relative(from, &self.dir(Page::History { doc, lang })),
            withdrawn: t.withdrawn.map(|w| self.dates.text(lang, w)),
        }
    }

    fn summary(&self, from: Page, doc: usize, lang: Lang, data: &Data<'_>) -> Option<DocSummary> {
        let t = &self.timelines[doc];
        let v = t.shown?;
        let upcoming = match t.current {
            Some(c) => (c + 1..t.published).collect::<Vec<_>>(),
            None => (0..t.published).collect(),
        };
        Some(DocSummary {
            link: self.doc_link(from, doc, lang),
            version: self.version_view(from, doc, v, lang, data),
            modified: self.dates.text(lang, t.modified[v].document[lang]),
            sections: self.doc(doc).versions[v].text.sections.len(),
            upcoming: upcoming.into_iter().map(|u| self.version_view(from, doc, u, lang, data)).collect(),
        })
    }

    fn version_view(&self, from: Page, doc: usize, v: usize, lang: Lang, data: &Data<'_>) -> VersionView {
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
            notes_html: notes.map(|n| self.html_of(data, n, &lang_root)),
            pdf: self.pdfs.get(&(doc, lang, v)).map(|made| PdfView {
                url: self.relative(from, &made.path),
                kb: made.size.div_ceil(1000).max(1),
            }),
        }
    }

    fn preamble(&self, from: Page, doc: usize, v: usize, lang: Lang, data: &Data<'_>) -> Option<String> {
        let id = self.doc(doc).versions[v].text.index[lang]?;
        (!self.site.text(id).blank).then(|| self.html_of(data, id, &self.lang_root(from, lang)))
    }

    fn sections(&self, from: Page, doc: usize, v: usize, lang: Lang, data: &Data<'_>) -> Vec<SectionView> {
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
                    summary: self.summary_of(data, id, &lang_root),
                    former: former.filter(|f| !taken.contains(*f)).cloned().collect(),
                    permalink: format!("{version_page}#{}", s.slug),
                    html: self.html_of(data, id, &lang_root),
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
fn page_ids(rev: &Revision, html: &dyn crate::parse::Parsed, lang: Lang, auth: Lang) -> HashSet<String> {
    let mut ids: HashSet<String> = ["main", "toc-title", "glance_title"].map(String::from).into();
    ids.extend(rev.sections.iter().map(|s| format!("{}-title", s.slug)));
    let shown = rev.sections.iter().filter_map(|s| s.texts[lang].or(s.texts[auth]));
    for id in shown.chain(rev.index[lang]) {
        ids.extend(html.get(id).facts.ids.iter().cloned());
    }
    ids
}
