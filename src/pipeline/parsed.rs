//! parse, kept on disk between commands: each document's texts as parsed,
//! each under the [`Key`] its HTML is made from, in two files: what `check`
//! reads (`.privsite/cache/parse/facts/<doc>`: links and ids), and the HTML
//! (`.privsite/cache/parse/html/<doc>`). A command parses only the texts no
//! earlier one did: after a release, the few it changed rather than every
//! text of the history. A command that only checks (`release`) reads no
//! HTML of a document whose texts were all parsed before, and a build reads
//! the HTML of the texts it shows: the HTML file is an index of where each
//! text is, then the texts, so a text is decoded once a page asks for it.
//! The language pages show every document's current release notes: their
//! HTML is kept in the facts file too, so that a release of one document
//! reads no other document's HTML file.
//! Everything here is sealed to privsite itself and the Markdown dialect
//! (`load::sealed`), so a file another build or dialect made is not used.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::load::sealed::{self, Sealed};
use crate::parse::{Facts, Html, Key, Rendered};
use crate::site::{Document, Site, Text, TextId};

/// The folders of a document's two files, in the cache.
pub(crate) const FACTS_DIR: &str = "parse/facts";
pub(crate) const HTML_DIR: &str = "parse/html";

/// The layouts of a document's two files; a new one makes old files foreign.
const FACTS: &[u8] = b"privsite parsed facts 2\n";
const HTML: &[u8] = b"privsite parsed html 2\n";

/// An HTML file's index: each key it holds, with where its text is.
type Index = Vec<(Key, Span)>;

/// A facts file: each key with its text's facts, and a release note's HTML.
type FactsFile = Vec<(Key, Facts, Option<Note>)>;

/// A release note's HTML, kept with its facts: [`Html`] but its facts.
#[derive(Serialize, Deserialize)]
struct Note {
    html: String,
    summary: Option<String>,
    has_doc_links: bool,
}

/// Where a text's HTML is in its document's HTML file, after the index:
/// [`Html`] but its facts, as byte ranges (start, length) of the texts.
#[derive(Clone, Copy, Serialize, Deserialize)]
struct Span {
    html: (u64, u64),
    summary: Option<(u64, u64)>,
    has_doc_links: bool,
}

impl Span {
    /// The text this span places in `bytes`, with its `facts`; `None` if it is not there.
    fn html(&self, bytes: &[u8], facts: Arc<Facts>) -> Option<Rendered> {
        let summary = match self.summary {
            Some(span) => Some(text(bytes, span)?.to_string()),
            None => None,
        };
        let html = text(bytes, self.html)?.to_string();
        Some(Html { html, summary, has_doc_links: self.has_doc_links, facts }.into())
    }

    /// Whether the span lies within texts of `len` bytes.
    fn within(&self, len: usize) -> bool {
        let inside = |(start, n): (u64, u64)| start.checked_add(n).is_some_and(|end| end <= len as u64);
        inside(self.html) && self.summary.is_none_or(inside)
    }

    /// How many bytes of texts the span covers.
    fn len(&self) -> u64 {
        self.html.1 + self.summary.map_or(0, |s| s.1)
    }

    /// A span of `rendered`'s texts, to be placed ([`Span::placed`]).
    fn of(rendered: &Rendered) -> Span {
        let len = |text: &str| (0, text.len() as u64);
        Span {
            html: len(&rendered.html),
            summary: rendered.summary.as_deref().map(len),
            has_doc_links: rendered.has_doc_links,
        }
    }

    /// The span's texts where `next` places them, given their lengths:
    /// its HTML, then its summary.
    fn placed(&self, next: &mut impl FnMut(u64) -> (u64, u64)) -> Span {
        Span {
            html: next(self.html.1),
            summary: self.summary.map(|(_, n)| next(n)),
            has_doc_links: self.has_doc_links,
        }
    }

    /// The span's texts in `from` (which they are [`Span::within`]) added
    /// to the end of `to`, in the order [`Span::placed`] gives them.
    fn copy(&self, from: &[u8], to: &mut Vec<u8>) {
        for (start, n) in std::iter::once(self.html).chain(self.summary) {
            to.extend_from_slice(&from[start as usize..(start + n) as usize]);
        }
    }
}

/// The text at `(start, length)` of `bytes`, if it is there.
fn text(bytes: &[u8], (start, len): (u64, u64)) -> Option<&str> {
    let (start, len) = (usize::try_from(start).ok()?, usize::try_from(len).ok()?);
    std::str::from_utf8(bytes.get(start..start.checked_add(len)?)?).ok()
}

/// Every text of `site` parsed (`[text id]`), as [`Kept::all`].
pub(crate) fn parse(site: &Site) -> Vec<Rendered> {
    Kept::new(site).all(site)
}

/// The parse stage of one run: every text's key, the files it reads, and
/// each document's texts once parsed (or read), and each text once asked for.
pub(crate) struct Kept {
    /// The folders of the facts and HTML files ([`FACTS_DIR`], [`HTML_DIR`]),
    /// unless a link is on the way ([`crate::load::cache_dir`]).
    facts_dir: Option<PathBuf>,
    html_dir: Option<PathBuf>,
    /// `None` where privsite cannot tell which build it is: nothing is then kept or taken.
    seal: Option<[u8; 32]>,
    allow_html: bool,
    keys: Vec<Key>,
    /// Per document (in the site's order), the texts it shows and its
    /// distinct keys in order ([`Kept::entries`]), found once.
    ids: Vec<Vec<TextId>>,
    order: Vec<Vec<TextId>>,
    /// Per document, its texts as parsed or read.
    docs: Vec<OnceLock<DocHtml>>,
    /// Per text, the document it belongs to (`None` for a text of none).
    owner: Vec<Option<usize>>,
    /// Per text, its HTML once asked for ([`Kept::get`]).
    texts: Vec<OnceLock<Rendered>>,
}

/// A document's texts, in the order of [`Kept::entries`], as its HTML
/// file holds them (read, or just made).
struct DocHtml {
    /// Each text of the document: its place in that order.
    at: HashMap<TextId, usize>,
    /// Their facts, where this run parsed the document ([`Kept::parse`]).
    facts: Option<Vec<Arc<Facts>>>,
    /// Where each text is in `texts` (the file's bytes, its payload from where the texts start).
    spans: Vec<Span>,
    texts: Sealed,
}

impl Kept {
    pub(crate) fn new(site: &Site) -> Kept {
        let keys: Vec<Key> = site.texts.par_iter().map(Key::of).collect();
        let ids: Vec<Vec<TextId>> = site.docs.par_iter().map(Document::text_ids).collect();
        let order = ids
            .par_iter()
            .map(|ids| {
                let mut order = ids.clone();
                order.sort_unstable_by(|a, b| keys[*a].cmp(&keys[*b]));
                order.dedup_by(|a, b| keys[*a] == keys[*b]);
                order
            })
            .collect();
        let mut owner = vec![None; site.texts.len()];
        for (d, ids) in ids.iter().enumerate() {
            for id in ids {
                owner[id.index()] = Some(d);
            }
        }
        Kept {
            facts_dir: crate::load::cache_dir(&site.root, FACTS_DIR),
            html_dir: crate::load::cache_dir(&site.root, HTML_DIR),
            seal: seal(site.config.allow_html),
            allow_html: site.config.allow_html,
            keys,
            ids,
            order,
            docs: site.docs.iter().map(|_| OnceLock::new()).collect(),
            owner,
            texts: site.texts.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Every text of `site` parsed (`[text id]`): taken from the documents'
    /// files where they hold it, parsed now where not. A document whose
    /// files do not hold exactly its texts gets new ones.
    pub(crate) fn all(&self, site: &Site) -> Vec<Rendered> {
        let facts = self.facts(site);
        // Each document's files read (or its texts parsed) on every core first.
        self.docs.par_iter().enumerate().for_each(|(d, slot)| {
            slot.get_or_init(|| self.html(site, d));
        });
        (0..site.texts.len())
            .into_par_iter()
            .map(|i| self.get(site, &facts, TextId::nth(i)).clone())
            .collect()
    }

    /// Text `id` parsed, `facts` being [`Kept::facts`]: what its document's
    /// files hold (read when a text of it is first asked for), else parsed now.
    pub(crate) fn get(&self, site: &Site, facts: &[Arc<Facts>], id: TextId) -> &Rendered {
        self.texts[id.index()].get_or_init(|| {
            let parse = || crate::parse::render(site.text(id), self.allow_html);
            let Some(d) = self.owner[id.index()] else { return parse() };
            let doc = self.docs[d].get_or_init(|| self.html(site, d));
            let Some(&at) = doc.at.get(&id) else { return parse() };
            doc.spans[at].html(doc.texts.payload(), Arc::clone(&facts[id])).unwrap_or_else(parse)
        })
    }

    /// The links and ids of every text (`[text id]`), what `check` reads: a
    /// document whose texts were all parsed before gives them from its
    /// facts file alone; the others are parsed now, and their files written.
    pub(crate) fn facts(&self, site: &Site) -> Vec<Arc<Facts>> {
        let per_doc: Vec<Vec<Arc<Facts>>> = self
            .docs
            .par_iter()
            .enumerate()
            .map(|(d, slot)| {
                if let Some(facts) = slot.get().and_then(|doc| doc.facts.clone()) {
                    return facts;
                }
                if let Some(kept) = self.kept_facts(site, d) {
                    return kept;
                }
                let parsed = slot.get_or_init(|| self.parse(site, d));
                // Else its HTML file was read before its facts were asked for.
                parsed.facts.clone().or_else(|| self.parse(site, d).facts).unwrap_or_default()
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

    /// Document `d`'s distinct keys, in order, each with a text it is the key of.
    fn entries(&self, d: usize) -> Vec<(&Key, TextId)> {
        self.order[d].iter().map(|&id| (&self.keys[id], id)).collect()
    }

    /// Document `d`'s facts in the order of [`Kept::entries`], if its facts
    /// file holds exactly its texts; its release notes are taken as parsed.
    fn kept_facts(&self, site: &Site, d: usize) -> Option<Vec<Arc<Facts>>> {
        let kept: FactsFile = self.read(&self.facts_dir, FACTS, &site.docs[d])?;
        let now = self.entries(d);
        if !holds_exactly(kept.iter().map(|(key, ..)| key), &now) {
            return None;
        }
        let (facts, kept_notes): (Vec<Arc<Facts>>, Vec<Option<Note>>) =
            kept.into_iter().map(|(_, f, note)| (Arc::new(f), note)).unzip();
        for id in notes(&site.docs[d]) {
            let Ok(i) = now.binary_search_by(|n| n.0.cmp(&self.keys[id])) else { continue };
            if let Some(Note { html, summary, has_doc_links }) = &kept_notes[i] {
                let (html, summary, has_doc_links) = (html.clone(), summary.clone(), *has_doc_links);
                let facts = Arc::clone(&facts[i]);
                let _ = self.texts[id.index()].set(Html { html, summary, has_doc_links, facts }.into());
            }
        }
        Some(facts)
    }

    /// `doc`'s HTML file: each key it holds with where its text is, and the
    /// texts (the file as read, its payload from where they start).
    fn kept_html(&self, doc: &Document) -> Option<(Index, Sealed)> {
        let file = self.html_dir.as_ref()?.join(&doc.slug);
        let mut sealed = sealed::read_bytes(&file, HTML, self.seal.as_ref()?)?;
        let (index, texts): (Index, &[u8]) = postcard::take_from_bytes(sealed.payload()).ok()?;
        sealed.at = sealed.bytes.len() - texts.len();
        Some((index, sealed))
    }

    /// Each text of document `d`: its place in the order of [`Kept::entries`] `now`.
    fn places(&self, d: usize, now: &[(&Key, TextId)]) -> HashMap<TextId, usize> {
        let place = |id: TextId| now.binary_search_by(|n| n.0.cmp(&self.keys[id])).ok();
        self.ids[d].iter().filter_map(|&id| Some((id, place(id)?))).collect()
    }

    /// Document `d`'s texts as its HTML file holds them, if it holds
    /// exactly them (their facts are [`Kept::facts`]); else [`Kept::parse`].
    fn html(&self, site: &Site, d: usize) -> DocHtml {
        let now = self.entries(d);
        match self.kept_html(&site.docs[d]) {
            Some((index, texts)) if holds_exactly(index.iter().map(|(key, _)| key), &now) => {
                let spans = index.into_iter().map(|(_, span)| span).collect();
                DocHtml { at: self.places(d, &now), facts: None, spans, texts }
            }
            _ => self.parse(site, d),
        }
    }

    /// Document `d`'s texts parsed: what its files hold taken as it is, the
    /// rest parsed now. Its files are written anew when they did not hold
    /// exactly its texts. The HTML file keeps the texts it held where they
    /// were, as bytes (a release adds a few texts to hundreds), the new
    /// ones after them, until fewer than half its bytes are a text's.
    fn parse(&self, site: &Site, d: usize) -> DocHtml {
        let doc = &site.docs[d];
        let now = self.entries(d);
        let facts: FactsFile = self.read(&self.facts_dir, FACTS, doc).unwrap_or_default();
        let (index, old) = self.kept_html(doc).unwrap_or_default();
        let whole = holds_exactly(facts.iter().map(|(key, ..)| key), &now)
            && holds_exactly(index.iter().map(|(key, _)| key), &now);
        let mut facts: HashMap<Key, Facts> = facts.into_iter().map(|(key, f, _)| (key, f)).collect();
        let mut spans: HashMap<Key, Span> = index.into_iter().collect();
        let old = old.payload();
        let kept: Vec<Option<(Facts, Span)>> = now
            .iter()
            .map(|(key, _)| {
                let span = spans.remove(*key).filter(|s| s.within(old.len()))?;
                Some((facts.remove(*key)?, span))
            })
            .collect();
        let live: u64 = kept.iter().flatten().map(|(_, span)| span.len()).sum();
        let in_place = live.saturating_mul(2) >= old.len() as u64;
        let found: Vec<Result<(Facts, Span), Rendered>> = now
            .par_iter()
            .zip(kept)
            .map(|((_, id), kept)| kept.ok_or_else(|| crate::parse::render(site.text(*id), self.allow_html)))
            .collect();
        // Where each text goes: those kept in place stay where they are,
        // the others follow in order, and all are copied once, into a
        // buffer of their size behind the index.
        let mut end = if in_place { old.len() as u64 } else { 0 };
        let mut next = |n: u64| {
            end += n;
            (end - n, n)
        };
        let all_spans: Vec<Span> = found
            .iter()
            .map(|found| match found {
                Ok((_, span)) if in_place => *span,
                Ok((_, span)) => span.placed(&mut next),
                Err(parsed) => Span::of(parsed).placed(&mut next),
            })
            .collect();
        let index: Vec<(&Key, &Span)> = now.iter().map(|n| n.0).zip(&all_spans).collect();
        let mut bytes = postcard::to_allocvec(&index).unwrap_or_default();
        let at = bytes.len();
        bytes.reserve_exact(usize::try_from(end).unwrap_or_default());
        if in_place {
            bytes.extend_from_slice(old);
        }
        // Each text's facts, and the texts parsed now.
        let (all_facts, fresh): (Vec<Arc<Facts>>, Vec<Option<Rendered>>) = found
            .into_iter()
            .map(|found| match found {
                Ok((f, _)) if in_place => (Arc::new(f), None),
                Ok((f, span)) => {
                    span.copy(old, &mut bytes);
                    (Arc::new(f), None)
                }
                Err(parsed) => {
                    bytes.extend_from_slice(parsed.html.as_bytes());
                    bytes.extend_from_slice(parsed.summary.as_deref().unwrap_or_default().as_bytes());
                    (Arc::clone(&parsed.facts), Some(parsed))
                }
            })
            .unzip();
        let dirs = (&self.seal, &self.html_dir, &self.facts_dir);
        // A text whose body could not be read again was parsed as empty:
        // not to be kept under its key ([`crate::site::Text::unread`]).
        let unread = now.iter().any(|(_, id)| site.text(*id).unread().is_some());
        if let (Some(seal), Some(html_dir), Some(facts_dir), false) =
            (dirs.0, dirs.1, dirs.2, whole || unread)
        {
            let notes: std::collections::HashSet<&Key> = notes(doc).map(|id| &self.keys[id]).collect();
            // A note whose text is not there (it always is) is left to the HTML file.
            let note = |key: &Key, span: &Span| {
                if !notes.contains(key) {
                    return None;
                }
                let text = |span| text(&bytes[at..], span).map(str::to_string);
                let summary = match span.summary {
                    Some(s) => Some(text(s)?),
                    None => None,
                };
                Some(Note { html: text(span.html)?, summary, has_doc_links: span.has_doc_links })
            };
            let facts: Vec<(&Key, &Facts, Option<Note>)> =
                index.iter().zip(&all_facts).map(|((key, span), f)| (*key, &**f, note(key, span))).collect();
            sealed::write_bytes(&html_dir.join(&doc.slug), HTML, seal, &bytes);
            sealed::write(&facts_dir.join(&doc.slug), FACTS, seal, &facts);
        }
        // What was parsed now stays as it is: a page asking for it takes
        // it, not a copy out of the file's bytes. When that is every text,
        // those bytes are not needed again.
        let places = self.places(d, &now);
        for (id, &i) in &places {
            if let Some(parsed) = &fresh[i] {
                let _ = self.texts[id.index()].set(parsed.clone());
            }
        }
        let texts = match fresh.iter().all(Option::is_some) {
            true => Sealed::default(),
            false => Sealed { bytes, at },
        };
        DocHtml { at: places, facts: Some(all_facts), spans: all_spans, texts }
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
        for (d, values) in per_doc.iter().enumerate() {
            let now = self.entries(d);
            for &id in &self.ids[d] {
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

/// The release notes of `doc`'s versions and working copy.
fn notes(doc: &Document) -> impl Iterator<Item = TextId> + '_ {
    let revisions = doc.versions.iter().map(|v| &v.text).chain(doc.draft.as_ref());
    revisions.flat_map(|r| r.notes.iter().flatten().copied())
}

/// Whether a document's file holds exactly the keys `now` (both in order).
fn holds_exactly<'a>(kept: impl Iterator<Item = &'a Key>, now: &[(&Key, TextId)]) -> bool {
    kept.eq(now.iter().map(|n| n.0))
}

/// What every file here is sealed to: this privsite (whose comrak parses)
/// and whether raw HTML is allowed.
fn seal(allow_html: bool) -> Option<[u8; 32]> {
    sealed::this_build(&[u8::from(allow_html)])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example site, at the top of `dir`.
    fn example(dir: &std::path::Path) {
        for (path, bytes) in crate::embedded::example_site() {
            let file = dir.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
    }

    /// Every text parsed through the kept files, checked against a parse
    /// afresh; then `doc`'s HTML file as it holds them: the texts' bytes,
    /// and how many of those bytes are a text's.
    fn parse_and_read(root: &std::path::Path, doc: &str) -> (Vec<u8>, u64) {
        let site = crate::load::load(root, &Default::default()).unwrap().0;
        let kept = parse(&site);
        let fresh = crate::parse::render_all(&site);
        assert_eq!(kept.len(), fresh.len());
        for (k, f) in kept.iter().zip(&fresh) {
            assert_eq!(**k, **f);
        }
        let again = Kept::new(&site);
        let (index, texts) = again.kept_html(site.doc(doc).unwrap()).unwrap();
        let d = site.docs.iter().position(|x| x.slug == doc).unwrap();
        assert!(holds_exactly(index.iter().map(|(key, _)| key), &again.entries(d)));
        (texts.payload().to_vec(), index.iter().map(|(_, span)| span.len()).sum())
    }

    #[test]
    fn an_html_file_keeps_its_texts_in_place_and_is_made_anew_when_mostly_unused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        example(root);
        let doc = "privacy-policy";
        let section = root.join("content/privacy-policy/10-controller.de.md");
        let text = std::fs::read_to_string(&section).unwrap();
        let (first, _) = parse_and_read(root, doc);

        // A long new text: the ones the file held stay where they were, before it.
        let long = format!("{text}\n{}\n", "Ein langer neuer Absatz. ".repeat(12_000));
        std::fs::write(&section, &long).unwrap();
        let (grown, _) = parse_and_read(root, doc);
        assert!(grown.starts_with(&first) && grown.len() > first.len() + 290_000, "{}", grown.len());

        // That text replaced: more than half the file is no text's now, so it is made anew.
        std::fs::write(&section, format!("{text}\nKurz.\n")).unwrap();
        let (compact, used) = parse_and_read(root, doc);
        assert_eq!(compact.len() as u64, used);
        assert!(compact.len() < first.len() + 1_000, "{} against {}", compact.len(), first.len());
    }
}
