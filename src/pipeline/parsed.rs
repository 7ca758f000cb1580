//! parse, kept on disk between commands: each document's texts as parsed,
//! each under the [`Key`] its HTML is made from, in two files: what `check`
//! reads (`.privsite/cache/parse/facts/<doc>`: links and ids), and the HTML
//! (`.privsite/cache/parse/html/<doc>`). A command parses only the texts no
//! earlier one did: after a release, the few it changed rather than every
//! text of the history. A command that only checks (`release`) reads no
//! HTML of a document whose texts were all parsed before.
//! Everything here is sealed to privsite itself and the Markdown dialect
//! (`load::sealed`), so a file another build or dialect made is not used.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::load::sealed;
use crate::parse::{Facts, Html, Key, Rendered};
use crate::site::{Document, Site, Text, TextId};

/// The folders of a document's two files, in the cache.
pub(crate) const FACTS_DIR: &str = "parse/facts";
pub(crate) const HTML_DIR: &str = "parse/html";

/// The layouts of a document's two files; a new one makes old files foreign.
const FACTS: &[u8] = b"privsite parsed facts 1\n";
const HTML: &[u8] = b"privsite parsed html 1\n";

/// A text's HTML as its file holds it: [`Html`] but its facts.
#[derive(Serialize, Deserialize)]
struct Page<S> {
    html: S,
    summary: Option<S>,
    has_doc_links: bool,
}

/// Every text of `site` parsed (`[text id]`), as [`Kept::parsed`].
pub(crate) fn parse(site: &Site) -> Vec<Rendered> {
    Kept::new(site).parsed(site)
}

/// The parse stage of one run: every text's key, the files it reads, and
/// each document's texts once parsed (or read) whole.
pub(crate) struct Kept {
    /// The folders of the facts and HTML files ([`FACTS_DIR`], [`HTML_DIR`]),
    /// unless a link is on the way ([`crate::load::cache_dir`]).
    facts_dir: Option<PathBuf>,
    html_dir: Option<PathBuf>,
    /// `None` where privsite cannot tell which build it is: nothing is then kept or taken.
    seal: Option<[u8; 32]>,
    allow_html: bool,
    keys: Vec<Key>,
    /// Per document (in the site's order), its texts parsed, in the order of [`Kept::entries`].
    docs: Vec<OnceLock<Vec<Rendered>>>,
}

impl Kept {
    pub(crate) fn new(site: &Site) -> Kept {
        Kept {
            facts_dir: crate::load::cache_dir(&site.root, FACTS_DIR),
            html_dir: crate::load::cache_dir(&site.root, HTML_DIR),
            seal: seal(site.config.allow_html),
            allow_html: site.config.allow_html,
            keys: site.texts.par_iter().map(Key::of).collect(),
            docs: site.docs.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Every text of `site` parsed (`[text id]`): taken from the documents'
    /// files where they hold it, parsed now where not. A document whose
    /// files do not hold exactly its texts gets new ones.
    pub(crate) fn parsed(&self, site: &Site) -> Vec<Rendered> {
        let per_doc: Vec<&[Rendered]> = site
            .docs
            .par_iter()
            .zip(&self.docs)
            .map(|(doc, slot)| &slot.get_or_init(|| self.html(site, doc))[..])
            .collect();
        self.per_text(site, &per_doc, Rendered::clone, |text| crate::parse::render(text, self.allow_html))
    }

    /// The links and ids of every text (`[text id]`), what `check` reads: a
    /// document whose texts were all parsed before gives them from its
    /// facts file alone; the others are parsed as in [`Kept::parsed`].
    pub(crate) fn facts(&self, site: &Site) -> Vec<Arc<Facts>> {
        let per_doc: Vec<Vec<Arc<Facts>>> = site
            .docs
            .par_iter()
            .zip(&self.docs)
            .map(|(doc, slot)| {
                let of = |parsed: &[Rendered]| parsed.iter().map(|r| Arc::clone(&r.facts)).collect();
                match slot.get() {
                    Some(parsed) => of(parsed),
                    None => {
                        self.kept_facts(doc).unwrap_or_else(|| of(slot.get_or_init(|| self.html(site, doc))))
                    }
                }
            })
            .collect();
        let per_doc: Vec<&[Arc<Facts>]> = per_doc.iter().map(Vec::as_slice).collect();
        self.per_text(site, &per_doc, Arc::clone, |text| {
            Arc::clone(&crate::parse::render(text, self.allow_html).facts)
        })
    }

    fn read<T: serde::de::DeserializeOwned>(
        &self,
        dir: &Option<PathBuf>,
        format: &[u8],
        doc: &Document,
    ) -> Option<T> {
        sealed::read(&dir.as_ref()?.join(&doc.slug), format, self.seal.as_ref()?)
    }

    /// `doc`'s distinct keys, in order, each with a text it is the key of.
    fn entries(&self, doc: &Document) -> Vec<(&Key, TextId)> {
        let mut now: Vec<(&Key, TextId)> =
            doc.text_ids().into_iter().map(|id| (&self.keys[id], id)).collect();
        now.sort_unstable_by(|a, b| a.0.cmp(b.0));
        now.dedup_by(|a, b| a.0 == b.0);
        now
    }

    /// `doc`'s facts in the order of [`Kept::entries`], if its facts file
    /// holds exactly its texts.
    fn kept_facts(&self, doc: &Document) -> Option<Vec<Arc<Facts>>> {
        let kept: Vec<(Key, Facts)> = self.read(&self.facts_dir, FACTS, doc)?;
        let now = self.entries(doc);
        holds_exactly(&kept, &now).then(|| kept.into_iter().map(|(_, f)| Arc::new(f)).collect())
    }

    /// `doc`'s texts parsed, in the order of [`Kept::entries`]: what its
    /// files hold, the rest parsed now. Its files are written anew when
    /// they did not hold exactly its texts.
    fn html(&self, site: &Site, doc: &Document) -> Vec<Rendered> {
        let now = self.entries(doc);
        let facts: Vec<(Key, Facts)> = self.read(&self.facts_dir, FACTS, doc).unwrap_or_default();
        let pages: Vec<(Key, Page<String>)> = self.read(&self.html_dir, HTML, doc).unwrap_or_default();
        let whole = holds_exactly(&facts, &now) && holds_exactly(&pages, &now);
        let mut facts: HashMap<Key, Facts> = facts.into_iter().collect();
        let kept: HashMap<Key, Rendered> = pages
            .into_iter()
            .filter_map(|(key, page)| {
                let facts = Arc::new(facts.remove(&key)?);
                let html =
                    Html { html: page.html, summary: page.summary, has_doc_links: page.has_doc_links, facts };
                Some((key, html.into()))
            })
            .collect();
        let out: Vec<Rendered> = now
            .par_iter()
            .map(|(key, id)| {
                kept.get(*key)
                    .cloned()
                    .unwrap_or_else(|| crate::parse::render(site.text(*id), self.allow_html))
            })
            .collect();
        if let Some(seal) = self.seal.as_ref().filter(|_| !whole) {
            let facts: Vec<(&Key, &Facts)> = now.iter().zip(&out).map(|(n, r)| (n.0, &*r.facts)).collect();
            let pages: Vec<(&Key, Page<&str>)> = now
                .iter()
                .zip(&out)
                .map(|(n, r)| {
                    let page = Page {
                        html: r.html.as_str(),
                        summary: r.summary.as_deref(),
                        has_doc_links: r.has_doc_links,
                    };
                    (n.0, page)
                })
                .collect();
            if let (Some(html_dir), Some(facts_dir)) = (&self.html_dir, &self.facts_dir) {
                sealed::write(&html_dir.join(&doc.slug), HTML, seal, &pages);
                sealed::write(&facts_dir.join(&doc.slug), FACTS, seal, &facts);
            }
        }
        out
    }

    /// Per text, what its document gave for its key (`per_doc[doc]`, in
    /// the order of [`Kept::entries`]); a text of no document is parsed now.
    fn per_text<T: Send>(
        &self,
        site: &Site,
        per_doc: &[&[T]],
        take: impl Fn(&T) -> T,
        otherwise: impl Fn(&Text) -> T + Sync,
    ) -> Vec<T> {
        let mut out: Vec<Option<T>> = site.texts.iter().map(|_| None).collect();
        for (doc, values) in site.docs.iter().zip(per_doc) {
            let now = self.entries(doc);
            for id in doc.text_ids() {
                if let Ok(i) = now.binary_search_by(|n| n.0.cmp(&self.keys[id])) {
                    out[id.index()] = Some(take(&values[i]));
                }
            }
        }
        out.into_par_iter()
            .zip(&site.texts)
            .map(|(value, text)| value.unwrap_or_else(|| otherwise(text)))
            .collect()
    }
}

/// Whether a document's file holds exactly the keys `now` (both in order).
fn holds_exactly<V>(kept: &[(Key, V)], now: &[(&Key, TextId)]) -> bool {
    kept.len() == now.len() && kept.iter().zip(now).all(|(k, n)| &k.0 == n.0)
}

/// What every file here is sealed to: this privsite (whose comrak parses)
/// and whether raw HTML is allowed.
fn seal(allow_html: bool) -> Option<[u8; 32]> {
    sealed::this_build(&[u8::from(allow_html)])
}
