//! Every subscriber of a run in 24 bytes: the first 16 bytes of the SHA-256
//! of the address (lower case), the line it is first listed on and what the
//! send log says of it, in a vector sorted by digest. A million subscribers
//! take 24 MiB, where a set of their addresses as strings takes several
//! times that; the list and the log are read past it row by row, never
//! held. Two addresses share a digest with a chance of about 2⁻⁸⁸ in a list
//! of a million.

use sha2::{Digest, Sha256};

use crate::notify::sendlog::{Event, Reading, State};

pub(crate) type Key = [u8; 16];

/// The digest of an address's key (its lower-case form).
pub(crate) fn key(address: &str) -> Key {
    let digest = Sha256::digest(address.as_bytes());
    let mut out = [0; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Key,
    line: u32,
    reading: Reading,
}

/// The addresses of a subscriber list, built while it is read once.
#[derive(Debug, Default)]
pub(crate) struct Index {
    entries: Vec<Entry>,
    sorted: bool,
}

/// A line listing an address listed before: (its line, the first one).
pub(crate) type Repeat = (usize, usize);

/// What the send log says of the list, before anything goes out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Subscribers to send to in this run.
    pub(crate) todo: usize,
    /// Recorded as sent.
    pub(crate) skipped: usize,
    /// Recorded as unknown and not to be resent.
    pub(crate) unknown: usize,
}

impl Index {
    /// Adds the address first listed on `line` (lines arrive in order).
    pub(crate) fn push(&mut self, key: Key, line: usize) {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        self.entries.push(Entry { key, line, reading: Reading::default() });
        self.sorted = false;
    }

    /// Sorts the index and keeps the first line of each address; returns
    /// the lines that repeat an address, in order.
    pub(crate) fn finish(&mut self) -> Vec<Repeat> {
        self.entries.sort_unstable_by_key(|e| (e.key, e.line));
        let mut repeats = Vec::new();
        let mut first: Option<&Entry> = None;
        for e in &self.entries {
            match first {
                Some(f) if f.key == e.key => repeats.push((e.line as usize, f.line as usize)),
                _ => first = Some(e),
            }
        }
        self.entries.dedup_by(|b, a| a.key == b.key);
        self.entries.shrink_to_fit();
        self.sorted = true;
        repeats.sort_unstable();
        repeats
    }

    fn find(&self, key: &Key) -> Option<usize> {
        debug_assert!(self.sorted || self.entries.is_empty());
        self.entries.binary_search_by(|e| e.key.cmp(key)).ok()
    }

    /// Whether `line` is where the address with `key` is first listed.
    #[cfg(test)]
    fn is_first(&self, key: &Key, line: usize) -> bool {
        self.listed(key, line).is_some()
    }

    /// What the send log recorded for the address with `key`, if `line` is
    /// where it is first listed; `None` for a repeat or a line that was not
    /// there when the list was checked.
    pub(crate) fn listed(&self, key: &Key, line: usize) -> Option<Option<State>> {
        let e = &self.entries[self.find(key)?];
        (e.line as usize == line).then(|| e.reading.state())
    }

    /// Applies one line of the send log; addresses not in the list are ignored.
    pub(crate) fn record(&mut self, address: &str, event: Event) {
        if let Some(i) = self.find(&key(address)) {
            let e = &mut self.entries[i];
            e.reading = e.reading.after(event);
        }
    }

    /// What the send log recorded for `key`.
    #[cfg(test)]
    pub(crate) fn state(&self, key: &Key) -> Option<State> {
        self.find(key).and_then(|i| self.entries[i].reading.state())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn tally(&self, resend_unknown: bool) -> Tally {
        let mut tally = Tally::default();
        for e in &self.entries {
            match e.reading.state() {
                Some(State::Sent) => tally.skipped += 1,
                Some(State::Unknown) if !resend_unknown => tally.unknown += 1,
                _ => tally.todo += 1,
            }
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_name_the_first_line_and_states_follow_the_log() {
        let mut index = Index::default();
        for (line, address) in
            [(2, "a@x.org"), (3, "b@x.org"), (5, "a@x.org"), (7, "c@x.org"), (9, "a@x.org")]
        {
            index.push(key(address), line);
        }
        assert_eq!(index.finish(), [(5, 2), (9, 2)]);
        assert_eq!(index.len(), 3);
        assert!(index.is_first(&key("a@x.org"), 2));
        assert!(!index.is_first(&key("a@x.org"), 5));
        assert!(!index.is_first(&key("d@x.org"), 2));
        index.record("a@x.org", Event::Sending);
        index.record("a@x.org", Event::Sent);
        index.record("b@x.org", Event::Sending);
        index.record("elsewhere@x.org", Event::Sent);
        assert_eq!(index.state(&key("a@x.org")), Some(State::Sent));
        assert_eq!(index.state(&key("b@x.org")), Some(State::Unknown));
        assert_eq!(index.state(&key("c@x.org")), None);
        assert_eq!(index.tally(false), Tally { todo: 1, skipped: 1, unknown: 1 });
        assert_eq!(index.tally(true), Tally { todo: 2, skipped: 1, unknown: 0 });
    }

    #[test]
    fn an_entry_is_24_bytes() {
        assert_eq!(std::mem::size_of::<Entry>(), 24);
    }
}
