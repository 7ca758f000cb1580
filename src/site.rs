//! The model: a site as plain data, finished by `load` before anything renders.
//!
//! Texts are interned: every distinct section text (title + body) is stored
//! once in [`Site::texts`] and versions refer to it by [`TextId`], so work
//! that depends on a text (parsing, rendering) is done once per distinct text
//! however many versions share it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::diag::Diagnostic;

/// Index of a language in [`Config::languages`].
pub(crate) type Lang = usize;

/// A text of [`Site::texts`], by its place there: a type of its own, so it
/// cannot be mixed up with the language, section and version indices it
/// travels with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct TextId(usize);

impl TextId {
    /// The id of the `n`-th text.
    pub(crate) fn nth(n: usize) -> TextId {
        TextId(n)
    }

    /// Its place in [`Site::texts`] and in whatever is made per text, in the same order.
    pub(crate) fn index(self) -> usize {
        self.0
    }
}

/// What is made per text (parsed, rendered) is kept in the order of the
/// texts, and looked up by their id.
impl<T> std::ops::Index<TextId> for [T] {
    type Output = T;
    fn index(&self, id: TextId) -> &T {
        &self[id.index()]
    }
}

impl<T> std::ops::Index<TextId> for Vec<T> {
    type Output = T;
    fn index(&self, id: TextId) -> &T {
        &self[id.index()]
    }
}

/// One parsed Markdown file: a section, a document preamble or release notes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Text {
    pub(crate) title: Option<String>,
    /// The Markdown after the front matter: [`Text::body`].
    #[serde(skip)]
    pub(crate) body: Body,
    /// The body is blank: there is nothing to show (a preamble may be).
    pub(crate) blank: bool,
    /// The file it was first read from (relative to the site root), for diagnostics.
    pub(crate) file: String,
    /// The 1-based line of the file on which `body` starts.
    pub(crate) body_line: usize,
    /// Prefix for ids generated inside the body (headings, footnotes), so that
    /// ids stay unique on a page that shows many sections.
    pub(crate) id_prefix: String,
    /// SHA-256 of title, body and summary: what counts as "the text" for
    /// change dates and translation marks.
    pub(crate) digest: [u8; 32],
    /// In a translation: the mark of the authoritative text it was made from.
    pub(crate) translated_from: Option<String>,
    /// The section's summary (Markdown inline), part of its text.
    pub(crate) summary: Option<String>,
    /// Where the summary's text starts in the file, for diagnostics.
    #[serde(with = "crate::diag::whole_position")]
    pub(crate) summary_at: Option<crate::diag::Position>,
    /// Former slugs of the section (front matter `aliases`): bookkeeping, not text.
    pub(crate) aliases: Vec<String>,
    /// Where the file sets `aliases`, for diagnostics.
    #[serde(with = "crate::diag::whole_position")]
    pub(crate) aliases_at: Option<crate::diag::Position>,
}

/// A text's body, in memory or still to be read. The load snapshots keep
/// texts without their bodies: most commands never look at the words of a
/// site's stored versions (status, release, a build whose texts are parsed
/// already), and decoding them took a quarter of a release on the 30k
/// benchmark site. Such a text's body is read again from its file when
/// first asked for ([`Reread`]).
#[derive(Clone, Default)]
pub(crate) struct Body {
    words: OnceLock<Result<String, Box<Diagnostic>>>,
    again: Option<Arc<Reread>>,
}

/// How the body of a text without one is read again: from the text's file,
/// if that still holds the text (its digest).
pub(crate) type Reread = dyn Fn(&Text) -> Result<String, Diagnostic> + Send + Sync;

impl Body {
    pub(crate) fn here(words: String) -> Body {
        Body { words: OnceLock::from(Ok(words)), again: None }
    }

    /// A body to be read by `again` when first asked for.
    pub(crate) fn later(again: Arc<Reread>) -> Body {
        Body { words: OnceLock::new(), again: Some(again) }
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Body").field(&self.words.get()).finish()
    }
}

impl Text {
    /// The body; read again now if the text came without it. A body that
    /// cannot be read again is empty here, and [`Text::unread`] says why:
    /// the pipeline asks before it keeps or writes anything made of it.
    pub(crate) fn body(&self) -> &str {
        let words = self.body.words.get_or_init(|| match &self.body.again {
            Some(again) => again(self).map_err(Box::new),
            None => {
                Err(Box::new(Diagnostic::error("a text came without its body").in_file(&self.file).help(
                    "run the command again; should it say this again, delete the folder .privsite/cache",
                )))
            }
        });
        words.as_deref().unwrap_or("")
    }

    /// Why the body was asked for and could not be read, if it was.
    pub(crate) fn unread(&self) -> Option<&Diagnostic> {
        self.body.words.get()?.as_ref().err().map(|e| &**e)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Section {
    /// The section's identity and anchor.
    pub(crate) slug: String,
    /// Only orders sections; renumbering is not a change.
    pub(crate) number: u32,
    /// The text per language (`None`: not translated).
    pub(crate) texts: Vec<Option<TextId>>,
}

/// The text of a document at one point in time: stored version or working copy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Revision {
    /// `_index.<lang>.md`: title and preamble per language.
    pub(crate) index: Vec<Option<TextId>>,
    /// Sections in order.
    pub(crate) sections: Vec<Section>,
    /// `_release.<lang>.md`: release notes per language.
    pub(crate) notes: Vec<Option<TextId>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    /// A material change: subscribers are notified.
    Major,
    Minor,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Version {
    pub(crate) number: u32,
    pub(crate) kind: Kind,
    pub(crate) date: NaiveDate,
    pub(crate) effective: NaiveDate,
    pub(crate) text: Revision,
    /// The folder it is stored in, relative to the site root. What each of
    /// its files is and where it is kept, only `release` asks, of the latest
    /// version alone: it reads them there (`load::versions::kept`), so the
    /// model does not carry a file list per version.
    pub(crate) dir: String,
    /// Language code → the digest of its stored text (`load::versions::text_digests`).
    #[serde(with = "shared")]
    pub(crate) digests: Arc<BTreeMap<String, String>>,
}

impl Version {
    /// The digest of the version's stored text in language `code`; for a
    /// language it has no file in (or a preview's draft), that of no file.
    pub(crate) fn text_digest(&self, code: &str) -> String {
        const NONE: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        self.digests.get(code).map_or(NONE, String::as_str).to_string()
    }
}

/// A rule of version dates that a version breaks. Stored versions are held
/// to them on load and a new one on release: this is their one home.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateRule {
    /// It takes effect before it is published.
    EffectiveBeforePublished,
    /// It is published before the version it follows: dates never go backwards.
    PublishedBeforePrevious,
    /// It takes effect before the version it replaces.
    EffectiveBeforePrevious,
}

impl DateRule {
    /// The rules broken by a version published on `date` and in effect from
    /// `effective`, after `previous` (if it follows one).
    pub(crate) fn broken(previous: Option<&Version>, date: NaiveDate, effective: NaiveDate) -> Vec<DateRule> {
        let mut broken = Vec::new();
        if effective < date {
            broken.push(DateRule::EffectiveBeforePublished);
        }
        if let Some(prev) = previous {
            if date < prev.date {
                broken.push(DateRule::PublishedBeforePrevious);
            }
            if effective < prev.effective {
                broken.push(DateRule::EffectiveBeforePrevious);
            }
        }
        broken
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Document {
    pub(crate) slug: String,
    /// Released versions, oldest first; `versions[i].number == i + 1`.
    pub(crate) versions: Vec<Version>,
    /// The working copy in `content/<slug>/`, if the folder exists (never for
    /// a withdrawn document: its text is only what was released).
    pub(crate) draft: Option<Revision>,
    /// The day `privsite withdraw` took the document out of the center.
    pub(crate) withdrawn: Option<NaiveDate>,
}

pub(crate) struct Site {
    pub(crate) root: PathBuf,
    pub(crate) config: Config,
    pub(crate) texts: Vec<Text>,
    /// Sorted by slug.
    pub(crate) docs: Vec<Document>,
    pub(crate) locales: Vec<LocaleFile>,
    pub(crate) theme: Theme,
    /// Whether `content/` was read (not for `build --released-only`, which
    /// builds the stored versions alone).
    pub(crate) working_copies: bool,
}

impl Revision {
    /// Whether the working copy differs from `other` in text or in former
    /// slugs (numbers and release notes do not count): an alias added to
    /// keep old links working is worth a release of its own.
    pub(crate) fn differs_in_text(&self, other: &Revision, texts: &[Text]) -> bool {
        let digest = |id: &Option<TextId>| id.map(|i| (texts[i].digest, &texts[i].aliases));
        let same_index = self.index.iter().map(digest).eq(other.index.iter().map(digest));
        let same_sections =
            self.sections.len() == other.sections.len()
                && self.sections.iter().zip(&other.sections).all(|(a, b)| {
                    a.slug == b.slug && a.texts.iter().map(digest).eq(b.texts.iter().map(digest))
                });
        !(same_index && same_sections)
    }

    /// Whether the document exists in `lang` (its `_index` does).
    pub(crate) fn has_lang(&self, lang: Lang) -> bool {
        self.index.get(lang).is_some_and(Option::is_some)
    }
}

impl Document {
    /// Moves every text id of the document `by` places: its texts, loaded
    /// on their own, join the site's after the `by` texts before them.
    pub(crate) fn shift_texts(&mut self, by: usize) {
        let shift = |ids: &mut Vec<Option<TextId>>| ids.iter_mut().flatten().for_each(|id| id.0 += by);
        let revisions = self.versions.iter_mut().map(|v| &mut v.text).chain(self.draft.as_mut());
        for rev in revisions {
            shift(&mut rev.index);
            shift(&mut rev.notes);
            rev.sections.iter_mut().for_each(|s| shift(&mut s.texts));
        }
    }

    /// Every text its versions and working copy show, each once, in order.
    pub(crate) fn text_ids(&self) -> Vec<TextId> {
        let revisions = self.versions.iter().map(|v| &v.text).chain(self.draft.as_ref());
        let mut ids: Vec<TextId> = revisions
            .flat_map(|r| r.index.iter().chain(&r.notes).chain(r.sections.iter().flat_map(|s| &s.texts)))
            .flatten()
            .copied()
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    pub(crate) fn version(&self, number: u32) -> Option<&Version> {
        self.versions.get((number as usize).checked_sub(1)?)
    }

    /// Whether the document is withdrawn as of `date`.
    pub(crate) fn withdrawn_by(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.withdrawn.filter(|w| *w <= date)
    }

    pub(crate) fn latest(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// Whether `content/` holds text that no released version has.
    pub(crate) fn has_unreleased_changes(&self, texts: &[Text]) -> bool {
        match (&self.draft, self.latest()) {
            (Some(draft), Some(latest)) => draft.differs_in_text(&latest.text, texts),
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

impl Site {
    /// Why texts whose bodies were asked for could not be read again
    /// ([`Text::unread`]): what was made of them is not to be kept.
    pub(crate) fn unread(&self) -> Vec<Diagnostic> {
        self.texts.iter().filter_map(Text::unread).cloned().collect()
    }

    pub(crate) fn doc(&self, slug: &str) -> Option<&Document> {
        self.docs.iter().find(|d| d.slug == slug)
    }

    pub(crate) fn text(&self, id: TextId) -> &Text {
        &self.texts[id]
    }

    /// Document `slug` and its working copy in `content/`, or a diagnostic
    /// that lists the documents there are.
    pub(crate) fn working_copy(&self, slug: &str) -> Result<(&Document, &Revision), Diagnostic> {
        if let Some(on) = self.doc(slug).and_then(|d| d.withdrawn) {
            return Err(Diagnostic::error(format!("{slug} was withdrawn on {on}"))
                .in_file(format!("{}/{slug}/{}", crate::load::versions::DIR, crate::load::versions::WITHDRAWN))
                .help("a withdrawn document stays withdrawn; to publish this text again, give it a new folder name"));
        }
        self.doc(slug).and_then(|d| Some((d, d.draft.as_ref()?))).ok_or_else(|| {
            let known: Vec<&str> =
                self.docs.iter().filter(|d| d.draft.is_some()).map(|d| d.slug.as_str()).collect();
            Diagnostic::error(format!("unknown document `{slug}`"))
                .help(format!("documents are the folders of content/: {}", known.join(", ")))
        })
    }
}

/// Templates, static files, the PDF layout and fonts: the built-in default
/// theme, overridden file by file by the site's `themes/<name>/`.
#[derive(Debug, Default)]
pub(crate) struct Theme {
    /// Template name (`page.html`) → (file for diagnostics, source).
    pub(crate) templates: BTreeMap<String, (String, String)>,
    /// Output path → bytes, copied as-is.
    pub(crate) statics: BTreeMap<String, Vec<u8>>,
    /// The PDF layout: file name in `pdf/` (`document.typ`) → (file for diagnostics, bytes).
    pub(crate) pdf: BTreeMap<String, (String, Vec<u8>)>,
    /// Fonts of the site's theme (`fonts/`), beside those built into privsite.
    pub(crate) fonts: BTreeMap<String, Vec<u8>>,
}

/// A Fluent file: the built-in strings of a language or one of the site's
/// `locales/<lang>/*.ftl`.
pub(crate) struct LocaleFile {
    pub(crate) lang: Lang,
    /// Path relative to the site root, or `(built-in) locales/…`.
    pub(crate) file: String,
    pub(crate) resource: std::sync::Arc<fluent_bundle::FluentResource>,
}

/// (De)serializes a shared value as the value itself (the load cache).
mod shared {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<T: Serialize, S: Serializer>(value: &Arc<T>, s: S) -> Result<S::Ok, S::Error> {
        (**value).serialize(s)
    }

    pub(super) fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Arc<T>, D::Error> {
        T::deserialize(d).map(Arc::new)
    }
}
