//! Per-key exponential back-off, as client-go's `flowcontrol.Backoff` that the kubelet uses for
//! crash loops and image pulls.
//!
//! Source: `staging/src/k8s.io/client-go/util/flowcontrol/backoff.go` (`Next`,
//! `IsInBackOffSince`, `hasExpired`); the kubelet's parameters in `pkg/kubelet/kubelet.go`
//! `NewMainKubelet` (`backOffPeriod` 10 s, `MaxContainerBackOff` 300 s; image back-off
//! `imageBackOffPeriod` 10 s / `MaxImageBackOff` 300 s). Jitter is 0 for both in the kubelet.
//!
//! rule: crashloop-backoff

use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    backoff: f64,
    last_update: f64,
}

#[derive(Clone, Debug)]
pub struct Backoff {
    initial: f64,
    max: f64,
    /// Entries expire when `event_time − last_update` exceeds this (`hasExpired`; 1.32+ a fixed
    /// 600 s `HasExpiredFunc`, before that `2 × max` — also 600 s with the defaults).
    reset_after: f64,
    entries: BTreeMap<String, Entry>,
}

impl Backoff {
    pub fn new(initial: f64, max: f64) -> Backoff {
        Backoff {
            initial,
            max,
            reset_after: 600.0,
            entries: BTreeMap::new(),
        }
    }

    /// The current delay for `key` (what the `back-off 40s restarting failed container` message
    /// prints), if an entry exists.
    pub fn get(&self, key: &str) -> Option<f64> {
        self.entries.get(key).map(|e| e.backoff)
    }

    /// `IsInBackOffSince(id, eventTime)`: `now − event_time < backoff`, unless the entry expired.
    pub fn is_in_backoff_since(&self, key: &str, event_time: f64, now: f64) -> bool {
        match self.entries.get(key) {
            None => false,
            Some(e) if event_time - e.last_update > self.reset_after => false,
            Some(e) => now - event_time < e.backoff,
        }
    }

    /// `IsInBackOffSinceUpdate(id, eventTime)`: `now − lastUpdate < backoff`, unless expired.
    pub fn is_in_backoff_since_update(&self, key: &str, now: f64) -> bool {
        match self.entries.get(key) {
            None => false,
            Some(e) if now - e.last_update > self.reset_after => false,
            Some(e) => now - e.last_update < e.backoff,
        }
    }

    /// `Next(id, eventTime)`: start at the initial delay (new or expired entry) or double it,
    /// capped at the maximum; `lastUpdate = now`.
    pub fn next(&mut self, key: &str, event_time: f64, now: f64) {
        let (initial, max, reset) = (self.initial, self.max, self.reset_after);
        let e = self.entries.entry(key.to_string()).or_insert(Entry {
            backoff: 0.0,
            last_update: f64::NEG_INFINITY,
        });
        if e.backoff == 0.0 || event_time - e.last_update > reset {
            e.backoff = initial.min(max);
        } else {
            e.backoff = (e.backoff * 2.0).min(max);
        }
        e.last_update = now;
    }

    /// `GC()`, run by housekeeping: drop entries not updated for `2 × max`.
    pub fn gc(&mut self, now: f64) {
        let limit = 2.0 * self.max;
        self.entries.retain(|_, e| now - e.last_update <= limit);
    }
}

/// A Go `time.Duration` string as `%v` prints it, for whole and fractional seconds:
/// `800ms`, `1.593s`, `10s`, `1m20s`, `5m0s`, `1h0m0s`.
pub fn go_duration(secs: f64) -> String {
    let ms = (secs * 1000.0).round() as i64;
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
        format!("{}s", trim_float(s_ms as f64 / 1000.0))
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
        let mut b = Backoff::new(10.0, 300.0);
        let mut seen = vec![];
        for i in 0..7 {
            b.next("k", i as f64, i as f64);
            seen.push(b.get("k").unwrap());
        }
        assert_eq!(seen, vec![10.0, 20.0, 40.0, 80.0, 160.0, 300.0, 300.0]);
    }

    #[test]
    fn resets_after_ten_minutes_stable() {
        let mut b = Backoff::new(10.0, 300.0);
        b.next("k", 0.0, 0.0);
        b.next("k", 5.0, 5.0);
        assert_eq!(b.get("k"), Some(20.0));
        b.next("k", 700.0, 700.0);
        assert_eq!(b.get("k"), Some(10.0));
    }

    #[test]
    fn go_durations() {
        assert_eq!(go_duration(0.8), "800ms");
        assert_eq!(go_duration(1.593), "1.593s");
        assert_eq!(go_duration(80.0), "1m20s");
        assert_eq!(go_duration(300.0), "5m0s");
        assert_eq!(go_duration(10.0), "10s");
    }
}
