//! What serve changes in the HTML it sends: the preview's Content-Security-
//! Policy in the page's meta tag and the reload script; and the error page
//! shown in place of every page while the site has errors. The built site
//! itself never carries a script.

use crate::diag::{Diagnostic, escape_html};
use crate::serve::reload;

/// The stylesheet of the error page.
pub(crate) const STYLE_PATH: &str = "/__privsite/serve.css";
pub(crate) const STYLE: &str = "body { font: 1rem/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f23; }
h1 { color: #b3261e; }
pre.diagnostic { background: #f4f6f8; border-left: 4px solid #b3261e; padding: .75rem 1rem; overflow-x: auto; font-size: .9rem; }
pre.diagnostic.warning { border-left-color: #b98900; }
";

const META: &str = "http-equiv=\"Content-Security-Policy\"";

/// A page of the output as the preview sends it: `csp` in place of the
/// policy of its meta tag (browsers enforce every policy a page has, so the
/// script would be refused otherwise) and the reload script in its head.
pub(crate) fn inject(html: &str, csp: &str, generation: &str) -> String {
    let mut out = String::with_capacity(html.len() + 200);
    let mut rest = html;
    if let Some(meta) = html.find(META) {
        let tag_end = html[meta..].find('>').map_or(html.len(), |i| meta + i);
        let value = html[meta..tag_end].find("content=\"").map(|i| meta + i + "content=\"".len());
        if let Some((start, len)) = value.and_then(|start| Some((start, html[start..tag_end].find('"')?))) {
            out.push_str(&html[..start]);
            out.push_str(&escape_html(csp));
            rest = &html[start + len..];
        }
    }
    let script = reload::script_tag(generation);
    match rest.find("</head>") {
        Some(i) => {
            out.push_str(&rest[..i]);
            out.push_str(&script);
            out.push('\n');
            out.push_str(&rest[i..]);
        }
        None => {
            out.push_str(rest);
            out.push_str(&script);
        }
    }
    out
}

/// The page shown in place of every page while the latest build failed.
pub(crate) fn error_page(diagnostics: &[Diagnostic], csp: &str, generation: &str) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut body = String::new();
    for d in diagnostics.iter().filter(|d| d.is_error()).chain(diagnostics.iter().filter(|d| !d.is_error())) {
        body.push_str(&d.render_html());
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>privsite: {errors} {noun}</title>\n<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\n{script}\n</head>\n\
         <body>\n<main>\n<h1>The preview could not be rebuilt</h1>\n\
         <p>privsite found {errors} {noun} (the terminal shows the same). Fix the file and save: \
         this page reloads by itself.</p>\n{body}</main>\n</body>\n</html>\n",
        csp = escape_html(csp),
        noun = if errors == 1 { "error" } else { "errors" },
        script = reload::script_tag(generation),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Position;

    #[test]
    fn the_policy_is_replaced_and_the_script_added_to_the_head() {
        let page = "<!DOCTYPE html>\n<html><head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#x27;none&#x27;\">\n<title>x</title>\n</head><body>script-src</body></html>";
        let out = inject(page, "default-src 'none'; script-src 'self'", "g-1");
        assert!(out.contains("content=\"default-src &#39;none&#39;; script-src &#39;self&#39;\">"), "{out}");
        assert!(out.contains(
            "<script src=\"/__privsite/reload.js\" data-generation=\"g-1\" defer></script>\n</head>"
        ));
        assert_eq!(out.matches("<script").count(), 1);
        assert!(out.ends_with("<body>script-src</body></html>"));
    }

    #[test]
    fn a_page_without_head_or_policy_still_gets_the_script() {
        assert_eq!(inject("<p>hi</p>", "x", "1"), format!("<p>hi</p>{}", reload::script_tag("1")));
    }

    #[test]
    fn the_error_page_shows_every_diagnostic_escaped() {
        let d = Diagnostic::error("expected `=` <here>")
            .in_file("content/policy/10-intro.de.md")
            .at(Position::of("+++\ntitle \"x\"\n", 10))
            .help("write `title = \"…\"`");
        let page = error_page(&[Diagnostic::warning("a warning"), d.clone()], "default-src 'none'", "g-2");
        assert!(page.contains("privsite: 1 error</title>"), "{page}");
        assert!(page.contains(&d.render_html()), "{page}");
        assert!(page.contains("content/policy/10-intro.de.md:2:7"), "{page}");
        assert!(page.find("expected").unwrap_or(0) < page.find("a warning").unwrap_or(0), "errors first");
        assert!(page.contains("data-generation=\"g-2\""));
        assert!(!page.contains("<here>"));
    }
}
