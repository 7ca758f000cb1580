//! `privsite notify DOC [--version N]`: picks the version, reads the
//! subscribers and the send log, then sends, writes an outbox or only tells
//! (see `crate::notify`), and reports per recipient what went wrong.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::cli::NotifyArgs;
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::notify::compose::{self, Composer};
use crate::notify::pace::Pace;
use crate::notify::subscribers::{self, Subscriber};
use crate::notify::{self, Progress, Retry, Summary, deliver, sendlog, smtp};
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
    let list =
        subscribers::read(&site.root, &mail.subscribers, &site.config.languages, site.config.authoritative)?;
    super::report(&list.problems);
    let bad_rows = list.problems.iter().filter(|d| d.is_error()).count();

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
        eprintln!(
            "PRIVSITE_UNSUBSCRIBE_SECRET is not set: the unsubscribe links carry the token `{}`; set it before you send.",
            compose::PLACEHOLDER_TOKEN
        );
    }
    let options = compose::Options { today, now: SystemTime::now(), secret, sends };
    let composer = Composer::new(site, doc, version, options)?;
    // A template or string error shows up here, before anything is sent.
    for lang in 0..site.config.languages.len() {
        composer.compose(&sample(lang))?;
    }
    let name = format!("{} v{}", doc.slug, version.number);

    let mut summary = Summary::default();
    if args.dry_run || outbox_dir.is_some() {
        let previous = sendlog::read(&site.root, &doc.slug, version.number)?;
        super::report(&previous.warnings);
        let plan = notify::plan(&list.subscribers, &previous.states, args.resend_unknown);
        summary.skipped = plan.skipped;
        if args.dry_run {
            notify::dry_run(&composer, &plan, &site.config.languages)?;
            eprintln!(
                "Dry run of {name}: {} would be sent, {} skipped as already sent, {} unknown not resent; nothing was sent.",
                plan.todo.len(),
                plan.skipped,
                plan.unknown.len()
            );
        } else if let Some(dir) = outbox_dir {
            let progress = Progress::new(plan.todo.len(), std::io::stderr().is_terminal());
            let written = notify::outbox(&composer, &plan, &dir, &progress)?;
            progress.finish();
            eprintln!(
                "Wrote {written} notices of {name} to {} ({} skipped as already sent); nothing was sent.",
                shown(site, &dir).display(),
                plan.skipped
            );
        }
    } else if let Some(endpoint) = &mail.smtp {
        let client = smtp::Client::new(endpoint, smtp::credentials_from_env())?;
        let (log, previous) = sendlog::SendLog::open(&site.root, &doc.slug, version.number)?;
        super::report(&previous.warnings);
        let plan = notify::plan(&list.subscribers, &previous.states, args.resend_unknown);
        let stop = notify::stop_on_signal();
        let pace = Pace::new(mail.rate);
        let connections = args.connections.map_or(mail.connections, usize::from);
        let transport = deliver::Smtp { client: &client, connections, retry, pace: &pace, stop: &stop };
        // The first connection is opened before anything else: a wrong
        // address, TLS or credentials stop the run with one clear error.
        match (!plan.todo.is_empty()).then(|| client.open()) {
            None => {}
            Some(Ok(first)) => {
                let progress = Progress::new(plan.todo.len(), std::io::stderr().is_terminal());
                summary = deliver::send(&transport, first, &composer, &plan.todo, &log, &progress);
                progress.finish();
            }
            Some(Err(e)) => {
                summary.stopped = Some(deliver::connect_error(e, endpoint));
                summary.not_attempted = plan.todo.len();
            }
        }
        summary.skipped = plan.skipped;
        let earlier = plan
            .unknown
            .iter()
            .map(|s| ((*s).clone(), "an earlier run could not tell whether it arrived".to_string()));
        summary.unknown.extend(earlier);
        eprintln!(
            "{name}: {} sent, {} skipped as already sent, {} failed, {} unknown{} (send log: {}).",
            summary.sent,
            summary.skipped,
            summary.failed.len(),
            summary.unknown.len(),
            if summary.not_attempted > 0 {
                format!(", {} not attempted", summary.not_attempted)
            } else {
                String::new()
            },
            log.rel()
        );
    }
    problems(&summary, &mail.subscribers, bad_rows, &doc.slug, version.number)
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
) -> Result<(), Diagnostics> {
    let mut out = Diagnostics::default();
    let at = |s: &Subscriber| Position { line: s.line, col: 1, source_line: String::new() };
    for (s, reply) in &summary.failed {
        out.push(
            Diagnostic::error(format!("{} did not get the notice: {reply}", s.email))
                .in_file(file)
                .at(at(s))
                .help("correct or remove the address, or wait if the server asked to; running the same command again sends only to those who did not get it"),
        );
    }
    for (s, why) in &summary.unknown {
        out.push(
            Diagnostic::error(format!("unknown whether {} got the notice: {why}", s.email))
                .in_file(file)
                .at(at(s))
                .help(format!(
                    "the connection broke after the message was sent, so it may have arrived; to send it again (same Message-ID): `privsite notify {doc} --version {number} --resend-unknown`"
                )),
        );
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
