//! `privsite build`: the whole pipeline into `public/`, refusing any error.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::cli::{BuildArgs, SiteArgs};
use crate::diag::{Diagnostics, count};
use crate::pdf_cache::PdfCache;
use crate::pipeline::Written;
use crate::render::BuildOptions;
use crate::site::Site;

pub(crate) fn run(root: Option<&Path>, args: &BuildArgs) -> Result<(), Diagnostics> {
    let started = Instant::now();
    let pipeline = super::checked(root)?;
    super::report(&pipeline.warnings);
    if args.strict && !pipeline.warnings.is_empty() {
        eprintln!(
            "{}; --strict: warnings count as errors, nothing was built",
            count(pipeline.warnings.len(), "warning")
        );
        return Err(Diagnostics(Vec::new()));
    }
    let root = &pipeline.site.root;
    let cache = Arc::new(if args.no_cache { PdfCache::refreshing(root) } else { PdfCache::new(root) });
    let options = options(&args.site, Arc::clone(&cache))?;
    let (out, written) = pipeline.write(&options, args.out.as_deref(), !args.no_cache)?;
    let site = &pipeline.site;
    let shown = out.strip_prefix(&site.root).unwrap_or(&out);
    match written {
        Written::Pages { pages, reused } => eprintln!(
            "Built {pages} pages{} of {} documents in {} languages into {} in {:.2} s (as of {}){}.",
            pdf_counts(&cache),
            site.docs.len(),
            site.config.languages.len(),
            shown.display(),
            started.elapsed().as_secs_f64(),
            options.date,
            if reused > 0 {
                format!("; {reused} of them unchanged since the last build")
            } else {
                String::new()
            }
        ),
        Written::Unchanged => eprintln!(
            "{} is up to date: nothing changed since it was built (as of {}); checked in {:.2} s. `--no-cache` rebuilds it anyway.",
            shown.display(),
            options.date,
            started.elapsed().as_secs_f64()
        ),
    }
    note_unreleased(site);
    Ok(())
}

/// Build options from the command line's `--date` and `--base-url`, with the site's PDF cache.
pub(crate) fn options(args: &SiteArgs, pdf_cache: Arc<PdfCache>) -> Result<BuildOptions, Diagnostics> {
    Ok(BuildOptions {
        date: super::build_date(args.date)?,
        base_url: args.base_url.clone(),
        drafts: false,
        pdf_store: Some(pdf_cache),
    })
}

/// " and 12 PDFs (3 typeset, 9 from the cache)", or nothing when there were none.
fn pdf_counts(cache: &PdfCache) -> String {
    let (cached, typeset) = cache.counts();
    match cached + typeset {
        0 => String::new(),
        n => format!(" and {n} PDFs ({typeset} typeset, {cached} from the cache)"),
    }
}

/// Reminds that unreleased edits are not in the output.
pub(crate) fn note_unreleased(site: &Site) {
    for doc in site.docs.iter().filter(|d| d.has_unreleased_changes(&site.texts)) {
        eprintln!(
            "Note: content/{0}/ has changes that are not released; `privsite release {0} --minor` (or --major) publishes them.",
            doc.slug
        );
    }
}
