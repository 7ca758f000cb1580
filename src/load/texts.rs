//! Interns the Markdown files of every revision: each distinct file is
//! parsed once (in parallel, and not at all if [`Files`] knows it), whatever
//! number of versions share it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Position};
use crate::load::files::{Files, RawFile, TextKey};
use crate::load::frontmatter;
use crate::site::{Body, Reread, Text, TextId};

/// What to parse: a file and the id prefix of the texts it yields.
pub(crate) struct Job<'a> {
    pub(crate) file: &'a RawFile,
    pub(crate) id_prefix: &'a str,
    pub(crate) title_required: bool,
}

/// The distinct texts of a document, each with what it was parsed from.
pub(crate) struct Interned {
    pub(crate) texts: Vec<Text>,
    /// Per text, the file (its SHA-256) and the parse it was made from.
    pub(crate) keys: Vec<TextKey>,
}

/// Parses the distinct jobs once each; returns the texts and, per job, its text
/// (or the diagnostic of a file that did not parse).
pub(crate) fn intern(
    root: &Path,
    files: &Files,
    jobs: &[Job<'_>],
) -> (Interned, Vec<Result<TextId, Diagnostic>>) {
    let mut distinct: Vec<usize> = Vec::new();
    let mut by_key: HashMap<([u8; 32], &str), usize> = HashMap::new();
    let slot: Vec<usize> = jobs
        .iter()
        .enumerate()
        .map(|(i, job)| {
            *by_key.entry((job.file.sha256, job.id_prefix)).or_insert_with(|| {
                distinct.push(i);
                distinct.len() - 1
            })
        })
        .collect();
    let parsed: Vec<Result<Text, Diagnostic>> = distinct
        .par_iter()
        .map(|&i| {
            let job = &jobs[i];
            files.text(root, job.file, job.id_prefix, job.title_required, |bytes| parse(job, bytes))
        })
        .collect();
    let mut texts = Vec::with_capacity(parsed.len());
    let mut keys = Vec::with_capacity(parsed.len());
    let mut ids = Vec::with_capacity(parsed.len());
    for (result, &i) in parsed.into_iter().zip(&distinct) {
        ids.push(result.map(|text| {
            let job = &jobs[i];
            texts.push(text);
            keys.push((job.file.sha256, job.id_prefix.to_string(), job.title_required));
            TextId::nth(texts.len() - 1)
        }));
    }
    let results = slot.into_iter().map(|s| ids[s].clone()).collect();
    (Interned { texts, keys }, results)
}

fn parse(job: &Job<'_>, bytes: &[u8]) -> Result<Text, Diagnostic> {
    let file = &job.file.path;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
        Diagnostic::error("the file is not valid UTF-8")
            .in_file(file)
            .at(Position::of(valid, valid.len()))
            .help("save the file as UTF-8 (most editors offer this under \"Save with encoding\")")
    })?;
    let parsed = frontmatter::parse(text, file, job.title_required)?;
    let (body, digest) = words(&parsed);
    Ok(Text {
        title: parsed.title,
        blank: body.trim().is_empty(),
        body: Body::here(body),
        file: file.clone(),
        body_line: parsed.body_line,
        id_prefix: job.id_prefix.to_string(),
        digest,
        translated_from: parsed.translated_from,
        summary: parsed.summary,
        summary_at: parsed.summary_at,
        aliases: parsed.aliases,
        aliases_at: parsed.aliases_at,
    })
}

/// How a load snapshot's texts get their bodies ([`Body::later`]): read
/// again from the text's file beneath `root` as a load parses it, if the
/// file still holds the text.
pub(super) fn reread(root: &Path) -> Arc<Reread> {
    let root = root.to_path_buf();
    Arc::new(move |text: &Text| {
        let changed = || {
            Diagnostic::error("the file changed while privsite was reading it")
                .in_file(&text.file)
                .help("run the command again")
        };
        let bytes = super::walk::read(&root, &text.file)?;
        let source = std::str::from_utf8(&bytes).map_err(|_| changed())?;
        let (body, digest) = words(&frontmatter::parse(source, &text.file, false).map_err(|_| changed())?);
        if digest != text.digest {
            return Err(changed());
        }
        Ok(body)
    })
}

/// A parsed file's body, as texts keep it, and the text's digest.
fn words(parsed: &frontmatter::Parsed<'_>) -> (String, [u8; 32]) {
    let body = parsed.body.replace("\r\n", "\n");
    let digest = digest(parsed.title.as_deref(), &body, parsed.summary.as_deref());
    (body, digest)
}

/// What identifies a text's words: the SHA-256 of its title, body and
/// summary, so front-matter bookkeeping (translation marks, aliases) is no
/// change of text.
pub(crate) fn digest(title: Option<&str>, body: &str, summary: Option<&str>) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(title.unwrap_or("").as_bytes());
    hasher.update([0]);
    hasher.update(body.as_bytes());
    // Only texts with a summary hash it, so every digest (and translation
    // mark) made before summaries existed stays what it was.
    if let Some(summary) = summary {
        hasher.update(b"\0summary\0");
        hasher.update(summary.as_bytes());
    }
    hasher.finalize().into()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// The `N` bytes a [`hex`] string of `2N` digits stands for; `None` for anything else.
pub(crate) fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    if text.len() != 2 * N {
        return None;
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(path: &str, text: &[u8]) -> RawFile {
        RawFile::in_memory(path, text)
    }

    fn intern(jobs: &[Job<'_>]) -> (Vec<Text>, Vec<Result<TextId, Diagnostic>>) {
        let (interned, ids) = super::intern(Path::new("."), &Files::default(), jobs);
        assert_eq!(interned.keys.len(), interned.texts.len());
        (interned.texts, ids)
    }

    #[test]
    fn identical_files_are_parsed_once() {
        let a = raw("v1/10-a.de.md", b"+++\ntitle = \"A\"\n+++\nx\n");
        let b = raw("v2/10-a.de.md", b"+++\ntitle = \"A\"\n+++\nx\n");
        let c = raw("v2/10-b.de.md", b"+++\ntitle = \"A\"\n+++\nx\n");
        let jobs = [
            Job { file: &a, id_prefix: "a", title_required: true },
            Job { file: &b, id_prefix: "a", title_required: true },
            Job { file: &c, id_prefix: "b", title_required: true },
        ];
        let (texts, ids) = intern(&jobs);
        assert_eq!(texts.len(), 2);
        assert_eq!(ids[0], ids[1]);
        assert_ne!(ids[0], ids[2]);
        assert_eq!(texts[0].digest, texts[1].digest, "same words, same digest");
    }

    #[test]
    fn a_summary_changes_the_digest_and_its_absence_keeps_the_old_one() {
        let plain = raw("a.de.md", b"+++\ntitle = \"A\"\n+++\nx\n");
        let summed = raw("b.de.md", b"+++\ntitle = \"A\"\nsummary = \"S\"\n+++\nx\n");
        let jobs = [
            Job { file: &plain, id_prefix: "a", title_required: true },
            Job { file: &summed, id_prefix: "a", title_required: true },
        ];
        let (texts, _) = intern(&jobs);
        let mut before = Sha256::new();
        before.update(b"A\0x\n");
        let before: [u8; 32] = before.finalize().into();
        assert_eq!(texts[0].digest, before, "digests of texts without summary never change");
        assert_ne!(texts[1].digest, before);
        assert_eq!(texts[1].summary.as_deref(), Some("S"));
        assert_eq!(texts[1].summary_at.as_ref().map(|p| (p.line, p.col)), Some((3, 12)));
    }

    #[test]
    fn non_utf8_names_the_line() {
        let f = raw("x.de.md", b"+++\ntitle = \"A\"\n+++\nok\nbad \xff here\n");
        let (_, ids) = intern(&[Job { file: &f, id_prefix: "", title_required: true }]);
        let d = ids[0].clone().expect_err("invalid utf-8");
        assert_eq!(d.position.map(|p| (p.line, p.col)), Some((5, 5)));
    }
}
