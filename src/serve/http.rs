//! Request target → file of the in-memory output, and the headers it is sent
//! with. Pure functions: a path is looked up as a key of the output map and
//! never joined onto a filesystem path, and anything that could climb out
//! (`..`, `.`, percent-encoded dots and slashes, backslashes, NUL, empty
//! segments) is refused before the lookup.

use std::net::{IpAddr, SocketAddr};

use crate::render::{HOSTING_FILES, Output};

/// What a request target leads to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A file of the output, by its key.
    File(String),
    /// A folder asked for without its trailing slash: where to send the browser
    /// (302, not cached, as the preview changes), so that the page's relative links work.
    Redirect(String),
    NotFound,
}

/// Resolves a request target (`/en/policy/?x`, or the absolute form
/// `http://host/en/`) against the output.
pub(crate) fn resolve(output: &Output, target: &str) -> Resolved {
    let target = target.split(['?', '#']).next().unwrap_or("");
    let raw = match target.strip_prefix("http://").or_else(|| target.strip_prefix("https://")) {
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => target,
    };
    let Some(path) = decode(raw) else {
        return Resolved::NotFound;
    };
    let Some(rel) = path.strip_prefix('/') else {
        return Resolved::NotFound;
    };
    if path.contains(['\\', '\0']) {
        return Resolved::NotFound;
    }
    let segments: Vec<&str> = rel.split('/').collect();
    let (last, folders) = segments.split_last().unwrap_or((&"", &[]));
    let bad = |s: &str| s.is_empty() || s.starts_with('.') || s.chars().any(char::is_control);
    if folders.iter().any(|s| bad(s)) || !last.is_empty() && bad(last) {
        return Resolved::NotFound;
    }
    if folders.is_empty() && HOSTING_FILES.contains(last) {
        // Instructions for static hosts, not part of the site.
        return Resolved::NotFound;
    }
    let key = if last.is_empty() { format!("{rel}index.html") } else { rel.to_string() };
    if output.contains_key(&key) {
        Resolved::File(key)
    } else if output.contains_key(&format!("{key}/index.html")) {
        Resolved::Redirect(format!("{raw}/"))
    } else {
        Resolved::NotFound
    }
}

/// Percent-decodes a path; `None` if an escape is malformed or the result is not UTF-8.
fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a request's `Host` header addresses the preview bound to `bound`:
/// its port, and as name the bound address, `localhost`, or a loopback
/// address. When bound to all addresses (`0.0.0.0`, `::`), any IP address
/// with our port: an address literal cannot be rebound by DNS, a name can.
pub(crate) fn host_allowed(host: &str, bound: SocketAddr) -> bool {
    let host = host.trim();
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !name.is_empty() && (!name.contains(':') || name.ends_with(']')) => {
            (name, port.parse::<u16>().ok())
        }
        _ => (host, Some(80)),
    };
    if port != Some(bound.port()) {
        return false;
    }
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" {
        return true;
    }
    let literal = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')).unwrap_or(&name);
    match literal.parse::<IpAddr>() {
        Ok(ip) => ip == bound.ip() || ip.is_loopback() || bound.ip().is_unspecified(),
        Err(_) => false,
    }
}

/// The headers of `_headers` (`  Name: value` lines under `/*`), in order.
pub(crate) fn hosting_headers(text: &str) -> Vec<(String, String)> {
    let mut in_all = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if !line.starts_with([' ', '\t']) {
            in_all = line.trim() == "/*";
            continue;
        }
        if let Some((name, value)) = line.trim().split_once(':').filter(|_| in_all) {
            out.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    out
}

/// The preview's Content-Security-Policy: the site's, plus the one script
/// serve injects and its connection back to the same origin.
pub(crate) fn preview_csp(policy: &str) -> String {
    format!("{}; script-src 'self'; connect-src 'self'", policy.trim().trim_end_matches(';'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output() -> Output {
        let mut o = Output::new();
        for path in [
            "index.html",
            "404.html",
            "en/index.html",
            "en/policy/index.html",
            "style.css",
            "_headers",
            ".nojekyll",
        ] {
            o.insert(path.to_string(), path.as_bytes().into());
        }
        o
    }

    #[test]
    fn folders_map_to_their_index_and_files_to_themselves() {
        let o = output();
        assert_eq!(resolve(&o, "/"), Resolved::File("index.html".into()));
        assert_eq!(resolve(&o, "/en/policy/"), Resolved::File("en/policy/index.html".into()));
        assert_eq!(resolve(&o, "/en/policy/?utm=1#x"), Resolved::File("en/policy/index.html".into()));
        assert_eq!(resolve(&o, "/en/policy/index.html"), Resolved::File("en/policy/index.html".into()));
        assert_eq!(resolve(&o, "/style.css"), Resolved::File("style.css".into()));
        assert_eq!(resolve(&o, "/%65n/"), Resolved::File("en/index.html".into()));
        assert_eq!(resolve(&o, "http://127.0.0.1:1111/en/"), Resolved::File("en/index.html".into()));
        assert_eq!(resolve(&o, "/en/policy"), Resolved::Redirect("/en/policy/".into()));
        assert_eq!(resolve(&o, "/en/missing/"), Resolved::NotFound);
    }

    #[test]
    fn nothing_climbs_out_or_reaches_hidden_and_hosting_files() {
        let o = output();
        for target in [
            "/../privsite.toml",
            "/..",
            "/.",
            "/./index.html",
            "/en/../index.html",
            "/en/../../privsite.toml",
            "/%2e%2e/privsite.toml",
            "/%2E%2E/privsite.toml",
            "/..%2fprivsite.toml",
            "/%2e%2e%2fcontent/",
            "/..\\privsite.toml",
            "/en\\..\\index.html",
            "/%5c..%5cindex.html",
            "//etc/passwd",
            "//index.html",
            "/en//index.html",
            "/%00",
            "/index.html%00",
            "/index.html\0",
            "/%",
            "/%zz",
            "/%ff",
            "index.html",
            "",
            "/_headers",
            "/.nojekyll",
            "/.privsite-output",
            "/en/%0a",
            "file:///etc/passwd",
        ] {
            assert_eq!(resolve(&o, target), Resolved::NotFound, "{target:?}");
        }
    }

    #[test]
    fn only_requests_addressed_to_the_bound_address_are_answered() {
        let loopback: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for host in ["127.0.0.1:1111", "localhost:1111", "LocalHost.:1111", "[::1]:1111"] {
            assert!(host_allowed(host, loopback), "{host}");
        }
        for host in [
            "evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "localhost",
            "127.0.0.1",
            "127.0.0.1:1112",
            "127.0.0.1:",
            "192.168.1.5:1111",
            ":1111",
            "",
            "[::1]",
            "::1:1111",
            "127.0.0.1:1111:1111",
        ] {
            assert!(!host_allowed(host, loopback), "{host}");
        }
        let all: SocketAddr = "0.0.0.0:80".parse().unwrap();
        assert!(host_allowed("192.168.1.5", all) && host_allowed("[fe80::1]:80", all));
        assert!(!host_allowed("intranet.example", all));
        let v6: SocketAddr = "[::1]:8080".parse().unwrap();
        assert!(host_allowed("[::1]:8080", v6) && host_allowed("localhost:8080", v6));
    }

    #[test]
    fn reads_the_headers_of_the_hosting_file() {
        let text = "/*\n  Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\n  Referrer-Policy: no-referrer\n/other\n  X-Ignored: yes\n";
        assert_eq!(
            hosting_headers(text),
            vec![
                (
                    "Content-Security-Policy".to_string(),
                    "default-src 'none'; frame-ancestors 'none'".to_string()
                ),
                ("Referrer-Policy".to_string(), "no-referrer".to_string()),
            ]
        );
        assert_eq!(
            preview_csp("default-src 'none'"),
            "default-src 'none'; script-src 'self'; connect-src 'self'"
        );
    }
}
