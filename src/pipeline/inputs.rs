//! The stage before load: the inputs of a build as their stamps. Every file
//! and folder the loader may read (`privsite.toml` and the input folders,
//! links followed as the loader follows them) gives its path, inode, size
//! and modification and change times; with the build's options and the
//! privsite binary itself they make one digest. An output recorded with the
//! same digest was built from the same inputs, and is up to date without a
//! byte of the site being read.
//!
//! The digest is taken before the build reads anything, so a file saved
//! during a build makes the next one look again. There is none when a
//! stamp is too fresh to vouch for its file (see [`TICK`](crate::load::stamp::TICK)),
//! as right after a release: the stamps and listings still serve the load,
//! whose snapshots judge each stamp by the time it was taken.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::load::stamp::{Stamp, Stamps};
use crate::load::texts::hex;
use crate::load::walk::Listing;
use crate::render::keys::Hashing;

pub(crate) struct Inputs {
    /// `None` when some stamp is too fresh to vouch for its file.
    digest: Option<String>,
    /// When the stamps were taken.
    at: SystemTime,
    record: PathBuf,
    /// The stamp of every file and folder below the input folders, by its
    /// path relative to the root: the load takes them rather than look again.
    stamps: Arc<Stamps>,
    /// The entries of the folders walked without a link on the way, by
    /// path: the load lists the site's folders from them, not once more.
    listings: Arc<Listings>,
}

/// Folders' entries by their paths relative to the root.
pub(crate) type Listings = HashMap<String, Listing>;

impl Inputs {
    /// The stamps of the inputs of a build of `root` into `out` with the
    /// options `options` (their text); `None` where some input cannot be
    /// stamped now, which only means the build runs in full.
    pub(crate) fn stamp(root: &Path, out: &Path, options: &str) -> Option<Inputs> {
        let started = SystemTime::now();
        let mut h = Hashing(Sha256::new());
        let mut stamps = Stamps::default();
        let mut listings = Listings::new();
        let _ = write!(h, "{options}\0{}\0", out.display());
        let exe = std::env::current_exe().ok()?;
        let mut settled = stamp(&mut h, "(privsite)", &std::fs::metadata(exe).ok()?)?.settled(started);
        let config = std::fs::metadata(root.join(crate::config::FILE_NAME)).ok()?;
        settled &= stamp(&mut h, crate::config::FILE_NAME, &config)?.settled(started);
        for dir in crate::load::INPUT_DIRS {
            let top = root.join(dir);
            if !top.exists() {
                let _ = write!(h, "{dir}: none\0");
                continue;
            }
            settled &= stamp(&mut h, dir, &std::fs::metadata(&top).ok()?)?.settled(started);
            // Each entry's tree on every core: the history is most of the
            // files, and their stamps most of a build that finds nothing changed.
            let entries = std::fs::read_dir(&top).ok()?.collect::<Result<Vec<_>, _>>().ok()?;
            if let Some(listing) = listing(&entries) {
                listings.insert(dir.to_string(), listing);
            }
            let mut entries: Vec<PathBuf> = entries.iter().map(std::fs::DirEntry::path).collect();
            entries.sort();
            let trees: Vec<Tree> =
                entries.par_iter().map(|entry| tree(root, entry)).collect::<Option<_>>()?;
            // The history's thousands of stamps, without growing the map step by step.
            stamps.reserve(trees.iter().map(|(_, found, _)| found.len()).sum());
            for (digest, found, listed) in trees {
                h.0.update(digest);
                settled &= found.iter().all(|(_, s)| s.settled(started));
                stamps.extend(found);
                listings.extend(listed);
            }
        }
        let id = Sha256::digest(out.to_string_lossy().as_bytes());
        // Nowhere behind a link ([`crate::load::cache_dir`]): then no shortcut.
        let record = crate::load::cache_dir(root, "")?.join(format!("inputs-{}", &hex(&id)[..16]));
        Some(Inputs {
            digest: settled.then(|| hex(&h.0.finalize())),
            at: started,
            record,
            stamps: Arc::new(stamps),
            listings: Arc::new(listings),
        })
    }

    /// What [`Inputs::stamp`] found of each file and folder below the
    /// input folders, and when.
    pub(crate) fn stamps(&self) -> (Arc<Stamps>, SystemTime) {
        (Arc::clone(&self.stamps), self.at)
    }

    /// What [`Inputs::stamp`] found in the folders it walked without a link on the way.
    pub(crate) fn listings(&self) -> Arc<Listings> {
        Arc::clone(&self.listings)
    }

    /// Whether the output folder `out` was written by a build of these very inputs.
    pub(crate) fn built(&self, out: &Path) -> bool {
        let Some(mine) = &self.digest else { return false };
        let Some(live) = crate::write::fingerprint(out) else { return false };
        let Ok(text) = std::fs::read_to_string(&self.record) else { return false };
        text.split_once('\n').is_some_and(|(fingerprint, digest)| fingerprint == live && digest == mine)
    }

    /// Records that the output folder `out`, as it is now, was built from
    /// these inputs. Only a shortcut: a failure costs the next build time.
    pub(crate) fn save(&self, out: &Path) {
        let Some(digest) = &self.digest else { return };
        let Some(live) = crate::write::fingerprint(out) else { return };
        let Some(dir) = self.record.parent() else { return };
        let saved = std::fs::create_dir_all(dir).and_then(|()| {
            let temp = tempfile::NamedTempFile::new_in(dir)?;
            std::fs::write(temp.path(), format!("{live}\n{digest}"))?;
            temp.persist(&self.record).map(drop).map_err(|e| e.error)
        });
        drop(saved);
    }
}

/// The stamps of a folder and everything below it: as a digest, and one
/// by one with their paths; and the entries of the folders among them
/// that were walked without a link on the way.
type Tree = ([u8; 32], Vec<(String, Stamp)>, Vec<(String, Listing)>);

/// A listing as [`crate::load::walk::list`] gives it, of a folder whose
/// entries are `entries`; `None` where one is a link or not named in UTF-8,
/// which that listing looks into itself.
fn listing(entries: &[std::fs::DirEntry]) -> Option<Listing> {
    let mut listing = Listing::default();
    for entry in entries {
        let kind = entry.file_type().ok()?;
        let name = entry.file_name().into_string().ok()?;
        if kind.is_symlink() {
            return None;
        }
        if !crate::load::filename::is_ignored(&name) {
            listing.entries.push((name, kind.is_dir()));
        }
    }
    listing.entries.sort();
    Some(listing)
}

/// The stamps of `top` and everything below it, links followed.
fn tree(root: &Path, top: &Path) -> Option<Tree> {
    #[cfg(target_os = "linux")]
    if let Some(tree) = beneath::tree(root, top) {
        return Some(tree);
    }
    followed(root, top)
}

/// [`tree`] by whole paths, links followed wherever they lead: what every
/// walk of the inputs gives, the one from folders included.
fn followed(root: &Path, top: &Path) -> Option<Tree> {
    let mut h = Hashing(Sha256::new());
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(top).follow_links(true).sort_by_file_name() {
        let entry = entry.ok()?;
        let rel = entry.path().strip_prefix(root).ok()?.to_string_lossy().to_string();
        let meta = entry.metadata().ok()?;
        let s = stamp(&mut h, &rel, &meta)?;
        found.push((rel, s));
    }
    Some((h.0.finalize().into(), found, Vec::new()))
}

/// [`tree`]'s common case on Linux, a tree without symbolic links: each
/// folder is opened once and its entries stamped from it, not each by its
/// whole path from the root of the file system. The history is thousands
/// of files, and this walk is most of a build that finds nothing changed.
/// `None` at a link or anything unusual: the walk that follows links runs.
#[cfg(target_os = "linux")]
mod beneath {
    use std::ffi::{CStr, CString};
    use std::path::Path;

    use rustix::fd::{AsFd, BorrowedFd};
    use rustix::fs::{AtFlags, CWD, Dir, FileType, Mode, OFlags, StatxFlags, openat, statx};
    use sha2::{Digest, Sha256};

    use super::{Tree, stamp_into};
    use crate::load::stamp::Stamp;
    use crate::load::walk::Listing;
    use crate::render::keys::Hashing;

    pub(super) fn tree(root: &Path, top: &Path) -> Option<Tree> {
        let rel = top.strip_prefix(root).ok()?.to_str()?.to_string();
        let mut walk = Walk { h: Hashing(Sha256::new()), found: Vec::new(), listed: Vec::new() };
        let path = CString::new(top.as_os_str().as_encoded_bytes()).ok()?;
        walk.visit(CWD, &path, rel, 0)?;
        Some((walk.h.0.finalize().into(), walk.found, walk.listed))
    }

    struct Walk {
        h: Hashing,
        found: Vec<(String, Stamp)>,
        listed: Vec<(String, Listing)>,
    }

    impl Walk {
        /// The entry `name` of the folder `at`, known as `rel`, and what is
        /// below it; whether it is a folder.
        fn visit(&mut self, at: BorrowedFd<'_>, name: &CStr, rel: String, depth: usize) -> Option<bool> {
            let s = statx(at, name, AtFlags::SYMLINK_NOFOLLOW, StatxFlags::BASIC_STATS).ok()?;
            let stamp = crate::load::stamp::of_statx(&s);
            let kind = FileType::from_raw_mode(s.stx_mode.into());
            let is_dir = match kind {
                FileType::Directory => true,
                FileType::Symlink => return None,
                _ => false,
            };
            stamp_into(&mut self.h, &rel, is_dir, stamp);
            self.found.push((rel.clone(), stamp));
            if !is_dir {
                return Some(false);
            }
            if depth > 64 {
                return None;
            }
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            let mut dir = Dir::new(openat(at, name, flags, Mode::empty()).ok()?).ok()?;
            let mut names = Vec::new();
            while let Some(entry) = dir.read() {
                let name = entry.ok()?.file_name().to_owned();
                if !matches!(name.to_bytes(), b"." | b"..") {
                    names.push(name);
                }
            }
            // As the walk that follows links: by name, each folder before what it holds.
            names.sort();
            let fd = dir.fd().ok()?;
            let mut listing = Listing::default();
            for name in names {
                let text = name.to_str().ok()?;
                let child = format!("{rel}/{text}");
                let is_dir = self.visit(fd.as_fd(), &name, child, depth + 1)?;
                if !crate::load::filename::is_ignored(text) {
                    listing.entries.push((text.to_string(), is_dir));
                }
            }
            self.listed.push((rel, listing));
            Some(true)
        }
    }
}

/// One input's stamp into the digest; `None` where the system gives none.
fn stamp(h: &mut Hashing, rel: &str, meta: &std::fs::Metadata) -> Option<Stamp> {
    let s = Stamp::of_meta(meta)?;
    stamp_into(h, rel, meta.is_dir(), s);
    Some(s)
}

fn stamp_into(h: &mut Hashing, rel: &str, is_dir: bool, s: Stamp) {
    h.0.update((rel.len() as u64).to_le_bytes());
    h.0.update(rel);
    h.0.update([u8::from(is_dir)]);
    h.0.update(s.to_bytes());
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::time::Duration;

    use super::*;

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().expect("test setup");
        let doc = tmp.path().join("content/doc");
        std::fs::create_dir_all(doc.join("sub/deeper")).expect("test setup");
        std::fs::create_dir_all(doc.join("empty")).expect("test setup");
        for (name, text) in
            [("b.en.md", "b"), ("a.en.md", "a"), ("a.en.md~", "x"), ("sub/c.md", "c"), ("sub/deeper/d", "")]
        {
            std::fs::write(doc.join(name), text).expect("test setup");
        }
        tmp
    }

    #[test]
    fn the_walk_from_folders_finds_what_the_walk_by_paths_finds() {
        let tmp = site();
        let (root, top) = (tmp.path(), tmp.path().join("content/doc"));
        let (digest, found, listed) = beneath::tree(root, &top).expect("no link: walked from folders");
        let (digest_followed, found_followed, _) = followed(root, &top).expect("walked");
        assert_eq!(digest, digest_followed);
        assert_eq!(found, found_followed);
        let folders: Vec<&str> = listed.iter().map(|(rel, _)| rel.as_str()).collect();
        assert_eq!(
            folders,
            ["content/doc/empty", "content/doc/sub/deeper", "content/doc/sub", "content/doc"]
        );
        for (rel, listing) in &listed {
            let walked = crate::load::walk::list(root, rel).expect("listed");
            assert_eq!(listing.entries, walked.entries, "{rel}");
        }
    }

    #[test]
    fn a_link_is_walked_by_paths_and_followed() {
        let tmp = site();
        let (root, top) = (tmp.path(), tmp.path().join("content/doc"));
        std::os::unix::fs::symlink("sub", top.join("alias")).expect("test setup");
        assert!(beneath::tree(root, &top).is_none());
        let (_, found, listed) = tree(root, &top).expect("walked");
        assert!(found.iter().any(|(rel, _)| rel == "content/doc/alias/c.md"), "{found:?}");
        assert!(listed.is_empty(), "listings are taken only where no link is on the way");
    }

    /// Right after a release the new version's files are too fresh to
    /// vouch for themselves: no digest says the output is up to date, but
    /// the load still takes the stamps and listings (its snapshots judge
    /// each stamp by when it was taken), and once the files have settled
    /// there is a digest again.
    #[test]
    fn an_input_changed_within_a_tick_gives_stamps_and_listings_but_no_digest() {
        let tmp = site();
        std::fs::write(tmp.path().join(crate::config::FILE_NAME), "").expect("test setup");
        let out = tmp.path().join("public");
        std::thread::sleep(crate::load::stamp::TICK + Duration::from_millis(10));
        std::fs::write(tmp.path().join("content/doc/a.en.md"), "changed").expect("test setup");
        let fresh = Inputs::stamp(tmp.path(), &out, "").expect("stamped");
        assert!(fresh.digest.is_none(), "a stamp within a tick vouches for nothing");
        assert!(!fresh.built(&out));
        let (stamps, at) = fresh.stamps();
        assert!(stamps.get("content/doc/a.en.md").is_some_and(|s| !s.settled(at)), "{stamps:?}");
        assert!(fresh.listings().contains_key("content/doc"));
        std::thread::sleep(crate::load::stamp::TICK + Duration::from_millis(10));
        assert!(Inputs::stamp(tmp.path(), &out, "").expect("stamped").digest.is_some());
    }
}
