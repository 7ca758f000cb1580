//! Splits a Markdown file into its TOML front matter and body, and parses the
//! front matter strictly. Pure functions over text: no IO.

use serde::Deserialize;

use crate::diag::{Diagnostic, Position};

/// The front matter every Markdown file may carry.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    pub(crate) title: Option<String>,
    /// In a translation: the mark of the authoritative text it was made from (see `crate::translation`).
    pub(crate) translated_from: Option<String>,
    /// A section's first layer: one or two sentences, Markdown inline.
    pub(crate) summary: Option<String>,
    /// Former slugs of a section, kept as anchors.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Parsed<'a> {
    pub(crate) title: Option<String>,
    pub(crate) translated_from: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) aliases: Vec<String>,
    /// Where the summary's text starts (after its opening quote).
    pub(crate) summary_at: Option<Position>,
    /// Where `aliases` is set.
    pub(crate) aliases_at: Option<Position>,
    pub(crate) body: &'a str,
    /// 1-based line of the file where the body starts.
    pub(crate) body_line: usize,
}

const FENCE: &str = "+++";
const EXAMPLE: &str = "start the file with\n    +++\n    title = \"…\"\n    +++";

/// Parses `text` (the whole file). `title_required`: sections and `_index` files
/// must have a title; release notes may omit the front matter altogether.
pub(crate) fn parse<'a>(text: &'a str, file: &str, title_required: bool) -> Result<Parsed<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != FENCE {
        if !title_required {
            return Ok(Parsed {
                title: None,
                translated_from: None,
                summary: None,
                aliases: Vec::new(),
                summary_at: None,
                aliases_at: None,
                body: text,
                body_line: 1,
            });
        }
        return Err(Diagnostic::error("missing front matter")
            .in_file(file)
            .at(Position::of(text, 0))
            .help(EXAMPLE));
    }
    let fm_start = first.len();
    let mut offset = fm_start;
    let mut line_no = 1;
    let mut fm_end = None;
    for line in lines {
        line_no += 1;
        if line.trim_end() == FENCE {
            fm_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((fm_end, body_start)) = fm_end else {
        return Err(Diagnostic::error("front matter is not closed")
            .in_file(file)
            .at(Position::of(text, 0))
            .help("end the front matter with a line that holds only `+++`"));
    };
    let fm: FrontMatter = toml::from_str(&text[fm_start..fm_end]).map_err(|e| {
        // Spans are relative to the front matter; report them file-absolute.
        let at = e.span().map_or(fm_start, |s| fm_start + s.start);
        let message = crate::config::toml_message(&e);
        let help = if message.contains("unknown field") {
            "front matter takes `title`, `summary`, `aliases` and, in a translation, `translated_from` (written by `privsite mark-translated`)"
                .to_string()
        } else {
            "front matter is TOML, e.g. `title = \"Your rights\"`".to_string()
        };
        Diagnostic::error(format!("invalid front matter: {message}"))
            .in_file(file)
            .at(Position::of(text, at))
            .help(help)
    })?;
    let title = fm.title.map(|t| t.trim().to_string());
    if title_required && title.as_deref().is_none_or(str::is_empty) {
        return Err(Diagnostic::error("missing `title` in front matter")
            .in_file(file)
            .at(Position::of(text, fm_start))
            .help("add a line like `title = \"Your rights\"` between the `+++` lines"));
    }
    let front = &text[fm_start..fm_end];
    let key_line = |key: &str| {
        front
            .lines()
            .position(|l| l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')))
            .map_or(0, |i| i + 2)
    };
    for alias in &fm.aliases {
        if !crate::load::filename::is_slug(alias) {
            return Err(Diagnostic::error(format!("alias `{alias}` is not a slug"))
                .in_file(file)
                .at(Position::at_line(text, key_line("aliases"), 1))
                .help("aliases are former slugs of this section: lowercase letters, digits and hyphens"));
        }
    }
    let summary = fm.summary.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Parsed {
        title,
        translated_from: fm.translated_from,
        summary_at: summary.as_ref().and_then(|_| {
            let line = key_line("summary");
            let at = Position::at_line(text, line, 1);
            let quote = at.source_line.find(['"', '\''])?;
            let col = at.source_line[..quote].chars().count() + 2;
            Some(Position { col, ..at })
        }),
        summary,
        aliases_at: (key_line("aliases") > 0).then(|| Position::at_line(text, key_line("aliases"), 1)),
        aliases: fm.aliases,
        body: &text[body_start..],
        body_line: line_no + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_title_and_body() {
        let p = parse("+++\ntitle = \"Rechte\"\n+++\nText\n", "f.md", true).expect("valid");
        assert_eq!(p.title.as_deref(), Some("Rechte"));
        assert_eq!(p.body, "Text\n");
        assert_eq!(p.body_line, 4);
    }

    #[test]
    fn unknown_key_points_into_the_file() {
        let e = parse("+++\ntitle = \"A\"\ntitel = \"B\"\n+++\n", "f.md", true).expect_err("unknown key");
        assert!(e.message.contains("unknown field `titel`"), "{}", e.message);
        let p = e.position.expect("position");
        assert_eq!((p.line, p.col), (3, 1));
    }

    #[test]
    fn missing_title_unclosed_and_absent_front_matter() {
        assert!(parse("+++\n+++\nx", "f", true).unwrap_err().message.contains("missing `title`"));
        assert!(parse("+++\ntitle = \"A\"\n", "f", true).unwrap_err().message.contains("not closed"));
        assert!(parse("# Hi", "f", true).unwrap_err().message.contains("missing front matter"));
        assert_eq!(parse("notes", "f", false).expect("optional").body, "notes");
    }

    #[test]
    fn malformed_toml_has_a_line() {
        let e = parse("+++\ntitle = \"A\n+++\n", "f", true).expect_err("bad toml");
        assert_eq!(e.position.map(|p| p.line), Some(2));
    }
}

#[cfg(test)]
mod robustness {
    use super::parse;
    use crate::parse;
    use crate::site::Text;

    /// Odd and hostile inputs: every one parses or fails with a diagnostic, never a panic.
    #[test]
    fn odd_inputs_never_panic() {
        let deep = "> ".repeat(500) + "x";
        let list = "- ".repeat(300) + "x";
        let inputs = [
            "",
            "+++",
            "+++\n",
            "+++\n+++",
            "\u{feff}+++\ntitle = \"BOM\"\n+++\nx",
            "+++\r\ntitle = \"CRLF\"\r\n+++\r\nbody\r\n",
            "+++\ntitle = \"\0\"\n+++\n\0\0",
            "+++\ntitle = 5\n+++\n",
            "+++\ntitle = \"ä\"\ntitle = \"b\"\n+++\n",
            "+++\n[table]\n+++\n",
            "+++\ntitle = \"x\"\n+++\n[a](#) [b](../) [c](../../x/) [d](<>) ![e](javascript:alert(1))",
            "+++\ntitle = \"x\"\n+++\n[^1]\n\n[^1]: [^1]\n",
            &format!("+++\ntitle = \"x\"\n+++\n{deep}"),
            &format!("+++\ntitle = \"x\"\n+++\n{list}"),
            "+++\ntitle = \"x\"\n+++\n| a |\n|---|\n| <script> |\n",
            "+++\ntitle = \"x\"\nsummary = \"# h\\n\\n[^1] <script>x</script> [a](../b/#c)\"\n+++\n",
            "+++\ntitle = \"x\"\nsummary = \"\"\"\n- a\n- b\n\"\"\"\naliases = []\n+++\n",
            "+++\ntitle = \"x\"\nsummary = 5\n+++\n",
            "+++\ntitle = \"x\"\naliases = \"old\"\n+++\n",
            "+++\ntitle = \"x\"\naliases = [\"\", \"Ü\"]\n+++\n",
        ];
        for input in inputs {
            for required in [true, false] {
                if let Ok(p) = parse(input, "f.md", required) {
                    let text = Text {
                        title: p.title,
                        summary: p.summary,
                        summary_at: p.summary_at,
                        body: crate::site::Body::here(p.body.to_string()),
                        file: "f.md".into(),
                        body_line: p.body_line,
                        id_prefix: "s".into(),
                        ..Default::default()
                    };
                    let html = parse::render(&text, false);
                    assert!(!html.html.contains("<script>"));
                    assert!(!html.full().contains("<script>"));
                }
            }
        }
    }
}
