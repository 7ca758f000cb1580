//! Assembles the files of one document folder (working copy or stored
//! version) into a [`Revision`], checking the rules of section numbering,
//! slugs and languages.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::load::filename::Role;
use crate::site::{Lang, Revision, Section, TextId};

/// One file of the folder; `text` is `None` if it did not parse (already reported).
pub(crate) struct Entry<'a> {
    pub(crate) path: &'a str,
    pub(crate) role: Role,
    pub(crate) lang: Lang,
    pub(crate) text: Option<TextId>,
}

pub(crate) fn assemble(folder: &str, entries: &[Entry<'_>], config: &Config) -> (Revision, Vec<Diagnostic>) {
    let langs = config.languages.len();
    let mut problems = Vec::new();
    let mut rev = Revision { index: vec![None; langs], sections: Vec::new(), notes: vec![None; langs] };
    // slug → (number, first file with it, texts)
    let mut sections: BTreeMap<&str, (u32, &str, Vec<Option<TextId>>)> = BTreeMap::new();
    // number → (slug, file) of every file with it
    let mut numbers: BTreeMap<u32, Vec<(&str, &str)>> = BTreeMap::new();
    let mut present_index = vec![false; langs];
    let mut broken: Vec<(&str, Lang)> = Vec::new();
    for e in entries {
        match &e.role {
            Role::Index => {
                rev.index[e.lang] = e.text;
                present_index[e.lang] = true;
            }
            Role::Release => rev.notes[e.lang] = e.text,
            Role::Section { number, slug } => {
                numbers.entry(*number).or_default().push((slug, e.path));
                let entry = sections.entry(slug).or_insert((*number, e.path, vec![None; langs]));
                if e.text.is_none() {
                    broken.push((slug.as_str(), e.lang));
                }
                if entry.0 != *number {
                    problems.push(
                        Diagnostic::error(format!(
                            "section `{slug}` has the number {number} here but {} in {}",
                            entry.0, entry.1
                        ))
                        .in_file(e.path)
                        .help("a section has one number in every language: rename one of the files"),
                    );
                } else if entry.2[e.lang].is_some() {
                    problems.push(
                        Diagnostic::error(format!("section `{slug}` exists twice in this language"))
                            .in_file(e.path)
                            .help(format!(
                                "{} has the same slug; slugs must be unique in a document",
                                entry.1
                            )),
                    );
                }
                entry.2[e.lang] = e.text;
            }
        }
    }
    problems.extend(shared_numbers(numbers));
    let auth = config.authoritative;
    let auth_code = config.authoritative_code();
    let mut orphans = Vec::new();
    for (slug, (number, path, texts)) in sections {
        if texts[auth].is_none() && !broken.contains(&(slug, auth)) {
            problems.push(
                Diagnostic::error(format!("section `{slug}` has no {auth_code} text"))
                    .in_file(path)
                    .help(format!(
                        "the authoritative language must have every section: add {folder}/{number:02}-{slug}.{auth_code}.md or remove the translations"
                    )),
            );
        }
        for (lang, text) in texts.iter().enumerate() {
            if text.is_some() && !present_index[lang] && !orphans.contains(&lang) {
                orphans.push(lang);
                problems.push(
                    Diagnostic::error(format!(
                        "the document has sections in `{}` but no _index.{0}.md",
                        config.languages[lang]
                    ))
                    .in_file(path)
                    .help(format!(
                        "add {folder}/_index.{}.md with the document's title",
                        config.languages[lang]
                    )),
                );
            }
        }
        rev.sections.push(Section { slug: slug.to_string(), number, texts });
    }
    rev.sections.sort_by(|a, b| (a.number, &a.slug).cmp(&(b.number, &b.slug)));
    if !present_index[auth] {
        problems.push(
            Diagnostic::error(format!("the document has no _index.{auth_code}.md"))
                .in_file(folder)
                .help(format!("add {folder}/_index.{auth_code}.md with `+++`, `title = \"…\"`, `+++`")),
        );
    }
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    problems.dedup();
    (rev, problems)
}

/// One error per section number that more than one section uses, naming
/// every file with it (not one per language).
fn shared_numbers(numbers: BTreeMap<u32, Vec<(&str, &str)>>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (number, mut files) in numbers {
        files.sort();
        let mut slugs: Vec<&str> = files.iter().map(|(slug, _)| *slug).collect();
        slugs.dedup();
        if slugs.len() < 2 {
            continue;
        }
        let times = if slugs.len() == 2 { "twice".to_string() } else { format!("{} times", slugs.len()) };
        let paths: Vec<&str> = files.iter().map(|(_, path)| *path).collect();
        let second = files.iter().find(|(slug, _)| *slug == slugs[1]).map_or(paths[0], |(_, path)| path);
        problems.push(
            Diagnostic::error(format!("section number {number} is used {times}: {}", paths.join(", ")))
                .in_file(second)
                .help("give each section its own number: rename the files of all but one of them"),
        );
    }
    problems
}
