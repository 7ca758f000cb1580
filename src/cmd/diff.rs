//! `privsite diff DOC [FROM] [TO] [--lang L]`: what changed between two
//! versions, word by word, in the Markdown the authors wrote. Coloured on a
//! terminal; `[-removed-]{+added+}` when piped.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;

use similar::{ChangeTag, TextDiff};

use crate::cli::DiffArgs;
use crate::diag::{Diagnostic, Diagnostics};
use crate::site::{Document, Revision, Section, Site};

pub(crate) fn run(root: Option<&Path>, args: &DiffArgs) -> Result<(), Diagnostics> {
    let pipeline = super::open(root)?;
    let site = &pipeline.site;
    let doc = site.doc(&args.doc).filter(|d| !d.versions.is_empty()).ok_or_else(|| {
        let known: Vec<&str> =
            site.docs.iter().filter(|d| !d.versions.is_empty()).map(|d| d.slug.as_str()).collect();
        Diagnostic::error(format!("unknown document `{}`", args.doc))
            .help(format!("documents with released versions: {}", known.join(", ")))
    })?;
    let latest = doc.versions.len() as u32;
    let to = version(doc, args.to.as_deref(), latest)?;
    let from = version(doc, args.from.as_deref(), to.saturating_sub(1).max(1))?;
    let lang = match &args.lang {
        None => site.config.authoritative,
        Some(code) => site.config.lang_index(code).ok_or_else(|| {
            Diagnostic::error(format!("unknown language `{code}`"))
                .help(format!("the site's languages are {}", site.config.languages.join(", ")))
        })?,
    };
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    let old = &doc.versions[from as usize - 1].text;
    let new = &doc.versions[to as usize - 1].text;
    print!("{}", render(site, doc, (from, old), (to, new), lang, color));
    Ok(())
}

/// A version number from `2` or `v2`, checked against the document.
fn version(doc: &Document, arg: Option<&str>, default: u32) -> Result<u32, Diagnostic> {
    let Some(arg) = arg else { return Ok(default) };
    arg.trim_start_matches('v')
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=doc.versions.len() as u32).contains(n))
        .ok_or_else(|| {
            Diagnostic::error(format!("{} has no version `{arg}`", doc.slug))
                .help(format!("its versions are v1 to v{}", doc.versions.len()))
        })
}

fn source(site: &Site, section: &Section, lang: usize) -> Option<String> {
    let id = section.texts[lang].or(section.texts[site.config.authoritative])?;
    let text = site.text(id);
    Some(format!("## {}\n\n{}", text.title.as_deref().unwrap_or(""), text.body.trim_end()))
}

fn render(
    site: &Site,
    doc: &Document,
    old: (u32, &Revision),
    new: (u32, &Revision),
    lang: usize,
    color: bool,
) -> String {
    let paint = |code: &str, s: &str| crate::diag::paint(color, code, s);
    let mut out = String::new();
    let code = &site.config.languages[lang];
    let _ = writeln!(out, "{} v{} → v{} ({code})\n", doc.slug, old.0, new.0);
    let mut unchanged = Vec::new();
    let find = |rev: &Revision, slug: &str| {
        rev.sections.iter().find(|s| s.slug == slug).and_then(|s| source(site, s, lang))
    };
    for s in &new.1.sections {
        let Some(after) = source(site, s, lang) else { continue };
        match find(old.1, &s.slug) {
            Some(before) if before == after => unchanged.push(s.slug.as_str()),
            Some(before) => {
                let _ = writeln!(out, "{}", paint("1", &format!("#{} (changed)", s.slug)));
                for change in TextDiff::from_words(&before, &after).iter_all_changes() {
                    let word = change.value();
                    match change.tag() {
                        ChangeTag::Equal => out.push_str(word),
                        ChangeTag::Delete if color => out.push_str(&paint("9;31", word)),
                        ChangeTag::Insert if color => out.push_str(&paint("4;32", word)),
                        ChangeTag::Delete => out.push_str(&format!("[-{word}-]")),
                        ChangeTag::Insert => out.push_str(&format!("{{+{word}+}}")),
                    }
                }
                out.push_str("\n\n");
            }
            None => {
                let _ = writeln!(out, "{}", paint("1", &format!("#{} (added)", s.slug)));
                let _ =
                    writeln!(out, "{}\n", if color { paint("32", &after) } else { format!("{{+{after}+}}") });
            }
        }
    }
    for s in old.1.sections.iter().filter(|s| !new.1.sections.iter().any(|n| n.slug == s.slug)) {
        let Some(before) = source(site, s, lang) else { continue };
        let _ = writeln!(out, "{}", paint("1", &format!("#{} (removed)", s.slug)));
        let _ = writeln!(out, "{}\n", if color { paint("31", &before) } else { format!("[-{before}-]") });
    }
    if !unchanged.is_empty() {
        let _ = writeln!(out, "unchanged: {}", unchanged.join(", "));
    }
    out
}
