//! What a file in a document folder is, from its name alone:
//! `_index.<lang>.md`, `_release.<lang>.md` or `<NN>-<slug>.<lang>.md`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Role {
    Index,
    Release,
    Section { number: u32, slug: String },
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct FileName<'a> {
    pub(crate) role: Role,
    pub(crate) lang: &'a str,
}

/// Whether a file is editor or OS clutter that privsite should not read.
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// Parses a file name; the error says what was expected.
pub(crate) fn parse(name: &str) -> Result<FileName<'_>, String> {
    const EXPECTED: &str =
        "name it `<NN>-<slug>.<lang>.md` (a section), `_index.<lang>.md` or `_release.<lang>.md`";
    let stem = name.strip_suffix(".md").ok_or_else(|| EXPECTED.to_string())?;
    let (stem, lang) = stem.rsplit_once('.').ok_or_else(|| EXPECTED.to_string())?;
    let role = match stem {
        "_index" => Role::Index,
        "_release" => Role::Release,
        _ => {
            let (number, slug) = stem.split_once('-').ok_or_else(|| EXPECTED.to_string())?;
            if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
                return Err(EXPECTED.to_string());
            }
            let number = number.parse().map_err(|_| "the section number is too large".to_string())?;
            if !is_slug(slug) {
                return Err(format!(
                    "`{slug}` is not a valid slug: use lowercase letters, digits and hyphens"
                ));
            }
            Role::Section { number, slug: slug.to_string() }
        }
    };
    Ok(FileName { role, lang })
}

/// Slugs are anchors and URL segments: lowercase ASCII letters, digits, inner hyphens.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_kinds() {
        assert_eq!(parse("_index.de.md").map(|f| f.role), Ok(Role::Index));
        assert_eq!(parse("_release.sv.md").map(|f| f.lang), Ok("sv"));
        assert_eq!(
            parse("010-your-rights.en.md").map(|f| f.role),
            Ok(Role::Section { number: 10, slug: "your-rights".into() })
        );
    }

    #[test]
    fn rejects_other_names() {
        for bad in ["notes.txt", "rights.de.md", "x-rights.de.md", "10-Rights.de.md", "10-.de.md", "10-a.md"]
        {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse("99999999999-a.de.md").is_err());
    }
}
