//! The files a load reads, and what they were parsed to. A long-running
//! process (`serve`) keeps both from one load to the next and forgets a
//! file as its watcher reports it changed, so that a save costs the reading
//! and parsing of what was saved. Parses are kept under the SHA-256 of what
//! they were parsed from, so what is taken from here is what parsing the
//! file again would give.
//!
//! Between commands, whole documents are kept on disk instead
//! (`snapshot`): kept file by file, the parses cost more to decode on the
//! 30k benchmark site than to make again (0.23 s for `status` against
//! 0.20 s); kept per document in a binary form, `status` takes 0.11 s.
//! Beside each snapshot, what its load read (`snapshot::Reads`): a
//! document that changed since is loaded as `serve` loads it, taking from
//! there each file whose stamp did not move, so an edit or a release does
//! not read, verify and parse the document's whole history again.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::load::stamp::{Stamp, Stamps};
use crate::load::versions::Record;
use crate::load::walk::{self, Listing};
use crate::load::{CONTENT, Folder, Loaded, snapshot, versions};
use crate::site::Text;

/// A file of the site as a load meets it.
pub(crate) struct RawFile {
    /// Path relative to the site root, with `/` separators.
    pub(crate) path: String,
    pub(crate) name: String,
    pub(crate) sha256: [u8; 32],
    /// `None` for a file known from an earlier load: [`Files::bytes`] reads it if need be.
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
pub(crate) type TextKey = ([u8; 32], String, bool);
/// A version's record: the SHA-256 of its `version.toml` and `SHA256SUMS`,
/// its folder and number, and the names and SHA-256 of the files it holds.
pub(crate) type RecordKey = ([u8; 32], Option<[u8; 32]>, String, u32, [u8; 32]);

#[derive(Default)]
struct Parsed {
    texts: HashMap<TextKey, Text>,
    records: HashMap<RecordKey, Record>,
}

#[derive(Default)]
pub(crate) struct Files {
    /// `serve`: path → SHA-256 of every file read, until forgotten. A
    /// command's load of a changed document: those of its last load whose
    /// stamps did not move, and every file read since.
    kept: Option<Mutex<HashMap<String, [u8; 32]>>>,
    /// `serve`: the folders listed, until something in them is forgotten.
    listed: Option<Mutex<HashMap<String, Listing>>>,
    /// `serve`: what the files parsed to. (A single load parses each file
    /// once anyway: keeping copies would only cost it.) A command's load of
    /// a changed document: what its last load parsed (`Files::warm`).
    parsed: Option<Mutex<Parsed>>,
    /// `serve`: each document as loaded, until a path of it is forgotten.
    documents: Option<Mutex<HashMap<String, Document>>>,
    /// Commands: documents are kept on disk between them (`snapshot`).
    snapshots: bool,
    /// What a build found of its inputs' stamps before it loaded, and
    /// when, for the snapshots' keys: the same stamps, not looked for again.
    stamps: Option<(Arc<Stamps>, SystemTime)>,
    /// And the folders' entries it found, by path: not listed again.
    listings: Option<Arc<HashMap<String, Listing>>>,
}

/// What `memo` holds, taken out of it.
fn take<T: Default>(memo: &Option<Mutex<T>>) -> T {
    memo.as_ref().and_then(|m| m.lock().ok().map(|mut m| std::mem::take(&mut *m))).unwrap_or_default()
}

/// A document as loaded, with what it was loaded from: the configuration
/// (its digest) and its folders.
struct Document {
    config: [u8; 32],
    folders: Vec<Folder>,
    loaded: Arc<Loaded>,
}

impl Files {
    /// Remembers what it reads until told to forget it (`serve`).
    pub(crate) fn remembering() -> Files {
        Files {
            kept: Some(Mutex::default()),
            listed: Some(Mutex::default()),
            parsed: Some(Mutex::default()),
            documents: Some(Mutex::default()),
            ..Files::default()
        }
    }

    /// Takes each document from the snapshot an earlier command left of it,
    /// when none of its files changed since, and leaves one for the next.
    pub(crate) fn snapshots() -> Files {
        Files { snapshots: true, ..Files::default() }
    }

    /// [`Files::snapshots`], each file's stamp taken from `stamps` and each
    /// folder's entries from `listings` where they are there.
    pub(crate) fn snapshots_stamped(
        stamps: (Arc<Stamps>, SystemTime),
        listings: Arc<HashMap<String, Listing>>,
    ) -> Files {
        Files { snapshots: true, stamps: Some(stamps), listings: Some(listings), ..Files::default() }
    }

    /// Forgets `rel` (relative to the site root, `/`-separated) and, for a
    /// folder, everything in it; and the listings of the folders above it,
    /// in which it may have come or gone.
    pub(crate) fn forget(&self, rel: &str) {
        let folder = format!("{rel}/");
        if let Some(Ok(mut kept)) = self.kept.as_ref().map(Mutex::lock) {
            kept.retain(|path, _| path != rel && !path.starts_with(&folder));
        }
        if let Some(Ok(mut listed)) = self.listed.as_ref().map(Mutex::lock) {
            let above =
                |path: &str| folder.starts_with(path) && folder.as_bytes().get(path.len()) == Some(&b'/');
            listed.retain(|path, _| path != rel && !path.starts_with(&folder) && !above(path));
        }
        if let Some(Ok(mut documents)) = self.documents.as_ref().map(Mutex::lock) {
            // `content/<doc>/…` and `versions/<doc>/…` are the document's;
            // `content` or `versions` itself, every document's.
            let mut parts = rel.splitn(3, '/');
            match (parts.next(), parts.next()) {
                (Some(CONTENT | versions::DIR), Some(doc)) => drop(documents.remove(doc)),
                (Some(CONTENT | versions::DIR), None) => documents.clear(),
                _ => {}
            }
        }
    }

    /// Forgets every file and listing (what files were parsed to stays, under their contents).
    pub(crate) fn forget_all(&self) {
        if let Some(Ok(mut kept)) = self.kept.as_ref().map(Mutex::lock) {
            kept.clear();
        }
        if let Some(Ok(mut listed)) = self.listed.as_ref().map(Mutex::lock) {
            listed.clear();
        }
        if let Some(Ok(mut documents)) = self.documents.as_ref().map(Mutex::lock) {
            documents.clear();
        }
    }

    /// Document `slug` loaded by `load` from `folders` under the
    /// configuration whose digest is `config`, unless it was loaded from
    /// the very same: since its paths were last forgotten (`serve`), or
    /// with every file's stamp as it is now (a snapshot). `load` reads
    /// through the `Files` it is given.
    pub(super) fn document(
        &self,
        root: &Path,
        slug: &str,
        config: [u8; 32],
        folders: Vec<Folder>,
        load: impl FnOnce(&[Folder], &Files) -> Loaded,
    ) -> Arc<Loaded> {
        if self.snapshots {
            let seen =
                snapshot::key(root, slug, &config, &folders, self.stamps.as_ref().map(|(s, at)| (&**s, *at)));
            if let Some(loaded) = seen.key.as_ref().and_then(|k| snapshot::get(root, slug, k)) {
                return Arc::new(loaded);
            }
            let warm = Files::warm(snapshot::reads(root, slug, &config), &seen);
            let loaded = load(&folders, &warm);
            if let Some(key) = seen.key
                && snapshot::put(root, slug, &key, &loaded)
            {
                snapshot::put_reads(root, slug, &config, &warm.reads(key, &seen, &loaded, &folders));
            }
            return Arc::new(loaded);
        }
        let Some(memo) = &self.documents else { return Arc::new(load(&folders, self)) };
        let known = memo.lock().ok().and_then(|m| {
            let d = m.get(slug)?;
            (d.config == config && d.folders == folders).then(|| Arc::clone(&d.loaded))
        });
        if let Some(known) = known {
            return known;
        }
        let loaded = Arc::new(load(&folders, self));
        if let Ok(mut m) = memo.lock() {
            m.insert(slug.to_string(), Document { config, folders, loaded: Arc::clone(&loaded) });
        }
        loaded
    }

    /// The files of one document's load, which takes from what its last
    /// load read (`earlier`) every file whose stamp has not moved since:
    /// its SHA-256, what it parsed to, and a version's record, as `serve`
    /// takes them from its memo. The rest is read as ever.
    fn warm(earlier: Option<(snapshot::Reads, Vec<Text>)>, seen: &snapshot::Seen) -> Files {
        let mut kept = HashMap::new();
        let mut parsed = Parsed::default();
        if let Some((reads, texts)) = earlier {
            let unmoved =
                |path: &String, stamp: &Stamp| seen.stamps.get(path) == Some(stamp) && stamp.settled(seen.at);
            kept = reads
                .files
                .into_iter()
                .filter(|(p, s, _)| unmoved(p, s))
                .map(|(p, _, sha)| (p, sha))
                .collect();
            parsed.texts = reads.texts.into_iter().zip(texts).collect();
            parsed.records = reads.records.into_iter().collect();
        }
        Files { kept: Some(Mutex::new(kept)), parsed: Some(Mutex::new(parsed)), ..Files::default() }
    }

    /// What this (warm) load read, for the next: each file with the stamp
    /// it had as the load began, the texts of `loaded` (under `key`), and
    /// the records of its versions.
    fn reads(
        &self,
        key: [u8; 32],
        seen: &snapshot::Seen,
        loaded: &Loaded,
        folders: &[Folder],
    ) -> snapshot::Reads {
        let kept = take(&self.kept);
        let Parsed { records, .. } = take(&self.parsed);
        let mut files: Vec<(String, Stamp, [u8; 32])> = kept
            .into_iter()
            .filter_map(|(path, sha)| Some((seen.stamps.get(&path).copied()?, path, sha)))
            .map(|(stamp, path, sha)| (path, stamp, sha))
            .collect();
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut records: Vec<(RecordKey, Record)> =
            records.into_iter().filter(|(key, _)| folders.iter().any(|f| f.rel == key.2)).collect();
        records.sort_unstable_by(|a, b| (&a.0.2, a.0.3).cmp(&(&b.0.2, b.0.3)));
        snapshot::Reads { snapshot: key, files, texts: loaded.keys.clone(), records }
    }

    /// The entries of the folder `rel` ([`walk::list`]): known, if it was
    /// listed before and nothing in it forgotten since, else listed now.
    pub(crate) fn list(&self, root: &Path, rel: &str) -> Result<Listing, Diagnostic> {
        if let Some(listing) = self.listings.as_ref().and_then(|l| l.get(rel)) {
            return Ok(listing.clone());
        }
        if let Some(listing) = self.listed.as_ref().and_then(|l| l.lock().ok()?.get(rel).cloned()) {
            return Ok(listing);
        }
        let listing = walk::list(root, rel)?;
        if let Some(Ok(mut listed)) = self.listed.as_ref().map(Mutex::lock) {
            listed.insert(rel.to_string(), listing.clone());
        }
        Ok(listing)
    }

    /// The file `rel`: known, if it was read before and not forgotten since, else read now.
    pub(crate) fn read(&self, root: &Path, rel: &str) -> Result<RawFile, Diagnostic> {
        let name = rel.rsplit('/').next().unwrap_or(rel).to_string();
        if let Some(sha256) = self.kept.as_ref().and_then(|k| k.lock().ok()?.get(rel).copied()) {
            return Ok(RawFile { path: rel.to_string(), name, sha256, bytes: None });
        }
        let bytes = walk::read(root, rel)?;
        let sha256 = Sha256::digest(&bytes).into();
        if let Some(Ok(mut kept)) = self.kept.as_ref().map(Mutex::lock) {
            kept.insert(rel.to_string(), sha256);
        }
        Ok(RawFile { path: rel.to_string(), name, sha256, bytes: Some(bytes) })
    }

    /// The bytes of `file`, read now if it was known from an earlier load.
    pub(crate) fn bytes<'a>(&self, root: &Path, file: &'a RawFile) -> Result<Cow<'a, [u8]>, Diagnostic> {
        if let Some(bytes) = &file.bytes {
            return Ok(Cow::Borrowed(bytes));
        }
        let bytes = walk::read(root, &file.path)?;
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
        let Some(memo) = &self.parsed else { return parse(&self.bytes(root, file)?) };
        let key = (file.sha256, prefix.to_string(), title_required);
        if let Some(text) = memo.lock().ok().and_then(|p| p.texts.get(&key).cloned()) {
            return Ok(Text { file: file.path.clone(), ..text });
        }
        let text = parse(&self.bytes(root, file)?)?;
        // `serve` keeps what it parsed for its next load; a command's next
        // load takes the texts from the snapshot this one leaves instead.
        if let (Some(_), Ok(mut parsed)) = (&self.documents, memo.lock()) {
            parsed.texts.insert(key, text.clone());
        }
        Ok(text)
    }

    /// The record of version `number` in `dir` from its `version.toml` and
    /// `SHA256SUMS` (if it has one), verified against the files `here`, made
    /// by `make` unless made before from the very same files.
    pub(crate) fn record<E>(
        &self,
        meta: &RawFile,
        sums: Option<&RawFile>,
        dir: &str,
        number: u32,
        here: &[RawFile],
        make: impl FnOnce() -> Result<Record, E>,
    ) -> Result<Record, E> {
        let Some(memo) = &self.parsed else { return make() };
        let mut folder = Sha256::new();
        for f in here {
            folder.update((f.name.len() as u64).to_le_bytes());
            folder.update(f.name.as_bytes());
            folder.update(f.sha256);
        }
        let key = (meta.sha256, sums.map(|s| s.sha256), dir.to_string(), number, folder.finalize().into());
        if let Some(record) = memo.lock().ok().and_then(|p| p.records.get(&key).cloned()) {
            return Ok(record);
        }
        let record = make()?;
        if let Ok(mut parsed) = memo.lock() {
            parsed.records.insert(key, record.clone());
        }
        Ok(record)
    }
}
