//! What a recycled output folder holds that this build did not write goes,
//! and the folders left empty with it. A site has a folder per page:
//! thousands, each opened and listed, cost a build after a one-section
//! release more than its rendering did. So the listings are kept, per
//! folder, with the folder's stamp: any entry added, removed or renamed
//! moves a folder's change time, so a folder whose stamp is as recorded
//! holds what it held, and one `statx` stands for opening and listing it.
//! A folder whose stamp differs, or was too fresh to vouch for it, is
//! listed again. The listings live in the build cache, sealed to this
//! privsite: a missing or foreign one only means every folder is listed.

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Placed;

/// Where a write keeps the listings of the folders of one output: a file
/// per folder, named after this prefix and the folder's inode (which
/// follows the folder through its renames between live and recycled).
pub(crate) struct Listings(pub(crate) PathBuf);

/// A folder below the root of an output (`a/b/`), its stamp, and its
/// entries (a folder's name ends in `/`).
#[cfg(target_os = "linux")]
type Seen = (String, crate::load::stamp::Stamp, Vec<String>);

#[cfg(target_os = "linux")]
const FORMAT: &[u8] = b"privsite output listing 1\n";

#[cfg(target_os = "linux")]
pub(super) use linux::remove_stale;

/// [`linux::remove_stale`], every folder listed.
#[cfg(not(target_os = "linux"))]
pub(super) fn remove_stale(root: &Path, keep: &Placed, _: Option<&Listings>, _: &Path) -> io::Result<()> {
    stale_in(root, root, keep).map(drop)
}

#[cfg(target_os = "linux")]
mod linux {
    use std::sync::Mutex;
    use std::time::SystemTime;

    use rustix::fd::OwnedFd;
    use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, ResolveFlags, StatxFlags};

    use super::*;
    use crate::load::sealed;
    use crate::load::stamp::{Stamp, of_statx};

    /// Removes from the staging folder `root` every file not in `keep`, and
    /// folders left empty; with `listings`, lists only the folders that
    /// changed since it last looked. `live` is the output that `root` is
    /// about to replace, recycled in turn by the next build: its listing is kept.
    pub(in crate::write) fn remove_stale(
        root: &Path,
        keep: &Placed,
        listings: Option<&Listings>,
        live: &Path,
    ) -> io::Result<()> {
        let fd = rustix::fs::open(root, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?;
        let ino = stamp_of(&fd, "", AtFlags::EMPTY_PATH).map(|s| s.ino);
        let known = match (listings, ino) {
            (Some(listings), Some(ino)) => listings.read(ino),
            _ => Default::default(),
        };
        let scan = Scan { root: fd, keep, known, seen: Mutex::default(), now: SystemTime::now() };
        scan.folder("")?;
        if let (Some(listings), Some(ino)) = (listings, ino) {
            let seen = scan.seen.into_inner().unwrap_or_default();
            listings.save(ino, &seen);
            let live = rustix::fs::stat(live).ok().map(|s| s.st_ino);
            listings.tidy(&[Some(ino), live]);
        }
        Ok(())
    }

    impl Listings {
        fn file(&self, ino: u64) -> PathBuf {
            let mut name = self.0.file_name().unwrap_or_default().to_os_string();
            name.push(format!("-{ino:x}"));
            self.0.with_file_name(name)
        }

        fn read(&self, ino: u64) -> Known {
            let Some(seal) = sealed::this_build(b"") else { return Known::default() };
            let seen: Vec<Seen> = sealed::read(&self.file(ino), FORMAT, &seal).unwrap_or_default();
            seen.into_iter().map(|(folder, stamp, names)| (folder, (stamp, names))).collect()
        }

        fn save(&self, ino: u64, seen: &[Seen]) {
            if let Some(seal) = sealed::this_build(b"") {
                sealed::write(&self.file(ino), FORMAT, &seal, seen);
            }
        }

        /// Removes the listings of folders other than these.
        fn tidy(&self, inos: &[Option<u64>]) {
            let (Some(dir), Some(prefix)) = (self.0.parent(), self.0.file_name()) else { return };
            let prefix = format!("{}-", prefix.to_string_lossy());
            let keep: Vec<String> = inos.iter().flatten().map(|ino| format!("{prefix}{ino:x}")).collect();
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                if name.starts_with(&prefix) && !keep.contains(&name) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }

    /// The listings read back: each folder's stamp and entries, by folder.
    type Known = rustc_hash::FxHashMap<String, (Stamp, Vec<String>)>;

    struct Scan<'a> {
        /// The staging folder, open.
        root: OwnedFd,
        keep: &'a Placed,
        known: Known,
        /// The folders found as they were left, to be recorded.
        seen: Mutex<Vec<Seen>>,
        now: SystemTime,
    }

    impl Scan<'_> {
        /// Removes what folder `rel` (`""`, or ending in `/`) holds that is
        /// not to be kept. Returns whether the folder is left empty.
        fn folder(&self, rel: &str) -> io::Result<bool> {
            let (stamp, names) = match self.unchanged(rel) {
                Some((stamp, names)) => (Some(stamp), Cow::Borrowed(names)),
                None => {
                    let (stamp, names) = self.list(rel)?;
                    (stamp, Cow::Owned(names))
                }
            };
            let gone = names
                .par_iter()
                .map(|name| match name.strip_suffix('/') {
                    Some(_) => self.folder(&format!("{rel}{name}")),
                    None => Ok(!self.keep.contains_key(&format!("{rel}{name}"))),
                })
                .collect::<io::Result<Vec<bool>>>()?;
            if gone.contains(&true) {
                let fd = self.open(rel)?;
                for (name, _) in names.iter().zip(&gone).filter(|(_, gone)| **gone) {
                    match name.strip_suffix('/') {
                        Some(folder) => rustix::fs::unlinkat(&fd, folder, AtFlags::REMOVEDIR)?,
                        None => rustix::fs::unlinkat(&fd, name.as_str(), AtFlags::empty())?,
                    }
                }
            } else if let (false, false, Some(stamp)) = (rel.is_empty(), names.is_empty(), stamp) {
                // The root is left out: the write's marker and the switch change it anyway.
                if let Ok(mut seen) = self.seen.lock() {
                    seen.push((rel.to_string(), stamp, names.into_owned()));
                }
            }
            Ok(!gone.contains(&false))
        }

        /// The entries of folder `rel` as recorded, if its stamp is.
        fn unchanged(&self, rel: &str) -> Option<(Stamp, &[String])> {
            let (stamp, names) = self.known.get(rel)?;
            let now = stamp_of(&self.root, rel.trim_end_matches('/'), AtFlags::SYMLINK_NOFOLLOW)?;
            (now == *stamp).then_some((*stamp, names.as_slice()))
        }

        /// The entries of folder `rel`, listed, with its stamp taken first
        /// if it is old enough to vouch for them.
        fn list(&self, rel: &str) -> io::Result<(Option<Stamp>, Vec<String>)> {
            let fd = self.open(rel)?;
            let stamp = stamp_of(&fd, "", AtFlags::EMPTY_PATH).filter(|s| s.settled(self.now));
            let mut dir = Dir::new(fd)?;
            let mut names = Vec::new();
            while let Some(entry) = dir.read() {
                let entry = entry?;
                let name = entry.file_name();
                if matches!(name.to_bytes(), b"." | b"..") {
                    continue;
                }
                let kind = match entry.file_type() {
                    FileType::Unknown => {
                        let stat = rustix::fs::statat(dir.fd()?, name, AtFlags::SYMLINK_NOFOLLOW)?;
                        FileType::from_raw_mode(stat.st_mode)
                    }
                    kind => kind,
                };
                let name = name.to_string_lossy();
                names.push(if kind == FileType::Directory { format!("{name}/") } else { name.into_owned() });
            }
            Ok((stamp, names))
        }

        /// Folder `rel`, reached from the root without following a link.
        fn open(&self, rel: &str) -> io::Result<OwnedFd> {
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let rel = rel.trim_end_matches('/');
            let how = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS;
            Ok(rustix::fs::openat2(
                &self.root,
                if rel.is_empty() { "." } else { rel },
                flags,
                Mode::empty(),
                how,
            )?)
        }
    }

    /// The stamp of the folder at `rel` from `fd`.
    fn stamp_of(fd: &OwnedFd, rel: &str, flags: AtFlags) -> Option<Stamp> {
        let s = rustix::fs::statx(fd, rel, flags, StatxFlags::BASIC_STATS).ok()?;
        (FileType::from_raw_mode(s.stx_mode.into()) == FileType::Directory).then(|| of_statx(&s))
    }
}

/// [`remove_stale`] in the folder `dir` of the output at `root`, by paths.
#[cfg(not(target_os = "linux"))]
fn stale_in(root: &Path, dir: &Path, keep: &Placed) -> io::Result<bool> {
    let entries = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    let kept = entries.par_iter().map(|entry| {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            let empty = stale_in(root, &path, keep)?;
            if empty {
                std::fs::remove_dir(&path)?;
            }
            return Ok(!empty);
        }
        let rel = path.strip_prefix(root).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        if keep.contains_key(&rel) {
            return Ok(true);
        }
        std::fs::remove_file(&path)?;
        Ok(false)
    });
    Ok(!kept.collect::<io::Result<Vec<bool>>>()?.contains(&true))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::fs;

    use super::*;
    use crate::render::File;
    use crate::write::tests::names;
    use crate::write::{MARKER, previous, write_with};

    /// A folder whose stamp is as recorded is taken as listed; what changed
    /// in it since, or no longer belongs there, goes all the same.
    #[test]
    fn recorded_folders_lose_stray_and_stale_files_alike() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("public");
        let listings = Listings(tmp.path().join("cache").join("listing-public"));
        let build = |n: u32, with_c: bool| {
            // Folders changed within a clock tick are not recorded: a build a tick later.
            std::thread::sleep(crate::load::stamp::TICK + std::time::Duration::from_millis(5));
            write_with(&out, "", Some(&listings), |sink, _| {
                sink("a/b/index.html".into(), File::Bytes(n.to_string().into_bytes()))?;
                if with_c {
                    sink("c/d/index.html".into(), File::Bytes(b"same".to_vec()))?;
                }
                Ok(())
            })
            .map(drop)
        };
        // Two fresh folders, then each recycled twice: by the last two
        // builds, each folder's `c/` was listed once, as it was left.
        for n in 0..6 {
            build(n, true).expect("build");
        }
        let recorded = names(&tmp.path().join("cache"));
        assert_eq!(recorded.len(), 2, "a listing per folder: {recorded:?}");
        assert!(
            fs::read(tmp.path().join("cache").join(&recorded[0]))
                .expect("listing")
                .windows(4)
                .any(|w| w == b"c/d/")
        );

        fs::write(previous(&out).join("c/d/stray.html"), "by hand").expect("stray");
        fs::write(previous(&out).join("c/stray.html"), "by hand").expect("stray");
        build(6, true).expect("build");
        assert_eq!(names(&out.join("c/d")), ["index.html"], "the stray file is gone");
        assert_eq!(names(&out.join("c")), ["d"]);
        build(7, false).expect("build");
        assert_eq!(names(&out), [MARKER, "a"], "the recorded folder no longer written is gone");
        build(8, false).expect("build");
        assert_eq!(names(&out), [MARKER, "a"]);
    }
}
