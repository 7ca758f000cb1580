//! `privsite serve` is not a door into the machine: it answers only requests
//! addressed to it (DNS rebinding), bounds request heads, open event streams
//! and queued connections, and leaks no thread or descriptor over time.
//! Threads and descriptors are counted from `/proc` (Linux).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::serve::Server;
use crate::support::{Site, section};

/// Sends `head` as it is and reads the answer: its status and body.
fn raw(addr: &str, head: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    // The server may answer and close before reading all of an oversized head.
    let _ = stream.write_all(head);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let status = raw.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = raw.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string();
    (status, body)
}

fn get(addr: &str, host: &str, target: &str) -> (u16, String) {
    raw(addr, format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes())
}

fn port(addr: &str) -> &str {
    addr.rsplit(':').next().unwrap()
}

/// Entries of `/proc/<pid>/<what>` (`task`: threads, `fd`: descriptors).
fn count(pid: u32, what: &str) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/{what}")).map_or(0, Iterator::count)
}

/// Resident memory in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Opens an event stream and reads up to its first event.
fn open_stream(addr: &str) -> Result<BufReader<TcpStream>, u16> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET /__privsite/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    if !status.starts_with("HTTP/1.1 200") {
        return Err(status.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0));
    }
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the stream ended before its first event");
        if line.starts_with("data: ") {
            return Ok(reader);
        }
    }
}

#[test]
fn requests_for_another_host_are_refused_so_dns_rebinding_reads_nothing() {
    let site = Site::released();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Geheimer Entwurf."));
    let server = Server::start(&site);
    let addr = server.addr.as_str();
    let p = port(addr);
    for host in [addr.to_string(), format!("localhost:{p}"), format!("127.0.0.1:{p}")] {
        let (status, body) = get(addr, &host, "/de/policy/");
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("Geheimer Entwurf."), "{host}");
    }
    for host in [
        format!("attacker.example:{p}"),
        format!("127.0.0.1.attacker.example:{p}"),
        "localhost".to_string(),
        format!("127.0.0.1:{}", p.parse::<u16>().unwrap().wrapping_add(1)),
    ] {
        for target in ["/de/policy/", "/__privsite/events", "/style.css"] {
            let (status, body) = get(addr, &host, target);
            assert_eq!(status, 403, "{host} {target}: {body}");
            assert!(!body.contains("Geheimer"), "{host} {target}");
        }
    }
    let (status, _) = raw(addr, b"GET /de/policy/ HTTP/1.1\r\n\r\n");
    assert_eq!(status, 400, "no Host at all");
}

#[test]
fn oversized_and_malformed_request_heads_are_refused_and_it_keeps_answering() {
    let site = Site::released();
    let server = Server::start(&site);
    let addr = server.addr.as_str();
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: {addr}\r\n\r\n", "a".repeat(1 << 20));
    assert_eq!(raw(addr, long_line.as_bytes()).0, 431);
    let mut many = format!("GET / HTTP/1.1\r\nHost: {addr}\r\n");
    for i in 0..1000 {
        many.push_str(&format!("X-Filler-{i}: y\r\n"));
    }
    many.push_str("\r\n");
    assert_eq!(raw(addr, many.as_bytes()).0, 431);
    let huge_header = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nX-Big: {}\r\n\r\n", "b".repeat(1 << 20));
    assert_eq!(raw(addr, huge_header.as_bytes()).0, 431);
    assert_eq!(raw(addr, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n").0, 400, "a TLS hello");
    assert_eq!(get(addr, addr, "/en/policy/").0, 200);
}

#[test]
fn open_event_streams_are_capped_and_a_flood_leaves_it_answering_with_bounded_memory() {
    let site = Site::released();
    let server = Server::start(&site);
    let addr = server.addr.clone();
    assert_eq!(get(&addr, &addr, "/en/policy/").0, 200);
    let (threads_before, rss_before) = (count(server.pid(), "task"), rss_kib(server.pid()));

    let mut streams: Vec<_> = (0..200).map(|_| open_stream(&addr).expect("200 streams fit")).collect();
    let flood = Instant::now();
    let workers: Vec<_> = (0..8)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut statuses = [0usize; 2];
                for _ in 0..1250 {
                    match get(&addr, &addr, "/en/policy/").0 {
                        200 => statuses[0] += 1,
                        503 => statuses[1] += 1,
                        other => panic!("status {other} in the flood"),
                    }
                }
                statuses
            })
        })
        .collect();
    let mut answered = [0usize; 2];
    for worker in workers {
        let [ok, busy] = worker.join().unwrap();
        answered[0] += ok;
        answered[1] += busy;
    }
    eprintln!("10,000 requests beside 200 streams: {answered:?} (200, 503) in {:?}", flood.elapsed());
    assert_eq!(answered[0] + answered[1], 10_000);
    assert!(answered[0] > 0, "the flood is answered, not only refused");

    let (status, body) = get(&addr, &addr, "/en/policy/");
    assert!(status == 200 && body.contains("</main>"), "answers normally after the flood");
    let threads = count(server.pid(), "task");
    assert!(threads <= threads_before + 2, "threads {threads_before} → {threads}: a stream holds none");
    let rss = rss_kib(server.pid());
    eprintln!("threads {threads_before} → {threads}, resident memory {rss_before} KiB → {rss} KiB");
    assert!(rss < rss_before + 64 * 1024, "memory {rss_before} KiB → {rss} KiB");

    // Up to the cap, then 503.
    let refused =
        (0..100).filter_map(|_| open_stream(&addr).map(|s| streams.push(s)).err()).collect::<Vec<_>>();
    assert_eq!(streams.len(), 256, "the cap");
    assert!(refused.iter().all(|&s| s == 503) && refused.len() == 44, "{refused:?}");

    // Every open stream hears of a rebuild.
    site.write("content/policy/10-intro.en.md", &section("Introduction", "Saved while streams are open."));
    for stream in streams.iter_mut().take(256) {
        let mut line = String::new();
        while !line.starts_with("data: ") {
            line.clear();
            assert!(stream.read_line(&mut line).unwrap() > 0);
        }
    }
    // Streams that went away give their place back.
    streams.truncate(200);
    let started = Instant::now();
    while open_stream(&addr).map(|s| streams.push(s)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(10), "closed streams were not dropped");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_thousand_saves_in_a_row_serve_the_last_text_and_leak_nothing() {
    let site = Site::released();
    let server = Server::start(&site);
    let addr = server.addr.clone();
    assert_eq!(get(&addr, &addr, "/en/").0, 200);
    let (threads_before, fds_before) = (count(server.pid(), "task"), count(server.pid(), "fd"));
    for i in 0..1000 {
        site.write("content/policy/10-intro.en.md", &section("Introduction", &format!("Save number {i}.")));
        if i % 100 == 0 {
            // Rebuilds run while saves go on.
            std::thread::sleep(Duration::from_millis(150));
        }
    }
    server.eventually("/en/policy/", "the last save", |r| r.body.contains("Save number 999."));
    // Let the last rebuild settle, then count.
    std::thread::sleep(Duration::from_millis(1000));
    let page = server.get("/en/policy/");
    assert!(page.body.contains("Save number 999.") && !page.body.contains("Save number 998."));
    let (threads, fds) = (count(server.pid(), "task"), count(server.pid(), "fd"));
    eprintln!("after 1,000 saves: threads {threads_before} → {threads}, descriptors {fds_before} → {fds}");
    assert!(threads <= threads_before, "threads {threads_before} → {threads}\n{}", server.log());
    assert!(fds <= fds_before, "descriptors {fds_before} → {fds}");
}
