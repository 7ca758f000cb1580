//! The subscriber list: a CSV with the header `email,language[,name]`, read
//! row by row with the `csv` crate and never held whole, so a list of a
//! million costs no more memory than the run's index of it
//! (`crate::notify::index`, 24 bytes a subscriber). A first pass checks
//! every row before anything is sent: a row with an invalid address or an
//! unknown language is reported with its line and skipped, so it is never
//! sent; a repeated address is sent once. A second pass hands the rows to
//! the sending one by one.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::diag::{Diagnostic, SHOWN_PER_KIND, Severity, io_error, thousands};
use crate::notify::index::{self, Index, Repeat};
use crate::notify::lines::Lines;
use crate::notify::sendlog::State;
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

type Source<'a> = Box<dyn Read + Send + 'a>;
type Open<'a> = Box<dyn Fn() -> std::io::Result<Source<'a>> + Send + Sync + 'a>;

/// A subscriber list, opened afresh for each pass.
pub(crate) struct List<'a> {
    open: Open<'a>,
    /// Its path relative to the site root, for diagnostics.
    file: String,
    languages: &'a [String],
    /// Whom a language the site lacks falls back to.
    authoritative: Lang,
}

/// The list after its first pass.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    pub(crate) index: Index,
    /// Rows that are skipped (errors) and doubtful ones (warnings), by line;
    /// of many alike, the first few and how many more.
    pub(crate) problems: Vec<Diagnostic>,
    /// Rows skipped as invalid.
    pub(crate) errors: usize,
}

impl<'a> List<'a> {
    /// The list at `rel` (relative to `root`).
    pub(crate) fn file(
        root: &Path,
        rel: &str,
        languages: &'a [String],
        authoritative: Lang,
    ) -> Result<List<'a>, Diagnostic> {
        let path = crate::load::walk::resolve(root, rel).map_err(|d| {
            d.help("`subscribers` in [mail] names a CSV file inside the site, given relative to its root")
        })?;
        let open: Open<'a> = Box::new(move || Ok(Box::new(File::open(&path)?) as Source<'a>));
        let list = List { open, file: rel.to_string(), languages, authoritative };
        list.open()?;
        Ok(list)
    }

    /// A list in memory, named `file`.
    #[cfg(test)]
    pub(crate) fn bytes(
        bytes: &'a [u8],
        file: &str,
        languages: &'a [String],
        authoritative: Lang,
    ) -> List<'a> {
        let open: Open<'a> = Box::new(move || Ok(Box::new(bytes) as Source<'a>));
        List { open, file: file.to_string(), languages, authoritative }
    }

    /// A reader at the start of the list, past a byte order mark.
    fn open(&self) -> Result<BufReader<Source<'a>>, Diagnostic> {
        let fail = |e: std::io::Error| {
            io_error("read the subscriber list", Path::new(&self.file), &e)
                .in_file(crate::config::FILE_NAME)
                .help("`subscribers` in [mail] names a CSV file relative to the site root, with the header `email,language[,name]`")
        };
        let mut reader = BufReader::new((self.open)().map_err(fail)?);
        if reader.fill_buf().map_err(fail)?.starts_with(b"\xef\xbb\xbf") {
            reader.consume(3);
        }
        Ok(reader)
    }

    /// The rows after the header, or `None` when the header is unusable;
    /// and the header's problems.
    fn rows(&self) -> Result<(Option<Rows<'_, 'a>>, Vec<Diagnostic>), Diagnostic> {
        let mut lines = Lines::new(self.open()?);
        let mut reader =
            csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(self.open()?);
        let header = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return Ok((None, vec![csv_error(&e, &self.file, &mut lines)])),
        };
        lines.seek(0);
        let column = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (Some(email), Some(lang)) = (column("email"), column("language")) else {
            let d = Diagnostic::error("the subscriber list has no `email` and `language` columns")
                .in_file(&self.file)
                .at(lines.position())
                .help("the first line must be the header `email,language,name` (name is optional)");
            return Ok((None, vec![d]));
        };
        let name = column("name");
        let mut problems = Vec::new();
        // One warning for all of them: a header of 10,000 columns is one mistake.
        let unknown: Vec<&str> = header
            .iter()
            .enumerate()
            .filter(|(i, _)| ![Some(email), Some(lang), name].contains(&Some(*i)))
            .map(|(_, h)| h)
            .collect();
        if !unknown.is_empty() {
            let shown: Vec<String> = unknown.iter().take(8).map(|h| format!("`{h}`")).collect();
            let more = match unknown.len() {
                0..=8 => String::new(),
                n => format!(" and {} more", thousands(n - 8)),
            };
            let (noun, verb) = if unknown.len() == 1 { ("column", "is") } else { ("columns", "are") };
            problems.push(
                Diagnostic::warning(format!("unknown {noun} {}{more} {verb} ignored", shown.join(", ")))
                    .in_file(&self.file)
                    .at(lines.position())
                    .help("the columns are email, language and (optional) name"),
            );
        }
        let rows = Rows {
            list: self,
            records: reader.into_records(),
            lines,
            columns: (email, lang, name),
            done: false,
        };
        Ok((Some(rows), problems))
    }

    /// The first pass: every row checked, the index built, the problems
    /// collected; nothing is kept of a row but its 24 bytes in the index.
    pub(crate) fn check(&self) -> Result<Checked, Diagnostic> {
        let mut problems = Problems::default();
        let mut index = Index::default();
        let (rows, header) = self.rows()?;
        header.into_iter().for_each(|d| problems.push(d));
        for row in rows.into_iter().flatten() {
            if let Some(d) = row.problem {
                problems.push(d);
            }
            if let Some(s) = row.subscriber {
                index.push(index::key(&s.key), s.line);
            }
        }
        let repeats = index.finish();
        if !repeats.is_empty() {
            self.repeated(&repeats, &mut problems)?;
        }
        Ok(Checked { index, errors: problems.errors, problems: problems.finish(&self.file) })
    }

    /// Reads the list again for the lines that repeat an address (rarely
    /// needed), to name each with its text.
    fn repeated(&self, repeats: &[Repeat], problems: &mut Problems) -> Result<(), Diagnostic> {
        let (Some(mut rows), _) = self.rows()? else { return Ok(()) };
        let mut next = repeats.iter().peekable();
        while let Some(row) = rows.next() {
            let Some(s) = row.subscriber else { continue };
            while next.next_if(|(line, _)| *line < s.line).is_some() {}
            let Some(&(_, first)) = next.next_if(|(line, _)| *line == s.line) else {
                if next.peek().is_none() {
                    break;
                }
                continue;
            };
            problems.push(
                Diagnostic::warning(format!(
                    "{} is listed already on line {first}; this line is skipped",
                    s.email
                ))
                .in_file(&self.file)
                .at(rows.lines.position())
                .help("each address gets one notice; remove the repeated line"),
            );
        }
        Ok(())
    }

    /// The second pass: the subscribers in the list's order, each with what
    /// the send log says of it; repeated addresses once, invalid rows and
    /// rows that were not there when the list was checked never.
    pub(crate) fn subscribers<'l>(
        &'l self,
        index: &'l Index,
    ) -> Result<impl Iterator<Item = (Subscriber, Option<State>)> + Send + 'l, Diagnostic> {
        let (rows, _) = self.rows()?;
        Ok(rows.into_iter().flatten().filter_map(move |row| {
            let s = row.subscriber?;
            let state = index.listed(&index::key(&s.key), s.line)?;
            Some((s, state))
        }))
    }
}

/// Rows of the list as they are read: the subscriber a row gives, and what
/// is wrong with it (an error when it gives none).
struct Row {
    subscriber: Option<Subscriber>,
    problem: Option<Diagnostic>,
}

struct Rows<'l, 'a> {
    list: &'l List<'a>,
    records: csv::StringRecordsIntoIter<BufReader<Source<'a>>>,
    /// A second reader of the same list, for line numbers and texts.
    lines: Lines<BufReader<Source<'a>>>,
    /// The columns of email, language and name.
    columns: (usize, usize, Option<usize>),
    done: bool,
}

impl Iterator for Rows<'_, '_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        let list = self.list;
        let (email_col, lang_col, name_col) = self.columns;
        loop {
            if self.done {
                return None;
            }
            let record = match self.records.next()? {
                Ok(r) => r,
                Err(e) => {
                    let d = csv_error(&e, &list.file, &mut self.lines);
                    // A read error repeats: the rest of the list cannot be read.
                    self.done = matches!(e.kind(), csv::ErrorKind::Io(_));
                    return Some(Row { subscriber: None, problem: Some(d) });
                }
            };
            // From the byte offset: csv's own line count leaves out blank lines.
            let line = record.position().map_or(0, |p| self.lines.seek(p.byte()));
            if record.iter().all(str::is_empty) {
                continue;
            }
            let field = |col: usize| record.get(col).unwrap_or("");
            let skipped = |lines: &mut Lines<_>, d: Diagnostic| {
                Some(Row { subscriber: None, problem: Some(d.in_file(&list.file).at(lines.position())) })
            };
            let raw_email = field(email_col);
            let email = match raw_email.parse::<lettre::Address>() {
                Ok(a) => a,
                Err(e) => {
                    return skipped(
                        &mut self.lines,
                        Diagnostic::error(format!(
                            "`{raw_email}` is not a valid e-mail address ({e}); this subscriber is skipped"
                        ))
                        .help("correct the address or remove the line"),
                    );
                }
            };
            let raw_lang = field(lang_col);
            let mut problem = None;
            let lang = match resolve_lang(raw_lang, list.languages) {
                Some(lang) => lang,
                // A language the site does not have: the binding text, as SPEC §6 says.
                None if is_language_tag(raw_lang) => {
                    problem = Some(
                        Diagnostic::warning(format!(
                            "the site has no `{raw_lang}`: this subscriber gets the notice in `{}`, the binding language",
                            list.languages[list.authoritative]
                        ))
                        .in_file(&list.file)
                        .at(self.lines.position())
                        .help(format!("the site's languages are {}", list.languages.join(", "))),
                    );
                    list.authoritative
                }
                None => {
                    return skipped(
                        &mut self.lines,
                        Diagnostic::error(format!(
                            "unknown language `{raw_lang}`; this subscriber is skipped"
                        ))
                        .help(format!("use one of the site's languages: {}", list.languages.join(", "))),
                    );
                }
            };
            let key = email.to_string().to_lowercase();
            let name = name_col
                .map(field)
                .map(|n| n.replace(char::is_control, " ").trim().to_string())
                .filter(|n| !n.is_empty());
            return Some(Row { subscriber: Some(Subscriber { line, email, key, lang, name }), problem });
        }
    }
}

/// A run's problems with the list: of each kind (severity and help) the
/// first [`SHOWN_PER_KIND`] are kept and the rest counted, so a list of a
/// million bad rows costs no more than one of a hundred.
#[derive(Default)]
struct Problems {
    kept: Vec<Diagnostic>,
    counts: HashMap<(Severity, String), usize>,
    errors: usize,
}

impl Problems {
    fn kind(d: &Diagnostic) -> (Severity, String) {
        (d.severity, d.help.clone().unwrap_or_else(|| d.message.clone()))
    }

    fn push(&mut self, d: Diagnostic) {
        self.errors += usize::from(d.is_error());
        let n = self.counts.entry(Problems::kind(&d)).or_default();
        *n += 1;
        if *n <= SHOWN_PER_KIND {
            self.kept.push(d);
        }
    }

    /// The kept ones by line, each kind that overflowed followed by how many more.
    fn finish(mut self, file: &str) -> Vec<Diagnostic> {
        self.kept.sort_by_key(|d| d.position.as_ref().map_or(0, |p| p.line));
        let mut shown: HashMap<(Severity, String), usize> = HashMap::new();
        let mut out = Vec::with_capacity(self.kept.len());
        for d in self.kept {
            let kind = Problems::kind(&d);
            let n = shown.entry(kind.clone()).or_default();
            *n += 1;
            let more = (*n == SHOWN_PER_KIND).then(|| self.counts[&kind] - SHOWN_PER_KIND).filter(|m| *m > 0);
            let help = d.help.clone();
            out.push(d);
            if let Some(more) = more {
                let what = if kind.0 == Severity::Error { "errors" } else { "warnings" };
                let mut d =
                    Diagnostic::error(format!("and {} more {what} like the one above", thousands(more)))
                        .in_file(file);
                d.severity = kind.0;
                d.help = help;
                out.push(d);
            }
        }
        out
    }
}

/// Parses a list in memory: its subscribers and problems (for tests).
#[cfg(test)]
pub(crate) fn parse(bytes: &[u8], file: &str, languages: &[String], authoritative: Lang) -> Parsed {
    let list = List::bytes(bytes, file, languages, authoritative);
    let Ok(checked) = list.check() else { return Parsed::default() };
    let subscribers =
        list.subscribers(&checked.index).map(|rows| rows.map(|(s, _)| s).collect()).unwrap_or_default();
    Parsed { subscribers, problems: checked.problems }
}

#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub(crate) subscribers: Vec<Subscriber>,
    pub(crate) problems: Vec<Diagnostic>,
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

fn csv_error<R: BufRead>(e: &csv::Error, file: &str, lines: &mut Lines<R>) -> Diagnostic {
    let mut d = Diagnostic::error(format!("cannot read the subscriber list: {e}"))
        .in_file(file)
        .help("save it as a UTF-8 CSV file with the header `email,language,name`");
    if let Some(p) = e.position() {
        lines.seek(p.byte());
        d = d.at(lines.position());
    }
    d
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
    fn many_bad_rows_are_kept_as_a_few_and_counted() {
        let mut csv = String::from("email,language\n");
        for i in 0..1000 {
            csv.push_str(&format!("user{i}@example.com,xx1\nsame@example.com,de\n"));
        }
        let p = parse(csv.as_bytes(), "s.csv", &langs(), 0);
        assert_eq!(p.subscribers.len(), 1);
        let messages: Vec<&str> = p.problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2 * (SHOWN_PER_KIND + 1), "{messages:#?}");
        assert!(messages.contains(&"and 980 more errors like the one above"), "{messages:#?}");
        assert!(messages.contains(&"and 979 more warnings like the one above"), "{messages:#?}");
        assert!(messages[2].contains("listed already on line 3"), "{messages:#?}");
        let lines: Vec<_> = p.problems.iter().filter_map(|d| d.position.as_ref().map(|p| p.line)).collect();
        assert!(lines.windows(2).all(|w| w[0] <= w[1]), "in order of lines: {lines:?}");
    }

    #[test]
    fn garbage_never_panics() {
        for input in [&b""[..], b"\xff\xfe\x00", b"email,language\n\"unterminated,de\n", b",,,,\n,,\n"] {
            let _ = parse(input, "s.csv", &langs(), 0);
        }
    }
}
