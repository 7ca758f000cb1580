//! The archival record: a PDF/A-2 (tagged, fonts embedded) of every version
//! in every language, typeset by Typst as a library from the theme's
//! `pdf/document.typ` and the generated `privsite.typ`.
//!
//! A PDF depends only on its key: the generated source, the version's date,
//! the theme's PDF files and fonts and privsite's own version. A [`Store`]
//! (the build cache, given by the command) keeps PDFs by key, so a build
//! typesets only what changed.

mod markup;
mod source;
mod world;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::layout::PagedDocument;
use typst::syntax::Source;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{Diagnostic, Position};
use crate::render::pages::{Page, Pages};
use crate::site::Lang;
use crate::site::Theme;
use world::{DATA, MAIN, PdfWorld, Shared};

/// Keeps PDFs by key between builds. It does the IO, so `render` does none.
pub(crate) trait Store: Send + Sync {
    /// The PDF stored under `key`, if there is one that is intact.
    fn get(&self, key: &[u8; 32]) -> Option<Vec<u8>>;
    /// Keeps `pdf` under `key`; a failure only costs the next build time.
    fn put(&self, key: &[u8; 32], pdf: &[u8]);
    /// The key of the PDF that inputs of digest `inputs` made last time:
    /// found without generating the PDF's source.
    fn made_from(&self, inputs: &[u8; 32]) -> Option<[u8; 32]>;
    /// Remembers that inputs of digest `inputs` make the PDF of key `key`.
    fn remember(&self, inputs: &[u8; 32], key: &[u8; 32]);
}

/// What a page shows of a version's PDF, and `versions.json` records.
#[derive(Debug, Clone)]
pub(crate) struct Made {
    /// Relative to the site root: `de/privacy-policy/v1/privacy-policy-v1-de.pdf`.
    pub(crate) path: String,
    pub(crate) sha256: String,
    pub(crate) size: usize,
}

impl Made {
    pub(crate) fn of(path: String, pdf: &[u8]) -> Made {
        Made { path, sha256: crate::load::texts::hex(&Sha256::digest(pdf)), size: pdf.len() }
    }
}

/// The PDFs of a build by (document, language, version).
pub(crate) type Index = std::collections::HashMap<(usize, Lang, usize), Made>;

/// The theme and fonts, loaded once for all PDFs of a build, and only if
/// one is to be typeset: a build whose PDFs all come from the cache (every
/// save in `serve`) neither loads the fonts nor hashes them.
pub(crate) struct Typesetter<'a> {
    theme: &'a Theme,
    shared: OnceLock<Shared>,
    /// SHA-256 of privsite's version, the theme's PDF files and its fonts.
    theme_key: OnceLock<[u8; 32]>,
}

impl<'a> Typesetter<'a> {
    pub(crate) fn new(theme: &'a Theme) -> Typesetter<'a> {
        Typesetter { theme, shared: OnceLock::new(), theme_key: OnceLock::new() }
    }

    fn shared(&self) -> &Shared {
        self.shared.get_or_init(|| Shared::new(self.theme))
    }

    fn theme_key(&self) -> &[u8; 32] {
        self.theme_key.get_or_init(|| {
            let mut hasher = Sha256::new();
            hasher.update(concat!("privsite ", env!("CARGO_PKG_VERSION"), "\0"));
            for (name, (_, bytes)) in &self.theme.pdf {
                hash_field(&mut hasher, name.as_bytes());
                hash_field(&mut hasher, bytes);
            }
            hasher.update(b"\0fonts\0");
            for (name, bytes) in &self.theme.fonts {
                hash_field(&mut hasher, name.as_bytes());
                hash_field(&mut hasher, bytes);
            }
            hasher.finalize().into()
        })
    }
}

/// Length-prefixed, so no two different inputs hash alike.
fn hash_field(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

impl Pages<'_> {
    /// The file of version `v` of `doc` in `lang`: `<lang>/<doc>/v<N>/<doc>-v<N>-<lang>.pdf`.
    pub(crate) fn pdf_path(&self, doc: usize, lang: Lang, v: usize) -> String {
        let slug = &self.doc(doc).slug;
        let n = v + 1;
        let code = self.code(lang);
        format!("{}{slug}-v{n}-{code}.pdf", self.dir(Page::Document { doc, lang, version: Some(v) }))
    }

    /// The PDF of version `v` of `doc` in `lang`: from `store` if it has it,
    /// else typeset (and kept in `store`).
    pub(crate) fn pdf(
        &self,
        typesetter: &Typesetter<'_>,
        store: Option<&dyn Store>,
        inputs: Option<&[u8; 32]>,
        doc: usize,
        lang: Lang,
        v: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        // Unchanged inputs: the PDF they made, without generating its source.
        if let (Some(store), Some(inputs)) = (store, inputs)
            && let Some(pdf) = store.made_from(inputs).and_then(|key| store.get(&key))
        {
            return Ok(pdf);
        }
        let source = self.pdf_source(doc, lang, v);
        let date = self.doc(doc).versions[v].date;
        let ident = self.pdf_path(doc, lang, v);
        let mut hasher = Sha256::new();
        hasher.update(typesetter.theme_key());
        hash_field(&mut hasher, ident.as_bytes());
        hash_field(&mut hasher, date.to_string().as_bytes());
        hash_field(&mut hasher, source.as_bytes());
        let key: [u8; 32] = hasher.finalize().into();
        if let (Some(store), Some(inputs)) = (store, inputs) {
            store.remember(inputs, &key);
        }
        if let Some(pdf) = store.and_then(|s| s.get(&key)) {
            return Ok(pdf);
        }
        let pdf = typeset(typesetter, source, date, &ident);
        // Typst memoises every step of a compilation until evicted; PDFs
        // share little but the theme. What went unused while each other
        // worker finished a PDF goes: memory is that of a few PDFs however
        // many a build makes, and the PDF another worker is typesetting keeps
        // what it uses.
        typst::comemo::evict(workers() - 1);
        let pdf = pdf?;
        if let Some(store) = store {
            store.put(&key, &pdf);
        }
        Ok(pdf)
    }
}

/// How many PDFs are typeset at once: as many as rayon has threads (one per
/// core, or `RAYON_NUM_THREADS`).
fn workers() -> usize {
    rayon::current_num_threads()
}

/// `f` of every job, in order, on [`workers`] threads. Not on rayon's pool:
/// krilla, waiting for its deferred work inside `typst_pdf::pdf`, yields to
/// rayon, and a pool thread would start the next PDF inside the unfinished
/// one, and that one the next, on the same stack: every PDF of a build in
/// memory at once (600 MiB for 30), and a stack overflow in a long history.
/// Threads of our own are not rayon's, so they wait instead; Typst's and
/// krilla's own parallel work still runs on the pool.
pub(crate) fn each<T: Sync, R: Send>(jobs: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..workers().min(jobs.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break done };
                        done.push((i, f(job)));
                    }
                })
            })
            .collect();
        threads
            .into_iter()
            .flat_map(|t| t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, r)| r).collect()
}

fn typeset(
    typesetter: &Typesetter<'_>,
    source: String,
    date: chrono::NaiveDate,
    ident: &str,
) -> Result<Vec<u8>, Diagnostic> {
    use chrono::Datelike;
    let world = PdfWorld::new(typesetter.shared(), source, date);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    let document = output.map_err(|errors| diagnostic(&world, typesetter, &errors, ident))?;
    let timestamp = Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
        .map(Timestamp::new_utc);
    // PDF/A-2u alone: typst-pdf 0.14 refuses it beside PDF/UA-1 (or PDF/A-2a
    // beside it) with "Typst currently only supports one PDF substandard at a
    // time", as krilla 0.6 validates against one standard. The PDF is tagged
    // all the same (`PdfOptions::tagged` is true by default), and the built-in
    // layout passes Typst's PDF/UA-1 checks on their own; typst-pdf 0.15 takes both.
    let standards = PdfStandards::new(&[PdfStandard::A_2u])
        .map_err(|e| Diagnostic::error(format!("cannot make {ident}: {e}")))?;
    let options = PdfOptions { ident: Smart::Custom(ident), timestamp, standards, ..PdfOptions::default() };
    typst_pdf::pdf(&document, &options).map_err(|errors| diagnostic(&world, typesetter, &errors, ident))
}

/// Typst's first error, on the theme's file where it lies in one.
fn diagnostic(
    world: &PdfWorld<'_>,
    typesetter: &Typesetter<'_>,
    errors: &[SourceDiagnostic],
    ident: &str,
) -> Diagnostic {
    let Some(error) = errors.first() else {
        return Diagnostic::error(format!("cannot make {ident}"));
    };
    let mut d = Diagnostic::error(format!("cannot make {ident}: {}", error.message));
    let help = error.hints.iter().map(|h| h.as_str()).collect::<Vec<_>>().join("; ");
    let file = error.span.id().and_then(|id| {
        let name = id.vpath().as_rootless_path().to_string_lossy().to_string();
        let (shown, text) = if name == DATA {
            (format!("{DATA} (generated)"), world.data.text().to_string())
        } else {
            let (file, bytes) = typesetter.shared().theme_file(&name)?;
            (file, String::from_utf8_lossy(bytes).into_owned())
        };
        let source = Source::new(id, text);
        let range = source.range(error.span)?;
        let (line, col) = source.lines().byte_to_line_column(range.start)?;
        Some((shown, Position::at_line(source.text(), line + 1, col + 1)))
    });
    if let Some((file, position)) = file {
        d = d.in_file(file).at(position);
    }
    let fix = format!(
        "fix the theme's pdf/{MAIN} (the built-in one can be copied into themes/<theme>/pdf/ and changed there)"
    );
    d.help(if help.is_empty() { fix } else { format!("{help}; {fix}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// When this fails, the library takes both: declare PDF/UA-1 beside PDF/A-2u.
    #[test]
    fn pdf_ua_1_cannot_be_declared_beside_pdf_a() {
        for a in [PdfStandard::A_2u, PdfStandard::A_2a] {
            let both = PdfStandards::new(&[a, PdfStandard::Ua_1]).err().map(|e| e.to_string());
            assert_eq!(both.as_deref(), Some("Typst currently only supports one PDF substandard at a time"));
        }
    }
}
