//! &Site → Output: every page, feed and file of the published site, in memory
//! and sorted by path. No IO here; `write` puts the output on disk.

pub mod dates;
pub mod i18n;
pub mod markdown;
pub mod modified;
pub mod pages;
pub mod templates;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::site::Site;
use pages::{Pages, Timeline};

/// Output path (relative, `/`-separated) → file contents.
pub type Output = BTreeMap<String, Vec<u8>>;

pub struct BuildOptions {
    /// The day the site is built for: decides which versions are published and in effect.
    pub date: NaiveDate,
    /// Overrides `base_url` of privsite.toml.
    pub base_url: Option<String>,
}

/// Files for static hosts that are not pages: served, never linked.
pub const HOSTING_FILES: [&str; 2] = ["_headers", ".nojekyll"];

pub fn render(site: &Site, options: &BuildOptions) -> Result<Output, Diagnostics> {
    let strings = Arc::new(i18n::Strings::new(site));
    let tera = templates::build(&site.theme, &site.config.languages, Arc::clone(&strings))?;
    let dates = dates::Dates::new(&site.config.languages);
    // Each distinct text is rendered once, on every core.
    let html: Vec<markdown::Rendered> = site
        .texts
        .par_iter()
        .map(|t| markdown::render(t, site.config.allow_html))
        .collect();
    let mut base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.clone());
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let pages = Pages {
        site,
        dates: &dates,
        strings: &strings,
        html: &html,
        timelines: site
            .docs
            .iter()
            .map(|d| Timeline::new(site, d, options.date))
            .collect(),
        base_url,
        build_date: options.date,
    };
    let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> = pages
        .all()
        .par_iter()
        .map(|&page| {
            let (template, context) = pages.context(page);
            tera.render(template, &context)
                .map(|html| (pages.file(page), html.into_bytes()))
                .map_err(|e| templates::diagnostic(&e, &site.theme))
        })
        .collect();
    let mut output = Output::new();
    let mut problems = Diagnostics::default();
    for result in rendered {
        match result {
            Ok((path, bytes)) => {
                output.insert(path, bytes);
            }
            Err(d) => {
                if !problems.0.contains(&d) {
                    problems.push(d);
                }
            }
        }
    }
    problems.into_result()?;
    for (path, bytes) in &site.theme.statics {
        output.entry(path.clone()).or_insert_with(|| bytes.clone());
    }
    output.insert("_headers".into(), headers().into_bytes());
    output.insert(".nojekyll".into(), Vec::new());
    Ok(output)
}

/// `_headers` for Netlify and Cloudflare Pages: the same policy as the pages' meta tag.
fn headers() -> String {
    format!(
        "/*\n  Content-Security-Policy: {}; frame-ancestors 'none'\n  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n",
        pages::CSP
    )
}
