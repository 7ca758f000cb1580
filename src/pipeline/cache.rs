//! The build cache, `.privsite/cache/` inside the site (ignored by git): for
//! each output folder, what the last build wrote there: every file's key (a
//! digest of what it was made from, `render/keys.rs`, and of what a page
//! showed, `render/context.rs`) and its stamp (inode, size, modification and
//! change times). The next build keeps a file whose key is unchanged and
//! whose stamp shows it untouched, without reading it:
//! any write to a file, or to its metadata, moves its change time, which no
//! program can set. (A file changed within a clock tick of its stamp is
//! checked by a checksum of the bytes the build wrote as well: CRC-64,
//! against a change unseen, not forgery, as whoever can write here can
//! write the record.) A
//! record that does not belong to the output folder as it is (another
//! build's fingerprint), is damaged or another privsite's (it is sealed,
//! `load::sealed`), is ignored: never trusted, only ever a shortcut to the
//! same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::load::sealed::{self, checksum};
use crate::load::stamp::{Folder, Stamp};
use crate::load::texts::hex;
use crate::render::keys::Key;
use crate::render::{Earlier, File, FileKey};
use crate::write::Placed;

/// What the last build wrote into one output folder.
pub(crate) struct Written {
    out: PathBuf,
    /// The output folder, each file looked up from it.
    folder: Folder,
    /// The folder the new output is written into, when it is an older
    /// output recycled ([`crate::write`]): most of its files are links to
    /// the live ones, and a file found there as recorded is kept as it is.
    recycled: Option<Folder>,
    files: rustc_hash::FxHashMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    key: FileKey,
    stamp: Stamp,
    /// For a file changed too shortly before its stamp was taken (see
    /// [`TICK`]): the checksum its bytes must have, as the stamp alone
    /// cannot vouch for them.
    racy: Option<[u8; 8]>,
}

/// Where the record of output folder `out` is kept (nowhere behind a link:
/// [`crate::load::cache_dir`]).
fn record_path(root: &Path, out: &Path) -> Option<PathBuf> {
    let id = Sha256::digest(out.to_string_lossy().as_bytes());
    Some(crate::load::cache_dir(root, "")?.join(format!("output-{}", &hex(&id)[..16])))
}

/// The layout of a record, sealed to this privsite (`load::sealed`); a new
/// one makes old records foreign.
const FORMAT: &[u8] = b"privsite output record 2\n";

/// A record as stored: the fingerprint of the build that wrote the folder,
/// and each file with its entry.
type Record = (String, Vec<(String, Entry)>);

impl Written {
    /// The record of `out`, if it describes the folder as it is: the build
    /// that wrote it left `fingerprint` in both.
    pub(crate) fn read(root: &Path, out: &Path) -> Option<Written> {
        let live = crate::write::fingerprint(out)?;
        let seal = sealed::this_build(b"")?;
        let (fingerprint, files): Record = sealed::read(&record_path(root, out)?, FORMAT, &seal)?;
        if fingerprint != live {
            return None;
        }
        let folder = Folder::open(out.to_path_buf());
        Some(Written { out: out.to_path_buf(), folder, recycled: None, files: files.into_iter().collect() })
    }

    /// This record, for a write into `recycled` (the folder `write_with`
    /// recycles, if it does).
    pub(crate) fn recycled_in(self, recycled: Option<&Path>) -> Written {
        Written { recycled: recycled.map(|r| Folder::open(r.to_path_buf())), ..self }
    }

    /// Records what a build wrote into `out`: each file's key and the stamp
    /// the writer left it with (`placed`).
    /// Written aside and renamed, so a killed build leaves the old record or
    /// the new, and either is checked against the folder before use.
    pub(crate) fn save(
        root: &Path,
        out: &Path,
        fingerprint: &str,
        keys: &BTreeMap<String, FileKey>,
        placed: &Placed,
    ) {
        let (Some(file), Some(seal)) = (record_path(root, out), sealed::this_build(b"")) else { return };
        let now = SystemTime::now();
        // A file changed just now (all of a small site's) is recorded with
        // the checksum of the bytes the build wrote, which is what its key
        // stands for: bytes changed since, even within the tick, do not
        // match. Only a file linked rather than written is read back.
        let files: Vec<(String, Entry)> = keys
            .par_iter()
            .filter_map(|(path, &key)| {
                let placement = placed.get(path)?;
                let stamp = placement.stamp?;
                let racy = match stamp.settled(now) {
                    true => None,
                    false => Some(match placement.sum {
                        Some(sum) => sum,
                        None => checksum(&std::fs::read(out.join(path)).ok()?),
                    }),
                };
                Some((path.clone(), Entry { key, stamp, racy }))
            })
            .collect();
        sealed::write(&file, FORMAT, &seal, &(fingerprint, files));
    }
}

impl Earlier for Written {
    fn reuse(&self, path: &str, inputs: &Key, shown: &dyn Fn() -> Option<Key>) -> Option<(File, FileKey)> {
        let entry = self.files.get(path)?;
        let key = entry.key.same(inputs, shown)?;
        // The same inode as recorded, in the folder the new output is
        // written into: its bytes are those recorded, whatever became of
        // the live file (a racy stamp is checked by the live file's bytes).
        let there = self.recycled.as_ref().filter(|_| entry.racy.is_none()).and_then(|r| r.file(path));
        if there == Some(entry.stamp) {
            return Some((File::Recycled(entry.stamp), key));
        }
        if self.folder.file(path).as_ref() != Some(&entry.stamp) {
            return None;
        }
        let kept = (File::Kept(entry.stamp), key);
        match entry.racy {
            None => Some(kept),
            Some(sum) => {
                let bytes = std::fs::read(self.out.join(path)).ok()?;
                (checksum(&bytes) == sum).then_some(kept)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder, and an output folder a build wrote ("build" its fingerprint).
    fn site_and_output() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (root, out) = (tmp.path().join("site"), tmp.path().join("public"));
        std::fs::create_dir_all(&root).expect("site");
        std::fs::create_dir_all(&out).expect("output");
        std::fs::write(out.join(crate::write::MARKER), "build").expect("marker");
        (tmp, root, out)
    }

    /// A file written within a clock tick of its record could change again
    /// unseen by its stamp: the record holds its checksum, and only the
    /// same bytes are taken.
    #[test]
    fn a_file_written_just_before_its_record_is_checked_by_its_bytes() {
        let (_tmp, root, out) = site_and_output();
        let (key, other) = ([1; 32], [2; 32]);
        let none = || None;
        // Written and recorded within the tick, unless the machine stalled in between.
        let mut written = None;
        for _ in 0..20 {
            std::fs::write(out.join("a.html"), "one").expect("page");
            let stamp = Stamp::of(&out.join("a.html"));
            let placed: Placed =
                [("a.html".to_string(), crate::write::Placement { stamp, sum: None })].into_iter().collect();
            let keys = [("a.html".to_string(), FileKey { inputs: key, shown: None })].into();
            Written::save(&root, &out, "build", &keys, &placed);
            let record = Written::read(&root, &out).expect("the record of this folder");
            if record.files["a.html"].racy.is_some() {
                written = Some(record);
                break;
            }
        }
        let mut written = written.expect("a record made within a tick of the write");
        assert_eq!(written.files["a.html"].racy, Some(checksum(b"one")));
        assert!(matches!(written.reuse("a.html", &key, &none), Some((File::Kept(_), _))));
        assert!(written.reuse("a.html", &other, &none).is_none(), "made from other inputs");
        // Other bytes under the same stamp, as a change within the tick leaves them.
        written.files.get_mut("a.html").expect("entry").racy = Some(checksum(b"two"));
        assert!(written.reuse("a.html", &key, &none).is_none());
    }

    /// The record of a file written within a clock tick vouches for the
    /// bytes the build wrote, not for whatever the file holds when the
    /// record is made: bytes changed in between under the same stamp (as a
    /// change within the tick leaves it) are not taken.
    #[test]
    fn a_file_changed_after_its_write_is_not_vouched_for() {
        let (_tmp, root, out) = site_and_output();
        let key = [1; 32];
        let none = || None;
        for _ in 0..20 {
            // The build wrote "one"; the file holds "two" by the time of the record.
            std::fs::write(out.join("a.html"), "two").expect("page");
            let stamp = Stamp::of(&out.join("a.html"));
            let placement = crate::write::Placement { stamp, sum: Some(checksum(b"one")) };
            let placed: Placed = [("a.html".to_string(), placement)].into_iter().collect();
            let keys = [("a.html".to_string(), FileKey { inputs: key, shown: None })].into();
            Written::save(&root, &out, "build", &keys, &placed);
            let record = Written::read(&root, &out).expect("the record of this folder");
            if record.files["a.html"].racy.is_some() {
                assert_eq!(record.files["a.html"].racy, Some(checksum(b"one")));
                assert!(record.reuse("a.html", &key, &none).is_none(), "not the bytes the build wrote");
                return;
            }
        }
        panic!("no record made within a tick of the write");
    }

    /// A page made from other inputs is kept only if it shows what it
    /// showed: which is known once its inputs changed, and recorded then.
    #[test]
    fn a_page_whose_inputs_changed_is_kept_if_it_shows_the_same() {
        let (one, two, three) = ([1; 32], [2; 32], [3; 32]);
        let (shows, other) = ([7; 32], [8; 32]);
        let unknown = FileKey { inputs: one, shown: None };
        // Same inputs: taken as recorded, without asking what it shows.
        let asked = std::cell::Cell::new(false);
        let ask = || {
            asked.set(true);
            Some(shows)
        };
        assert_eq!(unknown.same(&one, &ask), Some(unknown));
        assert!(!asked.get());
        // Other inputs, and nothing recorded of what it showed: rendered again.
        assert_eq!(unknown.same(&two, &ask), None);
        assert!(asked.get(), "worked out, to be recorded");
        let known = FileKey { inputs: two, shown: Some(shows) };
        assert_eq!(known.same(&three, &|| Some(shows)), Some(FileKey { inputs: three, shown: Some(shows) }));
        assert_eq!(known.same(&three, &|| Some(other)), None);
        assert_eq!(known.same(&three, &|| None), None, "not a page");
    }
}
