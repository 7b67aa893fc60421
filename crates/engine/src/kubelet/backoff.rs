//! Per-key exponential back-off, as client-go's `flowcontrol.Backoff` that the kubelet uses for
//! crash loops and image pulls.
//!
//! Source: `staging/src/k8s.io/client-go/util/flowcontrol/backoff.go` (`Next`,
//! `IsInBackOffSince`, `hasExpired`); the kubelet's parameters in `pkg/kubelet/kubelet.go`
//! `NewMainKubelet` (`backOffPeriod` 10 s, `MaxContainerBackOff` 300 s; image back-off
//! `imageBackOffPeriod` 10 s / `MaxImageBackOff` 300 s). Jitter is 0 for both in the kubelet.
//!
//! rule: crashloop-backoff

use crate::time::{Duration, Time};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    backoff: Duration,
    /// `None`: never updated (Go's zero `time.Time`, infinitely long ago).
    last_update: Option<Time>,
}

#[derive(Clone, Debug)]
pub struct Backoff {
    initial: Duration,
    max: Duration,
    /// Entries expire when `event_time − last_update` exceeds this (`hasExpired`; 1.32+ a fixed
    /// 600 s `HasExpiredFunc`, before that `2 × max` — also 600 s with the defaults).
    reset_after: Duration,
    entries: BTreeMap<String, Entry>,
}

impl Backoff {
    pub fn new(initial: Duration, max: Duration) -> Backoff {
        Backoff {
            initial,
            max,
            reset_after: Time::from_secs(600),
            entries: BTreeMap::new(),
        }
    }

    /// The current delay for `key` (what the `back-off 40s restarting failed container` message
    /// prints), if an entry exists.
    pub fn get(&self, key: &str) -> Option<Duration> {
        self.entries.get(key).map(|e| e.backoff)
    }

    /// `IsInBackOffSince(id, eventTime)`: `now − event_time < backoff`, unless the entry expired.
    pub fn is_in_backoff_since(&self, key: &str, event_time: Time, now: Time) -> bool {
        match self.entries.get(key) {
            None => false,
            Some(e) if self.expired(e, event_time) => false,
            Some(e) => now - event_time < e.backoff,
        }
    }

    /// `hasExpired(eventTime, lastUpdate, maxDuration)`: `eventTime − lastUpdate > reset_after`.
    fn expired(&self, e: &Entry, event_time: Time) -> bool {
        e.last_update
            .is_none_or(|u| event_time - u > self.reset_after)
    }

    /// `IsInBackOffSinceUpdate(id, eventTime)`: `now − lastUpdate < backoff`, unless expired.
    pub fn is_in_backoff_since_update(&self, key: &str, now: Time) -> bool {
        match self.entries.get(key) {
            None => false,
            Some(e) if self.expired(e, now) => false,
            Some(e) => e.last_update.is_some_and(|u| now - u < e.backoff),
        }
    }

    /// `Next(id, eventTime)`: start at the initial delay (new or expired entry) or double it,
    /// capped at the maximum; `lastUpdate = now`.
    pub fn next(&mut self, key: &str, event_time: Time, now: Time) {
        let (initial, max) = (self.initial, self.max);
        let fresh = self
            .entries
            .get(key)
            .is_none_or(|e| e.backoff.is_zero() || self.expired(e, event_time));
        let e = self.entries.entry(key.to_string()).or_insert(Entry {
            backoff: Time::ZERO,
            last_update: None,
        });
        if fresh {
            e.backoff = initial.min(max);
        } else {
            e.backoff = (e.backoff * 2).min(max);
        }
        e.last_update = Some(now);
    }

    /// `GC()`, run by housekeeping: drop entries not updated for `2 × max`.
    pub fn gc(&mut self, now: Time) {
        let limit = self.max * 2;
        self.entries
            .retain(|_, e| e.last_update.is_some_and(|u| now - u <= limit));
    }
}

/// A Go `time.Duration` string as `%v` prints it, for whole and fractional seconds:
/// `800ms`, `1.593s`, `10s`, `1m20s`, `5m0s`, `1h0m0s`.
pub fn go_duration(d: Duration) -> String {
    let ms = d.as_ms();
    if ms == 0 {
        return "0s".into();
    }
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let h = ms / 3_600_000;
    let m = (ms / 60_000) % 60;
    let s_ms = ms % 60_000;
    let s = if s_ms % 1000 == 0 {
        format!("{}s", s_ms / 1000)
    } else {
        format!("{}s", trim_float(Time::from_ms(s_ms).as_secs_f64()))
    };
    if h > 0 {
        format!("{h}h{m}m{s}")
    } else if m > 0 {
        format!("{m}m{s}")
    } else {
        s
    }
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// client-go `TestSlowBackoff`-style doubling: 10, 20, 40, 80, 160, 300, 300.
    #[test]
    fn doubles_to_the_cap() {
        let mut b = Backoff::new(Time::from_secs(10), Time::from_secs(300));
        let mut seen = vec![];
        for i in 0..7 {
            b.next("k", Time::from_secs(i), Time::from_secs(i));
            seen.push(b.get("k").unwrap().floor_secs());
        }
        assert_eq!(seen, vec![10, 20, 40, 80, 160, 300, 300]);
    }

    #[test]
    fn resets_after_ten_minutes_stable() {
        let mut b = Backoff::new(Time::from_secs(10), Time::from_secs(300));
        b.next("k", Time::ZERO, Time::ZERO);
        b.next("k", Time::from_secs(5), Time::from_secs(5));
        assert_eq!(b.get("k"), Some(Time::from_secs(20)));
        b.next("k", Time::from_secs(700), Time::from_secs(700));
        assert_eq!(b.get("k"), Some(Time::from_secs(10)));
    }

    #[test]
    fn go_durations() {
        assert_eq!(go_duration(Time::from_ms(800)), "800ms");
        assert_eq!(go_duration(Time::from_ms(1593)), "1.593s");
        assert_eq!(go_duration(Time::from_secs(80)), "1m20s");
        assert_eq!(go_duration(Time::from_secs(300)), "5m0s");
        assert_eq!(go_duration(Time::from_secs(10)), "10s");
    }
}
