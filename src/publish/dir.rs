//! The directory target `dir:PATH`: each publish writes a complete release
//! into `PATH.releases/<id>/` and switches the symbolic link `PATH` to it by
//! renaming a new link over the old one — one atomic rename, so a web server
//! serving `PATH` never sees a missing file or a mix of two releases. The
//! last three releases are kept for `--rollback`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics, io_error};
use crate::render::Output;

/// How many releases stay on disk (the live one always among them).
pub(crate) const KEEP: usize = 3;

const WRITABLE: &str = "choose a target in a folder you can write to (dir:PATH, where PATH's parent is a folder), or fix its permissions";

struct Layout {
    /// `PATH`: the link a web server serves.
    link: PathBuf,
    /// `PATH.releases/`.
    releases: PathBuf,
    /// `PATH`'s file name, to make links relative (`NAME.releases/<id>`).
    name: String,
}

impl Layout {
    fn new(link: &Path) -> Result<Layout, Diagnostic> {
        let name = link
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| n != "." && n != "..")
            .ok_or_else(|| {
                Diagnostic::error(format!("the publish target dir:{} names no folder", link.display()))
                    .help("write it as `dir:/srv/www/privacy` (privsite manages that path as a link)")
            })?;
        let parent = link.parent().filter(|p| !p.as_os_str().is_empty());
        let parent = parent.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Ok(Layout { link: parent.join(&name), releases: parent.join(format!("{name}.releases")), name })
    }

    /// The release the link points at now, if it is one of ours.
    fn current(&self) -> Result<Option<String>, Diagnostic> {
        let meta = match fs::symlink_metadata(&self.link) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error("read", &self.link, &e).help(WRITABLE)),
        };
        if meta.is_file() {
            return Err(Diagnostic::error(format!(
                "the publish target dir:{} is a file",
                self.link.display()
            ))
            .help("point --target at a folder path; privsite makes it a link to the live release"));
        }
        if meta.is_dir() {
            let empty = fs::read_dir(&self.link).is_ok_and(|mut e| e.next().is_none());
            if empty {
                return Ok(None);
            }
            return Err(Diagnostic::error(format!(
                "the publish target dir:{} is a folder that privsite does not manage",
                self.link.display()
            ))
            .help(format!(
                "privsite serves each release from {0}.releases/<id>/ through a link at {0}; move the folder away (or empty it) and publish again",
                self.link.display()
            )));
        }
        let points_to = fs::read_link(&self.link).map_err(|e| io_error("read", &self.link, &e))?;
        let prefix = PathBuf::from(format!("{}.releases", self.name));
        Ok(points_to.strip_prefix(&prefix).ok().and_then(|id| id.to_str()).map(str::to_string))
    }

    /// The releases on disk, oldest first (ids sort by time).
    fn list(&self) -> Result<Vec<String>, Diagnostic> {
        let entries = match fs::read_dir(&self.releases) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error("list", &self.releases, &e)),
        };
        let mut ids: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        ids.sort();
        Ok(ids)
    }

    /// Points the link at release `id` with one rename over the old link.
    fn switch(&self, id: &str) -> Result<(), Diagnostic> {
        if fs::symlink_metadata(&self.link).is_ok_and(|m| m.is_dir()) {
            // An empty folder (checked by `current`): nothing is served from it yet.
            fs::remove_dir(&self.link).map_err(|e| io_error("replace", &self.link, &e))?;
        }
        let parent = self.releases.parent().unwrap_or(Path::new("."));
        let temp = parent.join(format!(".{}.link-{id}", self.name));
        let _ = fs::remove_file(&temp);
        symlink(&PathBuf::from(format!("{}.releases", self.name)).join(id), &temp)
            .map_err(|e| io_error("create the link", &temp, &e))?;
        fs::rename(&temp, &self.link).map_err(|e| {
            let _ = fs::remove_file(&temp);
            io_error("switch", &self.link, &e)
        })
    }
}

#[cfg(unix)]
fn symlink(to: &Path, at: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(to, at)
}

#[cfg(not(unix))]
fn symlink(_to: &Path, _at: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "dir: targets need symbolic links (Linux, macOS, BSD)",
    ))
}

/// Writes `output` as a new release and switches `link` to it; the release
/// keeps the build's `fingerprint`.
pub(crate) fn publish(
    output: &Output,
    link: &Path,
    dry_run: bool,
    fingerprint: &str,
) -> Result<(), Diagnostics> {
    let started = Instant::now();
    let layout = Layout::new(link)?;
    let current = layout.current()?;
    let size: usize = output.values().map(|b| b.len()).sum();
    if dry_run {
        say!(
            "Dry run for dir:{}: would write {} files ({}) into {}/<new release> and switch to it (live now: {}); nothing was changed.",
            layout.link.display(),
            output.len(),
            super::bytes(size as u64),
            layout.releases.display(),
            current.as_deref().unwrap_or("none")
        );
        return Ok(());
    }
    fs::create_dir_all(&layout.releases)
        .map_err(|e| io_error("create", &layout.releases, &e).help(WRITABLE))?;
    remove_staging(&layout.releases);
    let id = new_id(&layout.releases);
    crate::write::write(output, &layout.releases.join(&id), fingerprint)?;
    crate::fault::point("publish:written");
    layout.switch(&id)?;
    let kept = prune(&layout, &id)?;
    say!(
        "Published {} files ({}) to dir:{} as release {id} in {:.2} s; kept {}.",
        output.len(),
        super::bytes(size as u64),
        layout.link.display(),
        started.elapsed().as_secs_f64(),
        kept.join(", ")
    );
    Ok(())
}

/// Removes the staging folders (`.<id>.new-*`) of publishes that were killed
/// while writing; a release they did not finish was never live.
fn remove_staging(releases: &Path) {
    for entry in fs::read_dir(releases).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(".new-") {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Switches `link` back to the release before the live one.
pub(crate) fn rollback(link: &Path) -> Result<(), Diagnostics> {
    let layout = Layout::new(link)?;
    let Some(current) = layout.current()? else {
        return Err(Diagnostic::error(format!(
            "dir:{} has no release published by privsite to roll back from",
            layout.link.display()
        ))
        .help("publish first; --rollback switches back to the release before the live one")
        .into());
    };
    let ids = layout.list()?;
    let previous =
        ids.iter().position(|id| *id == current).and_then(|i| i.checked_sub(1)).map(|i| ids[i].clone());
    let Some(previous) = previous else {
        return Err(Diagnostic::error(format!(
            "dir:{} has no release before {current}",
            layout.link.display()
        ))
        .help(format!(
            "privsite keeps the last {KEEP} releases in {}; none is older than the live one",
            layout.releases.display()
        ))
        .into());
    };
    layout.switch(&previous)?;
    say!("Rolled back dir:{} from release {current} to {previous}.", layout.link.display());
    Ok(())
}

/// A new release id: the time, so ids sort by age; unique in `releases`.
fn new_id(releases: &Path) -> String {
    let base = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ").to_string();
    let mut id = base.clone();
    let mut n = 1;
    while releases.join(&id).exists() {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Deletes all but the newest [`KEEP`] releases, never the live one.
fn prune(layout: &Layout, live: &str) -> Result<Vec<String>, Diagnostic> {
    let ids = layout.list()?;
    let keep_from = ids.len().saturating_sub(KEEP);
    let mut kept = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if i >= keep_from || id == live {
            kept.push(id.clone());
        } else {
            let path = layout.releases.join(id);
            fs::remove_dir_all(&path).map_err(|e| io_error("delete the old release", &path, &e))?;
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(text: &str) -> Output {
        let mut out = Output::new();
        out.insert("index.html".into(), text.as_bytes().into());
        out
    }

    #[test]
    fn publishes_keeps_three_and_rolls_back() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let link = tmp.path().join("www");
        for n in 1..=5 {
            publish(&site(&format!("build {n}")), &link, false, "").expect("publish");
            assert_eq!(fs::read_to_string(link.join("index.html")).expect("read"), format!("build {n}"));
        }
        let layout = Layout::new(&link).expect("layout");
        assert_eq!(layout.list().expect("list").len(), KEEP);
        rollback(&link).expect("rollback");
        assert_eq!(fs::read_to_string(link.join("index.html")).expect("read"), "build 4");
        rollback(&link).expect("rollback again");
        assert_eq!(fs::read_to_string(link.join("index.html")).expect("read"), "build 3");
        assert!(rollback(&link).is_err(), "nothing older is kept");
        // A publish after a rollback keeps the live release.
        publish(&site("build 6"), &link, false, "").expect("publish");
        assert_eq!(layout.list().expect("list").len(), KEEP);
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).expect("ls").collect();
        assert_eq!(leftovers.len(), 2, "only the link and the releases folder");
    }

    #[test]
    fn refuses_a_file_and_a_foreign_folder() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("file");
        fs::write(&file, "x").expect("write");
        let err = publish(&site("x"), &file, false, "").expect_err("a file");
        assert!(err.0[0].message.contains("is a file"), "{:?}", err.0);
        let folder = tmp.path().join("folder");
        fs::create_dir(&folder).expect("mkdir");
        fs::write(folder.join("keep.html"), "mine").expect("write");
        let err = publish(&site("x"), &folder, false, "").expect_err("foreign folder");
        assert!(err.0[0].help.is_some());
        assert!(folder.join("keep.html").exists());
        // An empty folder is taken over.
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).expect("mkdir");
        publish(&site("x"), &empty, false, "").expect("empty folder");
        assert!(fs::symlink_metadata(&empty).expect("meta").is_symlink());
    }
}
