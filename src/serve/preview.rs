//! One preview build, entirely in memory: load → check → render with the
//! unreleased working copies shown as drafts. Nothing is written to disk.

use std::path::Path;

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Diagnostics};
use crate::render::{self, BuildOptions, Output};

pub struct Preview {
    pub output: Output,
    pub warnings: Vec<Diagnostic>,
    /// Documents shown with unreleased text.
    pub drafts: Vec<String>,
}

/// Builds the preview of the site at `root` as of `date`, its links absolute from `base_url`.
pub fn build(root: &Path, date: NaiveDate, base_url: &str) -> Result<Preview, Diagnostics> {
    let (site, mut warnings) = crate::load::load(root)?;
    let html = render::markdown::render_all(&site);
    warnings.extend(Diagnostics(crate::check::check(&site, &html)).into_result()?);
    let options = BuildOptions {
        date,
        base_url: Some(base_url.to_string()),
        drafts: true,
        pdf_store: Some(std::sync::Arc::new(crate::pdf_cache::PdfCache::new(&site.root))),
    };
    let output = render::render(&site, &html, &options)?;
    let drafts =
        site.docs.iter().filter(|d| d.has_unreleased_changes(&site.texts)).map(|d| d.slug.clone()).collect();
    Ok(Preview { output, warnings, drafts })
}
