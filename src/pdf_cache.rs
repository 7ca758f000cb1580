//! The PDF part of the build cache, `.privsite/cache/pdf/` in the site: one
//! file per key, headed by the SHA-256 of its key and bytes, so a damaged or
//! foreign entry is noticed and typeset again, never trusted. Entries are
//! written to a temporary file and renamed into place, so a killed build
//! leaves no half-written one.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::render::pdf::Store;

pub(crate) struct PdfCache {
    /// `None` when a link is on the way ([`crate::load::cache_dir`]): no cache.
    dir: Option<PathBuf>,
    /// `false` (`--no-cache`): every PDF is typeset, and the cache refreshed.
    read: bool,
    /// PDFs found intact in the cache, and PDFs typeset, in this run.
    hits: AtomicUsize,
    typeset: AtomicUsize,
}

impl PdfCache {
    pub(crate) fn new(site_root: &Path) -> PdfCache {
        PdfCache {
            dir: crate::load::cache_dir(site_root, "pdf"),
            read: true,
            hits: AtomicUsize::new(0),
            typeset: AtomicUsize::new(0),
        }
    }

    /// A cache that is written but never read: `--no-cache` typesets every PDF.
    pub(crate) fn refreshing(site_root: &Path) -> PdfCache {
        PdfCache { read: false, ..PdfCache::new(site_root) }
    }

    /// (taken from the cache, typeset) so far.
    pub(crate) fn counts(&self) -> (usize, usize) {
        (self.hits.load(Ordering::Relaxed), self.typeset.load(Ordering::Relaxed))
    }

    fn file(&self, key: &[u8; 32]) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{}.pdf", crate::load::texts::hex(key))))
    }

    fn inputs_file(&self, inputs: &[u8; 32]) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{}.inputs", crate::load::texts::hex(inputs))))
    }
}

/// What heads an entry: binds its bytes to its key.
fn seal(key: &[u8; 32], pdf: &[u8]) -> [u8; 32] {
    Sha256::new().chain_update(key).chain_update(pdf).finalize().into()
}

impl Store for PdfCache {
    fn get(&self, key: &[u8; 32]) -> Option<Vec<u8>> {
        if !self.read {
            return None;
        }
        let mut bytes = fs::read(self.file(key)?).ok()?;
        if bytes.len() < 32 || bytes[..32] != seal(key, &bytes[32..]) {
            return None;
        }
        bytes.drain(..32);
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(bytes)
    }

    fn put(&self, key: &[u8; 32], pdf: &[u8]) {
        self.typeset.fetch_add(1, Ordering::Relaxed);
        let write = |dir: &PathBuf, path: PathBuf| -> std::io::Result<()> {
            fs::create_dir_all(dir)?;
            let mut file = tempfile::NamedTempFile::new_in(dir)?;
            file.write_all(&seal(key, pdf))?;
            file.write_all(pdf)?;
            file.persist(path).map_err(|e| e.error)?;
            Ok(())
        };
        // A cache that cannot be written only costs time on the next build.
        if let (Some(dir), Some(path)) = (&self.dir, self.file(key)) {
            let _ = write(dir, path);
        }
    }

    fn made_from(&self, inputs: &[u8; 32]) -> Option<[u8; 32]> {
        if !self.read {
            return None;
        }
        crate::load::texts::unhex(fs::read_to_string(self.inputs_file(inputs)?).ok()?.trim())
    }

    fn remember(&self, inputs: &[u8; 32], key: &[u8; 32]) {
        let write = |dir: &PathBuf, path: PathBuf| -> std::io::Result<()> {
            fs::create_dir_all(dir)?;
            let file = tempfile::NamedTempFile::new_in(dir)?;
            fs::write(file.path(), crate::load::texts::hex(key))?;
            file.persist(path).map_err(|e| e.error)?;
            Ok(())
        };
        // Only a shortcut: without it the next build generates the source again.
        if let (Some(dir), Some(path)) = (&self.dir, self.inputs_file(inputs)) {
            let _ = write(dir, path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_lead_to_the_key_they_made_and_no_cache_forgets_them() {
        let site = tempfile::tempdir().expect("temp dir");
        let cache = PdfCache::new(site.path());
        let (inputs, key) = ([3u8; 32], [4u8; 32]);
        assert_eq!(cache.made_from(&inputs), None);
        cache.remember(&inputs, &key);
        assert_eq!(cache.made_from(&inputs), Some(key));
        assert_eq!(PdfCache::refreshing(site.path()).made_from(&inputs), None);
        fs::write(cache.inputs_file(&inputs).expect("a cache"), "not a key").expect("write");
        assert_eq!(cache.made_from(&inputs), None);
    }

    #[test]
    fn damaged_or_foreign_entries_are_not_trusted() {
        let site = tempfile::tempdir().expect("temp dir");
        let cache = PdfCache::new(site.path());
        let (a, b) = ([1u8; 32], [2u8; 32]);
        assert_eq!(cache.get(&a), None);
        cache.put(&a, b"%PDF-a");
        assert_eq!(cache.get(&a).as_deref(), Some(&b"%PDF-a"[..]));
        // An entry copied under another key is foreign.
        fs::copy(cache.file(&a).expect("a cache"), cache.file(&b).expect("a cache")).expect("copy");
        assert_eq!(cache.get(&b), None);
        // A flipped byte is damage.
        let mut bytes = fs::read(cache.file(&a).expect("a cache")).expect("read");
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(cache.file(&a).expect("a cache"), &bytes).expect("write");
        assert_eq!(cache.get(&a), None);
        cache.put(&a, b"%PDF-a");
        assert_eq!(cache.get(&a).as_deref(), Some(&b"%PDF-a"[..]));
    }
}
