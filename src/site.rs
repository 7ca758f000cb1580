//! The model: a site as plain data, finished by `load` before anything renders.
//!
//! Texts are interned: every distinct section text (title + body) is stored
//! once in [`Site::texts`] and versions refer to it by [`TextId`], so work
//! that depends on a text (parsing, rendering) is done once per distinct text
//! however many versions share it.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::load::locales::LocaleFile;
use crate::load::theme::Theme;

/// Index of a language in [`Config::languages`].
pub type Lang = usize;

/// Index into [`Site::texts`].
pub type TextId = usize;

/// One parsed Markdown file: a section, a document preamble or release notes.
#[derive(Debug, Clone)]
pub struct Text {
    pub title: Option<String>,
    pub body: String,
    /// The file it was first read from (relative to the site root), for diagnostics.
    pub file: String,
    /// The 1-based line of the file on which `body` starts.
    pub body_line: usize,
    /// Prefix for ids generated inside the body (headings, footnotes), so that
    /// ids stay unique on a page that shows many sections.
    pub id_prefix: String,
    /// SHA-256 of title and body: what counts as "the text" for change dates.
    pub digest: [u8; 32],
    /// In a translation: the mark of the authoritative text it was made from.
    pub translated_from: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The section's identity and anchor.
    pub slug: String,
    /// Only orders sections; renumbering is not a change.
    pub number: u32,
    /// The text per language (`None`: not translated).
    pub texts: Vec<Option<TextId>>,
}

/// The text of a document at one point in time: stored version or working copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revision {
    /// `_index.<lang>.md`: title and preamble per language.
    pub index: Vec<Option<TextId>>,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// `_release.<lang>.md`: release notes per language.
    pub notes: Vec<Option<TextId>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A material change: subscribers are notified.
    Major,
    Minor,
}

#[derive(Debug, Clone)]
pub struct Version {
    pub number: u32,
    pub kind: Kind,
    pub date: NaiveDate,
    pub effective: NaiveDate,
    pub text: Revision,
    /// The folder it is stored in, relative to the site root.
    pub dir: String,
    /// File name → SHA-256 (hex) of every stored file, as verified on load.
    pub files: std::collections::BTreeMap<String, String>,
    /// File name → the version whose folder holds it: this one, or for an
    /// unchanged file an earlier one.
    pub stored: std::collections::BTreeMap<String, u32>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub slug: String,
    /// Released versions, oldest first; `versions[i].number == i + 1`.
    pub versions: Vec<Version>,
    /// The working copy in `content/<slug>/`, if the folder exists.
    pub draft: Option<Revision>,
}

pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub texts: Vec<Text>,
    /// Sorted by slug.
    pub docs: Vec<Document>,
    pub locales: Vec<LocaleFile>,
    pub theme: Theme,
}

impl Revision {
    /// Whether the working copy differs from `other` in text (numbers and
    /// release notes do not count).
    pub fn differs_in_text(&self, other: &Revision, texts: &[Text]) -> bool {
        let digest = |id: &Option<TextId>| id.map(|i| texts[i].digest);
        let same_index = self.index.iter().map(digest).eq(other.index.iter().map(digest));
        let same_sections =
            self.sections.len() == other.sections.len()
                && self.sections.iter().zip(&other.sections).all(|(a, b)| {
                    a.slug == b.slug && a.texts.iter().map(digest).eq(b.texts.iter().map(digest))
                });
        !(same_index && same_sections)
    }

    /// Whether the document exists in `lang` (its `_index` does).
    pub fn has_lang(&self, lang: Lang) -> bool {
        self.index.get(lang).is_some_and(Option::is_some)
    }
}

impl Document {
    pub fn version(&self, number: u32) -> Option<&Version> {
        self.versions.get((number as usize).checked_sub(1)?)
    }

    pub fn latest(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// Whether `content/` holds text that no released version has.
    pub fn has_unreleased_changes(&self, texts: &[Text]) -> bool {
        match (&self.draft, self.latest()) {
            (Some(draft), Some(latest)) => draft.differs_in_text(&latest.text, texts),
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

impl Site {
    pub fn doc(&self, slug: &str) -> Option<&Document> {
        self.docs.iter().find(|d| d.slug == slug)
    }

    pub fn text(&self, id: TextId) -> &Text {
        &self.texts[id]
    }

    /// Document `slug` and its working copy in `content/`, or a diagnostic
    /// that lists the documents there are.
    pub fn working_copy(&self, slug: &str) -> Result<(&Document, &Revision), Diagnostic> {
        self.doc(slug).and_then(|d| Some((d, d.draft.as_ref()?))).ok_or_else(|| {
            let known: Vec<&str> =
                self.docs.iter().filter(|d| d.draft.is_some()).map(|d| d.slug.as_str()).collect();
            Diagnostic::error(format!("unknown document `{slug}`"))
                .help(format!("documents are the folders of content/: {}", known.join(", ")))
        })
    }
}
