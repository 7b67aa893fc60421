//! The client-go event correlator: which Event objects exist in the API at `t`, with what count,
//! first/last timestamps and message.
//!
//! Port of `staging/src/k8s.io/client-go/tools/record/events_cache.go` `EventCorrelator.EventCorrelate`
//! with the default `CorrelatorOptions` (`populateDefaults`):
//! 1. `EventAggregator.EventAggregate` — events with the same source, involved object (pod; the
//!    field path is *not* part of this key), type and reason are grouped; the record is reset when
//!    the previous similar event is more than 600 s old (`defaultAggregateIntervalInSeconds`);
//!    once 10 distinct messages (`defaultAggregateMaxEvents`) are in the group, the event is
//!    replaced by one whose message is `(combined from similar events): <msg>`, keyed by the
//!    aggregate key.
//! 2. `eventLogger.eventObserve` — an event whose key (`getEventKey`: source, object incl. field
//!    path, type, reason, message) was seen before keeps its `firstTimestamp` and gets
//!    `count + 1` and a new `lastTimestamp` (a PATCH of the existing Event).
//! 3. `EventSourceObjectSpamFilter.Filter` (last) — a token bucket per source + involved object
//!    (`getSpamKey`: the pod, whatever the container), burst 25, refill 1 per 300 s
//!    (`defaultSpamBurst`, `defaultSpamQPS`). A filtered event is not written, but step 2 has
//!    already counted it, so the next write carries the accumulated count.
//!
//! rule: event-correlation

use super::api_time;
use crate::timeline::{Event, Time};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One Event object as the API holds it (what `kubectl describe` lists).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AggregatedEvent {
    /// `Normal` / `Warning`.
    #[serde(rename = "type")]
    pub event_type: crate::timeline::EventType,
    pub reason: String,
    /// involvedObject.fieldPath (`spec.containers{app}`), "" for the pod.
    pub object: String,
    pub message: String,
    /// `source.component`.
    pub source: String,
    pub count: u32,
    /// `firstTimestamp`, whole seconds since creation.
    pub first: Time,
    /// `lastTimestamp`, whole seconds since creation.
    pub last: Time,
}

/// kube-apiserver `--event-ttl` (default `1 * time.Hour`, `cmd/kube-apiserver/app/options`): an
/// Event object is stored with a lease that each write renews, and expires an hour after its last
/// write. A later PATCH of an expired event fails with NotFound and the recorder creates it again
/// (`client-go/tools/record/event.go` `recordEvent`), with the count and first timestamp its cache
/// kept.
///
/// rule: event-correlation
pub const EVENT_TTL: Time = Time::from_secs(3600);

/// `defaultAggregateMaxEvents`.
const AGGREGATE_MAX_EVENTS: usize = 10;
/// `defaultAggregateIntervalInSeconds`.
const AGGREGATE_INTERVAL: Time = Time::from_secs(600);
/// `defaultSpamBurst`.
const SPAM_BURST: f64 = 25.0;
/// `defaultSpamQPS` (1 per 5 minutes).
const SPAM_QPS: f64 = 1.0 / 300.0;

struct AggregateRecord {
    local_keys: Vec<String>,
    last: Time,
}

struct Observation {
    count: u32,
    first: Time,
}

/// `flowcontrol.NewTokenBucketPassiveRateLimiter`: starts full, refills continuously.
struct TokenBucket {
    tokens: f64,
    at: Time,
}

impl TokenBucket {
    fn try_accept(&mut self, now: Time) -> bool {
        self.tokens = (self.tokens + (now - self.at).max(Time::ZERO).as_secs_f64() * SPAM_QPS)
            .min(SPAM_BURST);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// The Event objects in the API at `t` from the kubelet's and scheduler's emissions `events`
/// (only those with `e.t <= t` count), in creation order of the API objects.
/// `spam_filter: false` disables step 3 (every emission is written).
pub fn correlate_events(events: &[Event], t: Time, spam_filter: bool) -> Vec<AggregatedEvent> {
    let mut aggregates: HashMap<(String, crate::timeline::EventType, String), AggregateRecord> =
        HashMap::new();
    let mut observed: HashMap<String, Observation> = HashMap::new();
    let mut buckets: HashMap<String, TokenBucket> = HashMap::new();
    // The API store: key → index into `store`.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut store: Vec<AggregatedEvent> = vec![];
    // When each stored object was last written (its TTL counts from there).
    let mut written: Vec<Time> = vec![];

    let mut ordered: Vec<&Event> = events.iter().filter(|e| e.t <= t).collect();
    ordered.sort_by_key(|e| e.t); // stable: keeps emission order on ties

    for e in ordered {
        let now = e.t;
        // 1. EventAggregate
        let agg_key = (e.source.clone(), e.event_type, e.reason.clone());
        let rec = aggregates
            .entry(agg_key.clone())
            .or_insert(AggregateRecord {
                local_keys: vec![],
                last: -Time::NEVER,
            });
        if now - rec.last > AGGREGATE_INTERVAL {
            rec.local_keys.clear();
        }
        if !rec.local_keys.contains(&e.message) {
            rec.local_keys.push(e.message.clone());
        }
        rec.last = now;
        let (key, message, first_candidate) = if rec.local_keys.len() < AGGREGATE_MAX_EVENTS {
            let key = format!(
                "E\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
                e.source, e.object, e.event_type, e.reason, e.message
            );
            (key, e.message.clone(), now)
        } else {
            // Do not grow the set beyond the max (`PopAny`); which key is dropped is
            // irrelevant to the output since the set stays at the threshold.
            rec.local_keys.pop();
            let key = format!("A\u{0}{}\u{0}{}\u{0}{}", agg_key.0, agg_key.1, agg_key.2);
            (
                key,
                format!("(combined from similar events): {}", e.message),
                now,
            )
        };
        // 2. eventObserve
        let obs = observed.entry(key.clone()).or_insert(Observation {
            count: 0,
            first: first_candidate,
        });
        obs.count += 1;
        let (count, first) = (obs.count, obs.first);
        // 3. spam filter
        if spam_filter {
            let bucket = buckets.entry(e.source.clone()).or_insert(TokenBucket {
                tokens: SPAM_BURST,
                at: now,
            });
            if !bucket.try_accept(now) {
                continue;
            }
        }
        let ev = AggregatedEvent {
            event_type: e.event_type,
            reason: e.reason.clone(),
            object: e.object.clone(),
            message,
            source: e.source.clone(),
            count,
            first: api_time(first),
            last: api_time(now),
        };
        match index.get(&key) {
            Some(&i) if now < written[i] + EVENT_TTL => {
                // PATCH: count, lastTimestamp, message; the involved object stays.
                let old = &mut store[i];
                old.count = ev.count;
                old.last = ev.last;
                old.message = ev.message;
                written[i] = now;
            }
            _ => {
                // CREATE (also again after the old object expired: the PATCH found nothing).
                index.insert(key, store.len());
                store.push(ev);
                written.push(now);
            }
        }
    }
    // What the API still holds at `t`: objects written within the last hour.
    store
        .into_iter()
        .zip(written)
        .filter(|(_, w)| t < *w + EVENT_TTL)
        .map(|(e, _)| e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// kube-apiserver `--event-ttl` 1h: an event not written for an hour is gone; a repeat
    /// afterwards creates it again with the recorder's count.
    #[test]
    fn events_expire_an_hour_after_their_last_write() {
        let evs = vec![
            ev(secs(10.0), "BackOff", "c", "m"),
            ev(secs(20.0), "BackOff", "c", "m"),
        ];
        assert_eq!(correlate_events(&evs, secs(3619.0), true).len(), 1);
        assert!(correlate_events(&evs, secs(3620.0), true).is_empty());
        let mut later = evs.clone();
        later.push(ev(secs(5000.0), "BackOff", "c", "m"));
        let a = correlate_events(&later, secs(5001.0), true);
        assert_eq!((a.len(), a[0].count, a[0].first), (1, 3, secs(10.0)));
    }

    fn secs(x: f64) -> crate::time::Time {
        crate::time::Time::from_secs_f64(x)
    }

    fn ev(t: Time, reason: &str, object: &str, message: &str) -> Event {
        Event {
            t,
            event_type: crate::timeline::EventType::Warning,
            reason: reason.into(),
            object: object.into(),
            message: message.into(),
            source: "kubelet".into(),
        }
    }

    /// events_cache.go `eventObserve`: identical events are counted on one object.
    #[test]
    fn identical_events_are_counted() {
        let evs = vec![
            ev(secs(1.0), "BackOff", "c", "m"),
            ev(secs(5.5), "BackOff", "c", "m"),
            ev(secs(11.2), "BackOff", "c", "m"),
        ];
        let a = correlate_events(&evs, secs(20.0), true);
        assert_eq!(a.len(), 1);
        assert_eq!(
            (a[0].count, a[0].first, a[0].last),
            (3, secs(1.0), secs(11.0))
        );
        let a = correlate_events(&evs, secs(6.0), true);
        assert_eq!((a[0].count, a[0].last), (2, secs(5.0)));
    }

    /// events_cache.go `EventAggregate`: the 10th distinct message of a group is combined.
    #[test]
    fn ten_distinct_messages_are_combined() {
        let evs: Vec<Event> = (0..12)
            .map(|i| ev(secs(i as f64), "Unhealthy", "c", &format!("m{i}")))
            .collect();
        let a = correlate_events(&evs, secs(100.0), true);
        assert_eq!(a.len(), 10);
        let last = a.last().unwrap();
        assert_eq!(last.message, "(combined from similar events): m11");
        assert_eq!(
            (last.count, last.first, last.last),
            (3, secs(9.0), secs(11.0))
        );
    }

    /// events_cache.go `EventSourceObjectSpamFilter`: burst 25, then one per 300 s.
    #[test]
    fn spam_filter_token_bucket() {
        let mut evs: Vec<Event> = (0..25)
            .map(|i| ev(secs(i as f64 * 0.1), &format!("R{i}"), "", "x"))
            .collect();
        evs.extend((0..40).map(|i| ev(secs(10.0 + i as f64 * 10.0), "BackOff", "c", "m")));
        let a = correlate_events(&evs, secs(405.0), true);
        let b = a.iter().find(|e| e.reason == "BackOff");
        // Tokens: empty after the burst (25 taken by 2.4 s); the bucket has refilled one token
        // (1/300 per s since t = 0) at 300 s → the BackOff at 300 s is written with the count
        // accumulated since 10 s.
        let b = b.expect("written once a token is available");
        assert_eq!(
            (b.count, b.first, b.last),
            (30, Time::from_secs(10), Time::from_secs(300))
        );
        let a = correlate_events(&evs, secs(405.0), false);
        let b = a.iter().find(|e| e.reason == "BackOff").unwrap();
        assert_eq!((b.count, b.last), (40, Time::from_secs(400)));
    }
}
