//! &Site → Output: every page, feed and file of the published site, in memory
//! and sorted by path. No IO here; `write` puts the output on disk.

pub(crate) mod carry;
pub(crate) mod changes;
pub(crate) mod context;
pub(crate) mod dates;
pub(crate) mod feeds;
pub(crate) mod htmldiff;
pub(crate) mod i18n;
pub(crate) mod keys;
pub(crate) mod langnames;
pub(crate) mod modified;
pub(crate) mod pages;
pub(crate) mod pdf;
pub(crate) mod templates;
pub(crate) mod timelines;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::site::{Document, Site};
use keys::{Key, Keys};
use pages::{Page, Pages, Timeline};

/// Output path (relative, `/`-separated) → file contents, shared: a render
/// in memory hands on what it takes from the last one without copying it.
pub(crate) type Output = BTreeMap<String, Arc<[u8]>>;

pub(crate) struct BuildOptions {
    /// The day the site is built for: decides which versions are published and in effect.
    pub(crate) date: NaiveDate,
    /// Overrides `base_url` of privsite.toml.
    pub(crate) base_url: Option<String>,
    /// A preview (`serve`): each document's unreleased working copy is shown
    /// as its next version, marked as a draft. Never for `build`.
    pub(crate) drafts: bool,
    /// Where PDFs are kept between builds (the build cache); `None`: typeset every one.
    pub(crate) pdf_store: Option<Arc<dyn pdf::Store>>,
}

/// Files for static hosts that are not pages: served, never linked.
pub(crate) const HOSTING_FILES: [&str; 2] = ["_headers", ".nojekyll"];

/// An output file as a [`Sink`] receives it.
pub(crate) enum File {
    /// Its bytes, rendered now.
    Bytes(Vec<u8>),
    /// Taken from an earlier render in memory, as it is.
    Shared(Arc<[u8]>),
    /// Made from the same inputs as the file of that path in the output
    /// folder being replaced, and still intact there with this stamp: the
    /// writer keeps it.
    Kept(crate::load::stamp::Stamp),
    /// As `Kept`, and the output folder recycled as the new one (see
    /// `write`) holds that very file already, with this stamp: the writer
    /// has nothing to do.
    Recycled(crate::load::stamp::Stamp),
}

/// Receives each output file as soon as it is rendered, from any thread.
pub(crate) type Sink<'a> = dyn Fn(String, File) -> Result<(), Diagnostic> + Sync + 'a;

/// The whole site in memory; `html` gives each text's HTML.
pub(crate) fn render(
    site: &Site,
    html: &dyn crate::parse::Parsed,
    options: &BuildOptions,
    earlier: Option<&dyn Earlier>,
    kept: &carry::Kept,
) -> Result<(Output, Made), Diagnostics> {
    let output = Mutex::new(Output::new());
    let made = render_to(site, html, options, earlier, kept, &|path, file| {
        let bytes = match file {
            File::Bytes(bytes) => bytes.into(),
            File::Shared(bytes) => bytes,
            // Only an output folder keeps files; an earlier render in memory hands bytes.
            File::Kept(_) | File::Recycled(_) => {
                return Err(Diagnostic::error(format!("{path}: no output folder to keep it in")));
            }
        };
        if let Ok(mut o) = output.lock() {
            o.insert(path, bytes);
        }
        Ok(())
    })?;
    Ok((output.into_inner().unwrap_or_default(), made))
}

/// What a file was made from ([`Keys`]) and what its page showed
/// ([`Pages::shown`]): a page whose document changed elsewhere is kept if it
/// shows the same. It is worked out for a page whose inputs changed, and
/// for a page that outlasts releases ([`Page::outlasts_releases`]) whenever
/// it is rendered, the first build's included: without it, a document's
/// first release would render its whole history again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct FileKey {
    pub(crate) inputs: Key,
    pub(crate) shown: Option<Key>,
}

impl FileKey {
    /// This key, if it stands for a file made from `inputs`, or for a page
    /// that showed what `shown` works out; with the key to record for it now.
    pub(crate) fn same(&self, inputs: &Key, shown: &dyn Fn() -> Option<Key>) -> Option<FileKey> {
        if self.inputs == *inputs {
            return Some(*self);
        }
        // Asked for even without a recorded one, to record it for the next render.
        let now = shown()?;
        (self.shown == Some(now)).then_some(FileKey { inputs: *inputs, shown: Some(now) })
    }
}

/// Files of an earlier render that may stand in for new ones (`serve` keeps
/// its last render, `build` the output folder): only a file made from the
/// same inputs, or a page that shows the same, is taken.
pub(crate) trait Earlier: Sync {
    /// The file at `path`, if it was made from `inputs` or, failing that,
    /// showed what `shown` works out (asked for only then, and `None` for
    /// files that are not pages); with the key to record for it.
    fn reuse(&self, path: &str, inputs: &Key, shown: &dyn Fn() -> Option<Key>) -> Option<(File, FileKey)>;

    /// A document's timeline, if it was worked out from `key` ([`Keys::doc`]).
    fn timeline(&self, _key: &Key) -> Option<Arc<Timeline>> {
        None
    }
}

/// What a render made: the number of pages, how many of them were taken
/// from an earlier render, and what each file was made from.
pub(crate) struct Made {
    pub(crate) pages: usize,
    pub(crate) reused: usize,
    pub(crate) keys: BTreeMap<String, FileKey>,
    /// Each document's timeline, by what it was worked out from.
    pub(crate) timelines: Vec<(Key, Arc<Timeline>)>,
}

/// What a build renders: the pages, and the files about the whole site.
#[derive(Clone, Copy)]
enum Job {
    Page(Page),
    Feed(usize),
    Sitemap,
    Manifest,
}

/// Renders every file of the site into `sink` (pages on every core, as they
/// are done, so a large site is never held in memory whole); returns the
/// number of pages. What `kept` holds of an earlier render is taken from
/// it, and it is left holding what this render used.
pub(crate) fn render_to(
    site: &Site,
    html: &dyn crate::parse::Parsed,
    options: &BuildOptions,
    earlier: Option<&dyn Earlier>,
    kept: &carry::Kept,
    sink: &Sink<'_>,
) -> Result<Made, Diagnostics> {
    let strings = Arc::new(i18n::Strings::new(site));
    let dates = dates::Dates::new(&site.config.languages);
    let mut base_url = options.base_url.clone().unwrap_or_else(|| site.config.base_url.clone());
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let docs: Vec<Cow<'_, Document>> = site
        .docs
        .iter()
        .map(|d| match options.drafts.then(|| pages::with_draft(d, &site.texts, options.date)).flatten() {
            Some(drafted) => Cow::Owned(drafted),
            None => Cow::Borrowed(d),
        })
        .collect();
    // Compiling the templates takes a core about a millisecond: a small
    // site's whole render waits for it unless it runs beside the keys.
    let (tera, (keys, timelines)) = rayon::join(
        || templates::build(&site.theme, &site.config.languages, Arc::clone(&strings)),
        || {
            let keys = Keys::new(site, &docs, options);
            let timelines: Vec<Arc<Timeline>> = docs
                .par_iter()
                .enumerate()
                .map(|(d, doc)| {
                    earlier.and_then(|e| e.timeline(&keys.doc(d))).unwrap_or_else(|| {
                        Arc::new(Timeline::preview(site, doc, options.date, matches!(doc, Cow::Owned(_))))
                    })
                })
                .collect();
            (keys, timelines)
        },
    );
    let tera = tera?;
    let made_timelines = timelines.iter().enumerate().map(|(d, t)| (keys.doc(d), Arc::clone(t))).collect();
    kept.begin();
    let mut pages = Pages {
        site,
        docs,
        dates: &dates,
        strings: &strings,
        html,
        timelines,
        base_url,
        build_date: options.date,
        kept,
        pdfs: Default::default(),
    };
    if site.config.pdf {
        pages.pdfs = pdfs(&pages, &keys, options.pdf_store.as_deref(), sink)?;
    }
    let all = pages.all();
    let page_count = all.len();
    // The files about the whole site take longest: first, so that the pages
    // fill the cores around them rather than wait for them at the end.
    let mut jobs = vec![Job::Sitemap, Job::Manifest];
    jobs.extend((0..site.config.languages.len()).map(Job::Feed));
    jobs.extend(all.into_iter().map(Job::Page));
    // The sitemap's pages make its key, and its context when the key is new.
    let sitemap = std::sync::OnceLock::new();
    let sitemap = || sitemap.get_or_init(|| feeds::sitemap_pages(&pages));
    let made = Mutex::new(BTreeMap::new());
    let reused = std::sync::atomic::AtomicUsize::new(0);
    let mut errors: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|&job| {
            let (path, key) = match job {
                Job::Page(page) => (pages.file(page), keys.page(page)),
                Job::Feed(lang) => (format!("{}/feed.xml", site.config.languages[lang]), keys.all()),
                Job::Sitemap => ("sitemap.xml".to_string(), feeds::sitemap_key(keys.common(), sitemap())),
                Job::Manifest => ("versions.json".to_string(), keys.all()),
            };
            let seen = std::sync::OnceLock::new();
            let shown = || {
                *seen.get_or_init(|| {
                    if let Job::Page(page) = job { Some(pages.shown(page, &keys)) } else { None }
                })
            };
            let record = |file_key: FileKey| {
                if let Ok(mut made) = made.lock() {
                    made.insert(path.clone(), file_key);
                }
            };
            if let Some((file, file_key)) = earlier.and_then(|e| e.reuse(&path, &key, &shown)) {
                if matches!(job, Job::Page(_)) {
                    reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                record(file_key);
                return sink(path, file).err();
            }
            // What the page shows is known when the earlier render asked for
            // it; for the pages that outlast releases, worked out now.
            let lasting = matches!(job, Job::Page(page) if page.outlasts_releases());
            let shown_now = if lasting { shown() } else { seen.get().copied().flatten() };
            record(FileKey { inputs: key, shown: shown_now });
            let (template, context) = match job {
                Job::Page(page) => pages.context(page),
                Job::Feed(lang) => ("feed.xml", feeds::feed(&pages, &keys, lang)),
                Job::Sitemap => match feeds::builtin_sitemap(&pages, sitemap()) {
                    Some(bytes) => return sink(path, File::Bytes(bytes)).err(),
                    None => ("sitemap.xml", feeds::sitemap(&pages, sitemap())),
                },
                Job::Manifest => return sink(path, File::Bytes(feeds::manifest(&pages))).err(),
            };
            // As bytes: Tera's own `render` checks its whole output is UTF-8,
            // which it is by construction (90 ms of the 30k first build's CPU).
            let mut bytes = Vec::new();
            match tera.render_to(template, &context, &mut bytes) {
                Ok(()) => sink(path, File::Bytes(bytes)).err(),
                Err(e) => Some(templates::diagnostic(&e, &site.theme)),
            }
        })
        .collect();
    errors.sort_by(|a, b| (&a.file, &a.message).cmp(&(&b.file, &b.message)));
    errors.dedup();
    Diagnostics(errors).into_result()?;
    let made = made.into_inner().unwrap_or_default();
    for (path, bytes) in &site.theme.statics {
        sink(path.clone(), File::Bytes(bytes.clone()))?;
    }
    sink("_headers".into(), File::Bytes(headers().into_bytes()))?;
    sink(".nojekyll".into(), File::Bytes(Vec::new()))?;
    Ok(Made { pages: page_count, reused: reused.into_inner(), keys: made, timelines: made_timelines })
}

/// The PDF of version `number` of document `slug` in `lang`, exactly as a
/// build with this `base_url` makes it (a PDF does not depend on the build date).
pub(crate) fn one_pdf(
    site: &Site,
    base_url: &str,
    slug: &str,
    number: u32,
    lang: crate::site::Lang,
    store: Option<&dyn pdf::Store>,
) -> Result<Vec<u8>, Diagnostic> {
    let strings = i18n::Strings::new(site);
    let dates = dates::Dates::new(&site.config.languages);
    let doc = site.docs.iter().position(|d| d.slug == slug);
    let docs = site.docs.iter().map(Cow::Borrowed).collect();
    let timelines = site.docs.iter().map(|d| Arc::new(Timeline::new(site, d, NaiveDate::MAX))).collect();
    let pages = Pages {
        site,
        docs,
        dates: &dates,
        strings: &strings,
        html: &Vec::new(),
        timelines,
        base_url: base_url.to_string(),
        build_date: NaiveDate::MAX,
        kept: &carry::Kept::default(),
        pdfs: Default::default(),
    };
    let (Some(doc), Some(v)) = (doc, (number as usize).checked_sub(1)) else {
        return Err(Diagnostic::error(format!("{slug} has no version {number}")));
    };
    pages.pdf(&pdf::Typesetter::new(&site.theme), store, None, doc, lang, v)
}

/// Every version's PDF in every language (but a preview's draft), typeset on
/// every core and handed to `sink`; what the pages link and `versions.json` records.
fn pdfs(
    pages: &Pages<'_>,
    keys: &Keys,
    store: Option<&dyn pdf::Store>,
    sink: &Sink<'_>,
) -> Result<pdf::Index, Diagnostics> {
    let typesetter = pdf::Typesetter::new(&pages.site.theme);
    let mut jobs = Vec::new();
    for (doc, t) in pages.timelines.iter().enumerate() {
        for lang in 0..pages.site.config.languages.len() {
            for v in (0..t.published).filter(|&v| t.draft != Some(v)) {
                if pages.exists(Page::Document { doc, lang, version: Some(v) }) {
                    jobs.push((doc, lang, v));
                }
            }
        }
    }
    let results: Vec<Result<pdf::Made, Diagnostic>> = pdf::each(&jobs, |&(doc, lang, v)| {
        let bytes = pages.pdf(&typesetter, store, Some(&keys.pdf(doc, lang, v)), doc, lang, v)?;
        let made = pdf::Made::of(pages.pdf_path(doc, lang, v), &bytes);
        sink(made.path.clone(), File::Bytes(bytes))?;
        Ok(made)
    });
    // What the last PDFs left in Typst's memo cache: a long `serve` must not keep it.
    typst::comemo::evict(0);
    let mut index = pdf::Index::new();
    let mut errors = Vec::new();
    for (&at, result) in jobs.iter().zip(results) {
        match result {
            Ok(made) => {
                index.insert(at, made);
            }
            Err(e) => errors.push(e),
        }
    }
    Diagnostics(one_per_place(errors)).into_result()?;
    Ok(index)
}

/// A mistake in the theme's PDF layout breaks every PDF at the same place:
/// one message for it, saying how many PDFs it broke, not one per PDF.
fn one_per_place(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for e in errors {
        let same = |(d, _): &&mut (Diagnostic, usize)| {
            d.file.is_some() && d.file == e.file && d.position == e.position && d.help == e.help
        };
        match out.iter_mut().find(|o| same(o)) {
            Some((_, n)) => *n += 1,
            None => out.push((e, 0)),
        }
    }
    out.into_iter()
        .map(|(mut d, more)| {
            if more > 0 {
                d.message.push_str(&format!(" (and {more} other PDFs, at the same place)"));
            }
            d
        })
        .collect()
}

/// `_headers` for Netlify and Cloudflare Pages: the same policy as the pages' meta tag.
pub(crate) fn headers() -> String {
    format!(
        "/*\n  Content-Security-Policy: {}; frame-ancestors 'none'\n  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n",
        pages::CSP
    )
}
