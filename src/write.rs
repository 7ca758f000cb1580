//! Output → folder, completely or not at all: the new site is written into a
//! fresh folder beside the target and renamed into place, so a failed or
//! killed build leaves the previous output as it was. A non-empty folder that
//! privsite did not write is never replaced.

use std::fs;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, io_error};
use crate::render::{Output, Sink};

/// Marks a folder as privsite's output, so it may be replaced.
pub const MARKER: &str = ".privsite-output";

pub fn write(output: &Output, dir: &Path) -> Result<(), Diagnostics> {
    write_with(dir, |sink| {
        for (path, bytes) in output {
            sink(path.clone(), bytes.clone())?;
        }
        Ok(())
    })
}

/// Writes what `produce` hands its sink (from any thread) into a fresh folder
/// beside `dir`, and switches it in only if `produce` succeeds.
pub fn write_with<T>(
    dir: &Path,
    produce: impl FnOnce(&Sink<'_>) -> Result<T, Diagnostics>,
) -> Result<T, Diagnostics> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::env::current_dir().map_err(|e| io_error("find", Path::new("."), &e))?,
    };
    fs::create_dir_all(&parent).map_err(|e| io_error("create", &parent, &e))?;
    refuse_foreign(dir)?;
    let name = dir.file_name().map_or("public".into(), |n| n.to_string_lossy().to_string());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(|e| io_error("create a folder in", &parent, &e))?;
    let root = staging.path();
    let result = produce(&|path: String, bytes: Vec<u8>| {
        let file = root.join(&path);
        if let Some(folder) = file.parent() {
            fs::create_dir_all(folder).map_err(|e| io_error("create", folder, &e))?;
        }
        fs::write(&file, bytes).map_err(|e| io_error("write", &file, &e))
    })?;
    fs::write(root.join(MARKER), b"").map_err(|e| io_error("write", root, &e))?;

    // Move the old output aside, the new one in, then delete the old one.
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
    drop(old);
    Ok(result)
}

fn refuse_foreign(dir: &Path) -> Result<(), Diagnostic> {
    let Ok(mut entries) = fs::read_dir(dir) else {
        return Ok(());
    };
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

    #[test]
    fn replaces_own_output_and_refuses_foreign_folders() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("public");
        let mut site = Output::new();
        site.insert("a/index.html".into(), b"one".to_vec());
        write(&site, &out).expect("first write");
        site.clear();
        site.insert("b.txt".into(), b"two".to_vec());
        write(&site, &out).expect("second write");
        assert!(!out.join("a/index.html").exists());
        assert_eq!(fs::read(out.join("b.txt")).expect("written"), b"two");
        let names: Vec<_> = fs::read_dir(tmp.path()).expect("list").collect();
        assert_eq!(names.len(), 1, "no staging folders left behind");

        let foreign = tmp.path().join("docs");
        fs::create_dir(&foreign).expect("mkdir");
        fs::write(foreign.join("keep.txt"), b"mine").expect("write");
        assert!(write(&site, &foreign).is_err());
        assert!(foreign.join("keep.txt").exists());
    }
}
