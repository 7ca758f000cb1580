//! `privsite build`: the whole pipeline into `public/`, refusing any error.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::cli::{BuildArgs, SiteArgs};
use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics, count};
use crate::load::CONTENT;
use crate::pdf_cache::PdfCache;
use crate::pipeline::{Inputs, OutDir, Pipeline, Written};
use crate::render::BuildOptions;
use crate::site::Site;

pub(crate) fn run(root: Option<&Path>, args: &BuildArgs) -> Result<(), Diagnostics> {
    let started = Instant::now();
    let _lock = super::lock(root)?;
    let site_root = crate::load::find_root(root.unwrap_or(Path::new(".")))?;
    let cache =
        Arc::new(if args.no_cache { PdfCache::refreshing(&site_root) } else { PdfCache::new(&site_root) });
    let options = options(&args.site, Arc::clone(&cache))?;
    let named = args.out.clone().unwrap_or_else(|| site_root.join("public"));
    let named = std::path::absolute(&named).unwrap_or(named);
    // Messages name the output as the user does, a link as the link.
    let shown = named.strip_prefix(&site_root).unwrap_or(&named).to_path_buf();
    // A folder it may not write is refused before the site is read.
    let out_dir = OutDir::check(&site_root, &named)?;
    let out = out_dir.path();
    // The same inputs as the build that wrote the output passed every check
    // then and would now: nothing to load, check or write. (Under --strict
    // its warnings, which that build may have let pass, must be looked at.)
    let reuse = !args.no_cache && !args.strict;
    let key = format!("{:?} {:?} {}", options.date, options.base_url, args.released_only);
    let inputs = reuse.then(|| Inputs::stamp(&site_root, out, &key)).flatten();
    if inputs.as_ref().is_some_and(|i| i.built(out)) {
        up_to_date(&shown, &options, started);
        return Ok(());
    }
    let mut pipeline = if args.released_only {
        super::Loaded::new(Pipeline::load_released(Some(&site_root))?)
    } else {
        load(&site_root, args.no_cache, inputs.as_ref())?
    };
    if reuse && pipeline.built(&options, Some(out)) {
        if let Some(inputs) = &inputs {
            inputs.save(out);
        }
        up_to_date(&shown, &options, started);
        return Ok(());
    }
    check(&mut pipeline)?;
    super::report(&pipeline.warnings);
    if args.strict && !pipeline.warnings.is_empty() {
        say!(
            "{}; --strict: warnings count as errors, nothing was built",
            count(pipeline.warnings.len(), "warning")
        );
        return Err(Diagnostics(Vec::new()));
    }
    let (out, written) = pipeline.write(&options, &out_dir, !args.no_cache)?;
    if let Some(inputs) = inputs {
        inputs.save(&out);
        // Thousands of stamps: freed while the build reports.
        rayon::spawn(move || drop(inputs));
    }
    let site = &pipeline.site;
    match written {
        Written::Pages { pages, reused } => say!(
            "Built {}{} of {} in {} into {} in {:.2} s (as of {}){}.",
            super::count(pages, "page"),
            pdf_counts(&cache),
            super::count(site.docs.len(), "document"),
            super::count(site.config.languages.len(), "language"),
            shown.display(),
            started.elapsed().as_secs_f64(),
            options.date,
            if reused > 0 {
                format!("; {reused} of them unchanged since the last build")
            } else {
                String::new()
            }
        ),
        Written::Unchanged => up_to_date(&shown, &options, started),
    }
    note_unreleased(site);
    Ok(())
}

/// When only unreleased text in `content/` stops the build, says so and how
/// to build the released site anyway.
fn hint(errors: &[Diagnostic]) {
    let unreleased = |d: &Diagnostic| {
        d.file.as_deref().is_some_and(|f| f == CONTENT || f.starts_with(&format!("{CONTENT}/")))
    };
    let errors: Vec<&Diagnostic> = errors.iter().filter(|d| d.is_error()).collect();
    if errors.iter().all(|d| unreleased(d)) {
        let (these, them) =
            if errors.len() == 1 { ("This error is", "it") } else { ("These errors are", "them") };
        say!(
            "{these} in unreleased text in {CONTENT}/, so nothing was built. Fix {them}, or build the released versions alone with `privsite build --released-only`."
        );
    }
}

/// load (every document afresh with `no_cache`; with the stamps of
/// `inputs` where there are some), with the [`hint`] on errors.
fn load(root: &Path, no_cache: bool, inputs: Option<&Inputs>) -> Result<super::Loaded, Diagnostics> {
    let loaded = match (no_cache, inputs) {
        (true, _) => Pipeline::load_afresh(Some(root)),
        (false, Some(inputs)) => Pipeline::load_stamped(root, inputs),
        (false, None) => Pipeline::load(Some(root)),
    };
    loaded.map(super::Loaded::new).map_err(|errors| {
        super::report(&errors.0);
        let n = errors.0.iter().filter(|d| d.is_error()).count();
        if n > 1 {
            say!("{}", count(n, "error"));
        }
        hint(&errors.0);
        Diagnostics(Vec::new())
    })
}

/// check, with the [`hint`] on errors.
fn check(pipeline: &mut Pipeline) -> Result<(), Diagnostics> {
    pipeline.check().map_err(|stop| {
        let errors = stop.errors.0.clone();
        let shown = super::stopped(stop);
        hint(&errors);
        shown
    })
}

fn up_to_date(out: &Path, options: &BuildOptions, started: Instant) {
    say!(
        "{} is up to date: nothing changed since it was built (as of {}); checked in {:.2} s. `--no-cache` rebuilds it anyway.",
        out.display(),
        options.date,
        started.elapsed().as_secs_f64()
    );
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
        say!(
            "Note: content/{0}/ has changes that are not released; `privsite release {0} --minor` (or --major) publishes them.",
            doc.slug
        );
    }
}
