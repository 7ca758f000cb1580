//! Accessibility: axe-core (npm, `tests/axe/`) checks one page of each kind
//! of the example, summaries, section links and a withdrawn document included, in headless
//! Chromium. The pages forbid scripts, so axe is injected over the DevTools
//! protocol (`Runtime.evaluate`), never through the page. Skipped with a
//! notice when Chromium or axe-core is missing, unless `CI` is set.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::csp::{one_page_per_kind, serve};
use crate::serve_browser::Chromium;
use crate::support::{Site, chromium};

/// `tests/axe/node_modules/axe-core/axe.min.js` (`npm ci --prefix tests/axe`), or `AXE_CORE`.
fn axe_source(test: &str) -> Option<String> {
    let path = std::env::var_os("AXE_CORE").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/axe/node_modules/axe-core/axe.min.js")
    });
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!(
                "{test}: axe-core is not installed ({}: {e}); run `npm ci --prefix tests/axe`",
                path.display()
            )
        }
        Err(_) => {
            eprintln!(
                "NOTICE: skipping {test}: axe-core is not installed (npm ci --prefix tests/axe); CI=1 makes this a failure"
            );
            None
        }
    }
}

/// The WCAG 2.1 A and AA rules and axe's best practices.
const RUN: &str = "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
  .then(r => ({ rules: r.passes.length + r.violations.length,
                violations: r.violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) })) }))";

#[test]
fn axe_finds_no_accessibility_violation_on_any_kind_of_page() {
    const TEST: &str = "axe_finds_no_accessibility_violation_on_any_kind_of_page";
    let (Some(binary), Some(axe)) = (chromium(TEST), axe_source(TEST)) else {
        return;
    };
    let site = Site::init_with_pdfs_typeset();
    // A withdrawn document too: its page and its archived versions.
    site.run(&["withdraw", "cookie-policy", "--date", "2026-01-01"]).ok();
    std::fs::remove_dir_all(site.path("content/cookie-policy")).unwrap();
    site.run(&["build", "--date", "2026-01-01"]).ok();
    let port = serve(site.path("public"));
    let chromium = Chromium::start(&binary);
    let mut page = chromium.page();
    // One page of each kind, and the pages with most summaries in each language.
    let mut pages = one_page_per_kind(&site);
    for lang in ["de", "en", "sv"] {
        for page in ["", "v3/", "v3/changes/", "history/"] {
            pages.push(format!("/{lang}/privacy-policy/{page}"));
        }
    }
    pages.extend(["/en/cookie-policy/".to_string(), "/sv/cookie-policy/v3/".to_string()]);
    pages.sort();
    pages.dedup();
    let mut problems = Vec::new();
    for path in &pages {
        page.call("Page.navigate", json!({ "url": format!("http://127.0.0.1:{port}{path}") }));
        let started = Instant::now();
        while page.poll("document.readyState === 'complete' && !!document.querySelector('main')")
            != Value::Bool(true)
        {
            assert!(started.elapsed() < Duration::from_secs(30), "{path} did not load");
            std::thread::sleep(Duration::from_millis(50));
        }
        page.call("Runtime.evaluate", json!({ "expression": axe }));
        let result = page.call(
            "Runtime.evaluate",
            json!({ "expression": RUN, "awaitPromise": true, "returnByValue": true }),
        )["result"]["value"]
            .clone();
        assert!(result["rules"].as_u64().is_some_and(|n| n > 20), "{path}: axe did not run: {result}");
        for v in result["violations"].as_array().into_iter().flatten() {
            problems.push(format!("{path}: {} ({}) at {}", v["id"], v["help"], v["nodes"]));
        }
    }
    assert!(problems.is_empty(), "axe found:\n{}", problems.join("\n"));
}

/// The harness sees a violation: a page with an image without alt text.
#[test]
fn axe_reports_a_violation_it_is_shown() {
    const TEST: &str = "axe_reports_a_violation_it_is_shown";
    let (Some(binary), Some(axe)) = (chromium(TEST), axe_source(TEST)) else {
        return;
    };
    let site = Site::init().with_pdfs();
    site.write("public/index.html", "<!doctype html><html lang=\"en\"><head><title>t</title></head><body><main><img src=\"x.png\"></main></body></html>");
    site.write("public/_headers", "/*\n");
    let port = serve(site.path("public"));
    let chromium = Chromium::start(&binary);
    let mut page = chromium.page();
    page.call("Page.navigate", json!({ "url": format!("http://127.0.0.1:{port}/") }));
    let started = Instant::now();
    while page.poll("document.readyState === 'complete'") != Value::Bool(true) {
        assert!(started.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(50));
    }
    page.call("Runtime.evaluate", json!({ "expression": axe }));
    let result = page
        .call("Runtime.evaluate", json!({ "expression": RUN, "awaitPromise": true, "returnByValue": true }));
    assert!(result.to_string().contains("image-alt"), "{result}");
}
