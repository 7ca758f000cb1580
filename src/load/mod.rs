//! disk → [`Site`]: reads the configuration, every document's working copy
//! and stored versions, the Fluent strings and the theme, and reports every
//! problem it finds (not just the first) before anything is rendered.

pub(crate) mod filename;
pub(crate) mod files;
pub(crate) mod frontmatter;
pub(crate) mod leftovers;
pub(crate) mod locales;
pub(crate) mod revision;
pub(crate) mod sealed;
mod snapshot;
/// The folder of the load snapshots, in the cache.
pub(crate) use snapshot::{FOLDER as SNAPSHOT_DIR, READS as READS_DIR};
pub(crate) mod stamp;
pub(crate) mod texts;
pub(crate) mod theme;
pub(crate) mod versions;
pub(crate) mod walk;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::config::{self, Config};
use crate::diag::{Diagnostic, Diagnostics, io_error};
use crate::site::{Document, Site, Version};
use filename::Role;
use files::{Files, RawFile};

pub(crate) const CONTENT: &str = "content";
/// The build cache inside a site (`init` lists it in `.gitignore`): what
/// the load, parse and write stages and the PDFs keep between commands.
pub(crate) const CACHE_DIR: &str = ".privsite/cache";

/// The folder `sub` of the build cache (`/`-separated, below [`CACHE_DIR`]),
/// or `None` when a folder on the way is a link or no folder: a link could
/// lead the cache's reads and writes out of the site, and no byte from
/// outside the site may reach its output. Folders not there yet are made,
/// as real ones, by the first write.
pub(crate) fn cache_dir(root: &Path, sub: &str) -> Option<PathBuf> {
    let mut dir = root.to_path_buf();
    for part in CACHE_DIR.split('/').chain(sub.split('/')).filter(|p| !p.is_empty()) {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            _ => return None,
        }
    }
    Some(dir)
}

/// The site root: `start` or the nearest folder above it with a `privsite.toml`.
/// The folders of the site root whose contents are inputs of a build.
pub(crate) const INPUT_DIRS: [&str; 4] = [CONTENT, versions::DIR, locales::DIR, theme::DIR];

/// Refuses an output at `path` that is, or lies inside, a folder of the
/// site at `root` that privsite reads or keeps (`content/`, `versions/`,
/// `locales/`, `themes/`, `.privsite/`): written there, the output would
/// become input, and in `versions/` break the sealed record.
pub(crate) fn refuse_output_in_inputs(root: &Path, path: &Path, option: &str) -> Result<(), Diagnostic> {
    let Some(dir) = site_folder_holding(root, path) else { return Ok(()) };
    Err(Diagnostic::error(format!(
        "{option}{} is inside the site's {dir}/ folder, which privsite reads; refusing to write there",
        path.display()
    ))
    .help(format!("choose a place outside {}/, such as public/ (the default)", INPUT_DIRS.join("/, "))))
}

/// See [`refuse_output_in_inputs`]. Links are resolved in what exists of
/// `path`; the rest, to be made as real folders, is followed as written
/// (`..` included, as the write will).
fn site_folder_holding(root: &Path, path: &Path) -> Option<&'static str> {
    let root = root.canonicalize().ok()?;
    let mut existing = std::path::absolute(path).ok()?;
    let mut rest = Vec::new();
    let mut path = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        rest.push(existing.components().next_back()?.as_os_str().to_os_string());
        existing = existing.parent()?.to_path_buf();
    };
    for part in rest.iter().rev() {
        match part.to_str() {
            Some("..") => {
                path.pop();
            }
            Some(".") => {}
            _ => path.push(part),
        }
    }
    let kept = CACHE_DIR.split('/').next().unwrap_or(CACHE_DIR);
    INPUT_DIRS.into_iter().chain([kept]).find(|dir| path.starts_with(root.join(dir)))
}

pub(crate) fn find_root(start: &Path) -> Result<PathBuf, Diagnostic> {
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
#[derive(Clone, PartialEq, Eq)]
struct Folder {
    doc: String,
    version: Option<u32>,
    rel: String,
    files: Vec<String>,
    /// A stored version's folder holds a `SHA256SUMS`.
    sums: bool,
}

pub(crate) fn load(root: &Path, reads: &Files) -> Result<(Site, Vec<Diagnostic>), Diagnostics> {
    load_with(root, reads, true, None)
}

/// [`load`], reading `content/` only with `working_copies`: without, the
/// site is its stored versions alone, and nothing unreleased can stop it.
/// With `only`, the site is that one document (for commands about one
/// document: what they do not show, they need not read).
pub(crate) fn load_with(
    root: &Path,
    reads: &Files,
    working_copies: bool,
    only: Option<&str>,
) -> Result<(Site, Vec<Diagnostic>), Diagnostics> {
    let config_text = read_text(root, config::FILE_NAME)?;
    let config = Config::parse(&config_text)?;
    let mut problems = Diagnostics::default();

    let mut folders = Vec::new();
    problems.extend(discover(root, reads, &mut folders, working_copies, only));
    // A document is loaded whole or taken whole from `reads` (serve's memo,
    // or the snapshot a command left): a save in `serve` loads the one
    // document it belongs to, a command the documents that changed.
    let mut by_doc: Vec<(String, Vec<Folder>)> = Vec::new();
    for folder in folders {
        match by_doc.iter_mut().find(|(slug, _)| *slug == folder.doc) {
            Some((_, of)) => of.push(folder),
            None => by_doc.push((folder.doc.clone(), vec![folder])),
        }
    }
    let config_sha = Sha256::digest(config_text.as_bytes()).into();
    // The documents on every core; beside them, what the site has besides
    // documents (strings, theme, left-over files), which would otherwise
    // keep one core busy and the other idle afterwards.
    let (loaded, (locale_files, theme, found)): (Vec<Arc<Loaded>>, _) = rayon::join(
        || {
            by_doc
                .into_par_iter()
                .map(|(slug, folders)| {
                    reads.document(root, &slug, config_sha, folders, |folders, reads| {
                        load_document(root, reads, &config, slug.clone(), folders)
                    })
                })
                .collect()
        },
        || {
            let mut found = Diagnostics::default();
            let mut locale_files = locales::builtin(&config);
            found.extend(locales::load_site(root, &config, &mut locale_files));
            let mut theme = theme::builtin();
            found.extend(theme::load_site(root, &config, &mut theme));
            found.extend(leftovers::files(root));
            (locale_files, theme, found)
        },
    );
    let mut texts = Vec::with_capacity(loaded.iter().map(|l| l.texts.len()).sum());
    let mut docs: Vec<Document> = Vec::with_capacity(loaded.len());
    for l in loaded {
        // Taken whole when nothing else holds it (outside serve's memo).
        let Loaded { texts: own, mut doc, problems: found, .. } =
            Arc::try_unwrap(l).unwrap_or_else(|shared| (*shared).clone());
        doc.shift_texts(texts.len());
        texts.extend(own);
        problems.extend(found);
        docs.push(doc);
    }
    docs.sort_by(|a, b| a.slug.cmp(&b.slug));
    problems.extend(found.0);
    dedup(&mut problems.0);
    let warnings = problems.into_result()?;
    let site =
        Site { root: root.to_path_buf(), config, texts, docs, locales: locale_files, theme, working_copies };
    Ok((site, warnings))
}

/// One document as loaded: its texts (its own [`TextId`]s count from 0),
/// its versions and working copy, and what loading it found.
#[derive(Clone)]
struct Loaded {
    texts: Vec<crate::site::Text>,
    /// Per text, what it was parsed from; empty for a document taken from its snapshot.
    keys: Vec<files::TextKey>,
    doc: Document,
    problems: Vec<Diagnostic>,
}

/// Loads document `slug` from its `folders` (its working copy and stored versions).
fn load_document(root: &Path, reads: &Files, config: &Config, slug: String, folders: &[Folder]) -> Loaded {
    let mut problems = Diagnostics::default();
    let read: Vec<Vec<Result<RawFile, Diagnostic>>> = folders
        .par_iter()
        .map(|f| f.files.par_iter().map(|name| reads.read(root, &format!("{}/{name}", f.rel))).collect())
        .collect();
    // A file that cannot be read is its own error and still counts as
    // present, so that no "missing section" or "missing _index" follows.
    let mut unreadable: Vec<(usize, String, String)> = Vec::new();
    let read: Vec<Vec<RawFile>> = read
        .into_iter()
        .enumerate()
        .map(|(i, files)| {
            let names = &folders[i].files;
            files
                .into_iter()
                .zip(names)
                .filter_map(|(r, name)| {
                    r.map_err(|d| {
                        problems.push(d);
                        unreadable.push((i, format!("{}/{name}", folders[i].rel), name.clone()));
                    })
                    .ok()
                })
                .collect()
        })
        .collect();

    // Stored versions: their records, verified against the files they hold,
    // and the unchanged files they keep in earlier versions.
    // A version with a file that cannot be read is reported as that file
    // alone: checking its sums without it would report it again.
    let records: Vec<Option<Result<versions::Record, Vec<Diagnostic>>>> = folders
        .par_iter()
        .zip(&read)
        .enumerate()
        .map(|(i, (f, files))| {
            let whole = !unreadable.iter().any(|(j, ..)| *j == i);
            f.version.filter(|_| whole).map(|n| versions::record(root, reads, &f.rel, n, files, f.sums))
        })
        .collect();
    let mut records: Vec<Option<versions::Record>> =
        records.into_iter().map(|r| r.and_then(|r| r.map_err(|found| problems.extend(found)).ok())).collect();
    let kept = kept_elsewhere(folders, &read, &mut records, &mut problems);

    // Name → role and language, then parse each distinct file once.
    let mut classified = Vec::new();
    for (folder, files) in read.iter().enumerate() {
        // A stored version whose record is broken was reported as such: what
        // its files' names or texts would earn would be more messages about it.
        if folders[folder].version.is_some() && records[folder].is_none() {
            continue;
        }
        for file in files.iter().chain(kept[folder].iter().copied()) {
            match classify(&file.name, &file.path, config) {
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
    let (texts::Interned { texts, keys }, ids) = texts::intern(root, reads, &jobs);
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
    for (folder, path, name) in &unreadable {
        // Already reported; a bad name would be a second message about it.
        if let Ok((role, lang)) = classify(name, path, config) {
            entries[*folder].push(revision::Entry { path, role, lang, text: None });
        }
    }

    let mut doc = Document { slug, versions: Vec::new(), draft: None, withdrawn: None };
    for ((folder, record), entries) in folders.iter().zip(records).zip(&entries) {
        let (rev, found) = revision::assemble(&folder.rel, entries, config);
        // A stored version whose record is broken was reported as such; what
        // its incomplete files would add follows from that.
        if folder.version.is_none() || record.is_some() {
            problems.extend(found);
        }
        match (folder.version, record) {
            (None, _) => doc.draft = Some(rev),
            (Some(number), Some(record)) => doc.versions.push(Version {
                number,
                kind: record.kind,
                date: record.date,
                effective: record.effective,
                text: rev,
                dir: folder.rel.clone(),
                digests: record.digests,
            }),
            // Broken, and reported above.
            (Some(_), None) => {}
        }
    }
    doc.versions.sort_by_key(|v| v.number);
    // Numbering counts every version folder, including ones reported broken above.
    let mut numbers: Vec<u32> = folders.iter().filter_map(|f| f.version).collect();
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
    withdrawal(root, reads, &mut doc, &mut problems);
    problems.extend(leftovers::notes(&doc, config.authoritative, config.authoritative_code()));
    Loaded { texts, keys, doc, problems: problems.0 }
}

/// Reads `versions/<doc>/withdrawn.toml`, if there is one. A withdrawn
/// document has no working copy: what is left in `content/` is not shown
/// anywhere, and the user is told to delete it.
fn withdrawal(root: &Path, reads: &Files, doc: &mut Document, problems: &mut Diagnostics) {
    let path = format!("{}/{}/{}", versions::DIR, doc.slug, versions::WITHDRAWN);
    if !root.join(&path).is_file() {
        return;
    }
    let parsed = reads.read(root, &path).and_then(|file| {
        let bytes = reads.bytes(root, &file)?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| Diagnostic::error("the file is not valid UTF-8").in_file(&path))?;
        versions::parse_withdrawal(text, &path)
    });
    let withdrawal = match parsed {
        Ok(w) => w,
        Err(d) => return problems.push(d),
    };
    if let Some(latest) = doc.latest().filter(|v| withdrawal.date < v.effective) {
        problems.push(
            Diagnostic::error(format!(
                "the document is withdrawn on {} but v{} takes effect on {}",
                withdrawal.date, latest.number, latest.effective
            ))
            .in_file(&path)
            .help("a document can only be withdrawn on or after the day its latest version takes effect"),
        );
    }
    if doc.draft.take().is_some() {
        problems.push(
            Diagnostic::warning(format!(
                "{}/{} belongs to a document withdrawn on {}: it is not published or previewed",
                CONTENT, doc.slug, withdrawal.date
            ))
            .in_file(format!("{CONTENT}/{}", doc.slug))
            .help(format!(
                "delete the folder (its released text stays in {}/{}/)",
                versions::DIR,
                doc.slug
            )),
        );
    }
    doc.withdrawn = Some(withdrawal.date);
}

/// Drops repeated diagnostics (the same message about the same file), which
/// arise when one broken thing is met by two readers, keeping the first.
fn dedup(found: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    found.retain(|d| {
        seen.insert((d.file.clone(), d.position.as_ref().map(|p| (p.line, p.col)), d.message.clone()))
    });
}

fn classify(name: &str, path: &str, config: &Config) -> Result<(Role, usize), Diagnostic> {
    let name = filename::parse(name)
        .map_err(|help| Diagnostic::error("unexpected file name").in_file(path).help(help))?;
    let lang = config.lang_index(name.lang).ok_or_else(|| {
        let known =
            format!("the site's languages are {} ({})", config.languages.join(", "), config::FILE_NAME);
        let help = match close_language(name.lang, &config.languages) {
            Some(close) => {
                format!("did you mean `{close}`? {known}; rename the file, or add `{}` there", name.lang)
            }
            None => format!("{known}; add `{}` there or rename the file", name.lang),
        };
        Diagnostic::error(format!("unknown language `{}` in the file name", name.lang))
            .in_file(path)
            .help(help)
    })?;
    Ok((name.role, lang))
}

/// The site language a mistyped code most likely meant: the same letters in
/// another case, a region dropped (`en-gb`), or one letter off (`se` for `sv`).
fn close_language<'a>(code: &str, languages: &'a [String]) -> Option<&'a str> {
    let lower = code.to_ascii_lowercase();
    let base = lower.split(['-', '_']).next().unwrap_or(&lower);
    let one_off =
        |l: &str| l.len() == base.len() && l.bytes().zip(base.bytes()).filter(|(a, b)| a != b).count() == 1;
    // A typo keeps the first letter more often than not (`se` is `sv` rather than `de`).
    let same_start = |l: &str| l.as_bytes().first() == base.as_bytes().first();
    let found = languages.iter().find(|l| l.as_str() == base);
    found
        .or_else(|| languages.iter().find(|l| one_off(l) && same_start(l)))
        .or_else(|| languages.iter().find(|l| one_off(l)))
        .map(String::as_str)
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
            // A folder's files are in name order (`discover`).
            let found = read[at].binary_search_by(|f| f.name.as_str().cmp(name)).ok().map(|i| &read[at][i]);
            match found {
                Some(file) if record.files.get(name) == Some(&texts::hex(&file.sha256)) => {
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
fn discover(
    root: &Path,
    reads: &Files,
    out: &mut Vec<Folder>,
    working_copies: bool,
    only: Option<&str>,
) -> Vec<Diagnostic> {
    let wanted = |doc: &str| only.is_none_or(|o| o == doc);
    let mut problems = Vec::new();
    let subfolders = |rel: &str, problems: &mut Vec<Diagnostic>, skip: &[&str]| -> Vec<String> {
        match reads.list(root, rel) {
            Ok(listing) => {
                problems.extend(listing.problems.into_iter().map(|(_, d)| d));
                listing
                    .entries
                    .into_iter()
                    .filter_map(|(name, is_dir)| {
                        if is_dir {
                            return Some(name);
                        }
                        if skip.contains(&name.as_str()) {
                            return None;
                        }
                        problems.push(
                            Diagnostic::error("unexpected file").in_file(format!("{rel}/{name}")).help(
                                format!("{rel}/ holds only folders; move the file into one or delete it"),
                            ),
                        );
                        None
                    })
                    .collect()
            }
            Err(d) => {
                problems.push(d);
                Vec::new()
            }
        }
    };
    // `None`: the folder cannot be read, which is its own error; it is left
    // out whole, so that no "missing file" follows from it.
    let files_of = |rel: &str, problems: &mut Vec<Diagnostic>, skip: &[&str]| -> Option<Vec<String>> {
        match reads.list(root, rel) {
            Ok(mut listing) => {
                // A content file that cannot be followed is read like the
                // others, fails with the same error, and still counts as present.
                for (name, problem) in listing.problems {
                    if filename::parse(&name).is_ok() {
                        listing.entries.push((name, false));
                    } else {
                        problems.push(problem);
                    }
                }
                listing.entries.sort();
                Some(
                    listing
                        .entries
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
                )
            }
            Err(d) => {
                problems.push(d);
                None
            }
        }
    };
    if working_copies && root.join(CONTENT).is_dir() {
        for doc in subfolders(CONTENT, &mut problems, &[]).into_iter().filter(|d| wanted(d)) {
            if !filename::is_slug(&doc) {
                problems.push(bad_slug(&format!("{CONTENT}/{doc}")));
                continue;
            }
            let rel = format!("{CONTENT}/{doc}");
            let Some(files) = files_of(&rel, &mut problems, &[]) else { continue };
            out.push(Folder { doc, version: None, rel, files, sums: false });
        }
    }
    if root.join(versions::DIR).is_dir() {
        let docs: Vec<String> =
            subfolders(versions::DIR, &mut problems, &[]).into_iter().filter(|d| wanted(d)).collect();
        // Each document's versions listed on every core: a long history is hundreds of folders.
        let stored: Vec<(Vec<Folder>, Vec<Diagnostic>)> = docs
            .par_iter()
            .map(|doc| {
                let (mut folders, mut problems) = (Vec::new(), Vec::new());
                let doc_rel = format!("{}/{doc}", versions::DIR);
                for v in subfolders(&doc_rel, &mut problems, &[versions::WITHDRAWN]) {
                    let rel = format!("{doc_rel}/{v}");
                    let Some(number) =
                        v.strip_prefix('v').and_then(|n| n.parse::<u32>().ok()).filter(|n| *n > 0)
                    else {
                        problems.push(
                            Diagnostic::error("unexpected folder among stored versions")
                                .in_file(rel)
                                .help("versions/<doc>/ holds only v1, v2, … written by `privsite release`"),
                        );
                        continue;
                    };
                    // The listing tells whether the record is there; a folder
                    // without one is that one error, whatever else it holds.
                    let mut found = Vec::new();
                    let Some(mut files) = files_of(&rel, &mut found, &[]) else {
                        problems.extend(found);
                        continue;
                    };
                    if !files.iter().any(|f| f == versions::META) {
                        problems.push(
                            Diagnostic::error(format!("this stored version has no {}", versions::META))
                                .in_file(&rel)
                                .help(
                                    "restore it from version control; versions are written by `privsite release`",
                                ),
                        );
                        continue;
                    }
                    problems.extend(found);
                    let sums = files.iter().any(|f| f == versions::SUMS);
                    files.retain(|f| f != versions::META && f != versions::SUMS);
                    folders.push(Folder { doc: doc.clone(), version: Some(number), rel, files, sums });
                }
                (folders, problems)
            })
            .collect();
        for (folders, found) in stored {
            out.extend(folders);
            problems.extend(found);
        }
    }
    problems
}

fn bad_slug(path: &str) -> Diagnostic {
    Diagnostic::error("a document folder name must be a slug")
        .in_file(path)
        .help("use lowercase letters, digits and hyphens, e.g. `privacy-policy`")
}

/// Reads a UTF-8 text file given relative to the root.
pub(crate) fn read_text(root: &Path, rel: &str) -> Result<String, Diagnostic> {
    let bytes = walk::read(root, rel)?;
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error("the file is not valid UTF-8").in_file(rel).help("save the file as UTF-8")
    })
}
