//! Translations of the working copy: outdated or missing ones, and
//! translations whose links differ from their authoritative text (a
//! translation keeps the structure of its original).

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Position, count};
use crate::load::CONTENT;
use crate::parse::{Facts, Target, target};
use crate::site::{Site, TextId};
use crate::translation::{self, State};

pub(crate) fn check(site: &Site, facts: &[Arc<Facts>]) -> Vec<Diagnostic> {
    let config = &site.config;
    let auth = config.authoritative;
    let auth_code = config.authoritative_code();
    // Each document on every core, the problems in the site's order.
    let per_doc = site.docs.par_iter().map(|doc| {
        let mut problems = Vec::new();
        let Some(draft) = &doc.draft else { return problems };
        for (lang, code) in
            config.languages.iter().enumerate().filter(|(l, _)| *l != auth && draft.has_lang(*l))
        {
            let mut unmarked = Vec::new();
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
                    Some(State::Unmarked) => unmarked.push(part.stem.clone()),
                    _ => {}
                }
                if let (Some(a), Some(t)) = (part.texts[auth], part.texts[lang]) {
                    problems.extend(parity(site, facts, a, t));
                }
            }
            if let Some(d) = not_marked(&doc.slug, code, &unmarked, Diagnostic::warning) {
                problems.push(d);
            }
        }
        problems
    });
    per_doc.flatten().collect()
}

/// Translations of one document into `code` that were never marked
/// (`stems`: `_index`, `10-intro`, `_release`): one message for one file,
/// and for many one message with the one command that marks them all.
pub(crate) fn not_marked(
    doc: &str,
    code: &str,
    stems: &[String],
    severity: fn(String) -> Diagnostic,
) -> Option<Diagnostic> {
    let target = |stem: &str| match stem.split_once('-') {
        Some((n, slug)) if n.bytes().all(|b| b.is_ascii_digit()) => slug.to_string(),
        _ => stem.to_string(),
    };
    match stems {
        [] => None,
        [stem] => Some(
            severity(format!("this translation is not marked as translated into `{code}`"))
                .in_file(format!("{CONTENT}/{doc}/{stem}.{code}.md"))
                .help(format!(
                    "once it matches the text it was made from, run `privsite mark-translated {code} {doc}/{}`",
                    target(stem)
                )),
        ),
        _ => Some(
            severity(format!(
                "{} of {doc} are not marked as translated into `{code}`: {}",
                count(stems.len(), "file"),
                stems.iter().map(|s| format!("{s}.{code}.md")).collect::<Vec<_>>().join(", ")
            ))
            .in_file(format!("{CONTENT}/{doc}"))
            .help(format!(
                "once they match the texts they were made from, `privsite mark-translated {code} {doc}` marks them all at once"
            )),
        ),
    }
}

/// What a link must match in the other language. Links inside the site
/// (documents, sections, anchors) match exactly; a web link matches any link
/// to the same host, since a translation may link the page in its own
/// language ("/de/…" and "/en/…" of a supervisory authority); other schemes
/// (`mailto:`, `tel:`) match exactly.
fn parity_key(link: &str) -> String {
    match target(link) {
        Target::External => match url::Url::parse(link) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => match u.host_str() {
                Some(host) => format!("https://{}/", host.to_ascii_lowercase()),
                None => link.to_string(),
            },
            _ => link.to_string(),
        },
        _ => link.to_string(),
    }
}

/// Links present in one text and not the other (counted, so a link given
/// twice in the original must be there twice in the translation).
fn parity(site: &Site, facts: &[Arc<Facts>], authoritative: TextId, translation: TextId) -> Vec<Diagnostic> {
    let links = |id: TextId| {
        let mut m: BTreeMap<String, usize> = BTreeMap::new();
        for l in &facts[id].links {
            *m.entry(parity_key(&l.url)).or_default() += 1;
        }
        m
    };
    let (a, t) = (links(authoritative), links(translation));
    let (auth_text, tr_text) = (site.text(authoritative), site.text(translation));
    let mut problems = Vec::new();
    let (auth_headings, tr_headings) = (facts[authoritative].ids.len(), facts[translation].ids.len());
    if auth_headings != tr_headings {
        problems.push(
            Diagnostic::warning(format!(
                "{} has {}, this translation {tr_headings}",
                auth_text.file,
                count(auth_headings, "heading")
            ))
            .in_file(&tr_text.file)
            .help("a translation keeps the headings (and so the anchors) of its original"),
        );
    }
    for (key, n) in &a {
        if t.get(key).copied().unwrap_or(0) < *n {
            let at = facts[authoritative].links.iter().find(|l| parity_key(&l.url) == *key);
            let url = at.map_or(key.as_str(), |l| l.url.as_str());
            problems.push(
                Diagnostic::warning(format!("the link `{url}` of {} is missing here", auth_text.file))
                    .in_file(&tr_text.file)
                    .help(format!(
                        "a translation keeps the links of its original ({}:{}); add it (a web link may go to another page of the same site) or change both",
                        auth_text.file,
                        at.map_or(0, |l| l.line)
                    )),
            );
        }
    }
    for (key, n) in &t {
        if a.get(key).copied().unwrap_or(0) < *n {
            let Some(at) = facts[translation].links.iter().find(|l| parity_key(&l.url) == *key) else {
                continue;
            };
            let line = tr_text.body().lines().nth(at.line.saturating_sub(tr_text.body_line)).unwrap_or("");
            problems.push(
                Diagnostic::warning(format!("the link `{}` is not in {}", at.url, auth_text.file))
                    .in_file(&tr_text.file)
                    .at(Position { line: at.line, col: at.col, source_line: line.to_string() })
                    .help("a translation keeps the links of its original; remove it here or add it there"),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::parity_key;

    #[test]
    fn web_links_match_by_host_and_site_links_exactly() {
        assert_eq!(
            parity_key("https://www.edpb.europa.eu/about-edpb_de"),
            parity_key("https://www.EDPB.europa.eu/about-edpb_en?x=1#top")
        );
        assert_ne!(parity_key("https://edpb.europa.eu/"), parity_key("https://www.bfdi.bund.de/"));
        assert_ne!(parity_key("#rights"), parity_key("#retention"));
        assert_ne!(parity_key("../terms/#scope"), parity_key("../terms/"));
        assert_ne!(parity_key("mailto:a@example.com"), parity_key("mailto:b@example.com"));
    }
}
