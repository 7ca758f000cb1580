//! The example site that `init` writes, in the languages asked for and with
//! the binding language asked for: files of other languages are left out,
//! every translation is marked as made from the new authoritative text, and
//! the stored versions' sums are recomputed, so the example builds with no
//! warning whichever of its languages is binding.

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::load::frontmatter;
use crate::load::texts::{digest, hex};
use crate::load::versions::{self, Meta};
use crate::mark::{with_mark, without_mark};

/// Relative path → bytes.
pub(crate) type Files = Vec<(String, Vec<u8>)>;

/// `stem`, `lang` of `<dir>/<stem>.<lang>.md`.
fn split(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_suffix(".md")?;
    let (stem, lang) = rest.rsplit_once('.')?;
    Some((stem, lang))
}

/// The languages the example is written in, from its files.
pub(crate) fn languages(files: &Files) -> BTreeSet<String> {
    files
        .iter()
        .filter(|(p, _)| p.starts_with("content/"))
        .filter_map(|(p, _)| Some(split(p)?.1.to_string()))
        .collect()
}

/// The example in `languages`, with `authoritative` binding.
pub(crate) fn localise(files: Files, authoritative: &str, languages: &[String]) -> Result<Files, Diagnostic> {
    let written = self::languages(&files);
    let mut unwritten: Vec<&str> =
        languages.iter().filter(|l| !written.contains(*l)).map(String::as_str).collect();
    if !written.contains(authoritative) && !unwritten.contains(&authoritative) {
        unwritten.insert(0, authoritative);
    }
    let available = written.iter().map(String::as_str).collect::<Vec<_>>().join(", ");
    if !unwritten.is_empty() {
        return Err(Diagnostic::error(format!(
            "the example is written in {available} only, not in {}",
            unwritten.join(", ")
        ))
        .help(format!(
            "run init with languages among {available}; then add the others to `languages` in privsite.toml and translate content/ into them (privsite's interface strings exist for them already)"
        )));
    }
    if !languages.iter().any(|l| l == authoritative) {
        return Err(Diagnostic::error(format!(
            "the binding language `{authoritative}` is not among --languages"
        ))
        .help(format!("add it: --languages {authoritative},{}", languages.join(","))));
    }
    let keep = |path: &str| split(path).is_none_or(|(_, lang)| languages.iter().any(|l| l == lang));
    let mut files: Files = files.into_iter().filter(|(p, _)| keep(p)).collect();

    // The mark of each authoritative text, by its path without the language.
    let mut marks = BTreeMap::new();
    for (path, bytes) in &files {
        let Some((stem, lang)) = split(path) else { continue };
        if lang != authoritative {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        let parsed = frontmatter::parse(&text, path, false)?;
        let body = parsed.body.replace("\r\n", "\n");
        let digest = digest(parsed.title.as_deref(), &body, parsed.summary.as_deref());
        marks.insert(stem.to_string(), hex(&digest[..8]));
    }
    for (path, bytes) in files.iter_mut() {
        let Some((stem, lang)) = split(path) else { continue };
        let text = String::from_utf8_lossy(bytes);
        let marked = match (lang == authoritative, marks.get(stem)) {
            (true, _) => without_mark(&text),
            (false, Some(mark)) => with_mark(&text, mark),
            (false, None) => continue,
        };
        *bytes = marked.into_bytes();
    }
    reseal_versions(&mut files)?;
    let config = files.iter_mut().find(|(p, _)| p == "privsite.toml");
    if let Some((_, bytes)) = config {
        *bytes = configure(&String::from_utf8_lossy(bytes), authoritative, languages).into_bytes();
    }
    // The example subscribers of languages left out would get the binding
    // text with a warning: they are left out too.
    if let Some((_, bytes)) = files.iter_mut().find(|(p, _)| p == "subscribers.csv") {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let kept: String = text
            .lines()
            .enumerate()
            .filter(|(i, line)| {
                *i == 0 || line.split(',').nth(1).is_some_and(|l| languages.iter().any(|k| k == l))
            })
            .map(|(_, line)| format!("{line}\n"))
            .collect();
        *bytes = kept.into_bytes();
    }
    Ok(files)
}

/// Recomputes each stored version's record of its files, as `release` writes
/// it: `version.toml` and, where the version has one, `SHA256SUMS` (whose
/// lines keep naming where each file is kept).
fn reseal_versions(files: &mut Files) -> Result<(), Diagnostic> {
    let sums: BTreeMap<String, String> =
        files.iter().map(|(p, b)| (p.clone(), hex(&Sha256::digest(b)))).collect();
    let mut resealed: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (path, bytes) in files.iter() {
        let Some(dir) = path.strip_suffix(&format!("/{}", versions::META)) else { continue };
        let sums_path = format!("{dir}/{}", versions::SUMS);
        // Each file of the version: its name, as SHA256SUMS writes it, and where it is.
        let listed: Vec<(String, String, String)> = match sums.get(&sums_path) {
            Some(_) => {
                let record = files.iter().find(|(p, _)| *p == sums_path).map(|(_, b)| b.as_slice());
                let parent = dir.rsplit_once('/').map_or("", |(p, _)| p);
                String::from_utf8_lossy(record.unwrap_or_default())
                    .lines()
                    .filter_map(|line| {
                        let (_, file) = line.split_once("  ")?;
                        let name = file.rsplit('/').next()?.to_string();
                        let at = match file.strip_prefix("../") {
                            Some(rest) => format!("{parent}/{rest}"),
                            None => format!("{dir}/{file}"),
                        };
                        Some((name, file.to_string(), at))
                    })
                    .collect()
            }
            None => sums
                .keys()
                .filter_map(|p| {
                    let name = p.strip_prefix(dir)?.strip_prefix('/')?;
                    (name != versions::META && !name.contains('/'))
                        .then(|| (name.to_string(), name.to_string(), p.clone()))
                })
                .collect(),
        };
        let text = String::from_utf8_lossy(bytes);
        let mut meta: Meta = versions::parse_meta(&text, path)?;
        meta.files =
            listed.iter().filter_map(|(name, _, at)| Some((name.clone(), sums.get(at)?.clone()))).collect();
        let header: String =
            text.lines().take_while(|l| l.starts_with('#')).map(|l| format!("{l}\n")).collect();
        let body =
            toml::to_string(&meta).map_err(|e| Diagnostic::error(format!("could not write {path}: {e}")))?;
        resealed.insert(path.clone(), format!("{header}{body}").into_bytes());
        if sums.contains_key(&sums_path) {
            let lines: String = listed
                .iter()
                .filter_map(|(_, file, at)| Some(format!("{}  {file}\n", sums.get(at)?)))
                .collect();
            resealed.insert(sums_path, lines.into_bytes());
        }
    }
    for (path, bytes) in files.iter_mut() {
        if let Some(new) = resealed.remove(path.as_str()) {
            *bytes = new;
        }
    }
    Ok(())
}

/// privsite.toml with its `languages` and `authoritative` lines replaced,
/// and the signatures (`xx = """…"""`) of languages left out removed.
fn configure(config: &str, authoritative: &str, languages: &[String]) -> String {
    let list = languages.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ");
    let mut out = String::new();
    let (mut in_signatures, mut skipping) = (false, false);
    for l in config.lines() {
        if skipping {
            skipping = l != "\"\"\"";
            continue;
        }
        if l.starts_with('[') {
            in_signatures = l == "[mail.signature]";
        }
        if let Some((code, _)) = l.split_once(" = \"\"\"")
            && in_signatures
            && !languages.iter().any(|k| k == code)
        {
            skipping = true;
            continue;
        }
        if l.starts_with("languages =") {
            out.push_str(&format!("languages = [{list}]\n"));
        } else if l.starts_with("authoritative =") {
            out.push_str(&format!("authoritative = \"{authoritative}\"\n"));
        } else {
            out.push_str(&format!("{l}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configure_replaces_only_the_language_lines() {
        let config = "name = \"X\"\nlanguages = [\"de\", \"en\"]\nauthoritative = \"de\"\n";
        assert_eq!(
            configure(config, "sv", &["sv".into(), "en".into()]),
            "name = \"X\"\nlanguages = [\"sv\", \"en\"]\nauthoritative = \"sv\"\n"
        );
    }

    #[test]
    fn configure_keeps_the_signatures_of_the_languages_kept() {
        let config =
            "[mail.signature]\nde = \"\"\"\nDE\n\"\"\"\nen = \"\"\"\nEN\n\"\"\"\nsv = \"\"\"\nSV\n\"\"\"\n";
        assert_eq!(
            configure(config, "de", &["de".into(), "sv".into()]),
            "[mail.signature]\nde = \"\"\"\nDE\n\"\"\"\nsv = \"\"\"\nSV\n\"\"\"\n"
        );
    }

    #[test]
    fn a_language_without_example_text_is_refused_with_the_ones_there_are() {
        let files = crate::embedded::example_site();
        let e = localise(files, "fr", &["fr".into(), "de".into()]).err().map(|d| d.message);
        assert_eq!(e.as_deref(), Some("the example is written in de, en, sv only, not in fr"));
        let files = crate::embedded::example_site();
        let e = localise(files, "fi", &["de".into(), "en".into()]).err().map(|d| d.message);
        assert_eq!(e.as_deref(), Some("the example is written in de, en, sv only, not in fi"));
    }
}
