//! `privsite serve` in a real headless Chromium, driven over the DevTools
//! protocol: an open page reloads by itself after a save and shows the new
//! text. Skipped when no Chromium is installed, unless `CI` is set: then it
//! must run.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

use crate::serve::{BOUND, Server};
use crate::support::{CHROMIUM_FLAGS, Site, chromium, section};

/// A headless Chromium, closed (with every helper process it started) when dropped.
pub(crate) struct Chromium {
    child: Child,
    _profile: tempfile::TempDir,
    /// `127.0.0.1:PORT` of the DevTools endpoint.
    devtools: String,
    /// The browser's own DevTools websocket.
    browser: String,
}

impl Chromium {
    pub(crate) fn start(binary: &PathBuf) -> Chromium {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(binary)
            .args(CHROMIUM_FLAGS)
            .args([
                "--disable-dev-shm-usage",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut log = String::new();
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID"
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(Ok(url.to_string()));
                }
                log.push_str(&line);
                log.push('\n');
            }
            let _ = tx.send(Err(log));
        });
        let mut chromium =
            Chromium { child, _profile: profile, devtools: String::new(), browser: String::new() };
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Ok(url)) => {
                chromium.devtools =
                    url.trim_start_matches("ws://").split('/').next().unwrap_or_default().to_string();
                chromium.browser = url;
            }
            Ok(Err(log)) => panic!("Chromium exited without a DevTools endpoint:\n{log}"),
            Err(_) => panic!("Chromium did not start within 60 s"),
        }
        chromium
    }

    /// A DevTools session on the first page (tab).
    pub(crate) fn page(&self) -> Page {
        let started = Instant::now();
        let url = loop {
            let list: Value =
                serde_json::from_str(&http_get(&self.devtools, "/json/list")).unwrap_or_default();
            let page = list.as_array().into_iter().flatten().find(|t| t["type"] == "page");
            if let Some(url) = page.and_then(|p| p["webSocketDebuggerUrl"].as_str()) {
                break url.to_string();
            }
            assert!(started.elapsed() < BOUND, "Chromium has no page: {list}");
            std::thread::sleep(Duration::from_millis(100));
        };
        Page { socket: connect(&self.devtools, &url), next_id: 0, console: Vec::new() }
    }
}

fn connect(addr: &str, url: &str) -> WebSocket<TcpStream> {
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    tungstenite::client(url, stream).unwrap().0
}

impl Drop for Chromium {
    fn drop(&mut self) {
        // Browser.close ends the browser and every helper process it started;
        // killing the browser process is the fallback.
        if let Ok(stream) = TcpStream::connect(&self.devtools) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            if let Ok((mut socket, _)) = tungstenite::client(self.browser.as_str(), stream) {
                let _ = socket.send(Message::text(json!({ "id": 1, "method": "Browser.close" }).to_string()));
            }
        }
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// GET over HTTP/1.1; the body by its Content-Length (Chromium keeps the connection open).
fn http_get(addr: &str, path: &str) -> String {
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut reader = BufReader::new(stream);
    write!(reader.get_mut(), "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    String::from_utf8(body).unwrap()
}

/// Chromium's errors for an evaluation the page's navigation cut short.
const NAVIGATING: [&str; 3] =
    ["Inspected target navigated or closed", "Execution context was destroyed", "Cannot find context"];

/// One DevTools session on a page: commands by id; console and log events kept.
pub(crate) struct Page {
    socket: WebSocket<TcpStream>,
    next_id: u64,
    /// Console messages, exceptions and log entries (CSP violations among them), for failures.
    console: Vec<String>,
}

impl Page {
    pub(crate) fn call(&mut self, method: &str, params: Value) -> Value {
        match self.try_call(method, params) {
            Ok(result) => result,
            Err(reply) => panic!("{method}: {reply}"),
        }
    }

    /// Sends a command; its result, or the whole reply when Chromium answers with an error.
    fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({ "id": id, "method": method, "params": params }).to_string();
        self.socket.send(Message::text(message)).unwrap();
        loop {
            let Message::Text(text) = self.socket.read().unwrap() else { continue };
            let reply: Value = serde_json::from_str(text.as_str()).unwrap();
            if reply["id"] == id {
                return match reply.get("error") {
                    None => Ok(reply["result"].clone()),
                    Some(_) => Err(reply),
                };
            }
            let event = reply["method"].as_str().unwrap_or_default();
            if ["Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded"].contains(&event) {
                self.console.push(reply["params"].to_string());
            }
        }
    }

    /// Evaluates a JavaScript expression in the page (undefined while it loads).
    pub(crate) fn eval(&mut self, expression: &str) -> Value {
        self.evaluate(expression).unwrap_or_else(|reply| panic!("Runtime.evaluate: {reply}"))
    }

    /// Like `eval`, for a loop that waits: a page that is navigating or reloading cannot
    /// answer, and Chromium says so with an error, which here means "not yet" (null).
    pub(crate) fn poll(&mut self, expression: &str) -> Value {
        match self.evaluate(expression) {
            Ok(value) => value,
            Err(reply) if NAVIGATING.iter().any(|m| reply.to_string().contains(m)) => Value::Null,
            Err(reply) => panic!("Runtime.evaluate: {reply}"),
        }
    }

    fn evaluate(&mut self, expression: &str) -> Result<Value, Value> {
        let params = json!({ "expression": expression, "returnByValue": true });
        self.try_call("Runtime.evaluate", params).map(|result| result["result"]["value"].clone())
    }

    #[track_caller]
    fn wait_for(&mut self, what: &str, expression: &str, server: &Server) {
        let started = Instant::now();
        while self.poll(expression) != Value::Bool(true) {
            if started.elapsed() > BOUND {
                let text = self.poll("document.body ? document.body.innerText : ''");
                panic!(
                    "the page did not show {what} within {BOUND:?}; it shows:\n{text}\nconsole:\n{}\nserver log:\n{}",
                    self.console.join("\n"),
                    server.log()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[test]
fn an_open_page_reloads_by_itself_after_a_save() {
    let Some(binary) = chromium("an_open_page_reloads_by_itself_after_a_save") else {
        return;
    };
    let site = Site::released();
    let server = Server::start(&site);
    let chromium = Chromium::start(&binary);
    let mut page = chromium.page();
    page.call("Runtime.enable", json!({}));
    page.call("Log.enable", json!({}));
    page.call("Page.navigate", json!({ "url": format!("{}en/policy/", server.url) }));
    page.wait_for(
        "the page",
        "document.readyState === 'complete' && document.body.innerText.includes('We are Test AG.')",
        &server,
    );
    // The page's policy lets the injected script load.
    page.wait_for(
        "the reload script",
        "performance.getEntriesByType('resource').some(e => e.name.endsWith('/__privsite/reload.js'))",
        &server,
    );
    // Marks this document: a reload replaces it, so the mark disappears.
    page.eval("window.privsiteTestMark = true");

    site.write("content/policy/10-intro.en.md", &section("Introduction", "We are Reloaded AG."));
    page.wait_for(
        "the new text after reloading by itself",
        "window.privsiteTestMark === undefined && document.body.innerText.includes('We are Reloaded AG.')",
        &server,
    );
    assert!(server.log().contains("reloading 1 open page."), "{}", server.log());
}
