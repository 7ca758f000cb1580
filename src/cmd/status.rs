//! `privsite status`: per document, section and language, whether the
//! translation is up to date, outdated or missing, and what is not released.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;

use crate::diag::Diagnostics;
use crate::site::{Document, Site};
use crate::translation::{self, State};

pub(crate) fn run(root: Option<&Path>) -> Result<(), Diagnostics> {
    let pipeline = super::open(root)?;
    let site = &pipeline.site;
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    crate::console::print(&table(site, color))?;
    Ok(())
}

/// The whole report (pure, for tests and the terminal alike).
pub(crate) fn table(site: &Site, color: bool) -> String {
    let paint = |code: &str, s: &str| crate::diag::paint(color, code, s);
    let config = &site.config;
    let auth = config.authoritative;
    let mut out = String::new();
    let (mut outdated, mut unmarked, mut missing) = (0, 0, 0);
    for doc in &site.docs {
        let Some(draft) = &doc.draft else {
            let _ = writeln!(out, "{}\n", paint("1", &gone(doc)));
            continue;
        };
        let _ = writeln!(out, "{}", paint("1", &headline(site, doc)));
        let parts = translation::parts(draft);
        let width = parts.iter().map(|p| p.stem.len()).max().unwrap_or(0).max(8) + 2;
        let _ = write!(out, "  {:width$}", "");
        for code in &config.languages {
            let _ = write!(out, "{code:<12}");
        }
        out.truncate(out.trim_end_matches(' ').len());
        out.push('\n');
        for part in parts {
            let Some(auth_text) = part.texts[auth] else { continue };
            let _ = write!(out, "  {:width$}", part.stem);
            for (lang, _) in config.languages.iter().enumerate() {
                let cell = if lang == auth {
                    let released = doc.latest().and_then(|v| {
                        translation::parts(&v.text)
                            .into_iter()
                            .find(|p| p.stem == part.stem || (p.slug.is_some() && p.slug == part.slug))
                            .and_then(|p| p.texts[auth])
                    });
                    match released {
                        _ if part.stem == "_release" => paint("36", "to release"),
                        Some(r) if site.text(r).digest == site.text(auth_text).digest => {
                            "released".to_string()
                        }
                        Some(_) => paint("36", "changed"),
                        None => paint("36", "new"),
                    }
                } else if !draft.has_lang(lang) {
                    "—".to_string()
                } else {
                    match translation::state(&site.texts, auth_text, part.texts[lang]) {
                        State::UpToDate => paint("32", State::UpToDate.label()),
                        State::Outdated => {
                            outdated += 1;
                            paint("33", State::Outdated.label())
                        }
                        State::Unmarked => {
                            unmarked += 1;
                            paint("33", State::Unmarked.label())
                        }
                        State::Missing => {
                            missing += 1;
                            paint("31", State::Missing.label())
                        }
                    }
                };
                // Pad by visible width: colour codes take no room.
                let visible = strip_ansi(&cell).chars().count();
                let _ = write!(out, "{cell}{}", " ".repeat(12usize.saturating_sub(visible)));
            }
            out.truncate(out.trim_end_matches(' ').len());
            out.push('\n');
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{outdated} outdated, {unmarked} not marked as translated, {missing} missing translations"
    );
    if unmarked + outdated > 0 {
        let _ = writeln!(
            out,
            "When a translation is done: `privsite mark-translated LANG DOC` marks every part of the document at once."
        );
    }
    out
}

fn headline(site: &Site, doc: &Document) -> String {
    let released = match doc.latest() {
        Some(v) => format!("v{} released {}", v.number, v.date),
        None => "not released yet".to_string(),
    };
    let unreleased =
        if doc.has_unreleased_changes(&site.texts) { "; content/ has unreleased changes" } else { "" };
    format!("{} ({released}{unreleased})", doc.slug)
}

/// The headline of a document that has no working copy: withdrawn, or its folder deleted.
fn gone(doc: &Document) -> String {
    let latest = doc.latest().map_or(String::new(), |v| format!("v{} released {}; ", v.number, v.date));
    match doc.withdrawn {
        Some(date) => format!("{} ({latest}withdrawn on {date})", doc.slug),
        None => format!(
            "{} ({latest}content/{}/ is missing: restore it, or `privsite withdraw {}`)",
            doc.slug, doc.slug, doc.slug
        ),
    }
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut in_escape = false;
    for c in s.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (false, c) => out.push(c),
            _ => {}
        }
    }
    out
}
