//! The one way privsite reaches a file of the site. A path is resolved link
//! by link from the site root and must stay inside it (SPEC §1): a symbolic
//! link that leaves the root, loops, or leads to a folder above itself is one
//! error naming the link, and nothing behind it is ever read, so no byte from
//! outside the site can reach `public/`, the preview or an upload.

use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, io_error};
use crate::load::filename;

/// How deep [`walk`] descends; deeper folders are an error, not a hang.
const MAX_DEPTH: usize = 32;

/// A folder's entries that can be read, and an error for each that cannot.
#[derive(Debug, Default, Clone)]
pub(crate) struct Listing {
    /// (name, is a folder), sorted by name; editor clutter left out.
    pub(crate) entries: Vec<(String, bool)>,
    /// (name, why it cannot be followed).
    pub(crate) problems: Vec<(String, Diagnostic)>,
}

/// `root/rel` with every symbolic link on the way checked; `rel` uses `/`
/// and must not climb out (`..`, an absolute path). A missing file is not an
/// error here: the read that follows reports it with its own message.
pub(crate) fn resolve(root: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
    let base = root.canonicalize().map_err(|e| io_error("resolve", root, &e))?;
    resolve_in(&base, rel)
}

/// [`resolve`] from the canonical root `base`.
fn resolve_in(base: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
    let relative = Path::new(rel);
    if relative.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(Diagnostic::error(format!("{rel} is not inside the site root"))
            .in_file(rel)
            .help("give a path relative to the site root, without `..`"));
    }
    let mut at = base.to_path_buf();
    let mut shown = String::new();
    for part in relative.components().filter_map(|c| match c {
        Component::Normal(p) => Some(p),
        _ => None,
    }) {
        if !shown.is_empty() {
            shown.push('/');
        }
        shown.push_str(&part.to_string_lossy());
        at = step(base, &at, &shown, &at.join(part))?;
    }
    Ok(at)
}

/// The next path of a resolution: `next` itself, or where its link leads
/// once checked. `at` is the canonical folder holding it; `shown` its path
/// relative to the root, for messages.
fn step(base: &Path, at: &Path, shown: &str, next: &Path) -> Result<PathBuf, Diagnostic> {
    match fs::symlink_metadata(next) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let written = fs::read_link(next).map_or_else(|_| "?".to_string(), |t| t.display().to_string());
            let target = match next.canonicalize() {
                Ok(target) => target,
                Err(_) if fs::metadata(next).is_err_and(|e| e.kind() == ErrorKind::NotFound) => {
                    return Err(Diagnostic::error(format!(
                        "this symbolic link leads to {written}, which does not exist"
                    ))
                    .in_file(shown)
                    .help("fix the link's target or remove the link"));
                }
                Err(_) => return Err(looping(shown, &written)),
            };
            if !target.starts_with(base) {
                return Err(Diagnostic::error(format!(
                    "this symbolic link leads outside the site root, to {}",
                    target.display()
                ))
                .in_file(shown)
                .help(
                    "links are followed only inside the site; copy the file in instead, or remove the link",
                ));
            }
            if at.starts_with(&target) {
                return Err(looping(shown, &written));
            }
            Ok(target)
        }
        Ok(_) => Ok(next.to_path_buf()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(next.to_path_buf()),
        Err(e) => Err(io_error("inspect", Path::new(shown), &e)),
    }
}

fn looping(shown: &str, written: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "this symbolic link cannot be followed: it loops (it leads to {written}, itself or a folder above it)"
    ))
    .in_file(shown)
    .help("remove the link, or point it at a file or folder of the site that does not contain it")
}

/// The entries of the folder `rel`. The folder itself must resolve (else
/// `Err`); an entry that cannot be followed is an error of its own and left out.
pub(crate) fn list(root: &Path, rel: &str) -> Result<Listing, Diagnostic> {
    #[cfg(target_os = "linux")]
    if let Some(listing) = list_beneath(root, rel) {
        return Ok(listing);
    }
    let base = root.canonicalize().map_err(|e| io_error("resolve", root, &e))?;
    let dir = resolve_in(&base, rel)?;
    list_resolved(&base, &dir, rel)
}

fn list_resolved(base: &Path, dir: &Path, rel: &str) -> Result<Listing, Diagnostic> {
    let read = fs::read_dir(dir).map_err(|e| io_error("read the folder", Path::new(rel), &e))?;
    let mut listing = Listing::default();
    for entry in read {
        let entry = entry.map_err(|e| io_error("read the folder", Path::new(rel), &e))?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            let lossy = entry.file_name().to_string_lossy().into_owned();
            listing.problems.push((
                String::new(),
                Diagnostic::error("a file name is not valid UTF-8")
                    .in_file(format!("{rel}/{lossy}"))
                    .help("rename the file using UTF-8 characters"),
            ));
            continue;
        };
        if filename::is_ignored(&name) {
            continue;
        }
        // The kind comes with the listing; only a link needs a look at where it leads.
        let kind = entry.file_type().map_err(|e| io_error("read the folder", Path::new(rel), &e))?;
        if !kind.is_symlink() {
            listing.entries.push((name, kind.is_dir()));
            continue;
        }
        let shown = format!("{rel}/{name}");
        match step(base, dir, &shown, &entry.path()) {
            Ok(path) => listing.entries.push((name, path.is_dir())),
            Err(d) => listing.problems.push((name, d)),
        }
    }
    listing.entries.sort();
    Ok(listing)
}

/// Every file below the folder `rel`, as paths relative to it (`/`
/// separators, sorted), with an error for each entry that cannot be followed.
pub(crate) fn walk(root: &Path, rel: &str) -> Result<(Vec<String>, Vec<Diagnostic>), Diagnostic> {
    let base = root.canonicalize().map_err(|e| io_error("resolve", root, &e))?;
    let dir = resolve_in(&base, rel)?;
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut open = vec![dir.clone()];
    descend(&base, &dir, rel, "", &mut open, &mut files, &mut problems)?;
    files.sort();
    Ok((files, problems))
}

/// One folder of [`walk`]; `open` holds the folders being walked, so that a
/// link into one of them (a cycle through sibling links) is caught.
fn descend(
    base: &Path,
    dir: &Path,
    rel: &str,
    inner: &str,
    open: &mut Vec<PathBuf>,
    files: &mut Vec<String>,
    problems: &mut Vec<Diagnostic>,
) -> Result<(), Diagnostic> {
    let shown = if inner.is_empty() { rel.to_string() } else { format!("{rel}/{inner}") };
    let listing = list_resolved(base, dir, &shown)?;
    problems.extend(listing.problems.into_iter().map(|(_, d)| d));
    for (name, is_dir) in listing.entries {
        let name_inner = if inner.is_empty() { name.clone() } else { format!("{inner}/{name}") };
        if !is_dir {
            files.push(name_inner);
            continue;
        }
        let path = match step(base, dir, &format!("{shown}/{name}"), &dir.join(&name)) {
            Ok(path) => path,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        if open.contains(&path) || open.len() > MAX_DEPTH {
            problems.push(looping(&format!("{shown}/{name}"), &path.display().to_string()));
            continue;
        }
        open.push(path.clone());
        if let Err(d) = descend(base, &path, rel, &name_inner, open, files, problems) {
            problems.push(d);
        }
        open.pop();
    }
    Ok(())
}

/// The bytes of the file `rel`, once its path is resolved inside the root.
pub(crate) fn read(root: &Path, rel: &str) -> Result<Vec<u8>, Diagnostic> {
    #[cfg(target_os = "linux")]
    if let Some(bytes) = read_beneath(root, rel) {
        return Ok(bytes);
    }
    let path = resolve(root, rel)?;
    fs::read(&path).map_err(|e| io_error("read", Path::new(rel), &e))
}

/// The common case at the cost of one open: the kernel resolves `rel`
/// beneath the root and refuses any symbolic link on the way. Anything else
/// (a link, an old kernel, a missing file) takes the way of [`resolve`],
/// which follows links inside the root and explains every refusal.
#[cfg(target_os = "linux")]
fn read_beneath(root: &Path, rel: &str) -> Option<Vec<u8>> {
    use rustix::buffer::spare_capacity;
    use rustix::io::{Errno, read};

    let fd = open_beneath(root, rel, rustix::fs::OFlags::RDONLY)?;
    // Read until the end without first asking the file's size, as
    // `read_to_end` does at the cost of two more system calls: a site's
    // files are small, and a load reads hundreds of them.
    let mut bytes = Vec::with_capacity(4096);
    loop {
        if bytes.len() == bytes.capacity() {
            bytes.reserve(bytes.len());
        }
        match read(&fd, spare_capacity(&mut bytes)) {
            Ok(0) => return Some(bytes),
            Ok(_) | Err(Errno::INTR) => {}
            Err(_) => return None,
        }
    }
}

/// [`list`]'s common case, as [`read_beneath`]: a folder reached without a
/// link, holding none. A link among its entries needs a look at where it
/// leads, and takes the way of [`list_resolved`].
#[cfg(target_os = "linux")]
fn list_beneath(root: &Path, rel: &str) -> Option<Listing> {
    use rustix::fs::{Dir, FileType, OFlags};
    let fd = open_beneath(root, rel, OFlags::RDONLY | OFlags::DIRECTORY)?;
    let mut listing = Listing::default();
    for entry in Dir::new(fd).ok()? {
        let entry = entry.ok()?;
        let name = entry.file_name().to_str().ok()?;
        if matches!(name, "." | "..") || filename::is_ignored(name) {
            continue;
        }
        let is_dir = match entry.file_type() {
            FileType::Directory => true,
            FileType::Symlink | FileType::Unknown => return None,
            _ => false,
        };
        listing.entries.push((name.to_string(), is_dir));
    }
    listing.entries.sort();
    Some(listing)
}

/// `root/rel` opened with `flags`, if the kernel finds it beneath the root
/// without following a symbolic link.
#[cfg(target_os = "linux")]
fn open_beneath(root: &Path, rel: &str, flags: rustix::fs::OFlags) -> Option<rustix::fd::OwnedFd> {
    use rustix::fs::{Mode, OFlags, ResolveFlags, open, openat2};
    if rel.split('/').any(|part| matches!(part, "" | "." | "..")) {
        return None;
    }
    // The root, opened once for the hundreds of files a load reads from it
    // (the last root opened is kept: a process works on one site).
    static ROOT: std::sync::Mutex<Option<(std::path::PathBuf, std::sync::Arc<rustix::fd::OwnedFd>)>> =
        std::sync::Mutex::new(None);
    let dir = {
        let mut kept = ROOT.lock().ok()?;
        match &*kept {
            Some((path, fd)) if path == root => std::sync::Arc::clone(fd),
            _ => {
                let fd =
                    open(root, OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty()).ok()?;
                let fd = std::sync::Arc::new(fd);
                *kept = Some((root.to_path_buf(), std::sync::Arc::clone(&fd)));
                fd
            }
        }
    };
    let how = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS;
    openat2(&*dir, rel, flags | OFlags::CLOEXEC, Mode::empty(), how).ok()
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().expect("test setup");
        fs::create_dir_all(tmp.path().join("site/content/doc/sub")).expect("test setup");
        fs::write(tmp.path().join("site/content/doc/a.md"), "a").expect("test setup");
        fs::write(tmp.path().join("site/content/doc/sub/b.md"), "b").expect("test setup");
        fs::write(tmp.path().join("secret"), "outside").expect("test setup");
        tmp
    }

    #[test]
    fn links_inside_the_root_are_followed() {
        let tmp = site();
        let root = tmp.path().join("site");
        symlink("doc/a.md", root.join("content/alias.md")).expect("test setup");
        symlink("doc", root.join("content/shared")).expect("test setup");
        assert_eq!(read(&root, "content/alias.md").expect("test setup"), b"a");
        assert_eq!(read(&root, "content/shared/sub/b.md").expect("test setup"), b"b");
        let (files, problems) = walk(&root, "content").expect("test setup");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(files, ["alias.md", "doc/a.md", "doc/sub/b.md", "shared/a.md", "shared/sub/b.md"]);
    }

    #[test]
    fn a_link_out_of_the_root_is_one_error_naming_it_and_nothing_is_read() {
        let tmp = site();
        let root = tmp.path().join("site");
        symlink(tmp.path().join("secret"), root.join("content/doc/leak.md")).expect("test setup");
        symlink(tmp.path(), root.join("content/doc/sub/up")).expect("test setup");
        let err = read(&root, "content/doc/leak.md").unwrap_err();
        assert_eq!(err.file.as_deref(), Some("content/doc/leak.md"));
        assert!(err.message.contains("outside the site root") && err.message.contains("secret"), "{err:?}");
        let (files, problems) = walk(&root, "content").expect("test setup");
        assert_eq!(files, ["doc/a.md", "doc/sub/b.md"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(resolve(&root, "../secret").is_err() && resolve(&root, "/etc/passwd").is_err());
    }

    #[test]
    fn a_top_level_folder_that_leaves_the_root_is_refused() {
        let tmp = site();
        let root = tmp.path().join("site");
        fs::create_dir(tmp.path().join("elsewhere")).expect("test setup");
        symlink(tmp.path().join("elsewhere"), root.join("locales")).expect("test setup");
        let err = list(&root, "locales").unwrap_err();
        assert_eq!(err.file.as_deref(), Some("locales"));
    }

    #[test]
    fn loops_and_links_to_a_folder_above_are_one_error_each() {
        let tmp = site();
        let root = tmp.path().join("site");
        symlink("self.md", root.join("content/doc/self.md")).expect("test setup");
        symlink(".", root.join("content/mirror")).expect("test setup");
        symlink("..", root.join("content/doc/sub/parent")).expect("test setup");
        fs::create_dir_all(root.join("content/x")).expect("test setup");
        fs::create_dir_all(root.join("content/y")).expect("test setup");
        symlink("../y", root.join("content/x/to-y")).expect("test setup");
        symlink("../x", root.join("content/y/to-x")).expect("test setup");
        let listing = list(&root, "content/doc").expect("test setup");
        assert_eq!(listing.entries, [("a.md".to_string(), false), ("sub".to_string(), true)]);
        assert_eq!(listing.problems.len(), 1);
        assert!(listing.problems[0].1.message.contains("loops"), "{:?}", listing.problems);
        let (_, problems) = walk(&root, "content").expect("test setup");
        let named: Vec<_> = problems.iter().filter_map(|d| d.file.as_deref()).collect();
        assert!(named.contains(&"content/mirror") && named.contains(&"content/doc/self.md"), "{named:?}");
        assert!(named.contains(&"content/doc/sub/parent"), "{named:?}");
        assert!(problems.iter().all(|d| d.message.contains("loops")), "{problems:?}");
    }
}
