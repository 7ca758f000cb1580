//! `privsite mark-translated`: records in each translation file which
//! authoritative text it now matches (`translated_from` in its front matter).
//! Only that line of the front matter is touched; the file is replaced whole.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, io_error};
use crate::load::CONTENT;
use crate::site::Site;
use crate::translation::{self, State};

/// What a run marked.
pub(crate) struct Marked {
    pub(crate) marked: Vec<String>,
    pub(crate) already: usize,
    pub(crate) missing: Vec<String>,
}

pub(crate) fn mark_translated(site: &Site, lang_code: &str, target: &str) -> Result<Marked, Diagnostics> {
    let config = &site.config;
    let auth = config.authoritative;
    let lang = config.lang_index(lang_code).filter(|l| *l != auth).ok_or_else(|| {
        let others: Vec<&str> = config
            .languages
            .iter()
            .filter(|l| *l != config.authoritative_code())
            .map(String::as_str)
            .collect();
        Diagnostic::error(format!("`{lang_code}` is not a translation language of this site")).help(format!(
            "translations are {}; {} is the authoritative language",
            others.join(", "),
            config.authoritative_code()
        ))
    })?;
    let (slug, section) = match target.split_once('/') {
        Some((d, s)) => (d, Some(s)),
        None => (target, None),
    };
    let (_, draft) = site.working_copy(slug)?;
    let parts = translation::states(draft, &site.texts, lang, auth);
    if let Some(wanted) = section
        && !parts.iter().any(|(p, _)| p.slug == Some(wanted) || p.stem == wanted)
    {
        let slugs: Vec<&str> = parts.iter().filter_map(|(p, _)| p.slug).collect();
        return Err(Diagnostic::error(format!("{slug} has no section `{wanted}`"))
            .help(format!("its sections are {} (or `_index`, `_release`)", slugs.join(", ")))
            .into());
    }
    remove_leftovers(&site.root.join(CONTENT).join(slug));
    let mut result = Marked { marked: Vec::new(), already: 0, missing: Vec::new() };
    for (part, state) in parts {
        if section.is_some_and(|w| part.slug != Some(w) && part.stem != w) {
            continue;
        }
        let (Some(state), Some(auth_text)) = (state, part.texts[auth]) else { continue };
        match state {
            State::UpToDate => result.already += 1,
            State::Missing => result.missing.push(format!("{CONTENT}/{slug}/{}.{lang_code}.md", part.stem)),
            State::Outdated | State::Unmarked => {
                let rel = format!("{CONTENT}/{slug}/{}.{lang_code}.md", part.stem);
                let mark = translation::mark(site.text(auth_text));
                set_mark(&site.root.join(&rel), &mark)
                    .map_err(|e| io_error("update", Path::new(&rel), &e))?;
                result.marked.push(rel);
            }
        }
    }
    Ok(result)
}

/// Sets `translated_from` in the front matter of `path`: written to a
/// temporary file of its own beside it (`.<name>.<random>.tmp`, so that
/// concurrent runs never share one), then renamed over it, so a kill leaves
/// the old file or the new one. A link (inside the site, as the load
/// checked) is marked where it leads, and stays a link.
fn set_mark(path: &Path, mark: &str) -> std::io::Result<()> {
    let path = &fs::canonicalize(path)?;
    let text = fs::read_to_string(path)?;
    let updated = with_mark(&text, mark);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir)?;
    // The file is the user's: it keeps its permissions (a temporary file is its owner's alone).
    tmp.as_file().set_permissions(fs::metadata(path)?.permissions())?;
    tmp.write_all(updated.as_bytes())?;
    tmp.as_file().sync_all()?;
    crate::fault::point("mark:written");
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the temporary files a killed `mark-translated` left in `dir`.
pub(crate) fn remove_leftovers(dir: &Path) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_leftover(&name) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A temporary file of [`set_mark`] (or of versions before it: `<name>.md.tmp`).
pub(crate) fn is_leftover(name: &str) -> bool {
    name.ends_with(".tmp") && (name.starts_with('.') || name.ends_with(".md.tmp"))
}

/// `text` with its front matter's `translated_from` set to `mark` (pure).
pub(crate) fn with_mark(text: &str, mark: &str) -> String {
    let line = format!("translated_from = \"{mark}\"\n");
    let mut out = String::with_capacity(text.len() + line.len());
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else { return format!("+++\n{line}+++\n") };
    if first.trim_end() != "+++" {
        return format!("+++\n{line}+++\n{text}");
    }
    out.push_str(first);
    let mut closed = false;
    for l in lines.by_ref() {
        if l.trim_end() == "+++" {
            out.push_str(&line);
            out.push_str(l);
            closed = true;
            break;
        }
        if !l.trim_start().starts_with("translated_from") {
            out.push_str(l);
        }
    }
    if !closed {
        return format!("+++\n{line}+++\n{text}");
    }
    out.extend(lines);
    out
}

/// `text` without a `translated_from` line in its front matter (pure): an
/// authoritative text is not a translation of anything.
pub(crate) fn without_mark(text: &str) -> String {
    let mut in_front_matter = false;
    let mut out = String::with_capacity(text.len());
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if l.trim_end() == "+++" {
            in_front_matter = i == 0;
        } else if in_front_matter && l.trim_start().starts_with("translated_from") {
            continue;
        }
        out.push_str(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_or_replaces_the_mark_and_keeps_the_rest() {
        let text = "+++\ntitle = \"Rights\"\n+++\nBody\n";
        let once = with_mark(text, "aaaa");
        assert_eq!(once, "+++\ntitle = \"Rights\"\ntranslated_from = \"aaaa\"\n+++\nBody\n");
        assert_eq!(
            with_mark(&once, "bbbb"),
            "+++\ntitle = \"Rights\"\ntranslated_from = \"bbbb\"\n+++\nBody\n"
        );
        assert_eq!(without_mark(&once), text);
        let body_mentions_it = "+++\ntitle = \"T\"\n+++\ntranslated_from = \"x\"\n";
        assert_eq!(without_mark(body_mentions_it), body_mentions_it);
    }
}
