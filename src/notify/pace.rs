//! The sending pace shared by every connection: the cap of `[mail] rate`
//! (providers such as SES, Mailgun and Postmark enforce one per account, not
//! per connection), and the slowdown after a throttling answer. A throttle
//! halves the pace and pauses every connection; each accepted message then
//! raises the pace a little, back up to the cap (or to no limit).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::mail::Rate;

/// Each accepted message raises a slowed pace by this factor (about doubling
/// it every 7 messages), so a run recovers within seconds once the server does.
const RAMP_UP: f64 = 1.1;
/// Without a configured cap, a pace ramped back above this is no limit at all.
const UNLIMITED: f64 = 10_000.0;

pub(crate) struct Pace {
    cap: Option<f64>,
    state: Mutex<State>,
}

struct State {
    /// Messages per second now; `None`: as fast as the connections go.
    current: Option<f64>,
    /// The earliest moment the next message may start.
    next: Instant,
    /// Throttles since the last accepted message: the pause doubles with each.
    throttles: u32,
    /// The end of the pause a throttle began: the refusals every connection
    /// meets until then are the same episode, not reasons to slow down again.
    paused_until: Instant,
    /// Start of the current measurement window and messages accepted in it,
    /// to know the pace when a throttle comes without a cap.
    window: (Instant, u32),
}

impl Pace {
    pub(crate) fn new(cap: Option<Rate>) -> Pace {
        let now = Instant::now();
        let cap = cap.map(|r| r.per_second);
        Pace {
            cap,
            state: Mutex::new(State {
                current: cap,
                next: now,
                throttles: 0,
                paused_until: now,
                window: (now, 0),
            }),
        }
    }

    /// The wait before the caller may start a message, reserving its slot.
    pub(crate) fn reserve(&self) -> Duration {
        let mut s = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        let start = s.next.max(now);
        if let Some(rate) = s.current {
            s.next = start + Duration::from_secs_f64(1.0 / rate);
        } else {
            s.next = start;
        }
        start - now
    }

    /// A message was accepted: ramp a slowed pace back up.
    pub(crate) fn accepted(&self) {
        let mut s = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        s.throttles = 0;
        s.window.1 += 1;
        if s.window.0.elapsed() > Duration::from_secs(10) {
            s.window = (Instant::now(), 0);
        }
        if let Some(rate) = s.current {
            let raised = rate * RAMP_UP;
            s.current = match self.cap {
                Some(cap) => Some(raised.min(cap)),
                None if raised > UNLIMITED => None,
                None => Some(raised),
            };
        }
    }

    /// The server said to slow down: halve the pace and pause everyone for
    /// `pause` doubled by each throttle in a row.
    pub(crate) fn throttled(&self, pause: Duration) {
        let mut s = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        if now < s.paused_until {
            return;
        }
        let measured = {
            let seconds = now.duration_since(s.window.0).as_secs_f64().max(1.0);
            f64::from(s.window.1) / seconds
        };
        let rate = s.current.unwrap_or(measured).max(0.2);
        s.current = Some((rate / 2.0).max(0.1));
        let pause = pause.saturating_mul(1 << s.throttles.min(6));
        s.throttles += 1;
        s.paused_until = now + pause;
        s.next = s.next.max(now + pause);
    }

    /// The pace now; `None` when unlimited.
    #[cfg(test)]
    fn current(&self) -> Option<f64> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner).current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_spaced_by_the_rate() {
        let pace = Pace::new(Some(Rate { per_second: 100.0 }));
        assert_eq!(pace.reserve(), Duration::ZERO);
        let second = pace.reserve();
        assert!(second > Duration::from_millis(8) && second <= Duration::from_millis(10), "{second:?}");
    }

    #[test]
    fn a_throttle_halves_and_pauses_then_acceptance_ramps_up_to_the_cap() {
        let pace = Pace::new(Some(Rate { per_second: 50.0 }));
        pace.throttled(Duration::from_millis(200));
        assert_eq!(pace.current(), Some(25.0));
        // The other connections' refusals in the same pause are the same throttle.
        for _ in 0..7 {
            pace.throttled(Duration::from_millis(200));
        }
        assert_eq!(pace.current(), Some(25.0), "one throttle, one halving");
        assert!(pace.reserve() > Duration::from_millis(150));
        for _ in 0..100 {
            pace.accepted();
        }
        assert_eq!(pace.current(), Some(50.0));
        let unlimited = Pace::new(None);
        assert_eq!(unlimited.reserve(), Duration::ZERO);
        unlimited.throttled(Duration::ZERO);
        assert!(unlimited.current().is_some());
        for _ in 0..2000 {
            unlimited.accepted();
        }
        assert_eq!(unlimited.current(), None);
    }
}
