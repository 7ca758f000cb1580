//! Change notices by e-mail (`privsite notify`): who gets which message
//! (subscribers, send log), what it says (compose), and how it leaves
//! (SMTP, an outbox folder of `.eml` files, or a dry run that only tells).

pub(crate) mod compose;
pub(crate) mod deliver;
pub(crate) mod index;
pub(crate) mod lines;
pub(crate) mod pace;
pub(crate) mod sendlog;
pub(crate) mod smtp;
pub(crate) mod subscribers;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crate::diag::{Diagnostic, io_error};
use compose::Composer;
use sendlog::State;
use subscribers::Subscriber;

/// Of the recipients that failed or whose fate is unknown, how many are
/// named at the end; the rest are counted, and the send log has them all.
pub(crate) const NAMED: usize = crate::diag::SHOWN_PER_KIND;

/// How often and how patiently a transient refusal is retried.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Retry {
    /// Attempts per message, the first included.
    pub(crate) attempts: u32,
    /// The wait after the first failed attempt; it doubles after each.
    pub(crate) base: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry { attempts: 5, base: Duration::from_secs(5) }
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub(crate) sent: usize,
    /// Recorded as sent by an earlier run.
    pub(crate) skipped: usize,
    /// Refused for good (5xx), or still refused after every retry: (subscriber, reply).
    pub(crate) failed: Recipients,
    /// The connection broke after the data was sent, in this run or (not resent) an earlier one.
    pub(crate) unknown: Recipients,
    /// Why the run stopped before the end of the list, if it did.
    pub(crate) stopped: Option<Diagnostic>,
    /// Subscribers not tried because the run stopped.
    pub(crate) not_attempted: usize,
}

/// Recipients to report, with why: the first [`NAMED`] of them, and how
/// many in all, so that a quota running out at the start of a million does
/// not fill memory with a million refusals.
#[derive(Debug, Default)]
pub(crate) struct Recipients {
    pub(crate) named: Vec<(Subscriber, String)>,
    pub(crate) total: usize,
}

impl Recipients {
    pub(crate) fn push(&mut self, subscriber: Subscriber, why: String) {
        self.total += 1;
        if self.named.len() < NAMED {
            self.named.push((subscriber, why));
        }
    }

    /// Adds those of `other`, after these.
    pub(crate) fn append(&mut self, other: Recipients) {
        let counted = other.total - other.named.len();
        for (s, why) in other.named {
            self.push(s, why);
        }
        self.total += counted;
    }
}

/// Set by the first Ctrl-C (SIGINT) or SIGTERM: the run finishes the message
/// in flight, records it and stops. A second signal ends the process at once.
pub(crate) fn stop_on_signal() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // Shutdown first, so that it is armed only by an earlier signal.
        let _ = signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&stop));
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    stop
}

/// A progress bar on a terminal, nothing elsewhere.
pub(crate) struct Progress(indicatif::ProgressBar);

impl Progress {
    pub(crate) fn new(len: usize, visible: bool) -> Progress {
        if !visible {
            return Progress(indicatif::ProgressBar::hidden());
        }
        let bar = indicatif::ProgressBar::new(len as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} notices, {per_sec}, {eta} left")
        {
            bar.set_style(style);
        }
        Progress(bar)
    }

    pub(crate) fn inc(&self) {
        self.0.inc(1);
    }

    pub(crate) fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// The subscribers of a run, as the list's second pass gives them, sorted
/// by what the send log says: those to send to are passed on one by one,
/// those recorded as sent counted, those recorded as unknown (and not to be
/// resent) set aside for the report.
pub(crate) fn todo<'i>(
    subscribers: impl Iterator<Item = (Subscriber, Option<State>)> + Send + 'i,
    resend_unknown: bool,
    unknown: &'i mut Recipients,
) -> impl Iterator<Item = Subscriber> + Send + 'i {
    subscribers.filter_map(move |(s, state)| match state {
        Some(State::Sent) => None,
        Some(State::Unknown) if !resend_unknown => {
            let why = "an earlier run could not tell whether it arrived".to_string();
            unknown.push(s, why);
            None
        }
        _ => Some(s),
    })
}

/// `--dry-run`: composes every message and prints who would get what.
pub(crate) fn dry_run(
    composer: &Composer<'_>,
    todo: impl Iterator<Item = Subscriber>,
    languages: &[String],
) -> Result<usize, Diagnostic> {
    let mut n = 0;
    for s in todo {
        let m = composer.compose(&s)?;
        crate::console::print(&format!("would send\t{}\t{}\t{}\n", s.email, languages[m.lang], m.subject))?;
        n += 1;
    }
    Ok(n)
}

/// `--outbox DIR`: one `.eml` file per subscriber still to be sent to.
pub(crate) fn outbox(
    composer: &Composer<'_>,
    todo: impl Iterator<Item = Subscriber>,
    dir: &Path,
    progress: &Progress,
) -> Result<usize, Diagnostic> {
    std::fs::create_dir_all(dir).map_err(|e| io_error("create", dir, &e))?;
    let mut n = 0;
    for s in todo {
        let m = composer.compose(&s)?;
        let file = dir.join(eml_name(&s.key));
        std::fs::write(&file, &m.bytes).map_err(|e| io_error("write", &file, &e))?;
        progress.inc();
        n += 1;
    }
    Ok(n)
}

/// A file name for an address: itself where it is safe, else with a hash.
fn eml_name(key: &str) -> String {
    let safe: String =
        key.chars().map(|c| if c.is_ascii_alphanumeric() || "@.+-_".contains(c) { c } else { '_' }).collect();
    if safe == key && !key.starts_with('.') {
        format!("{safe}.eml")
    } else {
        use sha2::Digest;
        let digest = crate::load::texts::hex(&sha2::Sha256::digest(key.as_bytes()));
        format!("{}-{}.eml", safe.trim_start_matches('.'), &digest[..8])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eml_names_are_safe_and_distinct() {
        assert_eq!(eml_name("anna@example.com"), "anna@example.com.eml");
        let odd = eml_name("a/b@example.com");
        assert!(odd.starts_with("a_b@example.com-") && odd.ends_with(".eml"), "{odd}");
        assert_ne!(eml_name("a/b@x.org"), eml_name("a?b@x.org"));
    }

    #[test]
    fn delays_double() {
        let r = Retry { attempts: 5, base: Duration::from_millis(10) };
        assert_eq!(r.delay(0), Duration::from_millis(10));
        assert_eq!(r.delay(3), Duration::from_millis(80));
        assert!(r.delay(u32::MAX) > Duration::ZERO);
    }
}
