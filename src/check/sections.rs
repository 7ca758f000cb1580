//! Section front matter that only makes sense across a document: former
//! slugs (`aliases`) that collide with a section's slug or with each other,
//! and, under `summaries = "required"`, sections without a summary.

use std::collections::BTreeMap;

use crate::config::Summaries;
use crate::diag::Diagnostic;
use crate::site::Site;

pub(crate) fn check(site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for doc in &site.docs {
        let Some(rev) = &doc.draft else { continue };
        // alias → the section that claimed it first
        let mut claimed: BTreeMap<&str, &str> = BTreeMap::new();
        for s in &rev.sections {
            for &id in s.texts.iter().flatten() {
                let text = site.text(id);
                for alias in &text.aliases {
                    let problem = if alias == &s.slug {
                        None
                    } else if rev.sections.iter().any(|o| o.slug == *alias) {
                        Some(Diagnostic::error(format!(
                            "alias `{alias}` of section `{}` is the slug of another section",
                            s.slug
                        ))
                        .help(format!(
                            "`#{alias}` already leads to section `{alias}`: remove `{alias}` from `aliases` (an alias is a former slug no section has now)"
                        )))
                    } else {
                        match claimed.get(alias.as_str()) {
                            Some(other) if *other != s.slug => Some(
                                Diagnostic::error(format!(
                                    "alias `{alias}` is claimed by section `{}` and by section `{other}`",
                                    s.slug
                                ))
                                .help(format!("keep `{alias}` in the `aliases` of one section only")),
                            ),
                            _ => {
                                claimed.insert(alias, &s.slug);
                                None
                            }
                        }
                    };
                    if let Some(d) = problem {
                        let mut d = d.in_file(&text.file);
                        d.position = text.aliases_at.clone();
                        problems.push(d);
                    }
                }
                if site.config.summaries == Summaries::Required && text.summary.is_none() {
                    problems.push(
                        Diagnostic::warning(format!("section `{}` has no summary", s.slug))
                            .in_file(&text.file)
                            .help("add `summary = \"…\"` (one or two sentences) to its front matter; privsite.toml asks for one with `summaries = \"required\"`"),
                    );
                }
            }
        }
    }
    problems.dedup();
    problems
}
