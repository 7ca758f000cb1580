//! Delivery over SMTP, once per subscriber, over several connections at once
//! (`[mail] connections`): each takes the next subscriber straight from the
//! list as it is read, or a retry that is due (so a run holds a few
//! subscribers per connection, however long the list), at the shared pace
//! (`[mail] rate`, slowed by throttling answers), and records each answer in the send log before it takes the next one.
//! Transient refusals are retried later with growing delays while the rest
//! of the list goes on; permanent ones are collected for the report; a broken
//! connection after the data is recorded as "unknown", never as sent.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::diag::Diagnostic;
use crate::notify::compose::Composer;
use crate::notify::pace::Pace;
use crate::notify::sendlog::{Event, SendLog};
use crate::notify::smtp::{self, Client, ConnectError, Connection, Outcome};
use crate::notify::subscribers::Subscriber;
use crate::notify::{Progress, Retry, Summary};

/// A throttled message is tried this many times before it counts as failed:
/// enough to ride out a provider's throttling for the better part of an hour.
const THROTTLED_ATTEMPTS: u32 = 30;

struct Job {
    subscriber: Subscriber,
    attempts: u32,
    throttled: u32,
}

/// The subscribers still to send to, read from the list as connections ask.
pub(crate) type Todo<'a> = dyn Iterator<Item = Subscriber> + Send + 'a;

pub(crate) struct Smtp<'a> {
    pub(crate) client: &'a Client,
    /// How many connections send at once.
    pub(crate) connections: usize,
    pub(crate) retry: Retry,
    pub(crate) pace: &'a Pace,
    /// Set on Ctrl-C: every connection stops before its next message.
    pub(crate) stop: &'a AtomicBool,
}

/// What the connections share: who is next, who waits for a retry, what became of each.
struct Run<'a> {
    transport: &'a Smtp<'a>,
    composer: &'a Composer<'a>,
    log: &'a SendLog,
    progress: &'a Progress,
    queue: Mutex<Queue<'a>>,
    summary: Mutex<Summary>,
    /// Connections still working, so that one the server turns away can
    /// leave the list to the others.
    alive: AtomicUsize,
}

struct Queue<'a> {
    /// The subscribers never tried, taken one at a time: however long the
    /// list, a run holds no more of it than its connections have in hand
    /// and its retries wait for.
    fresh: &'a mut Todo<'a>,
    /// Given back to be tried again before the next fresh one.
    again: Vec<Job>,
    /// Waiting for their retry time.
    waiting: Vec<(Instant, Job)>,
    /// Taken by a connection and not yet settled.
    in_flight: usize,
    /// Set when the run must stop (a fatal error, an interrupt).
    halted: bool,
}

/// Sends to every subscriber in `todo` (`count` of them) over `first` and
/// more connections; the summary says what became of each.
pub(crate) fn send<'a>(
    transport: &'a Smtp<'a>,
    first: Connection,
    composer: &'a Composer<'a>,
    todo: &'a mut Todo<'a>,
    count: usize,
    log: &'a SendLog,
    progress: &'a Progress,
) -> Summary {
    let connections = transport.connections.clamp(1, count.max(1));
    let queue = Queue { fresh: todo, again: Vec::new(), waiting: Vec::new(), in_flight: 0, halted: false };
    let run = Run {
        transport,
        composer,
        log,
        progress,
        queue: Mutex::new(queue),
        summary: Mutex::new(Summary::default()),
        alive: AtomicUsize::new(connections),
    };
    std::thread::scope(|scope| {
        let run = &run;
        scope.spawn(move || run.work(Some(first)));
        for _ in 1..connections {
            scope.spawn(move || run.work(None));
        }
    });
    let queue = run.queue.into_inner().unwrap_or_else(PoisonError::into_inner);
    let mut summary = run.summary.into_inner().unwrap_or_else(PoisonError::into_inner);
    let left = queue.fresh.count() + queue.again.len() + queue.waiting.len();
    if left > 0 && summary.stopped.is_none() {
        summary.stopped = Some(if transport.stop.load(Ordering::SeqCst) {
            Diagnostic::error("interrupted; the messages in flight were finished and recorded")
                .help("run the same command again to send to the others")
        } else {
            Diagnostic::error(format!(
                "the SMTP server {} stopped taking connections",
                transport.client.endpoint()
            ))
            .help("run the same command again later to send to the others")
        });
    }
    if summary.stopped.is_some() {
        summary.not_attempted = left;
    }
    summary
}

impl<'a> Run<'a> {
    /// One connection's loop: take a subscriber, send, record, until the list is done.
    fn work(&self, mut conn: Option<Connection>) {
        let mut connect_failures = 0u32;
        while let Some(job) = self.take() {
            pause(self.transport.pace.reserve(), self.transport.stop);
            if self.transport.stop.load(Ordering::SeqCst) {
                self.give_back(job);
                break;
            }
            let mut connection = match conn.take().filter(Connection::is_usable) {
                Some(c) => c,
                None => match self.transport.client.open() {
                    Ok(c) => {
                        connect_failures = 0;
                        c
                    }
                    Err(e) => {
                        connect_failures += 1;
                        self.give_back(job);
                        if matches!(e, ConnectError::Unreachable(_)) && self.retire() {
                            // The server takes fewer connections than asked: leave it to the others.
                            return;
                        }
                        if matches!(e, ConnectError::Unreachable(_))
                            && connect_failures < self.transport.retry.attempts
                        {
                            // The server went away mid-run: wait, then try again.
                            pause(self.transport.retry.delay(connect_failures - 1), self.transport.stop);
                            continue;
                        }
                        self.halt(connect_error(e, self.transport.client.endpoint()));
                        break;
                    }
                },
            };
            let settled = self.deliver(&mut connection, job);
            if connection.is_usable() {
                conn = Some(connection);
            }
            if !settled {
                break;
            }
        }
        self.alive.fetch_sub(1, Ordering::SeqCst);
        if let Some(c) = conn {
            c.close();
        }
    }

    /// Leaves the list to the other connections, unless this is the last one.
    fn retire(&self) -> bool {
        self.alive.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n > 1).then(|| n - 1)).is_ok()
    }

    /// The next job, waiting while retries are due later or other
    /// connections may still give work back; `None` when all is done.
    fn take(&self) -> Option<Job> {
        loop {
            let mut q = self.queue();
            if q.halted || self.transport.stop.load(Ordering::SeqCst) {
                return None;
            }
            let now = Instant::now();
            let job = if let Some(job) = q.again.pop() {
                Some(job)
            } else if let Some(pos) = q.waiting.iter().position(|(at, _)| *at <= now) {
                Some(q.waiting.swap_remove(pos).1)
            } else {
                q.fresh.next().map(|subscriber| Job { subscriber, attempts: 0, throttled: 0 })
            };
            if let Some(job) = job {
                q.in_flight += 1;
                return Some(job);
            }
            if q.waiting.is_empty() && q.in_flight == 0 {
                return None;
            }
            let wake = q.waiting.iter().map(|(at, _)| *at).min().map_or(Duration::from_millis(20), |at| {
                at.saturating_duration_since(now).min(Duration::from_millis(20))
            });
            drop(q);
            std::thread::sleep(wake);
        }
    }

    /// Returns a job untried.
    fn give_back(&self, job: Job) {
        let mut q = self.queue();
        q.in_flight -= 1;
        q.again.push(job);
    }

    /// Settles a job: done, or waiting for a retry.
    fn settle(&self, retry: Option<(Instant, Job)>) {
        let mut q = self.queue();
        q.in_flight -= 1;
        q.waiting.extend(retry);
    }

    fn halt(&self, why: Diagnostic) {
        self.queue().halted = true;
        let mut summary = self.summary();
        if summary.stopped.is_none() {
            summary.stopped = Some(why);
        }
    }

    /// Sends one message and records what became of it; `false` when the
    /// run must stop.
    fn deliver(&self, connection: &mut Connection, job: Job) -> bool {
        let subscriber = &job.subscriber;
        let composed = match self.composer.compose(subscriber) {
            Ok(c) => c,
            Err(d) => {
                self.give_back(job);
                self.halt(d);
                return false;
            }
        };
        let outcome = match connection.start(&composed.envelope, &composed.bytes) {
            Ok(()) => {
                let id = &composed.message_id;
                if let Err(d) = self.log.record(&subscriber.key, id, Event::Sending, "") {
                    self.give_back(job);
                    self.halt(d);
                    return false;
                }
                let outcome = connection.data(&composed.bytes);
                let event = match &outcome {
                    Outcome::Accepted(_) => Event::Sent,
                    Outcome::Unknown(_) => Event::Unknown,
                    _ => Event::Refused,
                };
                if let Err(d) = self.log.record(&subscriber.key, id, event, outcome.reply()) {
                    self.settle(None);
                    self.halt(d.help(format!(
                        "{} was {} but this could not be recorded; fix the problem, then run again (that address will get the notice again)",
                        subscriber.email,
                        if event == Event::Sent { "accepted by the server" } else { "perhaps delivered" }
                    )));
                    return false;
                }
                outcome
            }
            Err(outcome) => outcome,
        };
        let pace = self.transport.pace;
        let retry = &self.transport.retry;
        let throttle = outcome.is_throttle();
        match outcome {
            Outcome::Accepted(_) => {
                pace.accepted();
                self.summary().sent += 1;
                self.progress.inc();
                self.settle(None);
            }
            Outcome::Unknown(why) => {
                self.summary().unknown.push(subscriber.clone(), why);
                self.progress.inc();
                self.settle(None);
            }
            // The connection closed before the data (an idle timeout, a limit
            // of messages per connection): try at once on a new one.
            Outcome::NotSent(_) if job.attempts == 0 => self.give_back(Job { attempts: 1, ..job }),
            Outcome::Transient(reply) if throttle => {
                // Slow the whole run down; this message waits for the pace like any other.
                pace.throttled(retry.base);
                if job.throttled + 1 < THROTTLED_ATTEMPTS {
                    self.settle(Some((Instant::now(), Job { throttled: job.throttled + 1, ..job })));
                } else {
                    self.failed(
                        subscriber,
                        format!("{reply} (still throttled after {THROTTLED_ATTEMPTS} attempts)"),
                    );
                    self.settle(None);
                }
            }
            Outcome::Transient(reply) | Outcome::NotSent(reply) => {
                if job.attempts + 1 < retry.attempts {
                    let at = Instant::now() + retry.delay(job.attempts);
                    self.settle(Some((at, Job { attempts: job.attempts + 1, ..job })));
                } else {
                    let attempts = job.attempts + 1;
                    self.failed(subscriber, format!("{reply} (still refused after {attempts} attempts)"));
                    self.settle(None);
                }
            }
            Outcome::Permanent(reply) => {
                if smtp::needs_auth(&Outcome::Permanent(reply.clone())) {
                    self.give_back(job);
                    self.halt(
                        Diagnostic::error(format!(
                            "the SMTP server {} wants authentication: {reply}",
                            self.transport.client.endpoint()
                        ))
                        .help("set PRIVSITE_SMTP_USER and PRIVSITE_SMTP_PASSWORD in the environment"),
                    );
                    return false;
                }
                self.failed(subscriber, reply);
                self.settle(None);
            }
        }
        true
    }

    fn failed(&self, subscriber: &Subscriber, reply: String) {
        self.summary().failed.push(subscriber.clone(), reply);
        self.progress.inc();
    }

    fn queue(&self) -> MutexGuard<'_, Queue<'a>> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn summary(&self) -> MutexGuard<'_, Summary> {
        self.summary.lock().unwrap_or_else(PoisonError::into_inner)
    }
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

pub(crate) fn connect_error(e: ConnectError, endpoint: &crate::config::mail::Endpoint) -> Diagnostic {
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
    pub(crate) fn delay(&self, n: u32) -> Duration {
        self.base.saturating_mul(1 << n.min(16))
    }
}
