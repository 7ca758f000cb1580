//! The files a load reads, and what they were parsed to, kept so that the
//! next load reads and parses only what changed:
//!
//! - in memory, in a long-running process (`serve`), until its watcher says
//!   a path changed;
//! - on disk between commands (`.privsite/cache/load`), where a file is
//!   taken as known only while its [`Stamp`] is what it was.
//!
//! Parses are kept under the SHA-256 of what they were parsed from, so what
//! is taken from here is what parsing the file again would give. A snapshot
//! written by another privsite binary, or that does not decode, is ignored.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::load::stamp::Stamp;
use crate::load::versions::Record;
use crate::site::Text;

/// The snapshot of the last load, in the site's cache folder (ignored by git).
const SNAPSHOT: &str = "load";

/// A file of the site as a load meets it.
pub(crate) struct RawFile {
    /// Path relative to the site root, with `/` separators.
    pub(crate) path: String,
    pub(crate) name: String,
    pub(crate) sha256: [u8; 32],
    /// `None` for a file known by its stamp: [`Files::bytes`] reads it if need be.
    bytes: Option<Vec<u8>>,
}

impl RawFile {
    /// A file of `bytes` at `path` that is not on disk.
    #[cfg(test)]
    pub(crate) fn in_memory(path: &str, bytes: &[u8]) -> RawFile {
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        RawFile { path: path.into(), name, sha256: Sha256::digest(bytes).into(), bytes: Some(bytes.to_vec()) }
    }
}

/// A text parsed from a file: its SHA-256, the prefix of its ids and whether it needs a title.
type TextKey = ([u8; 32], String, bool);
/// A file as this load met it: its stamp, where it has one, and its SHA-256.
type Seen = (Option<Stamp>, [u8; 32]);
/// A version's record: the SHA-256 of its `version.toml` and `SHA256SUMS`, and its number.
type RecordKey = ([u8; 32], Option<[u8; 32]>, u32);

#[derive(Default, Serialize, Deserialize)]
struct Parsed {
    texts: HashMap<TextKey, Text>,
    records: HashMap<RecordKey, Record>,
}

/// What is written to [`SNAPSHOT`].
#[derive(Serialize, Deserialize)]
struct Snapshot {
    /// The binary that wrote it: a parse by another may differ.
    made_by: String,
    files: Vec<(String, Stamp, [u8; 32])>,
    parsed: Parsed,
}

#[derive(Default)]
pub(crate) struct Files {
    /// `serve`: path → SHA-256 of every file read, until forgotten.
    kept: Option<Mutex<HashMap<String, [u8; 32]>>>,
    /// The last snapshot's files: path → stamp then and SHA-256.
    stamped: HashMap<String, (Stamp, [u8; 32])>,
    /// This load's files, with their stamps where they have one: the next snapshot.
    seen: Mutex<HashMap<String, Seen>>,
    parsed: Mutex<Parsed>,
    /// Whether a file was read or parsed that the snapshot does not hold.
    news: AtomicBool,
    /// A long-running process writes one snapshot, of its first load: its
    /// saves are each a few files, which the next command reads again.
    saved: AtomicBool,
    /// When the stamps of this load began to be taken: a stamp changed less
    /// than a tick before cannot vouch for its file.
    started: Option<SystemTime>,
}

impl Files {
    /// Takes what the last snapshot of the site at `root` holds; writes one with [`Files::save`].
    pub(crate) fn stored(root: &Path) -> Files {
        let mut files = Files { started: Some(SystemTime::now()), ..Files::default() };
        if let Some(snapshot) = read_snapshot(root) {
            files.stamped =
                snapshot.files.into_iter().map(|(path, stamp, sha)| (path, (stamp, sha))).collect();
            files.parsed = Mutex::new(snapshot.parsed);
        }
        files
    }

    /// Takes nothing from disk and writes a new snapshot (`--no-cache`).
    pub(crate) fn fresh() -> Files {
        Files { started: Some(SystemTime::now()), ..Files::default() }
    }

    /// [`Files::stored`], and remembers what it reads until told to forget it (`serve`).
    pub(crate) fn remembering(root: &Path) -> Files {
        Files { kept: Some(Mutex::default()), ..Files::stored(root) }
    }

    /// Forgets `rel` (relative to the site root, `/`-separated) and, for a folder, everything in it.
    pub(crate) fn forget(&self, rel: &str) {
        if let Some(Ok(mut kept)) = self.kept.as_ref().map(Mutex::lock) {
            let folder = format!("{rel}/");
            kept.retain(|path, _| path != rel && !path.starts_with(&folder));
        }
    }

    /// Forgets every file (what they were parsed to stays, under their contents).
    pub(crate) fn forget_all(&self) {
        if let Some(Ok(mut kept)) = self.kept.as_ref().map(Mutex::lock) {
            kept.clear();
        }
    }

    /// The file `rel`: known, if it is unchanged since it was last read, else read now.
    pub(crate) fn read(&self, root: &Path, rel: &str) -> Result<RawFile, Diagnostic> {
        let name = rel.rsplit('/').next().unwrap_or(rel).to_string();
        let known = |sha256| RawFile { path: rel.to_string(), name: name.clone(), sha256, bytes: None };
        if let Some(sha) = self.kept.as_ref().and_then(|k| k.lock().ok()?.get(rel).copied()) {
            return Ok(known(sha));
        }
        if let Some(&(stamp, sha)) = self.stamped.get(rel)
            && Stamp::of(&root.join(rel)) == Some(stamp)
        {
            self.remember(rel, Some(stamp), sha);
            return Ok(known(sha));
        }
        let (bytes, stamp) = crate::load::walk::read_stamped(root, rel)?;
        let sha256 = Sha256::digest(&bytes).into();
        self.news.store(true, Ordering::Relaxed);
        self.remember(rel, stamp, sha256);
        Ok(RawFile { path: rel.to_string(), name, sha256, bytes: Some(bytes) })
    }

    fn remember(&self, rel: &str, stamp: Option<Stamp>, sha: [u8; 32]) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(rel.to_string(), (stamp, sha));
        }
        if let Some(Ok(mut kept)) = self.kept.as_ref().map(Mutex::lock) {
            kept.insert(rel.to_string(), sha);
        }
    }

    /// The bytes of `file`, read now if it was known by its stamp.
    pub(crate) fn bytes<'a>(&self, root: &Path, file: &'a RawFile) -> Result<Cow<'a, [u8]>, Diagnostic> {
        if let Some(bytes) = &file.bytes {
            return Ok(Cow::Borrowed(bytes));
        }
        let bytes = crate::load::walk::read(root, &file.path)?;
        if Sha256::digest(&bytes).as_slice() != file.sha256 {
            return Err(Diagnostic::error("the file changed while privsite was reading it")
                .in_file(&file.path)
                .help("run the command again"));
        }
        Ok(Cow::Owned(bytes))
    }

    /// The text `file` parses to (with ids prefixed by `prefix`), parsed by
    /// `parse` from its bytes unless it was parsed before.
    pub(crate) fn text(
        &self,
        root: &Path,
        file: &RawFile,
        prefix: &str,
        title_required: bool,
        parse: impl FnOnce(&[u8]) -> Result<Text, Diagnostic>,
    ) -> Result<Text, Diagnostic> {
        let key = (file.sha256, prefix.to_string(), title_required);
        if let Some(text) = self.parsed.lock().ok().and_then(|p| p.texts.get(&key).cloned()) {
            return Ok(Text { file: file.path.clone(), ..text });
        }
        let text = parse(&self.bytes(root, file)?)?;
        self.news.store(true, Ordering::Relaxed);
        if let Ok(mut parsed) = self.parsed.lock() {
            parsed.texts.insert(key, text.clone());
        }
        Ok(text)
    }

    /// The record of version `number` from its `version.toml` and
    /// `SHA256SUMS` (if it has one), made by `parse` unless made before.
    pub(crate) fn record<E>(
        &self,
        meta: &RawFile,
        sums: Option<&RawFile>,
        number: u32,
        parse: impl FnOnce() -> Result<Record, E>,
    ) -> Result<Record, E> {
        let key = (meta.sha256, sums.map(|s| s.sha256), number);
        if let Some(record) = self.parsed.lock().ok().and_then(|p| p.records.get(&key).cloned()) {
            return Ok(record);
        }
        let record = parse()?;
        self.news.store(true, Ordering::Relaxed);
        if let Ok(mut parsed) = self.parsed.lock() {
            parsed.records.insert(key, record.clone());
        }
        Ok(record)
    }

    /// Writes the snapshot of this load for the next, if it holds anything
    /// the last one did not: the files met, with their stamps where these
    /// can vouch for them, and what they parsed to. Only a shortcut: a
    /// failure costs the next load time.
    pub(crate) fn save(&self, root: &Path) {
        let Some(started) = self.started else { return };
        if self.kept.is_some() && self.saved.swap(true, Ordering::Relaxed) {
            return;
        }
        let (Ok(seen), Ok(mut parsed)) = (self.seen.lock(), self.parsed.lock()) else { return };
        let same_files =
            seen.len() == self.stamped.len() && seen.keys().all(|p| self.stamped.contains_key(p));
        if !self.news.swap(false, Ordering::Relaxed) && same_files {
            return;
        }
        let files: Vec<(String, Stamp, [u8; 32])> = seen
            .iter()
            .filter_map(|(path, (stamp, sha))| Some((path.clone(), (*stamp)?, *sha)))
            .filter(|(_, stamp, _)| stamp.settled(started))
            .collect();
        // What the files on disk no longer hold is of no more use.
        let held: std::collections::HashSet<[u8; 32]> = seen.values().map(|(_, sha)| *sha).collect();
        parsed.texts.retain(|key, _| held.contains(&key.0));
        parsed.records.retain(|key, _| held.contains(&key.0));
        let Some(made_by) = made_by() else { return };
        let snapshot = Snapshot { made_by, files, parsed: std::mem::take(&mut *parsed) };
        let bytes = postcard::to_stdvec(&snapshot);
        *parsed = snapshot.parsed;
        let Ok(payload) = bytes else { return };
        let mut bytes = Sha256::digest(&payload).to_vec();
        bytes.extend(payload);
        let path = root.join(crate::load::CACHE_DIR).join(SNAPSHOT);
        let Some(dir) = path.parent() else { return };
        let saved = std::fs::create_dir_all(dir).and_then(|()| {
            let temp = tempfile::NamedTempFile::new_in(dir)?;
            std::fs::write(temp.path(), bytes)?;
            temp.persist(&path).map(drop).map_err(|e| e.error)
        });
        drop(saved);
    }
}

/// What identifies the running binary: its version and its file's stamp.
fn made_by() -> Option<String> {
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    Some(format!("privsite {} {:?}", env!("CARGO_PKG_VERSION"), Stamp::from_meta(&exe)?))
}

/// The snapshot, if it is whole (its SHA-256 leads it) and this binary's.
fn read_snapshot(root: &Path) -> Option<Snapshot> {
    let bytes = std::fs::read(root.join(crate::load::CACHE_DIR).join(SNAPSHOT)).ok()?;
    let (sum, payload) = bytes.split_at_checked(32)?;
    if Sha256::digest(payload).as_slice() != sum {
        return None;
    }
    let snapshot: Snapshot = postcard::from_bytes(payload).ok()?;
    (Some(&snapshot.made_by) == made_by().as_ref()).then_some(snapshot)
}
