//! parse: Markdown → HTML through comrak, once per distinct text; the stage
//! between `load` and `check`, whose links and ids `check` reads.
//!
//! Links to other documents (`../cookie-policy/#x`) are rewritten to a marker
//! that each page replaces with its own way back to the language root, so the
//! same HTML serves the current page, every version page and every language
//! that falls back to this text. Ids made inside a body (headings, footnotes)
//! are prefixed with the section slug so they stay unique on a page.

use std::fmt;
use std::sync::{Arc, Mutex};

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::{NodeValue, Sourcepos};
use comrak::options::Plugins;
use comrak::{Anchorizer, Arena, Options, format_html_with_plugins, parse_document};
use serde::{Deserialize, Serialize};

use crate::site::Text;

/// Stands for the relative path from a page to its language root (`en/`).
pub(crate) const LANG_ROOT: &str = "privsite-lang-root:";

/// A link as written in the Markdown, with its file position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Link {
    pub(crate) url: String,
    pub(crate) line: usize,
    pub(crate) col: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    /// `#anchor` in the same document.
    Anchor(&'a str),
    /// `../doc/` or `../doc/#anchor`.
    Document { doc: &'a str, anchor: Option<&'a str> },
    /// Anything with a scheme (`https:`, `mailto:`), or site-absolute.
    External,
    /// A relative URL privsite cannot resolve.
    Unknown,
}

/// What a link points at.
pub(crate) fn target(url: &str) -> Target<'_> {
    if let Some(anchor) = url.strip_prefix('#') {
        return Target::Anchor(anchor);
    }
    if let Some(rest) = url.strip_prefix("../") {
        let (path, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (rest, None),
        };
        let doc = path.strip_suffix('/').unwrap_or(path);
        if crate::load::filename::is_slug(doc) {
            return Target::Document { doc, anchor };
        }
        return Target::Unknown;
    }
    let has_scheme = url.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme || url.starts_with('/') { Target::External } else { Target::Unknown }
}

/// A text rendered: shared, so that a long-running preview takes it from one
/// build to the next without copying it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rendered(Arc<Html>);

impl Rendered {
    /// Where its HTML is: the same for as long as this (or a clone) lives.
    pub(crate) fn address(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

/// Every text's HTML by [`crate::site::TextId`], as far as a render asks
/// for it: what earlier builds kept is read for the texts a render shows,
/// not for the whole history (`pipeline::parsed`).
pub(crate) trait Parsed: Sync {
    fn get(&self, id: crate::site::TextId) -> &Rendered;
}

impl Parsed for Vec<Rendered> {
    fn get(&self, id: crate::site::TextId) -> &Rendered {
        &self[id]
    }
}

impl From<Html> for Rendered {
    fn from(html: Html) -> Rendered {
        Rendered(Arc::new(html))
    }
}

/// What a text's [`Html`] is made from, beside the dialect (`allow_html`):
/// its title, body and summary (their digest), the prefix of its ids, and
/// where its body and summary start (the positions of its links, for
/// `check`). Texts of equal keys parse to equal HTML. The title is part of
/// the key as well as of the digest: the digest joins title and body with a
/// NUL, which either may hold, so only both together name the body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct Key {
    digest: [u8; 32],
    title: Option<String>,
    id_prefix: String,
    body_line: usize,
    summary_at: Option<(usize, usize)>,
}

impl Key {
    pub(crate) fn of(text: &Text) -> Key {
        Key {
            digest: text.digest,
            title: text.title.clone(),
            id_prefix: text.id_prefix.clone(),
            body_line: text.body_line,
            summary_at: text.summary_at.as_ref().map(|p| (p.line, p.col)),
        }
    }
}

impl std::ops::Deref for Rendered {
    type Target = Html;
    fn deref(&self) -> &Html {
        &self.0
    }
}

/// What `check` reads of a parsed text; kept apart from its HTML so that
/// a command that only checks reads no HTML (`pipeline::parsed`).
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Facts {
    /// Every link.
    pub(crate) links: Vec<Link>,
    /// Ids defined in the body (headings, footnotes).
    pub(crate) ids: Vec<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Html {
    pub(crate) html: String,
    /// The summary (front matter `summary`), rendered.
    pub(crate) summary: Option<String>,
    /// Whether `html` or `summary` contain [`LANG_ROOT`] markers to replace.
    pub(crate) has_doc_links: bool,
    pub(crate) facts: Arc<Facts>,
}

impl Html {
    /// The HTML for a page `depth` folders below its language root.
    pub(crate) fn html_at(&self, lang_root: &str) -> std::borrow::Cow<'_, str> {
        if self.has_doc_links {
            replace(&self.html, LANG_ROOT, lang_root).into()
        } else {
            self.html.as_str().into()
        }
    }

    /// The summary for a page, as [`Rendered::html_at`].
    pub(crate) fn summary_at(&self, lang_root: &str) -> Option<String> {
        self.summary.as_ref().map(|s| replace(s, LANG_ROOT, lang_root))
    }

    /// Summary box and body as one fragment, with the markers left in (the
    /// links' and [`SUMMARY_LABEL`]): what
    /// changes pages compare word by word, so a changed summary shows.
    pub(crate) fn full(&self) -> std::borrow::Cow<'_, str> {
        match &self.summary {
            Some(summary) => format!("{}{}", summary_box(summary), self.html).into(),
            None => self.html.as_str().into(),
        }
    }
}

/// `text` with every `marker` replaced by `by`: [`str::replace`], with the
/// SIMD search of `memchr` (pages spend much of their time here).
pub(crate) fn replace(text: &str, marker: &str, by: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut done = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), marker.as_bytes()) {
        out.push_str(&text[done..at]);
        out.push_str(by);
        done = at + marker.len();
    }
    out.push_str(&text[done..]);
    out
}

/// Stands for the summary box's label, which is in the page's language.
pub(crate) const SUMMARY_LABEL: &str = "privsite-summary-label:";

/// `html` with its markers filled in, in one pass: [`LANG_ROOT`] by
/// `lang_root`, [`SUMMARY_LABEL`] by `label` (HTML already).
pub(crate) fn fill_markers(html: &str, lang_root: &str, label: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut done = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), b"privsite-") {
        let tail = &html[at..];
        let (marker, by) = if tail.starts_with(LANG_ROOT) {
            (LANG_ROOT, lang_root)
        } else if tail.starts_with(SUMMARY_LABEL) {
            (SUMMARY_LABEL, label)
        } else {
            continue;
        };
        out.push_str(&html[done..at]);
        out.push_str(by);
        done = at + marker.len();
    }
    out.push_str(&html[done..]);
    out
}

/// The box a summary stands in above its section's text.
pub(crate) fn summary_box(summary: &str) -> String {
    format!("<div class=\"summary\">\n<p class=\"summary-label\">{SUMMARY_LABEL}</p>\n{summary}</div>\n")
}

/// Gives headings ids (with the text's prefix) and records them.
struct Headings {
    prefix: String,
    state: Mutex<(Anchorizer, Vec<String>)>,
}

impl HeadingAdapter for Headings {
    fn enter(&self, out: &mut dyn fmt::Write, heading: &HeadingMeta, _: Option<Sourcepos>) -> fmt::Result {
        let mut state = self.state.lock().map_err(|_| fmt::Error)?;
        let id = format!("{}{}", self.prefix, state.0.anchorize(&heading.content));
        write!(out, "<h{} id=\"{}\">", heading.level, id)?;
        state.1.push(id);
        Ok(())
    }

    fn exit(&self, out: &mut dyn fmt::Write, heading: &HeadingMeta) -> fmt::Result {
        writeln!(out, "</h{}>", heading.level)
    }
}

/// Every text of the site, rendered once each on every core (`[id]` → HTML).
pub(crate) fn render_all(site: &crate::site::Site) -> Vec<Rendered> {
    use rayon::prelude::*;
    site.texts.par_iter().map(|t| render(t, site.config.allow_html)).collect()
}

/// The Markdown dialect of every text, for HTML and PDF alike.
pub(crate) fn options(allow_html: bool) -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.footnotes = true;
    options.extension.tasklist = true;
    options.render.r#unsafe = allow_html;
    options.render.escape = !allow_html;
    options
}

/// Records the links of a parsed tree and rewrites links to other documents
/// to [`LANG_ROOT`] markers; `at(line, col)` gives a link's line and column
/// in the file. Returns whether any was rewritten.
fn collect_links<'a>(
    root: &'a comrak::nodes::AstNode<'a>,
    prefix: &str,
    at: impl Fn(usize, usize) -> (usize, usize),
    links: &mut Vec<Link>,
) -> bool {
    let mut has_doc_links = false;
    for node in root.descendants() {
        let mut data = node.data.borrow_mut();
        let pos = data.sourcepos.start;
        match &mut data.value {
            NodeValue::Link(link) | NodeValue::Image(link) => {
                let (line, col) = at(pos.line, pos.column);
                links.push(Link { url: link.url.clone(), line, col });
                if let Target::Document { doc, anchor } = target(&link.url) {
                    let rewritten = match anchor {
                        Some(a) => format!("{LANG_ROOT}{doc}/#{a}"),
                        None => format!("{LANG_ROOT}{doc}/"),
                    };
                    link.url = rewritten;
                    has_doc_links = true;
                }
            }
            NodeValue::FootnoteReference(r) => r.name = format!("{prefix}{}", r.name),
            NodeValue::FootnoteDefinition(d) => d.name = format!("{prefix}{}", d.name),
            _ => {}
        }
    }
    has_doc_links
}

pub(crate) fn render(text: &Text, allow_html: bool) -> Rendered {
    let options = options(allow_html);
    let prefix = if text.id_prefix.is_empty() { String::new() } else { format!("{}-", text.id_prefix) };
    let arena = Arena::new();
    let root = parse_document(&arena, text.body(), &options);
    let mut links = Vec::new();
    let body_line = text.body_line;
    let mut has_doc_links =
        collect_links(root, &prefix, |l, c| ((body_line + l).saturating_sub(1).max(1), c), &mut links);
    let headings = Headings { prefix: prefix.clone(), state: Mutex::new((Anchorizer::new(), Vec::new())) };
    let mut plugins = Plugins::default();
    plugins.render.heading_adapter = Some(&headings);
    let mut html = String::with_capacity(text.body().len() * 3 / 2);
    // Writing into a String cannot fail.
    let _ = format_html_with_plugins(root, &options, &mut html, &plugins);
    let mut ids = headings.state.into_inner().map(|s| s.1).unwrap_or_default();
    // Footnotes define ids too; anchors kept for former slugs must not repeat any.
    ids.extend(
        html.split(" id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .filter(|id| id.starts_with("fn"))
            .map(str::to_string),
    );
    let summary = text.summary.as_deref().map(|source| {
        let root = parse_document(&arena, source, &options);
        // A summary sits in its front matter line (a one-line TOML string).
        let (line, col) = text.summary_at.as_ref().map_or((1, 1), |p| (p.line, p.col));
        has_doc_links |=
            collect_links(root, &format!("{prefix}summary-"), |_, c| (line, col + c - 1), &mut links);
        let mut out = String::new();
        let _ = comrak::format_html(root, &options, &mut out);
        out
    });
    Rendered(Arc::new(Html { html, summary, has_doc_links, facts: Arc::new(Facts { links, ids }) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str, prefix: &str) -> Text {
        Text {
            title: None,
            body: crate::site::Body::here(body.into()),
            file: "f.md".into(),
            body_line: 4,
            id_prefix: prefix.into(),
            ..Default::default()
        }
    }

    #[test]
    fn classifies_targets() {
        assert_eq!(target("#retention"), Target::Anchor("retention"));
        assert_eq!(target("../cookie-policy/"), Target::Document { doc: "cookie-policy", anchor: None });
        assert_eq!(target("../a/#b"), Target::Document { doc: "a", anchor: Some("b") });
        assert_eq!(target("https://x.org"), Target::External);
        assert_eq!(target("mailto:a@b.c"), Target::External);
        assert_eq!(target("other.html"), Target::Unknown);
    }

    #[test]
    fn rewrites_document_links_and_keeps_anchors() {
        let r = render(&text("See [c](../cookie-policy/#x) and [r](#retention).\n", "s"), false);
        assert!(r.html.contains(&format!("href=\"{LANG_ROOT}cookie-policy/#x\"")), "{}", r.html);
        assert!(r.html.contains("href=\"#retention\""));
        assert_eq!(r.html_at("../../").matches("../../cookie-policy/#x").count(), 1);
        assert_eq!(r.facts.links[0].line, 4);
    }

    #[test]
    fn prefixes_heading_and_footnote_ids() {
        let r = render(&text("### Details\n\nA[^1]\n\n[^1]: note\n", "rights"), false);
        assert!(r.html.contains("<h3 id=\"rights-details\">Details</h3>"), "{}", r.html);
        assert!(r.html.contains("id=\"fn-rights-1\""), "{}", r.html);
        assert_eq!(r.facts.ids, ["rights-details", "fnref-rights-1", "fn-rights-1"]);
    }

    #[test]
    fn a_summary_is_rendered_and_its_links_checked() {
        let mut t = text("Body.\n", "rights");
        t.summary = Some("You may *object*; see [cookies](../cookie-policy/#x).".into());
        t.summary_at = Some(crate::diag::Position { line: 3, col: 12, source_line: String::new() });
        let r = render(&t, false);
        let summary = r.summary_at("../").expect("a summary");
        assert!(summary.contains("<em>object</em>"), "{summary}");
        assert!(summary.contains("href=\"../cookie-policy/#x\""), "{summary}");
        assert_eq!(r.facts.links.iter().map(|l| (l.line, l.col)).collect::<Vec<_>>(), [(3, 34)]);
        assert!(r.full().starts_with("<div class=\"summary\">"), "the diffed text holds the summary");
    }

    #[test]
    fn a_key_tells_apart_texts_whose_digests_are_alike() {
        let digest = |t: &Text| crate::load::texts::digest(t.title.as_deref(), t.body(), None);
        let mut a = text("y\0z\n", "s");
        a.title = Some("x".into());
        let mut b = text("z\n", "s");
        b.title = Some("x\0y".into());
        (a.digest, b.digest) = (digest(&a), digest(&b));
        assert_eq!(a.digest, b.digest, "the digest alone cannot tell these bodies apart");
        assert_ne!(Key::of(&a), Key::of(&b));
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let t = text("<script>alert(1)</script>\n\nx <b>y</b>\n", "");
        assert!(!render(&t, false).html.contains("<script>"));
        assert!(render(&t, false).html.contains("&lt;b&gt;"));
        assert!(render(&t, true).html.contains("<b>y</b>"));
    }

    #[test]
    fn gfm_tables_and_autolinks() {
        let r = render(&text("| a | b |\n|---|---|\n| 1 | 2 |\n\n<x@example.com>\n", ""), false);
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("href=\"mailto:x@example.com\""));
    }

    proptest::proptest! {
        #[test]
        fn replace_is_str_replace(text in "(aa|a|é|b|\\PC){0,40}", by in "[a-z]{0,3}") {
            proptest::prop_assert_eq!(replace(&text, "aa", &by), text.replace("aa", &by));
            proptest::prop_assert_eq!(replace(&text, "aéb", &by), text.replace("aéb", &by));
        }
    }
}
