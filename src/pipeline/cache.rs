//! The build cache, `.privsite/cache/` inside the site (ignored by git): for
//! each output folder, what the last build wrote there: every file's key (a
//! digest of what it was made from, `render/keys.rs`) and its stamp (inode,
//! size, modification and change times). The next build keeps a file whose
//! key is unchanged and whose stamp shows it untouched, without reading it:
//! any write to a file, or to its metadata, moves its change time, which no
//! program can set. (A file changed within a clock tick of its stamp is
//! checked by its SHA-256 as well.) A record that does not belong to the output folder as it
//! is (another build's fingerprint), or that does not parse, is ignored:
//! never trusted, only ever a shortcut to the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::load::texts::{hex, unhex};
use crate::render::keys::Key;
use crate::render::{Earlier, File};

pub(crate) const DIR: &str = ".privsite/cache";

/// What the last build wrote into one output folder.
pub(crate) struct Written {
    out: PathBuf,
    files: HashMap<String, Entry>,
}

struct Entry {
    key: Key,
    stamp: Stamp,
    /// For a file changed too shortly before its stamp was taken (see
    /// [`TICK`]): the SHA-256 its bytes must have, as the stamp alone
    /// cannot vouch for them.
    racy: Option<[u8; 32]>,
}

/// A file's state as its metadata tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    ino: u64,
    size: u64,
    /// Seconds and nanoseconds.
    modified: (i64, i64),
    changed: (i64, i64),
}

/// Change times are kept in clock ticks, which may be this coarse: a file
/// changed this shortly before its stamp was taken could change again
/// within the same tick unseen, so its bytes are checked too.
pub(super) const TICK: Duration = Duration::from_millis(20);

impl Stamp {
    #[cfg(unix)]
    fn of(path: &Path) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::symlink_metadata(path).ok().filter(std::fs::Metadata::is_file)?;
        Some(Stamp {
            ino: m.ino(),
            size: m.size(),
            modified: (m.mtime(), m.mtime_nsec()),
            changed: (m.ctime(), m.ctime_nsec()),
        })
    }

    /// Without inodes and change times, no stamp is safe: every file is rendered.
    #[cfg(not(unix))]
    fn of(_: &Path) -> Option<Stamp> {
        None
    }

    /// Whether the file changed long enough before `now` for the stamp to hold.
    fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(SystemTime::UNIX_EPOCH) else { return false };
        let Some(limit) = now.checked_sub(TICK) else { return false };
        let (secs, nanos) = self.changed;
        u64::try_from(secs).is_ok_and(|s| Duration::new(s, nanos.clamp(0, 999_999_999) as u32) < limit)
    }
}

/// When a file (or folder) last changed, content or metadata: its change
/// time, which no program can set. `None` where the system has none.
#[cfg(unix)]
pub(super) fn changed(meta: &std::fs::Metadata) -> Option<SystemTime> {
    use std::os::unix::fs::MetadataExt;
    let secs = u64::try_from(meta.ctime()).ok()?;
    let nanos = u32::try_from(meta.ctime_nsec()).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::new(secs, nanos))
}

#[cfg(not(unix))]
pub(super) fn changed(_: &std::fs::Metadata) -> Option<SystemTime> {
    None
}

#[cfg(unix)]
pub(super) fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
pub(super) fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

/// Where the record of output folder `out` is kept.
fn record_path(root: &Path, out: &Path) -> PathBuf {
    let id = Sha256::digest(out.to_string_lossy().as_bytes());
    root.join(DIR).join(format!("output-{}", &hex(&id)[..16]))
}

impl Written {
    /// The record of `out`, if it describes the folder as it is: the build
    /// that wrote it left `fingerprint` in both.
    pub(crate) fn read(root: &Path, out: &Path) -> Option<Written> {
        let live = crate::write::fingerprint(out)?;
        let text = std::fs::read_to_string(record_path(root, out)).ok()?;
        let mut lines = text.lines();
        if lines.next()? != live {
            return None;
        }
        let mut files = HashMap::new();
        for line in lines {
            let mut parts = line.splitn(9, ' ');
            let mut number = || parts.next()?.parse::<i64>().ok();
            let (ino, size) = (number()?, number()?);
            let modified = (number()?, number()?);
            let changed = (number()?, number()?);
            let key = unhex(parts.next()?)?;
            let racy = match parts.next()? {
                "-" => None,
                sum => Some(unhex(sum)?),
            };
            let stamp = Stamp { ino: ino as u64, size: size as u64, modified, changed };
            files.insert(parts.next()?.to_string(), Entry { key, stamp, racy });
        }
        Some(Written { out: out.to_path_buf(), files })
    }

    /// Records what a build wrote into `out`: each file's key and stamp.
    /// Written aside and renamed, so a killed build leaves the old record or
    /// the new, and either is checked against the folder before use.
    pub(crate) fn save(
        root: &Path,
        out: &Path,
        fingerprint: &str,
        keys: &BTreeMap<String, Key>,
    ) -> std::io::Result<()> {
        let now = SystemTime::now();
        let mut text = format!("{fingerprint}\n");
        for (path, key) in keys {
            let file = out.join(path);
            let Some(s) = Stamp::of(&file) else { continue };
            let racy = if s.settled(now) {
                "-".to_string()
            } else {
                match std::fs::read(&file) {
                    Ok(bytes) => hex(&Sha256::digest(&bytes)),
                    Err(_) => continue,
                }
            };
            let (modified, changed) = (s.modified, s.changed);
            let _ = writeln!(
                text,
                "{} {} {} {} {} {} {} {racy} {path}",
                s.ino,
                s.size,
                modified.0,
                modified.1,
                changed.0,
                changed.1,
                hex(key)
            );
        }
        let file = record_path(root, out);
        let dir = root.join(DIR);
        std::fs::create_dir_all(&dir)?;
        let temp = tempfile::NamedTempFile::new_in(&dir)?;
        std::fs::write(temp.path(), text)?;
        temp.persist(&file).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Earlier for Written {
    fn reuse(&self, path: &str, key: &Key) -> Option<File> {
        let entry = self.files.get(path)?;
        let file = self.out.join(path);
        if entry.key != *key || Stamp::of(&file).as_ref() != Some(&entry.stamp) {
            return None;
        }
        match entry.racy {
            None => Some(File::Kept),
            Some(sum) => {
                let bytes = std::fs::read(&file).ok()?;
                (Sha256::digest(&bytes).as_slice() == sum).then_some(File::Kept)
            }
        }
    }
}
