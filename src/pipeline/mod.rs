//! The one pipeline every command runs, as far as it needs:
//!
//! ```text
//! load  (disk → Site)  →  parse  (Markdown, once per distinct text)
//!       →  check  (→ diagnostics)  →  render  (→ files)  →  write  (→ disk, atomically)
//! ```
//!
//! Each stage returns its results and what it found; nothing here prints or
//! decides an exit code: that is `cmd`'s job.

mod cache;
mod entries;
mod fingerprint;
mod inputs;
mod memo;
mod parsed;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::{Facts, Rendered};
use crate::render::{self, BuildOptions, Output, Sink};
use crate::site::Site;
pub(crate) use inputs::Inputs;
pub(crate) use memo::Memo;

pub(crate) struct Pipeline {
    pub(crate) site: Site,
    /// Warnings of the stages run so far; errors stop the pipeline instead.
    pub(crate) warnings: Vec<Diagnostic>,
    /// parse: every text's links and ids, and every text, as far as asked.
    kept: OnceLock<parsed::Kept>,
    facts: OnceLock<Vec<Arc<Facts>>>,
    parsed: OnceLock<Vec<Rendered>>,
    /// What the previous run left, in a long-running process.
    memo: Option<Arc<Memo>>,
    /// The fingerprint, with the options it was worked out for.
    fingerprint: OnceLock<(FingerprintOf, String)>,
    /// Nothing is taken from what earlier commands kept on disk.
    afresh: bool,
}

/// The options a fingerprint depends on: the build date, the base URL, drafts.
type FingerprintOf = (chrono::NaiveDate, Option<String>, bool);

/// Errors stop the pipeline; the warnings found until then ride along, so
/// that a command may show only the errors (one broken thing, one message)
/// and say how many warnings it held back.
#[derive(Debug)]
pub(crate) struct Stopped {
    pub(crate) errors: Diagnostics,
    pub(crate) warnings: Vec<Diagnostic>,
}

/// The output folder of a build, checked before the site is read: where
/// its path leads ([`crate::write::target`]), outside the site's own
/// folders, and neither a file nor a folder that privsite did not write.
pub(crate) struct OutDir(PathBuf);

impl OutDir {
    /// `path` as the output folder of the site at `root`, or why it cannot be.
    pub(crate) fn check(root: &Path, path: &Path) -> Result<OutDir, Diagnostic> {
        let dir = crate::write::target(path)?;
        crate::load::refuse_output_in_inputs(root, &dir, "--out ")?;
        crate::write::refuse_foreign(&dir)?;
        Ok(OutDir(dir))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

/// What `write` did.
pub(crate) enum Written {
    /// Wrote this many pages, `reused` of them taken unchanged from the last build.
    Pages { pages: usize, reused: usize },
    /// The output was built from the same inputs already: nothing to do.
    Unchanged,
}

impl From<Diagnostics> for Stopped {
    fn from(errors: Diagnostics) -> Self {
        Stopped { errors, warnings: Vec::new() }
    }
}

impl Pipeline {
    fn new(site: Site, warnings: Vec<Diagnostic>, memo: Option<Arc<Memo>>, afresh: bool) -> Pipeline {
        let (kept, facts, parsed, fingerprint) =
            (OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new());
        Pipeline { site, warnings, kept, facts, parsed, memo, fingerprint, afresh }
    }

    /// load: the site at `root` (or the nearest folder above it with a
    /// privsite.toml), with the warnings loading found.
    pub(crate) fn load(root: Option<&Path>) -> Result<Pipeline, Diagnostics> {
        let root = crate::load::find_root(root.unwrap_or(Path::new(".")))?;
        let (site, warnings) = crate::load::load(&root, &crate::load::files::Files::snapshots())?;
        Ok(Pipeline::new(site, warnings, None, false))
    }

    /// [`Pipeline::load`], each document's snapshot keyed by the stamps a
    /// build found of its inputs before it loaded (`Inputs::stamp`).
    pub(crate) fn load_stamped(root: &Path, inputs: &Inputs) -> Result<Pipeline, Diagnostics> {
        let files = crate::load::files::Files::snapshots_stamped(inputs.stamps(), inputs.listings());
        let (site, warnings) = crate::load::load(root, &files)?;
        Ok(Pipeline::new(site, warnings, None, false))
    }

    /// load, the stored versions only (`build --released-only`).
    pub(crate) fn load_released(root: Option<&Path>) -> Result<Pipeline, Diagnostics> {
        let root = crate::load::find_root(root.unwrap_or(Path::new(".")))?;
        let (site, warnings) = crate::load::load_with(&root, &Default::default(), false, None)?;
        Ok(Pipeline::new(site, warnings, None, false))
    }

    /// load, document `slug` alone (with the site's configuration, strings
    /// and theme): what a command about one document needs.
    pub(crate) fn load_doc(root: Option<&Path>, slug: &str) -> Result<Pipeline, Diagnostics> {
        let root = crate::load::find_root(root.unwrap_or(Path::new(".")))?;
        let (site, warnings) =
            crate::load::load_with(&root, &crate::load::files::Files::snapshots(), true, Some(slug))?;
        Ok(Pipeline::new(site, warnings, None, false))
    }

    /// load, every document read afresh rather than taken from its
    /// snapshot, and later parsed afresh too (`build --no-cache`; the
    /// tests' clean builds).
    pub(crate) fn load_afresh(root: Option<&Path>) -> Result<Pipeline, Diagnostics> {
        let root = crate::load::find_root(root.unwrap_or(Path::new(".")))?;
        let (site, warnings) = crate::load::load(&root, &Default::default())?;
        Ok(Pipeline::new(site, warnings, None, true))
    }

    /// load, taking what an earlier run left in `memo` and leaving this
    /// run's work there for the next.
    pub(crate) fn load_again(root: &Path, memo: Arc<Memo>) -> Result<Pipeline, Diagnostics> {
        let (site, warnings) = crate::load::load(root, &memo.files)?;
        Ok(Pipeline::new(site, warnings, Some(memo), false))
    }

    /// parse: every text's HTML (`[text id]`), as far as a later stage asks
    /// for it: what an earlier run parsed is taken from the memo or, in a
    /// command, from disk, a text at a time.
    pub(crate) fn parsed(&self) -> Parsed<'_> {
        Parsed(self)
    }

    /// parse, every text at once (`serve`, and builds without the cache).
    fn all(&self) -> &[Rendered] {
        self.parsed.get_or_init(|| match &self.memo {
            Some(memo) => memo.parse(&self.site),
            None => crate::parse::render_all(&self.site),
        })
    }

    /// Whether the HTML is read from what earlier commands kept on disk,
    /// text by text, rather than parsed or taken at once ([`Pipeline::all`]).
    fn reads_disk(&self) -> bool {
        self.memo.is_none() && !self.afresh
    }

    /// parse, as far as `check` needs: every text's links and ids (`[text
    /// id]`). A command that goes no further reads no HTML that earlier
    /// commands kept.
    pub(crate) fn facts(&self) -> &[Arc<Facts>] {
        self.facts.get_or_init(|| match self.reads_disk() {
            true => self.kept().facts(&self.site),
            false => self.all().iter().map(|r| Arc::clone(&r.facts)).collect(),
        })
    }

    fn kept(&self) -> &parsed::Kept {
        self.kept.get_or_init(|| parsed::Kept::new(&self.site))
    }

    /// check: everything the checks find, errors and warnings alike.
    pub(crate) fn findings(&self) -> Vec<Diagnostic> {
        let found = crate::check::check(&self.site, self.facts());
        // What was found in a text whose body could not be read again is
        // not about the text: only why it could not be read is.
        let unread = self.site.unread();
        if unread.is_empty() { found } else { unread }
    }

    /// What render made holds no text whose body could not be read again.
    fn whole<T>(&self, made: T) -> Result<T, Diagnostics> {
        let unread = self.site.unread();
        if unread.is_empty() { Ok(made) } else { Err(Diagnostics(unread)) }
    }

    /// check, stopping on errors: afterwards `warnings` holds every warning so far.
    pub(crate) fn check(&mut self) -> Result<(), Stopped> {
        let (errors, warnings): (Vec<_>, Vec<_>) =
            self.findings().into_iter().partition(Diagnostic::is_error);
        self.warnings.extend(warnings);
        if errors.is_empty() {
            return Ok(());
        }
        Err(Stopped { errors: Diagnostics(errors), warnings: std::mem::take(&mut self.warnings) })
    }

    /// render: every file of the site into `sink` as it is done; returns the
    /// number of pages.
    pub(crate) fn render_to(&self, options: &BuildOptions, sink: &Sink<'_>) -> Result<usize, Diagnostics> {
        let kept = render::carry::Kept::default();
        let made = render::render_to(&self.site, &self.parsed(), options, None, &kept, sink)?;
        Ok(self.whole(made)?.pages)
    }

    /// render, into memory (`serve`, `publish`); with a memo, a file made
    /// from the same inputs as in the last render is taken from it.
    pub(crate) fn render(&self, options: &BuildOptions) -> Result<Arc<Output>, Diagnostics> {
        let earlier = self.memo.as_deref().map(|m| m as &dyn render::Earlier);
        let own = render::carry::Kept::default();
        let kept = self.memo.as_deref().map_or(&own, Memo::kept);
        let (output, made) =
            self.whole(render::render(&self.site, &self.parsed(), options, earlier, kept)?)?;
        let output = Arc::new(output);
        if let Some(memo) = &self.memo {
            memo.rendered(made, Arc::clone(&output));
        }
        Ok(output)
    }

    /// A digest of everything the output is made from: equal fingerprints,
    /// equal output. Worked out once for the options a run builds with
    /// (a build asks before it checks, and again as it writes).
    pub(crate) fn fingerprint(&self, options: &BuildOptions) -> String {
        let of = |o: &BuildOptions| (o.date, o.base_url.clone(), o.drafts);
        let (made_for, digest) =
            self.fingerprint.get_or_init(|| (of(options), fingerprint::of(&self.site, options)));
        if *made_for == of(options) { digest.clone() } else { fingerprint::of(&self.site, options) }
    }

    /// Whether the output folder `out` (default `public/`) was written by a
    /// build of exactly these inputs.
    pub(crate) fn built(&self, options: &BuildOptions, out: Option<&Path>) -> bool {
        let out = out.map_or_else(|| self.site.root.join("public"), Path::to_path_buf);
        let out = std::path::absolute(&out).unwrap_or(out);
        // What a killed build left goes first, even when nothing is to be written.
        crate::write::recover(&out);
        crate::write::fingerprint(&out).is_some_and(|f| f == self.fingerprint(options))
    }

    /// render, one PDF: version `number` of document `slug` in `lang`, the
    /// same bytes a build makes.
    pub(crate) fn pdf(
        &self,
        slug: &str,
        number: u32,
        lang: crate::site::Lang,
        store: &dyn render::pdf::Store,
    ) -> Result<Vec<u8>, Diagnostic> {
        let pdf = render::one_pdf(&self.site, &self.site.config.base_url, slug, number, lang, Some(store))?;
        self.whole(pdf).map_err(|mut unread| unread.0.swap_remove(0))
    }

    /// render → write: the site into `out`, which is replaced whole or not
    /// at all. With `reuse`, an output folder that a build of the very same
    /// inputs left is kept as it is.
    pub(crate) fn write(
        &self,
        options: &BuildOptions,
        out: &OutDir,
        reuse: bool,
    ) -> Result<(PathBuf, Written), Diagnostics> {
        let out = out.0.clone();
        // Even when nothing is to be written, what a killed build left goes.
        crate::write::recover(&out);
        let fingerprint = self.fingerprint(options);
        if reuse && crate::write::fingerprint(&out).as_deref() == Some(fingerprint.as_str()) {
            return Ok((out, Written::Unchanged));
        }
        let root = &self.site.root;
        // The two records are megabytes to decode: side by side.
        let (earlier, kept) = match reuse {
            true => rayon::join(|| cache::Written::read(root, &out), || entries::read(root)),
            false => (None, render::carry::Kept::default()),
        };
        let (made, placed) = crate::write::write_with(&out, &fingerprint, |sink, recycled| {
            let earlier = earlier.map(|e| e.recycled_in(recycled));
            let earlier = earlier.as_ref().map(|e| e as &dyn render::Earlier);
            // Nothing is placed if a body could not be read again.
            self.whole(render::render_to(&self.site, &self.parsed(), options, earlier, &kept, sink)?)
        })?;
        // Only shortcuts for the next build: without them, that one renders everything.
        rayon::join(
            || cache::Written::save(root, &out, &fingerprint, &made.keys, &placed),
            || {
                entries::save(root, &kept);
                tidy_cache(&self.site);
            },
        );
        let (pages, reused) = (made.pages, made.reused);
        // Tens of thousands of allocations: freed off the way of what the
        // caller does next (a command that then ends need not wait for it).
        rayon::spawn(move || drop((made, placed, kept)));
        Ok((out, Written::Pages { pages, reused }))
    }
}

/// Every text's HTML, as a render asks for it ([`Pipeline::parsed`]).
pub(crate) struct Parsed<'a>(&'a Pipeline);

impl crate::parse::Parsed for Parsed<'_> {
    fn get(&self, id: crate::site::TextId) -> &Rendered {
        let pipeline = self.0;
        match pipeline.reads_disk() {
            true => pipeline.kept().get(&pipeline.site, pipeline.facts(), id),
            false => &pipeline.all()[id],
        }
    }
}

/// The cache keeps the files of the documents the site has, in this
/// privsite's layouts: a build removes the others.
fn tidy_cache(site: &Site) {
    use crate::load::sealed::tidy;
    let slugs: std::collections::HashSet<&str> = site.docs.iter().map(|d| d.slug.as_str()).collect();
    for folder in [crate::load::SNAPSHOT_DIR, crate::load::READS_DIR, parsed::FACTS_DIR, parsed::HTML_DIR] {
        tidy(&site.root, folder, &slugs);
    }
    // The parsed texts' first layout: a file per document in parse/ itself.
    tidy(&site.root, "parse", &Default::default());
}
