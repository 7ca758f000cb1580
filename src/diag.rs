//! Diagnostics: one type for every problem a user can fix, and one renderer
//! for the terminal, JSON and the serve error page, so every path
//! reports file, line, column and a hint the same way.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// Where in a file a problem is: 1-based line and column, and the line itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Position {
    pub(crate) line: usize,
    pub(crate) col: usize,
    #[serde(skip)]
    pub(crate) source_line: String,
}

/// (De)serializes an optional position whole, its line of source included
/// (the load cache; diagnostics as JSON leave the line out).
pub(crate) mod whole_position {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Position;

    pub(crate) fn serialize<S: Serializer>(p: &Option<Position>, s: S) -> Result<S::Ok, S::Error> {
        p.as_ref().map(|p| (p.line, p.col, &p.source_line)).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Position>, D::Error> {
        let whole = Option::<(usize, usize, String)>::deserialize(d)?;
        Ok(whole.map(|(line, col, source_line)| Position { line, col, source_line }))
    }
}

impl Position {
    /// The position of byte `offset` in `text` (columns count characters).
    pub(crate) fn of(text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        Position {
            line: text[..offset].matches('\n').count() + 1,
            col: text[line_start..offset].chars().count() + 1,
            source_line: text[line_start..line_end].trim_end_matches('\r').to_string(),
        }
    }

    /// Line `line` (1-based) at column `col` of `text`.
    pub(crate) fn at_line(text: &str, line: usize, col: usize) -> Position {
        let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        Position { line, col, source_line: source_line.to_string() }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Diagnostic {
    pub(crate) severity: Severity,
    /// Path relative to the site root (or as the user typed it).
    pub(crate) file: Option<String>,
    #[serde(flatten)]
    pub(crate) position: Option<Position>,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            position: None,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    pub(crate) fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub(crate) fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: error: message` (what editors and CI tools parse), then
    /// the source line with a caret and the hint, as rustc shows them.
    pub(crate) fn render(&self, color: bool) -> String {
        let paint = |code: &str, s: &str| paint(color, code, s);
        let label = match self.severity {
            Severity::Error => paint("1;31", "error"),
            Severity::Warning => paint("1;33", "warning"),
        };
        let location = match (&self.file, &self.position) {
            (Some(file), Some(p)) => format!("{}: ", paint("1", &format!("{file}:{}:{}", p.line, p.col))),
            (Some(file), None) => format!("{}: ", paint("1", file)),
            (None, _) => String::new(),
        };
        let mut out = format!("{location}{label}: {}\n", self.message);
        let gutter = self.position.as_ref().map_or(1, |p| p.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(p) = self.position.as_ref().filter(|p| !p.source_line.is_empty()) {
            let (shown, col) = crop(&p.source_line, p.col);
            let caret_pad: String = shown
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let bar = paint("34", "|");
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(out, "{} {bar} {shown}", paint("34", &p.line.to_string()));
            let _ = writeln!(out, "{pad} {bar} {caret_pad}{}", paint("1;31", "^"));
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = {}: {help}", paint("1", "help"));
        }
        out
    }

    /// The same text as [`Diagnostic::render`] (without colour) as HTML, every
    /// character escaped: for the error page of `serve`.
    pub(crate) fn render_html(&self) -> String {
        let class = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!("<pre class=\"diagnostic {class}\">{}</pre>\n", escape_html(&self.render(false)))
    }
}

/// How many diagnostics of one kind the terminal shows before it sums up the rest.
pub(crate) const SHOWN_PER_KIND: usize = 20;

/// The diagnostics to print: of each kind (same severity and same help, or
/// the same message where there is no help) the first [`SHOWN_PER_KIND`],
/// then one line saying how many more there are. A hostile input with
/// 40,000 of one mistake then prints a screenful, not megabytes.
pub(crate) fn summarise(all: &[Diagnostic]) -> Vec<Diagnostic> {
    let kind = |d: &Diagnostic| (d.severity, d.help.clone().unwrap_or_else(|| d.message.clone()));
    let mut totals: HashMap<(Severity, String), usize> = HashMap::new();
    for d in all {
        *totals.entry(kind(d)).or_default() += 1;
    }
    let mut shown: HashMap<(Severity, String), usize> = HashMap::new();
    let mut out = Vec::new();
    for d in all {
        let key = kind(d);
        let n = shown.entry(key.clone()).or_default();
        *n += 1;
        if *n <= SHOWN_PER_KIND {
            out.push(d.clone());
        }
        let total = totals[&key];
        if *n == SHOWN_PER_KIND && total > SHOWN_PER_KIND {
            let what = if d.is_error() { "errors" } else { "warnings" };
            let mut more = Diagnostic::error(format!(
                "and {} more {what} like the one above",
                thousands(total - SHOWN_PER_KIND)
            ))
            .help("`privsite check --format json` lists every one");
            more.severity = d.severity;
            out.push(more);
        }
    }
    out
}

/// `39990` as `39,990`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How many characters of a source line are shown, at most.
const SHOWN: usize = 100;

/// A long source line cut to a window around column `col` (1-based, in
/// characters), with `...` where it was cut, as rustc shows minified code;
/// and the column within what is shown.
fn crop(line: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= SHOWN {
        return (line.to_string(), col);
    }
    let at = col.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(SHOWN / 2).min(chars.len() - SHOWN);
    let end = start + SHOWN;
    let mut shown = String::new();
    let mut col = at - start + 1;
    if start > 0 {
        shown.push_str("...");
        col += 3;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push_str("...");
    }
    (shown, col)
}

/// "1 error", "2 errors": a count and its noun in agreement (the noun's
/// plural is its singular with an `s`, true of every noun privsite counts).
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// Text as HTML text or attribute value.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` in the ANSI style `code` (e.g. `1;31`, bold red) if `color`, else as it is.
pub(crate) fn paint(color: bool, code: &str, s: &str) -> String {
    if color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
}

/// A command that failed for reasons the user can fix: one or more diagnostics.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics(pub(crate) Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Ok if nothing went wrong so far; otherwise all the diagnostics as the error.
    pub(crate) fn into_result(self) -> Result<Vec<Diagnostic>, Diagnostics> {
        if self.has_errors() { Err(self) } else { Ok(self.0) }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<T: IntoIterator<Item = Diagnostic>>(&mut self, iter: T) {
        self.0.extend(iter);
    }
}

pub(crate) type Result<T, E = Diagnostics> = std::result::Result<T, E>;

/// An IO failure as a diagnostic that names the path.
pub(crate) fn io_error(action: &str, path: &Path, err: &std::io::Error) -> Diagnostic {
    let d = Diagnostic::error(format!("could not {action} {}: {err}", path.display()));
    match err.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            d.help("the disk is full: free some space and run the command again; nothing was changed")
        }
        std::io::ErrorKind::ReadOnlyFilesystem => d.help(
            "that folder is on a read-only file system: choose another one or mount it writable; nothing was changed",
        ),
        std::io::ErrorKind::PermissionDenied => {
            d.help("privsite may not do that there: check the permissions, or choose another place")
        }
        std::io::ErrorKind::AlreadyExists
        | std::io::ErrorKind::NotADirectory
        | std::io::ErrorKind::IsADirectory => {
            d.help("something else is in the way at that path: choose another path, or move it away")
        }
        std::io::ErrorKind::NotFound => d.help("check that the path is spelled right and that its folders exist"),
        _ => d.help("check the path and the disk it is on, then run the command again"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_io_error_says_how_to_fix_it() {
        use std::io::{Error, ErrorKind};
        for kind in [
            ErrorKind::StorageFull,
            ErrorKind::PermissionDenied,
            ErrorKind::AlreadyExists,
            ErrorKind::NotFound,
            ErrorKind::Interrupted,
        ] {
            let d = io_error("create", Path::new("out/x"), &Error::from(kind));
            assert!(d.message.starts_with("could not create out/x: "), "{d:?}");
            assert!(d.help.as_deref().is_some_and(|h| !h.is_empty()), "{kind:?}: {d:?}");
        }
    }

    #[test]
    fn many_of_one_kind_are_summed_up_after_the_first_ones() {
        let mut all: Vec<Diagnostic> =
            (0..25).map(|i| Diagnostic::warning(format!("obsolete {i}")).help("remove it")).collect();
        all.insert(3, Diagnostic::error("other").help("fix it"));
        let shown = summarise(&all);
        assert_eq!(shown.len(), SHOWN_PER_KIND + 2);
        assert_eq!(shown[3].message, "other");
        let more = &shown[SHOWN_PER_KIND + 1];
        assert_eq!(more.message, "and 5 more warnings like the one above");
        assert_eq!(more.severity, Severity::Warning);
        assert_eq!(summarise(&all[..10]), all[..10].to_vec(), "few are shown as they are");
        assert_eq!(
            (thousands(39_990), thousands(999), thousands(1_000_000)),
            ("39,990".into(), "999".into(), "1,000,000".into())
        );
    }

    #[test]
    fn a_long_line_is_cropped_around_the_column() {
        let line = format!("{}X{}", "a".repeat(600), "b".repeat(400));
        let d =
            Diagnostic::error("bad").in_file("f.md").at(Position { line: 3, col: 601, source_line: line });
        let text = d.render(false);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.iter().all(|l| l.chars().count() < 120), "{text}");
        let shown = lines[2];
        let caret = lines[3];
        assert!(shown.contains("...") && shown.ends_with("..."), "{text}");
        assert_eq!(shown.find('X'), caret.find('^'), "the caret stays under the column:\n{text}");
        // A short line is shown whole.
        assert_eq!(crop("short", 3), ("short".to_string(), 3));
        // At the start and the end, only one side is cut.
        let (start, col) = crop(&"x".repeat(500), 1);
        assert!(!start.starts_with("...") && start.ends_with("...") && col == 1);
        let (end, col) = crop(&"x".repeat(500), 500);
        assert!(end.starts_with("...") && !end.ends_with("...") && col == 103);
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(2, "warning"), "2 warnings");
    }

    #[test]
    fn position_counts_lines_and_characters() {
        let text = "+++\ntitel = \"ä\"\n+++\n";
        let p = Position::of(text, text.find("titel").unwrap_or(0) + 2);
        assert_eq!((p.line, p.col), (2, 3));
        assert_eq!(p.source_line, "titel = \"ä\"");
        let end = Position::of(text, text.len());
        assert_eq!(end.line, 4);
    }

    #[test]
    fn render_points_at_the_column() {
        let d = Diagnostic::error("unknown key `titel`")
            .in_file("content/a/10-x.de.md")
            .at(Position::of("+++\ntitel = 1\n", 4))
            .help("the only key is `title`");
        let text = d.render(false);
        assert!(text.starts_with("content/a/10-x.de.md:2:1: error: unknown key `titel`\n"), "{text}");
        assert!(text.contains("2 | titel = 1"), "{text}");
        assert!(text.contains("= help: the only key is `title`"), "{text}");
    }

    #[test]
    fn html_is_the_terminal_text_escaped() {
        let d = Diagnostic::error("unknown key `<script>`")
            .in_file("content/a/10-x.de.md")
            .at(Position::of("+++\n<script>alert('x') & \"y\"\n", 4))
            .help("remove it");
        let html = d.render_html();
        assert!(
            html.starts_with(
                "<pre class=\"diagnostic error\">content/a/10-x.de.md:2:1: error: unknown key `&lt;script&gt;`\n"
            ),
            "{html}"
        );
        assert!(html.contains("2 | &lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert_eq!(
            escape_html(&d.render(false)),
            html["<pre class=\"diagnostic error\">".len()..html.len() - "</pre>\n".len()]
        );
    }
}
