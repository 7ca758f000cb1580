//! `privsite build`: load → check → render → write, refusing any error.

use std::path::Path;
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::diag::Diagnostics;
use crate::render::{self, BuildOptions};

pub fn run(root: Option<&Path>, args: &BuildArgs) -> Result<(), Diagnostics> {
    let started = Instant::now();
    let site = super::open(root)?;
    let options =
        BuildOptions { date: super::build_date(args.date)?, base_url: args.base_url.clone(), drafts: false };
    let html: Vec<_> = {
        use rayon::prelude::*;
        site.texts.par_iter().map(|t| render::markdown::render(t, site.config.allow_html)).collect()
    };
    let problems = crate::check::check(&site, &html);
    Diagnostics(problems).into_result().map(|w| crate::report(&w))?;
    let out = args.out.clone().unwrap_or_else(|| site.root.join("public"));
    let pages = crate::write::write_with(&out, |sink| render::render_to(&site, &options, sink))?;
    let shown = out.strip_prefix(&site.root).unwrap_or(&out);
    eprintln!(
        "Built {pages} pages of {} documents in {} languages into {} in {:.2} s (as of {}).",
        site.docs.len(),
        site.config.languages.len(),
        shown.display(),
        started.elapsed().as_secs_f64(),
        options.date
    );
    for doc in site.docs.iter().filter(|d| d.has_unreleased_changes(&site.texts)) {
        eprintln!(
            "Note: content/{0}/ has changes that are not released; `privsite release {0} --minor` (or --major) publishes them.",
            doc.slug
        );
    }
    Ok(())
}
