//! What each output file is made from, as a digest, so that a render can
//! take a file from an earlier render whose inputs were the same: a page of
//! one document depends on the site-wide inputs and that document alone;
//! every other file (the center, feeds, sitemap, versions.json) on all of it.

use std::borrow::Cow;
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use crate::render::BuildOptions;
use crate::render::pages::Page;
use crate::site::{Document, Revision, Site, TextId};

pub(crate) type Key = [u8; 32];

pub(crate) struct Keys {
    docs: Vec<Key>,
    all: Key,
    /// Per document, what its PDFs are made from: as `docs`, but without the
    /// build date, on which no PDF depends.
    pdf_docs: Vec<Key>,
}

/// Feeds formatted text into the hash without allocating.
pub(crate) struct Hashing(pub(crate) Sha256);

impl std::fmt::Write for Hashing {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

impl Keys {
    pub(crate) fn new(site: &Site, docs: &[Cow<'_, Document>], options: &BuildOptions) -> Keys {
        let mut h = Hashing(Sha256::new());
        let _ =
            write!(h, "{:?}\0{:?}\0{:?}\0{}\0", site.config, options.date, options.base_url, options.drafts);
        strings_and_theme(&mut h, site);
        // Which documents there are. A page of one document shows nothing
        // else of the others (links between documents go by slug), so a
        // release of one leaves the pages of the rest as they were.
        for doc in docs {
            let _ = write!(h, "{}\0{:?}\0", doc.slug, doc.withdrawn);
        }
        let common = h.0.finalize();
        let mut p = Hashing(Sha256::new());
        let _ = write!(p, "pdf {}\0{:?}\0{:?}\0", env!("CARGO_PKG_VERSION"), site.config, options.base_url);
        strings_and_theme(&mut p, site);
        let pdf_common = p.0.finalize();
        // Each document's own inputs are hashed once, for its pages and its PDFs.
        let own: Vec<Key> = docs.iter().map(|doc| document(site, doc)).collect();
        let keyed = |common: &[u8], own: &Key| -> Key {
            Sha256::new().chain_update(common).chain_update(own).finalize().into()
        };
        let pdf_docs = own.iter().map(|o| keyed(&pdf_common, o)).collect();
        let docs: Vec<Key> = own.iter().map(|o| keyed(&common, o)).collect();
        let mut all = Sha256::new();
        all.update(common);
        for key in &docs {
            all.update(key);
        }
        Keys { docs, all: all.finalize().into(), pdf_docs }
    }

    /// What the PDF of version `v` of `doc` in `lang` is made from.
    pub(crate) fn pdf(&self, doc: usize, lang: usize, v: usize) -> Key {
        let mut h = Hashing(Sha256::new());
        h.0.update(self.pdf_docs[doc]);
        let _ = write!(h, "{lang} {v}");
        h.0.finalize().into()
    }

    pub(crate) fn page(&self, page: Page) -> Key {
        match page {
            Page::Document { doc, .. }
            | Page::History { doc, .. }
            | Page::Changes { doc, .. }
            | Page::Compare { doc, .. } => self.docs[doc],
            Page::Root | Page::Center(_) | Page::NotFound => self.all,
        }
    }

    /// Files that are not pages of one document.
    pub(crate) fn all(&self) -> Key {
        self.all
    }
}

/// The interface strings and the theme: templates, static files, and the
/// PDF layout and fonts (which decide each PDF, linked with its size).
pub(crate) fn strings_and_theme(h: &mut Hashing, site: &Site) {
    for f in &site.locales {
        let _ = write!(h, "{}\0{}\0{}\0", f.lang, f.file, f.resource.source());
    }
    for (name, (file, source)) in &site.theme.templates {
        let _ = write!(h, "{name}\0{file}\0{source}\0");
    }
    for (path, bytes) in &site.theme.statics {
        let _ = write!(h, "{path}\0");
        h.0.update(Sha256::digest(bytes));
    }
    for (name, (file, bytes)) in &site.theme.pdf {
        let _ = write!(h, "pdf/{name}\0{file}\0");
        h.0.update(Sha256::digest(bytes));
    }
    for (name, bytes) in &site.theme.fonts {
        let _ = write!(h, "fonts/{name}\0");
        h.0.update(Sha256::digest(bytes));
    }
}

/// A document's own inputs: every version and the draft.
fn document(site: &Site, doc: &Document) -> Key {
    let mut h = Hashing(Sha256::new());
    let _ = write!(h, "{}\0{:?}\0", doc.slug, doc.withdrawn);
    for v in &doc.versions {
        let _ = write!(h, "v{} {:?} {} {} {}\0", v.number, v.kind, v.date, v.effective, v.dir);
        for (name, sum) in &v.files {
            field(&mut h, name.as_bytes());
            field(&mut h, sum.as_bytes());
        }
        revision(&mut h, site, &v.text);
    }
    if let Some(draft) = &doc.draft {
        h.0.update(b"draft\0");
        revision(&mut h, site, draft);
    }
    h.0.finalize().into()
}

fn revision(h: &mut Hashing, site: &Site, rev: &Revision) {
    texts(h, site, &rev.index);
    for s in &rev.sections {
        field(h, s.slug.as_bytes());
        h.0.update(s.number.to_le_bytes());
        texts(h, site, &s.texts);
    }
    texts(h, site, &rev.notes);
}

/// `bytes` into the hash, its length first, so that no two sequences of fields hash alike.
fn field(h: &mut Hashing, bytes: &[u8]) {
    h.0.update((bytes.len() as u64).to_le_bytes());
    h.0.update(bytes);
}

/// An optional field: absent is not empty.
fn maybe(h: &mut Hashing, value: Option<&str>) {
    match value {
        Some(v) => {
            h.0.update(b"+");
            field(h, v.as_bytes());
        }
        None => h.0.update(b"-"),
    }
}

/// A text by what it is, not by its index, which shifts as other texts come and go.
fn texts(h: &mut Hashing, site: &Site, ids: &[Option<TextId>]) {
    for id in ids {
        match id {
            Some(id) => {
                let t = site.text(*id);
                h.0.update(b"t");
                h.0.update(t.digest);
                maybe(h, t.translated_from.as_deref());
                maybe(h, t.title.as_deref());
                field(h, t.id_prefix.as_bytes());
                // Aliases are not text, but every page showing the section carries them.
                h.0.update((t.aliases.len() as u64).to_le_bytes());
                for alias in &t.aliases {
                    field(h, alias.as_bytes());
                }
            }
            None => h.0.update(b"-"),
        }
    }
}
