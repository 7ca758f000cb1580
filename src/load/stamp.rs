//! A file's stamp: its inode, size, and modification and change times, as
//! its metadata tells them. Any write to a file, or to its metadata, moves
//! its change time, which no program can set; so a file whose stamp is
//! unchanged is unchanged, without a byte of it being read. The caches
//! (inputs, output, loaded documents) rest on this.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// Stamps by path relative to the site root (`/`-separated), as a walk of
/// the input folders found them ([`crate::pipeline::Inputs`]). Thousands of
/// paths hashed on every build: with Fx, not SipHash, whose resistance to
/// chosen keys buys nothing against the site's own file names.
pub(crate) type Stamps = rustc_hash::FxHashMap<String, Stamp>;

/// A file's state as its metadata tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct Stamp {
    pub(crate) ino: u64,
    pub(crate) size: u64,
    /// Seconds and nanoseconds.
    pub(crate) modified: (i64, i64),
    pub(crate) changed: (i64, i64),
}

/// Change times are kept in clock ticks, which may be this coarse: a file
/// changed this shortly before its stamp was taken could change again
/// within the same tick unseen, so its stamp alone cannot vouch for it.
pub(crate) const TICK: Duration = Duration::from_millis(20);

impl Stamp {
    /// The stamp of the file (not a folder) at `path`, a link itself not followed.
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        Stamp::of_meta(&std::fs::symlink_metadata(path).ok().filter(std::fs::Metadata::is_file)?)
    }

    #[cfg(unix)]
    pub(crate) fn of_meta(m: &std::fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            ino: m.ino(),
            size: m.size(),
            modified: (m.mtime(), m.mtime_nsec()),
            changed: (m.ctime(), m.ctime_nsec()),
        })
    }

    /// Without inodes and change times, no stamp is safe: nothing is taken on trust.
    #[cfg(not(unix))]
    pub(crate) fn of_meta(_: &std::fs::Metadata) -> Option<Stamp> {
        None
    }

    /// The stamp as bytes, for a digest of many.
    pub(crate) fn to_bytes(self) -> [u8; 48] {
        let mut out = [0; 48];
        let words = [
            self.ino as i64,
            self.size as i64,
            self.modified.0,
            self.modified.1,
            self.changed.0,
            self.changed.1,
        ];
        for (chunk, word) in out.chunks_exact_mut(8).zip(words) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        out
    }

    /// Whether the file changed long enough before `now` for the stamp to hold.
    pub(crate) fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(SystemTime::UNIX_EPOCH) else { return false };
        let Some(limit) = now.checked_sub(TICK) else { return false };
        let (secs, nanos) = self.changed;
        u64::try_from(secs).is_ok_and(|s| Duration::new(s, nanos.clamp(0, 999_999_999) as u32) < limit)
    }
}

/// The running executable's size and modification time: cheap, and
/// different for every build of privsite (which may load or render
/// differently). Looked up once: every cache file is sealed to it, and a
/// binary rebuilt while `serve` runs is not the code that runs.
pub(crate) fn executable() -> Option<(u64, SystemTime)> {
    static EXECUTABLE: std::sync::OnceLock<Option<(u64, SystemTime)>> = std::sync::OnceLock::new();
    *EXECUTABLE.get_or_init(|| {
        let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        Some((meta.len(), meta.modified().ok()?))
    })
}

/// A folder whose files are stamped by name. On Linux the folder is looked
/// up once and each file from it, rather than each by its whole path: a
/// stored version's files are many, and this is most of what a command
/// pays to know that its snapshots still hold.
pub(crate) struct Folder {
    path: std::path::PathBuf,
    #[cfg(target_os = "linux")]
    fd: Option<rustix::fd::OwnedFd>,
}

impl Folder {
    pub(crate) fn open(path: std::path::PathBuf) -> Folder {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{Mode, OFlags, open};
            let fd = open(&path, OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty()).ok();
            Folder { path, fd }
        }
        #[cfg(not(target_os = "linux"))]
        Folder { path }
    }

    /// The stamp of the file `name` in the folder (`.`: the folder itself), a link followed.
    pub(crate) fn stamp(&self, name: &str) -> std::io::Result<Option<Stamp>> {
        #[cfg(target_os = "linux")]
        if let Some(fd) = &self.fd {
            use rustix::fs::{AtFlags, StatxFlags, statx};
            return Ok(Some(of_statx(&statx(fd, name, AtFlags::empty(), StatxFlags::BASIC_STATS)?)));
        }
        Ok(Stamp::of_meta(&std::fs::metadata(self.path.join(name))?))
    }

    /// As [`Stamp::of`], the file at `rel` below the folder (`/`-separated):
    /// an output's thousands of files, each looked up from the folder
    /// rather than from the root of the file system.
    pub(crate) fn file(&self, rel: &str) -> Option<Stamp> {
        #[cfg(target_os = "linux")]
        if let Some(fd) = &self.fd {
            use rustix::fs::{AtFlags, FileType, StatxFlags, statx};
            let s = statx(fd, rel, AtFlags::SYMLINK_NOFOLLOW, StatxFlags::BASIC_STATS).ok()?;
            let regular = FileType::from_raw_mode(s.stx_mode.into()) == FileType::RegularFile;
            return regular.then(|| of_statx(&s));
        }
        Stamp::of(&self.path.join(rel))
    }
}

#[cfg(target_os = "linux")]
pub(crate) fn of_statx(s: &rustix::fs::Statx) -> Stamp {
    Stamp {
        ino: s.stx_ino,
        size: s.stx_size,
        modified: (s.stx_mtime.tv_sec, s.stx_mtime.tv_nsec.into()),
        changed: (s.stx_ctime.tv_sec, s.stx_ctime.tv_nsec.into()),
    }
}
