//! Live reload over Server-Sent Events on the same origin: the script serve
//! injects, the event stream it listens to, and the list of open streams.
//!
//! Every build the server keeps has a generation id; pages are sent with the
//! generation they were taken from, and each stream announces the current
//! generation when it opens and after every rebuild. The script reloads the
//! page when the two differ, so a rebuild that finishes between loading a
//! page and opening its stream is not missed.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// The event stream's path.
pub const EVENTS_PATH: &str = "/__privsite/events";
/// The script's path.
pub const SCRIPT_PATH: &str = "/__privsite/reload.js";

/// Reloads the page when the preview was rebuilt. Same origin only, the URL
/// built from `location` (so IPv6 and any host name work).
pub const SCRIPT: &str = r#"// Injected by `privsite serve` only: a built site carries no script.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script ? script.getAttribute("data-generation") : null;
  var events = new EventSource(location.protocol + "//" + location.host + "/__privsite/events");
  events.addEventListener("generation", function (event) {
    if (event.data !== shown) {
      events.close();
      location.reload();
    }
  });
})();
"#;

/// The `<script>` element for a page taken from build `generation`.
pub fn script_tag(generation: &str) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\" defer></script>")
}

/// One Server-Sent Event announcing a generation.
pub fn event(generation: &str) -> String {
    format!("event: generation\ndata: {generation}\n\n")
}

/// The open event streams.
#[derive(Default)]
pub struct Clients {
    streams: Mutex<Vec<Sender<String>>>,
}

impl Clients {
    /// A new stream's end of the channel.
    pub fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        self.streams.lock().unwrap_or_else(PoisonError::into_inner).push(tx);
        rx
    }

    /// Announces a new generation to every open stream; returns how many there are.
    pub fn announce(&self, generation: &str) -> usize {
        let mut streams = self.streams.lock().unwrap_or_else(PoisonError::into_inner);
        streams.retain(|tx| tx.send(generation.to_string()).is_ok());
        streams.len()
    }

    /// Ends every stream (on shutdown).
    pub fn close_all(&self) {
        self.streams.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }
}

/// Writes an event stream to `out` (the raw connection): the response head,
/// the current generation, then each announced one, with a keep-alive
/// comment whenever nothing was sent for `keep_alive`. Returns when the
/// client goes away or the server closes the stream.
pub fn stream(
    out: &mut dyn Write,
    head: &str,
    current: &str,
    announced: &Receiver<String>,
    keep_alive: Duration,
) -> io::Result<()> {
    out.write_all(head.as_bytes())?;
    out.write_all(format!("retry: 1000\n\n{}", event(current)).as_bytes())?;
    out.flush()?;
    loop {
        let text = match announced.recv_timeout(keep_alive) {
            Ok(generation) => event(&generation),
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_sends_the_current_generation_then_each_new_one_and_keeps_alive() {
        let clients = Clients::default();
        let rx = clients.subscribe();
        assert_eq!(clients.announce("s-2"), 1);
        let sender = std::thread::spawn({
            let clients = std::sync::Arc::new(clients);
            move || {
                std::thread::sleep(Duration::from_millis(120));
                clients.announce("s-3");
                clients.close_all();
            }
        });
        let mut out = Vec::new();
        stream(&mut out, "HEAD\r\n\r\n", "s-1", &rx, Duration::from_millis(40)).expect("written");
        sender.join().expect("joined");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.starts_with("HEAD\r\n\r\nretry: 1000\n\nevent: generation\ndata: s-1\n\n"), "{text}");
        let second = text.find("data: s-2\n\n").expect("s-2 announced");
        let third = text.find("data: s-3\n\n").expect("s-3 announced");
        assert!(second < third);
        assert!(text[second..third].contains(": keep-alive\n\n"), "{text}");
    }

    #[test]
    fn streams_that_went_away_are_dropped() {
        let clients = Clients::default();
        let gone = clients.subscribe();
        let _open = clients.subscribe();
        drop(gone);
        assert_eq!(clients.announce("x"), 1);
    }

    #[test]
    fn the_script_reloads_only_on_another_generation() {
        assert!(SCRIPT.contains(EVENTS_PATH));
        assert!(SCRIPT.contains("event.data !== shown"));
        assert_eq!(
            script_tag("a-1"),
            "<script src=\"/__privsite/reload.js\" data-generation=\"a-1\" defer></script>"
        );
    }
}
