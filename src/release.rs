//! Freezing a version: the files of the working copy that changed since the
//! latest version, with the release notes, are copied byte for byte into
//! `versions/<doc>/v<N>/` together with a `version.toml` that records kind,
//! dates and the SHA-256 of every file, and a `SHA256SUMS` that says where
//! each unchanged one is kept. The folder appears complete or not at all
//! (written aside, then renamed).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Diagnostics, io_error};
use crate::load::{self, filename, texts::hex, versions};
use crate::site::{Kind, Site, Version};
use crate::translation::{self, State};

pub struct Request<'a> {
    pub doc: &'a str,
    pub kind: Kind,
    pub date: NaiveDate,
    pub effective: NaiveDate,
    pub allow_incomplete: bool,
}

/// Releases the next version of `request.doc` of a checked site; returns its number.
pub fn release(site: &Site, request: &Request<'_>) -> Result<u32, Diagnostics> {
    let config = &site.config;
    let auth = config.authoritative;
    let auth_code = config.authoritative_code();
    let slug = request.doc;
    let (doc, draft) = site.working_copy(slug)?;
    let content = format!("{}/{slug}", load::CONTENT);

    let mut problems = Diagnostics::default();
    if let Some(latest) = doc.latest() {
        if !draft.differs_in_text(&latest.text, &site.texts) {
            problems.push(
                Diagnostic::error(format!("{content}/ has no change since v{}", latest.number))
                    .help("edit the document's sections before releasing a new version"),
            );
        }
        if request.date < latest.date {
            problems.push(
                Diagnostic::error(format!(
                    "the publication date {} is before that of v{} ({})",
                    request.date, latest.number, latest.date
                ))
                .help("publication dates never go backwards: pass a later --date"),
            );
        }
        if request.effective < latest.effective {
            problems.push(
                Diagnostic::error(format!(
                    "the effective date {} is before that of v{} ({})",
                    request.effective, latest.number, latest.effective
                ))
                .help("pass a later --effective"),
            );
        }
    }
    if request.effective < request.date {
        problems.push(
            Diagnostic::error(format!(
                "the effective date {} is before the publication date {}",
                request.effective, request.date
            ))
            .help("a version cannot take effect before it is published"),
        );
    }
    if draft.notes[auth].is_none() {
        problems.push(
            Diagnostic::error("no release notes")
                .in_file(format!("{content}/_release.{auth_code}.md"))
                .help("write what changed in this file (Markdown, optional `title` in front matter); it becomes part of the version"),
        );
    }
    if !request.allow_incomplete {
        for (lang, code) in
            config.languages.iter().enumerate().filter(|(l, _)| *l != auth && draft.has_lang(*l))
        {
            for (part, state) in translation::states(draft, &site.texts, lang, auth) {
                let file = format!("{content}/{}.{code}.md", part.stem);
                let what = part.slug.map_or_else(|| part.stem.clone(), |s| format!("section `{s}`"));
                match state {
                    Some(State::Missing) => problems.push(
                        Diagnostic::error(format!("{what} is not translated into `{code}`"))
                            .in_file(file)
                            .help(format!("translate it, or pass --allow-incomplete to publish the {auth_code} text in its place")),
                    ),
                    Some(State::Outdated) => problems.push(
                        Diagnostic::error(format!(
                            "{what} in `{code}` is outdated: the {auth_code} text changed after it was translated (or it was never marked)"
                        ))
                        .in_file(file)
                        .help(format!(
                            "update the translation, then `privsite mark-translated {code} {slug}/{}`; or pass --allow-incomplete",
                            part.slug.unwrap_or(&part.stem)
                        )),
                    ),
                    _ => {}
                }
            }
        }
    }
    problems.into_result()?;

    let number = doc.versions.len() as u32 + 1;
    write_version(&site.root, slug, number, doc.latest(), request)?;
    for (lang, code) in config.languages.iter().enumerate() {
        if draft.notes[lang].is_some() {
            let notes = site.root.join(&content).join(format!("_release.{code}.md"));
            fs::remove_file(&notes).map_err(|e| io_error("remove", &notes, &e))?;
        }
    }
    Ok(number)
}

/// Writes the version's record and the files that changed since `latest`;
/// an unchanged file is recorded as kept where `latest` keeps it.
fn write_version(
    root: &Path,
    slug: &str,
    number: u32,
    latest: Option<&Version>,
    request: &Request<'_>,
) -> Result<(), Diagnostic> {
    let content = format!("{}/{slug}", load::CONTENT);
    let doc_dir = root.join(versions::DIR).join(slug);
    fs::create_dir_all(&doc_dir).map_err(|e| io_error("create", &doc_dir, &e))?;
    let target = doc_dir.join(format!("v{number}"));
    if target.exists() {
        return Err(Diagnostic::error(format!("{} already exists", target.display()))
            .help("another release may be running; check versions/ and try again"));
    }
    let staging = tempfile::Builder::new()
        .prefix(".release-")
        .tempdir_in(&doc_dir)
        .map_err(|e| io_error("create a folder in", &doc_dir, &e))?;
    let mut files = BTreeMap::new();
    let mut stored = BTreeMap::new();
    for (name, is_dir) in load::list(root, &content)? {
        if is_dir || filename::parse(&name).is_err() {
            continue;
        }
        let from = root.join(&content).join(&name);
        let bytes = fs::read(&from).map_err(|e| io_error("read", &from, &e))?;
        let sum = hex(&Sha256::digest(&bytes));
        let kept = latest.filter(|v| v.files.get(&name) == Some(&sum)).and_then(|v| v.stored.get(&name));
        match kept {
            Some(&home) => stored.insert(name.clone(), home),
            None => {
                fs::write(staging.path().join(&name), &bytes)
                    .map_err(|e| io_error("write", staging.path(), &e))?;
                stored.insert(name.clone(), number)
            }
        };
        files.insert(name, sum);
    }
    fs::write(staging.path().join(versions::SUMS), versions::sums_text(&files, &stored, number))
        .map_err(|e| io_error("write", staging.path(), &e))?;
    let meta = versions::Meta { kind: request.kind, date: request.date, effective: request.effective, files };
    let text = toml::to_string(&meta)
        .map_err(|e| Diagnostic::error(format!("could not write {}: {e}", versions::META)))?;
    let header = "# Written by `privsite release`. A released version is immutable: privsite checks\n# every file of this version against these SHA-256 sums and refuses to go on if one differs.\n";
    fs::write(staging.path().join(versions::META), format!("{header}{text}"))
        .map_err(|e| io_error("write", staging.path(), &e))?;
    let staged = staging.keep();
    fs::rename(&staged, &target).map_err(|e| {
        let _ = fs::remove_dir_all(&staged);
        io_error("move into place", &target, &e)
    })?;
    Ok(())
}
