//! Structured fuzzing of every parser of outside input, with proptest on
//! stable Rust. Inputs are made of the tokens each format is built from
//! mixed with arbitrary text, so cases land near the valid ones where the
//! bugs are. The invariant for every target: no panic, no hang (each case
//! runs on a thread of its own and must finish within [`BOUND`]), and either
//! a result or a diagnostic that says something.
//!
//! `PROPTEST_CASES=N` sets the number of cases per target (CI runs the
//! defaults below); see the README for running them long.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};

use crate::diag::Diagnostic;

/// How long one case may take (generous: debug build, shared machine).
const BOUND: Duration = Duration::from_secs(10);

/// The cases per target: `PROPTEST_CASES`, else `default`.
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// Runs `f` on its own thread: a panic or a case slower than [`BOUND`] fails.
fn bounded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, TestCaseError> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(BOUND) {
        Ok(value) => Ok(value),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(TestCaseError::fail(format!("no answer within {BOUND:?}")))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(TestCaseError::fail("panicked")),
    }
}

/// A diagnostic that says something.
fn said(d: &Diagnostic) -> Result<(), TestCaseError> {
    prop_assert!(!d.message.trim().is_empty(), "an empty diagnostic: {d:?}");
    Ok(())
}

/// Text made of `tokens` and arbitrary characters.
fn soup(tokens: &'static [&'static str], len: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(tokens).prop_map(str::to_string),
        1 => proptest::collection::vec(any::<char>(), 0..6).prop_map(|c| c.into_iter().collect::<String>()),
        1 => proptest::sample::select(&["\n", "\r\n", " ", "\t", "\0", "\u{feff}", "é", "\u{202e}", "\u{10ffff}"][..])
            .prop_map(str::to_string),
    ];
    proptest::collection::vec(piece, 0..len).prop_map(|p| p.concat())
}

const FRONT_MATTER: &[&str] = &[
    "+++",
    "+++\n",
    "title",
    " = ",
    "\"",
    "'''",
    "\"\"\"",
    "translated_from",
    "summary",
    "aliases",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "\\",
    "\\u00e9",
    "x",
    "1",
    "true",
    "=",
    "\n",
    "[table]",
    "titel",
];
const CONFIG: &[&str] = &[
    "name",
    "base_url",
    "languages",
    "authoritative",
    "theme",
    "allow_html",
    " = ",
    "\"",
    "[",
    "]",
    ",",
    "\n",
    "\"de\"",
    "\"en\"",
    "\"sv\"",
    "\"https://privacy.example.com/\"",
    "\"http://x/legal/\"",
    "[mail]",
    "[publish]",
    "from",
    "smtp",
    "subscribers",
    "target",
    "\"dir:www\"",
    "\"s3://b/p\"",
    "true",
    "1",
    "#",
    "connections",
    "rate",
    "\"14/s\"",
    "unsubscribe",
    "\"{email}{token}\"",
];
const VERSION: &[&str] = &[
    "kind",
    "date",
    "effective",
    " = ",
    "\"major\"",
    "\"minor\"",
    "2024-01-10",
    "2024-13-40",
    "\"",
    "[files]",
    "\"10-a.de.md\"",
    "\"_index.de.md\"",
    "\"0000000000000000000000000000000000000000000000000000000000000000\"",
    "\n",
    "  ",
    "../v1/",
    "10-a.de.md",
    "_release.de.md",
    "[",
    "]",
];
const FLUENT: &[&str] = &[
    "site-title",
    "-brand",
    " = ",
    "{",
    "}",
    "$count",
    "$name",
    " ->",
    "\n",
    "    ",
    "[one]",
    "*[other]",
    "[few]",
    "\"",
    ".attr",
    "NUMBER(",
    ")",
    "#",
    "##",
    "###",
    "-term.attr",
    "message",
    "{ -brand }",
    "{ site-title }",
];
const TEMPLATE: &[&str] = &[
    "{% extends \"base.html\" %}",
    "{% block main %}",
    "{% endblock main %}",
    "{{",
    "}}",
    "{%",
    "%}",
    "if",
    "for",
    " x in ",
    "endif",
    "endfor",
    "t(key=\"site-title\")",
    "lang",
    "page",
    "| safe",
    "| upper",
    "set",
    "macro",
    "{#",
    "#}",
    "include",
    "\"404.html\"",
    "raw",
    "endraw",
    "(",
    ")",
    "[",
    "]",
    ".",
    "loop.index",
    "x",
];
const MARKDOWN: &[&str] = &[
    "[",
    "]",
    "(",
    ")",
    "#",
    "##",
    "../",
    "policy/",
    "terms/",
    "#intro",
    "#",
    "https://example.com/",
    "mailto:",
    "![",
    "<a href=\"",
    "\">",
    "</a>",
    "<script>",
    "*",
    "_",
    "`",
    "```",
    "\n",
    "> ",
    "- ",
    "1. ",
    "|",
    "---",
    "[^1]",
    "[^1]: ",
    "<",
    ">",
    "&",
    "javascript:",
    "//evil.example/",
    "%2e%2e/",
];
const CSV: &[&str] = &[
    "email",
    "language",
    "name",
    ",",
    "\n",
    "\r\n",
    "\"",
    "anna@example.com",
    "bo@EXAMPLE.com",
    "de",
    "en",
    "sv",
    "fr",
    "en-GB",
    "@",
    "\u{feff}",
    " ",
    "\"\"",
    "a,b",
    "x",
];
const SENDLOG: &[&str] = &[
    "# privsite send log",
    "sent",
    "failed",
    "unknown",
    "\t",
    "\n",
    "anna@example.com",
    "<id@example.com>",
    "250 OK",
    "550",
    "2024-01-10T00:00:00Z",
    "x",
    "\r",
];
const MANIFEST: &[&str] = &[
    "{",
    "}",
    "\"privsite\"",
    ":",
    "1",
    "2",
    "\"files\"",
    "\"a.html\"",
    "\"sha256\"",
    "\"size\"",
    "\"abc\"",
    ",",
    "[",
    "]",
    "null",
    "-1",
    "1e999",
    "\"",
    "\\u0000",
];
const TARGETS: &[&str] = &[
    "s3://",
    "gs://",
    "az://",
    "dir:",
    "file://",
    "bucket",
    "/prefix",
    "?endpoint=",
    "http://127.0.0.1:9000",
    "&region=",
    "eu-west-1",
    "..",
    "/",
    "%2F",
    "@",
    ":",
    "#",
    " ",
    "www",
];
const REQUESTS: &[&str] = &[
    "GET ",
    "HEAD ",
    "POST ",
    "/",
    "/en/",
    "/__privsite/events",
    "..",
    "%2e",
    "%2f",
    "%",
    "\\",
    "?",
    "#",
    " HTTP/1.1",
    " HTTP/1.0",
    "\r\n",
    "Host: ",
    "127.0.0.1:1111",
    "localhost:1111",
    "evil.example",
    "[::1]:1111",
    ":",
    "\n",
    "Content-Length: 5",
    "Transfer-Encoding: chunked",
    "\0",
];

fn config_langs() -> Vec<String> {
    ["de", "en", "sv"].map(String::from).to_vec()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn front_matter(text in soup(FRONT_MATTER, 40), required in any::<bool>()) {
        let result = bounded(move || crate::load::frontmatter::parse(&text, "f.de.md", required).map(|_| ()))?;
        if let Err(d) = result { said(&d)?; }
    }

    #[test]
    fn file_names(name in soup(&["10", "-", "intro", ".de", ".md", "_index", "_release", ".", "0", "99999999999999999999"], 8)) {
        bounded(move || { let _ = crate::load::filename::parse(&name); crate::load::filename::is_slug(&name) })?;
    }

    #[test]
    fn site_configuration(text in soup(CONFIG, 40)) {
        if let Err(found) = bounded(move || crate::config::Config::parse(&text).map(|_| ()))? {
            prop_assert!(!found.0.is_empty());
            for d in &found.0 { said(d)?; }
        }
    }

    #[test]
    fn stored_versions(meta in soup(VERSION, 30), sums in soup(VERSION, 20), number in 0u32..5) {
        bounded(move || -> Result<(), TestCaseError> {
            match crate::load::versions::parse_meta(&meta, "versions/p/v1/version.toml") {
                Ok(meta) => {
                    if let Err(d) = crate::load::versions::parse_sums(&sums, "versions/p/v1/SHA256SUMS", &meta, number) {
                        said(&d)?;
                    }
                }
                Err(d) => said(&d)?,
            }
            Ok(())
        })??;
    }

    #[test]
    fn fluent_files(text in soup(FLUENT, 40)) {
        if let Err(found) = bounded(move || crate::load::locales::parse(0, "locales/de/x.ftl".into(), text).map(|_| ()))? {
            for d in &found { said(d)?; }
        }
    }

    #[test]
    fn markdown_links_and_anchors(body in soup(MARKDOWN, 40), allow_html in any::<bool>()) {
        bounded(move || {
            let text = crate::site::Text {
                title: Some("T".into()),
                blank: body.trim().is_empty(),
                body: crate::site::Body::here(body.clone()),
                file: "content/p/10-a.de.md".into(),
                body_line: 4,
                id_prefix: "a".into(),
                digest: [0; 32],
                translated_from: None,
                summary: Some(body.clone()),
                summary_at: None,
                aliases: Vec::new(),
                aliases_at: None,
            };
            let _ = crate::parse::render(&text, allow_html);
            let _ = crate::parse::target(&body);
        })?;
    }

    #[test]
    fn subscriber_lists(text in soup(CSV, 40)) {
        let parsed = bounded(move || crate::notify::subscribers::parse(text.as_bytes(), "subscribers.csv", &config_langs(), 0))?;
        for d in &parsed.problems { said(d)?; }
    }

    #[test]
    fn send_logs(text in soup(SENDLOG, 40)) {
        let (_, problems) = bounded(move || crate::notify::sendlog::parse(&text, "notices/p/v1.log"))?;
        for d in &problems { said(d)?; }
    }

    #[test]
    fn publish_manifests(text in soup(MANIFEST, 40)) {
        if let Err(message) = bounded(move || crate::publish::plan::Manifest::parse(text.as_bytes()).map(|_| ()))? {
            prop_assert!(!message.is_empty());
        }
    }

    #[test]
    fn publish_targets(text in soup(TARGETS, 12)) {
        if let Err(d) = bounded(move || crate::publish::target::parse(&text).map(|_| ()))? { said(&d)?; }
    }

    #[test]
    fn serve_requests(head in soup(REQUESTS, 30), bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        bounded(move || {
            let bound: SocketAddr = "127.0.0.1:1111".parse().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 1111)));
            let mut output = crate::render::Output::new();
            output.insert("index.html".into(), b"x".as_slice().into());
            output.insert("en/index.html".into(), b"x".as_slice().into());
            let _ = crate::serve::listen::parse_head(head.as_bytes(), bound);
            let _ = crate::serve::listen::parse_head(&bytes, bound);
            let target = head.split(' ').nth(1).unwrap_or(&head).to_string();
            let _ = crate::serve::http::resolve(&output, &target);
            let _ = crate::serve::http::host_allowed(&head, bound);
        })?;
    }
}

/// Templates and Markdown through the whole pipeline (load → check →
/// render) of a small site on disk: slower per case, so fewer by default.
mod pipeline {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"));
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap_or(dir.path())).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
        };
        write(
            "privsite.toml",
            "name = \"F\"\nbase_url = \"https://f.example/\"\nlanguages = [\"de\"]\nauthoritative = \"de\"\n",
        );
        write("content/policy/_index.de.md", "+++\ntitle = \"P\"\n+++\n");
        write("content/terms/_index.de.md", "+++\ntitle = \"T\"\n+++\n");
        write("content/terms/10-scope.de.md", "+++\ntitle = \"S\"\n+++\nx\n");
        dir
    }

    /// Load, check and render in memory; `Ok` or diagnostics that say something.
    fn run(root: Arc<std::path::PathBuf>) -> Result<(), TestCaseError> {
        let outcome = bounded(move || -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
            let pipeline = crate::pipeline::Pipeline::load_afresh(Some(&root)).map_err(|d| d.0)?;
            let mut found = pipeline.findings();
            let options = crate::render::BuildOptions {
                date: chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or_default(),
                base_url: None,
                drafts: true,
                pdf_store: None,
            };
            if let Err(d) = pipeline.render_to(&options, &|_, _| Ok(())) {
                found.extend(d.0);
            }
            Ok(found)
        })?;
        for d in outcome.as_ref().unwrap_or_else(|found| found) {
            said(d)?;
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(config(24))]

        #[test]
        fn templates(body in soup(TEMPLATE, 24)) {
            let dir = site();
            let path = dir.path().join("themes/default/templates/center.html");
            std::fs::create_dir_all(path.parent().unwrap_or(dir.path())).map_err(|e| TestCaseError::fail(e.to_string()))?;
            std::fs::write(&path, format!("{{% extends \"base.html\" %}}{{% block main %}}{body}{{% endblock main %}}"))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            run(Arc::new(dir.path().to_path_buf()))?;
        }

        #[test]
        fn markdown_through_the_link_checks(body in soup(MARKDOWN, 40)) {
            let dir = site();
            std::fs::write(dir.path().join("content/policy/10-intro.de.md"), format!("+++\ntitle = \"I\"\n+++\n{body}\n"))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            run(Arc::new(dir.path().to_path_buf()))?;
        }
    }
}
