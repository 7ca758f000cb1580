//! What each output file is made from, as a digest, so that a render can
//! take a file from an earlier render whose inputs were the same: a page of
//! one document depends on the site-wide inputs and that document as its
//! language shows it ([`document`]); every other file (the center, feeds,
//! sitemap, versions.json) on all of it.

use std::borrow::Cow;
use std::fmt::Write as _;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::render::BuildOptions;
use crate::render::pages::Page;
use crate::site::{Document, Lang, Revision, Site, Text, TextId};

pub(crate) type Key = [u8; 32];

pub(crate) struct Keys {
    /// Per document and language: what its pages in that language are made from.
    pages: Vec<Vec<Key>>,
    /// Per document, all of it with the site-wide inputs (its timeline's key).
    docs: Vec<Key>,
    /// The site-wide inputs: configuration, options, strings, theme, which documents.
    common: Key,
    all: Key,
    /// Per document, what its PDFs are made from: all of the document, but
    /// not the build date, on which no PDF depends.
    pdf_docs: Vec<Key>,
    /// Per text, what it is ([`identity`]).
    texts: Vec<Identity>,
}

/// Feeds formatted text into the hash without allocating.
pub(crate) struct Hashing(pub(crate) Sha256);

impl std::fmt::Write for Hashing {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// For serializers that write bytes (`serde_json`).
impl std::io::Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
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
        let common: Key = h.0.finalize().into();
        let mut p = Hashing(Sha256::new());
        let _ = write!(p, "pdf {}\0{:?}\0{:?}\0", env!("CARGO_PKG_VERSION"), site.config, options.base_url);
        strings_and_theme(&mut p, site);
        let pdf_common = p.0.finalize();
        // Each text's identity is hashed once, however many versions show it.
        let identities: Vec<Identity> = site.texts.par_iter().map(identity).collect();
        let own: Vec<Own> = docs.par_iter().map(|doc| document(site, doc, &identities)).collect();
        let keyed = |common: &[u8], own: &Key| -> Key {
            Sha256::new().chain_update(common).chain_update(own).finalize().into()
        };
        let pdf_docs = own.iter().map(|o| keyed(&pdf_common, &o.whole)).collect();
        let pages = own.iter().map(|o| o.langs.iter().map(|l| keyed(&common, l)).collect()).collect();
        let doc_keys = own.iter().map(|o| keyed(&common, &o.whole)).collect();
        let mut all = Sha256::new();
        all.update(common);
        for o in &own {
            all.update(o.whole);
        }
        Keys { pages, docs: doc_keys, common, all: all.finalize().into(), pdf_docs, texts: identities }
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
            Page::Document { doc, lang, .. }
            | Page::History { doc, lang }
            | Page::Changes { doc, lang, .. }
            | Page::Compare { doc, lang, .. } => self.pages[doc][lang],
            Page::Root | Page::Center(_) | Page::NotFound => self.all,
        }
    }

    /// What text `id` is made from, its HTML as well: it stands for that
    /// HTML in the digest of what a page shows (`render::context`).
    pub(crate) fn text(&self, id: TextId) -> &Key {
        &self.texts[id.index()].whole
    }

    /// What a comparison of `rev` with another in `lang` reads of it: its
    /// sections, and the text of each in `lang` and the authoritative language.
    pub(crate) fn revision(&self, rev: &Revision, lang: Lang, auth: Lang) -> Key {
        let mut h = Hashing(Sha256::new());
        h.0.update((rev.sections.len() as u64).to_le_bytes());
        for s in &rev.sections {
            field(&mut h, s.slug.as_bytes());
            h.0.update(s.number.to_le_bytes());
            for id in [s.texts[lang], s.texts[auth]] {
                match id {
                    Some(id) => h.0.update(self.text(id)),
                    None => h.0.update(b"-"),
                }
            }
        }
        h.0.finalize().into()
    }

    /// What document `doc` is made from, all of it, with the site-wide inputs.
    pub(crate) fn doc(&self, doc: usize) -> Key {
        self.docs[doc]
    }

    /// What every file is made from: the site-wide inputs alone.
    pub(crate) fn common(&self) -> &Key {
        &self.common
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

/// A document's own inputs (every version and the draft): whole, and as its
/// pages in each language see them.
struct Own {
    whole: Key,
    langs: Vec<Key>,
}

/// What a text is, for its pages: a text by what it is, not by its index,
/// which shifts as other texts come and go; and its former slugs alone,
/// which every language's pages keep as anchors.
struct Identity {
    whole: Key,
    aliases: Key,
}

fn identity(t: &Text) -> Identity {
    let mut h = Hashing(Sha256::new());
    h.0.update(t.digest);
    maybe(&mut h, t.translated_from.as_deref());
    maybe(&mut h, t.title.as_deref());
    field(&mut h, t.id_prefix.as_bytes());
    let mut a = Hashing(Sha256::new());
    // Aliases are not text, but every page showing the section carries them.
    a.0.update((t.aliases.len() as u64).to_le_bytes());
    for alias in &t.aliases {
        field(&mut a, alias.as_bytes());
    }
    let aliases: Key = a.0.finalize().into();
    h.0.update(aliases);
    Identity { whole: h.0.finalize().into(), aliases }
}

/// A page in one language shows the text of that language or, where it has
/// none, the authoritative one; of the other languages only whether each
/// slot has a text (which versions exist in which language) and the former
/// slugs. So a translation edited in `serve` re-renders the pages of its
/// own language, not those of every language.
fn document(site: &Site, doc: &Document, identities: &[Identity]) -> Own {
    let mut h = Hashers {
        whole: Sha256::new(),
        langs: vec![Sha256::new(); site.config.languages.len()],
        auth: site.config.authoritative,
        identities,
    };
    h.field(doc.slug.as_bytes());
    h.all(format!("{:?}", doc.withdrawn).as_bytes());
    for v in &doc.versions {
        h.all(format!("v{} {:?} {} {} {}\0", v.number, v.kind, v.date, v.effective, v.dir).as_bytes());
        // What a render shows of the stored files: their digest per language.
        h.all(&(v.digests.len() as u64).to_le_bytes());
        for (code, digest) in v.digests.iter() {
            h.field(code.as_bytes());
            h.field(digest.as_bytes());
        }
        h.revision(&v.text);
    }
    if let Some(draft) = &doc.draft {
        h.all(b"draft");
        h.revision(draft);
    }
    Own {
        whole: h.whole.finalize().into(),
        langs: h.langs.into_iter().map(|l| l.finalize().into()).collect(),
    }
}

/// The hashes of one document: whole, and per language.
struct Hashers<'a> {
    whole: Sha256,
    langs: Vec<Sha256>,
    auth: Lang,
    identities: &'a [Identity],
}

impl Hashers<'_> {
    fn all(&mut self, bytes: &[u8]) {
        self.whole.update(bytes);
        self.langs.iter_mut().for_each(|h| h.update(bytes));
    }

    /// `bytes`, its length first, so that no two sequences of fields hash alike.
    fn field(&mut self, bytes: &[u8]) {
        self.all(&(bytes.len() as u64).to_le_bytes());
        self.all(bytes);
    }

    fn revision(&mut self, rev: &Revision) {
        self.all(&(rev.sections.len() as u64).to_le_bytes());
        self.slot(&rev.index);
        for s in &rev.sections {
            self.field(s.slug.as_bytes());
            self.all(&s.number.to_le_bytes());
            self.slot(&s.texts);
        }
        self.slot(&rev.notes);
    }

    /// One text per language.
    fn slot(&mut self, ids: &[Option<TextId>]) {
        self.all(&(ids.len() as u64).to_le_bytes());
        for (of, id) in ids.iter().enumerate() {
            let Some(id) = id else {
                self.all(b"-");
                continue;
            };
            let identity = &self.identities[id.index()];
            self.whole.update(b"t");
            self.whole.update(identity.whole);
            for (lang, h) in self.langs.iter_mut().enumerate() {
                if of == lang || of == self.auth {
                    h.update(b"t");
                    h.update(identity.whole);
                } else {
                    h.update(b"a");
                    h.update(identity.aliases);
                }
            }
        }
    }
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
