//! The build cache, `.privsite/cache/` inside the site (ignored by git): for
//! each output folder, what the last build wrote there: every file's key (a
//! digest of what it was made from, `render/keys.rs`, and of what a page
//! showed, `render/context.rs`) and its stamp (inode, size, modification and
//! change times). The next build keeps a file whose key is unchanged and
//! whose stamp shows it untouched, without reading it:
//! any write to a file, or to its metadata, moves its change time, which no
//! program can set. (A file changed within a clock tick of its stamp is
//! checked by a checksum of its bytes as well: CRC-64, against a change
//! unseen, not forgery, as whoever can write here can write the record.) A
//! record that does not belong to the output folder as it is (another
//! build's fingerprint), or that does not parse, is ignored: never trusted,
//! only ever a shortcut to the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::load::sealed::checksum;
use crate::load::stamp::{Folder, Stamp};
use crate::load::texts::{hex, unhex};
use crate::render::keys::Key;
use crate::render::{Earlier, File, FileKey};
use crate::write::Placed;

/// What the last build wrote into one output folder.
pub(crate) struct Written {
    out: PathBuf,
    /// The output folder, each file looked up from it.
    folder: Folder,
    files: HashMap<String, Entry>,
}

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

impl Written {
    /// The record of `out`, if it describes the folder as it is: the build
    /// that wrote it left `fingerprint` in both.
    pub(crate) fn read(root: &Path, out: &Path) -> Option<Written> {
        let live = crate::write::fingerprint(out)?;
        let text = std::fs::read_to_string(record_path(root, out)?).ok()?;
        let mut lines = text.lines();
        if lines.next()? != live {
            return None;
        }
        let mut files = HashMap::new();
        for line in lines {
            let mut parts = line.splitn(10, ' ');
            let mut number = || parts.next()?.parse::<i64>().ok();
            let (ino, size) = (number()?, number()?);
            let modified = (number()?, number()?);
            let changed = (number()?, number()?);
            let inputs = unhex(parts.next()?)?;
            let shown = match parts.next()? {
                "-" => None,
                shown => Some(unhex(shown)?),
            };
            let key = FileKey { inputs, shown };
            let racy = match parts.next()? {
                "-" => None,
                sum => Some(unhex(sum)?),
            };
            let stamp = Stamp { ino: ino as u64, size: size as u64, modified, changed };
            files.insert(parts.next()?.to_string(), Entry { key, stamp, racy });
        }
        Some(Written { out: out.to_path_buf(), folder: Folder::open(out.to_path_buf()), files })
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
    ) -> std::io::Result<()> {
        let now = SystemTime::now();
        let stamped: Vec<(&String, &FileKey, Stamp)> = keys
            .iter()
            .filter_map(|(path, key)| Some((path, key, placed.get(path).copied().flatten()?)))
            .collect();
        // Files written just now (all of a small site's) are read back for
        // their checksum, on every core.
        let sums: Vec<Option<String>> = stamped
            .par_iter()
            .map(|(path, _, s)| {
                if s.settled(now) {
                    Some("-".to_string())
                } else {
                    std::fs::read(out.join(path)).ok().map(|b| hex(&checksum(&b)))
                }
            })
            .collect();
        let mut text = format!("{fingerprint}\n");
        for ((path, key, s), racy) in stamped.iter().zip(sums) {
            let Some(racy) = racy else { continue };
            let (modified, changed) = (s.modified, s.changed);
            let _ = writeln!(
                text,
                "{} {} {} {} {} {} {} {} {racy} {path}",
                s.ino,
                s.size,
                modified.0,
                modified.1,
                changed.0,
                changed.1,
                hex(&key.inputs),
                key.shown.map_or_else(|| "-".to_string(), |s| hex(&s)),
            );
        }
        let Some(file) = record_path(root, out) else { return Ok(()) };
        let Some(dir) = file.parent() else { return Ok(()) };
        std::fs::create_dir_all(dir)?;
        let temp = tempfile::NamedTempFile::new_in(dir)?;
        std::fs::write(temp.path(), text)?;
        temp.persist(&file).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Earlier for Written {
    fn reuse(&self, path: &str, inputs: &Key, shown: &dyn Fn() -> Option<Key>) -> Option<(File, FileKey)> {
        let entry = self.files.get(path)?;
        let key = entry.key.same(inputs, shown)?;
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

    /// A file written within a clock tick of its record could change again
    /// unseen by its stamp: the record holds its checksum, and only the
    /// same bytes are taken.
    #[test]
    fn a_file_written_just_before_its_record_is_checked_by_its_bytes() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (root, out) = (tmp.path().join("site"), tmp.path().join("public"));
        std::fs::create_dir_all(&root).expect("site");
        std::fs::create_dir_all(&out).expect("output");
        std::fs::write(out.join(crate::write::MARKER), "build").expect("marker");
        let (key, other) = ([1; 32], [2; 32]);
        let none = || None;
        // Written and recorded within the tick, unless the machine stalled in between.
        let mut written = None;
        for _ in 0..20 {
            std::fs::write(out.join("a.html"), "one").expect("page");
            let placed: Placed = [("a.html".to_string(), Stamp::of(&out.join("a.html")))].into();
            let keys = [("a.html".to_string(), FileKey { inputs: key, shown: None })].into();
            Written::save(&root, &out, "build", &keys, &placed).expect("saved");
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
