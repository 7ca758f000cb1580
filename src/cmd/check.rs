//! `privsite check`: every check, and a trial render of every page, without
//! writing anything.

use std::path::Path;

use crate::cli::Format;
use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics, count};
use crate::pipeline::Pipeline;
use crate::render::BuildOptions;

/// `strict`: warnings fail the check too, so a CI job can gate on them.
pub(crate) fn run(root: Option<&Path>, format: Format, strict: bool) -> Result<(), Diagnostics> {
    let findings = match findings(root) {
        Ok(found) | Err(Diagnostics(found)) => found,
    };
    let errors = findings.iter().filter(|d| d.is_error()).count();
    let warnings = findings.len() - errors;
    match format {
        Format::Json => {
            let json = serde_json::json!({ "errors": errors, "warnings": warnings, "diagnostics": findings });
            let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
            text.push('\n');
            crate::console::print(&text)?;
        }
        Format::Text => {
            super::report(&findings);
            say!("{}, {}", count(errors, "error"), count(warnings, "warning"));
            if strict && errors == 0 && warnings > 0 {
                say!("--strict: warnings count as errors");
            }
        }
    }
    if errors > 0 || strict && warnings > 0 {
        // Already printed: fail without printing them again.
        return Err(Diagnostics(Vec::new()));
    }
    Ok(())
}

/// Every stage but write: load, parse, check, and a trial render of every
/// page as a build would, keeping nothing.
fn findings(root: Option<&Path>) -> Result<Vec<Diagnostic>, Diagnostics> {
    let pipeline = super::Loaded::new(Pipeline::load(root)?);
    let mut found = pipeline.warnings.clone();
    found.extend(pipeline.findings());
    let options = BuildOptions {
        date: super::build_date(None)?,
        base_url: None,
        drafts: false,
        pdf_store: Some(std::sync::Arc::new(crate::pdf_cache::PdfCache::new(&pipeline.site.root))),
    };
    if let Err(Diagnostics(render_errors)) = pipeline.render_to(&options, &|_, _| Ok(())) {
        found.extend(render_errors);
    }
    Ok(found)
}
