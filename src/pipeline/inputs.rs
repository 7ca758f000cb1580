//! The stage before load: the inputs of a build as their stamps. Every file
//! and folder the loader may read (`privsite.toml` and the input folders,
//! links followed as the loader follows them) gives its path, inode, size
//! and modification and change times; with the build's options and the
//! privsite binary itself they make one digest. An output recorded with the
//! same digest was built from the same inputs, and is up to date without a
//! byte of the site being read.
//!
//! The digest is taken before the build reads anything, so a file saved
//! during a build makes the next one look again. It is not recorded when a
//! stamp is too fresh to vouch for its file (see [`TICK`](crate::load::stamp::TICK)).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::load::stamp::{Stamp, Stamps};
use crate::load::texts::hex;
use crate::render::keys::Hashing;

pub(crate) struct Inputs {
    digest: String,
    record: PathBuf,
    /// The stamp of every file and folder below the input folders, by its
    /// path relative to the root: the load takes them rather than look again.
    stamps: Arc<Stamps>,
}

impl Inputs {
    /// The stamps of the inputs of a build of `root` into `out` with the
    /// options `options` (their text); `None` where some input cannot be
    /// stamped now, which only means the build runs in full.
    pub(crate) fn stamp(root: &Path, out: &Path, options: &str) -> Option<Inputs> {
        let started = SystemTime::now();
        let mut h = Hashing(Sha256::new());
        let mut stamps = Stamps::new();
        let _ = write!(h, "{options}\0{}\0", out.display());
        let exe = std::env::current_exe().ok()?;
        stamp(&mut h, "(privsite)", &std::fs::metadata(exe).ok()?, started)?;
        stamp(
            &mut h,
            crate::config::FILE_NAME,
            &std::fs::metadata(root.join(crate::config::FILE_NAME)).ok()?,
            started,
        )?;
        for dir in crate::load::INPUT_DIRS {
            let top = root.join(dir);
            if !top.exists() {
                let _ = write!(h, "{dir}: none\0");
                continue;
            }
            stamp(&mut h, dir, &std::fs::metadata(&top).ok()?, started)?;
            // Each entry's tree on every core: the history is most of the
            // files, and their stamps most of a build that finds nothing changed.
            let mut entries = std::fs::read_dir(&top)
                .ok()?
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<Vec<_>, _>>()
                .ok()?;
            entries.sort();
            let trees: Vec<Option<Tree>> =
                entries.par_iter().map(|entry| tree(root, entry, started)).collect();
            for tree in trees {
                let (digest, found) = tree?;
                h.0.update(digest);
                stamps.extend(found);
            }
        }
        let id = Sha256::digest(out.to_string_lossy().as_bytes());
        // Nowhere behind a link ([`crate::load::cache_dir`]): then no shortcut.
        let record = crate::load::cache_dir(root, "")?.join(format!("inputs-{}", &hex(&id)[..16]));
        Some(Inputs { digest: hex(&h.0.finalize()), record, stamps: Arc::new(stamps) })
    }

    /// What [`Inputs::stamp`] found of each file and folder below the input folders.
    pub(crate) fn stamps(&self) -> Arc<Stamps> {
        Arc::clone(&self.stamps)
    }

    /// Whether the output folder `out` was written by a build of these very inputs.
    pub(crate) fn built(&self, out: &Path) -> bool {
        let Some(live) = crate::write::fingerprint(out) else { return false };
        let Ok(text) = std::fs::read_to_string(&self.record) else { return false };
        text.split_once('\n')
            .is_some_and(|(fingerprint, digest)| fingerprint == live && digest == self.digest)
    }

    /// Records that the output folder `out`, as it is now, was built from
    /// these inputs. Only a shortcut: a failure costs the next build time.
    pub(crate) fn save(&self, out: &Path) {
        let Some(live) = crate::write::fingerprint(out) else { return };
        let Some(dir) = self.record.parent() else { return };
        let saved = std::fs::create_dir_all(dir).and_then(|()| {
            let temp = tempfile::NamedTempFile::new_in(dir)?;
            std::fs::write(temp.path(), format!("{live}\n{}", self.digest))?;
            temp.persist(&self.record).map(drop).map_err(|e| e.error)
        });
        drop(saved);
    }
}

/// The stamps of a folder and everything below it: as a digest, and one
/// by one with their paths.
type Tree = ([u8; 32], Vec<(String, Stamp)>);

/// The stamps of `top` and everything below it, links followed.
fn tree(root: &Path, top: &Path, now: SystemTime) -> Option<Tree> {
    let mut h = Hashing(Sha256::new());
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(top).follow_links(true).sort_by_file_name() {
        let entry = entry.ok()?;
        let rel = entry.path().strip_prefix(root).ok()?.to_string_lossy().to_string();
        let meta = entry.metadata().ok()?;
        found.push((rel.clone(), stamp(&mut h, &rel, &meta, now)?));
    }
    Some((h.0.finalize().into(), found))
}

/// One input's stamp into the digest; `None` if it changed too shortly
/// before `now` for its stamp to vouch for it.
fn stamp(h: &mut Hashing, rel: &str, meta: &std::fs::Metadata, now: SystemTime) -> Option<Stamp> {
    let s = Stamp::of_meta(meta).filter(|s| s.settled(now))?;
    h.0.update((rel.len() as u64).to_le_bytes());
    h.0.update(rel);
    h.0.update([u8::from(meta.is_dir())]);
    h.0.update(s.to_bytes());
    Some(s)
}
