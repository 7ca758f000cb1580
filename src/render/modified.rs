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

/// The digest of the text a language shows for each section (its own or, if
/// untranslated, the authoritative one), in order.
fn shown(rev: &Revision, texts: &[Text], lang: Lang, auth: Lang) -> Vec<(String, Option<[u8; 32]>)> {
    rev.sections
        .iter()
        .map(|s| (s.slug.clone(), s.texts[lang].or(s.texts[auth]).map(|t| texts[t].digest)))
        .collect()
}

/// One entry per version of `doc`, oldest first.
pub(crate) fn compute(doc: &Document, texts: &[Text], langs: usize, auth: Lang) -> Vec<Modified> {
    let mut out: Vec<Modified> = Vec::with_capacity(doc.versions.len());
    for (i, version) in doc.versions.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| (&doc.versions[p], &out[p]));
        let mut m = Modified { sections: HashMap::new(), document: Vec::with_capacity(langs) };
        for lang in 0..langs {
            let now = shown(&version.text, texts, lang, auth);
            let index = |r: &Revision| r.index[lang].map(|t| texts[t].digest);
            let changed_doc = match prev {
                None => true,
                Some((pv, _)) => {
                    index(&pv.text) != index(&version.text) || shown(&pv.text, texts, lang, auth) != now
                }
            };
            m.document.push(match (changed_doc, prev) {
                (false, Some((_, pm))) => pm.document[lang],
                _ => version.date,
            });
            let before: HashMap<String, Option<[u8; 32]>> = prev
                .map(|(pv, _)| shown(&pv.text, texts, lang, auth).into_iter().collect())
                .unwrap_or_default();
            for (slug, digest) in now {
                let date = match (before.get(&slug), prev) {
                    (Some(old), Some((_, pm))) if *old == digest => {
                        pm.sections.get(&slug).map_or(version.date, |d| d[lang])
                    }
                    _ => version.date,
                };
                m.sections.entry(slug).or_insert_with(|| Vec::with_capacity(langs)).push(date);
            }
        }
        out.push(m);
    }
    out
}
