//! `privsite serve` over real HTTP: the real binary on a free loopback port,
//! fetched with a small HTTP/1.1 client over `TcpStream`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Site, binary, section};

/// How long a saved change may take to be served (generous for a loaded CI machine).
pub const BOUND: Duration = Duration::from_secs(10);

/// A running `privsite serve`, killed when dropped (also when a test fails).
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    pub addr: String,
    log: Arc<Mutex<String>>,
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl Server {
    pub fn start(site: &Site) -> Server {
        Server::start_with(site, &["--port", "0"])
    }

    pub fn start_with(site: &Site, args: &[&str]) -> Server {
        let mut child = binary()
            .arg("serve")
            .args(args)
            .current_dir(site.root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    log.lock().unwrap().push_str(&format!("{line}\n"));
                    if let Some(url) = line.split(" at ").nth(1).and_then(|s| s.split(' ').next())
                        && line.starts_with("Serving ")
                    {
                        let _ = tx.send(url.to_string());
                    }
                }
            });
        }
        let mut server = Server { child, url: String::new(), addr: String::new(), log };
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => {
                server.addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
                server.url = url;
            }
            Err(_) => panic!("serve did not start:\n{}", server.log()),
        }
        server
    }

    /// The server's process id, to count its threads and descriptors in `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends `method target` as it is (no normalisation) and reads the whole response.
    pub fn request(&self, method: &str, target: &str) -> Response {
        request_at(&self.addr, method, target)
    }

    pub fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    /// Fetches `target` until `done` holds, for at most [`BOUND`].
    #[track_caller]
    pub fn eventually(&self, target: &str, what: &str, done: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let response = self.get(target);
            if done(&response) {
                return response;
            }
            if started.elapsed() > BOUND {
                panic!(
                    "{target} did not show {what} within {BOUND:?}; last response {}:\n{}\nserver log:\n{}",
                    response.status,
                    response.body,
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// [`Server::request`] to the server at `addr` (`127.0.0.1:PORT`).
pub fn request_at(addr: &str, method: &str, target: &str) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Response { status, headers, body: body.to_string() }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serves_pages_files_and_404_with_the_right_types_and_headers() {
    let site = Site::released();
    let server = Server::start(&site);
    assert!(server.url.starts_with("http://127.0.0.1:"), "loopback by default: {}", server.url);
    let page = server.get("/en/policy/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("We are Test AG."), "{}", page.body);
    for (target, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/en/policy/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/en/feed.xml", "application/atom+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/versions.json", "application/json; charset=utf-8"),
        ("/__privsite/reload.js", "text/javascript; charset=utf-8"),
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.header("Content-Type"), Some(content_type), "{target}");
        // The headers of _headers on every response, the policy extended for the reload script only.
        let csp = r.header("Content-Security-Policy").unwrap_or_default();
        assert!(
            csp.starts_with("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
            "{target}: {csp}"
        );
        assert!(csp.ends_with("; script-src 'self'; connect-src 'self'"), "{target}: {csp}");
        assert_eq!(r.header("Referrer-Policy"), Some("no-referrer"), "{target}");
        assert_eq!(r.header("X-Content-Type-Options"), Some("nosniff"), "{target}");
    }
    // The page's own policy allows the script, which is injected into pages only.
    assert!(page.body.contains("script-src &#39;self&#39;; connect-src &#39;self&#39;\">"), "{}", page.body);
    assert_eq!(page.body.matches("<script src=\"/__privsite/reload.js\"").count(), 1);
    assert!(!server.get("/style.css").body.contains("<script"));

    let missing = server.get("/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert!(
        missing.body.contains("Page not found") || missing.body.contains("Seite nicht gefunden"),
        "{}",
        missing.body
    );
    assert!(missing.header("Content-Security-Policy").is_some());

    let folder = server.get("/en/policy");
    assert_eq!((folder.status, folder.header("Location")), (302, Some("/en/policy/")));

    let head = server.request("HEAD", "/en/policy/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let r = server.request(method, "/en/policy/");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD"));
    }
    // Never written to disk.
    assert!(!site.path("public").exists());
}

#[test]
fn no_file_outside_the_output_is_ever_served() {
    let site = Site::released();
    site.write("secret.txt", "TOP-SECRET");
    let server = Server::start(&site);
    for target in [
        "/../privsite.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/privsite.toml",
        "/%2E%2E/privsite.toml",
        "/..%2fprivsite.toml",
        "/..%2Fsecret.txt",
        "/%2e%2e%2fcontent/",
        "/%2e%2e%2fcontent%2fpolicy%2f10-intro.en.md",
        "/..\\privsite.toml",
        "/%5c..%5cprivsite.toml",
        "/en/..\\..\\privsite.toml",
        "//etc/passwd",
        "///privsite.toml",
        "/%00",
        "/privsite.toml%00.html",
        "/en/../../privsite.toml",
        "/en/%2e%2e/%2e%2e/privsite.toml",
        "/./privsite.toml",
        "/privsite.toml",
        "/secret.txt",
        "/content/policy/10-intro.en.md",
        "/versions/policy/v1/version.toml",
        "/_headers",
        "/.nojekyll",
        "/%252e%252e/privsite.toml",
        "http://evil.example/../privsite.toml",
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 404, "{target}: {}", r.body);
        for leak in ["base_url", "TOP-SECRET", "root:x:", "+++", "sha256 ="] {
            assert!(!r.body.contains(leak), "{target} leaked {leak}: {}", r.body);
        }
    }
    // The server is still there.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_saved_change_is_served_and_announced_only_once_it_is_in_place() {
    let site = Site::released();
    let server = Server::start(&site);
    assert!(server.get("/en/policy/").body.contains("We are Test AG."));

    // Listen to the reload events as the injected script does.
    let mut events = TcpStream::connect(&server.addr).unwrap();
    events.set_read_timeout(Some(BOUND)).unwrap();
    write!(events, "GET /__privsite/events HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).unwrap();
    let mut events = BufReader::new(events);
    let first = next_generation(&mut events);

    site.write("content/policy/10-intro.en.md", &section("Introduction", "We are Renamed AG."));
    let second = next_generation(&mut events);
    assert_ne!(first, second);
    // The reload is sent only after the new build is in place: the very next fetch has it.
    let page = server.get("/en/policy/");
    assert!(page.body.contains("We are Renamed AG."), "{}", page.body);
    assert!(page.body.contains(&format!("data-generation=\"{second}\"")));

    // An atomic save (a temporary file renamed over the original) is seen too.
    site.write("content/policy/.10-intro.en.md.tmp", &section("Introduction", "We are Atomic AG."));
    std::fs::rename(
        site.path("content/policy/.10-intro.en.md.tmp"),
        site.path("content/policy/10-intro.en.md"),
    )
    .unwrap();
    server.eventually("/en/policy/", "the atomically saved text", |r| r.body.contains("We are Atomic AG."));
}

/// The inotify watches of process `pid` (Linux): one line per watch, with
/// its descriptor number, which the kernel never hands out twice.
fn inotify_watches(pid: u32) -> Vec<String> {
    let mut watches = Vec::new();
    for fd in std::fs::read_dir(format!("/proc/{pid}/fd")).unwrap().flatten() {
        let is_inotify = std::fs::read_link(fd.path()).is_ok_and(|l| l.to_string_lossy().contains("inotify"));
        let info = format!("/proc/{pid}/fdinfo/{}", fd.file_name().to_string_lossy());
        if let (true, Ok(info)) = (is_inotify, std::fs::read_to_string(info)) {
            watches.extend(info.lines().filter(|l| l.starts_with("inotify wd:")).map(str::to_string));
        }
    }
    watches.sort();
    watches
}

#[test]
fn an_idle_server_keeps_its_watches_and_still_sees_a_replaced_folder() {
    let site = Site::released();
    let server = Server::start(&site);
    // Setting a watch reads the folder; once that counted as a change, the
    // server set its watches anew every 30 ms, and a save made meanwhile was lost.
    std::thread::sleep(Duration::from_millis(500));
    let watches = inotify_watches(server.pid());
    assert!(watches.len() >= 4, "the root and the input folders: {watches:?}");
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(inotify_watches(server.pid()), watches, "nothing changed, yet the watches were set anew");

    // A folder replaced whole (a checkout, a sync tool) is watched anew.
    let copy = site.path("content.new");
    for doc in ["policy", "terms"] {
        std::fs::create_dir_all(copy.join(doc)).unwrap();
        for file in std::fs::read_dir(site.path(&format!("content/{doc}"))).unwrap().flatten() {
            std::fs::copy(file.path(), copy.join(doc).join(file.file_name())).unwrap();
        }
    }
    std::fs::write(copy.join("policy/10-intro.en.md"), section("Introduction", "We are Replaced AG."))
        .unwrap();
    std::fs::rename(site.path("content"), site.path("content.old")).unwrap();
    std::fs::rename(&copy, site.path("content")).unwrap();
    server
        .eventually("/en/policy/", "the replaced folder's text", |r| r.body.contains("We are Replaced AG."));
    site.write("content/policy/10-intro.en.md", &section("Introduction", "We are Saved AG."));
    server
        .eventually("/en/policy/", "a save in the replaced folder", |r| r.body.contains("We are Saved AG."));
}

/// Reads the event stream up to the next announced generation.
fn next_generation(events: &mut impl BufRead) -> String {
    loop {
        let mut line = String::new();
        let n = events.read_line(&mut line).expect("an event within the bound");
        assert!(n > 0, "the event stream ended");
        if let Some(generation) = line.strip_prefix("data: ") {
            return generation.trim().to_string();
        }
    }
}

#[test]
fn broken_front_matter_shows_the_error_in_place_of_pages_until_fixed() {
    let site = Site::released();
    let server = Server::start(&site);
    site.write("content/policy/20-data.en.md", "+++\ntitle = \n+++\nBroken.\n");
    let broken = server.eventually("/en/policy/", "the error page", |r| r.status == 500);
    assert!(broken.body.contains("content/policy/20-data.en.md:2:"), "{}", broken.body);
    assert!(broken.body.contains("title ="), "the source line: {}", broken.body);
    assert!(broken.body.contains("data-generation="), "the error page reloads by itself");
    assert_eq!(server.get("/de/").status, 500, "every page shows it");
    assert_eq!(server.get("/style.css").status, 200, "the last good build serves the rest");
    assert!(server.log().contains("content/policy/20-data.en.md:2:"), "the terminal says the same");

    site.write("content/policy/20-data.en.md", &section("Data", "We process fixed data."));
    let fixed = server.eventually("/en/policy/", "the page again", |r| r.status == 200);
    assert!(fixed.body.contains("We process fixed data."), "{}", fixed.body);
}

#[test]
fn unreleased_text_is_previewed_as_a_draft_but_never_built() {
    let site = Site::released();
    site.write("content/policy/10-intro.en.md", &section("Introduction", "We are Draft AG."));
    let server = Server::start(&site);
    let page = server.get("/en/policy/");
    assert!(page.body.contains("We are Draft AG."), "{}", page.body);
    assert!(page.body.contains("class=\"notice draft\""), "{}", page.body);
    assert!(page.body.contains("version 2 is not published yet"), "{}", page.body);
    assert!(page.body.contains("href=\"v2/changes/\""), "links what changed: {}", page.body);
    let changes = server.get("/en/policy/v2/changes/");
    assert_eq!(changes.status, 200);
    assert!(changes.body.contains("Draft") && changes.body.contains("notice draft"), "{}", changes.body);
    assert!(server.get("/en/policy/history/").body.contains("Draft, not yet published"));
    assert!(server.get("/de/policy/").body.contains("Version 2 ist noch nicht veröffentlicht"));
    assert!(!server.get("/en/terms/").body.contains("notice draft"), "terms has nothing unreleased");
    drop(server);

    let built = site.run(&["build"]).ok();
    assert!(
        built.stderr.contains("Note: content/policy/ has changes that are not released"),
        "{}",
        built.stderr
    );
    for (path, bytes) in site.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Draft AG"), "{path} publishes unreleased text");
        assert!(!text.contains("notice draft") && !text.contains("not published yet"), "{path}");
        assert!(!text.contains("<script"), "{path}: a built site carries no script");
    }
    assert!(!site.path("public/en/policy/v2").exists());
}

#[test]
fn a_document_never_released_is_previewed_as_its_first_draft() {
    let site = Site::fixture("basic");
    let server = Server::start(&site);
    let page = server.get("/en/policy/");
    assert_eq!(page.status, 200, "{}", server.log());
    assert!(page.body.contains("version 1 is not published yet"), "{}", page.body);
    assert!(
        server.log().contains("Unreleased changes are shown as drafts: policy, terms."),
        "{}",
        server.log()
    );
}

#[test]
fn a_taken_port_is_reported_and_the_next_free_one_used() {
    let site = Site::released();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    if port > 65000 {
        return; // no room above it
    }
    let server = Server::start_with(&site, &["--port", &port.to_string()]);
    assert!(server.log().contains(&format!("Port {port} is taken; using port ")), "{}", server.log());
    assert!(!server.url.ends_with(&format!(":{port}/")), "{}", server.url);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn another_address_than_loopback_only_when_asked_and_with_a_warning() {
    let site = Site::released();
    let server = Server::start_with(&site, &["--bind", "0.0.0.0", "--port", "0"]);
    assert!(server.log().contains("warning: serving on 0.0.0.0"), "{}", server.log());
    let loopback = Server::start(&site);
    assert!(!loopback.log().contains("warning"), "{}", loopback.log());
}

#[test]
fn ctrl_c_stops_it_cleanly() {
    let site = Site::released();
    let mut server = Server::start(&site);
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < BOUND, "still running after Ctrl-C:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}\n{}", server.log());
    std::thread::sleep(Duration::from_millis(100));
    assert!(server.log().contains("Stopped."), "{}", server.log());
}

/// serve agrees with check and build: a deleted document folder is an error
/// on every page until the document is withdrawn, and then it is withdrawn.
#[test]
fn a_document_deleted_then_withdrawn_is_previewed_as_withdrawn() {
    let site = Site::released();
    let server = Server::start(&site);
    assert!(server.get("/en/").body.contains(r#"href="terms/""#));
    std::fs::remove_dir_all(site.path("content/terms")).unwrap();
    let broken = server.eventually("/en/", "the error page", |r| r.status == 500);
    assert!(broken.body.contains("run `privsite withdraw terms`"), "{}", broken.body);
    site.run(&["withdraw", "terms"]).ok();
    let page = server.eventually("/en/terms/", "the withdrawn page", |r| r.status == 200);
    assert!(page.body.contains("This document was withdrawn on"), "{}", page.body);
    let center = server.get("/en/");
    assert_eq!(center.status, 200);
    assert!(!center.body.contains(r#"href="terms/""#), "{}", center.body);
    assert!(server.get("/en/terms/v1/").body.contains("This document was withdrawn on"));
}
