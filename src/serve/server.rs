//! Answers requests from the build in memory: GET and HEAD only; pages with
//! the reload script, or the error page while the latest build failed; 404
//! with the site's `404.html`; every response with the headers of
//! `_headers` (its policy extended for the reload script) and `no-store`.

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, PoisonError, RwLock};

use crate::diag::Diagnostic;
use crate::render::{self, Output};
use crate::serve::http::{self, Resolved};
use crate::serve::listen::{self, Refused, Request};
use crate::serve::{page, reload};

/// A build as served: replaced whole after every rebuild.
pub(crate) struct Snapshot {
    /// Changes with every rebuild; pages carry it so the script knows when to reload.
    pub(crate) generation: String,
    /// The output of the last build that succeeded (empty if none did yet).
    pub(crate) output: Arc<Output>,
    /// The diagnostics of the latest build, if it failed.
    pub(crate) errors: Option<Arc<Vec<Diagnostic>>>,
    /// Sent with every response: the headers of `_headers`, with the preview's policy.
    pub(crate) headers: Vec<(String, String)>,
    /// The policy written into each page's meta tag.
    pub(crate) meta_csp: String,
}

impl Snapshot {
    pub(crate) fn new(
        generation: String,
        output: Arc<Output>,
        errors: Option<Arc<Vec<Diagnostic>>>,
    ) -> Snapshot {
        let text = output
            .get("_headers")
            .map_or_else(render::headers, |bytes| String::from_utf8_lossy(bytes).into_owned());
        let headers = http::hosting_headers(&text)
            .into_iter()
            .map(|(name, value)| {
                let value = if name.eq_ignore_ascii_case("Content-Security-Policy") {
                    http::preview_csp(&value)
                } else {
                    value
                };
                (name, value)
            })
            .collect();
        Snapshot { generation, output, errors, headers, meta_csp: http::preview_csp(render::pages::CSP) }
    }
}

pub(crate) struct Shared {
    pub(crate) snapshot: RwLock<Arc<Snapshot>>,
    pub(crate) clients: reload::Clients,
}

impl Shared {
    pub(crate) fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Puts a new build in place; only then are open pages told to reload.
    pub(crate) fn swap(&self, snapshot: Snapshot) -> usize {
        let generation = snapshot.generation.clone();
        *self.snapshot.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
        self.clients.announce(&generation)
    }
}

/// A response before it is put on the wire.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) content_type: &'static str,
    pub(crate) body: Vec<u8>,
    pub(crate) location: Option<String>,
}

impl Reply {
    fn text(status: u16, body: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
            location: None,
        }
    }
}

/// What to answer to a GET or HEAD of `url` (everything but the event stream).
pub(crate) fn reply(snapshot: &Snapshot, url: &str) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let static_file = |content_type, body: &str| Reply {
        status: 200,
        content_type,
        body: body.as_bytes().to_vec(),
        location: None,
    };
    if path == reload::SCRIPT_PATH {
        return static_file("text/javascript; charset=utf-8", reload::SCRIPT);
    }
    if path == page::STYLE_PATH {
        return static_file("text/css; charset=utf-8", page::STYLE);
    }
    let (status, key) = match http::resolve(&snapshot.output, url) {
        Resolved::File(key) => (200, Some(key)),
        Resolved::Redirect(location) => {
            return Reply { location: Some(location), ..Reply::text(302, "Found\n") };
        }
        Resolved::NotFound => (404, snapshot.output.contains_key("404.html").then(|| "404.html".to_string())),
    };
    let content_type = key.as_deref().map_or("text/html; charset=utf-8", crate::mime::content_type);
    let is_html = content_type.starts_with("text/html");
    if let Some(errors) = snapshot.errors.as_ref().filter(|_| is_html) {
        let body = page::error_page(errors, &snapshot.meta_csp, &snapshot.generation);
        return Reply { status: 500, content_type, body: body.into_bytes(), location: None };
    }
    let Some(bytes) = key.and_then(|k| snapshot.output.get(&k)) else {
        return Reply::text(404, "Not Found\n");
    };
    let body = if is_html {
        page::inject(&String::from_utf8_lossy(bytes), &snapshot.meta_csp, &snapshot.generation).into_bytes()
    } else {
        bytes.to_vec()
    };
    Reply { status, content_type, body, location: None }
}

/// Answers one request on `stream`, then closes it; the event stream is
/// handed over to the list of open streams instead.
pub(crate) fn respond(mut stream: TcpStream, request: &Request, shared: &Arc<Shared>) {
    let snapshot = shared.current();
    let mut head = String::new();
    let method = request.method.as_str();
    if !matches!(method, "GET" | "HEAD") {
        let body = "Method Not Allowed: privsite serve answers GET and HEAD\n";
        head_lines(&mut head, 405, "text/plain; charset=utf-8", body.len(), &snapshot);
        head.push_str("Allow: GET, HEAD\r\n\r\n");
        let _ = stream.write_all(format!("{head}{body}").as_bytes());
        return;
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("");
    if path == reload::EVENTS_PATH && method == "GET" {
        head.push_str("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n");
        for (name, value) in &snapshot.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        if let Err(mut stream) =
            shared.clients.subscribe(stream, &reload::opening(&head, &snapshot.generation))
        {
            let refused = Refused(503, "Service Unavailable: too many open event streams");
            let _ = listen::write_refusal(&mut stream, &refused);
        }
        return;
    }
    let reply = reply(&snapshot, &request.target);
    head_lines(&mut head, reply.status, reply.content_type, reply.body.len(), &snapshot);
    if let Some(location) = reply.location.as_deref().filter(|l| !l.contains(['\r', '\n'])) {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    if method == "GET" {
        bytes.extend_from_slice(&reply.body);
    }
    let _ = stream.write_all(&bytes).and_then(|()| stream.flush());
}

/// The status line and the headers every answer carries.
fn head_lines(head: &mut String, status: u16, content_type: &str, length: usize, snapshot: &Snapshot) {
    let reason = match status {
        200 => "OK",
        302 => "Found",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    };
    head.push_str(&format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\nCache-Control: no-store\r\nConnection: close\r\n"
    ));
    for (name, value) in &snapshot.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(errors: Option<Vec<Diagnostic>>) -> Snapshot {
        let mut output = Output::new();
        output.insert("index.html".into(), b"<html><head></head><body>home</body></html>".as_slice().into());
        output
            .insert("404.html".into(), b"<html><head></head><body>not here</body></html>".as_slice().into());
        output.insert("en/feed.xml".into(), b"<feed/>".as_slice().into());
        output.insert("_headers".into(), render::headers().into_bytes().into());
        Snapshot::new("g-7".into(), Arc::new(output), errors.map(Arc::new))
    }

    #[test]
    fn pages_get_the_script_and_other_files_are_sent_as_they_are() {
        let s = snapshot(None);
        let home = reply(&s, "/");
        assert_eq!((home.status, home.content_type), (200, "text/html; charset=utf-8"));
        let text = String::from_utf8(home.body).unwrap();
        assert!(text.contains("home") && text.contains("data-generation=\"g-7\""), "{text}");
        let feed = reply(&s, "/en/feed.xml");
        assert_eq!((feed.status, feed.body), (200, b"<feed/>".to_vec()));
        let missing = reply(&s, "/nowhere/");
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8(missing.body).unwrap().contains("not here"));
        assert_eq!(reply(&s, "/__privsite/reload.js").body, reload::SCRIPT.as_bytes());
        let moved = reply(&s, "/en");
        assert_eq!((moved.status, moved.location), (404, None), "no en/index.html here");
    }

    #[test]
    fn while_broken_every_page_is_the_error_page_and_other_files_stay() {
        let s = snapshot(Some(vec![Diagnostic::error("bad front matter").in_file("content/a/10-b.de.md")]));
        for url in ["/", "/nowhere/"] {
            let r = reply(&s, url);
            let text = String::from_utf8(r.body).unwrap();
            assert_eq!(r.status, 500);
            assert!(text.contains("bad front matter") && text.contains("content/a/10-b.de.md"), "{text}");
        }
        assert_eq!(reply(&s, "/en/feed.xml").body, b"<feed/>".to_vec());
    }

    #[test]
    fn the_headers_of_the_hosting_file_with_the_script_allowed() {
        let s = snapshot(None);
        let csp = &s.headers.iter().find(|(n, _)| n == "Content-Security-Policy").unwrap().1;
        assert!(csp.starts_with(render::pages::CSP), "{csp}");
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.ends_with("script-src 'self'; connect-src 'self'")
        );
        assert!(s.headers.contains(&("Referrer-Policy".into(), "no-referrer".into())));
        assert!(s.headers.contains(&("X-Content-Type-Options".into(), "nosniff".into())));
    }
}
