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

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use crate::diag::{Diagnostic, Position, io_error};

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

/// An address's state while the log is read.
#[derive(Clone, Copy)]
enum Reading {
    Sent,
    Unknown,
    /// A `sending` with no answer yet, and whether it was unknown before.
    Sending {
        was_unknown: bool,
    },
}

/// The log's path relative to the site root.
pub(crate) fn path(doc: &str, version: u32) -> String {
    format!("{DIR}/{doc}/v{version}.log")
}

const HEADER: &str = "# privsite notify: one line per recipient, written when the server answered.\n# state<TAB>address<TAB>time<TAB>message-id<TAB>server response\n";

/// The state of each address in a log's text: a later line wins, but `sent`
/// is final, and a `sending` with no answer after it is unknown. Lines that
/// cannot be read are returned as warnings.
pub(crate) fn parse(text: &str, file: &str) -> (HashMap<String, State>, Vec<Diagnostic>) {
    let mut states: HashMap<String, Reading> = HashMap::new();
    let mut problems = Vec::new();
    let complete = text.ends_with('\n');
    let lines: Vec<&str> = text.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        // A last line cut short by a crash still counts once its address is complete.
        let enough = if i == last && !complete { 3 } else { 2 };
        let event = match fields.first() {
            Some(&"sent") => Some(Event::Sent),
            Some(&"unknown") => Some(Event::Unknown),
            Some(&"sending") => Some(Event::Sending),
            Some(&"refused") => Some(Event::Refused),
            _ => None,
        };
        match event {
            Some(event) if fields.len() >= enough && !fields[1].is_empty() => {
                let before = states.get(fields[1]).copied();
                let after = match (before, event) {
                    (Some(Reading::Sent), _) | (_, Event::Sent) => Some(Reading::Sent),
                    (_, Event::Unknown) => Some(Reading::Unknown),
                    (_, Event::Sending) => {
                        Some(Reading::Sending { was_unknown: matches!(before, Some(Reading::Unknown)) })
                    }
                    (Some(Reading::Sending { was_unknown: true }), Event::Refused) => Some(Reading::Unknown),
                    (Some(Reading::Sending { was_unknown: false }), Event::Refused) => None,
                    (other, Event::Refused) => other,
                };
                match after {
                    Some(state) => states.insert(fields[1].to_string(), state),
                    None => states.remove(fields[1]),
                };
            }
            _ => problems.push(
                Diagnostic::warning("this line of the send log cannot be read and is ignored")
                    .in_file(file)
                    .at(Position::at_line(text, i + 1, 1))
                    .help("the send log is written by `privsite notify`; do not edit it by hand"),
            ),
        }
    }
    let states = states
        .into_iter()
        .map(|(key, reading)| {
            (key, if matches!(reading, Reading::Sent) { State::Sent } else { State::Unknown })
        })
        .collect();
    (states, problems)
}

/// What the log of `doc` v`version` records, without creating or locking it
/// (for `--dry-run` and `--outbox`, which send nothing).
pub(crate) fn read(root: &Path, doc: &str, version: u32) -> Result<Previous, Diagnostic> {
    let rel = path(doc, version);
    match fs::read_to_string(crate::load::walk::resolve(root, &rel)?) {
        Ok(text) => {
            let (states, warnings) = parse(&text, &rel);
            Ok(Previous { states, warnings })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(Previous { states: HashMap::new(), warnings: Vec::new() })
        }
        Err(e) => Err(io_error("read the send log", Path::new(&rel), &e)),
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

/// What a log already records, read when it is opened.
pub(crate) struct Previous {
    pub(crate) states: HashMap<String, State>,
    pub(crate) warnings: Vec<Diagnostic>,
}

impl SendLog {
    /// Opens (or creates) the log of `doc` v`version` and locks it.
    pub(crate) fn open(root: &Path, doc: &str, version: u32) -> Result<(SendLog, Previous), Diagnostic> {
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
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(|e| {
            io_error("read the send log", Path::new(&rel), &e)
                .help("the send log is a UTF-8 text file written by privsite; restore it from a backup")
        })?;
        let (states, warnings) = parse(&text, &rel);
        let flushes = Mutex::new(Flushes { written: 0, flushed: 0, flushing: false });
        let log = SendLog { file, rel, flushes, flushed: Condvar::new() };
        if created || text.is_empty() {
            log.append(HEADER, true)?;
            // Make the new file's name durable too.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        } else if !text.ends_with('\n') {
            // End the line a crash cut short, so the next record starts on its own line.
            log.append("\n", true)?;
        }
        Ok((log, Previous { states, warnings }))
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
    fn concurrent_records_stay_whole_lines() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (log, _) = SendLog::open(tmp.path(), "policy", 1).expect("open");
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
            let (log, previous) = SendLog::open(tmp.path(), "policy", 2).expect("open");
            assert!(previous.states.is_empty());
            assert!(SendLog::open(tmp.path(), "policy", 2).is_err(), "locked");
            log.record("a@x.org", "<1@x>", Event::Sent, "250 2.0.0 ok\r\nqueued").expect("record");
        }
        let text = fs::read_to_string(tmp.path().join("notices/policy/v2.log")).expect("read");
        assert!(text.ends_with("\t<1@x>\t250 2.0.0 ok  queued\n"), "{text}");
        let (_, previous) = SendLog::open(tmp.path(), "policy", 2).expect("reopen");
        assert_eq!(previous.states["a@x.org"], State::Sent);
    }
}
