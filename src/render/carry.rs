//! What a render keeps for the next, besides the files: the word diffs
//! (in a long-running preview) and the feeds' entries (there, and on disk
//! between builds). Each value is kept under what it was made from, and a
//! render keeps only what it used (a build, only the diffs it used lately).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::parse::Rendered;
use crate::render::keys::Key;

/// Values by key, from the last render and from this one.
pub(crate) struct Carry<K, V> {
    /// What this render used.
    now: Mutex<HashMap<K, V>>,
    /// What the render before used (what this one also uses moves to `now`).
    last: Mutex<HashMap<K, V>>,
    /// Whether this render made a value anew.
    made: AtomicBool,
    /// How many values `now` holds before they move to `last`, the older
    /// ones there going (`None`: no limit). Only for what no later render
    /// takes: what this render used is then not all kept.
    bound: Option<usize>,
}

impl<K, V> Default for Carry<K, V> {
    fn default() -> Self {
        Carry { now: Mutex::default(), last: Mutex::default(), made: AtomicBool::new(false), bound: None }
    }
}

impl<K: Eq + Hash + Clone, V: Clone> Carry<K, V> {
    /// Starts a render: what the last one used may be taken, and the rest goes.
    /// A render that stopped before using anything (an error) leaves `last`.
    fn begin(&self) {
        let (Ok(mut now), Ok(mut last)) = (self.now.lock(), self.last.lock()) else { return };
        if !now.is_empty() {
            *last = std::mem::take(&mut *now);
        }
        self.made.store(false, Ordering::Relaxed);
    }

    /// What an earlier render used, for this one to take from (a build's, from disk).
    pub(crate) fn from_last(values: impl IntoIterator<Item = (K, V)>) -> Self {
        Carry { last: Mutex::new(values.into_iter().collect()), ..Carry::default() }
    }

    /// What this render used, if that is not exactly what the one before
    /// used: something was made anew, or something it used was not used now.
    pub(crate) fn changed(&self) -> Option<Vec<(K, V)>> {
        let unused = self.last.lock().map_or(true, |last| !last.is_empty());
        if !unused && !self.made.load(Ordering::Relaxed) {
            return None;
        }
        let now = self.now.lock().ok()?;
        Some(now.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }

    /// The value under `key`, kept or made now.
    pub(crate) fn get_or(&self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some(hit) = self.now.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return hit;
        }
        let kept = self.last.lock().ok().and_then(|mut m| m.remove(&key));
        let value = kept.unwrap_or_else(|| {
            self.made.store(true, Ordering::Relaxed);
            make()
        });
        if let Ok(mut m) = self.now.lock() {
            m.insert(key, value.clone());
            if self.bound.is_some_and(|bound| m.len() > bound)
                && let Ok(mut last) = self.last.lock()
            {
                *last = std::mem::take(&mut *m);
            }
        }
        value
    }
}

/// Word diffs by the address of the two texts' HTML, which each entry holds,
/// so that the address stays theirs; a text that did not change keeps its
/// HTML from one render to the next, and with it its address.
pub(crate) type Diffs = Carry<(usize, usize), (Rendered, Rendered, Arc<str>)>;

/// A feed entry's content by what it shows (`render::feeds`): the two
/// versions it compares and its release notes, in its language.
pub(crate) type Entries = Carry<Key, Arc<str>>;

/// All that a render may take from the one before.
pub(crate) struct Kept {
    pub(crate) diffs: Diffs,
    pub(crate) entries: Entries,
}

/// The word diffs a render that no other follows holds at a time (twice
/// this, with the ones held before). Pages ask again for the diffs of pages
/// rendered near them (the compare pages of neighbouring versions share
/// most), so holding every diff to the end only holds memory: on the 30k
/// first build, 20 MiB of its peak, for no time saved.
const DIFFS_HELD: usize = 300;

/// For a render no other follows (a build): the feeds' entries are kept in
/// full, to be saved, but word diffs only while nearby pages may ask again.
impl Default for Kept {
    fn default() -> Self {
        Kept { diffs: Carry { bound: Some(DIFFS_HELD), ..Carry::default() }, entries: Entries::default() }
    }
}

impl Kept {
    /// For a preview, which renders again after each save: every diff used
    /// is kept for the next render.
    pub(crate) fn lasting() -> Kept {
        Kept { diffs: Diffs::default(), entries: Entries::default() }
    }

    /// Starts a render.
    pub(crate) fn begin(&self) {
        self.diffs.begin();
        self.entries.begin();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a render used is kept for the next (a build writes it to disk
    /// only when it changed): a value made anew, or one no longer used,
    /// changes it; the same values taken again do not.
    #[test]
    fn a_render_keeps_what_it_used_and_says_when_that_changed() {
        let carry: Carry<u8, u8> = Carry::from_last([(1, 10), (2, 20)]);
        carry.begin();
        assert_eq!((carry.get_or(1, || 0), carry.get_or(2, || 0)), (10, 20), "taken, not made");
        assert_eq!(carry.changed(), None, "the same as the last render used");
        carry.begin();
        assert_eq!(carry.get_or(1, || 0), 10);
        assert_eq!(carry.changed(), Some(vec![(1, 10)]), "2 went unused");
        carry.begin();
        assert_eq!((carry.get_or(1, || 0), carry.get_or(3, || 30)), (10, 30));
        let mut used = carry.changed().expect("3 was made");
        used.sort();
        assert_eq!(used, [(1, 10), (3, 30)]);
    }

    /// A bounded carry (a build's word diffs) holds what was used lately,
    /// in two generations, and makes again what went with the older one.
    #[test]
    fn a_bounded_carry_holds_recent_values_and_makes_older_ones_again() {
        let carry: Carry<u8, u8> = Carry { bound: Some(2), ..Carry::default() };
        let made = std::cell::Cell::new(0);
        let get = |k: u8| {
            carry.get_or(k, || {
                made.set(made.get() + 1);
                k * 10
            })
        };
        for k in [1, 2, 3] {
            get(k);
        }
        assert_eq!((get(1), made.get()), (10, 3), "1 is still held");
        for k in [4, 5] {
            get(k);
        }
        assert_eq!((get(2), made.get()), (20, 6), "2 went with the older generation");
    }
}
