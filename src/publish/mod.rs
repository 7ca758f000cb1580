//! `privsite publish`: puts a built site on static hosting. Object storage
//! gets only new and changed files, bottom-up, with privsite's manifest
//! written so an interrupted publish finishes on the next run; a folder gets
//! a complete new release switched in by one atomic rename (`dir`).

pub(crate) mod dir;
pub(crate) mod headers;
pub(crate) mod plan;
pub(crate) mod store;
pub(crate) mod target;

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt};

use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::Output;
use headers::Headers;
use plan::{Manifest, Plan};
use store::Store;
use target::Bucket;

/// How many uploads or deletions run at once.
const PARALLEL: usize = 8;

pub(crate) struct Options {
    pub(crate) dry_run: bool,
    pub(crate) yes: bool,
    pub(crate) max_deletes: usize,
}

/// Publishes `output` to a bucket: see the module documentation.
pub(crate) fn to_bucket(
    output: &Output,
    target: &Bucket,
    headers: &Headers,
    options: &Options,
) -> Result<(), Diagnostics> {
    let started = Instant::now();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(format!("could not start the uploader: {e}")))?;
    let result = runtime.block_on(publish(output, target, headers, options));
    // Do not wait for requests left hanging by an error.
    runtime.shutdown_timeout(Duration::from_millis(100));
    let (store, plan) = result?;
    if options.dry_run {
        print_plan(&plan, &store.name)?;
        return Ok(());
    }
    say!(
        "Published to {}: {} uploaded, {} unchanged, {} deleted, {} in {:.2} s.",
        store.name,
        plan.uploads.len(),
        plan.unchanged,
        plan.deletions.len(),
        bytes(plan.bytes()),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn publish(
    output: &Output,
    target: &Bucket,
    headers: &Headers,
    options: &Options,
) -> Result<(Store, Plan), Diagnostic> {
    let store = Store::open(target)?;
    let remote = store.list().await?;
    let manifest = store.manifest().await?.unwrap_or_default();
    let plan = plan::plan(output, &manifest, &remote, headers);
    plan.check_deletes(options.max_deletes, options.yes, &store.name)?;
    if options.dry_run {
        return Ok((store, plan));
    }
    let mut written = manifest.files.clone();
    let mut save = async |m: &Manifest| -> Result<(), Diagnostic> {
        if m.files != written {
            store.put_manifest(m).await?;
            written = m.files.clone();
        }
        Ok(())
    };
    save(&plan.pending).await?;
    let progress = progress(plan.uploads.len() + plan.deletions.len());
    // One rank after the other, so nothing links to a file not yet uploaded.
    let mut rest = plan.uploads.as_slice();
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|u| u.rank == first.rank).count();
        let (rank, later) = rest.split_at(n);
        futures::stream::iter(rank.iter().map(Ok))
            .try_for_each_concurrent(PARALLEL, |u| {
                let bytes = output.get(&u.path).map(|b| b.to_vec()).unwrap_or_default();
                let progress = &progress;
                let store = &store;
                async move {
                    store.put(&u.path, bytes, &u.entry).await?;
                    progress.inc(1);
                    Ok::<(), Diagnostic>(())
                }
            })
            .await?;
        rest = later;
    }
    save(&plan.uploaded).await?;
    let deleted: Vec<Result<(), Diagnostic>> = futures::stream::iter(&plan.deletions)
        .map(|path| {
            let progress = &progress;
            let store = &store;
            async move {
                store.delete(path).await?;
                progress.inc(1);
                Ok(())
            }
        })
        .buffer_unordered(PARALLEL)
        .collect()
        .await;
    deleted.into_iter().collect::<Result<Vec<()>, _>>()?;
    save(&plan.done).await?;
    progress.finish_and_clear();
    Ok((store, plan))
}

/// A progress bar on a terminal; nothing otherwise.
fn progress(len: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
        bar.set_style(style);
    }
    bar
}

fn print_plan(plan: &Plan, target: &str) -> Result<(), Diagnostic> {
    let mut out = String::new();
    for u in &plan.uploads {
        let _ = writeln!(out, "upload  {}  ({}, {})", u.path, bytes(u.size), u.entry.cache_control);
    }
    for path in &plan.deletions {
        let _ = writeln!(out, "delete  {path}");
    }
    crate::console::print(&out)?;
    say!(
        "Dry run for {target}: would upload {} files ({}), leave {} unchanged and delete {}; nothing was changed.",
        plan.uploads.len(),
        bytes(plan.bytes()),
        plan.unchanged,
        plan.deletions.len()
    );
    Ok(())
}

/// `1234567` → `1.2 MB`.
pub(crate) fn bytes(n: u64) -> String {
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => format!("{:.1} kB", n as f64 / 1e3),
        _ => format!("{:.1} MB", n as f64 / 1e6),
    }
}
