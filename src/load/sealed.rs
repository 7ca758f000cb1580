//! A cache file sealed to what it was made from: the layout's name, the
//! key, a checksum of the payload, then the payload (postcard, or bytes
//! of the caller's own layout). It is read
//! back only whole, of the same layout and key, and intact; anything else is
//! as if there were no file. The checksum (CRC-64, at memory speed) is
//! against damage, not forgery: whoever can write the cache can write the
//! site, and the stored versions are checked on their own. Written aside and renamed, so a killed command
//! leaves the old file or the new. Only ever a shortcut: a failure to read
//! or write one costs the next command time, never a byte of its output.

use std::io::Write as _;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The value sealed in `file` under `format` and `key`, if it is there and intact.
pub(crate) fn read<T: DeserializeOwned>(file: &Path, format: &[u8], key: &[u8; 32]) -> Option<T> {
    postcard::from_bytes(read_bytes(file, format, key)?.payload()).ok()
}

/// A sealed file as read: its bytes, and where its payload starts.
#[derive(Default)]
pub(crate) struct Sealed {
    pub(crate) bytes: Vec<u8>,
    pub(crate) at: usize,
}

impl Sealed {
    pub(crate) fn payload(&self) -> &[u8] {
        &self.bytes[self.at..]
    }
}

/// The bytes sealed in `file` under `format` and `key`, if they are there and intact.
pub(crate) fn read_bytes(file: &Path, format: &[u8], key: &[u8; 32]) -> Option<Sealed> {
    let bytes = std::fs::read(file).ok()?;
    let rest = bytes.strip_prefix(format)?.strip_prefix(key.as_slice())?;
    let (sum, payload) = rest.split_at_checked(8)?;
    if checksum(payload) != sum {
        return None;
    }
    let at = bytes.len() - payload.len();
    Some(Sealed { bytes, at })
}

/// Seals `value` into `file` under `format` and `key`.
pub(crate) fn write<T: Serialize + ?Sized>(file: &Path, format: &[u8], key: &[u8; 32], value: &T) {
    if let Ok(payload) = postcard::to_allocvec(value) {
        write_bytes(file, format, key, &payload);
    }
}

/// Seals `payload` into `file` under `format` and `key`.
pub(crate) fn write_bytes(file: &Path, format: &[u8], key: &[u8; 32], payload: &[u8]) {
    let mut head = Vec::with_capacity(format.len() + 40);
    head.extend_from_slice(format);
    head.extend_from_slice(key);
    head.extend_from_slice(&checksum(payload));
    let Some(dir) = file.parent() else { return };
    // The payload (megabytes on a large site) is written as it is, not
    // copied behind the head first.
    let saved = std::fs::create_dir_all(dir).and_then(|()| {
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        temp.write_all(&head)?;
        temp.write_all(payload)?;
        temp.persist(file).map(drop).map_err(|e| e.error)
    });
    drop(saved);
}

/// What a cache file made by this privsite is sealed to, with `more` that
/// decides its contents: this build of privsite (whose parser and
/// renderer made it). `None` where privsite cannot tell which build it is.
pub(crate) fn this_build(more: &[u8]) -> Option<[u8; 32]> {
    use sha2::{Digest, Sha256};
    let exe = super::stamp::executable()?;
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION"));
    h.update(format!("{exe:?}"));
    h.update(more);
    Some(h.finalize().into())
}

/// CRC-64 of `bytes`: at memory speed, against damage, not forgery.
pub(crate) fn checksum(bytes: &[u8]) -> [u8; 8] {
    crc_fast::checksum(crc_fast::CrcAlgorithm::Crc64Nvme, bytes).to_le_bytes()
}

/// Removes from `folder` of the cache every file not named in `keep`: the
/// files of documents the site no longer has, and any that a killed command
/// left half-written. Nothing is removed behind a link ([`super::cache_dir`]).
pub(crate) fn tidy(root: &Path, folder: &str, keep: &std::collections::HashSet<&str>) {
    let Some(dir) = super::cache_dir(root, folder) else { return };
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let stale = name.to_str().is_none_or(|n| !keep.contains(n));
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
