//! `privsite serve`: watch → rebuild in memory → swap → tell open pages to
//! reload. The loop lives here; the rules are in the submodules (which events
//! count, how a path resolves, the event stream, the HTML changes).
//! Nothing is ever written to disk.

pub(crate) mod events;
pub(crate) mod http;
pub(crate) mod listen;
pub(crate) mod page;
pub(crate) mod preview;
pub(crate) mod reload;
pub(crate) mod server;
pub(crate) mod watch;

use std::io::ErrorKind;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics, io_error};
use crate::pipeline::Memo;
use crate::render::Output;
use server::{Shared, Snapshot};

pub(crate) struct Options {
    pub(crate) root: Option<PathBuf>,
    pub(crate) bind: IpAddr,
    /// 0: any free port.
    pub(crate) port: u16,
    pub(crate) open: bool,
}

/// How many ports after the requested one are tried when it is taken.
const PORT_TRIES: u16 = 20;
/// A burst of events ends when none came for this long…
const QUIET: Duration = Duration::from_millis(30);
/// …or this long after a save ended (a file closed after writing, or renamed in)…
const SAVED: Duration = Duration::from_millis(3);
/// …or at the latest this long after the first.
const MAX_WAIT: Duration = Duration::from_millis(500);

pub(crate) fn serve(options: &Options) -> Result<(), Diagnostics> {
    let root = crate::load::find_root(options.root.as_deref().unwrap_or(Path::new(".")))?;
    let root = root.canonicalize().map_err(|e| io_error("resolve", &root, &e))?;
    let listener = bind(options.bind, options.port)?;
    let addr = listener.local_addr().map_err(|e| Diagnostic::error(format!("cannot serve: {e}")))?;
    let url = match addr {
        SocketAddr::V4(a) => format!("http://{}:{}/", a.ip(), a.port()),
        SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
    };
    if !addr.ip().is_loopback() {
        say!(
            "warning: serving on {} — anyone who can reach this machine on port {} can read the preview, unreleased drafts included",
            addr.ip(),
            addr.port()
        );
    }

    let session =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let mut rebuilds = Rebuilds {
        root: root.clone(),
        base_url: url.clone(),
        session,
        count: 0,
        warnings: None,
        memo: Arc::default(),
    };
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Arc::new(Snapshot::new(format!("{session}-0"), Arc::default(), None))),
        clients: reload::Clients::default(),
    });
    rebuilds.run(&shared, "");

    let (tx, events) = mpsc::channel();
    let mut watch = watch::Watch::new(&root, tx)?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        if let Err(e) = signal_hook::flag::register(signal, Arc::clone(&stop)) {
            say!("warning: cannot catch signal {signal} ({e}); stop the server by closing the terminal");
        }
    }
    let door = listen::Door::open(listener, &shared)
        .map_err(|e| Diagnostic::error(format!("cannot serve on {addr}: {e}")))?;
    say!("Serving {} at {url} (Ctrl-C to stop); it reloads on every saved change.", root.display());
    if options.open {
        open_browser(&url);
    }

    while !stop.load(Ordering::SeqCst) {
        match events.recv_timeout(Duration::from_millis(200)) {
            Ok(event) => {
                let mut batch = vec![event];
                collect_burst(&events, &mut batch);
                let changed = relevant(&root, &batch);
                let replaced: Vec<PathBuf> = batch
                    .iter()
                    .filter_map(|e| e.as_ref().ok())
                    .filter(|e| events::may_replace(&e.kind))
                    .flat_map(|e| e.paths.clone())
                    .collect();
                if let Err(e) = watch.sync(&replaced) {
                    say!("warning: cannot watch a folder of the site: {e}");
                }
                if let Some(what) = changed {
                    rebuilds.forget(&batch);
                    rebuilds.run(&shared, &what);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    door.stop(&shared);
    say!("Stopped.");
    Ok(())
}

type Event = notify::Result<notify::Event>;

/// Waits for the rest of a burst of events (an editor's save is several).
fn collect_burst(events: &Receiver<Event>, batch: &mut Vec<Event>) {
    let started = Instant::now();
    while started.elapsed() < MAX_WAIT {
        let saved = batch.last().is_some_and(|e| e.as_ref().is_ok_and(|e| events::ends_a_save(&e.kind)));
        match events.recv_timeout(if saved { SAVED } else { QUIET }) {
            Ok(event) => batch.push(event),
            Err(_) => break,
        }
    }
}

/// What of the batch calls for a rebuild, for the log (`None`: nothing).
fn relevant(root: &Path, batch: &[Event]) -> Option<String> {
    let mut changed: Vec<String> = Vec::new();
    for event in batch {
        match event {
            Ok(event) if event.need_rescan() => changed.push("(many files)".to_string()),
            Ok(event) => {
                for path in event.paths.iter().filter(|p| events::triggers_rebuild(root, &event.kind, p)) {
                    let shown = path.strip_prefix(root).unwrap_or(path).display().to_string();
                    if !changed.contains(&shown) {
                        changed.push(shown);
                    }
                }
            }
            Err(e) => changed.push(format!("(watch error: {e})")),
        }
    }
    match changed.len() {
        0 => None,
        1..=3 => Some(changed.join(", ")),
        n => Some(format!("{}, … ({n} files)", changed[..2].join(", "))),
    }
}

/// The files (or folders) a batch of events says changed, relative to the
/// root; `None` when it cannot say which (a rescan, a watch error). Files
/// merely opened are not among them: every build opens every folder.
fn changed_files(root: &Path, batch: &[Event]) -> Option<Vec<String>> {
    let mut changed = Vec::new();
    for event in batch {
        let event = event.as_ref().ok().filter(|e| !e.need_rescan())?;
        for path in event.paths.iter().filter(|p| events::triggers_rebuild(root, &event.kind, p)) {
            changed.push(path.strip_prefix(root).ok()?.to_string_lossy().replace('\\', "/"));
        }
    }
    Some(changed)
}

/// Rebuilds the preview and swaps it in, reporting to the terminal.
struct Rebuilds {
    root: PathBuf,
    base_url: String,
    session: u128,
    count: u64,
    /// The warnings of the last good build, printed again only when they change.
    warnings: Option<Vec<Diagnostic>>,
    /// What the last build made, for the next to take what did not change.
    memo: Arc<Memo>,
}

impl Rebuilds {
    /// Forgets the files the events say changed, so the next build reads them again.
    fn forget(&self, batch: &[Event]) {
        match changed_files(&self.root, batch) {
            Some(paths) => paths.iter().for_each(|rel| self.memo.files.forget(rel)),
            None => self.memo.files.forget_all(),
        }
    }

    fn run(&mut self, shared: &Shared, changed: &str) {
        let started = Instant::now();
        let result = crate::cmd::build_date(None)
            .map_err(Diagnostics::from)
            .and_then(|date| preview::build(&self.root, date, &self.base_url, &self.memo));
        let previous = shared.current();
        self.count += 1;
        let generation = format!("{}-{}", self.session, self.count);
        let took = started.elapsed().as_secs_f64();
        let what = if changed.is_empty() { String::new() } else { format!(" ({changed})") };
        match result {
            Ok(preview) => {
                if self.warnings.as_ref() != Some(&preview.warnings) {
                    crate::cmd::report(&preview.warnings);
                    self.warnings = Some(preview.warnings);
                }
                if previous.errors.is_none() && *previous.output == *preview.output {
                    say!("No change{what}.");
                    return;
                }
                let pages = count_pages(&preview.output);
                let drafts = preview.drafts;
                let tabs = shared.swap(Snapshot::new(generation, preview.output, None));
                if self.count == 1 {
                    say!("Built {pages} pages in {took:.2} s.");
                } else {
                    say!(
                        "Built {pages} pages in {took:.2} s{what}; reloading {}.",
                        crate::diag::count(tabs, "open page")
                    );
                }
                if !drafts.is_empty() && self.count == 1 {
                    say!("Unreleased changes are shown as drafts: {}.", drafts.join(", "));
                }
            }
            Err(Diagnostics(found)) => {
                crate::cmd::report(&found);
                self.warnings = None;
                let errors = found.iter().filter(|d| d.is_error()).count();
                let tabs = shared.swap(Snapshot::new(
                    generation,
                    Arc::clone(&previous.output),
                    Some(Arc::new(found)),
                ));
                say!(
                    "The preview has {}{what}; {} show them until the next good save.",
                    crate::diag::count(errors, "error"),
                    crate::diag::count(tabs, "open page")
                );
            }
        }
    }
}

fn count_pages(output: &Output) -> usize {
    output.keys().filter(|k| k.ends_with(".html")).count()
}

/// Binds `port` on `ip`, or the next free port if it is taken (saying so).
fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, Diagnostic> {
    let last = if port == 0 { 0 } else { port.saturating_add(PORT_TRIES) };
    for candidate in port..=last {
        match TcpListener::bind((ip, candidate)) {
            Ok(listener) => {
                if candidate != port {
                    say!("Port {port} is taken; using port {candidate} instead.");
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == ErrorKind::AddrInUse => continue,
            Err(e) => {
                return Err(Diagnostic::error(format!("cannot listen on {ip} port {candidate}: {e}"))
                    .help("choose another address with --bind or another port with --port"));
            }
        }
    }
    Err(Diagnostic::error(format!("ports {port} to {last} on {ip} are all taken"))
        .help("choose a free port with --port N, or --port 0 for any free one"))
}

/// Opens the preview in the default browser; a failure only warns.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        say!("warning: cannot open a browser ({e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_gives_the_next_free_one() {
        let taken = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let Some(next) = port.checked_add(1) else { return };
        let listener = bind("127.0.0.1".parse().unwrap(), port).unwrap();
        assert!(listener.local_addr().unwrap().port() >= next);
        let any = bind("127.0.0.1".parse().unwrap(), 0).unwrap();
        assert_ne!(any.local_addr().unwrap().port(), 0);
    }

    fn event(kind: notify::EventKind, path: &str) -> Event {
        Ok(notify::Event::new(kind).add_path(PathBuf::from("/site").join(path)))
    }

    #[test]
    fn a_burst_of_events_is_one_batch_and_only_inputs_count() {
        use notify::event::{AccessKind, CreateKind, ModifyKind, RenameMode};
        let (tx, rx) = mpsc::channel();
        let sender = std::thread::spawn(move || {
            // An editor's save: a temporary file, written, renamed over the original.
            for e in [
                event(notify::EventKind::Create(CreateKind::File), "content/p/.10-a.de.md.swp"),
                event(notify::EventKind::Modify(ModifyKind::Name(RenameMode::To)), "content/p/10-a.de.md"),
                event(notify::EventKind::Access(AccessKind::Read), "content/p/20-b.de.md"),
            ] {
                tx.send(e).unwrap();
            }
            // Held open past the burst: collecting must end by time, not by disconnection.
            std::thread::sleep(MAX_WAIT * 2);
        });
        let first = rx.recv().unwrap();
        let mut batch = vec![first];
        let started = Instant::now();
        collect_burst(&rx, &mut batch);
        assert!(started.elapsed() < MAX_WAIT, "ends when the burst is quiet");
        assert_eq!(batch.len(), 3);
        assert_eq!(relevant(Path::new("/site"), &batch).as_deref(), Some("content/p/10-a.de.md"));
        let only_reads = [event(notify::EventKind::Access(AccessKind::Read), "content/p/10-a.de.md")];
        assert_eq!(relevant(Path::new("/site"), &only_reads), None);
        sender.join().unwrap();
    }

    #[test]
    fn only_files_that_changed_are_forgotten_not_those_a_build_opened() {
        use notify::event::{AccessKind, AccessMode, ModifyKind};
        let root = Path::new("/site");
        let opened = [
            event(notify::EventKind::Access(AccessKind::Open(AccessMode::Any)), "content/p"),
            event(notify::EventKind::Access(AccessKind::Close(AccessMode::Read)), "versions/p/v1/10-a.de.md"),
        ];
        assert_eq!(changed_files(root, &opened), Some(Vec::new()));
        let saved = [
            event(notify::EventKind::Access(AccessKind::Open(AccessMode::Any)), "content/p"),
            event(notify::EventKind::Modify(ModifyKind::Any), "content/p/10-a.de.md"),
        ];
        assert_eq!(changed_files(root, &saved), Some(vec!["content/p/10-a.de.md".to_string()]));
        let rescan = [Ok(notify::Event::new(notify::EventKind::Other).set_flag(notify::event::Flag::Rescan))];
        assert_eq!(changed_files(root, &rescan), None);
    }

    #[test]
    fn a_bad_address_is_an_error_not_a_panic() {
        let err = bind("192.0.2.1".parse().unwrap(), 0).unwrap_err();
        assert!(err.message.contains("cannot listen on 192.0.2.1"), "{}", err.message);
    }
}
