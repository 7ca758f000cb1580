//! The build cache, `.privsite/cache/` inside the site (ignored by git): for
//! each output folder, what the last build wrote there: every file's key (a
//! digest of what it was made from, `render/keys.rs`) and the SHA-256 of its
//! bytes. The next build takes a file whose key is unchanged from the output
//! folder instead of rendering it again, after checking its bytes against
//! the recorded sum. A record that does not belong to the output folder as it
//! is (another build's fingerprint), or that does not parse, is ignored:
//! never trusted, only ever a shortcut to the same bytes.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::load::texts::hex;
use crate::render::Earlier;
use crate::render::keys::Key;

pub(crate) const DIR: &str = ".privsite/cache";

/// What the last build wrote into one output folder.
pub(crate) struct Written {
    out: PathBuf,
    files: HashMap<String, (Key, [u8; 32])>,
}

/// Where the record of output folder `out` is kept.
fn record_path(root: &Path, out: &Path) -> PathBuf {
    let id = Sha256::digest(out.to_string_lossy().as_bytes());
    root.join(DIR).join(format!("output-{}", &hex(&id)[..16]))
}

impl Written {
    /// The record of `out`, if it describes the folder as it is: the build
    /// that wrote it left `fingerprint` in both.
    pub(crate) fn read(root: &Path, out: &Path) -> Option<Written> {
        let live = crate::write::fingerprint(out)?;
        let text = std::fs::read_to_string(record_path(root, out)).ok()?;
        let mut lines = text.lines();
        if lines.next()? != live {
            return None;
        }
        let mut files = HashMap::new();
        for line in lines {
            let mut parts = line.splitn(3, ' ');
            let (key, sum, path) = (parts.next()?, parts.next()?, parts.next()?);
            files.insert(path.to_string(), (unhex(key)?, unhex(sum)?));
        }
        Some(Written { out: out.to_path_buf(), files })
    }

    /// Records what a build wrote into `out`; written aside and renamed, so a
    /// killed build leaves the old record or the new, and either is checked
    /// against the folder before use.
    pub(crate) fn save(
        root: &Path,
        out: &Path,
        fingerprint: &str,
        keys: &std::collections::BTreeMap<String, Key>,
        sums: &HashMap<String, [u8; 32]>,
    ) -> std::io::Result<()> {
        let mut text = format!("{fingerprint}\n");
        for (path, key) in keys {
            if let Some(sum) = sums.get(path) {
                let _ = writeln!(text, "{} {} {path}", hex(key), hex(sum));
            }
        }
        let file = record_path(root, out);
        let dir = root.join(DIR);
        std::fs::create_dir_all(&dir)?;
        let temp = tempfile::NamedTempFile::new_in(&dir)?;
        std::fs::write(temp.path(), text)?;
        temp.persist(&file).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Earlier for Written {
    fn reuse(&self, path: &str, key: &Key) -> Option<Vec<u8>> {
        let (was, sum) = self.files.get(path)?;
        if was != key {
            return None;
        }
        let bytes = std::fs::read(self.out.join(path)).ok()?;
        (Sha256::digest(&bytes).as_slice() == sum).then_some(bytes)
    }
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if text.len() != 64 {
        return None;
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}
