//! The one pipeline every command runs, as far as it needs:
//!
//! ```text
//! load  (disk → Site)  →  parse  (Markdown, once per distinct text)
//!       →  check  (→ diagnostics)  →  render  (→ files)  →  write  (→ disk, atomically)
//! ```
//!
//! Each stage returns its results and what it found; nothing here prints or
//! decides an exit code: that is `cmd`'s job.

mod fingerprint;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::Rendered;
use crate::render::{self, BuildOptions, Output, Sink};
use crate::site::Site;

pub(crate) struct Pipeline {
    pub(crate) site: Site,
    /// Warnings of the stages run so far; errors stop the pipeline instead.
    pub(crate) warnings: Vec<Diagnostic>,
    parsed: OnceLock<Vec<Rendered>>,
}

/// Errors stop the pipeline; the warnings found until then ride along, so
/// that a command may show only the errors (one broken thing, one message)
/// and say how many warnings it held back.
#[derive(Debug)]
pub(crate) struct Stopped {
    pub(crate) errors: Diagnostics,
    pub(crate) warnings: Vec<Diagnostic>,
}

/// What `write` did.
pub(crate) enum Written {
    /// Rendered and wrote this many pages.
    Pages(usize),
    /// The output was built from the same inputs already: nothing to do.
    Unchanged,
}

impl From<Diagnostics> for Stopped {
    fn from(errors: Diagnostics) -> Self {
        Stopped { errors, warnings: Vec::new() }
    }
}

impl Pipeline {
    /// load: the site at `root` (or the nearest folder above it with a
    /// privsite.toml), with the warnings loading found.
    pub(crate) fn load(root: Option<&Path>) -> Result<Pipeline, Diagnostics> {
        let root = crate::load::find_root(root.unwrap_or(Path::new(".")))?;
        Self::load_root(&root)
    }

    /// load, from a known site root.
    pub(crate) fn load_root(root: &Path) -> Result<Pipeline, Diagnostics> {
        let (site, warnings) = crate::load::load(root)?;
        Ok(Pipeline { site, warnings, parsed: OnceLock::new() })
    }

    /// parse: every distinct text of the site rendered once (`[text id]`),
    /// done the first time a later stage asks for it.
    pub(crate) fn parsed(&self) -> &[Rendered] {
        self.parsed.get_or_init(|| crate::parse::render_all(&self.site))
    }

    /// check: everything the checks find, errors and warnings alike.
    pub(crate) fn findings(&self) -> Vec<Diagnostic> {
        crate::check::check(&self.site, self.parsed())
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
        render::render_to(&self.site, self.parsed(), options, sink)
    }

    /// render, into memory (`serve`, `publish`).
    pub(crate) fn render(&self, options: &BuildOptions) -> Result<Output, Diagnostics> {
        render::render(&self.site, self.parsed(), options)
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
        render::one_pdf(&self.site, &self.site.config.base_url, slug, number, lang, Some(store))
    }

    /// render → write: the site into `out` (default `public/`), which is
    /// replaced whole or not at all. With `reuse`, an output folder that a
    /// build of the very same inputs left is kept as it is.
    pub(crate) fn write(
        &self,
        options: &BuildOptions,
        out: Option<&Path>,
        reuse: bool,
    ) -> Result<(PathBuf, Written), Diagnostics> {
        let out = out.map_or_else(|| self.site.root.join("public"), Path::to_path_buf);
        let fingerprint = fingerprint::of(&self.site, options);
        if reuse && crate::write::fingerprint(&out).as_deref() == Some(fingerprint.as_str()) {
            return Ok((out, Written::Unchanged));
        }
        let pages = crate::write::write_with(&out, &fingerprint, |sink| self.render_to(options, sink))?;
        Ok((out, Written::Pages(pages)))
    }
}
