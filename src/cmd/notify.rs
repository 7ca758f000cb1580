//! `privsite notify DOC [--version N]`: picks the version, reads the
//! subscribers and the send log, then sends, writes an outbox or only tells
//! (see `crate::notify`), and reports per recipient what went wrong.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::cli::NotifyArgs;
use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::notify::compose::{self, Composer};
use crate::notify::pace::Pace;
use crate::notify::subscribers::{self, Subscriber};
use crate::notify::{self, Progress, Recipients, Retry, Summary, deliver, sendlog, smtp};
use crate::site::{Document, Kind, Site, Version};

pub(crate) fn run(root: Option<&Path>, args: &NotifyArgs) -> Result<(), Diagnostics> {
    let pipeline = super::open(root)?;
    let site = &pipeline.site;
    let today = super::build_date(None)?;
    let (doc, version) = select(site, args, today)?;
    let Some(mail) = &site.config.mail else {
        return Err(compose::no_mail_table().into());
    };
    let retry = retry_from_env()?;
    let languages = &site.config.languages;
    // The first pass over the list: every row checked before anything is sent.
    let list = subscribers::List::file(&site.root, &mail.subscribers, languages, site.config.authoritative)?;
    let mut checked = list.check()?;
    super::report(&checked.problems);
    let bad_rows = checked.errors;

    let outbox_dir = match (&args.outbox, &mail.smtp) {
        (Some(dir), _) => Some(dir.clone()),
        (None, None) => {
            Some(site.root.join(format!("{}/{}/v{}-outbox", sendlog::DIR, doc.slug, version.number)))
        }
        (None, Some(_)) => None,
    };
    let secret = std::env::var("PRIVSITE_UNSUBSCRIBE_SECRET").ok().filter(|s| !s.is_empty());
    let sends = !args.dry_run && outbox_dir.is_none();
    if !sends && secret.is_none() && mail.unsubscribe.as_deref().is_some_and(|u| u.contains("{token}")) {
        say!(
            "PRIVSITE_UNSUBSCRIBE_SECRET is not set: the unsubscribe links carry the token `{}`; set it before you send.",
            compose::PLACEHOLDER_TOKEN
        );
    }
    let options = compose::Options { today, now: SystemTime::now(), secret, sends };
    let composer = Composer::new(site, doc, version, options)?;
    // A template or string error shows up here, before anything is sent.
    for lang in 0..languages.len() {
        composer.compose(&sample(lang))?;
    }
    let name = format!("{} v{}", doc.slug, version.number);

    let mut summary = Summary::default();
    // Those an earlier run could not tell about, met on the second pass.
    let mut earlier = Recipients::default();
    if args.dry_run || outbox_dir.is_some() {
        let warnings = sendlog::read(&site.root, &doc.slug, version.number, &mut checked.index)?;
        super::report(&warnings);
        let tally = checked.index.tally(args.resend_unknown);
        summary.skipped = tally.skipped;
        let todo = notify::todo(list.subscribers(&checked.index)?, args.resend_unknown, &mut earlier);
        if args.dry_run {
            let n = notify::dry_run(&composer, todo, languages)?;
            for (s, _) in &earlier.named {
                crate::console::print(&format!("unknown, not resent\t{}\n", s.email))?;
            }
            if earlier.total > earlier.named.len() {
                let more = earlier.total - earlier.named.len();
                crate::console::print(&format!("unknown, not resent\tand {more} more\n"))?;
            }
            say!(
                "Dry run of {name}: {n} would be sent, {} skipped as already sent, {} unknown not resent; nothing was sent.",
                tally.skipped,
                earlier.total
            );
        } else if let Some(dir) = outbox_dir {
            let progress = Progress::new(tally.todo, std::io::stderr().is_terminal());
            let written = notify::outbox(&composer, todo, &dir, &progress)?;
            progress.finish();
            say!(
                "Wrote {written} notices of {name} to {} ({} skipped as already sent); nothing was sent.",
                shown(site, &dir).display(),
                tally.skipped
            );
        }
    } else if let Some(endpoint) = &mail.smtp {
        let client = smtp::Client::new(endpoint, smtp::credentials_from_env())?;
        let (log, warnings) =
            sendlog::SendLog::open(&site.root, &doc.slug, version.number, &mut checked.index)?;
        super::report(&warnings);
        let tally = checked.index.tally(args.resend_unknown);
        let mut todo = notify::todo(list.subscribers(&checked.index)?, args.resend_unknown, &mut earlier);
        let stop = notify::stop_on_signal();
        let pace = Pace::new(mail.rate);
        let connections = args.connections.map_or(mail.connections, usize::from);
        let transport = deliver::Smtp { client: &client, connections, retry, pace: &pace, stop: &stop };
        // The first connection is opened before anything else: a wrong
        // address, TLS or credentials stop the run with one clear error.
        match (tally.todo > 0).then(|| client.open()) {
            None => {
                // Nobody to send to; the unknown ones are still met and reported.
                todo.by_ref().for_each(drop);
            }
            Some(Ok(first)) => {
                let progress = Progress::new(tally.todo, std::io::stderr().is_terminal());
                summary = deliver::send(&transport, first, &composer, &mut todo, tally.todo, &log, &progress);
                progress.finish();
            }
            Some(Err(e)) => {
                summary.stopped = Some(deliver::connect_error(e, endpoint));
                summary.not_attempted = todo.by_ref().count();
            }
        }
        drop(todo);
        summary.skipped = tally.skipped;
        summary.unknown.append(earlier);
        say!(
            "{name}: {} sent, {} skipped as already sent, {} failed, {} unknown{} (send log: {}).",
            summary.sent,
            summary.skipped,
            summary.failed.total,
            summary.unknown.total,
            if summary.not_attempted > 0 {
                format!(", {} not attempted", summary.not_attempted)
            } else {
                String::new()
            },
            log.rel()
        );
        return problems(&summary, &mail.subscribers, bad_rows, &doc.slug, version.number, Some(log.rel()));
    }
    problems(&summary, &mail.subscribers, bad_rows, &doc.slug, version.number, None)
}

/// The document and version to announce, refusing what should not be.
fn select<'a>(
    site: &'a Site,
    args: &NotifyArgs,
    today: chrono::NaiveDate,
) -> Result<(&'a Document, &'a Version), Diagnostic> {
    let slug = super::doc_arg(&args.doc);
    let doc = site.doc(slug).filter(|d| !d.versions.is_empty()).ok_or_else(|| {
        let known: Vec<&str> =
            site.docs.iter().filter(|d| !d.versions.is_empty()).map(|d| d.slug.as_str()).collect();
        Diagnostic::error(format!("unknown document `{slug}`, or it has no released version"))
            .help(format!("documents with released versions: {}", known.join(", ")))
    })?;
    let version = match args.version {
        Some(n) => doc.version(n).ok_or_else(|| {
            Diagnostic::error(format!("{} has no version {n}", doc.slug))
                .help(format!("its versions are 1 to {}", doc.versions.len()))
        })?,
        None => doc.latest().ok_or_else(|| Diagnostic::error("no version"))?,
    };
    if version.kind == Kind::Minor && !args.force {
        return Err(Diagnostic::error(format!(
            "{} v{} is a minor version; only major (material) changes are notified",
            doc.slug, version.number
        ))
        .help("pass --force to notify it anyway, or --version N for a major version"));
    }
    if version.date > today && !args.force {
        return Err(Diagnostic::error(format!(
            "{} v{} is published only on {}: its pages, which the notice links to, do not exist before then",
            doc.slug, version.number, version.date
        ))
        .help("run notify on or after that day (and after publishing the site), or pass --force"));
    }
    Ok((doc, version))
}

/// `PRIVSITE_RETRY_DELAY_MS`: the first wait before retrying a transient refusal.
fn retry_from_env() -> Result<Retry, Diagnostic> {
    let mut retry = Retry::default();
    if let Ok(text) = std::env::var("PRIVSITE_RETRY_DELAY_MS") {
        let ms = text.trim().parse::<u64>().map_err(|_| {
            Diagnostic::error(format!("PRIVSITE_RETRY_DELAY_MS `{text}` is not a number"))
                .help("set it to milliseconds, e.g. 5000, or unset it")
        })?;
        retry.base = Duration::from_millis(ms);
    }
    Ok(retry)
}

/// Each failed or unknown recipient and a stop, as the errors of the run;
/// skipped rows fail it too.
fn problems(
    summary: &Summary,
    file: &str,
    bad_rows: usize,
    doc: &str,
    number: u32,
    log: Option<&str>,
) -> Result<(), Diagnostics> {
    let mut out = Diagnostics::default();
    let at = |s: &Subscriber| Position { line: s.line, col: 1, source_line: String::new() };
    let more = |n: usize, what: &str| {
        Diagnostic::error(format!("and {} more addresses {what}", crate::diag::thousands(n)))
            .in_file(file)
            .help(format!("the send log {} has a line for each, with the server's answer", log.unwrap_or("")))
    };
    for (s, reply) in &summary.failed.named {
        out.push(
            Diagnostic::error(format!("{} did not get the notice: {reply}", s.email))
                .in_file(file)
                .at(at(s))
                .help("correct or remove the address, or wait if the server asked to; running the same command again sends only to those who did not get it"),
        );
    }
    if summary.failed.total > summary.failed.named.len() {
        out.push(more(summary.failed.total - summary.failed.named.len(), "did not get the notice"));
    }
    for (s, why) in &summary.unknown.named {
        out.push(
            Diagnostic::error(format!("unknown whether {} got the notice: {why}", s.email))
                .in_file(file)
                .at(at(s))
                .help(format!(
                    "the connection broke after the message was sent, so it may have arrived; to send it again (same Message-ID): `privsite notify {doc} --version {number} --resend-unknown`"
                )),
        );
    }
    if summary.unknown.total > summary.unknown.named.len() {
        let n = summary.unknown.total - summary.unknown.named.len();
        out.push(more(n, "of which it is unknown whether they got the notice"));
    }
    if let Some(stop) = &summary.stopped {
        out.push(stop.clone());
    }
    // Skipped rows were reported, each with its line, as they were read: they
    // fail the run (exit 1) without a second message.
    if out.0.is_empty() && bad_rows == 0 { Ok(()) } else { Err(out) }
}

/// A stand-in subscriber for the trial composition of each language.
fn sample(lang: usize) -> Subscriber {
    let email = lettre::Address::new_dangerous("subscriber", "example.com");
    Subscriber {
        line: 0,
        key: "subscriber@example.com".to_string(),
        email,
        lang,
        name: Some("Sample".into()),
    }
}

fn shown(site: &Site, dir: &Path) -> PathBuf {
    dir.strip_prefix(&site.root).map_or_else(|_| dir.to_path_buf(), Path::to_path_buf)
}
