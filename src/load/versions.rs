//! Stored versions: `versions/<doc>/v<N>/version.toml` and the files beside it.
//! A released version is immutable; every command verifies the files against
//! the SHA-256 sums recorded at release and refuses to go on if one differs.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Position};
use crate::load::texts::{RawFile, hex};
use crate::site::{Kind, Version};

pub const DIR: &str = "versions";
pub const META: &str = "version.toml";

/// The contents of `version.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub kind: Kind,
    pub date: NaiveDate,
    pub effective: NaiveDate,
    /// File name → SHA-256 (hex) of every file of the version.
    pub files: BTreeMap<String, String>,
}

pub fn parse_meta(text: &str, path: &str) -> Result<Meta, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let mut d = Diagnostic::error(format!("invalid {META}: {}", crate::config::toml_message(&e)))
            .in_file(path)
            .help(
                "version files are written by `privsite release`; restore this one from your version control",
            );
        d.position = e.span().map(|s| Position::of(text, s.start));
        d
    })
}

/// Reports every file that differs from, is missing from, or was added to the record.
pub fn verify(meta: &Meta, dir: &str, files: &[RawFile]) -> Vec<Diagnostic> {
    const HELP: &str = "released versions are immutable: restore the file from version control (e.g. `git checkout -- <file>`); to change the text, edit content/ and release a new version";
    let mut problems = Vec::new();
    for f in files {
        match meta.files.get(&f.name) {
            Some(sum) if *sum == hex(&f.sha256) => {}
            Some(_) => problems.push(
                Diagnostic::error("this file of a released version was changed after its release")
                    .in_file(&f.path)
                    .help(HELP),
            ),
            None => problems.push(
                Diagnostic::error("this file was added to a released version after its release")
                    .in_file(&f.path)
                    .help(HELP),
            ),
        }
    }
    for name in meta.files.keys() {
        if !files.iter().any(|f| f.name == *name) {
            problems.push(
                Diagnostic::error(format!("{name} of this released version is missing"))
                    .in_file(format!("{dir}/{name}"))
                    .help(HELP),
            );
        }
    }
    problems
}

/// Publication dates never go backwards; an effective date is never before its
/// own publication date nor before the previous version's effective date.
pub fn check_dates(versions: &[Version]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, v) in versions.iter().enumerate() {
        let file = format!("{}/{META}", v.dir);
        if v.effective < v.date {
            problems.push(
                Diagnostic::error(format!(
                    "v{} takes effect ({}) before it is published ({})",
                    v.number, v.effective, v.date
                ))
                .in_file(&file)
                .help("the effective date must be on or after the publication date"),
            );
        }
        if let Some(prev) = i.checked_sub(1).map(|p| &versions[p]) {
            if v.date < prev.date {
                problems.push(
                    Diagnostic::error(format!(
                        "v{} is dated {} but v{} {}",
                        v.number, v.date, prev.number, prev.date
                    ))
                    .in_file(&file)
                    .help("publication dates never go backwards from one version to the next"),
                );
            }
            if v.effective < prev.effective {
                problems.push(
                    Diagnostic::error(format!(
                        "v{} takes effect {} but v{} only {}",
                        v.number, v.effective, prev.number, prev.effective
                    ))
                    .in_file(&file)
                    .help("a version cannot take effect before the one it replaces"),
                );
            }
        }
    }
    problems
}
