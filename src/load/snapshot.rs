//! Each document as loaded, kept on disk between commands
//! (`.privsite/cache/load/<doc>`) under a digest of what it was loaded
//! from: privsite itself, the configuration, its folders and the stamp
//! ([`Stamp`]) of every file in them. A command whose document's files all
//! keep their stamps takes the document from here instead of reading,
//! verifying and parsing its history again; a file edited by hand (a
//! stored version's too) moves its stamp, and the document is loaded, and
//! checked, afresh. A snapshot that does not match its digest or its own
//! checksum is ignored and replaced: never trusted, only ever a shortcut
//! to the same document.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::stamp::{self, Stamp, Stamps};
use super::{Folder, Loaded, versions};
use crate::site::{Document, Text};

/// The layout of a snapshot; a new one makes old snapshots foreign.
const FORMAT: &[u8] = b"privsite load snapshot 2\n";

/// The folder of the snapshots, in the cache: one file per document.
pub(crate) const FOLDER: &str = "load";

fn path(root: &Path, slug: &str) -> Option<PathBuf> {
    Some(super::cache_dir(root, FOLDER)?.join(slug))
}

/// What document `slug` is loaded from, as one digest; `None` when a file
/// changed too recently for its stamp to vouch for it, or has none. A
/// file's stamp is taken from `known` where it is there, else looked for.
pub(super) fn key(
    root: &Path,
    slug: &str,
    config: &[u8; 32],
    folders: &[Folder],
    known: Option<&Stamps>,
) -> Option<[u8; 32]> {
    let now = SystemTime::now();
    let mut h = Sha256::new();
    h.update(FORMAT);
    h.update(env!("CARGO_PKG_VERSION"));
    h.update(format!("{:?}", super::stamp::executable()?));
    h.update(config);
    // Each name with its length, then its stamp or that there is no such file.
    let mut stamp = |name: &str, found: std::io::Result<Option<Stamp>>| -> Option<()> {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name);
        match found {
            Ok(s) => h.update(s.filter(|s| s.settled(now))?.to_bytes()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => h.update(b"none"),
            Err(_) => return None,
        }
        Some(())
    };
    // A folder's files: as known, else each looked for from the folder, opened once.
    let lookup = |rel: &str| {
        let dir = std::cell::OnceCell::new();
        let rel = rel.to_string();
        move |name: &str| -> std::io::Result<Option<Stamp>> {
            let path = if name == "." { rel.clone() } else { format!("{rel}/{name}") };
            match known.and_then(|k| k.get(&path)) {
                Some(found) => Ok(Some(*found)),
                None => dir.get_or_init(|| stamp::Folder::open(root.join(&rel))).stamp(name),
            }
        }
    };
    let in_doc = lookup(&format!("{}/{slug}", versions::DIR));
    stamp(versions::WITHDRAWN, in_doc(versions::WITHDRAWN))?;
    for folder in folders {
        let of = lookup(&folder.rel);
        stamp(&folder.rel, of("."))?;
        for name in &folder.files {
            stamp(name, of(name))?;
        }
        if folder.version.is_some() {
            stamp(versions::META, of(versions::META))?;
            if folder.sums {
                stamp(versions::SUMS, of(versions::SUMS))?;
            }
        }
    }
    Some(h.finalize().into())
}

/// The document kept under `key`, if there is one and it is intact.
pub(super) fn get(root: &Path, slug: &str, key: &[u8; 32]) -> Option<Loaded> {
    let (texts, doc): (Vec<Text>, Document) = super::sealed::read(&path(root, slug)?, FORMAT, key)?;
    Some(Loaded { texts, doc, problems: Vec::new() })
}

/// Keeps a document loaded without a problem under `key`.
pub(super) fn put(root: &Path, slug: &str, key: &[u8; 32], loaded: &Loaded) {
    if let (true, Some(file)) = (loaded.problems.is_empty(), path(root, slug)) {
        super::sealed::write(&file, FORMAT, key, &(&loaded.texts, &loaded.doc));
    }
}
