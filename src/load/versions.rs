//! Stored versions: `versions/<doc>/v<N>/version.toml` and the files beside it.
//! A released version is immutable; every command verifies the files against
//! the SHA-256 sums recorded at release and refuses to go on if one differs.
//!
//! A version stores only the files it changed. `SHA256SUMS` (the format of
//! `sha256sum`) lists every file of the version with its sum, naming where an
//! unchanged one is kept (`../v3/10-intro.de.md`), so reading the history
//! costs in proportion to its distinct files and `sha256sum -c SHA256SUMS`
//! verifies a version with standard tools. A version without `SHA256SUMS`
//! (written before privsite stored only changes) holds every file itself.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Position};
use crate::load::files::{Files, RawFile};
use crate::load::texts::hex;
use crate::site::{DateRule, Kind, Version};

pub(crate) const DIR: &str = "versions";
pub(crate) const META: &str = "version.toml";
pub(crate) const SUMS: &str = "SHA256SUMS";
/// `versions/<doc>/withdrawn.toml`: written by `privsite withdraw`, kept for good.
pub(crate) const WITHDRAWN: &str = "withdrawn.toml";

/// The contents of `withdrawn.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Withdrawal {
    pub(crate) date: NaiveDate,
}

pub(crate) fn parse_withdrawal(text: &str, path: &str) -> Result<Withdrawal, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let mut d = Diagnostic::error(format!("invalid {WITHDRAWN}: {}", crate::config::toml_message(&e)))
            .in_file(path)
            .help("this file is written by `privsite withdraw` (`date = YYYY-MM-DD`); restore it from your version control");
        d.position = e.span().map(|s| Position::of(text, s.start));
        d
    })
}

/// The contents of `version.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Meta {
    pub(crate) kind: Kind,
    pub(crate) date: NaiveDate,
    pub(crate) effective: NaiveDate,
    /// File name → SHA-256 (hex) of every file of the version.
    pub(crate) files: BTreeMap<String, String>,
}

pub(crate) fn parse_meta(text: &str, path: &str) -> Result<Meta, Diagnostic> {
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

const HELP: &str = "released versions are immutable: restore the file from version control (e.g. `git checkout -- <file>`); to change the text, edit content/ and release a new version";

/// `SHA256SUMS` of a version: every file, `sum  name` when the version holds
/// it, `sum  ../v<K>/name` when version K does. Sorted by name, so the lines
/// of one language, with the `../v<K>/` taken out, are what `versions.json`
/// hashes.
pub(crate) fn sums_text(
    files: &BTreeMap<String, String>,
    stored: &BTreeMap<String, u32>,
    number: u32,
) -> String {
    let mut out = String::new();
    for (name, sum) in files {
        match stored.get(name) {
            Some(&home) if home != number => out.push_str(&format!("{sum}  ../v{home}/{name}\n")),
            _ => out.push_str(&format!("{sum}  {name}\n")),
        }
    }
    out
}

/// Where each file of a version is kept, from its `SHA256SUMS`: name → the
/// number of the version that holds it. Lines must name exactly the files of
/// `version.toml`, with the same sums, in an earlier version or this one.
pub(crate) fn parse_sums(
    text: &str,
    path: &str,
    meta: &Meta,
    number: u32,
) -> Result<BTreeMap<String, u32>, Diagnostic> {
    let mut stored = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let bad = |what: &str| {
            Diagnostic::error(format!("{SUMS} does not match {META}: {what}"))
                .in_file(path)
                .at(Position { line: i + 1, col: 1, source_line: line.to_string() })
                .help(HELP)
        };
        let (sum, file) = line.split_once("  ").ok_or_else(|| bad("a line is not `<sha256>  <file>`"))?;
        let (home, name) = match file.strip_prefix("../v").and_then(|rest| rest.split_once('/')) {
            Some((k, name)) => {
                let k = k.parse::<u32>().ok().filter(|k| (1..number).contains(k));
                (
                    k.ok_or_else(|| {
                        bad("a file is said to be kept in a version that is not an earlier one")
                    })?,
                    name,
                )
            }
            None => (number, file),
        };
        if meta.files.get(name).map(String::as_str) != Some(sum)
            || stored.insert(name.to_string(), home).is_some()
        {
            return Err(bad(&format!("`{name}` is not recorded with this sum")));
        }
    }
    if stored.len() != meta.files.len() {
        return Err(Diagnostic::error(format!("{SUMS} does not list every file of {META}"))
            .in_file(path)
            .help(HELP));
    }
    Ok(stored)
}

/// Every file of version `number` stored in `dir`: name → its SHA-256
/// (hex), and name → the version whose folder holds it. Read again from
/// the version's own record, which this run's load verified: `release`
/// asks it of the latest version, to keep what did not change where it is.
pub(crate) type Kept = (BTreeMap<String, String>, BTreeMap<String, u32>);

pub(crate) fn kept(root: &std::path::Path, dir: &str, number: u32) -> Result<Kept, Diagnostic> {
    let read = |name: &str| crate::load::walk::read(root, &format!("{dir}/{name}"));
    let text = |name: &str, bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|_| {
            Diagnostic::error("the file is not valid UTF-8").in_file(format!("{dir}/{name}")).help(HELP)
        })
    };
    let meta = parse_meta(&text(META, read(META)?)?, &format!("{dir}/{META}"))?;
    // A version written before versions stored only changes has no SUMS: it holds every file.
    let stored = if root.join(dir).join(SUMS).exists() {
        parse_sums(&text(SUMS, read(SUMS)?)?, &format!("{dir}/{SUMS}"), &meta, number)?
    } else {
        meta.files.keys().map(|name| (name.clone(), number)).collect()
    };
    Ok((meta.files, stored))
}

/// A stored version's record, verified against the files its folder holds.
/// Shared, so that `serve` hands it from one load to the next uncopied.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Record {
    pub(crate) kind: Kind,
    pub(crate) date: NaiveDate,
    pub(crate) effective: NaiveDate,
    /// File name → SHA-256 (hex) of every file of the version.
    pub(crate) files: Arc<BTreeMap<String, String>>,
    /// File name → the version that holds it (this one, or an earlier one).
    pub(crate) stored: Arc<BTreeMap<String, u32>>,
    /// Language code → the digest of its stored text ([`text_digests`]).
    pub(crate) digests: Arc<BTreeMap<String, String>>,
}

/// Per language, the digest of a version's stored text in it: SHA-256 over
/// the `sha256sum` lines (`<hex>  <name>`) of its `*.<lang>.md` files in
/// byte order, so `LC_ALL=C sha256sum *.<lang>.md | sha256sum` in the
/// version's folder gives the same value (`versions.json`, the PDFs).
pub(crate) fn text_digests(files: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut hashers: BTreeMap<&str, Sha256> = BTreeMap::new();
    for (name, sum) in files {
        let Some((_, code)) = name.strip_suffix(".md").and_then(|n| n.rsplit_once('.')) else { continue };
        hashers.entry(code).or_default().update(format!("{sum}  {name}\n").as_bytes());
    }
    hashers.into_iter().map(|(code, h)| (code.to_string(), hex(&h.finalize()))).collect()
}

/// Reads and verifies the record of version `number` in `dir`, given the
/// files read there; `sums`: the folder holds a `SHA256SUMS`.
pub(crate) fn record(
    root: &std::path::Path,
    reads: &Files,
    dir: &str,
    number: u32,
    here: &[RawFile],
    sums: bool,
) -> Result<Record, Vec<Diagnostic>> {
    let meta_path = format!("{dir}/{META}");
    let sums_path = format!("{dir}/{SUMS}");
    let meta_file = reads.read(root, &meta_path).map_err(|d| vec![d])?;
    let sums_file = sums.then(|| reads.read(root, &sums_path)).transpose().map_err(|d| vec![d])?;
    reads.record(&meta_file, sums_file.as_ref(), dir, number, here, || {
        let text = |file: &RawFile| {
            let bytes = reads.bytes(root, file)?;
            String::from_utf8(bytes.into_owned())
                .map_err(|_| Diagnostic::error("the file is not valid UTF-8").in_file(&file.path).help(HELP))
        };
        let meta = parse_meta(&text(&meta_file).map_err(|d| vec![d])?, &meta_path).map_err(|d| vec![d])?;
        let stored = match &sums_file {
            Some(file) => parse_sums(&text(file).map_err(|d| vec![d])?, &sums_path, &meta, number)
                .map_err(|d| vec![d])?,
            None => meta.files.keys().map(|name| (name.clone(), number)).collect(),
        };
        let problems = verify(&meta, dir, here, &stored, number);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Record {
            kind: meta.kind,
            date: meta.date,
            effective: meta.effective,
            digests: Arc::new(text_digests(&meta.files)),
            files: Arc::new(meta.files),
            stored: Arc::new(stored),
        })
    })
}

/// Reports every file that differs from, is missing from, or was added to the
/// record. `here` are the files the version's folder holds; `stored` says
/// which of the recorded files it should hold (the others are checked where
/// they are kept).
fn verify(
    meta: &Meta,
    dir: &str,
    here: &[RawFile],
    stored: &BTreeMap<String, u32>,
    number: u32,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let files = here;
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
    for name in meta.files.keys().filter(|n| stored.get(*n).is_none_or(|&home| home == number)) {
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

/// The stored versions held to the [`DateRule`]s, each broken rule one error
/// on the version that breaks it.
pub(crate) fn check_dates(versions: &[Version]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, v) in versions.iter().enumerate() {
        let file = format!("{}/{META}", v.dir);
        let prev = i.checked_sub(1).map(|p| &versions[p]);
        for rule in DateRule::broken(prev, v.date, v.effective) {
            let (message, help) = match (rule, prev) {
                (DateRule::EffectiveBeforePublished, _) => (
                    format!(
                        "v{} takes effect ({}) before it is published ({})",
                        v.number, v.effective, v.date
                    ),
                    "the effective date must be on or after the publication date",
                ),
                (DateRule::PublishedBeforePrevious, Some(prev)) => (
                    format!("v{} is dated {} but v{} {}", v.number, v.date, prev.number, prev.date),
                    "publication dates never go backwards from one version to the next",
                ),
                (DateRule::EffectiveBeforePrevious, Some(prev)) => (
                    format!(
                        "v{} takes effect {} but v{} only {}",
                        v.number, v.effective, prev.number, prev.effective
                    ),
                    "a version cannot take effect before the one it replaces",
                ),
                (_, None) => continue,
            };
            problems.push(Diagnostic::error(message).in_file(&file).help(help));
        }
    }
    problems
}
