//! When syncs happen: the pod worker (`pkg/kubelet/pod_workers.go` `UpdatePod`,
//! `podWorkerLoop`, `completeWork`), the PLEG relist (`pkg/kubelet/pleg/generic.go`, 1 s
//! period) and the sync loop (`pkg/kubelet/kubelet.go` `syncLoopIteration`).
//!
//! rule: pod-worker-sync, pleg-relist
//!
//! Model (kubelet-semantics.md §2.1): one sync at a time; triggers during a sync are coalesced
//! into one pending sync; every sync but the first starts at the first PLEG relist after
//! max(trigger, end of the previous sync), because the worker waits for a pod cache newer than
//! its last sync (`podCache.GetNewerThan`). After a sync the work queue holds one entry: the
//! resync (`syncFrequency` 1 m × jitter → 75 s default) or, when the sync returned an error
//! (back-off, pull failure), the error re-queue (`backOffPeriod` 10 s × jitter 0.5 → 12.5 s
//! default; seeded: uniform [10, 15)).

use super::kuberuntime::{Op, Step};
use super::{Ev, Sim};
use crate::time::{Duration, Time};
use std::collections::VecDeque;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// `SyncPod`.
    #[default]
    Sync,
    /// `SyncTerminatingPod`: stopping everything.
    Terminating,
    /// `SyncTerminatedPod` done: nothing more to do.
    Terminated,
}

#[derive(Clone, Default)]
pub struct Worker {
    pub busy: bool,
    /// A `SyncStart` is queued for this instant.
    pub scheduled: Option<Time>,
    /// A trigger arrived during the current sync.
    pub pending: bool,
    pub last_end: Time,
    /// The work-queue entry (re-queue or resync), if any.
    pub requeue_at: Option<Time>,
    pub steps: VecDeque<Step>,
    pub op: Option<Op>,
    /// The current sync returned an error (back-off, image pull failure).
    pub sync_error: bool,
    /// Earliest back-off expiry met in this sync (for the 1.35+ exact re-queue).
    pub backoff_expiry: Option<Time>,
    pub mode: Mode,
    /// Start of the current sync (its pre-sync runtime snapshot is taken here).
    pub sync_started: Time,
    pub synced_once: bool,
    /// The pod was observed terminal (its final status published).
    pub terminal_published: bool,
}

/// The kubelet's `syncFrequency` (default 1 min): the pod worker's resync interval.
pub const RESYNC_INTERVAL: Duration = Time::from_secs(60);

impl Sim {
    /// The first PLEG relist at or after `t` (`pleg_phase + k·1 s`).
    pub fn relist_at_or_after(&self, t: Time) -> Time {
        let (phase, period) = (self.s.pleg_phase, Time::from_secs(1));
        phase + period * phase.ticks_until(period, t)
    }

    /// The first relist strictly after `t`.
    pub fn relist_after(&self, t: Time) -> Time {
        let r = self.relist_at_or_after(t);
        if r <= t {
            r + Time::from_secs(1)
        } else {
            r
        }
    }

    /// A runtime change at `t` (container started/exited, sandbox ready): the PLEG relist after
    /// it emits a pod lifecycle event, which triggers a sync.
    pub fn pleg_change(&mut self, t: Time) {
        let r = self.relist_at_or_after(t.max(self.now));
        self.request_sync(r);
    }

    /// `UpdatePod` for a trigger at `t` (PLEG event, probe result change, config change,
    /// re-queue).
    pub fn request_sync(&mut self, t: Time) {
        if self.worker.mode == Mode::Terminated {
            return;
        }
        if self.worker.busy {
            self.worker.pending = true;
            return;
        }
        let earliest = if self.worker.synced_once {
            self.relist_after(self.worker.last_end)
        } else {
            Time::ZERO
        };
        let at = self.relist_at_or_after(t.max(self.now)).max(earliest);
        match self.worker.scheduled {
            Some(s) if s <= at => {}
            _ => {
                self.worker.scheduled = Some(at);
                self.schedule(at, Ev::SyncStart);
            }
        }
    }

    /// A `SyncStart` event: begin a sync unless it was superseded.
    pub fn sync_start(&mut self) {
        if self.worker.busy
            || self.worker.scheduled.is_some_and(|s| s > self.now)
            || self.worker.mode == Mode::Terminated
        {
            return;
        }
        self.worker.scheduled = None;
        self.worker.busy = true;
        self.worker.synced_once = true;
        self.worker.sync_error = false;
        self.worker.backoff_expiry = None;
        self.worker.sync_started = self.now;
        if let Some(d) = self.mirror_deleted.take() {
            // `SyncPod`: a mirror pod with a deletionTimestamp is deleted and re-created.
            self.pod.mirror_recreated.push((d, self.now));
        }
        self.syncs.push(self.now);
        match self.worker.mode {
            Mode::Sync => self.sync_pod(),
            Mode::Terminating => self.sync_terminating_pod(),
            Mode::Terminated => {}
        }
        self.worker_poll();
    }

    /// Continue the current sync: finish the blocking operation if it is done, then run steps
    /// until one blocks or none are left.
    pub fn worker_poll(&mut self) {
        if !self.worker.busy {
            return;
        }
        loop {
            if self.worker.op.is_some() {
                if !self.poll_op() {
                    return;
                }
                self.worker.op = None;
            }
            let Some(step) = self.worker.steps.pop_front() else {
                self.sync_end();
                return;
            };
            self.run_step(step);
        }
    }

    /// `completeWork`: the sync finished; re-queue and handle a pending trigger.
    fn sync_end(&mut self) {
        self.worker.busy = false;
        self.worker.last_end = self.now;
        if self.worker.mode == Mode::Terminated {
            return;
        }
        let delay = if self.worker.sync_error {
            match self.worker.backoff_expiry {
                // 1.35+ (PR #133066, `completeWork`): a crash-loop back-off error carries its
                // expiry; the worker re-queues the pod then instead of after the 10 s error
                // period — `clamp(expiry − now, 0, resyncInterval)`, so a long back-off is
                // re-checked every minute (and the status then reads CrashLoopBackOff) — with
                // `wait.Jitter(backoff, workerBackOffPeriodJitterFactor)`.
                // rule: backoff-requeue-on-expiry
                Some(exp) if self.s.kubelet_version.at_least(35) => {
                    let d = (exp - self.now).max(Time::ZERO).min(RESYNC_INTERVAL);
                    self.jittered(d)
                }
                _ => self.requeue_delay(),
            }
        } else {
            // Resync: `wait.Jitter(resyncInterval, workerResyncIntervalJitterFactor)`.
            self.jittered(RESYNC_INTERVAL)
        };
        let at = self.now + delay;
        self.worker.requeue_at = Some(at);
        self.schedule(at, Ev::Trigger);
        if self.worker.pending {
            self.worker.pending = false;
            let now = self.now;
            self.request_sync(now);
        }
    }

    /// The error re-queue delay: `wait.Jitter(backOffPeriod = 10 s, 0.5)` — uniform [10, 15)
    /// with a seed, else the `requeueSeconds` setting (12.5 s, the middle).
    fn requeue_delay(&mut self) -> Duration {
        match self.s.seed {
            Some(_) => self.jittered(Time::from_secs(10)),
            None => self.s.requeue_seconds,
        }
    }

    /// `wait.Jitter(d, 0.5)` (both pod-worker jitter factors are 0.5): `d + U[0, 0.5)·d` drawn
    /// from the seed; without a seed the middle of that range, `1.25·d`.
    fn jittered(&mut self, d: Duration) -> Duration {
        match self.s.seed {
            Some(_) => d + Time::from_secs_f64(d.as_secs_f64() * 0.5 * self.rng.unit()),
            None => d + d / 4,
        }
    }

    /// A `Trigger` event: the work-queue entry is due (checked by the 1 s sync ticker).
    pub fn trigger_due(&mut self) {
        if let Some(at) = self.worker.requeue_at {
            if at <= self.now {
                self.worker.requeue_at = None;
                let now = self.now;
                self.request_sync(now);
            }
        }
    }
}
