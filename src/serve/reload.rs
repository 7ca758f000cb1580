//! Live reload over Server-Sent Events on the same origin: the script serve
//! injects, the event stream it listens to, and the list of open streams.
//!
//! Every build the server keeps has a generation id; pages are sent with the
//! generation they were taken from, and each stream announces the current
//! generation when it opens and after every rebuild. The script reloads the
//! page when the two differ, so a rebuild that finishes between loading a
//! page and opening its stream is not missed.

use std::io::{self, Write};
use std::net::TcpStream;
use std::sync::{Mutex, PoisonError};

/// The event stream's path.
pub(crate) const EVENTS_PATH: &str = "/__privsite/events";
/// The script's path.
pub(crate) const SCRIPT_PATH: &str = "/__privsite/reload.js";

/// Reloads the page when the preview was rebuilt. Same origin only, the URL
/// built from `location` (so IPv6 and any host name work).
pub(crate) const SCRIPT: &str = r#"// Injected by `privsite serve` only: a built site carries no script.
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
pub(crate) fn script_tag(generation: &str) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\" defer></script>")
}

/// One Server-Sent Event announcing a generation.
pub(crate) fn event(generation: &str) -> String {
    format!("event: generation\ndata: {generation}\n\n")
}

/// How many event streams may be open at once; one more is answered 503.
pub(crate) const MAX_STREAMS: usize = 256;

/// The open event streams: their sockets, written to when something is
/// announced, so a stream costs a descriptor and no thread.
#[derive(Default)]
pub(crate) struct Clients {
    streams: Mutex<Vec<TcpStream>>,
}

impl Clients {
    /// Takes over a stream and sends it `opening` (see [`opening`]); `Err`
    /// gives it back untouched when [`MAX_STREAMS`] are open.
    pub(crate) fn subscribe(&self, mut stream: TcpStream, opening: &str) -> Result<(), TcpStream> {
        let mut streams = self.streams.lock().unwrap_or_else(PoisonError::into_inner);
        if streams.len() >= MAX_STREAMS {
            streams.retain(is_open);
        }
        if streams.len() >= MAX_STREAMS {
            return Err(stream);
        }
        // From now on a client that does not read is dropped, never waited for.
        if stream.set_nonblocking(true).is_ok() && write_now(&mut stream, opening.as_bytes()) {
            streams.push(stream);
        }
        Ok(())
    }

    /// Announces a new generation to every open stream; returns how many there are.
    pub(crate) fn announce(&self, generation: &str) -> usize {
        self.send(&event(generation))
    }

    /// Drops the streams whose client went away; with `keep_alive`, also
    /// sends a comment so that proxies and browsers keep the stream open.
    pub(crate) fn tick(&self, keep_alive: bool) {
        if keep_alive {
            self.send(": keep-alive\n\n");
        } else {
            self.streams.lock().unwrap_or_else(PoisonError::into_inner).retain(is_open);
        }
    }

    fn send(&self, text: &str) -> usize {
        let mut streams = self.streams.lock().unwrap_or_else(PoisonError::into_inner);
        streams.retain_mut(|stream| write_now(stream, text.as_bytes()));
        streams.len()
    }

    #[cfg(test)]
    fn open_streams(&self) -> usize {
        self.streams.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Ends every stream (on shutdown).
    pub(crate) fn close_all(&self) {
        self.streams.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }
}

/// Writes all of `bytes` without waiting; false if the client went away or
/// does not read (its socket buffer is full), and the stream is to be dropped.
fn write_now(stream: &mut TcpStream, bytes: &[u8]) -> bool {
    stream.write_all(bytes).and_then(|()| stream.flush()).is_ok()
}

/// A stream's client sends nothing after its request: end of input means it left.
fn is_open(stream: &TcpStream) -> bool {
    let mut byte = [0u8; 1];
    match stream.peek(&mut byte) {
        Ok(0) => false,
        Ok(_) => true,
        Err(e) => e.kind() == io::ErrorKind::WouldBlock,
    }
}

/// The start of an event stream: the response head, the reconnection delay
/// and the current generation.
pub(crate) fn opening(head: &str, current: &str) -> String {
    format!("{head}retry: 1000\n\n{}", event(current))
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::net::TcpListener;

    use super::*;

    /// A connected pair: the server's end and the client's.
    fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        (listener.accept().unwrap().0, client)
    }

    #[test]
    fn open_streams_get_each_announcement_and_keep_alives() {
        let clients = Clients::default();
        let (server, mut client) = pair();
        clients.subscribe(server, "").unwrap();
        assert_eq!(clients.announce("s-2"), 1);
        clients.tick(true);
        clients.close_all();
        let mut text = String::new();
        client.read_to_string(&mut text).unwrap();
        assert_eq!(text, "event: generation\ndata: s-2\n\n: keep-alive\n\n");
        assert!(opening("HEAD\r\n\r\n", "s-1").ends_with("retry: 1000\n\nevent: generation\ndata: s-1\n\n"));
    }

    #[test]
    fn streams_that_went_away_are_dropped_and_the_cap_holds() {
        let clients = Clients::default();
        let (gone, client) = pair();
        clients.subscribe(gone, "").unwrap();
        drop(client);
        std::thread::sleep(std::time::Duration::from_millis(50));
        clients.tick(false);
        assert_eq!(clients.open_streams(), 0);
        let mut kept = Vec::new();
        for _ in 0..MAX_STREAMS {
            let (server, client) = pair();
            clients.subscribe(server, "").unwrap();
            kept.push(client);
        }
        let (extra, _client) = pair();
        assert!(clients.subscribe(extra, "").is_err(), "one beyond the cap is refused");
        drop(kept.pop());
        std::thread::sleep(std::time::Duration::from_millis(50));
        let (again, _client) = pair();
        assert!(clients.subscribe(again, "").is_ok(), "a place freed by a client that left is reused");
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
