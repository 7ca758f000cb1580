//! One thin file per command: each runs the one [`Pipeline`] as far as it
//! needs, then prints what it found and decides the exit code. Printing
//! happens here and nowhere below.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod diff;
pub(crate) mod init;
pub(crate) mod mark;
pub(crate) mod notify;
pub(crate) mod pdf;
pub(crate) mod publish;
pub(crate) mod release;
pub(crate) mod serve;
pub(crate) mod status;
pub(crate) mod withdraw;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::{Cli, Command};
use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics, count};
use crate::pipeline::{Pipeline, Stopped};

/// Runs one command: exit 0 on success, 1 on a failure the user can fix
/// (clap exits with 2 on usage errors before this).
pub fn main(cli: Cli) -> ExitCode {
    let root = cli.root.as_deref();
    let result = match cli.command {
        Command::Init { dir, authoritative, languages } => {
            init::run(&dir, authoritative.as_deref(), languages.as_deref())
        }
        Command::Build(args) => build::run(root, &args),
        Command::Serve(args) => serve::run(root, &args),
        Command::Check { format, strict } => check::run(root, format, strict),
        Command::Release(args) => release::run(root, &args),
        Command::Diff(args) => diff::run(root, &args),
        Command::Status => status::run(root),
        Command::MarkTranslated { lang, target } => mark::run(root, &lang, &target),
        Command::Publish(args) => publish::run(root, &args),
        Command::Notify(args) => notify::run(root, &args),
        Command::Withdraw(args) => withdraw::run(root, &args),
        Command::Pdf(args) => pdf::run(root, &args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            report(&failure.0);
            let errors = failure.0.iter().filter(|d| d.is_error()).count();
            if errors > 1 {
                say!("{}", count(errors, "error"));
            }
            ExitCode::from(1)
        }
    }
}

/// Whether stderr gets colour.
pub(crate) fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Takes the site's write lock (see [`crate::lock`]) for a command that writes.
pub(crate) fn lock(root: Option<&Path>) -> Result<crate::lock::SiteLock, Diagnostic> {
    let root = crate::load::find_root(root.unwrap_or(Path::new(".")))?;
    crate::lock::acquire(&root)
}

/// Prints diagnostics to stderr, many of one kind summed up.
pub(crate) fn report(diagnostics: &[Diagnostic]) {
    let color = color();
    for d in &crate::diag::summarise(diagnostics) {
        crate::console::say_text(&d.render(color));
    }
}

/// A command's pipeline, never freed: the process ends when the command
/// returns and the system takes its memory back at once, where freeing a
/// loaded site's many small allocations one by one takes milliseconds (4 ms
/// of a release on the 30k benchmark site). `serve` frees what it replaces.
pub(crate) type Loaded = std::mem::ManuallyDrop<Pipeline>;

/// load, for commands that read the site and act on it; load's warnings are printed.
pub(crate) fn open(root: Option<&Path>) -> Result<Loaded, Diagnostics> {
    let pipeline = Loaded::new(Pipeline::load(root)?);
    report(&pipeline.warnings);
    Ok(pipeline)
}

/// load, of document `slug` alone, for commands about one document; the
/// whole site when there is no such document that the command can `use`,
/// so that the error that follows can name those there are.
pub(crate) fn open_doc(
    root: Option<&Path>,
    slug: &str,
    usable: impl Fn(&crate::site::Document) -> bool,
) -> Result<Loaded, Diagnostics> {
    let pipeline = Loaded::new(Pipeline::load_doc(root, slug)?);
    if !pipeline.site.doc(slug).is_some_and(usable) {
        return open(root);
    }
    report(&pipeline.warnings);
    Ok(pipeline)
}

/// load → check, for commands that need a sound site. On errors only the
/// errors are shown (one broken thing, one message: the warnings it causes
/// can wait for `check`); otherwise nothing is printed yet.
pub(crate) fn checked(root: Option<&Path>) -> Result<Loaded, Diagnostics> {
    let mut pipeline = Loaded::new(Pipeline::load(root)?);
    pipeline.check().map_err(stopped)?;
    Ok(pipeline)
}

/// Shows the errors that stopped the pipeline, and how many warnings wait.
pub(crate) fn stopped(stop: Stopped) -> Diagnostics {
    let errors = stop.errors.0.len();
    report(&stop.errors.0);
    if errors > 1 {
        say!("{}", count(errors, "error"));
    }
    if !stop.warnings.is_empty() {
        say!("({} not shown: `privsite check` lists everything)", count(stop.warnings.len(), "warning"));
    }
    Diagnostics(Vec::new())
}

/// A document named on the command line: `DOC/`, as shell completion
/// writes a folder, means `DOC`.
pub(crate) fn doc_arg(doc: &str) -> &str {
    doc.trim_end_matches('/')
}

/// The language a `--lang` option names (default: the authoritative one).
pub(crate) fn lang_arg(config: &crate::config::Config, code: Option<&str>) -> Result<usize, Diagnostic> {
    let Some(code) = code else { return Ok(config.authoritative) };
    config.lang_index(code).ok_or_else(|| {
        Diagnostic::error(format!("unknown language `{code}`"))
            .help(format!("the site's languages are {}", config.languages.join(", ")))
    })
}

/// The build date: `--date`, else `SOURCE_DATE_EPOCH`, else today.
pub(crate) fn build_date(date: Option<NaiveDate>) -> Result<NaiveDate, Diagnostic> {
    if let Some(d) = date {
        return Ok(d);
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) => epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|t| t.date_naive())
            .ok_or_else(|| {
                Diagnostic::error(format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds"))
                    .help("set it to a Unix timestamp, e.g. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`, or pass --date")
            }),
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}
