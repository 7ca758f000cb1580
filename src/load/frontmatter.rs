//! Splits a Markdown file into its TOML front matter and body, and parses the
//! front matter strictly. Pure functions over text: no IO.

use serde::Deserialize;

use crate::diag::{Diagnostic, Position};

/// The front matter every Markdown file may carry.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// In a translation: the mark of the authoritative text it was made from (see `crate::translation`).
    pub translated_from: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Parsed<'a> {
    pub title: Option<String>,
    pub translated_from: Option<String>,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

const FENCE: &str = "+++";
const EXAMPLE: &str = "start the file with\n    +++\n    title = \"…\"\n    +++";

/// Parses `text` (the whole file). `title_required`: sections and `_index` files
/// must have a title; release notes may omit the front matter altogether.
pub fn parse<'a>(text: &'a str, file: &str, title_required: bool) -> Result<Parsed<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != FENCE {
        if !title_required {
            return Ok(Parsed { title: None, translated_from: None, body: text, body_line: 1 });
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
            "front matter takes `title` and, in a translation, `translated_from` (written by `privsite mark-translated`)"
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
    Ok(Parsed {
        title,
        translated_from: fm.translated_from,
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
        ];
        for input in inputs {
            for required in [true, false] {
                if let Ok(p) = parse(input, "f.md", required) {
                    let text = Text {
                        title: p.title,
                        body: p.body.to_string(),
                        file: "f.md".into(),
                        body_line: p.body_line,
                        id_prefix: "s".into(),
                        digest: [0; 32],
                        translated_from: None,
                    };
                    let html = parse::render(&text, false);
                    assert!(!html.html.contains("<script>"));
                }
            }
        }
    }
}
