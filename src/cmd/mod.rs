//! One thin file per command: wiring of load → check → render → write.

pub mod build;
pub mod check;
pub mod diff;
pub mod init;
pub mod mark;
pub mod notify;
pub mod pdf;
pub mod publish;
pub mod release;
pub mod serve;
pub mod status;

use std::path::Path;

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Diagnostics};
use crate::site::Site;

/// Finds the site root and loads the site; warnings are printed here.
pub fn open(root: Option<&Path>) -> Result<Site, Diagnostics> {
    let root = crate::load::find_root(root.unwrap_or(Path::new(".")))?;
    let (site, warnings) = crate::load::load(&root)?;
    crate::report(&warnings);
    Ok(site)
}

/// The build date: `--date`, else `SOURCE_DATE_EPOCH`, else today.
pub fn build_date(date: Option<NaiveDate>) -> Result<NaiveDate, Diagnostic> {
    if let Some(d) = date {
        return Ok(d);
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) => epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|t| t.date_naive())
            .ok_or_else(|| {
                Diagnostic::error(format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds"))
                    .help("set it to a Unix timestamp, e.g. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`, or pass --date")
            }),
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}
