//! Translations of the working copy: outdated or missing ones, and
//! translations whose links differ from their authoritative text (a
//! translation keeps the structure of the German section).

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Position};
use crate::load::CONTENT;
use crate::parse::Rendered;
use crate::site::{Site, TextId};
use crate::translation::{self, State};

pub fn check(site: &Site, html: &[Rendered]) -> Vec<Diagnostic> {
    let config = &site.config;
    let auth = config.authoritative;
    let auth_code = config.authoritative_code();
    let mut problems = Vec::new();
    for doc in &site.docs {
        let Some(draft) = &doc.draft else { continue };
        for (lang, code) in
            config.languages.iter().enumerate().filter(|(l, _)| *l != auth && draft.has_lang(*l))
        {
            for (part, state) in translation::states(draft, &site.texts, lang, auth) {
                let file = format!("{CONTENT}/{}/{}.{code}.md", doc.slug, part.stem);
                let target = format!("{}/{}", doc.slug, part.slug.unwrap_or(&part.stem));
                match state {
                    Some(State::Missing) => problems.push(
                        Diagnostic::warning(format!("missing translation: the {auth_code} text is shown in its place"))
                            .in_file(file)
                            .help(format!("translate {}.{auth_code}.md into this file, then `privsite mark-translated {code} {target}`", part.stem)),
                    ),
                    Some(State::Outdated) => problems.push(
                        Diagnostic::warning(format!(
                            "outdated translation: the {auth_code} text changed after it was translated, or it was never marked"
                        ))
                        .in_file(file)
                        .help(format!("update it, then `privsite mark-translated {code} {target}` (`privsite status` lists every state)")),
                    ),
                    _ => {}
                }
                if let (Some(a), Some(t)) = (part.texts[auth], part.texts[lang]) {
                    problems.extend(parity(site, html, a, t));
                }
            }
        }
    }
    problems
}

/// Links present in one text and not the other (counted, so a link given
/// twice in German must be there twice in the translation).
fn parity(site: &Site, html: &[Rendered], authoritative: TextId, translation: TextId) -> Vec<Diagnostic> {
    let count = |id: TextId| {
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        for l in &html[id].links {
            *m.entry(l.url.as_str()).or_default() += 1;
        }
        m
    };
    let (a, t) = (count(authoritative), count(translation));
    let (auth_text, tr_text) = (site.text(authoritative), site.text(translation));
    let mut problems = Vec::new();
    let (auth_headings, tr_headings) = (html[authoritative].ids.len(), html[translation].ids.len());
    if auth_headings != tr_headings {
        problems.push(
            Diagnostic::warning(format!(
                "{} has {auth_headings} heading(s), this translation {tr_headings}",
                auth_text.file
            ))
            .in_file(&tr_text.file)
            .help("a translation keeps the headings (and so the anchors) of its original"),
        );
    }
    for (url, n) in &a {
        if t.get(url).copied().unwrap_or(0) < *n {
            let at = html[authoritative].links.iter().find(|l| l.url == *url);
            problems.push(
                Diagnostic::warning(format!("the link `{url}` of {} is missing here", auth_text.file))
                    .in_file(&tr_text.file)
                    .help(format!(
                        "a translation keeps the links of its original ({}:{}); add it or change both",
                        auth_text.file,
                        at.map_or(0, |l| l.line)
                    )),
            );
        }
    }
    for (url, n) in &t {
        if a.get(url).copied().unwrap_or(0) < *n {
            let Some(at) = html[translation].links.iter().find(|l| l.url == *url) else { continue };
            let line = tr_text.body.lines().nth(at.line.saturating_sub(tr_text.body_line)).unwrap_or("");
            problems.push(
                Diagnostic::warning(format!("the link `{url}` is not in {}", auth_text.file))
                    .in_file(&tr_text.file)
                    .at(Position { line: at.line, col: at.col, source_line: line.to_string() })
                    .help("a translation keeps the links of its original; remove it here or add it there"),
            );
        }
    }
    problems
}
