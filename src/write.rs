//! Output → folder, completely or not at all: the new site is written into a
//! folder beside the target and exchanged with it in one atomic step (see
//! [`switch`]), so a failed or killed build leaves a complete output, the
//! previous one or the new one. A non-empty folder that privsite did not
//! write is never replaced.
//!
//! The output replaced last time is kept beside the target (`.<name>.prev`)
//! and recycled as the next staging folder: files that did not change are
//! left alone and the folders exist already. Creating thousands of files and
//! folders is what a rebuild otherwise spends most of its time on.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, io_error};
use crate::load::stamp::{Folder, Stamp};
use crate::render::{File, Output, Sink};

/// Marks a folder as privsite's output, so it may be replaced; it holds the
/// fingerprint of the build that wrote it.
pub(crate) const MARKER: &str = ".privsite-output";

/// How many links [`target`] follows before it calls the chain a loop (as the kernel does).
const MAX_LINKS: usize = 40;

/// The folder (or file) the output path `out` names: where it leads when
/// it is a symbolic link (a web server's folder linked into the site, say),
/// so that privsite writes there and the link stays as it was. Otherwise
/// the link would be replaced like an old output, and what it leads to
/// never written. A link that leads nowhere yet names what to make.
pub(crate) fn target(out: &Path) -> Result<PathBuf, Diagnostic> {
    // Without a trailing `/`, which has the system follow a link before it
    // is looked at (`public/` as shell completion writes it).
    let plain = |path: PathBuf| path.components().collect::<PathBuf>();
    let mut path = plain(std::path::absolute(out).map_err(|e| io_error("resolve", out, &e))?);
    for _ in 0..MAX_LINKS {
        let Ok(to) = fs::read_link(&path) else { return Ok(path) };
        // A relative link leads from the folder that holds it.
        path = plain(path.parent().map_or_else(|| to.clone(), |holder| holder.join(&to)));
    }
    Err(Diagnostic::error(format!("{} is a symbolic link that loops", out.display()))
        .help("point the link somewhere, or choose another path with --out"))
}

/// A temporary file in `dir` (its name starting with `prefix`) for a file
/// the user keeps, to be renamed into place: a PDF, a record in
/// `versions/`. Made as any new file is, readable as the umask allows,
/// not for its owner alone as temporary files are.
pub(crate) fn kept_file_in(dir: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// The fingerprint of the build that wrote the output folder `dir`, if any.
pub(crate) fn fingerprint(dir: &Path) -> Option<String> {
    fs::read_to_string(dir.join(MARKER)).ok().filter(|f| !f.is_empty())
}

pub(crate) fn write(output: &Output, dir: &Path, fingerprint: &str) -> Result<(), Diagnostics> {
    write_with(dir, fingerprint, |sink, _| {
        for (path, bytes) in output {
            sink(path.clone(), File::Shared(Arc::clone(bytes)))?;
        }
        Ok(())
    })
    .map(drop)
}

/// Each file a write put into the output, as the writer left it: what the
/// build cache records, without looking at every file again. (Fx-hashed, as
/// [`Stamps`](crate::load::stamp::Stamps): thousands of the site's own paths.)
pub(crate) type Placed = rustc_hash::FxHashMap<String, Placement>;

/// One file of [`Placed`].
#[derive(Clone, Copy)]
pub(crate) struct Placement {
    /// Its stamp (`None` where the system gives none).
    pub(crate) stamp: Option<Stamp>,
    /// The checksum of the bytes this write put there, for a file it wrote
    /// rather than kept: what a stamp taken within a clock tick of the
    /// write must be backed by, known without reading the file back.
    pub(crate) sum: Option<[u8; 8]>,
}

/// Where the output replaced last time is kept.
pub(crate) fn previous(dir: &Path) -> PathBuf {
    let name = dir.file_name().map_or("public".into(), |n| n.to_string_lossy().to_string());
    dir.with_file_name(format!(".{name}.prev"))
}

/// Writes what `produce` hands its sink (from any thread) into a staging
/// folder beside `dir`, and switches it in only if `produce` succeeds.
/// Moving the folder leaves its files' stamps as they were. `produce` is
/// told the staging folder when it is a recycled output (see the top).
pub(crate) fn write_with<T>(
    dir: &Path,
    fingerprint: &str,
    produce: impl FnOnce(&Sink<'_>, Option<&Path>) -> Result<T, Diagnostics>,
) -> Result<(T, Placed), Diagnostics> {
    let dir = &std::path::absolute(dir).map_err(|e| io_error("resolve", dir, &e))?;
    let parent = dir.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("/"));
    fs::create_dir_all(&parent).map_err(|e| io_error("create", &parent, &e))?;
    refuse_foreign(dir)?;
    recover(dir);
    let name = dir.file_name().map_or("public".into(), |n| n.to_string_lossy().to_string());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(|e| io_error("create a folder in", &parent, &e))?;
    let root = staging.path();
    let prev = previous(dir);
    // rename(2) replaces the empty staging folder; on failure start empty.
    let recycled = prev.join(MARKER).is_file() && fs::rename(&prev, root).is_ok();
    let folder = Folder::open(root.to_path_buf());
    let placed: Mutex<Placed> = Mutex::new(Placed::default());
    let result = produce(
        &|path: String, file: File| {
            let staged = root.join(&path);
            let placement = match file {
                File::Bytes(bytes) => put(&staged, &bytes, recycled)?,
                File::Shared(bytes) => put(&staged, &bytes, recycled)?,
                File::Recycled(stamp) if recycled => Placement { stamp: Some(stamp), sum: None },
                File::Kept(stamp) | File::Recycled(stamp) => {
                    let there = recycled.then(|| folder.file(&path)).flatten();
                    Placement { stamp: keep(&dir.join(&path), &stamp, &staged, there)?, sum: None }
                }
            };
            if let Ok(mut p) = placed.lock() {
                p.insert(path, placement);
            }
            Ok(())
        },
        recycled.then_some(root),
    )?;
    let placed = placed.into_inner().unwrap_or_default();
    // An empty staging folder holds what this build wrote and nothing else.
    if recycled {
        remove_stale(root, &placed).map_err(|e| io_error("clean up", root, &e))?;
    }
    fs::write(root.join(MARKER), fingerprint).map_err(|e| io_error("write", root, &e))?;

    crate::fault::point("write:staged");
    let staged = staging.keep();
    let switched = switch(&staged, dir);
    if switched.is_ok() {
        crate::fault::point("write:switched");
    }
    // What was live is now at the staging name (the new output, if the
    // switch failed): kept for next time, or removed; never left behind.
    if staged.join(MARKER).is_file() {
        let _ = fs::rename(&staged, &prev);
    }
    let _ = fs::remove_dir_all(&staged);
    switched?;
    Ok((result, placed))
}

/// Writes `bytes` to the staging folder's `file` unless it holds them
/// already. A recycled file may be a link to a live one (see [`keep`]), so a
/// changed file is replaced, never written into. Returns the file's stamp
/// and the checksum of `bytes` (CRC-64, at memory speed).
fn put(file: &Path, bytes: &[u8], recycled: bool) -> Result<Placement, Diagnostic> {
    let sum = Some(crate::load::sealed::checksum(bytes));
    match recycled.then(|| fs::symlink_metadata(file)) {
        Some(Ok(m)) => {
            if m.is_file() && m.len() == bytes.len() as u64 && fs::read(file).is_ok_and(|old| old == bytes) {
                return Ok(Placement { stamp: Stamp::of_meta(&m), sum });
            }
            let _ = fs::remove_file(file);
        }
        // Not there: neither, perhaps, its folder.
        _ => folder_of(file)?,
    }
    let mut f = fs::File::create(file).map_err(|e| io_error("write", file, &e))?;
    f.write_all(bytes).map_err(|e| io_error("write", file, &e))?;
    Ok(Placement { stamp: f.metadata().ok().as_ref().and_then(Stamp::of_meta), sum })
}

/// The live output's file `live` into the staging folder at `staged` as a
/// hard link, so not a byte is read or written (a copy where the file
/// system has no links). Neither is ever written into afterwards: [`put`]
/// replaces files. Most of a rebuild's files are kept: each costs a link and
/// the making of its folder, plus a look at a recycled folder's file.
/// `stamp` is the live file's, as the caller found it, and `there` the
/// stamp of the file a recycled folder holds at `staged`: one that is a
/// link to the live file shares its inode, and so its whole stamp. Returns
/// the file's stamp: a new link moves its change time.
fn keep(
    live: &Path,
    stamp: &Stamp,
    staged: &Path,
    there: Option<Stamp>,
) -> Result<Option<Stamp>, Diagnostic> {
    if there.as_ref() == Some(stamp) {
        return Ok(Some(*stamp));
    }
    // Whatever else is there (another file, a link) goes: replaced, never written through.
    if fs::remove_file(staged).is_err() {
        // Nothing was there: nor, perhaps, its folder.
        folder_of(staged)?;
    }
    if fs::hard_link(live, staged).is_err() {
        fs::copy(live, staged).map_err(|e| io_error("copy", live, &e))?;
    }
    Ok(Stamp::of(staged))
}

/// Makes the folder of `file`: most often a new one in a folder that exists
/// (each page has its own), so one `mkdir` first.
fn folder_of(file: &Path) -> Result<(), Diagnostic> {
    let Some(folder) = file.parent() else { return Ok(()) };
    match fs::create_dir(folder) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) => fs::create_dir_all(folder).map_err(|e| io_error("create", folder, &e)),
    }
}

/// Puts the folder `staged` in place of `dir` in one atomic step, so that a
/// kill at any instant leaves a complete `dir`: `renameat2(RENAME_EXCHANGE)`
/// swaps the two (the old output ends up at `staged`). Where the system
/// cannot exchange (not Linux, an old kernel, some file systems), the old
/// output is moved aside and the new one renamed in: two steps, with the
/// old output at `.<name>.old-*` in between, which the next build puts back.
fn switch(staged: &Path, dir: &Path) -> Result<(), Diagnostics> {
    if !dir.exists() {
        return fs::rename(staged, dir).map_err(|e| io_error("move into place", dir, &e).into());
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staged, CWD, dir, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let aside = sibling(dir, "old");
    fs::rename(dir, &aside).map_err(|e| io_error("move aside", dir, &e))?;
    crate::fault::point("write:aside");
    if let Err(e) = fs::rename(staged, dir) {
        let _ = fs::rename(&aside, dir);
        return Err(io_error("move into place", dir, &e).into());
    }
    fs::rename(&aside, staged).map_err(|e| io_error("move", &aside, &e).into())
}

/// `.<name>.<what>-<process id>` beside `dir`.
fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir.file_name().map_or("public".into(), |n| n.to_string_lossy().to_string());
    dir.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

/// Cleans up after a write that was killed (the caller holds the site's
/// lock, so no other write is under way): an output moved aside but not
/// replaced is put back, and staging folders are removed.
pub(crate) fn recover(dir: &Path) {
    let name = dir.file_name().map_or("public".into(), |n| n.to_string_lossy().to_string());
    let Some(parent) = dir.parent() else { return };
    let Ok(entries) = fs::read_dir(parent) else { return };
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let path = entry.path();
        if file_name.starts_with(&old) && !dir.exists() && fs::rename(&path, dir).is_ok() {
            continue;
        }
        if file_name.starts_with(&new) || file_name.starts_with(&old) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Removes files of a recycled folder that this build did not write, and
/// folders left empty. A site has a folder per page, thousands to list: the
/// folders are listed on every core.
fn remove_stale(root: &Path, keep: &Placed) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{Mode, OFlags, open};
        let fd = open(root, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?;
        stale_at(fd, "", keep).map(drop)
    }
    #[cfg(not(target_os = "linux"))]
    stale_in(root, root, keep).map(drop)
}

/// [`remove_stale`] in the folder open as `fd`, at `rel` (`""`, or ending
/// in `/`) in the output: each entry reached from its folder rather than
/// from the root of the file system. Returns whether the folder is left empty.
#[cfg(target_os = "linux")]
fn stale_at(fd: rustix::fd::OwnedFd, rel: &str, keep: &Placed) -> std::io::Result<bool> {
    use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, openat, statat, unlinkat};
    let mut dir = Dir::new(fd)?;
    let mut entries = Vec::new();
    while let Some(entry) = dir.read() {
        let entry = entry?;
        if !matches!(entry.file_name().to_bytes(), b"." | b"..") {
            entries.push((entry.file_name().to_owned(), entry.file_type()));
        }
    }
    let fd = dir.fd()?;
    let kept = entries.par_iter().map(|(name, kind)| {
        let path = format!("{rel}{}", name.to_string_lossy());
        let is_dir = match kind {
            FileType::Unknown => {
                let stat = statat(fd, name.as_c_str(), AtFlags::SYMLINK_NOFOLLOW)?;
                FileType::from_raw_mode(stat.st_mode) == FileType::Directory
            }
            kind => *kind == FileType::Directory,
        };
        if is_dir {
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            let empty =
                stale_at(openat(fd, name.as_c_str(), flags, Mode::empty())?, &format!("{path}/"), keep)?;
            if empty {
                unlinkat(fd, name.as_c_str(), AtFlags::REMOVEDIR)?;
            }
            return Ok(!empty);
        }
        if keep.contains_key(&path) {
            return Ok(true);
        }
        unlinkat(fd, name.as_c_str(), AtFlags::empty())?;
        Ok(false)
    });
    Ok(!kept.collect::<std::io::Result<Vec<bool>>>()?.contains(&true))
}

/// [`remove_stale`] in the folder `dir` of the output at `root`, by paths.
#[cfg(not(target_os = "linux"))]
fn stale_in(root: &Path, dir: &Path, keep: &Placed) -> std::io::Result<bool> {
    let entries = fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    let kept = entries.par_iter().map(|entry| {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            let empty = stale_in(root, &path, keep)?;
            if empty {
                fs::remove_dir(&path)?;
            }
            return Ok(!empty);
        }
        let rel = path.strip_prefix(root).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        if keep.contains_key(&rel) {
            return Ok(true);
        }
        fs::remove_file(&path)?;
        Ok(false)
    });
    Ok(!kept.collect::<std::io::Result<Vec<bool>>>()?.contains(&true))
}

pub(crate) fn refuse_foreign(dir: &Path) -> Result<(), Diagnostic> {
    // A file there (the site's privsite.toml, say) would be exchanged for
    // the output folder like an old output.
    if fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
        return Err(Diagnostic::error(format!(
            "{} is a file, not a folder; refusing to replace it",
            dir.display()
        ))
        .help("choose a folder with --out: a new one, an empty one, or one privsite wrote"));
    }
    let Ok(mut entries) = fs::read_dir(dir) else { return Ok(()) };
    if entries.next().is_none() || dir.join(MARKER).exists() {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "{} is not empty and was not written by privsite; refusing to replace it",
        dir.display()
    ))
    .help("choose another folder with --out, or empty this one if you are sure"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into())
            .collect();
        n.sort();
        n
    }

    #[test]
    fn replaces_own_output_recycles_the_previous_and_refuses_foreign_folders() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("public");
        let mut site = Output::new();
        site.insert("a/index.html".into(), b"one".as_slice().into());
        site.insert("keep.css".into(), b"same".as_slice().into());
        write(&site, &out, "").expect("first write");
        site.remove("a/index.html");
        site.insert("b.txt".into(), b"two".as_slice().into());
        write(&site, &out, "").expect("second write");
        assert_eq!(names(tmp.path()), [".public.prev", "public"], "no staging folders left behind");
        assert_eq!(names(&out), [MARKER, "b.txt", "keep.css"]);
        // The third write recycles the first output: stale files go, new ones come.
        site.insert("b.txt".into(), b"three".as_slice().into());
        write(&site, &out, "").expect("third write");
        assert_eq!(names(&out), [MARKER, "b.txt", "keep.css"]);
        assert_eq!(fs::read(out.join("b.txt")).expect("written"), b"three");
        assert_eq!(names(&previous(&out)), [MARKER, "b.txt", "keep.css"]);
        assert_eq!(fs::read(previous(&out).join("b.txt")).expect("kept"), b"two");

        let foreign = tmp.path().join("docs");
        fs::create_dir(&foreign).expect("mkdir");
        fs::write(foreign.join("keep.txt"), b"mine").expect("write");
        assert!(write(&site, &foreign, "").is_err());
        assert!(foreign.join("keep.txt").exists());

        let file = tmp.path().join("privsite.toml");
        fs::write(&file, b"name = \"mine\"").expect("write");
        assert!(write(&site, &file, "").is_err());
        assert_eq!(fs::read(&file).expect("kept"), b"name = \"mine\"");
        assert!(!names(tmp.path()).iter().any(|n| n.starts_with(".privsite.toml")));
    }

    /// A switch that fails (here the system's, at a link named with a
    /// trailing `/`, which `target` no longer hands on) leaves the live
    /// output as it was and no staging folder beside it: what it wrote is
    /// kept to be recycled, as after any write.
    #[cfg(unix)]
    #[test]
    fn a_failed_switch_leaves_no_staging_folder() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let live = tmp.path().join("live");
        fs::create_dir(&live).expect("mkdir");
        std::os::unix::fs::symlink(&live, tmp.path().join("public")).expect("link");
        let mut site = Output::new();
        site.insert("index.html".into(), b"one".as_slice().into());
        assert!(write(&site, &tmp.path().join("public/"), "").is_err());
        assert_eq!(names(tmp.path()), [".public.prev", "live", "public"]);
        assert!(names(&live).is_empty());
        assert_eq!(target(&tmp.path().join("public/")).expect("followed"), live);
    }

    /// A kept file is the live file itself, linked into a fresh staging
    /// folder as into a recycled one, and a stale file goes from the latter.
    #[cfg(unix)]
    #[test]
    fn kept_files_are_linked_into_fresh_and_recycled_staging_folders() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("public");
        let ino = |path: &str| fs::metadata(out.join(path)).expect("written").ino();
        let build = |changed: &[u8], stale: bool| {
            write_with(&out, "", |sink, _| {
                if stale {
                    sink("old/index.html".into(), File::Bytes(b"old".to_vec()))?;
                }
                let live = Stamp::of(&out.join("same/index.html")).expect("the live file");
                sink("same/index.html".into(), File::Kept(live))?;
                sink("changed/index.html".into(), File::Bytes(changed.to_vec()))?;
                Ok(())
            })
        };
        write_with(&out, "", |sink, _| {
            sink("same/index.html".into(), File::Bytes(b"same".to_vec()))?;
            Ok(())
        })
        .expect("first write");
        let same = ino("same/index.html");
        // No previous output to recycle yet: the staging folder starts empty.
        build(b"one", true).expect("second write, fresh");
        assert_eq!(ino("same/index.html"), same, "linked, not copied");
        assert_eq!(names(&out), [MARKER, "changed", "old", "same"]);
        // The first output comes back as the staging folder, then the second.
        build(b"two", false).expect("third write, recycled");
        assert_eq!(ino("same/index.html"), same);
        assert_eq!(fs::read(out.join("changed/index.html")).expect("written"), b"two");
        build(b"three", false).expect("fourth write, recycled");
        assert_eq!(ino("same/index.html"), same);
        assert_eq!(fs::read(out.join("same/index.html")).expect("kept"), b"same");
        assert_eq!(fs::read(out.join("changed/index.html")).expect("written"), b"three");
        assert_eq!(names(&out), [MARKER, "changed", "same"], "the stale file is gone");
    }
}
