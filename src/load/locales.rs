//! Fluent files: the built-in strings of each language, then the site's own
//! `locales/<lang>/*.ftl` on top (message by message, in `render::i18n`).

use fluent_bundle::FluentResource;
use fluent_syntax::parser::ErrorKind;

use std::path::Path;

use crate::config::Config;
use crate::diag::{Diagnostic, Position};
use crate::embedded;
use crate::load::{read_text, walk};
use crate::site::{Lang, LocaleFile};

pub(crate) const DIR: &str = "locales";

/// Parses one `.ftl` file; a syntax error is reported with its line.
pub(crate) fn parse(lang: Lang, file: String, source: String) -> Result<LocaleFile, Vec<Diagnostic>> {
    match FluentResource::try_new(source) {
        Ok(resource) => Ok(LocaleFile { lang, file, resource: std::sync::Arc::new(resource) }),
        Err((resource, errors)) => Err(errors
            .iter()
            .map(|e| {
                // At the end of a file the position is an empty line: point at the entry instead.
                let source = resource.source();
                let entry = e.slice.as_ref().map_or(0, |s| s.start);
                if e.kind == ErrorKind::ExpectedToken('}')
                    && let Some(open) = unclosed_brace(source, entry, e.pos.start)
                {
                    return Diagnostic::error("Fluent syntax error: this `{` is never closed")
                        .in_file(&file)
                        .at(Position::of(source, open))
                        .help("close the placeable with `}`, e.g. `{ $name }`; a select expression ends with `}` on a line of its own");
                }
                let mut at = Position::of(source, e.pos.start);
                if at.source_line.trim().is_empty() {
                    at = Position::of(source, entry);
                }
                Diagnostic::error(format!("Fluent syntax error: {e}"))
                    .in_file(&file)
                    .at(at)
                    .help("see https://projectfluent.org/fluent/guide/ for the syntax")
            })
            .collect()),
    }
}

/// The byte offset of the last `{` between `from` and `to` that no `}`
/// closes: where the parser, which notices only at the next line, should
/// point. Braces inside string literals (`{ "{" }`) do not count.
fn unclosed_brace(source: &str, from: usize, to: usize) -> Option<usize> {
    let mut open = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in source.get(from..to.min(source.len()))?.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' if !open.is_empty() => in_string = !in_string,
            '{' if !in_string => open.push(from + i),
            '}' if !in_string => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// The built-in files for the configured languages, in a stable order.
pub(crate) fn builtin(config: &Config) -> Vec<LocaleFile> {
    let mut out = Vec::new();
    for (lang, code) in config.languages.iter().enumerate() {
        for (name, source) in embedded::locale_files(code) {
            // Built-in files are tested to parse; a failure here is a bug, so skip rather than panic.
            if let Ok(f) = parse(lang, format!("(built-in) {DIR}/{code}/{name}"), source) {
                out.push(f);
            }
        }
    }
    out
}

/// Adds the site's own `locales/<lang>/*.ftl` after the built-in files.
pub(crate) fn load_site(root: &Path, config: &Config, out: &mut Vec<LocaleFile>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if !root.join(DIR).is_dir() {
        return problems;
    }
    let langs = match walk::list(root, DIR) {
        Ok(listing) => {
            problems.extend(listing.problems.into_iter().map(|(_, d)| d));
            listing.entries
        }
        Err(d) => return vec![d],
    };
    for (code, is_dir) in langs {
        let rel = format!("{}/{code}", DIR);
        let Some(lang) = config.lang_index(&code).filter(|_| is_dir) else {
            problems.push(
                Diagnostic::error(format!("`{code}` is not one of the site's languages"))
                    .in_file(&rel)
                    .help(format!("locales/ holds one folder per language: {}", config.languages.join(", "))),
            );
            continue;
        };
        let files = match walk::list(root, &rel) {
            Ok(listing) => {
                problems.extend(listing.problems.into_iter().map(|(_, d)| d));
                listing.entries
            }
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        for (name, is_dir) in files {
            let file = format!("{rel}/{name}");
            if is_dir || !name.ends_with(".ftl") {
                problems.push(
                    Diagnostic::error("unexpected file")
                        .in_file(&file)
                        .help("locales/<lang>/ holds only .ftl files"),
                );
                continue;
            }
            match read_text(root, &file) {
                Ok(source) => match parse(lang, file, source) {
                    Ok(f) => out.push(f),
                    Err(found) => problems.extend(found),
                },
                Err(d) => problems.push(d),
            }
        }
    }
    problems
}
