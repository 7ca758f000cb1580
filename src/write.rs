//! Output → folder, completely or not at all: the new site is written into a
//! folder beside the target and renamed into place, so a failed or killed
//! build leaves the previous output as it was. A non-empty folder that
//! privsite did not write is never replaced.
//!
//! The output replaced last time is kept beside the target (`.<name>.prev`)
//! and recycled as the next staging folder: files that did not change are
//! left alone and the folders exist already. Creating thousands of files and
//! folders is what a rebuild otherwise spends most of its time on.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diag::{Diagnostic, Diagnostics, io_error};
use crate::render::{Output, Sink};

/// Marks a folder as privsite's output, so it may be replaced; it holds the
/// fingerprint of the build that wrote it.
pub const MARKER: &str = ".privsite-output";

/// The fingerprint of the build that wrote the output folder `dir`, if any.
pub fn fingerprint(dir: &Path) -> Option<String> {
    fs::read_to_string(dir.join(MARKER)).ok().filter(|f| !f.is_empty())
}

pub fn write(output: &Output, dir: &Path, fingerprint: &str) -> Result<(), Diagnostics> {
    write_with(dir, fingerprint, |sink| {
        for (path, bytes) in output {
            sink(path.clone(), bytes.clone())?;
        }
        Ok(())
    })
}

/// Where the output replaced last time is kept.
pub fn previous(dir: &Path) -> PathBuf {
    let name = dir.file_name().map_or("public".into(), |n| n.to_string_lossy().to_string());
    dir.with_file_name(format!(".{name}.prev"))
}

/// Writes what `produce` hands its sink (from any thread) into a staging
/// folder beside `dir`, and switches it in only if `produce` succeeds.
pub fn write_with<T>(
    dir: &Path,
    fingerprint: &str,
    produce: impl FnOnce(&Sink<'_>) -> Result<T, Diagnostics>,
) -> Result<T, Diagnostics> {
    let dir = &std::path::absolute(dir).map_err(|e| io_error("resolve", dir, &e))?;
    let parent = dir.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("/"));
    fs::create_dir_all(&parent).map_err(|e| io_error("create", &parent, &e))?;
    refuse_foreign(dir)?;
    let name = dir.file_name().map_or("public".into(), |n| n.to_string_lossy().to_string());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(|e| io_error("create a folder in", &parent, &e))?;
    let root = staging.path();
    let prev = previous(dir);
    if prev.join(MARKER).is_file() {
        // rename(2) replaces the empty staging folder; on failure start empty.
        let _ = fs::rename(&prev, root);
    }
    let written: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    let result = produce(&|path: String, bytes: Vec<u8>| {
        let file = root.join(&path);
        let unchanged = fs::metadata(&file).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::read(&file).is_ok_and(|old| old == bytes);
        if !unchanged {
            if let Some(folder) = file.parent() {
                fs::create_dir_all(folder).map_err(|e| io_error("create", folder, &e))?;
            }
            fs::write(&file, bytes).map_err(|e| io_error("write", &file, &e))?;
        }
        if let Ok(mut w) = written.lock() {
            w.insert(path);
        }
        Ok(())
    })?;
    let written = written.into_inner().unwrap_or_default();
    remove_stale(root, root, &written).map_err(|e| io_error("clean up", root, &e))?;
    fs::write(root.join(MARKER), fingerprint).map_err(|e| io_error("write", root, &e))?;

    // Move the old output aside, the new one in; keep the old one for next time.
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(&parent)
        .map_err(|e| io_error("create a folder in", &parent, &e))?;
    let old_site = old.path().join(&name);
    if dir.exists() {
        fs::rename(dir, &old_site).map_err(|e| io_error("move aside", dir, &e))?;
    }
    let staged = staging.keep();
    if let Err(e) = fs::rename(&staged, dir) {
        // Put the previous output back before reporting.
        let _ = fs::rename(&old_site, dir);
        let _ = fs::remove_dir_all(&staged);
        return Err(io_error("move into place", dir, &e).into());
    }
    if old_site.join(MARKER).is_file() {
        let _ = fs::rename(&old_site, &prev);
    }
    drop(old);
    Ok(result)
}

/// Removes files of a recycled folder that this build did not write, and
/// folders left empty.
fn remove_stale(root: &Path, dir: &Path, keep: &HashSet<String>) -> std::io::Result<bool> {
    let mut empty = true;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            if remove_stale(root, &path, keep)? {
                fs::remove_dir(&path)?;
            } else {
                empty = false;
            }
            continue;
        }
        let rel = path.strip_prefix(root).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        if keep.contains(&rel) {
            empty = false;
        } else {
            fs::remove_file(&path)?;
        }
    }
    Ok(empty)
}

fn refuse_foreign(dir: &Path) -> Result<(), Diagnostic> {
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
        site.insert("a/index.html".into(), b"one".to_vec());
        site.insert("keep.css".into(), b"same".to_vec());
        write(&site, &out, "").expect("first write");
        site.remove("a/index.html");
        site.insert("b.txt".into(), b"two".to_vec());
        write(&site, &out, "").expect("second write");
        assert_eq!(names(tmp.path()), [".public.prev", "public"], "no staging folders left behind");
        assert_eq!(names(&out), [MARKER, "b.txt", "keep.css"]);
        // The third write recycles the first output: stale files go, new ones come.
        site.insert("b.txt".into(), b"three".to_vec());
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
    }
}
