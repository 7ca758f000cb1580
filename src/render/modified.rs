//! "Last modified" dates, computed from the stored versions alone: for each
//! version, the publication date of the newest version up to it in which a
//! section's text (as shown in a language) or anything in the document changed.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::site::{Document, Lang, Revision, Text};

/// Dates for one version of a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Modified {
    /// Section slug → date per language.
    pub(crate) sections: HashMap<String, Vec<NaiveDate>>,
    /// The document as a whole, per language.
    pub(crate) document: Vec<NaiveDate>,
}

/// Per language, the digest of the text shown for each section of a
/// revision, in order (none where neither language has one).
type Shown = Vec<Vec<Option<[u8; 32]>>>;

/// One entry per version of `doc`, oldest first. What each language shows
/// of a section (its own text or, if untranslated, the authoritative one)
/// is looked up once per version, and compared with the version before by
/// the section's place there: a long history costs no copies of its slugs.
pub(crate) fn compute(doc: &Document, texts: &[Text], langs: usize, auth: Lang) -> Vec<Modified> {
    let mut out: Vec<Modified> = Vec::with_capacity(doc.versions.len());
    // The version before, and the digest each language showed of each of its sections.
    let mut before: Option<(&Revision, Shown)> = None;
    for version in &doc.versions {
        let rev = &version.text;
        let shown: Shown = (0..langs)
            .map(|lang| {
                rev.sections
                    .iter()
                    .map(|s| s.texts[lang].or(s.texts[auth]).map(|t| texts[t].digest))
                    .collect()
            })
            .collect();
        let mut m = Modified { sections: HashMap::with_capacity(rev.sections.len()), document: Vec::new() };
        let earlier = before.as_ref().zip(out.last());
        let index = |r: &Revision, lang: Lang| r.index[lang].map(|t| texts[t].digest);
        m.document = (0..langs)
            .map(|lang| match earlier {
                Some(((old, old_shown), pm))
                    if index(old, lang) == index(rev, lang)
                        && old.sections.iter().map(|s| &s.slug).eq(rev.sections.iter().map(|s| &s.slug))
                        && old_shown[lang] == shown[lang] =>
                {
                    pm.document[lang]
                }
                _ => version.date,
            })
            .collect();
        let place: HashMap<&str, usize> = earlier
            .map(|((old, _), _)| old.sections.iter().enumerate().map(|(i, s)| (s.slug.as_str(), i)).collect())
            .unwrap_or_default();
        for (j, s) in rev.sections.iter().enumerate() {
            let was_at = place.get(s.slug.as_str());
            let dates = (0..langs)
                .map(|lang| match (earlier, was_at) {
                    (Some(((_, old_shown), pm)), Some(&i)) if old_shown[lang][i] == shown[lang][j] => {
                        pm.sections.get(&s.slug).map_or(version.date, |d| d[lang])
                    }
                    _ => version.date,
                })
                .collect();
            m.sections.insert(s.slug.clone(), dates);
        }
        out.push(m);
        before = Some((rev, shown));
    }
    out
}
