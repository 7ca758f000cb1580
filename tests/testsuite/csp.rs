//! Headless Chromium opens every kind of page of a built site, served on
//! loopback with the headers of the site's own `_headers`, and reports no
//! Content-Security-Policy violation and no request to another host.
//!
//! Violations come from Chromium's console log (`--enable-logging=stderr`);
//! requests from its network log (`--log-net-log`), where every request made
//! for the page carries the page's network isolation key. Host names other
//! than 127.0.0.1 resolve to nothing, so no request ever leaves the machine.
//! Two canary pages prove that the harness sees both kinds of failure.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{CHROMIUM_FLAGS, Site, chromium, section};

/// The `Name: value` lines of `_headers` (all under `/*`).
fn site_headers(public: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(public.join("_headers"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with(' '))
        .filter_map(|l| l.trim().split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const CANARY_INLINE: &str = "<!doctype html><html lang=\"en\"><head><title>c</title><style>p{color:red}</style></head><body><p>inline style</p></body></html>";
const CANARY_REMOTE: &str = "<!doctype html><html lang=\"en\"><head><title>c</title></head><body><img src=\"http://privsite-canary.invalid/x.png\" alt=\"\"></body></html>";

/// A static server for `public/` on loopback, sending the site's headers.
pub(crate) fn serve(public: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let headers = site_headers(&public);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(500) {
            let Ok(stream) = stream else { break };
            let _ = respond(stream, &public, &headers);
        }
    });
    port
}

fn respond(mut stream: TcpStream, public: &Path, headers: &[(String, String)]) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/");
    let (status, body, with_headers) = match path {
        "/__canary-inline/" => ("200 OK", CANARY_INLINE.as_bytes().to_vec(), true),
        // Without the site's policy, so that only the network log can see the request.
        "/__canary-remote/" => ("200 OK", CANARY_REMOTE.as_bytes().to_vec(), false),
        _ => {
            let mut file = public.join(path.trim_start_matches('/'));
            if path.ends_with('/') {
                file = file.join("index.html");
            }
            match std::fs::read(&file) {
                Ok(bytes) if !path.contains("..") => ("200 OK", bytes, true),
                _ => ("404 Not Found", std::fs::read(public.join("404.html"))?, true),
            }
        }
    };
    let kind = match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("css") => "text/css; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("json") => "application/json",
        _ => "text/html; charset=utf-8",
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if with_headers {
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)
}

struct Visit {
    dom: String,
    console: Vec<String>,
    /// URLs requested for the page from a host other than the server.
    foreign: Vec<String>,
}

fn visit(chromium: &Path, port: u16, url_path: &str) -> Visit {
    let tmp = tempfile::tempdir().unwrap();
    let net_log = tmp.path().join("net.json");
    let url = format!("http://127.0.0.1:{port}{url_path}");
    let mut child = Command::new(chromium)
        .args(CHROMIUM_FLAGS)
        .args([
            "--disable-default-apps",
            "--disable-domain-reliability",
            "--no-pings",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", tmp.path().join("profile").display()))
        .arg(format!("--log-net-log={}", net_log.display()))
        .args(["--dump-dom", &url])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("Chromium did not finish {url} in 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console = stderr.lines().filter(|l| l.contains(":CONSOLE")).map(str::to_string).collect();
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&net_log).unwrap()).unwrap();
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_u64().unwrap();
    let origin = format!("http://127.0.0.1:{port}/");
    let foreign = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start_job))
        .filter(|e| e["params"]["network_isolation_key"].as_str().is_some_and(|k| k.contains("127.0.0.1")))
        .filter_map(|e| e["params"]["url"].as_str())
        .filter(|u| !u.starts_with(&origin))
        .map(str::to_string)
        .collect();
    Visit { dom: String::from_utf8_lossy(&out.stdout).into_owned(), console, foreign }
}

/// One page of each kind in the output: `/`, 404, a language's center, a
/// current document, an archived version, its changes, a history, and any
/// other shape of page a later build may add.
pub(crate) fn one_page_per_kind(site: &Site) -> Vec<String> {
    let mut kinds = std::collections::BTreeMap::new();
    for (path, _) in site.snapshot("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let parts: Vec<&str> = path.split('/').collect();
        let kind = match parts.as_slice() {
            ["index.html"] => "root".to_string(),
            ["404.html"] => "not found".to_string(),
            [_, "index.html"] => "center".to_string(),
            [_, _, "index.html"] => "current".to_string(),
            [_, _, v, "index.html"] if v.starts_with('v') => "archived".to_string(),
            [_, _, v, rest @ ..] if v.starts_with('v') => format!("archived/{}", rest.join("/")),
            [_, _, rest @ ..] => format!("document/{}", rest.join("/")),
            _ => path.clone(),
        };
        // Spread the kinds over the languages: the first one found is kept.
        kinds.entry(kind).or_insert(path);
    }
    kinds.into_values().map(|p| format!("/{}", p.trim_end_matches("index.html"))).collect()
}

#[test]
fn chromium_sees_no_csp_violation_and_no_request_to_another_host() {
    let Some(chromium) = chromium("chromium_sees_no_csp_violation…") else {
        return;
    };
    let site = Site::released().with_pdfs();
    for (lang, text) in [("de", "Neu."), ("en", "New."), ("sv", "Ny.")] {
        site.write(&format!("content/policy/10-intro.{lang}.md"), &section("Intro", text));
        site.write(&format!("content/policy/_release.{lang}.md"), "- x\n");
    }
    site.mark_all();
    site.run(&["release", "policy", "--minor", "--date", "2024-03-01"]).ok();
    site.run(&["build", "--date", "2024-04-01"]).ok();
    let port = serve(site.path("public"));

    // The harness sees a violation and a request to another host.
    let canary = visit(&chromium, port, "/__canary-inline/");
    assert!(canary.console.iter().any(|l| l.contains("Content Security Policy")), "{:?}", canary.console);
    let canary = visit(&chromium, port, "/__canary-remote/");
    assert!(canary.foreign.iter().any(|u| u.contains("privsite-canary.invalid")), "{:?}", canary.foreign);

    let pages = one_page_per_kind(&site);
    assert!(pages.len() >= 6, "{pages:?}");
    for page in pages.iter().map(String::as_str).chain(["/no/such/page/"]) {
        let v = visit(&chromium, port, page);
        assert!(v.dom.contains("<main"), "{page} did not load: {}", v.dom);
        assert!(v.console.is_empty(), "{page}: {:#?}", v.console);
        assert!(v.foreign.is_empty(), "{page} asked another host: {:?}", v.foreign);
    }
}
