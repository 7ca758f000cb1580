//! Translation state: whether a translation matches the authoritative text.
//!
//! `privsite mark-translated` writes into each translation file's front
//! matter `translated_from = "<mark>"`, the first 16 hex digits of the
//! SHA-256 of the authoritative title, body and summary it was made from. A
//! translation is *up to date* while that mark matches the authoritative text,
//! *outdated* once the authoritative text changes (or if it was never
//! marked), and *missing* without a file. Everything is derived from the
//! files, so it survives a fresh clone.

use serde::Serialize;

use crate::load::texts::hex;
use crate::site::{Lang, Revision, Text, TextId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum State {
    UpToDate,
    Outdated,
    /// A translation that was never marked: nothing says which text it was made from.
    Unmarked,
    Missing,
}

impl State {
    pub(crate) fn label(self) -> &'static str {
        match self {
            State::UpToDate => "up to date",
            State::Outdated => "outdated",
            State::Unmarked => "not marked",
            State::Missing => "missing",
        }
    }
}

/// The mark of an authoritative text.
pub(crate) fn mark(text: &Text) -> String {
    hex(&text.digest[..8])
}

/// The state of `translation` against `authoritative`.
pub(crate) fn state(texts: &[Text], authoritative: TextId, translation: Option<TextId>) -> State {
    match translation {
        None => State::Missing,
        Some(t) if texts[t].translated_from.as_deref() == Some(mark(&texts[authoritative]).as_str()) => {
            State::UpToDate
        }
        Some(t) if texts[t].translated_from.is_none() => State::Unmarked,
        Some(_) => State::Outdated,
    }
}

/// A translatable part of a document: preamble, section or release notes.
pub(crate) struct Part<'a> {
    /// The file name without language and extension (`_index`, `10-retention`).
    pub(crate) stem: String,
    /// The section slug, for sections.
    pub(crate) slug: Option<&'a str>,
    /// The text per language.
    pub(crate) texts: &'a [Option<TextId>],
}

/// The parts of a revision, in file order: `_index`, the sections, `_release`.
pub(crate) fn parts(rev: &Revision) -> Vec<Part<'_>> {
    let mut out = vec![Part { stem: "_index".into(), slug: None, texts: &rev.index }];
    out.extend(rev.sections.iter().map(|s| Part {
        stem: format!("{:02}-{}", s.number, s.slug),
        slug: Some(s.slug.as_str()),
        texts: &s.texts,
    }));
    out.push(Part { stem: "_release".into(), slug: None, texts: &rev.notes });
    out
}

/// The state of every translatable part of `rev` in `lang`: `None` where there
/// is no authoritative text to translate.
pub(crate) fn states<'a>(
    rev: &'a Revision,
    texts: &[Text],
    lang: Lang,
    auth: Lang,
) -> Vec<(Part<'a>, Option<State>)> {
    parts(rev)
        .into_iter()
        .map(|p| {
            let state = p.texts[auth].map(|a| state(texts, a, p.texts[lang]));
            (p, state)
        })
        .collect()
}
