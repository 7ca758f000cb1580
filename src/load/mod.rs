//! disk → [`Site`]: reads the configuration, every document's working copy
//! and stored versions, the Fluent strings and the theme, and reports every
//! problem it finds (not just the first) before anything is rendered.

pub mod filename;
pub mod frontmatter;
pub mod locales;
pub mod revision;
pub mod texts;
pub mod theme;
pub mod versions;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diag::{Diagnostic, Diagnostics, io_error};
use crate::site::{Document, Site, Version};
use filename::Role;
use texts::RawFile;

pub const CONTENT: &str = "content";

/// The site root: `start` or the nearest folder above it with a `privsite.toml`.
pub fn find_root(start: &Path) -> Result<PathBuf, Diagnostic> {
    let start = std::path::absolute(start).map_err(|e| io_error("resolve", start, &e))?;
    start.ancestors().find(|dir| dir.join(config::FILE_NAME).is_file()).map(Path::to_path_buf).ok_or_else(
        || {
            Diagnostic::error(format!(
                "no {} in {} or any folder above it",
                config::FILE_NAME,
                start.display()
            ))
            .help("run privsite inside a site, pass `--root DIR`, or create a site with `privsite init DIR`")
        },
    )
}

/// One folder of Markdown files: a document's working copy or one stored version.
struct Folder {
    doc: String,
    version: Option<u32>,
    rel: String,
    files: Vec<String>,
}

pub fn load(root: &Path, reads: &texts::Files) -> Result<(Site, Vec<Diagnostic>), Diagnostics> {
    let config_text = read_text(root, config::FILE_NAME)?;
    let config = Config::parse(&config_text)?;
    let mut problems = Diagnostics::default();

    let mut folders = Vec::new();
    problems.extend(discover(root, &mut folders));
    let read: Vec<Vec<Result<RawFile, Diagnostic>>> = folders
        .par_iter()
        .map(|f| f.files.par_iter().map(|name| reads.read(root, &format!("{}/{name}", f.rel))).collect())
        .collect();
    let read: Vec<Vec<RawFile>> = read
        .into_iter()
        .map(|files| files.into_iter().filter_map(|r| r.map_err(|d| problems.push(d)).ok()).collect())
        .collect();

    // Stored versions: their records, verified against the files they hold,
    // and the unchanged files they keep in earlier versions.
    let records: Vec<Option<Result<versions::Record, Vec<Diagnostic>>>> = folders
        .par_iter()
        .zip(&read)
        .map(|(f, files)| f.version.map(|n| versions::record(root, reads, &f.rel, n, files)))
        .collect();
    let mut records: Vec<Option<versions::Record>> =
        records.into_iter().map(|r| r.and_then(|r| r.map_err(|found| problems.extend(found)).ok())).collect();
    let kept = kept_elsewhere(&folders, &read, &mut records, &mut problems);

    // Name → role and language, then parse each distinct file once.
    let mut classified = Vec::new();
    for (folder, files) in read.iter().enumerate() {
        for file in files.iter().chain(kept[folder].iter().copied()) {
            match classify(file, &config) {
                Ok((role, lang)) => classified.push((folder, file, role, lang)),
                Err(d) => problems.push(d),
            }
        }
    }
    let jobs: Vec<texts::Job<'_>> = classified
        .iter()
        .map(|(_, file, role, _)| match role {
            Role::Section { slug, .. } => texts::Job { file, id_prefix: slug, title_required: true },
            Role::Index => texts::Job { file, id_prefix: "", title_required: true },
            Role::Release => texts::Job { file, id_prefix: "", title_required: false },
        })
        .collect();
    let (texts, ids) = texts::intern(&jobs);
    let mut entries: Vec<Vec<revision::Entry<'_>>> = folders.iter().map(|_| Vec::new()).collect();
    for ((folder, file, role, lang), id) in classified.iter().zip(ids) {
        match id {
            Ok(text) => entries[*folder].push(revision::Entry {
                path: &file.path,
                role: role.clone(),
                lang: *lang,
                text: Some(text),
            }),
            Err(d) => {
                // The file is there but broken: one error for it, none for its absence.
                problems.push(d);
                entries[*folder].push(revision::Entry {
                    path: &file.path,
                    role: role.clone(),
                    lang: *lang,
                    text: None,
                });
            }
        }
    }

    let mut docs: Vec<Document> = Vec::new();
    for ((folder, record), entries) in folders.iter().zip(records).zip(&entries) {
        let (rev, found) = revision::assemble(&folder.rel, entries, &config);
        // A stored version whose record is broken was reported as such; what
        // its incomplete files would add follows from that.
        if folder.version.is_none() || record.is_some() {
            problems.extend(found);
        }
        let index = match docs.iter().position(|d| d.slug == folder.doc) {
            Some(i) => i,
            None => {
                docs.push(Document { slug: folder.doc.clone(), versions: Vec::new(), draft: None });
                docs.len() - 1
            }
        };
        let doc = &mut docs[index];
        match (folder.version, record) {
            (None, _) => doc.draft = Some(rev),
            (Some(number), Some(record)) => doc.versions.push(Version {
                number,
                kind: record.meta.kind,
                date: record.meta.date,
                effective: record.meta.effective,
                text: rev,
                dir: folder.rel.clone(),
                files: record.meta.files,
                stored: record.stored,
            }),
            // Broken, and reported above.
            (Some(_), None) => {}
        }
    }
    for doc in &mut docs {
        doc.versions.sort_by_key(|v| v.number);
        // Numbering counts every version folder, including ones reported broken above.
        let mut numbers: Vec<u32> =
            folders.iter().filter(|f| f.doc == doc.slug).filter_map(|f| f.version).collect();
        numbers.sort_unstable();
        for (i, number) in numbers.iter().enumerate() {
            if *number as usize != i + 1 {
                problems.push(
                    Diagnostic::error(format!("v{} is missing: versions must be numbered 1, 2, 3, …", i + 1))
                        .in_file(format!("{}/{}", versions::DIR, doc.slug))
                        .help("restore the missing version folder from version control"),
                );
                break;
            }
        }
        problems.extend(versions::check_dates(&doc.versions));
    }
    docs.sort_by(|a, b| a.slug.cmp(&b.slug));

    let mut locale_files = locales::builtin(&config);
    problems.extend(locales::load_site(root, &config, &mut locale_files));
    let mut theme = theme::Theme::builtin();
    problems.extend(theme::load_site(root, &config, &mut theme));

    let warnings = problems.into_result()?;
    let site = Site { root: root.to_path_buf(), config, texts, docs, locales: locale_files, theme };
    Ok((site, warnings))
}

fn classify(file: &RawFile, config: &Config) -> Result<(Role, usize), Diagnostic> {
    let name = filename::parse(&file.name)
        .map_err(|help| Diagnostic::error("unexpected file name").in_file(&file.path).help(help))?;
    let lang = config.lang_index(name.lang).ok_or_else(|| {
        Diagnostic::error(format!("unknown language `{}` in the file name", name.lang))
            .in_file(&file.path)
            .help(format!(
                "the site's languages are {} ({}); add `{}` there or rename the file",
                config.languages.join(", "),
                config::FILE_NAME,
                name.lang
            ))
    })?;
    Ok((name.role, lang))
}

/// For each folder, the files of a stored version that an earlier version
/// keeps (`SHA256SUMS` names where), found among the files read there. A
/// version whose kept file is not where it should be is reported and dropped.
fn kept_elsewhere<'a>(
    folders: &[Folder],
    read: &'a [Vec<RawFile>],
    records: &mut [Option<versions::Record>],
    problems: &mut Diagnostics,
) -> Vec<Vec<&'a RawFile>> {
    let index: std::collections::HashMap<(&str, u32), usize> =
        folders.iter().enumerate().filter_map(|(i, f)| Some(((f.doc.as_str(), f.version?), i))).collect();
    let mut kept = vec![Vec::new(); folders.len()];
    for (i, folder) in folders.iter().enumerate() {
        let (Some(number), Some(record)) = (folder.version, &records[i]) else { continue };
        let mut broken = false;
        for (name, &home) in record.stored.iter().filter(|(_, home)| **home != number) {
            let Some(&at) = index.get(&(folder.doc.as_str(), home)) else {
                // The numbering check reports the missing version.
                broken = true;
                continue;
            };
            if records[at].is_none() {
                // That version is broken and reported: one message, not two.
                broken = true;
                continue;
            }
            let found = read[at].iter().find(|f| f.name == *name);
            match found {
                Some(file) if record.meta.files.get(name) == Some(&texts::hex(&file.sha256)) => {
                    kept[i].push(file);
                }
                _ => {
                    broken = true;
                    problems.push(
                        Diagnostic::error(format!(
                            "{} says `{name}` is kept unchanged in v{home}, but v{home} does not hold that text",
                            versions::SUMS
                        ))
                        .in_file(format!("{}/{}", folder.rel, versions::SUMS))
                        .help("released versions are immutable: restore versions/ from version control"),
                    );
                }
            }
        }
        if broken {
            records[i] = None;
        }
    }
    kept
}

/// Finds the folders to read: `content/<doc>/` and `versions/<doc>/v<N>/`.
fn discover(root: &Path, out: &mut Vec<Folder>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let subfolders = |rel: &str, problems: &mut Vec<Diagnostic>| -> Vec<String> {
        match list(root, rel) {
            Ok(entries) => entries
                .into_iter()
                .filter_map(|(name, is_dir)| {
                    if is_dir {
                        return Some(name);
                    }
                    problems.push(
                        Diagnostic::error("unexpected file")
                            .in_file(format!("{rel}/{name}"))
                            .help(format!("{rel}/ holds only folders; move the file into one or delete it")),
                    );
                    None
                })
                .collect(),
            Err(d) => {
                problems.push(d);
                Vec::new()
            }
        }
    };
    let files_of = |rel: &str, problems: &mut Vec<Diagnostic>, skip: &[&str]| -> Vec<String> {
        match list(root, rel) {
            Ok(entries) => entries
                .into_iter()
                .filter_map(|(name, is_dir)| {
                    if is_dir {
                        problems.push(
                            Diagnostic::error("unexpected folder")
                                .in_file(format!("{rel}/{name}"))
                                .help("a document folder holds only Markdown files; move this folder out"),
                        );
                        return None;
                    }
                    (!skip.contains(&name.as_str())).then_some(name)
                })
                .collect(),
            Err(d) => {
                problems.push(d);
                Vec::new()
            }
        }
    };
    if root.join(CONTENT).is_dir() {
        for doc in subfolders(CONTENT, &mut problems) {
            if !filename::is_slug(&doc) {
                problems.push(bad_slug(&format!("{CONTENT}/{doc}")));
                continue;
            }
            let rel = format!("{CONTENT}/{doc}");
            let files = files_of(&rel, &mut problems, &[]);
            out.push(Folder { doc, version: None, rel, files });
        }
    }
    if root.join(versions::DIR).is_dir() {
        for doc in subfolders(versions::DIR, &mut problems) {
            let doc_rel = format!("{}/{doc}", versions::DIR);
            for v in subfolders(&doc_rel, &mut problems) {
                let rel = format!("{doc_rel}/{v}");
                let Some(number) = v.strip_prefix('v').and_then(|n| n.parse::<u32>().ok()).filter(|n| *n > 0)
                else {
                    problems.push(
                        Diagnostic::error("unexpected folder among stored versions")
                            .in_file(rel)
                            .help("versions/<doc>/ holds only v1, v2, … written by `privsite release`"),
                    );
                    continue;
                };
                if !root.join(&rel).join(versions::META).is_file() {
                    problems.push(
                        Diagnostic::error(format!("this stored version has no {}", versions::META))
                            .in_file(&rel)
                            .help(
                                "restore it from version control; versions are written by `privsite release`",
                            ),
                    );
                    continue;
                }
                let files = files_of(&rel, &mut problems, &[versions::META, versions::SUMS]);
                out.push(Folder { doc: doc.clone(), version: Some(number), rel, files });
            }
        }
    }
    problems
}

fn bad_slug(path: &str) -> Diagnostic {
    Diagnostic::error("a document folder name must be a slug")
        .in_file(path)
        .help("use lowercase letters, digits and hyphens, e.g. `privacy-policy`")
}

/// Entries of a folder, sorted, without editor clutter: (name, is a folder).
/// Symbolic links are followed only when they stay inside the site root.
pub fn list(root: &Path, rel: &str) -> Result<Vec<(String, bool)>, Diagnostic> {
    let dir = root.join(rel);
    let read = std::fs::read_dir(&dir).map_err(|e| io_error("read the folder", Path::new(rel), &e))?;
    let canonical_root = root.canonicalize().map_err(|e| io_error("resolve", root, &e))?;
    let mut out = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| io_error("read the folder", Path::new(rel), &e))?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            return Err(Diagnostic::error("a file name is not valid UTF-8")
                .in_file(format!("{rel}/{}", entry.file_name().to_string_lossy()))
                .help("rename the file using UTF-8 characters"));
        };
        if filename::is_ignored(&name) {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type().map_err(|e| io_error("inspect", &path, &e))?;
        let is_dir = if file_type.is_symlink() {
            let target = path.canonicalize().map_err(|e| {
                Diagnostic::error(format!("this symbolic link cannot be followed: {e}"))
                    .in_file(format!("{rel}/{name}"))
                    .help("fix the link (a loop or a missing target) or remove it")
            })?;
            if !target.starts_with(&canonical_root) {
                return Err(Diagnostic::error("this symbolic link leads outside the site root")
                    .in_file(format!("{rel}/{name}"))
                    .help("links are followed only inside the site; copy the file in instead"));
            }
            target.is_dir()
        } else {
            file_type.is_dir()
        };
        out.push((name, is_dir));
    }
    out.sort();
    Ok(out)
}

/// Reads a UTF-8 text file given relative to the root.
pub fn read_text(root: &Path, rel: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| io_error("read", Path::new(rel), &e))?;
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error("the file is not valid UTF-8").in_file(rel).help("save the file as UTF-8")
    })
}
