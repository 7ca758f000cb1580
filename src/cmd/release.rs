//! `privsite release DOC --major|--minor`: see `crate::release`.

use std::path::Path;

use crate::cli::ReleaseArgs;
use crate::console::say;
use crate::diag::Diagnostics;
use crate::release::{self, Request};
use crate::site::Kind;

pub(crate) fn run(root: Option<&Path>, args: &ReleaseArgs) -> Result<(), Diagnostics> {
    let _lock = super::lock(root)?;
    let pipeline = super::checked(root)?;
    let slug = super::doc_arg(&args.doc);
    let date = args.date.map_or_else(|| super::build_date(None), Ok)?;
    let request = Request {
        doc: slug,
        kind: if args.major { Kind::Major } else { Kind::Minor },
        date,
        effective: args.effective.unwrap_or(date),
        effective_defaulted: args.effective.is_none(),
        allow_incomplete: args.allow_incomplete,
    };
    let version = release::release(&pipeline.site, &request)?;
    say!(
        "Released {} v{version} ({}), published {date}, in effect from {}.",
        slug,
        if args.major { "major" } else { "minor" },
        request.effective
    );
    Ok(())
}
