//! `privsite build`: the whole pipeline into `public/`, refusing any error.

use std::path::Path;
use std::time::Instant;

use crate::cli::{BuildArgs, SiteArgs};
use crate::diag::{Diagnostics, count};
use crate::pipeline::{Pipeline, Written};
use crate::render::BuildOptions;
use crate::site::Site;

pub(crate) fn run(root: Option<&Path>, args: &BuildArgs) -> Result<(), Diagnostics> {
    let started = Instant::now();
    let _lock = super::lock(root)?;
    let mut pipeline = Pipeline::load(root)?;
    let options = options(&args.site)?;
    // The same inputs as the build that wrote the output passed every check
    // then and would now: nothing to parse, check or write. (Under --strict
    // its warnings, which that build may have let pass, must be looked at.)
    if !args.no_cache && !args.strict && pipeline.built(&options, args.out.as_deref()) {
        let out = args.out.clone().unwrap_or_else(|| pipeline.site.root.join("public"));
        up_to_date(out.strip_prefix(&pipeline.site.root).unwrap_or(&out), &options, started);
        return Ok(());
    }
    pipeline.check().map_err(super::stopped)?;
    super::report(&pipeline.warnings);
    if args.strict && !pipeline.warnings.is_empty() {
        eprintln!(
            "{}; --strict: warnings count as errors, nothing was built",
            count(pipeline.warnings.len(), "warning")
        );
        return Err(Diagnostics(Vec::new()));
    }
    let (out, written) = pipeline.write(&options, args.out.as_deref(), !args.no_cache)?;
    let site = &pipeline.site;
    let shown = out.strip_prefix(&site.root).unwrap_or(&out);
    match written {
        Written::Pages { pages, reused } => eprintln!(
            "Built {pages} pages of {} documents in {} languages into {} in {:.2} s (as of {}){}.",
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
        Written::Unchanged => up_to_date(shown, &options, started),
    }
    note_unreleased(site);
    Ok(())
}

fn up_to_date(out: &Path, options: &BuildOptions, started: Instant) {
    eprintln!(
        "{} is up to date: nothing changed since it was built (as of {}); checked in {:.2} s. `--no-cache` rebuilds it anyway.",
        out.display(),
        options.date,
        started.elapsed().as_secs_f64()
    );
}

/// Build options from the command line's `--date` and `--base-url`.
pub(crate) fn options(args: &SiteArgs) -> Result<BuildOptions, Diagnostics> {
    Ok(BuildOptions { date: super::build_date(args.date)?, base_url: args.base_url.clone(), drafts: false })
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
