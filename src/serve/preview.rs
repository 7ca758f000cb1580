//! One preview build, entirely in memory: the pipeline up to render, with
//! the unreleased working copies shown as drafts. Nothing is written to disk.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Diagnostics};
use crate::pipeline::{Memo, Pipeline};
use crate::render::{BuildOptions, Output};

pub(crate) struct Preview {
    pub(crate) output: Arc<Output>,
    pub(crate) warnings: Vec<Diagnostic>,
    /// Documents shown with unreleased text.
    pub(crate) drafts: Vec<String>,
}

/// Builds the preview of the site at `root` as of `date`, its links absolute
/// from `base_url`, taking from `memo` what the last preview made of inputs
/// that did not change.
pub(crate) fn build(
    root: &Path,
    date: NaiveDate,
    base_url: &str,
    memo: &Arc<Memo>,
) -> Result<Preview, Diagnostics> {
    let mut pipeline = Pipeline::load_again(root, Arc::clone(memo))?;
    // Every error of the preview is shown in the browser, so nothing is held back.
    pipeline.check().map_err(|stop| stop.errors)?;
    let options = BuildOptions {
        date,
        base_url: Some(base_url.to_string()),
        drafts: true,
        pdf_store: Some(std::sync::Arc::new(crate::pdf_cache::PdfCache::new(root))),
    };
    let output = pipeline.render(&options)?;
    let site = &pipeline.site;
    let drafts =
        site.docs.iter().filter(|d| d.has_unreleased_changes(&site.texts)).map(|d| d.slug.clone()).collect();
    let warnings = std::mem::take(&mut pipeline.warnings);
    // Freeing every text of a large site takes a while: not on the way to the reload.
    std::thread::spawn(move || drop(pipeline));
    Ok(Preview { output, warnings, drafts })
}
