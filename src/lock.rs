//! One writer per site at a time: `build`, `release`, `mark-translated` and
//! `publish` hold an exclusive lock on `.privsite.lock` at the site root while
//! they run, so two of them never interleave their writes. The lock belongs
//! to the process: a killed command never leaves it held.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::Path;

use crate::diag::{Diagnostic, io_error};

pub(crate) const FILE: &str = ".privsite.lock";

/// Held for as long as it lives.
#[derive(Debug)]
pub(crate) struct SiteLock {
    _file: Option<File>,
}

/// Takes the site's lock, or says which command to wait for.
pub(crate) fn acquire(root: &Path) -> Result<SiteLock, Diagnostic> {
    let path = root.join(FILE);
    if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Diagnostic::error("the lock file is a symbolic link")
            .in_file(FILE)
            .help(format!("remove {FILE}; privsite creates it itself")));
    }
    let file = match OpenOptions::new().create(true).truncate(false).write(true).open(&path) {
        Ok(file) => file,
        // A site nobody can write needs no lock: building it elsewhere (`--out`) still works.
        Err(e) if matches!(e.kind(), ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied) => {
            return Ok(SiteLock { _file: None });
        }
        Err(e) => return Err(io_error("open the lock", Path::new(FILE), &e)),
    };
    match file.try_lock() {
        Ok(()) => Ok(SiteLock { _file: Some(file) }),
        Err(TryLockError::WouldBlock) => Err(Diagnostic::error(format!(
            "another privsite command (build, release, mark-translated or publish) is writing this site: it holds {FILE}"
        ))
        .in_file(FILE)
        .help("wait for it to finish, then run this again (the lock is released when that process ends)")),
        Err(TryLockError::Error(e)) => Err(io_error("lock", Path::new(FILE), &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_and_the_lock_names_its_file() {
        let tmp = tempfile::tempdir().expect("tmp");
        let first = acquire(tmp.path()).expect("free");
        let err = acquire(tmp.path()).expect_err("held");
        assert!(err.message.contains(FILE), "{}", err.message);
        drop(first);
        acquire(tmp.path()).expect("free again");
    }
}
