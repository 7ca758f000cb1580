//! The send log: the durable record of who was sent which version, one
//! append-only file per version (`notices/<doc>/v<N>.log`). A `sent` line is
//! written and flushed to disk right after the server accepted that message
//! (its 250), before that connection takes its next message, so a run that
//! is killed or loses its connection is simply run again: whoever is recorded
//! as sent is skipped, and nobody else is. Just before a message's data goes
//! out a `sending` line is written (not flushed: a killed process cannot lose
//! it, only a crash of the whole machine can): a later run that finds no
//! answer after it cannot know whether the server took the message, so it
//! counts as unknown instead of being sent twice. Connections record
//! concurrently; one flush covers every line written before it. The file is
//! locked while a run sends, so two runs cannot send the same version at once.
//! A run reads the log line by line into the index of its subscriber list
//! (`crate::notify::index`), so a log of millions of lines is never held.

#[cfg(test)]
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use crate::diag::{Diagnostic, Position, io_error};
use crate::notify::index::Index;

pub(crate) const DIR: &str = "notices";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    /// The server accepted the message.
    Sent,
    /// The connection broke after the data was sent, or the run was stopped
    /// while the data was on its way: it may or may not have arrived.
    Unknown,
}

/// A line's first field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// The server accepted the message (flushed).
    Sent,
    /// The fate of the message is unknown (flushed).
    Unknown,
    /// The data is about to go out.
    Sending,
    /// The server refused the data it was sent: the `sending` before it is void.
    Refused,
}

impl Event {
    fn word(self) -> &'static str {
        match self {
            Event::Sent => "sent",
            Event::Unknown => "unknown",
            Event::Sending => "sending",
            Event::Refused => "refused",
        }
    }
}

/// An address's state as the log's lines leave it, one byte.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Nothing recorded, or a `sending` voided by a refusal.
    #[default]
    Fresh,
    Sent,
    Unknown,
    /// A `sending` with no answer yet.
    Sending,
    /// A `sending` with no answer yet, of an address that may have the
    /// message already (unknown before, or an earlier `sending` unanswered).
    SendingAgain,
}

impl Reading {
    /// The state after one more line: `sent` is final, and a refusal voids
    /// only the `sending` it answers.
    pub(crate) fn after(self, event: Event) -> Reading {
        use Reading::*;
        match (self, event) {
            (Sent, _) | (_, Event::Sent) => Sent,
            (_, Event::Unknown) => Unknown,
            (Fresh, Event::Sending) => Sending,
            (_, Event::Sending) => SendingAgain,
            (Sending, Event::Refused) => Fresh,
            (SendingAgain, Event::Refused) => Unknown,
            (other, Event::Refused) => other,
        }
    }

    /// What a later run makes of it.
    pub(crate) fn state(self) -> Option<State> {
        match self {
            Reading::Fresh => None,
            Reading::Sent => Some(State::Sent),
            Reading::Unknown | Reading::Sending | Reading::SendingAgain => Some(State::Unknown),
        }
    }
}

/// The log's path relative to the site root.
pub(crate) fn path(doc: &str, version: u32) -> String {
    format!("{DIR}/{doc}/v{version}.log")
}

const HEADER: &str = "# privsite notify: one line per recipient, written when the server answered.\n# state<TAB>address<TAB>time<TAB>message-id<TAB>server response\n";

/// How a log's text ended, as far as the next writer cares.
#[derive(Debug, Default)]
pub(crate) struct Scanned {
    /// Lines that cannot be read, as warnings (the first few of many).
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) empty: bool,
    /// The last line lacks its newline (a crash cut it short).
    pub(crate) cut: bool,
}

/// Warnings kept of a log's unreadable lines; the others are counted.
const SHOWN_WARNINGS: usize = crate::diag::SHOWN_PER_KIND;

/// Reads a log line by line, handing each record to `each` in order;
/// a last line cut short by a crash counts once its address is complete.
/// Memory does not grow with the log.
pub(crate) fn scan(
    mut reader: impl BufRead,
    file: &str,
    mut each: impl FnMut(&str, Event),
) -> std::io::Result<Scanned> {
    let mut scanned = Scanned { empty: true, ..Scanned::default() };
    let mut unreadable = 0usize;
    let mut bytes = Vec::new();
    let mut number = 0usize;
    loop {
        bytes.clear();
        if reader.read_until(b'\n', &mut bytes)? == 0 {
            break;
        }
        scanned.empty = false;
        number += 1;
        let complete = bytes.last() == Some(&b'\n');
        scanned.cut = !complete;
        let line = String::from_utf8_lossy(&bytes);
        let line = line.strip_suffix('\n').unwrap_or(&line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let event = match fields.next() {
            Some("sent") => Some(Event::Sent),
            Some("unknown") => Some(Event::Unknown),
            Some("sending") => Some(Event::Sending),
            Some("refused") => Some(Event::Refused),
            _ => None,
        };
        let address = fields.next().unwrap_or("");
        // The address is complete once a tab follows it.
        let whole = complete || fields.next().is_some();
        match event {
            Some(event) if whole && !address.is_empty() => each(address, event),
            _ => {
                unreadable += 1;
                if unreadable <= SHOWN_WARNINGS {
                    scanned.warnings.push(
                        Diagnostic::warning("this line of the send log cannot be read and is ignored")
                            .in_file(file)
                            .at(Position { line: number, col: 1, source_line: line.to_string() })
                            .help("the send log is written by `privsite notify`; do not edit it by hand"),
                    );
                }
            }
        }
    }
    if unreadable > SHOWN_WARNINGS {
        scanned.warnings.push(
            Diagnostic::warning(format!(
                "and {} more lines of the send log that cannot be read",
                crate::diag::thousands(unreadable - SHOWN_WARNINGS)
            ))
            .in_file(file)
            .help("the send log is written by `privsite notify`; do not edit it by hand"),
        );
    }
    Ok(scanned)
}

/// The state of each address in a log's text, and its unreadable lines.
#[cfg(test)]
pub(crate) fn parse(text: &str, file: &str) -> (HashMap<String, State>, Vec<Diagnostic>) {
    let mut readings: HashMap<String, Reading> = HashMap::new();
    let scanned = scan(text.as_bytes(), file, |address, event| {
        let r = readings.entry(address.to_string()).or_default();
        *r = r.after(event);
    })
    .unwrap_or_default();
    let states = readings.into_iter().filter_map(|(k, r)| Some((k, r.state()?))).collect();
    (states, scanned.warnings)
}

/// Applies the log of `doc` v`version` to `index`, without creating or
/// locking it (for `--dry-run` and `--outbox`, which send nothing); returns
/// its warnings.
pub(crate) fn read(
    root: &Path,
    doc: &str,
    version: u32,
    index: &mut Index,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let rel = path(doc, version);
    let fail = |e: &std::io::Error| io_error("read the send log", Path::new(&rel), e);
    match File::open(crate::load::walk::resolve(root, &rel)?) {
        Ok(file) => {
            let scanned =
                scan(BufReader::new(file), &rel, |a, e| index.record(a, e)).map_err(|e| fail(&e))?;
            Ok(scanned.warnings)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(fail(&e)),
    }
}

pub(crate) struct SendLog {
    file: File,
    rel: String,
    flushes: Mutex<Flushes>,
    flushed: Condvar,
}

/// Group commit: lines written and lines known to be on disk, counted.
struct Flushes {
    written: u64,
    flushed: u64,
    flushing: bool,
}

impl SendLog {
    /// Opens (or creates) the log of `doc` v`version`, locks it and applies
    /// what it records to `index`; returns its warnings too.
    pub(crate) fn open(
        root: &Path,
        doc: &str,
        version: u32,
        index: &mut Index,
    ) -> Result<(SendLog, Vec<Diagnostic>), Diagnostic> {
        let rel = path(doc, version);
        // Its folder may be a link: never one that leads out of the site.
        let full = crate::load::walk::resolve(root, &rel)?;
        let dir = full.parent().unwrap_or(root);
        fs::create_dir_all(dir).map_err(|e| io_error("create", dir, &e))?;
        let created = !full.exists();
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&full)
            .map_err(|e| io_error("open the send log", Path::new(&rel), &e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Diagnostic::error(format!(
                    "another `privsite notify` is sending {doc} v{version} right now"
                ))
                .in_file(&rel)
                .help("wait for it to finish; running two at once could send a notice twice"));
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(io_error("lock the send log", Path::new(&rel), &e));
            }
        }
        let scanned = scan(BufReader::new(&mut file), &rel, |a, e| index.record(a, e)).map_err(|e| {
            io_error("read the send log", Path::new(&rel), &e)
                .help("the send log is a text file written by privsite; restore it from a backup")
        })?;
        let flushes = Mutex::new(Flushes { written: 0, flushed: 0, flushing: false });
        let log = SendLog { file, rel, flushes, flushed: Condvar::new() };
        if created || scanned.empty {
            log.append(HEADER, true)?;
            // Make the new file's name durable too.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        } else if scanned.cut {
            // End the line a crash cut short, so the next record starts on its own line.
            log.append("\n", true)?;
        }
        Ok((log, scanned.warnings))
    }

    /// Records one recipient's event; `sent` and `unknown` wait until the
    /// line is on disk.
    pub(crate) fn record(
        &self,
        key: &str,
        message_id: &str,
        event: Event,
        response: &str,
    ) -> Result<(), Diagnostic> {
        let clean = |s: &str| s.replace(|c: char| c.is_control(), " ");
        let line = format!(
            "{}\t{}\t{}\t{}\t{}\n",
            event.word(),
            clean(key),
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
            clean(message_id),
            clean(response)
        );
        self.append(&line, matches!(event, Event::Sent | Event::Unknown))
    }

    fn append(&self, text: &str, flush: bool) -> Result<(), Diagnostic> {
        let fail = |e: std::io::Error| {
            io_error("write the send log", Path::new(&self.rel), &e)
                .help("free disk space or fix the permissions, then run the same command again: nobody recorded as sent is sent again")
        };
        let mut flushes = self.lock();
        // One write_all under the lock: lines of different connections never mix.
        (&self.file).write_all(text.as_bytes()).map_err(fail)?;
        flushes.written += 1;
        let mine = flushes.written;
        while flush && flushes.flushed < mine {
            if flushes.flushing {
                flushes = self.flushed.wait(flushes).unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            // Flush for everyone who wrote so far, without holding the lock.
            flushes.flushing = true;
            let upto = flushes.written;
            drop(flushes);
            let result = self.file.sync_data();
            flushes = self.lock();
            flushes.flushing = false;
            if result.is_ok() {
                flushes.flushed = flushes.flushed.max(upto);
            }
            self.flushed.notify_all();
            result.map_err(fail)?;
        }
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, Flushes> {
        self.flushes.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn rel(&self) -> &str {
        &self.rel
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_lines_win_but_sent_is_final() {
        let text = format!(
            "{HEADER}unknown\ta@x.org\tt\t<1@x>\tnetwork error\nsent\ta@x.org\tt\t<1@x>\t250 ok\nsent\tb@x.org\tt\t<2@x>\t250 ok\nunknown\tb@x.org\tt\t<2@x>\tx\nunknown\tc@x.org\tt\t<3@x>\tx\n"
        );
        let (states, problems) = parse(&text, "log");
        assert!(problems.is_empty());
        assert_eq!(states["a@x.org"], State::Sent);
        assert_eq!(states["b@x.org"], State::Sent);
        assert_eq!(states["c@x.org"], State::Unknown);
    }

    #[test]
    fn a_sending_without_an_answer_is_unknown_and_a_refusal_voids_it() {
        let text = format!(
            "{HEADER}sending\ta@x.org\tt\t<1@x>\t\nsending\tb@x.org\tt\t<2@x>\t\nrefused\tb@x.org\tt\t<2@x>\t452 full\nunknown\tc@x.org\tt\t<3@x>\tx\nsending\tc@x.org\tt\t<3@x>\t\nrefused\tc@x.org\tt\t<3@x>\t451 x\nsending\td@x.org\tt\t<4@x>\t\nsent\td@x.org\tt\t<4@x>\t250 ok\n"
        );
        let (states, problems) = parse(&text, "log");
        assert!(problems.is_empty());
        assert_eq!(states.get("a@x.org"), Some(&State::Unknown), "stopped in flight");
        assert_eq!(states.get("b@x.org"), None, "refused: to be sent again");
        assert_eq!(states.get("c@x.org"), Some(&State::Unknown), "still unknown from before");
        assert_eq!(states.get("d@x.org"), Some(&State::Sent));
    }

    #[test]
    fn a_second_sending_after_an_unanswered_one_stays_unknown_when_refused() {
        // Run 1 was killed in flight; run 2 resent it (--resend-unknown) and was refused.
        let text = format!(
            "{HEADER}sending\ta@x.org\tt\t<1@x>\t\nsending\ta@x.org\tt\t<1@x>\t\nrefused\ta@x.org\tt\t<1@x>\t451 x\n"
        );
        let (states, _) = parse(&text, "log");
        assert_eq!(states.get("a@x.org"), Some(&State::Unknown), "it may have arrived in run 1");
    }

    #[test]
    fn concurrent_records_stay_whole_lines() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (log, _) = SendLog::open(tmp.path(), "policy", 1, &mut Index::default()).expect("open");
        std::thread::scope(|scope| {
            for t in 0..4 {
                let log = &log;
                scope.spawn(move || {
                    for i in 0..50 {
                        let key = format!("t{t}-{i}@x.org");
                        log.record(&key, "<id>", Event::Sending, "").expect("sending");
                        log.record(&key, "<id>", Event::Sent, "250 ok").expect("sent");
                    }
                });
            }
        });
        drop(log);
        let text = fs::read_to_string(tmp.path().join("notices/policy/v1.log")).expect("read");
        let (states, problems) = parse(&text, "log");
        assert!(problems.is_empty());
        assert_eq!(states.values().filter(|s| **s == State::Sent).count(), 200);
    }

    #[test]
    fn a_line_cut_short_counts_only_with_its_whole_address() {
        let (states, _) = parse("sent\ta@x.org\t2026-", "log");
        assert_eq!(states.get("a@x.org"), Some(&State::Sent));
        let (states, _) = parse("sent\ta@x.o", "log");
        assert!(states.is_empty(), "the address may be cut: not recorded");
        let (states, problems) = parse("garbage\nsent\tb@x.org\tt\n", "log");
        assert_eq!(states.len(), 1);
        assert_eq!(problems[0].position.as_ref().map(|p| p.line), Some(1));
    }

    #[test]
    fn records_survive_reopening_and_the_log_is_locked() {
        let tmp = tempfile::tempdir().expect("temp dir");
        {
            let mut index = Index::default();
            index.push(crate::notify::index::key("a@x.org"), 2);
            index.finish();
            let (log, _) = SendLog::open(tmp.path(), "policy", 2, &mut index).expect("open");
            assert_eq!(index.tally(false).todo, 1);
            assert!(SendLog::open(tmp.path(), "policy", 2, &mut Index::default()).is_err(), "locked");
            log.record("a@x.org", "<1@x>", Event::Sent, "250 2.0.0 ok\r\nqueued").expect("record");
        }
        let text = fs::read_to_string(tmp.path().join("notices/policy/v2.log")).expect("read");
        assert!(text.ends_with("\t<1@x>\t250 2.0.0 ok  queued\n"), "{text}");
        let mut index = Index::default();
        index.push(crate::notify::index::key("a@x.org"), 2);
        index.finish();
        SendLog::open(tmp.path(), "policy", 2, &mut index).expect("reopen");
        assert_eq!(index.state(&crate::notify::index::key("a@x.org")), Some(State::Sent));
    }
}
