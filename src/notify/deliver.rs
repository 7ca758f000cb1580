//! Delivery over SMTP, once per subscriber: one connection for many messages,
//! each acceptance recorded in the send log before the next message goes out,
//! transient refusals retried later with growing delays (the rest of the list
//! goes on meanwhile), permanent ones collected for the report, and a broken
//! connection after the data recorded as "unknown", never as sent.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use lettre::transport::smtp::authentication::Credentials;

use crate::diag::Diagnostic;
use crate::notify::compose::Composer;
use crate::notify::sendlog::{SendLog, State};
use crate::notify::smtp::{self, ConnectError, Connection, Endpoint, Outcome};
use crate::notify::subscribers::Subscriber;
use crate::notify::{Progress, Retry, Summary};

struct Job {
    index: usize,
    attempts: u32,
}

pub struct Smtp<'a> {
    pub endpoint: &'a Endpoint,
    pub credentials: Option<&'a Credentials>,
    pub retry: Retry,
    /// Set on Ctrl-C: stop before the next message.
    pub stop: &'a AtomicBool,
}

/// Sends to every subscriber in `todo`; the summary says what became of each.
pub fn send(
    transport: &Smtp<'_>,
    composer: &Composer<'_>,
    todo: &[&Subscriber],
    log: &mut SendLog,
    progress: &Progress,
) -> Summary {
    let mut summary = Summary::default();
    let mut fresh: VecDeque<Job> = (0..todo.len()).map(|index| Job { index, attempts: 0 }).collect();
    let mut waiting: Vec<(Instant, Job)> = Vec::new();
    let mut conn: Option<Connection> = None;
    let mut ever_connected = false;
    let mut connect_failures = 0u32;
    loop {
        if transport.stop.load(Ordering::SeqCst) {
            summary.stopped = Some(
                Diagnostic::error("interrupted; the message in flight was finished and recorded")
                    .help("run the same command again to send to the others"),
            );
            summary.not_attempted = fresh.len() + waiting.len();
            break;
        }
        let now = Instant::now();
        let job = if let Some(pos) = waiting.iter().position(|(at, _)| *at <= now) {
            waiting.swap_remove(pos).1
        } else if let Some(job) = fresh.pop_front() {
            job
        } else if let Some(next) = waiting.iter().map(|(at, _)| *at).min() {
            pause(next.saturating_duration_since(now), transport.stop);
            continue;
        } else {
            break;
        };
        let subscriber = todo[job.index];

        let open = match conn.take().filter(Connection::is_usable) {
            Some(c) => Ok(c),
            None => Connection::open(transport.endpoint, transport.credentials),
        };
        let mut connection = match open {
            Ok(c) => {
                ever_connected = true;
                connect_failures = 0;
                c
            }
            Err(e) => {
                connect_failures += 1;
                let transient = matches!(e, ConnectError::Unreachable(_));
                if transient && ever_connected && connect_failures < transport.retry.attempts {
                    // The server went away mid-run: wait, then try again.
                    pause(transport.retry.delay(connect_failures - 1), transport.stop);
                    fresh.push_front(job);
                    continue;
                }
                summary.stopped = Some(connect_error(e, transport.endpoint));
                summary.not_attempted = 1 + fresh.len() + waiting.len();
                return summary;
            }
        };

        let composed = match composer.compose(subscriber) {
            Ok(c) => c,
            Err(d) => {
                connection.close();
                summary.stopped = Some(d);
                summary.not_attempted = 1 + fresh.len() + waiting.len();
                return summary;
            }
        };
        let outcome = connection.send(&composed.envelope, &composed.bytes);
        if connection.is_usable() {
            conn = Some(connection);
        }
        let recorded = match &outcome {
            Outcome::Accepted(reply) => {
                summary.sent += 1;
                Some((State::Sent, reply))
            }
            Outcome::Unknown(why) => {
                summary.unknown.push((subscriber.clone(), why.clone()));
                Some((State::Unknown, why))
            }
            _ => None,
        };
        if let Some((state, reply)) = recorded {
            if let Err(d) = log.record(&subscriber.key, &composed.message_id, state, reply) {
                summary.stopped = Some(d.help(format!(
                    "{} was {} but this could not be recorded; fix the problem, then run again (that address will get the notice again)",
                    subscriber.email,
                    if state == State::Sent { "accepted by the server" } else { "perhaps delivered" }
                )));
                summary.not_attempted = fresh.len() + waiting.len();
                return summary;
            }
            progress.inc();
            continue;
        }
        match outcome {
            // The connection closed before the data (an idle timeout, a limit
            // of messages per connection): try at once on a new one.
            Outcome::NotSent(_) if job.attempts == 0 => {
                fresh.push_front(Job { index: job.index, attempts: 1 })
            }
            Outcome::Transient(reply) | Outcome::NotSent(reply) => {
                if job.attempts + 1 < transport.retry.attempts {
                    let at = Instant::now() + transport.retry.delay(job.attempts);
                    waiting.push((at, Job { index: job.index, attempts: job.attempts + 1 }));
                } else {
                    summary.failed.push((
                        subscriber.clone(),
                        format!("{reply} (still refused after {} attempts)", job.attempts + 1),
                    ));
                    progress.inc();
                }
            }
            Outcome::Permanent(reply) => {
                if smtp::needs_auth(&Outcome::Permanent(reply.clone())) {
                    summary.stopped = Some(
                        Diagnostic::error(format!(
                            "the SMTP server {} wants authentication: {reply}",
                            transport.endpoint
                        ))
                        .help("set PRIVSITE_SMTP_USER and PRIVSITE_SMTP_PASSWORD in the environment"),
                    );
                    summary.not_attempted = 1 + fresh.len() + waiting.len();
                    return summary;
                }
                summary.failed.push((subscriber.clone(), reply));
                progress.inc();
            }
            Outcome::Accepted(_) | Outcome::Unknown(_) => {}
        }
    }
    if let Some(c) = conn {
        c.close();
    }
    summary
}

/// Sleeps, but wakes early when the run is interrupted.
fn pause(duration: Duration, stop: &AtomicBool) {
    let until = Instant::now() + duration;
    while !stop.load(Ordering::SeqCst) {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        std::thread::sleep(left.min(Duration::from_millis(100)));
    }
}

fn connect_error(e: ConnectError, endpoint: &Endpoint) -> Diagnostic {
    match e {
        ConnectError::Unreachable(why) => Diagnostic::error(format!(
            "cannot connect to the SMTP server {endpoint}: {why}"
        ))
        .in_file(crate::config::FILE_NAME)
        .help("check `smtp` in [mail] and that the server is running and reachable; nothing more was sent, and running the same command again continues where this run stopped"),
        ConnectError::Credentials(why) => Diagnostic::error(format!(
            "the SMTP server {endpoint} refused the credentials: {why}"
        ))
        .help("check PRIVSITE_SMTP_USER and PRIVSITE_SMTP_PASSWORD in the environment"),
        ConnectError::Insecure => Diagnostic::error(format!(
            "refusing to send the SMTP credentials unencrypted to {endpoint}"
        ))
        .in_file(crate::config::FILE_NAME)
        .help("use `smtps://…` or `smtp://…?tls=starttls` in [mail] smtp"),
    }
}

impl Retry {
    /// The wait before attempt `n + 2` (after `n + 1` failed ones): doubling.
    pub fn delay(&self, n: u32) -> Duration {
        self.base.saturating_mul(1 << n.min(16))
    }
}
