//! `privsite publish`: build exactly as `build` does, then hand the output to
//! the target's publisher (`crate::publish`). Nothing is published when the
//! build has any error.

use std::path::{Path, PathBuf};

use crate::cli::PublishArgs;
use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics};
use crate::pipeline::Pipeline;
use crate::publish::headers::Headers;
use crate::publish::target::{self, Target};
use crate::publish::{self, Options};

pub(crate) fn run(root: Option<&Path>, args: &PublishArgs) -> Result<(), Diagnostics> {
    let _lock = super::lock(root)?;
    // Loaded only: a rollback must work on a site that does not build.
    let mut pipeline = super::Loaded::new(Pipeline::load(root)?);
    let site = &pipeline.site;
    // A target on the command line is relative to where it was typed, one in
    // privsite.toml to the site root.
    let (text, base) = match (&args.target, &site.config.publish.target) {
        (Some(t), _) => (t.clone(), PathBuf::new()),
        (None, Some(t)) => (t.clone(), site.root.clone()),
        (None, None) => {
            return Err(Diagnostic::error("no publish target given")
                .help("pass --target (s3://bucket/prefix, gs://…, az://…, dir:PATH) or set `target` in the [publish] table of privsite.toml")
                .into());
        }
    };
    let target = match target::parse(&text)? {
        Target::Dir(path) => Target::Dir(base.join(path)),
        t => t,
    };
    if let Target::Dir(path) = &target {
        crate::load::refuse_output_in_inputs(&site.root, path, "dir:")?;
    }
    if args.rollback {
        return match &target {
            Target::Dir(path) => publish::dir::rollback(path),
            Target::Bucket(b) => Err(Diagnostic::error(format!(
                "--rollback works for dir: targets only, not {b}"
            ))
            .help("to go back on object storage, check out the previous content and publish again; it uploads only what differs")
            .into()),
        };
    }
    let cache = std::sync::Arc::new(crate::pdf_cache::PdfCache::new(&pipeline.site.root));
    let options = super::build::options(&args.site, cache)?;
    let fingerprint = pipeline.fingerprint(&options);
    // The live release was published from these very inputs, which passed
    // every check then: nothing to parse, check or render.
    if let Target::Dir(path) = &target
        && !args.dry_run
        && crate::write::fingerprint(path).as_deref() == Some(fingerprint.as_str())
    {
        say!(
            "dir:{} is up to date: it is what this build would publish (as of {}).",
            path.display(),
            options.date
        );
        return Ok(());
    }
    pipeline.check().map_err(super::stopped)?;
    super::report(&pipeline.warnings);
    let output = pipeline.render(&options)?;
    let site = &pipeline.site;
    super::build::note_unreleased(site);
    match &target {
        Target::Dir(path) => publish::dir::publish(&output, path, args.dry_run, &fingerprint),
        Target::Bucket(bucket) => publish::to_bucket(
            &output,
            bucket,
            &Headers::new(&site.config.publish),
            &Options { dry_run: args.dry_run, yes: args.yes, max_deletes: args.max_deletes },
        ),
    }
}
