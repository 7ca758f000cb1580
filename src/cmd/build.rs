//! `privsite build`: load → check → render → write, refusing any error.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::cli::{BuildArgs, SiteArgs};
use crate::diag::Diagnostics;
use crate::pdf_cache::PdfCache;
use crate::render::{self, BuildOptions, Output};
use crate::site::Site;

pub fn run(root: Option<&Path>, args: &BuildArgs) -> Result<(), Diagnostics> {
    let started = Instant::now();
    let site = super::open(root)?;
    let cache = Arc::new(PdfCache::new(&site.root));
    let options = options(&args.site, Arc::clone(&cache))?;
    let html = render::markdown::render_all(&site);
    checked(&site, &html)?;
    let out = args.out.clone().unwrap_or_else(|| site.root.join("public"));
    let pages = crate::write::write_with(&out, |sink| render::render_to(&site, &html, &options, sink))?;
    let shown = out.strip_prefix(&site.root).unwrap_or(&out);
    let (cached, typeset) = cache.counts();
    let pdfs = match cached + typeset {
        0 => String::new(),
        n => format!(" and {n} PDFs ({typeset} typeset, {cached} from the cache)"),
    };
    eprintln!(
        "Built {pages} pages{pdfs} of {} documents in {} languages into {} in {:.2} s (as of {}).",
        site.docs.len(),
        site.config.languages.len(),
        shown.display(),
        started.elapsed().as_secs_f64(),
        options.date
    );
    note_unreleased(&site);
    Ok(())
}

/// Every check a build runs. On errors only the errors are shown (one broken
/// thing, one message: the warnings it causes can wait for `check`).
pub fn checked(site: &Site, html: &[render::markdown::Rendered]) -> Result<(), Diagnostics> {
    let problems = crate::check::check(site, html);
    let warnings = problems.iter().filter(|d| !d.is_error()).count();
    let errors: Vec<_> = problems.iter().filter(|d| d.is_error()).cloned().collect();
    if errors.is_empty() {
        crate::report(&problems);
        return Ok(());
    }
    crate::report(&errors);
    if warnings > 0 {
        eprintln!("({warnings} warnings not shown: `privsite check` lists everything)");
    }
    Err(Diagnostics(Vec::new()))
}

/// Checks and renders the site exactly as `build` does, in memory: `publish`
/// uses it so it publishes exactly what `build` would write.
pub fn output(site: &Site, options: &BuildOptions) -> Result<Output, Diagnostics> {
    let html = render::markdown::render_all(site);
    checked(site, &html)?;
    render::render(site, &html, options)
}

/// Build options from the command line's `--date` and `--base-url`, with the site's PDF cache.
pub fn options(args: &SiteArgs, cache: Arc<PdfCache>) -> Result<BuildOptions, Diagnostics> {
    Ok(BuildOptions {
        date: super::build_date(args.date)?,
        base_url: args.base_url.clone(),
        drafts: false,
        pdf_store: Some(cache),
    })
}

/// Reminds that unreleased edits are not in the output.
pub fn note_unreleased(site: &Site) {
    for doc in site.docs.iter().filter(|d| d.has_unreleased_changes(&site.texts)) {
        eprintln!(
            "Note: content/{0}/ has changes that are not released; `privsite release {0} --minor` (or --major) publishes them.",
            doc.slug
        );
    }
}
