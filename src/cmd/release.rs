//! `privsite release DOC --major|--minor`: see `crate::release`.

use std::path::Path;

use crate::cli::ReleaseArgs;
use crate::diag::Diagnostics;
use crate::release::{self, Request};
use crate::site::Kind;

pub(crate) fn run(root: Option<&Path>, args: &ReleaseArgs) -> Result<(), Diagnostics> {
    let pipeline = super::checked(root)?;
    let date = args.date.map_or_else(|| super::build_date(None), Ok)?;
    let request = Request {
        doc: &args.doc,
        kind: if args.major { Kind::Major } else { Kind::Minor },
        date,
        effective: args.effective.unwrap_or(date),
        allow_incomplete: args.allow_incomplete,
    };
    let version = release::release(&pipeline.site, &request)?;
    eprintln!(
        "Released {} v{version} ({}), published {date}, in effect from {}.",
        args.doc,
        if args.major { "major" } else { "minor" },
        request.effective
    );
    Ok(())
}
