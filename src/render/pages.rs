//! Which pages a build has and where they go. Pages are small values
//! ([`Page`]); their template data is built in `context` only when the page
//! is rendered, so the build never holds every context.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::parse::Parsed;
use crate::render::changes;
use crate::render::dates::Dates;
use crate::render::i18n::Strings;
use crate::render::modified::{self, Modified};
use crate::site::{Document, Kind, Lang, Site, Text, Version};

/// The Content-Security-Policy every page carries: nothing from another host, no script.
pub(crate) const CSP: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Page {
    /// `/`: the choice of language.
    Root,
    /// `/<lang>/`: the privacy center.
    Center(Lang),
    /// `/<lang>/<doc>/` (`version: None`, the current one) or `/<lang>/<doc>/v<N>/`.
    Document { doc: usize, lang: Lang, version: Option<usize> },
    /// `/<lang>/<doc>/history/`.
    History { doc: usize, lang: Lang },
    /// `/<lang>/<doc>/v<N>/changes/`: from version N-1 to N (`version` ≥ 1).
    Changes { doc: usize, lang: Lang, version: usize },
    /// `/<lang>/<doc>/compare/v<A>/`: from version A to the one `/<lang>/<doc>/` shows.
    Compare { doc: usize, lang: Lang, from: usize },
    /// `/404.html`.
    NotFound,
}

impl Page {
    /// A version's own page and its changes page: a later release of their
    /// document changes their key, not what they show, so what they show is
    /// recorded whenever they are rendered (see `render::FileKey`).
    pub(crate) fn outlasts_releases(self) -> bool {
        matches!(self, Page::Document { version: Some(_), .. } | Page::Changes { .. })
    }

    /// The page as four numbers, for a digest of many: which kind, and its
    /// document, language and version (`u64::MAX` where it has none).
    pub(crate) fn words(self) -> [u64; 4] {
        let none = u64::MAX;
        let n = |i: usize| i as u64;
        match self {
            Page::Root => [0, none, none, none],
            Page::NotFound => [1, none, none, none],
            Page::Center(lang) => [2, none, n(lang), none],
            Page::Document { doc, lang, version } => [3, n(doc), n(lang), version.map_or(none, n)],
            Page::History { doc, lang } => [4, n(doc), n(lang), none],
            Page::Changes { doc, lang, version } => [5, n(doc), n(lang), n(version)],
            Page::Compare { doc, lang, from } => [6, n(doc), n(lang), n(from)],
        }
    }
}

/// What the build date makes of a document's versions.
pub(crate) struct Timeline {
    /// Versions published by the build date (a prefix of all versions).
    pub(crate) published: usize,
    /// The version in effect, if any.
    pub(crate) current: Option<usize>,
    /// What `/<lang>/<doc>/` shows: the current version, else the first announced one.
    pub(crate) shown: Option<usize>,
    pub(crate) modified: Vec<Modified>,
    /// Per version, each section's former slugs (see `crate::anchors`).
    pub(crate) former: Vec<crate::anchors::Former>,
    /// The version that is the unreleased working copy (previews only: see [`with_draft`]).
    pub(crate) draft: Option<usize>,
    /// The day the document was withdrawn, if that day has come.
    pub(crate) withdrawn: Option<NaiveDate>,
}

impl Timeline {
    pub(crate) fn new(site: &Site, doc: &Document, date: NaiveDate) -> Timeline {
        let published = doc.versions.iter().take_while(|v| v.date <= date).count();
        let current = doc.versions[..published].iter().rposition(|v| v.effective <= date);
        let shown = current.or((published > 0).then_some(0));
        let modified =
            modified::compute(doc, &site.texts, site.config.languages.len(), site.config.authoritative);
        let revisions: Vec<&crate::site::Revision> = doc.versions.iter().map(|v| &v.text).collect();
        let former = crate::anchors::former_slugs(&revisions, &site.texts, site.config.authoritative);
        Timeline {
            published,
            current,
            shown,
            modified,
            former,
            draft: None,
            withdrawn: doc.withdrawn_by(date),
        }
    }

    /// The timeline of a document as a preview shows it ([`with_draft`]).
    pub(crate) fn preview(site: &Site, doc: &Document, date: NaiveDate, drafted: bool) -> Timeline {
        let mut t = Timeline::new(site, doc, date);
        if drafted {
            t.draft = doc.versions.len().checked_sub(1).filter(|&v| v < t.published);
        }
        t
    }
}

/// For previews: the document with its working copy appended as the next
/// version, as if released on `date` (or on the latest version's dates, if
/// those are later), when the working copy differs from the latest released
/// version or nothing is released yet. `None` when there is nothing unreleased.
pub(crate) fn with_draft(doc: &Document, texts: &[Text], date: NaiveDate) -> Option<Document> {
    if !doc.has_unreleased_changes(texts) {
        return None;
    }
    let draft = doc.draft.clone()?;
    let latest = doc.latest();
    let mut doc = doc.clone();
    doc.versions.push(Version {
        number: doc.versions.len() as u32 + 1,
        kind: Kind::Minor,
        date: latest.map_or(date, |l| l.date.max(date)),
        effective: latest.map_or(date, |l| l.effective.max(date)),
        text: draft,
        dir: format!("{}/{}", crate::load::CONTENT, doc.slug),
        digests: Default::default(),
    });
    Some(doc)
}

pub(crate) struct Pages<'a> {
    pub(crate) site: &'a Site,
    /// The site's documents, in a preview with their drafts ([`with_draft`]).
    pub(crate) docs: Vec<Cow<'a, Document>>,
    pub(crate) dates: &'a Dates,
    pub(crate) strings: &'a Strings,
    pub(crate) html: &'a dyn Parsed,
    pub(crate) timelines: Vec<std::sync::Arc<Timeline>>,
    pub(crate) base_url: String,
    pub(crate) build_date: NaiveDate,
    /// What a preview keeps from render to render, or this render's own.
    pub(crate) kept: &'a crate::render::carry::Kept,
    /// The PDFs of the build, once typeset (none with `pdf = false`).
    pub(crate) pdfs: crate::render::pdf::Index,
}

impl<'a> Pages<'a> {
    /// Every page of the build, in output order.
    pub(crate) fn all(&self) -> Vec<Page> {
        let mut pages = vec![Page::Root, Page::NotFound];
        for lang in 0..self.site.config.languages.len() {
            pages.push(Page::Center(lang));
            for (d, t) in self.timelines.iter().enumerate() {
                if !self.exists(Page::Document { doc: d, lang, version: None }) {
                    continue;
                }
                pages.push(Page::Document { doc: d, lang, version: None });
                pages.push(Page::History { doc: d, lang });
                for from in 0..t.shown.unwrap_or(0) {
                    let page = Page::Compare { doc: d, lang, from };
                    if self.exists(page) {
                        pages.push(page);
                    }
                }
                for v in 0..t.published {
                    let page = Page::Document { doc: d, lang, version: Some(v) };
                    if self.exists(page) {
                        pages.push(page);
                        if v > 0 {
                            pages.push(Page::Changes { doc: d, lang, version: v });
                        }
                    }
                }
            }
        }
        pages
    }

    pub(crate) fn doc(&self, d: usize) -> &Document {
        &self.docs[d]
    }

    pub(crate) fn code(&self, lang: Lang) -> &'a str {
        &self.site.config.languages[lang]
    }

    /// The folder of a page relative to the site root (`en/privacy-policy/`).
    pub(crate) fn dir(&self, page: Page) -> String {
        match page {
            Page::Root | Page::NotFound => String::new(),
            Page::Center(l) => format!("{}/", self.code(l)),
            Page::Document { doc, lang, version: None } => {
                format!("{}/{}/", self.code(lang), self.doc(doc).slug)
            }
            Page::Document { doc, lang, version: Some(v) } => {
                format!("{}/{}/v{}/", self.code(lang), self.doc(doc).slug, v + 1)
            }
            Page::History { doc, lang } => {
                format!("{}/{}/history/", self.code(lang), self.doc(doc).slug)
            }
            Page::Changes { doc, lang, version } => {
                format!("{}/{}/v{}/changes/", self.code(lang), self.doc(doc).slug, version + 1)
            }
            Page::Compare { doc, lang, from } => {
                format!("{}/{}/compare/v{}/", self.code(lang), self.doc(doc).slug, from + 1)
            }
        }
    }

    /// The output file of a page.
    pub(crate) fn file(&self, page: Page) -> String {
        match page {
            Page::NotFound => "404.html".to_string(),
            _ => format!("{}index.html", self.dir(page)),
        }
    }

    /// The language of a page; `None` for the language-neutral ones.
    pub(crate) fn lang_of(page: Page) -> Option<Lang> {
        match page {
            Page::Center(l)
            | Page::Document { lang: l, .. }
            | Page::History { lang: l, .. }
            | Page::Changes { lang: l, .. }
            | Page::Compare { lang: l, .. } => Some(l),
            Page::Root | Page::NotFound => None,
        }
    }

    /// The newest date that changed what a page shows, for sitemaps.
    pub(crate) fn lastmod(&self, page: Page) -> Option<NaiveDate> {
        let latest_doc = |d: usize, l: Lang| {
            let t = &self.timelines[d];
            let newest = t.published.checked_sub(1)?;
            let shown = t.shown?;
            Some(t.modified[shown].document[l].max(self.doc(d).versions[newest].date))
        };
        match page {
            Page::Root | Page::NotFound => {
                (0..self.site.docs.len()).filter_map(|d| latest_doc(d, self.site.config.authoritative)).max()
            }
            Page::Center(l) => (0..self.site.docs.len()).filter_map(|d| latest_doc(d, l)).max(),
            Page::Document { doc, lang, version: None } | Page::History { doc, lang } => {
                latest_doc(doc, lang)
            }
            Page::Document { doc, lang, version: Some(v) } => {
                Some(self.timelines[doc].modified[v].document[lang])
            }
            Page::Changes { doc, version, .. } => Some(self.doc(doc).versions[version].date),
            Page::Compare { doc, lang, .. } => latest_doc(doc, lang),
        }
    }

    pub(crate) fn with_lang(page: Page, lang: Lang) -> Page {
        match page {
            Page::Root | Page::NotFound => page,
            Page::Center(_) => Page::Center(lang),
            Page::Document { doc, version, .. } => Page::Document { doc, lang, version },
            Page::History { doc, .. } => Page::History { doc, lang },
            Page::Changes { doc, version, .. } => Page::Changes { doc, lang, version },
            Page::Compare { doc, from, .. } => Page::Compare { doc, lang, from },
        }
    }

    pub(crate) fn exists(&self, page: Page) -> bool {
        let shown_has = |doc: usize, lang: Lang| {
            self.timelines[doc].shown.is_some_and(|v| self.doc(doc).versions[v].text.has_lang(lang))
        };
        match page {
            Page::Root | Page::NotFound | Page::Center(_) => true,
            Page::Document { doc, lang, version: None } | Page::History { doc, lang } => shown_has(doc, lang),
            // A withdrawn document has no current version to compare with.
            Page::Compare { doc, lang, from } => {
                self.timelines[doc].withdrawn.is_none()
                    && shown_has(doc, lang)
                    && self.timelines[doc].shown.is_some_and(|s| from < s)
                    && self.doc(doc).versions[from].text.has_lang(lang)
            }
            Page::Changes { doc, lang, version } => {
                version >= 1
                    && self.exists(Page::Document { doc, lang, version: Some(version) })
                    && self.doc(doc).versions[version - 1].text.has_lang(lang)
            }
            Page::Document { doc, lang, version: Some(v) } => {
                v < self.timelines[doc].published && self.doc(doc).versions[v].text.has_lang(lang)
            }
        }
    }

    /// Every section change from `from` to `to` with links absolute from `base_url`, for feeds.
    pub(crate) fn changes_absolute(
        &self,
        doc: usize,
        lang: Lang,
        from: usize,
        to: usize,
    ) -> Vec<changes::SectionChange> {
        let versions = &self.doc(doc).versions;
        let lang_root = format!("{}{}/", self.base_url, self.code(lang));
        let version =
            format!("{}{}", self.base_url, self.dir(Page::Document { doc, lang, version: Some(to) }));
        let label = self.strings.format(lang, "summary-label", &[]).unwrap_or_default();
        let links = changes::Links { lang_root: &lang_root, version: &version, summary_label: &label };
        changes::compare(&self.texts(), &versions[from].text, &versions[to].text, lang, &links)
    }

    pub(super) fn texts(&self) -> changes::Texts<'_> {
        changes::Texts { site: self.site, html: self.html, cache: &self.kept.diffs }
    }

    pub(super) fn relative(&self, from: Page, to: &str) -> String {
        if from == Page::NotFound {
            // 404.html is served at any path: only site-absolute links work there.
            return format!("{}{to}", crate::config::url_path(&self.base_url));
        }
        let from = self.dir(from);
        let common = from
            .split_inclusive('/')
            .zip(to.split_inclusive('/'))
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len())
            .sum::<usize>();
        let up = from[common..].matches('/').count();
        let url = format!("{}{}", "../".repeat(up), &to[common..]);
        if url.is_empty() { "./".to_string() } else { url }
    }

    pub(crate) fn title(&self, doc: usize, v: usize, lang: Lang) -> String {
        let rev = &self.doc(doc).versions[v].text;
        let auth = self.site.config.authoritative;
        rev.index[lang]
            .or(rev.index[auth])
            .and_then(|t| self.site.text(t).title.clone())
            .unwrap_or_else(|| self.doc(doc).slug.clone())
    }

    pub(super) fn lang_root(&self, from: Page, lang: Lang) -> String {
        self.relative(from, &format!("{}/", self.code(lang)))
    }
}
