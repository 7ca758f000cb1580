//! The feeds' entries, kept on disk between builds
//! (`.privsite/cache/render/entries`). Every release rewrites the feeds,
//! and each entry compares two versions word by word: kept under what it
//! shows (`render::feeds`), the build after a release makes the one new
//! entry rather than all of them. The file holds what the last render
//! used, at most a feed's worth per language, and is sealed to this
//! privsite (`load::sealed`), as its renderer made it.

use std::sync::Arc;

use crate::load::sealed;
use crate::render::carry::{Entries, Kept};
use crate::render::keys::Key;

/// The layout of the file; a new one makes old files foreign.
const FORMAT: &[u8] = b"privsite feed entries 1\n";

fn file(root: &std::path::Path) -> Option<std::path::PathBuf> {
    Some(crate::load::cache_dir(root, "render")?.join("entries"))
}

/// What the last build's render used, for this one to take from.
pub(super) fn read(root: &std::path::Path) -> Kept {
    let entries: Vec<(Key, String)> =
        (|| sealed::read(&file(root)?, FORMAT, &sealed::this_build(b"")?))().unwrap_or_default();
    let entries = entries.into_iter().map(|(key, content)| (key, Arc::from(content)));
    Kept { entries: Entries::from_last(entries), ..Kept::default() }
}

/// Keeps what this render used, if that changed. Only a shortcut: a file
/// that cannot be written costs the next build time, never a byte.
pub(super) fn save(root: &std::path::Path, kept: &Kept) {
    let (Some(used), Some(file), Some(seal)) = (kept.entries.changed(), file(root), sealed::this_build(b""))
    else {
        return;
    };
    let used: Vec<(&Key, &str)> = used.iter().map(|(key, content)| (key, &**content)).collect();
    sealed::write(&file, FORMAT, &seal, &used);
}
