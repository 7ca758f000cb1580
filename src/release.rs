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
use crate::site::{DateRule, Kind, Revision, Site, Version};
use crate::translation::{self, State};

pub(crate) struct Request<'a> {
    pub(crate) doc: &'a str,
    pub(crate) kind: Kind,
    pub(crate) date: NaiveDate,
    pub(crate) effective: NaiveDate,
    /// `--effective` was not given: the effective date is the publication date.
    pub(crate) effective_defaulted: bool,
    pub(crate) allow_incomplete: bool,
}

/// Releases the next version of `request.doc` of a checked site; returns its number.
pub(crate) fn release(site: &Site, request: &Request<'_>) -> Result<u32, Diagnostics> {
    let config = &site.config;
    let auth = config.authoritative;
    let auth_code = config.authoritative_code();
    let slug = request.doc;
    let (doc, draft) = site.working_copy(slug)?;
    let content = format!("{}/{slug}", load::CONTENT);

    let mut problems = Diagnostics::default();
    let latest = doc.latest();
    if let Some(latest) = latest.filter(|l| !draft.differs_in_text(&l.text, &site.texts)) {
        problems.push(
            Diagnostic::error(format!("{content}/ has no change since v{}", latest.number))
                .help("edit the document's sections before releasing a new version"),
        );
    }
    let broken = DateRule::broken(latest, request.date, request.effective);
    for &rule in &broken {
        let problem = match (rule, latest) {
            (DateRule::PublishedBeforePrevious, Some(latest)) => Diagnostic::error(format!(
                "the publication date {} is before that of v{} ({})",
                request.date, latest.number, latest.date
            ))
            .help(format!("publication dates never go backwards: pass --date {} or later", latest.date)),
            // With the effective date taken from a --date already refused,
            // the same mistake would be reported twice.
            (DateRule::EffectiveBeforePrevious, _)
                if request.effective_defaulted && broken.contains(&DateRule::PublishedBeforePrevious) =>
            {
                continue;
            }
            (DateRule::EffectiveBeforePrevious, Some(latest)) => {
                let (what, help) = if request.effective_defaulted {
                    (
                        format!(
                            "the effective date {} (the publication date, as --effective was not given)",
                            request.effective
                        ),
                        format!(
                            "pass --effective {} or later (a version may take effect after it is published)",
                            latest.effective
                        ),
                    )
                } else {
                    (
                        format!("the effective date {}", request.effective),
                        format!("pass --effective {} or later", latest.effective),
                    )
                };
                Diagnostic::error(format!(
                    "{what} is before that of v{} ({})",
                    latest.number, latest.effective
                ))
                .help(help)
            }
            (DateRule::EffectiveBeforePublished, _) => Diagnostic::error(format!(
                "the effective date {} is before the publication date {}",
                request.effective, request.date
            ))
            .help("a version cannot take effect before it is published"),
            (_, None) => continue,
        };
        problems.push(problem);
    }
    // A version keeps its notes (and their SHA-256 in version.toml): the same
    // notes again are left over from a release that was cut short.
    if let Some(latest) =
        doc.latest().filter(|v| draft.notes[auth].is_some() && v.text.notes[auth] == draft.notes[auth])
    {
        problems.push(
            Diagnostic::error(format!("these release notes are those of v{} already", latest.number))
                .in_file(format!("{content}/_release.{auth_code}.md"))
                .help("a release was cut short before it removed them: delete the _release.*.md files of this document, then write the notes of the next version"),
        );
    } else if draft.notes[auth].is_none() {
        problems.push(
            Diagnostic::error("no release notes")
                .in_file(format!("{content}/_release.{auth_code}.md"))
                .help("write what changed in this file (Markdown, optional `title` in front matter); it becomes part of the version"),
        );
    }
    if !request.allow_incomplete {
        problems.extend(translations(site, slug, draft));
    }
    problems.into_result()?;

    let number = doc.versions.len() as u32 + 1;
    write_version(&site.root, slug, number, doc.latest(), request)?;
    crate::fault::point("release:placed");
    for (lang, code) in config.languages.iter().enumerate() {
        if draft.notes[lang].is_some() {
            let notes = site.root.join(&content).join(format!("_release.{code}.md"));
            fs::remove_file(&notes).map_err(|e| io_error("remove", &notes, &e))?;
        }
    }
    Ok(number)
}

/// Why the translations of `draft` are not ready to release. When the
/// release notes are all that is missing, one message says what to do.
fn translations(site: &Site, slug: &str, draft: &Revision) -> Vec<Diagnostic> {
    let config = &site.config;
    let (auth, auth_code) = (config.authoritative, config.authoritative_code());
    let content = format!("{}/{slug}", load::CONTENT);
    let mut problems = Vec::new();
    // (file of the notes, what is wrong with it, the command that marks it)
    let mut notes: Vec<(String, &str, String)> = Vec::new();
    for (lang, code) in config.languages.iter().enumerate().filter(|(l, _)| *l != auth && draft.has_lang(*l))
    {
        let mut unmarked = Vec::new();
        for (part, state) in translation::states(draft, &site.texts, lang, auth) {
            let file = format!("{content}/{}.{code}.md", part.stem);
            let is_notes = part.slug.is_none() && part.stem == "_release";
            let what = part.slug.map_or_else(|| part.stem.clone(), |s| format!("section `{s}`"));
            let mark = format!("privsite mark-translated {code} {slug}/{}", part.slug.unwrap_or(&part.stem));
            match state {
                Some(State::Missing) if is_notes => notes.push((file, "missing", mark)),
                Some(State::Unmarked) if is_notes => notes.push((file, "not marked as translated", mark)),
                Some(State::Outdated) if is_notes => notes.push((file, "outdated", mark)),
                Some(State::Missing) => problems.push(
                    Diagnostic::error(format!("{what} is not translated into `{code}`"))
                        .in_file(file)
                        .help(format!("translate it, or pass --allow-incomplete to publish the {auth_code} text in its place")),
                ),
                Some(State::Outdated) => problems.push(
                    Diagnostic::error(format!(
                        "{what} in `{code}` is outdated: the {auth_code} text changed after it was translated"
                    ))
                    .in_file(file)
                    .help(format!("update the translation, then `{mark}`; or pass --allow-incomplete")),
                ),
                Some(State::Unmarked) => unmarked.push(part.stem.clone()),
                _ => {}
            }
        }
        problems.extend(
            crate::check::translations::not_marked(slug, code, &unmarked, Diagnostic::error).map(|d| {
                let help = d.help.clone().unwrap_or_default();
                d.help(format!("{help}; or pass --allow-incomplete"))
            }),
        );
    }
    if notes.is_empty() {
        return problems;
    }
    let list = notes.iter().map(|(file, what, _)| format!("{file} is {what}")).collect::<Vec<_>>().join(", ");
    let marks: Vec<String> = notes.iter().map(|(_, _, mark)| format!("`{mark}`")).collect();
    problems.push(
        Diagnostic::error(format!(
            "the release notes must exist in every language of the document, each marked as translated: {list}"
        ))
        .help(format!(
            "write each translation of {content}/_release.{auth_code}.md, then run {}; or pass --allow-incomplete",
            marks.join(" and ")
        )),
    );
    problems
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
    remove_leftovers(&doc_dir);
    let target = doc_dir.join(format!("v{number}"));
    if target.exists() {
        return Err(Diagnostic::error(format!("{} already exists", target.display()))
            .help("another release may be running; check versions/ and try again"));
    }
    let staging = tempfile::Builder::new()
        .prefix(".release-")
        .tempdir_in(&doc_dir)
        .map_err(|e| io_error("create a folder in", &doc_dir, &e))?;
    let kept = latest.map(|v| versions::kept(root, &v.dir, v.number)).transpose()?;
    let mut files = BTreeMap::new();
    let mut stored = BTreeMap::new();
    let listing = load::walk::list(root, &content)?;
    if let Some((_, problem)) = listing.problems.into_iter().next() {
        return Err(problem);
    }
    for (name, is_dir) in listing.entries {
        if is_dir || filename::parse(&name).is_err() {
            continue;
        }
        let bytes = load::walk::read(root, &format!("{content}/{name}"))?;
        let sum = hex(&Sha256::digest(&bytes));
        let kept =
            kept.as_ref().filter(|(files, _)| files.get(&name) == Some(&sum)).and_then(|(_, s)| s.get(&name));
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
    crate::fault::point("release:staged");
    let staged = staging.keep();
    fs::rename(&staged, &target).map_err(|e| {
        let _ = fs::remove_dir_all(&staged);
        io_error("move into place", &target, &e)
    })?;
    Ok(())
}

/// Removes the staging folders (`.release-*`) of releases that were killed
/// before their version was renamed into place; the caller holds the lock.
fn remove_leftovers(doc_dir: &Path) {
    for entry in fs::read_dir(doc_dir).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with(".release-") {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
