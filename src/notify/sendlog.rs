//! The send log: the durable record of who was sent which version, one
//! append-only file per version (`notices/<doc>/v<N>.log`). A line is written
//! and flushed to disk right after the server accepted that message (its 250)
//! and before the next message goes out, so a run that is killed or loses its
//! connection is simply run again: whoever is recorded as sent is skipped, and
//! nobody else is. The file is locked while a run sends, so two runs cannot
//! send the same version at once.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;

use crate::diag::{Diagnostic, Position, io_error};

pub const DIR: &str = "notices";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The server accepted the message.
    Sent,
    /// The connection broke after the data was sent: it may or may not have arrived.
    Unknown,
}

impl State {
    fn word(self) -> &'static str {
        match self {
            State::Sent => "sent",
            State::Unknown => "unknown",
        }
    }
}

/// The log's path relative to the site root.
pub fn path(doc: &str, version: u32) -> String {
    format!("{DIR}/{doc}/v{version}.log")
}

const HEADER: &str = "# privsite notify: one line per recipient, written when the server answered.\n# state<TAB>address<TAB>time<TAB>message-id<TAB>server response\n";

/// The state of each address in a log's text: a later line wins, but `sent`
/// is final. Lines that cannot be read are returned as warnings.
pub fn parse(text: &str, file: &str) -> (HashMap<String, State>, Vec<Diagnostic>) {
    let mut states = HashMap::new();
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
        let state = match fields.first() {
            Some(&"sent") => Some(State::Sent),
            Some(&"unknown") => Some(State::Unknown),
            _ => None,
        };
        match state {
            Some(state) if fields.len() >= enough && !fields[1].is_empty() => {
                let entry = states.entry(fields[1].to_string()).or_insert(state);
                if *entry != State::Sent {
                    *entry = state;
                }
            }
            _ => problems.push(
                Diagnostic::warning("this line of the send log cannot be read and is ignored")
                    .in_file(file)
                    .at(Position::at_line(text, i + 1, 1))
                    .help("the send log is written by `privsite notify`; do not edit it by hand"),
            ),
        }
    }
    (states, problems)
}

/// What the log of `doc` v`version` records, without creating or locking it
/// (for `--dry-run` and `--outbox`, which send nothing).
pub fn read(root: &Path, doc: &str, version: u32) -> Result<Previous, Diagnostic> {
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

pub struct SendLog {
    file: File,
    rel: String,
}

/// What a log already records, read when it is opened.
pub struct Previous {
    pub states: HashMap<String, State>,
    pub warnings: Vec<Diagnostic>,
}

impl SendLog {
    /// Opens (or creates) the log of `doc` v`version` and locks it.
    pub fn open(root: &Path, doc: &str, version: u32) -> Result<(SendLog, Previous), Diagnostic> {
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
        let mut log = SendLog { file, rel };
        if created || text.is_empty() {
            log.append(HEADER)?;
            // Make the new file's name durable too.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        } else if !text.ends_with('\n') {
            // End the line a crash cut short, so the next record starts on its own line.
            log.append("\n")?;
        }
        Ok((log, Previous { states, warnings }))
    }

    /// Records one recipient's outcome and waits until it is on disk.
    pub fn record(
        &mut self,
        key: &str,
        message_id: &str,
        state: State,
        response: &str,
    ) -> Result<(), Diagnostic> {
        let clean = |s: &str| s.replace(|c: char| c.is_control(), " ");
        let line = format!(
            "{}\t{}\t{}\t{}\t{}\n",
            state.word(),
            clean(key),
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
            clean(message_id),
            clean(response)
        );
        self.append(&line)
    }

    fn append(&mut self, text: &str) -> Result<(), Diagnostic> {
        let fail = |e: std::io::Error| {
            io_error("write the send log", Path::new(&self.rel), &e)
                .help("free disk space or fix the permissions, then run the same command again: nobody recorded as sent is sent again")
        };
        self.file.write_all(text.as_bytes()).map_err(fail)?;
        self.file.sync_data().map_err(fail)
    }

    pub fn rel(&self) -> &str {
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
            let (mut log, previous) = SendLog::open(tmp.path(), "policy", 2).expect("open");
            assert!(previous.states.is_empty());
            assert!(SendLog::open(tmp.path(), "policy", 2).is_err(), "locked");
            log.record("a@x.org", "<1@x>", State::Sent, "250 2.0.0 ok\r\nqueued").expect("record");
        }
        let text = fs::read_to_string(tmp.path().join("notices/policy/v2.log")).expect("read");
        assert!(text.ends_with("\t<1@x>\t250 2.0.0 ok  queued\n"), "{text}");
        let (_, previous) = SendLog::open(tmp.path(), "policy", 2).expect("reopen");
        assert_eq!(previous.states["a@x.org"], State::Sent);
    }
}
