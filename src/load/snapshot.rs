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
use std::sync::Arc;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::files::{RecordKey, TextKey};
use super::stamp::{self, Stamp, Stamps};
use super::versions::Record;
use super::{Folder, Loaded, versions};
use crate::site::{Body, Document, Text};

/// The layout of a snapshot; a new one makes old snapshots foreign.
const FORMAT: &[u8] = b"privsite load snapshot 3\n";

/// The folder of the snapshots, in the cache: one file per document.
pub(crate) const FOLDER: &str = "load";

fn path(root: &Path, slug: &str) -> Option<PathBuf> {
    Some(super::cache_dir(root, FOLDER)?.join(slug))
}

/// What a document's files were found to be as a command began.
pub(super) struct Seen {
    /// What document `slug` is loaded from, as one digest; `None` when a
    /// file changed too recently for its stamp to vouch for it, or has none.
    pub(super) key: Option<[u8; 32]>,
    /// Each file found, by path, with its stamp.
    pub(super) stamps: Stamps,
    /// When the stamps were taken.
    pub(super) at: SystemTime,
}

/// The stamps of document `slug`'s files, and the key they give. A file's
/// stamp is taken from `known` (stamps, and when they were taken) where it
/// is there, else looked for; each is judged as of the earlier time.
pub(super) fn key(
    root: &Path,
    slug: &str,
    config: &[u8; 32],
    folders: &[Folder],
    known: Option<(&Stamps, SystemTime)>,
) -> Seen {
    let at = known.map_or_else(SystemTime::now, |(_, at)| at);
    let mut h = Sha256::new();
    h.update(FORMAT);
    h.update(env!("CARGO_PKG_VERSION"));
    let exe = super::stamp::executable();
    h.update(format!("{exe:?}"));
    h.update(config);
    let mut stamps = Stamps::default();
    let mut vouched = exe.is_some();
    // Each name with its length, then its stamp or that there is no such file.
    let mut stamp = |name: &str, path: String, found: std::io::Result<Option<Stamp>>| {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name);
        match found {
            Ok(Some(s)) => {
                vouched &= s.settled(at);
                h.update(s.to_bytes());
                stamps.insert(path, s);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => h.update(b"none"),
            Ok(None) | Err(_) => vouched = false,
        }
    };
    // A folder's files: as known, else each looked for from the folder, opened once.
    let lookup = |rel: &str| {
        let dir = std::cell::OnceCell::new();
        let rel = rel.to_string();
        move |name: &str| -> (String, std::io::Result<Option<Stamp>>) {
            let path = if name == "." { rel.clone() } else { format!("{rel}/{name}") };
            let found = match known.and_then(|(k, _)| k.get(&path)) {
                Some(found) => Ok(Some(*found)),
                None => dir.get_or_init(|| stamp::Folder::open(root.join(&rel))).stamp(name),
            };
            (path, found)
        }
    };
    let in_doc = lookup(&format!("{}/{slug}", versions::DIR));
    let (path, found) = in_doc(versions::WITHDRAWN);
    stamp(versions::WITHDRAWN, path, found);
    for folder in folders {
        let of = lookup(&folder.rel);
        let (path, found) = of(".");
        stamp(&folder.rel, path, found);
        let metas = folder.version.map(|_| versions::META).into_iter();
        let sums = folder.version.filter(|_| folder.sums).map(|_| versions::SUMS).into_iter();
        for name in folder.files.iter().map(String::as_str).chain(metas).chain(sums) {
            let (path, found) = of(name);
            stamp(name, path, found);
        }
    }
    Seen { key: vouched.then(|| h.finalize().into()), stamps, at }
}

/// The document kept under `key`, if there is one and it is intact.
pub(super) fn get(root: &Path, slug: &str, key: &[u8; 32]) -> Option<Loaded> {
    let (mut texts, doc): (Vec<Text>, Document) = super::sealed::read(&path(root, slug)?, FORMAT, key)?;
    // Kept without their bodies (`Body`): read again if asked for.
    let reread = super::texts::reread(root);
    for text in &mut texts {
        text.body = Body::later(Arc::clone(&reread));
    }
    Some(Loaded { texts, keys: Vec::new(), doc, problems: Vec::new() })
}

/// Keeps a document loaded without a problem under `key`; whether it did.
pub(super) fn put(root: &Path, slug: &str, key: &[u8; 32], loaded: &Loaded) -> bool {
    let Some(file) = path(root, slug).filter(|_| loaded.problems.is_empty()) else { return false };
    super::sealed::write(&file, FORMAT, key, &(&loaded.texts, &loaded.doc));
    true
}

/// The folder of what each document's last load read ([`Reads`]), in the cache.
pub(crate) const READS: &str = "reads";

/// The layout of a [`Reads`] file.
const READS_FORMAT: &[u8] = b"privsite load reads 1\n";

/// What a document's last load read and made of it, kept beside its
/// snapshot. When the document changed since (an edit of its working copy,
/// a release), the next load takes from here each file whose stamp did not
/// move: a stored version's files are read, verified and parsed once, not
/// again on every edit of the working copy.
#[derive(Default, Serialize, Deserialize)]
pub(super) struct Reads {
    /// The key of the snapshot whose texts [`Reads::texts`] describes.
    pub(super) snapshot: [u8; 32],
    /// Every file read: its path, its stamp then, and its SHA-256.
    pub(super) files: Vec<(String, Stamp, [u8; 32])>,
    /// Per text of that snapshot, in order, what it was parsed from.
    pub(super) texts: Vec<TextKey>,
    /// The stored versions' records, under what each was made from.
    pub(super) records: Vec<(RecordKey, Record)>,
}

/// What the last load of document `slug` read, with the texts of the
/// snapshot it left; `None` if there is none, if another build of privsite
/// or another configuration made it, or if that snapshot was replaced since.
pub(super) fn reads(root: &Path, slug: &str, config: &[u8; 32]) -> Option<(Reads, Vec<Text>)> {
    let seal = super::sealed::this_build(config)?;
    let reads: Reads = super::sealed::read(&super::cache_dir(root, READS)?.join(slug), READS_FORMAT, &seal)?;
    let loaded = get(root, slug, &reads.snapshot)?;
    (loaded.texts.len() == reads.texts.len()).then_some((reads, loaded.texts))
}

/// Keeps what a load of document `slug` read, beside the snapshot it left.
pub(super) fn put_reads(root: &Path, slug: &str, config: &[u8; 32], reads: &Reads) {
    if let (Some(seal), Some(dir)) = (super::sealed::this_build(config), super::cache_dir(root, READS)) {
        super::sealed::write(&dir.join(slug), READS_FORMAT, &seal, reads);
    }
}
