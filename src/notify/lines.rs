//! Line numbers and line texts of byte offsets in a file read forward, for
//! diagnostics of a CSV read by the `csv` crate (which reports where a
//! record starts in bytes): a second reader of the same file follows the
//! first, so nothing of the file is held but the line asked for.

use std::io::BufRead;

use crate::diag::Position;

/// Line numbers and texts of byte offsets, read forward on a reader of its
/// own (records come in order, so a whole list is read once more).
pub(crate) struct Lines<R> {
    reader: R,
    /// Bytes read so far, and the newlines among them.
    read: u64,
    newlines: usize,
    /// The line last sought, and its text once asked for.
    line: usize,
    text: Option<String>,
}

/// The longest part of a line kept for a diagnostic.
const MAX_SHOWN: usize = 4096;

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(reader: R) -> Lines<R> {
        Lines { reader, read: 0, newlines: 0, line: 1, text: None }
    }

    /// Reads on while `more` takes the bytes offered, counting newlines.
    fn advance(&mut self, mut more: impl FnMut(&[u8]) -> usize) {
        loop {
            let Ok(buf) = self.reader.fill_buf() else { return };
            let n = more(buf).min(buf.len());
            if n == 0 {
                return;
            }
            self.newlines += buf[..n].iter().filter(|&&b| b == b'\n').count();
            self.reader.consume(n);
            self.read += n as u64;
        }
    }

    /// The 1-based line of the record at byte `offset`; csv reports a
    /// record's start before the blank lines it skipped, so those are
    /// stepped over. Offsets come in order.
    pub(crate) fn seek(&mut self, offset: u64) -> usize {
        let target = offset;
        let mut read = self.read;
        self.advance(|buf| {
            let n = usize::try_from(target.saturating_sub(read)).unwrap_or(usize::MAX).min(buf.len());
            read += n as u64;
            n
        });
        self.advance(|buf| buf.iter().take_while(|&&b| b == b'\n' || b == b'\r').count());
        self.line = self.newlines + 1;
        self.text = None;
        self.line
    }

    /// The position of the line last sought, with its text.
    pub(crate) fn position(&mut self) -> Position {
        if self.text.is_none() {
            let mut bytes = Vec::new();
            let mut done = false;
            self.advance(|buf| {
                if done {
                    return 0;
                }
                let end = buf.iter().position(|&b| b == b'\n');
                let upto = end.unwrap_or(buf.len());
                let room = MAX_SHOWN.saturating_sub(bytes.len());
                bytes.extend_from_slice(&buf[..upto.min(room)]);
                done = end.is_some();
                end.map_or(buf.len(), |e| e + 1)
            });
            self.text = Some(String::from_utf8_lossy(&bytes).trim_end_matches('\r').to_string());
        }
        Position { line: self.line, col: 1, source_line: self.text.clone().unwrap_or_default() }
    }
}
