//! The preview's front door: accepting connections, reading request heads
//! within fixed bounds, and refusing what is not addressed to us. Everything
//! here is bounded so that a hostile page or a flood on loopback cannot
//! exhaust the machine: a fixed pool of workers, a short queue (503 beyond
//! it), a size and time limit on each request head, and event streams held
//! as sockets in a list rather than as a thread each (see [`reload`]).
//!
//! Requests whose `Host` is not the bound address (or `localhost`) are
//! refused with 403: that is what stops a web page from reading the preview
//! through DNS rebinding.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::serve::http;
use crate::serve::server::{self, Shared};

/// Workers answering requests; event streams do not hold one.
const WORKERS: usize = 8;
/// Accepted connections waiting for a worker; beyond that, 503.
const QUEUE: usize = 64;
/// The request line and headers together.
const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;
/// How long a client may take to send its request head, and to read our answer.
const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// What a worker needs of a request.
#[derive(Debug)]
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) target: String,
}

/// Why a request head was not accepted: the status to answer with.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Refused(pub(crate) u16, pub(crate) &'static str);

/// Parses a complete request head, checking its `Host` against `bound`.
/// `Ok(None)`: the head is not complete yet.
pub(crate) fn parse_head(buf: &[u8], bound: SocketAddr) -> Result<Option<Request>, Refused> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(buf) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) if buf.len() >= MAX_HEAD => {
            return Err(Refused(431, "Request Header Fields Too Large"));
        }
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(Refused(431, "Request Header Fields Too Large")),
        Err(_) => return Err(Refused(400, "Bad Request")),
    }
    let mut hosts = parsed.headers.iter().filter(|h| h.name.eq_ignore_ascii_case("host"));
    let host = match (hosts.next(), hosts.next()) {
        (Some(h), None) => std::str::from_utf8(h.value).map_err(|_| Refused(400, "Bad Request"))?,
        (None, _) => return Err(Refused(400, "Bad Request: a Host header is required")),
        (Some(_), Some(_)) => return Err(Refused(400, "Bad Request: more than one Host header")),
    };
    if !http::host_allowed(host, bound) {
        return Err(Refused(403, "Forbidden: this preview answers only requests addressed to it"));
    }
    let (Some(method), Some(target)) = (parsed.method, parsed.path) else {
        return Err(Refused(400, "Bad Request"));
    };
    Ok(Some(Request { method: method.to_string(), target: target.to_string() }))
}

/// Reads a request head from `stream` within [`MAX_HEAD`] bytes.
fn read_head(stream: &mut TcpStream, bound: SocketAddr) -> Result<Request, Option<Refused>> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let room = (MAX_HEAD - buf.len()).min(chunk.len());
        let n = match stream.read(&mut chunk[..room]) {
            Ok(0) | Err(_) => return Err(None),
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        if let Some(request) = parse_head(&buf, bound).map_err(Some)? {
            return Ok(request);
        }
    }
}

/// A plain-text answer, then the connection is closed.
pub(crate) fn write_refusal(stream: &mut TcpStream, refused: &Refused) -> io::Result<()> {
    let body = format!("{}\n", refused.1);
    let reason = refused.1.split(':').next().unwrap_or(refused.1);
    write!(
        stream,
        "HTTP/1.1 {} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        refused.0,
        body.len()
    )?;
    stream.flush()
}

/// The running front door; [`Door::stop`] ends it.
pub(crate) struct Door {
    stop: Arc<AtomicBool>,
    addr: SocketAddr,
    threads: Vec<JoinHandle<()>>,
}

impl Door {
    pub(crate) fn open(listener: TcpListener, shared: &Arc<Shared>) -> io::Result<Door> {
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let (queue, waiting): (SyncSender<TcpStream>, Receiver<TcpStream>) = mpsc::sync_channel(QUEUE);
        let waiting = Arc::new(Mutex::new(waiting));
        let mut threads = Vec::new();
        for _ in 0..WORKERS {
            let (waiting, shared) = (Arc::clone(&waiting), Arc::clone(shared));
            threads.push(std::thread::spawn(move || {
                loop {
                    let next = waiting.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok(stream) = next else { break };
                    handle(stream, addr, &shared);
                }
            }));
        }
        let accept_stop = Arc::clone(&stop);
        threads.push(std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if let Err(TrySendError::Full(mut stream)) = queue.try_send(stream) {
                    // Never wait for a client here: the answer fits in the socket buffer.
                    let _ = stream.set_nonblocking(true);
                    let _ =
                        write_refusal(&mut stream, &Refused(503, "Service Unavailable: too many requests"));
                }
            }
        }));
        let ticker_stop = Arc::clone(&stop);
        let shared = Arc::clone(shared);
        threads.push(std::thread::spawn(move || {
            let mut ticks = 0u32;
            while !ticker_stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_secs(1));
                ticks += 1;
                shared.clients.tick(ticks.is_multiple_of(15));
            }
        }));
        Ok(Door { stop, addr, threads })
    }

    /// Stops accepting, lets the workers finish what they hold, and waits for them.
    pub(crate) fn stop(self, shared: &Shared) {
        self.stop.store(true, Ordering::SeqCst);
        shared.clients.close_all();
        // Wakes the accept loop, which then drops the queue and so ends the workers.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// One connection: one request, one answer (`Connection: close`), or an
/// event stream handed over to the list of open streams.
fn handle(mut stream: TcpStream, bound: SocketAddr, shared: &Arc<Shared>) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    match read_head(&mut stream, bound) {
        Ok(request) => server::respond(stream, &request, shared),
        Err(Some(refused)) => {
            let _ = write_refusal(&mut stream, &refused);
        }
        Err(None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound() -> SocketAddr {
        "127.0.0.1:4321".parse().unwrap()
    }

    #[test]
    fn a_head_addressed_to_us_is_read_once_complete() {
        let head = b"GET /en/?x HTTP/1.1\r\nHost: 127.0.0.1:4321\r\nAccept: */*\r\n\r\n";
        assert!(parse_head(&head[..20], bound()).unwrap().is_none());
        let request = parse_head(head, bound()).unwrap().unwrap();
        assert_eq!((request.method.as_str(), request.target.as_str()), ("GET", "/en/?x"));
        let local = b"GET / HTTP/1.1\r\nhost: LOCALHOST:4321\r\n\r\n";
        assert!(parse_head(local, bound()).unwrap().is_some());
    }

    #[test]
    fn other_hosts_oversized_and_malformed_heads_are_refused() {
        let refuse = |head: &[u8]| parse_head(head, bound()).unwrap_err().0;
        assert_eq!(refuse(b"GET / HTTP/1.1\r\nHost: evil.example:4321\r\n\r\n"), 403);
        assert_eq!(refuse(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n"), 403);
        assert_eq!(refuse(b"GET / HTTP/1.1\r\n\r\n"), 400);
        assert_eq!(refuse(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:4321\r\nHost: evil:4321\r\n\r\n"), 400);
        assert_eq!(refuse(b"\x00\x01 / HTTP/1.1\r\n\r\n"), 400);
        let mut many = b"GET / HTTP/1.1\r\n".to_vec();
        for i in 0..MAX_HEADERS + 1 {
            many.extend_from_slice(format!("X-{i}: y\r\n").as_bytes());
        }
        many.extend_from_slice(b"\r\n");
        assert_eq!(refuse(&many), 431);
        let long = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(refuse(long.as_bytes()), 431);
    }
}
