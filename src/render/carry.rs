//! What a long-running preview keeps from one render to the next, besides
//! the files: the word diffs and the feeds' entries. Each value is kept
//! under what it was made from, and a render keeps only what it used.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use crate::parse::Rendered;
use crate::render::keys::Key;
use crate::site::Lang;

/// Values by key, from the last render and from this one.
pub(crate) struct Carry<K, V> {
    /// What this render used.
    now: Mutex<HashMap<K, V>>,
    /// What the render before used (what this one also uses moves to `now`).
    last: Mutex<HashMap<K, V>>,
}

impl<K, V> Default for Carry<K, V> {
    fn default() -> Self {
        Carry { now: Mutex::default(), last: Mutex::default() }
    }
}

impl<K: Eq + Hash, V: Clone> Carry<K, V> {
    /// Starts a render: what the last one used may be taken, and the rest goes.
    /// A render that stopped before using anything (an error) leaves `last`.
    fn begin(&self) {
        let (Ok(mut now), Ok(mut last)) = (self.now.lock(), self.last.lock()) else { return };
        if !now.is_empty() {
            *last = std::mem::take(&mut *now);
        }
    }

    /// The value under `key`, kept or made now.
    pub(crate) fn get_or(&self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some(hit) = self.now.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return hit;
        }
        let value = self.last.lock().ok().and_then(|mut m| m.remove(&key)).unwrap_or_else(make);
        if let Ok(mut m) = self.now.lock() {
            m.insert(key, value.clone());
        }
        value
    }
}

/// Word diffs by the address of the two texts' HTML, which each entry holds,
/// so that the address stays theirs; a text that did not change keeps its
/// HTML from one render to the next, and with it its address.
pub(crate) type Diffs = Carry<(usize, usize), (Rendered, Rendered, Arc<str>)>;

/// A feed entry's content by the key of its document's pages in its
/// language ([`crate::render::keys::Keys::page`]), which covers all it
/// shows, and by document, language and version.
pub(crate) type Entries = Carry<(Key, usize, Lang, usize), Arc<str>>;

/// All that a render may take from the one before.
#[derive(Default)]
pub(crate) struct Kept {
    pub(crate) diffs: Diffs,
    pub(crate) entries: Entries,
}

impl Kept {
    /// Starts a render.
    pub(crate) fn begin(&self) {
        self.diffs.begin();
        self.entries.begin();
    }
}
