//! Anchors that survive renames. A section's identity is its slug, but links
//! into a policy live for years: a section keeps its former slugs as anchors,
//! from its front matter `aliases` and from every rename the changes pages
//! recognise (a removed section whose text reappears under a new slug).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::site::{Lang, Revision, Section, Text, TextId};

/// The text a language shows for a section: its own, else the authoritative one.
fn shown(section: &Section, lang: Lang, auth: Lang) -> Option<TextId> {
    section.texts[lang].or(section.texts[auth])
}

/// Sections of `new` that are sections of `old` under another slug, as shown
/// in `lang`: new slug → old slug.
pub(crate) fn renames<'a>(
    old: &'a Revision,
    new: &'a Revision,
    texts: &[Text],
    lang: Lang,
    auth: Lang,
) -> HashMap<&'a str, &'a str> {
    let has = |rev: &Revision, slug: &str| rev.sections.iter().any(|s| s.slug == slug);
    let removed: Vec<&Section> = old.sections.iter().filter(|s| !has(new, &s.slug)).collect();
    let mut renamed: HashMap<&str, &str> = HashMap::new();
    for s in new.sections.iter().filter(|s| !has(old, &s.slug)) {
        let Some(new_id) = shown(s, lang, auth) else { continue };
        let same = removed.iter().find(|r| {
            shown(r, lang, auth).is_some_and(|id| texts[id].body() == texts[new_id].body())
                && !renamed.values().any(|v| *v == r.slug)
        });
        if let Some(r) = same {
            renamed.insert(&s.slug, &r.slug);
        }
    }
    renamed
}

/// Slug → former slugs of each section of a revision.
pub(crate) type Former = BTreeMap<String, Vec<String>>;

/// For each revision of a history (oldest first), the former slugs of each of
/// its sections, carried through the whole history. A slug that a section of
/// the revision has is nobody's former slug there, and a former slug belongs
/// to the first section that claims it, so no page repeats an id.
pub(crate) fn former_slugs(revs: &[&Revision], texts: &[Text], auth: Lang) -> Vec<Former> {
    let mut out: Vec<Former> = Vec::with_capacity(revs.len());
    for (i, rev) in revs.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| (revs[p], &out[p]));
        let renamed = prev.map(|(p, _)| renames(p, rev, texts, auth, auth)).unwrap_or_default();
        let current: BTreeSet<&str> = rev.sections.iter().map(|s| s.slug.as_str()).collect();
        let mut claimed: BTreeSet<String> = BTreeSet::new();
        let mut former = Former::new();
        for s in &rev.sections {
            let mut slugs: BTreeSet<String> =
                s.texts.iter().flatten().flat_map(|&t| texts[t].aliases.iter().cloned()).collect();
            if let Some((_, before)) = prev {
                let predecessor = if before.contains_key(&s.slug) {
                    Some(s.slug.as_str())
                } else {
                    renamed.get(s.slug.as_str()).copied()
                };
                if let Some(p) = predecessor {
                    slugs.insert(p.to_string());
                    slugs.extend(before.get(p).into_iter().flatten().cloned());
                }
            }
            let slugs: Vec<String> =
                slugs.into_iter().filter(|a| !current.contains(a.as_str()) && !claimed.contains(a)).collect();
            claimed.extend(slugs.iter().cloned());
            former.insert(s.slug.clone(), slugs);
        }
        out.push(former);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str, aliases: &[&str]) -> Text {
        Text {
            body: crate::site::Body::here(body.into()),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Default::default()
        }
    }

    fn rev(sections: &[(&str, usize)]) -> Revision {
        Revision {
            index: vec![None],
            notes: vec![None],
            sections: sections
                .iter()
                .enumerate()
                .map(|(i, (slug, t))| Section {
                    slug: slug.to_string(),
                    number: i as u32,
                    texts: vec![Some(TextId::nth(*t))],
                })
                .collect(),
        }
    }

    #[test]
    fn renames_and_aliases_are_carried_through_the_history() {
        let texts = [text("Intro.", &[]), text("Rights.", &[]), text("Rights.", &["your-rights"])];
        let v1 = rev(&[("intro", 0), ("rights", 1)]);
        // Renamed with the same text: recognised without an alias.
        let v2 = rev(&[("intro", 0), ("data-subject-rights", 1)]);
        // Renamed again, the alias names a slug it never had on a page.
        let v3 = rev(&[("intro", 0), ("your-data-rights", 2)]);
        let former = former_slugs(&[&v1, &v2, &v3], &texts, 0);
        assert!(former[0]["rights"].is_empty());
        assert_eq!(former[1]["data-subject-rights"], ["rights"]);
        assert_eq!(former[2]["your-data-rights"], ["data-subject-rights", "rights", "your-rights"]);
        assert!(former[2]["intro"].is_empty());
    }

    #[test]
    fn a_former_slug_that_a_section_has_is_nobodys_alias() {
        let texts = [text("A.", &["b"]), text("B.", &[])];
        let former = former_slugs(&[&rev(&[("a", 0), ("b", 1)])], &texts, 0);
        assert!(former[0]["a"].is_empty());
    }
}
