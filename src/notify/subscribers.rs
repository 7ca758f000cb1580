//! The subscriber list: a CSV with the header `email,language[,name]`, parsed
//! with the `csv` crate and validated row by row. A row with an invalid
//! address or an unknown language is reported with its line and skipped, so
//! it is never sent; a repeated address is sent once.

use std::collections::HashMap;
use std::path::Path;

use crate::diag::{Diagnostic, Position, io_error};
use crate::site::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Subscriber {
    /// 1-based line in the CSV.
    pub(crate) line: usize,
    pub(crate) email: lettre::Address,
    /// The address in lower case: the identity in the send log and Message-ID.
    pub(crate) key: String,
    pub(crate) lang: Lang,
    pub(crate) name: Option<String>,
}

/// Reads and parses the list at `rel` (relative to `root`).
pub(crate) fn read(
    root: &Path,
    rel: &str,
    languages: &[String],
    authoritative: Lang,
) -> Result<Parsed, Diagnostic> {
    let path = crate::load::walk::resolve(root, rel).map_err(|d| {
        d.help("`subscribers` in [mail] names a CSV file inside the site, given relative to its root")
    })?;
    let bytes = std::fs::read(path).map_err(|e| {
        io_error("read the subscriber list", Path::new(rel), &e)
            .in_file(crate::config::FILE_NAME)
            .help("`subscribers` in [mail] names a CSV file relative to the site root, with the header `email,language[,name]`")
    })?;
    Ok(parse(&bytes, rel, languages, authoritative))
}

#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub(crate) subscribers: Vec<Subscriber>,
    /// Rows that were skipped (errors) and doubtful ones (warnings).
    pub(crate) problems: Vec<Diagnostic>,
}

/// Parses the CSV in `bytes`; `file` is its name for diagnostics. A
/// subscriber in a language the site lacks gets the `authoritative` one.
pub(crate) fn parse(bytes: &[u8], file: &str, languages: &[String], authoritative: Lang) -> Parsed {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let mut out = Parsed::default();
    let at = |line: usize| Position::at_line(&text, line, 1);
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            out.problems.push(csv_error(&e, file, &text));
            return out;
        }
    };
    let column = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(email_col), Some(lang_col)) = (column("email"), column("language")) else {
        out.problems.push(
            Diagnostic::error("the subscriber list has no `email` and `language` columns")
                .in_file(file)
                .at(at(1))
                .help("the first line must be the header `email,language,name` (name is optional)"),
        );
        return out;
    };
    let name_col = column("name");
    // One warning for all of them: a header of 10,000 columns is one mistake.
    let unknown: Vec<&str> = header
        .iter()
        .enumerate()
        .filter(|(i, _)| ![Some(email_col), Some(lang_col), name_col].contains(&Some(*i)))
        .map(|(_, h)| h)
        .collect();
    if !unknown.is_empty() {
        let shown: Vec<String> = unknown.iter().take(8).map(|h| format!("`{h}`")).collect();
        let more = match unknown.len() {
            0..=8 => String::new(),
            n => format!(" and {} more", crate::diag::thousands(n - 8)),
        };
        let (noun, verb) = if unknown.len() == 1 { ("column", "is") } else { ("columns", "are") };
        out.problems.push(
            Diagnostic::warning(format!("unknown {noun} {}{more} {verb} ignored", shown.join(", ")))
                .in_file(file)
                .at(at(1))
                .help("the columns are email, language and (optional) name"),
        );
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut lines = Lines { bytes, offset: 0, line: 1 };
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.problems.push(csv_error(&e, file, &text));
                continue;
            }
        };
        // From the byte offset: csv's own line count leaves out blank lines.
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
        let field = |col: usize| record.get(col).unwrap_or("");
        if record.iter().all(str::is_empty) {
            continue;
        }
        let raw_email = field(email_col);
        let email = match raw_email.parse::<lettre::Address>() {
            Ok(a) => a,
            Err(e) => {
                out.problems.push(
                    Diagnostic::error(format!(
                        "`{raw_email}` is not a valid e-mail address ({e}); this subscriber is skipped"
                    ))
                    .in_file(file)
                    .at(lines.position())
                    .help("correct the address or remove the line"),
                );
                continue;
            }
        };
        let raw_lang = field(lang_col);
        let lang = match resolve_lang(raw_lang, languages) {
            Some(lang) => lang,
            // A language the site does not have: the binding text, as SPEC §6 says.
            None if is_language_tag(raw_lang) => {
                out.problems.push(
                    Diagnostic::warning(format!(
                        "the site has no `{raw_lang}`: this subscriber gets the notice in `{}`, the binding language",
                        languages[authoritative]
                    ))
                    .in_file(file)
                    .at(lines.position())
                    .help(format!("the site's languages are {}", languages.join(", "))),
                );
                authoritative
            }
            None => {
                out.problems.push(
                    Diagnostic::error(format!("unknown language `{raw_lang}`; this subscriber is skipped"))
                        .in_file(file)
                        .at(lines.position())
                        .help(format!("use one of the site's languages: {}", languages.join(", "))),
                );
                continue;
            }
        };
        let key = email.to_string().to_lowercase();
        if let Some(first) = seen.get(&key) {
            out.problems.push(
                Diagnostic::warning(format!(
                    "{email} is listed already on line {first}; this line is skipped"
                ))
                .in_file(file)
                .at(lines.position())
                .help("each address gets one notice; remove the repeated line"),
            );
            continue;
        }
        seen.insert(key.clone(), line);
        let name = name_col
            .map(field)
            .map(|n| n.replace(char::is_control, " ").trim().to_string())
            .filter(|n| !n.is_empty());
        out.subscribers.push(Subscriber { line, email, key, lang, name });
    }
    out
}

/// Whether `code` has the shape of a language tag (`fr`, `tlh`, `pt-BR`),
/// as opposed to a mistake such as `x1` or an address in the wrong column.
fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `de`, `DE`, `de-AT` → the site's `de`; anything else → `None`.
pub(crate) fn resolve_lang(code: &str, languages: &[String]) -> Option<Lang> {
    let code = code.trim();
    if code.is_empty() {
        return None;
    }
    let exact = languages.iter().position(|l| l.eq_ignore_ascii_case(code));
    exact.or_else(|| {
        let primary = code.split(['-', '_']).next()?;
        languages.iter().position(|l| l.eq_ignore_ascii_case(primary))
    })
}

fn csv_error(e: &csv::Error, file: &str, text: &str) -> Diagnostic {
    let mut d = Diagnostic::error(format!("cannot read the subscriber list: {e}"))
        .in_file(file)
        .help("save it as a UTF-8 CSV file with the header `email,language,name`");
    if let Some(p) = e.position() {
        let mut lines = Lines { bytes: text.as_bytes(), offset: 0, line: 1 };
        d = d.at(Position::at_line(text, lines.line_of(p.byte()), 1));
    }
    d
}

/// Line numbers of byte offsets, counted forward from the last one asked
/// (records come in order, so a whole list is counted once).
struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl Lines<'_> {
    /// The 1-based line of the record at byte `offset`; csv reports a record's
    /// start before the blank lines it skipped, so those are stepped over.
    fn line_of(&mut self, offset: u64) -> usize {
        let bytes = self.bytes;
        let mut end = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
        while end < bytes.len() && (bytes[end] == b'\n' || bytes[end] == b'\r') {
            end += 1;
        }
        if end < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += bytes[self.offset..end].iter().filter(|&&b| b == b'\n').count();
        self.offset = end;
        self.line
    }

    /// The position of the line last asked for, with its text.
    fn position(&self) -> Position {
        let rest = &self.bytes[self.offset.min(self.bytes.len())..];
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        Position {
            line: self.line,
            col: 1,
            source_line: String::from_utf8_lossy(&rest[..end]).trim_end_matches('\r').to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["de".into(), "en".into(), "sv".into()]
    }

    #[test]
    fn valid_rows_in_any_column_order() {
        let csv = "\u{feff}language,email,name\nen,anna@example.com,Anna Berg\nsv-FI, Bo@Example.com ,\nDE,carl@example.org,\"Carl, Jr.\"\n";
        let p = parse(csv.as_bytes(), "subscribers.csv", &langs(), 0);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let got: Vec<_> =
            p.subscribers.iter().map(|s| (s.line, s.key.as_str(), s.lang, s.name.as_deref())).collect();
        assert_eq!(
            got,
            [
                (2, "anna@example.com", 1, Some("Anna Berg")),
                (3, "bo@example.com", 2, None),
                (4, "carl@example.org", 0, Some("Carl, Jr.")),
            ]
        );
    }

    #[test]
    fn bad_rows_are_reported_with_their_line_and_skipped() {
        let csv = "email,language\nok@example.com,de\nnot-an-address,en\nfr@example.com,f1\n\nOK@example.com,sv\nlast@example.com,sv\n";
        let p = parse(csv.as_bytes(), "subscribers.csv", &langs(), 0);
        let keys: Vec<_> = p.subscribers.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["ok@example.com", "last@example.com"]);
        let lines: Vec<_> =
            p.problems.iter().map(|d| (d.position.as_ref().map(|p| p.line), d.is_error())).collect();
        assert_eq!(lines, [(Some(3), true), (Some(4), true), (Some(6), false)]);
        assert!(p.problems[0].message.contains("`not-an-address`"));
        assert_eq!(
            p.problems[0].position.as_ref().map(|p| p.source_line.as_str()),
            Some("not-an-address,en")
        );
        assert!(p.problems[1].message.contains("unknown language `f1`"));
        assert!(p.problems[2].message.contains("line 2"));
    }

    #[test]
    fn a_language_the_site_lacks_gets_the_binding_one() {
        let p = parse(b"email,language\nfr@example.com,fr-BE\n", "s.csv", &langs(), 0);
        assert_eq!(p.subscribers.len(), 1);
        assert_eq!(p.subscribers[0].lang, 0);
        assert!(!p.problems[0].is_error());
        assert!(
            p.problems[0]
                .message
                .contains("the site has no `fr-BE`: this subscriber gets the notice in `de`")
        );
    }

    #[test]
    fn a_list_without_the_header_is_one_error() {
        let p = parse(b"anna@example.com,de\n", "s.csv", &langs(), 0);
        assert!(p.subscribers.is_empty());
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].help.as_deref().unwrap_or("").contains("email,language"));
    }

    #[test]
    fn garbage_never_panics() {
        for input in [&b""[..], b"\xff\xfe\x00", b"email,language\n\"unterminated,de\n", b",,,,\n,,\n"] {
            let _ = parse(input, "s.csv", &langs(), 0);
        }
    }
}
